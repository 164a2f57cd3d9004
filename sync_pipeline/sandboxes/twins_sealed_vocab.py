"""Vocabularies for the sealed twin generator (`twins_sealed`).

Kept apart so the generator reads like the story of how records come to be, and so the word lists can grow without
touching that story. The lists are written from general knowledge of Norwegian names and places, not copied from any
other generator of this project: weights follow the rough order of Statistics Norway's name counts (surnames) and
town sizes, because namesakes arise from how common a name is, not from a uniform draw.
"""

from __future__ import annotations

# Surnames with rough relative frequencies (thousands of bearers, order as in SSB's tables). Common -sen names make
# most of the natural namesakes ("Hansen Bygg" in two towns), the long tail keeps most names unique.
SURNAMES: dict[str, int] = {
    "Hansen": 50, "Johansen": 47, "Olsen": 47, "Larsen": 36, "Andersen": 36, "Pedersen": 34, "Nilsen": 33,
    "Kristiansen": 24, "Jensen": 24, "Karlsen": 22, "Johnsen": 21, "Pettersen": 20, "Eriksen": 19, "Berg": 18,
    "Haugen": 15, "Hagen": 15, "Johannessen": 14, "Andreassen": 13, "Jacobsen": 13, "Dahl": 12, "Jørgensen": 12,
    "Halvorsen": 12, "Henriksen": 12, "Lund": 12, "Sørensen": 11, "Jakobsen": 11, "Moen": 11, "Gundersen": 11,
    "Iversen": 10, "Strand": 10, "Solberg": 10, "Svendsen": 10, "Eide": 10, "Knutsen": 10, "Martinsen": 9,
    "Paulsen": 9, "Bakken": 9, "Kristoffersen": 9, "Mathisen": 9, "Lie": 9, "Amundsen": 8, "Nguyen": 8,
    "Rasmussen": 8, "Ali": 8, "Lunde": 7, "Solheim": 7, "Berge": 7, "Moe": 7, "Nygård": 7, "Bakke": 7,
    "Kristensen": 7, "Fredriksen": 7, "Holm": 7, "Lien": 6, "Hauge": 6, "Christensen": 6, "Andresen": 6,
    "Nielsen": 6, "Knudsen": 6, "Evensen": 6, "Sæther": 6, "Aas": 6, "Myhre": 6, "Hanssen": 5, "Ahmed": 5,
    "Haugland": 5, "Thomassen": 5, "Sivertsen": 5, "Simonsen": 5, "Danielsen": 5, "Berntsen": 5, "Sandvik": 5,
    "Rønning": 5, "Arnesen": 5, "Antonsen": 5, "Næss": 5, "Vik": 5, "Haug": 4, "Ellingsen": 4, "Thorsen": 4,
    "Edvardsen": 4, "Birkeland": 4, "Isaksen": 4, "Gulbrandsen": 4, "Ruud": 4, "Aasen": 4, "Strøm": 4,
    "Myklebust": 4, "Tangen": 4, "Ødegård": 4, "Eliassen": 4, "Helland": 4, "Bøe": 4, "Aune": 4, "Mikkelsen": 4,
    "Tveit": 4, "Brekke": 4, "Abrahamsen": 4, "Madsen": 4, "Fjeldstad": 2, "Skogstad": 2, "Vatne": 2, "Hovland": 2,
    "Espeland": 2, "Fosse": 2, "Kvalheim": 2, "Sunde": 2, "Økland": 2, "Aarsland": 1, "Bjelland": 1, "Mjelde": 1,
    "Hetland": 2, "Sele": 1, "Kvernmo": 1, "Hjelle": 1, "Ulvestad": 1, "Opsahl": 1, "Torgersen": 3, "Veum": 1,
    "Wold": 2, "Slåtten": 1, "Tjelta": 1, "Rossland": 1, "Grønning": 1, "Vestbø": 1, "Time": 1, "Rognli": 1,
    "Skjæveland": 1, "Østebø": 1, "Kleppe": 1, "Nærland": 1, "Håland": 2, "Frøyland": 1, "Tvedt": 1, "Løvås": 1,
    "Engen": 2, "Sletten": 1, "Kolstad": 2, "Nordby": 1, "Brenna": 1, "Gjerde": 2, "Vold": 1, "Furu": 1,
    "Midtbø": 1, "Sandnes": 1, "Nesheim": 1, "Bergheim": 1, "Svela": 1, "Tjøstheim": 1, "Undheim": 1,
    "Sivertsvik": 1, "Langeland": 1, "Halvorsrud": 1, "Øvrebø": 1, "Flatebø": 1, "Steinsland": 1, "Aamodt": 1,
    "Løken": 1, "Kvam": 1, "Storvik": 1, "Lindstad": 1, "Haraldsen": 3, "Ingebrigtsen": 2, "Sundt": 1,
    "Kowalski": 1, "Nowak": 1, "Hussain": 2, "Khan": 2, "Tran": 2, "Jovanovic": 1, "Petrovic": 1,
}

