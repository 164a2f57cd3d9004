"""A page of API records into an Arrow batch of canonical rows: the unit extraction appends to DuckDB.

Normalising (names, e-mails, phones, organisation numbers, addresses) is the extraction's main CPU cost. It runs in
this process while a helper thread fetches the next pages (the thread waits on the network without the GIL).
Handing pages to worker processes was measured and rejected: on two cores it was 10% slower, because the sandbox
server needs a core too and shipping pages between processes costs a parse and a copy each way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
import pyarrow as pa

from sync_pipeline.warehouse.store import Warehouse

Canonical = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class NormalisedPage:
    batch: pa.Table
    with_problems: int
    newest_change: datetime | None


def normalise_page(page: list[dict[str, Any]], canonical: Canonical) -> NormalisedPage:
    """One page of records → one Arrow batch of canonical columns and raw JSON."""
    rows, raws = [], []
    with_problems = 0
    newest: datetime | None = None
    for record in page:
        row = canonical(record)
        rows.append(row)
        raws.append(orjson.dumps(record).decode())
        if row["problems"]:
            with_problems += 1
        changed_at = row["changed_at"]
        if changed_at is not None and (newest is None or changed_at > newest):
            newest = changed_at
    return NormalisedPage(Warehouse.batch(rows, raws), with_problems, newest)
