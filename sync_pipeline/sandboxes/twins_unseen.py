"""Held-out twin data for measuring the initial linking: written without looking at the matcher or earlier generators.

The firm modelled
-----------------
An electrical contractor (elektroinstallatør) based at Heimdal, south of Trondheim, with 30-60 electricians, working
across Trøndelag. It used Telaris (work orders, technicians on phones) and Tripletex (invoicing, purchasing) side by
side for years before the integration; the initial linking has to pair up what two groups of people typed separately.

Who its parties are (share of `companies`, each a real-world party)
-------------------------------------------------------------------
- 38 % private households: fuse boxes, EV chargers, heat pumps, renovations. No organisation number. Names repeat
  by nature (rank-weighted Norwegian first names and surnames), so "Ole Hansen" in Heimdal and in Stjørdal are two
  customers: the commonest hard negative an electrician has.
- 21 % small firms: sole proprietorships and small AS (hairdressers, shops, cafés, other trades we subcontract for),
  and farms (barns, milking robots, grain dryers), registered as sole proprietorships under the farmer's own name while
  everyone calls them by the farm. "Hansen Bygg" exists in more than one town.
- 10 % housing co-operatives and condominiums (borettslag, sameier): managed by one of two managers, so they share the
  manager's e-mail domain and switchboard, and "Sameiet Innherredsveien 12" sits next to "Sameiet Innherredsveien 14".
- 13 % businesses: property companies, workshops, hotels, shops of chains. A quarter of them come in a group (holding,
  operating and property companies with a common name stem, domain and switchboard); chain stores are named by the
  chain and place by the technician and by the franchise company in the register ("Rema 1000 Moholt" vs
  "MOHOLT DAGLIGVARE AS"); co-operative stores all carry the co-operative's organisation number. A few went bankrupt
  and were continued by a successor with a new number but the same premises, phone and e-mail.
- Registered company names are unique (the register refuses a taken name), so a second "Lade Eiendom AS" is born
  "Nye Lade Eiendom AS"; exact namesakes come from persons, sole proprietorships and farms ("Nedre Hoel gård" exists
  in several municipalities). Person names follow the flat real frequencies (the commonest surname about 1 %).
- 5 % public units: schools, kindergartens, nursing homes of the municipalities. Each unit is its own customer (it gets
  its own invoices), but all units of one municipality share its organisation number, domain and switchboard.
- 13 % suppliers: wholesalers, tool and lift rental, leasing, insurance, IT, waste. A technician registers the branch he
  buys from ("X Elektrogrossist avd. Heimdal", branch phone); the accountant registers the company ("X Elektrogrossist
  Norge AS", head-office switchboard). Many suppliers are in the accounts only (insurance, bank-like, software).

Which side a party is on (both / Telaris only / Tripletex only)
---------------------------------------------------------------
Customers reach Tripletex when they are invoiced; quotes that never became jobs stay in Telaris only (privates most of
all). Tripletex has customers that never had a work order (sold goods, old history) and many suppliers that have nothing
to do with field work. Rates: private 60/30/10, small firm 66/17/17, housing 72/14/14, business 64/18/18,
public 70/15/15, supplier 52/6/42. That leaves about a quarter of Telaris and a fifth of Tripletex one-sided.

How the two copies of one party came to differ
----------------------------------------------
- 40 % of the pairs were imported from Tripletex into Telaris when Telaris was introduced: the Telaris copy starts as
  the Tripletex record (same customer number, cleared since in 3 %; same name as typed; organisation number kept in
  85 %) and each field has since drifted with 15 % (a technician edits the contact, phone, address). Everything newer
  was typed twice.
- Name: Tripletex fills firms from the business register (45 % in its capitals, "HANSEN BYGG AS"), otherwise the
  accountant types the legal name; private persons are often typed surname first (30 %). Technicians type the everyday
  name: legal form kept 50 %, dropped 35 %, "as"/"A/S"/moved to front 15 %; borettslag shortened to BRL; "og" to "&";
  a farm, store, school or branch by its own name; typos 5 %, lost æøå 6 % (phones with foreign keyboards), capitals
  or lower case 7 %.
- Organisation number: Tripletex 80 % (register look-up; 95 % for municipalities, which need it for e-invoices,
  90 % for suppliers), typed Telaris 35 %; formatting "123456789", "123 456 789" or "NO 123 456 789 MVA".
- Customer number: Tripletex numbers from 10001 (suppliers from 20001) in creation order; imported pairs share it;
  afterwards both systems continued from the same highest number independently (Telaris leaves 40 % blank), so equal
  numbers on two different companies are common and equal numbers on a true pair mostly mean an imported record.
- E-mail: Tripletex holds the invoice address (faktura@/post@) or nothing for e-invoice receivers (40 %); Telaris holds
  the contact person (ole.hansen@firm) or nothing. Privates: same address on both in most pairs, with case changes.
- Phone: Tripletex the switchboard, Telaris the contact's mobile; formats as typed ("912 34 567", "+47 73 12 34 56").
- Address: postcode and city. Tripletex often a post-office box postcode; Telaris sometimes the job site; either may
  be empty; cities in capitals (as Posten writes them) or typed, with lost æøå.

Only the eight contract columns are produced; everything above decides their values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from itertools import accumulate

from sync_pipeline.sandboxes import twins_unseen_vocab as V
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")
BOTH, TELARIS, TRIPLETEX = "both", "telaris", "tripletex"

# (segment, share of parties, presence weights (both, Telaris only, Tripletex only)); the reasons are in the docstring.
SEGMENTS: tuple[tuple[str, float, tuple[float, float, float]], ...] = (
    ("private", 0.38, (0.60, 0.30, 0.10)),
    ("small", 0.21, (0.66, 0.17, 0.17)),
    ("housing", 0.10, (0.72, 0.14, 0.14)),
    ("business", 0.13, (0.64, 0.18, 0.18)),
    ("public", 0.05, (0.70, 0.15, 0.15)),
    ("supplier", 0.13, (0.52, 0.06, 0.42)),
)
IMPORTED_SHARE = 0.40
DRIFT = 0.15
STREETS = (
    "Innherredsveien", "Kongens gate", "Olav Tryggvasons gate", "Bakkegata", "Jonsvannsveien", "Byåsveien",
    "Holtermanns veg", "Klæbuveien", "Mellomila", "Thomas von Westens gate", "Elgeseter gate", "Prinsens gate",
    "Dronningens gate", "Fjordgata", "Strandveien", "Østre Rosten", "Heimdalsvegen", "Nedre Bakklandet", "Lade allé",
    "Kirkegata", "Stavne-Leangen-banen", "Tunga", "Ranheimsvegen", "Okstadbakken", "Saupstadringen",
    "Kong Øysteins veg",
)
MANAGERS = (("TOBB", "tobb.no"), ("OBOS Eiendomsforvaltning", "obos.no"))


def _weighted_index(rng: random.Random, cum: list[float]) -> int:
    """A rank- or share-weighted pick that only uses `rng.random()`, so the stream is the same on every Python."""
    x = rng.random() * cum[-1]
    lo, hi = 0, len(cum) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if cum[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return lo


def _zipf(n: int, s: float) -> list[float]:
    """Cumulative weights 1/rank^s: the skew of real name frequencies (some names common, a long tail)."""
    return list(accumulate(1.0 / (r + 1) ** s for r in range(n)))


# Real Norwegian frequencies are flat: the commonest first name is carried by under 2 % of men, "Hansen" by about 1 %
# of people, and the hundred commonest surnames by about a fifth. Flat first-name weights and common surnames only for
# 25 % of people (the rest from the compound tail) give full-name collisions near the real rate (about 2 in 100 000
# random pairs); a steep skew over short lists would make namesakes a hundred times too common.
CUM_MALE, CUM_FEMALE = _zipf(len(V.MALE_FIRST), 0.3), _zipf(len(V.FEMALE_FIRST), 0.3)
CUM_SURNAME = _zipf(len(V.SURNAMES), 0.6)
COMMON_SURNAME_SHARE = 0.25
CUM_TOWN = list(accumulate(V.TOWN_WEIGHTS))
CUM_MAIL = list(accumulate(V.FREE_MAIL_WEIGHTS))
assert len(V.TOWN_WEIGHTS) == len(V.TOWNS) and all(t[0] in V.KOMMUNE_OF_TOWN for t in V.TOWNS)


def fold_ascii(text: str, rng: random.Random) -> str:
    """What æøå become when typed on a keyboard without them: ø→o, æ→ae or a, å→aa or a (one habit per record)."""
    long = rng.random() < 0.4
    out = text.replace("ø", "o").replace("Ø", "O")
    out = out.replace("æ", "ae" if long else "a").replace("Æ", "AE" if long else "A")
    return out.replace("å", "aa" if long else "a").replace("Å", "AA" if long else "A")


def mail_local(text: str) -> str:
    """E-mail local part or domain label from a name: lower case, æøå spelled out, no spaces."""
    out = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa").replace("é", "e")
    return "".join(ch for ch in out if ch.isalnum() or ch in ".-")


def typo(text: str, rng: random.Random) -> str:
    """One slip of the finger: a letter dropped, doubled, swapped with its neighbour or replaced."""
    spots = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i + 1].isalpha()]
    if not spots:
        return text
    i = spots[rng.randrange(len(spots))]
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeiornstl") + text[i + 1:]


def format_phone(digits: str, rng: random.Random, telaris: bool) -> str:
    """A Norwegian number as people type it; Telaris users type more freely than an accountant does."""
    if not digits:
        return ""
    mobile = digits[0] in "49"
    if mobile:
        spaced = f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    else:
        spaced = f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"
    styles = (digits, spaced, "+47 " + spaced, "+47" + digits, "0047 " + digits)
    weights = (35, 35, 18, 8, 4) if telaris else (60, 10, 27, 3, 0)
    return styles[_weighted_index(rng, list(accumulate(weights)))]


def format_orgnr(digits: str, rng: random.Random, telaris: bool) -> str:
    """Organisation numbers as written on invoices: plain, grouped, or the VAT form."""
    x = rng.random()
    if x < (0.55 if telaris else 0.85):
        return digits
    if x < (0.85 if telaris else 0.95):
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return f"NO {digits[:3]} {digits[3:6]} {digits[6:]} MVA" if rng.random() < 0.7 else f"NO{digits}MVA"


@dataclass
class Party:
    """One real-world customer or supplier, before anyone typed it into either system."""

    segment: str
    kind: str  # "customer" or "supplier": separate number series in both systems
    legal: str  # the name in the business register (or a person's full name)
    everyday: str  # what the technicians call it
    orgnr: str = ""
    street_pc: str = ""
    box_pc: str = ""
    city: str = ""
    switchboard: str = ""
    mobile: str = ""
    domain: str = ""  # the firm's own e-mail domain; "" for private persons
    contact: tuple[str, str] = ("", "")  # (first name, surname) of the person the technicians talk to
    private_mail: str = ""
    surname_first: str = ""  # a private person as an accountant types them: "Hansen Ole Martin"
    presence: str = BOTH
    imported: bool = False
    extra: dict[str, str] = field(default_factory=dict)


class _World:
    """Draws the parties of one firm; holds the random stream and the organisation-number source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.new_orgnr = unique_orgnrs(rng)
        self.shared: dict[str, tuple[str, str]] = {}  # legal entity → (organisation number, switchboard)
        self.registered: set[str] = set()  # names taken in the register, case-folded

    def unique(self, name: str) -> str:
        """The register refuses a company name that is already taken, so a second "Lade Eiendom AS" is born as
        "Nye Lade Eiendom AS": near-namesakes are real, identical registered names are not (sole proprietorships and
        farms are exempt, they carry the owner's name)."""
        candidate, tries = name, 0
        while candidate.casefold() in self.registered:
            tries += 1
            word = self.pick(V.DISTINGUISHERS)
            candidate = f"{word} {name}" if tries < 6 else f"{name.removesuffix(' AS')} {tries} AS"
        self.registered.add(candidate.casefold())
        return candidate

    # -- small draws -------------------------------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: tuple[str, ...] | list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def person(self) -> tuple[str, str, str]:
        """(first name as used daily, full first name, surname); 12 % carry a double first name."""
        rng = self.rng
        if self.chance(COMMON_SURNAME_SHARE):
            surname = V.SURNAMES[_weighted_index(rng, CUM_SURNAME)]
        else:
            surname = self.pick(V.SURNAME_HEADS) + self.pick(V.SURNAME_TAILS)
        if self.chance(0.12):
            full = self.pick(V.DOUBLE_FIRST)
            return full.split()[0], full, surname
        if self.chance(0.5):
            first = V.MALE_FIRST[_weighted_index(rng, CUM_MALE)]
        else:
            first = V.FEMALE_FIRST[_weighted_index(rng, CUM_FEMALE)]
        return first, first, surname

    def town(self) -> tuple[str, str, str, str]:
        """(town, street postcode, box postcode or "", city) of a local customer."""
        town, streets, boxes, city = V.TOWNS[_weighted_index(self.rng, CUM_TOWN)]
        return town, self.pick(streets), (self.pick(boxes) if boxes else ""), city

    def digits(self, first: str, n: int = 7) -> str:
        return first + "".join(str(self.rng.randrange(10)) for _ in range(n))

    def landline(self) -> str:
        return self.digits(self.pick(("72", "73", "73", "73", "74")), 6)

    def mobile(self) -> str:
        return self.digits(self.pick(("4", "9", "9")))

    def free_mail(self, first: str, surname: str) -> str:
        style = self.rng.randrange(4)
        local = (f"{first}.{surname}", f"{first}{surname}", f"{first[0]}{surname}", f"{first}{self.rng.randrange(100)}")
        return f"{mail_local(local[style])}@{V.FREE_MAIL[_weighted_index(self.rng, CUM_MAIL)]}"

    def located(self, party: Party) -> Party:
        _town, party.street_pc, party.box_pc, party.city = self.town()
        return party

    # -- segments ----------------------------------------------------------------------------------------------------
    def private(self) -> list[Party]:
        first, full, surname = self.person()
        party = self.located(Party("private", "customer", f"{full} {surname}", f"{first} {surname}"))
        party.mobile = self.mobile()
        party.private_mail = self.free_mail(first, surname) if self.chance(0.8) else ""
        party.surname_first = f"{surname} {full}"
        party.contact = (first, surname)
        if self.chance(0.08):  # a couple: the invoice goes to both, the technician writes one of them
            spouse = self.person()[0]
            party.extra["couple"] = f"{first} og {spouse} {surname}"
        return [party]

    def small(self) -> list[Party]:
        first, full, surname = self.person()
        town, *_ = self.town()
        style = self.rng.random()
        orgnr = self.new_orgnr()
        if style < 0.2:  # a farm, registered as the farmer's sole proprietorship
            farm = f"{self.pick(V.FARM_PREFIX)} {self.pick(V.FARMS)} gård".strip()
            legal, everyday = f"{full} {surname}", farm
        elif style < 0.45:  # sole proprietorship: the register requires the owner's surname in the name
            trade = self.pick(V.TRADES)
            if trade in V.TITLE_TRADES or self.chance(0.15):
                title = trade if trade in V.TITLE_TRADES else self.pick(V.TITLE_TRADES)
                legal, everyday = f"{title} {full} {surname}", f"{title} {surname}"
            else:
                legal, everyday = f"{surname} {trade} {full} {surname}", f"{surname} {trade}"
        elif style < 0.85:  # small AS named after the owner
            trade = self.pick(V.TRADES)
            form = "AS" if self.chance(0.9) else self.pick(("ANS", "DA"))
            legal = self.unique(f"{surname} {trade} {form}")
            everyday = legal
        else:  # small AS named after the place
            legal = self.unique(f"{town} {self.pick(V.TRADES)} AS")
            everyday = legal
        party = self.located(Party("small", "customer", legal, everyday, orgnr=orgnr))
        party.switchboard = self.landline() if self.chance(0.4) else ""
        party.mobile = self.mobile()
        party.domain = f"{mail_local(everyday.replace(' AS', '').replace(' ', ''))}.no" if self.chance(0.55) else ""
        party.contact = (first, surname)
        party.private_mail = self.free_mail(first, surname)
        return [party]

    def housing(self) -> list[Party]:
        manager, domain = MANAGERS[self.rng.randrange(len(MANAGERS))]
        board = self.person()
        parties: list[Party] = []
        if self.chance(0.45):  # condominiums along one street, numbered: next door is a near-namesake
            street = self.pick(STREETS)
            for number in sorted({self.rng.randrange(1, 60) for _ in range(1 + (self.chance(0.35)))}):
                name = self.unique(f"Sameiet {street} {number}")
                parties.append(Party("housing", "customer", name, name))
        else:
            stem = self.pick(V.BUSINESS_STEMS)
            name = self.unique(f"{stem} {self.pick(('Borettslag', 'Borettslag', 'Boligsameie'))}")
            parties.append(Party("housing", "customer", name, name))
        switchboard = self.landline()
        for party in parties:
            self.located(party)
            party.orgnr = self.new_orgnr()
            party.domain = domain
            party.switchboard = switchboard
            party.contact = board[0], board[2]
            party.mobile = self.mobile()
            party.private_mail = self.free_mail(board[0], board[2])
            party.extra["manager"] = manager
        return parties

    def business(self) -> list[Party]:
        rng = self.rng
        x = rng.random()
        if x < 0.2:  # a chain store
            return [self._chain_store()]
        stem, word = self.pick(V.BUSINESS_STEMS), self.pick(V.BUSINESS_WORDS)
        base = f"{stem} {word}"
        names = [f"{base} AS"]
        if x < 0.45:  # a group: holding, operating and property companies share stem, domain and switchboard
            for suffix in ("Holding AS", "Drift AS", "Eiendom AS", "Service AS", "Utleie AS")[: 1 + rng.randrange(3)]:
                names.append(f"{base} {suffix}" if suffix.split()[0] != word else f"{stem} {suffix}")
        elif x < 0.5:  # bankrupt and continued: same premises, phone, e-mail; new name and number
            names.append(self.pick((f"Ny {base} AS", f"{base} Service AS", f"{base} Drift AS", f"{base} 2020 AS")))
        first, _full, surname = self.person()
        names = [self.unique(name) for name in names]
        switchboard, domain = self.landline(), f"{mail_local(names[0].removesuffix(' AS'))}.no"
        town = self.town()
        parties = []
        for name in names:
            party = Party("business", "customer", name, name, orgnr=self.new_orgnr())
            _t, party.street_pc, party.box_pc, party.city = town
            party.switchboard, party.domain = switchboard, domain
            party.contact = (first, surname) if self.chance(0.6) else self.person()[::2]
            party.mobile = self.mobile()
            parties.append(party)
        return parties

    def _chain_store(self) -> Party:
        chain = self.pick(V.CHAINS)
        town, pc, box, city = self.town()
        place = self.pick(V.BUSINESS_STEMS) if town == "Trondheim" else town
        everyday = self.unique(f"{chain} {place}")
        if chain.startswith("Coop"):  # a unit of the co-operative: its number and its name in the register
            legal, orgnr = "Coop Midt-Norge SA", self.extra_orgnr("coop")
        else:
            trade = self.pick(("Dagligvare", "Handel", "Matsenter", "Daglig"))
            legal, orgnr = self.unique(f"{place} {trade} AS"), self.new_orgnr()
        party = Party("business", "customer", legal, everyday, orgnr=orgnr, street_pc=pc, box_pc=box, city=city)
        party.switchboard = self.landline()
        party.domain = mail_local(chain.split()[0]) + ".no"
        party.contact = self.person()[::2]
        party.mobile = self.mobile()
        party.extra["store"] = mail_local(place)
        return party

    def extra_orgnr(self, key: str) -> str:
        """One organisation number shared by every unit of one legal entity (co-operative, municipality)."""
        if key not in self.shared:
            self.shared[key] = (self.new_orgnr(), self.landline())
        return self.shared[key][0]

    def public(self) -> list[Party]:
        town, pc, box, city = self.town()
        kommune = V.KOMMUNE_OF_TOWN[town]
        orgnr = self.extra_orgnr(kommune)
        switchboard = self.shared[kommune][1]
        place = self.pick(V.NEIGHBOURHOODS) if town == "Trondheim" else town
        unit = self.unique(f"{place} {self.pick(V.KOMMUNE_UNITS)}")
        party = Party("public", "customer", f"{kommune} kommune", unit, orgnr=orgnr, street_pc=pc, box_pc=box,
                      city=city)
        party.switchboard, party.domain = switchboard, f"{mail_local(kommune.replace(' ', ''))}.kommune.no"
        party.contact = self.person()[::2]
        party.mobile = self.mobile()
        party.extra["unit"] = unit
        return [party]

    def supplier(self) -> list[Party]:
        stem, word = self.pick(V.SUPPLIER_STEMS), self.pick(V.SUPPLIER_WORDS)
        base = f"{stem} {word}"
        street_pc, box_pc, city = V.SUPPLIER_PLACES[self.rng.randrange(len(V.SUPPLIER_PLACES))]
        national = self.chance(0.45)
        names = [self.unique(f"{base} Norge AS" if national else f"{base} AS")]
        base = names[0].removesuffix(" AS").removesuffix(" Norge")
        if self.chance(0.15):  # the group's finance or rental arm invoices separately
            names.append(self.unique(f"{base} {self.pick(('Finans AS', 'Utleie AS', 'Service AS', 'Eiendom AS'))}"))
        switchboard, domain = self.digits(self.pick(("2", "5", "6", "3", "7"))), f"{mail_local(base)}.no"
        parties = []
        for i, name in enumerate(names):
            everyday = name
            party = Party("supplier", "supplier", name, everyday, orgnr=self.new_orgnr(), street_pc=street_pc,
                          box_pc=box_pc, city=city, switchboard=switchboard, domain=domain)
            if national and i == 0 and self.chance(0.7):  # the technician registers the local branch
                branch_town, party.extra["branch_pc"], _box, party.extra["branch_city"] = self.town()
                party.everyday = f"{base} {self.pick(V.BRANCH_WORDS)} {branch_town}"
                party.extra["branch_phone"] = self.landline()
            party.contact = self.person()[::2]
            party.mobile = self.mobile()
            parties.append(party)
        return parties


