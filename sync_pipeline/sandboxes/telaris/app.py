"""The Telaris sandbox as a Starlette application under /api/v1, serving its contract at /openapi.json."""

from __future__ import annotations

import json
import os
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from sync_pipeline.sandboxes.admin import admin_routes
from sync_pipeline.sandboxes.controls import ControlsMiddleware, RateWindow, SandboxControls
from sync_pipeline.sandboxes.telaris.errors import TelarisApiError, error_body, invalid
from sync_pipeline.sandboxes.telaris.store import MAX_LIMIT, PREFIX, TelarisStore

API = "/api/v1"
DEFAULT_TOKEN = "telaris-sandbox-token"
Handler = Callable[[Request], Awaitable[Response]]


def openapi_document() -> dict[str, Any]:
    return json.loads(resources.files("sync_pipeline.sandboxes.telaris").joinpath("openapi.json").read_text())


def _json(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(payload, separators=(",", ":")), status_code=status,
                    media_type="application/json", headers=headers)


def _record(raw: dict[str, Any], status: int = 200) -> Response:
    return _json(raw, status, headers={"ETag": f'"{raw["version"]}"'})


class TelarisSandbox:
    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.store = TelarisStore(data_dir)
        self.controls = SandboxControls()
        self.token = os.environ.get("TELARIS_API_TOKEN") or DEFAULT_TOKEN

    def endpoint(self, handler: Handler) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                if request.headers.get("authorization") != f"Bearer {self.token}":
                    raise TelarisApiError(401, "Missing or wrong bearer token")
                return await handler(request)
            except TelarisApiError as exc:
                return _json(error_body(exc.status, exc.message, exc.fields), exc.status)

        return wrapped

    async def _body(self, request: Request) -> Any:
        try:
            return json.loads(await request.body() or b"null")
        except ValueError:
            raise TelarisApiError(422, "The body is not valid JSON") from None

    def party_routes(self, kind: str) -> list[Route]:
        async def collection(request: Request) -> Response:
            if request.method == "POST":
                record = self.store.create(kind, await self._body(request), request.headers.get("idempotency-key"))
                return _record(record, 201)
            raw_limit = request.query_params.get("limit", "500")
            if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
                raise invalid("limit", f"an integer from 1 to {MAX_LIMIT}")
            items, next_cursor = self.store.page(
                kind, request.query_params.get("updated_since"), request.query_params.get("cursor"), int(raw_limit)
            )
            raw = f'{{"items":[{",".join(items)}],"next_cursor":{json.dumps(next_cursor)}}}'
            return Response(raw, media_type="application/json")

        async def item(request: Request) -> Response:
            rid = request.path_params["id"]
            if request.method == "GET":
                return _record(self.store.get(kind, rid))
            updated = self.store.patch(kind, rid, await self._body(request), request.headers.get("if-match"))
            return _record(updated)

        return [
            Route(f"{API}/{kind}", self.endpoint(collection), methods=["GET", "POST"]),
            Route(f"{API}/{kind}/{{id}}", self.endpoint(item), methods=["GET", "PATCH"]),
        ]

    def export_routes(self) -> list[Route]:
        async def collection(request: Request) -> Response:
            if request.method == "POST":
                return _json(self.store.create_export(await self._body(request)), 201)
            items = self.store.exports(request.query_params.get("status"))
            return _json({"items": [{k: e[k] for k in ("id", "invoice_number", "customer_id", "created_at",
                                                       "status")} for e in items]})

        async def customer_ready(request: Request) -> Response:
            body = await self._body(request)
            tid = body.get("tripletex_customer_id") if isinstance(body, dict) else None
            if not isinstance(tid, int) or isinstance(tid, bool) or tid <= 0:
                raise invalid("tripletex_customer_id", "a positive integer")
            return _json(self.store.resolve_export(request.path_params["id"], "customer_ready", tid, None))

        async def failed(request: Request) -> Response:
            body = await self._body(request)
            reason = body.get("reason") if isinstance(body, dict) else None
            if not isinstance(reason, str) or not reason.strip():
                raise invalid("reason", "required")
            return _json(self.store.resolve_export(request.path_params["id"], "failed", None, reason))

        return [
            Route(f"{API}/invoice-exports", self.endpoint(collection), methods=["GET", "POST"]),
            Route(f"{API}/invoice-exports/{{id}}/customer-ready", self.endpoint(customer_ready), methods=["POST"]),
            Route(f"{API}/invoice-exports/{{id}}/failed", self.endpoint(failed), methods=["POST"]),
        ]

    def build(self) -> Starlette:
        async def ready(request: Request) -> Response:
            return PlainTextResponse("telaris sandbox ready")

        async def openapi(request: Request) -> Response:
            return _json(openapi_document())

        routes = [
            Route("/", ready),
            Route("/openapi.json", openapi),
            *self.party_routes("customers"),
            *self.party_routes("suppliers"),
            *self.export_routes(),
            *admin_routes(self.controls, reset=self.store.db.reset,
                          stats=lambda: {"records": self.store.counts()},
                          bulk_create=self.store.bulk_create, kinds=tuple(PREFIX),
                          snapshot=self.store.db.snapshot, restore=self.store.db.restore),
        ]
        middleware = [Middleware(ControlsMiddleware, controls=self.controls, api_prefix=API,
                                 error_body=lambda status, message, request_id: error_body(status, message),
                                 rate_headers=_rate_headers)]
        app = Starlette(routes=routes, middleware=middleware)
        app.state.sandbox = self
        return app


def _rate_headers(window: RateWindow, remaining: int, reset: int) -> dict[str, str]:
    return {"Retry-After": str(reset)} if remaining == 0 else {}


def create_app(data_dir: str | Path | None = None) -> Starlette:
    return TelarisSandbox(data_dir).build()
