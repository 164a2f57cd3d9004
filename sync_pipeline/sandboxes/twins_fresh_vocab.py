"""Vocabularies of `twins_fresh`: Norwegian places with real postal codes, and the words companies are named with.

Kept apart from the generator so that the generator reads as the story of how two systems come to hold one company
differently, and this file as the facts it draws on.

Places: each line is a *poststed* (the name the postal register gives a postal code) with the municipality it lies
in, the landline area prefixes of the region and a rough weight for how many businesses it has. A municipality has
several poststeder (Bergen: Bergen, Nesttun, Fyllingsdalen, Sandsli, ...), and a poststed has many codes, as in the
real register: people write the municipality where the register has the poststed, and one company's visiting and
postal addresses have different codes in one town.
"""

from __future__ import annotations

from dataclasses import dataclass

# poststed | municipality | landline prefixes | weight | postal codes
_PLACE_TABLE = """
Oslo|Oslo|22 23 21|40|0150 0151 0152 0153 0154 0155 0158 0159 0160 0161 0162 0164 0165 0166 0167 0168 0169 0170 \
0171 0172 0173 0174 0175 0176 0177 0178 0179 0180 0181 0182 0183 0184 0185 0186 0187 0188 0190 0191 0192 0193 0194 \
0195 0196 0250 0251 0252 0253 0254 0255 0256 0257 0258 0259 0260 0262 0263 0264 0265 0266 0267 0268 0270 0271 0272 \
0273 0274 0275 0276 0277 0278 0279 0280 0281 0282 0283 0284 0286 0287 0350 0351 0352 0353 0354 0355 0356 0357 0358 \
0359 0360 0361 0362 0363 0364 0365 0366 0367 0368 0369 0370 0371 0372 0373 0374 0375 0376 0377 0378 0379 0380 0450 \
0451 0452 0454 0455 0456 0457 0458 0459 0460 0461 0462 0463 0464 0465 0466 0467 0468 0469 0470 0472 0473 0474 0475 \
0476 0477 0478 0479 0480 0481 0482 0483 0484 0485 0486 0487 0550 0551 0552 0553 0554 0555 0556 0557 0558 0559 0560 \
0561 0562 0563 0564 0565 0566 0567 0568 0569 0570 0571 0572 0573 0574 0575 0576 0577 0578 0579 0580 0581 0582 0583 \
0584 0585 0586 0587 0588 0589 0590 0591 0592 0593 0594 0595 0596 0597 0598 0650 0651 0652 0653 0654 0655 0656 0657 \
0658 0659 0660 0661 0662 0663 0664 0665 0666 0667 0668 0669 0670 0671 0672 0673 0674 0675 0676 0677 0678 0679 0680 \
0681 0682 0683 0684 0685 0686 0687 0688 0689 0690 0691 0692 0693 0694 0850 0851 0852 0853 0854 0855 0856 0857 0858 \
0860 0861 0862 0863 0864 0870 0871 0872 0873 0874 0875 0876 0877 0880 0881 0882 0883 0884 0950 0951 0952 0953 0954 \
0955 0956 0957 0958 0959 0960 0962 0963 0964 0968 0969 0970 0971 0972 0973 0975 0976 0977 0978 0979 0980 0981 0982 \
0983 0984 0985 0986 0987 0988
Bergen|Bergen|55 56|11|5003 5004 5005 5006 5007 5008 5009 5010 5011 5012 5013 5014 5015 5016 5017 5018 5019 5020 \
5021 5031 5032 5033 5034 5035 5036 5037 5038 5039 5041 5042 5043 5045 5052 5053 5054 5055 5056 5057 5058 5059 5063 \
5067 5068 5072 5073 5075 5081 5082 5089 5093 5094 5096 5097 5098
Nesttun|Bergen|55|2|5221 5222 5223 5224
Paradis|Bergen|55|1|5231 5232
Rådal|Bergen|55|1.5|5235 5236 5237 5238 5239
Fyllingsdalen|Bergen|55|1.5|5141 5142 5143 5147 5148
Laksevåg|Bergen|55|1.2|5160 5161 5162 5163
Loddefjord|Bergen|55|1|5171 5172 5173 5176
Nyborg|Bergen|55|0.8|5131 5132
Ulset|Bergen|55|0.6|5115 5116 5117 5118
Indre Arna|Bergen|55|0.6|5260 5261
Sandsli|Bergen|55|1.2|5253 5254
Kokstad|Bergen|55|1|5257
Kleppestø|Askøy|56|1|5300 5301 5308 5309
Straume|Øygarden|56|1|5353 5354
Knarrevik|Øygarden|56|0.5|5355
Os|Bjørnafjorden|56|1.2|5200 5201 5202 5203 5206 5208 5209 5210 5211
Voss|Voss|56|0.8|5700 5701 5702 5703 5704 5705 5706 5708 5709
Stord|Stord|53|1|5402 5403 5404 5406 5407 5409 5411 5412 5414 5415 5416 5417
Odda|Ullensvang|53|0.4|5750
Haugesund|Haugesund|52|2.5|5515 5516 5517 5518 5519 5521 5522 5523 5525 5527 5528 5529 5531 5532 5533 5534 5535 \
5536 5537 5538
Kopervik|Karmøy|52|0.6|4250
Åkrehamn|Karmøy|52|0.5|4270
Avaldsnes|Karmøy|52|0.3|4262
Aksdal|Tysvær|52|0.4|5570
Stavanger|Stavanger|51|9|4005 4006 4007 4008 4009 4010 4011 4012 4013 4014 4015 4016 4017 4018 4019 4020 4021 4022 \
4023 4024 4025 4026 4027 4028 4029 4031 4032 4033 4034 4035 4036
Hafrsfjord|Stavanger|51|1|4041 4042 4043 4044 4045 4046 4047 4048
Randaberg|Randaberg|51|0.6|4070
Sola|Sola|51|1|4050 4051
Tananger|Sola|51|0.8|4056 4057
Sandnes|Sandnes|51|4|4306 4307 4308 4309 4312 4313 4314 4315 4316 4317 4318 4319 4321 4322 4323 4324 4325 4326 \
4327 4328 4329
Hommersåk|Sandnes|51|0.3|4310 4311
Ålgård|Gjesdal|51|0.5|4330
Bryne|Time|51|1|4340 4341
Kvernaland|Time|51|0.3|4355
Kleppe|Klepp|51|0.5|4352
Klepp stasjon|Klepp|51|0.3|4353
Egersund|Eigersund|51|0.6|4370 4371 4372 4373
Kristiansand S|Kristiansand|38|5|4608 4609 4610 4611 4612 4613 4614 4615 4616 4617 4618 4619 4620 4621 4622 4623 \
4624 4625 4626 4628 4629 4630 4631 4632 4633 4634 4635 4636 4637 4638 4639
Søgne|Kristiansand|38|0.5|4640
Vennesla|Vennesla|38|0.6|4700 4701 4702 4706 4707
Mandal|Lindesnes|38|0.8|4513 4514 4515 4516
Farsund|Farsund|38|0.4|4550
Lyngdal|Lyngdal|38|0.5|4580
Flekkefjord|Flekkefjord|38|0.5|4400
Arendal|Arendal|37|2|4836 4837 4838 4839 4841 4842 4843 4844 4846 4847 4848
His|Arendal|37|0.4|4817
Nedenes|Arendal|37|0.3|4823
Saltrød|Arendal|37|0.2|4815
Grimstad|Grimstad|37|1|4876 4877 4878 4879
Fevik|Grimstad|37|0.3|4870
Lillesand|Lillesand|37|0.5|4790
Tvedestrand|Tvedestrand|37|0.3|4900
Risør|Risør|37|0.3|4950
Drammen|Drammen|32|5|3003 3004 3005 3006 3007 3008 3009 3010 3011 3012 3013 3014 3015 3016 3017 3018 3019 3021 \
3022 3023 3024 3025 3026 3027 3028 3029 3030 3031 3032 3033 3034 3035 3036 3037 3038 3039 3040 3041 3042 3043 3044 \
3045 3046 3047 3048
Mjøndalen|Drammen|32|0.6|3050 3051
Krokstadelva|Drammen|32|0.4|3054 3055
Solbergelva|Drammen|32|0.3|3056 3057
Svelvik|Drammen|33|0.3|3060
Hokksund|Øvre Eiker|32|0.6|3300 3301
Vikersund|Modum|32|0.4|3370
Lier|Lier|32|0.8|3400
Kongsberg|Kongsberg|32|1.5|3611 3612 3613 3614 3615 3616 3617
Hønefoss|Ringerike|32|1.5|3510 3511 3512 3513 3514 3515 3516 3517
Jevnaker|Jevnaker|61|0.3|3520
Nesbyen|Nesbyen|32|0.3|3540
Gol|Gol|32|0.4|3550
Geilo|Hol|32|0.4|3580
Tønsberg|Tønsberg|33|3|3110 3111 3112 3113 3114 3115 3116 3117 3118 3119 3122 3124 3125 3126 3127
Nøtterøy|Færder|33|0.6|3120
Tjøme|Færder|33|0.3|3145
Horten|Horten|33|1.2|3181 3182 3183 3186 3187 3188
Borre|Horten|33|0.3|3184
Sandefjord|Sandefjord|33|3|3208 3209 3210 3211 3212 3213 3214 3215 3216 3217 3218 3219 3220 3221 3222 3223 3224 \
3225 3226
Stokke|Sandefjord|33|0.5|3160
Larvik|Larvik|33|2|3256 3257 3258 3259 3260 3261 3262 3263 3264 3265 3267 3268 3269 3270 3271
Stavern|Larvik|33|0.4|3290
Holmestrand|Holmestrand|33|0.5|3080
Sande i Vestfold|Holmestrand|33|0.3|3070
Skien|Skien|35|2.5|3710 3711 3712 3713 3714 3715 3716 3717 3718 3719 3720 3721 3722 3723 3724 3725 3726 3727 3728 \
3729 3730 3731 3732 3733 3734 3735 3736
Porsgrunn|Porsgrunn|35|2|3910 3911 3912 3913 3914 3915 3916 3917 3918 3919 3920 3921 3922 3923 3924 3925 3928 \
3929 3930 3931
Brevik|Porsgrunn|35|0.3|3950
Stathelle|Bamble|35|0.4|3960
Langesund|Bamble|35|0.3|3970
Notodden|Notodden|35|0.6|3674 3675 3676 3677 3678
Kragerø|Kragerø|35|0.5|3770
Rjukan|Tinn|35|0.3|3660
Bø i Telemark|Midt-Telemark|35|0.3|3800
Fredrikstad|Fredrikstad|69|4|1604 1605 1606 1607 1608 1609 1610 1612 1613 1614 1615 1616 1617 1618 1619
Gressvik|Fredrikstad|69|0.6|1620 1621
Rolvsøy|Fredrikstad|69|0.5|1661 1664
Kråkerøy|Fredrikstad|69|0.5|1671 1672
Gamle Fredrikstad|Fredrikstad|69|0.3|1630 1632
Sarpsborg|Sarpsborg|69|3|1702 1703 1704 1705 1706 1707 1708 1709 1710 1711 1712 1713 1714 1715 1721 1722 1723 \
1724 1725 1726 1727
Greåker|Sarpsborg|69|0.5|1718 1719 1720
Skjeberg|Sarpsborg|69|0.4|1745 1747
Borgenhaugen|Sarpsborg|69|0.3|1738 1739 1740
Moss|Moss|69|2.5|1511 1512 1513 1514 1515 1516 1517 1518 1519 1520 1521 1522 1523 1524 1525 1526 1527 1528 1529 \
1530 1531 1532
Rygge|Moss|69|0.5|1580
Råde|Råde|69|0.4|1640
Halden|Halden|69|1.5|1771 1772 1776 1777 1778 1779 1781 1782 1783 1784 1785 1787 1788 1789
Tistedal|Halden|69|0.2|1790 1791
Askim|Indre Østfold|69|0.8|1807 1814 1815
Spydeberg|Indre Østfold|69|0.3|1820
Mysen|Indre Østfold|69|0.5|1850
Lillestrøm|Lillestrøm|63 64|2.5|2000 2001 2004
Kjeller|Lillestrøm|63|0.4|2007
Strømmen|Lillestrøm|63|1|2010 2011
Skjetten|Lillestrøm|63|0.5|2013
Skedsmokorset|Lillestrøm|63|0.4|2020
Fetsund|Lillestrøm|63|0.3|1900
Sørumsand|Lillestrøm|63|0.3|1920
Lørenskog|Lørenskog|67|1.5|1470 1471 1473
Fjellhamar|Lørenskog|67|0.4|1472
Jessheim|Ullensaker|63|1.5|2050 2051 2052 2053
Gardermoen|Ullensaker|63 64|0.6|2060 2061
Eidsvoll|Eidsvoll|63|0.5|2080 2081
Sandvika|Bærum|67|2|1337 1338
Lysaker|Bærum|67|2|1325 1326 1327 1366
Fornebu|Bærum|67|1.5|1330 1360 1364
Stabekk|Bærum|67|0.6|1321 1369
Bekkestua|Bærum|67|0.5|1356 1357
Høvik|Bærum|67|0.4|1363
Kolsås|Bærum|67|0.4|1352
Rud|Bærum|67|0.3|1351
Bærums Verk|Bærum|67|0.3|1353 1354
Asker|Asker|66|2|1383 1384 1385 1386 1387
Billingstad|Asker|66|0.8|1396
Nesbru|Asker|66|0.5|1394
Heggedal|Asker|66|0.3|1389
Vollen|Asker|66|0.3|1390 1391
Ski|Nordre Follo|64|1.5|1400 1401 1402
Langhus|Nordre Follo|64|0.5|1405
Kolbotn|Nordre Follo|66|0.8|1410 1411
Sofiemyr|Nordre Follo|66|0.4|1412
Ås|Ås|64|0.6|1430 1431 1432
Drøbak|Frogn|64|0.6|1440 1443 1448
Nesoddtangen|Nesodden|66|0.5|1450
Vestby|Vestby|64|0.6|1540
Hamar|Hamar|62|2.5|2315 2316 2317 2318 2319 2321
Ridabu|Hamar|62|0.3|2322
Furnes|Ringsaker|62|0.3|2320
Brumunddal|Ringsaker|62|0.8|2380 2381
Moelv|Ringsaker|62|0.4|2390
Ottestad|Stange|62|0.4|2312
Stange|Stange|62|0.4|2335
Elverum|Elverum|62|1|2406 2407 2408 2409 2411
Kongsvinger|Kongsvinger|62|0.8|2208 2211 2212 2213 2214
Trysil|Trysil|62|0.3|2420
Tynset|Tynset|62|0.3|2500
Lillehammer|Lillehammer|61|2|2609 2611 2613 2614 2615 2618 2619 2624 2626
Fåberg|Lillehammer|61|0.2|2625
Gjøvik|Gjøvik|61|1.8|2805 2806 2815 2816 2817 2819 2821
Hunndalen|Gjøvik|61|0.3|2807 2811
Raufoss|Vestre Toten|61|0.5|2830 2831
Lena|Østre Toten|61|0.3|2850
Vinstra|Nord-Fron|61|0.3|2640
Otta|Sel|61|0.3|2670
Fagernes|Nord-Aurdal|61|0.4|2900
Ålesund|Ålesund|70|3.5|6002 6003 6004 6005 6006 6007 6008 6009 6010 6011 6012 6013 6014 6015 6016 6017 6018 6019 \
6020 6021 6022 6023 6024 6025 6026
Langevåg|Sula|70|0.4|6030
Hareid|Hareid|70|0.3|6060
Ulsteinvik|Ulstein|70|0.6|6065
Fosnavåg|Herøy|70|0.4|6090
Volda|Volda|70|0.5|6100 6101 6102
Ørsta|Ørsta|70|0.5|6150 6151 6153
Molde|Molde|71|1.8|6411 6412 6413 6414 6415 6416 6419 6421 6422 6423 6425
Kristiansund N|Kristiansund|71|1.2|6507 6508 6509 6510 6511 6512 6513 6514 6515 6516 6517 6518
Førde|Sunnfjord|57|1|6800 6801 6803 6807 6810 6812 6813
Florø|Kinn|57|0.6|6900 6901 6905
Sogndal|Sogndal|57|0.5|6851 6856
Kaupanger|Sogndal|57|0.2|6854
Stryn|Stryn|57|0.4|6783
Trondheim|Trondheim|73 72|9|7010 7011 7012 7013 7014 7015 7016 7017 7018 7019 7020 7021 7022 7023 7024 7025 7026 \
7027 7028 7029 7030 7031 7032 7033 7034 7035 7036 7037 7038 7039 7040 7041 7042 7043 7044 7045 7046 7047 7048 7049 \
7050 7051 7052
Heimdal|Trondheim|72|1.2|7080 7088 7089
Tiller|Trondheim|72|1|7075 7091 7092 7093
Ranheim|Trondheim|73|0.6|7053 7054
Saupstad|Trondheim|72|0.3|7078 7097
Melhus|Melhus|72|0.6|7223 7224
Orkanger|Orkland|72|0.6|7300 7301 7302
Oppdal|Oppdal|72|0.4|7340
Røros|Røros|72|0.4|7374
Stjørdal|Stjørdal|74|1.2|7500 7501 7502 7503 7504 7506
Hell|Stjørdal|74|0.3|7517
Levanger|Levanger|74|0.8|7600 7601 7602 7603 7604
Verdal|Verdal|74|0.6|7650 7651 7652 7653
Steinkjer|Steinkjer|74|1|7713 7714 7715 7716 7717 7718 7724 7725
Namsos|Namsos|74|0.6|7800 7801 7802 7803
Bodø|Bodø|75|2.5|8003 8004 8005 8006 8007 8008 8009 8010 8011 8012 8013 8014 8015 8016 8019 8021 8022 8023
Fauske|Fauske|75|0.5|8200 8201 8206 8208
Mo i Rana|Rana|75|1.2|8601 8602 8603 8604 8606 8607 8608 8609 8610 8611 8612 8613 8614
Mosjøen|Vefsn|75|0.6|8651 8654 8656 8657
Sandnessjøen|Alstahaug|75|0.4|8800
Brønnøysund|Brønnøy|75|0.3|8900
Narvik|Narvik|76|1.2|8503 8504 8505 8506 8507 8508 8509 8510 8514 8515 8516 8517
Svolvær|Vågan|76|0.5|8300 8301 8305
Leknes|Vestvågøy|76|0.4|8370
Sortland|Sortland|76|0.4|8400 8401
Tromsø|Tromsø|77|4|9006 9007 9008 9009 9010 9011 9012 9013 9014 9015 9016 9017 9018 9019
Tromsdalen|Tromsø|77|0.6|9020 9021
Tomasjord|Tromsø|77|0.2|9024
Kvaløysletta|Tromsø|77|0.4|9100
Harstad|Harstad|77|1.2|9403 9404 9405 9406 9407 9408 9409
Finnsnes|Senja|77|0.5|9300 9305 9306
Silsand|Senja|77|0.2|9303
Alta|Alta|78|1.2|9505 9506 9507 9508 9509 9510 9511 9512 9513 9514 9515
Hammerfest|Hammerfest|78|0.6|9600 9601 9602 9603
Kirkenes|Sør-Varanger|78|0.5|9900 9901 9915
Hesseng|Sør-Varanger|78|0.2|9912
Vadsø|Vadsø|78|0.3|9800 9801
"""


