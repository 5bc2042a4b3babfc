"""Highlighted snippets that show exactly what matched, and where.

Tantivy's own SnippetGenerator marks every query word wherever it occurs,
so for ``"most favored nation"`` it bolds each stray "most", for
``NEAR(test ban, 3)`` every "test" in the document, and it cannot say
whether the words came from the document or from an editor's footnote.
Here the query's patterns (``matcher``) run over the stored text: a
phrase is marked only where its words stand together, a proximity match
only where its words are within reach, and a word only in the fields its
query term searched.  The snippet comes from the body, from the one
footnote that matched best, or from the title, and says which.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from frus.search.matcher import Match, Scanner, Unit
from frus.search.textscan import WORD
from frus.store.index import StoredDoc

#: characters of text shown around the matches
SNIPPET_CHARS = 240
#: texts up to this long are searched whole; longer ones a block at a
#: time, looking only around the occurrences of the query's rarest term in
#: the block, so that a 200-page appendix, or a query full of words like
#: "the", costs little more than a telegram
WHOLE_CHARS = 4_000
BLOCK_CHARS = 32_000
#: occurrences of the rarest term looked around, per block
ANCHORS = 8


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of a text that a pattern matched."""

    start: int
    end: int
    pattern: int


@dataclass(frozen=True, slots=True)
class Snippet:
    html: str
    #: "body", "notes" or "title"
    field: str
    #: the printed number of the footnote the snippet comes from
    note: str | None = None


def find_spans(text: str, scanner: Scanner, size: int = SNIPPET_CHARS) -> list[Span]:
    """Spans of ``text`` where the scanner's patterns match, enough to choose a snippet.

    A short text gives all its spans.  A long one gives those of the
    window, around an occurrence of the rarest pattern of a block, that
    holds the most distinct patterns: the snippet that shows most of the
    query is always near its rarest term.  Reading stops at the first
    block with a window holding every pattern.
    """
    wanted = len(scanner.active)
    if not text or not wanted:
        return []
    if len(text) <= WHOLE_CHARS:
        return [s for m in scanner.find(text) for s in spans_of(m)]
    best: list[Span] = []
    best_distinct = 0
    for block in range(0, len(text), BLOCK_CHARS):
        block_end = min(len(text), block + BLOCK_CHARS)
        low = text[block:block_end].lower()
        if len(low) != block_end - block:
            # a letter whose lowercase is longer would shift the offsets
            spans = [s for m in scanner.find(text, block, block_end) for s in spans_of(m)]
        else:
            spans = []
            # the rarest pattern first; a pattern whose words are all there
            # but never together yields nothing, and the next one is tried
            for unit in _units_by_rarity(low, scanner):
                for at in _anchors(low, unit, ANCHORS):
                    at += block
                    begin = text.rfind(" ", 0, max(0, at - size)) + 1 if at > size else 0
                    stop = text.find(" ", at + size)
                    window = [s for m in scanner.find(text, begin, stop if stop >= 0 else len(text)) for s in spans_of(m)]
                    distinct = len({s.pattern for s in window})
                    if distinct > best_distinct:
                        best, best_distinct = window, distinct
                    if best_distinct == wanted:
                        return best
                if best_distinct:
                    break
        if spans and len({s.pattern for s in spans}) > best_distinct:
            best, best_distinct = spans, len({s.pattern for s in spans})
        if best_distinct == wanted:
            break
    return best


