"""Shared benchmark plumbing: sandboxes as separate processes, seeding, and peak-RSS measurement of a child."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sync_pipeline.sandboxes.server import wait_until_ready

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def sandboxes(data_dir: Path, tripletex_port: int = 18701, telaris_port: int = 18702):
    """Both sandboxes in their own processes, so their CPU and memory are not the measured process's."""
    procs = []
    try:
        for system, port in (("tripletex", tripletex_port), ("telaris", telaris_port)):
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "sync_pipeline.cli", "sandbox", system, "--port", str(port),
                 "--data", str(data_dir / system)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        urls = {"tripletex": f"http://127.0.0.1:{tripletex_port}", "telaris": f"http://127.0.0.1:{telaris_port}"}
        for url in urls.values():
            wait_until_ready(url, timeout=60)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=30)


def run_child(code: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `code` in a fresh interpreter; it must print one JSON line last. Adds the child's peak RSS in MB."""
    wrapper = code + (
        "\nimport resource as _r, json as _j\n"
        "print(_j.dumps({**RESULT, 'peak_rss_mb': _r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.monotonic() - started
    return result
