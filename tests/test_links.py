"""The link stage through ``Corpus``: stored persons, mentions, references,
the unprinted ledger and excisions, on real documents.

The corpus here is built from files in the repository: the bundled sample
volumes (``src/frus/sample``), the seed memo's text copy
(``tests/data/references``) and the cut of the authority data that holds
the seed memo's people (``tests/data/entities/aux``), so these tests run
without the shared corpus.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from frus.corpus import Corpus
from frus.errors import FrusError, NotFound, StoreError

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "src" / "frus" / "sample"
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "references" / "frus1969-76v13-d33.txt"
AUX = DATA / "entities" / "aux"
SEED_ID = "frus1969-76v13/d33"
PUBDIP = "frus1917-72PubDip"

#: the seed memo's people, as the authority data identifies them
SEED_PEOPLE = {
    "Haig": "hsa-105381",
    "Kissinger": "hsa-107252",
    "Downey": "hsa-103627",
    "Sonnenfeldt": "hsa-112748",
    "Mitchell": "hsa-109220",
    "Gromyko": "hsa-105222",
    "Ivanov": "hsa-106451",
}

LINK_TABLES = (
    "canonical_persons", "person_sources", "person_mentions", "document_parties", "term_mentions",
    "cross_references", "document_anchors", "unprinted_citations", "unprinted_entries", "excisions", "link_volumes",
)


def _rows(db: Path) -> dict[str, list[tuple]]:
    """Every link table's rows, sorted, without the run's timestamps."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in LINK_TABLES:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
            if table == "link_volumes":
                rows = [r[:4] for r in rows]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def _ingest(corpus: Corpus, *paths: Path) -> None:
    report = corpus.ingest(list(paths), workers=0)
    assert not report.failed, report.failed


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("linked") / "frus.db"
    with Corpus.open(db) as corpus:
        _ingest(corpus, SAMPLE, SEED)
        report = corpus.link(aux=AUX, overrides=False, workers=0)
        assert report.register_rebuilt and not report.errors
        assert set(report.relinked) == {v.id for v in corpus.volumes()}
    return db


@pytest.fixture(scope="module")
def linked(linked_db):
    corpus = Corpus.open(linked_db, readonly=True)
    yield corpus
    corpus.close()


# -- the seed memo --------------------------------------------------------------


def test_seed_memo_yields_its_four_unprinted_documents(linked):
    entries = linked.document_unprinted(SEED_ID)
    assert len(entries) == 4
    by_kind = {e.kind: e for e in entries}
    assert set(by_kind) == {"memorandum", "fact sheet", "note", "telegram"}
    memo = by_kind["memorandum"]
    assert (memo.sender, memo.recipient, memo.date) == ("Sonnenfeldt", "Haig", "1970-10-28")
    assert "forwarding" in memo.description
    assert "Downey" in by_kind["fact sheet"].sender
    note = by_kind["note"]
    assert (note.sender, note.recipient, note.date) == ("Haig", "Kissinger", "1970-10-29")
    telegram = by_kind["telegram"]
    assert (telegram.number, telegram.sender, telegram.date) == ("6440", "Moscow", "1970-10-28")
    assert "Box 490" in telegram.location
    for entry in entries:
        assert entry.cited_by == (SEED_ID,)
        assert linked.unprinted_entry(entry.id) == entry


def test_the_ledger_is_searchable_like_the_library(linked):
    found = linked.unprinted(f"cited:{SEED_ID}")
    assert found.total == 4 and {e.kind for e in found} == {"memorandum", "fact sheet", "note", "telegram"}
    assert [e.number for e in linked.unprinted("number:6440")] == ["6440"]
    assert [e.kind for e in linked.unprinted("from:moscow telegram")] == ["telegram"]
    everything = linked.unprinted(limit=1000)
    assert everything.total == len(everything) > 4
    page = linked.unprinted(limit=3, offset=2)
    assert [e.id for e in page] == [e.id for e in everything.entries[2:5]] and page.total == everything.total
    data = found.to_dict()
    assert set(data) == {"query", "total", "offset", "limit", "entries"}
    assert data["entries"][0]["cited_by"] == [SEED_ID]


def test_seed_memo_people_are_stored_as_canonical_persons(linked):
    persons = linked.document_persons(SEED_ID)
    linked_names = {}
    for m in persons.persons:
        if m.status == "linked":
            linked_names.setdefault(m.text.split()[-1], set()).add(m.person_id)
    for surname, pid in SEED_PEOPLE.items():
        assert linked_names.get(surname) == {pid}, surname
        assert linked.person_for("frus1969-76v13", next(
            m.local_id for m in persons.persons if m.person_id == pid and m.local_id)) == pid
    ivanoff = next(m for m in persons.persons if m.text == "Ivanoff")
    assert ivanoff.person_id == SEED_PEOPLE["Ivanov"] and ivanoff.confidence < 0.9
    assert all(m.origin == "linker" for m in persons.persons)  # a text copy has no editors' tags
    # the head: from Haig to Kissinger
    parties = {(p.role, p.person_id) for p in persons.parties}
    assert parties == {("from", SEED_PEOPLE["Haig"]), ("to", SEED_PEOPLE["Kissinger"])}


