"""How fresh the synced tables are expected to be, declared on the assets so that a stalled sync shows in the UI
(Freshness on the asset, and in the asset health) without anyone reading logs. Evaluated by the daemon
(`freshness: enabled` in dagster.yaml)."""

import os
from datetime import timedelta

import dagster as dg

from sync_pipeline.settings import multi_tenant

# With the 5-minute schedule on: three missed cycles warn, an hour without a sync fails. Webhook runs refresh
# sync_plan and sync_applied as well; the nightly full reconcile is no substitute for either.
SYNC_CADENCE = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=1), warn_window=timedelta(minutes=15))

# Sensors are stopped by default like the schedules; `make ui` (against the sandboxes) sets SYNC_SENSORS_RUNNING=1.
SENSOR_STATUS = (dg.DefaultSensorStatus.RUNNING if os.environ.get("SYNC_SENSORS_RUNNING") == "1"
                 else dg.DefaultSensorStatus.STOPPED)
# How often the sensor `company_changes` asks every company whether anything changed (a change is then applied within
# about this long plus a run; webhooks stay the fast path). It runs by default where the other sensors do, in a
# deployment with tenants (SYNC_TENANTS=1); one company keeps the 5-minute schedule unless switched on in the UI.
# SYNC_PROBE_SECONDS=0 leaves it stopped.
PROBE_SECONDS = int(os.environ.get("SYNC_PROBE_SECONDS") or 60)
PROBE_STATUS = (SENSOR_STATUS if multi_tenant() and os.environ.get("SYNC_PROBE_SECONDS") != "0"
                else dg.DefaultSensorStatus.STOPPED)
