"""Normalisation: the one place that decides when two differently written values are the same value.

Both systems let people type freely ("912 345 678" vs "+4791234567", " Post@Firma.no"), and Tripletex sends ""
where Telaris sends null. Comparing raw strings would make every formatting difference a patch, so the diff only
ever compares the output of these functions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers
from stdnum.no import orgnr as no_orgnr

DEFAULT_PHONE_REGION = "NO"


class UnsupportedValue(ValueError):
    """A value that cannot be represented in the other system; reported for the record, never silently changed."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{field}={value!r}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason


def text(value: object) -> str | None:
    """Trimmed text with inner runs of white space folded; empty and missing are both None."""
    if value is None:
        return None
    folded = " ".join(str(value).split())
    return folded or None


def text_problem(value: object) -> str | None:
    """Why text must not be written anywhere as it is: a control character (kept by `text`, since only white space
    is folded) would be stored invisibly, and U+FFFD (or a lone surrogate) marks a character that was broken before
    it reached us (see domain.json_text). Only a person can say what was meant."""
    if not isinstance(value, str):
        return None
    for char in value:
        if char == "\ufffd" or unicodedata.category(char) == "Cs":
            return "holds a broken character (not valid Unicode where it came from, shown as �)"
        if unicodedata.category(char) == "Cc":
            return f"holds the control character U+{ord(char):04X}, which would be stored invisibly"
    return None


def email(value: object) -> str | None:
    """E-mail addresses compare case-insensitively once trimmed."""
    folded = text(value)
    return folded.casefold() if folded else None


def code(value: object) -> str | None:
    """ISO codes (country, currency) in upper case."""
    folded = text(value)
    return folded.upper() if folded else None


def number(value: object) -> str | None:
    """Customer/supplier numbers as digit strings; Tripletex's unset 0 means no number."""
    folded = text(value)
    if folded is None or folded == "0":
        return None
    if not folded.isdigit():
        return folded
    return folded.lstrip("0") or None


def organisation_number(value: object, country: str | None = "NO") -> str | None:
    """Norwegian numbers compact to their nine digits ("NO 912 345 678 MVA" → "912345678"); others are trimmed."""
    folded = text(value)
    if folded is None:
        return None
    if (country or "NO") == "NO":
        # already compact, as most are: skip stdnum's character scan
        if len(folded) == 9 and folded.isascii() and folded.isdigit():
            return folded
        compact = no_orgnr.compact(folded.upper().removeprefix("NO").removesuffix("MVA"))
        return compact or None
    return folded


def organisation_number_problem(value: str | None, country: str | None = "NO") -> str | None:
    """Why a (normalised) organisation number cannot be sent, or None when it is fine."""
    if value is None or (country or "NO") != "NO":
        return None
    # `value` is already compact, so stdnum's mod-11 checksum alone decides (is_valid would compact it again)
    # isdigit alone admits "²", which stdnum's checksum cannot read: such a value is reported, never a crash
    if len(value) == 9 and value.isascii() and value.isdigit() and no_orgnr.checksum(value) == 0:
        return None
    return f"invalid Norwegian organisation number {value!r} (must be 9 digits with a valid mod-11 check digit)"


# A Norwegian number written as its eight digits (not starting 0, which may be a dialling prefix), with or without
# +47 and spaces. Norway has no trunk prefix, so phonenumbers' E.164 for these is always "+47" and the digits; the
# test suite checks that equivalence on generated input. Skipping the general parser for them matters: it costs
# ~35 µs a number, most of an extraction's CPU.
_NORWEGIAN_PHONE = re.compile(r"(?:\+47)?([1-9][0-9]{7})")  # ASCII digits only: others go to the library


def phone(value: object, region: str = DEFAULT_PHONE_REGION) -> str | None:
    """Phone numbers in E.164 form; a string phonenumbers cannot parse is kept as folded text so it still compares."""
    folded = text(value)
    if folded is None:
        return None
    if region == "NO" and (match := _NORWEGIAN_PHONE.fullmatch(folded.replace(" ", ""))):
        return "+47" + match.group(1)
    return phone_by_library(folded, region)


@lru_cache(maxsize=65536)
def phone_by_library(folded: str, region: str = DEFAULT_PHONE_REGION) -> str:
    """The general case, by phonenumbers: any country, any way of writing."""
    try:
        parsed = phonenumbers.parse(folded, region)
    except phonenumbers.NumberParseException:
        return folded
    if not phonenumbers.is_possible_number(parsed):
        return folded
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


# Tripletex knows two languages. Canonical language is lower-case ISO 639-1 with Norwegian written "no", so both
# Bokmål and Nynorsk in Telaris compare equal to Tripletex's "NO".
_TELARIS_TO_CANONICAL = {"nb": "no", "nn": "no", "no": "no"}
_TRIPLETEX_LANGUAGES = {"NO": "no", "EN": "en"}
_CANONICAL_TO_TRIPLETEX = {v: k for k, v in _TRIPLETEX_LANGUAGES.items()}
_CANONICAL_TO_TELARIS = {"no": "nb"}


def language_from_telaris(value: object) -> str | None:
    folded = text(value)
    if folded is None:
        return None
    lowered = folded.lower()
    return _TELARIS_TO_CANONICAL.get(lowered, lowered)


def language_from_tripletex(value: object) -> str | None:
    folded = text(value)
    if folded is None:
        return None
    return _TRIPLETEX_LANGUAGES.get(folded.upper(), folded.lower())


def language_to_tripletex(canonical: str | None) -> str | None:
    """Tripletex's enum for a canonical language; raises UnsupportedValue for e.g. Swedish."""
    if canonical is None:
        return None
    try:
        return _CANONICAL_TO_TRIPLETEX[canonical]
    except KeyError:
        raise UnsupportedValue(
            "language", canonical, "Tripletex supports only NO and EN; the record keeps its language"
        ) from None


def language_to_telaris(canonical: str | None) -> str | None:
    if canonical is None:
        return None
    return _CANONICAL_TO_TELARIS.get(canonical, canonical)
