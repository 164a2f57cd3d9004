"""Planning: turn the diff's field patches and the unlinked suppliers into intents in the outbox.

Update intents are identified by what they write (pair, direction, fields, values, expected version), so the same
plan computed twice is one intent, and an intent the diff no longer wants is superseded rather than sent.
Create and link intents are identified by the record alone, so a run that crashed after a create finds its own
earlier intent and looks the record up before creating again.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System
from sync_pipeline.warehouse.store import party_table

ALL_FIELDS_JSON = "json_object(" + ", ".join(f"'{f}', {f}" for f in SYNCED_FIELDS) + ")"
OUTBOX_COLUMNS = ("intent_id, direction, action, kind, telaris_id, tripletex_id, fields, target_version, address_id, "
                  "reason, status, attempts, last_error, created_at, updated_at")
PLANNED_COLUMNS = "intent_id, direction, action, telaris_id, tripletex_id, fields, target_version, reason, status, " \
                  "last_error"
# An update intent's id: what it writes, where, over which version. The apply step computes the same id for the
# fields it had to leave parked (engine.apply), so the next plan finds that intent instead of adding another. A
# macro, so both places share one definition and bind their values as values.
UPDATE_INTENT_ID_MACRO = """
    CREATE OR REPLACE TEMP MACRO update_intent_id(direction, kind, telaris_id, tripletex_id, fields, version) AS
    md5(concat_ws('|', direction, 'update', kind, telaris_id, tripletex_id, fields::VARCHAR,
                  coalesce(version::VARCHAR, '-')))
