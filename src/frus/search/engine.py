"""From what a historian typed to the Tantivy query that runs, with its scope.

``prepare`` parses the query (``querylang``), compiles it (``compile``),
adds the facet filters (``facets``) and keeps everything later stages
need: the canonical form for ``--explain`` and result headers, the
patterns snippets and concordances mark, and the *scope* — the documents
the filters allow, whatever the words — against which trends and
``--explain`` measure the query.

``unmatched`` says which terms of a query find nothing, so an empty result
can name the culprit instead of leaving the historian to guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import tantivy
from tantivy import Occur, Query

from frus.search import facets
from frus.errors import FrusError
from frus.search.compile import (
    KEYWORD_TARGETS,
    TEXT_TARGETS,
    Vocabulary,
    compile_query,
    keyword_query_form,
    matching_values,
    text_terms,
)
from frus.search.matcher import Pattern, Scanner, patterns_of, scanners
from frus.search.querylang import And, DateFilter, FieldFilter, Near, Node, Not, Or, Phrase, Term, parse

#: result orders: name → how ``TantivyIndex.top`` sorts
SORTS = ("relevance", "date-asc", "date-desc")
SORT_ALIASES = {"date": "date-asc", "oldest": "date-asc", "newest": "date-desc", "score": "relevance"}


def sort_name(sort: str | None) -> str:
    name = SORT_ALIASES.get(sort or "relevance", sort or "relevance")
    if name not in SORTS:
        raise FrusError(f"unknown sort {sort!r}; choose relevance, date-asc or date-desc")
    return name


@dataclass(frozen=True)
class PreparedQuery:  # not slotted: ``scanners`` is cached on it
    text: str
    #: the parsed query; None when only filters were given (every document)
    node: Node | None
    #: the canonical form of ``node`` (what ``--explain`` calls "parsed")
    parsed: str
    #: the query and the filters together: what a search runs
    query: Query
    #: the filters alone: the documents in scope
    scope: Query
    patterns: list[Pattern]
    filters: dict = field(default_factory=dict)
    vocabulary: Vocabulary | None = None

    @cached_property
    def scanners(self) -> dict[str, Scanner]:
        """The patterns ready to run over each stored field."""
        return scanners(self.patterns)


def prepare(
    text: str,
    index: tantivy.Index,
    *,
    filters: facets.FilterMap | None = None,
    exclude: facets.FilterMap | None = None,
    exclude_apparatus: bool = False,
    everything_if_empty: bool = False,
    vocabulary: Vocabulary | None = None,
) -> PreparedQuery:
    """Parse, compile and filter ``text``; raise ``QuerySyntaxError`` if it cannot be parsed.

    An empty query with filters stands for every document in the filters'
    scope (browsing a facet); without filters it is an error, unless
    ``everything_if_empty`` (facets and trends of the whole corpus).
    """
    clauses = facets.filter_clauses(index.schema, filters, exclude)
    scope = _conjunction(clauses)
    described = facets.describe(filters, exclude)
    if not text.strip() and (clauses or everything_if_empty):
        return PreparedQuery(text, None, "", scope, scope, [], described, vocabulary)
    node = parse(text, exclude_apparatus=exclude_apparatus)
    compiled = compile_query(node, index, vocabulary)
    query = Query.boolean_query([(Occur.Must, compiled), *clauses]) if clauses else compiled
    return PreparedQuery(text, node, str(node), query, scope, patterns_of(node), described, vocabulary)


def _conjunction(clauses: list[tuple[Occur, Query]]) -> Query:
    if not clauses:
        return Query.all_query()
    if all(occur == Occur.MustNot for occur, _ in clauses):
        clauses = [(Occur.Must, Query.all_query()), *clauses]
    return Query.boolean_query(clauses)


def positive_leaves(node: Node | None) -> list[Node]:
    """Leaves that must or may match (not those under NOT), left to right."""
    out: list[Node] = []

    def visit(n: Node, negated: bool) -> None:
        if isinstance(n, (And, Or)):
            for child in n.children:
                visit(child, negated)
        elif isinstance(n, Not):
            visit(n.child, not negated)
        elif not negated and n not in out:
            out.append(n)

    if node is not None:
        visit(node, False)
    return out


def count(searcher: tantivy.Searcher, query: Query) -> int:
    return searcher.search(query, 1, count=True).count or 0


def unmatched(prepared: PreparedQuery, index: tantivy.Index, searcher: tantivy.Searcher, total: int) -> list[str]:
    """One line per query term that matches no document.

    Words and metadata values are checked in the term dictionary, which
    costs microseconds, on every search that found nothing or has an OR
    (without OR, a query that found documents has every term in them).  A
    phrase, proximity or date whose parts all exist but never come together
    is only looked for when the whole query found nothing: counting it
    costs a search of its own.
    """
    lines: list[str] = []
    if total and not _has_or(prepared.node):
        return lines
    for leaf in positive_leaves(prepared.node):
        missing = _missing_words(leaf, searcher, prepared.vocabulary)
        if missing is not None:
            lines.append(missing)
        elif total == 0 and isinstance(leaf, (Phrase, Near, DateFilter, Term)):
            if count(searcher, compile_query(leaf, index, prepared.vocabulary)) == 0:
                lines.append(f"{leaf} matches no document")
    if total == 0 and not lines and len(positive_leaves(prepared.node)) > 1:
        lines.append("every term matches some documents, but no document matches them all together")
    if total == 0 and not lines and prepared.node is not None and count(searcher, prepared.scope) == 0:
        lines.append("no document is in the scope of the filters")
    return lines


def _has_or(node: Node | None) -> bool:
    if isinstance(node, Or):
        return True
    if isinstance(node, And):
        return any(_has_or(c) for c in node.children)
    return isinstance(node, Not) and _has_or(node.child)


def _missing_words(leaf: Node, searcher: tantivy.Searcher, vocabulary: Vocabulary | None) -> str | None:
    if isinstance(leaf, FieldFilter):
        if leaf.exact:
            field = KEYWORD_TARGETS[leaf.field]
            found = searcher.doc_freq(field, keyword_query_form(leaf.field, leaf.value)) > 0
        else:
            found = bool(matching_values(searcher, KEYWORD_TARGETS[leaf.field], leaf.value, leaf.prefix, vocabulary))
        return None if found else f"{leaf} matches no stored {leaf.field} value"
    if not isinstance(leaf, (Term, Phrase, Near)):
        return None
    targets = TEXT_TARGETS[leaf.field]
    per_target = [text_terms(leaf, t, searcher) for t in targets]
    if isinstance(leaf, Term) and leaf.prefix:
        if not any(per_target):
            return f"{leaf} matches no word in the index"
        return None
    # a word is missing when none of the fields holds it
    words: dict[int, bool] = {}
    for terms in per_target:
        for k, (field, term) in enumerate(terms):
            if term.endswith("*"):
                words[k] = True  # a phrase prefix: Tantivy expands it itself
            else:
                words[k] = words.get(k, False) or searcher.doc_freq(field, term) > 0
    absent = [per_target[0][k][1] for k, present in sorted(words.items()) if not present]
    if not absent:
        return None
    if isinstance(leaf, Term) and len(per_target[0]) == 1:
        return f"{leaf} is in no document"
    shown = ", ".join(repr(a) for a in absent)
    return f"{leaf}: {shown} {'is' if len(absent) == 1 else 'are'} in no document"
