"""A volume's bibliographic header and its persons / terms lists.

Two header generations coexist in the corpus: the 2014–2015 files say
``title/@type="subseries"``/``"volumenumber"``, today's files
``"sub-series"``/``"volume-number"``; both are read.  Single-document
exports (the seed memo in ``aux/document-fixtures``) have no
``idno[@type='frus']`` and a root ``xml:id`` naming the *document*, so their
``bibl[@type='frus-volume-id']`` wins over the root id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from frus.ingest.tei_common import NOTE, TEI, XML_ID, is_unsafe, plain_text, squash
from frus.model import ListEntry

_TITLE = TEI + "title"
_EDITOR = TEI + "editor"
_ITEM = TEI + "item"


@dataclass(frozen=True, slots=True)
class Header:
    id: str
    title: str
    subseries: str | None
    volume_number: str | None
    volume_title: str | None
    editors: tuple[str, ...]
    published: str | None
    #: set by single-document exports (``bibl[@type='frus-document-id']``, …)
    document_id: str | None = None
    document_number: str | None = None
    document_subtype: str | None = None


def volume_stem(path: str | Path) -> str:
    name = Path(path).name
    for suffix in (".xml.gz", ".xml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


def _texts(parent: etree._Element | None, tag: str, attr: str | None = None, values=()) -> list[str]:
    if parent is None:
        return []
    out = []
    for elem in parent.iter(tag):
        if attr is None or elem.get(attr) in values:
            text = plain_text(elem)
            if text:
                out.append(text)
    return out


def read_header(root: etree._Element, path: str | Path) -> Header:
    header = root.find(TEI + "teiHeader")
    file_desc = header.find(TEI + "fileDesc") if header is not None else None
    pub = file_desc.find(TEI + "publicationStmt") if file_desc is not None else None

    def first(tag: str, attr: str, *values: str) -> str | None:
        found = _texts(file_desc, tag, attr, values)
        return found[0] if found else None

    volume_id = (
        first(TEI + "idno", "type", "frus")
        or first(TEI + "bibl", "type", "frus-volume-id")
        or (root.get(XML_ID) or "").strip()
        or volume_stem(path)
    )
    document_id = first(TEI + "bibl", "type", "frus-document-id")
    is_extract = bool(document_id)
    title = first(_TITLE, "type", "complete")
    if not title and not is_extract:
        # an untyped titleStmt title names the volume in a plain TEI file, but
        # the *document* in a single-document export
        stmt = file_desc.find(TEI + "titleStmt") if file_desc is not None else None
        untyped = _texts(stmt, _TITLE, "type", (None,))
        title = untyped[0] if untyped else None
    editors: list[str] = []
    if file_desc is not None:
        for stmt in (file_desc.find(TEI + "titleStmt"), file_desc.find(TEI + "seriesStmt")):
            for name in _texts(stmt, _EDITOR):
                if name not in editors:
                    editors.append(name)
    published = None
    if pub is not None:
        date = pub.find(TEI + "date")
        published = plain_text(date) or date.get("when") if date is not None else None
    return Header(
        id=volume_id,
        title=title or volume_id,
        subseries=first(_TITLE, "type", "subseries", "sub-series"),
        volume_number=first(_TITLE, "type", "volumenumber", "volume-number"),
        volume_title=first(_TITLE, "type", "volume"),
        editors=tuple(editors),
        published=published or None,
        document_id=document_id,
        document_number=first(TEI + "bibl", "type", "frus-document-number"),
        document_subtype=first(TEI + "bibl", "type", "frus-div-subtype"),
    )


def read_list(div: etree._Element, tag: str) -> tuple[ListEntry, ...]:
    """Entries of a persons (``persName``) or terms (``term``) list.

    Each ``item`` names one entry (``persName[@xml:id]``) followed by its
    identification; a few items name two ("X, see Y" pairs), so the text
    after each named element up to the next one is that entry's description.
    """
    entries: list[ListEntry] = []
    for item in div.iter(_ITEM):
        named = [e for e in item.iter(tag) if e.get(XML_ID)]
        if not named:
            continue
        segments = _split_item(item, set(named))
        for elem in named:
            description = squash(segments.get(elem, "")).lstrip(",;: ").strip()
            entries.append(ListEntry(id=elem.get(XML_ID).strip(), name=plain_text(elem).rstrip(", "), description=description))
    return tuple(entries)


def _split_item(item: etree._Element, named: set) -> dict:
    """Text following each named element, up to the next named one."""
    parts: dict = {}
    _split_walk(item, named, parts, [None])
    return {key: "".join(texts) for key, texts in parts.items()}


def _split_walk(elem: etree._Element, named: set, parts: dict, current: list) -> None:
    # A module-level function, not a closure calling itself: such a closure
    # is a reference cycle, and through ``named`` it would keep the whole
    # parsed volume alive until the cyclic garbage collector came by.
    if elem.text and current[0] is not None:
        parts.setdefault(current[0], []).append(elem.text)
    for child in elem:
        tag = child.tag
        if isinstance(tag, str) and tag != NOTE and not is_unsafe(tag):
            if child in named:
                current[0] = child
            else:
                _split_walk(child, named, parts, current)
        if child.tail and current[0] is not None:
            parts.setdefault(current[0], []).append(child.tail)
