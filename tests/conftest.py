"""Shared fixtures: one real Prefect server per session, loopback sites, temporary databases.

The server is launched when the session starts, before any test module imports Prefect, and its
URL goes into os.environ: Prefect reads its settings from the environment when first imported, so
every in-process flow uses it, and so does every `govfeeds` / `prefect` subprocess a test starts
(none pays for an ephemeral server). It starts while pytest collects (which imports Prefect too),
and the autouse session fixture waits for it to answer.

`make test` runs the tests in two pytest-xdist workers (the suite spends half its time waiting on
subprocesses and servers, so one process used one of the two cores). The controlling process
starts the server before it spawns the workers, which inherit its URL from the environment: one
server for the whole run, as without xdist.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
# pytest-httpserver's werkzeug logs every request at INFO, through Prefect's rich console handler on
# the root logger: ~6 ms a request in the server's thread, 13 s of the 2,100-feed corpus test.
logging.getLogger("werkzeug").setLevel(logging.WARNING)

import pytest  # noqa: E402

from govfeeds.demo.wordpress import WordPressSite  # noqa: E402
from helpers import make_post  # noqa: E402
from prefect_server import PrefectServer, start_prefect_server, wait_for_health  # noqa: E402

_session_server: PrefectServer | None = None


def pytest_sessionstart(session: pytest.Session) -> None:
    global _session_server
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # an xdist worker: the controlling process started the server and put it in our environment
    if session.config.option.collectonly or "prefect" in sys.modules:
        return  # nothing will run, or too late to steer Prefect through the environment (the fixture says so)
    root = Path(tempfile.mkdtemp(prefix="govfeeds-tests-prefect-"))
    _session_server = start_prefect_server(root / "server")
    os.environ["PREFECT_API_URL"] = _session_server.api_url
    os.environ["PREFECT_HOME"] = str(root / "client")  # the user's ~/.prefect profiles and storage stay out of it


def pytest_sessionfinish(session: pytest.Session) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _drain_prefect_clients()  # this worker's flows, while the controlling process keeps the server up
    if _session_server is None:
        return
    _drain_prefect_clients()
    _session_server.stop()
    shutil.rmtree(_session_server.home.parent, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with a long test (marked `long`, or starting a Prefect server of their own) run first.

    `make test` hands whole files to two xdist workers in this order (--no-loadscope-reorder):
    a two-minute file handed out last would leave one worker running it alone at the end.
    """
    first = {item.path for item in items if item.get_closest_marker("long") or item.get_closest_marker("prefect_server")}
    items.sort(key=lambda item: item.path not in first)  # stable: collection order within each part


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> None:
    """The session's Prefect API answers (launched in pytest_sessionstart; ~10-20 s of start-up overlap collection)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        wait_for_health(os.environ["PREFECT_API_URL"], timeout=180)
        return
    if _session_server is None:
        pytest.fail("Prefect was imported before the session started (by a plugin?), so the session server cannot be used")
    _session_server.wait_until_answering(timeout=180)


def _drain_prefect_clients(timeout: float = 30.0) -> None:
    """Send the logs and events in-process flows still hold before their server goes (as prefect_test_harness does).

    In a thread, given `timeout` seconds: once, in an xdist worker that had run Dask clusters, the
    drain never returned and held the whole run (the logs are a courtesy, not a result).
    """
    if "prefect" not in sys.modules:
        return
    import inspect

    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.utilities.asyncutils import run_coro_as_sync

    async def drain() -> None:
        try:
            result = APILogWorker.instance().drain()
            if inspect.isawaitable(result):
                await result
        except RuntimeError:
            pass
        result = EventsWorker.drain_all()
        if inspect.isawaitable(result):
            await result

    for worker in (EventsWorker, APILogWorker):
        # their "Still processing items" progress lines would go to a console pytest has closed
        logging.getLogger(worker.__name__).setLevel(logging.ERROR)
    sender = threading.Thread(target=run_coro_as_sync, args=(drain(),), name="drain-prefect-clients", daemon=True)
    sender.start()
    sender.join(timeout)


@pytest.fixture(autouse=True)
def fresh_politeness() -> Iterator[None]:
    """Each test starts with no site paced or deferred, as a new `govfeeds` process would."""
    from govfeeds.net.politeness import forget_every_site

    forget_every_site()
    yield
    forget_every_site()


@pytest.fixture
def wordpress() -> Iterator[WordPressSite]:
    """A running loopback WordPress-like site with 30 posts whose feed shows all of them."""
    site = WordPressSite("Test Embassy", [make_post(n) for n in range(30)], feed_size=30)
    with site:
        yield site
