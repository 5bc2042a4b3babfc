"""A document as plain text, laid out like a copy from history.state.gov.

Historians quote from and cite the printed page, so the text keeps what
flattening would lose: ``[Page N]`` where each printed page begins,
footnote markers where they fall, and the footnotes, numbered, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from frus.model import Block, Document, Inline, iter_inlines

#: blocks whose children are blocks laid out one after another
_CONTAINERS = {"attachment", "quote", "opener", "closer", "postscript"}


def page_marker(page: str) -> str:
    return f"[Page {page}]"


def render_inlines(inlines: Iterable[Inline]) -> str:
    """Running text with page markers and note markers in place."""
    lines: list[list[str]] = [[]]
    for run in inlines:
        if run.kind == "lb":
            lines.append([])
        elif run.kind == "pb":
            if run.text:
                lines[-1].append(f" {page_marker(run.text)} ")
        elif run.kind == "noteref":
            # glued to the word before it, as the printed superscript is
            if lines[-1]:
                lines[-1][-1] = lines[-1][-1].rstrip()
            lines[-1].append(run.text)
        else:
            lines[-1].append(run.text)
    squeezed = (" ".join("".join(parts).split()) for parts in lines)
    return "\n".join(line for line in squeezed if line)


def _block_lines(block: Block) -> Iterator[str]:
    """Paragraph-sized pieces of text for one block, in order."""
    kind = block.kind
    own = render_inlines(block.inlines)
    if kind == "list":
        if own:
            yield own
        yield from _list_lines(block.children)
    elif kind == "table":
        rows = [_row_text(row) for row in block.children]
        table = "\n".join(r for r in rows if r)
        if own:
            yield own
        if table:
            yield table
    elif kind == "row":
        row = _row_text(block)
        if row:
            yield row
    elif kind in _CONTAINERS or block.children:
        if own:
            yield own
        for child in block.children:
            yield from _block_lines(child)
    elif own:
        yield own


def _row_text(row: Block) -> str:
    cells = [render_inlines(row.inlines)] if row.inlines else []
    for cell in row.children:
        cells.append(" ".join(_block_lines(cell)))
    return " | ".join(c for c in cells if c)


def _list_lines(children: tuple[Block, ...]) -> Iterator[str]:
    """Items one per paragraph; a ``label`` (``1.``, ``(a)``) stays before its item."""
    label: str | None = None
    has_labels = any(c.kind == "label" for c in children)
    for child in children:
        if child.kind == "label":
            label = render_inlines(child.inlines)
            continue
        text = "\n".join(_block_lines(child))
        if not text:
            continue
        if label:
            yield f"{label} {text}"
            label = None
        else:
            yield text if has_labels else f"\u2022 {text}"
    if label:
        yield label


def heading_line(doc: Document) -> str:
    """``33. Title`` plus the markers of notes anchored in the head (the source note)."""
    in_body = {run.target for run in iter_inlines(doc.body) if run.kind == "noteref"}
    head_marks = "".join(
        n.n for n in doc.footnotes if n.anchored and n.n and n.id not in in_body
    )
    title = f"{doc.number}. {doc.title}" if doc.number else doc.title
    return title + head_marks


def _has_dateline(blocks: Iterable[Block]) -> bool:
    return any(b.kind == "dateline" or _has_dateline(b.children) for b in blocks)


def footnote_lines(doc: Document) -> list[str]:
    lines = []
    for ordinal, note in enumerate(doc.footnotes, start=1):
        text = render_inlines(note.inlines) if note.inlines else " ".join(note.text.split())
        lines.append(f"{note.n or ordinal}. {text}")
    return lines


@dataclass(frozen=True, slots=True)
class TextParts:
    """A document cut into the pieces a renderer styles differently."""

    heading: str
    dateline: str | None
    paragraphs: tuple[str, ...]
    notes: tuple[str, ...]


def text_parts(doc: Document) -> TextParts:
    dateline = None
    if doc.dateline and not _has_dateline(doc.body):
        dateline = " ".join(doc.dateline.split())
    paragraphs = tuple(p for block in doc.body for p in _block_lines(block) if p)
    return TextParts(heading_line(doc), dateline, paragraphs, tuple(footnote_lines(doc)))


def render_text(doc: Document) -> str:
    parts = text_parts(doc)
    text = "\n\n".join(p for p in (parts.heading, parts.dateline, *parts.paragraphs) if p)
    if parts.notes:
        text += "\n\n" + "\n".join(parts.notes)
    return text + "\n"
