"""The Tripletex sandbox behaves like Tripletex: shapes, defaults, partial updates, errors, limits, sessions."""

from __future__ import annotations

import time

import requests

from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.sandboxes.tripletex import create_app
from sync_pipeline_tests.conftest import DATA, Admin
from sync_pipeline_tests.openapi_check import OpenApiChecker


class Api:
    """Raw HTTP against /v2 that validates every answer against Tripletex's published schemas."""

    checker = OpenApiChecker.from_file(DATA / "tripletex-openapi-subset.json", all_nullable=True, base_path="/v2")

    def __init__(self, server: BackgroundServer) -> None:
        self.base = server.url + "/v2"
        self.auth: tuple[str, str] | None = None
        session = self.call("PUT", "/token/session/:create?consumerToken=c&employeeToken=e&expirationDate=2099-01-01",
                            auth=None)
        self.auth = ("0", session.json()["value"]["token"])

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        answer = requests.request(method, self.base + path, auth=kwargs.pop("auth", self.auth), timeout=10,
                                  **kwargs)
        assert answer.headers.get("x-tlx-request-id")
        for header in ("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"):
            assert header in answer.headers
        if answer.status_code >= 400:
            self.checker.validate_ref("ApiError", answer.json())
            assert answer.json()["requestId"] == answer.headers["x-tlx-request-id"]
        elif answer.content:
            self.checker.validate(method, path.split("?")[0], answer.status_code, answer.json())
        return answer


def test_session_create_and_expiry(tripletex_server, tripletex_admin: Admin) -> None:
    api = Api(tripletex_server)
    assert api.call("GET", "/token/session/>whoAmI").json()["value"]["companyId"] == 1
    assert api.call("GET", "/customer", auth=("0", "not-a-token")).status_code == 401
    tripletex_admin.post("/sessions/expire")
    expired = api.call("GET", "/customer")
    assert expired.status_code == 401 and expired.json()["code"] == 3000


def test_create_fills_tripletex_defaults(tripletex_server) -> None:
    api = Api(tripletex_server)
    created = api.call("POST", "/customer", json={"name": "Fjord Bygg AS"})
    assert created.status_code == 201
    value = created.json()["value"]
    assert value["version"] == 1 and value["customerNumber"] == 10001 and value["supplierNumber"] == 0
    assert value["email"] == "" and value["language"] == "NO" and value["currency"]["id"] == 1
    assert value["url"] == f"tripletex.no/v2/customer/{value['id']}"
    assert value["postalAddress"]["id"] and value["physicalAddress"]["id"] and value["deliveryAddress"] is None
    supplier = api.call("POST", "/supplier", json={"name": "Leverandør AS"}).json()["value"]
    assert supplier["supplierNumber"] == 20001 and supplier["customerNumber"] == 0
    listed = api.call("GET", "/supplier?fields=*,postalAddress(*)").json()["values"]
    assert [s["id"] for s in listed] == [supplier["id"]] and listed[0]["isSupplier"] is True
    second = api.call("POST", "/customer", json={"name": "To AS"}).json()["value"]
    assert second["customerNumber"] == 10002


def test_partial_put_changes_only_given_fields_and_checks_version(tripletex_server) -> None:
    api = Api(tripletex_server)
    value = api.call("POST", "/customer", json={"name": "A AS", "email": "a@a.no", "phoneNumber": "+4791234567",
                                                "postalAddress": {"addressLine1": "Gate 1", "city": "Oslo"}}
                     ).json()["value"]
    cid = value["id"]
    address_id = api.call("GET", f"/customer/{cid}?fields=postalAddress(*)").json()["value"]["postalAddress"]["id"]
    updated = api.call("PUT", f"/customer/{cid}", json={"version": 1, "email": "ny@a.no",
                                                        "postalAddress": {"id": address_id, "city": "Bergen"}})
    assert updated.status_code == 200
    full = api.call("GET", f"/customer/{cid}?fields=*,postalAddress(*)").json()["value"]
    assert full["email"] == "ny@a.no" and full["phoneNumber"] == "+4791234567" and full["version"] == 2
    assert full["postalAddress"] | {} and full["postalAddress"]["city"] == "Bergen"
    assert full["postalAddress"]["addressLine1"] == "Gate 1" and full["postalAddress"]["id"] == address_id
    stale = api.call("PUT", f"/customer/{cid}", json={"version": 1, "name": "B AS"})
    assert stale.status_code == 409 and stale.json()["code"] == 8000
    assert api.call("GET", f"/customer/{cid}").json()["value"]["name"] == "A AS"


