"""Metadata extraction: the stage between the readers and the store.

Readers give each document its raw apparatus (title, dateline, footnotes,
body); this stage derives what FRUS does not encode as data.  TEI documents
and text copies pass through the same function, :func:`enrich_document`,
so both give the same record.

=================  ========================================================
field              module (rules in its docstring)
=================  ========================================================
``type``           :mod:`frus.extract.doctype` — a fixed vocabulary of slugs
``senders``,       :mod:`frus.extract.parties` — the title's grammar
``recipients``
``subject``        :mod:`frus.extract.subject` — the SUBJECT list or line
``date``           :mod:`frus.extract.dates` — TEI min/max kept, the
                   printed dateline parsed, else a bounded inferred range
``source``         :mod:`frus.extract.source_note` — the archival citation
``classification`` :mod:`frus.extract.classification` — source note sentence,
                   inline note or the opener's smallcaps word
footnote ``kind``  :mod:`frus.extract.footnotes` — ordered rules
=================  ========================================================

Participants of a memorandum of conversation are neither senders nor
recipients and the model has no field for them; :func:`participants`
reads them from the body on demand.
"""

from __future__ import annotations

import re
from dataclasses import replace

from frus.extract import classification as _classification
from frus.extract._text import sentences, squeeze
from frus.extract.dates import complete, infer_date, parse_date_text
from frus.extract.doctype import TYPES, classify
from frus.extract.footnotes import KINDS, footnote_kind
from frus.extract.parties import parse_title
from frus.extract.source_note import parse_citation
from frus.extract.subject import participants_of, prefix_text, subject_of
from frus.model import (
    Block,
    Classification,
    DocDate,
    Document,
    Footnote,
    ParsedVolume,
    Party,
    SourceCitation,
    Volume,
)

__all__ = ["KINDS", "TYPES", "enrich_document", "enrich_volume", "parse_date_text", "participants"]


def enrich_document(doc: Document, *, volume: Volume | None = None) -> Document:
    """Return ``doc`` with its extracted metadata filled in.

    ``volume`` is optional context: its title's years widen the span an
    undated document is placed in (``frus1969-76v33`` covers 1972–1980).
    """
    parts = parse_title(doc.title)
    modern, inline = _source_notes(doc)
    source = _citation(doc, modern, inline)
    dateline = doc.dateline or ""
    date = _date(doc, source, volume)
    year = date.year
    doc_type = classify(
        parts,
        provenance=" | ".join(n.text for n in inline) + (" " + modern.text if modern else ""),
        dateline=dateline,
        year=year,
        body_opening=_opening(doc.body),
    )
    footnotes = tuple(_with_kind(n, modern) for n in doc.footnotes)
    return replace(
        doc,
        type=doc_type,
        senders=parts.senders,
        recipients=parts.recipients,
        subject=subject_of(doc.body),
        classification=_classify(doc, modern, inline) or Classification(),
        source=source,
        date=date,
        footnotes=footnotes,
    )


def enrich_volume(parsed: ParsedVolume) -> ParsedVolume:
    return ParsedVolume(parsed.volume, tuple(enrich_document(d, volume=parsed.volume) for d in parsed.documents))


def participants(doc: Document) -> tuple[Party, ...]:
    """The PARTICIPANTS list of a memorandum of conversation (empty when there is none)."""
    return participants_of(doc.body)


# --------------------------------------------------------------------------
# Source notes
# --------------------------------------------------------------------------


def _source_notes(doc: Document) -> tuple[Footnote | None, list[Footnote]]:
    """(the modern "Source: …" note, the older inline provenance notes).

    Readers mark source notes with ``is_source``; volumes that leave the
    "Source:" note untyped (frus1961-63v06, v22, frus1977-80v21) and text
    copies are recognised by the note's opening word.
    """
    modern = next((n for n in doc.footnotes if _SOURCE_OPENING.match(n.text)), None)
    inline = [n for n in doc.footnotes if n.is_source and n is not modern and not _SOURCE_OPENING.match(n.text)]
    return modern, inline


