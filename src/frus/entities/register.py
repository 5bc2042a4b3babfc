"""One register of persons across volumes.

Every volume's persons list names its people with volume-local ids
(``p_KHA1`` is Kissinger in four of our volumes, but nothing guarantees
it).  :func:`build_register` merges the entries into canonical persons:

1. **Authority** (confidence 1.0): hsa-people cites the entry's
   ``persons#id`` URL.  The match is checked against the name printed in
   the volume, because the authority was compiled from later editions whose
   ids may have moved; a mismatch is refused and recorded.
2. **Authority by name** (0.8): an entry the authority does not cite (the
   volume is older than the data, or absent from it) whose "Surname, Given"
   equals exactly one record's name form, with compatible life dates.
3. **Names and identifications** (0.7–0.9): same surname, given names that
   agree (equal, or an initial and the name it abbreviates), and evidence
   beyond the name — an office in common, or the same full name within a
   generation.  Two people with one surname are never merged on the surname
   alone, and two entries of one volume are never merged on names.

Merges are applied greedily from the strongest evidence down, refusing any
merge that would put two clashing entries (different given names or
suffixes, two different authority persons, a forbidden pair) into one
person.  Entries and candidate merges are sorted before anything is
decided, so the same input gives the same register in any order.  Every
decision, applied or refused, is kept with its confidence and reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from frus.entities.authority import Authority
from frus.entities.names import (
    PersonName,
    fold,
    given_compatible,
    parse_list_name,
    slug,
    translit_key,
)
from frus.entities.offices import Office, parse_identification, volume_span
from frus.entities.overrides import Overrides
from frus.model import ListEntry, Volume

Key = tuple[str, str]

#: merges below this confidence are recorded but not applied
MERGE_THRESHOLD = 0.7

_STOP = frozenset(
    "a an and the of for to in on at from until with by as its his her member staff department "
    "state united states office bureau affairs thereafter also".split()
)


@dataclass(frozen=True, slots=True)
class SourceLink:
    """One persons-list entry of a canonical person, and why it is there."""

    volume_id: str
    local_id: str
    name: str
    identification: str = ""
    confidence: float = 1.0
    reason: str = ""
    #: "volume" (read from a volume) or "authority" (rebuilt from hsa-people)
    origin: str = "volume"


@dataclass(frozen=True, slots=True)
class CanonicalPerson:
    id: str
    preferred_name: str
    name_forms: tuple[str, ...]
    #: (volume_id, identification text)
    identifications: tuple[tuple[str, str], ...]
    offices: tuple[Office, ...]
    #: every volume whose persons list names this person (also those the
    #: authority cites and we do not hold): how widely the papers know them
    volumes: tuple[str, ...]
    birth_year: int | None
    death_year: int | None
    sources: tuple[SourceLink, ...]
    authority_id: str | None = None
    pocom_id: str | None = None

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple((s.volume_id, s.local_id) for s in self.sources)


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Evidence that two entries are (or are not) one person."""

    a: Key
    b: Key
    confidence: float
    reason: str
    #: "merge", "force", "forbid" or "apart"
    kind: str
    applied: bool = False


@dataclass
class _Entry:
    key: Key
    raw: str
    name: PersonName
    identification: str
    origin: str
    authority_id: str | None = None
    authority_reason: str = ""
    authority_confidence: float = 0.0


@dataclass
class Register:
    persons: dict[str, CanonicalPerson] = field(default_factory=dict)
    by_key: dict[Key, str] = field(default_factory=dict)
    decisions: tuple[MergeDecision, ...] = ()

    def __len__(self) -> int:
        return len(self.persons)

    def __iter__(self):
        return iter(self.persons[k] for k in sorted(self.persons))

    def person(self, person_id: str) -> CanonicalPerson | None:
        return self.persons.get(person_id)

    def lookup(self, volume_id: str, local_id: str) -> CanonicalPerson | None:
        pid = self.by_key.get((volume_id, local_id))
        return self.persons.get(pid) if pid else None

    def canonical_id(self, volume_id: str, local_id: str) -> str | None:
        return self.by_key.get((volume_id, local_id))

    def volume_ids(self) -> set[str]:
        return {v for v, _ in self.by_key}

    def to_dict(self) -> dict:
        from frus.model import to_dict

        return {
            "persons": [to_dict(p) for p in self],
            "decisions": [to_dict(d) for d in self.decisions],
        }


