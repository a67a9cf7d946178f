"""doc_type rules, strongest signal first; the first that applies decides (docs/doc_type.md).

1. A kind label in the document's own header lines, or an alert heading (``header.py``):
   MEDIA NOTE, READOUT, PRESS STATEMENT / "Statement by", Fact Sheet, "Joint Statement from",
   Security Alert / Demonstration Alert / Security Message, Health Alert, Travel Advisory /
   Travel Alert / Travel Warning / Health Advisory with a level, "As Delivered" / "As Prepared
   for Delivery" (remarks).
2. The publisher's content type, as the feed's categories give it: gov.uk "Press release" ->
   press_release and "Speech" -> remarks, EEAS "Statements by the HR/VP" -> press_statement,
   MOFA "Press Releases" -> press_release, and the same content types on U.S. sites
   ("Press Statement", "Media Note", "Readout", "Fact Sheet", "Speeches", "Health Alert", ...).
   Topical categories ("News", "Kazakhstan") say nothing.
3. The headline: "Press Release for ...", "Joint Statement on ...", "Joint Vision Statement",
   "Remarks by ...", "Readout of ...", "Fact Sheet: ...", "Statement by/on ...", "Embassy
   Statement on ...", "X's Call with Y" / "X Meets Y" (readout), "... Visa ..." / "Entry
   Requirements" / "Ask the Consul" (visa_notice; not visa restrictions or policy),
   "Interview with ...". A "Statement by/at ..." headline over a body that opens with a
   salutation ("Thank you, Madam President") is a statement delivered aloud: remarks.
4. The form of the text, strongest first: an attributed meeting/call account ("The below is
   attributable to Spokesperson X: ... met/spoke with") -> readout; a question-and-answer
   interview -> other; a MOFA meeting overview -> readout; bullets -> fact_sheet; a third-person
   meeting or call account in the opening paragraph -> readout; a run of one-sentence lines ->
   fact_sheet; a spoken text (salutation, a closing "Thank you.", first person to a "you") ->
   remarks; a written first-person text -> press_statement; consular visa/entry information ->
   visa_notice.

Anything else is ``other``.
"""

from __future__ import annotations

import regex as re

