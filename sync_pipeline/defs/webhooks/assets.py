"""Webhook assets: the records Tripletex announced, refreshed in DuckDB; and the subscriptions that announce them."""

import dagster as dg
import pandas as pd

from sync_pipeline.defs.partitions import COMPANY
from sync_pipeline.defs.resources import TripletexResource, TripletexWebhookResource, WarehouseResource
from sync_pipeline.engine import reports
from sync_pipeline.webhooks.landing import Landing
from sync_pipeline.webhooks.records import record_deliveries, record_subscriptions
from sync_pipeline.webhooks.refresh import refresh_from_deliveries
from sync_pipeline.webhooks.subscriptions import (
    ensure_subscriptions,
    missed_changes,
    public_url,
    subscription_credentials,
)
from sync_pipeline.words import counted

GROUP = "webhooks"
MAX_FILES_PER_RUN = 5000


class WebhookBatchConfig(dg.Config):
    max_files: int = MAX_FILES_PER_RUN
    """Deliveries one run takes at most; the rest wait for the next run."""
    keep_processed_days: float = 7.0
    """Files of successful runs are kept this long in processed/, then pruned."""


@dg.asset(group_name=GROUP, kinds={"duckdb"}, partitions_def=COMPANY,
          description="The Tripletex customers and suppliers named by landed webhook deliveries, fetched by id and "
                      "refreshed in DuckDB (a record Tripletex no longer has is marked deleted). The run takes the "
                      "deliveries waiting when it starts; the sensor settles them when it ends.")
def tripletex_webhook_changes(context: dg.AssetExecutionContext, config: WebhookBatchConfig,
                              warehouse: WarehouseResource, tripletex: TripletexResource) -> dg.MaterializeResult:
    landing = Landing(warehouse.folder())
    taken = landing.claim(context.run_id, config.max_files)
    deliveries = landing.read_claimed(context.run_id)
    with warehouse.warehouse().connect() as con:
        result = refresh_from_deliveries(con, tripletex.client(), deliveries)
        record_deliveries(con, deliveries, context.run_id)
    pruned = landing.prune_processed(config.keep_processed_days)
    events = pd.DataFrame([{"event": d.event, "id": d.object_id, "received_at": d.received_at.isoformat()}
                           for d in deliveries])
    by_event = events["event"].value_counts().to_dict() if not events.empty else {}
    context.log.info(f"{counted(len(taken), 'webhook delivery')}: "
                     + (", ".join(f"{n} {e}" for e, n in by_event.items()) or "none waiting"))
    return dg.MaterializeResult(metadata={
        "deliveries": dg.MetadataValue.int(len(taken)),
        "records_refreshed": dg.MetadataValue.json(result.refreshed),
        "marked_deleted": dg.MetadataValue.json(result.deleted),
        "by_event": dg.MetadataValue.json(by_event),
        "processed_files_pruned": dg.MetadataValue.int(pruned),
        "deliveries_preview": dg.MetadataValue.md(reports.markdown(events, 30)),
    })


@dg.asset(group_name=GROUP, kinds={"python"}, partitions_def=COMPANY,
          description="The six Tripletex subscriptions (customer and supplier create, update, delete) made to exist, "
                      "point at the receiver and be ACTIVE. One found disabled is recreated, and a catch-up sync is "
                      "asked for, since changes were missed while it was down.")
def tripletex_webhook_subscriptions(context: dg.AssetExecutionContext, warehouse: WarehouseResource,
                                    tripletex: TripletexResource,
                                    tripletex_webhooks: TripletexWebhookResource) -> dg.MaterializeResult:
    company = warehouse.tenant()
    if company is None:
        url, auth, secret = tripletex_webhooks.public_url, tripletex_webhooks.auth, tripletex_webhooks.secret
    else:  # the company's own route on the receiver, checked with its own credentials
        url = public_url(company)
        auth, secret = subscription_credentials(company, url)
    states = ensure_subscriptions(tripletex.client(), url, auth, secret)
    missed = missed_changes(states)
    if missed:
        Landing(warehouse.folder()).request_catch_up(f"subscriptions recreated: {', '.join(missed)}")
        context.log.warning(f"subscriptions were down ({', '.join(missed)}): a catch-up sync is requested")
    with warehouse.warehouse().connect() as con:
        record_subscriptions(con, states)
    frame = pd.DataFrame([s.as_dict() for s in states])
    return dg.MaterializeResult(metadata={
        "active": dg.MetadataValue.int(sum(s.status == "ACTIVE" for s in states)),
        "recreated": dg.MetadataValue.int(len(missed)),
        "subscriptions": dg.MetadataValue.md(reports.markdown(frame)),
    })


webhook_assets = [tripletex_webhook_changes, tripletex_webhook_subscriptions]
