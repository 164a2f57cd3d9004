"""Applying the outbox: one write per intent, idempotent, never over a newer change, nothing dropped.

- Base advances only after the write is confirmed, so a failed or unknown write is simply planned again.
- A 409 (Tripletex revision) or 412 (Telaris If-Match) means the record moved on: the intent is superseded and the
  next cycle recomputes from fresh data instead of overwriting.
- Data the other side refuses (422, an invalid organisation number, a language Tripletex lacks) is parked with
  its reason and retried on later runs, up to the policy's attempt limit; transport trouble stays pending.
- Creates look the record up first, so a run that crashed after creating links instead of creating twice;
  Telaris creates carry the intent id as Idempotency-Key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

import duckdb
import pyarrow as pa

from sync_pipeline.clients.errors import ApiError, Conflict, ValidationFailed
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import ADDRESS_FIELDS, Kind, System
from sync_pipeline.domain.mapping import (
    canonical_from_tripletex,
    telaris_patch,
    tripletex_payload,
)
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.warehouse.store import Warehouse, party_table

FLUSH_EVERY = 500
AUDIT_SCHEMA = pa.schema([("intent_id", pa.string()), ("direction", pa.string()), ("kind", pa.string()),
                          ("telaris_id", pa.string()), ("tripletex_id", pa.int64()), ("field", pa.string()),
                          ("old_value", pa.string()), ("new_value", pa.string()), ("run_id", pa.string()),
                          ("written_at", pa.timestamp("us", tz="UTC"))])
RECORD_SCHEMA = pa.schema([("intent_id", pa.string()), ("status", pa.string()), ("detail", pa.string()),
                           ("at", pa.timestamp("us", tz="UTC")), ("tripletex_id", pa.int64()),
                           ("telaris_id", pa.string())])


class Park(Exception):
    """The intent cannot be written as it stands; the reason is shown to an operator."""


@dataclass
class Outcome:
    intent_id: str
    kind: str
    direction: str
    action: str
    telaris_id: str | None
    tripletex_id: int | None
    status: str  # done | parked | superseded | pending (failed, retried later) | dry_run
    detail: str = ""
    request: dict[str, Any] | None = None


@dataclass
class ApplyResult:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class Applier:
    def __init__(self, con: duckdb.DuckDBPyConnection, telaris: TelarisClient, tripletex: TripletexClient,
                 policy: SyncPolicy, run_id: str, dry_run: bool = False) -> None:
        self.con = con
        self.telaris = telaris
        self.tripletex = tripletex
        self.policy = policy
        self.run_id = run_id
        self.dry_run = dry_run
        self._records: list[tuple] = []
        self._base_rows: list[tuple] = []
        self._audit_rows: list[tuple] = []
        self._own_versions: list[tuple[str, str, int]] = []  # (table, record_id, version we wrote)

    @cached_property
    def currency_ids(self) -> dict[str, int]:
        return {code: cid for cid, code in self.tripletex.currency_codes().items()}

    @cached_property
    def country_ids(self) -> dict[str, int]:
        return {code: cid for cid, code in self.tripletex.country_codes().items()}

    @cached_property
    def _codes(self) -> tuple[dict[int, str], dict[int, str]]:
        return ({v: k for k, v in self.currency_ids.items()}, {v: k for k, v in self.country_ids.items()})

    # ---- the loop -------------------------------------------------------------------------------------------
    def due(self) -> Iterator[dict[str, Any]]:
        rows = self.con.execute("""
            SELECT * FROM outbox
            WHERE status = 'pending'
               OR (status = 'parked' AND attempts < ? AND last_error NOT LIKE 'ambiguous%'
                   -- parked intents back off: the same refusal is not asked again on every five-minute cycle
                   AND updated_at + to_seconds(CAST(? * 60 * pow(2, greatest(attempts - 1, 0)) AS BIGINT)) <= ?)
            ORDER BY created_at, intent_id
        """, [self.policy.max_attempts, self.policy.parked_retry_minutes, _now()]).fetchall()
        names = [d[0] for d in self.con.description]
        for row in rows:
            intent = dict(zip(names, row, strict=True))
            intent["fields"] = json.loads(intent["fields"])
            yield intent

    def run(self) -> ApplyResult:
        result = ApplyResult()
        try:
            for intent in self.due():
                result.outcomes.append(self.apply(intent))
                if len(self._records) >= FLUSH_EVERY:
                    self.flush()
        finally:
            self.flush()
        return result

    def flush(self) -> None:
        """Write the bookkeeping of confirmed writes (outcomes, base, audit) as set operations.

        Per-intent UPDATEs cost milliseconds each on a large base table; batching keeps an apply run proportional
        to its HTTP calls. Bookkeeping lost in a crash is safe: the unchanged base re-plans the same patches, whose
        stale versions are refused (409/412) and then recompute to agreement."""
        now = _now()
        if self._base_rows:
            batch = pa.table(list(zip(*self._base_rows, strict=True)), names=["kind", "telaris_id", "field", "value"])
            self.con.register("base_batch", batch)
            for name in sorted(set(batch.column("field").to_pylist())):
                self.con.execute(f"""UPDATE base SET {name} = b.value, agreed_at = ?, fields_hash = NULL
                                     FROM base_batch b
                                     WHERE b.field = '{name}' AND base.kind = b.kind
                                       AND base.telaris_id = b.telaris_id""", [now]).fetchall()
            self.con.unregister("base_batch")
            Warehouse.rehash(self.con, "base")
            self._base_rows.clear()
        if self._own_versions:
            # A version we wrote ourselves is no change by the other side: the warehouse learns it now, so the
            # next extraction keeps the record's earlier change time and "latest wins" is not decided by our echo.
            for table in sorted({t for t, _, _ in self._own_versions}):
                rows = [(rid, version) for t, rid, version in self._own_versions if t == table]
                self.con.register("own_batch", pa.table(list(zip(*rows, strict=True)), names=["record_id", "version"]))
                self.con.execute(f"UPDATE {table} SET version = b.version FROM own_batch b "
                                 f"WHERE {table}.record_id = b.record_id").fetchall()
                self.con.unregister("own_batch")
            self._own_versions.clear()
        if self._audit_rows:
            self.con.register("audit_batch", pa.table(list(zip(*self._audit_rows, strict=True)),
                                                      schema=AUDIT_SCHEMA))
            self.con.execute("INSERT INTO audit SELECT * FROM audit_batch").fetchall()
            self.con.unregister("audit_batch")
            self._audit_rows.clear()
        if self._records:
            self.con.register("record_batch", pa.table(list(zip(*self._records, strict=True)),
                                                       schema=RECORD_SCHEMA))
            self.con.execute("""
                UPDATE outbox SET status = r.status, attempts = attempts + 1, last_error = r.detail,
                                  updated_at = r.at, tripletex_id = coalesce(r.tripletex_id, outbox.tripletex_id),
                                  telaris_id = coalesce(r.telaris_id, outbox.telaris_id)
                FROM record_batch r WHERE outbox.intent_id = r.intent_id
            """).fetchall()
            self.con.unregister("record_batch")
            self._records.clear()

    def apply(self, intent: dict[str, Any]) -> Outcome:
        outcome = Outcome(intent["intent_id"], intent["kind"], intent["direction"], intent["action"],
                          intent["telaris_id"], intent["tripletex_id"], status="done")
        handler = getattr(self, f"_{intent['action']}_{intent['direction']}")
        try:
            outcome.request = handler(intent, Kind(intent["kind"]))
            if self.dry_run:
                outcome.status = "dry_run"
                return outcome
        except Park as exc:
            outcome.status, outcome.detail = "parked", str(exc)
        except ValidationFailed as exc:
            outcome.status, outcome.detail = "parked", exc.describe()
        except Conflict as exc:
            outcome.status, outcome.detail = "superseded", exc.describe()
        except ApiError as exc:
            outcome.status, outcome.detail = "pending", exc.describe()
        if not self.dry_run:
            self._record(intent, outcome)
        return outcome

    def _record(self, intent: dict[str, Any], outcome: Outcome) -> None:
        self._records.append((intent["intent_id"], outcome.status, outcome.detail or None, _now(),
                              outcome.tripletex_id, outcome.telaris_id))

    # ---- updates --------------------------------------------------------------------------------------------
    def _check_sendable(self, fields: dict[str, Any]) -> None:
        """Creates go whole or not at all: any field the target cannot take parks the intent."""
        problems = self._unsendable(fields, "to_telaris")
        if problems:
            raise Park("; ".join(problems.values()))

    def tripletex_body(self, fields: dict[str, Any], kind: Kind, address_id: int | None = None,
                        version: int | None = None) -> dict[str, Any]:
        self._check_sendable(fields)
        try:
            return tripletex_payload(fields, kind, self.currency_ids, self.country_ids, address_id, version)
        except normalise.UnsupportedValue as exc:
            raise Park(str(exc)) from None
        except KeyError as exc:
            raise Park(f"no Tripletex id for code {exc}") from None

    def _unsendable(self, fields: dict[str, Any], direction: str) -> dict[str, str]:
        """Fields the target cannot take as they are, with the reason: they are parked, the others still go."""
        problems = {}
        org = fields.get("organisation_number")
        if org and (problem := normalise.organisation_number_problem(org, fields.get("country") or "NO")):
            problems["organisation_number"] = problem
        if direction == "to_tripletex":
            try:
                normalise.language_to_tripletex(fields.get("language"))
            except normalise.UnsupportedValue as exc:
                problems["language"] = str(exc)
            for name, known in (("currency", self.currency_ids), ("country", self.country_ids)):
                if fields.get(name) and fields[name] not in known:
                    problems[name] = f"{name} {fields[name]!r} is not known to Tripletex"
        return problems

    def _sendable(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        """The intent's fields that can be written; the rest are parked in an intent of their own right away."""
        fields = intent["fields"]
        problems = self._unsendable(fields, intent["direction"])
        if not problems:
            return fields
        if len(problems) == len(fields):
            raise Park("; ".join(problems.values()))
        if not self.dry_run:
            residual = {name: fields[name] for name in problems}
            self.con.execute("""
                INSERT INTO outbox SELECT md5(? || '|unsendable'), direction, action, kind, telaris_id, tripletex_id,
                       ?, target_version, address_id, reason, 'parked', 1, ?, ?, ?
                FROM outbox WHERE intent_id = ?
                ON CONFLICT (intent_id) DO UPDATE SET status = 'parked', attempts = outbox.attempts + 1
            """, [intent["intent_id"], json.dumps(residual), "; ".join(problems.values()), _now(), _now(),
                  intent["intent_id"]])
        return {name: value for name, value in fields.items() if name not in problems}

    def _update_to_tripletex(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = self._sendable(intent, kind)
        address_id = intent["address_id"] if _changes_address(fields) else None
        body = self.tripletex_body(fields, kind, address_id, intent["target_version"])
        request = {"method": "PUT", "path": f"/{kind.value}/{intent['tripletex_id']}", "body": body}
        if not self.dry_run:
            old = self._current(System.TRIPLETEX, kind, "tripletex_id", intent["tripletex_id"], fields)
            written = self.tripletex.update(kind, intent["tripletex_id"], body)
            self._own_versions.append((party_table(System.TRIPLETEX, kind), str(intent["tripletex_id"]),
                                       written["version"]))
            self._agreed(intent, kind, fields, old)
        return request

    def _update_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = self._sendable(intent, kind)
        patch = telaris_patch(fields)
        request = {"method": "PATCH", "path": f"/api/v1/{kind.value}s/{intent['telaris_id']}", "body": patch,
                   "if_match": intent["target_version"]}
        if not self.dry_run:
            old = self._current(System.TELARIS, kind, "record_id", intent["telaris_id"], fields)
            written = self.telaris.patch(kind, intent["telaris_id"], patch, intent["target_version"])
            self._own_versions.append((party_table(System.TELARIS, kind), intent["telaris_id"], written["version"]))
            self._agreed(intent, kind, fields, old)
        return request

    def _current(self, system: System, kind: Kind, key: str, value: Any, fields: dict[str, Any]) -> dict[str, Any]:
        columns = ", ".join(fields)
        rows = self.con.execute(f"SELECT {columns} FROM {party_table(system, kind)} WHERE {key} = ?",
                                [value]).fetchall()
        row = rows[0] if rows else None
        return dict(zip(fields, row or [None] * len(fields), strict=True))

    def _agreed(self, intent: dict[str, Any], kind: Kind, fields: dict[str, Any], old: dict[str, Any]) -> None:
        """The write is confirmed: base takes the new values and every changed field is audited."""
        self._base_rows.extend((kind.value, intent["telaris_id"], name, value) for name, value in fields.items())
        self._audit(intent, kind, {name: (old.get(name), value) for name, value in fields.items()})

    def _audit(self, intent: dict[str, Any], kind: Kind, changes: dict[str, tuple[Any, Any]],
               telaris_id: str | None = None, tripletex_id: int | None = None) -> None:
        now = _now()
        self._audit_rows.extend(
            (intent["intent_id"], intent["direction"], kind.value, telaris_id or intent["telaris_id"],
             tripletex_id or intent["tripletex_id"], name, None if old is None else str(old),
             None if new is None else str(new), self.run_id, now)
            for name, (old, new) in changes.items()
        )

    # ---- links and creates ----------------------------------------------------------------------------------
    def _link_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        request = {"method": "PATCH", "path": f"/api/v1/{kind.value}s/{intent['telaris_id']}",
                   "body": {"tripletex_id": intent["tripletex_id"]}, "if_match": intent["target_version"]}
        if not self.dry_run:
            self.write_link(kind, intent["telaris_id"], intent["tripletex_id"], intent["target_version"],
                            intent["reason"].removeprefix("matched_by_"))
            self._audit(intent, kind, {"tripletex_id": (None, intent["tripletex_id"])})
        return request

    def _create_to_tripletex(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = {k: v for k, v in intent["fields"].items() if v is not None}
        body = self.tripletex_body(fields, kind)
        if self.dry_run:
            return {"method": "POST", "path": f"/{kind.value}", "body": body}
        tripletex_id, how = self.ensure_in_tripletex(kind, fields, body)
        self.write_link(kind, intent["telaris_id"], tripletex_id, intent["target_version"], how)
        self._audit(intent, kind, {"tripletex_id": (None, tripletex_id)}, tripletex_id=tripletex_id)
        return {"method": "POST" if how == "created_in_tripletex" else "LINK", "path": f"/{kind.value}",
                "body": body, "tripletex_id": tripletex_id}

    def _create_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = {k: v for k, v in intent["fields"].items() if v is not None}
        self._check_sendable(fields)
        body = {**telaris_patch(fields), "tripletex_id": intent["tripletex_id"]}
        request = {"method": "POST", "path": f"/api/v1/{kind.value}s", "body": body,
                   "idempotency_key": intent["intent_id"]}
        if not self.dry_run:
            created = self.telaris.create(kind, body, idempotency_key=intent["intent_id"])
            self._insert_link(kind, created["id"], intent["tripletex_id"], "created_in_telaris")
            intent["telaris_id"] = created["id"]
            self._audit(intent, kind, {name: (None, value) for name, value in fields.items()},
                        telaris_id=created["id"])
        return request

    def ensure_in_tripletex(self, kind: Kind, fields: dict[str, Any], body: dict[str, Any]) -> tuple[int, str]:
        """The Tripletex record for these canonical values: found by organisation number, then number, or created.
        Finding it first is what keeps a retried create from making a duplicate."""
        org = fields.get("organisation_number")
        number_filter = "supplierNumber" if kind is Kind.SUPPLIER else "customerAccountNumber"
        for filter_name, value, how in (("organizationNumber", org, "organisation_number"),
                                        (number_filter, fields.get("number"), "number")):
            if not value:
                continue
            found = [self.canonical_tripletex(kind, r) for r in self.tripletex.search(kind, **{filter_name: value})]
            # a number match with a different organisation number is another company: never link to it
            found = [r for r in found if not self._linked_elsewhere(kind, r["tripletex_id"])
                     and (how == "organisation_number" or r["organisation_number"] in (None, org))]
            if len(found) == 1:
                return found[0]["tripletex_id"], how
            if len(found) > 1:
                raise Park(f"ambiguous: {len(found)} Tripletex {kind.value}s have {how} {value}")
        created = self.tripletex.create(kind, body)
        return created["id"], "created_in_tripletex"

    def _linked_elsewhere(self, kind: Kind, tripletex_id: int) -> bool:
        return self.con.execute("SELECT count(*) FROM links WHERE kind = ? AND tripletex_id = ?",
                                [kind.value, tripletex_id]).fetchall()[0][0] > 0

    def write_link(self, kind: Kind, telaris_id: str, tripletex_id: int, version: int | None, how: str) -> None:
        """Set the integration reference on the Telaris record, then record the link. A record that moved on is
        re-read: only a reference that is still empty (or already ours) is written."""
        try:
            self.telaris.patch(kind, telaris_id, {"tripletex_id": tripletex_id}, version or 0)
        except Conflict:
            current = self.telaris.get(kind, telaris_id)
            if current["tripletex_id"] not in (None, tripletex_id):
                raise Park(f"{telaris_id} was linked to Tripletex {current['tripletex_id']} meanwhile") from None
            if current["tripletex_id"] is None:
                self.telaris.patch(kind, telaris_id, {"tripletex_id": tripletex_id}, current["version"])
        self._insert_link(kind, telaris_id, tripletex_id, how)

    def _insert_link(self, kind: Kind, telaris_id: str, tripletex_id: int, how: str) -> None:
        self.con.execute("""
            INSERT INTO links VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, telaris_id) DO UPDATE SET tripletex_id = excluded.tripletex_id,
                linked_by = excluded.linked_by, linked_at = excluded.linked_at
        """, [kind.value, telaris_id, tripletex_id, how, _now()])

    def canonical_tripletex(self, kind: Kind, record: dict[str, Any]) -> dict[str, Any]:
        currencies, countries = self._codes
        return canonical_from_tripletex(record, kind, currencies, countries)


def _changes_address(fields: dict[str, Any]) -> bool:
    return any(name in ADDRESS_FIELDS for name in fields)


def _now() -> datetime:
    return datetime.now(UTC)
