"""Applying the initial linking: the `auto` proposals and those a reviewer accepted become links — the reference
written on the Telaris record (with its empty fields filled from Tripletex, in the same PATCH), the `links` row, and
the pair's first base — so the next sync reconciles by the usual rules. Re-running is safe: a record that has a link
(on either side) is never linked again.

A link is `confirmed` when both records hold the same valid organisation number, or when a person accepted the pair
(the CSV's accept column, or the accept list; accepting a pair linked already confirms it). An unconfirmed link
fills no empty field on either side (engine.links, engine.diff) until it is confirmed.

Reviewers decide through a CSV (the proposals with an `accept` column: yes / no; read by `review_csv`) or lists of
`telaris_id:tripletex_id`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from sync_pipeline.clients.errors import ApiError
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.clients.tripletex import TripletexClient
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.page_sql import install_company_keys
from sync_pipeline.engine import gate
from sync_pipeline.engine.ledger import Ledger
from sync_pipeline.engine.links import LinkWriter
from sync_pipeline.engine.outcome import Park
from sync_pipeline.engine.sendable import Sendability
from sync_pipeline.linking.proposals import install_orgnr_holders
from sync_pipeline.warehouse.store import Warehouse

CSV_COLUMNS = ("kind", "telaris_id", "tripletex_id", "score", "decision", "evidence", "accept")


@dataclass
class AppliedLinks:
    kind: str
    dry_run: bool
    linked: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (telaris, tripletex, why): linked already
    failed: list[tuple[str, int, str]] = field(default_factory=list)  # (telaris, tripletex, why): not written
    gate: str = ""  # why the kind's switch-on gate stays closed ("" once open)


def _same_orgnr_sql() -> str:
    """True where the proposal `p` pairs the only two records holding one valid organisation number, one in each
    system: a link that needs no person's confirmation. A number several records share (a chain's shops, a
    municipality's units) names the company, not the unit, so a unit picked by name and address is confirmed by a
    person like any other. Needs install_orgnr_holders: the rule the proposals' "one to one" is made of."""
    return """coalesce((SELECT h.in_telaris = 1 AND h.in_tripletex = 1
                         FROM linking_orgnr_owners t
                         JOIN linking_orgnr_owners x ON x.organisation_number = t.organisation_number
                         JOIN linking_orgnr_holders h ON h.organisation_number = t.organisation_number
                         WHERE t.system = 'telaris' AND t.unique_id = p.telaris_id
                           AND x.system = 'tripletex' AND x.unique_id = p.tripletex_id::VARCHAR), false)"""


def export_csv(con: duckdb.DuckDBPyConnection, kind: Kind, path: Path) -> int:
    """The kind's open proposals for reviewers: `accept` is pre-filled yes for auto decisions on the same
    organisation number and no for rejected ones. Other auto rows are left blank: they are linked as they stand,
    unconfirmed; a reviewer's yes confirms them (so it must be a person's, not a default)."""
    install_company_keys(con)
    install_orgnr_holders(con, kind)
    rows = con.execute(f"""
        SELECT kind, telaris_id, tripletex_id, round(score, 4), decision, evidence,
               CASE WHEN decision = 'auto' AND {_same_orgnr_sql()} THEN 'yes'
                    WHEN decision = 'rejected' THEN 'no' ELSE '' END
        FROM link_proposals p WHERE kind = ? AND status = 'open' ORDER BY decision, telaris_id, tripletex_id
    """, [kind.value]).fetchall()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
    return len(rows)


def parse_pairs(values: Iterable[str]) -> list[tuple[str, int]]:
    pairs = []
    for value in values:
        telaris_id, _, tripletex_id = value.partition(":")
        pairs.append((telaris_id.strip(), int(tripletex_id)))
    return pairs


