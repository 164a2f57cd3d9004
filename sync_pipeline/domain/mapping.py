"""Translation between each system's JSON and the canonical Party, both ways.

Inbound functions normalise; outbound functions take canonical values of the *changed* fields only and build the
smallest body each API accepts, because "only changes are sent, never the whole record".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sync_pipeline.domain import normalise
from sync_pipeline.domain.fields import ADDRESS_FIELDS, Kind, System
from sync_pipeline.domain.party import Party

TRIPLETEX_NUMBER_FIELD = {Kind.CUSTOMER: "customerNumber", Kind.SUPPLIER: "supplierNumber"}

# canonical name → (Telaris key, Tripletex key) for the flat string fields
_FLAT_FIELDS = {
    "name": ("name", "name"),
    "email": ("email", "email"),
    "invoice_email": ("invoice_email", "invoiceEmail"),
    "phone": ("phone", "phoneNumber"),
}
_ADDRESS_KEYS = {  # canonical → (Telaris address key, Tripletex address key)
    "address_line1": ("line1", "addressLine1"),
    "address_line2": ("line2", "addressLine2"),
    "postal_code": ("postal_code", "postalCode"),
    "city": ("city", "city"),
}


def problems_of(org: str | None, country: str | None, language: str | None) -> tuple[str, ...]:
    """Why a record's canonical values cannot be sent: an invalid Norwegian organisation number, a language
    Tripletex does not know."""
    found = []
    problem = normalise.organisation_number_problem(org, country)
    if problem:
        found.append(problem)
    try:
        normalise.language_to_tripletex(language)
    except normalise.UnsupportedValue as exc:
        found.append(str(exc))
    return tuple(found)


def _parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def canonical_from_telaris(record: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical values of a Telaris record as a plain dict: the fast path extraction streams into DuckDB."""
    address = record.get("address") or {}
    country = normalise.code(address.get("country"))
    org = normalise.organisation_number(record.get("organisation_number"), country)
    language = normalise.language_from_telaris(record.get("language"))
    return {
        "record_id": str(record["id"]),
        "tripletex_id": record.get("tripletex_id"),
        "name": normalise.text(record.get("name")),
        "number": normalise.number(record.get("number")),
        "organisation_number": org,
        "email": normalise.email(record.get("email")),
        "invoice_email": normalise.email(record.get("invoice_email")),
        "phone": normalise.phone(record.get("phone")),
        "address_line1": normalise.text(address.get("line1")),
        "address_line2": normalise.text(address.get("line2")),
        "postal_code": normalise.text(address.get("postal_code")),
        "city": normalise.text(address.get("city")),
        "country": country,
        "currency": normalise.code(record.get("currency")) or "NOK",
        "language": language,
        "is_active": record.get("is_active") is not False,  # missing or null: active
        "version": record.get("version"),
        "changed_at": _parse_time(record.get("updated_at")),
        "address_id": None,
        "problems": problems_of(org, country, language),
    }


def canonical_from_tripletex(
    record: Mapping[str, Any],
    kind: Kind,
    currency_codes: Mapping[int, str],
    country_codes: Mapping[int, str],
) -> dict[str, Any]:
    """`currency_codes` / `country_codes` map Tripletex ids to ISO codes (from GET /currency and /country)."""
    address = record.get("postalAddress") or {}
    country_ref = address.get("country") or {}
    # Tripletex always has an address, defaulting its country to Norway: an address with nothing else in it is
    # no address, so its default country is not news to send to Telaris.
    empty = not any(address.get(k) for k in ("addressLine1", "addressLine2", "postalCode", "city"))
    country = country_codes.get(country_ref.get("id")) if country_ref and not empty else None
    currency_ref = record.get("currency") or {}
    org = normalise.organisation_number(record.get("organizationNumber"), country)
    language = normalise.language_from_tripletex(record.get("language"))
    return {
        "record_id": str(record["id"]),
        "tripletex_id": int(record["id"]),
        "name": normalise.text(record.get("name")),
        "number": normalise.number(record.get(TRIPLETEX_NUMBER_FIELD[kind])),
        "organisation_number": org,
        "email": normalise.email(record.get("email")),
        "invoice_email": normalise.email(record.get("invoiceEmail")),
        "phone": normalise.phone(record.get("phoneNumber")),
        "address_line1": normalise.text(address.get("addressLine1")),
        "address_line2": normalise.text(address.get("addressLine2")),
        "postal_code": normalise.text(address.get("postalCode")),
        "city": normalise.text(address.get("city")),
        "country": country,
        "currency": currency_codes.get(currency_ref.get("id")) if currency_ref else None,
        "language": language,
        "is_active": record.get("isInactive") is not True,
        "version": record.get("version"),
        "changed_at": None,
        "address_id": address.get("id"),
        "problems": problems_of(org, country, language),
    }


