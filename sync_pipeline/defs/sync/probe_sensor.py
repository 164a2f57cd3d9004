"""The cadence paid for by changes, not by companies: every PROBE_SECONDS the sensor `company_changes` asks each
company's two systems whether anything changed since its last look (`tenants.probe`: a few requests, 304s when
idle) and starts a `sync` run only for the companies where something did. A thousand idle companies cost a few
thousand cheap requests a tick instead of a thousand runs (each a process importing Dagster and the project).

What each company's last probe saw lives in the sensor's cursor, committed with the tick, unless a sync of the
company published a newer baseline after its last write (tenants.settled): its own writes are no change. A company
whose sync is still queued or running keeps its old state, so its next probe says "changed" again and nothing is
lost; the nightly full reconcile stays the safety net for what a probe cannot see (Tripletex calls its digest
experimental).

A Tripletex change also arrives as a webhook, and the webhook run settles as a sync does: a company whose webhook run
is queued or running, or whose deliveries waiting for one all landed within WEBHOOK_WAIT_SECONDS, is asked again next
tick instead of synced now. A Tripletex change then costs one run (the webhook's), not that run and a sync. Runs are
looked at before and after the probe, so one that ends (and publishes its baseline) while the probe asks still counts.
"""

import json
import time
from datetime import UTC, datetime

import dagster as dg

from sync_pipeline.defs.cadence import PROBE_SECONDS, PROBE_STATUS
from sync_pipeline.defs.partitions import TENANTS, active_companies
from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.run_queue import SINGLE_FILE, tenant_of
from sync_pipeline.defs.sync.definitions import sync_job
from sync_pipeline.defs.webhooks.definitions import webhook_sync_job
from sync_pipeline.tenants.company import Company, companies
from sync_pipeline.tenants.probe import ProbeState, cursor_of, probe_many, states_of
from sync_pipeline.tenants.settled import published
from sync_pipeline.webhooks.landing import only_fresh_waiting
from sync_pipeline.words import counted

# A sync the sensor started that failed is tried again this long after (its change is behind the probe state now):
# the failure is alerted, and the retry keeps a passing fault from waiting for the nightly reconcile.
RETRY_SECONDS = 300
# A delivery waiting longer is one the webhook sensor should have started a run for a while ago: it may be stopped,
# and the probe syncs the company itself.
WEBHOOK_WAIT_SECONDS = 60


def _read(cursor: str | None) -> tuple[dict, dict[str, float], float | None]:
    """Probe states, retries due per company, and since when failed syncs have been looked at (an earlier cursor
    held the probe states alone)."""
    try:
        data = json.loads(cursor) if cursor else {}
    except ValueError:
        data = {}
    if isinstance(data, dict) and "states" in data:
        return states_of(json.dumps(data["states"])), dict(data.get("retry", {})), data.get("failed_after")
    return states_of(cursor), {}, None


def _failed_syncs(instance: dg.DagsterInstance, after: float | None) -> set[str]:
    """The companies whose sync failed since `after` (the single company is 'default')."""
    if after is None:
        return set()
    records = instance.get_run_records(dg.RunsFilter(job_name=sync_job.name, statuses=[dg.DagsterRunStatus.FAILURE],
                                                     updated_after=datetime.fromtimestamp(after, UTC)))
    return {tenant_of(record.dagster_run.tags) or SINGLE_FILE for record in records}


def _busy(instance: dg.DagsterInstance, every: list[Company]) -> set[str]:
    """The companies (partition keys; '' for the single company) whose sync or webhook run is queued or going, or
    whose fresh webhook deliveries wait for their run: that run takes their change, and settles."""
    busy = set(active_companies(instance, sync_job.name)) | set(active_companies(instance, webhook_sync_job.name))
    for company in every:
        if only_fresh_waiting(company.data_dir, WEBHOOK_WAIT_SECONDS):
            busy.add(company.name if company.is_tenant else "")
    return busy


def _adopt_settled(states: dict[str, ProbeState], every: list[Company]) -> None:
    """A baseline a company's sync published after its last write (tenants.settled), newer than what the sensor
    knows, replaces it: the sync's own writes are then no change, and start no second run."""
    for company in every:
        baseline, known = published(company.data_dir), states.get(company.name)
        if baseline is not None and (baseline.since or 0) > ((known.since or 0) if known else 0):
            states[company.name] = baseline


@dg.sensor(name="company_changes", job=sync_job, minimum_interval_seconds=max(PROBE_SECONDS, 1),
           default_status=PROBE_STATUS,
           description="Asks every company's Tripletex (versionDigest → 304) and Telaris (updated_since, limit 1) "
                       "whether anything changed, and starts a sync only for those where something did: idle "
                       "companies cost requests, not runs. A sync that failed is tried again after five minutes.")
def company_changes(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    started, now = time.monotonic(), time.time()
    registered = set(context.instance.get_dynamic_partitions(TENANTS.name))
    every = [c for c in companies(warehouse.data_dir) if not c.is_tenant or c.name in registered]
    states, retry, failed_after = _read(context.cursor)
    _adopt_settled(states, every)
    for name in _failed_syncs(context.instance, failed_after):
        retry.setdefault(name, now + RETRY_SECONDS)
    # the companies looked at longest ago first: if a tick runs out of time, the same ones are not always last
    every.sort(key=lambda company: states[company.name].since or 0 if company.name in states else 0)
    busy_before = _busy(context.instance, every)
    results = probe_many(every, states)
    syncing = busy_before | _busy(context.instance, every)
    requests, waiting, failing = [], 0, 0
    for company in every:
        result = results[company.name]
        key = company.name if company.is_tenant else ""
        failing += result.new_state.error is not None
        due = retry.get(company.name, float("inf")) <= now
        if (result.changed or due) and key in syncing:  # its run may not see this change, or settles it: ask again
            waiting += 1
            continue
        if result.changed or due:
            reason = result.reason if result.changed else "its last sync failed: tried again"
            requests.append(dg.RunRequest(partition_key=company.name if company.is_tenant else None,
                                          tags={"sync_pipeline/probe": reason[:200]}))
            retry.pop(company.name, None)
        states[company.name] = result.new_state
    names = {company.name for company in every}
    cursor = json.dumps({"states": json.loads(cursor_of({name: states[name] for name in names if name in states})),
                         "retry": {name: at for name, at in retry.items() if name in names}, "failed_after": now})
    said = (f"{counted(len(every), 'company')} probed in {time.monotonic() - started:.1f} s: "
            f"{len(requests)} to sync" + (f", {waiting} changed while their run is due or going" if waiting else "")
            + (f", {failing} failing to answer" if failing else "")
            + (f", {len(retry)} failed syncs to try again" if retry else ""))
    if requests:
        context.log.info(said)
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    return dg.SensorResult(skip_reason=said, cursor=cursor)
