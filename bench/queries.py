"""Time every query of docs/queries.md on a generated database of 100 000 statements.

The database is generated directly with DuckDB SQL (seconds, no pipeline): 200 feeds on 200
sites over ten years, with people, countries, event dates, topics, a second version for 5% of
statements, fetch log rows and rejects in the proportions real feeds give. Each query runs once
to warm up, then `--repeat` times; the median is printed next to its ratio to a baseline run in
the same script, `SELECT count(*) FROM statements`. Target: each typical query under 200 ms on
2 threads. Also times `govfeeds search` (the SQL scan) for one common query.

    .venv/bin/python bench/queries.py [--statements 100000] [--repeat 5] [--threads 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from govfeeds.store.connection import connect  # noqa: E402
from govfeeds.schema_doc import doc_queries  # noqa: E402
from govfeeds.store.search import search  # noqa: E402

WORK = ROOT / "bench" / ".work"
BASELINE = "SELECT count(*) FROM statements"
TARGET_MS = 200.0

GENERATE = """
INSERT INTO feeds (feed_id, url, site, title, country, language, last_polled_at, last_success_at, last_status, consecutive_failures)
SELECT 'feed-' || i, 'https://site' || i || '.example.gov/feed/', 'site' || i || '.example.gov', 'Embassy ' || i,
       ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'AF', 'PK', 'IN', 'MN', 'AZ'][i % 10 + 1], 'en',
       TIMESTAMPTZ '2024-12-31 12:00Z', TIMESTAMPTZ '2024-12-31 12:00Z' - INTERVAL (i % 7) DAY,
       CASE WHEN i % 13 = 0 THEN 'HTTP 503' ELSE 'ok' END, CASE WHEN i % 13 = 0 THEN i % 5 ELSE 0 END
FROM range(200) t(i);

INSERT INTO statements (statement_id, feed_id, site, url, guid, title, published_at, first_seen_at, updated_at, version,
                        body_text, content_sha256, item_sha256, text_source, categories, deleted_at, doc_type,
                        issuing_office, release_date, mission, quoted_text, language, word_count, enriched_at, enricher_version)
SELECT printf('%024x', i), 'feed-' || (i % 200), 'site' || (i % 200) || '.example.gov',
       'https://site' || (i % 200) || '.example.gov/' || i || '/', 'guid-' || i,
       CASE WHEN i % 50 = 0 THEN 'Joint Statement on the Partnership Dialogue number ' || i
            ELSE ['Security Alert', 'Press Release', 'Remarks by the Ambassador', 'Visa Notice', 'Health Alert'][i % 5 + 1] || ' ' || i END,
       TIMESTAMPTZ '2015-01-01 00:00Z' + INTERVAL (i * 3187 % 3650) DAY + INTERVAL (i % 86400) SECOND,
       TIMESTAMPTZ '2015-01-02 00:00Z' + INTERVAL (i * 3187 % 3650) DAY,
       TIMESTAMPTZ '2015-01-02 00:00Z' + INTERVAL (i * 3187 % 3650) DAY + INTERVAL (CASE WHEN i % 20 = 0 THEN 1 ELSE 0 END) DAY,
       CASE WHEN i % 20 = 0 THEN 2 ELSE 1 END,
       repeat('The Embassy announced cooperation on trade, education and security with the Government. ', 4 + i % 6)
           || ['Demonstrations are planned in the capital.', 'Visa interviews resume next month.', 'Ambassador Rosenblum met students.',
               'Measles cases are rising.', 'Kazakhstan and Uzbekistan agreed on water sharing.'][i % 5 + 1],
       sha256('c' || i), sha256('i' || i), 'page', ['News'], CASE WHEN i % 500 = 0 THEN TIMESTAMPTZ '2024-06-01 00:00Z' END,
       CASE WHEN i % 50 = 0 THEN 'joint_statement'
            ELSE ['security_alert', 'press_release', 'remarks', 'visa_notice', 'health_alert'][i % 5 + 1] END,
       CASE WHEN i % 3 = 0 THEN 'Office of the Spokesperson' END,
       CAST(TIMESTAMP '2015-01-01' + INTERVAL (i * 3187 % 3650) DAY AS DATE),
       'U.S. Embassy ' || (i % 200),
       CASE WHEN i % 20 = 0 THEN 'Begin Text: the two governments affirm their partnership. End Text.' END,
       'en', 60 + i % 90, TIMESTAMPTZ '2024-12-31 12:00Z', 'bench'
