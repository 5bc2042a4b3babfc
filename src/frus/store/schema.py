"""The SQLite schema and its version.

SQLite is the source of truth; the Tantivy index is derived from it.  Each
volume carries two counters: ``generation`` (bumped by every replace) and
``indexed_generation`` (the generation the index last committed).  A volume
whose counters differ was written to SQLite but not yet to the index, which
is how an ingest interrupted between the two commits is found and repaired.

Schema 3 adds the link tables (``LINK_DDL``): what ``frus link`` derives
from the stored documents — canonical persons, linked mentions, cross-
references, the unprinted ledger, excisions.  They are rebuildable at any
time, so a schema-2 store is upgraded in place by creating them.
"""

from __future__ import annotations

SCHEMA_VERSION = 3

#: the oldest schema that can be upgraded in place (by adding the link tables)
UPGRADABLE_FROM = 2

DDL = """
-- schema_version, and index_uuid: the index build that indexed_generation refers to
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- json: the Volume without its persons/terms lists (tables of their own).
-- origin "text": a stub volume created by text copies of its documents.
CREATE TABLE IF NOT EXISTS volumes (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    subseries          TEXT,
    volume_number      TEXT,
    published          TEXT,
    origin             TEXT NOT NULL,
    document_count     INTEGER NOT NULL,
    ingested_at        TEXT NOT NULL,
    generation         INTEGER NOT NULL,
    indexed_generation INTEGER NOT NULL DEFAULT 0,
    json               TEXT NOT NULL
);

-- json: the document as frus.model.to_dict gives it, minus the fields that
-- hold their default value (frus.model.document_from_dict restores them);
-- the other columns are copies for listing and filtering without decoding it.
CREATE TABLE IF NOT EXISTS documents (
    id        TEXT PRIMARY KEY,
    volume_id TEXT NOT NULL,
    local_id  TEXT NOT NULL,
    position  INTEGER NOT NULL,
    number    TEXT,
    title     TEXT NOT NULL,
    date_min  TEXT,
    date_max  TEXT,
    year      INTEGER,
    type      TEXT,
    parent_id TEXT,
    origin    TEXT NOT NULL,
    json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_by_volume ON documents (volume_id, position);
CREATE INDEX IF NOT EXISTS documents_by_date ON documents (date_min);

-- persons and terms lists: ids are volume-local, and a list may repeat an
-- id by mistake, so the key is the entry's place in its list.
CREATE TABLE IF NOT EXISTS persons (
    volume_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (volume_id, position)
);
CREATE INDEX IF NOT EXISTS persons_by_id ON persons (volume_id, id);

CREATE TABLE IF NOT EXISTS terms (
    volume_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (volume_id, position)
);
CREATE INDEX IF NOT EXISTS terms_by_id ON terms (volume_id, id);

CREATE TABLE IF NOT EXISTS mentions (
    doc_id    TEXT NOT NULL,
    volume_id TEXT NOT NULL,
    kind      TEXT NOT NULL,
    target    TEXT NOT NULL,
    place     TEXT
);
CREATE INDEX IF NOT EXISTS mentions_by_target ON mentions (volume_id, kind, target);
CREATE INDEX IF NOT EXISTS mentions_by_doc ON mentions (doc_id);
"""

