"""The text-copy reader on real copies from history.state.gov.

Every real copy in ``tests/data/text`` is pinned (id, number, title, notes,
anchors, page markers and where they fall, dateline, speakers); the seed
memo is also compared with its TEI, and the copies rendered from
frus1969-76v12 with the volume they came from.  Hand-typed strings are
only used for edge cases no real copy shows.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import shutil
import warnings
from pathlib import Path

import pytest
from lxml import etree

from frus.errors import IngestError
from frus.ingest import text_patterns
from frus.ingest.text import MAX_BYTES, read_text
from frus.ingest.text_decode import decode_copy
from frus.model import Block, Document, Inline, iter_inlines

TEI = "{http://www.tei-c.org/ns/1.0}"
SEED_TITLE = (
    "Memorandum From the President’s Deputy Assistant for National Security Affairs (Haig) "
    "to the President’s Assistant for National Security Affairs (Kissinger)"
)


@pytest.fixture(scope="module")
def text_dir(data_dir: Path) -> Path:
    return data_dir / "text"


def read(text_dir: Path, name: str) -> Document:
    parsed = read_text(text_dir / name)
    assert len(parsed.documents) == 1
    return parsed.documents[0]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def page_breaks(doc: Document) -> list[tuple[str, str, str]]:
    """(page, the 4 words before, the 4 words after) for every body pb."""
    found = []
    for block in _leaves(doc.body):
        runs = block.inlines
        for k, run in enumerate(runs):
            if run.kind != "pb":
                continue
            before = "".join(r.text for r in runs[:k] if r.kind == "text")
            after = "".join(r.text for r in runs[k + 1 :] if r.kind == "text")
            found.append((run.text, " ".join(before.split()[-4:]), " ".join(after.split()[:4])))
    return found


def note_refs(doc: Document) -> list[tuple[str, str]]:
    """(target, the word before) for every marker in the body."""
    found = []
    for block in _leaves(doc.body):
        text = ""
        for run in block.inlines:
            if run.kind == "noteref":
                found.append((run.target, text.split()[-1] if text.split() else ""))
            elif run.kind == "text":
                text += run.text
    return found


def speakers(doc: Document) -> list[str]:
    return [i.text for i in iter_inlines(doc.body) if i.style == "speaker"]


def _leaves(blocks) -> list[Block]:
    out = []
    for block in blocks:
        out.append(block)
        out.extend(_leaves(block.children))
    return out


# --------------------------------------------------------------------------
# every real copy, pinned
# --------------------------------------------------------------------------

T, F = True, False
REAL = {
    "frus1862-d5.txt": dict(
        id="frus1862/d5", number=None, title="Mr. Seward to Mr. Adams.",
        notes=[("d5fn-1", T, F, "No. 144.]")], pages=(), pbs=[], refs=[],
        dateline="Department of State, Washington, December 13, 1861.",
        place="Department of State, Washington", date="December 13, 1861", kinds=["dateline", "paragraph"],
    ),
    "frus1918Russiav01-d289.txt": dict(
        id="frus1918Russiav01/d289", number=None,
        title="The Secretary of State to the Ambassador in Russia ( Francis)",
        notes=[("d289fn-1", T, F, "File No. 763.72119/987"), ("d289fn1", F, T, "Ante, p. 284.")],
        pages=(), pbs=[], refs=[("d289fn1", "p.m.,")],
    ),
    "frus1939v04-d778.txt": dict(
        id="frus1939v04/d778", number=None,
        title="Memorandum of Conversation, by the Under Secretary of State (Welles)",
        notes=[("d778fn41", F, T, "Not printed.")], pages=("718", "719"),
        pbs=[("719", "that subject. He said", "that this memorandum contained")], refs=[("d778fn41", "memorandum")],
        signed=["S[umner] W[elles]"],
    ),
    "frus1943CairoTehran-d268.txt": dict(
        id="frus1943CairoTehran/d268", number=None, title="Editorial Note", notes=[], pages=(), pbs=[], refs=[],
    ),
    "frus1946v02-d18.txt": dict(
        id="frus1946v02/d18", number=None, title="Memorandum of Conversation, by the Secretary of State",
        notes=[("d18fn-1", T, F, "740.00119 Council/3–646"), ("d18fn47", F, T, "The source text is not signed."),
               ("d18fn48", F, T, None)],
        pages=(), pbs=[], refs=[("d18fn48", "telegram")], classification="Top Secret",
    ),
    "frus1964-68v14-d256.txt": dict(
        id="frus1964-68v14/d256", number="256", title="Memorandum Prepared in the Central Intelligence Agency",
        notes=[("d256fn1", T, T, None)], pages=(), pbs=[], refs=[], subject="Reporting from U.S. Embassy Moscow",
    ),
    "frus1964-68v14-d328.txt": dict(
        id="frus1964-68v14/d328", number="328",
        title="Telegram From the Department of State to the Embassy in the Soviet Union",
        notes=[("d328fn1", T, T, None), ("d328fn2", F, T, None), ("d328fn3", F, T, None)], pages=(), pbs=[],
        refs=[("d328fn2", "Dobrynin."), ("d328fn3", "area.")], signed=["Rusk"],
    ),
    "frus1969-76v01-d39-a.txt": dict(
        id="frus1969-76v01/d39", number="39",
        title="Memorandum From the President’s Assistant for National Security Affairs (Kissinger) to President Nixon",
        notes=[], pages=("110", "111"), pbs=[("111", "nuances, and no opponent", "of ours can have")],
        refs=[], subject="A Strategic Overview",
    ),
    "frus1969-76v01-d39-b.txt": dict(
        id="frus1969-76v01/d39", number="39",
        title="Memorandum From the President’s Assistant for National Security Affairs (Kissinger) to President Nixon",
        notes=[], pages=("110", "111"), pbs=[("111", "nuances, and no opponent", "of ours can have")],
        refs=[], subject="A Strategic Overview",
    ),
    "frus1969-76v02-d168.txt": dict(
        id="frus1969-76v02/d168", number="168",
        title="Memorandum From the President’s Assistant for National Security Affairs (Kissinger) to Secretary of State Rogers",
        notes=[("d168fn1", T, T, None)], pages=(), pbs=[], refs=[], signed=["Henry A. Kissinger"],
    ),
    "frus1969-76v13-d33.txt": dict(
        id="frus1969-76v13/d33", number="33", title=SEED_TITLE,
        notes=[("d33fn1", T, T, None), ("d33fn2", F, T, None), ("d33fn3", F, T, None), ("d33fn4", F, T, None),
               ("d33fn5", F, F, "Secret; Sensitive; Outside System.")],
        pages=("130", "131"), pbs=[("131", "attitude generated by events", "of the past two")],
        refs=[("d33fn2", "case."), ("d33fn3", "flabbergasted."), ("d33fn4", "visit.")],
        subject="Status of the Ivanov Case",
    ),
    "frus1969-76v15-d164.txt": dict(
        id="frus1969-76v15/d164", number="164", title="Letter From Soviet General Secretary Brezhnev to President Nixon",
        notes=[("d164fn1", T, T, None), ("d164fn2", F, T, "Document 163."),
               ("d164fn3", F, F, "Printed from a copy that bears Brezhnev’s typed signature.")],
        pages=(), pbs=[], refs=[("d164fn2", "1974,")],
    ),
    "frus1981-88v11-d52.txt": dict(
        id="frus1981-88v11/d52", number="52",
        title="Memorandum From the President’s Assistant for National Security Affairs (Clark) to President Reagan",
        notes=[("d52fn1", T, T, None), ("d52fn2", F, T, None), ("d52fn3", F, T, None), ("d52fn4", F, T, None)],
        pages=(), pbs=[], refs=[("d52fn2", "A)"), ("d52fn3", "Saturday"), ("d52fn4", "A.")],
        subject="Draft NSDD Reflecting Decisions Reached on START following the January 25th NSC Meeting",
    ),
    # rendered by us from frus1969-76v12.xml (see tests/data/text/README.md)
    "frus1969-76v12-d24.txt": dict(
        id="frus1969-76v12/d24", number="24", title="Memorandum of Conversation",
        notes=[("d24fn1", T, T, None), ("d24fn2", F, T, None), ("d24fn3", F, T, None)],
        pages=("90", "91", "92"), pbs=[("91", "", ""), ("92", "", "")],
        refs=[("d24fn2", "Europe"), ("d24fn3", "plan")], dateline="Washington, March 8, 1969, 10 a.m.",
        place="Washington", date="March 8, 1969", time="10 a.m.", subject="Middle East",
        participants=["Anatoliy F. Dobrynin, Soviet Ambassador", "The Secretary",
                      "Malcolm Toon, Acting Deputy Assistant Secretary"],
    ),
    "frus1969-76v12-d77.txt": dict(
        id="frus1969-76v12/d77", number="77", title="Minutes of Washington Special Actions Group Meeting",
        notes=[("d77fn1", T, T, None), ("d77fn2", F, T, None), ("d77fn3", F, T, None)], pages=("232", "233"),
        pbs=[("233", "", "")], refs=[("d77fn2", "Conclusions"), ("d77fn3", "required.")],
        dateline="San Clemente, September 04, 1969.", place="San Clemente", date="September 04, 1969",
        subject="Contingency Plan in the Event of Sino-Soviet Hostility",
        headings=["Summary of Conclusions"],
    ),
    "frus1969-76v12-d114.txt": dict(
        id="frus1969-76v12/d114", number="114", title="Memorandum for the Record",
        notes=[("d114fn1", T, T, None), ("d114fn2", F, T, "Document 106."), ("d114fn3", F, T, "Document 103.")],
        pages=("346", "347"), pbs=[("347", "", "")], refs=[("d114fn2", "Union,”"), ("d114fn3", "1969,")],
        dateline="Washington, December 30, 1969.", place="Washington", date="December 30, 1969",
        signed=["Frank M. Chapin"],
        subject="Minutes of the Meeting of the 303 Committee, 23 December 1969",
    ),
    "frus1969-76v12-d122.txt": dict(
        id="frus1969-76v12/d122", number="122",
        title="Transcript of Telephone Conversation Between Secretary of State Rogers and the President's "
              "Assistant for National Security Affairs (Kissinger)",
        notes=[(f"d122fn{k}", k == 1, T, None) for k in range(1, 7)], pages=("365", "366"),
        pbs=[("366", "a call from Dobrynin", "1½ hours ago who")],
        refs=[("d122fn2", "Kosygin."), ("d122fn3", "David."), ("d122fn4", "states."), ("d122fn5", "Monday."),
              ("d122fn6", "now.")],
        dateline="Washington, January 31, 1970, 09:20 p.m.", place="Washington", date="January 31, 1970",
        time="09:20 p.m.",
        speakers=["K:", "R:", "K:", "R:", "K:", "R:", "K:", "R:"],
    ),
    "frus1969-76v12-d6.txt": dict(
        id="frus1969-76v12/d6", number="6", title="National Security Study Memorandum 10",
        notes=[("d6fn1", T, T, None), ("d6fn2", F, T, None)], pages=("16", "17"), pbs=[("17", "", "")],
        refs=[("d6fn2", "1969.")], subject="East-West Relations", signed=["Henry A. Kissinger"],
        dateline="Washington, January 27, 1969.", place="Washington", date="January 27, 1969",
    ),
    "frus1969-76v12-d64.txt": dict(
        id="frus1969-76v12/d64", number="64", title="National Security Study Memorandum 63",
        notes=[("d64fn1", T, T, None), ("d64fn2", F, T, None), ("d64fn3", F, T, None)], pages=("196",),
        pbs=[("196", "", "")], refs=[("d64fn2", "China."), ("d64fn3", "15.")], signed=["Henry A. Kissinger"],
        dateline="Washington, July 3, 1969.", place="Washington", date="July 3, 1969",
        subject="U.S. Policy on Current Sino-Soviet Differences", kinds=["pagebreak", "dateline", "list", "list"],
    ),
    "frus1902app1-d6-excerpt.txt": dict(
        id="frus1902app1/d6", number=None, title="No. 5526.—United States of America.", notes=[],
        pages=("40", "41"), pbs=[("41", "", "")], refs=[], speakers=["Q."] * 12,
    ),
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_copy(text_dir, name):
    want = REAL[name]
    doc = read(text_dir, name)
    assert doc.id == want["id"]
    assert (doc.volume_id, doc.local_id) == tuple(want["id"].split("/"))
    assert doc.origin == "text"
    assert doc.number == want["number"]
    assert doc.title == want["title"]
    assert [n.id for n in doc.footnotes] == [n[0] for n in want["notes"]]
    assert [n.is_source for n in doc.footnotes] == [n[1] for n in want["notes"]]
    assert [n.kind == "source" for n in doc.footnotes] == [n[1] for n in want["notes"]]
    assert [n.anchored for n in doc.footnotes] == [n[2] for n in want["notes"]]
    for note, (_, _, _, text) in zip(doc.footnotes, want["notes"]):
        assert "↩" not in note.text and note.text == note.text.strip()
        if text is not None:
            assert note.text == text
    assert doc.pages == want["pages"]
    assert page_breaks(doc) == want["pbs"]
    assert note_refs(doc) == want["refs"]
    assert doc.dateline == want.get("dateline")
    assert doc.place == want.get("place")
    assert doc.date.text == want.get("date", doc.date.text)
    assert doc.date.time == want.get("time")
    assert (doc.date.min, doc.date.max, doc.date.precision) == (None, None, "unknown")
    assert doc.subject == want.get("subject")
    assert doc.classification.level == want.get("classification")
    assert speakers(doc) == want.get("speakers", [])
    assert all(f"{label} " in doc.body_text() for label in speakers(doc))
    signed = [b.text() for b in _leaves(doc.body) if b.kind == "signed"]
    assert signed == want.get("signed", [])
    headings = [b.text() for b in doc.body if b.kind == "heading"]
    assert headings == want.get("headings", headings)
    if "participants" in want:
        lists = [b for b in doc.body if b.rend == "participants"]
        assert [c.text() for c in lists[0].children if c.kind == "item"] == want["participants"]
    if "kinds" in want:
        assert [b.kind for b in doc.body][: len(want["kinds"])] == want["kinds"]
    # every marker points at a note that exists and says so
    targets = {i.target for i in iter_inlines(doc.body) if i.kind == "noteref"}
    assert targets <= {n.id for n in doc.footnotes if n.anchored}


def test_every_real_copy_is_pinned(text_dir):
    with open(text_dir / "INDEX.tsv", encoding="utf-8") as fh:
        listed = {row["file"] for row in csv.DictReader(fh, delimiter="\t")}
    assert listed <= set(REAL)


# --------------------------------------------------------------------------
# the seed memo
# --------------------------------------------------------------------------


def test_seed_memo_exactly(text_dir):
    doc = read(text_dir, "frus1969-76v13-d33.txt")
    assert doc.number == "33"
    assert doc.title == SEED_TITLE
    assert len(doc.footnotes) == 5
    first = doc.footnotes[0]
    assert first.is_source and first.kind == "source" and doc.source_note is first
    assert first.text.startswith("Source: National Archives, Nixon Presidential Materials, NSC Files, Box 490,")
    assert [n.anchored for n in doc.footnotes].count(True) == 4
    assert [n.text for n in doc.footnotes if not n.anchored] == ["Secret; Sensitive; Outside System."]

    subject = doc.body[0]
    assert (subject.kind, subject.rend) == ("list", "subject")
    assert [c.text() for c in subject.children] == ["SUBJECT", "Status of the Ivanov Case"]
    assert [c.kind for c in subject.children] == ["label", "item"]

    kinds = [(b.kind, b.text()[:14]) for b in doc.body]
    assert ("heading", "Recommendation") in kinds
    after = kinds[kinds.index(("heading", "Recommendation")) + 1]
    assert after == ("paragraph", "That we do not")

    concern = next(b for b in doc.body if b.text().startswith("My concern"))
    runs = concern.inlines
    pb = next(k for k, r in enumerate(runs) if r.kind == "pb")
    assert runs[pb].text == "131"
    assert runs[pb - 1].kind == "text" and runs[pb - 1].text.rstrip().endswith("an attitude generated by events")
    assert runs[pb + 1].kind == "text" and runs[pb + 1].text.startswith("of the past two weeks")
    assert "events of the past two weeks" in concern.text()
    assert runs[-1] == Inline("noteref", "3", target="d33fn3")


def test_seed_memo_glued_page_marker_gives_the_same_document(text_dir):
    plain = read(text_dir, "frus1969-76v13-d33.txt")
    glued = read(text_dir, "frus1969-76v13-d33-glued-page.txt")
    assert "events[Page 131]of" in (text_dir / "frus1969-76v13-d33-glued-page.txt").read_text("utf-8")
    assert glued == plain


def _tei_note_free_text(elem) -> str:
    copy = etree.fromstring(etree.tostring(elem))
    for note in list(copy.iter(TEI + "note")):
        parent, tail = note.getparent(), note.tail or ""
        prev = note.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(note)
    return squeeze("".join(copy.itertext()))


def _tei_document(path: Path, xml_id: str):
    parser = etree.XMLParser(collect_ids=False, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    div = root.xpath("//*[@xml:id=$id]", id=xml_id)[0]
    head = _tei_note_free_text(div.find(TEI + "head"))
    number = div.get("n")
    title = head[len(number) + 2 :] if head.startswith(f"{number}. ") else head
    notes = [(n.get(f"{{http://www.w3.org/XML/1998/namespace}}id"), squeeze("".join(n.itertext())))
             for n in div.iter(TEI + "note")]
    paragraphs = [_tei_note_free_text(p) for p in div.findall(TEI + "p")]
    dateline = div.find(f".//{TEI}dateline")
    return dict(div=div, title=title, number=number, notes=notes, paragraphs=paragraphs,
                dateline=squeeze("".join(dateline.itertext())) if dateline is not None else None)


def test_seed_memo_matches_its_tei(text_dir, corpus_dir):
    tei = _tei_document(corpus_dir / "aux/document-fixtures/frus1969-76v13-d33.xml", "d33")
    doc = read(text_dir, "frus1969-76v13-d33.txt")
    assert doc.title == tei["title"]
    assert doc.number == tei["number"]
    assert [n.id for n in doc.footnotes] == [i for i, _ in tei["notes"]]
    assert [squeeze(n.text) for n in doc.footnotes] == [t for _, t in tei["notes"]]
    copied = [squeeze(b.text()) for b in doc.body if b.kind in ("paragraph", "heading")]
    assert copied == tei["paragraphs"]
    assert doc.subject == "Status of the Ivanov Case"


def test_seed_memo_matches_the_tei_reader(text_dir, corpus_dir):
    tei_reader = pytest.importorskip("frus.ingest.tei")
    tei = tei_reader.read_tei(corpus_dir / "aux/document-fixtures/frus1969-76v13-d33.xml").documents[0]
    doc = read(text_dir, "frus1969-76v13-d33.txt")
    assert (doc.id, doc.number, doc.title) == (tei.id, tei.number, tei.title)
    assert [(n.id, n.n, n.is_source, squeeze(n.text)) for n in doc.footnotes] == [
        (n.id, n.n, n.is_source, squeeze(n.text)) for n in tei.footnotes
    ]
    own = [b for b in tei.body if b.kind != "attachment" and b.kind != "opener"]
    assert [squeeze(b.text()) for b in doc.body] == [squeeze(b.text()) for b in own]


# --------------------------------------------------------------------------
# the shared corpus: every copy there, and the rendered copies vs their TEI
# --------------------------------------------------------------------------


def test_every_copy_in_the_corpus(corpus_dir):
    with open(corpus_dir / "text" / "INDEX.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert rows
    for row in rows:
        doc = read_text(corpus_dir / "text" / row["file"]).documents[0]
        volume, local = row["url"].rstrip("/").split("/")[-2:]
        assert doc.id == f"{volume}/{local}", row["file"]
        assert doc.title == row["title"], row["file"]
        if row["truncated"] == "yes":
            assert doc.footnotes == ()
        else:
            assert doc.footnotes == () or doc.footnotes[-1].id.startswith(f"{local}fn")


RENDERED = ["d24", "d77", "d114", "d122", "d6", "d64"]


@pytest.fixture(scope="module")
def v12(corpus_dir) -> Path:
    return corpus_dir / "frus" / "frus1969-76v12.xml"


@pytest.mark.parametrize("local", RENDERED)
def test_rendered_copy_matches_the_volume(text_dir, v12, local):
    tei = _tei_document(v12, local)
    doc = read(text_dir, f"frus1969-76v12-{local}.txt")
    assert doc.title == tei["title"]
    assert doc.number == tei["number"]
    assert [(n.id, squeeze(n.text)) for n in doc.footnotes] == tei["notes"]
    assert doc.dateline == tei["dateline"]
    copied = [squeeze(b.text()) for b in doc.body if b.kind in ("paragraph", "heading")]
    assert copied == tei["paragraphs"]
    first = tei["div"].xpath("preceding::tei:pb[1]/@n", namespaces={"tei": TEI[1:-1]})
    inner = [pb.get("n") for pb in tei["div"].iter(TEI + "pb")]
    starts_with_break = tei["div"][0].tag == TEI + "pb"
    assert doc.pages == tuple(inner if starts_with_break else first + inner)


def test_rendered_copies_match_the_tei_reader(text_dir, v12):
    tei_reader = pytest.importorskip("frus.ingest.tei")
    volume = {d.local_id: d for d in tei_reader.read_tei(v12).documents}
    for local in RENDERED:
        doc, tei = read(text_dir, f"frus1969-76v12-{local}.txt"), volume[local]
        assert (doc.id, doc.number, doc.title, doc.dateline, doc.place) == (
            tei.id, tei.number, tei.title, tei.dateline, tei.place), local
        assert [(n.id, n.n, n.is_source, n.anchored, squeeze(n.text)) for n in doc.footnotes] == [
            (n.id, n.n, n.is_source, n.anchored, squeeze(n.text)) for n in tei.footnotes], local
        assert squeeze(doc.body_text()) == squeeze(tei.body_text()), local
        assert doc.pages == tei.pages, local


@pytest.mark.parametrize("volume", ["frus1969-76v12", "frus1864p3", "frus1936v03"])
def test_head_rule_accepts_real_heads(corpus_dir, volume):
    """The 'looks like a FRUS head' rule, measured on every head of a volume."""
    parser = etree.XMLParser(collect_ids=False, huge_tree=True)
    root = etree.parse(str(corpus_dir / "frus" / f"{volume}.xml"), parser).getroot()
    heads = []
    for div in root.iter(TEI + "div"):
        if div.get("type") == "document" and div.find(TEI + "head") is not None:
            head = _tei_note_free_text(div.find(TEI + "head"))
            m = text_patterns.NUMBERED_TITLE.match(head)
            if head:
                heads.append(m.group(2) if m else head)
    shaped = [h for h in heads if text_patterns.HEAD_WORDS.search(h) or text_patterns.SENDER_TO_RECIPIENT.search(h)]
    assert len(heads) > 200
    assert len(shaped) / len(heads) >= 0.99


# --------------------------------------------------------------------------
# encodings and line ends
# --------------------------------------------------------------------------


@pytest.mark.parametrize("variant, original, encoding", [
    ("frus1981-88v11-d52-cp1252.txt", "frus1981-88v11-d52.txt", "cp1252"),
    ("frus1964-68v14-d328-utf16.txt", "frus1964-68v14-d328.txt", "utf-16"),
    ("frus1969-76v13-d33-crlf-bom.txt", "frus1969-76v13-d33.txt", "utf-8-sig"),
])
def test_encoded_variants_give_the_same_document(text_dir, variant, original, encoding):
    assert decode_copy((text_dir / variant).read_bytes(), variant).encoding == encoding
    assert read(text_dir, variant) == read(text_dir, original)


def _fits_windows_1252(name: str) -> bool:
    try:
        (Path(__file__).parent / "data" / "text" / name).read_text("utf-8").encode("cp1252")
    except UnicodeEncodeError:  # "↩" has no Windows-1252 byte
        return False
    return True


CP1252_COPIES = [n for n in sorted(REAL) if _fits_windows_1252(n)]


def test_most_copies_fit_windows_1252():
    assert len(CP1252_COPIES) >= 14


@pytest.mark.parametrize("name", CP1252_COPIES)
def test_every_copy_survives_windows_1252_and_crlf(text_dir, tmp_path, name):
    data = (text_dir / name).read_text("utf-8").replace("\n", "\r\n").encode("cp1252")
    (tmp_path / name).write_bytes(data)
    assert decode_copy(data, name).encoding == ("utf-8" if data.isascii() else "cp1252")
    assert read(tmp_path, name) == read(text_dir, name)


# --------------------------------------------------------------------------
# ids
# --------------------------------------------------------------------------


def test_doc_id_names_a_copy_without_a_frus_file_name(text_dir, tmp_path):
    shutil.copy(text_dir / "frus1969-76v13-d33.txt", tmp_path / "memo.txt")
    doc = read_text(tmp_path / "memo.txt", doc_id="frus1969-76v13/d33").documents[0]
    assert doc == read(text_dir, "frus1969-76v13-d33.txt")


def test_file_name_wins_over_doc_id(text_dir):
    doc = read_text(text_dir / "frus1969-76v13-d33.txt", doc_id="other/d1").documents[0]
    assert doc.id == "frus1969-76v13/d33"


def test_hashed_id_is_stable_across_encodings(text_dir, tmp_path):
    text = (text_dir / "frus1981-88v11-d52.txt").read_text("utf-8")
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    a, b = read_text(tmp_path / "a.txt"), read_text(tmp_path / "b.txt")
    digest = hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:12]
    assert a.documents[0].id == b.documents[0].id == f"text-{digest}/d1"
    assert a.volume.id == a.volume.title == f"text-{digest}"
    assert a.volume.document_count == 1
    assert [n.id for n in a.documents[0].footnotes] == ["d1fn1", "d1fn2", "d1fn3", "d1fn4"]


def test_malformed_doc_id_is_refused(text_dir, tmp_path):
    shutil.copy(text_dir / "frus1969-76v13-d33.txt", tmp_path / "memo.txt")
    with pytest.raises(IngestError, match="volume/dN"):
        read_text(tmp_path / "memo.txt", doc_id="d33")


# --------------------------------------------------------------------------
# markers that are not markers, and titles that end in numbers
# --------------------------------------------------------------------------


def test_digits_that_are_not_markers(text_dir):
    doc = read(text_dir, "odd-markers.txt")
    assert doc.id.startswith("text-") and doc.local_id == "d1"
    assert doc.title == "Memorandum From the Director of Central Intelligence (Helms) to President Nixon"
    assert note_refs(doc) == [("d1fn2", "study."), ("d1fn3", "B)"), ("d1fn4", "1971,")]
    assert [n.anchored for n in doc.footnotes] == [True, True, True, True, False]  # not "4.5"
    body = doc.body_text()
    for kept in ("SS11", "B52", "F16", "NSC 68", "Vol. 3", "Box 490", "6440", "1,000", "3.5", "763.72119", "G7",
                 "4.5 percent"):
        assert kept in body
    assert doc.subject == "Soviet Deployment of SS-9 and SS11 Missiles"
    assert doc.pages == ("56", "57", "58")  # 58 is inside note 3
    assert doc.footnotes[2].text == "Attached but not printed; see the annex."
    assert [i.text for i in doc.footnotes[2].inlines if i.kind == "pb"] == ["58"]


def test_marker_glued_to_a_printed_number_in_the_title(text_dir):
    doc = read(text_dir, "nssm-split-marker.txt")
    assert doc.title == "National Security Study Memorandum 9"
    assert [n.anchored for n in doc.footnotes] == [True, True]


def write(tmp_path: Path, text: str, name: str = "copy.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_number_after_a_numbering_word_stays_without_notes(tmp_path):
    path = write(tmp_path, "5. National Security Decision Memorandum 1\n\nThe President has decided.\n")
    assert read_text(path).documents[0].title == "National Security Decision Memorandum 1"


def test_title_number_kept_when_its_note_is_anchored_in_the_body(tmp_path):
    path = write(tmp_path, "4. National Security Study Memorandum 91\n\nA study of the case.1\n\n  1. Not printed.\n")
    doc = read_text(path).documents[0]
    assert doc.title == "National Security Study Memorandum 91"
    assert note_refs(doc) == [("d1fn1", "case.")]


def test_page_break_inside_a_hyphenated_word(tmp_path):
    path = write(tmp_path, "8. Telegram From the Embassy in Paris to the Department of State1\n\n"
                           "The docu-[Page 12]ment was sent.\n\n  1. Source: typed.\n")
    doc = read_text(path).documents[0]
    assert [(r.kind, r.text) for r in doc.body[0].inlines] == [("text", "The docu-"), ("pb", "12"),
                                                              ("text", "ment was sent.")]
    assert doc.pages == ("11", "12")


def test_note_continuation_lines_and_notes_heading(tmp_path):
    path = write(tmp_path, "7. Telegram From the Embassy in the Soviet Union to the Department of State1\n\n"
                           "Moscow, March 3, 1969, 1630Z.\n\nText of the telegram.2\n\nFootnotes\n"
                           "  1. Source: typed.\n     Second line of note one.\n  2. Not printed.\n")
    doc = read_text(path).documents[0]
    assert [n.text for n in doc.footnotes] == ["Source: typed. Second line of note one.", "Not printed."]
    assert doc.body_text().endswith("Text of the telegram.")
    assert (doc.place, doc.date.text, doc.date.time) == ("Moscow", "March 3, 1969", "1630Z")


def test_unbulleted_participants_and_inline_subject(tmp_path):
    path = write(tmp_path, "9. Memorandum of Conversation1\n\nSubject: Berlin\n\nPARTICIPANTS\n"
                           "The President\nAmbassador Dobrynin\n\nThe President opened.\n\n  1. Source: typed.\n")
    doc = read_text(path).documents[0]
    subject, participants = doc.body[0], doc.body[1]
    assert (subject.rend, doc.subject) == ("subject", "Berlin")
    assert participants.rend == "participants"
    assert [c.text() for c in participants.children] == ["PARTICIPANTS", "The President", "Ambassador Dobrynin"]
    assert doc.body[2].text() == "The President opened."


def test_enumerations_and_salutations_are_not_speakers(tmp_path):
    path = write(tmp_path, "3. Letter From Ambassador Bohlen to Secretary Dulles1\n\nSir: I have the honor.\n\n"
                           "A. The first point.\n\nB. The second point.\n\nA. A third, renumbered.\n\n"
                           "Note: nothing more.\n\n  1. Source: typed.\n")
    assert speakers(read_text(path).documents[0]) == []


def test_iso_dateline_fills_the_range(tmp_path):
    path = write(tmp_path, "2. Telegram From the Embassy in Rome to the Department of State1\n\n"
                           "Rome, 1970-10-28.\n\nText.\n\n  1. Source: typed.\n")
    date = read_text(path).documents[0].date
    assert (date.min, date.max, date.precision, date.basis) == ("1970-10-28", "1970-10-28", "day", "dateline")


# --------------------------------------------------------------------------
# bad input: one line, with the place
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name, reason, line", [
    ("empty.txt", "empty file", None),
    ("blank-lines.txt", "empty file", None),
    ("binary-png.txt", "binary file", 3),
    ("control-chars.txt", "binary file", 2),
    ("undecodable.txt", "neither UTF-8 nor Windows-1252", 3),
    ("not-frus-notes.txt", "not a FRUS document", 1),
    ("frus1969-76v13-d99.txt", "not a FRUS document", 1),
    ("markup.txt", "markup", 1),
])
def test_bad_input(text_dir, name, reason, line):
    with pytest.raises(IngestError) as caught:
        read_text(text_dir / name)
    err = caught.value
    assert reason in err.reason and err.line == line
    assert err.path == str(text_dir / name)
    assert "\n" not in str(err) and str(err).startswith(str(text_dir / name))


def test_missing_file_and_folder(tmp_path):
    for path in (tmp_path / "absent.txt", tmp_path):
        with pytest.raises(IngestError, match="cannot read file"):
            read_text(path)


def test_only_file_number_lines(tmp_path):
    with pytest.raises(IngestError, match="no title line"):
        read_text(write(tmp_path, "File No. 763.72119/987\n"))


def test_long_first_line_is_not_a_head(tmp_path):
    with pytest.raises(IngestError, match="too long"):
        read_text(write(tmp_path, "Memorandum " + "word " * 130 + "\n\n  1. Source: typed.\n"))


def test_numbered_head_matching_the_file_name_is_enough(tmp_path):
    path = write(tmp_path, "17. Buy Milk\n\nText.\n", name="frus1969-76v12-d17.txt")
    assert read_text(path).documents[0].title == "Buy Milk"
    with pytest.raises(IngestError, match="not a FRUS document"):
        read_text(write(tmp_path, "18. Buy milk\n\nText.\n", name="frus1969-76v12-d17-b.txt"))


def test_indented_signature_before_the_notes_and_a_short_marked_line(tmp_path):
    path = write(tmp_path, "8. Telegram From the Embassy in Paris to the Department of State1\n\n"
                           "Text.2\n\n      Bohlen\n  1. Source: typed.\n  2. Not printed.\n")
    doc = read_text(path).documents[0]
    assert [b.kind for b in doc.body] == ["paragraph", "closer"]
    assert doc.body[1].children[0].text() == "Bohlen"
    assert note_refs(doc) == [("d1fn2", "Text.")]


def test_the_codec_is_logged_not_warned(text_dir, caplog):
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.DEBUG, "frus.ingest.text"):
        warnings.simplefilter("always")
        read_text(text_dir / "frus1981-88v11-d52-cp1252.txt")
    assert caught == []
    assert any("decoded as cp1252" in r.getMessage() for r in caplog.records)


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: costs no disk
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(IngestError, match="too large"):
        read_text(path)


# --------------------------------------------------------------------------
# the round trip's loss classes (docs/extraction.md), each on a real document
# rendered from its TEI volume the way history.state.gov shows it
# --------------------------------------------------------------------------

_TRIP_CASES = [
    # source note marked "0": "…Germany0", the list shown from "1."
    ("frus1958-60v08", "d6", "numbered"),
    ("frus1958-60v08", "d6", "dash"),
    # provenance above the head: "[Extract.]", a two-line dateline
    ("frus1861", "d156", "dash"),
    # the same with the numbered layout's blank line inside the two-line dateline
    ("frus1861", "d156", "numbered"),
    # four provenance lines above the head
    ("frus1872p2v5", "d125", "dash"),
    # a bare label above an "A to B" head, no dateline
    ("frus1864p3", "d574", "dash"),
    # "[Translation.]" and "No. 2." above the head
    ("frus1864p3", "d763", "dash"),
    # a file number above the head, "[Washington,] June 1, 1927."
    ("frus1927v01", "d43", "dash"),
    # a file number above a head that ends in its own date and time
    ("frus1948v01p1", "d182", "dash"),
    # a citation above the head, a bracketed dateline
    ("frus1948v01p2", "d99", "dash"),
    # "Commissioner of the United States to China," above "Peking, China, February 28, 1901."
    ("frus1901China", "d76", "dash"),
    # "[Undated—circa December 15, 1917.]"
    ("frus1919Parisv01", "d31", "dash"),
    # a recipient in lower case: "Mr. Seward to ministers of the United States in Europe"
    ("frus1861", "d3", "dash"),
    # an enclosure headed only "A."
    ("frus1861", "d140-1", "dash"),
    # source and summary markers both glued to the head ("…, 1975.12")
    ("frus1969-76ve15p1", "d33", "dash"),
]


@pytest.fixture(scope="module")
def tei_volumes(corpus_dir):
    from frus.extract import enrich_volume
    from frus.ingest import read_path

    cache: dict[str, dict[str, Document]] = {}

    def get(volume: str) -> dict[str, Document]:
        if volume not in cache:
            parsed = enrich_volume(read_path(corpus_dir / "frus" / f"{volume}.xml"))
            cache[volume] = {d.local_id: d for d in parsed.documents}
        return cache[volume]
    return get


@pytest.mark.parametrize("volume, local, style", _TRIP_CASES)
def test_round_trip_loss_classes(tei_volumes, volume, local, style):
    from frus.export.roundtrip import round_trip

    doc = tei_volumes(volume)[local]
    trip = round_trip(doc, style)
    assert trip.error is None
    assert trip.differences == {}, trip.differences


def test_zero_marker_gives_the_source_note_number_0(tei_volumes):
    from frus.export.roundtrip import read_back

    back = read_back(tei_volumes("frus1958-60v08")["d6"], "dash")
    assert back.title == "Airgram From the Department of State to the Embassy in Germany"
    assert back.footnotes[0].id == "d6fn0" and back.footnotes[0].anchored


def test_provenance_above_the_head_is_an_unanchored_source_line(tei_volumes):
    from frus.export.roundtrip import read_back

    back = read_back(tei_volumes("frus1861")["d156"], "dash")
    assert back.title == "Mr. Seward to Mr. Dayton."
    # the despatch number printed below the head joins the same unanchored line
    assert [(n.id, n.text, n.anchored) for n in back.footnotes] == [("d156fn-1", "[Extract.] No. 30.]", False)]
    assert back.place == "Department of State, Washington"


def test_a_year_ending_a_head_is_not_a_zero_marker(tmp_path):
    path = write(tmp_path, "Extract From Bulletin No. 151, May 17, 1940\n\nText.1\n\n  1. Source: typed.\n")
    assert read_text(path).documents[0].title == "Extract From Bulletin No. 151, May 17, 1940"


def test_a_long_first_line_is_no_provenance(tmp_path):
    """Provenance is short: a paragraph above a head-shaped line stays the head."""
    first = "Memorandum on the " + "affairs of the legation " * 8
    path = write(tmp_path, f"{first}\n\nThe report follows.\n\nText.\n", name="frus1861-d9.txt")
    assert read_text(path).documents[0].title == first.strip()


@pytest.mark.parametrize("volume, local, dateline", [
    ("frus1861", "d219", "Legation of the United States, St. Petersburg, May 22, (June 3,) 1861."),
])
def test_dual_dated_dateline_is_read(tei_volumes, volume, local, dateline):
    from frus.export.roundtrip import read_back

    assert read_back(tei_volumes(volume)[local], "dash").dateline == dateline


def test_microfiche_head_over_300_characters_is_accepted(tei_volumes):
    from frus.export.roundtrip import round_trip

    doc = tei_volumes("frus1961-63v07-09mSupp")["d146"]
    assert len(doc.title) > 500
    trip = round_trip(doc, "numbered")
    assert trip.error is None and "title" not in trip.differences


def test_received_note_on_the_dateline_line(tmp_path):
    # the dateline of frus1894Nicaragua d45, on one line
    path = write(tmp_path, "No. 45. Mr. Baker to Mr. Gresham.\n\n"
                           "Bluefields, May 11, 1894. (Received May 21, 1894.)\n\nSir: Text.\n",
                 name="frus1894Nicaragua-d45.txt")
    doc = read_text(path).documents[0]
    assert (doc.place, doc.date.text) == ("Bluefields", "May 11, 1894")
