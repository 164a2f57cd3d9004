"""One adapter per system: where page bodies come from, what reference data the page SQL joins, and what the next
high-water mark is. Records are never parsed here: pages go to DuckDB as sent (see domain.page_sql)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cached_property
from typing import Protocol

import duckdb

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain import page_sql
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.json_text import readable_json


class PartySource(Protocol):
    system: System

    def page_bodies(self, kind: Kind, since: datetime | None) -> Iterator[bytes]: ...

    def register_reference_data(self, con: duckdb.DuckDBPyConnection) -> None:
        """Make the relations the system's page SQL joins (if any) available on `con`."""
        ...

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None: ...


class PageFacts:
    """Reads a paging fact (the next cursor, the number of values) out of a page body with DuckDB's JSON reader.
    Parsing a whole page in Python just to find where the next one starts costs nearly as much CPU as fetching it,
    holding the interpreter lock; DuckDB does it without. Each thread that asks gets its own cursor on one in-memory
    database of the process: a cursor costs 0.3 ms, a new in-memory database 30 ms (every extraction fetches on a
    new thread)."""

    _database: duckdb.DuckDBPyConnection | None = None
    _database_lock = threading.Lock()

    def __init__(self) -> None:
        self._local = threading.local()

    @classmethod
    def _shared(cls) -> duckdb.DuckDBPyConnection:
        with cls._database_lock:
            if cls._database is None:
                cls._database = duckdb.connect()
            return cls._database

    def _query(self, sql: str, body: bytes) -> object:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._shared().cursor()
        return con.execute(sql, [readable_json(body)]).fetchall()[0][0]

    def string(self, body: bytes, path: str) -> str | None:
        return self._query(f"SELECT json_extract_string($1, '{path}')", body)  # type: ignore[return-value]

    def array_length(self, body: bytes, path: str) -> int:
        return self._query(f"SELECT coalesce(json_array_length($1, '{path}'), 0)", body)  # type: ignore[return-value]


class TelarisSource:
    """Telaris records carry `updated_at`, and `updated_since` is inclusive: the newest change seen is the mark."""

    system = System.TELARIS

    def __init__(self, client: TelarisClient, page_size: int = 1000) -> None:
        self.client = client
        self.page_size = page_size
        self._facts = PageFacts()

    def page_bodies(self, kind: Kind, since: datetime | None) -> Iterator[bytes]:
        return self.client.iter_page_bodies(kind, updated_since=since, limit=self.page_size,
                                            read_cursor=lambda body: self._facts.string(body, "$.next_cursor"))

    def register_reference_data(self, con: duckdb.DuckDBPyConnection) -> None:
        """Telaris records hold codes, not ids: nothing to look up."""

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None:
        return newest_change


class TripletexSource:
    """Tripletex objects carry no change time, so the mark is the extraction's start minus an overlap that
    absorbs clock skew between us and Tripletex; records fetched twice are harmless upserts."""

    system = System.TRIPLETEX

    def __init__(self, client: TripletexClient, page_size: int = 1000,
                 overlap: timedelta = timedelta(minutes=2)) -> None:
        self.client = client
        self.page_size = page_size
        self.overlap = overlap
        self._facts = PageFacts()

    @cached_property
    def _currencies(self) -> dict[int, str]:
        return self.client.currency_codes()

    @cached_property
    def _countries(self) -> dict[int, str]:
        return self.client.country_codes()

    def page_bodies(self, kind: Kind, since: datetime | None) -> Iterator[bytes]:
        return self.client.iter_page_bodies(kind, changed_since=since, page_size=self.page_size,
                                            count_values=lambda body: self._facts.array_length(body, "$.values"))

    def register_reference_data(self, con: duckdb.DuckDBPyConnection) -> None:
        """Pages hold currency and country ids; the page SQL turns them into ISO codes through these."""
        con.register("tripletex_currency_codes", page_sql.code_table(self._currencies))
        con.register("tripletex_country_codes", page_sql.code_table(self._countries))

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None:
        return started_at - self.overlap
