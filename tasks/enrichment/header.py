"""Header rules: kind labels, issuing office, release date, mission.

A statement's *header* is the run of short lines before its first paragraph ("MEDIA NOTE",
"OFFICE OF THE SPOKESPERSON", "DECEMBER 6, 2022", "Washington, DC"). Rules (README):

* **Kind label** - a header line such as MEDIA NOTE, READOUT, PRESS STATEMENT, "Statement by",
  Fact Sheet, "Joint Statement from", or an alert heading (Security Alert, Demonstration
  Alert, Security Message, Health Alert, Travel Advisory/Alert/Warning, a Health Advisory with a
  level). Alert headings are also read from the headline, which is where many sites put them.
* **Issuing office** - an "Office of the ..." / EEAS / Council / ministry header line, or an
  attribution "A Foreign, Commonwealth and Development Office spokesperson said". The site's
  brand line ("U.S. Department of State", "The White House") is not an office.
* **Release date** - first of: a header date line, a dateline ("Almaty, June 22, 2023 -",
  "Brussels, 09/08/2020"), a date in the headline or alert heading that is not introduced as
  an event ("... Meeting on June 21, 2023" is an event). Bylines ("By X | 7 December, 2022 |")
  are posting metadata and never give the release date.
* **Mission** - the byline author, the mission in an alert heading, or a line that is only a
  mission name; never an embassy mentioned as a place ("outside the U.S. Embassy in Colombo").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex as re

from . import dates
from .textutil import is_caps_line

#: (doc_type, pattern matched at the start of a header line, case-insensitive)
_LABELS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE))
    for kind, pat in (
        # a label may close a short line after capture metadata ("date 2022-12-07 MEDIA NOTE")
        ("media_note", r"^(?:[\w-]+\s+){0,3}?media note\b"),
        ("readout", r"^readout\b|^(?:[\w-]+\s+){1,3}readout\s*$"),
        ("press_statement", r"^(?:[\w-]+\s+){0,3}?press statement\b"),
        ("press_statement", r"^statement\s+(?:by|from)\b"),
        ("press_statement", r"^declaration\s+by\s+the\s+high\s+representative\b"),
        # "Fact Sheet", also with its kind in front: "BILATERAL RELATIONS FACT SHEET"
        ("fact_sheet", r"^fact\s*sheet\b|^(?:[\w-]+\s+){1,3}fact\s*sheet\s*$"),
        ("joint_statement", r"^joint\s+(?:vision\s+)?statement\b"),
        ("joint_statement", r"^joint\s+declaration\b"),
        ("press_release", r"^(?:press|news|media) release\s*$"),
        ("press_release", r"^(?:comunicado de prensa|nota de prensa|communiqué de presse|comunicado de imprensa|пресс-релиз)\s*$"),
        # the other kinds in the languages of embassy and ministry pages (Spanish, French, Portuguese, German)
        ("press_statement", r"^(?:declaraci[oó]n (?:de|a la) prensa|d[ée]claration (?:de|à la) presse|declaração à imprensa|presseerklärung)\b"),
        ("joint_statement", r"^(?:declaraci[oó]n conjunta|d[ée]claration conjointe|declaração conjunta|gemeinsame erklärung)\b"),
        ("media_note", r"^(?:nota para (?:los )?medios|note aux médias)\s*$"),
        ("fact_sheet", r"^(?:hoja informativa|fiche d['’]information|ficha informativa|faktenblatt)\s*$"),
        ("remarks", r"^(?:discurso|discours|allocution|rede)\s*$"),
        ("remarks", r"^(?:remarks|speech)\s*$"),
        # a delivered text says so in its header: "As Delivered", "As Prepared for Delivery"
        ("remarks", r"^\(?(?:as\s+delivered|as\s+prepared(?:\s+for\s+delivery)?|check\s+against\s+delivery)\)?\s*$"),
        ("other", r"^interview\s*$"),
    )
)

_ALERTS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE))
    for kind, pat in (
        ("security_alert", r"^(?:[\w.,' -]{0,40}?\b)?(?:security alert|demonstration alert|security message|emergency message|emergency alert|weather alert)\b"),
        # the same headings on local-language embassy pages: "Alerta de Seguridad", "Alerte de sécurité",
        # "Alerta de Segurança", "Alerta de Manifestación", "Alerte manifestation", "Mensaje de Seguridad"
        ("security_alert", r"^(?:[\w.,' -]{0,40}?\b)?(?:alerta|alerte|mensaje|message|mensagem)\s+(?:de\s+|d['’]\s*)?"
                           r"(?:seguridad|sécurité|securite|segurança|seguranca|manifestaci[oó]n|manifestation|manifestação|emergencia|urgence|emergência)\b"),
        ("health_alert", r"^(?:[\w.,' -]{0,40}?\b)?health alert\b"),
        ("health_alert", r"^(?:[\w.,' -]{0,40}?\b)?(?:alerta|alerte)\s+(?:de\s+)?(?:salud|santé|sante|saúde|saude|sanitaire)\b"),
        ("travel_advisory", r"^(?:[\w.,' -]{0,40}?\b)?(?:travel advisory|travel alert|travel warning)\b"),
        ("travel_advisory", r"^(?:.{0,40}\blevel\s*\d.{0,40}\bhealth advisory|.{0,40}\bhealth advisory\b.{0,40}\blevel\s*\d)"),
    )
)

_OFFICE_LINE = re.compile(
    r"^(?:the\s+)?(office of (?:the )?[\p{L} ,'&-]+|bureau of [\p{L} ,'&-]+|european external action service|"
    r"council of the (?:european union|eu)|european commission|foreign,? (?:commonwealth (?:and|&) development|"
    r"and commonwealth|& commonwealth) office|ministry (?:of|for) [\p{L} ,'&-]+|"
    r"(?:federal )?department (?:of|for) foreign affairs[\p{L} ,'&-]*|press and information (?:department|office|team|service)[\p{L} ,'&-]*|"
    # a ministry's or service's press unit: "Press Service of the Ministry of ...", "EEAS Press Team"
    r"press (?:service|office|team|department|and information team|section) of (?:the )?[\p{L} ,'&-]+|"
    r"(?:eeas|[\p{L}]+ ministry) press (?:team|office|service)|department of (?:information|press)[\p{L} ,'&-]*|"
    # foreign ministries by their own names, and the EU's own bodies
    r"federal foreign office|auswärtiges amt|department of foreign affairs(?: and trade)?|global affairs canada|"
    r"minist[eè]re (?:de|des|du) [\p{L} ,'’&-]+|ministerio (?:de|del) [\p{L} ,'&-]+|minist[ée]rio (?:da|das|do|dos) [\p{L} ,'&-]+|"
    r"secretar[ií]a de [\p{L} ,'&-]+|министерство [\p{L} ,-]+|"
    r"(?:press office\s*[-–]\s*)?general secretariat of the council(?: of the (?:european union|eu))?|"
    r"(?:press and information team of the )?delegation of the european union to [\p{L} ,'&-]+)"
    r"(?:\s*\(\p{Lu}+\))?\s*$",
    re.IGNORECASE,
)
#: gov.uk's "From:" line names the publishing organisation first ("From: Foreign, Commonwealth &
#: Development Office and The Rt Hon ... MP"); the organisation is the office.
_FROM_LINE = re.compile(
    r"^(?i:from):?\s+(.+?)(?:\s+and\s+(?:(?i:the\s+rt\.?\s+hon|the\s+hon)\b|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}).*)?$"
)
_ATTRIBUTION_OFFICE = re.compile(
    r"\b(?:A|An)\s+((?:[\p{Lu}][\p{L},&'’]*\s+(?:(?:and|&|of|for|the)\s+)*){1,8}?)(?:spokesperson|spokesman|spokeswoman)\s+said",
)
_OFFICE_WORD = re.compile(r"\b(?:Office|Ministry|Department|Service|Council|Commission|Bureau|Agency)\b")

_MISSION_CORE = (
    r"(?:U\.\s?S\.|United States)\s+(?:Embassy|Consulate General|Consulate|Mission|Liaison Office|Interests Section)"
    r"(?:\s+(?:&|and)\s+Consulates?(?:\s+General)?)?"  # "U.S. Embassy & Consulates in Brazil"
)
_MISSION_NAME = (
    # a city may have lower-case particles inside: "Dar es Salaam", "Rio de Janeiro", "Port of Spain"
    rf"{_MISSION_CORE}(?:\s+(?:(?:to|in)\s+(?:the\s+)?)?[\p{{Lu}}][\p{{L}}.'’-]*"
    rf"(?:(?:\s+|,\s*)(?:(?:es|de|do|da|dos|of|al|el|au)\s+)?[\p{{Lu}}][\p{{L}}.'’-]*){{0,4}})?"
)
#: A mission's name in Spanish, French, Portuguese or Russian: "Embajada de EE. UU. en Argentina",
#: "Ambassade des États-Unis à Abidjan", "Embaixada dos EUA no Brasil", "Посольство США в России".
_US_LOCAL = (
    r"(?:(?:los\s+|dos\s+)?(?:EE\.\s?UU\.|EEUU|EUA|Estados\s+Unidos(?:\s+de\s+Am[ée]rica)?)|"
    r"(?:des\s+)?[ÉE]tats[-\s]Unis(?:\s+d['’]Am[ée]rique)?|США|Соединенных\s+Штатов(?:\s+Америки)?)"
)
_LOCAL_MISSION_CORE = (
    r"(?:Embajada|Consulado(?:\s+General)?|Embaixada|Consulado-Geral|Consulado\s+Geral|Ambassade|"
    r"Consulat(?:\s+[Gg]énéral)?|Посольство|Генеральное\s+консульство|Консульство)"
    # "Embaixada e Consulados dos EUA", "Embajada y Consulados de EE. UU.", "Посольство и консульства США"
    r"(?:\s+(?:e|y|et|и)\s+(?:Consulados?|Consulats?|[Кк]онсульства))?"
    rf"\s+(?:de\s+|dos\s+|des\s+|do\s+)?{_US_LOCAL}"
)
_LOCAL_MISSION_NAME = (
    rf"{_LOCAL_MISSION_CORE}(?:\s+(?:en|à|au|aux|em|no|na|в|во)\s+"
    r"[\p{Lu}][\p{L}.'’-]*(?:(?:\s+|,\s*)(?:(?:de|del|d['’]|do|da)\s*)?[\p{Lu}][\p{L}.'’-]*){0,4})?"
)
_ANY_MISSION = rf"(?:{_MISSION_NAME}|{_LOCAL_MISSION_NAME})"
#: A byline in any language: "By X | 7 December, 2022 |", "Por X | 16 marzo, 2022 |", "Par X | ...",
#: or the same "X | date | Topics:" shape without the leading word.
_BYLINE = re.compile(
    r"^(?:(?:By|Por|Par|От|Автор:?)\s+(.+?)\s*\||(.{3,90}?)\s*\|[^|]{4,40}\|\s*"
    r"(?:Topics?|Temas?|Tópicos|Th[èe]mes?|Темы?|Рубрики|Categories|Categorías|Catégories)\s*:)",
    re.IGNORECASE,
)
_MISSION_IN = re.compile(
    rf"({_ANY_MISSION}|Embassy of the United States(?: of America)?(?:,\s*|\s+in\s+)[\p{{Lu}}][\p{{L}} ,-]*)"
)
_MISSION_LINE = re.compile(rf"^(?:Source:\s*|Fuente:\s*|Source\s*:\s*|Источник:\s*)?({_ANY_MISSION})\.?$")
_ALERT_MISSION = re.compile(
    rf"\b(?:alert|message|advisory|notice|seguridad|sécurité|segurança|salud|santé|saúde|manifestaci[oó]n|manifestation)\b\s*"
    rf"(?:for\s+U\.S\.\s+Citizens\s*)?[-–—:|,]?\s*\(?({_ANY_MISSION})",
    re.IGNORECASE,
)

_DATE_LINE_PREFIX = re.compile(
    r"^(?:date:\s*|(?:release|issue)\s+date:\s*|"
    # the same in other languages: "Publié le", "Publicado el", "Publicado em", "Опубликовано"
    r"(?:publi[ée]e?|mis\s+en\s+ligne|publicad[oa]|опубликовано|дата(?:\s+публикации)?)(?:\s+(?:le|el|em|en|o))?\s*:?\s*|"
    r"date\s+of\s+(?:release|issue):\s*|(?:posted|released|published|issued)(?:\s+on)?:?\s*|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*)",
    re.IGNORECASE,
)
#: A header line that starts with the date and goes on after a dash: "March 4, 2024 - Ottawa - ...".
_LEADING_DATE_SEP = re.compile(r"^\s*(?:[-–—|]|--)\s*\S")
_EVENT_LEAD = re.compile(r"(?:\bon|\bheld|\bfrom|\buntil|\bsince|\bthrough|\bbetween|\bof|\bbefore|\bafter)\s*$", re.IGNORECASE)
_US_SITE = re.compile(r"(?:usembassy\.gov|state\.gov|whitehouse\.gov|usmission\.gov|\.mil)$")


@dataclass
class Header:
    label: str | None = None
    office: str | None = None
    release_date: dt.date | None = None
    release_source: str | None = None
    mission: str | None = None
    header_lines: int = 0
    #: numeric dates are day-first unless the site is a U.S. one
    day_first: bool = True
    #: character spans of the body that are release or posting metadata, not events
    meta_spans: list[tuple[int, int]] = field(default_factory=list)
    #: spans of the title that gave the release date
    title_meta_spans: list[tuple[int, int]] = field(default_factory=list)


def header_block(lines: list[str]) -> int:
    """Number of leading header lines: short lines before the first paragraph (at most 8)."""
    n = 0
    for line in lines[:8]:
        words = len(line.split())
        if len(line) > 120 or (words > 14 and line.rstrip().endswith((".", ":"))):
            break
        n += 1
    return n


#: A clock time after a header date ("24 June 2024 10:30", "June 3, 2024, 3:15 p.m. EDT"): part of the date line.
_TRAILING_TIME = re.compile(
    r"[,\s]+(?:at\s+)?\d{1,2}(?:[:.h]\d{2})?\s*(?:(?:a\.?m\.?|p\.?m\.?)|(?<=\d\d))(?:\s*\(?\p{Lu}{2,5}\)?)?\s*$",
    re.IGNORECASE,
)
#: A publisher's type before the date on one line ("Speech | 24-06-2025", "News story | 3 May 2024").
_TYPE_BEFORE_DATE = re.compile(r"^[\p{L}][\p{L} &'’-]{1,40}\s*\|\s*(?=\S)")


def _line_date(line: str, lang: str | None, day_first: bool) -> dt.date | None:
    """The date of a line that is only a date ("DECEMBER 6, 2022", "Saturday, 5 May 2012"), also
    with a clock time after it or a publisher's type before it ("Speech | 24-06-2025")."""
    stripped = _DATE_LINE_PREFIX.sub("", _TYPE_BEFORE_DATE.sub("", line.strip())).strip(" .|–—-")
    stripped = _TRAILING_TIME.sub("", stripped).strip(" .|–—-")
    stripped = re.sub(r"\s*(?:г\.?|года|год)$", "", stripped)  # "3 мая 2024 г."
    if not stripped or len(stripped) > 40:
        return None
    mentions = dates.find_mentions(stripped.translate(dates.DIGITS), lang)
    if mentions:
        m = mentions[0]
        if m.start <= 1 and m.end >= len(stripped) - 1:
            return dates.to_date(m.year, m.month, m.day)
        return None
    num = dates.parse_numeric(stripped, day_first)
    if num and num[0].start() == 0 and num[0].end() == len(stripped):
        return num[1]
    return None


