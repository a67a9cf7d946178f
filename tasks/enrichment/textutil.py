"""Small text helpers shared by the rule modules (no rules live here)."""

from __future__ import annotations

import regex as re

_LOWER_WORDS = frozenset("of for and the in on to at a an by with de du la le d' del".split())
_CAPS_LINE = re.compile(r"^[^\p{Ll}]*\p{Lu}{2}[^\p{Ll}]*$")
_KEEP_UPPER = frozenset("U.S. US USA UK U.K. EU UN NATO OSCE DPRK ROK HR/VP EEAS MP UAE".split())


def is_caps_line(line: str) -> bool:
    """True for a line written entirely in capitals ("MEDIA NOTE", "DECEMBER 6, 2022")."""
    return bool(_CAPS_LINE.match(line))


def smart_title(line: str) -> str:
    """Title-case an all-capitals line, keeping acronyms and lower-case connectives.

    "MICHAEL R. POMPEO, SECRETARY OF STATE" -> "Michael R. Pompeo, Secretary of State".
    """
    out = []
    for i, word in enumerate(line.split(" ")):
        bare = word.strip(",.;:()")
        if word in _KEEP_UPPER or bare in _KEEP_UPPER or (len(bare) <= 2 and bare.endswith(".")):
            out.append(word)
        elif i > 0 and word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def normalise_caps(text: str) -> str:
    """The text with every all-capitals line title-cased (same line count)."""
    lines = text.split("\n")
    return "\n".join(smart_title(ln) if is_caps_line(ln) and len(ln) > 3 else ln for ln in lines)


def line_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


_SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[\p{Lu}\"“‘(])|\n")


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """The sentence (or line) around ``pos``."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    m = _SENTENCE_END.search(text, pos)
    end = m.start() if m else len(text)
    return start, end
