"""The initial linking as one step a person runs: extract the kind from both systems, propose, write the reviewers'
CSV. Shared by the Dagster asset `link_proposals` and `sync-pipeline link`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind
from sync_pipeline.extract import extract
from sync_pipeline.extract.sources import TelarisSource, TripletexSource
from sync_pipeline.linking.apply import export_csv
from sync_pipeline.linking.proposals import ProposalCounts, propose
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.words import counted, plural


def csv_path(data_dir: str | Path, kind: str) -> Path:
    return Path(data_dir) / "linking" / f"link_proposals_{kind}.csv"


@dataclass(frozen=True)
class Proposed:
    counts: ProposalCounts
    csv: Path
    kept: Path | None = None  # the earlier CSV, moved aside: a reviewer may have written in it


def propose_fresh(warehouse: Warehouse, telaris: TelarisClient, tripletex: TripletexClient, kind: Kind,
                  csv: Path) -> Proposed:
    extract(TelarisSource(telaris), kind, warehouse)
    extract(TripletexSource(tripletex), kind, warehouse)
    fresh = csv.with_name(f".{csv.name}.new")
    with warehouse.connect() as con:
        counts = propose(con, kind)
        export_csv(con, kind, fresh)
    return Proposed(counts, csv, _replace_keeping_earlier(fresh, csv))


def _replace_keeping_earlier(fresh: Path, csv: Path) -> Path | None:
    """The fresh proposals take the CSV's name. An earlier CSV with rows that says something else is kept beside it,
    never overwritten: a reviewer may have filled its `accept` column, and proposing again (even as a dry run, or
    after the links were applied and nothing is left to propose) must not lose that work."""
    kept = None
    if csv.exists() and csv.read_bytes() != fresh.read_bytes() and len(csv.read_bytes().splitlines()) > 1:
        kept = csv.with_name(f"{csv.stem}.{datetime.now(UTC):%Y%m%dT%H%M%S%f}{csv.suffix}")
        os.replace(csv, kept)
    os.replace(fresh, csv)
    return kept


def proposals_in_words(proposed: Proposed) -> str:
    """One line for the terminal and the run log: what was proposed, of how many, and where to review it."""
    counts, csv = proposed.counts, proposed.csv
    kinds, unlinked = plural(counts.kind), counted(counts.telaris_unlinked, f"Telaris {counts.kind}")
    kept = f"; the earlier {csv.name} is kept as {proposed.kept}" if proposed.kept else ""
    if not counts.telaris_unlinked:
        return f"{kinds}: no Telaris {counts.kind} without a link; nothing to propose{kept}"
    if not counts.by_decision:
        return f"{kinds}: no Tripletex counterpart found for the {unlinked} without a link; nothing to review{kept}"
    said = ", ".join(f"{n} {decision}" for decision, n in sorted(counts.by_decision.items()))
    return f"{kinds}: {said} (proposals for the {unlinked} without a link); review them in {csv}{kept}"
