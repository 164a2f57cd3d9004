"""Companies as Dagster partitions: each registered company is a key of the dynamic partitions `tenants`, so its
runs, backfills and materialisations are told apart in the UI, and the run queue keys its one-writer rule on it
(`dagster/partition/tenant` → `sync_pipeline/duckdb_file`, see run_queue.py)."""

from collections import Counter
from datetime import UTC, datetime

import dagster as dg
import pandas as pd

from sync_pipeline import settings
from sync_pipeline.defs.partitions import TENANTS
from sync_pipeline.engine import reports
from sync_pipeline.tenants.company import Company, companies
from sync_pipeline.tenants.health import CompanyHealth, health
from sync_pipeline.tenants.registry import Registry, Tenant, TenantError
from sync_pipeline.words import counted


def add_tenant(registry: Registry, instance: dg.DagsterInstance, **fields: object) -> Tenant:
    """Registered and a partition key, or neither: a failure on the Dagster side takes the registry entry back."""
    tenant = registry.add(**fields)
    try:
        instance.add_dynamic_partitions(TENANTS.name, [tenant.name])
    except Exception as exc:
        registry.remove(tenant.name)
        raise TenantError(f"company not added: Dagster refused the partition {tenant.name!r}: {exc}") from None
    return tenant


def remove_tenant(registry: Registry, instance: dg.DagsterInstance, name: str) -> Tenant | None:
    """The company leaves the registry and the partitions; its folder (DuckDB file, landing) is kept for the record."""
    tenant = registry.remove(name)
    if instance.has_dynamic_partition(TENANTS.name, name):
        instance.delete_dynamic_partition(TENANTS.name, name)
    return tenant


SYNC_JOBS = ("sync", "sync_full", "tripletex_webhook_sync")


def last_successful_sync(instance: dg.DagsterInstance, company: Company) -> datetime | None:
    """When the company's last sync (scheduled, full or webhook) run succeeded, from Dagster's run records."""
    tags = {"dagster/partition": company.name} if company.is_tenant else None
    ends = []
    for job in SYNC_JOBS:  # one job at a time: an hourly subscription run would push the nightly sync out of a window
        records = instance.get_run_records(dg.RunsFilter(job_name=job, statuses=[dg.DagsterRunStatus.SUCCESS],
                                                         tags=tags), limit=1)
        ends += [record.end_time for record in records if record.end_time]
    return datetime.fromtimestamp(max(ends), UTC) if ends else None


def health_rows(instance: dg.DagsterInstance | None, chosen: list[Company]) -> list[CompanyHealth]:
    return [health(company, last_successful_sync(instance, company) if instance else None) for company in chosen]


@dg.asset(group_name="companies", kinds={"duckdb"},
          description="One row per company: the last successful sync, changes applied today, pending and parked "
                      "writes, diagnostics findings by problem, webhook subscriptions and whether the switch-on gate "
                      "is open. `sync-pipeline status` prints the same.")
def tenant_health(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    rows = health_rows(context.instance, companies())
    frame = pd.DataFrame([row.as_row() for row in rows])
    by_state = Counter(row.state for row in rows)
    context.log.info(f"{counted(len(rows), 'company')}: "
                     + ", ".join(f"{n} {state}" for state, n in by_state.items()))
    return dg.MaterializeResult(metadata={
        "companies": dg.MetadataValue.int(len(rows)),
        **{state.replace(" ", "_"): dg.MetadataValue.int(n) for state, n in by_state.items()},
        "parked": dg.MetadataValue.int(sum(row.parked for row in rows)),
        "health": dg.MetadataValue.md(reports.markdown(frame, 200)),
    })


class CompanyConfig(dg.Config):
    """A company as `sync-pipeline tenants add` takes it: credentials by the names of the variables holding them."""

    name: str
    tripletex_url: str
    telaris_url: str
    tripletex_consumer_token_env: str
    tripletex_employee_token_env: str
    telaris_token_env: str
    tripletex_company_id: int = 0
    webhook_auth_env: str | None = None
    webhook_secret_env: str | None = None


@dg.op(description="Registers a company and makes it a partition key, or neither (a clear error, nothing added).")
def add_company_op(context: dg.OpExecutionContext, config: CompanyConfig) -> None:
    try:
        tenant = add_tenant(Registry(settings.setting("SYNC_DATA_DIR")), context.instance,
                            **{k: v for k, v in config.model_dump().items() if v is not None})
    except TenantError as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None
    context.log.info(f"added {tenant.name}: credentials from {tenant.tripletex_consumer_token_env}, "
                     f"{tenant.tripletex_employee_token_env}, {tenant.telaris_token_env}")


class CompanyNameConfig(dg.Config):
    name: str


@dg.op(description="Unregisters a company and removes its partition key; its folder is kept.")
def remove_company_op(context: dg.OpExecutionContext, config: CompanyNameConfig) -> None:
    try:
        remove_tenant(Registry(settings.setting("SYNC_DATA_DIR")), context.instance, config.name)
    except TenantError as error:
        raise dg.Failure(description=str(error), allow_retries=False) from None
    context.log.info(f"removed {config.name}; its folder is kept")


@dg.job(description="Add a company from the Launchpad, as `sync-pipeline tenants add` does: its name, URLs and the "
                    "names of the variables holding its credentials (never the values).")
def add_company():
    add_company_op()


@dg.job(description="Remove a company from the Launchpad, as `sync-pipeline tenants remove` does.")
def remove_company():
    remove_company_op()


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=[tenant_health], jobs=[add_company, remove_company])
