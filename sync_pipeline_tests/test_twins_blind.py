"""The blind twin generator gives the linking exam what it needs: fixed data per seed, honest truth, real difficulty.

These tests check the shape of the data only; they never run the matcher, so the generator stays held out.
"""

from __future__ import annotations

from collections import Counter

import pytest
from stdnum.no import orgnr as stdnum_orgnr

from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_blind import fold, generate
from sync_pipeline_tests.twin_exams import digits, one_sided_shares, orgnr_sides, true_pairs

SIZE = 3000


@pytest.fixture(scope="module")
def data() -> TwinData:
    return generate(SIZE, seed=2026)


def test_truth_is_one_to_one_between_existing_records_with_one_sided_records_on_both_sides(data: TwinData) -> None:
    telaris_alone, tripletex_alone = one_sided_shares(data)
    assert telaris_alone >= 0.10
    assert tripletex_alone >= 0.10
    assert len(data.truth) >= 0.5 * SIZE


def test_orgnrs_are_valid_equal_within_pairs_and_often_one_sided(data: TwinData) -> None:
    present = [r["organisation_number"] for r in data.telaris + data.tripletex if r["organisation_number"]]
    assert present and all(stdnum_orgnr.is_valid(o) for o in present)
    both, one, neither = orgnr_sides(data)
    assert 0.25 <= one / (one + both) <= 0.6
    assert neither > 0.1 * len(data.truth)
    spaced = sum(" " in o for o in present)
    assert 0.05 * len(present) < spaced < 0.5 * len(present)


def test_namesakes_and_shared_contact_details_between_different_parties(data: TwinData) -> None:
    """Hard negatives: two paired Tripletex records with the same name, and different companies on one domain."""
    paired = {str(x) for _, x in data.truth}
    names = Counter(r["name"].lower() for r in data.tripletex if r["record_id"] in paired)
    assert sum(1 for c in names.values() if c > 1) >= 10
    private = {"gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no", "icloud.com", "yahoo.no"}
    domains = Counter(r["email"].lower().split("@")[1] for r in data.tripletex if "@" in r["email"])
    shared_domains = [d for d, c in domains.items() if c > 1 and d not in private]
    assert len(shared_domains) >= 10  # group companies, chain stores, kommune units
    invoice_boxes = Counter(r["email"].lower() for r in data.tripletex if r["email"].startswith("faktura@"))
    assert invoice_boxes.most_common(1)[0][1] >= 5  # a chain's or a kommune's one invoice box
    phones = Counter(digits(r["phone"])[-8:] for r in data.tripletex if r["phone"])
    assert sum(1 for c in phones.values() if c > 1) >= 10  # switchboards of groups, managers, households


@pytest.mark.parametrize(
    ("field", "low", "high"),
    [
        ("name", 0.35, 0.90),
        ("number", 0.25, 0.75),
        ("email", 0.30, 0.85),
        ("phone", 0.50, 0.95),
        ("postal_code", 0.10, 0.50),
        ("city", 0.20, 0.80),
    ],
)
def test_the_two_copies_differ_at_a_realistic_rate(data: TwinData, field: str, low: float, high: float) -> None:
    pairs = true_pairs(data)
    share = sum(a[field] != b[field] for a, b in pairs) / len(pairs)
    assert low <= share <= high, share


def test_copies_differ_in_substance_not_only_in_format(data: TwinData) -> None:
    """Beyond formatting, a share of pairs carry another phone number, and names differ beyond case."""
    pairs = true_pairs(data)
    other_phone = sum(
        bool(a["phone"] and b["phone"]) and digits(a["phone"])[-8:] != digits(b["phone"])[-8:] for a, b in pairs
    )
    assert 0.10 <= other_phone / len(pairs) <= 0.6
    other_name = sum(a["name"].lower() != b["name"].lower() for a, b in pairs)
    assert 0.2 <= other_name / len(pairs) <= 0.85
    lost_letters = sum(
        a["name"].lower() != b["name"].lower() and fold(a["name"].lower(), 0) == fold(b["name"].lower(), 0)
        for a, b in pairs
    )
    assert lost_letters >= 0.002 * len(pairs)  # "Tromso" for "Tromsø": a keyboard or export without æøå
