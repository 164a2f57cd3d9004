"""Word lists for the harbour twin generator: a cleaning and facility-services firm in Bergen and Vestland.

Kept apart from the generator so the rules stay readable. Postal codes are Bergen and Vestland codes with the place
the postal register gives them; names are common Norwegian and Vestland names.
"""

from __future__ import annotations

FEMALE = ["Kari", "Ingrid", "Anne", "Marit", "Liv", "Hilde", "Silje", "Ida", "Nora", "Emma", "Sara", "Camilla",
          "Marianne", "Kristin", "Tone", "Randi", "Solveig", "Guro", "Astrid", "Synnøve", "Åse", "Bjørg", "Ragnhild",
          "Sølvi", "Mette", "Line", "Heidi", "Siri", "Eli", "Berit", "Gunn", "Torill", "Vigdis", "Maren", "Thea",
          "Julie", "Hanne", "Elisabeth", "Agnes", "Fatima", "Anna", "Maria", "Karin", "Turid", "Ellen"]
MALE = ["Ole", "Per", "Jan", "Lars", "Knut", "Arne", "Bjørn", "Geir", "Tor", "Svein", "Terje", "Hans", "Nils",
        "Kjetil", "Øyvind", "Ståle", "Håkon", "Espen", "Morten", "Rune", "Trond", "Jostein", "Sindre", "Magnus",
        "Erlend", "Eirik", "Aksel", "Sverre", "Øystein", "Jørgen", "Leif", "Odd", "Kåre", "Atle", "Frode", "Helge",
        "Vidar", "Roy", "Stian", "Thomas", "Martin", "Andreas", "Mohammed", "Piotr", "Ali"]
MIDDLE = ["Marie", "Elisabeth", "Johanne", "Kristine", "Helene", "Margrethe", "Sofie", "Louise", "Andreas", "Johan",
          "Kristian", "Olav", "Martin", "Magne", "Inge", "Aleksander", "Emil", "Nikolai"]
SURNAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
            "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Johannessen", "Andreassen", "Jacobsen",
            "Dahl", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Moen", "Iversen", "Strand", "Solberg", "Eide",
            "Knutsen", "Martinsen", "Paulsen", "Bakken", "Mathisen", "Lie", "Rasmussen", "Lunde", "Solheim",
            "Nygård", "Bakke", "Kvamme", "Haugland", "Tveit", "Hatlestad", "Skeie", "Mjelde", "Bergesen", "Mikalsen",
            "Vik", "Fosse", "Garnes", "Brekke", "Hopland", "Helland", "Myklebust", "Fjeldstad", "Aase", "Sandvik",
            "Monsen", "Hauge", "Rong", "Tvedt", "Skår", "Ådland", "Østervold", "Søvik", "Hjelle", "Lygre", "Mæland",
            "Toft", "Valle", "Hordnes", "Nesse", "Kolstad", "Birkeland", "Dale", "Instebø", "Hella", "Øvretveit",
            "Fanebust", "Thorsen", "Nordtveit", "Kleppe", "Totland", "Nøttveit", "Espeland", "Sævareid", "Øen",
            "Ulvestad", "Wiik", "Ahmed", "Khan", "Nowak", "Hussain", "Tran", "Nguyen", "Yilmaz", "Kowalski",
            "Gjertsen", "Torsvik", "Hovland", "Gullaksen", "Fjellheim", "Sælen", "Rødland", "Stokke", "Engelsen"]
COMMON_SURNAMES = SURNAMES[:12]  # drawn far more often, as in any Norwegian register

