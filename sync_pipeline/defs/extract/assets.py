"""Four extraction assets, one per system and kind, each streaming its API into a DuckDB table."""


import dagster as dg

from sync_pipeline.defs.cadence import SYNC_CADENCE
from sync_pipeline.defs.partitions import COMPANY
from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.extract import ExtractionResult, PartySource, TelarisSource, TripletexSource, extract
from sync_pipeline.warehouse.store import party_table
from sync_pipeline.words import counted

GROUP = "extract"
PROGRESS_EVERY_PAGES = 50
PREVIEW_COLUMNS = (
    "record_id, tripletex_id, name, number, organisation_number, email, phone, city, country, currency, language, "
    "is_active, version"
)


class ExtractConfig(dg.Config):
    full: bool = False
    """Full reconciliation: fetch everything (not only changes since the high-water mark) and mark records the
    source no longer has as deleted."""


def _materialize(context: dg.AssetExecutionContext, config: ExtractConfig, source: PartySource, kind: Kind,
                 warehouse: WarehouseResource) -> dg.MaterializeResult:
    logged = 0

    def progress(pages: int, rows: int) -> None:  # called per staged chunk of pages
        nonlocal logged
        if pages - logged >= PROGRESS_EVERY_PAGES:
            logged = pages
            context.log.info(f"{party_table(source.system, kind)}: {pages} pages, {rows:,} records so far")

    store = warehouse.warehouse()
    result = extract(source, kind, store, full=config.full, progress=progress)
    context.log.info(
        f"{result.table}: {result.mode} extraction of {counted(result.rows, 'record')} ({result.new:,} new, "
        f"{result.changed:,} changed, {result.marked_deleted:,} marked deleted) in {result.seconds:.1f}s"
    )
    with store.connect() as con:
        preview = con.execute(
            f"SELECT {PREVIEW_COLUMNS} FROM {result.table} WHERE NOT is_deleted "
            "ORDER BY extracted_at DESC, record_id LIMIT 10"
        ).df()
    return dg.MaterializeResult(metadata=_metadata(result, preview.to_markdown(index=False)))


def _metadata(result: ExtractionResult, preview_md: str) -> dict[str, dg.MetadataValue | object]:
    return {
        "dagster/row_count": dg.MetadataValue.int(result.table_summary.get("rows", 0)),
        "mode": result.mode,
        "records_fetched": dg.MetadataValue.int(result.rows),
        "new": dg.MetadataValue.int(result.new),
        "changed": dg.MetadataValue.int(result.changed),
        "marked_deleted": dg.MetadataValue.int(result.marked_deleted),
        # the table's records that cannot be sent as they are, and how many of them this run fetched
        "with_problems": dg.MetadataValue.int(result.table_summary.get("with_problems", 0)),
        "fetched_with_problems": dg.MetadataValue.int(result.with_problems),
        "pages": dg.MetadataValue.int(result.pages),
        "since": str(result.since) if result.since else "beginning",
        "high_water_mark": str(result.high_water_mark) if result.high_water_mark else "none",
        "linked": dg.MetadataValue.int(result.table_summary.get("linked", 0)),
        "active": dg.MetadataValue.int(result.table_summary.get("active", 0)),
        "seconds": dg.MetadataValue.float(round(result.seconds, 2)),
        "preview": dg.MetadataValue.md(preview_md),
    }


def _description(system: System, kind: Kind) -> str:
    return (
        f"{kind.value.capitalize()}s as {system.value.capitalize()} holds them, normalised for comparison, with the "
        "raw JSON kept beside. Incremental from a stored high-water mark; run with `full: true` to reconcile."
    )


SOURCES: dict[System, type[TelarisSource] | type[TripletexSource]] = {
    System.TELARIS: TelarisSource, System.TRIPLETEX: TripletexSource,
}


def _extract_asset(system: System, kind: Kind) -> dg.AssetsDefinition:
    """One factory for all four: the system's resource is named after the system (`telaris`, `tripletex`)."""

    @dg.asset(name=party_table(system, kind), group_name=GROUP, kinds={"duckdb", "python"},
              freshness_policy=SYNC_CADENCE, partitions_def=COMPANY,
              description=_description(system, kind), tags={"system": system.value},
              required_resource_keys={system.value, "warehouse"})
    def _asset(context: dg.AssetExecutionContext, config: ExtractConfig) -> dg.MaterializeResult:
        client = getattr(context.resources, system.value).client()
        return _materialize(context, config, SOURCES[system](client), kind, context.resources.warehouse)

    return _asset


extract_assets = [_extract_asset(system, kind) for system in System for kind in Kind]
