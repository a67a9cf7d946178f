"""People rules: every named person, with the title phrase attached to them.

How a mention is found (README "people"):

* **Title + name** - a capitalised run that contains a title head (President, Minister,
  Secretary, Ambassador, Spokesperson, Mayor, ...) followed by a name: the title is the head
  with its qualifiers and of/for-phrases ("First Deputy Foreign Minister of Kazakhstan"), the
  name is what follows the last title word ("Kairat Umarov").
* **Name, title** - an appositive after the name ("Awol Arba, President of the Afar Regional
  State"; "MICHAEL R. POMPEO, SECRETARY OF STATE"); it beats a rank prefix on the same mention.
* **Honorific + name** - Mr, Ms, Dr, H.E., His Excellency, Sir, Dato ...: the honorific is
  dropped and is not a title ("Dr. Jashari" -> "Jashari", title None).
* **Bare names** - two to four capitalised name words that are not organisation, place,
  calendar or common words ("Paul Whelan", "Jose Couso"), single famous surnames
  ("Putin's war"), and first names after kinship words ("my wife Wendy"). A bare name needs
  *evidence* (``evidence.py``): a Census given name first, a family-name ending, a speech verb,
  a person noun or a describing appositive next to it, a contact line, a supported person it is
  listed with, or a supported mention of the same person elsewhere. Festivals, landmarks,
  districts, time zones, outlets, diseases, currencies and plural nouns have none.
* **Surname alone after a title** - "President X", "Speaker Y", also when the surname is a
  common word the Census surname list knows ("Mayor Park", "Senator Church") or is printed in
  capitals ("Foreign Minister OKADA", "Mr. SUGAWARA"). Longer forms of address are dropped
  ("Pehin Dato", "Tan Sri", "Datuk Seri", "Samdech"), and "His Majesty" is no part of a title.
* **Facilities named after people** - a titled name that runs on into a facility or award noun
  ("King Hamad Hospital", "President Obote Avenue") is a thing.
* **Not people** - a bare run that is a country or territory name ("Burkina Faso"), contains a
  street/geographic noun or comes right after one ("Plaza San Martín", "... Shoal", "Triple
  Frontera"), starts with an article ("Les Cayes"), has a number word ("Six Assurances") or an
  acronym compound ("NATO-led"), follows a determiner ("his Official Visit"), or continues a
  title's of-phrase ("Ministre de la Santé, de l'Hygiène Publique ..." is all title).
* Hyphenated title heads count as heads ("Under-Secretary-General Rosemary DiCarlo"); other
  languages' lower-case appositive roles count as titles ("..., корреспондент газеты X").
* MOFA capitalised surnames are title-cased and keep their order ("KAMIKAWA Yoko" ->
  "Kamikawa Yoko"); diacritics are kept.

* **Plural titles and speaker tags** - "Senators X and Y" names two titled people; a transcript's
  capital speaker tag ("AMBASSADOR X: ...") is read in title case.

Merging: a surname-only mention ("Assistant Secretary Lu") joins the fuller name ("Donald Lu"), and
so does the same name without its middle initials or diacritics, or in reversed order ("Kamikawa
Yoko" / "Yoko Kamikawa");
the name is the fullest form; the title is the one at the fullest-name mention (appositive
before prefix), else the first title any mention gives. Order is first appearance.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .countries import find_countries, is_country_name
from .textutil import smart_title
from .evidence import ARABIC_ARTICLE, PERSON_NOUNS, bare_name_supported, has_surname_ending, is_given_name, is_surname

HEADS = frozenset(
    """President Vice-President President-elect Premier Minister Ministers Secretary Secretary-General
    Presidents Secretaries Ambassadors Senators Governors Mayors Congressmen Congresswomen
    Under Undersecretary Ambassador Ambassador-at-Large Spokesperson Spokesman Spokeswoman Mayor Governor
    Governor-General Senator Representative Congressman Congresswoman Speaker MP Chancellor King Queen Prince
    Princess Emir Amir Sultan Sheikh Chairman Chairwoman Chair Chairperson Director Director-General
    Administrator Commissioner Envoy Coordinator Consul Counselor Counsellor Admiral Colonel Lieutenant
    Commander Captain Sergeant Judge Justice Pope Patriarch Bishop Archbishop Cardinal Rabbi Imam Chief Officer
    Advisor Adviser Lord Baroness Baron Leader Head Attaché Attache Chargé Charge Member Delegate Professor
    Dean Rector CEO Founder Ombudsman Ombudsperson Rapporteur Negotiator Prosecutor Attorney Inspector Superintendent Marshal General Major
    Secretary-designate Deputy Vice Assistant Permanent Principal Acting Crown Lady Emperor Empress Councillor
    Councilor Governor-elect MEC Brigadier Amb. Sen. Rep. Gov. Gen. Lt. Maj. Col. Adm. Capt. Sgt. Pres. Sec.
    Cmdr. Brig. PM Tánaiste Taoiseach Commodore Specialist Prefect Préfet Préfète Prefetto Manager Observer Spokesperson's Presidente Ministro Embajador Secretario Canciller Président Ministre
    Ambassadeur Secrétaire Президент Министр Посол Госсекретарь Председатель Премьер-министр Embaixador Embaixadora
    Embajadora Ministra Secretária Secretário Cônsul Cónsul Encargado Encarregado Consule Ambassadrice
    Présidente Vicepresidente Vice-presidente Gobernador Governador Alcalde Prefeito Maire Senador Sénateur
    Diputado Deputado Député Präsident Kanzler Sprecher Konsul Konsulin Gouverneur Diretor Diretora Directora
    Directeur Directrice Вице-президент Губернатор Мэр Сенатор Депутат Консул""".split()
)
#: Heads that need a following name and count as titles on their own ("Ambassador Delawie").
_PREFIX_PARTS = frozenset(
    """Affairs State Foreign Defense Defence Republic Federation Kingdom Union Embassy Ministry Department Office
    Region Regional South North East West Central Asian African European Eastern Western Southern Northern Near
    Middle Pacific Atlantic Indo-Pacific Security Development International Economic Political Public Diplomacy
    Trade Commerce Finance Economy Treasury Interior Home Justice Health Education Environment Energy
    Agriculture Labor Labour Culture Tourism Transport Communications Information Industry Cooperation Relations
    Commonwealth Nations Assembly Council Committee Commission Agency Administration Government Parliament
    Congress House Senate People's Democratic Islamic Arab Federal National Military Armed Forces Army Navy Air
    Force Staff Joint Chiefs Command Police Mission Delegation Operations Programs Services Consular Citizens
    Population Refugees Migration Human Rights Democracy Counterterrorism Nonproliferation Arms Control
    Management Resources Legislative Intelligence Research Science Technology Innovation Digital Cyber Space
    Climate Water Oceans Fisheries Legal Environmental Scientific Narcotics Law Enforcement Conflict
    Stabilization Global Women's Issues Youth Sports Family Social Emergency Planning Policy Strategy Investment
    Infrastructure Transportation Construction Urban Rural Territory Province City Municipality District County
    Bureau Secretariat Organization Organisation Bank Fund Court Tribunal UN EU NATO OSCE ASEAN AU U.S. US UK
    First Second Third Senior Special High Executive Chief General Geral Général Générale Deputy Assistant Under Principal Acting
    Permanent Vice Prime Minister President Secretary Ambassador Representative Envoy Coordinator Director
    United States America Afar Energy Labor Parliamentary Presidential Royal Majesty Highness Lords Commons
    Overseas Minister-Counselor Counselor Consul Consulate Peninsula Affairs HR/VP Spokesperson Spokesman
    Initiatives Reform Reforms""".split()
)
HONORIFICS = frozenset(
    "Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Mme Mme. Madam Madame Sir Dame Dato Dato' Datuk Dato’ H.E. HE His Her "
    "Excellency Hon Hon. Honorable Honourable M. Monsieur Señor Sr. Sra. Herr Frau Prof. Messrs "
    "Datin Pehin Samdech Rt Rt.".split()
)
#: Words that continue an honorific into a longer form of address ("Datuk Seri", "Dato Seri Setia",
#: "Yang Berhormat", "Tan Sri"): dropped with it.
_HONORIFIC_CONT = frozenset("Seri Sri Setia Paduka Utama Berhormat Mulia Amar Lela Diraja".split())
#: Two-word forms of address whose first word is also a surname ("Tan Sri", "Yang Berhormat").
_HONORIFIC_PAIRS = frozenset(
    {("Tan", "Sri"), ("Yang", "Berhormat"), ("Yang", "Mulia"), ("Toh", "Puan"), ("Right", "Honourable"), ("Right", "Hon"),
     ("The", "Rt"), ("the", "Rt"), ("the", "Hon"), ("The", "Hon")}
)
#: Letters after a name: a parliamentary title ("Alan Pike MP"), which is the title when no other is
#: given, or honours ("OBE", "KCMG"), which are neither name nor title.
_POSTNOMINAL_TITLES = frozenset("MP MEP MSP MS MLA TD".split())
_POSTNOMINAL_HONOURS = frozenset("OBE CBE MBE KBE DBE GBE CMG KCMG GCMG KCB GCB QC KC CH PC FRS".split())


#: Words of a form of address that can open a title run after "His"/"Her" ("His Majesty Sultan ...").
_ADDRESS_WORDS = frozenset("Majesty Highness Royal Excellency Honourable Honorable".split())


def _honorific_len(toks: list["_Tok"]) -> int:
    """How many leading tokens are a form of address ("H.E. Mr.", "Pehin Dato Seri Setia", "Tan Sri")."""
    i = 0
    while i < len(toks):
        t = toks[i].text
        if t in HONORIFICS:
            i += 1
        elif i + 1 < len(toks) and (t, toks[i + 1].text) in _HONORIFIC_PAIRS:
            i += 2
        elif i > 0 and t in _HONORIFIC_CONT:
            i += 1
        else:
            break
    return i
_STOP = frozenset(
    """The This That These Those A An In On At For With From By To Of As If When While During After Before Since
    Until Today Yesterday Tomorrow Tonight Now We Our Us I You Your He She They It Its His Her Their My Both All
    Each Every Some Many Most Several Such Other Another Please Do Does Did Not No Yes Also And But Or Thank
    Thanks Good Dear Ladies Gentlemen Congratulations Excellencies Here There Where What Which Who Why How
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Christmas Easter Thanksgiving Ramadan Diwali Hanukkah Nowruz Navruz
    Kwanzaa Passover Eid Vesak Songkran Center Centre Centers Clinic Hospital University College School
    Institute Academy Foundation Fund Bank Corporation Company Group Unit Section Office Department Ministry
    Agency Service Services Council Committee Commission Command Forces Force Corps Army Navy Police Guard Court
    Parliament Assembly Congress Senate House Government Administration Embassy Consulate Mission Program
    Programme Project Initiative Partnership Dialogue Summit Conference Forum Meeting Session Agreement Treaty
    Act Law Resolution Proclamation Declaration Statement Report Strategy Plan Framework Alliance Union
    Organization Association Network Coalition Party Movement Front Federation Republic Kingdom Federal National
    International Global Regional Central Strategic Enhanced Security Health Care Disease Infectious Visa
    Citizen Citizens Travel Notice Alert Affairs Foreign Defense Defence Development Cooperation Trade Investment
    Infrastructure Energy Climate Economic Human Rights Day Week Year Month Road Street Avenue Boulevard Square
    Park Airport Station Port Bridge Causeway Tunnel Expressway Motorway Freeway Lake River Sea Ocean Gulf Island
    Islands Mountain Mountains Valley District
    Region Province State States City County Municipality Village Town Capital North South East West Northern
    Southern Eastern Western Middle Upper Lower Saint St. Holy Royal Supreme High General Special Joint United
    Nations Europe European Asia Asian Africa African Americas Latin Pacific Atlantic Arctic Caribbean Balkans
    COVID COVID-19 Ebola Virus Pandemic Vaccine Hurricane Typhoon Cyclone Tornado Tsunami Internet Website Level
    Phase Stage Article Chapter Annex Part
    Leader Leaders Remarks Readout Press Media Note Fact Sheet Joint Begin End Text Event Events Location Actions
    Take Assistance Emergency Information Contact Contacts Email Tel Phone Fax Website Twitter Facebook Instagram
    Minister Secretary Treasury Interior Justice Education Environment Agriculture Labor Commerce Culture
    Diplomatic Consular Immigrant Nonimmigrant Passport Services Unit Citizens Topics News Posted By Source
    Channel Television Radio TV
    English Arabic French Spanish Russian Muslim Christian Jewish Catholic Orthodox Islamic Democratic
    Democrats Republicans Republican Conservative Labour Liberal Green Greens Independence Victory Liberation
    Memorial Museum Library Cathedral Church Mosque Temple Palace Hall Tower Building Plaza Hotel Stadium
    Olympic Olympics Games Cup Prize Award Medal Fellowship Scholarship Exchange Alumni Youth Women Children
    Foreign Ministers Governments Delegation Delegations Presidential Prime Parliamentary Vice Deputy Acting
    Arms Military Maritime Combined Construct Leader Galaxy Houthis Houthi Hamas Hezbollah Taliban ISIS Daesh
    Al-Shabaab Wagner Team Teams Operation Operations Task Station Camp Base Zone Area Areas Border Line Corridor
    Gate Main Route Highway Motorway Train Rail Railway Metro Bus Flight Airlines Airways Air Ship Vessel MV
    Secretariat Platform Format Agenda Goals Sustainable Millennium Challenge Threat Reduction Response Relief
    Recovery Reconstruction Peace Process Talks Negotiations Ceasefire Truce War Crisis Conflict Revolution
    Ciudad Diálogo Económico Alto Nivel Ministerio Secretaría Gobierno República Estado Estados Unidos Nacional
    Consejo Comisión Embajada Unión Europea Naciones Unidas Ambassade Gouvernement Conseil Ville Sécurité
    Unies Assemblée Parlement Ministère République Union Européenne Министерство Правительство Совет Посольство
    Федерации Государственный Организация Объединенных Наций Soviet Immediate Release Releases Update Updated
    Last Reissued Review Ordered Departure Status Summary Background Overview Contact Contacts Notes Editors
    Haram Tahrir Shabaab Qaeda Nusra Jihad Ansar Jamaat Jama'at Hizballah Hizbullah Mujahideen Cartel
    Por Par O Os Embaixada Consulado Consulados Consulat Consulats Temas Thèmes Tópicos Темы Noticias
    Notícias Actualités Новости""".split()
)
_BREAK = frozenset("With And At In By From Over After Amid During Against Into Via Between".split())
_ARTICLES = ("the ", "The ", "El ", "La ", "Le ", "Les ", "Los ", "Las ", "Der ", "Die ", "L'", "L’")
_PARTICLES = frozenset("bin binti ibn al el van von der den de da di do du la le dos das del y abu bint".split())
_FAMOUS = frozenset(
    """Putin Lukashenko Zelenskyy Zelensky Biden Trump Obama Assad Erdogan Erdoğan Netanyahu Maduro Khamenei
    Raisi Navalny Modi Macron Scholz Merkel Sunak Kishida Lavrov Blinken Pompeo Tillerson Guterres Stoltenberg
    Borrell Mogherini Tokayev Nazarbayev Mirziyoyev Rahmon Berdimuhamedov Japarov Aliyev Pashinyan Orban Orbán
    Lula Milei Bolsonaro Ortega Kadyrov Prigozhin Shoigu Medvedev Hitler Stalin Mandela Gandhi""".split()
)
_PLACES = frozenset(
    """Addis Ababa|New York|New Delhi|Kuala Lumpur|Buenos Aires|Abu Dhabi|Phnom Penh|San José|San Jose|Santo Domingo
    |Port Louis|Port Moresby|Dar es Salaam|Tel Aviv|Hong Kong|Sri Lanka|Costa Rica|Saudi Arabia|El Salvador
    |Nur-Sultan|Mexico City|Panama City|Guatemala City|Kuwait City|Ho Chi Minh City|Rio de Janeiro|Sao Paulo
    |São Paulo|Cape Town|St. Petersburg|Saint Petersburg|Los Angeles|San Francisco|Chiang Mai|Las Vegas
    |New Orleans|Puerto Rico|San Juan|Port of Spain|Port-au-Prince|Bandar Seri Begawan|Ulaan Baatar
    |Ulaanbaatar|Addis|Sierra Leone|South Africa|North Korea|South Korea|West Bank|Gaza Strip|Red Sea
    |Black Sea|Persian Gulf|Middle East|Central Asia|South Asia|East Asia|Southeast Asia|Latin America
    |North America|South America|Washington DC|Washington D.C.|Dragash|Colombo|Kampala|Almaty|Astana""".replace("\n", "").split("|")
)
_KIN = re.compile(
    r"\b(?:(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur) (?:wife|husband|son|daughter|mother|father|brother|sister|partner|friend|colleague)|"
    r"[Mm]eine? (?:Mann|Frau|Sohn|Tochter|Bruder|Schwester)|[Mm]on (?:mari|fils|frère)|[Mm]a (?:femme|fille|sœur)|"
    r"[Mm]i (?:esposa|esposo|marido|mujer|hijo|hija))"
    r",?\s+(\p{Lu}\p{Ll}+)"
)
_LEADING_ARTICLES = frozenset("the The El La Le Les Los Las Der Die O A Os As".split())
_ELISION = re.compile(r"^(?:[LlDdJjNnSsCcMmTt]|Qu|qu)['’](?=\p{L})")
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Mme|Hon|Prof|St|Jr|Sr|Sra|Gen|Lt|Col|Capt|Sgt|Adm|Amb|Sen|Rep|Gov|Maj|Pres|Sec|Cmdr|Brig)\.|U\.\s?S\.|U\.K\.|H\.E\.|D\.C\.|a\.\s?i\.|"
    r"\p{Lu}\.(?=\s)|[\p{L}\d][\p{L}\d'’\-]*[\p{L}\d]|[\p{L}]|[^\s]"
)
_CONNECT_PREFIX = frozenset("of for and the on to d' de del da do dos das du des di degli della delle dello dei e".split())
_CONNECT_APPOS = _CONNECT_PREFIX | {"in", "at"}
_NON_EN_MODIFIER = re.compile(
    r"(?i)(?:временн\w*|перв\w*|генеральн\w*|специальн\w*|чрезвычайн\w*|исполняющ\w*|"
    r"primer[oa]?|vice|sous|premi[eè]re?|primeir[oa])"
)
_NON_EN_HEADS = re.compile(
    # Russian heads in any case ending ("министра", "послом", "заместителем")
    r"(?i)\b(президент\w*|премьер-министр\w*|министр\w*|пос(?:ол|ла|лу|лом|ле)|госсекретар\w*|председател\w*|"
    r"пресс-секретар\w*|заместител\w*|поверенн\w*|"
    r"(?:ex-?)?president[ae]|ministra?|canciller|candidat[oa]|candidate?|vicecanciller|viceministr[oa]|subsecretari[oa]|embajadora?|secretari[oa]|"
    r"portavoz|vocero|"
    r"président|ministre|ambassadeur|ambassadrice|secrétaire|porte-parole|chargée?|"
    r"embaixador[a]?|secretári[oa]|cônsul(?:-geral)?|cónsul|consul(?:-général)?|encargad[oa]|encarregad[oa]|gobernador[a]?|governador[a]?|"
    r"alcalde(?:sa)?|prefeit[oa]|maire|консул|губернатор|мэр|"
    # vice-presidents and heads of agencies, masculine and feminine ("vicepresidenta", "Administradora")
    r"vice-?president[ae]|vice-présidente?|administrador[a]?|administrat(?:eur|rice)|director[a]?|diretor[a]?|directeur|directrice)\b"
)


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    possessive: bool = False

    @property
    def word(self) -> str:
        return self.text

    @property
    def cap(self) -> bool:
        t = self.text
        return t[:1].isupper() or t in ("d'", "d’") or ARABIC_ARTICLE.match(t) is not None  # "al-Assad"

    @property
    def caps_surname(self) -> bool:
        t = self.text
        return len(t) >= 2 and t.isupper() and t.isalpha()


@dataclass(slots=True)
class Mention:
    name: list[str]
    title: str | None
    appositive: bool
    pos: int
    #: structure or a resource supports that this is a person (see ``evidence.py``)
    evidence: bool = True
    #: the mention's span in its line, title included
    span: tuple[int, int] = (0, 0)


def _tokens(line: str) -> list[_Tok]:
    """The line's tokens with their offsets; possessive endings and elided articles split off.

    ``findall`` plus ``str.find`` is faster than match objects and gives the same offsets: the
    pattern's last branch takes any non-space character, so only whitespace lies between tokens.
    """
    toks: list[_Tok] = []
    end = 0
    for t in _TOKEN.findall(line):
        start = line.find(t, end)
        end = start + len(t)
        if "'" not in t and "’" not in t:
            toks.append(_Tok(t, start, end))  # no possessive, no elision
            continue
        poss = False
        if t.endswith(("'s", "’s")) and len(t) > 2:
            t, poss = t[:-2], True
        elif t.endswith(("'", "’")) and len(t) > 2 and t[:-1].endswith("s"):
            t, poss = t[:-1], True
        el = _ELISION.match(t)
        if el:
            n = el.end()
            if t[:1] in "dD":
                toks.append(_Tok("d'", start, start + n))
            # other elided articles ("L'ambassadeur") are dropped; the word keeps its own case
            toks.append(_Tok(t[n:], start + n, end, poss))
            continue
        toks.append(_Tok(t, start, end, poss))
    return toks


#: German titles are compound nouns ending in their head, masculine or feminine: "Außenministerin",
#: "Bundeskanzler", "Staatssekretärin", "COP29-Präsident", "Sonderbeauftragte".
_GERMAN_HEAD = re.compile(
    r"(?:\p{Lu}[\p{L}\d]*-)?(?:\p{Lu}\p{Ll}*)?(?:[Mm]inister|[Pp]räsident|[Kk]anzler|[Bb]otschafter|[Ss]ekretär|[Bb]eauftragter?|"
    r"[Kk]onsul|[Bb]ürgermeister|[Gg]ouverneur|[Vv]orsitzender?|[Ss]precher|[Vv]orsteher|chef)(?:in|en)?"
)


@lru_cache(maxsize=16384)
def _is_head(word: str) -> bool:
    """A title head, also hyphenated compounds of title words ("Under-Secretary-General", "Vice-Minister")
    and German compound titles ("Außenministerin")."""
    if word in HEADS:
        return True
    if len(word) > 9 and _GERMAN_HEAD.fullmatch(word):
        return True
    parts = word.split("-")
    return (
        len(parts) > 1
        and all(p in HEADS or p in _PREFIX_PARTS for p in parts)
        and any(p in HEADS for p in parts)
    )


def _is_title_part(word: str, lang: str | None) -> bool:
    if word in _PREFIX_PARTS or _is_head(word):
        return True
    return _is_country_word(word, lang)


@lru_cache(maxsize=16384)
def _is_country_word(word: str, lang: str | None = None) -> bool:
    return bool(find_countries(word, lang))


def _name_token(tok: _Tok, lang: str | None = None) -> bool:
    w = tok.text
    if w == "M.":
        return True  # a middle initial ("Lynne M. Tracy"); as the French "Monsieur" it opens a name and is dropped there
    if w in _STOP or _is_head(w) or w in HONORIFICS or w in _ADDRESS_WORDS or _is_country_word(w, lang):
        return False
    if _SPECIAL_NAME_WORD.fullmatch(w):
        return True
    return bool(_NAME_WORD.fullmatch(w))


#: Lower-case role nouns that open an appositive title in other languages.
_ROLE_NOUN = re.compile(
    r"(?:президент|премьер-министр|министр|посол|госсекретарь|председатель|пресс-секретарь|заместитель|"
    r"корреспондент|журналист|журналистка|директор|глава|руководитель|представитель|советник|"
    r"presidente|ministr[oa]|canciller|embajador[a]?|secretari[oa]|portavoz|vocer[oa]|director[a]?|jef[ea]|"
    r"periodista|corresponsal|representante|asesor[a]?|diretor[a]?|jornalista|correspondente|assessor[a]?|"
    r"embaixador[a]?|président|présidente|ministre|ambassadeur|ambassadrice|secrétaire|porte-parole|"
    r"directeur|directrice|journaliste|correspondant[e]?|représentant[e]?|conseill[eè]re?|chef)"
)
_SPECIAL_NAME_WORD = re.compile(r"\p{Lu}\.|Jr\.|Sr\.|(?:al|el|ad|as|ash|bin|ibn|abu)-\p{Lu}[\p{L}'’\-]*")
_NAME_WORD = re.compile(r"\p{Lu}[\p{L}'’\-]*")
_INITIAL = re.compile(r"\p{Lu}\.")


def _runs(toks: list[_Tok], connectors: frozenset[str]) -> list[list[_Tok]]:
    """Capitalised runs, joined by lower-case connectors that are followed by a capital."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.text in _BREAK and cur:
            runs.append(cur)
            cur = []
        elif t.cap and (t.text[:1].isalpha() or t.text in ("d'", "d’")) and t.text not in ("I",):
            cur.append(t)
            if t.possessive and not _possessive_in_title(toks, i, cur):
                runs.append(cur)
                cur = []
        elif (
            cur
            and (t.text in connectors or t.text in _PARTICLES)
            and i + 1 < len(toks)
            and (toks[i + 1].cap or toks[i + 1].text in ("the", "d'"))
        ):
            cur.append(t)
        elif cur and t.text in _AD_INTERIM and cur[-1].text == "Affaires":
            cur.append(t)  # "Chargé d'Affaires a.i.": ad interim belongs to the title
        elif t.text == "/" and cur and _is_title_part(cur[-1].text, None) and i + 1 < len(toks) and _is_title_part(toks[i + 1].text, None):
            cur.append(t)  # "High Representative/Vice-President": one title of two offices
        elif t.text == "," and cur and (n := _title_list_len(toks, i, cur)):
            cur.extend(toks[i : i + n])  # "Minister of Education, Culture, and Sport X": one title
            i += n
            continue
        else:
            if cur:
                runs.append(cur)
            cur = []
        i += 1
    if cur:
        runs.append(cur)
    return runs


