"""Render a TEI document as a text copy, read it back, and compare.

A text copy and its TEI volume must give the same record (issue 3).  The
strongest check available without hand labels: render every TEI document
the way history.state.gov shows it (:func:`frus.export.text.render_text`,
``dash`` and ``numbered`` layouts), read the text with the text-copy
reader and the same extraction stage, and compare the fields a copy can
carry:

=============  ============================================================
``number``     the printed number, where the head prints it (older
               volumes' heads do not, so their copies have none)
``title``      the head, whitespace-normalised ("[Untitled]" when there is none,
               as the website heads such a document)
``type``       the document type slug
``from``       senders as (role, name) pairs
``to``         recipients as (role, name) pairs
``date``       the days of ``min`` and ``max``, and their clock times when
               the date is precise to the minute
``footnotes``  how many notes carry a printed marker (the list at the foot;
               older volumes' unmarked provenance lines are not in it)
``pages``      the ``[Page N]`` markers in order, and the pages spanned
               (only when there is a marker: a copy of a document that sits
               on one page shows no page number at all)
=============  ============================================================

Nothing is written to disk: the text is parsed in memory under the file
name a copy of that document would have (``VOLUME-dN.txt``), so the id
comes back the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frus.errors import IngestError
from frus.export.text import UNTITLED, render_text
from frus.extract import enrich_volume
from frus.ingest.text import parse_text
from frus.model import DocDate, Document, iter_inlines

FIELDS = ("number", "title", "type", "from", "to", "date", "footnotes", "pages")
WEB_STYLES = ("dash", "numbered")


@dataclass(frozen=True, slots=True)
class RoundTrip:
    """One document through one layout and back."""

    doc_id: str
    style: str
    #: field → (TEI value, value read back), only for fields that differ
    differences: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: the reader's one-line refusal, when it refused the rendered text
    error: str | None = None
    #: the document as read back (None when refused), to explain a difference
    copy: Document | None = field(default=None, compare=False, repr=False)

    @property
    def identical(self) -> bool:
        return self.error is None and not self.differences


def read_back(doc: Document, style: str, *, numbered: bool | None = None) -> Document:
    """The document rendered in ``style`` and read by the text-copy reader and extraction.

    Raises :class:`~frus.errors.IngestError` when the reader refuses the text.
    """
    text = render_text(doc, style, numbered=numbered)
    parsed = parse_text(text, path=f"{doc.volume_id}-{doc.local_id}.txt")
    # the stub volume ingest would create: a copy knows nothing of its volume's title
    return enrich_volume(parsed).documents[0]


def round_trip(doc: Document, style: str, *, numbered: bool | None = None) -> RoundTrip:
    """Compare ``doc`` (read from TEI and enriched) with its text copy read back."""
    try:
        back = read_back(doc, style, numbered=numbered)
    except IngestError as err:
        return RoundTrip(doc.id, style, error=err.reason)
    shows_number = bool(doc.number) if numbered is None else numbered and bool(doc.number)
    want = comparable(doc, number=doc.number if shows_number else None)
    got = comparable(back, number=back.number)
    diffs = {name: (want[name], got[name]) for name in FIELDS if want[name] != got[name]}
    return RoundTrip(doc.id, style, diffs, copy=back)


def comparable(doc: Document, *, number: str | None) -> dict[str, Any]:
    """The compared fields of one document, in a form where equal means the same."""
    return {
        "number": number,
        "title": " ".join((doc.title or UNTITLED).split()),
        "type": doc.type,
        "from": tuple((p.role, p.name) for p in doc.senders),
        "to": tuple((p.role, p.name) for p in doc.recipients),
        "date": _date_key(doc.date),
        "footnotes": sum(1 for n in doc.footnotes if n.n),
        "pages": _pages(doc),
    }


def page_markers(doc: Document) -> tuple[str, ...]:
    """The printed page breaks in reading order: body, then notes."""
    body = [run.text for run in iter_inlines(doc.body) if run.kind == "pb" and run.text]
    notes = [run.text for note in doc.footnotes for run in note.inlines if run.kind == "pb" and run.text]
    return tuple(body + notes)


def _pages(doc: Document) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(pages spanned, markers).  A document with no page break inside it
    shows no marker, so its copy cannot know its page: pages count as ()."""
    markers = page_markers(doc)
    return (tuple(doc.pages) if markers else (), markers)


def _date_key(d: DocDate) -> tuple[str | None, str | None, str | None]:
    """The days of the range, and its clock times when it is one to the minute.

    The current encoding writes a whole day as two instants with an offset
    ("…T00:00:00-05:00" to "…T23:59:59-05:00"); a copy's "April 25, 1864"
    is the same day.
    """
    lo, hi = d.min, d.max
    times = f"{lo[11:16]}–{hi[11:16]}" if d.precision == "minute" and lo and hi else None
    return (lo[:10] if lo else None), (hi[:10] if hi else None), times
