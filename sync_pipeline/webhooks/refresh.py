"""A webhook batch as a refresh of just the records it names.

Payloads are hints, not data: Tripletex may skip versions under rapid edits and deliveries can arrive out of order,
so the current records are fetched by id (in bulk, with the comma-separated `id` filter) and go through the same page
SQL and merge as any extraction. A record Tripletex no longer returns is marked deleted. The caller then runs the usual
diff and apply, so every seed rule holds unchanged for webhook changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from sync_pipeline.clients.http import parse_json
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.extract import extract_into
from sync_pipeline.extract.sources import TripletexSource
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.webhooks.landing import Delivery

IDS_PER_REQUEST = 500


class TripletexRecordsById(TripletexSource):
    """Pages holding exactly the named records of one kind; `seen` collects the ids Tripletex still has."""

    def __init__(self, client: TripletexClient, ids: set[int]) -> None:
        super().__init__(client, page_size=IDS_PER_REQUEST)
        self.ids = sorted(ids)
        self.seen: set[int] = set()

    def page_bodies(self, kind: Kind, since: datetime | None) -> Iterator[bytes]:
        for start in range(0, len(self.ids), IDS_PER_REQUEST):
            chunk = self.ids[start:start + IDS_PER_REQUEST]
            yield from self.client.iter_page_bodies(kind, ids=chunk, page_size=IDS_PER_REQUEST,
                                                    count_values=self._count)

    def _count(self, body: bytes) -> int:
        values = parse_json(body).get("values") or []  # a webhook batch is small: parsing it here is cheap
        self.seen.update(record["id"] for record in values)
        return len(values)

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None:
        return None  # the regular extraction's mark is not ours to move


@dataclass
class RefreshResult:
    deliveries: int = 0
    ignored: int = 0  # events for other objects than customers and suppliers
    refreshed: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)


def refresh_from_deliveries(con: duckdb.DuckDBPyConnection, client: TripletexClient,
                            deliveries: list[Delivery]) -> RefreshResult:
    """On one open connection: a batch's refresh is small, and opening the file again per kind cost more than it."""
    result = RefreshResult(deliveries=len(deliveries))
    ids: dict[Kind, set[int]] = {kind: set() for kind in Kind}
    for delivery in deliveries:
        kind_name = delivery.event.split(".")[0]
        if kind_name not in {kind.value for kind in Kind}:
            result.ignored += 1
            continue
        ids[Kind(kind_name)].add(delivery.object_id)
    for kind in Kind:
        if not ids[kind]:
            continue
        source = TripletexRecordsById(client, ids[kind])
        result.refreshed[kind.value] = extract_into(con, source, kind).rows
        gone = [str(tripletex_id) for tripletex_id in sorted(ids[kind] - source.seen)]
        result.deleted[kind.value] = Warehouse.mark_deleted(con, System.TRIPLETEX, kind, gone)
    return result