_AD_INTERIM = frozenset(("a.i.", "a. i."))
#: Bodies a possessive can name inside an of-phrase title ("of the City People's Committee").
_TITLE_BODIES = frozenset("Committee Council Assembly Congress Party Republic Court Commission Front Army".split())


def _possessive_in_title(toks: list[_Tok], i: int, cur: list[_Tok]) -> bool:
    """``toks[i]`` is a possessive inside an of-phrase title that goes on with the body it names
    ("Chairman of the Harbour City People's Committee Ana Roe"), so the run does not end there."""
    return (
        i + 1 < len(toks)
        and toks[i + 1].text in _TITLE_BODIES
        and any(t.text in ("of", "for") for t in cur)
        and _is_head(cur[0].text)
    )


def _place_after_title(toks: list[_Tok], nxt: _Tok | None) -> list[_Tok] | None:
    """The tokens of "in Geneva," after a title that ends there (the place, then its comma), or None."""
    if nxt is None or nxt.text != "in":
        return None
    i = next(i for i, t in enumerate(toks) if t is nxt)
    j = i + 1
    while j < len(toks) and j - i <= 3 and _NAME_WORD.fullmatch(toks[j].text) and not _is_head(toks[j].text):
        j += 1
    if j == i + 1 or j >= len(toks) or toks[j].text != ",":
        return None
    return toks[i : j + 1]


