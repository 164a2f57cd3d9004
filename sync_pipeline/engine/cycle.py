"""One whole sync cycle without Dagster: extract both systems, diff, plan, apply. The Dagster assets run the same
steps one asset at a time; this composition serves benchmarks and scripts that need a cycle in one call."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.engine import diff, plan
from sync_pipeline.engine.apply import Applier, ApplyResult
from sync_pipeline.extract import ExtractionResult, extract
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.warehouse.store import Warehouse


@dataclass
class CycleResult:
    extractions: list[ExtractionResult] = field(default_factory=list)
    diffs: list[diff.DiffResult] = field(default_factory=list)
    applied: ApplyResult | None = None


def plan_all(con: duckdb.DuckDBPyConnection, policy: SyncPolicy,
             run_id: str) -> tuple[list[diff.DiffResult], dict[str, int]]:
    """Diff both kinds and plan their intents (and the new suppliers) in one transaction."""
    now = datetime.now(UTC)
    diffs = []
    con.execute("BEGIN TRANSACTION")
    for kind in Kind:
        diffs.append(diff.compute(con, kind, policy, run_id, now))
        plan.plan_updates(con, kind, now)
    suppliers = plan.plan_new_suppliers(con, now)
    con.execute("COMMIT")
    return diffs, suppliers


def run_cycle(warehouse: Warehouse, telaris: TelarisSource, tripletex: TripletexSource, *, full: bool = False,
              policy: SyncPolicy | None = None, dry_run: bool = False) -> CycleResult:
    policy = policy or SyncPolicy()
    run_id = f"cycle-{uuid.uuid4().hex[:12]}"
    result = CycleResult()
    for kind in Kind:
        result.extractions.append(extract(telaris, kind, warehouse, full=full))
        result.extractions.append(extract(tripletex, kind, warehouse, full=full))
    with warehouse.connect() as con:
        result.diffs, _ = plan_all(con, policy, run_id)
        result.applied = Applier(con, telaris.client, tripletex.client, policy, run_id, dry_run).run()
    return result
