"""The ``Corpus`` front door: ingest reports, re-ingest, reading back."""

from __future__ import annotations

import gzip
import shutil
from dataclasses import replace

import pytest
from _corpus_fixtures import (  # noqa: F401
    MODERN,
    OLD,
    PUBDIP,
    fake_prepare,
    parsed_small,
    small_corpus,
    small_db,
    small_paths,
)

from frus.corpus import Corpus, parse_document_ref
from frus.store.pipeline import prepare_all
from frus.errors import NotFound, StoreError
from frus.model import ParsedVolume, Volume


@pytest.fixture
def bad_files(tmp_path):
    truncated = tmp_path / "bad" / "frus-truncated.xml"
    truncated.parent.mkdir()
    truncated.write_text('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader>\n')
    empty = tmp_path / "bad" / "empty.xml"
    empty.write_bytes(b"")
    return [truncated, empty]


def test_ingest_reports_bad_files_and_keeps_the_good_ones(tmp_path, small_paths, bad_files):
    calls = []
    with Corpus.open(tmp_path / "frus.db") as corpus:
        report = corpus.ingest(
            [small_paths[0], bad_files[0].parent, small_paths[1]],
            workers=2,
            progress=lambda outcome, done, total: calls.append((outcome.path, done, total)),
        )
        assert [f.path for f in report.files] == [str(small_paths[0]), *map(str, sorted(bad_files)), str(small_paths[1])]
        assert {f.volume_id for f in report.files if not f.error} == {MODERN, OLD}
        assert len(report.failed) == 2
        for failed in report.failed:
            assert failed.error.startswith(failed.path)
            assert "\n" not in failed.error and failed.documents == 0
        assert report.documents == sum(f.documents for f in report.files) > 0
        assert report.volumes == 2 and report.seconds > 0
        assert sorted(c[1] for c in calls) == [1, 2, 3, 4] and {c[2] for c in calls} == {4}
        assert {v.id for v in corpus.volumes()} == {MODERN, OLD}
        assert corpus.search("Bluefields", limit=0).total > 0


def test_reingest_replaces_and_keeps_the_same_counts(tmp_path, small_paths, parsed_small):
    with Corpus.open(tmp_path / "frus.db") as corpus:
        first = corpus.ingest(small_paths, workers=0)
        counts = corpus._store.counts()
        hits = corpus.search("Kissinger", limit=0).total
        second = corpus.ingest(small_paths, workers=0)
        assert [f.documents for f in second.files] == [f.documents for f in first.files]
        assert corpus._store.counts() == counts
        assert corpus.search("Kissinger", limit=0).total == hits
        assert corpus._index.num_docs() == counts["documents"] == sum(len(p.documents) for p in parsed_small.values())


def test_the_same_volume_twice_in_one_run_is_stored_once(tmp_path, small_paths, parsed_small):
    copy = tmp_path / "copy" / "again.xml.gz"
    copy.parent.mkdir()
    with open(small_paths[1], "rb") as src, gzip.open(copy, "wb") as dst:
        shutil.copyfileobj(src, dst)
    with Corpus.open(tmp_path / "frus.db") as corpus:
        report = corpus.ingest([small_paths[1], copy], workers=0)
        assert not report.failed and report.volumes == 1
        assert corpus._index.num_docs() == len(parsed_small[OLD].documents)


def test_parallel_and_in_process_ingest_store_the_same(tmp_path, small_paths, small_corpus):
    with Corpus.open(tmp_path / "frus.db") as corpus:
        report = corpus.ingest(small_paths, workers=2)
        assert not report.failed
        for vol in small_corpus.volumes():
            assert corpus.volume(vol.id) == vol
            for got, want in zip(corpus.documents(vol.id), small_corpus.documents(vol.id), strict=True):
                assert got == want, want.id


def test_a_worker_that_dies_is_reported_and_the_others_still_read():
    paths = ["a.xml", "b.xml", "die.xml", "c.xml", "d.xml"]
    results = {p.path: p for p in prepare_all(paths, workers=2, prepare=fake_prepare)}
    assert set(results) == set(paths)
    assert "reader process died" in results["die.xml"].error
    for path in set(paths) - {"die.xml"}:
        assert "read by pid" in results[path].error


