"""Read the feed registry (`deployments/feeds.toml`)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from govfeeds.errors import RegistryError
from schemas.feeds import FeedConfig


def load_registry(path: Path, *, include_disabled: bool = False) -> list[FeedConfig]:
    """Return the registry's feeds in file order, enabled ones only unless asked otherwise."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"feed registry {path} not found; pass --feeds PATH or set GOVFEEDS_FEEDS") from None
    except tomllib.TOMLDecodeError as error:
        raise RegistryError(f"{path} is not valid TOML: {error}") from None
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for index, table in enumerate(document.get("feeds", []), start=1):
        try:
            feed = FeedConfig.model_validate(table)
        except ValidationError as error:
            raise RegistryError(f"{path}: feed #{index} ({table.get('id', '?')}) is invalid:\n{error}") from None
        if feed.id in seen:
            raise RegistryError(f"{path}: feed id {feed.id!r} appears twice; ids must be unique")
        seen.add(feed.id)
        if feed.enabled or include_disabled:
            feeds.append(feed)
    return feeds


def select_feeds(path: Path, feed_ids: list[str] | None) -> list[FeedConfig]:
    """The enabled feeds of the registry, or just those with `feed_ids`; an id it has no enabled feed for is an error."""
    feeds = load_registry(path)
    if not feed_ids:
        return feeds
    unknown = sorted(set(feed_ids) - {feed.id for feed in feeds})
    if unknown:
        raise RegistryError(f"no enabled feed with id {', '.join(unknown)} in {path}")
    return [feed for feed in feeds if feed.id in feed_ids]
