"""Customers reach Tripletex only through invoice exports: when Telaris transfers an invoice, its customer must
exist in Tripletex. Matched first (organisation number, then customer number), created when absent, linked, and
the export marked customer-ready — or failed with the reason an accountant can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sync_pipeline.clients.errors import ApiError, NotFound, ValidationFailed
from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind
from sync_pipeline.domain.mapping import canonical_from_telaris
from sync_pipeline.engine.apply import Applier
from sync_pipeline.engine.outcome import Held, Park, StayPending


@dataclass
class ExportOutcome:
    export_id: str
    invoice_number: str
    customer_id: str
    status: str  # customer_ready | failed | pending (transient trouble, retried next run) | dry_run
    tripletex_customer_id: int | None = None
    detail: str = ""


def process_invoice_exports(applier: Applier) -> list[ExportOutcome]:
    telaris = applier.telaris
    outcomes = []
    for export in telaris.pending_invoice_exports():
        outcome = ExportOutcome(export["id"], export["invoice_number"], export["customer_id"], "customer_ready")
        try:
            applier.require_open(Kind.CUSTOMER)  # before anything is read: a held export is left as it is
            outcome.tripletex_customer_id = _ensure_customer(applier, telaris.get(Kind.CUSTOMER,
                                                                                  export["customer_id"]))
            if applier.dry_run:
                outcome.status = "dry_run"
            else:
                telaris.mark_customer_ready(export["id"], outcome.tripletex_customer_id)
        except Held as exc:
            outcome.status, outcome.detail = "held", str(exc)
        except (Park, ValidationFailed) as exc:
            outcome.status = "failed"
            outcome.detail = exc.describe() if isinstance(exc, ApiError) else str(exc)
            if not applier.dry_run:
                telaris.mark_failed(export["id"], f"customer {export['customer_id']} cannot be created in "
                                                  f"Tripletex: {outcome.detail}")
        except StayPending as exc:
            outcome.status, outcome.detail = "pending", str(exc)
        except ApiError as exc:
            outcome.status, outcome.detail = "pending", exc.describe()
        outcomes.append(outcome)
    applier.flush()
    if not applier.dry_run:
        _remember(applier, [o for o in outcomes if o.status != "held"])
    return outcomes


def _remember(applier: Applier, outcomes: list[ExportOutcome]) -> None:
    for o in outcomes:
        applier.con.execute("""
            INSERT OR REPLACE INTO invoice_export_outcomes (export_id, invoice_number, customer_id, status,
                                                            tripletex_customer_id, detail, run_id, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, now())
        """, [o.export_id, o.invoice_number, o.customer_id, o.status, o.tripletex_customer_id, o.detail or None,
              applier.run_id]).fetchall()


def _ensure_customer(applier: Applier, customer: dict[str, Any]) -> int | None:
    if customer["tripletex_id"]:
        try:
            applier.tripletex.get(Kind.CUSTOMER, customer["tripletex_id"], fields="id")
        except NotFound:
            raise Park(f"the linked Tripletex customer {customer['tripletex_id']} no longer exists; "
                       "fix the link in Telaris") from None
        return customer["tripletex_id"]
    canonical = canonical_from_telaris(customer)
    fields = {name: canonical[name] for name in SYNCED_FIELDS if canonical[name] is not None}
    applier.sendable.require(fields, "to_tripletex")
    body = applier.sendable.tripletex_body(fields, Kind.CUSTOMER)
    if applier.dry_run:
        return None
    tripletex_id, _, _ = applier.ensure_linked(Kind.CUSTOMER, customer["id"], customer["version"], fields, body)
    return tripletex_id
