"""Telaris API v1 client to the contract: bearer auth, cursor paging, merge patch with If-Match, idempotent create."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

import requests

from sync_pipeline.clients.errors import ApiError, error_class
from sync_pipeline.clients.http import JsonApiClient, json_of, parse_json
from sync_pipeline.clients.redact import register_secret
from sync_pipeline.domain.fields import Kind

T = TypeVar("T")
RESOURCE = {Kind.CUSTOMER: "customers", Kind.SUPPLIER: "suppliers"}


class TelarisClient(JsonApiClient):
    system = "telaris"
    base_url_setting = "TELARIS_BASE_URL"

    def __init__(self, base_url: str, api_token: str, **kwargs: Any) -> None:
        super().__init__(base_url, **kwargs)
        if not api_token:
            raise ValueError("Telaris needs an API token")
        self._token = api_token
        register_secret(api_token)

    def __repr__(self) -> str:
        return f"TelarisClient({self.base_url!r})"

    def _auth(self, request_kwargs: dict[str, Any]) -> None:
        request_kwargs["headers"] = {**(request_kwargs.get("headers") or {}),
                                     "Authorization": f"Bearer {self._token}"}

    def _credentials_for(self, path: str) -> str:
        return "TELARIS_API_TOKEN"

    def _rate_limit_wait(self, response: requests.Response) -> float:
        try:
            return max(0.0, float(response.headers.get("Retry-After", "1")))
        except ValueError:
            return 1.0

    def _error(self, response: requests.Response, method: str, path: str) -> ApiError:
        try:
            error = json_of(response).get("error") or {}
        except ValueError:
            error = {}
        return error_class(response.status_code)(
            self.system, response.status_code, error.get("message") or response.reason or "error",
            code=error.get("code"), details=error.get("fields") or {}, method=method, path=path,
        )

    # ---- parties --------------------------------------------------------------------------------------------
    def list_page(self, kind: Kind, *, updated_since: datetime | None = None, cursor: str | None = None,
                  limit: int = 1000) -> dict[str, Any]:
        return self.read_answer(self._list_response(kind, updated_since, cursor, limit), parse_json)

    def iter_pages(self, kind: Kind, *, updated_since: datetime | None = None,
                   limit: int = 1000) -> Iterator[list[dict[str, Any]]]:
        def parsed(body: bytes) -> tuple[list[dict[str, Any]], str | None]:
            page = parse_json(body)
            return page["items"], page.get("next_cursor")

        return (items for items in self._walk(kind, updated_since, limit, parsed) if items)

    def iter_page_bodies(self, kind: Kind, *, read_cursor: Callable[[bytes], str | None],
                         updated_since: datetime | None = None, limit: int = 1000) -> Iterator[bytes]:
        """Every page's body as sent, for a caller that parses pages itself (extraction hands them to DuckDB);
        `read_cursor` finds the next page's cursor in a body."""
        return self._walk(kind, updated_since, limit, lambda body: (body, read_cursor(body)))

    def _walk(self, kind: Kind, updated_since: datetime | None, limit: int,
              read: Callable[[bytes], tuple[T, str | None]]) -> Iterator[T]:
        cursor = None
        while True:
            response = self._list_response(kind, updated_since, cursor, limit)
            page, cursor = self.read_answer(response, read)
            yield page
            if not cursor:
                return

    def _list_response(self, kind: Kind, updated_since: datetime | None, cursor: str | None,
                       limit: int) -> requests.Response:
        params: dict[str, Any] = {"limit": limit}
        if updated_since is not None:
            params["updated_since"] = _rfc3339(updated_since)
        if cursor:
            params["cursor"] = cursor
        return self.request("GET", f"/api/v1/{RESOURCE[kind]}", params=params)

    def changed_since(self, kind: Kind, since: datetime) -> bool:
        """Whether any record of `kind` changed at or after `since` (`updated_since` is inclusive): one request
        asking for one record, what an idle company's change probe costs on the Telaris side."""
        return bool(self.list_page(kind, updated_since=since, limit=1)["items"])

    def get(self, kind: Kind, record_id: str) -> dict[str, Any]:
        return self.call("GET", f"/api/v1/{RESOURCE[kind]}/{record_id}")

    def create(self, kind: Kind, body: dict[str, Any], idempotency_key: str | None = None) -> dict[str, Any]:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self.call("POST", f"/api/v1/{RESOURCE[kind]}", json=body, headers=headers)

    def patch(self, kind: Kind, record_id: str, patch: dict[str, Any], version: int) -> dict[str, Any]:
        """Merge patch of only the changed fields; raises Conflict when the record moved past `version`."""
        headers = {"If-Match": str(version), "Content-Type": "application/merge-patch+json"}
        return self.call("PATCH", f"/api/v1/{RESOURCE[kind]}/{record_id}", json=patch, headers=headers)

    # ---- invoice exports ------------------------------------------------------------------------------------
    def pending_invoice_exports(self) -> list[dict[str, Any]]:
        return self.call("GET", "/api/v1/invoice-exports", params={"status": "pending"})["items"]

    def create_invoice_export(self, invoice_number: str, customer_id: str) -> dict[str, Any]:
        body = {"invoice_number": invoice_number, "customer_id": customer_id}
        return self.call("POST", "/api/v1/invoice-exports", json=body)

    def mark_customer_ready(self, export_id: str, tripletex_customer_id: int) -> dict[str, Any]:
        return self.call("POST", f"/api/v1/invoice-exports/{export_id}/customer-ready",
                            json={"tripletex_customer_id": tripletex_customer_id})

    def mark_failed(self, export_id: str, reason: str) -> dict[str, Any]:
        return self.call("POST", f"/api/v1/invoice-exports/{export_id}/failed", json={"reason": reason})


def _rfc3339(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
