"""Held-out twin data of a lift and escalator service firm in Oslo and Akershus, for measuring the initial linking.

Written without sight of the matcher, the other generators or any result; every rate below was chosen from judgement
of such a firm's two registers before any output was looked at. `companies` counts real-world parties.

Party mix (share of parties; why):
- 33.5 % housing co-operatives and condominiums: most lifts in Oslo are in blocks of flats; 80 % of them are run by
  one of 8 property managers, whose post box, switchboard and invoice box they share in the accounts.
- 18 % property companies' single-purpose companies, in groups of 1-8 (skewed to small): each building is its own AS;
  sister companies share a stem, the group's domain, invoice box and technical manager.
- 12 % other businesses (goods lifts in restaurants, warehouses, clinics, offices): own company, own everything.
- 9 % municipal and hospital units (schools, nursing homes, bydeler, hospital buildings): 75 % invoice under their
  agency's or municipality's organisation number and share its switchboard and invoice address; bydeler own one.
- 5 % chain shops: each shop its own company, half of them a franchisee's name unlike the sign on the door; half
  invoice through the chain's one invoice box.
- 2.5 % hotels (half in a chain sharing its domain and invoice box), 1.5 % shopping centres, 1.5 % private clinics.
- 3 % private households with home lifts: no organisation number, private e-mail and mobile.
- 9 % suppliers the technicians use (wholesalers, subcontractors, 40 % of these one-man firms on a private mobile and
  e-mail; six fuel, telecom, insurance and alarm firms; five foreign component makers without a Norwegian
  organisation number); 5 % back-office suppliers (accountant, IT, cleaning, rent, lawyers).

Who is where (both / Telaris only / Tripletex only; why):
- customers 72/14/14: Telaris holds quotes and sites not yet invoiced; Tripletex holds one-off invoices typed by the
  accountant and customers from before Telaris. Households 60/30/10 (many quotes never accepted), municipal units
  70/12/18 (a school's one-off repair is often invoiced without a work order), suppliers in the field 45/10/45,
  back-office suppliers 0/0/100 (the accountant keeps them only in Tripletex).
- hard cases on top: 2.5 % of co-ops, property and municipal customers in Telaris have a second Telaris record for
  another entrance or block (one-sided); 1 % of Tripletex customers were created twice by the accountant (the copy is
  one-sided); 1.5 % of paired companies have a successor company in Tripletex only (new organisation number, similar
  name, same contact details); 1 % of paired businesses are also a supplier, a second Tripletex record.

How each system is typed:
- Names. Tripletex: with an organisation number, 65 % the registry name from the lookup (40 % of those in the
  registry's capitals), else typed; without one always typed. Typed: the legal form dropped 30 % (moved to the
  front in 15 % of those), abbreviations ("Brl", "Eiend.") 15 %, from the registry name 70 % or the sign 30 %.
  Telaris: the name on the sign or the site 55 %, the registry name 30 %, the registry name typed loosely 15 %;
  then a contact person ("v/ Kari Hansen") 5 %, a department or entrance 6 %, capitals from the legacy import 6 %,
  lower case 4 %, æøå lost 4 % (2 % in Tripletex), one typo 4 % (2 % in Tripletex).
- Numbers. Tripletex numbers every customer from 10001 and supplier from 20001 (series may overlap at large sizes).
  Telaris, paired: a copy of the Tripletex number 45 % (1.5 % of copies one digit wrong), its legacy number ("4471",
  "K-4471", "04471") 20 %, none 35 %; Telaris only: legacy 35 %, none 65 %.
- Organisation numbers. Tripletex holds them for 88 % of companies (EHF invoicing needs them), 85 % of co-ops and
  suppliers, 92 % of public units; Telaris for 45 % of companies, 35 % of co-ops and public units, 50 % of
  suppliers. Format: Telaris digits 70 %, spaced 22 %, "NO 987 654 321 MVA" or "987654321MVA" 8 %; Tripletex
  digits 92 %, spaced 6 %, MVA 2 %.
- E-mail. Telaris the field contact 60 %, the role address (post@/styret@) 15 %, the invoice box 5 %, none 20 %;
  Tripletex the invoice box 55 % (none when the party takes EHF), the contact 15 %, the role address 15 %, none 15 %.
  3 % typed with capitals.
- Phone. Telaris a mobile (caretaker, board chair, site manager) 55 %, the switchboard 30 %, none 15 %; Tripletex the
  switchboard 45 %, a mobile 20 %, none 35 %. Formats: "22 33 44 55" 40 %, "22334455" 25 %, "+47 22 33 44 55" 20 %,
  "+4722334455" 8 %, "0047…" 7 %.
- Postal code and city. Telaris the site (where the lift is); Tripletex the invoice address: a manager's or
  municipality's post box for 85 % / 75 % of their clients, a property group's office or box for all its companies
  (half of groups a box), another company's post box 30 %, else the site. Blank code and city 6 % Telaris, 4 %
  Tripletex; city in capitals 8 % Telaris, 30 % Tripletex (the registry's); Telaris city blank with a code 5 %, in
  lower case 4 %; one digit wrong in the code 1 %.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from sync_pipeline.sandboxes import twins_vault_vocab as v
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

ROW_KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")
KINDS = {  # kind: (share of parties, presence weights both / telaris only / tripletex only)
    "coop": (33.5, (72, 14, 14)),
    "property": (18.0, (72, 14, 14)),
    "business": (12.0, (72, 14, 14)),
    "public": (9.0, (70, 12, 18)),
    "chain": (5.0, (72, 14, 14)),
    "hotel": (2.5, (72, 14, 14)),
    "centre": (1.5, (72, 14, 14)),
    "clinic": (1.5, (72, 14, 14)),
    "household": (3.0, (60, 30, 10)),
    "supplier": (9.0, (45, 10, 45)),
    "backoffice": (5.0, (0, 0, 100)),
}
GROUP_SIZES = {1: 30, 2: 20, 3: 15, 4: 10, 5: 8, 6: 7, 7: 5, 8: 5}  # companies per property group, skewed small
MEAN_GROUP = sum(size * weight for size, weight in GROUP_SIZES.items()) / sum(GROUP_SIZES.values())
SUPPLIER_KINDS = ("supplier", "backoffice")
COMPANY_KINDS = ("property", "business", "chain", "hotel", "centre", "clinic")


@dataclass
class Party:
    """One real-world party as the world holds it; the two systems each write down part of it."""

    kind: str
    registry: str  # the name in the register of legal entities
    sign: str  # the name on the door or the site, what technicians say
    orgnr: str
    contact: str  # the field contact's e-mail
    role: str  # post@, styret@, postmottak@
    invoice: str  # the invoice box; "" when invoices go by EHF
    switchboard: str
    mobile: str
    site: tuple[str, str]
    billing: tuple[str, str]
    presence: str = "both"
    foreign: str = ""  # dialling prefix of a foreign supplier


def _slug(text: str) -> str:
    out = "".join(v.TRANSLIT.get(c, c) for c in text.lower())
    return "".join(c for c in out if c.isalnum())


def _fold(text: str) -> str:
    return "".join(v.TRANSLIT.get(c, c) for c in text)


def _chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def _pick(rng: random.Random, weighted: dict[str, float]) -> str:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


class _World:
    """Draws parties; holds what parties share (managers, municipalities, chains) so sharing is real."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgnr = unique_orgnrs(rng)
        self.agency_orgnr: dict[str, str] = {}
        self.used_utilities = 0
        self.used_foreign = 0

    # --- small draws -------------------------------------------------------------------------------------------
    def landline(self, akershus: bool = False) -> str:
        return ("6" if akershus else "2") + "".join(str(self.rng.randrange(10)) for _ in range(7))

    def mobile(self) -> str:
        return self.rng.choice("49") + "".join(str(self.rng.randrange(10)) for _ in range(7))

    def person(self) -> tuple[str, str]:
        return self.rng.choice(v.FIRST_NAMES), self.rng.choice(v.LAST_NAMES)

    def person_email(self, domain: str) -> str:
        first, last = self.person()
        return f"{_slug(first)}.{_slug(last)}@{domain}"

    def private_email(self, person: tuple[str, str] | None = None) -> str:
        first, last = person or self.person()
        style = self.rng.randrange(3)
        local = [f"{_slug(first)}.{_slug(last)}", f"{_slug(first)}{_slug(last)}{self.rng.randrange(10, 99)}",
                 f"{_slug(first)[0]}{_slug(last)}"][style]
        return f"{local}@{self.rng.choice(v.PRIVATE_DOMAINS)}"

    def oslo_place(self) -> tuple[str, str]:
        low, high = self.rng.choice(v.OSLO_RANGES)
        return f"{self.rng.randint(low, high):04d}", "Oslo"

    def site_place(self) -> tuple[str, str]:
        return self.oslo_place() if _chance(self.rng, 0.6) else self.rng.choice(v.AKERSHUS_PLACES)

    def box_place(self, near: tuple[str, str]) -> tuple[str, str]:
        if near[1] == "Oslo" or _chance(self.rng, 0.4):
            low, high = self.rng.choice(v.OSLO_BOXES)
            return f"{self.rng.randint(low, high):04d}", "Oslo"
        return self.rng.choice(v.AKERSHUS_BOXES)

    def form(self) -> str:
        return self.rng.choice(v.FORMS)

    def address_name(self) -> str:
        return f"{self.rng.choice(v.STREETS)} {self.rng.randint(1, 140)}"

    # --- parties by kind ----------------------------------------------------------------------------------------
    def coop(self) -> list[Party]:
        rng = self.rng
        shape = rng.random()
        if shape < 0.55:
            base = f"{rng.choice(v.STEMS)} {rng.choice(v.RESIDENTIAL_SUFFIXES)}"
        elif shape < 0.85:
            base = self.address_name()
        else:
            base = rng.choice(v.STEMS)
        if _chance(rng, 0.6):
            registry = rng.choice([f"Borettslaget {base}", f"{base} Borettslag", f"{base} Borettslag"])
            sign = rng.choice([f"Brl {base}", f"{base} brl", f"{base} borettslag", base])
        else:
            registry = rng.choice([f"Sameiet {base}", f"{base} Sameie", f"Eierseksjonssameiet {base}"])
            sign = rng.choice([f"Sameiet {base}", f"{base} sameie", f"Sameie {base}", base])
        if _chance(rng, 0.08):
            sign = self.address_name()  # the dispatcher names the site by its address
        site = self.site_place()
        styret = f"styret@{_slug(base)}.no"
        if _chance(rng, 0.8):
            _, domain, switchboard, box, city = rng.choice(v.MANAGERS)
            contact = _pick(rng, {"manager": 35, "chair": 35, "board": 15, "caretaker": 15})
            contact_email = {"manager": self.person_email(domain), "board": styret}.get(contact) or self.private_email()
            invoice = _pick(rng, {f"faktura@{domain}": 60, "": 25, styret: 15})
            billing = (box, city) if _chance(rng, 0.85) else site
            return [Party("coop", registry, sign, self.orgnr(), contact_email, styret, invoice, switchboard,
                          self.mobile(), site, billing)]
        contact_email = self.private_email() if _chance(rng, 0.6) else styret
        invoice = _pick(rng, {styret: 50, contact_email: 30, "": 20})
        return [Party("coop", registry, sign, self.orgnr(), contact_email, styret, invoice, "", self.mobile(),
                      site, site)]

    def property(self) -> list[Party]:
        rng = self.rng
        stem = rng.choice(v.STEMS + v.LAST_NAMES)
        domain = f"{_slug(stem)}eiendom.no"
        switchboard = self.landline()
        hq = self.site_place()
        box = self.box_place(hq) if _chance(rng, 0.5) else hq
        size = rng.choices(list(GROUP_SIZES), weights=list(GROUP_SIZES.values()))[0]
        manager = self.person_email(domain)
        parties: list[Party] = []
        names: list[str] = []
        for index in range(size):
            address = self.address_name()
            options = [f"{stem} Eiendom", f"{stem} Næring {index + 1}", f"{address}", f"{stem} Kontorbygg",
                       f"Eiendomsselskapet {address}", f"{stem} Handelseiendom", f"{stem} Eiendom {index + 1}"]
            base = options[0] if index == 0 else rng.choice(options[1:])
            if base in names:
                base = f"{base} {index + 1}" if not base[-1].isdigit() else f"{address}"
            names.append(base)
            registry = f"{base} {rng.choice(['AS', 'AS', 'AS', 'KS'])}"
            sign = rng.choice([address, base, f"{stem} Eiendom - {address}", f"{base} ({address})"])
            contact = manager if _chance(rng, 0.6) else self.person_email(domain)
            invoice = _pick(rng, {f"faktura@{domain}": 60, "": 30, f"regnskap@{domain}": 10})
            parties.append(Party("property", registry, sign, self.orgnr(), contact, f"post@{domain}", invoice,
                                 switchboard, self.mobile(), self.site_place(), box))
        return parties

    def _plain_company(self, kind: str, registry: str, sign: str, domain: str) -> Party:
        rng = self.rng
        site = self.site_place()
        billing = self.box_place(site) if _chance(rng, 0.3) else site
        invoice = _pick(rng, {f"faktura@{domain}": 45, "": 25, f"post@{domain}": 15, f"regnskap@{domain}": 15})
        return Party(kind, registry, sign, self.orgnr(), self.person_email(domain), f"post@{domain}", invoice,
                     self.landline(site[1] != "Oslo"), self.mobile(), site, billing)

    def business(self) -> list[Party]:
        rng = self.rng
        owner = rng.choice(v.LAST_NAMES + v.STEMS)
        trade = rng.choice(v.TRADES)
        registry = f"{owner} {trade} {self.form()}"
        sign = rng.choice([f"{owner} {trade}", f"{owner}", f"{trade} {owner}", registry])
        return [self._plain_company("business", registry, sign, f"{_slug(owner)}{_slug(trade)[:6]}.no")]

    def centre(self) -> list[Party]:
        stem = self.rng.choice(v.STEMS)
        word = self.rng.choice(v.CENTRE_WORDS)
        registry = self.rng.choice([f"{stem} {word} AS", f"{stem} {word} Drift AS", f"{stem} Senter Eiendom AS"])
        sign = self.rng.choice([f"{stem} {word}", f"{stem}senteret", f"{stem} {word} - senterledelsen"])
        return [self._plain_company("centre", registry, sign, f"{_slug(stem)}senter.no")]

    def clinic(self) -> list[Party]:
        stem = self.rng.choice(v.STEMS)
        what = self.rng.choice(["Legesenter", "Tannhelse", "Sykehjem", "Fysioterapi", "Helsehus"])
        registry = f"{stem} {what} AS"
        return [self._plain_company("clinic", registry, f"{stem} {what}", f"{_slug(stem)}{_slug(what)}.no")]

    def hotel(self) -> list[Party]:
        rng = self.rng
        stem = rng.choice(v.STEMS)
        if _chance(rng, 0.5):
            chain = rng.choice(v.HOTEL_CHAINS)
            domain = f"{_slug(chain)}.no"
            party = self._plain_company("hotel", rng.choice([f"{chain} {stem} AS", f"{stem} Hotelldrift AS"]),
                                        rng.choice([f"{chain} {stem}", f"{chain} Hotel {stem}"]), domain)
            party.invoice = f"faktura@{domain}" if _chance(rng, 0.7) else ""
            party.contact = self.person_email(domain)
            return [party]
        return [self._plain_company("hotel", f"{stem} Hotell AS", f"Hotell {stem}", f"{_slug(stem)}hotell.no")]

    def chain(self) -> list[Party]:
        rng = self.rng
        brand, domain = rng.choice(v.CHAINS)
        stem = rng.choice(v.STEMS)
        sign = f"{brand} {stem}"
        if _chance(rng, 0.5):
            registry = f"{brand} {stem} AS"
        else:
            last = rng.choice(v.LAST_NAMES)
            registry = rng.choice([f"{last} Handel AS", f"{last} og {rng.choice(v.LAST_NAMES)} AS",
                                   f"{stem} Dagligvare AS", f"{last} Drift {stem} AS"])
        party = self._plain_company("chain", registry, sign, domain)
        party.contact = f"{_slug(stem)}@{domain}"
        party.role = party.contact
        party.invoice = f"faktura@{domain}" if _chance(rng, 0.5) else rng.choice(["", party.contact])
        return [party]

    def household(self) -> list[Party]:
        rng = self.rng
        first, last = self.person()
        name = f"{first} {last}"
        email = self.private_email((first, last))
        registry = f"{last}, {first}" if _chance(rng, 0.2) else name
        if _chance(rng, 0.15):
            name = f"{first} og {rng.choice(v.FIRST_NAMES)} {last}"
        site = self.site_place()
        return [Party("household", registry, name, "", email, email, email, "", self.mobile(), site, site)]

    def public(self) -> list[Party]:
        rng = self.rng
        index = rng.choices(range(len(v.MUNICIPALITIES)), weights=[55, 10, 8, 8, 4, 5, 4, 2, 4])[0]
        municipality, domain, switchboard, box, city, agencies = v.MUNICIPALITIES[index]
        agency = rng.choice(agencies)
        if city == "Oslo":
            stem, site = rng.choice(v.STEMS[:60]), self.oslo_place()
        else:
            stem = rng.choice(v.MUNICIPAL_PLACES[municipality])
            site = next((p for p in v.AKERSHUS_PLACES if p[1] == stem), None) or rng.choice(v.AKERSHUS_PLACES[:3])
        if municipality.startswith("Oslo universitetssykehus"):
            unit = f"{rng.choice(v.HOSPITAL_UNITS)} - {rng.choice(v.HOSPITAL_DEPARTMENTS)}"
        elif agency == "Boligbygg Oslo KF":
            unit = self.address_name()
        elif municipality == "Oslo kommune" and _chance(rng, 0.2):
            agency = f"Bydel {rng.choice(v.OSLO_BYDELER)}"
            unit = f"{stem} {rng.choice(['sykehjem', 'omsorgsboliger', 'helsehus', 'barnehage'])}"
        else:
            unit = f"{stem} {rng.choice(v.AGENCY_UNITS.get(agency, v.MUNICIPAL_UNITS))}"
        shared = not agency.startswith("Bydel") and _chance(rng, 0.75)
        if shared or agency.startswith("Bydel"):
            orgnr = self.agency_orgnr.setdefault(agency, self.orgnr())
        else:
            orgnr = self.orgnr()  # a unit registered on its own (underenhet)
        registry = rng.choice([f"{agency}, {unit}", f"{unit}", f"{municipality} - {unit}", f"{agency} {unit}"])
        sign = rng.choice([unit, f"{unit} ({municipality.split()[0]})", f"{municipality} - {unit}"])
        invoice = _pick(rng, {"": 55, f"postmottak@{domain}": 15, f"fakturamottak@{domain}": 10,
                              self.person_email(domain): 20})
        billing = (box, city) if _chance(rng, 0.75) else site
        return [Party("public", registry, sign, orgnr, self.person_email(domain), f"postmottak@{domain}", invoice,
                      switchboard, self.mobile(), site, billing)]

    def supplier(self) -> list[Party]:
        rng = self.rng
        draw = rng.random()
        if draw < 0.12 and self.used_foreign < len(v.FOREIGN_SUPPLIERS):
            name, domain, prefix, code, city = v.FOREIGN_SUPPLIERS[self.used_foreign]
            self.used_foreign += 1
            number = "".join(str(rng.randrange(10)) for _ in range(9))
            return [Party("supplier", name, name.rsplit(" ", 1)[0], "", f"sales@{domain}", f"info@{domain}",
                          f"invoice@{domain}", number, number, (code, city), (code, city), foreign=prefix)]
        if draw < 0.2 and self.used_utilities < len(v.SUPPLIER_UTILITY):
            name, domain = v.SUPPLIER_UTILITY[self.used_utilities]
            self.used_utilities += 1
            party = self._plain_company("supplier", name, name.rsplit(" ", 1)[0].replace(" Norge", ""), domain)
            party.invoice = f"kundeservice@{domain}"
            return [party]
        if draw < 0.55:
            word = rng.choice(v.SUPPLIER_OPERATIONAL)
            where = rng.choice(["Øst", "Norge", "Oslo", rng.choice(v.STEMS), rng.choice(v.LAST_NAMES)])
            registry = f"{word} {where} {self.form()}"
            sign = rng.choice([word, f"{word} {where}", registry])
            return [self._plain_company("supplier", registry, sign, f"{_slug(word)}{_slug(where)[:5]}.no")]
        owner = rng.choice(v.LAST_NAMES + v.STEMS)
        trade = rng.choice(v.SUPPLIER_SUBCONTRACT)
        registry = f"{owner} {trade} {self.form()}"
        party = self._plain_company("supplier", registry, rng.choice([f"{owner} {trade}", owner, registry]),
                                    f"{_slug(owner)}{_slug(trade)[:5]}.no")
        if _chance(rng, 0.4):  # a one-man subcontractor: his own mobile and mail
            party.contact = party.role = self.private_email()
            party.switchboard = ""
        return [party]

    def backoffice(self) -> list[Party]:
        owner = self.rng.choice(v.LAST_NAMES + v.STEMS)
        trade = self.rng.choice(v.SUPPLIER_BACKOFFICE)
        registry = f"{owner} {trade} {self.form()}"
        return [self._plain_company("backoffice", registry, registry, f"{_slug(owner)}{_slug(trade)[:5]}.no")]


