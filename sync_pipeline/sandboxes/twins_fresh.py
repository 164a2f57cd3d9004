"""Held-out twin data: the same customers and suppliers as a field-service system and an accounting system hold them.

HELD OUT. This generator is the final exam of the initial linking (issue 17): no threshold, weight or rule of the
linking is to be chosen on its data. It was written apart from `twins.py`, `twins_dev.py` and `twins_holdout.py` and
without reading the linking, so that what the linking scores here is what it would score on data it has not seen.
Tune on the other generators; only measure here.

What it draws on, and why:

- **The register.** Every company is a unit of Enhetsregisteret with a valid organisation number (mod 11), a legal
  form (mostly AS; sole proprietorships, ANS, DA, SA, ASA; housing co-operatives and owner sections, which a
  field-service firm serves a lot) and a name that registered forms may not share with another living company. Sole
  proprietorships are named after their owner and are not bound to be unique, so "Rørlegger Ola Hansen" exists in
  more than one town. Addresses are real postal codes with the poststed the postal register gives them (see
  `twins_fresh_vocab`): a company has a visiting address and often a postal address with another code in one town.
- **Tripletex** (accounting) is where invoices go. A customer is often created by looking it up in the register,
  which fills the organisation number, the name in the register's capitals and the postal address; otherwise someone
  types it. It holds the invoice e-mail (post@, faktura@, or an accounting office's intake address), the switchboard
  and a customer number in its own series. Companies only here: suppliers, customers never visited.
- **Telaris** (field service) is what the dispatcher typed: the name as people say it (legal form dropped or
  abbreviated, "&" for "og", a contact person appended), the site the technicians drive to, the contact person's
  mobile and e-mail, and more often no organisation number. The Tripletex customer number is copied in only
  sometimes. Companies only here: sites, customers invoiced through a main contractor, branches ("avd. Bergen").
- **Time.** Offices move and only one system is updated; a sole proprietorship becomes an AS with a new number and
  the same phone; a bankrupt company's business goes on as "Nye X AS" at the same address.
- **Hard negatives at real-world frequencies**, each a few per cent of companies: sole proprietors' namesakes in
  other towns and in the same town, near-identical registered names ("X Bygg AS" and "X Bygg Vest AS"), a deleted
  company's name reused elsewhere, groups sharing a name stem, switchboard, e-mail domain and building ("X Holding
  AS", "X Eiendom AS"), branches, successors. Most companies have a name no other company has.

Noise rates are my own estimates of how often people type each variant; they are listed where they are drawn.
Deterministic by seed. Rows carry the synced fields as people typed them; `truth` holds (telaris_id, tripletex_id)
of the same company (a branch is its own unit with its own number, so a branch pairs only with that branch).
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass, field

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_fresh_vocab import (
    ABBREVIATIONS,
    ACCOUNTANTS,
    COIN_HEADS,
    COIN_TAILS,
    FIRST_NAMES,
    FREE_MAIL,
    GROUP_SIBLINGS,
    PERSON_TRADES,
    PLACES,
    REGIONS,
    STEM_HEADS,
    STEM_TAILS,
    STREETS,
    SURNAMES,
    TRADES,
    TRANSLIT,
    TRANSLIT_ALT,
    Place,
)

REGISTERED = ("AS", "ASA", "ANS", "DA", "SA")  # forms written after the name
MOBILE_PREFIXES = ("40", "41", "45", "46", "47", "48", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99")
FORM_WEIGHTS = {"AS": 66, "ENK": 17, "ANS": 3, "DA": 2, "ASA": 0.7, "SA": 1.3, "BRL": 6, "ESEK": 4}
# Who has what, by legal form: an e-mail domain of its own, a switchboard, the owner's personal free-mail address.
HAS_DOMAIN = {"AS": 0.85, "ASA": 1.0, "ANS": 0.6, "DA": 0.6, "SA": 0.9, "ENK": 0.15, "BRL": 0.35, "ESEK": 0.1}
HAS_SWITCHBOARD = {"AS": 0.7, "ASA": 1.0, "ANS": 0.5, "DA": 0.5, "SA": 0.9, "ENK": 0.15, "BRL": 0.05, "ESEK": 0.0}
HAS_OWN_MAIL = {"AS": 0.08, "ASA": 0.0, "ANS": 0.3, "DA": 0.3, "SA": 0.05, "ENK": 0.85, "BRL": 0.5, "ESEK": 0.5}
# Organisation number of a company in both systems: (both, Tripletex only, Telaris only, neither). Tripletex needs it
# for EHF invoices and a register look-up fills it; dispatchers often leave it out. Sole proprietors least often.
ORGNR_JOINT = {"ENK": (45, 25, 6, 24), "BRL": (60, 22, 5, 13), "ESEK": (60, 22, 5, 13)}
ORGNR_JOINT_DEFAULT = (66, 20, 5, 9)
LEGAL_SUFFIX = re.compile(r"\b(a/s|a\.s\.?|as|asa|a\.n\.s\.?|ans|d\.a\.?|d/a|da|enk|sa|brl)\b\.?")


@dataclass
class _Company:
    base: str  # the name without its legal form
    form: str
    orgnr: str
    place: Place
    code: str  # visiting address
    post_code: str  # postal (invoice) address: another code in the same town for a post box
    people: list[tuple[str, str]]
    mobiles: list[str]
    switchboard: str | None = None
    domain: str | None = None
    mail_style: str = "first"
    own_mail: str | None = None
    invoice_mail: str | None = None
    presence: str = "both"  # both | telaris | tripletex
    branch_town: str | None = None  # a branch (underenhet) of `parent_orgnr`
    parent_orgnr: str | None = None
    kind: str = "plain"
    rows: dict = field(default_factory=dict)


def _ascii(text: str, table: dict[str, str] = TRANSLIT) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def plain_name(name: str | None) -> str:
    """A name reduced for *describing* the data (namesake counts), not a matching rule: case, æøå, "&"/"og",
    punctuation and legal forms removed."""
    text = _ascii((name or "").casefold()).replace("&", " og ").replace("+", " og ")
    text = LEGAL_SUFFIX.sub(" ", text)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text).split())


class _World:
    """The state one generation shares: the random source and everything that must not repeat across companies
    (registered names, domains, phone numbers, personal e-mail addresses, organisation numbers)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fresh_orgnr = unique_orgnrs(self.rng)
        self.names: set[str] = set()
        self.domains: set[str] = set()
        self.phones: set[str] = set()
        self.mails: set[str] = set()
        self.weights = [p.weight for p in PLACES]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, weighted: dict):
        return self.rng.choices(list(weighted), weights=list(weighted.values()))[0]

    def place(self, other_than: Place | None = None, near: Place | None = None) -> Place:
        if near is not None:
            near_ones = [p for p in PLACES if p is not near and set(p.prefixes) & set(near.prefixes)]
            if near_ones:
                return self.rng.choice(near_ones)
        while (place := self.rng.choices(PLACES, weights=self.weights)[0]) is other_than:
            pass
        return place

    def code(self, place: Place, other_than: str | None = None) -> str:
        choices = [c for c in place.codes if c != other_than] or list(place.codes)
        return self.rng.choice(choices)

    def phone(self, place: Place | None) -> str:
        while True:
            head = self.rng.choice(place.prefixes if place else MOBILE_PREFIXES)
            number = head + f"{self.rng.randrange(1_000_000):06d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def person(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)

    def free_mail(self, first: str, last: str) -> str:
        f, s = (_ascii(part.lower(), TRANSLIT_ALT).replace("oe", "o").replace(" ", "") for part in (first, last))
        for local in (f"{f}.{s}", f"{f}{s}", f"{f[0]}{s}"):
            address = f"{local}@{self.rng.choice(FREE_MAIL)}"
            if address not in self.mails:
                break
        while address in self.mails:
            address = f"{f}.{s}{self.rng.randrange(10, 99)}@{self.rng.choice(FREE_MAIL)}"
        self.mails.add(address)
        return address

    def domain(self, base: str) -> str:
        ascii_name = _ascii(base.lower().replace("é", "e"), TRANSLIT_ALT)
        words = [w for w in re.sub(r"[^a-z0-9 ]", " ", ascii_name).split() if w != "og"]
        words = [w.replace("oe", "o") if self.chance(0.7) else w for w in words] or ["firma"]
        if len(words) > 1 and words[0] in ("nye", "brodrene", "brdr"):
            words = words[1:]
        joined = "".join(words)
        candidates = [joined, "-".join(words), words[0], "".join(w[0] for w in words[:-1]) + words[-1],
                      joined + "as", joined + "-as", "-".join(words) + "-norge", joined + "gruppen"]
        first = self.pick({0: 45, 1: 20, 2: 15, 3: 10, 4: 10})
        tld = self.pick({".no": 88, ".com": 9, ".net": 3})
        for candidate in [candidates[first], *candidates]:
            for ending in (tld, ".no", ".com"):
                if len(candidate) > 2 and candidate + ending not in self.domains:
                    self.domains.add(candidate + ending)
                    return candidate + ending
        raise RuntimeError(f"no free domain for {base}")  # pragma: no cover - eight spellings and three endings

    def stem(self) -> str:
        kind = self.pick({"compound": 45, "surname": 25, "coined": 20, "region": 10})
        if kind == "compound":
            return self.rng.choice(STEM_HEADS) + self.rng.choice(STEM_TAILS)
        if kind == "surname":
            return self.rng.choice(SURNAMES)
        if kind == "coined":
            return self.rng.choice(COIN_HEADS) + self.rng.choice(COIN_TAILS)
        return self.rng.choice(REGIONS)

    def base_name(self, form: str, place: Place, owner: tuple[str, str]) -> str:
        """A name no living company of a registered form has (sole proprietorships too, unless planted)."""
        for _ in range(200):
            base = self._draft(form, place, owner)
            if plain_name(base) not in self.names:
                self.names.add(plain_name(base))
                return base
        raise RuntimeError("name space exhausted")  # pragma: no cover - far more names than companies

    def _draft(self, form: str, place: Place, owner: tuple[str, str]) -> str:
        rng, (first, last) = self.rng, owner
        trade = rng.choice(TRADES)
        if form == "ENK":
            pattern = self.pick({"title": 28, "person": 15, "last_trade": 25, "title_last": 7, "person_trade": 25})
            title = rng.choice(PERSON_TRADES)
            return {"title": f"{title} {first} {last}", "person": f"{first} {last}", "last_trade": f"{last} {trade}",
                    "title_last": f"{title} {last}", "person_trade": f"{first} {last} {trade}"}[pattern]
        if form == "BRL":  # named after the place or a street, not a brand
            stem = rng.choice(STEM_HEADS) + rng.choice(STEM_TAILS)
            street = f"{rng.choice(STREETS)} {rng.randrange(1, 80)}"
            return self.pick({f"{stem} Borettslag": 60, f"Borettslaget {stem}": 25, f"{street} Borettslag": 15})
        if form == "ESEK":
            return self.pick({f"Sameiet {rng.choice(STREETS)} {rng.randrange(1, 120)}": 80,
                              f"{self.stem()} Sameie": 20})
        if form == "SA":
            kind = rng.choice(["Samvirkelag", "Andelslag", "Bondelag", "Fiskarlag", "Boligbyggelag", "Energi"])
            return f"{rng.choice([rng.choice(REGIONS), self.stem(), place.poststed])} {kind}"
        pattern = self.pick({"stem_trade": 38, "surname_trade": 18, "stem": 10, "pair": 6, "family": 6,
                             "trade_town": 6, "initials": 6, "coined": 10})
        stem = self.stem()
        return {
            "stem_trade": f"{stem} {trade}",
            "surname_trade": f"{last} {trade}",
            "stem": stem,
            "pair": f"{last} {rng.choice(['&', 'og'])} {rng.choice(SURNAMES)}",
            "family": rng.choice([f"Brødrene {last}", f"{last} & Sønn", f"{last} og Sønner", f"{last} & Co"]),
            "trade_town": f"{trade} {place.poststed}" if rng.random() < 0.5 else f"{place.poststed} {trade}",
            "initials": f"{rng.choice('ABDEFGHJKLMNOPRSTV')}{rng.choice('ABDEFGHJKLMNOPRSTV')} {trade}",
            "coined": f"{rng.choice(COIN_HEADS)}{rng.choice(COIN_TAILS)}{'' if rng.random() < 0.5 else ' ' + trade}",
        }[pattern]

    def company(self, form: str | None = None, place: Place | None = None, base: str | None = None,
                kind: str = "plain", owner: tuple[str, str] | None = None) -> _Company:
        form = form or self.pick(FORM_WEIGHTS)
        place = place or self.place()
        owner = owner or self.person()
        base = base or self.base_name(form, place, owner)
        code = self.code(place)
        post_code = self.code(place, other_than=code) if self.chance(0.25) else code
        people = [owner] + [self.person() for _ in range(self.pick({0: 45, 1: 35, 2: 20}))]
        c = _Company(base=base, form=form, orgnr=self.fresh_orgnr(), place=place, code=code, post_code=post_code,
                     people=people, mobiles=[self.phone(None) for _ in people], kind=kind,
                     mail_style=self.pick({"first": 35, "first.last": 40, "initials": 15, "firstl": 10}))
        if self.chance(HAS_SWITCHBOARD[form]):
            c.switchboard = self.phone(place)
        if self.chance(HAS_DOMAIN[form]):
            c.domain = self.domain(base)
        if self.chance(HAS_OWN_MAIL[form]):
            c.own_mail = self.free_mail(*owner)
        if form in REGISTERED and self.chance(0.06):  # invoices go to an accounting office's intake
            slug = c.domain.split(".")[0] if c.domain else plain_name(base).replace(" ", "")
            c.invoice_mail = f"{'faktura' if self.chance(0.2) else slug}@{self.rng.choice(ACCOUNTANTS)}"
        return c

    def presence(self, both: float, telaris: float, tripletex: float) -> str:
        return self.pick({"both": both, "telaris": telaris, "tripletex": tripletex})