#: "Source: …", or "[Source: … 3 pages of source text not declassified.]" for a withheld document
_SOURCE_OPENING = re.compile(r"^\s*\[?Source:")


#: the microfiche supplement's heads carry the whole citation:
#: "… Confidential. 4 pp. Kennedy Library, National Security Files, …"
_MICROFICHE = re.compile(r"\.\s+(?:\[?\d+\]?|[Oo]ne|[Tt]wo|[Tt]hree)\s+pp?\.\s+(?P<cite>.+)$")


def _citation(doc: Document, modern: Footnote | None, inline: list[Footnote]) -> SourceCitation | None:
    if modern is not None:
        cite = parse_citation(modern.text, extra=" | ".join(n.text for n in inline))
    elif inline:
        cite = parse_citation("", extra=" | ".join(n.text for n in inline))
    else:
        m = _MICROFICHE.search(squeeze(doc.title))
        if not m:
            return None
        cite = parse_citation(m.group("cite"))
    received = re.search(r"[\[(]\s*Received\s+([^\])]+)[\])]", doc.dateline or "")
    if received and not cite.received:
        when = squeeze(received.group(1))
        cite = replace(cite, received=when if re.search(r"\b[ap]\.\s?m\.$", when) else when.rstrip("."))
    return cite


def _unbracket(text: str) -> str:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return text.strip().removeprefix("Source:").strip()


def _classify(doc: Document, modern: Footnote | None, inline: list[Footnote]) -> Classification | None:
    if modern is not None:
        found = _classification.from_note(sentences(_unbracket(modern.text)))
        if found is not None:
            return found
    for note in inline:
        for part in re.split(r"[—–]", note.text):
            found = _classification.parse_sentence(part)
            if found is not None:
                return found
    words = _opener_smallcaps(doc.body)
    if words:
        found = _classification.from_smallcaps(words)
        if found is not None:
            return found
    m = _MICROFICHE.search(squeeze(doc.title))
    if m:
        before = squeeze(doc.title)[: m.start() + 1]
        return _classification.from_note(sentences(before)[1:])
    return None


def _opener_smallcaps(body: tuple[Block, ...]) -> list[str]:
    """Smallcaps runs in the opener (or the first few blocks, where old volumes print the marking)."""
    words: list[str] = []
    for block in body[:4]:
        if block.kind not in ("opener", "dateline", "paragraph"):
            continue
        for run in _runs(block):
            if run.style and "smallcaps" in run.style and run.text.strip():
                words.append(run.text)
    return words


def _runs(block: Block):
    yield from block.inlines
    for child in block.children:
        yield from _runs(child)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


def _date(doc: Document, source: SourceCitation | None, volume: Volume | None) -> DocDate:
    current = complete(doc.date, doc.dateline)
    if current.min or current.max:
        return current
    undated = current.precision == "undated"
    notes = [(n.n, n.text) for n in doc.footnotes if not _SOURCE_OPENING.match(n.text) and not n.is_source]
    source_text = source.text if source else ""
    volume_title = " ".join(t for t in (volume.title, volume.volume_title or "") if t) if volume else ""
    inferred = infer_date(
        doc.volume_id, source_text, notes, title=doc.title, dateline=doc.dateline or "", volume_title=volume_title
    )
    if inferred is None:
        return current
    if undated:
        return replace(inferred, precision="undated", text=f"{(current.text or '').rstrip('. ')}; {inferred.text}")
    return inferred


def _opening(body: tuple[Block, ...]) -> str:
    for block in body[:6]:
        if block.kind == "paragraph":
            text = prefix_text(block, 200)
            if text:
                return text
    return ""


def _with_kind(note: Footnote, modern: Footnote | None) -> Footnote:
    kind = "source" if note is modern else footnote_kind(note)
    return note if note.kind == kind else replace(note, kind=kind)

