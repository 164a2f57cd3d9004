"""The final held-out twin data for the initial linking: one register, two systems that copied it differently.

Why a new generator: every earlier twin generator has been looked at while the linking's rules and thresholds were
chosen, so a figure measured on them says how well the rules fit them. This one was written afterwards, by someone who
had not read the linking, its SQL or the other generators, and is meant to be used once, to report the final figures.
Do not tune anything on it; if it is used for tuning, it stops being an exam and a new one must be written.

What it draws on (the author's knowledge of Norwegian business data, not the other generators):

- Enhetsregisteret (Brønnøysund) is the common source. Names are held in capitals; names of companies in
  Foretaksregisteret (AS, ANS, DA, SA, BRL, NUF) are protected, so two such companies never share a name, but a sole
  proprietorship (ENK) or a condominium (sameie) has no protection: "Hansen Bygg" and "Sameiet Storgata 12" exist
  many times over. A company can have a post-box postal address besides its business address; branches
  (underenheter) have their own organisation numbers; a bankrupt company's name is often taken over by a new one
  at the same address and telephone.
- Tripletex (accounting): customers are usually created by looking the company up in the register, so the name is
  often in capitals, the organisation number is nearly always there (sometimes typed as "NO 123 456 789 MVA"), the
  address is the register's postal address (a post box where there is one), the e-mail is the invoice address
  (faktura@, post@, or a property manager's address shared by many housing co-ops) and every customer has a number.
- Telaris (field service): dispatchers and technicians type what they see: the name without or with a moved legal
  form, "og" for "&", "Brdr." for "Brødrene", a shop's brand instead of its legal name, æøå lost on a foreign
  keyboard, typos; the site's address rather than the post box, often an old one after a move; the contact person's
  mobile and e-mail; the organisation number less often, and the Tripletex customer number only where someone
  copied it.
- One-sided records: Telaris-only customers (one-off jobs, private persons) and Tripletex-only customers (billed but
  never visited). Hard negatives: namesakes, group companies sharing a name stem, switchboard and e-mail domain,
  branches, successors.

Rates are the author's estimates of real data, chosen before any linking was run on the output.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from sync_pipeline.sandboxes import twins_final_vocab as vocab
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

PROTECTED = {"AS", "ASA", "ANS", "DA", "SA", "BRL", "NUF"}
TOWN_NAMES = list(vocab.TOWNS)
TOWN_WEIGHTS = [vocab.TOWNS[town][3] for town in TOWN_NAMES]
TOWN_OF_CODE = {pair: town for town, entry in vocab.TOWNS.items() for pair in entry[0] + entry[1]}


@dataclass
class Company:
    """One entity of the register (or a private person), before either system typed it."""

    cid: int
    base: str  # the name without its legal form
    form: str  # AS, ENK, BRL, SAMEIE, ..., "" for a private person
    full: str  # the register's name
    orgnr: str | None
    town: str
    code: tuple[str, str]  # business (visiting) address: postal code, poststed
    box: tuple[str, str] | None  # post-box postal address, where the register has one
    old_code: tuple[str, str] | None  # the address before a move
    old_on_telaris: bool
    phone: str  # switchboard or the owner's mobile
    mobile: str  # the contact person's mobile
    first: str
    last: str
    domain: str | None
    brand: str | None = None
    manager: tuple[str, str] | None = None
    presence: str = "both"  # both, telaris, tripletex
    family: int = -1  # companies derived from one another (group, branch, successor) share it


def _ascii(text: str) -> str:
    text = text.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "o").replace("Ø", "O")
    text = text.replace("å", "aa").replace("Å", "Aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def name_key(name: str) -> str:
    """Lower case, ASCII, no legal form or punctuation: the name two namesakes share."""
    words = re.sub(r"[^a-z0-9 ]", " ", _ascii(name).lower().replace("&", " og ")).split()
    drop = {"as", "asa", "ans", "da", "sa", "enk", "nuf", "a", "s"}
    return " ".join(word for word in words if word not in drop)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _ascii(text).lower())


def _title(poststed: str) -> str:
    return " ".join(w if len(w) == 1 and w in "SN" else ("i" if w == "I" else w.capitalize()) for w in poststed.split())


def _landline(rng: random.Random, town: str) -> str:
    prefix = rng.choice(vocab.TOWNS[town][2])
    return prefix + "".join(str(rng.randrange(10)) for _ in range(8 - len(prefix)))


def _mobile(rng: random.Random) -> str:
    return rng.choice("49") + "".join(str(rng.randrange(10)) for _ in range(7))


class _Builder:
    """Draws the register: companies, their names, addresses, numbers and the families of hard negatives."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgnr = unique_orgnrs(rng)
        self.protected: set[str] = set()
        self.domains: set[str] = set()
        self.companies: list[Company] = []

    def town(self) -> str:
        return self.rng.choices(TOWN_NAMES, TOWN_WEIGHTS)[0]

    def code(self, town: str) -> tuple[str, str]:
        return self.rng.choice(vocab.TOWNS[town][0])

    def surname(self) -> str:
        return self.rng.choices(vocab.SURNAMES, vocab.SURNAME_WEIGHTS)[0]

    def unique(self, base: str, form: str, town: str) -> str:
        """A protected name that is taken gets what real founders add: a town, "& Sønn", a second trade, a quarter."""
        rng = self.rng
        candidate = base
        while (candidate + " " + form).upper() in self.protected:
            r = rng.random()
            if r < 0.45:
                candidate = f"{base} {town}"
            elif r < 0.6:
                candidate = f"{base} & Sønn"
            elif r < 0.8:
                candidate = f"{base} og {rng.choice(vocab.TRADES)}"
            else:
                candidate = f"{base} {rng.choice(('Nord', 'Sør', 'Vest', 'Øst', 'Midt'))}"
            base = candidate if rng.random() < 0.3 else base
        self.protected.add((candidate + " " + form).upper())
        return candidate

    def fresh_name(self, town: str) -> tuple[str, str, str | None, str, str]:
        """(base, form, brand, first, last) of a company of a kind drawn at its real-world share of customers."""
        rng = self.rng
        first, last = rng.choice(vocab.FIRST_NAMES), self.surname()
        trade = rng.choice(vocab.TRADES)
        kind = rng.choices(
            (
                "surname",
                "place",
                "compound",
                "enk",
                "brl",
                "sameie",
                "property",
                "shop",
                "brothers",
                "initials",
                "ans",
                "nuf",
                "private",
            ),
            (22, 9, 13, 17, 5, 5, 7, 4, 2, 4, 3, 1, 6),
        )[0]
        brand = None
        if kind == "surname":
            base, form = f"{last} {trade}", "AS"
        elif kind == "place":
            base, form = f"{rng.choice(vocab.TOWNS[town][4][:1] + (town,))} {trade}", "AS"
        elif kind == "compound":
            base = rng.choice(vocab.COMPOUND_HEADS) + rng.choice(vocab.COMPOUND_TAILS)
            base, form = (
                (base + (" " + rng.choice(("Service", "Norge", "Gruppen")) if rng.random() < 0.15 else "")),
                "AS",
            )
        elif kind == "enk":
            form = "ENK"
            base = rng.choices(
                (
                    f"{rng.choice(vocab.ENK_TITLES)} {first} {last}",
                    f"{last} {trade}",
                    f"{first} {last} {trade}",
                    f"{last}s {trade}",
                ),
                (44, 14, 34, 8),
            )[0]
        elif kind == "brl":
            stem = rng.choice(vocab.HOUSING_STEMS)
            base, form = (f"Borettslaget {stem}" if rng.random() < 0.5 else f"{stem} Borettslag"), "BRL"
        elif kind == "sameie":
            base, form = f"Sameiet {rng.choice(vocab.STREETS)} {rng.randint(1, 140)}", "SAMEIE"
        elif kind == "property":
            base = rng.choice(
                (
                    f"{rng.choice(vocab.STREETS)} {rng.randint(1, 80)} Eiendom",
                    f"{last} Eiendom",
                    f"{rng.choice(vocab.HOUSING_STEMS)} Eiendom",
                )
            )
            form = "AS"
        elif kind == "shop":
            place = rng.choice(vocab.HOUSING_STEMS + (town,))
            base, form = f"{place} {rng.choice(vocab.SHOP_TRADES)}", "AS"
            brand = f"{rng.choice(vocab.BRANDS)} {place}"
        elif kind == "brothers":
            base, form = f"Brødrene {last}", "AS"
        elif kind == "initials":
            letters = "ABEGHJKLMOPRST"
            base, form = f"{rng.choice(letters)}{rng.choice(letters)} {trade}", "AS"
        elif kind == "ans":
            base, form = f"{last} & {self.surname()} {trade}", rng.choice(("ANS", "ANS", "DA"))
        elif kind == "nuf":
            base, form = f"{rng.choice(vocab.COMPOUND_HEADS)}{rng.choice(vocab.COMPOUND_TAILS)} Nordic", "NUF"
        else:
            return f"{first} {last}", "", None, first, last
        return base, form, brand, first, last

    def domain_for(self, base: str, town: str, form: str) -> str | None:
        share = {"ENK": 0.3, "BRL": 0.35, "SAMEIE": 0.15, "": 0.0}.get(form, 0.75)
        if self.rng.random() >= share:
            return None
        slug = _slug(base.replace("Borettslaget ", "").replace("Sameiet ", ""))
        joined = "-".join(_slug(word) for word in base.split())
        for candidate in (f"{slug}.no", f"{joined}.no", f"{slug}.as", f"{slug}{_slug(town)}.no", f"{slug}.com"):
            if candidate not in self.domains:
                self.domains.add(candidate)
                return candidate
        return None

    def presence(self, form: str) -> str:
        weights = (50, 40, 10) if form == "" else (73, 13, 14)
        return self.rng.choices(("both", "telaris", "tripletex"), weights)[0]

    def add(self, company: Company) -> Company:
        self.companies.append(company)
        return company

    def fresh(self) -> Company:
        rng = self.rng
        town = self.town()
        base, form, brand, first, last = self.fresh_name(town)
        if form in PROTECTED:
            base = self.unique(base, form, town)
        full = base if form in ("ENK", "SAMEIE", "", "BRL") else f"{base} {form}"
        boxes = vocab.TOWNS[town][1]
        moved = rng.random() < 0.08
        old_town = town if rng.random() < 0.7 else self.town()
        housing = form in ("BRL", "SAMEIE")
        company = Company(
            cid=len(self.companies),
            base=base,
            form=form,
            full=full,
            orgnr=self.orgnr() if form else None,
            town=town,
            code=self.code(town),
            box=rng.choice(boxes) if boxes and form in PROTECTED and rng.random() < 0.14 else None,
            old_code=self.code(old_town) if moved else None,
            old_on_telaris=rng.random() < 0.65,
            phone=_mobile(rng) if form in ("ENK", "") or rng.random() < 0.25 else _landline(rng, town),
            mobile=_mobile(rng),
            first=first,
            last=last,
            domain=self.domain_for(base, town, form),
            brand=brand,
            manager=rng.choice(vocab.MANAGERS) if housing and rng.random() < 0.45 else None,
        )
        company.presence = self.presence(form)
        return self.add(company)

    def derived(self, parent: Company, relation: str) -> Company:
        """A hard negative of `parent`: another company that looks like it."""
        rng = self.rng
        if parent.family < 0:
            parent.family = parent.cid
        town, code, phone, domain = parent.town, parent.code, parent.phone, parent.domain
        form, brand = parent.form, None
        if relation == "group":
            words = parent.base.split()
            stem = words[0] if len(words) > 1 and rng.random() < 0.4 else parent.base
            base = self.unique(
                f"{stem} {rng.choice(('Holding', 'Eiendom', 'Service', 'Prosjekt', 'Utleie', 'Invest'))}", "AS", town
            )
            form = "AS"
            phone = phone if rng.random() < 0.5 else _landline(rng, town)
            code = code if rng.random() < 0.7 else self.code(town)
            domain = domain if rng.random() < 0.8 else self.domain_for(base, town, form)
            full = f"{base} AS"
        elif relation == "branch":
            town = self.town()
            code, phone, base = self.code(town), _landline(rng, town), parent.base
            full = f"{parent.full} avd. {town}"
        elif relation == "successor":
            r = rng.random()
            base = (
                parent.base
                if r < 0.5 or form == "ENK"
                else (f"Nye {parent.base}" if r < 0.75 else parent.base + " og Service")
            )
            if form in PROTECTED and base != parent.base:
                base = self.unique(base, form, town)
            full = base if form in ("ENK", "SAMEIE", "BRL") else f"{base} {form}"
            phone = phone if rng.random() < 0.7 else _mobile(rng)
            code = code if rng.random() < 0.8 else self.code(town)
        else:  # namesake: a sole proprietor or condominium elsewhere with the very same name
            town = town if rng.random() < 0.3 else self.town()
            code, phone, base, full = self.code(town), _mobile(rng), parent.base, parent.full
            domain = self.domain_for(base, town, form)
        company = Company(
            cid=len(self.companies),
            base=base,
            form=form,
            full=full,
            orgnr=self.orgnr(),
            town=town,
            code=code,
            box=parent.box if relation != "branch" and rng.random() < 0.8 else None,
            old_code=None,
            old_on_telaris=False,
            phone=phone,
            mobile=_mobile(rng),
            first=rng.choice(vocab.FIRST_NAMES),
            last=parent.last if relation in ("successor", "namesake") else self.surname(),
            domain=domain,
            brand=brand,
            manager=parent.manager if relation == "namesake" and rng.random() < 0.3 else None,
            family=parent.family,
        )
        company.presence = self.presence(form)
        if relation == "successor":  # the bankrupt one lingers in the books, rarely in the field-service system
            parent.presence = rng.choices(("tripletex", "both", "telaris"), (55, 30, 15))[0]
        return self.add(company)

    def build(self, count: int) -> list[Company]:
        rng = self.rng
        while len(self.companies) < count:
            r = rng.random()
            if len(self.companies) > 20 and r < 0.065:
                parent = self.companies[-rng.randint(1, min(2000, len(self.companies)))]
                if r < 0.02 and parent.form in PROTECTED - {"BRL"}:
                    self.derived(parent, "group")
                elif r < 0.03 and parent.form in ("AS", "ASA"):
                    self.derived(parent, "branch")
                elif r < 0.042 and parent.form in ("AS", "ENK", "ANS"):
                    self.derived(parent, "successor")
                elif parent.form in ("ENK", "SAMEIE"):
                    self.derived(parent, "namesake")
                continue
            self.fresh()
        return self.companies