def _field_date(line: str, lang: str | None, day_first: bool) -> dt.date | None:
    """The date of a header line of fields between bars, one of them only a date
    ("Press release | Date: 31/05/2024 | No: 84/24")."""
    if "|" not in line:
        return None
    return next((d for field in line.split("|") if (d := _line_date(field, lang, day_first))), None)


def _leading_date(line: str, lang: str | None, day_first: bool) -> tuple[dt.date, int, int] | None:
    """A header line that opens with a full date and goes on after a dash ("March 4, 2024 - Ottawa"),
    also a numeric one ("25.04.2024 - Rede", "2024-04-25 | Speech")."""
    probe = line[:80].translate(dates.DIGITS)
    mentions = dates.find_mentions(probe, lang)
    if not mentions or mentions[0].start > 1 or mentions[0].year is None:
        num = dates.parse_numeric(probe, day_first)
        if num and num[0].start() <= 1 and _LEADING_DATE_SEP.match(probe[num[0].end() :]):
            return num[1], num[0].start(), num[0].end()
        return None
    m = mentions[0]
    if not _LEADING_DATE_SEP.match(probe[m.end :]):
        return None
    d = dates.to_date(m.year, m.month, m.day)
    return (d, m.start, m.end) if d else None


_DATELINE_PLACE = re.compile(
    r"^[\p{Lu}][\p{L}.'’ -]{1,30}(?:,\s*[\p{Lu}][\p{L}.'’ -]{1,25}){0,2}(?:\s*\(\p{L}+\))?,?\s*(?:le\s+|el\s+|den\s+|am\s+|a\s+)?$"
)
#: The same place with a dash or an opening bracket before the date: "Washington, D.C. – May 3,
#: 2024 –", "WASHINGTON (May 3, 2024) —".
_DATELINE_PLACE_SEP = re.compile(r"^([\p{Lu}][\p{L}.'’ ,-]{1,45}?)\s*(?:[–—-]|\()\s*$")
_YEAR_SUFFIX = re.compile(r"\s*(?:г\.|года|год)")


