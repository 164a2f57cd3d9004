"""Vocabularies for the held-out twin generator (`twins_unseen`).

Why a separate module: the generator reads like the process it models (who the customers are, how people type them),
and these long word lists would drown that. Everything here is plain data: Norwegian first names and surnames roughly in
order of frequency (so that a rank-weighted draw gives the real skew, where "Hansen" and "Ole" repeat often), the towns
an electrical contractor in Trøndelag works in with their postcodes, and the words Norwegian firms put in their names.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """Long lists of one-word names read better as one string than as a column of quoted words."""
    return tuple(text.split())


# Rough frequency order (most common first). Trøndelag surnames are mixed in because the firm's customers live there.
MALE_FIRST = _words(
    "Jan Per Bjørn Ole Lars Kjell Knut Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Andreas John "
    "Anders Rune Trond Tore Jon Harald Stian Kristian Marius Olav Espen Gunnar Rolf Magnus Eirik Leif Øyvind "
    "Kristoffer Helge Daniel Jørgen Einar Sindre Steinar Petter Håkon Ivar Henrik Frode Sverre Vidar Sigurd Even "
    "Torbjørn Kåre Asbjørn Mohammad Ali Piotr Tomasz Sander Emil Jonas Mathias Sebastian Fredrik "
    "Audun Ståle Roar Åge Bård Pål"
)
FEMALE_FIRST = _words(
    "Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig Marianne Randi Ida Nina Elisabeth "
    "Kristin Bente Heidi Silje Hanne Gunn Tone Ragnhild Camilla Wenche Turid Ellen Grete Linda Ingeborg Trine Mari "
    "Monica Elin Tove Siri Laila Sissel Marte Julie Kjersti Torill Line Guro Hege Sigrid Åse Synnøve Gro Unni Oddny "
    "Maria Emma Nora Sofie Ingvild Malin Karoline Tonje Stine Aud Jorunn Britt Agnes Fatima Aleksandra"
)
# Double first names are common and are exactly what gets shortened on one side ("Per Olav" → "Per").
DOUBLE_FIRST = (
    "Per Olav", "Jan Erik", "Ole Martin", "Hans Petter", "Nils Erik", "Knut Arne", "Tor Arne", "Jon Inge",
    "Kari Anne", "Anne Grethe", "Anne Lise", "Inger Marie", "Mari Ann", "Ann Kristin", "Eva Marit", "Liv Berit",
)
SURNAMES = _words(
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen Johnsen Pettersen Eriksen Berg "
    "Haugen Hagen Johannessen Andreassen Jacobsen Dahl Jørgensen Halvorsen Henriksen Lund Sørensen Jakobsen Moen "
    "Gundersen Iversen Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen Mathisen Lie "
    "Amundsen Nguyen Rasmussen Lunde Solheim Berge Moe Nygård Bakke Kristensen Fredriksen Holm Lien Hauge "
    "Aune Rønning Sæther Hoel Kvam Løvås Kolstad Ness Lyngstad Skjetne Flatberg Ystad Hegge Grøtte Stavrum Wold "
    "Aasen Næss Vik Haug Myhre Lorentzen Dragsten Brekke Bjørgum Fossum Gjervan Stene Sandvik Hårstad Furu Sødal "
    "Reitan Kjelstad Lein Melby Rognes Hammer Slåen Vikan Ulstad Okstad Moxnes Tiller Gravdahl Bratberg Holmen "
    "Hovde Midtbø Fagerli Sørli Engen Dybdahl Aksnes Leira Kalstad Husby Mo Sandnes Ramstad Kowalski Nowak Ahmed"
)

# The long tail of Norwegian surnames: most people do not carry a common -sen name but a farm or place name, and
# there are tens of thousands of them. Compounds of these parts stand in for that tail.
SURNAME_HEADS = _words(
    "Aa Bjør Brå Fjell Gran Hol Kval Lang Lys Myr Nord Ros Sand Sol Stor Ulv Vass Berg Dal Eng Fos Gjer Hau Li Lø "
    "Mel Ny Rø Ski Stav Tor Vest Øst Bak Bre Fag Grø Hov Kjel Lund Mo Ram Rei Sel Skog Tang Tveit Ve Å"
)
SURNAME_TAILS = _words("dal vik heim berg stad rud li seth land haug nes bakken mo øy sæter by lund gård vold rem")
# Modifiers that make a registered name distinct from an existing one (the register refuses identical names).
DISTINGUISHERS = _words("Nye Øvre Nedre Midt Nord Sør Vest Øst Store Lille Nordre Søndre Gamle")

# Farm names: farmers are customers (barns, milking robots, grain dryers) and are registered as sole proprietorships
# under their own name, while everyone calls them by the farm.
FARMS = _words(
    "Hoel Moe Aune Berg Lien Haugen Rønning Vikan Sæther Reitan Melby Ness Stene Okstad Husby Rognes Kvam Lein "
    "Bratberg Holmen Leira Engen Sørli Fagerli Tiller Wold Furu Dragsten"
)
FARM_PREFIX = ("Nedre", "Øvre", "Nordre", "Søndre", "Vestre", "Østre", "")

# (postal code, city, town name used in business names, kind). Trøndelag around Trondheim, where the firm works.
# kind "street" = a delivery postcode; box codes are the post-office-box postcodes a firm's invoice address may use.
TOWNS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    # (town, street postcodes, box postcodes, city as Posten spells it)
    ("Trondheim", ("7010", "7011", "7012", "7013", "7014", "7015", "7018", "7020", "7021", "7022", "7024", "7025",
                   "7026", "7027", "7028", "7029", "7030", "7031", "7032", "7033", "7034", "7036", "7037", "7038",
                   "7039", "7040", "7041", "7042", "7043", "7044", "7045", "7046", "7047", "7048", "7049", "7050",
                   "7051", "7052", "7053", "7054", "7055", "7056", "7057", "7058"),
     ("7401", "7402", "7403", "7404", "7405", "7406", "7407", "7408", "7409", "7410", "7411", "7412", "7413",
      "7414", "7415", "7416", "7417", "7418", "7419", "7420", "7425", "7427", "7428", "7429", "7430", "7433",
      "7434", "7435", "7436", "7437", "7438", "7439", "7440", "7441", "7442", "7443", "7444", "7445", "7446"),
     "TRONDHEIM"),
    ("Heimdal", ("7072", "7080", "7088", "7089"), ("7473", "7474"), "HEIMDAL"),
    ("Tiller", ("7075", "7091", "7092"), ("7475",), "TILLER"),
    ("Saupstad", ("7078", "7097", "7098"), (), "SAUPSTAD"),
    ("Flatåsen", ("7079", "7099"), (), "FLATÅSEN"),
    ("Kattem", ("7082",), (), "KATTEM"),
    ("Leinstrand", ("7083",), (), "LEINSTRAND"),
    ("Klæbu", ("7540", "7541"), (), "KLÆBU"),
    ("Hommelvik", ("7550", "7551"), (), "HOMMELVIK"),
    ("Vikhammer", ("7560",), (), "VIKHAMMER"),
    ("Saksvik", ("7562",), (), "SAKSVIK"),
    ("Malvik", ("7563",), (), "MALVIK"),
    ("Stjørdal", ("7500", "7502", "7503", "7504", "7505", "7506", "7507", "7508", "7509", "7510"), ("7501",),
     "STJØRDAL"),
    ("Hell", ("7517",), (), "HELL"),
    ("Melhus", ("7223", "7224"), ("7221",), "MELHUS"),
    ("Kvål", ("7228",), (), "KVÅL"),
    ("Ler", ("7234",), (), "LER"),
    ("Støren", ("7290",), (), "STØREN"),
    ("Buvika", ("7350",), (), "BUVIKA"),
    ("Børsa", ("7353",), (), "BØRSA"),
    ("Orkanger", ("7300", "7302"), ("7301",), "ORKANGER"),
    ("Fannrem", ("7320",), (), "FANNREM"),
    ("Oppdal", ("7340",), (), "OPPDAL"),
    ("Levanger", ("7600", "7602", "7603", "7604", "7606"), ("7601",), "LEVANGER"),
    ("Verdal", ("7650", "7652", "7653"), ("7651",), "VERDAL"),
    ("Steinkjer", ("7710", "7711", "7712", "7713", "7714"), ("7729",), "STEINKJER"),
    ("Frosta", ("7633",), (), "FROSTA"),
    ("Åfjord", ("7170",), (), "ÅFJORD"),
    ("Brekstad", ("7130",), (), "BREKSTAD"),
)
# How many customers each town supplies, relative (Trondheim dominates; the firm sits at Heimdal).
TOWN_WEIGHTS = (40, 8, 5, 3, 3, 2, 2, 4, 3, 3, 1, 2, 6, 1, 4, 1, 1, 2, 1, 1, 3, 1, 1, 2, 2, 2, 1, 1, 1)

# Suppliers sit all over the country (wholesalers, lessors, insurers), mostly around Oslo.
SUPPLIER_PLACES: tuple[tuple[str, str, str], ...] = (
    # (street postcode, box postcode, city)
    ("0150", "0102", "OSLO"), ("0191", "0103", "OSLO"), ("0484", "0405", "OSLO"), ("0580", "0510", "OSLO"),
    ("0661", "0613", "OSLO"), ("0277", "0212", "OSLO"), ("1366", "1326", "LYSAKER"), ("1470", "1471", "LØRENSKOG"),
    ("1481", "1483", "HAGAN"), ("2000", "2001", "LILLESTRØM"), ("1402", "1401", "SKI"), ("3036", "3001", "DRAMMEN"),
    ("5257", "5851", "KOKSTAD"), ("5020", "5804", "BERGEN"), ("4033", "4068", "STAVANGER"), ("7080", "7473", "HEIMDAL"),
    ("7038", "7435", "TRONDHEIM"), ("7049", "7441", "TRONDHEIM"), ("7500", "7501", "STJØRDAL"),
    ("6005", "6001", "ÅLESUND"), ("3511", "3502", "HØNEFOSS"), ("2815", "2803", "GJØVIK"),
)

# Words in names of small firms the electrician works for (shops, trades, services), by how they are named.
TRADES = (
    "Bygg", "Rør", "Maskin", "Transport", "Snekkerverksted", "Tak", "Graving", "Anlegg", "Maling", "Malerservice",
    "Gulv", "Flis", "Blikk", "Ventilasjon", "Frisør", "Hudpleie", "Bakeri", "Bilservice", "Regnskap", "Eiendom",
    "Tannlegekontor", "Fysioterapi", "Blomster", "Kafé", "Pizza", "Sushi", "Kiosk", "Gartneri", "Dyreklinikk",
    "Bilverksted", "Dekk", "Glass", "Lås", "Renhold", "Vaktmesterservice", "Byggmester", "Murer", "Handel", "Sport",
)
# Trades that a sole proprietor often puts in front of his name in the register ("BYGGMESTER OLE HANSEN").
TITLE_TRADES = ("Byggmester", "Murmester", "Malermester", "Rørlegger", "Snekker", "Frisør", "Tannlege", "Fysioterapeut")
BUSINESS_STEMS = (
    "Nidaros", "Nidar", "Gløshaugen", "Midtbyen", "Bakklandet", "Ila", "Lade", "Lerkendal", "Byåsen", "Moholt",
    "Tyholt", "Ranheim", "Sandmoen", "Sluppen", "Tempe", "Leangen", "Fossegrenda", "Kolstad", "Nardo", "Elgeseter",
    "Trøndelag", "Midt-Norge", "Fjord", "Gauldal", "Orkla", "Stjørdal", "Malvik", "Hommelvik", "Værnes", "Nordre",
    "Søndre", "Nor", "Polar", "Trønder", "Fosen", "Innherred", "Skaun", "Klæbu", "Melhus", "Solsiden", "Brattøra",
)
# Trondheim neighbourhoods, for naming schools and nursing homes in the city.
NEIGHBOURHOODS = ("Byåsen", "Lade", "Moholt", "Tyholt", "Ranheim", "Ila", "Lerkendal", "Kolstad", "Nardo",
                  "Charlottenlund",
                  "Strinda", "Hallset", "Sjetne", "Åsvang", "Ugla", "Romolslia", "Berg", "Rosten", "Stavset", "Nyborg")
BUSINESS_WORDS = (
    "Eiendom", "Drift", "Utleie", "Invest", "Bolig", "Næringsbygg", "Senter", "Handel", "Service", "Mekaniske",
    "Auto", "Hotell", "Restaurant", "Kjøtt", "Bakeri", "Trykkeri", "Tannhelse", "Legesenter", "Eiendomsforvaltning",
    "Sveis", "Plast", "Betong", "Marin", "Logistikk", "Lager", "Treningssenter", "Barnehage",
)
# Grocery and retail chains: each store is its own company (franchise) or a unit of a co-operative, and the
# technician names the store, the register names the company.
CHAINS = ("Rema 1000", "Kiwi", "Coop Extra", "Coop Prix", "Bunnpris", "Joker", "Meny", "Europris", "Spar")
# Words for what a wholesaler or other supplier sells.
SUPPLIER_WORDS = (
    "Elektrogrossist", "El-Engros", "Elektro", "Kabel", "Belysning", "Verktøy", "Maskinutleie", "Stillas", "Lift",
    "Transport", "Bilutleie", "Leasing", "Arbeidsklær", "Sikkerhet", "Data", "IT", "Regnskap", "Forsikring",
    "Drivstoff", "Telekom", "Skilt", "Avfall", "Container", "Kontorrekvisita", "Kurs", "Rekruttering", "Bemanning",
    "Solenergi", "Varmepumpe", "Ladeløsninger", "Automasjon", "Brannvern", "Teknikk",
)
SUPPLIER_STEMS = (
    "Nordic", "Norsk", "Nord", "Scan", "Norden", "Viking", "Polar", "Fjell", "Kyst", "Atlantic", "Midt", "Vest", "Øst",
    "Sør", "Nor", "Elko", "Volt", "Ampere", "Proff", "Total", "Mega", "Alfa", "Omega", "Delta", "Nova", "Linje",
    "Kraft", "Fokus", "Optimal", "Euro", "Inter", "Union", "Direkte", "Smart", "Grønn", "Blå", "Klar", "Rask",
)
# Where a big supplier has regional branches, the technician registers the branch he buys from.
BRANCH_WORDS = ("avd.", "avd", "avdeling", "-")
# The municipality each town belongs to (after the 2020 mergers): a school in Tiller is Trondheim kommune's.
KOMMUNE_OF_TOWN = {
    "Trondheim": "Trondheim", "Heimdal": "Trondheim", "Tiller": "Trondheim", "Saupstad": "Trondheim",
    "Flatåsen": "Trondheim", "Kattem": "Trondheim", "Leinstrand": "Trondheim", "Klæbu": "Trondheim",
    "Hommelvik": "Malvik", "Vikhammer": "Malvik", "Saksvik": "Malvik", "Malvik": "Malvik", "Stjørdal": "Stjørdal",
    "Hell": "Stjørdal", "Melhus": "Melhus", "Kvål": "Melhus", "Ler": "Melhus", "Støren": "Midtre Gauldal",
    "Buvika": "Skaun", "Børsa": "Skaun", "Orkanger": "Orkland", "Fannrem": "Orkland", "Oppdal": "Oppdal",
    "Levanger": "Levanger", "Verdal": "Verdal", "Steinkjer": "Steinkjer", "Frosta": "Frosta", "Åfjord": "Åfjord",
    "Brekstad": "Ørland",
}
# Units of a municipality that order electrical work and are set up as separate customers with the municipality's
# organisation number (the invoice goes to the same legal entity, marked for the unit).
KOMMUNE_UNITS = (
    "skole", "barnehage", "sykehjem", "helsesenter", "omsorgssenter", "idrettshall", "bibliotek", "kulturhus",
    "rådhus", "svømmehall", "bo- og aktivitetssenter", "ungdomsskole", "brannstasjon", "renseanlegg",
)
FREE_MAIL = ("gmail.com", "hotmail.com", "online.no", "outlook.com", "icloud.com", "yahoo.no", "live.no",
             "broadpark.no", "hotmail.no", "getmail.no")
FREE_MAIL_WEIGHTS = (40, 14, 12, 10, 7, 3, 4, 2, 5, 3)
