"""Formatting differences must never look like changes; real differences must."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import Kind
from sync_pipeline.domain.mapping import party_from_telaris, party_from_tripletex, telaris_patch, tripletex_payload


@pytest.mark.parametrize("raw", ["974760673", "974 760 673", "NO 974 760 673 MVA", " 974760673 "])
def test_norwegian_orgnr_formats_compare_equal(raw: str) -> None:
    assert normalise.organisation_number(raw, "NO") == "974760673"


def test_invalid_orgnr_is_reported_not_changed() -> None:
    value = normalise.organisation_number("974760674", "NO")
    assert value == "974760674"
    assert "mod-11" in normalise.organisation_number_problem(value, "NO")
    assert normalise.organisation_number_problem("556677-8899", "SE") is None


def test_orgnr_with_unusual_digits_is_read_or_reported_never_a_crash() -> None:
    # full-width digits: stdnum reads them
    assert normalise.organisation_number("９７４７６０６７３", "NO") == "974760673"
    value = normalise.organisation_number("97476067²", "NO")  # a superscript is no digit stdnum can check
    assert "mod-11" in normalise.organisation_number_problem(value, "NO")


def test_phone_with_non_ascii_digits_is_left_to_phonenumbers() -> None:
    typed = "9١٢٣٤٥٦٧"  # Arabic-Indic digits after a 9: phonenumbers reads them as 91234567
    assert normalise.phone(typed) == normalise.phone_by_library(typed) == "+4791234567"


@pytest.mark.parametrize("raw", ["91234567", "912 34 567", "+47 912 34 567", "0047 91234567", "+4791234567"])
def test_norwegian_phone_formats_become_one_e164(raw: str) -> None:
    assert normalise.phone(raw) == "+4791234567"


def test_foreign_phone_keeps_its_country() -> None:
    assert normalise.phone("+46 8 123 456 78") == "+46812345678"


def test_unparseable_phone_is_kept_as_text() -> None:
    assert normalise.phone("  call reception ") == "call reception"


def test_empty_and_missing_are_equal() -> None:
    assert normalise.text("") is None and normalise.text(None) is None and normalise.text("   ") is None
    assert normalise.email("") is None
    assert normalise.number(0) is None and normalise.number("0") is None


def test_email_compares_case_insensitively() -> None:
    assert normalise.email(" Post@Firma.NO ") == "post@firma.no"


def test_languages_map_between_systems() -> None:
    assert normalise.language_from_telaris("nb") == normalise.language_from_tripletex("NO") == "no"
    assert normalise.language_from_telaris("nn") == "no"
    assert normalise.language_to_tripletex("en") == "EN"
    with pytest.raises(normalise.UnsupportedValue, match="only NO and EN"):
        normalise.language_to_tripletex("sv")


@given(st.text(max_size=40))
def test_text_normalisation_is_idempotent(value: str) -> None:
    once = normalise.text(value)
    assert normalise.text(once) == once


@given(st.from_regex(r"[49][0-9]{7}", fullmatch=True), st.sampled_from(["", " ", "-"]))
def test_any_spacing_of_a_norwegian_mobile_is_the_same_number(digits: str, sep: str) -> None:
    spaced = sep.join(digits[i:i + 2] for i in range(0, 8, 2))
    assert normalise.phone(spaced) == normalise.phone("+47" + digits)


@given(st.from_regex(r"(\+47)?[0-9]{8}", fullmatch=True), st.integers(min_value=0, max_value=10))
def test_the_norwegian_shortcut_agrees_with_phonenumbers(written: str, space_at: int) -> None:
    """The fast path for eight-digit Norwegian numbers must give exactly what the library gives."""
    if space_at < len(written):
        written = written[:space_at] + " " + written[space_at:]
    assert normalise.phone(written) == normalise.phone_by_library(normalise.text(written))


TELARIS_RECORD = {
    "id": "c_000001", "number": "10001", "name": "Fjord Bygg AS", "organisation_number": "974 760 673",
    "email": "Post@Fjord.no", "invoice_email": None, "phone": "912 34 567",
    "address": {"line1": "Strandgata 1", "line2": None, "postal_code": "5004", "city": "Bergen", "country": "NO"},
    "currency": "NOK", "language": "nn", "tripletex_id": 100001, "is_active": True, "version": 3,
    "updated_at": "2026-01-02T03:04:05.000001Z",
}
TRIPLETEX_RECORD = {
    "id": 100001, "version": 7, "name": "Fjord Bygg AS", "customerNumber": 10001, "supplierNumber": 0,
    "organizationNumber": "974760673", "email": "post@fjord.no", "invoiceEmail": "", "phoneNumber": "+4791234567",
    "postalAddress": {"id": 500001, "addressLine1": "Strandgata 1", "addressLine2": "", "postalCode": "5004",
                      "city": "Bergen", "country": {"id": 161}},
    "currency": {"id": 1}, "language": "NO", "isInactive": False,
}


def test_same_company_in_both_systems_has_equal_synced_values() -> None:
    ours = party_from_telaris(TELARIS_RECORD, Kind.CUSTOMER)
    theirs = party_from_tripletex(TRIPLETEX_RECORD, Kind.CUSTOMER, {1: "NOK"}, {161: "NO"})
    assert ours.synced_values() == theirs.synced_values()
    assert theirs.address_id == 500001 and ours.tripletex_id == 100001


def test_unsupported_language_is_a_problem_of_the_record() -> None:
    party = party_from_telaris({**TELARIS_RECORD, "language": "sv"}, Kind.SUPPLIER)
    assert party.language == "sv"
    assert any("language" in p for p in party.problems)


def test_outbound_bodies_carry_only_changed_fields() -> None:
    body = tripletex_payload({"email": "ny@fjord.no", "city": "Oslo"}, Kind.CUSTOMER, {"NOK": 1}, {"NO": 161},
                             address_id=500001, version=7)
    assert body == {"email": "ny@fjord.no", "postalAddress": {"city": "Oslo", "id": 500001}, "version": 7}
    patch = telaris_patch({"language": "no", "postal_code": "0150", "phone": None})
    assert patch == {"language": "nb", "phone": None, "address": {"postal_code": "0150"}}
    assert tripletex_payload({"number": "20001"}, Kind.SUPPLIER, {}, {}) == {"supplierNumber": 20001}
