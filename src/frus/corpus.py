"""The front door: one ``Corpus`` object is the Python API of frus.

The CLI, the REST API and the web pages each call one method of it and
render the result.  Behind it: a SQLite store (the source of truth) and a
Tantivy index derived from it (see ``frus.store``).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from frus.errors import FrusError, NotFound, StoreError
from frus.model import Document, ParsedVolume, Volume
from frus.search import analysis, engine
from frus.search import facets as facet_counts
from frus.search.results import Hit, SearchResult
from frus.search.snippets import make_snippet
from frus.store import sync
from frus.store.index import TantivyIndex
from frus.store.links import LinkTables
from frus.store.location import default_db_path, index_dir_for
from frus.store.pipeline import Prepared, one_line, prepare_all
from frus.store.records import VolumeRecords, volume_records
from frus.store.sqlite import DocumentSummary, SQLiteStore

if TYPE_CHECKING:  # the link records pull in the entities and references libraries
    from frus.linking.queries import CatalogCache
    from frus.linking.records import (
        DocumentPersons,
        DocumentReferences,
        LinkReport,
        LinkStatus,
        PersonRecord,
        PersonSummary,
        UnprintedResult,
    )
    from frus.references import CheckRow, Excision, LedgerEntry

#: most hits one page may ask for; a client paging further uses ``offset``
MAX_LIMIT = 1000

_URL_MARK = "/historicaldocuments/"


@dataclass(frozen=True)
class FileOutcome:
    path: str
    volume_id: str | None
    documents: int
    error: str | None = None  # one line, "path:line:col: reason"
    #: one line on a file that was read but not wholly stored (text copies
    #: of documents the corpus has from TEI); not a failure
    note: str | None = None


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error]

    @property
    def documents(self) -> int:
        return sum(f.documents for f in self.files if not f.error)

    @property
    def volumes(self) -> int:
        return len({f.volume_id for f in self.files if not f.error})


def parse_document_ref(ref: str) -> str:
    """``"frus1969-76v12/d1"`` or its history.state.gov URL → ``"frus1969-76v12/d1"``."""
    text = ref.strip().split("#", 1)[0].split("?", 1)[0].rstrip("/")
    if _URL_MARK in text:
        text = text.split(_URL_MARK, 1)[1]
    parts = text.split("/")
    if len(parts) != 2 or not all(parts):
        raise NotFound(f"{ref!r} is not a document id; expected VOLUME/dN, e.g. frus1969-76v12/d1")
    return text


class Corpus:
    """A store (SQLite) plus its full-text index (Tantivy) on disk.

    ``Corpus.open(db)`` opens or creates ``db`` (a SQLite file) and its
    index directory beside it (``<db>.index/``).  ``db`` defaults to
    ``$FRUS_DB`` or the user's data dir (``platformdirs``).  Opened
    read-only, nothing is created or changed (the web server's mode).
    """

    def __init__(self, store: SQLiteStore, index: TantivyIndex):
        self._store = store
        self._index = index
        self._links = LinkTables(store)
        self._catalogs: CatalogCache | None = None

    # -- opening and closing ----------------------------------------------

    @classmethod
    def open(cls, db: str | Path | None = None, *, readonly: bool = False) -> "Corpus":
        path = Path(db).expanduser() if db is not None else default_db_path()
        if path.is_dir():
            raise StoreError(f"{path} is a directory; give the path of the corpus file (e.g. {path / 'frus.db'})")
        store = SQLiteStore(path, readonly=readonly)
        try:
            index = TantivyIndex(index_dir_for(path), readonly=readonly)
        except BaseException:
            store.close()
            raise
        corpus = cls(store, index)
        if not readonly:
            try:
                sync.recover(store, index)
            except BaseException:
                corpus.close()
                raise
        return corpus

    def close(self) -> None:
        self._index.close()
        self._store.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def db_path(self) -> Path:
        return self._store.path

    @property
    def index_path(self) -> Path:
        return self._index.path

    @property
    def readonly(self) -> bool:
        return self._store.readonly

    def change_stamp(self) -> tuple[int, int]:
        """A value that moves whenever the corpus may have changed (a write by
        this or another process), for callers keeping answers between requests.
        A read-only corpus notices another process's write within a second."""
        return self._store.change_stamp()

    # -- writing ----------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        progress: Callable[[FileOutcome, int, int], None] | None = None,
    ) -> IngestReport:
        """Read every volume under ``paths`` into the corpus.

        A file that cannot be read is reported in its ``FileOutcome`` and
        the others are still ingested.  A TEI volume replaces the stored
        volume of the same id (so ingesting again changes nothing); text
        copies of single documents are added beside it, never replacing a
        document read from TEI.  ``progress(outcome, done, total)`` is
        called after each file.
        """
        from frus.ingest import iter_input_files

        started = time.perf_counter()
        files = [str(p) for p in iter_input_files([Path(p) for p in paths])]
        order = {path: i for i, path in enumerate(files)}
        report = IngestReport()
        with sync.writing(self._store, self._index) as batch:
            for done, prepared in enumerate(prepare_all(files, workers), start=1):
                outcome = self._write(prepared, batch)
                report.files.append(outcome)
                if progress is not None:
                    progress(outcome, done, len(files))
        report.files.sort(key=lambda f: order.get(f.path, len(order)))
        report.seconds = time.perf_counter() - started
        return report

    def _write(self, prepared: Prepared, batch: sync.IndexBatch) -> FileOutcome:
        records: VolumeRecords | None = prepared.records
        if records is None:
            return FileOutcome(prepared.path, None, 0, prepared.error or f"{prepared.path}: unreadable")
        vid = records.volume_id
        try:
            stored = self._store.replace_records(records)
        except (FrusError, sqlite3.Error, OSError) as err:
            return FileOutcome(prepared.path, vid, 0, one_line(f"{prepared.path}: cannot store {vid}: {err}"))
        batch.add(records, stored)
        note = None
        if stored.skipped:
            note = f"not stored, read from the TEI volume already: {', '.join(stored.skipped)}"
        return FileOutcome(prepared.path, vid, len(stored.written), note=note)

    def add_volume(self, parsed: ParsedVolume) -> int:
        """Store and index one already-parsed volume; return the number of documents stored.

        Same rules as :meth:`ingest`: a TEI volume replaces the stored one,
        a text-copy stub adds its documents beside it.

        For volumes built in this process (a reader run by hand, tests);
        files go through :meth:`ingest`.
        """
        records = volume_records(parsed)
        with sync.writing(self._store, self._index) as batch:
            stored = self._store.replace_records(records)
            batch.add(records, stored)
        return len(stored.written)

    def reindex(self, progress: Callable[[str, int, int], None] | None = None) -> int:
        """Rebuild the whole index from SQLite; return the number of documents indexed.

        The old index stays searchable until the new one is committed.
        """
        return sync.rebuild(self._store, self._index, progress)

    # -- reading ----------------------------------------------------------

    def volumes(self) -> list[Volume]:
        """Every volume, by id, with ``document_count`` filled in."""
        return self._store.volumes()

    def volume(self, volume_id: str) -> Volume:
        return self._store.volume(volume_id)

    def documents(self, volume_id: str) -> list[Document]:
        """A volume's documents in reading order; raises NotFound for an unknown volume."""
        return self._store.documents(volume_id)

    def document(self, doc_id: str) -> Document:
        """A document by ``VOLUME/dN`` or its history.state.gov URL."""
        return self._store.document(parse_document_ref(doc_id))

    def summaries(self, doc_ids: Iterable[str]) -> dict[str, DocumentSummary]:
        """Number, title and dates of each known id, without decoding the
        documents (a reader's previous/next links need no more); ids not in
        the corpus are left out."""
        return self._store.summaries(doc_ids)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        offset: int = 0,
        sort: str = "relevance",
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        facets: Iterable[str] | bool = True,
        facet_limit: int | None = facet_counts.DEFAULT_LIMIT,
        exclude_apparatus: bool = False,
    ) -> SearchResult:
        """Documents matching ``query``, one page of them, with facet counts over all.

        ``sort``: ``relevance`` (BM25; the head weighs most), ``date-asc``
        or ``date-desc`` (undated documents last).  ``filters`` keeps only
        documents with one of the given values of each facet, ``exclude``
        drops those with any given value: ``filters={"type":
        ["telegram"]}, exclude={"classification": ["Secret"]}``.
        ``facets``: True for the default facets, False for none, or the
        names wanted; ``facet_limit`` values each (None: all).
        ``exclude_apparatus`` searches what the documents say, not the
        editors' notes (``apparatus:no`` in the query does the same).

        ``total`` is exact and every page can be reached with ``offset``.
        Raises :class:`~frus.errors.QuerySyntaxError` for a query that
        cannot be parsed and :class:`~frus.errors.FrusError` for bad options.
        """
        if not 0 <= limit <= MAX_LIMIT:
            raise FrusError(f"limit must be between 0 and {MAX_LIMIT}, not {limit}")
        if offset < 0:
            raise FrusError(f"offset must be 0 or more, not {offset}")
        if facet_limit is not None and facet_limit < 0:
            raise FrusError(f"facet_limit must be 0 or more, not {facet_limit}")
        sort = engine.sort_name(sort)
        names = _facet_names(facets)
        started = time.perf_counter()
        index = self._index.tantivy_index
        prepared = self._prepare(query, filters, exclude, exclude_apparatus)
        searcher = self._index.searcher()
        total, page = self._index.top(searcher, prepared.query, limit=limit, offset=offset, sort=sort)
        counted: dict[str, list[tuple[str, int]]] = {name: [] for name in names}
        if names and total:
            raw = searcher.aggregate(prepared.query, facet_counts.request(names, facet_limit))
            counted = facet_counts.counts(names, raw, facet_limit)
        stored = [self._index.stored(searcher, address) for _, address in page]
        summaries = self._store.summaries(doc.id for doc in stored)
        hits = tuple(
            self._hit(doc, key if sort == "relevance" else 0.0, summaries.get(doc.id), prepared)
            for (key, _), doc in zip(page, stored)
        )
        warnings = engine.unmatched(prepared, index, searcher, total)
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            query=query,
            total=total,
            offset=offset,
            limit=limit,
            hits=hits,
            took_ms=round(took, 2),
            facets=counted,
            parsed=prepared.parsed,
            sort=sort,
            filters=prepared.filters,
            warnings=tuple(warnings),
        )

    def facets(
        self,
        query: str = "",
        *,
        names: Iterable[str] | None = None,
        limit: int | None = facet_counts.DEFAULT_LIMIT,
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        exclude_apparatus: bool = False,
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over every document matching ``query``; an empty
        ``query`` counts every document in the filters' scope (the whole
        corpus without filters)."""
        if limit is not None and limit < 0:
            raise FrusError(f"limit must be 0 or more, not {limit}")
        wanted = _facet_names(True if names is None else list(names))
        prepared = self._prepare(query, filters, exclude, exclude_apparatus, everything=True)
        searcher = self._index.searcher()
        raw = searcher.aggregate(prepared.query, facet_counts.request(wanted, limit))
        return facet_counts.counts(wanted, raw, limit)

    def _prepare(
        self, query: str, filters, exclude, exclude_apparatus: bool, everything: bool = False
    ) -> engine.PreparedQuery:
        return engine.prepare(
            query, self._index.tantivy_index, filters=filters, exclude=exclude,
            exclude_apparatus=exclude_apparatus, everything_if_empty=everything,
            vocabulary=self._index.vocabulary,
        )

    def kwic(
        self,
        query: str,
        *,
        context: int = 8,
        sort: str = "document",
        limit: int = 100,
        offset: int = 0,
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        exclude_apparatus: bool = False,
        max_documents: int | None = None,
    ) -> analysis.Concordance:
        """A keyword-in-context concordance: every match of ``query`` with
        ``context`` words either side, in order of time (``sort="document"``)
        or by the words to the ``left`` or ``right`` of the hit."""
        prepared = self._prepare(query, filters, exclude, exclude_apparatus)
        return analysis.concordance(
            prepared, self._index.searcher(), context=context, sort=sort, limit=limit,
            offset=offset, max_documents=max_documents,
        )

    def trend(
        self,
        query: str,
        *,
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        exclude_apparatus: bool = False,
        occurrences: bool = True,
    ) -> analysis.Trend:
        """Per year: matching documents, documents in scope, their share, and
        occurrences of the query's words (``occurrences=False`` skips reading
        the texts, which is what takes time on a large result set)."""
        prepared = self._prepare(query, filters, exclude, exclude_apparatus)
        return analysis.trend(prepared, self._index.searcher(), count_occurrences=occurrences)

    def collocates(
        self,
        query: str,
        *,
        window: int = 5,
        limit: int = 50,
        min_count: int = 3,
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        exclude_apparatus: bool = False,
        max_documents: int | None = None,
    ) -> analysis.Collocates:
        """Words found within ``window`` words of the query's matches more
        often than chance, by log-likelihood (G²), strongest first."""
        prepared = self._prepare(query, filters, exclude, exclude_apparatus)
        return analysis.collocates(
            prepared, self._index.searcher(), window=window, limit=limit, min_count=min_count,
            max_documents=max_documents,
        )

    def explain(
        self,
        query: str,
        *,
        filters: facet_counts.FilterMap | None = None,
        exclude: facet_counts.FilterMap | None = None,
        exclude_apparatus: bool = False,
    ) -> analysis.Explanation:
        """How ``query`` was understood: its canonical form, each condition and
        each indexed term with document counts in the corpus and in scope."""
        prepared = self._prepare(query, filters, exclude, exclude_apparatus)
        index = self._index.tantivy_index
        return analysis.explain(prepared, index, self._index.searcher())

    # -- people, cross-references, the unprinted ledger, excisions ----------
    # What `frus link` derives from the stored documents (frus.linking): read
    # from the link tables, so the answers are as current as the last link
    # run; ``link_status()`` says when documents changed since.  Before any
    # run these raise StoreError ("run `frus link`").

    def link(
        self,
        *,
        aux: str | Path | bool | None = None,
        overrides: str | Path | bool | None = None,
        workers: int | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        force: bool = False,
    ) -> LinkReport:
        """Bring the link tables up to date with the stored documents.

        Only what changed is redone: volumes ingested since the last run,
        and the person links of volumes whose register persons changed.
        ``aux`` is the folder holding the authority data (hsa-people,
        pocom) and ``overrides`` the merge overrides CSV; each defaults to
        ``$FRUS_AUX``/``$FRUS_OVERRIDES``, then to what the last run used,
        then (aux) to ``$FRUS_CORPUS/aux``; ``False`` goes without.
        ``workers``: processes (default: up to 2; 0 = link in this process).
        ``progress(what, done, total)``: ``what`` is "register", a volume
        id, or "ledger".  ``force`` relinks everything.
        """
        if self.readonly:
            raise StoreError(f"{self.db_path} is open read-only")
        from frus.linking import stage

        return stage.run(self._links, aux=aux, overrides=overrides, workers=workers, progress=progress, force=force)

    def link_status(self) -> LinkStatus:
        """Whether the link tables are current, stale (documents changed since,
        or a run did not finish: its ``message`` says to run ``frus link``) or missing."""
        return _links().link_status(self._links)

    def find_persons(self, query: str, limit: int = 20) -> list[PersonSummary]:
        """Canonical persons by any name form, accents and case aside: "Kissinger",
        "Henry Kissinger", "Kissinger, Henry A.", "Ivanoff"; or by id."""
        return _links().find_persons(self._links, query, limit)

    def person(self, person_id: str, *, limit: int | None = None) -> PersonRecord:
        """A canonical person with the documents from, to, with (participant)
        and mentioning them, each list oldest first (``limit`` per list)."""
        return _links().person(self._links, person_id, limit)

    def person_names(self, person_ids: Iterable[str]) -> dict[str, str]:
        """The preferred name of each canonical id the register knows (others left
        out): enough to name an ambiguous mention's candidates without reading
        their documents."""
        return _links().person_names(self._links, person_ids)

    def person_for(self, volume_id: str, local_id: str) -> str | None:
        """The canonical id of a volume's persons-list entry (``p_KHA1``); None if unknown."""
        return _links().person_for(self._links, volume_id, local_id)

    def document_persons(self, doc_id: str) -> DocumentPersons:
        """Who a document is from, to and about (linked mentions), and its terms."""
        return _links().document_persons(self._links, parse_document_ref(doc_id))

    def references(self, doc_id: str) -> DocumentReferences:
        """A document's cross-references resolved against the store as it is
        now (``outgoing``), and the documents pointing to it (``incoming``)."""
        queries = _links()
        if self._catalogs is None:
            self._catalogs = queries.CatalogCache()
        return queries.references(self._links, parse_document_ref(doc_id), self._catalogs)

    def check_refs(self, *, external: bool = True) -> list[CheckRow]:
        """Every cross-reference that does not resolve, with the reason;
        ``external=False`` leaves out those to volumes not in the store."""
        return _links().check_refs(self._links, external=external)

    def unprinted(self, query: str | None = None, *, limit: int = 50, offset: int = 0) -> UnprintedResult:
        """Ledger entries (documents FRUS cites but does not print) matching
        ``query`` — words, or ``field:value`` (kind, number, date, from, to,
        location, status, cited) — most cited first; ``.total`` counts all."""
        return _links().unprinted(self._links, query, limit, offset)

    def unprinted_entry(self, entry_id: str) -> LedgerEntry:
        return _links().unprinted_entry(self._links, entry_id)

    def document_unprinted(self, doc_id: str) -> list[LedgerEntry]:
        """The unprinted documents a document cites, each with every document citing it."""
        return _links().document_unprinted(self._links, parse_document_ref(doc_id))

    def excisions(self, doc_id: str) -> list[Excision]:
        """The declassification excisions of a document, in order."""
        return _links().excisions(self._links, parse_document_ref(doc_id))

    def _hit(self, doc, score: float, summary: DocumentSummary | None, prepared: engine.PreparedQuery) -> Hit:
        snippet = make_snippet(doc, prepared.scanners)
        # SQLite is the truth; the stored fields only cover a hit whose row
        # vanished under a read-only reader while an ingest was replacing it
        return Hit(
            id=doc.id,
            volume_id=summary.volume_id if summary else doc.volume_id,
            number=summary.number if summary else (doc.number or None),
            title=summary.title if summary else doc.title,
            date_min=summary.date_min if summary else None,
            date_max=summary.date_max if summary else None,
            score=float(score),
            snippet=snippet.html,
            snippet_field=snippet.field,
            snippet_note=snippet.note,
        )


def _links():
    """The link tables' readers, imported when first needed: they bring the
    entities and references libraries, which searching and reading do not need."""
    from frus.linking import queries

    return queries


def _facet_names(facets: Iterable[str] | bool) -> tuple[str, ...]:
    if facets is True:
        return facet_counts.DEFAULT_FACETS
    if facets is False or facets is None:
        return ()
    if isinstance(facets, str):
        facets = [facets]
    return facet_counts.check_names(facets)
