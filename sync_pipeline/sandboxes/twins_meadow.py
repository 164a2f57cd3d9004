"""twins_meadow: the two record sets of an agricultural machinery dealer and workshop in Innlandet and Trøndelag.

Rates stated before any output was looked at (and tested in sync_pipeline_tests/test_twins_meadow.py):

Parties (`companies` of them): farms 38 % (owner a person; 65 % a registered sole proprietorship (ENK) with its own
organisation number, 8 % an AS or DA, 27 % not registered), private persons buying lawn tractors 16 % (never
registered), forestry owners 6 % (60 % registered), contractors (snow clearing, earthworks) 13 % (70 % AS, 30 % ENK),
machine co-operatives (maskinlag, SA) 3 %, municipal departments 3 % (a municipality has 1-4 departments, each its own
party sharing the municipality's one orgnr and domain), garden centres 3 %, suppliers 18 % (makers and importers
5 % of all, a quarter of them abroad with a VAT id; parts wholesalers 4 %, fuel 1 %, transport 2 %, back office 6 %).

Presence (both / Telaris only / Tripletex only): customers are created in Tripletex on invoice export, machine sales
are invoiced by the office directly, cash sales at the counter never reach Tripletex. Farms 70/22/8, private
45/45/10, forestry 65/25/10, contractors 75/15/10, maskinlag 75/15/10, municipal departments 80/10/10, garden
centres 70/20/10; makers, wholesalers 80/10/10; fuel, transport 65/10/25; back office 15/0/85.

Held twice: 4 % of the parties in Telaris have a second Telaris record (a technician made a new card, its name
typed afresh, so for a farm often the other of farm name and farmer), 2 % of those in Tripletex a second Tripletex
record (the office keyed it again, own number). The truth pairs the ORIGINAL, the record created first on that
side (the lower id and number); the duplicate is one-sided.

Farm taken over by the next generation: 8 % of farms (present on both sides). Telaris keeps the one farm card; 60 %
still carry the old farmer's name. Tripletex holds the new owner (a new ENK and a new orgnr when the farm was an
ENK; an AS/DA keeps its name and number); in 30 % the old owner's Tripletex customer is still active (a separate,
one-sided party with its own orgnr). The truth pairs the farm card with the new owner's record. A Telaris card of a
taken-over ENK farm never keeps the old orgnr (it has none or the new one; half of the new ones are left out).

Names. Telaris is typed by technicians and the parts counter: farms as the farm name 35 %, the farmer 30 %,
"<farm> v/<farmer>" 15 %, "<farm>, <village>" 10 %, "<surname>, <first>" 5 %, "<farmer> (<farm>)" 5 %;
businesses without the legal form 50 %; abbreviations (Nordre→Ndr., Søndre→Sdr., Øvre→Ø., Nedre→N., og→&,
Transport→Transp., Maskinlag→Mlag, kommune→k.) 12 % of names where one applies; a typo in 6 %; a middle name (15 %
of persons have one) is dropped on one side half the time. Tripletex is kept by the office: a registered party
under its register name (unique in the register), 35 % of those in the register's capitals; unregistered farms as
the farmer (70 %) or the farm (30 %); municipal departments as "<MUNICIPALITY> KOMMUNE" 40 %, "<Municipality>
kommune" 20 %, with the department 40 %.

People: first names and surnames drawn by weights shaped like Statistics Norway's tables, with long tails (the
listed commonest surnames a third of people, the rest farm-derived: Haugrud, Vangli), so that "Jan Pedersen" recurs
a few times in 20,000 parties but no made-up combination does; 70 % of buyers are men; a farmer takes the farm's
name as surname (Haug → Haugen) in 25 %.

Numbers: Telaris customers 10001 upward, suppliers 50001 upward, in creation order; 5 % of private persons have
none. A Tripletex twin carries the Telaris number when created by invoice export (customers 70 %, suppliers 50 %),
else the office's own series (customers 30001, suppliers 70001 upward); Tripletex-only records and duplicates
always the own series. Tripletex ids are large integers dealt in an order unrelated to Telaris.

Organisation numbers (registered Norwegian parties): Telaris 40 % (suppliers 70 %), typed plain 60 %, "xxx xxx xxx"
30 %, "NOxxxxxxxxxMVA" 10 %; Tripletex 88 % (fetched from the register), plain. Foreign suppliers: a VAT id in
Telaris 30 %, in Tripletex 70 %. Never a different orgnr on the two sides of a true pair.

E-mails: businesses on their own domain (no two unrelated parties share a domain); farms and persons on a private
address at a common host (unique per person); maskinlag on the chair's private address (Telaris 60 %, Tripletex
40 %, else the lag's post@ address; the chair differs between the systems in 20 %). Present in Telaris 75 %,
Tripletex 80 %; when both are present the same address 65 %, else an invoice address (faktura@ domain) or the
other private address of the same person.

Phones: one number belongs to one party (a farm's landline serves the farm and the farmer: one party; a
municipality's switchboard serves its departments: one company). Persons and farms have a mobile, 40 % of farms
and forestry owners also a landline (61/62 in Innlandet, 72-74 in Trøndelag), businesses a landline or mobile and
the owner's mobile. Present in Telaris 88 %, Tripletex 65 %; when both, the same number 70 %, else the other of
the party's numbers.
Telaris types "912 34 567", "91234567", "+47 91234567" or "0047 91234567"; Tripletex "+47 91234567" or
"91 23 45 67".

Postal code and city: Telaris (the site) 85 %, Tripletex (the register's address) 97 %; moved in one system 7 %
of pairs (another place; never a municipality or a supplier abroad); Tripletex cities in capitals 40 % (from the
register), Telaris 5 %.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_meadow_vocab import (
    BACK_OFFICE,
    CONTRACTOR_TRADES,
    DEPARTMENTS,
    EMAIL_HOSTS,
    FARM_PREFIXES,
    FARM_STEMS,
    FARM_SUFFIXES,
    FEMALE_FIRST,
    FEMALE_TAIL,
    FOREIGN,
    GARDEN,
    MAKER_HEADS,
    MAKER_TAILS,
    MALE_FIRST,
    MALE_TAIL,
    PLACES,
    SURNAME_ENDINGS,
    SURNAMES,
    TRANSLIT,
)

ROW_KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")

GROUPS = [("farm", 38), ("private", 16), ("forestry", 6), ("contractor", 13), ("maskinlag", 3),
          ("municipal", 3), ("garden", 3), ("maker", 5), ("wholesaler", 4), ("fuel", 1), ("transport", 2),
          ("back_office", 6)]
PRESENCE = {"farm": (70, 22, 8), "private": (45, 45, 10), "forestry": (65, 25, 10), "contractor": (75, 15, 10),
            "maskinlag": (75, 15, 10), "municipal": (80, 10, 10), "garden": (70, 20, 10), "maker": (80, 10, 10),
            "wholesaler": (80, 10, 10), "fuel": (65, 10, 25), "transport": (65, 10, 25), "back_office": (15, 0, 85)}
SUPPLIERS = ("maker", "wholesaler", "fuel", "transport", "back_office")
ABBREVIATIONS = [("Nordre ", "Ndr. "), ("Søndre ", "Sdr. "), ("Øvre ", "Ø. "), ("Nedre ", "N. "), (" og ", " & "),
                 ("Transport", "Transp."), ("Maskinlag", "Mlag"), ("kommune", "k.")]


@dataclass
class Person:
    first: str
    middle: str
    last: str
    mobile: str
    emails: list[str]

    @property
    def full(self) -> str:
        return f"{self.first} {self.middle} {self.last}" if self.middle else f"{self.first} {self.last}"

    @property
    def short(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Party:
    group: str
    place: tuple[str, str, str, str]
    reg_name: str = ""  # the name in the register ("" when not registered)
    orgnr: str = ""
    owner: Person | None = None
    farm: str = ""
    display: str = ""  # a business's everyday name (without legal form)
    form: str = ""
    domain: str = ""
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    foreign: bool = False
    department: str = ""
    municipality: str = ""


def _surname_of(stem: str) -> str:
    """The surname a farm gives its people: Haug → Haugen, but Moen, Sletta and Bø stay as they are."""
    return stem + "en" if stem[-1] not in "aeiouyæøå" and not stem.endswith("en") else stem


def _weighted(pairs: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _slug(text: str) -> str:
    """ASCII letters and digits only, as domains and e-mail addresses are written (æøå spelled out, ô → o)."""
    text = unicodedata.normalize("NFKD", "".join(TRANSLIT.get(ch, ch) for ch in text.lower()))
    return "".join(ch for ch in text if ch.isascii() and ch.isalnum())


class World:
    """Draws people, names, phones and e-mails so that what must be unique in Norway is unique."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fresh_orgnr: Callable[[], str] = unique_orgnrs(rng)
        self.phones: set[str] = set()
        self.emails: set[str] = set()
        self.domains: set[str] = set()
        self.reg_names: set[str] = set()
        self.male, self.male_w = _weighted(MALE_FIRST)
        self.female, self.female_w = _weighted(FEMALE_FIRST)
        self.sur, self.sur_w = _weighted(SURNAMES)
        # a long tail of rarer farm surnames ("Nordby", "Sveen") as the inland valleys have
        # a long tail of rarer farm-derived surnames ("Haugrud", "Vangli") as the inland valleys have: the listed
        # names cover about a third of people, as the commonest ninety do in Norway
        bare = [s for s in FARM_STEMS if not s.endswith(("stad", "rud", "by", "li", "en", "a", "mo", "ø", "e", "s"))]
        tail = sorted({_surname_of(s) for s in FARM_STEMS}
                      | {s + end for s in bare for end in SURNAME_ENDINGS if not s.lower().endswith(end[:2] or "@")}
                      - set(self.sur))
        self.sur += tail
        self.sur_w += [2 * sum(self.sur_w) / len(tail)] * len(tail)
        for names, weights, extra in ((self.male, self.male_w, MALE_TAIL), (self.female, self.female_w, FEMALE_TAIL)):
            share = 0.8 * sum(weights) / len(extra)  # each rarer than the rarest listed, together 45 % of people
            names += extra
            weights += [min(share, 0.9)] * len(extra)
        self.hosts, self.host_w = _weighted(EMAIL_HOSTS)

    def phone(self, landline_area: str = "") -> str:
        while True:
            if landline_area:
                number = f"{landline_area}{self.rng.randrange(100000, 1000000)}"
            else:
                number = f"{self.rng.choice('49')}{self.rng.randrange(1000000, 10000000)}"
            if number not in self.phones:
                self.phones.add(number)
                return "+47" + number

    def private_email(self, first: str, last: str) -> str:
        host = self.rng.choices(self.hosts, self.host_w)[0]
        f, ln = _slug(first), _slug(last)
        for local in (f"{f}.{ln}", f"{f}{ln}", f"{f[0]}{ln}", f"{f}.{ln[0]}"):
            if f"{local}@{host}" not in self.emails:
                break
        while f"{local}@{host}" in self.emails:
            local = f"{f}{ln}{self.rng.randrange(1, 99)}"
        self.emails.add(f"{local}@{host}")
        return f"{local}@{host}"

    def person(self, surname: str = "") -> Person:
        male = self.rng.random() < 0.7  # the dealer's buyers are mostly men
        first = self.rng.choices(self.male if male else self.female, self.male_w if male else self.female_w)[0]
        middle = ""
        if self.rng.random() < 0.15:
            middle = self.rng.choices(self.male if male else self.female, self.male_w if male else self.female_w)[0]
            middle = "" if middle == first else middle
        last = surname or self.rng.choices(self.sur, self.sur_w)[0]
        emails = [self.private_email(first, last), self.private_email(first, last)]
        return Person(first, middle, last, self.phone(), emails)

    def domain(self, name: str) -> str:
        base = _slug(name.replace(" AS", "").replace(" SA", ""))[:30]
        domain, n = f"{base}.no", 1
        while domain in self.domains:
            n += 1
            domain = f"{base}{n}.no"
        self.domains.add(domain)
        return domain

    def register(self, candidates: list[str]) -> str:
        """The first candidate name that is free in the register (names there are unique)."""
        for name in candidates:
            if name.upper() not in self.reg_names:
                self.reg_names.add(name.upper())
                return name
        n = 2
        while f"{candidates[0]} {n}".upper() in self.reg_names:
            n += 1
        self.reg_names.add(f"{candidates[0]} {n}".upper())
        return f"{candidates[0]} {n}"


