"""The DuckDB file: extracted tables, extraction state, and the SQL that works on them (no Dagster, no HTTP)."""

from sync_pipeline.warehouse.store import Warehouse, party_table

__all__ = ["Warehouse", "party_table"]