def build_register(
    volumes: Iterable[Volume | tuple[str, Sequence[ListEntry]]],
    authority: Authority | None = None,
    overrides: Overrides | None = None,
    *,
    authority_volumes: Iterable[str] = (),
) -> Register:
    """Merge the persons lists of ``volumes`` into canonical persons.

    ``authority_volumes`` adds volumes we hold no file for, with the
    persons lists the authority data cites for them (``"all"`` adds every
    volume it knows).
    """
    overrides = overrides or Overrides()
    entries = _collect(volumes, authority, authority_volumes)
    if authority is not None:
        for entry in entries.values():
            _match_authority(entry, authority)
    decisions = _candidate_decisions(entries, authority, overrides)
    clusters = _cluster(entries, decisions, overrides)
    return _assemble(entries, clusters, decisions, authority)


# --------------------------------------------------------------------------
# Entries
# --------------------------------------------------------------------------


def _collect(volumes, authority, authority_volumes) -> dict[Key, _Entry]:
    entries: dict[Key, _Entry] = {}
    for item in volumes:
        if isinstance(item, Volume):
            vid, persons = item.id, item.persons
        else:
            vid, persons = item
        for e in persons:
            entries.setdefault((vid, e.id), _Entry((vid, e.id), e.name, parse_list_name(e.name), e.description, "volume"))
    if authority is not None:
        wanted = authority.volume_ids() if authority_volumes == "all" else set(authority_volumes)
        held = {k[0] for k in entries}
        for vid in sorted(wanted - held):
            for e in authority.volume_entries(vid):
                entries.setdefault((vid, e.id), _Entry((vid, e.id), e.name, parse_list_name(e.name), e.description, "authority"))
    return dict(sorted(entries.items()))


def _surname_key(name: PersonName) -> str:
    return fold(name.surname).replace(" ", "").replace("-", "").replace("'", "")


def _names_agree(entry_name: PersonName, other_raw: str) -> bool:
    """Does an authority name plausibly name the same person as the entry?
    Same surname, allowing transliteration and a typo ("Brehznev")."""
    other = parse_list_name(other_raw)
    a, b = _surname_key(entry_name), _surname_key(other)
    if not a or not b:
        return False
    if a == b or a in b.split() or translit_key(a) == translit_key(b):
        return True
    return _edit_distance(a, b) <= (1 if min(len(a), len(b)) < 6 else 2)


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _match_authority(entry: _Entry, authority: Authority) -> None:
    vol, local = entry.key
    record = authority.record_for(vol, local)
    if record is not None:
        namesakes = sum(1 for s in record.sources if s.volume_id == vol) > 1
        preferred = parse_list_name(record.preferred)
        if namesakes and given_compatible(entry.name.given, preferred.given) is False:
            # one record citing two entries of one volume: either the volume
            # lists a person twice (Caramanlis / Karamanlis) or the record
            # conflates namesakes (Charles Edward / Charles Erwin Wilson);
            # only the entry that fits the record's own name keeps it
            entry.authority_reason = (
                f"hsa-people record {record.id} ({record.preferred}) cites {vol}/persons#{local} and another "
                f"entry of that volume; {entry.raw!r} does not fit its name: not used"
            )
            return
        if any(_names_agree(entry.name, n) for n in record.names):
            entry.authority_id = record.id
            entry.authority_confidence = 1.0
            entry.authority_reason = f"hsa-people record {record.id} cites {vol}/persons#{local}"
        else:
            entry.authority_reason = (
                f"hsa-people record {record.id} ({record.preferred}) cites {vol}/persons#{local} "
                f"but the volume prints {entry.raw!r}: ids moved since; not used"
            )
        return
    if not entry.name.given or entry.name.surname_first:
        return
    key = fold(f"{entry.name.surname}, {' '.join(entry.name.given)}")
    ids = authority.by_name.get(key, ())
    span = volume_span(vol)
    fits = [
        rid for rid in ids
        if _alive_in(authority.records[rid].birth_year, authority.records[rid].death_year, span)
    ]
    if len(fits) == 1:
        record = authority.records[fits[0]]
        entry.authority_id = record.id
        entry.authority_confidence = 0.8
        entry.authority_reason = f"name equals hsa-people record {record.id} ({record.preferred}), the only one with that name"


