"""Compile a parsed query (``querylang``) into a Tantivy query.

Tantivy's ``term_query`` and ``phrase_query`` take terms as they are
stored, not as typed, so every word is first run through an analyzer that
reproduces the index's own: ``STEMMED`` is Tantivy's ``en_stem`` (simple
tokenizer, tokens of 40+ bytes dropped, lowercase, Snowball English
stemmer) and ``EXACT`` is Tantivy's ``default`` (the same without the
stemmer).  Both are built from tantivy-py's ``TextAnalyzerBuilder``, so the
stemmer is the very one the index runs; no extra dependency is needed.

Everything the compiler needs to know about the index schema is in the
table below; when the index changes a field name, only that table changes.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import tantivy
from tantivy import FieldType, Filter, Occur, Query, TextAnalyzerBuilder, Tokenizer

from frus.errors import QuerySyntaxError, StoreError
from frus.store.records import keyword_form
from frus.search.querylang import (
    And,
    DateFilter,
    FieldFilter,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    iter_leaves,
)

# --------------------------------------------------------------------------
# THE field map: query language → index schema
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextTarget:
    stemmed: str  # tokenizer en_stem, with positions
    exact: str  # tokenizer "default" (lowercase only), with positions
    boost: float = 1.0


_TITLE = TextTarget("title", "title_exact", boost=2.0)
_BODY = TextTarget("body", "body_exact")
#: the editors' notes count half: a hit there is often only an archive
#: citation (the same weights as ``frus.store.index.FIELD_BOOSTS``)
_NOTES = TextTarget("notes", "notes_exact", boost=0.5)

#: Where each text field of the language looks.  ``None`` (no field given)
#: is title + body + notes; ``text`` (and ``exclude_apparatus``) is what the
#: documents say: title + body.
TEXT_TARGETS: dict[str | None, tuple[TextTarget, ...]] = {
    None: (_TITLE, _BODY, _NOTES),
    "text": (_TITLE, _BODY),
    "title": (_TITLE,),
    "body": (_BODY,),
    "notes": (_NOTES,),
}
#: Keyword fields: raw tokenizer, multi-valued, each value stored lowercased
#: with runs of whitespace collapsed to one space (``keyword_form``).
KEYWORD_TARGETS: dict[str, str] = {
    "from": "from",
    "to": "to",
    "person": "person",
    "type": "type",
    "volume": "volume",
    "subseries": "subseries",
    "classification": "classification",
    "caveat": "caveat",
    "repository": "repository",
    "place": "place",
}
#: i64 fast fields holding a document's date range as YYYYMMDD.
DATE_MIN_FIELD = "date_min"
DATE_MAX_FIELD = "date_max"

#: A prefix expands to at most this many indexed words per field, the most
#: frequent first; ``expand_prefix`` says when the list was cut.
MAX_PREFIX_TERMS = 200

# --------------------------------------------------------------------------
# Analysis
# --------------------------------------------------------------------------


@cache
def _analyzer(exact: bool) -> tantivy.TextAnalyzer:
    builder = (
        TextAnalyzerBuilder(Tokenizer.simple())
        .filter(Filter.remove_long(40))
        .filter(Filter.lowercase())
    )
    if not exact:
        builder = builder.filter(Filter.stemmer("english"))
    return builder.build()


def analyze(text: str, exact: bool = False) -> list[str]:
    """The indexed forms of ``text``: stems (``en_stem``) or, if ``exact``,
    lowercased words (``default``)."""
    return list(_analyzer(exact).analyze(text))


def keyword_query_form(field: str, value: str) -> str:
    value = keyword_form(value)
    if field == "subseries":
        # people write the subseries as printed ("1969–1976"); the index
        # keeps the volume-id form ("1969-76")
        value = value.replace("\u2013", "-").replace("\u2014", "-")
        m = re.fullmatch(r"(\d\d)(\d\d)\s*-\s*(\d\d)(\d\d)", value)
        if m and m[1] == m[3]:
            value = f"{m[1]}{m[2]}-{m[4]}"
    return value


def _word_pattern(value: str, prefix: bool) -> re.Pattern[str]:
    """Whole words of ``value`` in order, anything but letters/digits between."""
    words = re.findall(r"[^\W_]+", value)
    body = r"[\W_]+".join(re.escape(w) for w in words)
    tail = r"[^\W_]*" if prefix else ""
    return re.compile(rf"(?<![^\W_]){body}{tail}(?![^\W_])")


def expand_prefix(
    searcher: tantivy.Searcher, field: str, prefix: str, limit: int = MAX_PREFIX_TERMS
) -> tuple[list[str], bool]:
    """Indexed words of ``field`` starting with ``prefix``, most frequent
    first, and whether the list was cut at ``limit``."""
    found = _call(field, searcher.terms_with_prefix, field, prefix, limit=limit + 1)
    terms = [t for t, _ in found]
    return terms[:limit], len(terms) > limit


#: ``vocabulary(field)``: every stored value of a keyword field.  Walking
#: a term dictionary costs milliseconds at full-series scale, so the index
#: keeps the lists until its next commit (``TantivyIndex.vocabulary``).
Vocabulary = Callable[[str], list[str]]


def matching_values(
    searcher: tantivy.Searcher,
    field: str,
    value: str,
    prefix: bool = False,
    vocabulary: Vocabulary | None = None,
) -> list[str]:
    """Stored values of keyword ``field`` that contain the words of ``value``."""
    if vocabulary is None:
        terms = [t for t, _ in _call(field, searcher.terms_with_prefix, field, "")]
        return _matching(terms, field, value, prefix)
    terms = vocabulary(field)
    # the same list object until the index changes: answers can be kept
    key = (id(terms), field, value, prefix)
    found = _MATCHED.get(key)
    if found is None or found[0] is not terms:
        if len(_MATCHED) >= 1024:
            _MATCHED.clear()
        found = _MATCHED[key] = (terms, _matching(terms, field, value, prefix))
    return list(found[1])


_MATCHED: dict[tuple, tuple[list[str], list[str]]] = {}


def _matching(terms: list[str], field: str, value: str, prefix: bool) -> list[str]:
    pattern = _word_pattern(keyword_query_form(field, value), prefix)
    return [t for t in terms if pattern.search(t)]


def _call(field: str, fn, *args, **kwargs):
    """Run a tantivy call; a field missing from the index is a StoreError."""
    try:
        return fn(*args, **kwargs)
    except ValueError as err:
        if "not defined in the schema" in str(err) or "does not exist" in str(err):
            raise StoreError(
                f"the search index has no field {field!r} (the index is older than this "
                "version of frus or was built by another one); rebuild it with `frus reindex`"
            ) from None
        raise


# --------------------------------------------------------------------------
# Compilation
# --------------------------------------------------------------------------


def compile_query(node: Node, index: tantivy.Index, vocabulary: Vocabulary | None = None) -> Query:
    """The Tantivy query for ``node`` against ``index``.

    The index is needed for its schema and, for prefixes and keyword
    filters, its term dictionary.
    """
    return _Compiler(index, vocabulary).compile(node)


class _Compiler:
    def __init__(self, index: tantivy.Index, vocabulary: Vocabulary | None = None):
        self.index = index
        self.vocabulary = vocabulary
        self.schema = index.schema
        self._searcher: tantivy.Searcher | None = None

    @property
    def searcher(self) -> tantivy.Searcher:
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def compile(self, node: Node) -> Query:
        if isinstance(node, And):
            return self.conjunction(node.children)
        if isinstance(node, Or):
            return _should(self.compile(c) for c in node.children)
        if isinstance(node, Not):
            return self.conjunction((node,))
        if isinstance(node, Term):
            return self.per_target(node.field, lambda t: self.term(node, t))
        if isinstance(node, Phrase):
            return self.per_target(node.field, lambda t: self.phrase(node, t))
        if isinstance(node, Near):
            return self.per_target(node.field, lambda t: self.near(node, t))
        if isinstance(node, DateFilter):
            return Query.const_score_query(self.dates(node), 0.0)
        if isinstance(node, FieldFilter):
            return Query.const_score_query(self.keyword(node), 0.0)
        raise TypeError(f"not a query node: {node!r}")

    def conjunction(self, children: Iterable[Node]) -> Query:
        clauses: list[tuple[Occur, Query]] = []
        for child in children:
            if isinstance(child, Not):
                clauses.append((Occur.MustNot, self.compile(child.child)))
            else:
                clauses.append((Occur.Must, self.compile(child)))
        if all(occur == Occur.MustNot for occur, _ in clauses):
            # Tantivy matches nothing with only exclusions: exclude from all.
            clauses.insert(0, (Occur.Must, Query.all_query()))
        return Query.boolean_query(clauses)

    def per_target(self, field: str | None, build) -> Query:
        parts = []
        for target in TEXT_TARGETS[field]:
            q = build(target)
            parts.append(q if target.boost == 1.0 else Query.boost_query(q, target.boost))
        return parts[0] if len(parts) == 1 else _should(parts)

    # -- leaves -----------------------------------------------------------

    def term(self, node: Term, target: TextTarget) -> Query:
        if node.prefix:
            return self.prefix(target.exact, analyze(node.text, exact=True), node.text)
        field = target.exact if node.exact else target.stemmed
        return self.sequence(field, analyze(node.text, exact=node.exact), node.text)

    def phrase(self, node: Phrase, target: TextTarget) -> Query:
        tokens = analyze(" ".join(node.words), exact=True)
        if node.prefix:
            return self.prefix(target.exact, tokens, " ".join(node.words))
        return self.sequence(target.exact, tokens, " ".join(node.words), slop=node.slop)

    def near(self, node: Near, target: TextTarget) -> Query:
        units = [analyze(w) for w in node.words]
        for word, unit in zip(node.words, units, strict=True):
            if not unit:
                raise _nothing_to_search(word)
        if node.ordered:
            orders = [tuple(units)]
        else:
            orders = list(dict.fromkeys(itertools.permutations(tuple(u) for u in units)))
        phrases = [
            _call(
                target.stemmed,
                Query.phrase_query,
                self.schema,
                target.stemmed,
                [t for u in order for t in u],
                slop=node.distance,
            )
            for order in orders
        ]
        return phrases[0] if len(phrases) == 1 else _should(phrases)

    def sequence(self, field: str, tokens: list[str], typed: str, slop: int = 0) -> Query:
        """One token is a term; several (``U.S.-Soviet``, a phrase) a phrase.

        Tantivy panics on a one-term phrase, so that case never reaches it.
        """
        if not tokens:
            raise _nothing_to_search(typed)
        if len(tokens) == 1:
            return _call(field, Query.term_query, self.schema, field, tokens[0])
        return _call(field, Query.phrase_query, self.schema, field, tokens, slop=slop)

    def prefix(self, field: str, tokens: list[str], typed: str) -> Query:
        if not tokens:
            raise _nothing_to_search(typed)
        if len(tokens) > 1:
            # the last word is a prefix of a phrase; Tantivy bounds its
            # expansion (50 words)
            return _call(field, Query.phrase_prefix_query, self.schema, field, tokens)
        terms, _ = expand_prefix(self.searcher, field, tokens[0])
        if not terms:
            return Query.empty_query()
        return _should(_call(field, Query.term_query, self.schema, field, t) for t in terms)

    def dates(self, node: DateFilter) -> Query:
        """Overlap: the document's [date_min, date_max] meets [min, max]."""
        clauses = []
        if node.max is not None:
            clauses.append(
                _call(
                    DATE_MIN_FIELD,
                    Query.range_query,
                    self.schema,
                    DATE_MIN_FIELD,
                    FieldType.Integer,
                    upper_bound=_ymd(node.max),
                )
            )
        if node.min is not None:
            clauses.append(
                _call(
                    DATE_MAX_FIELD,
                    Query.range_query,
                    self.schema,
                    DATE_MAX_FIELD,
                    FieldType.Integer,
                    lower_bound=_ymd(node.min),
                )
            )
        if not clauses:  # no bounds at all: "has a date"
            return _call(DATE_MIN_FIELD, Query.exists_query, DATE_MIN_FIELD)
        return (
            clauses[0]
            if len(clauses) == 1
            else Query.boolean_query([(Occur.Must, c) for c in clauses])
        )

    def keyword(self, node: FieldFilter) -> Query:
        field = KEYWORD_TARGETS[node.field]
        if node.exact:
            return _call(
                field,
                Query.term_query,
                self.schema,
                field,
                keyword_query_form(node.field, node.value),
            )
        values = matching_values(self.searcher, field, node.value, node.prefix, self.vocabulary)
        if not values:
            return Query.empty_query()
        return _call(field, Query.term_set_query, self.schema, field, values)