# --- how people type -------------------------------------------------------------------------------------------
ABBREVIATIONS = [("Borettslaget ", "Brl "), (" Borettslag", " Brl"), ("Eiendom", "Eiend."), ("Sameiet ", "Sameie "),
                 (" kommune", " k."), ("Eierseksjonssameiet ", "Sameiet "), (" og ", " & ")]
FORM_WORDS = (" AS", " ASA", " ANS", " DA", " SA", " KS")


def _typo(rng: random.Random, text: str) -> str:
    spots = [i for i, c in enumerate(text) if c.isalpha()]
    if len(spots) < 4:
        return text
    i = rng.choice(spots[1:-1])
    how = rng.randrange(3)
    if how == 0:
        return text[:i] + text[i + 1:]
    if how == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:] if i + 2 <= len(text) else text


def _drop_form(text: str) -> str:
    for word in FORM_WORDS:
        if text.endswith(word):
            return text[: -len(word)]
    return text


def _loosely(rng: random.Random, name: str) -> str:
    """A registry name as someone types it from memory: form dropped or moved, a word abbreviated."""
    if _chance(rng, 0.3):
        stripped = _drop_form(name)
        moved = stripped != name and _chance(rng, 0.15)  # "AS Tåsen Bakeri", the old style
        name = name[len(stripped) + 1:] + " " + stripped if moved else stripped
    if _chance(rng, 0.15):
        for long, short in ABBREVIATIONS:
            if long in name:
                name = name.replace(long, short, 1)
                break
    return name