# Name stems for organisations: Bergen districts and landmarks, Vestland places, invented words.
STEMS = ["Fana", "Åsane", "Laksevåg", "Sandviken", "Nordnes", "Minde", "Fyllingsdalen", "Loddefjord", "Nesttun",
         "Paradis", "Hop", "Kokstad", "Sandsli", "Straume", "Knarvik", "Kleppestø", "Osøyro", "Voss", "Arna",
         "Landås", "Kronstad", "Møhlenpris", "Nygård", "Solheimsviken", "Damsgård", "Olsvik", "Godvik", "Hjellestad",
         "Rådal", "Lagunen", "Bønes", "Slettebakken", "Tertnes", "Eidsvåg", "Nyborg", "Ulset", "Ytrebygda",
         "Årstad", "Ulriken", "Fløyen", "Lyderhorn", "Løvstakken", "Sotra", "Bildøy", "Ågotnes", "Lonevåg",
         "Bryggen", "Vågen", "Fjordgløtt", "Havnekanten", "Kaigaten", "Skuteviken", "Solsiden", "Vestkyst",
         "Nordsjø", "Havbris", "Kystlys", "Fjellsiden", "Bergenhus", "Torget", "Festplassen", "Vestland", "Hordaland",
         "Bergensia", "Nordhordland", "Sunnhordland", "Hardanger", "Bjørnafjord", "Askøy", "Osterøy", "Austevoll",
         "Fitjar", "Stord", "Norheimsund", "Dale", "Stanghelle", "Isdalstø", "Frekhaug", "Manger", "Mongstad",
         "Tysnes", "Sund", "Vaksdal", "Fedje", "Masfjord", "Granvin", "Ulvik", "Odda", "Rosendal", "Husnes",
         "Kvinnherad", "Eikelandsosen", "Hosanger", "Fjell", "Nordre", "Søndre", "Vestre", "Østre", "Midtbyen",
         "Skansen", "Sydnes", "Marken", "Klostergaten", "Strandkaien", "Kalfaret", "Haukeland", "Breistein",
         "Salhus", "Hylkje", "Morvik", "Flaktveit", "Rolland", "Mjølkeråen", "Kjøkkelvik", "Hetlevik", "Florvåg"]
STREETS = ["Kokstadvegen", "Sandslimarka", "Fjøsangerveien", "Kanalveien", "Nesttunvegen", "Åsamyrane",
           "Myrdalsvegen", "Lars Hilles gate", "Strandgaten", "Kong Oscars gate", "Damsgårdsveien",
           "Michael Krohns gate", "Inndalsveien", "Storetveitvegen", "Hardangervegen",
           "Folke Bernadottes vei", "Ytrebygdsvegen",
           "Liamyrane", "Salhusvegen", "Olav Kyrres gate", "Christies gate", "Nygårdsgaten", "Kalfarveien",
           "Nordåsvegen", "Sandbrekkeveien", "Fyllingsveien", "Loddefjordveien", "Straumeveien", "Kleppeveien",
           "Sotraveien", "Knarvikvegen", "Osvegen", "Ulsetskogen", "Hesthaugvegen", "Vestre Torggaten"]
FORMS = ["AS"] * 86 + ["DA", "ANS", "ANS", "SA", "ASA", "AS"] + ["ENK"] * 8  # ENK: no suffix, owner's name in it

TRADES = {  # per kind: registered trade words; several near-synonyms make near-identical names arise naturally
    "office": ["Regnskap", "Regnskapskontor", "Regnskapsservice", "Revisjon", "Rådgivning", "Consulting", "IT",
               "Data", "Arkitekter", "Eiendomsmegling", "Forsikringsmegling", "Reklamebyrå", "Marine", "Shipping",
               "Offshore", "Engineering", "Økonomi", "Prosjektledelse", "Kommunikasjon", "Teknologi", "Subsea",
               "Advokatfirma", "Advokatkontor", "Tolketjeneste", "Design", "Landmåling", "Ingeniørtjenester"],
    "landlord": ["Eiendom", "Næringseiendom", "Næringsbygg", "Eiendomsselskap", "Invest", "Gårdeierselskap",
                 "Holding", "Utleie", "Senter"],
    "shop": ["Blomster", "Optikk", "Frisør", "Interiør", "Sko", "Sport", "Bok", "Gull og Ur", "Dagligvare",
             "Bakeri", "Kafé", "Dyrebutikk", "Mote", "Helsekost", "Elektronikk", "Apotekdrift", "Jernvare",
             "Hudpleie", "Treningssenter", "Konditori", "Vinbar"],
    "practice": ["Tannlegesenter", "Tannklinikk", "Tannhelse", "Legesenter", "Legekontor", "Fysioterapi",
                 "Kiropraktikk", "Psykologsenter", "Dyreklinikk", "Hudklinikk", "Øyelegesenter", "Helsehus"],
    "hotel": ["Hotell", "Hotelldrift", "Gjestehus", "Fjordhotell", "Overnatting", "Konferansesenter"],
    "construction": ["Bygg", "Byggservice", "Entreprenør", "Byggmester", "Anlegg", "Totalentreprise",
                     "Betong", "Prosjekt", "Rehabilitering", "Tømrer", "Elektro", "Rør", "Maler"],
    "institution": ["Barnehage", "Friskole", "Montessoriskole", "Kristne Skole", "Naturbarnehage",
                    "Familiebarnehage", "Idrettslag", "Menighet", "Bibliotek"],
}
SUPPLIER_TRADES = {  # what the firm buys, and whether field staff ever see the supplier
    "chemicals": ["Renholdsprodukter", "Kjemi", "Hygiene", "Renhold Engros", "Rengjøringsmidler"],
    "machines": ["Maskin", "Renholdsmaskiner", "Maskinservice", "Gulvmaskiner"],
    "workwear": ["Arbeidsklær", "Profilklær", "Verneutstyr"],
    "staffing": ["Bemanning", "Personal", "Vikarservice", "Rekruttering"],
    "vehicles": ["Bil", "Bilsenter", "Varebil", "Dekk"],
    "fuel": ["Energi", "Drivstoff", "Olje"],
    "telecom": ["Telecom", "Mobil", "Nett"],
    "insurance": ["Forsikring", "Forsikringsmegling"],
    "other": ["Kontorrekvisita", "Trykkeri", "Vaskeri", "Matteservice", "Avfall", "Skilt", "Regnskapsbyrå"],
}
FOREIGN_SUPPLIERS = [  # machine and chemicals makers abroad: no Norwegian organisation number
    ("Städmaskiner Norden AB", "41104", "Göteborg", "+46 31 ", "se"),
    ("Nordic Cleaning Solutions AB", "21119", "Malmö", "+46 40 ", "se"),
    ("Rengøringsgrossisten A/S", "8000", "Aarhus C", "+45 86 ", "dk"),
    ("Hygiene Partner ApS", "5000", "Odense C", "+45 66 ", "dk"),
    ("Reinigungstechnik Nord GmbH", "20095", "Hamburg", "+49 40 ", "de"),
    ("Svensk Mikrofiber AB", "50630", "Borås", "+46 33 ", "se"),
]