@dataclass(frozen=True)
class Place:
    poststed: str
    municipality: str
    prefixes: tuple[str, ...]  # two-digit landline prefixes of the region
    weight: float
    codes: tuple[str, ...]


def _parse(table: str) -> tuple[Place, ...]:
    places = []
    for line in table.strip().splitlines():
        name, municipality, prefixes, weight, codes = line.split("|")
        places.append(Place(name, municipality, tuple(prefixes.split()), float(weight), tuple(codes.split())))
    return tuple(places)


PLACES = _parse(_PLACE_TABLE)

SURNAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
    "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
    "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand",
    "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie",
    "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Kristensen",
    "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen", "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas",
    "Myhre", "Hanssen", "Ahmed", "Haugland", "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Berntsen", "Sandvik",
    "Rønning", "Arnesen", "Antonsen", "Næss", "Vik", "Haug", "Ellingsen", "Thorsen", "Edvardsen", "Birkeland",
    "Isaksen", "Gulbrandsen", "Ruud", "Aasen", "Strøm", "Myklebust", "Tangen", "Ødegård", "Eliassen", "Helland", "Bøe",
    "Jenssen", "Aune", "Mikkelsen", "Tveit", "Brekke", "Abrahamsen", "Madsen", "Fjeld", "Nordby", "Tveten", "Vold",
    "Bjerke", "Engen", "Sunde", "Kvam", "Skaug", "Rød", "Dale", "Kleven", "Grønvold", "Bjørnstad", "Langeland",
    "Fossum", "Stene", "Hovland", "Tønnessen", "Løken", "Kolstad", "Våge", "Mjelde", "Kowalski", "Nowak", "Hussain",
    "Khan", "Tran", "Hellesøy", "Ulvestad", "Grimstad", "Fagerli", "Sørli", "Øverland", "Brattli",
]
FIRST_NAMES = [
    "Ola", "Kari", "Per", "Lars", "Jan", "Knut", "Bjørn", "Arne", "Tor", "Geir", "Terje", "Morten", "Espen", "Thomas",
    "Martin", "Anders", "Jonas", "Erik", "Hans", "Ole", "Kjell", "Svein", "Rune", "Trond", "Stian", "Kristian",
    "Magnus", "Henrik", "Sindre", "Eirik", "Øyvind", "Ståle", "Åse", "Anne", "Inger", "Liv", "Hilde", "Marit",
    "Ingrid", "Silje", "Camilla", "Nina", "Tone", "Heidi", "Ida", "Sofie", "Nora", "Mohammed", "Piotr", "Tomasz",
    "Kjetil", "Frode", "Roger", "Håkon", "Vegard", "Sigurd", "Ragnhild", "Solveig", "Gunnar", "Odd", "Tore", "Jørgen",
]
# Word stems of invented place- and nature-style names ("Fjellheim", "Bjørkli", "Nordvik").
STEM_HEADS = ["Fjell", "Bjørk", "Nord", "Sør", "Vest", "Øst", "Stor", "Sol", "Grøn", "Sand", "Stein", "Lyng", "Eik",
              "Ask", "Furu", "Hval", "Elv", "Sjø", "Hav", "Bre", "Lys", "Ny", "Rogn", "Lind", "Ørn", "Falk", "Ulv",
              "Rev", "Gran", "Kvit", "Blå", "Rød", "Mål", "Skog", "Fos", "Li", "Myr", "Ås", "Dal", "Holm"]
