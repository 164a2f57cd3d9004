"""The change probe an idle company is checked with instead of a run (tenants.probe), against both real sandboxes,
two companies in each: only the company that changed says so, an unchanged company costs 304s and two one-record
reads, and a company whose probe fails keeps its error and asks for a run at most once per backoff window."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.tenants.company import Company
from sync_pipeline.tenants.probe import NO_DIGEST, ProbeState, cursor_of, probe, probe_many, states_of
from sync_pipeline_tests.conftest import Admin

ACCOUNTANT = "accountant-employee-token"
TELARIS_TOKEN = "telaris-sandbox-token"
SETTLE = 1.1  # the probe keeps whole seconds: a change must be a second older than the probe that has seen it


@pytest.fixture
def companies(tripletex_server, telaris_server, tripletex_admin: Admin, tmp_path: Path,
              monkeypatch: pytest.MonkeyPatch) -> list[Company]:
    """Two companies (alpha: Tripletex 2 and Telaris 2; beta: 3 and 3) reached by one accountant's token pair,
    each seeded with a few records on both sides."""
    monkeypatch.setenv("PROBE_TX_CONSUMER", "consumer")
    monkeypatch.setenv("PROBE_TX_EMPLOYEE", ACCOUNTANT)
    monkeypatch.setenv("PROBE_TELARIS", TELARIS_TOKEN)
    assert tripletex_admin.put("/companies", {"employee_token": ACCOUNTANT, "companies": [1, 2, 3]}).ok
    made = []
    for name, cid in (("alpha", 2), ("beta", 3)):
        seed_sandboxes(tripletex_server.url, telaris_server.url, customers=30, suppliers=10, seed=cid,
                       tripletex_company=cid, telaris_company=cid)
        made.append(Company(name=name, data_dir=tmp_path / name, tripletex_url=tripletex_server.url + "/v2",
                            telaris_url=f"{telaris_server.url}/companies/{cid}", tripletex_company_id=cid,
                            tripletex_consumer_token_env="PROBE_TX_CONSUMER",
                            tripletex_employee_token_env="PROBE_TX_EMPLOYEE", telaris_token_env="PROBE_TELARIS"))
    time.sleep(SETTLE)
    return made


def baseline(companies: list[Company]) -> dict[str, ProbeState]:
    first = probe_many(companies, {}, overlap=0)
    assert {name: (r.changed, r.reason) for name, r in first.items()} == {
        c.name: (True, "first probe: no earlier state to compare with") for c in companies}
    time.sleep(SETTLE)
    return {name: r.new_state for name, r in first.items()}


def changed(results) -> dict[str, str]:
    return {name: r.reason for name, r in results.items() if r.changed}


def test_only_the_company_that_changed_says_so_and_an_unchanged_one_costs_304s(
        companies, tripletex_server, telaris_server, tripletex_admin: Admin, telaris_admin: Admin) -> None:
    states = baseline(companies)
    tripletex_admin.clear_log()
    telaris_admin.clear_log()
    quiet = probe_many(companies, states, overlap=0)
    assert changed(quiet) == {} and {r.reason for r in quiet.values()} == {"unchanged"}
    listed = [r for r in tripletex_admin.requests("/v2/") if r["method"] == "GET"]
    # per company: customers and suppliers, active and inactive, one page each: four 304s, no session made again
    assert sorted((r["company"], r["path"], r["status"]) for r in listed) == sorted(
        (cid, f"/v2/{kind}", 304) for cid in (2, 3) for kind in ("customer", "supplier") for _ in range(2))
    assert tripletex_admin.requests("/v2/token") == []
    read = telaris_admin.requests("/api/v1/")
    assert len(read) == 4 and all("limit=1" in r["query"].split("&") for r in read)
    states = {name: r.new_state for name, r in quiet.items()}

    beta_telaris = TelarisClient(f"{telaris_server.url}/companies/3", TELARIS_TOKEN)
    record = beta_telaris.list_page(Kind.SUPPLIER, limit=1)["items"][0]
    beta_telaris.patch(Kind.SUPPLIER, record["id"], {"email": "ny@lager.no"}, version=record["version"])
    time.sleep(SETTLE)
    after_telaris = probe_many(companies, states, overlap=0)
    assert changed(after_telaris) == {"beta": "telaris suppliers changed"}
    states = {name: r.new_state for name, r in after_telaris.items()}

    alpha_tripletex = TripletexClient(tripletex_server.url + "/v2", "consumer", ACCOUNTANT, company_id=2)
    customer = alpha_tripletex.list_page(Kind.CUSTOMER, count=1)["values"][0]
    alpha_tripletex.update(Kind.CUSTOMER, customer["id"], {"email": "ny@fjord.no"})
    time.sleep(SETTLE)
    after_tripletex = probe_many(companies, states, overlap=0)
    assert changed(after_tripletex) == {"alpha": "tripletex customers changed (versionDigest)"}
    states = {name: r.new_state for name, r in after_tripletex.items()}
    assert changed(probe_many(companies, states, overlap=0)) == {}

    # the states a sensor keeps in its cursor come back as they went in
    assert states_of(cursor_of(states)) == states
    assert states_of("not json") == {} and states_of(None) == {}


def test_without_version_digests_tripletex_is_probed_with_changed_since(companies, tripletex_server,
                                                                        tripletex_admin: Admin) -> None:
    """A Tripletex without the experimental checksum answers "'If-None-Match' header not specified": that is no
    digest to compare, so the probe counts changes with changedSince instead."""
    assert tripletex_admin.put("/version-digest", {"enabled": False}).ok
    states = baseline(companies)
    assert {s.digests["c"] for s in states.values()} == {NO_DIGEST}
    tripletex_admin.clear_log()
    assert changed(probe_many(companies, states, overlap=0)) == {}
    queries = [r["query"] for r in tripletex_admin.requests("/v2/") if r["method"] == "GET"]
    assert queries and all("changedSince=" in q and "count=1" in q.split("&") for q in queries)

    beta_tripletex = TripletexClient(tripletex_server.url + "/v2", "consumer", ACCOUNTANT, company_id=3)
    supplier = beta_tripletex.list_page(Kind.SUPPLIER, count=1)["values"][0]
    beta_tripletex.update(Kind.SUPPLIER, supplier["id"], {"email": "ny@lager.no"})
    time.sleep(SETTLE)
    assert changed(probe_many(companies, states, overlap=0)) == {"beta": "tripletex suppliers changed (changedSince)"}


def test_a_failing_probe_keeps_its_error_and_asks_for_a_run_once_per_backoff(companies, telaris_admin: Admin,
                                                                             monkeypatch) -> None:
    states = baseline(companies)
    alpha, beta = companies
    good = states["alpha"]
    monkeypatch.setenv("PROBE_TELARIS", "a-wrong-token")
    now = time.time()
    first = probe(alpha, good, now=now, error_backoff=600)
    assert first.changed and first.reason.startswith("probe failed, starting a run to show it:")
    assert "401" in first.new_state.error and "a-wrong-token" not in cursor_of({"alpha": first.new_state})
    assert (first.new_state.since, first.new_state.digests) == (good.since, good.digests)  # nothing it knew is lost

    again = probe(alpha, first.new_state, now=now + 300, error_backoff=600)
    assert not again.changed and "401" in again.reason
    assert (again.new_state.error_at, again.new_state.error_run_at) == (int(now + 300), int(now))
    later = probe(alpha, again.new_state, now=now + 600, error_backoff=600)
    assert later.changed  # the backoff window passed: one more run, to fail where an operator sees it

    monkeypatch.setenv("PROBE_TELARIS", TELARIS_TOKEN)
    recovered = probe(alpha, later.new_state, overlap=0)
    assert (recovered.changed, recovered.reason, recovered.new_state.error) == (False, "unchanged", None)

    # a company that does not answer within the deadline counts as failed; the others are answered
    beta_admin = Admin.__new__(Admin)
    beta_admin.url = beta.telaris_url + "/_sandbox"
    beta_admin.fault(kind="latency", latency_ms=2500, count=1)
    slow = probe_many(companies, states, overlap=0, deadline=1.0)
    assert (slow["alpha"].changed, slow["alpha"].reason) == (False, "unchanged")
    assert slow["beta"].changed and "no answer within the probe deadline of 1 s" in slow["beta"].new_state.error
    time.sleep(2)  # let the slow request finish before the sandbox stops
    requests.delete(beta_admin.url + "/faults", timeout=5)
