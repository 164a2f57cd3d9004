"""The extraction loop, independent of Dagster so it can be tested and benchmarked on its own.

Pages are fetched on a helper thread while the previous ones are normalised (see normalising.py) and appended to
DuckDB page by page: the whole dataset is never held in Python memory, and network time overlaps with CPU time.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import pyarrow as pa

from sync_pipeline.domain.fields import Kind
from sync_pipeline.extract.normalising import normalise_page
from sync_pipeline.extract.sources import PartySource
from sync_pipeline.warehouse.store import Warehouse, party_table

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (pages so far, rows so far)


@dataclass
class ExtractionResult:
    table: str
    mode: str
    since: datetime | None
    high_water_mark: datetime | None
    pages: int = 0
    rows: int = 0
    new: int = 0
    changed: int = 0
    marked_deleted: int = 0
    with_problems: int = 0
    seconds: float = 0.0
    table_summary: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def prefetched(source: Iterator[T], depth: int = 3) -> Iterator[T]:
    """Run `source` on a helper thread, keeping up to `depth` items ready; errors surface in the consumer."""
    items: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in source:
                if stop.is_set():
                    return
                items.put(("item", item))
            items.put(("done", None))
        except BaseException as exc:  # handed to the consumer, which re-raises it
            items.put(("error", exc))

    worker = threading.Thread(target=produce, name="extract-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            tag, value = items.get()
            if tag == "item":
                yield value
            elif tag == "error":
                raise value
            else:
                return
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            try:
                items.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)


@contextlib.contextmanager
def rare_gc_pauses(young_threshold: int = 50_000) -> Iterator[None]:
    """Extraction allocates some thirty short-lived, acyclic objects per record, all freed by reference counting;
    Python's cycle collector, run every 700 allocations by default, only costs time here (measured: 8-10% of an
    extraction). Collect the young generation less often for the duration, then restore the process's setting."""
    before = gc.get_threshold()
    gc.set_threshold(max(young_threshold, before[0]), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


class BackgroundConsumer(Generic[T]):
    """Hands items to `consume` on a helper thread, up to `depth` waiting. DuckDB appends and merges run without the
    GIL, so writing page k overlaps with normalising page k+1. An error in `consume` surfaces at the next `put` or
    at exit; items after it are dropped, not consumed."""

    _DONE = object()

    def __init__(self, consume: Callable[[T], None], depth: int = 3) -> None:
        self._consume = consume
        self._items: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="extract-writer", daemon=True)

    def __enter__(self) -> BackgroundConsumer[T]:
        self._thread.start()
        return self

    def _run(self) -> None:
        while (item := self._items.get()) is not self._DONE:
            if self._error is None:
                try:
                    self._consume(item)
                except BaseException as exc:  # handed to the producer, which re-raises it
                    self._error = exc

    def put(self, item: T) -> None:
        self._raise_error()
        self._items.put(item)

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self._items.put(self._DONE)
        self._thread.join()
        if exc_type is None:
            self._raise_error()

    def _raise_error(self) -> None:
        if self._error is not None:
            raise self._error


def extract(
    source: PartySource,
    kind: Kind,
    warehouse: Warehouse,
    *,
    full: bool = False,
    merge_rows: int = 50_000,
    progress: Progress | None = None,
) -> ExtractionResult:
    table = party_table(source.system, kind)
    started = time.monotonic()
    started_at = datetime.now(UTC)
    extraction_id = uuid.uuid4().hex
    with warehouse.connect() as con:
        since = None if full else warehouse.high_water_mark(con, table)
        result = ExtractionResult(table=table, mode="full" if full else "incremental", since=since,
                                  high_water_mark=None)
        newest: datetime | None = None
        staged = 0

        def write(batch: pa.Table | None) -> None:
            # pages are appended to an index-free staging table; every `merge_rows` the staged rows are merged
            # into the table in one set operation, which keeps the staging table (and memory) bounded. None: merge.
            nonlocal staged
            if batch is not None:
                warehouse.stage(con, staging, batch)
                staged += batch.num_rows
            if staged and (batch is None or staged >= merge_rows):
                counts = warehouse.merge_staged(con, table, staging, started_at, extraction_id)
                result.new += counts.new
                result.changed += counts.changed
                staged = 0
                con.execute("COMMIT")
                con.execute("BEGIN TRANSACTION")

        con.execute("BEGIN TRANSACTION")
        try:
            staging = warehouse.start_staging(con, table)
            pages = prefetched(source.pages(kind, since))
            canonical = functools.partial(source.canonical, kind=kind)
            with rare_gc_pauses(), BackgroundConsumer(write) as writer:
                for page in (normalise_page(records, canonical) for records in pages):
                    writer.put(page.batch)
                    result.with_problems += page.with_problems
                    if page.newest_change is not None and (newest is None or page.newest_change > newest):
                        newest = page.newest_change
                    result.pages += 1
                    result.rows += page.batch.num_rows
                    if progress is not None:
                        progress(result.pages, result.rows)
                writer.put(None)
            if full:
                result.marked_deleted = warehouse.mark_unseen_deleted(con, table, extraction_id)
            result.high_water_mark = source.next_high_water_mark(started_at, newest) or since
            warehouse.save_state(con, table, result.high_water_mark, started_at, full)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        result.table_summary = warehouse.table_summary(con, table)
    result.seconds = time.monotonic() - started
    return result
