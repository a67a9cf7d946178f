"""A DuckDB file held read-write by another process: `govfeeds run` waits with bounded backoff, says who holds it,
and either loads once it is released or exits non-zero keeping its batches in the spool for the next run."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import govfeeds.store.connection
from faultserver import FaultServer, article, gated, ok, rss_feed
from flows.poll import poll_feeds
from govfeeds.cli import app
from govfeeds.store.connection import connect
from helpers import query, wait_for, write_registry
from govfeeds import spool

HOLDER = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); sys.stdin.readline(); c.close()"


class Holder:
    """Another process with a read-write connection to the file, until `release()`."""

    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout.readline().strip() == "locked"
        self.pid = self.process.pid

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("\n")
            self.process.stdin.flush()
            self.process.wait(10)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FaultServer, threading.Event, Path, Path]]:
    """A feed of three statements whose answer waits for a gate, an initialised database, and a registry."""
    monkeypatch.setattr("govfeeds.cli.console", Console(width=300))
    gate = threading.Event()
    with FaultServer() as server:
        for n in range(3):
            server.route(f"/p{n}/", ok(article(f"Statement {n}", f"Text of statement {n}."), content_type="text/html"))
        server.route("/feed/", gated(gate, ok(rss_feed([{"title": f"Statement {n}", "link": server.url(f"/p{n}/")} for n in range(3)]))))
        db = tmp_path / "locked.duckdb"
        connect(db).close()
        yield server, gate, db, write_registry(tmp_path / "feeds.toml", {"id": "gated", "url": server.url("/feed/")})
        gate.set()


def _run(db: Path, registry: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["run", "--db", str(db), "--feeds", str(registry)])
    return result.exit_code, result.output


def test_run_waits_for_the_holder_and_loads_once_it_lets_go(site, monkeypatch: pytest.MonkeyPatch) -> None:
    server, gate, db, registry = site
    monkeypatch.setenv("GOVFEEDS_LOCK_WAIT_SECONDS", "60")
    waits: list[str] = []
    waiting = threading.Event()
    original = govfeeds.store.connection.connect

    def observed_connect(path, **kwargs):
        report = kwargs.pop("on_wait")

        def on_wait(holder: str, pause: float) -> None:
            waits.append(holder)
            waiting.set()
            report(holder, pause)

        return original(path, on_wait=on_wait, **kwargs)

    monkeypatch.setattr(govfeeds.store.connection, "connect", observed_connect)
    outcome: list[tuple[int, str]] = []
    runner = threading.Thread(target=lambda: outcome.append(_run(db, registry)))
    runner.start()
    wait_for(lambda: server.requests("/feed/"))
    holder = Holder(db)  # takes the file while the run is fetching
    gate.set()
    assert waiting.wait(60), "the load never met the lock"
    holder.release()
    runner.join(120)

    exit_code, output = outcome[0]
    assert exit_code == 0, output
    assert waits and all(f"PID {holder.pid}" in held for held in waits)
    assert query(db, "SELECT count(*) FROM statements") == [(3,)]
    assert spool.pending(db.with_name(db.name + ".spool")) == []


def test_run_exits_non_zero_keeping_its_spool_and_the_next_run_loads_it(site, monkeypatch: pytest.MonkeyPatch) -> None:
    server, gate, db, registry = site
    monkeypatch.setenv("GOVFEEDS_LOCK_WAIT_SECONDS", "1")
    outcome: list[tuple[int, str]] = []
    runner = threading.Thread(target=lambda: outcome.append(_run(db, registry)))
    runner.start()
    wait_for(lambda: server.requests("/feed/"))
    holder = Holder(db)
    try:
        gate.set()
        runner.join(120)
        exit_code, output = outcome[0]
        assert exit_code == 3, output
        output = " ".join(output.split())  # the console wraps long lines wherever the temp path ends
        assert f"locked by PID {holder.pid}" in output and "run again" in output and "spool" in output
        assert "Traceback" not in output
        assert len(spool.pending(db.with_name(db.name + ".spool"))) == 1

        # Locked from the very start: the same clear exit, nothing lost, nothing crashed.
        exit_code, output = _run(db, registry)
        assert exit_code == 3 and f"PID {holder.pid}" in output, output
    finally:
        holder.release()

    exit_code, output = _run(db, registry)
    assert exit_code == 0, output
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(3, 3)]
    assert query(db, "SELECT count(*) FROM statement_versions") == [(3,)]
    assert spool.pending(db.with_name(db.name + ".spool")) == []


def test_a_poll_that_cannot_load_ends_its_flow_run_failed_and_the_next_run_loads_its_spool(site, monkeypatch: pytest.MonkeyPatch) -> None:
    server, gate, db, registry = site
    monkeypatch.setenv("GOVFEEDS_LOCK_WAIT_SECONDS", "1")
    states = []
    runner = threading.Thread(target=lambda: states.append(poll_feeds(db=str(db), registry=str(registry), return_state=True)))
    runner.start()
    wait_for(lambda: server.requests("/feed/"))
    holder = Holder(db)
    try:
        gate.set()
        runner.join(120)
    finally:
        holder.release()
    state = states[0]
    assert state.is_failed(), state
    assert f"locked by PID {holder.pid}" in state.message
    assert len(spool.pending(db.with_name(db.name + ".spool"))) == 1

    again = poll_feeds(db=str(db), registry=str(registry), return_state=True)

    assert again.is_completed(), again
    assert query(db, "SELECT count(*) FROM statements") == [(3,)]
    assert spool.pending(db.with_name(db.name + ".spool")) == []
