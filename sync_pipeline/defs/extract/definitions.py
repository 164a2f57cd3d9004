"""Extraction jobs: incremental (what schedules run) and full reconciliation."""

from __future__ import annotations

import dagster as dg

from sync_pipeline.defs.extract.assets import GROUP, extract_assets

extract_job = dg.define_asset_job(
    name="extract",
    selection=dg.AssetSelection.groups(GROUP),
    description="Extract customers and suppliers from both systems into DuckDB, changes since the last run.",
)

extract_full_job = dg.define_asset_job(
    name="extract_full",
    selection=dg.AssetSelection.groups(GROUP),
    description="Extract everything from both systems and mark records the source no longer has as deleted.",
    config={"ops": {asset.key.to_python_identifier(): {"config": {"full": True}} for asset in extract_assets}},
)


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=extract_assets, jobs=[extract_job, extract_full_job])
