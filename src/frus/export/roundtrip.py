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

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from frus.errors import IngestError
from frus.export.tei_layout import DocLayout
from frus.export.text import UNTITLED, render_text
from frus.extract import enrich_document, enrich_volume
from frus.ingest.text import parse_text
from frus.model import DocDate, Document, Volume

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
    #: field → (TEI value, value read back) where the TEI record rests on what no
    #: copy shows and the copy gives what the printed text alone gives (:func:`carried`)
    uncarried: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        """The same record on every compared field a copy can carry."""
        return self.error is None and not self.differences

    @property
    def same_record(self) -> bool:
        """The same record on every compared field, even those a copy cannot carry."""
        return self.identical and not self.uncarried


def read_back(doc: Document, style: str, *, numbered: bool | None = None, layout: DocLayout | None = None,
              documents: Mapping[str, Document] | None = None) -> Document:
    """The document rendered in ``style`` and read by the text-copy reader and extraction.

    ``layout`` (:func:`frus.export.tei_layout.read_layout`) says what the
    website shows that the model does not keep: whether the head prints the
    number (unless ``numbered`` says), where the unmarked notes stand and
    which blocks stand above the head;
    ``documents`` (the volume's, by local id) supply the documents nested in
    this one, which the website prints in full where they stand.
    Raises :class:`~frus.errors.IngestError` when the reader refuses the text.
    """
    text = render_text(doc, style, numbered=numbered, layout=layout, documents=documents)
    parsed = parse_text(text, path=f"{doc.volume_id}-{doc.local_id}.txt")
    # the stub volume ingest would create: a copy knows nothing of its volume's title
    return enrich_volume(parsed).documents[0]


def round_trip(doc: Document, style: str, *, numbered: bool | None = None,
               layout: DocLayout | None = None, documents: Mapping[str, Document] | None = None,
               volume: Volume | None = None) -> RoundTrip:
    """Compare ``doc`` (read from TEI and enriched, with ``volume`` when given)
    with its text copy read back."""
    if layout is not None and numbered is None:
        numbered = layout.numbered
    try:
        back = read_back(doc, style, numbered=numbered, layout=layout, documents=documents)
    except IngestError as err:
        return RoundTrip(doc.id, style, error=err.reason)
    shows_number = bool(doc.number) if numbered is None else numbered and bool(doc.number)
    want = comparable(doc, number=doc.number if shows_number else None, documents=documents)
    got = comparable(back, number=back.number)
    diffs = {name: (want[name], got[name]) for name in FIELDS if want[name] != got[name]}
    uncarried: dict[str, tuple[Any, Any]] = {}
    if diffs.keys() & UNCARRIED_FIELDS:
        # the record must follow from its own inputs (a record that contradicts
        # them is simply wrong) and the copy must give what the print alone gives
        printed = comparable(carried(doc), number=None)
        rederived = comparable(enrich_document(doc, volume=volume), number=None)
        for name in sorted(diffs.keys() & UNCARRIED_FIELDS):
            if printed[name] == got[name] and rederived[name] == want[name]:
                uncarried[name] = diffs.pop(name)
    if "pages" in diffs and _same_but_the_first_page(*diffs["pages"]):
        uncarried["pages"] = diffs.pop("pages")
    return RoundTrip(doc.id, style, diffs, copy=back, uncarried=uncarried)


#: the fields whose TEI value may rest on what no copy shows
UNCARRIED_FIELDS = frozenset({"date", "type"})


def _same_but_the_first_page(want, got) -> bool:
    """The same page breaks, and only the page the document starts on differs.

    That page is the one before the first ``[Page N]`` marker, which the
    website prints nowhere: a copy takes it to be N−1, while the TEI knows the
    last page break before the document, which may be unnumbered ("[31]",
    the first page of a chapter) or not N−1 at all (a page the encoders skipped).
    """
    (want_pages, want_markers), (got_pages, got_markers) = want, got
    return (want_markers == got_markers and bool(want_pages) and bool(got_pages)
            and want_pages[0] not in want_markers and got_pages[0] not in got_markers
            and want_pages[1:] == got_pages[1:])


