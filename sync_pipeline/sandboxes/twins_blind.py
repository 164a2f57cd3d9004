"""Held-out twin data for measuring initial linking: the register of a pest-control firm in Tromsø.

Written without sight of the matcher or of the other twin generators, so that precision and recall measured on it
are not flattered by rules tuned to a known generator. `generate(companies)` makes `companies` real-world parties
(people, companies, public units, suppliers), decides for each whether it lives in Telaris, in Tripletex or in both,
and types each copy the way that system's users type.

The firm ("Nordlys Skadedyrkontroll AS", Tromsø) sends technicians around Troms, Ofoten, Vesterålen and western
Finnmark against rats, mice, wasps, bedbugs and birds. Telaris is where dispatchers and technicians type customers,
standing at the job; Tripletex is where the accountant keeps invoice and registry data. All rates below were chosen
from judgement of such a firm before any output was looked at.

Who is in the register (share of parties, and why):
- 30 % private households: wasps, mice and bedbugs are a large share of call-outs. No orgnr. 12 % of households add a
  spouse or grown child at the same address (same landline, sometimes a shared family e-mail), and 2 % a father and
  son with the same name at the same address; namesakes elsewhere arise naturally from Nord-Norge's common names.
- 25 % local businesses (food handling, landlords, fish plants, farms, trades). Registry names are unique, so a
  second "Polarfisk AS" becomes "Polarfisk Tromsø AS" or "Polarfisk Nord AS": near-namesakes. Names are a place
  word (45 %), the owner's surname (35 %) or full name (20 %) plus the trade; 15 % trade under a name other than
  their legal one ("Kaia Kafé" is "Kaia Drift AS"). Sole proprietorships (farms) carry the owner's name by law.
- 8 % chain branches (Rema 1000, Coop, Scandic, Peppes ...): separate franchise companies sharing the chain's e-mail
  domain, often its invoice address and sometimes its head-office phone; 35 % have a legal name unlike the sign
  ("Langnes Dagligvare AS" for "Rema 1000 Langnes").
- 5 % company groups: 2-4 companies with one stem ("Polarfisk Holding AS", "Polarfisk Eiendom AS") sharing
  switchboard, e-mail domain and address.
- 3 % successor pairs: a company that went bankrupt and its successor at the same site with the same phone; the old
  one lives on mostly in Tripletex's history.
- 6 % public units (kommune nursing homes, schools): own orgnr, shared kommune switchboard and invoice e-mail.
- 10 % housing co-operatives and condominiums, 55 % of them run by a manager whose phone, e-mail domain and post box
  they share.
- 13 % suppliers: each national supplier once (wholesalers, fuel, phones, bank, insurance), the rest local trades.

Where each party lives (both / Telaris only / Tripletex only), because customers reach Tripletex only on invoice
export while the accountant keeps back-office suppliers and pre-Telaris customers to herself:
- households 70/25/5 (quotes never accepted, warranty re-visits); companies 72/14/14; suppliers used in the field
  60/5/35, back-office suppliers 10/0/90, local suppliers 45/10/45; a bankrupt predecessor 40/10/50.

How the two copies differ (per pair):
- Number: Tripletex numbers every customer from 10001 and every supplier from 20001 in creation order. Telaris
  holds the Tripletex number for 55 % of pairs (copied when invoicing started), its own legacy number (from 1001,
  suppliers from 501) for 25 %, none for 20 %; Telaris-only records have a legacy number 60 % of the time.
- Orgnr, companies: both sides 50 %, Tripletex only 30 % (the accountant looks it up for EHF), Telaris only 7 %,
  neither 13 %; suppliers 40/50/3/7. Telaris-only companies carry one 45 % of the time, Tripletex-only 80 %.
  Telaris writes it "987 654 321" 40 % of the time, Tripletex 10 %.
- Name: Tripletex keeps the registry name (85 %), upper case as fetched from Brønnøysund 35 % of the time. Telaris
  keeps the sign name (90 %), drops the legal form 55 %, puts "AS" in front 5 %, abbreviates (BRL, &, Rest.) 30 %,
  adds "v/ contact" or "- town" 4 % each, loses æøå 10 %, has a typo 6 %, upper case 6 %, lower case 3 %. People:
  Telaris "First Last" with the middle name half the time; Tripletex "Last, First" 20 %, "Last First" 10 %.
- E-mail: Telaris the contact's address 60 %, the invoice address 15 %, none 25 %; Tripletex the invoice address
  60 %, the contact's 20 %, none 20 %. Households give one private address to both.
- Phone: Telaris the contact's mobile 65 %, switchboard 20 %, none 15 %; Tripletex switchboard 50 %, mobile 25 %,
  none 25 %; each side formats independently (+47, spaces, 0047).
- Postal code and city: Telaris the site of the work (5 % empty); Tripletex the post address (a post box for 30 %
  of companies in towns with boxes; a cabin owner's home for 10 % of households), 5 % empty. City case and æøå
  vary by side.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from sync_pipeline.sandboxes import twins_blind_vocab as V
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

BOTH, TELARIS, TRIPLETEX = "both", "telaris", "tripletex"
ROW_KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")


@dataclass(frozen=True)
class Party:
    """One real-world customer or supplier, as it truly is, before either system's users type it."""

    kind: str  # person | company | supplier
    legal: str  # registry name (companies) or full name (people)
    trade: str  # what it is called on site; equals legal for people
    form: str  # legal form suffix of `legal` ("AS", "SA", ""), so that typists can drop or move it
    orgnr: str
    site: tuple[str, str]  # postal code and city where the work is done
    post: tuple[str, str]  # postal code and city where invoices go
    mobile: str
    switchboard: str
    contact_email: str
    invoice_email: str
    presence: str
    contact: str = ""  # contact person's name, for "v/ ..." in Telaris names
    back_office: bool = False


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    """One option label by weight; tuples (not dicts) keep the draw independent of hashing."""
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


