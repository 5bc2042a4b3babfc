"""Split a query into tokens, each with its character offset."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frus.search.querylang.fields import (
    DATE_FIELDS,
    FIELD_NAME_RE,
    MAX_DISTANCE,
    MAX_QUERY_CHARS,
    syntax_error,
)

_WORD_STOP = set('()"') | {" ", "\t", "\n", "\r"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # WORD PHRASE FIELD LPAREN RPAREN COMMA AND OR NOT NEAR MINUS PLUS EQUALS EOF
    text: str
    pos: int
    end: int
    slop: int | None = None  # PHRASE: the number after "~"


def _check_characters(query: str) -> None:
    if len(query) > MAX_QUERY_CHARS:
        raise syntax_error(
            f"the query is too long ({len(query)} characters; the limit is {MAX_QUERY_CHARS})",
            MAX_QUERY_CHARS,
            "shorten the query; long passages are better searched by a few distinctive words",
        )
    for i, ch in enumerate(query):
        if ch in "\t\n\r":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise syntax_error(
                f"control character U+{ord(ch):04X} in the query",
                i,
                "remove it (it was probably pasted by accident)",
            )


#: typographic double quotes, as word processors and web pages type them,
#: are quotation marks too (one character each, so positions hold)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def tokenize(query: str) -> list[Token]:
    """Split ``query`` into tokens; the last token is always EOF."""
    _check_characters(query)
    query = query.translate(_QUOTES)
    tokens: list[Token] = []
    n = len(query)
    i = 0
    depth = 0
    near_depth: int | None = None  # paren depth of an open NEAR( … )
    near_pending = False
    raw_value_next = False  # after date:/year: the value is taken as is

    def add(kind: str, text: str, start: int, end: int, slop: int | None = None) -> None:
        tokens.append(Token(kind, text, start, end, slop))

    while i < n:
        ch = query[i]
        if ch.isspace():
            raw_value_next = False
            i += 1
            continue
        start = i
        if raw_value_next and ch not in "()":
            raw_value_next = False
            while i < n and not query[i].isspace() and query[i] not in "()":
                i += 1
            add("WORD", query[start:i], start, i)
            continue
        raw_value_next = False
        if ch == "(":
            depth += 1
            if near_pending:
                near_depth, near_pending = depth, False
            add("LPAREN", ch, i, i + 1)
            i += 1
        elif ch == ")":
            if near_depth == depth:
                near_depth = None
            depth -= 1
            add("RPAREN", ch, i, i + 1)
            i += 1
        elif ch == "," and near_depth is not None:
            add("COMMA", ch, i, i + 1)
            i += 1
        elif ch == '"':
            i = _lex_phrase(query, i, add)
        elif ch in "-+=":
            following = query[i + 1] if i + 1 < n else ""
            if ch == "=" and following == "":
                raise syntax_error(
                    "'=' at the end of the query", i, "write =word for the exact form of a word"
                )
            if following == "" or following.isspace() or following == ")":
                sign = {"-": "'-' (NOT)", "+": "'+' (required)", "=": "'=' (exact form)"}[ch]
                hint = f"write {ch}word with no space"
                if ch == "-":
                    hint += (
                        '; to search for a dash, put the words around it in quotes: "1969 - 1976"'
                    )
                raise syntax_error(
                    f"{sign} must be followed directly by a word, a phrase or '('", i, hint
                )
            add({"-": "MINUS", "+": "PLUS", "=": "EQUALS"}[ch], ch, i, i + 1)
            i += 1
        else:
            stop = _WORD_STOP | ({","} if near_depth is not None else set())
            while i < n and query[i] not in stop and not query[i].isspace():
                i += 1
            word = query[start:i]
            field = FIELD_NAME_RE.match(word)
            if field:
                name_end = start + field.end()
                name = word[: field.end() - 1].lower()
                add("FIELD", name, start, name_end)
                i = name_end
                raw_value_next = name in DATE_FIELDS
            elif word in ("AND", "OR", "NOT"):
                add(word, word, start, i)
            elif word == "NEAR" and query[i:].lstrip().startswith("("):
                add("NEAR", word, start, i)
                near_pending = True
            else:
                add("WORD", word, start, i)
    add("EOF", "", n, n)
    return tokens


def _lex_phrase(query: str, start: int, add) -> int:
    n = len(query)
    i = start + 1
    chars: list[str] = []
    while i < n:
        ch = query[i]
        if ch == "\\" and i + 1 < n:
            chars.append(query[i + 1])
            i += 2
            continue
        if ch == '"':
            break
        chars.append(ch)
        i += 1
    else:
        raise syntax_error("unclosed quotation mark", start, 'add a closing " after the phrase')
    i += 1  # the closing quote
    slop = None
    if i < n and query[i] == "~":
        digits = re.match(r"\d+", query[i + 1 :])
        if not digits:
            raise syntax_error(
                "expected a number after '~'", i + 1, 'write "word word"~5 for words up to 5 apart'
            )
        slop = int(digits.group())
        if slop > MAX_DISTANCE:
            raise syntax_error(
                f"phrase distance {slop} is too large (the limit is {MAX_DISTANCE})",
                i + 1,
                "use AND for words anywhere in the same document",
            )
        i += 1 + len(digits.group())
    add("PHRASE", "".join(chars), start, i, slop)
    return i
