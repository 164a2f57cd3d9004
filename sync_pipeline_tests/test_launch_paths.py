"""Every way people launch work, at once, on one company's DuckDB file — as the UI does it, through the webserver's
GraphQL, with the real daemon: ordinary `sync` runs from the Launchpad, a partition backfill of the initial linking
for both kinds, "Materialize selected" of the plan and apply, "Execute checks" of the diagnostics, a run the webhook
sensor starts, and beside them an operator's terminal commands (`diagnose`, `link`). None may fail on the file's
lock, none may wait forever, and no two runs may hold the file at once."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sync_pipeline.defs.run_queue import DUCKDB_FILE_TAG
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline_tests.deployment import REPO, deployment

CLI = str(Path(sys.executable).parent / "sync-pipeline")


@pytest.fixture
def company(tripletex_server, telaris_server, tmp_path: Path) -> dict[str, str]:
    seed_sandboxes(tripletex_server.url, telaris_server.url, customers=300, suppliers=150, seed=15)
    with Warehouse(tmp_path / "data" / "sync.duckdb").connect():  # a company that has been set up before
        pass
    return {"SYNC_DATA_DIR": str(tmp_path / "data"), "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2",
            "TELARIS_BASE_URL": telaris_server.url, "TRIPLETEX_CONSUMER_TOKEN": "c-token",
            "TRIPLETEX_EMPLOYEE_TOKEN": "e-token", "TELARIS_API_TOKEN": "telaris-sandbox-token",
            "SYNC_INITIAL_LINKING": "waived", "SYNC_SENSORS_RUNNING": "1"}


def test_every_launch_path_at_once_takes_turns_on_the_file(company, tripletex_client, tmp_path: Path) -> None:
    supplier = next(iter(tripletex_client.iter_pages(Kind.SUPPLIER)))[0]
    with deployment(tmp_path, company, webserver=True) as deployed:
        # a delivery waiting: the sensor (running in the daemon) starts a webhook run for it
        Landing(company["SYNC_DATA_DIR"]).land("launch-paths-1", {
            "subscriptionId": 1, "event": "supplier.update", "id": supplier["id"], "value": supplier})
        launches = [
            lambda: deployed.launch_job("sync"),
            lambda: deployed.backfill(["link_proposals"], ["customer", "supplier"]),
            lambda: deployed.materialize("sync_plan", "sync_applied"),
            lambda: deployed.launch_job("sync"),
            lambda: deployed.materialize(checks=[("sync_applied", "number_mismatch"),
                                                 ("sync_applied", "parked_forever")]),
        ]
        terminal = [[CLI, "diagnose", "--json"], [CLI, "link", "--kind", "supplier"], [CLI, "diagnose"]]
        with ThreadPoolExecutor(max_workers=len(launches) + len(terminal)) as pool:
            for launched in [pool.submit(launch) for launch in launches]:
                launched.result()
            commands = list(pool.map(lambda argv: subprocess.run(argv, cwd=REPO, env=deployed.env, text=True,
                                                                 capture_output=True, timeout=600), terminal))
        runs = deployed.wait_for_runs(count=7, timeout=600)
        with deployed.instance() as instance:
            records = instance.get_run_records()
    for command in commands:
        assert "Traceback" not in command.stderr and "IOException" not in command.stderr, command.stderr
        assert command.returncode in (0, 1), (command.args, command.stdout, command.stderr)
    assert all(json.loads(line)["problem"] for line in commands[0].stdout.splitlines())
    assert "would link" in commands[1].stdout

    failed = {r.run_id[:8]: (r.job_name, r.status.value) for r in runs if r.status.value != "SUCCESS"}
    assert not failed, f"runs that did not succeed: {failed} (daemon log: {tmp_path / 'daemon.log'})"
    jobs = sorted(r.job_name for r in runs)
    assert jobs.count("__ASSET_JOB") >= 4 and jobs.count("sync") == 2 and "tripletex_webhook_sync" in jobs, jobs
    assert {r.tags.get(DUCKDB_FILE_TAG) for r in runs} == {"default"}, "a run the queue cannot see"
    spans = sorted((r.start_time, r.end_time, r.dagster_run.job_name) for r in records)
    for (_, ended, first), (started, _, second) in zip(spans, spans[1:], strict=False):
        assert started >= ended, f"{first} and {second} held the DuckDB file at the same time"
