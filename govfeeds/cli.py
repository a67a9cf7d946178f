"""The `govfeeds` command line."""

from __future__ import annotations

import os

# Before Prefect is imported: no telemetry (it fails offline) and room for a slow ephemeral server.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "govfeeds")  # the stages' own log lines reach Prefect

from govfeeds import prefect_server  # noqa: E402

prefect_server.use_recorded_server()  # the server `govfeeds server start` recorded, unless PREFECT_API_URL is set

from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Optional  # noqa: E402

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from govfeeds.settings import Settings  # noqa: E402

app = typer.Typer(help="Ingest government press feeds into DuckDB with Prefect.", no_args_is_help=True, add_completion=False)
feeds_app = typer.Typer(help="Inspect the feed registry.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")
from govfeeds.cli_server import server_app  # noqa: E402

app.add_typer(server_app, name="server")
console = Console()

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file [env GOVFEEDS_DB; default data/govfeeds.duckdb]")]
FeedsOption = Annotated[
    Optional[Path], typer.Option("--feeds", help="Feed registry [env GOVFEEDS_FEEDS; default deployments/feeds.toml]")
]


def _settings(db: Path | None = None, feeds: Path | None = None) -> Settings:
    overrides = {key: value for key, value in (("db", db), ("feeds", feeds)) if value is not None}
    return Settings(**overrides)


@app.command()
def run(
    db: DbOption = None,
    feeds: FeedsOption = None,
    force: Annotated[bool, typer.Option("--force", help="Also poll feeds backing off after failures (see `govfeeds status`)")] = False,
) -> None:
    """Run one poll cycle through the Prefect flow and print what it did."""
    from flows.poll import poll_feeds

    settings = _settings(db, feeds)
    summary = poll_feeds(db=str(settings.db), feeds=str(settings.feeds), force=force)
    _print_summary(summary)
    if summary.load_error:
        raise typer.Exit(code=3)


def _print_summary(summary) -> None:
    table = Table("feed", "outcome", "entries", "new", "updated", "rejected", "error", title="poll summary")
    for report in summary.feeds:
        style = "red" if report.outcome == "failed" else None
        table.add_row(
            report.feed_id, report.outcome, str(report.entries), str(report.new), str(report.updated),
            str(report.rejected), report.error or "", style=style,
        )
    console.print(table)
    console.print(summary.headline())
    if summary.load_error:
        console.print(f"[red]{summary.load_error}[/red]")


@app.command()
def status(db: DbOption = None) -> None:
    """Show each feed's health: last poll, status, consecutive failures, statements held."""
    import duckdb

    from govfeeds.database import connect

    settings = _settings(db)
    connection = connect(settings.db, read_only=True)
    rows = connection.execute(
        """
        SELECT f.feed_id, f.last_status, f.consecutive_failures, f.last_polled_at, f.last_success_at,
               (SELECT count(*) FROM statements s WHERE s.feed_id = f.feed_id AND s.deleted_at IS NULL),
               CASE WHEN f.next_poll_at > now() THEN f.next_poll_at END
        FROM feeds f ORDER BY f.consecutive_failures DESC, f.feed_id
        """
    ).fetchall()
    try:
        coverage = connection.execute(
            "SELECT site, listed_by_site, held_live, held_deleted, gap, listing_source, checked_at FROM site_coverage ORDER BY site"
        ).fetchall()
    except duckdb.CatalogException:  # a file no run of this version has opened for writing yet
        coverage = []
    connection.close()
    table = Table("feed", "health", "last status", "failures", "last polled", "last success", "statements", "next poll")
    for feed_id, last_status, failures, polled, success, count, next_poll in rows:
        health = "healthy" if failures == 0 else "degraded" if failures < 3 else "failing"
        colour = {"healthy": "green", "degraded": "yellow", "failing": "red"}[health]
        table.add_row(
            feed_id, f"[{colour}]{health}[/{colour}]", last_status or "", str(failures),
            f"{polled:%Y-%m-%d %H:%M}" if polled else "", f"{success:%Y-%m-%d %H:%M}" if success else "", str(count),
            f"{next_poll:%Y-%m-%d %H:%M} (backing off)" if next_poll else "next run",
        )
    console.print(table)
    sites = Table("site", "listed by site", "held", "deleted", "gap", "listing", "reconciled", title="site coverage")
    for site, listed, live, deleted, gap, source, checked in coverage:
        sites.add_row(site, "" if listed is None else str(listed), str(live), str(deleted), "" if gap is None else str(gap),
                      source or "never reconciled", f"{checked:%Y-%m-%d %H:%M}" if checked else "",
                      style="yellow" if gap else None)
    console.print(sites)


