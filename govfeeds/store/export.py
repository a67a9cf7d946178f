"""`govfeeds export`: a Parquet snapshot plus a small DuckDB file of views over it.

For tools that keep a connection open all day (a notebook, a BI dashboard): they open the
snapshot's `govfeeds.duckdb`, which holds only views over Parquet files, so they never hold a
lock on the pipeline's database. `statements` is written hive-partitioned by year and site
(`statements/year=2024/site=kz.usembassy.gov/*.parquet`), so filters on either read only the
matching files; the other tables are one Parquet file each. `raw_documents` (the fetched bytes,
kept for re-enrichment) is left out.

The Parquet files are written beside the target folder and swapped in when complete, then the
views file is written and renamed into place, so a reader sees the old snapshot or the new one,
not half of one. The views use absolute paths: export again after moving the folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import duckdb

from govfeeds.store.connection import STORAGE_COMPATIBILITY_VERSION, connect

VIEWS_FILE = "govfeeds.duckdb"
PARTITIONED = "statements"
LEFT_OUT = ("raw_documents", "copy_index", "copy_bands", "copy_lines")  # bodies, and copy detection's own index (statement_copies is exported)


@dataclass
class ExportSummary:
    out: Path
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def views_db(self) -> Path:
        return self.out / VIEWS_FILE


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def export_parquet(db: Path, out: Path, *, wait_seconds: float = 0.0) -> ExportSummary:
    """Snapshot every table but raw_documents from `db` (opened read-only, waiting out a load) into `out`."""
    out = out.resolve()
    partial = out.with_name(out.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    source = connect(db, read_only=True, wait_seconds=wait_seconds)
    try:
        tables = [
            name for (name,) in source.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT internal AND schema_name = 'main' "
                "AND database_name = current_database() ORDER BY table_oid"
            ).fetchall()
            if name not in LEFT_OUT
        ]
        summary = ExportSummary(out)
        for table in tables:
            summary.rows[table] = source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if table == PARTITIONED:
                if summary.rows[table] == 0:
                    raise ValueError(f"{db} holds no statements yet: nothing to export; run `govfeeds run` first")
                source.execute(
                    f"""COPY (SELECT *, year(timezone('UTC', coalesce(published_at, first_seen_at))) AS year FROM statements)
                    TO {_sql_string(str(partial / table))} (FORMAT parquet, PARTITION_BY (year, site))"""
                )
            else:
                source.execute(f'COPY "{table}" TO {_sql_string(str(partial / (table + ".parquet")))} (FORMAT parquet)')
        columns = {
            table: source.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
                "AND database_name = current_database() ORDER BY column_index",
                [table],
            ).fetchall()
            for table in tables
        }
        comments = _comments(source)
        # Views defined outside views.sql (site_coverage, at the end of ddl.sql), replayed from the source's own definition.
        source_views = source.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal AND schema_name = 'main' "
            "AND database_name = current_database() ORDER BY view_oid"
        ).fetchall()
    finally:
        source.close()
    _swap_in(partial, out)
    # DuckDB binds a view when it is created, so the views file is written once the Parquet files are in place.
    views_partial = out / (VIEWS_FILE + ".partial")
    _write_views_db(views_partial, out, tables, {t: [c for (c,) in cols] for t, cols in columns.items()}, comments, source_views)
    views_partial.rename(out / VIEWS_FILE)
    return summary


def _comments(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, str]]:
    """(relation, column or None, comment) for every commented table, view and column."""
    relations = connection.execute(
        "SELECT table_name, NULL, comment FROM duckdb_tables() WHERE comment IS NOT NULL AND NOT internal "
        "UNION ALL SELECT view_name, NULL, comment FROM duckdb_views() WHERE comment IS NOT NULL AND NOT internal"
    ).fetchall()
    columns = connection.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE comment IS NOT NULL AND NOT internal"
    ).fetchall()
    return relations + columns


def _write_views_db(
    path: Path, out: Path, tables: list[str], columns: dict[str, list[str]], comments: list[tuple[str, str | None, str]],
    source_views: list[tuple[str, str]],
) -> None:
    """Views named like the tables, reading the Parquet files at their final place, then the analysts' views."""
    path.unlink(missing_ok=True)
    views = duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY_VERSION})
    try:
        for table in tables:
            select_list = ", ".join(f'"{c}"' for c in columns[table])
            if table == PARTITIONED:
                source = (
                    f"read_parquet({_sql_string(str(out / table) + '/*/*/*.parquet')}, hive_partitioning = true, "
                    "hive_types = {'year': INTEGER, 'site': VARCHAR})"
                )
            else:
                source = f"read_parquet({_sql_string(str(out / (table + '.parquet')))})"
            views.execute(f'CREATE VIEW "{table}" AS SELECT {select_list} FROM {source}')
        # The analysts' views only reference tables by name, so they work over these views unchanged.
        views.execute(_analyst_views_sql())
        created = {name for (name,) in views.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        for name, sql in source_views:
            if name not in created:
                views.execute(sql)
        for relation, column, comment in comments:
            if relation in LEFT_OUT:
                continue
            target = f'COLUMN "{relation}"."{column}"' if column else f'VIEW "{relation}"'
            views.execute(f"COMMENT ON {target} IS {_sql_string(comment)}")
    finally:
        views.close()


def _analyst_views_sql() -> str:
    return resources.files("schemas").joinpath("views.sql").read_text(encoding="utf-8")


def _swap_in(partial: Path, out: Path) -> None:
    """Replace `out` by the finished snapshot; the old one is removed only once the new one is in place."""
    previous = out.with_name(out.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    partial.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
