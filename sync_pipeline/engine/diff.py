"""The three-way diff, in DuckDB SQL.

For every linked pair, each synced field is compared with `base`, the value both sides last agreed on:
- changed on one side only → a patch to the other side;
- changed on both to the same value → no write, base advances;
- changed on both to different values → a conflict, decided by policy and recorded.
A pair linked before any base exists gets one: fields that agree become base, fields that differ are left unknown
(NULL) and so resolve as changes or conflicts on this very run.

At a million pairs, reading every pair's 39 text values costs seconds; so each stored row carries a hash of its
synced fields (see warehouse.store.fields_hash_sql), candidates are found by comparing those numbers, and only the
candidates' rows are read in full.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System
from sync_pipeline.domain.policy import ConflictRule, SyncPolicy
from sync_pipeline.engine.echoes import confirm_lost_answers
from sync_pipeline.engine.references import follow_references
from sync_pipeline.warehouse.store import Warehouse, fields_hash_sql, party_table


@dataclass
class DiffResult:
    kind: Kind
    pairs: int = 0  # linked pairs of this kind
    examined: int = 0  # pairs whose fields hash differed from base (or without base): the only ones read in full
    to_tripletex: int = 0
    to_telaris: int = 0
    agreed: int = 0
    conflicts: int = 0
    new_links: int = 0
    unlinked: int = 0  # links a person undid by clearing the reference in Telaris (engine.references)
    repointed: int = 0  # links a person moved by pointing the reference at another Tripletex record
    held_back: int = 0  # newly linked pairs whose organisation numbers differ: never synced (see diagnostics)
    unconfirmed_gaps: int = 0  # empty fields an unconfirmed link would have filled: left empty until confirmed
    lost_answers: int = 0  # our writes whose answers were lost, confirmed by reading the target (engine.echoes)
    fields_to_tripletex: dict[str, int] = field(default_factory=dict)
    fields_to_telaris: dict[str, int] = field(default_factory=dict)


def _tables(kind: Kind) -> tuple[str, str]:
    return party_table(System.TELARIS, kind), party_table(System.TRIPLETEX, kind)


def refresh_links(con: duckdb.DuckDBPyConnection, kind: Kind, now: datetime) -> int:
    """Record links for Telaris references we have not seen yet. A reference that disagrees with a recorded
    link is left alone here (it is a finding for an operator, not something to overwrite)."""
    telaris, tripletex = _tables(kind)
    before = con.execute("SELECT count(*) FROM links WHERE kind = ?", [kind.value]).fetchone()[0]
    con.execute(f"""
        INSERT INTO links (kind, telaris_id, tripletex_id, linked_by, linked_at)
        SELECT ?, t.record_id, t.tripletex_id, 'reference', ?
        FROM {telaris} t
        WHERE t.tripletex_id IS NOT NULL AND NOT t.is_deleted
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = ? AND l.telaris_id = t.record_id)
          AND NOT EXISTS (SELECT 1 FROM links l WHERE l.kind = ? AND l.tripletex_id = t.tripletex_id)
    """, [kind.value, now, kind.value, kind.value])
    return con.execute("SELECT count(*) FROM links WHERE kind = ?", [kind.value]).fetchone()[0] - before


def _candidates_sql(kind: Kind) -> str:
    """Linked pairs that need a look, found on one number per record: a fields hash differing from base's on either
    side, or no base yet (a base recorded for another Tripletex record counts as none: the pair was relinked).
    Carries each row's rowid so the wide fetch that follows reads only these rows."""
    telaris, tripletex = _tables(kind)
    return f"""
        SELECT l.telaris_id, l.tripletex_id, b.telaris_id IS NOT NULL AS has_base,
               t.rowid AS t_row, x.rowid AS x_row, b.rowid AS b_row
        FROM links l
        JOIN {telaris} t ON t.record_id = l.telaris_id AND t.tripletex_id = l.tripletex_id AND NOT t.is_deleted
        JOIN {tripletex} x ON x.tripletex_id = l.tripletex_id AND NOT x.is_deleted
        LEFT JOIN base b ON b.kind = l.kind AND b.telaris_id = l.telaris_id AND b.tripletex_id = l.tripletex_id
        WHERE l.kind = '{kind.value}' AND (b.telaris_id IS NULL OR t.fields_hash IS DISTINCT FROM b.fields_hash
                                           OR x.fields_hash IS DISTINCT FROM b.fields_hash)
    """


