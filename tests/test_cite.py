"""Citations: the Office of the Historian's Chicago form, BibTeX, RIS and CSL-JSON.

The Chicago form is checked against the examples the Office publishes, on
the real volumes they cite (from the shared corpus), and every export is
produced for all 310 documents of the bundled sample and read back by a
parser (pybtex for BibTeX) or checked against its format's rules.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

import frus
from frus import cite
from frus.corpus import Corpus
from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.model import Document, Volume

SAMPLE = Path(frus.__file__).resolve().parent / "sample"

# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[tuple[Document, Volume]]:
    db = tmp_path_factory.mktemp("cite") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(SAMPLE.glob("*.xml")), workers=0)
        assert not report.failed, [f.error for f in report.failed]
        pairs = []
        for volume in corpus.volumes():
            pairs += [(d, volume) for d in corpus.documents(volume.id)]
    assert len(pairs) == 310
    return pairs


def _pick(sample, doc_id: str) -> tuple[Document, Volume]:
    return next((d, v) for d, v in sample if d.id == doc_id)


def _read(corpus_dir: Path, volume_id: str, local_id: str) -> tuple[Document, Volume]:
    parsed = enrich_volume(read_path(corpus_dir / "frus" / f"{volume_id}.xml"))
    doc = next(d for d in parsed.documents if d.local_id == local_id)
    return doc, parsed.volume


# --------------------------------------------------------------------------
# Chicago, as the Office recommends
# --------------------------------------------------------------------------


def test_chicago_matches_the_offices_example_for_volume_xii(corpus_dir):
    """The form given for frus1969-76v12, document 1 (volume header: Mahan primary, Keefer general)."""
    doc, volume = _read(corpus_dir, "frus1969-76v12", "d1")
    assert cite.chicago(doc, volume, url=False) == (
        "Foreign Relations of the United States, 1969–1976, Volume XII, Soviet Union, "
        "January 1969–October 1970, eds. Erin R. Mahan and Edward C. Keefer "
        "(Washington: Government Printing Office, 2006), Document 1."
    )
    assert cite.chicago(doc, volume).endswith(
        "Document 1. https://history.state.gov/historicaldocuments/frus1969-76v12/d1"
    )


def test_chicago_follows_the_citing_frus_page_example(corpus_dir):
    """history.state.gov/historicaldocuments/citing-frus cites frus1969-76v19p1 d75 as:

    Foreign Relations of the United States, 1969–1976, Volume XIX, Part 1, Korea,
    1969–1972, eds. Daniel J. Lawler and Erin R. Mahan (Washington: Government
    Printing Office, 2010), Document 75.

    Every part matches but two.  The Office leaves out the General Editor
    (Edward C. Keefer), and the model does not record editor roles.  And the
    volume's own header (and the Office's CSL record of d75 in hsg-shell) gives
    2009 as the year of publication, which is what is cited here.
    """
    doc, volume = _read(corpus_dir, "frus1969-76v19p1", "d75")
    text = cite.chicago(doc, volume, url=False)
    assert text.startswith(
        "Foreign Relations of the United States, 1969–1976, Volume XIX, Part 1, Korea, 1969–1972, "
        "eds. Daniel J. Lawler, Erin R. Mahan"
    )
    assert volume.published == "2009"
    assert text.endswith(" (Washington: Government Printing Office, 2009), Document 75.")


def test_chicago_on_the_sample(sample):
    doc, volume = _pick(sample, "frus1969-76ve09p1/d10")
    # the header prints "1969-1976"; the citation uses the en dash the Office prints
    assert cite.chicago(doc, volume) == (
        "Foreign Relations of the United States, 1969–1976, Volume E-9, Part 1, Documents on North Africa, "
        "1973–1976, eds. Myra F. Burton and Adam M. Howard (Washington: Government Printing Office, 2014), "
        "Document 10. https://history.state.gov/historicaldocuments/frus1969-76ve09p1/d10"
    )
    # a volume without editors in its header simply has none
    doc, volume = _pick(sample, "frus1894Nicaragua/d6")
    assert cite.chicago(doc, volume, url=False) == (
        "Foreign Relations of the United States, 1894, Nicaragua (Mosquito Territory) "
        "(Washington: Government Printing Office, 1895), Document 6."
    )


def test_every_sample_document_is_cited_by_number(sample):
    for doc, volume in sample:
        text = cite.chicago(doc, volume)
        assert doc.number, doc.id  # every sample document is numbered
        assert f"), Document {doc.number}. https://history.state.gov/historicaldocuments/{doc.id}" in text
        assert "\n" not in text and "  " not in text


def test_locator_falls_back_to_printed_pages():
    base = Document(id="v/d1", volume_id="v", local_id="d1", number=None, title="t")
    assert cite.locator(base) == ""
    assert cite.locator(Document(**{**_fields(base), "pages": ("131",)})) == "p. 131"
    assert cite.locator(Document(**{**_fields(base), "pages": ("131", "132", "133")})) == "pp. 131–133"
    assert cite.locator(Document(**{**_fields(base), "number": "72A", "pages": ("9",)})) == "Document 72A"


def _fields(doc: Document) -> dict:
    return {f: getattr(doc, f) for f in doc.__dataclass_fields__}


@pytest.mark.parametrize(
    ("editors", "words"),
    [
        ((), "(Washington"),
        (("Myra F. Burton",), "ed. Myra F. Burton (Washington"),
        (("A B", "C D"), "eds. A B and C D (Washington"),
        (("A B", "C D", "E F"), "eds. A B, C D, and E F (Washington"),
    ],
)
def test_editor_lists(editors, words):
    volume = Volume(id="frusX", title="Foreign Relations of the United States, 1950", editors=editors, published="1977")
    doc = Document(id="frusX/d1", volume_id="frusX", local_id="d1", number="1", title="t")
    assert words in cite.chicago(doc, volume)


@pytest.mark.parametrize(
    ("name", "given", "family", "particle", "suffix"),
    [
        ("Myra F. Burton", "Myra F.", "Burton", "", ""),
        ("Alfred L. Atherton, Jr.", "Alfred L.", "Atherton", "", "Jr."),
        ("John Smith III", "John", "Smith", "", "III"),
        ("Martin van Buren", "Martin", "Buren", "van", ""),
        ("Plato", "", "Plato", "", ""),
    ],
)
def test_split_name(name, given, family, particle, suffix):
    assert cite.split_name(name) == cite.Name(given, family, particle, suffix)


# --------------------------------------------------------------------------
# BibTeX, read back by pybtex
# --------------------------------------------------------------------------


def test_bibtex_parses_for_every_sample_document(sample):
    keys = set()
    for doc, volume in sample:
        text = cite.bibtex(doc, volume)
        data = parse_string(text, "bibtex")
        (key, entry), = data.entries.items()
        keys.add(key)
        assert entry.type == "incollection"
        assert entry.fields["url"] == cite.document_url(doc.id)
        assert entry.fields["pages"] == f"Document {doc.number}"
        assert entry.fields["year"] == volume.published
        assert entry.fields["publisher"] == "Government Printing Office"
        editors = entry.persons.get("editor", [])
        assert [str(p) for p in editors] == [cite.split_name(e).sort_form for e in volume.editors]
    assert len(keys) == 310, "keys are unique"


def test_bibtex_escapes_what_latex_would_read():
    volume = Volume(id="frusX", title="Relations {odd} 100% & more", editors=("Jane Q. Doe",), published="1990")
    doc = Document(
        id="frusX/d1", volume_id="frusX", local_id="d1", number="1",
        title=r"A title with } { \ # $ _ ~ ^ in it",
    )
    text = cite.bibtex(doc, volume)
    entry = parse_string(text, "bibtex").entries["frusX_d1"]
    # BibTeX has no escaped brace: a lone one must become a command, or the entry breaks
    assert entry.fields["title"] == (
        r"A title with \textbraceright{} \textbraceleft{} \textbackslash{} \# \$ \_ "
        r"\textasciitilde{} \textasciicircum{} in it"
    )
    assert entry.fields["booktitle"] == r"Relations \textbraceleft{}odd\textbraceright{} 100\% \& more"


# --------------------------------------------------------------------------
# RIS
# --------------------------------------------------------------------------

RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  - (\S.*)?$")


def test_ris_is_well_formed_for_every_sample_document(sample):
    for doc, volume in sample:
        text = cite.ris(doc, volume)
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        lines = text[:-2].split("\r\n")
        assert all(RIS_LINE.match(line) for line in lines), lines
        assert lines[0] == "TY  - CHAP" and lines[-1] == "ER  - "
        tags = [line[:2] for line in lines]
        for required in ("TI", "T2", "PY", "PB", "CY", "SP", "UR"):
            assert tags.count(required) == 1, (doc.id, required)
        assert tags.count("ED") == len(volume.editors)
        assert f"SP  - Document {doc.number}" in lines


# --------------------------------------------------------------------------
# CSL-JSON
# --------------------------------------------------------------------------

# Variables of CSL 1.0.2 (citationstyles.org, "Appendix IV - Variables"), plus
# the item's id and type: a key outside these is dropped by Zotero and citeproc.
CSL_STANDARD = {
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "call-number", "citation-key", "citation-label", "collection-title",
    "container-title", "container-title-short", "dimensions", "division", "DOI", "event",
    "event-title", "event-place", "genre", "ISBN", "ISSN", "jurisdiction", "keyword", "language",
    "license", "medium", "note", "original-publisher", "original-publisher-place", "original-title",
    "part-title", "PMCID", "PMID", "publisher", "publisher-place", "references", "reviewed-genre",
    "reviewed-title", "scale", "source", "status", "title", "title-short", "URL", "volume-title",
    "year-suffix",
}
CSL_NUMBERS = {
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first",
    "part-number", "printing-number", "section", "supplement-number", "version", "volume",
}
CSL_DATES = {"accessed", "available-date", "event-date", "issued", "original-date", "submitted"}
CSL_NAMES = {"author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
             "curator", "director", "editor", "editorial-director", "executive-producer", "guest", "host",
             "interviewer", "illustrator", "narrator", "organizer", "original-author", "performer", "producer",
             "recipient", "reviewed-author", "script-writer", "series-creator", "translator"}


def test_csl_json_uses_only_csl_variables(sample):
    for doc, volume in sample:
        item = json.loads(json.dumps(cite.csl_json(doc, volume)))
        assert item["type"] == "chapter" and item["id"] == cite.cite_key(doc)
        for key, value in item.items():
            if key in ("id", "type"):
                continue
            if key in CSL_NAMES:
                assert all(set(n) <= {"family", "given", "non-dropping-particle", "suffix", "literal"} for n in value)
                assert all("family" in n or "literal" in n for n in value)
            elif key in CSL_DATES:
                parts = value["date-parts"]
                assert len(parts) == 1 and 1 <= len(parts[0]) <= 3 and all(isinstance(p, int) for p in parts[0])
            else:
                assert key in CSL_STANDARD | CSL_NUMBERS, key
                assert isinstance(value, str) and value, key
        assert item["page"] == f"Document {doc.number}"
        assert item["URL"] == cite.document_url(doc.id)
        assert item["issued"] == {"date-parts": [[int(volume.published)]]}


def test_citations_bundle(sample):
    doc, volume = _pick(sample, "frus1917-72PubDip/d6")
    bundle = cite.citations(doc, volume)
    assert set(bundle) == {"chicago", "chicago_without_url", "url", "bibtex", "ris", "csl_json"}
    assert bundle["chicago"] == f"{bundle['chicago_without_url']} {bundle['url']}"
    assert bundle["csl_json"]["collection-number"] == "1917–1972"
