"""What Telaris accepts for a party, checked field by field so a 422 names every bad field."""

from __future__ import annotations

import re
from typing import Any

from stdnum.no import orgnr

from sync_pipeline.sandboxes.telaris.errors import TelarisApiError

WRITABLE = {"number", "name", "organisation_number", "email", "invoice_email", "phone", "address", "currency",
            "language", "tripletex_id", "is_active"}
ADDRESS_KEYS = {"line1", "line2", "postal_code", "city", "country"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _nullable_string(value: Any, limit: int = 255) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return "must be a string or null"
    if len(value) > limit:
        return f"at most {limit} characters"
    return None


def validate_party(record: dict[str, Any]) -> None:
    """Validate the complete record as it would be stored (after defaults or a merge patch)."""
    problems: dict[str, str] = {}
    for key in record:
        if key not in WRITABLE and key not in ("id", "version", "updated_at"):
            problems[key] = "unknown field"
    name = record.get("name")
    if not isinstance(name, str) or not 1 <= len(name.strip()) <= 255:
        problems["name"] = "required, 1-255 characters"
    number = record.get("number")
    if number is not None and (not isinstance(number, str) or not number.isdigit() or len(number) > 20):
        problems["number"] = "digits only, or null"
    for key in ("email", "invoice_email"):
        problem = _nullable_string(record.get(key), 254)
        if problem is None and record.get(key) and not EMAIL.match(record[key].strip()):
            problem = "not an e-mail address"
        if problem:
            problems[key] = problem
    problem = _nullable_string(record.get("phone"), 50)
    if problem:
        problems["phone"] = problem
    address = record.get("address")
    country = None
    if address is not None:
        if not isinstance(address, dict):
            problems["address"] = "must be an object or null"
        else:
            for key, value in address.items():
                if key not in ADDRESS_KEYS:
                    problems[f"address.{key}"] = "unknown field"
                elif _nullable_string(value):
                    problems[f"address.{key}"] = _nullable_string(value)
            country = address.get("country")
            if country is not None and not re.fullmatch(r"[A-Z]{2}", str(country)):
                problems["address.country"] = "ISO 3166-1 alpha-2 code, e.g. NO"
    org = record.get("organisation_number")
    problem = _nullable_string(org, 30)
    if problem is None and org and (country in (None, "NO")) and not orgnr.is_valid(org):
        problem = "not a valid Norwegian organisation number (9 digits, mod-11)"
    if problem:
        problems["organisation_number"] = problem
    currency = record.get("currency")
    if not isinstance(currency, str) or not re.fullmatch(r"[A-Z]{3}", currency):
        problems["currency"] = "ISO 4217 code, e.g. NOK"
    language = record.get("language")
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2}", language):
        problems["language"] = "ISO 639-1 code, e.g. nb"
    link = record.get("tripletex_id")
    if link is not None and (not isinstance(link, int) or isinstance(link, bool) or link <= 0):
        problems["tripletex_id"] = "a positive integer or null"
    if not isinstance(record.get("is_active"), bool):
        problems["is_active"] = "must be a boolean"
    if problems:
        raise TelarisApiError(422, "The record is not valid", problems)


def check_writable(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TelarisApiError(422, "The body must be a JSON object")
    read_only = {k: "read-only" for k in body if k in ("id", "version", "updated_at")}
    if read_only:
        raise TelarisApiError(422, "Read-only fields cannot be written", read_only)
    return body


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396: objects merge recursively, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result[key] = None if key in WRITABLE or key in ADDRESS_KEYS else result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result