_FOLDS = ({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"},
          {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "AE", "Ø": "OE", "Å": "AA"})


def fold(text: str, style: int = 0) -> str:
    """Text as typed on a keyboard or system without æøå (style 0: ø→o, style 1: ø→oe)."""
    table = _FOLDS[style]
    return "".join(table.get(ch, ch) for ch in text)


_NEIGHBOURS = {"a": "sq", "e": "wr", "i": "uo", "o": "ip", "n": "bm", "r": "et", "s": "ad", "t": "ry", "l": "kø",
               "k": "jl", "m": "n", "d": "sf", "g": "fh", "h": "gj", "u": "yi", "b": "vn", "f": "dg", "v": "cb"}


def typo(text: str, rng: random.Random) -> str:
    """One slip of the finger: a swapped, dropped, doubled or neighbouring letter."""
    spots = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(spots) < 4:
        return text
    i = rng.choice(spots[1:-1])
    how = rng.randrange(4)
    if how == 0 and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if how == 1:
        return text[:i] + text[i + 1:]
    if how == 2:
        return text[:i] + text[i] + text[i:]
    near = _NEIGHBOURS.get(text[i].lower(), "")
    return text[:i] + (rng.choice(near) if near else text[i] * 2) + text[i + 1:]


def vary(text: str, rng: random.Random, *, typo_p: float, fold_p: float, upper_p: float, lower_p: float) -> str:
    """The everyday damage a record suffers when typed: a typo, lost æøå, caps lock or no capitals at all."""
    if _chance(rng, typo_p):
        text = typo(text, rng)
    if _chance(rng, fold_p):
        text = fold(text, rng.randrange(2))
    case = rng.random()
    if case < upper_p:
        return text.upper()
    if case < upper_p + lower_p:
        return text.lower()
    return text


def slug(text: str) -> str:
    """Domain or mailbox part made from a name, the way people pick them (no æøå, no spaces)."""
    return "".join(ch for ch in fold(text.lower()) if ch.isalnum())


def format_phone(digits: str, rng: random.Random) -> str:
    """A Norwegian 8-digit number in one of the ways people write it."""
    if not digits:
        return ""
    mobile = digits[0] in "49"
    if mobile:
        spaced = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    else:
        spaced = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    how = rng.randrange(6)
    return (digits, spaced, spaced, f"+47 {spaced}", f"+47{digits}", f"0047{digits}")[how]


def format_orgnr(orgnr: str, rng: random.Random, spaced_p: float) -> str:
    return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}" if _chance(rng, spaced_p) else orgnr