# --- families of companies: how hard cases arise ---------------------------------------------------------------


def _plain(w: _World) -> list[_Company]:
    c = w.company()
    c.presence = w.presence(72, 11, 17)
    return [c]


def _group(w: _World) -> list[_Company]:
    """Companies of one owner: a name stem, a building, a switchboard and an e-mail domain in common."""
    while plain_name(stem := w.stem()) in w.names:
        pass
    w.names.add(plain_name(stem))
    core_base = stem if w.chance(0.3) else f"{stem} {w.rng.choice(TRADES)}"
    w.names.add(plain_name(core_base))
    core = w.company(form="AS", base=core_base, kind="group")
    core.presence = w.presence(75, 10, 15)
    members = [core]
    for sibling in w.rng.sample(GROUP_SIBLINGS, w.pick({1: 50, 2: 35, 3: 15})):
        w.names.add(plain_name(f"{stem} {sibling}"))
        m = w.company(form="AS", place=core.place, base=f"{stem} {sibling}", kind="group")
        m.code = core.code if w.chance(0.7) else m.code
        m.post_code = core.post_code if w.chance(0.8) else m.post_code
        m.switchboard = core.switchboard if w.chance(0.8) else m.switchboard
        m.domain = core.domain if core.domain and w.chance(0.85) else m.domain
        if w.chance(0.3):  # the owner is the contact of each
            m.people[0], m.mobiles[0] = core.people[0], core.mobiles[0]
        m.presence = w.presence(40, 15, 45)
        members.append(m)
    return members


