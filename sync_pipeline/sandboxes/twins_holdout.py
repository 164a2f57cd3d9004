"""A second, independent twin generator: held-out data for the initial linking. No threshold is chosen on it.

`twins.py` is what the linking was built and tuned with; measuring on it alone rewards fitting its quirks (every
e-mail domain there is unique to its company, phones are identical or missing, numbers are copied). This generator
draws companies the way Norwegian registers look instead, with other vocabularies and other noise:

- names from surnames, places and trades, so the same name is often two different companies (a "Hansen Bygg AS" in
  many towns), and e-mail domains made from the name: namesakes share a domain, and free-mail addresses are common;
- phones written as people type them (spaces, 0047), sometimes a different number of the same company;
- customer numbers numbered independently in each system unless copied;
- offices that moved within a town or to another town, orgnr written with spaces or MVA, dropped on one side;
- hard negatives: namesakes in other towns and in the same town, group companies sharing a switchboard and
  domain, and namesakes on the Telaris side too (so one side's organisation number belongs to another record);
- one-sided records on both sides.

Same shape as `twins.TwinData`: rows as typed (normalise them as extraction does) and the truth.
"""

from __future__ import annotations

import random

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

SURNAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
            "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen",
            "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Gundersen", "Iversen", "Svendsen",
            "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen",
            "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Fredriksen", "Lien", "Hauge", "Evensen",
            "Sæther", "Aas", "Myhre", "Haugland", "Østby", "Kvalheim", "Røed", "Brekke", "Aune", "Vik", "Tangen"]
TRADES = ["Bygg", "Rørlegger", "Elektriker", "Maskinentreprenør", "Transport", "Regnskapskontor", "Eiendom",
          "Taktekking", "Malerfirma", "Blikkenslagerverksted", "Glass", "Grøntanlegg", "Murmester", "Flis",
          "Varmepumper", "Låsesmed", "Renhold", "Trafikkskole", "Bilverksted", "Kran", "Sveis", "Graving"]
PLACES = ["Sørlandet", "Vestfold", "Romerike", "Hadeland", "Jæren", "Sunnmøre", "Helgeland", "Lofoten", "Valdres",
          "Hallingdal", "Agder", "Nordfjord", "Ryfylke", "Østfold", "Telemark", "Finnmark"]
TOWNS = [("4608", "Kristiansand"), ("4306", "Sandnes"), ("1706", "Sarpsborg"), ("3717", "Skien"), ("4836", "Arendal"),
         ("5527", "Haugesund"), ("6413", "Molde"), ("9405", "Harstad"), ("2815", "Gjøvik"), ("2609", "Lillehammer"),
         ("3110", "Tønsberg"), ("3256", "Larvik"), ("1771", "Halden"), ("3616", "Kongsberg"), ("8514", "Narvik"),
         ("9510", "Alta"), ("7713", "Steinkjer"), ("6800", "Førde"), ("3183", "Horten"), ("8622", "Mo i Rana")]
FORMS = ["AS"] * 8 + ["ENK", "ANS", "DA", "SA"]
FREE_MAIL = ["gmail.com", "online.no", "hotmail.com", "outlook.com", "live.no"]
LOCAL_PARTS = ["post", "firmapost", "kontakt", "faktura", "regnskap", "ordre"]
FIRST_NAMES = ["ola", "kari", "per", "anne", "lars", "ingrid", "knut", "siri", "jon", "marit", "tor", "hilde"]
ABBREVIATIONS = {"Maskinentreprenør": "Maskinentr.", "Regnskapskontor": "Regnskap", "Blikkenslagerverksted":
                 "Blikkenslager", "Transport": "Transp.", "Rørlegger": "Rørleggerfirma", "Elektriker": "Elektro"}
NEIGHBOURS = "qwertyuiopåasdfghjkløæzxcvbnm"


def _domain_of(name: str) -> str:
    """A domain as companies pick them: their name, lower case, without legal form, letters only."""
    words = [w for w in name.lower().split() if w not in ("as", "enk", "ans", "da", "sa", "og", "&")]
    ascii_ = "".join(words).translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return "".join(ch for ch in ascii_ if ch.isalnum()) + ".no"


