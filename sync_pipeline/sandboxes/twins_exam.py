"""The exam: twin data for the final measurement of the initial linking (issue 17). Held out: no threshold or rule
of the linking is chosen on it. It was written without reading the matcher, its tests, its benchmark or the other
twin generators (only `TwinData` from `twins.py` is shared), and nobody ran the linking on it while writing it.

What it draws on is how one Norwegian company comes to be held three times:

- Enhetsregisteret (Brønnøysund) holds the company once: a name in the register's spelling with its legal form
  (an AS must have a nationally unique name; a sole proprietorship (ENK) has no name protection and must only carry
  the owner's surname, so "Hansen Elektro" exists in many towns), a business address and a postal address that is
  often a post box in the same town, and a nine-digit organisation number with a mod-11 check digit.
- Tripletex is often filled from the register by a look-up: the register's name (sometimes still in its upper case),
  the postal address, the number (on invoices written "NO 912 345 678 MVA"), a switchboard, and an invoice address
  (faktura@, post@, or an accountant's mailbox shared by many clients). Suppliers live here too, never in Telaris.
- Telaris is typed by dispatchers and technicians: the name as said on the phone (legal form dropped or abbreviated,
  "&" for "og", æøå lost on a foreign keyboard, typos), the site or visiting address, the contact's mobile and e-mail,
  and the organisation number only when someone asked for it. Customer numbers are copied from Tripletex in some
  companies, Telaris's own in others, and one copied number in a hundred has a digit wrong.

Between the two copies of a company the data shows what real pairs show: the number on one side only (about a
quarter of pairs), moved offices (one side still has the old address), different phones and e-mail addresses of the
same company, empty fields. Around them sit the hard negatives real customer lists hold: namesakes (ENKs in other
towns and the same town, near-identical AS names), companies of one group sharing a stem, a switchboard, a domain
and an address, a chain's shops in different towns, a municipality's units, housing co-operatives run by one manager
who receives their mail, and successors (an ENK turned AS, a "Nye …" after a bankruptcy) at the old one's address.

Deterministic by seed. Telaris ids are "e_" and six digits, Tripletex ids strings of integers; rows are shuffled so
their order says nothing. Empty fields are None in Telaris and "" in Tripletex, as the two APIs return them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_exam_vocab import (
    ACCOUNTANTS,
    AREAS,
    ASSOCIATIONS,
    BRANDS,
    COOPS,
    FIRST_NAMES,
    FOREIGN_SUFFIX,
    FOREIGN_WORDS,
    FREEMAIL,
    MANAGERS,
    ROLE_MAILBOXES,
    STREETS,
    SURNAMES,
    TOWNS,
    TRADES,
    TYPED_TOWN,
)

# legal forms written in the name, and how people write them
FORM_VARIANTS = {"AS": ["AS", "AS", "AS", "A/S", "As", "A.S.", "as"], "ASA": ["ASA", "ASA", "asa"],
                 "ANS": ["ANS", "ANS", "ans"], "DA": ["DA", "DA", "D.A."], "SA": ["SA", "SA", "S.A."],
                 "NUF": ["NUF", "NUF", "nuf"]}
TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
TRANSLIT_DOUBLE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
KEYBOARD_NEIGHBOURS = {"a": "s", "s": "d", "e": "r", "r": "t", "n": "m", "m": "n", "o": "p", "i": "o", "l": "k",
                       "k": "l", "t": "r", "g": "h", "h": "g", "d": "f", "b": "v", "v": "b", "u": "y", "ø": "æ"}


@dataclass
class _Company:
    name: str                      # the register's name, normal case, legal form included where it is part of it
    form: str                      # AS, ASA, ANS, DA, SA, NUF, ENK, BRL, KOMM, FLI
    orgnr: str
    town: tuple[str, str]          # (postal code, poststed) of the business address
    post: tuple[str, str]          # of the postal address
    switchboard: str | None
    mobile: str
    domain: str | None
    contact: str
    sides: str = "both"            # both, telaris, tripletex
    invoice_email: str | None = None  # a shared mailbox (accountant, manager) when the company has one
    main_email: str = ""           # the address on its website and letters
    person_email: str = ""         # the contact's own
    old_town: tuple[str, str] | None = None  # where it was before it moved


class _Exam:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.orgnr = unique_orgnrs(random.Random(seed * 7919 + 1))
        self.companies: list[_Company] = []
        self.town_weights = [w for _, w, *_ in TOWNS]
        self.used_domains: set[str] = set()
        self.protected: set[str] = set()  # names the register already holds

    # --- the company as the register holds it -------------------------------------------------------------------
    def town(self, avoid: str | None = None) -> tuple[str, int, list[str], list[str], list[str]]:
        while True:
            town = self.rng.choices(TOWNS, self.town_weights)[0]
            if town[0] != avoid:
                return town

    def address(self, town: tuple | None = None) -> tuple[tuple[str, str], tuple[str, str], str]:
        """Business address, postal address (a box in the same town for a fifth), and the town's phone prefix."""
        city, _, prefixes, streets, boxes = town or self.town()
        street = (self.rng.choice(streets), city)
        post = (self.rng.choice(boxes), city) if boxes and self.rng.random() < 0.2 else street
        return street, post, self.rng.choice(prefixes)

    def landline(self, prefix: str) -> str:
        return prefix + "".join(self.rng.choice("0123456789") for _ in range(8 - len(prefix)))

    def mobile(self) -> str:
        return self.rng.choice(["4", "9"]) + self.rng.choice("0156789") + "".join(
            self.rng.choice("0123456789") for _ in range(6))

    def domain(self, name: str) -> str:
        words = [w for w in name.lower().translate(TRANSLIT).replace("&", " ").split() if w.isalnum()]
        words = [w for w in words if w not in {"as", "asa", "ans", "da", "sa", "nuf", "og"}] or ["firma"]
        base = self.rng.choice(["".join(words), "-".join(words), words[0] + (words[-1][:3] if len(words) > 1 else "")])
        candidate, n = base, 1
        while f"{candidate}.no" in self.used_domains:
            n += 1
            candidate = f"{base}{n}"
        self.used_domains.add(f"{candidate}.no")
        return f"{candidate}.no"

    def draw_name(self) -> tuple[str, str]:
        """A register name and its legal form, at roughly the mix of a field-service customer list."""
        rng = self.rng
        form = rng.choices(["AS", "ENK", "ANS", "DA", "SA", "ASA", "NUF", "BRL", "FLI"],
                           [58, 22, 3, 1, 2, 0.5, 3, 5, 3])[0]  # municipalities come from municipality_units
        surname, first, trade = rng.choice(SURNAMES), rng.choice(FIRST_NAMES), rng.choice(TRADES)[0]
        if form == "ENK":  # must carry the owner's surname; nothing protects it from a namesake
            master = rng.choice(["Rørleggermester", "Malermester", "Snekkermester", "Elektrikermester"])
            name = rng.choices([f"{surname} {trade}", f"{first} {surname} {trade}", f"{trade} {first} {surname}",
                                f"{master} {surname}", f"{first} {surname}"], [12, 40, 23, 5, 20])[0]
        elif form == "NUF":
            suffix = rng.choice(FOREIGN_SUFFIX)[0]
            name = f"{rng.choice(FOREIGN_WORDS)} {rng.choice(['Construction', 'Bygg', 'Service', 'Montage'])} " \
                   f"{suffix} NUF"
        elif form == "BRL":
            name = rng.choice([f"{rng.choice(STREETS)} {rng.randint(1, 120)} Borettslag",
                               f"Sameiet {rng.choice(STREETS)} {rng.randint(1, 120)}",
                               f"{rng.choice(AREAS)} Borettslag"])
        elif form == "FLI":
            name = f"{rng.choice(AREAS)} {rng.choice(ASSOCIATIONS)}"
        elif form == "SA":
            name = f"{rng.choice(AREAS)} {rng.choice(COOPS)} SA"
        else:
            stem = rng.choices([surname, f"{first[0]}. {surname}", rng.choice(AREAS), rng.choice(BRANDS),
                                f"Brødrene {surname}", f"{surname} & Sønn", f"{first[0]}{surname[0]}",
                                f"{surname} og {rng.choice(SURNAMES)}"], [12, 8, 30, 30, 4, 4, 6, 6])[0]
            if stem.endswith("Sønn") or " og " in stem or stem.startswith("Brødrene"):
                name = f"{stem} {form}" if rng.random() < 0.6 else f"{stem} {trade} {form}"
            else:
                name = f"{stem} {trade} {form}"
        return name, form

    def add(self, name: str, form: str, place: tuple | None = None, **kwargs) -> _Company | None:
        """A company, or None when the register would refuse its name: names of companies in Foretaksregisteret
        are protected nationwide; a sole proprietorship's or a section's are not."""
        if form != "ENK" and not name.startswith("Sameiet"):
            key = name.removesuffix(f" {form}").casefold()  # "X AS" protects "X DA" too: the form tells nothing apart
            if key in self.protected:
                return None
            self.protected.add(key)
        street, post, prefix = self.address(place)
        contact = self.rng.choice(FIRST_NAMES)
        small = form in {"ENK", "ANS", "DA", "BRL"}
        company = _Company(
            name=name, form=form, orgnr=self.orgnr(), town=street, post=post,
            switchboard=None if small and self.rng.random() < 0.7 else self.landline(prefix),
            mobile=self.mobile(), domain=None if small and self.rng.random() < 0.55 else self.domain(name),
            contact=contact)
        if form == "NUF" and self.rng.random() < 0.5:  # the branch of a foreign company: a phone from home
            code = next(code for suffix, code in FOREIGN_SUFFIX if f" {suffix} " in name)
            company.mobile = f"{code} {self.rng.randint(600, 799)} {self.rng.randint(100, 999)} " \
                             f"{self.rng.randint(100, 999)}"
        for key, value in kwargs.items():
            setattr(company, key, value)
        self.companies.append(company)
        return company

    # --- the hard negatives around a company --------------------------------------------------------------------
    def namesake(self, base: _Company) -> None:
        """Another company of (nearly) the same name: an ENK anywhere, or an AS told apart by a word."""
        same_town = self.rng.random() < 0.3
        place = next(t for t in TOWNS if t[0] == base.town[1]) if same_town else self.town(avoid=base.town[1])
        if base.form == "ENK":
            name = base.name
        else:
            bare = base.name.removesuffix(f" {base.form}")
            name = self.rng.choice([f"{bare} {place[0].split()[0]}", f"{bare} Service", f"{bare} Norge",
                                    f"{bare} Vest", f"{bare} og Sønn"]) + f" {base.form}"
        form = base.form if base.form != "ENK" or self.rng.random() < 0.8 else "AS"
        self.add(name if form == base.form else f"{name} AS", form, place, sides=self.sides())

    def group(self, base: _Company) -> None:
        """Sister companies: one stem, one switchboard, one domain, one address; each its own organisation number."""
        stem = base.name.removesuffix(f" {base.form}").split()[0]
        for trade in self.rng.sample(["Holding", "Eiendom", "Service", "Drift", "Invest", "Prosjekt", "Utleie"],
                                     self.rng.randint(1, 3)):
            self.add(f"{stem} {trade} AS", "AS", sides=self.sides(), domain=base.domain,
                     switchboard=base.switchboard, town=base.town, post=base.post)

    def chain(self) -> None:
        """One brand's shops or franchisees in different towns, each a company of its own."""
        brand, trade = self.rng.choice(BRANDS), self.rng.choice(TRADES)[0]
        domain = self.domain(f"{brand}{trade}")
        for city in self.rng.sample([t[0] for t in TOWNS[:30]], self.rng.randint(2, 5)):
            place = next(t for t in TOWNS if t[0] == city)
            self.add(f"{brand} {trade} {city.split()[0]} AS", "AS", place, sides=self.sides(),
                     domain=domain if self.rng.random() < 0.5 else self.domain(f"{brand} {trade} {city}"))

    def municipality_units(self) -> None:
        """A municipality and its units (underenheter): one domain, one switchboard, a number each."""
        place = self.town()
        city = place[0].removesuffix(" S").removesuffix(" N")
        domain = f"{city.lower().translate(TRANSLIT)}.kommune.no"
        switchboard = self.landline(self.rng.choice(place[2]))
        for unit in ["", *self.rng.sample(["Bygg og eiendom", "Vann og avløp", "Helse og omsorg", "Skole",
                                           "Barnehage", "Teknisk drift", "Brann og redning"], self.rng.randint(1, 4))]:
            self.add(f"{city} kommune {unit}".strip(), "KOMM", place, sides=self.sides(), domain=domain,
                     switchboard=switchboard)

    def managed_housing(self) -> None:
        """Housing co-operatives and sections run by one manager, who answers their phone and receives their mail."""
        place = self.town()
        manager = f"{self.rng.choice(AREAS)} {self.rng.choice(MANAGERS)}"
        domain = self.domain(manager)
        switchboard = self.landline(self.rng.choice(place[2]))
        street = self.rng.choice(STREETS)
        for number in self.rng.sample(range(1, 40), self.rng.randint(2, 6)):
            name = f"{street} {number} Borettslag" if self.rng.random() < 0.5 else f"Sameiet {street} {number}"
            self.add(name, "BRL", place, sides=self.sides(), domain=None, switchboard=switchboard,
                     invoice_email=f"{self.rng.choice(['faktura', 'post', 'regnskap'])}@{domain}")

    def successor(self, base: _Company) -> None:
        """The business carried on by a new company at the same address and phone: an ENK turned AS, or a
        'Nye …' after a bankruptcy. The old one stays in Tripletex for its invoices, often without a Telaris twin."""
        bare = base.name.removesuffix(f" {base.form}")
        name = f"{bare} AS" if base.form == "ENK" else f"Nye {bare} {base.form}"
        new = self.add(name, "AS" if base.form == "ENK" else base.form, sides="both", town=base.town,
                       post=base.post, switchboard=base.switchboard, mobile=base.mobile, domain=base.domain,
                       contact=base.contact)
        if new is None:
            return
        base.sides = "tripletex" if self.rng.random() < 0.7 else "both"

    def sides(self) -> str:
        return self.rng.choices(["both", "telaris", "tripletex"], [74, 12, 14])[0]

    def draw(self, companies: int) -> None:
        accountants = [f"{self.rng.choice(['post', 'faktura', 'bilag'])}@{self.domain(f'{a} {acc}')}"
                       for a, acc in zip(self.rng.sample(AREAS, 12), self.rng.choices(ACCOUNTANTS, k=12), strict=True)]
        while len(self.companies) < companies:
            roll = self.rng.random()
            if roll < 0.006:
                self.chain()
                continue
            if roll < 0.009:
                self.municipality_units()
                continue
            if roll < 0.016:
                self.managed_housing()
                continue
            name, form = self.draw_name()
            base = self.add(name, form, sides=self.sides())
            if base is None:
                continue
            if form not in {"BRL", "KOMM", "FLI"} and self.rng.random() < 0.05:
                base.invoice_email = self.rng.choice(accountants)  # the accountant receives the invoices
            if self.rng.random() < 0.06:
                base.old_town = base.town
                base.town = base.post = self.address(self.town() if self.rng.random() < 0.3 else
                                                     next(t for t in TOWNS if t[0] == base.town[1]))[0]
            hard = self.rng.random()
            if hard < 0.035:
                self.namesake(base)
            elif hard < 0.055 and form in {"AS", "ASA"}:
                self.group(base)
            elif hard < 0.07 and form in {"ENK", "AS"}:
                self.successor(base)
        del self.companies[companies:]
        for company in self.companies:
            company.person_email = _person_email(self.rng, company)
            company.main_email = f"{self.rng.choice(['post', 'firmapost', 'kontor', 'mail'])}@{company.domain}" \
                if company.domain else company.person_email


