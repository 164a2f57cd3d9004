"""The diagnostics as Dagster asset checks on `sync_applied`: they run after every sync and webhook run and show in
the UI with the findings listed. WARN for a few findings, ERROR once they exceed a share of the linked pairs."""

from __future__ import annotations

import os

import dagster as dg
import duckdb
import pandas as pd

from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.sync.assets import sync_applied
from sync_pipeline.diagnostics.findings import EXPLAINED, PROBLEMS, find_one, prepare
from sync_pipeline.engine import reports

DEFAULT_ERROR_SHARE = 0.05


def error_share() -> float:
    """Findings above this share of the linked pairs make a check an ERROR rather than a WARN. Read when a check
    runs, so that changing SYNC_DIAGNOSTICS_ERROR_SHARE takes effect without reloading the code location."""
    return float(os.environ.get("SYNC_DIAGNOSTICS_ERROR_SHARE") or DEFAULT_ERROR_SHARE)


def severity(findings: int, linked_pairs: int, share: float | None = None) -> dg.AssetCheckSeverity:
    share = error_share() if share is None else share
    return (dg.AssetCheckSeverity.ERROR if findings > max(1, share * linked_pairs)
            else dg.AssetCheckSeverity.WARN)


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(problem, asset=sync_applied, description=EXPLAINED[problem], blocking=False)
           for problem in PROBLEMS],
    can_subset=True, name="diagnostics")
def diagnostics(context, warehouse: WarehouseResource):  # (an AssetCheckExecutionContext)
    """All five checks in one step, on one read of the file: each is one query, and what a run pays for is mostly the
    step, the connection and the shared macros around it (five steps took about five times as long). A query that
    fails fails its own check only: the others are reported first, then the step fails naming it."""
    selected = [problem for problem in PROBLEMS
                if dg.AssetCheckKey(sync_applied.key, problem) in context.selected_asset_check_keys]
    failed: dict[str, str] = {}
    with warehouse.warehouse().connect(read_only=True) as con:
        prepare(con)
        pairs = con.execute("SELECT count(*) FROM links").fetchall()[0][0]
        for problem in selected:
            try:
                found = find_one(con, problem)
            except duckdb.Error as error:
                failed[problem] = f"{type(error).__name__}: {error}"
                continue
            yield dg.AssetCheckResult(
                asset_key=sync_applied.key, check_name=problem,
                passed=not found, severity=severity(len(found), pairs),
                description=f"{len(found)} found: {EXPLAINED[problem]}" if found else "none found",
                metadata={"findings": dg.MetadataValue.int(len(found)),
                          "linked_pairs": dg.MetadataValue.int(pairs),
                          "list": dg.MetadataValue.md(reports.markdown(
                              pd.DataFrame([f.as_dict() for f in found]), 50))})
    if failed:
        raise dg.Failure(description=f"{len(failed)} of the diagnostics could not run: {', '.join(failed)}",
                         metadata={problem: dg.MetadataValue.text(error) for problem, error in failed.items()})


diagnostic_checks = [diagnostics]


def definitions() -> dg.Definitions:
    return dg.Definitions(asset_checks=diagnostic_checks)
