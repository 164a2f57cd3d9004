"""The initial linking as one step a person runs: extract the kind from both systems, propose, write the reviewers'
CSV. Shared by the Dagster asset `link_proposals` and `sync-pipeline link`."""

from __future__ import annotations

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


def propose_fresh(warehouse: Warehouse, telaris: TelarisClient, tripletex: TripletexClient, kind: Kind,
                  csv: Path) -> ProposalCounts:
    extract(TelarisSource(telaris), kind, warehouse)
    extract(TripletexSource(tripletex), kind, warehouse)
    with warehouse.connect() as con:
        counts = propose(con, kind)
        export_csv(con, kind, csv)
    return counts


def proposals_in_words(counts: ProposalCounts, csv: Path) -> str:
    """One line for the terminal and the run log: what was proposed, of how many, and where to review it."""
    kinds, unlinked = plural(counts.kind), counted(counts.telaris_unlinked, f"Telaris {counts.kind}")
    if not counts.telaris_unlinked:
        return f"{kinds}: no Telaris {counts.kind} without a link; nothing to propose"
    if not counts.by_decision:
        return f"{kinds}: no Tripletex counterpart found for the {unlinked} without a link; nothing to review"
    said = ", ".join(f"{n} {decision}" for decision, n in sorted(counts.by_decision.items()))
    return f"{kinds}: {said} (proposals for the {unlinked} without a link); review them in {csv}"
