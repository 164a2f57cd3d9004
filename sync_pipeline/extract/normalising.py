"""Pages of API records into Arrow batches of canonical rows, beside the fetching when there is much to do.

Normalising (names, e-mails, phones, organisation numbers, addresses) is the extraction's main CPU cost, and in one
Python process it cannot overlap with receiving and parsing pages: the GIL serialises them. So the first page is
normalised in this process (an incremental run rarely has more), and once a second page arrives, worker processes
take over the rest while this process keeps fetching and writing to DuckDB. Pages come back in order.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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
    rows: int
    with_problems: int
    newest_change: datetime | None


@dataclass(frozen=True)
class PageNormaliser:
    """One page of records → one Arrow batch. Picklable (its `canonical` is a module-level function or a partial of
    one), so a worker process can run it."""

    canonical: Canonical

    def normalise(self, page: list[dict[str, Any]]) -> NormalisedPage:
        rows, raws = [], []
        with_problems = 0
        newest: datetime | None = None
        for record in page:
            row = self.canonical(record)
            rows.append(row)
            raws.append(orjson.dumps(record).decode())
            if row["problems"]:
                with_problems += 1
            changed_at = row["changed_at"]
            if changed_at is not None and (newest is None or changed_at > newest):
                newest = changed_at
        return NormalisedPage(Warehouse.batch(rows, raws), len(rows), with_problems, newest)

    def normalise_serialised(self, page_json: bytes) -> tuple[bytes, int, int, datetime | None]:
        """The worker's side: JSON in, Arrow IPC out (both cheap to move between processes, unlike pickled dicts)."""
        page = self.normalise(orjson.loads(page_json))
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, page.batch.schema) as writer:
            writer.write_table(page.batch)
        return sink.getvalue().to_pybytes(), page.rows, page.with_problems, page.newest_change


def default_workers() -> int:
    """One core stays with fetching and DuckDB; the rest normalise."""
    return max(1, (os.cpu_count() or 2) - 1)


def normalised_pages(pages: Iterator[list[dict[str, Any]]], normaliser: PageNormaliser,
                     workers: int | None = None) -> Iterator[NormalisedPage]:
    """Every page normalised, in order. `workers=0` keeps all work in this process."""
    workers = default_workers() if workers is None else workers
    pages = iter(pages)
    first = next(pages, None)
    if first is None:
        return
    yield normaliser.normalise(first)
    if workers == 0:
        for page in pages:
            yield normaliser.normalise(page)
        return
    second = next(pages, None)
    if second is None:
        return
    # spawn, not fork: the parent may be a Dagster run with threads of its own
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pending: deque[Future] = deque()
        for page in itertools.chain([second], pages):
            pending.append(pool.submit(normaliser.normalise_serialised, orjson.dumps(page)))
            while len(pending) > 2 * workers or (pending and pending[0].done()):
                yield _received(pending.popleft())
        while pending:
            yield _received(pending.popleft())


def _received(future: Future) -> NormalisedPage:
    ipc, rows, with_problems, newest = future.result()
    return NormalisedPage(pa.ipc.open_stream(ipc).read_all(), rows, with_problems, newest)
