"""Date rules: finding calendar dates in text, year inference, relative days, weekdays, ranges.

Rules implemented (README "event_dates" and "release_date"):

* A date *mention* is a day and a month, with or without a year: "December 5, 2022",
  "5 May 2012", "8th August", "DECEMBER 6, 2022", "6 декабря 2022 г.", "22 de junio de 2023".
  Month and weekday names come from dateparser's locale tables (English is always on; the
  detected language is added), so local-language statements are read without calling
  ``dateparser.parse`` per token. Month-only and year-only dates ("September 2023", "since
  2019") never match because a day is required.
* Ranges and lists keep their end points: "June 5-7, 2023" gives the 5th and 7th,
  "22nd and 23rd April" gives both days, "October 27 to November 8" gives two mentions.
* Year inference: a mention without a year takes the year of the next mention it is chained
  to ("February 29, March 11, and March 14, 2020", "January 1 – December 31, 2016"), else
  the reference year (``release_date`` or ``published``).
* Relative days ("today", "tonight", "yesterday", "tomorrow", and their local forms) and
  weekdays ("on Sunday") resolve against the reference date; see :func:`relative_events`.
* Numeric dates ("09/08/2020") are only read in header and dateline positions, day-first
  unless the site is a U.S. one (see :func:`parse_date_text`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .trie import trie_pattern

#: Arabic-Indic and Persian digits, read as ASCII digits (same string length, so offsets hold).
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

_MONTH_KEYS = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAY_KEYS = "monday tuesday wednesday thursday friday saturday sunday".split()


@dataclass(frozen=True)
class DateMention:
    """A day-and-month found in text; ``year`` is None when the text gives none."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]
    weekdays: dict[str, int]
    mention_re: re.Pattern
    weekday_re: re.Pattern
    today: tuple[str, ...]
    yesterday: tuple[str, ...]
    tomorrow: tuple[str, ...]


def _locale_info(lang: str) -> dict:
    try:
        from dateparser.languages.loader import default_loader

        return default_loader.get_locale(lang).info
    except Exception:  # unknown language code: English tables only
        return {}


def _alternation(words) -> str:
    return trie_pattern(words)


_LOCAL_TODAY = {
    "es": ["esta mañana", "esta tarde", "esta noche", "hoy por la mañana"],
    "fr": ["ce matin", "cet après-midi", "ce soir", "cette nuit"],
    "pt": ["esta manhã", "nesta manhã", "esta tarde", "nesta tarde", "esta noite", "hoje de manhã"],
}