def test_the_person_pages_list_the_seed_memo(linked):
    haig = linked.person(SEED_PEOPLE["Haig"])
    assert SEED_ID in [d.id for d in haig.documents_from]
    assert SEED_ID in [d.id for d in haig.documents_mentioning]
    kissinger = linked.person(SEED_PEOPLE["Kissinger"])
    assert SEED_ID in [d.id for d in kissinger.documents_to]
    assert ("frus1969-76v13", "p_KHA1") in {(s.volume_id, s.local_id) for s in kissinger.sources}
    for pid in SEED_PEOPLE.values():
        record = linked.person(pid)
        assert SEED_ID in [d.id for d in record.documents_mentioning], pid
    dates = [d.date_min for d in kissinger.documents_mentioning if d.date_min]
    assert dates == sorted(dates)
    assert set(kissinger.to_dict()) >= {"id", "preferred_name", "offices", "sources", "documents_from",
                                        "documents_to", "documents_participant", "documents_mentioning"}


@pytest.mark.parametrize("query", ["Kissinger", "Henry Kissinger", "Kissinger, Henry A.", "KISSINGER", "kissinger h"])
def test_find_persons_by_any_name_form(linked, query):
    found = linked.find_persons(query)
    assert found[0].id == "hsa-107252", [p.id for p in found]
    assert found[0].documents >= 1


def test_find_persons_across_spellings_and_accents(linked):
    assert linked.find_persons("Ivanoff")[0].id == SEED_PEOPLE["Ivanov"]
    assert linked.find_persons("gromyko andrei")[0].id == SEED_PEOPLE["Gromyko"]
    assert linked.find_persons("hsa-105381")[0].id == SEED_PEOPLE["Haig"]
    assert linked.find_persons("Nobodyatall") == []
    with pytest.raises(FrusError):
        linked.find_persons("  ")


# -- cross-references -------------------------------------------------------------


def test_documents_2_and_3_resolve_and_show_as_incoming(linked):
    refs = linked.references(f"{PUBDIP}/d12")
    targets = {r.target_doc for r in refs.outgoing if r.resolved and r.kind == "document"}
    assert {f"{PUBDIP}/d2", f"{PUBDIP}/d3"} <= targets
    assert {t.id for t in refs.targets} >= targets
    incoming = linked.references(f"{PUBDIP}/d2").incoming
    assert f"{PUBDIP}/d12" in [c.id for c in incoming]
    seven = linked.references(f"{PUBDIP}/d7")
    citing = {c.id: c for c in seven.incoming}
    assert {f"{PUBDIP}/d9", f"{PUBDIP}/d12"} <= set(citing)
    assert all(r.target_doc == f"{PUBDIP}/d7" for c in citing.values() for r in c.references)
    note = next(r for r in seven.outgoing if r.target == "#d6fn2")
    assert note.resolved and note.target_footnote == "d6fn2"


def test_references_to_volumes_not_in_the_store_stay_external(linked):
    external = [r for r in linked.references(f"{PUBDIP}/d7").outgoing if r.target_volume == "frus1918Supp01v01"]
    assert external and all(not r.resolved and r.scope == "external" for r in external)
    assert all(r.reason.startswith("volume not in the store") for r in external)
    rows = linked.check_refs()
    assert any(r.target_volume == "frus1918Supp01v01" and r.scope == "external" for r in rows)
    strict = linked.check_refs(external=False)
    assert strict and len(strict) < len(rows)
    assert not any(r.reason.startswith("volume not in the store") for r in strict)


# -- excisions, mentions --------------------------------------------------------------


def test_excisions_are_stored_per_document(linked):
    found = linked.excisions("frus1969-76ve09p1/d22")
    assert found and {e.unit for e in found} >= {"line"}
    assert all(e.doc == "frus1969-76ve09p1/d22" and "not declassified" in e.extent_text for e in found)
    assert linked.excisions(SEED_ID) == []


def test_editors_tags_are_kept_and_the_linker_fills_the_rest(linked):
    doc = linked.document("frus1969-76ve09p1/d13")
    persons = linked.document_persons(doc.id)
    origins = Counter(m.origin for m in persons.persons)
    assert origins["editors"] > 0 and origins["linker"] > 0
    tagged = {(m.target) for m in doc.mentions if m.kind == "person"}
    assert {m.local_id for m in persons.persons if m.origin == "editors"} <= tagged
    spans = [(m.start, m.end) for m in persons.persons if m.origin == "editors"]
    for m in persons.persons:
        if m.origin == "linker":
            assert not any(m.start < e and s < m.end for s, e in spans)
    assert any(t.origin == "editors" for t in persons.terms)


