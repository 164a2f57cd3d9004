"""The landing folder: webhook payloads as files, written durably before they are acknowledged.

    landing/tripletex/
        incoming/      accepted deliveries waiting for a run (one JSON file each)
        claimed/<run>/ the files a run took; settled by the sensor when the run ends
        processed/     files of successful runs (pruned after some days)
        failed/        files whose runs failed too often, with the reason beside them; `webhooks replay` puts them back
        quarantine/    what could not be accepted as a delivery (not JSON, missing keys, unknown event), with the reason

A delivery's file name is derived from its `idempotency-key`, so a redelivery finds its earlier copy in any folder and
is acknowledged without landing twice. Nothing here knows Dagster or DuckDB: the receiver keeps answering while a long
sync holds the database file, and the sensor reads folders only.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
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
CATCH_UP_MARK = "catch_up_requested"


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
        for folder in FOLDERS:
            (self.root / folder).mkdir(parents=True, exist_ok=True)

    def folder(self, name: str) -> Path:
        return self.root / name

    # ---- writing (the receiver) ------------------------------------------------------------------------------
    def seen(self, idempotency_key: str) -> bool:
        """Whether a delivery with this key already landed, wherever it is now."""
        stem = key_name(idempotency_key)
        names = [f"{stem}.json", *(f"{stem}~{n}.json" for n in range(1, MAX_FAILURES + 1))]
        for folder in ("incoming", "processed", "failed"):
            if any((self.root / folder / name).exists() for name in names):
                return True
        claimed = self.root / "claimed"
        return any((batch / name).exists() for batch in claimed.iterdir() for name in names)

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
        with os.scandir(self.root / "incoming") as entries:
            found = [(e.stat().st_mtime_ns, e.name) for e in entries if e.name.endswith(".json") and e.is_file()]
        found.sort()
        names = [name for _, name in found]
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
        reason) once they have failed MAX_FAILURES times. Nothing is deleted unprocessed."""
        folder = self.root / "claimed" / batch
        counts = {"processed": 0, "retried": 0, "failed": 0}
        for path in sorted(folder.glob("*.json")):
            if succeeded:
                os.replace(path, self.root / "processed" / _base_name(path.name))
                counts["processed"] += 1
                continue
            failures = _failures(path.name) + 1
            if failures >= MAX_FAILURES:
                os.replace(path, self.root / "failed" / path.name)
                _write_durably(self.root / "failed" / f"{path.stem}.reason.json",
                               json.dumps({"reason": reason, "failures": failures}).encode(), exclusive=False)
                counts["failed"] += 1
            else:
                os.replace(path, self.root / "incoming" / f"{path.name.split('~')[0].removesuffix('.json')}"
                                                           f"~{failures}.json")
                counts["retried"] += 1
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
        return counts

    def replay(self) -> int:
        """Put every failed delivery back into incoming/ with a clean record."""
        moved = 0
        for path in sorted((self.root / "failed").glob("*.json")):
            if path.name.endswith(".reason.json"):
                continue
            os.replace(path, self.root / "incoming" / _base_name(path.name))
            path.with_suffix(".reason.json").unlink(missing_ok=True)
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

    # ---- a catch-up sync, asked for when subscriptions were found down -----------------------------------------
    def request_catch_up(self, reason: str) -> None:
        _write_durably(self.root / CATCH_UP_MARK, reason.encode(), exclusive=False)

    def take_catch_up(self) -> str | None:
        mark = self.root / CATCH_UP_MARK
        try:
            reason = mark.read_text()
        except FileNotFoundError:
            return None
        mark.unlink(missing_ok=True)
        return reason


def _base_name(name: str) -> str:
    return name.split("~")[0].removesuffix(".json") + ".json"


def _failures(name: str) -> int:
    return int(name.removesuffix(".json").split("~")[1]) if "~" in name else 0


def _write_durably(target: Path, content: bytes, exclusive: bool = True) -> bool:
    """Temporary file, fsync, then publish it under its name and fsync the folder: after this returns, a crash
    cannot lose the file or leave half of it. With `exclusive`, an existing file wins (False is returned)."""
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if exclusive:
            try:
                os.link(tmp, target)  # fails if the name exists: two concurrent redeliveries land once
            except FileExistsError:
                return False
        else:
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(target.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
