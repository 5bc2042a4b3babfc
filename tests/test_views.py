"""The read models the web pages share: what they read from the corpus, and how often.

A busy reader serves many document pages a second; these pin that a
document page reads its one document and no more, that volumes are kept
for a few seconds, and that neighbours come back as the same ids and titles
the documents themselves carry.  All on the bundled sample volumes.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import frus
from frus import views
from frus.corpus import Corpus
from frus.errors import NotFound
from frus.web import render
from frus.web.app import create_app

SAMPLE = Path(frus.__file__).resolve().parent / "sample"
MODERN = "frus1969-76ve09p1"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("views") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(SAMPLE.glob("*.xml")), workers=0)
    assert not report.failed, [f.error for f in report.failed]
    return db


class Counting(Corpus):
    """The real corpus, counting the reads the pages make."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: Counter[str] = Counter()

    def volume(self, volume_id):
        self.calls["volume"] += 1
        return super().volume(volume_id)

    def document(self, doc_id):
        self.calls["document"] += 1
        return super().document(doc_id)

    def documents(self, volume_id):
        self.calls["documents"] += 1
        return super().documents(volume_id)


@pytest.fixture
def counting(sample_db):
    corpus = Counting.open(sample_db, readonly=True)
    try:
        yield corpus
    finally:
        corpus.close()


def test_neighbours_are_the_documents_prev_and_next(counting):
    docs = counting.documents(MODERN)
    for doc in docs:
        prev, next_ = views.neighbours(counting, doc)
        for found, wanted in ((prev, doc.prev_id), (next_, doc.next_id)):
            if wanted is None:
                assert found is None
            else:
                other = counting.document(wanted)
                assert (found.id, found.number, found.title) == (other.id, other.number, other.title)
    assert views.neighbours(counting, docs[0])[0] is None
    assert views.neighbours(counting, docs[-1])[1] is None


def test_a_vanished_neighbour_is_none(counting):
    doc = counting.documents(MODERN)[3]
    gone = dataclasses.replace(doc, next_id=f"{MODERN}/d99999")  # removed by a re-ingest
    prev, next_ = views.neighbours(counting, gone)
    assert prev is not None and prev.id == doc.prev_id
    assert next_ is None


def test_volumes_are_read_once_while_the_corpus_does_not_change(counting):
    cache = views.VolumeCache(counting)
    first = cache.get(MODERN)
    for _ in range(5):
        assert cache.get(MODERN) is first
    assert counting.calls["volume"] == 1
    assert first.volume.id == MODERN
    assert set(first.persons) == {p.id for p in first.volume.persons}
    assert set(first.terms) == {t.id for t in first.volume.terms}


def test_volumes_are_read_again_when_the_corpus_changes_and_when_evicted(counting, monkeypatch):
    stamp = [1]
    monkeypatch.setattr(counting, "change_stamp", lambda: stamp[0])
    cache = views.VolumeCache(counting)
    first = cache.get(MODERN)
    assert cache.get(MODERN) is first
    stamp[0] = 2  # another process ingested something
    again = cache.get(MODERN)
    assert again is not first and again.volume.id == MODERN
    assert counting.calls["volume"] == 2
    counting.calls.clear()
    small = views.VolumeCache(counting, size=1)
    for volume_id in (MODERN, "frus1894Nicaragua", MODERN):
        small.get(volume_id)
    assert counting.calls["volume"] == 3


def test_an_unknown_volume_is_not_found_every_time(counting):
    cache = views.VolumeCache(counting)
    for _ in range(2):
        with pytest.raises(NotFound):
            cache.get("frusNoSuchVolume")
    assert counting.calls["volume"] == 2


def test_a_document_page_reads_one_document_and_its_volume_once(counting):
    docs = counting.documents(MODERN)[:5]
    counting.calls.clear()
    with TestClient(create_app(corpus=counting)) as client:
        for doc in docs:
            r = client.get(render.document_href(doc.id))
            assert r.status_code == 200
            if doc.next_id:
                assert render.document_href(doc.next_id) in r.text
    # the neighbours come from summaries, not from decoding two more documents
    assert counting.calls["document"] == len(docs)
    assert counting.calls["volume"] == 1
    assert counting.calls["documents"] == 0
