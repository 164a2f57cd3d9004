"""Vocabulary of the exam twin generator (`twins_exam.py`), kept apart so the generator reads as the model it is.

Postal codes are real Norwegian codes with their poststed as Posten writes them (Kristiansand S, Kristiansund N, Mo i
Rana), street codes and post-box codes apart: the register's postal address is often a box in the same town while
the visiting address has a street code. Weights are rough populations of business customers, so Oslo and Bergen
dominate as they do in a real customer list. Landline prefixes are those of each region (8-digit numbers, no trunk
prefix); mobiles start 4 or 9.
"""

from __future__ import annotations


def _codes(spec: str) -> list[str]:
    """'5003-5018 5020' → the listed codes; ranges only where the codes are dense in reality."""
    out: list[str] = []
    for part in spec.split():
        if "-" in part:
            low, high = part.split("-")
            out += [f"{n:04d}" for n in range(int(low), int(high) + 1)]
        else:
            out.append(part)
    return out


# poststed, weight, landline prefixes, street codes, post-box codes (none where unsure of them)
_TOWN_SPECS: list[tuple[str, int, str, str, str]] = [
    ("Oslo", 40, "21 22 23 24", "0150-0188 0250-0287 0350-0376 0450-0487 0550-0598 0650-0694 0750-0791 0850-0884 "
     "0950-0988 1051-1088 1150-1189 1250-1295", "0101-0135 0601-0614 0901-0915"),
    ("Bergen", 22, "55 56", "5003-5018 5031-5039 5041-5045 5052-5059 5063 5067 5068 5072 5073 5075 5081 5082 5089 "
     "5093-5099 5101-5109 5111 5113-5119 5121 5122 5124 5131 5132 5134-5137 5141-5148 5151-5155 5160-5165 "
     "5170-5174 5183 5184", "5804-5812 5817 5822 5826 5838 5841 5851 5852 5861 5862 5868 5869 5872"),
    ("Nesttun", 3, "55", "5221-5229", "5220"),
    ("Trondheim", 16, "72 73", "7010-7054 7070 7072 7075 7080 7081 7083 7089 7091 7092 7093 7097 7098",
     "7400-7403 7405-7408 7410 7411 7413 7414 7416-7419 7420 7424 7425 7427 7428 7429 7430 7432 7433 7434 7435"),
    ("Stavanger", 12, "51", "4005-4036 4041-4049 4068 4069 4076 4077 4079 4081-4085", "4001-4004"),
    ("Sandnes", 6, "51", "4306-4309 4311-4329", "4301-4305"),
    ("Sola", 3, "51", "4050 4051 4055", ""),
    ("Kristiansand S", 8, "38", "4608-4639", "4601-4606"),
    ("Tromsø", 7, "77", "9006-9019 9037 9038", "9251-9260"),
    ("Drammen", 7, "31 32", "3011-3048", "3001-3008"),
    ("Fredrikstad", 6, "69", "1605-1619 1630 1632-1639", "1601-1604"),
    ("Sarpsborg", 4, "69", "1706-1715 1721-1727", "1701-1703"),
    ("Hamar", 4, "62", "2315-2319 2325 2326", "2301-2309"),
    ("Lillehammer", 3, "61", "2603-2609 2611 2613-2619", "2601 2602"),
    ("Gjøvik", 3, "61", "2815-2819", "2801-2811"),
    ("Ålesund", 6, "70", "6002-6026", "6001"),
    ("Molde", 3, "71", "6402-6416 6419 6421", "6401"),
    ("Kristiansund N", 2, "71", "6507-6518", "6501"),
    ("Bodø", 5, "75", "8003-8016 8019-8023", "8001 8002"),
    ("Narvik", 2, "76", "8504-8510 8512-8518", "8501"),
    ("Harstad", 2, "77", "9404-9409 9414-9416", "9401"),
    ("Alta", 2, "78", "9505-9518", "9501"),
    ("Haugesund", 4, "52", "5511 5512 5514-5518 5521-5523 5525 5527-5529 5531-5538", "5501-5504"),
    ("Skien", 4, "35", "3703-3744", "3701 3702"),
    ("Porsgrunn", 3, "35", "3904-3911 3913-3922", "3901 3902"),
    ("Tønsberg", 4, "33", "3103-3106 3109-3112 3114-3119 3121-3126", "3101 3102"),
    ("Sandefjord", 4, "33", "3204-3241", "3201-3203"),
    ("Larvik", 3, "33", "3256-3265 3267-3271 3274-3277", "3251 3252"),
    ("Moss", 3, "69", "1506-1519 1522-1524 1526 1528-1539", "1501-1503"),
    ("Halden", 2, "69", "1760 1763-1769 1771 1772 1776-1779", "1751"),
    ("Lillestrøm", 4, "63 64", "2000 2003 2004", "2001"),
    ("Strømmen", 2, "63 64", "2010 2011", ""),
    ("Jessheim", 3, "63", "2050 2052 2053", "2051"),
    ("Sandvika", 4, "67", "1337 1338", "1300-1306"),
    ("Lysaker", 3, "67", "1366", "1324-1327"),
    ("Fornebu", 2, "67", "1360 1364", "1330"),
    ("Asker", 3, "66", "1383-1387", "1371-1373"),
    ("Ski", 3, "64", "1400", "1401"),
    ("Kolbotn", 2, "66", "1410 1411 1418", ""),
    ("Lørenskog", 2, "67", "1470 1473 1478", "1471"),
    ("Hønefoss", 2, "32", "3503-3507 3510-3519", "3501"),
    ("Kongsberg", 2, "32", "3602-3606 3608-3619", "3601"),
    ("Arendal", 3, "37", "4836 4838 4839 4841-4844 4846-4848", "4801-4804"),
    ("Grimstad", 2, "37", "4876-4879", ""),
    ("Mandal", 1, "38", "4513-4517", "4501"),
    ("Egersund", 1, "51", "4370 4372 4373 4374", "4371"),
    ("Bryne", 2, "51", "4340 4341", ""),
    ("Førde", 2, "57", "6800 6803 6804 6807", "6801"),
    ("Stord", 2, "53", "5403 5404 5409 5416", "5401"),
    ("Voss", 1, "56", "5700 5703-5707", "5701"),
    ("Elverum", 2, "62", "2402-2412 2414 2416 2418 2419", "2401"),
    ("Kongsvinger", 2, "62", "2203-2206 2208 2209 2211-2214", "2201"),
    ("Horten", 2, "33", "3186-3190 3192-3194", ""),
    ("Stjørdal", 2, "74", "7500 7502 7503", "7501"),
    ("Mo i Rana", 2, "75", "8610 8613-8618 8622", "8601"),
    ("Steinkjer", 1, "74", "7713-7718", "7701"),
    ("Hammerfest", 1, "78", "9600 9602 9603", "9601"),
    ("Kirkenes", 1, "78", "9900", "9915"),
    ("Svolvær", 1, "76", "8300", "8301"),
    ("Florø", 1, "57", "6900", "6901"),
]

