"""Typed search results, shared by the Python API, the CLI and the web."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hit:
    id: str  # "frus1969-76v12/d1"
    volume_id: str
    number: str | None
    title: str
    date_min: str | None
    date_max: str | None
    #: BM25 relevance; 0.0 when the results are sorted by date
    score: float
    #: highlighted fragment as HTML-safe text: matched words wrapped in
    #: ``<b>…</b>``, everything else escaped.
    snippet: str = ""
    #: which field the snippet was taken from: "body", "notes" or "title".
    snippet_field: str = "body"
    #: the printed number of the footnote the snippet comes from, when
    #: ``snippet_field`` is "notes"
    snippet_note: str | None = None


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int  # exact number of matching documents
    offset: int
    limit: int
    hits: tuple[Hit, ...] = ()
    took_ms: float = 0.0
    #: facet → ``[(value, count), …]`` over all ``total`` documents, not the
    #: page: most frequent first, years and decades in order of time
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    #: the query as frus understood it, in canonical form ("" for filters only)
    parsed: str = ""
    #: "relevance", "date-asc" or "date-desc"
    sort: str = "relevance"
    #: the facet filters applied: {"include": {facet: [values]}, "exclude": {…}}
    filters: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: one line per query term that matches nothing ("xyzzy is in no document")
    warnings: tuple[str, ...] = ()
