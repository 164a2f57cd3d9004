"""The quarry twin generator gives the held-out linking measurement fixed data per seed, honest truth and the rates
its docstring states.

These tests check the shape of the data only; they never run the matcher, so the generator stays held out.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from stdnum.no import orgnr as stdnum_orgnr

from sync_pipeline.sandboxes import twins_quarry_vocab as vocab
from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_quarry import ACCOUNTANTS, MANAGERS, _Builder, generate
from sync_pipeline_tests.twin_exams import digits, one_sided_shares, orgnr_sides, true_pairs

SIZE = 3000


@pytest.fixture(scope="module")
def data() -> TwinData:
    return generate(SIZE, seed=2026)


def test_truth_is_one_to_one_between_existing_records_with_one_sided_records_on_both_sides(data: TwinData) -> None:
    telaris_alone, tripletex_alone = one_sided_shares(data)
    # Stated: customers 68/12/20, persons 50/30/20, back-office suppliers only in Tripletex, duplicates on top.
    assert 0.15 <= telaris_alone <= 0.32
    assert 0.20 <= tripletex_alone <= 0.38
    assert 0.5 * SIZE <= len(data.truth) <= 0.7 * SIZE


def test_party_mix_presence_and_duplicates_at_the_stated_rates() -> None:
    parties = _Builder(random.Random(11)).draw(20_000)
    kinds = Counter(p.kind for p in parties)
    persons = (kinds["person"] + kinds["cabin"]) / len(parties)
    assert 0.24 <= persons <= 0.32, persons  # 25 % drawn, plus craftsmen renting for their own cabin
    assert 0.50 <= kinds["cabin"] / (kinds["person"] + kinds["cabin"]) <= 0.65
    assert 0.05 <= kinds["coop"] / len(parties) <= 0.07
    assert kinds["municipal"] <= 200  # 25 municipalities × 8 units, no more
    private = [p.presence for p in parties if p.kind in ("person", "cabin")]
    share = Counter(private)
    assert abs(share["both"] / len(private) - 0.50) < 0.03 and abs(share["telaris"] / len(private) - 0.30) < 0.03
    suppliers = [p for p in parties if p.supplier]
    assert sum(p.presence == "tripletex" for p in suppliers) / len(suppliers) > 0.5  # back-office on top of 50 %
    telaris_side = [p for p in parties if p.presence != "tripletex"]
    dup = sum(p.telaris_copies == 2 for p in telaris_side) / len(telaris_side)
    assert 0.028 <= dup <= 0.042, dup
    tripletex_side = [p for p in parties if p.presence != "telaris"]
    dup = sum(p.tripletex_copies == 2 for p in tripletex_side) / len(tripletex_side)
    assert 0.008 <= dup <= 0.016, dup


def test_tripletex_numbers_customers_from_10001_and_suppliers_from_20001(data: TwinData) -> None:
    numbers = [int(r["number"]) for r in data.tripletex]
    assert min(numbers) == 10001 and 20001 in numbers
    assert len(set(numbers)) == len(numbers)  # at this size the two series do not yet overlap
    suppliers = [n for n in numbers if n >= 20001]
    assert 0.12 * len(numbers) < len(suppliers) < 0.30 * len(numbers)  # 14 % of parties, mostly in Tripletex


def test_telaris_copies_the_tripletex_number_at_the_stated_rate(data: TwinData) -> None:
    """Stated: 30 % a copy (2 % of copies a digit wrong), a legacy four-digit number 20 %, nothing 50 %."""
    pairs = true_pairs(data)
    copied = sum(a["number"] == b["number"] for a, b in pairs) / len(pairs)
    assert 0.26 <= copied <= 0.34, copied
    legacy = sum(bool(re.fullmatch(r"\d{4}", a["number"])) for a, _ in pairs) / len(pairs)
    assert 0.16 <= legacy <= 0.24, legacy
    empty = sum(not a["number"] for a, _ in pairs) / len(pairs)
    assert 0.44 <= empty <= 0.56, empty


def test_orgnrs_are_valid_equal_within_pairs_and_often_one_sided(data: TwinData) -> None:
    present = [r["organisation_number"] for r in data.telaris + data.tripletex if r["organisation_number"]]
    assert present and all(stdnum_orgnr.is_valid(digits(o)) for o in present)
    assert all(re.fullmatch(r"(NO )?\d{3} ?\d{3} ?\d{3}( ?MVA)?", o) for o in present)
    both, one, neither = orgnr_sides(data)
    # Stated: Telaris 35 %, Tripletex 88 % of organisations; persons never.
    assert 0.55 <= one / (one + both) <= 0.75
    assert 0.25 * len(data.truth) < neither < 0.45 * len(data.truth)  # persons, foreign makers, both lacking
    telaris = [r["organisation_number"] for r in data.telaris if r["organisation_number"]]
    spaced = sum(bool(re.fullmatch(r"\d{3} \d{3} \d{3}", o)) for o in telaris) / len(telaris)
    assert 0.22 <= spaced <= 0.34, spaced  # stated 28 %
    tripletex = [r["organisation_number"] for r in data.tripletex if r["organisation_number"]]
    plain = sum(bool(re.fullmatch(r"\d{9}", o)) for o in tripletex) / len(tripletex)
    assert 0.86 <= plain <= 0.94, plain  # stated 90 %


def test_telaris_phone_styles_and_mobile_against_switchboard(data: TwinData) -> None:
    styles = Counter("+" if p.startswith("+") else "00" if p.startswith("00") else " " if " " in p else
                     "-" if "-" in p else "plain" for p in (r["phone"] for r in data.telaris) if p)
    total = sum(styles.values())
    assert 0.31 <= styles[" "] / total <= 0.39 and 0.24 <= styles["+"] / total <= 0.33  # 35 %, 28 % and makers
    assert 0.26 <= styles["plain"] / total <= 0.34
    pairs = [(a, b) for a, b in true_pairs(data) if a["phone"] and b["phone"]]
    other = sum(digits(a["phone"])[-8:] != digits(b["phone"])[-8:] for a, b in pairs) / len(pairs)
    assert 0.15 <= other <= 0.45, other


def test_cabin_owners_are_worked_for_at_the_cabin_and_invoiced_at_home(data: TwinData) -> None:
    cabins = {code for code, _ in vocab.CABINS}
    away = {code for code, _ in vocab.HOMES_AWAY}
    pairs = true_pairs(data)
    split = sum(a["postal_code"] in cabins and b["postal_code"] in away for a, b in pairs) / len(pairs)
    assert 0.03 <= split <= 0.12, split
    other = sum(bool(a["postal_code"] and b["postal_code"]) and a["postal_code"] != b["postal_code"]
                for a, b in pairs) / len(pairs)
    assert 0.2 <= other <= 0.5, other
    assert all(re.fullmatch(r"\d{4,5}", r["postal_code"]) for r in data.telaris + data.tripletex
               if r["postal_code"])


def test_hard_negatives_namesakes_sisters_managers_and_municipal_units(data: TwinData) -> None:
    rows = data.tripletex
    names = Counter(re.sub(r"\W", "", r["name"].lower()) for r in rows)
    assert sum(1 for c in names.values() if c > 1) >= 10  # Olsens and Hansens, duplicates
    by_domain: dict[str, set[str]] = {}
    for r in rows:
        domain = r["email"].lower().split("@")[-1]
        if r["email"] and r["organisation_number"] and domain not in vocab.FREE_MAIL:
            by_domain.setdefault(domain, set()).add(digits(r["organisation_number"]))
    boxes = set(ACCOUNTANTS) | {domain for _, domain, _ in MANAGERS}
    groups = sum(len(orgs) > 1 for domain, orgs in by_domain.items() if domain not in boxes)
    assert groups >= 30, groups  # sister and project companies on the parent's domain
    assert sum(len(by_domain.get(domain, ())) > 1 for domain in boxes) >= 3  # accountants' and managers' boxes
    emails = Counter(r["email"].lower() for r in rows if r["email"])
    assert emails.most_common(1)[0][1] >= 15  # a property manager's or an accountant's invoice box
    kommune = Counter(digits(r["organisation_number"]) for r in rows
                      if "kommune" in r["name"].lower() and r["organisation_number"])
    assert any(c > 1 for c in kommune.values())  # units on the municipality's number


def test_names_differ_at_a_realistic_rate_with_capitals_from_the_registry(data: TwinData) -> None:
    pairs = true_pairs(data)
    other = sum(a["name"].lower() != b["name"].lower() for a, b in pairs) / len(pairs)
    assert 0.4 <= other <= 0.8, other
    organisations = [b for _, b in pairs if b["organisation_number"]]
    capitals = sum(b["name"].isupper() for b in organisations) / len(organisations)
    assert 0.19 <= capitals <= 0.31, capitals  # stated 25 % from the lookup


@pytest.mark.parametrize("side", ["telaris", "tripletex"])
def test_record_order_gives_no_group_away(data: TwinData, side: str) -> None:
    """Ids are dealt after shuffling: sister companies and duplicates do not sit next to each other."""
    rows = sorted(getattr(data, side), key=lambda r: int(digits(r["record_id"])))
    domains = [r["email"].lower().split("@")[-1] for r in rows]
    domains = [d if d and d not in vocab.FREE_MAIL else "" for d in domains]
    adjacent = sum(bool(a) and a == b for a, b in zip(domains, domains[1:], strict=False))
    assert adjacent < 0.01 * len(rows), adjacent
    if side == "tripletex":
        numbers = [int(r["number"]) for r in rows]
        rising = sum(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
        assert rising < 0.01 * len(rows), rising  # numbers follow creation, not the record id


def test_shops_that_also_sell_to_the_firm_stand_twice_in_tripletex(data: TwinData) -> None:
    """A franchise shop is a customer and a supplier: two Tripletex records on one orgnr, one of each series."""
    series: dict[str, set[bool]] = {}
    for r in data.tripletex:
        if r["organisation_number"]:
            series.setdefault(digits(r["organisation_number"]), set()).add(int(r["number"]) >= 20001)
    assert sum(len(kinds) == 2 for kinds in series.values()) >= 3
