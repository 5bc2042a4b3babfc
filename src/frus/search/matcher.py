"""Where in a document's text a query matched: the spans to highlight and count.

The index says *which* documents match; it does not say where.  To show
a snippet, a concordance line or a count of occurrences, the query is
turned into patterns and run over the stored text, tokenized as the index
tokenized it (``textscan``):

* a word matches tokens with its stem, or its exact form (``=word``,
  ``"word"``), or a prefix of the exact form (``word*``);
* a phrase matches its words side by side in order; with ``~N`` the words
  may spread over N more positions (and, from N = 2, change order, as
  Tantivy allows); ``NEAR(a b, N)`` likewise, any order unless ``ordered``;
* a pattern only looks in the fields its query term searched
  (``title:``, ``notes:``, ``apparatus:no`` …);
* terms under ``NOT`` are never patterns: they matched nothing.

A sloppy phrase is marked at the tightest place where all its words stand
within its window, and only its words are marked, not the words between.

Speed matters: a results page runs this over twenty documents.  So the
text is not tokenized word by word in Python; each unit has a *needle*, a
lowercase string every matching word starts with (the word itself, the
prefix, or the stem minus its last letter — Snowball only rewrites the
end of a word), ``str.find`` locates the needles, and only the words found
there are checked.  ``tests/test_search_matcher.py`` checks the needle
rule against every word of the test corpus.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from frus.search.compile import TEXT_TARGETS, analyze
from frus.search.querylang import And, Near, Node, Not, Or, Phrase, Term
from frus.search.textscan import WORD, stem, too_long, tokenize

#: the stored fields a pattern can look in
FIELDS = ("title", "body", "notes")

#: distinct words a scanner remembers the verdict on (a few MB at most)
MAX_REMEMBERED = 100_000

#: Snowball's irregular forms whose stem is not their beginning
_IRREGULAR = {"die": ("dying",), "lie": ("lying",), "tie": ("tying",)}


@dataclass(frozen=True, slots=True)
class Unit:
    """One token to match: by ``stem``, ``exact`` form or ``prefix`` of the exact form."""

    mode: str
    value: str

    def needles(self) -> tuple[str, ...]:
        if self.mode != "stem":
            return (self.value,)
        root = self.value[:-1] if len(self.value) >= 3 else self.value
        return (root, *_IRREGULAR.get(self.value, ()))

    def accepts(self, word: str) -> bool:
        if self.mode == "stem":
            return stem(word) == self.value
        if self.mode == "exact":
            return word == self.value
        return word.startswith(self.value)


@dataclass(frozen=True, slots=True)
class Pattern:
    units: tuple[Unit, ...]
    #: extra positions the units may spread over (0: side by side)
    slop: int
    ordered: bool
    fields: frozenset[str]
    #: the query term, as the canonical query prints it
    label: str

    @property
    def window(self) -> int:
        """Largest distance between the first and last matched positions."""
        return len(self.units) - 1 + self.slop


@dataclass(frozen=True, slots=True)
class Match:
    """One occurrence of a pattern: the tokens it matched, in text order."""

    pattern: int  # index into the pattern list
    positions: tuple[int, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.starts[0]

    @property
    def end(self) -> int:
        return self.ends[-1]


def patterns_of(node: Node) -> list[Pattern]:
    """The patterns of every term of ``node`` that can match (none under NOT)."""
    out: list[Pattern] = []

    def visit(n: Node, negated: bool) -> None:
        if isinstance(n, (And, Or)):
            for child in n.children:
                visit(child, negated)
        elif isinstance(n, Not):
            visit(n.child, not negated)
        elif not negated and isinstance(n, (Term, Phrase, Near)):
            pattern = _pattern(n)
            if pattern is not None and pattern not in out:
                out.append(pattern)

    visit(node, False)
    return out


def _fields(field: str | None) -> frozenset[str]:
    return frozenset(t.stemmed for t in TEXT_TARGETS[field])


def _pattern(n: Term | Phrase | Near) -> Pattern | None:
    fields = _fields(n.field)
    label = str(n)
    if isinstance(n, Term):
        if n.prefix:
            tokens = analyze(n.text, exact=True)
            units = [Unit("exact", t) for t in tokens[:-1]] + [Unit("prefix", t) for t in tokens[-1:]]
        elif n.exact:
            units = [Unit("exact", t) for t in analyze(n.text, exact=True)]
        else:
            units = [Unit("stem", t) for t in analyze(n.text)]
        # "U.S.-Soviet" is several tokens, searched side by side
        return Pattern(tuple(units), 0, True, fields, label) if units else None
    if isinstance(n, Phrase):
        tokens = analyze(" ".join(n.words), exact=True)
        units = [Unit("exact", t) for t in tokens]
        if n.prefix and units:
            units[-1] = Unit("prefix", tokens[-1])
        # Tantivy lets a sloppy phrase change order once the slop can pay
        # for a swap (2); below that its words keep their order
        return Pattern(tuple(units), n.slop, n.slop < 2, fields, label) if units else None
    units = [Unit("stem", t) for w in n.words for t in analyze(w)]
    return Pattern(tuple(units), n.distance, n.ordered, fields, label) if units else None


# --------------------------------------------------------------------------
# Finding the words
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """Words of a text that some unit may accept: position, offsets, lowercase form."""

    positions: list[int]
    starts: list[int]
    ends: list[int]
    words: list[str]


def _candidates(text: str, needles: Sequence[str], start: int, end: int, positional: bool) -> _Found:
    found = _Found([], [], [], [])
    segment = text[start:end]
    low = segment.lower()
    if len(low) != len(segment):
        # a letter whose lowercase is longer (rare): offsets would drift,
        # so take every word the slow way
        tokens = tokenize(text, start, end)
        found.positions.extend(range(len(tokens)))
        found.starts.extend(tokens.starts)
        found.ends.extend(tokens.ends)
        found.words.extend(tokens.words)
        return found
    starts: set[int] = set()
    for needle in needles:
        i = low.find(needle)
        while i >= 0:
            if i == 0 or not low[i - 1].isalnum():
                starts.add(i)
            i = low.find(needle, i + 1)
    position, previous = 0, 0
    for i in sorted(starts):
        m = WORD.match(low, i)
        if positional:
            # the word's place in the index: the words before it in the segment
            position += len(WORD.findall(low, previous, i))
            previous = i
        else:
            position += 1  # single words: only the order matters
        found.positions.append(position)
        found.starts.append(start + i)
        found.ends.append(start + m.end())
        found.words.append("" if too_long(segment[i : m.end()]) else m.group())
    return found


def needles_of(patterns: Iterable[Pattern]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for p in patterns:
        for unit in p.units:
            for needle in unit.needles():
                out[needle] = None
    # a needle inside a longer one finds its words too: drop the longer
    kept = sorted(out, key=len)
    return tuple(n for k, n in enumerate(kept) if not any(n.startswith(m) for m in kept[:k]))


class Scanner:
    """The patterns of a query that search one field, ready to run over many texts."""

    def __init__(self, patterns: Sequence[Pattern], field: str):
        self.patterns = list(patterns)
        self.field = field
        self.active = [i for i, p in enumerate(self.patterns) if field in p.fields]
        self.needles = needles_of(self.patterns[i] for i in self.active)
        #: phrases and NEARs need word positions; single words only order
        self.positional = any(len(self.patterns[i].units) > 1 for i in self.active)
        #: word → the (pattern, unit) pairs that accept it: the same words
        #: come back in every text a query is run over
        self._accepts: dict[str, tuple[tuple[int, int], ...]] = {}

    def accepting(self, word: str) -> tuple[tuple[int, int], ...]:
        found = self._accepts.get(word)
        if found is None:
            found = tuple(
                (i, k) for i in self.active for k, unit in enumerate(self.patterns[i].units) if unit.accepts(word)
            )
            if len(self._accepts) < MAX_REMEMBERED:
                self._accepts[word] = found
        return found

    def __bool__(self) -> bool:
        return bool(self.active)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Non-overlapping matches in ``text[start:end]``, in text order;
        positions count from ``start``."""
        end = len(text) if end is None else end
        if not self.active or start >= end:
            return []
        found = _candidates(text, self.needles, start, end, self.positional)
        if not found.words:
            return []
        patterns = self.patterns
        # for each unit of each pattern, the candidates it accepts
        accepted: dict[tuple[int, int], list[int]] = {}
        for c, word in enumerate(found.words):
            if word:
                for key in self.accepting(word):
                    accepted.setdefault(key, []).append(c)
        matches: list[Match] = []
        for i in self.active:
            lists = [accepted.get((i, k), []) for k in range(len(patterns[i].units))]
            for chosen in _occurrences(patterns[i], lists, found):
                matches.append(
                    Match(
                        i,
                        tuple(found.positions[c] for c in chosen),
                        tuple(found.starts[c] for c in chosen),
                        tuple(found.ends[c] for c in chosen),
                    )
                )
        matches.sort(key=lambda m: (m.start, m.end))
        return matches


