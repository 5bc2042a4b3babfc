"""Cross-references: where FRUS points to itself, resolved to ids.

Two sources, merged per passage:

* ``ref/@target`` (the readers keep them as ``ref`` inline runs): ``#d65``,
  ``#d45fn3``, ``#pg_131``, ``frus1964-68v14#d335``, a bare volume id, and
  front-matter anchors (``#persons``, ``#ch3``);
* the words themselves (:mod:`frus.references.citations`), read in every
  footnote and in the body of editorial notes, because text copies and most
  older volumes carry no ``ref`` at all.

Where both cover the same words the encoder's target wins, except that a
target naming only a volume ("<ref target="frus1952-54v08">vol. VIII</ref>,
p. 110") takes its page or document from the words around it.  "Ibid."
repeats the previous FRUS citation of the document's apparatus, unless an
archival citation ("(National Archives, …)") came in between, in which
case it is an archival "Ibid." and no cross-reference at all.

:func:`find_references` reads one document without looking anything up;
:func:`resolve_references` checks the targets against what is known (a
:class:`~frus.references.catalog.Catalog`, a set of ids or a predicate).
A reference to a volume that is not known stays *external*, with its
target kept so it can resolve once that volume is ingested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from frus.model import Document, ParsedVolume, to_dict
from frus.references import archives
from frus.references.catalog import Catalog, Known, as_catalog
from frus.references.citations import TextCitation, ibid_volume, scan
from frus.references.passages import Passage, passages
from frus.references.volumes import VOLUME_ID, split_target

#: Reference kinds
KINDS = ("document", "footnote", "page", "volume", "section")


@dataclass(frozen=True, slots=True)
class Reference:
    #: stable within a document's text: ``<source_doc>:<where>:<offset>[.k]``
    id: str
    source_doc: str
    #: "body", "title" or the footnote id ("d33fn2")
    where: str
    kind: str
    target_volume: str | None
    target_doc: str | None = None
    target_footnote: str | None = None
    target_page: str | None = None
    text: str = ""
    resolved: bool = False
    #: "internal" (same volume) or "external"
    scope: str = "internal"
    #: "ref" (``ref/@target``) or "text" (read from the words)
    origin: str = "ref"
    #: the raw ``ref/@target``, when there was one
    target: str | None = None
    #: the printed document number or footnote marker as cited ("65", "3")
    target_number: str | None = None
    target_marker: str | None = None
    #: why it is not resolved (None when resolved or not yet checked)
    reason: str | None = None

    def to_dict(self) -> dict:
        return to_dict(self)


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One line of ``frus check-refs``: a reference that does not resolve."""

    source_doc: str
    where: str
    kind: str
    scope: str
    text: str
    target: str | None
    target_volume: str | None
    target_doc: str | None
    target_footnote: str | None
    target_page: str | None
    reason: str

    def to_dict(self) -> dict:
        return to_dict(self)


CHECK_COLUMNS = tuple(CheckRow.__dataclass_fields__)


# --------------------------------------------------------------------------
# Finding
# --------------------------------------------------------------------------


#: "d65", "d72a", and the nested documents of frus1861 ("d282-2")
_FRAGMENT_DOC = re.compile(r"^d(?P<n>\d+[A-Za-z]?(?:-\d+)?)$")
_OTHER_CITATION = re.compile(r"\b(?:pp?\.|pages?)\s*\d|\b[Vv]ol\.\s*\w|Public Papers|Bulletin\b|New York Times")
_FRAGMENT_NOTE = re.compile(r"^(?P<doc>d\d+[A-Za-z]?)fn(?P<fn>[\w-]+)$")
#: "#d107att1": an attachment printed with document 107
_FRAGMENT_ATTACHMENT = re.compile(r"^d(?P<n>\d+[A-Za-z]?)att\d+$")
_FRAGMENT_PAGE = re.compile(r"^pg_(?P<page>[\w]+)$")
_FRAGMENT_NUMBER = re.compile(r"^(?P<n>\d+)$")


def _years_of(volume: str | None) -> str | None:
    m = VOLUME_ID.match(volume or "")
    if not m:
        return None
    years = m.group("years")
    if "-" in years:
        first, last = years.split("-")
        return f"{first}–{first[:2]}{last}"
    return years


