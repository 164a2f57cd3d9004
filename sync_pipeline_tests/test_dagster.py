"""The Dagster layer: definitions load and validate, assets materialise with UI metadata, the webserver lists them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
import requests

from sync_pipeline.definitions import defs
from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.extract.definitions import extract_full_job
from sync_pipeline.defs.resources import TelarisResource, TripletexResource, WarehouseResource
from sync_pipeline.sandboxes.seed import seed_sandboxes

ROOT = Path(__file__).resolve().parents[1]
EXTRACT_TABLES = {"telaris_customers", "telaris_suppliers", "tripletex_customers", "tripletex_suppliers"}


def _resources(tripletex_server, telaris_server, data_dir: Path) -> dict:
    return {
        "tripletex": TripletexResource(base_url=tripletex_server.url + "/v2", consumer_token="c", employee_token="e"),
        "telaris": TelarisResource(base_url=telaris_server.url, api_token="telaris-sandbox-token"),
        "warehouse": WarehouseResource(data_dir=str(data_dir)),
    }


def test_definitions_load_with_jobs_and_assets() -> None:
    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert keys >= EXTRACT_TABLES
    assert defs.resolve_job_def("extract") and defs.resolve_job_def("extract_full")


def test_dagster_cli_validates_the_workspace(tmp_path: Path) -> None:
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr


def test_materialising_extraction_shows_counts_in_the_ui(tripletex_server, telaris_server, tmp_path: Path) -> None:
    summary = seed_sandboxes(tripletex_server.url, telaris_server.url, customers=40, suppliers=20, seed=3)
    resources = _resources(tripletex_server, telaris_server, tmp_path)
    result = dg.materialize(extract_assets, resources=resources)
    assert result.success
    materializations = [e.event_specific_data.materialization for e in result.get_asset_materialization_events()]
    by_table = {m.asset_key.to_user_string(): m.metadata for m in materializations}
    assert set(by_table) == EXTRACT_TABLES
    assert by_table["telaris_customers"]["dagster/row_count"].value == summary.telaris["customer"]
    assert by_table["tripletex_suppliers"]["new"].value == summary.tripletex["supplier"]
    assert "| record_id" in by_table["telaris_suppliers"]["preview"].value
    assert by_table["telaris_customers"]["mode"].value == "incremental"

    second = dg.materialize(extract_assets, resources=resources)
    metadata = second.get_asset_materialization_events()[0].event_specific_data.materialization.metadata
    assert metadata["new"].value == 0 and metadata["since"].value != "beginning"
    # an incremental run fetches little, but the UI still shows how many of the table's records have problems
    again = {e.event_specific_data.materialization.asset_key.to_user_string():
             e.event_specific_data.materialization.metadata for e in second.get_asset_materialization_events()}
    flagged = sum(m["with_problems"].value for m in by_table.values())
    assert flagged > 0, "the seed includes records that cannot be sent as they are"
    assert sum(m["with_problems"].value for m in again.values()) == flagged
    assert sum(m["fetched_with_problems"].value for m in again.values()) < flagged


def test_full_extract_job_runs_in_process(tripletex_server, telaris_server, tmp_path: Path) -> None:
    seed_sandboxes(tripletex_server.url, telaris_server.url, customers=10, suppliers=10, seed=5)
    local = dg.Definitions(assets=extract_assets, jobs=[extract_full_job],
                           resources=_resources(tripletex_server, telaris_server, tmp_path))
    result = local.resolve_job_def("extract_full").execute_in_process()
    assert result.success
    modes = {e.event_specific_data.materialization.metadata["mode"].value
             for e in result.get_asset_materialization_events()}
    assert modes == {"full"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_webserver_lists_the_extraction_assets(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    (tmp_path / "dagster.yaml").write_text((ROOT / "dagster.yaml").read_text())
    server = subprocess.Popen(
        [sys.executable, "-m", "dagster_webserver", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        query = "{ assetNodes { assetKey { path } groupName } }"
        deadline = time.monotonic() + 120
        nodes = None
        while time.monotonic() < deadline:
            try:
                answer = requests.post(f"http://127.0.0.1:{port}/graphql", json={"query": query}, timeout=10)
                nodes = answer.json()["data"]["assetNodes"]
                if nodes:
                    break
            except (requests.RequestException, KeyError, TypeError, ValueError):
                pass
            assert server.poll() is None, server.stderr.read().decode()[-2000:]
            time.sleep(0.5)
        assert nodes, "the webserver never listed any asset"
        listed = {"/".join(n["assetKey"]["path"]): n["groupName"] for n in nodes}
        assert {table: "extract" for table in EXTRACT_TABLES}.items() <= listed.items()
        assert listed.get("sync_plan") == "sync" and listed.get("parked_records") == "operator"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_sync_jobs_and_schedules_are_defined() -> None:
    assert {"sync", "sync_full", "apply_patches"} <= {job.name for job in defs.resolve_all_job_defs()}
    schedules = {s.name: s for s in defs.schedules}
    assert schedules["sync_every_5_minutes"].cron_schedule == "*/5 * * * *"
    assert schedules["nightly_full_sync"].execution_timezone == "Europe/Oslo"
    # nothing writes on its own until an operator switches it on (after the initial linking)
    assert {s.default_status for s in defs.schedules} == {dg.DefaultScheduleStatus.STOPPED}


def test_schedule_skips_a_tick_while_the_previous_sync_runs(monkeypatch) -> None:
    for name in ("TRIPLETEX_CONSUMER_TOKEN", "TRIPLETEX_EMPLOYEE_TOKEN", "TELARIS_API_TOKEN"):
        monkeypatch.setenv(name, "sandbox")  # a run's config resolves the resources' EnvVars
    schedule = {s.name: s for s in defs.schedules}["sync_every_5_minutes"]
    with dg.instance_for_test() as instance:
        idle = schedule(dg.build_schedule_context(instance=instance))
        assert isinstance(idle, dg.RunRequest)
        instance.create_run_for_job(job_def=defs.resolve_job_def("sync"))
        busy = schedule(dg.build_schedule_context(instance=instance))
        assert isinstance(busy, dg.SkipReason) and "still going" in busy.skip_message


def test_apply_patches_by_hand_is_a_dry_run_unless_told(tripletex_server, telaris_server, tmp_path: Path) -> None:
    from sync_pipeline.clients.telaris import TelarisClient
    from sync_pipeline.clients.tripletex import TripletexClient
    from sync_pipeline.defs.sync.assets import sync_assets
    from sync_pipeline.defs.sync.definitions import apply_patches_job
    from sync_pipeline.domain.fields import Kind

    resources = _resources(tripletex_server, telaris_server, tmp_path)
    tripletex = TripletexClient(tripletex_server.url + "/v2", "c", "e")
    telaris = TelarisClient(telaris_server.url, "telaris-sandbox-token")
    x = tripletex.create(Kind.CUSTOMER, {"name": "Hånd AS"})
    t = telaris.create(Kind.CUSTOMER, {"name": "Hånd AS", "tripletex_id": x["id"]})
    assert dg.materialize([*extract_assets, *sync_assets], resources=resources).success
    version = telaris.get(Kind.CUSTOMER, t["id"])["version"]
    telaris.patch(Kind.CUSTOMER, t["id"], {"name": "Hånd Endret AS"}, version=version)
    plan_only = dg.AssetSelection.assets(*extract_assets, "sync_plan")
    assert dg.materialize([*extract_assets, *sync_assets], resources=resources, selection=plan_only).success

    local = dg.Definitions(assets=[*extract_assets, *sync_assets], jobs=[apply_patches_job], resources=resources)
    result = local.resolve_job_def("apply_patches").execute_in_process()
    [applied] = result.asset_materializations_for_node("sync_applied")
    assert applied.metadata["dry_run"].value is True
    assert "Hånd Endret AS" in applied.metadata["outcomes"].value, "the dry run shows the write it would send"
    assert tripletex.get(Kind.CUSTOMER, x["id"])["name"] == "Hånd AS", "and sends nothing"

    sent = local.resolve_job_def("apply_patches").execute_in_process(
        run_config={"ops": {"sync_applied": {"config": {"dry_run": False}}}})
    assert sent.success and tripletex.get(Kind.CUSTOMER, x["id"])["name"] == "Hånd Endret AS"


def test_the_synced_assets_declare_their_cadence_so_a_stalled_sync_shows() -> None:
    from sync_pipeline.definitions import defs

    graph = defs.resolve_asset_graph()
    for name in ("sync_plan", "sync_applied", "telaris_customers", "tripletex_suppliers"):
        policy = graph.get(dg.AssetKey(name)).freshness_policy
        assert policy is not None, f"{name} declares no freshness"
        assert policy.fail_window.to_timedelta().total_seconds() <= 3600


def test_the_diagnostics_error_share_is_read_when_a_check_runs(monkeypatch) -> None:
    from sync_pipeline.defs.diagnostics.definitions import severity

    monkeypatch.setenv("SYNC_DIAGNOSTICS_ERROR_SHARE", "0.9")
    assert severity(3, 4) is dg.AssetCheckSeverity.WARN
    monkeypatch.setenv("SYNC_DIAGNOSTICS_ERROR_SHARE", "0.1")
    assert severity(3, 4) is dg.AssetCheckSeverity.ERROR


def test_a_conflict_policy_outside_the_rules_is_refused_before_the_run_starts() -> None:
    from sync_pipeline.definitions import defs

    job = defs.resolve_job_def("sync")
    with pytest.raises(dg.DagsterInvalidConfigError, match="whoever"):
        job.execute_in_process(run_config={"ops": {"sync_plan": {"config": {"customer_conflicts": "whoever"}}}})