def scanners(patterns: Sequence[Pattern]) -> dict[str, Scanner]:
    """A scanner per stored field (``title``, ``body``, ``notes``)."""
    return {field: Scanner(patterns, field) for field in FIELDS}


def find(
    text: str, patterns: Sequence[Pattern], field: str, start: int = 0, end: int | None = None
) -> list[Match]:
    """Non-overlapping matches of ``patterns`` (those searching ``field``) in
    ``text[start:end]``, in text order; positions count from ``start``."""
    return Scanner(patterns, field).find(text, start, end)


def _occurrences(pattern: Pattern, lists: list[list[int]], found: _Found) -> Iterator[tuple[int, ...]]:
    """Candidate indexes of each occurrence, one per unit, ascending."""
    if not all(lists):
        return
    if len(lists) == 1:
        for c in lists[0]:
            yield (c,)
        return
    pos = found.positions
    by_position = {pos[c]: c for cs in lists for c in cs}
    # each unit's positions, ascending (candidates come in text order)
    units = [[pos[c] for c in cs] for cs in lists]
    window = pattern.window
    last = -1  # occurrences do not overlap: the next starts after this position
    firsts = units[0] if pattern.ordered else sorted(set().union(*units))
    for first in firsts:
        if first <= last:
            continue
        chosen = _cover(first, window, units, pattern.ordered)
        if chosen is not None:
            last = chosen[-1]
            yield tuple(by_position[p] for p in chosen)


def _cover(first: int, window: int, units: list[list[int]], ordered: bool) -> tuple[int, ...] | None:
    """Distinct positions, one per unit, within ``first … first + window``, starting at ``first``."""
    limit = first + window
    if ordered:
        chosen = [first]
        for positions in units[1:]:
            k = bisect_right(positions, chosen[-1])
            if k == len(positions) or positions[k] > limit:
                return None
            chosen.append(positions[k])
        return tuple(chosen)
    candidates = [positions[bisect_left(positions, first) : bisect_right(positions, limit)] for positions in units]
    if not all(candidates):
        return None
    best: tuple[int, ...] | None = None
    # ``first`` goes to one of the units it satisfies; every other unit
    # then takes its earliest position not yet taken (NEAR has at most 5 units)
    for k, cands in enumerate(candidates):
        if cands[0] != first:
            continue
        taken = {first}
        for j, others in enumerate(candidates):
            if j == k:
                continue
            pick = next((p for p in others if p not in taken), None)
            if pick is None:
                break
            taken.add(pick)
        else:
            chosen = tuple(sorted(taken))
            if best is None or chosen[-1] < best[-1]:
                best = chosen
    return best
