"""Realistic, deterministic seed data for both sandboxes, with the overlap the sync has to cope with.

Every generated company lands in one *scenario*:
- `linked`: in both systems, the Telaris record carries the Tripletex id, values agree;
- `drifted`: linked, but one synced field differs (someone edited one side);
- `twin`: in both systems, not linked, same company written differently (phone spacing, e-mail case, "NO … MVA");
- `telaris_only` / `tripletex_only`: exists on one side only.
Faker builds pools of names, streets and cities once; records are composed from the pools with a seeded
random.Random, which is what makes a million records per side take seconds, not hours.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from faker import Faker
from stdnum.no import orgnr

from sync_pipeline.domain.fields import Kind

SCENARIOS = ("linked", "drifted", "twin", "telaris_only", "tripletex_only")
DEFAULT_SHARES = {"linked": 0.55, "drifted": 0.1, "twin": 0.1, "telaris_only": 0.15, "tripletex_only": 0.1}
FOREIGN = [  # country, currency, Faker locale, Telaris language
    ("SE", "SEK", "sv_SE", "sv"),
    ("DK", "DKK", "da_DK", "da"),
    ("DE", "EUR", "de_DE", "de"),
    ("GB", "GBP", "en_GB", "en"),
]
TRIPLETEX_COUNTRY_IDS = {"NO": 161, "SE": 205, "DK": 58, "DE": 81, "GB": 76}
TRIPLETEX_CURRENCY_IDS = {"NOK": 1, "SEK": 2, "DKK": 3, "EUR": 5, "GBP": 6}
CHUNK = 5_000


def valid_orgnr(rng: random.Random) -> str:
    """Nine digits with a correct mod-11 check digit (first digit 8 or 9, as Norwegian companies have)."""
    while True:
        body = str(rng.choice((8, 9))) + "".join(str(rng.randrange(10)) for _ in range(7))
        weights = (3, 2, 7, 6, 5, 4, 3, 2)
        remainder = sum(w * int(d) for w, d in zip(weights, body, strict=True)) % 11
        check = (11 - remainder) % 11
        if check != 10:
            number = body + str(check)
            assert orgnr.is_valid(number)
            return number


def unique_orgnrs(rng: random.Random) -> Callable[[], str]:
    """A source of valid organisation numbers none of which repeats: each twin generator's companies are distinct."""
    used: set[str] = set()

    def fresh() -> str:
        while (value := valid_orgnr(rng)) in used:
            pass
        used.add(value)
        return value

    return fresh


