"""URL rules: the canonical form used for identity, and which URLs we are willing to request."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only track the reader; they never change which document a URL names.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref", "ref_src", "share"}
)


def canonical_url(url: str) -> str:
    """Return the form of `url` that identifies its document.

    http and https, a `www.` prefix, upper-case hosts, default ports, `utm_*` and other tracking
    parameters, parameter order and a trailing slash all name the same page, so they are folded.
    The fragment is kept: some feeds (see the DFES corpus) tell items apart only by it.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return url.strip()
    host = parts.hostname.lower().removeprefix("www.")
    port = parts.port
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith("utm_") and name.lower() not in TRACKING_PARAMETERS
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", netloc, path, urlencode(query), parts.fragment))


def host_of(url: str) -> str:
    """The lower-case host of `url`, or '' when it has none."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def page_refusal(url: str, allowed_hosts: set[str]) -> str | None:
    """Why we will not request `url` as a statement page, or None when we may.

    Only http(s) URLs on the feed's own host or its registry `allowed_hosts` are fetched: a feed
    must never be able to point the crawler at somebody else's server.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "unparseable URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    host = (parts.hostname or "").lower()
    if not host:
        return "URL has no host"
    if host not in allowed_hosts:
        return f"host {host} is not the feed's host or in its allowed_hosts"
    return None
