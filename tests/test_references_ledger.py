"""The ledger: citations merged into one entry per unprinted document, and searched."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.references import build_ledger, document_ledger, search_unprinted, unprinted_citations, volume_ledger

DATA = Path(__file__).resolve().parent / "data" / "references"


@lru_cache(maxsize=None)
def _volume(path: str):
    return enrich_volume(read_path(path))


@pytest.fixture(scope="module")
def seed_ledger():
    return document_ledger(_volume(str(DATA / "frus1969-76v13-d33.txt")).documents[0])


@pytest.fixture(scope="module")
def china_volumes(corpus_dir: Path):
    return [_volume(str(corpus_dir / "frus" / f"{v}.xml")) for v in ("frus1961-63v22", "frus1964-68v30")]


def test_seed_ledger_has_four_entries_with_stable_ids(seed_ledger):
    assert len(seed_ledger) == 4
    again = document_ledger(_volume(str(DATA / "frus1969-76v13-d33.xml")).documents[0])
    # the same papers from the TEI fixture get the same ids: the id is a hash of what the entry is
    assert {e.id for e in seed_ledger} == {e.id for e in again}
    for entry in seed_ledger:
        assert entry.id.startswith("u") and len(entry.id) == 13
        assert entry.cited_by == ("frus1969-76v13/d33",)


def test_one_telegram_cited_in_two_notes_is_one_entry():
    entries = document_ledger(_volume(str(DATA / "frus1964-68v14-d328.txt")).documents[0])
    (entry,) = entries
    assert (entry.kind, entry.number, entry.sender, entry.date_text) == ("telegram", "6728", "Moscow", "December 5")
    assert [c.where for c in entry.citations] == ["d328fn2", "d328fn3"]


def test_an_unnumbered_letter_described_twice_in_one_note_is_one_entry(corpus_dir):
    doc = next(d for d in _volume(str(corpus_dir / "frus" / "frus1955-57v02.xml")).documents if d.local_id == "d290")
    letters = [e for e in document_ledger(doc) if e.kind == "letter"]
    (letter,) = letters
    assert (letter.sender, letter.recipient, letter.status) == ("Ambassador Rankin", "Foreign Minister Yeh", "not found")
    assert len(letter.citations) == 2


def test_the_same_letter_cited_in_two_volumes_merges(china_volumes):
    # the Chinese Communist Party's letter of June 14, 1963, cited in v22 d183 and in 1964–68 v30 d23
    ledger = volume_ledger(china_volumes)
    (entry,) = [e for e in ledger if e.kind == "letter" and e.date == "1963-06-14" and len(e.cited_by) > 1]
    assert entry.cited_by == ("frus1961-63v22/d183", "frus1964-68v30/d23")
    assert entry.sender == "Central Committee of the Chinese Communist Party"
    assert entry.recipient == "Central Committee of the Soviet Communist Party"
    # each citing document alone yields the entry under the same id
    alone = [
        e.id
        for v, local in (("frus1961-63v22", "d183"), ("frus1964-68v30", "d23"))
        for d in next(p for p in china_volumes if p.volume.id == v).documents
        if d.local_id == local
        for e in document_ledger(d)
        if e.date == "1963-06-14"
    ]
    assert alone == [entry.id, entry.id]


def test_telegrams_with_one_number_but_different_dates_stay_apart(china_volumes):
    # telegram 412 to Taipei, February 24, 1961 (v22 d7) and 412 from Warsaw, September 16, 1965 (v30 d101)
    ledger = volume_ledger(china_volumes)
    hits = search_unprinted(ledger, "kind:telegram number:412")
    assert sorted((e.date, e.sender, e.recipient, e.cited_by) for e in hits) == [
        ("1961-02-24", None, "Taipei", ("frus1961-63v22/d7",)),
        ("1965-09-16", "Warsaw", None, ("frus1964-68v30/d101",)),
    ]


def test_merging_is_conservative_without_a_date():
    # two bare "telegram 6728" from different documents say too little to be one paper
    cites = unprinted_citations(_volume(str(DATA / "frus1964-68v14-d328.txt")).documents[0])
    bare = [c for c in cites if c.where == "d328fn3"]
    moved = [type(c)(**{**c.to_dict(), "doc": "other/d1"}) for c in bare]
    assert len(build_ledger(bare + moved)) == 2


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("6440", ["telegram"]),
        ("from:moscow", ["telegram"]),
        ("to:haig", ["memorandum"]),
        ("Downey", ["fact sheet"]),
        ("status:attached", ["fact sheet", "telegram"]),
        ("kind:note date:1970-10-29", ["note"]),
        ('"status report"', ["memorandum"]),
        ("cited:frus1969-76v13/d33 kind:memorandum", ["memorandum"]),
        ("Gromyko", []),
    ],
)
def test_search_unprinted(seed_ledger, query, kinds):
    assert sorted(e.kind for e in search_unprinted(seed_ledger, query)) == kinds


def test_entries_serialise_with_their_citing_documents(seed_ledger):
    data = seed_ledger[0].to_dict()
    assert list(data) == [
        "id", "kind", "number", "date", "date_text", "sender", "recipient", "location", "status",
        "description", "citations", "key", "cited_by",
    ]  # fmt: skip
    assert data["cited_by"] == ["frus1969-76v13/d33"]
    assert data["citations"][0]["doc"] == "frus1969-76v13/d33"