def _title_list_len(toks: list[_Tok], i: int, cur: list[_Tok]) -> int:
    """How many tokens from the comma ``toks[i]`` continue an of-phrase title as a list of portfolio
    words (", Culture, Research, and"), ending at the "and" before the last one; 0 if none."""
    if (
        len(cur) < 3
        or not (cur[-1].text in _PREFIX_PARTS or _portfolio_word(cur[-1].text) and cur[-2].text in _PREFIX_PARTS | {"of", "for"})
        or not any(t.text in ("of", "for") for t in cur[1:])
        or not any(_is_head(t.text) for t in cur)
    ):
        return 0
    j = i
    while j + 2 < len(toks) and toks[j].text == "," and _portfolio_word(toks[j + 1].text):
        j += 2
    if cur[-1].text not in _PREFIX_PARTS and (j == i or _is_country_word(cur[-1].text)):
        return 0  # a word no title list knows ("of Mines") starts a list only with more portfolios after it
    if j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text == "and":
        j += 1
    if j == i or toks[j].text != "and" or j + 1 >= len(toks) or not _portfolio_word(toks[j + 1].text) or _is_head(toks[j + 1].text):
        return 0
    return j - i


def _portfolio_word(w: str) -> bool:
    """A word that can name a portfolio in a list: a title word, or a capitalised word no name list knows."""
    return w in _PREFIX_PARTS or (
        _NAME_WORD.fullmatch(w) is not None and w not in _STOP and not is_given_name(w)
    )


def _text(line: str, toks: list[_Tok]) -> str:
    return line[toks[0].start : toks[-1].end] if toks else ""


def _title_text(line: str, toks: list[_Tok], title_toks: list[_Tok]) -> str:
    """The title as the text gives it, with a country's possessive right before it ("Australia's High Commissioner")."""
    at = next((i for i, t in enumerate(toks) if t is title_toks[0]), 0)
    before = toks[at - 1] if at > 0 else None
    if before is not None and before.possessive and is_country_name(before.text):
        return line[before.start : title_toks[-1].end]
    return _text(line, title_toks)


def _clean_name(toks: list[_Tok], lang: str | None = None, addressed: bool = False) -> list[str] | None:
    """Validated name words (MOFA capitals title-cased), or None.

    ``addressed``: the name follows a title head or an honorific, so a lone surname in capitals
    is a name ("Mr. HAYASHI", "Foreign Minister IWAYA"), not an acronym.
    """
    n = _honorific_len(toks)
    addressed = addressed or n > 0
    toks = toks[n:]
    while toks and (toks[-1].text in _PARTICLES or toks[-1].text in ("d'",)):
        toks = toks[:-1]
    while len(toks) > 1 and toks[-1].text in _HEADLINE_VERBS:
        toks = toks[:-1]  # "President Morales Visits Peru": a Title-Case headline goes on with its verb
    if not toks or len(toks) > 5:
        return None
    if len(toks) == 1 and addressed and toks[0].caps_surname and len(toks[0].text) >= 3 and _caps_surname_ok(toks[0].text, lang):
        w = toks[0].text
        return ["-".join(p[:1] + p[1:].lower() for p in w.split("-"))]
    words = []
    for i, t in enumerate(toks):
        if t.text in _PARTICLES:
            words.append(t.text)
            continue
        if i == 0 and addressed and _surname_stop_word(t.text, lang):
            words.append(t.text)  # "Mayor Park", "Ms. Green": a surname that is also a common word
            continue
        if not _name_token(t, lang) and not (
            i == 0 and addressed and len(toks) > 2 and _INITIAL.fullmatch(toks[1].text) and _is_head(t.text) and is_given_name(t.text)
        ):
            return None  # (a head word that is a given name opens a name before an initial: "Dean R. Thompson")
        w = t.text
        if t.caps_surname and not (i > 0 and _ROMAN.fullmatch(w)):
            if len(toks) == 1 or all(x.caps_surname or x.text in _PARTICLES for x in toks):
                return None
            w = "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
        words.append(w)
    if all(_INITIAL.fullmatch(w) or w.casefold() in _GENERATIONAL for w in words):
        return None  # initials or "Jr." alone ("Martin Luther King Jr. Day") are no name
    return words


#: Verbs a Title-Case headline puts right after its subject's name.
_HEADLINE_VERBS = frozenset(
    """Visits Travels Meets Hosts Welcomes Announces Signs Launches Opens Calls Urges Condemns Joins Tours
    Attends Addresses Delivers Receives Thanks Congratulates Honors Honours Highlights Discusses Marks
    Celebrates Presents Unveils Commemorates Leads Departs Arrives Returns Speaks Says Names Nominates
    Appoints Swears Concludes Begins Wraps Reaffirms Underscores Praises""".split()
)
_ACRONYM_LIKE = frozenset("NATO OSCE ASEAN USAID UNICEF UNHCR UNDP WHO IAEA OPEC EU UN UK US USA UAE DPRK ROK HR VP EEAS".split())


def _caps_surname_ok(word: str, lang: str | None) -> bool:
    """A lone word in capitals after a title or honorific is a surname unless it is an acronym."""
    return word not in _ACRONYM_LIKE and not _is_country_word(word, lang) and bool(re.search(r"[AEIOUY]", word))


#: Capitalised common words (in ``_STOP``) that never stand for a surname after a title head.
_NOT_SURNAME = frozenset(
    """The This That These Those A An In On At For With From By To Of As If When While During After Before Since
    Until Today Yesterday Tomorrow Tonight Now We Our Us I You Your He She They It Its His Her Their My Both All
    Each Every Some Many Most Several Such Other Another Please Do Does Did Not No Yes Also And But Or Thank
    Thanks Good Dear Here There Where What Which Who Why How Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November December""".split()
)


def _surname_stop_word(word: str, lang: str | None) -> bool:
    """A capitalised common word (``_STOP``) that the Census surname list knows ("Park", "Church")."""
    return (
        word in _STOP
        and word not in _NOT_SURNAME
        and word not in HONORIFICS
        and not _is_head(word)
        and not _is_country_word(word, lang)
        and bool(_NAME_WORD.fullmatch(word))
        and is_surname(word)
    )


def _stop_surname(title: list[_Tok], rest: list[_Tok], name: list[_Tok], lang: str | None) -> list[_Tok]:
    """A surname that is also a capitalised common word right after a title head ("Mayor Park",
    "Senator Church", "Minister Park Jin"): taken when it ends the run or a name follows it."""
    if name or not title or not _is_head(title[-1].text) or not rest or not _surname_stop_word(rest[0].text, lang):
        return name
    if len(rest) == 1 or not rest[1].cap:
        return rest[:1]  # the run ends, or goes on with a connective ("Governor Hall and Minister Green")
    following: list[_Tok] = []
    for t in rest[1:]:
        if not _name_token(t, lang):
            break
        following.append(t)
    return rest[: 1 + len(following)] if following else name


