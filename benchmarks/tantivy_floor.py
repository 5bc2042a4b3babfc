"""The floor under ``frus ingest``: Tantivy alone indexing the same text.

Issue 2 asks for ingest ≤ 3× lxml parse-only time.  Part of an ingest is
the full-text index the issue mandates, so this script measures what that
index costs with no frus code at all: tantivy-py, fed the texts already in
memory, building the text fields frus's query language needs —

* ``title``, ``body``, ``notes`` (one value per footnote): ``en_stem``,
  with positions (words, ``NEAR``), stored (snippets read them);
* their ``*_exact`` twins: ``default`` (lowercase, unstemmed), with
  positions (phrases, ``=word``, prefixes);
* ``id`` (raw, stored) and ``volume_id`` (raw, fast: deletes and the
  volume facet).

The metadata fields (``from:``, facets, dates) are left out: they are a
few short values per document and make the floor lower, not higher.

The texts are read from a store ``frus ingest`` wrote (its index's stored
fields), before the clock starts.  ``--variant`` switches parts off to see
what each costs (the result is then not an index frus could use).

    python benchmarks/tantivy_floor.py --db /tmp/frus.db
    python benchmarks/tantivy_floor.py --db /tmp/frus.db --variant no-exact
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import tantivy

#: what a variant leaves out (for finding where Tantivy's time goes)
VARIANTS = {
    "full": {},
    "no-exact": {"exact": False},
    "no-stem": {"stemmed": False},
    "no-positions": {"positions": False},
    "no-store": {"stored": False},
    "one-thread": {"threads": 1},
    "exact-freq": {"exact_option": "freq"},
}


def load_texts(db: Path) -> list[tuple[str, str, str, str, list[str]]]:
    """(id, volume id, title, body, notes) of every document a frus store indexed."""
    index = tantivy.Index.open(str(Path(str(db) + ".index")))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
    out = []
    for _, address in hits:
        d = searcher.doc(address)
        out.append(
            (d.get_first("id"), d.get_first("volume_id"), d.get_first("title") or "", d.get_first("body") or "",
             d.get_all("notes"))
        )
    out.sort()
    return out


def schema(*, stemmed=True, exact=True, positions=True, stored=True, exact_option="position") -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("volume_id", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    option = "position" if positions else "freq"
    for name in ("title", "body", "notes"):
        if stemmed:
            sb.add_text_field(name, stored=stored, tokenizer_name="en_stem", index_option=option)
        else:
            sb.add_text_field(name, stored=stored, tokenizer_name="raw", index_option="basic")
        if exact:
            sb.add_text_field(name + "_exact", tokenizer_name="default", index_option=exact_option if positions else "freq")
    return sb.build()


def index_seconds(
    texts, path: Path, *, heap: int = 128_000_000, threads: int = 2, exact: bool = True, **options
) -> dict:
    """Wall and CPU seconds (all threads) to index ``texts`` and commit."""
    sch = schema(exact=exact, **options)
    names = ("title", "body", "notes")
    stemmed = options.get("stemmed", True)
    wall, cpu = time.perf_counter(), time.process_time()
    index = tantivy.Index(sch, path=str(path), reuse=False)
    writer = index.writer(heap_size=heap, num_threads=threads)
    for doc_id, volume_id, title, body, notes in texts:
        doc = tantivy.Document(id=doc_id, volume_id=volume_id)
        for name, values in zip(names, ((title,), (body,), notes)):
            for value in values:
                if stemmed:
                    doc.add_text(name, value)
                if exact:
                    doc.add_text(name + "_exact", value)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "documents": len(texts)}


def run_variant(texts, variant: str = "full") -> dict:
    settings = dict(VARIANTS[variant])
    with tempfile.TemporaryDirectory(prefix="frus-tantivy-floor-") as tmp:
        return index_seconds(texts, Path(tmp), **settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a store written by frus ingest (its index is read)")
    parser.add_argument("--variant", choices=sorted(VARIANTS), action="append")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    texts = load_texts(Path(args.db))
    chars = sum(len(t[2]) + len(t[3]) + sum(map(len, t[4])) for t in texts)
    print(f"{len(texts)} documents, {chars / 1e6:.1f} M chars; load {os.getloadavg()[0]:.2f}")
    for variant in args.variant or ["full"]:
        for _ in range(args.repeat):
            r = run_variant(texts, variant)
            print(f"{variant}: wall {r['wall_s']:.2f} s, CPU {r['cpu_s']:.2f} s (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
