"""Footnote kinds on real FRUS footnotes (frus.extract.footnotes)."""

from __future__ import annotations

import pytest

from frus.extract.footnotes import KINDS, footnote_kind
from frus.model import Footnote, Inline


def note(text: str, **kw) -> Footnote:
    return Footnote(id="d1fn2", n="2", text=text, **kw)


# Footnotes copied from the corpus volumes named on each line, labelled by hand.
REAL = [
    # frus1952-54Guat d265, frus1961-63v22 d358, frus1977-80v01 d33, frus1948v01p1 d213
    ("Document 266.", "crossref"),
    ("See Document 361.", "crossref"),
    ("See footnote 15, Document 29.", "crossref"),
    ("For text, see footnote 1, p. 377.", "crossref"),
    # frus1948v01p1 d196: printed in another FRUS volume
    ("With respect to the position here cited, see Rusk’s memorandum to the Secretary of State, July 24, 1947, "
     "Foreign Relations, 1947, vol. i, p. 572.", "crossref"),
    # frus1918Russiav01 d289 (text copy)
    ("Ante, p. 284.", "crossref"),
    # frus1927v01 d335, frus1977-80v21 d77, frus1964-68v10 d35, frus1952-54v02p1 d136
    ("Not printed.", "unprinted"),
    ("Not found.", "unprinted"),
    ("Neither found.", "unprinted"),
    ("Report not found. For information on minutes of NSC meetings, see footnote 1, p. 394.", "unprinted"),
    # frus1927v01 d153
    ("Not printed, but see memorandum incorporating the questionnaire, transmitted to the Chargé in Switzerland, "
     "Apr. 29, 1926, Foreign Relations, 1926, vol. i, p. 89.", "unprinted"),
    # frus1950-55Intel d127
    ("Not printed. (National Archives, RG 59, S/S–NSC Files: Lot 63 D 351, NSC 135 Series)", "unprinted"),
    # frus1969-76v12 d47
    ("In telegram 75822 to Moscow, May 13, attached but not printed, the Department provided a full account of the "
     "meeting.", "unprinted"),
    # frus1958-60v08 d138
    ("Telegram 2598, January 16, suggested that the best way to attempt to get the French to reconcile their views on "
     "access with the United States was for Bruce to approach Couve de Murville directly. (Department of State, "
     "Central Files, 762.0221/1–1659)", "unprinted"),
    # frus1977-80v01 d152, frus1961-63v22 d82, frus1981-88v11 d52 (text copy)
    ("The President underlined the portion of the sentence beginning with “we.” He extended the right-hand margin "
     "bracket to include this sentence.", "annotation"),
    ("A marginal notation in Harriman's handwriting reads: “Stalin—'We can't supply' capital needs”.", "annotation"),
    ("An unknown hand indicated approval on Reagan’s behalf.", "annotation"),
    # frus1955-57v02 d116, frus1969-76v15 d164 (text copy), frus1946v02 d18 (text copy)
    ("Brackets and ellipsis in the source text.", "editorial"),
    ("Printed from a copy that bears Brezhnev’s typed signature.", "editorial"),
    ("The source text is not signed.", "editorial"),
    # identifications and context: frus1948v01p1 d103, frus1952-54Guat d272, frus1969-76v01 d60
    ("Josef Hanc.", "editorial"),
    ("Not further identified.", "editorial"),
    ("Reference is to a televised address on the war in Vietnam. For text, see Public Papers of the Presidents of the "
     "United States: Richard Nixon, 1969, pp. 901-909.", "editorial"),
    # provenance notes: frus1952-54v02p1 d135, an attachment's classification
    ("Drafted by Deputy Executive Secretary Gleason on Nov. 26.", "source"),
    ("Top Secret; Security Information.", "source"),
    # excisions: frus1950-55Intel
    ("[5 lines not declassified.] [Footnote in the original.]", "excision"),
    ("A handwritten note in the margin was not declassified.", "excision"),
    ("[Source: Department of State, Central Files, 711.5638/4–1158. Top Secret. 1 page of source text not "
     "declassified.]", "source"),
]


@pytest.mark.parametrize("text, kind", REAL)
def test_real_footnotes(text, kind):
    assert footnote_kind(note(text)) == kind


def test_is_source_wins():
    assert footnote_kind(note("No. 144.]", is_source=True)) == "source"


def test_a_ref_to_a_document_is_a_crossref():
    n = note("The Soviet reply is printed below.", inlines=(Inline("ref", "below", "#d34"),))
    assert footnote_kind(n) == "crossref"


SEED_NOTES = [
    "Source: National Archives, Nixon Presidential Materials, NSC Files, Box 490, President’s Trip Files, "
    "Dobrynin/Kissinger, 1970, Vol. 3. Secret; Sensitive. According to another copy, Haig drafted the memorandum. (Ibid.)",
    "In a memorandum forwarding the status report to Haig on October 28, Sonnenfeldt argued: “While I do not know what "
    "is in play at the moment, I strongly urge that any thought of exchanging Ivanov for the Generals should quickly be "
    "abandoned …” (Ibid.)",
    "In a note to Kissinger on October 29, Haig noted “a little clarification of Soviet views on the Ivanov case.” On "
    "the basis of an attached telegram (6440 from Moscow, October 28), Haig reported: “As you can see, what they are "
    "pressing for is to have Ivanov released on bail …” Kissinger initialed the note. (Ibid.)",
    "Kissinger indicated neither approval nor disapproval of this recommendation. He instead wrote the following "
    "response on the first page of the memorandum: “Issue was not a trade of Ivanoff for 2 generals but a general "
    "contribution to détente.”",
    "Secret; Sensitive; Outside System.",
]


def test_seed_memo_footnotes():
    kinds = [footnote_kind(note(t)) for t in SEED_NOTES]
    assert kinds == ["source", "unprinted", "unprinted", "annotation", "source"]
    assert set(kinds) <= set(KINDS)
