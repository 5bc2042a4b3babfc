"""The frus query language: a tokenizer and a recursive-descent parser.

``parse(text)`` turns what a historian types into a small tree of frozen
dataclasses (the AST).  The tree is the contract between the language and
everything after it: ``compile.py`` turns it into a Tantivy query,
``--explain`` prints ``str(tree)`` to show what was searched, and the
canonical form printed by ``str`` parses back to the same tree.

The grammar (``docs/search.md`` explains it for people)::

    query    := or_expr EOF
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := unary (["AND"] unary)*          -- adjacency is AND
    unary    := ("NOT" | "-" | "+")* primary
    primary  := "(" or_expr ")"
              | FIELD ":" (primary | date-value)
              | "NEAR" "(" word word+ "," number ["," "ordered"] ")"
              | ["="] PHRASE ["~" number]
              | ["="] WORD

Every error is a ``QuerySyntaxError`` carrying the 0-based character
offset and a hint.  Input size, nesting depth, term count, NEAR width and
distances are bounded so that no input can make the parser (or the
query it leads to) run away.
"""

from frus.search.querylang.fields import (
    DATE_FIELDS,
    FIELDS,
    KEYWORD_FIELDS,
    MAX_DEPTH,
    MAX_DISTANCE,
    MAX_NEAR_WORDS,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    SWITCH_FIELD,
    TEXT_FIELDS,
)
from frus.search.querylang.lexer import Token, tokenize
from frus.search.querylang.nodes import (
    LEAVES,
    And,
    DateFilter,
    FieldFilter,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    iter_leaves,
)
from frus.search.querylang.parser import parse

__all__ = [
    "And",
    "DATE_FIELDS",
    "DateFilter",
    "FIELDS",
    "FieldFilter",
    "KEYWORD_FIELDS",
    "LEAVES",
    "MAX_DEPTH",
    "MAX_DISTANCE",
    "MAX_NEAR_WORDS",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "Near",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "SWITCH_FIELD",
    "TEXT_FIELDS",
    "Term",
    "Token",
    "iter_leaves",
    "parse",
    "tokenize",
]
