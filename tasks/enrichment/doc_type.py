"""doc_type rules, applied in the README's order; the first that applies decides.

1. A kind label in the document's own header lines, or an alert heading (``header.py``):
   MEDIA NOTE, READOUT, PRESS STATEMENT / "Statement by", Fact Sheet, "Joint Statement from",
   Security Alert / Demonstration Alert / Security Message, Health Alert, Travel Advisory /
   Travel Alert / Travel Warning / Health Advisory with a level.
2. The publisher's content type, as the feed's categories give it: gov.uk "Press release" ->
   press_release and "Speech" -> remarks, EEAS "Statements by the HR/VP" -> press_statement,
   MOFA "Press Releases" -> press_release, and the same content types on U.S. sites
   ("Press Statement", "Media Note", "Readout", "Fact Sheet", "Speeches", "Health Alert", ...).
   Topical categories ("News", "Kazakhstan") say nothing.
3. The headline: "Press Release for ...", "Joint Statement on ...", "Joint Vision Statement",
   "Remarks by ...", "Readout of ...", "Fact Sheet: ...", "Statement by/on ...",
   "Ask the Consul", "Interview with ...".
4. The form of the text: an attributed meeting/call account ("The below is attributable to
   Spokesperson X: ... met/spoke with") or a MOFA meeting overview -> readout; bulleted
   background -> fact_sheet; a first-person speech -> remarks; consular visa/entry
   information -> visa_notice; a question-and-answer interview -> other.

Anything else is ``other``.
"""

from __future__ import annotations

import regex as re

_CATEGORY_TYPES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE))
    for kind, pat in (
        ("media_note", r"^media notes?$"),
        ("readout", r"^readouts?$"),
        ("joint_statement", r"^joint statements?$"),
        ("press_statement", r"^(?:press statements?|statements? by the (?:hr/vp|high representative|spokesperson)|hr/vp statements?|statements?)$"),
        ("press_release", r"^(?:press releases?|news releases?|press release from the ministry|пресс-релизы?|"
                          r"comunicados? de prensa|communiqués? de presse|comunicados? de imprensa|notas? de prensa|"
                          r"pressemitteilungen?)$"),
        ("remarks", r"^(?:speech|speeches|remarks|oral statement to parliament|speeches and remarks)$"),
        ("fact_sheet", r"^fact sheets?$"),
        ("security_alert", r"^(?:security alerts?|demonstration alerts?|security messages?|emergency messages?)$"),
        ("health_alert", r"^health alerts?$"),
        ("travel_advisory", r"^(?:travel advisory|travel advisories|travel alerts?|travel warnings?)$"),
        ("visa_notice", r"^(?:ask the consul|visa news|visa notices?)$"),
        ("other", r"^(?:interviews?|op-eds?)$"),
    )
)

_HEADLINE_TYPES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE))
    for kind, pat in (
        ("press_release", r"^press release\b"),
        ("joint_statement", r"\bjoint (?:vision )?statement\b|\bjoint declaration\b"),
        ("media_note", r"^media note\b"),
        ("readout", r"^readout\b|\breadout of\b"),
        ("fact_sheet", r"\bfact sheet\b"),
        ("remarks", r"^remarks\b|\bremarks (?:by|at|to|on|for|of|before|with)\b|\bremarks$|\bspeech (?:by|at|to)\b|^speech\b|\baddress (?:by|to)\b"),
        ("press_statement", r"^(?:press )?statement (?:by|on|from)\b|^statement$"),
        # consular visa information; checked before "interview" so that an "Interview Waiver" headline is
        # a visa notice, not an interview
        ("visa_notice", r"\bask the consul\b|\bvisa (?:appointments?|services|operations|notice|update|applicants?|"
                        r"interviews?|wait times?)\b|\binterview waivers?\b|\b(?:non)?immigrant visas?\b"),
        ("other", r"\binterview\b|\bop-ed\b"),
    )
)

_READOUT_FORM = re.compile(
    r"attributable to (?:\p{L}+ )*?spokes(?:person|man|woman)\b[^:]*:\s*.{0,400}?\b(?:met|spoke|meets|speaks|held (?:a )?(?:call|meeting|talks)|hosted|talked)\b",
    re.IGNORECASE | re.DOTALL,
)
_MOFA_OVERVIEW = re.compile(
    r"\b(?:held (?:a )?(?:meeting|telephone (?:talk|call|conversation)|summit meeting|talks?)|"
    r"(?:the )?overview of the (?:meeting|talk|call) is as follows|paid a courtesy call)\b",
    re.IGNORECASE,
)
_BULLET_LINE = re.compile(r"^\s*(?:[•·▪◦●\-*–]|\d+[.)])\s+")
_FIRST_PERSON_OPEN = re.compile(
    r"^(?:good (?:morning|afternoon|evening)|thank you|ladies and gentlemen|excellenc(?:y|ies)|dear (?:friends|colleagues)|"
    r"distinguished guests|(?:madam|mr\.?) (?:president|chair|speaker)|hello|it is (?:a|an) (?:great )?(?:pleasure|honou?r)|i am (?:delighted|pleased|honou?red))",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|my|me)\b")
_VISA = re.compile(
    r"\b(?:visa|visas|consular section|ask the consul|immigrant visa|nonimmigrant|interview waiver|esta|entry requirements?|passport applications?)\b",
    re.IGNORECASE,
)
_INNER_SENTENCE = re.compile(r"(?<!\b\p{Lu})[.!?]\s+\p{Lu}")
_INTERVIEW = re.compile(r"^(?:QUESTION|Q|INTERVIEWER|MODERATOR)\s*:", re.MULTILINE)


def from_categories(categories: list[str]) -> str | None:
    for cat in categories:
        c = cat.strip()
        for kind, pat in _CATEGORY_TYPES:
            if pat.match(c):
                return kind
    return None


def from_headline(title: str) -> str | None:
    for kind, pat in _HEADLINE_TYPES:
        if pat.search(title):
            return kind
    return None


def from_form(text: str, lines: list[str]) -> str | None:
    if _READOUT_FORM.search(text[:2500]):
        return "readout"
    if len(_INTERVIEW.findall(text)) >= 2:
        return "other"
    if _MOFA_OVERVIEW.search(text[:800]):
        return "readout"
    bullets = sum(1 for ln in lines if _BULLET_LINE.match(ln))
    if bullets >= 3 and bullets >= len(lines) / 3:
        return "fact_sheet"
    # html_to_text drops list markers: a list shows as a run of one-sentence lines after an intro.
    single = [ln for ln in lines[1:] if 5 <= len(ln.split()) <= 45 and not _INNER_SENTENCE.search(ln.rstrip(". "))]
    if len(lines) >= 5 and len(single) >= 4 and len(single) >= 0.7 * (len(lines) - 1):
        return "fact_sheet"
    first = lines[0] if lines else ""
    if _FIRST_PERSON_OPEN.match(first) or len(_FIRST_PERSON.findall(text)) >= 6:
        return "remarks"
    if len(_VISA.findall(text)) >= 3:
        return "visa_notice"
    return None


def classify(header_label: str | None, categories: list[str], title: str, text: str, lines: list[str]) -> str:
    """Apply rules 1-4 in order (see module docstring)."""
    return (
        header_label
        or from_categories(categories)
        or from_headline(title)
        or from_form(text, lines)
        or "other"
    )