def _hold_back_contradicting_links(con: duckdb.DuckDBPyConnection, kind: Kind) -> int:
    """A pair linked but never agreed on anything, whose organisation numbers differ, is most likely two companies
    linked by mistake: syncing it would overwrite one company's master data with the other's. Such pairs are left
    out of the diff (strong evidence never overrides contradicting evidence); the `mislinked` diagnostic names them.
    Only pairs without base are looked at, by rowid, so the cost follows the new links, not the table."""
    telaris, tripletex = _tables(kind)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE contradicting AS
        SELECT c.telaris_id
        FROM candidates c
        JOIN (SELECT rowid AS t_row, organisation_number AS t_org FROM {telaris}
              WHERE rowid IN (SELECT t_row FROM candidates WHERE NOT has_base)) t USING (t_row)
        JOIN (SELECT rowid AS x_row, organisation_number AS x_org FROM {tripletex}
              WHERE rowid IN (SELECT x_row FROM candidates WHERE NOT has_base)) x USING (x_row)
        WHERE NOT c.has_base AND t.t_org <> x.x_org
    """)
    con.execute("DELETE FROM candidates WHERE telaris_id IN (SELECT telaris_id FROM contradicting)").fetchall()
    return con.execute("SELECT count(*) FROM contradicting").fetchall()[0][0]


def _pairs_sql(kind: Kind, candidates: str = "candidates") -> str:
    """The candidates with every synced field of both sides and of base. For a pair without base, base is taken to
    be the fields that agree (the others are unknown, NULL). Rows are fetched by rowid: a semi join that reads only
    the candidates' values, not a million rows of text."""
    telaris, tripletex = _tables(kind)
    fields = ", ".join(SYNCED_FIELDS)
    base_of = {f: f"CASE WHEN c.has_base THEN b.{f} WHEN t.{f} IS NOT DISTINCT FROM x.{f} THEN t.{f} END"
               for f in SYNCED_FIELDS}
    columns = ",\n".join(f"t.{f} AS t_{f}, x.{f} AS x_{f}, {base_of[f]} AS b_{f}" for f in SYNCED_FIELDS)
    return f"""
        WITH t AS (SELECT rowid AS t_row, version, changed_at, {fields} FROM {telaris}
                   WHERE rowid IN (SELECT t_row FROM {candidates})),
             x AS (SELECT rowid AS x_row, version, address_id, coalesce(changed_at, version_seen_at) AS changed_at,
                          {fields} FROM {tripletex} WHERE rowid IN (SELECT x_row FROM {candidates})),
             b AS (SELECT rowid AS b_row, {fields} FROM base WHERE rowid IN (SELECT b_row FROM {candidates}))
        SELECT c.telaris_id, c.tripletex_id, c.has_base,
               t.version AS t_version, x.version AS x_version, x.address_id AS x_address_id,
               t.changed_at AS t_changed_at, x.changed_at AS x_changed_at,
               {columns}
        FROM {candidates} c JOIN t USING (t_row) JOIN x USING (x_row) LEFT JOIN b USING (b_row)
    """


def _field_changes_sql() -> str:
    parts = []
    for f in SYNCED_FIELDS:
        parts.append(f"""
        SELECT telaris_id, tripletex_id, '{f}' AS field, t_{f} AS telaris_value, x_{f} AS tripletex_value,
               b_{f} AS base_value, t_{f} IS DISTINCT FROM b_{f} AS telaris_changed,
               x_{f} IS DISTINCT FROM b_{f} AS tripletex_changed,
               t_version, x_version, x_address_id, t_changed_at, x_changed_at
        FROM pairs WHERE t_{f} IS DISTINCT FROM b_{f} OR x_{f} IS DISTINCT FROM b_{f}""")
    return "\nUNION ALL".join(parts)


