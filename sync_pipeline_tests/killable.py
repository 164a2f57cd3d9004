"""A sync cycle in a real child process, for tests that SIGKILL it in the middle of a write.

Children are forked from a forkserver that has imported the engine once, so a kill costs a fork (~20 ms) instead
of an interpreter start and its imports (~2 s). A property test can then kill a process in many of its hundreds of
examples. The forkserver is single-threaded, which makes the fork safe; the test process itself (sandbox threads,
open sockets) is never forked.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable
from pathlib import Path

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.engine.cycle import run_cycle
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.warehouse.store import Warehouse

CONTEXT = multiprocessing.get_context("forkserver")
CONTEXT.set_forkserver_preload([__name__])


def _cycle(tripletex_url: str, telaris_url: str, db: str) -> None:
    run_cycle(Warehouse(Path(db)), TelarisSource(TelarisClient(telaris_url, "telaris-sandbox-token")),
              TripletexSource(TripletexClient(tripletex_url, "c", "e")))


def start_cycle(tripletex_url: str, telaris_url: str, db: Path) -> multiprocessing.Process:
    """A whole sync cycle (extract, diff, plan, apply) against `db`, running in a child process."""
    process = CONTEXT.Process(target=_cycle, args=(tripletex_url, telaris_url, str(db)), daemon=True)
    process.start()
    return process


def kill_when(process: multiprocessing.Process, happened: Callable[[], bool], timeout: float = 60) -> bool:
    """SIGKILL `process` as soon as `happened()` is true; returns False when the process ended first."""
    deadline = time.monotonic() + timeout
    while not happened():
        if not process.is_alive():
            process.join()
            return False
        if time.monotonic() > deadline:
            raise TimeoutError("the awaited request never left the process")
        time.sleep(0.01)
    process.kill()  # SIGKILL: no finally block, no atexit, no flush; what DuckDB committed is all there is
    process.join(timeout=10)
    assert process.exitcode == -signal.SIGKILL
    return True
