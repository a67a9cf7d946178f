"""The spool: fetched batches written to disk before they are loaded.

A group's batches (a group of feeds polled, a run of a walk's pages) are written here, one file
per group and one batch per line, as soon as the group is processed; a file is deleted only after
the load of its last batch has committed. If the database is locked, or the process dies
mid-load, nothing fetched is lost: the next run loads what is waiting. Loads are idempotent (see
`loads.batch_id`), so a batch loaded just before a crash and loaded again writes nothing twice.

One file per group rather than per batch: a steady poll of 300 feeds answering 304 spent ~0.3 s
of its ~1 s creating, reading and deleting 300 small files on the flow's one driving thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from schemas.statements import FeedBatch

#: Earlier versions wrote a file per batch (`.json`, one line): what they left is loaded the same way.
_PATTERNS = ("*.jsonl", "*.json")


def write(spool_dir: Path, batches: list[FeedBatch]) -> Path:
    """Store a group's batches atomically (write, then rename), in their order, and return the file's path.

    The rename guards against a process killed mid-write. There is no fsync (it cost 7 ms a
    file): a group lost to a power cut was never loaded, so the database still holds the old
    validators and the next poll fetches the same items again. Files are named after their
    first batch, so listing them by name gives the order of fetching (a walk's pages in page order).
    """
    spool_dir.mkdir(parents=True, exist_ok=True)
    first = batches[0]
    stamp = first.order or first.polled_at.strftime("%Y%m%dT%H%M%S%f")
    final = spool_dir / f"{stamp}-{first.feed.id}-{first.batch_id}.jsonl"
    partial = final.with_suffix(".partial")
    with open(partial, "wb") as handle:
        for batch in batches:
            handle.write(batch.model_dump_json().encode("utf-8") + b"\n")
    os.replace(partial, final)
    return final


def pending(spool_dir: Path) -> list[Path]:
    """Spooled files in the order they were fetched. Half-written files (.partial) are ignored."""
    if not spool_dir.is_dir():
        return []
    return sorted((path for pattern in _PATTERNS for path in spool_dir.glob(pattern)), key=lambda path: path.name)


def read(path: Path) -> Iterator[FeedBatch]:
    """The batches of a spooled file, one at a time (a group of 25 feeds may hold thousands of statements)."""
    with open(path, "rb") as handle:
        for line in handle:
            if line.strip():
                yield FeedBatch.model_validate_json(line)


def waiting(spool_dir: Path) -> int:
    """How many batches the spool holds: fetched, not yet loaded."""
    count = 0
    for path in pending(spool_dir):
        with open(path, "rb") as handle:
            count += sum(1 for line in handle if line.strip())
    return count