@lru_cache(maxsize=64)
def tables(lang: str | None) -> _Tables:
    """Month/weekday/relative-day tables for English plus ``lang`` (cached per language)."""
    langs = ["en"] if not lang or lang == "en" else ["en", lang]
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    today: list[str] = ["today", "tonight", "this morning", "this afternoon", "this evening", "earlier today"]
    yesterday: list[str] = ["yesterday", "last night"]
    tomorrow: list[str] = ["tomorrow"]
    for code in langs:
        info = _locale_info(code)
        for i, key in enumerate(_MONTH_KEYS, 1):
            for word in info.get(key, []):
                word = word.lower().rstrip(".")
                # English 3-letter abbreviations other than these collide with words ("mar", "jun"):
                # those count only capitalised (``_month_ok``), and a day must follow them anyway
                if code == "en" and len(word) <= 3 and word not in {"jan", "feb", "aug", "sep", "oct", "nov", "dec", "may"} | (
                    _CAPITAL_ONLY if len(langs) == 1 else frozenset()  # not in other languages ("Mar" is the sea)
                ):
                    continue
                if len(word) >= 3:
                    months[word] = i
        if code == "en":
            months["sept"] = 9
        for i, key in enumerate(_WEEKDAY_KEYS):
            for word in info.get(key, []):
                if len(word) >= 5:  # full names only; abbreviations collide with words
                    weekdays[word.lower()] = i
        if code != "en":
            # "this morning" / "tonight" are today in other languages too (dateparser lists single words only)
            today += _LOCAL_TODAY.get(code, [])
            rel = info.get("relative-type", {})
            today += [w for w in rel.get("0 day ago", []) if " " not in w]
            yesterday += [w for w in rel.get("1 day ago", []) if " " not in w]
            tomorrow += [w for w in rel.get("in 1 day", []) if " " not in w]
    month_alt = _alternation(months)
    weekday_alt = _alternation(weekdays)
    day = r"(?<![\d:/.,$£€-])(?:[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|ᵉʳ|º|°|-?го|-?е)?\.?"
    # the second day of a range comes right after its joiner, so a hyphen before it is allowed ("5-7 June")
    day_b = r"(?<![\d:/.,$£€])(?:[0-3]?\d)(?!\d)(?:st|nd|rd|th|er|ᵉʳ|º|°|-?го|-?е)?\.?"
    # 1800-2099, or an older year after "de" or with no lower-case word after it ("July 4, 1776",
    # "10 de mayo de 1781", not "May 3, 1500 people")
    year = r"(?:(?:1[89]|20)\d\d(?!\d)|(?<=\bde\s)1[0-7]\d\d(?!\d)|1[0-7]\d\d(?!\d)(?!\s+\p{Ll}))"
    join = r"\s*(?:-|–|—|&|and|to|through|et|y|и|au|al)\s*"
    mention = (
        # day-first: "5 May 2012", "22nd and 23rd April", "6 декабря 2022", "22 de junio de 2023";
        # a day starts with a digit, and saying so first lets the scan skip other positions fast
        # a range may name the second day's weekday: "du lundi 18 au vendredi 22 mars", "Monday 18 to Friday 22 March"
        rf"(?=\d)(?P<d2>{day})(?:(?:{join}|,\s*)(?:(?:{weekday_alt})\s+)?(?P<d2b>{day_b}))?\s*(?:of\s+|de\s+)?(?P<m2>{month_alt})(?![\p{{L}}])\.?"
        rf"(?:,?\s*(?:de\s+|del\s+)?(?P<y2>{year}))?"
        "|"
        # month-first: "December 5, 2022", "June 5-7, 2023", "March 14"
        rf"(?P<m1>{month_alt})(?![\p{{L}}])\.?\s*(?P<d1>{day})(?:{join}(?P<d1b>{day_b}))?(?![\p{{L}}\d])"
        rf"(?:,?\s*(?P<y1>{year}))?"
    )
    return _Tables(
        months=months,
        weekdays=weekdays,
        mention_re=re.compile(mention, re.IGNORECASE),
        weekday_re=re.compile(rf"(?<![\p{{L}}])(?:{weekday_alt})(?![\p{{L}}])", re.IGNORECASE),
        today=tuple(dict.fromkeys(today)),
        yesterday=tuple(dict.fromkeys(yesterday)),
        tomorrow=tuple(dict.fromkeys(tomorrow)),
    )


def _int_day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _month_ok(token: str, months: dict[str, int]) -> int | None:
    low = token.lower().rstrip(".")
    month = months.get(low)
    if month is None:
        return None
    # English month names are always capitalised; "may" and "march" in lower case are words.
    if token[:1].islower() and low in {"may", "march", "august", "sept", "jan", "dec"} | _CAPITAL_ONLY:
        return None
    return month


#: "Mar. 4", "Apr 9", "Jun. 3", "Jul. 14": abbreviations that are also words ("mar", "jun"), so only capitalised.
_CAPITAL_ONLY = frozenset({"mar", "apr", "jun", "jul"})


_HAS_DIGIT = re.compile(r"\d")
_CHAIN_GAP = re.compile(r"[\s,;]*(?:(?:and|to|through|until|till|or|-|–|—|y|et|и|au|al)[\s,]*)?", re.IGNORECASE)


