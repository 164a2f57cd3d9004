"""A third twin generator, for developing the initial linking's rules beside `twins.py`: its own choices, made from
how Norwegian company registers and accounting systems differ, and never from the held-out generator's misses
(`twins_holdout.py` stays for measuring only).

What it draws on, and twins.py does not:
- a switchboard and mobiles: a company's main number is a landline (Norwegian landlines start with 2, 3, 5, 6 or 7;
  mobiles with 4 or 9); the other system often holds the mobile of the contact person or the owner instead, and sole
  proprietorships (ENK) have only a mobile;
- the postal code decides the town (one poststed per code), but the town is written differently ("OSLO",
  "Kristiansand S" beside "Kristiansand", "Mo" beside "Mo i Rana"); an office that moved keeps its phone and e-mail;
- sole proprietorships named after their owner ("Ola Moen Elektro"), with free-mail addresses, often without an
  organisation number in the field service system;
- namesakes among sole proprietorships (no name protection for ENK), branches ("avd. Bergen", a sub-unit with its
  own organisation number), and sister companies sharing the group's domain and switchboard;
- customer numbers never copied between the systems;
- phones as people type them ("55 12 34 56", "+47 55123456", "0047 …");
- namesakes in the field service system too: a second company of the same name (another sole proprietor, a same-named
  company in another town), with its own Tripletex record or none, so a Tripletex record's organisation number may
  belong to another Telaris record, and two namesake pairs compete for each other's records.

Same shape as `twins.TwinData`: rows as typed (normalise them as extraction does) and the truth.
"""

from __future__ import annotations

import random

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

OWNERS = ["Ola Moen", "Kari Strand", "Per Aasen", "Lise Berg", "Odd Hauge", "Tone Lie", "Geir Dahl", "Rune Vik",
          "Stein Holm", "Eva Bøe", "Arne Foss", "Nils Rønning", "Jan Ekeberg", "Bjørn Tveit", "Hans Ødegaard"]
FANCY = ["Fjellstue", "Bølgen", "Polarlys", "Nordkapp", "Trollheim", "Midnattsol", "Sjøbris", "Fyrlykta", "Varden",
         "Stabburet", "Furutoppen", "Kystlinje", "Elgen", "Bjerkely", "Granheim", "Lyngbakken", "Ospeli", "Rypa",
         "Storm", "Måsøy", "Brattli", "Kleiva", "Hamna", "Sandvika", "Gjelet"]
TRADES = ["Elektro", "VVS", "Bygg og Anlegg", "Maskin", "Mur og Betong", "Maling", "Tak", "Kjøleservice",
          "Eiendomsdrift", "Transport og Logistikk", "Regnskap", "Gulv", "Sikkerhet", "Brannvern", "Innredning"]
# (postal code base, town as the register writes it, how people also write it)
TOWNS = [("0150", "Oslo", "OSLO"), ("4610", "Kristiansand S", "Kristiansand"), ("8610", "Mo i Rana", "Mo"),
         ("5003", "Bergen", "BERGEN"), ("7010", "Trondheim", "Trondhjem"), ("9008", "Tromsø", "Tromso"),
         ("1366", "Lysaker", "Bærum"), ("2000", "Lillestrøm", "Lillestrom"), ("6002", "Ålesund", "Aalesund"),
         ("3510", "Hønefoss", "HØNEFOSS"), ("4400", "Flekkefjord", "Flekkefjord"), ("8300", "Svolvær", "Svolvar")]
FREE_MAIL = ["gmail.com", "online.no", "hotmail.com", "icloud.com"]


def _landline(rng: random.Random) -> str:
    return f"{rng.choice('23567')}{rng.randrange(1_000_000, 9_999_999)}"


def _mobile(rng: random.Random) -> str:
    return f"{rng.choice('49')}{rng.randrange(1_000_000, 9_999_999)}"