# The listed names cover only about a quarter of Norwegians; the rest carry farm and place names, each rare. A tail
# built from farm-name parts holds the other three quarters, so "Per Hansen" recurs but "Per Tveitaland" does not.
FARM_PREFIXES: tuple[str, ...] = (
    "Aas", "Bjør", "Fjell", "Grøn", "Haug", "Kvam", "Lang", "Ny", "Sol", "Stor", "Vest", "Øver", "Nord", "Sand",
    "Berg", "Li", "Vik", "Skog", "Holm", "Dal", "Bakk", "Myr", "Eng", "Hov", "Tveit", "Hol", "Rønne", "Fos", "Hegg",
    "Ask", "Furu", "Elv", "Kval", "Mel", "Rise", "Sæl", "Tor", "Ul", "Vang", "Øy",
)
FARM_SUFFIXES: tuple[str, ...] = (
    "land", "heim", "stad", "rud", "vik", "dal", "berg", "nes", "bø", "li", "set", "mo", "gård", "haug", "seth",
    "ås", "lien", "bakken", "eng", "voll", "by", "sæter", "vold", "strand", "tun", "hagen", "dahl", "stø", "myr",
    "fjord", "lund", "holt", "bekk", "rød", "ness",
)
TAIL_WEIGHT = 3.0 * sum(SURNAMES.values()) / (len(FARM_PREFIXES) * len(FARM_SUFFIXES))
SURNAME_WEIGHTS: dict[str, float] = {
    **{p + s: TAIL_WEIGHT for p in FARM_PREFIXES for s in FARM_SUFFIXES},
    **{name: float(weight) for name, weight in SURNAMES.items()},
}

MALE_FIRST: tuple[str, ...] = (
    "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Thomas", "Hans", "Geir", "Tor",
    "Morten", "Terje", "Odd", "Martin", "Erik", "Andreas", "Rune", "Trond", "Anders", "Harald", "Jon", "Espen",
    "Kristian", "Tore", "Stian", "Magnus", "Jonas", "Øyvind", "Håkon", "Eirik", "Jørgen", "Sindre", "Ståle",
    "Frode", "Rolf", "Gunnar", "Egil", "Helge", "Olav", "Leif", "Einar", "Vidar", "Kåre", "Arild", "Dag", "Petter",
    "Sverre", "Tommy", "Kenneth", "Roger", "Ronny", "Glenn", "Ivar", "Asbjørn", "Torbjørn", "Sigurd", "Emil",
)
FEMALE_FIRST: tuple[str, ...] = (
    "Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg", "Hilde", "Anna",
    "Solveig", "Marianne", "Randi", "Ida", "Nina", "Maria", "Elisabeth", "Kristin", "Bente", "Heidi", "Silje",
    "Hanne", "Gro", "Tone", "Camilla", "Ragnhild", "Tove", "Line", "Wenche", "Mette", "Ingeborg", "Hege", "Sissel",
    "Åse", "Siri", "Kjersti", "Ellen", "Grete", "Guro", "Turid", "Marte", "Ingvild", "Sigrid", "Nora", "Emma",
)
# Second given names, typed on one side and left out on the other ("Kjell Arne Hansen" / "Kjell Hansen").
MIDDLE: tuple[str, ...] = ("Arne", "Olav", "Johan", "Erik", "Inge", "Marie", "Helen", "Kristin", "Andre", "Magnus")

