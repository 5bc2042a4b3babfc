"""The fields of the query language and the limits every query must keep."""

from __future__ import annotations

import re

from frus.errors import QuerySyntaxError
from frus.store.index import KEYWORD_FIELDS as INDEXED_KEYWORD_FIELDS

# --------------------------------------------------------------------------
# Fields of the language
# --------------------------------------------------------------------------

#: words searched in the documents' text.  ``text`` is "what the documents
#: say" (title + body); no field at all means title + body + notes.
TEXT_FIELDS = ("title", "body", "notes", "text")
#: metadata fields: stored values matched by their words (see ``FieldFilter``).
#: The index defines them (it must hold a field for each); the language
#: takes the same tuple so the two can never disagree.
KEYWORD_FIELDS = INDEXED_KEYWORD_FIELDS
DATE_FIELDS = ("date", "year")
#: ``apparatus:no`` / ``apparatus:yes`` is a switch for the whole query,
#: not a filter: it says where unfielded words are looked for.
SWITCH_FIELD = "apparatus"
FIELDS = TEXT_FIELDS + KEYWORD_FIELDS + DATE_FIELDS + (SWITCH_FIELD,)

# --------------------------------------------------------------------------
# Limits: every one of them is reported as a QuerySyntaxError
# --------------------------------------------------------------------------

MAX_QUERY_CHARS = 4000
MAX_DEPTH = 32  # parentheses and chained NOT/-
MAX_TERMS = 200  # words, phrase words and filters in one query
MAX_NEAR_WORDS = 5  # NEAR compiles to one phrase query per word order: 5! = 120
MAX_DISTANCE = 200  # for NEAR(…, N) and "…"~N
#: Tantivy drops tokens of 40 bytes or more (its ``remove_long`` filter), so
#: such a word could never match; the parser says so instead.
MAX_TOKEN_BYTES = 39


#: ``name:`` at the start of a word makes a field (``10:30`` does not)
FIELD_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*:")


def syntax_error(message: str, position: int, hint: str | None = None) -> QuerySyntaxError:
    return QuerySyntaxError(message, position=position, hint=hint)
