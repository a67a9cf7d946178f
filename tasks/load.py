"""Load stage: the spool into DuckDB, as one Prefect task holding the write connection for just that long."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NO_CACHE

from govfeeds.settings import Settings
from govfeeds.store.loads import LoadResult, load_spool


@task(name="load", cache_policy=NO_CACHE)
def load_spooled(settings: Settings) -> list[LoadResult]:
    """Load every batch waiting in the spool, oldest first (govfeeds.store.loads.load_spool)."""
    return load_spool(settings)
