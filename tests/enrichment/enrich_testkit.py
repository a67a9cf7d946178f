"""Shared helpers for the enrichment tests."""

from __future__ import annotations

from pathlib import Path

from govfeeds.evaluate import field_scores, score_directory
from schemas.enrichment import Enrichment, EnrichmentInput
from tasks.enrichment import enrich

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def shared_dir(*parts: str) -> Path | None:
    """``shared/...`` beside the repository (CI) or at /work/shared (development), if present."""
    for base in (ROOT.parent / "shared", Path("/work/shared")):
        path = base.joinpath(*parts)
        if path.exists():
            return path
    return None


def run(text: str, title: str = "", published: str | None = "2023-06-01T00:00:00Z", categories=(), site: str | None = None) -> Enrichment:
    return enrich(
        EnrichmentInput(title=title, text=text, published=published, categories=list(categories), site=site)
    )


def names(result: Enrichment) -> dict[str, str | None]:
    return {p.name: p.title for p in result.people}


def days(result: Enrichment) -> list[str]:
    return [d.isoformat() for d in result.event_dates]


def fields_below(directory: Path, floors: dict[str, float], at_least: int) -> dict[str, float]:
    """The fields whose aggregate score on the labelled set in `directory` is below its floor (aggregates only)."""
    report = score_directory(directory)
    assert report["documents"] >= at_least
    scores = field_scores(report)
    return {field: round(scores[field], 3) for field, floor in floors.items() if scores[field] < floor}