def party_from_telaris(record: Mapping[str, Any], kind: Kind) -> Party:
    return Party(system=System.TELARIS, kind=kind, **canonical_from_telaris(record))


def party_from_tripletex(
    record: Mapping[str, Any],
    kind: Kind,
    currency_codes: Mapping[int, str],
    country_codes: Mapping[int, str],
) -> Party:
    return Party(system=System.TRIPLETEX, kind=kind,
                 **canonical_from_tripletex(record, kind, currency_codes, country_codes))


def telaris_patch(changes: Mapping[str, str | None]) -> dict[str, Any]:
    """A JSON merge patch (RFC 7396) for Telaris holding only the changed canonical fields.

    Address parts travel inside `address`; merge-patch semantics leave the other address parts untouched.
    """
    patch: dict[str, Any] = {}
    address: dict[str, Any] = {}
    for name, value in changes.items():
        if name in _FLAT_FIELDS:
            patch[_FLAT_FIELDS[name][0]] = value
        elif name == "number":
            patch["number"] = value
        elif name == "organisation_number":
            patch["organisation_number"] = value
        elif name == "currency":
            patch["currency"] = value
        elif name == "language":
            patch["language"] = normalise.language_to_telaris(value)
        elif name == "country":
            address["country"] = value
        elif name in _ADDRESS_KEYS:
            address[_ADDRESS_KEYS[name][0]] = value
        else:
            raise KeyError(f"{name} is not a synced field")
    if address:
        patch["address"] = address
    return patch


def tripletex_payload(
    changes: Mapping[str, str | None],
    kind: Kind,
    currency_ids: Mapping[str, int],
    country_ids: Mapping[str, int],
    address_id: int | None = None,
    version: int | None = None,
) -> dict[str, Any]:
    """A partial PUT/POST body for Tripletex with only the changed fields.

    Tripletex stores unset strings as "", so None goes out as "". A changed address carries the existing address id
    so Tripletex updates that address instead of attaching a new one.
    """
    body: dict[str, Any] = {}
    address: dict[str, Any] = {}
    for name, value in changes.items():
        if name in _FLAT_FIELDS:
            body[_FLAT_FIELDS[name][1]] = value or ""
        elif name == "number":
            body[TRIPLETEX_NUMBER_FIELD[kind]] = int(value) if value else 0
        elif name == "organisation_number":
            body["organizationNumber"] = value or ""
        elif name == "currency":
            body["currency"] = {"id": currency_ids[value]} if value else None
        elif name == "language":
            body["language"] = normalise.language_to_tripletex(value)
        elif name == "country":
            address["country"] = {"id": country_ids[value]} if value else None
        elif name in _ADDRESS_KEYS:
            address[_ADDRESS_KEYS[name][1]] = value or ""
        else:
            raise KeyError(f"{name} is not a synced field")
    if address:
        if address_id is not None:
            address["id"] = address_id
        body["postalAddress"] = address
    if version is not None:
        body["version"] = version
    return body


__all__ = [
    "ADDRESS_FIELDS",
    "canonical_from_telaris",
    "canonical_from_tripletex",
    "party_from_telaris",
    "party_from_tripletex",
    "telaris_patch",
    "tripletex_payload",
]