def _given_name_head(seg: list[_Tok], i: int) -> bool:
    """``seg[i]`` is a head word that is also a given name ("Dean", "Prince") followed by a middle
    initial, after another head: the first word of a name, not more title."""
    return (
        i > 0
        and i + 2 < len(seg)
        and seg[i].text not in _RANK_HEADS
        and _INITIAL.fullmatch(seg[i + 1].text) is not None
        and is_given_name(seg[i].text)
        and _NAME_WORD.fullmatch(seg[i + 2].text) is not None
    )


#: Heads that are also given names but stay ranks after another head ("Sergeant Major").
_RANK_HEADS = frozenset("Major General".split())


def _modifier_between_heads(seg: list[_Tok], i: int) -> bool:
    """``seg[i]`` stands between two title heads and is no name word a list knows: part of the title."""
    if i + 1 >= len(seg) or not _is_head(seg[i + 1].text) or seg[i + 1].text in _MODIFIER_HEADS:
        return False
    w = seg[i].text
    return not (seg[i].caps_surname or w in _FAMOUS or is_given_name(w) or is_surname(w) or has_surname_ending(w))


def _thing_after_title(words: list[str], lowercase_words: set[str]) -> bool:
    """A titled "name" that is a thing named after someone: a word after the first is a derived
    common noun no surname list knows ("Lieutenant Governor Election", "Consul General Residence"),
    or a long run ends in words the text also writes in lower case ("King X Humanitarian Aid")."""
    core = [w for w in words if w not in _PARTICLES and not _INITIAL.fullmatch(w) and w.casefold() not in _GENERATIONAL]
    if any(_DERIVED_NOUN.search(w.lower()) and not is_surname(w) and not is_given_name(w) for w in (core[1:] or core)):
        return True
    return len(core) >= 3 and any(w.lower() in lowercase_words for w in core[-2:])


_DERIVED_NOUN = re.compile(r"\p{L}{3,}(?:tion|sion|ment|ness|ship|ology|ity|ities|ence|ance|ism)$")


def _split_title_name(seg: list[_Tok], lang: str | None) -> tuple[list[_Tok], list[_Tok]] | None:
    """(title tokens, name tokens) for a run that starts a title; None if it has no head."""
    i = 0
    while i < len(seg) and (
        seg[i].text in _STOP
        and not _is_head(seg[i].text)
        and seg[i].text not in _PREFIX_PARTS
        and not _is_country_word(seg[i].text, lang)
    ):
        i += 1
    seg = seg[i:]
    if len(seg) > 1 and seg[0].text == "Under" and not seg[1].text.startswith(("Secretar", "secretar")):
        seg = seg[1:]  # "Under President Roe, ...": the preposition; only "Under Secretary" is a title
    heads = [k for k, t in enumerate(seg) if _is_head(t.text)]
    if not heads:
        return None
    h = heads[0]
    k = h
    # the head chain and modifiers: "First Deputy Foreign Minister", "Secretary of State"; also a
    # modifier no name list knows between two heads ("Chief Medical Officer", "Chief Operating Officer")
    while k + 1 < len(seg) and (_is_head(seg[k + 1].text) or seg[k + 1].text in _PREFIX_PARTS or _modifier_between_heads(seg, k + 1)):
        if _given_name_head(seg, k + 1):
            break  # "Ambassador Dean R. Thompson": a head word that is a given name before an initial opens the name
        k += 1
    while seg[k].possessive:
        # "the Secretary-General's Personal Envoy for Sudan": a possessive title goes on to the next
        # head ("Envoy"); without one the whole run is a thing of that office ("President's Emergency Plan")
        nxt = next((x for x in heads if x > k), None)
        if nxt is None:
            return seg, []
        k = nxt
        while k + 1 < len(seg) and (_is_head(seg[k + 1].text) or seg[k + 1].text in _PREFIX_PARTS):
            k += 1
    if seg[k].text in ("Chargé", "Charge") and k + 2 < len(seg) and seg[k + 1].text in ("d'", "d’") and seg[k + 2].text == "Affaires":
        k += 2  # "Chargé d'Affaires" is one head, not a title with an of-phrase
        if k + 1 < len(seg) and seg[k + 1].text in _AD_INTERIM:
            k += 1  # "Chargé d'Affaires a.i."
        while k + 1 < len(seg) and (_is_head(seg[k + 1].text) or seg[k + 1].text in _PREFIX_PARTS):
            k += 1
    while k + 1 < len(seg) and _is_title_part(seg[k + 1].text, lang) and not _given_name_head(seg, k + 1):
        k += 1
    if k + 1 < len(seg) and seg[k + 1].text in _CONNECT_PREFIX:
        # an of/for-phrase: the name is the run of name words at its end, after the last title word;
        # a connector after a name word that leads to no name word ends the run ("... Sam Ola on
        # Monday", "... Arben Kola for the time")
        for c in range(len(seg) - 1, k + 1, -1):
            if (seg[c].text in _CONNECT_PREFIX and seg[c].text != "and" and _name_token(seg[c - 1], lang)
                    and not any(_name_token(t, lang) for t in seg[c + 1 :])):
                seg = seg[:c]
                break
        j = len(seg)
        while j - 1 > k and (
            (_name_token(seg[j - 1], lang) or seg[j - 1].caps_surname or seg[j - 1].text in _PARTICLES)
            and seg[j - 1].text not in _CONNECT_PREFIX
            and not (len(seg) - j >= 2 and seg[j - 1].text in _PREFIX_PARTS and seg[j - 1].text not in _PARTICLES)
            and not (len(seg) - j >= 2 and j - 2 > k and seg[j - 2].text == "and" and any(t.text == "," for t in seg[k:j]))
        ):
            # "of Trade and Technology Ana Oduya": a title word before two name words ends the of-phrase,
            # and so does the last word of a comma list of portfolios ("of Health, Sport and Welfare")
            j -= 1
        while j < len(seg) and seg[j].text in _PARTICLES:
            j += 1
        if country_end := _country_through(seg, k + 1, j, lang):
            j = country_end  # "of Sierra Leone Julius Maada Bio", "of the Holy See": the country, then the name if any
        elif j < len(seg) and len(seg) - j >= 3 and seg[j - 1].text in ("the", "of", "for", "de", "del", "da", "do", "du", "des", "di", "degli", "della", "delle", "dello", "dei"):
            j += 1  # "for the Caucasus George Kent", "Ministro de Salud César Vásquez": a place, then the name
        elif j < len(seg) and len(seg) - j >= 3 and seg[j - 1].text == "and" and not is_given_name(seg[j].text):
            j += 1  # "of Lands and Housing Chuma Moyo": the word after "and" is the portfolio's, not the name's
        if (all(t.text in _PREFIX_PARTS or t.text in _PARTICLES for t in seg[j:]) or seg[j - 1].text == ","
                or (len(seg) - j == 1 and seg[j - 1].text in _CONNECT_PREFIX)):
            # "for Foreign Affairs and Security Policy", "of Health, Sport": the tail is more title, not a name;
            # so is one word right after "of" ("Minister of Lands"): the phrase's object, never a name
            j = len(seg)
        k = j - 1
    title, rest = seg[: k + 1], seg[k + 1 :]
    while len(title) > 1 and title[-1].text in HONORIFICS:
        # "Minister for Foreign Affairs Dr Jane Roe": the form of address opens the name, not the title
        rest = [title[-1]] + rest
        title = title[:-1]
        if len(title) > 1 and title[-1].text in ("the", "The"):
            title = title[:-1]  # "Senator the Hon Jane Roe": "the" belongs to the form of address
    while title and (title[0].text in _CONNECT_PREFIX | {"the", "The", "El", "La", "Le", "Les", "Los", "Las", "Der", "Die", "Il", "Lo", "Gli"}):
        title = title[1:]
    # name: leading honorifics dropped, stops at the first non-name word
    j = _honorific_len(rest)
    name: list[_Tok] = []
    given_head = title and _given_name_head(title + rest, len(title) + j)
    for t in rest[j:]:
        if t.text in _PARTICLES and name:
            name.append(t)
            continue
        if given_head and not name:
            name.append(t)  # "Dean" in "Ambassador Dean R. Thompson"
            continue
        if not _name_token(t, lang) and not t.caps_surname:
            break
        name.append(t)
        if t.possessive:
            break
    return title, _stop_surname(title, rest, name, lang)


def _country_through(seg: list[_Tok], first: int, name_start: int, lang: str | None) -> int:
    """The end of a country name of two to four words that runs into `name_start` from at most
    three words before it ("Sierra Leone", "Holy See"), and not before `first`; 0 if there is none.

    Walking back over name words from the end of an of-phrase, a two-word country's second word
    looks like a name ("Leone Julius Maada Bio", "See Mario Rossi") and would open the person's name.
    """
    for start in range(max(first, name_start - 3), name_start + 1):
        for words in (4, 3, 2):
            end = start + words
            if end > name_start and end <= len(seg) and is_country_name(" ".join(t.text for t in seg[start:end]), lang):
                return end
    return 0


def _appositive(line: str, toks: list[_Tok], after: int, lang: str | None) -> str | None:
    """A title phrase right after a name: ", President of the Afar Regional State"."""
    idx = next((i for i, t in enumerate(toks) if t.start >= after), None)
    if idx is None or toks[idx].text != ",":
        return None
    opens_role = idx + 1 < len(toks) and (
        _ROLE_NOUN.fullmatch(toks[idx + 1].text)
        # a capitalised modifier before a lower-case head: "Premier ministre du Liban", "Primer ministro"
        or (idx + 2 < len(toks) and _NON_EN_MODIFIER.fullmatch(toks[idx + 1].text) and _ROLE_NOUN.fullmatch(toks[idx + 2].text))
    )
    if lang and lang != "en" and opens_role:
        # other languages write the role in lower case: "Иван Петров, корреспондент газеты ..."
        role: list[_Tok] = []
        for t in toks[idx + 1 :]:
            if t.text in (",", ".", ";", ":", "(", ")", "—", "–", "«", "»", '"') or len(role) >= 12:
                break
            role.append(t)
        return _text(line, role)
    if idx + 1 < len(toks) and toks[idx + 1].text in ("and", "or"):
        return None  # ", and the Consul, ...": the list goes on with someone else
    phrase: list[_Tok] = []
    for n, t in enumerate(toks[idx + 1 :], idx + 1):
        if t.text == "/" and phrase and n + 1 < len(toks) and _is_title_part(toks[n + 1].text, None):
            phrase.append(t)  # "High Representative/Vice-President"
            continue
        if t.text in (",", ".", ";", ":", "(", ")", "—", "–", "-") or not (t.cap or t.text in _CONNECT_APPOS or (not phrase and t.text == "former")):
            if (
                t.text == ","
                and phrase
                and n + 1 < len(toks)
                and toks[n + 1].text in _REGION_WORDS
                and (n + 2 >= len(toks) or toks[n + 2].text in (",", ".", ";", ")"))
            ):
                phrase.append(toks[n + 1])  # "Commander of Naval Forces, Atlantic": the region ends the title
            break
        phrase.append(t)
    while phrase and phrase[0].text in ("the", "The", "a", "an"):
        phrase = phrase[1:]
    while phrase and phrase[-1].text in _CONNECT_APPOS:
        phrase = phrase[:-1]
    if not phrase or not any(_is_head(t.text) for t in phrase):
        return None
    if _opens_another_person(toks[idx + 1 :], lang):
        return None  # "X, Minister for Planning, Development and Reform Y, ...": a list of people, each titled before the name
    # the phrase must not itself run into another person's name
    split = _split_title_name(phrase, lang)
    if split and split[1] and _clean_name(split[1], lang, addressed=True) and not all(_is_title_part(t.text, lang) for t in split[1]):
        if not _ends_in_no_name(split, lang):
            return None
    return _text(line, phrase)


