"""govfeeds: ingest government press feeds into DuckDB with Prefect."""

__version__ = "0.1.0"