def test_unknown_ids_raise_not_found(linked):
    for call in (
        lambda: linked.person("hsa-0"),
        lambda: linked.references("frus1969-76ve09p1/d9999"),
        lambda: linked.excisions("nope/d1"),
        lambda: linked.document_unprinted("nope/d1"),
        lambda: linked.document_persons("nope/d1"),
        lambda: linked.unprinted_entry("u000000000000"),
    ):
        with pytest.raises(NotFound):
            call()
    assert linked.person_for("frus1969-76v13", "p_NOBODY") is None


# -- running again, changes, staleness --------------------------------------------------


def test_relinking_is_idempotent(tmp_path, linked_db):
    db = tmp_path / "copy.db"
    src = sqlite3.connect(linked_db)
    dst = sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    before = _rows(db)
    with Corpus.open(db) as corpus:
        again = corpus.link(aux=AUX, overrides=False, workers=0)
        assert again.up_to_date and _rows(db) == before
        forced = corpus.link(aux=AUX, overrides=False, workers=0, force=True)
        assert forced.register_rebuilt and len(forced.relinked) == len(corpus.volumes())
    assert _rows(db) == before


def test_a_corpus_never_linked_says_so(tmp_path):
    with Corpus.open(tmp_path / "frus.db") as corpus:
        _ingest(corpus, SEED)
        status = corpus.link_status()
        assert status.state == "missing" and "frus link" in status.message
        with pytest.raises(StoreError, match="frus link"):
            corpus.unprinted()
        with pytest.raises(StoreError, match="frus link"):
            corpus.find_persons("Haig")


def test_a_reingested_volume_replaces_its_link_rows_and_is_stale_until_relinked(tmp_path):
    from frus.extract import enrich_volume
    from frus.ingest import read_path
    from frus.model import ParsedVolume

    parsed = enrich_volume(read_path(SAMPLE / f"{PUBDIP}.xml"))
    with Corpus.open(tmp_path / "frus.db") as corpus:
        corpus.add_volume(parsed)
        full = corpus.link(aux=AUX, overrides=False, workers=0)
        assert corpus.link_status().current
        kept = tuple(d for d in parsed.documents if d.local_id not in ("d12", "d9"))
        corpus.add_volume(ParsedVolume(parsed.volume, kept))
        status = corpus.link_status()
        assert status.state == "stale" and status.behind == (PUBDIP,) and "frus link" in status.message
        # stale links are still read; documents no longer stored drop out of the answers
        assert f"{PUBDIP}/d15" in [c.id for c in corpus.references(f"{PUBDIP}/d7").incoming]
        assert f"{PUBDIP}/d12" not in [c.id for c in corpus.references(f"{PUBDIP}/d2").incoming]
        shorter = corpus.link(aux=AUX, overrides=False, workers=0)
        assert shorter.relinked == (PUBDIP,) and not shorter.register_rebuilt
        assert corpus.link_status().current
        assert f"{PUBDIP}/d12" not in [c.id for c in corpus.references(f"{PUBDIP}/d2").incoming]
        assert shorter.counts["cross_references"] < full.counts["cross_references"]
        conn = corpus._store.conn
        for table, column in (("person_mentions", "doc_id"), ("cross_references", "source_doc"),
                              ("unprinted_citations", "doc_id"), ("term_mentions", "doc_id")):
            left = conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (f"{PUBDIP}/d12",)).fetchone()
            assert left == (0,), table
        corpus.add_volume(parsed)
        assert corpus.link(aux=AUX, overrides=False, workers=0).counts == full.counts


def test_an_interrupted_run_is_reported_stale_and_resumed(tmp_path, monkeypatch):
    from frus.linking import stage

    with Corpus.open(tmp_path / "frus.db") as corpus:
        _ingest(corpus, SAMPLE / f"{PUBDIP}.xml", SEED)
        real = stage.link_volume
        calls = []

        def dies_on_the_second(task, register, wide=None):
            calls.append(task.volume_id)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(task, register, wide)

        monkeypatch.setattr(stage, "link_volume", dies_on_the_second)
        with pytest.raises(KeyboardInterrupt):
            corpus.link(aux=AUX, overrides=False, workers=0)
        status = corpus.link_status()
        assert status.state == "stale" and status.behind == (calls[1],)
        assert corpus.search("Creel", limit=0).total > 0  # the documents and the index are untouched
        monkeypatch.setattr(stage, "link_volume", real)
        resumed = corpus.link(aux=AUX, overrides=False, workers=0)
        assert resumed.relinked == (calls[1],) and corpus.link_status().current