# -- typing the party into each system ---------------------------------------------------------------------------------
LEGAL_FORMS = ("AS", "ASA", "SA", "ANS", "DA")


def _slips(name: str, rng: random.Random, p_typo: float, p_fold: float, p_upper: float, p_lower: float) -> str:
    """Typing accidents that can happen to any name, at the rates of whoever is typing."""
    if rng.random() < p_typo:
        name = typo(name, rng)
    if rng.random() < p_fold and any(ch in name for ch in "æøåÆØÅ"):
        name = fold_ascii(name, rng)
    x = rng.random()
    if x < p_upper:
        return name.upper()
    if x < p_upper + p_lower:
        return name.lower()
    return name


def _legal_form_as_typed(name: str, rng: random.Random) -> str:
    """A technician and the legal form: kept 50 %, dropped 35 %, "as" 5 %, "A/S" 5 %, moved to the front 5 %."""
    head, _, form = name.rpartition(" ")
    if form not in LEGAL_FORMS or not head:
        return name
    x = rng.random()
    if x < 0.50:
        return name
    if x < 0.85:
        return head
    if x < 0.90:
        return f"{head} {form.lower()}"
    if x < 0.95:
        return f"{head} A/S" if form == "AS" else head
    return f"{form} {head}"


def telaris_name(p: Party, rng: random.Random) -> str:
    """The name as a technician or the office types it when creating a work order."""
    if p.segment == "private":
        first, surname = p.contact
        x = rng.random()
        if "couple" in p.extra and x < 0.4:
            name = p.extra["couple"]
        elif x < 0.70:
            name = p.everyday
        elif x < 0.77:
            name = f"{surname}, {first}"
        elif x < 0.85:
            name = f"{p.everyday} ({p.city.title()})"
        elif x < 0.92:
            name = p.legal
        else:
            name = f"Fam. {surname}"
        return _slips(name, rng, 0.04, 0.06, 0.01, 0.04)
    name = p.everyday
    if p.segment == "public":
        kommune = p.legal
        name = (p.extra["unit"], f"{kommune} - {p.extra['unit']}", f"{p.extra['unit']} ({kommune})")[
            _weighted_index(rng, [0.6, 0.85, 1.0])]
    name = _legal_form_as_typed(name, rng)
    if "Borettslag" in name and rng.random() < 0.3:
        name = name.replace("Borettslag", "BRL")
    if name.startswith("Sameiet ") and rng.random() < 0.3:
        name = f"{name[8:]} Sameie" if rng.random() < 0.5 else f"Sameie {name[8:]}"
    if " og " in name and rng.random() < 0.5:
        name = name.replace(" og ", " & ")
    return _slips(name, rng, 0.05, 0.06, 0.04, 0.03)


