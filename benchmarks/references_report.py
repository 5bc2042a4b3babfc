"""Corpus-wide figures for cross-references, the unprinted ledger and excisions.

    python benchmarks/references_report.py [--corpus DIR] [--json] [--no-text]

Reads every TEI volume (``frus/*.xml``) and text copy (``text/*.txt``) of
the shared corpus, runs the extraction stage, and reports:

* cross-references — resolved / unresolved, internal (same volume) and
  external, from ``ref/@target`` and from the words; the reasons of the
  unresolved; and how often the words alone name the same volume as the
  encoders' targets (:mod:`frus.references.measure`);
* the unprinted ledger — citations read, entries after merging, entries
  cited by more than one document, by kind and status;
* excisions — by unit, with the withheld lines and pages summed.

Resolution is against the corpus itself: a reference to a volume that is
not in the shared corpus is external and unresolved by construction.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from frus.errors import FrusError  # noqa: E402
from frus.extract import enrich_volume  # noqa: E402
from frus.ingest import read_path  # noqa: E402
from frus.references import Catalog, build_ledger, check_refs, find_excisions, find_references, resolve_references, unprinted_citations  # noqa: E402
from frus.references.measure import compare_with_editors  # noqa: E402


def _corpus(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FRUS_CORPUS") or REPO.parent / "shared" / "corpus").resolve()


def run(corpus: Path, *, text: bool = True) -> dict:
    t0 = time.perf_counter()
    paths = sorted((corpus / "frus").glob("*.xml"))
    if text:
        paths += sorted((corpus / "text").glob("*.txt"))
    volumes, failed = [], []
    for path in paths:
        try:
            volumes.append(enrich_volume(read_path(path)))
        except FrusError as exc:
            failed.append(f"{path.name}: {exc}")
    docs = [d for v in volumes for d in v.documents]
    t_read = time.perf_counter()

    catalog = Catalog.from_volumes(volumes)
    refs = [r for d in docs for r in resolve_references(find_references(d), catalog)]
    t_refs = time.perf_counter()
    citations = [c for d in docs for c in unprinted_citations(d)]
    ledger = build_ledger(citations)
    t_ledger = time.perf_counter()
    excisions = [e for d in docs for e in find_excisions(d)]
    t_exc = time.perf_counter()
    agreement = compare_with_editors(d for d in docs if d.origin == "tei")

    def split(scope: str) -> dict:
        rs = [r for r in refs if r.scope == scope]
        return {
            "total": len(rs),
            "resolved": sum(r.resolved for r in rs),
            "unresolved": sum(not r.resolved for r in rs),
            "from_ref_target": sum(r.origin == "ref" for r in rs),
            "from_text": sum(r.origin == "text" for r in rs),
            "by_kind": dict(Counter(r.kind for r in rs).most_common()),
        }

    rows = check_refs(refs)
    reasons = Counter(_reason_group(r.reason) for r in rows)
    by_unit = Counter(e.unit for e in excisions)
    return {
        "corpus": str(corpus),
        "volumes": len(volumes),
        "documents": len(docs),
        "failed": failed,
        "cross_references": {
            "total": len(refs),
            "resolved": sum(r.resolved for r in refs),
            "unresolved": sum(not r.resolved for r in refs),
            "internal": split("internal"),
            "external": split("external"),
            "unresolved_reasons": dict(reasons.most_common()),
            "text_vs_editors": {
                "agree": agreement.agree,
                "disagree": agreement.disagree,
                "words_silent": agreement.missed,
                "agreement_rate": round(agreement.rate, 4),
            },
        },
        "unprinted": {
            "citations": len(citations),
            "entries": len(ledger),
            "entries_cited_by_several_documents": sum(len(e.cited_by) > 1 for e in ledger),
            "citing_documents": len({c.doc for c in citations}),
            "unidentified_entries": sum(e.kind is None for e in ledger),
            "with_number": sum(bool(e.number) for e in ledger),
            "with_iso_date": sum(bool(e.date) for e in ledger),
            "with_sender_or_recipient": sum(bool(e.sender or e.recipient) for e in ledger),
            "with_location": sum(bool(e.location) for e in ledger),
            "by_kind": dict(Counter(e.kind or "(unidentified)" for e in ledger).most_common()),
            "by_status": dict(Counter(e.status for e in ledger).most_common()),
        },
        "excisions": {
            "total": len(excisions),
            "documents": len({e.doc for e in excisions}),
            "by_unit": dict(by_unit.most_common()),
            "by_place": dict(Counter(e.where if e.where in ("title", "body") else "footnote" for e in excisions).most_common()),
            "lines_withheld": round(sum(e.amount or 0 for e in excisions if e.unit == "line")
                                    + sum(e.lines or 0 for e in excisions if e.unit == "paragraph"), 1),
            "pages_withheld": round(sum(e.amount or 0 for e in excisions if e.unit == "page"), 1),
        },
        "seconds": {
            "read_and_extract": round(t_read - t0, 1),
            "cross_references": round(t_refs - t_read, 1),
            "ledger": round(t_ledger - t_refs, 1),
            "excisions": round(t_exc - t_ledger, 1),
        },
    }


def _reason_group(reason: str) -> str:
    if reason.startswith("no page"):
        return "page not in the volume"
    if reason.startswith("no document"):
        return "document not in the volume"
    if reason.startswith("no footnote"):
        return "footnote not in the document"
    return reason


def _print(report: dict) -> None:
    x = report["cross_references"]
    print(f"corpus {report['corpus']}: {report['volumes']} volumes/files, {report['documents']} documents")
    for line in report["failed"]:
        print(f"  failed: {line}")
    print(f"\ncross-references: {x['total']} ({x['resolved']} resolved, {x['unresolved']} unresolved)")
    for scope in ("internal", "external"):
        s = x[scope]
        print(
            f"  {scope:8}: {s['total']:6} = {s['resolved']} resolved + {s['unresolved']} unresolved"
            f"   (ref/@target {s['from_ref_target']}, words {s['from_text']}; {s['by_kind']})"
        )
    print("  unresolved, by reason:")
    for reason, n in x["unresolved_reasons"].items():
        print(f"    {n:6}  {reason}")
    a = x["text_vs_editors"]
    print(
        f"  words vs encoders' targets: {a['agree']} agree, {a['disagree']} differ"
        f" ({a['agreement_rate']:.1%}), {a['words_silent']} targets the words do not cover"
    )
    u = report["unprinted"]
    print(
        f"\nunprinted ledger: {u['entries']} entries from {u['citations']} citations in {u['citing_documents']} documents;"
        f" {u['entries_cited_by_several_documents']} entries cited by several documents"
    )
    print(
        f"  with number {u['with_number']}, ISO date {u['with_iso_date']}, sender/recipient {u['with_sender_or_recipient']},"
        f" archive location {u['with_location']}; unidentified ('Not printed.' with no named paper) {u['unidentified_entries']}"
    )
    print(f"  by kind:   {u['by_kind']}")
    print(f"  by status: {u['by_status']}")
    e = report["excisions"]
    print(f"\nexcisions: {e['total']} in {e['documents']} documents; {e['by_place']}")
    print(f"  withheld: {e['lines_withheld']} lines (lines and paragraphs' line counts), {e['pages_withheld']} pages")
    print(f"  by unit: {e['by_unit']}")
    print(f"\nseconds: {report['seconds']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", help="shared corpus folder (default $FRUS_CORPUS or ../shared/corpus)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-text", action="store_true", help="TEI volumes only, without the text copies")
    args = parser.parse_args(argv)
    corpus = _corpus(args.corpus)
    if not (corpus / "frus").is_dir():
        print(f"error: no frus/ folder in {corpus}; pass --corpus", file=sys.stderr)
        return 2
    report = run(corpus, text=not args.no_text)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
