"""The landing folder: webhook payloads as files, written durably before they are acknowledged.

    landing/tripletex/
        incoming/      accepted deliveries waiting for a run (one JSON file each; `<name>.failures` counts the runs
                       that failed with it)
        claimed/<run>/ the files a run took; settled by the sensor when the run ends
        processed/     files of successful runs (pruned after some days)
        failed/        files whose runs failed too often, with the reason beside them; `webhooks replay` puts them back
        quarantine/    what could not be accepted as a delivery (not JSON, missing keys, unknown event), with the reason
        catch_up/      catch-up syncs asked for (subscriptions were down), one file each until the sensor's committed
                       cursor says their run was requested

A delivery's file name is derived from its `idempotency-key`, so a redelivery finds its earlier copy in any folder and
is acknowledged without landing twice. Nothing here knows Dagster or DuckDB: the receiver keeps answering while a long
sync holds the database file, and the sensor reads folders only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SYSTEM = "tripletex"
FOLDERS = ("incoming", "claimed", "processed", "failed", "quarantine")
MAX_FAILURES = 3
CATCH_UP = "catch_up"


def key_name(idempotency_key: str) -> str:
    """The file stem for a delivery: a digest of its key (keys are sender-chosen text, not safe as file names)."""
    return hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Delivery:
    name: str  # file name in its folder
    received_at: datetime
    idempotency_key: str
    event: str
    object_id: int
    subscription_id: int | None
    payload: dict[str, Any]


class Landing:
    def __init__(self, data_dir: str | Path, system: str = SYSTEM) -> None:
        self.root = Path(data_dir) / "landing" / system
        for folder in (*FOLDERS, CATCH_UP):
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):  # the single marker file of earlier versions becomes a request
            os.replace(self.root / "catch_up_requested", self.root / CATCH_UP / "00000000-earlier-version.txt")

    def folder(self, name: str) -> Path:
        return self.root / name

    # ---- writing (the receiver) ------------------------------------------------------------------------------
    def seen(self, idempotency_key: str) -> bool:
        """Whether a delivery with this key already landed, wherever it is now."""
        name = f"{key_name(idempotency_key)}.json"  # a delivery keeps its name in every folder
        if any(os.path.exists(self.root / folder / name) for folder in ("incoming", "processed", "failed")):
            return True
        with os.scandir(self.root / "claimed") as batches:
            return any(os.path.exists(os.path.join(batch.path, name)) for batch in batches)

    def land(self, idempotency_key: str, payload: dict[str, Any], received_at: datetime | None = None) -> bool:
        """Write the delivery durably into incoming/; False when its key had already landed."""
        if self.seen(idempotency_key):
            return False
        record = {"received_at": (received_at or datetime.now(UTC)).isoformat(),
                  "idempotency_key": idempotency_key, "payload": payload}
        return _write_durably(self.root / "incoming" / f"{key_name(idempotency_key)}.json",
                              json.dumps(record, separators=(",", ":")).encode())

    def quarantine(self, raw: bytes, reason: str, headers: dict[str, str] | None = None) -> Path:
        """Keep what could not be accepted, with the reason, for an operator."""
        stem = f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        target = self.root / "quarantine" / f"{stem}.body"
        _write_durably(target, raw)
        _write_durably(target.with_suffix(".reason.json"),
                       json.dumps({"reason": reason, "headers": headers or {}}, ensure_ascii=False).encode())
        return target

    # ---- reading and moving (the sensor and the run) ----------------------------------------------------------
    def incoming(self, limit: int | None = None) -> list[str]:
        """Names of waiting deliveries, oldest first (by name within a second: order does not matter to the run,
        which fetches current records, but oldest-first keeps a capped batch fair)."""
        names = [name for _, name in sorted(_waiting(self.root / "incoming"))]
        return names[:limit] if limit is not None else names

    def claim(self, batch: str, limit: int) -> list[str]:
        """Move up to `limit` incoming files into claimed/<batch>/ (a rename each: atomic, no copy)."""
        target = self.root / "claimed" / batch
        target.mkdir(parents=True, exist_ok=True)
        taken = []
        for name in self.incoming(limit):
            with contextlib.suppress(FileNotFoundError):  # taken by someone else meanwhile
                os.rename(self.root / "incoming" / name, target / name)
                taken.append(name)
        _fsync_dir(target)
        _fsync_dir(self.root / "incoming")
        return taken

    def claimed_batches(self) -> list[str]:
        return sorted(p.name for p in (self.root / "claimed").iterdir() if p.is_dir())

    def read(self, folder: Path, names: Iterable[str]) -> list[Delivery]:
        deliveries = []
        for name in names:
            record = json.loads((folder / name).read_bytes())
            payload = record["payload"]
            deliveries.append(Delivery(name=name, received_at=datetime.fromisoformat(record["received_at"]),
                                       idempotency_key=record["idempotency_key"], event=payload["event"],
                                       object_id=int(payload["id"]), subscription_id=payload.get("subscriptionId"),
                                       payload=payload))
        return deliveries

    def read_claimed(self, batch: str) -> list[Delivery]:
        folder = self.root / "claimed" / batch
        return self.read(folder, sorted(p.name for p in folder.iterdir() if p.suffix == ".json"))

    def settle(self, batch: str, succeeded: bool, reason: str = "") -> dict[str, int]:
        """A run ended: its files go to processed/, or back to incoming/ to be tried again — to failed/ (with the
        reason) once they have failed MAX_FAILURES times. Nothing is deleted unprocessed. A file keeps its name
        throughout (its failures are counted beside it), so a redelivery is recognised wherever it is.

        Safe to call twice at once (the run's status sensor and the sweep of stranded batches may meet): each file
        is moved by one rename, which only one caller wins; the loser skips it, so nothing is counted twice."""
        folder = self.root / "claimed" / batch
        counts = {"processed": 0, "retried": 0, "failed": 0}
        for path in sorted(folder.glob("*.json")):
            tally = self.root / "incoming" / f"{path.stem}.failures"
            if succeeded:
                if _move(path, self.root / "processed" / path.name):
                    tally.unlink(missing_ok=True)
                    counts["processed"] += 1
                continue
            failures = (int(tally.read_text()) if tally.exists() else 0) + 1
            if failures >= MAX_FAILURES:
                if _move(path, self.root / "failed" / path.name):
                    _write_durably(self.root / "failed" / f"{path.stem}.reason.json",
                                   json.dumps({"reason": reason, "failures": failures}).encode(), exclusive=False)
                    tally.unlink(missing_ok=True)
                    counts["failed"] += 1
            elif _move(path, self.root / "incoming" / path.name):
                _write_durably(tally, str(failures).encode(), exclusive=False)
                counts["retried"] += 1
        with contextlib.suppress(FileNotFoundError, OSError):  # the other caller emptied or removed it first
            for leftover in folder.iterdir():
                leftover.unlink(missing_ok=True)
            folder.rmdir()
        _fsync_dir(self.root / "incoming")
        return counts

    def replay(self) -> int:
        """Put every failed delivery back into incoming/ with a clean record."""
        moved = 0
        for path in sorted((self.root / "failed").glob("*.json")):
            if path.name.endswith(".reason.json"):
                continue
            os.replace(path, self.root / "incoming" / path.name)
            (self.root / "failed" / f"{path.stem}.reason.json").unlink(missing_ok=True)
            moved += 1
        return moved

    def prune_processed(self, days: float) -> int:
        cutoff = time.time() - days * 86400
        pruned = 0
        with os.scandir(self.root / "processed") as entries:
            for entry in entries:
                if entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)
                    pruned += 1
        return pruned

    def counts(self) -> dict[str, int]:
        def files(folder: str) -> int:
            return sum(1 for p in (self.root / folder).rglob("*.json") if not p.name.endswith(".reason.json"))
        return {folder: files(folder) for folder in FOLDERS}

    # ---- catch-up syncs, asked for when subscriptions were found down -----------------------------------------
    def request_catch_up(self, reason: str) -> str:
        """Ask for a catch-up sync: one file per request, named so that two requests never share one."""
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.txt"
        _write_durably(self.root / CATCH_UP / name, reason.encode())
        return name

    def catch_up_requests(self) -> dict[str, str]:
        """The requests still on file, by name (oldest first), with their reasons. Reading takes nothing: a request
        is removed only by `forget_catch_up`, once the sensor's committed cursor shows its run was asked for."""
        found = {}
        for path in sorted((self.root / CATCH_UP).glob("*.txt")):
            with contextlib.suppress(FileNotFoundError):
                found[path.name] = path.read_text()
        return found

    def forget_catch_up(self, names: Iterable[str]) -> None:
        for name in names:
            (self.root / CATCH_UP / Path(name).name).unlink(missing_ok=True)


def only_fresh_waiting(data_dir: str | Path, seconds: float, system: str = SYSTEM) -> bool:
    """Whether deliveries wait in incoming/ and every one landed within the last `seconds`: a webhook run is about to
    take them. One waiting longer (a webhook sensor someone stopped, a file back from a failed run, which keeps its
    time) is nobody's promise, however many fresh ones land beside it. Read only, creating nothing; an unreadable
    folder promises nothing either."""
    try:
        waiting = _waiting(Path(data_dir) / "landing" / system / "incoming")
    except OSError:
        return False
    return bool(waiting) and min(waiting)[0] >= (time.time() - seconds) * 1e9


def _waiting(incoming: Path) -> list[tuple[int, str]]:
    """The deliveries in incoming/, each with the time it landed (ns; a rename keeps it)."""
    with os.scandir(incoming) as entries:
        return [(e.stat().st_mtime_ns, e.name) for e in entries if e.name.endswith(".json") and e.is_file()]


def _move(source: Path, target: Path) -> bool:
    """One rename; False when the file was already moved by someone else."""
    try:
        os.replace(source, target)
    except FileNotFoundError:
        return False
    return True


def _write_durably(target: Path, content: bytes, exclusive: bool = True) -> bool:
    """Temporary file, fsync, rename to its name, fsync the folder: after this returns, a crash cannot lose the file
    or leave half of it under its name. With `exclusive`, an existing file wins (False is returned): two deliveries
    with the same key racing past `seen` would both rename an identical delivery onto one name, so at most one file
    is ever landed per key either way."""
    if exclusive and os.path.exists(target):
        return False
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    _fsync_dir(target.parent)
    return True


class _GroupSync:
    """fsync of a folder shared by concurrent writers (group commit): a writer whose rename happened before a sync
    started waits for that sync; writers arriving meanwhile share the next one. Under a burst one fsync serves many
    deliveries instead of one each, and none is acknowledged before its name is durable."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._requested: dict[str, int] = {}
        self._done: dict[str, int] = {}
        self._running: set[str] = set()

    def sync(self, folder: str) -> None:
        with self._cond:
            ticket = self._requested[folder] = self._requested.get(folder, 0) + 1
            while self._done.get(folder, 0) < ticket:
                if folder in self._running:
                    self._cond.wait()
                    continue
                self._running.add(folder)
                covered = self._requested[folder]
                self._cond.release()
                try:
                    _fsync_now(folder)
                finally:
                    self._cond.acquire()
                    self._running.discard(folder)
                    self._done[folder] = max(self._done.get(folder, 0), covered)
                    self._cond.notify_all()


_group_sync = _GroupSync()


def _fsync_dir(folder: Path) -> None:
    _group_sync.sync(str(folder))


def _fsync_now(folder: str) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