def _dateline(line: str, lang: str | None, day_first: bool) -> tuple[dt.date, int, int] | None:
    """A dateline at the start of ``line``: "Almaty, June 22, 2023 -", "Brussels, 09/08/2020"."""
    probe = line[:80].translate(dates.DIGITS)
    mentions = [m for m in dates.find_mentions(probe, lang) if m.year]
    if mentions:
        m = mentions[0]
        d, start, end = dates.to_date(m.year, m.month, m.day), m.start, m.end
    else:
        num = dates.parse_numeric(probe, day_first)
        if not num:
            return None
        d, start, end = num[1], num[0].start(), num[0].end()
    if d is None or start == 0:
        return None
    place = probe[:start]
    sep = _DATELINE_PLACE_SEP.match(place)
    if not (sep or (_DATELINE_PLACE.match(place) and "," in place)):
        return None
    suffix = _YEAR_SUFFIX.match(line, end)
    if suffix:
        end = suffix.end()
    after = line[end:].lstrip()
    if sep and place.rstrip().endswith("("):
        if not after.startswith(")"):
            return None
        after = after[1:].lstrip()
    elif sep and not after[:1] in "–—-":
        return None  # "Washington – May 3, 2024 –": a dash on both sides
    if after[:1] == "." and after[1:2] in ("–", "—", "-"):
        after = after[1:]  # "Lima, 3 de mayo de 2024.– ..."
    # "Ташкент, 5 марта 2024 года. Посол ...": a full stop closes a dateline too, before a new sentence
    period = after[:1] == "." and bool(re.match(r"^\.\s+\p{Lu}", after))
    if not (after in ("", ".") or after[:1] in "–—-:|(" or after.startswith("--") or period):
        return None
    return d, start, end


