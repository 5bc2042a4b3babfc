"""Source notes → SourceCitation, and classification (frus.extract.source_note, .classification)."""

from __future__ import annotations

import json

import pytest

from frus.extract._text import sentences
from frus.extract.classification import from_note, from_smallcaps, parse_sentence
from frus.extract.source_note import parse_citation
from frus.model import Classification

SEED = (
    "Source: National Archives, Nixon Presidential Materials, NSC Files, Box 490, President’s Trip Files, "
    "Dobrynin/Kissinger, 1970, Vol. 3. Secret; Sensitive. According to another copy, Haig drafted the "
    "memorandum. (Ibid.)"
)


@pytest.fixture(scope="module")
def note_samples(data_dir):
    return json.loads((data_dir / "extract" / "samples.json").read_text(encoding="utf-8"))["source_notes"]


def test_seed_memo_source_note():
    c = parse_citation(SEED)
    assert c.text == SEED
    assert c.repository == "National Archives"
    assert c.collection == "Nixon Presidential Materials"
    assert c.series == "NSC Files"
    assert c.box == "490"
    assert c.folder == "President’s Trip Files, Dobrynin/Kissinger, 1970, Vol. 3"
    assert c.drafted_by == "Haig"
    assert from_note(sentences(SEED)) == Classification("Secret", ("Sensitive",))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Source: National Archives, RG 59, Central Files 1967–69, POL 15–2 GER W. Secret; Nodis. Drafted by "
            "Eliot on June 12. Cleared by Rockwell and Saunders and approved by Battle. Repeated to London, Jidda.",
            dict(repository="National Archives", record_group="RG 59", series="Central Files 1967–69", file="POL 15–2 GER W",
                 drafted_by="Eliot", cleared_by="Rockwell and Saunders", approved_by="Battle", repeated_to="London, Jidda"),
        ),
        (
            "Source: Department of State, Central Files, 793.5/2–1855. Top Secret; Priority. Drafted in CA and approved by Robertson.",
            dict(repository="Department of State", series="Central Files", file="793.5/2–1855", drafted_by="CA", approved_by="Robertson"),
        ),
        (
            "Source: Department of State, EA Files: Lot 66 D 225, Relations with the Joint Chiefs of Staff. Top Secret.",
            # no box, so no folder (tests/gold/README.md): the rest of the citation is the series
            dict(repository="Department of State", series="EA Files, Relations with the Joint Chiefs of Staff", lot="Lot 66 D 225"),
        ),
        (
            "Source: Central Intelligence Agency, DDO/IMS Files: Job 78–06423A, Box 3, Folder 6, US Govt-State Dept. Confidential.",
            dict(repository="Central Intelligence Agency", series="DDO/IMS Files", lot="Job 78–06423A", box="3",
                 folder="Folder 6, US Govt-State Dept"),
        ),
        (
            "Source: National Archives and Records Administration, RG 59, Central Files 1964–66, DEF 12. Secret. Sent for information.",
            dict(repository="National Archives", record_group="RG 59", series="Central Files 1964–66", file="DEF 12", sent="for information"),
        ),
        (
            "Source: Johnson Library, National Security File, Country File, Iran, Memos & Miscellaneous, Vol. II, 1/66–1/69. Secret.",
            dict(repository="Johnson Library", series="National Security File, Country File, Iran, Memos & Miscellaneous, Vol. II, 1/66–1/69"),
        ),
        (
            "Source: Washington Nationals Records Center, OSD/OASD/ISA Files, FRC 330 70 A 1266, 092 Ryukyus. Secret.",
            dict(repository="Washington National Records Center", series="OSD/OASD/ISA Files, 092 Ryukyus", lot="FRC 330 70 A 1266"),
        ),
        (
            "Source: Department of State Bulletin, November 5, 1956, pp. 697–698. The President had reviewed the speech.",
            # a publication is no repository: it is where the text was printed
            dict(collection="Department of State Bulletin"),
        ),
        (
            "Source: The Richard Nixon Library, Nixon Papers. Unclassified; Off-the-Record.",
            dict(repository="Nixon Library", collection="Nixon Papers"),
        ),
    ],
)
def test_real_source_notes(text, expected):
    c = parse_citation(text)
    got = {k: getattr(c, k) for k in c.__slots__ if k != "text" and getattr(c, k)}
    assert got == expected


