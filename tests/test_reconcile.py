"""Reconciliation: deleted posts get deleted_at, backdated posts are found, though the feed answers 304."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.demo.wordpress import WordPressSite
from helpers import make_post, query, write_registry


@pytest.mark.parametrize("rest_api", [True, False], ids=["rest", "paged-feed-and-sitemap"])
def test_reconciliation_marks_deleted_posts_and_finds_backdated_ones(tmp_path: Path, rest_api: bool) -> None:
    db = tmp_path / "govfeeds.duckdb"
    with WordPressSite("Test Embassy", [make_post(n) for n in range(30)], feed_size=10, rest_api=rest_api) as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        first = poll_feeds(db=str(db), registry=str(registry), reconcile_every_hours=0)
        assert first.new == 10 and "listed 30" in first.reconciliations[0] and "found 20 new" in first.reconciliations[0]
        site.delete(1005)
        backdated = site.add(make_post(500, start=datetime(2020, 1, 1, tzinfo=UTC)))  # backdated: Last-Modified does not move

        second = poll_feeds(db=str(db), registry=str(registry), reconcile_every_hours=0)

        assert second.feeds[0].outcome == "not_modified"
        assert second.reconciliations and "found 1 new, marked 1 deleted" in second.reconciliations[0]
        third = poll_feeds(db=str(db), registry=str(registry), reconcile_every_hours=6)
        assert third.reconciliations == [], "reconciled an hour ago or less: not due"
    assert query(db, "SELECT count(*), count(deleted_at) FROM statements") == [(31, 1)]
    assert query(db, "SELECT guid LIKE '%?p=1005' FROM statements WHERE deleted_at IS NOT NULL") == [(True,)]
    assert query(db, "SELECT published_at::DATE FROM statements WHERE guid LIKE '%?p=1500'") == [(backdated.date.date(),)]
    source = "rest" if rest_api else "sitemap"
    assert query(db, "SELECT listed_by_site, held_live, held_deleted, gap, listing_source FROM site_coverage") == [(30, 30, 1, 0, source)]
    status = CliRunner().invoke(app, ["status", "--db", str(db)])
    assert status.exit_code == 0, status.output
    assert "site coverage" in status.output and source in status.output


def test_a_post_listed_again_is_live_again_and_an_empty_listing_judges_nothing(tmp_path: Path) -> None:
    from govfeeds.store.connection import connect
    from govfeeds.store.statements import mark_deleted

    db = tmp_path / "govfeeds.duckdb"
    with WordPressSite("Test Embassy", [make_post(n) for n in range(3)], feed_size=10) as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url})
        poll_feeds(db=str(db), registry=str(registry))
        links = [site.url + post.path for post in site.posts()]
        host, now = "127.0.0.1", datetime.now(UTC)
        connection = connect(db)
        try:
            assert mark_deleted(connection, host, host, [], now) == (0, 0)
            assert mark_deleted(connection, host, host, links[:2], now) == (1, 0)
            assert mark_deleted(connection, host, host, [link.replace("http://", "https://") for link in links], now) == (0, 1)
            assert connection.execute("SELECT count(deleted_at) FROM statements").fetchone() == (0,)
        finally:
            connection.close()