def _branches(w: _World) -> list[_Company]:
    """A company with branches (underenheter, each with its own number): visited at the branch, invoiced at the
    head office."""
    main = w.company(form=w.pick({"AS": 90, "ASA": 5, "SA": 5}), kind="branch")
    main.presence = w.presence(80, 5, 15)
    units = [main]
    for _ in range(w.pick({1: 70, 2: 30})):
        place = w.place(other_than=main.place)
        unit = w.company(form=main.form, place=place, base=main.base, kind="branch", owner=w.person())
        unit.branch_town, unit.parent_orgnr = place.poststed, main.orgnr
        unit.domain = main.domain
        unit.switchboard = unit.switchboard if w.chance(0.6) else main.switchboard
        unit.invoice_mail = main.invoice_mail
        unit.presence = w.presence(30, 60, 10)
        units.append(unit)
    return units


def _sole_namesakes(w: _World) -> list[_Company]:
    """Two sole proprietors of one name: another owner of the same name, in another town or the same one."""
    a = w.company(form="ENK", kind="namesake")
    first, last = a.people[0]
    named_in_full = first in a.base  # "Rørlegger Ola Hansen": another Ola Hansen, rarely in the same town
    if not named_in_full:
        first = w.rng.choice(FIRST_NAMES)
    place = a.place if w.chance(0.05 if named_in_full else 0.35) else w.place(other_than=a.place)
    b = w.company(form="ENK", place=place, base=a.base, kind="namesake", owner=(first, last))
    a.presence, b.presence = w.presence(65, 15, 20), w.presence(65, 15, 20)
    return [a, b]