STEM_TAILS = ["heim", "li", "vik", "nes", "dal", "berg", "haug", "lund", "land", "stad", "voll", "rud", "sæter", "mo",
              "bakken", "holmen", "strand", "tun", "gard", "fjord", "ås", "eng", "bu", "sund"]
REGIONS = ["Sunnmøre", "Romerike", "Jæren", "Hedmark", "Trøndelag", "Hardanger", "Helgeland", "Lofoten", "Vestfold",
           "Agder", "Nordmøre", "Ryfylke", "Follo", "Valdres", "Hallingdal", "Toten", "Sunnhordland", "Salten",
           "Finnmark", "Telemark", "Namdal", "Østfold", "Asker og Bærum", "Fosen", "Nordfjord", "Gudbrandsdal"]
# Invented brand-like names ("Norvex", "Tekvik"): syllables that Norwegian firms' coined names are built from.
COIN_HEADS = ["Nor", "Tek", "El", "By", "Pro", "Vi", "Al", "Kon", "Mon", "Ter", "Ax", "Sen", "Ve", "Ar", "Lin", "Stra",
              "Kva", "Mek", "Dri", "Opt", "Sig", "Vin", "Ren", "Ul", "Tor", "Bra"]
COIN_TAILS = ["vex", "nor", "tek", "ko", "tera", "vik", "lux", "mont", "dal", "sys", "tec", "ma", "com", "ia", "on",
              "ra", "bygg", "plan", "form", "norr", "ta", "vent", "elle", "rix"]
