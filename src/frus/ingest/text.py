"""Read a document copied as text from a history.state.gov page.

``read_text(path)`` gives a ``ParsedVolume`` holding one ``Document``.
The copy has lost its markup, so every structural fact is recovered from
the shape of the text; the rules, in the order they are applied:

Identity
    ``VOLUME-dN[anything].txt`` names the document (``frus1969-76v01-d39-a.txt``
    → ``frus1969-76v01/d39``).  Otherwise ``doc_id="volume/dN"`` does.
    Otherwise the id is ``text-<first 12 hex digits of the SHA-1 of the
    text>/d1``: the text is hashed after decoding and unifying line ends,
    so a UTF-8 copy and its Windows-1252 twin get the same id.  The volume
    is a stub: its title is its id, because a copy never says more.  The
    head's leading "33." is the printed number; in a copy named ``dN`` a
    leading number other than N is part of the head ("1. Sir Edward
    Thornton to Mr. Fish." is frus1873p2v3 d20).

Encoding
    UTF-8 (BOM or not), UTF-16 with a BOM, then Windows-1252; the codec used
    is logged at DEBUG level on ``frus.ingest.text``, never warned about.

Is it a FRUS document?
    Its head (the first line after any file-number lines) must look like a
    FRUS head — a document-type word such as *Memorandum*, *Telegram*,
    *Note*, or the *A to B* form of older volumes — and the copy must show
    at least one other FRUS mark: a printed number ("33."), a ``VOLUME-dN``
    file name or a ``doc_id``, a footnote list, a file-number or despatch
    line, a dateline, a ``[Page N]`` marker or a SUBJECT/PARTICIPANTS list.
    A numbered head whose number equals the ``dN`` named by the file or
    ``doc_id`` is accepted whatever its words, and so is any head of a copy
    so named that shows one of the marks after the name (an older head such
    as "Land courts." has no kind word).  Markup (a first line
    starting with ``<``), a head over 600 characters, a file over 20 MiB,
    an empty, binary or undecodable file are refused, each with one line.

Pages
    ``pages`` are the ``[Page N]`` markers in reading order (notes
    included), preceded by N−1 for an arabic first marker ("[Page [506]]",
    a page whose number is not printed, counts as 506): the title is printed
    before the first break, so the document starts on the page before it.  A marker standing before the title (the break falls just
    above the head) is itself the first page.  Without a marker the pages
    are unknown and left empty.

Dates
    The dateline's place, date and time are kept as printed; ``date.min``
    and ``max`` are filled only for a literal ISO date, because turning
    "October 28, 1970" into a range is the extraction stage's job.

Footnotes and markers: see ``text_markers`` (which digits are markers)
and ``text_layout`` (how the list is found).  A note's id is the local
id, ``fn`` and its printed number, like the TEI's, so a copy of an older volume
gets ``d18fn47`` when the text shows marker 47 for the note listed as 1.
Older volumes' inline source lines ("File No. 763.72119/987", "No. 144.]")
become the source note ``dNfn-1`` (the TEI reader's id for a first note
without a printed marker), with ``anchored`` False: no marker for it
appears in the text.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from frus.errors import IngestError
from frus.ingest import text_patterns as P
from frus.ingest.text_blocks import Proto, build_body, scan_all
from frus.ingest.text_decode import decode_copy
from frus.ingest.text_inline import render, scan
from frus.ingest.text_layout import Layout, RawNote, lay_out, split_lines
from frus.ingest.text_markers import Resolution, resolve
from frus.model import (
    Block,
    Classification,
    DocDate,
    Document,
    Footnote,
    ParsedVolume,
    Volume,
    inline_text,
    iter_inlines,
)

log = logging.getLogger(__name__)

_NAME_ID = re.compile(r"^(?P<vol>[A-Za-z][A-Za-z0-9-]*?)-(?P<doc>d\d+[A-Za-z]?)(?=$|[-_.\s])")
_DOC_ID = re.compile(r"^(?P<vol>[A-Za-z][A-Za-z0-9-]*)/(?P<doc>d\d+[A-Za-z]?)$")
#: the microfiche supplement's heads carry their whole citation (up to 517
#: characters in frus1961-63v07-09mSupp); a longer line is a paragraph
_MAX_TITLE = 600
#: the longest FRUS document in the corpus (frus1902app1 d6) is under 0.5 MB of
#: text; a file forty times that is not a copied page.
MAX_BYTES = 20 << 20


def read_text(path: str | Path, *, doc_id: str | None = None) -> ParsedVolume:
    """Read one text copy; raise ``IngestError`` (one line) for bad input."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            limit = MAX_BYTES >> 20
            raise IngestError(str(path), f"too large for a text copy of one document (over {limit} MiB)")
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(str(path), f"cannot read file: {err.strerror or err}") from None
    decoded = decode_copy(data, path)
    log.debug("%s: decoded as %s", path, decoded.encoding)
    return parse_text(decoded.text, path=path, doc_id=doc_id)


