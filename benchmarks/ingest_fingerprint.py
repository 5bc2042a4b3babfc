"""A fingerprint of everything an ingest writes, to prove a speed-up changed nothing.

Ingest performance work must leave the corpus byte for byte the same.  This
script ingests the whole shared corpus into a fresh store (or reads an
existing one with ``--db``) and writes, section by section:

==============  ==============================================================
``volumes``     every column of ``volumes`` but ``ingested_at`` (a clock)
``documents``   every column of ``documents``, the stored JSON included
``persons``,    the rows of those tables
``terms``,
``mentions``
``stored``      the stored fields of every indexed document (title, body,
                notes, note numbers, dates), by id
``terms_*``     each text field's term dictionary with document frequencies
``postings_*``  for each raw (keyword, facet, id) field: term → sorted ids
``search``      ``benchmarks/queries.txt``: total, ids, scores and snippets
                of the top 20 hits, in order; facet counts
==============  ==============================================================

Each section is one JSON line per record in ``OUT/<section>.jsonl`` plus a
sha256 in ``OUT/summary.json``.  ``--compare REF`` compares against an
earlier run and names the sections (and first records) that differ.

    python benchmarks/ingest_fingerprint.py --out /tmp/ref
    python benchmarks/ingest_fingerprint.py --out /tmp/new --compare /tmp/ref

Scores are compared as printed by ``repr``: the same index content gives
the same BM25 scores; documents of equal score may come in another order
only if the index's segment layout changed, which the search section would
show (and ``--compare`` reports apart, as a tie reordering).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TOP = 20


def _line(record) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class Writer:
    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.summary: dict[str, dict] = {}

    def section(self, name: str, records) -> None:
        digest = hashlib.sha256()
        count = 0
        with open(self.out / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for record in records:
                line = _line(record) + "\n"
                fh.write(line)
                digest.update(line.encode("utf-8"))
                count += 1
        self.summary[name] = {"records": count, "sha256": digest.hexdigest()}

    def close(self, extra: dict) -> None:
        (self.out / "summary.json").write_text(json.dumps({**extra, "sections": self.summary}, indent=2))


def store_sections(db: Path, w: Writer) -> None:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(volumes)") if r[1] != "ingested_at"]
    w.section("volumes", conn.execute(f"SELECT {', '.join(cols)} FROM volumes ORDER BY id"))
    w.section("documents", conn.execute("SELECT * FROM documents ORDER BY id"))
    for table in ("persons", "terms"):
        w.section(table, conn.execute(f"SELECT * FROM {table} ORDER BY volume_id, position"))
    w.section("mentions", conn.execute("SELECT * FROM mentions ORDER BY doc_id, kind, target, place"))
    conn.close()


def index_sections(db: Path, w: Writer) -> None:
    import tantivy

    from frus.store.index import TantivyIndex
    from frus.store.location import index_dir_for

    index = TantivyIndex(index_dir_for(db), readonly=True)
    searcher = index.searcher()
    everything = searcher.search(tantivy.Query.all_query(), searcher.num_docs or 1, count=True)
    id_of = {}
    stored = []
    for _, address in everything.hits:
        doc = searcher.doc(address).to_dict()
        id_of[(address.segment_ord, address.doc)] = doc["id"][0]
        stored.append(doc)
    stored.sort(key=lambda d: d["id"][0])
    w.section("stored", stored)
    schema = index.schema
    text_fields, raw_fields = [], []
    for name in _field_names(index):
        (raw_fields if name in _RAW else text_fields).append(name)
    for name in text_fields:
        terms = searcher.terms_with_prefix(name, "")
        w.section(f"terms_{name}", sorted(terms))
    for name in raw_fields:
        w.section(f"postings_{name}", _postings(searcher, schema, name, id_of))
    w.summary["index_docs"] = {"records": searcher.num_docs, "segments": searcher.num_segments}


#: fields indexed whole (raw tokenizer): their postings are dumped term by term
_RAW = {
    "id", "volume_id", "number", "note_n",
    "from", "to", "person", "type", "volume", "subseries", "classification", "caveat", "repository", "place",
    "f_subseries", "f_type", "f_classification", "f_caveat", "f_sender", "f_recipient", "f_person",
    "f_repository", "f_place",
}


def _field_names(index) -> list[str]:
    from frus.store.index import EXACT_SUFFIX, TEXT_FIELDS

    names = [*_RAW]
    for name in TEXT_FIELDS:
        names += [name, name + EXACT_SUFFIX]
    return sorted(names)


def _postings(searcher, schema, name: str, id_of: dict):
    import tantivy

    for term, freq in sorted(searcher.terms_with_prefix(name, "")):
        hits = searcher.search(tantivy.Query.term_query(schema, name, term), freq + 1, count=False).hits
        ids = sorted(id_of[(a.segment_ord, a.doc)] for _, a in hits)
        yield [term, freq, ids]


def search_section(db: Path, w: Writer) -> None:
    from frus import Corpus
    from frus.errors import FrusError

    lines = (line.strip() for line in (HERE / "queries.txt").read_text(encoding="utf-8").splitlines())
    queries = [q for q in lines if q and not q.startswith("#")]
    corpus = Corpus.open(db, readonly=True)

    def records():
        for q in queries:
            try:
                r = corpus.search(q, limit=TOP)
            except FrusError as err:
                yield {"query": q, "error": str(err)}
                continue
            yield {
                "query": q,
                "total": r.total,
                "hits": [[h.id, repr(h.score), h.snippet_field, h.snippet_note, h.snippet] for h in r.hits],
                "facets": r.facets,
                "warnings": list(r.warnings),
            }

    w.section("search", records())
    corpus.close()


def ingest(db: Path, corpus: Path) -> float:
    from frus import Corpus

    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS)")
    start = time.perf_counter()
    with Corpus.open(db) as c:
        report = c.ingest(files)
    if report.failed:
        sys.exit("error: " + "; ".join(f.error or "" for f in report.failed))
    return time.perf_counter() - start


def compare(new: Path, ref: Path) -> int:
    a = json.loads((ref / "summary.json").read_text())["sections"]
    b = json.loads((new / "summary.json").read_text())["sections"]
    bad = 0
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name) or name == "index_docs" and a[name]["records"] == b[name]["records"]:
            continue
        if name == "search":
            real = _explain_search(ref / "search.jsonl", new / "search.jsonl")
            print(f"search: {real} queries with different results (ties aside)")
            bad += bool(real)
            continue
        bad += 1
        print(f"DIFFERS: {name}: {a.get(name)} vs {b.get(name)}")
        path_a, path_b = ref / f"{name}.jsonl", new / f"{name}.jsonl"
        if path_a.exists() and path_b.exists():
            with open(path_a, encoding="utf-8") as fa, open(path_b, encoding="utf-8") as fb:
                for i, (la, lb) in enumerate(zip(fa, fb)):
                    if la != lb:
                        print(f"  first difference at record {i}:\n  ref {la[:400]}\n  new {lb[:400]}")
                        break
    print("identical" if not bad else f"{bad} sections differ")
    return bad


def _explain_search(ref: Path, new: Path) -> int:
    """Say whether differing results only differ among documents of equal score.

    Tantivy breaks ties by document address, which depends on how its
    indexing threads and the ingest workers happened to interleave: two
    ingests of the same files by the same code already order equal scores
    differently (and cut a run of equal scores at the page end at another
    place).  Anything else is a real difference; return how many.
    """
    real = 0
    with open(ref, encoding="utf-8") as fa, open(new, encoding="utf-8") as fb:
        for la, lb in zip(fa, fb):
            if la == lb:
                continue
            ra, rb = json.loads(la), json.loads(lb)
            if _same_up_to_ties(ra, rb):
                print(f"  {ra['query']!r}: equal scores in another order, or scores a float rounding apart")
            else:
                real += 1
                print(f"  {ra['query']!r}: DIFFERENT RESULTS")
    return real


def _close(x: str, y: str) -> bool:
    """Scores equal but for the last bits of a 32-bit float.

    Tantivy sums a document's per-term scores in an order that depends on
    how the index is split into segments, so the same index content can
    give 22.781898 in one build and 22.781900 in another.
    """
    a, b = float(x), float(y)
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _same_up_to_ties(a: dict, b: dict) -> bool:
    if {k: v for k, v in a.items() if k != "hits"} != {k: v for k, v in b.items() if k != "hits"}:
        return False
    ha, hb = a["hits"], b["hits"]
    if len(ha) != len(hb) or not all(_close(x[1], y[1]) for x, y in zip(ha, hb)):
        return False  # scores, position by position, must match
    # runs of equal scores: the same documents in any order, except the run
    # the page end cuts, which may hold others
    start = 0
    for i in range(1, len(ha) + 1):
        if i < len(ha) and _close(ha[i][1], ha[start][1]):
            continue
        if i < len(ha):
            # id, snippet field, note number and snippet: all but the score
            ids_a = sorted(map(str, (h[:1] + h[2:] for h in ha[start:i])))
            ids_b = sorted(map(str, (h[:1] + h[2:] for h in hb[start:i])))
            if ids_a != ids_b:
                return False
        start = i
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))
    parser.add_argument("--db", help="fingerprint this existing store instead of ingesting afresh")
    parser.add_argument("--out", required=True)
    parser.add_argument("--compare", help="a reference OUT folder to compare with")
    args = parser.parse_args()
    out = Path(args.out)
    w = Writer(out)
    with tempfile.TemporaryDirectory(prefix="frus-fingerprint-") as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "frus.db"
        seconds = ingest(db, Path(args.corpus)) if not args.db else 0.0
        store_sections(db, w)
        index_sections(db, w)
        search_section(db, w)
    w.close({"ingest_s": round(seconds, 2), "load": os.getloadavg()[0]})
    print(f"fingerprint written to {out} (ingest {seconds:.1f} s, load {os.getloadavg()[0]:.2f})")
    if args.compare:
        sys.exit(1 if compare(out, Path(args.compare)) else 0)


if __name__ == "__main__":
    main()
