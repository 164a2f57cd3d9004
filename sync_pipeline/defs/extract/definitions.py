"""Extraction jobs: incremental (what schedules run) and full reconciliation."""

from __future__ import annotations

import dagster as dg

from sync_pipeline.defs.extract.assets import GROUP, extract_assets

# One DuckDB file has one writer: every job that writes it carries this tag, and dagster.yaml lets one run per
# tag value through the queue at a time.
DUCKDB_WRITER_TAGS = {"sync_pipeline/duckdb_file": "default"}

extract_job = dg.define_asset_job(
    name="extract",
    selection=dg.AssetSelection.groups(GROUP),
    description="Extract customers and suppliers from both systems into DuckDB, changes since the last run.",
    tags=DUCKDB_WRITER_TAGS,
)

extract_full_job = dg.define_asset_job(
    name="extract_full",
    selection=dg.AssetSelection.groups(GROUP),
    description="Extract everything from both systems and mark records the source no longer has as deleted.",
    tags=DUCKDB_WRITER_TAGS,
    config={"ops": {asset.key.to_python_identifier(): {"config": {"full": True}} for asset in extract_assets}},
)


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=extract_assets, jobs=[extract_job, extract_full_job])
