"""The store: every SQL statement and every DuckDB connection of govfeeds lives in this package.

Tables are declared once, in schemas/ddl.sql (views in schemas/views.sql); rows go in by column
name through Arrow (`tables`). One module per part of the data: `feeds` (poll state), `statements`
(versions, deletions), `enrichment`, `walks` (backfill checkpoints, reconciliation listings),
`alerts`, `loads` (the spool into the database), `reads` (what the CLI asks), `catalog`, `search`
and `export`. `connection` opens the file: schema, storage version, memory limit, lock waits.
"""
