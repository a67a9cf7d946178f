"""The `govfeeds` command line: each command calls the same functions the flows and the store offer.

Expected failures (a locked database, a bad registry, an unknown feed id) are GovfeedsErrors:
`Commands` prints their message and hint and exits with their code, never a traceback.
"""

from __future__ import annotations

import os

# Before Prefect is imported: no telemetry (it fails offline) and room for a slow ephemeral server.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "govfeeds")  # the stages' own log lines reach Prefect

from govfeeds import prefect_server  # noqa: E402

prefect_server.use_recorded_server()  # the server `govfeeds server start` recorded, unless PREFECT_API_URL is set

from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Annotated, Optional  # noqa: E402

import typer  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from govfeeds.errors import GovfeedsError, LoadFailed, RegistryError  # noqa: E402
from govfeeds.settings import Settings  # noqa: E402

console = Console()


class Commands(TyperGroup):
    """The command group: a GovfeedsError from any command is printed as its message and hint, and exits with its code."""

    def invoke(self, ctx):  # noqa: ANN001, ANN201 - click's signature
        try:
            return super().invoke(ctx)
        except GovfeedsError as error:
            console.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
            if error.hint:
                console.print(f"[yellow]what to do:[/yellow] {error.hint}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=error.exit_code) from None


app = typer.Typer(help="Ingest government press feeds into DuckDB with Prefect.", no_args_is_help=True, add_completion=False, cls=Commands)
feeds_app = typer.Typer(help="Inspect the feed registry.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")
from govfeeds.cli_server import server_app  # noqa: E402

app.add_typer(server_app, name="server")

DbOption = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file [env GOVFEEDS_DB; default data/govfeeds.duckdb]")]
RegistryOption = Annotated[
    Optional[Path], typer.Option("--registry", "--feeds", help="Feed registry [env GOVFEEDS_FEEDS; default deployments/feeds.toml]")
]
FeedIdsOption = Annotated[Optional[list[str]], typer.Option("--feed", help="Only this feed id (repeat; default: every enabled feed)")]

#: A reader meeting the pipeline's write lock waits this long: a load holds it for seconds.
READ_WAIT_SECONDS = 60.0


def _say_waiting(holder: str, pause: float) -> None:
    console.print(f"[yellow]the database is being loaded by {holder}; reading in {pause:.1f}s[/yellow]", highlight=False)


def _reading(db: Path | None):  # noqa: ANN202 - a context manager of a read-only connection
    from govfeeds.store.connection import reading

    return reading(Settings.for_paths(db).db, wait_seconds=READ_WAIT_SECONDS, on_wait=_say_waiting)


@contextmanager
def _running_flows() -> Iterator[None]:
    """Around a command's flow runs: no flow-run heartbeats (govfeeds/command_runs.py), and first one
    line when they run on Prefect's temporary server, saying how much `govfeeds server start` would save."""
    from govfeeds.command_runs import command_flow_runs

    hint = prefect_server.ephemeral_hint()
    if hint:
        console.print(f"[dim]{hint}[/dim]", highlight=False, soft_wrap=True)
    with command_flow_runs():
        yield


def _table(columns: list[str], rows: list[tuple], title: str | None = None) -> Table:
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*["NULL" if value is None else str(value) for value in row])
    return table


@app.command()
def run(
    db: DbOption = None,
    registry: RegistryOption = None,
    feed: FeedIdsOption = None,
    force: Annotated[bool, typer.Option("--force", help="Also poll feeds backing off after failures (see `govfeeds status`)")] = False,
    due: Annotated[bool, typer.Option("--due", help="Only feeds due on their learned schedule, as the poll-feeds deployment does")] = False,
) -> None:
    """Run one poll cycle through the Prefect flow and print what it did.

    Polls every enabled feed that is neither gone (410) nor backing off after failures; with --due,
    only those whose learned schedule says they are due.
    """
    from flows.poll import poll_feeds

    settings = Settings.for_paths(db, registry)
    try:
        with _running_flows():
            summary = poll_feeds(db=str(settings.db), registry=str(settings.feeds), feed_ids=feed or None, force=force, due=due)
    except LoadFailed as error:
        if error.summary is not None:
            _print_poll(error.summary)
        raise
    _print_poll(summary)


