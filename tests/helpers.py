"""Helpers the tests share: sample posts, registries, read-only queries."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from govfeeds.demo.wordpress import Post

#: The read-only material beside the checkout (corpora, labelled set); tests using it skip without it.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def make_post(number: int, *, start: datetime = datetime(2024, 1, 1, 9, tzinfo=UTC)) -> Post:
    when = start + timedelta(days=number)
    return Post(
        id=1000 + number,
        slug=f"statement-number-{number}",
        title=f"Statement number {number} on bilateral cooperation",
        html=(
            f"<p>PRESS RELEASE</p><p>{when:%B} {when.day}, {when:%Y}</p>"
            f"<p>The U.S. Embassy announced partnership number {number} with the Government of Kazakhstan.</p>"
            "<p>The program supports education and trade.</p>"
        ),
        date=when,
        categories=["News"],
        byline="U.S. Mission Kazakhstan",
    )


def write_registry(path: Path, *feeds: dict[str, object]) -> Path:
    """A feeds.toml with the given [[feeds]] tables."""
    lines: list[str] = []
    for feed in feeds:
        lines.append("[[feeds]]")
        for key, value in feed.items():
            if isinstance(value, (list, tuple)):
                rendered = "[" + ", ".join(f'"{v}"' for v in value) + "]"
            elif isinstance(value, bool):
                rendered = "true" if value else "false"
            else:
                rendered = f'"{value}"'
            lines.append(f"{key} = {rendered}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def query(db: Path, sql: str, params: list[object] | None = None) -> list[tuple]:
    """Run SQL on a short-lived read-only connection, as an analyst would."""
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(sql, params or []).fetchall()
    finally:
        connection.close()


def wait_for(condition: Callable[[], object], timeout: float = 30.0) -> None:
    """Poll `condition` until it holds, failing the test after `timeout` seconds (never a bare sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


def stop_process(process: subprocess.Popen) -> None:
    """End a worker or server: SIGTERM, then SIGKILL if a loaded machine has not let it finish in 30 s (teardown, not a finding)."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
