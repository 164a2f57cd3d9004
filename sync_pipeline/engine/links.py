"""Writing a link: the integration reference on the Telaris record, the `links` row, and the pair's first base.

One write per change: the same PATCH that sets the reference also fills the Telaris record's empty fields with what
Tripletex holds (a supplier number Tripletex just assigned, say), and base is set in the same run from the fields
that now agree. So the cycle after a create or a link writes nothing, instead of a second PATCH for the number.
Fields both sides hold with different values stay unknown in base and are decided by the conflict policy on the
next cycle — the first-link rule (see README, "First link").

A link that is not `confirmed` (the initial linking matched it without the same valid organisation number on both
sides, and no person has accepted it) fills no gap: neither in this PATCH nor, while it stays unconfirmed, in the
diff (engine.diff). If the match is wrong, filling gaps would write one company's data into another's record.
"""

from __future__ import annotations

from typing import Any

import duckdb

from sync_pipeline.clients.errors import Conflict
from sync_pipeline.clients.telaris import TelarisClient
from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System
from sync_pipeline.domain.mapping import canonical_from_telaris, telaris_patch
from sync_pipeline.engine.ledger import Ledger, now
from sync_pipeline.engine.outcome import Park
from sync_pipeline.engine.sendable import Sendability
from sync_pipeline.warehouse.store import Warehouse

BASE_COLUMNS = ("kind", "telaris_id", "tripletex_id", *SYNCED_FIELDS, "agreed_at")


def first_base(telaris: dict[str, Any], tripletex: dict[str, Any]) -> dict[str, Any]:
    """What a newly linked pair agrees on: the equal values. Every other field stays unknown (None), which is what
    the diff does for a pair it finds without base: a value facing an empty field then reads as a change on its
    side and fills the gap; two different values read as a conflict and follow the policy."""
    return {name: telaris.get(name) if telaris.get(name) == tripletex.get(name) else None
            for name in SYNCED_FIELDS}


class LinkWriter:
    def __init__(self, con: duckdb.DuckDBPyConnection, telaris: TelarisClient, ledger: Ledger,
                 sendable: Sendability) -> None:
        self.con = con
        self.telaris = telaris
        self.ledger = ledger
        self.sendable = sendable

    def link(self, kind: Kind, telaris_id: str, tripletex_id: int, version: int | None, how: str,
             telaris_fields: dict[str, Any], tripletex_fields: dict[str, Any],
             confirmed: bool = True) -> dict[str, Any]:
        """Set the reference (and, for a confirmed link, fill Telaris' gaps) on the Telaris record, record the link
        and the pair's base. Returns the fields written into Telaris besides the reference."""
        gaps = self._gaps(telaris_fields, tripletex_fields) if confirmed else {}
        written, gaps = self._write_reference(kind, telaris_id, tripletex_id, version, gaps, telaris_fields)
        self.insert(kind, telaris_id, tripletex_id, how, confirmed)
        self.set_base(kind, telaris_id, tripletex_id, first_base({**telaris_fields, **gaps}, tripletex_fields))
        self.ledger.wrote(System.TELARIS, kind, telaris_id, gaps, written.get("version"), tripletex_id=tripletex_id)
        return gaps

    def _gaps(self, telaris_fields: dict[str, Any], tripletex_fields: dict[str, Any]) -> dict[str, Any]:
        gaps = {name: value for name, value in tripletex_fields.items()
                if name in SYNCED_FIELDS and value is not None and telaris_fields.get(name) is None}
        problems = self.sendable.problems(gaps, "to_telaris")
        return {name: value for name, value in gaps.items() if name not in problems}

    def _write_reference(self, kind: Kind, telaris_id: str, tripletex_id: int, version: int | None,
                         gaps: dict[str, Any], telaris_fields: dict[str, Any]) -> tuple[dict[str, Any], dict]:
        """A record that moved on is re-read: only a reference that is still empty (or already ours) is written,
        and only gaps that are still gaps are filled."""
        try:
            return self.telaris.patch(kind, telaris_id, {"tripletex_id": tripletex_id, **telaris_patch(gaps)},
                                      version or 0), gaps
        except Conflict:
            current = self.telaris.get(kind, telaris_id)
            if current["tripletex_id"] not in (None, tripletex_id):
                raise Park(f"{telaris_id} was linked to Tripletex {current['tripletex_id']} meanwhile") from None
            now_holds = canonical_from_telaris(current)
            gaps = {name: value for name, value in gaps.items() if now_holds.get(name) is None}
            telaris_fields.update({name: value for name, value in now_holds.items() if name in SYNCED_FIELDS})
            return self.telaris.patch(kind, telaris_id, {"tripletex_id": tripletex_id, **telaris_patch(gaps)},
                                      current["version"]), gaps

    def insert(self, kind: Kind, telaris_id: str, tripletex_id: int, how: str, confirmed: bool = True) -> None:
        self.con.execute("""
            INSERT INTO links (kind, telaris_id, tripletex_id, linked_by, linked_at, confirmed)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (kind, telaris_id) DO UPDATE SET tripletex_id = excluded.tripletex_id,
                linked_by = excluded.linked_by, linked_at = excluded.linked_at, confirmed = excluded.confirmed
        """, [kind.value, telaris_id, tripletex_id, how, now(), confirmed]).fetchall()

    def set_base(self, kind: Kind, telaris_id: str, tripletex_id: int, base: dict[str, Any]) -> None:
        columns = ", ".join(BASE_COLUMNS)
        marks = ", ".join("?" for _ in BASE_COLUMNS)
        # fields_hash named as NULL: DuckDB's OR REPLACE updates only the columns named, and a base kept from an
        # earlier link of the record (engine.references) would keep its old hash and hide every change of the pair
        self.con.execute(f"INSERT OR REPLACE INTO base ({columns}, fields_hash) VALUES ({marks}, NULL)",
                         [kind.value, telaris_id, tripletex_id, *(base[f] for f in SYNCED_FIELDS), now()]).fetchall()
        Warehouse.rehash(self.con, "base")