def _winner_sql(rule: ConflictRule) -> str:
    if rule is ConflictRule.TELARIS_WINS:
        return "'telaris'"
    if rule is ConflictRule.TRIPLETEX_WINS:
        return "'tripletex'"
    # latest wins; a tie or an unknown time goes to Telaris
    return "CASE WHEN x_changed_at > t_changed_at THEN 'tripletex' ELSE 'telaris' END"


def _record_conflicts(con: duckdb.DuckDBPyConnection, kind: Kind, rule: ConflictRule, run_id: str,
                      now: datetime) -> None:
    """One row per conflict, recorded by the run that first decided it. A conflict seen again (its write was parked,
    or the run was a dry run) is the same conflict: it keeps its row and run, so an operator sees one item, not a
    new decision every five minutes."""
    con.execute("""
        INSERT INTO conflicts (kind, telaris_id, tripletex_id, field, base_value, telaris_value, tripletex_value,
                               winner, policy, run_id, decided_at)
        SELECT ?, telaris_id, tripletex_id, field, base_value, telaris_value, tripletex_value, conflict_winner, ?,
               ?, ?
        FROM field_changes f
        WHERE outcome = 'conflict' AND NOT EXISTS (
            SELECT 1 FROM conflicts c
            WHERE c.kind = ? AND c.telaris_id = f.telaris_id AND c.field = f.field
              AND c.base_value IS NOT DISTINCT FROM f.base_value
              AND c.telaris_value IS NOT DISTINCT FROM f.telaris_value
              AND c.tripletex_value IS NOT DISTINCT FROM f.tripletex_value)
    """, [kind.value, rule.value, run_id, now, kind.value])


def _withhold_unconfirmed_gaps(con: duckdb.DuckDBPyConnection, kind: Kind) -> int:
    """A link no person confirmed (the initial linking made it on evidence short of the same valid organisation
    number on both sides) fills no empty field: were the match wrong, the gap would be filled with another
    company's e-mail or phone. Only gaps the pair never agreed on (base empty too) are withheld; once the link is
    confirmed, the next diff fills them."""
    return con.execute("""
        DELETE FROM patches p USING links l
        WHERE l.kind = ? AND l.telaris_id = p.telaris_id AND l.tripletex_id = p.tripletex_id AND NOT l.confirmed
          AND p.old_value IS NULL AND p.base_value IS NULL
    """, [kind.value]).fetchall()[0][0]


# One row per field to write, for planning (engine.plan).
PATCHES_DDL = """
CREATE OR REPLACE TEMP TABLE patches (
    telaris_id VARCHAR, tripletex_id BIGINT, field VARCHAR, value VARCHAR, old_value VARCHAR, base_value VARCHAR,
    direction VARCHAR, reason VARCHAR, target_version INTEGER, x_address_id BIGINT
)"""