# ---- how each system's users type a company -------------------------------------------------------------------


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    r = rng.random()
    if r < 0.35:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if r < 0.65:
        return text[:i] + text[i + 1 :]
    if r < 0.85:
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeilnorst") + text[i + 1 :]


def _housing_variant(rng: random.Random, c: Company) -> str:
    if c.form == "BRL":
        stem = c.base.replace("Borettslaget ", "").replace(" Borettslag", "")
        return rng.choice(
            (
                f"Borettslaget {stem}",
                f"{stem} Borettslag",
                f"{stem} BRL",
                f"{stem} brl.",
                f"Brl {stem}",
                f"{stem} borettslag",
            )
        )
    street = c.base.replace("Sameiet ", "")
    if rng.random() < 0.3:
        street = street.replace("gata", "gt.").replace(" gate", " gt.").replace("veien", "vn.")
    return rng.choice((f"Sameiet {street}", f"{street} Sameie", f"Sameie {street}", f"{street} sameiet", street))


def _form_variant(rng: random.Random, c: Company) -> str:
    """The name with its legal form kept, dropped, abbreviated or moved, as people type it."""
    if c.form in ("BRL", "SAMEIE"):
        return _housing_variant(rng, c)
    if c.form == "ENK":
        r = rng.random()
        if r < 0.12:
            return f"{c.base} ENK"
        if r < 0.2 and c.last in c.base and c.first not in c.base:
            return f"{c.base} v/{c.first} {c.last}"
        return c.base
    if c.form == "" or c.full != f"{c.base} {c.form}":
        return c.full
    r = rng.random()
    if r < 0.38:
        return c.full
    if r < 0.75:
        return c.base
    if r < 0.98:
        variants = {"AS": ("as", "A/S", "A.S.", "AS.", "a/s"), "ANS": ("ans", "A.N.S."), "DA": ("da", "D/A")}
        return f"{c.base} {rng.choice(variants.get(c.form, (c.form.lower(),)))}"
    return f"{c.form} {c.base}"