def tripletex_name(p: Party, rng: random.Random) -> str:
    """The name as the accountant enters it: from the business register (in capitals) or typed."""
    if p.segment == "private":
        if "couple" in p.extra and rng.random() < 0.3:
            name = p.extra["couple"]
        else:
            name = p.surname_first if rng.random() < 0.3 else p.legal
        return _slips(name, rng, 0.02, 0.0, 0.04, 0.0)
    register = rng.random() < 0.45
    legal = p.legal.upper() if register else p.legal
    if p.segment == "public" or p.legal.startswith("Coop "):
        sep = (" v/", ", ", " - ", " avd. ")[rng.randrange(4)]
        name = f"{legal}{sep}{p.everyday if p.segment != 'public' else p.extra['unit']}"
    elif "store" in p.extra and rng.random() < 0.35:
        name = p.everyday  # the accountant names the store, not the franchise company
    else:
        name = legal
    return _slips(name, rng, 0.02, 0.01, 0.0, 0.0)


def _company_mail(p: Party, rng: random.Random, who: str) -> str:
    first, surname = p.contact
    if who == "contact":
        local = f"{first}.{surname}" if rng.random() < 0.6 else first
        return f"{mail_local(local)}@{p.domain}"
    return f"{who}@{p.domain}"


def _household_mail(p: Party, x: float, rng: random.Random, same: float, other: float, capitalised: float = 0.0) -> str:
    """A household's address on one side, by the draw `x`: its own (the first letter capitalised by a phone now and
    then), the spouse's, or none."""
    if not p.private_mail or x >= same + other:
        return ""
    if x < capitalised:
        return p.private_mail[0].upper() + p.private_mail[1:]
    return p.private_mail if x < same else other_free_mail(p, rng)