# --- how each system's users write a company ----------------------------------------------------------------------
def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 6:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]  # two letters swapped
    if kind < 0.55:
        return text[:i] + text[i + 1:]  # a letter left out
    if kind < 0.75:
        return text[:i] + text[i] + text[i:]  # a letter doubled
    near = KEYBOARD_NEIGHBOURS.get(text[i].lower())
    return text[:i] + near + text[i + 1:] if near else text[:i] + text[i + 1:]


def _spoken_name(rng: random.Random, company: _Company, typo_rate: float) -> str:
    """The name as a dispatcher types it from a phone call or a work order."""
    name = company.name
    in_name = company.form in FORM_VARIANTS and name.endswith(f" {company.form}")
    bare = name.removesuffix(f" {company.form}") if in_name else name
    roll = rng.random()
    if in_name:
        if roll < 0.45:
            name = bare
        elif roll < 0.5:
            name = f"{rng.choice(FORM_VARIANTS[company.form])} {bare}"
        else:
            name = f"{bare} {rng.choice(FORM_VARIANTS[company.form])}"
    elif company.form == "ENK" and roll < 0.12:
        name = f"{name} {rng.choice(['ENK', 'Enk', 'enk.'])}"
    if rng.random() < 0.25:
        name = name.replace(" & ", " og ") if " & " in name else name.replace(" og ", " & ")
    if rng.random() < 0.15:
        name = name.replace("Brødrene", rng.choice(["Brdr.", "Br."]))
    if rng.random() < 0.1:
        name = name.translate(rng.choice([TRANSLIT, TRANSLIT_DOUBLE]))
    if rng.random() < 0.08:
        for long, short in TRADES:
            if long != short and f" {long}" in name:
                name = name.replace(f" {long}", f" {short}")
                break
    if rng.random() < 0.06:
        name = name.lower()
    if rng.random() < typo_rate:
        name = _typo(rng, name)
    if rng.random() < 0.03:
        name = f" {name}  " if rng.random() < 0.5 else name.replace(" ", "  ", 1)
    return name


