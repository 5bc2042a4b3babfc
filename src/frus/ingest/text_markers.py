"""Decide which glued digits are footnote markers, and what the notes' numbers are.

Evidence, not guesses about single tokens:

* A marker points at a note that exists.  Copies list the notes as 1, 2, …
  but older volumes number notes through a chapter, so the text shows
  "memorandum41" for the note listed as "1.".  Each plausible *base* (the
  printed number of the first listed note) is tried: 1, and every
  candidate value; the notes are taken to be numbered consecutively from
  the base (true within a document in every copy seen).
* Markers appear in increasing order, so for a base the accepted markers
  are the longest strictly increasing run of candidates within the note
  range ("B-52" or "Box 4" cannot break it).  The base that explains the
  most markers wins; ties go to 1, the modern numbering.
* The title's trailing digits are the first marker when they equal the
  base (the source note hangs on the head in modern volumes); between
  bases that explain as many markers, one whose marker hangs on the head
  wins ("…Secretary of State53" over a stray "5:36" in the text).  A head
  ending in a date keeps a four-digit year ("…, November 25, 1927|35").  Five
  volumes number the source note "0" ("…Kingdom0", the list still shown
  from "1."), so a lone trailing "0" is a marker too, and base 0 is tried
  when the title offers it; on a tie base 1 wins, so a year ending a head
  ("…, 1950") stays whole unless the markers in the text need the "0".  A spaced
  trailing number after a numbering word ("Study Memorandum 9") is part of
  the title; a glued one may split a printed number ("Memorandum 91" is
  NSSM 9 with marker 1) only when the notes say so, and only a number that
  stands apart: "(Matsudaira)23" is marker 23, never "(Matsudaira)2" and 3.
* A copy that lost its notes keeps the head's marker: a numbered title
  ending in a lone "1" drops it, because every modern numbered head
  carries the source note's marker 1.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from frus.ingest.text_inline import Candidate
from frus.ingest.text_patterns import NUMBERING_WORDS

_TRAILING_DIGITS = re.compile(r"(\d+)$")
_MONTH_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2}(?:st|nd|rd|d|th)?,\s*$"
)
_BASE_CANDIDATES = 50


@dataclass(frozen=True, slots=True)
class TitleOption:
    value: int
    title: str
    #: the marker splits a printed number ("Memorandum 9|1")
    splits_number: bool
    #: how many consecutive markers the head carries: an e-volume hangs both
    #: its source and its summary note there ("…, 1975.12" is 1 and 2)
    count: int = 1


@dataclass(slots=True)
class Resolution:
    #: printed number of the first listed note
    base: int
    title: str
    #: the title carried the first note's marker
    title_marker: bool = False
    #: how many consecutive markers the title carried
    title_markers: int = 1
    #: accepted body candidates → printed note number
    accepted: dict[Candidate, int] = field(default_factory=dict)
    #: the title's marker was cut from a printed number ("Memorandum 9|1")
    splits: bool = False

    def printed(self, position: int) -> int:
        return self.base + position - 1

    def anchored(self) -> set[int]:
        values = set(self.accepted.values())
        if self.title_marker:
            values.update(range(self.base, self.base + self.title_markers))
        return values


def title_options(title: str) -> list[TitleOption]:
    """Every reading of the title's trailing digits as a marker."""
    m = _TRAILING_DIGITS.search(title)
    if not m:
        return []
    run, pre = m.group(1), title[: m.start()]
    if not pre.strip():
        return []
    options = []
    dated = _MONTH_DAY.search(pre) is not None
    for k in range(1, min(len(run), 3) + 1):
        suffix, rest = run[-k:], run[:-k]
        if suffix[0] == "0" and k > 1:
            continue
        if dated and len(rest) != 4:
            continue  # "…, May 17, 1948|1": the year stays whole
        if rest:
            # a printed number stands apart or continues one ("Memorandum 9|1",
            # "No. 370|1", "Directive 14/1|1", "NIE 11–8–64|1"); digits glued to a
            # word or a bracket are all marker ("(Matsudaira)23", "State53")
            if pre[-1].isspace() or pre[-1] in "/–—-.:":
                options.append(TitleOption(int(suffix), (pre + rest).rstrip(), True))
        elif pre[-1].isspace():
            last_word = pre.split()[-1].rstrip(".,;:").lower()
            if last_word not in NUMBERING_WORDS:
                options.append(TitleOption(int(suffix), pre.rstrip(), False))
        else:
            options.append(TitleOption(int(suffix), pre.rstrip(), False))
    if len(run) == 2 and int(run[1]) == int(run[0]) + 1 and not pre[-1].isspace():
        options.append(TitleOption(int(run[0]), pre.rstrip(), False, count=2))
    return options


def resolve(title: str, numbered: bool, body: list[Candidate], note_count: int) -> Resolution:
    options = title_options(title)
    if note_count == 0:
        return _without_notes(title, numbered, options)
    best: tuple[tuple, Resolution] | None = None
    # the first marker of an older volume's copy opens the text; looking for
    # it among the first candidates keeps a huge pasted table from making
    # every one of its numbers a base to try
    bases = {1} | {c.value for c in body[:_BASE_CANDIDATES]} | {o.value for o in options}
    for base in sorted(bases):
        top = base + note_count - 1
        in_range = [c for c in body if base <= c.value <= top]
        if best is not None and len(in_range) + 1 < best[0][0]:
            continue  # cannot beat the best base even if every candidate fits
        without = _increasing(in_range)
        chosen = Resolution(base, title, accepted={c: c.value for c in without})
        score = len(without)
        for option in (o for o in options if o.value == base and o.count <= note_count):
            last = base + option.count - 1
            with_title = _increasing([c for c in in_range if c.value > last])
            # on a tie the title wins (modern heads carry the source note's
            # marker) unless reading it so would split a printed number
            better = len(with_title) + option.count - score
            if better > 0 or (better == 0 and not option.splits_number):
                score = len(with_title) + option.count
                chosen = Resolution(base, option.title, True, option.count, {c: c.value for c in with_title},
                                    option.splits_number)
        # bases explaining as many markers: one whose first note hangs on the
        # head ("…State53", not a stray "5:36" in the text), then the modern
        # numbering from 1 ("SNIE 11–10–67|1", not marker 671)
        key = (score, chosen.title_marker, base == 1, -base)
        if best is None or key > best[0]:
            best = (key, chosen)
    return best[1]


def _without_notes(title: str, numbered: bool, options: list[TitleOption]) -> Resolution:
    if numbered:
        for option in options:
            if option.value == 1 and not option.splits_number:
                return Resolution(1, option.title)
    return Resolution(1, title)


def _increasing(cands: list[Candidate]) -> list[Candidate]:
    """The longest strictly increasing run by value (patience sorting)."""
    tails: list[int] = []  # for each run length, the index of its smallest last candidate
    tail_values: list[int] = []
    back = [-1] * len(cands)
    for j, cand in enumerate(cands):
        k = bisect_left(tail_values, cand.value)
        if k:
            back[j] = tails[k - 1]
        if k == len(tails):
            tails.append(j)
            tail_values.append(cand.value)
        else:
            tails[k], tail_values[k] = j, cand.value
    run = []
    j = tails[-1] if tails else -1
    while j >= 0:
        run.append(cands[j])
        j = back[j]
    return run[::-1]
