"""Highlighted snippets, cut from the stored text of a hit.

Tantivy's own SnippetGenerator marks every query term wherever it occurs,
so for ``"most favored nation"`` it bolds each stray "most" and may pick a
fragment where the phrase is not.  Here the text is re-tokenized with the
index's analyzer and a phrase is highlighted only where its words stand
together, in order, as the index matched them.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import tantivy

#: characters of text shown around the matches
SNIPPET_CHARS = 240
#: enough matches to choose a good window; a document with thousands of
#: occurrences of a common word need not be scanned to the end
MAX_MATCHES = 400
#: text tokenized at a time while looking for matches
CHUNK_CHARS = 20_000
CHUNK_OVERLAP = 400


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    which: int  # index of the highlight tuple it matched


def find_matches(text: str, highlights: Sequence[tuple[str, ...]], analyzer: tantivy.TextAnalyzer) -> list[Match]:
    """Character spans of ``text`` where a highlight term or phrase occurs.

    The text is read a chunk at a time and reading stops once every
    highlight has been found: a 200-page appendix stored as one document
    need not be tokenized to its end to show one snippet.
    """
    if not text or not highlights:
        return []
    firsts: dict[str, list[int]] = {}
    # longest first, so a phrase wins over one of its own words
    for i in sorted(range(len(highlights)), key=lambda i: -len(highlights[i])):
        firsts.setdefault(highlights[i][0], []).append(i)
    matches: list[Match] = []
    found: set[int] = set()
    start = 0
    while start < len(text) and len(found) < len(highlights) and len(matches) < MAX_MATCHES:
        end = _chunk_end(text, start)
        # read a little past the chunk so a phrase across its end is whole
        window = text[start : min(len(text), end + CHUNK_OVERLAP)]
        for m in _matches_in(window, highlights, firsts, analyzer):
            if m.start + start >= end:
                break
            matches.append(Match(m.start + start, m.end + start, m.which))
            found.add(m.which)
        start = end
    return matches[:MAX_MATCHES]


def _chunk_end(text: str, start: int) -> int:
    end = start + CHUNK_CHARS
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start + CHUNK_CHARS // 2, end)
    return space if space > start else end


def _matches_in(
    text: str, highlights: Sequence[tuple[str, ...]], firsts: dict[str, list[int]], analyzer: tantivy.TextAnalyzer
) -> list[Match]:
    tokens = analyzer.pre_tokenize(text).tokens
    by_position = {t.position: t for t in tokens}
    matches: list[Match] = []
    for tok in tokens:
        for i in firsts.get(tok.text, ()):
            phrase = highlights[i]
            last = tok
            for k, term in enumerate(phrase[1:], start=1):
                nxt = by_position.get(tok.position + k)
                if nxt is None or nxt.text != term:
                    break
                last = nxt
            else:
                matches.append(Match(tok.char_offset_from, last.char_offset_to, i))
                break
    return matches


def _best_window(text: str, matches: list[Match], size: int) -> tuple[int, int]:
    """The window of ``size`` characters holding the most distinct highlights."""
    best, best_key = 0, (-1, -1)
    seen: Counter[int] = Counter()
    j = 0  # matches[i:j] lie inside the window that opens before matches[i]
    for i, m in enumerate(matches):
        start = max(0, m.start - size // 4)
        while j < len(matches) and matches[j].end <= start + size:
            seen[matches[j].which] += 1
            j += 1
        key = (len(seen), j - i)
        if key > best_key:
            best, best_key = start, key
        if j > i:
            seen[m.which] -= 1
            if not seen[m.which]:
                del seen[m.which]
        else:
            j = i + 1
    return best, min(len(text), best + size)


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0:
        space = text.rfind(" ", max(0, start - 20), start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.find(" ", end, end + 20)
        end = space if space >= 0 else end
    return start, end


def render(text: str, start: int, end: int, matches: list[Match]) -> str:
    """HTML-safe ``text[start:end]`` with the matches wrapped in ``<b>``."""
    parts: list[str] = ["\u2026"] if start > 0 else []
    cursor = start
    for m in matches:
        if m.start < cursor or m.end > end:
            continue
        parts.append(html.escape(text[cursor : m.start]))
        parts.append("<b>" + html.escape(text[m.start : m.end]) + "</b>")
        cursor = m.end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("\u2026")
    return " ".join("".join(parts).split())


def make_snippet(
    text: str,
    highlights: Sequence[tuple[str, ...]],
    analyzer: tantivy.TextAnalyzer,
    size: int = SNIPPET_CHARS,
) -> str | None:
    """A highlighted fragment of ``text``, or None if no highlight occurs in it."""
    matches = find_matches(text, highlights, analyzer)
    if not matches:
        return None
    start, end = _widen_to_words(text, *_best_window(text, matches, size))
    return render(text, start, end, matches)


def plain_snippet(text: str, size: int = SNIPPET_CHARS) -> str:
    """The opening of ``text``, escaped, for hits with nothing to highlight."""
    start, end = _widen_to_words(text, 0, min(len(text), size))
    return render(text, start, end, [])
