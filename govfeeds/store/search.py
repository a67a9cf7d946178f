"""`govfeeds search`: rank live statements against free text, BM25, without ever locking the file.

The database file is attached READ_ONLY to an in-memory DuckDB; whatever search builds (the
candidate table, the fts index) lives in that in-memory database and is gone when the search
ends. So a search never takes the write lock nor writes the file, and runs alongside analysts'
tools that have the file open read-only. While the pipeline loads (seconds) it waits.

Two ways to rank, same output columns (SearchResult.columns), same filters:

- `fts`: DuckDB's full-text extension (`PRAGMA create_fts_index`, `match_bm25`: BM25 with the
  Porter stemmer and English stop words). It is used when `LOAD fts` succeeds, i.e. when the
  extension is installed for this DuckDB version (`INSTALL fts` needs the internet once). The index
  is built in memory over the statements that pass the filters, on each search: a cost of
  roughly a second per 100 000 statements, paid instead of a write lock on the shared file.
- `scan` (the fallback, always available): the same BM25 formula (k1 = 1.2, b = 0.75) computed in
  plain SQL over the statements that contain a query term, with words split on anything that is
  not a letter or digit, lower-cased, without stemming or stop words; the document length is the
  statement's word_count. Rankings agree with `fts` on exact-word queries; `fts` also matches
  other forms of a word (alert/alerts).

Copies collapse into their original (statements.copy_of): a repost that matches brings its
original, which is listed once, with its best-scoring text's score and every site that carried it
(`sites`: the original's own first, then its copies', sorted).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import duckdb

from govfeeds.errors import DatabaseLocked
from govfeeds.store.connection import lock_holder

Method = Literal["auto", "fts", "scan"]

COLUMNS = ("score", "statement_id", "published_at", "site", "doc_type", "title", "url", "sites")

#: BM25 parameters, DuckDB's fts defaults, used by the scan so both rank alike.
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class SearchResult:
    method: str  # "fts" or "scan": which one ranked
    columns: tuple[str, ...]
    rows: list[tuple]


def terms_of(text: str) -> list[str]:
    """Lower-cased words of the query, each once, in order."""
    return list(dict.fromkeys(re.findall(r"[^\W_]+", text.lower())))


def fts_available(connection: duckdb.DuckDBPyConnection) -> bool:
    try:
        connection.execute("LOAD fts")
    except duckdb.Error:
        return False
    return True


def search(
    db: Path,
    text: str,
    *,
    since: date | None = None,
    country: str | None = None,
    doc_type: str | None = None,
    limit: int = 20,
    method: Method = "auto",
    wait_seconds: float = 0.0,
) -> SearchResult:
    """The best `limit` live statements for `text`, best first, among those passing the filters.

    `since`: published (or first seen) on or after that day; `country`: the statement concerns that
    ISO code; `doc_type`: exactly that type. Raises ValueError when `method="fts"` cannot be loaded.
    """
    terms = terms_of(text)
    connection = duckdb.connect()  # in memory: the only database this search writes
    try:
        _attach_read_only(connection, Path(db), wait_seconds)
        use_fts = method == "fts" or (method == "auto" and fts_available(connection))
        if use_fts and not fts_available(connection):
            raise ValueError("DuckDB's fts extension cannot be loaded here; run `INSTALL fts` once with internet, or use --method scan")
        if not terms:
            return SearchResult("fts" if use_fts else "scan", COLUMNS, [])
        _load_candidates(connection, since, country, doc_type)
        if use_fts:
            _rank_fts(connection, " ".join(terms))
        else:
            _rank_scan(connection, terms)
        return SearchResult("fts" if use_fts else "scan", COLUMNS, _collapse_copies(connection, limit))
    finally:
        connection.close()


def _attach_read_only(connection: duckdb.DuckDBPyConnection, db: Path, wait_seconds: float) -> None:
    """ATTACH the file as `govfeeds`, READ_ONLY, waiting like govfeeds.store.connection.connect while a load holds it."""
    if not db.exists():
        raise FileNotFoundError(f"database {db} does not exist yet; run `govfeeds run` (or `govfeeds demo`) first")
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            connection.execute("ATTACH ? AS govfeeds (READ_ONLY)", [str(db)])
            return
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if time.monotonic() >= deadline:
                raise DatabaseLocked(f"{db} is being written by {lock_holder(error)}; search again in a few seconds") from error
            time.sleep(0.25)


def _load_candidates(connection: duckdb.DuckDBPyConnection, since: date | None, country: str | None, doc_type: str | None) -> None:
    """The filtered statements, copied into the in-memory database (table `docs`)."""
    connection.execute(
        """
        CREATE TABLE docs AS
        SELECT statement_id, copy_of, published_at, site, doc_type, title, url, body_text,
               greatest(coalesce(word_count, length(body_text) // 6), 1) AS doc_length
        FROM govfeeds.statements_v
        WHERE ($since IS NULL OR coalesce(published_at, first_seen_at) >= CAST($since AS DATE))
          AND ($country IS NULL OR list_contains(countries, upper($country)))
          AND ($doc_type IS NULL OR doc_type = $doc_type)
        """,
        {"since": since, "country": country, "doc_type": doc_type},
    )


def _rank_fts(connection: duckdb.DuckDBPyConnection, query: str) -> None:
    """Every matching statement's score, into table `scored`."""
    connection.execute("PRAGMA create_fts_index('docs', 'statement_id', 'title', 'body_text')")
    connection.execute(
        """
        CREATE TABLE scored AS
        SELECT statement_id, score FROM (SELECT statement_id, fts_main_docs.match_bm25(statement_id, $query) AS score FROM docs)
        WHERE score IS NOT NULL
        """,
        {"query": query},
    )


def _collapse_copies(connection: duckdb.DuckDBPyConnection, limit: int) -> list[tuple]:
    """The best `limit` statements of `scored`, each copy folded into its live original, with the sites that carried it."""
    return connection.execute(
        """
        WITH keyed AS (
            SELECT CASE WHEN d.copy_of IN (SELECT statement_id FROM govfeeds.statements_v) THEN d.copy_of ELSE s.statement_id END AS key,
                   s.score
            FROM scored s JOIN docs d USING (statement_id)
        ),
        best AS (SELECT key, max(score) AS score FROM keyed GROUP BY key),
        copy_sites AS (
            SELECT copy_of AS key, list(DISTINCT site ORDER BY site) AS sites FROM govfeeds.statements_v
            WHERE copy_of IN (SELECT key FROM best) GROUP BY copy_of
        )
        SELECT round(b.score, 4) AS score, o.statement_id, o.published_at, o.site, o.doc_type, o.title, o.url,
               list_concat([o.site], coalesce(c.sites, CAST([] AS VARCHAR[]))) AS sites
        FROM best b JOIN govfeeds.statements_v o ON o.statement_id = b.key LEFT JOIN copy_sites c ON c.key = b.key
        ORDER BY b.score DESC, o.published_at DESC NULLS LAST, o.statement_id
        LIMIT $limit
        """,
        {"limit": limit},
    ).fetchall()


def _rank_scan(connection: duckdb.DuckDBPyConnection, terms: list[str]) -> None:
    """BM25 in SQL: tokenise only the statements containing a term, count, score; into table `scored`."""
    connection.execute(
        r"""
        CREATE TABLE scored AS
        WITH terms AS (SELECT unnest($terms::VARCHAR[]) AS term),
        corpus AS (SELECT count(*) AS n, avg(doc_length) AS avg_length FROM docs),
        candidates AS (
            SELECT statement_id, doc_length, lower(title || ' ' || body_text) AS text FROM docs
            WHERE EXISTS (SELECT 1 FROM terms WHERE contains(lower(docs.title || ' ' || docs.body_text), term))
        ),
        tokens AS (SELECT statement_id, unnest(string_split_regex(text, '[^\pL\pN]+')) AS token FROM candidates),
        frequencies AS (
            SELECT statement_id, token AS term, count(*) AS tf FROM tokens
            WHERE token IN (SELECT term FROM terms) GROUP BY statement_id, token
        ),
        document_frequencies AS (SELECT term, count(*) AS df FROM frequencies GROUP BY term),
        scores AS (
            SELECT f.statement_id,
                   sum(ln((corpus.n - d.df + 0.5) / (d.df + 0.5) + 1)
                       * f.tf * ($k1 + 1) / (f.tf + $k1 * (1 - $b + $b * c.doc_length / corpus.avg_length))) AS score
            FROM frequencies f
            JOIN document_frequencies d USING (term)
            JOIN candidates c USING (statement_id)
            CROSS JOIN corpus
            GROUP BY f.statement_id
        )
        SELECT statement_id, score FROM scores
        """,
        {"terms": terms, "k1": K1, "b": B},
    )
