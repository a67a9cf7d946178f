"""The language model loads beside the first pages' work, once.

The loader is replaced by one that waits on an event the test sets, and the lock by a fresh one,
so a flow run left over from an earlier test (whose enrich may load the real model) cannot change
what these tests see.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import pytest

from tasks.enrichment import language


@pytest.fixture
def slow_loader(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """A model load that finishes when the returned event is set; counts its loads in ``loads``."""
    release = threading.Event()
    release.loads = 0  # type: ignore[attr-defined]

    @lru_cache(maxsize=1)
    def load():
        release.loads += 1  # type: ignore[attr-defined]
        release.wait()
        return "model"

    monkeypatch.setattr(language, "_load_model", load)
    monkeypatch.setattr(language, "_MODEL_LOCK", threading.Lock())
    return release


def test_loading_in_background_loads_the_model_once(slow_loader: threading.Event) -> None:
    loader = language.load_model_in_background()
    assert loader is not None

    while not language._MODEL_LOCK.locked():  # the thread has taken the lock: a load is under way
        loader.join(0.01)
    assert language.load_model_in_background() is None  # no second loader beside it

    slow_loader.set()
    loader.join()
    assert language.load_model_in_background() is None  # loaded: nothing to start
    assert slow_loader.loads == 1  # type: ignore[attr-defined]


def test_the_real_model_classifies_after_loading() -> None:
    assert language.detect_language("Statement", "The embassy announced a new scholarship programme for students.") == "en"
    assert language.detect_language("Déclaration", "L'ambassade annonce un nouveau programme de bourses pour les étudiants.") == "fr"