@app.command()
def query(sql: Annotated[str, typer.Argument(help="SQL to run")], db: DbOption = None) -> None:
    """Run SQL on a read-only connection (never blocks, nor is blocked by, a running pipeline's reads)."""
    from govfeeds.database import connect

    settings = _settings(db)
    connection = connect(settings.db, read_only=True, wait_seconds=READ_WAIT_SECONDS, on_wait=_say_waiting)
    try:
        result = connection.execute(sql)
        table = Table(*[column[0] for column in result.description or []])
        for row in result.fetchall():
            table.add_row(*["NULL" if value is None else str(value) for value in row])
    finally:
        connection.close()
    console.print(table)


@feeds_app.command("check")
def feeds_check(feeds: FeedsOption = None) -> None:
    """Request every registry feed once and report whether it answers with a feed."""
    from govfeeds.registry import load_registry
    from tasks.http import FetchError, get, make_client
    from tasks.parse import NotAFeed, parse_feed_bytes

    settings = _settings(feeds=feeds)
    table = Table("feed", "url", "result")
    failures = 0
    with make_client(settings) as client:
        for feed in load_registry(settings.feeds):
            try:
                response = get(client, feed.url, settings)
                if response.status_code != 200:
                    raise FetchError(f"HTTP {response.status_code}")
                entries = parse_feed_bytes(response.body, url=feed.url, content_type=response.content_type)
                result = f"[green]ok[/green], {len(entries)} entries"
            except (FetchError, NotAFeed) as error:
                failures += 1
                result = f"[red]{error}[/red]"
            table.add_row(feed.id, feed.url, result)
    console.print(table)
    console.print(f"{failures} of {table.row_count} feeds failed")
    if failures:
        raise typer.Exit(code=1)


@app.command()
def demo(db: Annotated[Path, typer.Option("--db", help="Demo database")] = Path("data/demo.duckdb")) -> None:
    """Serve the bundled sample embassy site on loopback, poll it into a demo database, and show what landed."""
    from govfeeds.demo.run import run_demo

    run_demo(db, console)


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder of labelled statements (*.json, the eval/dev format)")],
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here")] = None,
) -> None:
    """Score metadata extraction on labelled statements (files only: no database, no network)."""
    from govfeeds.evaluate import run_eval

    raise typer.Exit(code=run_eval(directory, json_path))


#: A reader meeting the pipeline's write lock waits this long: a load holds it for seconds.
READ_WAIT_SECONDS = 60.0


def _say_waiting(holder: str, pause: float) -> None:
    console.print(f"[yellow]the database is being loaded by {holder}; reading in {pause:.1f}s[/yellow]", highlight=False)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to look for")],
    since: Annotated[Optional[datetime], typer.Option("--since", formats=["%Y-%m-%d"], help="Published on or after this day")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="ISO code of a country the statement concerns, e.g. KZ")] = None,
    doc_type: Annotated[Optional[str], typer.Option("--type", help="doc_type, e.g. security_alert")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows to show")] = 20,
    method: Annotated[str, typer.Option("--method", help="auto (fts when it loads, else scan), fts or scan")] = "auto",
    db: DbOption = None,
) -> None:
    """Rank live statements by BM25 relevance to TEXT (DuckDB full-text extension when it loads, else a scan)."""
    from govfeeds.search import search as run_search

    if method not in ("auto", "fts", "scan"):
        raise typer.BadParameter("use auto, fts or scan", param_hint="--method")
    result = run_search(
        _settings(db).db, text, since=since.date() if since else None, country=country, doc_type=doc_type,
        limit=limit, method=method, wait_seconds=READ_WAIT_SECONDS,
    )
    table = Table(*result.columns, title=f"{len(result.rows)} statements for {text!r} (ranked by {result.method})")
    for row in result.rows:
        table.add_row(*["" if value is None else str(value) for value in row])
    console.print(table)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder for the snapshot (replaced when complete)")],
    format_: Annotated[str, typer.Option("--format", help="Only parquet")] = "parquet",
    db: DbOption = None,
) -> None:
    """Write a Parquet snapshot (statements partitioned by year and site) plus OUT/govfeeds.duckdb of views over it."""
    from govfeeds.export import export_parquet

    if format_ != "parquet":
        raise typer.BadParameter("only parquet is supported", param_hint="--format")
    summary = export_parquet(_settings(db).db, out, wait_seconds=READ_WAIT_SECONDS)
    console.print(f"exported {', '.join(f'{table} {count}' for table, count in summary.rows.items())}")
    console.print(f"open it with: duckdb -readonly {summary.views_db}")


