"""The Telaris sandbox implements its contract (served at /openapi.json) exactly."""

from __future__ import annotations

import time

import requests

from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.sandboxes.telaris import create_app
from sync_pipeline.sandboxes.telaris.app import openapi_document
from sync_pipeline_tests.conftest import TELARIS_AUTH, Admin
from sync_pipeline_tests.openapi_check import OpenApiChecker

VALID = {"name": "Fjord Bygg AS", "organisation_number": "974760673", "phone": "912 34 567",
         "address": {"line1": "Strandgata 1", "postal_code": "5004", "city": "Bergen", "country": "NO"}}


class Api:
    checker = OpenApiChecker(openapi_document())

    def __init__(self, server: BackgroundServer) -> None:
        self.base = server.url

    def call(self, method: str, path: str, headers: dict | None = None, **kwargs) -> requests.Response:
        answer = requests.request(method, self.base + path, headers={**TELARIS_AUTH, **(headers or {})},
                                  timeout=10, **kwargs)
        self.checker.validate(method, path.split("?")[0], answer.status_code, answer.json())
        return answer


def test_served_contract_is_the_packaged_one(telaris_server) -> None:
    served = requests.get(telaris_server.url + "/openapi.json", timeout=5).json()
    assert served == openapi_document()
    assert {"/api/v1/customers", "/api/v1/suppliers/{id}", "/api/v1/invoice-exports"} <= set(served["paths"])


def test_bearer_token_is_required(telaris_server) -> None:
    api = Api(telaris_server)
    answer = api.call("GET", "/api/v1/customers", headers={"Authorization": "Bearer wrong"})
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"


def test_create_defaults_and_validation(telaris_server) -> None:
    api = Api(telaris_server)
    created = api.call("POST", "/api/v1/customers", json=VALID)
    assert created.status_code == 201
    record = created.json()
    assert record["id"] == "c_000001" and record["version"] == 1 and record["currency"] == "NOK"
    assert record["tripletex_id"] is None and record["is_active"] is True
    assert record["address"]["line2"] is None
    supplier = api.call("POST", "/api/v1/suppliers", json={"name": "Leverandør AS"}).json()
    assert supplier["id"] == "s_000001"
    bad = api.call("POST", "/api/v1/customers", json={"name": "", "organisation_number": "974760674",
                                                      "currency": "kroner", "colour": "blue"})
    assert bad.status_code == 422
    fields = bad.json()["error"]["fields"]
    assert {"name", "organisation_number", "currency", "colour"} <= set(fields)
    foreign = api.call("POST", "/api/v1/suppliers", json={"name": "Svensk AB", "organisation_number": "556677-8899",
                                                          "address": {"country": "SE"}})
    assert foreign.status_code == 201
    duplicate = api.call("POST", "/api/v1/customers", json={**VALID, "number": "1"})
    assert duplicate.status_code == 201
    again = api.call("POST", "/api/v1/customers", json={**VALID, "number": "1"})
    assert again.status_code == 422 and "number" in again.json()["error"]["fields"]


def test_idempotency_key_returns_the_first_result(telaris_server) -> None:
    api = Api(telaris_server)
    first = api.call("POST", "/api/v1/suppliers", json={"name": "En AS"}, headers={"Idempotency-Key": "k-1"})
    second = api.call("POST", "/api/v1/suppliers", json={"name": "En AS"}, headers={"Idempotency-Key": "k-1"})
    assert first.json() == second.json()
    assert len(api.call("GET", "/api/v1/suppliers").json()["items"]) == 1


