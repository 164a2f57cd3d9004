"""Many companies behind one Tripletex sandbox, and the cheap change probes an idle company is checked with.

An accountant's token pair reaches several client companies; the Basic-auth user name picks which one a request acts
in. Each company has its own records (with the same ids as its neighbours), its own subscriptions and webhooks; a
company the employee cannot reach is refused. An unchanged list answers 304 to its `versionDigest`, and
`changedSince` with `count=1` counts what changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from sync_pipeline.clients.errors import Unauthorized, ValidationFailed
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.sandboxes.server import BackgroundServer
from sync_pipeline.sandboxes.tripletex import create_app
from sync_pipeline_tests.conftest import Admin
from sync_pipeline_tests.test_tripletex_webhooks import Receiver

ACCOUNTANT = "accountant-employee-token"
NO_DIGEST = "'If-None-Match' header not specified"


def client(server: BackgroundServer, company_id: int, employee: str = ACCOUNTANT) -> TripletexClient:
    return TripletexClient(server.url + "/v2", "consumer", employee, company_id=company_id, max_backoff=0.2,
                           max_attempts=2)


def declare(admin: Admin, companies: list[int], employee: str = ACCOUNTANT, **extra: int) -> dict:
    answer = admin.put("/companies", {"employee_token": employee, "companies": companies, **extra})
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    with hook.server:
        yield hook


def test_one_token_pair_reaches_two_companies_with_the_same_ids_and_separate_data(tripletex_server,
                                                                                  tripletex_admin: Admin) -> None:
    assert declare(tripletex_admin, [1, 2]) == {"own": 1, "companies": [1, 2]}
    own, explicit, client_company = client(tripletex_server, 0), client(tripletex_server, 1), \
        client(tripletex_server, 2)
    fjord = own.create(Kind.CUSTOMER, {"name": "Fjord AS"})
    havn = client_company.create(Kind.CUSTOMER, {"name": "Havn AS"})
    assert (fjord["id"], fjord["customerNumber"]) == (havn["id"], havn["customerNumber"]) == (100001, 10001)

    client_company.update(Kind.CUSTOMER, havn["id"], {"name": "Havn og Kai AS"})
    assert own.get(Kind.CUSTOMER, fjord["id"])["name"] == "Fjord AS"
    assert explicit.get(Kind.CUSTOMER, fjord["id"]) == own.get(Kind.CUSTOMER, fjord["id"])  # 0 is the own company
    assert client_company.get(Kind.CUSTOMER, havn["id"])["version"] == 2
    assert own.get(Kind.CUSTOMER, fjord["id"])["version"] == 1
    assert [v["name"] for v in own.list_page(Kind.CUSTOMER)["values"]] == ["Fjord AS"]
    assert [v["name"] for v in client_company.list_page(Kind.CUSTOMER)["values"]] == ["Havn og Kai AS"]
    assert client_company.list_page(Kind.SUPPLIER)["values"] == []

    mine, theirs = own.who_am_i(), client_company.who_am_i()
    assert (mine["companyId"], mine["company"]["id"], mine["employeeIsProxy"]) == (1, 1, False)
    assert (theirs["companyId"], theirs["company"]["id"], theirs["employeeIsProxy"]) == (2, 2, True)
    assert own.sessions_created == 1  # one session, every company it reaches

    # the admin controls seed and inspect a company by its id; without one they mean company 1, as before
    tripletex_admin.post("/bulk?company=2", {"kind": "supplier", "records": [{"name": "Lager AS"}]})
    assert tripletex_admin.get("/stats?company=2")["records"] == {"customer": 1, "supplier": 1}
    assert tripletex_admin.get("/stats")["records"] == {"customer": 1, "supplier": 0}
    assert [v["name"] for v in client_company.list_page(Kind.SUPPLIER)["values"]] == ["Lager AS"]


def test_a_company_the_employee_cannot_reach_is_refused_with_tripletexs_403(tripletex_server,
                                                                             tripletex_admin: Admin) -> None:
    declare(tripletex_admin, [1, 2])
    stranger = client(tripletex_server, 7)
    with pytest.raises(Unauthorized) as refused:
        stranger.list_page(Kind.CUSTOMER)
    assert refused.value.status == 403 and refused.value.code == 9000
    text = str(refused.value)
    assert "refused company 7" in text and "--tripletex-company-id" in text and "\n" not in text
    assert stranger.sessions_created == 1  # the session is good: no renewing it in vain

    token = requests.put(tripletex_server.url + "/v2/token/session/:create", timeout=10, params={
        "consumerToken": "consumer", "employeeToken": ACCOUNTANT, "expirationDate": "2099-01-01"}).json()
    answer = requests.post(tripletex_server.url + "/v2/customer", json={"name": "Inntrenger AS"}, timeout=10,
                           auth=("7", token["value"]["token"]))
    body = answer.json()
    assert answer.status_code == 403 and body["status"] == 403 and body["code"] == 9000
    assert body["requestId"] == answer.headers["x-tlx-request-id"]
    assert 7 not in tripletex_admin.get("/companies")["companies"], "a refused request must not create a company"

    # undeclared, a token reaches its own company only (company 1), as the sandbox always did
    with pytest.raises(Unauthorized, match="refused company 2"):
        client(tripletex_server, 2, employee="someone-else").list_page(Kind.CUSTOMER)
    assert client(tripletex_server, 0, employee="someone-else").list_page(Kind.CUSTOMER)["values"] == []


def test_a_token_pair_of_another_company_acts_there_with_user_name_0(tripletex_server,
                                                                      tripletex_admin: Admin) -> None:
    """Two companies each with their own pair (no accountant): `0` means each token's own company."""
    assert declare(tripletex_admin, [3], employee="employee-of-3") == {"own": 3, "companies": [3]}
    client(tripletex_server, 0, employee="employee-of-3").create(Kind.SUPPLIER, {"name": "Tre AS"})
    assert tripletex_admin.get("/stats?company=3")["records"]["supplier"] == 1
    assert tripletex_admin.get("/stats")["records"]["supplier"] == 0
    with pytest.raises(Unauthorized, match="refused company 1"):
        client(tripletex_server, 1, employee="employee-of-3").who_am_i()