def _farm_name(rng: random.Random) -> tuple[str, str]:
    prefix = rng.choices(*_weighted(FARM_PREFIXES))[0]
    stem = rng.choice(FARM_STEMS)
    suffix = rng.choices(*_weighted(FARM_SUFFIXES))[0]
    return f"{prefix}{stem}{suffix}", stem


def _area(place: tuple[str, str, str, str], rng: random.Random) -> str:
    return rng.choice(["61", "62"]) if place[3] == "IN" else rng.choice(["72", "73", "74"])


def _farm_reg_name(world: World, farm: str, owner: Person, place: tuple[str, str, str, str], form: str) -> str:
    rng = world.rng
    if form in ("AS", "DA"):
        core = farm.removesuffix(" gård").removesuffix(" gard")
        kind = rng.choice(["Gård", "Gårdsdrift", "Samdrift", "Landbruk"])
        return world.register([f"{core} {kind} {form}", f"{core} {place[1]} {kind} {form}"])
    forms = [f"{owner.full}", f"{farm} {owner.full}", f"{owner.full} Landbruk", f"{owner.last} {owner.first}",
             f"{farm} Gårdsbruk {owner.short}"]
    start = rng.choices(range(len(forms)), [30, 25, 15, 15, 15])[0]
    return world.register(forms[start:] + forms[:start] + [f"{owner.full} {place[1]}"])


