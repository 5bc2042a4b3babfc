"""What the references can be resolved against.

A reference is *resolved* when what it points to is known: a document id
(``frus1964-68v14/d335``), a footnote of it, a printed page of a known
volume, or a volume.  The store will answer these questions with SQL later;
today a :class:`Catalog` answers them from parsed volumes, from a plain
set of ids, or from a predicate.  Every resolver in this package takes a
``known`` argument and passes it through :func:`as_catalog`, so callers may
hand in whichever they have.
"""

from __future__ import annotations

from typing import Callable, Iterable, Union

from frus.model import Document, ParsedVolume


def _page_key(page: str) -> str:
    """Pages are printed "[31]" when the number is inferred; a citation says "p. 31"."""
    return page.strip().strip("[]").lower()


class Catalog:
    """Known volumes, documents, footnotes and printed pages.

    Built from parsed volumes it knows everything; built from bare ids
    (:meth:`from_ids`) or a predicate (:meth:`from_predicate`) it knows
    documents and volumes only, and answers footnote and page questions by
    the existence of the document or volume (``detailed`` is False).
    """

    def __init__(self) -> None:
        self.detailed = True
        self._volumes: set[str] = set()
        self._documents: set[str] = set()
        self._numbers: dict[tuple[str, str], str] = {}
        self._notes: dict[tuple[str, str], str] = {}
        self._note_ids: set[tuple[str, str]] = set()
        self._page_starts: dict[tuple[str, str], str] = {}
        self._page_all: dict[tuple[str, str], list[str]] = {}
        self._neighbours: dict[str, tuple[str | None, str | None]] = {}
        self._predicate: Callable[[str], bool] | None = None

    # -- building ---------------------------------------------------------

    @classmethod
    def from_volumes(cls, volumes: Iterable[ParsedVolume]) -> "Catalog":
        catalog = cls()
        for parsed in volumes:
            catalog.add(parsed)
        return catalog

    @classmethod
    def from_ids(cls, ids: Iterable[str]) -> "Catalog":
        """Document ids (``VOL/dN``) and volume ids; volumes of documents are implied."""
        catalog = cls()
        catalog.detailed = False
        for raw in ids:
            vol, sep, local = raw.partition("/")
            catalog._volumes.add(vol)
            if sep:
                catalog._documents.add(raw)
        return catalog

    @classmethod
    def from_predicate(cls, known: Callable[[str], bool]) -> "Catalog":
        """``known`` is asked about document ids (``VOL/dN``) and volume ids (``VOL``)."""
        catalog = cls()
        catalog.detailed = False
        catalog._predicate = known
        return catalog

    def add(self, parsed: ParsedVolume) -> None:
        vol = parsed.volume.id
        self._volumes.add(vol)
        for doc in parsed.documents:
            self.add_document(doc)

    def add_document(self, doc: Document) -> None:
        vol = doc.volume_id
        self._volumes.add(vol)
        self._documents.add(doc.id)
        if doc.number:
            self._numbers.setdefault((vol, doc.number.lower()), doc.id)
        for note in doc.footnotes:
            self._note_ids.add((doc.id, note.id))
            if note.n:
                self._notes.setdefault((doc.id, note.n), note.id)
        for i, page in enumerate(doc.pages):
            key = (vol, _page_key(page))
            if i == 0:
                self._page_starts.setdefault(key, doc.id)
            self._page_all.setdefault(key, []).append(doc.id)
        self._neighbours[doc.id] = (doc.prev_id, doc.next_id)

    # -- questions --------------------------------------------------------

    def has_volume(self, volume: str) -> bool:
        if self._predicate is not None:
            return bool(self._predicate(volume))
        return volume in self._volumes

    def has_document(self, doc_id: str) -> bool:
        if self._predicate is not None:
            return bool(self._predicate(doc_id))
        return doc_id in self._documents

    def document_by_number(self, volume: str, number: str) -> str | None:
        """The document printed with ``number`` ("65", "72A"); by id when numbers are not known."""
        found = self._numbers.get((volume, number.lower()))
        if found:
            return found
        if self.detailed and volume in self._volumes:
            return None
        guess = f"{volume}/d{number.lower()}"
        return guess if self.has_document(guess) else None

    def footnote_id(self, doc_id: str, marker: str) -> str | None:
        return self._notes.get((doc_id, marker))

    def has_footnote(self, doc_id: str, note_id: str) -> bool:
        if not self.detailed:
            return self.has_document(doc_id)
        return (doc_id, note_id) in self._note_ids

    def page_document(self, volume: str, page: str) -> str | None:
        """The document that starts on ``page`` (else the one running over it)."""
        key = (volume, _page_key(page))
        found = self._page_starts.get(key)
        if found:
            return found
        over = self._page_all.get(key)
        return over[0] if over else None

    def page_documents(self, volume: str, page: str) -> tuple[str, ...]:
        """Every document printed on ``page``, in reading order."""
        return tuple(self._page_all.get((volume, _page_key(page)), ()))

    def has_page(self, volume: str, page: str) -> bool:
        if not self.detailed:
            return self.has_volume(volume)
        return self.page_document(volume, page) is not None

    def neighbours(self, doc_id: str) -> tuple[str | None, str | None]:
        return self._neighbours.get(doc_id, (None, None))


Known = Union[Catalog, Callable[[str], bool], Iterable[str]]


def as_catalog(known: Known | None) -> Catalog:
    """A :class:`Catalog` from a catalog, a predicate, or an iterable of ids."""
    if known is None:
        return Catalog()
    if isinstance(known, Catalog):
        return known
    if callable(known):
        return Catalog.from_predicate(known)
    return Catalog.from_ids(known)