def _print_poll(summary) -> None:  # noqa: ANN001 - schemas.summary.RunSummary
    table = Table("feed", "outcome", "entries", "new", "updated", "rejected", "error", title="poll summary")
    for report in summary.feeds:
        table.add_row(report.feed_id, report.outcome, str(report.entries), str(report.new), str(report.updated),
                      str(report.rejected), report.error or "", style="red" if report.outcome == "failed" else None)
    console.print(table)
    console.print(summary.headline())
    for line in summary.reconciliations:
        console.print(f"reconciled {line}")


@app.command()
def status(db: DbOption = None) -> None:
    """Show each feed's health (the feed_health view) and each site's coverage (site_coverage)."""
    from govfeeds.store import reads

    with _reading(db) as connection:
        health, coverage = reads.feed_health(connection), reads.site_coverage(connection)
    colours = {"healthy": "green", "degraded": "yellow", "failing": "red", "suspect": "red", "gone": "magenta"}
    table = Table("feed", "health", "last status", "failures", "last polled", "last success", "statements", "next poll")
    advice = []
    for feed_id, state, stale, last_status, failures, polled, success, count, next_poll, backing_off, what_to_do in health.rows:
        colour = colours.get(state, "white")
        table.add_row(
            feed_id, f"[{colour}]{state}[/{colour}]" + (" [yellow]stale[/yellow]" if stale else ""), last_status or "", str(failures),
            f"{polled:%Y-%m-%d %H:%M}" if polled else "", f"{success:%Y-%m-%d %H:%M}" if success else "", str(count),
            "never (gone)" if state == "gone" else f"{next_poll:%Y-%m-%d %H:%M}" + (" (backing off)" if backing_off else "") if next_poll
            else "next run",
        )
        if what_to_do:
            advice.append(f"{feed_id}: {what_to_do}")
    console.print(table)
    for line in advice:
        console.print(f"[yellow]what to do:[/yellow] {line}", highlight=False, soft_wrap=True)
    sites = Table("site", "listed by site", "held", "deleted", "gap", "listing", "reconciled", title="site coverage")
    for site, listed, live, deleted, gap, source, checked in coverage.rows:
        sites.add_row(site, "" if listed is None else str(listed), str(live), str(deleted), "" if gap is None else str(gap),
                      source or "never reconciled", f"{checked:%Y-%m-%d %H:%M}" if checked else "", style="yellow" if gap else None)
    console.print(sites)


@app.command()
def query(sql: Annotated[str, typer.Argument(help="SQL to run")], db: DbOption = None) -> None:
    """Run SQL on a read-only connection (never blocks, nor is blocked by, a running pipeline's reads)."""
    from govfeeds.store.reads import run_sql

    with _reading(db) as connection:
        result = run_sql(connection, sql)
    console.print(_table(result.columns, result.rows))


@feeds_app.command("check")
def feeds_check(registry: RegistryOption = None) -> None:
    """Poll every registry feed once, through the real fetch and its redirect guard, and report whether it answers with a feed."""
    from govfeeds import sources
    from govfeeds.net.http import make_client
    from govfeeds.registry import load_registry
    from schemas.statements import FeedState

    settings = Settings.for_paths(registry=registry)
    table = Table("feed", "url", "result")
    failures = 0
    advice = []
    now = datetime.now(UTC)
    with make_client(settings) as client:
        for feed in load_registry(settings.feeds):
            batch = sources.poll(client, feed, FeedState(), settings)
            if batch.outcome == "failed":
                failures += 1
                result = f"[red]{'gone' if batch.gone else 'suspect' if batch.suspect else 'failed'}: {batch.error}[/red]"
            else:
                result = f"[green]ok[/green], {batch.entries_seen} entries"
            if batch.gone:
                advice.append(f"{feed.id}: gone: the site answered 410 Gone; remove it from {settings.feeds}")
            elif batch.suspect:
                advice.append(f"{feed.id}: suspect: {batch.suspect}; open {feed.url} in a browser")
            if batch.redirect_url:
                result += f"; moved ({batch.redirect_status})"
                advice.append(f"{feed.id}: moved: update {settings.feeds} to {batch.redirect_url}")
            if batch.stale_after and batch.stale_after < now:
                result += "; [yellow]stale[/yellow]"
                advice.append(f"{feed.id}: stale: nothing posted since {batch.newest_entry_at:%Y-%m-%d}; check the site still "
                              f"publishes here (`govfeeds feeds discover {feed.url}`)")
            table.add_row(feed.id, feed.url, result)
    console.print(table)
    for line in advice:
        console.print(f"[yellow]what to do:[/yellow] {line}", highlight=False, soft_wrap=True)
    console.print(f"{failures} of {table.row_count} feeds failed")
    if failures:
        raise typer.Exit(code=1)


