"""Held-out twin data of a commercial cleaning and facility-services firm in Bergen and Vestland, written without
seeing the matcher, the other generators or any result: for measuring the initial linking once, honestly.

The firm does daily office cleaning, windows, post-construction cleaning, carpet and floor care and some home
cleaning. Dispatchers and cleaners' team leaders type customers into Telaris as they meet them (the site, the
person who called); the office manager or the outsourced accountant keeps Tripletex (the invoice party, often
fetched from the Brønnøysund register). Every rate below was chosen before any output was looked at.

Party mix (share of drawn parties), and why:
- offices (accountants, lawyers, engineering, shipping) 18 %: the firm's bread and butter, daily cleaning.
- landlords and property companies 5 %: they buy cleaning of common areas and empty floors; many one-building AS.
- shops and shopping-centre tenants 9 %: small contracts, often a franchise whose trading name is not its
  registered name.
- municipal units (schools, kindergartens, health centres, nursing homes) 5 %: public tenders won in several
  municipalities; 55 % invoiced on the municipality's organisation number, 45 % on the unit's own (underenhet)
  number, because municipalities differ in how they want EHF invoices.
- private institutions (kindergartens, free schools, congregations, sports clubs) 3 %.
- dental, medical and therapy practices 5 %: weekly cleaning with hygiene demands.
- hotels and conference centres 2 %: few but large.
- housing co-operatives and condominiums 9 %: stairwell cleaning; 65 % run by one of six property managers, whose
  invoice box and address Tripletex holds.
- construction firms 6 %: post-construction cleaning per project; 30 % kept as several project records in Telaris.
- private households 24 %: home cleaning; 30 % have a spouse or partner who may be registered too.
- a firm named after a place (Fana, Knarvik, Voss …) sits there 60 %, elsewhere in the region the rest.
- suppliers 14 %: chemicals, machines, workwear, staffing, vehicles, fuel, telecom, insurance, other; 8 % of
  supplier draws are makers abroad without a Norwegian organisation number, but there are only six of them (a
  firm buys from a handful abroad), so later draws become Norwegian suppliers.

Who is where (both / Telaris only / Tripletex only), and why:
- business customers 70/13/17: Telaris-only are quotes never accepted and jobs not yet invoiced; Tripletex-only
  are customers from before Telaris, customers buying only consumables, and one-off invoices made by the office.
- construction 58/27/15: many tenders for post-construction cleaning are quoted and lost.
- households 52/33/15: many ask for a price and never book; some are invoiced for gift cards only.
- co-operatives 74/12/14, municipal units 75/12/13: long contracts, mostly in both.
- suppliers 30/5/65: field staff see only suppliers of chemicals, machines and staff; the rest are back office.
- a supplier that also buys cleaning (car dealer, workwear shop) 5 % of suppliers: Tripletex holds it twice, as a
  supplier (20001…) and as a customer (10001…); Telaris holds the customer, and truth pairs the customer record.

Hard cases (share), and why:
- Telaris duplicates 3.5 % of its parties: two dispatchers each create the caller; Tripletex duplicates 1.2 %: the
  accountant checks the register, but a second record slips in. The copy is typed anew, never holds a copy of the
  Tripletex number, and is not in the truth (truth is one to one; it pairs the first record).
- several sites 4-15 % of business customers (landlords 15 %, hotels 10 %) and projects 30 % of construction
  firms: one to three extra Telaris records with a site label and another postal code; truth pairs the head record.
- sister companies: 30 % of landlords bring one to three sisters (one-building companies, holding), 15 % of
  construction firms one project company, 5 % of practices one chain sister: own orgnr, shared domain and phone.
- successors 1.5 % of offices, shops, practices and hotels: taken over and re-registered under a new orgnr with a
  near-identical name, same site and often the same phone; the old company remains in Tripletex (and in Telaris
  70 %), the new is in Tripletex and in Telaris 65 %. Each is its own party.
- spouses: of households with a partner, 10 % have the partner as an extra Tripletex record (one-sided), 5 % as an
  extra Telaris record, and 6 % are invoiced in the partner's name (still the same household: a true pair).
- namesakes arise from common names (Kari Hansen twice); near-identical company names from near-synonym trades
  (Fana Regnskap AS, Fana Regnskapskontor AS), each a registered company with its own orgnr. Registered names are
  unique across the data set, as the register demands.

How each side types a record:
- names (organisations): Telaris uses the trading name 70 % when there is one (shops, practices, hotels have one
  35 %); else the registered name with the legal form dropped 40 %, misspelt (A/S, As, a.s.) 5 %, moved in front
  1 %; abbreviations (BRL, Adv.firma, bhg, &) 25 % where one fits; a contact person 6 %; a site or floor label 5 %;
  all capitals 5 %, lower case 3 %; æøå transliterated 4 %; one typo 4 %. Tripletex fetches the register name
  60 % (half of those in the register's capitals), else types it (trading name 25 % when there is one, form
  dropped 10 %, typo 2 %). Managed co-operatives carry "v/ <manager>" in Telaris 30 %, in typed Tripletex names
  20 %. Municipal units: Telaris the unit's name (nynorsk/bokmål swapped 15 %, "<municipality> kommune - …"
  15 %); Tripletex "<municipality> kommune, <unit>" 40 %, the unit alone 35 %, the register's capitals 15 %,
  "… kommune v/ <unit>" 10 %.
- names (persons): Telaris "Kari Hansen" 55 %, "Hansen, Kari" 15 %, with middle name 10 %, "Hansen Kari" 5 %,
  "Kari og Per Hansen" 10 % when there is a partner, else first-last, and lower case 5 %; Tripletex first-last
  45 %, with middle name 35 % when there is one, "Hansen Kari" 10 %, "Hansen, Kari" 10 %.
- Tripletex numbers customers from 10001 and suppliers from 20001 in creation order (its own series each).
  Telaris holds a copy 30 % (1.5 % of copies a digit wrong), a four-digit number from the old system 20 %, nothing
  50 %; Telaris-only records 20 % legacy, else nothing; suppliers in Telaris 20 % a copy, else nothing. A
  customer's extra site records copy the same Tripletex number half as often as its head record does.
- organisation numbers: Tripletex 88 % of Norwegian organisations (60 % fetched + 70 % of the typed), written
  plainly 92 %, spaced 5 %, "NO … MVA" 3 %; Telaris 35 % (municipal units 20 %, co-operatives 30 %, suppliers
  40 %), written plainly 50 %, "987 654 321" 30 %, "NO 987 654 321 MVA" 10 %, "NO987654321MVA" 5 %,
  "987654321 MVA" 5 %. Persons and makers abroad never. A number is never wrong: both sides hold the same.
- e-mail: Telaris 78 % (the contact person at the firm's domain 45 %, post@ 30 %, a site box 10 %, the contact's
  free mail 15 %; 3 % typed in capitals); Tripletex 70 % (faktura@ 30 %, post@ 30 %, regnskap@ or okonomi@ 10 %,
  an accountant's shared box 10 %, the contact 15 %, free mail 5 %); the 10 % of business customers who
  outsource bookkeeping use one of four accountants' boxes 80 % of the time. Households: Telaris 80 %, Tripletex 65 %
  (same address 85 %, the partner's 8 %, another spelling of it 7 %). Co-operatives: Telaris the board chair's
  free mail, or a manager's clerk 40 % when managed; Tripletex the manager's faktura@ box 70 % when managed.
- phones: Telaris 85 % (the contact's mobile 45 %, else the switchboard), Tripletex 60 % (switchboard 85 %);
  households Telaris 95 %, Tripletex 70 % (same 90 %). Telaris styles "55 12 34 56" 32 %, "+47 55 12 34 56" 20 %,
  "55123456" 25 %, "+4755123456" 8 %, "0047 55 12 34 56" 5 %, "412 34 567" 7 %, "55-12-34-56" 3 % (triples
  only for mobiles: a landline drawn for them is written in pairs); Tripletex "55123456" 55 %, "55 12 34 56"
  20 %, "+47 55 12 34 56" 15 %, "+4755123456" 10 %.
- postal code and city: Telaris holds the site, Tripletex the invoice address: the same 68 %, a Bergen post box
  15 %, a head office elsewhere in Vestland 10 %, far away (Oslo chains) 7 %; municipal units are invoiced at the
  municipality's invoice address 70 %; managed co-operatives at the manager's; households move 5 %. Blank code
  Telaris 4 %, Tripletex 3 %. City: Telaris as the register 78 %, capitals 8 %, lower case 4 %, æøå
  transliterated 4 %, blank 3 %, and "Bergen" typed for a Bergen district 30 %; Tripletex as the register 85 %,
  capitals 12 %, "Bergen" for a district 10 %.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from sync_pipeline.sandboxes import twins_harbour_vocab as v
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

ROW_KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")
KINDS = {"office": 0.18, "landlord": 0.05, "shop": 0.09, "municipal": 0.05, "institution": 0.03, "practice": 0.05,
         "hotel": 0.02, "coop": 0.09, "construction": 0.06, "household": 0.24, "supplier": 0.14}
PRESENCE = {  # both, telaris only, tripletex only
    "business": (0.70, 0.13, 0.17), "construction": (0.58, 0.27, 0.15), "household": (0.52, 0.33, 0.15),
    "coop": (0.74, 0.12, 0.14), "municipal": (0.75, 0.12, 0.13), "supplier": (0.30, 0.05, 0.65),
}
EXTRA_SITES = {"office": 0.05, "shop": 0.04, "practice": 0.05, "hotel": 0.10, "landlord": 0.15, "institution": 0.04,
               "construction": 0.30}
TRADING_NAME = {"shop": 0.35, "practice": 0.35, "hotel": 0.35}
TELARIS_DUPLICATE = 0.035
TRIPLETEX_DUPLICATE = 0.012
SUCCESSOR = 0.015
SPOUSE = 0.30
MANAGED_COOP = 0.65
SUPPLIER_ALSO_CUSTOMER = 0.05
FOREIGN_SUPPLIER = 0.08
TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"})
MAIL_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ä": "a", "ö": "o"})
MISSPELT = {"AS": ["A/S", "As", "a.s.", "A.S.", "as"], "ASA": ["A.S.A.", "Asa"], "DA": ["D.A.", "da"],
            "ANS": ["A.N.S.", "Ans"], "SA": ["S.A.", "sa"]}
ABBREVIATIONS = [(r"\bBorettslag(et)?\b", "BRL"), (r"\bAdvokatfirma\b", "Adv.firma"), (r"\bBarnehage\b", "bhg"),
                 (r"\bog\b", "&"), (r"\bSameiet\b", "Sameie"), (r"\bTannlegesenter\b", "Tannl.senter"),
                 (r"\bRegnskapskontor\b", "Regnskapskontoret"), (r"\bEiendom\b", "Eiendommer")]
_CENTRE, _DISTRICTS, _VESTLAND = sorted(v.BERGEN), sorted(v.DISTRICTS), sorted(v.VESTLAND)
_PO_BOXES, _FAR = sorted(v.PO_BOXES), sorted(v.FAR)
_ABROAD = {code: city for _, code, city, _, _ in v.FOREIGN_SUPPLIERS}
_PLACE_CODES: dict[str, list[str]] = {}
for _code, _name in sorted({**v.DISTRICTS, **v.VESTLAND}.items()):
    _PLACE_CODES.setdefault(_name, []).append(_code)
BUSINESS = ("office", "landlord", "shop", "institution", "practice", "hotel")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _chance(rng: random.Random, rate: float) -> bool:
    return rng.random() < rate


@dataclass
class Party:
    kind: str
    presence: str
    base: str  # registered name without legal form, or a person's first and last name
    form: str = ""  # AS, ANS, …; "" for persons, municipal units, co-operatives and sole proprietors
    trading: str = ""
    orgnr: str = ""
    domain: str = ""
    main_phone: str = ""
    contact: tuple[str, str, str] = ("", "", "")  # first, middle, last
    contact_phone: str = ""
    site: str = ""  # postal code where the work happens (Telaris)
    invoice: str = ""  # postal code invoices go to (Tripletex)
    supplier: bool = False
    foreign: tuple[str, str, str, str, str] | None = None
    telaris_copies: int = 1
    tripletex_copies: int = 1
    extra_sites: int = 0
    also_customer: bool = False
    municipality: str = ""
    manager: int = -1
    accountant: int = -1
    partner: tuple[str, str, str] | None = None
    partner_record: str = ""  # "telaris" or "tripletex": the partner stands as its own record there
    invoiced_to_partner: bool = False
    private_mail: str = ""
    partner_mail: str = ""
    fetched: bool = False  # Tripletex took the name from the register lookup
    capitals: bool = False  # … and kept the register's capitals

    @property
    def registered(self) -> str:
        return self.base if self.form in ("", "ENK") else f"{self.base} {self.form}"


def _place(code: str) -> str:
    for table in (v.BERGEN, v.DISTRICTS, v.VESTLAND, v.PO_BOXES, v.FAR, _ABROAD):
        if code in table:
            return table[code]
    raise KeyError(code)


class _Builder:
    """Draws the real-world parties; rendering them as two systems' rows is `_Renderer`'s job."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgnr = unique_orgnrs(rng)
        self.names: set[str] = set()
        self.trading_names: set[str] = set()
        self.domains: set[str] = set()
        self.municipal_orgnr = {name: self.orgnr() for name in v.MUNICIPALITIES}
        self.units = {name: sorted({f"{p} {t}" for p in places for t in v.MUNICIPAL_TYPES})
                      for name, (_, places, _) in v.MUNICIPALITIES.items()}
        for units in self.units.values():
            rng.shuffle(units)

    # -- small draws --------------------------------------------------------------------------------------------
    def person(self) -> tuple[str, str, str]:
        rng = self.rng
        first = rng.choice(v.FEMALE if _chance(rng, 0.5) else v.MALE)
        middle = rng.choice(v.MIDDLE) if _chance(rng, 0.35) else ""
        last = rng.choice(v.COMMON_SURNAMES if _chance(rng, 0.4) else v.SURNAMES)
        return first, middle, last

    def phone(self, mobile: bool) -> str:
        rng = self.rng
        if mobile:
            return _mobile(rng)
        return rng.choice(("55", "55", "55", "56", "53")) + "".join(str(rng.randrange(10)) for _ in range(6))

    def postal(self, bergen: float = 0.8) -> str:
        rng = self.rng
        if _chance(rng, bergen):
            return rng.choice(_CENTRE if _chance(rng, 0.5) else _DISTRICTS)
        return rng.choice(_VESTLAND)

    def invoice_postal(self, site: str) -> str:
        r = self.rng.random()
        if r < 0.68:
            return site
        if r < 0.83:
            return self.rng.choice(_PO_BOXES)
        if r < 0.93:
            return self.postal()
        return self.rng.choice(_FAR)

    def domain(self, name: str) -> str:
        slug = re.sub(r"[^a-z0-9]", "", name.lower().translate(MAIL_FOLD))[:24] or "firma"
        for candidate in (slug, f"{slug}-as", f"{slug}bergen", f"{slug}vest"):
            if candidate + ".no" not in self.domains:
                self.domains.add(candidate + ".no")
                return candidate + ".no"
        n = 2
        while f"{slug}{n}.no" in self.domains:
            n += 1
        self.domains.add(f"{slug}{n}.no")
        return f"{slug}{n}.no"

    def unique(self, make: Callable[[], str]) -> str:
        """Registered names are unique: the register refuses a second company of the same name."""
        for _ in range(30):
            name = make()
            if name.lower() not in self.names:
                self.names.add(name.lower())
                return name
        while True:
            name = f"{make()} {self.rng.choice(v.STEMS)}"
            if name.lower() not in self.names:
                self.names.add(name.lower())
                return name

    def presence(self, group: str) -> str:
        both, telaris, _ = PRESENCE[group]
        r = self.rng.random()
        return "both" if r < both else "telaris" if r < both + telaris else "tripletex"

    # -- parties ------------------------------------------------------------------------------------------------
    def draw(self, n: int) -> list[Party]:
        parties: list[Party] = []
        while len(parties) < n:
            kind = _pick(self.rng, KINDS)
            parties.extend(getattr(self, f"_{kind}")())
        parties = parties[:n]
        for p in parties:
            if p.presence != "tripletex" and _chance(self.rng, TELARIS_DUPLICATE):
                p.telaris_copies = 2
            if p.presence != "telaris" and _chance(self.rng, TRIPLETEX_DUPLICATE):
                p.tripletex_copies = 2
        return parties

    def _organisation(self, kind: str, base: str, form: str, group: str, mobile: float = 0.3) -> Party:
        rng = self.rng
        site = self.postal()
        home = _PLACE_CODES.get(base.split(" ")[0])
        if home and _chance(rng, 0.6):  # a firm named after a place mostly sits there
            site = rng.choice(home)
        p = Party(kind=kind, presence=self.presence(group), base=base, form=form, orgnr=self.orgnr(),
                  domain=self.domain(base), main_phone=self.phone(_chance(rng, mobile)), contact=self.person(),
                  contact_phone=self.phone(True), site=site, invoice=self.invoice_postal(site))
        if kind in EXTRA_SITES and _chance(rng, EXTRA_SITES[kind]):
            p.extra_sites = rng.choice((1, 1, 1, 2, 2, 3))
        if kind in BUSINESS and _chance(rng, 0.10):
            p.accountant = rng.randrange(len(v.ACCOUNTANTS))
        return p

    def _form(self) -> str:
        return self.rng.choice(v.FORMS)

    def _business_name(self, kind: str) -> tuple[str, str, str]:
        rng = self.rng
        form = self._form()
        trade = rng.choice(v.TRADES[kind])

        def make() -> str:
            if form == "ENK":
                first, _, last = self.person()
                return rng.choice((f"{first} {last} {trade}", f"{trade} {first} {last}"))
            r = rng.random()
            if kind == "office" and trade.startswith("Advokat") and r < 0.6:
                a, b = rng.sample(v.SURNAMES, 2)
                return rng.choice((f"Advokatfirmaet {a} & {b}", f"Advokatfirmaet {a}", f"{a} & {b} {trade}"))
            if r < 0.55:
                return f"{rng.choice(v.STEMS)} {trade}"
            if r < 0.80:
                return f"{rng.choice(v.SURNAMES)} {trade}"
            if r < 0.90:
                return f"{''.join(rng.choice('ABDEFGHKLMNRSTV') for _ in range(3))} {trade}"
            return f"{rng.choice(v.STEMS)} {rng.choice(v.TRADES[kind])} og {trade}"

        return self.unique(make), form, trade

    def _trading(self, p: Party, trade: str) -> None:
        """The name on the door: a chain's brand, the clinic's popular name, the hotel's marketing name."""
        rng = self.rng
        if p.kind in TRADING_NAME and _chance(rng, TRADING_NAME[p.kind]):
            for _ in range(10):  # one shop of a chain per place: two businesses do not trade under one name
                stem = rng.choice(v.STEMS)
                if p.kind == "shop":
                    brand = rng.choice(("Kiwi", "Rema 1000", "Joker", "Coop Extra")) if trade == "Dagligvare" else (
                        rng.choice((f"{trade}huset", f"{trade}hjørnet", f"{trade}stua", f"Din {trade.lower()}")))
                else:
                    brand = rng.choice({"practice": ("Tannlegene på", "Legene på", "Klinikk", "Fysio"),
                                        "hotel": ("Hotel", "Fjordhotellet", "Kysthotellet")}[p.kind])
                if f"{brand} {stem}".lower() not in self.trading_names:
                    p.trading = f"{brand} {stem}"
                    self.trading_names.add(p.trading.lower())
                    return

    def _plain_business(self, kind: str) -> list[Party]:
        base, form, trade = self._business_name(kind)
        p = self._organisation(kind, base, form, "business")
        self._trading(p, trade)
        out = [p]
        if kind in ("office", "shop", "practice", "hotel") and _chance(self.rng, SUCCESSOR):
            out.append(self._successor(p))
        if kind == "practice" and _chance(self.rng, 0.05):
            out.extend(self._sisters(p, 1))
        return out

    def _office(self) -> list[Party]:
        return self._plain_business("office")

    def _shop(self) -> list[Party]:
        return self._plain_business("shop")

    def _practice(self) -> list[Party]:
        return self._plain_business("practice")

    def _hotel(self) -> list[Party]:
        return self._plain_business("hotel")

    def _institution(self) -> list[Party]:
        rng = self.rng
        trade = rng.choice(v.TRADES["institution"])
        base = self.unique(lambda: f"{rng.choice(v.STEMS)} {trade}")
        form = "SA" if trade.endswith("barnehage") and _chance(rng, 0.3) else ""
        return [self._organisation("institution", base, form, "business")]

    def _landlord(self) -> list[Party]:
        rng = self.rng
        if _chance(rng, 0.3):
            base = self.unique(lambda: f"{rng.choice(v.STREETS)} {rng.randrange(1, 120)}")
        else:
            trade = rng.choice(v.TRADES["landlord"])
            base = self.unique(lambda: f"{rng.choice(v.STEMS + v.SURNAMES)} {trade}")
        p = self._organisation("landlord", base, "AS", "business", mobile=0.2)
        out = [p]
        if _chance(rng, 0.30):
            out.extend(self._sisters(p, rng.choice((1, 1, 2, 3))))
        return out

    def _construction(self) -> list[Party]:
        base, form, _ = self._business_name("construction")
        p = self._organisation("construction", base, form, "construction", mobile=0.6)
        out = [p]
        if _chance(self.rng, 0.15):
            out.extend(self._sisters(p, 1))
        return out

    def _sisters(self, p: Party, count: int) -> list[Party]:
        """Companies of one group: own orgnr and site, the parent's domain, switchboard and invoice address."""
        rng = self.rng
        out = []
        for _ in range(count):
            word = rng.choice(("Holding", "Invest", "Drift", "Prosjekt", "Utleie", "Eiendom", "Næring", "Vest",
                               rng.choice(v.STEMS)))
            base = self.unique(lambda word=word: f"{p.base} {word}")
            site = self.postal()
            out.append(Party(kind=p.kind, presence=self.presence("construction" if p.kind == "construction"
                                                                  else "business"),
                             base=base, form="AS", orgnr=self.orgnr(), domain=p.domain, main_phone=p.main_phone,
                             contact=self.person(), contact_phone=self.phone(True), site=site, invoice=p.invoice))
        return out

    def _successor(self, old: Party) -> Party:
        """Taken over and registered anew: near-identical name, new orgnr, same site, often the same phone."""
        rng = self.rng
        old.presence = "both" if _chance(rng, 0.70) else "tripletex"
        pattern = rng.choice(("{b} Drift", "Nye {b}", "{b} Bergen", "{b} Vest", "{b} Gruppen"))
        base = self.unique(lambda: pattern.format(b=old.base))
        rng_phone = old.main_phone if _chance(rng, 0.7) else self.phone(False)
        domain = old.domain if _chance(rng, 0.7) else self.domain(base)
        return Party(kind=old.kind, presence="both" if _chance(rng, 0.65) else "tripletex", base=base, form="AS",
                     trading=old.trading, orgnr=self.orgnr(), domain=domain, main_phone=rng_phone,
                     contact=self.person(), contact_phone=self.phone(True), site=old.site,
                     invoice=self.invoice_postal(old.site))

    def _municipal(self) -> list[Party]:
        rng = self.rng
        names = sorted(v.MUNICIPALITIES)
        municipality = rng.choices(names, weights=[v.MUNICIPALITIES[m][0] for m in names])[0]
        if not self.units[municipality]:
            return self._institution()
        unit = self.units[municipality].pop()
        self.names.add(f"{municipality} kommune {unit}".lower())
        own = _chance(rng, 0.45)
        site = rng.choice(v.MUNICIPALITIES[municipality][2])
        central = {"Bergen": "5020"}.get(municipality, site)
        invoice = central if _chance(rng, 0.70) else site
        p = Party(kind="municipal", presence=self.presence("municipal"), base=unit[0].upper() + unit[1:],
                  orgnr=self.orgnr() if own else self.municipal_orgnr[municipality],
                  domain=f"{municipality.lower().translate(MAIL_FOLD)}.kommune.no", main_phone=self.phone(False),
                  contact=self.person(), contact_phone=self.phone(True), site=site, invoice=invoice,
                  municipality=municipality)
        return [p]

    def _coop(self) -> list[Party]:
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            base = self.unique(lambda: rng.choice((f"{rng.choice(v.STEMS)} Borettslag",
                                                   f"Borettslaget {rng.choice(v.STEMS)}",
                                                   f"{rng.choice(v.STEMS)} {rng.choice(('Terrasse', 'Park', 'Hage'))}"
                                                   " Borettslag")))
        else:
            base = self.unique(lambda: rng.choice((f"Sameiet {rng.choice(v.STREETS)} {rng.randrange(1, 90)}",
                                                   f"{rng.choice(v.STREETS)} {rng.randrange(1, 90)} Sameie")))
        site = self.postal(0.85)
        chair = self.person()
        p = Party(kind="coop", presence=self.presence("coop"), base=base, orgnr=self.orgnr(), contact=chair,
                  contact_phone=self.phone(True), site=site, invoice=site)
        p.private_mail = self._mail(chair)
        if _chance(rng, MANAGED_COOP):
            p.manager = rng.randrange(len(v.PROPERTY_MANAGERS))
            p.invoice = v.PROPERTY_MANAGERS[p.manager][2]
            p.main_phone = "55" + "".join(str(rng.randrange(10)) for _ in range(6))
        return [p]

    def _mail(self, person: tuple[str, str, str]) -> str:
        rng = self.rng
        first, middle, last = (s.lower().translate(MAIL_FOLD).replace(" ", "") for s in person)
        local = rng.choice((f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last}",
                            f"{first}.{middle[:1] or last[:1]}.{last}", f"{first}{rng.randrange(50, 99)}"))
        return f"{local}@{rng.choice(v.FREE_MAIL)}"

    def _household(self) -> list[Party]:
        rng = self.rng
        person = self.person()
        home = self.postal(0.75)
        p = Party(kind="household", presence=self.presence("household"), base=f"{person[0]} {person[2]}",
                  contact=person, contact_phone=self.phone(True), site=home,
                  invoice=home if _chance(rng, 0.95) else self.postal(0.75))
        p.private_mail = self._mail(person)
        if _chance(rng, SPOUSE):
            other = self.person()
            if _chance(rng, 0.65):
                other = (other[0], other[1], person[2])
            p.partner = other
            p.partner_mail = self._mail(other)
            r = rng.random()
            p.partner_record = "tripletex" if r < 0.10 else "telaris" if r < 0.15 else ""
            p.invoiced_to_partner = p.presence == "both" and _chance(rng, 0.06)
        return [p]

    def _supplier(self) -> list[Party]:
        rng = self.rng
        if _chance(rng, FOREIGN_SUPPLIER):
            maker = rng.choice(v.FOREIGN_SUPPLIERS)
            if maker[0].lower() in self.names:
                return self._supplier_norwegian()
            self.names.add(maker[0].lower())
            name, code, _, prefix, _ = maker
            p = Party(kind="supplier", presence=self.presence("supplier"), base=name, supplier=True,
                      domain=self.domain(name), main_phone=prefix + "".join(str(rng.randrange(10)) for _ in range(6)),
                      contact=self.person(), site=code, invoice=code, foreign=maker)
            return [p]
        return self._supplier_norwegian()

    def _supplier_norwegian(self) -> list[Party]:
        rng = self.rng
        trade = rng.choice(v.SUPPLIER_TRADES[rng.choice(sorted(v.SUPPLIER_TRADES))])
        base = self.unique(lambda: f"{rng.choice(v.STEMS + v.SURNAMES)} {trade}")
        p = self._organisation("supplier", base, "AS", "supplier")
        p.supplier = True
        p.extra_sites = 0
        p.accountant = -1
        p.site = self.postal() if _chance(rng, 0.55) else rng.choice(_FAR)
        p.invoice = p.site
        if _chance(rng, SUPPLIER_ALSO_CUSTOMER):  # it buys cleaning too: Telaris knows it as a customer
            p.also_customer = True
            p.presence = "both"
        return [p]


