"""Quarry twins: held-out data for measuring the initial linking, written without sight of the matcher.

The business: a building-materials and tool-rental firm in Kristiansand and Agder. Field crews deliver, put up and
service rented scaffolding, lifts and site huts and record each job in Telaris; the accountant invoices from
Tripletex. `generate(companies, seed)` draws `companies` real-world parties, writes each as the two systems' users
would type it, and returns both registers and the truth (one Telaris id, one Tripletex id per party in both).
Every rate below was chosen from judgement of such a firm before any output was looked at.

Mix of parties (share of `companies`):
- private persons 25 % (households rent scaffolding and lifts for a facade or a roof); 55 % of them cabin owners
  (summer-cabin coast), whose cabin lies in another municipality than the home they are invoiced at (40 % of homes
  in Agder, the rest in the Oslo area, Stavanger, Bergen and the towns east: the coast is where the rest of Norway
  keeps its summer houses).
- sole-proprietor craftsmen (ENK) 20 %: the commonest trade customer; registry name carries the owner ("Snekker Ola
  Hansen", "Hansen Bygg Ola Hansen"); 4 % have a father or son with his own ENK in the same trade and town; 10 %
  also rent privately for their own cabin (person and his ENK: same mobile, often the same e-mail).
- small trade AS (1-10 staff) 13 %; other local businesses (shops, marinas, property owners, offices) 8 %.
- building contractors 8 %, of whom 30 % bring one or two sister companies (Eiendom, Maskin, Holding: same domain
  and switchboard) and 20 % one to three project companies ("Kjerrheia Prosjekt 12 AS"); with them about 11 % of
  all parties (the extras are counted in `companies`).
- housing co-operatives and condominiums 6 %: 60 % invoiced through one of three property managers (shared
  faktura@ address and post box in Tripletex), the site in Telaris.
- farms 4 % (ENK in the farmer's name or the farm's; 85 % VAT-registered, so with an orgnr).
- municipal technical units 1 % at most (25 municipalities × 8 units; all units carry the municipality's orgnr).
- franchise building-materials shops 1 % (trading name "Byggmakker Vennesla", registry "Vennesla Trelast AS");
  half of them also sell to the firm and stand twice in Tripletex, as customer and as supplier.
- suppliers 14 %: local subcontractors and transport 55 %, wholesalers and Norwegian makers 20 %, back-office
  (telecom, fuel, insurance, banks, energy, then local accountants, IT, printers: only in Tripletex) 18 %, foreign
  equipment makers 7 % (no orgnr; 14 makers, after which the draw falls to a local supplier: makers are few).
- successors 1.5 % of firms: an ENK turned AS or a restart after bankruptcy, new orgnr, same phone and e-mail.
- names: firms' registry names and web domains never repeat by accident (the register and the domain registry keep
  them apart); they repeat by design only: sister, project and successor companies share the parent's domain,
  father and son their trading name, and persons and farms in a person's name are namesakes (surnames drawn with
  falling weights, Olsen about 4 %, so the coast's Olsens and Hansens recur).

Who stands where (customers reach Tripletex when invoiced; counter sales never reach Telaris):
- business customers: both 68 %, Telaris only 12 % (quotes never taken, card payment on site), Tripletex only 20 %
  (counter and delivery sales with no field job).
- private persons: both 50 %, Telaris only 30 % (paid by card or Vipps on site), Tripletex only 20 % (counter).
- co-ops and municipal units: both 80 %, Telaris only 10 %, Tripletex only 10 % (standing, repeat customers).
- a contractor's sister companies: both 60 %, Telaris only 10 %, Tripletex only 30 % (the holding company is invoiced
  for the rent of the yard, never visited); project companies: both 70 %, Telaris only 15 %, Tripletex only 15 %.
- franchise shops: both 80 %, Telaris only 5 %, Tripletex only 15 % (they rent lifts for their own yards).
- field suppliers (subcontractors, transport, makers): both 45 %, Tripletex only 50 %, Telaris only 5 %;
  back-office suppliers: Tripletex only.
- a firm's predecessor: both 70 %, Tripletex only 20 %, Telaris only 10 %; its successor: both 40 %, Tripletex
  only 50 % (the accountant made a new customer, the crews kept the old record), Telaris only 10 %.
- duplicates within one system: 3.5 % of Telaris parties twice (a crew made a new record at another site), 1.2 %
  of Tripletex parties twice (a new customer made instead of searched); the truth pairs one copy only.

How each side types a party:
- names, Tripletex: organisations 25 % from the registry lookup in capitals, 62 % the registry name as typed, 13 %
  the trading name with its legal form; persons "First Middle Last" 55 %, middle dropped 20 %, "Last First Middle"
  25 % (imported from the old ledger), 3 % capitals; 2 % a typo; municipal units "X kommune, Unit" with the
  municipality first (25 % capitals).
- names, Telaris: organisations 50 % the trading name (legal form dropped), 32 % the registry name, 3 % legal form
  in front ("AS Hansen Bygg"), 15 % with a site or contact label ("Hansen Bygg - Kjerrheia", "… v/ Ola");
  persons "First Last" 62 %, "Last, First" 8 %, with middle 18 %, with a cabin label 12 % (cabin owners only);
  municipal units by unit or municipality in five ways; 6 % a typo, 6 % lower case, 3 % capitals, 4 % æøå lost
  (the handheld of the old app), "og"/"&" swapped 30 % where present.
- numbers: Tripletex numbers customers from 10001 and suppliers from 20001 in order of creation (two series: past
  ~10,000 customers they overlap, as Tripletex allows); Telaris holds a copy 30 % (2 % of copies a digit wrong),
  its own legacy four-digit number 20 %, nothing 50 %; a Telaris duplicate repeats the number half the time.
- orgnr: Tripletex 88 % of organisations (digits 90 %, spaced 10 %); Telaris 35 % (plain 55 %, "987 654 321"
  28 %, "NO 987 654 321 MVA" 10 %, "987654321MVA" 7 %); never on persons or foreign makers.
- e-mail, Tripletex: organisations faktura@ 25 %, post@ 25 %, contact 15 %, their accountant's invoice box 5 %
  (small firms only; else faktura@), empty 30 % (EHF); persons 75 %. Telaris: contact 40 %, post@ 20 %, empty
  40 %; persons 45 %. Craftsmen ENK use a free-mail address 60 %. A person's two addresses agree 85 %, else the
  spouse's.
- switchboards: 75 % of firms, 30 % of sole proprietors and farms; sister and project companies share the
  parent's; a municipality's units one; a managed co-op its manager's.
- phone, Tripletex: switchboard where one exists 50 %, contact mobile 25 %, empty 25 %; persons 70 %, the spouse's
  10 % of those. Telaris: contact mobile 75 %, switchboard 10 %, empty 15 %; persons 92 %. Telaris styles: spaced
  35 %, plain 30 %, "+47 …" 20 %, "+47…" 8 %, "0047…" 5 %, dashes 2 %; Tripletex plain 45 %, spaced 25 %,
  "+47 …" 20 %, "+47…" 10 %.
- postal code and city: Telaris the site or office (organisations: office 70 %, a job site 18 %, empty 12 %;
  cabin owners the cabin 85 %, home 5 %, empty 10 %; other persons home 85 %, another site 5 %,
  empty 10 %); Tripletex the invoice address (firms with a post box 25 %,
  co-ops their manager's box 60 %, persons their home; empty 4 %). Telaris writes "Kristiansand" or "Kr.sand" for
  "Kristiansand S" and other town variants 15 %; Tripletex capitals with registry capitals.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sync_pipeline.sandboxes import twins_quarry_vocab as v
from sync_pipeline.sandboxes.seed import unique_orgnrs
from sync_pipeline.sandboxes.twins import TwinData

ROW_KEYS = ("record_id", "name", "number", "organisation_number", "email", "phone", "postal_code", "city")
FIRST_TRIPLETEX_ID = 700001
CUSTOMER_FROM, SUPPLIER_FROM = 10001, 20001

KINDS = [("person", 25), ("enk", 20), ("small_as", 13), ("other", 8), ("contractor", 8), ("coop", 6), ("farm", 4),
         ("municipal", 1), ("chain", 1), ("supplier", 14)]
MANAGERS = [("Sørbo Forvaltning AS", "sorboforvaltning.no", ("4604", "Kristiansand S")),
            ("Agder Eiendomsforvaltning AS", "agderforvaltning.no", ("4665", "Kristiansand S")),
            ("Kystbo BBL", "kystbo.no", ("4801", "Arendal"))]
ACCOUNTANTS = ["regnskapsfirmaet-sor.no", "agderregnskap.no", "tallhuset.no", "sorlandsregnskap.no"]
FORMS = (" AS", " ASA", " ANS", " DA", " SA", " KF", " NUF")
TRANSLIT = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa", "ü": "u", "ß": "ss", "é": "e"}


@dataclass
class Party:
    """One real-world customer or supplier, with every value either system could hold for it."""

    kind: str
    registry: str  # legal name as in the register (the person's name for private persons)
    trading: str  # what people call it
    person: tuple[str, str, str] | None = None  # first, middle, last of the person or the owner
    orgnr: str = ""
    supplier: bool = False
    contact: str = ""  # contact person's e-mail
    post: str = ""  # role address post@ (or the person's own)
    invoice: str = ""  # faktura@, a manager's or an accountant's box
    spouse_email: str = ""
    mobile: str = ""
    board: str = ""  # switchboard
    spouse_mobile: str = ""
    cc: str = "47"
    office: tuple[str, str] = ("", "")
    mail: tuple[str, str] = ("", "")  # invoice address
    site: tuple[str, str] | None = None  # where the crews work (cabin, estate, job site)
    presence: str = "both"  # both / telaris / tripletex
    telaris_copies: int = 1
    tripletex_copies: int = 1
    tripletex_supplier_copy: bool = False  # a shop that also sells to the firm: a second, supplier record
    contact_first: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


SURNAME_WEIGHTS = [1 / (i + 1) ** 0.5 for i in range(len(v.SURNAMES))]


def _surname(rng: random.Random) -> str:
    # Falling weights (Olsen about 4 %): the common coast surnames repeat, as namesakes do in a real register.
    return rng.choices(v.SURNAMES, weights=SURNAME_WEIGHTS)[0]


def _person(rng: random.Random, last: str | None = None, male: bool | None = None) -> tuple[str, str, str]:
    male = rng.random() < 0.5 if male is None else male
    first = rng.choice(v.MALE if male else v.FEMALE)
    middle = rng.choice(v.MIDDLE_MALE if male else v.MIDDLE_FEMALE) if rng.random() < 0.35 else ""
    return first, middle, last or _surname(rng)


def _full(p: tuple[str, str, str]) -> str:
    return " ".join(x for x in p if x)


def _fold(text: str, rng: random.Random) -> str:
    table = dict(TRANSLIT)
    if rng.random() < 0.3:
        table.update({"å": "a", "ø": "o", "æ": "e"})
    return "".join(table.get(c, c) for c in text)


def _slug(text: str) -> str:
    ascii_text = "".join(TRANSLIT.get(c, c) for c in text.lower())
    return re.sub(r"[^a-z0-9]", "", ascii_text)


def _typo(text: str, rng: random.Random) -> str:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    op = rng.randrange(4)
    if op == 0:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if op == 1:
        return text[:i] + text[i + 1:]
    if op == 2:
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeiornstl") + text[i + 1:]


def _drop_form(name: str) -> str:
    for form in FORMS:
        if name.endswith(form):
            return name[: -len(form)]
    return name


def _form(name: str) -> str:
    for form in FORMS:
        if name.endswith(form):
            return form.strip()
    return ""


def _mobile(rng: random.Random) -> str:
    return rng.choice("49") + "".join(str(rng.randrange(10)) for _ in range(7))


def _landline(rng: random.Random, place: tuple[str, str]) -> str:
    prefix = "37" if place[0][:2] in ("48", "49") else "38"
    return prefix + "".join(str(rng.randrange(10)) for _ in range(6))


def _phone(digits: str, cc: str, rng: random.Random, styles: list[tuple[str, int]]) -> str:
    if cc != "47":
        return f"+{cc} {digits[:3]} {digits[3:]}" if rng.random() < 0.6 else f"00{cc}{digits}"
    mobile = digits[0] in "49"
    spaced = f"{digits[:3]} {digits[3:5]} {digits[5:]}" if mobile else " ".join(digits[i:i + 2] for i in (0, 2, 4, 6))
    style = _weighted(rng, styles)
    return {"spaced": spaced, "plain": digits, "plus_spaced": f"+47 {spaced}", "plus": f"+47{digits}",
            "00": f"0047 {digits}", "dash": "-".join(digits[i:i + 2] for i in (0, 2, 4, 6))}[style]


TELARIS_PHONE = [("spaced", 35), ("plain", 30), ("plus_spaced", 20), ("plus", 8), ("00", 5), ("dash", 2)]
TRIPLETEX_PHONE = [("plain", 45), ("spaced", 25), ("plus_spaced", 20), ("plus", 10)]


def _home(rng: random.Random) -> tuple[str, str]:
    r = rng.random()
    return rng.choice(v.KRISTIANSAND) if r < 0.55 else rng.choice(v.AGDER)


class _Builder:
    """Draws parties; keeps the seeded state (orgnr source, scarce municipal units and chain shops) in one place."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgnr = unique_orgnrs(rng)
        self.units = [(m, u) for m in v.MUNICIPALITIES for u in v.MUNICIPAL_UNITS]
        rng.shuffle(self.units)
        self.municipal_orgnr: dict[str, str] = {}
        self.shops = [(c, t) for c in v.CHAINS for _, t in v.AGDER + v.KRISTIANSAND[:1] + v.KRISTIANSAND[-6:]]
        rng.shuffle(self.shops)
        self.back_office = list(v.BACK_OFFICE)
        self.makers = list(v.FOREIGN_MAKERS)
        rng.shuffle(self.back_office)
        rng.shuffle(self.makers)
        self.parties: list[Party] = []
        self.names: set[str] = set()  # registry names taken: the register keeps firms' names apart
        self.domains: set[str] = set()

    def fresh(self, draw: Callable[[], tuple[str, str]]) -> tuple[str, str] | None:
        """A (registry, trading) name no other firm holds, or None when 40 draws found none."""
        for _ in range(40):
            registry, trading = draw()
            key = _slug(_drop_form(registry))
            if key not in self.names:
                self.names.add(key)
                return registry, trading
        return None

    def domain(self, trading: str) -> str:
        """The firm's own web domain: short as firms choose them, never one another firm already holds."""
        words = [w for w in _drop_form(trading).split() if w not in ("&", "og")]
        base = _slug("".join(words))
        if len(base) > 18:
            base = _slug("".join(words[:2]))
        for candidate in (base, "-".join(_slug(w) for w in words[:3]), base + "as", *(f"{base}{n}" for n in
                                                                                   range(2, 99))):
            if candidate and candidate not in self.domains:
                self.domains.add(candidate)
                return candidate + ".no"
        raise AssertionError("no free domain")  # unreachable: 97 numbered candidates

    # ---- shared pieces -------------------------------------------------------------------------------------------
    def firm(self, kind: str, registry: str, trading: str, person: tuple[str, str, str] | None = None,
             office: tuple[str, str] | None = None, domain: str | None = None, free_mail: bool = False) -> Party:
        rng = self.rng
        office = office or _home(rng)
        contact = person or _person(rng)
        if free_mail:
            domain_part = rng.choice(v.FREE_MAIL)
            local = _slug(contact[0]) + rng.choice([".", "", "_"]) + _slug(contact[2])
            own = local + (str(rng.randrange(50, 99)) if rng.random() < 0.3 else "") + "@" + domain_part
            contact_mail = post = invoice = own
        else:
            domain = domain or self.domain(trading)
            contact_mail = f"{_slug(contact[0])}@{domain}"
            post = f"post@{domain}"
            invoice = f"faktura@{domain}"
        mail = office
        if kind in ("contractor", "small_as", "other", "supplier", "chain") and rng.random() < 0.25:
            mail = rng.choice([b for b in v.BOXES if b[1] == office[1]] or [v.BOXES[0]])
        party = Party(kind=kind, registry=registry, trading=trading, person=person, orgnr=self.orgnr(),
                      contact=contact_mail, post=post, invoice=invoice, mobile=_mobile(rng),
                      board=_landline(rng, office) if rng.random() < (0.3 if person else 0.75) else "",
                      office=office, mail=mail, contact_first=contact[0])
        # Small firms let an outside accountant take their invoices; public bodies, co-ops and big suppliers do not.
        small = kind in ("enk", "small_as", "other", "contractor") and not free_mail
        party.extra["accountant"] = f"faktura@{rng.choice(ACCOUNTANTS)}" if small else ""
        return party

    def presence(self, party: Party, both: int, telaris: int, tripletex: int) -> Party:
        party.presence = _weighted(self.rng, [("both", both), ("telaris", telaris), ("tripletex", tripletex)])
        return party

    def add(self, party: Party) -> Party:
        self.parties.append(party)
        return party

    def stem(self) -> str:
        return self.rng.choice(v.STEMS) if self.rng.random() < 0.5 else _surname(self.rng)

    # ---- kinds -----------------------------------------------------------------------------------------------------
    def person(self, who: tuple[str, str, str] | None = None, mobile: str = "", email: str = "",
               cabin: bool | None = None) -> Party:
        rng = self.rng
        p = who or _person(rng)
        cabin = rng.random() < 0.55 if cabin is None else cabin
        home = (_home(rng) if rng.random() < 0.4 else rng.choice(v.HOMES_AWAY)) if cabin else _home(rng)
        spouse = _person(rng, p[2])
        local = _slug(p[0]) + rng.choice([".", "", "_", "."]) + _slug(p[2])
        mail = email or local + (str(rng.randrange(40, 99)) if rng.random() < 0.35 else "") + "@" + rng.choice(
            v.FREE_MAIL)
        party = Party(kind="cabin" if cabin else "person", registry=_full(p), trading=_full(p), person=p,
                      post=mail, contact=mail, invoice=mail,
                      spouse_email=f"{_slug(spouse[0])}.{_slug(spouse[2])}@{rng.choice(v.FREE_MAIL)}",
                      mobile=mobile or _mobile(rng), spouse_mobile=_mobile(rng), office=home, mail=home,
                      site=rng.choice(v.CABINS) if cabin else None, contact_first=p[0])
        return self.add(self.presence(party, 50, 30, 20))

    def enk(self, owner: tuple[str, str, str] | None = None, craft: tuple[str, str] | None = None,
            office: tuple[str, str] | None = None) -> Party:
        rng = self.rng
        owner = owner or _person(rng, male=rng.random() < 0.93)
        craft = craft or rng.choice(v.CRAFTS)
        first, _, last = owner
        registries = [f"{craft[0]} {first} {last}", f"{last} {craft[1]} {first} {last}",
                      f"{first} {last} {craft[1]}", f"{craft[0]} {last} {first}",
                      f"{first[0]}{last[0]} {craft[1]} {first} {last}", f"{last}s {craft[1]}"]
        tradings = [f"{craft[0]} {last}", f"{last} {craft[1]}", f"{first} {last} {craft[1]}", f"{craft[0]} {last}",
                    f"{first[0]}{last[0]} {craft[1]}", f"{last}s {craft[1]}"]

        def draw() -> tuple[str, str]:
            pattern = rng.randrange(6)
            return registries[pattern], tradings[pattern]

        names = self.fresh(draw)
        if names is None:
            return self.person(owner)
        party = self.firm("enk", *names, owner, office, free_mail=rng.random() < 0.6)
        party = self.add(self.presence(party, 68, 12, 20))
        if rng.random() < 0.04:  # father and son, each with his own ENK in the same trade and town
            self.enk(_person(rng, last, male=True), craft, party.office)
        if rng.random() < 0.10:  # the owner rents privately for his cabin
            self.person(owner, mobile=party.mobile, email=party.contact if rng.random() < 0.6 else "", cabin=True)
        self.maybe_successor(party)
        return party

    def small_as(self, kind: str = "small_as") -> Party:
        rng = self.rng

        def draw() -> tuple[str, str]:
            if kind == "other":
                stem = rng.choice(v.STEMS) if rng.random() < 0.6 else _surname(rng)
                word = rng.choice(v.OTHER_BUSINESS)
            else:
                stem = rng.choice(v.STEMS) if rng.random() < 0.5 else _surname(rng)
                word = rng.choice(v.TRADES)
            name = f"{stem} {word}" if rng.random() < 0.85 else f"{stem}{word.lower()}"
            form = _weighted(rng, [("AS", 88), ("ANS", 5), ("DA", 2), ("SA", 1), ("", 4)])
            return f"{name} {form}".strip(), name

        names = self.fresh(draw)
        if names is None:
            return self.person()
        party = self.add(self.presence(self.firm(kind, *names), 68, 12, 20))
        self.maybe_successor(party)
        return party

    def contractor(self) -> Party:
        rng = self.rng
        stems: list[str] = []

        def draw() -> tuple[str, str]:
            last = _surname(rng)
            stems[:] = [rng.choice([rng.choice(v.STEMS), last, f"Byggmester {last}", f"{last} & Sønn"])]
            word = rng.choice(["Bygg", "Entreprenør", "Byggentreprenør", "Entreprenørforretning", "Bygg og Anlegg"])
            return f"{stems[0]} {word} AS", f"{stems[0]} {word}"

        names = self.fresh(draw)
        if names is None:
            return self.person()
        stem, name = stems[0], names[1]
        office = rng.choice(v.KRISTIANSAND) if rng.random() < 0.6 else rng.choice(v.AGDER)
        party = self.add(self.presence(self.firm("contractor", f"{name} AS", name, office=office), 68, 12, 20))
        domain = party.post.split("@")[1]
        if rng.random() < 0.30:
            for word in rng.sample(v.SISTER_TRADES, rng.choice((1, 1, 2))):
                if self.fresh(lambda word=word: (f"{stem} {word} AS", "")) is None:
                    continue
                sister = self.firm("contractor", f"{stem} {word} AS", f"{stem} {word}", office=office, domain=domain)
                sister.board = party.board
                self.add(self.presence(sister, 60, 10, 30))
        if rng.random() < 0.20:
            for _ in range(rng.choice((1, 1, 2, 3))):
                place = rng.choice(v.STEMS)
                label = rng.choice([f"{stem} Prosjekt {rng.randrange(1, 40)}", f"{place} Boligutvikling",
                                    f"{place} Terrasse", f"{place} Prosjekt"])
                if self.fresh(lambda label=label: (f"{label} AS", "")) is None:
                    continue
                project = self.firm("contractor", f"{label} AS", label, office=office, domain=domain)
                project.board = party.board
                project.mobile = party.mobile if rng.random() < 0.5 else project.mobile
                project.site = rng.choice(v.KRISTIANSAND + v.AGDER)
                self.add(self.presence(project, 70, 15, 15))
        self.maybe_successor(party)
        return party

    def coop(self) -> Party:
        rng = self.rng
        estates: list[str] = []

        def draw() -> tuple[str, str]:
            estates[:] = [rng.choice(v.STEMS) + rng.choice(v.ESTATE_ENDINGS)]
            registry, trading = rng.choice(v.COOP_WORDS)
            n = str(rng.randrange(1, 40))
            return registry.format(s=estates[0], n=n), trading.format(s=estates[0], n=n)

        names = self.fresh(draw)
        if names is None:
            return self.person()
        (registry, trading), stem = names, estates[0]
        site = rng.choice(v.KRISTIANSAND) if rng.random() < 0.7 else rng.choice(v.AGDER)
        chair = _person(rng)
        party = self.firm("coop", registry, trading, office=site)
        party.site = site
        party.extra["chair"] = _full(chair)
        party.mobile = _mobile(rng)
        party.contact = f"{_slug(chair[0])}.{_slug(chair[2])}@{rng.choice(v.FREE_MAIL)}"
        party.post = f"styret@{self.domain(stem + rng.choice([' brl', ' sameie', '']))}"
        party.board = ""
        if rng.random() < 0.6:
            manager, domain, box = rng.choice(MANAGERS)
            party.invoice = f"faktura@{domain}"
            party.mail = box
            party.board = "38" + str(100000 + MANAGERS.index((manager, domain, box)) * 111111)[:6]
        else:
            party.invoice = party.post
        return self.add(self.presence(party, 80, 10, 10))

    def farm(self) -> Party:
        rng = self.rng
        farm = rng.choice(v.FARM_NAMES)
        owner = _person(rng, farm if rng.random() < 0.5 else None)
        label = rng.choice(v.FARM_WORDS)
        farm_name = label.format(f=farm) if "{f}" in label else f"{farm} {label}"
        registry = rng.choice([_full(owner), f"{farm_name} {owner[0]} {owner[2]}", f"{owner[2]} {owner[0]}"])
        office = rng.choice(v.AGDER)
        party = self.firm("farm", registry, farm_name, owner, office, free_mail=True)
        if rng.random() < 0.15:
            party.orgnr = ""
        return self.add(self.presence(party, 68, 12, 20))

    def municipal(self) -> Party:
        rng = self.rng
        if not self.units:
            return self.small_as("other")
        town, unit = self.units.pop()
        orgnr = self.municipal_orgnr.setdefault(town, self.orgnr())
        domain = f"{_slug(town)}.kommune.no"
        office = next((p for p in v.KRISTIANSAND + v.AGDER if p[1].startswith(town)), rng.choice(v.AGDER))
        party = self.firm("municipal", f"{town} kommune", f"{town} kommune {unit}", office=office, domain=domain)
        party.orgnr = orgnr
        party.extra["unit"] = unit
        contact = _person(rng)
        party.contact = f"{_slug(contact[0])}.{_slug(contact[2])}@{domain}"
        party.post = f"postmottak@{domain}"
        party.invoice = party.post
        party.board = "38" + str(int(orgnr[:6]) % 1000000).zfill(6)
        return self.add(self.presence(party, 80, 10, 10))

    def chain(self) -> Party:
        rng = self.rng
        if not self.shops:
            return self.small_as("other")
        chain, town = self.shops.pop()
        names = self.fresh(lambda: (rng.choice(v.CHAIN_OWNER).format(t=town, s=rng.choice(v.STEMS)), ""))
        if names is None:
            return self.small_as("other")
        registry = names[0]
        office = next(p for p in v.AGDER + v.KRISTIANSAND if p[1] == town)
        party = self.firm("chain", registry, f"{chain} {town}", office=office)
        party.tripletex_supplier_copy = rng.random() < 0.5
        return self.add(self.presence(party, 80, 5, 15))

    def supplier(self) -> Party:
        rng = self.rng
        kind = _weighted(rng, [("local", 55), ("trade", 20), ("back", 18), ("foreign", 7)])
        if kind == "back":
            if self.back_office:
                name, domain = self.back_office.pop()
                party = self.firm("supplier", name, _drop_form(name),
                                  office=rng.choice(v.HOMES_AWAY + v.BOXES[:2]), domain=domain)
            else:
                names = self.fresh(lambda: (f"{self.stem()} {rng.choice(v.BACK_OFFICE_WORDS)} AS", ""))
                if names is None:
                    return self.person()
                party = self.firm("supplier", names[0], _drop_form(names[0]))
            party.presence = "tripletex"
        elif kind == "foreign" and self.makers:
            name, domain, cc, code, city = self.makers.pop()
            party = self.firm("supplier", name, _drop_form(name.replace(" GmbH & Co KG", "")), domain=domain,
                              office=(code, city))
            party.orgnr, party.cc = "", cc
            party.mobile = "".join(str(rng.randrange(10)) for _ in range(10))
            party.board = "".join(str(rng.randrange(10)) for _ in range(9))
            party.mail = party.office
            self.presence(party, 45, 5, 50)
        else:
            words = v.SUPPLIER_LOCAL if kind != "trade" else v.SUPPLIER_TRADE
            names = self.fresh(lambda: (f"{self.stem()} {rng.choice(words)} AS", ""))
            if names is None:
                return self.person()
            party = self.firm("supplier", names[0], _drop_form(names[0]))
            self.presence(party, 45, 5, 50)
        party.supplier = True
        return self.add(party)

    def maybe_successor(self, party: Party) -> None:
        rng = self.rng
        if rng.random() >= 0.015:
            return
        base = _drop_form(party.trading)
        names = self.fresh(lambda: (f"{base} AS" if party.kind == "enk" else rng.choice(
            [f"{base} Drift AS", f"Nye {base} AS", f"{base} Service AS"]), ""))
        if names is None:
            return
        party.presence = _weighted(rng, [("both", 70), ("tripletex", 20), ("telaris", 10)])
        heir = Party(**{**party.__dict__, "registry": names[0], "trading": _drop_form(names[0]),
                        "orgnr": self.orgnr(), "extra": dict(party.extra), "tripletex_supplier_copy": False})
        heir.kind = "small_as"
        self.add(self.presence(heir, 40, 10, 50))

    def draw(self, companies: int) -> list[Party]:
        makers = {"person": self.person, "enk": self.enk, "small_as": self.small_as, "other": lambda: self.small_as(
            "other"), "contractor": self.contractor, "coop": self.coop, "farm": self.farm,
                  "municipal": self.municipal, "chain": self.chain, "supplier": self.supplier}
        while len(self.parties) < companies:
            makers[_weighted(self.rng, KINDS)]()
        parties = self.parties[:companies]
        for party in parties:
            if party.presence != "tripletex" and self.rng.random() < 0.035:
                party.telaris_copies = 2
            if party.presence != "telaris" and self.rng.random() < 0.012:
                party.tripletex_copies = 2
        return parties


