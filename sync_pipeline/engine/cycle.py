"""One whole sync cycle without Dagster: extract both systems, diff, plan, apply. The Dagster assets run the same
steps one asset at a time; this composition serves benchmarks and scripts that need a cycle in one call."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.policy import SyncPolicy
from sync_pipeline.engine import diff, plan
from sync_pipeline.engine.apply import Applier, ApplyResult
from sync_pipeline.extract import ExtractionResult, extract_into
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.warehouse.transaction import transaction


@dataclass
class CycleResult:
    extractions: list[ExtractionResult] = field(default_factory=list)
    diffs: list[diff.DiffResult] = field(default_factory=list)
    applied: ApplyResult | None = None


def plan_all(con: duckdb.DuckDBPyConnection, policy: SyncPolicy,
             run_id: str) -> tuple[list[diff.DiffResult], dict[str, int]]:
    """Diff both kinds and plan their intents (and the new suppliers) in one transaction: a plan that fails midway
    leaves the outbox, base and the conflicts as they were, never half of a plan."""
    now = datetime.now(UTC)
    diffs = []
    with transaction(con):
        for kind in Kind:
            diffs.append(diff.compute(con, kind, policy, run_id, now))
            plan.plan_updates(con, kind, now)
        suppliers = plan.plan_new_suppliers(con, now)
    return diffs, suppliers


def run_cycle(warehouse: Warehouse, telaris: TelarisSource, tripletex: TripletexSource, *, full: bool = False,
              policy: SyncPolicy | None = None, dry_run: bool = False,
              before_apply: Callable[[], None] | None = None) -> CycleResult:
    """`before_apply` runs between planning and the first write: where a user's edit races our write."""
    result = CycleResult()
    with warehouse.connect() as con:  # once: opening the file costs more than a quiet cycle's extraction
        con.execute("SET threads = 1").fetchall()  # as `extract` does: the other core fetches pages
        for kind in Kind:
            result.extractions.append(extract_into(con, telaris, kind, full=full))
            result.extractions.append(extract_into(con, tripletex, kind, full=full))
        con.execute("RESET threads").fetchall()
        result.diffs, result.applied = sync_changes(con, telaris.client, tripletex.client, policy=policy,
                                                    dry_run=dry_run, before_apply=before_apply)
    return result


def sync_changes(con: duckdb.DuckDBPyConnection, telaris: TelarisClient, tripletex: TripletexClient, *,
                 policy: SyncPolicy | None = None, dry_run: bool = False,
                 before_apply: Callable[[], None] | None = None) -> tuple[list[diff.DiffResult], ApplyResult]:
    """Diff, plan and apply what the warehouse holds now: after an extraction, or after a webhook batch refreshed
    just the records it names."""
    policy = policy or SyncPolicy()
    run_id = f"cycle-{uuid.uuid4().hex[:12]}"
    diffs, _ = plan_all(con, policy, run_id)
    if before_apply is not None:
        before_apply()
    return diffs, Applier(con, telaris, tripletex, policy, run_id, dry_run).run()
