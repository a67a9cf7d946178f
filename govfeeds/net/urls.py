"""URL rules: the canonical form used for identity, and which URLs we are willing to request."""

from __future__ import annotations

import ipaddress
import socket
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


def page_refusal(url: str, allowed_hosts: set[str], own_addresses: frozenset[str] = frozenset()) -> str | None:
    """Why we will not request `url` as a statement page, or None when we may.

    Only http(s) URLs on the feed's own host or its registry `allowed_hosts` are fetched, and only
    when every address the host resolves to is public or one the feed itself is on
    (`own_addresses`): a feed must never be able to point the crawler at somebody else's server,
    nor at the machine's own network (169.254.169.254, 10.0.0.0/8, localhost...).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "unparseable URL"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http(s)"
    host = (parts.hostname or "").lower()
    if not host:
        return "URL has no host"
    if host not in allowed_hosts:
        return f"host {host} is not the feed's host or in its allowed_hosts"
    return address_refusal(host, port, own_addresses)


def feed_refusal(url: str, own_addresses: frozenset[str]) -> str | None:
    """Why a hop of a feed request (a redirect) may not be followed: not http(s), or a private address the feed is not on."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "unparseable URL"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "not an http(s) URL"
    return address_refusal(parts.hostname.lower(), port, own_addresses)


def resolve(host: str, port: int | None = None) -> frozenset[str]:
    """Every address `host` resolves to (empty when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return frozenset()
    return frozenset(str(info[4][0]).split("%")[0] for info in infos)


def address_refusal(host: str, port: int | None, own_addresses: frozenset[str]) -> str | None:
    """Why `host` is off limits: it resolves to a non-public address that the feed is not on.

    Every resolved address is checked, so a name with one public and one private address is
    refused too. A name that does not resolve is not refused here: the request then fails as an
    ordinary connection error.
    """
    for address in sorted(resolve(host, port)):
        ip = ipaddress.ip_address(address)
        if ip.version == 6 and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        if (ip.is_global and not ip.is_multicast) or address in own_addresses:
            continue
        kind = next(
            (name for name in ("loopback", "link_local", "private", "multicast", "reserved", "unspecified") if getattr(ip, f"is_{name}")),
            "non-public",
        )
        return f"host {host} resolves to {kind.replace('_', '-')} address {address}, which the feed is not on"
    return None
