"""Twenty runs of the sync, webhook and linking jobs launched at once on one deployment, as people and sensors do:
through Dagster's run queue, dequeued by the real daemon, each in its own process. The one-writer-per-DuckDB-file
tag lets them through one at a time: none fails on a DuckDB lock, and nothing is applied twice."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import dagster as dg
import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.sandboxes.seed import seed_sandboxes

REPO = Path(__file__).resolve().parent.parent
DAGSTER = str(Path(sys.executable).parent / "dagster")
LAUNCHES = [("sync", {})] * 8 + [("tripletex_webhook_sync", {})] * 6 + [
    ("initial_linking", {"dagster/partition": kind}) for kind in ("customer", "supplier")] * 3


def test_twenty_runs_at_once_queue_on_the_file_and_apply_nothing_twice(tripletex_server, telaris_server,
                                                                         tripletex_client, telaris_client,
                                                                         tmp_path, monkeypatch) -> None:
    seed_sandboxes(tripletex_server.url, telaris_server.url, customers=30, suppliers=20, seed=5)
    # changes for the runs to carry across (customers: Telaris wins, whatever the seed drifted in Tripletex)
    linked = [r for page in telaris_client.iter_pages(Kind.CUSTOMER) for r in page if r["tripletex_id"]]
    for record in linked[:5]:
        telaris_client.patch(Kind.CUSTOMER, record["id"], {"email": f"samtidig.{record['id']}@eksempel.no"},
                             version=record["version"])
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "DAGSTER_HOME": str(home), "SYNC_DATA_DIR": str(tmp_path / "data"),
           "TRIPLETEX_BASE_URL": tripletex_server.url + "/v2", "TELARIS_BASE_URL": telaris_server.url,
           "TRIPLETEX_CONSUMER_TOKEN": "c-token", "TRIPLETEX_EMPLOYEE_TOKEN": "e-token",
           "TELARIS_API_TOKEN": "telaris-sandbox-token", "SYNC_INITIAL_LINKING": "waived"}
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get():  # its storage is created once, before twenty processes open it at the same time
        pass
    daemon = subprocess.Popen([DAGSTER + "-daemon", "run", "-w", "workspace.yaml"], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        def launch(job_and_tags: tuple[str, dict]) -> None:
            job, tags = job_and_tags
            done = subprocess.run([DAGSTER, "job", "launch", "-w", "workspace.yaml", "-j", job,
                                   "--tags", json.dumps(tags)], cwd=REPO, env=env, capture_output=True, text=True,
                                  timeout=300)
            assert done.returncode == 0, done.stdout + done.stderr

        with ThreadPoolExecutor(max_workers=4) as pool:  # all twenty queued within seconds of each other
            list(pool.map(launch, LAUNCHES))
        with dg.DagsterInstance.get() as instance:
            deadline = time.monotonic() + 600
            while True:
                runs = instance.get_runs()
                finished = [r for r in runs if r.is_finished]
                if len(finished) == len(LAUNCHES) or time.monotonic() > deadline:
                    break
                time.sleep(2)
            statuses = {r.run_id: (r.job_name, r.status.value) for r in runs}
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)
    assert len(statuses) == len(LAUNCHES)
    assert {status for _, status in statuses.values()} == {"SUCCESS"}, statuses
    with duckdb.connect(str(tmp_path / "data" / "sync.duckdb"), read_only=True) as con:
        twice = con.execute("SELECT intent_id, field, count(*) FROM audit GROUP BY ALL HAVING count(*) > 1").fetchall()
        carried = con.execute("SELECT count(*) FROM audit WHERE new_value LIKE 'samtidig.%'").fetchall()[0][0]
    assert twice == [], "a write applied twice"
    assert carried == 5
    emails = [r["email"] for r in tripletex_client.search(Kind.CUSTOMER)]
    assert sum(1 for e in emails if e and e.startswith("samtidig.")) == 5
