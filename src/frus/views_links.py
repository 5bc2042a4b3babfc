"""Read models over the link records, shared by the web pages and the REST API.

``Corpus`` answers with the records ``frus link`` stored: a document's
mentions one by one, a person's documents as four dated lists, a
document's references as found.  A reader wants them gathered — each
person once, with how often and in which words; the names the linker
could not settle kept apart and shown as such; a person's documents by
year; each cited document once with the notes citing it.  This module does
that gathering and nothing else: it calls public ``Corpus`` methods and
reads the public records (``frus.linking.records``, ``frus.references``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from frus.errors import StoreError
from frus.linking.records import (
    MISSING,
    STALE,
    DocumentBrief,
    DocumentPersons,
    DocumentReferences,
    LinkStatus,
    PartyLink,
    PersonDocument,
    PersonRecord,
)
from frus.references import Reference

#: the four ways a document can concern a person, in the order pages show them
ROLES = ("from", "to", "participant", "mentioning")
ROLE_LABELS = {"from": "From", "to": "To", "participant": "Participant in", "mentioning": "Mentioned in"}

#: years of a person's timeline filled in with empty rows when the span is no longer
#: than this; a longer span lists only the years with documents
TIMELINE_GAP_YEARS = 30

NO_LINK_METHODS = "this corpus offers no links"


def link_status(corpus: Any) -> LinkStatus:
    """The corpus's link status; "missing" for an object without the link methods
    (the test stand-ins of the web layer), so pages degrade instead of failing."""
    status = getattr(corpus, "link_status", None)
    if status is None:
        return LinkStatus(MISSING, NO_LINK_METHODS)
    return status()


def notice(status: LinkStatus) -> str | None:
    """One sentence for people when the links are not current, else None."""
    if status.state == STALE:
        return status.message or "Links are out of date; run `frus link`."
    if status.state == MISSING:
        return "People, cross-references and unprinted documents are shown once the corpus is linked: run `frus link`."
    return None


def _norm(text: str) -> str:
    return " ".join((text or "").split())


# --------------------------------------------------------------------------
# A document's people
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamedPerson:
    """A canonical person a document names or is from, to or with."""

    id: str
    name: str
    #: linked mentions in the document (title, body and notes)
    mentions: int
    #: the words the document uses for them, first use first
    forms: tuple[str, ...]
    #: "editors" (a persName tag) and/or "linker"
    origins: tuple[str, ...]
    #: "from", "to", "participant" when a party of the document
    roles: tuple[str, ...]
    #: the persons-list entries of the document's volume the mentions point to
    local_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UnsettledName:
    """Mentions the linker found but could not give to one person."""

    text: str
    #: "ambiguous" (several candidates fit) or "unresolved" (none does)
    status: str
    mentions: int
    #: (canonical id, preferred name) of each candidate
    candidates: tuple[tuple[str, str], ...]
    reason: str


@dataclass(frozen=True, slots=True)
class Party:
    """A sender, recipient or participant as the document prints it, and who it is."""

    role: str
    #: the words as printed: "the President's Deputy Assistant … (Haig)"
    printed: str
    link: PartyLink
    #: (id, name) of each candidate when ambiguous
    candidates: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DocumentPeople:
    doc_id: str
    parties: tuple[Party, ...]
    persons: tuple[NamedPerson, ...]
    ambiguous: tuple[UnsettledName, ...]
    unresolved: tuple[UnsettledName, ...]
    raw: DocumentPersons

    @property
    def tagged(self) -> bool:
        """Whether the editors tagged any of the persons (else all were found by the linker)."""
        return any("editors" in p.origins for p in self.persons)


def printed_party(link: PartyLink) -> str:
    role, name = _norm(link.party_role or ""), _norm(link.party_name or "")
    if role and name and name not in role:
        return f"{role} ({name})"
    return role or name


def document_people(corpus: Any, doc_id: str) -> DocumentPeople:
    """A document's persons gathered: each linked person once (parties first, then
    in order of first mention), the ambiguous and unresolved names apart."""
    found: DocumentPersons = corpus.document_persons(doc_id)
    wanted = {c for m in found.persons if m.status == "ambiguous" for c in m.candidates}
    wanted |= {c for p in found.parties if p.status == "ambiguous" for c in p.candidates}
    names = corpus.person_names(sorted(wanted)) if wanted else {}

    def named(ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
        return tuple((i, names.get(i, i)) for i in ids)

    people: dict[str, dict[str, Any]] = {}
    order: dict[str, tuple[int, int]] = {}
    for rank, party in enumerate(found.parties):
        if party.person_id:
            entry = people.setdefault(
                party.person_id,
                {"name": party.person_name or party.person_id, "mentions": 0, "forms": {}, "origins": {},
                 "roles": {}, "local_ids": {}},
            )
            entry["roles"][party.role] = None
            order.setdefault(party.person_id, (0, rank))
    unsettled: dict[tuple[str, str, tuple[str, ...]], list] = {}
    for m in found.persons:
        if m.status == "linked" and m.person_id:
            entry = people.setdefault(
                m.person_id,
                {"name": m.person_name or m.person_id, "mentions": 0, "forms": {}, "origins": {},
                 "roles": {}, "local_ids": {}},
            )
            entry["mentions"] += 1
            entry["forms"][_norm(m.text)] = None
            entry["origins"][m.origin] = None
            if m.local_id:
                entry["local_ids"][m.local_id] = None
            order.setdefault(m.person_id, (1, m.start))
        elif m.status in ("ambiguous", "unresolved"):
            key = (m.status, _norm(m.text).casefold(), tuple(m.candidates))
            group = unsettled.setdefault(key, [_norm(m.text), 0, m.reason])
            group[1] += 1
    persons = tuple(
        NamedPerson(
            id=pid,
            name=e["name"],
            mentions=e["mentions"],
            forms=tuple(f for f in e["forms"] if f),
            origins=tuple(e["origins"]),
            roles=tuple(r for r in ("from", "to", "participant") if r in e["roles"]),
            local_ids=tuple(e["local_ids"]),
        )
        for pid, e in sorted(people.items(), key=lambda item: order[item[0]])
    )
    ambiguous, unresolved = [], []
    for (status, _, candidates), (text, count, reason) in unsettled.items():
        name = UnsettledName(text, status, count, named(candidates), reason)
        (ambiguous if status == "ambiguous" else unresolved).append(name)
    parties = tuple(
        Party(p.role, printed_party(p), p, named(p.candidates) if p.status == "ambiguous" else ())
        for p in found.parties
    )
    return DocumentPeople(doc_id, parties, persons, tuple(ambiguous), tuple(unresolved), found)


# --------------------------------------------------------------------------
# A person
# --------------------------------------------------------------------------


_LEADING_JOINER = re.compile(r"^(?:(?:also|and|then|later|subsequently|thereafter)\b[\s,]*)+", re.I)


@dataclass(frozen=True, slots=True)
class OfficeSpan:
    """An office title once, with the widest dates any source gives for it."""

    title: str
    start: str | None
    end: str | None
    sources: tuple[str, ...]


def office_spans(offices: Iterable[Any]) -> list[OfficeSpan]:
    """Offices merged by title (sources repeat them), earliest first, undated last."""
    spans: dict[str, list] = {}
    for o in offices:
        # identifications chain offices ("…; also Secretary of State"): the joining word is not the office
        title = _LEADING_JOINER.sub("", _norm(o.title)).rstrip(" ;,.")
        if len(title) < 4:
            continue
        key = title.casefold().replace("’", "'")
        span = spans.setdefault(key, [title, None, None, {}])
        if o.start and (span[1] is None or o.start < span[1]):
            span[1] = o.start
        if o.end and (span[2] is None or o.end > span[2]):
            span[2] = o.end
        if o.source:
            span[3][o.source] = None
    out = [OfficeSpan(t, s, e, tuple(src)) for t, s, e, src in spans.values()]
    out.sort(key=lambda o: (o.start is None and o.end is None, o.start or o.end or "", o.title))
    return out


@dataclass(frozen=True, slots=True)
class Identification:
    text: str
    volumes: tuple[str, ...]


def identifications(record: PersonRecord) -> list[Identification]:
    """Each identification text once with the volumes printing it, in first-seen order."""
    texts: dict[str, dict[str, None]] = {}
    shown: dict[str, str] = {}
    for volume_id, text in record.identifications:
        clean = _norm(text)
        if not clean:
            continue
        key = clean.casefold().rstrip(".;,")
        shown.setdefault(key, clean)
        texts.setdefault(key, {})[volume_id] = None
    return [Identification(shown[k], tuple(v)) for k, v in texts.items()]


def year_of(doc: DocumentBrief) -> str | None:
    """The year a document is dated in; None when undated or dated only by a
    range across years (many undated documents carry their volume's span,
    "1969–1976", which says nothing of the year)."""
    start, end = doc.date_min or "", doc.date_max or doc.date_min or ""
    if len(start) < 4 or not start[:4].isdigit() or end[:4] != start[:4]:
        return None
    return start[:4]


@dataclass(frozen=True, slots=True)
class YearRow:
    """One year of a person's documents: counts per role, and a bar.

    ``bar`` splits the year's distinct documents by the first role each
    has (from, to, participant, then mentioning only), as (role, count,
    x, width) with x and width in percent of the busiest year.
    """

    year: str | None
    counts: dict[str, int]
    total: int
    bar: tuple[tuple[str, int, float, float], ...]


def timeline(record: PersonRecord) -> list[YearRow]:
    """The person's documents per year, oldest first, undated last.

    Needs the record read without a limit, or the counts are of the first
    documents only.
    """
    lists = {
        "from": record.documents_from,
        "to": record.documents_to,
        "participant": record.documents_participant,
        "mentioning": record.documents_mentioning,
    }
    counts: dict[str | None, Counter] = {}
    primary: dict[str, tuple[str | None, str]] = {}
    for role in ROLES:
        for doc in lists[role]:
            year = year_of(doc)
            counts.setdefault(year, Counter())[role] += 1
            primary.setdefault(doc.id, (year, role))
    split: dict[str | None, Counter] = {}
    for year, role in primary.values():
        split.setdefault(year, Counter())[role] += 1
    years = sorted(y for y in counts if y is not None)
    if years and int(years[-1]) - int(years[0]) <= TIMELINE_GAP_YEARS:
        years = [str(y) for y in range(int(years[0]), int(years[-1]) + 1)]
    if None in counts:
        years.append(None)
    busiest = max((sum(c.values()) for c in split.values()), default=0) or 1
    rows = []
    for year in years:
        parts = split.get(year, Counter())
        x, bar = 0.0, []
        for role in ROLES:
            n = parts.get(role, 0)
            if n:
                width = round(100 * n / busiest, 2)
                bar.append((role, n, round(x, 2), width))
                x += width
        rows.append(YearRow(year, {r: counts.get(year, Counter()).get(r, 0) for r in ROLES},
                            sum(parts.values()), tuple(bar)))
    return rows


@dataclass(frozen=True, slots=True)
class YearGroup:
    year: str | None
    documents: tuple[PersonDocument, ...]


def by_year(documents: Sequence[PersonDocument]) -> list[YearGroup]:
    """Documents (already oldest first) by year, in their order within each;
    the undated (see :func:`year_of`) last."""
    years: dict[str | None, list[PersonDocument]] = {}
    for doc in documents:
        years.setdefault(year_of(doc), []).append(doc)
    order = sorted((y for y in years if y is not None), key=int) + ([None] if None in years else [])
    return [YearGroup(y, tuple(years[y])) for y in order]


def role_documents(record: PersonRecord, role: str) -> tuple[PersonDocument, ...]:
    return {
        "from": record.documents_from,
        "to": record.documents_to,
        "participant": record.documents_participant,
        "mentioning": record.documents_mentioning,
    }[role]


# --------------------------------------------------------------------------
# A document's references
# --------------------------------------------------------------------------

HSG = "https://history.state.gov/historicaldocuments"


@dataclass(frozen=True, slots=True)
class CitedTarget:
    """What a document points to, once, with every reference pointing there.

    ``status``: "resolved" (a document of this corpus), "external" (a volume
    not in the store: ``external_url`` is its page on history.state.gov) or
    "unresolved" (``reason`` says why).
    """

    status: str
    references: tuple[Reference, ...]
    target: DocumentBrief | None = None
    external_url: str | None = None

    @property
    def first(self) -> Reference:
        return self.references[0]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_norm(r.text) for r in self.references if _norm(r.text)))

    @property
    def places(self) -> tuple[str, ...]:
        """Where in the citing document: "body", "title" or footnote ids."""
        return tuple(dict.fromkeys(r.where for r in self.references))

    @property
    def anchor(self) -> str | None:
        """The fragment inside the target document: a note or a printed page."""
        ref = self.first
        if ref.target_footnote:
            return ref.target_footnote
        if ref.target_page:
            return f"pg_{ref.target_page}"
        return None


#: how the references library begins the reason of a reference to a volume this corpus lacks
EXTERNAL_REASON = "volume not in the store"


def reference_status(ref: Reference) -> str:
    """"resolved", "external" (a volume this corpus lacks) or "unresolved"."""
    if ref.resolved:
        return "resolved"
    return "external" if (ref.reason or "").startswith(EXTERNAL_REASON) else "unresolved"


def external_url(ref: Reference) -> str | None:
    """The target on history.state.gov, where every published volume lives."""
    volume = ref.target_volume
    if not volume or not volume.startswith("frus") or "/" in volume:
        return None
    if ref.target_doc and "/" in ref.target_doc:
        return f"{HSG}/{ref.target_doc}"
    if ref.target_page:
        return f"{HSG}/{volume}/pg_{ref.target_page}"
    return f"{HSG}/{volume}"


def cited_targets(refs: DocumentReferences) -> list[CitedTarget]:
    """The document's outgoing references, one entry per place they point to,
    in the order first cited.  References to a whole volume of this corpus
    ("volume" kind) are kept; a reference to its own document is not."""
    briefs = {t.id: t for t in refs.targets}
    groups: dict[tuple, list[Reference]] = {}
    for ref in refs.outgoing:
        status = reference_status(ref)
        if status == "resolved":
            if ref.target_doc == refs.doc_id and not ref.target_footnote and not ref.target_page:
                continue
            key = (status, ref.target_doc or ref.target_volume, ref.target_footnote, ref.target_page)
        else:
            key = (status, ref.target_volume, ref.target_doc, ref.target_page, _norm(ref.text).casefold())
        groups.setdefault(key, []).append(ref)
    out = []
    for (status, *_), members in groups.items():
        first = members[0]
        out.append(
            CitedTarget(
                status,
                tuple(members),
                target=briefs.get(first.target_doc or "") if status == "resolved" else None,
                external_url=external_url(first) if status == "external" else None,
            )
        )
    return out


# --------------------------------------------------------------------------
# Excisions
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExcisionGroup:
    """Excisions printed with the same words, and where they stand."""

    extent_text: str
    count: int
    #: "body", "title" or footnote ids, first occurrence first
    places: tuple[str, ...]


def excision_groups(excisions: Iterable[Any]) -> list[ExcisionGroup]:
    """A document's excisions by their printed words, in order of first appearance."""
    groups: dict[str, list] = {}
    for x in excisions:
        text = _norm(x.extent_text)
        group = groups.setdefault(text.casefold(), [text, 0, {}])
        group[1] += 1
        group[2][x.where] = None
    return [ExcisionGroup(text, n, tuple(places)) for text, n, places in groups.values()]