def _orgnr_written(rng: random.Random, orgnr: str, side: str) -> str:
    roll = rng.random()
    if side == "tripletex" and roll < 0.12:
        return f"NO {orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} MVA" if rng.random() < 0.5 else f"NO{orgnr}MVA"
    if roll < 0.25:
        return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"
    return orgnr


def _phone_written(rng: random.Random, number: str) -> str:
    if number.startswith("+"):
        return number
    roll = rng.random()
    if roll < 0.35:
        return number
    if roll < 0.55:
        return f"{number[:2]} {number[2:4]} {number[4:6]} {number[6:]}" if number[0] not in "49" else \
            f"{number[:3]} {number[3:5]} {number[5:]}"
    if roll < 0.8:
        return f"+47 {number}" if rng.random() < 0.5 else f"+47{number}"
    return f"0047 {number}" if rng.random() < 0.3 else f"+47 {number[:3]} {number[3:5]} {number[5:]}"


def _city_typed(rng: random.Random, city: str) -> str:
    if rng.random() < 0.12:
        city = TYPED_TOWN.get(city, city)
    roll = rng.random()
    if roll < 0.06:
        return city.lower()
    if roll < 0.1:
        return city.upper()
    if roll < 0.14:
        return city.translate(TRANSLIT)
    return city


