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
    "webhooks_not_arriving": "Tripletex changes are not announced by webhooks: they wait for the five-minute poll",
    "mislinked": "a link joins two different companies, several Telaris records, or a deleted or inactive record",
    "parked_forever": "a write waits for a person: the value cannot be sent as it is",
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


def find(con: duckdb.DuckDBPyConnection, problems: tuple[str, ...] = PROBLEMS,
         grace_minutes: int = 15) -> list[Finding]:
    """Every finding of the named problems, in a stable order."""
    install_company_keys(con)
    found: list[Finding] = []
    for problem in problems:
        template = _sql(problem)
        kinds = [k.value for k in Kind] if problem in PER_KIND else ["all"]
        for kind in kinds:
            sql = fill(template, kind=kind)
            rows = con.execute(sql, parameters_named(sql, {"grace_minutes": int(grace_minutes)})).fetchall()
            found.extend(Finding(*row) for row in rows)
    return sorted(found, key=lambda f: (PROBLEMS.index(f.problem), f.kind or "", f.telaris_id or "",
                                        f.tripletex_id or 0, f.detail))
