"""The text reader on the shapes of the copies the round trip showed it missing.

Each case is a real document of the corpus rendered from its TEI as the
website lays it out (``frus.export.tei_layout`` places the older volumes'
provenance lines where the TEI puts them) and read back; the strings typed
here are real datelines and heads, copied from those documents.
"""

from __future__ import annotations

import pytest

from frus.export.roundtrip import read_back, round_trip
from frus.export.tei_layout import read_layout
from frus.export.text import render_text
from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.ingest.text import parse_text
from frus.ingest.text_layout import is_dateline


@pytest.fixture(scope="module")
def volume(corpus_dir):
    cache: dict[str, tuple] = {}

    def get(name: str):
        if name not in cache:
            path = corpus_dir / "frus" / f"{name}.xml"
            parsed = enrich_volume(read_path(path))
            cache[name] = ({d.local_id: d for d in parsed.documents}, read_layout(path), parsed.volume)
        return cache[name]
    return get


def trip(volume, name: str, local: str, style: str = "dash"):
    docs, layouts, vol = volume(name)
    return round_trip(docs[local], style, layout=layouts.get(local), documents=docs, volume=vol)


# --------------------------------------------------------------------------
# datelines
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Washington, January 16, 1959, 4–5:30 p.m.",  # frus1958-60v08 d136: an hour without minutes opens the span
    "Washington, September 6, 1977, 9–11 a.m.; 7–9:45 p.m.",  # frus1969-76v33 d178: two sittings
    "Washington, June 10, 1970, 7:30 p.m.–1 a.m.",  # frus1969-76v12 d168: past midnight
    "Paris, January 22, 1864—2¼ p. m.",  # frus1864p3 d42
    "U. S. S. “George Washington,” December 7, 1918—5 p.m. [Received December 8—12:58 a.m.]",
    "Paris [December 23, 1918.] [Received December 23—9:01 p.m.]",  # the editors' date after the place
    "Geneva [, October 20, 1927—10 p.m.] [Received October 21—1:36 a.m.]",
    "Tokyo [undated]. [Received November 13, 1918—5:23 p.m.]",
    "Paris, May 23 [24], 1949—8 p. m.",  # the editors' correction of the day
    "Batavia, January 4, 1949—10 a. m. [p. m.]",  # … and of the hour
    "Petrograd, May 2/15, 1917. [Received July 2.]",  # both calendars
    "Legation of the United States, St. Petersburg, December 31, 1860, (January 12, 1861.)",
    "Commonwealth of Massachusetts, Executive Department, Boston, Nov, 12, 1864.",
    "Budapest February 6, 1957.",  # no comma after the place
    "Legation of the United States in Japan, Kanagawa. September 3, 1864.",
    "Washington, May 16,1954, 2135Z.",
    "Taipei, August 1, 1969 1201Z.",
    "Peking, December 20.",  # the year left to the volume
    "Legation of Mexico in the United States, Washington, October 7, 1881. (Rec’d Nov. 22.)",
])
def test_printed_datelines_are_read(text):
    assert is_dateline(text)


@pytest.mark.parametrize("text", [
    "Your No. 16, October 21, 12 p.m.",  # the first words of frus1927v01 d228's telegram
    "The Foreign Ministers did not meet on Sunday, May 31.",
    "[Delivered to the Chinese minister, Mr. Wu Ting-fang, August 12, 1900, 4.30 p.m.]",  # an editors' note
    "Minutes of the Fifth Meeting of the Council, Paris, September 25, 1948, 9:15 a. m.",  # a head
])
def test_sentences_and_notes_that_end_in_a_date_are_no_datelines(text):
    assert not is_dateline(text)


def test_a_place_on_its_own_line_without_a_comma(volume):
    """frus1882 d1 prints "Legation of the United States" above "Buenos Ayres, February 10, 1882.
    (Received March 22.)"; the website keeps the line break."""
    back = trip(volume, "frus1882", "d1").copy
    assert back.dateline == "Legation of the United States Buenos Ayres, February 10, 1882. (Received March 22.)"
    assert (back.date.min, back.date.precision) == ("1882-02-10", "day")


