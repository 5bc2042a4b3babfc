"""Words of stored text as the index saw them, with their character offsets.

Snippets, concordances, trends and collocations all need to find, in a
document's stored text, the very tokens the index matched.  Tantivy's
``pre_tokenize`` gives them, but builds a Python object per token, which
is too slow for reading thousands of documents.  This module reproduces
the index's analysis with one C-level regular expression instead:

* Tantivy's ``simple`` tokenizer cuts text at every character that is not
  alphanumeric (``_`` included): ``[^\\W_]+`` is the same set of characters;
* ``remove_long(40)`` drops tokens of 40 bytes or more *after* positions are
  given, so a dropped token still takes a position;
* ``lowercase`` then, for stemmed fields, Snowball English, run here through
  Tantivy's own stemmer (``compile.analyze``) once per distinct word.

``tests/test_search_textscan.py`` checks token for token against Tantivy's
analyzer on real documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frus.search.compile import analyze

WORD = re.compile(r"[^\W_]+")
#: Tantivy's ``remove_long(40)``: tokens of 40 bytes or more are not indexed
LONG_BYTES = 40

_STEMS: dict[str, str] = {}
#: the stem cache is a plain dict: FRUS has a few hundred thousand distinct
#: words, far below what would make it worth evicting
MAX_CACHED_STEMS = 2_000_000


def stem(word: str) -> str:
    """The ``en_stem`` term of one lowercased word (cached)."""
    found = _STEMS.get(word)
    if found is None:
        terms = analyze(word)
        found = terms[0] if terms else ""
        if len(_STEMS) < MAX_CACHED_STEMS:
            _STEMS[word] = found
    return found


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one text: parallel lists, cheaper than an object each.

    ``words[i]`` is the lowercased token (``""`` for one too long to be
    indexed), ``starts[i]``/``ends[i]`` its character offsets; the token's
    position in the index is ``i`` (plus the offset of the text's chunk).
    """

    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in WORD.finditer(text, start, len(text) if end is None else end):
        word = m.group()
        words.append("" if too_long(word) else word.lower())
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(words, starts, ends)


def words_of(text: str) -> list[str]:
    """Just the lowercased words of ``text`` (no offsets), for counting."""
    return ["" if too_long(w) else w.lower() for w in WORD.findall(text)]


def too_long(word: str) -> bool:
    # a token of 40 bytes has at least 10 characters: skip encoding the rest
    return len(word) >= LONG_BYTES // 4 and len(word.encode("utf-8")) >= LONG_BYTES
