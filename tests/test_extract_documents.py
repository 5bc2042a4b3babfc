"""enrich_document on real documents read by the real readers: TEI volumes of
four eras, the current-encoding seed memo, and the text copies."""

from __future__ import annotations

import pytest

from frus.extract import KINDS, TYPES, enrich_document, enrich_volume, participants
from frus.ingest import read_path
from frus.model import Classification, Party

#: one volume per era and editorial style: 1861 despatches, the 1930s
#: "printed for the Department" style, a Nixon-era volume, the microfiche
#: supplement whose heads carry the whole citation
VOLUMES = ("frus1861", "frus1936v03", "frus1969-76v12", "frus1961-63v07-09mSupp")
BASES = {"tei", "dateline", "inferred", "none"}
PRECISIONS = {"minute", "day", "month", "year", "range", "undated", "unknown"}


@pytest.fixture(scope="module")
def docs(corpus_dir):
    out = {}
    for vol in VOLUMES:
        for d in enrich_volume(read_path(corpus_dir / "frus" / f"{vol}.xml")).documents:
            out[d.id] = d
    return out


@pytest.fixture(scope="module")
def copies(corpus_dir):
    out = {}
    for path in sorted((corpus_dir / "text").glob("*.txt")):
        for d in read_path(path).documents:
            out[path.stem] = enrich_document(d)
    return out


def test_every_document_gets_vocabulary_values(docs):
    assert len(docs) > 1000
    for d in docs.values():
        assert d.type in TYPES
        assert all(n.kind in KINDS for n in d.footnotes)
        assert d.date.basis in BASES and d.date.precision in PRECISIONS
        if d.date.min and d.date.max:
            assert d.date.min[:10] <= d.date.max[:10]
        if d.source_note is not None:
            assert d.source_note.kind == "source"


def test_modern_source_notes_name_a_repository(docs):
    modern = [d for d in docs.values() if d.source and d.source.text.startswith("Source:")]
    assert len(modern) > 150
    assert sum(1 for d in modern if d.source.repository) / len(modern) >= 0.99


def test_1861_despatch_instruction_and_note(docs):
    despatch = docs["frus1861/d5"]  # Mr. Wright to Mr. Seward.
    assert (despatch.type, despatch.senders, despatch.recipients) == ("despatch", (Party(name="Wright"),), (Party(name="Seward"),))
    instruction = docs["frus1861/d39"]  # Mr. Seward to Mr. Adams., dated at the Department of State
    assert instruction.type == "instruction"
    assert instruction.date.min == "1861-04-10"
    note = docs["frus1861/d10"]  # Baron Schleinitz to Baron Gerolt.
    assert (note.type, note.senders) == ("note", (Party(name="Baron Schleinitz"),))


def test_1936_telegram(docs):
    d = docs["frus1936v03/d20"]  # The Chargé in Egypt (Childs) to the Secretary of State; "883.0513/179: Telegram"
    assert d.type == "telegram"
    assert d.senders == (Party("Chargé in Egypt", "Childs"),)
    assert d.recipients == (Party("Secretary of State"),)
    assert (d.source.file, d.source.repository) == ("883.0513/179", None)
    assert d.source.received == "November 21—10:30 a.m."
    assert (d.date.min, d.date.basis, d.date.time) == ("1936-11-21T13:00:00", "tei", "1 p.m.")


def test_nixon_era_letter_and_memcon(docs):
    letter = docs["frus1969-76v12/d10"]  # Letter From President Nixon to Secretary of State Rogers
    assert letter.type == "letter"
    assert (letter.senders, letter.recipients) == ((Party("President", "Nixon"),), (Party("Secretary of State", "Rogers"),))
    assert letter.classification == Classification("Secret")
    assert (letter.source.repository, letter.source.collection, letter.source.box) == (
        "Library of Congress", "Kissinger Papers", "CL 215")
    memcon = docs["frus1969-76v12/d1"]
    assert memcon.type == "memcon"
    assert (memcon.senders, memcon.recipients) == ((), ())
    assert participants(memcon) == (Party("Counselor, Soviet Embassy", "Boris Sedov"), Party(name="Henry A. Kissinger"))
    assert memcon.classification == Classification("Secret", ("Nodis",))


