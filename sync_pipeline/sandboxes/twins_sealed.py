"""Sealed held-out twins: Telaris and Tripletex copies of one customer base, for measuring the initial linking.

Why another generator: the linking rules were tuned on the earlier ones, so their precision and recall on those says
little. This one was written without reading the matcher or any other generator; its rates come from how a Norwegian
field-service firm's two registers actually drift apart, and were fixed here before any output was measured.

The story. A regional field-service firm (electricians/plumbers; most customers in one home region, ~75%) keeps its
work orders in Telaris, typed by dispatchers and technicians in a hurry, and invoices through Tripletex, kept by a
bookkeeper who often fills a new customer from the Brønnøysund lookup. `companies` real customer/supplier accounts
are drawn; each becomes a record on one side, the other, or both. Truth pairs the two copies of one account.

Who the customers are (share of accounts, why):
- Private persons 12%: homeowners calling a plumber; no organisation number; namesakes ("Per Hansen") are common.
- Sole proprietorships (ENK) 14%: names must contain the owner's surname but need not be unique, so "Hansen Bygg"
  exists in several towns - the classic namesake.
- Limited companies (AS/ANS/DA) ~38%: AS names are unique in the register, so a second firm takes a near-identical
  name ("Sandnes Rør AS" / "Sandnes Rør og Varme AS"); ~12% are suppliers (Tripletex numbers them from 20001).
- Successor pairs (~3%): a firm went bankrupt and the owner restarted under a new number at the same address and
  phone, often under the same or nearly the same name; the old one lives on mostly in the ledger.
- Housing co-ops and sameier 9%: named after streets and farms that recur in every town; ~half are run by a property
  manager whose phone and invoice e-mail stand on all of its co-ops.
- Franchise shops 4%: "KIWI Sandnes" to the dispatcher, "Hansen Dagligvare AS" to the bookkeeper; the chain word and
  chain e-mail domain tie unrelated companies together.
- Chain-owned shops (~2.5%): branches of one legal entity that share its organisation number and invoice e-mail.
- Company groups (~5%): "Fjordvik Holding/Eiendom/Bygg AS" share stem, switchboard, e-mail domain and office.
- Municipal units (~2.5%): "Bergen kommune" and its schools/departments share switchboard and mostly the orgnr.
- Associations 3% (velforening, idrettslag) and foreign suppliers 1.5% (no Norwegian orgnr).

Which side holds an account (why): both 70%, Telaris only 15% (quotes never invoiced, customers not yet exported -
Telaris creates customers in Tripletex only on invoice export), Tripletex only 15% (pre-Telaris history, goods sold
straight from accounting). Private persons lean to Telaris only (25%: paid on site), suppliers to Tripletex only (40%:
rent, insurance, telecom never seen by dispatch), successors' old companies to Tripletex only (60%). Duplicates within
one side: 2.5% of Telaris business accounts were typed twice (a sparse second record), 1% of Tripletex ones too; truth
keeps the fuller/older record, which leaves a small, honest ambiguity that every matcher faces.

How each field drifts (per side, independent unless said):
- name: Tripletex uses the legal name (Brreg upper case in 25% of those, from the lookup), the trade name 20%;
  Telaris the everyday name 55% / legal name 45%. Telaris drops the legal form 30%, moves it to the front 3%, varies
  it 5% (A/S, as); abbreviates (og/&, Entr., BRL) 10%; loses æøå 5%; has a typo 5%; odd case 6%; adds "v/ contact"
  or the town 6%. Tripletex: abbreviation 4%, æøå lost 3%, typo 2%. 4% of AS were renamed and one side kept the
  old name. Persons: order "Last, First" or a middle name on one side (~25%), couples on Telaris (6%).
- organisation_number: Tripletex holds it for 88% of businesses (needed for EHF); Telaris for 72% of those and 35%
  of the others, giving ~25% of pairs with a one-sided number. Telaris writes it with spaces (28%) or as
  "NO ... MVA" (14%); Tripletex almost always digits.
- number: Tripletex always has one (customers from 10001, suppliers from 20001, in creation order). Telaris copied it
  for 35% of pairs (2% with a typo), left it empty 12%, else used its own series - which coincides with unrelated
  Tripletex numbers once both series run into the same range.
- postal_code/city: Tripletex keeps the invoice (post box) address 70% when the firm has one (~35% of firms),
  Telaris the visiting/site address; 6% moved and one side kept the old address; co-ops billed at the manager's
  office 40%; 8% of Telaris business records carry a site elsewhere in town; empty 4% Telaris / 7% Tripletex; city in
  capitals (Posten's register) 20% Tripletex, odd case/æøå lost ~15% Telaris; Oslo codes lose the leading zero 15%
  in Telaris (spreadsheet import).
- phone: Telaris prefers a person's mobile (site contact or owner), Tripletex the switchboard; empty 12% / 30%;
  4% changed number and one side kept the old one; formats vary (+47, spaces, 0047).
- email: Telaris a contact person's address (40%) or generic post@ (30%); Tripletex the invoice address (faktura@,
  30%) or generic (30%), 6% of small firms an accountant's shared address; empty ~25% each. People on free mail
  mostly keep one address on both sides.

Corrected after the first look at the output (fidelity fixes, not difficulty tuning): the surname list lacked the
long tail of rare farm names most Norwegians carry, which made namesakes ~3x too common; an AS name whose variants were
all taken got a number ("Bodø Bygg 7 AS") where a founder would pick another name; one town held many "Tromsø
Musikkorps"; the phone's empty rate was inflated for accounts without a switchboard (now fixed at 12%/30%).
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData
from sync_pipeline.sandboxes.twins_sealed_vocab import (
    ACCOUNTANT_DOMAINS,
    ASSOCIATION_FORMS,
    CHAIN_OWNERS,
    FEMALE_FIRST,
    FOREIGN,
    FRANCHISE_CHAINS,
    FRANCHISE_LEGAL_TAILS,
    FREE_MAIL,
    GROUP_MEMBERS,
    MALE_FIRST,
    MIDDLE,
    MUNICIPAL_UNITS,
    PLACE_NAMES,
    PROPERTY_MANAGERS,
    REGIONS,
    SCHOOL_KINDS,
    SHOP_AREAS,
    STEMS,
    SURNAME_WEIGHTS,
    TOWNS,
    TRADE_SIBLINGS,
    TRADES,
)

Address = tuple[str, str]  # (postal code, city)
KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")
# Kinds drawn per step, with weights; clusters add several accounts in one step (weights are per step).
KIND_WEIGHTS: dict[str, float] = {
    "person": 12, "enk": 14, "as": 38, "successor": 1.5, "housing": 9, "franchise": 4, "chain": 0.8,
    "group": 1.5, "public": 0.6, "association": 3, "foreign": 1.5,
}
BUSINESS_ORGNR_RATE = {"as": 0.88, "enk": 0.8, "housing": 0.85, "association": 0.75, "public": 0.95, "store": 0.85}


@dataclass
class _Account:
    """One real customer/supplier account as the world knows it, before either system's clerk typed it."""

    kind: str
    legal: str
    display: str
    orgnr: str = ""
    supplier: bool = False
    first: str = ""
    last: str = ""
    middle: str = ""
    spouse: str = ""
    visit: Address = ("", "")
    box: Address | None = None
    old_address: Address | None = None
    billing_address: Address | None = None  # property manager's office for managed co-ops
    switchboard: str = ""
    mobile: str = ""
    site_mobile: str = ""
    old_phone: str = ""
    domain: str = ""
    personal_mail: str = ""
    shared_mail: str = ""  # central invoice address shared with other accounts
    former: str = ""
    presence: str = ""  # both | telaris | tripletex; "" until drawn
    legal_form: str = ""


