"""Children that start Dagster (a daemon, a webserver) and everything they start in turn: code servers, run
processes. Each is led in a process group of its own, so stopping it stops the whole group; a code server left
behind holds a port and memory long after the test or benchmark that started it (seen: one still serving 30 minutes
after CI, its DAGSTER_HOME deleted). Shared by the tests' deployments and the benchmarks."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys


def die_with_parent() -> None:
    """`preexec_fn` of a child in a process group of its own: SIGTERM when its parent dies, however it dies. A
    deadline that kills the parent's group would otherwise leave such a child running."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def start_group(command: list[str], **popen: object) -> subprocess.Popen:
    """`command` as the leader of a new process group that dies with this process."""
    return subprocess.Popen(command, start_new_session=True, preexec_fn=die_with_parent, **popen)


def stop(proc: subprocess.Popen, what: str, timeout: float = 30) -> None:
    """Terminate a child and wait for it; kill it if it will not go. A child started with start_new_session=True
    is stopped with its whole process group (a daemon's code server and run processes)."""
    group = os.getpgid(proc.pid) == proc.pid if proc.poll() is None else False
    signal_ = (lambda sig: os.killpg(proc.pid, sig)) if group else proc.send_signal
    signal_(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        signal_(signal.SIGKILL)
        proc.wait(timeout=timeout)
        print(f"{what} did not stop within {timeout:.0f} s of SIGTERM: killed", file=sys.stderr)
    if group:
        with contextlib.suppress(ProcessLookupError):  # what the leader left behind
            os.killpg(proc.pid, signal.SIGKILL)
