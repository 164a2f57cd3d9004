"""The diagnostics as Dagster asset checks on `sync_applied`: they run after every sync and webhook run and show in
the UI with the findings listed. WARN for a few findings, ERROR once they exceed a share of the linked pairs."""

from __future__ import annotations

import os

import dagster as dg
import pandas as pd

from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.sync.assets import sync_applied
from sync_pipeline.diagnostics.findings import EXPLAINED, PROBLEMS, find
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


def _check(problem: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=sync_applied, name=problem, description=EXPLAINED[problem], blocking=False)
    def diagnostic(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.warehouse().connect(read_only=True) as con:
            findings = find(con, (problem,))
            pairs = con.execute("SELECT count(*) FROM links").fetchall()[0][0]
        frame = pd.DataFrame([f.as_dict() for f in findings])
        return dg.AssetCheckResult(
            passed=not findings, severity=severity(len(findings), pairs),
            description=f"{len(findings)} found: {EXPLAINED[problem]}" if findings else "none found",
            metadata={"findings": dg.MetadataValue.int(len(findings)),
                      "linked_pairs": dg.MetadataValue.int(pairs),
                      "list": dg.MetadataValue.md(reports.markdown(frame, 50))})

    return diagnostic


diagnostic_checks = [_check(problem) for problem in PROBLEMS]


def definitions() -> dg.Definitions:
    return dg.Definitions(asset_checks=diagnostic_checks)
