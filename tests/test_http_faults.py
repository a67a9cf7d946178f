"""HTTP faults against the loopback fault server: Retry-After, retries with backoff, timeouts, resets, feed backoff."""

from __future__ import annotations

import threading
import time
from email.utils import formatdate
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from faultserver import FaultServer, drip, hang, ok, reset, rss_feed, sequence, status, truncated
from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.settings import Settings
from helpers import query, wait_for, write_registry
from govfeeds.net.http import FetchError, get, make_client
from govfeeds.net.politeness import politeness_for, site_key

FEED = rss_feed([{"title": "One", "link": "http://127.0.0.1/one/", "content": "<p>Text one.</p>"}])


def fast(**overrides: object) -> Settings:
    """Small timeouts and waits, so each fault costs a fraction of a second."""
    values = dict(connect_timeout=0.5, read_timeout=0.5, total_timeout=3.0, retries=2, retry_backoff_seconds=0.05)
    return Settings(**{**values, **overrides})


@pytest.fixture
def server() -> FaultServer:
    with FaultServer() as running:
        yield running


def test_429_with_retry_after_seconds_holds_every_request_to_that_host_until_then(server: FaultServer) -> None:
    busy = server.route("/busy/", sequence(status(429, headers={"Retry-After": "1"}), ok(FEED)))
    other = server.route("/other/", ok(FEED))
    settings = fast()
    with make_client(settings) as client:
        first = threading.Thread(target=lambda: results.append(get(client, busy, settings)))
        results: list = []
        first.start()
        # Until the 429 is read, the host has said nothing yet: a request sent between the server's
        # answer and the client's reading of it is no test (CI once sent /other/ 2 ms after it).
        hosts = politeness_for(settings)
        wait_for(lambda: hosts._site(site_key(busy), local=True).not_before > 0, timeout=10.0)
        # Another request to the same host, sent while the server's Retry-After is running.
        second = get(client, other, settings)
        first.join(10)
    (busy_first, busy_retry), (other_request,) = server.requests("/busy/"), server.requests("/other/")
    assert results[0].status_code == 200 and results[0].attempts == 2 and second.status_code == 200
    assert busy_retry.at - busy_first.at >= 0.95
    assert other_request.at - busy_first.at >= 0.95, "a request reached the host before its Retry-After"


def test_429_with_retry_after_http_date_is_honoured(server: FaultServer) -> None:
    wall, mono = time.time(), time.monotonic()
    named = int(wall) + 2  # an HTTP-date names whole seconds
    busy = server.route("/busy/", sequence(status(429, headers={"Retry-After": formatdate(named, usegmt=True)}), ok(FEED)))
    settings = fast(total_timeout=5.0)
    with make_client(settings) as client:
        response = get(client, busy, settings)
    first, retry = server.requests("/busy/")
    assert response.status_code == 200
    assert wall + (retry.at - mono) >= named - 0.01, "retried before the date the server named"


def test_retry_after_beyond_the_deadline_fails_now_and_blocks_the_host_for_the_run(server: FaultServer) -> None:
    busy = server.route("/busy/", status(429, headers={"Retry-After": "3600"}))
    other = server.route("/other/", ok(FEED))
    settings = fast()
    started = time.monotonic()
    with make_client(settings) as client:
        response = get(client, busy, settings)
        with pytest.raises(FetchError, match="Retry-After") as error:
            get(client, other, settings)
    assert response.status_code == 429 and response.retry_after is not None
    assert error.value.retry_after == response.retry_after.replace(microsecond=error.value.retry_after.microsecond)
    assert len(server.requests("/busy/")) == 1 and server.requests("/other/") == []
    assert time.monotonic() - started < 60  # failed at once: nowhere near the hour the server asked for


def test_503_is_retried_with_exponential_backoff_and_jitter_then_returned(server: FaultServer) -> None:
    down = server.route("/down/", status(503))
    settings = fast(retries=3, retry_backoff_seconds=0.1, total_timeout=10.0)
    with make_client(settings) as client:
        response = get(client, down, settings)
    arrivals = [seen.at for seen in server.requests("/down/")]
    gaps = [later - earlier for earlier, later in zip(arrivals, arrivals[1:])]
    assert response.status_code == 503 and response.attempts == 4 and len(arrivals) == 4
    for attempt, gap in enumerate(gaps, start=1):
        base = 0.1 * 2 ** (attempt - 1)
        assert base * 0.95 <= gap, (attempt, gaps)  # never sooner than the backoff (later on a busy machine is fine)


