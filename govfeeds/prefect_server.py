"""A local Prefect server that later govfeeds commands find by themselves (`govfeeds server start|stop|status`).

Without a server every flow-running command starts Prefect's *ephemeral* API (a temporary server
subprocess plus its database migrations), which costs tens of seconds on small machines. `start()`
runs one `prefect server start` in the background on a free loopback port and records it in
`$PREFECT_HOME/govfeeds-server.json`; `use_recorded_server()` (called by the CLI before Prefect is
imported) points the process at it by setting PREFECT_API_URL, if and only if

- PREFECT_API_URL is not already set in the environment (an explicit URL always wins), and
- the recorded server answers its health endpoint within a second or two (a stale record never
  makes a command hang or fail: it falls back to the ephemeral mode, and `ephemeral_hint()` says so).

This module imports nothing from Prefect, httpx or rich: it runs at the start of every command,
including the read-only ones that must start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# Everything else (http.client, subprocess, socket, tomllib, ...) is imported where it is used: this
# module runs at the start of every command, and a read-only one must not pay for the server's tools.

RECORD_NAME = "govfeeds-server.json"
LOG_NAME = "govfeeds-server.log"
LOCK_NAME = "govfeeds-server.lock"
#: Start-up times measured by `start()`, kept after `stop()` so the ephemeral-mode hint can quote them.
TIMING_NAME = "govfeeds-server-timing.json"

#: The server deletes flow runs (with their task runs, states and logs) this long after they ended:
#: a 15-minute schedule keeps ~2,900 runs instead of growing without end. Events have their own,
#: shorter retention (PREFECT_SERVER_EVENTS_RETENTION_PERIOD, default 7 days).
DEFAULT_RETENTION_SECONDS = 30 * 24 * 3600
SERVER_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_SERVICES_DB_VACUUM_ENABLED": "events,flow_runs",
    "PREFECT_SERVER_SERVICES_DB_VACUUM_RETENTION_PERIOD": str(DEFAULT_RETENTION_SECONDS),
}

#: Measured on the project's 2-core machines (issue 13): an empty flow with one task, whole process.
DOCUMENTED_EPHEMERAL_SECONDS = 32.0
DOCUMENTED_SERVER_SECONDS = 4.8

HEALTH_TIMEOUT = 2.0  # per health request; a hung server costs a command at most this
_applied_url: str | None = None  # the recorded URL this process was pointed at by use_recorded_server()


@dataclass
class ServerInfo:
    api_url: str
    ui_url: str
    pid: int
    port: int
    home: str
    log: str
    started_at: float
    startup_seconds: float | None = None
    already_running: bool = False  # set by start() when it found the server instead of starting one
    answering: bool = False  # set by status() / start()


# --- where things live -------------------------------------------------------------------------


def prefect_home() -> Path:
    """PREFECT_HOME as Prefect resolves it (the environment variable, else ~/.prefect)."""
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


def record_path(home: Path | None = None) -> Path:
    return (home or prefect_home()) / RECORD_NAME


def read_record(home: Path | None = None) -> ServerInfo | None:
    try:
        data = json.loads(record_path(home).read_text(encoding="utf-8"))
        known = {name: data[name] for name in ServerInfo.__dataclass_fields__ if name in data}
        known.pop("already_running", None)
        known.pop("answering", None)
        return ServerInfo(**known)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _write_json(path: Path, data: dict) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _forget(home: Path | None = None) -> None:
    with contextlib.suppress(FileNotFoundError):
        record_path(home).unlink()


# --- probes (stdlib only, bounded) -----------------------------------------------------------------


def answers(api_url: str, timeout: float = HEALTH_TIMEOUT) -> bool:
    """True if GET <api_url>/health returns 200 within `timeout` seconds."""
    return _get_status(api_url.rstrip("/") + "/health", timeout) == 200


def _get_status(url: str, timeout: float = HEALTH_TIMEOUT) -> int | None:
    """The HTTP status of GET `url`, or None if it does not answer within `timeout` seconds."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme == "http" and parts.hostname:
        return _plain_http_status(parts.hostname, parts.port or 80, parts.path or "/", timeout)
    if parts.scheme != "https" or not parts.hostname:
        return None
    import http.client  # ~40 ms of imports: only for an https API named in PREFECT_API_URL

    connection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


