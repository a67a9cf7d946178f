"""Load stage: the spool into DuckDB, as Prefect tasks holding the write connection for just that long."""

from __future__ import annotations

from threading import Event

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from govfeeds.settings import Settings
from govfeeds.store.loads import LoadResult, load_spool


@task(name="load", cache_policy=NO_CACHE)
def load_spooled(settings: Settings, wait_for_lock: bool = True) -> list[LoadResult]:
    """Load every batch waiting in the spool, oldest first (govfeeds.store.loads.load_spool).

    Without `wait_for_lock`, a database locked right now loads nothing and the task still completes.
    """
    return load_spool(settings, wait_for_lock=wait_for_lock)


class LoadsBehind:
    """Load windows run while the stage driver's later groups are still extracted and enriched, one at a time.

    Loading 2 000 statements after a walk's last enrich took ~3 s; loaded behind the stages, that
    runs beside them (enrichment is in worker processes: tasks/enrich.py), and what a killed run
    had loaded stays loaded.

    A load behind starts once statements were spooled and the previous one is done, and it takes
    the write lock only if it is free right now: a SQL tool holding the file delays nothing, and
    the run's last load (`finish`) is the one that waits for the lock and raises DatabaseLocked.
    A steady poll spools no statements, so it keeps its one load window at the end. So does a
    flow on another task runner (Dask), with `behind` False: its tasks run in workers, perhaps on
    other machines, and the database is the flow's process's file.
    """

    def __init__(self, settings: Settings, behind: bool = True) -> None:
        self.settings = settings
        self.enabled = behind
        self.results: list[LoadResult] = []
        self.running: PrefectFuture | None = None
        self.done = Event()

    def after(self, spooled_statements: int) -> None:
        """Start a load behind the stages if statements were just spooled and no load is running."""
        if not self.enabled or not spooled_statements or (self.running is not None and not self.done.is_set()):
            return
        self._collect()
        self.done.clear()
        self.running = load_spooled.submit(self.settings, wait_for_lock=False)
        self.running.add_done_callback(lambda _: self.done.set())

    def finish(self) -> list[LoadResult]:
        """What every load stored, after a last load of whatever is still spooled."""
        self._collect()
        return [*self.results, *load_spooled(self.settings)]

    def _collect(self) -> None:
        if self.running is not None:
            self.results.extend(self.running.result())
            self.running = None