@dataclass
class _World:
    """Draws and registries that keep names, domains and towns consistent across the whole customer base."""

    rng: random.Random
    orgnr: Callable[[], str]
    home: str
    as_names: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    kommuner: set[str] = field(default_factory=set)
    chain_orgnrs: dict[str, str] = field(default_factory=dict)
    managers: list[tuple[str, str, str, Address]] = field(default_factory=list)
    town_names: list[str] = field(default_factory=list)
    town_weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Home-region towns get 75% of the weight in total: a field-service firm works where its vans drive.
        home_total = sum(t[1] for t in TOWNS if t[2] == self.home)
        away_total = sum(t[1] for t in TOWNS if t[2] != self.home)
        for name, weight, region, *_ in TOWNS:
            self.town_names.append(name)
            self.town_weights.append(weight * (0.75 / home_total if region == self.home else 0.25 / away_total))
        self.surnames = list(SURNAME_WEIGHTS)
        self.surname_weights = list(SURNAME_WEIGHTS.values())
        self.trades = list(TRADES)
        self.trade_weights = list(TRADES.values())
        self.free = list(FREE_MAIL)
        self.free_weights = list(FREE_MAIL.values())
        self.towns_by_name = {t[0]: t for t in TOWNS}
        for domain, prefix in PROPERTY_MANAGERS:
            town = next(t[0] for t in TOWNS if prefix.startswith(t[5]))
            self.managers.append((domain, self.landline(town), f"faktura@{domain}", self.address(town, box=True)))

    # --- basic draws ---
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, options: Sequence[str], weights: Sequence[float] | None = None) -> str:
        return self.rng.choices(options, weights)[0] if weights else self.rng.choice(options)

    def town(self) -> str:
        return self.rng.choices(self.town_names, self.town_weights)[0]

    def surname(self) -> str:
        return self.rng.choices(self.surnames, self.surname_weights)[0]

    def first(self) -> str:
        return self.pick(MALE_FIRST if self.chance(0.6) else FEMALE_FIRST)

    def trade(self) -> str:
        return self.rng.choices(self.trades, self.trade_weights)[0]

    def address(self, town: str, box: bool = False) -> Address:
        _, _, _, street, boxes, _ = self.towns_by_name[town]
        lo, hi = boxes if box else street
        return (f"{self.rng.randint(lo, hi):04d}", town)

    def landline(self, town: str) -> str:
        prefix = self.towns_by_name[town][5]
        return prefix + "".join(str(self.rng.randint(0, 9)) for _ in range(8 - len(prefix)))

    def mobile(self) -> str:
        return self.pick(("4", "9")) + "".join(str(self.rng.randint(0, 9)) for _ in range(7))

    def domain_for(self, words: str) -> str:
        """A free web domain made from a name, as registrars hand them out: first come, first served."""
        slug = _slug(words)
        for candidate in (slug, slug.replace("-", ""), f"{slug}-as", f"{slug}{self.rng.randint(2, 99)}"):
            if candidate and candidate not in self.domains:
                self.domains.add(candidate)
                return f"{candidate}.no"
        return ""

    def free_mail(self, first: str, last: str) -> str:
        year, n = self.rng.randint(50, 99), self.rng.randint(1, 999)
        local = self.pick(
            (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}.{last}{year}", f"{first}{n}"))
        return f"{_slug(local).replace('-', '')}@{self.pick(self.free, self.free_weights)}"

    def unique_as(self, name: str, variants: Sequence[str], last_resort: bool = True) -> str:
        """AS names are unique in the register; a latecomer takes the nearest free variant of the name it wanted.

        When every variant is taken the founder usually picks another name altogether (`last_resort=False` returns
        "" so the caller draws again); only then is a numbered name taken."""
        for candidate in (name, *variants):
            if candidate.lower() not in self.as_names:
                self.as_names.add(candidate.lower())
                return candidate
        if not last_resort:
            return ""
        fallback = f"{name.removesuffix(' AS')} {self.rng.randint(2, 99)} AS"
        self.as_names.add(fallback.lower())
        return fallback


def _fold(text: str) -> str:
    """Lost Norwegian letters, as after an import through a latin-1-unaware spreadsheet or a foreign keyboard."""
    return text.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "AE").replace("å", "a").replace(
        "Å", "A")


