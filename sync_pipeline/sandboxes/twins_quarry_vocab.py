"""Word lists for the quarry twin generator: people, places and trades of Kristiansand and Agder (Sørlandet).

Kept apart from the generator so the rules read on one screen. Surnames come first-heavy: the generator draws them
with falling weights, so the Olsens and Hansens of the coast repeat as they do in a real register.
"""

from __future__ import annotations

MALE = ["Ola", "Per", "Kjell", "Tor", "Svein", "Arne", "Knut", "Terje", "Tore", "Geir", "Jan", "Rune", "Odd",
        "Bjørn", "Øyvind", "Sigurd", "Torleif", "Tellef", "Salve", "Gunnar", "Kristian", "Jostein", "Reidar", "Erling",
        "Håkon", "Ståle", "Sindre", "Eirik", "Magnus", "Jonas", "Martin", "Thomas", "Andreas", "Anders", "Marius",
        "Kjetil", "Frode", "Trond", "Roar", "Egil", "Aanon", "Torbjørn", "Leif", "Asbjørn", "Jørgen", "Kai",
        "Kjell-Arne", "Jan-Erik", "Per Olav", "Stian", "Morten", "Espen", "Vidar", "Harald", "Dag", "Øystein"]
FEMALE = ["Anne", "Kari", "Inger", "Randi", "Solveig", "Tone", "Hilde", "Linda", "Marit", "Gro", "Siri", "Ingrid",
          "Åse", "Berit", "Liv", "Turid", "Ragnhild", "Eli", "Camilla", "Ida", "Nina", "Heidi", "Mette", "Grete",
          "Anne-Lise", "Kristin", "Torill", "Bente", "Elin", "Hege", "Astrid", "Sigrid", "Marianne", "Wenche"]
MIDDLE_MALE = ["Johan", "Olav", "Martin", "Andreas", "Kristian", "Magne", "Inge", "Tobias", "Emil", "Sverre", "Aksel",
               "Ove", "Arild", "Tellef", "Gunnar"]
MIDDLE_FEMALE = ["Marie", "Elisabeth", "Helene", "Margrethe", "Louise", "Kristine", "Johanne", "Irene", "Sofie"]
SURNAMES = ["Olsen", "Hansen", "Larsen", "Johansen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
            "Karlsen", "Eriksen", "Berntsen", "Gundersen", "Syvertsen", "Salvesen", "Tellefsen", "Torjussen",
            "Tønnessen", "Sørensen", "Aanonsen", "Gabrielsen", "Abrahamsen", "Mikkelsen", "Thorsen", "Knutsen",
            "Reinertsen", "Omdal", "Eikeland", "Haugland", "Homme", "Tveit", "Kvinlaug", "Fidjeland", "Fjeldsgaard",
            "Ånensen", "Sødal", "Stokkeland", "Vigeland", "Ravnevand", "Lunde", "Moi", "Løvdal", "Dahl", "Frigstad",
            "Austad", "Mosby", "Frøysland", "Aasland", "Grødum", "Skaiaa", "Ljosland", "Vatne", "Rosseland",
            "Nodeland", "Røynstrand", "Bringsverd", "Kjærvik", "Vestøl", "Lauvås", "Bjorvatn", "Bjelland", "Ørbæk",
            "Hægeland", "Skuland", "Sløgedal", "Håland", "Egeland", "Bergstøl", "Lindtveit", "Øvland", "Rypestøl",
            "Hobbesland", "Kristensen", "Abusdal", "Kvåle", "Flottorp", "Jortveit", "Uleberg", "Lohne", "Stray",
            "Gjeruldsen", "Gulbrandsen", "Ugland", "Søyland", "Nesheim", "Mydland", "Fjellestad", "Heggland",
            "Ågedal", "Kile", "Birkeland", "Hovland", "Lien", "Fjeld", "Berge", "Nygaard", "Mjåland", "Trydal",
            "Tjomsland", "Ousdal", "Kristoffersen", "Jakobsen", "Andreassen", "Ellingsen", "Martinsen", "Paulsen",
            "Henriksen", "Halvorsen", "Christensen", "Gregersen", "Simonsen", "Danielsen", "Jørgensen", "Iversen",
            "Solberg", "Stensland", "Dybvik", "Kjos", "Ravndal", "Skjævesland", "Åsland", "Kvarstein", "Helle",
            "Slettebø", "Ytterdal", "Sandvik", "Fuglestad", "Handeland", "Tronstad", "Sagen", "Bakke", "Aasen",
            "Holte", "Tjørhom", "Nomeland", "Nordbø", "Mosfjeld", "Bentsen", "Tobiassen", "Kittelsen", "Thomassen",
            "Ommundsen", "Osmundsen", "Gullaksen", "Zakariassen", "Nilssen", "Fredriksen", "Vennesland"]