def test_webhooks_of_one_company_carry_only_that_companys_changes(tripletex_server, tripletex_admin: Admin,
                                                                   receiver: Receiver) -> None:
    declare(tripletex_admin, [1, 2])
    one, two = client(tripletex_server, 1), client(tripletex_server, 2)
    for company, name in ((one, "one"), (two, "two")):
        company.subscribe("customer.create", receiver.url, fields="id,name", authHeaderName="X-Company",
                          authHeaderValue=name)
    two.create(Kind.CUSTOMER, {"name": "Havn AS"})
    one.create(Kind.CUSTOMER, {"name": "Fjord AS"})
    delivered = {(headers["x-company"], payload["value"]["name"], payload["id"])
                 for headers, payload in receiver.wait_for(2)}
    assert delivered == {("two", "Havn AS", 100001), ("one", "Fjord AS", 100001)}
    assert [d["event"] for d in tripletex_admin.get("/webhooks/deliveries?company=2")["deliveries"]] == [
        "customer.create"]
    assert len(tripletex_admin.get("/webhooks/deliveries")["deliveries"]) == 1
    assert len(one.subscriptions()) == len(two.subscriptions()) == 1
    assert len(receiver.received) == 2


def test_admin_controls_act_on_the_company_they_name(tripletex_server, tripletex_admin: Admin) -> None:
    declare(tripletex_admin, [1, 2])
    one, two = client(tripletex_server, 1), client(tripletex_server, 2)
    one.create(Kind.CUSTOMER, {"name": "Fjord AS"})
    two.create(Kind.CUSTOMER, {"name": "Havn AS"})

    tripletex_admin.clear_log()
    assert tripletex_admin.post("/faults?company=2", {"kind": "status", "status": 422, "count": 1}).status_code \
        == 201
    assert one.list_page(Kind.CUSTOMER)["values"]  # company 1 is untouched by company 2's fault
    with pytest.raises(ValidationFailed):
        two.list_page(Kind.CUSTOMER)
    logged = tripletex_admin.get("/requests?company=2")["requests"]
    assert [(r["path"], r["status"], r["company"]) for r in logged] == [("/v2/customer", 422, 2)]

    assert tripletex_admin.post("/reset?company=2").status_code == 204
    assert two.list_page(Kind.CUSTOMER)["values"] == [] and one.list_page(Kind.CUSTOMER)["values"]
    assert tripletex_admin.post("/reset?company=x").status_code == 400

    two.create(Kind.CUSTOMER, {"name": "Havn AS"})
    assert tripletex_admin.post("/snapshot?company=2").status_code == 204
    two.create(Kind.CUSTOMER, {"name": "Kai AS"})
    one.create(Kind.CUSTOMER, {"name": "Bru AS"})
    assert tripletex_admin.post("/restore?company=2").status_code == 204
    assert [v["name"] for v in two.list_page(Kind.CUSTOMER)["values"]] == ["Havn AS"]
    assert len(one.list_page(Kind.CUSTOMER)["values"]) == 2

    assert tripletex_admin.post("/reset").status_code == 204  # everything, declarations included
    with pytest.raises(Unauthorized, match="refused company 2"):
        client(tripletex_server, 2).list_page(Kind.CUSTOMER)


def test_seeding_fills_the_company_it_names(tripletex_server, telaris_server) -> None:
    summary = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=20, suppliers=10,
                             tripletex_company=2)
    stats = requests.get(tripletex_server.url + "/_sandbox/stats?company=2", timeout=10).json()["records"]
    assert stats == summary.tripletex and sum(stats.values()) > 0
    assert requests.get(tripletex_server.url + "/_sandbox/stats", timeout=10).json()["records"] == {
        "customer": 0, "supplier": 0}