MUNICIPAL_TYPES = ["skole", "barnehage", "helsestasjon", "sjukeheim", "bydelshus", "idrettshall", "symjehall",
                   "bu- og servicesenter", "ungdomsskule", "legevakt"]
NYNORSK = {"skole": "skule", "sjukeheim": "sykehjem", "symjehall": "svømmehall", "ungdomsskule": "ungdomsskole"}
MUNICIPALITIES = {  # name: (weight, unit places, postal codes of its units)
    "Bergen": (10, ["Landås", "Fana", "Åsane", "Laksevåg", "Sandviken", "Nordnes", "Minde", "Fyllingsdalen",
                    "Loddefjord", "Nesttun", "Paradis", "Hop", "Kronstad", "Møhlenpris", "Olsvik", "Godvik",
                    "Hjellestad", "Rådal", "Bønes", "Slettebakken", "Tertnes", "Eidsvåg", "Nyborg", "Ulset",
                    "Ytrebygda", "Årstad", "Ulriken", "Skansen", "Sydnes", "Kalfaret", "Haukeland", "Breistein",
                    "Salhus", "Hylkje", "Morvik", "Flaktveit", "Rolland", "Mjølkeråen", "Kjøkkelvik", "Arna",
                    "Garnes", "Ytre Arna", "Indre Arna", "Haukås", "Kringlebotn", "Søreide", "Skjold", "Nattland",
                    "Kirkevoll", "Storetveit", "Sædal", "Lone", "Bjørndal", "Gimle", "Krohnengen", "Rothaugen",
                    "Christi Krybbe", "Varden", "Lyshovden", "Riple", "Danielsen", "Ortun", "Seljedal", "Råtun"],
               ["5009", "5018", "5031", "5034", "5052", "5055", "5072", "5089", "5107", "5113", "5115", "5131",
                "5136", "5141", "5147", "5152", "5161", "5172", "5179", "5221", "5224", "5231", "5235", "5243",
                "5251", "5253", "5259", "5260", "5265"]),
    "Askøy": (2, ["Kleppestø", "Strusshamn", "Follese", "Hetlevik", "Florvåg", "Erdal", "Ask", "Hanevik",
                  "Fromreide", "Haugland", "Træet", "Kjerrgarden"], ["5300", "5302", "5303", "5304", "5305", "5306"]),
    "Øygarden": (2, ["Straume", "Ågotnes", "Brattholmen", "Knarrevik", "Kolltveit", "Blomvåg", "Hjelteryggen",
                     "Foldnes", "Tellnes", "Skogsvåg", "Rong", "Tjeldstø"],
                 ["5353", "5363", "5350", "5355", "5360", "5331", "5382", "5336"]),
    "Bjørnafjorden": (2, ["Os", "Osøyro", "Søfteland", "Hegglandsdalen", "Lysefjorden", "Eikelandsosen", "Tysse",
                          "Nore Neset", "Ulven", "Fusa", "Strandvik"],
                      ["5200", "5211", "5212", "5215", "5640", "5641"]),
    "Alver": (2, ["Knarvik", "Alversund", "Frekhaug", "Manger", "Lindås", "Seim", "Eikangervåg", "Hjelmås",
                  "Ostereidet", "Leiknes", "Sæbø", "Radøy"], ["5914", "5907", "5918", "5936", "5955", "5912", "5913"]),
    "Osterøy": (1, ["Lonevåg", "Hosanger", "Valestrand", "Fotlandsvåg", "Haus", "Bruvik"],
                ["5282", "5283", "5285", "5281"]),
    "Vaksdal": (1, ["Dale", "Stanghelle", "Vaksdal", "Stamnes"], ["5722", "5724", "5725", "5727"]),
    "Voss": (1, ["Vossevangen", "Bømoen", "Skulestadmo", "Vossestrand", "Evanger", "Dale"],
             ["5700", "5704", "5710", "5712", "5707"]),
    "Austevoll": (1, ["Storebø", "Bekkjarvik", "Møkster", "Husavik"], ["5392", "5397", "5387"]),
}