def _orgnr_text(rng: random.Random, orgnr: str, spaced: float, mva: float) -> str:
    draw = rng.random()
    if draw < spaced:
        return f"{orgnr[:3]} {orgnr[3:6]} {orgnr[6:]}"
    if draw < spaced + mva:
        return rng.choice([f"NO {orgnr[:3]} {orgnr[3:6]} {orgnr[6:]} MVA", f"{orgnr}MVA"])
    return orgnr


def _phone_text(rng: random.Random, number: str, prefix: str = "") -> str:
    if prefix:
        return rng.choice([f"{prefix} {number}", f"00{prefix[1:]}{number}", f"{prefix}{number}"])
    if number[0] in "49":
        spaced = f"{number[:3]} {number[3:5]} {number[5:]}"
    else:
        spaced = f"{number[:2]} {number[2:4]} {number[4:6]} {number[6:]}"
    style = _pick(rng, {"spaced": 40, "compact": 25, "plus_spaced": 20, "plus": 8, "zeros": 7})
    return {"spaced": spaced, "compact": number, "plus_spaced": f"+47 {spaced}", "plus": f"+47{number}",
            "zeros": rng.choice([f"0047{number}", f"0047 {spaced}"])}[style]


def _email_text(rng: random.Random, email: str) -> str:
    if email and _chance(rng, 0.03):
        return email[0].upper() + email[1:] if rng.random() < 0.5 else email.title()
    return email


