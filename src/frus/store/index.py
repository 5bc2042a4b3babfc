"""The full-text index: Tantivy, in ``<db>.index/`` beside the SQLite file.

The index is derived data.  It can be thrown away and rebuilt from SQLite
at any time (``frus reindex``), so it is recreated rather than migrated
whenever its schema or format no longer matches this code.  A marker file
gives every index build a fresh uuid; SQLite remembers the uuid its
``indexed_generation`` counters refer to, so a deleted or replaced index
directory is noticed and rebuilt instead of silently missing volumes.
"""

from __future__ import annotations

import json
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import tantivy

from frus.errors import StoreError
from frus.store.records import IndexEntry

#: bump when the schema or the analysis of a field changes
INDEX_FORMAT = 2
MARKER = "frus-index.json"

#: BM25 weight per field.  A word in the head says more about a document
#: than a word in its body; the editors' notes are searched too, but a hit
#: there (often just an archive citation) ranks below the text itself.
#: (``frus.search.compile`` applies them.)
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "notes": 0.5}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
#: each text field has a twin holding the words as written (lowercased,
#: not stemmed), for ``=word``, phrases and prefixes
EXACT_SUFFIX = "_exact"

#: must be the analyzer of the text fields: snippets re-tokenize stored
#: text with it to find the terms the index matched.
TOKENIZER = "en_stem"
EXACT_TOKENIZER = "default"

#: Metadata the query language filters on (``from:``, ``type:`` …): raw
#: terms in ``records.keyword_form``.  The query language takes its field
#: names from this tuple (``frus.search.querylang.fields``).
KEYWORD_FIELDS = (
    "from",
    "to",
    "person",
    "type",
    "volume",
    "subseries",
    "classification",
    "caveat",
    "repository",
    "place",
)

#: Facet → the fast field holding its values as people read them.  The
#: volume facet reads the volume id; year and decade read ``year``.
FACET_FIELDS = {
    "volume": "volume_id",
    "subseries": "f_subseries",
    "type": "f_type",
    "classification": "f_classification",
    "caveat": "f_caveat",
    "sender": "f_sender",
    "recipient": "f_recipient",
    "person": "f_person",
    "repository": "f_repository",
    "place": "f_place",
}
DATE_FIELDS = ("date_min", "date_max", "year", "date_sort")

#: Tantivy's indexing memory, split between its threads; it caps the
#: writer's memory whatever the size of the corpus
WRITER_HEAP = 128_000_000
WRITER_THREADS = 2


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    # raw: ids are matched whole (deletes); the volume id is also the
    # volume facet, hence fast
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("volume_id", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("number", stored=True, tokenizer_name="raw", index_option="basic")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=True, tokenizer_name=TOKENIZER, index_option="position")
        sb.add_text_field(name + EXACT_SUFFIX, tokenizer_name=EXACT_TOKENIZER, index_option="position")
    sb.add_text_field("note_n", stored=True, tokenizer_name="raw", index_option="basic")
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for facet, name in FACET_FIELDS.items():
        if name.startswith("f_"):
            sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
    for name in DATE_FIELDS:
        sb.add_integer_field(name, stored=True, indexed=True, fast=True)
    return sb.build()


