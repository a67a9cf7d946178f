"""The scorer's own rules (govfeeds/evaluate.py): name matching, title overlap, set scores, the gate.

Every document here is made up for the test; nothing is copied from a labelled set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govfeeds import evaluate
from govfeeds.evaluate import failing_fields, field_scores, match_people, normalise, normalise_name, run_eval, title_overlap


def _p(name: str, title: str | None = None) -> dict:
    return {"name": name, "title": title}


def _matched(pred: list[str], gold: list[str]) -> list[tuple[str, str]]:
    return [(p["name"], g["name"]) for p, g in match_people([_p(n) for n in pred], [_p(n) for n in gold])]


# --- normalisation -------------------------------------------------------------------------------


def test_normalise_casefolds_trims_and_joins_abbreviations():
    assert normalise("  Office of the  SPOKESPERSON ") == "office of the spokesperson"
    assert normalise("U.S. Embassy Reykjavik, Iceland") == "us embassy reykjavik iceland"
    assert normalise("US Embassy Reykjavik Iceland") == normalise("U.S. Embassy Reykjavik, Iceland")
    assert normalise(None) is None
    assert normalise(True) == "true"


def test_normalise_name_drops_leading_honorifics_only():
    assert normalise_name("H.E. Mr. Tomas Vlk") == ["tomas", "vlk"]
    assert normalise_name("His Excellency Ilir Gashi") == ["ilir", "gashi"]
    assert normalise_name("Sir Alan Pemberton") == ["alan", "pemberton"]
    assert normalise_name("Dato' Rahim") == ["rahim"]
    # a word that is an honorific only at the front stays inside a name
    assert normalise_name("Anna Sir") == ["anna", "sir"]


# --- name matching -------------------------------------------------------------------------------


def test_exact_names_match_ignoring_case():
    assert _matched(["KAREL NOVAK"], ["Karel Novak"]) == [("KAREL NOVAK", "Karel Novak")]


def test_surname_only_prediction_matches_full_gold_name():
    assert _matched(["Novak"], ["Karel Novak"]) == [("Novak", "Karel Novak")]


def test_full_prediction_matches_surname_only_gold():
    assert _matched(["Karel Novak"], ["Novak"]) == [("Karel Novak", "Novak")]


def test_surname_first_order_matches_on_the_first_word():
    # MOFA prints the family name first: a prediction of the family name alone still matches
    assert _matched(["Tanabe"], ["Tanabe Hiroshi"]) == [("Tanabe", "Tanabe Hiroshi")]


def test_reordered_names_match():
    assert _matched(["Hiroshi Tanabe"], ["Tanabe Hiroshi"]) == [("Hiroshi Tanabe", "Tanabe Hiroshi")]


def test_missing_middle_initial_matches():
    assert _matched(["Martha Quill"], ["Martha T. Quill"]) == [("Martha Quill", "Martha T. Quill")]


def test_honorifics_are_dropped_before_matching():
    assert _matched(["Dr. Ferhat Ozil"], ["Ferhat Ozil"]) == [("Dr. Ferhat Ozil", "Ferhat Ozil")]
    assert _matched(["H.E. Lindiwe Mabaso"], ["Lindiwe Mabaso"]) == [("H.E. Lindiwe Mabaso", "Lindiwe Mabaso")]
    assert _matched(["Sir Colin Ashby"], ["Colin Ashby"]) == [("Sir Colin Ashby", "Colin Ashby")]


def test_diacritics_are_significant_but_unicode_forms_are_not():
    composed = "Radka Bure\u0161"  # š as one code point
    decomposed = "Radka Bures\u030c"  # s + combining caron
    assert _matched([decomposed], [composed]) == [(decomposed, composed)]
    # dropping the diacritic is an extraction error: the labelling rules keep them
    assert _matched(["Radka Bures"], [composed]) == []


def test_different_people_do_not_match():
    assert _matched(["Karel Novak"], ["Petra Novotna"]) == []
    assert _matched(["Karel"], ["Jan Karelsky"]) == []
    # a middle word alone is neither the given name nor the surname
    assert _matched(["Maria"], ["Ana Maria Lupu"]) == []
    # an initial alone names nobody
    assert _matched(["T."], ["Martha T. Quill"]) == []


def test_matching_is_one_to_one_and_prefers_exact_names():
    pairs = _matched(["Novak", "Karel Novak"], ["Karel Novak"])
    assert pairs == [("Karel Novak", "Karel Novak")]
    pairs = _matched(["Novak"], ["Karel Novak", "Jana Novak"])
    assert len(pairs) == 1


# --- titles --------------------------------------------------------------------------------------


def test_title_overlap_rules():
    assert title_overlap(None, None) == 1.0
    assert title_overlap("Mayor", None) == 0.0
    assert title_overlap(None, "Mayor") == 0.0
    assert title_overlap("Minister of Fisheries", "minister of fisheries") == 1.0
    # the qualifier is scored by word overlap: 2 of 3 words -> F1 0.8
    assert title_overlap("Deputy Minister", "Belgian Deputy Minister") == pytest.approx(0.8)
    # connectives do not count
    assert title_overlap("Minister for the Interior", "Minister of Interior") == 1.0
    assert title_overlap("Governor", "Mayor") == 0.0


# --- whole documents and the gate ---------------------------------------------------------------


def _record(html: str, gold: dict, **meta) -> dict:
    base = {
        "title": meta.get("title", "Fishing communities welcome the harbour plan"),
        "published": "2021-03-04T00:00:00Z",
        "categories": meta.get("categories", []),
        "html": html,
        "site": meta.get("site", "www.example.gov"),
        "feed_title": "Example",
    }
    full_gold = {
        "doc_type": "other", "issuing_office": None, "release_date": None, "mission": None,
        "people": [], "countries": [], "event_dates": [], "quoted_text_markers": False,
    }
    full_gold.update(gold)
    base["gold"] = full_gold
    return base


def _write(folder: Path, records: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, rec in enumerate(records):
        (folder / f"{i:03d}.json").write_text(json.dumps(rec), encoding="utf-8")
    return folder


def _fake_enrichment(monkeypatch, people: list[dict]):
    """Make the scorer see a fixed prediction, so these tests check the scorer and not the rules."""
    real = evaluate.prediction

    def fixed(result):
        out = real(result)
        out["people"] = people
        return out

    monkeypatch.setattr(evaluate, "prediction", fixed)


def test_people_counts_and_title_score(monkeypatch, tmp_path):
    gold = {"people": [_p("Karel Novak", "Minister of Fisheries"), _p("Jana Roth", "Mayor")]}
    _fake_enrichment(monkeypatch, [_p("Novak", "Minister of Fisheries"), _p("Harbour Agreement", None)])
    report = evaluate.score_directory(_write(tmp_path / "d", [_record("<p>x</p>", gold)]))
    people = report["fields"]["people"]
    assert (people["tp"], people["fp"], people["fn"]) == (1, 1, 1)
    assert people["f1"] == pytest.approx(0.5)
    assert report["fields"]["people_title"]["accuracy"] == 1.0
    misses = report["per_document"][0]["misses"]["people"]
    assert misses["missing"] == [gold["people"][1]]
    assert misses["extra"] == [_p("Harbour Agreement", None)]


def test_wrong_title_lowers_people_title_only(monkeypatch, tmp_path):
    gold = {"people": [_p("Karel Novak", "Minister of Fisheries")]}
    _fake_enrichment(monkeypatch, [_p("Karel Novak", "Mayor")])
    report = evaluate.score_directory(_write(tmp_path / "d", [_record("<p>x</p>", gold)]))
    scores = field_scores(report)
    assert scores["people"] == 1.0
    assert scores["people_title"] == 0.0
    assert failing_fields(report, 0.95) == {"people_title": 0.0}


def test_no_people_on_either_side_scores_one(monkeypatch, tmp_path):
    _fake_enrichment(monkeypatch, [])
    report = evaluate.score_directory(_write(tmp_path / "d", [_record("<p>x</p>", {})]))
    assert field_scores(report)["people"] == 1.0
    assert field_scores(report)["people_title"] == 1.0


def test_exact_fields_null_must_match_null(tmp_path):
    html = "<p>The harbour agreement was welcomed by the fishing communities of the coast.</p>"
    report = evaluate.score_directory(_write(tmp_path / "d", [_record(html, {"issuing_office": "Office of Harbours"})]))
    assert report["fields"]["issuing_office"]["accuracy"] == 0.0
    assert report["per_document"][0]["misses"]["issuing_office"] == {"expected": "Office of Harbours", "got": None}


def test_run_eval_exit_codes_and_failed_fields(monkeypatch, tmp_path, capsys):
    gold = {"people": [_p("Karel Novak", "Minister of Fisheries")]}
    folder = _write(tmp_path / "d", [_record("<p>x</p>", gold)])
    _fake_enrichment(monkeypatch, [_p("Karel Novak", "Mayor")])
    out_json = tmp_path / "r.json"
    assert run_eval(folder, out_json, min_score=0.95) == 1
    printed = capsys.readouterr().out
    assert "people_title" in printed and "FAIL" in printed
    report = json.loads(out_json.read_text())
    assert report["failed_fields"] == {"people_title": 0.0}
    assert report["min_score"] == 0.95
    # the same report passes a minimum of zero
    assert run_eval(folder, None, min_score=0.0) == 0


def test_run_eval_default_minimum_comes_from_settings(monkeypatch, tmp_path):
    gold = {"people": [_p("Karel Novak", "Minister of Fisheries")]}
    folder = _write(tmp_path / "d", [_record("<p>x</p>", gold)])
    _fake_enrichment(monkeypatch, [_p("Karel Novak", "Mayor")])
    monkeypatch.setenv("GOVFEEDS_EVAL_MIN_SCORE", "0.0")
    assert run_eval(folder) == 0
    monkeypatch.setenv("GOVFEEDS_EVAL_MIN_SCORE", "0.95")
    assert run_eval(folder) == 1


def test_run_eval_on_an_empty_folder_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run_eval(tmp_path / "empty", None, min_score=0.5) != 0
