"""Every document a query matches, with its stored text, in order of date."""

from __future__ import annotations

from typing import Iterator, Mapping

import tantivy
from tantivy import Order, Query

from frus.search.matcher import FIELDS, Match, Scanner
from frus.store.index import StoredDoc, TantivyIndex


def matching(
    searcher: tantivy.Searcher, query: Query, max_documents: int | None = None
) -> Iterator[StoredDoc]:
    """The documents of ``query``, oldest first (undated last), up to ``max_documents``."""
    total = searcher.search(query, 1, count=True).count or 0
    wanted = total if max_documents is None else min(total, max_documents)
    if not wanted:
        return
    result = searcher.search(query, wanted, order_by_field="date_sort", order=Order.Asc)
    for _, address in result.hits:
        yield TantivyIndex.stored(searcher, address)


def field_texts(doc: StoredDoc, scanners: Mapping[str, Scanner]) -> Iterator[tuple[str, str | None, str]]:
    """``(field, footnote number, text)`` of every stored text a pattern searches."""
    for name in FIELDS:
        if not scanners[name]:
            continue
        if name == "notes":
            for k, text in enumerate(doc.notes):
                number = doc.note_numbers[k] if k < len(doc.note_numbers) else ""
                yield name, number or None, text
        else:
            yield name, None, doc.title if name == "title" else doc.body


def occurrences(doc: StoredDoc, scanners: Mapping[str, Scanner]) -> Iterator[tuple[str, str | None, str, Match]]:
    """Every match in ``doc``: ``(field, note, text, match)``, in reading order."""
    for name, note, text in field_texts(doc, scanners):
        for m in scanners[name].find(text):
            yield name, note, text, m


def iso_day(key: int | None) -> str | None:
    """``19701016`` → ``"1970-10-16"``."""
    if key is None:
        return None
    return f"{key // 10000:04d}-{key // 100 % 100:02d}-{key % 100:02d}"
