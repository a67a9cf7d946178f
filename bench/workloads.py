"""One measurement in a fresh process, so its peak RSS is its own: govfeeds' poll flow or a baseline.

    python -m bench.workloads '{"system": "govfeeds", "registry": "...", "db": "...", "repeat": 1}'

Prints one JSON line: seconds per run (imports and process start excluded), peak RSS in MB
(this process's plus its child processes': the enrichment workers), feeds parsed (feedparser.parse calls) and rows inserted.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import feedparser


def _count_parses() -> Counter:
    """Count feedparser.parse calls: the ignoring-server figure must show none."""
    calls: Counter = Counter()
    original = feedparser.parse

    def counting(*args, **kwargs):
        calls["parse"] += 1
        return original(*args, **kwargs)

    feedparser.parse = counting
    return calls


def run_govfeeds(job: dict) -> dict:
    if job.get("max_pages_per_feed") is not None:
        os.environ["GOVFEEDS_MAX_PAGES_PER_FEED"] = str(job["max_pages_per_feed"])
    calls = _count_parses()
    from flows.poll import poll_feeds
    from govfeeds.command_runs import command_flow_runs

    seconds, run_seconds, outcomes, new = [], [], Counter(), 0
    for _ in range(job.get("repeat", 1)):
        calls.clear()
        started = time.perf_counter()
        with command_flow_runs():  # as `govfeeds run` runs it
            state = poll_feeds(db=job["db"], registry=job["registry"], return_state=True)
        seconds.append(time.perf_counter() - started)
        run_seconds.append(_recorded_run_seconds(state.state_details.flow_run_id))
        summary = state.result()
        outcomes = Counter(report.outcome for report in summary.feeds)
        new = sum(report.new for report in summary.feeds)
        if summary.load_error:
            raise RuntimeError(summary.load_error)
    return {"seconds": seconds, "run_seconds": run_seconds, "parsed": calls["parse"], "inserted": new, "outcomes": dict(outcomes)}


def _recorded_run_seconds(flow_run_id) -> float:
    """The flow run's running time as Prefect records it (Running -> Completed).

    Wall time also includes what Prefect does around the run (creating it, reporting its end).
    """
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return client.read_flow_run(flow_run_id).total_run_time.total_seconds()


def run_bare(job: dict) -> dict:
    from bench.baselines import bare_poll

    calls = _count_parses()
    seconds, result = [], {}
    for _ in range(job.get("repeat", 1)):
        calls.clear()
        started = time.perf_counter()
        result = bare_poll(job["feeds"], Path(job["db"]), fetch_pages=job.get("fetch_pages", True))
        seconds.append(time.perf_counter() - started)
    return {"seconds": seconds, "parsed": calls["parse"], "inserted": result["inserted"]}


def run_dlt(job: dict) -> dict:
    from bench.baselines import dlt_feed_entries

    started = time.perf_counter()
    result = dlt_feed_entries(job["feeds"], Path(job["db"]), Path(job["work_dir"]))
    return {"seconds": [time.perf_counter() - started], "parsed": result["parsed"], "inserted": result["inserted"]}


def run_floor(job: dict) -> dict:
    """Prefect's own cost of a flow run: an empty flow with a no-op task, against the same server.

    The steady-poll figure includes this floor. Run as the commands run it (govfeeds/command_runs.py):
    with Prefect 3.9's flow-run heartbeat, the run would wait up to a second for that thread to stop.
    """
    from prefect import flow, task

    @task
    def noop() -> None:
        return None

    @flow(name="bench-empty-flow")
    def empty_flow() -> None:
        noop()

    from govfeeds.command_runs import command_flow_runs

    seconds = []
    for _ in range(job.get("repeat", 1)):
        started = time.perf_counter()
        with command_flow_runs():
            empty_flow()
        seconds.append(time.perf_counter() - started)
    return {"seconds": seconds, "parsed": 0, "inserted": 0}


def _peak_rss_kb() -> tuple[int, int]:
    """This process's peak RSS and the sum of its child processes' (the enrichment workers: tasks/enrich.py), so moving work to another process hides nothing.

    A child's peak is read from its own /proc status while it runs. getrusage(RUSAGE_CHILDREN)
    would not do: Linux carries the parent's peak into a child it starts (exec keeps the larger of
    the two), so a worker spawned by a 400 MB process reports 400 MB however little it used.
    """
    children = sum(_peak_kb(pid) for pid in _child_pids())
    if "tasks.enrich" in sys.modules:
        sys.modules["tasks.enrich"].stop_worker_pool()
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children


def _child_pids() -> set[int]:
    return {int(pid) for listing in Path("/proc/self/task").glob("*/children") for pid in listing.read_text().split()}


def _peak_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:  # it ended meanwhile
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)


RUNNERS = {"govfeeds": run_govfeeds, "bare": run_bare, "dlt": run_dlt, "floor": run_floor}


def main() -> int:
    job = json.loads(sys.argv[1])
    result = RUNNERS[job["system"]](job)
    own, children = _peak_rss_kb()
    result["peak_rss_mb"], result["children_peak_rss_mb"] = (own + children) / 1024, children / 1024
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
