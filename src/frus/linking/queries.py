"""Reading the link tables back as records: what ``Corpus``'s person,
reference, unprinted and excision methods return.

Every function takes a :class:`frus.store.links.LinkTables`.  Unknown ids
raise :class:`~frus.errors.NotFound`; a corpus never linked raises
:class:`~frus.errors.StoreError` saying to run ``frus link``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Iterable

import orjson

from frus.entities.names import translit_key
from frus.errors import FrusError, NotFound, StoreError
from frus.linking.records import (
    CURRENT,
    MISSING,
    STALE,
    CitingDocument,
    DocumentBrief,
    DocumentPersons,
    DocumentReferences,
    LinkStatus,
    PartyLink,
    PersonDocument,
    PersonMention,
    PersonRecord,
    PersonSummary,
    TermMention,
    UnprintedResult,
)
from frus.linking.register_rows import name_words, person_from_dict
from frus.linking.resolve import StoredCatalog, VolumeCatalogs, resolve
from frus.references.catalog import Catalog
from frus.references.crossrefs import CheckRow, Reference
from frus.references.crossrefs import check_refs as library_check_refs
from frus.references.excisions import Excision
from frus.references.ledger import LedgerEntry, search_unprinted
from frus.references.unprinted import UnprintedCitation

NOT_LINKED = "links have not been built for this corpus; run `frus link`"


# --------------------------------------------------------------------------
# state
# --------------------------------------------------------------------------


def link_status(tables) -> LinkStatus:
    if not tables.available:
        return LinkStatus(MISSING, NOT_LINKED)
    behind, gone, any_rows = tables.status_rows()
    if not any_rows and behind:
        return LinkStatus(MISSING, NOT_LINKED, behind=tuple(behind))
    linked_at = tables.linked_at()
    if behind or gone:
        n = len(behind) + len(gone)
        what = f"{n} volume{'s' if n != 1 else ''} changed since the last `frus link`"
        return LinkStatus(STALE, f"links are out of date ({what}); run `frus link`", tuple(behind), linked_at)
    if not tables.complete() and any_rows:
        return LinkStatus(STALE, "links are out of date (the last `frus link` did not finish); run `frus link`",
                          (), linked_at)
    return LinkStatus(CURRENT, None, (), linked_at)


def require_links(tables) -> LinkStatus:
    status = link_status(tables)
    if status.state == MISSING:
        raise StoreError(NOT_LINKED)
    return status


def _require_document(tables, doc_id: str) -> None:
    require_links(tables)
    if not tables.has_document(doc_id):
        raise NotFound(f"no document {doc_id!r} in the corpus")


# --------------------------------------------------------------------------
# persons
# --------------------------------------------------------------------------


def find_persons(tables, query: str, limit: int = 20) -> list[PersonSummary]:
    """Persons with a name form holding every word of ``query`` (a word may
    be the start of a name word, or another transliteration of it: "Ivanoff");
    an exact name form first, then the most widely listed."""
    require_links(tables)
    if limit < 0:
        raise FrusError(f"limit must be 0 or more, not {limit}")
    words = name_words(query or "")
    if not words:
        raise FrusError("give a name to look for, e.g. Kissinger or \"Kissinger, Henry A.\"")
    rows = tables.persons_with_words([(w, translit_key(w)) for w in words])
    wanted = " ".join(words)
    ranked = []
    for pid, raw in rows:
        person = person_from_dict(orjson.loads(raw))
        forms = [name_words(f) for f in (person.preferred_name, *person.name_forms)]
        if any(" ".join(f) == wanted for f in forms):
            rank = 0
        elif any(all(w in f for w in words) for f in forms):
            rank = 1
        else:
            rank = 2
        ranked.append((rank, -len(person.volumes), person.preferred_name, person.id, person))
    exact = tables.person(query.strip())
    if exact is not None and not any(r[3] == query.strip() for r in ranked):
        person = person_from_dict(orjson.loads(exact))
        ranked.append((-1, 0, person.preferred_name, person.id, person))
    ranked.sort(key=lambda r: r[:4])
    chosen = [r[4] for r in ranked[:limit]]
    counts = tables.mentioning_counts([p.id for p in chosen])
    return [
        PersonSummary(p.id, p.preferred_name, p.name_forms, p.birth_year, p.death_year, len(p.volumes),
                      counts.get(p.id, 0), p.authority_id)
        for p in chosen
    ]


def _documents(rows: Iterable[tuple], limit: int | None) -> tuple[PersonDocument, ...]:
    rows = list(rows)
    if limit is not None:
        rows = rows[:limit]
    return tuple(PersonDocument(*r) for r in rows)


def person(tables, person_id: str, limit: int | None = None) -> PersonRecord:
    require_links(tables)
    raw = tables.person(person_id)
    if raw is None:
        raise NotFound(f"no person {person_id!r} in the register; find one by name with `frus person NAME`")
    p = person_from_dict(orjson.loads(raw))
    return PersonRecord(
        id=p.id,
        preferred_name=p.preferred_name,
        name_forms=p.name_forms,
        identifications=p.identifications,
        offices=p.offices,
        volumes=p.volumes,
        birth_year=p.birth_year,
        death_year=p.death_year,
        sources=p.sources,
        authority_id=p.authority_id,
        pocom_id=p.pocom_id,
        documents_from=_documents(tables.person_documents(p.id, "from"), limit),
        documents_to=_documents(tables.person_documents(p.id, "to"), limit),
        documents_participant=_documents(tables.person_documents(p.id, "participant"), limit),
        documents_mentioning=_documents(tables.person_documents(p.id, None), limit),
    )


def person_names(tables, person_ids: Iterable[str]) -> dict[str, str]:
    require_links(tables)
    return tables.person_names(person_ids)


def person_for(tables, volume_id: str, local_id: str) -> str | None:
    require_links(tables)
    return tables.person_for(volume_id, local_id)


def document_persons(tables, doc_id: str) -> DocumentPersons:
    _require_document(tables, doc_id)
    mentions = tables.mentions_of(doc_id)
    parties = tables.parties_of(doc_id)
    names = tables.person_names([r[4] for r in mentions if r[4]] + [r[3] for r in parties if r[3]])
    return DocumentPersons(
        doc_id=doc_id,
        parties=tuple(
            PartyLink(role, prole, pname, pid, names.get(pid) if pid else None, status, conf, reason,
                      tuple(orjson.loads(cands)))
            for role, prole, pname, pid, status, conf, reason, cands in parties
        ),
        persons=tuple(
            PersonMention(text, start, end, place, pid, names.get(pid) if pid else None, local, status, origin,
                          conf, reason, tuple(orjson.loads(cands)))
            for text, start, end, place, pid, local, status, origin, conf, reason, cands in mentions
        ),
        terms=tuple(
            TermMention(text, start, end, place, tid, tname, status, origin, tuple(orjson.loads(cands)))
            for text, start, end, place, tid, tname, status, origin, cands in tables.terms_of(doc_id)
        ),
    )


# --------------------------------------------------------------------------
# cross-references
# --------------------------------------------------------------------------


def _references(raws: Iterable[str]) -> list[Reference]:
    return [Reference(**orjson.loads(raw)) for raw in raws]


def _brief(row: tuple) -> DocumentBrief:
    return DocumentBrief(*row)


class CatalogCache:
    """Per-volume catalogs, kept across the documents a reader opens.

    Resolving one document's references reads the documents and anchors of
    every volume they point into, its own included: most of the time of
    ``references``.  Each volume's part is built once and shared by every
    document citing into it (a cache keyed by the *set* of volumes missed
    nearly always on a reader moving between volumes).  A part is kept
    until its volume is ingested again (its generation moves) or a link
    run completes (the version moves).
    """

    def __init__(self, size: int = 64) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._parts: OrderedDict[tuple, StoredCatalog] = OrderedDict()

    def get(self, tables, volume_ids: Iterable[str]) -> VolumeCatalogs:
        rows = tables.volume_rows()
        generation = {r[0]: r[1] for r in rows}
        stubs = [r[0] for r in rows if r[2] == "text"]
        version = tables.version()
        parts: dict[str, StoredCatalog] = {}
        for volume in sorted(set(volume_ids) & generation.keys()):
            key = (volume, generation[volume], version)
            with self._lock:
                part = self._parts.get(key)
                if part is not None:
                    self._parts.move_to_end(key)
            if part is None:  # built outside the lock: two builds are harmless
                part = StoredCatalog(*tables.catalog_rows([volume]))
                with self._lock:
                    self._parts[key] = part
                    while len(self._parts) > self._size:
                        self._parts.popitem(last=False)
            parts[volume] = part
        return VolumeCatalogs(generation, stubs, parts)


def _catalog(tables, cache: CatalogCache | None, volume_ids: Iterable[str]) -> Catalog:
    if cache is None:
        return StoredCatalog(*tables.catalog_rows(volume_ids))
    return cache.get(tables, volume_ids)


def _may_land_on(row: tuple, doc_id: str, catalog: Catalog) -> bool:
    """False when the stored reference ``row`` cannot resolve to ``doc_id``:
    it names a page that ``doc_id`` does not print.

    Every page and footnote reference into a volume is a candidate for each
    of its documents; decoding and resolving them all for each page read was
    most of the reader's cost.  A page reference only ever lands on a
    document printing that page, so the others are dropped first.
    """
    _json, kind, volume, page, target_doc, number = row
    if target_doc == doc_id or not page or volume is None:
        return True
    if kind == "page" or (kind == "footnote" and number is None and target_doc is None):
        return doc_id in catalog.page_documents(volume, page)
    return True


def references(tables, doc_id: str, catalogs: CatalogCache | None = None) -> DocumentReferences:
    _require_document(tables, doc_id)
    found = _references(tables.references_from(doc_id))
    volumes = {r.target_volume for r in found if r.target_volume}
    outgoing = resolve(found, _catalog(tables, catalogs, volumes))
    volume_id, number = tables.document_number(doc_id)
    own = _catalog(tables, catalogs, [volume_id])
    candidates = _references(
        row[0] for row in tables.references_maybe_to(doc_id, volume_id, number) if _may_land_on(row, doc_id, own)
    )
    citing: dict[str, list[Reference]] = {}
    for ref in resolve(candidates, own):
        if ref.resolved and ref.target_doc == doc_id and ref.kind != "volume" and ref.source_doc != doc_id:
            citing.setdefault(ref.source_doc, []).append(ref)
    targets = [r.target_doc for r in outgoing if r.resolved and r.target_doc]
    briefs = tables.document_brief([*citing, *targets])
    incoming = [
        CitingDocument(*briefs[src][:6], references=tuple(refs)) for src, refs in citing.items() if src in briefs
    ]
    incoming.sort(key=lambda c: (c.date_min is None, c.date_min or "", c.id))
    return DocumentReferences(
        doc_id=doc_id,
        outgoing=outgoing,
        incoming=tuple(incoming),
        targets=tuple(_brief(briefs[t]) for t in dict.fromkeys(targets) if t in briefs),
    )


def check_refs(tables, *, external: bool = True) -> list[CheckRow]:
    """Every unresolved reference; kept until the database changes, since
    resolving all of them takes half a second and the answer is asked for
    page by page."""
    require_links(tables)

    def compute() -> tuple[CheckRow, ...]:
        refs = _references(tables.all_references())
        return tuple(library_check_refs(resolve(refs, StoredCatalog(*tables.catalog_rows())), external=external))

    return list(tables.kept(("check_refs", external), compute))


# --------------------------------------------------------------------------
# the unprinted ledger
# --------------------------------------------------------------------------


def _entries(entry_rows, citation_rows) -> list[LedgerEntry]:
    by_entry: dict[str, list[UnprintedCitation]] = {}
    for entry_id, raw in citation_rows:
        by_entry.setdefault(entry_id, []).append(UnprintedCitation(**orjson.loads(raw)))
    out = []
    for entry_id, raw in entry_rows:
        data = orjson.loads(raw)
        data.pop("cited_by", None)
        out.append(LedgerEntry(**data, citations=tuple(by_entry.get(entry_id, ()))))
    return out


def unprinted(tables, query: str | None, limit: int, offset: int) -> UnprintedResult:
    """Ledger entries matching ``query``.  ``search_unprinted`` reads every
    entry, and decoding them all for each query would cost more than the
    search, so the decoded ledger is kept until the database changes."""
    require_links(tables)
    if limit < 0:
        raise FrusError(f"limit must be 0 or more, not {limit}")
    if offset < 0:
        raise FrusError(f"offset must be 0 or more, not {offset}")
    entries = tables.kept(("ledger",), lambda: tuple(_entries(*tables.ledger_rows())))
    found = search_unprinted(entries, query or "")
    return UnprintedResult(query, len(found), offset, limit, tuple(found[offset:offset + limit]))


def unprinted_entry(tables, entry_id: str) -> LedgerEntry:
    require_links(tables)
    found = _entries(*tables.ledger_rows([entry_id]))
    if not found:
        raise NotFound(f"no unprinted document {entry_id!r} in the ledger; search it with `frus unprinted`")
    return found[0]


def document_unprinted(tables, doc_id: str) -> list[LedgerEntry]:
    """The ledger entries ``doc_id`` cites, in the order it first cites them."""
    _require_document(tables, doc_id)
    ids = tables.entries_cited_by(doc_id)
    by_id = {e.id: e for e in _entries(*tables.ledger_rows(ids))}
    return [by_id[i] for i in ids if i in by_id]


def excisions(tables, doc_id: str) -> list[Excision]:
    _require_document(tables, doc_id)
    return [Excision(**orjson.loads(raw)) for raw in tables.excisions_of(doc_id)]