def _typed_phone(rng: random.Random, digits: str) -> str:
    """The same number as people write it."""
    style = rng.random()
    if style < 0.4:
        return digits
    if style < 0.7:
        return f"+47 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    if style < 0.85:
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    return f"+47{digits}"


def _keyboard_typo(rng: random.Random, text: str) -> str:
    """A neighbouring key, a doubled letter or a missing space: other typos than twins.py's swaps and drops."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 6:
        return text
    i = rng.choice(letters[1:])
    roll = rng.random()
    if roll < 0.4:
        pos = NEIGHBOURS.find(text[i].lower())
        if pos >= 0:
            return text[:i] + NEIGHBOURS[(pos + rng.choice((-1, 1))) % len(NEIGHBOURS)] + text[i + 1:]
    if roll < 0.7:
        return text[:i] + text[i] + text[i:]
    return text.replace(" ", "", 1) if text.count(" ") > 1 else text


def _noisy_name(rng: random.Random, name: str, form: str, trade: str) -> str:
    base = name
    if rng.random() < 0.15 and trade in ABBREVIATIONS:
        base = base.replace(trade, ABBREVIATIONS[trade])
    roll = rng.random()
    if roll < 0.12:
        base = base.removesuffix(f" {form}")
    elif roll < 0.17 and form == "AS":
        base = base.removesuffix(" AS") + rng.choice([" A/S", " A.S.", " as"])
    if rng.random() < 0.1:
        base = "".join({"ø": "o", "å": "a", "æ": "e", "Ø": "O", "Å": "A", "Æ": "E"}.get(ch, ch) for ch in base)
    if rng.random() < 0.12:
        base = _keyboard_typo(rng, base)
    if rng.random() < 0.1:
        base = base.upper()
    if rng.random() < 0.05:
        base = f"{base} avd. {rng.choice(TOWNS)[1]}"
    return base


def generate(companies: int, seed: int = 1013) -> TwinData:
    """`companies` Telaris records, about 70% of them also in Tripletex, and hard negatives and Tripletex-only
    records besides. Deterministic by seed."""
    rng = random.Random(seed)
    data = TwinData()
    fresh_orgnr = unique_orgnrs(rng)
    next_tripletex = 500_000
    telaris_numbers = iter(range(20_001, 10_000_000))
    tripletex_numbers = iter(range(1, 10_000_000))
    names_made: list[tuple[str, str, str]] = []  # (name, form, trade) to reuse for Telaris-side namesakes

    def company(name: str, form: str, town: tuple[str, str]) -> dict:
        code, city = town
        postal_code = f"{int(code) + rng.randrange(40):04d}"
        domain = _domain_of(name) if rng.random() < 0.7 else rng.choice(FREE_MAIL)
        local = (rng.choice(LOCAL_PARTS) if not domain.endswith(tuple(FREE_MAIL))
                 else f"{_domain_of(name).removesuffix('.no')}{rng.randrange(100)}")
        return {"name": name, "organisation_number": fresh_orgnr() if rng.random() < 0.6 else None,
                "email": f"{local}@{domain}" if rng.random() < 0.9 else None,
                "phone": str(rng.randrange(20000000, 99999999)) if rng.random() < 0.85 else None,
                "postal_code": postal_code, "city": city}

    def tripletex_row(fields: dict) -> dict:
        nonlocal next_tripletex
        next_tripletex += 1
        row = {**fields, "record_id": str(next_tripletex)}
        data.tripletex.append(row)
        return row

    for n in range(companies):
        if names_made and rng.random() < 0.08:
            name, form, trade = rng.choice(names_made)  # a namesake in Telaris itself (another town, company)
        else:
            surname, trade, form = rng.choice(SURNAMES), rng.choice(TRADES), rng.choice(FORMS)
            pattern = rng.random()
            if pattern < 0.45:
                name = f"{surname} {trade} {form}"
            elif pattern < 0.6:
                name = f"{trade} {surname} {form}"
            elif pattern < 0.75:
                name = f"{rng.choice(PLACES)} {trade} {form}"
            elif pattern < 0.87:
                name = f"{surname} & {rng.choice(SURNAMES)} {form}"
            else:
                name = f"{surname} & Sønn {trade} {form}"
            names_made.append((name, form, trade))
        town = rng.choice(TOWNS)
        base = company(name, form, town)
        telaris_id = f"h_{n:06d}"
        data.telaris.append({**base, "record_id": telaris_id, "phone": base["phone"] and _typed_phone(
            rng, base["phone"]), "number": str(next(telaris_numbers))})

        if rng.random() < 0.7:
            twin = {**base, "name": _noisy_name(rng, name, form, trade)}
            twin["number"] = data.telaris[-1]["number"] if rng.random() < 0.35 else str(next(tripletex_numbers))
            if twin["organisation_number"]:
                roll = rng.random()
                if roll < 0.18:
                    twin["organisation_number"] = None
                elif roll < 0.5:
                    digits = twin["organisation_number"]
                    twin["organisation_number"] = rng.choice([f"{digits} MVA", f"NO{digits}",
                                                              f"NO {digits[:3]} {digits[3:6]} {digits[6:]} MVA"])
            elif rng.random() < 0.12:  # registered in Tripletex only
                twin["organisation_number"] = fresh_orgnr()
            if twin["email"] and rng.random() < 0.25:  # another address of the company (or of its owner)
                local, domain = twin["email"].split("@")
                twin["email"] = (f"{rng.choice(LOCAL_PARTS + FIRST_NAMES)}@{domain}" if domain not in FREE_MAIL
                                 else f"{rng.choice(FIRST_NAMES)}.{local}@{rng.choice(FREE_MAIL)}")
            elif rng.random() < 0.1:
                twin["email"] = f"{rng.choice(FIRST_NAMES)}.{_domain_of(name).removesuffix('.no')}@gmail.com"
            if twin["phone"] and rng.random() < 0.12:
                twin["phone"] = str(rng.randrange(20000000, 99999999))  # the mobile of the contact person
            elif rng.random() < 0.2:
                twin["phone"] = None
            if twin["phone"]:
                twin["phone"] = _typed_phone(rng, twin["phone"])
            roll = rng.random()
            if roll < 0.04:
                other = rng.choice([t for t in TOWNS if t != town])
                twin["postal_code"], twin["city"] = f"{int(other[0]) + rng.randrange(40):04d}", other[1]
            elif roll < 0.12:
                twin["postal_code"] = f"{int(town[0]) + rng.randrange(40, 80):04d}"  # moved within the town
            if rng.random() < 0.15:
                twin["city"] = twin["city"].upper()
            row = tripletex_row(twin)
            data.truth.add((telaris_id, int(row["record_id"])))

        roll = rng.random()
        if roll < 0.12:  # a namesake in another town: same name, same name-derived domain, another company
            other = company(name, form, rng.choice([t for t in TOWNS if t != town]))
            other["email"] = f"{rng.choice(LOCAL_PARTS)}@{_domain_of(name)}" if rng.random() < 0.7 else None
            tripletex_row({**other, "number": str(next(tripletex_numbers))})
        elif roll < 0.16:  # a namesake in the same town, at another postal code
            other = company(name, form, town)
            other["postal_code"] = f"{int(town[0]) + rng.randrange(100, 140):04d}"
            tripletex_row({**other, "number": str(next(tripletex_numbers))})
        elif roll < 0.21:  # a group company: the group's domain and switchboard, its own name suffix and number
            other = company(f"{name.removesuffix(f' {form}')} {rng.choice(['Øst', 'Vest', 'Nord', 'Sør'])} {form}",
                            form, rng.choice(TOWNS))
            other["email"] = f"{rng.choice(LOCAL_PARTS)}@{_domain_of(name)}"
            other["phone"] = base["phone"] if rng.random() < 0.5 else other["phone"]
            tripletex_row({**other, "number": str(next(tripletex_numbers))})
        if rng.random() < 0.06:  # only in Tripletex
            surname, trade = rng.choice(SURNAMES), rng.choice(TRADES)
            tripletex_row({**company(f"{surname} {trade} AS", "AS", rng.choice(TOWNS)),
                           "number": str(next(tripletex_numbers))})
    return data
