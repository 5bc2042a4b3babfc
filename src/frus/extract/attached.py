"""A lower bound for an undated document: the day its attachment was forwarded.

The one narrow rule, for documents without a dateline (text copies above
all): when the document says something is attached ("Attached is a fact
sheet prepared by Art Downey …") and the note anchored in that very
sentence dates the forwarding of that item ("In a memorandum forwarding
the status report to Haig on October 28, Sonnenfeldt argued …"), the
document was written with the item in hand, so not before that day.

Why so narrow: dates in notes in general are no bound.  The rule "the
earliest date any footnote prints bounds the document below" holds for
only about three in four dated documents, because notes also date earlier
papers the document answers (which do bound it) and *later* reactions,
replies and the whole file (which do not).  The forwarding of the item
the document itself says it carries is different: the item reached the
writer before he wrote "Attached is".  ``benchmarks/eval.py`` measures how
often the rule holds on TEI-dated documents with their datelines removed
(see ``docs/extraction.md``).

What the rule needs, all of it:

1. a sentence of the body opening "Attached is/are …", "Attached at Tab A
   is …", "Enclosed is …", "I am attaching/enclosing …", "I attach/enclose …";
2. a footnote whose marker stands in that sentence (up to the next full
   stop after it);
3. the note's first sentence names a forwarding ("forwarding",
   "forwarded", "transmitting", "transmitted", "covering") and one date
   ("on October 28", "October 28, 1970", "dated October 28").

A date without a year takes the earliest year the document can be from,
so the bound stays a lower bound whichever year it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from frus.extract.dates import MONTHS
from frus.model import Block, Document, Footnote

_ATTACHED = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Attached\s+(?:at\s+Tab\s+\w+\s+)?(?:is|are|please\s+find|herewith|hereto)\b|"
    r"Enclosed\s+(?:is|are|herewith)\b|I\s+(?:am\s+)?(?:attaching|enclosing|attach|enclose)\b)"
)
_FORWARDING = re.compile(r"\b(?:forwarding|forwarded|transmitting|transmitted|covering|sent)\b", re.I)
#: the item's own date: "The attached CIA memorandum, OCI No. 0581/63, dated January 14, …"
_DATED = re.compile(r"\bdated\s+(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b")
_DATED_OPENING = re.compile(r"^Dated\s+")
_MONTH = r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_NOTE_DATE = re.compile(_MONTH + r"\s+(?P<d>[0-3]?\d)(?:,\s*(?P<y>1[7-9]\d\d|20\d\d))?\b")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bNo)(?<!\bMr)(?<!\bDr)[.!?](?=\s|$)")


@dataclass(frozen=True, slots=True)
class AttachedBound:
    """The day the attached item was forwarded, and the note that says so."""

    day: date
    marker: str
    #: the note's clause that dates the forwarding, as printed
    evidence: str


def forwarding_bound(doc: Document, first_year: int) -> AttachedBound | None:
    """The lower bound the rule gives for ``doc``, or None when it does not apply.

    ``first_year`` is the earliest year the document can be from (a date
    printed without its year is put in that year).
    """
    notes = {n.id: n for n in doc.footnotes}
    for block in _paragraphs(doc.body):
        text, markers = _text_with_markers(block)
        for m in _ATTACHED.finditer(text):
            end = _SENTENCE_END.search(text, m.end())
            stop = end.end() if end else len(text)
            for pos, note_id in markers:
                # a marker glued after the full stop still belongs to the sentence
                if m.start() <= pos <= stop + 1 and note_id in notes:
                    found = _forwarded_on(notes[note_id], first_year)
                    if found is not None:
                        return found
    return None


def _forwarded_on(note: Footnote, first_year: int) -> AttachedBound | None:
    text = " ".join(note.text.split())
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"(])", text, maxsplit=1)[0]
    if _DATED_OPENING.match(first):
        # "Dated May 10, 1948, and July 6, 1948, neither printed.": every
        # attached item predates the document, so the latest date bounds it
        dates = list(_NOTE_DATE.finditer(first))
    elif _FORWARDING.search(first) or _DATED.search(first):
        dates = list(_NOTE_DATE.finditer(first))
        if len(dates) != 1:
            return None  # two dates in the clause: which one is the forwarding is a guess
    else:
        return None
    days = [d for d in (_day(m, first_year) for m in dates) if d is not None]
    if not days:
        return None
    return AttachedBound(max(days), note.n, first)


def _day(m: re.Match[str], first_year: int) -> date | None:
    month = MONTHS[m["m"].lower().rstrip(".")]
    try:
        return date(int(m["y"]) if m["y"] else first_year, month, int(m["d"]))
    except ValueError:
        return None


def _paragraphs(blocks: tuple[Block, ...]):
    for block in blocks:
        if block.kind == "paragraph":
            yield block
        elif block.kind in ("opener", "quote") or (block.children and block.kind != "attachment"):
            # an attachment's own "Attached is" speaks of the attachment's enclosures
            yield from _paragraphs(block.children)


def _text_with_markers(block: Block) -> tuple[str, list[tuple[int, str]]]:
    """The paragraph's text and, for each note marker, its offset in that text."""
    parts: list[str] = []
    markers: list[tuple[int, str]] = []
    size = 0
    for run in block.inlines:
        if run.kind == "noteref":
            markers.append((size, run.target or ""))
        elif run.kind in ("text", "person", "term", "ref"):
            parts.append(run.text)
            size += len(run.text)
        elif run.kind in ("lb", "pb"):
            parts.append(" ")
            size += 1
    return "".join(parts), markers
