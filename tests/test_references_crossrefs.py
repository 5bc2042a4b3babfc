"""Cross-references: ``ref/@target`` and the editors' words, resolved to ids."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.references import CHECK_COLUMNS, Catalog, check_refs, find_references, resolve_references
from frus.references.citations import scan
from frus.references.measure import compare_with_editors
from frus.references.passages import note_passages

DATA = Path(__file__).resolve().parent / "data" / "references"


@lru_cache(maxsize=None)
def _volume(path: str):
    return enrich_volume(read_path(path))


@pytest.fixture(scope="module")
def volumes(corpus_dir: Path):
    names = ("frus1950-55Intel", "frus1958-60v10p2", "frus1949v07p1", "frus1936v03", "frus1952-54v02p1", "frus1964-68v10", "frus1927v01")
    return {name: _volume(str(corpus_dir / "frus" / f"{name}.xml")) for name in names}


@pytest.fixture(scope="module")
def catalog(volumes):
    return Catalog.from_volumes(volumes.values())


def _refs(volumes, catalog, volume: str, local: str):
    doc = next(d for d in volumes[volume].documents if d.local_id == local)
    return resolve_references(find_references(doc), catalog)


def _text_doc(name: str):
    return _volume(str(DATA / name)).documents[0]


def test_text_copies_point_by_their_words():
    # frus1981-88v11 d52: "2. Printed below as Document 53."  "3. January 29. See Document 51."
    refs = find_references(_text_doc("frus1981-88v11-d52.txt"))
    assert [(r.where, r.kind, r.origin, r.target_doc, r.target_number) for r in refs] == [
        ("d52fn2", "document", "text", "frus1981-88v11/d53", "53"),
        ("d52fn3", "document", "text", "frus1981-88v11/d51", "51"),
    ]
    # frus1964-68v14 d328: "(see Document 326) … (see Document 321)" inside an unprinted-telegram note
    refs = find_references(_text_doc("frus1964-68v14-d328.txt"))
    assert [r.target_doc for r in refs] == ["frus1964-68v14/d326", "frus1964-68v14/d321"]


def test_resolution_depends_on_what_is_known():
    (ref,) = find_references(_text_doc("frus1969-76v15-d164.txt"))  # "2. Document 163."
    assert (ref.kind, ref.scope, ref.target_doc, ref.resolved) == ("document", "internal", "frus1969-76v15/d163", False)
    (known,) = resolve_references([ref], {"frus1969-76v15/d163", "frus1969-76v15/d164"})
    assert known.resolved and known.reason is None
    (missing,) = resolve_references([ref], {"frus1969-76v15/d164"})
    assert (missing.resolved, missing.reason) == (False, "no document 163 in frus1969-76v15")
    (absent,) = resolve_references([ref], lambda _id: False)
    assert (absent.resolved, absent.reason) == (False, "volume not in the store (external)")
    assert absent.target_doc == "frus1969-76v15/d163"  # the target is kept for when the volume arrives


def test_targets_to_other_volumes_stay_external(volumes, catalog):
    refs = _refs(volumes, catalog, "frus1950-55Intel", "d256")
    got = [(r.kind, r.origin, r.target_doc, r.target_footnote, r.target_page, r.resolved) for r in refs]
    assert got == [
        ("document", "ref", "frus1945-50Intel/d385", None, None, False),
        ("footnote", "ref", "frus1945-50Intel/d431", "d431fn2", None, False),
        ("document", "ref", "frus1945-50Intel/d432", None, None, False),
        # no ref element: "See Foreign Relations, 1945–1950, Emergence of the Intelligence Establishment, Document 426."
        ("document", "text", "frus1945-50Intel/d426", None, None, False),
        # "ibid., 1948, vol. I, Part 2, p. 575"
        ("page", "text", None, None, "575", False),
    ]
    assert refs[-1].target_volume == "frus1948v01p2"
    assert {r.scope for r in refs} == {"external"}
    assert {r.reason for r in refs} == {"volume not in the store (external)"}


def test_the_words_correct_a_same_volume_target(volumes, catalog):
    # frus1958-60v10p2 d33 fn2 says "Part 1, Document 6" but is encoded ref target="#d6"
    (ref, _) = _refs(volumes, catalog, "frus1958-60v10p2", "d33")[:2]
    assert (ref.target, ref.target_volume, ref.target_doc, ref.scope) == ("#d6", "frus1958-60v10p1", "frus1958-60v10p1/d6", "external")
    # frus1964-68v10 d19: "See ibid., Document 68." after "Foreign Relations, 1961–1963, vol. VIII, Document 106"
    refs = _refs(volumes, catalog, "frus1964-68v10", "d19")
    assert [r.target_doc for r in refs] == [
        "frus1961-63v08/d106",
        "frus1961-63v08/d105",
        "frus1961-63v08/d68",
        "frus1961-63v08/d128",
    ]
    assert refs[-1].target_footnote == "d128fn3"


def test_internal_documents_footnotes_and_pages_resolve(volumes, catalog):
    refs = _refs(volumes, catalog, "frus1958-60v10p2", "d33")
    footnote = next(r for r in refs if r.kind == "footnote")
    assert (footnote.target, footnote.target_doc, footnote.target_footnote, footnote.resolved) == (
        "#d31fn2", "frus1958-60v10p2/d31", "d31fn2", True,
    )  # fmt: skip
    # frus1949v07p1 d303: "Telegram 531, June 13, p. 424." → the document printed from page 424
    (page,) = [r for r in _refs(volumes, catalog, "frus1949v07p1", "d303") if r.kind == "page"]
    assert (page.target_page, page.target_doc, page.resolved) == ("424", "frus1949v07p1/d298", True)
    # "Supra." is the document printed just before
    (supra,) = _refs(volumes, catalog, "frus1949v07p1", "d261")[-1:]
    assert (supra.text, supra.target_doc, supra.resolved) == ("Supra.", "frus1949v07p1/d260", True)
    # frus1927v01 d340: "Ante, p. 460, par. 5." and "infra."
    refs = _refs(volumes, catalog, "frus1927v01", "d340")
    assert ("page", "460", "frus1927v01/d336") in [(r.kind, r.target_page, r.target_doc) for r in refs]
    assert ("infra.", "frus1927v01/d341") in [(r.text, r.target_doc) for r in refs]


def test_every_same_volume_document_target_resolves(volumes, catalog):
    for name in ("frus1964-68v10", "frus1950-55Intel"):
        refs = [r for d in volumes[name].documents for r in resolve_references(find_references(d), catalog)]
        doc_targets = [r for r in refs if r.origin == "ref" and r.target and r.target.startswith("#d") and r.scope == "internal"]
        assert len(doc_targets) > 100
        assert all(r.resolved for r in doc_targets), [r for r in doc_targets if not r.resolved][:3]


@pytest.mark.parametrize(
    ("text", "volume", "docs", "page"),
    [
        ("See Foreign Relations, 1964–1968, volume XIV, Document 335.", "frus1964-68v14", ("335",), None),
        ("Documents 165 and 166 in Foreign Relations, 1969–1976, volume XV.", "frus1969-76v15", ("165", "166"), None),
        ("Foreign Relations, 1969–1976, Volume E–15, Part 1, Documents on Eastern Europe, 1973–1976, Document 12", "frus1969-76ve15p1", ("12",), None),
        ("Foreign Relations, 1918, supp. 1, vol. i, p. 12.", "frus1918Supp01v01", (), "12"),
        ("Foreign Relations, 1917, Supplement 2, The World War, vol. I, pp. 161–222", "frus1917Supp02v01", (), "161"),
        ("Foreign Relations, 1918, Russia, volume I, pages 121–122", "frus1918Russiav01", (), "121"),
        ("Foreign Relations, The Conference at Quebec, 1944, p. 492", "frus1944Quebec", (), "492"),
        ("See Foreign Relations, 1977–1980, vol. VIII, Arab-Israeli Dispute, January 1977–August 1978, Documents 18–20.", "frus1977-80v08", ("18", "19", "20"), None),
        ("see Part 1, Documents 242 ff.", "frus1958-60v10p1", ("242",), None),
    ],
)
def test_printed_citations_name_volumes(text, volume, docs, page):
    (cit,) = scan(text, "frus1958-60v10p2")
    assert (cit.volume, cit.docs, cit.page) == (volume, docs, page)


@pytest.mark.parametrize(
    "text",
    [
        "(Papers of Woodrow Wilson, vol. 43, p. 459)",
        "(American Foreign Policy: Basic Documents 1977–1980, Document 409)",
        "the Senate Foreign Relations Committee",
        "see Film and Propaganda in America: A Documentary History, vol. 1, World War I, Documents 119–138.",
    ],
)
def test_other_publications_are_not_frus(text):
    assert scan(text, "frus1977-80v01") == []


def test_words_agree_with_the_encoders_targets(volumes):
    # modern and older volumes; frus1952-54v02p1 is left out on purpose: it cites "volume VI" of
    # two-part volumes, where the words cannot say which part the encoder chose
    names = ("frus1950-55Intel", "frus1964-68v10", "frus1936v03", "frus1949v07p1", "frus1927v01")
    agreement = compare_with_editors(d for name in names for d in volumes[name].documents)
    assert agreement.agree > 900
    assert agreement.rate >= 0.98, agreement.examples


def test_check_refs_rows(volumes, catalog):
    refs = _refs(volumes, catalog, "frus1952-54v02p1", "d44")
    rows = check_refs(refs)
    assert CHECK_COLUMNS == (
        "source_doc", "where", "kind", "scope", "text", "target", "target_volume", "target_doc",
        "target_footnote", "target_page", "reason",
    )  # fmt: skip
    assert all(list(row.to_dict()) == list(CHECK_COLUMNS) for row in rows)
    # "pp. 845" in Part 1 of a two-part volume: the page is in Part 2
    (missing,) = [r for r in rows if r.target_page == "845"]
    assert missing.scope == "internal"
    assert missing.reason.startswith("no page 845 in frus1952-54v02p1 (the parts of a volume share one pagination")
    assert len(rows) == sum(not r.resolved for r in refs)
    assert all(not row.reason.startswith("volume not in the store") for row in check_refs(refs, external=False))


def test_reference_ids_are_stable_and_serialise(volumes):
    doc = next(d for d in volumes["frus1950-55Intel"].documents if d.local_id == "d256")
    first, second = find_references(doc), find_references(doc)
    assert [r.id for r in first] == [r.id for r in second]
    assert len({r.id for r in first}) == len(first)
    assert first[0].id == "frus1950-55Intel/d256:d256fn1:501"
    assert set(first[0].to_dict()) >= {"source_doc", "where", "kind", "target_volume", "target_doc", "target_footnote", "target_page", "text", "resolved"}


def test_ref_spans_cover_their_words_after_whitespace_is_squeezed(volumes):
    """Passages squeeze the encoders' line breaks; each ref must still cover exactly its own words."""
    checked = 0
    for doc in volumes["frus1964-68v10"].documents:
        runs = {n.id: [r for r in n.inlines if r.kind == "ref" and r.target] for n in doc.footnotes}
        for passage in note_passages(doc):
            for span, run in zip(passage.refs, runs[passage.where]):
                assert passage.text[span.start:span.end] == " ".join(run.text.split())
                checked += 1
    assert checked > 200
