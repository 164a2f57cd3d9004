"""Vocabularies for the blind twin generator (`twins_blind`): a pest-control firm based in Tromsø.

Kept apart from the generator so that the generator reads as behaviour and this file as data. The places, postal
codes and phone prefixes are those of Troms, Ofoten, Vesterålen and western Finnmark, where such a firm drives; the
names are the ones that fill a Nord-Norge customer register (many -sen surnames, some Sámi and Kven names).
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A town the firm serves: street postal codes, post-box codes (empty when none), landline prefix, weight."""

    city: str
    street_codes: tuple[str, ...]
    box_codes: tuple[str, ...]
    landline: str
    weight: int


PLACES: tuple[Place, ...] = (
    Place(
        "Tromsø",
        ("9008", "9009", "9010", "9011", "9012", "9013", "9014", "9015", "9016", "9017", "9018", "9019"),
        ("9252", "9253", "9254", "9255", "9256", "9257", "9258", "9259", "9260", "9261", "9262", "9263", "9265"),
        "776",
        45,
    ),
    Place("Tromsdalen", ("9020",), (), "776", 5),
    Place("Kvaløysletta", ("9100",), (), "776", 3),
    Place("Storsteinnes", ("9050",), (), "777", 2),
    Place("Lyngseidet", ("9060",), (), "777", 1),
    Place("Skjervøy", ("9180",), (), "777", 1),
    Place("Storslett", ("9151",), (), "777", 1),
    Place("Finnsnes", ("9300",), ("9305", "9306"), "778", 5),
    Place("Bardufoss", ("9325",), (), "778", 3),
    Place("Setermoen", ("9360",), (), "778", 1),
    Place(
        "Harstad", ("9401", "9403", "9404", "9405", "9406", "9407", "9408", "9409"), ("9481", "9482", "9483"), "770", 10
    ),
    Place("Narvik", ("8514", "8515", "8516", "8517"), ("8501", "8502", "8503", "8504"), "769", 8),
    Place("Sortland", ("8400",), ("8401",), "761", 3),
    Place("Svolvær", ("8300",), ("8301",), "760", 2),
    Place("Alta", ("9510", "9511", "9512", "9513", "9514", "9515"), ("9501", "9502", "9503", "9504"), "784", 6),
    Place("Hammerfest", ("9600",), ("9615", "9616"), "784", 3),
)

# Where national suppliers sit: their invoices come from head offices in the south.
SUPPLIER_PLACES: tuple[Place, ...] = (
    Place("Oslo", ("0150", "0152", "0159", "0183", "0250", "0484", "0581", "0603", "0661"), ("0102", "0104", "0105",
          "0106", "0107", "0113"), "22", 10),
    Place("Lillestrøm", ("2000", "2004", "2007"), ("2001",), "63", 2),
    Place("Drammen", ("3015", "3018", "3045"), ("3001",), "32", 2),
    Place("Bergen", ("5003", "5006", "5020", "5058"), ("5804", "5805"), "55", 2),
    Place("Bodø", ("8005", "8006", "8008"), ("8001", "8002"), "75", 2),
)

MALE = (
    "Ola", "Ole", "Jan", "Per", "Lars", "Kjell", "Arne", "Knut", "Svein", "Geir", "Terje", "Tor", "Bjørn", "Rune",
    "Trond", "Morten", "Espen", "Jonas", "Magnus", "Henrik", "Sindre", "Eirik", "Håkon", "Øyvind", "Ståle", "Jørgen",
    "Mathias", "Kristian", "Sverre", "Odd", "Roar", "Frode", "Stian", "Tommy", "Ronny", "Mads", "Aslak", "Nils",
    "Johan", "Isak", "Einar", "Kåre", "Asbjørn", "Bård", "Remi",
)
FEMALE = (
    "Anne", "Kari", "Inger", "Marit", "Liv", "Randi", "Hilde", "Tone", "Ingrid", "Silje", "Ida", "Nora", "Emma",
    "Kristin", "Mari", "Heidi", "Siri", "Åse", "Bjørg", "Grete", "Elin", "Ragnhild", "Solveig", "Sissel", "Tove",
    "Berit", "Gunn", "Line", "Camilla", "Marte", "Ellen", "Ann-Kristin", "Hanne", "Torill", "Wenche", "Ellinor",
)
SURNAMES = (
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Karlsen", "Jensen", "Berg",
    "Eriksen", "Johnsen", "Pettersen", "Jakobsen", "Mikkelsen", "Isaksen", "Mathisen", "Edvardsen", "Kristiansen",
    "Eliassen", "Hermansen", "Amundsen", "Jørgensen", "Solberg", "Strand", "Lund", "Holm", "Sørensen", "Mortensen",
    "Kristoffersen", "Simonsen", "Arntzen", "Sandvik", "Lorentzen", "Rasmussen", "Hætta", "Sara", "Eira", "Bongo",
    "Aslaksen", "Nygård", "Fagerli", "Kvalvik", "Nordstrøm", "Hågensen", "Bårdsen", "Sæther", "Øvergaard",
    "Ødegård", "Næss", "Lyngstad", "Wilhelmsen", "Ellingsen", "Henriksen", "Paulsen", "Abelsen", "Steffensen",
)

