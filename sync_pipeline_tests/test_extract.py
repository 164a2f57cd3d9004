"""Extraction into DuckDB: counts match the sandboxes, incremental runs fetch only changes, full runs reconcile."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import orjson
import pytest

from sync_pipeline.clients.errors import UnreadableAnswer
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain import page_sql
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.extract import TelarisSource, TripletexSource, extract
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline_tests.conftest import Admin


def _rows(warehouse: Warehouse, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse.path), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_extraction_lands_every_record_normalised(tripletex_server, telaris_server, tripletex_client, telaris_client,
                                                  warehouse: Warehouse) -> None:
    summary = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=120, suppliers=60, seed=7)
    for kind in Kind:
        telaris_result = extract(TelarisSource(telaris_client, page_size=50), kind, warehouse)
        tripletex_result = extract(TripletexSource(tripletex_client, page_size=50), kind, warehouse)
        assert telaris_result.rows == telaris_result.new == summary.telaris[kind.value]
        assert tripletex_result.rows == tripletex_result.new == summary.tripletex[kind.value]
        assert telaris_result.pages > 1 and telaris_result.table_summary["rows"] == telaris_result.rows
    linked = summary.scenarios["customer"]["linked"] + summary.scenarios["customer"]["drifted"]
    assert _rows(warehouse, "SELECT count(tripletex_id) FROM telaris_customers") == [(linked,)]
    # linked, undrifted pairs compare equal field by field although each system formats them its own way
    differing = _rows(warehouse, """
        SELECT count(*) FROM telaris_customers t JOIN tripletex_customers x ON x.tripletex_id = t.tripletex_id
        WHERE (t.name, t.organisation_number, t.email, t.phone, t.postal_code, t.city, t.country, t.currency)
              IS DISTINCT FROM
              (x.name, x.organisation_number, x.email, x.phone, x.postal_code, x.city, x.country, x.currency)""")
    assert differing == [(summary.scenarios["customer"]["drifted"],)]
    phones = _rows(warehouse, "SELECT DISTINCT left(phone, 3) FROM tripletex_customers")
    assert all(p[0].startswith("+") for p in phones)
    raw = _rows(warehouse, "SELECT raw->>'$.postalAddress.addressLine1' FROM tripletex_customers LIMIT 1")
    assert raw[0][0]


def test_incremental_run_fetches_only_what_changed(telaris_client: TelarisClient, telaris_admin: Admin,
                                                   warehouse: Warehouse) -> None:
    ids = telaris_admin.bulk("customers", [{"name": f"Kunde {i} AS"} for i in range(30)])
    first = extract(TelarisSource(telaris_client, page_size=10), Kind.CUSTOMER, warehouse)
    assert (first.rows, first.new, first.mode) == (30, 30, "incremental")
    telaris_client.patch(Kind.CUSTOMER, ids[4], {"email": "ny@kunde.no"}, version=1)
    created = telaris_client.create(Kind.CUSTOMER, {"name": "Ny Kunde AS"})
    telaris_admin.clear_log()
    second = extract(TelarisSource(telaris_client, page_size=10), Kind.CUSTOMER, warehouse)
    assert second.rows <= 3, "only the changes (and the inclusive boundary record) are fetched"
    assert (second.new, second.changed) == (1, 1)
    assert len(telaris_admin.requests("/api/v1/customers", method="GET")) == 1
    assert _rows(warehouse, f"SELECT email FROM telaris_customers WHERE record_id = '{ids[4]}'") == [("ny@kunde.no",)]
    assert _rows(warehouse, "SELECT count(*) FROM telaris_customers") == [(31,)]
    assert created["id"] in {r[0] for r in _rows(warehouse, "SELECT record_id FROM telaris_customers")}


def test_tripletex_incremental_uses_changed_since(tripletex_client: TripletexClient, tripletex_admin: Admin,
                                                  warehouse: Warehouse) -> None:
    tripletex_admin.bulk("supplier", [{"name": f"Lev {i} AS"} for i in range(5)])
    extract(TripletexSource(tripletex_client), Kind.SUPPLIER, warehouse)
    tripletex_admin.clear_log()
    again = extract(TripletexSource(tripletex_client), Kind.SUPPLIER, warehouse)
    asked = tripletex_admin.requests("/v2/supplier")
    assert asked and all("changedSince=" in e["query"] for e in asked)
    assert again.new == 0 and again.changed == 0


def test_full_run_marks_vanished_records_deleted_and_sees_deactivation(
    tripletex_client: TripletexClient, tripletex_admin: Admin, warehouse: Warehouse
) -> None:
    ids = tripletex_admin.bulk("customer", [{"name": f"Kunde {i} AS"} for i in range(4)])
    extract(TripletexSource(tripletex_client), Kind.CUSTOMER, warehouse, full=True)
    tripletex_client.delete(Kind.CUSTOMER, ids[0])
    tripletex_client.update(Kind.CUSTOMER, ids[1], {"isInactive": True})
    full = extract(TripletexSource(tripletex_client), Kind.CUSTOMER, warehouse, full=True)
    assert (full.mode, full.marked_deleted, full.rows) == ("full", 1, 3)
    state = dict(_rows(warehouse, "SELECT tripletex_id, CASE WHEN is_deleted THEN 'deleted' WHEN NOT is_active "
                                  "THEN 'inactive' ELSE 'active' END FROM tripletex_customers"))
    assert state == {ids[0]: "deleted", ids[1]: "inactive", ids[2]: "active", ids[3]: "active"}


def test_records_with_problems_are_kept_and_flagged(telaris_client: TelarisClient, warehouse: Warehouse) -> None:
    telaris_client.create(Kind.SUPPLIER, {"name": "Svensk AB", "language": "sv", "address": {"country": "SE"}})
    result = extract(TelarisSource(telaris_client), Kind.SUPPLIER, warehouse)
    assert result.with_problems == 1
    [(problems,)] = _rows(warehouse, "SELECT problems FROM telaris_suppliers")
    assert "only NO and EN" in problems[0]


def test_failed_extraction_changes_nothing(telaris_client: TelarisClient, telaris_admin: Admin,
                                           warehouse: Warehouse) -> None:
    telaris_admin.bulk("customers", [{"name": f"Kunde {i}"} for i in range(25)])
    telaris_admin.fault(kind="status", status=500, count=None, path="/api/v1/customers", after=1)
    source = TelarisSource(TelarisClient(telaris_client.base_url, "telaris-sandbox-token", max_attempts=2,
                                         max_backoff=0.1), page_size=10)
    try:
        extract(source, Kind.CUSTOMER, warehouse)
        raise AssertionError("the extraction must fail")
    except Exception as exc:  # noqa: BLE001 - any failure, as long as nothing half-written stays
        assert "500" in str(exc)
    assert telaris_admin.requests("/api/v1/customers")[0]["status"] == 200, "the first page did arrive"
    assert _rows(warehouse, "SELECT count(*) FROM telaris_customers") == [(0,)]
    assert _rows(warehouse, "SELECT count(*) FROM extraction_state") == [(0,)]


@pytest.mark.parametrize("system", ["telaris", "tripletex"])
def test_a_page_that_is_not_json_stops_the_extraction_with_a_clear_error(
        system: str, request: pytest.FixtureRequest, warehouse: Warehouse) -> None:
    """A proxy's HTML page answered with 200 in the middle of paging: the error says which request got it, and the
    extraction leaves the table and its high-water mark as they were, so the next run fetches everything again."""
    admin: Admin = request.getfixturevalue(f"{system}_admin")
    client = request.getfixturevalue(f"{system}_client")
    if system == "telaris":
        admin.bulk("customers", [{"name": f"Kunde {i}"} for i in range(25)])
        source: TelarisSource | TripletexSource = TelarisSource(client, page_size=10)
        path = answered = "/api/v1/customers"
    else:
        admin.bulk("customer", [{"name": f"Kunde {i}"} for i in range(25)])
        source = TripletexSource(client, page_size=10)
        path, answered = "/v2/customer", "/customer"  # the client's paths are relative to its /v2 root
    admin.fault(kind="html", count=1, path=path, method="GET", after=1)
    with pytest.raises(UnreadableAnswer) as failed:
        extract(source, Kind.CUSTOMER, warehouse)
    assert (failed.value.method, failed.value.path) == ("GET", answered), "the request, never its query string"
    assert "text/html" in str(failed.value)
    table = f"{system}_customers"
    assert _rows(warehouse, f"SELECT count(*) FROM {table}") == [(0,)]
    assert _rows(warehouse, "SELECT count(*) FROM extraction_state") == [(0,)]
    assert extract(source, Kind.CUSTOMER, warehouse).rows == 25, "the next run, without the fault, gets everything"


def test_a_record_fetched_twice_keeps_its_newer_version(warehouse: Warehouse) -> None:
    """Paging while records change can return one record twice; SQL keeps no fetch order, so the higher version
    must win whichever copy the pages held first."""
    def body(version: int, name: str) -> bytes:
        record = {"id": "c_1", "name": name, "version": version, "updated_at": f"2026-11-2{version}T10:00:00Z"}
        return orjson.dumps({"items": [record], "next_cursor": None})

    with warehouse.connect() as con:
        page_sql.install(con)
        staging = warehouse.start_staging(con, "telaris_customers")
        sql = page_sql.records_sql(System.TELARIS, Kind.CUSTOMER)
        warehouse.stage_pages(con, staging, sql, [body(3, "Newer AS"), body(2, "Older AS")])
        warehouse.stage_pages(con, staging, sql, [body(1, "Oldest AS")])
        counts = warehouse.merge_staged(con, "telaris_customers", staging, datetime.now(UTC), "x")
    assert counts.rows == counts.new == 1
    assert _rows(warehouse, "SELECT name, version FROM telaris_customers") == [("Newer AS", 3)]


def test_a_value_of_the_wrong_type_stops_with_the_table_and_value_named(warehouse: Warehouse) -> None:
    """A link id that is not a number must not be read as "not linked" (a supplier would be created twice)."""
    body = orjson.dumps({"items": [{"id": "c_1", "name": "Feil AS", "version": 1, "tripletex_id": "abc"}]})
    with warehouse.connect() as con:
        page_sql.install(con)
        staging = warehouse.start_staging(con, "telaris_customers")
        with pytest.raises(ValueError, match="telaris_customers: .*'abc'"):
            warehouse.stage_pages(con, staging, page_sql.records_sql(System.TELARIS, Kind.CUSTOMER), [body])
        assert con.execute(f"SELECT count(*) FROM {staging}").fetchone() == (0,)
