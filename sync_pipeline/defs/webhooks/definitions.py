"""The webhook path in Dagster: a sensor that turns landed deliveries into few runs, the run that applies them, and
the job (with an hourly schedule) that keeps the subscriptions alive.

Tripletex → receiver (files in landing/tripletex/incoming) → sensor `tripletex_webhooks` → run
`tripletex_webhook_sync` (refresh the named records, the usual diff and apply) → when it ends, a run status sensor
settles the run's files.
"""

from __future__ import annotations

import hashlib
import json
import time

import dagster as dg

from sync_pipeline.defs.cadence import SENSOR_STATUS
from sync_pipeline.defs.partitions import ACTIVE, TENANTS, requests_per_company
from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.run_queue import SINGLE_FILE as SINGLE
from sync_pipeline.defs.run_queue import tenant_of
from sync_pipeline.defs.sync.assets import parked_records, sync_applied, sync_plan, sync_settled
from sync_pipeline.defs.sync.definitions import sync_job
from sync_pipeline.defs.webhooks.assets import (
    MAX_FILES_PER_RUN,
    tripletex_webhook_changes,
    tripletex_webhook_subscriptions,
    webhook_assets,
)
from sync_pipeline.tenants.company import Company, companies, company
from sync_pipeline.tenants.registry import TenantError
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.words import counted

FINISHED = (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED)

webhook_sync_job = dg.define_asset_job(
    name="tripletex_webhook_sync",
    selection=dg.AssetSelection.assets(tripletex_webhook_changes, sync_plan, sync_applied, parked_records,
                                       sync_settled),
    description="Apply landed Tripletex webhook deliveries: refresh the named records, then the usual diff and "
                "apply (a linked customer is patched in Telaris, suppliers patched or imported, new customers never "
                "imported), and settle as a sync does, so the change probe takes the run's writes for no change. "
                "Started by the sensor `tripletex_webhooks`.",
)

ensure_subscriptions_job = dg.define_asset_job(
    name="ensure_webhook_subscriptions",
    selection=dg.AssetSelection.assets(tripletex_webhook_subscriptions),
    description="Make the six Tripletex subscriptions exist, point at SYNC_WEBHOOK_PUBLIC_URL and be ACTIVE.",
)


@dg.schedule(job=ensure_subscriptions_job, cron_schedule="7 * * * *", default_status=dg.DefaultScheduleStatus.STOPPED,
             description="Hourly: a subscription Tripletex disabled is recreated, and a catch-up sync requested.")
def hourly_webhook_subscriptions(context: dg.ScheduleEvaluationContext):
    return requests_per_company(context, ensure_subscriptions_job.name)


# A batch whose run ended this long ago and is still claimed was missed by the run status sensors (they see only runs
# that end while they are running: stopped, or the run ended before they were first switched on).
STRANDED_AFTER_SECONDS = 120.0


def settle_run(landing: Landing, run_id: str, status: dg.DagsterRunStatus) -> dict[str, int]:
    """The files claimed by a run that ended go to processed/ (success) or back to incoming/ (failure, or failed/
    after too many): nothing is deleted unprocessed."""
    succeeded = status == dg.DagsterRunStatus.SUCCESS
    return landing.settle(run_id, succeeded, "" if succeeded else
                          f"run {run_id} ended {status.value}; its log in the Dagster UI says why")


def sweep_stranded(instance: dg.DagsterInstance, landing: Landing) -> dict[str, int]:
    """Settle batches the run status sensors missed: their run ended more than STRANDED_AFTER_SECONDS ago, or no
    longer exists (deleted in the UI: its files go back to incoming/). A run that died leaves nothing stranded."""
    older_than = STRANDED_AFTER_SECONDS
    totals = {"processed": 0, "retried": 0, "failed": 0}
    for batch in landing.claimed_batches():
        record = instance.get_run_record_by_id(batch)
        if record is None:
            status = dg.DagsterRunStatus.CANCELED
        elif record.dagster_run.status in FINISHED and time.time() - (record.end_time or 0) > older_than:
            status = record.dagster_run.status
        else:
            continue
        for key, n in settle_run(landing, batch, status).items():
            totals[key] += n
    return totals


def batch_key(names: list[str], last_run_id: str | None) -> str:
    """The same files after the same last run give the same key, so a re-evaluated tick starts nothing twice; a run
    that failed before taking its files changes the last run, so the files are asked for again."""
    digest = hashlib.sha256("\n".join([last_run_id or "-", *names]).encode()).hexdigest()[:24]
    return f"webhooks-{digest}"


def catch_ups_taken(cursor: str | None) -> dict[str, list[str]]:
    """Per company, the catch-up requests whose run the last committed tick asked for (a cursor of an earlier
    version, a plain list, was the single company's)."""
    try:
        taken = json.loads(cursor or "{}").get("catch_up_taken", {})
    except (ValueError, AttributeError):
        return {}
    return {SINGLE: list(taken)} if isinstance(taken, list) else {name: list(v) for name, v in taken.items()}


# The daemon's sensor loop comes round every 5 s at best. An interval of exactly 5 makes every other round fall a few
# milliseconds short of it, so ticks came 10 s apart; 1 lets every round evaluate.
TICK_SECONDS = 1


def _partition(company: Company) -> dict[str, str]:
    """A run request's partition (and the run key's company part): none for the single company."""
    return {"partition_key": company.name} if company.is_tenant else {}


