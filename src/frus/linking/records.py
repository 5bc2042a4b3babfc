"""What ``Corpus`` returns about people, references, the unprinted ledger and excisions.

Frozen records with ``to_dict()``, shared by the CLI, the REST API and the
web pages.  Where the libraries already have a record (``Reference``,
``CheckRow``, ``LedgerEntry``, ``Excision``, ``Office``, ``SourceLink``)
it is returned as is, so a field means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from frus.entities.offices import Office
from frus.entities.register import SourceLink
from frus.model import to_dict
from frus.references.crossrefs import Reference
from frus.references.ledger import LedgerEntry

#: LinkStatus.state values
CURRENT, STALE, MISSING = "current", "stale", "missing"


@dataclass(frozen=True, slots=True)
class LinkStatus:
    """Whether the link tables say what the stored documents say."""

    #: "current", "stale" (documents changed since, or a run was interrupted)
    #: or "missing" (never linked)
    state: str
    #: one line for people when not current
    message: str | None = None
    #: volumes whose link rows are older than their documents, or missing
    behind: tuple[str, ...] = ()
    #: when the last complete run ended (ISO, UTC)
    linked_at: str | None = None

    @property
    def current(self) -> bool:
        return self.state == CURRENT

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True)
class LinkReport:
    """What one ``Corpus.link`` run did, and what the link tables hold after it."""

    #: volumes whose documents were read again (new or changed since the last run)
    relinked: tuple[str, ...]
    #: volumes whose person links alone were redone (the register changed)
    persons_relinked: tuple[str, ...]
    register_rebuilt: bool
    #: the aux folder the authority data came from; None without it
    authority: str | None
    overrides: str | None
    #: rows per link table after the run
    counts: dict[str, int]
    #: cross-references: total, resolved, unresolved, external (unresolved because
    #: their volume is not in the store)
    references: dict[str, int]
    #: person mentions by status (linked, ambiguous, unresolved)
    mentions: dict[str, int]
    seconds: float
    #: one line per document a library failed on (the others are linked)
    errors: tuple[str, ...] = ()

    @property
    def up_to_date(self) -> bool:
        """Nothing had changed: the run only checked."""
        return not (self.relinked or self.persons_relinked or self.register_rebuilt)

    def summary(self) -> str:
        """One line for the end of ``frus ingest`` and ``frus link``."""
        c, r, m = self.counts, self.references, self.mentions
        if self.up_to_date:
            head = "Links are up to date"
        else:
            n = len(set(self.relinked) | set(self.persons_relinked))
            head = f"Linked {n:,} volume{'s' if n != 1 else ''} in {self.seconds:.1f} s"
        found = sum(m.values())
        return (
            f"{head}: {c.get('canonical_persons', 0):,} persons; "
            f"{m.get('linked', 0):,} of {found:,} person mentions linked; "
            f"{r.get('resolved', 0):,} of {r.get('total', 0):,} cross-references resolved "
            f"({r.get('external', 0):,} to volumes not in the store); "
            f"{c.get('unprinted_entries', 0):,} unprinted documents cited {c.get('unprinted_citations', 0):,} times; "
            f"{c.get('excisions', 0):,} excisions"
            + (f"; {len(self.errors)} documents failed" if self.errors else "")
            + "."
        )

    def to_dict(self) -> dict:
        out = to_dict(self)
        out["up_to_date"] = self.up_to_date
        return out


@dataclass(frozen=True, slots=True)
class DocumentBrief:
    """Enough of a document to list it: id, number, title, dates (the
    person and citing documents below add what they need to it)."""

    id: str
    volume_id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class PersonSummary:
    id: str
    preferred_name: str
    name_forms: tuple[str, ...]
    birth_year: int | None
    death_year: int | None
    #: volumes whose persons lists name them (also volumes not in the store)
    volume_count: int
    #: documents in the store mentioning them (linked mentions)
    documents: int
    authority_id: str | None = None

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class PersonDocument(DocumentBrief):
    """A document a person wrote, received, took part in or is named in."""

    #: linked mentions of the person in it (0 in the from/to/participant lists)
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A canonical person and the documents about them, oldest first.

    The identity fields are the register's ``CanonicalPerson``; the four
    document lists are sorted by date (undated documents last).
    """

    id: str
    preferred_name: str
    name_forms: tuple[str, ...]
    #: (volume id, identification as that volume prints it)
    identifications: tuple[tuple[str, str], ...]
    offices: tuple[Office, ...]
    #: every volume whose persons list names them (also volumes not in the store)
    volumes: tuple[str, ...]
    birth_year: int | None
    death_year: int | None
    #: the persons-list entries merged into this person, with why
    sources: tuple[SourceLink, ...]
    authority_id: str | None
    pocom_id: str | None
    documents_from: tuple[PersonDocument, ...] = ()
    documents_to: tuple[PersonDocument, ...] = ()
    documents_participant: tuple[PersonDocument, ...] = ()
    documents_mentioning: tuple[PersonDocument, ...] = ()

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in a document.

    ``start``/``end`` are offsets into ``frus.entities.flatten_document(doc).text``
    (title, body and footnotes as one text); ``place`` says which of the three.
    ``origin`` is ``editors`` (a ``persName`` tag) or ``linker``.
    """

    text: str
    start: int
    end: int
    place: str
    person_id: str | None
    person_name: str | None
    local_id: str | None
    status: str
    origin: str
    confidence: float
    reason: str
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class PartyLink:
    """A sender (``role`` "from"), recipient ("to") or memcon participant
    ("participant") and the person it names, when the linker can decide."""

    role: str
    party_role: str | None
    party_name: str | None
    person_id: str | None
    person_name: str | None
    #: linked, ambiguous, unresolved, or "none" when the party names no
    #: person at all ("Department of State")
    status: str
    confidence: float
    reason: str
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class TermMention:
    text: str
    start: int
    end: int
    place: str
    #: the volume's own terms-list id
    term_id: str | None
    term_name: str | None
    status: str
    origin: str
    candidates: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class DocumentPersons:
    """Who a document is from, to and about, and the terms it uses."""

    doc_id: str
    parties: tuple[PartyLink, ...]
    persons: tuple[PersonMention, ...]
    terms: tuple[TermMention, ...]

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class CitingDocument(DocumentBrief):
    """A document that points to another, with the references that do."""

    references: tuple[Reference, ...]


@dataclass(frozen=True, slots=True)
class DocumentReferences:
    """A document's cross-references, resolved against what the store holds now.

    ``outgoing`` in the order they stand (each with ``resolved``,
    ``target_doc`` and, when not resolved, ``reason``; a reference to a
    volume not in the store has ``scope`` "external" and keeps its target);
    ``incoming`` the documents whose references resolve to this one;
    ``targets`` the documents ``outgoing`` resolves to, for their titles.
    """

    doc_id: str
    outgoing: tuple[Reference, ...]
    incoming: tuple[CitingDocument, ...]
    targets: tuple[DocumentBrief, ...] = ()

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True)
class UnprintedResult:
    """One page of ledger entries matching a query, and how many match in all.

    Iterating it gives the entries of the page.
    """

    query: str | None
    total: int
    offset: int
    limit: int
    entries: tuple[LedgerEntry, ...] = field(default_factory=tuple)

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, i):
        return self.entries[i]

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "offset": self.offset,
            "limit": self.limit,
            "entries": [e.to_dict() for e in self.entries],
        }


__all__ = [
    "CURRENT",
    "CitingDocument",
    "DocumentBrief",
    "DocumentPersons",
    "DocumentReferences",
    "LinkReport",
    "LinkStatus",
    "MISSING",
    "PartyLink",
    "PersonDocument",
    "PersonMention",
    "PersonRecord",
    "PersonSummary",
    "STALE",
    "TermMention",
    "UnprintedResult",
]
