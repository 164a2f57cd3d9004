"""The sync step by step as assets: plan (diff → outbox), apply, invoice-export customers, the change probe's
baseline (settled), operator views."""

import dagster as dg
import pandas as pd

from sync_pipeline.defs.cadence import SYNC_CADENCE
from sync_pipeline.defs.partitions import COMPANY
from sync_pipeline.defs.resources import TelarisResource, TripletexResource, WarehouseResource
from sync_pipeline.domain.policy import ConflictRule, SyncPolicy
from sync_pipeline.engine import gate, reports
from sync_pipeline.engine.apply import Applier
from sync_pipeline.engine.cycle import plan_all
from sync_pipeline.engine.exports import process_invoice_exports
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.tenants.settled import settle
from sync_pipeline.words import counted

GROUP = "sync"
EXTRACTED = [dg.AssetKey(name) for name in
             ("telaris_customers", "telaris_suppliers", "tripletex_customers", "tripletex_suppliers")]
# Webhook runs refresh Tripletex records between extractions; the diff reads them the same way.
WEBHOOK_REFRESH = dg.AssetKey("tripletex_webhook_changes")


class PolicyConfig(dg.Config):
    customer_conflicts: ConflictRule = ConflictRule.TELARIS_WINS
    """Who wins when both sides changed a customer field: Telaris is the master of customer data."""
    supplier_conflicts: ConflictRule = ConflictRule.LATEST_WINS
    """Who wins when both sides changed a supplier field: the most recent change."""

    def policy(self) -> SyncPolicy:
        return SyncPolicy(customer_conflicts=self.customer_conflicts, supplier_conflicts=self.supplier_conflicts)


class ApplyConfig(dg.Config):
    dry_run: bool = False
    """Show exactly what would be sent, send nothing."""
    parked_retry_minutes: float = 5.0
    """A parked write is retried after this long, doubling per attempt (0: on every run)."""
    waive_initial_linking: bool = False
    """Open the switch-on gate without an initial linking (a company with nothing to link): recorded, once."""


@dg.asset(group_name=GROUP, partitions_def=COMPANY,
          deps=[*EXTRACTED, WEBHOOK_REFRESH], kinds={"duckdb"}, freshness_policy=SYNC_CADENCE,
          description="Three-way diff of every linked pair against its base, per kind and direction; conflicts "
                      "decided by policy; intents written to the outbox (new suppliers: link or create).")
def sync_plan(context: dg.AssetExecutionContext, config: PolicyConfig,
              warehouse: WarehouseResource) -> dg.MaterializeResult:
    rows = []
    with warehouse.warehouse().connect() as con:
        diffs, suppliers = plan_all(con, config.policy(), context.run_id)
        for result in diffs:
            rows.append({"kind": result.kind.value, "linked pairs": result.pairs, "examined": result.examined,
                         "new links": result.new_links,
                         "unlinked in Telaris": result.unlinked, "re-pointed in Telaris": result.repointed,
                         "held back (organisation numbers differ)": result.held_back,
                         "gaps left (link not confirmed)": result.unconfirmed_gaps,
                         "writes confirmed on reading (answer lost)": result.lost_answers,
                         "to Tripletex": result.to_tripletex, "to Telaris": result.to_telaris,
                         "agreed": result.agreed, "conflicts": result.conflicts,
                         "fields to Tripletex": _fields(result.fields_to_tripletex),
                         "fields to Telaris": _fields(result.fields_to_telaris)})
        pending = reports.frame(con, reports.PENDING)
        conflicts = reports.frame(con, reports.CONFLICTS_OF_RUN, [context.run_id])
    summary = pd.DataFrame(rows)
    context.log.info(f"planned {counted(len(pending), 'pending write')}; {counted(len(conflicts), 'conflict')} decided")
    return dg.MaterializeResult(metadata={
        "pending_writes": dg.MetadataValue.int(len(pending)),
        "examined_pairs": dg.MetadataValue.int(sum(result.examined for result in diffs)),
        "conflicts": dg.MetadataValue.int(len(conflicts)),
        "new_suppliers": dg.MetadataValue.json(suppliers),
        "summary": dg.MetadataValue.md(reports.markdown(summary)),
        "patch_preview": dg.MetadataValue.md(reports.markdown(pending)),
        "conflict_preview": dg.MetadataValue.md(reports.markdown(conflicts)),
    })


def _fields(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) or "-"


@dg.asset(group_name=GROUP, partitions_def=COMPANY,
          deps=[sync_plan], kinds={"python"}, freshness_policy=SYNC_CADENCE,
          description="Sends the outbox: one partial write per intent, base advanced only on confirmed writes, "
                      "409/412 superseded, refused data parked with its reason.")
def sync_applied(context: dg.AssetExecutionContext, config: ApplyConfig, warehouse: WarehouseResource,
                 telaris: TelarisResource, tripletex: TripletexResource) -> dg.MaterializeResult:
    policy = SyncPolicy(parked_retry_minutes=config.parked_retry_minutes)
    if config.waive_initial_linking:
        waive_initial_linking(warehouse, context.run_id)
    return dg.MaterializeResult(metadata=apply_outbox(context, config.dry_run, warehouse, telaris, tripletex, policy))


def waive_initial_linking(warehouse: WarehouseResource, run_id: str) -> None:
    with warehouse.warehouse().connect() as con:
        gate.waive(con, run_id)


METADATA_LABELS = {"done": "written", "parked": "parked (waiting for a person)",
                   "superseded": "superseded (the record changed again; recomputed)",
                   "pending": "pending (tried again next run)", "dry_run": "would be sent (dry run)",
                   "held": "held (initial linking not applied)"}


