"""Prefect events for what a load changed, so automations (the `alerts` deployment) react to new statements.

One event per new or changed statement, `govfeeds.statement.created` / `govfeeds.statement.updated`,
on resource `govfeeds.statement.<statement_id>` labelled with its doc_type and feed (so a trigger can
match on them), with feed, url, title, doc_type and countries in the payload. They are emitted after
the load has committed, from what the database now holds, in one task per run (never a task per
statement). A backfill emits a single `govfeeds.backfill.completed` instead unless asked otherwise.
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.events import emit_event

from govfeeds.database import connect
from govfeeds.settings import Settings
from schemas.backfill import BackfillSummary

ALERT_DOC_TYPES = ("security_alert", "health_alert", "travel_advisory")


def statement_payloads(settings: Settings, ids: list[str]) -> dict[str, dict]:
    """statement_id -> the event payload, read from the database (the load has committed)."""
    if not ids:
        return {}
    connection = connect(settings.db, read_only=True, wait_seconds=settings.lock_wait_seconds)
    try:
        rows = connection.execute(
            """
            SELECT s.statement_id, s.feed_id, s.url, s.title, coalesce(s.doc_type, 'unknown'),
                   coalesce((SELECT list(c.country_code ORDER BY c.mentions DESC, c.country_code)
                             FROM statement_countries c WHERE c.statement_id = s.statement_id), [])
            FROM statements s WHERE s.statement_id IN (SELECT UNNEST(?))
            """,
            [ids],
        ).fetchall()
    finally:
        connection.close()
    return {
        sid: {"statement_id": sid, "feed": feed, "url": url, "title": title, "doc_type": doc_type, "countries": list(countries)}
        for sid, feed, url, title, doc_type, countries in rows
    }


@task(name="emit-statement-events", cache_policy=NO_CACHE)
def emit_statement_events(settings: Settings, new_ids: list[str], updated_ids: list[str]) -> int:
    """Emit created/updated events for these statements; returns how many were emitted."""
    payloads = statement_payloads(settings, [*new_ids, *updated_ids])
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
