"""Sync jobs and their schedules: the 5-minute incremental sync, the nightly full reconciliation, and
`apply_patches`, the hand-run materialisation of `sync_applied` (a dry run unless told otherwise)."""

import zlib

import dagster as dg

from sync_pipeline.defs.extract.assets import GROUP as EXTRACT_GROUP
from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.partitions import MULTI_TENANT, TENANTS
from sync_pipeline.defs.sync.assets import GROUP, sync_assets

SYNC_SELECTION = dg.AssetSelection.groups(EXTRACT_GROUP, GROUP, "operator")

sync_job = dg.define_asset_job(
    name="sync",
    selection=SYNC_SELECTION,
    description="Extract changes from both systems, diff against base, apply the patches, handle invoice-export "
                "customers. Writes by default: this is what the 5-minute schedule runs.",
)

sync_full_job = dg.define_asset_job(
    name="sync_full",
    selection=SYNC_SELECTION,
    description="The nightly safety net: a full extraction of both systems (deletions noticed), then the sync.",
    config={"ops": {asset.key.to_python_identifier(): {"config": {"full": True}} for asset in extract_assets}},
)


apply_patches_job = dg.define_asset_job(
    name="apply_patches",
    selection=dg.AssetSelection.assets("sync_applied"),
    description="Send what the last plan put in the outbox, by hand. A dry run by default (it lists the requests "
                "it would send); set dry_run: false in the Launchpad to send.",
    config={"ops": {"sync_applied": {"config": {"dry_run": True}}}},
)


ACTIVE = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
          dg.DagsterRunStatus.STARTED]


def _active_companies(context: dg.ScheduleEvaluationContext, job_name: str) -> dict[str, str]:
    """The companies (partition keys; '' for the single company) with a run of the job still going, and its id."""
    records = context.instance.get_run_records(dg.RunsFilter(job_name=job_name, statuses=ACTIVE))
    return {record.dagster_run.tags.get("dagster/partition", ""): record.dagster_run.run_id for record in records}


def _requests(context: dg.ScheduleEvaluationContext, job_name: str, names: list[str] | None = None):
    """A run for each company whose previous run of the job has ended (one company without tenants); a company still
    running is skipped this tick rather than queued twice."""
    active = _active_companies(context, job_name)
    if not MULTI_TENANT:
        if "" in active:
            return dg.SkipReason(f"{job_name} run {active['']} is still going")
        return dg.RunRequest()
    wanted = context.instance.get_dynamic_partitions(TENANTS.name) if names is None else names
    requests = [dg.RunRequest(partition_key=name) for name in wanted if name not in active]
    return requests or dg.SkipReason(f"no company due ({len(wanted)} due, {len(active)} still running)")


@dg.schedule(job=sync_job, cron_schedule="*/5 * * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Every five minutes, every company; a company whose previous sync still runs is skipped. "
                         "With many companies, prefer the sensor `company_changes`: it starts runs only for companies "
                         "with changes.")
def sync_every_5_minutes(context: dg.ScheduleEvaluationContext):
    return _requests(context, "sync")


# The nightly full reconcile: one company at 02:00 Oslo time, as Tripletex itself advises; many companies spread over
# 01:00-04:59 in ten-minute slots (a company's slot is fixed by its name), so that a thousand full extractions do not
# start at once.
NIGHT_SLOTS = 24


def night_slot(name: str) -> int:
    return zlib.crc32(name.encode()) % NIGHT_SLOTS


@dg.schedule(job=sync_full_job, cron_schedule="*/10 1-4 * * *" if MULTI_TENANT else "0 2 * * *",
             execution_timezone="Europe/Oslo", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Nightly full reconciliation (deletions noticed): at 02:00 Oslo time; with many companies, "
                         "each in its own ten-minute slot between 01:00 and 05:00.")
def nightly_full_sync(context: dg.ScheduleEvaluationContext):
    if not MULTI_TENANT:
        return _requests(context, "sync_full")
    when = context.scheduled_execution_time
    slot = (when.hour - 1) * 6 + when.minute // 10
    due = [name for name in context.instance.get_dynamic_partitions(TENANTS.name) if night_slot(name) == slot]
    return _requests(context, "sync_full", due)


def definitions() -> dg.Definitions:
    from sync_pipeline.defs.sync.probe_sensor import company_changes

    return dg.Definitions(assets=sync_assets, jobs=[sync_job, sync_full_job, apply_patches_job],
                          schedules=[sync_every_5_minutes, nightly_full_sync], sensors=[company_changes])