def _place_text(rng: random.Random, place: tuple[str, str], blank: float, capitals: float) -> tuple[str, str]:
    code, city = place
    if _chance(rng, blank):
        return "", ""
    if code.isdigit() and len(code) == 4 and _chance(rng, 0.01):
        i = rng.randrange(1, 4)
        code = code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1:]
    if _chance(rng, capitals):
        city = city.upper()
    return code, city


ORGNR_TELARIS = {"coop": 0.35, "public": 0.35, "supplier": 0.5, "household": 0.0}
ORGNR_TRIPLETEX = {"coop": 0.85, "public": 0.92, "supplier": 0.85, "backoffice": 0.85, "household": 0.0}


def _telaris_row(rng: random.Random, party: Party, number: str) -> dict[str, str]:
    draw = rng.random()
    name = party.sign if draw < 0.55 else party.registry if draw < 0.85 else _loosely(rng, party.registry)
    if party.kind != "household" and _chance(rng, 0.05):
        first, last = rng.choice(v.FIRST_NAMES), rng.choice(v.LAST_NAMES)
        roles = ["styreleder " + last, "vaktmester"] if party.kind == "coop" else ["driftsleder", f"{first[0]}. {last}"]
        name = f"{name} v/ {rng.choice([f'{first} {last}', last, *roles])}"
    elif party.kind in ("coop", "property", "public", "hotel", "centre") and _chance(rng, 0.06):
        name = f"{name} - {rng.choice(['oppgang A', 'blokk 2', 'Teknisk drift', 'vareheis', 'hovedinngang'])}"
    if _chance(rng, 0.06):
        name = name.upper()
    elif _chance(rng, 0.04):
        name = name.lower()
    if _chance(rng, 0.04):
        name = _fold(name)
    if _chance(rng, 0.04):
        name = _typo(rng, name)
    orgnr = ""
    if party.orgnr and _chance(rng, ORGNR_TELARIS.get(party.kind, 0.45)):
        orgnr = _orgnr_text(rng, party.orgnr, 0.22, 0.08)
    email = {"contact": party.contact, "role": party.role, "invoice": party.invoice, "none": ""}[
        _pick(rng, {"contact": 60, "role": 15, "invoice": 5, "none": 20})]
    which = _pick(rng, {"mobile": 55, "switchboard": 30, "none": 15})
    phone = party.mobile if which == "mobile" or not party.switchboard else party.switchboard
    code, city = _place_text(rng, party.site, 0.06, 0.08)
    if city and _chance(rng, 0.05):
        city = ""
    elif city and _chance(rng, 0.04):
        city = city.lower()
    return {"name": name, "number": number, "organisation_number": orgnr, "email": _email_text(rng, email),
            "phone": "" if which == "none" else _phone_text(rng, phone, party.foreign),
            "postal_code": code, "city": city}


