"""What "index in the background" would buy: ingest timed up to the SQLite commit.

One design for a faster ``frus ingest`` returns once SQLite holds the
volumes and leaves the Tantivy index to catch up afterwards, the lag
tracked by each volume's ``generation``/``indexed_generation`` (the
bookkeeping ``frus.store.sync`` already keeps for interrupted runs).
This script measures that design without building it, on a fresh store
each time, in one process:

1. ``full``: ``Corpus.ingest`` as it is (SQLite and index);
2. ``sqlite only``: the same with the index step switched off, so every
   volume is left lagging — the time such an ingest would return after;
3. ``catch-up``: ``frus.store.sync.recover`` indexing the lagging
   volumes from SQLite — the work the background step would still do on
   the same two cores.

    python benchmarks/ingest_background.py [--runs 3]

Wall and CPU (this process and its workers) are printed with the load
average; compare the rows of one run, not figures from different runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def timed(into: dict, name: str):
    wall, used = time.perf_counter(), cpu()
    yield
    into[name] = {
        "wall_s": round(time.perf_counter() - wall, 2),
        "cpu_s": round(cpu() - used, 2),
        "load": round(os.getloadavg()[0], 2),
    }


@contextmanager
def index_switched_off():
    """``IndexBatch.add`` does nothing: SQLite is written, the index left behind."""
    from frus.store import sync

    real = sync.IndexBatch.add
    sync.IndexBatch.add = lambda self, records, stored: None
    try:
        yield
    finally:
        sync.IndexBatch.add = real


def one_run(files: list[Path], tmp: Path, n: int) -> dict:
    from frus import Corpus
    from frus.store import sync

    out: dict = {}
    with Corpus.open(tmp / f"full{n}.db") as corpus, timed(out, "full"):
        corpus.ingest(files)
    with Corpus.open(tmp / f"deferred{n}.db") as corpus:
        with index_switched_off(), timed(out, "sqlite only"):
            corpus.ingest(files)
        store, index = corpus._store, corpus._index  # the bookkeeping under test
        lagging = len(store.lagging_volumes())
        with timed(out, "catch-up"):
            caught = sync.recover(store, index)
        out["lagging volumes"] = {"before": lagging, "indexed": len(caught), "after": len(store.lagging_volumes())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    files = sorted((Path(args.corpus) / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {Path(args.corpus) / 'frus'}")
    runs = []
    with tempfile.TemporaryDirectory(prefix="frus-background-") as tmp:
        for n in range(args.runs):
            runs.append(one_run(files, Path(tmp), n))
            print(runs[-1], flush=True)
    print("| step | wall (median) | CPU (median) |\n|---|---:|---:|")
    for step in ("full", "sqlite only", "catch-up"):
        wall = statistics.median(r[step]["wall_s"] for r in runs)
        used = statistics.median(r[step]["cpu_s"] for r in runs)
        print(f"| {step} | {wall:.2f} s | {used:.2f} s |")
    loads = [r[s]["load"] for r in runs for s in ("full", "sqlite only", "catch-up")]
    print(f"load average {min(loads)}–{max(loads)}")


if __name__ == "__main__":
    main()
