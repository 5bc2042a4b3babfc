"""Read models the web pages and the REST API share, built on ``Corpus``.

These are the listings ``Corpus`` does not offer yet: a volume's table of
contents without document bodies, a tree made of it, and the documents that
mention a person or term.  Everything here goes through the public
``Corpus`` methods (``volume``, ``documents``, ``document``, ``summaries``,
``change_stamp``),
so the web and API layers never reach past the front door.

``Corpus.documents`` decodes every body of a volume (a quarter of a second
for the largest), so :class:`ContentsCache` keeps the light listing of
recently seen volumes; every document page needs its volume's persons and
terms lists, so :class:`VolumeCache` keeps those.  Both keep them until the
corpus changes (``Corpus.change_stamp``).  The
replacements these stand in for, once the store can read its own summary
columns, are ``Corpus.contents(volume_id)`` and
``Corpus.mentioning(volume_id, kind, entry_id)``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Protocol

from frus.errors import NotFound
from frus.model import Document, ListEntry, Volume

if TYPE_CHECKING:  # the type Corpus.summaries returns; the web never imports the store
    from frus.store.sqlite import DocumentSummary


class ReadCorpus(Protocol):
    """The read side of ``Corpus`` that the web and the API call."""

    def volumes(self) -> list[Volume]: ...
    def volume(self, volume_id: str) -> Volume: ...
    def documents(self, volume_id: str) -> list[Document]: ...
    def document(self, doc_id: str) -> Document: ...
    def summaries(self, doc_ids: Iterable[str]) -> dict[str, DocumentSummary]: ...
    def change_stamp(self) -> Any: ...


# --------------------------------------------------------------------------
# A volume's contents without bodies
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One document as a table of contents shows it."""

    id: str
    local_id: str
    number: str | None
    title: str
    position: int
    path: tuple[str, ...]
    parent_id: str | None
    date_min: str | None
    date_max: str | None
    type: str | None
    #: person and term ids mentioned, each with where ("title", "body", "notes")
    persons: tuple[tuple[str, str], ...] = ()
    terms: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, doc: Document) -> "ContentsEntry":
        return cls(
            id=doc.id,
            local_id=doc.local_id,
            number=doc.number,
            title=doc.title,
            position=doc.position,
            path=tuple(doc.path),
            parent_id=doc.parent_id,
            date_min=doc.date.min,
            date_max=doc.date.max,
            type=doc.type,
            persons=_targets(doc, "person"),
            terms=_targets(doc, "term"),
        )

    def summary(self) -> dict[str, Any]:
        """The JSON shape of a document in a listing."""
        return {
            "id": self.id,
            "number": self.number,
            "title": self.title,
            "date_min": self.date_min,
            "date_max": self.date_max,
            "type": self.type,
        }


def _targets(doc: Document, kind: str) -> tuple[tuple[str, str], ...]:
    seen: dict[tuple[str, str], None] = {}
    for m in doc.mentions:
        if m.kind == kind and m.target:
            seen[(m.target, m.where)] = None
    return tuple(seen)