@feeds_app.command("reset")
def feeds_reset(
    feed_ids: Annotated[list[str], typer.Argument(help="Feed ids to reset", metavar="ID...")],
    db: DbOption = None,
    registry: RegistryOption = None,
) -> None:
    """Poll these feeds again from their registry URL: forget a gone mark (410), a move, a suspicion, failures and backoff."""
    from govfeeds.registry import load_registry
    from govfeeds.store.connection import writing
    from govfeeds.store.feeds import reset_feeds

    settings = Settings.for_paths(db, registry)
    feeds = {feed.id: feed for feed in load_registry(settings.feeds, include_disabled=True)}
    unknown = sorted(set(feed_ids) - set(feeds))
    if unknown:
        raise RegistryError(f"no feed with id {', '.join(unknown)} in {settings.feeds}")
    with writing(settings) as connection:
        done = reset_feeds(connection, [feeds[feed_id] for feed_id in feed_ids])
    for feed_id in feed_ids:
        console.print(f"{feed_id}: {'reset; the next run polls ' + feeds[feed_id].url if feed_id in done else 'never polled, nothing to reset'}",
                      highlight=False, soft_wrap=True)


@feeds_app.command("discover")
def feeds_discover(
    urls: Annotated[list[str], typer.Argument(help="Site or feed URLs to look at", metavar="URL...")],
    append: Annotated[bool, typer.Option("--append", help="Append the entries found to the registry instead of only printing them")] = False,
    registry: RegistryOption = None,
) -> None:
    """Find the feeds sites offer (<link rel="alternate">, the WordPress REST index, category and language feeds) not yet registered."""
    from govfeeds.registry import load_registry
    from govfeeds.sources.discover import discover, registry_entries

    settings = Settings.for_paths(registry=registry)
    registered = load_registry(settings.feeds, include_disabled=True) if settings.feeds.exists() else []
    found = discover(urls, registered, settings)
    for url, why in found.skipped:
        console.print(f"[yellow]{url}[/yellow]: {why}", highlight=False, soft_wrap=True)
    if not found.feeds:
        console.print("no feeds found that are not registered already")
        return
    text = registry_entries(found.feeds)
    if append:
        with settings.feeds.open("a", encoding="utf-8") as registry_file:
            registry_file.write(("\n" if registered else "") + text)
        console.print(f"appended {len(found.feeds)} feed(s) to {settings.feeds}", highlight=False)
    else:
        typer.echo(text, nl=False)
        console.print(f"{len(found.feeds)} feed(s) not registered; add them with --append", highlight=False)


@app.command()
def demo(db: Annotated[Path, typer.Option("--db", help="Demo database")] = Path("data/demo.duckdb")) -> None:
    """Serve the bundled sample embassy site on loopback, poll it into a demo database, and show what landed."""
    from govfeeds.demo.run import run_demo

    with _running_flows():
        run_demo(db, console)


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder of labelled statements (*.json, the eval/dev format)")],
    json_path: Annotated[Optional[Path], typer.Option("--json", help="Also write the report as JSON here")] = None,
    min_score: Annotated[
        Optional[float], typer.Option("--min", help="Fail (exit 1) when a field scores below this [env GOVFEEDS_EVAL_MIN_SCORE; default 0.95]")
    ] = None,
) -> None:
    """Score metadata extraction on labelled statements (files only: no database, no network)."""
    from govfeeds.evaluate import run_eval

    raise typer.Exit(code=run_eval(directory, json_path, min_score))


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
    from govfeeds.store.search import search as run_search

    if method not in ("auto", "fts", "scan"):
        raise typer.BadParameter("use auto, fts or scan", param_hint="--method")
    result = run_search(
        Settings.for_paths(db).db, text, since=since.date() if since else None, country=country, doc_type=doc_type,
        limit=limit, method=method, wait_seconds=READ_WAIT_SECONDS,
    )
    console.print(_table(result.columns, result.rows, title=f"{len(result.rows)} statements for {text!r} (ranked by {result.method})"))


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder for the snapshot (replaced when complete)")],
    format_: Annotated[str, typer.Option("--format", help="Only parquet")] = "parquet",
    db: DbOption = None,
) -> None:
    """Write a Parquet snapshot (statements partitioned by year and site) plus OUT/govfeeds.duckdb of views over it."""
    from govfeeds.store.export import export_parquet

    if format_ != "parquet":
        raise typer.BadParameter("only parquet is supported", param_hint="--format")
    summary = export_parquet(Settings.for_paths(db).db, out, wait_seconds=READ_WAIT_SECONDS)
    console.print(f"exported {', '.join(f'{table} {count}' for table, count in summary.rows.items())}")
    console.print(f"open it with: duckdb -readonly {summary.views_db}")


