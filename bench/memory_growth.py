"""Where a first poll's memory goes: the poll flow in this process, under tracemalloc, with RSS at each point.

    .venv/bin/python -m bench.memory_growth --statements 5000 [--trace run|base|off] [--frames 1] [--top 12]

Serves `--statements` posts from loopback WordPress sites (bench/sites.py, 100 posts a site),
starts a Prefect server (tests/prefect_server.py), as `python -m bench --only memory` does, then
in this process: imports what the flow needs one module at a time, enriches one statement (the
enrichment models load on first use), and runs `flows.poll.poll_feeds`, taking a measurement

- after each import and after the warm-up enrichment (the base),
- when the flow starts (its first, empty-spool load),
- after each quarter of the statements has been spooled,
- before the load, after each quarter of the batches loaded, around copy detection, and after the load,
- after the flow returned, and again after gc + malloc_trim.

Each measurement has VmRSS/VmHWM (anonymous and file-backed), glibc's heap (mallinfo2: in use and
free but kept), what tracemalloc traces (Python objects, excluding tracemalloc's own bookkeeping,
and the most of them at once since the previous point),
Arrow's pool and, during the load, DuckDB's duckdb_memory(). A thread samples VmRSS every 50 ms
so the peak is put in the phase it happened in. Between consecutive points the allocation sites
that grew most are printed (tracemalloc `compare_to`, by line, or by traceback with --frames > 1).

tracemalloc costs memory of its own (reported) and time: it traces from the flow's start
(`--trace run`), or only the imports and models (`--trace base`, then exits); `--trace off` gives RSS alone.
Peak RSS here is for the same flow as bench/workloads.py, plus this script's bookkeeping.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import importlib
import json
import os
import resource
import sys
import threading
import time
import tracemalloc
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def say(text: str) -> None:
    """A line on the real stdout: in the flow, print() becomes Prefect's log (log_prints=True), at WARNING here."""
    sys.__stdout__.write(text + "\n")
    sys.__stdout__.flush()


#: What the base is made of, imported in this order (each one's RSS is what it adds to the ones before).
IMPORTS = ("httpx", "feedparser", "duckdb", "pyarrow", "lxml.html", "trafilatura", "pydantic", "prefect", "tasks.enrichment", "flows.poll")

_IGNORED = (tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen importlib._bootstrap>"),
            tracemalloc.Filter(False, "<frozen importlib._bootstrap_external>"), tracemalloc.Filter(False, "<unknown>"))


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallinfo2.restype = _Mallinfo2
        return libc
    except (OSError, AttributeError):
        return None


LIBC = _libc()
MB = 1024 * 1024


def status() -> dict[str, float]:
    """VmRSS, VmHWM, RssAnon, RssFile in MB and the thread count, from /proc/self/status."""
    out: dict[str, float] = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) / 1024
            elif key == "Threads":
                out[key] = int(value)
    return out


class Sampler(threading.Thread):
    """VmRSS every 50 ms; the highest seen in each phase (a phase ends at each measurement)."""

    def __init__(self) -> None:
        super().__init__(daemon=True, name="rss-sampler")
        self.phase = "start"
        self.peaks: dict[str, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.05):
            rss = status()["VmRSS"]
            if rss > self.peaks.get(self.phase, 0.0):
                self.peaks[self.phase] = rss