# Postal register: code -> place. Bergen centre and districts, Vestland towns, Bergen post-box codes, far away.
BERGEN = {code: "Bergen" for code in ["5003", "5004", "5005", "5006", "5007", "5008", "5009", "5010", "5011", "5012",
                                      "5013", "5014", "5015", "5016", "5017", "5018", "5020", "5021", "5022", "5023",
                                      "5031", "5032", "5033", "5034", "5035", "5036", "5037", "5038", "5039", "5041",
                                      "5042", "5043", "5045", "5052", "5053", "5054", "5055", "5056", "5057", "5058",
                                      "5059", "5063", "5067", "5068", "5072", "5073", "5075", "5081", "5082", "5089",
                                      "5093", "5094", "5096", "5097"]}
DISTRICTS = {"5101": "Eidsvågneset", "5104": "Eidsvåg", "5105": "Eidsvåg", "5107": "Salhus", "5108": "Hordvik",
             "5109": "Hylkje", "5111": "Breistein", "5113": "Tertnes", "5114": "Tertnes", "5115": "Ulset",
             "5116": "Ulset", "5117": "Ulset", "5118": "Ulset", "5119": "Ulset", "5121": "Ulset", "5122": "Morvik",
             "5124": "Morvik", "5131": "Nyborg", "5132": "Nyborg", "5134": "Flaktveit", "5135": "Flaktveit",
             "5136": "Mjølkeråen", "5137": "Mjølkeråen", "5141": "Fyllingsdalen", "5142": "Fyllingsdalen",
             "5143": "Fyllingsdalen", "5144": "Fyllingsdalen", "5145": "Fyllingsdalen", "5146": "Fyllingsdalen",
             "5147": "Fyllingsdalen", "5148": "Fyllingsdalen", "5151": "Straumsgrend", "5152": "Bønes",
             "5153": "Bønes", "5154": "Bønes", "5155": "Bønes", "5160": "Laksevåg", "5161": "Laksevåg",
             "5162": "Laksevåg", "5163": "Laksevåg", "5164": "Laksevåg", "5165": "Laksevåg", "5170": "Bjørndalstræ",
             "5171": "Loddefjord", "5172": "Loddefjord", "5173": "Loddefjord", "5174": "Mathopen",
             "5176": "Loddefjord", "5178": "Loddefjord", "5179": "Godvik", "5183": "Olsvik", "5184": "Olsvik",
             "5221": "Nesttun", "5222": "Nesttun", "5223": "Nesttun", "5224": "Nesttun", "5225": "Nesttun",
             "5226": "Nesttun", "5227": "Nesttun", "5228": "Nesttun", "5229": "Kalandseidet", "5231": "Paradis",
             "5232": "Paradis", "5235": "Rådal", "5236": "Rådal", "5237": "Rådal", "5238": "Rådal", "5239": "Rådal",
             "5243": "Fana", "5244": "Fana", "5251": "Søreidgrend", "5252": "Søreidgrend", "5253": "Sandsli",
             "5254": "Sandsli", "5257": "Kokstad", "5258": "Blomsterdalen", "5259": "Hjellestad",
             "5260": "Indre Arna", "5261": "Indre Arna", "5262": "Arnatveit", "5263": "Trengereid", "5264": "Garnes",
             "5265": "Ytre Arna", "5267": "Espeland", "5268": "Haukeland"}
