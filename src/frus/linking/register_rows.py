"""The register as stored rows, and the digests that say when links are stale.

The register is rebuilt only when its inputs change (the persons lists,
which volumes are held without a list, the authority files, the overrides
file); otherwise it is read back from the store, which is much faster than
building it.  Person links of a volume depend on the canonical persons its
entries merged into (their ids, offices, life dates, name forms, how many
volumes list them) — or on the whole register for a volume linked without
a list — so each volume records a digest of exactly those, and is relinked
only when it changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from frus.entities.names import fold, translit_key
from frus.entities.offices import Office
from frus.entities.register import CanonicalPerson, Register, SourceLink
from frus.model import ListEntry, to_dict

#: Bump when what the link stage stores changes (a new column, another
#: library behaviour to record): every volume is then relinked.
LINK_FORMAT = 1


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _sha(*parts: str) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def file_digest(path: str | Path | None) -> str:
    """The content hash of an input file; "" when there is none."""
    if path is None:
        return ""
    try:
        return hashlib.sha1(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def inputs_digest(
    lists: Mapping[str, Sequence[ListEntry]], listless: Iterable[str], authority: str, overrides: str
) -> str:
    """What the register is built from; equal digests give the same register."""
    lines = [f"format {LINK_FORMAT}", f"authority {authority}", f"overrides {overrides}"]
    for vid in sorted(lists):
        lines.extend(f"{vid}\t{e.id}\t{e.name}\t{e.description}" for e in lists[vid])
    lines.extend(f"listless\t{vid}" for vid in sorted(listless))
    return _sha(*lines)


# --------------------------------------------------------------------------
# rows
# --------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def name_words(text: str) -> list[str]:
    """Folded words of a name: no accents, no case, no punctuation."""
    return _WORD.findall(fold(text))


def search_words(person: CanonicalPerson) -> str:
    """" kissinger henry a ~kisinger ~henri ~a ": words of every name form,
    then their transliteration keys, each with a space either side."""
    words: list[str] = []
    for form in (person.preferred_name, *person.name_forms):
        for w in name_words(form):
            if w not in words:
                words.append(w)
    keys = dict.fromkeys(translit_key(w) for w in words)
    return " " + " ".join(words) + " " + " ".join(f"~{k}" for k in keys if k) + " "


def person_rows(register: Register) -> tuple[list[tuple], list[tuple]]:
    """Rows of ``canonical_persons`` and ``person_sources``."""
    persons, sources = [], []
    for p in register:
        persons.append(
            (p.id, p.preferred_name, search_words(p), p.birth_year, p.death_year, len(p.volumes), p.authority_id,
             _dumps(to_dict(p)))
        )
        sources.extend((s.volume_id, s.local_id, p.id, s.name, s.confidence, s.reason, s.origin) for s in p.sources)
    return persons, sources


def person_from_dict(d: dict) -> CanonicalPerson:
    return CanonicalPerson(
        id=d["id"],
        preferred_name=d["preferred_name"],
        name_forms=tuple(d["name_forms"]),
        identifications=tuple(tuple(x) for x in d["identifications"]),
        offices=tuple(Office(**o) for o in d["offices"]),
        volumes=tuple(d["volumes"]),
        birth_year=d["birth_year"],
        death_year=d["death_year"],
        sources=tuple(SourceLink(**s) for s in d["sources"]),
        authority_id=d.get("authority_id"),
        pocom_id=d.get("pocom_id"),
    )


def register_from_rows(person_json: Iterable[str]) -> Register:
    """The register as stored (merge decisions are not kept)."""
    register = Register()
    for raw in person_json:
        person = person_from_dict(json.loads(raw))
        register.persons[person.id] = person
        for key in person.keys:
            register.by_key[key] = person.id
    return register


# --------------------------------------------------------------------------
# what a volume's person links depend on
# --------------------------------------------------------------------------


def authority_entries(register: Register, volume_id: str) -> tuple[ListEntry, ...]:
    """The persons list the authority data gave a volume held only as text copies
    (what ``Authority.volume_entries`` returned when the register was built)."""
    entries = []
    for p in register.persons.values():
        for s in p.sources:
            if s.volume_id == volume_id and s.origin == "authority":
                entries.append(ListEntry(s.local_id, s.name, s.identification))
    return tuple(sorted(entries, key=lambda e: e.id))


def _linker_view(p: CanonicalPerson) -> dict:
    """The fields of a canonical person the linker reads for a listed entry."""
    return {
        "id": p.id,
        "offices": to_dict(p.offices),
        "birth": p.birth_year,
        "death": p.death_year,
        "names": list(p.name_forms),
        "volumes": len(p.volumes),
    }


def volume_digest(register: Register, volume_id: str, entries: Sequence[ListEntry]) -> str:
    parts = [f"format {LINK_FORMAT}"]
    for e in entries:
        person = register.lookup(volume_id, e.id)
        parts.append(f"{e.id}\t{_dumps(_linker_view(person)) if person else '-'}")
    return _sha(*parts)


def register_digest(register: Register) -> str:
    """For volumes linked against the whole register: any change counts."""
    return _sha(f"format {LINK_FORMAT}", *(_dumps(to_dict(p)) for p in register))