TOWNS: list[tuple[str, int, list[str], list[str], list[str]]] = [
    (city, weight, prefixes.split(), _codes(streets), _codes(boxes))
    for city, weight, prefixes, streets, boxes in _TOWN_SPECS
]
# what a dispatcher types for a poststed of the area: the big town, not the suburb's own poststed
TYPED_TOWN = {"Nesttun": "Bergen", "Sola": "Stavanger", "Strømmen": "Lillestrøm", "Lysaker": "Oslo", "Fornebu": "Oslo",
              "Kolbotn": "Oslo", "Kristiansand S": "Kristiansand", "Kristiansund N": "Kristiansund"}

SURNAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
            "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
            "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Gundersen",
            "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken",
            "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Lunde", "Solheim", "Berge",
            "Moe", "Nygård", "Bakke", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Knudsen", "Evensen",
            "Sæther", "Aas", "Myhre", "Haugland", "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Sandvik",
            "Rønning", "Arnesen", "Næss", "Vik", "Ellingsen", "Thorsen", "Birkeland", "Isaksen", "Ruud", "Strøm",
            "Myklebust", "Tangen", "Ødegård", "Helland", "Bøe", "Aune", "Brekke", "Tveit", "Løken", "Sletten",
            "Grønvold", "Kvam", "Ahmed", "Ali", "Kowalski", "Nowak", "Kazlauskas", "Hussain", "Vestrheim", "Fossum"]
FIRST_NAMES = ["Ole", "Lars", "Jan", "Per", "Bjørn", "Kjell", "Knut", "Arne", "Svein", "Geir", "Terje", "Morten",
               "Jonas", "Magnus", "Henrik", "Sindre", "Eirik", "Kristian", "Tor", "Rune", "Stian", "Espen", "Øyvind",
               "Anne", "Kari", "Ingrid", "Marit", "Hilde", "Silje", "Ida", "Nora", "Camilla", "Tone", "Åse",
               "Tomasz", "Piotr", "Mindaugas", "Ahmed", "Thanh", "Håkon", "Ståle", "Pål", "Vegard", "Trond"]
