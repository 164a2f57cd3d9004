"""SQLite storage shared by both sandboxes: a file under --data DIR survives restarts, no DIR means in memory."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


class SandboxDb:
    """One connection guarded by a lock: the sandboxes serve from the event loop and a webhook thread."""

    def __init__(self, data_dir: str | Path | None, filename: str, schema: str, cache_kib: int | None = None) -> None:
        if data_dir is None:
            target = ":memory:"
        else:
            Path(data_dir).mkdir(parents=True, exist_ok=True)
            target = str(Path(data_dir) / filename)
        self._schema = schema
        self._lock = threading.RLock()
        self._con = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._con.row_factory = sqlite3.Row
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=NORMAL")
        if cache_kib is not None:  # the page cache a connection may keep (SQLite's default: 2 MiB)
            self._con.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
        self._con.executescript(schema)
        self._snapshot: sqlite3.Connection | None = None

    @property
    def lock(self) -> threading.RLock:
        return self._lock

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._con.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._con.execute(sql, params).fetchone()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._con.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._lock:
            self._con.execute("BEGIN")
            try:
                self._con.executemany(sql, rows)
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def transaction(self) -> _Transaction:
        return _Transaction(self)

    def reset(self, keep: Sequence[str] = ()) -> None:
        """Drop every table but those in `keep` and recreate the schema: a fresh, empty company."""
        with self._lock:
            listed = self._con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            tables = [r[0] for r in listed if r[0] not in keep]
            for table in tables:
                self._con.execute(f'DROP TABLE IF EXISTS "{table}"')
            if self._has_sequence():
                marks = ",".join("?" * len(keep))
                self._con.execute(f"DELETE FROM sqlite_sequence WHERE name NOT IN ({marks})", tuple(keep))
            self._con.executescript(self._schema)

    def snapshot(self) -> None:
        """Keep a copy of the whole company in memory, for `restore`: a property test starts each of its hundreds
        of examples from the same synced state instead of building it again through the API."""
        with self._lock:
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            self._con.backup(copy)
            self._snapshot = copy

    @property
    def has_snapshot(self) -> bool:
        return self._snapshot is not None

    def restore(self) -> None:
        """Put back the company as `snapshot` kept it (ids, versions and change times included)."""
        with self._lock:
            if self._snapshot is None:
                raise LookupError("no snapshot was taken")
            self._snapshot.backup(self._con)

    def _has_sequence(self) -> bool:
        return self._con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone() is not None


class _Transaction:
    def __init__(self, db: SandboxDb) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        self._db.lock.acquire()
        self._db._con.execute("BEGIN IMMEDIATE")
        return self._db._con

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self._db._con.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self._db.lock.release()
