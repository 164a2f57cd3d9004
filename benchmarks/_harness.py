"""Shared benchmark plumbing: sandboxes as separate processes, seeding, peak-RSS measurement of a child, and waits
that give up. Every wait in a benchmark has a deadline; one that passes raises `Timeout` naming what was awaited,
so a benchmark fails instead of hanging when the code it measures has changed under it."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sync_pipeline.sandboxes.server import wait_until_ready
from sync_pipeline_tests.child_processes import start_group, stop  # noqa: F401 (the benchmarks' too)

ROOT = Path(__file__).resolve().parents[1]


class Timeout(RuntimeError):
    """A benchmark waited longer than its deadline."""


def wait_until(done: Callable[[], bool], timeout: float, what: str, every: float = 0.1) -> float:
    """Poll `done` until it is true; returns the seconds waited. Raises Timeout saying `what` was awaited."""
    started = time.monotonic()
    while not done():
        if time.monotonic() - started > timeout:
            raise Timeout(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(every)
    return time.monotonic() - started


def settled(instance: Any, sensor: str, ticks: int = 2) -> bool:
    """No run is going, and `sensor` has ticked `ticks` times since the last run ended without asking for another:
    a deployment at rest, judged by the sensor's own ticks rather than by a wall-clock window a loaded machine
    stretches. (`instance`: a DagsterInstance.)"""
    from dagster._core.scheduler.instigation import TickStatus

    records = instance.get_run_records()
    if any(not record.dagster_run.is_finished for record in records):
        return False
    last_end = max((record.end_time or 0 for record in records), default=0)
    states = [state for state in instance.all_instigator_state() if state.instigator_name == sensor]
    if not states:
        return False
    seen = instance.get_ticks(states[0].instigator_origin_id, states[0].selector_id, after=last_end, limit=ticks + 5)
    return sum(tick.status == TickStatus.SKIPPED and tick.timestamp > last_end for tick in seen) >= ticks


def free_port() -> int:
    """A port nothing listens on now: benchmarks run beside each other and the test suite, so none is fixed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def sandboxes(data_dir: Path):
    """Both sandboxes in their own processes, so their CPU and memory are not the measured process's."""
    procs = []
    try:
        urls = {}
        for system in ("tripletex", "telaris"):
            port = free_port()
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "sync_pipeline.cli", "sandbox", system, "--port", str(port),
                 "--data", str(data_dir / system)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            urls[system] = f"http://127.0.0.1:{port}"
        for url in urls.values():
            wait_until_ready(url, timeout=60)
        yield urls
    finally:
        for proc in procs:
            stop(proc, "a sandbox")


def run_child(code: str, env: dict[str, str] | None = None, timeout: float = 3600) -> dict[str, Any]:
    """Run `code` in a fresh interpreter; it must print one JSON line last. Adds the child's peak RSS in MB."""
    wrapper = code + (
        "\nimport resource as _r, json as _j\n"
        "print(_j.dumps({**RESULT, 'peak_rss_mb': _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    started = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True,
                              env={**os.environ, **(env or {})}, cwd=ROOT, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise Timeout(f"gave up after {timeout:.0f} s waiting for a measured child process to finish") from exc
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    # the last line, past any progress bar DuckDB drew with carriage returns on a long query
    result = json.loads(re.split(r"[\r\n]+", done.stdout.strip())[-1])
    result["wall_seconds"] = time.monotonic() - started
    return result