def _slug(text: str) -> str:
    folded = _fold(text.lower()).replace("&", "og")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


# --- drawing the accounts ---------------------------------------------------------------------------------------


def _company_contacts(w: _World, acc: _Account, town: str, switchboard_rate: float) -> None:
    acc.first, acc.last = w.first(), acc.last or w.surname()
    acc.visit = w.address(town)
    if w.chance(0.35):
        acc.box = w.address(town, box=True)
    acc.switchboard = w.landline(town) if w.chance(switchboard_rate) else ""
    acc.mobile = w.mobile()
    acc.site_mobile = w.mobile() if w.chance(0.5) else ""


def _new_person(w: _World) -> _Account:
    first, last = w.first(), w.surname()
    acc = _Account("person", f"{first} {last}", f"{first} {last}", first=first, last=last)
    acc.middle = w.pick(MIDDLE) if w.chance(0.3) else ""
    acc.spouse = w.first() if w.chance(0.4) else ""
    town = w.town()
    acc.visit = w.address(town)
    acc.mobile = w.mobile()
    acc.switchboard = w.landline(town) if w.chance(0.15) else ""
    acc.personal_mail = w.free_mail(first, last)
    return acc


def _new_enk(w: _World) -> _Account:
    first, last, trade, town = w.first(), w.surname(), w.trade(), w.town()
    style = w.rng.random()
    if style < 0.35:
        legal = display = f"{last} {trade}"
    elif style < 0.55:
        legal, display = f"{last} {trade} {first} {last}", f"{last} {trade}"
    elif style < 0.70:
        legal, display = f"{first} {last}", f"{last} {trade}"
    elif style < 0.85:
        mester = trade in ("Maler", "Bygg", "Murer", "Tømrer")
        legal = display = f"{trade}mester {last}" if mester else f"{last}s {trade}"
    elif style < 0.93:
        legal = display = f"{first}s {trade}"
    else:
        legal = display = f"{trade}-{last}"
    acc = _Account("enk", legal, display, last=last, legal_form="ENK")
    _company_contacts(w, acc, town, 0.2)
    acc.first = first
    if w.chance(0.4):
        acc.domain = w.domain_for(display)
    acc.personal_mail = w.free_mail(first, last)
    if w.chance(0.8):
        acc.orgnr = w.orgnr()
    acc.supplier = w.chance(0.08)
    return acc


def _as_name(w: _World, town: str, last: str) -> tuple[str, str]:
    """(legal name, everyday name) of a limited company, drawn from the patterns Norwegian firms actually use."""
    for attempt in range(6):
        legal, display = _as_name_once(w, town, last, last_resort=attempt == 5)
        if legal:
            return legal, display
    raise AssertionError("unreachable: the last attempt always names the company")


