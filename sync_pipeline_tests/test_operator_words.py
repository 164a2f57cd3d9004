"""What an operator reads: one finding and one fix per problem, names in every finding, nothing parked that
`diagnose` leaves out, webhooks' silence counted however often the subscriptions are checked, `diagnose`'s exit codes,
`link`'s help and messages, counts in the right number, and a demo that starts clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from sync_pipeline.diagnostics.findings import find
from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.webhooks.records import record_subscriptions
from sync_pipeline.webhooks.subscriptions import SubscriptionState, ensure_subscriptions
from sync_pipeline_tests.sync_helpers import ORG_B, SyncRig, linked_pair

ORG_D = "982463718"
DEAD_HOOK = "http://127.0.0.1:9/webhooks/tripletex"


def findings(rig: SyncRig, problem: str, grace_minutes: int = 15):
    with Warehouse(rig.db).connect() as con:
        return [f for f in find(con, grace_minutes=grace_minutes) if f.problem == problem]


def test_one_number_clash_is_one_finding_with_one_fix(rig, tripletex_client, telaris_client) -> None:
    """Today parked_forever says "give one of the two records another number" and number_mismatch "give the two
    records the same number", for the same clash."""
    pair_t, pair_x = linked_pair(tripletex_client, telaris_client, Kind.CUSTOMER)
    holder = tripletex_client.create(Kind.CUSTOMER, {"name": "Nummereier AS", "customerNumber": 5000})
    rig.sync(full=True)
    version = telaris_client.get(Kind.CUSTOMER, pair_t["id"])["version"]
    telaris_client.patch(Kind.CUSTOMER, pair_t["id"], {"number": "5000"}, version=version)
    rig.run(full=True)

    [mismatch] = findings(rig, "number_mismatch")
    assert (mismatch.telaris_id, mismatch.tripletex_id) == (pair_t["id"], pair_x["id"])
    assert f"Tripletex customer {holder['id']}" in mismatch.detail
    assert mismatch.fix.startswith("another record already holds the number (named above): give that record "
                                   "another number")
    assert [f for f in findings(rig, "parked_forever") if f.telaris_id == pair_t["id"]] == [], "reported twice"


def test_a_mislinked_pair_is_not_told_to_renumber(rig, tripletex_client, telaris_client) -> None:
    other = tripletex_client.create(Kind.SUPPLIER, {"name": "Helt Annen Bedrift AS", "organizationNumber": ORG_D,
                                                    "supplierNumber": 777})
    wrong = telaris_client.create(Kind.SUPPLIER, {"name": "Fjellbygg Entreprenør AS", "organisation_number": ORG_B,
                                                  "number": "20999", "tripletex_id": other["id"]})
    rig.sync(full=True)
    assert [(f.telaris_id, f.tripletex_id) for f in findings(rig, "mislinked")] == [(wrong["id"], other["id"])]
    assert findings(rig, "number_mismatch") == [], "renumbering two different companies would be the wrong fix"


def test_parked_writes_and_failed_exports_carry_names_and_a_fix(rig, tripletex_client, telaris_client,
                                                                tripletex_admin) -> None:
    """Today parked_forever names no record (null names in --json), and an invoice export refused for its language
    is in no finding at all."""
    parked_x = tripletex_client.create(Kind.CUSTOMER, {"name": "Svensk Kunde AS", "customerNumber": 7070})
    parked_t = telaris_client.create(Kind.CUSTOMER, {"name": "Svensk Kunde AS", "number": "7070",
                                                     "tripletex_id": parked_x["id"]})
    danish = telaris_client.create(Kind.CUSTOMER, {"name": "Dansk Kunde ApS", "language": "da"})
    rig.sync(full=True)
    version = telaris_client.get(Kind.CUSTOMER, parked_t["id"])["version"]
    telaris_client.patch(Kind.CUSTOMER, parked_t["id"], {"language": "sv"}, version=version)
    telaris_client.create_invoice_export("F-20001", danish["id"])
    rig.run()

    parked = {f.telaris_id: f for f in findings(rig, "parked_forever")}
    language = parked[parked_t["id"]]
    assert (language.telaris_name, language.tripletex_name) == ("Svensk Kunde AS", "Svensk Kunde AS")
    assert language.fix == (f"Tripletex knows only Norwegian and English: set the language of Telaris customer "
                            f"{parked_t['id']} to one of them")
    export = parked[danish["id"]]
    assert export.telaris_name == "Dansk Kunde ApS" and "invoice F-20001 could not be exported" in export.detail
    assert export.fix == (f"Tripletex knows only Norwegian and English: set the language of Telaris customer "
                          f"{danish['id']} to one of them, then export invoice F-20001 again")


