"""Typed API errors, so callers decide on a 409 or a 422 by type and can show the server's own explanation."""

from __future__ import annotations

from typing import Any

from sync_pipeline.clients.redact import redact


class ApiError(Exception):
    """An answer the API gave that is not a success, with everything its body said."""

    def __init__(
        self,
        system: str,
        status: int,
        message: str,
        *,
        code: int | str | None = None,
        details: dict[str, str] | None = None,
        request_id: str | None = None,
        method: str = "",
        path: str = "",
    ) -> None:
        self.system = system
        self.status = status
        self.message = redact(message)
        self.code = code
        self.details = {redact(k): redact(v) for k, v in (details or {}).items()}
        self.request_id = request_id
        self.method = method
        self.path = path
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f"{self.method} {self.path} " if self.method else ""
        text = f"{self.system} {where}answered {self.status}"
        if self.code not in (None, ""):
            text += f" (code {self.code})"
        text += f": {self.message}"
        if self.details:
            text += " [" + "; ".join(f"{k}: {v}" for k, v in self.details.items()) + "]"
        if self.request_id:
            text += f" request id {self.request_id}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {"system": self.system, "status": self.status, "code": self.code, "message": self.message,
                "details": self.details, "request_id": self.request_id}


class BadRequest(ApiError):
    """400: the request itself is wrong (an illegal filter, say)."""


class Unauthorized(ApiError):
    """401/403 that a new session did not cure: the credentials are wrong. The client names the variable that holds
    them (`refused`), so the message says what to fix, not only what the server answered."""

    refused: str = ""

    def describe(self) -> str:
        answered = super().describe()
        return f"{self.refused} was refused: {answered}" if self.refused else answered

    def __str__(self) -> str:
        return self.describe()


class NotFound(ApiError):
    """404: the record is gone."""


class Conflict(ApiError):
    """409 (Tripletex revision, code 8000) or 412/428 (Telaris version): someone changed the record first, so the
    write is dropped and recomputed from fresh data."""


class DuplicateValue(ApiError):
    """409 with Tripletex code 14000 (or 7000): a number or value another record already holds. Not "the record
    moved on": sending it again is refused again, so it is parked for a person to decide."""

    CODES = (14000, 7000)


class ValidationFailed(ApiError):
    """422: the data was refused; `details` says which field and why."""


class RateLimited(ApiError):
    """429 that outlasted the client's patience."""


class ServerError(ApiError):
    """5xx that outlasted the retries."""


class UnreadableAnswer(ApiError):
    """A success whose body is not what the API documents (not JSON, not a page): a proxy's or a maintenance
    page, say. Nothing of it is used."""


class TransportError(ApiError):
    """No usable answer at all (refused, timed out, connection dropped) after the retries."""

    def __init__(self, system: str, reason: str, *, method: str = "", path: str = "", hint: str = "") -> None:
        self.reason = redact(reason)
        self.hint = hint
        super().__init__(system, 0, reason, method=method, path=path)

    def describe(self) -> str:
        where = f" ({self.method} {self.path})" if self.method else ""
        return f"{self.system}{where}: {self.reason}" + (f"; {self.hint}" if self.hint else "")


class OutcomeUnknown(TransportError):
    """A request that is not safe to repeat (a create without an idempotency key) was sent and its answer lost:
    the server may or may not have carried it out. Never retried blindly: the caller looks the record up first."""


def error_class(status: int) -> type[ApiError]:
    if status == 400:
        return BadRequest
    if status in (401, 403):
        return Unauthorized
    if status == 404:
        return NotFound
    if status in (409, 412, 428):
        return Conflict  # a Tripletex 409 carrying a duplicate code becomes DuplicateValue in its client
    if status == 422:
        return ValidationFailed
    if status == 429:
        return RateLimited
    if status >= 500:
        return ServerError
    return ApiError
