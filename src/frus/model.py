"""The one data model every stage shares.

Readers (``frus.ingest``) build these objects; the store, the index, the
search layer and every interface consume them.  They are frozen
dataclasses that import neither lxml nor sqlite3, so a parser never has to
know where its output goes and a renderer never has to know where its
input came from.

A document's body keeps its structure (blocks holding inline runs) because
historians cite printed pages and footnote markers: flattening the text at
ingest would lose the places where ``[Page 131]`` and footnote 3 fall.
``to_dict``/``from_dict`` give the stable JSON shape stored in SQLite and
served by ``frus show --json`` and the REST API.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Iterable, Iterator

# --------------------------------------------------------------------------
# Inline content and blocks
# --------------------------------------------------------------------------

#: Inline kinds.  ``text`` is plain running text (``style`` may say italic,
#: smallcaps, …); ``person``/``term``/``ref`` are text that points somewhere
#: (``target`` = person id, term id or the raw ``ref/@target``); ``pb`` is a
#: printed page break (``text`` = the page number as printed); ``noteref`` is
#: a footnote marker (``text`` = the marker as printed, ``target`` = the
#: footnote id); ``lb`` is a forced line break.
INLINE_KINDS = ("text", "person", "term", "ref", "pb", "noteref", "lb")

#: Block kinds.  Containers (``list``, ``table``, ``row``, ``attachment``,
#: ``quote``, ``opener``, ``closer``, ``postscript``) hold ``children``;
#: the others hold ``inlines``.
BLOCK_KINDS = (
    "paragraph",
    "heading",
    "dateline",
    "list",
    "item",
    "label",
    "table",
    "row",
    "cell",
    "signed",
    "salute",
    "attachment",
    "quote",
    "opener",
    "closer",
    "postscript",
    "pagebreak",
)


@dataclass(frozen=True, slots=True)
class Inline:
    kind: str
    text: str = ""
    target: str | None = None
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    kind: str
    inlines: tuple[Inline, ...] = ()
    children: tuple["Block", ...] = ()
    #: the TEI ``@rend``/``@type`` hint, e.g. ``right``, ``participants``,
    #: ``subject``, ``sectiontitleital``; renderers may use it, nothing
    #: depends on it.
    rend: str | None = None

    def text(self) -> str:
        """Plain text of this block and its children (page breaks dropped)."""
        return block_text(self)


# --------------------------------------------------------------------------
# Apparatus
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Footnote:
    #: the footnote's id within its volume (``d33fn2``); synthesised as
    #: ``<doc>fn<n>`` when the TEI gives none.
    id: str
    #: the marker as printed (``"1"``, ``"*"``, ``"a"``); may be empty.
    n: str
    text: str
    #: the footnote as inline runs, so persons, refs and page breaks inside
    #: notes survive.
    inlines: tuple[Inline, ...] = ()
    is_source: bool = False
    #: footnote kind (issue 3): ``source``, ``crossref``, ``unprinted``,
    #: ``annotation``, ``excision``, ``editorial`` or ``unknown``.
    kind: str = "unknown"
    #: does a marker for this note appear in the body?
    anchored: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    """A tagged pointer from a document to a volume's persons or terms list."""

    kind: str  # "person" | "term"
    target: str  # the list entry id, without '#': "p_KHA1", "t_NSC1"
    text: str
    #: where it occurs: "title", "body" or "notes"
    where: str = "body"


@dataclass(frozen=True, slots=True)
class CrossRef:
    """A ``ref/@target`` in a document or its notes, kept raw for issue 6."""

    target: str
    text: str
    where: str = "body"


@dataclass(frozen=True, slots=True)
class Party:
    """A sender or recipient: an office/role, a personal name, or both."""

    role: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class DocDate:
    """When a document was written, as a closed range.

    ``min``/``max`` are ISO 8601 strings: ``YYYY-MM-DD`` or a full
    ``YYYY-MM-DDTHH:MM:SS[±HH:MM]`` instant when the source gives a time.
    ``basis`` says where the range came from (``tei`` for the encoders'
    attributes, ``dateline`` for text parsed from the dateline,
    ``inferred`` for internal evidence, ``none``).
    """

    min: str | None = None
    max: str | None = None
    text: str | None = None
    precision: str = "unknown"  # minute | day | month | year | range | undated | unknown
    basis: str = "none"
    time: str | None = None  # "1:30 p.m.", "0533Z" as printed
    timezone: str | None = None

    @property
    def year(self) -> int | None:
        for value in (self.min, self.max):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None


@dataclass(frozen=True, slots=True)
class Classification:
    level: str | None = None  # "Secret", "Top Secret", "No classification marking", …
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceCitation:
    """The archival citation parsed from a source note (issue 3)."""

    text: str = ""
    repository: str | None = None
    record_group: str | None = None
    collection: str | None = None
    series: str | None = None
    box: str | None = None
    folder: str | None = None
    file: str | None = None
    lot: str | None = None
    drafted_by: str | None = None
    cleared_by: str | None = None
    approved_by: str | None = None
    sent: str | None = None
    received: str | None = None
    repeated_to: str | None = None