def _as_name_once(w: _World, town: str, last: str, last_resort: bool) -> tuple[str, str]:
    trade, stem = w.trade(), w.pick(STEMS)
    form = "AS" if w.chance(0.94) else w.pick(("ANS", "DA"))
    patterns: list[tuple[float, str]] = [
        (28, f"{last} {trade}"), (14, f"{town} {trade}"), (14, f"{stem} {trade}"), (8, stem),
        (7, f"{w.first()[0]}{last[0]} {trade}"), (5, f"{w.first()} {last}"), (3, f"{trade} {town}"),
        (4, f"{last} & {w.surname()}"), (3, f"{last} & Sønn"), (4, f"{trade}-{last}"),
        (3, f"{town} {trade} og {w.trade()}"),
    ]
    base = w.rng.choices([p for _, p in patterns], [wt for wt, _ in patterns])[0]
    tail = w.pick(("Vest", "Nord", "Øst", "Sør", "Service", "Drift", "Teknikk"))
    siblings = [base.replace(trade, s) for s in TRADE_SIBLINGS.get(trade, ())] + [f"{base} {tail}"]
    if town not in base:
        siblings += [f"{base} {town}", f"{town} {base}"]
    siblings.append(f"Nye {base}")
    legal = w.unique_as(f"{base} {form}", [f"{s} {form}" for s in siblings], last_resort)
    return legal, legal.removesuffix(f" {form}")


def _new_as(w: _World, town: str | None = None, last: str | None = None) -> _Account:
    town = town or w.town()
    last = last or w.surname()
    legal, display = _as_name(w, town, last)
    acc = _Account("as", legal, display, last=last, legal_form=legal.rsplit(" ", 1)[-1])
    _company_contacts(w, acc, town, 0.45)
    acc.orgnr = w.orgnr()  # every AS, ANS and DA is in the register
    acc.domain = w.domain_for(display) if w.chance(0.75) else ""
    if not acc.domain:
        acc.personal_mail = w.free_mail(acc.first, acc.last)
    acc.supplier = w.chance(0.12)
    if w.chance(0.04):
        acc.former = _as_name(w, town, w.surname())[0]
    return acc


def _successors(w: _World) -> list[_Account]:
    """A bankrupt firm and its restart: new number, same owner, address, phone and often the same name."""
    old = _new_as(w)
    old.former = ""
    new = _Account(**{**old.__dict__})
    new.orgnr = w.orgnr()
    if w.chance(0.4):
        new.legal, new.display = old.legal, old.display  # the name was freed when the old company was deleted
    else:
        legal, display = _as_name(w, old.visit[1], old.last)
        new.legal, new.display, new.legal_form = legal, display, legal.rsplit(" ", 1)[-1]
    old.presence = w.rng.choices(("both", "tripletex", "telaris"), (0.35, 0.6, 0.05))[0]
    return [old, new]


def _new_housing(w: _World) -> _Account:
    place = w.pick(PLACE_NAMES)
    if w.chance(0.4):
        place = f"{place} {w.pick(('Terrasse', 'Park', 'Hage', 'Gård', 'Øvre', 'Nedre', 'Nord', 'Sør', 'II'))}"
    if w.chance(0.3):  # sameier are often named after their address: "Sameiet Kirkegata 12"
        place = f"{place} {w.rng.randint(1, 60)}"
    legal = w.rng.choices((f"{place} Borettslag", f"Borettslaget {place}", f"Sameiet {place}", f"{place} Sameie",
                           f"Boligsameiet {place}", f"{place} Boligsameie"), (45, 15, 20, 8, 7, 5))[0]
    acc = _Account("housing", legal, legal, legal_form="BRL" if "orettslag" in legal else "SAM")
    town = w.town()
    acc.visit = w.address(town)
    acc.first, acc.last = w.first(), w.surname()
    acc.mobile = w.mobile()  # the board chair's
    acc.site_mobile = w.mobile() if w.chance(0.4) else ""  # caretaker
    if w.chance(0.5):
        domain, phone, mail, office = w.pick(w.managers)  # type: ignore[arg-type]
        acc.switchboard, acc.shared_mail, acc.billing_address = phone, mail, office
        acc.domain = domain if w.chance(0.5) else ""
    else:
        acc.personal_mail = f"styret.{_slug(place).replace('-', '')}@{w.pick(w.free, w.free_weights)}"
    acc.orgnr = w.orgnr() if w.chance(0.85) else ""
    return acc


def _new_franchise(w: _World) -> _Account:
    chain, town, last = w.pick(FRANCHISE_CHAINS), w.town(), w.surname()
    area = w.pick(SHOP_AREAS)
    display = w.pick((f"{chain} {town}", f"{chain} {town} {area}", f"{chain} {area}"))
    tail = w.pick(FRANCHISE_LEGAL_TAILS)
    legal = w.unique_as(w.pick((f"{last} {tail} AS", f"{town} {tail} AS", f"{w.first()} {last} AS")),
                        [f"{last} {tail} {area} AS", f"{town} {tail} {area} AS"])
    acc = _Account("store", legal, display, last=last, legal_form="AS")
    _company_contacts(w, acc, town, 0.8)
    slug = _slug(chain).replace("-", "")
    acc.shared_mail = f"{slug}.{_slug(town).replace('-', '')}@{slug}.no"
    acc.domain = ""
    acc.orgnr = w.orgnr() if w.chance(0.95) else ""
    return acc