def parse_text(text: str, *, path: str | Path, doc_id: str | None = None) -> ParsedVolume:
    """The reader behind ``read_text`` for text already decoded."""
    path = Path(path)
    lines = split_lines(text.lstrip("\ufeff"))
    layout = lay_out(lines)
    if layout.title is None:
        raise IngestError(str(path), "not a FRUS document: no title line after the file-number lines")
    volume_id, local_id, named = _identify(path, doc_id, lines)

    head = layout.title.text.strip()
    numbered = P.NUMBERED_TITLE.match(head)
    if numbered and named and numbered.group(1).lower() != local_id[1:].lower():
        # the document is dN: "1. Sir Edward Thornton to Mr. Fish." heading
        # frus1873p2v3 d20 numbers a series inside it, and stays in the title
        numbered = None
    number, title = (numbered.group(1), numbered.group(2).strip()) if numbered else (None, head)

    leading = [Proto("pagebreak", line.text.strip(), line=line.no) for line in layout.leading_pages]
    body = leading + build_body(layout.opener, layout.body)
    _check_frus(path, layout, body, number, title, named, local_id)

    candidates = scan_all(body)
    resolution = resolve(title, number is not None, candidates, len(layout.notes))
    accepted = {c: f"{local_id}fn{v}" for c, v in resolution.accepted.items()}
    footnotes = _footnotes(local_id, layout, resolution)
    blocks = tuple(p.to_block(accepted) for p in body)

    place, dateline, date = _dateline(layout)
    document = Document(
        id=f"{volume_id}/{local_id}",
        volume_id=volume_id,
        local_id=local_id,
        number=number,
        title=resolution.title,
        place=place,
        dateline=dateline,
        date=date,
        body=blocks,
        footnotes=footnotes,
        pages=_pages(blocks, footnotes, start_printed=bool(leading)),
        subject=_subject(blocks),
        classification=_classification(layout),
        origin="text",
    )
    volume = Volume(id=volume_id, title=volume_id, source_path=str(path), document_count=1, origin="text")
    return ParsedVolume(volume=volume, documents=(document,))


# --------------------------------------------------------------------------


def _identify(path: Path, doc_id: str | None, lines) -> tuple[str, str, bool]:
    """(volume id, local id, whether the id was given rather than hashed)."""
    m = _NAME_ID.match(path.stem)
    if m:
        return m.group("vol"), m.group("doc"), True
    if doc_id is not None:
        m = _DOC_ID.match(doc_id.strip())
        if not m:
            raise IngestError(str(path), f"doc_id {doc_id!r} is not of the form 'volume/dN'")
        return m.group("vol"), m.group("doc"), True
    normalised = "\n".join(line.text for line in lines).strip()
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:12]
    return f"text-{digest}", "d1", False