# Place stems companies take their names from (and the coop estates); æøå on purpose.
STEMS = ["Vågsbygd", "Hamresanden", "Tveit", "Søgne", "Lund", "Randesund", "Justvik", "Kjerrheia", "Eg", "Grim",
         "Mosby", "Vennesla", "Lillesand", "Birkeland", "Høvåg", "Skålevik", "Torridal", "Gimle", "Tinnheia",
         "Hannevika", "Nodeland", "Flekkerøy", "Kvadraturen", "Oddernes", "Fevik", "Tromøy", "Lindesnes", "Sirdal",
         "Hovden", "Skagerrak", "Sørlandet", "Agder", "Setesdal", "Otra", "Topdal", "Varoddbrua", "Sørlands",
         "Kjevik", "Sukkevann", "Dvergsnes", "Ålefjær", "Strai", "Mjåvann", "Songdalen", "Finsland", "Brennåsen",
         "Åros", "Høllen", "Ny-Hellesund", "Ulvøysund", "Bragdøy", "Odderøya", "Marvika", "Boen", "Ravnedalen"]
TRADES = ["Bygg", "Bygg", "Bygg", "Tømrer", "Rør", "Elektro", "Maler", "Tak", "Graving", "Betong", "Mur",
          "Blikk", "Flis", "Anlegg", "Maskin", "Stillas", "Tak og Fasade", "Rør og Varme", "Byggservice",
          "Snekkerverksted", "Entreprenør", "Hagedesign", "Ventilasjon", "Isolasjon", "Kran"]
# Craft of a sole proprietor as his registry name begins ("Snekker Ola Hansen"), and the trade word that goes with it.
CRAFTS = [("Snekker", "Bygg"), ("Tømrer", "Bygg"), ("Byggmester", "Bygg"), ("Rørlegger", "Rør"),
          ("Maler", "Maling"), ("Murer", "Mur"), ("Blikkenslager", "Blikk"), ("Taktekker", "Tak"),
          ("Maskinentreprenør", "Graving"), ("Flislegger", "Flis"), ("Anleggsgartner", "Hage"),
          ("Elektriker", "Elektro"), ("Snekker", "Snekkeri"), ("Tømrer", "Tømrer")]
SISTER_TRADES = ["Eiendom", "Maskin", "Holding", "Utleie", "Boligutvikling", "Drift", "Invest"]
OTHER_BUSINESS = ["Eiendom", "Regnskap", "Tannlegesenter", "Bilverksted", "Marina", "Camping", "Hotell",
                  "Barnehage", "Frisør", "Dagligvare", "Fysioterapi", "Bakeri", "Båtservice", "Gjestehus",
                  "Handel", "Sport", "Kafé", "Trafikkskole"]
COOP_WORDS = [("Borettslaget {s}", "{s} brl"), ("{s} Borettslag", "Brl {s}"), ("Sameiet {s} {n}", "{s} {n} sameie"),
              ("{s} Boligsameie", "Sameiet {s}"), ("Boligsameiet {s}", "{s} sameie")]
