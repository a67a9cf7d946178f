"""Give freed heap memory back to the operating system between groups of work.

A poll allocates and frees a group's pages and statements from several threads. glibc keeps
what was freed in per-thread arenas, so the process's RSS ratchets up with each group even
though the Python objects are gone: a 20 000-statement backfill peaked ~80 MB higher than
with the memory handed back. `malloc_trim(0)` returns it, as Dask's workers do
(distributed.worker_memory). Elsewhere than glibc (macOS, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> None:
    """Return the heap's free pages to the OS (glibc only; a few milliseconds)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