def carried(doc: Document) -> Document:
    """The TEI record as its printed text alone gives it: what a perfect copy reader would get.

    A copy from the website shows the head, the text and the notes, not the
    encoders' ``@when``/``@from``/``@to`` (which may read a date differently
    from the dateline, or date a document that prints none), not the chapter
    heads above the document (the microfiche supplement's "January 1962",
    frus1864p3's "FRENCH LEGATION." that makes its letters notes) and not the
    volume's title, whose years can widen the id's ("SALT II, 1972–1980"):
    the copy's stub volume knows only its id.
    """
    return enrich_document(replace(doc, date=DocDate(), path=()), volume=_stub(doc.volume_id))


def _stub(volume_id: str) -> Volume:
    return Volume(id=volume_id, title=volume_id, origin="text")


def comparable(doc: Document, *, number: str | None, documents: Mapping[str, Document] | None = None) -> dict[str, Any]:
    """The compared fields of one document, in a form where equal means the same."""
    return {
        "number": number,
        "title": " ".join((doc.title or UNTITLED).split()),
        "type": doc.type,
        "from": tuple((p.role, p.name) for p in doc.senders),
        "to": tuple((p.role, p.name) for p in doc.recipients),
        "date": _date_key(doc.date),
        "footnotes": sum(1 for n in doc.footnotes if n.n),
        "pages": _pages(doc, documents),
    }


def page_markers(doc: Document, documents: Mapping[str, Document] | None = None) -> tuple[str, ...]:
    """The printed page breaks in reading order: body, then notes.  The
    documents nested in this one (``documents``, by local id) count where
    they stand, since the website prints them there."""
    body = [run.text for run in _body_runs(doc.body, documents or {}) if run.kind == "pb" and run.text]
    notes = [run.text for note in doc.footnotes for run in note.inlines if run.kind == "pb" and run.text]
    return tuple(body + notes)


def _body_runs(blocks, documents: Mapping[str, Document]):
    for block in blocks:
        ref = next((r for r in block.inlines if r.kind == "ref"), None) if block.rend == "nested-document" else None
        nested = documents.get((ref.target or "").lstrip("#")) if ref is not None else None
        if nested is not None:
            yield from _body_runs(nested.body, documents)
            continue
        yield from block.inlines
        yield from _body_runs(block.children, documents)


def _pages(doc: Document, documents: Mapping[str, Document] | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(pages spanned, markers).  A document with no page break inside it
    shows no marker, so its copy cannot know its page: pages count as ()."""
    markers = page_markers(doc, documents)
    return (tuple(doc.pages) if markers else (), markers)


def _date_key(d: DocDate) -> tuple[str | None, str | None, str | None]:
    """The days of the range, and its clock times when it is one to the minute.

    The current encoding writes a whole day as two instants with an offset
    ("…T00:00:00-05:00" to "…T23:59:59-05:00"); a copy's "April 25, 1864"
    is the same day.
    """
    lo, hi = d.min, d.max
    times = f"{lo[11:16]}–{hi[11:16]}" if _clocked(d) else None
    return (lo[:10] if lo else None), (hi[:10] if hi else None), times


def _clocked(d: DocDate) -> bool:
    """Does the range give clock times?  A span of hours within a day
    ("October 31, 1972, 4:05–5:47 p.m.") counts whatever its ``precision``
    says: the TEI reader calls one encoded as ``@from``/``@to`` a ``range``,
    the dateline parse a ``minute``, and both carry the same two instants."""
    lo, hi = d.min or "", d.max or ""
    if d.precision == "minute":
        return bool(lo and hi)
    return d.precision == "range" and "T" in lo and "T" in hi and lo[:10] == hi[:10]
