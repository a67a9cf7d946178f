"""Quoted-text rule: the block between a "Begin Text" line and an "End Text" line.

State Department joint texts carry "Begin Text:" ... "End Text." (README quoted_text_markers:
true iff the body has both markers). The block itself, without the markers, is returned;
None when either marker is missing.
"""

from __future__ import annotations

import regex as re

_BEGIN = re.compile(r"\bBegin\s+Text\b\s*[:.\-–—]?", re.IGNORECASE)
_END = re.compile(r"\bEnd\s+Text\b\s*[:.\-–—]?", re.IGNORECASE)


def quoted_text(text: str) -> str | None:
    begin = _BEGIN.search(text)
    if not begin:
        return None
    end = _END.search(text, begin.end())
    if not end:
        return None
    return text[begin.end() : end.start()].strip()
