"""Companies as Dagster partitions: each registered company is a key of the dynamic partitions `tenants`, so its
runs, backfills and materialisations are told apart in the UI, and the run queue keys its one-writer rule on it
(`dagster/partition/tenant` → `sync_pipeline/duckdb_file`, see run_queue.py)."""

from __future__ import annotations

import dagster as dg

from sync_pipeline.defs.partitions import TENANTS
from sync_pipeline.tenants.registry import Registry, Tenant, TenantError


def add_tenant(registry: Registry, instance: dg.DagsterInstance, **fields: object) -> Tenant:
    """Registered and a partition key, or neither: a failure on the Dagster side takes the registry entry back."""
    tenant = registry.add(**fields)
    try:
        instance.add_dynamic_partitions(TENANTS.name, [tenant.name])
    except Exception as exc:
        registry.remove(tenant.name)
        raise TenantError(f"company not added: Dagster refused the partition {tenant.name!r}: {exc}") from None
    return tenant


def remove_tenant(registry: Registry, instance: dg.DagsterInstance, name: str) -> Tenant:
    """The company leaves the registry and the partitions; its folder (DuckDB file, landing) is kept for the record."""
    tenant = registry.remove(name)
    if instance.has_dynamic_partition(TENANTS.name, name):
        instance.delete_dynamic_partition(TENANTS.name, name)
    return tenant
