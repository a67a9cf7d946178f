"""Shared helpers for the enrichment tests."""

from __future__ import annotations

from pathlib import Path

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