_MISSION_TAIL = re.compile(
    r"\s+(?:Closure|Closed|Closing|Demonstrations?|Protests?|Updates?|Alert|Message|Warning|Notice|Holiday|Event|"
    r"Security|Health|Travel|Reminder|Announcement|Statement|Operations?|Services?|Status|Information)\b.*$"
)


def _clean_mission(name: str) -> str:
    name = re.split(r"\s+[-–—]\s+|\s*\(|\s*\|", name)[0]
    name = _MISSION_TAIL.sub("", name)
    return name.strip(" ,.;:")


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|through|until|au|al|a)\s*", re.IGNORECASE)


def _title_date(title: str, lang: str | None) -> tuple[dt.date, int, int] | None:
    """A full date in the headline that is not an event: not introduced as one ("Meeting on
    June 21") and not an end of a range ("Visit to Singapore, 6 to 7 March 2024")."""
    probe = title.translate(dates.DIGITS)
    mentions = dates.find_mentions(probe, lang)
    for i, m in enumerate(mentions):
        if m.year is None:
            continue
        neighbours = mentions[max(0, i - 1) : i] + mentions[i + 1 : i + 2]
        if any(
            n.start == m.start or _RANGE_GAP.fullmatch(probe, min(n.end, m.end), max(n.start, m.start))
            for n in neighbours
        ):
            continue
        if _EVENT_LEAD.search(title[max(0, m.start - 12):m.start]):
            continue
        d = dates.to_date(m.year, m.month, m.day)
        if d:
            return d, m.start, m.end
    return None