@pytest.mark.parametrize("fault", ["hang", "drip", "reset", "truncated", "closed port"])
def test_timeouts_slow_drip_reset_and_truncated_bodies_end_in_an_error_within_the_deadline(server: FaultServer, fault: str) -> None:
    body = FEED.encode()
    behaviours = {"hang": hang(server), "drip": drip(server, body * 4), "reset": reset, "truncated": truncated(body)}
    settings = fast(total_timeout=1.5)
    if fault == "closed port":
        with socket_closed() as port:
            url = f"http://127.0.0.1:{port}/feed/"
    else:
        url = server.route("/fault/", behaviours[fault])
    started = time.monotonic()
    with make_client(settings) as client, pytest.raises(FetchError) as error:
        get(client, url, settings)
    elapsed = time.monotonic() - started
    assert elapsed < settings.total_timeout + settings.read_timeout + 5, elapsed  # the deadline holds (with slack for a busy machine)
    expected = {"hang": "timed out", "drip": "deadline", "reset": "fetching", "truncated": "RemoteProtocolError", "closed port": "ConnectError"}
    assert expected[fault] in str(error.value)
    if fault in ("reset", "truncated", "closed port"):  # transient: retried before giving up
        assert error.value.attempts == 3


class socket_closed:
    """A port nothing listens on."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    def __exit__(self, *exc: object) -> None:
        pass


def test_failing_feed_backs_off_is_skipped_until_due_shows_in_status_and_recovers(
    tmp_path: Path, server: FaultServer, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setenv("GOVFEEDS_RETRIES", "0")
    monkeypatch.setattr("govfeeds.cli.console", Console(width=250))
    flaky = server.route("/flaky/feed/", status(500))
    # On a server of its own: its Retry-After rightly holds back every feed of its host.
    other_host = FaultServer().__enter__()
    request.addfinalizer(lambda: other_host.__exit__(None, None, None))
    limited = other_host.route("/limited/feed/", status(429, headers={"Retry-After": "7200"}))
    good = server.route("/good/feed/", ok(FEED))
    registry = write_registry(
        tmp_path / "feeds.toml", {"id": "flaky", "url": flaky}, {"id": "limited", "url": limited}, {"id": "good", "url": good}
    )
    db = tmp_path / "b.duckdb"

    poll_feeds(db=str(db), registry=str(registry))
    state = {row[0]: row[1:] for row in query(
        db, "SELECT feed_id, consecutive_failures, epoch(next_poll_at - last_polled_at), last_status FROM feeds")}
    assert state["good"] == (0, 900, "ok")  # a success schedules the next poll (issue 15): no entry gaps known, so the shortest interval
    assert state["flaky"][:2] == (1, 300) and state["flaky"][2].startswith("HTTP 500")
    assert state["limited"][0] == 1 and 7190 < state["limited"][1] < 7210 and "come back after" in state["limited"][2]

    status_output = CliRunner().invoke(app, ["status", "--db", str(db)]).output
    flaky_line = next(line for line in status_output.splitlines() if "flaky" in line)
    assert "degraded" in flaky_line and "backing off" in flaky_line

    poll_feeds(db=str(db), registry=str(registry))  # not due: neither is requested again
    assert len(server.requests("/flaky/feed/")) == 1 and len(other_host.requests("/limited/feed/")) == 1
    assert len(server.requests("/good/feed/")) == 2

    server.route("/flaky/feed/", status(503))
    poll_feeds(db=str(db), registry=str(registry), force=True)  # forced, and failing again: the backoff doubles
    assert query(db, "SELECT consecutive_failures, epoch(next_poll_at - last_polled_at) FROM feeds WHERE feed_id = 'flaky'") == [(2, 600)]

    server.route("/flaky/feed/", ok(rss_feed([{"title": "Back", "link": "http://127.0.0.1/back/", "content": "<p>Back again.</p>"}])))
    poll_feeds(db=str(db), registry=str(registry), force=True)
    assert query(db, "SELECT consecutive_failures, epoch(next_poll_at - last_polled_at), last_status FROM feeds WHERE feed_id = 'flaky'") == [(0, 900, "ok")]
    assert query(db, "SELECT count(*) FROM statements WHERE feed_id = 'flaky'") == [(1,)]
    status_output = CliRunner().invoke(app, ["status", "--db", str(db)]).output
    assert "healthy" in next(line for line in status_output.splitlines() if "flaky" in line)