def _chain_shops(w: _World) -> list[_Account]:
    """Branches of one chain: one legal entity, one orgnr and one invoice mailbox, a shop in each town."""
    brand = w.pick(list(CHAIN_OWNERS))
    owner = CHAIN_OWNERS[brand]
    orgnr = w.chain_orgnrs.setdefault(brand, w.orgnr())
    slug = _slug(brand).replace("-", "")
    shops = []
    for _ in range(w.rng.randint(2, 4)):
        town, area = w.town(), w.pick(SHOP_AREAS)
        display = f"{brand} {w.pick((town, area, f'{town} {area}'))}"
        legal = w.rng.choices((owner, f"{owner} avd. {display.removeprefix(brand + ' ')}", f"{owner} - {display}"),
                              (20, 50, 30))[0]
        acc = _Account("chain", legal, display, orgnr=orgnr, legal_form="AS")
        _company_contacts(w, acc, town, 0.9)
        acc.domain, acc.shared_mail = f"{slug}.no", f"faktura@{slug}.no"
        shops.append(acc)
    return shops


def _group(w: _World) -> list[_Account]:
    """Sister companies of one owner: same stem, office, switchboard and e-mail domain, different numbers."""
    stem = w.surname() if w.chance(0.5) else w.pick(STEMS)
    town = w.town()
    office, box, switchboard = w.address(town), w.address(town, box=True) if w.chance(0.5) else None, w.landline(town)
    domain = w.domain_for(stem + " gruppen")
    members = []
    for member in w.rng.sample(GROUP_MEMBERS, w.rng.randint(2, 5)):
        legal = w.unique_as(f"{stem} {member} AS", [f"{stem} {member} Norge AS", f"{stem} {member} {town} AS"])
        owner = stem if stem in SURNAME_WEIGHTS else ""  # a family group's people carry its name, a brand's do not
        acc = _Account("as", legal, legal.removesuffix(" AS"), last=owner, legal_form="AS")
        _company_contacts(w, acc, town, 1.0)
        acc.visit = office if w.chance(0.8) else acc.visit
        acc.box, acc.switchboard, acc.domain = box, switchboard, domain
        acc.shared_mail = f"faktura@{domain}" if domain and w.chance(0.7) else ""
        acc.orgnr = w.orgnr()
        acc.supplier = w.chance(0.1)
        members.append(acc)
    return members


def _public(w: _World) -> list[_Account]:
    """A municipality and its units: one switchboard and postmottak, mostly the main organisation number."""
    free = [t for t in w.town_names if t not in w.kommuner]
    if not free:
        return [_new_as(w)]
    town = w.rng.choices(free, [w.town_weights[w.town_names.index(t)] for t in free])[0]
    w.kommuner.add(town)
    main = w.orgnr()
    switchboard, domain = w.landline(town), f"{_slug(town).replace('-', '')}.kommune.no"
    names = [f"{town} kommune"]
    for _ in range(w.rng.randint(1, 5)):
        if w.chance(0.5):
            names.append(f"{town} kommune {w.pick(MUNICIPAL_UNITS)}")
        else:
            names.append(f"{w.pick(PLACE_NAMES)} {w.pick(SCHOOL_KINDS)}")
    units = []
    for name in dict.fromkeys(names):
        acc = _Account("public", name, name, legal_form="KOMM")
        _company_contacts(w, acc, town, 1.0)
        acc.switchboard, acc.domain, acc.shared_mail = switchboard, domain, f"postmottak@{domain}"
        acc.orgnr = main if (name == names[0] or w.chance(0.7)) else w.orgnr()
        acc.box = w.address(town, box=True)
        units.append(acc)
    return units


def _new_association(w: _World) -> _Account:
    town = w.town()
    form = w.pick(ASSOCIATION_FORMS)
    name = form.format(p=w.pick(PLACE_NAMES), t=town)
    if "{t}" in form and name.lower() in w.as_names:  # one "Tromsø Musikkorps" per town; others are local clubs
        name = w.pick([f for f in ASSOCIATION_FORMS if "{t}" not in f]).format(p=w.pick(PLACE_NAMES))
    w.as_names.add(name.lower())
    acc = _Account("association", name, name, legal_form="FORENING")
    _company_contacts(w, acc, town, 0.1)
    acc.personal_mail = w.free_mail(acc.first, acc.last)
    acc.orgnr = w.orgnr() if w.chance(0.75) else ""
    return acc


def _new_foreign(w: _World) -> _Account:
    form, city, code = w.pick(FOREIGN)  # type: ignore[misc]
    stem = w.pick(STEMS)
    name = f"{stem} {w.pick(('Trading', 'Industri', 'Components', 'Nordic', 'Tools', 'Electric'))} {form}"
    acc = _Account("foreign", name, name, legal_form=form, supplier=w.chance(0.7))
    acc.visit = (code, city)
    acc.switchboard = "+" + w.pick(("46", "45", "49", "358", "44", "31")) + str(w.rng.randint(10**7, 10**9))
    acc.domain = _slug(stem) + w.pick((".se", ".dk", ".de", ".com", ".eu"))
    acc.first, acc.last = w.first(), w.surname()
    return acc


