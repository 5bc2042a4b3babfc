"""The TEI reader against every volume of the shared corpus ($FRUS_CORPUS/frus).

Each volume is read once per module (``read_tei``) and parsed once more
with plain lxml for the independent counts the reader's output is checked
against.  Whole-corpus cost: about ten seconds on two cores.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from frus.ingest import read_path
from frus.ingest.tei import read_tei
from frus.model import to_dict

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": TEI[1:-1]}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
FRUS_MIN = ("{http://history.state.gov/ns/1.0}doc-dateTime-min", "{http://history.state.gov/frus/ns/1.0}doc-dateTime-min")


@pytest.fixture(scope="module")
def volumes(corpus_dir: Path) -> dict:
    """volume file stem -> (ParsedVolume, lxml root), each file read once."""
    files = sorted((corpus_dir / "frus").glob("*.xml"))
    assert len(files) >= 42, f"expected the 42 corpus volumes, found {len(files)}"
    out = {}
    for path in files:
        root = etree.parse(str(path), etree.XMLParser(collect_ids=False, huge_tree=True)).getroot()
        out[path.stem] = (read_tei(path), root)
    return out


def _documents(root):
    return [d for d in root.iter(TEI + "div") if d.get("type") == "document"]


def _owner(elem):
    """The nearest enclosing document div."""
    return next(a for a in elem.iterancestors(TEI + "div") if a.get("type") == "document")


def test_every_document_div_is_a_document(volumes):
    for name, (parsed, root) in volumes.items():
        expected = int(root.xpath("count(//tei:div[@type='document'])", namespaces=NS))
        assert len(parsed.documents) == expected, name
        assert parsed.volume.document_count == expected, name
        assert [d.position for d in parsed.documents] == list(range(expected)), name
    total = sum(len(parsed.documents) for parsed, _ in volumes.values())
    assert total == 11757


def test_ids_are_unique_and_follow_the_url_scheme(volumes):
    for name, (parsed, root) in volumes.items():
        ids = [d.id for d in parsed.documents]
        assert len(ids) == len(set(ids)), name
        divs = _documents(root)
        for doc, div in zip(parsed.documents, divs):
            assert doc.id == f"{parsed.volume.id}/{doc.local_id}"
            if div.get(XML_ID):
                assert doc.local_id == div.get(XML_ID), name
            assert doc.number == ((div.get("n") or "").strip() or None), doc.id
        notes = [n.id for d in parsed.documents for n in d.footnotes]
        assert len(notes) == len(set(notes)), name


def test_documents_with_a_tei_date_have_one(volumes):
    checked = 0
    for name, (parsed, root) in volumes.items():
        for doc, div in zip(parsed.documents, _documents(root)):
            own = [dl for dl in div.iter(TEI + "dateline") if _owner(dl) is div]
            dated = any(dl.find(f".//{TEI}date[@when]") is not None for dl in own[:1])
            if dated or any(div.get(a) for a in FRUS_MIN):
                assert doc.date.min and doc.date.max and doc.date.basis == "tei", doc.id
                assert doc.date.min[:4].isdigit() and doc.date.precision != "unknown", doc.id
                checked += 1
    assert checked == 9921  # measured on this corpus: the loop did run


def test_nested_documents_name_their_parent(volumes):
    nested = 0
    for name, (parsed, root) in volumes.items():
        by_div = dict(zip(_documents(root), parsed.documents))
        for div, doc in by_div.items():
            parent_div = next((a for a in div.iterancestors(TEI + "div") if a.get("type") == "document"), None)
            if parent_div is None:
                assert doc.parent_id is None, doc.id
            else:
                nested += 1
                assert doc.parent_id == by_div[parent_div].id, doc.id
    assert nested == 79


def test_source_notes_match_an_independent_count(volumes):
    """Typed source notes, untyped first head notes starting "Source:", and
    untyped inline notes opening a document or enclosure — counted with
    XPath, compared with the reader's is_source flags."""
    for name, (parsed, root) in volumes.items():
        typed = root.xpath(
            "count(//tei:note[@type='source'][ancestor::tei:div[@type='document']])", namespaces=NS)
        untyped_head = 0
        for div in _documents(root):
            head = div.find(TEI + "head")
            note = head.find(TEI + "note") if head is not None else None
            if note is not None and note.get("type") is None:
                untyped_head += "".join(note.itertext()).strip().startswith("Source:")
        expected = int(typed) + untyped_head
        got = sum(n.is_source for d in parsed.documents for n in d.footnotes)
        # (the third kind, untyped rend="inline" openers, does not occur here)
        assert got == expected, name
    for name, count in (("frus1961-63v06", 117), ("frus1961-63v22", 334), ("frus1977-80v21", 204)):
        parsed, _ = volumes[name]
        assert sum(n.is_source for d in parsed.documents for n in d.footnotes) == count, name


