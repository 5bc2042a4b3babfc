"""``frus kwic``: a keyword-in-context concordance of what a query matched.

Each line is one match — a word, a phrase, the words of a proximity
match with what stands between them — with a few words of context on
each side, from the body, a footnote or the title, exactly where the
snippet matcher finds it.  Lines come in order of time (then document,
then place in the text) or sorted by the words just left or right of the
hit, as concordancers do to bring repeated turns of phrase together.
"""

from __future__ import annotations

from dataclasses import dataclass

import tantivy

from frus.errors import FrusError
from frus.search.analysis.documents import iso_day, matching, occurrences
from frus.search.engine import PreparedQuery
from frus.search.textscan import WORD

SORTS = ("document", "left", "right")
#: characters read on each side per word of context wanted; FRUS words
#: with their punctuation average well under this
_CHARS_PER_WORD = 24


@dataclass(frozen=True, slots=True)
class KwicLine:
    doc_id: str
    #: the first day of the document's date range, ISO; None if undated
    date: str | None
    #: "body", "notes" or "title"
    field: str
    #: the printed footnote number when ``field`` is "notes"
    note: str | None
    left: str
    hit: str
    right: str
    #: character offset of the hit in that field's text (in its footnote)
    offset: int


@dataclass(frozen=True, slots=True)
class Concordance:
    query: str
    parsed: str
    #: every line there is, before ``offset``/``limit``
    total: int
    #: documents with at least one line
    documents: int
    offset: int
    limit: int
    sort: str
    context: int
    lines: tuple[KwicLine, ...] = ()
    filters: dict | None = None


def left_words(text: str, start: int, words: int) -> str:
    """The ``words`` words before ``start``, with their punctuation, on one line."""
    if words <= 0:
        return ""
    begin = max(0, start - words * _CHARS_PER_WORD)
    while True:
        starts = [m.start() for m in WORD.finditer(text, begin, start)]
        if len(starts) >= words or begin == 0:
            break
        begin = max(0, begin - words * _CHARS_PER_WORD)
    cut = starts[-words] if len(starts) >= words else begin
    return " ".join(text[cut:start].split())


def right_words(text: str, end: int, words: int) -> str:
    if words <= 0:
        return ""
    stop = min(len(text), end + words * _CHARS_PER_WORD)
    while True:
        ends = [m.end() for m in WORD.finditer(text, end, stop)]
        if len(ends) >= words or stop == len(text):
            break
        stop = min(len(text), stop + words * _CHARS_PER_WORD)
    cut = ends[words - 1] if len(ends) >= words else stop
    return " ".join(text[end:cut].split())


def _sort_key(sort: str):
    if sort == "left":
        # nearest word first: lines whose hit follows the same word group
        return lambda x: ([w.lower() for w in reversed(WORD.findall(x[1].left))], x[0])
    if sort == "right":
        return lambda x: ([w.lower() for w in WORD.findall(x[1].right)], x[0])
    return lambda x: x[0]


def concordance(
    prepared: PreparedQuery,
    searcher: tantivy.Searcher,
    *,
    context: int = 8,
    sort: str = "document",
    limit: int = 100,
    offset: int = 0,
    max_documents: int | None = None,
) -> Concordance:
    if sort not in SORTS:
        raise FrusError(f"unknown kwic sort {sort!r}; choose {', '.join(SORTS)}")
    if not 0 <= context <= 50:
        raise FrusError(f"context must be between 0 and 50 words, not {context}")
    if limit < 0 or offset < 0:
        raise FrusError("limit and offset must be 0 or more")
    if not prepared.patterns:
        raise FrusError("the query has no words to show in context (only filters or negated terms)")
    keyed: list[tuple[tuple, KwicLine]] = []
    documents = 0
    for rank, doc in enumerate(matching(searcher, prepared.query, max_documents)):
        before = len(keyed)
        for name, note, text, m in occurrences(doc, prepared.scanners):
            line = KwicLine(
                doc_id=doc.id,
                date=iso_day(doc.date_min),
                field=name,
                note=note,
                left=left_words(text, m.start, context),
                hit=" ".join(text[m.start : m.end].split()),
                right=right_words(text, m.end, context),
                offset=m.start,
            )
            # reading order within the document: title, body, notes
            keyed.append(((rank, len(keyed)), line))
        documents += len(keyed) > before
    keyed.sort(key=_sort_key(sort))
    page = tuple(line for _, line in keyed[offset : offset + limit])
    return Concordance(
        query=prepared.text,
        parsed=prepared.parsed,
        total=len(keyed),
        documents=documents,
        offset=offset,
        limit=limit,
        sort=sort,
        context=context,
        lines=page,
        filters=prepared.filters,
    )