def telaris_email(p: Party, rng: random.Random) -> str:
    """The contact person's address, which is who the technicians deal with."""
    x = rng.random()
    if p.segment == "private":
        return _household_mail(p, x, rng, same=0.70, other=0.05, capitalised=0.05)
    if p.segment == "housing":  # the board chair, or the manager's caretaker desk
        return (p.private_mail if x < 0.5 else _company_mail(p, rng, "contact") if x < 0.7 else "")
    if not p.domain:
        return p.private_mail if x < 0.6 else ""
    if x < 0.45:
        return _company_mail(p, rng, "contact")
    if x < 0.60:
        return _company_mail(p, rng, "post")
    if x < 0.65 and p.private_mail:
        return p.private_mail
    return ""


def other_free_mail(p: Party, rng: random.Random) -> str:
    """Another free-mail address of the household (the spouse's), so both sides hold a valid but different e-mail."""
    first, surname = p.contact
    return f"{mail_local(first[:1] + surname)}{rng.randrange(10, 99)}@{V.FREE_MAIL[_weighted_index(rng, CUM_MAIL)]}"


def tripletex_email(p: Party, rng: random.Random) -> str:
    """The invoice address; empty for e-invoice (EHF) receivers, which most public bodies and many firms are."""
    x = rng.random()
    if p.segment == "private":
        return _household_mail(p, x, rng, same=0.65, other=0.10)
    if p.segment == "public":
        return _company_mail(p, rng, "postmottak") if x < 0.2 else ""
    if not p.domain:
        return p.private_mail if x < 0.4 else ""
    if "store" in p.extra and x < 0.3:
        return f"{p.extra['store']}@{p.domain}"
    if x < 0.35:
        return _company_mail(p, rng, "faktura")
    if x < 0.50:
        return _company_mail(p, rng, "post")
    if x < 0.60:
        return _company_mail(p, rng, "contact")
    return ""