class Recorder:
    def __init__(self, trace: bool, frames: int, top: int) -> None:
        self.trace, self.frames, self.top = trace, frames, top
        self.points: list[dict] = []
        self.snapshots: list[tuple[str, tracemalloc.Snapshot]] = []
        self.sampler = Sampler()
        self.sampler.start()
        self.extra: dict = {}

    def point(self, name: str, *, snapshot: bool = True, **extra) -> None:
        record: dict = {"point": name, "t": round(time.perf_counter() - STARTED, 1), **status()}
        if LIBC is not None:
            info = LIBC.mallinfo2()
            record["heap_in_use"] = (info.uordblks + info.hblkhd) / MB  # glibc malloc: live blocks (also mmapped ones)
            record["heap_free_kept"] = info.fordblks / MB  # freed but still mapped in glibc's arenas
        if self.trace:
            current, peak = tracemalloc.get_traced_memory()
            record["py_traced"] = current / MB
            record["py_phase_peak"] = peak / MB  # the most Python memory at once since the previous point
            tracemalloc.reset_peak()
            record["tracemalloc_own"] = tracemalloc.get_tracemalloc_memory() / MB
        if "pyarrow" in sys.modules:
            record["arrow_pool"] = sys.modules["pyarrow"].total_allocated_bytes() / MB
        record.update(extra)
        record["phase_peak_rss"] = self.sampler.peaks.get(self.sampler.phase, record["VmRSS"])
        self.points.append(record)
        self.sampler.phase = name
        say(_line(record))
        if self.trace and snapshot:
            snap = tracemalloc.take_snapshot().filter_traces(_IGNORED)
            if self.snapshots:
                self.compare(self.snapshots[-1], (name, snap))
            self.snapshots.append((name, snap))

    def compare(self, before: tuple[str, tracemalloc.Snapshot], after: tuple[str, tracemalloc.Snapshot], top: int | None = None) -> None:
        key = "traceback" if self.frames > 1 else "lineno"
        stats = after[1].compare_to(before[1], key)
        grown = sum(stat.size_diff for stat in stats)
        say(f"    python objects {before[0]} -> {after[0]}: {grown / MB:+.1f} MB; grew most:")
        for stat in sorted(stats, key=lambda s: s.size_diff, reverse=True)[: top or self.top]:
            if stat.size_diff <= 0:
                break
            frames = stat.traceback.format(limit=self.frames) if self.frames > 1 else [str(stat.traceback[0])]
            where = frames[0].strip() if self.frames == 1 else " <- ".join(f.strip() for f in stat.traceback.format(limit=self.frames) if f.strip().startswith("File"))
            say(f"      {stat.size_diff / MB:+7.2f} MB {stat.count_diff:+8d} blocks  {_short(where)}")

    def by_file(self, name: str, limit: int = 15) -> None:
        """The traced Python memory of one snapshot, by package (what the base's Python objects are)."""
        snap = dict(self.snapshots)[name]
        totals: dict[str, int] = {}
        for stat in snap.statistics("filename"):
            totals[_package(stat.traceback[0].filename)] = totals.get(_package(stat.traceback[0].filename), 0) + stat.size
        say(f"    python objects at {name}, by package:")
        for package, size in sorted(totals.items(), key=lambda item: -item[1])[:limit]:
            say(f"      {size / MB:7.1f} MB  {package}")


def _short(where: str) -> str:
    return where.replace(str(ROOT) + "/", "").replace(str(ROOT / ".venv" / "lib"), "venv")