def _plain_http_status(host: str, port: int, path: str, timeout: float) -> int | None:
    """GET over a bare socket (what the start of every command can afford): the status code of the reply."""
    import socket

    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode("ascii"))
            reply = b""
            while b"\r\n" not in reply and len(reply) < 1024:
                connection.settimeout(max(0.01, deadline - time.monotonic()))
                chunk = connection.recv(1024)
                if not chunk:
                    break
                reply += chunk
    except (OSError, UnicodeError):
        return None
    status_line = reply.split(b"\r\n", 1)[0].split()
    if len(status_line) >= 2 and status_line[0].startswith(b"HTTP/") and status_line[1].isdigit():
        return int(status_line[1])
    return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (ended, not yet reaped by its parent) is not a running server.
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _is_our_server(info: ServerInfo) -> bool:
    """The recorded pid is still a `prefect server start` (not a reused pid)."""
    if not pid_alive(info.pid):
        return False
    try:
        with open(f"/proc/{info.pid}/cmdline", "rb") as cmdline:
            arguments = cmdline.read().split(b"\0")
    except OSError:
        return True  # no /proc: trust the pid
    return b"server" in arguments and any(b"prefect" in argument for argument in arguments)


# --- what commands call ----------------------------------------------------------------------------


def use_recorded_server() -> str | None:
    """Point this process (and its children) at the server `govfeeds server start` recorded, if it answers.

    Call before Prefect is imported. Returns the API URL now in PREFECT_API_URL, or None when the
    environment already names one (it wins), nothing is recorded, or the recorded server does not
    answer (then Prefect uses its ephemeral mode). Costs well under 10 ms with a server up, at most
    HEALTH_TIMEOUT with a hung one.
    """
    global _applied_url
    if os.environ.get("PREFECT_API_URL"):
        return None
    info = read_record()
    if info is None:
        return None
    if not pid_alive(info.pid):
        _forget()  # the server is gone (reboot, kill): nothing to wait for next time either
        return None
    if not answers(info.api_url):
        return None
    os.environ["PREFECT_API_URL"] = info.api_url
    _applied_url = info.api_url
    return info.api_url


def using_recorded_server() -> bool:
    return _applied_url is not None and os.environ.get("PREFECT_API_URL") == _applied_url


