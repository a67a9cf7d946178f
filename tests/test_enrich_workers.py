"""Large groups are enriched in worker processes (tasks/enrich.py): same results, another process, and a dead worker costs nothing but time."""

from __future__ import annotations

import os
import signal
from datetime import datetime

import pytest

import tasks.enrichment
from govfeeds.settings import Settings
from schemas.enrichment import EnrichmentInput
from tasks.enrich import POOL_MIN_STATEMENTS, enrich_all, worker_pool

WITH_WORKER = Settings(enrich_processes=1)


def statements(count: int) -> list[EnrichmentInput]:
    """Statements that differ in people, places and dates, so a mixed-up order would show."""
    return [
        EnrichmentInput(
            title=f"Remarks by Ambassador Ruth Okafor at the opening of trade office {n}",
            text=f"Ambassador Ruth Okafor met Minister of Trade Daniel Mensah {n} in Accra on March {n % 28 + 1}, 2024.\n"
                 f"The office will open to Kenyan and Ghanaian exporters on May {n % 30 + 1}, 2024.",
            published=datetime(2024, 3, 1, 12),
            site="gh.usembassy.gov",
        )
        for n in range(count)
    ]


def test_a_large_group_is_enriched_in_another_process_with_the_same_results() -> None:
    documents = statements(POOL_MIN_STATEMENTS + 20)
    pool = worker_pool(WITH_WORKER)
    assert pool is not None and pool.submit(os.getpid).result() != os.getpid()

    assert enrich_all(documents, WITH_WORKER) == tasks.enrichment.enrich_each(documents)


def test_small_groups_and_no_worker_processes_stay_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    in_this_process = tasks.enrichment.enrich_each
    monkeypatch.setattr(tasks.enrichment, "enrich_each", lambda docs: seen.append(len(docs)) or in_this_process(docs))

    enrich_all(statements(POOL_MIN_STATEMENTS - 1), WITH_WORKER)
    enrich_all(statements(POOL_MIN_STATEMENTS), Settings(enrich_processes=0))

    assert seen == [POOL_MIN_STATEMENTS - 1, POOL_MIN_STATEMENTS]
    assert worker_pool(Settings(enrich_processes=0)) is None


def test_a_killed_worker_leaves_the_group_to_this_process_and_the_next_group_a_new_pool() -> None:
    documents = statements(POOL_MIN_STATEMENTS)
    pool = worker_pool(WITH_WORKER)
    os.kill(pool.submit(os.getpid).result(), signal.SIGKILL)

    assert enrich_all(documents, WITH_WORKER) == tasks.enrichment.enrich_each(documents)
    fresh = worker_pool(WITH_WORKER)
    assert fresh is not pool and fresh.submit(os.getpid).result() != os.getpid()
