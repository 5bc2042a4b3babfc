"""Load test of the web reader: 20 concurrent clients on loopback, bounded in time.

Starts ``frus serve --workers N`` on a free 127.0.0.1 port over a corpus
ingested from the shared corpus, once for each N asked for, and drives two
pages in turn: the document page (ids drawn at random from every document
in the corpus) and the search page (the queries of ``benchmarks/queries.txt``
with the default facets, as the search box sends them).

The load comes from ``wrk`` (Debian package ``wrk``) when it is installed:
a C program that costs the server's cores far less than Python clients
would, which matters on a small machine where both share the cores.  Its
script ``benchmarks/load.lua`` picks a random path from a file for every
request.  Without wrk, Python threads do the same job (``--generator
python``), less cheaply.  Either way each client holds one keep-alive
connection, as a browser does, and sends its next request as soon as the
last is answered (a closed loop), so throughput is what the server sustains
at that concurrency and latency includes the queueing it causes.  A few
seconds of the same load come first and are not counted (a fresh process
opens the index, fills the page cache and warms its caches).

Prints a markdown table ready for docs/benchmarks.md: p50/p95/p99 latency,
requests per second and the server's CPU time per request (all its
processes; needs psutil), with the machine's load average around each run.
Exits 1 on any answer that is not 200.  Only ever talks to 127.0.0.1.

    .venv/bin/python benchmarks/load.py --db /tmp/frus.db --workers 1,2
    .venv/bin/python benchmarks/load.py                 # ingest into a temp dir first
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"  # never anything else
HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.txt"
LUA = HERE / "load.lua"
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


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


@contextlib.contextmanager
def server(db: Path, port: int, workers: int):
    # a session of its own, so a server that will not stop can be killed whole
    proc = subprocess.Popen(
        [*frus_command(), "--db", str(db), "serve", "--host", HOST, "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"frus serve exited: {proc.stderr.read().strip()}")
            # a GET, not a connect: with several workers the socket listens
            # before the workers have loaded the app
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"http://{HOST}:{port}/", timeout=2) as answer:
                    if answer.status == 200:
                        break
            if time.monotonic() > deadline:
                raise SystemExit("frus serve did not answer within 60 s")
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def server_cpu_seconds(proc: subprocess.Popen) -> float | None:
    """User + system CPU of the server and its worker processes, if psutil is there."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(proc.pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                t = p.cpu_times()
                total += t.user + t.system
        return total
    except psutil.Error:
        return None


# --------------------------------------------------------------------------
# Load generators
# --------------------------------------------------------------------------


@dataclass
class Figures:
    requests: int
    seconds: float
    errors: int
    p50_ms: float | None
    p95_ms: float | None
    p99_ms: float | None
    first_errors: list[str] = field(default_factory=list)


def run_wrk(port: int, paths_file: Path, clients: int, duration: float, seed: int) -> Figures:
    threads = min(2, clients)
    command = [
        "wrk", f"-t{threads}", f"-c{clients}", f"-d{duration:g}s", "--timeout", "30s",
        "-s", str(LUA), f"http://{HOST}:{port}", "--", str(paths_file), str(seed),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 120)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed: {done.stderr.strip() or done.stdout.strip()}")
    # the script's done() prints one JSON line last
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    e = figures["errors"]
    errors = e["connect"] + e["read"] + e["write"] + e["status"] + e["timeout"]
    return Figures(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=errors,
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        first_errors=[f"wrk counted {k} errors: {v}" for k, v in e.items() if v],
    )


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # milliseconds
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def python_client(port: int, paths: list[str], stop_at: float, seed: int, tally: Tally) -> None:
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