def _near_names(w: _World) -> list[_Company]:
    """Registered names that differ by a word: a region, a town, "& Sønn", another trade on the same stem."""
    a = w.company(form="AS", kind="namesake")
    place = a.place if w.chance(0.25) else w.place(other_than=a.place)
    head = a.base.split()[0]
    variants = [f"{a.base} {w.rng.choice(['Vest', 'Nord', 'Øst', 'Sør', 'Midt'])}", f"{a.base} {place.poststed}",
                f"{a.base} {w.rng.choice(REGIONS)}", f"{a.base} & Sønn", f"{a.base} Service",
                f"{head} {w.rng.choice(TRADES)}", f"{head} {w.rng.choice(TRADES)} {place.poststed}"]
    base = next((v for v in w.rng.sample(variants, len(variants)) if plain_name(v) not in w.names), None)
    if base is None:
        return [a]
    w.names.add(plain_name(base))
    b = w.company(form=w.pick({"AS": 85, "ANS": 10, "DA": 5}), place=place, base=base, kind="namesake")
    a.presence, b.presence = w.presence(70, 12, 18), w.presence(70, 12, 18)
    return [a, b]


def _successor(w: _World) -> list[_Company]:
    """One business, two legal units in time: a sole proprietorship made an AS, or a bankrupt AS carried on as
    "Nye X AS". Same town, often the same address, phone and e-mail; a new organisation number."""
    if w.chance(0.5):
        owner = w.person()
        title = w.rng.choice(TRADES)
        base = w.rng.choice([f"{owner[1]} {title}", f"{owner[0]} {owner[1]} {title}"])
        if plain_name(base) in w.names:
            return []
        w.names.add(plain_name(base))
        old = w.company(form="ENK", base=base, kind="successor", owner=owner)
        new = w.company(form="AS", place=old.place, base=base, kind="successor", owner=owner)
        new.code, new.post_code = (old.code, old.post_code) if w.chance(0.9) else (new.code, new.post_code)
        new.mobiles[0] = old.mobiles[0] if w.chance(0.9) else new.mobiles[0]
        new.own_mail = old.own_mail if old.own_mail and w.chance(0.6) else new.own_mail
    else:
        old = w.company(form="AS", kind="successor")
        new_base = w.rng.choice([f"Nye {old.base}", f"{old.base} Drift", f"{old.base} {old.place.poststed}"])
        if plain_name(new_base) in w.names:
            return [old]
        w.names.add(plain_name(new_base))
        new = w.company(form="AS", place=old.place, base=new_base, kind="successor", owner=old.people[0])
        new.code = old.code if w.chance(0.6) else new.code
        new.switchboard = old.switchboard if w.chance(0.5) else new.switchboard
        new.domain = old.domain if old.domain and w.chance(0.6) else new.domain
    old.presence, new.presence = w.presence(30, 10, 60), w.presence(85, 5, 10)
    return [old, new]


