"""The code location: every concern's definitions merged, plus resources and the executor."""

from __future__ import annotations

import dagster as dg

from sync_pipeline.defs import alerts, tenants
from sync_pipeline.defs.diagnostics import definitions as diagnostics
from sync_pipeline.defs.extract import definitions as extract
from sync_pipeline.defs.linking import definitions as linking
from sync_pipeline.defs.resources import resources
from sync_pipeline.defs.sync import definitions as sync
from sync_pipeline.defs.webhooks import definitions as webhooks

# Steps run one after another in the run's process: they share one DuckDB file, which takes a single writer.
# Scale-out comes from many runs (one per tenant and file), not from parallel steps on one file.
defs = dg.Definitions.merge(
    extract.definitions(),
    sync.definitions(),
    webhooks.definitions(),
    diagnostics.definitions(),
    linking.definitions(),
    alerts.definitions(),
    tenants.definitions(),
    dg.Definitions(resources=resources(), executor=dg.in_process_executor),
)
