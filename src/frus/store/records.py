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

from frus.errors import IngestError
from frus.model import Block, Document, Inline, ParsedVolume, Volume

_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the full-text index holds for one document."""

    id: str
    volume_id: str
    number: str
    title: str
    body: str
    notes: str
    date_min: int | None  # YYYYMMDD
    date_max: int | None
    year: int | None


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


def _dumps(value) -> str:
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
    if cls is Inline:
        out = {"kind": obj.kind}
        if obj.text:
            out["text"] = obj.text
        if obj.target is not None:
            out["target"] = obj.target
        if obj.style is not None:
            out["style"] = obj.style
        return out
    if cls is Block:
        out = {"kind": obj.kind}
        if obj.inlines:
            out["inlines"] = [compact_dict(i) for i in obj.inlines]
        if obj.children:
            out["children"] = [compact_dict(c) for c in obj.children]
        if obj.rend is not None:
            out["rend"] = obj.rend
        return out
    if cls is tuple or cls is list:
        return [compact_dict(x) for x in obj]
    if is_dataclass(obj):
        out = {}
        for name, has_default, default in _defaults(cls):
            value = getattr(obj, name)
            if has_default and value == default:
                continue
            out[name] = compact_dict(value)
        return out
    return obj


def volume_json(volume: Volume) -> str:
    """The volume minus its persons/terms lists, which get tables of their own."""
    return _dumps(compact_dict(replace(volume, persons=(), terms=())))


def document_record(doc: Document) -> tuple[tuple, IndexEntry]:
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
        _dumps(compact_dict(doc)),
    )
    entry = IndexEntry(
        id=doc.id,
        volume_id=doc.volume_id,
        number=doc.number or "",
        title=doc.title,
        body=doc.body_text(),
        notes=doc.notes_text(),
        date_min=date_key(doc.date.min),
        date_max=date_key(doc.date.max or doc.date.min, upper=True),
        year=doc.date.year,
    )
    return row, entry


def volume_records(parsed: ParsedVolume) -> VolumeRecords:
    """Flatten one parsed volume; raise ``IngestError`` on ids the store cannot hold."""
    volume = parsed.volume
    where = volume.source_path or volume.id
    if not volume.id:
        raise IngestError(where, "the volume has no id")
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
        row, entry = document_record(doc)
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
