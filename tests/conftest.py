"""Shared fixtures: one Prefect test server per session, loopback sites, temporary databases."""

from __future__ import annotations

import os

os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from prefect.testing.utilities import prefect_test_harness  # noqa: E402

from govfeeds.demo.wordpress import WordPressSite  # noqa: E402
from helpers import make_post  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def prefect_server() -> Iterator[None]:
    """One ephemeral Prefect API for the whole session: starting one costs ~20 s here."""
    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def wordpress() -> Iterator[WordPressSite]:
    """A running loopback WordPress-like site with 30 posts whose feed shows all of them."""
    site = WordPressSite("Test Embassy", [make_post(n) for n in range(30)], feed_size=30)
    with site:
        yield site