def test_changes_while_delivery_is_paused_count_however_often_subscriptions_are_checked(
        rig, tripletex_client, telaris_client, tripletex_admin) -> None:
    """Today every check of the subscriptions (the hourly job, `make ui` starting) moves the point from which
    unannounced changes count, so creates made while delivery was paused vanish from the finding."""
    linked_pair(tripletex_client, telaris_client, Kind.SUPPLIER)
    rig.sync(full=True)

    def check_subscriptions() -> None:
        states = ensure_subscriptions(tripletex_client, DEAD_HOOK, "Bearer x", "secret")
        with Warehouse(rig.db).connect() as con:
            record_subscriptions(con, states)

    check_subscriptions()
    assert tripletex_admin.put("/webhooks", {"paused": True}).status_code == 200
    supplier = tripletex_client.create(Kind.SUPPLIER, {"name": "Pauset Leverandør AS"})
    customer = tripletex_client.create(Kind.CUSTOMER, {"name": "Pauset Kunde AS"})
    rig.run(full=True)
    check_subscriptions()  # still ACTIVE: pausing delivery does not disable a subscription

    silent = {f.kind: f for f in findings(rig, "webhooks_not_arriving", grace_minutes=0)}
    assert set(silent) == {"customer", "supplier"}
    assert f"1 Tripletex supplier change in the last day arrived without a webhook (e.g. {supplier['id']})" == \
        silent["supplier"].detail
    assert str(customer["id"]) in silent["customer"].detail
    assert "webhook delivery is not paused and no subscription is disabled" in silent["supplier"].fix


def _diagnose(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "diagnose", "--data", str(data)],
                          capture_output=True, text=True, timeout=120)


def test_status_without_dagster_home_does_not_say_never_synced(tmp_path) -> None:
    """Today, after `make demo`'s three syncs, `status` in a terminal without DAGSTER_HOME says "last sync never": it
    cannot see Dagster's run records, and says so instead."""
    data = tmp_path / "data"
    with Warehouse(data / "sync.duckdb").connect():
        pass
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}

    def status(**extra: str) -> str:
        return subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "status", "--data", str(data)],
                              env={**env, **extra}, capture_output=True, text=True, timeout=120).stdout

    assert "last sync unknown (DAGSTER_HOME is not set);" in status()
    home = tmp_path / "dagster_home"
    home.mkdir()
    assert "last sync never;" in status(DAGSTER_HOME=str(home)), "with the run records at hand, none is never"


def test_diagnose_tells_found_from_could_not_run(tmp_path) -> None:
    """Today it exits 1 both when it finds problems and when it crashes."""
    data = tmp_path / "data"
    missing = _diagnose(data)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "does not exist" in missing.stderr

    data.mkdir()
    (data / "sync.duckdb").write_bytes(b"this is not a DuckDB file" * 100)
    broken = _diagnose(data)
    assert broken.returncode == 2, broken.stderr
    assert broken.stderr.count("\n") == 1 and "Traceback" not in broken.stderr

    (data / "sync.duckdb").unlink()
    with Warehouse(data / "sync.duckdb").connect() as con:  # nothing synced, no subscriptions: one finding
        pass
    found = _diagnose(data)
    assert found.returncode == 1 and "no webhook subscriptions are recorded" in found.stdout
    with Warehouse(data / "sync.duckdb").connect() as con:
        record_subscriptions(con, [SubscriptionState(f"{kind}.{action}", n, "ACTIVE", "created", DEAD_HOOK)
                                   for n, (kind, action) in enumerate(
                                       (k, a) for k in ("customer", "supplier") for a in ("create", "update",
                                                                                           "delete"))])
    clean = _diagnose(data)
    assert clean.returncode == 0 and clean.stdout.strip() == "No problems found."
    helped = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", "diagnose", "--help"], capture_output=True,
                            text=True, timeout=60).stdout
    assert "0 nothing found, 1 problems found, 2 could not diagnose" in " ".join(helped.split())


