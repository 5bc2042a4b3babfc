"""Query text → a Tantivy query, plus the terms a snippet should highlight.

This is the one place that knows the query language.  For now it is
Tantivy's own grammar (words, ``"quoted phrases"``, ``AND``/``OR``/``NOT``,
``-word``, parentheses) behind a small front end that

* checks the structure itself, so a mistake is reported with the
  character where it happened instead of Tantivy's bare "Error";
* neutralises the grammar's other features, which people type by accident
  far more often than on purpose: ``O'Brien`` (a quote), ``Note: …`` (a
  field), ``IN``, ``^``, brackets and braces are taken as plain text;
* joins words with AND: a historian adding a word expects fewer hits.

Issue #4 replaces this module with frus's own parser; the rest of the code
only sees :func:`compile_query` and :class:`CompiledQuery`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tantivy

from frus.errors import QuerySyntaxError
from frus.store.index import FIELD_BOOSTS, TEXT_FIELDS

#: longest query accepted; far beyond any typed query, short enough that a
#: pasted page cannot build a query with tens of thousands of clauses.
MAX_QUERY_CHARS = 2000

_OPERATORS = ("AND", "OR", "NOT")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
# characters Tantivy's grammar gives a meaning we do not offer (yet)
_ESCAPE = re.compile(r"""([\\'^:\[\]{}])""")
_PHRASE_SUFFIX = re.compile(r"~\d+")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # "word" | "phrase" | "op" | "(" | ")"
    text: str
    position: int


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    text: str
    #: what was handed to Tantivy's parser (shown by ``--explain`` later)
    normalized: str
    query: tantivy.Query | None
    #: analysed terms to highlight: one tuple per word or phrase that must
    #: or may match (never those under NOT), in index token form
    highlights: tuple[tuple[str, ...], ...]

    @property
    def is_empty(self) -> bool:
        return self.query is None


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(Token(c, c, i))
            i += 1
        elif c in "-+" and i + 1 < n and text[i + 1] == "(":
            tokens.append(Token("(", c + "(", i))  # -(a b): exclude a group
            i += 2
        elif c == '"' or (c in "-+" and i + 1 < n and text[i + 1] == '"'):
            start = i
            sign = ""
            if c != '"':
                sign, i = c, i + 1
            end = text.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("unclosed quotation mark", i, 'add the closing "')
            phrase = text[i + 1 : end]
            i = end + 1
            suffix = _PHRASE_SUFFIX.match(text, i)
            slop = suffix.group(0) if suffix else ""
            i += len(slop)
            tokens.append(Token("phrase", f'{sign}"{phrase.replace(chr(92), " ")}"{slop}', start))
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in '()"':
                i += 1
            word = text[start:i]
            if word in _OPERATORS:
                tokens.append(Token("op", word, start))
            elif word in ("-", "+"):
                continue  # a dash between words is punctuation, not "exclude nothing"
            else:
                sign = word[0] if word[0] in "-+" and len(word) > 1 else ""
                body = word[len(sign) :]
                if body == "IN":
                    body = "in"
                tokens.append(Token("word", sign + _ESCAPE.sub(r"\\\1", body), start))
    return tokens


def _check(tokens: list[Token]) -> None:
    """Reject what Tantivy would reject, saying where and why."""
    depth = 0
    opens: list[int] = []
    prev: Token | None = None
    for tok in tokens:
        if tok.kind == "op" and tok.text in ("AND", "OR"):
            if prev is None or prev.kind == "(" or (prev.kind == "op"):
                raise QuerySyntaxError(f"{tok.text} needs a word or phrase before it", tok.position)
        if tok.kind == ")":
            if depth == 0:
                raise QuerySyntaxError("unmatched closing parenthesis", tok.position)
            if prev is not None and prev.kind == "(":
                raise QuerySyntaxError("empty parentheses", prev.position)
            if prev is not None and prev.kind == "op":
                raise QuerySyntaxError(f"{prev.text} needs a word or phrase after it", prev.position)
            depth -= 1
            opens.pop()
        if tok.kind == "(":
            depth += 1
            opens.append(tok.position)
        prev = tok
    if prev is not None and prev.kind == "op":
        raise QuerySyntaxError(f"{prev.text} needs a word or phrase after it", prev.position)
    if depth:
        raise QuerySyntaxError("unclosed parenthesis", opens[-1], "add the closing )")


def _highlights(node: dict, analyzer: tantivy.TextAnalyzer, out: list[tuple[str, ...]]) -> None:
    kind = node.get("type")
    if kind == "literal":
        if node.get("field_name") in (None, *TEXT_FIELDS):
            terms = tuple(analyzer.analyze(node.get("phrase") or ""))
            if node.get("slop"):
                out.extend((t,) for t in terms)  # a sloppy phrase: words anywhere near
            elif terms:
                out.append(terms)
    elif kind == "bool":
        for occur, sub in node.get("clauses", ()):
            if occur != "must_not":
                _highlights(sub, analyzer, out)
    elif kind == "boost":
        _highlights(node.get("underlying") or {}, analyzer, out)


def compile_query(text: str, index: tantivy.Index, analyzer: tantivy.TextAnalyzer) -> CompiledQuery:
    """Parse ``text`` for ``index``; raise :class:`QuerySyntaxError` if it cannot be."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"query too long ({len(text)} characters; the limit is {MAX_QUERY_CHARS})",
            hint="search for a shorter phrase",
        )
    cleaned = text.translate(_QUOTES)
    tokens = tokenize(cleaned)
    if not any(t.kind in ("word", "phrase") for t in tokens):
        if tokens:
            _check(tokens)
        return CompiledQuery(text, "", None, ())
    _check(tokens)
    normalized = " ".join(t.text for t in tokens)
    try:
        ast = tantivy.parse_query(normalized)
        query = index.parse_query(
            normalized,
            default_field_names=list(TEXT_FIELDS),
            field_boosts=FIELD_BOOSTS,
            conjunction_by_default=True,
        )
    except ValueError as err:
        if "excluding" in str(err):
            raise QuerySyntaxError(
                "nothing to search for: every word is excluded",
                hint="add a word to find, as in: treaty NOT Russia",
            ) from None
        raise QuerySyntaxError(
            f"cannot parse the query ({err})",
            hint="check the quotation marks, parentheses and AND/OR/NOT",
        ) from None
    found: list[tuple[str, ...]] = []
    _highlights(ast, analyzer, found)
    return CompiledQuery(text, normalized, query, tuple(dict.fromkeys(found)))
