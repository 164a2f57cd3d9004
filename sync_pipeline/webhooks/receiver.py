"""The webhook receiver: `POST /webhooks/tripletex`, `POST /webhooks/tripletex/<company>`, `GET /healthz` (Starlette,
served by uvicorn).

`/webhooks/tripletex` is the single company of a deployment without tenants (TRIPLETEX_WEBHOOK_AUTH,
TRIPLETEX_WEBHOOK_SECRET, landing in the data folder). `/webhooks/tripletex/<company>` is a company of the registry:
checked with that company's own Authorization value and HMAC secret (the variables its registry entry names), landed
in its own folder (`tenants/<company>/landing/`). The registry is read again whenever its file changed, so a company
added after the receiver started is served without a restart; an unknown company is answered 404 with nothing
written.

A delivery is answered 2xx only once it is on disk (webhooks.landing), so every acknowledged change survives a crash
of the receiver; the run that applies it comes later, from the sensor. What is refused:
- a wrong or missing auth header, or (with a shared secret) a wrong `x-request-signature` → 401, nothing written;
- a body over 1 MiB → 413;
- a body that is not a JSON delivery (`subscriptionId`, `event`, `id`) → 400, and the bytes with the reason go to
  quarantine/ for an operator.
An unknown event name is accepted (2xx) and quarantined, not dropped. A redelivery of a key already landed is
answered 2xx and not landed twice.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import ipaddress
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from sync_pipeline.clients.redact import register_secret
from sync_pipeline.settings import multi_tenant
from sync_pipeline.tenants.company import Company
from sync_pipeline.tenants.directory import Directory
from sync_pipeline.tenants.registry import TenantError
from sync_pipeline.webhooks.landing import Landing

MAX_BODY = 1024 * 1024
KNOWN_EVENTS = frozenset(f"{kind}.{action}" for kind in ("customer", "supplier")
                         for action in ("create", "update", "delete"))
PATH = "/webhooks/tripletex"
TENANT_PATH = PATH + "/{tenant}"
# Landing a delivery is mostly waiting on the disk (create, fsync, link); a few threads overlap those waits. More
# threads only fight over the interpreter lock.
WRITER_THREADS = 8


@dataclass(frozen=True)
class ReceiverSettings:
    data_dir: str
    auth: str | None = None  # TRIPLETEX_WEBHOOK_AUTH: the value Tripletex sends in the Authorization header
    secret: str | None = None  # TRIPLETEX_WEBHOOK_SECRET: the subscription's hmacSharedSecret
    # A registered company whose entry names no webhook Authorization variable: accepted without one (a receiver on
    # loopback, or serving a sandbox), or else refused 401, since anyone could post for it.
    tenants_without_auth: bool = False


@dataclass(frozen=True)
class Destination:
    """Where one route's deliveries land, and what they are checked with; `refused` says why none is accepted."""

    landing: Landing
    auth: str | None
    secret: str | None
    refused: str = ""


class UnsafeExposure(RuntimeError):
    """The receiver would accept anyone's deliveries where others can reach it."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve to anything, so it counts as reachable by others
        return False


def exposure_check(host: str, auth: str | None, *, sandbox: bool) -> None:
    """A receiver without TRIPLETEX_WEBHOOK_AUTH accepts any delivery from anyone, and a forged delivery makes the
    sync fetch and apply whatever it names. That is fine on loopback (only this machine reaches it) and for a
    sandbox said so explicitly; anywhere else it refuses to start."""
    if auth or sandbox or is_loopback(host):
        return
    raise UnsafeExposure(f"refusing to listen on {host} without TRIPLETEX_WEBHOOK_AUTH: set it to the Authorization "
                         "value the subscriptions send (and TRIPLETEX_WEBHOOK_SECRET), or pass --sandbox when this "
                         "receiver serves a sandbox")


def signature(secret: str, idempotency_key: str, body: bytes) -> str:
    """Tripletex's x-request-signature: base64(HMAC-SHA512(secret, idempotency-key + "&" + body))."""
    return base64.b64encode(hmac.new(secret.encode(), idempotency_key.encode() + b"&" + body,
                                     hashlib.sha512).digest()).decode()