@app.command()
def schema(
    readme: Annotated[Optional[Path], typer.Option("--readme", help="Rewrite this file's table reference section instead of printing")] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="Describe this database file instead of the schema this checkout creates")] = None,
) -> None:
    """Print the table reference (every table, view and column with its comment) as Markdown."""
    from govfeeds import schema_doc

    if readme is not None:
        changed = schema_doc.update_readme(readme)
        console.print(f"{readme}: table reference {'updated' if changed else 'already current'}")
        return
    if db is None:
        text = schema_doc.reference_markdown()
    else:
        from govfeeds.database import connect

        connection = connect(db, read_only=True, wait_seconds=READ_WAIT_SECONDS, on_wait=_say_waiting)
        try:
            text = schema_doc.to_markdown(schema_doc.describe(connection))
        finally:
            connection.close()
    typer.echo(text)


@app.command()
def backfill(
    since: Annotated[datetime, typer.Option("--since", formats=["%Y-%m-%d"], help="First publication day to load")],
    until: Annotated[Optional[datetime], typer.Option("--until", formats=["%Y-%m-%d"], help="Last publication day (default: today)")] = None,
    feed: Annotated[Optional[list[str]], typer.Option("--feed", help="Feed id to backfill (repeat; default: every enabled feed)")] = None,
    events: Annotated[bool, typer.Option("--events", help="Emit an event per statement instead of one backfill.completed")] = False,
    page_size: Annotated[int, typer.Option("--page-size", help="Posts per REST page (WordPress allows up to 100)")] = 100,
    db: DbOption = None,
    feeds: FeedsOption = None,
) -> None:
    """Load a site's older posts, which its feed no longer lists (resumable: run it again after an interruption)."""
    import logging

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from flows.backfill import backfill as backfill_flow

    settings = _settings(db, feeds)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("new {task.fields[new]}"),
                        console=console, transient=False)
    bars: dict[str, int] = {}

    class ProgressHandler(logging.Handler):
        """Turns the backfill's per-page log records into progress bars."""

        def emit(self, record: logging.LogRecord) -> None:
            step = getattr(record, "govfeeds_progress", None)
            if not step:
                return
            if step["feed"] not in bars:
                bars[step["feed"]] = progress.add_task(step["feed"], total=step["total"], new=0)
            progress.update(bars[step["feed"]], completed=step["page"], total=step["total"] or step["page"], new=step["new"])

    handler = ProgressHandler()
    backfill_logger = logging.getLogger("govfeeds.backfill")
    backfill_logger.addHandler(handler)
    backfill_logger.setLevel(logging.INFO)
    try:
        with progress:
            summary = backfill_flow(
                since=since.date(), until=until.date() if until else None, feeds=feed or None, statement_events=events,
                page_size=page_size, db=str(settings.db), registry=str(settings.feeds),
            )
    finally:
        backfill_logger.removeHandler(handler)
    table = Table("feed", "method", "pages", "entries", "new", "updated", "rejected", "complete", "note / errors", title="backfill summary")
    for report in summary.feeds:
        table.add_row(report.feed_id, report.method, str(report.pages), str(report.entries), str(report.new), str(report.updated),
                      str(report.rejected), "yes" if report.complete else "no", "; ".join(filter(None, [report.note, *report.errors])),
                      style="red" if report.errors else None)
    console.print(table)
    console.print(summary.headline())
    if summary.errors:
        console.print("[yellow]run the same command again to continue from where it stopped[/yellow]")
        raise typer.Exit(code=1)


@app.command()
def reenrich(
    since: Annotated[Optional[datetime], typer.Option("--since", formats=["%Y-%m-%d"], help="Only statements published on or after this day")] = None,
    db: DbOption = None,
) -> None:
    """Recompute enrichment of stored statements from their stored text (no network); writes only what changed."""
    from flows.reenrich import reenrich as reenrich_flow

    result = reenrich_flow(since=since.date() if since else None, db=str(_settings(db).db))
    console.print(f"examined {result.examined}, changed {result.changed}, failed {result.failed}")


@app.command()
def serve(
    prefect_file: Annotated[Path, typer.Option("--prefect-file", help="Deployments to serve")] = Path("deployments/prefect.yaml"),
) -> None:
    """Serve the four deployments of deployments/prefect.yaml from this process (schedules and trigger included), no work pool needed."""
    from govfeeds.serve import serve_deployments

    serve_deployments(prefect_file)


if __name__ == "__main__":
    app()
