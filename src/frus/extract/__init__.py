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
``date``           :mod:`frus.extract.dates` — TEI min/max kept (refined by
                   the printed time), the printed dateline parsed (also one
                   printed at the foot, below the signature), else a
                   bounded inferred range, raised by
                   :mod:`frus.extract.attached` when the attached item's
                   forwarding is dated
``source``         :mod:`frus.extract.source_note` — the archival citation
                   (also from an e-volume's "Summary: … Source: …" note and a
                   withheld document's bracketed "[Source: …]" paragraph)
``classification`` :mod:`frus.extract.classification` — source note sentence,
                   inline note, the opener's smallcaps word, a marking
                   printed as a paragraph of its own, or a sentence of a
                   microfiche entry's head
footnote ``kind``  :mod:`frus.extract.footnotes` — ordered rules
=================  ========================================================

Participants of a memorandum of conversation are neither senders nor
recipients and the model has no field for them; :func:`participants`
reads them from the body on demand.  :mod:`frus.extract.gold` scores all
of this against the hand-labelled gold set (``benchmarks/eval.py``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from frus.extract import classification as _classification
from frus.extract._text import sentences, squeeze
from frus.extract.attached import forwarding_bound
from frus.extract.dates import complete, has_month_day, infer_date, long_date, parse_date_text
from frus.extract.doctype import TYPES, classify
from frus.extract.footnotes import KINDS, footnote_kind
from frus.extract.parties import parse_title, title_date_clause
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
        title=doc.title,
        path=doc.path,
        addressee=_foot_address(doc.body),
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
    "Source:" note untyped (frus1961-63v06, v22 and frus1977-80v21) and text
    copies are recognised by the note's opening word, and the e-volumes'
    notes by their "Summary: … Source: …" shape.  A document printed only
    as a citation ("[Source: …. 5 pages not declassified.]") carries its
    source as a bracketed paragraph of the body instead of a note.
    """
    modern = next((n for n in doc.footnotes if _SOURCE_OPENING.match(n.text)), None)
    inline = [n for n in doc.footnotes if n.is_source and n is not modern and not _SOURCE_OPENING.match(n.text)]
    if modern is None and not inline:
        modern = _bracketed_source(doc.body)
    return modern, inline


#: "Source: …", "[Source: … 3 pages of source text not declassified.]" for a
#: withheld document, "Summary: … Source: …" in the e-volumes
_SOURCE_OPENING = re.compile(r"^\s*\[?(?:Summary:.*?\s)?Source\s*:", re.S)


def _bracketed_source(body: tuple[Block, ...]) -> Footnote | None:
    for block in body[:4]:
        if block.kind != "paragraph":
            continue
        text = prefix_text(block, 2000)
        if text.startswith("[Source:") and text.rstrip().endswith("]"):
            return Footnote(id="", n="", text=squeeze(text), is_source=True, kind="source", anchored=False)
    return None


#: the microfiche supplement's heads carry the whole citation:
#: "… Confidential. 4 pp. Kennedy Library, National Security Files, …" ("Secret, 4 pp. …" too)
_MICROFICHE = re.compile(r"[.,]\s+(?:\[?\d+\]?|[Oo]ne|[Tt]wo|[Tt]hree)\s+pp?\.\s+(?!m\.)(?P<cite>.+)$")
#: where a microfiche head's sentences end: also after a closing quote ("… Situation.” Top Secret.",
#: "… Liberation.’” Secret.")
#: and before the page count ("Secret, 4 pp.")
_MICROFICHE_STOP = re.compile(r"(?<=[.?!][”\"])\s+|(?<=[.?!][’'][”\"])\s+|(?<=[”\"][.?!])\s+|(?<=[a-z)\]]\.)\s+(?=[A-Z“\"])|,\s+(?=\d+\s+pp?\.)")


def _microfiche_marking(title: str) -> Classification | None:
    """The marking of a microfiche entry: a sentence of the head before the citation
    ("“Views of …” Top Secret. 6 pp."), or just after the page count ("2 pp. No classification
    marking.", "17 pp. of source text not declassified. Top Secret.")."""
    m = _MICROFICHE.search(title)
    if not m:
        return None
    before = title[: m.start() + 1]
    found = _classification.from_note(sentences(before)[1:])
    if found is not None:
        return found
    after = sentences(m.group("cite"))[:2]
    pieces = _MICROFICHE_STOP.split(before)[1:]
    if after and not _classification.parse_sentence(after[0]):
        after = after[:1] if "declassified" not in after[0] else after
    for piece in [*pieces, *after]:
        found = _classification.parse_sentence(piece)
        if found is not None:
            return found
    return None


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
    return re.sub(r"^(?:Summary:.*?\s)?Source\s*:\s*", "", text.strip(), flags=re.S)


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
    found = _opening_marking(doc.body)
    if found is not None:
        return found
    found = _microfiche_marking(squeeze(doc.title))
    if found is not None:
        return found
    if doc.classification.level or doc.classification.caveats:
        return doc.classification  # what a text-copy reader read off the opener
    return None


def _opening_marking(body: tuple[Block, ...]) -> Classification | None:
    """A marking printed as a plain paragraph of its own near the top
    ("Top Secret" in frus1952-54v02p1, "top secret" under a copied head)."""
    for block in body[:4]:
        if block.kind != "paragraph":
            continue
        text = prefix_text(block, 80).strip()
        if len(text.split()) > 6:
            continue
        found = _classification.parse_sentence(text)
        if found is not None and found.level is not None:
            return found
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
    printed = doc.dateline or _body_dateline(doc.body)
    if not printed and doc.date.basis == "tei":
        # the encoders' day, with the time the head prints ("…, Washington, November 1, 1956, 9–10:55 a.m.")
        printed = title_date_clause(doc.title) or None
    if not printed and not (doc.date.min or doc.date.max):
        printed = _foot_dateline(doc.body)
    current = complete(doc.date, printed)
    if current.min or current.max:
        return current
    if current.precision == "unknown" and current.basis == "dateline" and not has_month_day(doc.dateline):
        # a dateline is printed but holds no date we can read: kept as
        # printed, precision "unknown", and no range is invented for it
        return current
    undated = current.precision == "undated"
    notes = [(n.n, n.text) for n in doc.footnotes if not _SOURCE_OPENING.match(n.text) and not n.is_source]
    source_text = source.text if source else ""
    volume_title = " ".join(t for t in (volume.title, volume.volume_title or "") if t) if volume else ""
    inferred = infer_date(
        doc.volume_id,
        source_text,
        notes,
        title=doc.title,
        dateline=doc.dateline or "",
        volume_title=volume_title,
        path=doc.path,
    )
    if inferred is None:
        return current
    inferred = _attachment_bound(doc, inferred)
    if undated:
        return replace(inferred, precision="undated", text=f"{(current.text or '').rstrip('. ')}; {inferred.text}")
    return inferred


def _body_dateline(body: tuple[Block, ...]) -> str | None:
    """The document's own dateline block, when the reader left ``dateline`` empty.

    Only the top of the document counts (the opener included): a dateline
    inside an attachment or a quoted letter dates that, not the document.
    """
    for block in body[:6]:
        for b in block.children if block.kind == "opener" else (block,):
            if b.kind == "dateline":
                return b.text() or None
    return None


#: a dateline printed as a block of its own: "Department of State, Washington, December 5, 1901."
_FOOT_DATELINE = re.compile(
    r"^(?:Done\s+at\s+)?(?:[A-Z][^,.]{0,40},\s*){0,3}"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}\.?"
    r"(?:\s*[\[(]Received\b[^\])]*[\])])?$"
)


def _foot_dateline(body: tuple[Block, ...]) -> str | None:
    """A dateline printed at the foot of the document, below its text or signature (the older notes,
    memoranda and aides-mémoire print it so); an attachment's foot dates the attachment."""
    seen = 0
    for block in reversed(body):
        if block.kind in ("attachment", "pagebreak"):
            continue
        seen += 1
        if seen > 3:
            break
        for b in (block, *block.children):
            if b.kind in ("paragraph", "postscript", "closer", "dateline"):
                text = squeeze(b.text())
                if _FOOT_DATELINE.match(text):
                    return text
    return None


def _attachment_bound(doc: Document, inferred: DocDate) -> DocDate:
    """Raise an inferred range's lower end to the day the attached item was forwarded
    (:mod:`frus.extract.attached`), when that day lies inside the range."""
    if inferred.precision not in ("year", "range") or not inferred.min or not inferred.max:
        return inferred
    bound = forwarding_bound(doc, int(inferred.min[:4]))
    if bound is None:
        return inferred
    day = bound.day.isoformat()
    if not inferred.min <= day <= inferred.max[:10]:
        return inferred
    evidence = bound.evidence if len(bound.evidence) <= 90 else bound.evidence[:87].rstrip(" ,;:") + "…"
    text = (
        f"{inferred.text}; not before {long_date(bound.day)}: footnote {bound.marker} dates the forwarding "
        f"of the item the document says is attached (“{evidence}”)"
    )
    return replace(inferred, min=day, precision="range", text=text)


def _opening(body: tuple[Block, ...]) -> str:
    """The first words of the text: a salutation ("My Dear Lord:") or the first paragraph."""
    blocks = [c for b in body[:6] for c in (b.children if b.kind == "opener" else (b,))]
    for block in blocks:
        if block.kind in ("paragraph", "salute"):
            text = prefix_text(block, 200)
            if text:
                return text
    return ""


def _foot_address(body: tuple[Block, ...]) -> str:
    """The addressee printed below the signature of an older note ("His Excellency …, Minister of
    Foreign Affairs"), or ""."""
    for block in body[-3:]:
        for b in (block, *block.children):
            if b.kind in ("postscript", "paragraph", "closer"):
                text = prefix_text(b, 200).strip()
                if re.match(r"(?:To\s+)?(?:His|Their)\s+(?:Excellency|Excellencies|Highness)\b", text):
                    return text
    return ""


def _with_kind(note: Footnote, modern: Footnote | None) -> Footnote:
    kind = "source" if note is modern else footnote_kind(note)
    return note if note.kind == kind else replace(note, kind=kind)

