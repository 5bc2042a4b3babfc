"""A document's text as passages that remember where pointers fall.

Cross-references, unprinted documents and excisions are all read from
text, but each needs to know *where* in the document the text sits (the
title, a body block, footnote ``d33fn3``), which ``ref/@target`` covers
which words, and where a footnote marker stands (a bare "Not printed."
note describes the words just before its marker).  A :class:`Passage` is
one paragraph-sized run of text with those spans, whitespace squeezed so
the patterns need not care about the encoders' line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterator

from frus.model import Block, Document, Inline


@dataclass(frozen=True, slots=True)
class RefSpan:
    start: int
    end: int
    target: str


@dataclass(frozen=True, slots=True)
class Passage:
    #: "title", "body", or a footnote id ("d33fn2")
    where: str
    text: str
    #: index of the top-level body block (None outside the body)
    block: int | None = None
    refs: tuple[RefSpan, ...] = ()
    #: (offset, footnote id) of each footnote marker in the text
    markers: tuple[tuple[int, str], ...] = ()
    #: the footnote's kind (issue 3) for notes; "" for title and body
    kind: str = ""


_WS = re.compile(r"\s+")


def _squeeze(raw: str, points: list[int]) -> tuple[str, list[int]]:
    """Collapse whitespace runs and strip, moving each offset in ``points`` along."""
    text = _WS.sub(" ", raw).strip()
    if not points:
        return text, []
    # (old start of a run, old end, characters removed up to the run's end)
    runs: list[tuple[int, int, int]] = []
    removed = 0
    for m in _WS.finditer(raw):
        s, e = m.span()
        if s == 0 or e == len(raw):
            removed += e - s
        else:
            removed += e - s - 1
        runs.append((s, e, removed))
    ends = [e for _, e, _ in runs]
    moved = []
    for p in points:
        i = bisect_right(ends, p)  # runs[:i] end at or before p
        shift = runs[i - 1][2] if i else 0
        if i < len(runs) and runs[i][0] <= p:
            p = runs[i][0]  # inside a run: where its single space (or nothing) begins
        moved.append(p - shift)
    return text, moved


def _from_runs(where: str, runs: tuple[Inline, ...], block: int | None, kind: str = "") -> Passage:
    parts: list[str] = []
    length = 0
    ref_raw: list[tuple[int, int, str]] = []
    marker_raw: list[tuple[int, str]] = []
    for run in runs:
        if run.kind == "pb":
            continue
        if run.kind == "noteref":
            if run.target:
                marker_raw.append((length, run.target))
            continue
        text = "\n" if run.kind == "lb" else run.text
        if run.kind == "ref" and run.target:
            ref_raw.append((length, length + len(text), run.target))
        parts.append(text)
        length += len(text)
    raw = "".join(parts)
    points = [p for s, e, _ in ref_raw for p in (s, e)] + [p for p, _ in marker_raw]
    text, moved = _squeeze(raw, points)
    refs = tuple(
        RefSpan(moved[2 * i], moved[2 * i + 1], target) for i, (_, _, target) in enumerate(ref_raw)
    )
    base = 2 * len(ref_raw)
    markers = tuple((moved[base + i], note) for i, (_, note) in enumerate(marker_raw))
    return Passage(where, text, block, refs, markers, kind)


def _block_passages(block: Block, index: int, wanted: Callable[[tuple[Inline, ...]], bool] | None) -> Iterator[Passage]:
    if block.inlines and (wanted is None or wanted(block.inlines)):
        passage = _from_runs("body", block.inlines, index)
        if passage.text or passage.markers:
            yield passage
    for child in block.children:
        yield from _block_passages(child, index, wanted)


def body_passages(doc: Document, wanted: Callable[[tuple[Inline, ...]], bool] | None = None) -> Iterator[Passage]:
    """The body's paragraphs; ``wanted`` (a cheap test on a block's runs) skips the rest unbuilt."""
    for index, block in enumerate(doc.body):
        yield from _block_passages(block, index, wanted)


def has_marker(runs: tuple[Inline, ...]) -> bool:
    return any(run.kind == "noteref" for run in runs)


def mentions_word(*words: str) -> Callable[[tuple[Inline, ...]], bool]:
    def wanted(runs: tuple[Inline, ...]) -> bool:
        return any(word in run.text for run in runs for word in words)

    return wanted


def note_passages(doc: Document) -> Iterator[Passage]:
    for note in doc.footnotes:
        if note.inlines:
            yield _from_runs(note.id, note.inlines, None, note.kind)
        else:
            yield Passage(note.id, _WS.sub(" ", note.text).strip(), None, (), (), note.kind)


def passages(doc: Document) -> Iterator[Passage]:
    """Title, body blocks, then footnotes: the order an editor's "Ibid." counts in."""
    if doc.title:
        yield Passage("title", _WS.sub(" ", doc.title).strip())
    yield from body_passages(doc)
    yield from note_passages(doc)


def marker_context(doc: Document) -> dict[str, tuple[Passage, int]]:
    """For each footnote id, the passage holding its marker and the marker's offset."""
    found: dict[str, tuple[Passage, int]] = {}
    for passage in body_passages(doc, has_marker):
        for offset, note in passage.markers:
            found.setdefault(note, (passage, offset))
    for passage in note_passages(doc):
        for offset, note in passage.markers:
            found.setdefault(note, (passage, offset))
    return found
