"""Statement identity: canonical URLs and the real feeds' traps."""

from __future__ import annotations

import pytest

from govfeeds.identity import statement_id
from govfeeds.sources.rss import parse_feed_bytes
from govfeeds.net.urls import canonical_url, page_refusal
from helpers import SHARED

DFES = SHARED / "corpus" / "real_feeds" / "jhanarato__dfes-feeds" / "tests" / "data" / "2023-01-03"


@pytest.mark.parametrize(
    "variant",
    [
        "http://kz.usembassy.gov/joint-statement/",
        "https://kz.usembassy.gov/joint-statement",
        "https://KZ.usembassy.gov:443/joint-statement/?utm_source=twitter&utm_medium=social",
        "https://www.kz.usembassy.gov/joint-statement/?fbclid=abc",
    ],
)
def test_url_variants_share_one_canonical_form(variant: str) -> None:
    assert canonical_url(variant) == "https://kz.usembassy.gov/joint-statement"


def test_meaningful_query_parameters_and_fragments_are_kept() -> None:
    assert canonical_url("https://site.gov/?p=123&utm_campaign=x") == "https://site.gov/?p=123"
    assert canonical_url("https://site.gov/#a") != canonical_url("https://site.gov/#b")


def test_http_and_https_guid_give_the_same_statement() -> None:
    one = statement_id("kz.usembassy.gov", "http://kz.usembassy.gov/?p=1", "https://kz.usembassy.gov/a/", None, None)
    two = statement_id("kz.usembassy.gov", "https://kz.usembassy.gov/?p=1", "http://kz.usembassy.gov/a/?utm_source=rss", None, None)
    assert one == two


def test_item_without_guid_link_or_title_has_no_identity() -> None:
    assert statement_id("site", None, None, "  ", None) is None


@pytest.mark.skipif(not DFES.is_dir(), reason="shared corpus not available")
@pytest.mark.parametrize(("name", "entries"), [("message.rss", 15), ("message_TFB.rss", 4)])
def test_real_feed_items_sharing_a_guid_or_a_link_stay_distinct(name: str, entries: int) -> None:
    items = parse_feed_bytes((DFES / name).read_bytes(), url="https://www.emergency.wa.gov.au/data/" + name)
    ids = {statement_id("www.emergency.wa.gov.au", i.guid, i.link, i.title, i.published) for i in items}
    assert len(items) == entries
    assert len(ids) == entries
    guids, links = {i.guid for i in items}, {i.link for i in items}
    assert len(guids) < entries or len(links) < entries, "the trap is still in the file"


def test_pages_are_only_fetched_from_allowed_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("govfeeds.net.urls.resolve", lambda host, port=None: frozenset({"1.1.1.1"}))  # a public address, no DNS
    allowed = {"kz.usembassy.gov"}
    assert page_refusal("https://kz.usembassy.gov/post/", allowed) is None
    assert "not the feed's host" in page_refusal("https://evil.example/post/", allowed)
    assert "scheme" in page_refusal("file:///etc/passwd", allowed)