def create_app(settings: ReceiverSettings) -> Starlette:
    single = Destination(Landing(settings.data_dir), settings.auth, settings.secret)
    companies = Directory(lambda company: company_destination(company, settings.tenants_without_auth),
                          settings.data_dir)
    writers = ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="landing")
    register_secret(settings.auth)
    register_secret(settings.secret)

    serves_companies = multi_tenant()  # then nothing reads the single company's folder

    async def receive_single(request: Request) -> Response:
        if serves_companies:
            return _problem(404, "this receiver serves several companies: post to /webhooks/tripletex/<company>")
        return await receive(request, single)

    async def receive_tenant(request: Request) -> Response:
        # a registry change is parsed here, on the event loop: a rare, small read, and one stat per delivery otherwise
        destination = companies.get(request.path_params["tenant"])
        if destination is None:
            return _problem(404, "no such company")
        if destination.refused:
            return _problem(401, destination.refused)
        return await receive(request, destination)

    async def receive(request: Request, to: Destination) -> Response:
        if to.auth is not None and not hmac.compare_digest(
                request.headers.get("authorization", "").encode(), to.auth.encode()):
            return _problem(401, "wrong or missing Authorization header")
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
            return _problem(413, f"body over {MAX_BODY} bytes")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return _problem(413, f"body over {MAX_BODY} bytes")
        key = request.headers.get("idempotency-key", "")
        if to.secret is not None and not hmac.compare_digest(
                request.headers.get("x-request-signature", "").encode(), signature(to.secret, key, body).encode()):
            return _problem(401, "wrong or missing x-request-signature")
        reason, payload = _read_delivery(body)
        loop = asyncio.get_running_loop()
        kept = {name: request.headers.get(name, "") for name in ("idempotency-key", "content-type")}
        if reason:
            await loop.run_in_executor(writers, to.landing.quarantine, body, reason, kept)
            return _problem(400, reason)
        if payload["event"] not in KNOWN_EVENTS:
            await loop.run_in_executor(writers, to.landing.quarantine, body, f"unknown event {payload['event']!r}",
                                       kept)
            return JSONResponse({"status": "quarantined", "reason": "unknown event"}, status_code=202)
        if not key:  # without a key redeliveries cannot be recognised: use the body itself
            key = "body:" + hashlib.sha256(body).hexdigest()
        landed = await loop.run_in_executor(writers, to.landing.land, key, payload)
        return JSONResponse({"status": "landed" if landed else "already landed"}, status_code=200)

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route(PATH, receive_single, methods=["POST"]),
                             Route(TENANT_PATH, receive_tenant, methods=["POST"]), Route("/healthz", healthz)])


def company_credentials(company: Company) -> tuple[str | None, str | None]:
    """The Authorization value and HMAC secret of a company's deliveries, which its subscriptions carry and the
    receiver checks. A registered company's variable that is named but unset raises TenantError naming it: an
    operator meant its deliveries checked. The single company's are optional (TRIPLETEX_WEBHOOK_AUTH on loopback)."""
    if not company.is_tenant:
        return company.webhook_credentials()
    auth, secret = (company.secret(variable) if variable else None
                    for variable in (company.webhook_auth_env, company.webhook_secret_env))
    return auth, secret


def company_destination(company: Company, without_auth: bool) -> Destination:
    """A registered company's landing folder and credentials. A company whose variables this process lacks, or (unless
    `without_auth`) that names no Authorization variable, has every delivery refused 401; the reason goes once to
    stderr for the operator, naming the company and what to set, and not to the caller."""
    try:
        auth, secret = company_credentials(company)
        refused = "" if auth is not None or without_auth else (
            f"company {company.name} names no webhook Authorization variable, so anyone could post its deliveries: "
            "add it again with `sync-pipeline tenants add … --webhook-auth-env VAR`")
    except TenantError as missing:
        auth = secret = None
        refused = str(missing)
    if refused:
        print(f"webhook receiver: refusing deliveries: {refused}", file=sys.stderr, flush=True)
        refused = "this company's deliveries are not accepted here (the receiver's log says why)"
    register_secret(auth)
    register_secret(secret)
    return Destination(Landing(company.data_dir), auth, secret, refused)


def _read_delivery(body: bytes) -> tuple[str, dict]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        return f"not JSON: {exc}", {}
    if not isinstance(payload, dict):
        return "not a JSON object", {}
    missing = [key for key in ("subscriptionId", "event", "id") if key not in payload]
    if missing:
        return f"missing {', '.join(missing)}", {}
    if not isinstance(payload["event"], str):
        return "event is not a string", {}
    if isinstance(payload["id"], bool) or not isinstance(payload["id"], int):
        return "id is not an integer", {}
    return "", payload


def _problem(status: int, message: str) -> Response:
    return JSONResponse({"status": status, "message": message}, status_code=status)
