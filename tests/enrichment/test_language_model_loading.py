"""The language model loads beside the first pages' work, once."""

from __future__ import annotations

import threading

from tasks.enrichment import language


def _loading_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "govfeeds-language-model"]


def _cleared() -> None:
    """No model and no loader left running by an earlier test (a flow run's enrich may have started one)."""
    for thread in _loading_threads():
        thread.join()
    language._load_model.cache_clear()


def test_loading_in_background_loads_the_model_once() -> None:
    _cleared()
    language.load_model_in_background()
    started = _loading_threads()
    assert len(started) == 1
    started[0].join()
    assert language._load_model.cache_info().currsize == 1

    language.load_model_in_background()  # loaded: no second thread
    assert _loading_threads() == []
    assert language.detect_language("Statement", "The embassy announced a new scholarship programme for students.") == "en"


def test_no_second_loader_starts_while_one_is_loading() -> None:
    _cleared()
    with language._MODEL_LOCK:  # a load in progress
        language.load_model_in_background()
        assert _loading_threads() == []  # no second loader beside it
    assert language.detect_language("Déclaration", "L'ambassade annonce un nouveau programme de bourses pour les étudiants.") == "fr"