def _tripletex_name(rng: random.Random, c: Company) -> str:
    r = rng.random()
    name = c.full.upper() if r < 0.45 else (c.full if r < 0.9 else _form_variant(rng, c))
    if c.form == "ENK" and rng.random() < 0.1:
        name += " ENK"
    return _typo(rng, name) if rng.random() < 0.01 else name


def _telaris_name(rng: random.Random, c: Company) -> str:
    if c.brand and rng.random() < 0.75:
        name = c.brand if rng.random() < 0.7 else f"{c.brand} ({c.base})"
    else:
        name = _form_variant(rng, c)
    if "&" in name and rng.random() < 0.5:
        name = name.replace(" & ", rng.choice((" og ", " og ", "&", " + ")))
    elif " og " in name and rng.random() < 0.3:
        name = name.replace(" og ", " & ")
    if name.startswith("Brødrene") and rng.random() < 0.5:
        name = name.replace("Brødrene", rng.choice(("Brdr.", "Brdr", "Br.")))
    r = rng.random()
    if r < 0.07:
        name = _ascii(name) if rng.random() < 0.6 else name.replace("ø", "o").replace("å", "a").replace("æ", "a")
    if rng.random() < 0.1:
        name = name.upper() if rng.random() < 0.5 else name.lower()
    if rng.random() < 0.05:
        name = _typo(rng, name)
    if rng.random() < 0.03:
        name += rng.choice((" - lager", " (hovedkontor)", f" {c.town}", " - service", "  "))
    return name