def _make_party(world: World, group: str, municipalities: list[str]) -> list[Party]:
    rng = world.rng
    place = rng.choice(PLACES)
    if group == "municipal":
        free = [p for p in PLACES if p[2] not in municipalities]
        place = rng.choice(free or PLACES)
        municipalities.append(place[2])
        orgnr = world.fresh_orgnr()
        domain = f"{_slug(place[2]).replace(' ', '-')}.kommune.no"
        world.register([f"{place[2]} kommune"])
        switchboard = world.phone(_area(place, rng))
        parts = []
        for dept in rng.sample(DEPARTMENTS, rng.choice([1, 2, 2, 3, 3, 4])):
            contact = world.person()
            email = f"{_slug(contact.first)}.{_slug(contact.last)}@{domain}"
            while email in world.emails:
                email = email.replace("@", f"{rng.randrange(2, 9)}@")
            world.emails.add(email)
            parts.append(Party(group, place, reg_name=f"{place[2]} kommune", orgnr=orgnr, domain=domain,
                               phones=[contact.mobile, switchboard], emails=[email, f"postmottak@{domain}"],
                               department=dept, municipality=place[2], owner=contact))
        return parts
    if group in ("farm", "private", "forestry"):
        farm, stem = _farm_name(rng)
        owner = world.person(_surname_of(stem) if group == "farm" and rng.random() < 0.25 else "")
        party = Party(group, place, owner=owner, farm=farm, phones=[owner.mobile], emails=list(owner.emails))
        if group != "private" and rng.random() < 0.4:
            party.phones.append(world.phone(_area(place, rng)))  # the farm's (or forest owner's) landline
        roll = rng.random()
        if group == "farm" and roll < 0.73:
            party.form = "ENK" if roll < 0.65 else rng.choice(["AS", "DA"])
            party.reg_name = _farm_reg_name(world, farm, owner, place, party.form)
        elif group == "forestry" and roll < 0.6:
            party.form = "ENK"
            party.reg_name = world.register([f"{owner.full} Skogsdrift", f"{farm} Skog {owner.full}",
                                             f"{owner.full} Skog og Ved"])
        if party.reg_name:
            party.orgnr = world.fresh_orgnr()
        return [party]
    if group == "maskinlag":
        display = world.register([f"{place[1]} {kind}" for kind in ("Maskinlag", "Maskinring", "Maskinsamlag")]
                                 + [f"{place[1]} {rng.choice(FARM_STEMS)} Maskinlag"])
        chair = world.person()
        party = Party(group, place, reg_name=f"{display} SA", display=display, form="SA", orgnr=world.fresh_orgnr(),
                      owner=chair, phones=[chair.mobile])
        party.domain = world.domain(display) if rng.random() < 0.4 else ""
        other_chair = world.person()
        party.emails = [chair.emails[0], other_chair.emails[0]] + ([f"post@{party.domain}"] if party.domain else [])
        return [party]
    # businesses
    form = "AS"
    owner = world.person()
    if group == "contractor":
        trade = rng.choice(CONTRACTOR_TRADES)
        if rng.random() < 0.3:
            form, display = "ENK", world.register([f"{owner.short} {trade}", f"{owner.full} {trade} {place[1]}"])
        else:
            display = world.register([f"{owner.last} {trade}", f"{place[1]} {trade}", f"{owner.last} & Sønn {trade}",
                                      f"{owner.last} {trade} {place[1]}"])
    elif group == "garden":
        kind = rng.choice(GARDEN)
        display = world.register([f"{place[1]} {kind}", f"{owner.last} {kind}", f"{kind} {place[1]}",
                                  f"{owner.last} {kind} {place[1]}"])
    elif group in ("maker", "wholesaler"):
        word = rng.choice(MAKER_HEADS) + rng.choice(MAKER_TAILS)
        tail = {"maker": rng.choice(["", "", " Norge", " Nordic", " Import"]),
                "wholesaler": rng.choice([" Deler", " Reservedeler", " Engros", " Parts"])}[group]
        display = world.register([f"{word}{tail}", f"{word} {rng.choice(MAKER_HEADS)}{tail}",
                                  f"{word}{rng.choice(MAKER_TAILS)}{tail}"])
    elif group == "fuel":
        display = world.register([f"{place[1]} Drivstoff", f"{owner.last} Energi", f"{place[1]} Energi og Fyring"])
    elif group == "transport":
        display = world.register([f"{owner.last} Transport", f"{place[1]} Transport",
                                  f"{owner.last} Transport {place[1]}"])
    else:
        kind = rng.choice(BACK_OFFICE)
        display = world.register([f"{owner.last} {kind}", f"{place[1]} {kind}", f"{kind} {place[1]}",
                                  f"{owner.last} {kind} {place[1]}"])
    party = Party(group, place, display=display, form=form, owner=owner)
    if group == "maker" and rng.random() < 0.25:  # abroad: a VAT id, foreign phone and address
        country, prefix, legal, towns = rng.choice(FOREIGN)
        code, town = rng.choice(towns)
        party.foreign, party.form = True, legal
        party.place = (code, town, town, country)
        party.orgnr = f"{country}{rng.randrange(10**8, 10**9)}"
        party.phones = [f"{prefix}{rng.randrange(10**8, 10**9)}"]
        party.domain = world.domain(display).removesuffix(".no") + "." + country.lower()
    else:
        party.orgnr = world.fresh_orgnr()
        party.phones = [world.phone(_area(place, rng) if rng.random() < 0.5 else ""), owner.mobile]
        party.domain = world.domain(display)
    party.reg_name = display if form == "ENK" else f"{display} {party.form}"
    party.emails = [f"post@{party.domain}", f"faktura@{party.domain}", f"{_slug(owner.first)}@{party.domain}"]
    return [party]


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 6:
        return text
    i = rng.randrange(1, len(text) - 2)
    return text[:i] + text[i + 1] + text[i] + text[i + 2:] if rng.random() < 0.5 else text[:i] + text[i + 1:]