class _World:
    """Draws parties family by family, so that relatives (spouses, branches, group companies) share what they share."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.new_orgnr: Callable[[], str] = unique_orgnrs(rng)
        self.legal_names: set[str] = set()
        self.used_branches: set[tuple[str, str]] = set()
        self.used_units: set[tuple[str, str, str]] = set()
        self.chain_phones: dict[str, str] = {}
        self.manager_phones: dict[str, str] = {}
        self.nationals = list(V.NATIONAL_SUPPLIERS)
        rng.shuffle(self.nationals)
        self.place_weights = [p.weight for p in V.PLACES]

    # --- small draws -------------------------------------------------------------------------------------------
    def place(self, places: tuple[V.Place, ...] = V.PLACES) -> V.Place:
        weights = self.place_weights if places is V.PLACES else [p.weight for p in places]
        return self.rng.choices(places, weights=weights)[0]

    def street(self, place: V.Place) -> tuple[str, str]:
        return self.rng.choice(place.street_codes), place.city

    def post_of(self, place: V.Place, site: tuple[str, str], box_p: float) -> tuple[str, str]:
        return (self.rng.choice(place.box_codes), place.city) if place.box_codes and _chance(self.rng, box_p) else site

    def mobile(self) -> str:
        return self.rng.choice("49") + f"{self.rng.randrange(10**7):07d}"

    def landline(self, place: V.Place) -> str:
        return place.landline + f"{self.rng.randrange(10 ** (8 - len(place.landline))):0{8 - len(place.landline)}d}"

    def person_name(self, middle_p: float = 0.0) -> tuple[str, str]:
        """First name (with a middle name of the same sex at `middle_p`) and surname."""
        names = V.MALE if _chance(self.rng, 0.5) else V.FEMALE
        first = self.rng.choice(names)
        if _chance(self.rng, middle_p):
            first = f"{first} {self.rng.choice([n for n in names if n != first])}"
        return first, self.rng.choice(V.SURNAMES)

    def private_email(self, first: str, last: str) -> str:
        local = _weighted(self.rng, (("dot", 4), ("plain", 3), ("initial", 2), ("year", 3)))
        f, s = slug(first), slug(last)
        year = self.rng.randrange(50, 100)
        box = {"dot": f"{f}.{s}", "plain": f"{f}{s}", "initial": f"{f[0]}{s}", "year": f"{f}{s}{year}"}
        return f"{box[local]}@{self.rng.choice(V.PRIVATE_MAIL)}"

    def work_email(self, first: str, last: str, domain: str) -> str:
        f, s = slug(first), slug(last)
        return self.rng.choice((f"{f}.{s}", f, f"{f[0]}{s}", f"{f}.{s}")) + "@" + domain

    def unique_legal(self, name: str, form: str, place: V.Place) -> str:
        """A registry name not yet taken: Brønnøysund refuses a second identical one, so people add a town or "Nord"."""
        full = f"{name} {form}".strip()
        for extra in ("", place.city, "Nord", "Nord-Norge", "Troms", "Arktis", "2", "Holding"):
            if extra and extra in name.split(" "):
                continue
            candidate = f"{name} {extra} {form}".replace("  ", " ").strip() if extra else full
            if candidate not in self.legal_names:
                self.legal_names.add(candidate)
                return candidate
        candidate = f"{name} {len(self.legal_names)} {form}".strip()
        self.legal_names.add(candidate)
        return candidate

    def presence(self, both: float, telaris: float, tripletex: float) -> str:
        return _weighted(self.rng, ((BOTH, both), (TELARIS, telaris), (TRIPLETEX, tripletex)))

    def company(self, trade: str, form: str, place: V.Place, domain: str, **over: object) -> Party:
        """A company with its own orgnr, a contact person and the usual defaults; families override what they share."""
        rng = self.rng
        base = str(over.pop("legal_base", trade))
        legal = self.unique_legal(base, form, place)
        if base == trade:  # the forced extra word ("Polarfisk Nord AS") is part of the name people use too
            trade = legal.removesuffix(f" {form}") if form else legal
        site = self.street(place)
        first, last = self.person_name()
        small = _chance(rng, 0.3)
        party = Party(
            kind="company",
            legal=legal,
            trade=trade,
            form=form,
            orgnr=self.new_orgnr(),
            site=site,
            post=self.post_of(place, site, 0.3),
            mobile=self.mobile(),
            switchboard="" if small else self.landline(place),
            contact_email=self.private_email(first, last) if small else self.work_email(first, last, domain),
            invoice_email=rng.choice(("faktura", "post", "regnskap", "post", "faktura")) + "@" + domain,
            presence=self.presence(0.72, 0.14, 0.14),
            contact=f"{first} {last}",
        )
        return replace(party, **over)  # type: ignore[arg-type]

    # --- families ----------------------------------------------------------------------------------------------
    def household(self) -> list[Party]:
        rng = self.rng
        given, last = self.person_name(middle_p=0.25)
        first = given.split(" ")[0]
        place = self.place()
        site = self.street(place)
        cabin = _chance(rng, 0.10)
        post = self.street(self.place()) if cabin else site
        landline = self.landline(place) if _chance(rng, 0.25) else ""
        email = self.private_email(first, last) if _chance(rng, 0.9) else ""
        head = Party("person", f"{given} {last}", first, "", "", site, post,
                     self.mobile() if _chance(rng, 0.95) else "", landline, email, email,
                     self.presence(0.70, 0.25, 0.05))
        family = [head]
        roll = rng.random()
        if roll < 0.12:
            other, own = self.person_name()
            surname = last if _chance(rng, 0.7) else own
            shared = _chance(rng, 0.3)
            family_mail = f"familien{slug(surname)}@{rng.choice(V.PRIVATE_MAIL)}"
            mail = family_mail if shared else self.private_email(other, surname)
            family.append(replace(head, legal=f"{other} {surname}", trade=other, mobile=self.mobile(),
                                  contact_email=mail, invoice_email=mail, presence=self.presence(0.70, 0.25, 0.05)))
            if shared:
                family[0] = replace(head, contact_email=mail, invoice_email=mail)
        elif roll < 0.14:
            family.append(replace(head, mobile=self.mobile(), contact_email=self.private_email(first, last),
                                  invoice_email="", presence=self.presence(0.70, 0.25, 0.05)))
        return family

    def local_business(self) -> list[Party]:
        rng = self.rng
        kind, form, _ = rng.choices(V.BUSINESS_KINDS, weights=[k[2] for k in V.BUSINESS_KINDS])[0]
        place = self.place()
        if form == "ENK":
            first, last = self.person_name()
            stem = rng.choice(V.STEMS)
            return [self.company(f"{stem} {kind.lower()}", "", place, f"{slug(stem)}gard.no",
                                 legal_base=f"{stem} {kind} {first} {last}", contact=f"{first} {last}")]
        first, last = self.person_name()
        stem = _weighted(rng, ((rng.choice(V.STEMS), 0.45), (last, 0.35), (f"{first} {last}", 0.20)))
        trade = f"{stem} {kind}"
        domain = f"{slug(trade)}.no"
        legal_base = f"{stem} Drift" if _chance(rng, 0.15) else trade
        return [self.company(trade, form, place, domain, legal_base=legal_base)]

    def chain_branches(self) -> list[Party]:
        rng = self.rng
        chain, domain, legal_stem = rng.choice(V.CHAINS)
        free = [s for s in V.BRANCH_SITES if (chain, s) not in self.used_branches]
        if not free:
            return self.local_business()
        head_office = self.chain_phones.setdefault(chain, "22" + f"{rng.randrange(10**6):06d}")
        branches = []
        for site_name in rng.sample(free, min(len(free), rng.choice((1, 1, 2, 3)))):
            self.used_branches.add((chain, site_name))
            place = next((p for p in V.PLACES if p.city == site_name), V.PLACES[0])
            odd = _chance(rng, 0.35)
            legal_base = f"{site_name} {legal_stem}" if odd else f"{chain} {site_name}"
            invoice = f"faktura@{domain}" if _chance(rng, 0.5) else f"{slug(site_name)}.faktura@{domain}"
            branch = self.company(f"{chain} {site_name}", "AS", place, domain, legal_base=legal_base,
                                  invoice_email=invoice)
            if _chance(rng, 0.3):
                branch = replace(branch, switchboard=head_office)
            branches.append(replace(branch, contact_email=f"{slug(site_name)}@{domain}")
                            if _chance(rng, 0.5) else branch)
        return branches

    def group(self) -> list[Party]:
        rng = self.rng
        stem = rng.choice(V.STEMS + V.SURNAMES)
        place = self.place()
        domain = f"{slug(stem)}.no"
        shared = self.company(f"{stem} Holding", "AS", place, domain)
        members = [shared]
        for part in rng.sample(("Eiendom", "Drift", "Fisk", "Bygg", "Transport", "Invest"), rng.randrange(1, 4)):
            member = self.company(f"{stem} {part}", "AS", place, domain)
            members.append(replace(member, site=shared.site, post=shared.post, switchboard=shared.switchboard,
                                   invoice_email=shared.invoice_email if _chance(rng, 0.6) else member.invoice_email))
        return members

    def successor(self) -> list[Party]:
        old = self.local_business()[0]
        old = replace(old, presence=self.presence(0.40, 0.10, 0.50))
        place = next((p for p in V.PLACES if p.city == old.site[1]), V.PLACES[0])
        base = old.trade if old.legal.startswith(old.trade) else old.legal.removesuffix(f" {old.form}")
        new = self.company(old.trade, old.form, place, old.invoice_email.split("@")[1],
                           legal_base=self.rng.choice((f"Ny {base}", f"{base} Drift", base)))
        return [old, replace(new, site=old.site, switchboard=old.switchboard or new.switchboard)]

    def public_unit(self) -> list[Party]:
        rng = self.rng
        municipality, domain = rng.choice(V.MUNICIPALITIES)
        stem, unit = rng.choice(V.STEMS), rng.choice(V.PUBLIC_UNITS)
        if (municipality, stem, unit) in self.used_units:
            return self.local_business()
        self.used_units.add((municipality, stem, unit))
        place = next((p for p in V.PLACES if municipality.startswith(p.city)), V.PLACES[0])
        phone = self.chain_phones.setdefault(municipality, place.landline + f"{rng.randrange(10**5):05d}")
        unit_name = f"{stem} {unit}"
        return [self.company(unit_name, "", place, domain, legal_base=f"{municipality} - {unit_name}",
                             switchboard=phone, invoice_email=f"faktura@{domain}")]

    def housing(self) -> list[Party]:
        rng = self.rng
        form = rng.choice(V.HOUSING_FORMS)
        place = self.place()
        name = (f"{rng.choice(V.STEMS)} {form}" if form == "Borettslag"
                else f"{form}t {rng.choice(V.STREETS)} {rng.randrange(1, 60)}")
        party = self.company(name, "", place, f"{slug(name)}.no")
        if _chance(rng, 0.55):
            manager, domain = rng.choice(V.HOUSING_MANAGERS)
            phone = self.manager_phones.setdefault(manager, self.landline(V.PLACES[0]))
            party = replace(party, switchboard=phone, invoice_email=f"faktura@{domain}",
                            post=(V.PLACES[0].box_codes[len(manager) % len(V.PLACES[0].box_codes)], "Tromsø"),
                            contact_email=f"{slug(name)[:12]}@{domain}" if _chance(rng, 0.5) else party.contact_email)
        return [party]

    def supplier(self) -> list[Party]:
        rng = self.rng
        if self.nationals and _chance(rng, 0.3):
            legal, domain, short, field = self.nationals.pop()
            place = self.place(V.SUPPLIER_PLACES)
            form = legal.rsplit(" ", 1)[1] if legal.rsplit(" ", 1)[1] in ("AS", "ASA", "SA") else ""
            party = self.company(short, form, place, domain, legal_base=legal.removesuffix(f" {form}"),
                                 presence=self.presence(0.60, 0.05, 0.35) if field else self.presence(0.10, 0, 0.90))
            return [replace(party, kind="supplier", back_office=not field, contact_email=f"kundeservice@{domain}")]
        kind = rng.choice(V.LOCAL_SUPPLIER_KINDS)
        stem = rng.choice(V.STEMS + V.SURNAMES)
        party = self.company(f"{stem} {kind}", "AS", self.place(), f"{slug(stem + kind)}.no",
                             presence=self.presence(0.45, 0.10, 0.45))
        return [replace(party, kind="supplier")]

    def family(self) -> list[Party]:
        pick = _weighted(self.rng, (("household", 30), ("business", 25), ("chain", 8), ("group", 5),
                                    ("successor", 3), ("public", 6), ("housing", 10), ("supplier", 13)))
        return {"household": self.household, "business": self.local_business, "chain": self.chain_branches,
                "group": self.group, "successor": self.successor, "public": self.public_unit,
                "housing": self.housing, "supplier": self.supplier}[pick]()


# --- how each system's users type a party ------------------------------------------------------------------------

def _person_name(party: Party, rng: random.Random, *, telaris: bool) -> str:
    parts = party.legal.split(" ")
    first, last, middle = parts[0], parts[-1], parts[1:-1]
    if middle:
        keep = _weighted(rng, (("full", 0.5), ("initial", 0.0 if telaris else 0.2), ("none", 0.5 if telaris else 0.3)))
        first = {"full": " ".join([first, *middle]), "initial": f"{first} {middle[0][0]}.", "none": first}[keep]
    order = _weighted(rng, (("fl", 0.92 if telaris else 0.70), ("l,f", 0.05 if telaris else 0.20),
                            ("lf", 0.03 if telaris else 0.10)))
    name = {"fl": f"{first} {last}", "l,f": f"{last}, {first}", "lf": f"{last} {first}"}[order]
    if telaris:
        return vary(name, rng, typo_p=0.05, fold_p=0.08, upper_p=0.03, lower_p=0.05)
    return vary(name, rng, typo_p=0.02, fold_p=0.02, upper_p=0.05, lower_p=0.0)


def _abbreviate(name: str, rng: random.Random) -> str:
    for long, shorts in V.ABBREVIATIONS:
        if long in name:
            return name.replace(long, rng.choice(shorts), 1)
    return name


def telaris_name(party: Party, rng: random.Random) -> str:
    """The name a dispatcher types: the sign on the door, legal form as it comes, sometimes with the contact."""
    if party.kind == "person":
        return _person_name(party, rng, telaris=True)
    name = party.trade if _chance(rng, 0.9) else party.legal.removesuffix(f" {party.form}")
    if party.form:
        where = _weighted(rng, (("drop", 0.55), ("end", 0.40), ("front", 0.05)))
        name = {"drop": name, "end": f"{name} {party.form}", "front": f"{party.form} {name}"}[where]
    if _chance(rng, 0.30):
        name = _abbreviate(name, rng)
    extra = rng.random()
    if extra < 0.04 and party.contact:
        name = f"{name} v/ {party.contact}"
    elif extra < 0.08:
        name = f"{name} - {party.site[1]}"
    return vary(name, rng, typo_p=0.06, fold_p=0.10, upper_p=0.06, lower_p=0.03)


def tripletex_name(party: Party, rng: random.Random) -> str:
    """The name the accountant keeps: the registry name, often in Brønnøysund's capitals."""
    if party.kind == "person":
        return _person_name(party, rng, telaris=False)
    name = party.legal if _chance(rng, 0.85) else f"{party.trade} {party.form}".strip()
    return vary(name, rng, typo_p=0.02, fold_p=0.03, upper_p=0.35, lower_p=0.0)