#: Kinds of text a headline names before the speaker's title ("Discurso da Embaixadora ...",
#: "Entretien de l'Ambassadeur ...", "Statement of Ambassador ..."): not part of the title.
_GENRE_WORDS = frozenset(
    """Discurso Discursos Palabras Declaración Declaraciones Declaração Declarações Entrevista Entretien Discours
    Allocution Intervention Intervención Intervenção Mensaje Mensagem Message Remarques Comunicado Communiqué
    Déclaration Conferencia Conférence Artículo Artigo Article Tribune Carta Lettre Letter Remarks Statement
    Interview Speech Readout Testimony""".split()
)


def _without_genre(title_toks: list[_Tok]) -> list[_Tok]:
    """`title_toks` without a leading kind of text and the connectors after it ("Entretien de l'")."""
    if len(title_toks) < 2 or title_toks[0].text not in _GENRE_WORDS:
        return title_toks
    rest = title_toks[1:]
    while len(rest) > 1 and (rest[0].text in _CONNECT_PREFIX or rest[0].text in _LEADING_ARTICLES):
        rest = rest[1:]
    elided = _ELISION.match(rest[0].text)
    if elided:  # "l'Ambassadeur" -> "Ambassadeur"
        rest = [_Tok(rest[0].text[elided.end() :], rest[0].start + elided.end(), rest[0].end), *rest[1:]]
    return rest


def _opens_another_person(toks: list[_Tok], lang: str | None) -> bool:
    """`toks` open with a title run (a portfolio list included) that goes on into someone's name."""
    runs = _runs(toks, _CONNECT_PREFIX)
    if not runs or runs[0][0] is not toks[0]:
        return False
    split = _split_title_name(runs[0], lang)
    if not (split and split[0] and split[1] and _clean_name(split[1], lang, addressed=True)):
        return False
    return not _ends_in_no_name(split, lang)


def _ends_in_no_name(split: tuple[list[_Tok], list[_Tok]], lang: str | None) -> bool:
    """The name-like words after a title are no one's: "... of New Zealand" ends in a country,
    "... Embassy in Lusaka" in a city, "... of the Electoral Tribunal" in a body (no name follows "the")."""
    title, rest = split
    return _is_place_name(rest, lang) or bool(title) and title[-1].text in ("in", "at", "the")


def _is_place_name(toks: list[_Tok], lang: str | None) -> bool:
    """The tokens name a known place or a country: what a title can end in that is no person's name."""
    phrase = " ".join(t.text for t in toks)
    return phrase in _PLACES or is_country_name(phrase, lang)


#: Region words a title can end in after a comma ("Commander, U.S. Forces, Pacific").
_REGION_WORDS = frozenset(
    "Pacific Atlantic Europe Africa Asia Americas Caribbean Arctic Antarctica Indo-Pacific Mediterranean Gulf".split()
)


#: A title the sentence gives a person: "X has been appointed T", "X on her re-election as T".
_PREDICATE_AFTER = re.compile(
    r"\s+(?:(?:has|had)\s+been\s+|was\s+|is\s+|will\s+be\s+)?(?:appointed|named|nominated|elected|re-elected|sworn\s+in)"
    r"\s+(?:as\s+)?|\s+on\s+(?:his|her|their)\s+(?:re-?election|election|appointment|nomination|inauguration)\s+as\s+"
)
#: "The U.S. Ambassador to Peru is X": the title as the subject, the name as the complement.
_PREDICATE_BEFORE = re.compile(r"(?:^|[.;:!?]\s+)(?:The|the)\s+([\p{Lu}](?:[^.;:!?,]|(?<=(?:^|[^\p{L}])\p{Lu})\.){2,100}?)\s+(?:is|was)\s+$")


def _predicative(line: str, start: int, end: int, lang: str | None) -> str | None:
    """A title phrase the sentence attaches to a bare name with a verb (see the patterns above)."""
    m = _PREDICATE_AFTER.match(line, end)
    if m:
        rest = ", " + line[m.end() :]
        return _appositive(rest, _tokens(rest), 0, lang)
    m = _PREDICATE_BEFORE.search(line[max(0, start - 120) : start])
    if m:
        phrase = m.group(1)
        toks = _tokens(phrase)
        if toks and all(t.cap or t.text in _CONNECT_APPOS for t in toks):
            split = _split_title_name(toks, lang)
            if split is not None and not split[1] and split[0]:
                return phrase
    return None


def _portfolio_words_before_given_name(name_toks: list[_Tok], lowercase_words: set[str]) -> int:
    """How many words at the start of `name_toks` are the end of a portfolio, not the name: common
    words or words no surname list knows, up to a given name that two or more name words start."""
    for i in range(1, len(name_toks) - 1):
        if is_given_name(name_toks[i].text):
            before = name_toks[:i]
            if all(not is_given_name(t.text) and (t.text.lower() in lowercase_words or not is_surname(t.text)) for t in before):
                return i
            return 0
    return 0


def _opens_untitled_name(part: list[_Tok]) -> bool:
    """The words after "and" start with a given name and hold no title head: another person
    ("the Minister of Health and Jane Roe"), not more of the portfolio ("and Housing Jane Roe")."""
    return bool(part) and is_given_name(part[0].text) and not any(_is_head(t.text) for t in part)


