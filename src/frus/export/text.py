"""A document as plain text, laid out like a copy from history.state.gov.

Historians quote from and cite the printed page, so the text keeps what
flattening would lose: ``[Page N]`` where each printed page begins,
footnote markers glued where they fall, and the footnotes at the end.

Three layouts (``render_text(doc, style=…)``):

``plain``
    frus's own: blank lines between paragraphs, ``• `` bullets, the notes
    numbered by their printed marker.  ``frus show --text`` prints it.
``dash``
    what a browser copy of a history.state.gov page gives in one common
    rendering (the seed memo ``frus1969-76v13-d33.txt``): one line per
    paragraph and no blank lines, list items and labels as ``- `` lines,
    page breaks between paragraphs on a line of their own, and the notes as
    ``- text↩`` lines.
``numbered``
    the other rendering seen in the wild (``tests/data/text/…-d114.txt``):
    blank lines between paragraphs, list labels alone on their line,
    items as ``  • `` lines, and the notes as an indented ordered list
    ``  1. text`` numbered from 1 whatever their printed markers are,
    because that is how a browser copies an HTML ordered list.

In both web layouts the older volumes' provenance lines (the unmarked
``note[@rend='inline']``) stand where the website shows them, which is
where the TEI puts them: above the head ("File No. 861.77/593"), between
the head and the text ("[Telegram]", "[Extract.]"), at the top of an
enclosure ("[Inclosure 1 in No. 92.]"); only notes with a printed marker
are listed at the foot.  The model does not record those places, so they
come from the TEI (``layout``, :mod:`frus.export.tei_layout`); without it
they are guessed from the notes' order (:func:`unmarked_notes`) and a note
with no guessable place is printed after the body.  A page break before
the first words is printed above the title: the document starts on that
page.  A document nested in this one is printed in full where it stands
when ``documents`` supplies it, as the website prints frus1861's enclosures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

from frus.model import Block, Document, Footnote, Inline, iter_inlines

if TYPE_CHECKING:
    from frus.export.tei_layout import DocLayout

STYLES = ("plain", "dash", "numbered")

#: blocks whose children are blocks laid out one after another
_CONTAINERS = {"attachment", "quote", "opener", "closer", "postscript"}
#: list ``rend`` values printed with their label line (SUBJECT, PARTICIPANTS, TO)
_LABELLED = {"subject", "participants", "to", "from"}
_ARROW = "\u21a9"
#: how the website heads a document that has no head of its own
UNTITLED = "[Untitled]"


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


# --------------------------------------------------------------------------
# The plain layout
# --------------------------------------------------------------------------


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


def _row_text(row: Block, sep: str = " | ") -> str:
    cells = [render_inlines(row.inlines)] if row.inlines else []
    for cell in row.children:
        cells.append(" ".join(_block_lines(cell)))
    return sep.join(c for c in cells if c)


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


def _referenced(doc: Document) -> set[str]:
    """Ids of the notes whose marker stands in the body or inside another note."""
    found = {run.target for run in iter_inlines(doc.body) if run.kind == "noteref"}
    for note in doc.footnotes:
        found.update(run.target for run in note.inlines if run.kind == "noteref")
    return found


def heading_line(doc: Document, *, numbered: bool | None = None) -> str:
    """``33. Title`` plus the markers of notes anchored in the head (the source note).

    ``numbered`` says whether the printed head carries the number; by
    default it does whenever the document has one.
    """
    referenced = _referenced(doc)
    head_marks = "".join(n.n for n in doc.footnotes if n.anchored and n.n and n.id not in referenced)
    show_number = bool(doc.number) if numbered is None else numbered and bool(doc.number)
    head = doc.title or UNTITLED
    title = f"{doc.number}. {head}" if show_number else head
    return title + head_marks


def _has_dateline(blocks: Iterable[Block]) -> bool:
    return any(b.kind == "dateline" or _has_dateline(b.children) for b in blocks)


def _note_text(note: Footnote) -> str:
    text = render_inlines(note.inlines) if note.inlines else note.text
    return " ".join(text.split())


def footnote_lines(doc: Document) -> list[str]:
    return [f"{note.n or ordinal}. {_note_text(note)}" for ordinal, note in enumerate(doc.footnotes, start=1)]


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


def _render_plain(doc: Document) -> str:
    parts = text_parts(doc)
    text = "\n\n".join(p for p in (parts.heading, parts.dateline, *parts.paragraphs) if p)
    if parts.notes:
        text += "\n\n" + "\n".join(parts.notes)
    return text + "\n"


# --------------------------------------------------------------------------
# The two web layouts
# --------------------------------------------------------------------------


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


class _Web:
    """Lines of one web layout; ``dash`` or ``numbered``."""

    def __init__(self, style: str, documents: Mapping[str, Document] | None = None) -> None:
        self.dash = style == "dash"
        #: the documents nested in this one, by local id, to print where they stand
        self.documents = documents or {}
        #: provenance lines printed at the top of an enclosure, by place ("attachment:2")
        self.enclosure_notes: dict[str, list[str]] = {}
        self._enclosures = 0

    def document(self, doc: Document, numbered: bool | None, layout: DocLayout | None) -> list[str]:
        """The lines of a document above its notes: provenance, head, opener, text."""
        if layout is None:
            leading, opening, later = unmarked_notes(doc)
        else:
            leading, opening, later, self.enclosure_notes = _placed(doc, layout.note_places(doc))
            self._enclosures = 0
        body = list(doc.body)
        # a page break before any text fell above the head: the document starts there
        lines = []
        while body and body[0].kind == "pagebreak":
            lines.extend(self.block(body.pop(0)))
        lines.extend(_note_text(n) for n in leading)
        above = layout.above if layout is not None else 0
        while body and above:
            # an opener printed above the head ("Policy Planning Staff Files")
            above -= body[0].kind != "pagebreak"
            lines.extend(self.block(body.pop(0)))
        lines.append(heading_line(doc, numbered=numbered))
        lines.extend(_note_text(n) for n in opening)
        if doc.dateline and not _has_dateline(doc.body):
            lines.extend(_lines(doc.dateline))
        for block in body:
            lines.extend(self.block(block))
        lines.extend(_note_text(n) for n in later)
        return lines

    def nested(self, block: Block) -> Iterator[str] | None:
        """A document nested in this one (frus1861's enclosures), printed in full
        where it stands, as the website shows it; None when it is not at hand."""
        ref = next((run for run in block.inlines if run.kind == "ref"), None)
        nested = self.documents.get((ref.target or "").lstrip("#")) if ref is not None else None
        if nested is None:
            return None
        inner = _Web("dash" if self.dash else "numbered", self.documents)
        return iter(inner.document(nested, False, None))

    def item(self, text: str) -> str:
        return f"- {text}" if self.dash else f"  \u2022 {text}"

    def label(self, text: str) -> str:
        return f"- {text}" if self.dash else text

    def block(self, block: Block) -> Iterator[str]:
        kind = block.kind
        own = render_inlines(block.inlines)
        if kind == "list":
            yield from self.list(block, own)
        elif kind == "table":
            yield from _lines(own)
            for row in block.children:
                # a browser copies a table row as its cells separated by tabs
                text = _row_text(row, "\t") if row.kind == "row" else " ".join(_block_lines(row))
                if text.strip():
                    yield " ".join(text.split("\n"))
        elif kind == "pagebreak":
            for run in block.inlines:
                if run.kind == "pb" and run.text:
                    yield page_marker(run.text)
        elif kind == "attachment":
            yield from self.attachment(block, own)
        elif block.rend == "nested-document" and (lines := self.nested(block)) is not None:
            yield from lines
        elif kind in _CONTAINERS or block.children:
            yield from _lines(own)
            for child in block.children:
                yield from self.block(child)
        else:
            yield from _lines(own)

    def attachment(self, block: Block, own: str) -> Iterator[str]:
        """An enclosure, its provenance lines above its head or just below it."""
        self._enclosures += 1
        place = f"attachment:{self._enclosures}"
        yield from self.enclosure_notes.get(place, ())
        yield from _lines(own)
        below = self.enclosure_notes.get(f"{place}:below", ())
        children = list(block.children)
        if below and children and children[0].kind == "heading":
            yield from self.block(children.pop(0))
        yield from below
        for child in children:
            yield from self.block(child)

    def list(self, block: Block, own: str) -> Iterator[str]:
        labelled = (block.rend or "").lower() in _LABELLED
        for line in _lines(own):
            yield self.label(line) if labelled else line
        label: str | None = None
        for child in block.children:
            if child.kind == "heading" and labelled:
                for line in _lines(render_inlines(child.inlines)):
                    yield self.label(line)
            elif child.kind == "label":
                label = render_inlines(child.inlines)
            elif child.kind == "list":
                yield from self.list(child, render_inlines(child.inlines))
            elif child.kind == "pagebreak":
                yield from self.block(child)
            else:
                # a browser copies nested lists as items of their own (the
                # current encoding nests the subject inside a SUBJECT item)
                nested = [c for c in child.children if c.kind == "list"]
                parts = [render_inlines(child.inlines)]
                parts += [line for c in child.children if c.kind != "list" for line in self.block(c)]
                text = " ".join(" ".join(parts).split())
                if text:
                    if label:
                        # an enumerated item ("1.", "(a)") keeps its own number
                        yield f"{label} {text}"
                        label = None
                    elif labelled and text.isupper() and len(text.split()) <= 2:
                        yield self.label(text)
                    else:
                        yield self.item(text)
                for sub in nested:
                    yield from self.list(sub, render_inlines(sub.inlines))
        if label:
            yield label

    def note(self, ordinal: int, note: Footnote) -> str:
        text = _note_text(note)
        return f"- {text}{_ARROW}" if self.dash else f"  {ordinal}. {text}"


def unmarked_notes(doc: Document) -> tuple[list[Footnote], list[Footnote], list[Footnote]]:
    """The unmarked notes (the older volumes' provenance lines) by where they stood.

    The model keeps no place for them, so this is a guess from their order:
    notes come in document order, so an unmarked note listed before every
    marked one is taken to stand above the head ("File No. 861.77/593"); one
    listed after the head's notes but before the first note marked in the
    text stood in the opener ("[Telegram]"); the rest are put after the text.
    The round trip knows better (:mod:`frus.export.tei_layout`).
    """
    referenced = _referenced(doc)
    first_marked = next((i for i, n in enumerate(doc.footnotes) if n.n), len(doc.footnotes))
    first_in_text = next((i for i, n in enumerate(doc.footnotes) if n.id in referenced), len(doc.footnotes))
    leading: list[Footnote] = []
    opening: list[Footnote] = []
    later: list[Footnote] = []
    for i, note in enumerate(doc.footnotes):
        if note.n or note.anchored or not _note_text(note):
            continue
        if note.is_source and i < first_marked:
            leading.append(note)
        elif note.is_source and i < first_in_text:
            opening.append(note)
        else:
            later.append(note)
    return leading, opening, later


def _placed(doc: Document, places: Mapping[str, str]) -> tuple[list[Footnote], list[Footnote], list[Footnote],
                                                                dict[str, list[str]]]:
    """The unmarked notes split by their known place; a note without one keeps the guess."""
    guess = {n.id: where for where, notes in zip(("above", "below", "text"), unmarked_notes(doc)) for n in notes}
    split: dict[str, list[Footnote]] = {"above": [], "below": [], "text": []}
    enclosures: dict[str, list[str]] = {}
    for note in doc.footnotes:
        if note.n or note.anchored or not _note_text(note):
            continue
        where = places.get(note.id) or guess.get(note.id, "text")
        if where.startswith("attachment:"):
            enclosures.setdefault(where, []).append(_note_text(note))
        else:
            split[where].append(note)
    return split["above"], split["below"], split["text"], enclosures


def _render_web(doc: Document, style: str, numbered: bool | None, layout: DocLayout | None,
                documents: Mapping[str, Document] | None) -> str:
    web = _Web(style, documents)
    lines = web.document(doc, numbered, layout)
    notes = [web.note(k, n) for k, n in enumerate((n for n in doc.footnotes if n.n), start=1)]
    if web.dash:
        return "\n".join([*lines, *notes]) + "\n"
    text = "\n\n".join(lines)
    if notes:
        text += "\n" + "\n".join(notes)
    return text + "\n"


def render_text(doc: Document, style: str = "plain", *, numbered: bool | None = None,
                layout: DocLayout | None = None, documents: Mapping[str, Document] | None = None) -> str:
    """The document as text in one of :data:`STYLES`.

    ``numbered``: whether the head shows the document's number.  The
    modern volumes print it ("33. Memorandum …"), the older ones do not
    ("Mr. Seward to Mr. Adams."); by default it is shown whenever the
    document has a number.  ``layout`` (:mod:`frus.export.tei_layout`) is
    what the TEI says of the web page that the model does not keep: whether
    the head shows the number (unless ``numbered`` says), where the unmarked
    notes stand and which blocks stand above the head; without it the
    notes are placed by :func:`unmarked_notes`' guess.  ``documents``: the volume's documents by
    local id, so that a document nested in this one (frus1861 prints 79
    inside enclosures) is printed in full where it stands, as on the
    website, rather than as its one-line reference.
    """
    if style == "plain":
        return _render_plain(replace(doc, number=None) if numbered is False else doc)
    if style not in STYLES:
        raise ValueError(f"unknown text style {style!r}; expected one of {', '.join(STYLES)}")
    if layout is not None and numbered is None:
        numbered = layout.numbered
    return _render_web(doc, style, numbered, layout, documents)
