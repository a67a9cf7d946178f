"""A load window writes consecutive batches of other feeds in one transaction, and keeps each batch's own account.

Batches of the same feed, or holding the same statement, go in later transactions, so that what
one batch changed is what the next one is compared with: the result must be the one loading them
one at a time would give.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from govfeeds import spool
from govfeeds.identity import content_sha256, sha256_hex
from govfeeds.settings import Settings
from govfeeds.store import loads
from govfeeds.store.loads import STATEMENTS_PER_TRANSACTION, LoadResult, load_spool
from helpers import query
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, Statement

POLLED = datetime(2025, 3, 1, 8, tzinfo=UTC)


def feed(name: str) -> FeedConfig:
    return FeedConfig(id=name, url=f"https://{name}.example/feed/")


def statement(number: int, on: FeedConfig, body: str) -> Statement:
    title = f"Statement {number}"
    return Statement(
        statement_id=sha256_hex(f"statement-{number}")[:32], feed_id=on.id, site=f"{on.id}.example",
        url=f"https://{on.id}.example/{number}/", guid=None, title=title, published_at=POLLED, body_text=body,
        content_sha256=content_sha256(title, body), item_sha256=sha256_hex(f"{number}{body}"), text_source="feed_content",
    )


def spooled(settings: Settings, *batches: FeedBatch) -> None:
    for minutes, batch in enumerate(batches):
        batch.polled_at = POLLED + timedelta(minutes=minutes)  # the spool's order is the order of polling
        spool.write(settings.spool_dir, [batch])


def test_batches_of_other_feeds_and_a_repeated_statement_give_what_one_by_one_would(tmp_path: Path) -> None:
    settings = Settings.for_paths(tmp_path / "window.duckdb")
    a, b, c = feed("alpha"), feed("bravo"), feed("charlie")
    first = FeedBatch(feed=a, polled_at=POLLED, outcome="ok", etag='"v1"', statements=[statement(1, a, "The first text.")])
    edited = FeedBatch(feed=b, polled_at=POLLED, outcome="ok",  # another feed listing statement 1, edited
                       statements=[statement(1, a, "The first text, edited."), statement(2, b, "A second text.")])
    unchanged = FeedBatch(feed=c, polled_at=POLLED, outcome="not_modified")
    again = FeedBatch(feed=a, polled_at=POLLED, outcome="ok", etag='"v2"', statements=[statement(3, a, "A third text.")])
    spooled(settings, first, unchanged, again, edited)

    results = load_spool(settings)

    assert [(r.feed_id, r.new, r.updated, r.already_loaded) for r in results] == [
        ("alpha", 1, 0, False), ("charlie", 0, 0, False), ("alpha", 1, 0, False), ("bravo", 1, 1, False)]
    db = settings.db
    assert query(db, "SELECT title, version FROM statements ORDER BY title") == [("Statement 1", 2), ("Statement 2", 1), ("Statement 3", 1)]
    assert query(db, "SELECT body_text FROM statement_versions WHERE title = 'Statement 1' ORDER BY version") == [
        ("The first text.",), ("The first text, edited.",)]
    assert query(db, "SELECT feed_id, new_count, updated_count FROM loads ORDER BY polled_at") == [
        ("alpha", 1, 0), ("charlie", 0, 0), ("alpha", 1, 0), ("bravo", 1, 1)]
    # The feed's state is its latest poll's (in one upsert, DuckDB would keep the first row of a key).
    assert query(db, "SELECT feed_id, last_status, etag FROM feeds ORDER BY feed_id") == [
        ("alpha", "ok", '"v2"'), ("bravo", "ok", None), ("charlie", "not_modified", None)]
    assert not spool.pending(settings.spool_dir)

    spooled(settings, first)  # the same batch again (a run that died before deleting its spool file)
    assert [r.already_loaded for r in load_spool(settings)] == [True]
    assert query(db, "SELECT count(*) FROM loads") == [(4,)]


def test_a_batch_larger_than_a_transaction_holds_is_loaded_on_its_own(tmp_path: Path) -> None:
    settings = Settings.for_paths(tmp_path / "large.duckdb")
    small, large = feed("small"), feed("large")
    many = [statement(10 + n, large, f"Text number {n}.") for n in range(STATEMENTS_PER_TRANSACTION + 1)]
    spooled(settings, FeedBatch(feed=small, polled_at=POLLED, outcome="ok", statements=[statement(1, small, "One text.")]),
            FeedBatch(feed=large, polled_at=POLLED, outcome="ok", statements=many))

    results = load_spool(settings)

    assert [(r.feed_id, r.new) for r in results] == [("small", 1), ("large", STATEMENTS_PER_TRANSACTION + 1)]
    assert query(settings.db, "SELECT count(*) FROM statements") == [(STATEMENTS_PER_TRANSACTION + 2,)]


def test_a_group_s_file_stays_until_its_last_batch_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.for_paths(tmp_path / "group.duckdb")
    a = feed("alpha")
    pages = [FeedBatch(feed=a, polled_at=POLLED, outcome="ok", statements=[statement(n, a, f"Page {n} text.")]) for n in (1, 2)]
    spool.write(settings.spool_dir, pages)  # two pages of one walk: the same feed, so two transactions
    assert spool.waiting(settings.spool_dir) == 2
    committed = loads.load_batches

    def killed_after_the_first(connection: object, batches: list[FeedBatch]) -> list[LoadResult]:
        if batches[0].statements[0].title == "Statement 2":
            raise KeyboardInterrupt  # the process dies between the group's two transactions
        return committed(connection, batches)

    monkeypatch.setattr(loads, "load_batches", killed_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        load_spool(settings)
    assert len(spool.pending(settings.spool_dir)) == 1, "the file is kept: its second page was not loaded"
    monkeypatch.undo()

    results = load_spool(settings)

    assert [(r.new, r.already_loaded) for r in results] == [(0, True), (1, False)]
    assert query(settings.db, "SELECT count(*) FROM statements") == [(2,)]
    assert not spool.pending(settings.spool_dir)
