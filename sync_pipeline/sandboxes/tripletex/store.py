"""The sandbox company's data in SQLite: customers, suppliers, sessions, subscriptions and webhook deliveries."""

from __future__ import annotations

import json
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync_pipeline.sandboxes.db import SandboxDb
from sync_pipeline.sandboxes.tripletex import parties
from sync_pipeline.sandboxes.tripletex.errors import ApiError

SCHEMA = """
CREATE TABLE IF NOT EXISTS party (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    is_inactive INTEGER NOT NULL,
    number INTEGER,
    name TEXT,
    organization_number TEXT,
    email TEXT,
    invoice_email TEXT,
    phone_mobile TEXT,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS party_kind_id ON party(kind, is_inactive, id);
CREATE INDEX IF NOT EXISTS party_kind_changed ON party(kind, changed_at);
CREATE INDEX IF NOT EXISTS party_kind_number ON party(kind, number);
CREATE INDEX IF NOT EXISTS party_kind_orgnr ON party(kind, organization_number);
CREATE INDEX IF NOT EXISTS party_kind_inactive_changed ON party(kind, is_inactive, changed_at);
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subscription (
    id INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL, secret TEXT, auth_value TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS delivery (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL,
    object_id INTEGER NOT NULL,
    event TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL,
    last_error TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS delivery_due ON delivery(status, next_attempt_at);
"""
# Kept only in the home company's file (company 1, the one a fresh sandbox always had): sessions are not company
# data (one session serves every company its employee reaches), and neither is which companies that is.
HOME_SCHEMA = """
CREATE TABLE IF NOT EXISTS session (token TEXT PRIMARY KEY, expires_at REAL NOT NULL, consumer TEXT, employee TEXT);
CREATE TABLE IF NOT EXISTS employee_company (
    employee TEXT NOT NULL, company INTEGER NOT NULL, own INTEGER NOT NULL, PRIMARY KEY (employee, company)
);
"""
HOME_TABLES = ("session", "employee_company")

FILTER_COLUMNS = {  # query parameter → (column, exact?)
    "customerAccountNumber": ("number", True),
    "supplierNumber": ("number", True),
    "organizationNumber": ("organization_number", True),
    "email": ("email", True),
    "invoiceEmail": ("invoice_email", True),
    "customerName": ("name", False),
    "phoneNumberMobile": ("phone_mobile", True),
}
SORT_COLUMNS = {"id": "id", "name": "name", "customerNumber": "number", "supplierNumber": "number"}