def _profile_api_url() -> str | None:
    """PREFECT_API_URL from the active Prefect profile ($PREFECT_HOME/profiles.toml), read without Prefect."""
    import tomllib

    try:
        profiles = tomllib.loads((prefect_home() / "profiles.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    value = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(value) if value else None


def ephemeral_hint() -> str | None:
    """One line for flow-running commands that run (or ran) on Prefect's ephemeral API, else None.

    None when PREFECT_API_URL is set (explicitly, or by use_recorded_server()) or the active
    Prefect profile names an API. The figure is the start-up of this machine's last
    `govfeeds server start` under this PREFECT_HOME (what every ephemeral command pays again), or
    the documented measurement when none was made here.
    """
    if os.environ.get("PREFECT_API_URL") or _profile_api_url():
        return None
    if os.environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "").lower() in ("0", "false"):
        return None
    stale = read_record()
    why = " (the recorded one does not answer)" if stale is not None else ""
    measured = _measured_startup_seconds()
    if measured is not None:
        saving = f"~{measured:.0f} s per command (the start-up measured here)"
    else:
        saving = (f"~{DOCUMENTED_EPHEMERAL_SECONDS - DOCUMENTED_SERVER_SECONDS:.0f} s per command "
                  f"(an empty flow: {DOCUMENTED_EPHEMERAL_SECONDS:.0f} s ephemeral vs {DOCUMENTED_SERVER_SECONDS} s with a server)")
    return f"No Prefect server running{why}, so each flow command starts a temporary one: `govfeeds server start` saves {saving}."


def _measured_startup_seconds(home: Path | None = None) -> float | None:
    try:
        value = json.loads(((home or prefect_home()) / TIMING_NAME).read_text(encoding="utf-8"))["startup_seconds"]
        return float(value)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def ui_url() -> str | None:
    """The Prefect UI of the server this process uses, if it serves one (for `govfeeds demo` to print)."""
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        return None
    info = read_record()
    if info is not None and info.api_url == api_url:
        candidate = info.ui_url
    elif api_url.rstrip("/").endswith("/api"):
        candidate = api_url.rstrip("/")[: -len("/api")] + "/"
    else:
        return None
    return candidate if _get_status(candidate) == 200 else None  # a server run with the UI disabled answers 404


# --- start / stop / status ---------------------------------------------------------------------------


class ServerError(RuntimeError):
    pass


@contextlib.contextmanager
def _locked(home: Path) -> Iterator[None]:
    """Serialise start/stop under one PREFECT_HOME, so two `start`s at once still give one server."""
    import fcntl

    home.mkdir(parents=True, exist_ok=True)
    with open(home / LOCK_NAME, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def free_port(host: str = "127.0.0.1") -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _prefect_command() -> list[str]:
    import shutil
    import sys

    script = Path(sys.executable).with_name("prefect")
    if script.exists():
        return [str(script)]
    found = shutil.which("prefect")
    return [found] if found else [sys.executable, "-m", "prefect"]


def server_environment(home: Path) -> dict[str, str]:
    """The environment `start()` gives the server: this one, with govfeeds' defaults where unset."""
    env = dict(os.environ)
    env["PREFECT_HOME"] = str(home)
    env.pop("PREFECT_API_URL", None)  # the server serves its own API; a client URL means nothing to it
    for name, value in SERVER_DEFAULTS.items():
        env.setdefault(name, value)
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"  # it fails offline, and we promise it is off
    return env


def start(home: Path | None = None, *, port: int | None = None, timeout: float = 180.0) -> ServerInfo:
    """Start `prefect server start` in the background under `home` (default PREFECT_HOME), or find the running one.

    Returns once the server answers /api/health; `already_running` says whether it was found.
    The server runs in its own session, so it outlives the command that started it.
    """
    import subprocess

    home = (home or prefect_home()).expanduser().resolve()
    with _locked(home):
        found = read_record(home)
        if found is not None and _is_our_server(found):
            found.already_running = True
            found.answering = _wait_until_answering(found, timeout, process=None)
            if not found.answering:
                raise ServerError(f"the recorded Prefect server (pid {found.pid}) runs but does not answer {found.api_url}; "
                                  f"see {found.log}, or `govfeeds server stop` it")
            return found
        _forget(home)
        log_path = home / LOG_NAME
        for attempt in range(3):  # another program may take a free port between our probe and the server's bind
            chosen = port or free_port()
            info = ServerInfo(api_url=f"http://127.0.0.1:{chosen}/api", ui_url=f"http://127.0.0.1:{chosen}/", pid=0, port=chosen,
                              home=str(home), log=str(log_path), started_at=time.time())
            began = time.monotonic()
            with open(log_path, "ab") as log:
                process = subprocess.Popen(
                    [*_prefect_command(), "server", "start", "--host", "127.0.0.1", "--port", str(chosen)],
                    env=server_environment(home), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True, cwd=home,
                )
            info.pid = process.pid
            _write_json(record_path(home), _public(info))  # a concurrent `status`/`stop` sees it while it starts
            if _wait_until_answering(info, timeout, process=process):
                info.startup_seconds = round(time.monotonic() - began, 2)
                info.answering = True
                _write_json(record_path(home), _public(info))
                _write_json(home / TIMING_NAME, {"startup_seconds": info.startup_seconds, "measured_at": time.time()})
                return info
            _forget(home)
            if process.poll() is None:  # alive but silent past the timeout
                _terminate_group(process.pid, grace=10.0)
                raise ServerError(f"prefect server did not answer {info.api_url}/health within {timeout:.0f} s; see {log_path}")
            if port is not None or attempt == 2:
                raise ServerError(f"prefect server exited with code {process.returncode}; see {log_path}:\n{_tail(log_path)}")
    raise AssertionError("unreachable")


def _public(info: ServerInfo) -> dict:
    data = asdict(info)
    data.pop("already_running")
    data.pop("answering")
    return data


def _wait_until_answering(info: ServerInfo, timeout: float, process: "subprocess.Popen | None") -> bool:
    """Poll the health endpoint until it answers (True), or the server ends / `timeout` passes (False)."""
    deadline = time.monotonic() + timeout
    while True:
        if answers(info.api_url, timeout=min(HEALTH_TIMEOUT, max(0.1, deadline - time.monotonic()))):
            return True
        ended = process.poll() is not None if process is not None else not pid_alive(info.pid)
        if ended or time.monotonic() >= deadline:
            return False
        time.sleep(0.1)  # the server needs seconds; this only paces the health requests


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def status(home: Path | None = None) -> ServerInfo | None:
    """The recorded server with `answering` filled in, or None when none is recorded (a dead one is forgotten)."""
    home = (home or prefect_home()).expanduser().resolve()
    info = read_record(home)
    if info is None:
        return None
    if not _is_our_server(info):
        with _locked(home):
            if read_record(home) == info:
                _forget(home)
        return None
    info.answering = answers(info.api_url)
    return info


def stop(home: Path | None = None, *, timeout: float = 30.0) -> ServerInfo | None:
    """End the recorded server (SIGTERM to its process group, SIGKILL after `timeout`) and forget it.

    Returns what was recorded, or None if nothing was. Returns only once the pid is gone.
    """
    home = (home or prefect_home()).expanduser().resolve()
    with _locked(home):
        info = read_record(home)
        if info is None:
            return None
        if _is_our_server(info):
            _terminate_group(info.pid, grace=timeout)
        _forget(home)
        return info


def _terminate_group(pid: int, grace: float) -> None:
    import signal

    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pid, sig)  # the server is its session's leader: this reaches uvicorn and any children
        except ProcessLookupError:
            return
        except PermissionError:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while pid_alive(pid):
            _reap(pid)
            if time.monotonic() >= deadline:
                break
            time.sleep(0.05)
        else:
            return
    raise ServerError(f"Prefect server pid {pid} did not end")


def _reap(pid: int) -> None:
    """Collect the exit status if the server is our own child (started by this same process)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