def test_companies_their_reach_and_their_waiting_webhooks_survive_a_restart(tmp_path, receiver: Receiver) -> None:
    with BackgroundServer(create_app(tmp_path)) as server:
        declare(Admin(server), [1, 2])
        client(server, 2).subscribe("customer.create", receiver.url)
        Admin(server).put("/webhooks", {"paused": True})
        client(server, 2).create(Kind.CUSTOMER, {"name": "Havn AS"})
    assert (tmp_path / "companies" / "2" / "tripletex.sqlite").exists() and (tmp_path / "tripletex.sqlite").exists()
    assert receiver.received == []
    with BackgroundServer(create_app(tmp_path)) as server:
        # company 2's delivery, waiting when the sandbox stopped, goes out before anyone touches company 2
        [(_, payload)] = receiver.wait_for(1)
        assert payload["event"] == "customer.create" and payload["value"]["name"] == "Havn AS"
        assert [v["name"] for v in client(server, 2).list_page(Kind.CUSTOMER)["values"]] == ["Havn AS"]
        assert client(server, 0).list_page(Kind.CUSTOMER)["values"] == []


# ---- cheap change probes ------------------------------------------------------------------------------------------
def test_an_unchanged_list_answers_304_to_its_digest_and_a_changed_one_200(tripletex_server,
                                                                           tripletex_admin: Admin) -> None:
    declare(tripletex_admin, [1, 2])
    one, two = client(tripletex_server, 1), client(tripletex_server, 2)
    tripletex_admin.bulk("customer", [{"name": f"Kunde {n} AS"} for n in range(5)])
    token = one._create_session()
    url, auth = tripletex_server.url + "/v2/customer?fields=id&count=1000", ("1", token)

    plain = requests.get(url, auth=auth, timeout=10).json()
    assert plain["versionDigest"] == NO_DIGEST  # as Tripletex: a checksum only when asked with If-None-Match
    first = requests.get(url, auth=auth, timeout=10, headers={"If-None-Match": "anything"})
    digest = first.json()["versionDigest"]
    assert first.status_code == 200 and digest not in (NO_DIGEST, "", None)
    again = requests.get(url, auth=auth, timeout=10, headers={"If-None-Match": digest})
    assert again.status_code == 304 and again.content == b"" and again.headers["x-tlx-request-id"]

    two.create(Kind.CUSTOMER, {"name": "Annet firma AS"})  # another company's change is not this list's
    assert requests.get(url, auth=auth, timeout=10, headers={"If-None-Match": digest}).status_code == 304
    one.update(Kind.CUSTOMER, 100003, {"name": "Endret AS"})
    changed = requests.get(url, auth=auth, timeout=10, headers={"If-None-Match": digest})
    assert changed.status_code == 200 and changed.json()["versionDigest"] != digest
    assert len(changed.json()["values"]) == 5


def test_list_digest_costs_a_304_per_page_while_nothing_changes(tripletex_server, tripletex_admin: Admin) -> None:
    tripletex_admin.bulk("customer", [{"name": f"Kunde {n} AS"} for n in range(5)])
    probe = client(tripletex_server, 0)
    known = probe.list_digest(Kind.CUSTOMER, page_size=2)
    assert len(known.split(",")) == 3  # pages of 2, 2 and 1

    tripletex_admin.clear_log()
    assert probe.list_digest(Kind.CUSTOMER, known, page_size=2) == known
    logged = tripletex_admin.requests("/v2/customer")
    assert [r["status"] for r in logged] == [304, 304, 304]
    assert [r["headers"]["if-none-match"] for r in logged] == known.split(",")

    probe.update(Kind.CUSTOMER, 100004, {"name": "Endret AS"})  # on the second page
    changed = probe.list_digest(Kind.CUSTOMER, known, page_size=2)
    assert changed != known and changed.split(",")[0] == known.split(",")[0]
    probe.delete(Kind.CUSTOMER, 100005)  # a deletion, which changedSince cannot see
    assert probe.list_digest(Kind.CUSTOMER, changed, page_size=2) != changed


def test_changes_since_counts_the_records_changed_since_and_nothing_else(tripletex_server,
                                                                          tripletex_admin: Admin) -> None:
    declare(tripletex_admin, [1, 2])
    probe, other = client(tripletex_server, 1), client(tripletex_server, 2)
    tripletex_admin.bulk("customer", [{"name": f"Kunde {n} AS"} for n in range(4)])
    time.sleep(1.05 - time.time() % 1)  # changedSince is sent to the second: let the seeding's second pass
    since = datetime.now(UTC)
    assert probe.changes_since(Kind.CUSTOMER, since) == 0

    probe.update(Kind.CUSTOMER, 100001, {"name": "Endret AS"})
    probe.update(Kind.CUSTOMER, 100002, {"isInactive": True})  # a deactivation is a change too
    other.create(Kind.CUSTOMER, {"name": "Annet firma AS"})
    assert probe.changes_since(Kind.CUSTOMER, since) == 2
    assert probe.changes_since(Kind.SUPPLIER, since) == 0
    assert other.changes_since(Kind.CUSTOMER, since) == 1

    tripletex_admin.clear_log()
    probe.changes_since(Kind.CUSTOMER, since)
    queries = [r["query"] for r in tripletex_admin.requests("/v2/customer")]
    assert len(queries) == 2 and all("count=1&" in q and "fields=id" in q and "changedSince=" in q for q in queries)