def _package(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/")[1].split("/")[0]
    if filename.startswith(str(ROOT)):
        return "/".join(filename[len(str(ROOT)) + 1 :].split("/")[:2])
    return "stdlib/" + Path(filename).name if "/python3" in filename else filename


def _line(record: dict) -> str:
    keys = ("VmRSS", "phase_peak_rss", "RssAnon", "RssFile", "heap_in_use", "heap_free_kept", "py_traced", "py_phase_peak", "tracemalloc_own",
            "arrow_pool", "duckdb")
    parts = [f"{key}={record[key]:.1f}" for key in keys if isinstance(record.get(key), float)]
    extra = {k: v for k, v in record.items() if k not in keys and k not in ("point", "t", "VmHWM") and not isinstance(v, float)}
    return f"[{record['t']:7.1f}s] {record['point']:<28} " + " ".join(parts) + (f" {extra}" if extra else "")


def duckdb_memory(connection) -> dict:
    """DuckDB's own account of its memory: total and the largest tags, with its limit and threads."""
    rows = connection.execute("SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory() ORDER BY 2 DESC").fetchall()
    limit, threads = connection.execute("SELECT current_setting('memory_limit'), current_setting('threads')").fetchone()
    return {"duckdb": sum(row[1] for row in rows) / MB, "duckdb_tags": {tag: round(used / MB, 1) for tag, used, _ in rows[:3] if used},
            "duckdb_limit": limit, "duckdb_threads": threads}


def instrument(recorder: Recorder, statements: int, *, trace_from_flow: bool) -> None:
    """Wrap the spool writes and the load to take measurements at the quarters of the run."""
    from govfeeds import spool
    from govfeeds.store import loads
    import tasks.load

    spooled = {"statements": 0, "next": 1}
    write = spool.write

    def counting_write(spool_dir, batches):
        path = write(spool_dir, batches)
        spooled["statements"] += sum(len(batch.statements) for batch in batches)
        while spooled["next"] <= 4 and spooled["statements"] >= spooled["next"] * statements / 4:
            recorder.point(f"spooled {spooled['next']}/4 ({spooled['statements']})")
            spooled["next"] += 1
        return path

    spool.write = counting_write

    calls = {"load_spool": 0, "batches": 0, "total": 0, "next": 1}
    load_spool = loads.load_spool

    def measured_load_spool(settings, **options):
        calls["load_spool"] += 1
        pending = spool.waiting(settings.spool_dir)
        if calls["load_spool"] == 1:
            if trace_from_flow:  # from here on: tracing the imports too makes a run ~20x slower
                tracemalloc.start(recorder.frames)
                recorder.trace = True
            recorder.point("flow started")
            return load_spool(settings, **options)
        calls.update(batches=0, total=pending, next=1)
        recorder.point(f"load start ({pending} batches)")
        results = load_spool(settings, **options)
        recorder.point("load done")
        return results

    tasks.load.load_spool = measured_load_spool
    load_batches = loads.load_batches

    def measured_load_batches(connection, batches):
        result = load_batches(connection, batches)
        calls["batches"] += len(batches)
        if calls["total"] and calls["next"] < 4 and calls["batches"] >= calls["next"] * calls["total"] / 4:
            recorder.point(f"loaded {calls['next']}/4", **duckdb_memory(connection))
            calls["next"] += 1
        return result

    loads.load_batches = measured_load_batches
    from govfeeds.store import copies

    detect = copies.detect

    def measured_detect(connection, *args, **kwargs):
        recorder.point("copy detection start", **duckdb_memory(connection))
        found = detect(connection, *args, **kwargs)
        recorder.point("copy detection done", **duckdb_memory(connection))
        return found

    copies.detect = measured_detect


def warm_enrichment() -> None:
    """Enrich one demo statement: loads the language, NER and name models the first poll loads."""
    from govfeeds.demo.content import FOUNDING_STATEMENT
    from govfeeds.html_text import html_to_text
    from schemas.enrichment import EnrichmentInput
    import tasks.enrichment as enrichment

    text = html_to_text(FOUNDING_STATEMENT.html)
    enrichment.enrich(EnrichmentInput(title=FOUNDING_STATEMENT.title, text=text, published=FOUNDING_STATEMENT.date,
                                      categories=list(FOUNDING_STATEMENT.categories), site="bench.example"))


STARTED = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--statements", type=int, default=5000)
    parser.add_argument("--posts-per-site", type=int, default=100)
    parser.add_argument("--frames", type=int, default=1, help="traceback depth; > 1 groups growth by traceback")
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("--trace", choices=("off", "base", "run"), default="run",
                        help="tracemalloc from the flow's start (run), from the process start up to the loaded models, then exit "
                        "(base: what the base's Python objects are), or not at all (off: RSS alone)")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work-memory")
    parser.add_argument("--json", type=Path, help="write the measurements here")
    args = parser.parse_args()
    trace = args.trace == "base"
    if trace:
        tracemalloc.start(args.frames)
    recorder = Recorder(trace, args.frames, args.top)
    recorder.point("start")

    from bench.__main__ import _prefect_server_module, write_registry
    from bench.sites import SiteSpec, site_farm

    import shutil

    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    servers = _prefect_server_module()
    spec = SiteSpec(sites=max(1, args.statements // args.posts_per_site), posts=args.posts_per_site)
    with ExitStack() as stack:
        api_url = stack.enter_context(servers.running_prefect_server(args.work / "prefect"))
        feeds = stack.enter_context(site_farm({"memory": spec}))
        os.environ.update(servers.server_env(args.work / "prefect", api_url))
        os.environ.update(PYTHONPATH=str(ROOT), PREFECT_LOGGING_LEVEL="WARNING")
        registry = write_registry(args.work / "memory.toml", "memory", feeds["memory"])
        recorder.point("server and sites up")
        for module in IMPORTS:
            importlib.import_module(module)
            recorder.point(f"import {module}", snapshot=module == IMPORTS[-1])
        if trace:
            recorder.by_file(f"import {IMPORTS[-1]}")
        warm_enrichment()
        recorder.point("enrichment models loaded")
        if trace:
            recorder.by_file("enrichment models loaded")
            return 0
        instrument(recorder, spec.sites * spec.posts, trace_from_flow=args.trace == "run")
        from flows.poll import poll_feeds

        state = poll_feeds(db=str(args.work / "memory.duckdb"), registry=str(registry), return_state=True)
        summary = state.result()
        inserted = sum(report.new for report in summary.feeds)
        recorder.point("flow returned", inserted=inserted)
        del state, summary
        gc.collect()
        if LIBC is not None:
            LIBC.malloc_trim(0)
        recorder.point("gc + malloc_trim")
    recorder.sampler.stopped.set()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    phase, phase_peak = max(recorder.sampler.peaks.items(), key=lambda item: item[1])
    say(f"\npeak RSS (ru_maxrss) {peak:.1f} MB, highest sample {phase_peak:.1f} MB in the phase after '{phase}'; "
          f"{inserted} statements")
    if recorder.trace and len(recorder.snapshots) > 2:
        names = [name for name, _ in recorder.snapshots]
        first = next(i for i, name in enumerate(names) if name == "flow started")
        last = next((i for i, name in enumerate(names) if name.startswith("load start")), len(names) - 1)
        say("\nwhat the run kept, flow start -> before the load:")
        recorder.compare(recorder.snapshots[first], recorder.snapshots[last], top=args.top * 2)
        say("\nwhat the run kept, flow start -> after gc:")
        recorder.compare(recorder.snapshots[first], recorder.snapshots[-1], top=args.top * 2)
    if args.json:
        args.json.write_text(json.dumps({"statements": inserted, "peak_rss_mb": peak, "points": recorder.points,
                                         "phase_peaks": recorder.sampler.peaks}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
