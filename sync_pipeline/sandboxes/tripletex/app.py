"""The Tripletex sandbox as a Starlette application under /v2, with admin controls under /_sandbox/."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from sync_pipeline.sandboxes.admin import admin_routes
from sync_pipeline.sandboxes.controls import ADMIN_PREFIX, ControlsMiddleware, RateWindow, SandboxControls
from sync_pipeline.sandboxes.tripletex import field_selection
from sync_pipeline.sandboxes.tripletex.companies import HOME, MAX_COMPANY_ID, Auth, Companies, Company
from sync_pipeline.sandboxes.tripletex.errors import ApiError, error_body
from sync_pipeline.sandboxes.tripletex.parties import KINDS
from sync_pipeline.sandboxes.tripletex.reference_data import (
    COUNTRIES,
    CURRENCIES,
    country_json,
    currency_json,
)
from sync_pipeline.sandboxes.tripletex.store import HOME_TABLES, TripletexStore
from sync_pipeline.sandboxes.tripletex.webhooks import EVENTS, DeliverySettings, Dispatcher, Webhooks

API = "/v2"
Handler = Callable[[Request], Awaitable[Response]]


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json.dumps(payload, separators=(",", ":")), status_code=status, media_type="application/json")


def _error(exc: ApiError, request_id: str | None = None) -> Response:
    body = error_body(exc.status, exc.message, exc.code, exc.validation, request_id)
    return _json(body, exc.status)


def _path_id(request: Request) -> int:
    """An object id from the path: Tripletex ids are 64-bit; anything else names no object."""
    try:
        value = int(request.path_params["id"])
    except ValueError:
        raise ApiError(404, 6000, "Object not found") from None
    if not 0 < value < 2**63:
        raise ApiError(404, 6000, "Object not found")
    return value


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(422, 21000, "Ugyldig parameter.", [(name, f"Ugyldig tall: {raw}")]) from None
    if value < 0:
        raise ApiError(422, 21000, "Ugyldig parameter.", [(name, "Kan ikke være negativ")])
    return value


NO_DIGEST = "'If-None-Match' header not specified"


def _list_envelope(values_json: list[str], start: int, total: int, digest: str = NO_DIGEST) -> Response:
    # Pages are assembled from stored JSON without re-parsing: a page of 1000 customers costs a string join.
    raw = (
        f'{{"fullResultSize":{total},"from":{start},"count":{len(values_json)},'
        f'"versionDigest":{json.dumps(digest)},"values":[{",".join(values_json)}]}}'
    )
    return Response(raw, media_type="application/json")


def version_digest(query: list[tuple[str, str]], total: int, rows: list[Any]) -> str:
    """The checksum of one list answer: the query that made it, its full size and the ids and versions it lists.

    Any change to a listed record bumps its version, and a record added or removed anywhere in the query changes
    the full size, so an unchanged digest means an unchanged page. It may change when the page did not (another
    page grew), which Tripletex's notes call harmless; it never stays the same when the page changed.
    """
    text = json.dumps([sorted(query), total, [(r[0], r[1]) for r in rows]], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _select(request: Request) -> field_selection.Selection | None:
    expression = request.query_params.get("fields")
    if not expression:
        return None
    try:
        return field_selection.parse(expression)
    except field_selection.FieldsSyntaxError as exc:
        raise ApiError(400, 11000, f"Illegal field filter: {exc}") from None


def _filtered(obj: dict[str, Any], selection: field_selection.Selection | None) -> dict[str, Any]:
    return field_selection.apply(obj, selection if selection is not None else {"*": None})


class TripletexSandbox:
    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.delivery = DeliverySettings()
        wake = threading.Event()
        self.companies = Companies(data_dir, self.delivery, wake)
        self.dispatcher = Dispatcher(lambda: [c.webhooks for c in self.companies.all()], wake)
        self.controls = SandboxControls()
        self.consumer_token = os.environ.get("TRIPLETEX_CONSUMER_TOKEN")
        self.employee_token = os.environ.get("TRIPLETEX_EMPLOYEE_TOKEN")
        self.session_ttl: float | None = None  # seconds; None → until the end of expirationDate
        # Tripletex calls the list checksum experimental: an installation without it ignores If-None-Match and
        # answers "'If-None-Match' header not specified"; PUT /_sandbox/version-digest {"enabled": false} models that
        self.version_digests = True

    @property
    def store(self) -> TripletexStore:
        """Company 1's store, which also keeps the sessions."""
        return self.companies.home.store

    @property
    def webhooks(self) -> Webhooks:
        return self.companies.home.webhooks

    def _company(self, request: Request) -> Company:
        """The company the request acts in, as its Basic-auth user name chose it."""
        auth: Auth = request.state.auth
        return self.companies.get(auth.company)

    # ---- plumbing -------------------------------------------------------------------------------------------
    def endpoint(self, handler: Handler, auth: bool = True) -> Handler:
        async def wrapped(request: Request) -> Response:
            request_id = str(uuid.uuid4())
            try:
                if auth:
                    request.state.auth = self.companies.authenticate(request.headers.get("authorization", ""))
                response = await handler(request)
            except ApiError as exc:
                response = _error(exc, request_id)
            except (TypeError, AttributeError, ValueError, sqlite3.ProgrammingError) as exc:
                # a body of the wrong shape (a list where a text belongs, say): Tripletex maps the body to its types
                # first and answers 422, never 5xx
                mapping = ApiError(422, 16000, "Request mapping failed", [("", f"{type(exc).__name__}: {exc}"[:300])])
                response = _error(mapping, request_id)
            response.headers["x-tlx-request-id"] = request_id
            return response

        return wrapped

    async def _body(self, request: Request) -> Any:
        raw = await request.body()
        try:
            return json.loads(raw or b"null")
        except ValueError:
            raise ApiError(422, 22000, "Invalid JSON", [("", "Request body is not valid JSON")]) from None

    # ---- session --------------------------------------------------------------------------------------------
    async def create_session(self, request: Request) -> Response:
        consumer = request.query_params.get("consumerToken", "")
        employee = request.query_params.get("employeeToken", "")
        expiration = request.query_params.get("expirationDate", "")
        if not consumer or not employee:
            raise ApiError(422, 21000, "Ugyldig parameter.", [("consumerToken", "Feltet må fylles ut.")])
        if (self.consumer_token and consumer != self.consumer_token) or (
            self.employee_token and employee != self.employee_token
        ):
            raise ApiError(403, 9000, "Invalid consumer or employee token")
        try:
            expires_on = date.fromisoformat(expiration)
        except ValueError:
            raise ApiError(422, 21000, "Ugyldig parameter.", [("expirationDate", "Ugyldig dato")]) from None
        if expires_on < datetime.now(UTC).date():
            raise ApiError(422, 21000, "Ugyldig parameter.", [("expirationDate", "Datoen er passert")])
        end_of_day = datetime.combine(expires_on + timedelta(days=1), datetime.min.time(), UTC).timestamp()
        expires_at = min(end_of_day, time.time() + self.session_ttl) if self.session_ttl else end_of_day
        token = self.store.create_session(consumer, employee, expires_at)
        value = {
            "id": abs(hash(token)) % 10_000_000, "version": 0, "url": "tripletex.no/v2/token/session",
            "consumerToken": {"id": 1, "url": "tripletex.no/v2/token/consumer/1"},
            "employeeToken": {"id": 1, "url": "tripletex.no/v2/token/employee/1"},
            "expirationDate": expires_on.isoformat(), "token": token,
        }
        return _json({"value": value})

    async def who_am_i(self, request: Request) -> Response:
        auth: Auth = request.state.auth
        value = {
            "employeeId": 1, "actualEmployeeId": 1, "employee": {"id": 1, "url": "tripletex.no/v2/employee/1"},
            "companyId": auth.company,
            "company": {"id": auth.company, "url": f"tripletex.no/v2/company/{auth.company}"},
            "language": "no", "loggedInWithConnect": False, "employeeIsProxy": auth.company != auth.own,
        }
        return _json({"value": value})

    # ---- customer and supplier ------------------------------------------------------------------------------
    def party_routes(self, kind: str) -> list[Route]:
        async def collection(request: Request) -> Response:
            store = self._company(request).store
            if request.method == "POST":
                obj = store.create(kind, await self._body(request))
                return _json({"value": _filtered(obj, None)}, 201)
            start = _int_param(request, "from", 0)
            count = _int_param(request, "count", 1000)
            selection = _select(request) or {"*": None}
            rows, total = store.list(kind, dict(request.query_params), start, count)
            digest = NO_DIGEST
            known = request.headers.get("if-none-match")
            # Tripletex computes the checksum only when asked, and answers 304 when it matches
            if known is not None and self.version_digests:
                digest = version_digest(request.query_params.multi_items(), total, rows)
                if known == digest:
                    return Response(status_code=304)
            values = [json.dumps(field_selection.apply(json.loads(r[2]), selection), separators=(",", ":"))
                      for r in rows]
            return _list_envelope(values, start, total, digest)

        async def batch(request: Request) -> Response:
            """POST /{kind}/list creates several records in one call; PUT /{kind}/list updates several (each object
            names its id)."""
            store = self._company(request).store
            body = await self._body(request)
            if not isinstance(body, list) or not all(isinstance(obj, dict) for obj in body):
                raise ApiError(422, 16000, "Request mapping failed", [("", "Expected a JSON array of objects")])
            if request.method == "POST":
                done = [_filtered(store.create(kind, obj), None) for obj in body]
            else:
                if any(not isinstance(obj.get("id"), int) or isinstance(obj.get("id"), bool) for obj in body):
                    raise ApiError(422, 18000, "Validering feilet.", [("id", "Hvert objekt må ha en id")])
                done = [_filtered(store.update(kind, obj["id"], obj), None) for obj in body]
            return _json({"fullResultSize": len(done), "from": 0, "count": len(done),
                          "versionDigest": NO_DIGEST, "values": done},
                         201 if request.method == "POST" else 200)

        async def item(request: Request) -> Response:
            store = self._company(request).store
            pid = _path_id(request)
            if request.method == "GET":
                return _json({"value": _filtered(store.get(kind, pid), _select(request))})
            if request.method == "PUT":
                body = await self._body(request)
                if not isinstance(body, dict):
                    raise ApiError(422, 16000, "Request mapping failed", [("", "Expected a JSON object")])
                if body.get("id") not in (None, pid):
                    raise ApiError(422, 18000, "Validering feilet.", [("id", "Id i URL og body er ulike")])
                obj = store.update(kind, pid, body)
                return _json({"value": _filtered(obj, None)})
            store.delete(kind, pid)
            return Response(status_code=204)

        return [
            Route(f"{API}/{kind}", self.endpoint(collection), methods=["GET", "POST"]),
            Route(f"{API}/{kind}/list", self.endpoint(batch), methods=["POST", "PUT"]),
            Route(f"{API}/{kind}/{{id}}", self.endpoint(item), methods=["GET", "PUT", "DELETE"]),
        ]

    # ---- reference data -------------------------------------------------------------------------------------
    def reference_routes(self, name: str, objects: list[dict[str, Any]], code_key: str) -> list[Route]:
        async def collection(request: Request) -> Response:
            found = objects
            if request.query_params.get("id"):
                ids = {int(x) for x in request.query_params["id"].split(",") if x.strip().isdigit()}
                found = [o for o in found if o["id"] in ids]
            if request.query_params.get("code"):
                codes = {c.strip().upper() for c in request.query_params["code"].split(",")}
                found = [o for o in found if o[code_key] in codes]
            start = _int_param(request, "from", 0)
            count = _int_param(request, "count", 1000)
            selection = _select(request)
            page = [json.dumps(_filtered(o, selection)) for o in found[start:start + count]]
            return _list_envelope(page, start, len(found))

        async def item(request: Request) -> Response:
            for obj in objects:
                if str(obj["id"]) == request.path_params["id"]:
                    return _json({"value": _filtered(obj, _select(request))})
            raise ApiError(404, 6000, "Object not found")

        return [
            Route(f"{API}/{name}", self.endpoint(collection)),
            Route(f"{API}/{name}/{{id}}", self.endpoint(item)),
        ]

    # ---- events ---------------------------------------------------------------------------------------------
    async def events(self, request: Request) -> Response:
        return _json({"value": {name: {"description": text} for name, text in EVENTS.items()}})

    async def subscriptions(self, request: Request) -> Response:
        webhooks = self._company(request).webhooks
        if request.method == "POST":
            return _json({"value": webhooks.create_subscription(await self._body(request))}, 201)
        subs = webhooks.list_subscriptions()
        return _list_envelope([json.dumps(s) for s in subs], 0, len(subs))

    async def subscription(self, request: Request) -> Response:
        webhooks = self._company(request).webhooks
        sid = _path_id(request)
        if request.method == "GET":
            return _json({"value": webhooks.get_subscription(sid)})
        if request.method == "PUT":
            return _json({"value": webhooks.update_subscription(sid, await self._body(request))})
        webhooks.delete_subscription(sid)
        return Response(status_code=204)

    # ---- admin ----------------------------------------------------------------------------------------------
    def admin(self) -> list[Route]:
        async def expire_sessions(request: Request) -> Response:
            return JSONResponse({"expired": self.store.expire_sessions()})

        async def session_ttl(request: Request) -> Response:
            seconds = (await request.json()).get("seconds")
            self.session_ttl = float(seconds) if seconds else None
            return JSONResponse({"seconds": self.session_ttl})

        async def companies(request: Request) -> Response:
            """PUT {"employee_token", "companies": [ids], "own": id}: which companies that token reaches (its own
            company defaults to the first listed). GET: the companies that hold a store."""
            if request.method == "GET":
                return JSONResponse({"companies": sorted(c.id for c in self.companies.all())})
            try:
                given = await request.json()
                own, reached = self.companies.declare(given.get("employee_token"), given.get("companies"),
                                                      given.get("own"))
            except (ValueError, TypeError, AttributeError) as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            return JSONResponse({"own": own, "companies": reached})

        async def webhook_settings(request: Request) -> Response:
            given = await request.json()
            for key in ("retry_delays", "max_consecutive_failures", "paused", "timeout"):
                if key in given:
                    setattr(self.delivery, key, given[key])
            self.webhooks._wake.set()
            return JSONResponse(vars(self.delivery))

        @_answers_api_errors
        async def deliveries(request: Request) -> Response:
            return JSONResponse({"deliveries": self._admin_company(request).webhooks.deliveries()})

        @_answers_api_errors
        async def redeliver(request: Request) -> Response:
            every = [self._admin_company(request)] if request.query_params.get("company") else self.companies.all()
            return JSONResponse({"queued": sum(c.webhooks.redeliver() for c in every)})

        @_answers_api_errors
        async def subscription_status(request: Request) -> Response:
            webhooks = self._admin_company(request).webhooks
            webhooks.set_status(int(request.path_params["id"]), (await request.json())["status"])
            return Response(status_code=204)

        def chosen(company: int | None) -> list[Company]:
            return self.companies.all() if company is None else [self.companies.get(company)]

        def reset(company: int | None = None) -> None:
            """Without a company the whole sandbox starts afresh, as before companies existed (sessions and which
            companies a token reaches included); with one, only that company's data."""
            for each in chosen(company):
                each.store.db.reset(keep=HOME_TABLES if company is not None else ())
                each.store._invalidate()
            if company is None:
                self.session_ttl, self.version_digests = None, True

        def snapshot(company: int | None = None) -> None:
            for each in chosen(company):
                each.store.db.snapshot()

        def restore(company: int | None = None) -> None:
            kept = [c for c in chosen(company) if c.store.db.has_snapshot]
            if not kept:
                raise LookupError("no snapshot was taken")
            for each in chosen(company):
                if each.store.db.has_snapshot:
                    each.store.db.restore()
                else:  # a company first used after the snapshot did not exist then
                    each.store.db.reset(keep=HOME_TABLES)
                each.store._invalidate()
            if company is None:
                self.session_ttl = None

        async def version_digests(request: Request) -> Response:
            enabled = (await request.json()).get("enabled")
            if not isinstance(enabled, bool):
                return JSONResponse({"error": "send {\"enabled\": true|false}"}, status_code=400)
            self.version_digests = enabled
            return JSONResponse({"enabled": enabled})

        def stats(company: int = HOME) -> dict[str, Any]:
            one = self.companies.get(company)
            return {"records": one.store.counts(), "subscriptions": len(one.webhooks.list_subscriptions())}

        return admin_routes(
            self.controls,
            reset=reset,
            stats=stats,
            bulk_create=lambda kind, records, company=HOME: self.companies.get(company).store.bulk_create(
                kind, records),
            kinds=KINDS,
            snapshot=snapshot,
            restore=restore,
            scope=_company_scope,
            extra=[
                Route(f"{ADMIN_PREFIX}/companies", companies, methods=["GET", "PUT"]),
                Route(f"{ADMIN_PREFIX}/sessions/expire", expire_sessions, methods=["POST"]),
                Route(f"{ADMIN_PREFIX}/version-digest", version_digests, methods=["PUT"]),
                Route(f"{ADMIN_PREFIX}/sessions/ttl", session_ttl, methods=["PUT"]),
                Route(f"{ADMIN_PREFIX}/webhooks", webhook_settings, methods=["PUT"]),
                Route(f"{ADMIN_PREFIX}/webhooks/deliveries", deliveries, methods=["GET"]),
                Route(f"{ADMIN_PREFIX}/webhooks/redeliver", redeliver, methods=["POST"]),
                Route(f"{ADMIN_PREFIX}/subscriptions/{{id}}/status", subscription_status, methods=["PUT"]),
            ],
        )

    def _company_of_headers(self, headers: dict[str, str]) -> int | None:
        return self.companies.company_of(headers.get("authorization", ""))

    def _admin_company(self, request: Request, default: int = HOME) -> Company:
        """The company an admin control names with `?company=N` (a 400-worthy ApiError when it names none)."""
        try:
            return self.companies.get(_company_scope(request).get("company", default))
        except ValueError as exc:
            raise ApiError(400, 4000, str(exc)) from None

    def build(self) -> Starlette:
        async def ready(request: Request) -> Response:
            return PlainTextResponse("tripletex sandbox ready")

        routes = [
            Route("/", ready),
            Route(f"{API}/token/session/:create", self.endpoint(self.create_session, auth=False), methods=["PUT"]),
            Route(f"{API}/token/session/>whoAmI", self.endpoint(self.who_am_i)),
            *self.party_routes("customer"),
            *self.party_routes("supplier"),
            *self.reference_routes("currency", [currency_json(c) for c in CURRENCIES], "code"),
            *self.reference_routes("country", [country_json(c) for c in COUNTRIES], "isoAlpha2Code"),
            Route(f"{API}/event", self.endpoint(self.events)),
            Route(f"{API}/event/subscription", self.endpoint(self.subscriptions), methods=["GET", "POST"]),
            Route(f"{API}/event/subscription/{{id}}", self.endpoint(self.subscription),
                  methods=["GET", "PUT", "DELETE"]),
            *self.admin(),
        ]

        @contextlib.asynccontextmanager
        async def lifespan(app: Starlette):
            self.dispatcher.start()
            yield
            self.dispatcher.stop()

        middleware = [Middleware(ControlsMiddleware, controls=self.controls, api_prefix=API,
                                 error_body=lambda status, message, request_id: error_body(
                                     status, message, request_id=request_id),
                                 rate_headers=_rate_headers, request_id_header="x-tlx-request-id",
                                 company_of=self._company_of_headers)]
        app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
        app.state.sandbox = self
        return app


def _answers_api_errors(handler: Handler) -> Handler:
    """An admin control that refuses with Tripletex's envelope rather than a 500."""
    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return _error(exc)
    return wrapped


def _company_scope(request: Request) -> dict[str, Any]:
    """`?company=N` on an admin control: {"company": N}, or {} when not given."""
    raw = request.query_params.get("company")
    if not raw:
        return {}
    if not raw.isdigit() or not 0 < int(raw) <= MAX_COMPANY_ID:
        raise ValueError(f"?company= takes a company id from 1 to {MAX_COMPANY_ID}, not {raw!r}")
    return {"company": int(raw)}


def _rate_headers(window: RateWindow, remaining: int, reset: int) -> dict[str, str]:
    return {
        "X-Rate-Limit-Limit": str(window.spec.limit),
        "X-Rate-Limit-Remaining": str(remaining),
        "X-Rate-Limit-Reset": str(reset),
    }


def create_app(data_dir: str | Path | None = None) -> Starlette:
    return TripletexSandbox(data_dir).build()
