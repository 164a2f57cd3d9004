"""Many companies on one deployment, driven as people drive it: companies added with `sync-pipeline tenants add`
(no restart), their syncs launched from the UI (GraphQL, the real webserver and daemon) and from a terminal
(`sync-pipeline sync --tenant`), the initial linking as a backfill over companies × kinds.

Two client companies of one accountant share a Tripletex token pair and differ in the company id; a third names a
company the employee cannot reach, as a misconfigured company would. Each company's data lands in its own DuckDB file
and nowhere else (the sandboxes give out the same ids in every company), the broken company fails alone, and runs of
one company never overlap.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import dagster as dg

from benchmarks._harness import settled
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.defs.run_queue import DUCKDB_FILE_TAG
from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline_tests.companies import ACCOUNTANT, CLI, add, cli
from sync_pipeline_tests.deployment import REPO, deployment


def names_in_file(path: Path, table: str) -> set[str]:
    with Warehouse(path).connect(read_only=True) as con:
        return {name for (name,) in con.execute(f"SELECT name FROM {table} WHERE NOT is_deleted").fetchall()}


def names_in_tripletex(env: dict[str, str], company_id: int) -> set[str]:
    client = TripletexClient(env["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=company_id)
    return {record["name"] for page in client.iter_pages(Kind.CUSTOMER) for record in page}


def test_companies_sync_side_by_side_each_into_its_own_file_and_a_broken_one_fails_alone(
        companies: dict[str, str], tmp_path: Path) -> None:
    with deployment(tmp_path, companies, webserver=True) as deployed:
        env = deployed.env
        # added while the webserver and daemon run: no restart
        add(env, "fjord", companies["TELARIS_FJORD"], 1)
        add(env, "vik", companies["TELARIS_VIK"], 2)
        add(env, "feil", companies["TELARIS_VIK"], 3)  # a company this employee cannot reach: Tripletex says 403
        # the Launchpad's run of the partitioned job `sync`, per company, and a terminal's run beside them
        for name in ("fjord", "feil", "fjord"):
            deployed.launch_job("sync", tags={"dagster/partition": name})
        terminal = subprocess.Popen([CLI, "sync", "--tenant", "vik"], cwd=REPO, env=env, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        # the initial linking as a backfill over chosen companies × kinds
        deployed.backfill(["link_proposals"], ["customer|fjord", "supplier|vik"])
        out, err = terminal.communicate(timeout=600)
        assert terminal.returncode == 0, err
        assert "succeeded" in out and "for vik" in out
        runs = deployed.wait_for_runs(count=6, timeout=600)
        with deployed.instance() as instance:
            records = {record.dagster_run.run_id: record for record in instance.get_run_records()}

        by_company: dict[str, list] = {}
        for run in runs:
            company = run.tags.get("dagster/partition/tenant") or run.tags.get("dagster/partition")
            by_company.setdefault(company, []).append(run)
            if run.tags.get("sync_pipeline/launched_by") is None:  # through the queue: stamped with its own file
                assert run.tags[DUCKDB_FILE_TAG] == company, run.tags
        assert sorted(by_company) == ["feil", "fjord", "vik"]
        assert all(run.status.value == "SUCCESS" for name in ("fjord", "vik") for run in by_company[name]), \
            [(run.job_name, run.status.value) for name in ("fjord", "vik") for run in by_company[name]]
        [broken] = by_company["feil"]
        assert broken.status.value == "FAILURE"
        for runs_of_one in by_company.values():  # the queue lets one run of a company through at a time (a terminal's
            # run bypasses the queue and takes its turn on the file lock inside its span instead)
            spans = sorted((records[r.run_id].start_time, records[r.run_id].end_time) for r in runs_of_one
                           if r.tags.get("sync_pipeline/launched_by") is None)
            assert all(earlier[1] <= later[0] for earlier, later in zip(spans, spans[1:], strict=False)), spans

        # each company's records in its own file only: the same ids, different companies
        data = Path(companies["SYNC_DATA_DIR"]) / "tenants"
        fjord, vik = (names_in_file(data / name / "sync.duckdb", "tripletex_customers") for name in ("fjord", "vik"))
        assert fjord == names_in_tripletex(companies, 1) and vik == names_in_tripletex(companies, 2)
        assert fjord and vik and not fjord & vik
        assert not (data / "feil" / "sync.duckdb").exists() or \
            not names_in_file(data / "feil" / "sync.duckdb", "tripletex_customers")
        with Warehouse(data / "fjord" / "sync.duckdb").connect(read_only=True) as con:
            assert con.execute("SELECT DISTINCT kind FROM link_proposals").fetchall() == [("customer",)]
        with Warehouse(data / "vik" / "sync.duckdb").connect(read_only=True) as con:  # its suppliers all linked
            assert ("customer",) not in con.execute("SELECT DISTINCT kind FROM link_proposals").fetchall()

        # what an operator sees across companies
        status = cli(env, "status", "--json")
        health = {row["company"]: row for row in map(json.loads, status.stdout.splitlines())}
        assert sorted(health) == ["feil", "fjord", "vik"], status.stderr
        assert health["fjord"]["last_sync"] and health["vik"]["last_sync"]
        assert health["feil"]["last_sync"] is None
        one = cli(env, "status", "--tenant", "vik")
        assert one.stdout.startswith("vik ") and len(one.stdout.strip().splitlines()) == 1, one.stdout + one.stderr

        # a terminal command naming no company, or an unknown one, says so in one line
        unnamed = cli(env, "diagnose")
        assert unnamed.returncode == 2 and "name one with --tenant" in unnamed.stderr
        unknown = cli(env, "sync", "--tenant", "nord")
        assert unknown.returncode == 2 and "no company named 'nord'" in unknown.stderr
        assert len(unknown.stderr.strip().splitlines()) == 1


def wait_until(done: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"gave up after {timeout:.0f} s waiting for {what}"
        time.sleep(1)


def runs_by_company(deployed) -> dict[str, list]:
    with deployed.instance() as instance:
        runs = instance.get_runs()
    found: dict[str, list] = {}
    for run in runs:
        found.setdefault(run.tags.get("dagster/partition", ""), []).append(run)
    return found


def settled_in_turn(deployed, runs: list) -> list[bool]:
    """Whether each run (oldest first) handed the change probe its baseline (the asset `sync_settled`)."""
    published = []
    with deployed.instance() as instance:
        for run in sorted(runs, key=lambda run: instance.get_run_record_by_id(run.run_id).create_timestamp):
            events = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
            [event] = [event for event in events if event.dagster_event.asset_key == dg.AssetKey("sync_settled")]
            metadata = event.dagster_event.event_specific_data.materialization.metadata
            published.append(metadata["baseline_published"].value)
    return published


def test_the_probe_sensor_starts_runs_only_for_the_company_that_changed(companies: dict[str, str],
                                                                         tmp_path: Path) -> None:
    """The cadence of a deployment with many companies, on the real daemon: the sensor `company_changes` probes each
    company every tick and starts a sync only where something changed; an idle company starts none, a sync's own
    writes start no second run, and a Tripletex change that arrives as a webhook costs the webhook's run alone."""
    env = {**companies, "SYNC_SENSORS_RUNNING": "1", "SYNC_PROBE_SECONDS": "2"}
    with deployment(tmp_path, env, sensor_loop_seconds=1) as deployed:  # the sensor ticks every 2 s, not every 5
        add(deployed.env, "fjord", companies["TELARIS_FJORD"], 1)
        add(deployed.env, "vik", companies["TELARIS_VIK"], 2)

        def quiet() -> bool:  # both synced, and the sensor has since ticked twice with nothing to start
            with deployed.instance() as instance:
                return sorted(runs_by_company(deployed)) == ["fjord", "vik"] and settled(instance, "company_changes")

        wait_until(quiet, timeout=400, what="the first syncs of both companies and their echoes")
        first = runs_by_company(deployed)
        before = {name: len(runs) for name, runs in first.items()}
        assert all(run.status.value == "SUCCESS" for runs in first.values() for run in runs)
        # a sync's own writes are no change: the runs stop at the first that left nothing to write (a first sync
        # may need a second round: a write that a conflict's decision makes)
        for name, runs in first.items():
            assert settled_in_turn(deployed, runs) == [False] * (len(runs) - 1) + [True], name

        telaris = TelarisClient(companies["TELARIS_VIK"], "telaris-sandbox-token")
        record = next(r for page in telaris.iter_pages(Kind.CUSTOMER) for r in page if r["tripletex_id"])
        telaris.patch(Kind.CUSTOMER, record["id"], {"email": "probe.vik@eksempel.no"}, version=record["version"])
        vik = TripletexClient(companies["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=2)
        wait_until(lambda: vik.get(Kind.CUSTOMER, int(record["tripletex_id"]))["email"] == "probe.vik@eksempel.no",
                   timeout=300, what="vik's change to reach vik's Tripletex")
        wait_until(quiet, timeout=300, what="vik's runs and their echoes to finish")
        now = runs_by_company(deployed)
        after = {name: len(runs) for name, runs in now.items()}
        assert settled_in_turn(deployed, now["vik"])[before["vik"]:] == [True], "vik's change: one run, no echo"
        assert after["vik"] > before["vik"], "the changed company got a run"
        assert after["fjord"] == before["fjord"], "the idle company got none"

        # a change in fjord's Tripletex arrives as a webhook delivery too (landed as the receiver lands it): the
        # webhook run applies it and settles, and the probe, which sees the same change, starts no sync beside it.
        # Landed a moment before the change is made, so no probe tick falls between the two (the run the delivery
        # starts takes seconds to start, and reads the record when it does)
        fjord_telaris = TelarisClient(companies["TELARIS_FJORD"], "telaris-sandbox-token")
        supplier = next(r for page in fjord_telaris.iter_pages(Kind.SUPPLIER) for r in page if r["tripletex_id"])
        fjord = TripletexClient(companies["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=1)
        Landing(Path(companies["SYNC_DATA_DIR"]) / "tenants" / "fjord").land("probe-fjord-1", {
            "subscriptionId": 1, "event": "supplier.update", "id": int(supplier["tripletex_id"])})
        fjord.update(Kind.SUPPLIER, int(supplier["tripletex_id"]), {"email": "webhook.fjord@eksempel.no"})
        wait_until(lambda: fjord_telaris.get(Kind.SUPPLIER, supplier["id"])["email"] == "webhook.fjord@eksempel.no",
                   timeout=300, what="fjord's Tripletex change to reach fjord's Telaris")
        wait_until(quiet, timeout=300, what="fjord's webhook run to finish and the probe to tick twice after it")
        earlier = {run.run_id for run in first["fjord"]}
        new = [run for run in runs_by_company(deployed)["fjord"] if run.run_id not in earlier]
        assert [run.job_name for run in new] == ["tripletex_webhook_sync"], "a Tripletex change: the webhook's run only"
        assert settled_in_turn(deployed, new) == [True], "the webhook run handed the probe its baseline"


def test_the_subscription_job_points_each_companys_subscriptions_at_its_own_route(companies: dict[str, str],
                                                                                   tmp_path: Path) -> None:
    """The hourly `ensure_webhook_subscriptions` run for a company subscribes with its credentials to its own route
    (`…/webhooks/tripletex/<name>`), and records what it found in its own file."""
    env = {**companies, "DAGSTER_HOME": str(tmp_path / "home"), "SYNC_WEBHOOK_PUBLIC_URL": "https://hooks.example/wh",
           "VIK_HOOK_AUTH": "Bearer vik-hook", "VIK_HOOK_SECRET": "vik-secret"}
    (tmp_path / "home").mkdir()
    add(env, "fjord", companies["TELARIS_FJORD"], 1)
    add(env, "vik", companies["TELARIS_VIK"], 2, "--webhook-auth-env", "VIK_HOOK_AUTH",
        "--webhook-secret-env", "VIK_HOOK_SECRET")
    done = subprocess.run([str(Path(CLI).parent / "dagster"), "job", "execute", "-m", "sync_pipeline.definitions",
                           "-j", "ensure_webhook_subscriptions", "--tags", json.dumps({"dagster/partition": "vik"})],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    vik = TripletexClient(companies["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=2)
    fjord = TripletexClient(companies["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=1)
    assert {sub["targetUrl"] for sub in vik.subscriptions()} == {"https://hooks.example/wh/vik"}
    assert fjord.subscriptions() == [], "another company's subscriptions are its own business"
    with Warehouse(Path(companies["SYNC_DATA_DIR"]) / "tenants" / "vik" / "sync.duckdb").connect(read_only=True) as con:
        assert con.execute("SELECT count(*) FROM webhook_subscriptions WHERE status = 'ACTIVE'").fetchall() == [(6,)]