# trade words as the register has them, with the shorter word people type for some
TRADES: list[tuple[str, str]] = [
    ("Bygg", "Bygg"), ("Byggservice", "Bygg"), ("Elektro", "Elektro"), ("Elektroinstallasjon", "Elektro"),
    ("Rørleggerbedrift", "Rør"), ("Rør", "Rør"), ("VVS", "VVS"), ("Maskin", "Maskin"),
    ("Maskinentreprenør", "Maskin"), ("Transport", "Transport"), ("Tak", "Tak"), ("Blikkenslager", "Blikk"),
    ("Malerfirma", "Maler"), ("Maler", "Maler"), ("Ventilasjon", "Vent"), ("Kulde", "Kulde"),
    ("Varmepumpeservice", "Varmepumpe"), ("Eiendom", "Eiendom"), ("Snekkerverksted", "Snekker"),
    ("Tømrer", "Tømrer"), ("Murmester", "Mur"), ("Anlegg", "Anlegg"), ("Graving", "Graving"),
    ("Låsservice", "Lås"), ("Heis", "Heis"), ("Brannsikring", "Brann"), ("Renhold", "Renhold"),
    ("Vaktmesterservice", "Vaktmester"), ("Eiendomsdrift", "Drift"), ("Entreprenør", "Entreprenør"),
    ("Glass", "Glass"), ("Flis", "Flis"), ("Automasjon", "Automasjon"), ("Sikkerhet", "Sikkerhet"),
    ("Kran", "Kran"), ("Hotell", "Hotell"), ("Tannklinikk", "Tannklinikk"), ("Regnskap", "Regnskap"),
    ("Bilverksted", "Bil"), ("Dagligvare", "Dagligvare"), ("Kjøkken", "Kjøkken"), ("Trafikkskole", "Trafikkskole"),
]
AREAS = ["Fana", "Åsane", "Sotra", "Nordhordland", "Sunnmøre", "Romsdal", "Jæren", "Ryfylke", "Helgeland",
         "Lofoten", "Vesterålen", "Finnmark", "Troms", "Hedmark", "Toten", "Hadeland", "Ringerike", "Follo",
         "Romerike", "Østfold", "Vestfold", "Telemark", "Agder", "Sørlandet", "Nordfjord", "Sogn", "Hardanger",
         "Valdres", "Gudbrandsdal", "Østerdal", "Namdal", "Innherred", "Fosen", "Orkla", "Salten", "Ofoten",
         "Karmøy", "Haugaland", "Sunnhordland", "Dalane", "Grenland", "Numedal", "Hallingdal", "Nidaros",
         "Grorud", "Nydalen", "Lade", "Tiller", "Heimdal", "Madla", "Hinna", "Sandsli", "Bjerke", "Ullern"]
BRANDS = ["Nordic", "Polar", "Prima", "Optimal", "Total", "Proff", "Smart", "Solid", "Trygg", "Presis", "Topp",
          "Vest", "Nord", "Midt", "Alfa", "Delta", "Omega", "Atlant", "Kyst", "Fjell", "Fjord", "Vidde", "Furu",
          "Bjørk", "Eik", "Lind", "Tind", "Bre", "Stein", "Malm", "Lys", "Klima", "Nova", "Linje", "Kvadrat",
          "Hjørnestein", "Grunnmur", "Fyrlykt", "Brygge", "Nøkkel", "Sirkel", "Pilar", "Varde", "Anker", "Kompass"]
FOREIGN_WORDS = ["Baltic", "Nordisk", "Scandi", "Euro", "Svensk", "Dansk", "Polska", "Lietuvos", "Global", "Nord"]
FOREIGN_SUFFIX = [("AB", "+46"), ("ApS", "+45"), ("Sp. z o.o.", "+48"), ("UAB", "+370"), ("Ltd", "+44"),
                  ("GmbH", "+49"), ("OÜ", "+372")]
STREETS = ["Storgata", "Kirkegata", "Strandveien", "Skoleveien", "Fjellveien", "Parkveien", "Solbakken",
           "Granveien", "Bjørkeveien", "Sjøgata", "Industriveien", "Nygårdsgaten", "Torggata", "Haugeveien"]
FREEMAIL = ["gmail.com", "online.no", "hotmail.com", "outlook.com", "icloud.com", "live.no", "yahoo.no"]
ROLE_MAILBOXES = ["post", "faktura", "firmapost", "regnskap", "kontor", "invoice", "mail", "ordre"]
# property managers and accountants receive mail for many clients: one address, many companies
MANAGERS = ["Boligforvaltning", "Eiendomsforvaltning", "Sameieforvaltning"]
ACCOUNTANTS = ["Regnskapskontor", "Regnskap", "Økonomi", "Regnskapsbyrå"]
COOPS = ["Samvirkelag", "Maskinring", "Kraftlag", "Vannverk", "Kornlag", "Bygdeservice"]
ASSOCIATIONS = ["Idrettslag", "Sanitetsforening", "Velforening", "Skytterlag", "Menighet"]
