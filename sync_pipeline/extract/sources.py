"""One adapter per system: where pages come from, how a record becomes a Party, and what the next
high-water mark is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any, Protocol

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.mapping import canonical_from_telaris, canonical_from_tripletex


class PartySource(Protocol):
    system: System

    def pages(self, kind: Kind, since: datetime | None) -> Iterator[list[dict[str, Any]]]: ...

    def canonical(self, record: dict[str, Any], kind: Kind) -> dict[str, Any]:
        """The record's canonical columns (see domain.party.Party for their meaning)."""
        ...

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None: ...


class TelarisSource:
    """Telaris records carry `updated_at`, and `updated_since` is inclusive: the newest change seen is the mark."""

    system = System.TELARIS

    def __init__(self, client: TelarisClient, page_size: int = 1000) -> None:
        self.client = client
        self.page_size = page_size

    def pages(self, kind: Kind, since: datetime | None) -> Iterator[list[dict[str, Any]]]:
        return self.client.iter_pages(kind, updated_since=since, limit=self.page_size)

    def canonical(self, record: dict[str, Any], kind: Kind) -> dict[str, Any]:
        return canonical_from_telaris(record)

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

    @cached_property
    def _currencies(self) -> dict[int, str]:
        return self.client.currency_codes()

    @cached_property
    def _countries(self) -> dict[int, str]:
        return self.client.country_codes()

    def pages(self, kind: Kind, since: datetime | None) -> Iterator[list[dict[str, Any]]]:
        return self.client.iter_pages(kind, changed_since=since, page_size=self.page_size)

    def canonical(self, record: dict[str, Any], kind: Kind) -> dict[str, Any]:
        return canonical_from_tripletex(record, kind, self._currencies, self._countries)

    def next_high_water_mark(self, started_at: datetime, newest_change: datetime | None) -> datetime | None:
        return started_at - self.overlap
