"""The clients against the running sandboxes: session renewal, typed errors, waiting out 429s, retrying 5xx."""

from __future__ import annotations

import logging
import time

import pytest

from sync_pipeline.clients.errors import (
    ApiError,
    Conflict,
    NotFound,
    OutcomeUnknown,
    ServerError,
    TransportError,
    ValidationFailed,
)
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline_tests.conftest import Admin


def test_expired_session_is_renewed_once(tripletex_client: TripletexClient, tripletex_admin: Admin) -> None:
    tripletex_client.create(Kind.CUSTOMER, {"name": "Før AS"})
    tripletex_admin.post("/sessions/expire")
    assert tripletex_client.create(Kind.CUSTOMER, {"name": "Etter AS"})["customerNumber"] == 10002
    assert tripletex_client.sessions_created == 2


def test_stale_version_raises_conflict_with_tripletex_code(tripletex_client: TripletexClient) -> None:
    customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Versjon AS"})
    tripletex_client.update(Kind.CUSTOMER, customer["id"], {"version": 1, "email": "a@b.no"})
    with pytest.raises(Conflict) as stale:
        tripletex_client.update(Kind.CUSTOMER, customer["id"], {"version": 1, "email": "c@d.no"})
    assert stale.value.status == 409 and stale.value.code == 8000 and stale.value.request_id
    assert "409" in str(stale.value) and "8000" in str(stale.value)


def test_validation_error_carries_the_field_messages(tripletex_client: TripletexClient) -> None:
    with pytest.raises(ValidationFailed) as invalid:
        tripletex_client.create(Kind.SUPPLIER, {"name": "S AS", "email": "not-an-email"})
    assert invalid.value.code == 18000 and "email" in invalid.value.details
    with pytest.raises(NotFound):
        tripletex_client.get(Kind.CUSTOMER, 424242)


def test_rate_limit_is_waited_out_not_hammered(tripletex_client: TripletexClient, tripletex_admin: Admin) -> None:
    tripletex_client.who_am_i()  # session first, outside the measured window
    tripletex_admin.rate_limit(limit=3, period_seconds=1)
    tripletex_admin.clear_log()
    started = time.monotonic()
    for _ in range(7):
        tripletex_client.who_am_i()
    elapsed = time.monotonic() - started
    log = tripletex_admin.requests("/v2/token")
    assert len(log) <= 8, "waiting, not retrying in a loop"
    assert sum(1 for e in log if e["status"] == 429) <= 1
    assert elapsed >= 1.0, "seven calls at three per second need at least two periods"


def test_a_429_answer_is_retried_after_the_reset(tripletex_client: TripletexClient, tripletex_admin: Admin) -> None:
    tripletex_client.who_am_i()
    tripletex_admin.rate_limit(limit=1000, period_seconds=1)  # X-Rate-Limit-Reset is then at most a second
    tripletex_admin.fault(kind="status", status=429, count=1, path="/v2/customer")
    assert tripletex_client.create(Kind.CUSTOMER, {"name": "Tålmodig AS"})["name"] == "Tålmodig AS"
    posts = tripletex_admin.requests("/v2/customer", method="POST")
    assert [e["status"] for e in posts] == [429, 201]


def test_server_errors_and_dropped_connections_are_retried_when_repeating_is_safe(
        tripletex_client: TripletexClient, tripletex_admin: Admin, caplog: pytest.LogCaptureFixture) -> None:
    created = tripletex_client.create(Kind.SUPPLIER, {"name": "Robust AS"})
    tripletex_admin.fault(kind="status", status=503, count=2, path="/v2/supplier")
    tripletex_admin.fault(kind="drop", count=1, path="/v2/supplier")
    tripletex_admin.clear_log()
    with caplog.at_level(logging.WARNING, logger="sync_pipeline.clients"):
        assert tripletex_client.update(Kind.SUPPLIER, created["id"], {"email": "a@robust.no"})["version"] == 2
    assert [e["status"] for e in tripletex_admin.requests("/v2/supplier")] == [503, 503, 0, 200]
    assert "answered 503 (attempt 1 of 6); retrying in" in caplog.text
    assert "connection was cut before the answer was complete (attempt 3 of 6)" in caplog.text


@pytest.mark.parametrize("fault", [{"kind": "status", "status": 503}, {"kind": "drop"}, {"kind": "commit_drop"}])
def test_a_create_without_idempotency_key_is_never_retried_blindly(tripletex_client: TripletexClient,
                                                                   tripletex_admin: Admin, fault: dict) -> None:
    tripletex_client.who_am_i()
    tripletex_admin.fault(count=1, path="/v2/supplier", **fault)
    with pytest.raises(ApiError) as failed:
        tripletex_client.create(Kind.SUPPLIER, {"name": "Én Gang AS"})
    assert len(tripletex_admin.requests("/v2/supplier", method="POST")) == 1
    if fault["kind"] != "status":
        assert isinstance(failed.value, OutcomeUnknown) and "may or may not" in failed.value.describe()
    created = len(tripletex_client.search(Kind.SUPPLIER))
    assert created == (1 if fault["kind"] == "commit_drop" else 0), "commit_drop commits; the others do not"


