"""``frus trend``: how often a query's matches occur, year by year.

For each year: the documents that match, the documents in scope that
year (every document the filters allow, whatever the words), their ratio
— so that a year with many printed documents does not look like a year of
great interest — and the occurrences of the query's words or phrases in
those documents.  A document counts in the year its date range starts,
as the year facet counts it; undated documents are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from frus.search import facets
from frus.search.analysis.documents import matching, occurrences
from frus.search.engine import PreparedQuery


@dataclass(frozen=True, slots=True)
class TrendPoint:
    year: int
    #: documents matching the query dated (starting) in ``year``
    documents: int
    #: documents in scope dated in ``year``: the denominator of ``share``
    scope_documents: int
    #: documents / scope_documents
    share: float
    #: matches of the query's words and phrases in those documents (None
    #: when not counted)
    occurrences: int | None


@dataclass(frozen=True, slots=True)
class Trend:
    query: str
    parsed: str
    points: tuple[TrendPoint, ...]
    #: documents matching the query, dated or not
    total_documents: int
    #: matching documents without a date (in no point)
    undated_documents: int
    total_occurrences: int | None
    filters: dict | None = None


def _years(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[int, int]:
    raw = searcher.aggregate(query, facets.request(["year"], None))
    return {int(y): n for y, n in facets.counts(["year"], raw, None)["year"]}


def trend(prepared: PreparedQuery, searcher: tantivy.Searcher, *, count_occurrences: bool = True) -> Trend:
    matched = _years(searcher, prepared.query)
    scope = _years(searcher, prepared.scope)
    total = searcher.search(prepared.query, 1, count=True).count or 0
    per_year: dict[int, int] | None = None
    all_occurrences: int | None = None
    if count_occurrences and prepared.patterns:
        per_year, all_occurrences = {}, 0
        for doc in matching(searcher, prepared.query):
            n = sum(1 for _ in occurrences(doc, prepared.scanners))
            all_occurrences += n
            if doc.year is not None:
                per_year[doc.year] = per_year.get(doc.year, 0) + n
    points = tuple(
        TrendPoint(
            year=year,
            documents=matched.get(year, 0),
            scope_documents=in_scope,
            share=round(matched.get(year, 0) / in_scope, 6),
            occurrences=None if per_year is None else per_year.get(year, 0),
        )
        for year, in_scope in sorted(scope.items())
    )
    return Trend(
        query=prepared.text,
        parsed=prepared.parsed,
        points=points,
        total_documents=total,
        undated_documents=total - sum(matched.values()),
        total_occurrences=all_occurrences,
        filters=prepared.filters,
    )
