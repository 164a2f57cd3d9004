"""Word lists for the vault twin generator: an Oslo and Akershus lift service firm's customers and suppliers.

Names are invented (managers, chains, wholesalers are look-alikes, not real firms); places and postal codes are real
enough that a reader from Oslo would recognise them.
"""

from __future__ import annotations

STEMS = [
    "Tåsen", "Kjelsås", "Grefsen", "Sagene", "Bislett", "Frogner", "Majorstua", "Vinderen", "Ullevål", "Blindern",
    "Torshov", "Sinsen", "Løren", "Økern", "Helsfyr", "Bryn", "Etterstad", "Vålerenga", "Kampen", "Tøyen",
    "Grønland", "Gamlebyen", "Ekeberg", "Nordstrand", "Ljan", "Holmlia", "Mortensrud", "Bøler", "Oppsal", "Manglerud",
    "Lambertseter", "Hauketo", "Haugerud", "Furuset", "Romsås", "Grorud", "Stovner", "Vestli", "Linderud", "Veitvet",
    "Ammerud", "Kalbakken", "Risløkka", "Høyenhall", "Ulven", "Nydalen", "Storo", "Korsvoll", "Røa", "Smestad",
    "Montebello", "Ullern", "Skøyen", "Bygdøy", "Tjuvholmen", "Bjørvika", "Lodalen", "Kværner", "Slemdal", "Holmen",
    "Sandvika", "Bekkestua", "Stabekk", "Lysaker", "Fornebu", "Høvik", "Jar", "Kolsås", "Rykkinn", "Bærums Verk",
    "Asker", "Heggedal", "Vollen", "Lillestrøm", "Strømmen", "Kjeller", "Skedsmokorset", "Lørenskog", "Fjellhamar",
    "Rælingen", "Fjerdingby", "Ski", "Langhus", "Kolbotn", "Oppegård", "Ås", "Drøbak", "Jessheim", "Kløfta",
    "Nittedal", "Hagan", "Fagerstrand", "Nesoddtangen", "Bjørnemyr", "Solbakken", "Lindeberg", "Tveita", "Hellerud",
    "Solvang", "Bjerke", "Lindern", "Fagerborg", "Homansbyen", "Adamstuen", "Marienlyst", "Steinerud", "Heggeli",
    "Furulund", "Granly", "Fjellsiden", "Sjøsiden", "Elvebredden", "Bekkelaget", "Solsiden", "Lia", "Tårnåsen",
]
RESIDENTIAL_SUFFIXES = ["Terrasse", "Park", "Hageby", "Tun", "Gård", "Hus", "Blokk", "Hage", "Panorama", "Torg",
                        "Brygge", "Høyde", "Lunden", "Allé"]
STREETS = [
    "Kirkeveien", "Trondheimsveien", "Ullevålsveien", "Sognsveien", "Maridalsveien", "Thereses gate", "Bogstadveien",
    "Hegdehaugsveien", "Bygdøy allé", "Drammensveien", "Hoffsveien", "Ullernchausséen", "Økernveien", "Tvetenveien",
    "Ekebergveien", "Kongsveien", "Lambertseterveien", "Enebakkveien", "Grorudveien", "Stovnerveien",
    "Waldemar Thranes gate", "Toftes gate", "Seilduksgata", "Schweigaards gate", "Gladengveien", "Brynsveien",
    "Nydalsveien", "Sandakerveien",
    "Kjelsåsveien", "Grefsenveien", "Sørkedalsveien", "Vækerøveien", "Lysaker Torg", "Sandviksveien",
    "Strandveien", "Storgata", "Kongens gate", "Dronningens gate", "Pilestredet", "Akersgata", "Prinsens gate",
    "Skedsmogata", "Jernbanegata", "Solheimveien", "Gamle Drammensvei", "Åsveien", "Stasjonsveien", "Bekkeveien",
    "Fjellveien", "Løkkeveien", "Parkveien", "Hagegata", "Tollbugata", "Rådhusgata", "Munkedamsveien",
]
FIRST_NAMES = ["Ola", "Kari", "Per", "Anne", "Jan", "Ingrid", "Lars", "Marit", "Knut", "Hilde", "Bjørn", "Silje",
               "Terje", "Nina", "Geir", "Tone", "Arne", "Mona", "Øyvind", "Åse", "Rune", "Lene", "Tor", "Sissel",
               "Espen", "Heidi", "Morten", "Camilla", "Stian", "Mari", "Jørgen", "Trine", "Ahmed", "Fatima",
               "Piotr", "Agnieszka", "Ali", "Sara", "Mohammed", "Linh"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
              "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
              "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen",
              "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
              "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rønning", "Ødegård", "Aas",
              "Khan", "Ali", "Nowak", "Bråthen", "Sæther", "Myhre", "Tangen", "Holm", "Vik"]