def telaris_phone(p: Party, rng: random.Random) -> str:
    """The number the technician calls: the contact's mobile, the branch, now and then the switchboard."""
    x = rng.random()
    if p.segment == "private":
        return format_phone(p.mobile, rng, True) if x < 0.88 else ""
    if "branch_phone" in p.extra and x < 0.6:
        return format_phone(p.extra["branch_phone"], rng, True)
    if x < 0.50:
        return format_phone(p.mobile, rng, True)
    if x < 0.75:
        return format_phone(p.switchboard or p.mobile, rng, True)
    return ""


def tripletex_phone(p: Party, rng: random.Random) -> str:
    """The number on the invoice: the switchboard where there is one."""
    x = rng.random()
    if p.segment == "private":
        return format_phone(p.mobile, rng, False) if x < 0.7 else ""
    if p.switchboard and x < 0.55:
        return format_phone(p.switchboard, rng, False)
    if x < (0.70 if p.switchboard else 0.5):
        return format_phone(p.mobile, rng, False)
    return ""


def _city(city: str, rng: random.Random, telaris: bool) -> str:
    """Posten's capitals or typed; technicians also leave it out or lose æøå."""
    x = rng.random()
    if not telaris:
        return city if x < 0.55 else city.title()
    if x < 0.08:
        return ""
    typed = city if x < 0.23 else city.title()
    return fold_ascii(typed, rng) if rng.random() < 0.3 else typed


