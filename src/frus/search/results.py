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
    score: float
    #: highlighted fragment as HTML-safe text: matched words wrapped in
    #: ``<b>…</b>``, everything else escaped.
    snippet: str = ""
    #: which field the snippet was taken from: "body", "notes" or "title".
    snippet_field: str = "body"


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    total: int  # exact number of matching documents
    offset: int
    limit: int
    hits: tuple[Hit, ...] = ()
    took_ms: float = 0.0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