# Stems of local business names: landscape, light and harbour words are what Tromsø firms are named after.
STEMS = (
    "Nordlys", "Ishavs", "Polar", "Arktisk", "Fjellheis", "Fjordbris", "Havbris", "Midnattsol", "Tinden", "Brygga",
    "Sjøhuset", "Kaia", "Bakgården", "Storgata", "Havna", "Malangen", "Lyngen", "Senja", "Kvaløy", "Tromsdal",
    "Fløya", "Prestvannet", "Stakkevollan", "Varden", "Balsfjord", "Ullsfjord", "Nordkyst", "Sørstraumen",
    "Skansen", "Tindtop", "Nordpol", "Fiskekrogen", "Bjørnebo", "Reinholmen", "Ishavskysten", "Telegrafbukta",
    "Kroken", "Håkøya", "Tønsvik", "Grøtfjord", "Ersfjord", "Sommarøy", "Kårvik", "Fagereng", "Mortensnes",
)

# (kind word of the trade name, legal form, share within local businesses). Pest control customers: food handling
# (fish plants, restaurants, bakeries), landlords, farms and small trades; every one of them fears rats and mice.
BUSINESS_KINDS: tuple[tuple[str, str, int], ...] = (
    ("Restaurant", "AS", 10),
    ("Kafé", "AS", 6),
    ("Bakeri", "AS", 5),
    ("Pizza", "AS", 4),
    ("Eiendom", "AS", 16),
    ("Næringsbygg", "AS", 4),
    ("Fisk", "AS", 6),
    ("Sjømat", "AS", 5),
    ("Fiskemottak", "AS", 3),
    ("Havbruk", "AS", 3),
    ("Bygg", "AS", 6),
    ("Transport", "AS", 4),
    ("Hotell", "AS", 3),
    ("Rorbuer", "AS", 2),
    ("Lager og Logistikk", "AS", 3),
    ("Regnskap", "AS", 2),
    ("Barnehage", "SA", 3),
    ("Gård", "ENK", 5),
    ("Brygge", "SA", 2),
    ("Bil", "AS", 3),
)

# Chains whose stores, hotels and restaurants are separate franchise companies: (chain, e-mail domain, legal stem).
CHAINS: tuple[tuple[str, str, str], ...] = (
    ("Rema 1000", "rema.no", "Dagligvare"),
    ("Coop Extra", "coop.no", "Coop Nord"),
    ("Coop Prix", "coop.no", "Coop Nord"),
    ("Kiwi", "kiwi.no", "Dagligvare"),
    ("Meny", "meny.no", "Dagligvare"),
    ("Joker", "joker.no", "Nærbutikk"),
    ("Bunnpris", "bunnpris.no", "Matvarer"),
    ("Spar", "spar.no", "Handel"),
    ("Scandic", "scandichotels.com", "Hotelldrift"),
    ("Thon Hotel", "olavthon.no", "Hotelldrift"),
    ("Clarion Hotel", "strawberry.no", "Hotelldrift"),
    ("Peppes Pizza", "peppes.no", "Restaurantdrift"),
    ("Egon", "egon.no", "Restaurantdrift"),
    ("Burger King", "burgerking.no", "Restaurantdrift"),
    ("Europris", "europris.no", "Lavpris"),
)

# Where chain branches sit: Tromsø neighbourhoods and the towns of the region.
BRANCH_SITES = (
    "Sentrum", "Langnes", "Stakkevollan", "Kroken", "Kvaløysletta", "Tomasjord", "Tromsdalen", "Jekta",
    "Nerstranda", "Pyramiden", "Giæverbukta", "Hamna", "Storelva", "Fagereng", "Mortensnes", "Bjerkaker",
    "Harstad", "Narvik", "Finnsnes", "Bardufoss", "Alta", "Sortland", "Storsteinnes", "Skjervøy", "Hammerfest",
)

MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("Tromsø kommune", "tromso.kommune.no"),
    ("Harstad kommune", "harstad.kommune.no"),
    ("Narvik kommune", "narvik.kommune.no"),
    ("Balsfjord kommune", "balsfjord.kommune.no"),
    ("Senja kommune", "senja.kommune.no"),
    ("Målselv kommune", "malselv.kommune.no"),
    ("Alta kommune", "alta.kommune.no"),
    ("Troms fylkeskommune", "tffk.no"),
)
PUBLIC_UNITS = ("sykehjem", "skole", "barnehage", "helsesenter", "kirke", "idrettshall", "omsorgssenter", "bibliotek")

