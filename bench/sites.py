"""Generated loopback WordPress-like sites for the benchmarks, served from their own process.

Every site is a govfeeds.demo.wordpress.WordPressSite whose posts are the demo embassy's six
statements (a media note with Begin/End Text, a security alert, remarks, a visa notice, a press
release, a health alert) renumbered and redated, so pages, extraction and enrichment see
realistic text. The sites run in a child process so that serving them does not share a
Python interpreter (and its GIL) with the pipeline being measured; every system under test
talks to the same sites over the same loopback sockets.

    python -m bench.sites '{"backfill": {"sites": 50, "posts": 100}}'   # prints {"backfill": [feed urls]}
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from govfeeds.demo.content import FOUNDING_STATEMENT, OTHER_POSTS
from govfeeds.demo.wordpress import Post, WordPressSite

TEMPLATES = (FOUNDING_STATEMENT, *OTHER_POSTS)
START = datetime(2020, 1, 1, 9, tzinfo=UTC)


@dataclass(frozen=True)
class SiteSpec:
    """`sites` sites of `posts` posts each; the feed lists `feed_size` of them (all by default)."""

    sites: int
    posts: int
    feed_size: int | None = None
    conditional_get: bool = True


def site_posts(site: int, count: int) -> list[Post]:
    """`count` distinct statements for site number `site`, one a day, cycling through the templates."""
    posts = []
    for number in range(count):
        template = TEMPLATES[number % len(TEMPLATES)]
        when = START + timedelta(days=number, minutes=site)
        posts.append(
            replace(
                template,
                id=site * 100_000 + number,
                slug=f"{template.slug[:60]}-{number}",
                title=f"{template.title} ({number})",
                date=when,
                categories=list(template.categories),
                html=template.html.replace("</p>", f" Reference {site}-{number}.</p>", 1),
                modified=None,
            )
        )
    return posts


def start_sites(spec: SiteSpec, name: str) -> list[WordPressSite]:
    return [
        WordPressSite(
            f"Bench Embassy {name} {index}", site_posts(index, spec.posts), feed_size=spec.feed_size or spec.posts,
            conditional_get=spec.conditional_get,
        ).start()
        for index in range(spec.sites)
    ]


@contextmanager
def site_farm(specs: dict[str, SiteSpec]) -> Iterator[dict[str, list[str]]]:
    """Serve the sites in a child process for as long as the block runs; yield each group's feed URLs."""
    payload = json.dumps({name: vars(spec) for name, spec in specs.items()})
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.sites", payload], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[1], text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            raise RuntimeError(f"the site farm exited with {process.wait()} before publishing its sites")
        yield json.loads(line)
    finally:
        if process.stdin:
            process.stdin.close()  # the farm stops its sites when its stdin closes
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    specs = {name: SiteSpec(**fields) for name, fields in json.loads(sys.argv[1]).items()}
    groups = {name: start_sites(spec, name) for name, spec in specs.items()}
    print(json.dumps({name: [site.feed_url for site in sites] for name, sites in groups.items()}), flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    for sites in groups.values():
        for site in sites:
            site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
