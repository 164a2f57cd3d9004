"""Making a Telaris record's counterpart exist in Tripletex exactly once.

Tripletex creates carry no idempotency key, so a create whose answer is lost (a dropped connection, a timeout, a
5xx) may or may not have happened. It is never sent again blindly:
1. the record is looked up first — by organisation number, then by number (never a number match whose organisation
   number differs: that is another company);
2. every attempt is written down (`create_attempts`) and committed *before* the request goes out, so even a process
   killed mid-request leaves a mark; while an attempt's outcome is unknown, records created since then whose values
   equal what we sent are taken to be ours; once it is known, the id is written down at once, so a process killed
   after the answer (before the link and the outbox are written) leaves the record to be linked, not made again;
3. if the lookup itself fails, the outcome cannot be known and the intent is parked as "create outcome unknown";
   only when the lookup found nothing is the record created again, on a later run.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from sync_pipeline.clients.errors import ApiError, NotFound, OutcomeUnknown, ServerError
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.engine.outcome import Park, StayPending
from sync_pipeline.engine.sendable import Sendability
from sync_pipeline.warehouse.transaction import in_transaction


class UncommittedAttempt(RuntimeError):
    """A Tripletex create asked for inside a transaction: exactly-once needs the attempt committed first."""


# Tripletex's clock and ours may differ a little; a lookup of "created since the attempt" starts this much earlier.
CLOCK_SLACK = timedelta(minutes=2)


class TripletexMatcher:
    def __init__(self, con: duckdb.DuckDBPyConnection, tripletex: TripletexClient, sendable: Sendability) -> None:
        self.con = con
        self.tripletex = tripletex
        self.sendable = sendable

    def ensure(self, kind: Kind, telaris_id: str, fields: dict[str, Any],
               body: dict[str, Any]) -> tuple[int, str, dict[str, Any] | None]:
        """(Tripletex id, how it was found or made, the created record when we made it)."""
        found = self.find(kind, fields)
        if found is not None:
            return found[0], found[1], None
        if (earlier := self._earlier_create(kind, telaris_id)) is not None:
            return earlier, "created_in_tripletex", None
        unsure_since = self._unsure_attempt(kind, telaris_id)
        if unsure_since is not None and (own := self.find_own_create(kind, fields, unsure_since)) is not None:
            self._settle(kind, telaris_id, "found", own)
            return own, "created_in_tripletex", None
        attempted_at = datetime.now(UTC)
        self._write_attempt(kind, telaris_id, attempted_at)
        try:
            created = self.tripletex.create(kind, body)
        except (OutcomeUnknown, ServerError) as exc:
            return self._after_lost_answer(kind, telaris_id, fields, attempted_at, exc)
        except ApiError:
            self._forget_attempt(kind, telaris_id)  # refused outright: nothing was created
            raise
        self._settle(kind, telaris_id, "created", created["id"])
        return created["id"], "created_in_tripletex", created

    def find(self, kind: Kind, fields: dict[str, Any]) -> tuple[int, str] | None:
        org = fields.get("organisation_number")
        number_filter = "supplierNumber" if kind is Kind.SUPPLIER else "customerAccountNumber"
        for filter_name, value, how in (("organizationNumber", org, "organisation_number"),
                                        (number_filter, fields.get("number"), "number")):
            if not value:
                continue
            found = [self.sendable.canonical_tripletex(kind, r)
                     for r in self.tripletex.search(kind, **{filter_name: value})]
            found = [r for r in found if not self.linked_elsewhere(kind, r["tripletex_id"])
                     and (how == "organisation_number" or r["organisation_number"] in (None, org))]
            if len(found) == 1:
                return found[0]["tripletex_id"], how
            if len(found) > 1:
                raise Park(f"ambiguous: {len(found)} Tripletex {kind.value}s have {how} {value}")
        return None

    def find_own_create(self, kind: Kind, fields: dict[str, Any], since: datetime) -> int | None:
        """A record created since `since` holding exactly the values we sent (the number only if we sent one)."""
        changed = self.tripletex.search(kind, changedSince=(since - CLOCK_SLACK).astimezone(UTC)
                                        .replace(tzinfo=None).isoformat(timespec="seconds"))
        ours = [record for record in (self.sendable.canonical_tripletex(kind, r) for r in changed)
                if all(record.get(name) == value for name, value in fields.items() if value is not None)
                and not self.linked_elsewhere(kind, record["tripletex_id"])]
        if len(ours) > 1:
            raise Park(f"create outcome unknown: {len(ours)} Tripletex {kind.value}s created since "
                       f"{since:%Y-%m-%d %H:%M} hold exactly these values; link the right one by hand")
        return ours[0]["tripletex_id"] if ours else None

    def linked_elsewhere(self, kind: Kind, tripletex_id: int) -> bool:
        return self.con.execute("SELECT count(*) FROM links WHERE kind = ? AND tripletex_id = ?",
                                [kind.value, tripletex_id]).fetchall()[0][0] > 0

    # ---- the attempt log --------------------------------------------------------------------------------------
    def _after_lost_answer(self, kind: Kind, telaris_id: str, fields: dict[str, Any], attempted_at: datetime,
                           exc: ApiError) -> tuple[int, str, None]:
        try:
            found = self.find(kind, fields)
            own = found[0] if found else self.find_own_create(kind, fields, attempted_at)
        except ApiError as lookup:
            self._settle(kind, telaris_id, "unknown", None)
            raise Park(f"create outcome unknown: {exc.describe()}; the lookup that would tell failed too "
                       f"({lookup.describe()}); it is looked up again before any new attempt") from None
        if own is not None:
            self._settle(kind, telaris_id, "found", own)
            return own, "created_in_tripletex", None
        self._settle(kind, telaris_id, "unknown", None)
        raise StayPending(f"create not confirmed: {exc.describe()}; not found in Tripletex afterwards, so it is "
                          "looked up again and only then created on the next run")

    def _earlier_create(self, kind: Kind, telaris_id: str) -> int | None:
        """The record an earlier run created (or found) for this one and then died before its bookkeeping (killed
        between the create's answer and the link): it is ours, whatever was edited in it since."""
        rows = self.con.execute("""SELECT tripletex_id FROM create_attempts
                                   WHERE kind = ? AND telaris_id = ? AND outcome IN ('created', 'found')
                                     AND tripletex_id IS NOT NULL""", [kind.value, telaris_id]).fetchall()
        if not rows or self.linked_elsewhere(kind, rows[0][0]):
            return None
        try:
            self.tripletex.get(kind, rows[0][0])
        except NotFound:  # deleted in Tripletex since: a new one is wanted
            return None
        return rows[0][0]

    def _unsure_attempt(self, kind: Kind, telaris_id: str) -> datetime | None:
        row = self.con.execute("""SELECT attempted_at FROM create_attempts
                                  WHERE kind = ? AND telaris_id = ? AND outcome IN ('sending', 'unknown')""",
                               [kind.value, telaris_id]).fetchall()
        return row[0][0] if row else None

    def _write_attempt(self, kind: Kind, telaris_id: str, at: datetime) -> None:
        """Committed before the request is sent (the connection autocommits): a crash mid-request leaves it. Inside
        a caller's transaction it would not be, and a crash would forget a create that happened: refused."""
        if in_transaction(self.con):
            raise UncommittedAttempt(
                f"refusing to create Tripletex {kind.value} for Telaris {telaris_id}: the DuckDB connection is inside "
                "a transaction, so the create attempt would not be committed before the request; run the applier "
                "on an autocommitting connection (outside BEGIN … COMMIT)")
        self.con.execute("""
            INSERT INTO create_attempts (kind, telaris_id, attempted_at, outcome) VALUES (?, ?, ?, 'sending')
            ON CONFLICT (kind, telaris_id) DO UPDATE
            SET attempted_at = CASE WHEN create_attempts.outcome IN ('sending', 'unknown')
                                    THEN least(create_attempts.attempted_at, excluded.attempted_at)
                                    ELSE excluded.attempted_at END,
                outcome = 'sending', tripletex_id = NULL
        """, [kind.value, telaris_id, at]).fetchall()

    def _settle(self, kind: Kind, telaris_id: str, outcome: str, tripletex_id: int | None) -> None:
        self.con.execute("UPDATE create_attempts SET outcome = ?, tripletex_id = ? WHERE kind = ? AND telaris_id = ?",
                         [outcome, tripletex_id, kind.value, telaris_id]).fetchall()

    def _forget_attempt(self, kind: Kind, telaris_id: str) -> None:
        self.con.execute("DELETE FROM create_attempts WHERE kind = ? AND telaris_id = ? AND outcome = 'sending'",
                         [kind.value, telaris_id]).fetchall()