def compute(con: duckdb.DuckDBPyConnection, kind: Kind, policy: SyncPolicy, run_id: str,
            now: datetime) -> DiffResult:
    """Diff one kind; leaves the temp table `patches` (one row per field to write) for planning."""
    result = DiffResult(kind=kind)
    followed = follow_references(con, kind, run_id, now)
    result.unlinked, result.repointed = followed.unlinked, followed.repointed
    result.new_links = refresh_links(con, kind, now)
    result.pairs = con.execute("SELECT count(*) FROM links WHERE kind = ?", [kind.value]).fetchone()[0]
    for table in (*_tables(kind), "base"):
        Warehouse.rehash(con, table)
    result.lost_answers = confirm_lost_answers(con, kind, run_id, now)  # before our echo can look like an edit
    con.execute(f"CREATE OR REPLACE TEMP TABLE candidates AS {_candidates_sql(kind)}")
    result.held_back = _hold_back_contradicting_links(con, kind)
    result.examined = con.execute("SELECT count(*) FROM candidates").fetchall()[0][0]
    con.execute(PATCHES_DDL).fetchall()
    if not result.examined:  # nothing changed on either side: planning the statements below costs ~50 ms
        return result

    rule = policy.conflict_rule(kind)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE field_changes AS
        WITH pairs AS MATERIALIZED ({_pairs_sql(kind)})
        SELECT *,
               CASE WHEN telaris_changed AND tripletex_changed AND telaris_value IS NOT DISTINCT FROM tripletex_value
                        THEN 'agreed'
                    WHEN telaris_changed AND tripletex_changed THEN 'conflict'
                    WHEN telaris_changed THEN 'changed_in_telaris'
                    ELSE 'changed_in_tripletex' END AS outcome,
               {_winner_sql(rule)} AS conflict_winner
        FROM ({_field_changes_sql()})
    """)
    # A pair without base gets one; a relinked pair's old base (another Tripletex record) is replaced.
    con.execute("CREATE OR REPLACE TEMP TABLE unbased AS SELECT * FROM candidates WHERE NOT has_base")
    base_values = ", ".join(f"b_{f}" for f in SYNCED_FIELDS)
    con.execute(f"""INSERT OR REPLACE INTO base (kind, telaris_id, tripletex_id, {", ".join(SYNCED_FIELDS)},
                                                 agreed_at, fields_hash)
                    SELECT ?, telaris_id, tripletex_id, {base_values}, ?, {fields_hash_sql("b_")}
                    FROM ({_pairs_sql(kind, "unbased")})""", [kind.value, now])

    # Agreements advance base without any write (one statement per field that has any: most runs have none).
    agreed_fields = [f for (f,) in con.execute(
        "SELECT DISTINCT field FROM field_changes WHERE outcome = 'agreed' ORDER BY field").fetchall()]
    for f in agreed_fields:
        con.execute(f"""
            UPDATE base SET {f} = c.telaris_value, agreed_at = ?, fields_hash = NULL
            FROM field_changes c
            WHERE base.kind = ? AND base.telaris_id = c.telaris_id AND c.field = '{f}' AND c.outcome = 'agreed'
        """, [now, kind.value])
    Warehouse.rehash(con, "base")
    _record_conflicts(con, kind, rule, run_id, now)
    con.execute("""
        INSERT INTO patches
        SELECT telaris_id, tripletex_id, field,
               CASE WHEN direction = 'to_tripletex' THEN telaris_value ELSE tripletex_value END AS value,
               CASE WHEN direction = 'to_tripletex' THEN tripletex_value ELSE telaris_value END AS old_value,
               base_value, direction,
               CASE WHEN outcome = 'conflict' THEN 'conflict_' || conflict_winner || '_wins' ELSE outcome END
                   AS reason,
               CASE WHEN direction = 'to_tripletex' THEN x_version ELSE t_version END AS target_version,
               x_address_id
        FROM (SELECT *, CASE WHEN outcome = 'changed_in_telaris'
                                  OR (outcome = 'conflict' AND conflict_winner = 'telaris') THEN 'to_tripletex'
                             ELSE 'to_telaris' END AS direction
              FROM field_changes WHERE outcome <> 'agreed')
    """)
    result.unconfirmed_gaps = _withhold_unconfirmed_gaps(con, kind)
    counts = con.execute("""
        SELECT direction, field, count(*) FROM patches GROUP BY ALL ORDER BY ALL
    """).fetchall()
    for direction, name, n in counts:
        target = result.fields_to_tripletex if direction == "to_tripletex" else result.fields_to_telaris
        target[name] = n
    result.to_tripletex, result.to_telaris = con.execute("""
        SELECT count(DISTINCT telaris_id) FILTER (WHERE direction = 'to_tripletex'),
               count(DISTINCT telaris_id) FILTER (WHERE direction = 'to_telaris') FROM patches
    """).fetchone()
    result.agreed, result.conflicts = con.execute(
        "SELECT count(*) FILTER (WHERE outcome = 'agreed'), count(*) FILTER (WHERE outcome = 'conflict') "
        "FROM field_changes").fetchone()
    return result