def _typed(rng: random.Random, phone: str | None) -> str | None:
    """An eight-digit number as someone typed it."""
    if phone is None:
        return None
    roll = rng.random()
    if roll < 0.3:
        return " ".join(phone[i:i + 2] for i in range(0, 8, 2))
    if roll < 0.45:
        return f"+47 {phone}"
    if roll < 0.5:
        return f"0047 {phone[:3]} {phone[3:5]} {phone[5:]}"
    return phone


def _slug(text: str) -> str:
    ascii_ = text.lower().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "aa"}))
    return "".join(ch for ch in ascii_ if ch.isalnum())


def _noisy_name(rng: random.Random, name: str, form: str) -> str:
    """How an accountant retypes a name: legal form as "A/S" or left out, abbreviations, a letter lost."""
    base = name
    roll = rng.random()
    if roll < 0.2 and form:
        base = base.removesuffix(f" {form}")
    elif roll < 0.3 and form == "AS":
        base = base.removesuffix(" AS") + " A/S"
    if rng.random() < 0.15:
        base = base.replace(" og ", " & ")
    if rng.random() < 0.1 and len(base) > 8:
        i = rng.randrange(2, len(base) - 2)
        base = base[:i] + base[i + 1:]
    if rng.random() < 0.1:
        base = base.upper()
    return base


