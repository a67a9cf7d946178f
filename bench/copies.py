"""Copy detection's cost per new statement, at 10 000 and 100 000 stored statements (issue 16).

The stored statements are generated with DuckDB SQL on 200 sites: four lines of words drawn from
a 3 000-word vocabulary between a site's own header and footer lines (its template), one in ten
a security alert built on one template shared by every site (same Actions to Take / Assistance
lines, its own event), one in twenty a repost of an earlier statement of the next site. They are indexed as
the loader would (govfeeds.store.copies.rebuild without settling). Then a batch of new
statements, in the same proportions, is inserted and `govfeeds.store.copies.detect` timed: the
pending scan, fingerprints, the band-key join, template lines and the decision, on one thread.
Target: under 5 ms per new statement at 100 000.

    .venv/bin/python bench/copies.py [--sizes 10000 100000] [--batch 1 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govfeeds.store import copies  # noqa: E402
from govfeeds.store.connection import connect  # noqa: E402

WORK = ROOT / "bench" / ".work"
TARGET_MS = 5.0

GENERATE = """
CREATE OR REPLACE TEMP MACRO line_of(seed, n) AS
    array_to_string(list_transform(range(n), lambda k: 'w' || (hash(seed, k) % 3000)), ' ');
CREATE OR REPLACE TEMP MACRO source_of(i) AS CASE WHEN i % 20 = 7 THEN i % 5000 + 201 ELSE i END;
CREATE OR REPLACE TEMP MACRO body_of(i) AS
    CASE WHEN i % 10 = 3 THEN
        'Security Alert: U.S. Embassy (' || (i % 28 + 1) || ' May 2024)' || chr(10) || 'Location: ' || line_of(i * 7 + 1, 3) || chr(10)
        || 'Event: ' || line_of(i * 7 + 2, 24) || chr(10) || 'Actions to Take:' || chr(10)
        || 'Avoid the area of the demonstrations and any large crowds.' || chr(10) || 'Monitor local media for updates.' || chr(10)
        || 'Keep a low profile and be aware of your surroundings.' || chr(10) || 'Assistance:' || chr(10)
        || 'State Department - Consular Affairs, 888-407-4747 or 202-501-4444.' || chr(10)
        || 'Enroll in the Smart Traveler Enrollment Program (STEP) to receive security updates.'
    ELSE
        'By U.S. Mission number ' || (i % 200) || ' | Topics: News' || chr(10)
        || line_of(source_of(i) * 7 + 3, 30) || chr(10)
        || line_of(source_of(i) * 7 + 4, 25) || chr(10)
        || line_of(source_of(i) * 7 + 5, 35) || chr(10)
        || line_of(source_of(i) * 7 + 6, 20) || chr(10)
        || 'This is the official website of mission number ' || (i % 200) || '.'
    END;
"""

INSERT = """
INSERT INTO statements (statement_id, feed_id, site, url, title, published_at, first_seen_at, updated_at, version,
                        body_text, content_sha256, item_sha256, text_source)
SELECT printf('%024x', i), 'feed-' || (i % 200), 'site' || (i % 200) || '.example.gov', 'https://site' || (i % 200) || '.example.gov/' || i || '/',
       'Statement ' || i, TIMESTAMPTZ '2015-01-01 00:00Z' + INTERVAL (i) MINUTE, TIMESTAMPTZ '2015-01-01 00:00Z' + INTERVAL (i) MINUTE,
       now(), 1, body_of(i), sha256('c' || i), sha256('i' || i), 'page'
FROM range(?, ?) t(i);
"""


def build(size: int) -> Path:
    """A database of `size` generated statements, indexed for copy detection (kept between runs)."""
    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / f"copies-{size}.duckdb"
    if db.exists():
        connection = connect(db)
        try:
            held = connection.execute("SELECT count(*) FROM copy_index").fetchone()[0]
            connection.execute("DELETE FROM statements WHERE statement_id NOT IN (SELECT statement_id FROM copy_index)")
        finally:
            connection.close()
        if held == size:
            return db
        db.unlink()
    connection = connect(db)
    try:
        connection.execute(GENERATE)
        connection.execute(INSERT, [0, size])
        started = time.perf_counter()
        copies.rebuild(connection, settle=False)
        print(f"  generated and indexed {size} statements ({time.perf_counter() - started:.1f} s to index)", flush=True)
    finally:
        connection.close()
    return db


def measure(db: Path, size: int, batch: int, repeat: int) -> float:
    """Median ms per new statement of `detect` after inserting `batch` new ones (removed again after each run)."""
    connection = connect(db)
    try:
        connection.execute("SET threads = 1")
        connection.execute(GENERATE)
        timings = []
        for run in range(repeat + 1):  # the first run warms up
            start = size + 1000 * (run + 1)
            connection.execute(INSERT, [start, start + batch])
            began = time.perf_counter()
            result = copies.detect(connection)
            elapsed = time.perf_counter() - began
            assert result.indexed == batch, result
            if run:
                timings.append(elapsed * 1000 / batch)
            new_ids = [f"{i:024x}" for i in range(start, start + batch)]
            for table in ("statement_copies", "copy_index", "copy_bands", "copy_lines", "statements"):
                connection.execute(f"DELETE FROM {table} WHERE statement_id IN (SELECT UNNEST(?))", [new_ids])
            connection.execute("UPDATE statements SET copy_of = NULL WHERE copy_of IS NOT NULL")
            connection.execute("DELETE FROM statement_copies")
        return statistics.median(timings)
    finally:
        connection.close()


def run(sizes: list[int], batches: list[int], repeat: int) -> dict[tuple[int, int], float]:
    results = {}
    for size in sizes:
        db = build(size)
        for batch in batches:
            results[(size, batch)] = measure(db, size, batch, repeat)
            ms = results[(size, batch)]
            verdict = "" if size < 100_000 else ("  (target < 5 ms: met)" if ms < TARGET_MS else "  (target < 5 ms: MISSED)")
            print(f"copy detection: {ms:6.2f} ms per new statement, batches of {batch:>4}, {size:>7} stored statements{verdict}", flush=True)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = run(args.sizes, args.batch, args.repeat)
    at_scale = [ms for (size, _), ms in results.items() if size >= 100_000]
    return 0 if all(ms < TARGET_MS for ms in at_scale) else 1


if __name__ == "__main__":
    raise SystemExit(main())
