"""The SQLite store: volumes, documents, persons/terms lists and mentions.

One file, WAL journal, so a web server can read while ``frus ingest``
writes.  Each volume is replaced in a single transaction: an ingest that
dies half-way leaves the previous version of the volume intact, and
ingesting the same file twice leaves the same rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from time import monotonic
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from frus.errors import NotFound, StoreError
from frus.model import Document, ListEntry, ParsedVolume, Volume, document_from_dict, volume_from_dict
from frus.store.records import IndexEntry, VolumeRecords, document_record, volume_records
from frus.store.schema import DDL, LINK_DDL, SCHEMA_VERSION, UPGRADABLE_FROM


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """The columns a result list needs, without decoding a document's JSON."""

    id: str
    volume_id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None
    position: int


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What one :meth:`SQLiteStore.replace_records` did, for the index to follow."""

    generation: int
    #: True: the volume was replaced whole; False: documents were added beside it
    whole: bool
    #: ids of the documents written
    written: tuple[str, ...]
    #: text copies that stay beside a replaced volume (the index must keep them)
    kept: tuple[str, ...] = ()
    #: text copies not stored: the volume read from TEI has these documents
    skipped: tuple[str, ...] = ()


def _marks(n: int) -> str:
    return ", ".join("?" * n)


@dataclass(frozen=True, slots=True)
class VolumeState:
    id: str
    generation: int
    indexed_generation: int


#: how stale a read-only store's change stamp may be (see ``change_stamp``)
STAMP_SECONDS = 1.0


class SQLiteStore:
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        # One connection shared by the threads of a web server: reads are
        # short, so a lock is simpler than a connection per thread.
        self._lock = threading.RLock()
        self._conn = self._connect()
        self._data_version = 0
        self._stamp_at = -STAMP_SECONDS

    # -- opening ----------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                if not self.path.is_file():
                    raise StoreError(f"no corpus at {self.path}; run `frus ingest` first")
                uri = self.path.resolve().as_uri() + "?mode=ro"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            self._check_schema(conn)
        except sqlite3.Error as err:
            raise StoreError(f"cannot open {self.path}: {err}") from None
        except OSError as err:
            raise StoreError(f"cannot open {self.path}: {err.strerror or err}") from None
        return conn

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if tables:
                raise StoreError(f"{self.path} is an SQLite file but not a frus corpus")
            if self.readonly:
                raise StoreError(f"{self.path} is empty; run `frus ingest` first")
            conn.executescript(DDL + LINK_DDL)
            conn.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            self.schema_version = SCHEMA_VERSION
            return
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer frus (schema {version}); upgrade frus")
        if version < UPGRADABLE_FROM:
            raise StoreError(f"{self.path} has an old schema ({version}); delete it and ingest again")
        if version < SCHEMA_VERSION and not self.readonly:
            # schema 3 only adds the link tables: create them, keep the documents
            conn.executescript(
                f"BEGIN IMMEDIATE; {LINK_DDL}; UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema_version'; COMMIT;"
            )
            version = SCHEMA_VERSION
        # read-only, a schema-2 store serves its documents; it has no link tables
        self.schema_version = version

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    def change_stamp(self) -> tuple[int, int]:
        """Changes whenever the database may have changed: a commit by
        another connection moves ``data_version``, one by this connection
        moves ``total_changes``.  Lets readers keep derived answers between
        writes instead of asking again on every request.

        A read-only store (the web server's) asks SQLite at most every
        ``STAMP_SECONDS``: a reader page wants the stamp some twenty times,
        and an ingest by another process may show up that much later.
        """
        with self._lock:
            now = monotonic()
            if not self.readonly or now - self._stamp_at >= STAMP_SECONDS:
                self._data_version = self.conn.execute("PRAGMA data_version").fetchone()[0]
                self._stamp_at = now
            return self._data_version, self.conn.total_changes

    # -- meta -------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # -- writing ----------------------------------------------------------

    def replace_volume(self, volume: Volume, documents: Iterable[Document]) -> int:
        """Store a parsed volume (see :meth:`replace_records`); return its new generation."""
        return self.replace_records(volume_records(ParsedVolume(volume, tuple(documents)))).generation

    def replace_records(self, records: VolumeRecords) -> WriteResult:
        """Store one volume in one transaction.

        A TEI volume replaces everything stored under its id except text
        copies of documents it does not have, which stay beside it.  Text
        copies (a stub volume) are added beside what is stored: a stub
        never replaces a volume, and a copy never replaces a document read
        from TEI.
        """
        vid = records.volume_id
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        incoming = [row[0] for row in records.document_rows]
        with self._write() as conn:
            row = conn.execute("SELECT generation FROM volumes WHERE id = ?", (vid,)).fetchone()
            generation = (row[0] if row else 0) + 1
            if records.origin == "text":
                result = self._add_text_copies(conn, records, generation, incoming)
            else:
                result = self._replace_whole(conn, records, generation, incoming)
            count = conn.execute("SELECT count(*) FROM documents WHERE volume_id = ?", (vid,)).fetchone()[0]
            if records.origin == "text" and row is not None:
                conn.execute(
                    "UPDATE volumes SET document_count = ?, ingested_at = ?, generation = ? WHERE id = ?",
                    (count, now, generation, vid),
                )
            else:
                vid_, title, subseries, number, published, origin, _, data = records.volume_row
                conn.execute(
                    """INSERT INTO volumes (id, title, subseries, volume_number, published, origin, document_count,
                                            json, ingested_at, generation)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (id) DO UPDATE SET
                           title = excluded.title, subseries = excluded.subseries,
                           volume_number = excluded.volume_number, published = excluded.published,
                           origin = excluded.origin, document_count = excluded.document_count,
                           json = excluded.json, ingested_at = excluded.ingested_at,
                           generation = excluded.generation""",
                    (vid_, title, subseries, number, published, origin, count, data, now, generation),
                )
        return result

    def _replace_whole(self, conn, records: VolumeRecords, generation: int, incoming: list[str]) -> WriteResult:
        vid = records.volume_id
        replaced = set(incoming)
        kept = [
            r[0]
            for r in conn.execute("SELECT id FROM documents WHERE volume_id = ? AND origin = 'text'", (vid,))
            if r[0] not in replaced
        ]
        keep = json.dumps(kept)
        conn.execute(
            "DELETE FROM mentions WHERE volume_id = ? AND doc_id NOT IN (SELECT value FROM json_each(?))", (vid, keep)
        )
        conn.execute(
            "DELETE FROM documents WHERE volume_id = ? AND id NOT IN (SELECT value FROM json_each(?))", (vid, keep)
        )
        for table in ("persons", "terms"):
            conn.execute(f"DELETE FROM {table} WHERE volume_id = ?", (vid,))
        conn.executemany(f"INSERT INTO documents VALUES ({_marks(13)})", records.document_rows)
        conn.executemany("INSERT INTO persons VALUES (?, ?, ?, ?, ?)", records.person_rows)
        conn.executemany("INSERT INTO terms VALUES (?, ?, ?, ?, ?)", records.term_rows)
        conn.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", records.mention_rows)
        return WriteResult(generation, whole=True, written=tuple(incoming), kept=tuple(kept))

    def _add_text_copies(self, conn, records: VolumeRecords, generation: int, incoming: list[str]) -> WriteResult:
        from_tei = {
            r[0]
            for r in conn.execute(
                "SELECT id FROM documents WHERE origin != 'text' AND id IN (SELECT value FROM json_each(?))",
                (json.dumps(incoming),),
            )
        }
        rows = [r for r in records.document_rows if r[0] not in from_tei]
        written = [r[0] for r in rows]
        conn.executemany("DELETE FROM mentions WHERE doc_id = ?", [(i,) for i in written])
        conn.executemany("DELETE FROM documents WHERE id = ?", [(i,) for i in written])
        conn.executemany(f"INSERT INTO documents VALUES ({_marks(13)})", rows)
        written_ids = set(written)
        conn.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)", [m for m in records.mention_rows if m[0] in written_ids]
        )
        return WriteResult(generation, whole=False, written=tuple(written), skipped=tuple(sorted(from_tei)))

    def mark_indexed(self, states: Iterable[tuple[str, int]]) -> None:
        """Record that the index has committed these (volume id, generation) pairs."""
        with self._write() as conn:
            conn.executemany(
                "UPDATE volumes SET indexed_generation = ? WHERE id = ?",
                [(gen, vid) for vid, gen in states],
            )

    def forget_index(self) -> None:
        """Mark every volume as not indexed (the index is being rebuilt)."""
        with self._write() as conn:
            conn.execute("UPDATE volumes SET indexed_generation = 0")

    # -- reading ----------------------------------------------------------

    def volume_states(self) -> list[VolumeState]:
        rows = self._read("SELECT id, generation, indexed_generation FROM volumes ORDER BY id")
        return [VolumeState(*r) for r in rows]

    def lagging_volumes(self) -> list[VolumeState]:
        return [s for s in self.volume_states() if s.indexed_generation != s.generation]

    def _lists(self, table: str, volume_id: str) -> tuple[ListEntry, ...]:
        sql = f"SELECT id, name, description FROM {table} WHERE volume_id = ? ORDER BY position"
        rows = self._read(sql, (volume_id,))
        return tuple(ListEntry(*r) for r in rows)

    def _volume(self, volume_id: str, data: str, count: int) -> Volume:
        return replace(
            volume_from_dict(json.loads(data)),
            persons=self._lists("persons", volume_id),
            terms=self._lists("terms", volume_id),
            document_count=count,
        )

    def volumes(self) -> list[Volume]:
        rows = self._read("SELECT id, json, document_count FROM volumes ORDER BY id")
        return [self._volume(*r) for r in rows]

    def volume(self, volume_id: str) -> Volume:
        rows = self._read("SELECT id, json, document_count FROM volumes WHERE id = ?", (volume_id,))
        if not rows:
            raise NotFound(f"no volume {volume_id!r} in the corpus")
        return self._volume(*rows[0])

    def documents(self, volume_id: str) -> list[Document]:
        self.volume_exists(volume_id)
        # text copies all sit at position 0 of their stub: the id orders them
        rows = self._read("SELECT json FROM documents WHERE volume_id = ? ORDER BY position, id", (volume_id,))
        return [document_from_dict(json.loads(r[0])) for r in rows]

    def volume_exists(self, volume_id: str) -> None:
        if not self._read("SELECT 1 FROM volumes WHERE id = ?", (volume_id,)):
            raise NotFound(f"no volume {volume_id!r} in the corpus")

    def document(self, doc_id: str) -> Document:
        rows = self._read("SELECT json FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            raise NotFound(f"no document {doc_id!r} in the corpus")
        return document_from_dict(json.loads(rows[0][0]))

    def summaries(self, doc_ids: Iterable[str]) -> dict[str, DocumentSummary]:
        ids = list(doc_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._read(
            f"SELECT id, volume_id, number, title, date_min, date_max, position FROM documents WHERE id IN ({marks})",
            ids,
        )
        return {r[0]: DocumentSummary(*r) for r in rows}

    def index_entries(self, volume_id: str) -> Iterator[IndexEntry]:
        """Rebuild the index entries of a stored volume (for reindexing)."""
        rows = self._read("SELECT json FROM documents WHERE volume_id = ? ORDER BY position, id", (volume_id,))
        for (data,) in rows:
            yield document_record(document_from_dict(json.loads(data)))[1]

    def index_entries_of(self, doc_ids: Iterable[str]) -> list[IndexEntry]:
        rows = self._read(
            "SELECT json FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),)
        )
        return [document_record(document_from_dict(json.loads(data)))[1] for (data,) in rows]

    def counts(self) -> dict[str, int]:
        tables = ("volumes", "documents", "persons", "terms", "mentions")
        return {t: self._read(f"SELECT count(*) FROM {t}")[0][0] for t in tables}