# ---- how each side types a party ---------------------------------------------------------------------------------
def _telaris_name(party: Party, rng: random.Random) -> str:
    if party.kind in ("person", "cabin"):
        first, middle, last = party.person or ("", "", "")
        style = _weighted(rng, [("plain", 62), ("comma", 8), ("middle", 18), ("cabin", 12)])
        if style == "cabin" and not party.site:
            style = "plain"
        name = {"plain": f"{first} {last}", "comma": f"{last}, {first}", "middle": _full(party.person or ("",) * 3),
                "cabin": f"{first} {last} - hytte {party.site[1] if party.site else ''}".strip(" -")}[style]
    elif party.kind == "municipal":
        town, unit = party.registry.replace(" kommune", ""), party.extra["unit"]
        name = rng.choice([f"{town} kommune {unit}", f"{town} kommune, {unit.lower()}", f"{unit} {town}",
                           f"{town} kommune - {unit}", f"{town} kommune"])
    else:
        style = _weighted(rng, [("trading", 50), ("registry", 32), ("front", 3), ("label", 15)])
        if style == "trading":
            name = _drop_form(party.trading)
        elif style == "registry":
            name = party.registry
        elif style == "front" and _form(party.registry):
            name = f"{_form(party.registry)} {_drop_form(party.registry)}"
        else:
            place = (party.site or rng.choice(v.KRISTIANSAND + v.AGDER))[1]
            label = rng.choice([f" - {place}", f" v/ {party.contact_first}", f" / {rng.choice(v.STEMS)}",
                                f" v/{party.extra.get('chair', party.contact_first)}"])
            name = _drop_form(party.trading) + label
    if " og " in name and rng.random() < 0.3:
        name = name.replace(" og ", " & ")
    elif " & " in name and rng.random() < 0.3:
        name = name.replace(" & ", " og ")
    return _noise_case(name, rng, typo=0.06, lower=0.06, upper=0.03, fold=0.04)