TRADES = ["Bakeri", "Restaurantdrift", "Bilverksted", "Lager og Logistikk", "Trykkeri", "Tannlegesenter",
          "Kontorfellesskap", "Treningssenter", "Kjøkken", "Blomster", "Møbler", "Regnskap", "Advokatfirma",
          "Rørleggerbedrift", "Frisør", "Kafé", "Catering", "Optikk", "Bilutleie", "Data"]
FORMS = ["AS"] * 12 + ["ASA", "ANS", "DA", "SA"]

# Property managers: (name, e-mail domain, switchboard, invoice postal code, city). Each concentrates the invoice
# addresses of hundreds of co-operatives on one post box.
MANAGERS = [
    ("Fellesbo Forvaltning AS", "fellesbo.no", "22865500", "0613", "Oslo"),
    ("Oslo Boligforvaltning AS", "oslobolig.no", "22984000", "0107", "Oslo"),
    ("Akershus Boligbyggelag", "abbl.no", "67104500", "1302", "Sandvika"),
    ("Romerike Boligforvaltning AS", "romerikebolig.no", "63805200", "2001", "Lillestrøm"),
    ("Vika Eiendomsforvaltning AS", "vikaforvaltning.no", "23136600", "0114", "Oslo"),
    ("Sameieservice Oslo AS", "sameieservice.no", "21042200", "0161", "Oslo"),
    ("Follo Forvaltning AS", "follobolig.no", "64866000", "1401", "Ski"),
    ("Bydel Boligpartner AS", "boligpartner.no", "22702800", "0506", "Oslo"),
]

# Municipalities and public bodies: (name, e-mail domain, switchboard, invoice postal code, city, agencies).
# An agency's units (schools, nursing homes) invoice under the agency's organisation number.
MUNICIPALITIES = [
    ("Oslo kommune", "oslo.kommune.no", "21802180", "0037", "Oslo",
     ["Utdanningsetaten", "Sykehjemsetaten", "Kulturetaten", "Boligbygg Oslo KF", "Bymiljøetaten"]),
    ("Bærum kommune", "baerum.kommune.no", "67504050", "1304", "Sandvika", ["Bærum kommune"]),
    ("Asker kommune", "asker.kommune.no", "66909000", "1372", "Asker", ["Asker kommune"]),
    ("Lillestrøm kommune", "lillestrom.kommune.no", "66938000", "2001", "Lillestrøm", ["Lillestrøm kommune"]),
    ("Lørenskog kommune", "lorenskog.kommune.no", "67934000", "1471", "Lørenskog", ["Lørenskog kommune"]),
    ("Nordre Follo kommune", "nfk.no", "64856000", "1401", "Ski", ["Nordre Follo kommune"]),
    ("Ullensaker kommune", "ullensaker.kommune.no", "66108000", "2051", "Jessheim", ["Ullensaker kommune"]),
    ("Nesodden kommune", "nesodden.kommune.no", "66964000", "1451", "Nesoddtangen", ["Nesodden kommune"]),
    ("Oslo universitetssykehus HF", "ous-hf.no", "91502770", "0424", "Oslo", ["Oslo universitetssykehus HF"]),
]
# Where each municipality's units stand: (postal code, place) and the place names its units are called after.
MUNICIPAL_PLACES = {
    "Bærum kommune": ["Sandvika", "Bekkestua", "Stabekk", "Lysaker", "Fornebu", "Høvik", "Jar", "Kolsås",
                      "Bærums Verk"],
    "Asker kommune": ["Asker", "Heggedal", "Vollen"],
    "Lillestrøm kommune": ["Lillestrøm", "Strømmen", "Kjeller", "Skedsmokorset", "Frogner"],
    "Lørenskog kommune": ["Lørenskog", "Fjellhamar"],
    "Nordre Follo kommune": ["Ski", "Siggerud", "Kolbotn", "Oppegård"],
    "Ullensaker kommune": ["Jessheim", "Kløfta"],
    "Nesodden kommune": ["Nesoddtangen", "Bjørnemyr"],
}
AGENCY_UNITS = {
    "Utdanningsetaten": ["skole", "skole", "ungdomsskole", "videregående skole", "idrettshall"],
    "Sykehjemsetaten": ["sykehjem", "sykehjem", "bo- og behandlingssenter", "helsehus"],
    "Kulturetaten": ["bibliotek", "kulturhus", "kulturscene"],
    "Bymiljøetaten": ["svømmehall", "bad", "parkeringshus"],
}
MUNICIPAL_UNITS = ["skole", "ungdomsskole", "sykehjem", "barnehage", "helsehus", "svømmehall", "bibliotek",
                   "omsorgsboliger", "idrettshall", "kulturhus", "bo- og behandlingssenter"]
OSLO_BYDELER = ["Frogner", "St. Hanshaugen", "Sagene", "Grünerløkka", "Gamle Oslo", "Nordstrand", "Søndre Nordstrand",
                "Østensjø", "Alna", "Stovner", "Grorud", "Bjerke", "Nordre Aker", "Vestre Aker", "Ullern"]
HOSPITAL_UNITS = ["Rikshospitalet", "Ullevål", "Aker", "Radiumhospitalet"]
HOSPITAL_DEPARTMENTS = ["Teknisk drift", "Eiendom", "Bygg 2", "Driftssentralen"]