def _line_mentions(
    line: str, base: int, lang: str | None, lowercase_words: set[str], headline: bool, body_caps: frozenset[str] = frozenset()
) -> list[Mention]:
    toks = _tokens(line)
    title_case = headline and _is_title_case(toks)
    lowercase_stems = frozenset(_stem(w) for w in lowercase_words) if title_case else frozenset()
    out: list[Mention] = []
    pending_title: str | None = None
    pending_end = 0
    for run in _runs(toks, _CONNECT_PREFIX):
        # split at "and", re-joining a part that is a role without a name ("for South and Central Asian")
        parts: list[list[_Tok]] = []
        cur: list[_Tok] = []
        for t in run:
            if t.text == "and":
                parts.append(cur)
                cur = []
            else:
                cur.append(t)
        parts.append(cur)
        segs: list[list[_Tok]] = []
        carry: list[_Tok] | None = None
        for idx, p in enumerate(parts):
            seg = carry + [_Tok("and", p[0].start if p else 0, p[0].start if p else 0)] + p if carry is not None else p
            carry = None
            if idx < len(parts) - 1 and seg and not _is_head(seg[-1].text) and not _opens_untitled_name(parts[idx + 1]):
                split = _split_title_name(seg, lang)
                if split is not None and not split[1]:
                    carry = seg
                    continue
            if (
                idx < len(parts) - 1
                and len(seg) >= 2
                and _is_head(seg[-1].text)
                and parts[idx + 1]
                and (_is_head(parts[idx + 1][0].text)
                     or len(parts[idx + 1]) > 2 and _portfolio_word(parts[idx + 1][0].text) and _is_head(parts[idx + 1][1].text))
                and all(_is_head(t.text) or t.text in _PREFIX_PARTS or (n == 0 and is_country_name(t.text)) for n, t in enumerate(seg))
            ):
                # "Deputy Prime Minister and Minister for Finance X": one person holds both offices,
                # also after a country's qualifier and before a portfolio ("Omani Crown Prince and Defense Minister X")
                carry = seg
                continue
            segs.append(seg)
        if carry:
            segs.append(carry)
        for seg in segs:
            if not seg:
                continue
            post = _postnominal(seg)
            if post is not None:
                name_toks, post_title = post
                words = _clean_name(name_toks, lang, addressed=True)
                if words:
                    appos = _appositive(line, toks, seg[-1].end, lang)
                    out.append(Mention(words, appos or post_title, appos is not None, base + name_toks[0].start,
                                       True, (seg[0].start, seg[-1].end)))
                    pending_title = None
                    continue
            while len(seg) > 2 and seg[-1].text in _POSTNOMINAL_TITLES | _POSTNOMINAL_HONOURS:
                seg = seg[:-1]  # "Minister for Trade Alan Pike MP": the title rules read the rest
            split = _split_title_name(seg, lang)
            if split is not None:
                title_toks, name_toks = split
                if title_case:
                    # every headline word is capitalised, so capitals prove nothing: keep the name
                    # words and title words the body (or a name lexicon) confirms
                    name_toks = _confirmed_prefix(name_toks, body_caps, lowercase_stems)
                    if not name_toks or not _title_confirmed(title_toks, body_caps, lang):
                        continue
                if title_toks and not _is_head(title_toks[-1].text):
                    # "Minister for Climate Change Sherry Rehman", "... and National Community Abroad
                    # Karim Saadi": the name starts at the given name; the common words before it end
                    # the of-phrase
                    given = _portfolio_words_before_given_name(name_toks, lowercase_words)
                    title_toks, name_toks = title_toks + name_toks[:given], name_toks[given:]
                words = _clean_name(name_toks, lang, addressed=bool(title_toks))
                if words and title_toks and title_toks[-1].text in _CONNECT_PREFIX:
                    # "Secretario de Relaciones Exteriores": a title never ends in "de"/"of", so the
                    # capitalised words are the rest of the title, not a name
                    words = None
                    title_toks = seg
                if words and title_toks and _thing_after_title(words, lowercase_words):
                    continue  # "Lieutenant Governor Election", "King X Humanitarian Aid ...": a thing
                if words and _names_a_facility(seg, name_toks):
                    continue  # "King Faisal Hospital", "President Kennedy Avenue": a thing named after someone
                if words and len(name_toks) == 1 and (name_toks[0].text in _ROAD_NOUNS or (
                        name_toks[0].text in _FACILITY_NOUNS and _after_determiner(line, seg[0].start))):
                    continue  # "Queen Street", "the Ambassador Bridge", "the President Hotel": the title word names a thing
                if words and (_facility_before(line, seg, title_toks) or _office_general(title_toks)):
                    continue  # "Aeropuerto Brigadier General X", "avenida Presidente X", "Consulate General Krakow"
                while title_toks and len(title_toks) > 1 and (title_toks[0].text in _ADDRESS_WORDS or title_toks[0].text in HONORIFICS):
                    title_toks = title_toks[1:]  # "His Majesty Sultan ...", "H.E. Sheikh ...": the form of address is no title
                title_toks = _without_genre(title_toks)  # "Discurso da Embaixadora X": the kind of text is no title
                if words and title_toks and title_toks[0].text == "PM" and re.search(r"\d\s*$", line[: title_toks[0].start]):
                    continue  # "at 5 PM Eastern Time": a clock time, not a Prime Minister
                if words and title_toks and not any(_is_head(t.text) and t.text not in _MODIFIER_HEADS for t in title_toks):
                    continue  # "Permanent Residents", "Acting Directors": a modifier alone is no title
                if words:
                    title = _title_text(line, toks, title_toks) if title_toks else None
                    if title and _FORMER.search(line[max(0, title_toks[0].start - 10) : title_toks[0].start]):
                        title = "former " + title  # "former Prime Minister X": the title as the text gives it
                    appos = _appositive(line, toks, name_toks[-1].end, lang)
                    if (appos is None and pending_title is not None and len(title_toks) == 1
                            and not line[pending_end : seg[0].start].strip(" ,")):
                        # "The Minister of Foreign Affairs, Ambassador X": the office set off before
                        # the name is its appositive; the rank before the name is not (the rules)
                        appos = pending_title
                    out.append(Mention(words, appos or title, appos is not None, base + name_toks[0].start,
                                       True, (seg[0].start, name_toks[-1].end)))
                    pending_title = None
                elif title_toks:
                    # "the Minister for Foreign Affairs of Japan, Mr. X" -> title for the next name
                    nxt = next((t for t in toks if t.start >= seg[-1].end), None)
                    while title_toks and title_toks[0].text in _LEADING_ARTICLES:
                        title_toks = title_toks[1:]
                    place = _place_after_title(toks, nxt)
                    if place and title_toks and title_toks[-1].end == seg[-1].end:
                        title_toks, nxt = title_toks + place[:-1], place[-1]  # "... to the UN in Geneva, X"
                    pending_title = _title_text(line, toks, title_toks) if title_toks and nxt is not None and nxt.text == "," else None
                    pending_end = nxt.end if nxt is not None else 0
                continue
            # a bare run: drop leading non-name words ("России Сергей Рябков"), stop at a connective
            dropped: list[_Tok] = []
            while (
                seg
                and seg[0].text not in HONORIFICS
                and not _name_token(seg[0], lang)
                and (not seg[0].caps_surname or _is_country_word(seg[0].text, lang))
            ):
                dropped.append(seg[0])
                seg = seg[1:]
            cut = next((i for i, t in enumerate(seg) if t.text in _CONNECT_PREFIX), None)
            if cut is not None:
                seg = seg[:cut]
            if not seg:
                if not dropped or dropped[-1].end > pending_end:
                    pending_title = None  # (a place the pending title ends in keeps it: "... in Geneva, X")
                continue
            honor = _honorific_len(seg) > 0
            words = _clean_name(seg, lang)
            if (
                not words
                and len(seg) == 2
                and seg[1].text in _SURNAME_STOP
                and not headline
                and _clean_name(seg[:1], lang)
                and seg[0].text.lower() not in lowercase_words
                and _given_name_in_sentence(seg[0].text, line, seg[0].start)
            ):
                words = [seg[0].text, seg[1].text]  # "Nathan Law"
            if not words:
                pending_title = None
                continue
            if not honor:
                if headline and not _after_with(line, seg[0].start):
                    continue  # title-case headlines: only "... With Kristen Welker"-style names
                if headline and title_case and words[-1].endswith("s") and not is_surname(words[-1]) and words[-1] not in body_caps:
                    continue  # "Partners With Mercy Ships": a plural the body never writes as a name
                if len(words) == 1:
                    if words[0] not in _FAMOUS or headline:
                        continue
                elif _common_words(words, lowercase_words, line, seg[0].start):
                    continue
                if " ".join(words) in _PLACES or any(w in _PLACES for w in words):
                    continue
                if _not_a_person(words, dropped, lang) or _inside_title_phrase(line, seg[0].start):
                    continue
                if (dropped and dropped[-1].text in _FACILITY_NOUNS | _THING_LEAD) or _thing_word_before(line, seg[0].start):
                    continue  # "Hospital Mario Rivas", "la avenida Elmer Faucett": a thing named after someone
                if all(t.text.lower() in _DETERMINER_WORDS for t in dropped) and _after_determiner(line, seg[0].start):
                    continue  # "his Official Visit", "The Golden Triangle": a thing, not a person
                if (
                    not dropped
                    and _PLACE_LIST.search(line[max(0, seg[0].start - 120) : seg[0].start])
                    and (pending_title is None or line[pending_end : seg[0].start].strip(" ,"))
                    and not _WHO_AFTER.match(line, seg[-1].end)
                ):
                    continue  # "in Port Harcourt, Nuevo Laredo and Piedras Negras": places (not "..., and X, who")
            appos = _appositive(line, toks, seg[-1].end, lang)
            if appos is None and (not lang or lang == "en"):
                appos = _predicative(line, seg[0].start, seg[-1].end, lang)
            title = appos
            if title is None and pending_title is not None and not line[pending_end : seg[0].start].strip(" ,"):
                # "the Minister for Foreign Affairs of Japan, Mr. X": only right after the comma
                title = pending_title
                fuller = _preceding_title(line, seg[0].start, lang)
                if fuller and len(fuller) > len(title) and fuller.startswith(title):
                    title = fuller  # "Ministro da Saúde, X": the of-phrase the run split off
            if title is None and not headline:
                title = _preceding_title(line, seg[0].start, lang)
            role_noun = False
            if (
                not honor
                and len(words) >= 3
                and words[0].lower() in PERSON_NOUNS
                and not any(w in _PREPOSITIONS for w in words[1:])
            ):
                words, role_noun = words[1:], True  # "Blogger X Y" at a sentence start: the noun is no name
            supported = (
                honor
                or role_noun
                or title is not None
                or len(words) == 1  # a famous surname (checked above)
                or bare_name_supported(words, line, seg[0].start, seg[-1].end, lowercase_words, _FAMOUS, _in_phrase(dropped))
            )
            out.append(Mention(words, title, appos is not None, base + seg[0].start, supported, (seg[0].start, seg[-1].end)))
            pending_title = None
    if not headline:
        for m in _KIN.finditer(line):
            if m.group(1) not in HONORIFICS and not _is_head(m.group(1)):  # not "my colleague, Mr. Secretary"
                # a run that took the kin words in ("Mein Mann Markus": German nouns are capitalised) is this name
                out[:] = [x for x in out if not x.span[0] < m.start(1) < x.span[1]]
                out.append(Mention([m.group(1)], None, False, base + m.start(1), True, m.span(1)))
    _coordination_support(line, out)
    return out


#: What lies between two people listed together: "X and Y", "X, Y", "of X, of Y" (the preposition repeated).
_WHO_AFTER = re.compile(r"\s*,\s*(?:who|whose)\b")
_COORDINATION = re.compile(r"\s*(?:,\s*)?(?:(?:and|or|&|as well as|y|et|e|и)\s+)?|\s*,\s*(?:and\s+)?(?:of|for|with)\s+")


def _coordination_support(line: str, mentions: list[Mention]) -> None:
    """A bare name listed with a supported person ("Dr. Lai and X", "X, Y and Ambassador Z") is
    one of the people in that list."""
    ordered = sorted(mentions, key=lambda m: m.span)
    changed = True
    while changed:
        changed = False
        for a, b in zip(ordered, ordered[1:]):
            if a.evidence != b.evidence and _COORDINATION.fullmatch(line[a.span[1] : b.span[0]]):
                a.evidence = b.evidence = True
                changed = True


#: Words that make a capitalised run a place or a thing, not a person: street and geographic nouns
#: ("Plaza San Martín", "Avenida ...", "Second Thomas Shoal", "Triple Frontera"), also when they
#: come right before the run.
_PLACE_NOUNS = frozenset(
    """Plaza Avenida Avenue Ave. Ave Av. Av Blvd Rd Street St. Calle Carrera Rue Boulevard Bulevar Road Square Place Praça Rua
    Piazza Strasse Straße Ulitsa Shoal Shoals Reef Atoll Island Islands Isla Islas Île Îles Ilha Sea Lake
    River Río Bay Bahía Baie Gulf Golfo Cape Mount Mountain Mountains Valley Canal
    Strait Straits Frontera Fronteira Frontière Frontier Border Province Provincia Región Région Region Oblast
    Krai District Distrito Municipio Municipality Barrio Colonia Puerto Fort Peninsula Península Desert
    Delta Basin Airport Aeropuerto Aéroport Aeroporto Harbor Harbour Coast Highlands Plateau Park
    Parque Parc Canyon Corridor Crossing Bridge Puente Falls Springs Heights Hills Dunes Causeway Tunnel Expressway
    Motorway Freeway""".split()
)
#: Articles that start a place or thing name, never a personal name ("Les Cayes", "La Paz").
_PLACE_ARTICLES = frozenset("Les La Le Los Las El Die Der Das Het".split())
#: Saint and city prefixes that start place names ("San Pedro Sula", "Santa Cruz", "São Tomé").
_PLACE_PREFIXES = frozenset("San Santa Santo São Sao Sainte Sant Sankt Puerto Porto Villa Ciudad Cidade Nuevo Nueva".split())
_NUMBER_WORDS = frozenset(
    """One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Hundred Thousand First Second Third
    Fourth Fifth Sixth Seventh Eighth Ninth Tenth Triple Double Quadruple Twin""".split()
)
#: "NATO-led", "UN-backed", "EU-funded": an acronym compound is a modifier, not a name word.
_ACRONYM_COMPOUND = re.compile(r"(?:\p{Lu}{2,}-\p{Ll}[\p{L}-]*|\p{Ll}+-\p{Lu}{2,})")


#: Head nouns of facilities, awards and programmes named after a person ("Sultan Qaboos University").
_FACILITY_NOUNS = _PLACE_NOUNS | frozenset(
    """University College School Academy Institute Centre Center Hospital Clinic Airport Base Stadium Arena Mosque
    Cathedral Church Temple Shrine Library Museum Memorial Mausoleum Foundation Fellowship Fellowships
    Scholarship Scholarships Prize Award Awards Medal Trophy Cup Fund Program Programme Dam Port Highway Hall
    Conference Convention Hotel Palace Tower Building Gardens Garden Zoo Reserve Sanctuary Forest Market
    Mall Day""".split()
)


#: Capitalised prepositions belong to organisation names ("Doctors Without Borders"), not to personal names.
_PREPOSITIONS = frozenset("Without With Against Beyond Across Under Over Between Among Within Through For Of".split())


def _is_title_case(toks: list[_Tok]) -> bool:
    """A headline in Title Case: (nearly) every word of four letters or more is capitalised."""
    long_words = [t for t in toks if len(t.text) >= 4 and t.text[:1].isalpha()]
    return len(long_words) >= 2 and sum(1 for t in long_words if t.text[:1].isupper()) >= 0.85 * len(long_words)


def _stem(word: str) -> str:
    w = word.lower()
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("es", ""), ("ed", ""), ("s", ""), ("e", ""), ("d", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: len(w) - len(suffix)] + repl
    return w


def _confirmed_prefix(name: list[_Tok], body_caps: frozenset[str], lowercase_stems: frozenset[str]) -> list[_Tok]:
    """The leading name words of a Title-Case headline that can be a name. Every headline word is
    capitalised, so capitals prove nothing there: a word is a name word when the body writes it
    capitalised or a name lexicon knows it; it is not when the body uses it as a lower-case word
    ("Visits" where the body says "visited") or it looks like a verb or plural ("Hosts", "Travels")."""
    out: list[_Tok] = []
    for t in name:
        w = t.text
        if w in body_caps or w in _PARTICLES or _INITIAL.fullmatch(w) or is_given_name(w):
            out.append(t)
        elif _stem(w) in lowercase_stems:
            break
        elif is_surname(w) or not w.endswith("s"):
            out.append(t)
        else:
            break
    while out and (out[-1].text in _PARTICLES or _INITIAL.fullmatch(out[-1].text)):
        out.pop()
    return out