LINK_DDL = """
-- What each volume's link rows were derived from: the volume's generation,
-- the link format, and a digest of the register persons its person links
-- depend on.  A volume whose generation differs is out of date.
CREATE TABLE IF NOT EXISTS link_volumes (
    volume_id     TEXT PRIMARY KEY,
    generation    INTEGER NOT NULL,
    format        INTEGER NOT NULL,
    person_digest TEXT NOT NULL,
    linked_at     TEXT NOT NULL
);

-- The register: one row per canonical person (json: CanonicalPerson.to_dict);
-- search_words: folded words of every name form, for finding by name.
CREATE TABLE IF NOT EXISTS canonical_persons (
    id             TEXT PRIMARY KEY,
    preferred_name TEXT NOT NULL,
    search_words   TEXT NOT NULL,
    birth_year     INTEGER,
    death_year     INTEGER,
    volume_count   INTEGER NOT NULL,
    authority_id   TEXT,
    json           TEXT NOT NULL
);

-- Each persons-list entry (a volume's own, or rebuilt from the authority for
-- a volume held only as text copies) and the canonical person it went to.
CREATE TABLE IF NOT EXISTS person_sources (
    volume_id  TEXT NOT NULL,
    local_id   TEXT NOT NULL,
    person_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    confidence REAL NOT NULL,
    reason     TEXT NOT NULL,
    origin     TEXT NOT NULL,
    PRIMARY KEY (volume_id, local_id)
);
CREATE INDEX IF NOT EXISTS person_sources_by_person ON person_sources (person_id);

-- Persons named in a document: origin "editors" (persName tags) or "linker";
-- status linked/ambiguous/unresolved; span offsets into
-- frus.entities.flatten_document(doc).text; candidates: JSON list of ids.
CREATE TABLE IF NOT EXISTS person_mentions (
    doc_id     TEXT NOT NULL,
    volume_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    person_id  TEXT,
    local_id   TEXT,
    status     TEXT NOT NULL,
    origin     TEXT NOT NULL,
    place      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    confidence REAL NOT NULL,
    reason     TEXT NOT NULL,
    candidates TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS person_mentions_by_person ON person_mentions (person_id, doc_id);
CREATE INDEX IF NOT EXISTS person_mentions_by_doc ON person_mentions (doc_id, seq);
CREATE INDEX IF NOT EXISTS person_mentions_by_volume ON person_mentions (volume_id);

-- Senders ("from"), recipients ("to") and memcon participants, linked to a
-- canonical person when the linker can decide.
CREATE TABLE IF NOT EXISTS document_parties (
    doc_id     TEXT NOT NULL,
    volume_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    role       TEXT NOT NULL,
    party_role TEXT,
    party_name TEXT,
    person_id  TEXT,
    status     TEXT NOT NULL,
    confidence REAL NOT NULL,
    reason     TEXT NOT NULL,
    candidates TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_parties_by_person ON document_parties (person_id, role);
CREATE INDEX IF NOT EXISTS document_parties_by_doc ON document_parties (doc_id, seq);
CREATE INDEX IF NOT EXISTS document_parties_by_volume ON document_parties (volume_id);

-- Terms of the volume's terms list named in a document (ids are volume-local).
CREATE TABLE IF NOT EXISTS term_mentions (
    doc_id     TEXT NOT NULL,
    volume_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    term_id    TEXT,
    status     TEXT NOT NULL,
    origin     TEXT NOT NULL,
    place      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    candidates TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS term_mentions_by_doc ON term_mentions (doc_id, seq);
CREATE INDEX IF NOT EXISTS term_mentions_by_term ON term_mentions (volume_id, term_id);

-- Cross-references as found (json: Reference.to_dict, not resolved): they are
-- resolved when read, against the documents and anchors then stored, so a
-- volume ingested later resolves them without relinking the citing one.
CREATE TABLE IF NOT EXISTS cross_references (
    id            TEXT NOT NULL,
    source_doc    TEXT NOT NULL,
    source_volume TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    target_volume TEXT,
    target_doc    TEXT,
    target_number TEXT,
    target_page   TEXT,
    json          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS cross_references_by_source ON cross_references (source_doc, seq);
CREATE INDEX IF NOT EXISTS cross_references_by_target ON cross_references (target_doc);
CREATE INDEX IF NOT EXISTS cross_references_by_volume ON cross_references (target_volume, kind);
CREATE INDEX IF NOT EXISTS cross_references_by_source_volume ON cross_references (source_volume);

-- What a reference may point into besides a document: footnotes (kind
-- "note": key = printed marker, value = footnote id) and printed pages
-- (kind "page": key = the page, value = its place in the document's pages).
CREATE TABLE IF NOT EXISTS document_anchors (
    volume_id TEXT NOT NULL,
    doc_id    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    value     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_anchors_by_volume ON document_anchors (volume_id, kind);
CREATE INDEX IF NOT EXISTS document_anchors_by_doc ON document_anchors (doc_id);

-- Unprinted documents as each document cites them (json:
-- UnprintedCitation.to_dict), and the ledger entries they merge into
-- (json: LedgerEntry.to_dict without its citations); entry_seq: the
-- citation's place among its entry's citations.
CREATE TABLE IF NOT EXISTS unprinted_citations (
    doc_id    TEXT NOT NULL,
    volume_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    entry_id  TEXT,
    entry_seq INTEGER,
    json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unprinted_citations_by_doc ON unprinted_citations (doc_id, seq);
CREATE INDEX IF NOT EXISTS unprinted_citations_by_entry ON unprinted_citations (entry_id);
CREATE INDEX IF NOT EXISTS unprinted_citations_by_volume ON unprinted_citations (volume_id);

CREATE TABLE IF NOT EXISTS unprinted_entries (
    id        TEXT PRIMARY KEY,
    kind      TEXT,
    number    TEXT,
    date      TEXT,
    status    TEXT NOT NULL,
    sender    TEXT,
    recipient TEXT,
    citing    INTEGER NOT NULL,
    json      TEXT NOT NULL
);

-- Declassification excisions (json: Excision.to_dict).
CREATE TABLE IF NOT EXISTS excisions (
    id        TEXT NOT NULL,
    doc_id    TEXT NOT NULL,
    volume_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    unit      TEXT NOT NULL,
    amount    REAL,
    json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS excisions_by_doc ON excisions (doc_id, seq);
CREATE INDEX IF NOT EXISTS excisions_by_volume ON excisions (volume_id);
"""

#: the tables holding what one volume's documents yield (deleted and
#: rewritten together when the volume is relinked), by the column naming the volume
VOLUME_LINK_TABLES = {
    "person_mentions": "volume_id",
    "document_parties": "volume_id",
    "term_mentions": "volume_id",
    "cross_references": "source_volume",
    "document_anchors": "volume_id",
    "unprinted_citations": "volume_id",
    "excisions": "volume_id",
}
