"""The webhook path in Dagster: a sensor that turns landed deliveries into few runs, the run that applies them, and
the job (with an hourly schedule) that keeps the subscriptions alive.

Tripletex → receiver (files in landing/tripletex/incoming) → sensor `tripletex_webhooks` → run
`tripletex_webhook_sync` (refresh the named records, the usual diff and apply) → the sensor settles the run's files.
"""

from __future__ import annotations

import hashlib
import os

import dagster as dg

from sync_pipeline.defs.extract.definitions import DUCKDB_WRITER_TAGS
from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.sync.assets import parked_records, sync_applied, sync_plan
from sync_pipeline.defs.sync.definitions import sync_job
from sync_pipeline.defs.webhooks.assets import (
    MAX_FILES_PER_RUN,
    tripletex_webhook_changes,
    tripletex_webhook_subscriptions,
    webhook_assets,
)
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.words import counted

ACTIVE = [dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED, dg.DagsterRunStatus.STARTING,
          dg.DagsterRunStatus.STARTED]
FINISHED_BADLY = {dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}

webhook_sync_job = dg.define_asset_job(
    name="tripletex_webhook_sync",
    selection=dg.AssetSelection.assets(tripletex_webhook_changes, sync_plan, sync_applied, parked_records),
    description="Apply landed Tripletex webhook deliveries: refresh the named records, then the usual diff and "
                "apply (a linked customer is patched in Telaris, suppliers patched or imported, new customers never "
                "imported). Started by the sensor `tripletex_webhooks`.",
    tags=DUCKDB_WRITER_TAGS,
)

ensure_subscriptions_job = dg.define_asset_job(
    name="ensure_webhook_subscriptions",
    selection=dg.AssetSelection.assets(tripletex_webhook_subscriptions),
    description="Make the six Tripletex subscriptions exist, point at SYNC_WEBHOOK_PUBLIC_URL and be ACTIVE.",
    tags=DUCKDB_WRITER_TAGS,  # it records what it found, for the diagnostics
)


@dg.schedule(job=ensure_subscriptions_job, cron_schedule="7 * * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Hourly: a subscription Tripletex disabled is recreated, and a catch-up sync requested.")
def hourly_webhook_subscriptions():
    return dg.RunRequest()


def settle_finished_runs(instance: dg.DagsterInstance, landing: Landing) -> dict[str, int]:
    """Files claimed by a run that ended go to processed/ (success) or back to incoming/ (failure, or failed/ after
    too many): nothing is deleted unprocessed, and a run that died leaves nothing stranded."""
    totals = {"processed": 0, "retried": 0, "failed": 0}
    for batch in landing.claimed_batches():
        run = instance.get_run_by_id(batch)
        if run is None or run.status not in (FINISHED_BADLY | {dg.DagsterRunStatus.SUCCESS}):
            continue
        succeeded = run.status == dg.DagsterRunStatus.SUCCESS
        counts = landing.settle(batch, succeeded, "" if succeeded else
                                f"run {batch} ended {run.status.value}; its log in the Dagster UI says why")
        for key, n in counts.items():
            totals[key] += n
    return totals


def batch_key(names: list[str], last_run_id: str | None) -> str:
    """The same files after the same last run give the same key, so a re-evaluated tick starts nothing twice; a run
    that failed before taking its files changes the last run, so the files are asked for again."""
    digest = hashlib.sha256("\n".join([last_run_id or "-", *names]).encode()).hexdigest()[:24]
    return f"webhooks-{digest}"


# Stopped by default like the schedules; `make ui` (against the sandboxes) sets SYNC_SENSORS_RUNNING=1.
SENSOR_STATUS = (dg.DefaultSensorStatus.RUNNING if os.environ.get("SYNC_SENSORS_RUNNING") == "1"
                 else dg.DefaultSensorStatus.STOPPED)


@dg.sensor(name="tripletex_webhooks", jobs=[webhook_sync_job, sync_job], minimum_interval_seconds=5,
           default_status=SENSOR_STATUS,
           description="Reads landing/tripletex/ only (never DuckDB): settles the files of finished webhook runs and "
                       "starts one run for the deliveries waiting, unless one is already queued or running (it will "
                       "take everything landed meanwhile). Also starts a catch-up `sync` when subscriptions were down.")
def tripletex_webhooks(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    landing = Landing(warehouse.data_dir)
    settled = settle_finished_runs(context.instance, landing)
    requests = []
    if (reason := landing.take_catch_up()) is not None:
        requests.append(dg.RunRequest(job_name=sync_job.name, tags={"sync_pipeline/catch_up": reason[:200]},
                                      run_key=f"catch-up-{hashlib.sha256(reason.encode()).hexdigest()[:12]}-"
                                              f"{context.cursor or 0}"))
    waiting = landing.incoming(limit=MAX_FILES_PER_RUN)
    runs = context.instance.get_run_records(dg.RunsFilter(job_name=webhook_sync_job.name), limit=1)
    last = runs[0].dagster_run if runs else None
    busy = last is not None and last.status in ACTIVE
    if waiting and not busy:
        requests.append(dg.RunRequest(job_name=webhook_sync_job.name,
                                      run_key=batch_key(waiting, last.run_id if last else None),
                                      tags={"sync_pipeline/webhook_deliveries": str(len(waiting))}))
    said = f"{counted(len(waiting), 'delivery')} waiting" + (f" (run {last.run_id[:8]} will take them)" if busy else "")
    if any(settled.values()):
        said += "; settled " + ", ".join(f"{n} {k}" for k, n in settled.items() if n)
    cursor = str(int(context.cursor or 0) + 1)
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    return dg.SensorResult(skip_reason=said, cursor=cursor)


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=webhook_assets, jobs=[webhook_sync_job, ensure_subscriptions_job],
                          schedules=[hourly_webhook_subscriptions], sensors=[tripletex_webhooks])