def _title_confirmed(title: list[_Tok], body_caps: frozenset[str], lang: str | None) -> bool:
    """Every word of a Title-Case headline's title is a title word, or the body writes it capitalised
    ("Chargé d'Affaires Opens American Corner": "Opens" is a verb the body writes "opened").
    A country adjective of two words counts as one title word ("Costa Rican President")."""
    for i, t in enumerate(title):
        w = t.text
        if w == "/" or w in _CONNECT_PREFIX or w in _CONNECT_APPOS or w in HONORIFICS or w in body_caps or w in _AD_INTERIM:
            continue
        if w == "Affaires" and i > 0 and title[i - 1].text in ("d'", "d’"):
            continue  # "Chargé d'Affaires" is one head
        if _is_head(w) or w in _PREFIX_PARTS or _is_country_word(w, lang) or _ELISION.match(w):
            continue
        pairs = [title[j : j + 2] for j in (i - 1, i) if 0 <= j and j + 2 <= len(title)]
        if any(_is_country_word(" ".join(x.text for x in pair), lang) for pair in pairs):
            continue
        return False
    return True


def _postnominal(seg: list[_Tok]) -> tuple[list[_Tok], str | None] | None:
    """(name tokens, title) for a run that ends in post-nominal letters ("The Rt Hon Alan Pike MP",
    "Dame Ruth Okafor DBE"), else None. A run that also has a title head before the name is left
    to the title rules."""
    end = len(seg)
    title = None
    while end > 1 and seg[end - 1].text in _POSTNOMINAL_TITLES | _POSTNOMINAL_HONOURS:
        if seg[end - 1].text in _POSTNOMINAL_TITLES:
            title = seg[end - 1].text
        end -= 1
    if end == len(seg):
        return None
    start = _honorific_len(seg[:end])
    name = seg[start:end]
    if not name or any(_is_head(t.text) for t in name):
        return None
    return name, title


def _names_a_facility(seg: list[_Tok], name_toks: list[_Tok]) -> bool:
    """Whether the capitalised run goes on after the name with a facility or award noun."""
    if not name_toks:
        return False
    after = [t for t in seg if t.start >= name_toks[-1].end]
    while after and (_ROMAN.fullmatch(after[0].text) or after[0].text in _THING_QUALIFIERS):
        after = after[1:]  # "Queen Elizabeth II Conference Centre", "King Farouk International Airport"
    # the facility noun may come after one or two more capitalised words ("Kofi Annan Peace Centre")
    return any(t.text in _FACILITY_NOUNS for t in after[:3] if t.cap)


_ROMAN = re.compile(r"[IVX]{1,4}")
#: Roads: after a title word they are a street, never a surname ("Queen Street", "King Road").
_ROAD_NOUNS = frozenset("Street Road Avenue Boulevard Highway Causeway Expressway Motorway Freeway Tunnel".split())
#: Heads that only modify another head ("Permanent Secretary", "Acting Director"): alone, before a
#: capitalised word, they are an adjective of a common noun ("Permanent Residents"), not a title.
_MODIFIER_HEADS = frozenset("Permanent Acting Assistant Vice Under Crown Principal Deputy Senior".split())
_FORMER = re.compile(r"(?:^|[^\p{L}])former\s+$")

#: Nouns that open the name of a street, facility or thing in Spanish, Portuguese and French (and
#: street nouns that do so in English): the person it is named after follows ("Aeropuerto
#: Internacional Jorge Chávez", "Avenida Presidente Masaryk", "Rue Docteur Calmette").
_THING_LEAD = frozenset(
    """Aeropuerto Aeroporto Aéroport Aeródromo Avenida Avenue Av. Calle Rua Rue Praça Plaza Place Estadio Estádio Stade
    Universidad Universidade Université Hôpital Clínica Colegio Escuela Escola École Lycée Liceo Instituto Museo
    Museu Musée Parque Parc Puente Ponte Pont Puerto Boulevard Bulevar Paseo Rond-point Carrefour Terminal
    Fundación Fundação Fondation Barrio Bairro Quartier Calzada Carretera Rodovia Autopista Estação Estación Gare
    Aérogare Centro HMS USS USNS HMAS HMCS HMNZS INS RFA MV""".split()
)
_THING_LEAD_LOWER = frozenset(w.lower() for w in _THING_LEAD)
_FACILITY_LOWER = frozenset(w.lower() for w in _THING_LEAD | _FACILITY_NOUNS)
#: Words between the facility noun and the name: "Aeropuerto Internacional", "Hospital General".
_THING_QUALIFIERS = frozenset(
    "Internacional International Nacional National Municipal Regional General Central Universitario Universitaire "
    "Provincial Metropolitano Metropolitana Escuela Militar".split()
)
_WORD_BEFORE = re.compile(r"([\p{L}.]+)\s+$")
#: "Consulate General", "Directorate General": an office, not the military rank "General".
_OFFICE_BEFORE_GENERAL = frozenset("Consulate Consulado Consulat Directorate Inspectorate Secretariat Procuracy".split())


def _in_phrase(dropped: list[_Tok]) -> bool:
    """The bare run continues a capitalised common word ("Emergency Grant Aid"): not a function
    word, a day or month, a form of address or a country word, which may stand before a name."""
    if not dropped:
        return False
    w = dropped[-1].text
    return w in _STOP and w not in _NOT_SURNAME and w not in _ADDRESS_OPENERS and not _is_country_word(w)


_ADDRESS_OPENERS = frozenset("Dear Congratulations Thanks Thank Welcome Hello Ladies Gentlemen Excellencies".split())


def _thing_word_before(line: str, start: int, nouns: frozenset[str] = _FACILITY_LOWER) -> bool:
    """A facility or street noun, in any case, right before a run ("la avenida Elmer Faucett")."""
    m = _WORD_BEFORE.search(line[max(0, start - 30) : start])
    return bool(m) and m.group(1).lower() in nouns


def _facility_before(line: str, seg: list[_Tok], title_toks: list[_Tok]) -> bool:
    """A titled name that a facility or street noun opens: the run (or the word before it) starts
    with the noun, maybe with qualifiers ("Aeropuerto Internacional Brigadier General X")."""
    lead = [t for t in seg if title_toks and t.start < title_toks[0].start] + title_toks[:1]
    words = [t.text for t in lead]
    while words and words[-1] in _THING_QUALIFIERS | HEADS:
        words.pop()
    if words and words[0] in _THING_LEAD:
        return True
    return bool(seg) and _thing_word_before(line, seg[0].start, _THING_LEAD_LOWER)


def _office_general(title_toks: list[_Tok]) -> bool:
    return any(a.text in _OFFICE_BEFORE_GENERAL and b.text in ("General", "Général", "Geral") for a, b in zip(title_toks, title_toks[1:]))


#: Last words of a station's name (capitals title-cased by the name rules as well).
_BROADCAST = frozenset("FM Fm TV Tv AM".split())
#: Street nouns that end a street name after a full personal name ("Harold Benson Crescent");
#: never surnames (unlike "Close", "Lane", "Way", "Court").
_STREET_SUFFIXES = frozenset("Crescent Drive Terrace Circle Parade Mews".split())


def _not_a_person(words: list[str], dropped: list[_Tok], lang: str | None) -> bool:
    """A bare capitalised run that names a place or a thing rather than a person."""
    if any(w in _PLACE_NOUNS or w in _NUMBER_WORDS or _ACRONYM_COMPOUND.fullmatch(w) for w in words):
        return True
    if words[-1] in _BROADCAST or (len(words) >= 3 and words[-1] in _STREET_SUFFIXES):
        return True  # "Sunrise FM", "Harold Benson Crescent": a station or a street named like a person
    if dropped and dropped[-1].text in _PLACE_NOUNS:
        return True  # "Plaza San Martín"
    if words[0] in _PLACE_ARTICLES or words[0] in _PLACE_PREFIXES:
        return True
    phrase = " ".join(words)
    return is_country_name(phrase, lang) or phrase in _subdivision_names()


@lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    """Multi-word names of provinces, states and regions (pycountry's ISO 3166-2 table):
    "Baja California", "Stara Zagora", "Santiago del Estero" are places."""
    import pycountry

    names = set()
    for sub in pycountry.subdivisions:
        name = sub.name.split(" (")[0].split(",")[0].strip()
        if " " in name:
            names.add(name)
    return frozenset(names)


#: A run after a place preposition, alone or in a list ("common in Lagos, Nuevo Laredo and ...").
_PLACE_LIST = re.compile(
    r"(?:^|[^\p{L}])(?:in|near|at|across|throughout|around|along|outside|inside|via|towards?|dans|près\s+de)\s+"
    r"(?:[\p{Lu}][\p{L}'’.\-]*(?:\s+[\p{Lu}][\p{L}'’.\-]*)*(?:\s*,\s*(?:and\s+|or\s+|et\s+|y\s+)?|\s+(?:and|or|et|y)\s+))*$"
)
_DETERMINER_WORDS = frozenset(
    "the a an his her its their our my your this that these those el la los las le les un une una".split()
)
#: Not "that": before a capitalised run it is a conjunction far more often ("said that Mary Roe ...").
_DETERMINER = re.compile(
    r"\b(?:the|a|an|his|her|its|their|our|my|your|this|these|those|el|la|los|las|le|les|un|une|una)\s+$",
    re.IGNORECASE,
)


def _after_determiner(line: str, start: int) -> bool:
    """A determiner right before `start` ("the Ambassador Bridge", "his Official Visit")."""
    return _DETERMINER.search(line[max(0, start - 12) : start]) is not None
#: Surnames that are also common capitalised words (in ``_STOP``); taken only as the last word of
#: a two-word name inside a sentence ("... including Nathan Law.").
_SURNAME_STOP = frozenset("Law Green".split())


def _common_words(words: list[str], lowercase_words: set[str], line: str, start: int) -> bool:
    """Whether a bare run is made of words the text also uses in lower case ("Security Council").

    The last word may be one ("Nathan Law", "Ned Price") when the run stands inside a sentence
    (after a lower-case word or a comma) and its first word is a given-name-like word: never lower
    case in the text and not a title or country word.
    """
    inner = [w for w in words[:-1] if w not in _PARTICLES]
    if any(w.lower() in lowercase_words for w in inner):
        return True
    if words[-1].lower() not in lowercase_words:
        return False
    return not (len(words) in (2, 3) and _given_name_in_sentence(words[0], line, start))


def _given_name_in_sentence(first: str, line: str, start: int) -> bool:
    """A run inside a sentence (after a lower-case word or a comma, not after a determiner: "on
    his Official Visit") whose first word can be a given name (not a title, initial or country word)."""
    before = line[max(0, start - 30) : start]
    return (
        bool(re.search(r"(?:\p{Ll}|,)\s+$", before))
        and not _DETERMINER.search(before)
        and first not in _PREFIX_PARTS
        and not _INITIAL.fullmatch(first)
        and not _is_country_word(first)
    )


_TITLE_CONNECT = re.compile(r"(?:\b(?:of|for|de|du|des|del|da|do|dos|das|la|le|les|los|las|the)\s+|\b[lLdD]['’])$")
_CLAUSE_CONNECT = re.compile(r"^\s*(?:de|d['’]|du|des|del|do|da|dos|das|of|for)\b", re.IGNORECASE)
_TITLE_WORD = re.compile(
    r"\p{Lu}[\p{L}'’.\-]*|[lLdD]['’]|of|for|the|and|de|du|des|del|la|le|les|los|las|et|y|en|à|in|on|to|da|do|dos|das|e|,"
)