# --------------------------------------------------------------------------
# Documents and volumes
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    #: ``VOLUME/dN`` — the history.state.gov URL scheme.
    id: str
    volume_id: str
    #: the TEI ``@xml:id`` (``d33``) or the text copy's local id.
    local_id: str
    #: the printed number (``@n``): may be None or alphanumeric ("72A").
    number: str | None
    #: the head without its leading printed number and footnote markers.
    title: str
    #: zero-based reading order within the volume.
    position: int = 0
    #: compilation / chapter / subchapter heads above the document.
    path: tuple[str, ...] = ()
    prev_id: str | None = None
    next_id: str | None = None
    #: id of the enclosing document for the 79 nested ones.
    parent_id: str | None = None
    subtype: str | None = None
    place: str | None = None
    dateline: str | None = None
    date: DocDate = field(default_factory=DocDate)
    body: tuple[Block, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    #: printed pages the document spans, as printed ("131", "XXXII").
    pages: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    refs: tuple[CrossRef, ...] = ()
    # -- extracted metadata (issue 3); readers may leave the defaults --
    type: str | None = None
    senders: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    subject: str | None = None
    classification: Classification = field(default_factory=Classification)
    source: SourceCitation | None = None
    #: "tei" or "text": which reader produced it.
    origin: str = "tei"

    @property
    def source_note(self) -> Footnote | None:
        return next((n for n in self.footnotes if n.is_source), None)

    def body_text(self) -> str:
        """The document's own words (body blocks), without footnotes."""
        return "\n\n".join(t for t in (block_text(b) for b in self.body) if t)

    def notes_text(self) -> str:
        """The editors' apparatus: every footnote, source note included."""
        return "\n".join(n.text for n in self.footnotes)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One entry of a volume's persons or terms list."""

    id: str  # "p_KHA1", "t_NSC1"
    name: str  # "Kissinger, Henry A." or "NSC"
    description: str = ""  # the identification / expansion text


@dataclass(frozen=True, slots=True)
class Volume:
    id: str
    title: str
    subseries: str | None = None
    volume_number: str | None = None
    volume_title: str | None = None
    editors: tuple[str, ...] = ()
    published: str | None = None  # publication year as printed
    persons: tuple[ListEntry, ...] = ()
    terms: tuple[ListEntry, ...] = ()
    #: where it was read from (informational; never used to find it again)
    source_path: str | None = None
    document_count: int = 0
    #: "tei" for a whole published volume; "text" for the stub volume that
    #: holds documents ingested from text copies.  A stub never replaces a
    #: TEI volume of the same id: its documents are added beside it.
    origin: str = "tei"


@dataclass(frozen=True, slots=True)
class ParsedVolume:
    """What a reader yields for one input file: a volume and its documents."""

    volume: Volume
    documents: tuple[Document, ...]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def iter_inlines(blocks: Iterable[Block]) -> Iterator[Inline]:
    for block in blocks:
        yield from block.inlines
        yield from iter_inlines(block.children)


def inline_text(inlines: Iterable[Inline]) -> str:
    """Running text of inline runs: page breaks and note markers vanish."""
    parts: list[str] = []
    for run in inlines:
        if run.kind in ("pb", "noteref"):
            continue
        if run.kind == "lb":
            parts.append("\n")
        else:
            parts.append(run.text)
    return _squeeze("".join(parts))


def block_text(block: Block) -> str:
    own = inline_text(block.inlines)
    kids = [block_text(c) for c in block.children]
    sep = " " if block.kind in ("row", "item") else "\n"
    return sep.join(t for t in [own, *kids] if t)


def _squeeze(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------
# JSON round trip
# --------------------------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """A JSON-ready dict of any model object (tuples become lists)."""
    if is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    return obj


def _inline(d: dict) -> Inline:
    return Inline(**d)


def _block(d: dict) -> Block:
    return Block(
        kind=d["kind"],
        inlines=tuple(_inline(i) for i in d.get("inlines", ())),
        children=tuple(_block(c) for c in d.get("children", ())),
        rend=d.get("rend"),
    )


def document_from_dict(d: dict) -> Document:
    """Inverse of ``to_dict`` for a Document (the stored JSON shape)."""
    d = dict(d)
    d["date"] = DocDate(**d.get("date") or {})
    d["body"] = tuple(_block(b) for b in d.get("body", ()))
    d["footnotes"] = tuple(
        Footnote(**{**n, "inlines": tuple(_inline(i) for i in n.get("inlines", ()))})
        for n in d.get("footnotes", ())
    )
    d["pages"] = tuple(d.get("pages", ()))
    d["path"] = tuple(d.get("path", ()))
    d["mentions"] = tuple(Mention(**m) for m in d.get("mentions", ()))
    d["refs"] = tuple(CrossRef(**r) for r in d.get("refs", ()))
    d["senders"] = tuple(Party(**p) for p in d.get("senders", ()))
    d["recipients"] = tuple(Party(**p) for p in d.get("recipients", ()))
    c = d.get("classification") or {}
    d["classification"] = Classification(
        level=c.get("level"), caveats=tuple(c.get("caveats", ()))
    )
    if d.get("source") is not None:
        d["source"] = SourceCitation(**d["source"])
    return Document(**d)


def volume_from_dict(d: dict) -> Volume:
    d = dict(d)
    d["editors"] = tuple(d.get("editors", ()))
    d["persons"] = tuple(ListEntry(**e) for e in d.get("persons", ()))
    d["terms"] = tuple(ListEntry(**e) for e in d.get("terms", ()))
    return Volume(**d)


__all__ = [
    "Block",
    "Classification",
    "CrossRef",
    "DocDate",
    "Document",
    "Footnote",
    "Inline",
    "ListEntry",
    "Mention",
    "ParsedVolume",
    "Party",
    "SourceCitation",
    "Volume",
    "block_text",
    "document_from_dict",
    "inline_text",
    "iter_inlines",
    "to_dict",
    "volume_from_dict",
]