class _Finder:
    """Reads one document's passages in order, keeping the "Ibid." state."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.volume = doc.volume_id
        self.last_volume: str | None = None
        self.last_years: str | None = None
        self.out: list[Reference] = []
        self.editorial = (doc.type == "editorial-note") or doc.title.strip().lower().startswith("editorial note")

    # -- building references ----------------------------------------------

    def _emit(self, passage: Passage, start: int, k: int, **fields) -> None:
        rid = f"{self.doc.id}:{passage.where}:{start}" + (f".{k}" if k else "")
        target_volume = fields.get("target_volume")
        scope = "internal" if target_volume == self.volume else "external"
        self.out.append(Reference(id=rid, source_doc=self.doc.id, where=passage.where, scope=scope, **fields))
        if target_volume and fields.get("kind") != "section" and scope == "external":
            # "ibid." repeats a publication citation; "See Document 65" is not one
            self.last_volume = target_volume
            self.last_years = _years_of(target_volume) or self.last_years

    def _from_target(self, target: str, text: str) -> dict | None:
        """Fields of a reference from a raw ``ref/@target``; None for non-FRUS targets."""
        split = split_target(target, self.volume)
        if split is None:
            return None
        volume, fragment = split
        base = dict(target_volume=volume, text=text, origin="ref", target=target)
        if not fragment:
            return dict(base, kind="volume")
        m = _FRAGMENT_DOC.match(fragment) or _FRAGMENT_NUMBER.match(fragment)
        if m:
            return dict(base, kind="document", target_doc=f"{volume}/d{m.group('n')}")
        m = _FRAGMENT_ATTACHMENT.match(fragment)
        if m:
            return dict(base, kind="document", target_doc=f"{volume}/d{m.group('n')}")
        m = _FRAGMENT_NOTE.match(fragment)
        if m:
            return dict(base, kind="footnote", target_doc=f"{volume}/{m.group('doc')}", target_footnote=fragment)
        m = _FRAGMENT_PAGE.match(fragment)
        if m:
            return dict(base, kind="page", target_page=m.group("page"))
        return dict(base, kind="section", target_doc=None)

    def _from_citation(self, cit: TextCitation, volume: str | None, text: str | None = None) -> list[dict]:
        base = dict(target_volume=volume, text=text or cit.text, origin="text")
        if cit.kind == "volume":
            return [dict(base, kind="volume")]
        if cit.kind == "page":
            return [dict(base, kind="page", target_page=cit.page)]
        if cit.kind == "footnote":
            out = []
            for marker in cit.footnotes:
                if cit.docs:
                    n = cit.docs[0]
                    target_doc = f"{volume}/d{n}" if volume else None
                    out.append(dict(base, kind="footnote", target_number=n, target_marker=marker, target_doc=target_doc))
                elif cit.basis == "this":
                    out.append(dict(base, kind="footnote", target_doc=self.doc.id, target_marker=marker))
                else:
                    out.append(dict(base, kind="footnote", target_page=cit.page, target_marker=marker))
            return out
        if cit.basis in ("prev", "next"):
            neighbour = self.doc.prev_id if cit.basis == "prev" else self.doc.next_id
            return [dict(base, kind="document", target_volume=self.volume, target_doc=neighbour)]
        return [
            dict(base, kind="document", target_number=n, target_doc=f"{volume}/d{n}" if volume else None)
            for n in cit.docs
        ]

    # -- one passage --------------------------------------------------------

    def passage(self, passage: Passage) -> None:
        use_text = passage.where not in ("title", "body") or self.editorial
        if passage.kind == "source" and passage.where not in ("title", "body"):
            # the source note is an archival citation: an "Ibid." after it is archival
            self.last_volume = None
        cites = scan(passage.text, self.volume) if use_text else []
        archive = archives.find(passage.text) if use_text else []
        events: list[tuple[int, int, str, object]] = []
        for ref in passage.refs:
            events.append((ref.start, 0, "ref", ref))
        for cit in cites:
            events.append((cit.start, 1, "cite", cit))
        for start, end, body, _form in archive:
            if not re.match(r"[Ii]bid\b", body):
                events.append((start, 2, "archive", (start, end)))
        if use_text:
            # a page or volume of another publication: a following "Ibid." is that publication
            covered = [(c.start, c.end) for c in cites] + [(r.start, r.end) for r in passage.refs]
            for m in _OTHER_CITATION.finditer(passage.text):
                if not any(s <= m.start() < max(e, s + 1) for s, e in covered):
                    events.append((m.start(), 2, "archive", (m.start(), m.end())))
        events.sort(key=lambda e: (e[0], e[1]))
        consumed: set[int] = set()
        under_ref = {
            id(c) for c in cites for r in passage.refs if c.start < max(r.end, r.start + 1) and c.end > r.start
        }
        for start, _, what, item in events:
            if what == "archive":
                self.last_volume = None
            elif what == "ref":
                self._ref(passage, item, cites, consumed)
            elif id(item) not in consumed and id(item) not in under_ref:
                self._cite(passage, item)

    def _ref(self, passage: Passage, ref, cites: list[TextCitation], consumed: set[int]) -> None:
        text = passage.text[ref.start:ref.end]
        fields = self._from_target(ref.target, text)
        if fields is None:
            return
        overlapping = [c for c in cites if c.start < max(ref.end, ref.start + 1) and c.end > ref.start]
        if fields["kind"] == "volume":
            specific = [c for c in overlapping if c.kind in ("document", "footnote", "page") and id(c) not in consumed]
            if specific:
                # "<ref target="frus1952-54v08">vol. VIII</ref>, p. 110": the page is in the words
                k = 0
                for cit in specific:
                    consumed.add(id(cit))
                    for extra in self._from_citation(cit, fields["target_volume"], cit.text):
                        extra.update(origin="ref", target=ref.target)
                        self._emit(passage, cit.start, k, **extra)
                        k += 1
                return
        for cit in overlapping:
            if id(cit) in consumed:
                continue
            consumed.add(id(cit))
            other = self._named_elsewhere(cit, ref.target)
            if other is not None:
                # "See ibid., Document 68" encoded as "#d68": the words name the volume
                fields.update(target_volume=other, target_doc=f"{other}/{fields['target_doc'].rsplit('/', 1)[1]}"
                              if fields.get("target_doc") else None)
            if cit.kind == "document" and fields["kind"] == "document" and len(cit.docs) > 1:
                self._rest_of_list(passage, cit, fields)
        self._emit(passage, ref.start, 0, **fields)

    def _named_elsewhere(self, cit: TextCitation, target: str) -> str | None:
        """The other volume the words name when the encoder wrote a same-volume target.

        Encoders wrote ``#d6`` for "Part 1, Document 6" and ``#d68`` for
        "See ibid., Document 68"; the words are right (checked against the
        editors' other targets), so a same-volume ``#dN`` yields to them.
        """
        if not target.startswith("#d") or cit.kind not in ("document", "footnote"):
            return None
        number = re.match(r"#d(\d+)", target)
        if not number or number.group(1) not in {re.sub(r"\D", "", d) for d in cit.docs}:
            return None
        if cit.basis in ("explicit", "sibling") and cit.volume and cit.volume != self.volume:
            return cit.volume
        if cit.basis == "ibid" and self.last_volume and self.last_volume != self.volume:
            return self.last_volume
        if cit.basis == "ibid-volume" and cit.spec is not None:
            named = ibid_volume(cit.spec, self.last_years)
            return named if named and named != self.volume else None
        return None

    def _rest_of_list(self, passage: Passage, cit: TextCitation, fields: dict) -> None:
        """ "Documents 18–20" with refs on 18 and 20 only: 19 is cited too."""
        covered = {r.target for r in passage.refs if cit.start <= r.start < cit.end + 1}
        volume = fields["target_volume"]
        for k, n in enumerate(cit.docs, start=1):
            if f"{volume}#d{n}" in covered or (volume == self.volume and f"#d{n}" in covered):
                continue
            self._emit(passage, cit.start, k, kind="document", target_volume=volume, target_number=n,
                       target_doc=f"{volume}/d{n}", text=cit.text, origin="text")

    def _cite(self, passage: Passage, cit: TextCitation) -> None:
        volume = cit.volume
        if cit.basis == "ibid":
            if self.last_volume is None:
                return  # an archival "Ibid."
            volume = self.last_volume
            if cit.kind == "ibid":
                return self._emit(passage, cit.start, 0, kind="volume", target_volume=volume, text=cit.text, origin="text")
        elif cit.basis == "ibid-volume":
            if cit.spec is None or (self.last_volume is None and not (cit.spec.years and cit.spec.number)):
                return  # an archival "Ibid., …, Vol. 3"
            volume = ibid_volume(cit.spec, self.last_years)
            if volume is None:
                return self._emit(passage, cit.start, 0, kind=cit.kind, target_volume=None, text=cit.text,
                                  origin="text", reason="volume not named clearly enough to identify")
        elif cit.basis == "unknown":
            return self._emit(passage, cit.start, 0, kind=cit.kind, target_volume=None, text=cit.text,
                              origin="text", reason="volume title not recognised")
        for k, fields in enumerate(self._from_citation(cit, volume)):
            self._emit(passage, cit.start, k, **fields)


def find_references(doc: Document) -> tuple[Reference, ...]:
    """Every cross-reference in ``doc``, targets derived but not yet checked."""
    finder = _Finder(doc)
    for passage in passages(doc):
        finder.passage(passage)
    return tuple(finder.out)


# --------------------------------------------------------------------------
# Resolving
# --------------------------------------------------------------------------


def _check(ref: Reference, catalog: Catalog) -> Reference:
    vol = ref.target_volume
    if ref.reason:
        return ref
    if vol is None and ref.kind == "document":
        return replace(ref, reason="no neighbouring document")
    if vol is None:
        return replace(ref, reason="no target volume")
    if ref.kind == "section":
        return replace(ref, reason="points to front or back matter, which is not kept as documents")
    if not catalog.has_volume(vol):
        return replace(ref, reason="volume not in the store (external)")
    if ref.kind == "volume":
        return replace(ref, resolved=True)
    if ref.kind == "page":
        doc = catalog.page_document(vol, ref.target_page or "")
        if catalog.has_page(vol, ref.target_page or ""):
            return replace(ref, resolved=True, target_doc=doc or ref.target_doc)
        return replace(ref, reason=_no_page(ref.target_page, vol))
    doc_id = ref.target_doc
    if ref.target_number is not None:
        doc_id = catalog.document_by_number(vol, ref.target_number)
        if doc_id is None:
            return replace(ref, reason=f"no document {ref.target_number} in {vol}")
    elif ref.kind == "footnote" and doc_id is None and ref.target_page:
        # "See footnote 96, p. 249": the note is on that page, in whichever document runs over it
        over = catalog.page_documents(vol, ref.target_page) if catalog.detailed else ()
        if not over and not catalog.has_page(vol, ref.target_page):
            return replace(ref, reason=_no_page(ref.target_page, vol))
        if not catalog.detailed:
            return replace(ref, resolved=True)
        doc_id = next((d for d in over if catalog.footnote_id(d, ref.target_marker or "")), None)
        doc_id = doc_id or catalog.page_document(vol, ref.target_page)
    if doc_id is None or not catalog.has_document(doc_id):
        return replace(ref, reason=f"no document {doc_id or ref.target_number} in {vol}")
    if ref.kind == "document":
        return replace(ref, resolved=True, target_doc=doc_id)
    note = ref.target_footnote
    if note is None and ref.target_marker is not None:
        note = catalog.footnote_id(doc_id, ref.target_marker)
        if note is None:
            if not catalog.detailed:
                local = doc_id.rsplit("/", 1)[-1]
                return replace(ref, resolved=True, target_doc=doc_id, target_footnote=f"{local}fn{ref.target_marker}")
            return replace(ref, target_doc=doc_id, reason=f"no footnote {ref.target_marker} in {doc_id}")
    if note is not None and catalog.has_footnote(doc_id, note):
        return replace(ref, resolved=True, target_doc=doc_id, target_footnote=note)
    return replace(ref, target_doc=doc_id, reason=f"no footnote {note} in {doc_id}")


def _no_page(page: str | None, volume: str) -> str:
    m = VOLUME_ID.match(volume)
    if m and m.group("part"):
        return f"no page {page} in {volume} (the parts of a volume share one pagination: it may be in another part)"
    return f"no page {page} in {volume}"


def resolve_references(refs: Iterable[Reference], known: Known) -> tuple[Reference, ...]:
    """``refs`` with ``resolved``, ``reason`` and page/number targets filled in."""
    catalog = as_catalog(known)
    return tuple(_check(ref, catalog) for ref in refs)


def document_references(doc: Document, known: Known) -> tuple[Reference, ...]:
    return resolve_references(find_references(doc), known)


def volume_references(volumes: Iterable[ParsedVolume], known: Known | None = None) -> Iterator[Reference]:
    """Resolved references of every document; ``known`` defaults to the volumes themselves."""
    volumes = list(volumes)
    catalog = as_catalog(known) if known is not None else Catalog.from_volumes(volumes)
    for parsed in volumes:
        for doc in parsed.documents:
            yield from resolve_references(find_references(doc), catalog)


def check_refs(refs: Iterable[Reference], *, external: bool = True) -> list[CheckRow]:
    """The rows of ``frus check-refs``: every unresolved reference with its reason.

    ``external=False`` leaves out references to volumes not in the store,
    which only say what is missing, not what is wrong.
    """
    rows: list[CheckRow] = []
    for ref in refs:
        if ref.resolved:
            continue
        reason = ref.reason or "not checked"
        if not external and reason.startswith("volume not in the store"):
            continue
        rows.append(
            CheckRow(
                source_doc=ref.source_doc,
                where=ref.where,
                kind=ref.kind,
                scope=ref.scope,
                text=ref.text,
                target=ref.target,
                target_volume=ref.target_volume,
                target_doc=ref.target_doc,
                target_footnote=ref.target_footnote,
                target_page=ref.target_page,
                reason=reason,
            )
        )
    return rows
