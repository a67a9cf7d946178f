"""Start a real `prefect server start` on loopback for tests (and the benchmark) that need one shared API.

conftest.py starts one for the whole session (every in-process flow and every `govfeeds`
subprocess uses it through PREFECT_API_URL); tests that need a server of their own (work pools,
deployments, Dask workers) use `running_prefect_server`. Each server has its own PREFECT_HOME
(SQLite database in a temporary folder); it is up once /api/health answers.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """Environment for the server and for every process that should use it."""
    env = dict(os.environ)
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL=env.get("PREFECT_LOGGING_LEVEL", "WARNING"),
    )
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


@dataclass
class PrefectServer:
    process: subprocess.Popen
    api_url: str
    home: Path
    log: object

    def wait_until_answering(self, timeout: float = 180.0) -> str:
        """Poll /api/health until it answers; fail at once if the server exits."""
        return wait_for_health(self.api_url, timeout, self)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wait_for_health(api_url: str, timeout: float = 180.0, server: PrefectServer | None = None) -> str:
    """Poll `api_url`/health until it answers; fail at once if `server` (when this process started it) exits."""
    deadline = time.monotonic() + timeout
    while True:
        if server is not None and server.process.poll() is not None:
            raise RuntimeError(f"prefect server exited with {server.process.returncode}; see {server.home / 'server.log'}")
        try:
            if httpx.get(f"{api_url}/health", timeout=2).status_code == 200:
                return api_url
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"prefect server did not answer {api_url}/health within {timeout:.0f}s")
        time.sleep(0.1)


def start_prefect_server(home: Path, **env: str) -> PrefectServer:
    """Launch `prefect server start` with PREFECT_HOME=`home` and return at once (it answers seconds later)."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = open(home / "server.log", "wb")  # noqa: SIM115 - closed by stop()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("prefect")), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**server_env(home), **env}, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
    )
    return PrefectServer(process, f"http://127.0.0.1:{port}/api", home, log)


@contextmanager
def running_prefect_server(home: Path, *, timeout: float = 180.0) -> Iterator[str]:
    """Run `prefect server start` with PREFECT_HOME=`home`; yield its API URL (http://127.0.0.1:PORT/api)."""
    server = start_prefect_server(home)
    try:
        yield server.wait_until_answering(timeout)
    finally:
        server.stop()