def telaris_address(p: Party, world: _World) -> tuple[str, str]:
    """(postcode, city) of the customer as Telaris has it: mostly where the work is done."""
    rng, x = world.rng, world.rng.random()
    if p.segment == "private":
        if x < 0.80:
            return p.street_pc, _city(p.city, rng, True)
        if x < 0.88:  # the cabin, or the new house before they moved
            _t, pc, _b, city = world.town()
            return pc, _city(city, rng, True)
        return "", ""
    if "branch_pc" in p.extra and x < 0.7:
        return p.extra["branch_pc"], _city(p.extra["branch_city"], rng, True)
    if x < 0.62:
        return p.street_pc, _city(p.city, rng, True)
    if x < 0.77:  # the job site
        _t, pc, _b, city = world.town()
        return pc, _city(city, rng, True)
    if x < 0.82 and p.box_pc:
        return p.box_pc, _city(p.city, rng, True)
    return "", ""


def tripletex_address(p: Party, rng: random.Random) -> tuple[str, str]:
    """(postcode, city) of the invoice address: firms often receive post in a post-office box."""
    x = rng.random()
    if p.segment == "private":
        return (p.street_pc, _city(p.city, rng, False)) if x < 0.9 else ("", "")
    if x < 0.08:
        return "", ""
    if p.box_pc and x < (0.48 if p.segment == "supplier" else 0.33):
        return p.box_pc, _city(p.city, rng, False)
    return p.street_pc, _city(p.city, rng, False)