def _title_clause(before: str) -> str:
    """The clause before a position, rejoining comma pieces that continue an of-phrase
    ("Ministre de la Santé, de l'Hygiène Publique et de la ...")."""
    before = re.split(r"[.;:!?«»\"()–—]", before)[-1]
    pieces = before.split(",")
    k = len(pieces) - 1
    while k > 0 and _CLAUSE_CONNECT.match(pieces[k]):
        k -= 1
    return ",".join(pieces[k:])


def _head_index(words: list[str]) -> int | None:
    idx = None
    for i, w in enumerate(words):
        if _is_head(w) or _NON_EN_HEADS.fullmatch(_ELISION.sub("", w)):
            idx = i
    return idx


def _inside_title_phrase(line: str, start: int) -> bool:
    """Whether capitalised words continue a title's of-phrase ("Ministre de la Santé, de l'Hygiène
    Publique ..."): they are part of the title, not a person."""
    before = line[max(0, start - 160) : start]
    if not _TITLE_CONNECT.search(before):
        return False
    clause = _title_clause(before)
    words = re.findall(r"[\p{L}\-'’.]+|,", clause)
    head = _head_index(words)
    if head is None:
        return False
    return all(_TITLE_WORD.fullmatch(_ELISION.sub("", w) or "l") for w in words[head + 1 :])


_WITH = re.compile(r"(?:\b(?:[Ww]ith|[Bb]y|[Aa]nd|[Mm]eets?|[Hh]osts?|[Ww]elcomes?)\s+)$")


def _after_with(line: str, start: int) -> bool:
    return bool(_WITH.search(line[max(0, start - 12) : start]))


def _preceding_title(line: str, start: int, lang: str | None) -> str | None:
    """A title phrase written before a bare name.

    "the High Representative of the European Union, Josep Borrell" (title, comma, name) in any
    language; for other languages also a lower-case title right before the name
    ("министр иностранных дел России Сергей Рябков", "L'ambassadeur Michael Raynor").
    """
    before = line[max(0, start - 160) : start]
    comma = before.rstrip().endswith(",")
    if comma:
        piece = _title_clause(before.rstrip()[:-1])
    else:
        piece = re.split(r"[,.;:()«»\"–—]", before)[-1]
    english = not lang or lang == "en"
    if comma:
        words = piece.split()
        head = next((i for i, w in enumerate(words) if _is_head(w) or _NON_EN_HEADS.fullmatch(_ELISION.sub("", w))), None)
        if head is None or len(words) - head > 18:
            return None
        title_words = words[head:]
        # "L'Ambassadeur des États-Unis": the elided article is not part of the title
        title_words[0] = _ELISION.sub("", title_words[0])
        if english:
            # the title must not end in a name of its own ("Secretary Blinken, Paul Whelan")
            toks = _tokens(" ".join(title_words))
            split = _split_title_name(toks, lang)
            if split is None or split[1]:
                return None
        return " ".join(title_words)
    if english:
        return None
    m = None
    for m in _NON_EN_HEADS.finditer(piece):
        pass
    if m is None:
        return None
    start = m.start()
    # a head chain with its leading modifiers: "Временный поверенный", "заместителем министра"
    while True:
        prev = re.search(r"(\S+)\s+$", piece[:start])
        if not prev or not (_NON_EN_HEADS.fullmatch(prev.group(1)) or _NON_EN_MODIFIER.fullmatch(prev.group(1))):
            break
        start = prev.start(1)
    return piece[start:].strip() or None


_CAP_WORD = re.compile(r"(?<![\p{L}])\p{Lu}[\p{L}'’\-]*")
_LOWER_WORD = re.compile(r"(?<![\p{L}])\p{Ll}[\p{Ll}'’-]+")


def find_people(title: str, text: str, lang: str | None = None) -> list[tuple[str, str | None]]:
    """(name, title) pairs in order of first appearance (see module docstring for the rules)."""
    lowercase_words = {w for w in _LOWER_WORD.findall(text)}
    mentions: list[Mention] = []
    body_caps = frozenset(_CAP_WORD.findall(text))
    mentions += _line_mentions(title, -len(title) - 1, lang, lowercase_words, headline=True, body_caps=body_caps)
    pos = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        tag = _SPEAKER_TAG.match(line)
        if tag:
            # a transcript's speaker tag in capitals ("SECRETARY BLINKEN: Thank you"): read it in title case
            line = smart_title(tag.group(1)) + line[tag.end(1) :]
        found = _line_mentions(line, pos, lang, lowercase_words, headline=False)
        _plural_title_list(line, pos, found)
        if len(found) == 1 and (found[0].title is None or _weak_line_title(line, found[0])) and i + 1 < len(lines):
            # a name line followed by a title line ("Hillary Rodham Clinton" / "Secretary of State")
            title = _title_line(lines[i + 1], lang) if _whole_line_name(line, found[0]) else None
            if title:
                found[0].title = title
                found[0].appositive = True
                found[0].evidence = True  # a name line with its title line under it (a signature)
        mentions += found
        pos += len(line) + 1
    return _merge(mentions)


_SPEAKER_TAG = re.compile(r"^((?:\p{Lu}[\p{Lu}.'’\-]*\s+)+\p{Lu}[\p{Lu}'’\-]+)(?=\s*:)")
#: "Senators Cardin and Risch", "Ministers Marles, Wong and Roe": a plural title head, then names.
_PLURAL_LIST = re.compile(
    r"\b(?:Presidents|Secretaries|Ministers|Ambassadors|Senators|Governors|Mayors|Congressmen|Congresswomen)\s+"
    r"(\p{Lu}[\p{L}'’\-]+(?:\s*,\s*\p{Lu}[\p{L}'’\-]+)*\s*,?\s+and\s+\p{Lu}[\p{L}'’\-]+)"
)
_LIST_NAME = re.compile(r"\p{Lu}[\p{L}'’\-]+")


def _plural_title_list(line: str, base: int, found: list[Mention]) -> None:
    """Each surname a plural title head lists is a titled person ("Senators Cardin and Risch")."""
    for m in _PLURAL_LIST.finditer(line):
        head = line[m.start() : m.start(1)].strip()
        for w in _LIST_NAME.finditer(m.group(1)):
            start, end = m.start(1) + w.start(), m.start(1) + w.end()
            if w.group() in _STOP or _is_head(w.group()) or any(start < x.span[1] and end > x.span[0] for x in found):
                continue  # a list word that is no surname, or a name the rules already found
            found.append(Mention([w.group()], head, False, base + start, True, (start, end)))


def _whole_line_name(line: str, mention: Mention) -> bool:
    """The line is only the name, with its forms of address, post-nominal letters or a title word
    before it ("The Hon Alan Pike MP", "Senator the Hon Jane Roe")."""
    title = set(mention.title.split()) if mention.title and not mention.appositive else set()
    words = [
        w for w in re.split(r"[\s,]+", line)
        if w and w not in HONORIFICS and w not in _LINE_ADDRESS and w not in _POSTNOMINAL_HONOURS and w not in title
    ]
    return 1 < len(words) <= 5 and len(words) == len(mention.name)


#: Words of a signature line that are neither name nor title ("The Rt Hon", "MP").
_LINE_ADDRESS = frozenset(("The", "the", *_POSTNOMINAL_TITLES))


def _weak_line_title(line: str, mention: Mention) -> bool:
    """A signature line's own title is post-nominal letters or one head word before the name
    ("The Hon Alan Pike MP", "Senator the Hon Jane Roe"): a title line under it says more."""
    t = mention.title
    if t is None or mention.appositive:
        return False
    return t in _POSTNOMINAL_TITLES or (_is_head(t) and line.lstrip().startswith(t + " "))


def _title_line(line: str, lang: str | None) -> str | None:
    """A line that is only a title phrase ("Secretary of State"), else None.

    Up to 16 words: "Federal Minister for Foreign Affairs of the Federal Republic of Germany" has 11;
    a sentence has lower-case words, which no title line holds beyond its connectors.
    """
    if len(line.split()) > 16:
        return None
    toks = _tokens(line.strip())
    if not toks or any(not (t.cap or t.text in _CONNECT_APPOS) for t in toks):
        return None
    split = _split_title_name(toks, lang)
    if split is None or (split[1] and not _is_country_word(" ".join(t.text for t in split[1]), lang)):
        return None  # (a country of two words ends the of-phrase: "Prime Minister of New Zealand")
    return line.strip()


#: Generational suffixes after a surname ("Reuben E. Brigety II", "John Roe Jr."): no part of the
#: surname a later "Ambassador Brigety" gives.
_GENERATIONAL = frozenset("jr jr. sr sr. ii iii iv".split())


def _core(words: list[str]) -> list[str]:
    """The words that identify a person: no generational suffix, and no middle initials ("Antony J.
    Blinken" and "Antony Blinken" are one person, not two who share a surname)."""
    out = [w.casefold() for w in words]
    while len(out) > 1 and out[-1] in _GENERATIONAL:
        out.pop()
    if len(out) > 2:
        inner = [w for w in out[1:-1] if not _INITIAL.fullmatch(w.upper())]
        out = [out[0], *inner, out[-1]]
    # "António Guterres" and "Antonio Guterres", "Erdoğan" and "Erdogan": the same name with or without diacritics
    return [_fold(w) for w in out]


@lru_cache(maxsize=16384)
def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _matches(a: list[str], b: list[str]) -> bool:
    """Same person: equal names, or one is the surname (last word, or first word MOFA-style) of the
    other; a generational suffix is ignored, and in a name of three words or more the word before the
    last can be the surname (Spanish paternal surname: "President Chaves" for "Rodrigo Chaves Robles")."""
    la, lb = _core(a), _core(b)
    if la == lb or (len(la) == 2 and la == lb[::-1]):
        return True  # also "Kamikawa Yoko" (surname first, MOFA) and "Yoko Kamikawa"
    short, long_ = (la, lb) if len(la) < len(lb) else (lb, la)
    if len(short) == 1:
        if len(long_) >= 3 and short[0] == long_[-2] and len(short[0]) > 2:
            return True
        return short[0] in (long_[-1], long_[0]) and len(long_) <= 4
    return short == long_[-len(short) :] or short == long_[: len(short)]


def _conflicts(a: list[str], b: list[str]) -> bool:
    """Two full names that share a surname but not a given name are two people ("Mark Roe" and his
    father "Adam Roe")."""
    la, lb = _core(a), _core(b)
    return len(la) >= 2 and len(lb) >= 2 and not _matches(la, lb)


def _merge(mentions: list[Mention]) -> list[tuple[str, str | None]]:
    groups: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda x: x.pos):
        for g in groups:
            if any(_matches(m.name, x.name) for x in g) and not any(_conflicts(m.name, x.name) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    # a one-word group that matches a fuller group joins it
    merged: list[list[Mention]] = []
    for g in groups:
        target = next(
            (h for h in merged
             if any(_matches(x.name, y.name) for x in g for y in h) and not any(_conflicts(x.name, y.name) for x in g for y in h)),
            None,
        )
        if target is not None:
            target.extend(g)
        else:
            merged.append(g)
    people = []
    for g in merged:
        if not any(m.evidence for m in g):
            continue  # a bare capitalised phrase nothing supports (evidence.py)
        fullest = max(len(m.name) for m in g)
        top = [m for m in g if len(m.name) == fullest]
        name = " ".join(top[0].name)
        title = next((m.title for m in top if m.appositive and m.title), None)
        titled = [m.title for m in top if m.title]
        title = title or (max(titled, key=len) if titled else None)
        title = title or next((m.title for m in g if m.appositive and m.title), None)
        title = title or next((m.title for m in g if m.title), None)
        people.append((name, title))
    return people