# Trades of small firms, weighted towards the building trades a field-service company deals with all day.
TRADES: dict[str, int] = {
    "Bygg": 14, "Elektro": 10, "Rør": 8, "VVS": 5, "Maler": 4, "Malerservice": 2, "Tak": 3, "Blikkenslager": 2,
    "Ventilasjon": 3, "Entreprenør": 5, "Graving": 3, "Maskin": 4, "Transport": 5, "Eiendom": 6, "Regnskap": 2,
    "Snekkeri": 2, "Murer": 2, "Flis": 2, "Anlegg": 3, "Service": 3, "Varme": 2, "Kjøleservice": 1, "Handel": 3,
    "Bilverksted": 2, "Auto": 2, "Frisør": 2, "Consult": 2, "Installasjon": 2, "Tømrer": 3, "Byggservice": 3,
    "Montasje": 2, "Renhold": 3, "Låsservice": 1, "Glass": 1, "Sveis": 1, "Gulv": 1, "Hage og Anlegg": 1,
    "Rørleggerservice": 2, "Elektriker": 2, "Data": 1, "Prosjekt": 2, "Drift": 1,
}
# Near-synonyms a second firm picks when the obvious AS name is taken (AS names must be unique in the register).
TRADE_SIBLINGS: dict[str, tuple[str, ...]] = {
    "Bygg": ("Byggservice", "Bygg og Anlegg", "Bygg og Tømrer", "Byggmester"),
    "Elektro": ("Elektroservice", "El-Service", "Elektro og Automasjon", "Elektriker"),
    "Rør": ("Rørleggerservice", "Rør og Varme", "Rørservice", "VVS"),
    "Maler": ("Malerservice", "Malermester", "Maling og Tapet"),
    "Tak": ("Taktekking", "Tak og Fasade"),
    "Entreprenør": ("Entreprenørservice", "Maskinentreprenør", "Entreprenør og Anlegg"),
    "Transport": ("Transportservice", "Transport og Maskin", "Budservice"),
    "Eiendom": ("Eiendomsutvikling", "Eiendomsforvaltning", "Eiendom Holding"),
    "Renhold": ("Renholdsservice", "Rengjøring"),
}
# Made-up brand stems of the kind Norwegian firms choose (nature, region, Norse words).
STEMS: tuple[str, ...] = (
    "Nordlys", "Fjordvik", "Vestkyst", "Polarstjerna", "Havblikk", "Solvang", "Fjellheim", "Midgard", "Skagen",
    "Kystlink", "Bølgen", "Norrøn", "Varden", "Tindeland", "Breidablikk", "Granitt", "Furulia", "Sjøbris",
    "Østlandske", "Vestlandske", "Nordvest", "Sørvest", "Ankerfeste", "Bautaen", "Kvitfjell", "Stjernen",
    "Brattli", "Trollheim", "Lysgaard", "Jærbu", "Sletta", "Elvebakken", "Nyland", "Bjørkly", "Aksent",
    "Proff", "Total", "Optima", "Nordic", "Scandi", "Norsk", "Prima", "Unik", "Kvalitet", "Effektiv",
)
# Street and farm names that housing co-ops and small associations are named after; repeated in every town.
PLACE_NAMES: tuple[str, ...] = (
    "Solbakken", "Granly", "Fjellvang", "Bakkeli", "Lia", "Tunet", "Haugen", "Furulund", "Bjørkelund",
    "Lindeberg", "Åsen", "Skogly", "Sentrum", "Havnegata", "Strandgata", "Kirkegata", "Storgata", "Torget",
    "Parkveien", "Sjøsiden", "Utsikten", "Nordbyen", "Solsiden", "Eikelund", "Rosenhagen", "Kløverbakken",
    "Blåbærlia", "Tyttebærlia", "Elvebredden", "Brygga", "Fjordglimt", "Bekkeli", "Lønneberget", "Sollia",
    "Grønnåsen", "Vestre Park", "Østre Park", "Kvartalet", "Stasjonsbyen", "Bryggen Terrasse", "Sletta",
    "Høgåsen", "Myrvang", "Heiane", "Løkka", "Stranden", "Åkeren", "Torvmyra", "Fagerlia", "Tårnet",
)
# Chains whose shops are separate legal entities owned by local merchants: display name "<chain> <place>",
# legal name something like "Hansen Dagligvare AS", so the chain word ties unrelated companies together.
FRANCHISE_CHAINS: tuple[str, ...] = (
    "REMA 1000", "KIWI", "Joker", "Spar", "Bunnpris", "Circle K", "YX", "Byggmakker", "Montér", "XL-BYGG",
    "Mekonomen", "Vianor", "Peppes Pizza", "Meny", "Eurospar", "Intersport", "Sport 1", "Euronics", "Jernia",
)
FRANCHISE_LEGAL_TAILS: tuple[str, ...] = ("Dagligvare", "Handel", "Drift", "Matsenter", "Service", "Bil", "Bygg")
# Chains owned by one company whose shops are branches (same organisation number, one invoice address).
CHAIN_OWNERS: dict[str, str] = {
    "Vinmonopolet": "AS Vinmonopolet",
    "Apotek 1": "Apotek 1 Gruppen AS",
    "Elkjøp": "Elkjøp Norge AS",
    "Clas Ohlson": "Clas Ohlson AS",
    "Coop Extra": "Coop Norge Handel AS",
    "Norli": "Norli AS",
    "Posten": "Posten Bring AS",
}
SHOP_AREAS: tuple[str, ...] = ("Sentrum", "Senter", "Storsenter", "Øst", "Vest", "Nord", "Sør", "Torget", "Stasjon",
                               "Kvadrat", "City", "Amfi", "Bryggen", "Lagunen", "Strand", "Handelspark")
