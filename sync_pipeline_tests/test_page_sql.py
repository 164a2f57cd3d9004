"""Extraction normalises whole pages in DuckDB SQL (domain.page_sql); the single-record path (webhooks, exports,
apply) uses domain.mapping in Python. If the two ever disagreed, every affected record would show a change that is
not there, or hide one that is. These tests hold them equal, on awkward generated input and character by character
where the SQL takes a shortcut."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import duckdb
import orjson
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.no import orgnr as no_orgnr

from sync_pipeline.domain import normalise, page_sql
from sync_pipeline.domain.fields import Kind, System
from sync_pipeline.domain.mapping import canonical_from_telaris, canonical_from_tripletex
from sync_pipeline.warehouse.store import BATCH_COLUMNS

CURRENCIES = {1: "NOK", 2: "EUR", 3: "SEK"}
COUNTRIES = {161: "NO", 5: "SE", 77: "GB"}


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    page_sql.install(connection)
    connection.register("tripletex_currency_codes", page_sql.code_table(CURRENCIES))
    connection.register("tripletex_country_codes", page_sql.code_table(COUNTRIES))
    yield connection
    connection.close()


def sql_rows(con: duckdb.DuckDBPyConnection, system: System, kind: Kind,
             records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    key = "items" if system is System.TELARIS else "values"
    con.register("page_bodies", pa.table({"body": [orjson.dumps({key: records}).decode()]}))
    try:
        return con.sql(page_sql.records_sql(system, kind)).to_arrow_table().to_pylist()
    finally:
        con.unregister("page_bodies")


def assert_same_rows(rows: list[dict[str, Any]], records: list[dict[str, Any]], python: Any) -> None:
    """Every record comes out once (SQL keeps no order, so rows are matched to records by their raw JSON), with
    the values the Python mapping gives it."""
    def key(record: dict[str, Any]) -> bytes:
        return orjson.dumps(record, option=orjson.OPT_SORT_KEYS)

    assert sorted(key(orjson.loads(row["raw"])) for row in rows) == sorted(map(key, records)), "raw is as sent"
    for row in rows:
        record = orjson.loads(row["raw"])
        expected = python(record)
        for column in BATCH_COLUMNS[:-1]:
            want = list(expected[column]) if column == "problems" else expected[column]
            assert row[column] == want, f"{column}: SQL {row[column]!r}, Python {want!r} for {record!r}"


# ---- generated records: the shapes of both APIs, with the values people really type, and worse -----------------
_space = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\u3000", "\x1c", "\u200b", ""])
_any_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=10)


def _typed(*cores: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    """A value as typed: one of `cores`, maybe padded with white space; sometimes missing or empty."""
    padded = st.builds(lambda a, core, b: a + core + b, _space, st.one_of(*cores, _any_text), _space)
    return st.one_of(st.none(), st.just(""), padded)


_digits = st.text("0123456789", min_size=1, max_size=10)
_orgnr = st.one_of(
    st.integers(100_000_000, 999_999_999).map(str),
    st.sampled_from(["974760673", "NO 974 760 673 MVA", "974 760 673", "９７４７６０６７３", "97476067²",
                     "556677-8899"]),
)
_phone = st.one_of(
    st.integers(10_000_000, 99_999_999).map(str),
    st.integers(10_000_000, 99_999_999).map(lambda n: f"+47 {str(n)[:3]} {str(n)[3:5]} {str(n)[5:]}"),
    st.sampled_from(["0047 91234567", "+46 8 123 456 78", "+44 20 7946 0958", "9١٢٣٤٥٦٧", "call reception",
                     "01234567", "+4701234567"]),
)
_email = st.sampled_from(["Post@Firma.NO", "faktura@sæther.no", "ÆRLIG@ØY.NO", "straße@x.de", "µ@x.no",
                          "ǅ@x.no", "İ@x.tr", "post@firma.no"])
_name = st.sampled_from(["Hagen AS", "Sæther  Bygg", "ÅSEN\tDRIFT", "Straße GmbH", "Ørsta\u00a0Mek"])
_language = st.sampled_from(["nb", "nn", "no", "NO", "en", "EN", "sv", "de", "Nb", "İ", "ǅ", "ｎｏ"])
_code = st.sampled_from(["NO", "no", "se", "GB", "ﬁ", "ß", "DK"])


@st.composite
def telaris_records(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": f"c_{draw(st.integers(1, 10**6))}",
        "number": draw(_typed(_digits, st.just("0"))),
        "name": draw(_typed(_name)),
        "organisation_number": draw(_typed(_orgnr)),
        "email": draw(_typed(_email)),
        "invoice_email": draw(_typed(_email)),
        "phone": draw(_typed(_phone)),
        "address": draw(st.one_of(st.none(), st.fixed_dictionaries({
            "line1": _typed(_name), "line2": _typed(st.just("c/o")), "postal_code": _typed(_digits),
            "city": _typed(_name), "country": _typed(_code)}))),
        "currency": draw(_typed(_code, st.just("nok"))),
        "language": draw(_typed(_language)),
        "tripletex_id": draw(st.one_of(st.none(), st.integers(1, 10**9))),
        "is_active": draw(st.one_of(st.none(), st.booleans())),
        "version": draw(st.integers(1, 1000)),
        "updated_at": draw(st.sampled_from(["2026-11-26T01:15:48.974018Z", "2026-01-02T03:04:05+01:00", ""])),
    }


@st.composite
def tripletex_records(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "id": draw(st.integers(1, 10**9)),
        "version": draw(st.integers(0, 1000)),
        "name": draw(_typed(_name)),
        "customerNumber": draw(st.integers(0, 99_999)),
        "supplierNumber": draw(st.integers(0, 99_999)),
        "organizationNumber": draw(_typed(_orgnr)),
        "email": draw(_typed(_email)),
        "invoiceEmail": draw(_typed(_email)),
        "phoneNumber": draw(_typed(_phone)),
        "language": draw(_typed(_language)),
        "isInactive": draw(st.booleans()),
        "currency": draw(st.one_of(st.none(), st.builds(dict, id=st.sampled_from([1, 2, 3, 99])))),
        "postalAddress": {
            "id": draw(st.integers(1, 10**9)),
            "addressLine1": draw(_typed(_name)), "addressLine2": draw(st.sampled_from(["", " ", "c/o"])),
            "postalCode": draw(_typed(_digits)), "city": draw(_typed(_name)),
            "country": draw(st.one_of(st.none(), st.builds(dict, id=st.sampled_from([161, 5, 77, 404])))),
        },
    }


_settings = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_settings
@given(records=st.lists(telaris_records(), min_size=1, max_size=8))
def test_telaris_pages_in_sql_read_as_the_python_mapping(con: duckdb.DuckDBPyConnection,
                                                         records: list[dict[str, Any]]) -> None:
    assert_same_rows(sql_rows(con, System.TELARIS, Kind.CUSTOMER, records), records, canonical_from_telaris)


@_settings
@given(records=st.lists(tripletex_records(), min_size=1, max_size=8), kind=st.sampled_from(Kind))
def test_tripletex_pages_in_sql_read_as_the_python_mapping(con: duckdb.DuckDBPyConnection,
                                                           records: list[dict[str, Any]], kind: Kind) -> None:
    rows = sql_rows(con, System.TRIPLETEX, kind, records)
    assert_same_rows(rows, records, lambda r: canonical_from_tripletex(r, kind, CURRENCIES, COUNTRIES))


# ---- the SQL shortcuts, checked exhaustively where they are finite -------------------------------------------------
def test_the_white_space_class_is_exactly_what_python_splits_on(con: duckdb.DuckDBPyConnection) -> None:
    matched = {row[0] for row in con.execute(f"""
        SELECT i FROM (SELECT * FROM range(1, 55296) UNION ALL SELECT * FROM range(57344, 1114112)) t(i)
        WHERE regexp_full_match(chr(i::INTEGER), '[{page_sql.WHITESPACE}]')
    """).fetchall()}
    assert matched == {i for i in range(1, 0x110000) if chr(i).isspace()}


@pytest.mark.parametrize(("macro", "python"), [
    ("email_of", normalise.email), ("code_of", normalise.code), ("number_of", normalise.number),
    ("language_from_telaris", normalise.language_from_telaris),
    ("language_from_tripletex", normalise.language_from_tripletex),
])
def test_every_character_up_to_cjk_reads_the_same_in_sql_and_python(con: duckdb.DuckDBPyConnection, macro: str,
                                                                    python: Any) -> None:
    """The shortcuts decide by character class (ASCII, Latin-1 letters) where SQL's lower()/upper() are Python's;
    every character below U+3000, alone and beside an ASCII letter, must come out as Python has it."""
    values = [v for i in range(33, 0x3000) if not 0xD800 <= i <= 0xDFFF for v in (chr(i), "A" + chr(i))]
    got = con.execute(f"SELECT list_transform($1::VARCHAR[], lambda v: {macro}(fold_text(v)))", [values]).fetchone()[0]
    differing = [(v, g, python(v)) for v, g in zip(values, got, strict=True) if g != python(v)]
    assert differing == []


def test_the_organisation_number_check_is_stdnums(con: duckdb.DuckDBPyConnection) -> None:
    rng = random.Random(7)
    numbers = [f"{rng.randrange(10**9):09d}" for _ in range(20_000)]
    numbers += [n[:8] + str((int(n[8]) + 1) % 10) for n in numbers[:1000]]  # one check digit off
    checked = dict(con.execute("SELECT n, organisation_number_checks(n) FROM unnest($1::VARCHAR[]) t(n)",
                               [numbers]).fetchall())
    assert checked == {n: no_orgnr.checksum(n) == 0 for n in numbers}
    assert sum(checked.values()) > 1000, "the sample holds valid numbers too"