# --------------------------------------------------------------------------
# heads and the lines around them
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, local, head", [
    # "[Extract.]" below the head, then a two-line dateline with its receipt
    ("frus1882", "d5", "No. 5. Mr. Phelps to Mr. Frelinghuysen"),
    # "[Telegram]" below the head, a file number above it
    ("frus1917Supp02v02", "d2", "The Ambassador in Great Britain (Page) to the Secretary of State"),
    # a decimal file ending in ": Telegram" above the head, "[Paraphrase]" below it
    ("frus1927v01", "d1", "The Secretary of State to the Ambassador in France (Herrick)"),
    # a citation with a kind word above a fuller head
    ("frus1919Parisv01", "d133", "The Special Representative (House) to President Wilson"),
    # the file named in an opener that stands above the head, with its note's marker
    ("frus1948v01p1", "d194", "Policy Problem Statement Prepared in the Office of United Nations Affairs"),
    # a label above a head that has a kind word but no "A to B"
    ("frus1864p3", "d640", "Circular to consuls."),
    # the website's "[Untitled]", then a line of the text and "[Translation.]" above the dateline
    ("frus1864p3", "d197", "[Untitled]"),
    # a head without a kind word, a section number "I." below it
    ("frus1882", "d102", "Qualifications necessary for, and appointments to, judicial offices."),
    # a long bracketed note between the head and a two-line dateline
    ("frus1901China", "d30", "The French Chargé d’affaires to the Secretary of State."),
    # a place line that reads like a head ("… to China.") between head and date
    ("frus1901China", "d125", "Mr. Rockhill to Mr. Hay."),
])
def test_the_head_among_provenance_lines(volume, name, local, head):
    t = trip(volume, name, local)
    assert t.error is None and t.copy.title == head
    assert t.identical, t.differences


def test_an_enclosure_label_stays_with_its_enclosure(volume):
    """frus1882 d13's "[Inclosure 1 in No 92.]" heads its enclosure, not the despatch."""
    docs, layouts, _ = volume("frus1882")
    text = render_text(docs["d13"], "dash", layout=layouts["d13"])
    lines = text.split("\n")
    assert lines[0] == "No. 13. Mr. Adams to Mr. Frelinghuysen"
    at = lines.index("[Inclosure 1 in No 92.]")
    assert lines[at + 1].startswith("Mr. Adams to Señor")
    assert trip(volume, "frus1882", "d13").identical


def test_a_leading_number_that_is_not_the_documents_stays_in_the_head(volume):
    """frus1873p2v3 d20 is headed "1. Sir Edward Thornton to Mr. Fish.": a series inside the document."""
    back = trip(volume, "frus1873p2v3", "d20").copy
    assert (back.number, back.title) == (None, "1. Sir Edward Thornton to Mr. Fish.")


@pytest.mark.parametrize("name, local, title", [
    ("frus1927v01", "d25", "The Acting Secretary of State to the Japanese Ambassador (Matsudaira)"),  # …)23
    ("frus1936v03", "d202", "The Chargé in Italy (Kirk) to the Secretary of State"),  # …State53, "5:36" in the text
    ("frus1964-68v10", "d172", "Memorandum to Holders of SNIE 11–10–67"),  # …67 and marker 1
    ("frus1950-55Intel", "d25", "Director of Central Intelligence Directive No. 4/2"),  # …4/2 and marker 1
])
def test_the_heads_marker_is_cut_where_the_notes_say(volume, name, local, title):
    t = trip(volume, name, local)
    assert t.copy.title == title and "title" not in t.differences


# --------------------------------------------------------------------------
# notes and pages
# --------------------------------------------------------------------------


def test_a_note_without_words_keeps_the_numbered_list_whole(volume):
    """frus1961-63v08 d49's note 10 is empty: the website lists "10." with nothing after it."""
    t = trip(volume, "frus1961-63v08", "d49", "numbered")
    assert len(t.copy.footnotes) == 12 and t.identical


def test_a_nested_document_is_printed_where_it_stands(volume):
    """frus1861 d91 prints its enclosures in full; their pages are the despatch's."""
    docs, layouts, _ = volume("frus1861")
    back = read_back(docs["d91"], "dash", layout=layouts["d91"], documents=docs)
    assert back.pages == docs["d91"].pages == ("155", "156", "157")


def test_an_unnumbered_page_marker(volume):
    """frus1948v01p1 d271 breaks onto page "[506]", a page printed without its number."""
    t = trip(volume, "frus1948v01p1", "d271")
    assert t.copy.pages == ("505", "[506]") and t.identical


def test_the_plain_layout_is_read_back(volume):
    """``frus show --text`` lists the notes unindented, one per line, after a blank line."""
    docs, _, _ = volume("frus1964-68v22")
    doc = docs["d22"]
    back = parse_text(render_text(doc, "plain"), path="frus1964-68v22-d22.txt").documents[0]
    assert [n.n for n in back.footnotes] == [n.n for n in doc.footnotes if n.n]
    assert back.title == doc.title