@dataclass
class Pools:
    names: list[str]
    suffixes: list[str]
    streets: list[str]
    places: list[tuple[str, str]]
    foreign: dict[str, tuple[list[str], list[str], list[tuple[str, str]]]] = field(default_factory=dict)

    @classmethod
    def build(cls, seed: int, size: int = 400) -> Pools:
        fake = Faker("no_NO")
        fake.seed_instance(seed)
        pools = cls(
            names=sorted({fake.last_name() for _ in range(size)}),
            suffixes=["AS", "AS", "AS", "ASA", "ANS", "DA", "Holding AS", "Bygg AS", "Service AS", "Elektro AS"],
            streets=sorted({fake.street_name() for _ in range(size)}),
            places=sorted({(fake.postcode(), fake.city()) for _ in range(size)}),
        )
        for country, _, locale, _ in FOREIGN:
            other = Faker(locale)
            other.seed_instance(seed)
            pools.foreign[country] = (
                sorted({other.last_name() for _ in range(size // 4)}),
                sorted({other.street_name() for _ in range(size // 4)}),
                sorted({(other.postcode(), other.city()) for _ in range(size // 4)}),
            )
        return pools


@dataclass
class Company:
    """One real-world company, before either system has written it down."""

    name: str
    number: int
    orgnr: str
    email: str
    invoice_email: str
    phone_digits: str  # national significant number
    country: str
    street: str
    postal_code: str
    city: str
    currency: str
    language: str  # Telaris ISO 639-1


def make_company(rng: random.Random, pools: Pools, number: int, foreign_share: float) -> Company:
    if rng.random() < foreign_share:
        country, currency, _, language = rng.choice(FOREIGN)
        names, streets, places = pools.foreign[country]
        base = rng.choice(names)
        name = f"{base} {rng.choice(['AB', 'ApS', 'GmbH', 'Ltd'])} {number}"
        org = f"{rng.randrange(100000, 999999)}-{rng.randrange(1000, 9999)}"
        phone = {"SE": "8", "DK": "3", "DE": "30", "GB": "20"}[country] + str(rng.randrange(1000000, 9999999))
        postal, city = rng.choice(places)
        street = f"{rng.choice(streets)} {rng.randrange(1, 200)}"
    else:
        country, currency = "NO", "NOK"
        language = rng.choices(["nb", "nn", "en"], weights=[85, 10, 5])[0]
        base = rng.choice(pools.names)
        name = f"{base} {rng.choice(pools.suffixes)} {number}"
        org = valid_orgnr(rng)
        phone = str(rng.choice((4, 9))) + str(rng.randrange(1000000, 9999999))
        postal, city = rng.choice(pools.places)
        street = f"{rng.choice(pools.streets)} {rng.randrange(1, 200)}"
    slug = "".join(ch for ch in base.lower() if ch.isalnum())[:20] or "firma"
    domain = f"{slug}{number}.{'no' if country == 'NO' else country.lower()}"
    return Company(name=name, number=number, orgnr=org, email=f"post@{domain}", invoice_email=f"faktura@{domain}",
                   phone_digits=phone, country=country, street=street, postal_code=postal, city=city,
                   currency=currency, language=language)


def _dial_code(country: str) -> str:
    return {"NO": "47", "SE": "46", "DK": "45", "DE": "49", "GB": "44"}[country]


def tripletex_body(company: Company, kind: Kind, twin_style: bool = False) -> dict[str, Any]:
    phone = f"+{_dial_code(company.country)}{company.phone_digits}"
    org = company.orgnr
    if twin_style and company.country == "NO":
        org = f"NO {org[:3]} {org[3:6]} {org[6:]} MVA"
    return {
        "name": company.name,
        ("customerNumber" if kind is Kind.CUSTOMER else "supplierNumber"): company.number,
        "organizationNumber": org,
        "email": company.email.upper() if twin_style else company.email,
        "invoiceEmail": company.invoice_email,
        "phoneNumber": phone,
        "postalAddress": {"addressLine1": company.street, "postalCode": company.postal_code, "city": company.city,
                          "country": {"id": TRIPLETEX_COUNTRY_IDS[company.country]}},
        "currency": {"id": TRIPLETEX_CURRENCY_IDS[company.currency]},
        "language": "NO" if company.language in ("nb", "nn") else "EN",
    }


def telaris_body(company: Company, tripletex_id: int | None, twin_style: bool = False) -> dict[str, Any]:
    digits = company.phone_digits
    phone = " ".join(digits[i:i + 2] for i in range(0, len(digits), 2)) if twin_style else digits
    if company.country != "NO":
        phone = f"+{_dial_code(company.country)} {phone}"
    return {
        "name": company.name,
        "number": str(company.number),
        "organisation_number": company.orgnr,
        "email": company.email,
        "invoice_email": company.invoice_email,
        "phone": phone,
        "address": {"line1": company.street, "line2": None, "postal_code": company.postal_code,
                    "city": company.city, "country": company.country},
        "currency": company.currency,
        "language": company.language,
        "tripletex_id": tripletex_id,
        "is_active": True,
    }


def drift(rng: random.Random, company: Company) -> Company:
    """The same company after someone edited one synced field on one side."""
    changed = Company(**vars(company))
    which = rng.choice(["email", "phone", "city", "name"])
    if which == "email":
        changed.email = f"ny.{company.email}"
    elif which == "phone":
        changed.phone_digits = company.phone_digits[:-2] + f"{(int(company.phone_digits[-2:]) + 7) % 100:02d}"
    elif which == "city":
        changed.city = f"{company.city} sentrum"
    else:
        changed.name = f"{company.name} (ny)"
    return changed


@dataclass
class SeedSummary:
    tripletex: dict[str, int] = field(default_factory=dict)
    telaris: dict[str, int] = field(default_factory=dict)
    scenarios: dict[str, dict[str, int]] = field(default_factory=dict)


def _scenario_plan(rng: random.Random, count: int, shares: dict[str, float]) -> Iterator[str]:
    names = list(shares)
    weights = [shares[n] for n in names]
    for _ in range(count):
        yield rng.choices(names, weights)[0]


class _Bulk:
    def __init__(self, base_url: str, session: requests.Session, company: int | None = None) -> None:
        self.url = base_url.rstrip("/") + "/_sandbox/bulk" + (f"?company={company}" if company else "")
        self.http = session

    def load(self, kind: str, records: list[dict[str, Any]]) -> list[Any]:
        if not records:
            return []
        answer = self.http.post(self.url, json={"kind": kind, "records": records}, timeout=600)
        if answer.status_code != 201:
            raise RuntimeError(f"seeding {kind} at {self.url} failed: {answer.status_code} {answer.text[:500]}")
        return answer.json()["ids"]


def seed_sandboxes(
    tripletex_url: str,
    telaris_url: str,
    *,
    customers: int = 200,
    suppliers: int = 100,
    seed: int = 42,
    shares: dict[str, float] | None = None,
    foreign_supplier_share: float = 0.1,
    progress: Any = None,
    tripletex_company: int | None = None,
    telaris_company: int | None = None,
) -> SeedSummary:
    """Fill both (running, empty) sandboxes. Base URLs are the servers' roots, e.g. http://127.0.0.1:8701.
    `tripletex_company` seeds that company of the Tripletex sandbox (default company 1), `telaris_company` that
    company of the Telaris sandbox (its `/companies/N` prefix; default the root, company 1)."""
    shares = shares or DEFAULT_SHARES
    rng = random.Random(seed)
    pools = Pools.build(seed)
    http = requests.Session()
    telaris_root = telaris_url.rstrip("/") + (f"/companies/{telaris_company}" if telaris_company else "")
    tripletex, telaris = _Bulk(tripletex_url, http, tripletex_company), _Bulk(telaris_root, http)
    summary = SeedSummary()
    for kind, total, first_number in ((Kind.CUSTOMER, customers, 10001), (Kind.SUPPLIER, suppliers, 20001)):
        counts = dict.fromkeys(SCENARIOS, 0)
        foreign = foreign_supplier_share if kind is Kind.SUPPLIER else 0.01
        plan = _scenario_plan(rng, total, shares)
        number = first_number
        done = 0
        while done < total:
            size = min(CHUNK, total - done)
            batch = []
            for _ in range(size):
                scenario = next(plan)
                batch.append((scenario, make_company(rng, pools, number, foreign)))
                counts[scenario] += 1
                number += 1
            in_tripletex = [(s, c) for s, c in batch if s != "telaris_only"]
            ids = tripletex.load(kind.value, [tripletex_body(c, kind, twin_style=(s == "twin"))
                                              for s, c in in_tripletex])
            id_of = {c.number: i for (_, c), i in zip(in_tripletex, ids, strict=True)}
            telaris_records = []
            for scenario, company in batch:
                if scenario == "tripletex_only":
                    continue
                link = id_of.get(company.number) if scenario in ("linked", "drifted") else None
                written = drift(rng, company) if scenario == "drifted" else company
                # twins: an unlinked Telaris record must not reuse the Tripletex number, as people usually
                # let each system number its own records before the two are connected
                if scenario in ("twin", "telaris_only"):
                    written = Company(**{**vars(written), "number": written.number + 10_000_000})
                telaris_records.append(telaris_body(written, link, twin_style=(scenario == "twin")))
            telaris.load(f"{kind.value}s", telaris_records)
            done += size
            if progress:
                progress(kind.value, done, total)
        summary.scenarios[kind.value] = counts
        summary.tripletex[kind.value] = total - counts["telaris_only"]
        summary.telaris[kind.value] = total - counts["tripletex_only"]
    return summary