def run_python(port: int, paths: list[str], clients: int, duration: float, seed: int) -> Figures:
    tally = Tally()
    stop_at = time.perf_counter() + duration
    started = time.perf_counter()
    threads = [
        threading.Thread(target=python_client, args=(port, paths, stop_at, seed * 1000 + i, tally), daemon=True)
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    lat = tally.latencies
    return Figures(
        requests=len(lat),
        seconds=time.perf_counter() - started,
        errors=len(tally.errors),
        p50_ms=statistics.median(lat) if lat else None,
        p95_ms=percentile(lat, 95) if lat else None,
        p99_ms=percentile(lat, 99) if lat else None,
        first_errors=tally.errors[:5],
    )


# --------------------------------------------------------------------------
# One page under load
# --------------------------------------------------------------------------


def measure(
    proc: subprocess.Popen, port: int, page: str, paths: list[str], paths_file: Path, args: argparse.Namespace,
    workers: int,
) -> dict:
    def load(seconds: float, seed: int) -> Figures:
        if args.generator == "wrk":
            return run_wrk(port, paths_file, args.clients, seconds, seed)
        return run_python(port, paths, args.clients, seconds, seed)

    if args.warmup > 0:
        load(args.warmup, args.seed + 1000)
    load_before = os.getloadavg()
    cpu_before = server_cpu_seconds(proc)
    figures = load(args.duration, args.seed)
    cpu_after = server_cpu_seconds(proc)
    load_after = os.getloadavg()
    cpu_ms = None
    if cpu_before is not None and cpu_after is not None and figures.requests:
        cpu_ms = (cpu_after - cpu_before) / figures.requests * 1000
    return {
        "workers": workers,
        "page": page,
        "clients": args.clients,
        "generator": args.generator,
        "seconds": round(figures.seconds, 1),
        "requests": figures.requests,
        "errors": figures.errors,
        "first_errors": figures.first_errors,
        "throughput_rps": round(figures.requests / figures.seconds, 1) if figures.seconds else 0.0,
        "p50_ms": _round(figures.p50_ms),
        "p95_ms": _round(figures.p95_ms),
        "p99_ms": _round(figures.p99_ms),
        "server_cpu_ms_per_request": _round(cpu_ms, 2),
        "target_p95_ms": TARGETS_MS[page],
        "loadavg_1min_before": round(load_before[0], 2),
        "loadavg_1min_after": round(load_after[0], 2),
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f} ms"


def markdown(report: dict) -> str:
    lines = [
        "| server | page | requests | req/s | p50 | p95 | p99 | server CPU / request | target p95 | load avg (1 min) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in report["results"]:
        met = r["p95_ms"] is not None and r["p95_ms"] <= r["target_p95_ms"]
        verdict = f"≤ {r['target_p95_ms']:g} ms — {'met' if met else '**missed**'}"
        cpu = "–" if r["server_cpu_ms_per_request"] is None else f"{r['server_cpu_ms_per_request']:.2f} ms"
        processes = f"{r['workers']} process{'es' if r['workers'] > 1 else ''}"
        lines.append(
            f"| {processes} | {r['page']} | {r['requests']:,} | {r['throughput_rps']:,.1f} | {_ms(r['p50_ms'])} "
            f"| {_ms(r['p95_ms'])} | {_ms(r['p99_ms'])} | {cpu} | {verdict} "
            f"| {r['loadavg_1min_before']:g} → {r['loadavg_1min_after']:g} |"
        )
    lines.append("")
    lines.append(
        f"{report['clients']} clients ({report['generator']}), {report['duration_s']:g} s per page after "
        f"{report['warmup_s']:g} s of warm-up; {report['documents_in_corpus']:,} documents, "
        f"{report['search_queries']} queries; {report['cpus']} CPUs; all answers 200: "
        f"{'yes' if not any(r['errors'] for r in report['results']) else 'NO'}."
    )
    return "\n".join(lines)


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
    parser.add_argument("--workers", default="1,2", help="server processes to try, comma-separated (default 1,2)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per page")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load before each page, not counted")
    parser.add_argument(
        "--generator", choices=("auto", "wrk", "python"), default="auto",
        help="wrk if installed (auto), or Python threads",
    )
    parser.add_argument("--pages", default="document,search", help="pages to load, comma-separated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    # stopped from outside: still stop the server (the context managers' finally)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not 1 <= args.clients <= 200 or not 1 <= args.duration <= 600 or not 0 <= args.warmup <= 60:
        parser.error("--clients must be 1..200, --duration 1..600 and --warmup 0..60 seconds")
    try:
        worker_counts = [int(w) for w in args.workers.split(",")]
    except ValueError:
        parser.error("--workers takes numbers separated by commas, e.g. 1,2")
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    if not pages or any(p not in TARGETS_MS for p in pages):
        parser.error(f"--pages takes {', '.join(TARGETS_MS)}")
    if args.generator == "auto":
        args.generator = "wrk" if shutil.which("wrk") else "python"
    elif args.generator == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --generator python")

    with tempfile.TemporaryDirectory(prefix="frus-load-") as tmp:
        db = args.db or build_corpus(args.corpus, Path(tmp))
        ids = document_ids(db)
        paths = {
            "document": [f"/historicaldocuments/{i}" for i in ids],
            "search": [f"/search?{urlencode({'q': q})}" for q in queries()],
        }
        files = {}
        for page, page_paths in paths.items():
            files[page] = Path(tmp) / f"{page}.paths"
            files[page].write_text("\n".join(page_paths) + "\n", encoding="utf-8")
        results = []
        for workers in worker_counts:
            port = free_port()
            with server(db, port, workers) as proc:
                for page in pages:
                    print(
                        f"{workers} process(es), {page}: {args.clients} clients ({args.generator}) "
                        f"for {args.duration:g} s …", file=sys.stderr,
                    )
                    results.append(measure(proc, port, page, paths[page], files[page], args, workers))

    report = {
        "documents_in_corpus": len(ids),
        "search_queries": len(paths["search"]),
        "clients": args.clients,
        "generator": args.generator,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "cpus": os.cpu_count(),
        "results": results,
    }
    print(markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if any(r["errors"] for r in results):
        for r in results:
            for e in r["first_errors"]:
                print(f"error: {e}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
