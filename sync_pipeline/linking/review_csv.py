"""Reading a reviewer's proposals CSV: the file `link_proposals_<kind>.csv` after a person filled its `accept` column.

The file comes back from a spreadsheet, so it is read as spreadsheets write it: comma, semicolon (what Excel writes
with Norwegian settings) or tab separated, UTF-8 with or without a byte-order mark, or Windows-1252. Everything else
is an error of one line naming the row, and the whole file is read and checked before anything is recorded: a file
with one bad row applies nothing. A file with no rows or no `accept` column applies nothing either, and says so —
applying "no decisions" would otherwise link every automatic proposal, which is not what the reviewer sent.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sync_pipeline.domain.fields import Kind

REQUIRED = ("telaris_id", "tripletex_id", "accept")
YES = frozenset({"yes", "y", "ja", "j", "true", "1", "x"})
NO = frozenset({"no", "n", "nei", "false", "0"})
DELIMITERS = (",", ";", "\t")

Pair = tuple[str, int]


class ReviewCsvError(ValueError):
    """What is wrong with the file, in one line naming the file and, where there is one, the row."""


@dataclass
class ReviewDecisions:
    """The reviewer's answers per kind, with the file's row of each pair (for messages)."""

    path: Path
    accepted: dict[Kind, list[Pair]] = field(default_factory=dict)
    rejected: dict[Kind, list[Pair]] = field(default_factory=dict)
    undecided: dict[Kind, int] = field(default_factory=dict)
    rows: dict[tuple[Kind, Pair], int] = field(default_factory=dict)

    @property
    def kinds(self) -> list[Kind]:
        return [kind for kind in Kind if kind in self.accepted or kind in self.undecided]

    def in_words(self, kind: Kind) -> str:
        return (f"{len(self.accepted.get(kind, []))} accepted, {len(self.rejected.get(kind, []))} rejected, "
                f"{self.undecided.get(kind, 0)} undecided in {self.path}")


def _text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReviewCsvError(f"{path}: no such file; nothing applied") from None
    except OSError as exc:
        raise ReviewCsvError(f"{path}: cannot be read ({exc.strerror}); nothing applied") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows with Norwegian settings


def _delimiter(header: str) -> str:
    """The separator the header line uses most: the header's names hold none of them."""
    return max(DELIMITERS, key=header.count)


def read_review_csv(path: Path, kind: Kind | None = None) -> ReviewDecisions:
    """The decisions in the file, for `kind` or for every kind its `kind` column names. Raises ReviewCsvError."""
    text = _text(path)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ReviewCsvError(f"{path} is empty: nothing applied")
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(lines[0]))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = columns
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ReviewCsvError(f"{path} has no {' and no '.join(missing)} column (it has: {', '.join(columns)}); "
                             "nothing applied")
    if kind is None and "kind" not in columns:
        raise ReviewCsvError(f"{path} has no kind column: say which kind it holds with --kind; nothing applied")
    decisions = ReviewDecisions(path)
    seen_rows = 0
    for row in reader:
        line = reader.line_num
        values = {name: (value or "").strip() for name, value in row.items() if name is not None}
        if not any(values.values()):
            continue  # a blank line a spreadsheet left at the end
        seen_rows += 1
        row_kind = _kind(values.get("kind") or (kind.value if kind else ""), path, line)
        if kind is not None and row_kind is not kind:
            continue
        pair = _pair(values, path, line)
        answer = values["accept"].lower()
        decisions.undecided.setdefault(row_kind, 0)
        decisions.accepted.setdefault(row_kind, [])
        decisions.rejected.setdefault(row_kind, [])
        if (row_kind, pair) in decisions.rows:
            raise ReviewCsvError(f"{path} row {line}: Telaris {pair[0]} -> Tripletex {pair[1]} is listed twice "
                                 f"(row {decisions.rows[(row_kind, pair)]} too); nothing applied")
        decisions.rows[(row_kind, pair)] = line
        if answer in YES:
            decisions.accepted[row_kind].append(pair)
        elif answer in NO:
            decisions.rejected[row_kind].append(pair)
        elif answer == "":
            decisions.undecided[row_kind] += 1
        else:
            raise ReviewCsvError(f"{path} row {line}: accept is {values['accept']!r}; write yes or no (or leave it "
                                 "empty to decide later); nothing applied")
    if not seen_rows:
        raise ReviewCsvError(f"{path} has no rows below its header: nothing applied")
    if not decisions.kinds:
        raise ReviewCsvError(f"{path} has no {kind.value} rows: nothing applied")
    return decisions


def _kind(value: str, path: Path, line: int) -> Kind:
    try:
        return Kind(value.lower())
    except ValueError:
        raise ReviewCsvError(f"{path} row {line}: kind is {value!r}; write customer or supplier; nothing applied") \
            from None


def _pair(values: dict[str, str], path: Path, line: int) -> Pair:
    telaris_id, tripletex_id = values["telaris_id"], values["tripletex_id"]
    if not telaris_id:
        raise ReviewCsvError(f"{path} row {line}: telaris_id is empty; nothing applied")
    if not tripletex_id.isdigit() or int(tripletex_id) <= 0:
        raise ReviewCsvError(f"{path} row {line}: tripletex_id {tripletex_id!r} is not a Tripletex id (a whole "
                             "number); nothing applied")
    return telaris_id, int(tripletex_id)


def check_proposed(con: duckdb.DuckDBPyConnection, decisions: ReviewDecisions) -> None:
    """Every pair the file decides must be one the linking proposed: a pair typed by hand, or from another company's
    file, is refused naming its row, before anything is recorded."""
    for kind in decisions.kinds:
        pairs = decisions.accepted[kind] + decisions.rejected[kind]
        if not pairs:
            continue
        con.execute("CREATE OR REPLACE TEMP TABLE review_pairs (telaris_id VARCHAR, tripletex_id BIGINT)")
        con.executemany("INSERT INTO review_pairs VALUES (?, ?)", pairs)
        unknown = con.execute("""
            SELECT r.telaris_id, r.tripletex_id FROM review_pairs r
            WHERE NOT EXISTS (SELECT 1 FROM link_proposals p WHERE p.kind = ? AND p.telaris_id = r.telaris_id
                              AND p.tripletex_id = r.tripletex_id)
        """, [kind.value]).fetchall()
        con.execute("DROP TABLE review_pairs")
        if unknown:
            first = min(unknown, key=lambda pair: decisions.rows[(kind, pair)])
            more = f" ({len(unknown) - 1} more rows like it)" if len(unknown) > 1 else ""
            raise ReviewCsvError(f"{decisions.path} row {decisions.rows[(kind, first)]}: no proposal links Telaris "
                                 f"{kind.value} {first[0]} to Tripletex {kind.value} {first[1]}{more}; only proposed "
                                 "pairs can be decided (run `sync-pipeline link` for fresh proposals); nothing applied")
