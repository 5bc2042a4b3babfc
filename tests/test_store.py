"""The SQLite store: round trips of real volumes, replacement, read-only mode."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest
from _corpus_fixtures import MODERN, OLD, PUBDIP, parsed_small, small_paths  # noqa: F401

from frus.errors import IngestError, NotFound, StoreError
from frus.model import DocDate, Document, ParsedVolume, Volume, document_from_dict, to_dict
from frus.store import SQLiteStore
from frus.store.records import compact_dict, date_key, volume_records


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "frus.db")
    yield s
    s.close()


def test_stored_documents_equal_parsed_documents(store, parsed_small):
    for parsed in parsed_small.values():
        store.replace_volume(parsed.volume, parsed.documents)
    for vid, parsed in parsed_small.items():
        stored = store.documents(vid)
        assert len(stored) == len(parsed.documents) > 0
        for got, want in zip(stored, parsed.documents):
            assert got == want, want.id
        assert store.document(parsed.documents[-1].id) == parsed.documents[-1]


def test_stored_volume_equals_parsed_volume(store, parsed_small):
    parsed = parsed_small[MODERN]
    store.replace_volume(parsed.volume, parsed.documents)
    got = store.volume(MODERN)
    assert got == replace(parsed.volume, document_count=len(parsed.documents))
    assert got.persons and got.terms  # the modern volume has both lists
    assert [v.id for v in store.volumes()] == [MODERN]


def test_documents_come_back_in_reading_order(store, parsed_small):
    parsed = parsed_small[OLD]
    # stored shuffled, read back by position
    store.replace_volume(parsed.volume, reversed(parsed.documents))
    assert [d.position for d in store.documents(OLD)] == sorted(d.position for d in parsed.documents)


def test_replacing_a_volume_is_idempotent(store, parsed_small):
    parsed = parsed_small[PUBDIP]
    first = store.replace_volume(parsed.volume, parsed.documents)
    counts = store.counts()
    second = store.replace_volume(parsed.volume, parsed.documents)
    assert store.counts() == counts
    assert counts["documents"] == len(parsed.documents)
    assert counts["persons"] == len(parsed.volume.persons)
    assert counts["mentions"] == sum(len(d.mentions) for d in parsed.documents)
    assert second == first + 1  # each replace is a new generation


def test_replacing_a_volume_drops_documents_it_no_longer_has(store, parsed_small):
    parsed = parsed_small[OLD]
    store.replace_volume(parsed.volume, parsed.documents)
    store.replace_volume(parsed.volume, parsed.documents[:5])
    assert len(store.documents(OLD)) == 5
    assert store.volume(OLD).document_count == 5
    with pytest.raises(NotFound):
        store.document(parsed.documents[10].id)


def test_a_failed_replace_leaves_the_previous_version(store, parsed_small):
    parsed = parsed_small[OLD]
    store.replace_volume(parsed.volume, parsed.documents)
    broken = volume_records(ParsedVolume(parsed.volume, parsed.documents[:3]))
    # a row that violates NOT NULL makes the transaction fail half-way
    bad_row = list(broken.document_rows[2])
    bad_row[5] = None
    broken = replace(broken, document_rows=(*broken.document_rows[:2], tuple(bad_row)))
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_records(broken)
    assert len(store.documents(OLD)) == len(parsed.documents)


def test_duplicate_document_ids_are_an_ingest_error(parsed_small):
    parsed = parsed_small[MODERN]
    doubled = ParsedVolume(parsed.volume, (*parsed.documents, parsed.documents[0]))
    with pytest.raises(IngestError, match="duplicate document id"):
        volume_records(doubled)


def test_compact_json_round_trips_and_is_smaller(parsed_small):
    for parsed in parsed_small.values():
        for doc in parsed.documents:
            compact = json.dumps(compact_dict(doc))
            assert document_from_dict(json.loads(compact)) == doc
    doc = max(parsed_small[MODERN].documents, key=lambda d: len(d.body))
    assert len(json.dumps(compact_dict(doc))) < len(json.dumps(to_dict(doc)))


@pytest.mark.parametrize(
    ("iso", "upper", "key"),
    [
        ("1969-01-20", False, 19690120),
        ("1974-07-15T15:11:00+00:00", False, 19740715),
        ("1969-03", False, 19690301),
        ("1969-03", True, 19690331),
        ("1969", True, 19691231),
        (None, False, None),
        ("undated", False, None),
    ],
)
def test_date_keys(iso, upper, key):
    assert date_key(iso, upper=upper) == key


def test_read_only_store_refuses_writes(tmp_path, parsed_small):
    db = tmp_path / "frus.db"
    parsed = parsed_small[PUBDIP]
    with_writer = SQLiteStore(db)
    with_writer.replace_volume(parsed.volume, parsed.documents)
    with_writer.close()

    reader = SQLiteStore(db, readonly=True)
    try:
        with pytest.raises(StoreError, match="read-only"):
            reader.replace_volume(parsed.volume, parsed.documents)
        # and SQLite itself refuses, whatever path a write takes
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.conn.execute("DELETE FROM documents")
        assert len(reader.documents(PUBDIP)) == len(parsed.documents)
    finally:
        reader.close()


def test_read_only_open_of_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="frus ingest"):
        SQLiteStore(tmp_path / "nothing.db", readonly=True)
    assert not (tmp_path / "nothing.db").exists()


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a frus corpus"):
        SQLiteStore(db)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("just some text, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(db)


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "frus.db"
    SQLiteStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer frus"):
        SQLiteStore(db)


def test_unknown_ids_raise_not_found(store):
    store.replace_volume(Volume(id="v", title="A volume"), [Document("v/d1", "v", "d1", "1", "One", date=DocDate())])
    with pytest.raises(NotFound):
        store.volume("nope")
    with pytest.raises(NotFound):
        store.documents("nope")
    with pytest.raises(NotFound):
        store.document("v/d2")
