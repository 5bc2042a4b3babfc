"""The link tables: what ``frus link`` derives from the stored documents.

Plain rows in, plain rows out: the link stage (``frus.linking``) turns
documents into rows and rows into records; this module only knows the
tables (``frus.store.schema.LINK_DDL``) and their transactions.

Writes come in three kinds, each its own transaction, so an interrupted
run leaves the documents and the index untouched and the link tables
readable: the start of a run (the register, and the "incomplete" mark),
one volume's rows, and the end of a run (the ledger, the "complete" mark).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Iterable, Sequence

from frus.errors import StoreError
from frus.model import ListEntry
from frus.store.schema import VOLUME_LINK_TABLES
from frus.store.sqlite import SQLiteStore

#: meta keys
COMPLETE = "links_complete"  # "1" after a run that finished, "0" while one is under way
REGISTER_DIGEST = "links_register_digest"
SETTINGS = "links_settings"  # JSON: the aux folder and overrides file last used
SUMMARY = "links_summary"  # JSON: the last run's LinkReport
LINKED_AT = "links_linked_at"
VERSION = "links_version"  # bumped by every completed run, for readers' caches

COUNTED = (
    "canonical_persons",
    "person_sources",
    "person_mentions",
    "document_parties",
    "term_mentions",
    "cross_references",
    "document_anchors",
    "unprinted_citations",
    "unprinted_entries",
    "excisions",
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _marks(n: int) -> str:
    return ", ".join("?" * n)


_DOC_BRIEF = "d.id, d.volume_id, d.number, d.title, d.date_min, d.date_max"


class LinkTables:
    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        #: key → (change stamp, answer), see ``_memo``
        self._memos: dict[tuple, tuple] = {}

    @property
    def available(self) -> bool:
        """False for a schema-2 store opened read-only: it has no link tables yet."""
        return getattr(self.store, "schema_version", 0) >= 3

    def _read(self, sql: str, params: Iterable = ()) -> list[tuple]:
        return self.store._read(sql, params)

    def _memo(self, key: tuple, compute):
        """``compute()``, kept until the database changes.

        A reader page asks for the link state and the volume list many
        times; between writes the answers cannot change.  The stamp is
        read before computing, so a commit landing meanwhile makes the
        next call compute again rather than keep a stale answer.
        """
        stamp = self.store.change_stamp()
        hit = self._memos.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = compute()
        self._memos[key] = (stamp, value)
        return value

    def kept(self, key: tuple, compute):
        """``compute()``, kept until the database changes: for answers built from
        the link tables that cost more than reading them (``check_refs``, the
        decoded unprinted ledger)."""
        return self._memo(("kept", *key), compute)

    def meta(self, key: str) -> str | None:
        return self._memo(("meta", key), lambda: self.store.get_meta(key))

    # -- inputs of a run ---------------------------------------------------

    def volume_rows(self) -> list[tuple[str, int, str, int]]:
        """(id, generation, origin, document count) of every stored volume."""
        return self._memo(
            ("volume_rows",),
            lambda: self._read("SELECT id, generation, origin, document_count FROM volumes ORDER BY id"),
        )

    def persons_lists(self) -> dict[str, tuple[ListEntry, ...]]:
        lists: dict[str, list[ListEntry]] = {}
        for vid, lid, name, desc in self._read(
            "SELECT volume_id, id, name, description FROM persons ORDER BY volume_id, position"
        ):
            lists.setdefault(vid, []).append(ListEntry(lid, name, desc))
        return {vid: tuple(entries) for vid, entries in lists.items()}

    def terms_list(self, volume_id: str) -> tuple[ListEntry, ...]:
        rows = self._read("SELECT id, name, description FROM terms WHERE volume_id = ? ORDER BY position", (volume_id,))
        return tuple(ListEntry(*r) for r in rows)

    def document_json(self, volume_id: str) -> tuple[str, ...]:
        rows = self._read("SELECT json FROM documents WHERE volume_id = ? ORDER BY position, id", (volume_id,))
        return tuple(r[0] for r in rows)

    def link_states(self) -> dict[str, tuple[int, int, str]]:
        """Volume id → (generation, format, person digest) its link rows were made from."""
        if not self.available:
            return {}
        rows = self._read("SELECT volume_id, generation, format, person_digest FROM link_volumes")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def status_rows(self) -> tuple[list[str], list[str], bool]:
        """(volumes behind their documents, volumes linked but gone, any link rows at all)."""
        return self._memo(("status",), self._status_rows)

    def _status_rows(self) -> tuple[list[str], list[str], bool]:
        behind = [
            r[0]
            for r in self._read(
                """SELECT v.id FROM volumes v LEFT JOIN link_volumes l ON l.volume_id = v.id
                   WHERE l.generation IS NULL OR l.generation != v.generation ORDER BY v.id"""
            )
        ]
        gone = [
            r[0]
            for r in self._read(
                "SELECT volume_id FROM link_volumes WHERE volume_id NOT IN (SELECT id FROM volumes) ORDER BY volume_id"
            )
        ]
        any_rows = bool(self._read("SELECT 1 FROM link_volumes LIMIT 1"))
        return behind, gone, any_rows

    # -- writing -----------------------------------------------------------

    def begin_run(
        self,
        *,
        register: tuple[Sequence[tuple], Sequence[tuple]] | None,
        register_digest: str,
        settings: dict,
    ) -> None:
        """Mark the links incomplete and, when it was rebuilt, replace the register."""
        with self.store._write() as conn:
            if register is not None:
                persons, sources = register
                conn.execute("DELETE FROM canonical_persons")
                conn.execute("DELETE FROM person_sources")
                conn.executemany(f"INSERT INTO canonical_persons VALUES ({_marks(8)})", persons)
                conn.executemany(f"INSERT INTO person_sources VALUES ({_marks(7)})", sources)
            self._set(conn, COMPLETE, "0")
            self._set(conn, REGISTER_DIGEST, register_digest)
            self._set(conn, SETTINGS, json.dumps(settings, sort_keys=True))

    @staticmethod
    def _set(conn, key: str, value: str) -> None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def write_volume(
        self,
        volume_id: str,
        *,
        generation: int,
        format: int,
        person_digest: str,
        person_mentions: Sequence[tuple] | None = None,
        parties: Sequence[tuple] | None = None,
        term_mentions: Sequence[tuple] | None = None,
        references: Sequence[tuple] | None = None,
        anchors: Sequence[tuple] | None = None,
        citations: Sequence[tuple] | None = None,
        excisions: Sequence[tuple] | None = None,
    ) -> None:
        """Replace one volume's rows of every table given (None: leave the table alone)."""
        given = {
            "person_mentions": person_mentions,
            "document_parties": parties,
            "term_mentions": term_mentions,
            "cross_references": references,
            "document_anchors": anchors,
            "unprinted_citations": citations,
            "excisions": excisions,
        }
        with self.store._write() as conn:
            for table, rows in given.items():
                if rows is None:
                    continue
                column = VOLUME_LINK_TABLES[table]
                conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (volume_id,))
                if rows:
                    conn.executemany(f"INSERT INTO {table} VALUES ({_marks(len(rows[0]))})", rows)
            conn.execute(
                """INSERT INTO link_volumes (volume_id, generation, format, person_digest, linked_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (volume_id) DO UPDATE SET generation = excluded.generation,
                       format = excluded.format, person_digest = excluded.person_digest,
                       linked_at = excluded.linked_at""",
                (volume_id, generation, format, person_digest, _now()),
            )

    def forget_volumes(self, volume_ids: Iterable[str]) -> None:
        """Drop the link rows of volumes no longer in the store."""
        ids = list(volume_ids)
        if not ids:
            return
        with self.store._write() as conn:
            for vid in ids:
                for table, column in VOLUME_LINK_TABLES.items():
                    conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (vid,))
                conn.execute("DELETE FROM link_volumes WHERE volume_id = ?", (vid,))

    def finish_run(self, *, entries: Sequence[tuple], assignments: Sequence[tuple[str, int, int]]) -> None:
        """Replace the ledger and mark the links complete.

        ``assignments``: (entry id, place in the entry, citation rowid).
        """
        with self.store._write() as conn:
            conn.execute("DELETE FROM unprinted_entries")
            conn.executemany(f"INSERT INTO unprinted_entries VALUES ({_marks(9)})", entries)
            conn.execute("UPDATE unprinted_citations SET entry_id = NULL, entry_seq = NULL")
            conn.executemany("UPDATE unprinted_citations SET entry_id = ?, entry_seq = ? WHERE rowid = ?", assignments)
            version = conn.execute("SELECT value FROM meta WHERE key = ?", (VERSION,)).fetchone()
            self._set(conn, VERSION, str(int(version[0]) + 1 if version else 1))
            self._set(conn, LINKED_AT, _now())
            self._set(conn, COMPLETE, "1")

    def record_summary(self, summary: dict) -> None:
        self.store.set_meta(SUMMARY, json.dumps(summary, sort_keys=True))

    # -- reading: the state of the links -------------------------------------

    def settings(self) -> dict:
        return json.loads(self.meta(SETTINGS) or "{}") if self.available else {}

    def summary(self) -> dict:
        return json.loads(self.meta(SUMMARY) or "{}") if self.available else {}

    def register_digest(self) -> str | None:
        return self.meta(REGISTER_DIGEST)

    def complete(self) -> bool:
        return self.meta(COMPLETE) == "1"

    def linked_at(self) -> str | None:
        return self.meta(LINKED_AT)

    def version(self) -> str:
        return self.meta(VERSION) or "0"

    # -- reading: the register ---------------------------------------------

    def has_register(self) -> bool:
        return self.available and bool(self._read("SELECT 1 FROM canonical_persons LIMIT 1"))

    def person_json(self) -> list[str]:
        return [r[0] for r in self._read("SELECT json FROM canonical_persons ORDER BY id")]

    def person(self, person_id: str) -> str | None:
        rows = self._read("SELECT json FROM canonical_persons WHERE id = ?", (person_id,))
        return rows[0][0] if rows else None

    def person_names(self, person_ids: Iterable[str]) -> dict[str, str]:
        ids = json.dumps(sorted(set(person_ids)))
        rows = self._read(
            "SELECT id, preferred_name FROM canonical_persons WHERE id IN (SELECT value FROM json_each(?))", (ids,)
        )
        return dict(rows)

    def persons_with_words(self, words: Sequence[tuple[str, str]]) -> list[tuple]:
        """(id, json) of persons having, for every (word, key), a name word
        starting with ``word`` or whose transliteration key is ``key``."""
        where = " AND ".join(
            "(instr(search_words, ' ' || ?) > 0 OR instr(search_words, ' ~' || ? || ' ') > 0)" for _ in words
        )
        params = [x for pair in words for x in pair]
        return self._read(f"SELECT id, json FROM canonical_persons WHERE {where or '1'}", params)

    def person_for(self, volume_id: str, local_id: str) -> str | None:
        rows = self._read(
            "SELECT person_id FROM person_sources WHERE volume_id = ? AND local_id = ?", (volume_id, local_id)
        )
        return rows[0][0] if rows else None

    def mentioning_counts(self, person_ids: Sequence[str]) -> dict[str, int]:
        """Documents (still stored) with a linked mention of each person."""
        rows = self._read(
            """SELECT m.person_id, count(DISTINCT m.doc_id) FROM person_mentions m
               JOIN documents d ON d.id = m.doc_id
               WHERE m.person_id IN (SELECT value FROM json_each(?)) GROUP BY m.person_id""",
            (json.dumps(list(person_ids)),),
        )
        return dict(rows)

    def person_documents(self, person_id: str, role: str | None) -> list[tuple]:
        """Documents of a person, dated first by date: ``role`` "from", "to",
        "participant", or None for documents mentioning them (with counts)."""
        order = "ORDER BY d.date_min IS NULL, d.date_min, d.volume_id, d.position, d.id"
        if role is None:
            return self._read(
                f"""SELECT {_DOC_BRIEF}, count(*) FROM person_mentions m JOIN documents d ON d.id = m.doc_id
                    WHERE m.person_id = ? GROUP BY d.id {order}""",
                (person_id,),
            )
        return self._read(
            f"""SELECT {_DOC_BRIEF}, 0 FROM documents d
                WHERE d.id IN (SELECT doc_id FROM document_parties WHERE person_id = ? AND role = ?) {order}""",
            (person_id, role),
        )

    # -- reading: one document ---------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return bool(self._read("SELECT 1 FROM documents WHERE id = ?", (doc_id,)))

    def document_brief(self, doc_ids: Iterable[str]) -> dict[str, tuple]:
        rows = self._read(
            f"SELECT {_DOC_BRIEF} FROM documents d WHERE d.id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(doc_ids))),),
        )
        return {r[0]: r for r in rows}

    def document_number(self, doc_id: str) -> tuple[str, str | None] | None:
        rows = self._read("SELECT volume_id, number FROM documents WHERE id = ?", (doc_id,))
        return rows[0] if rows else None

    def mentions_of(self, doc_id: str) -> list[tuple]:
        return self._read(
            """SELECT text, span_start, span_end, place, person_id, local_id, status, origin, confidence, reason,
                      candidates FROM person_mentions WHERE doc_id = ? ORDER BY seq""",
            (doc_id,),
        )

    def parties_of(self, doc_id: str) -> list[tuple]:
        return self._read(
            """SELECT role, party_role, party_name, person_id, status, confidence, reason, candidates
               FROM document_parties WHERE doc_id = ? ORDER BY seq""",
            (doc_id,),
        )

    def terms_of(self, doc_id: str) -> list[tuple]:
        return self._read(
            """SELECT m.text, m.span_start, m.span_end, m.place, m.term_id,
                      (SELECT t.name FROM terms t WHERE t.volume_id = m.volume_id AND t.id = m.term_id LIMIT 1),
                      m.status, m.origin, m.candidates
               FROM term_mentions m WHERE m.doc_id = ? ORDER BY m.seq""",
            (doc_id,),
        )

    def excisions_of(self, doc_id: str) -> list[str]:
        return [r[0] for r in self._read("SELECT json FROM excisions WHERE doc_id = ? ORDER BY seq", (doc_id,))]

    # -- reading: cross-references -----------------------------------------

    def references_from(self, doc_id: str) -> list[str]:
        rows = self._read("SELECT json FROM cross_references WHERE source_doc = ? ORDER BY seq", (doc_id,))
        return [r[0] for r in rows]

    def references_maybe_to(self, doc_id: str, volume_id: str, number: str | None) -> list[tuple]:
        """References that may resolve to ``doc_id``: by id, by printed number, or by page,
        as (json, kind, target_volume, target_page, target_doc, target_number) rows."""
        return self._read(
            """SELECT json, kind, target_volume, target_page, target_doc, target_number FROM cross_references
               WHERE target_doc = ?1
                  OR (target_volume = ?2 AND ?3 IS NOT NULL AND lower(target_number) = lower(?3))
                  OR (target_volume = ?2 AND kind IN ('page', 'footnote') AND target_page IS NOT NULL)
               ORDER BY source_volume, source_doc, seq""",
            (doc_id, volume_id, number),
        )

    def all_references(self) -> list[str]:
        rows = self._read(
            """SELECT r.json FROM cross_references r LEFT JOIN documents d ON d.id = r.source_doc
               ORDER BY r.source_volume, d.position, r.source_doc, r.seq"""
        )
        return [r[0] for r in rows]

    def catalog_rows(self, volume_ids: Iterable[str] | None = None) -> tuple[list, list, list, list, list]:
        """(volumes, documents, notes, pages, text-stub volumes) for a
        ``StoredCatalog``, of the given volumes only or of all."""
        if volume_ids is None:
            scope, params = "", ()
        else:
            scope, params = "WHERE {col} IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(volume_ids))),)
        volumes = [r[0] for r in self._read("SELECT id FROM volumes")]
        stubs = [r[0] for r in self._read("SELECT id FROM volumes WHERE origin = 'text'")]
        documents = self._read(
            f"SELECT id, volume_id, number FROM documents {scope.format(col='volume_id')} ORDER BY volume_id, position, id",
            params,
        )
        anchor_scope = scope.format(col="a.volume_id")
        notes = self._read(
            f"""SELECT a.doc_id, a.key, a.value FROM document_anchors a
                {anchor_scope} {'AND' if anchor_scope else 'WHERE'} a.kind = 'note' ORDER BY a.rowid""",
            params,
        )
        pages = self._read(
            f"""SELECT a.volume_id, a.doc_id, a.key, a.value FROM document_anchors a
                JOIN documents d ON d.id = a.doc_id
                {anchor_scope} {'AND' if anchor_scope else 'WHERE'} a.kind = 'page'
                ORDER BY d.volume_id, d.position, d.id, a.rowid""",
            params,
        )
        return volumes, documents, notes, pages, stubs

    # -- reading: the unprinted ledger ---------------------------------------

    def citations_in_order(self) -> list[tuple[int, str]]:
        """(rowid, json) of every citation, in the order the ledger merges them."""
        return self._read(
            """SELECT c.rowid, c.json FROM unprinted_citations c LEFT JOIN documents d ON d.id = c.doc_id
               ORDER BY c.volume_id, d.position, c.doc_id, c.seq"""
        )

    def ledger_rows(self, entry_ids: Iterable[str] | None = None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """((entry id, json) of entries, (entry id, citation json) in each entry's order)."""
        if entry_ids is None:
            entries = self._read("SELECT id, json FROM unprinted_entries")
            citations = self._read(
                "SELECT entry_id, json FROM unprinted_citations WHERE entry_id IS NOT NULL ORDER BY entry_id, entry_seq"
            )
        else:
            ids = json.dumps(sorted(set(entry_ids)))
            entries = self._read(
                "SELECT id, json FROM unprinted_entries WHERE id IN (SELECT value FROM json_each(?))", (ids,)
            )
            citations = self._read(
                """SELECT entry_id, json FROM unprinted_citations WHERE entry_id IN (SELECT value FROM json_each(?))
                   ORDER BY entry_id, entry_seq""",
                (ids,),
            )
        return entries, citations

    def entries_cited_by(self, doc_id: str) -> list[str]:
        rows = self._read(
            "SELECT entry_id FROM unprinted_citations WHERE doc_id = ? AND entry_id IS NOT NULL ORDER BY seq", (doc_id,)
        )
        return list(dict.fromkeys(r[0] for r in rows))

    # -- figures -----------------------------------------------------------

    def counts(self) -> dict[str, int]:
        if not self.available:
            raise StoreError(f"{self.store.path} has no link tables; run `frus link`")
        return {t: self._read(f"SELECT count(*) FROM {t}")[0][0] for t in COUNTED}

    def mention_statuses(self) -> dict[str, int]:
        return dict(self._read("SELECT status, count(*) FROM person_mentions GROUP BY status ORDER BY status"))
