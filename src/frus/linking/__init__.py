"""The link stage: what the entities and references libraries say about the stored documents.

``frus.entities`` (the register of persons, the mention and term linkers)
and ``frus.references`` (cross-references, the unprinted ledger,
excisions) are pure libraries over model objects.  This package runs them
over the documents a corpus holds (:mod:`frus.linking.stage`, behind
``Corpus.link`` and ``frus link``), turns their records into rows for the
link tables (:mod:`frus.linking.rows`, stored by ``frus.store.links``),
and reads the rows back as the records ``Corpus`` returns
(:mod:`frus.linking.queries`, :mod:`frus.linking.records`).

It never imports the CLI, the API or the web layer; it reaches the store
only through the ``LinkTables`` object it is handed.  See docs/entities.md.
"""

from frus.linking.records import (
    CitingDocument,
    DocumentBrief,
    DocumentPersons,
    DocumentReferences,
    LinkReport,
    LinkStatus,
    PartyLink,
    PersonDocument,
    PersonMention,
    PersonRecord,
    PersonSummary,
    TermMention,
    UnprintedResult,
)

__all__ = [
    "CitingDocument",
    "DocumentBrief",
    "DocumentPersons",
    "DocumentReferences",
    "LinkReport",
    "LinkStatus",
    "PartyLink",
    "PersonDocument",
    "PersonMention",
    "PersonRecord",
    "PersonSummary",
    "TermMention",
    "UnprintedResult",
]
