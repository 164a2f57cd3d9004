"""The final held-out twin data has the shape the exam needs: honest truth, real noise, one-sided records, namesakes."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from stdnum.no import orgnr

from sync_pipeline.sandboxes.twins_final import generate, name_key

KEYS = {"record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city"}


@pytest.fixture(scope="module")
def data():
    return generate(3000, seed=7)


def _digits(value: str) -> str:
    return re.sub(r"^NO|MVA$|\s", "", value.strip().upper())


def test_same_seed_same_data_other_seed_other_data(data):
    again = generate(3000, seed=7)
    assert (again.telaris, again.tripletex, again.truth) == (data.telaris, data.tripletex, data.truth)
    assert generate(3000, seed=8).telaris != data.telaris


def test_rows_have_the_contract_keys_and_unique_ids(data):
    assert all(set(row) == KEYS for row in data.telaris + data.tripletex)
    telaris_ids = [row["record_id"] for row in data.telaris]
    tripletex_ids = [int(row["record_id"]) for row in data.tripletex]
    assert len(set(telaris_ids)) == len(telaris_ids) and all(re.fullmatch(r"g_\d{6}", i) for i in telaris_ids)
    assert len(set(tripletex_ids)) == len(tripletex_ids)


def test_truth_is_one_to_one_between_existing_records(data):
    telaris_ids = {row["record_id"] for row in data.telaris}
    tripletex_ids = {int(row["record_id"]) for row in data.tripletex}
    assert all(t in telaris_ids and x in tripletex_ids for t, x in data.truth)
    assert len({t for t, _ in data.truth}) == len({x for _, x in data.truth}) == len(data.truth)
    assert len(data.truth) > 0.6 * min(len(telaris_ids), len(tripletex_ids))
    assert len(telaris_ids) - len(data.truth) > 0.1 * len(telaris_ids), "Telaris-only records"
    assert len(tripletex_ids) - len(data.truth) > 0.1 * len(tripletex_ids), "Tripletex-only records"


def test_organisation_numbers_are_valid_equal_within_a_pair_and_often_on_one_side_only(data):
    for row in data.telaris + data.tripletex:
        if row["organisation_number"]:
            assert orgnr.is_valid(_digits(row["organisation_number"])), row
    telaris = {row["record_id"]: row for row in data.telaris}
    tripletex = {int(row["record_id"]): row for row in data.tripletex}
    one_side = 0
    for t, x in data.truth:
        a, b = telaris[t]["organisation_number"], tripletex[x]["organisation_number"]
        if a and b:
            assert _digits(a) == _digits(b)
        one_side += bool(a) != bool(b)
    assert 0.2 <= one_side / len(data.truth) <= 0.3
    assert any(" " in row["organisation_number"] or "MVA" in row["organisation_number"] for row in data.telaris)


def test_namesakes_different_companies_with_the_same_name(data):
    numbers_by_name: dict[str, set[str]] = defaultdict(set)
    for row in data.tripletex:
        if row["organisation_number"]:
            numbers_by_name[name_key(row["name"])].add(_digits(row["organisation_number"]))
    assert sum(1 for numbers in numbers_by_name.values() if len(numbers) > 1) >= 20


def test_the_two_copies_of_a_company_differ_as_typed(data):
    telaris = {row["record_id"]: row for row in data.telaris}
    tripletex = {int(row["record_id"]): row for row in data.tripletex}
    pairs = [(telaris[t], tripletex[x]) for t, x in data.truth]
    share = {
        field: sum(a[field] != b[field] for a, b in pairs) / len(pairs)
        for field in ("name", "email", "phone", "postal_code", "number")
    }
    assert all(0.15 < value < 0.95 for value in share.values()), share
    assert sum(name_key(a["name"]) == name_key(b["name"]) for a, b in pairs) > 0.6 * len(pairs)