def _check_frus(path, layout: Layout, body: list[Proto], number, title, named, local_id) -> None:
    line = layout.title.no
    head = layout.title.text.strip()
    if head.startswith("<"):
        reason = "not a FRUS text copy: this is markup (read TEI with the TEI reader)"
        raise IngestError(str(path), reason, line)
    if len(head) > _MAX_TITLE:
        reason = f"not a FRUS document: line {line} is too long for a document head"
        raise IngestError(str(path), reason, line)
    if number is not None and named and local_id == f"d{number}":
        return
    # a leading number that is not the document's own says nothing: the words must
    unnumbered = P.NUMBERED_TITLE.match(title)
    head_shaped = P.head_shaped(unnumbered.group(2) if unnumbered else title)
    marks = (
        number is not None,
        named,
        bool(layout.notes),
        bool(layout.inline_sources),
        bool(layout.opener),
        any(P.PAGE.search(n.text) for p in body for n in p.walk()),
        any(p.kind == "list" and p.rend in ("subject", "participants") for p in body),
    )
    if head_shaped and any(marks):
        return
    if named and any(marks[2:]):
        # an older head without a kind word ("Land courts.", "State Attorneyship."),
        # in a copy named as a FRUS document that shows the edition's apparatus
        return
    why = "no FRUS document-type word or 'A to B' form" if not head_shaped else "no other FRUS mark"
    raise IngestError(
        str(path),
        f"not a FRUS document: head {head[:40]!r} ({why}; see frus.ingest.text)",
        line,
    )


def _footnotes(local_id: str, layout: Layout, resolution: Resolution) -> tuple[Footnote, ...]:
    notes: list[Footnote] = []
    if layout.inline_sources:
        text = " ".join(line.text.strip() for line in layout.inline_sources)
        notes.append(_note(f"{local_id}fn-1", "", text, source=True, anchored=False))
    anchored = resolution.anchored()
    for raw in layout.notes:
        printed = resolution.printed(raw.position)
        notes.append(_from_raw(local_id, raw, printed, printed in anchored))
    return tuple(notes)


def _from_raw(local_id: str, raw: RawNote, printed: int, anchored: bool) -> Footnote:
    return _note(f"{local_id}fn{printed}", str(printed), raw.text,
                 source=raw.text.startswith("Source:"), anchored=anchored)


def _note(note_id: str, n: str, text: str, *, source: bool, anchored: bool) -> Footnote:
    inlines = render(scan(text, markers=False), {})
    return Footnote(
        id=note_id,
        n=n,
        text=inline_text(inlines),
        inlines=inlines,
        is_source=source,
        kind="source" if source else "unknown",
        anchored=anchored,
    )


def _pages(blocks: tuple[Block, ...], footnotes: tuple[Footnote, ...], *, start_printed: bool) -> tuple[str, ...]:
    seen = [run.text for run in iter_inlines(blocks) if run.kind == "pb"]
    for note in footnotes:
        seen.extend(run.text for run in note.inlines if run.kind == "pb")
    pages = list(dict.fromkeys(seen))
    first = pages[0].strip("[]") if pages else ""
    if pages and not start_printed and first.isdigit() and int(first) > 1:
        previous = str(int(first) - 1)
        if previous not in pages and f"[{previous}]" not in pages:
            pages.insert(0, previous)
    return tuple(pages)


def _dateline(layout: Layout) -> tuple[str | None, str | None, DocDate]:
    line = next((o for o in layout.opener if o.kind == "dateline"), None)
    if line is None:
        return None, None, DocDate()
    m = P.match_dateline(line.text)
    date_text = m.group("date")
    time = m.group("time").strip(" ,—–-") if m.group("time") else None
    if P.ISO_DATE.match(date_text):
        date = DocDate(min=date_text, max=date_text, text=date_text, precision="day",
                       basis="dateline", time=time)
    else:
        date = DocDate(text=date_text, time=time)
    return m.group("place") or m.group("bplace"), line.text, date


def _subject(blocks: tuple[Block, ...]) -> str | None:
    for block in blocks:
        if block.kind == "list" and block.rend == "subject":
            items = [c.text() for c in block.children if c.kind == "item"]
            return "; ".join(i for i in items if i) or None
    return None


def _classification(layout: Layout) -> Classification:
    line = next((o for o in layout.opener if o.kind == "classification"), None)
    if line is None:
        return Classification()
    m = P.CLASSIFICATION.match(line.text)
    caveats = tuple(c.strip().title() for c in re.split(r"[;,—–-]", m.group("caveats")) if c.strip())
    return Classification(level=m.group("level").title(), caveats=caveats)