def _reused_name(w: _World) -> list[_Company]:
    """A deleted company's registered name taken again by a company in another town."""
    a = w.company(form="AS", kind="namesake")
    b = w.company(form="AS", place=w.place(other_than=a.place), base=a.base, kind="namesake")
    a.presence, b.presence = w.presence(30, 10, 60), w.presence(70, 12, 18)
    return [a, b]


FAMILIES = {_plain: 880, _group: 10, _branches: 8, _sole_namesakes: 10, _near_names: 15, _successor: 6,
            _reused_name: 3}


# --- how each system writes a company ---------------------------------------------------------------------------

_NEAR_KEYS = {"a": "sq", "s": "ad", "e": "wr", "r": "et", "t": "ry", "n": "bm", "m": "n", "i": "uo", "o": "ip",
              "l": "kø", "k": "jl", "d": "sf", "g": "fh", "h": "gj", "v": "cb", "b": "vn", "u": "yi", "ø": "læ",
              "å": "pø"}


def _typo(rng: random.Random, text: str) -> str:
    spots = [i for i, ch in enumerate(text) if ch.isalpha()][1:]
    if len(spots) < 4:
        return text
    i = rng.choice(spots)
    kind = rng.random()
    if kind < 0.3:
        return text[:i] + text[i + 1:]
    if kind < 0.55 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind < 0.8 and text[i].lower() in _NEAR_KEYS:
        key = rng.choice(_NEAR_KEYS[text[i].lower()])
        return text[:i] + (key.upper() if text[i].isupper() else key) + text[i + 1:]
    return text[:i] + text[i] + text[i:]


def _with_form(w: _World, base: str, form: str, system: str) -> str:
    """The legal form as people write it: kept, dropped, abbreviated differently, moved to the front."""
    careful = system == "tripletex"
    if form in ("BRL", "ESEK"):
        if w.chance(0.15):  # "Borettslaget Fjellheim" <-> "Fjellheim Borettslag"
            if base.startswith("Borettslaget "):
                return base.removeprefix("Borettslaget ") + " Borettslag"
            if base.endswith(" Borettslag"):
                return "Borettslaget " + base.removesuffix(" Borettslag")
        return base
    if form == "ENK":
        suffix = w.pick({"": 80, " ENK": 20} if careful else {"": 75, " ENK": 15, " Enk.": 5, " (ENK)": 5})
        return base + suffix
    if form == "AS":
        how = w.pick({"keep": 80, "drop": 10, "A/S": 4, "as": 3, "front": 2, "A.S.": 1} if careful else
                     {"keep": 45, "drop": 38, "A/S": 4, "as": 5, "front": 2, "A.S.": 1, "AS.": 1, "Aksjeselskap": 1,
                      "A/S front": 3})
        return {"keep": f"{base} AS", "drop": base, "A/S": f"{base} A/S", "as": f"{base} as",
                "front": f"AS {base}", "A.S.": f"{base} A.S.", "AS.": f"{base} AS.",
                "Aksjeselskap": f"{base} Aksjeselskap", "A/S front": f"A/S {base}"}[how]
    variants = {"ASA": {"ASA": 60, "AS": 15, "": 25}, "ANS": {"ANS": 55, "": 35, "A.N.S.": 3, "ans": 7},
                "DA": {"DA": 55, "": 40, "D.A.": 5}, "SA": {"SA": 60, "": 40}}[form]
    if careful:
        variants = {form: 88, "": 12}
    written = w.pick(variants)
    return f"{base} {written}" if written else base