ESTATE_ENDINGS = ["", "", "tunet", "parken", "heia", "lia", "åsen", "toppen", " Terrasse", " Hageby", " Park",
                  " Brygge", "veien", "bakken", "hagen", " Panorama", "kollen", "tun"]
FARM_WORDS = ["Gård", "gård", "Gårdsbruk", "Nedre {f} gård", "Øvre {f}", "{f} Gard"]
FARM_NAMES = ["Moi", "Lunde", "Tveit", "Homme", "Eikeland", "Skuland", "Håland", "Egeland", "Vatne", "Heggland",
              "Aasland", "Frøysland", "Ljosland", "Hægeland", "Kvåle", "Lohne", "Fjellestad", "Mydland", "Søyland",
              "Uleberg", "Jortveit", "Flottorp", "Abusdal", "Lindtveit", "Øvland", "Bergstøl", "Sløgedal"]

MUNICIPALITIES = ["Kristiansand", "Vennesla", "Lillesand", "Grimstad", "Arendal", "Lindesnes", "Farsund", "Lyngdal",
                  "Flekkefjord", "Iveland", "Evje og Hornnes", "Bygland", "Valle", "Bykle", "Birkenes", "Froland",
                  "Tvedestrand", "Risør", "Åmli", "Gjerstad", "Vegårshei", "Kvinesdal", "Sirdal", "Hægebostad",
                  "Åseral"]
MUNICIPAL_UNITS = ["Teknisk drift", "Park og vei", "Vann og avløp", "Eiendom", "Bygg og eiendom", "Idrett",
                   "Skole", "Brann og redning"]

CHAINS = ["Byggmakker", "Monter", "XL-Bygg", "Maxbo", "Byggern", "Optimera", "Bygger'n"]
CHAIN_OWNER = ["{t} Trelast AS", "{t} Byggsenter AS", "{s} Trelastlager AS", "{t} Bygg og Jernvare AS",
               "{s}s Byggevare AS", "Trelasthuset {t} AS"]

SUPPLIER_LOCAL = ["Transport", "Kranutleie", "Bilverksted", "Maskinservice", "Container", "Renhold", "Vakt",
                  "Hydraulikk", "Dekkservice", "Sveis", "Stål", "Sag", "Grus", "Pukk", "Betong"]
SUPPLIER_TRADE = ["Jernvare", "Byggevarer", "Stillas", "Lift", "Maskin", "Festemidler", "Verktøy", "Trelast",
                  "Hytteservice", "Arbeidstøy", "Brakker"]
BACK_OFFICE = [("Telenor Norge AS", "telenor.no"), ("Telia Norge AS", "telia.no"), ("Ice Communication Norge AS",
               "ice.no"), ("Circle K Norge AS", "circlek.no"), ("Uno-X Energi AS", "unox.no"),
               ("Gjensidige Forsikring ASA", "gjensidige.no"), ("If Skadeforsikring NUF", "if.no"),
               ("Tryg Forsikring", "tryg.no"), ("Agder Energi Nett AS", "aenett.no"), ("Visma Software AS",
               "visma.no"), ("Tripletex AS", "tripletex.no"), ("DNB Bank ASA", "dnb.no"), ("SpareBank 1 Sørøst-Norge",
               "sparebank1.no"), ("Sparebanken Sør", "sor.no"), ("Posten Norge AS", "posten.no"),
               ("Avfall Sør AS", "avfallsor.no"), ("Renovasjon Sør AS", "renovasjonsor.no"),
               ("Kristiansand Havn KF", "krsandhavn.no"), ("Fædrelandsvennen AS", "fvn.no"),
               ("Kiwi Norge AS", "kiwi.no"), ("Würth Norge AS", "wurth.no"), ("Ahlsell Norge AS", "ahlsell.no"),
               ("Motorsenteret Kristiansand AS", "motorsenteret.no"), ("Statens vegvesen", "vegvesen.no"),
               ("Norsk Tipping AS", "norsk-tipping.no"), ("Regnskapshuset Sør AS", "regnskapshuset.no")]
