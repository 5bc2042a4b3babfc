"""Draw the random sample behind the hand-labelled metadata gold set.

The gold set (``tests/gold/hand.jsonl``) is only a fair yardstick for the
extractor if the documents in it were not chosen by someone who knew which
ones are easy.  So the sample is drawn here, by a seeded random generator,
stratified by volume so that every era and every editorial style is present
(a plain random draw over the 11,757 documents would be dominated by the few
volumes with 400-900 documents and could miss the small ones, such as the
23-document frus1873p2v3, altogether).  Microfiche head-only entries, editorial notes and
nested documents stay in the population: rejecting them would flatter any
extractor measured against the result.

For each drawn document the script writes one worksheet line holding the raw
material a historian reads to label it: the head, the dateline, the opener,
the inline source notes, the start of the body and every footnote in full.
It reads the TEI with lxml directly and deliberately shares no code with
``frus.extract`` or ``frus.ingest``: the gold labels must not inherit the
extractor's mistakes through the worksheet.

Usage::

    .venv/bin/python benchmarks/sample_gold.py [--corpus DIR] [--per-volume 6]

Re-running with the same corpus, seed and ``--per-volume`` reproduces the
same worksheet byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = 20261127
PER_VOLUME = 6
BODY_CHARS = 600

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Both frus namespaces occur in this corpus (see corpus README); the
# microfiche markers are matched on the local name so either works.
MICROFICHE_LOCAL_NAMES = {"file", "pdf", "problem", "page-count-according-to-citation"}


def default_corpus() -> Path:
    return Path(os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))


def parser() -> etree.XMLParser:
    # collect_ids=False: frus1948v01p1 repeats an xml:id and a strict parse
    # refuses the whole volume.  No entities, no network: the files are data.
    return etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_document(el: etree._Element) -> bool:
    return el.tag == TEI + "div" and el.get("type") == "document"


def owned(doc: etree._Element, tag: str) -> list[etree._Element]:
    """Descendants with ``tag`` that belong to ``doc`` itself.

    79 documents are nested inside another document; the outer one must not
    be labelled from the inner one's dateline or footnotes.
    """
    found = []
    for el in doc.iter(tag):
        parent = el.getparent()
        while parent is not None and parent is not doc and not is_document(parent):
            parent = parent.getparent()
        if parent is doc:
            found.append(el)
    return found


def text_without_notes(el: etree._Element) -> str:
    """Visible text of ``el`` with footnote bodies left out (their markers too)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and local(node.tag) != "note":
            parts.append(node.text)
        for child in node:
            if local(child.tag) == "note" or is_document(child):
                pass
            elif local(child.tag) == "lb":
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return flat("".join(parts))


def context_heads(doc: etree._Element) -> list[str]:
    """Heads of the containers above the document, outermost first.

    The microfiche supplement prints "July 28" in a title and leaves the
    year to its chapter head ("July 1961"), so the labeller needs these.
    """
    heads = []
    parent = doc.getparent()
    while parent is not None:
        if local(parent.tag) == "div":
            head = parent.find(TEI + "head")
            if head is not None:
                heads.append(text_without_notes(head))
        parent = parent.getparent()
    return list(reversed(heads))


def body_start(doc: etree._Element) -> str:
    skip = {"head", "dateline", "opener", "note"}
    chunks = []
    for child in doc:
        name = local(child.tag)
        if name in skip or is_document(child) or not isinstance(child.tag, str):
            continue
        chunks.append(text_without_notes(child))
        if sum(len(c) for c in chunks) > BODY_CHARS:
            break
    return flat(" ".join(chunks))[:BODY_CHARS]


def worksheet_entry(volume: str, doc: etree._Element) -> dict:
    doc_id = doc.get(XML_ID)
    head = doc.find(TEI + "head")
    datelines = owned(doc, TEI + "dateline")
    openers = owned(doc, TEI + "opener")
    notes = owned(doc, TEI + "note")
    inline = [n for n in notes if n.get("rend") == "inline" or n.get("type") == "source"]
    footnotes = []
    for n in notes:
        footnotes.append(
            {
                "n": n.get("n"),
                "xml_id": n.get(XML_ID),
                "type": n.get("type"),
                "rend": n.get("rend"),
                "in_head": head is not None and n in list(head.iter(TEI + "note")),
                "text": flat("".join(n.itertext())),
            }
        )
    signed = owned(doc, TEI + "signed")
    return {
        "volume": volume,
        "id": f"{volume}/{doc_id}",
        "n": doc.get("n"),
        "subtype": doc.get("subtype"),
        "context": context_heads(doc),
        "head": text_without_notes(head) if head is not None else None,
        "head_full": flat("".join(head.itertext())) if head is not None else None,
        "datelines": [flat("".join(d.itertext())) for d in datelines],
        "date_attrs": [
            {k: v for k, v in d.attrib.items() if k in ("when", "from", "to", "notBefore", "notAfter")}
            for dl in datelines
            for d in dl.iter(TEI + "date")
        ],
        "openers": [text_without_notes(o) for o in openers],
        "source_notes": [flat("".join(n.itertext())) for n in inline],
        "body": body_start(doc),
        "signed": [flat("".join(s.itertext())) for s in signed],
        "footnotes": footnotes,
        "nested_documents": [d.get(XML_ID) for d in doc.iter(TEI + "div") if is_document(d) and d is not doc],
        "attachments": len([el for el in doc.iter() if local(el.tag) == "attachment"]),
        "microfiche": sorted({local(el.tag) for el in doc if local(el.tag) in MICROFICHE_LOCAL_NAMES}),
    }


def volume_documents(path: Path) -> list[etree._Element]:
    root = etree.parse(str(path), parser()).getroot()
    return [d for d in root.iter(TEI + "div") if is_document(d) and d.get(XML_ID)]


def draw(corpus: Path, per_volume: int, seed: int) -> list[dict]:
    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS or pass --corpus)")
    rng = random.Random(seed)
    entries = []
    for path in files:
        docs = volume_documents(path)
        # Sorting by document order (already the case) and drawing indices
        # from one generator over the sorted file list keeps the draw stable.
        picked = sorted(rng.sample(range(len(docs)), min(per_volume, len(docs))))
        entries.extend(worksheet_entry(path.stem, docs[i]) for i in picked)
    return entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--per-volume", type=int, default=PER_VOLUME)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=REPO / "tests" / "gold" / "worksheet.jsonl")
    args = ap.parse_args(argv)
    entries = draw(args.corpus, args.per_volume, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    volumes = {e["volume"] for e in entries}
    print(f"wrote {len(entries)} documents from {len(volumes)} volumes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
