"""Hand corrections to the register: force or forbid a merge.

The file is CSV with a header line, one decision per row::

    action,volume,local_id,other_volume,other_local_id
    force,frus1964-68v10,p_JUA1,frus1969-76v12,p_JUA1
    forbid,frus1950-55Intel,p_JL4,frus1952-54v02p1,p_JOHNSONSLB1

``force`` puts the two persons-list entries into one canonical person
whatever the evidence; ``forbid`` keeps them apart even when the authority
data or the names say they are one (the authority's own README calls its
identifiers "subject to change").  Blank lines and lines starting with
``#`` are ignored.  A forbid beats a force for the same pair.  A bad row is
an :class:`~frus.errors.IngestError` naming the file and line, never a
silent skip: an override that does nothing is worse than none.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from frus.errors import IngestError

HEADER = ("action", "volume", "local_id", "other_volume", "other_local_id")
ACTIONS = ("force", "forbid")

Key = tuple[str, str]


@dataclass(frozen=True)
class Overrides:
    force: frozenset[tuple[Key, Key]] = field(default_factory=frozenset)
    forbid: frozenset[tuple[Key, Key]] = field(default_factory=frozenset)
    path: str | None = None

    def forbids(self, a: Key, b: Key) -> bool:
        return _pair(a, b) in self.forbid

    def __bool__(self) -> bool:
        return bool(self.force or self.forbid)


def _pair(a: Key, b: Key) -> tuple[Key, Key]:
    return (a, b) if a <= b else (b, a)


def parse_overrides(text: str, path: str = "<overrides>") -> Overrides:
    force: set[tuple[Key, Key]] = set()
    forbid: set[tuple[Key, Key]] = set()
    lines = [
        (n, line) for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return Overrides(path=path)
    first_no, first = lines[0]
    header = next(csv.reader(io.StringIO(first)))
    if tuple(h.strip().lower() for h in header) != HEADER:
        raise IngestError(path, f"header must be {','.join(HEADER)}", first_no)
    for number, line in lines[1:]:
        row = [c.strip() for c in next(csv.reader(io.StringIO(line)))]
        if len(row) != len(HEADER):
            raise IngestError(path, f"expected {len(HEADER)} fields, found {len(row)}", number)
        action, vol, local, other_vol, other_local = row
        action = action.lower()
        if action not in ACTIONS:
            raise IngestError(path, f"action must be force or forbid, not {action!r}", number)
        if not all((vol, local, other_vol, other_local)):
            raise IngestError(path, "volume and local id are required on both sides", number)
        a, b = (vol, local), (other_vol, other_local)
        if a == b:
            raise IngestError(path, "an entry cannot be merged with itself", number)
        (force if action == "force" else forbid).add(_pair(a, b))
    return Overrides(force=frozenset(force), forbid=frozenset(forbid), path=path)


def load_overrides(path: str | Path | None) -> Overrides:
    """Read an overrides file; a missing ``path`` (None) means no overrides."""
    if path is None:
        return Overrides()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise IngestError(p, "overrides file not found") from None
    except (OSError, UnicodeDecodeError) as err:
        raise IngestError(p, f"cannot read overrides file: {err}") from None
    return parse_overrides(text, str(p))


__all__ = ["ACTIONS", "HEADER", "Overrides", "load_overrides", "parse_overrides"]
