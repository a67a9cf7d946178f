"""Pydantic models for the enrichment stage: what it reads and what it produces."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class EnrichmentInput(BaseModel):
    """Everything enrichment may look at. It is built from stored rows, so re-enrichment needs no network."""

    model_config = ConfigDict(frozen=True)

    title: str
    text: str = Field(description="Plain body text, one block element per line (govfeeds.html_text.html_to_text).")
    published: datetime | None = Field(default=None, description="The feed's posting time; used only where the rules say so.")
    categories: list[str] = Field(default_factory=list, description="The site's categories, as the feed gives them.")
    site: str | None = Field(default=None, description="Host that published the statement, e.g. kz.usembassy.gov.")
    feed_title: str | None = None


class Person(BaseModel):
    name: str
    title: str | None = None


class Enrichment(BaseModel):
    """Metadata for one statement. A field that cannot be found is None, never a guess."""

    doc_type: str
    issuing_office: str | None = None
    release_date: date | None = None
    mission: str | None = None
    quoted_text: str | None = Field(default=None, description="The Begin Text ... End Text block, else None.")
    quoted_word_count: int | None = Field(default=None, description="Words in quoted_text; None when there is no block.")
    language: str | None = Field(default=None, description="ISO 639-1 code.")
    word_count: int = 0
    people: list[Person] = Field(default_factory=list)
    countries: dict[str, int] = Field(default_factory=dict, description="ISO 3166-1 alpha-2 (plus XK) -> mentions.")
    event_dates: list[date] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list, description="Controlled-vocabulary topics (see tasks/enrichment/themes.py).")
