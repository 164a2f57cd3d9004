"""Sync jobs and their schedules: the 5-minute incremental sync, the nightly full reconciliation, and
`apply_patches`, the hand-run materialisation of `sync_applied` (a dry run unless told otherwise)."""

import dagster as dg

from sync_pipeline.defs.extract.assets import GROUP as EXTRACT_GROUP
from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.extract.definitions import DUCKDB_WRITER_TAGS
from sync_pipeline.defs.sync.assets import GROUP, sync_assets

SYNC_SELECTION = dg.AssetSelection.groups(EXTRACT_GROUP, GROUP, "operator")

sync_job = dg.define_asset_job(
    name="sync",
    selection=SYNC_SELECTION,
    description="Extract changes from both systems, diff against base, apply the patches, handle invoice-export "
                "customers. Writes by default: this is what the 5-minute schedule runs.",
    tags=DUCKDB_WRITER_TAGS,
)

sync_full_job = dg.define_asset_job(
    name="sync_full",
    selection=SYNC_SELECTION,
    description="The nightly safety net: a full extraction of both systems (deletions noticed), then the sync.",
    tags=DUCKDB_WRITER_TAGS,
    config={"ops": {asset.key.to_python_identifier(): {"config": {"full": True}} for asset in extract_assets}},
)


apply_patches_job = dg.define_asset_job(
    name="apply_patches",
    selection=dg.AssetSelection.assets("sync_applied"),
    description="Send what the last plan put in the outbox, by hand. A dry run by default (it lists the requests "
                "it would send); set dry_run: false in the Launchpad to send.",
    tags=DUCKDB_WRITER_TAGS,
    config={"ops": {"sync_applied": {"config": {"dry_run": True}}}},
)


def _skip_if_running(context: dg.ScheduleEvaluationContext, job_name: str) -> dg.SkipReason | None:
    active = context.instance.get_run_records(dg.RunsFilter(
        job_name=job_name,
        statuses=[dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
                  dg.DagsterRunStatus.STARTED],
    ), limit=1)
    if active:
        return dg.SkipReason(f"{job_name} run {active[0].dagster_run.run_id} is still going")
    return None


@dg.schedule(job=sync_job, cron_schedule="*/5 * * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Every five minutes; a tick is skipped while the previous sync still runs.")
def sync_every_5_minutes(context: dg.ScheduleEvaluationContext):
    return _skip_if_running(context, "sync") or dg.RunRequest()


@dg.schedule(job=sync_full_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Oslo",
             default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Nightly full reconciliation at 02:00 Oslo time, as Tripletex itself advises.")
def nightly_full_sync(context: dg.ScheduleEvaluationContext):
    return _skip_if_running(context, "sync_full") or dg.RunRequest()


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=sync_assets, jobs=[sync_job, sync_full_job, apply_patches_job],
                          schedules=[sync_every_5_minutes, nightly_full_sync])
