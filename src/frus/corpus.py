"""The front door: one ``Corpus`` object is the Python API of frus.

CONTRACT STUB — the implementation is being written; signatures are fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from frus.model import Document, Volume
from frus.search.results import SearchResult


@dataclass(frozen=True)
class FileOutcome:
    path: str
    volume_id: str | None
    documents: int
    error: str | None = None  # one line, "path:line:col: reason"


@dataclass
class IngestReport:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error]

    @property
    def documents(self) -> int:
        return sum(f.documents for f in self.files if not f.error)


class Corpus:
    """A store (SQLite) plus its full-text index (Tantivy) on disk.

    ``Corpus.open(db)`` opens or creates ``db`` (a SQLite file) and its
    index directory beside it (``<db>.index/``).  ``db`` defaults to
    ``$FRUS_DB`` or the user's data dir (``platformdirs``).
    """

    @classmethod
    def open(cls, db: str | Path | None = None, *, readonly: bool = False) -> "Corpus": ...

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        progress: Callable[[FileOutcome, int, int], None] | None = None,
    ) -> IngestReport: ...

    def volumes(self) -> list[Volume]: ...  # document_count filled in

    def volume(self, volume_id: str) -> Volume: ...  # raises NotFound

    def documents(self, volume_id: str) -> list[Document]: ...  # reading order

    def document(self, doc_id: str) -> Document: ...  # "vol/dN"; raises NotFound

    def search(self, query: str, *, limit: int = 10, offset: int = 0) -> SearchResult: ...

    def close(self) -> None: ...