def find_mentions(text: str, lang: str | None = None) -> list[DateMention]:
    """All day-and-month mentions in ``text``, with years filled in along chains (see module doc)."""
    if not _HAS_DIGIT.search(text):
        return []
    t = tables(lang)
    raw: list[list] = []
    for m in t.mention_re.finditer(text):
        if m.group("m2"):
            month = _month_ok(m.group("m2"), t.months)
            days = [m.group("d2"), m.group("d2b")]
            year = m.group("y2")
        else:
            month = _month_ok(m.group("m1"), t.months)
            days = [m.group("d1"), m.group("d1b")]
            year = m.group("y1")
        if month is None:
            continue
        for d in days:
            if d is None:
                continue
            day = _int_day(d)
            if 1 <= day <= 31:
                raw.append([m.start(), m.end(), day, month, int(year) if year else None])
    # Year inference along chains, right to left.
    for i in range(len(raw) - 2, -1, -1):
        cur, nxt = raw[i], raw[i + 1]
        if cur[4] is None and nxt[4] is not None:
            if cur[0] == nxt[0] or _CHAIN_GAP.fullmatch(text, cur[1], nxt[0]):
                cur[4] = nxt[4]
    return [DateMention(*r) for r in raw]


def to_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?!\d)|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_numeric(text: str, day_first: bool = True) -> tuple[re.Match, dt.date] | None:
    """A numeric date ("09/08/2020", "2020-08-09") in ``text``; EU/UK usage is day-first."""
    m = _NUMERIC.search(text)
    if not m:
        return None
    if m.group(5):
        d = to_date(int(m.group(5)), int(m.group(6)), int(m.group(7)))
    else:
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if a > 12:
            day_first = True
        elif b > 12:
            day_first = False
        d = to_date(y, b, a) if day_first else to_date(y, a, b)
    return (m, d) if d else None


