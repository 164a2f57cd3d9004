"""What the webhook path did, recorded in DuckDB by the runs (never by the receiver or the sensor), so that the
diagnostics can tell when Tripletex changes stop being announced."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from sync_pipeline.webhooks.landing import Delivery
from sync_pipeline.webhooks.subscriptions import SubscriptionState


def record_deliveries(con: duckdb.DuckDBPyConnection, deliveries: list[Delivery], run_id: str) -> None:
    if not deliveries:
        return
    con.register("delivery_batch", pa.table({
        "idempotency_key": [d.idempotency_key for d in deliveries], "event": [d.event for d in deliveries],
        "object_id": pa.array([d.object_id for d in deliveries], pa.int64()),
        "received_at": pa.array([d.received_at for d in deliveries], pa.timestamp("us", tz="UTC")),
    }))
    con.execute("""
        INSERT OR REPLACE INTO webhook_deliveries (idempotency_key, event, object_id, received_at, run_id)
        SELECT idempotency_key, event, object_id, received_at, ? FROM delivery_batch
    """, [run_id]).fetchall()
    con.unregister("delivery_batch")


def record_subscriptions(con: duckdb.DuckDBPyConnection, states: list[SubscriptionState]) -> None:
    """The subscriptions as found now. One found ACTIVE with the same id as last time keeps its `active_since`: a
    later check must not hide the changes Tripletex left unannounced before it (deliveries paused, say)."""
    now = datetime.now(UTC)
    before = {event: (subscription_id, since) for event, subscription_id, since in con.execute(
        "SELECT event, subscription_id, active_since FROM webhook_subscriptions WHERE status = 'ACTIVE'").fetchall()}
    con.execute("DELETE FROM webhook_subscriptions").fetchall()
    for s in states:
        kept_id, kept_since = before.get(s.event, (None, None))
        since = (kept_since or now) if s.status == "ACTIVE" and kept_id == s.subscription_id else (
            now if s.status == "ACTIVE" else None)
        con.execute("""INSERT INTO webhook_subscriptions (event, subscription_id, status, action, target_url,
                                                          checked_at, active_since) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [s.event, s.subscription_id, s.status, s.action, s.target_url, now, since]).fetchall()
