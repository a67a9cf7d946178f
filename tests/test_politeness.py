"""Politeness: one registrable domain (all of *.usembassy.gov) gets a bounded number of requests in flight and a
minimum, jittered interval between them, shared by every thread and client of the process.

The fault server acts as an HTTP proxy here, so requests name real-looking hosts without any DNS.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from faultserver import FaultServer, ok, slow
from govfeeds.settings import Settings
from govfeeds.net.http import get
from govfeeds.net.politeness import HostWait, forget_every_site, politeness_for, site_key

HOSTS = ["kz.usembassy.gov", "tr.usembassy.gov", "am.usembassy.gov"]


def test_site_key_is_the_registrable_domain() -> None:
    assert {site_key(f"https://{host}/feed/") for host in HOSTS} == {"usembassy.gov"}
    assert site_key("https://www.state.gov/x") == "state.gov"
    assert site_key("https://news.bbc.co.uk/") == "bbc.co.uk"
    assert site_key("http://127.0.0.1:8080/feed/") == "127.0.0.1:8080"


@pytest.fixture
def proxy() -> FaultServer:
    with FaultServer() as server:
        yield server


def _fetch_all(proxy: FaultServer, settings: Settings, urls: list[str]) -> None:
    """Each URL from its own thread and its own client, as the fetch and extract stages do."""

    def one(url: str) -> int:
        with httpx.Client(proxy=proxy.url(""), timeout=10) as client:
            return get(client, url, settings).status_code

    with ThreadPoolExecutor(len(urls)) as pool:
        assert list(pool.map(one, urls)) == [200] * len(urls)


def test_subdomains_share_one_minimum_interval_with_jitter(proxy: FaultServer) -> None:
    proxy.route("/feed/", ok("<rss/>"))
    settings = Settings(host_concurrency=4, host_min_interval=0.2, host_jitter=0.2)
    _fetch_all(proxy, settings, [f"http://{host}/feed/" for host in HOSTS * 3])
    arrivals = sorted(seen.at for seen in proxy.requests("/feed/"))
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]
    assert len(arrivals) == 9
    assert min(gaps) >= 0.19, gaps  # never two starts closer than the interval, whichever subdomain
    assert max(gaps) - min(gaps) > 0.01, gaps  # jittered: they do not fire in lockstep
    assert all(gap <= 0.2 + 0.2 + 0.15 for gap in gaps), gaps


def test_subdomains_share_one_concurrency_limit_and_other_domains_are_not_held(proxy: FaultServer) -> None:
    proxy.route("/slow/", slow(0.3, ok("<rss/>")))
    settings = Settings(host_concurrency=2, host_min_interval=0.0, host_jitter=0.0)
    _fetch_all(proxy, settings, [f"http://{host}/slow/" for host in HOSTS * 2])
    assert proxy.max_total_in_flight == 2  # six requests to one domain, never more than two at once

    proxy.max_total_in_flight = 0
    _fetch_all(proxy, settings, [f"http://{host}/slow/" for host in ("kz.usembassy.gov", "tr.usembassy.gov", "www.state.gov", "www.gov.uk")])
    assert proxy.max_total_in_flight == 4  # two for usembassy.gov, one each for the others


def test_forgetting_every_site_lifts_a_retry_after_as_a_new_process_would() -> None:
    settings = Settings()
    url = "https://kz.usembassy.gov/feed/"
    politeness_for(settings).defer(url, datetime.now(UTC) + timedelta(hours=1))
    with pytest.raises(HostWait):
        with politeness_for(settings).slot(url, deadline=time.monotonic() + 1):
            pass
    forget_every_site()
    with politeness_for(settings).slot(url, deadline=time.monotonic() + 1):
        pass
