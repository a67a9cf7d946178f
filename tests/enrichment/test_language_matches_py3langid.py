"""The fast language detector must give py3langid's own answer.

tasks/enrichment/language.py walks py3langid's DFA with numpy, relying on a property of
py3langid 0.4.0's model (a state stands for at most 6 bytes). An upgrade that breaks it fails here.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import py3langid
import pytest

from tasks.enrichment import language
from tasks.enrichment.language import detect_language
from govfeeds.html_text import html_to_text

HERE = Path(__file__).parent
SAMPLES = sorted((HERE / "labelled").glob("*.json")) + sorted((HERE / "holdout").glob("*.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_detect_language_equals_py3langid_classify(path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    title, text = record["title"], html_to_text(record["html"])
    for body in (text, text[len(text) // 2 :], text.upper()):
        sample = f"{title}\n{body}"[:1000]
        assert detect_language(title, body) == py3langid.classify(sample)[0]


def test_two_threads_starting_together_share_one_loaded_model() -> None:
    """Two enrich tasks start at once in a poll; each loading the model cost 1.3 s and ~100 MB."""
    language._load_model.cache_clear()
    start = threading.Barrier(2)
    models: list[object] = []

    def load() -> None:
        start.wait()
        models.append(language._model())

    threads = [threading.Thread(target=load) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert models[0] is models[1]
