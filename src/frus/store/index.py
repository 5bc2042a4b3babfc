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
INDEX_FORMAT = 1
MARKER = "frus-index.json"

#: BM25 weight per field.  A word in the head says more about a document
#: than a word in its body; the editors' notes are searched too, but a hit
#: there (often just an archive citation) ranks below the text itself.
FIELD_BOOSTS = {"title": 2.0, "body": 1.0, "notes": 0.5}
TEXT_FIELDS = tuple(FIELD_BOOSTS)

#: must be the analyzer of the text fields: snippets re-tokenize stored
#: text with it to find the terms the index matched.
TOKENIZER = "en_stem"

#: Tantivy's indexing memory, split between its threads; it caps the
#: writer's memory whatever the size of the corpus
WRITER_HEAP = 128_000_000
WRITER_THREADS = 2


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    # raw: ids and volume ids are matched whole (deletes, filters)
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    sb.add_text_field("volume", stored=True, tokenizer_name="raw")
    sb.add_text_field("number", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=True, tokenizer_name=TOKENIZER, index_option="position")
    for name in ("date_min", "date_max", "year"):
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
class StoredHit:
    score: float
    id: str
    volume_id: str
    number: str
    title: str
    body: str
    notes: str


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
        writer.delete_documents_by_term("volume", volume_id)
        return self._add(writer, entries)

    @staticmethod
    def _add(writer: tantivy.IndexWriter, entries: Iterable[IndexEntry]) -> int:
        count = 0
        for e in entries:
            doc = tantivy.Document(
                id=e.id, volume=e.volume_id, number=e.number, title=e.title, body=e.body, notes=e.notes
            )
            for name in ("date_min", "date_max", "year"):
                value = getattr(e, name)
                if value is not None:
                    doc.add_integer(name, value)
            writer.add_document(doc)
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

    def search(self, query: tantivy.Query, *, limit: int, offset: int) -> tuple[int, list[StoredHit]]:
        """Exact total and one page of hits, best first."""
        if self.readonly:
            # another process writes: see its last commit now, not on the
            # watcher's next poll (a reload that finds nothing new is ~µs)
            self.tantivy_index.reload()
        searcher = self.tantivy_index.searcher()
        size = searcher.num_docs
        # TopDocs allocates room for offset+limit hits: keep it within the
        # number of documents whatever page a client asks for.
        if limit <= 0 or offset >= size:
            result = searcher.search(query, 1, count=True)
            return result.count or 0, []
        result = searcher.search(query, min(limit, size), count=True, offset=offset)
        hits = []
        for score, address in result.hits:
            doc = searcher.doc(address)
            hits.append(
                StoredHit(
                    score=float(score),
                    id=_first(doc, "id"),
                    volume_id=_first(doc, "volume"),
                    number=_first(doc, "number"),
                    title=_first(doc, "title"),
                    body=_first(doc, "body"),
                    notes=_first(doc, "notes"),
                )
            )
        return result.count or 0, hits
