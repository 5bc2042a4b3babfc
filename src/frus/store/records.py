"""Flat records of a parsed volume: the rows SQLite stores and the entries Tantivy indexes.

Turning model objects into rows is pure CPU work (``to_dict``, JSON,
plain text of every body), so ingest runs it in the worker processes next
to the parser; the main process then only inserts strings.  Everything
here is picklable and free of sqlite3 and tantivy.
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, dataclass, fields, is_dataclass, replace

import orjson

from frus.errors import IngestError
from frus.model import Block, Document, Inline, ParsedVolume, Volume

_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_TIME = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the full-text index holds for one document."""

    id: str
    volume_id: str
    number: str
    title: str
    body: str
    #: one value per footnote, so a phrase never runs from one note into
    #: the next and a snippet can say which note it comes from
    notes: tuple[str, ...]
    #: the printed marker of each note in ``notes`` ("1", "*"), same order
    note_numbers: tuple[str, ...]
    date_min: int | None  # YYYYMMDD
    date_max: int | None
    year: int | None
    #: YYYYMMDDHHMMSS of the start of the date range, for sorting by date:
    #: telegrams of one day then come in the order they were sent
    date_sort: int | None = None
    #: (query-language field, values in ``keyword_form``) for ``from:`` …
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: (facet, values as shown to people) for the facet counts
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def chars(self) -> int:
        return len(self.title) + len(self.body) + sum(len(n) for n in self.notes)


@dataclass(frozen=True, slots=True)
class VolumeRecords:
    volume_id: str
    #: "tei": a whole volume, replacing what is stored; "text": a stub
    #: holding text copies, whose documents are added beside the stored ones
    origin: str
    #: (id, title, subseries, volume_number, published, origin, document_count, json)
    volume_row: tuple
    #: (id, volume_id, local_id, position, number, title, date_min, date_max,
    #:  year, type, parent_id, origin, json)
    document_rows: tuple[tuple, ...]
    #: (volume_id, position, id, name, description)
    person_rows: tuple[tuple, ...]
    term_rows: tuple[tuple, ...]
    #: (doc_id, volume_id, kind, target, place)
    mention_rows: tuple[tuple, ...]
    index_entries: tuple[IndexEntry, ...]

    @property
    def document_count(self) -> int:
        return len(self.document_rows)


def date_key(iso: str | None, *, upper: bool = False) -> int | None:
    """``"1969-01-20T10:00-05:00"`` → ``19690120``, for range filters.

    A partial date widens to its whole month or year: the lower bound of
    ``"1969-03"`` is 19690301, the upper bound 19690331 (day 31 for every
    month is harmless, since only the ordering of keys matters).
    """
    if not iso:
        return None
    m = _DATE.match(iso)
    if not m:
        return None
    year, month, day = m.groups()
    month = month or ("12" if upper else "01")
    day = day or ("31" if upper else "01")
    return int(year) * 10000 + int(month) * 100 + int(day)


def sort_key(iso: str | None) -> int | None:
    """``"1969-01-20T10:05:00-05:00"`` → ``19690120100500`` (the time as printed, zone aside)."""
    day = date_key(iso)
    if day is None:
        return None
    m = _TIME.search(iso or "")
    hh, mm, ss = (int(g or 0) for g in m.groups()) if m else (0, 0, 0)
    return day * 1_000_000 + hh * 10_000 + mm * 100 + ss


def _dumps(value) -> str:
    """Compact JSON, non-ASCII kept as is: the stored format.

    orjson writes exactly what ``json.dumps(value, ensure_ascii=False,
    separators=(",", ":"))`` writes for these values (strings, ints,
    bools, None, lists, dicts in insertion order; the model has no
    floats), three times faster.  What it refuses (a lone surrogate, an
    int beyond 64 bits) goes through the standard library as before.
    """
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_DEFAULTS: dict[type, tuple[tuple[str, bool, object], ...]] = {}
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _defaults(cls: type) -> tuple[tuple[str, bool, object], ...]:
    spec = _DEFAULTS.get(cls)
    if spec is None:
        items = []
        for f in fields(cls):
            if f.default is not MISSING:
                items.append((f.name, True, f.default))
            elif f.default_factory is not MISSING:
                items.append((f.name, True, f.default_factory()))
            else:
                items.append((f.name, False, None))
        spec = _DEFAULTS[cls] = tuple(items)
    return spec


def compact_dict(obj):
    """``to_dict(obj)`` without the fields that hold their default value.

    The model's ``*_from_dict`` functions restore omitted fields from the
    dataclass defaults, so nothing is lost; the stored JSON shrinks by
    about half (most inline runs have no target and no style) and is
    built several times faster than by the generic ``to_dict``.
    """
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    if cls is tuple or cls is list:
        return _items(obj)
    if cls is Inline:
        return _inline(obj)
    if cls is Block:
        return _block(obj)[0]
    spec = _DEFAULTS.get(cls)
    if spec is None:
        if not is_dataclass(obj):
            return obj
        spec = _defaults(cls)
    out = {}
    for name, has_default, default in spec:
        value = getattr(obj, name)
        if has_default and value == default:
            continue
        out[name] = value if type(value) in _SCALARS else compact_dict(value)
    return out