def test_a_create_with_idempotency_key_is_retried(telaris_client: TelarisClient, telaris_admin: Admin) -> None:
    telaris_admin.fault(kind="commit_drop", count=1, path="/api/v1/suppliers", method="POST")
    created = telaris_client.create(Kind.SUPPLIER, {"name": "Nøkkel AS"}, idempotency_key="intent-7")
    posts = telaris_admin.requests("/api/v1/suppliers", method="POST")
    assert [p["answer_dropped"] for p in posts] == [True, False]
    assert [r["id"] for page in telaris_client.iter_pages(Kind.SUPPLIER) for r in page] == [created["id"]]


def test_a_refused_connection_is_named_in_words(tmp_path) -> None:
    client = TripletexClient("http://127.0.0.1:9/v2", "c-token", "e-token", max_attempts=2, max_backoff=0.1)
    with pytest.raises(TransportError) as failed:
        client.list_page(Kind.CUSTOMER)
    text = failed.value.describe()
    assert "could not reach 127.0.0.1:9: connection refused" in text and "check TRIPLETEX_BASE_URL" in text
    assert "answered 0" not in text


def test_the_backoff_is_capped_by_its_setting(monkeypatch) -> None:
    """SYNC_RETRY_MAX_SECONDS caps the exponential wait between retries (the secrets tests run the CLI with it)."""
    monkeypatch.delenv("SYNC_RETRY_MAX_SECONDS", raising=False)
    waits: list[float] = []
    unset = TripletexClient("http://127.0.0.1:9/v2", "c-token", "e-token", max_attempts=5, sleep=waits.append)
    with pytest.raises(TransportError):
        unset.list_page(Kind.CUSTOMER)
    assert len(waits) == 4 and waits[-1] > 1, waits  # 0.2 s doubling: the fourth wait is 1.6 s and more
    monkeypatch.setenv("SYNC_RETRY_MAX_SECONDS", "0.05")
    waits.clear()
    capped = TripletexClient("http://127.0.0.1:9/v2", "c-token", "e-token", max_attempts=5, sleep=waits.append)
    with pytest.raises(TransportError):
        capped.list_page(Kind.CUSTOMER)
    assert waits == [0.05] * 4


def test_persistent_server_error_gives_up_with_a_typed_error(tripletex_client: TripletexClient,
                                                             tripletex_admin: Admin) -> None:
    tripletex_client.who_am_i()
    tripletex_admin.fault(kind="status", status=500, count=None, path="/v2/customer")
    with pytest.raises(ServerError) as failed:
        tripletex_client.list_page(Kind.CUSTOMER)
    assert failed.value.status == 500
    assert len(tripletex_admin.requests("/v2/customer")) == tripletex_client.max_attempts


def test_paging_includes_inactive_records(tripletex_client: TripletexClient, tripletex_admin: Admin) -> None:
    tripletex_admin.bulk("customer", [{"name": f"Aktiv {i}"} for i in range(5)]
                         + [{"name": "Inaktiv", "isInactive": True}])
    pages = list(tripletex_client.iter_pages(Kind.CUSTOMER, page_size=2))
    names = [r["name"] for page in pages for r in page]
    assert len(names) == 6 and "Inaktiv" in names
    assert all("addressLine1" in r["postalAddress"] for page in pages for r in page)


def test_tokens_never_reach_the_log(tripletex_server, caplog: pytest.LogCaptureFixture) -> None:
    client = TripletexClient(tripletex_server.url + "/v2", "consumer-SECRET", "employee-SECRET")
    with caplog.at_level(logging.DEBUG):
        client.create(Kind.CUSTOMER, {"name": "Hemmelig AS"})
    assert "SECRET" not in caplog.text and "SECRET" not in repr(client)
    assert client._session_token not in caplog.text


def test_telaris_typed_errors(telaris_client: TelarisClient) -> None:
    record = telaris_client.create(Kind.CUSTOMER, {"name": "Kunde AS"})
    telaris_client.patch(Kind.CUSTOMER, record["id"], {"email": "a@b.no"}, version=1)
    with pytest.raises(Conflict) as stale:
        telaris_client.patch(Kind.CUSTOMER, record["id"], {"email": "c@d.no"}, version=1)
    assert stale.value.status == 412 and stale.value.code == "version_conflict"
    with pytest.raises(ValidationFailed) as invalid:
        telaris_client.patch(Kind.CUSTOMER, record["id"], {"organisation_number": "974760674"}, version=2)
    assert "organisation_number" in invalid.value.details


def test_telaris_429_waits_for_retry_after(telaris_client: TelarisClient, telaris_admin: Admin) -> None:
    telaris_admin.fault(kind="status", status=429, count=1, retry_after=1)
    started = time.monotonic()
    assert telaris_client.list_page(Kind.SUPPLIER)["items"] == []
    assert time.monotonic() - started >= 1.0


def test_telaris_idempotent_create_survives_a_retry(telaris_client: TelarisClient, telaris_admin: Admin) -> None:
    first = telaris_client.create(Kind.SUPPLIER, {"name": "Én gang AS"}, idempotency_key="intent-1")
    again = telaris_client.create(Kind.SUPPLIER, {"name": "Én gang AS"}, idempotency_key="intent-1")
    assert first["id"] == again["id"]
    assert sum(len(p) for p in telaris_client.iter_pages(Kind.SUPPLIER)) == 1


def test_telaris_paging_walks_every_record(telaris_client: TelarisClient, telaris_admin: Admin) -> None:
    telaris_admin.bulk("suppliers", [{"name": f"Lev {i}"} for i in range(11)])
    pages = list(telaris_client.iter_pages(Kind.SUPPLIER, limit=4))
    assert [len(p) for p in pages] == [4, 4, 3]
