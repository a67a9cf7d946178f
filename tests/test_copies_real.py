"""Real-shaped statements that merely share boilerplate stay originals (issue 16).

The labelled statements of ../shared/eval/dev come from ten sites (the same dialogue's joint
statements of two different years on an embassy and on the ministry, C5+1 texts on three sites,
alerts built on the State Department's templates), served as one loopback WordPress site per
site; the corpus's real government feeds (fire-ban advice that repeats its district lists, police
notices) are served as their own two sites. None of them republishes another.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flows.poll import poll_feeds
from govfeeds.demo.wordpress import Post, WordPressSite
from helpers import SHARED, query, write_registry

DEV = SHARED / "eval" / "dev"
REAL_FEEDS = SHARED / "corpus" / "real_feeds"

pytestmark = pytest.mark.skipif(not DEV.is_dir() or not REAL_FEEDS.is_dir(), reason="../shared is not beside this checkout")


def dev_sites() -> dict[str, list[Post]]:
    sites: dict[str, list[Post]] = {}
    for number, path in enumerate(sorted(DEV.glob("*.json"))):
        item = json.loads(path.read_text(encoding="utf-8"))
        categories = item["categories"]
        sites.setdefault(item["site"], []).append(Post(
            id=100 + number, slug=re.sub(r"[^a-z0-9]+", "-", item["title"].lower()).strip("-")[:60], title=item["title"],
            html=item["html"], date=datetime.fromisoformat(item["published"].replace("Z", "+00:00")),
            categories=ast.literal_eval(categories) if isinstance(categories, str) else categories,
        ))
    return sites


def test_eval_and_corpus_statements_stay_originals(tmp_path: Path, httpserver: HTTPServer) -> None:
    feeds_files = {f"/real/{n}": path for n, path in enumerate(sorted(p for p in REAL_FEEDS.rglob("*") if p.suffix in (".rss", ".xml")))}
    httpserver.expect_request(re.compile(r"/real/.*")).respond_with_handler(
        lambda request: Response(feeds_files[request.path].read_bytes(), headers={"Content-Type": "application/xml"})
        if request.path in feeds_files else Response("not found", status=404)
    )
    servers = [WordPressSite(site, posts) for site, posts in dev_sites().items()]
    for server in servers:
        server.start()
    try:
        feeds = [{"id": f"dev-{n}", "url": server.feed_url, "site": server.title} for n, server in enumerate(servers)]
        feeds += [{"id": f"real-{n}", "url": httpserver.url_for(path),
                   "site": "www.emergency.wa.gov.au" if "dfes" in str(file) else "polisen.se"}
                  for n, (path, file) in enumerate(feeds_files.items())]
        db = tmp_path / "govfeeds.duckdb"
        poll_feeds(db=str(db), registry=str(write_registry(tmp_path / "feeds.toml", *feeds)))
    finally:
        for server in servers:
            server.stop()

    held = query(db, "SELECT count(*), count(DISTINCT site) FROM statements")[0]
    assert held[0] >= 12 + 200 and held[1] == len(servers) + 2
    assert query(db, "SELECT count(*) FROM copy_index") == [(held[0],)]  # every statement was compared
    assert query(db, "SELECT statement_id, copy_of FROM statements WHERE copy_of IS NOT NULL") == []
    assert query(db, "SELECT count(*) FROM distinct_statements") == query(db, "SELECT count(*) FROM statements_v")