def _orgnr(rng: random.Random, number: str, weights: tuple[int, int, int, int]) -> str:
    plain, spaced = number, f"{number[:3]} {number[3:6]} {number[6:]}"
    return rng.choices((plain, spaced, f"NO {spaced} MVA", f"NO{plain}MVA"), weights)[0]


def _phone(rng: random.Random, digits: str) -> str:
    mobile = digits[0] in "49"
    spaced = (
        f"{digits[:3]} {digits[3:5]} {digits[5:]}" if mobile else " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    )
    return rng.choices(
        (digits, spaced, f"+47 {spaced}", f"+47{digits}", f"0047 {digits}", f"(+47) {digits}"), (32, 34, 16, 11, 3, 4)
    )[0]


def _person_mail(rng: random.Random, c: Company, domain: str | None) -> str:
    first, last = _slug(c.first), _slug(c.last)
    if domain:
        return rng.choice((f"{first}@{domain}", f"{first}.{last}@{domain}", f"{first[0]}{last}@{domain}"))
    return (
        rng.choice((f"{first}.{last}", f"{first}{last}", f"{first}{last}{rng.randint(1, 99)}"))
        + "@"
        + rng.choice(vocab.GENERIC_MAIL)
    )


def _tripletex_mail(rng: random.Random, c: Company) -> str:
    if rng.random() >= 0.76:
        return ""
    if c.manager and rng.random() < 0.7:
        return c.manager[0]
    if c.domain and rng.random() < 0.85:
        return f"{rng.choice(vocab.COMPANY_MAILBOXES)}@{c.domain}"
    return _person_mail(rng, c, c.domain)


def _telaris_mail(rng: random.Random, c: Company, tripletex_mail: str) -> str:
    if rng.random() >= 0.68:
        return ""
    if tripletex_mail and rng.random() < 0.22:
        return tripletex_mail if rng.random() < 0.9 else tripletex_mail.upper()
    if c.form in ("BRL", "SAMEIE") and rng.random() < 0.5:
        return f"styret.{_slug(c.base)[-12:]}@{rng.choice(vocab.GENERIC_MAIL)}"
    if c.domain and rng.random() < 0.3:
        return f"{rng.choice(vocab.COMPANY_MAILBOXES[:3])}@{c.domain}"
    return _person_mail(rng, c, c.domain)


def _tripletex_phone(rng: random.Random, c: Company) -> str:
    if rng.random() >= 0.74:
        return ""
    if c.manager and rng.random() < 0.6:
        return c.manager[1]
    return _phone(rng, c.phone if rng.random() < 0.82 else c.mobile)


def _telaris_phone(rng: random.Random, c: Company) -> str:
    if rng.random() >= 0.82:
        return ""
    r = rng.random()
    return _phone(rng, c.phone if r < 0.55 else (c.mobile if r < 0.9 else _mobile(rng)))


def _tripletex_address(rng: random.Random, c: Company) -> tuple[str, str]:
    code = c.code
    if c.box and rng.random() < 0.85:
        code = c.box
    elif c.old_code and not c.old_on_telaris:
        code = c.old_code
    if rng.random() < 0.04:
        return "", ""
    return code[0], code[1] if rng.random() < 0.5 else _title(code[1])


def _telaris_address(rng: random.Random, c: Company) -> tuple[str, str]:
    code = c.old_code if c.old_code and c.old_on_telaris else c.code
    if rng.random() < 0.05:  # the job site, not the office
        code = rng.choice(vocab.TOWNS[c.town][0])
    postal = "" if rng.random() < 0.06 else code[0]
    r = rng.random()
    town = TOWN_OF_CODE[code]
    if r < 0.3:
        city = rng.choice(vocab.TOWNS[town][4])
    elif r < 0.9:
        city = _title(code[1])
    elif r < 0.95:
        city = _ascii(_title(code[1]))
    else:
        city = ""
    return postal, city


def generate(companies: int, seed: int = 2026) -> TwinData:
    """`companies` entities of the register (and a few private persons) as Telaris and Tripletex hold them.

    Deterministic by seed. Ids are given after shuffling each side on its own, so an id says nothing about its twin.
    """
    rng = random.Random(seed)
    register = _Builder(rng).build(companies)
    on_tripletex = [c for c in register if c.presence in ("both", "tripletex")]
    on_telaris = [c for c in register if c.presence in ("both", "telaris")]
    rng.shuffle(on_tripletex)
    rng.shuffle(on_telaris)
    tripletex: list[dict] = []
    tripletex_of: dict[int, dict] = {}
    for index, c in enumerate(on_tripletex):
        postal, city = _tripletex_address(rng, c)
        row = {
            "record_id": str(800001 + index),
            "name": _tripletex_name(rng, c),
            "number": str(10001 + index),
            "organisation_number": _orgnr(rng, c.orgnr, (80, 12, 5, 3)) if c.orgnr and rng.random() < 0.93 else "",
            "email": _tripletex_mail(rng, c),
            "phone": _tripletex_phone(rng, c),
            "postal_code": postal,
            "city": city,
        }
        tripletex.append(row)
        tripletex_of[c.cid] = row
    telaris: list[dict] = []
    truth: set[tuple[str, int]] = set()
    own_number = 0
    for index, c in enumerate(on_telaris):
        twin = tripletex_of.get(c.cid)
        r = rng.random()
        if twin and r < 0.35:
            number = twin["number"]
        elif twin and r < 0.4:
            number = rng.choice(("K", "TX-", "")) + twin["number"] + rng.choice(("", " "))
        elif r < 0.85:
            own_number += 1
            number = str(own_number)
        else:
            number = ""
        postal, city = _telaris_address(rng, c)
        row = {
            "record_id": f"g_{index + 1:06d}",
            "name": _telaris_name(rng, c),
            "number": number,
            "organisation_number": _orgnr(rng, c.orgnr, (70, 20, 7, 3)) if c.orgnr and rng.random() < 0.78 else "",
            "email": _telaris_mail(rng, c, twin["email"] if twin else ""),
            "phone": _telaris_phone(rng, c),
            "postal_code": postal,
            "city": city,
        }
        telaris.append(row)
        if twin:
            truth.add((row["record_id"], int(twin["record_id"])))
    return TwinData(telaris=telaris, tripletex=tripletex, truth=truth)


def namesake_groups(companies: int, seed: int = 2026) -> int:
    """How many names (legal form and case aside) belong to two or more different companies of the register."""
    register = _Builder(random.Random(seed)).build(companies)
    owners: dict[str, set[int]] = {}
    for c in register:
        if not c.form:  # private persons share names too, but they are not companies
            continue
        owners.setdefault(name_key(c.full), set()).add(c.cid)
    return sum(1 for cids in owners.values() if len(cids) > 1)
