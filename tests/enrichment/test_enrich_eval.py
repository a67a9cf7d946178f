"""Scores on labelled statements (dev set, own labelled set) and the founding statement."""

from __future__ import annotations

import json
from datetime import date

import pytest
from enrich_testkit import HERE, names, run, shared_dir

from govfeeds.evaluate import run_eval, score_directory

DEV = shared_dir("eval", "dev")
LABELLED = HERE / "labelled"
FOUNDING_TITLE = "Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue"


def _scores(report: dict) -> dict[str, float]:
    out = {}
    for field, f in report["fields"].items():
        if f["metric"] == "accuracy":
            out[field] = f["accuracy"]
        elif f["metric"] == "f1":
            out[field] = f["f1"]
    return out


@pytest.mark.skipif(DEV is None, reason="shared/eval/dev is not available")
def test_dev_set_scores(tmp_path):
    report_path = tmp_path / "dev.json"
    assert run_eval(DEV, report_path) == 0
    report = json.loads(report_path.read_text())
    assert report["documents"] >= 12
    scores = _scores(report)
    assert set(scores) >= {"doc_type", "issuing_office", "release_date", "mission", "quoted_text_markers",
                           "people", "countries", "event_dates"}
    low = {k: v for k, v in scores.items() if v < 0.95}
    assert not low, (low, [d for d in report["per_document"] if d["misses"]])


def test_own_labelled_set_scores():
    assert len(list(LABELLED.glob("*.json"))) >= 15
    report = score_directory(LABELLED)
    low = {k: v for k, v in _scores(report).items() if v < 0.90}
    assert not low, (low, [d for d in report["per_document"] if d["misses"]])


def _check_founding(result):
    assert result.doc_type == "media_note"
    assert result.issuing_office.lower() == "office of the spokesperson"
    assert result.release_date == date(2022, 12, 6)
    assert result.mission == "U.S. Mission Kazakhstan"
    assert names(result) == {
        "Donald Lu": "Assistant Secretary for South and Central Asian Affairs",
        "Kairat Umarov": "First Deputy Foreign Minister of Kazakhstan",
    }
    assert sorted(result.countries) == ["KZ", "US"]
    assert result.event_dates == [date(2022, 12, 5)]
    assert result.quoted_text is not None and "Donald Lu" in result.quoted_text


def test_founding_statement_as_captured():
    text = (HERE / "founding_statement.txt").read_text(encoding="utf-8")
    _check_founding(run(text, title=FOUNDING_TITLE, published="2022-12-07T00:00:00Z",
                        categories=["News", "U.S. & Kazakhstan"], site="kz.usembassy.gov"))


@pytest.mark.skipif(DEV is None or not (DEV / "001.json").exists(), reason="dev/001.json is not available")
def test_founding_statement_from_dev_html():
    from govfeeds.evaluate import load_input
    from tasks.enrichment import enrich

    record = json.loads((DEV / "001.json").read_text(encoding="utf-8"))
    _check_founding(enrich(load_input(record)))
