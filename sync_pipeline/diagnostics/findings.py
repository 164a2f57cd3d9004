"""Diagnostics: each problem is a named SQL file in `sql/`, run for both kinds, returning one row per finding that
names the records, the problem and the fix. Plain Python and SQL: the Dagster asset checks and
`sync-pipeline diagnose` both call `find`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from importlib import resources
from typing import Any

import duckdb

from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.page_sql import install_company_keys
from sync_pipeline.domain.sql_template import fill, parameters_named

PROBLEMS = ("link_missing", "number_mismatch", "webhooks_not_arriving", "mislinked", "parked_forever")
PER_KIND = {"link_missing", "number_mismatch", "mislinked", "parked_forever"}
EXPLAINED = {
    "link_missing": "a Telaris record is not linked, though its Tripletex counterpart is certain: its changes do not "
                    "flow (the most common reason data is not updated)",
    "number_mismatch": "linked records carry different customer or supplier numbers",
    "webhooks_not_arriving": "Tripletex changes are not announced by webhooks (delivery paused, a subscription "
                             "disabled or missing, or the receiver not answering): they wait for the next sync",
    "mislinked": "a link joins two different companies, several Telaris records, or a deleted or inactive record",
    "parked_forever": "a write or an invoice export waits for a person: a value cannot be sent as it is",
}


@dataclass(frozen=True)
class Finding:
    problem: str
    kind: str | None
    telaris_id: str | None
    tripletex_id: int | None
    telaris_name: str | None
    tripletex_name: str | None
    detail: str
    fix: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _sql(name: str) -> str:
    return resources.files("sync_pipeline.diagnostics").joinpath("sql", f"{name}.sql").read_text()


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """What every problem's query uses (the company keys, the shared macros), installed once per connection."""
    install_company_keys(con)
    con.execute(_sql("_macros"))


def find_one(con: duckdb.DuckDBPyConnection, problem: str, grace_minutes: int = 15) -> list[Finding]:
    """One problem's findings, for both kinds where it is per kind, on a connection `prepare` has readied: a caller
    that reports each problem on its own (the asset checks) lets a query that fails fail its own problem only."""
    template = _sql(problem)
    found: list[Finding] = []
    for kind in [k.value for k in Kind] if problem in PER_KIND else ["all"]:
        sql = fill(template, kind=kind)
        rows = con.execute(sql, parameters_named(sql, {"grace_minutes": int(grace_minutes)})).fetchall()
        found.extend(Finding(*row) for row in rows)
    return sorted(found, key=_order)


def find(con: duckdb.DuckDBPyConnection, problems: tuple[str, ...] = PROBLEMS,
         grace_minutes: int = 15) -> list[Finding]:
    """Every finding of the named problems, in a stable order."""
    prepare(con)
    return sorted((f for problem in problems for f in find_one(con, problem, grace_minutes)), key=_order)


def _order(finding: Finding) -> tuple:
    return (PROBLEMS.index(finding.problem), finding.kind or "", finding.telaris_id or "", finding.tripletex_id or 0,
            finding.detail)
