"""Where FRUS points beyond the printed page (issue 6, parts 3–5).

Three readers over the shared model, each a pure function of
:class:`~frus.model.Document` objects returning frozen records with
``to_dict()`` and stable ids:

* **cross-references** — :func:`find_references` reads ``ref/@target`` and
  the editors' words ("See Document 65", "Foreign Relations, 1964–1968,
  volume XIV, Document 335", "footnote 3, Document 45", "Ibid.");
  :func:`resolve_references` checks them against what is known (a
  :class:`Catalog`, a set of ids or a predicate); :func:`check_refs` lists
  the ones that do not resolve, with the reason;
* **the ledger of unprinted documents** — :func:`unprinted_citations`
  reads what one document cites but FRUS does not print ("telegram 6440
  from Moscow, October 28", "Not printed."); :func:`build_ledger` merges
  citations across documents into :class:`LedgerEntry` records;
  :func:`search_unprinted` finds entries by words or ``field:value``;
* **excisions** — :func:`find_excisions` parses "[1 paragraph (5 lines)
  not declassified]" and the like into :class:`Excision` records.

Nothing here reads or writes the store; see ``docs/entities.md``.
"""

from frus.references.catalog import Catalog, as_catalog
from frus.references.crossrefs import (
    CHECK_COLUMNS,
    CheckRow,
    Reference,
    check_refs,
    document_references,
    find_references,
    resolve_references,
    volume_references,
)
from frus.references.excisions import Excision, find_excisions, parse_amount
from frus.references.ledger import (
    SEARCH_FIELDS,
    LedgerEntry,
    build_ledger,
    document_ledger,
    search_unprinted,
    volume_ledger,
)
from frus.references.unprinted import STATUSES, UnprintedCitation, unprinted_citations
from frus.references.volumes import volume_id

__all__ = [
    "CHECK_COLUMNS",
    "Catalog",
    "CheckRow",
    "Excision",
    "LedgerEntry",
    "Reference",
    "SEARCH_FIELDS",
    "STATUSES",
    "UnprintedCitation",
    "as_catalog",
    "build_ledger",
    "check_refs",
    "document_ledger",
    "document_references",
    "find_excisions",
    "find_references",
    "parse_amount",
    "resolve_references",
    "search_unprinted",
    "unprinted_citations",
    "volume_id",
    "volume_ledger",
    "volume_references",
]