def _items(values) -> list:
    # scalars and inline runs (footnote text) are most items: the shortest way for them
    out = []
    for x in values:
        cls = type(x)
        if cls in _SCALARS:
            out.append(x)
        elif cls is Inline:
            out.append(_inline(x))
        else:
            out.append(compact_dict(x))
    return out


def _inline(run: Inline) -> dict:
    out = {"kind": run.kind}
    if run.text:
        out["text"] = run.text
    if run.target is not None:
        out["target"] = run.target
    if run.style is not None:
        out["style"] = run.style
    return out


def _runs(inlines) -> tuple[list[dict], str]:
    """The stored form of inline runs and their running text, in one pass.

    The text is ``frus.model.inline_text``'s: page breaks and note
    markers vanish, a line break is a newline, then ``_squeeze``.
    """
    out = []
    parts = []
    for run in inlines:
        kind = run.kind
        text = run.text
        d = {"kind": kind}
        if text:
            d["text"] = text
        if run.target is not None:
            d["target"] = run.target
        if run.style is not None:
            d["style"] = run.style
        out.append(d)
        if kind == "lb":
            parts.append("\n")
        elif kind != "pb" and kind != "noteref":
            parts.append(text)
    return out, _squeeze("".join(parts))


def _squeeze(text: str) -> str:
    """``frus.model._squeeze``: each line's runs of whitespace to one space, empty lines dropped."""
    if "\n" not in text:
        return " ".join(text.split())
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _block(block: Block) -> tuple[dict, str]:
    """``compact_dict(block)`` and ``frus.model.block_text(block)`` from one walk."""
    out = {"kind": block.kind}
    texts = []
    if block.inlines:
        out["inlines"], own = _runs(block.inlines)
        if own:
            texts.append(own)
    if block.children:
        children = []
        for child in block.children:
            d, text = _block(child)
            children.append(d)
            if text:
                texts.append(text)
        out["children"] = children
    if block.rend is not None:
        out["rend"] = block.rend
    return out, (" " if block.kind in ("row", "item") else "\n").join(texts)


def _document(doc: Document) -> tuple[dict, str]:
    """``compact_dict(doc)`` and ``doc.body_text()``, the body walked once for both.

    Building the stored record and the indexed text used to walk every
    block and inline run twice; this walk gives both.
    """
    out = {}
    body_text = ""
    for name, has_default, default in _defaults(Document):
        value = getattr(doc, name)
        if has_default and value == default:
            continue
        if name == "body":
            blocks = []
            texts = []
            for block in value:
                d, text = _block(block)
                blocks.append(d)
                if text:
                    texts.append(text)
            out[name] = blocks
            body_text = "\n\n".join(texts)
        else:
            out[name] = compact_dict(value)
    return out, body_text


def volume_json(volume: Volume) -> str:
    """The volume minus its persons/terms lists, which get tables of their own."""
    return _dumps(compact_dict(replace(volume, persons=(), terms=())))


def keyword_form(value: str) -> str:
    """How a metadata value is indexed and compared: lowercased, one space."""
    return " ".join(value.lower().split())