def _noise_case(name: str, rng: random.Random, typo: float, lower: float, upper: float, fold: float) -> str:
    if rng.random() < typo:
        name = _typo(name, rng)
    if rng.random() < fold:
        name = _fold(name, rng)
    r = rng.random()
    if r < lower:
        name = name.lower()
    elif r < lower + upper:
        name = name.upper()
    return name


def _tripletex_name(party: Party, rng: random.Random) -> tuple[str, bool]:
    """The name and whether it came in capitals from the registry lookup."""
    if party.kind in ("person", "cabin"):
        first, middle, last = party.person or ("", "", "")
        style = _weighted(rng, [("full", 55), ("short", 20), ("reversed", 25)])
        name = {"full": _full((first, middle, last)), "short": f"{first} {last}",
                "reversed": _full((last, first, middle))}[style]
        return _noise_case(name, rng, typo=0.02, lower=0.0, upper=0.03, fold=0.0), False
    if party.kind == "municipal":
        unit = party.extra["unit"]
        name = rng.choice([f"{party.registry}, {unit}", f"{party.registry} - {unit}", f"{party.registry} {unit}"])
        upper = rng.random() < 0.25
        return (name.upper() if upper else name), upper
    style = _weighted(rng, [("lookup", 25), ("typed", 62), ("trading", 13)])
    if party.cc != "47":
        style = "typed"
    if style == "lookup":
        return party.registry.upper(), True
    name = party.registry if style == "typed" else f"{party.trading} {_form(party.registry)}".strip()
    return _noise_case(name, rng, typo=0.02, lower=0.0, upper=0.0, fold=0.0), False


