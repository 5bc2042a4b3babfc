"""CPU of the ingest's Python stages, best of several passes: for before/after comparisons.

``profile_ingest.py`` times one pass of every stage; on a machine shared
with other jobs one pass swings by a quarter.  This script reads the
whole corpus once, then times each stage several times over the volumes
held in memory and keeps the fastest pass, which other jobs disturb
least.  To compare two versions of the code, run it against each tree in
turn, alternating, at the same machine state:

    PYTHONPATH=/path/to/old/src python benchmarks/stage_cpu.py --label before
    python benchmarks/stage_cpu.py --label after

==============  =============================================================
``read``        ``frus.ingest.read_path`` (lxml parse and the TEI walk)
``enrich``      ``frus.extract.enrich_volume``
``footnotes``   ``frus.extract.footnotes.footnote_kind`` over every note
``records``     ``frus.store.records.volume_records`` (rows, JSON, entries)
==============  =============================================================
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def best(fn, passes: int) -> float:
    fastest = float("inf")
    for _ in range(passes):
        start = time.process_time()
        fn()
        fastest = min(fastest, time.process_time() - start)
    return fastest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))
    parser.add_argument("--label", default="")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()

    from frus.extract import enrich_volume
    from frus.extract.footnotes import footnote_kind
    from frus.ingest import read_path
    from frus.store.records import volume_records

    files = sorted((Path(args.corpus) / "frus").glob("*.xml"))
    gc.disable()  # as the ingest workers read: see frus.store.pipeline.cyclic_gc_paused
    parsed = [read_path(p) for p in files]
    enriched = [enrich_volume(p) for p in parsed]
    notes = [n for p in parsed for d in p.documents for n in d.footnotes]
    seconds = {
        "read": best(lambda: [read_path(p) for p in files], max(1, args.passes // 2)),
        "enrich": best(lambda: [enrich_volume(p) for p in parsed], args.passes),
        "footnotes": best(lambda: [footnote_kind(n) for n in notes], args.passes),
        "records": best(lambda: [volume_records(e) for e in enriched], args.passes),
    }
    figures = ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())
    print(f"{args.label} {len(files)} volumes, {len(notes)} notes: {figures}; load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