def _person_email(rng: random.Random, company: _Company) -> str:
    first = company.contact.lower().translate(TRANSLIT)
    if company.domain:
        return f"{first}@{company.domain}" if rng.random() < 0.6 else \
            f"{first}.{company.name.split()[0].lower().translate(TRANSLIT)}@{company.domain}"
    surname = next((w for w in company.name.split() if w in SURNAMES), "firma").lower().translate(TRANSLIT)
    return f"{first}{rng.choice(['', '.', '_'])}{surname}{rng.choice(['', str(rng.randint(1, 99))])}" \
           f"@{rng.choice(FREEMAIL)}"


def _telaris_row(rng: random.Random, company: _Company, number: str | None) -> dict:
    has_orgnr = rng.random() < (0.65 if company.form in {"ENK", "BRL", "FLI"} else 0.84)
    email_roll = rng.random()
    colleague = f"{rng.choice(FIRST_NAMES).lower().translate(TRANSLIT)}@{company.domain}" if company.domain else None
    email = company.person_email if email_roll < 0.35 else (
        company.main_email if email_roll < 0.6 else (colleague if email_roll < 0.75 else None))
    phone_roll = rng.random()
    phone = company.mobile if phone_roll < 0.5 else (company.switchboard if phone_roll < 0.8 else None)
    place = company.old_town if company.old_town and rng.random() < 0.5 else company.town
    if rng.random() < 0.07:
        place = (rng.choice(rng.choice(TOWNS[:20])[3]), "")  # the site worked on, typed without a city
    empty_address = rng.random() < 0.08
    return {
        "name": _spoken_name(rng, company, typo_rate=0.08),
        "number": number,
        "organisation_number": _orgnr_written(rng, company.orgnr, "telaris") if has_orgnr else None,
        "email": email,
        "phone": _phone_written(rng, phone) if phone else None,
        "postal_code": None if empty_address else place[0],
        "city": None if empty_address or not place[1] else _city_typed(rng, place[1]),
    }