def _orgnr(value: str, rng: random.Random, styles: list[tuple[str, int]]) -> str:
    spaced = f"{value[:3]} {value[3:6]} {value[6:]}"
    return {"plain": value, "spaced": spaced, "mva": f"NO {spaced} MVA", "tight": f"{value}MVA"}[_weighted(rng, styles)]


def _city(place: tuple[str, str], rng: random.Random, variant: float, upper: bool = False) -> str:
    city = place[1]
    if city in v.CITY_VARIANTS and rng.random() < variant:
        city = rng.choice(v.CITY_VARIANTS[city])
    return city.upper() if upper else city


def telaris_row(party: Party, rng: random.Random, number: str) -> dict[str, str]:
    personal = party.kind in ("person", "cabin")
    if personal:
        email = party.post if rng.random() < 0.45 else ""
        phone_digits = party.mobile if rng.random() < 0.92 else ""
    else:
        email = _weighted(rng, [(party.contact, 40), (party.post, 20), ("", 40)])
        phone_digits = _weighted(rng, [(party.mobile, 75), (party.board or party.mobile, 10), ("", 15)])
    if email and rng.random() < 0.05:
        email = email.capitalize()
    if party.kind == "cabin":
        place = _weighted(rng, [("site", 85), ("home", 5), ("", 10)])
    elif party.kind == "coop":
        place = _weighted(rng, [("site", 90), ("", 10)])
    elif party.kind == "person":
        place = _weighted(rng, [("home", 85), ("site", 5), ("", 10)])
    else:
        place = _weighted(rng, [("home", 70), ("site", 18), ("", 12)])
    where = {"site": party.site or rng.choice(v.KRISTIANSAND + v.AGDER + v.CABINS), "home": party.office,
             "": ("", "")}[place]
    org = party.orgnr if party.orgnr and rng.random() < 0.35 else ""
    return {"name": _telaris_name(party, rng), "number": number,
            "organisation_number": _orgnr(org, rng, [("plain", 55), ("spaced", 28), ("mva", 10), ("tight", 7)])
            if org else "",
            "email": email, "phone": _phone(phone_digits, party.cc, rng, TELARIS_PHONE) if phone_digits else "",
            "postal_code": where[0], "city": _city(where, rng, 0.15) if where[0] else ""}


