"""The query tree: small frozen dataclasses with a canonical text form.

``str(node)`` is what ``--explain`` shows as "what you searched"; it is
written so that parsing it again gives the same tree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from frus.search.querylang.fields import FIELD_NAME_RE


def _bare(text: str) -> bool:
    """Can ``text`` be printed without quotes and lex back as one plain word?"""
    return bool(
        text
        and not any(c.isspace() or c in '()"*' for c in text)
        and text[0] not in "-+="
        and text not in ("AND", "OR", "NOT")
        and not FIELD_NAME_RE.match(text)
    )


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field_prefix(field: str | None) -> str:
    return f"{field}:" if field else ""


@dataclass(frozen=True, slots=True)
class Term:
    """One word.  ``field`` None = title, body and notes.

    ``exact``: match the word as written (case aside) instead of its stem.
    ``prefix``: match every word that starts with ``text``; prefixes are
    always matched against the exact (unstemmed) forms, so ``exact`` is True.
    """

    field: str | None
    text: str
    exact: bool = False
    prefix: bool = False

    def __str__(self) -> str:
        head = _field_prefix(self.field)
        if self.prefix:
            return f"{head}{self.text}*" if _bare(self.text) else f"{head}{_quote(self.text + '*')}"
        if self.exact:
            return f"{head}={self.text}" if _bare(self.text) else head + _quote(self.text)
        return head + (self.text if _bare(self.text) else _quote(self.text))


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in this order, matched in their exact forms.

    ``slop``: word moves allowed (Tantivy's phrase slop); ``prefix``: the
    last word is a prefix.
    """

    field: str | None
    words: tuple[str, ...]
    slop: int = 0
    prefix: bool = False

    def __str__(self) -> str:
        inner = " ".join(self.words) + ("*" if self.prefix else "")
        tail = f"~{self.slop}" if self.slop else ""
        return f"{_field_prefix(self.field)}{_quote(inner)}{tail}"


@dataclass(frozen=True, slots=True)
class Near:
    """Stemmed words within ``distance`` words of each other, any order
    unless ``ordered``."""

    field: str | None
    words: tuple[str, ...]
    distance: int
    ordered: bool = False

    def __str__(self) -> str:
        tail = ", ordered" if self.ordered else ""
        return f"{_field_prefix(self.field)}NEAR({' '.join(self.words)}, {self.distance}{tail})"


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " AND ".join(_child(c) for c in self.children)


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(_child(c) for c in self.children)


@dataclass(frozen=True, slots=True)
class Not:
    child: Node

    def __str__(self) -> str:
        return f"NOT {_child(self.child)}"


@dataclass(frozen=True, slots=True)
class DateFilter:
    """Documents whose date range overlaps ``[min, max]`` (None = open)."""

    min: dt.date | None
    max: dt.date | None

    def __str__(self) -> str:
        lo = self.min.isoformat() if self.min else None
        hi = self.max.isoformat() if self.max else None
        if lo and hi:
            return f"date:{lo}" if lo == hi else f"date:{lo}..{hi}"
        return f"date:>={lo}" if lo else f"date:<={hi}"


@dataclass(frozen=True, slots=True)
class FieldFilter:
    """A metadata field holding ``value``.

    By default a stored value matches when it contains the words of
    ``value`` in that order as whole words (case and punctuation aside);
    ``exact`` asks for the whole value; ``prefix`` lets the last word be a
    prefix.
    """

    field: str
    value: str
    exact: bool = False
    prefix: bool = False

    def __str__(self) -> str:
        text = self.value + ("*" if self.prefix else "")
        shown = text if _bare(self.value) else _quote(text)
        return f"{self.field}:{'=' if self.exact else ''}{shown}"


Node = Term | Phrase | Near | And | Or | Not | DateFilter | FieldFilter
LEAVES = (Term, Phrase, Near, DateFilter, FieldFilter)


def _child(node: Node) -> str:
    return f"({node})" if isinstance(node, (And, Or)) else str(node)


def iter_leaves(node: Node) -> Iterator[Node]:
    """Every leaf of the tree, left to right (negated ones included)."""
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from iter_leaves(child)
    elif isinstance(node, Not):
        yield from iter_leaves(node.child)
    else:
        yield node
