"""Sync jobs and their schedules: the 5-minute incremental sync, the nightly full reconciliation, and
`apply_patches`, the hand-run materialisation of `sync_applied` (a dry run unless told otherwise)."""

import zlib

import dagster as dg

from sync_pipeline.defs.extract.assets import GROUP as EXTRACT_GROUP
from sync_pipeline.defs.extract.assets import extract_assets
from sync_pipeline.defs.partitions import MULTI_TENANT, TENANTS, requests_per_company
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


@dg.schedule(job=sync_job, cron_schedule="*/5 * * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Every five minutes, every company; a company whose previous sync still runs is skipped. "
                         "With many companies, prefer the sensor `company_changes`: it starts runs only for companies "
                         "with changes.")
def sync_every_5_minutes(context: dg.ScheduleEvaluationContext):
    return requests_per_company(context, "sync")


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
        return requests_per_company(context, "sync_full")
    when = context.scheduled_execution_time
    slot = (when.hour - 1) * 6 + when.minute // 10
    due = [name for name in context.instance.get_dynamic_partitions(TENANTS.name) if night_slot(name) == slot]
    return requests_per_company(context, "sync_full", due)


def definitions() -> dg.Definitions:
    from sync_pipeline.defs.sync.probe_sensor import company_changes

    return dg.Definitions(assets=sync_assets, jobs=[sync_job, sync_full_job, apply_patches_job],
                          schedules=[sync_every_5_minutes, nightly_full_sync], sensors=[company_changes])
