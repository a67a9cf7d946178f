"""Enrichment throughput on one core.

Enriches the labelled dev set (``shared/eval/dev``, or ``tests/enrichment/labelled`` when the
shared folder is absent) repeated to about 2,000 statements and prints statements/second,
next to a baseline - ``html_to_text`` alone over the same statements - as a ratio.
Target: >= 200 statements/s for enrichment.

    .venv/bin/python bench/enrich_throughput.py [--n 2000] [--dir PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from schemas.enrichment import EnrichmentInput  # noqa: E402
from tasks.enrichment import ENRICHER_VERSION, enrich  # noqa: E402
from govfeeds.html_text import html_to_text  # noqa: E402

DEFAULT_DIRS = (ROOT.parent / "shared" / "eval" / "dev", Path("/work/shared/eval/dev"), ROOT / "tests" / "enrichment" / "labelled")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="statements to process")
    parser.add_argument("--dir", type=Path, default=None, help="folder of labelled *.json statements")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    directory = args.dir or next(d for d in DEFAULT_DIRS if d.is_dir() and any(d.glob("*.json")))
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]
    batch = [records[i % len(records)] for i in range(args.n)]

    t0 = time.perf_counter()
    texts = [html_to_text(r["html"]) for r in batch]
    baseline = time.perf_counter() - t0

    inputs = [
        EnrichmentInput(title=r["title"], text=t, published=r.get("published"), categories=r.get("categories") or [],
                        site=r.get("site"), feed_title=r.get("feed_title"))
        for r, t in zip(batch, texts)
    ]
    enrich(inputs[0])  # warm-up: builds the per-language tables once
    t0 = time.perf_counter()
    for doc in inputs:
        enrich(doc)
    elapsed = time.perf_counter() - t0

    rate = len(inputs) / elapsed
    base_rate = len(batch) / baseline
    print(f"enricher {ENRICHER_VERSION}: {len(inputs)} statements from {directory} ({len(records)} distinct)")
    print(f"enrich:        {rate:8.1f} statements/s  ({elapsed * 1000 / len(inputs):.2f} ms each)")
    print(f"html_to_text:  {base_rate:8.1f} statements/s  (baseline)")
    print(f"ratio enrich/html_to_text time: {elapsed / baseline:.1f}x   target >= 200/s: {'OK' if rate >= 200 else 'BELOW'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