def _abbreviate(w: _World, text: str) -> str:
    words = text.split()
    spots = [i for i, word in enumerate(words) if word in ABBREVIATIONS]
    if spots:
        i = w.rng.choice(spots)
        words[i] = ABBREVIATIONS[words[i]]
    elif " og " in text:
        return text.replace(" og ", " & ", 1)
    return " ".join(words)


def _name(w: _World, c: _Company, system: str, looked_up: bool) -> str:
    registered = f"{c.base} {c.form}" if c.form in REGISTERED else c.base
    if looked_up:  # filled from the register, which writes names in capitals
        name = registered.upper()
        return f"{name} AVD {c.branch_town.upper()}" if c.branch_town else name
    telaris = system == "telaris"
    base = c.base
    if w.chance(0.07 if telaris else 0.02):
        base = _abbreviate(w, base)
    if ("&" in base or " og " in base) and w.chance(0.4 if telaris else 0.15):
        base = base.replace("&", "og") if "&" in base else base.replace(" og ", " & ")
    short = c.kind in ("plain", "group") and c.form in REGISTERED and len(base.split()) > 1
    if telaris and short and base.split()[0] not in ABBREVIATIONS and w.chance(0.03):
        name = base.split()[0]  # what people call it: "Fjellheim" for "Fjellheim Elektro AS"
    else:
        name = _with_form(w, base, c.form, system)
    if c.branch_town:
        town = c.branch_town
        name = w.pick({f"{name} avd. {town}": 35, f"{name} avd {town}": 20, f"{base} {town}": 20,
                       f"{name} - {town}": 15, f"{name}, avdeling {town}": 10})
    if telaris and w.chance(0.025):
        first, last = w.rng.choice(c.people)
        name += w.pick({f" v/ {first} {last}": 50, f" v/{first}": 30, f" (att. {first})": 20})
    case = w.pick({"as is": 95, "upper": 4, "lower": 1} if telaris else {"as is": 93.5, "upper": 6, "lower": 0.5})
    name = {"as is": name, "upper": name.upper(), "lower": name.lower()}[case]
    if w.chance(0.04 if telaris else 0.02):
        name = _ascii(name, TRANSLIT if w.chance(0.6) else TRANSLIT_ALT)
    if w.chance(0.05 if telaris else 0.02):
        name = _typo(w.rng, name)
    if w.chance(0.02):
        name = w.pick({name.replace(" ", "  ", 1): 1, name + " ": 1})
    return name


def _orgnr(w: _World, number: str, system: str) -> str:
    n = number
    styles = {n: 80, f"{n[:3]} {n[3:6]} {n[6:]}": 10, f"NO {n[:3]} {n[3:6]} {n[6:]} MVA": 6, f"NO{n}MVA": 2,
              f"NO {n} MVA": 2}
    if system == "telaris":
        styles = {n: 60, f"{n[:3]} {n[3:6]} {n[6:]}": 20, f"NO {n[:3]} {n[3:6]} {n[6:]} MVA": 12, f"NO{n}MVA": 4,
                  f"NO {n} MVA": 3, f"{n} MVA": 1}
    return w.pick(styles)


def _phone(w: _World, d: str | None) -> str | None:
    if d is None:
        return None
    if d[0] in "49":
        styles = {d: 30, f"{d[:3]} {d[3:5]} {d[5:]}": 30, f"+47 {d[:3]} {d[3:5]} {d[5:]}": 12, f"+47{d}": 12,
                  f"+47 {d}": 8, f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}": 5, f"0047{d}": 2, f"(+47) {d}": 1}
    else:
        pairs = f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}"
        styles = {d: 30, pairs: 35, f"+47 {pairs}": 15, f"+47{d}": 10, f"+47 {d}": 5, f"0047 {d}": 3, f"(+47) {d}": 2}
    return w.pick(styles)


def _person_mail(c: _Company, person: tuple[str, str]) -> str:
    first, last = (_ascii(part.lower(), TRANSLIT_ALT).replace("oe", "o").replace(" ", "") for part in person)
    local = {"first": first, "first.last": f"{first}.{last}", "initials": first[0] + last[0],
             "firstl": first + last[0]}[c.mail_style]
    return f"{local}@{c.domain}"


