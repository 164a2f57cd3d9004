"""A fresh-eyes review of three initial-linking rules: a holder's namesake without a number
(linking_orgnr_namesakes), a party one system holds twice (linking_held_twice: a person's name within the other, a
company's name twice at one postal code), and the namesake's pair in place of Splink's. Each test plants one way the
rules misfired, among generated twins as test_linking_evidence does."""

from __future__ import annotations

from pathlib import Path

from sync_pipeline_tests.test_linking_evidence import decisions


def test_a_namesake_typed_with_its_legal_form_beside_holders_typed_without_is_a_persons_pick(tmp_path: Path) -> None:
    """Both systems hold Lyngstad Olje's number on a record typed without "AS"; Telaris holds the company a second
    time, typed with "AS" and no number, on the Tripletex record's switchboard. The holders have no legal form, so the
    copy's is no other one: a person picks, rather than the number linking one copy and leaving the other to be
    created in Tripletex a second time. (The legal-form test compared "as" with two NULLs: NULL, so never a copy.)"""
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", "name": "Lyngstad Olje", "organisation_number": "941049168",
         "postal_code": "5179", "city": "Godvik"},
        {"system": "tripletex", "record_id": "900001", "name": "LYNGSTAD OLJE", "organisation_number": "941049168",
         "phone": "+4755501474", "postal_code": "5179", "city": "GODVIK"},
        {"system": "telaris", "record_id": "p_2", "name": "Lyngstad Olje AS", "phone": "+4755501474",
         "postal_code": "5173", "city": "Loddefjord"},
    ])
    decision, evidence = found[("p_1", 900001)]
    assert decision == "review" and "p_2 has the name and no number" in evidence, (decision, evidence)
    decision, evidence = found[("p_2", 900001)]
    assert decision == "review" and "twice" in evidence, (decision, evidence)


def test_a_person_and_the_limited_company_named_after_them_at_home_are_two_parties(tmp_path: Path) -> None:
    """Ola Hansen and Ola Hansen AS, his one-man company registered at his home: two parties, each with its own
    e-mail and phone in both systems. Taken for one company held twice at one postal code, both certain pairs went to
    a person, told to "pick one" of a man and his company (a reviewer who merges them writes one's data into the
    other's record)."""
    company = {"name": "Ola Hansen AS", "email": "post@olahansen.no", "phone": "+4733301122", "postal_code": "3117",
               "city": "Tønsberg"}
    person = {"name": "Ola Hansen", "email": "ola.hansen@gmail.com", "phone": "+4791112244", "postal_code": "3117",
              "city": "Tønsberg"}
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", **company},
        {"system": "tripletex", "record_id": "900001", **company, "email": "faktura@olahansen.no"},
        {"system": "telaris", "record_id": "p_2", **person},
        {"system": "tripletex", "record_id": "900002", **person},
    ])
    for pair in (("p_1", 900001), ("p_2", 900002)):
        decision, evidence = found[pair]
        assert decision == "auto" and "twice" not in evidence, (pair, decision, evidence)


def test_a_sole_proprietorship_typed_without_a_legal_form_is_not_its_owner_held_twice(tmp_path: Path) -> None:
    """"Ola Sunde Transport" (his sole proprietorship, typed without a legal form and here without its number) and
    "Ola Sunde" (the man, a private customer too) carry his mobile: the company's name holds the person's, yet it is
    another party, as "Ola Sunde Transport AS" is (test_a_person_held_twice_under_a_longer_name_is_a_persons_pick).
    Norway has some 300,000 sole proprietorships, most named after their owner and typed without "ENK"."""
    owner = {"phone": "+4791234917", "postal_code": "6800", "city": "Førde"}
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_3", "name": "Ola Sunde", **owner},
        {"system": "telaris", "record_id": "p_4", "name": "Ola Sunde Transport", **owner},
        {"system": "tripletex", "record_id": "900004", "name": "OLA SUNDE TRANSPORT", **owner},
    ])
    decision, evidence = found[("p_4", 900004)]
    assert decision == "auto" and "twice" not in evidence, (decision, evidence)


def test_a_pair_held_twice_names_the_other_copy(tmp_path: Path) -> None:
    """Telaris holds Ellen Tveit twice (a middle name on one record, one personal e-mail and mobile). The evidence of
    each pair told the reviewer that "a system holds this company twice: pick one", but not which record is the
    other copy, nor that the party is a person: among thousands of records, the reviewer had to find it alone."""
    ellen = {"email": "ellen.m.tveit@hotmail.com", "phone": "+4748317856", "postal_code": "5226", "city": "Nesttun"}
    found = decisions(tmp_path, [
        {"system": "telaris", "record_id": "p_1", "name": "Ellen Marie Tveit", **ellen},
        {"system": "telaris", "record_id": "p_2", "name": "Tveit, Ellen", **ellen},
        {"system": "tripletex", "record_id": "900001", "name": "Ellen Tveit", **ellen},
    ])
    for pair, copy in ((("p_1", 900001), "p_2"), (("p_2", 900001), "p_1")):
        decision, evidence = found[pair]
        assert decision == "review" and f"twice ({copy} too" in evidence and "company" not in evidence, (
            pair, decision, evidence)
