"""Inline runs under construction: whitespace, buffering, trimming.

The TEI volumes are pretty-printed, so a paragraph's text arrives in pieces
broken by newlines and indentation, and split at every ``persName``/``hi``
boundary.  A :class:`Sink` buffers adjacent pieces of one style and
normalises them once, so a paragraph becomes a few runs, not dozens.
"""

from __future__ import annotations

import re

from frus.ingest.tei_common import squash, tighten
from frus.model import Block, Inline

LB_RUN = Inline("lb")
_NEWLINE_RUN = re.compile(r"\n[ \t\r\n]*")
SPACE = Inline("text", " ")
POINTER_TEXT_KINDS = frozenset({"text", "person", "term", "ref"})


def norm(text: str) -> str:
    """Whitespace runs → one space; each edge keeps one space so words that
    meet at an element boundary stay apart.

    Pretty-printing puts a newline and indentation inside most pieces, so
    the newline regex (which the engine finds by scanning for its literal
    first character) does nearly all the work; the rare leftover — tabs,
    doubled spaces — goes through ``split``/``join``.  Twice as fast as
    ``split``/``join`` alone on real volumes, where this is a hot path.
    """
    if "\n" in text:
        text = _NEWLINE_RUN.sub(" ", text)
    if "  " in text or "\t" in text or "\r" in text:
        core = " ".join(text.split())
        if not core:
            return " "
        if text[0] in " \t\r":
            core = " " + core
        if text[-1] in " \t\r":
            core += " "
        return core
    return text


class Sink:
    """Collects inline runs (and the blocks that interrupt them).

    ``buf`` is only ever cleared, never replaced, so the walker may keep it
    in a local while it appends text: that loop is the reader's hot path.
    """

    __slots__ = ("items", "buf", "style", "has_blocks")

    def __init__(self) -> None:
        self.items: list = []
        self.buf: list[str] = []
        self.style: str | None = None
        self.has_blocks = False

    def text(self, text: str, style: str | None) -> None:
        if style != self.style:
            self.restyle(style)
        self.buf.append(text)

    def restyle(self, style: str | None) -> None:
        if self.buf:
            self.flush()
        self.style = style

    def flush(self) -> None:
        buf = self.buf
        text = buf[0] if len(buf) == 1 else "".join(buf)
        buf.clear()
        if "\n" in text:  # norm(), in line
            text = _NEWLINE_RUN.sub(" ", text)
            if "  " in text or "\t" in text or "\r" in text:
                text = norm(text)
            text = tighten(text)
        elif "  " in text or "\t" in text or "\r" in text:
            text = norm(text)
        if not text or text == " ":
            items = self.items
            if items and items[-1].__class__ is not Block:
                items.append(SPACE if self.style is None else Inline("text", " ", None, self.style))
            return
        self.items.append(Inline("text", text, None, self.style))

    def add(self, run: Inline) -> None:
        if self.buf:
            self.flush()
        self.items.append(run)

    def block(self, block: Block) -> None:
        if self.buf:
            self.flush()
        self.items.append(block)
        self.has_blocks = True

    def close(self) -> list:
        if self.buf:
            self.flush()
        return self.items


def trim(runs: list) -> tuple[Inline, ...]:
    """A block's runs without the spaces at its two ends."""
    if not runs:
        return ()
    first = runs[0]
    if first.kind == "text" and first.text[0] == " ":
        text = first.text.lstrip()
        if text:
            runs[0] = Inline("text", text, None, first.style)
        else:
            del runs[0]
            if not runs:
                return ()
    last = runs[-1]
    if last.kind == "text" and last.text[-1] == " ":
        text = last.text.rstrip()
        if text:
            runs[-1] = Inline("text", text, None, last.style)
        else:
            del runs[-1]
    return tuple(runs)


def runs_text(runs) -> str:
    """Plain text of runs on one line: markers and page breaks vanish."""
    parts = []
    for run in runs:
        kind = run.kind
        if kind in POINTER_TEXT_KINDS:
            parts.append(run.text)
        elif kind == "lb":
            parts.append(" ")
    return tighten(squash("".join(parts)))


def has_words(runs: tuple) -> bool:
    """False for runs that are only line breaks (``<p><lb/></p>``)."""
    if runs[0].kind != "lb":
        return True
    return any(r.kind != "lb" for r in runs)


def flatten(items: list) -> list:
    """Runs of mixed items, each block's runs set off by line breaks: a
    footnote holds runs only, so its paragraphs and lists become lines."""
    out: list = []
    for item in items:
        if item.__class__ is Block:
            _flatten_block(item, out)
            continue
        if out and out[-1] is LB_RUN and item.kind == "text":
            text = item.text.lstrip()
            if not text:
                continue
            item = Inline("text", text, None, item.style)
        out.append(item)
    return out


def _flatten_block(block: Block, out: list) -> None:
    # module level: a closure calling itself is a reference cycle, left for
    # the cyclic garbage collector, which ingest workers hold off
    if out and out[-1] is not LB_RUN:
        out.append(LB_RUN)
    out.extend(block.inlines)
    for child in block.children:
        _flatten_block(child, out)