def _should(queries: Iterable[Query]) -> Query:
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def _ymd(day) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def _nothing_to_search(typed: str) -> QuerySyntaxError:
    return QuerySyntaxError(
        f"{typed!r} has nothing the index can search for",
        hint="punctuation and words of 40 or more letters are not indexed",
    )


# --------------------------------------------------------------------------
# What --explain shows
# --------------------------------------------------------------------------


def indexed_terms(node: Node, index: tantivy.Index | None = None) -> list[tuple[str, str]]:
    """Each ``(index field, indexed term)`` the query looks up, in order.

    Without an index, a term that stands for several is shown as a pattern
    with ``*``: a prefix as ``negotiat*``, a keyword matched by its words as
    ``*soviet union*``.  With an index, prefixes and keyword words are
    expanded to the terms the index really holds (as ``compile_query``
    does), so each can be counted with ``searcher.doc_freq(field, term)``.
    """
    searcher = index.searcher() if index is not None else None
    out: list[tuple[str, str]] = []
    for leaf in iter_leaves(node):
        if isinstance(leaf, (Term, Phrase, Near)):
            for target in TEXT_TARGETS[leaf.field]:
                out.extend(text_terms(leaf, target, searcher))
        elif isinstance(leaf, FieldFilter):
            field = KEYWORD_TARGETS[leaf.field]
            value = keyword_query_form(leaf.field, leaf.value)
            if leaf.exact:
                out.append((field, value))
            elif searcher is not None:
                out.extend(
                    (field, v) for v in matching_values(searcher, field, leaf.value, leaf.prefix)
                )
            else:
                out.append((field, f"*{value}*"))
    return list(dict.fromkeys(out))


