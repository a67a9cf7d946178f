"""Theme rules: a small controlled vocabulary of topics, assigned by keyword.

A theme is assigned when at least one of its keyword patterns occurs in the title or body
(case-insensitive unless listed in CASE_SENSITIVE, word-bounded). Themes are returned in
vocabulary order. docs/themes.md is generated from THEMES (`govfeeds schema --themes
docs/themes.md`); bump ``ENRICHER_VERSION`` when a rule changes.
"""

from __future__ import annotations

import regex as re

THEMES: dict[str, tuple[str, ...]] = {
    "nonproliferation": (r"non-?proliferation", r"nuclear weapons?", r"WMD", r"weapons of mass destruction",
                         r"uranium enrichment", r"IAEA", r"NPT", r"arms control"),
    "counterterrorism": (r"counter-?terrorism", r"terrorism", r"terrorists?", r"violent extremism", r"extremists?",
                         r"ISIS", r"Daesh", r"al-Qa['’]?ida", r"al-Qaeda"),
    "security cooperation": (r"security cooperation", r"defen[cs]e cooperation", r"military exercises?",
                             r"border security", r"law enforcement", r"maritime security", r"peacekeeping"),
    "trade": (r"trade", r"tariffs?", r"exports?", r"imports?", r"investments?", r"economic partnership",
              r"market access", r"WTO"),
    "energy": (r"energy", r"oil", r"natural gas", r"LNG", r"electricity", r"power grid", r"renewables?",
               r"critical minerals", r"nuclear power"),
    "climate and environment": (r"climate", r"environment(?:al)?", r"emissions", r"biodiversity", r"pollution",
                                r"conservation", r"deforestation", r"COP\s?\d\d"),
    "education": (r"education(?:al)?", r"students?", r"universit(?:y|ies)", r"schools?", r"scholarships?",
                  r"exchange programs?", r"Fulbright", r"academic"),
    "human rights": (r"human rights", r"freedom of (?:expression|religion|the press|assembly|speech)",
                     r"religious freedom", r"political prisoners?", r"wrongfully detained", r"torture",
                     r"civil society", r"rule of law", r"democracy"),
    "health": (r"health", r"pandemic", r"COVID(?:-19)?", r"vaccines?", r"vaccination", r"Ebola(?:virus)?",
               r"outbreak", r"diseases?", r"HIV", r"malaria", r"tuberculosis", r"cholera", r"yellow fever",
               r"CDC", r"WHO"),
    "consular services": (r"visas?", r"passports?", r"consular", r"American Citizen Services", r"U\.S\. citizens",
                          r"notarial", r"appointments?"),
    "elections": (r"elections?", r"electoral", r"voting", r"ballots?", r"polling", r"referendum"),
    "humanitarian aid": (r"humanitarian", r"relief", r"refugees?", r"displaced", r"food security", r"famine",
                         r"emergency assistance", r"disaster assistance", r"USAID"),
}

CASE_SENSITIVE = {"WMD", "IAEA", "NPT", "ISIS", "Daesh", "WTO", "LNG", "CDC", "WHO", "HIV", "USAID"}


def _compile(patterns: tuple[str, ...]) -> re.Pattern:
    insensitive = [p for p in patterns if p not in CASE_SENSITIVE]
    sensitive = [p for p in patterns if p in CASE_SENSITIVE]
    parts = []
    if insensitive:
        parts.append(r"(?i:" + "|".join(insensitive) + ")")
    if sensitive:
        parts.append("|".join(sensitive))
    return re.compile(r"(?<![\p{L}])(?:" + "|".join(parts) + r")(?![\p{L}])")


_PATTERNS = {theme: _compile(pats) for theme, pats in THEMES.items()}

#: Characters that case-insensitive ``regex`` matching equates with an ASCII letter but
#: ``str.lower`` does not turn into it (checked over all of Unicode). "İ" is also the one
#: character whose ``lower()`` is two characters long; mapped first, lowering keeps every offset.
_FOLD = str.maketrans({"İ": "i", "ſ": "s", "\u212a": "k"})


def _literal_prefix(pattern: str) -> str:
    """The lower-case ASCII text every match of a keyword pattern starts with ("" if unknown).

    Leading literal characters, escaped punctuation read as itself ("U\\.S\\." -> "u.s."), one
    character dropped when a quantifier makes it optional ("weapons?" -> "nuclear weapon").
    """
    depth = 0
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            return ""  # alternatives at the top: no common start
    prefix: list[str] = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern) and not pattern[i + 1].isalnum():
            i += 1
            ch = pattern[i]
        elif not (ch.isascii() and (ch.isalnum() or ch in " -")):
            break
        prefix.append(ch)
        i += 1
    if prefix and i < len(pattern) and pattern[i] in "?*{":
        prefix.pop()
    return "".join(prefix).lower()


_PREFIXES = {theme: tuple(_literal_prefix(p) for p in pats) for theme, pats in THEMES.items()}


def _earliest_start(folded: str, prefixes: tuple[str, ...]) -> int | None:
    """Where the first match of a theme can start at the earliest, None if it cannot match:
    a keyword match needs its literal prefix in the lower-cased text."""
    found = [pos for pos in (folded.find(p) for p in prefixes) if pos >= 0]
    return min(found) if found else None


def find_themes(title: str, text: str) -> list[str]:
    """Themes in vocabulary order. The cheap substring test on the folded text skips the regex
    scan for themes whose keywords cannot occur, and starts it where they first can."""
    blob = f"{title}\n{text}"
    folded = blob.translate(_FOLD).lower()
    themes = []
    for theme, pat in _PATTERNS.items():
        start = _earliest_start(folded, _PREFIXES[theme])
        if start is not None and pat.search(blob, start):
            themes.append(theme)
    return themes
