"""Prefect events for what a run stored: `govfeeds.statement.created` / `.updated`, `govfeeds.backfill.completed`, `govfeeds.feed.stale`.

Each statement event's resource is labelled with the statement's doc_type and feed (automations
match on them), with feed, url, title, doc_type and countries in the payload. They are emitted after
the load has committed, from what the database now holds, in one task per run (never a task per
statement). A backfill emits a single `govfeeds.backfill.completed` instead unless asked otherwise.
A feed that has gone quiet for several of its usual gaps is announced once, `govfeeds.feed.stale`.
"""

from __future__ import annotations

from datetime import UTC, datetime

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.events import emit_event

from govfeeds.settings import Settings
from govfeeds.store.alerts import statement_summaries
from govfeeds.store.connection import reading, writing
from govfeeds.store.feeds import newly_stale
from schemas.backfill import BackfillSummary


@task(name="emit-statement-events", cache_policy=NO_CACHE)
def emit_statement_events(settings: Settings, new_ids: list[str], updated_ids: list[str]) -> int:
    """Emit created/updated events for these statements; returns how many were emitted."""
    if not new_ids and not updated_ids:
        return 0
    with reading(settings.db, wait_seconds=settings.lock_wait_seconds) as connection:
        payloads = statement_summaries(connection, [*new_ids, *updated_ids])
    emitted = 0
    for kind, ids in (("created", new_ids), ("updated", updated_ids)):
        for sid in ids:
            payload = payloads.get(sid)
            if payload is None:
                continue
            emit_event(
                event=f"govfeeds.statement.{kind}",
                resource={
                    "prefect.resource.id": f"govfeeds.statement.{sid}",
                    "prefect.resource.name": (payload["title"] or sid)[:200],
                    "govfeeds.doc_type": payload["doc_type"],
                    "govfeeds.feed": payload["feed"],
                },
                payload=payload,
            )
            emitted += 1
    return emitted


@task(name="emit-stale-events", cache_policy=NO_CACHE)
def emit_stale_events(settings: Settings) -> int:
    """One `govfeeds.feed.stale` event per feed that went stale since its silence was last announced; returns how many."""
    with writing(settings) as connection:
        stale = newly_stale(connection, datetime.now(UTC))
    for payload in stale:
        emit_event(
            event="govfeeds.feed.stale",
            resource={"prefect.resource.id": f"govfeeds.feed.{payload['feed_id']}", "prefect.resource.name": str(payload["url"])[:200],
                      "govfeeds.feed": str(payload["feed_id"])},
            payload=payload,
        )
    return len(stale)


def emit_backfill_completed(summary: BackfillSummary) -> None:
    """One event for a whole backfill, with its counts, instead of one per statement."""
    emit_event(
        event="govfeeds.backfill.completed",
        resource={"prefect.resource.id": f"govfeeds.backfill.{summary.window.key}"},
        payload={
            "since": str(summary.window.since or ""), "until": str(summary.window.until or ""),
            "feeds": [f.feed_id for f in summary.feeds], "pages": summary.pages, "new": summary.new,
            "updated": summary.updated, "rejected": summary.rejected, "errors": summary.errors,
        },
    )