def _person_name(rng: random.Random, person: Person) -> str:
    return person.full if person.middle and rng.random() < 0.5 else person.short


def _telaris_name(rng: random.Random, party: Party, owner: Person | None) -> str:
    if party.department:
        sep = rng.choice([", ", " - ", " v/", " "])
        name = f"{party.municipality} kommune{sep}{party.department}"
    elif party.group in ("farm", "forestry"):
        assert owner is not None
        who = _person_name(rng, owner)
        forms = [party.farm, who, f"{party.farm} v/{who}", f"{party.farm}, {party.place[1]}",
                 f"{owner.last}, {owner.first}", f"{who} ({party.farm})"]
        name = rng.choices(forms, [35, 30, 15, 10, 5, 5])[0]
        if party.group == "forestry" and party.reg_name and rng.random() < 0.5:
            name = party.reg_name
    elif party.group == "private":
        assert owner is not None
        name = _person_name(rng, owner) if rng.random() < 0.9 else f"{owner.last} {owner.first}"
    else:
        name = party.display if rng.random() < 0.5 or party.form == "ENK" else party.reg_name
    applicable = [(a, b) for a, b in ABBREVIATIONS if a in name]
    if applicable and rng.random() < 0.12:
        name = name.replace(*rng.choice(applicable))
    if rng.random() < 0.06:
        name = _typo(rng, name)
    return name


