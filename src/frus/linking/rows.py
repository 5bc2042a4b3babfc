"""One volume's documents → the rows of the link tables.

Runs in worker processes: the task carries the documents as the JSON the
store holds (strings pickle fast), the persons and terms lists to link
with, and which of the two parts to redo:

* the **text part** depends only on the volume's own documents — term
  mentions, cross-references (as found, resolved later when read),
  footnote and page anchors, unprinted citations, excisions;
* the **person part** depends on the register too — person mentions and
  the senders/recipients/participants linked to canonical persons — so it
  is redone when the persons it can link to change, even if the volume
  did not.

Editors' tags win: a ``persName``/``gloss`` tag is stored as the editors
put it (origin ``editors``) and the linker's mentions overlapping it are
dropped; the linker fills the untagged text (origin ``linker``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from frus.entities.flatten import FlatText, flatten_document
from frus.entities.linker import AMBIGUOUS, LINKED, UNRESOLVED, LinkedMention, PersonLinker
from frus.entities.terms import TermLinker
from frus.extract import participants
from frus.model import Document, ListEntry, Party, document_from_dict
from frus.references.catalog import _page_key
from frus.references.crossrefs import find_references
from frus.references.excisions import find_excisions
from frus.references.unprinted import unprinted_citations

#: PartyLink.status when the party names no person ("Department of State")
NO_PERSON = "none"


@dataclass(frozen=True, slots=True)
class VolumeTask:
    volume_id: str
    generation: int
    #: the documents' stored JSON, in reading order
    documents: tuple[str, ...]
    #: the persons list to link with; empty: the whole register (by date)
    persons: tuple[ListEntry, ...]
    terms: tuple[ListEntry, ...]
    text_part: bool
    person_part: bool
    person_digest: str


@dataclass
class VolumeRows:
    """Rows in the column order of the tables in ``frus.store.schema.LINK_DDL``;
    a part not redone is None."""

    volume_id: str
    generation: int
    person_digest: str
    text_part: bool
    person_part: bool
    person_mentions: list[tuple] | None = None
    parties: list[tuple] | None = None
    term_mentions: list[tuple] | None = None
    references: list[tuple] | None = None
    anchors: list[tuple] | None = None
    citations: list[tuple] | None = None
    excisions: list[tuple] | None = None
    errors: list[str] = field(default_factory=list)


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


class _Places:
    """Which part of the flattened text an offset falls in: title, body or notes."""

    def __init__(self, doc: Document, flat: FlatText) -> None:
        self.title_end = len(" ".join(doc.title.split())) if doc.title else 0
        self.body_end = len(flatten_document(doc, notes=False).text) if doc.footnotes else len(flat.text)

    def __call__(self, start: int) -> str:
        if start < self.title_end:
            return "title"
        return "body" if start < self.body_end else "notes"


class VolumeLinker:
    """The linkers of one volume, used for each of its documents."""

    def __init__(self, task: VolumeTask, register, wide: PersonLinker | None = None) -> None:
        self.task = task
        self.register = register
        vid = task.volume_id
        if task.persons:
            self.persons = PersonLinker(task.persons, register, volume_id=vid)
        else:
            self.persons = wide if wide is not None else PersonLinker(None, register, volume_id=vid)
        self.terms = TermLinker(task.terms) if task.terms else None

    # -- persons --------------------------------------------------------

    def person_rows(self, doc: Document, flat: FlatText, place: _Places) -> list[tuple]:
        vid = self.task.volume_id
        rows: list[tuple] = []
        tagged = [s for s in flat.spans if s.kind == "person"]
        taken = [(s.start, s.end) for s in tagged]
        for s in tagged:
            pid = self.register.canonical_id(vid, s.target) if s.target else None
            if pid:
                rows.append((s.start, s.end, s.text, pid, s.target, LINKED, "editors", s.where, 1.0,
                             "tagged by the editors", ()))
            else:
                why = (f"tagged by the editors with {s.target!r}, which the persons list lacks"
                       if s.target else "tagged by the editors without a target")
                rows.append((s.start, s.end, s.text, None, s.target, UNRESOLVED, "editors", s.where, 0.0, why, ()))
        for m in self.persons.link(flat.text, doc.date):
            if _overlaps(m.start, m.end, taken):
                continue
            pid = m.person_id if m.status == LINKED else None
            rows.append((m.start, m.end, m.text, pid, m.local_id, m.status, "linker", place(m.start),
                         m.confidence, m.reason, m.candidates))
        rows.sort(key=lambda r: (r[0], r[1]))
        return [
            (doc.id, vid, seq, pid, local, status, origin, where, start, end, text, conf, reason, _dumps(list(cands)))
            for seq, (start, end, text, pid, local, status, origin, where, conf, reason, cands) in enumerate(rows)
        ]

    def party_rows(self, doc: Document) -> list[tuple]:
        rows = []
        seq = 0
        for role, parties in (("from", doc.senders), ("to", doc.recipients), ("participant", participants(doc))):
            for party in parties:
                pid, status, conf, why, cands = self._party(party, doc)
                rows.append((doc.id, self.task.volume_id, seq, role, party.role, party.name, pid, status, conf, why,
                             _dumps(list(cands))))
                seq += 1
        return rows

    def _party(self, party: Party, doc: Document) -> tuple[str | None, str, float, str, tuple[str, ...]]:
        """Link the party as the head prints it: "the Secretary of State (Dulles)".

        A name is read with its office before it in parentheses, which the
        linker weighs against the candidates' offices; an office alone is
        whoever held it on the document's date.
        """
        role = " ".join((party.role or "").split())
        name = " ".join((party.name or "").split())
        if role and name:
            text = f"the {role} ({name})"
            name_span = (len(role) + 6, len(text) - 1)
        elif name:
            text, name_span = name, (0, len(name))
        elif role:
            text, name_span = f"the {role}", None
        else:
            return None, NO_PERSON, 0.0, "the party is empty", ()
        found = self.persons.link(text, doc.date)
        if name_span is not None:
            on_name = [m for m in found if m.start < name_span[1] and name_span[0] < m.end]
            found = on_name or found
        return _decide(found)

    # -- terms ----------------------------------------------------------

    def term_rows(self, doc: Document, flat: FlatText, place: _Places) -> list[tuple]:
        vid = self.task.volume_id
        rows: list[tuple] = []
        tagged = [s for s in flat.spans if s.kind == "term"]
        taken = [(s.start, s.end) for s in tagged]
        for s in tagged:
            rows.append((s.start, s.end, s.text, s.target, LINKED if s.target else UNRESOLVED, "editors", s.where, ()))
        if self.terms is not None:
            for m in self.terms.link(flat.text):
                if _overlaps(m.start, m.end, taken):
                    continue
                tid = m.person_id if m.status == LINKED else None
                rows.append((m.start, m.end, m.text, tid, m.status, "linker", place(m.start), m.candidates))
        rows.sort(key=lambda r: (r[0], r[1]))
        return [
            (doc.id, vid, seq, tid, status, origin, where, start, end, text, _dumps(list(cands)))
            for seq, (start, end, text, tid, status, origin, where, cands) in enumerate(rows)
        ]


def _decide(found: list[LinkedMention]) -> tuple[str | None, str, float, str, tuple[str, ...]]:
    """One person for a party, or why not."""
    linked = [m for m in found if m.status == LINKED]
    people = sorted({m.person_id for m in linked if m.person_id})
    if len(people) == 1:
        best = max((m for m in linked if m.person_id == people[0]), key=lambda m: m.confidence)
        return people[0], LINKED, best.confidence, best.reason, (people[0],)
    if len(people) > 1:
        return None, AMBIGUOUS, 0.0, "the party names several persons", tuple(people)
    unsure = [m for m in found if m.status == AMBIGUOUS]
    if unsure:
        cands = tuple(sorted({c for m in unsure for c in m.candidates}))
        return None, AMBIGUOUS, 0.0, unsure[0].reason, cands
    if found:
        return None, UNRESOLVED, 0.0, found[0].reason, ()
    return None, NO_PERSON, 0.0, "names no person the linker knows", ()


def text_rows(doc: Document) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    """(references, anchors, citations, excisions) of one document."""
    vid = doc.volume_id
    refs = [
        (r.id, doc.id, vid, seq, r.kind, r.target_volume, r.target_doc, r.target_number, r.target_page,
         _dumps(r.to_dict()))
        for seq, r in enumerate(find_references(doc))
    ]
    anchors = [(vid, doc.id, "note", note.n or "", note.id) for note in doc.footnotes]
    anchors += [(vid, doc.id, "page", _page_key(page), str(i)) for i, page in enumerate(doc.pages)]
    citations = [(doc.id, vid, seq, None, None, _dumps(c.to_dict())) for seq, c in enumerate(unprinted_citations(doc))]
    excisions = [
        (e.id, doc.id, vid, seq, e.unit, e.amount, _dumps(e.to_dict())) for seq, e in enumerate(find_excisions(doc))
    ]
    return refs, anchors, citations, excisions


def link_volume(task: VolumeTask, register, wide: PersonLinker | None = None) -> VolumeRows:
    """Every row of one volume; a document a library fails on is reported and skipped."""
    out = VolumeRows(task.volume_id, task.generation, task.person_digest, task.text_part, task.person_part)
    linker = VolumeLinker(task, register, wide)
    if task.person_part:
        out.person_mentions, out.parties = [], []
    if task.text_part:
        out.term_mentions, out.references, out.anchors, out.citations, out.excisions = [], [], [], [], []
    for raw in task.documents:
        doc = document_from_dict(json.loads(raw))
        try:
            flat = flatten_document(doc)
            place = _Places(doc, flat)
            if task.person_part:
                people = linker.person_rows(doc, flat, place)
                parties = linker.party_rows(doc)
            if task.text_part:
                terms = linker.term_rows(doc, flat, place)
                refs, anchors, citations, excisions = text_rows(doc)
        except Exception as err:  # a library bug must not stop the other documents
            out.errors.append(" ".join(f"{doc.id}: {type(err).__name__}: {err}".split()))
            continue
        if task.person_part:
            out.person_mentions.extend(people)
            out.parties.extend(parties)
        if task.text_part:
            out.term_mentions.extend(terms)
            out.references.extend(refs)
            out.anchors.extend(anchors)
            out.citations.extend(citations)
            out.excisions.extend(excisions)
    return out