@lru_cache(maxsize=4096)
def _dateparser_parse(text: str, lang: str | None) -> dt.date | None:
    import dateparser

    languages = None if not lang else list(dict.fromkeys([lang, "en"]))
    try:
        parsed = dateparser.parse(
            text,
            languages=languages,
            settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:
        return None
    return parsed.date() if parsed else None


def parse_date_text(text: str, lang: str | None = None, day_first: bool = True) -> dt.date | None:
    """The one full date written in a short string (a header date line, a dateline's date).

    Tries the month-name tables, then numeric forms, then ``dateparser`` (cached) as a last
    resort for short strings in other formats.
    """
    text = text.translate(DIGITS)
    for m in find_mentions(text, lang):
        d = to_date(m.year, m.month, m.day)
        if d:
            return d
    num = parse_numeric(text, day_first)
    if num:
        return num[1]
    if len(text) <= 40 and re.search(r"\d{4}", text):
        return _dateparser_parse(text.strip(), lang)
    return None


def shift(d: dt.date, days: int) -> dt.date:
    return d + dt.timedelta(days=days)


def weekday_date(ref: dt.date, weekday: int, forward: bool, strict: bool = False) -> dt.date:
    """The given weekday nearest to ``ref`` in the stated direction (``ref`` itself if it matches,
    unless ``strict``: "next Friday" / "last Friday" said on a Friday is a week away)."""
    delta = (weekday - ref.weekday()) % 7
    if forward:
        return shift(ref, delta or (7 if strict else 0))
    back = (ref.weekday() - weekday) % 7
    return shift(ref, -(back or (7 if strict else 0)))


# --- event dates --------------------------------------------------------------------------

#: A date right after one of these words names a street or square, not an event ("Boulevard 15 October").
_STREET_BEFORE = re.compile(
    r"(?:boulevard|blvd\.?|bulevardi|street|st\.|avenue|ave\.|road|square|rruga|calle|avenida|rue|ulitsa|ul\.|"
    r"str\.|plaza|place|sheshi|bulevar|проспект|улица|пр\.|ул\.)\s*$",
    re.IGNORECASE,
)
_STREET_AFTER = re.compile(r"^\s*(?:street|avenue|boulevard|road|square)\b", re.IGNORECASE)
#: Words showing that "today" refers to the document's own release ("issued the following statement today").
_SELF_REFERENCE = re.compile(
    r"\b(?:announc\w*|issu\w*|releas\w*|publish\w*|statement|welcom\w*|condemn\w*|congratulat\w*|express\w*|"
    r"reaffirm\w*|pleased|proud|designat\w*|sanction\w*|notif\w*|advis\w*|remind\w*|inform\w*)",
    re.IGNORECASE,
)
_TODAYS_SELF = re.compile(r"(?:today['’]s)\s+(?:announcement|statement|release|press release|decision|action|designation|notice|alert)", re.IGNORECASE)
#: Words showing that "today" ties to something that happens (a meeting, a protest, a ceremony).
_EVENT_WORDS = re.compile(
    r"\b(?:met|meet\w*|spoke|speak\w*|call\w*|visit\w*|host\w*|held|hold\w*|protest\w*|demonstrat\w*|rall\w*|"
    r"march\w*|clos\w*|open\w*|sign\w*|elect\w*|vote\w*|voting|celebrat\w*|present\w*|deliver\w*|attend\w*|"
    r"arriv\w*|depart\w*|travel\w*|trip|launch\w*|ceremon\w*|conferen\w*|summit|talks?|discuss\w*|participat\w*|"
    r"commemorat\w*|gather\w*|conven\w*|inaugurat\w*|sworn|swear\w*|donat\w*|hand\w*|award\w*|session|"
    r"ministerial|event|exercise|concert|festival|match|strike|explosion|attack\w*|shooting|curfew|violen\w*|"
    r"clash\w*|fighting|riot\w*|unrest|incident|occurred|took place|happened|"
    # a person taken into custody: "the arrest today of", "detained today", "the detention today"
    r"arrest(?:ed)?\b|detain(?:ed)?\b|detention|abduct(?:ed|ion)\b|kidnapp(?:ed|ing)\b|"
    # taking part in something: "joined students", "toured the plant", "unveiled a plaque", "laid a wreath"
    r"join(?:s|ed|ing)?|tour(?:s|ed|ing)?|unveil\w*|dedicat\w*|wreath|graduat\w*|perform\w*|reception|"
    r"workshop|seminar|forum|roundtable|briefing|"
    # acts and happenings that are events too: a body adopts or recognises, a quake strikes, a plane
    # leaves, an airport reopens, campaigning ends
    r"adopt\w*|recogni[sz]\w*|struck|strikes?|hit|left|leav\w*|reopen\w*|resum\w*|suspend\w*|ends?|ended|"
    r"begins?|began|start\w*|expir\w*|enter\w* into force|took effect|"
    # deaths, disasters and accidents
    r"died|death|passing|passed away|killed|injur\w*|flood\w*|earthquake|quake|storm|fire|blaze|collaps\w*|crash\w*|explod\w*|"
    r"встреч\w*|провел\w*|переговор\w*|reuni\w*|visit\w*|manifest\w*|réuni\w*|rencontr\w*|entretien\w*|"
    # the same kinds of event in Russian, Spanish, French and Portuguese
    r"присутств\w*|заседани\w*|слушани\w*|посетил\w*|подписа\w*|состоял\w*|прош[её]л\w*|открыл\w*|"
    r"передал\w*|выступил\w*|обсудил\w*|entreg\w*|asisti\w*|particip\w*|firm[óoa]\w*|celebr\w*|"
    r"inaugur\w*|remis\w*|remet\w*|sign[ée]\w*|assist[ée]\w*|particip\w*|assin\w*|realiz\w*|"
    r"déroul\w*|tenu\w*|procédé|reunião|encontr\w*|"
    # more of the same: "встретился", "вручил", "принял участие", "a eu lieu", "cérémonie", "ceremonia"
    r"встрет\w*|вруч\w*|церемони\w*|принял\w*|приняли|эвакуац\w*|eu\s+lieu|cérémonie\w*|ceremoni\w*|cerimônia\w*|"
    # and in German: a meeting, a visit, a dialogue, a conference, an opening, a signing
    r"treffen|trifft|traf|empf[äa]ng\w*|besuch\w*|\w*dialog\w*|\w*konferenz\w*|gipfel\w*|eröffn\w*|unterzeichn\w*|"
    r"sitzung\w*|gespräch\w*|veranstaltung\w*|zeremonie\w*|verhandlung\w*|erinner\w*|gedenk\w*|feier\w*|"
    # Italian: took place, held, met, signed, ceremony; Portuguese: awarded, granted
    r"svolt\w*|tenut\w*|incontr\w*|firmat\w*|cerimoni\w*|riunion\w*|atribu[íi]d\w*|concedid\w*|"
    # a decision or recognition by another party, an arrival (Spanish, Portuguese, French forms too)
    r"chose|chosen|decided|décid\w*|decidi\w*|reconhec\w*|reconoc\w*|reconn\w*|lleg\w*|cheg\w*)",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(?:will|shall|to be|being held|scheduled|planned|plans?|upcoming|expected|going to)\b",
    re.IGNORECASE,
)


#: a past-tense verb in the weekday's own clause ("gathered Thursday", "was held on Monday")
_PAST = re.compile(
    r"\b(?:(?<!\b(?:is|are|be|remain|remains|stay|stays)\s)\p{Ll}{3,}ed|was|were|met|held|spoke|took|left|began|made|gave|saw|went|came|told|said|led|won|lost|fled|"
    r"struck|hit|broke|fought|shot|sent|brought|kept|paid|sold|built|found|became|rose|fell|ran|drove|flew|wrote)\b"
)
#: nothing but "on" before the weekday in its clause: the weekday opens it ("On Monday, ...")
_OPENS_CLAUSE = re.compile(r"\s*(?:on\s*)?", re.IGNORECASE)
#: a present-tense verb of a schedule right before the weekday: what it announces is still to come
_PRESENT_SCHEDULE = re.compile(
    r"\b(?:resumes?|reopens?|opens|closes|begins|starts|ends|runs|continues|arrives|departs|returns)\s+(?:on\s+)?$"
)
#: a weekday right after a lower-case verb or noun, without "on": "will be closed Monday", "arrives Friday"
_VERB_BEFORE = re.compile(r"(?<![\p{L}])\p{Ll}{3,}\s+$")


def _rel_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\p{L}])(?:" + _alternation(words) + r")(?![\p{L}])", re.IGNORECASE)


