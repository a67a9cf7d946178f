"""The poll flow beyond one process: its stages on a Dask cluster, and runs on two work-pool workers at once.

Both share one real Prefect server (tests/prefect_server.py) and one DuckDB file. The stages that
run elsewhere (fetch, parse, extract, enrich) never touch the file; the load runs in the flow's
own process, and two flows loading at once queue on DuckDB's file lock (govfeeds.store.connection.connect
waits) instead of failing or writing a statement twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from distributed import Client, LocalCluster, get_task_stream
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId, LogFilter, LogFilterFlowRunId, LogFilterLevel
from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect_dask import DaskTaskRunner

from flows.poll import poll_feeds
from govfeeds.demo.wordpress import WordPressSite
from helpers import make_post, query, stop_process, write_registry
from prefect_server import running_prefect_server, server_env

ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))
pytestmark = pytest.mark.prefect_server


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_prefect_server(tmp_path_factory.mktemp("prefect-home")) as url:
        yield url


@pytest.fixture
def two_sites() -> Iterator[list[WordPressSite]]:
    sites = [WordPressSite(f"Embassy {n}", [make_post(n * 100 + i) for i in range(20)], feed_size=20).start() for n in range(2)]
    yield sites
    for site in sites:
        site.stop()


def _registry(path: Path, sites: list[WordPressSite]) -> Path:
    return write_registry(path, *({"id": f"embassy-{n}", "url": site.feed_url, "site": f"embassy-{n}.example"} for n, site in enumerate(sites)))


def test_poll_stages_run_on_a_dask_cluster_and_load_once(
    tmp_path: Path, api_url: str, two_sites: list[WordPressSite], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, registry = tmp_path / "govfeeds.duckdb", _registry(tmp_path / "feeds.toml", two_sites)
    monkeypatch.setenv("PREFECT_API_URL", api_url)  # inherited by the Dask workers: one server for all
    monkeypatch.setenv("GOVFEEDS_FEEDS_PER_TASK", "1")  # two groups, so both workers get stages
    with (
        temporary_settings({PREFECT_API_URL: api_url}),
        LocalCluster(n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        on_dask = poll_feeds.with_options(task_runner=DaskTaskRunner(address=cluster.scheduler_address))
        with get_task_stream(client) as stream:
            first = on_dask(db=str(db), registry=str(registry))
        second = on_dask(db=str(db), registry=str(registry))
        worker_pids = set(client.run(os.getpid).values())
        worker_addresses = set(client.scheduler_info()["workers"])
    # 2 groups x 3 stages (fetch with parse, extract, enrich) ran as Dask tasks, in the workers' processes, not this one
    assert len(stream.data) == 6
    assert os.getpid() not in worker_pids and {record["worker"] for record in stream.data} <= worker_addresses
    assert first.load_error is None and sum(report.new for report in first.feeds) == 40
    assert second.load_error is None and sum(report.new for report in second.feeds) == 0
    assert {report.outcome for report in second.feeds} == {"not_modified"}
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(40, 40)]
    assert query(db, "SELECT count(*) FROM statement_versions") == [(40,)]


def test_two_process_workers_run_polls_at_once_without_lock_errors_or_duplicates(
    tmp_path: Path, api_url: str, two_sites: list[WordPressSite]
) -> None:
    db, registry = tmp_path / "govfeeds.duckdb", _registry(tmp_path / "feeds.toml", two_sites)
    _hold_first_feed_answers_until_two_runs_ask(two_sites[0])
    env = server_env(tmp_path / "client-home", api_url)
    env.update(GOVFEEDS_DB=str(db), GOVFEEDS_FEEDS=str(registry), PREFECT_WORKER_QUERY_SECONDS="1", PREFECT_LOGGING_LEVEL="INFO",
               GOVFEEDS_READ_TIMEOUT="150", GOVFEEDS_TOTAL_TIMEOUT="180")  # a held answer is not a timeout

    def prefect(*args: str) -> str:
        done = subprocess.run([PREFECT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    prefect("work-pool", "create", "two-workers", "--type", "process")
    prefect("--no-prompt", "deploy", "flows/poll.py:poll_feeds", "--name", "two-workers", "--pool", "two-workers")
    logs = [open(tmp_path / f"worker-{n}.log", "w") for n in range(2)]  # noqa: SIM115 - closed below
    workers = [
        subprocess.Popen([PREFECT, "worker", "start", "--pool", "two-workers", "--type", "process", "--limit", "1", "--name", f"worker-{n}"],
                         cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        for n, log in enumerate(logs)
    ]
    try:
        with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
            deployment = client.read_deployment_by_name("poll-feeds/two-workers")
            for _ in range(4):
                client.create_flow_run_from_deployment(deployment.id)
            runs = _wait_for_runs(client, deployment.id, 4, workers)
            errors = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[r.id for r in runs]), level=LogFilterLevel(ge_=40)))
    finally:
        for worker in workers:
            stop_process(worker)
        for log in logs:
            log.close()
    assert [run.state.type.value for run in runs] == ["COMPLETED"] * 4, [run.state for run in runs]
    assert errors == [], [log.message for log in errors]
    # each worker ran flows (each takes one at a time), and the two held runs overlapped: two writers really met
    worker_output = [(tmp_path / f"worker-{n}.log").read_text() for n in range(2)]
    assert all("submitting flow run" in output.lower() for output in worker_output), worker_output
    spans = sorted((run.start_time, run.end_time) for run in runs)
    assert any(later_start < earlier_end for (_, earlier_end), (later_start, _) in zip(spans, spans[1:]))
    assert query(db, "SELECT count(*), count(DISTINCT statement_id) FROM statements") == [(40, 40)]
    assert query(db, "SELECT count(*) FROM statement_versions") == [(40,)]
    assert query(db, "SELECT count(*) FROM loads") == [(8,)]  # 4 runs x 2 feeds, each batch loaded once
    assert not list((tmp_path / "govfeeds.duckdb.spool").glob("*.jsonl"))


def _hold_first_feed_answers_until_two_runs_ask(site: WordPressSite) -> None:
    """Answer the site's first two feed requests only once both have arrived.

    Each worker takes one run at a time, so the two requests come from two runs on two workers, and
    releasing them together guarantees those runs overlap however the workers' polling lines up.
    """
    both_asked = threading.Barrier(2, timeout=120)
    asked = iter(range(2))
    render_feed = site.render_feed

    def held_render_feed(page: int = 1) -> bytes | None:
        if next(asked, None) is not None:
            both_asked.wait()
        return render_feed(page)

    site.render_feed = held_render_feed


def _wait_for_runs(client, deployment_id, count: int, workers: list[subprocess.Popen], timeout: float = 240.0) -> list:
    """The deployment's flow runs once all `count` have finished (polled with a deadline)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in workers:
            assert worker.poll() is None, f"a worker exited with {worker.returncode}"
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))
        if len(runs) == count and all(run.state and run.state.is_final() for run in runs):
            return runs
        time.sleep(0.5)
    raise AssertionError(f"flow runs did not finish within {timedelta(seconds=timeout)}")
