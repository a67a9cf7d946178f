"""Republished statements: the pure part of telling a repost from an original (issue 16).

Embassies repost the ministries' statements under their own byline, with a header line, a footer
("Originally published at ..."), a new title prefix and sometimes a sentence of their own. This
module holds the decision; govfeeds/store/copies.py keeps the index and runs it after each load.

- **Text**: the body only (reposts change the title), one line per block element. Each line is cut
  into word shingles of SHINGLE words (a shorter line is one shingle); every shingle is a stable
  32-bit hash, so the sketches persisted in the database mean the same thing in every process.
- **Candidates** (bounded): a MinHash (NUM_PERM permutations, datasketch's affine32 scheme,
  computed here bit for bit: importing datasketch loads scipy.integrate, ~40 MB of every
  loading process's RSS, for nothing this module uses) of all the body's shingles, cut into BANDS bands of ROWS values; each band's hash is stored as a
  band key, and the statements sharing a band key with a new one, on *another site*, are its
  candidates (at most MAX_CANDIDATES, those sharing most bands). A statement is never compared with
  its own site's: a site does not republish itself, and same-site look-alikes are edits (versions)
  or template siblings.
- **Template**: a line (digits and month names masked, so dates do not tell lines apart) that appears in
  another statement of the same site is that site's template: alert headings, Location / Actions to
  Take / Assistance blocks, a mission's repost header and footer. A statement's *core* is the
  shingles of its other lines: what it says that its site does not say every time.
- **Decision**: two statements are copies when the smaller core lies at least THRESHOLD inside the
  larger (an added header, footer or sentence does not lower it; an edited sentence lowers it a
  little), both cores have MIN_CORE shingles or more, and the smaller is at least MIN_RATIO of the
  larger (a short notice quoted inside a long statement is no repost). Two template-built alerts
  about different events share only template lines, so their cores do not overlap.
- **Original**: of a statement and everything it copies, the earliest published wins (ties: first
  seen, then the id); a copy points at the original of that one, so chains collapse.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import numpy as np

SHINGLE = 4
NUM_PERM = 128
BANDS, ROWS = 32, 4  # a pair with Jaccard 0.6 shares a band with probability 0.99, 0.3 with 0.23
SEED = 1
SCHEME = "affine32"  # datasketch's scheme that minhash() reproduces (tests/test_copies.py checks it against datasketch)
THRESHOLD = 0.8
MIN_CORE = 8
MIN_RATIO = 0.4
MAX_CANDIDATES = 50

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
_MONTH = re.compile(r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\b")


def _words(line: str) -> list[str]:
    return _WORD.findall(line.casefold())


def _hash32(text: str) -> int:
    return zlib.crc32(text.encode("utf-8"))


@dataclass(frozen=True)
class Fingerprint:
    """A body cut up for comparison: each line's template key and shingles."""

    lines: tuple[tuple[int, frozenset[int]], ...]

    @property
    def line_keys(self) -> set[int]:
        return {key for key, _ in self.lines}

    @property
    def shingles(self) -> frozenset[int]:
        return frozenset().union(*(shingles for _, shingles in self.lines))

    def core(self, template: Iterable[int] = ()) -> frozenset[int]:
        """The shingles of the lines that are not the site's template."""
        template = set(template)
        return frozenset().union(*(shingles for key, shingles in self.lines if key not in template))


def fingerprint(body_text: str) -> Fingerprint:
    """`body_text` (one block element per line) as line keys and shingles; blank lines are left out."""
    lines = []
    for raw in body_text.splitlines():
        words = _words(raw)
        if not words:
            continue
        key = line_key(words)
        windows = [words] if len(words) < SHINGLE else [words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)]
        lines.append((key, frozenset(_hash32(" ".join(window)) for window in windows)))
    return Fingerprint(tuple(lines))


def line_key(words: list[str]) -> int:
    """The line's template key: its words with digits and month names masked, hashed (a BIGINT in the database)."""
    return _hash32(_MONTH.sub("month", _DIGIT.sub("0", " ".join(words))))


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch 2.x MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations: odd `a`, any `b`."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch's affine schemes apply to each input hash first."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def minhash(shingles: Iterable[int]) -> np.ndarray:
    """The NUM_PERM MinHash values (uint32) of 32-bit shingle hashes: datasketch's `hashvalues` after
    MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashfunc=identity).update_batch(shingles)."""
    a, b = _permutations()
    hashes = _fmix32(np.fromiter(shingles, dtype=np.uint32).reshape(-1, 1))
    return (hashes * a + b).min(axis=0, initial=np.iinfo(np.uint32).max)


def band_keys(shingles: Iterable[int]) -> list[int]:
    """The LSH band keys of a shingle set (signed 64-bit, one per band); none when it is too small to be a copy."""
    shingles = list(shingles)
    if len(shingles) < MIN_CORE:
        return []
    values = minhash(shingles)
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8, person=band.to_bytes(2, "big"))
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """How much of the smaller core lies inside the larger: 0.0 when either is too small to judge, or too unequal."""
    small, large = sorted((len(a), len(b)))
    if small < MIN_CORE or small < MIN_RATIO * large:
        return 0.0
    return len(a & b) / small


def is_copy(score: float) -> bool:
    return score >= THRESHOLD


@dataclass(frozen=True)
class Held:
    """A statement as the decision needs it: where, when, and its core."""

    statement_id: str
    site: str
    published_at: datetime | None
    first_seen_at: datetime
    core: frozenset[int]

    @property
    def order(self) -> tuple[datetime, datetime, str]:
        """Earliest published first; ties by first seen, then id (a statement with no date counts from its first sighting)."""
        return (self.published_at or self.first_seen_at, self.first_seen_at, self.statement_id)


def matches(subject: Held, candidates: Iterable[Held]) -> dict[str, float]:
    """The candidates (of other sites) that `subject` is a copy of, or that copy it, with their similarity."""
    found = {}
    for other in candidates:
        if other.statement_id == subject.statement_id or other.site == subject.site:
            continue
        score = similarity(subject.core, other.core)
        if is_copy(score):
            found[other.statement_id] = score
    return found


def originals(subjects: Iterable[Held], matched: Mapping[str, Mapping[str, float]], held: Mapping[str, Held],
              stored: Mapping[str, str | None]) -> dict[str, tuple[str | None, float | None]]:
    """Each subject's original (None for an original) and its similarity to the statement it matched.

    Subjects are settled earliest first, so an earlier subject's new original is known when a
    later one points through it; a statement that is no subject keeps its `stored` copy_of.
    """
    settled: dict[str, tuple[str | None, float | None]] = {}
    for subject in sorted(subjects, key=lambda s: s.order):
        found = matched.get(subject.statement_id, {})
        earlier = [sid for sid in found if sid in held and held[sid].order < subject.order]
        if not earlier:
            settled[subject.statement_id] = (None, None)
            continue
        first = min(earlier, key=lambda sid: held[sid].order)
        root = settled[first][0] if first in settled else stored.get(first)
        settled[subject.statement_id] = (root or first, found[first])
    return settled