class _Renderer:
    """Writes each party as the two systems' users would type it."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.legacy = list(range(1000, 10000))
        rng.shuffle(self.legacy)

    # -- value styles -------------------------------------------------------------------------------------------
    def orgnr(self, number: str, side: str) -> str:
        if not number:
            return ""
        r = self.rng.random()
        spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
        if side == "tripletex":
            return number if r < 0.92 else spaced if r < 0.97 else f"NO {spaced} MVA"
        if r < 0.50:
            return number
        if r < 0.80:
            return spaced
        if r < 0.90:
            return f"NO {spaced} MVA"
        return f"NO{number}MVA" if r < 0.95 else f"{number} MVA"

    def phone(self, digits: str, side: str) -> str:
        if not digits or digits.startswith("+"):
            return digits
        rng = self.rng
        pairs = " ".join(digits[i:i + 2] for i in range(0, 8, 2))
        styles = {"plain": digits, "pairs": pairs, "plus": f"+47 {pairs}", "plusplain": f"+47{digits}"}
        if side == "tripletex":
            return styles[_pick(rng, {"plain": 0.55, "pairs": 0.20, "plus": 0.15, "plusplain": 0.10})]
        styles |= {"0047": f"0047 {pairs}", "dash": "-".join(digits[i:i + 2] for i in range(0, 8, 2)),
                   "mobile3": f"{digits[:3]} {digits[3:5]} {digits[5:]}" if digits[0] in "49" else pairs}
        return styles[_pick(rng, {"pairs": 0.32, "plus": 0.20, "plain": 0.25, "plusplain": 0.08, "0047": 0.05,
                                  "mobile3": 0.07, "dash": 0.03})]

    def city(self, code: str, side: str) -> str:
        if not code:
            return ""
        rng = self.rng
        place = _place(code)
        if code in v.DISTRICTS and _chance(rng, 0.30 if side == "telaris" else 0.10):
            place = "Bergen"
        r = rng.random()
        if side == "tripletex":
            return place.upper() if r < 0.12 else place
        if r < 0.78:
            return place
        if r < 0.86:
            return place.upper()
        if r < 0.90:
            return place.lower()
        if r < 0.94:
            return place.translate(TRANSLIT)
        if r < 0.97:
            return place
        return ""

    def typo(self, text: str) -> str:
        rng = self.rng
        letters = [i for i, c in enumerate(text) if c.isalpha()]
        if len(letters) < 4:
            return text
        i = rng.choice(letters[1:-1])
        r = rng.random()
        if r < 0.35 and text[i + 1:i + 2].isalpha():
            return text[:i] + text[i + 1] + text[i] + text[i + 2:]
        if r < 0.65:
            return text[:i] + text[i + 1:]
        if r < 0.85:
            return text[:i] + text[i] + text[i:]
        return text[:i] + rng.choice("aeinorst") + text[i + 1:]

    def case_and_noise(self, name: str, upper: float, lower: float, translit: float, typo: float) -> str:
        rng = self.rng
        r = rng.random()
        if r < upper:
            name = name.upper()
        elif r < upper + lower:
            name = name.lower()
        if _chance(rng, translit):
            name = name.translate(TRANSLIT)
        if _chance(rng, typo):
            name = self.typo(name)
        return name

    # -- names --------------------------------------------------------------------------------------------------
    def person_name(self, person: tuple[str, str, str], side: str, partner: tuple[str, str, str] | None) -> str:
        rng = self.rng
        first, middle, last = person
        r = rng.random()
        if side == "tripletex":
            if middle and r < 0.35:
                return f"{first} {middle} {last}"
            r = rng.random()
            return f"{first} {last}" if r < 0.70 else f"{last} {first}" if r < 0.85 else f"{last}, {first}"
        if r < 0.55:
            name = f"{first} {last}"
        elif r < 0.70:
            name = f"{last}, {first}"
        elif r < 0.80:
            name = f"{first} {middle} {last}" if middle else f"{first} {last}"
        elif r < 0.85:
            name = f"{last} {first}"
        elif partner:
            name = (f"{first} og {partner[0]} {last}" if partner[2] == last
                    else f"{first} {last} og {partner[0]} {partner[2]}")
        else:
            name = f"{first} {last}"
        return name.lower() if _chance(rng, 0.05) else name

    def telaris_org_name(self, p: Party) -> str:
        rng = self.rng
        if p.kind == "municipal":
            r = rng.random()
            name = p.base
            if r < 0.15:
                name = " ".join(v.NYNORSK.get(w, w) for w in name.split(" "))
            elif r < 0.30:
                name = f"{p.municipality} kommune - {name}"
            return self.case_and_noise(name, 0.03, 0.05, 0.03, 0.03)
        if p.trading and _chance(rng, 0.70):
            name = p.trading
        else:
            name = p.base
            if p.form not in ("", "ENK"):
                r = rng.random()
                if r < 0.40:
                    pass
                elif r < 0.45:
                    name = f"{name} {rng.choice(MISSPELT[p.form])}"
                elif r < 0.46:
                    name = f"{p.form} {name}"
                else:
                    name = f"{name} {p.form}"
        if _chance(rng, 0.25):
            for pattern, short in ABBREVIATIONS:
                if re.search(pattern, name):
                    name = re.sub(pattern, short, name, count=1)
                    break
        if p.manager >= 0 and _chance(rng, 0.3):
            name = f"{name} v/ {v.PROPERTY_MANAGERS[p.manager][0].removesuffix(' AS').removesuffix(' SA')}"
        elif _chance(rng, 0.06):
            name = f"{name} {rng.choice(v.CONTACT_ROLES)} {p.contact[0]} {p.contact[2]}"
        elif _chance(rng, 0.05):
            name = f"{name} - {self.site_label(p)}"
        return self.case_and_noise(name, 0.05, 0.03, 0.04, 0.04)

    def site_label(self, p: Party) -> str:
        rng = self.rng
        label = rng.choice(v.SITE_LABELS)
        return label.format(place=rng.choice(v.STEMS), street=f"{rng.choice(v.STREETS)} {rng.randrange(1, 90)}")

    def tripletex_org_name(self, p: Party) -> str:
        rng = self.rng
        if p.foreign:
            return p.base
        if p.kind == "municipal":
            r = rng.random()
            if r < 0.40:
                return f"{p.municipality} kommune, {p.base}"
            if r < 0.75:
                return p.base
            if r < 0.90:
                return f"{p.municipality} kommune {p.base}".upper()
            return f"{p.municipality} kommune v/ {p.base}"
        if p.fetched:
            return p.registered.upper() if p.capitals else p.registered
        name = p.trading if p.trading and _chance(rng, 0.25) else p.base if _chance(rng, 0.10) else p.registered
        if p.manager >= 0 and _chance(rng, 0.2):
            name = f"{name} v/ {v.PROPERTY_MANAGERS[p.manager][0]}"
        return self.case_and_noise(name, 0.0, 0.0, 0.02, 0.02)

    # -- contact channels ---------------------------------------------------------------------------------------
    def contact_mail(self, p: Party) -> str:
        first, _, last = (s.lower().translate(MAIL_FOLD).replace(" ", "") for s in p.contact)
        return f"{first}.{last}@{p.domain}"

    def telaris_email(self, p: Party) -> str:
        rng = self.rng
        if p.kind == "household":
            return p.private_mail if _chance(rng, 0.80) else ""
        if p.kind == "coop":
            if not _chance(rng, 0.78):
                return ""
            if p.manager >= 0 and _chance(rng, 0.4):
                first, _, last = (s.lower().translate(MAIL_FOLD) for s in _clerk(rng))
                return f"{first}.{last}@{v.PROPERTY_MANAGERS[p.manager][1]}"
            return p.private_mail
        if not _chance(rng, 0.78) or not p.domain:
            return ""
        r = rng.random()
        if r < 0.45:
            mail = self.contact_mail(p)
        elif r < 0.75:
            mail = f"post@{p.domain}"
        elif r < 0.85:
            mail = f"{rng.choice(('drift', 'resepsjon', 'kontor', 'ordre'))}@{p.domain}"
        else:
            first, _, last = (s.lower().translate(MAIL_FOLD) for s in p.contact)
            mail = f"{first}.{last}@{rng.choice(v.FREE_MAIL)}"
        return mail.upper() if _chance(rng, 0.03) else mail

    def tripletex_email(self, p: Party) -> str:
        rng = self.rng
        if p.kind == "household":
            if not _chance(rng, 0.65):
                return ""
            r = rng.random()
            if r < 0.85:
                return p.private_mail
            if r < 0.93 and p.partner_mail:
                return p.partner_mail
            local, _, host = p.private_mail.partition("@")
            return f"{local.replace('.', '')}@{host}" if "." in local else f"{local}1@{host}"
        if p.kind == "coop":
            if p.manager >= 0:
                return f"faktura@{v.PROPERTY_MANAGERS[p.manager][1]}" if _chance(rng, 0.7) else ""
            return p.private_mail if _chance(rng, 0.6) else ""
        if not _chance(rng, 0.70) or not p.domain:
            return ""
        r = rng.random()
        if p.accountant >= 0 and r < 0.8:
            return f"regnskap@{v.ACCOUNTANTS[p.accountant][1]}"
        if r < 0.30:
            return f"faktura@{p.domain}"
        if r < 0.60:
            return f"post@{p.domain}"
        if r < 0.70:
            return f"{rng.choice(('regnskap', 'okonomi'))}@{p.domain}"
        if r < 0.80:
            if p.supplier or p.kind == "municipal":  # their own invoice reception, never a bookkeeper's box
                return f"post@{p.domain}"
            return f"regnskap@{v.ACCOUNTANTS[rng.randrange(len(v.ACCOUNTANTS))][1]}"
        if r < 0.95:
            return self.contact_mail(p)
        first, _, last = (s.lower().translate(MAIL_FOLD) for s in p.contact)
        return f"{first}{last}@{rng.choice(v.FREE_MAIL)}"

    def telaris_phone(self, p: Party) -> str:
        rng = self.rng
        if p.kind == "household":
            return self.phone(p.contact_phone, "telaris") if _chance(rng, 0.95) else ""
        if not _chance(rng, 0.85):
            return ""
        digits = p.contact_phone if p.contact_phone and _chance(rng, 0.45) else p.main_phone or p.contact_phone
        return self.phone(digits, "telaris")

    def tripletex_phone(self, p: Party) -> str:
        rng = self.rng
        if p.kind == "household":
            if not _chance(rng, 0.70):
                return ""
            return self.phone(p.contact_phone if _chance(rng, 0.9) else _mobile(rng), "tripletex")
        if not _chance(rng, 0.60):
            return ""
        digits = p.main_phone if p.main_phone and _chance(rng, 0.85) else p.contact_phone or p.main_phone
        return self.phone(digits, "tripletex")

    # -- rows ---------------------------------------------------------------------------------------------------
    def telaris_row(self, p: Party, copy: bool = False, site: str = "") -> dict[str, str]:
        rng = self.rng
        if p.kind == "household":
            name = self.person_name(p.contact, "telaris", p.partner)
        else:
            name = self.telaris_org_name(p)
            if site:
                name = f"{name} - {site}" if _chance(rng, 0.7) else f"{name} ({site})"
        rate = {"municipal": 0.20, "coop": 0.30, "supplier": 0.40, "household": 0.0}.get(p.kind, 0.35)
        code = p.site if not site else _any_postal(rng)
        if _chance(rng, 0.04):
            code = ""
        return {"record_id": "", "name": name, "number": "",
                "organisation_number": self.orgnr(p.orgnr, "telaris") if _chance(rng, rate) else "",
                "email": self.telaris_email(p), "phone": self.telaris_phone(p), "postal_code": code,
                "city": self.city(code, "telaris")}

    def tripletex_row(self, p: Party) -> dict[str, str]:
        rng = self.rng
        if p.kind == "household":
            person = p.partner if p.invoiced_to_partner and p.partner else p.contact
            name = self.person_name(person, "tripletex", None)
            orgnr = ""
        else:
            p.fetched = bool(p.orgnr) and not p.foreign and p.kind != "municipal" and _chance(rng, 0.60)
            p.capitals = _chance(rng, 0.5)
            name = self.tripletex_org_name(p)
            has = p.fetched or (p.kind == "municipal" and _chance(rng, 0.88)) or (
                p.kind != "municipal" and _chance(rng, 0.70))
            orgnr = self.orgnr(p.orgnr, "tripletex") if has else ""
        code = p.invoice if not _chance(rng, 0.03) else ""
        return {"record_id": "", "name": name, "number": "", "organisation_number": orgnr,
                "email": self.tripletex_email(p), "phone": self.tripletex_phone(p), "postal_code": code,
                "city": self.city(code, "tripletex")}

    def partner_party(self, p: Party) -> Party:
        assert p.partner is not None
        return Party(kind="household", presence="", base="", contact=p.partner, contact_phone=_mobile(self.rng),
                     site=p.site, invoice=p.invoice, private_mail=p.partner_mail)

    def render(self, parties: list[Party]) -> TwinData:
        rng = self.rng
        telaris: list[dict[str, str]] = []
        tripletex: list[dict[str, str]] = []
        pairs: list[tuple[int, int]] = []  # index into telaris, index into tripletex
        number_mode: list[str] = []  # per telaris row: copy, legacy, none
        series: list[str] = []  # per tripletex row: customer or supplier
        for p in parties:
            t_index = x_index = -1
            if p.presence in ("both", "tripletex"):
                x_index = len(tripletex)
                tripletex.append(self.tripletex_row(p))
                series.append("supplier" if p.supplier and not p.also_customer else "customer")
                if p.also_customer:
                    tripletex.append(self.tripletex_row(p))
                    series.append("supplier")
                for _ in range(p.tripletex_copies - 1):
                    tripletex.append(self.tripletex_row(p))
                    series.append(series[x_index])
                if p.partner_record == "tripletex":
                    tripletex.append(self.tripletex_row(self.partner_party(p)))
                    series.append("customer")
            if p.presence in ("both", "telaris"):
                t_index = len(telaris)
                telaris.append(self.telaris_row(p))
                if p.presence == "both":
                    r = rng.random()
                    mode = ("copy" if r < 0.20 else "none") if p.supplier and not p.also_customer else (
                        "copy" if r < 0.30 else "legacy" if r < 0.50 else "none")
                else:
                    mode = "legacy" if _chance(rng, 0.20) else "none"
                number_mode.append(mode)
                for _ in range(p.telaris_copies - 1):
                    telaris.append(self.telaris_row(p))
                    number_mode.append("legacy" if _chance(rng, 0.10) else "none")
                for _ in range(p.extra_sites):
                    label = (f"prosjekt {rng.choice(v.STREETS)} {rng.randrange(1, 90)}" if p.kind == "construction"
                             else self.site_label(p))
                    telaris.append(self.telaris_row(p, site=label))
                    number_mode.append(mode if mode != "copy" or _chance(rng, 0.5) else "none")
                if p.partner_record == "telaris":
                    telaris.append(self.telaris_row(self.partner_party(p)))
                    number_mode.append("none")
            if t_index >= 0 and x_index >= 0:
                pairs.append((t_index, x_index))

        # Tripletex numbers follow creation order, which is neither the draw order nor the record id.
        created = list(range(len(tripletex)))
        rng.shuffle(created)
        next_number = {"customer": 10001, "supplier": 20001}
        for i in created:
            tripletex[i]["number"] = str(next_number[series[i]])
            next_number[series[i]] += 1
        copy_of = {t: x for t, x in pairs}
        for i, mode in enumerate(number_mode):
            if mode == "copy" and i in copy_of:
                number = tripletex[copy_of[i]]["number"]
                if _chance(rng, 0.015):
                    k = rng.randrange(1, len(number))
                    number = number[:k] + str((int(number[k]) + rng.randrange(1, 10)) % 10) + number[k + 1:]
                telaris[i]["number"] = number
            elif mode in ("legacy", "copy"):
                telaris[i]["number"] = str(self.legacy.pop() if self.legacy else rng.randrange(10000, 99999))

        telaris_order = list(range(len(telaris)))
        rng.shuffle(telaris_order)
        for position, i in enumerate(telaris_order, start=1):
            telaris[i]["record_id"] = f"g_{position:06d}"
        tripletex_order = list(range(len(tripletex)))
        rng.shuffle(tripletex_order)
        for position, i in enumerate(tripletex_order, start=700001):
            tripletex[i]["record_id"] = str(position)
        return TwinData(
            telaris=[telaris[i] for i in sorted(range(len(telaris)), key=lambda i: telaris[i]["record_id"])],
            tripletex=[tripletex[i] for i in tripletex_order],
            truth={(telaris[t]["record_id"], int(tripletex[x]["record_id"])) for t, x in pairs},
        )


def _clerk(rng: random.Random) -> tuple[str, str, str]:
    """A property manager's clerk: any name."""
    return rng.choice(v.FEMALE + v.MALE), "", rng.choice(v.SURNAMES)


def _mobile(rng: random.Random) -> str:
    """A Norwegian mobile number: eight digits starting with 4 or 9."""
    return rng.choice("49") + "".join(str(rng.randrange(10)) for _ in range(7))


def _any_postal(rng: random.Random) -> str:
    """Another site of a customer with several: anywhere in Bergen or Vestland."""
    return rng.choice(_CENTRE + _DISTRICTS + _VESTLAND)


def generate(companies: int, seed: int = 1013) -> TwinData:
    """`companies` real-world parties of the cleaning firm, written as Telaris and Tripletex rows, and the truth."""
    rng = random.Random(seed)
    parties = _Builder(rng).draw(companies)
    return _Renderer(rng).render(parties)
