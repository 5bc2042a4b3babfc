"""Cut a text copy into its parts: source lines, title, opener, body, notes.

A copy of a history.state.gov page is one line per paragraph.  The parts
are found from the outside in: the footnote list from the end (it is the
only thing rendered as ``- text↩`` lines or an indented ``  1.`` list, or
in frus's own plain layout a block of unindented "N. text" lines), then
the title from the top (past the older volumes' provenance lines, see
``_find_head``), then the opener lines that follow the title (the editors'
notes, classification, one dateline, which may fill up to three lines).
What is left is the body; ``text_blocks`` gives it structure.
"""

from __future__ import annotations

import re
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
    #: a line of the text standing between the head and the dateline ("Memorandum.")
    held: list[Line] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    """Lines with Windows and old-Mac endings unified and right-trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [Line(i + 1, raw.rstrip()) for i, raw in enumerate(text.split("\n"))]


def lay_out(lines: list[Line]) -> Layout:
    body, notes = split_notes(lines)
    i = _next_filled(body, 0)
    layout = Layout(title=None, notes=notes)
    head = _find_head(body, i)
    while i is not None:
        text = body[i].text.strip()
        if P.PAGE_ONLY.match(text):
            layout.leading_pages.append(body[i])
        elif head is not None:
            if i == head:
                break
            layout.inline_sources.append(body[i])
        elif P.INLINE_SOURCE.match(text) or _editors_note(text):
            layout.inline_sources.append(body[i])  # "[From the London Times of October 26, 1863.]"
        else:
            break
        i = _next_filled(body, i + 1)
    if i is None:
        return layout
    layout.title = body[i]
    i = _read_opener(body, i + 1, layout)
    layout.body = layout.held + (body[i:] if i is not None else [])
    return layout


#: provenance printed above a head is a line or two, never a paragraph
_PROVENANCE_MAX = 160
#: a longer line is a paragraph: the head is not below it
_HEAD_MAX = 600
#: how many filled lines may stand above the head
_PROVENANCE_LINES = 6


def _find_head(lines: list[Line], i: int | None) -> int | None:
    """The head's index when provenance lines stand above it, else None.

    Older volumes print their unmarked opening notes above the head
    ("[Extract.]", "[Inclosure 1 in No. 2.]", "Paris Peace Conf. 180.03401/5",
    "Edward M. House Papers", a bare enclosure label "A."), and no fixed list
    of their forms is ever complete.  The head is the first head-shaped line
    (a kind word, "A to B") among the lines above the dateline, the
    classification or the first paragraph, once the lines that read as
    provenance are passed over: the editors' bracketed notes, file numbers,
    a label above an "A to B" head, a citation ("… Papers", "Inquiry Document
    No. 88") above a fuller head.  "[Untitled]", the website's head for a
    document that has none, is the head wherever it stands.  Every line above
    the head must be short, as provenance is; a long line means the text is
    not laid out so.
    """
    seen: list[int] = []
    if i is None or lines[i].text.lstrip().startswith("<"):
        return None  # markup is refused on its first line
    while i is not None and len(seen) <= _PROVENANCE_LINES:
        text = lines[i].text.strip()
        if not P.PAGE_ONLY.match(text):
            if len(text) > _HEAD_MAX or (seen and _opens(lines, i)):
                break  # a paragraph, or what can only follow a head
            seen.append(i)
        i = _next_filled(lines, i + 1)
    texts = [lines[k].text.strip() for k in seen]
    for k, text in enumerate(texts):
        if text == UNTITLED:
            return seen[k] if k else None
        if not _head_candidate(texts, k):
            continue
        above = seen[:k]
        if not above:
            return None
        if _short(lines, above) and all(_provenance_like(t, text) for t in texts[:k]):
            return seen[k]
        return None
    return None


UNTITLED = "[Untitled]"
#: a citation printed above the head: "Edward M. House Papers", "Truman Library,
#: Truman papers, PSF–Subject file", "Inquiry Document No. 88", "Treaty Series No.
#: 76", a file number "500.A15 a 1/–: Telegram", "123 G 861/178a: Telegram", "IO
#: Files: US(P)/A/260", "Paris Peace Conf. 182/2", a lot "59 D 27, “CIA Estimate …”"
_CITATION = re.compile(
    r"(?i)(?:\bpapers|\bfiles?)(?::\s*\w+)?\.?\d*$|\bNo\.\s*\d+\w*$|^Paris Peace Conf\.|^\d{3}[0-9A-Z]*[./]\S+"
    r"|\S/\S*\d\S*(?::\s*\w+)?$|^\d+ D \d+\b"
)


def _head_candidate(texts: list[str], k: int) -> bool:
    """Can line ``k`` of the opening lines be the head?"""
    text = texts[k]
    if not _shaped(text) or not (text[0].isupper() or text[0].isdigit() or text[0] == "["):
        return False
    if _BRACKETED.match(text) or P.INLINE_SOURCE.match(text):
        return False  # the editors' notes and file numbers: "[Untitled]" is the only bracketed head
    following = texts[k + 1] if k + 1 < len(texts) else None
    if _label(text) and following is not None and (_addressed(following) or _heads_below(texts, k)):
        return False  # "[Translation.]", "No. 2.", then "The Gorogio to Mr. Pruyn"
    if _CITATION.search(text) and following is not None and _fuller_head(following):
        return False  # "Edward M. House Papers" above "The Special Representative (House) to …"
    if _bare_label(text):
        # "I." under a title that has no kind word is a section number, not a head
        return all(_editors_note(t) or P.INLINE_SOURCE.match(t) for t in texts[:k])
    return True


def _heads_below(texts: list[str], k: int) -> bool:
    """Does a head stand below the label at ``k``, past the editors' notes
    ("B.", "[Translation.]", "M. Drouyn de l’Huys to Mr. Deyton"; "A.", "[Untitled]")?"""
    for text in texts[k + 1:]:
        if text == UNTITLED or _addressed(text) or (P.HEAD_WORDS.search(text) and len(text) <= 100):
            return True  # "Circular to consuls.", "Note from Prince Kung."
        if not (_editors_note(text) or P.INLINE_SOURCE.match(text)):
            return False
    return False


def _bare_label(text: str) -> bool:
    return bool(P.LABEL_HEAD.match(text)) and not (P.HEAD_WORDS.search(text) or _addressed(text))


def _fuller_head(text: str) -> bool:
    return _shaped(text) and len(text.split()) >= 4 and not _CITATION.search(text)


def _shaped(text: str) -> bool:
    """Head-shaped, also with the source note's marker glued on ("… Position Paper1")."""
    return P.head_shaped(text) or P.head_shaped(_MARK_ENDING.sub("", text))


_MARK_ENDING = re.compile(r"(?<=[^\d\s])\d{1,3}$")


#: a line wholly in the editors' brackets: "[Extract.]", "[Memorandum in response to …]";
#: "[Page 5]" is the website's, and "[Untitled]" a head (see ``_editors_note``)
_BRACKETED = re.compile(r"^\[[^\[\]]+\]\.?$")


def _editors_note(text: str) -> bool:
    return bool(_BRACKETED.match(text)) and text != UNTITLED and not P.PAGE_ONLY.match(text)


def _provenance_like(text: str, head: str) -> bool:
    """A line that can stand above ``head`` without being a head itself.

    A bare label ("A.") reads as a head on its own, so it counts as
    provenance only above an "A to B" head, which a body paragraph never is.
    """
    if text == UNTITLED:
        return False
    if _BRACKETED.match(text) or not P.head_shaped(text) or P.INLINE_SOURCE.match(text):
        return True
    if _CITATION.search(text) and _fuller_head(head):
        return True
    return _label(text) and (_addressed(head) or head == UNTITLED or bool(P.HEAD_WORDS.search(head)))


def _label(text: str) -> bool:
    """An enclosure label or a despatch number: "A.", "No. 2."."""
    return bool(P.LABEL_HEAD.match(text) or P.INLINE_SOURCE.match(text))


def _addressed(text: str) -> bool:
    """An older "A to B" head, which a body paragraph never is."""
    return len(text) <= 200 and P.SENDER_TO_RECIPIENT.search(text) is not None


def _opens(lines: list[Line], i: int) -> bool:
    """A line that can only follow a head: a dateline or a classification."""
    text = lines[i].text.strip()
    return bool(P.CLASSIFICATION.match(text)) or dateline_at(lines, i) is not None


def _short(lines: list[Line], indices: list[int]) -> bool:
    """Provenance is a line or two; the editors' bracketed notes run longer."""
    def fits(text: str) -> bool:
        return len(text) <= (_HEAD_MAX if _BRACKETED.match(text) else _PROVENANCE_MAX)
    return all(fits(lines[k].text.strip()) for k in indices)


# --------------------------------------------------------------------------
# footnotes
# --------------------------------------------------------------------------


def split_notes(lines: list[Line]) -> tuple[list[Line], list[RawNote]]:
    """The body lines and the footnote list found at the end of the copy."""
    for finder in (_arrow_notes, _numbered_notes, _plain_notes):
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
            groups.append((int(m.group(1)), [(m.group(2) or "").strip()], idx))
        elif groups:
            groups[-1][1].append(lines[idx].text.strip())
        # indented lines before the first number (a signature) stay in the body
    starts = [g for g, (number, _, _) in enumerate(groups) if number == 1]
    if not starts:
        return None
    run = groups[starts[-1]:]
    if [number for number, _, _ in run] != list(range(1, len(run) + 1)):
        return None
    notes = [RawNote(n, " ".join(t for t in texts if t), lines[idx].no) for n, texts, idx in run]
    return run[0][2], notes


#: a note of frus's own plain layout (``frus show --text``): "12. text", unindented
_PLAIN_NOTE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")


def _plain_notes(lines: list[Line]) -> tuple[int, list[RawNote]] | None:
    """The plain layout's notes: a block of "N. text" lines, one per note and
    no blank line between them, after the blank line that closes the text.

    The numbers count up by one from the first printed marker (an older
    volume's "47."); a lone line is a note only as "1.", since a numbered
    paragraph ending a text laid out with blank lines stands alone too.
    """
    end = _prev_filled(lines, len(lines) - 1)
    if end is None:
        return None
    start = end
    while start - 1 >= 0 and not lines[start - 1].blank:
        start -= 1
    if start == 0:
        return None  # no blank line above: not the plain layout
    found = [_PLAIN_NOTE.match(lines[k].text) for k in range(start, end + 1)]
    if not all(found):
        return None
    numbers = [int(m.group(1)) for m in found]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or (len(numbers) == 1 and numbers[0] != 1):
        return None
    notes = [RawNote(k, m.group(2).strip(), lines[start + k - 1].no) for k, m in enumerate(found, 1)]
    return start, notes


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
    """Consume the source, classification and dateline lines after the title.

    A document has one dateline: a second date-shaped line is the text's
    ("Your No. 16, October 21, 12 p.m.").
    """
    i = _next_filled(lines, i)
    taken = 0
    dated = False
    while i is not None and taken < _OPENER_MAX:
        text = lines[i].text.strip()
        if P.INLINE_SOURCE.match(text):
            layout.inline_sources.append(lines[i])
        elif P.CLASSIFICATION.match(text):
            layout.opener.append(OpenerLine("classification", text, lines[i].no))
        elif not dated and (found := dateline_at(lines, i, below_head=True)) is not None:
            end, joined = found
            layout.opener.append(OpenerLine("dateline", joined, lines[i].no))
            dated = True
            i = end
        elif _editors_note(text) and _opener_follows(lines, i):
            # the editors' note between head and dateline: "[Handed to the Secretary
            # of State by the French chargé d’affaires, … October 4, 1900.—Translation.]"
            layout.inline_sources.append(lines[i])
        elif not dated and not layout.held and _subtitle(text) and _dateline_next(lines, i):
            # a line of the text between head and dateline, kept in the text:
            # "[Untitled]", "Memorandum.", "Paris, May 27, 1864."
            layout.held.append(lines[i])
        else:
            return i
        taken += 1
        i = _next_filled(lines, i + 1)
    return i


#: how many lines a dateline's place may fill above its date ("Office of United
#: States Marshal," / "Territory of Arizona," / "Tucson, Arizona, October 12, 1881.")
_PLACE_LINES = 2
_RECEIVED_LINE = re.compile(r"^[\[(]Rec(?:eived|[’']d)\b[^\[\]()]{0,80}[\])]\.?$")


def dateline_at(lines: list[Line], i: int, *, below_head: bool = False) -> tuple[int, str] | None:
    """The dateline starting at line ``i``: (index of its last line, its text on one line).

    The website keeps the printed line breaks of a dateline, so its place
    may stand on lines of its own above the date ("Legation of the United
    States" / "Buenos Ayres, February 10, 1882."; the numbered layout puts a
    blank line between them) and the receipt on a line below it
    ("(Received January 3, 1882.)").  ``below_head``: the head is known to
    stand above, so a place line may read like one ("Commissioner of the
    United States to China.").
    """
    parts: list[str] = []
    k: int | None = i
    for _ in range(_PLACE_LINES + 1):
        if k is None:
            return None
        text = lines[k].text.strip()
        joined = " ".join([*parts, text])
        if (not parts or P.match_dateline(text)) and is_dateline(joined):
            end = k
            nxt = _next_filled(lines, k + 1)
            if nxt is not None and _RECEIVED_LINE.match(lines[nxt].text.strip()):
                end, joined = nxt, f"{joined} {lines[nxt].text.strip()}"
            return end, joined
        if not _place_line(text, strict=not below_head):
            return None
        parts.append(text)
        k = _next_filled(lines, k + 1)
    return None


def _subtitle(text: str) -> bool:
    """A short line that is no sentence leading into the text ("Memorandum.",
    "Notice to the consuls in China.", not "The text follows:")."""
    return len(text) <= _PROVENANCE_MAX and not text.endswith(":") and not P.PAGE_ONLY.match(text)


def _dateline_next(lines: list[Line], i: int) -> bool:
    """Does a dateline follow line ``i``, past the editors' notes ("[Translation.]")?"""
    j = _next_filled(lines, i + 1)
    for _ in range(_OPENER_MAX):
        if j is None:
            return False
        if dateline_at(lines, j, below_head=True) is not None:
            return True
        text = lines[j].text.strip()
        if not (_editors_note(text) or P.INLINE_SOURCE.match(text)):
            return False
        j = _next_filled(lines, j + 1)
    return False


def _opener_follows(lines: list[Line], i: int) -> bool:
    """Is line ``i`` followed, past other such notes, by a dateline or a classification?"""
    j = _next_filled(lines, i + 1)
    for _ in range(_OPENER_MAX):
        if j is None:
            return False
        text = lines[j].text.strip()
        if P.CLASSIFICATION.match(text) or dateline_at(lines, j, below_head=True) is not None:
            return True
        if not (_editors_note(text) or P.INLINE_SOURCE.match(text)):
            return False
        j = _next_filled(lines, j + 1)
    return False


def _place_line(text: str, *, strict: bool = True) -> bool:
    """A line that can be a dateline's place: short, and named like an office or a
    town ("Legation of the United States", "Department of State.",
    "Commissioner of the United States to China,"), not a sentence."""
    words = text.rstrip(",.").split()
    if not words or len(text) > 100 or text.endswith(":") or P.CLASSIFICATION.match(text) or P.INLINE_SOURCE.match(text):
        return False
    if strict and P.head_shaped(text) and not text.endswith(","):
        return False  # the head above a one-line dateline
    words = [w.lstrip("“\"‘") or w for w in words]  # "“Legation of the United States,"
    capitals = sum(1 for w in words if w[0].isupper())
    return words[0][0].isupper() and 2 * capitals >= len(words)


def is_dateline(text: str) -> bool:
    """A dateline, unless what stands before the date opens with a kind word:
    "Minutes of the Fifth Meeting …, Paris, September 25, 1948, 9:15 a. m."
    is a head, "Extract from an article … Saturday, April 26, 1845." a sentence."""
    if len(text) > 150:
        return False
    m = P.match_dateline(text)
    place = m and (m.group("place") or m.group("bplace"))
    return m is not None and not (place and P.HEAD_WORDS.match(place))


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
