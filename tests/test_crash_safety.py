"""SIGKILL `govfeeds run` at 20 random points, during fetch and during load; after one clean run the database
holds exactly the expected statements and versions: no duplicates, no half-written versions, no lost items.

The kill points are conditions observed from outside, not sleeps. During fetch the sites hold every
page request after the k-th (k drawn at random), so the run is still fetching when it is killed.
During load the kill comes once j spooled batches have been loaded and removed; a run that finishes
its load first is simply a round without a kill (the load of four batches cannot be held from outside).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from prefect.settings import PREFECT_API_URL

from govfeeds.demo.wordpress import WordPressSite
from helpers import make_post, query, write_registry

SITES = 4
KILLS = 20


@pytest.mark.long
@pytest.mark.timeout(300)
def test_killed_runs_lose_nothing_and_duplicate_nothing(tmp_path: Path) -> None:
    rng = random.Random(20240501)
    sites = [WordPressSite(f"Embassy {n}", [make_post(n * 1000 + p) for p in range(3)], feed_size=200).start() for n in range(SITES)]
    try:
        registry = write_registry(tmp_path / "feeds.toml", *({"id": f"site-{n}", "url": site.feed_url} for n, site in enumerate(sites)))
        db = tmp_path / "crash.duckdb"
        spool_dir = db.with_name(db.name + ".spool")
        env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "GOVFEEDS_RETRIES": "0", "GOVFEEDS_LOCK_WAIT_SECONDS": "20",
               "GOVFEEDS_FEEDS_PER_TASK": "1"}  # a spool file per feed: a load can be killed between any two
        command = [str(Path(sys.executable).with_name("govfeeds")), "run", "--db", str(db), "--feeds", str(registry)]
        kills = {"fetch": 0, "load": 0}
        for round_number in range(KILLS):
            for n, site in enumerate(sites):  # every run has new work: two new posts per site
                for p in range(2):
                    site.add(make_post(n * 1000 + 3 + round_number * 2 + p))
            if round_number == KILLS // 2:
                # Modified "now" in the site's own calendar, so posts added later still move its Last-Modified.
                newest = make_post(3 + round_number * 2 + 1).date
                sites[0].edit(1001, title="Statement number 1 on bilateral cooperation, corrected", when=newest + timedelta(hours=1))
            phase = "fetch" if round_number % 2 == 0 else "load"
            pages_before = sum(site.counters.count("/20") for site in sites)
            if phase == "fetch":
                target = rng.randint(1, SITES * 2)  # the k-th new page is served; every later one waits for the kill
                for site in sites:
                    site.released.clear()
                    site.hold = lambda path: path.startswith("/20") and sum(s.counters.count("/20") for s in sites) - pages_before > target
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            if phase == "fetch":
                hit = _until(process, lambda: sum(site.counters.count("/20") for site in sites) - pages_before >= target)
                assert hit, "the run ended although its pages were held"
            else:
                seen: set[str] = set()
                target = rng.randint(0, SITES - 1)  # batches loaded (and removed from the spool) before the kill

                def loaded_enough() -> bool:
                    current = {p.name for p in spool_dir.glob("*.jsonl")}
                    seen.update(current)
                    return bool(seen) and len(seen - current) >= target

                hit = _until(process, loaded_enough)
            if hit:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)
            kills[phase] += process.returncode == -signal.SIGKILL
            for site in sites:
                site.hold = None
                site.released.set()

        clean = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert kills["fetch"] == KILLS // 2, kills  # every fetch round was held, so every one was killed mid-fetch

        expected = {(f"site-{n}", post.title) for n, site in enumerate(sites) for post in site.posts()}
        stored = query(db, "SELECT feed_id, title FROM statements")
        assert len(stored) == len(set(stored)) == len(expected)
        assert set(stored) == expected, "lost or wrong statements"
        assert query(db, "SELECT count(*) FROM (SELECT statement_id FROM statements GROUP BY ALL HAVING count(*) > 1)") == [(0,)]
        # Versions are whole: 1..N for every statement, the current one matching the statement row.
        assert query(db, """
            SELECT count(*) FROM statements s
            WHERE s.version <> (SELECT max(v.version) FROM statement_versions v WHERE v.statement_id = s.statement_id)
               OR s.version <> (SELECT count(DISTINCT v.version) FROM statement_versions v WHERE v.statement_id = s.statement_id)
               OR s.content_sha256 <> (SELECT v.content_sha256 FROM statement_versions v
                                       WHERE v.statement_id = s.statement_id AND v.version = s.version)
        """) == [(0,)]
        assert query(db, "SELECT count(*) FROM statement_versions") == query(db, "SELECT sum(version) FROM statements")
        assert query(db, "SELECT count(*) = count(DISTINCT batch_id) FROM loads") == [(True,)]
        assert list(spool_dir.glob("*.jsonl")) == []
    finally:
        for site in sites:
            site.stop()


def _until(process: subprocess.Popen, condition, timeout: float = 60.0) -> bool:
    """Poll `condition` until it holds (True) or the process ends by itself (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.002)
    raise AssertionError("neither the kill point nor the end of the run came in time")
