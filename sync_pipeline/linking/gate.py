"""The switch-on gate: until the initial linking was applied (or explicitly waived) for a kind, the sync, webhook
and invoice-export jobs plan and report but write nothing for it. Otherwise the first scheduled run would create
every unlinked Telaris supplier in Tripletex before anyone had a chance to link them to the ones already there."""

from __future__ import annotations

import os

import duckdb

from sync_pipeline.domain.fields import Kind

WAIVER_VARIABLE = "SYNC_INITIAL_LINKING"


def closed_kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Kinds still closed, with the reason an operator reads."""
    if os.environ.get(WAIVER_VARIABLE, "").strip().lower() == "waived":
        return {}
    done = {kind for (kind,) in con.execute("SELECT kind FROM initial_linking").fetchall()}
    return {kind.value: (f"initial linking of {kind.value}s not applied yet: run the initial_linking backfill for "
                         f"'{kind.value}' (or waive it: SYNC_INITIAL_LINKING=waived, or waive_initial_linking in the "
                         "Launchpad)") for kind in Kind if kind.value not in done}
