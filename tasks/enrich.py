"""Enrich stage: metadata for a batch of statements, from their stored text alone (no network)."""

from __future__ import annotations

import logging

from prefect import task
from prefect.cache_policies import NO_CACHE

from schemas.enrichment import EnrichmentInput
from schemas.statements import FeedBatch, Reject, Statement
from tasks.enrichment import enrich

logger = logging.getLogger("govfeeds.enrich")


def enrichment_input(statement: Statement, feed_title: str | None = None) -> EnrichmentInput:
    return EnrichmentInput(
        title=statement.title,
        text=statement.body_text,
        published=statement.published_at,
        categories=statement.categories,
        site=statement.site,
        feed_title=feed_title,
    )


@task(name="enrich", cache_policy=NO_CACHE)
def enrich_statements(batches: list[FeedBatch]) -> list[FeedBatch]:
    """Enrich the statements of a group of feeds."""
    return [enrich_batch(batch) for batch in batches]


def enrich_batch(batch: FeedBatch) -> FeedBatch:
    """Attach enrichment to every statement of the batch.

    A statement whose enrichment fails is still stored (its text is good); the failure is recorded
    in rejects with stage 'enrich' so `govfeeds reenrich` can be run once the rule is fixed.
    """
    for statement in batch.statements:
        try:
            statement.enrichment = enrich(enrichment_input(statement, batch.feed.title))
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the batch
            logger.warning("enrichment failed for %s: %r", statement.statement_id, error)
            batch.rejects.append(
                Reject(feed_id=batch.feed.id, item_key=statement.url or statement.statement_id, stage="enrich",
                       reason=f"enrichment failed: {type(error).__name__}", detail=str(error)[:500])
            )
    return batch