@lru_cache(maxsize=64)
def _relative_patterns(lang: str | None) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    t = tables(lang)
    return _rel_pattern(t.today), _rel_pattern(t.yesterday), _rel_pattern(t.tomorrow)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


_BOUNDARY = re.compile(r"(?<!\b\p{Lu})(?<!\b(?:Mr|Ms|Mrs|Dr|St|Jr|No|Gen|Amb))[.!?;]\s+|\n")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (abbreviations such as "U.S." do not end a sentence)."""
    start = 0
    for m in _BOUNDARY.finditer(text, max(0, pos - 600), pos):
        start = m.end()
    m = _BOUNDARY.search(text, pos)
    return start, (m.start() if m else len(text))


#: A numeric date in running text ("by 15/05/2024", "on 15.05.2024"), not inside a URL, a file name
#: or a longer number.
_BODY_NUMERIC = re.compile(r"(?<![\w/.:-])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?![\w/-]|\.\d)")


def explicit_events(
    text: str, lang: str | None, ref_year: int | None, excluded: list[tuple[int, int]], day_first: bool = True
) -> set[dt.date]:
    """Dates written out in ``text`` (outside ``excluded`` spans), with year inference; numeric
    dates too, day-first unless the site is a U.S. one (``day_first``)."""
    found: set[dt.date] = set()
    if "/" in text or "." in text or "-" in text:
        for m in _BODY_NUMERIC.finditer(text):
            if _inside(m.start(), excluded):
                continue
            a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            first = day_first if a <= 12 and b <= 12 else a > 12
            d = to_date(y, b, a) if first else to_date(y, a, b)
            if d:
                found.add(d)
    for m in find_mentions(text, lang):
        if _inside(m.start, excluded):
            continue
        if _STREET_BEFORE.search(text[max(0, m.start - 14) : m.start]) or _STREET_AFTER.match(text[m.end : m.end + 12]):
            continue
        d = to_date(m.year if m.year is not None else ref_year, m.month, m.day)
        if d:
            found.add(d)
    return found


def relative_events(text: str, lang: str | None, ref: dt.date | None, excluded: list[tuple[int, int]]) -> set[dt.date]:
    """"today"/"tonight" (when tied to an event, not to the document's own release),
    "yesterday", "tomorrow" and weekday names, resolved against ``ref``."""
    if ref is None:
        return set()
    found: set[dt.date] = set()
    today_re, yesterday_re, tomorrow_re = _relative_patterns(lang)
    for m in today_re.finditer(text):
        if _inside(m.start(), excluded):
            continue
        s, e = _sentence(text, m.start())
        sentence = text[s:e]
        if _TODAYS_SELF.search(text, m.start(), m.start() + 40):
            continue
        window = text[max(s, m.start() - 60) : min(e, m.end() + 60)]
        if _SELF_REFERENCE.search(window) and not _EVENT_WORDS.search(window):
            continue
        if _EVENT_WORDS.search(sentence):
            found.add(ref)
    for pat, days in ((yesterday_re, -1), (tomorrow_re, 1)):
        for m in pat.finditer(text):
            if _inside(m.start(), excluded):
                continue
            if days == 1 and lang not in (None, "en"):
                # "mañana"/"morgen" also mean "morning": only in a date-like phrase
                # (or right after "today and": "heute und morgen", "hoy y mañana")
                before = text[max(0, m.start() - 20) : m.start()]
                if not re.search(r"(?i)\b(?:de|para|hasta|desde|a partir de)\s*$", before) and not (
                    today_re.search(before) and re.search(r"(?i)\s(?:und|y|et|e)\s+$", before)
                ):
                    continue
            found.add(shift(ref, days))
    t = tables(lang)
    for m in t.weekday_re.finditer(text):
        if _inside(m.start(), excluded):
            continue
        token = m.group()
        if token[:1].islower() and (lang in (None, "en")):
            continue
        # "Saturday, May 5, 2012": the weekday belongs to a written date
        # "Thursday (7 November)": so does a date in brackets right after it
        after = text[m.end() : m.end() + 25].lstrip(" ,(")
        nxt = find_mentions(after, lang)
        if nxt and nxt[0].start == 0:
            continue
        raw_before = text[max(0, m.start() - 12) : m.start()]
        before = raw_before.lower()
        if re.search(r"\b(?:today|tonight|tomorrow|yesterday)\s*,?\s*$", before) and lang in (None, "en"):
            continue  # "Tomorrow, Saturday, ...": the relative day already dates it
        if (
            not re.search(r"(?:\bon|\bthis|\bnext|\blast|\bby|\buntil|\bsince|\bfrom|\bpast|\bthe|,)\s*$", before)
            and not _VERB_BEFORE.search(raw_before)
            and lang in (None, "en")
        ):
            continue
        weekday = t.weekdays.get(token.lower())
        if weekday is None:
            continue
        s, e = _sentence(text, m.start())
        sentence = text[s:e]
        strict = bool(re.search(r"\b(?:last|past|next)\s*$", before))
        # the clause the weekday stands in decides its tense: "gathered Thursday and will return Sunday";
        # one that opens with the weekday has its verb after it: "On Monday, the office hosted ..."
        clause = re.split(r",|;|\band\b|\bbut\b", text[s : m.start()])[-1]
        clause_after = re.split(r",|;|\band\b|\bbut\b", text[m.end() : e].lstrip(" ,"))[0]
        if re.search(r"\blast\s*$|\bpast\s*$", before):
            forward = False
        elif re.search(r"\bnext\s*$|\bthis\s*$|\bcoming\s*$", before):
            forward = True
        elif _FUTURE.search(clause):
            forward = True
        elif _PAST.search(clause):
            forward = False
        elif _OPENS_CLAUSE.fullmatch(clause) and (_FUTURE.search(clause_after) or _PAST.search(clause_after)):
            forward = _FUTURE.search(clause_after) is not None
        elif _PRESENT_SCHEDULE.search(raw_before):
            forward = True  # "Visa services resume Monday", "The office reopens on Tuesday": a schedule
        elif re.search(r"\b(?:is|are|remains?|stays?)\b", clause):
            forward = True  # "The Embassy is closed Saturday": a present-tense notice is of what comes
        else:
            # no tense in its clause: the sentence's, and one with no past-tense verb at all
            # ("Avoid the square on Saturday.") speaks of what is to come
            forward = bool(_FUTURE.search(sentence)) or not _PAST.search(sentence)
        found.add(weekday_date(ref, weekday, forward, strict))
    return found
