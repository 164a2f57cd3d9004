"""How fresh the synced tables are expected to be, declared on the assets so that a stalled sync shows in the UI
(Freshness on the asset, and in the asset health) without anyone reading logs. Evaluated by the daemon
(`freshness: enabled` in dagster.yaml)."""

from datetime import timedelta

import dagster as dg

# With the 5-minute schedule on: three missed cycles warn, an hour without a sync fails. Webhook runs refresh
# sync_plan and sync_applied as well; the nightly full reconcile is no substitute for either.
SYNC_CADENCE = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=1), warn_window=timedelta(minutes=15))