def _draw_accounts(w: _World, companies: int) -> list[_Account]:
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    makers: dict[str, Callable[[_World], _Account | list[_Account]]] = {
        "person": _new_person, "enk": _new_enk, "as": _new_as, "successor": _successors, "housing": _new_housing,
        "franchise": _new_franchise, "chain": _chain_shops, "group": _group, "public": _public,
        "association": _new_association, "foreign": _new_foreign,
    }
    accounts: list[_Account] = []
    while len(accounts) < companies:
        made = makers[w.rng.choices(kinds, weights)[0]](w)
        accounts.extend(made if isinstance(made, list) else [made])
    accounts = accounts[:companies]
    for acc in accounts:
        acc.presence = acc.presence or _presence(w, acc)
        if w.chance(0.06) and acc.kind != "foreign":
            acc.old_address = w.address(w.town() if w.chance(0.3) else acc.visit[1])
        if w.chance(0.04):
            acc.old_phone = w.mobile() if w.chance(0.5) else w.landline(w.town())
    return accounts


def _presence(w: _World, acc: _Account) -> str:
    if acc.supplier:
        odds = (0.55, 0.05, 0.40)
    elif acc.kind == "person":
        odds = (0.62, 0.25, 0.13)
    else:
        odds = (0.70, 0.15, 0.15)
    return w.rng.choices(("both", "telaris", "tripletex"), odds)[0]


# --- how each clerk types an account ----------------------------------------------------------------------------

LEGAL_FORM_VARIANTS = {"AS": ("A/S", "as", "A.S.", "As"), "ANS": ("ans", "A.N.S."), "DA": ("da", "D.A.")}
ABBREVIATIONS = (
    (" og ", " & "), (" & ", " og "), ("Entreprenør", "Entr."), ("Borettslag", "BRL"), ("Borettslaget", "BRL"),
    ("Eiendom", "Eiend."), ("Elektro", "El."), ("Service", "Serv."), ("kommune", "Kommune"), ("Sameiet", "Sameie"),
    ("Rørleggerservice", "Rørlegger"), ("Idrettslag", "IL"), ("Velforening", "Vel"), ("Transport", "Transp."),
)
NEIGHBOURS = "qwertyuiopåasdfghjkløæzxcvbnm"


def _typo(w: _World, text: str) -> str:
    """One slip of the finger: a dropped, doubled, swapped or neighbouring letter."""
    if len(text) < 4:
        return text
    i = w.rng.randrange(1, len(text) - 1)
    how = w.rng.random()
    if how < 0.3:
        return text[:i] + text[i + 1:]
    if how < 0.5:
        return text[:i] + text[i] + text[i:]
    if how < 0.8:
        return text[:i - 1] + text[i] + text[i - 1] + text[i + 1:]
    ch = text[i].lower()
    if ch in NEIGHBOURS:
        j = NEIGHBOURS.index(ch)
        return text[:i] + NEIGHBOURS[min(j + 1, len(NEIGHBOURS) - 1)] + text[i + 1:]
    return text


def _person_name(w: _World, acc: _Account, telaris: bool) -> str:
    first = f"{acc.first} {acc.middle}" if acc.middle and w.chance(0.35 if telaris else 0.5) else acc.first
    if telaris and acc.spouse and w.chance(0.15):
        first = f"{acc.first} og {acc.spouse}"
    order = w.rng.random()
    if order < (0.1 if telaris else 0.07):
        return f"{acc.last}, {first}"
    if order < (0.15 if telaris else 0.15):
        return f"{acc.last} {first}"
    return f"{first} {acc.last}"


def _drop_legal_form(name: str, form: str) -> str:
    for token in (f" {form}", f"{form} "):
        if form and token in name and (name.endswith(token) or name.startswith(token)):
            return name.replace(token, "", 1).strip()
    return name


def _name(w: _World, acc: _Account, telaris: bool, use_former: bool) -> str:
    if acc.kind == "person":
        name = _person_name(w, acc, telaris)
    else:
        legal = acc.former if use_former else acc.legal
        display = _drop_legal_form(acc.former, "AS") if use_former else acc.display
        if telaris:
            name = display if w.chance(0.55) else legal
        else:
            name = display if w.chance(0.2) else legal
            if name == legal and w.chance(0.25) and acc.kind not in ("foreign", "person"):
                return legal.upper()  # from the Brønnøysund lookup, as the register spells it
        form = acc.legal_form
        if telaris:
            if w.chance(0.3):
                name = _drop_legal_form(name, form)
            elif form == "AS" and name.endswith(" AS") and w.chance(0.03 / 0.7):
                name = "AS " + name.removesuffix(" AS")
            if w.chance(0.06):
                name = f"{name} v/ {acc.first} {acc.last}" if acc.first and w.chance(0.6) else f"{name}, {acc.visit[1]}"
        elif w.chance(0.05):
            name = _drop_legal_form(name, form)
        if form in LEGAL_FORM_VARIANTS and name.endswith(" " + form) and w.chance(0.05 if telaris else 0.03):
            name = name.removesuffix(form) + w.pick(LEGAL_FORM_VARIANTS[form])
        if w.chance(0.10 if telaris else 0.04):
            hits = [(a, b) for a, b in ABBREVIATIONS if a in name]
            if hits:
                a, b = w.pick(hits)  # type: ignore[misc]
                name = name.replace(a, b, 1)
    if w.chance(0.05 if telaris else 0.03):
        name = _fold(name)
    if w.chance(0.05 if telaris else 0.02):
        name = _typo(w, name)
    if telaris and w.chance(0.06):
        name = name.upper() if w.chance(0.65) else name.lower()
    if w.chance(0.02):
        name = f" {name}" if w.chance(0.5) else name.replace(" ", "  ", 1) + " "
    return name


