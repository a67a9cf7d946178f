"""The feed registry entry (`deployments/feeds.toml`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

#: What kind of site a feed belongs to, which decides how its history is walked (govfeeds.sources):
#: `wordpress` walks the REST API, `rss` pages the feed (?paged=N), `auto` tries the REST API first.
SourceKind = Literal["auto", "wordpress", "rss"]


class FeedConfig(BaseModel):
    """One `[[feeds]]` table of the registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", description="Stable identifier; used as feeds.feed_id.")
    url: str
    title: str | None = None
    site: str | None = Field(default=None, description="Host of the publishing site; defaults to the feed's host.")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code of the issuing mission's host country.")
    language: str | None = Field(default=None, description="ISO 639-1 code of the feed's usual language.")
    enabled: bool = True
    kind: SourceKind = Field(default="auto", description="How the site's history is walked: auto, wordpress (REST API) or rss (paged feed).")
    allowed_hosts: tuple[str, ...] = Field(
        default=(), description="Hosts besides the feed's own whose statement pages may be fetched."
    )

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"feed url must be an http(s) URL, got {value!r}")
        return value

    @field_validator("country")
    @classmethod
    def _alpha2(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z]{2}", value):
            raise ValueError(f"country must be an ISO 3166-1 alpha-2 code such as 'KZ', got {value!r}")
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _lower_hosts(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(host.lower() for host in value)

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def site_name(self) -> str:
        return self.site or self.host