def _tripletex_name(rng: random.Random, party: Party, owner: Person | None) -> str:
    if party.department:
        roll = rng.random()
        if roll < 0.4:
            return f"{party.municipality} kommune".upper()
        return f"{party.municipality} kommune" if roll < 0.6 else f"{party.municipality} kommune, {party.department}"
    if party.reg_name:
        return party.reg_name.upper() if rng.random() < 0.35 else party.reg_name
    assert owner is not None
    if party.group == "farm" and rng.random() < 0.3:
        return party.farm
    return _person_name(rng, owner)


def _orgnr_telaris(rng: random.Random, orgnr: str) -> str:
    if orgnr[:2].isalpha():
        return orgnr
    roll = rng.random()
    if roll < 0.6:
        return orgnr
    return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}" if roll < 0.9 else f"NO{orgnr}MVA"


def _phone_telaris(rng: random.Random, phone: str) -> str:
    if not phone.startswith("+47"):
        return phone
    d = phone[3:]
    return rng.choice([f"{d[:3]} {d[3:5]} {d[5:]}", d, f"+47 {d}", f"0047 {d}"])


def _phone_tripletex(rng: random.Random, phone: str) -> str:
    if not phone.startswith("+47"):
        return phone
    d = phone[3:]
    return f"+47 {d}" if rng.random() < 0.7 else f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}"