"""


def update_intent_id(con: duckdb.DuckDBPyConnection, direction: str, kind: Kind, telaris_id: str,
                     tripletex_id: int, fields: dict[str, str | None], version: int | None) -> str:
    names = sorted(fields)
    con.execute(UPDATE_INTENT_ID_MACRO).fetchall()
    return con.execute("SELECT update_intent_id(?, ?, ?, ?::BIGINT, to_json(map(?::VARCHAR[], ?::VARCHAR[])), "
                       "?::INTEGER)", [direction, kind.value, telaris_id, tripletex_id, names,
                                       [fields[n] for n in names], version]).fetchall()[0][0]


def plan_updates(con: duckdb.DuckDBPyConnection, kind: Kind, now: datetime) -> int:
    """Outbox intents from the temp table `patches` (see diff.compute). Returns how many are pending."""
    con.execute(UPDATE_INTENT_ID_MACRO).fetchall()
    con.execute("""
        CREATE OR REPLACE TEMP TABLE planned AS
        SELECT update_intent_id(direction, ?, telaris_id, tripletex_id, fields, target_version) AS intent_id, *
        FROM (SELECT direction, telaris_id, tripletex_id,
                     to_json(map(list(field ORDER BY field), list(value ORDER BY field))) AS fields,
                     any_value(target_version) AS target_version, any_value(x_address_id) AS address_id,
                     string_agg(DISTINCT reason, ',' ORDER BY reason) AS reason
              FROM patches GROUP BY direction, telaris_id, tripletex_id)
    """, [kind.value])
    con.execute(f"""
        INSERT INTO outbox ({OUTBOX_COLUMNS})
        SELECT intent_id, direction, 'update', ?, telaris_id, tripletex_id, fields, target_version, address_id,
               reason, 'pending', 0, NULL, ?, ?
        FROM planned
        ON CONFLICT (intent_id) DO NOTHING
    """, [kind.value, now, now])
    supersede(con, kind, "update", "planned", now)
    return con.execute("SELECT count(*) FROM planned").fetchone()[0]


def supersede(con: duckdb.DuckDBPyConnection, kind: Kind, action: str, current: str, now: datetime) -> None:
    """Waiting intents of `action` that the latest plan no longer contains are obsolete: the record changed again
    (or back), and sending them would overwrite a newer change. Not so a write parked because the record it targets
    was deleted: its pair left the diff because the record is gone, not because the data changed, and the parked
    row is what tells the operator (see `waits_for_gone_record`)."""
    con.execute(f"""
        UPDATE outbox SET status = 'superseded', updated_at = ?, last_error = 'no longer wanted by the latest diff'
        WHERE kind = ? AND action = ? AND status IN ('pending', 'parked')
          AND intent_id NOT IN (SELECT intent_id FROM {current})
          AND NOT {waits_for_gone_record("outbox")}
    """, [now, kind.value, action])


def waits_for_gone_record(outbox: str) -> str:
    """SQL: the intent (row alias `outbox`) is parked for a pair that is still linked (the `links` row, and the
    reference on the Telaris record) while the warehouse marks its target deleted (a 404 on our write,
    engine.apply). Such a write stays parked, neither retried nor superseded, until a person acts (clears or changes
    the link) or the data changes (the record is seen again)."""
    gone = " OR ".join(
        f"""({outbox}.kind = '{kind.value}'
             AND EXISTS (SELECT 1 FROM {party_table(System.TELARIS, kind)} t
                         WHERE t.record_id = {outbox}.telaris_id AND t.tripletex_id = {outbox}.tripletex_id
                           AND (t.is_deleted OR {outbox}.direction = 'to_tripletex'))
             AND ({outbox}.direction = 'to_telaris' OR EXISTS (
                    SELECT 1 FROM {party_table(System.TRIPLETEX, kind)} x
                    WHERE x.tripletex_id = {outbox}.tripletex_id AND x.is_deleted)))"""
        for kind in Kind)
    return f"""({outbox}.status = 'parked'
                AND EXISTS (SELECT 1 FROM links l WHERE l.kind = {outbox}.kind AND l.telaris_id = {outbox}.telaris_id
                            AND l.tripletex_id = {outbox}.tripletex_id)
                AND ({gone}))"""


def plan_new_suppliers(con: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, int]:
    """Unlinked suppliers on either side: link to a unique match (organisation number, then supplier number),
    otherwise create on the other side. Ambiguous matches are parked for an operator, never guessed."""
    kind = Kind.SUPPLIER
    telaris, tripletex = party_table(System.TELARIS, kind), party_table(System.TRIPLETEX, kind)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE unlinked_telaris AS
        SELECT * FROM {telaris} t
        WHERE t.tripletex_id IS NULL AND NOT t.is_deleted AND t.is_active
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'supplier' AND l.telaris_id = t.record_id)
          -- a supplier the initial linking sent to review is neither created nor matched until it is decided
          AND NOT EXISTS (SELECT 1 FROM link_proposals p WHERE p.kind = 'supplier' AND p.telaris_id = t.record_id
                          AND p.status = 'open' AND p.decision = 'review');
        CREATE OR REPLACE TEMP TABLE unlinked_tripletex AS
        SELECT * FROM {tripletex} x
        WHERE NOT x.is_deleted AND x.is_active
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = 'supplier' AND l.tripletex_id = x.tripletex_id)
          AND NOT EXISTS (SELECT 1 FROM {telaris} t WHERE t.tripletex_id = x.tripletex_id AND NOT t.is_deleted)
          -- ... nor imported into Telaris, where its twin in review would then be held twice
          AND NOT EXISTS (SELECT 1 FROM link_proposals p WHERE p.kind = 'supplier' AND p.tripletex_id = x.tripletex_id
                          AND p.status = 'open' AND p.decision = 'review')
          -- possibly our own create whose answer was lost: never imported back into Telaris as a new supplier
          AND NOT EXISTS (SELECT 1 FROM create_attempts a JOIN {telaris} t ON t.record_id = a.telaris_id
                          WHERE a.kind = 'supplier' AND a.outcome IN ('sending', 'unknown')
                            AND t.name IS NOT DISTINCT FROM x.name
                            AND t.organisation_number IS NOT DISTINCT FROM x.organisation_number);
        CREATE OR REPLACE TEMP TABLE candidates AS
        SELECT t.record_id AS telaris_id, x.tripletex_id, 'organisation_number' AS matched_by, 1 AS rank,
               t.version AS t_version
        FROM unlinked_telaris t JOIN unlinked_tripletex x ON x.organisation_number = t.organisation_number
        UNION ALL
        SELECT t.record_id, x.tripletex_id, 'number', 2, t.version
        FROM unlinked_telaris t JOIN unlinked_tripletex x ON x.number = t.number
        WHERE t.organisation_number IS NULL OR x.organisation_number IS NULL;
        -- the best rank per Telaris record; a match is usable only when it is unique on both sides
        CREATE OR REPLACE TEMP TABLE best AS
        SELECT * FROM candidates QUALIFY rank = min(rank) OVER (PARTITION BY telaris_id);
        CREATE OR REPLACE TEMP TABLE matches AS
        SELECT *, count(*) OVER (PARTITION BY telaris_id) = 1
                  AND count(*) OVER (PARTITION BY tripletex_id) = 1 AS is_unique
        FROM best;
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE planned_suppliers AS
        SELECT md5(concat_ws('|', 'to_telaris', 'link', 'supplier', telaris_id, tripletex_id)) AS intent_id,
               'to_telaris' AS direction, 'link' AS action, telaris_id, tripletex_id,
               json_object('tripletex_id', tripletex_id) AS fields, t_version AS target_version,
               'matched_by_' || matched_by AS reason,
               CASE WHEN is_unique THEN 'pending' ELSE 'parked' END AS status,
               CASE WHEN is_unique THEN NULL
                    ELSE 'ambiguous: several records match by ' || matched_by || '; link by hand' END AS last_error
        FROM matches
    """)
    con.execute(f"""
        INSERT INTO planned_suppliers ({PLANNED_COLUMNS})
        SELECT md5(concat_ws('|', 'to_tripletex', 'create', 'supplier', record_id)), 'to_tripletex', 'create',
               record_id, NULL, {ALL_FIELDS_JSON}, version, 'new_telaris_supplier', 'pending', NULL
        FROM unlinked_telaris t WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.telaris_id = t.record_id);
        INSERT INTO planned_suppliers ({PLANNED_COLUMNS})
        SELECT md5(concat_ws('|', 'to_telaris', 'create', 'supplier', tripletex_id)), 'to_telaris', 'create',
               NULL, tripletex_id, {ALL_FIELDS_JSON}, NULL, 'new_tripletex_supplier', 'pending', NULL
        FROM unlinked_tripletex x WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.tripletex_id = x.tripletex_id);
    """)
    con.execute(f"""
        INSERT INTO outbox ({OUTBOX_COLUMNS})
        SELECT intent_id, direction, action, 'supplier', telaris_id, tripletex_id, fields, target_version, NULL,
               reason, status, 0, last_error, ?, ?
        FROM planned_suppliers
        ON CONFLICT (intent_id) DO NOTHING
    """, [now, now])
    for action in ("create", "link"):
        supersede(con, kind, action, "planned_suppliers", now)
    rows = con.execute("SELECT action || '_' || direction, count(*) FROM planned_suppliers GROUP BY 1").fetchall()
    return dict(rows)
