"""The canonical mapping of whole API pages, in DuckDB SQL: what extraction runs instead of mapping.py per record.

Normalising record by record in Python cost some 40 µs a record under the interpreter lock, most of an extraction.
DuckDB parses a page body and folds its values in native code, without that lock, so fetching the next page and
writing the last one overlap with it. The rules themselves stay in Python: each macro in sql/normalise.sql takes the
common case (ASCII and Latin-1 text, Norwegian phone numbers, compact organisation numbers and their check digit)
and calls the Python function of domain.normalise for everything else, registered here as a DuckDB function. Tests
feed generated records through both and require equal rows, so the two paths cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa
from duckdb.sqltypes import VARCHAR

from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.mapping import TRIPLETEX_NUMBER_FIELD, problems_of

# Every character Python's str.isspace() accepts, which is what normalise.text splits on (a test enumerates them)
WHITESPACE = (r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}"
              r"\x{3000}")

# The Python side of each macro's uncommon case
_FALLBACKS: dict[str, tuple[Callable[..., Any], int, Any]] = {
    "py_email": (normalise.email, 1, VARCHAR),
    "py_code": (normalise.code, 1, VARCHAR),
    "py_number": (normalise.number, 1, VARCHAR),
    "py_phone": (normalise.phone_by_library, 1, VARCHAR),
    "py_organisation_number": (lambda value: normalise.organisation_number(value, "NO"), 1, VARCHAR),
    "py_language_from_telaris": (normalise.language_from_telaris, 1, VARCHAR),
    "py_language_from_tripletex": (normalise.language_from_tripletex, 1, VARCHAR),
    "py_problems": (lambda org, country, language: list(problems_of(org, country, language)), 3,
                    duckdb.list_type(VARCHAR)),
}


def _sql(name: str) -> str:
    return resources.files("sync_pipeline.domain").joinpath("sql", name).read_text()


def _vectorised(function: Callable[..., Any], arity: int, result_type: pa.DataType) -> Callable[..., pa.Array]:
    """DuckDB hands an Arrow array per argument, holding only the rows the macro's CASE sent to Python. (DuckDB
    counts the parameters of what it registers, hence one wrapper per arity.)"""

    def rows(*columns: pa.Array) -> pa.Array:
        return pa.array([function(*values) for values in zip(*(c.to_pylist() for c in columns), strict=True)],
                        type=result_type)

    if arity == 1:
        return lambda values: rows(values)
    return lambda first, second, third: rows(first, second, third)


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Make the normalisation macros (and the Python functions they fall back on) available on `con`, once per
    connection (a cycle extracts four tables on one connection; creating the macros costs ~9 ms)."""
    if con.execute("SELECT getvariable('sync_pipeline_page_sql')").fetchall()[0][0]:
        return
    for name, (function, arity, result_type) in _FALLBACKS.items():
        arrow_type = pa.string() if result_type == VARCHAR else pa.list_(pa.string())
        try:
            con.create_function(name, _vectorised(function, arity, arrow_type), [VARCHAR] * arity, result_type,
                                type="arrow", null_handling="special", side_effects=False)
        except duckdb.NotImplementedException as exc:
            # installed on this connection before; asking duckdb_functions() first cost 60 ms an extraction
            if "already created" not in str(exc):
                raise
    con.execute(_macros()).fetchall()
    con.execute("SET VARIABLE sync_pipeline_page_sql = true").fetchall()


@cache
def _macros() -> str:
    return (_sql("normalise.sql").replace("{whitespace}", WHITESPACE)
            .replace("{whitespace_but_space}", WHITESPACE.replace(" ", "")))


@cache
def records_sql(system: System, kind: Kind) -> str:
    """A SELECT of canonical rows (warehouse BATCH_COLUMNS order) from the pages in a relation `page_bodies(body)`.
    Tripletex's also reads `tripletex_currency_codes(id, code)` and `tripletex_country_codes(id, code)`."""
    if system is System.TELARIS:
        reading = _sql("telaris_page.sql")
    else:
        reading = _sql("tripletex_page.sql").replace("{number_field}", TRIPLETEX_NUMBER_FIELD[kind])
    return reading + _sql("canonical_rows.sql")


def code_table(codes: Mapping[int, str]) -> pa.Table:
    """Tripletex's id → ISO code lists (GET /currency, /country) as a relation the page SQL joins."""
    return pa.table({"id": pa.array(list(codes), pa.int64()), "code": pa.array(list(codes.values()), pa.string())})


def install_company_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Temporary macros that reduce a company to what identifies it (`name_key`, `valid_orgnr`): shared by the
    initial linking and the diagnostics, so both judge "the same company" alike."""
    con.execute(_sql("company_keys.sql"))
