"""`make bench`, part 2: frus at the size of the whole FRUS series.

The shared corpus is 42 volumes (115 MB of TEI, 11,757 documents); the
published series is about 1.5 GB.  This script grows a corpus of that size
by copying the shared volumes under new volume ids (``frus1969-76v12`` →
``frus1969-76v12r1`` …, rewritten wherever the id occurs, so every copy
is a distinct volume with distinct document ids), ingests it with the
``frus`` command, and measures the fixed query set
(``benchmarks/queries.txt``) the way the web and the CLI run it: the
top 20 hits with snippets and all the default facet counts.

Every latency is set beside the raw Tantivy time for the same query in
the same run: the same compiled query through tantivy-py alone — top 20
with their stored documents, the same facet aggregation, and Tantivy's
own SnippetGenerator on the body of each hit — so the overhead of frus
(parsing, snippets that follow phrases and fields, SQLite metadata) is
measured, not guessed.  A second baseline leaves Tantivy's snippets out.

    .venv/bin/python benchmarks/scale.py              # full size (~1.5 GB)
    .venv/bin/python benchmarks/scale.py --scale 0.1  # a quick check
    .venv/bin/python benchmarks/scale.py --workdir DIR  # keep the corpus in DIR
    .venv/bin/python benchmarks/scale.py --measure DIR/frus.db  # queries only, again

Writes ``benchmarks/out/scale.json`` and prints a Markdown summary.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from run import PeakRSS, corpus_files, dir_size, ingest_seconds, load_queries, percentile  # noqa: E402

#: the published series, in bytes of TEI
FULL_SERIES_BYTES = 1_500_000_000
ROWS = 20
TARGETS = {"p95_ms": 30.0, "p99_ms": 100.0, "ratio": 1.5, "ingest_s": 180.0, "peak_rss_mib": 1536.0}


# --------------------------------------------------------------------------
# Growing the corpus
# --------------------------------------------------------------------------


def copy_volume(source: Path, target_dir: Path, volume_id: str, new_id: str) -> Path:
    """Stream ``source`` to ``<new_id>.xml``, renaming the volume id wherever it occurs.

    Line by line: the largest line of the shared volumes is a few kB, so
    memory stays flat whatever the size of the corpus.
    """
    pattern = re.compile(re.escape(volume_id.encode()) + rb"(?![A-Za-z0-9])")
    target = target_dir / f"{new_id}.xml"
    replacement = new_id.encode()
    with source.open("rb") as fin, target.open("wb") as fout:
        for line in fin:
            fout.write(pattern.sub(replacement, line))
    return target


def grow(files: list[Path], copies: int, target_dir: Path) -> tuple[int, float]:
    """``copies`` copies of every file (the first one as is); return bytes and seconds."""
    started = time.perf_counter()
    total = 0
    for path in files:
        total += shutil.copyfile(path, target_dir / path.name).stat().st_size
    for copy in range(1, copies):
        for path in files:
            volume_id = path.stem
            total += copy_volume(path, target_dir, volume_id, f"{volume_id}r{copy}").stat().st_size
    return total, time.perf_counter() - started


# --------------------------------------------------------------------------
# Queries: frus against raw Tantivy
# --------------------------------------------------------------------------


def measure(db: Path, queries: list[str], rounds: int) -> dict:
    import tantivy

    from frus import Corpus
    from frus.errors import FrusError
    from frus.search import engine
    from frus.search import facets as facet_counts

    from frus.store.index import TantivyIndex
    from frus.store.location import index_dir_for

    corpus = Corpus.open(db, readonly=True)
    # the same index, opened on its own for the raw Tantivy runs
    index = TantivyIndex(index_dir_for(db), readonly=True)
    tantivy_index = index.tantivy_index
    request = facet_counts.request(facet_counts.DEFAULT_FACETS, facet_counts.DEFAULT_LIMIT)

    def frus_run(q: str) -> tuple[float, int]:
        start = time.perf_counter()
        result = corpus.search(q, limit=ROWS)
        return (time.perf_counter() - start) * 1000, result.total

    def raw_run(q: str, query, snippets: bool) -> float:
        start = time.perf_counter()
        searcher = index.searcher()
        result = searcher.search(query, ROWS, count=True)
        docs = [searcher.doc(address) for _, address in result.hits]
        if result.count:
            searcher.aggregate(query, request)
        if snippets and docs:
            generator = tantivy.SnippetGenerator.create(searcher, query, tantivy_index.schema, "body")
            for doc in docs:
                generator.snippet_from_doc(doc).to_html()
        return (time.perf_counter() - start) * 1000

    compiled: dict[str, object] = {}
    errors: list[str] = []
    for q in queries:  # warm-up: first touch of every posting list, compile once for raw
        try:
            corpus.search(q, limit=ROWS)
            compiled[q] = engine.prepare(q, tantivy_index, vocabulary=index.vocabulary).query
        except FrusError as err:
            errors.append(f"{q}: {err}")
    per_query: dict[str, dict[str, list[float]]] = {q: {"frus": [], "raw": [], "raw_nosnip": []} for q in compiled}
    totals: dict[str, int] = {}
    for _ in range(rounds):
        for q, query in compiled.items():
            # interleaved, so both see the same machine
            ms, totals[q] = frus_run(q)
            per_query[q]["frus"].append(ms)
            per_query[q]["raw"].append(raw_run(q, query, snippets=True))
            per_query[q]["raw_nosnip"].append(raw_run(q, query, snippets=False))
    corpus.close()
    index.close()

    def summary(kind: str) -> dict:
        values = [v for runs in per_query.values() for v in runs[kind]]
        return {
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "p99_ms": round(percentile(values, 99), 2),
            "mean_ms": round(statistics.fmean(values), 2),
        }

    medians = {q: {k: statistics.median(v) for k, v in runs.items()} for q, runs in per_query.items()}
    ratios = [m["frus"] / m["raw"] for m in medians.values() if m["raw"] > 0]
    slowest = sorted(medians.items(), key=lambda kv: -kv[1]["frus"])[:10]
    return {
        "queries": len(compiled),
        "rounds": rounds,
        "frus": summary("frus"),
        "raw_tantivy": summary("raw"),
        "raw_tantivy_without_snippets": summary("raw_nosnip"),
        "ratio_of_means": round(
            statistics.fmean(m["frus"] for m in medians.values()) / statistics.fmean(m["raw"] for m in medians.values()), 2
        ),
        "median_query_ratio": round(statistics.median(ratios), 2),
        "queries_within_1_5x": sum(r <= 1.5 for r in ratios),
        "zero_hit_queries": sum(1 for t in totals.values() if t == 0),
        "slowest": [
            {"query": q, "frus_ms": round(m["frus"], 2), "raw_ms": round(m["raw"], 2), "total": totals[q]}
            for q, m in slowest
        ],
        "errors": errors,
    }


def query_process_rss(db: Path, queries: list[str]) -> float:
    """Peak RSS (MiB) of a fresh process running every query once, as a server would."""
    import subprocess

    code = (
        "import sys; from frus import Corpus\n"
        "c = Corpus.open(sys.argv[1], readonly=True)\n"
        "for q in open(sys.argv[2], encoding='utf-8').read().split('\\n'):\n"
        "    q = q.strip()\n"
        "    if q and not q.startswith('#'):\n"
        "        try: c.search(q, limit=20)\n"
        "        except Exception: pass\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), str(HERE / "queries.txt")])
    with PeakRSS(proc.pid) as sampler:
        proc.wait()
    return round(sampler.peak / 2**20, 1)


# --------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full series (1.0 = ~1.5 GB of TEI)")
    parser.add_argument("--copies", type=int, help="copies of the shared volumes (overrides --scale)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", help="where to build the corpus (default: a temporary directory, removed after)")
    parser.add_argument("--out", default=HERE / "out" / "scale.json")
    parser.add_argument("--measure", metavar="DB", help="only measure the queries on a corpus built before")
    args = parser.parse_args()
    if args.measure:
        # queries only: the figures replace the "search" part of --out, so
        # the ingest figures of the run that built the corpus are kept
        search = measure(Path(args.measure), load_queries(HERE / "queries.txt"), args.rounds)
        out = Path(args.out)
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["search"] = search
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(json.dumps(search, indent=2))
        return

    files = corpus_files(Path(args.corpus))
    base = sum(p.stat().st_size for p in files)
    copies = args.copies or max(1, round(args.scale * FULL_SERIES_BYTES / base))
    queries = load_queries(HERE / "queries.txt")

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="frus-scale-"))
    try:
        tei = work / "tei"
        tei.mkdir(parents=True, exist_ok=True)
        corpus_bytes, grow_s = grow(files, copies, tei)
        print(f"grew {copies} copies: {corpus_bytes / 1e9:.2f} GB of TEI in {grow_s:.0f} s", flush=True)
        db = work / "frus.db"
        ingest_s, peak, ingest_out = ingest_seconds(db, [tei])
        print(f"ingested in {ingest_s:.0f} s, peak RSS {peak / 2**20:.0f} MiB", flush=True)
        shutil.rmtree(tei)  # the TEI is not needed to search: free the disk
        index_dir = Path(str(db) + ".index")
        from frus import Corpus

        with Corpus.open(db, readonly=True) as corpus:
            documents = sum(v.document_count for v in corpus.volumes())
        sizes = {"store_bytes": dir_size(db), "index_bytes": dir_size(index_dir)}
        search = measure(db, queries, args.rounds)
        query_rss = query_process_rss(db, queries)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    results = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "corpus": {"copies": copies, "volumes": copies * len(files), "documents": documents, "bytes": corpus_bytes},
        "ingest_s": round(ingest_s, 1),
        "ingest_mb_per_s": round(corpus_bytes / 1e6 / ingest_s, 1),
        "peak_rss_mib": round(peak / 2**20, 1),
        "query_process_peak_rss_mib": query_rss,
        **sizes,
        "search": search,
        "targets": TARGETS,
        "ingest_tail": ingest_out.strip().splitlines()[-3:],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")

    f, r, n = search["frus"], search["raw_tantivy"], search["raw_tantivy_without_snippets"]

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗"

    print(
        f"\ncorpus: {copies} × {len(files)} volumes, {corpus_bytes / 1e9:.2f} GB, {documents:,} documents; "
        f"machine: {os.cpu_count()} cores"
    )
    print("| figure | value | target |\n|---|---|---|")
    print(f"| ingest (wall, both cores) | {ingest_s:.0f} s ({results['ingest_mb_per_s']} MB/s) | ≤ 180 s {mark(ingest_s <= 180)} |")
    print(f"| peak RSS, ingest process tree | {peak / 2**20:.0f} MiB | ≤ 1536 MiB {mark(peak / 2**20 <= 1536)} |")
    print(f"| peak RSS, a process running the query set | {query_rss:.0f} MiB | |")
    print(f"| store (SQLite) / index (Tantivy) | {sizes['store_bytes'] / 1e9:.2f} GB / {sizes['index_bytes'] / 1e9:.2f} GB | |")
    print(
        f"| frus: top {ROWS} + snippets + {len(facet_names())} facets, {search['queries']} queries × {search['rounds']} | "
        f"p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms, p99 {f['p99_ms']} ms | "
        f"p95 ≤ 30 {mark(f['p95_ms'] <= 30)}, p99 ≤ 100 {mark(f['p99_ms'] <= 100)} |"
    )
    print(f"| raw Tantivy, same work (Tantivy's snippets) | p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, p99 {r['p99_ms']} ms | |")
    print(f"| raw Tantivy without snippets | p50 {n['p50_ms']} ms, p95 {n['p95_ms']} ms, p99 {n['p99_ms']} ms | |")
    print(
        f"| frus ÷ raw Tantivy | {search['ratio_of_means']}× (means), {search['median_query_ratio']}× (median query); "
        f"{search['queries_within_1_5x']}/{search['queries']} queries within 1.5× | ≤ 1.5× "
        f"{mark(search['ratio_of_means'] <= 1.5)} |"
    )
    if search["errors"]:
        print("query errors:", *search["errors"], sep="\n  ")


def facet_names() -> tuple[str, ...]:
    from frus.search.facets import DEFAULT_FACETS

    return DEFAULT_FACETS


if __name__ == "__main__":
    main()
