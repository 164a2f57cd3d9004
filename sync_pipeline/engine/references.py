"""The link follows the reference a person sets on the Telaris record.

The `tripletex_id` on a Telaris record *is* the integration's link; the `links` table only remembers it (how and when
it was made, and which pair `base` belongs to). When a person clears the reference, or points it at another Tripletex
record — what the `mislinked` finding tells them to do — the recorded link must follow, or the old pair goes on
being diffed (and diagnosed) as if nothing had happened, and the new one is never synced.

So, before every diff:
- cleared → the pair is unlinked: its `links` row goes (base is kept, see below); its changes stop flowing, and
  `link_missing` names it when its counterpart is certain;
- pointed elsewhere → the old pair is unlinked the same way, and the new reference is then recorded as any new one is
  (engine.diff.refresh_links), under the first-link rules;
- either way a row in `link_changes` (when, what, the run that noticed) and in `audit`.

Only a reference read from Telaris *after* the link was made counts: a snapshot extracted before it (a process killed
between writing the reference and updating its snapshot, say) says nothing about what a person did since.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.warehouse.store import party_table

CHANGED_BY = "a person in Telaris (the record's tripletex_id was edited)"


@dataclass(frozen=True)
class ReferenceChanges:
    unlinked: int = 0  # references cleared
    repointed: int = 0  # references pointed at another Tripletex record


def follow_references(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: str, now: datetime) -> ReferenceChanges:
    """Unlink the recorded links whose Telaris record now holds no reference, or another one."""
    telaris = party_table(System.TELARIS, kind)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE moved_references AS
        SELECT l.kind, l.telaris_id, l.tripletex_id AS old_tripletex_id, t.tripletex_id AS new_tripletex_id
        FROM links l JOIN {telaris} t ON t.record_id = l.telaris_id
        WHERE l.kind = ? AND NOT t.is_deleted AND t.extracted_at > l.linked_at
          AND t.tripletex_id IS DISTINCT FROM l.tripletex_id
    """, [kind.value])
    unlinked, repointed = con.execute("""
        SELECT count(*) FILTER (WHERE new_tripletex_id IS NULL), count(*) FILTER (WHERE new_tripletex_id IS NOT NULL)
        FROM moved_references
    """).fetchall()[0]
    if not unlinked and not repointed:
        return ReferenceChanges()
    con.execute("""
        INSERT INTO link_changes (kind, telaris_id, old_tripletex_id, new_tripletex_id, change, changed_by,
                                  noticed_at, noticed_by_run)
        SELECT kind, telaris_id, old_tripletex_id, new_tripletex_id,
               CASE WHEN new_tripletex_id IS NULL THEN 'unlinked' ELSE 'repointed' END, ?, ?, ?
        FROM moved_references
    """, [CHANGED_BY, now, run_id])
    con.execute("""
        INSERT INTO audit (intent_id, direction, kind, telaris_id, tripletex_id, field, old_value, new_value, run_id,
                           written_at)
        SELECT 'reference:' || kind || ':' || telaris_id || ':' || old_tripletex_id, 'in_telaris', kind, telaris_id,
               old_tripletex_id, 'tripletex_id', old_tripletex_id::VARCHAR, new_tripletex_id::VARCHAR, ?, ?
        FROM moved_references
    """, [run_id, now])
    # Only the link goes. Base stays: it still says what the old pair last agreed on, so a reference cleared and set
    # back to the same record resumes the three-way diff where it was (instead of first-link rules, under which a
    # one-sided change could lose to the conflict policy); a base for another Tripletex record counts as none.
    con.execute("""DELETE FROM links WHERE kind = ? AND telaris_id IN (SELECT telaris_id FROM moved_references)""",
                [kind.value])
    return ReferenceChanges(unlinked=unlinked, repointed=repointed)