def _rows(rng: random.Random, party: Party, owner: Person | None, both: bool) -> tuple[dict, dict]:
    """The party as Telaris and as Tripletex hold it (either may then be left out)."""
    supplier = party.group in SUPPLIERS
    t = {"name": _telaris_name(rng, party, owner), "organisation_number": "", "email": "", "phone": "",
         "postal_code": "", "city": ""}
    x = {"name": _tripletex_name(rng, party, owner), "organisation_number": "", "email": "", "phone": "",
         "postal_code": "", "city": ""}
    if party.orgnr:
        if rng.random() < (0.3 if party.foreign else 0.7 if supplier else 0.4):
            t["organisation_number"] = _orgnr_telaris(rng, party.orgnr)
        if rng.random() < (0.7 if party.foreign else 0.88):
            x["organisation_number"] = party.orgnr
    emails = party.emails
    if party.group == "maskinlag":  # the chair's private address, or the lag's own; the chair may have changed
        chair, other = emails[0], emails[1]
        lag = emails[2] if len(emails) > 2 else chair
        t_mail = chair if rng.random() < 0.6 else lag
        x_chair = other if rng.random() < 0.2 else chair
        x_mail = x_chair if rng.random() < 0.4 else lag
    else:
        t_mail = emails[0] if party.department or rng.random() < 0.8 else emails[-1]
        x_mail = t_mail if rng.random() < 0.65 else rng.choice([e for e in emails if e != t_mail])
    if rng.random() < 0.75:
        t["email"] = t_mail
    if rng.random() < 0.8:
        x["email"] = x_mail
    phones = party.phones
    t_phone = phones[0] if rng.random() < 0.8 else phones[-1]
    x_phone = t_phone if rng.random() < 0.7 or len(phones) == 1 else rng.choice([p for p in phones if p != t_phone])
    if rng.random() < 0.88:
        t["phone"] = _phone_telaris(rng, t_phone)
    if rng.random() < 0.65:
        x["phone"] = _phone_tripletex(rng, x_phone)
    code, city = party.place[0], party.place[1]
    x_code, x_city = code, city
    if both and not party.foreign and not party.department and rng.random() < 0.07:
        x_code, x_city = rng.choice([p for p in PLACES if p[0] != code])[:2]  # moved, one system knows
    if rng.random() < 0.85:
        t["postal_code"], t["city"] = code, city.upper() if rng.random() < 0.05 else city
    if rng.random() < 0.97:
        x["postal_code"], x["city"] = x_code, x_city.upper() if rng.random() < 0.4 else x_city
    return t, x


