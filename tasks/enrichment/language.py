"""Language rule: ISO 639-1 code of the statement, from py3langid (bundled model, no download).

Only the first 1,000 characters of title + body are classified: enough for a stable answer and
it keeps the stage fast. Empty text gives None.
"""

from __future__ import annotations

import regex as re

_LETTERS = re.compile(r"\p{L}")


def detect_language(title: str, text: str) -> str | None:
    sample = f"{title}\n{text}"[:1000]
    if len(_LETTERS.findall(sample)) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(sample)
    return code or None
