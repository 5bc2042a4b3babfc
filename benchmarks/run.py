"""`make bench`: ingest and search figures for the whole shared corpus.

Every figure is reported beside a baseline measured in the same run on the
same files, so results from different machines can be compared as ratios:

* ingest wall time ÷ lxml parse-only time (``etree.parse`` of every file,
  one after another, with the reader's own safe parser settings);
* peak resident memory of the ingest process tree, sampled every 50 ms;
* store (SQLite) and index (Tantivy) size on disk;
* search latency (top-10 with snippets) over ``benchmarks/queries.txt``,
  p50/p95/p99, after one warm-up pass.

Writes ``benchmarks/out/results.json`` and prints a Markdown summary that
``docs/benchmarks.md`` quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from lxml import etree

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS)")
    return files


def parse_only_seconds(files: list[Path]) -> float:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, collect_ids=False, load_dtd=False
    )
    start = time.perf_counter()
    for path in files:
        etree.parse(str(path), parser)
    return time.perf_counter() - start


class PeakRSS:
    """Samples the summed RSS of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._stop.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def ingest_seconds(db: Path, files: list[Path]) -> tuple[float, int, str]:
    cmd = [str(Path(sys.executable).parent / "frus"), "--db", str(db), "ingest", *map(str, files)]
    env = {**os.environ, "COLUMNS": "120"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    with PeakRSS(proc.pid) as sampler:
        out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"error: ingest failed ({proc.returncode}):\n{out[-2000:]}")
    return seconds, sampler.peak, out


def dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def load_queries(path: Path) -> list[str]:
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def search_latencies(db: Path, queries: list[str], rounds: int) -> dict:
    from frus import Corpus
    from frus.errors import FrusError

    corpus = Corpus.open(db, readonly=True)
    timings: list[float] = []
    errors: list[str] = []
    zero = 0
    for q in queries:  # warm-up: first touch of every posting list
        try:
            corpus.search(q, limit=10)
        except FrusError as err:
            errors.append(f"{q}: {err}")
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            try:
                result = corpus.search(q, limit=10)
            except FrusError:
                continue
            timings.append((time.perf_counter() - start) * 1000)
            if result.total == 0:
                zero += 1
    corpus.close()
    return {
        "queries": len(queries),
        "rounds": rounds,
        "p50_ms": round(percentile(timings, 50), 2),
        "p95_ms": round(percentile(timings, 95), 2),
        "p99_ms": round(percentile(timings, 99), 2),
        "mean_ms": round(statistics.fmean(timings), 2),
        "zero_hit_runs": zero,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", default=HERE / "out" / "results.json")
    args = parser.parse_args()

    files = corpus_files(Path(args.corpus))
    corpus_bytes = sum(p.stat().st_size for p in files)
    queries = load_queries(HERE / "queries.txt")

    parse_s = parse_only_seconds(files)
    with tempfile.TemporaryDirectory(prefix="frus-bench-") as tmp:
        db = Path(tmp) / "frus.db"
        ingest_s, peak, out = ingest_seconds(db, files)
        index_dir = Path(str(db) + ".index")
        sizes = {"store_bytes": dir_size(db), "index_bytes": dir_size(index_dir) if index_dir.exists() else 0}
        search = search_latencies(db, queries, args.rounds)

    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        },
        "corpus": {"volumes": len(files), "bytes": corpus_bytes},
        "parse_only_s": round(parse_s, 2),
        "ingest_s": round(ingest_s, 2),
        "ingest_over_parse": round(ingest_s / parse_s, 2),
        "peak_rss_mib": round(peak / 2**20, 1),
        **sizes,
        "search": search,
        "ingest_tail": out.strip().splitlines()[-12:],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")

    mb = corpus_bytes / 1e6
    print(f"corpus: {len(files)} volumes, {mb:.1f} MB; machine: {os.cpu_count()} cores")
    print("| figure | value |\n|---|---|")
    print(f"| lxml parse-only (sequential) | {parse_s:.2f} s |")
    print(f"| frus ingest (wall, both cores) | {ingest_s:.2f} s |")
    print(f"| ingest ÷ parse-only | {ingest_s / parse_s:.2f}× |")
    print(f"| peak RSS (ingest process tree) | {peak / 2**20:.0f} MiB |")
    print(f"| store size (SQLite) | {sizes['store_bytes'] / 1e6:.1f} MB |")
    print(f"| index size (Tantivy) | {sizes['index_bytes'] / 1e6:.1f} MB |")
    print(
        f"| search top-10 + snippets, {search['queries']} queries × {search['rounds']} | "
        f"p50 {search['p50_ms']} ms, p95 {search['p95_ms']} ms, p99 {search['p99_ms']} ms |"
    )
    if search["errors"]:
        print("query errors:", *search["errors"], sep="\n  ")


if __name__ == "__main__":
    main()
