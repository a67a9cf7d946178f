"""Metadata extraction ("enrichment") for one statement: pure functions, no I/O.

``enrich(doc)`` reads an :class:`~schemas.enrichment.EnrichmentInput` (title, plain text from
``govfeeds.html_text.html_to_text``, feed metadata) and returns an
:class:`~schemas.enrichment.Enrichment`. Each rule family lives in its own module:

* ``header``    - header kind labels, issuing office, release date, mission
* ``doc_type``  - the doc_type decision order (header label, publisher type, headline, form)
* ``dates``     - date mentions, year inference, relative days, weekdays, ranges
* ``people``    - names and titles; ``evidence`` says when a bare capitalised phrase is a person
* ``countries`` - ISO codes from names, aliases, demonyms and territories
* ``language``  - ISO 639-1 via py3langid
* ``themes``    - controlled-vocabulary topics (docs/themes.md)
* ``quoted``    - the Begin Text ... End Text block

A field that cannot be found is None (or empty), never a guess. Bump ``ENRICHER_VERSION``
whenever a rule change can change the output, so stored rows can be re-enriched.
"""

from __future__ import annotations

import regex as re

from schemas.enrichment import Enrichment, EnrichmentInput, Person

from . import dates, doc_type, header
from .countries import find_countries
from .language import detect_language
from .people import find_people
from .quoted import quoted_text
from .textutil import normalise_caps
from .themes import find_themes

ENRICHER_VERSION = "1.9.19"

_WORD = re.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")

__all__ = ["ENRICHER_VERSION", "enrich", "enrich_each"]


def enrich(doc: EnrichmentInput) -> Enrichment:
    """Extract the metadata of one statement (see the rule modules for each field)."""
    # html_to_text already gives one stripped block per line; other sources (captures) may not
    raw_text = "\n".join(ln.strip() for ln in (doc.text or "").translate(dates.DIGITS).split("\n") if ln.strip())
    title = (doc.title or "").strip()
    lang = detect_language(title, raw_text)
    text = normalise_caps(raw_text)
    lines = text.split("\n") if text else []

    head = header.parse_header(title, text, lines, lang, doc.site)
    kind = doc_type.classify(head.label, doc.categories, title, text, lines)

    published = doc.published.date() if doc.published else None
    ref_date = head.release_date or published
    ref_year = ref_date.year if ref_date else None

    events = dates.explicit_events(text, lang, ref_year, head.meta_spans, head.day_first)
    events |= dates.explicit_events(title, lang, ref_year, head.title_meta_spans)
    events |= dates.relative_events(text, lang, ref_date, head.meta_spans)
    events |= dates.relative_events(title, lang, ref_date, [])

    countries = find_countries(f"{title}\n{text}", lang)
    people = [Person(name=n, title=t) for n, t in find_people(title, text, lang)]

    return Enrichment(
        doc_type=kind,
        issuing_office=head.office,
        release_date=head.release_date,
        mission=head.mission,
        quoted_text=(quoted := quoted_text(raw_text)),
        quoted_word_count=len(_WORD.findall(quoted)) if quoted is not None else None,
        language=lang,
        word_count=len(_WORD.findall(raw_text)),
        people=people,
        countries=countries,
        event_dates=sorted(events),
        themes=find_themes(title, raw_text),
    )


def enrich_each(docs: list[EnrichmentInput]) -> list[Enrichment | Exception]:
    """Each statement's enrichment, or the error its rules raised: one bad document does not stop the others.

    A module-level function of this package, which does not import Prefect, so that worker
    processes (tasks/enrich.py) can run it without Prefect's start-up.
    """
    outcomes: list[Enrichment | Exception] = []
    for doc in docs:
        try:
            outcomes.append(enrich(doc))
        except Exception as error:  # noqa: BLE001 - reported per statement, as a reject
            outcomes.append(error)
    return outcomes
