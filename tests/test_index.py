"""The Tantivy index and its bookkeeping against SQLite.

SQLite is the truth and the index is derived: these tests break the two
apart the ways a real run can (killed between the two commits, index
directory deleted, index from another version, a second writer) and check
that the corpus notices and repairs, or refuses in one clear line.
"""

from __future__ import annotations

import json
import shutil

import pytest
from _corpus_fixtures import MODERN, OLD, PUBDIP, parsed_small, small_paths  # noqa: F401

from frus.corpus import Corpus
from frus.errors import StoreError
from frus.store import SQLiteStore, TantivyIndex, index_dir_for
from frus.store.index import MARKER
from frus.store.records import volume_records


def _count(corpus: Corpus, query: str) -> int:
    return corpus.search(query, limit=0).total


def test_replace_volume_replaces_instead_of_adding(tmp_path, parsed_small):
    index = TantivyIndex(tmp_path / "ix")
    records = volume_records(parsed_small[OLD])
    index.replace_volume(OLD, records.index_entries)
    index.commit()
    index.replace_volume(OLD, records.index_entries)
    index.commit()
    assert index.num_docs() == records.document_count
    other = volume_records(parsed_small[PUBDIP])
    index.replace_volume(PUBDIP, other.index_entries)
    index.replace_volume(OLD, records.index_entries[:3])  # same batch: delete applies to earlier adds
    index.commit()
    assert index.num_docs() == other.document_count + 3
    index.close()


def test_interrupted_ingest_is_repaired_when_reopened(tmp_path, parsed_small):
    """SQLite committed, the index not: the next writable open re-indexes."""
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        corpus.add_volume(parsed_small[PUBDIP])
        before = _count(corpus, "Mosquito")
        assert before == 0
        # what ingest does first, then "crash" before the index is written
        store = SQLiteStore(db)
        store.replace_records(volume_records(parsed_small[OLD]))
        store.close()

    with Corpus.open(db, readonly=True) as reader:
        # a reader cannot repair; it sees the index as it was
        assert _count(reader, "Mosquito") == 0
        assert len(reader.documents(OLD)) == len(parsed_small[OLD].documents)

    with Corpus.open(db) as corpus:
        assert _count(corpus, "Mosquito") > 0
        assert corpus._store.lagging_volumes() == []
        expected = len(parsed_small[OLD].documents) + len(parsed_small[PUBDIP].documents)
        assert corpus._index.num_docs() == expected


def test_an_ingest_stopped_midway_is_repaired_when_reopened(tmp_path, small_paths):
    db = tmp_path / "frus.db"

    def stop_after_two(outcome, done, total):
        if done == 2:
            raise KeyboardInterrupt

    with Corpus.open(db) as corpus:
        with pytest.raises(KeyboardInterrupt):
            corpus.ingest(small_paths, workers=0, progress=stop_after_two)
        # the two volumes read before the interruption are stored and searchable
        assert len(corpus.volumes()) == 2
        assert corpus._store.lagging_volumes() == []
        assert corpus._index.num_docs() == sum(v.document_count for v in corpus.volumes())


def test_an_ingest_killed_between_the_commits_is_repaired_when_reopened(tmp_path, small_paths, monkeypatch):
    db = tmp_path / "frus.db"

    def killed(self):
        raise KeyboardInterrupt  # as if the process died inside the index commit

    with Corpus.open(db) as corpus:
        with monkeypatch.context() as patch:
            patch.setattr(TantivyIndex, "commit", killed)
            with pytest.raises(KeyboardInterrupt):
                corpus.ingest(small_paths, workers=0)
        assert len(corpus.volumes()) == 3
        assert len(corpus._store.lagging_volumes()) == 3
        assert corpus._index.num_docs() == 0  # the uncommitted index work was rolled back

    with Corpus.open(db) as corpus:
        assert corpus._store.lagging_volumes() == []
        assert corpus._index.num_docs() == sum(v.document_count for v in corpus.volumes())
        assert corpus.search("Kissinger", limit=0).total > 0


def test_a_deleted_index_is_rebuilt_from_sqlite(tmp_path, parsed_small):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        corpus.add_volume(parsed_small[OLD])
        hits = _count(corpus, '"Mosquito Reservation"')
    assert hits > 0
    shutil.rmtree(index_dir_for(db))

    with Corpus.open(db, readonly=True) as reader:
        with pytest.raises(StoreError, match="frus reindex"):
            reader.search("Mosquito")
        assert reader.volume(OLD).document_count > 0  # the store still reads

    with Corpus.open(db) as corpus:
        assert _count(corpus, '"Mosquito Reservation"') == hits


def test_an_index_of_another_format_is_rebuilt(tmp_path, parsed_small):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        corpus.add_volume(parsed_small[OLD])
        hits = _count(corpus, "Bluefields")
    marker = index_dir_for(db) / MARKER
    data = json.loads(marker.read_text())
    marker.write_text(json.dumps({**data, "format": data["format"] + 100}))
    with Corpus.open(db) as corpus:
        assert _count(corpus, "Bluefields") == hits
        assert json.loads(marker.read_text())["uuid"] != data["uuid"]


