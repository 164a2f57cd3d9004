"""Currencies and countries as a fresh Tripletex company has them (Norway is country 161, NOK currency 1)."""

from __future__ import annotations

CURRENCIES: list[tuple[int, str, str]] = [
    (1, "NOK", "Norske kroner"),
    (2, "SEK", "Svenske kroner"),
    (3, "DKK", "Danske kroner"),
    (4, "USD", "Amerikanske dollar"),
    (5, "EUR", "Euro"),
    (6, "GBP", "Britiske pund"),
    (7, "CHF", "Sveitsiske franc"),
    (8, "ISK", "Islandske kroner"),
    (9, "PLN", "Polske zloty"),
]

COUNTRIES: list[tuple[int, str, str, str, str]] = [  # id, name, alpha-2, alpha-3, numeric
    (161, "Norge", "NO", "NOR", "578"),
    (205, "Sverige", "SE", "SWE", "752"),
    (58, "Danmark", "DK", "DNK", "208"),
    (73, "Finland", "FI", "FIN", "246"),
    (81, "Tyskland", "DE", "DEU", "276"),
    (76, "Storbritannia", "GB", "GBR", "826"),
    (233, "USA", "US", "USA", "840"),
    (150, "Nederland", "NL", "NLD", "528"),
    (176, "Polen", "PL", "POL", "616"),
    (99, "Island", "IS", "ISL", "352"),
    (74, "Frankrike", "FR", "FRA", "250"),
    (209, "Sveits", "CH", "CHE", "756"),
]

NORWAY_ID = 161
NOK_ID = 1


def currency_json(row: tuple[int, str, str]) -> dict:
    cid, code, description = row
    return {
        "id": cid,
        "version": 0,
        "url": f"tripletex.no/v2/currency/{cid}",
        "code": code,
        "description": description,
        "factor": 1,
        "displayName": f"{code} {description}",
        "isDisabled": False,
    }


def country_json(row: tuple[int, str, str, str, str]) -> dict:
    cid, name, alpha2, alpha3, numeric = row
    return {
        "id": cid,
        "version": 0,
        "url": f"tripletex.no/v2/country/{cid}",
        "name": name,
        "displayName": f"{name} ({alpha2})",
        "isoAlpha2Code": alpha2,
        "isoAlpha3Code": alpha3,
        "isoNumericCode": numeric,
    }


CURRENCY_IDS = {c[0] for c in CURRENCIES}
COUNTRY_IDS = {c[0] for c in COUNTRIES}