# --------------------------------------------------------------------------
# Everything the reader's side panel shows
# --------------------------------------------------------------------------


@dataclass
class DocumentLinks:
    """The reader's link panels for one document; empty lists when not linked."""

    status: LinkStatus
    notice: str | None
    people: DocumentPeople | None = None
    cited: list[CitedTarget] = field(default_factory=list)
    references: DocumentReferences | None = None
    unprinted: list = field(default_factory=list)
    excisions: list = field(default_factory=list)
    #: person id → the identification the document's own volume prints for them
    identified: dict[str, str] = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.people is not None


def document_links(corpus: Any, doc_id: str, volume: Any = None) -> DocumentLinks:
    """The side panel's data, or only a notice when the corpus is not linked.

    ``volume`` (the document's ``Volume``) lends its persons list's
    identifications to the persons its mentions point to.

    A store error on the link tables (a store being relinked under us)
    leaves the panel empty with a notice instead of failing the page:
    the document itself is still worth reading.
    """
    status = link_status(corpus)
    if status.state == MISSING:
        return DocumentLinks(status, notice(status))
    try:
        refs = corpus.references(doc_id)
        people = document_people(corpus, doc_id)
        listed = {p.id: p.description for p in volume.persons} if volume is not None else {}
        identified = {}
        for n in people.persons:
            described = [listed[i] for i in n.local_ids if listed.get(i)]
            if described:
                identified[n.id] = described[0]
        return DocumentLinks(
            status,
            notice(status),
            people=people,
            identified=identified,
            cited=cited_targets(refs),
            references=refs,
            unprinted=list(corpus.document_unprinted(doc_id)),
            excisions=list(corpus.excisions(doc_id)),
        )
    except StoreError as exc:
        return DocumentLinks(status, str(exc))


__all__ = [
    "CitedTarget",
    "DocumentLinks",
    "DocumentPeople",
    "ExcisionGroup",
    "Identification",
    "NamedPerson",
    "OfficeSpan",
    "Party",
    "ROLES",
    "ROLE_LABELS",
    "UnsettledName",
    "YearGroup",
    "YearRow",
    "by_year",
    "cited_targets",
    "document_links",
    "document_people",
    "excision_groups",
    "external_url",
    "identifications",
    "link_status",
    "notice",
    "office_spans",
    "printed_party",
    "reference_status",
    "role_documents",
    "timeline",
    "year_of",
]
