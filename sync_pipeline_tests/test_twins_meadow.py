"""What twins_meadow states of its dealer's world holds in the data it writes (the matcher is never run here)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from sync_pipeline.sandboxes import twins_meadow
from sync_pipeline.sandboxes.twins_meadow_vocab import EMAIL_HOSTS
from sync_pipeline_tests.twin_exams import digits, one_sided_shares, orgnr_sides, true_pairs

SIZE = 20000
HOSTS = {host for host, _ in EMAIL_HOSTS}


@pytest.fixture(scope="module")
def data():
    return twins_meadow.generate(SIZE, seed=2026)


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def test_presence_follows_the_stated_mix(data) -> None:
    """Parties on both sides, Telaris only and Tripletex only as the docstring's table weighs them."""
    total = sum(w for _, w in twins_meadow.GROUPS)
    both = sum(w * twins_meadow.PRESENCE[g][0] for g, w in twins_meadow.GROUPS) / total / 100
    t_only = sum(w * twins_meadow.PRESENCE[g][1] for g, w in twins_meadow.GROUPS) / total / 100
    assert len(data.truth) / SIZE == pytest.approx(both, abs=0.02)
    assert len(data.telaris) / SIZE == pytest.approx((both + t_only) * 1.04, abs=0.02)
    telaris_alone, tripletex_alone = one_sided_shares(data)
    assert 0.2 < telaris_alone < 0.35 and 0.15 < tripletex_alone < 0.3


def test_organisation_numbers_agree_and_belong_to_one_company(data) -> None:
    both, one, neither = orgnr_sides(data)
    pairs = len(data.truth)
    assert 0.2 < _share(both, pairs) < 0.45 and 0.2 < _share(one, pairs) < 0.5 and _share(neither, pairs) > 0.15
    names = defaultdict(set)
    for row in data.tripletex:
        if row["organisation_number"]:
            names[digits(row["organisation_number"])].add(row["name"].upper())
    for orgnr, held in names.items():
        # several records share an orgnr only for a municipality's departments or a party keyed twice
        assert all("KOMMUNE" in n for n in held) or len(held) <= 2, (orgnr, held)


def test_registered_names_are_unique(data) -> None:
    by_name = defaultdict(set)
    for row in data.tripletex:
        if row["organisation_number"] and "KOMMUNE" not in row["name"].upper():
            by_name[row["name"].upper()].add(row["organisation_number"])
    assert sum(len(v) > 1 for v in by_name.values()) == 0


def test_unrelated_parties_share_no_domain_and_no_phone(data) -> None:
    by_domain = defaultdict(set)
    for row in data.tripletex:
        domain = row["email"].partition("@")[2]
        if domain and domain not in HOSTS and row["organisation_number"]:
            by_domain[domain].add(digits(row["organisation_number"]))
    assert by_domain and all(len(v) == 1 for v in by_domain.values())
    by_phone = defaultdict(set)
    for telaris, tripletex in true_pairs(data):
        for row in (telaris, tripletex):
            if row["phone"] and "kommune" not in telaris["name"].lower():
                by_phone[digits(row["phone"])[-8:]].add(telaris["record_id"])
    assert sum(len(v) > 1 for v in by_phone.values()) < 0.002 * len(by_phone)  # only a party keyed twice


def test_common_names_recur_at_a_realistic_rate(data) -> None:
    """Private buyers typed "First Last": namesakes occur (Ola Haugen recurs) but no made-up name dominates."""
    people = [r["name"] for r in data.telaris if re.fullmatch(r"[A-ZÆØÅ][a-zæøå]+ [A-ZÆØÅ][a-zæøå]+", r["name"])]
    counts = Counter(people)
    shared = sum(c for c in counts.values() if c > 1) / len(people)
    assert len(people) > 3000
    assert 0.03 < shared < 0.25  # a pool of too few names (made-up or truncated) shares a third
    assert counts.most_common(1)[0][1] < 0.002 * len(people)


def test_the_hard_cases_are_there(data) -> None:
    pairs = true_pairs(data)
    farm_vs_farmer = sum(" v/" in t["name"] or (t["name"].split()[0] in ("Nordre", "Søndre", "Øvre", "Nedre")
                                                and t["name"].split()[0] not in x["name"]) for t, x in pairs)
    assert farm_vs_farmer > 0.02 * len(pairs)
    upper = sum(x["name"].isupper() for _, x in pairs)
    assert 0.08 < _share(upper, len(pairs)) < 0.3  # register names in capitals
    same_number = sum(t["number"] == x["number"] for t, x in pairs)
    assert 0.55 < _share(same_number, len(pairs)) < 0.75
    moved = sum(t["postal_code"] != x["postal_code"] for t, x in pairs if t["postal_code"] and x["postal_code"])
    assert 0.04 < _share(moved, len(pairs)) < 0.1
    chair = sum("mlag" in t["name"].lower() or "maskin" in t["name"].lower() and "lag" in t["name"].lower()
                for t, x in pairs if t["email"].partition("@")[2] in HOSTS)
    assert chair > 0
    departments = Counter(digits(x["organisation_number"]) for t, x in pairs if "kommune" in x["name"].lower())
    assert sum(c > 1 for c in departments.values()) >= 5  # municipalities with several departments
    abroad = sum(bool(re.match(r"[A-Z]{2}\d", x["organisation_number"])) for _, x in pairs)
    assert abroad > 0


def test_the_truth_pairs_the_original_of_a_party_held_twice(data) -> None:
    """A duplicate is created after its original: a Tripletex record sharing a paired record's orgnr and name
    but outside the truth has a higher id than the paired one."""
    paired = {x: t for t, x in data.truth}
    rows = {int(r["record_id"]): r for r in data.tripletex}
    by_key = defaultdict(list)
    for rid, row in rows.items():
        if row["organisation_number"] and "kommune" not in row["name"].lower():
            by_key[(digits(row["organisation_number"]), row["name"].upper())].append(rid)
    twice = [ids for ids in by_key.values() if len(ids) > 1 and any(i in paired for i in ids)]
    assert twice
    for ids in twice:
        assert min(ids) in paired, [rows[i] for i in ids]


def test_numbers_are_unique_per_side_and_keep_their_series(data) -> None:
    """Customers 10001 and suppliers 50001 in Telaris; the office's own series 30001 and 70001 in Tripletex."""
    for rows in (data.telaris, data.tripletex):
        numbers = [r["number"] for r in rows if r["number"]]
        assert len(set(numbers)) == len(numbers)
    assert all(int(r["number"]) < 30001 or 50001 <= int(r["number"]) < 70001 for r in data.telaris if r["number"])
    paired = {str(x) for _, x in data.truth}
    alone = [int(r["number"]) for r in data.tripletex if r["record_id"] not in paired]
    assert alone and all(30001 <= n < 50001 or n >= 70001 for n in alone)  # never a Telaris number