def test_a_malformed_overrides_file_stops_the_run_before_it_writes(tmp_path):
    bad = tmp_path / "overrides.csv"
    bad.write_text("action,volume,local_id,other_volume,other_local_id\nforce,a,b,c\n")
    with Corpus.open(tmp_path / "frus.db") as corpus:
        _ingest(corpus, SEED)
        with pytest.raises(FrusError, match="overrides.csv:2"):
            corpus.link(aux=AUX, overrides=bad, workers=0)
        assert corpus.link_status().state == "missing"


def test_a_schema_2_store_is_upgraded_in_place(tmp_path):
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        _ingest(corpus, SEED)
    conn = sqlite3.connect(db)
    for table in LINK_TABLES:
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with Corpus.open(db, readonly=True) as corpus:  # read-only: documents yes, links not yet
        assert corpus.document(SEED_ID).title
        assert corpus.link_status().state == "missing"
        with pytest.raises(StoreError, match="frus link"):
            corpus.references(SEED_ID)
    with Corpus.open(db) as corpus:
        assert corpus.link(aux=AUX, overrides=False, workers=0).counts["unprinted_entries"] == 4
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("3",)
    conn.close()


def test_linking_in_worker_processes_gives_the_same_rows(tmp_path, linked_db, monkeypatch):
    from frus.linking import stage

    monkeypatch.setattr(stage, "POOL_MIN_DOCUMENTS", 0)  # the sample alone would be linked in-process
    pools = []
    real = stage.ProcessPoolExecutor
    monkeypatch.setattr(stage, "ProcessPoolExecutor", lambda *a, **k: pools.append(k) or real(*a, **k))
    db = tmp_path / "frus.db"
    with Corpus.open(db) as corpus:
        _ingest(corpus, SAMPLE, SEED)
        corpus.link(aux=AUX, overrides=False, workers=2)
    assert [p["max_workers"] for p in pools] == [2]
    assert _rows(db) == _rows(linked_db)


def test_the_catalog_cache_answers_as_a_fresh_catalog_does(linked):
    """References resolved through cached per-volume catalogs (a cache of two
    volumes, so parts are evicted and rebuilt) equal those resolved through a
    catalog read from the store for each document."""
    from frus.linking import queries

    cache = queries.CatalogCache(size=2)
    checked = 0
    for volume in linked.volumes():
        for doc in linked.documents(volume.id):
            fresh = queries.references(linked._links, doc.id, None)
            cached = queries.references(linked._links, doc.id, cache)
            assert [r.to_dict() for r in cached.outgoing] == [r.to_dict() for r in fresh.outgoing], doc.id
            assert cached.incoming == fresh.incoming and cached.targets == fresh.targets, doc.id
            checked += bool(fresh.outgoing)
    assert checked > 20


def test_a_reader_sees_another_process_relink(tmp_path, monkeypatch):
    """The link state a read-only corpus keeps between requests is dropped
    when another connection commits."""
    from frus.extract import enrich_volume
    from frus.ingest import read_path
    from frus.store import sqlite as store_module

    monkeypatch.setattr(store_module, "STAMP_SECONDS", 0.0)
    parsed = enrich_volume(read_path(SAMPLE / f"{PUBDIP}.xml"))
    db = tmp_path / "frus.db"
    with Corpus.open(db) as writer:
        writer.add_volume(parsed)
        with Corpus.open(db, readonly=True) as reader:
            assert reader.link_status().state == "missing"
            writer.link(aux=AUX, overrides=False, workers=0)
            assert reader.link_status().current
            writer.add_volume(parsed)
            assert reader.link_status().state == "stale"


def test_a_reader_looks_for_other_writers_at_most_every_stamp_seconds(tmp_path, monkeypatch):
    """A read-only store asks SQLite whether another connection committed
    no more often than ``STAMP_SECONDS``; after that it sees the commit."""
    from frus.extract import enrich_volume
    from frus.ingest import read_path
    from frus.store import sqlite as store_module

    clock = [1000.0]
    monkeypatch.setattr(store_module, "monotonic", lambda: clock[0])
    parsed = enrich_volume(read_path(SAMPLE / f"{PUBDIP}.xml"))
    db = tmp_path / "frus.db"
    with Corpus.open(db) as writer:
        writer.add_volume(parsed)
        with Corpus.open(db, readonly=True) as reader:
            assert reader.link_status().state == "missing"
            writer.link(aux=AUX, overrides=False, workers=0)
            clock[0] += store_module.STAMP_SECONDS / 2
            assert reader.link_status().state == "missing"  # within the window: the kept answer
            clock[0] += store_module.STAMP_SECONDS
            assert reader.link_status().current
