"""Many companies behind one Telaris sandbox, each under `/companies/<id>/`, the root staying company 1.

Each company has its own records (the same ids as its neighbours), its own controls under the same prefix, and exists
only once something authorised used it; with --data each keeps its own folder across a restart.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests

from sync_pipeline.clients.errors import ServerError
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes import telaris
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline_tests.conftest import Admin

TOKEN = "telaris-sandbox-token"


def company(server: BackgroundServer, cid: int | None) -> TelarisClient:
    root = server.url + (f"/companies/{cid}" if cid else "")
    return TelarisClient(root, TOKEN, max_backoff=0.2, max_attempts=2)


def admin_of(server: BackgroundServer, cid: int) -> Admin:
    admin = Admin(server)
    admin.url = f"{server.url}/companies/{cid}/_sandbox"
    return admin


def names(client: TelarisClient, kind: Kind = Kind.CUSTOMER) -> list[str]:
    return [r["name"] for r in client.list_page(kind)["items"]]


def test_two_companies_under_one_sandbox_keep_separate_records_with_the_same_ids(telaris_server,
                                                                                 telaris_admin: Admin) -> None:
    root, two, three = company(telaris_server, None), company(telaris_server, 2), company(telaris_server, 3)
    fjord = two.create(Kind.CUSTOMER, {"name": "Fjord AS"})
    havn = three.create(Kind.CUSTOMER, {"name": "Havn AS"})
    assert fjord["id"] == havn["id"] == "c_000001"

    two.patch(Kind.CUSTOMER, fjord["id"], {"name": "Fjord og Fjell AS"}, version=1)
    assert three.get(Kind.CUSTOMER, havn["id"]) == havn
    assert names(two) == ["Fjord og Fjell AS"] and names(three) == ["Havn AS"]
    assert names(root) == [] and names(company(telaris_server, 1)) == []  # the root is company 1, untouched
    root.create(Kind.SUPPLIER, {"name": "Lager AS"})
    assert names(company(telaris_server, 1), Kind.SUPPLIER) == ["Lager AS"]
    assert names(two, Kind.SUPPLIER) == [] and three.list_page(Kind.SUPPLIER)["items"] == []

    export = three.create_invoice_export("F-1", havn["id"])
    assert [e["id"] for e in three.pending_invoice_exports()] == [export["id"]]
    assert two.pending_invoice_exports() == []

    # a refused request and a bad company id create nothing
    wrong = TelarisClient(telaris_server.url + "/companies/9", "not-the-token", max_attempts=1)
    with pytest.raises(Exception, match="401"):
        wrong.list_page(Kind.CUSTOMER)
    assert requests.get(telaris_server.url + "/companies/nine/api/v1/customers", timeout=5).status_code == 404
    assert requests.get(telaris_server.url + "/companies/0/", timeout=5).status_code == 404
    assert telaris_admin.get("/companies") == {"companies": [1, 2, 3]}
    assert telaris_admin.get("/stats") == {"records": {"customers": 0, "suppliers": 1}}
    assert admin_of(telaris_server, 9).get("/stats") == {"records": {"customers": 0, "suppliers": 0}}
    assert telaris_admin.get("/companies") == {"companies": [1, 2, 3]}, "asking about a company creates none"


def test_admin_controls_under_a_company_prefix_act_on_that_company_only(telaris_server,
                                                                        telaris_admin: Admin) -> None:
    two, three = company(telaris_server, 2), company(telaris_server, 3)
    admin_two, admin_three = admin_of(telaris_server, 2), admin_of(telaris_server, 3)
    assert admin_two.bulk("customers", [{"name": "Fjord AS"}, {"name": "Fjell AS"}]) == ["c_000001", "c_000002"]
    admin_three.bulk("customers", [{"name": "Havn AS"}])
    assert admin_two.get("/stats")["records"] == {"customers": 2, "suppliers": 0}
    assert admin_three.get("/stats")["records"] == {"customers": 1, "suppliers": 0}

    telaris_admin.clear_log()
    admin_two.fault(kind="status", status=503, count=None)
    assert names(three) == ["Havn AS"]  # company 3 is untouched by company 2's fault
    with pytest.raises(ServerError):
        two.list_page(Kind.CUSTOMER)
    assert [(r["path"], r["status"], r["company"]) for r in admin_two.requests()] == [("/api/v1/customers", 503, 2)] * 2
    assert [r["company"] for r in telaris_admin.requests()] == [3, 2, 2]  # the root's log holds every company
    admin_two.clear_faults()

    admin_two.rate_limit(limit=1, period_seconds=60)  # company 2's own window; the others keep the sandbox's
    auth = {"Authorization": f"Bearer {TOKEN}"}
    statuses = [requests.get(f"{telaris_server.url}/companies/{cid}/api/v1/customers", headers=auth, timeout=5)
                .status_code for cid in (2, 2, 3, 3)]
    assert statuses == [200, 429, 200, 200]
    admin_two.rate_limit(limit=100_000, period_seconds=60)

    admin_two.post("/snapshot")
    two.create(Kind.SUPPLIER, {"name": "Ny AS"})
    assert admin_two.post("/restore").status_code == 204
    assert two.list_page(Kind.SUPPLIER)["items"] == []
    assert admin_two.post("/reset").status_code == 204
    assert names(two) == [] and names(three) == ["Havn AS"]

    assert telaris_admin.post("/reset").status_code == 204  # the root's reset: the whole sandbox afresh
    assert names(three) == [] and telaris_admin.get("/companies")["companies"] == [1, 3]


def test_with_a_data_folder_each_company_keeps_its_own_file_across_a_restart(tmp_path: Path) -> None:
    with BackgroundServer(telaris.create_app(tmp_path)) as server:
        company(server, None).create(Kind.CUSTOMER, {"name": "Rot AS"})
        company(server, 4).create(Kind.CUSTOMER, {"name": "Fire AS"})
    assert (tmp_path / "telaris.sqlite").exists() and (tmp_path / "companies" / "4" / "telaris.sqlite").exists()
    with BackgroundServer(telaris.create_app(tmp_path)) as server:
        assert names(company(server, 4)) == ["Fire AS"] and names(company(server, None)) == ["Rot AS"]
        assert Admin(server).get("/companies") == {"companies": [1, 4]}


def test_seeding_fills_the_telaris_company_it_names(tripletex_server, telaris_server, telaris_admin: Admin) -> None:
    summary = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=20, suppliers=10, telaris_company=5)
    stats = admin_of(telaris_server, 5).get("/stats")["records"]
    assert stats == {"customers": summary.telaris["customer"], "suppliers": summary.telaris["supplier"]}
    assert telaris_admin.get("/stats")["records"] == {"customers": 0, "suppliers": 0}


def test_changed_since_asks_for_one_record_from_an_inclusive_time(telaris_server, telaris_admin: Admin) -> None:
    two = company(telaris_server, 2)
    record = two.create(Kind.CUSTOMER, {"name": "Fjord AS"})
    at = datetime.fromisoformat(record["updated_at"].replace("Z", "+00:00"))
    telaris_admin.clear_log()
    assert two.changed_since(Kind.CUSTOMER, at)  # inclusive: the record changed exactly then
    assert not two.changed_since(Kind.CUSTOMER, at + timedelta(microseconds=1))
    assert not two.changed_since(Kind.SUPPLIER, datetime(2000, 1, 1, tzinfo=UTC))
    assert not company(telaris_server, 3).changed_since(Kind.CUSTOMER, at)
    queries = [r["query"] for r in telaris_admin.requests("/api/v1/customers")]
    assert queries and all("limit=1" in q.split("&") for q in queries)