def _tripletex_row(rng: random.Random, company: _Company, number: int) -> dict:
    has_orgnr = rng.random() < (0.84 if company.form in {"ENK", "BRL", "FLI"} else 0.95)
    roll = rng.random()
    if roll < 0.35:
        name = company.name.upper()  # as the register look-up filled it
    elif roll < 0.85:
        name = company.name
    else:
        name = _spoken_name(rng, company, typo_rate=0.04)
    if company.invoice_email:
        email = company.invoice_email
    else:
        email_roll = rng.random()
        invoices = f"{rng.choice(ROLE_MAILBOXES)}@{company.domain}" if company.domain else company.main_email
        email = company.main_email if email_roll < 0.4 else (
            invoices if email_roll < 0.6 else (company.person_email if email_roll < 0.75 else ""))
    phone_roll = rng.random()
    phone = (company.switchboard or company.mobile) if phone_roll < 0.6 else (
        company.mobile if phone_roll < 0.75 else "")
    place = company.old_town if company.old_town and rng.random() < 0.5 else company.post
    empty_address = rng.random() < 0.05
    return {
        "name": name,
        "number": str(number),
        "organisation_number": _orgnr_written(rng, company.orgnr, "tripletex") if has_orgnr else "",
        "email": email,
        "phone": _phone_written(rng, phone) if phone else "",
        "postal_code": "" if empty_address else place[0],
        "city": "" if empty_address else (place[1].upper() if rng.random() < 0.3 else place[1]),
    }


