"""Telaris records in SQLite, ordered by (updated_at, id) for cursor paging."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync_pipeline.sandboxes.db import SandboxDb
from sync_pipeline.sandboxes.telaris.errors import TelarisApiError, invalid
from sync_pipeline.sandboxes.telaris.validation import check_writable, merge_patch, validate_party

SCHEMA = """
CREATE TABLE IF NOT EXISTS party (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    number TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS party_kind_updated ON party(kind, updated_at, id);
CREATE UNIQUE INDEX IF NOT EXISTS party_kind_number ON party(kind, number) WHERE number IS NOT NULL;
CREATE TABLE IF NOT EXISTS idempotency (kind TEXT, key TEXT, response TEXT NOT NULL, PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS invoice_export (
    id TEXT PRIMARY KEY, invoice_number TEXT NOT NULL, customer_id TEXT NOT NULL, status TEXT NOT NULL,
    created_at TEXT NOT NULL, tripletex_customer_id INTEGER, reason TEXT
);
"""
PREFIX = {"customers": "c", "suppliers": "s"}
MAX_LIMIT = 1000


def now_rfc3339() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})")
EXPORT_STATUSES = ("pending", "customer_ready", "failed")


def _normalise_time(value: str) -> str:
    """The contract says RFC 3339 date-time: a date alone, an empty value or a time without offset is refused."""
    try:
        if not RFC3339.fullmatch(value):
            raise ValueError(value)
        parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
    except ValueError:
        raise invalid("updated_since", "RFC 3339 timestamp, e.g. 2026-01-31T12:00:00Z") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def encode_cursor(updated_at: str, rid: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([updated_at, rid]).encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        updated_at, rid = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return str(updated_at), str(rid)
    except (ValueError, TypeError):
        raise invalid("cursor", "not a cursor this API returned") from None


def _full_address(address: dict[str, Any] | None) -> dict[str, Any] | None:
    """Stored addresses always carry all five parts, unset ones as null."""
    if address is None:
        return None
    return {key: address.get(key) for key in ("line1", "line2", "postal_code", "city", "country")}


class TelarisStore:
    def __init__(self, data_dir: str | Path | None, cache_kib: int | None = None) -> None:
        self.db = SandboxDb(data_dir, "telaris.sqlite", SCHEMA, cache_kib=cache_kib)

    def _next_id(self, con, name: str) -> int:
        row = con.execute("SELECT value FROM counter WHERE name = ?", (name,)).fetchone()
        value = 1 if row is None else row[0]
        con.execute("INSERT OR REPLACE INTO counter VALUES (?, ?)", (name, value + 1))
        return value

    def _check_number(self, con, kind: str, number: str | None, rid: str) -> None:
        if number is None:
            return
        clash = con.execute("SELECT id FROM party WHERE kind = ? AND number = ? AND id <> ?",
                            (kind, number, rid)).fetchone()
        if clash:
            raise invalid("number", f"already used by {clash[0]}")

    def _insert(self, con, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        rid = f"{PREFIX[kind]}_{self._next_id(con, kind):06d}"
        record = {
            "id": rid, "number": None, "name": None, "organisation_number": None, "email": None,
            "invoice_email": None, "phone": None, "address": None, "currency": "NOK", "language": "nb",
            "tripletex_id": None, "is_active": True, **body, "version": 1, "updated_at": now_rfc3339(),
        }
        validate_party(record)
        record["address"] = _full_address(record["address"])
        self._check_number(con, kind, record["number"], rid)
        con.execute("INSERT INTO party VALUES (?, ?, ?, ?, ?)",
                    (rid, kind, record["updated_at"], record["number"], json.dumps(record)))
        return record

    def create(self, kind: str, body: Any, idempotency_key: str | None) -> dict[str, Any]:
        body = check_writable(body)
        with self.db.transaction() as con:
            if idempotency_key:
                seen = con.execute("SELECT response FROM idempotency WHERE kind = ? AND key = ?",
                                   (kind, idempotency_key)).fetchone()
                if seen:
                    return json.loads(seen[0])
            record = self._insert(con, kind, body)
            if idempotency_key:
                con.execute("INSERT INTO idempotency VALUES (?, ?, ?)", (kind, idempotency_key, json.dumps(record)))
        return record

    def bulk_create(self, kind: str, bodies: list[dict[str, Any]]) -> list[str]:
        """Seeding path: the same validation as POST, one transaction."""
        with self.db.transaction() as con:
            return [self._insert(con, kind, check_writable(body))["id"] for body in bodies]

    def get(self, kind: str, rid: str) -> dict[str, Any]:
        row = self.db.one("SELECT data FROM party WHERE kind = ? AND id = ?", (kind, rid))
        if row is None:
            raise TelarisApiError(404, f"{rid} not found")
        return json.loads(row[0])

    def patch(self, kind: str, rid: str, patch: Any, if_match: str | None) -> dict[str, Any]:
        patch = check_writable(patch)
        if if_match is None:
            raise TelarisApiError(428, "If-Match with the record's version is required")
        with self.db.transaction() as con:
            row = con.execute("SELECT data FROM party WHERE kind = ? AND id = ?", (kind, rid)).fetchone()
            if row is None:
                raise TelarisApiError(404, f"{rid} not found")
            current = json.loads(row[0])
            if if_match.strip('"W/ ') != str(current["version"]):
                raise TelarisApiError(412, f"{rid} is at version {current['version']}, not {if_match}")
            updated = merge_patch(current, patch)
            validate_party(updated)
            updated["address"] = _full_address(updated["address"])
            if updated == current:
                return current
            self._check_number(con, kind, updated["number"], rid)
            updated["version"] = current["version"] + 1
            updated["updated_at"] = max(now_rfc3339(), current["updated_at"])
            con.execute("UPDATE party SET updated_at = ?, number = ?, data = ? WHERE id = ?",
                        (updated["updated_at"], updated["number"], json.dumps(updated), rid))
        return updated

    def page(
        self, kind: str, updated_since: str | None, cursor: str | None, limit: int
    ) -> tuple[list[str], str | None]:
        where, args = ["kind = ?"], [kind]
        if updated_since is not None:
            where.append("updated_at >= ?")
            args.append(_normalise_time(updated_since))
        if cursor:
            where.append("(updated_at, id) > (?, ?)")
            args.extend(decode_cursor(cursor))
        rows = self.db.query(
            f"SELECT updated_at, id, data FROM party WHERE {' AND '.join(where)} ORDER BY updated_at, id LIMIT ?",
            [*args, limit + 1],
        )
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1][0], rows[-1][1]) if more else None
        return [r[2] for r in rows], next_cursor

    def counts(self) -> dict[str, int]:
        found = {kind: 0 for kind in PREFIX}
        found.update({r[0]: r[1] for r in self.db.query("SELECT kind, count(*) FROM party GROUP BY kind")})
        return found

    # ---- invoice exports ------------------------------------------------------------------------------------
    def create_export(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, dict) or not isinstance(body.get("invoice_number"), str) or not body["invoice_number"]:
            raise invalid("invoice_number", "required")
        customer_id = body.get("customer_id")
        if not isinstance(customer_id, str) or self.db.one(
            "SELECT 1 FROM party WHERE kind = 'customers' AND id = ?", (customer_id,)) is None:
            raise invalid("customer_id", "no such customer")
        with self.db.transaction() as con:
            eid = f"ie_{self._next_id(con, 'invoice_export'):06d}"
            con.execute("INSERT INTO invoice_export VALUES (?, ?, ?, 'pending', ?, NULL, NULL)",
                        (eid, body["invoice_number"], customer_id, now_rfc3339()))
        return self.export(eid)

    def export(self, eid: str) -> dict[str, Any]:
        row = self.db.one("SELECT * FROM invoice_export WHERE id = ?", (eid,))
        if row is None:
            raise TelarisApiError(404, f"{eid} not found")
        return dict(row)

    def exports(self, status: str | None) -> list[dict[str, Any]]:
        if status is not None and status not in EXPORT_STATUSES:
            raise invalid("status", f"one of {', '.join(EXPORT_STATUSES)}")
        if status:
            rows = self.db.query("SELECT * FROM invoice_export WHERE status = ? ORDER BY created_at, id", (status,))
        else:
            rows = self.db.query("SELECT * FROM invoice_export ORDER BY created_at, id")
        return [dict(r) for r in rows]

    def resolve_export(self, eid: str, status: str, tripletex_id: int | None, reason: str | None) -> dict[str, Any]:
        current = self.export(eid)
        if current["status"] == "customer_ready":
            raise invalid("status", f"{eid} is already customer_ready")
        self.db.execute("UPDATE invoice_export SET status = ?, tripletex_customer_id = ?, reason = ? WHERE id = ?",
                        (status, tripletex_id, reason, eid))
        return self.export(eid)
