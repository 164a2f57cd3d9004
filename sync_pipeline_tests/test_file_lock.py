"""Terminal commands and runs that bypass the queue, beside a process that holds the DuckDB file: they wait their
turn and say for whom, instead of crashing on DuckDB's lock (and making the run that holds the file fail)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import dagster as dg

from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.warehouse.store import Warehouse

CLI = str(Path(sys.executable).parent / "sync-pipeline")


def hold_the_file(db: Path, seconds: float, who: str = "run 1a2b3c4d (tripletex_webhook_sync)") -> subprocess.Popen:
    """Another process writing the file for `seconds`, as a run does: the writer lock for the run, a connection open.
    It prints 'holding' once it has the file, and fails if anything took the file from it."""
    script = textwrap.dedent(f"""
        import time
        from sync_pipeline.warehouse.store import Warehouse
        warehouse = Warehouse({str(db)!r}, who={who!r})
        with warehouse.writing(), warehouse.connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS heartbeat (n INTEGER)")
            print("holding", flush=True)
            deadline = time.monotonic() + {seconds}
            while time.monotonic() < deadline:
                con.execute("INSERT INTO heartbeat VALUES (1)").fetchall()
                time.sleep(0.05)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "holding"
    return holder


def test_diagnose_waits_for_the_run_holding_the_file_and_says_whom_it_waits_for(tmp_path: Path) -> None:
    db = tmp_path / "sync.duckdb"
    with Warehouse(db).connect():
        pass
    holder = hold_the_file(db, seconds=3)
    started = time.monotonic()
    done = subprocess.run([CLI, "diagnose", "--data", str(tmp_path)], capture_output=True, text=True, timeout=120)
    waited = time.monotonic() - started
    assert holder.wait(timeout=60) == 0, "the process holding the file failed"
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1), done.stderr
    assert "waiting for run 1a2b3c4d (tripletex_webhook_sync)" in done.stderr
    assert waited > 1, "diagnose did not wait for the file"


def test_a_command_that_waits_too_long_says_who_holds_the_file_in_one_line(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "sync.duckdb"
    with Warehouse(db).connect():
        pass
    holder = hold_the_file(db, seconds=6)
    env_timeout = {"SYNC_LOCK_TIMEOUT_SECONDS": "1"}
    done = subprocess.run([CLI, "diagnose", "--data", str(tmp_path)], capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, **env_timeout})
    assert holder.wait(timeout=60) == 0
    assert done.returncode == 75
    last = done.stderr.strip().splitlines()[-1]
    assert "still in use by run 1a2b3c4d (tripletex_webhook_sync)" in last and "Traceback" not in done.stderr


def test_readers_read_side_by_side(tmp_path: Path) -> None:
    db = tmp_path / "sync.duckdb"
    with Warehouse(db).connect() as con:
        con.execute("CREATE TABLE heartbeat AS SELECT 1 AS n").fetchall()
    script = textwrap.dedent(f"""
        import time
        from sync_pipeline.warehouse.store import Warehouse
        with Warehouse({str(db)!r}).connect(read_only=True) as con:
            print(con.execute("SELECT count(*) FROM heartbeat").fetchall()[0][0], flush=True)
            time.sleep(3)
    """)
    reader = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "1"
    started = time.monotonic()
    with Warehouse(db).connect(read_only=True) as con:  # while the other reader still reads
        assert con.execute("SELECT count(*) FROM heartbeat").fetchall()[0][0] == 1
    assert time.monotonic() - started < 2, "a reader waited for another reader"
    assert reader.wait(timeout=30) == 0


@dg.asset
def heartbeats(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.warehouse().connect() as con:
        return dg.MaterializeResult(metadata={"rows": con.execute("SELECT count(*) FROM heartbeat").fetchall()[0][0]})


def test_a_run_that_bypasses_the_queue_waits_for_the_file_and_logs_for_whom(tmp_path: Path) -> None:
    db = tmp_path / "sync.duckdb"
    with Warehouse(db).connect():
        pass
    holder = hold_the_file(db, seconds=3)
    with dg.instance_for_test() as instance:
        result = dg.materialize([heartbeats], resources={"warehouse": WarehouseResource(data_dir=str(tmp_path))},
                                instance=instance)
        logs = [e.message for e in instance.all_logs(result.run_id) if e.message]
    assert holder.wait(timeout=60) == 0, "the process holding the file failed"
    assert result.success
    assert any("waiting for run 1a2b3c4d (tripletex_webhook_sync)" in message for message in logs)
    rows = result.asset_materializations_for_node("heartbeats")[0].metadata["rows"].value
    assert rows > 10, "the run read before the holder had finished"