def test_validation_errors_name_the_field(tripletex_server) -> None:
    api = Api(tripletex_server)
    missing = api.call("POST", "/customer", json={"email": "x@y.no"})
    assert missing.status_code == 422 and missing.json()["code"] == 18000
    assert missing.json()["validationMessages"][0]["field"] == "name"
    too_long = api.call("POST", "/customer", json={"name": "x" * 256})
    assert too_long.status_code == 422 and too_long.json()["validationMessages"][0]["field"] == "name"
    language = api.call("POST", "/supplier", json={"name": "S AS", "language": "SV"})
    assert language.status_code == 422 and language.json()["validationMessages"][0]["field"] == "language"
    bad_json = api.call("POST", "/customer", data=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 422 and bad_json.json()["code"] == 22000
    unknown = api.call("GET", "/customer/999999")
    assert unknown.status_code == 404 and unknown.json()["code"] == 6000


def test_list_filters_paging_and_fields(tripletex_server, tripletex_admin: Admin) -> None:
    api = Api(tripletex_server)
    tripletex_admin.bulk("customer", [{"name": f"Firma {i} AS", "organizationNumber": f"9{i:08d}",
                                       "email": f"post{i}@firma.no"} for i in range(25)])
    inactive = api.call("POST", "/customer", json={"name": "Sovende AS", "isInactive": True}).json()["value"]
    listed = api.call("GET", "/customer?count=10&from=0").json()
    assert listed["count"] == 10 and listed["from"] == 0 and listed["fullResultSize"] == 25
    assert listed["versionDigest"] == "'If-None-Match' header not specified"
    assert listed["values"][0]["postalAddress"].keys() == {"id", "url"}
    seen = []
    for start in (0, 10, 20):
        seen += [v["id"] for v in api.call("GET", f"/customer?count=10&from={start}").json()["values"]]
    assert len(seen) == 25 == len(set(seen)) and inactive["id"] not in seen
    assert [v["id"] for v in api.call("GET", "/customer?isInactive=true").json()["values"]] == [inactive["id"]]
    by_org = api.call("GET", "/customer?organizationNumber=900000003").json()["values"]
    assert [v["email"] for v in by_org] == ["post3@firma.no"]
    narrow = api.call("GET", "/customer?count=1&fields=id,name,postalAddress(city)").json()["values"][0]
    assert set(narrow) == {"id", "name", "postalAddress"} and set(narrow["postalAddress"]) == {"city"}
    assert api.call("GET", "/customer?sorting=nope").status_code == 400


def test_changed_since_returns_only_later_changes(tripletex_server) -> None:
    api = Api(tripletex_server)
    old = api.call("POST", "/customer", json={"name": "Gammel AS"}).json()["value"]
    time.sleep(1.1)
    mark = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    new = api.call("POST", "/customer", json={"name": "Ny AS"}).json()["value"]
    ids = [v["id"] for v in api.call("GET", f"/customer?changedSince={mark}").json()["values"]]
    assert ids == [new["id"]] and old["id"] not in ids


def test_delete_removes(tripletex_server) -> None:
    api = Api(tripletex_server)
    cid = api.call("POST", "/customer", json={"name": "Borte AS"}).json()["value"]["id"]
    assert api.call("DELETE", f"/customer/{cid}").status_code == 204
    assert api.call("GET", f"/customer/{cid}").status_code == 404


def test_reference_data(tripletex_server) -> None:
    api = Api(tripletex_server)
    nok = api.call("GET", "/currency?code=NOK").json()["values"]
    assert [c["id"] for c in nok] == [1]
    norway = api.call("GET", "/country/161").json()["value"]
    assert norway["isoAlpha2Code"] == "NO"


def test_rate_limit_headers_and_429_for_the_rest_of_the_period(tripletex_server, tripletex_admin: Admin) -> None:
    api = Api(tripletex_server)
    tripletex_admin.rate_limit(limit=3, period_seconds=2)
    answers = [api.call("GET", "/customer") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert answers[0].headers["X-Rate-Limit-Limit"] == "3"
    assert [a.headers["X-Rate-Limit-Remaining"] for a in answers[:3]] == ["2", "1", "0"]
    time.sleep(float(answers[-1].headers["X-Rate-Limit-Reset"]) + 0.1)
    assert api.call("GET", "/customer").status_code == 200


def test_admin_routes_are_not_part_of_the_api(tripletex_server) -> None:
    api = Api(tripletex_server)
    assert api.call("GET", "/token/session/>whoAmI").status_code == 200
    assert requests.get(tripletex_server.url + "/v2/_sandbox/stats", auth=api.auth, timeout=5).status_code == 404


def test_injected_faults(tripletex_server, tripletex_admin: Admin) -> None:
    api = Api(tripletex_server)
    tripletex_admin.fault(kind="status", status=503, count=2, path="/v2/customer")
    assert [api.call("GET", "/customer").status_code for _ in range(3)] == [503, 503, 200]
    tripletex_admin.fault(kind="latency", latency_ms=300, count=1)
    started = time.monotonic()
    api.call("GET", "/customer")
    assert time.monotonic() - started >= 0.3
    tripletex_admin.fault(kind="drop", count=1)
    try:
        requests.get(api.base + "/customer", auth=api.auth, timeout=5)
        raise AssertionError("a dropped connection must not look like an answer")
    except requests.RequestException:
        pass
    log = tripletex_admin.requests("/v2/customer")
    assert log and all({"method", "path", "body", "status"} <= set(e) for e in log)


def test_state_survives_a_restart(tmp_path) -> None:
    with BackgroundServer(create_app(tmp_path)) as server:
        api = Api(server)
        cid = api.call("POST", "/supplier", json={"name": "Varig AS"}).json()["value"]["id"]
    with BackgroundServer(create_app(tmp_path)) as server:
        api = Api(server)
        assert api.call("GET", f"/supplier/{cid}").json()["value"]["name"] == "Varig AS"
        assert api.call("POST", "/supplier", json={"name": "Neste AS"}).json()["value"]["supplierNumber"] == 20002


def test_reset_gives_an_empty_company(tripletex_server, tripletex_admin: Admin) -> None:
    api = Api(tripletex_server)
    api.call("POST", "/customer", json={"name": "Før AS"})
    assert tripletex_admin.post("/reset").status_code == 204
    assert tripletex_admin.get("/stats")["records"] == {"customer": 0, "supplier": 0}


def test_event_and_subscription_endpoints(tripletex_server) -> None:
    api = Api(tripletex_server)
    assert "customer.update" in api.call("GET", "/event").json()["value"]
    created = api.call("POST", "/event/subscription", json={"event": "supplier.create",
                                                            "targetUrl": "https://hooks.example.no/tripletex",
                                                            "fields": "id,name", "hmacSharedSecret": "k"})
    assert created.status_code == 201
    sid = created.json()["value"]["id"]
    assert api.call("GET", f"/event/subscription/{sid}").json()["value"]["status"] == "ACTIVE"
    assert [s["id"] for s in api.call("GET", "/event/subscription").json()["values"]] == [sid]
    paused = api.call("PUT", f"/event/subscription/{sid}", json={"status": "DISABLED"}).json()["value"]
    assert paused["status"] == "DISABLED" and paused["version"] == 1
    assert api.call("DELETE", f"/event/subscription/{sid}").status_code == 204
    assert api.call("GET", f"/event/subscription/{sid}").status_code == 404


def test_every_implemented_endpoint_answers_to_the_schema(tripletex_server) -> None:
    """Self-contained: one call to every endpoint the sandbox implements, each answer validated against Tripletex's
    published schema (Api.call validates), whatever other tests ran before."""
    Api.checker.checked.clear()
    api = Api(tripletex_server)
    api.call("GET", "/token/session/>whoAmI")
    for kind in ("customer", "supplier"):
        created = api.call("POST", f"/{kind}", json={"name": f"Skjema {kind} AS"}).json()["value"]
        api.call("GET", f"/{kind}")
        api.call("GET", f"/{kind}/{created['id']}")
        api.call("PUT", f"/{kind}/{created['id']}", json={"email": "skjema@example.no"})
    api.call("GET", "/currency")
    country = api.call("GET", "/country").json()["values"][0]
    api.call("GET", f"/country/{country['id']}")
    api.call("GET", "/event")
    sub = api.call("POST", "/event/subscription", json={"event": "customer.update",
                                                         "targetUrl": "https://hooks.example.no/t"}).json()["value"]
    api.call("GET", "/event/subscription")
    api.call("GET", f"/event/subscription/{sub['id']}")
    api.call("PUT", f"/event/subscription/{sub['id']}", json={"status": "DISABLED"})
    implemented = {
        ("PUT", "/token/session/:create"), ("GET", "/token/session/>whoAmI"),
        ("GET", "/customer"), ("POST", "/customer"), ("GET", "/customer/{id}"), ("PUT", "/customer/{id}"),
        ("GET", "/supplier"), ("POST", "/supplier"), ("GET", "/supplier/{id}"), ("PUT", "/supplier/{id}"),
        ("GET", "/currency"), ("GET", "/country/{id}"), ("GET", "/event"),
        ("GET", "/event/subscription"), ("POST", "/event/subscription"), ("GET", "/event/subscription/{id}"),
        ("PUT", "/event/subscription/{id}"),
    }
    assert implemented <= Api.checker.checked, implemented - Api.checker.checked
