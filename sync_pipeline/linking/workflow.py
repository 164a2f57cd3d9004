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
