"""Applying the outbox: one write per intent, idempotent, never over a newer change, nothing dropped.

- Every (action, direction) has one handler, named in `Applier.handlers`.
- Base and the target's snapshot advance only after the write is confirmed (engine.ledger), so a failed or unknown
  write is simply planned again, and a plan computed before the next extraction cannot undo our own write.
- A 409 with Tripletex's revision code or a Telaris 412 means the record moved on: the intent is superseded and the
  next cycle recomputes from fresh data instead of overwriting. A 409 for a number another record holds is parked.
- Data the other side refuses (422, an invalid organisation number, a language Tripletex lacks) is parked with its
  reason; only the fields that cannot be written are parked, the others are sent. Transport trouble stays pending.
- Creates in Tripletex go through engine.matcher (looked up first, never sent twice after a lost answer); Telaris
  creates carry the intent id as Idempotency-Key; links are written by engine.links.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import duckdb

from sync_pipeline.clients.errors import (
    ApiError,
    Conflict,
    DuplicateValue,
    NotFound,
    ServerError,
    TransportError,
    ValidationFailed,
)
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import ADDRESS_FIELDS, Kind, System
from sync_pipeline.domain.mapping import canonical_from_telaris, telaris_patch
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.engine import gate
from sync_pipeline.engine.ledger import Ledger, now
from sync_pipeline.engine.links import LinkWriter, first_base
from sync_pipeline.engine.matcher import TripletexMatcher
from sync_pipeline.engine.outcome import ApplyResult, Held, Outcome, Park, StayPending
from sync_pipeline.engine.plan import update_intent_id, waits_for_gone_record
from sync_pipeline.engine.sendable import Sendability
from sync_pipeline.warehouse.store import Warehouse

FLUSH_EVERY = 500
# An update's answer that leaves its outcome unknown: it may have been carried out (the answer was lost and the retry
# met our own new version, or the server failed after committing). The target is read back at once (`_landed`).
AMBIGUOUS = (Conflict, ServerError, TransportError)
# How each system names a canonical field in its 422 answers (full path or last part).
TRIPLETEX_FIELD_NAMES = {"name": "name", "customerNumber": "number", "supplierNumber": "number",
                         "organizationNumber": "organisation_number", "email": "email", "invoiceEmail": "invoice_email",
                         "phoneNumber": "phone", "addressLine1": "address_line1", "addressLine2": "address_line2",
                         "postalCode": "postal_code", "city": "city", "country.id": "country", "country": "country",
                         "currency.id": "currency", "currency": "currency", "language": "language"}
TELARIS_FIELD_NAMES = {"name": "name", "number": "number", "organisation_number": "organisation_number",
                       "email": "email", "invoice_email": "invoice_email", "phone": "phone", "line1": "address_line1",
                       "line2": "address_line2", "postal_code": "postal_code", "city": "city", "country": "country",
                       "currency": "currency", "language": "language"}
Handler = Callable[[dict[str, Any], Kind], dict[str, Any]]

__all__ = ["Applier", "ApplyResult", "Outcome", "Park"]


class Applier:
    def __init__(self, con: duckdb.DuckDBPyConnection, telaris: TelarisClient, tripletex: TripletexClient,
                 policy: SyncPolicy, run_id: str, dry_run: bool = False) -> None:
        self.con = con
        # kind -> why nothing of it may be written yet: read here, from the connection written to, so no caller can
        # forget it; only a recorded waiver (or SYNC_INITIAL_LINKING=waived) opens a kind without a linking
        self.closed = gate.closed_kinds(con)
        self.telaris = telaris
        self.tripletex = tripletex
        self.policy = policy
        self.run_id = run_id
        self.dry_run = dry_run
        self.ledger = Ledger(con, run_id)
        self.sendable = Sendability(tripletex)
        self.matcher = TripletexMatcher(con, tripletex, self.sendable)
        self.links = LinkWriter(con, telaris, self.ledger, self.sendable)
        self.handlers: dict[tuple[str, str], Handler] = {
            ("update", "to_tripletex"): self._update_to_tripletex,
            ("update", "to_telaris"): self._update_to_telaris,
            ("create", "to_tripletex"): self._create_to_tripletex,
            ("create", "to_telaris"): self._create_to_telaris,
            ("link", "to_telaris"): self._link_to_telaris,
        }

    # ---- the loop -------------------------------------------------------------------------------------------
    def due(self) -> Iterator[dict[str, Any]]:
        rows = self.con.execute(f"""
            SELECT * FROM outbox
            WHERE status = 'pending'
               OR (status = 'parked' AND attempts < ? AND last_error NOT LIKE 'ambiguous%'
                   -- parked intents back off: the same refusal is not asked again on every five-minute cycle
                   AND updated_at + to_seconds(CAST(? * 60 * pow(2, greatest(attempts - 1, 0)) AS BIGINT)) <= ?
                   -- a record that is gone answers 404 however often it is asked
                   AND NOT {waits_for_gone_record("outbox")})
            ORDER BY created_at, intent_id
        """, [self.policy.max_attempts, self.policy.parked_retry_minutes, now()]).fetchall()
        names = [d[0] for d in self.con.description]
        for row in rows:
            intent = dict(zip(names, row, strict=True))
            intent["fields"] = json.loads(intent["fields"])
            yield intent

    def run(self) -> ApplyResult:
        result = ApplyResult()
        intents = list(self.due())
        self._mark_in_flight(intents)
        try:
            for intent in intents:
                result.outcomes.append(self.apply(intent))
                if len(self.ledger) >= FLUSH_EVERY:
                    self.flush()
        finally:
            self.flush()
        return result

    def flush(self) -> None:
        self.ledger.flush()

    def _mark_in_flight(self, intents: list[dict[str, Any]]) -> None:
        """Before any is sent: the updates about to go are marked, in one statement, so a process killed after a
        write landed leaves its intent marked. Only a marked intent can be confirmed later by reading the target
        (engine.echoes); an outcome the target answered clears the mark (Ledger.outcome)."""
        ids = [i["intent_id"] for i in intents if i["action"] == "update" and i["kind"] not in self.closed]
        if self.dry_run or not ids:
            return
        self.con.execute("UPDATE outbox SET in_flight = true WHERE intent_id IN (SELECT unnest(?::VARCHAR[]))",
                         [ids]).fetchall()

    def apply(self, intent: dict[str, Any]) -> Outcome:
        status, detail, request, in_flight = "done", "", None, False
        handler = self.handlers[(intent["action"], intent["direction"])]
        try:
            self.require_open(Kind(intent["kind"]))
            request = handler(intent, Kind(intent["kind"]))
            if self.dry_run:
                status = "dry_run"
        except Held as exc:  # stays pending, untouched: sent once the gate opens
            return Outcome(intent["intent_id"], intent["kind"], intent["direction"], intent["action"],
                           intent["telaris_id"], intent["tripletex_id"], "held", str(exc))
        except Park as exc:
            status, detail = "parked", str(exc)
        except StayPending as exc:
            status, detail = "pending", str(exc)
        except (ValidationFailed, DuplicateValue) as exc:
            status, detail = "parked", exc.describe()
        except Conflict as exc:
            status, detail, in_flight = "superseded", exc.describe(), not getattr(exc, "read_back", False)
        except NotFound as exc:
            if intent["action"] == "create":  # nothing was there to be gone: unexpected, so tried again
                status, detail = "pending", exc.describe()
            else:
                status, detail = "parked", self._target_gone(intent, Kind(intent["kind"]), exc)
        except ApiError as exc:
            status, detail = "pending", exc.describe()
            in_flight = isinstance(exc, AMBIGUOUS) and not getattr(exc, "read_back", False)
        # handlers fill in the ids a create made, so they are recorded on the outbox row
        outcome = Outcome(intent["intent_id"], intent["kind"], intent["direction"], intent["action"],
                          intent["telaris_id"], intent["tripletex_id"], status, detail, request)
        if not self.dry_run:
            self.ledger.outcome(intent["intent_id"], status, detail, intent["tripletex_id"], intent["telaris_id"],
                                in_flight and intent["action"] == "update")
        return outcome

    def require_open(self, kind: Kind) -> None:
        """Raises Held while the kind's switch-on gate is closed: every write path of the engine asks."""
        if kind.value in self.closed:
            raise Held(self.closed[kind.value])

    def _target_gone(self, intent: dict[str, Any], kind: Kind, exc: NotFound) -> str:
        """The record was deleted since the last extraction saw it (an incremental read cannot see deletes). Deletes
        are never synced, so its twin is left alone; the warehouse marks it deleted, which takes the pair out of the
        diff (no write is asked for again), and the parked intent tells the operator: it stays parked, neither
        retried nor superseded, until the link is changed or the record is seen again (plan.waits_for_gone_record)."""
        system = System.TRIPLETEX if intent["direction"] == "to_tripletex" else System.TELARIS
        record_id = str(intent["tripletex_id"]) if system is System.TRIPLETEX else intent["telaris_id"]
        Warehouse.mark_deleted(self.con, system, kind, [record_id])
        return (f"the {system.value.title()} {kind.value} {record_id} no longer exists (deleted there); nothing is "
                f"deleted in the other system, and the link waits for review ({exc.describe()})")

    # ---- updates --------------------------------------------------------------------------------------------
    def _update_to_tripletex(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields, problems = self.sendable.split(intent["fields"], "to_tripletex")

        def body(these: dict[str, Any]) -> dict[str, Any]:
            address_id = intent["address_id"] if any(name in ADDRESS_FIELDS for name in these) else None
            return self.sendable.tripletex_body(these, kind, address_id, intent["target_version"])

        def send(these: dict[str, Any]) -> dict[str, Any]:
            try:
                return self.tripletex.update(kind, intent["tripletex_id"], body(these))
            except DuplicateValue as exc:
                raise Park(self._duplicate_reason(kind, these, exc)) from None
            except AMBIGUOUS as exc:
                return self._landed(exc, intent, these, lambda: self.sendable.canonical_tripletex(
                    kind, self.tripletex.get(kind, intent["tripletex_id"])))

        request = {"method": "PUT", "path": f"/{kind.value}/{intent['tripletex_id']}", "body": body(fields)}
        if self.dry_run:
            return request
        old = self.snapshot(System.TRIPLETEX, kind, str(intent["tripletex_id"]))
        written, fields = self._send_what_is_accepted(send, fields, problems, TRIPLETEX_FIELD_NAMES)
        self._confirmed(intent, kind, System.TRIPLETEX, str(intent["tripletex_id"]), fields, old, written)
        self._park_rest(intent, kind, problems, written["version"])
        return request

    def _update_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields, problems = self.sendable.split(intent["fields"], "to_telaris")
        request = {"method": "PATCH", "path": f"/api/v1/{kind.value}s/{intent['telaris_id']}",
                   "body": telaris_patch(fields), "if_match": intent["target_version"]}
        if self.dry_run:
            return request

        def send(these: dict[str, Any]) -> dict[str, Any]:
            try:
                return self.telaris.patch(kind, intent["telaris_id"], telaris_patch(these), intent["target_version"])
            except AMBIGUOUS as exc:
                return self._landed(exc, intent, these,
                                    lambda: canonical_from_telaris(self.telaris.get(kind, intent["telaris_id"])))

        old = self.snapshot(System.TELARIS, kind, intent["telaris_id"])
        written, fields = self._send_what_is_accepted(send, fields, problems, TELARIS_FIELD_NAMES)
        self._confirmed(intent, kind, System.TELARIS, intent["telaris_id"], fields, old, written)
        self._park_rest(intent, kind, problems, written["version"])
        return request

    @staticmethod
    def _landed(exc: ApiError, intent: dict[str, Any], sent: dict[str, Any],
                read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The answer to our update left its outcome unknown: read the target now. It holds every value we sent at
        exactly one version past the one we wrote over: the write was carried out (returned as its answer). Otherwise
        `exc` goes up, marked as checked; a read that fails too leaves the outcome unknown (engine.echoes decides
        on the next diff)."""
        try:
            current = read()
        except ApiError:
            raise exc from None
        exc.read_back = True
        if current.get("version") == intent["target_version"] + 1 and all(
                current.get(name) == value for name, value in sent.items()):
            return current
        raise exc

    @staticmethod
    def _send_what_is_accepted(send: Callable[[dict[str, Any]], dict[str, Any]], fields: dict[str, Any],
                               problems: dict[str, str], names: dict[str, str]) -> tuple[dict[str, Any], dict]:
        """Send the fields; when the target refuses some of them by name (422), those join the parked problems and
        the rest is sent once more, so one bad value never holds back the good ones. A refusal naming nothing we
        can map parks the whole intent (the ValidationFailed goes up)."""
        try:
            return send(fields), fields
        except ValidationFailed as exc:
            refused = {_canonical_name(path, names): reason for path, reason in exc.details.items()}
            refused = {name: reason for name, reason in refused.items() if name in fields}
            if not refused or len(refused) == len(fields):
                raise
            problems.update({name: f"{name}: {reason} ({exc.system} answered {exc.status})"
                             for name, reason in refused.items()})
            rest = {name: value for name, value in fields.items() if name not in refused}
            return send(rest), rest

    def _confirmed(self, intent: dict[str, Any], kind: Kind, target: System, record_id: str,
                   fields: dict[str, Any], old: dict[str, Any], written: dict[str, Any]) -> None:
        """The write is confirmed: base and the target's snapshot take the new values, every field is audited."""
        self.ledger.wrote(target, kind, record_id, fields, written.get("version"))
        self.ledger.agreed(kind, intent["telaris_id"], fields)
        self._audit(intent, kind, {name: (old.get(name), value) for name, value in fields.items()})

    def _park_rest(self, intent: dict[str, Any], kind: Kind, problems: dict[str, str], version: int) -> None:
        """The fields that could not be sent wait in a parked intent of their own. Its id is the one the next plan
        computes for exactly these fields at the version we just wrote, so the plan finds it instead of
        superseding it and adding another: one parked item per problem until the data changes."""
        if not problems:
            return
        residual = {name: intent["fields"][name] for name in sorted(problems)}
        intent_id = update_intent_id(self.con, intent["direction"], kind, intent["telaris_id"],
                                     intent["tripletex_id"], residual, version)
        self.con.execute("""
            INSERT INTO outbox (intent_id, direction, action, kind, telaris_id, tripletex_id, fields, target_version,
                                address_id, reason, status, attempts, last_error, created_at, updated_at)
            VALUES (?, ?, 'update', ?, ?, ?, ?, ?, ?, ?, 'parked', 1, ?, ?, ?)
            ON CONFLICT (intent_id) DO UPDATE SET status = 'parked', last_error = excluded.last_error
        """, [intent_id, intent["direction"], kind.value, intent["telaris_id"], intent["tripletex_id"],
              json.dumps(residual), version, intent["address_id"], intent["reason"], "; ".join(problems.values()),
              now(), now()]).fetchall()

    def _duplicate_reason(self, kind: Kind, fields: dict[str, Any], exc: DuplicateValue) -> str:
        """Tripletex refuses a number another record holds: name that record, so a person can decide."""
        number = fields.get("number")
        holder = ""
        if number:
            filter_name = "supplierNumber" if kind is Kind.SUPPLIER else "customerAccountNumber"
            try:
                others = self.tripletex.search(kind, **{filter_name: number})
            except ApiError:
                others = []
            if others:
                holder = f" by Tripletex {kind.value} {others[0]['id']} ({others[0].get('name')})"
        what = f"{kind.value} number {number} is already used{holder}" if number else "a value is already used"
        return f"{what}: {exc.describe()}"

    def snapshot(self, system: System, kind: Kind, record_id: str) -> dict[str, Any]:
        """The synced fields of a record as the warehouse last saw it (all None when it has not seen it)."""
        return Warehouse.synced_fields(self.con, system, kind, record_id)[0]

    def _audit(self, intent: dict[str, Any], kind: Kind, changes: dict[str, tuple[Any, Any]]) -> None:
        self.ledger.audit(intent["intent_id"], intent["direction"], kind, intent["telaris_id"],
                          intent["tripletex_id"], changes)

    # ---- links and creates ----------------------------------------------------------------------------------
    def _link_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        request = {"method": "PATCH", "path": f"/api/v1/{kind.value}s/{intent['telaris_id']}",
                   "body": {"tripletex_id": intent["tripletex_id"]}, "if_match": intent["target_version"]}
        if self.dry_run:
            return request
        gaps = self.links.link(kind, intent["telaris_id"], intent["tripletex_id"], intent["target_version"],
                               intent["reason"].removeprefix("matched_by_"),
                               self.snapshot(System.TELARIS, kind, intent["telaris_id"]),
                               self.snapshot(System.TRIPLETEX, kind, str(intent["tripletex_id"])))
        self._audit(intent, kind, {"tripletex_id": (None, intent["tripletex_id"]),
                                   **{name: (None, value) for name, value in gaps.items()}})
        return request

    def _create_to_tripletex(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = {k: v for k, v in intent["fields"].items() if v is not None}
        self.sendable.require(fields, "to_tripletex")
        body = self.sendable.tripletex_body(fields, kind)
        if self.dry_run:
            return {"method": "POST", "path": f"/{kind.value}", "body": body}
        tripletex_id, how, gaps = self.ensure_linked(kind, intent["telaris_id"], intent["target_version"], fields,
                                                     body)
        intent["tripletex_id"] = tripletex_id
        self._audit(intent, kind, {"tripletex_id": (None, tripletex_id),
                                   **{name: (None, value) for name, value in gaps.items()}})
        return {"method": "POST" if how == "created_in_tripletex" else "LINK", "path": f"/{kind.value}",
                "body": body, "tripletex_id": tripletex_id}

    def ensure_linked(self, kind: Kind, telaris_id: str, version: int | None, fields: dict[str, Any],
                      body: dict[str, Any]) -> tuple[int, str, dict[str, Any]]:
        """The Telaris record's counterpart found or created in Tripletex, and the link written with Telaris' gaps
        filled from it. Returns (Tripletex id, how it was found or made, the gaps filled)."""
        self.require_open(kind)
        tripletex_id, how, created = self.matcher.ensure(kind, telaris_id, fields, body)
        holds = self.sendable.canonical_tripletex(kind, created or self.tripletex.get(kind, tripletex_id))
        if created is not None:  # what we sent, and what Tripletex added (a number it assigned, say)
            holds = {**fields, **{name: value for name, value in holds.items() if value is not None}}
        gaps = self.links.link(kind, telaris_id, tripletex_id, version, how, fields, holds)
        return tripletex_id, how, gaps

    def _create_to_telaris(self, intent: dict[str, Any], kind: Kind) -> dict[str, Any]:
        fields = {k: v for k, v in intent["fields"].items() if v is not None}
        self.sendable.require(fields, "to_telaris")
        body = {**telaris_patch(fields), "tripletex_id": intent["tripletex_id"]}
        request = {"method": "POST", "path": f"/api/v1/{kind.value}s", "body": body,
                   "idempotency_key": intent["intent_id"]}
        if self.dry_run:
            return request
        created = self.telaris.create(kind, body, idempotency_key=intent["intent_id"])
        intent["telaris_id"] = created["id"]
        self.links.insert(kind, created["id"], intent["tripletex_id"], "created_in_telaris")
        self.links.set_base(kind, created["id"], intent["tripletex_id"],
                            first_base(canonical_from_telaris(created), intent["fields"]))
        self._audit(intent, kind, {name: (None, value) for name, value in fields.items()})
        return request


def _canonical_name(path: str, names: dict[str, str]) -> str | None:
    """`postalAddress.country.id` → country: the whole path, then without its first part, then its last part."""
    parts = path.split(".")
    return names.get(path) or names.get(".".join(parts[1:])) or names.get(parts[-1])