# Trades of the customers and suppliers of a field-service firm, with the abbreviations people type.
TRADES = ["Bygg", "Byggservice", "Elektro", "Elektroservice", "Rør", "Rørleggerservice", "VVS", "Maskin",
          "Maskinservice", "Transport", "Regnskap", "Eiendom", "Service", "Tak", "Tak og Fasade", "Maling",
          "Maling og Tapet", "Ventilasjon", "Anlegg", "Snekkeri", "Kjøleservice", "Kulde", "Data", "IT", "Handel",
          "Entreprenør", "Graving", "Betong", "Blikkenslager", "Glass", "Gulv", "Flis og Mur", "Mur", "Låsservice",
          "Renhold", "Vaktmestertjenester", "Kran", "Stillas", "Sveis", "Sikkerhet", "Energi", "Automasjon",
          "Varmepumper", "Brannsikring", "Heis", "Hageservice", "Bilverksted", "Dekk og Felg", "Eiendomsservice",
          "Drift", "Teknikk", "Installasjon", "Montasje", "Industri", "Mekaniske Verksted", "Utleie", "Consult",
          "Prosjekt", "Interiør", "Kjøkken og Bad", "Bygg og Anlegg", "Elektro og Automasjon", "Trelast",
          "Bakeri", "Kafé", "Hotell", "Frisør", "Tannlegesenter", "Legesenter", "Barnehage", "Regnskapskontor"]
