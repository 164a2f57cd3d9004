"""Access to the DuckDB file: schema, page upserts with new/changed counts, and per-table high-water marks."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from sync_pipeline.domain.fields import SYNCED_FIELDS, Kind, System
from sync_pipeline.domain.json_text import readable_json
from sync_pipeline.warehouse.lock import FileLock, holds_exclusive

PARTY_COLUMNS: tuple[str, ...] = (
    "record_id", "tripletex_id", *SYNCED_FIELDS, "is_active", "version", "changed_at", "address_id", "problems", "raw",
    "extracted_at", "extraction_id",
)
# What domain.page_sql makes of a page; the run's own columns (extracted_at, extraction_id) are added in the merge.
BATCH_COLUMNS = PARTY_COLUMNS[:-2]

def fields_hash_sql(prefix: str = "") -> str:
    """SQL for one number standing for all synced fields of a row (64-bit; DuckDB combines the per-column hashes in
    order, and NULL hashes differently from ""). Equal hashes are taken as equal fields, so the diff reads text
    only for the few pairs whose hashes differ."""
    return "hash(" + ", ".join(prefix + f for f in SYNCED_FIELDS) + ")"


STATE_DDL = """
CREATE TABLE IF NOT EXISTS extraction_state (
    table_name      VARCHAR PRIMARY KEY,
    high_water_mark TIMESTAMPTZ,
    last_run_at     TIMESTAMPTZ,
    last_full_at    TIMESTAMPTZ
);
"""


def _ddl(name: str) -> str:
    """A schema file with the synced field columns filled in from the one list of them (domain.fields)."""
    text = resources.files("sync_pipeline.warehouse").joinpath(name).read_text()
    return text.replace("{synced_fields}", ",\n    ".join(f"{f:<19} VARCHAR" for f in SYNCED_FIELDS))


@cache
def _schema_fingerprint() -> str:
    """Changes whenever any DDL this module runs changes (a new column, a new table)."""
    text = _ddl("schema.sql") + STATE_DDL + _ddl("sync_schema.sql") + ",".join(HASHED_TABLES)
    return hashlib.sha256(text.encode()).hexdigest()


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    try:
        return bool(con.execute("SELECT count(*) FROM schema_fingerprint WHERE fingerprint = ?",
                                [_schema_fingerprint()]).fetchall()[0][0])
    except duckdb.CatalogException:
        return False


def party_table(system: System, kind: Kind) -> str:
    return f"{system.value}_{kind.value}s"


ALL_PARTY_TABLES = tuple(party_table(s, k) for s in System for k in Kind)
HASHED_TABLES = (*ALL_PARTY_TABLES, "base")


@dataclass(frozen=True)
class UpsertCounts:
    rows: int
    new: int
    changed: int
    with_problems: int = 0
    newest_change: datetime | None = None  # the latest change time among the merged records (Telaris has them)


class Warehouse:
    """One DuckDB file. Opened per unit of work and closed after, so only one process holds it at a time; processes
    take turns through warehouse.lock instead of failing on DuckDB's own lock.

    `who` names the holder to anyone who waits (a run id and job, a command); `on_wait` is told while this one
    waits (a run's log, a terminal's stderr)."""

    def __init__(self, path: str | Path, memory_limit: str = "1GB", *, who: str | None = None,
                 on_wait: Callable[[str], None] | None = None) -> None:
        self.path = Path(path)
        self.memory_limit = memory_limit
        self.who = who or f"process {os.getpid()}"
        self.on_wait = on_wait
        self._file_lock = FileLock(Path(f"{self.path}.lock"), self.path)
        self._writer_lock = FileLock(Path(f"{self.path}.writer.lock"), self.path)

    @contextlib.contextmanager
    def writing(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the file for a whole run or command that writes: no other writer gets between its units of work.
        Readers still read between them. `timeout`: seconds to wait for another writer (default: lock.timeout_seconds)
        before FileBusy names it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._writer_lock.hold(exclusive=True, who=self.who, on_wait=self.on_wait, timeout=timeout):
            yield

    @contextlib.contextmanager
    def connect(self, threads: int | None = None, *, read_only: bool = False,
                timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """`threads`: DuckDB's worker threads while this unit of work runs (default: one per core). A setting, not
        a connection option: another connection to the same file in this process would refuse a different one.
        `read_only`: for commands that only look (diagnose, status): they share the file with other readers and
        hold up a writer no longer than they read. `timeout`: seconds to wait for the file (default:
        lock.timeout_seconds) before FileBusy."""
        # DuckDB refuses a read-only connection in a process that has the file open for writing: such a process reads
        # through its own writable connection. A reader never creates the file.
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"{self.path} does not exist: nothing has been synced into it yet")
        if read_only and not holds_exclusive(self._file_lock.lock_path):
            with self._open(threads, read_only=True, timeout=timeout) as con:
                if _schema_current(con):
                    yield con
                    return
            # a file of an older schema: brought up to date as a writer would, taking its turn (never between the
            # steps of a running sync)
            with self.writing(timeout), self._open(threads, read_only=False, timeout=timeout) as con:
                yield con
            return
        with self._open(threads, read_only=False, timeout=timeout) as con:
            yield con

    @contextlib.contextmanager
    def _open(self, threads: int | None, read_only: bool,
              timeout: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._file_lock.hold(exclusive=not read_only, who=self.who, on_wait=self.on_wait, timeout=timeout):
            con = duckdb.connect(str(self.path), read_only=read_only)
            try:
                con.execute(f"SET memory_limit = '{self.memory_limit}'")
                if threads:
                    con.execute(f"SET threads = {int(threads)}")
                if not read_only:
                    con.execute("SET preserve_insertion_order = false")
                    self.ensure_schema(con)
                yield con
            finally:
                if threads:
                    with contextlib.suppress(duckdb.Error):  # never hide the error that ended the work
                        con.execute("RESET threads")
                con.close()

    @staticmethod
    def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
        """Create what is missing. A file whose schema fingerprint matches this code's DDL is left alone: every unit
        of work opens the file, and running the twenty-odd statements each time cost ~12 ms."""
        fingerprint = _schema_fingerprint()
        con.execute("CREATE TABLE IF NOT EXISTS schema_fingerprint (fingerprint VARCHAR)").fetchall()
        if con.execute("SELECT count(*) FROM schema_fingerprint WHERE fingerprint = ?",
                       [fingerprint]).fetchall()[0][0]:
            return
        template = _ddl("schema.sql")
        for table in ALL_PARTY_TABLES:
            con.execute(template.replace("{table}", table))
        con.execute(STATE_DDL)
        con.execute(_ddl("sync_schema.sql"))
        for table in HASHED_TABLES:  # files written before the column existed
            con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS fields_hash UBIGINT")
        con.execute("DELETE FROM schema_fingerprint").fetchall()
        con.execute("INSERT INTO schema_fingerprint VALUES (?)", [fingerprint]).fetchall()

    @staticmethod
    def rehash(con: duckdb.DuckDBPyConnection, table: str) -> None:
        """Set the fields hash wherever a writer left it NULL (writers that change single fields do)."""
        con.execute(f"UPDATE {table} SET fields_hash = {fields_hash_sql()} WHERE fields_hash IS NULL").fetchall()

    # ---- loading --------------------------------------------------------------------------------------------
    @staticmethod
    def start_staging(con: duckdb.DuckDBPyConnection, table: str) -> str:
        """A temporary, index-free table of the batch's shape: appending to it is cheap, and the merge into the
        real table happens once per run as set operations instead of a keyed upsert per batch."""
        staging = f"staged_{table}"
        con.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staging} AS SELECT {', '.join(BATCH_COLUMNS)} FROM {table} "
                    "LIMIT 0")
        con.execute(f"DELETE FROM {staging}")
        return staging

    @staticmethod
    def stage_pages(con: duckdb.DuckDBPyConnection, staging: str, records_sql: str, bodies: Sequence[bytes]) -> int:
        """Append the canonical rows of API page `bodies` (domain.page_sql turns a page into rows) to `staging`;
        returns how many rows the pages held."""
        con.register("page_bodies", pa.table({"body": pa.array([readable_json(b) for b in bodies], pa.string())}))
        try:
            return con.execute(f"INSERT INTO {staging} SELECT * FROM ({records_sql})").fetchone()[0]
        except duckdb.ConversionException as exc:
            # e.g. an id or version that is not a number: reading it as "no value" could unlink a record, so stop
            reason = str(exc).splitlines()[0].removeprefix("Conversion Error: ")
            raise ValueError(f"{staging.removeprefix('staged_')}: a page holds a value of a type the API does not "
                             f"document ({reason}); nothing of these pages is kept") from exc
        finally:
            con.unregister("page_bodies")

    @staticmethod
    def merge_staged(con: duckdb.DuckDBPyConnection, table: str, staging: str, extracted_at: datetime,
                     extraction_id: str) -> UpsertCounts:
        """Replace every staged record in `table`, reporting how many were new and how many had changed.

        Works in place on the staging table (no copy of the raw JSON). Of a record fetched twice (it changed while
        pages were read) the copy with the higher version wins: SQL keeps no fetch order to go by. A record whose
        version did not change keeps the time that version was first seen."""
        cols = ", ".join(BATCH_COLUMNS)
        con.execute(f"""
            DELETE FROM {staging} WHERE rowid NOT IN (
                SELECT first(rowid ORDER BY version DESC NULLS LAST, rowid DESC) FROM {staging} GROUP BY record_id)
        """)
        rows, new, changed, with_problems, newest_change = con.execute(f"""
            SELECT count(*), count(*) FILTER (WHERE t.record_id IS NULL),
                   count(*) FILTER (WHERE t.record_id IS NOT NULL
                                    AND (t.version IS DISTINCT FROM s.version OR t.is_deleted)),
                   count(*) FILTER (WHERE len(s.problems) > 0), max(s.changed_at)
            FROM {staging} s LEFT JOIN {table} t USING (record_id)
        """).fetchone()
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE {staging}_seen AS
            SELECT s.record_id, t.version_seen_at, t.changed_at FROM {staging} s JOIN {table} t USING (record_id)
            WHERE t.version IS NOT DISTINCT FROM s.version
        """)
        con.execute(f"DELETE FROM {table} WHERE record_id IN (SELECT record_id FROM {staging})")
        con.execute(f"""
            INSERT INTO {table} ({cols}, extracted_at, extraction_id, version_seen_at, is_deleted, fields_hash)
            SELECT {", ".join("coalesce(seen.changed_at, s.changed_at)" if c == "changed_at" else f"s.{c}"
                              for c in BATCH_COLUMNS)},
                   $1, $2, coalesce(seen.version_seen_at, $1), false, {fields_hash_sql("s.")}
            FROM {staging} s LEFT JOIN {staging}_seen seen USING (record_id)
        """, [extracted_at, extraction_id])
        con.execute(f"DROP TABLE {staging}_seen")
        con.execute(f"DELETE FROM {staging}")
        return UpsertCounts(rows=rows, new=new, changed=changed, with_problems=with_problems,
                            newest_change=newest_change)

    @staticmethod
    def mark_unseen_deleted(con: duckdb.DuckDBPyConnection, table: str, extraction_id: str) -> int:
        """After a full extraction: rows the source no longer returned are marked deleted, never dropped."""
        result = con.execute(
            f"UPDATE {table} SET is_deleted = true WHERE extraction_id <> ? AND NOT is_deleted RETURNING record_id",
            [extraction_id],
        ).fetchall()
        return len(result)

    @staticmethod
    def mark_deleted(con: duckdb.DuckDBPyConnection, system: System, kind: Kind, record_ids: Sequence[str]) -> int:
        """Records the source told us are gone (a webhook's refresh, a 404 on our write): marked, never dropped."""
        if not record_ids:
            return 0
        return len(con.execute(f"UPDATE {party_table(system, kind)} SET is_deleted = true "
                               "WHERE record_id IN (SELECT unnest(?::VARCHAR[])) AND NOT is_deleted "
                               "RETURNING record_id", [list(record_ids)]).fetchall())

    @staticmethod
    def synced_fields(con: duckdb.DuckDBPyConnection, system: System, kind: Kind,
                      record_id: str) -> tuple[dict[str, str | None], int | None]:
        """A record's synced fields and version as the warehouse last saw them (all None when it has not seen it)."""
        rows = con.execute(f"SELECT {', '.join(SYNCED_FIELDS)}, version FROM {party_table(system, kind)} "
                           "WHERE record_id = ?", [record_id]).fetchall()
        row = rows[0] if rows else (None,) * (len(SYNCED_FIELDS) + 1)
        return dict(zip(SYNCED_FIELDS, row[:-1], strict=True)), row[-1]

    # ---- state ----------------------------------------------------------------------------------------------
    @staticmethod
    def high_water_mark(con: duckdb.DuckDBPyConnection, table: str) -> datetime | None:
        rows = con.execute("SELECT high_water_mark FROM extraction_state WHERE table_name = ?", [table]).fetchall()
        return rows[0][0] if rows else None

    @staticmethod
    def save_state(con: duckdb.DuckDBPyConnection, table: str, high_water_mark: datetime | None, run_at: datetime,
                   full: bool) -> None:
        con.execute(
            """
            INSERT INTO extraction_state (table_name, high_water_mark, last_run_at, last_full_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (table_name) DO UPDATE SET
                high_water_mark = coalesce(excluded.high_water_mark, extraction_state.high_water_mark),
                last_run_at = excluded.last_run_at,
                last_full_at = coalesce(excluded.last_full_at, extraction_state.last_full_at)
            """,
            [table, high_water_mark, run_at, run_at if full else None],
        )

    @staticmethod
    def table_summary(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, int]:
        rows, active, deleted, with_problems, linked = con.execute(
            f"""SELECT count(*), count(*) FILTER (WHERE is_active AND NOT is_deleted),
                       count(*) FILTER (WHERE is_deleted), count(*) FILTER (WHERE len(problems) > 0),
                       count(tripletex_id)
                FROM {table}"""
        ).fetchall()[0]
        return {"rows": rows, "active": active, "deleted": deleted, "with_problems": with_problems,
                "linked": linked}
