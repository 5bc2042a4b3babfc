"""`make bench`: ingest and search figures for the whole shared corpus.

Every figure is reported beside a baseline measured in the same run on the
same files, so results from different machines can be compared as ratios:

* ingest wall time ÷ lxml parse-only time (``etree.parse`` of every file,
  one after another, with the reader's own safe parser settings), and the
  CPU the ingest process tree used (its workers included);
* the floor under ingest: raw Tantivy (``benchmarks/tantivy_floor.py``,
  no frus code) indexing the same documents' title, body and footnotes
  with the fields and analyzers frus's query language needs, as
  ``raw ÷ parse-only`` and ``ingest ÷ (parse-only + raw)``;
* peak resident memory of the ingest process tree, sampled every 50 ms;
* store (SQLite) and index (Tantivy) size on disk;
* search latency (top-10 with snippets) over ``benchmarks/queries.txt``,
  p50/p95/p99, after one warm-up pass.

Every timed step prints the load average beside it: on a shared machine
wall times swing with the other jobs, CPU seconds much less.

Writes ``benchmarks/out/results.json`` and prints a Markdown summary that
``docs/benchmarks.md`` quotes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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
sys.path.insert(0, str(HERE))

import tantivy_floor  # noqa: E402  (a sibling script)


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS)")
    return files


def parse_only(files: list[Path]) -> dict:
    """Wall and CPU seconds of lxml parsing every file, one after another."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, collect_ids=False, load_dtd=False
    )
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        etree.parse(str(path), parser)
    return {"wall_s": round(time.perf_counter() - start, 3), "cpu_s": round(time.process_time() - cpu, 3)}


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


def load() -> float:
    return round(os.getloadavg()[0], 2)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def frus_command() -> str:
    return str(Path(sys.executable).parent / "frus")


def has_no_link() -> bool:
    """Whether ``frus ingest`` links after ingesting unless told ``--no-link``."""
    usage = subprocess.run([frus_command(), "ingest", "--help"], capture_output=True, text=True).stdout
    return "--no-link" in usage


def ingest_run(db: Path, files: list[Path], options: list[str]) -> dict:
    """One ``frus ingest`` of ``files`` into a new store: wall, CPU of the process tree, peak RSS."""
    cmd = [frus_command(), "--db", str(db), "ingest", *options, *map(str, files)]
    env = {**os.environ, "COLUMNS": "120"}
    before, cpu = load(), children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    with PeakRSS(proc.pid) as sampler:
        out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"error: ingest failed ({proc.returncode}):\n{out[-2000:]}")
    return {
        "wall_s": round(seconds, 2),
        # the frus process reaps its workers, so their CPU is counted too
        "cpu_s": round(children_cpu() - cpu, 2),
        "peak_rss": sampler.peak,
        "load_before": before,
        "load_after": load(),
        "out": out,
    }


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
    parser.add_argument(
        "--link",
        action="store_true",
        help="time `frus ingest` with its linking step (by default --no-link: issue 2 times reading and indexing)",
    )
    parser.add_argument(
        "--runs", type=int, default=1, help="ingest and raw-Tantivy runs; the median is reported (a busy machine)"
    )
    parser.add_argument("--out", default=HERE / "out" / "results.json")
    args = parser.parse_args()

    files = corpus_files(Path(args.corpus))
    corpus_bytes = sum(p.stat().st_size for p in files)
    queries = load_queries(HERE / "queries.txt")

    # linking (issue 7's step after ingest) is timed by benchmarks/link_stage.py
    options = ["--no-link"] if not args.link and has_no_link() else []
    parse_runs, ingests, floors = [], [], []
    with tempfile.TemporaryDirectory(prefix="frus-bench-") as tmp:
        for run in range(args.runs):
            # the baseline, frus and raw Tantivy one after the other, so
            # each ratio compares figures taken under the same load
            parse_runs.append(parse_only(files) | {"load": load()})
            db = Path(tmp) / f"frus{run}.db"
            ingests.append(ingest_run(db, files, options))
            texts = tantivy_floor.load_texts(db)
            floor = tantivy_floor.run_variant(texts)
            floors.append({k: round(v, 2) for k, v in floor.items()} | {"load": load()})
            del texts
        index_dir = Path(str(db) + ".index")
        sizes = {"store_bytes": dir_size(db), "index_bytes": dir_size(index_dir) if index_dir.exists() else 0}
        search = search_latencies(db, queries, args.rounds)

    parse_s = statistics.median(r["wall_s"] for r in parse_runs)
    parse_cpu = statistics.median(r["cpu_s"] for r in parse_runs)
    ingest_s = statistics.median(r["wall_s"] for r in ingests)
    ingest_cpu = statistics.median(r["cpu_s"] for r in ingests)
    raw_s = statistics.median(r["wall_s"] for r in floors)
    raw_cpu = statistics.median(r["cpu_s"] for r in floors)
    peak = max(r["peak_rss"] for r in ingests)
    out = ingests[-1]["out"]

    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        },
        "corpus": {"volumes": len(files), "bytes": corpus_bytes},
        "parse_only_s": round(parse_s, 2),
        "parse_only_cpu_s": round(parse_cpu, 2),
        "ingest_command": " ".join(["frus ingest", *options]),
        "ingest_s": round(ingest_s, 2),
        "ingest_cpu_s": round(ingest_cpu, 2),
        "raw_tantivy_s": round(raw_s, 2),
        "raw_tantivy_cpu_s": round(raw_cpu, 2),
        "ingest_over_parse": round(ingest_s / parse_s, 2),
        "raw_tantivy_over_parse": round(raw_s / parse_s, 2),
        "ingest_over_parse_plus_raw": round(ingest_s / (parse_s + raw_s), 2),
        "runs": {
            "parse_only": parse_runs,
            "ingest": [{k: v for k, v in r.items() if k != "out"} for r in ingests],
            "raw_tantivy": floors,
        },
        "peak_rss_mib": round(peak / 2**20, 1),
        **sizes,
        "search": search,
        "ingest_tail": out.strip().splitlines()[-12:],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")

    mb = corpus_bytes / 1e6
    loads = sorted({r["load_before"] for r in ingests} | {r["load_after"] for r in ingests})
    print(f"corpus: {len(files)} volumes, {mb:.1f} MB; machine: {os.cpu_count()} cores; "
          f"load average during the ingest runs {loads[0]}–{loads[-1]}; medians of {args.runs} run(s)")
    print("| figure | value |\n|---|---|")
    print(f"| lxml parse-only (sequential) | {parse_s:.2f} s |")
    print(f"| `{results['ingest_command']}` (wall, both cores) | {ingest_s:.2f} s ({ingest_cpu:.1f} s CPU) |")
    print(f"| raw Tantivy, same texts and text fields (wall) | {raw_s:.2f} s ({raw_cpu:.1f} s CPU) |")
    print(f"| ingest ÷ parse-only | {ingest_s / parse_s:.2f}× |")
    print(f"| raw Tantivy ÷ parse-only | {raw_s / parse_s:.2f}× |")
    print(f"| ingest ÷ (parse-only + raw Tantivy) | {ingest_s / (parse_s + raw_s):.2f}× |")
    # what a quiet machine would show at best: all the CPU spread over two cores
    print(f"| CPU: ingest ÷ 2 cores ÷ parse-only | {ingest_cpu / 2 / parse_cpu:.2f}× |")
    print(f"| CPU: raw Tantivy ÷ 2 cores ÷ parse-only | {raw_cpu / 2 / parse_cpu:.2f}× |")
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
