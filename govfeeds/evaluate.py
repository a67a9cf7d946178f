"""Score the enrichment stage against labelled statements (the ``shared/eval`` dev format).

Each ``*.json`` file holds ``title``, ``published``, ``categories``, ``html``, ``site``,
``feed_title`` and ``gold``. The statement is run through the same path as the pipeline
(``html_to_text`` then ``enrich``) and scored as the labelling README asks:

* ``doc_type``, ``issuing_office``, ``release_date``, ``mission``, ``quoted_text_markers``
  (= ``quoted_text is not None``): exact match after case-folding, trimming and stripping
  punctuation; null must match null. Reported as accuracy.
* ``people``: precision / recall / F1 over names, matched one to one (case-folded, Unicode NFC,
  honorifics such as Mr/Dr/H.E./Sir/Dato dropped). Two names are the same person when, in this
  order of preference: they are equal; they hold the same words in another order (MOFA "Kamikawa
  Yoko" vs "Yoko Kamikawa"); they are equal once single-letter initials are dropped ("Antony
  Blinken" vs "Antony J. Blinken"); or the shorter is the first or last word(s) of the longer (a
  surname-only "Blinken", MOFA's surname-first "Kamikawa"). Diacritics are significant ("Jenca"
  is not "Jenča": the labelling rules keep them). ``people_title``: mean normalised token overlap
  (F1 over title words) on the matched names; null/null counts as 1, null against a title as 0.
* ``countries``, ``event_dates``: set precision / recall / F1.

Set scores are micro-averaged over documents. ``run_eval`` prints a table, can write the
report (including every document's misses) as JSON, and returns a non-zero exit code when any
field's score - ``people_title`` included - is below the minimum (``Settings.eval_min_score``
unless given).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

from schemas.enrichment import Enrichment, EnrichmentInput
from tasks.enrichment import ENRICHER_VERSION, enrich
from govfeeds.html_text import html_to_text

EXACT_FIELDS = ("doc_type", "issuing_office", "release_date", "mission", "quoted_text_markers")
SET_FIELDS = ("people", "countries", "event_dates")
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "he", "his", "her", "excellency", "sir", "dame", "dato", "datuk", "hon", "honorable", "honourable", "madam", "mme"}


_JOINING = frozenset(".'’")


def normalise(value: Any) -> str | None:
    """Case-fold (NFC), trim, drop punctuation, collapse spaces; None stays None.

    Full stops and apostrophes join ("U.S." -> "us", "H.E." -> "he", "Dato'" -> "dato"); other
    punctuation separates words.
    """
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = "".join(
        "" if ch in _JOINING else " " if unicodedata.category(ch).startswith("P") else ch for ch in text
    )
    return " ".join(text.split())


def normalise_name(name: str) -> list[str]:
    words = (normalise(name) or "").split()
    while words and words[0] in _HONORIFICS:
        words = words[1:]
    return words


def _title_tokens(title: str | None) -> set[str]:
    return set((normalise(title) or "").split()) - {"the", "of", "for", "and", "a", "an"}


def title_overlap(pred: str | None, gold: str | None) -> float:
    if pred is None and gold is None:
        return 1.0
    if pred is None or gold is None:
        return 0.0
    p, g = _title_tokens(pred), _title_tokens(gold)
    if not p and not g:
        return 1.0
    common = len(p & g)
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def _names_match(pred: list[str], gold: list[str]) -> bool:
    """Whether two normalised names can be the same person (see the module docstring)."""
    if not pred or not gold:
        return False
    if pred == gold or sorted(pred) == sorted(gold):
        return True
    bare_p = [w for w in pred if len(w) > 1]
    bare_g = [w for w in gold if len(w) > 1]
    if bare_p and bare_p == bare_g:
        return True
    short, long_ = (bare_p, bare_g) if len(bare_p) <= len(bare_g) else (bare_g, bare_p)
    if not short:
        return False
    if len(short) == 1:
        return short[0] in (long_[0], long_[-1])
    return short == long_[-len(short):] or short == long_[: len(short)]


def match_people(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one matches, exact names first, then surname-only matches."""
    pairs: list[tuple[dict, dict]] = []
    free_p = list(pred)
    free_g = list(gold)
    for exact in (True, False):
        for g in list(free_g):
            gn = normalise_name(g["name"])
            for p in free_p:
                pn = normalise_name(p["name"])
                if (pn == gn) if exact else _names_match(pn, gn):
                    pairs.append((p, g))
                    free_p.remove(p)
                    free_g.remove(g)
                    break
    return pairs


def prediction(result: Enrichment) -> dict[str, Any]:
    """The enrichment in gold form."""
    return {
        "doc_type": result.doc_type,
        "issuing_office": result.issuing_office,
        "release_date": result.release_date.isoformat() if result.release_date else None,
        "mission": result.mission,
        "people": [{"name": p.name, "title": p.title} for p in result.people],
        "countries": sorted(result.countries),
        "event_dates": sorted(d.isoformat() for d in result.event_dates),
        "quoted_text_markers": result.quoted_text is not None,
    }


