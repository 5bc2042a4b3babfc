"""The stable JSON record of a document: what ``frus show ID --json`` prints.

The model (:mod:`frus.model`) is shaped for the code: ``senders``,
``volume_id``, footnotes with inline runs.  Historians and scripts get a
record shaped for questions ("every Secret memorandum from Haig to
Kissinger in October 1970"), with the key names of issue 3, documented in
``docs/data-model.md``:

``id``, ``volume``, ``number``, ``title``, ``type``, ``from``, ``to``,
``participants``, ``date`` {``min``, ``max``, ``precision``, ``basis``,
``text``, ``time``, ``timezone``}, ``place``, ``dateline``, ``subject``,
``classification`` {``level``, ``caveats``}, ``source`` {``text``,
``repository``, ``record_group``, ``collection``, ``series``, ``box``,
``folder``, ``file``, ``lot``, ``drafted_by``, ``cleared_by``,
``approved_by``, ``sent``, ``received``, ``repeated_to``} or null,
``footnotes`` [{``n``, ``id``, ``kind``, ``text``, ``anchored``}],
``pages``, ``path``, ``prev``, ``next``, ``parent``, ``origin``, ``body``.

Every key is always present (null or an empty list when there is
nothing), so a consumer never has to guess whether a key is missing or
empty.  ``body`` keeps the structure (blocks of inline runs) because a
citation needs the page and the footnote marker where they fall.
"""

from __future__ import annotations

from typing import Any

from frus.extract import participants
from frus.model import Block, Document, Inline, Party, SourceCitation

#: the record's keys, in the order they are printed
KEYS = (
    "id",
    "volume",
    "number",
    "title",
    "type",
    "from",
    "to",
    "participants",
    "date",
    "place",
    "dateline",
    "subject",
    "classification",
    "source",
    "footnotes",
    "pages",
    "path",
    "prev",
    "next",
    "parent",
    "origin",
    "body",
)
DATE_KEYS = ("min", "max", "precision", "basis", "text", "time", "timezone")
SOURCE_KEYS = (
    "text",
    "repository",
    "record_group",
    "collection",
    "series",
    "box",
    "folder",
    "file",
    "lot",
    "drafted_by",
    "cleared_by",
    "approved_by",
    "sent",
    "received",
    "repeated_to",
)
FOOTNOTE_KEYS = ("n", "id", "kind", "text", "anchored")


def document_record(doc: Document) -> dict[str, Any]:
    """The stable record of an (enriched) document."""
    return {
        "id": doc.id,
        "volume": doc.volume_id,
        "number": doc.number,
        "title": doc.title,
        "type": doc.type,
        "from": [_party(p) for p in doc.senders],
        "to": [_party(p) for p in doc.recipients],
        "participants": [_party(p) for p in participants(doc)],
        "date": {key: getattr(doc.date, key) for key in DATE_KEYS},
        "place": doc.place,
        "dateline": doc.dateline,
        "subject": doc.subject,
        "classification": {
            "level": doc.classification.level,
            "caveats": list(doc.classification.caveats),
        },
        "source": _source(doc.source),
        "footnotes": [
            {"n": n.n, "id": n.id, "kind": n.kind, "text": n.text, "anchored": n.anchored} for n in doc.footnotes
        ],
        "pages": list(doc.pages),
        "path": list(doc.path),
        "prev": doc.prev_id,
        "next": doc.next_id,
        "parent": doc.parent_id,
        "origin": doc.origin,
        "body": [block_record(b) for b in doc.body],
    }


def block_record(block: Block) -> dict[str, Any]:
    """A block as ``{kind, rend, inlines, children}``."""
    return {
        "kind": block.kind,
        "rend": block.rend,
        "inlines": [_inline(i) for i in block.inlines],
        "children": [block_record(c) for c in block.children],
    }


def _inline(run: Inline) -> dict[str, Any]:
    return {"kind": run.kind, "text": run.text, "target": run.target, "style": run.style}


def _party(p: Party) -> dict[str, str | None]:
    return {"role": p.role, "name": p.name}


def _source(s: SourceCitation | None) -> dict[str, str | None] | None:
    if s is None:
        return None
    return {key: getattr(s, key) for key in SOURCE_KEYS}