def _company_requests(instance: dg.DagsterInstance, company: Company, taken: list[str],
                      said: list[str]) -> tuple[list[dg.RunRequest], list[str]]:
    """One company's run requests: a catch-up `sync` when its subscriptions were down, and a webhook run for its
    waiting deliveries unless one of its webhook runs is already queued or running (that one takes them)."""
    landing = Landing(company.data_dir)
    landing.forget_catch_up(taken)
    settled = sweep_stranded(instance, landing)
    requests = []
    pending = {name: reason for name, reason in landing.catch_up_requests().items() if name not in taken}
    if pending:
        reasons = "; ".join(dict.fromkeys(pending.values()))
        digest = hashlib.sha256("\n".join([company.name, *pending]).encode()).hexdigest()[:16]
        requests.append(dg.RunRequest(job_name=sync_job.name, tags={"sync_pipeline/catch_up": reasons[:200]},
                                      run_key=f"catch-up-{digest}", **_partition(company)))
    waiting = landing.incoming(limit=MAX_FILES_PER_RUN)
    if not waiting and not any(settled.values()):
        return requests, sorted(pending)
    tags = {"dagster/partition": company.name} if company.is_tenant else None
    runs = instance.get_run_records(dg.RunsFilter(job_name=webhook_sync_job.name, tags=tags), limit=1)
    last = runs[0].dagster_run if runs else None
    busy = last is not None and last.status in ACTIVE
    if waiting and not busy:
        requests.append(dg.RunRequest(job_name=webhook_sync_job.name,
                                      run_key=batch_key([company.name, *waiting], last.run_id if last else None),
                                      tags={"sync_pipeline/webhook_deliveries": str(len(waiting))},
                                      **_partition(company)))
    who = f"{company.name}: " if company.is_tenant else ""
    words = f"{who}{counted(len(waiting), 'delivery')} waiting" + (
        f" (run {last.run_id[:8]} will take them)" if busy else "")
    if any(settled.values()):
        words += "; settled stranded files: " + ", ".join(f"{n} {k}" for k, n in settled.items() if n)
    said.append(words)
    return requests, sorted(pending)


@dg.sensor(name="tripletex_webhooks", jobs=[webhook_sync_job, sync_job], minimum_interval_seconds=TICK_SECONDS,
           default_status=SENSOR_STATUS,
           description="Reads the landing folders only (never DuckDB): per company, starts one run for the deliveries "
                       "waiting, unless one is already queued or running (it will take everything landed meanwhile), "
                       "and a catch-up `sync` when subscriptions were down. Files of finished runs are settled by the "
                       "tripletex_webhook_run_* sensors; this one sweeps up batches they missed.")
def tripletex_webhooks(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    # A catch-up request is forgotten only once a committed tick (its cursor) asked for its run: a tick that fails
    # after reading it changes nothing, and the next one asks again (with the same run key, so never twice).
    taken = catch_ups_taken(context.cursor)
    requests, said, asked = [], [], {}
    registered = set(context.instance.get_dynamic_partitions(TENANTS.name))
    for one in companies(warehouse.data_dir):
        if one.is_tenant and one.name not in registered:  # in the registry, not (yet) a partition: no run for it
            said.append(f"{one.name}: registered but not a partition of '{TENANTS.name}' (re-add it)")
            continue
        try:
            wanted, pending = _company_requests(context.instance, one, taken.get(one.name, []), said)
        except OSError as error:  # one company's unreadable folder holds up nobody else's deliveries
            said.append(f"{one.name}: its landing folder cannot be read: {error}")
            continue
        requests += wanted
        if pending:
            asked[one.name] = pending
    cursor = json.dumps({"catch_up_taken": asked})
    if requests:
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    return dg.SensorResult(skip_reason="; ".join(said) or "no deliveries waiting", cursor=cursor)


def settling_sensor(status: dg.DagsterRunStatus) -> dg.RunStatusSensorDefinition:
    """Settles a webhook run's files the moment the daemon sees it end with `status` (one sensor per status: a run
    status sensor watches one)."""

    @dg.run_status_sensor(name=f"tripletex_webhook_run_{status.value.lower()}", run_status=status,
                          monitored_jobs=[webhook_sync_job], minimum_interval_seconds=TICK_SECONDS,
                          default_status=SENSOR_STATUS,
                          description=f"When a `tripletex_webhook_sync` run ends {status.value}, its claimed files go "
                                      + ("to processed/." if status == dg.DagsterRunStatus.SUCCESS else
                                         "back to incoming/ (to failed/ after three failures)."))
    def settle(context: dg.RunStatusSensorContext, warehouse: WarehouseResource) -> None:
        # logged, not returned as a SkipReason: a skip would end the evaluation after the first of several runs
        run_id = context.dagster_run.run_id
        try:
            folder = company(tenant_of(context.dagster_run.tags), warehouse.data_dir).data_dir
        except TenantError as gone:  # removed while its run went on: nothing of it is watched any more
            context.log.warning(f"run {run_id[:8]}: {gone}")
            return
        counts = settle_run(Landing(folder), run_id, status)
        context.log.info(f"run {run_id[:8]} ended {status.value}: "
                         + (", ".join(f"{n} {k}" for k, n in counts.items() if n) or "no files claimed"))

    return settle


settling_sensors = [settling_sensor(status) for status in FINISHED]


def definitions() -> dg.Definitions:
    return dg.Definitions(assets=webhook_assets, jobs=[webhook_sync_job, ensure_subscriptions_job],
                          schedules=[hourly_webhook_subscriptions], sensors=[tripletex_webhooks, *settling_sensors])
