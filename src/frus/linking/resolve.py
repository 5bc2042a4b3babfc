"""Resolving stored cross-references against what the store holds when they are read.

References are stored as found; whether "Document 65 of frus1964-68v14"
exists is asked when someone reads them, so ingesting that volume later
resolves them without relinking the volume that cites it.  The questions
the resolver asks (does the document exist, which document has number 65,
which note has marker 3, which document starts on page 131) are answered
from the ``documents`` table and the anchors the link stage recorded,
loaded for just the volumes the references point into.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from frus.references.catalog import Catalog, _page_key
from frus.references.crossrefs import Reference, resolve_references

#: the reason crossrefs gives a reference to a volume the store lacks
EXTERNAL = "volume not in the store (external)"
_NOT_HELD = ("no document", "no footnote", "no page")


class StoredCatalog(Catalog):
    """A :class:`~frus.references.catalog.Catalog` over rows read from the store.

    ``documents``: (id, volume id, number) in reading order; ``notes``:
    (doc id, marker, note id) in note order; ``pages``: (volume id, doc id,
    page key, index of the page in the document) in reading order.
    Answers exactly as a catalog built from the parsed volumes would.
    """

    def __init__(
        self,
        volumes: Iterable[str],
        documents: Iterable[tuple[str, str, str | None]],
        notes: Iterable[tuple[str, str, str]],
        pages: Iterable[tuple[str, str, str, str]],
        text_stubs: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.volume_ids = set(volumes)
        #: volumes held only as text copies of some of their documents
        self.text_stubs = set(text_stubs)
        self.document_ids: set[str] = set()
        self.by_number: dict[tuple[str, str], str] = {}
        for doc_id, volume, number in documents:
            self.document_ids.add(doc_id)
            if number:
                self.by_number.setdefault((volume, number.lower()), doc_id)
        self.markers: dict[tuple[str, str], str] = {}
        self.note_ids: set[tuple[str, str]] = set()
        for doc_id, marker, note_id in notes:
            self.note_ids.add((doc_id, note_id))
            if marker:
                self.markers.setdefault((doc_id, marker), note_id)
        self.page_starts: dict[tuple[str, str], str] = {}
        self.page_all: dict[tuple[str, str], list[str]] = {}
        for volume, doc_id, key, index in pages:
            if str(index) == "0":
                self.page_starts.setdefault((volume, key), doc_id)
            self.page_all.setdefault((volume, key), []).append(doc_id)

    def has_volume(self, volume: str) -> bool:
        return volume in self.volume_ids

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self.document_ids

    def document_by_number(self, volume: str, number: str) -> str | None:
        found = self.by_number.get((volume, number.lower()))
        if found or volume in self.volume_ids:
            return found
        return None

    def footnote_id(self, doc_id: str, marker: str) -> str | None:
        return self.markers.get((doc_id, marker))

    def has_footnote(self, doc_id: str, note_id: str) -> bool:
        return (doc_id, note_id) in self.note_ids

    def page_document(self, volume: str, page: str) -> str | None:
        key = (volume, _page_key(page))
        found = self.page_starts.get(key)
        if found:
            return found
        over = self.page_all.get(key)
        return over[0] if over else None

    def page_documents(self, volume: str, page: str) -> tuple[str, ...]:
        return tuple(self.page_all.get((volume, _page_key(page)), ()))

    def has_page(self, volume: str, page: str) -> bool:
        return self.page_document(volume, page) is not None

    def neighbours(self, doc_id: str) -> tuple[str | None, str | None]:
        return (None, None)


class VolumeCatalogs(Catalog):
    """One catalog made of per-volume :class:`StoredCatalog` parts.

    Every question a resolver asks names its volume (or a document id,
    which begins with it), so each part can be built and cached for its
    volume alone and shared by every document that points into it.
    """

    def __init__(self, volumes: Iterable[str], text_stubs: Iterable[str], parts: dict[str, StoredCatalog]) -> None:
        super().__init__()
        self.volume_ids = set(volumes)
        self.text_stubs = set(text_stubs)
        self._parts = parts

    def _part(self, volume: str) -> StoredCatalog | None:
        return self._parts.get(volume)

    def _of(self, doc_id: str) -> StoredCatalog | None:
        return self._parts.get(doc_id.split("/", 1)[0])

    def has_volume(self, volume: str) -> bool:
        return volume in self.volume_ids

    def has_document(self, doc_id: str) -> bool:
        part = self._of(doc_id)
        return part is not None and part.has_document(doc_id)

    def document_by_number(self, volume: str, number: str) -> str | None:
        part = self._part(volume)
        return part.document_by_number(volume, number) if part is not None else None

    def footnote_id(self, doc_id: str, marker: str) -> str | None:
        part = self._of(doc_id)
        return part.footnote_id(doc_id, marker) if part is not None else None

    def has_footnote(self, doc_id: str, note_id: str) -> bool:
        part = self._of(doc_id)
        return part is not None and part.has_footnote(doc_id, note_id)

    def page_document(self, volume: str, page: str) -> str | None:
        part = self._part(volume)
        return part.page_document(volume, page) if part is not None else None

    def page_documents(self, volume: str, page: str) -> tuple[str, ...]:
        part = self._part(volume)
        return part.page_documents(volume, page) if part is not None else ()

    def has_page(self, volume: str, page: str) -> bool:
        return self.page_document(volume, page) is not None

    def neighbours(self, doc_id: str) -> tuple[str | None, str | None]:
        return (None, None)


def resolve(refs: Iterable[Reference], catalog: Catalog) -> tuple[Reference, ...]:
    """``refs`` resolved; a miss in a volume held only as text copies is external.

    A volume the store holds only as a few text copies is not "in the
    store": a reference to one of its other documents says what is
    missing, not what is wrong, exactly like a reference to a volume the
    store lacks.
    """
    out = []
    for ref in resolve_references(refs, catalog):
        if (
            not ref.resolved
            and ref.target_volume in catalog.text_stubs
            and (ref.reason or "").startswith(_NOT_HELD)
        ):
            ref = replace(ref, reason=f"{EXTERNAL}: only text copies of some of its documents are held; {ref.reason}")
        out.append(ref)
    return tuple(out)


def is_external(ref: Reference) -> bool:
    return not ref.resolved and (ref.reason or "").startswith(EXTERNAL)
