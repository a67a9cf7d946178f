"""Re-enrichment: recompute the metadata of stored statements from their stored text, with no network.

Run after the enrichment rules change (tasks/enrichment, ENRICHER_VERSION). Each batch is read,
enriched without holding the database, and only the statements whose result differs from what is
stored are written (tasks/load.write_enrichment), stamped with the enricher version that produced
them. A second run therefore writes nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, date, datetime, time

from prefect import task
from prefect.cache_policies import NO_CACHE
from pydantic import BaseModel

import tasks.enrichment as enrichment
from govfeeds.database import connect, transaction
from govfeeds.settings import Settings
from schemas.enrichment import Enrichment, Person
from schemas.statements import Statement
from tasks.enrich import enrichment_input
from tasks.load import write_enrichment

logger = logging.getLogger("govfeeds.reenrich")

#: Statements per task: enough to amortise a task's overhead and a connection, small enough to keep memory flat.
BATCH_SIZE = 500


class ReenrichResult(BaseModel):
    examined: int = 0
    changed: int = 0
    failed: int = 0


def statement_ids(settings: Settings, since: date | None) -> list[str]:
    """Live statements published (else first seen) on or after `since`, all when None."""
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        after = datetime.combine(since, time(), tzinfo=UTC) if since else None
        rows = connection.execute(
            "SELECT statement_id FROM statements WHERE deleted_at IS NULL AND (? IS NULL OR coalesce(published_at, first_seen_at) >= ?) "
            "ORDER BY statement_id",
            [after, after],
        ).fetchall()
    finally:
        connection.close()
    return [sid for (sid,) in rows]


def _stored(connection, ids: list[str]) -> tuple[list[tuple[Statement, str | None]], dict[str, Enrichment | None]]:
    """The statements (with their feed's title) and the enrichment currently stored for them."""
    rows = connection.execute(
        """
        SELECT s.statement_id, s.feed_id, s.site, s.url, s.guid, s.title, s.published_at, s.body_text, s.content_sha256,
               s.item_sha256, s.text_source, coalesce(s.categories, []), f.title,
               s.doc_type, s.issuing_office, s.release_date, s.mission, s.quoted_text, s.language, s.word_count
        FROM statements s LEFT JOIN feeds f USING (feed_id) WHERE s.statement_id IN (SELECT UNNEST(?))
        """,
        [ids],
    ).fetchall()
    children: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for sid, name, title in connection.execute(
        "SELECT statement_id, name, title FROM statement_people WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["people"].append(Person(name=name, title=title))
    for sid, code, mentions in connection.execute(
        "SELECT statement_id, country_code, mentions FROM statement_countries WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["countries"].append((code, mentions))
    for sid, day in connection.execute(
        "SELECT statement_id, event_date FROM statement_dates WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["event_dates"].append(day)
    for sid, topic in connection.execute(
        "SELECT statement_id, topic FROM statement_topics WHERE source = 'theme' AND statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["themes"].append(topic)
    statements, stored = [], {}
    for row in rows:
        sid, feed_id, site, url, guid, title, published, body, content_sha, item_sha, source, categories, feed_title = row[:13]
        statements.append((
            Statement.model_construct(
                statement_id=sid, feed_id=feed_id, site=site, url=url, guid=guid, title=title, published_at=published,
                body_text=body, content_sha256=content_sha, item_sha256=item_sha, text_source=source, categories=list(categories),
            ),
            feed_title,
        ))
        doc_type, office, release, mission, quoted, language, words = row[13:]
        child = children.get(sid, {})
        stored[sid] = None if doc_type is None else Enrichment(
            doc_type=doc_type, issuing_office=office, release_date=release, mission=mission, quoted_text=quoted,
            language=language, word_count=words or 0, people=child.get("people", []),
            countries=dict(child.get("countries", [])), event_dates=child.get("event_dates", []), themes=child.get("themes", []),
        )
    return statements, stored


def comparable(value: Enrichment | None) -> tuple | None:
    """An enrichment as stored: the database keeps no order of people, dates or themes, so neither does this."""
    if value is None:
        return None
    return (
        value.doc_type, value.issuing_office, value.release_date, value.mission, value.quoted_text, value.language, value.word_count,
        sorted((p.name, p.title or "") for p in value.people), sorted(value.countries.items()),
        sorted(value.event_dates), sorted(value.themes),
    )


@task(name="reenrich-batch", cache_policy=NO_CACHE)
def reenrich_batch(settings: Settings, ids: list[str]) -> ReenrichResult:
    """Re-enrich one batch of statements; write only those whose enrichment changed."""
    result = ReenrichResult(examined=len(ids))
    connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
    try:
        statements, stored = _stored(connection, ids)
    finally:
        connection.close()
    changed: list[tuple[str, list[str], Enrichment]] = []
    for statement, feed_title in statements:
        try:
            fresh = enrichment.enrich(enrichment_input(statement, feed_title))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
            logger.warning("enrichment failed for %s: %r", statement.statement_id, error)
            result.failed += 1
            continue
        if comparable(fresh) != comparable(stored[statement.statement_id]):
            changed.append((statement.statement_id, statement.categories, fresh))
    if changed:
        connection = connect(settings.db, wait_seconds=settings.lock_wait_seconds)
        try:
            with transaction(connection):
                write_enrichment(connection, changed, enrichment.ENRICHER_VERSION, datetime.now(UTC))
        finally:
            connection.close()
    result.changed = len(changed)
    return result
