"""Company records written twice, as two systems hold the same companies: for testing and measuring the initial
linking. Deterministic by seed. Rows of the synced fields for both sides as people typed them (normalise them as
extraction does before comparing), and the truth.

Noise on the Tripletex copy of a company: typos, the legal form dropped or moved (AS, ASA, ANS, DA), "&" for "og",
case, æøå transliterated, organisation numbers written `NO … MVA` or spaced, missing numbers and organisation
numbers, another e-mail or phone, a move to another postal code. Hard negatives:
companies of one group sharing a name stem, and near-identical names in other towns, each with its own organisation
number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from sync_pipeline.sandboxes.seed import unique_orgnrs

STEMS = ["Fjord", "Nordlys", "Bergen", "Vik", "Tinde", "Havblikk", "Solberg", "Skog", "Elvebakken", "Kvitfjell",
         "Lysgaard", "Åsen", "Bjørkli", "Sjøsiden", "Fossum", "Ødegård", "Grønland", "Måkeskjær", "Storvik", "Lia",
         "Berg", "Dal", "Holm", "Strand", "Haug", "Moen", "Nes", "Rød", "Sæter", "Tveit"]
TRADES = ["Bygg", "Elektro", "Rør", "Maskin", "Transport", "Regnskap", "Eiendom", "Service", "Tak & Fasade",
          "Maling og Tapet", "Ventilasjon", "Anlegg", "Snekkeri", "Kjøling", "Data", "Handel", "Entreprenør"]
FORMS = ["AS", "AS", "AS", "ASA", "ANS", "DA"]
TOWNS = [("5003", "Bergen"), ("0150", "Oslo"), ("7010", "Trondheim"), ("4006", "Stavanger"), ("9008", "Tromsø"),
         ("3015", "Drammen"), ("1606", "Fredrikstad"), ("2317", "Hamar"), ("6002", "Ålesund"), ("8006", "Bodø")]
TRANSLIT = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"}


@dataclass
class TwinData:
    telaris: list[dict] = field(default_factory=list)
    tripletex: list[dict] = field(default_factory=list)
    truth: set[tuple[str, int]] = field(default_factory=set)  # (telaris_id, tripletex_id) of the same company


def _address(rng: random.Random, avoid: str | None = None) -> tuple[str, str]:
    """A postal code within one of the towns (each has a few hundred codes, as Norwegian towns do)."""
    base, town = rng.choice([t for t in TOWNS if t[1] != avoid])
    return f"{int(base) + rng.randrange(300):04d}", town


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:] if rng.random() < 0.5 else text[:i] + text[i + 1:]


def _noisy_name(rng: random.Random, name: str, form: str) -> str:
    base = name
    roll = rng.random()
    if roll < 0.15:
        base = base.removesuffix(f" {form}")  # legal form dropped
    elif roll < 0.25:
        base = f"{form} {base.removesuffix(f' {form}')}"  # moved to the front
    if rng.random() < 0.3:
        base = base.replace(" og ", " & ") if " og " in base else base.replace(" & ", " og ")
    if rng.random() < 0.2:
        base = "".join(TRANSLIT.get(ch, ch) for ch in base)
    if rng.random() < 0.2:
        base = _typo(rng, base)
    if rng.random() < 0.2:
        base = base.upper() if rng.random() < 0.5 else base.lower()
    return base


def generate(companies: int, seed: int = 7, orgnr_share: float = 0.7, twin_share: float = 0.8,
             hard_negative_share: float = 0.15) -> TwinData:
    """`companies` Telaris records; `twin_share` of them also in Tripletex (the truth); `orgnr_share` carry an
    organisation number (in both systems unless noise drops it on one side); plus hard negatives in Tripletex."""
    rng = random.Random(seed)
    data = TwinData()
    fresh_orgnr = unique_orgnrs(rng)
    next_tripletex = 100_000

    for n in range(companies):
        stem, trade, form = rng.choice(STEMS), rng.choice(TRADES), rng.choice(FORMS)
        postal_code, city = _address(rng)
        name = f"{stem} {trade} {form}" if rng.random() < 0.7 else f"{stem} {trade} {city} {form}"
        domain = f"{stem.lower().replace('å', 'a').replace('ø', 'o').replace('æ', 'ae')}{n}.no"
        orgnr = fresh_orgnr() if rng.random() < orgnr_share else None
        phone = f"+47{rng.randrange(40000000, 99999999)}"
        telaris_id = f"t_{n:06d}"
        record = {"record_id": telaris_id, "name": name, "number": str(10_000 + n), "organisation_number": orgnr,
                  "email": f"post@{domain}", "phone": phone, "postal_code": postal_code, "city": city}
        data.telaris.append(record)
        if rng.random() < twin_share:
            next_tripletex += 1
            twin = {**record, "record_id": str(next_tripletex), "name": _noisy_name(rng, name, form)}
            if rng.random() < 0.1 and twin["organisation_number"]:
                twin["organisation_number"] = None  # not entered in one system
            elif twin["organisation_number"] and rng.random() < 0.3:  # as accountants write it
                digits = twin["organisation_number"]
                spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
                twin["organisation_number"] = rng.choice([f"NO {digits} MVA", spaced, f"NO{digits}MVA"])
            if rng.random() < 0.3:
                twin["number"] = None
            if rng.random() < 0.2:
                twin["email"] = f"faktura@{domain}"
            elif rng.random() < 0.1:
                twin["email"] = f"{stem.lower()}.{n}@gmail.com"  # a personal address in one system
            if rng.random() < 0.1:
                twin["postal_code"], twin["city"] = _address(rng)  # moved, and only one system knows
            if rng.random() < 0.15:
                twin["phone"] = None
            data.tripletex.append(twin)
            data.truth.add((telaris_id, next_tripletex))
        if rng.random() < hard_negative_share:
            # the same name stem and trade, another town and company: a group company or a namesake
            other_code, other_city = _address(rng, avoid=city)
            next_tripletex += 1
            data.tripletex.append({
                "record_id": str(next_tripletex), "name": f"{stem} {trade} {other_city} {form}",
                "number": None, "organisation_number": fresh_orgnr() if rng.random() < orgnr_share else None,
                "email": f"{other_city.lower()}@{domain}" if rng.random() < 0.5 else f"post@{stem.lower()}.no",
                "phone": f"+47{rng.randrange(40000000, 99999999)}",
                "postal_code": other_code, "city": other_city})
    return data
