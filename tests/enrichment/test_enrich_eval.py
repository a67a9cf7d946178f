"""Scores on labelled statements (dev set, own labelled and holdout sets) and the founding statement.

Every field is gated, ``people_title`` included, through the scorer's own ``field_scores``."""

from __future__ import annotations

import json
from datetime import date

import pytest
from enrich_testkit import HERE, names, run, shared_dir

from govfeeds.evaluate import field_scores, run_eval, score_directory

DEV = shared_dir("eval", "dev")
LABELLED = HERE / "labelled"
HOLDOUT = HERE / "holdout"
FOUNDING_TITLE = "Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue"
FIELDS = {"doc_type", "issuing_office", "release_date", "mission", "quoted_text_markers",
          "people", "countries", "event_dates", "people_title"}


def _check_scores(report: dict, minimum: float, min_documents: int) -> None:
    assert report["documents"] >= min_documents
    scores = field_scores(report)
    assert set(scores) == FIELDS
    low = {k: v for k, v in scores.items() if v < minimum}
    assert not low, (low, [d for d in report["per_document"] if d["misses"]])


@pytest.mark.skipif(DEV is None, reason="shared/eval/dev is not available")
def test_dev_set_scores(tmp_path):
    report_path = tmp_path / "dev.json"
    code = run_eval(DEV, report_path, min_score=0.95)
    report = json.loads(report_path.read_text())
    _check_scores(report, 0.95, 12)
    assert code == 0 and report["failed_fields"] == {}


def test_own_labelled_set_scores():
    _check_scores(score_directory(LABELLED), 0.95, 15)


def test_holdout_set_scores():
    _check_scores(score_directory(HOLDOUT), 0.95, 20)


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
