"""Alerts: a failed run, or a diagnostic check at ERROR, is posted to `SYNC_ALERT_WEBHOOK_URL` (Slack-compatible JSON,
`{"text": …}`) naming the company and the reason — once per change of state, and the recovery too, so a channel hears
"sync failed" once, not every five minutes, and hears when it works again.

One polling sensor reads Dagster's run records (finished since the time in its cursor) and the latest evaluation of
each asset check, and keeps which (company, job) and (company, check) are failing in the cursor. An alert whose post
fails is kept for the next tick (the cursor stops just before it), and what was posted is never posted again. The
first tick after switching on starts from then: a deployment's history is not replayed into the channel.
(Run records, not the event log: the default SQLite event log is sharded by run and has no global event order.)
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime

import dagster as dg
import requests
from dagster._core.events import DagsterEventType

from sync_pipeline.defs.partitions import MULTI_TENANT, TENANTS
from sync_pipeline.defs.run_queue import SINGLE_FILE, job_in_words, tenant_of
from sync_pipeline.settings import multi_tenant

URL_VARIABLE = "SYNC_ALERT_WEBHOOK_URL"
RUNS_PER_TICK = 500
POSTS_PER_TICK = 20  # each post may take seconds; a sensor tick has 60
CHECKS_PER_COMPANY = 3  # evaluations read back per company and check to find each company's latest


def _failure_reason(instance: dg.DagsterInstance, run_id: str) -> str:
    """The first failed step's error, first line: what an operator needs to start."""
    for entry in instance.all_logs(run_id, of_type=DagsterEventType.STEP_FAILURE):
        error = entry.dagster_event.event_specific_data.error
        while error is not None and error.cause is not None:  # Dagster's wrapper → the exception the step raised
            error = error.cause
        if error is not None:
            return f"{entry.dagster_event.step_key}: {error.message.strip().splitlines()[0]}"[:500]
    return "see the run's log in the Dagster UI"


ALL_COMPANIES = "all companies"  # a run of no one company in a deployment with companies (tenant_health, say)


def _scope_of(tags: dict[str, str]) -> str:
    """Whom an alert is about: the run's company; with companies, a run of none is about them all, not "default"."""
    return tenant_of(tags) or (ALL_COMPANIES if multi_tenant() else SINGLE_FILE)


def _run_states(instance: dg.DagsterInstance, after: float) -> list[tuple[float, str, bool, str]]:
    """(update time, state key, healthy, words) of every run finished since `after`, oldest first."""
    records = instance.get_run_records(
        dg.RunsFilter(statuses=[dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE],
                      updated_after=datetime.fromtimestamp(after, UTC)),
        order_by="update_timestamp", ascending=True, limit=RUNS_PER_TICK)
    states = []
    for record in records:
        run = record.dagster_run
        healthy = run.status == dg.DagsterRunStatus.SUCCESS
        job = job_in_words(run.job_name)
        words = (f"{job} succeeded again" if healthy else
                 f"{job} failed (run {run.run_id[:8]}): {_failure_reason(instance, run.run_id)}")
        states.append((record.update_timestamp.timestamp(), f"{_scope_of(run.tags)}/run/{job}", healthy, words))
    return states


def _company_of_run(instance: dg.DagsterInstance, run_id: str) -> str:
    run = instance.get_run_by_id(run_id)
    return _scope_of(run.tags) if run else "unknown"


def _check_states(context: dg.SensorEvaluationContext) -> list[tuple[None, str, bool, str]]:
    """The latest evaluation of each asset check, per company (its partition; the single company's has none):
    failing only when it failed at ERROR."""
    if context.repository_def is None:
        return []
    companies = len(context.instance.get_dynamic_partitions(TENANTS.name)) if MULTI_TENANT else 1
    states = []
    for key in context.repository_def.asset_graph.asset_check_keys:
        latest: dict[str, dg.AssetCheckEvaluation] = {}
        for record in context.instance.event_log_storage.get_asset_check_execution_history(
                key, limit=CHECKS_PER_COMPANY * companies + 10):  # newest first
            evaluation = record.event.dagster_event.event_specific_data if record.event else None
            if isinstance(evaluation, dg.AssetCheckEvaluation):  # planned or skipped: nothing was found out
                latest.setdefault(record.partition or _company_of_run(context.instance, record.run_id), evaluation)
        for company, evaluation in latest.items():
            failing = not evaluation.passed and evaluation.severity == dg.AssetCheckSeverity.ERROR
            words = (f"check {key.name} at ERROR: {evaluation.description or ''}".strip() if failing
                     else f"check {key.name} passes again")
            states.append((None, f"{company}/check/{key.name}", not failing, words))
    return states


def post(url: str, text: str) -> None:
    try:
        answer = requests.post(url, json={"text": text}, timeout=10)
    except requests.RequestException as exc:  # the URL of a chat webhook is a secret: never in the message
        raise RuntimeError(f"the alert could not be posted to {URL_VARIABLE}: {type(exc).__name__}") from None
    if answer.status_code >= 300:
        raise RuntimeError(f"the alert was refused by {URL_VARIABLE}: HTTP {answer.status_code}")


@dg.sensor(name="alerts", minimum_interval_seconds=30,
           default_status=dg.DefaultSensorStatus.RUNNING if os.environ.get(URL_VARIABLE)
           else dg.DefaultSensorStatus.STOPPED,
           description=f"Posts a failed run or a diagnostic at ERROR to {URL_VARIABLE}, naming the company and the "
                       "reason, once per change of state; and the recovery.")
def alerts(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    url = os.environ.get(URL_VARIABLE)
    if not url:
        return dg.SkipReason(f"{URL_VARIABLE} is not set: no alerts are posted")
    if not context.cursor:  # switched on: from now on, not the deployment's whole history
        context.update_cursor(json.dumps({"runs_after": time.time(), "failing": []}))
        return dg.SkipReason("alerts start now; earlier runs are not posted")
    cursor = json.loads(context.cursor)
    failing, runs_after = set(cursor["failing"]), cursor["runs_after"]
    posted, refused = 0, None
    for finished_at, key, healthy, words in [*_run_states(context.instance, runs_after), *_check_states(context)]:
        if healthy != (key not in failing):  # a change of state
            if posted >= POSTS_PER_TICK:  # a wide outage: the rest next tick, within the sensor's time
                refused = RuntimeError(f"{POSTS_PER_TICK} posted this tick, the rest follow")
                break
            try:
                scope = key.split("/", 1)[0]
                whom = scope if scope == ALL_COMPANIES else f"company {scope}"
                post(url, f"{'✅' if healthy else '🔴'} sync_pipeline · {whom}: {words}")
            except RuntimeError as error:  # keep what was posted; this one and the rest come again next tick
                refused = error
                break
            posted += 1
            (failing.discard if healthy else failing.add)(key)
        if finished_at is not None:
            runs_after = finished_at
    context.update_cursor(json.dumps({"runs_after": runs_after, "failing": sorted(failing)}))
    if refused is not None:
        return dg.SkipReason(f"{posted} alerts posted, then: {refused} (tried again next tick)")
    return dg.SkipReason(f"{posted} alerts posted; {len(failing)} still failing")


def definitions() -> dg.Definitions:
    return dg.Definitions(sensors=[alerts])
