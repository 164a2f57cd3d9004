"""Bookkeeping of what the apply step did, batched and written as set operations.

Per-intent UPDATEs cost milliseconds each on a large table; batching keeps an apply run proportional to its HTTP
calls. After a confirmed write three things must agree with the target: base (what both sides now hold), the
target's snapshot row (values, version and fields hash: exactly what the target holds now) and the audit trail.
The snapshot matters as much as base: a plan computed before the next extraction would otherwise see the stale
snapshot as a change of the target's own and write the old value back.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.warehouse.store import Warehouse, party_table
from sync_pipeline.warehouse.transaction import transaction

AUDIT_COLUMNS = ("intent_id", "direction", "kind", "telaris_id", "tripletex_id", "field", "old_value", "new_value",
                 "run_id", "written_at")
AUDIT_SCHEMA = pa.schema([("intent_id", pa.string()), ("direction", pa.string()), ("kind", pa.string()),
                          ("telaris_id", pa.string()), ("tripletex_id", pa.int64()), ("field", pa.string()),
                          ("old_value", pa.string()), ("new_value", pa.string()), ("run_id", pa.string()),
                          ("written_at", pa.timestamp("us", tz="UTC"))])
OUTCOME_SCHEMA = pa.schema([("intent_id", pa.string()), ("status", pa.string()), ("detail", pa.string()),
                            ("at", pa.timestamp("us", tz="UTC")), ("tripletex_id", pa.int64()),
                            ("telaris_id", pa.string()), ("in_flight", pa.bool_())])
FIELD_VALUE_TYPES = [("field", pa.string()), ("value", pa.string())]


def now() -> datetime:
    return datetime.now(UTC)


class Ledger:
    """Collects outcomes, base values, snapshot values and audit rows; `flush` writes them in a few statements."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con = con
        self.run_id = run_id
        self._outcomes: list[tuple] = []
        self._base: list[tuple] = []  # (kind, telaris_id, field, value)
        self._snapshots: dict[str, list[tuple]] = {}  # table -> (record_id, field, value)
        self._numbers: dict[tuple[str, str], list[tuple]] = {}  # (table, version | tripletex_id) -> (record_id, n)
        self._audit: list[tuple] = []

    def __len__(self) -> int:
        return len(self._outcomes)

    # ---- collecting -----------------------------------------------------------------------------------------
    def outcome(self, intent_id: str, status: str, detail: str | None, tripletex_id: int | None,
                telaris_id: str | None, in_flight: bool = False) -> None:
        self._outcomes.append((intent_id, status, detail or None, now(), tripletex_id, telaris_id, in_flight))

    def agreed(self, kind: Kind, telaris_id: str, fields: dict[str, Any]) -> None:
        """Both sides now hold these values: base takes them."""
        self._base.extend((kind.value, telaris_id, name, value) for name, value in fields.items())

    def wrote(self, system: System, kind: Kind, record_id: str, fields: dict[str, Any], version: int | None,
              tripletex_id: int | None = None) -> None:
        """The target confirmed the write: its snapshot row takes the values and the version it answered with
        (a version we wrote ourselves is no change by the other side, so the next extraction keeps the record's
        earlier change time and "latest wins" is not decided by our own echo)."""
        table = party_table(system, kind)
        rows = self._snapshots.setdefault(table, [])
        rows.extend((record_id, name, value) for name, value in fields.items())
        for column, number in (("version", version), ("tripletex_id", tripletex_id)):
            if number is not None:
                self._numbers.setdefault((table, column), []).append((record_id, number))

    def audit(self, intent_id: str, direction: str, kind: Kind, telaris_id: str | None, tripletex_id: int | None,
              changes: dict[str, tuple[Any, Any]]) -> None:
        at = now()
        self._audit.extend(
            (intent_id, direction, kind.value, telaris_id, tripletex_id, name, _text(old), _text(new), self.run_id, at)
            for name, (old, new) in changes.items()
        )

    # ---- writing --------------------------------------------------------------------------------------------
    def flush(self) -> None:
        """Write everything collected, in one transaction: a flush that fails midway leaves no base advanced
        without its outbox row and audit (or the reverse), and keeps what it collected for the next flush.
        Bookkeeping lost in a crash is safe: the unchanged base re-plans the same patches, whose stale versions are
        refused (409/412) and then recompute to agreement."""
        if not (self._outcomes or self._base or self._audit or self._numbers
                or any(self._snapshots.values())):
            return
        with transaction(self.con):
            self._write()
        self._outcomes.clear()
        self._base.clear()
        self._snapshots.clear()
        self._numbers.clear()
        self._audit.clear()

    def _write(self) -> None:
        at = now()
        if self._base:
            self._set_fields("base", ("kind", "telaris_id"), [("kind", pa.string()), ("telaris_id", pa.string())],
                             self._base, extra="agreed_at = ?", params=[at])
        for table, rows in self._snapshots.items():
            if rows:
                self._set_fields(table, ("record_id",), [("record_id", pa.string())], rows)
        for (table, column), rows in self._numbers.items():
            self._register("own_batch", rows, pa.schema([("record_id", pa.string()), ("n", pa.int64())]))
            self.con.execute(f"UPDATE {table} SET {column} = b.n FROM own_batch b "
                             f"WHERE {table}.record_id = b.record_id").fetchall()
            self.con.unregister("own_batch")
        if self._audit:
            self._register("audit_batch", self._audit, AUDIT_SCHEMA)
            columns = ", ".join(AUDIT_COLUMNS)
            self.con.execute(f"INSERT INTO audit ({columns}) SELECT {columns} FROM audit_batch").fetchall()
            self.con.unregister("audit_batch")
        if self._outcomes:
            self._register("outcome_batch", self._outcomes, OUTCOME_SCHEMA)
            self.con.execute("""
                UPDATE outbox SET status = r.status, attempts = attempts + 1, last_error = r.detail,
                                  updated_at = r.at, tripletex_id = coalesce(r.tripletex_id, outbox.tripletex_id),
                                  telaris_id = coalesce(r.telaris_id, outbox.telaris_id),
                                  in_flight = r.in_flight
                FROM outcome_batch r WHERE outbox.intent_id = r.intent_id
            """).fetchall()
            self.con.unregister("outcome_batch")

    def _set_fields(self, table: str, keys: tuple[str, ...], key_types: list[tuple[str, pa.DataType]],
                    rows: list[tuple], extra: str = "", params: list | None = None) -> None:
        """Set (key…, field, value) rows on `table`, one UPDATE per field name, and rehash the touched rows."""
        self._register("field_batch", rows, pa.schema(key_types + FIELD_VALUE_TYPES))
        match = " AND ".join(f"{table}.{key} = b.{key}" for key in keys)
        for name in sorted({row[-2] for row in rows}):
            self.con.execute(f"""UPDATE {table} SET {name} = b.value, fields_hash = NULL{", " + extra if extra else ""}
                                 FROM field_batch b WHERE b.field = '{name}' AND {match}""",
                             params or []).fetchall()
        self.con.unregister("field_batch")
        Warehouse.rehash(self.con, table)

    def _register(self, name: str, rows: list[tuple], schema: pa.Schema) -> None:
        self.con.register(name, pa.table(list(zip(*rows, strict=True)), schema=schema))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
