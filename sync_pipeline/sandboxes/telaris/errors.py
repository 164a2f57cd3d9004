"""Telaris' error envelope: {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

from typing import Any

CODES = {401: "unauthorized", 404: "not_found", 412: "version_conflict", 428: "version_conflict",
         422: "validation_error", 429: "rate_limited"}


class TelarisApiError(Exception):
    def __init__(self, status: int, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields or {}


def error_body(status: int, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": CODES.get(status, "internal_error"), "message": message, "fields": fields or {}}}


def invalid(field: str, why: str) -> TelarisApiError:
    return TelarisApiError(422, f"Invalid value for {field}", {field: why})