# Probability that each side holds the organisation number of a registered party (see the module docstring).
TRIPLETEX_ORGNR = {"public": 0.95, "supplier": 0.90}
TRIPLETEX_ORGNR_DEFAULT = 0.80
TELARIS_ORGNR_TYPED = 0.35
TELARIS_ORGNR_IMPORTED = 0.85


def tripletex_row(p: Party, world: _World) -> dict[str, str]:
    rng = world.rng
    pc, city = tripletex_address(p, rng)
    has_org = bool(p.orgnr) and rng.random() < TRIPLETEX_ORGNR.get(p.segment, TRIPLETEX_ORGNR_DEFAULT)
    return {"name": tripletex_name(p, rng), "number": "",
            "organisation_number": format_orgnr(p.orgnr, rng, False) if has_org else "",
            "email": tripletex_email(p, rng), "phone": tripletex_phone(p, rng), "postal_code": pc, "city": city}


def telaris_row(p: Party, world: _World, imported_from: dict[str, str] | None) -> dict[str, str]:
    """Typed afresh, or (for a record imported at onboarding) the Tripletex copy with some fields since edited."""
    rng = world.rng
    pc, city = telaris_address(p, world)
    typed = {"name": telaris_name(p, rng), "email": telaris_email(p, rng), "phone": telaris_phone(p, rng),
             "postal_code": pc, "city": city}
    org_typed = bool(p.orgnr) and rng.random() < TELARIS_ORGNR_TYPED
    if imported_from is None:
        return {**typed, "number": "", "organisation_number": format_orgnr(p.orgnr, rng, True) if org_typed else ""}
    row = {k: imported_from[k] for k in ("name", "email", "phone", "postal_code", "city")}
    for key in ("name", "email", "phone", "postal_code"):
        if rng.random() < DRIFT:
            row[key] = typed[key]
            if key == "postal_code":
                row["city"] = typed["city"]
    kept = imported_from["organisation_number"] and rng.random() < TELARIS_ORGNR_IMPORTED
    row["organisation_number"] = imported_from["organisation_number"] if kept else ""
    row["number"] = ""
    return row