def apply_outbox(context: dg.OpExecutionContext, dry_run: bool, warehouse: WarehouseResource,
                 telaris: TelarisResource, tripletex: TripletexResource, policy: SyncPolicy | None = None) -> dict:
    """Drain the outbox; returns the UI metadata of `sync_applied`."""
    with warehouse.warehouse().connect() as con:
        applier = Applier(con, telaris.client(), tripletex.client(), policy or SyncPolicy(), context.run_id,
                          dry_run)
        closed = applier.closed
        for reason in closed.values():
            context.log.warning(f"nothing written: {reason}")
        result = applier.run()
        parked = reports.frame(con, reports.PARKED)
    outcomes = pd.DataFrame([vars(o) for o in result.outcomes]) if result.outcomes else pd.DataFrame()
    counts = {status: result.count(status)
              for status in ("done", "parked", "superseded", "pending", "dry_run", "held")}
    context.log.info(reports.apply_in_words(counts, dry_run))
    shown = outcomes.drop(columns=["request"]) if not dry_run and not outcomes.empty else outcomes
    return {
        **{METADATA_LABELS[k]: dg.MetadataValue.int(v) for k, v in counts.items()
           if (k != "dry_run" or dry_run) and (k != "held" or closed)},
        **({"gate": dg.MetadataValue.md("\n".join(f"- {reason}" for reason in closed.values()))} if closed else {}),
        "dry_run": dry_run,
        "outcomes": dg.MetadataValue.md(reports.markdown(shown.astype(str) if not shown.empty else shown, 50)),
        "parked_now": dg.MetadataValue.int(len(parked)),
    }


class InvoiceExportConfig(dg.Config):
    dry_run: bool = False
    """Show which customers would be created or linked in Tripletex for the pending exports; write nothing."""


@dg.asset(group_name=GROUP, partitions_def=COMPANY,
          deps=[dg.AssetKey("telaris_customers"), dg.AssetKey("tripletex_customers")],
          kinds={"python"},
          description="Customers of Telaris' pending invoice exports made to exist in Tripletex (matched first, "
                      "created when absent), linked, and the export marked customer-ready or failed with a reason.")
def invoice_export_customers(context: dg.AssetExecutionContext, config: InvoiceExportConfig,
                             warehouse: WarehouseResource,
                             telaris: TelarisResource, tripletex: TripletexResource) -> dg.MaterializeResult:
    with warehouse.warehouse().connect() as con:
        applier = Applier(con, telaris.client(), tripletex.client(), SyncPolicy(), context.run_id, config.dry_run)
        outcomes = process_invoice_exports(applier)
    frame = pd.DataFrame([vars(o) for o in outcomes])
    by_status = frame["status"].value_counts().to_dict() if not frame.empty else {}
    context.log.info("invoice exports: " + (", ".join(f"{n} {status}" for status, n in by_status.items())
                                            or "none pending"))
    return dg.MaterializeResult(metadata={
        "exports": dg.MetadataValue.int(len(outcomes)),
        "customer_ready": dg.MetadataValue.int(by_status.get("customer_ready", 0)),
        "failed": dg.MetadataValue.int(by_status.get("failed", 0)),
        "outcomes": dg.MetadataValue.md(reports.markdown(frame)),
    })


@dg.asset(group_name="operator", partitions_def=COMPANY,
          deps=[sync_applied, invoice_export_customers], kinds={"duckdb"},
          description="Writes that could not be made, with the reason; retried on later runs, never dropped.")
def parked_records(warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _report_asset(warehouse, reports.PARKED)


@dg.asset(group_name="operator", partitions_def=COMPANY,
          deps=[dg.AssetKey("tripletex_customers"), sync_plan], kinds={"duckdb"},
          description="Tripletex customers no Telaris customer is linked to. They are never imported (Telaris "
                      "is the master of customer data); link them in Telaris if they belong there.")
def unlinked_tripletex_customers(warehouse: WarehouseResource) -> dg.MaterializeResult:
    return _report_asset(warehouse, reports.UNLINKED_TRIPLETEX_CUSTOMERS)


def _report_asset(warehouse: WarehouseResource, sql: str) -> dg.MaterializeResult:
    with warehouse.warehouse().connect() as con:
        frame = reports.frame(con, sql)
    return dg.MaterializeResult(metadata={"dagster/row_count": dg.MetadataValue.int(len(frame)),
                                          "preview": dg.MetadataValue.md(reports.markdown(frame, 50))})


@dg.asset(group_name=GROUP, partitions_def=COMPANY,
          deps=[sync_applied, invoice_export_customers], kinds={"python"},
          description="Hands the change probe (sensor `company_changes`) a baseline taken after the sync's last "
                      "write, once both systems, read again, leave nothing to write: the sync's own writes then "
                      "start no second run.")
def sync_settled(context: dg.AssetExecutionContext, warehouse: WarehouseResource, telaris: TelarisResource,
                 tripletex: TripletexResource) -> dg.MaterializeResult:
    with warehouse.warehouse().connect() as con:
        result = settle(con, TelarisSource(telaris.client()), TripletexSource(tripletex.client()),
                        warehouse.folder(), context.run_id)
    context.log.info(result.reason)
    return dg.MaterializeResult(metadata={"baseline_published": result.published,
                                          "writes_left": dg.MetadataValue.int(result.pending),
                                          "outcome": result.reason})


sync_assets = [sync_plan, sync_applied, invoice_export_customers, sync_settled, parked_records,
               unlinked_tripletex_customers]