def record_decisions(con: duckdb.DuckDBPyConnection, kind: Kind, accepted: list[tuple[str, int]],
                     rejected: list[tuple[str, int]]) -> None:
    now = datetime.now(UTC)
    for status, pairs in (("accepted", accepted), ("rejected", rejected)):
        for telaris_id, tripletex_id in pairs:
            con.execute("""UPDATE link_proposals SET status = ?, decided_at = ?
                           WHERE kind = ? AND telaris_id = ? AND tripletex_id = ? AND status <> 'applied'""",
                        [status, now, kind.value, telaris_id, tripletex_id]).fetchall()
    for telaris_id, tripletex_id in accepted:  # a person accepting a pair linked already confirms it
        con.execute("UPDATE links SET confirmed = true WHERE kind = ? AND telaris_id = ? AND tripletex_id = ?",
                    [kind.value, telaris_id, tripletex_id]).fetchall()


def apply_links(con: duckdb.DuckDBPyConnection, kind: Kind, telaris: TelarisClient, tripletex: TripletexClient,
                run_id: str, dry_run: bool = True) -> AppliedLinks:
    """Link every `auto` proposal (unless a reviewer rejected it) and every accepted one. The kind's switch-on gate
    opens only when every one of them was linked (engine.gate): a link that failed keeps it closed, naming it."""
    result = AppliedLinks(kind.value, dry_run)
    install_company_keys(con)
    install_orgnr_holders(con, kind)
    wanted = con.execute(f"""
        SELECT telaris_id, tripletex_id, status = 'accepted' OR {_same_orgnr_sql()} AS confirmed
        FROM link_proposals p
        WHERE kind = ? AND ((status = 'open' AND decision = 'auto') OR status = 'accepted')
        ORDER BY telaris_id
    """, [kind.value]).fetchall()
    ledger = Ledger(con, run_id)
    sendable = Sendability(tripletex)
    writer = LinkWriter(con, telaris, ledger, sendable)
    claimed: set[int] = set()
    for telaris_id, tripletex_id, confirmed in wanted:
        why = _why_not(con, kind, telaris_id, tripletex_id, claimed)
        if why:
            result.skipped.append((telaris_id, tripletex_id, why))
            continue
        claimed.add(tripletex_id)
        if dry_run:
            result.linked.append((telaris_id, tripletex_id))
            continue
        try:
            ours, version = Warehouse.synced_fields(con, System.TELARIS, kind, telaris_id)
            theirs, _ = Warehouse.synced_fields(con, System.TRIPLETEX, kind, str(tripletex_id))
            writer.link(kind, telaris_id, tripletex_id, version, "initial_linking", ours, theirs, confirmed)
        except (Park, ApiError) as exc:
            result.failed.append((telaris_id, tripletex_id, exc.describe() if isinstance(exc, ApiError) else str(exc)))
            continue
        con.execute("UPDATE link_proposals SET status = 'applied', decided_at = ? WHERE kind = ? AND telaris_id = ? "
                    "AND tripletex_id = ?", [datetime.now(UTC), kind.value, telaris_id, tripletex_id]).fetchall()
        result.linked.append((telaris_id, tripletex_id))
    ledger.flush()
    if not dry_run:
        gate.record(con, kind, run_id, result.failed)
    result.gate = gate.closed_kinds(con).get(kind.value, "")
    return result


def _why_not(con: duckdb.DuckDBPyConnection, kind: Kind, telaris_id: str, tripletex_id: int,
             claimed: set[int]) -> str:
    if tripletex_id in claimed:
        return "another Telaris record is linked to this Tripletex record in this run"
    linked = con.execute("""SELECT count(*) FILTER (WHERE telaris_id = ?), count(*) FILTER (WHERE tripletex_id = ?)
                            FROM links WHERE kind = ?""", [telaris_id, tripletex_id, kind.value]).fetchall()[0]
    if linked[0]:
        return "the Telaris record is linked already"
    if linked[1]:
        return "the Tripletex record is linked already"
    return ""