HOUSING_FORMS = ("Borettslag", "Sameie", "Boligsameie")
# Housing managers that run many co-operatives: their address, switchboard and e-mail domain repeat across them.
HOUSING_MANAGERS: tuple[tuple[str, str], ...] = (
    ("Nord Bolig Forvaltning", "nordbolig.no"),
    ("Ishavsbyen Eiendomsforvaltning", "ishavsforvaltning.no"),
    ("Boligbyggelaget Nord", "bbl-nord.no"),
)
STREETS = (
    "Storgata", "Grønnegata", "Skippergata", "Sjøgata", "Parkgata", "Kirkegata", "Vestregata", "Strandvegen",
    "Hansjordnesbukta", "Elvestrandvegen", "Kongsbakken", "Mellomvegen", "Stakkevollvegen", "Tomasjordvegen",
    "Erling Bangsunds veg", "Fredrik Langes gate", "Sommerlystvegen", "Bispegata",
)

# National suppliers: each exists once. Pest-control wholesalers, vehicles, fuel, phones, tools, and the back office
# (bank, insurance, software, tax authority) that only the accountant ever sees.
NATIONAL_SUPPLIERS: tuple[tuple[str, str, str, bool], ...] = (
    # (legal name, e-mail domain, short name typed in the field, used by field service)
    ("Nomor AS", "nomor.no", "Nomor", True),
    ("Skadedyrgrossisten Norge AS", "skadedyrgrossisten.no", "Skadedyrgrossisten", True),
    ("Würth Norge AS", "wurth.no", "Würth", True),
    ("Berner AS", "berner.no", "Berner", True),
    ("Biltema Norge AS", "biltema.no", "Biltema", True),
    ("Circle K Norge AS", "circlek.no", "Circle K", True),
    ("Uno-X Energi AS", "unox.no", "Uno-X", True),
    ("Ahlsell Norge AS", "ahlsell.no", "Ahlsell", True),
    ("Tools AS", "tools.no", "Tools", True),
    ("Clas Ohlson AS", "clasohlson.no", "Clas Ohlson", True),
    ("Felleskjøpet Agri SA", "felleskjopet.no", "Felleskjøpet", True),
    ("Mekonomen Norge AS", "mekonomen.no", "Mekonomen", True),
    ("Remiks Miljøpark AS", "remiks.no", "Remiks", True),
    ("Norsk Gjenvinning AS", "norskgjenvinning.no", "Norsk Gjenvinning", True),
    ("Telenor Norge AS", "telenor.no", "Telenor", False),
    ("Telia Norge AS", "telia.no", "Telia", False),
    ("DNB Bank ASA", "dnb.no", "DNB", False),
    ("SpareBank 1 Nord-Norge", "snn.no", "SNN", False),
    ("Gjensidige Forsikring ASA", "gjensidige.no", "Gjensidige", False),
    ("Tryg Forsikring", "tryg.no", "Tryg", False),
    ("Tripletex AS", "tripletex.no", "Tripletex", False),
    ("Visma Software AS", "visma.no", "Visma", False),
    ("Posten Norge AS", "posten.no", "Posten", False),
    ("Widerøe's Flyveselskap AS", "wideroe.no", "Widerøe", True),
    ("Hurtigruten Kysten AS", "hurtigruten.no", "Hurtigruten", True),
    ("Bilia Personbil AS", "bilia.no", "Bilia", True),
    ("Elkjøp Norge AS", "elkjop.no", "Elkjøp", False),
    ("Storebrand Livsforsikring AS", "storebrand.no", "Storebrand", False),
)
LOCAL_SUPPLIER_KINDS = (
    "Bilverksted", "Dekk", "Rørlegger", "Elektro", "Regnskap", "Revisjon", "Trykkeri", "Bygg", "Glass",
    "Låsesmed", "Maskin", "Renhold", "Arbeidsklær", "Reklame",
)

PRIVATE_MAIL = ("gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no", "icloud.com", "yahoo.no")

# Words a person typing in a hurry shortens; (long form, short forms).
ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Borettslag", ("BRL", "Brl.", "Brl")),
    ("Boligsameie", ("Sameiet", "Boligsameiet")),
    ("Sameie", ("Sameiet",)),
    (" og ", (" & ", " og ")),
    ("Restaurant", ("Rest.",)),
    ("Eiendom", ("Eiendommer", "Eiend.")),
    ("kommune", ("kommune", "k.")),
    ("Fylkeskommune", ("fk",)),
    ("sykehjem", ("sykehjemmet",)),
    ("Transport", ("Transp.",)),
    ("Logistikk", ("Log.",)),
)