@pytest.mark.parametrize("command", ["link", "diagnose", "webhooks", "ui"])
def test_help_shows_each_default_once(command) -> None:
    """Today `link --help` says "(default: both) (default: None)"."""
    helped = subprocess.run([sys.executable, "-m", "sync_pipeline.cli", command, "--help"], capture_output=True,
                            text=True, timeout=60).stdout
    text = " ".join(helped.split())
    assert "(default: None)" not in text and "(default: False)" not in text
    if command == "link":
        assert text.count("(default:") == 3 and "one kind (default: both)" in text


def test_the_proposal_line_says_what_there_was_to_propose(tmp_path) -> None:
    """Today, with nothing to propose: "customers:  (of 27 without a link); review them in …"."""
    from sync_pipeline.linking.proposals import ProposalCounts
    from sync_pipeline.linking.workflow import Proposed, proposals_in_words

    csv = tmp_path / "link_proposals_customer.csv"
    assert proposals_in_words(Proposed(ProposalCounts("customer", telaris_unlinked=27), csv)) == \
        "customers: no Tripletex counterpart found for the 27 Telaris customers without a link; nothing to review"
    assert proposals_in_words(Proposed(ProposalCounts("supplier", telaris_unlinked=0), csv)) == \
        "suppliers: no Telaris supplier without a link; nothing to propose"
    assert proposals_in_words(Proposed(ProposalCounts("customer", telaris_unlinked=1, by_decision={"auto": 1}),
                                       csv)) == \
        f"customers: 1 auto (proposals for the 1 Telaris customer without a link); review them in {csv}"
    beside = tmp_path / "link_proposals_customer.20261129T063000000000.csv"
    assert proposals_in_words(Proposed(ProposalCounts("customer", telaris_unlinked=2, by_decision={"auto": 2}), csv,
                                       beside)) == \
        (f"customers: 2 auto (proposals for the 2 Telaris customers without a link); review them in {beside}; {csv} "
         f"holds a reviewer's answers and is left as it is, the fresh proposals are in {beside}")


def test_counts_are_in_the_right_number() -> None:
    from sync_pipeline.words import counted

    assert [counted(n, "customer") for n in (0, 1, 2)] == ["0 customers", "1 customer", "2 customers"]
    assert counted(1, "delivery") == "1 delivery" and counted(3, "delivery") == "3 deliveries"
    assert counted(1200, "record") == "1,200 records" and counted(1, "record") == "1 record"
    assert counted(2, "day") == "2 days" and counted(2, "match") == "2 matches"


def test_a_demo_run_again_starts_clean_and_says_what_it_cleared(tmp_path, monkeypatch, capsys) -> None:
    """Today a second `make demo` keeps the landing folder and Dagster's runs: "2 deliveries landed", then
    "processed: 23"."""
    from sync_pipeline.demo import _start_clean

    home, data = tmp_path / "dagster_home", tmp_path / "data"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    landing = Landing(data)
    landing.land("key-1", {"subscriptionId": 1, "event": "supplier.update", "id": 5})
    (data / "linking").mkdir()
    (data / "linking" / "link_proposals_customer.csv").write_text("kind\n")
    with Warehouse(data / "sync.duckdb").connect():
        pass

    @dg.op
    def nothing() -> None:
        return None

    @dg.job
    def earlier_demo() -> None:
        nothing()

    with dg.DagsterInstance.get() as instance:
        assert earlier_demo.execute_in_process(instance=instance).success
        _start_clean(data, instance)
        assert instance.get_runs_count() == 0
    said = capsys.readouterr().out
    assert said.startswith("Starting clean: cleared the webhook landing folder, the reviewers' CSVs, the DuckDB "
                           f"file, 1 run of an earlier demo in Dagster ({home})"), said
    assert not (data / "landing").exists() and not (data / "linking").exists()
    assert not (data / "sync.duckdb").exists()
    assert Landing(data).counts()["incoming"] == 0


@pytest.mark.parametrize("variable", ["TRIPLETEX_CONSUMER_TOKEN"])
def test_only_the_sandbox_commands_fill_in_sandbox_tokens(monkeypatch, variable) -> None:
    from sync_pipeline import settings

    for name in settings.SECRETS:  # recorded, so that what use_sandbox_secrets sets is undone after the test
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    with pytest.raises(settings.MissingSetting) as missing:
        settings.setting(variable)
    assert str(missing.value).startswith(f"{variable} is not set")
    settings.use_sandbox_secrets()
    assert os.environ[variable] == settings.SANDBOX_SECRETS[variable]
