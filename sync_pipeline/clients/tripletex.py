"""Tripletex API v2 client: session tokens, offset paging, `fields`, `changedSince`, rate-limit headers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import requests

from sync_pipeline.clients.errors import ApiError, DuplicateValue, error_class
from sync_pipeline.clients.http import JsonApiClient, json_of, parse_json
from sync_pipeline.clients.redact import register_secret
from sync_pipeline.domain.fields import Kind

T = TypeVar("T")

# What extraction asks for: the fields the sync reads, with the postal address in full (without a sub-selection
# Tripletex answers nested objects as bare {id, url} references). Not `*`: a customer has some fifty fields, and
# asking only for these cuts every page to a third, on the wire and in each step after it.
PARTY_FIELDS = ("id,version,name,customerNumber,supplierNumber,organizationNumber,email,invoiceEmail,phoneNumber,"
                "language,isInactive,currency(id),postalAddress(id,addressLine1,addressLine2,postalCode,city,"
                "country(id))")


class TripletexClient(JsonApiClient):
    system = "tripletex"
    base_url_setting = "TRIPLETEX_BASE_URL"

    def __init__(
        self,
        base_url: str,
        consumer_token: str,
        employee_token: str,
        *,
        company_id: int = 0,
        session_days: int = 2,
        **kwargs: Any,
    ) -> None:
        super().__init__(base_url, **kwargs)
        if not consumer_token or not employee_token:
            raise ValueError("Tripletex needs both a consumer token and an employee token")
        self._consumer_token = consumer_token
        self._employee_token = employee_token
        register_secret(consumer_token)
        register_secret(employee_token)
        self.company_id = company_id
        self.session_days = session_days
        self._session_token: str | None = None
        self._session_lock = threading.Lock()
        self._pause_until = 0.0
        self.sessions_created = 0

    def __repr__(self) -> str:  # never show tokens
        return f"TripletexClient({self.base_url!r}, company_id={self.company_id})"

    # ---- auth -----------------------------------------------------------------------------------------------
    def _create_session(self) -> str:
        expires = (datetime.now(UTC).date() + timedelta(days=self.session_days)).isoformat()
        response = self.request(
            "PUT",
            "/token/session/:create",
            params={"consumerToken": self._consumer_token, "employeeToken": self._employee_token,
                    "expirationDate": expires},
            auth=False,
        )
        self.sessions_created += 1
        token = self.read_answer(response, lambda body: parse_json(body)["value"]["token"])
        register_secret(token)
        return token

    def _auth(self, request_kwargs: dict[str, Any]) -> None:
        with self._session_lock:
            if self._session_token is None:
                self._session_token = self._create_session()
            request_kwargs["auth"] = (str(self.company_id), self._session_token)
        if self._pause_until > time.monotonic():
            self.sleep(self._pause_until - time.monotonic())

    def _renew_auth(self) -> bool:
        with self._session_lock:
            self._session_token = None
        return True

    def _credentials_for(self, path: str) -> str:
        # A refused session names no token in particular; a 403 later is the employee's access to that data.
        if path.startswith("/token/session"):
            return "TRIPLETEX_CONSUMER_TOKEN or TRIPLETEX_EMPLOYEE_TOKEN"
        return "TRIPLETEX_EMPLOYEE_TOKEN"

    # ---- rate limits and errors -----------------------------------------------------------------------------
    def _after_response(self, response: requests.Response) -> None:
        # Tripletex refuses everything for the rest of the period once the limit is used, so when the last
        # allowed request has gone we wait for the reset before sending another.
        remaining = response.headers.get("X-Rate-Limit-Remaining")
        reset = response.headers.get("X-Rate-Limit-Reset")
        if remaining is not None and reset is not None and remaining.isdigit() and int(remaining) == 0:
            self._pause_until = time.monotonic() + float(reset)

    def _rate_limit_wait(self, response: requests.Response) -> float:
        reset = response.headers.get("X-Rate-Limit-Reset") or response.headers.get("Retry-After") or "1"
        try:
            return max(0.0, float(reset))
        except ValueError:
            return 1.0

    def _error(self, response: requests.Response, method: str, path: str) -> ApiError:
        try:
            body = json_of(response)
        except ValueError:
            body = {}
        messages = body.get("validationMessages") or []
        details = {m.get("field") or "": m.get("message") or "" for m in messages}
        kind = error_class(response.status_code)
        if response.status_code == 409 and body.get("code") in DuplicateValue.CODES:
            kind = DuplicateValue
        message = body.get("message") or response.reason or "error"
        if response.status_code == 403 and self.company_id and path != "/token/session/:create":
            # the session is good (that would be a 401) but this company is not among those the pair reaches
            message = (f"Tripletex refused company {self.company_id} for this token pair ({message}): check "
                       "--tripletex-company-id and that the employee token has access to that company")
        return kind(
            self.system,
            response.status_code,
            message,
            code=body.get("code"),
            details=details,
            request_id=body.get("requestId") or response.headers.get("x-tlx-request-id"),
            method=method,
            path=path,
        )

    # ---- customers and suppliers ----------------------------------------------------------------------------
    def list_page(
        self,
        kind: Kind,
        *,
        start: int = 0,
        count: int = 1000,
        fields: str | None = PARTY_FIELDS,
        **filters: Any,
    ) -> dict[str, Any]:
        return self.read_answer(self._list_response(kind, start, count, fields, filters), parse_json)

    def iter_pages(
        self,
        kind: Kind,
        *,
        changed_since: datetime | date | None = None,
        include_inactive: bool = True,
        page_size: int = 1000,
        fields: str | None = PARTY_FIELDS,
    ) -> Iterator[list[dict[str, Any]]]:
        """Every record, a page at a time. Tripletex leaves inactive records out unless asked, so with
        `include_inactive` a second pass fetches them: extraction must see deactivations."""
        def parsed(body: bytes) -> tuple[list[dict[str, Any]], int]:
            values = parse_json(body).get("values") or []
            return values, len(values)

        pages = self._walk(kind, changed_since, include_inactive, page_size, fields, parsed)
        return (values for values in pages if values)

    def iter_page_bodies(
        self,
        kind: Kind,
        *,
        count_values: Callable[[bytes], int],
        changed_since: datetime | date | None = None,
        include_inactive: bool = True,
        page_size: int = 1000,
        fields: str | None = PARTY_FIELDS,
        ids: list[int] | None = None,
    ) -> Iterator[bytes]:
        """As iter_pages, but every page's body as sent, for a caller that parses pages itself (extraction hands
        them to DuckDB); `count_values` says how many records a body holds, which is how paging knows the end.
        `ids` limits the pages to those records (Tripletex's comma-separated `id` filter)."""
        return self._walk(kind, changed_since, include_inactive, page_size, fields,
                          lambda body: (body, count_values(body)), ids)

    def _walk(self, kind: Kind, changed_since: datetime | date | None, include_inactive: bool, page_size: int,
              fields: str | None, read: Callable[[bytes], tuple[T, int]],
              ids: list[int] | None = None) -> Iterator[T]:
        passes = ["false", "true"] if include_inactive else ["false"]
        since = _format_changed_since(changed_since) if changed_since else None
        id_filter = ",".join(str(i) for i in ids) if ids else None
        for inactive in passes:
            start = 0
            while True:
                filters = {"isInactive": inactive, "changedSince": since, "id": id_filter}
                response = self._list_response(kind, start, page_size, fields, filters)
                page, values = self.read_answer(response, read)
                yield page
                if values < page_size:
                    break
                start += values

    def _list_response(self, kind: Kind, start: int, count: int, fields: str | None,
                       filters: dict[str, Any]) -> requests.Response:
        params = {"from": start, "count": count, **{k: v for k, v in filters.items() if v is not None}}
        if fields:
            params["fields"] = fields
        return self.request("GET", f"/{kind.value}", params=params)

    # ---- cheap change probes (an idle company should cost a request, not a sync) -----------------------------------
    def changes_since(self, kind: Kind, since: datetime | date) -> int:
        """How many records of `kind` changed since `since` (0: nothing to sync), in two one-record requests.

        Active and inactive records are asked apart, as Tripletex leaves inactive ones out unless asked, and a
        deactivation is a change. `fullResultSize` is documented as not exact, so read it as "some" or "none".
        A deletion does not show here (the record is gone): `list_digest`, webhooks and the nightly full
        reconcile catch those."""
        since_text = _format_changed_since(since)
        total = 0
        for inactive in ("false", "true"):
            page = self.list_page(kind, count=1, fields="id", changedSince=since_text, isInactive=inactive)
            total += int(page.get("fullResultSize") or 0)
        return total

    def list_digest(self, kind: Kind, known: str | None = None, *, inactive: bool = False,
                    page_size: int = 1000) -> str:
        """The `versionDigest` of every page of `kind`'s list (ids and versions), joined: equal to `known` when nothing
        listed changed, and then every page cost a 304 with no body.

        Tripletex calls the checksum experimental ("should not be relied on without safeguards"): a changed digest
        may mean nothing changed, and an unchanged one may miss a change to nested objects, so a caller keeps the
        incremental read or the nightly full reconcile behind it."""
        previous = known.split(",") if known else []
        digests: list[str] = []
        start = 0
        while True:
            index = len(digests)
            tag = previous[index] if index < len(previous) else "none"  # any value asks for the checksum
            # the version too: a checksum of ids alone would not move when a record is edited
            params = {"from": start, "count": page_size, "fields": "id,version", "isInactive": str(inactive).lower()}
            response = self.request("GET", f"/{kind.value}", params=params, headers={"If-None-Match": tag})
            if response.status_code == 304:  # this page is as it was, and so is whether another follows it
                digests.append(tag)
                if index + 1 >= len(previous):
                    break
            else:
                page = self.read_answer(response, parse_json)
                digests.append(str(page.get("versionDigest")))
                if len(page.get("values") or []) < page_size:
                    break
            start += page_size
        return ",".join(digests)

    def get(self, kind: Kind, record_id: int, fields: str | None = PARTY_FIELDS) -> dict[str, Any]:
        params = {"fields": fields} if fields else None
        return self.call("GET", f"/{kind.value}/{record_id}", params=params)["value"]

    def search(self, kind: Kind, **filters: Any) -> list[dict[str, Any]]:
        """Records matching exact filters (e.g. organizationNumber=…), active and inactive."""
        found: list[dict[str, Any]] = []
        for inactive in ("false", "true"):
            found.extend(self.list_page(kind, isInactive=inactive, **filters).get("values") or [])
        return found

    def create(self, kind: Kind, body: dict[str, Any]) -> dict[str, Any]:
        return self.call("POST", f"/{kind.value}", json=body)["value"]

    def update(self, kind: Kind, record_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """Partial update: Tripletex changes only the fields present in `body`."""
        return self.call("PUT", f"/{kind.value}/{record_id}", json=body)["value"]

    def delete(self, kind: Kind, record_id: int) -> None:
        self.request("DELETE", f"/{kind.value}/{record_id}")

    # ---- reference data -------------------------------------------------------------------------------------
    def currency_codes(self) -> dict[int, str]:
        values = self.call("GET", "/currency", params={"fields": "id,code", "count": 1000})["values"]
        return {v["id"]: v["code"] for v in values}

    def country_codes(self) -> dict[int, str]:
        values = self.call("GET", "/country", params={"fields": "id,isoAlpha2Code", "count": 1000})
        return {v["id"]: v["isoAlpha2Code"] for v in values["values"]}

    def who_am_i(self) -> dict[str, Any]:
        return self.call("GET", "/token/session/>whoAmI")["value"]

    # ---- webhooks -------------------------------------------------------------------------------------------
    def events(self) -> dict[str, Any]:
        return self.call("GET", "/event")["value"]

    def subscriptions(self) -> list[dict[str, Any]]:
        return self.call("GET", "/event/subscription")["values"]

    def subscribe(self, event: str, target_url: str, **options: Any) -> dict[str, Any]:
        body = {"event": event, "targetUrl": target_url, **options}
        return self.call("POST", "/event/subscription", json=body)["value"]

    def update_subscription(self, subscription_id: int, body: dict[str, Any]) -> dict[str, Any]:
        return self.call("PUT", f"/event/subscription/{subscription_id}", json=body)["value"]

    def unsubscribe(self, subscription_id: int) -> None:
        self.request("DELETE", f"/event/subscription/{subscription_id}")


def _format_changed_since(value: datetime | date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
