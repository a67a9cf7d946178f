"""release_free_memory hands freed heap pages back: what keeps a long backfill's RSS flat (bench/)."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from govfeeds.memory import release_free_memory


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


@pytest.mark.skipif(not sys.platform.startswith("linux") or not ctypes.util.find_library("c"), reason="glibc's malloc_trim")
def test_freed_objects_scattered_among_live_ones_stop_counting_in_rss() -> None:
    blocks = [bytes(1000) + str(i).encode() for i in range(300_000)]  # ~300 MB of small objects
    survivors = blocks[::50]  # one in fifty stays alive, so no page is wholly free to glibc's own trimming
    del blocks
    before = rss_mb()
    release_free_memory()
    assert rss_mb() < before - 150, "the freed objects' pages are still resident"
    assert len(survivors) == 6000
