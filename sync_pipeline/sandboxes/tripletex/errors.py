"""Tripletex's error envelope and codes, as the real API sends them."""

from __future__ import annotations

import uuid
from typing import Any

MESSAGES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Object not found",
    409: "Conflict",
    422: "Validering feilet.",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}
DEFAULT_CODES = {400: 4000, 401: 3000, 403: 9000, 404: 6000, 409: 7000, 422: 18000, 429: 0, 500: 1000, 503: 1000}
DEVELOPER_MESSAGES = {18000: "VALIDATION_ERROR", 16000: "MAPPING_ERROR", 22000: "INVALID_JSON", 21000: "PARAM_ERROR"}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: int | None = None,
        message: str | None = None,
        validation: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(message or MESSAGES.get(status, "Error"))
        self.status = status
        self.code = code if code is not None else DEFAULT_CODES.get(status, 1000)
        self.message = message or MESSAGES.get(status, "Error")
        self.validation = validation or []


def error_body(status: int, message: str, code: int | None = None,
               validation: list[tuple[str, str]] | None = None, request_id: str | None = None) -> dict[str, Any]:
    code = code if code is not None else DEFAULT_CODES.get(status, 1000)
    return {
        "status": status,
        "code": code,
        "message": message,
        "link": "https://tripletex.no/v2-docs/",
        "developerMessage": DEVELOPER_MESSAGES.get(code, message),
        "validationMessages": [
            {"field": f, "message": m, "path": None, "rootId": None} for f, m in (validation or [])
        ] or None,
        "requestId": request_id or str(uuid.uuid4()),
    }


def validation_error(field: str, message: str, code: int = 18000) -> ApiError:
    return ApiError(422, code, "Validering feilet.", [(field, message)])
