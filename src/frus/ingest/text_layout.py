"""Cut a text copy into its parts: source lines, title, opener, body, notes.

A copy of a history.state.gov page is one line per paragraph.  The parts
are found from the outside in: the footnote list from the end (it is the
only thing rendered as ``- text↩`` lines or an indented ``  1.`` list),
then the title from the top (after any older-style file-number or despatch
lines), then the opener lines that follow the title (classification,
dateline).  What is left is the body; ``text_blocks`` gives it structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from frus.ingest import text_patterns as P


@dataclass(frozen=True, slots=True)
class Line:
    no: int  # 1-based line number in the file, for error messages
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class RawNote:
    #: position in the copy's list (1-based); the printed marker is decided
    #: later from the anchors in the text (see ``text_markers``).
    position: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class OpenerLine:
    kind: str  # "classification" | "dateline"
    text: str
    line: int


@dataclass(slots=True)
class Layout:
    title: Line | None
    #: "[Page 196]" lines before the title: the document starts on that page
    leading_pages: list[Line] = field(default_factory=list)
    inline_sources: list[Line] = field(default_factory=list)
    opener: list[OpenerLine] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    notes: list[RawNote] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Lines with Windows and old-Mac endings unified and right-trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i + 1, raw.rstrip()) for i, raw in enumerate(text.split("\n"))]


def lay_out(lines: list[Line]) -> Layout:
    body, notes = split_notes(lines)
    i = _next_filled(body, 0)
    layout = Layout(title=None, notes=notes)
    while i is not None:
        text = body[i].text.strip()
        if P.INLINE_SOURCE.match(text):
            layout.inline_sources.append(body[i])
        elif P.PAGE_ONLY.match(text):
            layout.leading_pages.append(body[i])
        else:
            break
        i = _next_filled(body, i + 1)
    if i is None:
        return layout
    layout.title = body[i]
    i = _read_opener(body, i + 1, layout)
    layout.body = body[i:] if i is not None else []
    return layout


# --------------------------------------------------------------------------
# footnotes
# --------------------------------------------------------------------------


def split_notes(lines: list[Line]) -> tuple[list[Line], list[RawNote]]:
    """The body lines and the footnote list found at the end of the copy."""
    for finder in (_arrow_notes, _numbered_notes):
        found = finder(lines)
        if found is not None:
            start, notes = found
            head = _drop_notes_heading(lines[:start])
            return head, notes
    return lines, []


def _arrow_notes(lines: list[Line]) -> tuple[int, list[RawNote]] | None:
    """``- text↩`` notes, read upwards from the last line.

    Each note starts at a ``- `` line and ends at the first line carrying
    the ↩; the run stops at the first note whose predecessor does not end
    in ↩ (the body's own ``- `` bullets never do).
    """
    end = _prev_filled(lines, len(lines) - 1)
    if end is None or not P.ARROW_END.search(lines[end].text):
        return None
    chunks: list[tuple[int, int]] = []
    while end is not None:
        start = end
        while start >= 0 and not P.DASH_ITEM.match(lines[start].text):
            if start != end and P.ARROW_END.search(lines[start].text):
                start = -1
            else:
                start -= 1
        if start < 0:
            break
        chunks.append((start, end))
        above = _prev_filled(lines, start - 1)
        if above is None or not P.ARROW_END.search(lines[above].text):
            break
        end = above
    if not chunks:
        return None
    chunks.reverse()
    notes = []
    for position, (start, end) in enumerate(chunks, 1):
        parts = [lines[k].text.strip() for k in range(start, end + 1) if not lines[k].blank]
        parts[0] = P.DASH_ITEM.match(parts[0]).group(1)
        parts[-1] = P.ARROW_END.sub("", parts[-1])
        notes.append(RawNote(position, " ".join(p.strip() for p in parts if p.strip()), lines[start].no))
    return chunks[0][0], notes


def _numbered_notes(lines: list[Line]) -> tuple[int, list[RawNote]] | None:
    """An indented ``  1. text`` list closing the copy.

    Only the last run that starts at 1 and counts up without a gap is taken:
    an indented numbered list in the body stops before it, and a list that
    does not start at 1 is not the notes.
    """
    k = len(lines) - 1
    first = None
    while k >= 0:
        text = lines[k].text
        if lines[k].blank:
            k -= 1
            continue
        if not text[:1].isspace() or P.BULLET.match(text):
            break
        first = k
        k -= 1
    if first is None:
        return None
    groups: list[tuple[int, list[str], int]] = []  # (number, texts, index)
    for idx in range(first, len(lines)):
        if lines[idx].blank:
            continue
        m = P.NUMBERED_NOTE.match(lines[idx].text)
        if m:
            groups.append((int(m.group(1)), [m.group(2).strip()], idx))
        elif groups:
            groups[-1][1].append(lines[idx].text.strip())
        # indented lines before the first number (a signature) stay in the body
    starts = [g for g, (number, _, _) in enumerate(groups) if number == 1]
    if not starts:
        return None
    run = groups[starts[-1]:]
    if [number for number, _, _ in run] != list(range(1, len(run) + 1)):
        return None
    notes = [RawNote(n, " ".join(texts), lines[idx].no) for n, texts, idx in run]
    return run[0][2], notes


def _drop_notes_heading(head: list[Line]) -> list[Line]:
    last = _prev_filled(head, len(head) - 1)
    if last is not None and P.NOTES_HEADING.match(head[last].text):
        return head[:last]
    return head


# --------------------------------------------------------------------------
# opener
# --------------------------------------------------------------------------

#: more lines than this between title and body are not an opener any more.
_OPENER_MAX = 6


def _read_opener(lines: list[Line], i: int, layout: Layout) -> int | None:
    """Consume the source, classification and dateline lines after the title."""
    i = _next_filled(lines, i)
    taken = 0
    while i is not None and taken < _OPENER_MAX:
        text = lines[i].text.strip()
        if P.INLINE_SOURCE.match(text):
            layout.inline_sources.append(lines[i])
        elif P.CLASSIFICATION.match(text):
            layout.opener.append(OpenerLine("classification", text, lines[i].no))
        elif is_dateline(text):
            layout.opener.append(OpenerLine("dateline", text, lines[i].no))
        elif text.endswith(",") and i + 1 < len(lines) and _two_line_dateline(text, lines[i + 1].text):
            # "Department of State, Washington," / "December 13, 1861."
            joined = f"{text} {lines[i + 1].text.strip()}"
            layout.opener.append(OpenerLine("dateline", joined, lines[i].no))
            i += 1
        else:
            return i
        taken += 1
        i = _next_filled(lines, i + 1)
    return i


def is_dateline(text: str) -> bool:
    return len(text) <= 150 and P.DATELINE.match(text) is not None


def _two_line_dateline(first: str, second: str) -> bool:
    second = second.strip()
    m = P.DATELINE.match(second)
    return bool(m) and m.group("place") is None and is_dateline(f"{first} {second}")


# --------------------------------------------------------------------------


def _next_filled(lines: list[Line], i: int) -> int | None:
    while i < len(lines):
        if not lines[i].blank:
            return i
        i += 1
    return None


def _prev_filled(lines: list[Line], i: int) -> int | None:
    while i >= 0:
        if not lines[i].blank:
            return i
        i -= 1
    return None
