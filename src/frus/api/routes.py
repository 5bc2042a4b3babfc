"""``/api/v1``: the JSON twin of every web page.

Each route parses its parameters, calls the corpus (through ``frus.views``
where ``Corpus`` has no listing yet) and returns one of the shapes in
``frus.api.models``.  Errors are raised as ``frus.errors`` exceptions and
turned into problem details by the app's handlers, so a route never builds
an error response itself.  Routes are plain ``def``: every corpus call
blocks, and Starlette runs them in its thread pool.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import PlainTextResponse

from frus import cite, views
from frus.api import models, params
from frus.api.problems import BadParameter, problem, responses
from frus.errors import FrusError, NotFound, QuerySyntaxError, StoreError
from frus.export.text import render_text
from frus.model import Document, ListEntry, Volume, to_dict
from frus.web import render

if TYPE_CHECKING:  # what Corpus.summaries gives for a neighbour
    from frus.store.sqlite import DocumentSummary

PREFIX = "/api/v1"
#: one page of hits at most; deeper pages cost the index offset+limit documents
MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_QUERY_CHARS = 1000

# Path parameters, with examples from the bundled sample volumes (``make run``)
VolumeId = Path(description="a volume id, as in history.state.gov URLs", examples=["frus1969-76ve09p1"])
LocalId = Path(description="a document id within its volume", examples=["d10"])


# --------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------


def _q(part: str) -> str:
    return quote(part, safe="")


def document_url(doc_id: str) -> str:
    volume_id, _, local_id = doc_id.partition("/")
    return f"{PREFIX}/documents/{_q(volume_id)}/{_q(local_id)}"


def volume_url(volume_id: str) -> str:
    return f"{PREFIX}/volumes/{_q(volume_id)}"


def entry_url(kind: str, volume_id: str, entry_id: str) -> str:
    return f"{PREFIX}/{views.LIST_KINDS[kind]}/{_q(volume_id)}/{_q(entry_id)}"


# --------------------------------------------------------------------------
# Shapes
# --------------------------------------------------------------------------


def _document_ref(doc: Document | DocumentSummary | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    return {
        "id": doc.id,
        "number": doc.number,
        "title": doc.title,
        "url": document_url(doc.id),
        "html_url": render.document_href(doc.id),
    }


def _volume_ref(volume: Volume) -> dict[str, Any]:
    return {
        "id": volume.id,
        "title": volume.title,
        "url": volume_url(volume.id),
        "html_url": render.volume_href(volume.id),
    }


def volume_summary(volume: Volume) -> dict[str, Any]:
    return {
        "id": volume.id,
        "title": volume.title,
        "subseries": volume.subseries,
        "volume_number": volume.volume_number,
        "volume_title": volume.volume_title,
        "editors": list(volume.editors),
        "published": volume.published,
        "document_count": volume.document_count,
        "persons_count": len(volume.persons),
        "terms_count": len(volume.terms),
        "url": volume_url(volume.id),
        "html_url": render.volume_href(volume.id),
    }


def _list_entry(kind: str, volume_id: str, entry: ListEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "name": entry.name,
        "description": entry.description,
        "url": entry_url(kind, volume_id, entry.id),
        "html_url": render.entry_href(kind, volume_id, entry.id),
    }


def _toc_node(node: views.TocNode) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": node.kind, "title": node.title}
    if node.entry is not None:
        out.update(node.entry.summary())
        out["url"] = document_url(node.entry.id)
        out["html_url"] = render.document_href(node.entry.id)
    out["children"] = [_toc_node(c) for c in node.children]
    return out


def _accepts_sort(corpus: Any) -> bool:
    """Whether this corpus's ``search`` takes a ``sort`` argument (newer versions do)."""
    try:
        return "sort" in inspect.signature(corpus.search).parameters
    except (TypeError, ValueError):
        return False


# --------------------------------------------------------------------------
# The router
# --------------------------------------------------------------------------


