"""The sealed held-out twins have the shape an exam of the initial linking needs.

These tests look only at the generator's output, as the exam will: if a later edit makes the data trivially easy
(both copies identical), impossible (truth pointing nowhere), or unrepeatable, one of them fails.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

import pytest
from stdnum.no import orgnr

from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_sealed import generate

KEYS = {"record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city"}
FREE_MAIL = ("gmail.", "hotmail.", "online.no", "outlook.", "live.no", "yahoo.", "icloud.", "altibox.", "lyse.net")


@pytest.fixture(scope="module")
def data() -> TwinData:
    return generate(3000, seed=2026)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _plain_name(name: str) -> str:
    """A name as a careless matcher would compare it: case, æøå, punctuation and legal form ignored."""
    text = name.lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
    text = re.sub(r"\b(as|a/s|ans|da|enk)\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


def _pairs(data: TwinData) -> list[tuple[dict, dict]]:
    telaris = {row["record_id"]: row for row in data.telaris}
    tripletex = {int(row["record_id"]): row for row in data.tripletex}
    return [(telaris[t], tripletex[x]) for t, x in sorted(data.truth)]


def _non_twins_sharing(data: TwinData, field: str, key: Callable[[str], str]) -> int:
    """Telaris rows whose value (under `key`) also stands on a Tripletex row of a different company."""
    twin = {t: str(x) for t, x in data.truth}
    index: dict[str, list[str]] = defaultdict(list)
    for row in data.tripletex:
        if value := key(row[field]):
            index[value].append(row["record_id"])
    return sum(
        1 for row in data.telaris
        if (value := key(row[field])) and any(x != twin.get(row["record_id"]) for x in index.get(value, []))
    )


def test_same_seed_gives_the_same_data_and_another_seed_other_data(data: TwinData) -> None:
    again = generate(3000, seed=2026)
    assert again.telaris == data.telaris and again.tripletex == data.tripletex and again.truth == data.truth
    other = generate(3000, seed=2027)
    assert {r["name"] for r in other.telaris} != {r["name"] for r in data.telaris}
    assert other.truth != data.truth


def test_rows_carry_exactly_the_contract_keys_as_strings_and_unique_ids(data: TwinData) -> None:
    for side in (data.telaris, data.tripletex):
        for row in side:
            assert set(row) == KEYS, row
            assert all(isinstance(value, str) for value in row.values()), row
            assert row["name"].strip(), row
        assert len({row["record_id"] for row in side}) == len(side)
    assert all(re.fullmatch(r"g_\d{6}", row["record_id"]) for row in data.telaris)
    assert all(re.fullmatch(r"\d+", row["record_id"]) for row in data.tripletex)


def test_truth_is_one_to_one_between_existing_records_with_one_sided_records_on_both_sides(data: TwinData) -> None:
    telaris_ids = {row["record_id"] for row in data.telaris}
    tripletex_ids = {int(row["record_id"]) for row in data.tripletex}
    lefts, rights = [t for t, _ in data.truth], [x for _, x in data.truth]
    assert len(set(lefts)) == len(lefts) and len(set(rights)) == len(rights), "truth must be one-to-one"
    assert set(lefts) <= telaris_ids and set(rights) <= tripletex_ids
    assert len(data.truth) > 1500  # most of 3000 companies are on both sides
    assert 1 - len(data.truth) / len(data.telaris) >= 0.10, "too few Telaris-only records"
    assert 1 - len(data.truth) / len(data.tripletex) >= 0.10, "too few Tripletex-only records"


def test_organisation_numbers_are_valid_equal_within_pairs_and_often_one_sided(data: TwinData) -> None:
    for row in data.telaris + data.tripletex:
        if row["organisation_number"]:
            assert orgnr.is_valid(_digits(row["organisation_number"])), row
    one_sided = neither = 0
    pairs = _pairs(data)
    for left, right in pairs:
        a, b = _digits(left["organisation_number"]), _digits(right["organisation_number"])
        if a and b:
            assert a == b, (left, right)
        elif a or b:
            one_sided += 1
        else:
            neither += 1
    assert 0.20 <= one_sided / len(pairs) <= 0.35
    assert neither > 0
    formatted = [r["organisation_number"] for r in data.telaris if " " in r["organisation_number"].strip()]
    assert len(formatted) > 100, "Telaris numbers are typed with spaces or as NO ... MVA, not only as digits"


def test_hard_negatives_exist_namesakes_shared_numbers_phones_and_domains(data: TwinData) -> None:
    assert _non_twins_sharing(data, "name", _plain_name) >= 60, "namesakes (same plain name, other company)"
    assert _non_twins_sharing(data, "organisation_number", _digits) >= 20, "branches sharing an orgnr"
    assert _non_twins_sharing(data, "phone", lambda p: _digits(p)[-8:]) >= 50, "shared switchboards"

    def company_domain(mail: str) -> str:
        domain = mail.lower().rpartition("@")[2]
        return "" if not domain or domain.startswith(FREE_MAIL) else domain

    assert _non_twins_sharing(data, "email", company_domain) >= 100, "shared e-mail domains (groups, chains)"


@pytest.mark.parametrize(
    ("field", "low", "high"),
    [("name", 0.45, 0.85), ("number", 0.50, 0.85), ("organisation_number", 0.30, 0.65), ("email", 0.50, 0.85),
     ("phone", 0.65, 0.95), ("postal_code", 0.20, 0.55), ("city", 0.20, 0.55)],
)
def test_the_two_copies_of_a_company_differ_in_each_field_at_a_realistic_rate(
    data: TwinData, field: str, low: float, high: float
) -> None:
    pairs = _pairs(data)
    differ = sum(left[field] != right[field] for left, right in pairs) / len(pairs)
    assert low <= differ <= high, f"{field}: {differ:.2f} of pairs differ, expected {low}-{high}"


def test_most_twins_still_look_alike_once_typing_noise_is_forgiven(data: TwinData) -> None:
    pairs = _pairs(data)
    same_name = sum(_plain_name(a["name"]) == _plain_name(b["name"]) for a, b in pairs) / len(pairs)
    same_city = sum(a["city"].lower() == b["city"].lower() for a, b in pairs if a["city"] and b["city"]) / len(pairs)
    assert 0.55 <= same_name <= 0.90
    assert same_city >= 0.6
