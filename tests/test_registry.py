"""The feed registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from govfeeds.errors import RegistryError
from govfeeds.registry import load_registry
from helpers import write_registry

DEFAULT = Path(__file__).resolve().parents[1] / "deployments" / "feeds.toml"


def test_default_registry_has_the_state_department_and_at_least_30_embassies() -> None:
    feeds = load_registry(DEFAULT)
    embassies = [f for f in feeds if f.url.endswith(".usembassy.gov/feed/")]
    assert len(embassies) >= 30
    assert any(f.host == "www.state.gov" for f in feeds)
    assert all(f.country and len(f.country) == 2 for f in feeds)
    assert len({f.id for f in feeds}) == len(feeds)


def test_disabled_feeds_are_skipped_unless_asked(tmp_path: Path) -> None:
    path = write_registry(tmp_path / "f.toml", {"id": "a", "url": "https://a.gov/feed/"}, {"id": "b", "url": "https://b.gov/feed/", "enabled": False})
    assert [f.id for f in load_registry(path)] == ["a"]
    assert [f.id for f in load_registry(path, include_disabled=True)] == ["a", "b"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"id": "x", "url": "ftp://a.gov/feed"}, r"http\(s\) URL"),
        ({"id": "x", "url": "https://a.gov/feed", "country": "Kazakhstan"}, "alpha-2"),
        ({"id": "x", "url": "https://a.gov/feed", "colour": "red"}, "colour"),
    ],
)
def test_invalid_entries_name_the_feed_and_the_problem(tmp_path: Path, table: dict, message: str) -> None:
    with pytest.raises(RegistryError, match=message):
        load_registry(write_registry(tmp_path / "f.toml", table))


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = write_registry(tmp_path / "f.toml", {"id": "a", "url": "https://a.gov/feed/"}, {"id": "a", "url": "https://b.gov/feed/"})
    with pytest.raises(RegistryError, match="appears twice"):
        load_registry(path)


def test_missing_registry_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="GOVFEEDS_FEEDS"):
        load_registry(tmp_path / "nope.toml")
