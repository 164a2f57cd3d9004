"""The Telaris sandbox as a Starlette application under /api/v1, serving its contract at /openapi.json.

One server holds many companies: the root is company 1, `/companies/<id>/` any other (see telaris.companies)."""

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
from sync_pipeline.sandboxes.controls import (
    ADMIN_PREFIX,
    COMPANY_SCOPE_KEY,
    ControlsMiddleware,
    RateWindow,
    SandboxControls,
)
from sync_pipeline.sandboxes.telaris.companies import HOME, Companies, CompanyPath
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
        self.companies = Companies(data_dir)
        self.controls = SandboxControls()
        self.token = os.environ.get("TELARIS_API_TOKEN") or DEFAULT_TOKEN

    @property
    def store(self) -> TelarisStore:
        """The root company's store (company 1)."""
        return self.companies.home

    def _store(self, request: Request) -> TelarisStore:
        """The store of the company the request's path names (the root: company 1), created on first use: only
        after the token was checked, so a refused request creates no company."""
        return self.companies.get(request.scope.get(COMPANY_SCOPE_KEY) or HOME)

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
                record = self._store(request).create(kind, await self._body(request),
                                                     request.headers.get("idempotency-key"))
                return _record(record, 201)
            raw_limit = request.query_params.get("limit", "500")
            if not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_LIMIT:
                raise invalid("limit", f"an integer from 1 to {MAX_LIMIT}")
            items, next_cursor = self._store(request).page(
                kind, request.query_params.get("updated_since"), request.query_params.get("cursor"), int(raw_limit)
            )
            raw = f'{{"items":[{",".join(items)}],"next_cursor":{json.dumps(next_cursor)}}}'
            return Response(raw, media_type="application/json")

        async def item(request: Request) -> Response:
            rid = request.path_params["id"]
            if request.method == "GET":
                return _record(self._store(request).get(kind, rid))
            updated = self._store(request).patch(kind, rid, await self._body(request), request.headers.get("if-match"))
            return _record(updated)

        return [
            Route(f"{API}/{kind}", self.endpoint(collection), methods=["GET", "POST"]),
            Route(f"{API}/{kind}/{{id}}", self.endpoint(item), methods=["GET", "PATCH"]),
        ]

    def export_routes(self) -> list[Route]:
        async def collection(request: Request) -> Response:
            if request.method == "POST":
                return _json(self._store(request).create_export(await self._body(request)), 201)
            items = self._store(request).exports(request.query_params.get("status"))
            return _json({"items": [{k: e[k] for k in ("id", "invoice_number", "customer_id", "created_at",
                                                       "status")} for e in items]})

        async def customer_ready(request: Request) -> Response:
            body = await self._body(request)
            tid = body.get("tripletex_customer_id") if isinstance(body, dict) else None
            if not isinstance(tid, int) or isinstance(tid, bool) or tid <= 0:
                raise invalid("tripletex_customer_id", "a positive integer")
            return _json(self._store(request).resolve_export(request.path_params["id"], "customer_ready", tid, None))

        async def failed(request: Request) -> Response:
            body = await self._body(request)
            reason = body.get("reason") if isinstance(body, dict) else None
            if not isinstance(reason, str) or not reason.strip():
                raise invalid("reason", "required")
            return _json(self._store(request).resolve_export(request.path_params["id"], "failed", None, reason))

        return [
            Route(f"{API}/invoice-exports", self.endpoint(collection), methods=["GET", "POST"]),
            Route(f"{API}/invoice-exports/{{id}}/customer-ready", self.endpoint(customer_ready), methods=["POST"]),
            Route(f"{API}/invoice-exports/{{id}}/failed", self.endpoint(failed), methods=["POST"]),
        ]

    def admin(self) -> list[Route]:
        """The shared /_sandbox/ controls. Under a company's prefix they act on that company; at the root, faults
        and the request log cover every company, stats and bulk mean company 1, and reset, snapshot and restore the
        whole sandbox (as they did when it held one company)."""
        def chosen(company: int | None) -> list[TelarisStore]:
            if company is None:
                return [store for _, store in self.companies.all()]
            return [self.companies.get(company)]

        def reset(company: int | None = None) -> None:
            for store in chosen(company):
                store.db.reset()
            if company is None:
                self.companies.forget_others()

        def snapshot(company: int | None = None) -> None:
            for store in chosen(company):
                store.db.snapshot()

        def restore(company: int | None = None) -> None:
            stores = chosen(company)
            if not any(store.db.has_snapshot for store in stores):
                raise LookupError("no snapshot was taken")
            for store in stores:
                if store.db.has_snapshot:
                    store.db.restore()
                else:  # a company first used after the snapshot did not exist then
                    store.db.reset()

        def stats(company: int = HOME) -> dict[str, Any]:
            store = self.companies.find(company)  # asking about a company does not create it
            return {"records": store.counts() if store is not None else dict.fromkeys(PREFIX, 0)}

        async def companies(request: Request) -> Response:
            return _json({"companies": self.companies.ids()})

        return admin_routes(
            self.controls, reset=reset, stats=stats,
            bulk_create=lambda kind, records, company=HOME: self.companies.get(company).bulk_create(kind, records),
            kinds=tuple(PREFIX), snapshot=snapshot, restore=restore, scope=_company_scope,
            extra=[Route(f"{ADMIN_PREFIX}/companies", companies)],
        )

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
            *self.admin(),
        ]

        async def no_such_company(scope, receive, send) -> None:
            await _json(error_body(404, "No such company: company ids are positive integers"), 404)(
                scope, receive, send)

        middleware = [Middleware(CompanyPath, not_found=no_such_company),
                      Middleware(ControlsMiddleware, controls=self.controls, api_prefix=API,
                                 error_body=lambda status, message, request_id: error_body(status, message),
                                 rate_headers=_rate_headers, company_of=lambda headers: HOME)]
        app = Starlette(routes=routes, middleware=middleware)
        app.state.sandbox = self
        return app


def _company_scope(request: Request) -> dict[str, Any]:
    """The company an admin control under `/companies/<id>/_sandbox/` acts on; {} at the root."""
    company = request.scope.get(COMPANY_SCOPE_KEY)
    return {"company": company} if company is not None else {}


def _rate_headers(window: RateWindow, remaining: int, reset: int) -> dict[str, str]:
    return {"Retry-After": str(reset)} if remaining == 0 else {}


def create_app(data_dir: str | Path | None = None) -> Starlette:
    return TelarisSandbox(data_dir).build()