def test_microfiche_head_carries_date_classification_and_citation(docs):
    d = docs["frus1961-63v07-09mSupp/d92"]  # "Memorandum for the File, March 9. … Confidential. 4 pp. Kennedy Library, …"
    assert d.type == "memorandum"
    assert d.classification == Classification("Confidential")
    assert (d.source.repository, d.source.series) == (
        "Kennedy Library", "National Security Files, Kaysen Series, Disarmament, Basic Memoranda, 2/62–4/62")
    assert (d.date.min, d.date.max, d.date.precision, d.date.basis) == ("1962-03-09", "1962-03-09", "day", "inferred")


def test_seed_memo_current_encoding(corpus_dir):
    parsed = enrich_volume(read_path(corpus_dir / "aux" / "document-fixtures" / "frus1969-76v13-d33.xml"))
    d = parsed.documents[0]
    check_seed(d)
    # the TEI gives the date: kept, with its basis
    assert (d.date.min[:10], d.date.basis, d.date.precision) == ("1970-10-28", "tei", "day")


def check_seed(d):
    assert d.type == "memorandum"
    assert d.senders == (Party("President's Deputy Assistant for National Security Affairs", "Haig"),)
    assert d.recipients == (Party("President's Assistant for National Security Affairs", "Kissinger"),)
    assert d.subject == "Status of the Ivanov Case"
    assert d.classification == Classification("Secret", ("Sensitive",))
    s = d.source
    assert (s.repository, s.collection, s.series, s.box) == ("National Archives", "Nixon Presidential Materials", "NSC Files", "490")
    assert s.folder == "President’s Trip Files, Dobrynin/Kissinger, 1970, Vol. 3"
    assert s.drafted_by == "Haig"
    assert [n.kind for n in d.footnotes] == ["source", "unprinted", "unprinted", "annotation", "source"]


def test_seed_memo_text_copy(copies):
    d = copies["frus1969-76v13-d33"]
    check_seed(d)
    # no dateline in the copy: not before the day the attached status report was
    # forwarded (footnote 2), not after the folder's year (the source note)
    assert (d.date.min, d.date.max, d.date.basis, d.date.precision) == ("1970-10-28", "1970-12-31", "inferred", "range")
    assert "footnote 2 dates the forwarding" in d.date.text


def test_text_copies(copies):
    assert copies["frus1862-d5"].type == "instruction"  # Mr. Seward to Mr. Adams., Department of State
    assert (copies["frus1862-d5"].date.min, copies["frus1862-d5"].date.basis) == ("1861-12-13", "dateline")
    # the copy lost "[Telegram]" but opens with a telegram serial answering "Your 2061"
    assert copies["frus1918Russiav01-d289"].type == "telegram"
    assert copies["frus1918Russiav01-d289"].recipients == (Party("Ambassador in Russia", "Francis"),)
    assert copies["frus1939v04-d778"].type == "memcon"
    assert copies["frus1943CairoTehran-d268"].type == "editorial-note"
    brezhnev = copies["frus1969-76v15-d164"]
    assert (brezhnev.type, brezhnev.senders) == ("letter", (Party("Soviet General Secretary", "Brezhnev"),))
    assert brezhnev.classification == Classification("No classification marking")
    telegram = copies["frus1964-68v14-d328"]
    assert telegram.classification == Classification("Secret", ("Nodis", "Cherokee"))
    assert (telegram.source.series, telegram.source.file) == ("Central Files 1967–69", "POL USUSSR")


def test_enrich_is_idempotent(docs):
    for d in list(docs.values())[:300]:
        assert enrich_document(d) == d
