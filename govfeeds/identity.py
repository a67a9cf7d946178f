"""Statement identity and fingerprints.

Feeds lie about identity: the DFES corpus has two different items sharing one GUID and four
different items sharing one link, and the same post shows up as http and https, with and without
tracking parameters. So a statement is identified by its site plus the canonical forms of *both*
its GUID and its link; either alone would merge real items. WordPress GUIDs (`?p=123`) and
links are stable across edits, so an edited post keeps its identity and becomes a new version.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from govfeeds.net.urls import canonical_url


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def _canonical_guid(guid: str) -> str:
    guid = guid.strip()
    return canonical_url(guid) if guid.lower().startswith(("http://", "https://")) else guid


def statement_id(site: str, guid: str | None, link: str | None, title: str | None, published: datetime | None) -> str | None:
    """The stable id of a statement, or None when the item carries nothing to identify it by.

    An item with neither GUID nor link is identified by its title and publication time.
    """
    parts: list[str] = [site.lower().removeprefix("www.")]
    if guid and guid.strip():
        parts.append("guid:" + _canonical_guid(guid))
    if link and link.strip():
        parts.append("link:" + canonical_url(link))
    if len(parts) == 1:
        if not (title and title.strip()):
            return None
        parts.append("title:" + " ".join(title.split()))
        parts.append("published:" + (published.isoformat() if published else ""))
    return sha256_hex("\n".join(parts))[:24]


def content_sha256(title: str, body_text: str) -> str:
    """The fingerprint of what readers see; a change here makes a new version."""
    return sha256_hex(title + "\n\n" + body_text)
