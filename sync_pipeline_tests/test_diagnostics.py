"""The diagnostics find each planted problem, name the records and the fix, and stay silent on clean data; they run
as asset checks after every sync and as `sync-pipeline diagnose --json`."""

from __future__ import annotations

import json
import subprocess
import sys

from sync_pipeline.diagnostics.findings import PROBLEMS, find
from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.webhooks.records import record_subscriptions
from sync_pipeline.webhooks.subscriptions import ensure_subscriptions
from sync_pipeline_tests.sync_helpers import ORG_B, SyncRig, linked_pair

ORG_C, ORG_D = "914778271", "982463718"
DEAD_HOOK = "http://127.0.0.1:9/webhooks/tripletex"  # nothing listens: deliveries never arrive


def findings(rig: SyncRig, grace_minutes: int = 15):
    with Warehouse(rig.db).connect() as con:
        return find(con, grace_minutes=grace_minutes)


def subscribed(rig: SyncRig, tripletex_client) -> None:
    states = ensure_subscriptions(tripletex_client, DEAD_HOOK, "Bearer x", "secret")
    with Warehouse(rig.db).connect() as con:
        record_subscriptions(con, states)


def test_clean_data_raises_nothing(rig, tripletex_client, telaris_client) -> None:
    linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync()
    subscribed(rig, tripletex_client)
    assert findings(rig) == []
    result = rig.run()
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert set(checks) == set(PROBLEMS) and all(c.passed for c in checks.values())


def test_a_check_whose_query_fails_fails_alone_and_the_others_still_report(rig, tripletex_client,
                                                                          telaris_client) -> None:
    """A table one diagnostic reads is gone (here: renamed by hand): that check fails, naming the error, and the
    four others are still evaluated and shown, instead of all five failing with it."""
    linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    rig.sync()
    with Warehouse(rig.db).connect() as con:
        con.execute("ALTER TABLE webhook_subscriptions RENAME TO webhook_subscriptions_moved")
    result = rig.run_checks()
    assert not result.success
    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert set(checks) == set(PROBLEMS) - {"webhooks_not_arriving"}
    assert all(c.passed for c in checks.values())
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "webhooks_not_arriving" in failure.step_failure_data.error.message
    assert "webhook_subscriptions" in str(failure.step_failure_data.user_failure_data.metadata)


def test_every_planted_problem_is_found_with_its_fix(rig, tripletex_client, telaris_client, tripletex_admin) -> None:
    # link missing: the same valid organisation number on both sides, nobody linked them
    twin_x = tripletex_client.create(Kind.CUSTOMER, {"name": "Tvilling AS", "organizationNumber": ORG_C})
    twin_t = telaris_client.create(Kind.CUSTOMER, {"name": "Tvilling AS", "organisation_number": ORG_C})
    # number mismatch: a linked customer renumbered in Telaris to a number another Tripletex customer holds
    numbered_t, numbered_x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    holder = tripletex_client.create(Kind.CUSTOMER, {"name": "Nummereier AS", "customerNumber": 5000})
    # mis-linked: a Telaris supplier linked to another company (different valid organisation number and name)
    other = tripletex_client.create(Kind.SUPPLIER, {"name": "Helt Annen Bedrift AS", "organizationNumber": ORG_D})
    wrong = telaris_client.create(Kind.SUPPLIER, {"name": "Fjellbygg Entreprenør AS", "organisation_number": ORG_B,
                                                  "tripletex_id": other["id"]})
    # mis-linked: a link to a Tripletex supplier that is later deleted
    gone_t, gone_x = linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    # parked forever: a language Tripletex does not have
    parked_x = tripletex_client.create(Kind.CUSTOMER, {"name": "Svensk Kunde AS", "customerNumber": 7070})
    parked_t = telaris_client.create(Kind.CUSTOMER, {"name": "Svensk Kunde AS", "number": "7070",
                                                     "tripletex_id": parked_x["id"]})
    rig.sync(full=True)
    subscribed(rig, tripletex_client)
    version = telaris_client.get(Kind.CUSTOMER, numbered_t["id"])["version"]
    telaris_client.patch(Kind.CUSTOMER, numbered_t["id"], {"number": "5000"}, version=version)
    version = telaris_client.get(Kind.CUSTOMER, parked_t["id"])["version"]
    telaris_client.patch(Kind.CUSTOMER, parked_t["id"], {"language": "sv"}, version=version)
    tripletex_client.delete(Kind.SUPPLIER, gone_x["id"])
    # webhooks not arriving: a Tripletex change the extraction sees, announced to a receiver that is not there
    tripletex_client.update(Kind.CUSTOMER, holder["id"], {"email": "uten.webhook@eksempel.no"})
    result = rig.run(full=True)

    found = findings(rig, grace_minutes=0)
    by_problem = {p: [f for f in found if f.problem == p] for p in PROBLEMS}
    [missing] = by_problem["link_missing"]
    assert (missing.telaris_id, missing.tripletex_id) == (twin_t["id"], twin_x["id"])
    assert ORG_C in missing.detail and f"set tripletex_id {twin_x['id']}" in missing.fix
    [mismatch] = by_problem["number_mismatch"]
    assert (mismatch.telaris_id, mismatch.tripletex_id) == (numbered_t["id"], numbered_x["id"])
    assert "5000" in mismatch.detail and f"Tripletex customer {holder['id']}" in mismatch.detail
    mislinked = {(f.telaris_id, f.tripletex_id): f for f in by_problem["mislinked"]}
    assert "organisation numbers differ" in mislinked[(wrong["id"], other["id"])].detail
    assert "deleted" in mislinked[(gone_t["id"], gone_x["id"])].detail
    assert (telaris_client.get(Kind.SUPPLIER, wrong["id"])["organisation_number"], tripletex_client.get(
        Kind.SUPPLIER, other["id"])["organizationNumber"]) == (ORG_B, ORG_D), "a mislinked pair is never synced"
    parked = [f for f in by_problem["parked_forever"] if f.telaris_id == parked_t["id"]]
    assert parked and "Norwegian and English" in parked[0].fix
    assert any("without a webhook" in f.detail and str(holder["id"]) in f.detail
               for f in by_problem["webhooks_not_arriving"])

    checks = {c.check_name: c for c in result.get_asset_check_evaluations()}
    assert not checks["link_missing"].passed and checks["link_missing"].metadata["findings"].value >= 1
    assert twin_t["id"] in checks["link_missing"].metadata["list"].value

    done = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "diagnose", "--json", "--grace-minutes", "0",
                           "--data", str(rig.db.parent)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    printed = [json.loads(line) for line in done.stdout.splitlines()]
    assert {p["problem"] for p in printed} == set(PROBLEMS)
    assert all({"problem", "kind", "telaris_id", "tripletex_id", "detail", "fix"} <= set(p) for p in printed)
