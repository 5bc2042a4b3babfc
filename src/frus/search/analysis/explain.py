"""``--explain``: what frus searched, term by term, with the counts behind it.

Historians must be able to say exactly what they searched.  The
explanation gives the query in canonical form (every implicit AND, every
field and date range written out), then each of its conditions with the
documents it matches in the whole corpus and within the filters' scope,
and under it the very terms looked up in the index (stems, exact forms,
expanded prefixes, stored metadata values) with their document counts.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy
from tantivy import Occur, Query

from frus.search.compile import compile_query, indexed_terms
from frus.search.engine import PreparedQuery, count, unmatched
from frus.search.querylang import And, Node, Not, Or


@dataclass(frozen=True, slots=True)
class ExplainedTerm:
    #: the index field: ``body`` (stems), ``body_exact`` (exact forms), ``from`` …
    field: str
    #: the term as indexed (a stem, a lowercased word, a metadata value)
    term: str
    documents: int
    documents_in_scope: int


@dataclass(frozen=True, slots=True)
class ExplainedLeaf:
    #: the condition in canonical form (``title:"test ban"``, ``date:1970-01-01..1970-12-31``)
    condition: str
    #: under NOT: documents matching it are left out
    negated: bool
    documents: int
    documents_in_scope: int
    terms: tuple[ExplainedTerm, ...] = ()


@dataclass(frozen=True, slots=True)
class Explanation:
    query: str
    parsed: str
    filters: dict
    corpus_documents: int
    #: documents the filters allow (all of them without filters)
    scope_documents: int
    #: documents matching the whole query within the scope
    total: int
    conditions: tuple[ExplainedLeaf, ...] = ()
    warnings: tuple[str, ...] = ()


def _leaves(node: Node | None, negated: bool = False):
    if node is None:
        return
    if isinstance(node, (And, Or)):
        for child in node.children:
            yield from _leaves(child, negated)
    elif isinstance(node, Not):
        yield from _leaves(node.child, not negated)
    else:
        yield node, negated


def _both(query: Query, scope: Query) -> Query:
    return Query.boolean_query([(Occur.Must, query), (Occur.Must, scope)])


def explain(prepared: PreparedQuery, index: tantivy.Index, searcher: tantivy.Searcher) -> Explanation:
    schema = index.schema
    conditions: list[ExplainedLeaf] = []
    seen: set[tuple[str, bool]] = set()
    for leaf, negated in _leaves(prepared.node):
        key = (str(leaf), negated)
        if key in seen:
            continue
        seen.add(key)
        leaf_query = compile_query(leaf, index, prepared.vocabulary)
        terms = []
        for field, term in indexed_terms(leaf, index):
            term_query = Query.term_query(schema, field, term)
            terms.append(
                ExplainedTerm(field, term, count(searcher, term_query), count(searcher, _both(term_query, prepared.scope)))
            )
        conditions.append(
            ExplainedLeaf(
                condition=str(leaf),
                negated=negated,
                documents=count(searcher, leaf_query),
                documents_in_scope=count(searcher, _both(leaf_query, prepared.scope)),
                terms=tuple(terms),
            )
        )
    total = count(searcher, prepared.query)
    return Explanation(
        query=prepared.text,
        parsed=prepared.parsed,
        filters=prepared.filters,
        corpus_documents=searcher.num_docs,
        scope_documents=count(searcher, prepared.scope),
        total=total,
        conditions=tuple(conditions),
        warnings=tuple(unmatched(prepared, index, searcher, total)),
    )
