"""The link stage on the whole shared corpus: time against ingest, and what it stores.

    python benchmarks/link_stage.py [--corpus DIR] [--workers N] [--json FILE]

In one fresh temporary corpus:

1. ``frus ingest --no-link`` of every TEI volume and text copy (wall time);
2. ``frus link`` (wall time, both cores; the authority data from
   ``$FRUS_CORPUS/aux``);
3. ``frus link`` again, with nothing changed (the check alone);
4. one volume re-ingested (``--no-link``) and ``frus link``: what an
   incremental run costs;

then the rows per link table and the figures docs/entities.md reports
(cross-references resolved / unresolved / external, the ledger, excisions,
persons and mentions).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FRUS = str(Path(sys.executable).parent / "frus")
#: re-ingested for the incremental figure: a mid-sized modern volume with a persons list
AGAIN = "frus1969-76v12"


def _corpus(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FRUS_CORPUS") or REPO.parent / "shared" / "corpus").resolve()


def _timed(*args: str, env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([FRUS, *args], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"error: frus {' '.join(args[:2])} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def figures(db: Path) -> dict:
    conn = sqlite3.connect(db)
    q = lambda sql: conn.execute(sql).fetchall()  # noqa: E731
    tables = [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    rows = {t: q(f"SELECT count(*) FROM {t}")[0][0] for t in tables if t != "meta"}
    summary = json.loads(q("SELECT value FROM meta WHERE key = 'links_summary'")[0][0])
    mentions = Counter({(s, o): n for s, o, n in q(
        "SELECT status, origin, count(*) FROM person_mentions GROUP BY status, origin")})
    parties = Counter(dict(q("SELECT status, count(*) FROM document_parties GROUP BY status")))
    units = Counter(dict(q("SELECT unit, count(*) FROM excisions GROUP BY unit ORDER BY 2 DESC")))
    entries = q("SELECT citing, status FROM unprinted_entries")
    out = {
        "rows": rows,
        "references": summary["references"],
        "persons": rows["canonical_persons"],
        "persons_list_entries": rows["person_sources"],
        "person_mentions": {f"{s} ({o})": n for (s, o), n in sorted(mentions.items())},
        "parties": dict(parties),
        "terms": rows["term_mentions"],
        "ledger": {
            "entries": len(entries),
            "citations": rows["unprinted_citations"],
            "citing_documents": q("SELECT count(DISTINCT doc_id) FROM unprinted_citations")[0][0],
            "entries_cited_by_several": sum(1 for c, _ in entries if c > 1),
            "by_status": dict(Counter(s for _, s in entries).most_common()),
        },
        "excisions": {
            "total": rows["excisions"],
            "documents": q("SELECT count(DISTINCT doc_id) FROM excisions")[0][0],
            "by_unit": dict(units.most_common(8)),
        },
        "db_bytes": db.stat().st_size,
    }
    conn.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="shared corpus folder (default $FRUS_CORPUS or ../shared/corpus)")
    parser.add_argument("--workers", type=int, help="processes for ingest and link (default: up to 2)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    corpus = _corpus(args.corpus)
    if not (corpus / "frus").is_dir():
        print(f"error: no frus/ folder in {corpus}; pass --corpus", file=sys.stderr)
        return 2
    env = {**os.environ, "FRUS_CORPUS": str(corpus)}
    env.pop("FRUS_DB", None)
    workers = ["--workers", str(args.workers)] if args.workers is not None else []
    with tempfile.TemporaryDirectory(prefix="frus-link-") as tmp:
        db = Path(tmp) / "frus.db"
        common = ["--db", str(db)]
        ingest_s, _ = _timed("ingest", "--no-link", *workers, *common, str(corpus / "frus"), str(corpus / "text"),
                             env=env)
        link_s, out = _timed("link", "--json", *workers, *common, env=env)
        report = json.loads(out)
        noop_s, _ = _timed("link", *common, env=env)
        _timed("ingest", "--no-link", *common, str(corpus / "frus" / f"{AGAIN}.xml"), env=env)
        again_s, out = _timed("link", "--json", *workers, *common, env=env)
        again = json.loads(out)
        result = {
            "corpus": str(corpus),
            "load_average": os.getloadavg(),
            "seconds": {
                "ingest_no_link": round(ingest_s, 1),
                "link": round(link_s, 1),
                "link_over_ingest": round(link_s / ingest_s, 2),
                "link_nothing_changed": round(noop_s, 1),
                f"link_after_reingesting_{AGAIN}": round(again_s, 1),
            },
            "incremental": {"relinked": again["relinked"], "persons_relinked": len(again["persons_relinked"]),
                            "register_rebuilt": again["register_rebuilt"]},
            "errors": report["errors"],
            **figures(db),
        }
    text = json.dumps(result, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
