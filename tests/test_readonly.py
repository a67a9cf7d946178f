"""Never locked out: a read-only query from another process succeeds while a poll is fetching.

The flow polls a loopback site whose feed answers only when the test says so. While the flow
waits in its fetch stage, `govfeeds query` runs in a separate process (as an analyst's would);
it could not open the file if the pipeline held its write connection outside the load.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from flows.poll import poll_feeds
from govfeeds.demo.wordpress import WordPressSite
from helpers import make_post, query, write_registry


class HeldFeedSite(WordPressSite):
    """A site whose feed response waits until `release` is set; `requested` says the poll is in its fetch stage."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requested = threading.Event()
        self.release = threading.Event()

    def render_feed(self, page: int = 1) -> bytes | None:
        self.requested.set()
        self.release.wait(timeout=60)
        return super().render_feed(page)


def govfeeds_query(db: Path, sql: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from govfeeds.cli import app; app()", "query", "--db", str(db), sql]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_query_succeeds_while_a_poll_is_fetching(tmp_path: Path) -> None:
    db = tmp_path / "govfeeds.duckdb"
    site = HeldFeedSite("Slow Embassy", [make_post(n) for n in range(3)])
    with site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "slow", "url": site.feed_url, "country": "KZ"})
        outcome: dict[str, object] = {}
        poll = threading.Thread(target=lambda: outcome.update(summary=poll_feeds(db=str(db), registry=str(registry))))
        poll.start()
        try:
            assert site.requested.wait(timeout=120), "the poll never reached its fetch stage"
            during = govfeeds_query(db, "SELECT count(*) AS feeds_known FROM feeds")
            still_fetching = poll.is_alive() and not site.release.is_set()
        finally:
            site.release.set()
            poll.join(timeout=120)
    assert still_fetching
    assert during.returncode == 0, during.stdout + during.stderr
    assert "feeds_known" in during.stdout and "being loaded" not in during.stdout
    assert outcome["summary"].feeds[0].new == 3
    assert query(db, "SELECT count(*) FROM statements") == [(3,)]