@pytest.mark.parametrize(
    "inline, file, repository",
    [
        # a file number names no repository: none is guessed (tests/gold/README.md)
        ("851G.00/1–1449: Telegram", "851G.00/1–1449", None),
        ("File No. 861.00/2776 | [Telegram—Extract]", "861.00/2776", None),
        ("501.BC Indonesia/6–1949: Telegram", "501.BC Indonesia/6–1949", None),
        ("No. 144.]", None, None),
        ("[Translation.]", None, None),
    ],
)
def test_older_inline_notes(inline, file, repository):
    c = parse_citation("", extra=inline)
    assert (c.file, c.repository) == (file, repository)


def test_older_inline_archive_citation():
    c = parse_citation("", extra="Truman Library, Truman papers, PSF–Subject file")
    assert (c.repository, c.collection, c.series) == ("Truman Library", "Truman papers", "PSF–Subject file")


@pytest.mark.parametrize(
    "sentence, level, caveats",
    [
        ("Secret; Sensitive; Outside System.", "Secret", ("Sensitive", "Outside System")),
        ("Top Secret; Niact; Limit Distribution.", "Top Secret", ("Niact", "Limit Distribution")),
        ("Confidential; Stadis; Exdis; Eyes Only.", "Confidential", ("Stadis", "Exdis", "Eyes Only")),
        ("Secret; Operational Immediate; RYBAT; PBSUCCESS.", "Secret", ("Operational Immediate", "RYBAT", "PBSUCCESS")),
        ("No classification marking.", "No classification marking", ()),
        ("Limited Official Use; Official-Informal.", "Limited Official Use", ("Official-Informal",)),
        ("Top Secret/Sensitive.", "Top Secret", ("Sensitive",)),
        ("Secret; Outside the System.", "Secret", ("Outside System",)),
        ("Confidential Drafted by Beam and Stevens.", "Confidential", ()),
        # the editors' placeholder for a withheld marking is no caveat
        ("Top Secret; Ruff; [codeword not declassified].", "Top Secret", ("Ruff",)),
        ("Secret; No Foreign Dissem.", "Secret", ("No Foreign Dissem",)),
        ("Eyes Only.", None, ("Eyes Only",)),
    ],
)
def test_classification_sentences(sentence, level, caveats):
    assert parse_sentence(sentence) == Classification(level, caveats)


@pytest.mark.parametrize(
    "sentence",
    [
        "The letter has no classification markings.",
        "Secretary Rogers addressed the National Foreign Policy Conference.",
        "Confidential adviser and special assistant to the American Embassy in France.",
        "Not printed.",
    ],
)
def test_prose_is_not_a_classification(sentence):
    assert parse_sentence(sentence) is None


def test_marking_after_an_initial_or_a_comma():
    note = "Source: Library of Congress Manuscript Division, Harriman Papers, Kirk, Alan G. Secret. Drafted by Clough."
    assert from_note(sentences(note)) == Classification("Secret")
    note = "Source: Department of State, Central Files, 762.0221/11–1558, Confidential. Repeated to Berlin."
    assert from_note(sentences(note)) == Classification("Confidential")


def test_opener_smallcaps():
    assert from_smallcaps(["Washington", "secret us urgent"]) == Classification("Secret", ("US Urgent",))
    assert from_smallcaps(["niact"]) == Classification(None, ("Niact",))
    assert from_smallcaps(["Department of State,"]) is None


def test_sampled_modern_notes_have_a_repository_and_most_a_classification(note_samples):
    modern = [s["text"] for s in note_samples if s["text"].startswith("Source:")]
    assert len(modern) > 150
    # a text printed from a publication has its publication instead of a repository
    with_repo = sum(1 for t in modern if (c := parse_citation(t)).repository or c.collection)
    with_level = sum(1 for t in modern if (c := from_note(sentences(t))) and (c.level or c.caveats))
    assert with_repo / len(modern) >= 0.99
    # published texts (Bulletin, Public Papers) carry no marking
    assert with_level / len(modern) >= 0.85