def _alive_in(birth: int | None, death: int | None, span) -> bool:
    if span is None:
        return True
    first, last = int(span[0][:4]), int(span[1][:4])
    if birth is not None and birth + 15 > last:
        return False
    if death is not None and death < first:
        return False
    return True


# --------------------------------------------------------------------------
# Candidate merges
# --------------------------------------------------------------------------


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", fold(text)) if w not in _STOP and len(w) > 2}


def _office_titles(text: str) -> set[str]:
    return {fold(o.title) for o in parse_identification(text) if len(o.title) > 6}


def _name_evidence(a: _Entry, b: _Entry) -> tuple[float, str, bool]:
    """(confidence, reason, hard_clash) that two same-surname entries are one person."""
    na, nb = a.name, b.name
    if na.suffix and nb.suffix and fold(na.suffix) != fold(nb.suffix):
        return 0.0, f"suffixes differ ({na.suffix} / {nb.suffix})", True
    agree = given_compatible(na.given, nb.given)
    if agree is False:
        return 0.0, f"given names differ ({' '.join(na.given)} / {' '.join(nb.given)})", True
    if agree is None:
        return 0.0, "surname alone is no evidence", False
    if a.key[0] == b.key[0]:
        return 0.0, "two entries of one volume are two persons unless the authority says otherwise", False
    span_a, span_b = volume_span(a.key[0]), volume_span(b.key[0])
    gap = 0
    if span_a and span_b:
        gap = max(int(span_a[0][:4]) - int(span_b[1][:4]), int(span_b[0][:4]) - int(span_a[1][:4]), 0)
    if gap > 40:
        return 0.0, f"volumes {gap} years apart", True
    ga = [fold(g) for g in na.given]
    gb = [fold(g) for g in nb.given]
    full_first = len(ga[0]) > 1 and len(gb[0]) > 1
    same_full = ga == gb
    overlap_titles = _office_titles(a.identification) & _office_titles(b.identification)
    wa, wb = _content_words(a.identification), _content_words(b.identification)
    jaccard = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    overlap = bool(overlap_titles) or jaccard >= 0.3
    why_overlap = (
        f"office in common ({sorted(overlap_titles)[0]})" if overlap_titles
        else f"identifications overlap ({jaccard:.2f})"
    )
    suffix_note = "" if fold(na.suffix or "") == fold(nb.suffix or "") else ", one suffix missing"
    penalty = 0.05 if suffix_note else 0.0
    if same_full and overlap:
        return 0.9 - penalty, f"same name {' '.join(na.given)} {na.surname}; {why_overlap}{suffix_note}", False
    if same_full and full_first and gap <= 20:
        return 0.75 - penalty, f"same full name {' '.join(na.given)} {na.surname}, volumes within {gap} years{suffix_note}", False
    if full_first and overlap:
        return 0.8 - penalty, f"given names agree ({' '.join(na.given)} / {' '.join(nb.given)}); {why_overlap}{suffix_note}", False
    if overlap:
        return 0.7 - penalty, f"initials agree ({' '.join(na.given)} / {' '.join(nb.given)}); {why_overlap}{suffix_note}", False
    return 0.5, f"given names agree ({' '.join(na.given)} / {' '.join(nb.given)}) but nothing else does", False


