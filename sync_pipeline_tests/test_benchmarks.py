"""Every benchmark, run the way the README shows, at a small size: it finishes within its deadline, exits 0, and its
last line is one JSON object holding the figures the README names for it. A smoke run, so that a benchmark cannot
rot unnoticed (hang on a changed pipeline, lose a key); no figure is judged, since timings are not pass/fail."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEADLINE = 300  # seconds per benchmark at these sizes (each takes well under a minute on two quiet cores)
SMALL = {
    "extract": ["--records", "2000"],
    "diff": ["--pairs", "20000"],
    "incremental": ["--records", "2000", "--changes", "10"],
    "webhooks": ["--requests", "200", "--burst", "20", "--samples", "1"],
    # one formerly held-out exam of ten: each is a child process, and what the others print is the same code
    "linking": ["--records", "3000", "--subset", "500", "--holdout", "1000", "--former", "twins_holdout"],
    # one company (its runs are what takes the time: each a process), one idle tick of a one-second probe; a set-up
    # is settled after one idle tick of the sensor (the daemon's sensor loop ticks every 5 s), not two
    "tenants": ["--companies", "1", "--records", "40", "--changes", "3", "--ticks", "1", "--probe-seconds", "1",
                "--settle-ticks", "1", "--deadline", "200"],
    "probe": ["--companies", "3", "--records", "100", "--probes", "10"],
}


def readme_keys() -> dict[str, set[str]]:
    """The README's benchmark commands, each with the JSON keys its comment names."""
    found = {}
    for name, keys in re.findall(r"benchmarks/(\w+)\.py[^#\n]*#\s*([^\n]+)", (REPO / "README.md").read_text()):
        found[name] = {key.strip() for key in keys.split(",")}
    return found


def test_the_readme_names_every_benchmark() -> None:
    on_disk = {p.stem for p in (REPO / "benchmarks").glob("*.py") if not p.stem.startswith("_")}
    assert set(readme_keys()) == on_disk == set(SMALL)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_a_benchmark_finishes_and_prints_its_figures(name: str) -> None:
    proc = subprocess.Popen([sys.executable, str(REPO / "benchmarks" / f"{name}.py"), *SMALL[name]], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    # The pipes are read on threads and the wait is for the benchmark's own exit, then whatever it left in its process
    # group is killed: a process it started and left behind holding its stdout (Dagster's compute-log capture runs
    # `tail -F` writing to it) would otherwise keep the pipe open, and `communicate` waiting, until the deadline.
    printed: dict[str, str] = {}
    readers = [threading.Thread(target=lambda key=key, pipe=pipe: printed.__setitem__(key, pipe.read()), daemon=True)
               for key, pipe in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    timed_out = False
    try:
        proc.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        timed_out = True
    finally:
        with contextlib.suppress(ProcessLookupError):  # with the sandboxes, receiver and daemon it started
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for reader in readers:
            reader.join(timeout=30)
    out, err = printed.get("out", ""), printed.get("err", "")
    if timed_out:
        pytest.fail(f"benchmarks/{name}.py did not finish within {DEADLINE} s; it printed:\n{out[-2000:]}"
                    f"\n{err[-2000:]}")
    assert proc.returncode == 0, f"benchmarks/{name}.py failed:\n{err[-3000:]}"
    figures = json.loads(out.strip().splitlines()[-1])
    assert isinstance(figures, dict)
    missing = readme_keys()[name] - figures.keys()
    assert not missing, f"benchmarks/{name}.py printed no {sorted(missing)}"
    if name == "webhooks":
        assert figures["burst_lost"] == 0, "a change of the burst never reached Telaris"