# -- the whole firm ----------------------------------------------------------------------------------------------------
def _parties(world: _World, companies: int) -> list[Party]:
    """Exactly `companies` parties split by segment share; a cluster (group, street) is cut at its segment's quota."""
    makers = {"private": world.private, "small": world.small, "housing": world.housing, "business": world.business,
              "public": world.public, "supplier": world.supplier}
    quotas = [round(share * companies) for _seg, share, _p in SEGMENTS]
    quotas[0] += companies - sum(quotas)
    parties: list[Party] = []
    for (segment, _share, presence), quota in zip(SEGMENTS, quotas, strict=True):
        cum = list(accumulate(presence))
        made: list[Party] = []
        while len(made) < quota:
            made.extend(makers[segment]())
        for party in made[:quota]:
            party.presence = (BOTH, TELARIS, TRIPLETEX)[_weighted_index(world.rng, cum)]
            party.imported = party.presence == BOTH and world.rng.random() < IMPORTED_SHARE
            parties.append(party)
    return parties


def _number(parties: list[Party], tx_rows: dict[int, dict[str, str]], tel_rows: dict[int, dict[str, str]],
            rng: random.Random) -> None:
    """Customer and supplier numbers: Tripletex in creation order, imported copies share it, then both go on alone."""
    for kind, first in (("customer", 10001), ("supplier", 20001)):
        old = [i for i in sorted(tx_rows) if parties[i].kind == kind and (parties[i].imported or (
            parties[i].presence == TRIPLETEX and rng.random() < 0.3))]
        old_set = set(old)
        new = [i for i in sorted(tx_rows) if parties[i].kind == kind and i not in old_set]
        rng.shuffle(old)
        rng.shuffle(new)
        for n, i in enumerate(old + new):
            tx_rows[i]["number"] = str(first + n)
        telaris_new = [i for i in sorted(tel_rows) if parties[i].kind == kind and not parties[i].imported]
        rng.shuffle(telaris_new)
        next_number = first + len(old)
        for i in sorted(tel_rows):
            if parties[i].kind == kind and parties[i].imported and rng.random() > 0.03:
                tel_rows[i]["number"] = tx_rows[i]["number"]
        for i in telaris_new:
            if rng.random() < 0.6:
                tel_rows[i]["number"] = str(next_number)
                next_number += 1


def generate(companies: int, seed: int = 2026) -> TwinData:
    """`companies` real parties of one electrical contractor, typed into Telaris and Tripletex; truth pairs them."""
    rng = random.Random(seed)
    world = _World(rng)
    parties = _parties(world, companies)
    tx_rows: dict[int, dict[str, str]] = {}
    tel_rows: dict[int, dict[str, str]] = {}
    for i, party in enumerate(parties):
        if party.presence in (BOTH, TRIPLETEX):
            tx_rows[i] = tripletex_row(party, world)
        if party.presence in (BOTH, TELARIS):
            tel_rows[i] = telaris_row(party, world, tx_rows[i] if party.imported else None)
    _number(parties, tx_rows, tel_rows, rng)

    tel_order, tx_order = sorted(tel_rows), sorted(tx_rows)
    rng.shuffle(tel_order)
    rng.shuffle(tx_order)
    tel_id = {i: f"g_{n + 1:06d}" for n, i in enumerate(tel_order)}
    tx_id = {i: 700001 + n for n, i in enumerate(tx_order)}
    telaris = [{"record_id": tel_id[i], **tel_rows[i]} for i in tel_order]
    tripletex = [{"record_id": str(tx_id[i]), **tx_rows[i]} for i in tx_order]
    telaris = [{k: row[k] for k in KEYS} for row in telaris]
    tripletex = [{k: row[k] for k in KEYS} for row in tripletex]
    truth = {(tel_id[i], tx_id[i]) for i in tel_order if i in tx_rows}
    return TwinData(telaris=telaris, tripletex=tripletex, truth=truth)