def build_router(corpus: Any, contents: views.ContentsCache) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["v1"])
    sortable = _accepts_sort(corpus)

    @router.get(
        "/search",
        response_model=models.SearchResponse,
        summary="Search the documents",
        responses=responses(400, 422, 503),
    )
    def search(
        q: str = Query(
            ..., max_length=MAX_QUERY_CHARS, examples=["Qadhafi"],
            description='the query: words, "phrases", AND, OR, NOT, parentheses (see the search syntax)',
        ),
        limit: int = Query(10, ge=0, le=MAX_LIMIT, description="hits per page"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="hits to skip"),
        sort: str | None = Query(
            None, max_length=40,
            description="result order: relevance (default), date-asc or date-desc",
        ),
        filter_: list[str] = Query(
            [], alias="filter", max_length=300,
            description="keep only documents with this facet value, as `type:telegram`; repeat it: "
            "values of one facet are alternatives, facets combine with AND",
        ),
        exclude: list[str] = Query(
            [], max_length=300,
            description="leave out documents with this facet value, as `classification:Secret`; repeat it",
        ),
        from_year: str | None = Query(None, max_length=4, description="documents dated in or after this year"),
        to_year: str | None = Query(None, max_length=4, description="documents dated in or before this year"),
    ) -> dict[str, Any]:
        """Ranked documents matching `q`, with highlighted snippets, an exact total and facet counts.
        The same parameters as the web page `/search`, so either URL turns into the other."""
        asked = params.parse(q, filter_, exclude, from_year, to_year)
        kwargs: dict[str, Any] = {"limit": limit, "offset": offset}
        if asked.filters:
            kwargs["filters"] = asked.filters
        if asked.exclude:
            kwargs["exclude"] = asked.exclude
        if sort:
            if not sortable:
                raise BadParameter("this corpus does not offer sorting yet; leave out `sort` for relevance order")
            kwargs["sort"] = sort
        try:
            result = corpus.search(asked.query, **kwargs)
        except (QuerySyntaxError, NotFound, StoreError):
            raise
        except FrusError as exc:  # limits and options the corpus refused
            raise BadParameter(str(exc)) from None
        end = result.offset + len(result.hits)
        return {
            "query": result.query,
            "total": result.total,
            "offset": result.offset,
            "limit": result.limit,
            "took_ms": result.took_ms,
            "hits": [
                {
                    "id": h.id,
                    "volume_id": h.volume_id,
                    "number": h.number,
                    "title": h.title,
                    "date_min": h.date_min,
                    "date_max": h.date_max,
                    "score": h.score,
                    "snippet": h.snippet,
                    "snippet_field": h.snippet_field,
                    "snippet_note": getattr(h, "snippet_note", None),
                    "url": document_url(h.id),
                    "html_url": render.document_href(h.id),
                }
                for h in result.hits
            ],
            "facets": {
                name: [{"value": str(value), "count": count} for value, count in counts]
                for name, counts in (result.facets or {}).items()
            },
            "next_offset": end if result.hits and end < result.total else None,
            "parsed": getattr(result, "parsed", ""),
            "sort": getattr(result, "sort", "relevance"),
            "filters": getattr(result, "filters", None) or {"include": asked.filters, "exclude": asked.exclude},
            "warnings": list(getattr(result, "warnings", ())),
        }

    @router.get(
        "/documents/{volume_id}/{local_id}",
        response_model=models.DocumentResponse,
        summary="One document",
        responses={
            **responses(404, 406, 422, 503),
            200: {
                "description": "The document: JSON by default, plain text with `format=text`",
                "content": {"text/plain": {"schema": {"type": "string"}}},
            },
        },
    )
    def document(
        request: Request,
        volume_id: str = VolumeId,
        local_id: str = LocalId,
        fmt: Literal["json", "text", "tei"] = Query(
            "json", alias="format",
            description="json: the full record; text: laid out like a history.state.gov copy; tei: the source XML",
        ),
    ) -> Any:
        """The full record of a document: metadata, body structure, footnotes with their kinds,
        printed pages, the persons and terms it mentions, its neighbours and citations."""
        doc = corpus.document(f"{volume_id}/{local_id}")
        if fmt == "text":
            return PlainTextResponse(render_text(doc))
        if fmt == "tei":
            return problem(
                "format-unavailable",
                "The store keeps each document as parsed records, not its TEI source; "
                "read the TEI in the volume file it was ingested from.",
                request,
            )
        volume = corpus.volume(doc.volume_id)
        prev, next_ = views.neighbours(corpus, doc)
        from frus.api.routes_links import document_people_or_none  # it imports this module

        return {
            "document": to_dict(doc),
            "volume": _volume_ref(volume),
            "prev": _document_ref(prev),
            "next": _document_ref(next_),
            "persons": [_mentioned("person", volume.id, m) for m in views.mentioned(doc, volume, "person")],
            "terms": [_mentioned("term", volume.id, m) for m in views.mentioned(doc, volume, "term")],
            "people": document_people_or_none(corpus, doc.id),
            "citation": cite.citations(doc, volume),
            "html_url": render.document_href(doc.id),
            "text_url": document_url(doc.id) + "?format=text",
        }

    @router.get(
        "/volumes",
        response_model=models.VolumesResponse,
        summary="Every volume",
        responses=responses(503),
    )
    def volumes() -> dict[str, Any]:
        """The volumes in the corpus, by id, with their bibliographic metadata and counts."""
        found = sorted(corpus.volumes(), key=lambda v: v.id)
        return {"total": len(found), "volumes": [volume_summary(v) for v in found]}

    @router.get(
        "/volumes/{volume_id}",
        response_model=models.VolumeResponse,
        summary="One volume with its contents",
        responses=responses(404, 422, 503),
    )
    def volume(volume_id: str = VolumeId) -> dict[str, Any]:
        """A volume's metadata, its table of contents as a tree of headings and documents,
        and its persons and terms lists."""
        vol, entries = contents.get(volume_id)
        return {
            "volume": volume_summary(vol),
            "toc": [_toc_node(n) for n in views.toc_tree(entries)],
            "persons": [_list_entry("person", vol.id, e) for e in vol.persons],
            "terms": [_list_entry("term", vol.id, e) for e in vol.terms],
        }

    def entry_route(kind: str, example: str):
        entry_id_param = Path(description=f"a {kind} id from the volume's list", examples=[example])

        def handler(volume_id: str = VolumeId, entry_id: str = entry_id_param) -> dict[str, Any]:
            vol, entries = contents.get(volume_id)
            entry = views.find_entry(vol, kind, entry_id)
            return {
                "kind": kind,
                "volume": _volume_ref(vol),
                "entry": _list_entry(kind, vol.id, entry),
                "documents": [
                    {
                        **m.entry.summary(),
                        "where": list(m.where),
                        "url": document_url(m.entry.id),
                        "html_url": render.document_href(m.entry.id),
                    }
                    for m in views.mentioning(entries, kind, entry.id)
                ],
            }

        return handler

    router.add_api_route(
        "/persons/{volume_id}/{entry_id}", entry_route("person", "p_AR_1"), methods=["GET"],
        response_model=models.EntryResponse, summary="One person of a volume's persons list",
        description="The identification the editors give, and the documents mentioning the person, by date. "
        "Person ids are local to their volume.",
        responses=responses(404, 422, 503), name="person",
    )
    router.add_api_route(
        "/terms/{volume_id}/{entry_id}", entry_route("term", "t_AID_1"), methods=["GET"],
        response_model=models.EntryResponse, summary="One term of a volume's abbreviations and terms list",
        description="The expansion the editors give, and the documents using the term, by date. "
        "Term ids are local to their volume.",
        responses=responses(404, 422, 503), name="term",
    )
    return router


def _mentioned(kind: str, volume_id: str, m: views.Mentioned) -> dict[str, Any]:
    return {**_list_entry(kind, volume_id, m.entry), "forms": list(m.forms)}

__all__ = ["MAX_LIMIT", "PREFIX", "build_router", "document_url", "entry_url", "volume_url"]