def test_text_copies_are_added_beside_and_never_replace_tei(tmp_path, corpus_dir, data_dir):
    copies = [data_dir / "text" / "frus1969-76v12-d6.txt", data_dir / "text" / "frus1969-76v12-d24.txt"]
    tei = corpus_dir / "frus" / "frus1969-76v12.xml"
    vid = "frus1969-76v12"
    with Corpus.open(tmp_path / "frus.db") as corpus:
        # copies alone make a stub volume that grows one document at a time
        corpus.ingest(copies[:1], workers=0)
        corpus.ingest(copies[1:], workers=0)
        stub = corpus.volume(vid)
        assert stub.origin == "text" and stub.document_count == 2
        assert [d.origin for d in corpus.documents(vid)] == ["text", "text"]
        assert corpus._index.num_docs() == 2

        # the TEI volume replaces the stub and the copies of its documents
        report = corpus.ingest([tei], workers=0)
        volume = corpus.volume(vid)
        assert volume.origin == "tei" and volume.document_count == report.documents > 100
        assert corpus.document(f"{vid}/d6").origin == "tei"
        assert corpus._index.num_docs() == volume.document_count

        # a copy of a document the TEI volume has is not stored, and says so
        again = corpus.ingest(copies[:1], workers=0)
        [outcome] = again.files
        assert outcome.error is None and outcome.documents == 0
        assert f"{vid}/d6" in outcome.note
        assert corpus.document(f"{vid}/d6").origin == "tei"
        assert corpus.volume(vid).document_count == volume.document_count
        assert corpus._index.num_docs() == volume.document_count


def test_a_text_copy_the_tei_volume_lacks_stays_beside_it(tmp_path, parsed_small):
    tei = parsed_small[OLD]
    extra = replace(tei.documents[0], id=f"{OLD}/d9999", local_id="d9999", number="9999", origin="text",
                    title="A copy of a document the volume does not print")
    stub = ParsedVolume(Volume(id=OLD, title=OLD, origin="text"), (extra,))
    with Corpus.open(tmp_path / "frus.db") as corpus:
        corpus.add_volume(stub)
        corpus.add_volume(tei)
        assert corpus.volume(OLD).document_count == len(tei.documents) + 1
        assert corpus.document(extra.id) == extra
        assert corpus._index.num_docs() == len(tei.documents) + 1
        assert [h.id for h in corpus.search('"does not print"').hits] == [extra.id]
        corpus.add_volume(tei)  # and again: still beside it, once
        assert corpus._index.num_docs() == len(tei.documents) + 1


def test_reading_back(small_corpus, parsed_small):
    volumes = small_corpus.volumes()
    assert [v.id for v in volumes] == sorted(parsed_small)
    for vol in volumes:
        parsed = parsed_small[vol.id]
        assert vol == replace(parsed.volume, document_count=len(parsed.documents))
        docs = small_corpus.documents(vol.id)
        assert docs == list(parsed.documents)
        assert [d.position for d in docs] == sorted(d.position for d in docs)
    doc = parsed_small[PUBDIP].documents[7]
    assert small_corpus.document(doc.id) == doc
    assert small_corpus.volume(PUBDIP).title == parsed_small[PUBDIP].volume.title
    with pytest.raises(NotFound):
        small_corpus.volume("frus1999v99")
    with pytest.raises(NotFound):
        small_corpus.documents("frus1999v99")


def test_ingest_of_nothing_reports_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    with Corpus.open(tmp_path / "frus.db") as corpus:
        report = corpus.ingest([tmp_path / "empty"])
    assert report.files == [] and report.documents == 0


def test_a_missing_input_is_a_failed_file(tmp_path):
    with Corpus.open(tmp_path / "frus.db") as corpus:
        report = corpus.ingest([tmp_path / "nowhere.xml"])
    assert len(report.failed) == 1 and "nowhere.xml" in report.failed[0].error


def test_open_defaults_to_frus_db(tmp_path, monkeypatch):
    monkeypatch.setenv("FRUS_DB", str(tmp_path / "env" / "corpus.db"))
    with Corpus.open() as corpus:
        assert corpus.db_path == tmp_path / "env" / "corpus.db"
        assert corpus.index_path == tmp_path / "env" / "corpus.db.index"
    assert (tmp_path / "env" / "corpus.db").is_file()


def test_open_refuses_a_directory(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        Corpus.open(tmp_path)


def test_document_refs():
    assert parse_document_ref("frus1969-76v12/d1") == "frus1969-76v12/d1"
    assert parse_document_ref("https://history.state.gov/historicaldocuments/frus1969-76v12/d1?x=1") == "frus1969-76v12/d1"
    with pytest.raises(NotFound, match="expected VOLUME/dN"):
        parse_document_ref("frus1969-76v12")
