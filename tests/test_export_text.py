"""The two history.state.gov layouts of ``render_text``, checked against copies made from the website."""

from __future__ import annotations

import pytest

from frus.export.text import STYLES, render_text
from frus.ingest import read_path
from frus.model import Document


@pytest.fixture(scope="module")
def seed(corpus_dir) -> Document:
    return read_path(corpus_dir / "aux" / "document-fixtures" / "frus1969-76v13-d33.xml").documents[0]


@pytest.fixture(scope="module")
def v12(corpus_dir) -> dict[str, Document]:
    return {d.local_id: d for d in read_path(corpus_dir / "frus" / "frus1969-76v12.xml").documents}


def test_dash_layout_reproduces_the_seed_memo_copied_from_the_website(corpus_dir, seed):
    """The copy in corpus/text lacks what its copier left out: the dateline and the attachment."""
    real = (corpus_dir / "text" / "frus1969-76v13-d33.txt").read_text(encoding="utf-8").split("\n")
    ours = render_text(seed, "dash").rstrip("\n").split("\n")
    start = ours.index("Attachment5")
    end = next(i for i, line in enumerate(ours) if line.startswith("- Source:"))
    trimmed = [line for i, line in enumerate(ours) if not start <= i < end and line != "Washington, October 28, 1970."]
    assert trimmed == real


@pytest.mark.parametrize(
    "local_id, style",
    [("d114", "numbered"), ("d6", "numbered"), ("d24", "dash"), ("d77", "dash")],
)
def test_layouts_match_the_reference_renderings(data_dir, v12, local_id, style):
    """tests/data/text holds these documents as the website shows them (see its README)."""
    expected = (data_dir / "text" / f"frus1969-76v12-{local_id}.txt").read_text(encoding="utf-8")
    assert render_text(v12[local_id], style).rstrip("\n") == expected.rstrip("\n")


def test_numbered_notes_count_from_one_whatever_their_markers(corpus_dir):
    # frus1958-60v08 marks the source note "0": the website's list still says "1."
    docs = {d.local_id: d for d in read_path(corpus_dir / "frus" / "frus1958-60v08.xml").documents}
    text = render_text(docs["d195"], "numbered")
    assert text.startswith("195. Telegram From the Department of State to the Embassy in the United Kingdom0\n")
    assert "\n  1. Source: Department of State, Presidential Correspondence" in text
    assert "\n  2. " in text and "\n  0. " not in text


def test_older_volume_prints_its_provenance_lines_around_an_unnumbered_head(corpus_dir):
    docs = {d.local_id: d for d in read_path(corpus_dir / "frus" / "frus1918Russiav03.xml").documents}
    lines = render_text(docs["d455"], "dash", numbered=False).split("\n")
    # the file number stood above the head, "[Telegram]" below it, as on the website
    assert lines[:3] == [
        "File No. 861.77/593",
        "The Consul General at Irkutsk (Harris) to the Secretary of State1",
        "[Telegram]",
    ]
    assert lines[3].startswith("Omsk, December 25, 1918")


def test_a_page_break_above_the_head_is_printed_above_it(v12):
    assert render_text(v12["d64"], "dash").startswith("[Page 196]\n64. National Security Study Memorandum 631\n")


def test_every_style_keeps_every_page_marker_and_note(v12):
    doc = v12["d24"]
    for style in STYLES:
        text = render_text(doc, style)
        for page in doc.pages[1:]:
            assert f"[Page {page}]" in text
        for note in doc.footnotes:
            assert note.text[:40] in text


def test_unknown_style_is_refused(v12):
    with pytest.raises(ValueError, match="dash"):
        render_text(v12["d24"], "html")
