"""Readers: one input file in, one :class:`~frus.model.ParsedVolume` out.

``read_path`` chooses the reader by suffix — ``.xml``/``.xml.gz`` are TEI
volumes (:mod:`frus.ingest.tei`), ``.txt`` are text copies of single
documents (:mod:`frus.ingest.text`) — and guarantees the caller one kind of
failure: :class:`~frus.errors.IngestError`, a single line naming the file.
Ingest reports bad files and carries on, so nothing a file contains may
escape as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from frus.errors import FrusError, IngestError
from frus.model import ParsedVolume

#: What ``iter_input_files`` picks up from folders, and ``read_path`` reads.
SUFFIXES = (".xml", ".xml.gz", ".txt")


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".xml") or name.endswith(".xml.gz"):
        return "tei"
    if name.endswith(".txt"):
        return "text"
    return None


def read_path(path: str | Path, *, doc_id: str | None = None) -> ParsedVolume:
    """Read one input file.

    ``doc_id`` (``"frus1969-76v13/d33"``) names the document a ``.txt`` copy
    holds when its file name does not say; TEI files carry their own ids.
    """
    path = Path(path)
    kind = _kind(path)
    if kind is None:
        raise IngestError(path, "unsupported file type; expected .xml, .xml.gz or .txt")
    try:
        if kind == "tei":
            from frus.ingest.tei import read_tei

            return read_tei(path)
        from frus.ingest.text import read_text  # written beside this reader

        return read_text(path, doc_id=doc_id)
    except FrusError:
        raise
    except MemoryError:
        raise IngestError(path, "not enough memory to read this file") from None
    except Exception as exc:  # a reader bug must still not abort a whole ingest
        raise IngestError(path, f"reader failed: {type(exc).__name__}: {exc}") from exc


def iter_input_files(paths: Iterable[str | Path]) -> list[Path]:
    """The readable files among ``paths``: files as given, folders expanded
    recursively in sorted order (hidden entries skipped).  A path that does
    not exist is kept, so reading it reports the problem."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and _kind(p) is not None
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found = [path]
        for p in found:
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out


__all__ = ["SUFFIXES", "iter_input_files", "read_path"]
