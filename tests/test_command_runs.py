"""Flow runs a govfeeds command starts send no heartbeats (whose thread Prefect 3.9 waits up to a second for), unless asked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from prefect import flow, flow_engine
from typer.testing import CliRunner

from govfeeds.cli import app
from govfeeds.command_runs import command_flow_runs
from govfeeds.demo.wordpress import WordPressSite
from helpers import write_registry


@pytest.fixture
def heartbeat_frequencies(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The heartbeat frequency each flow run started with (None: no heartbeat thread)."""
    seen: list[int | None] = []
    original = flow_engine._send_heartbeats

    @contextmanager
    def recording(engine: flow_engine.FlowRunEngine, *args: object, **kwargs: object) -> Iterator[None]:
        seen.append(engine.heartbeat_seconds)
        with original(engine, *args, **kwargs):
            yield

    monkeypatch.setattr(flow_engine, "_send_heartbeats", recording)
    return seen


@flow(name="test-heartbeat")
def empty() -> None:
    return None


def test_flow_runs_in_a_command_send_no_heartbeats_and_others_keep_prefect_s_default(heartbeat_frequencies: list[int | None]) -> None:
    with command_flow_runs():
        empty()
    empty()
    assert heartbeat_frequencies == [None, 180]


def test_a_frequency_set_in_the_environment_is_kept(heartbeat_frequencies: list[int | None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "180")
    with command_flow_runs():
        empty()
    assert heartbeat_frequencies == [180]


def test_govfeeds_run_polls_without_heartbeats(tmp_path: Path, wordpress: WordPressSite, heartbeat_frequencies: list[int | None]) -> None:
    registry = write_registry(tmp_path / "feeds.toml", {"id": "embassy", "url": wordpress.feed_url})
    result = CliRunner().invoke(app, ["run", "--db", str(tmp_path / "govfeeds.duckdb"), "--feeds", str(registry)])
    assert result.exit_code == 0, result.output
    assert heartbeat_frequencies and set(heartbeat_frequencies) == {None}  # the poll and its subflows