def _candidate_decisions(entries, authority, overrides) -> list[MergeDecision]:
    decisions: list[MergeDecision] = []
    by_authority: dict[str, list[Key]] = defaultdict(list)
    for key, entry in entries.items():
        if entry.authority_id:
            by_authority[entry.authority_id].append(key)
        elif entry.authority_reason:
            decisions.append(MergeDecision(key, key, 0.0, entry.authority_reason, "apart"))
    for rid, keys in sorted(by_authority.items()):
        # every pair for small groups, so that a pair the volume itself keeps
        # apart (two entries of one volume on one record: the authority
        # conflated namesakes) does not decide who the others join
        pairs = (
            [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]
            if len(keys) <= 30 else [(keys[0], b) for b in keys[1:]]
        )
        for a, b in pairs:
            ea, eb = entries[a], entries[b]
            conf = min(ea.authority_confidence, eb.authority_confidence)
            reason = f"both in hsa-people record {rid}: {ea.authority_reason}; {eb.authority_reason}"
            if a[0] == b[0]:
                reason = f"hsa-people record {rid} cites both: the volume lists one person twice ({ea.raw} / {eb.raw})"
            if given_compatible(ea.name.given, eb.name.given) is False:
                conf -= 0.05
                reason += f" (given names printed differently: {' '.join(ea.name.given)} / {' '.join(eb.name.given)})"
            decisions.append(MergeDecision(a, b, round(conf, 2), reason, "merge"))
    blocks: dict[str, list[Key]] = defaultdict(list)
    for key, entry in entries.items():
        blocks[_surname_key(entry.name)].append(key)
    for block_keys in blocks.values():
        for i, ka in enumerate(block_keys):
            for kb in block_keys[i + 1:]:
                a, b = entries[ka], entries[kb]
                if a.authority_id and a.authority_id == b.authority_id:
                    continue
                conf, reason, clash = _name_evidence(a, b)
                if a.authority_id and b.authority_id and a.authority_confidence == 1.0 and b.authority_confidence == 1.0:
                    if conf >= MERGE_THRESHOLD:
                        decisions.append(MergeDecision(
                            ka, kb, 1.0,
                            f"hsa-people keeps them apart (records {a.authority_id} and {b.authority_id}) although {reason}",
                            "apart",
                        ))
                    continue
                if clash:
                    if given_compatible(a.name.given, b.name.given) is not None:
                        decisions.append(MergeDecision(ka, kb, 1.0, reason, "apart"))
                    continue
                if conf > 0:
                    decisions.append(MergeDecision(ka, kb, round(conf, 2), reason, "merge"))
    for a, b in sorted(overrides.force):
        if a in entries and b in entries:
            decisions.append(MergeDecision(a, b, 1.0, f"forced by {overrides.path or 'overrides'}", "force"))
    for a, b in sorted(overrides.forbid):
        if a in entries and b in entries:
            decisions.append(MergeDecision(a, b, 1.0, f"forbidden by {overrides.path or 'overrides'}", "forbid"))
    return decisions


# --------------------------------------------------------------------------
# Clustering
# --------------------------------------------------------------------------


def _cluster(entries, decisions, overrides) -> list[list[Key]]:
    parent = {k: k for k in entries}
    members: dict[Key, list[Key]] = {k: [k] for k in entries}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    apart: set[tuple[Key, Key]] = set()
    for d in decisions:
        if d.kind in ("apart", "forbid") and d.a != d.b:
            apart.add((min(d.a, d.b), max(d.a, d.b)))

    def clash(ra: Key, rb: Key, forced: bool) -> bool:
        for x in members[ra]:
            for y in members[rb]:
                pair = (min(x, y), max(x, y))
                if overrides.forbids(x, y):
                    return True
                if forced:
                    continue
                if pair in apart:
                    return True
                ex, ey = entries[x], entries[y]
                if ex.authority_id and ey.authority_id and ex.authority_id != ey.authority_id:
                    return True
                if ex.authority_id and ex.authority_id == ey.authority_id:
                    continue  # the authority vouches across spellings (Sergeyevich/Sergeevich)
                if _surname_key(ex.name) == _surname_key(ey.name):
                    if given_compatible(ex.name.given, ey.name.given) is False:
                        return True
        return False

    order = {"force": 0, "merge": 1}
    applied: set[int] = set()
    ranked = sorted(
        (i for i, d in enumerate(decisions) if d.kind in order),
        key=lambda i: (order[decisions[i].kind], -decisions[i].confidence, decisions[i].a, decisions[i].b),
    )
    for i in ranked:
        d = decisions[i]
        if d.kind == "merge" and d.confidence < MERGE_THRESHOLD:
            continue
        ra, rb = find(d.a), find(d.b)
        if ra == rb:
            applied.add(i)
            continue
        if clash(ra, rb, forced=d.kind == "force"):
            continue
        keep, drop = (ra, rb) if ra <= rb else (rb, ra)
        parent[drop] = keep
        members[keep].extend(members.pop(drop))
        applied.add(i)
    for i in applied:
        d = decisions[i]
        decisions[i] = MergeDecision(d.a, d.b, d.confidence, d.reason, d.kind, True)
    return sorted(sorted(m) for m in members.values())


