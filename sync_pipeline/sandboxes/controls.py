"""Fault injection, request log and rate limiting, shared by both sandboxes as one ASGI middleware.

Tests drive these through /_sandbox/ so that every client behaviour (waiting out a 429, retrying a 503, renewing a
session) is proven against a server that really misbehaves, not against a mock.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from pydantic import BaseModel, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ADMIN_PREFIX = "/_sandbox"
# Where a sandbox that serves each company under a path prefix (Telaris: /companies/<id>/…) puts the company a
# request is for, so that faults, the request log and the admin controls act on that company.
COMPANY_SCOPE_KEY = "sandbox.company"


class FaultSpec(BaseModel):
    """One injected fault. `count` requests are affected (None: until cleared); `path` limits it to a prefix."""

    kind: str = Field(pattern="^(status|latency|drop|commit_drop|html)$",
                      description="drop: cut the connection before the request is processed; commit_drop: process "
                                  "it (the write is committed), then cut the connection before the answer arrives")
    status: int = 503
    latency_ms: int = 0
    count: int | None = 1
    path: str = ""
    method: str | None = None
    retry_after: int | None = None
    after: int = Field(default=0, ge=0, description="let this many matching requests through first")
    company: int | None = Field(default=None, description="only requests acting in this company")


class RateLimitSpec(BaseModel):
    limit: int = Field(default=100_000, ge=1)
    period_seconds: float = Field(default=60.0, gt=0)


@dataclass
class RateWindow:
    """A fixed window: once `limit` requests are used, everything else in the period is refused."""

    spec: RateLimitSpec = field(default_factory=RateLimitSpec)
    started: float = field(default_factory=time.monotonic)
    used: int = 0

    def take(self) -> tuple[bool, int, int]:
        """Count one request; returns (allowed, remaining, seconds until reset)."""
        now = time.monotonic()
        if now - self.started >= self.spec.period_seconds:
            self.started, self.used = now, 0
        reset = max(1, int(round(self.spec.period_seconds - (now - self.started))))
        if self.used >= self.spec.limit:
            return False, 0, reset
        self.used += 1
        return True, self.spec.limit - self.used, reset


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: str
    body: Any
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    answer_dropped: bool = False  # processed (status is what it would have answered), then the connection cut
    company: int | None = None  # the company the request acted in (Tripletex); None when unknown or not used

    def as_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "body": self.body,
            "status": self.status,
            "headers": self.headers,
            "answer_dropped": self.answer_dropped,
            **({"company": self.company} if self.company is not None else {}),
        }


class SandboxControls:
    """State of the admin controls; thread-safe because webhook delivery runs beside the event loop."""

    LOGGED_HEADERS = ("if-match", "if-none-match", "idempotency-key", "content-type")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.faults: list[FaultSpec] = []
        self.requests: deque[LoggedRequest] = deque(maxlen=50_000)
        self.rate = RateWindow()
        self.company_rates: dict[int, RateWindow] = {}  # a company's own window, in place of the sandbox's

    def reset(self) -> None:
        with self._lock:
            self.faults.clear()
            self.requests.clear()
            self.rate = RateWindow()
            self.company_rates.clear()

    def add_fault(self, spec: FaultSpec) -> None:
        with self._lock:
            self.faults.append(spec)

    def set_rate_limit(self, spec: RateLimitSpec, company: int | None = None) -> None:
        """The sandbox's window, or with `company` that company's own (its requests count there only)."""
        with self._lock:
            if company is None:
                self.rate = RateWindow(spec=spec)
            else:
                self.company_rates[company] = RateWindow(spec=spec)

    def clear_faults(self, company: int | None = None) -> None:
        """Every fault, or only those narrowed to `company`."""
        with self._lock:
            self.faults[:] = [f for f in self.faults if company is not None and f.company != company]

    def take_fault(self, method: str, path: str, company: int | None = None) -> FaultSpec | None:
        with self._lock:
            for spec in self.faults:
                if path.startswith(spec.path) and (spec.method is None or spec.method == method) \
                        and spec.company in (None, company):
                    if spec.after > 0:
                        spec.after -= 1
                        return None
                    if spec.count is not None:
                        spec.count -= 1
                        if spec.count <= 0:
                            self.faults.remove(spec)
                    return spec
        return None

    def take_rate(self, company: int | None = None) -> tuple[RateWindow, bool, int, int]:
        """Count one request in its window: (the window, allowed, remaining, seconds until reset)."""
        with self._lock:
            window = self.company_rates.get(company, self.rate) if company is not None else self.rate
            return window, *window.take()

    def log(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.requests.append(entry)


ErrorBody = Callable[[int, str, str], dict[str, Any]]  # (status, message, request id) → body
RateHeaders = Callable[[RateWindow, int, int], dict[str, str]]
CompanyOf = Callable[[dict[str, str]], int | None]  # request headers → the company the request acts in


class ControlsMiddleware:
    """Applies faults and the rate limit to API paths (never to /_sandbox or readiness) and logs each request."""

    def __init__(
        self,
        app: ASGIApp,
        controls: SandboxControls,
        api_prefix: str,
        error_body: ErrorBody,
        rate_headers: RateHeaders,
        request_id_header: str | None = None,
        company_of: CompanyOf | None = None,
    ) -> None:
        self.request_id_header = request_id_header
        self.company_of = company_of
        self.app = app
        self.controls = controls
        self.api_prefix = api_prefix
        self.error_body = error_body
        self.rate_headers = rate_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.api_prefix):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        entry = LoggedRequest(
            method=scope["method"],
            path=scope["path"],
            query=_masked_query(scope.get("query_string", b"").decode("latin-1")),
            body=_masked(_decode(body)),
            headers={k: headers[k] for k in SandboxControls.LOGGED_HEADERS if k in headers},
            company=scope.get(COMPANY_SCOPE_KEY) or (self.company_of(headers) if self.company_of else None),
        )
        self.controls.log(entry)

        window, allowed, remaining, reset = self.controls.take_rate(entry.company)
        extra = self.rate_headers(window, remaining, reset)
        request_id = str(uuid.uuid4())
        own = {self.request_id_header: request_id} if self.request_id_header else {}
        if not allowed:
            entry.status = 429
            await _send_json(send, 429, self.error_body(429, "Too many requests", request_id), {**extra, **own})
            return

        fault = self.controls.take_fault(scope["method"], scope["path"], entry.company)
        if fault is not None and fault.kind == "latency":
            await asyncio.sleep(fault.latency_ms / 1000)
        elif fault is not None and fault.kind == "status":
            entry.status = fault.status
            headers = {**extra, **own, **({"Retry-After": str(fault.retry_after)} if fault.retry_after else {})}
            await _send_json(send, fault.status, self.error_body(fault.status, "Injected fault", request_id), headers)
            return
        elif fault is not None and fault.kind == "drop":
            entry.status = 0
            await _send_broken(send)
            return
        elif fault is not None and fault.kind == "commit_drop":
            # The server does the work and commits it; the answer is lost on the way back. The client cannot tell
            # this from a drop before processing: only looking the record up can.
            async def swallow(message: Message) -> None:
                if message["type"] == "http.response.start":
                    entry.status = message["status"]

            async def replay_body() -> Message:
                return {"type": "http.request", "body": body, "more_body": False}

            await self.app(scope, replay_body, swallow)
            entry.answer_dropped = True
            await _send_broken(send)
            return

        elif fault is not None and fault.kind == "html":
            # A 200 whose body is a web page, not JSON: what a proxy or a maintenance page in front of an API sends.
            entry.status = 200
            page = b"<html><body><h1>Service temporarily unavailable</h1></body></html>"
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"text/html"), (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page, "more_body": False})
            return

        async def replay() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in extra.items()
                ]
            await send(message)

        await self.app(scope, replay, send_with_headers)


async def _send_broken(send: Send) -> None:
    """Promise a body and close the connection early: the client sees a broken response, as when a proxy or the
    network drops a connection mid-answer."""
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000")]})
    await send({"type": "http.response.body", "body": b'{"value": ', "more_body": False})


# The request log is read by tests and operators: credentials sent to the sandbox are kept out of it, as a real
# service keeps them out of its access logs (Tripletex takes its tokens in the query string of session creation).
SECRET_QUERY_KEYS = ("token",)
SECRET_BODY_KEYS = frozenset({"hmacSharedSecret", "authHeaderValue", "consumerToken", "employeeToken", "token"})
MASK = "***"


def _masked_query(query: str) -> str:
    if not any(key in query.lower() for key in SECRET_QUERY_KEYS):
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, MASK if any(s in k.lower() for s in SECRET_QUERY_KEYS) else v) for k, v in pairs],
                     safe="*:,")


def _masked(body: Any) -> Any:
    if isinstance(body, dict):
        return {k: MASK if k in SECRET_BODY_KEYS and v else _masked(v) for k, v in body.items()}
    if isinstance(body, list):
        return [_masked(item) for item in body]
    return body


def _decode(body: bytes) -> Any:
    if not body:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")


async def _send_json(send: Send, status: int, payload: dict[str, Any], headers: dict[str, str]) -> None:
    raw = json.dumps(payload).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
        + [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    })
    await send({"type": "http.response.body", "body": raw})
