"""The recursive-descent parser: tokens to a query tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frus.errors import QuerySyntaxError
from frus.search.querylang.dates import date_range
from frus.search.querylang.fields import (
    DATE_FIELDS,
    FIELDS,
    KEYWORD_FIELDS,
    MAX_DEPTH,
    MAX_DISTANCE,
    MAX_NEAR_WORDS,
    MAX_TERMS,
    MAX_TOKEN_BYTES,
    SWITCH_FIELD,
    syntax_error,
)
from frus.search.querylang.lexer import Token, tokenize
from frus.search.querylang.nodes import (
    And,
    DateFilter,
    FieldFilter,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
)

_STARTS = {"WORD", "PHRASE", "FIELD", "LPAREN", "NEAR", "MINUS", "PLUS", "EQUALS", "NOT"}


@dataclass(frozen=True, slots=True)
class _Switch:
    """``apparatus:no|yes`` as parsed; removed from the tree by ``parse``."""

    exclude: bool
    pos: int


def parse(query: str, *, exclude_apparatus: bool = False) -> Node:
    """Parse ``query`` into an AST.

    ``exclude_apparatus``: unfielded words search only title and body (what
    the documents say), not the notes (what the editors say).  An
    ``apparatus:no`` or ``apparatus:yes`` in the query overrides it.
    """
    parser = _Parser(query, tokenize(query))
    node = parser.parse()
    exclude = exclude_apparatus if parser.switch is None else parser.switch.exclude
    return _default_field(node, "text") if exclude else node


def _default_field(node: Node, field: str) -> Node:
    if isinstance(node, (Term, Phrase, Near)) and node.field is None:
        return replace(node, field=field)
    if isinstance(node, (And, Or)):
        return type(node)(tuple(_default_field(c, field) for c in node.children))
    if isinstance(node, Not):
        return Not(_default_field(node.child, field))
    return node


class _Parser:
    def __init__(self, query: str, tokens: list[Token]):
        self.query = query
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.terms = 0
        self.switch: _Switch | None = None
        self.open_parens: list[Token] = []

    # -- token helpers ---------------------------------------------------

    def peek(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind != "EOF":
            self.i += 1
        return tok

    def previous(self) -> Token | None:
        return self.tokens[self.i - 1] if self.i else None

    def count(self, tok: Token, n: int = 1) -> None:
        self.terms += n
        if self.terms > MAX_TERMS:
            raise syntax_error(
                f"the query has more than {MAX_TERMS} terms",
                tok.pos,
                "search for fewer, more distinctive words",
            )

    # -- grammar ---------------------------------------------------------

    def parse(self) -> Node:
        if not self.query.strip():
            raise syntax_error(
                "empty query", 0, 'type a word, a "phrase" or a filter such as date:1970'
            )
        node = self.parse_or(None, top=True)
        tok = self.peek()
        if tok.kind == "RPAREN":
            raise syntax_error("unmatched ')'", tok.pos, "remove it or add '(' before it")
        if tok.kind != "EOF":  # pragma: no cover - every other token starts a term
            raise syntax_error(f"unexpected {tok.text!r}", tok.pos)
        if node is None:
            raise syntax_error(
                "the query has no search terms",
                self.switch.pos if self.switch else 0,
                "add a word, a phrase or a filter besides apparatus:",
            )
        return node

    def parse_or(self, field: str | None, top: bool = False) -> Node | None:
        operands = [self.parse_and(field)]
        while self.peek().kind == "OR":
            self.advance()
            operands.append(self.parse_and(field))
        if len(operands) == 1:
            return operands[0]
        if top and self.switch is not None:
            raise syntax_error(
                f"apparatus:{'no' if self.switch.exclude else 'yes'} applies to the whole query",
                self.switch.pos,
                "it cannot be one side of OR; put it beside the rest of the query",
            )
        # an operand is None only when it was a lone switch, refused above
        # at the top and by take_switch inside parentheses
        assert all(op is not None for op in operands)
        return _flat(Or, operands)

    def parse_and(self, field: str | None) -> Node | None:
        items: list[Node] = []
        while True:
            node = self.parse_unary(field)
            if isinstance(node, _Switch):
                self.take_switch(node)
            else:
                items.append(node)
            tok = self.peek()
            if tok.kind == "AND":
                self.advance()
            elif tok.kind not in _STARTS:
                break
        if not items:
            return None
        return items[0] if len(items) == 1 else _flat(And, items)

    def take_switch(self, switch: _Switch) -> None:
        if self.depth:
            raise syntax_error(
                "apparatus: applies to the whole query",
                switch.pos,
                "put it outside the parentheses",
            )
        if self.switch is not None and self.switch.exclude != switch.exclude:
            raise syntax_error(
                "apparatus:no and apparatus:yes contradict each other",
                switch.pos,
                "keep one of them",
            )
        self.switch = switch

    def parse_unary(self, field: str | None) -> Node | _Switch:
        ops: list[Token] = []
        while self.peek().kind in ("NOT", "MINUS", "PLUS"):
            ops.append(self.advance())
            if len(ops) > MAX_DEPTH:
                raise syntax_error("too many NOT/-/+ in a row", ops[-1].pos, "one NOT is enough")
        node = self.parse_primary(field)
        if isinstance(node, _Switch):
            if ops:
                raise syntax_error(
                    f"{ops[-1].text} cannot apply to apparatus:",
                    ops[-1].pos,
                    "write apparatus:no to leave out the notes, apparatus:yes to include them",
                )
            return node
        for op in reversed(ops):
            if op.kind != "PLUS":  # "+" only says "required", which AND already means
                node = node.child if isinstance(node, Not) else Not(node)
        return node

    def parse_primary(self, field: str | None) -> Node | _Switch:
        tok = self.peek()
        kind = tok.kind
        if kind == "LPAREN":
            return self.parse_group(field)
        if kind == "FIELD":
            return self.parse_field()
        if kind == "NEAR":
            if field in KEYWORD_FIELDS:
                raise syntax_error(
                    f"NEAR cannot be used with {field}:",
                    tok.pos,
                    "NEAR works in title:, body:, notes: or text:",
                )
            return self.parse_near(field)
        if kind == "EQUALS":
            self.advance()
            nxt = self.peek()
            if nxt.kind not in ("WORD", "PHRASE") or nxt.pos != tok.end:
                raise syntax_error(
                    "'=' must be followed directly by a word or a phrase", tok.pos, "write =word"
                )
            return self.parse_value(field, exact=True)
        if kind in ("WORD", "PHRASE"):
            return self.parse_value(field, exact=False)
        raise self.unexpected(tok)

    def unexpected(self, tok: Token) -> QuerySyntaxError:
        prev = self.previous()
        after = (
            f" after {prev.text}" if prev is not None and prev.kind in ("AND", "OR", "NOT") else ""
        )
        expected = 'expected a word, a "phrase", a field such as title: or "("'
        if tok.kind == "EOF":
            if self.open_parens and (
                prev is None or prev.kind not in ("AND", "OR", "NOT", "MINUS", "PLUS")
            ):
                return syntax_error(
                    "unclosed parenthesis", self.open_parens[-1].pos, "add ')' to close it"
                )
            if prev is not None and prev.kind in ("AND", "OR", "NOT", "MINUS", "PLUS"):
                return syntax_error(
                    f"the query ends after {prev.text}", tok.pos, f"{expected}{after}"
                )
            return syntax_error("the query ends too early", tok.pos, expected)
        if tok.kind == "RPAREN":
            if prev is not None and prev.kind == "LPAREN":
                return syntax_error(
                    "empty parentheses", prev.pos, "put a word or a phrase between ( and )"
                )
            if self.depth == 0:
                return syntax_error("unmatched ')'", tok.pos, "remove it or add '(' before it")
            return syntax_error(f"')' cannot come{after or ' here'}", tok.pos, expected)
        if tok.kind in ("AND", "OR"):
            if prev is None or prev.kind in ("LPAREN", "FIELD"):
                return syntax_error(
                    f"{tok.text} needs a term on its left", tok.pos, f"{expected} before {tok.text}"
                )
            return syntax_error(
                f"{tok.text} cannot follow {prev.text}", tok.pos, f"{expected} between them"
            )
        return syntax_error(f"unexpected {tok.text!r}", tok.pos, expected)  # pragma: no cover

    def parse_group(self, field: str | None) -> Node:
        open_tok = self.advance()
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise syntax_error(
                f"parentheses are nested more than {MAX_DEPTH} deep",
                open_tok.pos,
                "remove some of the parentheses",
            )
        self.open_parens.append(open_tok)
        node = self.parse_or(field)
        close = self.peek()
        if close.kind != "RPAREN":
            raise syntax_error("unclosed parenthesis", open_tok.pos, "add ')' to close it")
        self.advance()
        self.depth -= 1
        self.open_parens.pop()
        assert node is not None  # parse_or returns None only for a lone switch, refused in groups
        return node

    def parse_field(self) -> Node | _Switch:
        tok = self.advance()
        name = tok.text
        if name not in FIELDS:
            original = self.query[tok.pos : tok.end - 1]
            raise syntax_error(
                f"unknown field '{original}:'",
                tok.pos,
                f"valid fields are {', '.join(f + ':' for f in FIELDS)}; "
                f'to search for the text itself, put it in quotes: "{original}:"',
            )
        if name in DATE_FIELDS:
            return self.parse_date(tok)
        if name == SWITCH_FIELD:
            return self.parse_switch(tok)
        nxt = self.peek()
        if nxt.kind in ("MINUS", "NOT"):
            raise syntax_error(
                f"{nxt.text} cannot come after {name}:",
                nxt.pos,
                f"put it before the field: -{name}:word",
            )
        if nxt.kind not in ("WORD", "PHRASE", "LPAREN", "EQUALS", "NEAR", "PLUS"):
            raise syntax_error(
                f"{name}: has no value",
                nxt.pos,
                f'write {name}:word, {name}:"several words" or {name}:( … )',
            )
        if nxt.kind == "PLUS":
            self.advance()
        return self.parse_primary(name)

    def parse_switch(self, tok: Token) -> _Switch:
        value = self.peek()
        if value.kind != "WORD" or value.pos != tok.end or value.text.lower() not in ("no", "yes"):
            raise syntax_error(
                "apparatus: takes no or yes",
                value.pos if value.pos == tok.end else tok.end,
                "apparatus:no searches only what the documents say (title and body); "
                "apparatus:yes searches the editors' notes too",
            )
        self.advance()
        return _Switch(value.text.lower() == "no", tok.pos)

    def parse_value(self, field: str | None, exact: bool) -> Node:
        tok = self.advance()
        if field in KEYWORD_FIELDS:
            return self.keyword_value(field, tok, exact)
        if tok.kind == "PHRASE":
            return self.phrase(field, tok)
        self.count(tok)
        text, prefix = _split_prefix(tok.text, tok.pos)
        _check_word(text, tok.pos, prefix=prefix)
        if prefix and exact:
            raise syntax_error(
                "'=' and '*' cannot be combined",
                tok.pos - 1,
                "a prefix already matches the exact forms: write word*",
            )
        return Term(field, text, exact=exact or prefix, prefix=prefix)

    def phrase(self, field: str | None, tok: Token) -> Node:
        words = tok.text.split()
        if not any(_has_alnum(w) for w in words):
            raise syntax_error("empty phrase", tok.pos, "put words between the quotation marks")
        self.count(tok, len(words))
        prefix = False
        for k, word in enumerate(words):
            if "*" in word:
                last = k == len(words) - 1
                stem, prefix = _split_prefix(word, tok.pos, in_phrase=True)
                if not last or not prefix:
                    raise syntax_error(
                        "'*' is allowed only at the end of the last word of a phrase",
                        tok.pos,
                        'write "nuclear weap*"',
                    )
                words[k] = stem
        for word in words:
            _check_word(word, tok.pos, allow_no_alnum=True)
        searchable = [w for w in words if _has_alnum(w)]
        if len(searchable) == 1:  # a quoted word: its exact form
            if tok.slop:
                raise syntax_error(
                    "~N needs a phrase of two or more words",
                    tok.pos,
                    'write "word word"~5, or drop the ~',
                )
            return Term(field, searchable[0], exact=True, prefix=prefix)
        if prefix and tok.slop:
            raise syntax_error(
                "a phrase cannot have both a '*' prefix and ~N", tok.pos, "keep one of them"
            )
        return Phrase(field, tuple(words), slop=tok.slop or 0, prefix=prefix)

    def keyword_value(self, field: str, tok: Token, exact: bool) -> FieldFilter:
        self.count(tok)
        if tok.kind == "PHRASE" and tok.slop:
            raise syntax_error(
                f"~N cannot be used with {field}:", tok.pos, "remove the ~ and the number"
            )
        value = " ".join(tok.text.split())
        value, prefix = _split_prefix(value, tok.pos, in_phrase=tok.kind == "PHRASE")
        if not _has_alnum(value):
            raise syntax_error(
                f"{field}: needs letters or digits to match",
                tok.pos,
                f'write {field}:word or {field}:"several words"',
            )
        if prefix and exact:
            raise syntax_error(
                "'=' and '*' cannot be combined",
                tok.pos - 1,
                f"write {field}:=value or {field}:prefix*",
            )
        return FieldFilter(field, value, exact=exact, prefix=prefix)

    def parse_near(self, field: str | None) -> Near:
        near = self.advance()
        open_tok = self.advance()  # the lexer made NEAR only when "(" follows
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise syntax_error(
                f"parentheses are nested more than {MAX_DEPTH} deep",
                open_tok.pos,
                "remove some of the parentheses",
            )
        words: list[str] = []
        while self.peek().kind == "WORD":
            tok = self.advance()
            if "*" in tok.text:
                raise syntax_error(
                    "NEAR takes whole words, not prefixes", tok.pos, 'use "phrase*" for a prefix'
                )
            _check_word(tok.text, tok.pos)
            self.count(tok)
            words.append(tok.text)
        tok = self.peek()
        if tok.kind == "EOF":
            raise syntax_error("unclosed NEAR(", open_tok.pos, "write NEAR(word word, 5)")
        if tok.kind == "RPAREN":
            raise syntax_error(
                "NEAR needs a distance",
                tok.pos,
                "write NEAR(word word, 5): a comma, then how many other words "
                "may come between them",
            )
        if tok.kind != "COMMA":
            raise syntax_error(
                "NEAR( ) takes plain words, a comma and a distance",
                tok.pos,
                'write NEAR(word word, 5); for exact forms use "word word"~5',
            )
        if len(words) < 2:
            raise syntax_error(
                "NEAR needs at least two words", near.pos, "write NEAR(word word, 5)"
            )
        if len(words) > MAX_NEAR_WORDS:
            raise syntax_error(
                f"NEAR takes at most {MAX_NEAR_WORDS} words",
                near.pos,
                "split it into several NEAR( ) joined by AND",
            )
        self.advance()
        dist_tok = self.peek()
        if dist_tok.kind != "WORD" or not dist_tok.text.isdigit() or not dist_tok.text.isascii():
            raise syntax_error(
                "NEAR needs a distance",
                dist_tok.pos,
                "write a whole number after the comma: NEAR(word word, 5)",
            )
        self.advance()
        distance = int(dist_tok.text)
        if distance > MAX_DISTANCE:
            raise syntax_error(
                f"NEAR distance {distance} is too large (the limit is {MAX_DISTANCE})",
                dist_tok.pos,
                "use AND for words anywhere in the same document",
            )
        ordered = False
        if self.peek().kind == "COMMA":
            self.advance()
            opt = self.peek()
            if opt.kind != "WORD" or opt.text.lower() != "ordered":
                raise syntax_error(
                    "unknown NEAR option",
                    opt.pos,
                    "the only option is 'ordered': NEAR(word word, 5, ordered)",
                )
            self.advance()
            ordered = True
        close = self.peek()
        if close.kind != "RPAREN":
            if close.kind == "EOF":
                raise syntax_error("unclosed NEAR(", open_tok.pos, "add ')' after the distance")
            raise syntax_error(
                "expected ')' after the NEAR distance", close.pos, "write NEAR(word word, 5)"
            )
        self.advance()
        self.depth -= 1
        return Near(field, tuple(words), distance, ordered)

    def parse_date(self, tok: Token) -> DateFilter:
        value = self.peek()
        if value.kind != "WORD" or value.pos != tok.end:
            raise syntax_error(
                f"{tok.text}: needs a date",
                tok.end,
                f"write {tok.text}:1970, {tok.text}:1969..1972"
                + (", date:1970-10 or date:>=1962-10-16" if tok.text == "date" else ""),
            )
        self.advance()
        self.count(value)
        lo, hi = date_range(value.text, value.pos, years_only=tok.text == "year")
        return DateFilter(lo, hi)


def _flat(kind, items: list[Node]) -> Node:
    """``a AND (b AND c)`` and ``a AND b AND c`` are the same query."""
    out: list[Node] = []
    for item in items:
        out.extend(item.children if isinstance(item, kind) else (item,))
    return kind(tuple(out))


def _has_alnum(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _split_prefix(text: str, pos: int, in_phrase: bool = False) -> tuple[str, bool]:
    """``negotiat*`` → ("negotiat", True); a '*' anywhere else is an error."""
    prefix = text.endswith("*")
    stem = text[:-1] if prefix else text
    if "*" in stem:
        where = "the last word of a phrase" if in_phrase else "a word"
        raise syntax_error(
            f"'*' is allowed only at the end of {where}",
            pos,
            "write negotiat* for every word starting negotiat",
        )
    if prefix and not _has_alnum(stem.split()[-1] if stem.split() else ""):
        raise syntax_error(
            "'*' needs letters or digits before it", pos, "write at least one letter: nego*"
        )
    return stem, prefix


def _check_word(text: str, pos: int, prefix: bool = False, allow_no_alnum: bool = False) -> None:
    if not _has_alnum(text):
        if allow_no_alnum:
            return
        raise syntax_error(
            f"{text!r} has no letters or digits to search for",
            pos,
            "punctuation alone is not indexed; search for the words around it",
        )
    for run in re.findall(r"[^\W_]+", text):
        if len(run.encode("utf-8")) > MAX_TOKEN_BYTES:
            raise syntax_error(
                f"the word {run[:20]!r}… is too long to be in the index",
                pos,
                f"words longer than {MAX_TOKEN_BYTES} bytes are not indexed; "
                "use a prefix of it with *",
            )