GROUP_MEMBERS: tuple[str, ...] = (
    "Holding", "Eiendom", "Entreprenør", "Elektro", "Service", "Bygg", "Prosjekt", "Drift", "Vest", "Øst",
    "Rør", "Anlegg", "Utleie", "Maskin", "Teknikk",
)
MUNICIPAL_UNITS: tuple[str, ...] = (
    "Eiendom", "Teknisk drift", "Helse og omsorg", "Bygg og eiendom", "Vann og avløp", "Kultur", "Park og idrett",
)
SCHOOL_KINDS: tuple[str, ...] = ("skole", "barneskole", "ungdomsskole", "barnehage", "sykehjem", "bo- og servicesenter")
ASSOCIATION_FORMS: tuple[str, ...] = (
    "{p} Velforening", "{p} Vel", "{t} Idrettslag", "IL {p}", "{t} Sportsklubb", "{p} Båtforening",
    "{t} Skytterlag", "{t} Musikkorps", "{p} Grendelag", "{t} Menighet", "{p} Hytteforening", "{t} Turlag",
)
FOREIGN: tuple[tuple[str, str, str], ...] = (
    ("AB", "Göteborg", "41104"), ("AB", "Stockholm", "11122"), ("AB", "Malmö", "21119"), ("ApS", "København", "2100"),
    ("A/S", "Aarhus", "8000"), ("GmbH", "Hamburg", "20095"), ("GmbH", "Bremen", "28195"), ("Oy", "Helsinki", "00100"),
    ("Ltd", "Aberdeen", "AB10 1AB"), ("B.V.", "Rotterdam", "3011"),
)
# Accounting firms many small customers route their invoice mail through: one domain, hundreds of companies.
ACCOUNTANT_DOMAINS: tuple[str, ...] = (
    "regnskapshuset.no", "fjordregnskap.no", "okonomipartner.no", "tallknuser.no", "bilagsmottak.no",
)
# Property managers (forretningsfører) of housing co-ops: their phone and e-mail stand on many co-ops.
PROPERTY_MANAGERS: tuple[tuple[str, str], ...] = (
    ("boligforvaltning.no", "22"), ("borettslagsdrift.no", "55"), ("sameieservice.no", "51"), ("bbl-drift.no", "73"),
)
FREE_MAIL: dict[str, int] = {
    "gmail.com": 40, "hotmail.com": 18, "online.no": 12, "outlook.com": 8, "live.no": 5, "yahoo.no": 4,
    "icloud.com": 5, "altibox.no": 5, "lyse.net": 3,
}

