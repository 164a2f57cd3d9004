"""The switch-on gate: until the initial linking was applied (or explicitly waived) for a kind, nothing is written
for it. Otherwise the first run would create every unlinked Telaris supplier in Tripletex before anyone had a chance
to link them to the ones already there.

It lives in the engine, and the Applier reads it from its own connection, so no caller (the Dagster assets, the
webhook runs, `engine.cycle`, invoice exports, a script) can write for a closed kind by forgetting to ask. It fails
closed: a kind opens only when its linking was applied with every wanted link written, or when a person waived it
(recorded with `waive`, or SYNC_INITIAL_LINKING=waived for the whole process). A linking whose links failed keeps
the kind closed and names the failures, since the records it could not link would otherwise be created again on
the other side.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime

import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.warehouse.transaction import transaction

WAIVER_VARIABLE = "SYNC_INITIAL_LINKING"
OPEN_STATES = ("applied", "waived")


def waived_for_all() -> bool:
    """SYNC_INITIAL_LINKING=waived: every kind of every company open without a linking."""
    return os.environ.get(WAIVER_VARIABLE, "").strip().lower() == "waived"


def closed_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Kinds still closed, with the reason an operator reads."""
    if waived_for_all():
        return {}
    states = dict(con.execute("SELECT kind, state FROM initial_linking").fetchall())
    closed = {}
    for kind in Kind:
        state = states.get(kind.value)
        if state in OPEN_STATES:
            continue
        closed[kind.value] = _why_incomplete(con, kind) if state == "incomplete" else (
            f"initial linking of {kind.value}s not applied yet: run the initial_linking backfill for '{kind.value}' "
            "(or waive it: SYNC_INITIAL_LINKING=waived, or waive_initial_linking in the Launchpad)")
    return closed


def record(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: str | None,
           failed: Sequence[tuple[str, int, str]] = ()) -> None:
    """The outcome of applying the kind's linking: applied, or incomplete with the links that failed
    (telaris_id, tripletex_id, why), which keeps the kind closed until a later run links them."""
    now = datetime.now(UTC)
    with transaction(con):
        con.execute("DELETE FROM initial_linking_failures WHERE kind = ?", [kind.value]).fetchall()
        for telaris_id, tripletex_id, why in failed:
            con.execute("INSERT INTO initial_linking_failures VALUES (?, ?, ?, ?, ?, ?)",
                        [kind.value, telaris_id, tripletex_id, why, run_id, now]).fetchall()
        _set_state(con, kind, "incomplete" if failed else "applied", run_id, now)


def waive(con: duckdb.DuckDBPyConnection, run_id: str | None) -> list[str]:
    """A person opens the gate without an initial linking (a company with nothing to link): recorded per kind still
    closed. Returns the kinds waived."""
    waived = [kind for kind in Kind if kind.value in closed_kinds(con)]
    for kind in waived:
        _set_state(con, kind, "waived", run_id, datetime.now(UTC))
    return [kind.value for kind in waived]


def _set_state(con: duckdb.DuckDBPyConnection, kind: Kind, state: str, run_id: str | None, at: datetime) -> None:
    con.execute("INSERT OR REPLACE INTO initial_linking (kind, state, decided_at, run_id) VALUES (?, ?, ?, ?)",
                [kind.value, state, at, run_id]).fetchall()


def _why_incomplete(con: duckdb.DuckDBPyConnection, kind: Kind) -> str:
    failed = con.execute("""SELECT telaris_id, tripletex_id, why FROM initial_linking_failures WHERE kind = ?
                            ORDER BY telaris_id""", [kind.value]).fetchall()
    shown = "; ".join(f"Telaris {t} → Tripletex {x}: {why}" for t, x, why in failed[:3])
    more = f" (and {len(failed) - 3} more)" if len(failed) > 3 else ""
    return (f"initial linking of {kind.value}s incomplete: {len(failed)} link(s) failed ({shown}{more}); fix the "
            f"cause and run links_applied for '{kind.value}' again (reject a pair that cannot be linked, or waive)")