def build_analyzer() -> tantivy.TextAnalyzer:
    """The same chain as Tantivy's built-in ``en_stem`` tokenizer."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


@dataclass(frozen=True, slots=True)
class StoredDoc:
    """The stored fields of one indexed document: what snippets and concordances read."""

    id: str
    volume_id: str
    number: str
    title: str
    body: str
    notes: tuple[str, ...]
    note_numbers: tuple[str, ...]
    date_min: int | None = None
    year: int | None = None

    def text(self, field: str) -> tuple[str, ...]:
        """The values of ``title``, ``body`` or ``notes`` (one per footnote)."""
        if field == "notes":
            return self.notes
        return (self.title,) if field == "title" else (self.body,)


#: sort orders: name → (fast field, descending)
SORTS = {"date-asc": ("date_sort", False), "date-desc": ("date_sort", True)}


def _first(doc: tantivy.Document, name: str, default=""):
    value = doc.get_first(name)
    return default if value is None else value


class TantivyIndex:
    """A Tantivy index with one writer held for a whole ingest run."""

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.schema = build_schema()
        self.uuid: str | None = None
        #: True when this open created the index (or rebuilt a stale one)
        self.created = False
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._seen_meta: tuple | None = None
        self._vocabularies: dict[str, list[str]] = {}
        self._vocabulary_version: tuple | None = None
        self._problem = "missing"
        self._open()

    # -- opening ----------------------------------------------------------

    def _read_marker(self) -> dict | None:
        try:
            data = json.loads((self.path / MARKER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _open(self) -> None:
        marker = self._read_marker()
        usable = marker is not None and marker.get("format") == INDEX_FORMAT
        if self.readonly:
            if marker is not None and not usable:
                self._problem = "from another version of frus"
            elif usable:
                try:
                    self._index = tantivy.Index.open(str(self.path))
                    self.uuid = marker.get("uuid")
                except ValueError:
                    self._problem = "damaged"
            return
        if usable:
            try:
                self._index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
                self.uuid = marker.get("uuid")
                return
            except ValueError:
                pass  # schema drift or damage: rebuilt below
        self._create()

    def _create(self) -> None:
        if self.path.exists():
            looks_ours = (
                not any(self.path.iterdir())
                or (self.path / MARKER).exists()
                or (self.path / "meta.json").exists()
            )
            if not looks_ours:
                raise StoreError(f"{self.path} exists and is not a frus index; move it away")
            shutil.rmtree(self.path)
        try:
            self.path.mkdir(parents=True)
            self._index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        except (OSError, ValueError) as err:
            raise StoreError(f"cannot create the index at {self.path}: {err}") from None
        self.uuid = uuid.uuid4().hex
        (self.path / MARKER).write_text(json.dumps({"format": INDEX_FORMAT, "uuid": self.uuid}), encoding="utf-8")
        self.created = True

    @property
    def available(self) -> bool:
        return self._index is not None

    @property
    def tantivy_index(self) -> tantivy.Index:
        if self._index is None:
            raise StoreError(f"the full-text index at {self.path} is {self._problem}; run `frus reindex`")
        return self._index

    # -- writing ----------------------------------------------------------

    def _acquire_writer(self) -> tantivy.IndexWriter:
        if self.readonly:
            raise StoreError(f"the index at {self.path} is open read-only")
        if self._writer is None:
            try:
                self._writer = self.tantivy_index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            except ValueError as err:
                if "LockBusy" in str(err):
                    raise StoreError("another frus process is writing to this corpus; try again when it ends") from None
                raise StoreError(f"cannot write the index at {self.path}: {err}") from None
        return self._writer

    def try_acquire_writer(self) -> bool:
        """Take the writer lock if it is free; False if another process holds it."""
        try:
            self._acquire_writer()
        except StoreError:
            return False
        return True

    def replace_volume(self, volume_id: str, entries: Iterable[IndexEntry]) -> int:
        """Queue the replacement of a volume's documents; visible after ``commit``."""
        writer = self._acquire_writer()
        writer.delete_documents_by_term("volume_id", volume_id)
        return self._add(writer, entries)

    @staticmethod
    def _add(writer: tantivy.IndexWriter, entries: Iterable[IndexEntry]) -> int:
        count = 0
        for e in entries:
            writer.add_document(_document(e))
            count += 1
        return count

    def replace_documents(self, entries: Iterable[IndexEntry]) -> int:
        """Queue the replacement of single documents (text copies added beside a volume)."""
        writer = self._acquire_writer()
        entries = list(entries)
        for e in entries:
            writer.delete_documents_by_term("id", e.id)
        return self._add(writer, entries)

    def delete_all(self) -> None:
        self._acquire_writer().delete_all_documents()

    def commit(self) -> None:
        writer = self._acquire_writer()
        try:
            writer.commit()
        except ValueError as err:
            raise StoreError(f"cannot commit the index at {self.path}: {err}") from None
        self.tantivy_index.reload()

    def rollback(self) -> None:
        if self._writer is not None:
            self._writer.rollback()

    def release_writer(self) -> None:
        """Let merges finish and free the writer lock for other processes."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.wait_merging_threads()

    def close(self) -> None:
        if self._writer is not None:
            self.rollback()
            self.release_writer()
        self._index = None

    # -- reading ----------------------------------------------------------

    def num_docs(self) -> int:
        return self.tantivy_index.searcher().num_docs

    def _meta_version(self) -> tuple | None:
        """Changes with every commit: each one rewrites meta.json."""
        try:
            stat = (self.path / "meta.json").stat()
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def searcher(self) -> tantivy.Searcher:
        """A searcher on the last commit (another process's too, when read-only)."""
        index = self.tantivy_index
        if self.readonly:
            # another process writes: see its last commit now, not on the
            # watcher's next poll; a stat tells whether there is one
            seen = self._meta_version()
            if seen is None or seen != self._seen_meta:
                index.reload()
                self._seen_meta = seen
        return index.searcher()

    def vocabulary(self, field: str) -> list[str]:
        """Every term of a keyword field, kept until the next commit.

        ``from:Rogers`` matches the stored values containing "rogers", found
        by reading the field's whole term dictionary: milliseconds at
        full-series scale, so not on every search.
        """
        version = self._meta_version()
        if version is None or version != self._vocabulary_version:
            self._vocabularies = {}
            self._vocabulary_version = version
        terms = self._vocabularies.get(field)
        if terms is None:
            try:
                terms = [t for t, _ in self.searcher().terms_with_prefix(field, "")]
            except ValueError as err:
                raise StoreError(f"the search index has no field {field!r} ({err}); run `frus reindex`") from None
            self._vocabularies[field] = terms
        return terms

    @staticmethod
    def top(
        searcher: tantivy.Searcher, query: tantivy.Query, *, limit: int, offset: int, sort: str = "relevance"
    ) -> tuple[int, list[tuple[object, tantivy.DocAddress]]]:
        """Exact total and one page of ``(score or date, address)``, in ``sort`` order.

        Dated orders put undated documents last, whichever the direction.
        """
        size = searcher.num_docs
        # TopDocs allocates room for offset+limit hits: keep it within the
        # number of documents whatever page a client asks for.
        if limit <= 0 or offset >= size:
            return searcher.search(query, 1, count=True).count or 0, []
        limit = min(limit, size)
        if sort == "relevance":
            result = searcher.search(query, limit, count=True, offset=offset)
        else:
            field, descending = SORTS[sort]
            order = tantivy.Order.Desc if descending else tantivy.Order.Asc
            try:
                result = searcher.search(query, limit, count=True, offset=offset, order_by_field=field, order=order)
            except ValueError as err:
                raise StoreError(f"cannot sort the index by {field} ({err}); rebuild it with `frus reindex`") from None
        return result.count or 0, list(result.hits)

    @staticmethod
    def stored(searcher: tantivy.Searcher, address: tantivy.DocAddress) -> StoredDoc:
        doc = searcher.doc(address)
        return StoredDoc(
            id=_first(doc, "id"),
            volume_id=_first(doc, "volume_id"),
            number=_first(doc, "number"),
            title=_first(doc, "title"),
            body=_first(doc, "body"),
            notes=tuple(doc.get_all("notes")),
            note_numbers=tuple(doc.get_all("note_n")),
            date_min=doc.get_first("date_min"),
            year=doc.get_first("year"),
        )


def _document(e: IndexEntry) -> tantivy.Document:
    doc = tantivy.Document(id=e.id, volume_id=e.volume_id, number=e.number)
    for name, values in (("title", (e.title,)), ("body", (e.body,)), ("notes", e.notes)):
        for value in values:
            doc.add_text(name, value)
            doc.add_text(name + EXACT_SUFFIX, value)
    for n in e.note_numbers:
        doc.add_text("note_n", n)
    for name, values in e.keywords:
        for value in values:
            doc.add_text(name, value)
    for facet, values in e.facets:
        field = FACET_FIELDS.get(facet)
        if field and field.startswith("f_"):
            for value in values:
                doc.add_text(field, value)
    for name in DATE_FIELDS:
        value = getattr(e, name)
        if value is not None:
            doc.add_integer(name, value)
    return doc
