"""Enrichment rows: the scalar fields on `statements`, the list fields in their own tables.

Which scalar fields are stored is derived, not listed: every field of schemas.enrichment.Enrichment
that is also a column of `statements` (schemas/ddl.sql). A new scalar field therefore needs its
rule, its model field and its column, nothing here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import duckdb

from govfeeds.store import tables
from schemas.enrichment import Enrichment, Person
from schemas.statements import Statement

#: statement_id, the site's categories (stored as topics with source 'feed'), its enrichment.
Enriched = tuple[str, list[str], Enrichment]


def scalar_fields() -> list[str]:
    """Enrichment fields stored as columns of `statements`."""
    stored = set(tables.columns("statements"))
    return [name for name in Enrichment.model_fields if name in stored]


def write(connection: duckdb.DuckDBPyConnection, rows: list[Enriched], enricher_version: str, now: datetime) -> None:
    """Replace the enrichment of these statements: their columns and their people/countries/dates/topics rows."""
    if not rows:
        return
    fields = set(scalar_fields())
    tables.update(
        connection, "statements", "statement_id",
        [{"statement_id": sid, **e.model_dump(include=fields), "enriched_at": now, "enricher_version": enricher_version}
         for sid, _, e in rows],
    )
    ids = [sid for sid, _, _ in rows]
    children = {
        "statement_people": [{"statement_id": sid, "name": p.name, "title": p.title} for sid, _, e in rows for p in e.people],
        "statement_countries": [{"statement_id": sid, "country_code": c, "mentions": n} for sid, _, e in rows for c, n in e.countries.items()],
        "statement_dates": [{"statement_id": sid, "event_date": d} for sid, _, e in rows for d in e.event_dates],
        "statement_topics": [{"statement_id": sid, "topic": t, "source": "feed"} for sid, cats, _ in rows for t in dict.fromkeys(cats)]
        + [{"statement_id": sid, "topic": t, "source": "theme"} for sid, _, e in rows for t in e.themes],
    }
    for table, child_rows in children.items():
        connection.execute(f"DELETE FROM {table} WHERE statement_id IN (SELECT UNNEST(?))", [ids])
        tables.insert(connection, table, child_rows)


def stored(connection: duckdb.DuckDBPyConnection, ids: list[str]) -> tuple[list[tuple[Statement, str | None]], dict[str, Enrichment | None]]:
    """The statements (with their feed's title) and the enrichment currently stored for them (None: never enriched)."""
    fields = scalar_fields()
    statement_columns = [name for name in Statement.model_fields if name != "enrichment"]
    cursor = connection.execute(
        f"""
        SELECT {', '.join(f's.{name}' for name in statement_columns)}, f.title AS feed_title,
               {', '.join(f's.{name} AS enriched_{name}' for name in fields)}
        FROM statements s LEFT JOIN feeds f USING (feed_id) WHERE s.statement_id IN (SELECT UNNEST(?))
        """,
        [ids],
    )
    names = [column[0] for column in cursor.description]
    records = [dict(zip(names, row)) for row in cursor.fetchall()]
    children: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for sid, name, title in connection.execute(
        "SELECT statement_id, name, title FROM statement_people WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["people"].append(Person(name=name, title=title))
    for sid, code, mentions in connection.execute(
        "SELECT statement_id, country_code, mentions FROM statement_countries WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["countries"].append((code, mentions))
    for sid, day in connection.execute(
        "SELECT statement_id, event_date FROM statement_dates WHERE statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["event_dates"].append(day)
    for sid, topic in connection.execute(
        "SELECT statement_id, topic FROM statement_topics WHERE source = 'theme' AND statement_id IN (SELECT UNNEST(?))", [ids]
    ).fetchall():
        children[sid]["themes"].append(topic)
    statements, enrichments = [], {}
    for record in records:
        sid = record["statement_id"]
        values = {name: record[name] for name in statement_columns}
        values["categories"] = list(values["categories"] or [])
        statements.append((Statement.model_construct(**values), record["feed_title"]))
        scalars = {name: record[f"enriched_{name}"] for name in fields}
        child = children.get(sid, {})
        enrichments[sid] = None if scalars.get("doc_type") is None else Enrichment.model_validate(
            {**{k: v for k, v in scalars.items() if v is not None}, "people": child.get("people", []),
             "countries": dict(child.get("countries", [])), "event_dates": child.get("event_dates", []),
             "themes": child.get("themes", [])}
        )
    return statements, enrichments