def utc_now_text() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def parse_changed_since(value: str) -> str:
    """Tripletex takes a date or a date-time; naive values are read as UTC here (the sandbox's clock)."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ApiError(422, 21000, "Ugyldig parameter.", [("changedSince", f"Ugyldig dato: {value}")]) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.isoformat(timespec="microseconds")


class TripletexStore:
    Notify = Callable[[str, str, int, dict[str, Any] | None], None]

    def __init__(self, data_dir: str | Path | None, home: bool = True) -> None:
        self.db = SandboxDb(data_dir, "tripletex.sqlite", SCHEMA + (HOME_SCHEMA if home else ""))
        self.notify: TripletexStore.Notify = lambda kind, action, pid, obj: None
        # Offset paging over a million rows is quadratic; remembering where each page ended turns the next page
        # into a keyset seek. Any write clears it, so answers stay exactly what OFFSET would give.
        self._page_ends: OrderedDict[tuple, int] = OrderedDict()
        self._counts: dict[tuple, int] = {}

    # ---- counters -------------------------------------------------------------------------------------------
    def _next(self, con, name: str, first: int, step: int = 1) -> int:
        row = con.execute("SELECT value FROM counter WHERE name = ?", (name,)).fetchone()
        value = first if row is None else row[0]
        con.execute("INSERT OR REPLACE INTO counter VALUES (?, ?)", (name, value + step))
        return value

    def _invalidate(self) -> None:
        self._page_ends.clear()
        self._counts.clear()

    # ---- parties --------------------------------------------------------------------------------------------
    def _row(self, obj: dict[str, Any], kind: str, changed_at: str) -> tuple:
        return (
            obj["id"], kind, obj["version"], changed_at, int(obj["isInactive"]), obj[parties.NUMBER_FIELD[kind]],
            obj["name"], obj["organizationNumber"], obj["email"], obj["invoiceEmail"], obj["phoneNumberMobile"],
            json.dumps(obj, separators=(",", ":")),
        )

    def create(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        parties.validate(kind, body, creating=True)
        with self.db.transaction() as con:
            obj = self._build(con, kind, body)
            con.execute("INSERT INTO party VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self._row(obj, kind, utc_now_text()))
        self._invalidate()
        self.notify(kind, "create", obj["id"], obj)
        return obj

    def _build(self, con, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        number_field = parties.NUMBER_FIELD[kind]
        if body.get(number_field):
            number = body[number_field]
            clash = con.execute("SELECT 1 FROM party WHERE kind = ? AND number = ?", (kind, number)).fetchone()
            if clash:
                raise ApiError(409, 14000, f"Nummeret {number} er i bruk.", [(number_field, "Nummeret er i bruk.")])
            nxt = con.execute("SELECT value FROM counter WHERE name = ?", (f"{kind}_number",)).fetchone()
            if nxt is None or number >= nxt[0]:
                con.execute("INSERT OR REPLACE INTO counter VALUES (?, ?)", (f"{kind}_number", number + 1))
        else:
            number = self._next(con, f"{kind}_number", parties.FIRST_NUMBER[kind])
        pid = self._next(con, "party_id", 100_001)
        first = self._next(con, "address_id", 500_001, step=3)
        return parties.new_party(kind, pid, number, (first, first + 1, first + 2), body)

    def bulk_create(self, kind: str, bodies: Iterable[dict[str, Any]]) -> list[int]:
        """Seeding path: the same validation and objects as POST, one transaction, no webhooks."""
        now = utc_now_text()
        with self.db.transaction() as con:
            rows = []
            for body in bodies:
                parties.validate(kind, body, creating=True)
                rows.append(self._row(self._build(con, kind, body), kind, now))
            con.executemany("INSERT INTO party VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        self._invalidate()
        return [row[0] for row in rows]

    def get(self, kind: str, pid: int) -> dict[str, Any]:
        row = self.db.one("SELECT data FROM party WHERE kind = ? AND id = ?", (kind, pid))
        if row is None:
            raise ApiError(404, 6000, f"Object with id {pid} not found")
        return json.loads(row[0])

    def update(self, kind: str, pid: int, body: dict[str, Any]) -> dict[str, Any]:
        parties.validate(kind, body, creating=False)
        with self.db.transaction() as con:
            row = con.execute("SELECT data FROM party WHERE kind = ? AND id = ?", (kind, pid)).fetchone()
            if row is None:
                raise ApiError(404, 6000, f"Object with id {pid} not found")
            obj = json.loads(row[0])
            if body.get("version") is not None and body["version"] != obj["version"]:
                raise ApiError(
                    409, 8000,
                    f"RevisionException: object has version {obj['version']}, request had {body['version']}",
                )
            number_field = parties.NUMBER_FIELD[kind]
            if body.get(number_field) and body[number_field] != obj[number_field]:
                clash = con.execute("SELECT 1 FROM party WHERE kind = ? AND number = ? AND id <> ?",
                                    (kind, body[number_field], pid)).fetchone()
                if clash:
                    raise ApiError(409, 14000, f"Nummeret {body[number_field]} er i bruk.",
                                   [(number_field, "Nummeret er i bruk.")])
            changed = parties.apply_update(obj, body, lambda: self._next(con, "address_id", 500_001))
            if not changed:
                return obj
            obj["version"] += 1
            con.execute("REPLACE INTO party VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", self._row(obj, kind, utc_now_text()))
        self._invalidate()
        self.notify(kind, "update", pid, obj)
        return obj

    def delete(self, kind: str, pid: int) -> None:
        cur = self.db.execute("DELETE FROM party WHERE kind = ? AND id = ?", (kind, pid))
        if cur.rowcount == 0:
            raise ApiError(404, 6000, f"Object with id {pid} not found")
        self._invalidate()
        self.notify(kind, "delete", pid, None)

    def _where(self, kind: str, params: dict[str, str]) -> tuple[list[str], list[Any]]:
        where = ["kind = ?"]
        args: list[Any] = [kind]
        inactive = params.get("isInactive", "false").lower()
        if inactive in ("true", "false"):
            where.append("is_inactive = ?")
            args.append(int(inactive == "true"))
        if params.get("id"):
            try:
                ids = [int(x) for x in params["id"].split(",") if x.strip()]
            except ValueError:
                raise ApiError(422, 21000, "Ugyldig parameter.", [("id", "Ugyldig id-liste")]) from None
            where.append(f"id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        for param, (column, exact) in FILTER_COLUMNS.items():
            value = params.get(param)
            if not value:
                continue
            if column == "number":
                try:
                    value = int(value)
                except ValueError:
                    raise ApiError(422, 21000, "Ugyldig parameter.", [(param, "Må være et tall")]) from None
            if exact:
                where.append(f"{column} = ?")
                args.append(value)
            else:
                where.append(f"{column} LIKE ?")
                args.append(f"%{value}%")
        if params.get("changedSince"):
            where.append("changed_at >= ?")
            args.append(parse_changed_since(params["changedSince"]))
        return where, args

    def list(self, kind: str, params: dict[str, str], start: int, count: int) -> tuple[list[Any], int]:
        """One page in the order Tripletex would give, as (id, version, raw JSON) rows, and the (approximate) full
        size. The version comes apart from the JSON so that a version digest needs no parsing."""
        where, args = self._where(kind, params)
        sorting = params.get("sorting") or "id"
        descending = sorting.startswith("-")
        column = SORT_COLUMNS.get(sorting.lstrip("-"))
        if column is None:
            raise ApiError(400, 11000, f"Illegal sorting field: {sorting}")
        order = f"{column} {'DESC' if descending else 'ASC'}, id {'DESC' if descending else 'ASC'}"
        signature = (kind, tuple(where), tuple(args), sorting)

        with self.db.lock:
            seek_after = self._page_ends.get((signature, start)) if column == "id" and not descending else None
            if seek_after is not None:
                rows = self.db.query(
                    f"SELECT id, version, data FROM party WHERE {' AND '.join(where)} AND id > ? "
                    f"ORDER BY {order} LIMIT ?",
                    [*args, seek_after, count],
                )
            else:
                rows = self.db.query(
                    f"SELECT id, version, data FROM party WHERE {' AND '.join(where)} ORDER BY {order} "
                    "LIMIT ? OFFSET ?",
                    [*args, count, start],
                )
            if rows:
                self._page_ends[(signature, start + len(rows))] = rows[-1][0]
                while len(self._page_ends) > 2000:
                    self._page_ends.popitem(last=False)
            total = self._counts.get(signature)
            if total is None:
                total = self.db.one(f"SELECT count(*) FROM party WHERE {' AND '.join(where)}", args)[0]
                self._counts[signature] = total
        return rows, total

    def counts(self) -> dict[str, int]:
        rows = self.db.query("SELECT kind, count(*) FROM party GROUP BY kind")
        found = {kind: 0 for kind in parties.KINDS}
        found.update({r[0]: r[1] for r in rows})
        return found

    # ---- sessions -------------------------------------------------------------------------------------------
    def create_session(self, consumer: str, employee: str, expires_at: float) -> str:
        token = "eyJ0b2tlbklkIjo" + secrets.token_urlsafe(24)
        self.db.execute("INSERT INTO session VALUES (?, ?, ?, ?)", (token, expires_at, consumer, employee))
        return token

    def session_employee(self, token: str) -> str | None:
        """The employee token a live session was created from; None for an unknown or expired session."""
        row = self.db.one("SELECT expires_at, employee FROM session WHERE token = ?", (token,))
        return row[1] if row is not None and row[0] > time.time() else None

    def expire_sessions(self) -> int:
        return self.db.execute("UPDATE session SET expires_at = 0").rowcount