class _KeptUntilChange:
    """The values built for the most recently asked keys, each kept until the
    corpus's change stamp moves (another ``frus ingest`` or ``frus link``)."""

    def __init__(self, corpus: ReadCorpus, size: int):
        self._corpus = corpus
        self._size = size
        self._items: OrderedDict[str, tuple[Any, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str, build: Callable[[], Any]) -> Any:
        stamp = self._corpus.change_stamp()  # read first: a write meanwhile makes the next call build again
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and hit[0] == stamp:
                self._items.move_to_end(key)
                return hit[1]
        # built outside the lock: two threads may both build, which is harmless
        value = build()
        with self._lock:
            self._items[key] = (stamp, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


class ContentsCache:
    """Light listings of the volumes read most recently, kept until the corpus changes."""

    def __init__(self, corpus: ReadCorpus, size: int = 16):
        self._corpus = corpus
        self._kept = _KeptUntilChange(corpus, size)

    def get(self, volume_id: str) -> tuple[Volume, tuple[ContentsEntry, ...]]:
        """The volume and its documents in reading order; NotFound if unknown."""
        return self._kept.get(volume_id, lambda: self._build(volume_id))

    def _build(self, volume_id: str) -> tuple[Volume, tuple[ContentsEntry, ...]]:
        volume = self._corpus.volume(volume_id)
        return volume, tuple(ContentsEntry.of(d) for d in self._corpus.documents(volume_id))


# --------------------------------------------------------------------------
# Volumes as a document page needs them
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeView:
    """A volume with its persons and terms lists indexed by id."""

    volume: Volume
    persons: dict[str, ListEntry]
    terms: dict[str, ListEntry]


class VolumeCache:
    """The volumes behind recent document pages, kept until the corpus changes.

    Reading a volume means reading its persons and terms lists (hundreds of
    rows in the larger volumes; tens of milliseconds for the largest), and
    every document page shows its volume.  Reading them again on a timer
    put those reads into the slowest pages of a busy server; the corpus's
    change stamp says exactly when a volume may have changed instead.
    """

    def __init__(self, corpus: ReadCorpus, size: int = 128):
        self._corpus = corpus
        self._kept = _KeptUntilChange(corpus, size)

    def get(self, volume_id: str) -> VolumeView:
        """The volume and its lists; NotFound if unknown."""
        return self._kept.get(volume_id, lambda: self._build(volume_id))

    def _build(self, volume_id: str) -> VolumeView:
        volume = self._corpus.volume(volume_id)
        return VolumeView(volume, persons={p.id: p for p in volume.persons}, terms={t.id: t for t in volume.terms})


# --------------------------------------------------------------------------
# The table of contents as a tree
# --------------------------------------------------------------------------


@dataclass
class TocNode:
    """A heading (``kind="section"``) or a document, with what sits under it.

    Documents nested inside another document (79 in the corpus) hang under
    their parent; everything else hangs under the headings of its ``path``.
    """

    kind: str  # "section" | "document"
    title: str
    entry: ContentsEntry | None = None
    children: list["TocNode"] = field(default_factory=list)


def toc_tree(entries: Iterable[ContentsEntry]) -> list[TocNode]:
    """Headings from each document's ``path``, in reading order.

    Consecutive documents share the headings their paths have in common; a
    heading that comes back after another one opens a new node, so reading
    order is never rearranged.
    """
    roots: list[TocNode] = []
    open_path: list[tuple[str, TocNode]] = []
    documents: dict[str, TocNode] = {}
    for entry in entries:
        node = TocNode("document", entry.title, entry)
        documents[entry.id] = node
        parent = documents.get(entry.parent_id or "")
        if parent is not None:
            parent.children.append(node)
            continue
        common = 0
        while (
            common < min(len(entry.path), len(open_path))
            and open_path[common][0] == entry.path[common]
        ):
            common += 1
        del open_path[common:]
        for head in entry.path[common:]:
            section = TocNode("section", head)
            (open_path[-1][1].children if open_path else roots).append(section)
            open_path.append((head, section))
        (open_path[-1][1].children if open_path else roots).append(node)
    return roots


# --------------------------------------------------------------------------
# Persons and terms
# --------------------------------------------------------------------------

LIST_KINDS = {"person": "persons", "term": "terms"}


def list_entries(volume: Volume, kind: str) -> tuple[ListEntry, ...]:
    return volume.persons if kind == "person" else volume.terms


def find_entry(volume: Volume, kind: str, entry_id: str) -> ListEntry:
    for entry in list_entries(volume, kind):
        if entry.id == entry_id:
            return entry
    noun = "person" if kind == "person" else "term"
    raise NotFound(f"no {noun} {entry_id!r} in the {LIST_KINDS[kind]} list of {volume.id}")


_WHERE_ORDER = {"title": 0, "body": 1, "notes": 2}


@dataclass(frozen=True, slots=True)
class Mentioning:
    """A document that mentions a person or term, and where it does."""

    entry: ContentsEntry
    where: tuple[str, ...]


def mentioning(entries: Iterable[ContentsEntry], kind: str, entry_id: str) -> list[Mentioning]:
    """Documents mentioning ``entry_id``, by date (undated ones last, in reading order)."""
    found = []
    for entry in entries:
        pairs = entry.persons if kind == "person" else entry.terms
        where = tuple(sorted({w for target, w in pairs if target == entry_id}, key=_WHERE_ORDER.get))
        if where:
            found.append(Mentioning(entry, where))
    found.sort(key=lambda m: (m.entry.date_min is None, m.entry.date_min or "", m.entry.position))
    return found


@dataclass(frozen=True, slots=True)
class Mentioned:
    """A list entry a document mentions, with the words the document used."""

    entry: ListEntry
    forms: tuple[str, ...]


def mentioned(doc: Document, volume: Volume, kind: str) -> list[Mentioned]:
    """The volume's entries of ``kind`` that ``doc`` mentions, in list order.

    Mentions whose target is missing from the list (an encoding slip) are
    left out: there is nothing to identify them with.
    """
    forms: dict[str, dict[str, None]] = {}
    for m in doc.mentions:
        if m.kind == kind and m.target:
            forms.setdefault(m.target, {})[" ".join(m.text.split())] = None
    out = []
    for entry in list_entries(volume, kind):
        if entry.id in forms:
            out.append(Mentioned(entry, tuple(f for f in forms.pop(entry.id) if f)))
    return out


# --------------------------------------------------------------------------
# Neighbours
# --------------------------------------------------------------------------


def neighbours(corpus: ReadCorpus, doc: Document) -> tuple[DocumentSummary | None, DocumentSummary | None]:
    """The previous and next documents, as far as a link to them needs.

    Read as summaries in one query rather than as two whole documents (that
    was a third of a document page's time); either is None when the
    document has none, or when a re-ingest has removed it.
    """
    wanted = [i for i in (doc.prev_id, doc.next_id) if i]
    if not wanted:
        return None, None
    found = corpus.summaries(wanted)
    return found.get(doc.prev_id or ""), found.get(doc.next_id or "")


__all__ = [
    "ContentsCache",
    "ContentsEntry",
    "Mentioned",
    "Mentioning",
    "ReadCorpus",
    "TocNode",
    "VolumeCache",
    "VolumeView",
    "find_entry",
    "list_entries",
    "mentioned",
    "mentioning",
    "neighbours",
    "toc_tree",
]
