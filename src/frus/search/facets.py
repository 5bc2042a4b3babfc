"""Facet counts over a whole result set, and filters on facet values.

Counts come from Tantivy's aggregations (``Searcher.aggregate``): a terms
aggregation per facet over the fast fields the index keeps for them
(``frus.store.index.FACET_FIELDS``), computed in Rust over every matching
document, not over a page of hits.  Each segment is asked for all its
values (``segment_size``), so merged counts are exact, not the top-N
estimate Elasticsearch-style aggregations give by default.

A filter selects documents by the same values the counts show, so a
count and the hits of its filter always agree: ``filters={"type":
["telegram"]}`` keeps the documents the ``type`` facet counts under
"telegram".  Values of one facet are alternatives (OR); facets combine
with AND; ``exclude`` drops documents with any of its values.

Year and decade count each document under the year its date range starts
(a memorandum dated "1969–1970" counts in 1969).  The query language's
``date:``/``year:`` conditions instead use the overlap rule
(``docs/search.md``); a facet must put each document in one place.
"""

from __future__ import annotations

from typing import Iterable, Mapping

import tantivy
from tantivy import Occur, Query

from frus.errors import FrusError
from frus.store.index import FACET_FIELDS

#: the facets a search returns unless asked otherwise, in display order
DEFAULT_FACETS = (
    "decade",
    "year",
    "volume",
    "subseries",
    "type",
    "classification",
    "sender",
    "recipient",
    "person",
    "repository",
)
#: every facet there is; ``caveat`` and ``place`` on request
FACETS = (*DEFAULT_FACETS, "caveat", "place")
#: values shown per facet by default (years and decades: all of them)
DEFAULT_LIMIT = 20
_CHRONOLOGICAL = ("decade", "year")
#: asks each segment for all its values, so that merged counts are exact
_SEGMENT_SIZE = 10_000_000


def check_names(names: Iterable[str]) -> tuple[str, ...]:
    out = []
    for name in names:
        if name not in FACETS:
            raise FrusError(f"unknown facet {name!r}; the facets are {', '.join(FACETS)}")
        out.append(name)
    return tuple(dict.fromkeys(out))


def request(names: Iterable[str], limit: int | None) -> dict:
    """The aggregation request for ``names`` (``limit`` values each; None: all)."""
    aggs: dict[str, dict] = {}
    size = limit if limit else _SEGMENT_SIZE
    for name in names:
        if name in _CHRONOLOGICAL:
            # every year, so decades can be summed from them
            aggs["year"] = {"terms": {"field": "year", "size": _SEGMENT_SIZE, "segment_size": _SEGMENT_SIZE}}
        else:
            field = FACET_FIELDS[name]
            aggs[name] = {"terms": {"field": field, "size": size, "segment_size": _SEGMENT_SIZE}}
    return aggs


def counts(names: Iterable[str], result: Mapping, limit: int | None) -> dict[str, list[tuple[str, int]]]:
    """Facet → ``[(value, count), …]``: most frequent first (ties by value),
    years and decades in chronological order."""
    out: dict[str, list[tuple[str, int]]] = {}
    years: list[tuple[int, int]] = sorted(
        (int(b["key"]), int(b["doc_count"])) for b in result.get("year", {}).get("buckets", ())
    )
    for name in names:
        if name == "year":
            out[name] = [(str(y), n) for y, n in years]
        elif name == "decade":
            decades: dict[int, int] = {}
            for y, n in years:
                decades[y // 10 * 10] = decades.get(y // 10 * 10, 0) + n
            out[name] = [(f"{d}s", n) for d, n in sorted(decades.items())]
        else:
            buckets = [(str(b["key"]), int(b["doc_count"])) for b in result.get(name, {}).get("buckets", ())]
            buckets.sort(key=lambda b: (-b[1], b[0]))
            out[name] = buckets[:limit] if limit else buckets
    return out


# --------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------

FilterMap = Mapping[str, Iterable[str | int] | str | int]


def _values(facet: str, values) -> list[str]:
    if isinstance(values, (str, int)):
        values = [values]
    out = [str(v).strip() for v in values]
    if not out or not all(out):
        raise FrusError(f"the {facet} filter needs at least one non-empty value")
    return out


def _value_query(schema: tantivy.Schema, facet: str, value: str) -> Query:
    if facet in _CHRONOLOGICAL:
        digits = value[:-1] if facet == "decade" and value.endswith("s") else value
        if not digits.lstrip("-").isdigit():
            example = "1970s" if facet == "decade" else "1970"
            raise FrusError(f"{facet} filter values are numbers like {example}, not {value!r}")
        start = int(digits)
        if facet == "year":
            return Query.term_query(schema, "year", start)
        start = start // 10 * 10
        return Query.range_query(
            schema, "year", tantivy.FieldType.Integer, lower_bound=start, upper_bound=start + 9
        )
    return Query.term_query(schema, FACET_FIELDS[facet], value)


def filter_clauses(
    schema: tantivy.Schema, filters: FilterMap | None, exclude: FilterMap | None
) -> list[tuple[Occur, Query]]:
    """Boolean clauses that keep ``filters`` and drop ``exclude`` (no effect on ranking)."""
    clauses: list[tuple[Occur, Query]] = []
    for facet, values in (filters or {}).items():
        check_names([facet])
        alternatives = [_value_query(schema, facet, v) for v in _values(facet, values)]
        either = alternatives[0] if len(alternatives) == 1 else Query.boolean_query(
            [(Occur.Should, q) for q in alternatives]
        )
        clauses.append((Occur.Must, Query.const_score_query(either, 0.0)))
    for facet, values in (exclude or {}).items():
        check_names([facet])
        for value in _values(facet, values):
            clauses.append((Occur.MustNot, _value_query(schema, facet, value)))
    return clauses


def describe(filters: FilterMap | None, exclude: FilterMap | None) -> dict[str, dict[str, list[str]]]:
    """The filters as plain lists, for results and ``--explain``."""
    return {
        "include": {f: _values(f, v) for f, v in (filters or {}).items()},
        "exclude": {f: _values(f, v) for f, v in (exclude or {}).items()},
    }
