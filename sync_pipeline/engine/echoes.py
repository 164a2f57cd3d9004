"""Our own writes whose answer never came back, recognised when the target is read again.

A write can be carried out while its answer is lost: the connection drops after the server committed, or the process
is killed before its bookkeeping. Base advances only on a confirmed write (engine.ledger), so the next diff sees the
value we wrote as an edit made in the target. Nothing is lost while the source stays as it was: both sides then hold
the same value and agree. But when a person edits the field again in the source before the next sync, the diff sees
two edits, calls it a conflict, and the policy may pick our stale echo over that person's newer edit: Telaris wins
for customers, and for suppliers the later change wins, where an echo first read late looks late. The person's edit
would be undone (found by the convergence proof, sync_pipeline_tests/test_convergence.py).

So, before the diff, an update of ours that is still pending or was refused as stale (409/412: the retry of a write
that had already landed meets its own new version) counts as carried out when the target now holds every value it
wrote, at exactly one version past the one it wrote over (both systems add one per change). Base takes the values,
the intent is done, and the audit records the write, as if its answer had arrived. A target at any other version
was edited since: the diff decides as before.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System
from sync_pipeline.warehouse.store import Warehouse, party_table

CONFIRMED = "carried out, its answer lost: confirmed by the next read of the target"


def _column(alias: str) -> str:
    """SQL: the value, in the row `alias`, of the field a row of (intent, field) names."""
    return "CASE s.field " + " ".join(f"WHEN '{f}' THEN {alias}.{f}" for f in SYNCED_FIELDS) + " END"


def confirm_lost_answers(con: duckdb.DuckDBPyConnection, kind: Kind, run_id: str, now: datetime) -> int:
    """Confirm the kind's writes whose answers were lost and whose values the target holds. Returns how many."""
    telaris, tripletex = party_table(System.TELARIS, kind), party_table(System.TRIPLETEX, kind)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE echoes AS
        -- first the one cheap test that rules out nearly every row of an outbox that only grows: the target is at
        -- exactly the version after the one the intent wrote over (an equality join, before any field is read)
        WITH one_version_on AS (
            SELECT o.intent_id, o.direction, o.telaris_id, o.tripletex_id, o.created_at, o.fields, t.rowid AS t_row,
                   NULL::BIGINT AS x_row
            FROM outbox o JOIN {telaris} t ON t.record_id = o.telaris_id AND t.version = o.target_version + 1
            WHERE o.kind = $kind AND o.action = 'update' AND o.direction = 'to_telaris'
              AND o.status IN ('pending', 'superseded') AND o.in_flight AND NOT t.is_deleted
            UNION ALL
            SELECT o.intent_id, o.direction, o.telaris_id, o.tripletex_id, o.created_at, o.fields, NULL, x.rowid
            FROM outbox o JOIN {tripletex} x ON x.tripletex_id = o.tripletex_id AND x.version = o.target_version + 1
            WHERE o.kind = $kind AND o.action = 'update' AND o.direction = 'to_tripletex'
              AND o.status IN ('pending', 'superseded') AND o.in_flight AND NOT x.is_deleted
        ),
        sent AS (
            SELECT *, unnest(json_keys(fields)) AS field FROM one_version_on o
            WHERE EXISTS (SELECT 1 FROM links l WHERE l.kind = $kind AND l.telaris_id = o.telaris_id
                                                  AND l.tripletex_id = o.tripletex_id)
        ),
        compared AS (
            SELECT s.intent_id, s.direction, s.telaris_id, s.tripletex_id, s.created_at, s.field,
                   json_extract_string(s.fields, '$.' || s.field) AS value, {_column('b')} AS base_value,
                   CASE WHEN s.direction = 'to_telaris' THEN {_column('t')} ELSE {_column('x')} END AS target_value
            FROM sent s
            JOIN base b ON b.kind = $kind AND b.telaris_id = s.telaris_id AND b.tripletex_id = s.tripletex_id
            LEFT JOIN {telaris} t ON t.rowid = s.t_row
            LEFT JOIN {tripletex} x ON x.rowid = s.x_row
        ),
        landed AS (
            SELECT * FROM compared
            QUALIFY bool_and(target_value IS NOT DISTINCT FROM value) OVER (PARTITION BY intent_id)
                    AND bool_or(base_value IS DISTINCT FROM value) OVER (PARTITION BY intent_id)
        )
        -- one write per target record can have made its current version: the latest such intent
        SELECT * FROM landed
        QUALIFY dense_rank() OVER (PARTITION BY direction, telaris_id ORDER BY created_at DESC, intent_id) = 1
    """, {"kind": kind.value})
    fields = [field for (field,) in con.execute("SELECT DISTINCT field FROM echoes ORDER BY field").fetchall()]
    if not fields:  # the usual case: every write's answer arrived
        return 0
    for field in fields:
        con.execute(f"""
            UPDATE base SET {field} = e.value, agreed_at = $now, fields_hash = NULL
            FROM echoes e WHERE base.kind = $kind AND base.telaris_id = e.telaris_id AND e.field = '{field}'
        """, {"now": now, "kind": kind.value}).fetchall()
    Warehouse.rehash(con, "base")
    con.execute("""
        INSERT INTO audit (intent_id, direction, kind, telaris_id, tripletex_id, field, old_value, new_value, run_id,
                           written_at)
        SELECT intent_id, direction, $kind, telaris_id, tripletex_id, field, base_value, value, $run_id, $now
        FROM echoes WHERE base_value IS DISTINCT FROM value
    """, {"kind": kind.value, "run_id": run_id, "now": now}).fetchall()
    return con.execute("""
        UPDATE outbox SET status = 'done', last_error = $detail, updated_at = $now
        WHERE intent_id IN (SELECT intent_id FROM echoes)
    """, {"detail": CONFIRMED, "now": now}).fetchall()[0][0]
