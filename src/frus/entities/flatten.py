"""Plain text of a document's blocks, with the place of every pointer run.

The linker works on plain text; a caller holding blocks needs to know
which character ranges came from which inline run, both to map a link
back into the document and — in the evaluation — to read the editors' own
``persName``/``gloss`` tags as gold spans.  Whitespace inside runs is
squeezed to single spaces (TEI source wraps lines anywhere) and blocks are
separated by a blank line, so a paragraph start looks like a sentence
start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from frus.model import Block, Document, Inline

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str  # the inline kind: "person", "term", "ref"
    target: str | None
    text: str
    #: "title", "body" or "notes"
    where: str = "body"


@dataclass(frozen=True, slots=True)
class FlatText:
    text: str
    spans: tuple[Span, ...]


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[Span] = []

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def separate(self) -> None:
        if self.length and not "".join(self.parts[-2:]).endswith("\n\n"):
            self.add("\n\n")

    def inline(self, run: Inline, where: str) -> None:
        if run.kind in ("pb", "noteref"):
            return
        if run.kind == "lb":
            self.add("\n")
            return
        text = _SPACE.sub(" ", run.text)
        if self.parts and self.parts[-1].endswith((" ", "\n")) and text.startswith(" "):
            text = text[1:]
        start = self.length
        self.add(text)
        if run.kind in ("person", "term", "ref") and text.strip():
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            self.spans.append(
                Span(start + lead, self.length - trail, run.kind, (run.target or "").lstrip("#") or None,
                     text.strip(), where)
            )

    def block(self, block: Block, where: str) -> None:
        self.separate()
        for run in block.inlines:
            self.inline(run, where)
        for child in block.children:
            self.block(child, where)

    def result(self) -> FlatText:
        return FlatText("".join(self.parts), tuple(self.spans))


def flatten_blocks(blocks: Iterable[Block], where: str = "body") -> FlatText:
    builder = _Builder()
    for block in blocks:
        builder.block(block, where)
    return builder.result()


def flatten_document(doc: Document, *, title: bool = True, notes: bool = True) -> FlatText:
    """Title, body and (optionally) footnotes of ``doc`` as one text.

    The title carries no inline runs in the model, so its tagged mentions
    (``Document.mentions`` with ``where == "title"``) are placed by finding
    their text in order.
    """
    builder = _Builder()
    if title and doc.title:
        builder.add(_SPACE.sub(" ", doc.title).strip())
        cursor = 0
        for m in doc.mentions:
            if m.where != "title" or not m.text.strip():
                continue
            needle = _SPACE.sub(" ", m.text).strip()
            at = builder.parts[0].find(needle, cursor) if builder.parts else -1
            if at >= 0:
                builder.spans.append(Span(at, at + len(needle), m.kind, m.target, needle, "title"))
                cursor = at + len(needle)
    for block in doc.body:
        builder.block(block, "body")
    if notes:
        for note in doc.footnotes:
            builder.separate()
            for run in note.inlines:
                builder.inline(run, "notes")
    return builder.result()


__all__ = ["FlatText", "Span", "flatten_blocks", "flatten_document"]