def generate(companies: int, seed: int = 1013) -> TwinData:
    """`companies` parties of the dealer, each in Telaris, Tripletex or both, with the truth between them."""
    rng = random.Random(seed)
    world = World(rng)
    groups, weights = _weighted(GROUPS)
    municipalities: list[str] = []
    telaris: list[dict] = []  # rows with private keys: _party, _supplier, _private
    tripletex: list[dict] = []
    count = 0
    while count < companies:
        group = rng.choices(groups, weights)[0]
        if group == "municipal" and len(municipalities) >= len({p[2] for p in PLACES}):
            continue
        for party in _make_party(world, group, municipalities):
            if count >= companies:
                break
            key = count
            count += 1
            both, t_only, _ = PRESENCE[group]
            roll = rng.random() * 100
            side = "both" if roll < both else "telaris" if roll < both + t_only else "tripletex"
            owner = party.owner
            extra_x: list[dict] = []
            if group == "farm" and side == "both" and rng.random() < 0.08:  # the next generation takes over
                old = owner
                assert old is not None
                heir = world.person(old.last if rng.random() < 0.75 else "")
                if party.form == "ENK":
                    if rng.random() < 0.3:
                        old_t, old_x = _rows(rng, party, old, False)
                        extra_x.append({**old_x, "_party": -1 - key, "_kind": "old_owner"})
                    party.reg_name = _farm_reg_name(world, party.farm, heir, party.place, "ENK")
                    party.orgnr = world.fresh_orgnr()
                party.owner = heir
                party.phones = [heir.mobile] + party.phones[1:]
                party.emails = list(heir.emails)
                t_row, x_row = _rows(rng, party, old if rng.random() < 0.6 else heir, True)
                _, x_row = _rows(rng, party, heir, True)
                if party.form == "ENK" and t_row["organisation_number"] and rng.random() < 0.5:
                    t_row["organisation_number"] = ""
                x_row["_kind"] = t_row["_kind"] = "takeover"
            else:
                t_row, x_row = _rows(rng, party, owner, side == "both")
                x_row["_kind"] = t_row["_kind"] = party.group
            meta = {"_party": key, "_supplier": group in SUPPLIERS, "_private": group == "private"}
            if side != "tripletex":
                telaris.append({**t_row, **meta})
                if rng.random() < 0.04:  # a second card for the same party
                    again, _ = _rows(rng, party, party.owner, False)
                    telaris.append({**again, **meta, "_kind": "duplicate"})
            if side != "telaris":
                tripletex.append({**x_row, **meta})
                if rng.random() < 0.02:
                    _, again = _rows(rng, party, party.owner, False)
                    tripletex.append({**again, **meta, "_kind": "duplicate"})
            for row in extra_x:
                tripletex.append({**row, "_supplier": False, "_private": False})
    return _deal_ids(rng, telaris, tripletex)


def _deal_ids(rng: random.Random, telaris: list[dict], tripletex: list[dict]) -> TwinData:
    """Creation order is a shuffle of the draw; a duplicate is always created after its original."""
    rng.shuffle(telaris)
    rng.shuffle(tripletex)
    for rows in (telaris, tripletex):  # the original comes first: swap a duplicate before its original
        first: dict[int, int] = {}
        for i, row in enumerate(rows):
            if row["_party"] in first and row["_kind"] != "duplicate":
                j = first[row["_party"]]
                rows[i], rows[j] = rows[j], rows[i]
            first.setdefault(row["_party"], i)
    data = TwinData()
    original_t: dict[int, dict] = {}
    next_customer, next_supplier = 10001, 50001
    for n, row in enumerate(telaris, start=1):
        row["record_id"] = f"g_{n:06d}"
        if row["_supplier"]:
            row["number"], next_supplier = str(next_supplier), next_supplier + 1
        elif row["_private"] and rng.random() < 0.05:
            row["number"] = ""
        else:
            row["number"], next_customer = str(next_customer), next_customer + 1
        original_t.setdefault(row["_party"], row)
    used = {row["number"] for row in telaris}
    own = {False: 30001, True: 70001}
    tripletex_id = rng.randrange(10_000_000, 20_000_000)
    seen: set[int] = set()
    for row in tripletex:
        tripletex_id += rng.randrange(1, 400)
        row["record_id"] = str(tripletex_id)
        party = row["_party"]
        twin = original_t.get(party) if party not in seen and row["_kind"] != "duplicate" else None
        exported = twin is not None and twin["number"] and rng.random() < (0.5 if row["_supplier"] else 0.7)
        if exported and twin is not None:
            row["number"] = twin["number"]
        else:
            while str(own[row["_supplier"]]) in used:
                own[row["_supplier"]] += 1
            row["number"] = str(own[row["_supplier"]])
            used.add(row["number"])
        if twin is not None:
            data.truth.add((twin["record_id"], tripletex_id))
            seen.add(party)
    data.telaris = [{k: row[k] for k in ROW_KEYS} for row in telaris]
    data.tripletex = [{k: row[k] for k in ROW_KEYS} for row in tripletex]
    return data