def _first_of(rng: random.Random, options: tuple[tuple[str, float], ...], values: dict[str, str]) -> str:
    """A field drawn by habit; when the habitual value is missing the typist falls back to any other one."""
    choice = _weighted(rng, options)
    if choice == "none":
        return ""
    return values[choice] or next((values[k] for k, _ in options if k != "none" and values[k]), "")


def _city(city: str, rng: random.Random, *, telaris: bool) -> str:
    if telaris:
        return vary(city, rng, typo_p=0.02, fold_p=0.08, upper_p=0.07, lower_p=0.05)
    return vary(city, rng, typo_p=0.0, fold_p=0.0, upper_p=0.40, lower_p=0.0)


def _row(party: Party, rng: random.Random, *, telaris: bool, number: str, orgnr: bool) -> dict[str, str]:
    """One system's copy of a party; both systems go through here so that only their habits differ."""
    values = {"contact": party.contact_email, "invoice": party.invoice_email}
    phones = {"mobile": party.mobile, "switchboard": party.switchboard}
    if telaris:
        email = _first_of(rng, (("contact", 0.60), ("invoice", 0.15), ("none", 0.25)), values)
        if email and _chance(rng, 0.04):
            email = email[0].upper() + email[1:]
        phone = _first_of(rng, (("mobile", 0.65), ("switchboard", 0.20), ("none", 0.15)), phones)
        where = _weighted(rng, (("site", 0.95), ("none", 0.05)))
        name = telaris_name(party, rng)
    else:
        email = _first_of(rng, (("invoice", 0.60), ("contact", 0.20), ("none", 0.20)), values)
        phone = _first_of(rng, (("switchboard", 0.50), ("mobile", 0.25), ("none", 0.25)), phones)
        where = _weighted(rng, (("post", 0.90), ("site", 0.05), ("none", 0.05)))
        name = tripletex_name(party, rng)
    code, city = {"site": party.site, "post": party.post, "none": ("", "")}[where]
    return {
        "record_id": "",
        "name": name,
        "number": number,
        "organisation_number": format_orgnr(party.orgnr, rng, 0.40 if telaris else 0.10) if orgnr else "",
        "email": email,
        "phone": format_phone(phone, rng),
        "postal_code": code,
        "city": _city(city, rng, telaris=telaris) if city else "",
    }