@app.command()
def schema(
    readme: Annotated[Optional[Path], typer.Option("--readme", help="Rewrite this file's table reference section instead of printing")] = None,
    themes: Annotated[Optional[Path], typer.Option("--themes", help="Rewrite this file (docs/themes.md) from the theme table instead of printing")] = None,
    db: Annotated[Optional[Path], typer.Option("--db", help="Describe this database file instead of the schema this checkout creates")] = None,
) -> None:
    """Print the table reference (every table, view and column with its comment) as Markdown; or regenerate a doc from the code."""
    from govfeeds import schema_doc

    if readme is not None or themes is not None:
        for path, update in ((readme, schema_doc.update_readme), (themes, schema_doc.update_themes)):
            if path is not None:
                console.print(f"{path}: {'updated' if update(path) else 'already current'}", soft_wrap=True)
        return
    if db is None:
        typer.echo(schema_doc.reference_markdown())
        return
    from govfeeds.store.catalog import describe

    with _reading(db) as connection:
        typer.echo(schema_doc.to_markdown(describe(connection)))


@app.command()
def backfill(
    since: Annotated[datetime, typer.Option("--since", formats=["%Y-%m-%d"], help="First publication day to load")],
    until: Annotated[Optional[datetime], typer.Option("--until", formats=["%Y-%m-%d"], help="Last publication day (default: today)")] = None,
    feed: FeedIdsOption = None,
    events: Annotated[bool, typer.Option("--events", help="Emit an event per statement instead of one backfill.completed")] = False,
    page_size: Annotated[int, typer.Option("--page-size", help="Posts per REST page (WordPress allows up to 100)")] = 100,
    db: DbOption = None,
    registry: RegistryOption = None,
) -> None:
    """Load a site's older posts, which its feed no longer lists (resumable: run it again after an interruption)."""
    import logging

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from flows.backfill import backfill as backfill_flow

    settings = Settings.for_paths(db, registry)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console, transient=False)
    bars: dict[str, int] = {}

    class ProgressHandler(logging.Handler):
        """Turns the walk's per-page log records into progress bars."""

        def emit(self, record: logging.LogRecord) -> None:
            step = getattr(record, "govfeeds_progress", None)
            if not step:
                return
            if step["feed"] not in bars:
                bars[step["feed"]] = progress.add_task(step["feed"], total=step["total"])
            progress.update(bars[step["feed"]], completed=step["page"], total=step["total"] or step["page"])

    handler = ProgressHandler()
    walk_logger = logging.getLogger("govfeeds.backfill")
    walk_logger.addHandler(handler)
    walk_logger.setLevel(logging.INFO)
    try:
        with _running_flows(), progress:
            summary = backfill_flow(
                since=since.date(), until=until.date() if until else None, feed_ids=feed or None, statement_events=events,
                page_size=page_size, db=str(settings.db), registry=str(settings.feeds),
            )
    finally:
        walk_logger.removeHandler(handler)
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

    with _running_flows():
        result = reenrich_flow(since=since.date() if since else None, db=str(Settings.for_paths(db).db))
    console.print(f"examined {result.examined}, changed {result.changed}, failed {result.failed}")


@app.command()
def serve(
    prefect_file: Annotated[Path, typer.Option("--prefect-file", help="Deployments to serve")] = Path("deployments/prefect.yaml"),
) -> None:
    """Serve the deployments of deployments/prefect.yaml from this process (schedules and trigger included), no work pool needed."""
    from govfeeds.serve import serve_deployments

    serve_deployments(prefect_file)


@app.command()
def copies(
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every statement's copy_of from the stored text (no network)")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Copies to list")] = 50,
    db: DbOption = None,
) -> None:
    """List statements republished from another site's (statements.copy_of); --rebuild recomputes them all offline."""
    from govfeeds.store import copies as copy_store

    if rebuild:
        result = copy_store.rebuild_database(Settings.for_paths(db))
        console.print(f"indexed {result.indexed} statements; {result.copies} are copies of another site's statement")
    with _reading(db) as connection:
        columns, rows = copy_store.listing(connection, limit)
    console.print(_table(columns, rows, title=f"{len(rows)} copies (newest first)"))


if __name__ == "__main__":
    app()
