"""Load test of the web reader: 20 concurrent clients on loopback, bounded in time.

Starts ``frus serve`` (uvicorn, one process, as a historian would run it) on
a free 127.0.0.1 port over a corpus ingested from the shared corpus, then
runs a fixed number of client threads for a fixed duration against each
page in turn: the document page (random real document ids) and the search
page (queries from ``benchmarks/queries.txt``).  Each client holds one
keep-alive connection, as a browser does, and sends its next request as soon
as the last is answered (a closed loop), so throughput is what the server
sustains at that concurrency and latency includes the queueing it causes.

Reports p50/p95/p99 latency and requests per second for each page, the
machine's load average before and after, and fails (exit 1) on any non-200
answer.  Only ever talks to 127.0.0.1.

    .venv/bin/python benchmarks/load.py                  # ingest into a temp dir
    .venv/bin/python benchmarks/load.py --db /tmp/frus.db --duration 10
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"  # never anything else
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUERIES = HERE / "queries.txt"
TARGETS_MS = {"document": 50.0, "search": 150.0}


def free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def frus_command() -> list[str]:
    return [sys.executable, "-m", "frus.cli"]


def build_corpus(source: Path, folder: Path) -> Path:
    db = folder / "frus.db"
    print(f"ingesting {source} into {db} …", file=sys.stderr)
    started = time.perf_counter()
    subprocess.run([*frus_command(), "--db", str(db), "ingest", str(source)], check=True, stdout=subprocess.DEVNULL)
    print(f"ingested in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return db


def document_ids(db: Path) -> list[str]:
    from frus.corpus import Corpus

    with contextlib.closing(Corpus.open(db, readonly=True)) as corpus:
        return [d.id for v in corpus.volumes() for d in corpus.documents(v.id)]


def queries() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in QUERIES.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@contextlib.contextmanager
def server(db: Path, port: int):
    proc = subprocess.Popen(
        [*frus_command(), "--db", str(db), "serve", "--host", HOST, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"frus serve exited: {proc.stderr.read().strip()}")
            with contextlib.suppress(OSError):
                socket.create_connection((HOST, port), timeout=0.2).close()
                break
            time.sleep(0.1)
        else:
            raise SystemExit("frus serve did not start within 30 s")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # milliseconds
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def client(port: int, paths: list[str], stop_at: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    mine: list[float] = []
    errors: list[str] = []
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        while time.perf_counter() < stop_at:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"{path}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors.append(f"{path}: HTTP {response.status}")
    finally:
        conn.close()
    with tally.lock:
        tally.latencies.extend(mine)
        tally.errors.extend(errors)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def run(port: int, name: str, paths: list[str], clients: int, duration: float, warmup: int) -> dict:
    # a few requests first, so the page cache and Tantivy's readers are warm
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    for path in paths[:warmup]:
        conn.request("GET", path)
        conn.getresponse().read()
    conn.close()
    tally = Tally()
    stop_at = time.perf_counter() + duration
    started = time.perf_counter()
    threads = [
        threading.Thread(target=client, args=(port, paths, stop_at, seed, tally), daemon=True)
        for seed in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    elapsed = time.perf_counter() - started
    lat = tally.latencies
    return {
        "page": name,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(lat),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:5],
        "throughput_rps": round(len(lat) / elapsed, 1),
        "p50_ms": round(statistics.median(lat), 1) if lat else None,
        "p95_ms": round(percentile(lat, 95), 1) if lat else None,
        "p99_ms": round(percentile(lat, 99), 1) if lat else None,
        "target_p95_ms": TARGETS_MS[name],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--db", type=Path, help="an ingested corpus (default: ingest the shared corpus into a temp dir)"
    )
    parser.add_argument(
        "--corpus", type=Path,
        default=Path(os.environ.get("FRUS_CORPUS", "/work/shared/corpus")) / "frus",
        help="TEI folder to ingest when --db is not given ($FRUS_CORPUS/frus)",
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 1 <= args.duration <= 600:
        parser.error("--clients must be 1..200 and --duration 1..600 seconds")

    with tempfile.TemporaryDirectory(prefix="frus-load-") as tmp:
        db = args.db or build_corpus(args.corpus, Path(tmp))
        rng = random.Random(args.seed)
        ids = document_ids(db)
        doc_paths = [f"/historicaldocuments/{i}" for i in rng.sample(ids, min(2000, len(ids)))]
        search_paths = [f"/search?{urlencode({'q': q})}" for q in queries()]
        rng.shuffle(search_paths)
        port = free_port()
        load_before = os.getloadavg()
        results = []
        with server(db, port):
            for name, paths in (("document", doc_paths), ("search", search_paths)):
                print(f"{name}: {args.clients} clients for {args.duration:g} s …", file=sys.stderr)
                results.append(run(port, name, paths, args.clients, args.duration, warmup=20))
        load_after = os.getloadavg()

    report = {
        "documents_in_corpus": len(ids),
        "document_paths": len(doc_paths),
        "search_queries": len(search_paths),
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "results": results,
    }
    print(f"{'page':<10}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'target':>9}{'errors':>8}")
    for r in results:
        verdict = "ok" if r["p95_ms"] is not None and r["p95_ms"] <= r["target_p95_ms"] else "MISSED"
        print(
            f"{r['page']:<10}{r['requests']:>10}{r['throughput_rps']:>9}{r['p50_ms']:>9}{r['p95_ms']:>9}"
            f"{r['p99_ms']:>9}{r['target_p95_ms']:>7g} {verdict:<2}{r['errors']:>6}"
        )
    print(f"load average before {report['loadavg_before']}, after {report['loadavg_after']} ({report['cpus']} CPUs)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if any(r["errors"] for r in results):
        for r in results:
            for e in r["first_errors"]:
                print(f"error: {e}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
