"""The cadence paid for by changes, not by companies: every PROBE_SECONDS the sensor `company_changes` asks each
company's two systems whether anything changed since its last look (`tenants.probe`: a few requests, 304s when
idle) and starts a `sync` run only for the companies where something did. A thousand idle companies cost a few
thousand cheap requests a tick instead of a thousand runs (each a process importing Dagster and the project).

What each company's last probe saw lives in the sensor's cursor, committed with the tick. A company whose sync is
still queued or running keeps its old state, so its next probe says "changed" again and nothing is lost; the nightly
full reconcile stays the safety net for what a probe cannot see (Tripletex calls its digest experimental).
"""

import time

import dagster as dg

from sync_pipeline.defs.cadence import PROBE_SECONDS, PROBE_STATUS
from sync_pipeline.defs.partitions import active_companies
from sync_pipeline.defs.resources import WarehouseResource
from sync_pipeline.defs.sync.definitions import sync_job
from sync_pipeline.tenants.company import companies
from sync_pipeline.tenants.probe import cursor_of, probe_many, states_of
from sync_pipeline.words import counted


@dg.sensor(name="company_changes", job=sync_job, minimum_interval_seconds=max(PROBE_SECONDS, 1),
           default_status=PROBE_STATUS,
           description="Asks every company's Tripletex (versionDigest → 304) and Telaris (updated_since, limit 1) "
                       "whether anything changed, and starts a sync only for those where something did: idle "
                       "companies cost requests, not runs.")
def company_changes(context: dg.SensorEvaluationContext, warehouse: WarehouseResource) -> dg.SensorResult:
    started = time.monotonic()
    every = companies(warehouse.data_dir)
    states = states_of(context.cursor)
    results = probe_many(every, states)
    syncing = active_companies(context.instance, sync_job.name)
    requests, waiting, failing = [], 0, 0
    for company in every:
        result = results[company.name]
        key = company.name if company.is_tenant else ""
        failing += result.new_state.error is not None
        if result.changed and key in syncing:  # its run may not see this change: ask again next tick
            waiting += 1
            continue
        if result.changed:
            requests.append(dg.RunRequest(partition_key=company.name if company.is_tenant else None,
                                          tags={"sync_pipeline/probe": result.reason[:200]}))
        states[company.name] = result.new_state
    cursor = cursor_of({company.name: states[company.name] for company in every if company.name in states})
    said = (f"{counted(len(every), 'company')} probed in {time.monotonic() - started:.1f} s: "
            f"{len(requests)} changed" + (f", {waiting} changed while syncing" if waiting else "")
            + (f", {failing} failing to answer" if failing else ""))
    if requests:
        context.log.info(said)
        return dg.SensorResult(run_requests=requests, cursor=cursor)
    return dg.SensorResult(skip_reason=said, cursor=cursor)
