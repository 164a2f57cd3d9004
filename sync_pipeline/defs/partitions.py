"""How the assets are partitioned: by company in a deployment with tenants, and the initial linking by kind too.

A deployment without tenants (the embedded default) serves one company and its assets have no partitions but the
linking's kinds. With `SYNC_TENANTS=1` every asset is partitioned by the dynamic partitions `tenants`, whose keys are
the registry's company names (added and removed at run time, without a restart), and the linking by company × kind:
one graph, whatever the number of companies, and a run, a backfill or a materialisation per company in the UI. The
run's resources find the company's folder and credentials from the partition key (`defs/resources.py`).
"""

from __future__ import annotations

import dagster as dg

from sync_pipeline import settings
from sync_pipeline.defs.run_queue import TENANTS as TENANTS_NAME
from sync_pipeline.domain.fields import Kind

TENANTS = dg.DynamicPartitionsDefinition(name=TENANTS_NAME)
KINDS = dg.StaticPartitionsDefinition([kind.value for kind in Kind])
MULTI_TENANT = settings.multi_tenant()  # read once, when the code location loads
# The partitions of every company-scoped asset, and of the linking assets.
COMPANY: dg.DynamicPartitionsDefinition | None = TENANTS if MULTI_TENANT else None
LINKING: dg.PartitionsDefinition = (dg.MultiPartitionsDefinition({"tenant": TENANTS, "kind": KINDS}) if MULTI_TENANT
                                    else KINDS)


def kind_of(context: dg.AssetExecutionContext) -> Kind:
    """The kind a linking step works on, whether its key is `customer` or `customer|fjord`."""
    key = context.partition_key
    if isinstance(key, dg.MultiPartitionKey):
        return Kind(key.keys_by_dimension["kind"])
    return Kind(key)


ACTIVE = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
          dg.DagsterRunStatus.STARTED]


def active_companies(instance: dg.DagsterInstance, job_name: str) -> dict[str, str]:
    """The companies (partition keys; '' for the single company) with a run of the job queued or going, and its id."""
    records = instance.get_run_records(dg.RunsFilter(job_name=job_name, statuses=ACTIVE))
    return {record.dagster_run.tags.get("dagster/partition", ""): record.dagster_run.run_id for record in records}


def requests_per_company(context: dg.ScheduleEvaluationContext, job_name: str, names: list[str] | None = None):
    """A run for each company whose previous run of the job has ended (one company without tenants); a company still
    running is skipped this tick rather than queued twice."""
    active = active_companies(context.instance, job_name)
    if not MULTI_TENANT:
        if "" in active:
            return dg.SkipReason(f"{job_name} run {active['']} is still going")
        return dg.RunRequest()
    wanted = context.instance.get_dynamic_partitions(TENANTS.name) if names is None else names
    requests = [dg.RunRequest(partition_key=name) for name in wanted if name not in active]
    return requests or dg.SkipReason(f"no company due ({len(wanted)} due, {len(active)} still running)")