def test_merge_patch_with_if_match(telaris_server) -> None:
    api = Api(telaris_server)
    rid = api.call("POST", "/api/v1/customers", json=VALID).json()["id"]
    patched = api.call("PATCH", f"/api/v1/customers/{rid}", json={"email": "post@fjord.no",
                                                                  "address": {"city": "Oslo"}},
                       headers={"If-Match": "1", "Content-Type": "application/merge-patch+json"})
    assert patched.status_code == 200
    record = patched.json()
    assert record["version"] == 2 and record["email"] == "post@fjord.no"
    assert record["address"] == {"line1": "Strandgata 1", "line2": None, "postal_code": "5004", "city": "Oslo",
                                 "country": "NO"}
    assert patched.headers["ETag"] == '"2"'
    stale = api.call("PATCH", f"/api/v1/customers/{rid}", json={"email": None}, headers={"If-Match": "1"})
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "version_conflict"
    missing = api.call("PATCH", f"/api/v1/customers/{rid}", json={"email": None})
    assert missing.status_code == 428
    cleared = api.call("PATCH", f"/api/v1/customers/{rid}", json={"email": None}, headers={"If-Match": "2"})
    assert cleared.json()["email"] is None and cleared.json()["version"] == 3
    link = api.call("PATCH", f"/api/v1/customers/{rid}", json={"tripletex_id": 100001}, headers={"If-Match": "3"})
    assert link.json()["tripletex_id"] == 100001
    invalid = api.call("PATCH", f"/api/v1/customers/{rid}", json={"organisation_number": "123"},
                       headers={"If-Match": "4"})
    assert invalid.status_code == 422
    assert api.call("GET", "/api/v1/customers/c_999999").status_code == 404


def test_cursor_paging_in_update_order_with_inclusive_updated_since(telaris_server, telaris_admin: Admin) -> None:
    api = Api(telaris_server)
    ids = telaris_admin.bulk("customers", [{"name": f"Firma {i}"} for i in range(7)])
    seen, cursor = [], None
    while True:
        page = api.call("GET", "/api/v1/customers", params={"limit": 3, **({"cursor": cursor} if cursor else {})})
        seen += [r["id"] for r in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if not cursor:
            break
    assert seen == ids
    time.sleep(0.01)
    touched = api.call("PATCH", f"/api/v1/customers/{ids[2]}", json={"name": "Endret"}, headers={"If-Match": "1"})
    since = touched.json()["updated_at"]
    changed = api.call("GET", "/api/v1/customers", params={"updated_since": since}).json()["items"]
    assert [r["id"] for r in changed] == [ids[2]]
    ordered = api.call("GET", "/api/v1/customers").json()["items"]
    assert ordered[-1]["id"] == ids[2]
    assert api.call("GET", "/api/v1/customers", params={"limit": 1001}).status_code == 422
    assert api.call("GET", "/api/v1/customers", params={"cursor": "garbage"}).status_code == 422


def test_invoice_exports_lifecycle(telaris_server) -> None:
    api = Api(telaris_server)
    cid = api.call("POST", "/api/v1/customers", json=VALID).json()["id"]
    export = api.call("POST", "/api/v1/invoice-exports", json={"invoice_number": "F-1001", "customer_id": cid})
    assert export.status_code == 201 and export.json()["status"] == "pending"
    pending = api.call("GET", "/api/v1/invoice-exports", params={"status": "pending"}).json()["items"]
    assert [e["invoice_number"] for e in pending] == ["F-1001"]
    eid = pending[0]["id"]
    ready = api.call("POST", f"/api/v1/invoice-exports/{eid}/customer-ready", json={"tripletex_customer_id": 7})
    assert ready.json()["status"] == "customer_ready"
    assert api.call("GET", "/api/v1/invoice-exports", params={"status": "pending"}).json()["items"] == []
    other = api.call("POST", "/api/v1/invoice-exports", json={"invoice_number": "F-1002", "customer_id": cid})
    failed = api.call("POST", f"/api/v1/invoice-exports/{other.json()['id']}/failed", json={"reason": "no org"})
    assert failed.json()["status"] == "failed"
    unknown = api.call("POST", "/api/v1/invoice-exports", json={"invoice_number": "F-3", "customer_id": "c_404"})
    assert unknown.status_code == 422


def test_rate_limit_answers_429_with_retry_after(telaris_server, telaris_admin: Admin) -> None:
    api = Api(telaris_server)
    telaris_admin.rate_limit(limit=2, period_seconds=3)
    codes = [api.call("GET", "/api/v1/customers") for _ in range(3)]
    assert [c.status_code for c in codes] == [200, 200, 429]
    assert codes[2].json()["error"]["code"] == "rate_limited" and int(codes[2].headers["Retry-After"]) >= 1


def test_state_survives_a_restart(tmp_path) -> None:
    with BackgroundServer(create_app(tmp_path)) as server:
        rid = Api(server).call("POST", "/api/v1/suppliers", json={"name": "Varig AS"}).json()["id"]
    with BackgroundServer(create_app(tmp_path)) as server:
        assert Api(server).call("GET", f"/api/v1/suppliers/{rid}").json()["name"] == "Varig AS"