VESTLAND = {"5200": "Os", "5211": "Os", "5212": "Søfteland", "5215": "Lysekloster", "5640": "Eikelandsosen",
            "5641": "Fusa", "5281": "Valestrandsfossen", "5282": "Lonevåg", "5283": "Fotlandsvåg", "5285": "Bruvik",
            "5300": "Kleppestø", "5302": "Strusshamn", "5303": "Follese", "5304": "Hetlevik", "5305": "Florvåg",
            "5306": "Erdal", "5331": "Rong", "5336": "Tjeldstø", "5341": "Straume", "5342": "Straume",
            "5343": "Straume", "5350": "Brattholmen", "5353": "Straume", "5355": "Knarrevik", "5360": "Kolltveit",
            "5363": "Ågotnes", "5382": "Skogsvåg", "5387": "Møkster", "5392": "Storebø", "5397": "Bekkjarvik",
            "5411": "Stord", "5412": "Stord", "5418": "Fitjar", "5460": "Husnes", "5470": "Rosendal",
            "5600": "Norheimsund", "5610": "Øystese", "5700": "Voss", "5704": "Voss", "5707": "Evanger",
            "5710": "Skulestadmo", "5712": "Vossestrand", "5722": "Dalekvam", "5724": "Stanghelle",
            "5725": "Vaksdal", "5727": "Stamnes", "5750": "Odda", "5907": "Alversund", "5912": "Seim",
            "5913": "Eikangervåg", "5914": "Isdalstø", "5918": "Frekhaug", "5936": "Manger", "5954": "Mongstad",
            "5955": "Lindås"}
PO_BOXES = {code: "Bergen" for code in ["5804", "5805", "5806", "5807", "5808", "5809", "5811", "5812", "5814",
                                        "5817", "5818", "5822", "5828", "5835", "5838", "5842", "5851", "5852",
                                        "5853", "5854", "5857", "5858", "5859", "5861", "5862", "5863", "5868",
                                        "5869", "5876", "5877", "5878", "5881", "5888", "5889", "5892", "5896"]}
FAR = {"0150": "Oslo", "0152": "Oslo", "0250": "Oslo", "0277": "Oslo", "0484": "Oslo", "0580": "Oslo",
       "1366": "Lysaker", "1337": "Sandvika", "4006": "Stavanger", "4020": "Stavanger", "7010": "Trondheim",
       "5527": "Haugesund", "6002": "Ålesund", "1407": "Vinterbro"}

PROPERTY_MANAGERS = [  # name, domain, postal code: they run housing co-operatives and condominiums
    ("Vestbo Forvaltning AS", "vestboforvaltning.no", "5020"),
    ("Bergen Boligforvaltning AS", "bergenbolig-forvaltning.no", "5063"),
    ("Fjordhus Eiendomsforvaltning AS", "fjordhus.no", "5221"),
    ("Sentrum Sameieforvaltning AS", "sentrumsameie.no", "5014"),
    ("Kystbo Drift AS", "kystbo.no", "5147"),
    ("Vestlandsbo Forvaltning SA", "vestlandsbo.no", "5089"),
]
ACCOUNTANTS = [  # outsourced bookkeeping: many small customers' invoice e-mail lands in one box
    ("Bryggen Regnskapsbyrå AS", "bryggen-regnskap.no"),
    ("Økonomihuset Vest AS", "okonomihuset.no"),
    ("Fana Regnskapsbyrå AS", "fanaregnskapsbyraa.no"),
    ("Regnskapsgruppen Bergen AS", "regnskapsgruppen.no"),
]
FREE_MAIL = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no",
             "icloud.com", "yahoo.no", "hotmail.no"]
SITE_LABELS = ["2. etg", "3. etg", "4. etasje", "kontor", "lager", "kantine", "resepsjon", "trappevask",
               "vinduer", "avd. {place}", "{place}", "butikk {place}", "{street}"]
CONTACT_ROLES = ["v/", "att:", "v/ daglig leder", "kontaktperson", "v/ styreleder"]
