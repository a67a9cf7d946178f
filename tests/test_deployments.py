"""deployments/prefect.yaml on a real Prefect server: deploy, a worker, a backfill by API, an alert by event trigger."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import httpx
import pytest
from prefect.client.schemas.objects import ConcurrencyLimitStrategy
from prefect.settings import PREFECT_API_URL

from govfeeds.demo.wordpress import Post, WordPressSite
from govfeeds.serve import runner_deployments
from helpers import make_post, query, stop_process, wait_for, write_registry
from prefect_server import running_prefect_server, server_env

ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))
ALERT_HTML = (
    "<p>Security Alert – U.S. Embassy Astana, Kazakhstan</p><p>Location: Almaty, Kazakhstan</p>"
    "<p>Event: Demonstrations are planned near Republic Square on Saturday.</p>"
    "<p>Actions to Take: Avoid the area. Monitor local media.</p>"
)


def test_serve_reads_the_four_deployments_with_schedule_limit_and_trigger() -> None:
    deployments = {d.name: d for d in runner_deployments(ROOT / "deployments" / "prefect.yaml")}
    assert sorted(deployments) == ["alerts", "backfill", "poll-feeds", "reenrich"]
    poll = deployments["poll-feeds"]
    (schedule,) = poll.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("*/15 * * * *", "UTC")
    assert poll.concurrency_limit == 1 and poll.concurrency_options.collision_strategy == ConcurrencyLimitStrategy.ENQUEUE
    assert not deployments["backfill"].schedules and not deployments["reenrich"].schedules
    assert poll.parameters["due"] is True  # the deployment polls only feeds due on their learned schedule
    statement_trigger, stale_trigger = deployments["alerts"].triggers
    assert statement_trigger.expect == {"govfeeds.statement.created"}
    assert sorted(statement_trigger.match.root["govfeeds.doc_type"]) == ["health_alert", "security_alert", "travel_advisory"]
    assert stale_trigger.expect == {"govfeeds.feed.stale"} and stale_trigger.parameters["feed_id"] == "{{ event.payload.feed_id }}"


def test_two_polls_started_at_once_store_each_statement_once(tmp_path: Path, wordpress: WordPressSite) -> None:
    db = tmp_path / "govfeeds.duckdb"
    registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": wordpress.feed_url})
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    command = [sys.executable, "-m", "govfeeds.cli", "run", "--db", str(db), "--feeds", str(registry)]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=240)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    # Waiting for the other run's short load ("is locked by ...; retrying") is the design; giving
    # up on the lock (DatabaseLocked's "Close that program's connection") or crashing is not.
    assert not any("Close that program's connection" in output or "Traceback" in output for output in outputs), outputs
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(30, 30)]
    assert query(db, "SELECT count(*) FROM statement_versions") == [(30,)]


def _wait_for(condition, what: str, timeout: float = 120.0, processes: tuple[subprocess.Popen, ...] = ()) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            assert process.poll() is None, f"{process.args} exited with {process.returncode} while waiting for {what}"
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _query_when_free(db: Path, sql: str) -> list[tuple]:
    """Query read-only, treating a file locked by a running flow as 'not yet'."""
    try:
        return query(db, sql)
    except duckdb.IOException:
        return []


@pytest.fixture
def real_prefect_server(tmp_path: Path) -> Iterator[dict[str, str]]:
    """`prefect server start` on loopback with its own PREFECT_HOME; yields the environment that talks to it."""
    home = tmp_path / "prefect-home"
    with running_prefect_server(home) as api_url:
        yield {**server_env(home, api_url), "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_LOGGING_LEVEL": "INFO"}


@pytest.mark.prefect_server
def test_deployed_backfill_and_event_triggered_alert_on_a_real_server(tmp_path: Path, real_prefect_server: dict[str, str]) -> None:
    db = tmp_path / "govfeeds.duckdb"
    with WordPressSite("Test Embassy", [make_post(n) for n in range(120)], feed_size=10) as site:
        registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": site.feed_url, "country": "KZ"})
        env = {**real_prefect_server, "GOVFEEDS_DB": str(db), "GOVFEEDS_FEEDS": str(registry)}

        def prefect(*args: str, cwd: Path = ROOT) -> str:
            done = subprocess.run([PREFECT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
            return done.stdout

        prefect("work-pool", "create", "govfeeds", "--type", "process")
        prefect("--no-prompt", "deploy", "--all", cwd=ROOT / "deployments")
        worker_log = open(tmp_path / "worker.log", "w")  # noqa: SIM115 - closed below
        worker = subprocess.Popen([PREFECT, "worker", "start", "--pool", "govfeeds", "--type", "process"],
                                  cwd=tmp_path, env=env, stdout=worker_log, stderr=subprocess.STDOUT)
        try:
            prefect("deployment", "run", "backfill/backfill", "-p", "since=2020-01-01", "--watch", "--watch-timeout", "240")
            assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(120, 120)]

            site.add(Post(id=9000, slug="security-alert-demonstrations", title="Security Alert: Demonstrations in Almaty",
                          html=ALERT_HTML, date=datetime.now(UTC).replace(microsecond=0), byline="U.S. Embassy Astana"))
            prefect("deployment", "run", "poll-feeds/poll-feeds", "--watch", "--watch-timeout", "240")

            alerts = _wait_for(
                lambda: _query_when_free(db, "SELECT doc_type, title, event_id IS NOT NULL FROM alerts"),
                "the alerts deployment to record the alert", timeout=120, processes=(worker,),
            )
        finally:
            stop_process(worker)
            worker_log.close()
        assert alerts == [("security_alert", "Security Alert: Demonstrations in Almaty", True)]
        assert query(db, "SELECT count(*) FROM statements") == [(121,)]

        # Without the worker: `govfeeds serve` registers the same four deployments and runs them itself.
        # (Served and deployed deployments are alternatives: clear the deployed ones first.)
        api = env["PREFECT_API_URL"]
        for kind in ("deployments", "automations"):
            for found in _api("POST", f"{api}/{kind}/filter", json={}).json():
                _api("DELETE", f"{api}/{kind}/{found['id']}")
        serve_log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
        server = subprocess.Popen([sys.executable, "-m", "govfeeds.cli", "serve"], cwd=ROOT, env=env,
                                  stdout=serve_log, stderr=subprocess.STDOUT)
        try:
            _wait_for(lambda: "being served" in (tmp_path / "serve.log").read_text(), "govfeeds serve to register its deployments",
                      processes=(server,))
            found = _api("POST", f"{api}/deployments/filter", json={}).json()
            deployments = {d["name"]: d for d in found}
            assert sorted(deployments) == ["alerts", "backfill", "poll-feeds", "reenrich"]
            assert [s["schedule"]["cron"] for s in deployments["poll-feeds"]["schedules"]] == ["*/15 * * * *"]
            automations = _api("POST", f"{api}/automations/filter", json={}).json()
            assert sorted(a["name"] for a in automations) == ["alerts__automation_1", "alerts__automation_2"]
            prefect("deployment", "run", "reenrich/reenrich", "--watch", "--watch-timeout", "240")
        finally:
            server.terminate()
            server.wait(timeout=30)
            serve_log.close()


def _api(method: str, url: str, **kwargs: object) -> httpx.Response:
    """A call to the server's API, asked again while it answers 503: Prefect's answer when its SQLite
    database is busy, as it was once while the other test worker loaded the machine (CI)."""
    answers: list[httpx.Response] = []
    wait_for(lambda: answers.append(httpx.request(method, url, timeout=10, **kwargs)) or answers[-1].status_code != 503, timeout=60)
    answers[-1].raise_for_status()
    return answers[-1]
