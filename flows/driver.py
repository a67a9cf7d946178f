"""The stage driver: groups of fetched batches through extract -> enrich -> spool -> load.

Poll, backfill and reconciliation all run their work through `drive`. They differ only in what
they fetch: each hands in an iterator of fetch-task futures (a group of feeds polled, a run of a
walk's pages), which the driver pulls FETCHES_AHEAD at a time, so the next groups are fetched
while the current ones are extracted and enriched (one Prefect task per stage per group, never
per statement: a task costs ~12 ms). Each finished batch is spooled and let go of, so memory holds
the window, not the run. Spooled statements are loaded behind the stages, one write connection at
a time while later groups are processed, and what is left at the end in a last load (tasks/load.py).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice

from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import opaque

from govfeeds import spool
from govfeeds.memory import release_free_memory
from govfeeds.settings import Settings
from govfeeds.store.loads import LoadResult
from schemas.statements import FeedBatch
from tasks.enrich import POOL_MIN_STATEMENTS, enrich_statements, start_worker_pool
from tasks.enrichment.language import load_model_in_background
from tasks.extract import extract_statements
from tasks.load import LoadsBehind

FETCHES_AHEAD = 4  # the task runner's workers: a steady poll's 304s are fetched four groups at a time
GROUPS_IN_FLIGHT = 2  # one group's pages are fetched while another is enriched

Fetches = Iterator[PrefectFuture]  # each resolves to list[FeedBatch]


def drive(fetches: Fetches, settings: Settings, on_spooled: Callable[[FeedBatch], None]) -> list[LoadResult]:
    """Run every fetched group through the stages, calling `on_spooled` with each finished batch; then load.

    Raises DatabaseLocked when the load cannot get the write lock: the spool keeps every batch.
    """
    fetching = deque(islice(fetches, FETCHES_AHEAD))
    processing: deque[PrefectFuture] = deque()
    loads = LoadsBehind(settings, behind=_on_thread_pool())
    while fetching or processing:
        if fetching and len(processing) < GROUPS_IN_FLIGHT:
            if processing and _first_finished(processing[0], fetching[0]) is processing[0]:
                loads.after(_spool(processing.popleft().result(), settings, on_spooled))  # not held back by a slow next fetch
                continue
            processing.append(_process(fetching.popleft(), settings))
            fetching.extend(islice(fetches, 1))
            continue
        loads.after(_spool(processing.popleft().result(), settings, on_spooled))
        release_free_memory()  # the group's statements, now on disk
    return loads.finish()


def _first_finished(processed: PrefectFuture, fetched: PrefectFuture) -> PrefectFuture:
    """Whichever of a group being processed and the next fetch finishes first.

    `_process` waits for its fetch, so without this a next page held up by a slow site (a
    timeout, a Retry-After) would keep an enriched group out of the spool, where a killed run
    would have kept it.
    """
    return next(as_completed([processed, fetched]))


def _spool(batches: list[FeedBatch], settings: Settings, on_spooled: Callable[[FeedBatch], None]) -> int:
    """Write a finished group to the spool; the number of statements it holds.

    A function of its own so that no local keeps the group's last batch through the load.
    """
    if not batches:
        return 0
    spool.write(settings.spool_dir, batches)
    for batch in batches:
        on_spooled(batch)
    return sum(len(batch.statements) for batch in batches)


def _process(fetched: PrefectFuture, settings: Settings) -> PrefectFuture:
    """Extract and enrich a fetched group; the future of its finished batches.

    A group with no candidates (all 304, the same body, errors, pages of posts already held) has
    nothing to extract: its batches go straight to the spool, without two more task runs.
    """
    candidates = sum(len(batch.candidates) for batch in fetched.result())
    if not candidates:
        return fetched
    if candidates >= POOL_MIN_STATEMENTS:
        start_worker_pool(settings)  # spawned beside this group's extract, not when its enrich begins
    else:
        load_model_in_background()  # the first enrich would wait ~0.9 s for py3langid's model
    extracted = extract_statements.submit(unwalked(fetched), settings)
    return enrich_statements.submit(unwalked(extracted), settings)


def unwalked(value: object) -> object:
    """`value` as a task argument that Prefect passes on without walking into it.

    By default Prefect walks every argument looking for futures, into every field of every
    statement: ~0.4 s per stage per 2 500 statements, on the GIL. `opaque` skips the walk, but
    prefect-dask 0.3.7 hands it to Dask, which turns the annotation into a plain tuple, so it is
    only used on the default thread-pool runner.
    """
    return opaque(value) if _on_thread_pool() else value


def _on_thread_pool() -> bool:
    """This flow runs its tasks on the default thread-pool runner (not Dask, whose workers may be other machines)."""
    context = FlowRunContext.get()
    return context is not None and isinstance(context.task_runner, ThreadPoolTaskRunner)