def _orgnr_sides(party: Party, rng: random.Random) -> tuple[bool, bool]:
    """Which copies carry the orgnr: the accountant needs it for EHF, the dispatcher rarely asks for it."""
    if not party.orgnr:
        return False, False
    if party.presence == TELARIS:
        return _chance(rng, 0.45), False
    if party.presence == TRIPLETEX:
        return False, _chance(rng, 0.80)
    rates = (0.40, 0.50, 0.03, 0.07) if party.kind == "supplier" else (0.50, 0.30, 0.07, 0.13)
    side = _weighted(rng, tuple(zip(("both", "tx", "tl", "neither"), rates, strict=True)))
    return side in ("both", "tl"), side in ("both", "tx")


class _Counter:
    """Sequential numbers that skip values already taken, as a system's own numbering would."""

    def __init__(self, start: int, taken: set[int]) -> None:
        self.next, self.taken = start, taken

    def __call__(self) -> int:
        while self.next in self.taken:
            self.next += 1
        self.taken.add(self.next)
        return self.next


def generate(companies: int, seed: int = 2026) -> TwinData:
    """`companies` real-world parties of a Tromsø pest-control firm, typed into Telaris and Tripletex.

    Truth pairs each Telaris record with the Tripletex record of the same party; one-sided parties have no pair.
    """
    rng = random.Random(seed)
    world = _World(rng)
    parties: list[Party] = []
    while len(parties) < companies:
        parties.extend(world.family())
    del parties[companies:]

    # Tripletex numbers in creation order: a random order of the records the accountant has.
    in_tripletex = [i for i, p in enumerate(parties) if p.presence != TELARIS]
    rng.shuffle(in_tripletex)
    customer_no, supplier_no = _Counter(10001, set()), _Counter(20001, set())
    tx_number = {i: (supplier_no if parties[i].kind == "supplier" else customer_no)() for i in in_tripletex}

    copied = {i for i in tx_number if parties[i].presence == BOTH and _chance(rng, 0.55)}
    taken_customer = {tx_number[i] for i in sorted(copied) if parties[i].kind != "supplier"}
    taken_supplier = {tx_number[i] for i in sorted(copied) if parties[i].kind == "supplier"}
    own_customer, own_supplier = _Counter(1001, taken_customer), _Counter(501, taken_supplier)

    telaris: list[tuple[int, dict[str, str]]] = []
    tripletex: list[tuple[int, dict[str, str]]] = []
    for i, party in enumerate(parties):
        on_telaris, on_tripletex = _orgnr_sides(party, rng)
        if party.presence != TELARIS:
            tripletex.append((i, _row(party, rng, telaris=False, number=str(tx_number[i]), orgnr=on_tripletex)))
        if party.presence != TRIPLETEX:
            own = own_supplier if party.kind == "supplier" else own_customer
            if i in copied:
                number = str(tx_number[i])
            elif _chance(rng, 0.25 / 0.45 if party.presence == BOTH else 0.60):
                number = str(own())
            else:
                number = ""
            telaris.append((i, _row(party, rng, telaris=True, number=number, orgnr=on_telaris)))

    rng.shuffle(telaris)
    rng.shuffle(tripletex)
    telaris_id: dict[int, str] = {}
    for n, (i, row) in enumerate(telaris, start=1):
        row["record_id"] = telaris_id[i] = f"g_{n:06d}"
    truth: set[tuple[str, int]] = set()
    for n, (i, row) in enumerate(tripletex, start=700001):
        row["record_id"] = str(n)
        if i in telaris_id:
            truth.add((telaris_id[i], n))
    return TwinData(telaris=[row for _, row in telaris], tripletex=[row for _, row in tripletex], truth=truth)
