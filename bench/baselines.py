"""What a user could write or pick instead of govfeeds, run on the same sites for the ratios.

`bare_poll` is the script one would write by hand: the same HTTP work (conditional GETs with
stored validators, a body hash for servers that ignore them, the statement pages), feedparser
with the same options govfeeds uses, and raw text inserted through Arrow into DuckDB; no Prefect,
no extraction, no enrichment, no versions, no spool. `dlt_feed_entries` loads the same feed
entries with a dlt pipeline into DuckDB.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import feedparser
import httpx
import pyarrow as pa

CONCURRENCY = 8  # govfeeds' default max_concurrent_feeds

ENTRY_SCHEMA = pa.schema(
    [("feed_url", pa.string()), ("guid", pa.string()), ("link", pa.string()), ("title", pa.string()),
     ("published", pa.string()), ("text", pa.string())]
)
STATE_SCHEMA = pa.schema([("url", pa.string()), ("etag", pa.string()), ("last_modified", pa.string()), ("sha256", pa.string())])


def _parse(body: bytes) -> list[feedparser.FeedParserDict]:
    return feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False).entries


def _entry_row(feed_url: str, entry: feedparser.FeedParserDict, text: str) -> dict[str, str | None]:
    return {"feed_url": feed_url, "guid": entry.get("id"), "link": entry.get("link"), "title": entry.get("title"),
            "published": entry.get("published"), "text": text}


def bare_poll(feed_urls: list[str], db: Path, *, fetch_pages: bool = True, pages_at_once: int = 1) -> dict[str, int]:
    """Poll every feed once into `db`; return how many feeds were parsed and entries inserted.

    `pages_at_once` fetches one feed's pages concurrently (a single site's backfill), else in turn.
    """
    connection = duckdb.connect(str(db))
    connection.execute(
        "CREATE TABLE IF NOT EXISTS feeds (url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, sha256 VARCHAR)"
    )
    connection.execute(
        "CREATE TABLE IF NOT EXISTS entries (feed_url VARCHAR, guid VARCHAR, link VARCHAR, title VARCHAR, published VARCHAR, text VARCHAR)"
    )
    states = {url: (etag, modified, sha) for url, etag, modified, sha in connection.execute("SELECT * FROM feeds").fetchall()}
    parsed = 0

    def poll(client: httpx.Client, url: str) -> tuple[dict | None, list[dict]]:
        nonlocal parsed
        etag, modified, known_sha = states.get(url, (None, None, None))
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        response = client.get(url, headers=headers)
        if response.status_code == 304:
            return None, []
        response.raise_for_status()
        sha = hashlib.sha256(response.content).hexdigest()
        state = {"url": url, "etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified"), "sha256": sha}
        if sha == known_sha:
            return state, []
        parsed += 1
        entries = _parse(response.content)
        if fetch_pages:
            with ThreadPoolExecutor(pages_at_once) as pages:
                texts = list(pages.map(lambda entry: client.get(entry.link).text, entries))
        else:
            texts = [(entry.get("content") or [{}])[0].get("value") or entry.get("summary") or "" for entry in entries]
        return state, [_entry_row(url, entry, text) for entry, text in zip(entries, texts, strict=True)]

    limits = httpx.Limits(max_connections=CONCURRENCY * 2, max_keepalive_connections=CONCURRENCY)
    with httpx.Client(timeout=60, limits=limits) as client, ThreadPoolExecutor(CONCURRENCY) as pool:
        results = list(pool.map(lambda url: poll(client, url), feed_urls))
    rows = [row for _, feed_rows in results for row in feed_rows]
    new_states = [state for state, _ in results if state]
    if rows:
        incoming = pa.Table.from_pylist(rows, schema=ENTRY_SCHEMA)  # noqa: F841 - read by DuckDB by name
        connection.execute("INSERT INTO entries SELECT * FROM incoming")
    if new_states:
        incoming_states = pa.Table.from_pylist(new_states, schema=STATE_SCHEMA)  # noqa: F841
        connection.execute("INSERT OR REPLACE INTO feeds SELECT * FROM incoming_states")
    connection.close()
    return {"parsed": parsed, "inserted": len(rows)}


def dlt_feed_entries(feed_urls: list[str], db: Path, work_dir: Path) -> dict[str, int]:
    """Load every entry of every feed (text from content:encoded) into `db` with a dlt pipeline."""
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    import dlt

    @dlt.resource(name="entries", write_disposition="append")
    def entries():
        limits = httpx.Limits(max_connections=CONCURRENCY * 2, max_keepalive_connections=CONCURRENCY)
        with httpx.Client(timeout=60, limits=limits) as client, ThreadPoolExecutor(CONCURRENCY) as pool:
            for url, body in pool.map(lambda url: (url, client.get(url).content), feed_urls):
                rows = []
                for entry in _parse(body):
                    content = entry.get("content") or [{}]
                    rows.append(_entry_row(url, entry, content[0].get("value") or entry.get("summary") or ""))
                yield rows

    pipeline = dlt.pipeline(
        pipeline_name="bench_feeds", destination=dlt.destinations.duckdb(str(db)), dataset_name="feeds",
        pipelines_dir=str(work_dir),
    )
    pipeline.run(entries())
    connection = duckdb.connect(str(db), read_only=True)
    inserted = connection.execute("SELECT count(*) FROM feeds.entries").fetchone()[0]
    connection.close()
    return {"parsed": len(feed_urls), "inserted": inserted}
