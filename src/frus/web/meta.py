"""The metadata block above a document: what it is, who wrote to whom, when, where from.

These fields come from extraction (issue 3) and are often absent, above all
in the older volumes; a row is shown only when its field has a value, so a
page never shows an empty "To:".  Everything returned is plain text: the
template escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from frus.model import Classification, Document, Party, SourceCitation
from frus.web.render import format_date_range

#: document types (``Document.type``) that do not read well capitalised as they are
_TYPE_LABELS = {
    "memcon": "Memorandum of conversation",
    "editorial-note": "Editorial note",
    "nssm": "National Security Study Memorandum",
    "nsdm": "National Security Decision Memorandum",
    "nsam": "National Security Action Memorandum",
    "nsc-paper": "NSC paper",
    "nie": "National Intelligence Estimate",
    "snie": "Special National Intelligence Estimate",
    "telcon": "Transcript of telephone conversation",
}


def type_label(kind: str | None) -> str:
    if not kind:
        return ""
    return _TYPE_LABELS.get(kind, kind.replace("-", " ").replace("_", " ").capitalize())


def party_text(party: Party) -> str:
    """FRUS's own way of naming a correspondent: "The Ambassador in France (Caffery)"."""
    role, name = (party.role or "").strip(), (party.name or "").strip()
    if role and name:
        return f"{role} ({name})"
    return role or name


def parties_text(parties: tuple[Party, ...]) -> str:
    return "; ".join(t for t in (party_text(p) for p in parties) if t)


def classification_text(c: Classification) -> str:
    return "; ".join(p for p in (c.level, *c.caveats) if p)


# the parts of an archival citation, in the order archives are cited
_ARCHIVE_PARTS = ("repository", "record_group", "collection", "series", "lot", "file")


def archival_citation(source: SourceCitation | None) -> str:
    """Repository, record group, collection, series, file, box, folder: the archival address.

    Built from the parsed parts when the repository is known; a source note
    the extractor could not take apart is left to the notes, where it is in full.
    """
    if source is None or not source.repository:
        return ""
    parts = [getattr(source, name) for name in _ARCHIVE_PARTS]
    if source.box:
        parts.append(source.box if source.box.lower().startswith("box") else f"Box {source.box}")
    parts.append(source.folder)
    return ", ".join(" ".join(p.split()) for p in parts if p and p.strip())


def date_text(doc: Document) -> str:
    when = format_date_range(doc.date.min, doc.date.max)
    if when and doc.date.time and doc.date.precision == "minute":
        when = f"{when}, {doc.date.time}"
    return when or (doc.dateline or "")


@dataclass(frozen=True)
class MetaRow:
    label: str
    value: str
    #: a class hook for the few rows styled apart ("classification")
    kind: str = ""


def document_metadata(doc: Document) -> list[MetaRow]:
    rows = [
        MetaRow("Type", type_label(doc.type)),
        MetaRow("From", parties_text(doc.senders)),
        MetaRow("To", parties_text(doc.recipients)),
        MetaRow("Date", date_text(doc)),
        MetaRow("Place", (doc.place or "").strip()),
        MetaRow("Subject", (doc.subject or "").strip()),
        MetaRow("Classification", classification_text(doc.classification), "classification"),
        MetaRow("Source", archival_citation(doc.source), "source"),
    ]
    if doc.pages:
        first, last = doc.pages[0], doc.pages[-1]
        rows.append(MetaRow("Pages" if first != last else "Page", f"{first}–{last}" if first != last else first))
    return [r for r in rows if r.value]


__all__ = [
    "MetaRow",
    "archival_citation",
    "classification_text",
    "date_text",
    "document_metadata",
    "parties_text",
    "party_text",
    "type_label",
]