def _shown(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


_SUBSERIES = re.compile(r"^frus(\d{4})(?:-(\d{2}))?")

#: Words a historian may type for a document type slug (``type:`` matches
#: the slug and these); the slugs themselves come from ``frus.extract.doctype``.
TYPE_WORDS = {
    "memcon": "memorandum of conversation",
    "telcon": "telephone conversation",
    "nsdm": "decision directive",
    "nssm": "study directive",
    "nsc-paper": "national security council paper",
    "intelligence-estimate": "national intelligence estimate",
}


def subseries_of(volume_id: str) -> str | None:
    """The years a volume id starts with, as FRUS ids write them.

    ``frus1969-76v12`` → ``1969-76``; ``frus1894Nicaragua`` → ``1894``
    (the older volumes are annual, so the year is their subseries).  The
    id is the one place every volume spells its years the same way.
    """
    m = _SUBSERIES.match(volume_id)
    if not m:
        return None
    return f"{m[1]}-{m[2]}" if m[2] else m[1]


def _parties(parties) -> list[str]:
    out: list[str] = []
    for party in parties:
        out.extend(v for v in (_shown(party.role), _shown(party.name)) if v)
    return out


def _facet_values(doc: Document, persons: dict[str, str]) -> dict[str, list[str]]:
    """The metadata of a document as people read it, one list per facet."""
    source = doc.source
    return {
        "type": [doc.type] if doc.type else [],
        "classification": [_shown(doc.classification.level)] if doc.classification.level else [],
        "caveat": [_shown(c) for c in doc.classification.caveats],
        "sender": _parties(doc.senders),
        "recipient": _parties(doc.recipients),
        "person": [persons[m.target] for m in doc.mentions if m.kind == "person" and m.target in persons],
        "repository": [_shown(source.repository)] if source is not None and source.repository else [],
        "place": [_shown(doc.place)] if doc.place else [],
        "subseries": [s] if (s := subseries_of(doc.volume_id)) else [],
    }


def person_names(volume: Volume) -> dict[str, str]:
    """Person id → name as the volume's persons list prints it."""
    return {e.id: name for e in volume.persons if (name := _shown(e.name))}


def _dedup(values: list[str]) -> tuple[str, ...]:
    if not values:
        return ()
    return tuple(dict.fromkeys(v for v in values if v))


def document_record(doc: Document, persons: dict[str, str] | None = None) -> tuple[tuple, IndexEntry]:
    """The SQLite row and the index entry of a document.

    ``persons`` (``person_names`` of its volume) maps person ids to their
    names in the persons list, so ``person:`` finds a mention by name as
    well as by id, and the person facet can show names.
    """
    persons = persons or {}
    stored, body = _document(doc)
    row = (
        doc.id,
        doc.volume_id,
        doc.local_id,
        doc.position,
        doc.number,
        doc.title,
        doc.date.min,
        doc.date.max,
        doc.date.year,
        doc.type,
        doc.parent_id,
        doc.origin,
        _dumps(stored),
    )
    return row, _entry(doc, body, persons)


def index_entry(doc: Document, persons: dict[str, str] | None = None) -> IndexEntry:
    """The index entry alone (reindexing from SQLite needs no new row)."""
    return _entry(doc, doc.body_text(), persons or {})


def _entry(doc: Document, body: str, persons: dict[str, str]) -> IndexEntry:
    shown = _facet_values(doc, persons)
    person_ids = [m.target for m in doc.mentions if m.kind == "person" and m.target]
    words = {
        "from": shown["sender"],
        "to": shown["recipient"],
        "person": person_ids + shown["person"],
        "type": shown["type"] + [TYPE_WORDS.get(t, "") for t in shown["type"]],
        "volume": [doc.volume_id],
        "subseries": shown["subseries"],
        "classification": shown["classification"],
        "caveat": shown["caveat"],
        "repository": shown["repository"],
        "place": shown["place"],
    }
    notes = [n for n in doc.footnotes if n.text.strip()]
    return IndexEntry(
        id=doc.id,
        volume_id=doc.volume_id,
        number=doc.number or "",
        title=doc.title,
        body=body,
        notes=tuple(n.text for n in notes),
        note_numbers=tuple(n.n or "" for n in notes),
        date_min=date_key(doc.date.min),
        date_max=date_key(doc.date.max or doc.date.min, upper=True),
        year=doc.date.year,
        date_sort=sort_key(doc.date.min),
        keywords=tuple((k, _dedup([keyword_form(v) for v in vs])) for k, vs in words.items()),
        facets=tuple((k, _dedup(vs)) for k, vs in shown.items()),
    )


def volume_records(parsed: ParsedVolume) -> VolumeRecords:
    """Flatten one parsed volume; raise ``IngestError`` on ids the store cannot hold."""
    volume = parsed.volume
    where = volume.source_path or volume.id
    if not volume.id:
        raise IngestError(where, "the volume has no id")
    persons = person_names(volume)
    seen: set[str] = set()
    rows: list[tuple] = []
    entries: list[IndexEntry] = []
    mentions: list[tuple] = []
    for doc in parsed.documents:
        if doc.id in seen:
            raise IngestError(where, f"duplicate document id {doc.id}")
        if doc.volume_id != volume.id:
            raise IngestError(where, f"document {doc.id} claims volume {doc.volume_id!r}, not {volume.id!r}")
        seen.add(doc.id)
        row, entry = document_record(doc, persons)
        rows.append(row)
        entries.append(entry)
        mentions.extend((doc.id, volume.id, m.kind, m.target, m.where) for m in doc.mentions)
    volume = replace(volume, document_count=len(rows))
    volume_row = (
        volume.id,
        volume.title,
        volume.subseries,
        volume.volume_number,
        volume.published,
        volume.origin,
        len(rows),
        volume_json(volume),
    )
    return VolumeRecords(
        volume_id=volume.id,
        origin=volume.origin,
        volume_row=volume_row,
        document_rows=tuple(rows),
        person_rows=tuple((volume.id, i, e.id, e.name, e.description) for i, e in enumerate(volume.persons)),
        term_rows=tuple((volume.id, i, e.id, e.name, e.description) for i, e in enumerate(volume.terms)),
        mention_rows=tuple(mentions),
        index_entries=tuple(entries),
    )
