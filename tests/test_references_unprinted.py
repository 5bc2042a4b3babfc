"""The ledger's raw material: what one document cites but FRUS does not print.

The seed memo (frus1969-76v13 d33) must yield its four unprinted papers
from the text copy and from the TEI fixture alike; the other cases are
real documents of the shared corpus, each pinning one rule.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.model import Document
from frus.references import unprinted_citations

DATA = Path(__file__).resolve().parent / "data" / "references"
SEED_SOURCE = (
    "National Archives, Nixon Presidential Materials, NSC Files, Box 490, President’s Trip Files, "
    "Dobrynin/Kissinger, 1970, Vol. 3"
)


@lru_cache(maxsize=None)
def _volume(path: str):
    return enrich_volume(read_path(path))


def _doc(path: Path, local: str | None = None) -> Document:
    docs = _volume(str(path)).documents
    return docs[0] if local is None else next(d for d in docs if d.local_id == local)


@pytest.fixture(scope="module")
def corpus_doc(corpus_dir: Path):
    def get(volume: str, local: str) -> Document:
        return _doc(corpus_dir / "frus" / f"{volume}.xml", local)

    return get


@pytest.mark.parametrize("name", ["frus1969-76v13-d33.txt", "frus1969-76v13-d33.xml"])
def test_seed_memo_yields_its_four_unprinted_documents(name):
    cites = unprinted_citations(_doc(DATA / name))
    by_kind = {c.kind: c for c in cites}
    assert sorted(by_kind) == ["fact sheet", "memorandum", "note", "telegram"]
    assert len(cites) == 4

    memo = by_kind["memorandum"]
    assert (memo.where, memo.date, memo.sender, memo.recipient) == ("d33fn2", "1970-10-28", "Sonnenfeldt", "Haig")
    assert memo.description == "a memorandum forwarding the status report to Haig on October 28"
    assert memo.location == SEED_SOURCE  # "(Ibid.)" repeats the source note's citation

    note = by_kind["note"]
    assert (note.where, note.date, note.sender, note.recipient) == ("d33fn3", "1970-10-29", "Haig", "Kissinger")
    assert note.location == SEED_SOURCE

    telegram = by_kind["telegram"]
    assert (telegram.where, telegram.number, telegram.date, telegram.sender) == ("d33fn3", "6440", "1970-10-28", "Moscow")
    assert telegram.status == "attached"
    assert telegram.description == "an attached telegram (6440 from Moscow, October 28)"

    sheet = by_kind["fact sheet"]
    assert (sheet.where, sheet.sender, sheet.status) == ("body", "Art Downey", "attached")
    assert sheet.context.startswith("Attached is a fact sheet prepared by Art Downey")


def test_seed_memo_citations_are_the_same_from_text_and_tei():
    def key(c):
        return (c.kind, c.number, c.date, c.sender, c.recipient, c.status, c.location, c.where)

    text = sorted(map(key, unprinted_citations(_doc(DATA / "frus1969-76v13-d33.txt"))), key=str)
    tei = sorted(map(key, unprinted_citations(_doc(DATA / "frus1969-76v13-d33.xml"))), key=str)
    assert text == tei


def test_a_numbered_telegram_cited_twice_in_one_document():
    # d328: fn2 "In telegram 6728 from Moscow, December 5, Thompson wrote …", fn3 "… in telegram 6728:"
    cites = unprinted_citations(_doc(DATA / "frus1964-68v14-d328.txt"))
    telegrams = [c for c in cites if c.kind == "telegram"]
    assert [(c.where, c.number) for c in telegrams] == [("d328fn2", "6728"), ("d328fn3", "6728")]
    first = telegrams[0]
    assert (first.sender, first.date_text) == ("Moscow", "December 5")
    assert first.location == "Johnson Library, National Security File, Memos to the President—Walt W. Rostow, Vol. 109"
    # the archival citation itself ("Memos to the President") is no document
    assert [c.kind for c in cites] == ["telegram", "telegram"]


def test_a_possessive_covering_memorandum_in_a_source_note():
    # d164 fn1: "Vorontsov’s March 23 covering memorandum to Scowcroft noted …"
    cites = unprinted_citations(_doc(DATA / "frus1969-76v15-d164.txt"))
    assert [(c.kind, c.date, c.sender, c.recipient) for c in cites] == [
        ("memorandum", "1974-03-23", "Vorontsov", "Scowcroft")
    ]


def test_not_printed_note_names_the_words_before_its_marker(corpus_doc):
    # frus1917Supp02v02 d354 (London to Washington): "Your 4760, April 26, 7 p.m.¹"  ¹ Not printed.
    (c,) = unprinted_citations(corpus_doc("frus1917Supp02v02", "d354"))
    assert (c.where, c.kind, c.number, c.date, c.time, c.status) == ("d354fn1", "telegram", "4760", "1917-04-26", "7 p.m.", "not printed")
    assert c.sender == "Secretary of State"  # "your" is the recipient of the citing telegram
    # d27 (Washington to Stockholm): "Your 402, June 4, 2 p.m." — the Minister's telegram
    (c,) = unprinted_citations(corpus_doc("frus1917Supp02v02", "d27"))
    assert (c.number, c.date, c.sender, c.status) == ("402", "1917-06-04", "Morris", "not printed")


def test_papers_pointed_to_as_printed_stay_out(corpus_doc):
    # frus1955-57v02 d290 fn4: "… reported in telegram 952 from Taipei (Document 279) …"
    cites = unprinted_citations(corpus_doc("frus1955-57v02", "d290"))
    numbers = {c.number for c in cites if c.kind == "telegram"}
    assert "952" not in numbers
    (t953,) = [c for c in cites if c.number == "953"]
    assert t953.status == "not found"  # "Telegram 953, not found attached to the source text"
    assert t953.location == "Department of State, Central Files, 793.5/6–2855"
    letters = [c for c in cites if c.kind == "letter"]
    assert [(c.sender, c.recipient, c.status) for c in letters] == [
        ("Ambassador Rankin", "Foreign Minister Yeh", "mentioned"),
        ("Rankin", "Yeh", "not found"),
    ]


def test_ibid_chains_through_the_notes(corpus_doc):
    # frus1961-63v22 d26 fn2: "Despatch 612, May 16. (Department of State, Central Files, 033.1100 JO/5-1661)
    # Despatch 655 from Taipei, June 9, … (Ibid., 033.1100 JO/6-961)"
    cites = {c.number: c for c in unprinted_citations(corpus_doc("frus1961-63v22", "d26")) if c.kind == "despatch"}
    assert cites["612"].location == "Department of State, Central Files, 033.1100 JO/5-1661"
    assert (cites["655"].sender, cites["655"].date) == ("Taipei", "1961-06-09")
    assert cites["655"].location == "Department of State, Central Files, 033.1100 JO/6-961"


def test_citations_serialise_with_stable_keys():
    (first, *_) = unprinted_citations(_doc(DATA / "frus1969-76v13-d33.txt"))
    assert list(first.to_dict()) == [
        "doc", "where", "offset", "kind", "number", "date", "date_text", "time", "sender",
        "recipient", "location", "status", "description", "context",
    ]  # fmt: skip