def _email(w: _World, c: _Company, system: str) -> str | None:
    d = c.domain
    person = w.rng.choice(c.people)
    if system == "tripletex":
        options: dict = {None: 20}
        if c.invoice_mail:
            options[c.invoice_mail] = 6
        if c.own_mail and d:
            options[c.own_mail] = 2
        if d:
            options |= {f"post@{d}": 33, f"faktura@{d}": 22, f"regnskap@{d}": 5, f"okonomi@{d}": 4,
                        _person_mail(c, person): 8}
            if c.branch_town:
                options[f"{_ascii(c.branch_town.split()[0].lower(), TRANSLIT_ALT)}@{d}"] = 20
        elif c.own_mail:
            options[c.own_mail] = 70
    else:
        options = {None: 35}
        if d:
            options |= {_person_mail(c, person): 35, f"post@{d}": 22, f"service@{d}": 2, f"drift@{d}": 2}
            if w.chance(0.04):
                options[c.own_mail or w.free_mail(*person)] = 100
        elif c.own_mail:
            options[c.own_mail] = 65
    email = w.pick(options)
    if email and w.chance(0.03):
        email = email[0].upper() + email[1:]
    if email and w.chance(0.01):
        email += " "
    return email


def _company_phone(w: _World, c: _Company, system: str) -> str | None:
    mobile = w.rng.choice(c.mobiles)
    if system == "tripletex":
        options = {c.switchboard: 70, c.mobiles[0]: 10, None: 20} if c.switchboard else {c.mobiles[0]: 75, None: 25}
    else:
        options = {mobile: 45, c.switchboard: 35, None: 20} if c.switchboard else {mobile: 80, None: 20}
    return _phone(w, w.pick(options))


def _place_of(code: str) -> Place:
    return _CODE_PLACE[code]


_CODE_PLACE = {code: p for p in PLACES for code in p.codes}


def _address(w: _World, code: str | None, system: str, looked_up: bool) -> tuple[str | None, str | None]:
    """A postal code and city as written: the poststed, its municipality instead, capitals, æøå lost, a lost leading
    zero (a spreadsheet import), or missing."""
    if code is None:
        return None, None
    place = _place_of(code)
    city = place.poststed
    if looked_up:
        city = city.upper() if w.chance(0.7) else city
    else:
        how = w.pick({"poststed": 86, "municipality": 7, "upper": 3, "ascii": 2, "typo": 1, "missing": 1}
                     if system == "telaris" else
                     {"poststed": 91, "municipality": 5, "upper": 2, "ascii": 1, "typo": 0.5, "missing": 0.5})
        city = {"poststed": city, "municipality": place.municipality, "upper": city.upper(),
                "ascii": _ascii(city, TRANSLIT_ALT if w.chance(0.5) else TRANSLIT), "typo": _typo(w.rng, city),
                "missing": None}[how]
    if code.startswith("0") and w.chance(0.05 if system == "telaris" else 0.01):
        code = code.lstrip("0")
    return code, city


def _codes(w: _World, c: _Company) -> tuple[str | None, str | None]:
    """Telaris's and Tripletex's postal code of one company. Telaris has the site, Tripletex the invoice address;
    an office that moved is updated in one system only."""
    trip = c.post_code if w.chance(0.55) else c.code
    roll = w.rng.random()
    if roll < 0.80:
        tel = c.code
    elif roll < 0.92:  # another site in the town
        tel = w.code(c.place, other_than=c.code)
    elif roll < 0.97:
        tel = None
    else:  # a site in a neighbouring town
        tel = w.code(w.place(near=c.place))
    if c.presence == "both" and w.chance(0.08):  # moved: one system keeps the old address
        old_place = c.place if w.chance(0.55) else w.place(near=c.place)
        old = w.code(old_place, other_than=c.code)
        tel, trip = (old, trip) if w.chance(0.7) else (tel, old)
    return tel, trip


def _orgnr_sides(w: _World, c: _Company) -> tuple[str | None, str | None]:
    """The organisation number each system holds (Telaris, Tripletex). A branch that only Telaris has sometimes
    carries its parent's number, as people type what is on the invoice."""
    if c.presence == "both":
        both, trip_only, tel_only, _ = ORGNR_JOINT.get(c.form, ORGNR_JOINT_DEFAULT)
        which = w.pick({"both": both, "tripletex": trip_only, "telaris": tel_only, "neither": _})
        return (c.orgnr if which in ("both", "telaris") else None, c.orgnr if which in ("both", "tripletex") else None)
    if c.presence == "tripletex":
        return None, c.orgnr if w.chance(0.88) else None
    if c.parent_orgnr and w.chance(0.1):
        return c.parent_orgnr, None
    return (c.orgnr if w.chance(0.5) else None), None


