"""Running text of a copy → inline runs with page breaks and note markers.

A copied page loses the superscript, so a footnote marker is just digits
glued to the word or punctuation before it ("case.2", "memorandum41",
"1974,2").  Scanning only proposes *candidates*; ``text_markers`` decides
which of them are markers, because that needs the whole document (the
note list, the order of markers).  Digits after a space ("Box 490",
"Vol. 3"), after an opening bracket, in a thousands group ("1,000") or in
a designator ("B52", "SS11") are never candidates; the digits after a
decimal point ("3.5") are only when a date precedes ("August 15.3",
"1974,2") or the paragraph ends there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from frus.ingest import text_patterns as P
from frus.model import Inline

#: digits glued to a letter or closing punctuation, followed by a break.
_CANDIDATE = re.compile(
    r"(?<=[^\W\d_]|[.,;:!?)\]’”\"'»])(\d{1,3})(?=$|[\s.,;:!?)\]’”\"'»—–-])"
)
#: "B52", "F16", "SS20", "G7": designators, not a word with a marker.
_DESIGNATOR = re.compile(r"(?:^|[\s(“\"'/-])[A-Z]{1,2}$")
#: a year followed by a comma or period: "March 21, 1974,2"
_YEAR_BEFORE = re.compile(r"(?:1[5-9]|20)\d\d[.,]$")
#: a day after a month name: "by August 15.3"
_DAY_BEFORE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2}[.,]$"
)


@dataclass(eq=False, slots=True)
class Candidate:
    """Digits that may be a footnote marker; identity matters, not value."""

    value: int
    start: int
    end: int


@dataclass(slots=True)
class Piece:
    kind: str  # "text" | "pb"
    text: str
    candidates: list[Candidate] = field(default_factory=list)


def scan(text: str, *, markers: bool = True) -> list[Piece]:
    """Split ``text`` at ``[Page N]`` and find marker candidates in each part.

    A page break is a word boundary in print, so a copy that glued it to
    both neighbours ("events[Page 131]of") gets one space back, before the
    break; a word hyphenated across the page keeps its hyphen and no space.
    """
    pieces: list[Piece] = []
    pos = 0
    for m in P.PAGE.finditer(text):
        before = text[pos : m.start()].rstrip()
        if before and before[-1] not in "-–—/":
            before += " "
        _add_text(pieces, before, markers)
        pieces.append(Piece("pb", m.group(1)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    _add_text(pieces, text[pos:], markers)
    return pieces


def _add_text(pieces: list[Piece], text: str, markers: bool) -> None:
    if not text:
        return
    piece = Piece("text", text)
    if markers:
        piece.candidates = list(_candidates(text))
    pieces.append(piece)


def _candidates(text: str):
    for m in _CANDIDATE.finditer(text):
        before = text[: m.start()]
        prev = before[-1]
        if prev in ".," and before[-2:-1].isdigit():
            # "3.5", "1,000" are numbers; "1974,2", "August 15.3" and a
            # paragraph-final "… 15.3" are a date or number plus a marker
            if prev == "," and m.end() - m.start() == 3:
                continue
            dated = _YEAR_BEFORE.search(before) or _DAY_BEFORE.search(before)
            if not dated and m.end() != len(text.rstrip()):
                continue
        if prev.isalpha() and _DESIGNATOR.search(before):
            continue
        yield Candidate(int(m.group(1)), m.start(), m.end())


def candidates_of(pieces: list[Piece]) -> list[Candidate]:
    return [c for p in pieces if p.kind == "text" for c in p.candidates]


def render(pieces: list[Piece], accepted: dict[Candidate, str]) -> tuple[Inline, ...]:
    """Inline runs: text, ``pb`` (text = page) and ``noteref`` (target = note id)."""
    runs: list[Inline] = []
    for piece in pieces:
        if piece.kind == "pb":
            runs.append(Inline("pb", piece.text))
            continue
        pos = 0
        for cand in piece.candidates:
            target = accepted.get(cand)
            if target is None:
                continue
            if cand.start > pos:
                runs.append(Inline("text", piece.text[pos : cand.start]))
            runs.append(Inline("noteref", str(cand.value), target=target))
            pos = cand.end
        if pos < len(piece.text):
            runs.append(Inline("text", piece.text[pos:]))
    return tuple(runs)