# Towns: (name, weight, region, street postal codes (lo, hi), post-box codes (lo, hi), landline prefix).
# Ranges follow Posten's layout (street codes and box codes are different series in the same town).
TOWNS: tuple[tuple[str, int, str, tuple[int, int], tuple[int, int], str], ...] = (
    ("Oslo", 40, "øst", (150, 1295), (101, 139), "2"),
    ("Lillestrøm", 5, "øst", (2000, 2010), (2001, 2001), "6"),
    ("Jessheim", 3, "øst", (2050, 2069), (2051, 2051), "6"),
    ("Sandvika", 4, "øst", (1300, 1349), (1300, 1302), "67"),
    ("Asker", 4, "øst", (1383, 1396), (1371, 1372), "66"),
    ("Ski", 3, "øst", (1400, 1409), (1401, 1402), "64"),
    ("Drammen", 7, "øst", (3015, 3048), (3001, 3006), "32"),
    ("Fredrikstad", 6, "øst", (1601, 1639), (1601, 1602), "69"),
    ("Sarpsborg", 4, "øst", (1702, 1747), (1701, 1703), "69"),
    ("Moss", 3, "øst", (1511, 1599), (1501, 1503), "69"),
    ("Hamar", 3, "øst", (2315, 2326), (2301, 2303), "62"),
    ("Lillehammer", 3, "øst", (2609, 2619), (2601, 2602), "61"),
    ("Tønsberg", 4, "sør", (3110, 3126), (3101, 3103), "33"),
    ("Sandefjord", 4, "sør", (3210, 3241), (3201, 3203), "33"),
    ("Larvik", 3, "sør", (3256, 3274), (3251, 3252), "33"),
    ("Skien", 4, "sør", (3711, 3736), (3701, 3705), "35"),
    ("Porsgrunn", 3, "sør", (3911, 3948), (3901, 3902), "35"),
    ("Arendal", 3, "sør", (4836, 4848), (4801, 4808), "37"),
    ("Kristiansand", 7, "sør", (4608, 4639), (4604, 4606), "38"),
    ("Stavanger", 9, "vest", (4005, 4049), (4001, 4004), "51"),
    ("Sandnes", 6, "vest", (4306, 4329), (4301, 4302), "51"),
    ("Bryne", 2, "vest", (4340, 4349), (4349, 4349), "51"),
    ("Egersund", 1, "vest", (4370, 4379), (4371, 4371), "51"),
    ("Haugesund", 3, "vest", (5515, 5538), (5501, 5504), "52"),
    ("Bergen", 18, "vest", (5003, 5098), (5804, 5893), "55"),
    ("Nesttun", 2, "vest", (5221, 5229), (5221, 5221), "55"),
    ("Kleppestø", 2, "vest", (5300, 5300), (5301, 5301), "56"),
    ("Stord", 1, "vest", (5411, 5419), (5402, 5402), "53"),
    ("Førde", 1, "vest", (6800, 6815), (6801, 6802), "57"),
    ("Ålesund", 4, "vest", (6002, 6030), (6001, 6001), "70"),
    ("Molde", 2, "midt", (6411, 6421), (6401, 6402), "71"),
    ("Kristiansund N", 2, "midt", (6508, 6518), (6501, 6502), "71"),
    ("Trondheim", 12, "midt", (7010, 7099), (7400, 7499), "73"),
    ("Stjørdal", 2, "midt", (7500, 7503), (7501, 7501), "74"),
    ("Steinkjer", 1, "midt", (7710, 7725), (7701, 7702), "74"),
    ("Bodø", 3, "nord", (8003, 8030), (8001, 8002), "75"),
    ("Mo i Rana", 2, "nord", (8610, 8626), (8601, 8602), "75"),
    ("Narvik", 1, "nord", (8514, 8520), (8501, 8502), "76"),
    ("Harstad", 2, "nord", (9405, 9415), (9401, 9402), "77"),
    ("Tromsø", 4, "nord", (9006, 9020), (9251, 9299), "77"),
    ("Alta", 1, "nord", (9510, 9519), (9501, 9502), "78"),
)
REGIONS: tuple[str, ...] = ("øst", "sør", "vest", "midt", "nord")