def test_pages_are_the_start_page_and_every_page_break(volumes):
    """pages = the last pb before the document (unless the document opens
    with one, or its first one restarts the numbering) + every pb inside it,
    deduplicated — recomputed in one pass."""
    for name, (parsed, root) in volumes.items():
        start_of, last = {}, None
        for elem in root.iter(TEI + "pb", TEI + "div"):
            if elem.tag == TEI + "pb":
                last = elem.get("n") or last
            elif elem.get("type") == "document":
                start_of[elem] = last
        for doc, div in zip(parsed.documents, _documents(root)):
            inner = [pb.get("n") for pb in div.iter(TEI + "pb") if pb.get("n")]
            opens_page = len(div) and div[0].tag == TEI + "pb" and not (div.text or "").strip()
            start = [] if opens_page or start_of[div] is None else [start_of[div]]
            if start and inner and inner[0].isdigit() and start[0].isdigit() and int(inner[0]) < int(start[0]):
                start = []  # the numbering restarts (the e-volumes print each document from page 1)
            assert doc.pages == tuple(dict.fromkeys(start + inner)), doc.id
    assert volumes["frus1961-63v07-09mSupp"][0].documents[0].pages == ()


def test_no_script_from_the_public_diplomacy_volume(volumes):
    parsed, root = volumes["frus1917-72PubDip"]
    scripts = [
        e
        for e in root.iter()
        if isinstance(e.tag, str) and etree.QName(e).localname in ("script", "object", "param")
    ]
    assert len(scripts) >= 10  # the video players are there to be dropped
    leaks = ["brightcove", "createExperiences", "BrightcoveExperience", "myExperience", "javascript"]
    for doc in parsed.documents:
        text = " ".join([doc.title, doc.body_text(), doc.notes_text(), str(to_dict(doc))]).lower()
        for leak in leaks:
            assert leak.lower() not in text, doc.id


def test_frus1948v01p1_with_its_duplicate_xml_id_ingests(corpus_dir):
    path = corpus_dir / "frus" / "frus1948v01p1.xml"
    with pytest.raises(etree.XMLSyntaxError, match="d173fn4"):
        etree.parse(str(path))  # the default parser refuses it
    parsed = read_path(path)
    assert parsed.volume.id == "frus1948v01p1" and len(parsed.documents) == 271


def test_excerpts_in_tests_data_match_their_volumes(volumes, data_dir):
    """The small files the unit tests use read exactly as in the volume."""
    for path in sorted((data_dir / "tei").glob("*-excerpt.xml")):
        excerpt = read_tei(path)
        parsed, _ = volumes[excerpt.volume.id]
        full = {d.id: d for d in parsed.documents}
        assert excerpt.volume.persons == parsed.volume.persons
        assert excerpt.volume.terms == parsed.volume.terms
        for doc in excerpt.documents:
            a, b = to_dict(doc), to_dict(full[doc.id])
            for key in ("position", "prev_id", "next_id"):
                a.pop(key), b.pop(key)
            assert a == b, doc.id


def test_reader_speed_is_a_small_multiple_of_parsing(corpus_dir):
    """A guard against accidental slowdowns, not the benchmark: the reader
    over four real volumes against lxml's parse of the same files."""
    paths = [corpus_dir / "frus" / f"{n}.xml" for n in ("frus1969-76v12", "frus1936v03", "frus1952-54Guat", "frus1861")]
    parse = read = float("inf")
    for _ in range(2):
        start = time.process_time()
        for p in paths:
            etree.parse(str(p), etree.XMLParser(collect_ids=False))
        parse = min(parse, time.process_time() - start)
        start = time.process_time()
        for p in paths:
            read_tei(p)
        read = min(read, time.process_time() - start)
    assert read < 15 * parse, (read, parse)