def tripletex_row(party: Party, rng: random.Random) -> dict[str, str]:
    name, upper = _tripletex_name(party, rng)
    if party.kind in ("person", "cabin"):
        email = (party.post if rng.random() < 0.85 else party.spouse_email) if rng.random() < 0.75 else ""
        phone_digits = (party.mobile if rng.random() < 0.9 else party.spouse_mobile) if rng.random() < 0.7 else ""
    else:
        email = _weighted(rng, [(party.invoice, 25), (party.post, 25), (party.contact, 15),
                                (party.extra.get("accountant") or party.invoice, 5), ("", 30)])
        phone_digits = _weighted(rng, [(party.board or party.mobile, 50), (party.mobile, 25), ("", 25)])
    org = party.orgnr if party.orgnr and rng.random() < 0.88 else ""
    place = party.mail if rng.random() < 0.96 else ("", "")
    return {"name": name, "number": "", "organisation_number": _orgnr(org, rng, [("plain", 90), ("spaced", 10)])
            if org else "",
            "email": email, "phone": _phone(phone_digits, party.cc, rng, TRIPLETEX_PHONE) if phone_digits else "",
            "postal_code": place[0], "city": _city(place, rng, 0.0, upper) if place[0] else ""}


def _telaris_number(tripletex_number: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.30 and tripletex_number:
        if rng.random() < 0.02:
            i = rng.randrange(len(tripletex_number))
            return tripletex_number[:i] + str((int(tripletex_number[i]) + 1) % 10) + tripletex_number[i + 1:]
        return tripletex_number
    if 0.30 <= r < 0.50:
        return str(rng.randrange(1000, 9999))
    return ""


def generate(companies: int, seed: int = 1013) -> TwinData:
    """`companies` parties of a Sørlandet building-materials and rental firm, typed by both systems' users."""
    rng = random.Random(seed)
    parties = _Builder(rng).draw(companies)

    # Tripletex first: its numbers exist before anyone copies them into Telaris.
    tripletex: list[tuple[int, dict[str, str], bool]] = []  # (party index, row, customer)
    for i, party in enumerate(parties):
        if party.presence == "telaris":
            continue
        for _ in range(party.tripletex_copies):
            tripletex.append((i, tripletex_row(party, rng), not party.supplier))
        if party.tripletex_supplier_copy:
            tripletex.append((i, tripletex_row(party, rng), False))
    created = list(range(len(tripletex)))
    rng.shuffle(created)  # order of creation, which the numbers follow
    next_number = {True: CUSTOMER_FROM, False: SUPPLIER_FROM}
    for k in created:
        _, row, customer = tripletex[k]
        row["number"] = str(next_number[customer])
        next_number[customer] += 1
    first_tripletex: dict[int, int] = {}  # party index -> position in `tripletex` of the copy the truth pairs
    for k, (i, _, customer) in enumerate(tripletex):
        if customer or parties[i].supplier:
            first_tripletex.setdefault(i, k)

    telaris: list[tuple[int, dict[str, str]]] = []
    for i, party in enumerate(parties):
        if party.presence == "tripletex":
            continue
        known = tripletex[first_tripletex[i]][1]["number"] if i in first_tripletex else ""
        number = _telaris_number(known, rng)
        for copy in range(party.telaris_copies):
            telaris.append((i, telaris_row(party, rng, number if copy == 0 or rng.random() < 0.5 else "")))

    rng.shuffle(telaris)
    order = list(range(len(tripletex)))
    rng.shuffle(order)
    data = TwinData()
    telaris_id: dict[int, str] = {}
    for n, (i, row) in enumerate(telaris, start=1):
        record_id = f"g_{n:06d}"
        telaris_id.setdefault(i, record_id)
        data.telaris.append({"record_id": record_id, **row})
    tripletex_id: dict[int, int] = {}
    for n, k in enumerate(order):
        i, row, _ = tripletex[k]
        record_id = FIRST_TRIPLETEX_ID + n
        if first_tripletex.get(i) == k:
            tripletex_id[i] = record_id
        data.tripletex.append({"record_id": str(record_id), **row})
    data.telaris = [{key: r[key] for key in ROW_KEYS} for r in data.telaris]
    data.tripletex = [{key: r[key] for key in ROW_KEYS} for r in data.tripletex]
    data.truth = {(telaris_id[i], tripletex_id[i]) for i, p in enumerate(parties)
                  if p.presence == "both" and i in telaris_id and i in tripletex_id}
    return data
