"""Titles and dates the extraction cannot read are kept as printed, marked unknown, never guessed.

Real documents with one part spoiled: the seed memo's text copy with a
head that names no kind of document and nobody, and the seed memo's TEI
with a dateline that holds no readable date.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from frus.export.record import document_record
from frus.extract import TYPES, enrich_document, enrich_volume
from frus.ingest import read_path
from frus.ingest.text import parse_text
from frus.model import DocDate

GIBBERISH = "Xyzzy Plugh Frobnicate Quux"


@pytest.fixture(scope="module")
def copy_text(corpus_dir) -> str:
    return (corpus_dir / "text" / "frus1969-76v13-d33.txt").read_text(encoding="utf-8")


def test_unreadable_title_is_kept_and_typed_unknown(copy_text):
    first, rest = copy_text.split("\n", 1)
    assert first.startswith("33. Memorandum From")
    spoiled = f"33. {GIBBERISH}1\n{rest}"
    doc = enrich_volume(parse_text(spoiled, path="frus1969-76v13-d33.txt")).documents[0]
    assert doc.title == GIBBERISH
    assert doc.type == "unknown" and "unknown" in TYPES
    assert (doc.senders, doc.recipients) == ((), ())
    record = document_record(doc)
    assert (record["title"], record["type"], record["from"], record["to"]) == (GIBBERISH, "unknown", [], [])
    # the rest of the record does not suffer: the citation is still read
    assert record["source"]["box"] == "490"


def test_a_title_that_names_its_kind_is_not_unknown(copy_text):
    first, rest = copy_text.split("\n", 1)
    doc = enrich_volume(parse_text(f"33. Address by {GIBBERISH}1\n{rest}", path="frus1969-76v13-d33.txt")).documents[0]
    assert doc.type == "other"


@pytest.fixture(scope="module")
def tei_memo(corpus_dir):
    return read_path(corpus_dir / "aux" / "document-fixtures" / "frus1969-76v13-d33.xml").documents[0]


@pytest.mark.parametrize("dateline", ["Washington, the Ides of Octember.", "Washington, 28.X.70 or so"])
def test_unreadable_dateline_is_kept_as_text_with_unknown_precision(tei_memo, dateline):
    spoiled = replace(tei_memo, dateline=dateline, date=DocDate(text=dateline))
    date = enrich_document(spoiled).date
    assert (date.min, date.max) == (None, None)  # no range invented from the notes or the folder year
    assert date.precision == "unknown"
    assert date.text == dateline
    assert document_record(enrich_document(spoiled))["date"]["precision"] == "unknown"


def test_a_dateline_without_its_year_gets_a_labelled_inference(tei_memo):
    # not unreadable: the month and day are printed, the year comes from the folder, and says so
    spoiled = replace(tei_memo, dateline="Washington, October 28.", date=DocDate(text="October 28."))
    date = enrich_document(spoiled).date
    assert (date.min, date.max, date.basis) == ("1970-10-28", "1970-10-28", "inferred")
    assert "year inferred from the source note" in date.text