def _orgnr_presence(w: _World, acc: _Account) -> tuple[bool, bool]:
    """(Telaris has it, Tripletex has it): correlated, since a firm that gave its number once tends to give it twice."""
    if not acc.orgnr:
        return False, False
    tripletex = w.chance(BUSINESS_ORGNR_RATE.get(acc.kind, 0.88))
    telaris = w.chance(0.72 if tripletex else 0.35)
    return telaris, tripletex


def _orgnr_text(w: _World, digits: str, telaris: bool) -> str:
    spaced = f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    if telaris:
        options = (digits, spaced, f"NO {spaced} MVA", f"NO{digits}MVA", f"{digits}MVA", f" {digits}")
        return w.rng.choices(options, (55, 28, 7, 4, 3, 3))[0]
    return w.rng.choices((digits, spaced, f"NO{digits}MVA"), (93, 5, 2))[0]


def _phone_text(w: _World, digits: str, telaris: bool) -> str:
    if not digits or digits.startswith("+"):
        return digits
    mobile = digits[0] in "49"
    pairs = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    grouped = f"{digits[:3]} {digits[3:5]} {digits[5:]}" if mobile else pairs
    options = (digits, grouped, f"+47 {grouped}", f"+47{digits}", f"0047 {digits}", f"(+47) {digits}")
    weights = (40, 30, 14, 10, 3, 3) if telaris else (50, 35, 8, 5, 1, 1)
    return w.rng.choices(options, weights)[0]


def _phone(w: _World, acc: _Account, telaris: bool, use_old: bool) -> str:
    if use_old and acc.old_phone:
        number = acc.old_phone
    else:
        if telaris:
            choices, empty = [(acc.site_mobile, 0.25), (acc.mobile, 0.35), (acc.switchboard, 0.28)], 0.12
        else:
            choices, empty = [(acc.switchboard, 0.45), (acc.mobile, 0.25), (acc.site_mobile, 0.05)], 0.30
        present = [(n, p) for n, p in choices if n]
        number = "" if not present or w.chance(empty) else w.rng.choices(*zip(*present, strict=True))[0]
    if number and w.chance(0.015):
        number = _typo(w, number)
    return _phone_text(w, number, telaris)


def _email(w: _World, acc: _Account, telaris: bool) -> str:
    d = acc.domain
    person = f"{_slug(acc.first)}.{_slug(acc.last)}".replace("-", "") if acc.first else "post"
    contact = w.pick((f"{person}@{d}", f"{_slug(acc.first)}@{d}", f"{acc.first[:1]}{acc.last[:1]}@{d}".lower())) if d \
        else acc.personal_mail
    generic = f"{w.pick(('post', 'firmapost', 'kontakt', 'info', 'post', 'post'))}@{d}" if d else acc.personal_mail
    invoice = acc.shared_mail or (f"{w.pick(('faktura', 'regnskap', 'okonomi', 'invoice'))}@{d}" if d else "")
    if acc.kind == "person":
        mail = acc.personal_mail if w.chance(0.75) else ""
        if telaris and mail and w.chance(0.15):
            mail = w.free_mail(acc.spouse or acc.first, acc.last)
    elif telaris:
        mail = w.rng.choices((contact, generic, invoice, ""), (40, 30, 5, 25))[0]
    else:
        small = acc.kind in ("enk", "as", "association") and not acc.shared_mail
        accountant = f"{_slug(acc.display).replace('-', '')[:20]}@{w.pick(ACCOUNTANT_DOMAINS)}" if small else ""
        mail = w.rng.choices((invoice or generic, generic, contact, accountant, ""), (30, 30, 10, 6 if small else 0,
                                                                                      24))[0]
    mail = mail.replace("ø", "o").replace("å", "a").replace("æ", "ae") if mail else ""
    if telaris and mail and w.chance(0.03):
        mail = mail.capitalize()
    return mail


def _address(w: _World, acc: _Account, telaris: bool, use_old: bool) -> Address:
    if w.chance(0.04 if telaris else 0.07):
        return ("", "")
    if use_old and acc.old_address:
        code, city = acc.old_address
    elif not telaris and acc.billing_address and w.chance(0.4):
        code, city = acc.billing_address
    elif acc.box and w.chance(0.12 if telaris else 0.7):
        code, city = acc.box
    elif telaris and acc.kind in ("as", "enk") and acc.visit[1] in w.towns_by_name and w.chance(0.08):
        code, city = w.address(acc.visit[1])
    else:
        code, city = acc.visit
    if telaris:
        roll = w.rng.random()
        city = city.upper() if roll < 0.08 else city.lower() if roll < 0.11 else _fold(city) if roll < 0.15 else city
        if code.startswith("0") and len(code) == 4 and w.chance(0.15):
            code = code[1:]
        if w.chance(0.01):
            code = ""
    else:
        city = city.upper() if w.chance(0.2) else city
        if code.startswith("0") and len(code) == 4 and w.chance(0.03):
            code = code[1:]
    return code, city