def generate(companies: int, seed: int = 20261127) -> TwinData:
    """`companies` distinct companies, each written into Telaris, Tripletex or both; the truth pairs those in both."""
    exam = _Exam(seed)
    exam.draw(companies)
    rng = exam.rng
    order = list(range(len(exam.companies)))
    rng.shuffle(order)
    tripletex_numbers = {i: 10001 + n for n, i in enumerate(order)}  # customerNumber as Tripletex assigns them
    telaris_ids = rng.sample(range(1, 10 * len(order) + 100), len(order))
    tripletex_ids = rng.sample(range(700001, 700001 + 10 * len(order) + 100), len(order))
    data = TwinData()
    own_number = 100
    for slot, i in enumerate(order):
        company = exam.companies[i]
        telaris_id, tripletex_id = f"e_{telaris_ids[slot]:06d}", tripletex_ids[slot]
        if company.sides in {"both", "telaris"}:
            number_roll = rng.random()
            number = None
            if company.sides == "both" and number_roll < 0.35:
                number = str(tripletex_numbers[i])
                if rng.random() < 0.01:  # a digit wrong: the number of another company
                    number = str(tripletex_numbers[i] + rng.choice([-10, -1, 1, 10]))
            elif number_roll < 0.6:
                own_number += 1
                number = str(own_number)
            data.telaris.append({"record_id": telaris_id, **_telaris_row(rng, company, number)})
        if company.sides in {"both", "tripletex"}:
            data.tripletex.append({"record_id": str(tripletex_id),
                                   **_tripletex_row(rng, company, tripletex_numbers[i])})
        if company.sides == "both":
            data.truth.add((telaris_id, tripletex_id))
    rng.shuffle(data.telaris)
    rng.shuffle(data.tripletex)
    return data