def _rows(w: _World, c: _Company) -> None:
    tel_orgnr, trip_orgnr = _orgnr_sides(w, c)
    tel_code, trip_code = _codes(w, c)
    looked_up = trip_orgnr is not None and w.chance(0.4)
    if c.presence in ("both", "tripletex"):
        code, city = _address(w, c.post_code if looked_up else trip_code, "tripletex", looked_up)
        c.rows["tripletex"] = {
            "name": _name(w, c, "tripletex", looked_up),
            "organisation_number": _orgnr(w, trip_orgnr, "tripletex") if trip_orgnr else None,
            "email": _email(w, c, "tripletex"), "phone": _company_phone(w, c, "tripletex"),
            "postal_code": code, "city": city}
    if c.presence in ("both", "telaris"):
        code, city = _address(w, tel_code, "telaris", False)
        c.rows["telaris"] = {
            "name": _name(w, c, "telaris", False),
            "organisation_number": _orgnr(w, tel_orgnr, "telaris") if tel_orgnr else None,
            "email": _email(w, c, "telaris"), "phone": _company_phone(w, c, "telaris"),
            "postal_code": code, "city": city}


def _number_typo(rng: random.Random, number: str) -> str:
    i = rng.randrange(len(number) - 1)
    return number[:i] + number[i + 1] + number[i] + number[i + 2:]


def generate(companies: int, seed: int = 17) -> TwinData:
    """`companies` legal units (companies, sole proprietorships, co-operatives, branches), written into Telaris and
    Tripletex as people would have; deterministic by seed. Held out: choose no linking threshold on this data."""
    w = _World(seed)
    units: list[_Company] = []
    families, weights = list(FAMILIES), list(FAMILIES.values())
    while len(units) < companies:
        units.extend(w.rng.choices(families, weights=weights)[0](w))
    units = units[:companies]
    for c in units:
        _rows(w, c)

    trip = [c for c in units if "tripletex" in c.rows]
    w.rng.shuffle(trip)
    next_id = 500_001
    for n, c in enumerate(trip):
        c.rows["tripletex"] = {"record_id": str(next_id), "number": str(10_001 + n), **c.rows["tripletex"]}
        next_id += 1 if w.chance(0.9) else w.rng.randrange(2, 6)  # deleted records leave gaps

    tel = [c for c in units if "telaris" in c.rows]
    w.rng.shuffle(tel)
    own_number = 1_001
    data = TwinData()
    for n, c in enumerate(tel):
        twin = c.rows.get("tripletex")
        how = w.pick({"copied": 45, "own": 25, None: 30} if twin else {"own": 60, None: 40})
        number = None
        if how == "copied":
            number = twin["number"] if w.chance(0.99) else _number_typo(w.rng, twin["number"])
        elif how == "own":
            number, own_number = str(own_number), own_number + 1
        c.rows["telaris"] = {"record_id": f"f_{n + 1:06d}", "number": number, **c.rows["telaris"]}
        if twin:
            data.truth.add((c.rows["telaris"]["record_id"], int(twin["record_id"])))
    data.telaris = [c.rows["telaris"] for c in tel]
    data.tripletex = [c.rows["tripletex"] for c in trip]
    return data


def _digits(orgnr: str | None) -> str | None:
    if not orgnr:
        return None
    return re.sub(r"\s|NO|MVA", "", orgnr.upper()) or None


def shape(data: TwinData) -> dict:
    """Figures that describe a data set (no linking involved): rows, pairs, one-sided records, pairs with an
    organisation number on one side only, and groups of different companies whose names reduce alike."""
    tel = {r["record_id"]: r for r in data.telaris}
    trip = {int(r["record_id"]): r for r in data.tripletex}
    one_side = sum((_digits(tel[t]["organisation_number"]) is None) != (_digits(trip[x]["organisation_number"]) is None)
                   for t, x in data.truth)
    company = {("tripletex", x): ("telaris", t) for t, x in data.truth}
    by_name: dict[str, set] = {}
    for side, rows in (("telaris", data.telaris), ("tripletex", data.tripletex)):
        for r in rows:
            key = (side, r["record_id"] if side == "telaris" else int(r["record_id"]))
            by_name.setdefault(plain_name(r["name"]), set()).add(company.get(key, key))
    return {
        "telaris_rows": len(data.telaris), "tripletex_rows": len(data.tripletex), "truth_pairs": len(data.truth),
        "telaris_only": len(data.telaris) - len(data.truth), "tripletex_only": len(data.tripletex) - len(data.truth),
        "share_orgnr_one_side": round(one_side / max(len(data.truth), 1), 3),
        "namesake_groups": sum(len(ids) > 1 for ids in by_name.values()),
    }


if __name__ == "__main__":  # python -m sync_pipeline.sandboxes.twins_fresh [companies] [seed]
    import json
    import sys

    size, seed = (int(a) for a in (sys.argv[1:] + ["20000", "1"])[:2])
    started = time.perf_counter()
    generated = generate(size, seed)
    print(json.dumps({**shape(generated), "seconds": round(time.perf_counter() - started, 2)}))
