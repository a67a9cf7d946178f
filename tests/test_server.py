"""`govfeeds server start | stop | status` against a real `prefect server start`, through real `govfeeds` processes.

Each test has its own PREFECT_HOME, so the server, its record and its database are the test's own.
Waits are on conditions (the health endpoint answering, the pid gone), never on time.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from govfeeds import prefect_server

GOVFEEDS = str(Path(sys.executable).with_name("govfeeds"))
ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.prefect_server


def home_env(home: Path, **extra: str) -> dict[str, str]:
    """A `govfeeds` environment with its own PREFECT_HOME and no PREFECT_API_URL (the suite's own server is not it)."""
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_UI_ENABLED="false", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               COLUMNS="200", **extra)
    return env


def govfeeds(env: dict[str, str], *args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([GOVFEEDS, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"govfeeds {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def reenrich_runs(api_url: str) -> list[dict]:
    """The `reenrich` flow runs the server at `api_url` holds."""
    response = httpx.post(f"{api_url}/flow_runs/filter", json={"flows": {"name": {"any_": ["reenrich"]}}}, timeout=10)
    response.raise_for_status()
    return response.json()


def test_start_twice_one_server_used_by_later_commands_then_stop_falls_back(tmp_path: Path) -> None:
    home = tmp_path / "prefect-home"
    env = home_env(home)

    first = govfeeds(env, "server", "start")
    record = json.loads((home / prefect_server.RECORD_NAME).read_text())
    api_url, pid = record["api_url"], record["pid"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/api", api_url)
    assert f"pid {pid}" in first.stdout and "Started" in first.stdout
    try:
        assert prefect_server.answers(api_url)  # the server outlived the command that started it

        second = govfeeds(env, "server", "start")
        assert "already running" in second.stdout and f"pid {pid}" in second.stdout
        assert json.loads((home / prefect_server.RECORD_NAME).read_text())["pid"] == pid

        status = govfeeds(env, "server", "status")
        assert record["ui_url"] in status.stdout and "answering" in status.stdout and "NOT" not in status.stdout

        # A later command with no variable set runs its flow on the recorded server.
        assert reenrich_runs(api_url) == []
        used = govfeeds(env, "reenrich", "--db", str(tmp_path / "empty.duckdb"))
        assert "examined 0" in used.stdout
        runs = reenrich_runs(api_url)
        assert [run["state_type"] for run in runs] == ["COMPLETED"]
        assert "govfeeds server start" not in used.stdout + used.stderr  # no ephemeral hint with a server up

        # An explicit PREFECT_API_URL wins over the record: this run lands on the suite's server, not on ours.
        suite_api = os.environ["PREFECT_API_URL"]
        suite_before = {run["id"] for run in reenrich_runs(suite_api)}
        govfeeds({**env, "PREFECT_API_URL": suite_api}, "reenrich", "--db", str(tmp_path / "explicit.duckdb"))
        assert len({run["id"] for run in reenrich_runs(suite_api)} - suite_before) == 1
        assert len(reenrich_runs(api_url)) == 1
    finally:
        stopped = govfeeds(env, "server", "stop")
    assert f"pid {pid}" in stopped.stdout
    assert not prefect_server.pid_alive(pid)  # `stop` returns only once the pid is gone
    assert not (home / prefect_server.RECORD_NAME).exists()
    assert not prefect_server.answers(api_url)

    status = subprocess.run([GOVFEEDS, "server", "status"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert status.returncode == 1 and "No Prefect server recorded" in status.stdout

    # With the server gone, flow commands fall back to Prefect's ephemeral server, and say what a server would save.
    fallback = govfeeds(env, "reenrich", "--db", str(tmp_path / "after.duckdb"))
    assert "examined 0" in fallback.stdout
    hint = _hint_in(env)
    assert hint.startswith("No Prefect server running") and "govfeeds server start" in hint
    assert re.search(r"saves ~\d+ s", hint), hint  # the start-up measured by our `server start` above


def test_stale_record_neither_hangs_nor_fails_a_command(tmp_path: Path) -> None:
    """A record whose server is gone is forgotten; one whose port accepts but never answers costs one bounded probe."""
    home = tmp_path / "prefect-home"
    home.mkdir()
    env = home_env(home)
    with socket.socket() as silent:  # accepts connections (the kernel does) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        hung = {"api_url": f"http://127.0.0.1:{port}/api", "ui_url": f"http://127.0.0.1:{port}/", "pid": os.getpid(),
                "port": port, "home": str(home), "log": "", "started_at": 0}
        (home / prefect_server.RECORD_NAME).write_text(json.dumps(hung))
        assert _use_recorded_in(env) == "None"  # after one probe of HEALTH_TIMEOUT; a hang would hit the subprocess timeout

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (home / prefect_server.RECORD_NAME).write_text(json.dumps({**hung, "pid": dead.pid}))
    assert _use_recorded_in(env) == "None"
    assert not (home / prefect_server.RECORD_NAME).exists(), "a record of a dead server is forgotten"
    assert "No Prefect server recorded" in subprocess.run([GOVFEEDS, "server", "status"], env=env, capture_output=True,
                                                          text=True, timeout=60).stdout


def test_two_starts_at_once_give_one_server(tmp_path: Path) -> None:
    home = tmp_path / "prefect-home"
    env = home_env(home)
    outputs: list[str] = []

    def start() -> None:
        outputs.append(govfeeds(env, "server", "start").stdout)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    try:
        assert len(outputs) == 2
        assert sum("already running" in output for output in outputs) == 1, outputs
        pids = {re.search(r"pid (\d+)", output).group(1) for output in outputs}
        assert len(pids) == 1, outputs
    finally:
        govfeeds(env, "server", "stop")


def _use_recorded_in(env: dict[str, str]) -> str:
    """What `govfeeds.cli`'s start-up decides in a fresh process with `env` (the API URL it took, or None)."""
    code = "import os, govfeeds.cli; print(os.environ.get('PREFECT_API_URL'))"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                          check=True).stdout.strip()


def _hint_in(env: dict[str, str]) -> str:
    code = "import govfeeds.cli; from govfeeds import prefect_server; print(prefect_server.ephemeral_hint())"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
                          check=True).stdout.strip()
