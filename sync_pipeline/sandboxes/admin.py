"""The /_sandbox/ admin routes both sandboxes share: faults, rate limit, request log, reset, stats, bulk load."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sync_pipeline.sandboxes.controls import ADMIN_PREFIX, FaultSpec, RateLimitSpec, SandboxControls


def admin_routes(
    controls: SandboxControls,
    reset: Callable[..., None],
    stats: Callable[..., dict[str, Any]],
    bulk_create: Callable[..., list[Any]],
    kinds: tuple[str, ...],
    extra: list[Route] | None = None,
    snapshot: Callable[..., None] | None = None,
    restore: Callable[..., None] | None = None,
    scope: Callable[[Request], dict[str, Any]] | None = None,
) -> list[Route]:
    """`snapshot`/`restore`: keep the company's state and put it back (faults and the request log start empty).

    `scope` reads what a request narrows a control to (the Tripletex sandbox's `?company=N`, the Telaris sandbox's
    `/companies/N/` prefix; it raises ValueError for a bad value): its keywords go to reset, stats, bulk_create,
    snapshot and restore, and a `company` also narrows faults and the request log and gives that company a rate-limit
    window of its own. Without it, every control acts on the one company there is.
    """
    Scoped = Callable[[Request, dict[str, Any]], Awaitable[Response]]

    def scoped(handler: Scoped) -> Callable[[Request], Awaitable[Response]]:
        async def wrapped(request: Request) -> Response:
            try:
                given = scope(request) if scope is not None else {}
            except ValueError as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            return await handler(request, given)
        return wrapped

    async def requests_log(request: Request, given: dict[str, Any]) -> Response:
        if request.method == "DELETE":
            controls.requests.clear()
            return Response(status_code=204)
        prefix = request.query_params.get("path", "")
        method = request.query_params.get("method")
        company = given.get("company")
        entries = [
            e.as_dict()
            for e in list(controls.requests)
            if e.path.startswith(prefix) and (method is None or e.method == method)
            and (company is None or e.company == company)
        ]
        return JSONResponse({"requests": entries})

    async def faults(request: Request, given: dict[str, Any]) -> Response:
        if request.method == "DELETE":
            controls.clear_faults(given.get("company"))
            return Response(status_code=204)
        if request.method == "GET":
            return JSONResponse({"faults": [f.model_dump() for f in controls.faults]})
        spec = await _parse(request, FaultSpec)
        if isinstance(spec, Response):
            return spec
        if given.get("company") is not None:
            spec.company = given["company"]
        controls.add_fault(spec)
        return JSONResponse(spec.model_dump(), status_code=201)

    async def rate_limit(request: Request, given: dict[str, Any]) -> Response:
        spec = await _parse(request, RateLimitSpec)
        if isinstance(spec, Response):
            return spec
        controls.set_rate_limit(spec, given.get("company"))
        return JSONResponse(spec.model_dump())

    async def do_reset(request: Request, given: dict[str, Any]) -> Response:
        reset(**given)
        controls.reset()
        return Response(status_code=204)

    async def do_snapshot(request: Request, given: dict[str, Any]) -> Response:
        if snapshot is None:
            return JSONResponse({"error": "this sandbox keeps no snapshots"}, status_code=404)
        snapshot(**given)
        return Response(status_code=204)

    async def do_restore(request: Request, given: dict[str, Any]) -> Response:
        if restore is None:
            return JSONResponse({"error": "this sandbox keeps no snapshots"}, status_code=404)
        try:
            restore(**given)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=409)
        controls.reset()
        return Response(status_code=204)

    async def do_stats(request: Request, given: dict[str, Any]) -> Response:
        return JSONResponse(stats(**given))

    async def do_bulk(request: Request, given: dict[str, Any]) -> Response:
        """Validated bulk create, `{"kind", "records"}` → `{"created", "ids"}`: what seeding uses."""
        try:
            payload = await request.json()
            if payload.get("kind") not in kinds:
                raise ValueError(f"kind must be one of {list(kinds)}")
            ids = bulk_create(payload["kind"], payload["records"], **given)
            return JSONResponse({"created": len(ids), "ids": ids}, status_code=201)
        except Exception as exc:  # every record is validated as the API would: say which one failed and why
            details = getattr(exc, "fields", None) or getattr(exc, "validation", None)
            return JSONResponse({"error": str(exc), "details": details}, status_code=422)

    return [
        Route(f"{ADMIN_PREFIX}/requests", scoped(requests_log), methods=["GET", "DELETE"]),
        Route(f"{ADMIN_PREFIX}/faults", scoped(faults), methods=["GET", "POST", "DELETE"]),
        Route(f"{ADMIN_PREFIX}/rate-limit", scoped(rate_limit), methods=["PUT"]),
        Route(f"{ADMIN_PREFIX}/reset", scoped(do_reset), methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/snapshot", scoped(do_snapshot), methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/restore", scoped(do_restore), methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/stats", scoped(do_stats), methods=["GET"]),
        Route(f"{ADMIN_PREFIX}/bulk", scoped(do_bulk), methods=["POST"]),
        *(extra or []),
    ]


async def _parse(request: Request, model: type) -> Any:
    try:
        return model.model_validate(await request.json())
    except (ValidationError, ValueError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)

