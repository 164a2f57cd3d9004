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
from sync_pipeline.linking.review_csv import ReviewCsvError, read_review_csv
from sync_pipeline.warehouse.store import Warehouse
from sync_pipeline.words import counted, plural


def csv_path(data_dir: str | Path, kind: str) -> Path:
    return Path(data_dir) / "linking" / f"link_proposals_{kind}.csv"


@dataclass(frozen=True)
class Proposed:
    counts: ProposalCounts
    csv: Path
    beside: Path | None = None  # the fresh proposals, when the CSV holds a reviewer's answers and is left alone


def propose_fresh(warehouse: Warehouse, telaris: TelarisClient, tripletex: TripletexClient, kind: Kind,
                  csv: Path) -> Proposed:
    extract(TelarisSource(telaris), kind, warehouse)
    extract(TripletexSource(tripletex), kind, warehouse)
    fresh = csv.with_name(f".{csv.name}.new")
    with warehouse.connect() as con:
        counts = propose(con, kind)
        export_csv(con, kind, fresh)
    return Proposed(counts, csv, _place(fresh, csv))


def _place(fresh: Path, csv: Path) -> Path | None:
    """The fresh proposals take the CSV's name, unless the CSV there holds a reviewer's answers: a pair both files
    hold whose `accept` differs from the fresh pre-fill (or a file that no longer reads as proposals). That file is
    left as it is, for `--csv` / `decisions_csv`, and the fresh proposals go beside it. Proposing again (a dry run of
    `link`, a backfill) must never lose a person's review."""
    if csv.exists() and _answers_of_a_person(csv, fresh):
        beside = csv.with_name(f"{csv.stem}.{datetime.now(UTC):%Y%m%dT%H%M%S%f}{csv.suffix}")
        os.replace(fresh, beside)
        return beside
    os.replace(fresh, csv)
    return None


def _answers_of_a_person(earlier: Path, fresh: Path) -> bool:
    try:
        before = _answers(earlier)
    except ReviewCsvError:  # rows that do not read as proposals (an answer "maybe"): a person's file
        return len(earlier.read_bytes().splitlines()) > 1
    now = _answers(fresh)
    return any(before[pair] != now[pair] for pair in before.keys() & now.keys())


def _answers(path: Path) -> dict[tuple, bool | None]:
    """Every pair in a proposals file with its answer: True (yes), False (no), None (left blank); none for a file
    with no rows. Raises ReviewCsvError for one that does not read."""
    if len(path.read_bytes().splitlines()) <= 1:
        return {}
    review = read_review_csv(path)
    answers: dict[tuple, bool | None] = dict.fromkeys(review.rows)
    for answer, chosen in ((True, review.accepted), (False, review.rejected)):
        for kind, pairs in chosen.items():
            answers.update(dict.fromkeys(((kind, pair) for pair in pairs), answer))
    return answers


def proposals_in_words(proposed: Proposed) -> str:
    """One line for the terminal and the run log: what was proposed, of how many, and where to review it."""
    counts, csv = proposed.counts, proposed.csv
    kinds, unlinked = plural(counts.kind), counted(counts.telaris_unlinked, f"Telaris {counts.kind}")
    beside = (f"; {csv} holds a reviewer's answers and is left as it is, the fresh proposals are in {proposed.beside}"
              if proposed.beside else "")
    if not counts.telaris_unlinked:
        return f"{kinds}: no Telaris {counts.kind} without a link; nothing to propose{beside}"
    if not counts.by_decision:
        return f"{kinds}: no Tripletex counterpart found for the {unlinked} without a link; nothing to review{beside}"
    said = ", ".join(f"{n} {decision}" for decision, n in sorted(counts.by_decision.items()))
    where = proposed.beside or csv
    return f"{kinds}: {said} (proposals for the {unlinked} without a link); review them in {where}{beside}"
