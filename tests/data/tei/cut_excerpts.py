"""Cut the small real volumes in this folder out of the shared corpus.

Each excerpt keeps the volume's ``teiHeader`` and its persons/terms lists
as they are, and one or more runs of *consecutive* documents with their
container divs and heads, the page breaks between them, and a copy of the
page break each run starts after, so what the reader derives for a kept
document — path, pages, dateline, notes — equals what it derives from the
whole volume (``test_corpus_tei`` checks this).  Everything else (other
documents, front and back matter) is dropped; nothing inside a kept
document is touched.

    python tests/data/tei/cut_excerpts.py /work/shared/corpus/frus
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: excerpt file -> (volume, [(first kept document, last kept document), ...])
EXCERPTS = {
    "frus1969-76v12-excerpt.xml": ("frus1969-76v12", [("d1", "d3")]),
    "frus1861-excerpt.xml": ("frus1861", [("d3", "d4")]),
    # a note in d173 and one in the head of compilation comp8 (kept with
    # d188) share the xml:id d173fn4
    "frus1948v01p1-excerpt.xml": ("frus1948v01p1", [("d173", "d173"), ("d188", "d188")]),
    "frus1864p3-excerpt.xml": ("frus1864p3", [("d2", "d4")]),
    "frus1961-63v07-09mSupp-excerpt.xml": ("frus1961-63v07-09mSupp", [("d71", "d73")]),
    "frus1961-63v06-excerpt.xml": ("frus1961-63v06", [("d1", "d2")]),
}
KEEP_SECTIONS = {"persons", "terms"}


def _is_doc(e) -> bool:
    return e.tag == TEI + "div" and e.get("type") == "document"


def cut(source: Path, ranges: list[tuple[str, str]]) -> bytes:
    tree = etree.parse(str(source), etree.XMLParser(collect_ids=False))
    root = tree.getroot()
    top_docs = [d for d in root.iter(TEI + "div") if _is_doc(d) and not any(_is_doc(a) for a in d.iterancestors())]
    ids = [d.get(XML_ID) for d in top_docs]
    top_docs_set = set(top_docs)
    keep, firsts = set(), []
    for first, last in ranges:
        run = top_docs[ids.index(first) : ids.index(last) + 1]
        keep.update(run)
        firsts.append(run[0])
    # the page each run starts on: the last page break before it in the
    # whole volume, wherever it sat
    start_pages = {}
    for doc in firsts:
        last_pb = None
        for elem in root.iter(TEI + "pb", TEI + "div"):
            if elem is doc:
                break
            if elem.tag == TEI + "pb":
                last_pb = elem
        start_pages[doc] = last_pb
    keep_ancestors = {a for d in keep for a in d.iterancestors()}
    # page breaks outside documents that stand between two kept documents
    between, prev_doc, pending = set(), None, []
    for elem in root.iter(TEI + "pb", TEI + "div"):
        if _is_doc(elem) and elem in top_docs_set:
            if prev_doc in keep and elem in keep:
                between.update(pending)
            prev_doc, pending = elem, []
        elif elem.tag == TEI + "pb" and not any(_is_doc(a) for a in elem.iterancestors()):
            pending.append(elem)
    keep_sections = {d for d in root.iter(TEI + "div") if d.get(XML_ID) in KEEP_SECTIONS}
    section_ancestors = {a for d in keep_sections for a in d.iterancestors()}

    def prune(elem) -> None:
        for child in list(elem):
            if not isinstance(child.tag, str) or child in keep or child in keep_sections:
                continue
            if child in keep_ancestors or child in section_ancestors:
                prune(child)
            elif child.tag == TEI + "head" and elem in keep_ancestors | section_ancestors:
                continue
            elif child.tag == TEI + "pb" and child in between:
                continue
            else:
                _drop(child)

    prune(root.find(TEI + "text"))
    for doc, pb in start_pages.items():
        if pb is not None:
            copy = etree.Element(pb.tag, dict(pb.attrib))
            copy.tail = doc.getprevious().tail if doc.getprevious() is not None else doc.getparent().text
            doc.addprevious(copy)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


def _drop(elem) -> None:
    parent = elem.getparent()
    tail = elem.tail
    prev = elem.getprevious()
    if tail and tail.strip():
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(elem)


def windows_1252_copies(here: Path) -> None:
    """The 1864 excerpt re-encoded as Windows-1252: once declared as such
    (must read like the UTF-8 file), once still claiming UTF-8 (must be
    refused; it goes to ../bad)."""
    text = (here / "frus1864p3-excerpt.xml").read_text(encoding="utf-8")
    body = text.split("?>", 1)[1]
    (here / "frus1864p3-excerpt-cp1252.xml").write_bytes(
        ('<?xml version="1.0" encoding="windows-1252"?>' + body).encode("cp1252"))
    (here.parent / "bad" / "frus1864p3-cp1252-declared-utf8.xml").write_bytes(
        ('<?xml version="1.0" encoding="UTF-8"?>' + body).encode("cp1252"))


def main(corpus: str) -> None:
    here = Path(__file__).parent
    for name, (volume, ranges) in EXCERPTS.items():
        data = cut(Path(corpus) / f"{volume}.xml", ranges)
        (here / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    windows_1252_copies(here)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/frus")