def load_input(record: dict[str, Any]) -> EnrichmentInput:
    return EnrichmentInput(
        title=record.get("title") or "",
        text=html_to_text(record.get("html") or ""),
        published=record.get("published"),
        categories=record.get("categories") or [],
        site=record.get("site"),
        feed_title=record.get("feed_title"),
    )


def score_directory(directory: Path) -> dict[str, Any]:
    """Run enrichment on every labelled file in ``directory`` and return the report dict."""
    exact = {f: [0, 0] for f in EXACT_FIELDS}  # correct, total
    counts = {f: [0, 0, 0] for f in SET_FIELDS}  # tp, fp, fn
    title_scores: list[float] = []
    documents = []
    for path in sorted(Path(directory).glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = record["gold"]
        pred = prediction(enrich(load_input(record)))
        misses: dict[str, Any] = {}
        for f in EXACT_FIELDS:
            ok = normalise(pred[f]) == normalise(gold.get(f))
            exact[f][0] += ok
            exact[f][1] += 1
            if not ok:
                misses[f] = {"expected": gold.get(f), "got": pred[f]}
        pairs = match_people(pred["people"], gold.get("people") or [])
        tp = len(pairs)
        counts["people"][0] += tp
        counts["people"][1] += len(pred["people"]) - tp
        counts["people"][2] += len(gold.get("people") or []) - tp
        matched_gold = [g for _, g in pairs]
        wrong_titles = []
        for p, g in pairs:
            score = title_overlap(p["title"], g["title"])
            title_scores.append(score)
            if score < 1.0:
                wrong_titles.append({"name": g["name"], "expected": g["title"], "got": p["title"]})
        missing = [g for g in gold.get("people") or [] if g not in matched_gold]
        extra = [p for p in pred["people"] if p not in [q for q, _ in pairs]]
        if missing or extra or wrong_titles:
            misses["people"] = {"missing": missing, "extra": extra, "titles": wrong_titles}
        for f in ("countries", "event_dates"):
            p, g = set(pred[f]), set(gold.get(f) or [])
            counts[f][0] += len(p & g)
            counts[f][1] += len(p - g)
            counts[f][2] += len(g - p)
            if p != g:
                misses[f] = {"missing": sorted(g - p), "extra": sorted(p - g)}
        documents.append({"document": path.name, "misses": misses})
    fields: dict[str, Any] = {}
    for f, (ok, total) in exact.items():
        fields[f] = {"metric": "accuracy", "accuracy": ok / total if total else 1.0, "correct": ok, "total": total}
    for f, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        fields[f] = {"metric": "f1", "precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}
    fields["people_title"] = {
        "metric": "title_overlap",
        "accuracy": sum(title_scores) / len(title_scores) if title_scores else 1.0,
        "matched": len(title_scores),
    }
    return {
        "directory": str(directory),
        "enricher_version": ENRICHER_VERSION,
        "documents": len(documents),
        "fields": fields,
        "per_document": documents,
    }


def print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Enrichment eval: {report['directory']} ({report['documents']} documents, enricher {report['enricher_version']})")
    for column in ("field", "metric", "score", "precision", "recall", "detail"):
        table.add_column(column, justify="left" if column in ("field", "metric", "detail") else "right")
    for name, f in report["fields"].items():
        if f["metric"] == "f1":
            table.add_row(name, "F1", f"{f['f1']:.3f}", f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"tp={f['tp']} fp={f['fp']} fn={f['fn']}")
        elif f["metric"] == "accuracy":
            table.add_row(name, "exact", f"{f['accuracy']:.3f}", "", "", f"{f['correct']}/{f['total']}")
        else:
            table.add_row(name, "token overlap", f"{f['accuracy']:.3f}", "", "", f"{f['matched']} matched names")
    Console().print(table)


def field_scores(report: dict[str, Any]) -> dict[str, float]:
    """One score per field: accuracy, F1, or mean title overlap (``people_title``)."""
    return {name: (f["f1"] if f["metric"] == "f1" else f["accuracy"]) for name, f in report["fields"].items()}


def failing_fields(report: dict[str, Any], min_score: float) -> dict[str, float]:
    """The fields whose score is below ``min_score`` (every field is gated, ``people_title`` too)."""
    return {name: score for name, score in field_scores(report).items() if score < min_score}


def run_eval(directory: Path, json_path: Path | None = None, min_score: float | None = None) -> int:
    """Score ``directory``, print the table, optionally write the JSON report.

    Returns 0 when every field scores at least ``min_score`` (default ``Settings().eval_min_score``),
    else 1 after printing which fields failed. A folder without labelled files is an error (2).
    """
    if min_score is None:
        from govfeeds.settings import Settings

        min_score = Settings().eval_min_score
    report = score_directory(Path(directory))
    failed = failing_fields(report, min_score)
    report["min_score"] = min_score
    report["failed_fields"] = failed
    print_report(report)
    if json_path is not None:
        Path(json_path).write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if report["documents"] == 0:
        print(f"FAIL: no labelled *.json files in {directory}")
        return 2
    if failed:
        listing = ", ".join(f"{name} {score:.3f}" for name, score in failed.items())
        print(f"FAIL: {len(failed)} field(s) below the minimum {min_score:.3f}: {listing}")
        return 1
    print(f"OK: every field >= {min_score:.3f}")
    return 0