def _units_by_rarity(low: str, scanner: Scanner) -> list[Unit]:
    """For each pattern that may occur in ``low``, its rarest unit; rarest first."""
    ranked: list[tuple[int, int, Unit]] = []
    for i in scanner.active:
        counts = [(sum(low.count(n) for n in unit.needles()), unit) for unit in scanner.patterns[i].units]
        if any(n == 0 for n, _ in counts):
            continue  # a word of it is missing: this pattern cannot occur here
        # a phrase is as rare as its rarest word
        n, unit = min(counts, key=lambda c: c[0])
        ranked.append((n, i, unit))
    return [unit for _, _, unit in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _anchors(low: str, unit: Unit, limit: int) -> list[int]:
    """Offsets of the first ``limit`` words ``unit`` accepts."""
    found: list[int] = []
    for needle in unit.needles():
        i = low.find(needle)
        while i >= 0 and len(found) < 4 * limit:
            if i == 0 or not low[i - 1].isalnum():
                m = WORD.match(low, i)
                if unit.accepts(m.group()):
                    found.append(i)
            i = low.find(needle, i + 1)
    return sorted(found)[:limit]


def spans_of(m: Match) -> list[Span]:
    """A match's words as spans: words side by side make one span."""
    out: list[Span] = []
    first = 0
    for k in range(1, len(m.positions) + 1):
        if k < len(m.positions) and m.positions[k] == m.positions[k - 1] + 1:
            continue
        out.append(Span(m.starts[first], m.ends[k - 1], m.pattern))
        first = k
    return out


def _best_window(text: str, spans: list[Span], size: int) -> tuple[int, int]:
    """The window of ``size`` characters holding the most distinct patterns."""
    best, best_key = 0, (-1, -1)
    seen: Counter[int] = Counter()
    j = 0  # spans[i:j] lie inside the window that opens before spans[i]
    for i, s in enumerate(spans):
        start = max(0, s.start - size // 4)
        while j < len(spans) and spans[j].end <= start + size:
            seen[spans[j].pattern] += 1
            j += 1
        key = (len(seen), j - i)
        if key > best_key:
            best, best_key = start, key
        if j > i:
            seen[s.pattern] -= 1
            if not seen[s.pattern]:
                del seen[s.pattern]
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


def render(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """HTML-safe ``text[start:end]`` with the spans wrapped in ``<b>``."""
    parts: list[str] = ["\u2026"] if start > 0 else []
    cursor = start
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if s.end > end or s.end <= cursor:
            continue
        begin = max(s.start, cursor)
        if begin < start:
            continue
        parts.append(html.escape(text[cursor:begin]))
        parts.append("<b>" + html.escape(text[begin : s.end]) + "</b>")
        cursor = s.end
    parts.append(html.escape(text[cursor:end]))
    if end < len(text):
        parts.append("\u2026")
    return " ".join("".join(parts).split()).replace("</b> <b>", " ")


def fragment(text: str, spans: list[Span], size: int = SNIPPET_CHARS) -> str:
    start, end = _widen_to_words(text, *_best_window(text, spans, size))
    return render(text, start, end, spans)


def plain_snippet(text: str, size: int = SNIPPET_CHARS) -> str:
    """The opening of ``text``, escaped, for hits with nothing to highlight."""
    start, end = _widen_to_words(text, 0, min(len(text), size))
    return render(text, start, end, [])


def make_snippet(doc: StoredDoc, scanners: Mapping[str, Scanner], size: int = SNIPPET_CHARS) -> Snippet:
    """The snippet of a hit: from the field whose matches cover most of the query.

    Ties go to the body (what the document says), then the notes, then
    the title (shown with every hit anyway), so a field that cannot beat
    the best so far is not even read.  A hit with nothing to mark (a
    query of filters only) shows the opening of its body.
    """
    best: tuple[int, str, str, str | None, list[Span]] | None = None

    def better(spans: list[Span]) -> bool:
        return bool(spans) and (best is None or len({s.pattern for s in spans}) > best[0])

    body = find_spans(doc.body, scanners["body"], size)
    if body:
        best = (len({s.pattern for s in body}), "body", doc.body, None, body)
    if doc.notes and len(scanners["notes"].active) > (best[0] if best else 0):
        for k in _notes_with_needles(doc.notes, scanners["notes"]):
            spans = find_spans(doc.notes[k], scanners["notes"], size)
            if better(spans):
                number = doc.note_numbers[k] if k < len(doc.note_numbers) else None
                best = (len({s.pattern for s in spans}), "notes", doc.notes[k], number or None, spans)
    if len(scanners["title"].active) > (best[0] if best else 0):
        spans = find_spans(doc.title, scanners["title"], size)
        if better(spans):
            best = (len({s.pattern for s in spans}), "title", doc.title, None, spans)
    if best is None:
        for field, text in (("body", doc.body), ("notes", doc.notes[0] if doc.notes else ""), ("title", doc.title)):
            if text:
                note = doc.note_numbers[0] if field == "notes" and doc.note_numbers else None
                return Snippet(plain_snippet(text, size), field, note or None)
        return Snippet("", "body")
    _, field, text, note, spans = best
    return Snippet(fragment(text, spans, size), field, note)


def _notes_with_needles(notes: Sequence[str], scanner: Scanner) -> list[int]:
    """Indexes of the footnotes holding some needle: a document may have
    hundreds of notes, and one pass over them all finds the few to read."""
    if not scanner.needles:
        return []
    joined = "\n".join(notes).lower()
    if len(joined) != sum(map(len, notes)) + len(notes) - 1:
        return list(range(len(notes)))  # lowercasing changed lengths: read them all
    starts, offset = [], 0
    for note in notes:
        starts.append(offset)
        offset += len(note) + 1
    found: set[int] = set()
    for needle in scanner.needles:
        i = joined.find(needle)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            found.add(k)
            # skip to the next note: one hit is enough to read this one
            i = joined.find(needle, starts[k + 1]) if k + 1 < len(starts) else -1
    return sorted(found)