_CATEGORY_TYPES: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pat, re.IGNORECASE))
    for kind, pat in (
        ("media_note", r"^(?:media notes?|notas? para (?:los )?medios|notes? aux médias)$"),
        ("readout", r"^readouts?$"),
        ("joint_statement", r"^(?:joint statements?|declaraciones? conjuntas?|d[ée]clarations? conjointes?|declaraç(?:ão|ões) conjuntas?|"
                            r"gemeinsame erklärung(?:en)?)$"),
        ("press_statement", r"^(?:press statements?|statements? by the (?:hr/vp|high representative|spokesperson)|hr/vp statements?|statements?|"
                            r"declarations? by the high representative.*|declaraci[oó]n(?:es)?|déclarations?|заявлени[ея]|"
                            r"declaraci(?:ón|on|ones) de prensa|d[ée]clarations? (?:de|à la) presse|declaraç(?:ão|ões) à imprensa|presseerklärung(?:en)?)$"),
        ("press_release", r"^(?:press releases?|news releases?|media releases?|press release from the ministry|пресс-релизы?|"
                          r"comunicados? de prensa|communiqués? de presse|comunicados? de imprensa|notas? de prensa|"
                          r"pressemitteilungen?)$"),
        ("remarks", r"^(?:speech|speeches|remarks|oral statement to parliament|speeches and remarks|speeches of the hr/vp|"
                    r"speeches? by the (?:hr/vp|high representative|ambassador|administrator)|discursos?|discours|выступлени[ея]|речи|reden?)$"),
        ("fact_sheet", r"^(?:fact sheets?|hojas? informativas?|fiches? d['’]information|faktenblätter|faktenblatt)$"),
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
        ("press_release", r"^(?:press release|comunicado de prensa|communiqué de presse|comunicado de imprensa|nota de prensa)\b"),
        ("press_release", r"^joint press release\b"),
        ("joint_statement", r"\bjoint (?:vision )?statement\b|\bjoint declaration\b|\bjoint communiqu[eé]\b|"
                            r"\bdeclaraci[oó]n conjunta\b|\bd[ée]claration conjointe\b|\bdeclaração conjunta\b|\bgemeinsame erklärung\b"),
        ("media_note", r"^media note\b"),
        ("readout", r"^readout\b|\breadout of\b"),
        ("fact_sheet", r"\bfact sheet\b|^backgrounder\b"),
        ("remarks", r"\bat an? (?:joint )?press (?:availability|conference)\b|\bbefore their meeting\b|^remarks\b|\bremarks (?:by|at|to|on|for|of|before|with)\b|\bremarks$|\bspeech (?:by|at|to)\b|^speech\b|\baddress (?:by|to)\b|"
                    r"^(?:rede|ansprache) (?:von|des|der)\b|^(?:discurso|palabras|discours|allocution) (?:de|del|da|do|du|des)\b"),
        ("press_statement", r"^(?:press )?statement (?:by|on|from)\b|^(?:[\w.-]+\s+){1,3}press statement\b|^statement$|\bstatements? (?:by|on|from|regarding|concerning|following)\b|"
                            r"(?:['’]s|\bembassy|\bmission|\bspokesperson)\s+statement\b"),
        # an account of a meeting or call: "Secretary X's Call with ...", "Ambassador Meets Minister ..."
        ("readout", r"(?:['’]s|\bof the)\s+(?:(?:phone|telephone|video|virtual|bilateral)\s+)?(?:call|meeting|conversation|talks)"
                    r"\s+with\b|\bmee?ts?\s+with\b|\bmeets\b|\bspeaks?\s+with\b|\bholds?\s+(?:talks|call|meeting)\s+with\b|"
                    r"\b(?:discusses|confers)\b.{0,60}\bwith\b"),
        # consular visa information; checked before "interview" so that an "Interview Waiver" headline is
        # a visa notice, not an interview
        ("visa_notice", r"\bask the consul\b|\bvisas?\b(?![\s-]+(?:restrictions?|bans?|sanctions|polic(?:y|ies)|liberali[sz]ation|free|waiver program))|\binterview waivers?\b|\besta\b|\bentry requirements?\b|"
                        r"\bconsular appointments?\b"),
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
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
#: the spoken close of a speech: a last line "Thank you." / "Thank you very much."
_SPOKEN_CLOSE = re.compile(r"^(?:thank you(?: (?:very much|all|so much))?|thanks)[.!]?$", re.IGNORECASE)
#: a third-person account of a meeting or call near the top: "X met with Y", "X spoke today by phone with Y"
#: Two named parties who discussed or reviewed something together: "On May 3, Ambassador X and
#: Minister Y discussed ..." is a meeting account too.
_JOINT_ACCOUNT = re.compile(
    r"\b\p{Lu}[\p{L}.'’-]+\s+and\s+(?:[\p{L}.'’-]+\s+){1,8}?(?:discussed|exchanged\s+views|conferred)\b"
)
_MEETING_ACCOUNT = re.compile(
    r"(?<!\b(?:I|We|we)\s)\b(?:met|meets|spoke|speaks|talked|held\s+(?:a\s+)?(?:(?:phone|telephone|video|bilateral)\s+)?"
    r"(?:call|meeting|talks|conversation))\b"
    r"(?:\s+(?:today|yesterday|virtually|separately|briefly|by\s+(?:phone|telephone|video(?:conference)?)|"
    r"on\s+\p{L}+(?:\s+\d{1,2})?|in\s+\p{Lu}\p{L}+)){0,3},?\s+(?:with\s+)?(?:the\s+)?\p{Lu}"
)
_VISA = re.compile(
    r"\b(?:visa|visas|consular section|ask the consul|immigrant visa|nonimmigrant|interview waiver|esta|entry requirements?|passport applications?|"
    # the forms, fees and classes of a visa application ("DS-160", "I-20", "MRV fee", "F-1", "H-1B")
    r"ds-\d{3,4}|i-20|mrv(?:\s+fee)?|[fjmh]-1[ab]?|b-?1/b-?2)\b",
    re.IGNORECASE,
)
#: visa *policy* (restrictions on officials, visa-free regimes) is news about policy, not consular information
_VISA_POLICY = re.compile(r"\bvisas?[\s-]+(?:restrictions?|bans?|sanctions|polic(?:y|ies)|liberali[sz]ation|free)\b", re.IGNORECASE)
#: A curriculum-vitae entry ("2019 to 2022: Embassy X, Deputy Head"): an appointment notice's CV is
#: no list of facts.
_CV_LINE = re.compile(r"^\s*(?:\d{4}\s*(?:to|-|–|—)\s*(?:\d{4}|present|date)|\d{4})\s*:", re.IGNORECASE)
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


def is_spoken(text: str, lines: list[str]) -> bool:
    """A text delivered to an audience: it opens with a salutation or closes with "Thank you.", or it
    speaks in the first person to a "you"."""
    first = lines[0] if lines else ""
    if _FIRST_PERSON_OPEN.match(first) or (lines and _SPOKEN_CLOSE.match(lines[-1].strip())):
        return True
    return len(_FIRST_PERSON.findall(text)) >= 6 and len(_SECOND_PERSON.findall(text)) >= 2


def from_form(text: str, lines: list[str]) -> str | None:
    """Rule 4, strongest form first: an attributed account, an interview, a MOFA overview, a bulleted
    list, a meeting account, a list of one-sentence lines, a speech, consular visa information."""
    if _READOUT_FORM.search(text[:2500]):
        return "readout"
    if len(_INTERVIEW.findall(text)) >= 2:
        return "other"
    if _MOFA_OVERVIEW.search(text[:800]):
        return "readout"
    bullets = sum(1 for ln in lines if _BULLET_LINE.match(ln))
    if bullets >= 3 and bullets >= len(lines) / 3:
        return "fact_sheet"
    spoken = is_spoken(text, lines)
    # a third-person account of a meeting or call in the opening paragraph is a readout, however
    # list-like its short paragraphs look
    opening = "\n".join(lines[:2])[:600]
    if not spoken and (_MEETING_ACCOUNT.search(opening) or _JOINT_ACCOUNT.search(lines[0][:300] if lines else "")):
        return "readout"
    # html_to_text drops list markers: a list shows as a run of one-sentence lines after an intro.
    single = [
        ln for ln in lines[1:]
        if 5 <= len(ln.split()) <= 45 and not _INNER_SENTENCE.search(ln.rstrip(". ")) and not _CV_LINE.match(ln)
    ]
    if not spoken and len(lines) >= 5 and len(single) >= 4 and len(single) >= 0.7 * (len(lines) - 1):
        return "fact_sheet"
    if spoken:
        return "remarks"
    if len(_FIRST_PERSON.findall(text)) >= 6:
        return "press_statement"  # a written first-person statement, not addressed to an audience
    visa = [m.lower() for m in _VISA.findall(_VISA_POLICY.sub(" ", text))]
    if len(visa) >= 3 or len(set(visa)) >= 2:
        return "visa_notice"
    return None


def classify(header_label: str | None, categories: list[str], title: str, text: str, lines: list[str]) -> str:
    """Apply rules 1-4 in order (see module docstring and docs/doc_type.md)."""
    if header_label == "press_statement" and _delivered_aloud(lines[1:3]):
        # a "Statement by Ambassador X, at the Permanent Council" line over "Thank you, Mr Chair."
        return "remarks"
    if header_label:
        return header_label
    kind = from_categories(categories)
    if kind:
        return kind
    kind = from_headline(title)
    if kind == "press_statement" and _delivered_aloud(lines[:1]):
        # "Statement by Ambassador X at the Security Council" that opens "Thank you, Madam
        # President": a statement delivered aloud is remarks
        return "remarks"
    return kind or from_form(text, lines) or "other"


def _delivered_aloud(opening: list[str]) -> bool:
    """The text opens by addressing its audience ("Thank you, Madam President"): it was spoken."""
    return any(_FIRST_PERSON_OPEN.match(line) for line in opening)