def text_terms(leaf: Term | Phrase | Near, target: TextTarget, searcher) -> list[tuple[str, str]]:
    if isinstance(leaf, Near):
        return [(target.stemmed, t) for w in leaf.words for t in analyze(w)]
    if isinstance(leaf, Phrase):
        tokens, field, prefix = analyze(" ".join(leaf.words), exact=True), target.exact, leaf.prefix
    else:
        exact = leaf.exact or leaf.prefix
        tokens, field, prefix = (
            analyze(leaf.text, exact=exact),
            target.exact if exact else target.stemmed,
            leaf.prefix,
        )
    if not prefix or not tokens:
        return [(field, t) for t in tokens]
    head = [(field, t) for t in tokens[:-1]]
    if searcher is not None and len(tokens) == 1:
        return [(field, t) for t in expand_prefix(searcher, field, tokens[-1])[0]]
    return head + [(field, tokens[-1] + "*")]


def highlight_terms(node: Node, index: tantivy.Index | None = None) -> tuple[tuple[str, ...], ...]:
    """What a snippet should mark: one tuple of stems per word, phrase or
    NEAR that may match, never those under NOT.

    Stems (``en_stem``) because snippets re-analyse the stored text with
    the stemmed analyzer; an exact word is marked in all its forms, which
    errs on the side of showing.  A prefix needs the index to know its
    words and is left out without one.
    """
    out: list[tuple[str, ...]] = []

    def visit(n: Node, negated: bool) -> None:
        if isinstance(n, (And, Or)):
            for child in n.children:
                visit(child, negated)
        elif isinstance(n, Not):
            visit(n.child, not negated)
        elif negated:
            return
        elif isinstance(n, Near):
            out.extend(tuple(analyze(w)) for w in n.words)
        elif isinstance(n, Phrase) and not n.prefix:
            out.append(tuple(analyze(" ".join(n.words))))
        elif isinstance(n, Term) and not n.prefix:
            out.append(tuple(analyze(n.text)))
        elif isinstance(n, Term) and searcher is not None:
            for target in TEXT_TARGETS[n.field]:
                out.extend(tuple(analyze(t)) for _, t in text_terms(n, target, searcher))
        elif isinstance(n, Phrase) and searcher is not None:
            # the phrase's words, its last one in every form found
            tokens = analyze(" ".join(n.words), exact=True)
            head = tuple(analyze(" ".join(tokens[:-1])))
            for target in TEXT_TARGETS[n.field]:
                expansions, _ = expand_prefix(searcher, target.exact, tokens[-1])
                out.extend(head + tuple(analyze(t)) for t in expansions)

    searcher = index.searcher() if index is not None else None
    visit(node, False)
    return tuple(t for t in dict.fromkeys(out) if t)


__all__ = [
    "DATE_MAX_FIELD",
    "DATE_MIN_FIELD",
    "KEYWORD_TARGETS",
    "MAX_PREFIX_TERMS",
    "TEXT_TARGETS",
    "TextTarget",
    "analyze",
    "compile_query",
    "expand_prefix",
    "highlight_terms",
    "indexed_terms",
    "text_terms",
    "keyword_form",
    "keyword_query_form",
    "matching_values",
]
