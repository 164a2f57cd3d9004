"""What an operator looks at: named queries over the warehouse and the sync state."""

from __future__ import annotations

import duckdb
import pandas as pd

from sync_pipeline.words import counted

UNLINKED_TRIPLETEX_CUSTOMERS = """
    SELECT x.tripletex_id, x.number, x.name, x.organisation_number, x.email, x.city, x.is_active
    FROM tripletex_customers x
    WHERE NOT x.is_deleted
      AND NOT EXISTS (SELECT 1 FROM telaris_customers t WHERE t.tripletex_id = x.tripletex_id AND NOT t.is_deleted)
      AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'customer' AND l.tripletex_id = x.tripletex_id)
    ORDER BY x.tripletex_id
"""

PARKED = """
    SELECT kind, direction, action, telaris_id, tripletex_id, fields::VARCHAR AS fields, reason, attempts,
           last_error, updated_at
    FROM outbox WHERE status = 'parked' ORDER BY updated_at DESC, intent_id
"""

PENDING = """
    SELECT kind, direction, action, telaris_id, tripletex_id, fields::VARCHAR AS fields, reason, attempts
    FROM outbox WHERE status = 'pending' ORDER BY kind, direction, telaris_id
"""

CONFLICTS_OF_RUN = """
    SELECT kind, telaris_id, tripletex_id, field, base_value, telaris_value, tripletex_value, winner, policy
    FROM conflicts WHERE run_id = ? ORDER BY kind, telaris_id, field
"""


STATUS_IN_WORDS = {
    "done": "written",
    "parked": "waiting for a person (see parked_records)",
    "superseded": "dropped because the record changed again (recomputed next run)",
    "pending": "not reached this time (tried again next run)",
    "held": "held until the initial linking is applied",
}


def apply_in_words(counts: dict[str, int], dry_run: bool) -> str:
    """One line an operator reads in the run log: what happened to the writes of this run."""
    if dry_run:
        return f"dry run: {counted(counts.get('dry_run', 0), 'write')} would be sent; nothing was sent"
    said = [f"{n} {STATUS_IN_WORDS[status]}" for status, n in counts.items() if n and status in STATUS_IN_WORDS]
    return "; ".join(said) if said else "nothing to write"


def frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(sql, params or []).df()


def markdown(df: pd.DataFrame, limit: int = 20) -> str:
    if df.empty:
        return "_none_"
    shown = df.head(limit).to_markdown(index=False)
    return shown if len(df) <= limit else f"{shown}\n\n… and {len(df) - limit} more"