FOREIGN_MAKERS = [("Layher GmbH & Co KG", "layher.com", "49", "74363", "Güglingen"),
                  ("Haulotte Group SA", "haulotte.com", "33", "42420", "Lorette"),
                  ("JLG Industries Inc", "jlg.com", "1", "17233", "McConnellsburg"),
                  ("Genie Industries", "genielift.com", "1", "98052", "Redmond"),
                  ("Ramirent AB", "ramirent.se", "46", "17141", "Solna"),
                  ("Containex Container-Handelsgesellschaft mbH", "containex.com", "43", "02355", "Wiener Neudorf"),
                  ("Hinowa SpA", "hinowa.com", "39", "37054", "Nogara"),
                  ("Skyjack Inc", "skyjack.com", "1", "01011", "Guelph"),
                  ("Plettac Assco GmbH", "plettac-assco.de", "49", "58791", "Werdohl"),
                  ("Altrad Baumann GmbH", "altrad-baumann.de", "49", "73079", "Süßen"),
                  ("Cramo AB", "cramo.se", "46", "19162", "Sollentuna"),
                  ("Peri SE", "peri.com", "49", "89264", "Weißenhorn"),
                  ("Wacker Neuson SE", "wackerneuson.com", "49", "80809", "München"),
                  ("Dinolift Oy", "dinolift.com", "358", "32200", "Loimaa")]

# (postal code, city) in the firm's area. Kristiansand first and heavy; the rest of Agder after.
KRISTIANSAND = [("4608", "Kristiansand S"), ("4610", "Kristiansand S"), ("4612", "Kristiansand S"),
                ("4613", "Kristiansand S"), ("4614", "Kristiansand S"), ("4615", "Kristiansand S"),
                ("4616", "Kristiansand S"), ("4617", "Kristiansand S"), ("4618", "Kristiansand S"),
                ("4619", "Mosby"), ("4620", "Kristiansand S"), ("4621", "Kristiansand S"),
                ("4622", "Kristiansand S"), ("4623", "Kristiansand S"), ("4624", "Kristiansand S"),
                ("4625", "Flekkerøy"), ("4626", "Kristiansand S"), ("4629", "Kristiansand S"),
                ("4630", "Kristiansand S"), ("4631", "Kristiansand S"), ("4632", "Kristiansand S"),
                ("4633", "Kristiansand S"), ("4634", "Kristiansand S"), ("4635", "Kristiansand S"),
                ("4636", "Kristiansand S"), ("4637", "Kristiansand S"), ("4638", "Kristiansand S"),
                ("4639", "Kristiansand S"), ("4640", "Søgne"), ("4645", "Nodeland"), ("4646", "Finsland"),
                ("4647", "Brennåsen"), ("4656", "Hamresanden"), ("4657", "Kjevik"), ("4658", "Tveit")]
AGDER = [("4700", "Vennesla"), ("4705", "Øvrebø"), ("4720", "Hægeland"), ("4724", "Iveland"), ("4735", "Evje"),
         ("4737", "Hornnes"), ("4741", "Byglandsfjord"), ("4747", "Valle"), ("4760", "Birkeland"),
         ("4766", "Herefoss"), ("4790", "Lillesand"), ("4792", "Lillesand"), ("4820", "Froland"),
         ("4823", "Nedenes"), ("4836", "Arendal"), ("4838", "Arendal"), ("4841", "Arendal"), ("4843", "Arendal"),
         ("4846", "Arendal"), ("4848", "Arendal"), ("4870", "Fevik"), ("4876", "Grimstad"), ("4877", "Grimstad"),
         ("4879", "Grimstad"), ("4885", "Grimstad"), ("4900", "Tvedestrand"), ("4950", "Risør"),
         ("4400", "Flekkefjord"), ("4440", "Tonstad"), ("4480", "Kvinesdal"), ("4514", "Mandal"),
         ("4515", "Mandal"), ("4516", "Mandal"), ("4525", "Konsmo"), ("4534", "Marnardal"), ("4544", "Fossdal"),
         ("4550", "Farsund"), ("4560", "Vanse"), ("4580", "Lyngdal")]