ABBREVIATIONS = {"Brødrene": "Brdr.", "Entreprenør": "Entr.", "Elektro": "El.", "Service": "Serv.",
                 "Transport": "Transp.", "Eiendom": "Eiend.", "Rørleggerservice": "Rørl.service", "Borettslag": "Brl",
                 "Borettslaget": "Brl.", "Vaktmestertjenester": "Vaktmester", "Mekaniske": "Mek.",
                 "Maskinservice": "Maskinserv.", "Installasjon": "Inst.", "Sameiet": "Sameie", "Gate": "gt.",
                 "Gata": "gt.", "Veien": "vn."}
# Trades written as a person's title in a sole proprietorship's name ("Rørlegger Ola Hansen").
PERSON_TRADES = ["Rørlegger", "Malermester", "Elektriker", "Snekker", "Tømrer", "Murer", "Blikkenslager",
                 "Taktekker", "Låsesmed", "Flislegger", "Maskinentreprenør", "Vaktmester", "Regnskapsfører",
                 "Rådgiver", "Transport", "Bygg", "Maling", "Elektro", "Rør", "Graving"]
GROUP_SIBLINGS = ["Holding", "Eiendom", "Drift", "Prosjekt", "Utleie", "Invest", "Maskin", "Service", "Eiendom II"]
STREETS = ["Storgata", "Kirkegata", "Industriveien", "Strandveien", "Sjøgata", "Parkveien", "Fjordveien",
           "Stasjonsveien", "Havnegata", "Nygata", "Skolegata", "Bakkegata", "Løkkeveien", "Elvegata", "Torggata",
           "Lilleborggata", "Kongens gate", "Dronningens gate", "Tollbugata", "Solheimsgaten"]
FREE_MAIL = ["gmail.com", "gmail.com", "gmail.com", "hotmail.com", "online.no", "outlook.com", "live.no",
             "yahoo.no", "icloud.com", "hotmail.no"]
ACCOUNTANTS = ["okonomihuset.no", "regnskapspartner.no", "tallverket.no", "fjordregnskap.no", "bilagsmottak.no",
               "regnskapsbyraa.no", "kontorservice-regnskap.no", "ehfmottak.no"]
TRANSLIT = {"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"}
TRANSLIT_ALT = {"æ": "ae", "ø": "oe", "å": "a", "Æ": "AE", "Ø": "OE", "Å": "A"}
