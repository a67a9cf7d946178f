"""Fuzzing the parse-validate stage with mutated real feeds: only NotAFeed ever escapes, and nothing hangs."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfeeds.settings import Settings
from helpers import SHARED
from schemas.feeds import FeedConfig
from schemas.statements import FeedBatch, RawDocument
from tasks.extract import extract_batch
from govfeeds.identity import sha256_hex
from govfeeds.sources.rss import NotAFeed, parse_feed, parse_feed_bytes

CORPUS = SHARED / "corpus"
SEEDS = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".xml", ".rss", ".atom", ".rdf") and p.stat().st_size < 30_000) if CORPUS.is_dir() else []
SEED_BYTES = [p.read_bytes() for p in SEEDS]
FEED = FeedConfig(id="fuzz", url="http://fuzz.example/feed/")
#: Per example: a parse of a 30 kB document takes milliseconds; a tenth of this means a hang.
EXAMPLE_DEADLINE_SECONDS = 5

pytestmark = pytest.mark.skipif(not SEEDS, reason="../shared/corpus is not beside this checkout")


class Hung(Exception):
    pass


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Interrupt the example (SIGALRM) if it runs longer than `seconds`."""

    def expire(signum: int, frame: object) -> None:
        raise Hung(f"example ran longer than {seconds}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    body = bytearray(draw(st.sampled_from(SEED_BYTES)))
    for _ in range(draw(st.integers(1, 6))):
        if not body:
            break
        at = draw(st.integers(0, len(body) - 1))
        operation = draw(st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "markup"]))
        if operation == "flip":
            body[at] = draw(st.integers(0, 255))
        elif operation == "delete":
            del body[at : at + draw(st.integers(1, 64))]
        elif operation == "insert":
            body[at:at] = draw(st.binary(min_size=1, max_size=32))
        elif operation == "duplicate":
            body[at:at] = body[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 8))
        elif operation == "truncate":
            del body[at:]
        else:
            body[at:at] = draw(st.sampled_from(
                [b"<!DOCTYPE rss [<!ENTITY a \"&b;&b;\">]>", b"<![CDATA[", b"]]>", b"&#xD800;", b"&bogus;", b"\xef\xbb\xbf",
                 b"\xff\xfe", b"<item>", b"</item>", b"<script>x</script>", b"encoding=\"utf-16\"", b"\x00"]
            ))
    return bytes(body)


@settings(max_examples=1000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=mutated_feeds(), content_type=st.sampled_from([None, "application/rss+xml", "text/xml", "application/xml; charset=utf-8", "text/html; charset=x-bogus"]))
def test_parse_and_validate_raise_only_not_a_feed_and_never_hang(body: bytes, content_type: str | None) -> None:
    with deadline(EXAMPLE_DEADLINE_SECONDS):
        try:
            parse_feed_bytes(body, url=FEED.url, content_type=content_type)
        except NotAFeed:
            pass
        batch = FeedBatch(feed=FEED, polled_at=datetime.now(UTC), outcome="ok", body_sha256=sha256_hex(body))
        batch.raw_documents.append(RawDocument(sha256=batch.body_sha256, url=FEED.url, fetched_at=batch.polled_at, content_type=content_type, body=body))
        parse_feed(batch, known_items={})  # NotAFeed becomes a reject here; nothing else may escape
        extract_batch(batch, None, Settings())  # no client: no page is fetched
    assert batch.outcome in ("ok", "failed")
    assert all(reject.reason for reject in batch.rejects)
    assert all(statement.body_text and statement.title for statement in batch.statements)


def test_the_fuzzer_has_seeds() -> None:
    assert len(SEEDS) > 100 and Path(SEEDS[0]).is_file()