def _tripletex_row(rng: random.Random, party: Party, number: int) -> dict[str, str]:
    orgnr = party.orgnr if _chance(rng, ORGNR_TRIPLETEX.get(party.kind, 0.88)) else ""
    if orgnr and _chance(rng, 0.65):
        name = party.registry.upper() if _chance(rng, 0.4) else party.registry
    else:
        name = _loosely(rng, party.registry if _chance(rng, 0.7) else party.sign)
    if _chance(rng, 0.02):
        name = _fold(name)
    if _chance(rng, 0.02):
        name = _typo(rng, name)
    email = {"invoice": party.invoice, "contact": party.contact, "role": party.role, "none": ""}[
        _pick(rng, {"invoice": 55, "contact": 15, "role": 15, "none": 15})]
    which = _pick(rng, {"switchboard": 45, "mobile": 20, "none": 35})
    phone = party.switchboard if which == "switchboard" and party.switchboard else party.mobile
    code, city = _place_text(rng, party.billing, 0.04, 0.30)
    return {"name": name, "number": str(number), "organisation_number": _orgnr_text(rng, orgnr, 0.06, 0.02)
            if orgnr else "", "email": _email_text(rng, email),
            "phone": "" if which == "none" else _phone_text(rng, phone, party.foreign),
            "postal_code": code, "city": city}


