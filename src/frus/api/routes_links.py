"""``/api/v1`` routes over what ``frus link`` derives: persons across volumes,
a document's people, cross-references, the unprinted ledger and excisions.

Same rules as :mod:`frus.api.routes`: parse, call one ``Corpus`` method
(through :mod:`frus.views_links` where records are gathered), return a
shape of :mod:`frus.api.models_links`.  Every answer carries ``links``, the
state of the link tables, so a client can tell a stale answer; a corpus
never linked is a ``links-missing`` problem (503) saying to run
``frus link``.

``GET /persons/{person_id}`` is the canonical person across volumes; the
volume-local entries stay at ``/persons/{volume_id}/{entry_id}`` (two
path segments, so the two never collide), and each source entry of a
canonical person links to its volume-local twin.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from frus import views_links
from frus.api import models_links as models
from frus.api.problems import BadParameter, LinksMissing, responses
from frus.api.routes import MAX_OFFSET, PREFIX, document_url, entry_url
from frus.errors import FrusError, NotFound, StoreError
from frus.linking.records import MISSING, LinkStatus
from frus.references import CHECK_COLUMNS
from frus.web import render
from frus.web.pages_links import person_href, unprinted_href

MAX_PERSONS = 100
MAX_LEDGER_PAGE = 200
MAX_PERSON_DOCUMENTS = 10_000
MAX_QUERY_CHARS = 500

PersonId = Path(
    description="a canonical person id: `hsa-<record>` when the Office of the Historian's data knows them, "
    "else `p-<surname>-<given name>-<hash>`",
    max_length=200, examples=["hsa-107252"],
)
UnprintedId = Path(description="a ledger entry id, stable from run to run", max_length=100, examples=["ud9dc943b6b21"])
VolumeId = Path(description="a volume id, as in history.state.gov URLs", examples=["frus1969-76v13"])
LocalId = Path(description="a document id within its volume", examples=["d33"])


# --------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------


def _q(part: str) -> str:
    return quote(part, safe="")


def person_url(person_id: str) -> str:
    return f"{PREFIX}/persons/{_q(person_id)}"


def unprinted_url(entry_id: str) -> str:
    return f"{PREFIX}/unprinted/{_q(entry_id)}"


# --------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------


def link_state(status: LinkStatus) -> dict[str, Any]:
    return {"state": status.state, "message": status.message, "linked_at": status.linked_at}


def _checked(corpus: Any) -> LinkStatus:
    """The link status, or a ``links-missing`` problem when there are no links to read."""
    status = views_links.link_status(corpus)
    if status.state == MISSING:
        raise LinksMissing(status.message or "links have not been built for this corpus; run `frus link`")
    return status


def _candidates(pairs) -> list[dict[str, Any]]:
    return [{"id": i, "name": n, "url": person_url(i), "html_url": person_href(i)} for i, n in pairs]


def _fragment(where: str) -> str:
    """The reader anchor of a place in a document: a footnote id, or nothing for the body."""
    return "" if where in ("body", "title", "") else "#" + render.safe_id(where)


def document_people(people: views_links.DocumentPeople) -> dict[str, Any]:
    """The gathered persons of a document (also part of the full document record)."""
    return {
        "parties": [
            {
                "role": p.role,
                "printed": p.printed,
                "party_role": p.link.party_role,
                "party_name": p.link.party_name,
                "status": p.link.status,
                "person_id": p.link.person_id,
                "person_name": p.link.person_name,
                "confidence": p.link.confidence,
                "reason": p.link.reason,
                "candidates": _candidates(p.candidates),
                "url": person_url(p.link.person_id) if p.link.person_id else None,
                "html_url": person_href(p.link.person_id) if p.link.person_id else None,
            }
            for p in people.parties
        ],
        "persons": [
            {
                "id": n.id, "name": n.name, "mentions": n.mentions, "forms": list(n.forms),
                "origins": list(n.origins), "roles": list(n.roles), "local_ids": list(n.local_ids),
                "url": person_url(n.id), "html_url": person_href(n.id),
            }
            for n in people.persons
        ],
        "ambiguous": [_unsettled(u) for u in people.ambiguous],
        "unresolved": [_unsettled(u) for u in people.unresolved],
    }


def _unsettled(u: views_links.UnsettledName) -> dict[str, Any]:
    return {
        "text": u.text, "status": u.status, "mentions": u.mentions,
        "candidates": _candidates(u.candidates), "reason": u.reason,
    }


def document_people_or_none(corpus: Any, doc_id: str) -> dict[str, Any] | None:
    """The ``people`` field of the full document record: None when the corpus is not linked."""
    if views_links.link_status(corpus).state == MISSING:
        return None
    try:
        return document_people(views_links.document_people(corpus, doc_id))
    except StoreError:
        return None


def _reference(ref) -> dict[str, Any]:
    out = ref.to_dict()
    out["target_url"] = None
    out["target_html_url"] = None
    if ref.resolved and ref.target_doc and "/" in ref.target_doc:
        anchor = ref.target_footnote or (f"pg_{ref.target_page}" if ref.target_page else "")
        out["target_url"] = document_url(ref.target_doc)
        out["target_html_url"] = render.document_href(ref.target_doc) + (f"#{render.safe_id(anchor)}" if anchor else "")
    elif not ref.resolved:
        out["target_html_url"] = views_links.external_url(ref) if views_links.reference_status(ref) == "external" else None
    return out


def _person_document(doc) -> dict[str, Any]:
    return {**doc.to_dict(), "url": document_url(doc.id), "html_url": render.document_href(doc.id)}


def ledger_entry(entry) -> dict[str, Any]:
    data = entry.to_dict()
    data.pop("key", None)
    data["citations"] = [
        {
            **c.to_dict(),
            "url": document_url(c.doc),
            "html_url": render.document_href(c.doc) + _fragment(c.where),
        }
        for c in entry.citations
    ]
    data["url"] = unprinted_url(entry.id)
    data["html_url"] = unprinted_href(entry.id)
    return data


def _brief(summary) -> dict[str, Any]:
    return {
        "id": summary.id, "number": summary.number, "title": summary.title,
        "date_min": summary.date_min, "date_max": summary.date_max,
        "url": document_url(summary.id), "html_url": render.document_href(summary.id),
    }


def _refused(exc: FrusError) -> BadParameter:
    return BadParameter(str(exc))


# --------------------------------------------------------------------------
# The router
# --------------------------------------------------------------------------


def build_router(corpus: Any) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["links"])

    @router.get(
        "/persons",
        response_model=models.PersonsResponse,
        summary="Find persons across volumes",
        responses=responses(400, 422, 503),
    )
    def persons(
        q: str = Query(..., max_length=200, examples=["Kissinger"],
                       description='a name or part of one, accents and case aside: "Kissinger", '
                       '"Kissinger, Henry A.", "Ivanoff"; or a person id'),
        limit: int = Query(20, ge=1, le=MAX_PERSONS, description="persons at most"),
    ) -> dict[str, Any]:
        """Canonical persons of the register (merged from every volume's persons list) whose
        name forms hold every word of `q`; an exact name first, then the most widely listed."""
        status = _checked(corpus)
        try:
            found = corpus.find_persons(q, limit=limit)
        except (NotFound, StoreError):
            raise
        except FrusError as exc:
            raise _refused(exc) from None
        return {
            "query": q,
            "limit": limit,
            "total": len(found),
            "persons": [
                {**p.to_dict(), "url": person_url(p.id), "html_url": person_href(p.id)} for p in found
            ],
            "links": link_state(status),
        }

    @router.get(
        "/persons/{person_id}",
        response_model=models.PersonResponse,
        response_model_by_alias=True,
        summary="One person across volumes",
        responses=responses(404, 422, 503),
    )
    def person(
        person_id: str = PersonId,
        limit: int | None = Query(None, ge=0, le=MAX_PERSON_DOCUMENTS,
                                  description="documents per list at most (default: all)"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="documents to skip in each list"),
    ) -> dict[str, Any]:
        """A canonical person: name forms, identifications by volume, offices with dates, the volumes
        and persons-list entries merged into them, and the documents from, to, with (participant)
        and mentioning them, oldest first, with counts per year."""
        status = _checked(corpus)
        record = corpus.person(person_id)
        held = {s.volume_id for s in record.sources if s.origin == "volume"}
        end = None if limit is None else offset + limit

        def page(role: str) -> list[dict[str, Any]]:
            return [_person_document(d) for d in views_links.role_documents(record, role)[offset:end]]

        return {
            "person": {
                "id": record.id,
                "preferred_name": record.preferred_name,
                "name_forms": list(record.name_forms),
                "birth_year": record.birth_year,
                "death_year": record.death_year,
                "identifications": [{"volume_id": v, "text": t} for v, t in record.identifications],
                "offices": [_office(o) for o in record.offices],
                "volumes": [
                    {"id": v, "in_corpus": v in held, "html_url": render.volume_href(v) if v in held else None}
                    for v in record.volumes
                ],
                "sources": [
                    {
                        "volume_id": s.volume_id, "local_id": s.local_id, "name": s.name,
                        "identification": s.identification, "confidence": s.confidence, "reason": s.reason,
                        "origin": s.origin, "in_corpus": s.volume_id in held,
                        "url": entry_url("person", s.volume_id, s.local_id) if s.volume_id in held else None,
                        "html_url": render.entry_href("person", s.volume_id, s.local_id)
                        if s.volume_id in held else None,
                    }
                    for s in record.sources
                ],
                "authority_id": record.authority_id,
                "pocom_id": record.pocom_id,
                "url": person_url(record.id),
                "html_url": person_href(record.id),
            },
            "offset": offset,
            "limit": limit,
            "counts": {role: len(views_links.role_documents(record, role)) for role in views_links.ROLES},
            "by_year": [
                {"year": row.year, **row.counts, "documents": row.total} for row in views_links.timeline(record)
            ],
            "documents_from": page("from"),
            "documents_to": page("to"),
            "documents_participant": page("participant"),
            "documents_mentioning": page("mentioning"),
            "links": link_state(status),
        }

    @router.get(
        "/documents/{volume_id}/{local_id}/persons",
        response_model=models.DocumentPersonsResponse,
        summary="The persons of a document",
        responses=responses(404, 422, 503),
    )
    def document_persons(volume_id: str = VolumeId, local_id: str = LocalId) -> dict[str, Any]:
        """Who a document is from, to and with, each person it names (the editors' tags and the
        linker's finds in untagged text) gathered once, the names left ambiguous or unresolved
        with their candidates, and every person and term mention with its offsets."""
        status = _checked(corpus)
        people = views_links.document_people(corpus, f"{volume_id}/{local_id}")
        return {
            "doc_id": people.doc_id,
            **document_people(people),
            "mentions": [m.to_dict() for m in people.raw.persons],
            "terms": [t.to_dict() for t in people.raw.terms],
            "links": link_state(status),
        }

    @router.get(
        "/documents/{volume_id}/{local_id}/references",
        response_model=models.ReferencesResponse,
        summary="A document's cross-references",
        responses=responses(404, 422, 503),
    )
    def references(volume_id: str = VolumeId, local_id: str = LocalId) -> dict[str, Any]:
        """The references a document makes ("See Document 65", "footnote 3, Document 45",
        "Foreign Relations, 1918, Russia, volume I"), each resolved against this corpus as it is now;
        a reference to a volume not in the corpus keeps its target and links to history.state.gov.
        `incoming` lists the documents citing this one."""
        status = _checked(corpus)
        found = corpus.references(f"{volume_id}/{local_id}")
        return {
            "doc_id": found.doc_id,
            "outgoing": [_reference(r) for r in found.outgoing],
            "incoming": [
                {
                    "id": c.id, "volume_id": c.volume_id, "number": c.number, "title": c.title,
                    "date_min": c.date_min, "date_max": c.date_max,
                    "references": [_reference(r) for r in c.references],
                    "url": document_url(c.id), "html_url": render.document_href(c.id),
                }
                for c in found.incoming
            ],
            "links": link_state(status),
        }

    @router.get(
        "/documents/{volume_id}/{local_id}/unprinted",
        response_model=models.DocumentUnprintedResponse,
        summary="The unprinted documents a document cites",
        responses=responses(404, 422, 503),
    )
    def document_unprinted(volume_id: str = VolumeId, local_id: str = LocalId) -> dict[str, Any]:
        """The documents this one cites that FRUS does not print (telegrams, memoranda, notes…),
        each a ledger entry with every document citing it."""
        status = _checked(corpus)
        doc_id = f"{volume_id}/{local_id}"
        entries = corpus.document_unprinted(doc_id)
        return {"doc_id": doc_id, "entries": [ledger_entry(e) for e in entries], "links": link_state(status)}

    @router.get(
        "/documents/{volume_id}/{local_id}/excisions",
        response_model=models.ExcisionsResponse,
        summary="What declassification withheld from a document",
        responses=responses(404, 422, 503),
    )
    def excisions(volume_id: str = VolumeId, local_id: str = LocalId) -> dict[str, Any]:
        """The bracketed declassification notes of a document ("[1 paragraph (5 lines) not
        declassified]") as records: amount, unit, and where they stand."""
        status = _checked(corpus)
        doc_id = f"{volume_id}/{local_id}"
        found = corpus.excisions(doc_id)
        return {
            "doc_id": doc_id, "total": len(found), "excisions": [e.to_dict() for e in found],
            "links": link_state(status),
        }

    @router.get(
        "/unprinted",
        response_model=models.UnprintedResponse,
        summary="Search the ledger of unprinted documents",
        responses=responses(400, 422, 503),
    )
    def unprinted(
        q: str = Query("", max_length=MAX_QUERY_CHARS, examples=["kind:telegram from:moscow"],
                       description="words, or `field:value` with kind, number, date, from, to, location, "
                       "status, cited (`cited:frus1969-76v13/d33`); empty for every entry"),
        limit: int = Query(50, ge=0, le=MAX_LEDGER_PAGE, description="entries per page"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="entries to skip"),
    ) -> dict[str, Any]:
        """Documents FRUS cites but does not print, most cited first, each with every document
        citing it; merged when several documents cite the same one."""
        status = _checked(corpus)
        try:
            result = corpus.unprinted(q.strip() or None, limit=limit, offset=offset)
        except (NotFound, StoreError):
            raise
        except FrusError as exc:
            raise _refused(exc) from None
        end = result.offset + len(result.entries)
        return {
            "query": result.query,
            "total": result.total,
            "offset": result.offset,
            "limit": result.limit,
            "next_offset": end if result.entries and end < result.total else None,
            "entries": [ledger_entry(e) for e in result],
            "links": link_state(status),
        }

    @router.get(
        "/unprinted/{unprinted_id}",
        response_model=models.UnprintedEntryResponse,
        summary="One unprinted document",
        responses=responses(404, 422, 503),
    )
    def unprinted_entry(unprinted_id: str = UnprintedId) -> dict[str, Any]:
        """A ledger entry: what is known of the unprinted document (kind, number, date, sender,
        recipient, archive, status) and every citation of it, with the citing documents."""
        status = _checked(corpus)
        entry = corpus.unprinted_entry(unprinted_id)
        found = corpus.summaries(entry.cited_by)
        citing = sorted(
            (found[i] for i in entry.cited_by if i in found),
            key=lambda s: (s.date_min is None, s.date_min or "", s.id),
        )
        return {"entry": ledger_entry(entry), "documents": [_brief(s) for s in citing], "links": link_state(status)}

    @router.get(
        "/references/unresolved",
        response_model=models.UnresolvedResponse,
        summary="Every cross-reference that does not resolve",
        responses={
            **responses(422, 503),
            200: {
                "description": "The unresolved references: JSON by default, CSV with `format=csv`",
                "content": {"text/csv": {"schema": {"type": "string"}}},
            },
        },
    )
    def unresolved(
        external: bool = Query(True, description="also list references to volumes not in this corpus"),
        fmt: Literal["json", "csv"] = Query("json", alias="format", description="json, or csv (the columns of "
                                            "`frus check-refs --csv`)"),
        limit: int | None = Query(None, ge=0, le=100_000, description="rows at most (default: all)"),
        offset: int = Query(0, ge=0, le=100_000, description="rows to skip"),
    ) -> Any:
        """`frus check-refs` as JSON or CSV: each reference that does not resolve against this
        corpus, with the reason."""
        status = _checked(corpus)
        rows = corpus.check_refs(external=external)
        end = None if limit is None else offset + limit
        page = rows[offset:end]
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(CHECK_COLUMNS)
            for row in page:
                data = row.to_dict()
                writer.writerow(["" if data.get(c) is None else data.get(c) for c in CHECK_COLUMNS])
            return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
        return {
            "external": external,
            "total": len(rows),
            "offset": offset,
            "limit": limit,
            "rows": [r.to_dict() for r in page],
            "links": link_state(status),
        }

    return router


def _office(o) -> dict[str, Any]:
    return {"title": o.title, "start": o.start, "end": o.end, "source": o.source}


__all__ = ["build_router", "document_people", "document_people_or_none", "ledger_entry", "person_url",
           "unprinted_url"]