def test_reindex_rebuilds_the_same_index(tmp_path, parsed_small):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        for parsed in parsed_small.values():
            corpus.add_volume(parsed)
        queries = [
            "Kissinger", '"Committee on Public Information"', "Bluefields OR Algeria",
            'person:"Kissinger, Henry A."', "from:Baker", "type:telegram year:1975",
        ]
        # sets: documents with equal scores may come back in another order
        before = {q: {h.id for h in corpus.search(q, limit=1000).hits} for q in queries}
        assert all(before.values())
        seen = []
        count = corpus.reindex(lambda vid, done, total: seen.append((vid, done, total)))
        assert count == sum(len(p.documents) for p in parsed_small.values())
        assert [s[1] for s in seen] == [1, 2, 3] and {s[0] for s in seen} == set(parsed_small)
        assert {q: {h.id for h in corpus.search(q, limit=1000).hits} for q in queries} == before
        # person names come from the volume's persons list, which reindexing reads again
        facets = corpus.search("Kissinger", limit=0, facets=["person", "sender"]).facets
        assert facets["person"] and facets["sender"]


def test_a_second_writer_is_refused_in_one_line(tmp_path, parsed_small, small_paths):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as first, Corpus.open(db) as second:
        assert first._index.try_acquire_writer()
        with pytest.raises(StoreError, match="another frus process is writing"):
            second.ingest(small_paths[:1], workers=0)
        with pytest.raises(StoreError, match="another frus process is writing"):
            second.add_volume(parsed_small[OLD])
        first._index.release_writer()
        second.add_volume(parsed_small[OLD])


def test_the_index_directory_must_be_ours(tmp_path):
    folder = tmp_path / "frus.db.index"
    folder.mkdir()
    (folder / "thesis.docx").write_text("not an index")
    with pytest.raises(StoreError, match="not a frus index"):
        Corpus.open(tmp_path / "frus.db")
    assert (folder / "thesis.docx").exists()


def test_read_only_corpus_refuses_to_write(tmp_path, parsed_small, small_paths):
    db = tmp_path / "frus.db"
    Corpus.open(db).close()
    with Corpus.open(db, readonly=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            reader.ingest(small_paths[:1])
        with pytest.raises(StoreError, match="read-only"):
            reader.add_volume(parsed_small[OLD])
        with pytest.raises(StoreError, match="read-only"):
            reader.reindex()


def test_dates_are_indexed_as_day_numbers(tmp_path, parsed_small):
    index = TantivyIndex(tmp_path / "ix")
    records = volume_records(parsed_small[MODERN])
    index.replace_volume(MODERN, records.index_entries)
    index.commit()
    searcher = index.tantivy_index.searcher()
    dated = [e for e in records.index_entries if e.date_min]
    assert dated
    doc = searcher.doc(searcher.search(index.tantivy_index.parse_query(f'id:"{dated[0].id}"'), 1).hits[0][1])
    assert doc.get_first("date_min") == dated[0].date_min
    assert 19690101 <= dated[0].date_min <= 19761231
    index.close()


def test_index_entries_carry_metadata_as_people_search_it(parsed_small):
    """What the keyword and facet fields hold, from real documents."""
    records = volume_records(parsed_small[MODERN])
    entries = {e.id: e for e in records.index_entries}
    docs = {d.id: d for d in parsed_small[MODERN].documents}
    persons = {p.id: p.name for p in parsed_small[MODERN].volume.persons}
    assert all(e.volume_id == MODERN for e in entries.values())
    with_mentions = [e for e in entries.values() if dict(e.facets)["person"]]
    assert with_mentions
    for e in with_mentions:
        doc = docs[e.id]
        keywords, facets = dict(e.keywords), dict(e.facets)
        ids = {m.target for m in doc.mentions if m.kind == "person"}
        assert {i.lower() for i in ids} <= set(keywords["person"])
        assert set(facets["person"]) == {persons[i] for i in ids if i in persons}
        assert keywords["volume"] == (MODERN.lower(),) and facets["subseries"] == ("1969-76",)
    for e in entries.values():
        doc = docs[e.id]
        keywords, facets = dict(e.keywords), dict(e.facets)
        assert facets["type"] == ((doc.type,) if doc.type else ())
        if doc.type == "memcon":
            assert "memorandum of conversation" in keywords["type"]
        assert all(v == " ".join(v.lower().split()) for values in keywords.values() for v in values)
        # one value per footnote, with its printed number
        texts = [n for n in doc.footnotes if n.text.strip()]
        assert e.notes == tuple(n.text for n in texts) and e.note_numbers == tuple(n.n for n in texts)
        if doc.date.min:
            assert str(e.date_sort).startswith(str(e.date_min))


def test_subseries_comes_from_the_volume_id():
    from frus.store.records import subseries_of

    assert subseries_of("frus1969-76v12") == "1969-76"
    assert subseries_of("frus1894Nicaragua") == "1894"
    assert subseries_of("frus1961-63v07-09mSupp") == "1961-63"
    assert subseries_of("frus1917-72PubDip") == "1917-72"
    assert subseries_of("notfrus") is None


def test_index_format_1_is_rebuilt_for_the_new_fields(tmp_path, parsed_small):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        corpus.add_volume(parsed_small[OLD])
    marker = index_dir_for(db) / MARKER
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "format": 1}))
    with Corpus.open(db, readonly=True) as reader:
        with pytest.raises(StoreError, match="another version"):
            reader.search("Bluefields")
    with Corpus.open(db) as corpus:  # a writer rebuilds it
        assert corpus.search("from:Baker type:telegram", limit=0).total > 0