# Cabin sites on the coast and in the mountains: where the crews put up scaffolding at summer houses.
CABINS = [("4625", "Flekkerøy"), ("4640", "Søgne"), ("4656", "Hamresanden"), ("4770", "Høvåg"),
          ("4780", "Brekkestø"), ("4790", "Lillesand"), ("4888", "Homborsund"), ("4870", "Fevik"),
          ("4910", "Lyngør"), ("4912", "Gjeving"), ("4915", "Vestre Sandøya"), ("4916", "Borøy"),
          ("4920", "Staubø"), ("4934", "Nesgrenda"), ("4950", "Risør"), ("4521", "Lindesnes"),
          ("4517", "Mandal"), ("4563", "Borhaug"), ("4434", "Andabeløy"), ("4432", "Hidrasund"),
          ("4755", "Hovden i Setesdal"), ("4748", "Rysstad"), ("4440", "Tonstad"), ("4818", "Færvik"),
          ("4817", "His"), ("4855", "Trollnes"), ("4993", "Sundebru")]
# Where cabin owners live: the region itself, the Oslo area, the west coast.
HOMES_AWAY = [("0373", "Oslo"), ("0287", "Oslo"), ("0763", "Oslo"), ("0955", "Oslo"), ("1365", "Blommenholm"),
              ("1410", "Kolbotn"), ("1352", "Kolsås"), ("1430", "Ås"), ("3036", "Drammen"), ("3260", "Larvik"),
              ("3717", "Skien"), ("4014", "Stavanger"), ("4021", "Stavanger"), ("4306", "Sandnes"),
              ("4340", "Bryne"), ("5009", "Bergen"), ("5235", "Rådal"), ("1530", "Moss"), ("2005", "Rælingen"),
              ("3122", "Tønsberg")]
# Post-box codes (invoice addresses of firms that take their post in a box).
BOXES = [("4601", "Kristiansand S"), ("4602", "Kristiansand S"), ("4604", "Kristiansand S"),
         ("4606", "Kristiansand S"), ("4665", "Kristiansand S"), ("4666", "Kristiansand S"),
         ("4668", "Kristiansand S"), ("4801", "Arendal"), ("4802", "Arendal"), ("4809", "Arendal"),
         ("4891", "Grimstad"), ("4501", "Mandal"), ("4791", "Lillesand"), ("4701", "Vennesla")]
# How people write the big town instead of the register's "Kristiansand S".
CITY_VARIANTS = {"Kristiansand S": ["Kristiansand", "Kristiansand", "Kr.sand", "Krs", "Kristiansand s", "Kristansand"],
                 "Arendal": ["ARENDAL", "Arendal"], "Hovden i Setesdal": ["Hovden"], "Grimstad": ["Grimstad"],
                 "Lillesand": ["Lillesand", "Lilesand"], "Søgne": ["Sogne", "Søgne"], "Mosby": ["Kristiansand"],
                 "Flekkerøy": ["Kristiansand", "Flekkeroy"], "Hamresanden": ["Kristiansand"],
                 "Tveit": ["Kristiansand"], "Vennesla": ["Venesla"]}
BACK_OFFICE_WORDS = ["Regnskap", "Revisjon", "IT", "Advokatfirma", "Kontorservice", "Reklame", "Kurs og HMS",
                     "Bedriftshelse", "Trykkeri", "Kaffeservice", "Data"]
FREE_MAIL = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no",
             "yahoo.no", "icloud.com", "frisurf.no", "hotmail.no"]
