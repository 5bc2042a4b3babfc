"""Volume ids from printed citations, checked against the corpus's own ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frus.ingest import read_path
from frus.references.volumes import VOLUME_ID, roman_to_int, sibling_volume, split_target, volume_id


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (("1964–1968", "XIV"), {}, "frus1964-68v14"),
        (("1952–1954", "XIV"), {"part": "1"}, "frus1952-54v14p1"),
        (("1969–1976", "E–15"), {"part": "1"}, "frus1969-76ve15p1"),
        (("1969-1976", "E-9"), {"part": "1"}, "frus1969-76ve09p1"),
        (("1948", "I"), {"part": "2"}, "frus1948v01p2"),
        (("1917", "I"), {"supplement": "2"}, "frus1917Supp02v01"),
        (("1916", None), {"supplement": ""}, "frus1916Supp"),
        (("1918", "III"), {"title": "Russia"}, "frus1918Russiav03"),
        (("1945–1950", None), {"title": "Emergence of the Intelligence Establishment"}, "frus1945-50Intel"),
        (("1914–1920", "ii"), {"title": "The Lansing Papers"}, "frus1914-20v02"),
        (("1944", None), {"title": "The Conference at Quebec"}, "frus1944Quebec"),
        # named but unknown: no guessed id
        (("1969–1976", None), {"title": "Southeast Asia"}, None),
        # a subseries alone names no volume
        (("1969–1976", None), {}, None),
        # "Paris Peace Conference" is a topical volume only in 1919
        (("1946", "III"), {"title": "Paris Peace Conference: Proceedings"}, None),
    ],
)
def test_volume_id(args, kwargs, expected):
    assert volume_id(*args, **kwargs) == expected


def test_volume_id_rebuilds_the_corpus_ids_from_their_headers(corpus_dir: Path):
    """A volume's own subseries and number (every id shape: v, p, ve) give back its file name."""
    shapes = ("frus1936v03", "frus1948v01p2", "frus1958-60v10p2", "frus1964-68v29p2", "frus1969-76ve09p1",
              "frus1969-76ve15p1", "frus1977-80v21")  # fmt: skip
    for name in shapes:
        volume = read_path(corpus_dir / "frus" / f"{name}.xml").volume
        years = re.search(r"\d{4}(?:\s*[–-]\s*\d{4})?", volume.subseries or "")
        number = re.search(r"Volume\s+(E[–-]\d+|[IVXLC]+)(?:,\s*Part\s+(\d+))?", volume.volume_number or "")
        assert years and number, (name, volume.subseries, volume.volume_number)
        assert volume_id(years.group(), number.group(1), part=number.group(2)) == volume.id == name


@pytest.mark.parametrize(
    ("current", "number", "part", "expected"),
    [
        ("frus1919Parisv01", "ii", None, "frus1919Parisv02"),
        ("frus1917Supp02v02", "I", None, "frus1917Supp02v01"),
        ("frus1958-60v10p2", None, "1", "frus1958-60v10p1"),
        ("frus1958-60v08", "X", "1", "frus1958-60v10p1"),
        ("frus1872p2v5", "iii", None, "frus1872p2v03"),
        ("frus1950-55Intel", "II", None, None),
    ],
)
def test_sibling_volume(current, number, part, expected):
    assert sibling_volume(current, number, part) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("#d65", ("frus1969-76v12", "d65")),
        ("#pg_131", ("frus1969-76v12", "pg_131")),
        ("frus1945-50Intel#d312", ("frus1945-50Intel", "d312")),
        ("frus1952-54v08", ("frus1952-54v08", "")),
        ("d72fn4", ("frus1969-76v12", "d72fn4")),
        ("http://thought.it", None),
        ("mailto:history@state.gov", None),
        ("", None),
    ],
)
def test_split_target(target, expected):
    assert split_target(target, "frus1969-76v12") == expected


def test_every_corpus_file_name_parses(corpus_dir: Path):
    names = [p.stem for p in (corpus_dir / "frus").glob("*.xml")]
    unparsed = [n for n in names if not VOLUME_ID.match(n)]
    assert unparsed == ["frus1902app1"]


@pytest.mark.parametrize(("text", "value"), [("XIV", 14), ("iii", 3), ("XXXVIII", 38), ("12", 12), ("E", None), ("", None)])
def test_roman(text, value):
    assert roman_to_int(text) == value