@dataclass
class _Numbers:
    """Customer/supplier number series: Tripletex's own defaults, Telaris' own series skipping copied numbers."""

    customer: int = 10001
    supplier: int = 20001
    telaris_next: int = 1
    telaris_used: set[str] = field(default_factory=set)

    def tripletex(self, supplier: bool) -> str:
        if supplier:
            self.supplier += 1
            return str(self.supplier - 1)
        self.customer += 1
        return str(self.customer - 1)

    def telaris_own(self) -> str:
        while str(self.telaris_next) in self.telaris_used:
            self.telaris_next += 1
        self.telaris_used.add(str(self.telaris_next))
        return str(self.telaris_next)

    def telaris_copy(self, number: str) -> str:
        if number in self.telaris_used:
            return self.telaris_own()
        self.telaris_used.add(number)
        return number


def _record(w: _World, acc: _Account, telaris: bool, stale: dict[str, bool], org: bool, number: str) -> dict[str, str]:
    code, city = _address(w, acc, telaris, stale["address"] == telaris)
    return {
        "record_id": "",
        "name": _name(w, acc, telaris, stale["name"] == telaris and bool(acc.former)),
        "number": number,
        "organisation_number": _orgnr_text(w, acc.orgnr, telaris) if org else "",
        "email": _email(w, acc, telaris),
        "phone": _phone(w, acc, telaris, stale["phone"] == telaris),
        "postal_code": code,
        "city": city,
    }


def _sparse_duplicate(w: _World, acc: _Account, numbers: _Numbers) -> dict[str, str]:
    """A second Telaris record typed from a phone call: a short name, a phone, rarely more."""
    code, city = _address(w, acc, True, False) if w.chance(0.5) else ("", "")
    return {
        "record_id": "", "name": _drop_legal_form(_name(w, acc, True, False), acc.legal_form),
        "number": numbers.telaris_own() if w.chance(0.6) else "", "organisation_number": "",
        "email": _email(w, acc, True) if w.chance(0.3) else "", "phone": _phone(w, acc, True, False),
        "postal_code": code, "city": city,
    }


def generate(companies: int, seed: int = 2026) -> TwinData:
    """Both registers of one field-service firm's customer base with `companies` real accounts, and the truth."""
    rng = random.Random(seed)
    w = _World(rng=rng, orgnr=unique_orgnrs(random.Random(seed * 7919 + 17)), home=rng.choice(REGIONS))
    accounts = _draw_accounts(w, companies)
    rng.shuffle(accounts)  # creation order in Tripletex, hence its customer numbers
    numbers = _Numbers()
    telaris: list[tuple[dict[str, str], int]] = []  # (record, account index or -1 for a non-truth duplicate)
    tripletex: list[tuple[dict[str, str], int]] = []
    for index, acc in enumerate(accounts):
        stale = {key: w.chance(0.5) for key in ("name", "address", "phone")}  # which side kept the old value
        has_t, has_x = _orgnr_presence(w, acc)
        on_t, on_x = acc.presence in ("both", "telaris"), acc.presence in ("both", "tripletex")
        x_number = numbers.tripletex(acc.supplier) if on_x else ""
        if on_x:
            tripletex.append((_record(w, acc, False, stale, has_x, x_number), index))
            if acc.kind not in ("person", "foreign") and w.chance(0.01):
                tripletex.append((_record(w, acc, False, stale, has_x, numbers.tripletex(acc.supplier)), -1))
        if on_t:
            roll = w.rng.random()
            if on_x and roll < 0.35:
                t_number = numbers.telaris_copy(_typo(w, x_number) if w.chance(0.02 / 0.35) else x_number)
            elif roll < 0.47:
                t_number = ""
            else:
                t_number = numbers.telaris_own()
            telaris.append((_record(w, acc, True, stale, has_t, t_number), index))
            if acc.kind not in ("person", "foreign") and w.chance(0.025):
                telaris.append((_sparse_duplicate(w, acc, numbers), -1))
    rng.shuffle(telaris)
    rng.shuffle(tripletex)
    t_ids: dict[int, str] = {}
    x_ids: dict[int, int] = {}
    for i, (row, index) in enumerate(telaris, start=1):
        row["record_id"] = f"g_{i:06d}"
        if index >= 0:
            t_ids[index] = row["record_id"]
    for i, (row, index) in enumerate(tripletex, start=700001):
        row["record_id"] = str(i)
        if index >= 0:
            x_ids[index] = i
    truth = {(t_ids[i], x_ids[i]) for i in t_ids if i in x_ids}
    return TwinData(telaris=[r for r, _ in telaris], tripletex=[r for r, _ in tripletex], truth=truth)
