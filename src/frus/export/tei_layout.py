"""What the website shows of a TEI document that the model does not keep.

The round trip renders a document as history.state.gov shows it, and the
website follows the TEI's order.  Two facts of that order never reach the
model, so they are read here from the TEI itself (with lxml, like the
readers, and only for the round trip):

* whether the printed head carries the document's number ("33. Memorandum
  …") or not ("Mr. Seward to Mr. Adams.");
* how many of the text's first blocks stand above the head (frus1948v01p1
  and p2 open 28 documents with an ``opener`` naming their file, "Policy
  Planning Staff Files", before the head);
* where each unmarked note stands (the older volumes' provenance lines,
  ``note`` without ``@n``): ``above`` the head ("File No. 861.51/131"),
  ``below`` it, before the text ("[Telegram]", "[Extract.]"), at the top of
  an enclosure (``attachment:K``, the K-th enclosure of the document:
  "[Inclosure 1 in No. 92.]"; ``attachment:K:below`` under the enclosure's
  own head), or somewhere in the ``text``.

The model's notes are matched to these by their text, in order, so a note
the match misses keeps the renderer's guess (``frus.export.text.unmarked_notes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from frus.model import Document

_TEI = "{http://www.tei-c.org/ns/1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_FRUS_NS = ("http://history.state.gov/frus/ns/1.0", "http://history.state.gov/ns/1.0")
_ATTACHMENT = {f"{{{ns}}}attachment" for ns in _FRUS_NS}
_DIV, _HEAD, _NOTE, _PB = _TEI + "div", _TEI + "head", _TEI + "note", _TEI + "pb"


@dataclass(frozen=True, slots=True)
class DocLayout:
    """The printed layout of one document's head and provenance lines."""

    #: does the printed head start with the number?
    numbered: bool
    #: (text, place) of each note without a marker, in document order
    notes: tuple[tuple[str, str], ...] = ()
    #: how many blocks of the text stand above the head
    above: int = 0

    def note_places(self, doc: Document) -> dict[str, str]:
        """Note id → place for ``doc``'s unmarked notes, matched by text in order."""
        places: dict[str, str] = {}
        k = 0
        for note in doc.footnotes:
            if note.n or note.anchored:
                continue
            text = _squeeze(note.text)
            for j in range(k, len(self.notes)):
                if self.notes[j][0] == text:
                    places[note.id] = self.notes[j][1]
                    k = j + 1
                    break
        return places


def read_layout(path: str | Path) -> dict[str, DocLayout]:
    """Local id → layout, for every document of a TEI volume."""
    parser = etree.XMLParser(collect_ids=False, huge_tree=True, resolve_entities=False, no_network=True)
    out: dict[str, DocLayout] = {}
    for div in etree.parse(str(path), parser).iter(_DIV):
        local = div.get(_XML_ID)
        if div.get("type") != "document" or not local:
            continue
        head = div.find(_HEAD)
        n = div.get("n")
        numbered = bool(n and head is not None and re.match(re.escape(n) + r"\.\s", _squeeze(_text(head))))
        above = 0 if head is None else sum(
            1 for s in head.itersiblings(preceding=True) if isinstance(s.tag, str) and s.tag not in (_NOTE, _PB))
        out[local] = DocLayout(numbered, tuple(_notes(div)), above)
    return out


def _notes(div) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    attachments = 0

    def walk(elem, enclosure: int | None) -> None:
        nonlocal attachments
        for child in elem:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _DIV and child.get("type") == "document":
                continue  # a nested document is a document of its own
            if child.tag == _NOTE:
                if not (child.get("n") or "").strip():
                    notes.append((_squeeze(_text(child)), _place(child, enclosure)))
                continue  # a note inside a note belongs to it
            if child.tag in _ATTACHMENT:
                attachments += 1
                walk(child, attachments)
            else:
                walk(child, None)

    walk(div, None)
    return notes


def _place(note, enclosure: int | None) -> str:
    """Where the website shows an unmarked note, from its siblings."""
    parent = note.getparent()
    before = [s.tag for s in note.itersiblings(preceding=True) if isinstance(s.tag, str) and s.tag != _PB]
    if parent.tag == _DIV and parent.get("type") == "document":
        if _HEAD not in before and parent.find(_HEAD) is not None:
            return "above"
        if before and all(tag in (_HEAD, _NOTE) for tag in before):
            return "below"
        return "text"
    if enclosure is not None and parent.tag in _ATTACHMENT and all(tag in (_HEAD, _NOTE) for tag in before):
        return f"attachment:{enclosure}" + (":below" if _HEAD in before else "")
    return "text"


def _text(elem) -> str:
    """The element's words; a line break is a space, notes inside it are left out."""
    parts: list[str] = []

    def walk(e) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            if not isinstance(child.tag, str):
                pass
            elif child.tag == _NOTE:
                pass
            else:
                if child.tag == _TEI + "lb":
                    parts.append(" ")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    return "".join(parts)


def _squeeze(text: str) -> str:
    return " ".join(text.split())
