"""``frus collocates``: the words that keep company with a word or phrase.

Every match of the query (a word, a phrase, a NEAR …) in the documents it
matches is a *node*; the words within ``window`` words on either side
are its context.  A word is a collocate when it occurs in those contexts
more often than its frequency in the same documents would lead one to
expect, and the log-likelihood ratio G² (Dunning 1993) measures how
surprising that excess is: above 3.84 it would arise by chance less than
once in twenty, above 10.83 less than once in a thousand.

The reference is the text of the matching documents themselves (their
title, body and notes, as the query searched them), not the whole corpus:
the question answered is "which words cluster around the node within the
documents that use it", which is what a historian narrowing the corpus
with filters wants, and it needs no corpus-wide word counts.

Words are compared in lowercase, as written (not stemmed), so
"negotiations" and "negotiate" are listed apart.  Words of one letter or
digit are never listed: they are the "s" of "Khrushchev's", initials and
paragraph numbers, which the tokenizer cuts out of their words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import tantivy

from frus.errors import FrusError
from frus.search.analysis.documents import field_texts, matching
from frus.search.analysis.kwic import left_words, right_words
from frus.search.engine import PreparedQuery
from frus.search.textscan import words_of


@dataclass(frozen=True, slots=True)
class Collocate:
    word: str
    #: occurrences within the window of a node
    together: int
    #: occurrences in the matching documents, anywhere
    total: int
    #: ``together`` expected if the word were spread evenly
    expected: float
    #: Dunning's log-likelihood ratio G²
    log_likelihood: float


@dataclass(frozen=True, slots=True)
class Collocates:
    query: str
    parsed: str
    window: int
    #: matches of the query (nodes)
    nodes: int
    documents: int
    #: words in those documents (N of the contingency tables)
    tokens: int
    #: words in all the windows
    window_tokens: int
    collocates: tuple[Collocate, ...] = ()
    filters: dict | None = None


def log_likelihood(a: int, b: int, c: int, d: int) -> float:
    """G² of the 2×2 table [[a, b], [c, d]] (0·log 0 taken as 0)."""
    n = a + b + c + d
    total = 0.0
    for observed, row, col in ((a, a + b, a + c), (b, a + b, b + d), (c, c + d, a + c), (d, c + d, b + d)):
        if observed:
            total += observed * math.log(observed * n / (row * col))
    return 2 * total


def collocates(
    prepared: PreparedQuery,
    searcher: tantivy.Searcher,
    *,
    window: int = 5,
    limit: int = 50,
    min_count: int = 3,
    max_documents: int | None = None,
) -> Collocates:
    if not 1 <= window <= 50:
        raise FrusError(f"window must be between 1 and 50 words, not {window}")
    if limit < 0 or min_count < 1:
        raise FrusError("limit must be 0 or more and min_count 1 or more")
    if not prepared.patterns:
        raise FrusError("collocates needs a word or phrase to look around (the query has only filters)")
    together: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    as_node: Counter[str] = Counter()
    nodes = documents = 0
    for doc in matching(searcher, prepared.query, max_documents):
        documents += 1
        for name, _, text in field_texts(doc, prepared.scanners):
            everywhere.update(words_of(text))
            for m in prepared.scanners[name].find(text):
                nodes += 1
                as_node.update(text[s:e].lower() for s, e in zip(m.starts, m.ends))
                context = words_of(left_words(text, m.start, window)) + words_of(right_words(text, m.end, window))
                together.update(context)
    everywhere.pop("", None)  # words too long to index
    together.pop("", None)
    n = sum(everywhere.values())
    in_windows = sum(together.values())
    # the population: every word of the documents but the nodes themselves
    population = n - sum(as_node.values())
    found: list[Collocate] = []
    for word, a in together.items():
        if a < min_count or len(word) < 2 or as_node[word]:
            continue  # rare, a stray letter, or the node itself repeated
        total = everywhere[word] - as_node[word]
        b, c = in_windows - a, max(0, total - a)
        d = max(0, population - in_windows - c)
        expected = in_windows * total / population if population else 0.0
        if a <= expected:
            continue  # keeps away rather than keeping company
        found.append(Collocate(word, a, everywhere[word], round(expected, 3), round(log_likelihood(a, b, c, d), 3)))
    found.sort(key=lambda x: (-x.log_likelihood, x.word))
    return Collocates(
        query=prepared.text,
        parsed=prepared.parsed,
        window=window,
        nodes=nodes,
        documents=documents,
        tokens=n,
        window_tokens=in_windows,
        collocates=tuple(found[:limit]),
        filters=prepared.filters,
    )