# Chains: (brand, e-mail domain, central invoice box). Each shop is its own company, often a franchisee's.
CHAINS = [("Kvartalsmat", "kvartalsmat.no"), ("Nærbutikken", "naerbutikken.no"), ("Byggmakker", "byggmakker.no"),
          ("Sportshuset", "sportshuset.no"), ("Apotek Helse", "apotekhelse.no"), ("Kaffebrenneriet Nord", "kbn.no"),
          ("Møbelgiganten", "mobelgiganten.no")]
HOTEL_CHAINS = ["Nordic Stay", "Fjordhotell", "Citybo", "Scandinavia Inn"]
CENTRE_WORDS = ["Senter", "Storsenter", "Kjøpesenter", "Handlesenter"]
PRIVATE_DOMAINS = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no",
                   "icloud.com", "yahoo.no"]

# Suppliers in the field: what technicians buy, drive on and subcontract.
SUPPLIER_OPERATIONAL = ["Heiskomponenter", "Nordic Lift Parts", "Wire og Løft", "Elektrogrossisten", "Låsgrossisten",
                        "Stål og Profil", "Verktøyhuset", "Stillasutleie", "Kranservice", "Bilpleie"]
SUPPLIER_SUBCONTRACT = ["Elektro", "Stillas", "Bygg og Montasje", "Sveis", "Maling", "Rør", "Låsservice",
                        "Transport", "Riving"]
SUPPLIER_UTILITY = [("Fjordbensin Norge AS", "fjordbensin.no"), ("Telefjord Norge AS", "telefjord.no"),
                    ("Nordkyst Forsikring ASA", "nordkyst.no"), ("Mobilnett AS", "mobilnett.no"),
                    ("Drivstoffkortet Norge AS", "dskort.no"), ("Vaktsentralen Alarm AS", "vaktsentralen.no")]
FOREIGN_SUPPLIERS = [("Aufzugteile Süd GmbH", "aufzugteile.de", "+49", "81379", "München"),
                     ("Liftronic Srl", "liftronic.it", "+39", "20121", "Milano"),
                     ("Hissdelar Sverige AB", "hissdelar.se", "+46", "41104", "Göteborg"),
                     ("KoneParts Oy", "koneparts.fi", "+358", "00100", "Helsinki"),
                     ("Elevator Doors Ltd", "elevatordoors.co.uk", "+44", "B1 1AA", "Birmingham")]
# Back-office suppliers: the accountant keeps them in Tripletex only.
SUPPLIER_BACKOFFICE = ["Regnskapskontor", "Revisjon", "IT-drift", "Renhold", "Kontorrekvisita", "Kantine",
                       "Advokatfirma", "Bedriftshelsetjeneste", "Kurs og Kompetanse", "Eiendom", "Leasing",
                       "Budservice", "Programvare", "Rekruttering"]

# Postal codes by district: (first code, last code, city). Site addresses spread over all of them.
OSLO_RANGES = [(150, 191), (250, 287), (350, 379), (450, 491), (550, 596), (650, 694), (750, 791), (850, 892),
               (950, 988), (1050, 1088), (1150, 1188), (1250, 1295)]
AKERSHUS_PLACES = [("1337", "Sandvika"), ("1338", "Sandvika"), ("1357", "Bekkestua"), ("1369", "Stabekk"),
                   ("1366", "Lysaker"), ("1364", "Fornebu"), ("1363", "Høvik"), ("1358", "Jar"), ("1352", "Kolsås"),
                   ("1353", "Bærums Verk"), ("1384", "Asker"), ("1385", "Asker"), ("1389", "Heggedal"),
                   ("1390", "Vollen"), ("2000", "Lillestrøm"), ("2004", "Lillestrøm"), ("2010", "Strømmen"),
                   ("2020", "Skedsmokorset"), ("2007", "Kjeller"), ("1470", "Lørenskog"), ("1472", "Fjellhamar"),
                   ("1400", "Ski"), ("1404", "Siggerud"), ("1410", "Kolbotn"), ("1415", "Oppegård"),
                   ("1430", "Ås"), ("1440", "Drøbak"), ("1450", "Nesoddtangen"), ("2050", "Jessheim"),
                   ("2040", "Kløfta"), ("1482", "Nittedal"), ("1481", "Hagan"), ("1473", "Lørenskog"),
                   ("2016", "Frogner"), ("1453", "Bjørnemyr")]
OSLO_BOXES = [(101, 139), (601, 623), (801, 806), (901, 905)]  # post box codes: where invoice addresses gather
AKERSHUS_BOXES = [("1302", "Sandvika"), ("1326", "Lysaker"), ("1371", "Asker"), ("2001", "Lillestrøm"),
                  ("1401", "Ski"), ("1471", "Lørenskog"), ("2051", "Jessheim"), ("1411", "Kolbotn")]
TRANSLIT = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "AE", "Ø": "O", "Å": "AA", "é": "e", "ü": "u"}