FROM range({n}) t(i);

INSERT INTO statement_versions
SELECT statement_id, 1, title, body_text, content_sha256, first_seen_at FROM statements;
INSERT INTO statement_versions
SELECT statement_id, 2, title || ' (updated)', body_text || ' Updated.', sha256(statement_id), updated_at FROM statements WHERE version = 2;

INSERT INTO statement_people
SELECT printf('%024x', i), 'Person ' || ((i * 7 + k) % 2000), ['Ambassador', 'Foreign Minister', 'Secretary of State', NULL][(i + k) % 4 + 1]
FROM range({n}) t(i), range(2) u(k);

INSERT INTO statement_countries
SELECT printf('%024x', i), ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'AF', 'PK', 'IN', 'MN', 'AZ', 'US', 'RU'][(i + k * 5) % 12 + 1], 1 + (i + k) % 4
FROM range({n}) t(i), range(3) u(k) WHERE k < 2 OR i % 2 = 0;

INSERT INTO statement_dates
SELECT printf('%024x', i), CAST(TIMESTAMP '2015-01-01' + INTERVAL (i * 3187 % 3650 + k * 11 - 3) DAY AS DATE)
FROM range({n}) t(i), range(2) u(k) WHERE k = 0 OR i % 2 = 0;

INSERT INTO statement_topics
SELECT printf('%024x', i), ['News', 'Alert', 'Visas', 'trade', 'security', 'education', 'health', 'humanitarian aid'][(i + k * 3) % 8 + 1],
       CASE WHEN k = 0 THEN 'feed' ELSE 'theme' END
FROM range({n}) t(i), range(3) u(k);

INSERT INTO fetch_log
SELECT 'feed-' || (i % 200), 'https://site' || (i % 200) || '.example.gov/' || i || '/',
       TIMESTAMPTZ '2015-01-02 00:00Z' + INTERVAL (i * 3187 % 3650) DAY, CASE WHEN i % 97 = 0 THEN 503 ELSE 200 END,
       2000 + i % 5000, 20 + (i % 400), CASE WHEN i % 97 = 0 THEN 'HTTP 503' END, CASE WHEN i % 4 = 0 THEN 'feed' ELSE 'page' END
FROM range({n} * 2) t(i);

INSERT INTO rejects
SELECT 'feed-' || (i % 200), 'item-' || i, ['parse', 'extract', 'validate'][i % 3 + 1],
       ['duplicate entry', 'no body text', 'title: String should have at least 1 character'][i % 3 + 1], NULL,
       TIMESTAMPTZ '2024-01-01 00:00Z' + INTERVAL (i) HOUR
FROM range({n} // 50) t(i);
"""


def generate(db: Path, statements: int) -> None:
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    connection = connect(db)
    connection.execute(GENERATE.replace("{n}", str(statements)))
    connection.execute("CHECKPOINT")
    connection.close()


def median_ms(connection: duckdb.DuckDBPyConnection, sql: str, repeat: int) -> float:
    connection.execute(sql).fetchall()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        connection.execute(sql).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    db = WORK / "queries.duckdb"
    start = time.perf_counter()
    generate(db, args.statements)
    print(f"generated {args.statements} statements in {time.perf_counter() - start:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")

    connection = duckdb.connect(str(db), read_only=True, config={"threads": args.threads})
    baseline = median_ms(connection, BASELINE, args.repeat)
    print(f"baseline {BASELINE!r}: {baseline:.2f} ms (threads={args.threads})\n")
    print(f"{'ms':>8} {'x baseline':>11}  query")
    slow = 0
    for heading, sql in doc_queries():
        elapsed = median_ms(connection, sql, args.repeat)
        slow += elapsed > TARGET_MS
        flag = "  <-- over target" if elapsed > TARGET_MS else ""
        print(f"{elapsed:8.1f} {elapsed / baseline:11.0f}  {heading}{flag}")
    connection.close()

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = search(db, "demonstrations capital")
        times.append((time.perf_counter() - start) * 1000)
    elapsed = statistics.median(times)
    print(f"\n{elapsed:8.1f} {elapsed / baseline:11.0f}  govfeeds search 'demonstrations capital' ({result.method}, {len(result.rows)} rows)")
    print(f"\n{len(doc_queries()) - slow} of {len(doc_queries())} documented queries under {TARGET_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
