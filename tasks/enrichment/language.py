"""Language rule: ISO 639-1 code of the statement, from py3langid (bundled model, no download).

Only the first 1,000 characters of title + body are classified: enough for a stable answer and
it keeps the stage fast. Empty text gives None.

The code is py3langid's own answer, computed faster. py3langid counts byte n-gram features by
walking its DFA over the text one byte at a time in Python, which cost a fifth of enrichment.
That DFA is an Aho-Corasick automaton whose states stand for at most 6 bytes (checked over all
104,583 states of py3langid 0.4.0's model: every transition goes to the longest suffix that is
a state), so the state after a byte depends only on the last 6 bytes. Walking every position's
last 6 bytes at once with numpy therefore gives the same states, the same feature counts in the
same order, and the same scores.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np
import regex as re

#: At least 20 letters: stops at the 20th instead of collecting every letter of the sample.
_ENOUGH_LETTERS = re.compile(r"(?:\P{L}*\p{L}){20}")
#: Bytes a DFA state stands for at most (see the module docstring).
_WINDOW = 6


def detect_language(title: str, text: str) -> str | None:
    sample = f"{title}\n{text}"[:1000]
    if not _ENOUGH_LETTERS.match(sample):
        return None
    return _classify(sample) or None


_MODEL_LOCK = threading.Lock()


def _model():
    """py3langid's identifier, loaded once even when two enrich tasks start together.

    Without the lock both threads load it (1.3 s and ~70 MB each), as lru_cache does not make
    concurrent first callers wait for each other.
    """
    with _MODEL_LOCK:
        return _load_model()


def load_model() -> None:
    """Load the model now, unless it is loaded (an enrichment worker process's start-up)."""
    _model()


def load_model_in_background() -> threading.Thread | None:
    """Start loading the model in a daemon thread, unless it is loaded or loading; the thread, if started.

    The first enrich of a run otherwise waits ~0.9 s for it. Most of that is LZMA decompression
    and array reads, outside the GIL, so loaded beside the first pages' fetch and extract it
    costs the run almost nothing (the stage driver calls this when a group has text to enrich).
    """
    if _load_model.cache_info().currsize or _MODEL_LOCK.locked():
        return None
    thread = threading.Thread(target=_model, name="govfeeds-language-model", daemon=True)
    thread.start()
    return thread


@lru_cache(maxsize=1)
def _load_model():
    """py3langid's default identifier, with its DFA tables as numpy arrays."""
    from py3langid.langid import _get_identifier

    ident = _get_identifier()
    nextmove = np.frombuffer(ident.tk_nextmove, dtype=np.uint32)
    rowbase = np.array(ident._rowbase, dtype=np.intp)
    output = np.array(ident.tk_output, dtype=np.intp)
    return ident, nextmove, rowbase, output


def _feature_counts(data: bytes, nextmove: np.ndarray, rowbase: np.ndarray, output: np.ndarray) -> dict[int, int]:
    """{feature: count} in order of first occurrence, as py3langid's ``visit_counts`` gives it."""
    text = np.frombuffer(data, dtype=np.uint8)
    n = len(text)
    state = np.zeros(n, dtype=np.intp)
    for back in range(min(_WINDOW, n) - 1, -1, -1):
        # position i reads byte i - back; a position nearer the start than that stays at state 0
        state[back:] = nextmove[rowbase[state[back:]] + text[: n - back]]
    features = output[state]
    features = features[features >= 0]
    unique, first, counts = np.unique(features, return_index=True, return_counts=True)
    order = np.argsort(first)
    return dict(zip(unique[order].tolist(), counts[order].tolist()))


def _classify(sample: str) -> str:
    """``py3langid.classify(sample)[0]``: the same encoding, scores and tie rules."""
    from py3langid.langid import RAW_FLOOR

    ident, nextmove, rowbase, output = _model()
    visits = _feature_counts(ident._encode(sample), nextmove, rowbase, output)
    if visits:
        scores = ident._sparse_score(visits, ident.nb_ptc)
    else:
        scores = np.full(len(ident.nb_classes), RAW_FLOOR, dtype=np.float32)
    for i, j in ident._alias_pairs:  # script aliases share one label, as in LanguageIdentifier._decide
        scores[i] = max(scores[i], scores[j])
        scores[j] = RAW_FLOOR
    return ident.nb_classes[int(scores.argmax())]