# --------------------------------------------------------------------------
# Canonical persons
# --------------------------------------------------------------------------


def _assemble(entries, clusters, decisions, authority) -> Register:
    register = Register(decisions=tuple(decisions))
    best: dict[Key, tuple[float, str]] = {}
    for d in decisions:
        if d.applied:
            for k in (d.a, d.b):
                if k not in best or d.confidence > best[k][0]:
                    best[k] = (d.confidence, d.reason)
    # the largest cluster on an authority record gets its bare id and its
    # data; a namesake the volume keeps apart gets a derived id and only
    # what its own volumes say
    taken: set[str] = set()
    for keys in sorted(clusters, key=lambda ks: (-len(ks), ks)):
        members = [entries[k] for k in keys]
        rids = sorted({e.authority_id for e in members if e.authority_id}, key=int)
        record = authority.records.get(rids[0]) if authority and rids else None
        if rids and f"hsa-{rids[0]}" in taken:
            record = None
        if rids:
            pid = f"hsa-{rids[0]}"
        else:
            first = members[0]
            digest = hashlib.sha1(f"{first.key[0]}#{first.key[1]}".encode()).hexdigest()[:8]
            given = first.name.given[0] if first.name.given else ""
            pid = f"p-{slug(f'{first.name.surname} {given}')}-{digest}"
        sources = []
        for e in members:
            if len(members) == 1:
                conf, reason = (e.authority_confidence or 1.0), (e.authority_reason or "only entry")
            else:
                conf, reason = best.get(e.key, (1.0, "merged"))
            sources.append(SourceLink(e.key[0], e.key[1], e.raw, e.identification, conf, reason, e.origin))
        names: list[str] = []
        for e in members:
            if e.raw not in names:
                names.append(e.raw)
        if record:
            names.extend(n for n in record.names if n not in names)
        preferred = record.preferred if record else _most_common([e.raw for e in members])
        idents = [(e.key[0], e.identification) for e in members if e.identification]
        seen_vols = {e.key[0] for e in members}
        if record:
            idents.extend(
                (s.volume_id, s.identification) for s in record.sources
                if s.identification and s.volume_id not in seen_vols
            )
        offices: dict[tuple, Office] = {}
        for vol, text in idents:
            for o in parse_identification(text, vol):
                offices.setdefault((fold(o.title), o.start, o.end), o)
        if record and authority:
            for o in authority.offices(record):
                offices.setdefault((fold(o.title), o.start, o.end), o)
        person = CanonicalPerson(
            id=pid,
            preferred_name=preferred,
            name_forms=tuple(names),
            identifications=tuple(idents),
            offices=tuple(sorted(offices.values(), key=lambda o: (o.start or "", o.end or "", o.title))),
            volumes=tuple(sorted({e.key[0] for e in members} | ({x.volume_id for x in record.sources} if record else set()))),
            birth_year=record.birth_year if record else None,
            death_year=record.death_year if record else None,
            sources=tuple(sources),
            authority_id=rids[0] if rids else None,
            pocom_id=record.pocom_id if record else None,
        )
        if pid in taken:
            pid = f"{pid}-{hashlib.sha1(repr(keys[0]).encode()).hexdigest()[:6]}"
            person = CanonicalPerson(**{**{f: getattr(person, f) for f in person.__slots__}, "id": pid})
        taken.add(pid)
        register.persons[pid] = person
        for k in keys:
            register.by_key[k] = pid
    return register


def _most_common(names: list[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for n in names:
        counts[n] += 1
    return sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0]


__all__ = [
    "CanonicalPerson",
    "MERGE_THRESHOLD",
    "MergeDecision",
    "Register",
    "SourceLink",
    "build_register",
]
