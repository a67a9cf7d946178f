"""`govfeeds demo`: the real flow against the bundled sample site, into a demo database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from govfeeds.store.connection import reading
from govfeeds.store.reads import run_sql
from govfeeds import prefect_server
from govfeeds.demo.content import demo_site

QUERIES = {
    "What landed, newest first": (
        "SELECT release_date, doc_type, title FROM statements ORDER BY published_at DESC"
    ),
    "Who is named, and as what": (
        "SELECT p.name, p.title, s.title AS statement FROM statement_people p JOIN statements s USING (statement_id)"
    ),
    "Which countries each statement concerns": (
        "SELECT s.title, list(c.country_code ORDER BY c.country_code) AS countries "
        "FROM statements s JOIN statement_countries c USING (statement_id) GROUP BY s.title"
    ),
}


def run_demo(db: Path, console: Console) -> None:
    from flows.poll import poll_feeds

    db.parent.mkdir(parents=True, exist_ok=True)
    with demo_site() as site, tempfile.TemporaryDirectory() as workdir:
        registry = Path(workdir) / "feeds.toml"
        registry.write_text(
            f'[[feeds]]\nid = "demo-kz"\nurl = "{site.feed_url}"\ntitle = "{site.title}"\n'
            'site = "kz.usembassy.gov"\ncountry = "KZ"\nlanguage = "en"\n',
            encoding="utf-8",
        )
        console.print(f"Serving the demo embassy site at {site.url} and polling {site.feed_url}")
        summary = poll_feeds(db=str(db), registry=str(registry))
    console.print(f"[bold]{summary.headline()}[/bold]")
    if ui := prefect_server.ui_url():  # a server `govfeeds server start` runs (or PREFECT_API_URL names)
        console.print(f"Flow runs and logs in the Prefect UI: {ui}")
    with reading(db) as connection:
        for caption, sql in QUERIES.items():
            result = run_sql(connection, sql)
            table = Table(*result.columns, title=caption)
            for row in result.rows:
                table.add_row(*["" if value is None else str(value) for value in row])
            console.print(table)
    console.print(f"\nThe demo database is {db}. Try these yourself:")
    for sql in QUERIES.values():
        console.print(f'  govfeeds query --db {db} "{sql}"', soft_wrap=True)
