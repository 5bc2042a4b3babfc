"""Excisions: "[1 paragraph (5 lines) not declassified]" and its kin, as records."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.references import find_excisions, parse_amount
from frus.references.excisions import find_in_text


@lru_cache(maxsize=None)
def _volume(path: str):
    return enrich_volume(read_path(path))


@pytest.fixture(scope="module")
def doc(corpus_dir: Path):
    def get(volume: str, local: str):
        return next(d for d in _volume(str(corpus_dir / "frus" / f"{volume}.xml")).documents if d.local_id == local)

    return get


def _rows(excisions):
    return [(e.where, e.block, e.offset, e.amount, e.unit, e.qualifier, e.lines, e.extent_text) for e in excisions]


def test_a_letter_with_six_excisions(doc):
    # frus1969-76ve09p1 d9, options against Libya, 1973
    d = doc("frus1969-76ve09p1", "d9")
    assert _rows(find_excisions(d)) == [
        ("body", 2, 190, 1.0, "line", "less than", None, "less than 1 line not declassified"),
        ("body", 17, 192, 2.5, "line", None, None, "2½ lines not declassified"),
        ("body", 27, 4, 2.0, "line", None, None, "2 lines not declassified"),
        ("body", 29, 3, 2.0, "line", None, None, "2 lines not declassified"),
        ("body", 31, 0, 1.5, "line", None, None, "1½ lines not declassified"),
        ("body", 33, 23, 1.0, "line", "less than", None, "less than 1 line not declassified"),
    ]
    # the offset is where the bracket opens in the block's own text
    first = find_excisions(d)[0]
    assert d.body[first.block].text()[first.offset:].startswith("[less than 1 line not declassified]")


def test_paragraph_with_its_line_count(doc):
    (para,) = [e for e in find_excisions(doc("frus1969-76ve09p1", "d13")) if e.unit == "paragraph"]
    assert (para.amount, para.lines, para.extent_text) == (1.0, 5.0, "1 paragraph (5 lines) not declassified")


def test_compound_bracket_is_two_excisions(doc):
    # frus1977-80v21 d5: "[name not declassified: less than 1 line not declassified] the Greeks and Turks …"
    d = doc("frus1977-80v21", "d5")
    rows = [(e.block, e.offset, e.unit, e.amount, e.qualifier) for e in find_excisions(d) if e.block == 14]
    assert rows == [(14, 0, "name", 1.0, None), (14, 24, "line", 1.0, "less than")]


def test_withheld_document_in_a_bracketed_source_note(doc):
    # frus1950-55Intel d9: "[Source: Department of State, A/MS Files: Lot 54 D 291, CIA 1949–52. Top Secret. 2 pages not declassified.]"
    (e,) = find_excisions(doc("frus1950-55Intel", "d9"))
    assert (e.amount, e.unit, e.extent_text) == (2.0, "page", "2 pages not declassified")


def test_every_note_of_a_volume_is_read(corpus_dir: Path):
    # frus1952-54Guat prints "not declassified" 1,324 times in its TEI; 4 are sentences about
    # papers ("… was not declassified"), the rest are excisions — names above all
    path = corpus_dir / "frus" / "frus1952-54Guat.xml"
    excisions = [e for d in _volume(str(path)).documents for e in find_excisions(d)]
    printed = len(re.findall(r"not\s+declassified", path.read_text(encoding="utf-8")))
    assert printed - 10 <= len(excisions) <= printed
    units = Counter(e.unit for e in excisions)
    assert units.most_common(3) == [("name", 852), ("line", 199), ("place", 172)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[1 paragraph (5 lines) not declassified]", (1.0, "paragraph", None, 5.0)),
        ("[less than 1 line not declassified]", (1.0, "line", "less than", None)),
        ("[2 pages not declassified]", (2.0, "page", None, None)),
        ("[name not declassified]", (1.0, "name", None, None)),
        ("[3 names not declassified]", (3.0, "name", None, None)),
        ("[text not declassified]", (None, "text", None, None)),
        ("[1½ lines not declassified]", (1.5, "line", None, None)),
        ("[2–1/2 lines of source text not declassified]", (2.5, "line", None, None)),
        ("[1 paragraph (2-1/2 lines of source text) not declassified]", (1.0, "paragraph", None, 2.5)),
        ("[table (11 columns and 6 rows of source text) not declassified]", (None, "table", None, None)),
        ("[*entry in table not declassified]", (None, "table entry", None, None)),
        ("[Tab B (2 pages of source text) not declassified]", (2.0, "page", None, None)),
        ("[three pages not declassified in time for publication]", (3.0, "page", None, None)),
        ("[Heading and 10 paragraphs (49 lines) not declassified]", (10.0, "paragraph", None, 49.0)),
        ("[telegram indicator not declassified]", (None, "telegram indicator", None, None)),
        ("(a) 2 lines not declassified] as well", (2.0, "line", None, None)),
        ("Top Secret. 2 pages of source text not declassified.", (2.0, "page", None, None)),
    ],
)
def test_extents(text, expected):
    ((_, _, amount, unit, qualifier, lines),) = list(find_in_text(text))
    assert (amount, unit, qualifier, lines) == expected


def test_a_sentence_about_a_paper_is_no_excision():
    assert list(find_in_text("NSC 5705/1 was not declassified.")) == []


@pytest.mark.parametrize(("text", "value"), [("1½", 1.5), ("2–1/2", 2.5), ("1 1/2", 1.5), ("three", 3.0), ("12", 12.0), ("", None)])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_excision_ids_and_shape(doc):
    (first, *_) = find_excisions(doc("frus1969-76ve09p1", "d9"))
    assert first.id == "frus1969-76ve09p1/d9:body:2:190"
    assert list(first.to_dict()) == ["id", "doc", "where", "amount", "unit", "extent_text", "block", "offset", "qualifier", "lines"]
