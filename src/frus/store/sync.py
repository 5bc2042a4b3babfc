"""Keeping the Tantivy index in step with SQLite.

SQLite commits a volume first; the index follows.  Each volume's
``generation`` (bumped by every replace) and ``indexed_generation`` (set
only after the index has committed that generation) tell which volumes the
index lags behind, so a run killed between the two commits is repaired the
next time the corpus is opened for writing, and a missing or rebuilt index
directory is refilled from SQLite.
"""

from __future__ import annotations

from contextlib import contextmanager, suppress
from typing import Callable, Iterable, Iterator

from frus.errors import StoreError
from frus.store.index import TantivyIndex
from frus.store.records import IndexEntry, VolumeRecords, index_entry, person_names
from frus.store.sqlite import SQLiteStore, WriteResult

BUSY = "another frus process is writing to this corpus; try again when it ends"


class IndexBatch:
    """Volumes added to the index writer but not yet committed.

    A Tantivy commit flushes and syncs a segment, which costs as much as
    indexing a mid-sized volume, so an ingest commits every few volumes
    rather than after each one.
    """

    #: characters of indexed text between commits
    COMMIT_CHARS = 32_000_000

    def __init__(self, store: SQLiteStore, index: TantivyIndex):
        self._store = store
        self._index = index
        self._pending: list[tuple[str, int]] = []
        self._chars = 0
        #: True while a volume is half-added: committing then would publish
        #: part of it, so an interrupted run rolls back instead
        self.partial = False

    def add(self, records: VolumeRecords, stored: WriteResult) -> None:
        """Follow in the index what ``replace_records`` did in SQLite."""
        self.partial = True
        try:
            if stored.whole:
                kept = entries_of(self._store, records.volume_id, stored.kept) if stored.kept else []
                self._index.replace_volume(records.volume_id, [*records.index_entries, *kept])
            else:
                written = set(stored.written)
                self._index.replace_documents(e for e in records.index_entries if e.id in written)
        except ValueError as err:
            raise StoreError(f"cannot index {records.volume_id}: {err}") from None
        self.partial = False
        self._pending.append((records.volume_id, stored.generation))
        self._chars += sum(e.chars for e in records.index_entries)
        if self._chars >= self.COMMIT_CHARS:
            self.commit()

    def commit(self) -> None:
        if not self._pending:
            return
        try:
            self._index.commit()
        except StoreError as err:
            raise StoreError(
                f"{err}; the volumes read so far are stored and will be indexed when the corpus is next opened"
            ) from None
        self._store.mark_indexed(self._pending)
        self._pending, self._chars = [], 0


def volume_entries(store: SQLiteStore, volume_id: str) -> Iterator[IndexEntry]:
    """The index entries of a stored volume, rebuilt from SQLite.

    Built with the volume's persons list, as at ingest, so a reindexed
    corpus finds persons by name exactly as a freshly ingested one.
    """
    persons = person_names(store.volume(volume_id))
    for doc in store.documents(volume_id):
        yield index_entry(doc, persons)


def entries_of(store: SQLiteStore, volume_id: str, doc_ids: Iterable[str]) -> list[IndexEntry]:
    persons = person_names(store.volume(volume_id))
    return [index_entry(store.document(i), persons) for i in doc_ids]


@contextmanager
def writing(store: SQLiteStore, index: TantivyIndex) -> Iterator[IndexBatch]:
    """Hold the index writer for a run; commit what the run added unless it fails."""
    if store.readonly or index.readonly:
        raise StoreError(f"{store.path} is open read-only")
    if not index.try_acquire_writer():
        raise StoreError(BUSY)
    batch = IndexBatch(store, index)
    try:
        try:
            yield batch
        except BaseException:
            # Interrupted (Ctrl+C, a full disk): keep the volumes fully
            # added so far searchable, unless the index itself failed.
            if not batch.partial:
                with suppress(Exception):
                    batch.commit()
            raise
        batch.commit()
    finally:
        index.rollback()  # drops whatever was not committed
        index.release_writer()


def recover(store: SQLiteStore, index: TantivyIndex) -> list[str]:
    """Re-index the volumes the index lags behind; return their ids.

    If another process holds the writer it is mid-ingest and keeps its own
    books, so nothing is done.
    """
    if store.get_meta("index_uuid") != index.uuid:
        # a new or replaced index: nothing SQLite says was indexed is in it
        store.forget_index()
        store.set_meta("index_uuid", index.uuid or "")
    lagging = store.lagging_volumes()
    if not lagging or not index.try_acquire_writer():
        return []
    try:
        for state in lagging:
            index.replace_volume(state.id, volume_entries(store, state.id))
        index.commit()
        store.mark_indexed((s.id, s.generation) for s in lagging)
    finally:
        index.rollback()
        index.release_writer()
    return [s.id for s in lagging]


def rebuild(store: SQLiteStore, index: TantivyIndex, progress: Callable[[str, int, int], None] | None = None) -> int:
    """Rebuild the whole index from SQLite in one commit; return the documents indexed.

    Readers keep the old index until that commit, so search never sees a
    half-built one.
    """
    count = 0
    with writing(store, index):
        states = store.volume_states()
        index.delete_all()
        for done, state in enumerate(states, start=1):
            count += index.replace_volume(state.id, volume_entries(store, state.id))
            if progress is not None:
                progress(state.id, done, len(states))
        index.commit()
    store.mark_indexed((s.id, s.generation) for s in states)
    return count
