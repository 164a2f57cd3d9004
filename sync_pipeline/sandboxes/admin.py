"""The /_sandbox/ admin routes both sandboxes share: faults, rate limit, request log, reset, stats, bulk load."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sync_pipeline.sandboxes.controls import ADMIN_PREFIX, FaultSpec, RateLimitSpec, SandboxControls


def admin_routes(
    controls: SandboxControls,
    reset: Callable[[], None],
    stats: Callable[[], dict[str, Any]],
    bulk_create: Callable[[str, list[dict[str, Any]]], list[Any]],
    kinds: tuple[str, ...],
    extra: list[Route] | None = None,
    snapshot: Callable[[], None] | None = None,
    restore: Callable[[], None] | None = None,
) -> list[Route]:
    """`snapshot`/`restore`: keep the company's state and put it back (faults and the request log start empty)."""
    async def requests_log(request: Request) -> Response:
        if request.method == "DELETE":
            controls.requests.clear()
            return Response(status_code=204)
        prefix = request.query_params.get("path", "")
        method = request.query_params.get("method")
        entries = [
            e.as_dict()
            for e in list(controls.requests)
            if e.path.startswith(prefix) and (method is None or e.method == method)
        ]
        return JSONResponse({"requests": entries})

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            controls.faults.clear()
            return Response(status_code=204)
        if request.method == "GET":
            return JSONResponse({"faults": [f.model_dump() for f in controls.faults]})
        spec = await _parse(request, FaultSpec)
        if isinstance(spec, Response):
            return spec
        controls.add_fault(spec)
        return JSONResponse(spec.model_dump(), status_code=201)

    async def rate_limit(request: Request) -> Response:
        spec = await _parse(request, RateLimitSpec)
        if isinstance(spec, Response):
            return spec
        controls.set_rate_limit(spec)
        return JSONResponse(spec.model_dump())

    async def do_reset(request: Request) -> Response:
        reset()
        controls.reset()
        return Response(status_code=204)

    async def do_snapshot(request: Request) -> Response:
        if snapshot is None:
            return JSONResponse({"error": "this sandbox keeps no snapshots"}, status_code=404)
        snapshot()
        return Response(status_code=204)

    async def do_restore(request: Request) -> Response:
        if restore is None:
            return JSONResponse({"error": "this sandbox keeps no snapshots"}, status_code=404)
        try:
            restore()
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=409)
        controls.reset()
        return Response(status_code=204)

    async def do_stats(request: Request) -> Response:
        return JSONResponse(stats())

    async def do_bulk(request: Request) -> Response:
        """Validated bulk create, `{"kind", "records"}` → `{"created", "ids"}`: what seeding uses."""
        try:
            payload = await request.json()
            if payload.get("kind") not in kinds:
                raise ValueError(f"kind must be one of {list(kinds)}")
            ids = bulk_create(payload["kind"], payload["records"])
            return JSONResponse({"created": len(ids), "ids": ids}, status_code=201)
        except Exception as exc:  # every record is validated as the API would: say which one failed and why
            details = getattr(exc, "fields", None) or getattr(exc, "validation", None)
            return JSONResponse({"error": str(exc), "details": details}, status_code=422)

    return [
        Route(f"{ADMIN_PREFIX}/requests", requests_log, methods=["GET", "DELETE"]),
        Route(f"{ADMIN_PREFIX}/faults", faults, methods=["GET", "POST", "DELETE"]),
        Route(f"{ADMIN_PREFIX}/rate-limit", rate_limit, methods=["PUT"]),
        Route(f"{ADMIN_PREFIX}/reset", do_reset, methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/snapshot", do_snapshot, methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/restore", do_restore, methods=["POST"]),
        Route(f"{ADMIN_PREFIX}/stats", do_stats, methods=["GET"]),
        Route(f"{ADMIN_PREFIX}/bulk", do_bulk, methods=["POST"]),
        *(extra or []),
    ]


async def _parse(request: Request, model: type) -> Any:
    try:
        return model.model_validate(await request.json())
    except (ValidationError, ValueError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)

