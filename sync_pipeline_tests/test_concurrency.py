"""Runs launched at once on a deployment whose Dagster storage is a real PostgreSQL server (how several machines or
Kubernetes run it), dequeued by the real daemon, each in its own process: `sync` and webhook runs from the terminal,
a backfill of the initial linking, and a run the webhook sensor starts. The one-writer-per-DuckDB-file rule lets them
through one at a time: none fails on a DuckDB lock, and nothing is applied twice. (The same mix through the webserver's
GraphQL on the embedded SQLite storage: test_launch_paths.py.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pgserver
import pytest
import yaml

from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.seed import seed_sandboxes
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline_tests.companies import ACCOUNTANT, add
from sync_pipeline_tests.deployment import REPO, deployment

DAGSTER = str(Path(sys.executable).parent / "dagster")
# Two of each job at once already queue behind each other on the file: more runs repeat the same wait (each a
# process of its own, ~15 s on two cores) and proved nothing more in the suite's history
LAUNCHES = [("sync", {})] * 2 + [("tripletex_webhook_sync", {})] * 2


@pytest.fixture
def postgres() -> Iterator[str]:
    """A real PostgreSQL server (pgserver's, from PyPI) for this test alone. Run as root, pgserver runs the server as
    a user of its own, which cannot enter pytest's private tmp folders: its data lives in a folder of its own."""
    data = tempfile.mkdtemp(prefix="sync-pipeline-pg-")
    server = pgserver.get_server(data, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(data, ignore_errors=True)


def postgres_dagster_yaml(tmp_path: Path, url: str) -> Path:
    """The project's dagster.yaml with the storage swapped for PostgreSQL, as its comments say to."""
    config = yaml.safe_load((REPO / "dagster.yaml").read_text())
    config["storage"] = {"postgres": {"postgres_url": url.replace("postgresql://", "postgresql+psycopg2://", 1)}}
    path = tmp_path / "dagster.postgres.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


def test_runs_at_once_on_postgres_queue_on_the_file_and_apply_nothing_twice(tripletex_server, telaris_server,
                                                                            tripletex_client, telaris_client,
                                                                            postgres, tmp_path) -> None:
    seed_sandboxes(tripletex_server.url, telaris_server.url, customers=30, suppliers=20, seed=5)
    # changes for the runs to carry across (customers: Telaris wins, whatever the seed drifted in Tripletex)
    linked = [r for page in telaris_client.iter_pages(Kind.CUSTOMER) for r in page if r["tripletex_id"]]
    for record in linked[:5]:
        telaris_client.patch(Kind.CUSTOMER, record["id"], {"email": f"samtidig.{record['id']}@eksempel.no"},
                             version=record["version"])
    supplier = next(iter(tripletex_client.iter_pages(Kind.SUPPLIER)))[0]
    company = {"SYNC_DATA_DIR": str(tmp_path / "data"), "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2",
               "TELARIS_BASE_URL": telaris_server.url, "TRIPLETEX_CONSUMER_TOKEN": "c-token",
               "TRIPLETEX_EMPLOYEE_TOKEN": "e-token", "TELARIS_API_TOKEN": "telaris-sandbox-token",
               "SYNC_INITIAL_LINKING": "waived", "SYNC_SENSORS_RUNNING": "1"}
    with deployment(tmp_path, company, dagster_yaml=postgres_dagster_yaml(tmp_path, postgres)) as deployed:
        def dagster(*argv: str) -> None:
            done = subprocess.run([DAGSTER, *argv, "-w", "workspace.yaml"], cwd=REPO, env=deployed.env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stdout + done.stderr

        Landing(company["SYNC_DATA_DIR"]).land("concurrency-1", {  # the sensor (in the daemon) starts a run for it
            "subscriptionId": 1, "event": "supplier.update", "id": supplier["id"], "value": supplier})
        deployed.wait_for_sensor_run("tripletex_webhooks", timeout=120)  # before the webhook runs could drain it
        with ThreadPoolExecutor(max_workers=4) as pool:  # all queued within seconds of each other
            launched = [pool.submit(dagster, "job", "launch", "-j", job, "--tags", json.dumps(tags))
                        for job, tags in LAUNCHES]
            launched.append(pool.submit(dagster, "job", "backfill", "-j", "initial_linking",
                                        "--partitions", "customer,supplier", "--noprompt"))
            for future in launched:
                future.result()
        runs = deployed.wait_for_runs(count=len(LAUNCHES) + 3, timeout=600)
        with deployed.instance() as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
    statuses = {r.run_id: (r.job_name, r.status.value) for r in runs}
    assert {status for _, status in statuses.values()} == {"SUCCESS"}, statuses
    launched_webhooks = [job for job, _ in LAUNCHES].count("tripletex_webhook_sync")
    assert [job for job, _ in statuses.values()].count("tripletex_webhook_sync") > launched_webhooks, "no sensor run"
    with duckdb.connect(str(tmp_path / "data" / "sync.duckdb"), read_only=True) as con:
        twice = con.execute("SELECT intent_id, field, count(*) FROM audit GROUP BY ALL HAVING count(*) > 1").fetchall()
        carried = con.execute("SELECT count(*) FROM audit WHERE new_value LIKE 'samtidig.%'").fetchall()[0][0]
    assert twice == [], "a write applied twice"
    assert carried == 5
    emails = [r["email"] for r in tripletex_client.search(Kind.CUSTOMER)]
    assert sum(1 for e in emails if e and e.startswith("samtidig.")) == 5


def test_two_companies_on_postgres_sensor_backfill_and_four_runs_at_once(companies, postgres, tmp_path) -> None:
    """The same deployment serving two companies (SYNC_TENANTS=1): four `sync` runs launched at once, two per
    company, a backfill over companies × kinds and a delivery the sensor turns into a run for its company only."""
    with deployment(tmp_path, {**companies, "SYNC_SENSORS_RUNNING": "1"},
                    dagster_yaml=postgres_dagster_yaml(tmp_path, postgres)) as deployed:
        def dagster(*argv: str) -> None:
            done = subprocess.run([DAGSTER, *argv, "-w", "workspace.yaml"], cwd=REPO, env=deployed.env,
                                  capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stdout + done.stderr

        add(deployed.env, "fjord", companies["TELARIS_FJORD"], 1)
        add(deployed.env, "vik", companies["TELARIS_VIK"], 2)
        vik = TripletexClient(companies["TRIPLETEX"], "consumer-token", ACCOUNTANT, company_id=2)
        supplier = next(iter(vik.iter_pages(Kind.SUPPLIER)))[0]
        Landing(Path(companies["SYNC_DATA_DIR"]) / "tenants" / "vik").land("concurrency-vik", {
            "subscriptionId": 1, "event": "supplier.update", "id": supplier["id"], "value": supplier})
        with ThreadPoolExecutor(max_workers=4) as pool:
            launched = [pool.submit(dagster, "job", "launch", "-j", "sync", "--tags",
                                    json.dumps({"dagster/partition": name})) for name in ["fjord", "vik"] * 2]
            launched.append(pool.submit(dagster, "job", "backfill", "-j", "initial_linking",
                                        "--partitions", "customer|fjord,supplier|vik", "--noprompt"))
            for future in launched:
                future.result()
        runs = deployed.wait_for_runs(count=7, timeout=900)
        with deployed.instance() as instance:
            assert type(instance.run_storage).__name__ == "PostgresRunStorage"
    statuses = [(r.job_name, r.tags.get("dagster/partition"), r.status.value) for r in runs]
    assert {status for *_, status in statuses} == {"SUCCESS"}, statuses
    assert sorted(partition for job, partition, _ in statuses if job == "sync") == ["fjord"] * 2 + ["vik"] * 2
    webhook_runs = [partition for job, partition, _ in statuses if job == "tripletex_webhook_sync"]
    assert webhook_runs == ["vik"], "the sensor starts runs for the companies with deliveries, and only those"
    for name in ("fjord", "vik"):
        with duckdb.connect(str(Path(companies["SYNC_DATA_DIR"]) / "tenants" / name / "sync.duckdb"),
                            read_only=True) as con:
            twice = con.execute("SELECT intent_id, field, count(*) FROM audit GROUP BY ALL "
                                "HAVING count(*) > 1").fetchall()
        assert twice == [], f"{name}: a write applied twice"