def generate(companies: int, seed: int = 2207) -> TwinData:
    """`companies` Telaris records, about 75% of them also in Tripletex, and branches, sister companies,
    sole-proprietor namesakes and Tripletex-only records. Deterministic by seed."""
    rng = random.Random(seed)
    data = TwinData()
    fresh_orgnr = unique_orgnrs(rng)
    next_tripletex = 700_000

    def add_tripletex(row: dict) -> int:
        nonlocal next_tripletex
        next_tripletex += 1
        data.tripletex.append({**row, "record_id": str(next_tripletex), "number": str(next_tripletex - 690_000)})
        return next_tripletex

    for n in range(companies):
        sole = rng.random() < 0.3
        town = rng.choice(TOWNS)
        postal_code = f"{int(town[0]) + rng.randrange(60):04d}"
        if sole:
            form, name = "ENK", f"{rng.choice(OWNERS)} {rng.choice(TRADES)}"
            domain = rng.choice(FREE_MAIL)
            email = f"{_slug(name.split()[0])}.{_slug(name.split()[1])}{rng.randrange(100)}@{domain}"
            phone = _mobile(rng)
            orgnr = fresh_orgnr() if rng.random() < 0.5 else None
        else:
            form = rng.choice(["AS", "AS", "AS", "AS", "ASA", "DA", "SA"])
            name = f"{rng.choice(FANCY)} {rng.choice(TRADES)} {form}"
            domain = f"{_slug(name.removesuffix(f' {form}'))}.no"
            email = f"{rng.choice(['post', 'firmapost', 'faktura'])}@{domain}"
            phone = _landline(rng) if rng.random() < 0.8 else _mobile(rng)
            orgnr = fresh_orgnr() if rng.random() < 0.8 else None
        telaris = {"record_id": f"d_{n:06d}", "name": name, "number": str(30_000 + n), "organisation_number": orgnr,
                   "email": email if rng.random() < 0.92 else None,
                   "phone": _typed(rng, phone) if rng.random() < 0.9 else None,
                   "postal_code": postal_code, "city": town[1]}
        data.telaris.append(telaris)

        if rng.random() < 0.75:
            twin = {**telaris, "name": _noisy_name(rng, name, form),
                    "phone": _typed(rng, phone) if telaris["phone"] else None}
            if orgnr and rng.random() < 0.2:
                twin["organisation_number"] = None
            elif orgnr and rng.random() < 0.3:
                twin["organisation_number"] = f"{orgnr} MVA"
            roll = rng.random()
            if roll < 0.2:  # the contact person's (or owner's) mobile instead of the switchboard
                twin["phone"] = _mobile(rng)
            elif roll < 0.3:
                twin["phone"] = None
            elif roll < 0.35:  # a new switchboard
                twin["phone"] = _landline(rng)
            roll = rng.random()
            if roll < 0.15 and not sole:
                twin["email"] = f"{rng.choice(['regnskap', 'ordre', 'kontakt'])}@{domain}"
            elif roll < 0.25:
                twin["email"] = None
            roll = rng.random()
            if roll < 0.15:
                twin["city"] = town[2]  # the same poststed, written otherwise
            elif roll < 0.22:
                twin["postal_code"] = f"{int(town[0]) + rng.randrange(60, 120):04d}"  # moved within the town
            elif roll < 0.26:
                other = rng.choice([t for t in TOWNS if t != town])  # moved to another town
                twin["postal_code"], twin["city"] = f"{int(other[0]) + rng.randrange(60):04d}", other[1]
            data.truth.add((telaris["record_id"], add_tripletex(twin)))

        roll = rng.random()
        if sole and roll < 0.2:  # another owner's sole proprietorship of the same name, elsewhere or nearby
            other = rng.choice(TOWNS)
            add_tripletex({"name": name, "organisation_number": fresh_orgnr() if rng.random() < 0.5 else None,
                           "email": f"{_slug(name.split()[0])}{rng.randrange(1000)}@{rng.choice(FREE_MAIL)}",
                           "phone": _mobile(rng), "postal_code": f"{int(other[0]) + rng.randrange(60):04d}",
                           "city": other[1]})
        elif not sole and roll < 0.08:  # a branch: a sub-unit with its own organisation number (or none typed)
            other = rng.choice(TOWNS)
            add_tripletex({"name": f"{name} avd. {other[1]}",
                           "organisation_number": fresh_orgnr() if rng.random() < 0.5 else None,
                           "email": f"{_slug(other[1])}@{domain}", "phone": _landline(rng),
                           "postal_code": f"{int(other[0]) + rng.randrange(60):04d}", "city": other[1]})
        elif not sole and roll < 0.16:  # a sister company: the group's domain and switchboard, its own number
            other = rng.choice(TOWNS)
            sister = f"{name.removesuffix(f' {form}')} {rng.choice(['Service', 'Prosjekt', 'Holding'])} {form}"
            add_tripletex({"name": sister, "organisation_number": fresh_orgnr() if rng.random() < 0.7 else None,
                           "email": f"{rng.choice(['post', 'faktura'])}@{domain}",
                           "phone": phone if rng.random() < 0.6 else _landline(rng),
                           "postal_code": f"{int(other[0]) + rng.randrange(60):04d}", "city": other[1]})
        if rng.random() < (0.08 if sole else 0.03):  # a namesake in Telaris too, with its own Tripletex twin or none
            other = rng.choice(TOWNS)
            namesake_orgnr = fresh_orgnr() if rng.random() < 0.5 else None
            namesake_phone = _mobile(rng) if sole or rng.random() < 0.2 else _landline(rng)
            namesake_email = (f"{_slug(name.split()[0])}{rng.randrange(1000)}@{rng.choice(FREE_MAIL)}" if sole
                              else email)
            namesake = {"record_id": f"d_{n:06d}b", "name": name, "number": str(80_000 + n),
                        "organisation_number": namesake_orgnr, "email": namesake_email,
                        "phone": _typed(rng, namesake_phone),
                        "postal_code": f"{int(other[0]) + rng.randrange(60):04d}", "city": other[1]}
            data.telaris.append(namesake)
            if rng.random() < 0.6:
                twin = {**namesake, "name": _noisy_name(rng, name, form), "phone": _typed(rng, namesake_phone)}
                if namesake_orgnr and rng.random() < 0.2:
                    twin["organisation_number"] = None
                data.truth.add((namesake["record_id"], add_tripletex(twin)))
        if rng.random() < 0.05:  # only in Tripletex
            other = rng.choice(TOWNS)
            add_tripletex({"name": f"{rng.choice(FANCY)} {rng.choice(TRADES)} AS", "organisation_number": None,
                           "email": None, "phone": _landline(rng),
                           "postal_code": f"{int(other[0]) + rng.randrange(60):04d}", "city": other[1]})
    return data