def parse_header(title: str, text: str, lines: list[str], lang: str | None, site: str | None) -> Header:
    h = Header()
    day_first = not (site and _US_SITE.search(site))
    h.day_first = day_first
    n = header_block(lines)
    h.header_lines = n
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    # Kind label: header lines (and the opening line, however long) first, then alert headings in the headline.
    for line in lines[: max(n, 1)]:
        # "Speech | 24-06-2025": a label can share its line with the date after a bar
        head = line.split("|")[0].strip() if "|" in line else line
        for kind, pat in _LABELS + _ALERTS:
            if pat.search(line) or (head is not line and pat.search(head)):
                h.label = kind
                break
        if h.label:
            break
    if h.label is None:
        for kind, pat in _ALERTS:
            if pat.search(title):
                h.label = kind
                break

    # Issuing office.
    for line in lines[:n]:
        m = _OFFICE_LINE.match(line.strip())
        if m is None and re.search(r"\s[-–—|]\s", line):
            # "May 3, 2024 - Ottawa, Ontario - Global Affairs Canada": the office is one part of the line
            for part in re.split(r"\s[-–—|]\s", line):
                m = _OFFICE_LINE.match(part.strip())
                if m:
                    break
        if m:
            h.office = m.group(1).strip()
            if h.office.lower().startswith("office of"):
                break
    if h.office is None:
        for i, line in enumerate(lines[:n]):
            m = _FROM_LINE.match(line.strip())
            if m is None and line.strip().lower() in ("from", "from:") and i + 1 < len(lines):
                m = _FROM_LINE.match("From: " + lines[i + 1].strip())
            if m and _OFFICE_WORD.search(m.group(1)):
                h.office = m.group(1).strip(" ,.")
                break
    if h.office is None:
        m = _ATTRIBUTION_OFFICE.search(text[:3000])
        if m and _OFFICE_WORD.search(m.group(1)):
            h.office = m.group(1).strip(" ,")
    if h.office is None and len(lines) > n + 1:
        # a signature block closing the text: "MINISTRY OF FOREIGN AFFAIRS / SINGAPORE / 5 MARCH 2024"
        for line in lines[max(n + 1, len(lines) - 4) :]:
            m = _OFFICE_LINE.match(line.strip())
            if m:
                h.office = m.group(1).strip()
                break

    # Release date: header date line, then dateline, then headline / alert heading.
    for i, line in enumerate(lines[:n]):
        d = _line_date(line, lang, day_first) or _field_date(line, lang, day_first)
        if d:
            h.release_date, h.release_source = d, "header"
            h.meta_spans.append((offsets[i], offsets[i] + len(line)))
            break
    if h.release_date is None:
        for i, line in enumerate(lines[:n]):
            found = _leading_date(line, lang, day_first)
            if found:
                h.release_date, h.release_source = found[0], "header"
                h.meta_spans.append((offsets[i] + found[1], offsets[i] + found[2]))
                break
    if h.release_date is None:
        for i, line in enumerate(lines[: max(n + 2, 3)]):
            found = _dateline(line, lang, day_first)
            if found:
                h.release_date, h.release_source = found[0], "dateline"
                h.meta_spans.append((offsets[i] + found[1], offsets[i] + found[2]))
                break
    if h.release_date is None:
        found = _title_date(title, lang)
        if found:
            h.release_date, h.release_source = found[0], "title"
            h.title_meta_spans.append((found[1], found[2]))
    if h.release_date is None:
        # An alert heading repeated as the first body line ("Health Alert: ... (September 26, 2022)").
        for i, line in enumerate(lines[:n]):
            if any(p.search(line) for _, p in _ALERTS):
                found = _title_date(line, lang)
                if found:
                    h.release_date, h.release_source = found[0], "heading"
                    h.meta_spans.append((offsets[i] + found[1], offsets[i] + found[2]))
                    break
    if h.release_date is None and len(lines) > max(n, 1):
        # A closing date line under the text (a ministry's signature block: "MINISTRY OF FOREIGN
        # AFFAIRS / SINGAPORE / 5 MARCH 2024", "New Delhi, March 04, 2024").
        for i in range(len(lines) - 1, max(n, 1, len(lines) - 3) - 1, -1):
            line = lines[i]
            if len(line) > 60 or lines[i - 1].rstrip().endswith(":"):
                continue
            d = _line_date(line, lang, day_first)
            found = (d, 0, len(line)) if d else _dateline(line, lang, day_first)
            if found:
                h.release_date, h.release_source = found[0], "footer"
                h.meta_spans.append((offsets[i] + found[1], offsets[i] + found[2]))
                break
    # A body line that repeats the headline is the heading, not an event mention.
    for i, line in enumerate(lines[:n]):
        if line.strip().lower() == title.strip().lower() and h.title_meta_spans:
            s, e = h.title_meta_spans[0]
            h.meta_spans.append((offsets[i] + s, offsets[i] + e))

    # Mission: byline author, alert heading, a line that is only a mission name.
    for i, line in enumerate(lines):
        m = _BYLINE.match(line)
        if m:
            h.meta_spans.append((offsets[i], offsets[i] + len(line)))
            mm = _MISSION_IN.fullmatch((m.group(1) or m.group(2)).strip())
            if mm and h.mission is None:
                h.mission = _clean_mission(mm.group(1))
    if h.mission is None:
        for heading in lines[:n] + [title]:
            m = _ALERT_MISSION.search(heading)
            if m and any(p.search(heading) for _, p in _ALERTS):
                rest = _strip_date(heading[m.start(1):], lang)
                mm = re.match(_ANY_MISSION, rest)
                h.mission = _clean_mission(mm.group(0) if mm else m.group(1))
                break
    if h.mission is None:
        for line in lines[:n] + lines[-3:]:
            m = _MISSION_LINE.match(line.strip())
            if m:
                h.mission = _strip_date(_clean_mission(m.group(1)), lang)
                break
    return h


def _strip_date(name: str, lang: str | None) -> str:
    for m in dates.find_mentions(name, lang):
        return name[: m.start].strip(" ,.;:-–—")
    return name


__all__ = ["Header", "parse_header", "header_block", "is_caps_line"]
