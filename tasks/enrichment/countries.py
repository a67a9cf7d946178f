"""Country rules: ISO 3166-1 alpha-2 codes (plus XK) for countries the text names or clearly refers to.

Counted (README "countries"):

* full, short and official names from pycountry, plus the aliases in ``_ALIASES`` ("U.S.",
  "UK", "DPRK", "Republic of Korea", "Kyrgyz Republic", "Brunei Darussalam", "Burma", ...);
* demonyms and adjectives (``_DEMONYMS``: Kazakh/Kazakhstani -> KZ, American -> US, ...),
  also inside organisation names and titles ("U.S. Embassy", "Ethiopian Federal Police");
* territories with their own code: Hong Kong -> HK, Macau -> MO, Gaza / West Bank /
  Palestinian -> PS, Kosovo -> XK (pycountry's other territories too, e.g. Puerto Rico);
* for statements in other languages, pycountry's translated names for that language, with
  inflected endings accepted for Cyrillic names, plus a few local demonyms.

Not counted: cities and regions (they are simply not in the tables); a country word inside a
geographic feature, disease or thing ("South China Sea", "Sudan Ebolavirus", "Gulf of Guinea",
"Indian Ocean", "Latin American", ...: ``_BLOCKERS``, matched first because the alternation is
longest-first); groups (EU, NATO, Central Asia); countries only implied by a person, an armed
group or a domain name (matching is case-sensitive, so "tt.usembassy.gov" is not "TT").
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache

import pycountry
import regex as re

from .trie import trie_pattern

_ALIASES: dict[str, str] = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "United States": "US",
    "United States of America": "US", "America": "US", "U. S.": "US",
    "UK": "GB", "U.K.": "GB", "United Kingdom": "GB", "Britain": "GB", "Great Britain": "GB",
    "Northern Ireland": "GB",
    "Russia": "RU", "Russian Federation": "RU",
    "South Korea": "KR", "Republic of Korea": "KR", "ROK": "KR", "Korea": "KR",
    "North Korea": "KP", "DPRK": "KP", "Democratic People's Republic of Korea": "KP",
    "People's Republic of China": "CN", "PRC": "CN", "China": "CN",
    "Taiwan": "TW", "Iran": "IR", "Islamic Republic of Iran": "IR", "Syria": "SY",
    "Vietnam": "VN", "Viet Nam": "VN", "Laos": "LA", "Lao PDR": "LA", "Moldova": "MD",
    "Republic of Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "United Republic of Tanzania": "TZ", "Czech Republic": "CZ", "Czechia": "CZ",
    "Slovak Republic": "SK", "Turkey": "TR", "Türkiye": "TR", "Turkiye": "TR",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI", "Côte d’Ivoire": "CI",
    "Burma": "MM", "Myanmar": "MM", "Macedonia": "MK", "North Macedonia": "MK",
    "Kyrgyz Republic": "KG", "Kyrgyzstan": "KG", "Brunei": "BN", "Brunei Darussalam": "BN",
    "Cape Verde": "CV", "Cabo Verde": "CV", "Swaziland": "SZ", "Eswatini": "SZ",
    "East Timor": "TL", "Timor-Leste": "TL", "Micronesia": "FM", "Vatican": "VA", "Holy See": "VA",
    "Democratic Republic of the Congo": "CD", "DRC": "CD", "DR Congo": "CD", "Congo": "CD",
    "Republic of the Congo": "CG", "Congo-Brazzaville": "CG", "The Gambia": "GM", "Gambia": "GM",
    "The Bahamas": "BS", "Bahamas": "BS", "Netherlands": "NL", "Holland": "NL",
    "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE", "Saudi Arabia": "SA", "KSA": "SA",
    "Palestine": "PS", "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS",
    "Occupied Palestinian Territory": "PS", "Palestinian Territories": "PS",
    "Kosovo": "XK", "Hong Kong": "HK", "Macau": "MO", "Macao": "MO",
    "Bosnia": "BA", "Bosnia and Herzegovina": "BA", "Bosnia-Herzegovina": "BA",
    "Trinidad": "TT", "Trinidad and Tobago": "TT", "Antigua": "AG", "St. Lucia": "LC",
    "Saint Lucia": "LC", "St. Kitts and Nevis": "KN", "St. Vincent and the Grenadines": "VC",
    "Sao Tome and Principe": "ST", "São Tomé and Príncipe": "ST", "Federated States of Micronesia": "FM",
}

_DEMONYMS = """
AF Afghan; AL Albanian; DZ Algerian; AO Angolan; AR Argentine Argentinian; AM Armenian;
AU Australian; AT Austrian; AZ Azerbaijani Azeri; BS Bahamian; BH Bahraini; BD Bangladeshi;
BB Barbadian; BY Belarusian; BE Belgian; BZ Belizean; BJ Beninese; BT Bhutanese; BO Bolivian;
BA Bosnian; BW Botswanan Motswana; BR Brazilian; GB British Briton; BN Bruneian; BG Bulgarian;
BF Burkinabe; MM Burmese; BI Burundian; KH Cambodian; CM Cameroonian; CA Canadian;
CV Cabo Verdean Cape Verdean; CF Central African; TD Chadian; CL Chilean; CN Chinese;
CO Colombian; KM Comorian; CD Congolese; CR Costa Rican; HR Croatian Croat; CU Cuban;
CY Cypriot; CZ Czech; DK Danish Dane; DJ Djiboutian; DO Dominican; NL Dutch; EC Ecuadorian;
EG Egyptian; SV Salvadoran; GQ Equatoguinean; ER Eritrean; EE Estonian; ET Ethiopian;
FJ Fijian; FI Finnish Finn; FR French; GA Gabonese; GM Gambian; GE Georgian; DE German;
GH Ghanaian; GR Greek; GT Guatemalan; GN Guinean; GY Guyanese; HT Haitian; HN Honduran;
HU Hungarian; IS Icelandic; IN Indian; ID Indonesian; IR Iranian; IQ Iraqi; IE Irish;
IL Israeli; IT Italian; CI Ivorian; JM Jamaican; JP Japanese; JO Jordanian;
KZ Kazakh Kazakhstani; KE Kenyan; XK Kosovar Kosovan; KW Kuwaiti; KG Kyrgyz Kyrgyzstani;
LA Lao Laotian; LV Latvian; LB Lebanese; LR Liberian; LY Libyan; LT Lithuanian;
LU Luxembourgish Luxembourger; MK Macedonian; MG Malagasy; MW Malawian; MY Malaysian;
MV Maldivian; ML Malian; MT Maltese; MR Mauritanian; MU Mauritian; MX Mexican; MD Moldovan;
MN Mongolian; ME Montenegrin; MA Moroccan; MZ Mozambican; NA Namibian; NP Nepali Nepalese;
NZ Zealander; NI Nicaraguan; NE Nigerien; NG Nigerian; KP North Korean; NO Norwegian;
OM Omani; PK Pakistani; PS Palestinian; PA Panamanian; PG Papua New Guinean; PY Paraguayan;
PE Peruvian; PH Filipino Philippine; PL Polish Pole; PT Portuguese; QA Qatari; RO Romanian;
RU Russian; RW Rwandan; WS Samoan; SA Saudi; SN Senegalese; RS Serbian Serb; SC Seychellois;
SL Sierra Leonean; SG Singaporean; SK Slovak Slovakian; SI Slovenian Slovene; SO Somali;
ZA South African; KR South Korean Korean; SS South Sudanese; ES Spanish Spaniard;
LK Sri Lankan; SD Sudanese; SR Surinamese; SE Swedish Swede; CH Swiss; SY Syrian;
TW Taiwanese; TJ Tajik Tajikistani; TZ Tanzanian; TH Thai; TL Timorese; TG Togolese;
TO Tongan; TT Trinidadian; TN Tunisian; TR Turkish Turk; TM Turkmen Turkmenistani;
UG Ugandan; UA Ukrainian; AE Emirati; US American; UY Uruguayan; UZ Uzbek Uzbekistani;
VE Venezuelan; VN Vietnamese; YE Yemeni; ZM Zambian; ZW Zimbabwean
"""

#: Phrases whose country word does not name a country (features, diseases, regions, cities).
_BLOCKERS = (
    "South China Sea", "East China Sea", "Sea of Japan", "Philippine Sea", "Indian Ocean",
    "Arabian Sea", "Gulf of Guinea", "Gulf of Mexico", "Irish Sea", "English Channel",
    "Korean Peninsula", "Korean War", "Sudan Ebolavirus", "Sudan ebolavirus", "Sudan virus",
    "Zaire ebolavirus", "Zaire Ebolavirus", "Guinea worm", "Crimean-Congo", "Spanish flu",
    "Japanese encephalitis", "German measles", "Congo River", "Congo Basin", "Niger River",
    "Niger Delta", "Panama Canal", "Panama Papers", "New Mexico", "New Jersey", "Jersey City",
    "Mexico City", "Panama City", "Guatemala City", "Kuwait City", "Djibouti City",
    "Latin America", "Latin American", "Central America", "Central American", "South America",
    "South American", "North America", "North American", "the Americas", "Americas",
    "Inter-American", "Pan American", "Pan-American", "Central African Republic",
    "Indian Country", "American Samoa", "Virgin Islands", "New Guinea", "Dominican Republic",
    "Guinea-Bissau", "Equatorial Guinea", "Papua New Guinea", "South Sudan", "South Africa",
    "Georgia Avenue", "Luxembourg Palace", "Marshall Plan",
    # a policy named after a country is a thing, like "South China Sea" (the U.S. one China policy)
    "one China policy", "One China policy", "One China Policy", "one-China policy", "One-China policy",
)
_BLOCK_CODE = {  # blockers that are themselves country names
    "Central African Republic": "CF", "American Samoa": "AS", "Dominican Republic": "DO",
    "Guinea-Bissau": "GW", "Equatorial Guinea": "GQ", "Papua New Guinea": "PG",
    "South Sudan": "SS", "South Africa": "ZA", "Virgin Islands": None, "New Guinea": None,
}

#: Local demonyms / short forms for statements in other languages (stems; endings vary).
_LOCAL: dict[str, dict[str, str]] = {
    "ru": {"США": "US", "Соединенн": "US", "Соединённ": "US", "американск": "US", "Америк": "US",
           "российск": "RU", "Росси": "RU", "казахстанск": "KZ", "казахск": "KZ", "китайск": "CN",
           "британск": "GB", "Великобритан": "GB", "украинск": "UA", "французск": "FR",
           "германск": "DE", "японск": "JP", "узбекск": "UZ", "кыргызск": "KG", "таджикск": "TJ",
           "туркменск": "TM", "афганск": "AF", "ЕС": ""},
    "es": {"EE. UU.": "US", "EE.UU.": "US", "EEUU": "US", "estadounidense": "US", "norteamericano": "US",
           "norteamericana": "US", "mexicano": "MX", "mexicana": "MX", "español": "ES", "española": "ES",
           "colombiano": "CO", "colombiana": "CO", "venezolano": "VE", "venezolana": "VE",
           "cubano": "CU", "cubana": "CU", "argentino": "AR", "argentina": "AR", "peruano": "PE",
           "guatemalteco": "GT", "hondureño": "HN", "salvadoreño": "SV", "nicaragüense": "NI",
           "panameño": "PA", "chileno": "CL", "ecuatoriano": "EC", "boliviano": "BO", "ruso": "RU",
           "rusa": "RU", "chino": "CN", "china": "CN", "ucraniano": "UA", "ucraniana": "UA"},
    "fr": {"américain": "US", "américaine": "US", "français": "FR", "française": "FR",
           "britannique": "GB", "russe": "RU", "chinois": "CN", "chinoise": "CN", "allemand": "DE",
           "allemande": "DE", "ukrainien": "UA", "ukrainienne": "UA", "canadien": "CA",
           "canadienne": "CA", "malien": "ML", "malienne": "ML", "sénégalais": "SN",
           "ivoirien": "CI", "ivoirienne": "CI", "marocain": "MA", "marocaine": "MA",
           "algérien": "DZ", "tunisien": "TN", "haïtien": "HT", "congolais": "CD"},
    "pt": {"EUA": "US", "norte-americano": "US", "norte-americana": "US", "brasileiro": "BR",
           "brasileira": "BR", "português": "PT", "portuguesa": "PT", "angolano": "AO",
           "moçambicano": "MZ"},
    "ar": {"الأمريكي": "US", "الأمريكية": "US", "الأميركية": "US", "الأميركي": "US", "واشنطن": ""},
}


def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value] = c.alpha_2
                if " (" in value:
                    names[value.split(" (")[0]] = c.alpha_2  # "Falkland Islands (Malvinas)"
    return names


_MULTIWORD = (
    "Costa Rican", "Central African", "North Korean", "South Korean", "South African",
    "South Sudanese", "Sri Lankan", "Sierra Leonean", "Papua New Guinean", "Cabo Verdean",
    "Cape Verdean",
)


def _demonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for chunk in _DEMONYMS.split(";"):
        code, rest = chunk.split(None, 1)
        words: list[str] = []
        for phrase in _MULTIWORD:
            if phrase in rest:
                words.append(phrase)
                rest = rest.replace(phrase, " ")
        words += rest.split()
        for w in words:
            out[w] = code
            if not w.endswith(("s", "sh", "ch", "ese")):
                out[w + "s"] = code
    return out


def _build_english() -> tuple[re.Pattern, dict[str, str | None]]:
    table: dict[str, str | None] = {}
    table.update(_pycountry_names())
    table.update(_demonyms())
    table.update(_ALIASES)
    for phrase in _BLOCKERS:
        table[phrase] = _BLOCK_CODE.get(phrase)
    pattern = re.compile(rf"(?<![\p{{L}}\d./@])(?:{trie_pattern(table)})(?![\p{{L}}\d])")
    return pattern, table


_EN_PATTERN, _EN_TABLE = _build_english()
_LOCALES = os.path.join(os.path.dirname(pycountry.__file__), "locales")


@lru_cache(maxsize=16)
def _local_table(lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    """Translated country names (pycountry's gettext catalogues) plus local demonyms."""
    table: dict[str, str] = {}
    try:
        trans = gettext.translation("iso3166-1", _LOCALES, languages=[lang])
    except OSError:
        trans = None
    if trans is not None:
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    local = trans.gettext(value)
                    if local != value and "," not in local and len(local) >= 4:
                        table[local] = c.alpha_2
    for word, code in _LOCAL.get(lang, {}).items():
        table[word] = code
    if not table:
        return None
    cyrillic = lang in {"ru", "uk", "bg", "kk", "ky", "tg", "mn", "sr", "mk", "be"}
    parts = []
    for k in sorted(table, key=len, reverse=True):
        esc = re.escape(k)
        if cyrillic and len(k) >= 5 and " " not in k:
            stem = re.escape(k[:-1]) if k[-1] in "аяйоеьы" else esc
            esc = stem + r"\p{L}*"
        elif lang in _LOCAL and k in _LOCAL[lang]:
            esc = esc + (r"\p{L}*" if cyrillic else r"s?")
        parts.append(esc)
    left = r"(?<![\p{L}\d])" if lang != "ar" else r"(?<![\d])"
    pattern = re.compile(rf"{left}(?:{'|'.join(parts)})(?![\p{{L}}\d])" if lang != "ar" else rf"(?:{'|'.join(parts)})")
    return pattern, table


def _lookup_local(match: str, table: dict[str, str]) -> str | None:
    if match in table:
        return table[match] or None
    best = None
    for k, code in table.items():
        if match.startswith(k[:-1] if k[-1] in "аяйоеьы" else k) and (best is None or len(k) > len(best[0])):
            best = (k, code)
    return (best[1] or None) if best else None


#: A country word that opens the name of a geographic feature or a thing, or that qualifies a
#: currency, names no country ("Taiwan Strait", "Grand Ethiopian Renaissance Dam", "Kenya Airways",
#: "US dollars"); up to two more capitalised words may come between ("Ethiopian Renaissance Dam").
_THING_AFTER = re.compile(
    r"(?:\s+\p{Lu}[\p{L}'’-]*){0,2}\s+(?:Sea|Strait|Straits|Ocean|Gulf|Peninsula|River|Basin|Delta|Canal|Dam|"
    r"Mountains|Desert|Lake|Bay|Channel|Airlines|Airways|Trough|Rift)\b|"
    r"\s+(?:dollars?|Dollars?|pesos?|rupees?|yen|shillings?|Shillings?|euros?|pounds?|francs?|naira|dinars?|"
    r"dirhams?|riyals?|rials?|lira|manat|tenge|lari|kwacha|cedis?|birr|baht|ringgit|rupiah|yuan|renminbi)\b"
)


def find_countries(text: str, lang: str | None = None) -> dict[str, int]:
    """ISO codes -> number of mentions in ``text`` (already caps-normalised; see textutil)."""
    counts: dict[str, int] = {}
    for m in _EN_PATTERN.finditer(text):
        code = _EN_TABLE.get(m.group())
        if code and _THING_AFTER.match(text, m.end()):
            continue
        if code:
            counts[code] = counts.get(code, 0) + 1
    if lang and lang != "en":
        local = _local_table(lang)
        if local:
            pattern, table = local
            for m in pattern.finditer(text):
                code = _lookup_local(m.group(), table)
                if code:
                    counts[code] = counts.get(code, 0) + 1
    return dict(sorted(counts.items()))


def is_country_name(phrase: str, lang: str | None = None) -> bool:
    """Whether ``phrase`` as a whole is a country or territory name (or a blocked place such as
    "New Guinea"), in English or in ``lang``: "Burkina Faso" is never a person."""
    if phrase in _EN_TABLE:
        return True
    if lang and lang != "en":
        local = _local_table(lang)
        if local and local[0].fullmatch(phrase):
            return True
    return False