def _successor(world: _World, party: Party) -> Party:
    """The company after a restructuring: a new organisation number, a similar name, the same people."""
    base = _drop_form(party.registry)
    name = world.rng.choice([f"{base} Drift AS", f"{base} Holding AS", f"Nye {base} AS", f"{base} II AS"])
    return replace(party, registry=name, sign=name, orgnr=world.orgnr(), presence="tripletex")


def generate(companies: int, seed: int = 1013) -> TwinData:
    """`companies` real-world parties written into both systems as their users would; the truth pairs them."""
    rng = random.Random(seed)
    world = _World(rng)
    kinds = list(KINDS)
    shares = [KINDS[k][0] / (MEAN_GROUP if k == "property" else 1) for k in kinds]  # shares count parties
    parties: list[Party] = []
    while len(parties) < companies:
        for party in getattr(world, rng.choices(kinds, weights=shares)[0])()[: companies - len(parties)]:
            party.presence = rng.choices(("both", "telaris", "tripletex"), weights=KINDS[party.kind][1])[0]
            parties.append(party)

    # Records: (party index, is the true copy) per system; extras are one-sided copies of the same world.
    telaris: list[tuple[int, bool]] = []
    tripletex: list[tuple[int, bool, bool]] = []  # (party, true copy, as supplier)
    for index, party in enumerate(list(parties)):
        if party.presence in ("both", "telaris"):
            telaris.append((index, True))
            if party.kind in ("coop", "property", "public") and _chance(rng, 0.025):
                telaris.append((index, False))  # another entrance or block entered as its own customer
        if party.presence in ("both", "tripletex"):
            tripletex.append((index, True, party.kind in SUPPLIER_KINDS))
            if party.kind not in SUPPLIER_KINDS and _chance(rng, 0.01):
                tripletex.append((index, False, False))  # the accountant created the customer twice
        if party.presence == "both" and party.kind in COMPANY_KINDS:
            if _chance(rng, 0.015):
                parties.append(_successor(world, party))
                tripletex.append((len(parties) - 1, True, False))
            if party.kind in ("property", "business") and _chance(rng, 0.01):
                tripletex.append((index, False, True))  # also a supplier: rents us a store room, say

    # Tripletex numbers follow creation order, which is neither party order nor record id order.
    order = list(range(len(tripletex)))
    rng.shuffle(order)
    numbers = [0] * len(tripletex)
    next_number = {False: 10001, True: 20001}
    for position in order:
        supplier = tripletex[position][2]
        numbers[position] = next_number[supplier]
        next_number[supplier] += 1
    true_number = {index: numbers[i] for i, (index, true, _) in enumerate(tripletex) if true}

    tripletex_rows = [(index, true, _tripletex_row(rng, parties[index], numbers[i]))
                      for i, (index, true, _) in enumerate(tripletex)]
    telaris_rows = []
    for index, true in telaris:
        number = ""
        paired = parties[index].presence == "both" and true
        draw = rng.random()
        if paired and draw < 0.45:
            number = str(true_number[index])
            if _chance(rng, 0.015):
                i = rng.randrange(1, len(number))
                number = number[:i] + str((int(number[i]) + 1) % 10) + number[i + 1:]
        elif draw < (0.65 if paired else 0.35):
            legacy = rng.randint(1, 9999)
            number = rng.choice([str(legacy), f"K-{legacy}", f"{legacy:05d}"])
        row = _telaris_row(rng, parties[index], number)
        if not true:  # a second record for another entrance or block, half of them saying so
            row["number"] = ""
            if _chance(rng, 0.5):
                row["name"] += rng.choice([" - blokk B", " oppgang 2", " (nr. 2)", " - garasjeanlegg"])
        telaris_rows.append((index, true, row))

    rng.shuffle(telaris_rows)
    rng.shuffle(tripletex_rows)
    data = TwinData()
    telaris_id: dict[int, str] = {}
    for n, (index, true, row) in enumerate(telaris_rows, start=1):
        record_id = f"g_{n:06d}"
        data.telaris.append({"record_id": record_id, **row})
        if true:
            telaris_id[index] = record_id
    for n, (index, true, row) in enumerate(tripletex_rows, start=700001):
        data.tripletex.append({"record_id": str(n), **row})
        if true and index in telaris_id and parties[index].presence == "both":
            data.truth.add((telaris_id[index], n))
    return data
