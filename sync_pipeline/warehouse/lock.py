"""Who may open a DuckDB file now, across processes: DuckDB itself refuses a second process with "Could not set lock on
file … Conflicting lock is held" instead of waiting, so a terminal command beside a run, or two runs launched past
the queue, crashed each other. These locks make them take turns, saying who they wait for.

Two advisory locks (``flock``) sit beside the database file, both released by the kernel when a process dies:

- ``<file>.lock``, per unit of work: exclusive while a connection writes, shared while read-only connections read.
  Readers (``diagnose``, ``status``) never block each other, and wait at most for one step of a run.
- ``<file>.writer.lock``, per run or command that writes: held from its first write until it ends, so a writing
  command never slips between two steps of a running sync, and a second writer waits for the whole run.

The holder of an exclusive lock writes who it is (``<lock>.holder``, removed on release) so that a waiter can say what
it waits for. Within one process the locks are re-entrant (threads included): DuckDB shares one database instance per
process, and the steps of a run open the file one after another (or an asset check while its run holds the writer
lock).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# How long a unit of work waits for the file before it fails naming the holder. A run holds the writer lock for as
# long as it runs, so this is generous; SYNC_LOCK_TIMEOUT_SECONDS overrides it (tests, impatient terminals).
DEFAULT_TIMEOUT_SECONDS = 3600.0
TELL_EVERY_SECONDS = 30.0


class FileBusy(TimeoutError):
    """The file stayed locked past the deadline: says who holds it."""


@dataclass
class _Held:
    fd: int
    exclusive: bool
    count: int


_held: dict[str, _Held] = {}
_guard = threading.Lock()
_key_locks: dict[str, threading.Lock] = {}


def _key_lock(key: str) -> threading.Lock:
    with _guard:
        return _key_locks.setdefault(key, threading.Lock())


def _holder_file(lock_path: Path) -> Path:
    return Path(f"{lock_path}.holder")


def timeout_seconds() -> float:
    return float(os.environ.get("SYNC_LOCK_TIMEOUT_SECONDS") or DEFAULT_TIMEOUT_SECONDS)


def describe_holder(lock_path: Path) -> str:
    """Who holds `lock_path`, as its exclusive holder wrote it: 'run 1a2b3c4d (sync) since 14:02:11 UTC'. Readers
    write nothing: a lock held without a holder file is held by readers (diagnose, status)."""
    try:
        holder = json.loads(_holder_file(lock_path).read_text())
    except (OSError, ValueError):
        return "readers of the file (diagnose, status)"
    since = holder.get("since", "")[11:19]
    return f"{holder.get('who') or 'process ' + str(holder.get('pid'))}" + (f" since {since} UTC" if since else "")


class FileLock:
    """One advisory lock file; `hold` waits for it, telling `on_wait` (at once, then every 30 s) who holds it."""

    def __init__(self, lock_path: Path, database: Path) -> None:
        self.lock_path = lock_path
        self.database = database

    @contextlib.contextmanager
    def hold(self, *, exclusive: bool, who: str, on_wait: Callable[[str], None] | None = None,
             timeout: float | None = None) -> Iterator[None]:
        key = str(self.lock_path.resolve())
        with _key_lock(key):  # check, acquire and register as one step: two threads never both open the lock
            held = _held.get(key)
            if held is not None and not held.exclusive and exclusive:
                # this process reads and now wants to write: a programming error, not a wait
                raise RuntimeError(f"{self.lock_path.name}: a reader in this process asked to write")
            if held is not None:
                held.count += 1
            else:
                fd = self._acquire(exclusive, who, on_wait, timeout_seconds() if timeout is None else timeout)
                _held[key] = _Held(fd, exclusive, 1)
        try:
            yield
        finally:
            self._release(key)

    def _acquire(self, exclusive: bool, who: str, on_wait: Callable[[str], None] | None, timeout: float) -> int:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        started = time.monotonic()
        told_at: float | None = None
        pause = 0.02
        while True:
            try:
                fcntl.flock(fd, mode)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= timeout:
                    os.close(fd)
                    raise FileBusy(f"{self.database} is still in use by {describe_holder(self.lock_path)} after "
                                   f"{waited:.0f} s; try again when it has finished") from None
                if on_wait is not None and (told_at is None or waited - told_at >= TELL_EVERY_SECONDS):
                    told_at = waited
                    on_wait(f"waiting for {describe_holder(self.lock_path)} to finish with {self.database}")
                time.sleep(pause)
                pause = min(pause * 2, 0.25)
        if exclusive:
            with contextlib.suppress(OSError):  # only informational
                _holder_file(self.lock_path).write_text(json.dumps(
                    {"who": who, "pid": os.getpid(), "since": datetime.now(UTC).isoformat()}))
        return fd

    def _release(self, key: str) -> None:
        with _key_lock(key):
            held = _held[key]
            held.count -= 1
            if held.count:
                return
            del _held[key]
            if held.exclusive:
                with contextlib.suppress(OSError):
                    _holder_file(self.lock_path).unlink()
            os.close(held.fd)  # closing the descriptor drops the flock


def holds_exclusive(lock_path: Path) -> bool:
    """Whether this process writes the file now (a read-only connection would then be refused by DuckDB)."""
    key = str(lock_path.resolve())
    with _key_lock(key):
        held = _held.get(key)
        return held is not None and held.exclusive
