"""The SQLite schema and its version.

SQLite is the source of truth; the Tantivy index is derived from it.  Each
volume carries two counters: ``generation`` (bumped by every replace) and
``indexed_generation`` (the generation the index last committed).  A volume
whose counters differ was written to SQLite but not yet to the index, which
is how an ingest interrupted between the two commits is found and repaired.
"""

from __future__ import annotations

SCHEMA_VERSION = 2

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
