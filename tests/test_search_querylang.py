"""The query language parser: every operator, field, date form and error.

Each accepted query is checked twice: against the tree it must produce
(or its canonical text) and by parsing that canonical text again, which
must give the same tree, because ``--explain`` shows the canonical text as
"what you searched".
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import time
from pathlib import Path

import pytest

from frus.errors import QuerySyntaxError
from frus.search.querylang import (
    FIELDS,
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    And,
    DateFilter,
    FieldFilter,
    Near,
    Not,
    Or,
    Phrase,
    Term,
    iter_leaves,
    parse,
    tokenize,
)

D = dt.date


def roundtrip(query: str, **options):
    node = parse(query, **options)
    again = parse(str(node))
    assert again == node, f"{query!r} → {str(node)!r} → {again!r}"
    return node


# --------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------

TREES = [
    # words: stemmed by default, =word or a quoted word for the exact form
    ("negotiations", Term(None, "negotiations")),
    ("=negotiations", Term(None, "negotiations", exact=True)),
    ('"negotiations"', Term(None, "negotiations", exact=True)),
    ("negotiat*", Term(None, "negotiat", exact=True, prefix=True)),
    ('"negotiat*"', Term(None, "negotiat", exact=True, prefix=True)),
    ("US-Soviet", Term(None, "US-Soviet")),
    ("Kissinger's", Term(None, "Kissinger's")),
    # phrases
    ('"nuclear weapons"', Phrase(None, ("nuclear", "weapons"))),
    ('"nuclear weapons"~3', Phrase(None, ("nuclear", "weapons"), slop=3)),
    ('"nuclear weap*"', Phrase(None, ("nuclear", "weap"), prefix=True)),
    ('="nuclear weapons"', Phrase(None, ("nuclear", "weapons"))),
    ("\u201cnuclear weapons\u201d", Phrase(None, ("nuclear", "weapons"))),  # typographic quotes
    ('"say \\"no\\" twice"', Phrase(None, ("say", '"no"', "twice"))),
    # proximity
    ("NEAR(arms control, 5)", Near(None, ("arms", "control"), 5)),
    ("NEAR(arms control, 5, ordered)", Near(None, ("arms", "control"), 5, ordered=True)),
    ("NEAR (arms control,5)", Near(None, ("arms", "control"), 5)),
    ("NEAR east", And((Term(None, "NEAR"), Term(None, "east")))),
    # boolean operators, implicit AND, precedence NOT > AND > OR
    ("soviet grain", And((Term(None, "soviet"), Term(None, "grain")))),
    ("soviet AND grain", And((Term(None, "soviet"), Term(None, "grain")))),
    ("soviet OR grain", Or((Term(None, "soviet"), Term(None, "grain")))),
    ("NOT grain", Not(Term(None, "grain"))),
    ("-grain", Not(Term(None, "grain"))),
    ("+grain", Term(None, "grain")),
    ("soviet -grain", And((Term(None, "soviet"), Not(Term(None, "grain"))))),
    ("soviet NOT grain", And((Term(None, "soviet"), Not(Term(None, "grain"))))),
    ("NOT NOT grain", Term(None, "grain")),
    (
        "soviet grain OR wheat",
        Or((And((Term(None, "soviet"), Term(None, "grain"))), Term(None, "wheat"))),
    ),
    (
        "soviet (grain OR wheat)",
        And((Term(None, "soviet"), Or((Term(None, "grain"), Term(None, "wheat"))))),
    ),
    ("a AND (b AND c)", And((Term(None, "a"), Term(None, "b"), Term(None, "c")))),
    ("-(a OR b)", Not(Or((Term(None, "a"), Term(None, "b"))))),
    ("and or not", And((Term(None, "and"), Term(None, "or"), Term(None, "not")))),
    # text fields, applied to a term, phrase, NEAR or group
    ("title:nuclear", Term("title", "nuclear")),
    ("Title:nuclear", Term("title", "nuclear")),
    ('body:"nuclear weapons"', Phrase("body", ("nuclear", "weapons"))),
    ("notes:=Drafted", Term("notes", "Drafted", exact=True)),
    ("text:soviet", Term("text", "soviet")),
    ("title:NEAR(arms control, 2)", Near("title", ("arms", "control"), 2)),
    ("title:(nuclear OR atomic)", Or((Term("title", "nuclear"), Term("title", "atomic")))),
    ("title:(nuclear body:test)", And((Term("title", "nuclear"), Term("body", "test")))),
    ("-title:draft", Not(Term("title", "draft"))),
    ("title: nuclear", Term("title", "nuclear")),
    # keyword fields
    ('from:"Embassy in the Soviet Union"', FieldFilter("from", "Embassy in the Soviet Union")),
    ("to:Kissinger", FieldFilter("to", "Kissinger")),
    ("person:p_KHA1", FieldFilter("person", "p_KHA1")),
    ('person:"Kissinger, Henry A."', FieldFilter("person", "Kissinger, Henry A.")),
    ("type:=telegram", FieldFilter("type", "telegram", exact=True)),
    (
        'type:="memorandum of conversation"',
        FieldFilter("type", "memorandum of conversation", exact=True),
    ),
    ("volume:frus1969-76v12", FieldFilter("volume", "frus1969-76v12")),
    ("volume:frus1969-76*", FieldFilter("volume", "frus1969-76", prefix=True)),
    ("subseries:1969-76", FieldFilter("subseries", "1969-76")),
    ('classification:"top secret"', FieldFilter("classification", "top secret")),
    ("caveat:nodis", FieldFilter("caveat", "nodis")),
    ('repository:"national   archives"', FieldFilter("repository", "national archives")),
    ('place:"The Hague"', FieldFilter("place", "The Hague")),
    (
        "from:(Kissinger OR Rogers)",
        Or((FieldFilter("from", "Kissinger"), FieldFilter("from", "Rogers"))),
    ),
    ('from:"Kiss*"', FieldFilter("from", "Kiss", prefix=True)),
    # dates: partial dates expand to their whole range
    ("date:1962-10-16", DateFilter(D(1962, 10, 16), D(1962, 10, 16))),
    ("date:1970-10", DateFilter(D(1970, 10, 1), D(1970, 10, 31))),
    ("date:1970", DateFilter(D(1970, 1, 1), D(1970, 12, 31))),
    ("date:1968-02", DateFilter(D(1968, 2, 1), D(1968, 2, 29))),
    ("date:1970-10..1970-12", DateFilter(D(1970, 10, 1), D(1970, 12, 31))),
    ("date:1962-10-16..1962-10-28", DateFilter(D(1962, 10, 16), D(1962, 10, 28))),
    ("date:1969..", DateFilter(D(1969, 1, 1), None)),
    ("date:..1969", DateFilter(None, D(1969, 12, 31))),
    ("date:>=1962-10-16", DateFilter(D(1962, 10, 16), None)),
    ("date:>1962-10", DateFilter(D(1962, 11, 1), None)),
    ("date:<=1962", DateFilter(None, D(1962, 12, 31))),
    ("date:<1963", DateFilter(None, D(1962, 12, 31))),
    ("date:<1963-03-01", DateFilter(None, D(1963, 2, 28))),
    ("date:1970-9", DateFilter(D(1970, 9, 1), D(1970, 9, 30))),
    ("year:1970", DateFilter(D(1970, 1, 1), D(1970, 12, 31))),
    ("year:1969..1972", DateFilter(D(1969, 1, 1), D(1972, 12, 31))),
    ("year:>=1973", DateFilter(D(1973, 1, 1), None)),
    (
        "-date:1970 soviet",
        And((Not(DateFilter(D(1970, 1, 1), D(1970, 12, 31))), Term(None, "soviet"))),
    ),
]


@pytest.mark.parametrize("query,tree", TREES, ids=[q for q, _ in TREES])
def test_parse_tree(query, tree):
    assert roundtrip(query) == tree


CANONICAL = [
    ("soviet grain OR wheat", "(soviet AND grain) OR wheat"),
    ("a OR b c", "a OR (b AND c)"),
    ("soviet -grain", "soviet AND NOT grain"),
    ('"negotiations"', "=negotiations"),
    ("negotiat*", "negotiat*"),
    ("title:(nuclear OR atomic) body:test", "(title:nuclear OR title:atomic) AND body:test"),
    ('from:"Embassy in the Soviet Union"', 'from:"Embassy in the Soviet Union"'),
    ('type:="memorandum of conversation"', 'type:="memorandum of conversation"'),
    ("date:1970-10..1970-12", "date:1970-10-01..1970-12-31"),
    ("date:<1963", "date:<=1962-12-31"),
    ("year:1970", "date:1970-01-01..1970-12-31"),
    ("NEAR(arms   control ,5)", "NEAR(arms control, 5)"),
    ('"nuclear weapons"~3', '"nuclear weapons"~3'),
    ('"(word)"', '"(word)"'),
    ('"AND"', '"AND"'),
    ("-(a OR b)", "NOT (a OR b)"),
]


@pytest.mark.parametrize("query,text", CANONICAL, ids=[q for q, _ in CANONICAL])
def test_canonical_form(query, text):
    assert str(roundtrip(query)) == text


def test_implicit_and_is_and():
    assert parse("soviet grain embargo") == parse("soviet AND grain AND embargo")


def test_and_binds_tighter_than_or_on_both_sides():
    assert parse("a OR b c OR d") == Or(
        (Term(None, "a"), And((Term(None, "b"), Term(None, "c"))), Term(None, "d"))
    )


# --------------------------------------------------------------------------
# What the documents say vs what the editors say
# --------------------------------------------------------------------------


def test_exclude_apparatus_option_searches_title_and_body():
    node = roundtrip('negotiations "nuclear weapons" NEAR(a b, 2)', exclude_apparatus=True)
    assert {leaf.field for leaf in iter_leaves(node)} == {"text"}


def test_exclude_apparatus_keeps_explicit_fields_and_filters():
    node = parse("notes:Drafted title:draft from:Rogers date:1970", exclude_apparatus=True)
    assert node == And(
        (
            Term("notes", "Drafted"),
            Term("title", "draft"),
            FieldFilter("from", "Rogers"),
            DateFilter(D(1970, 1, 1), D(1970, 12, 31)),
        )
    )


@pytest.mark.parametrize(
    "query",
    ["apparatus:no negotiations", "negotiations apparatus:no", "negotiations AND apparatus:NO"],
)
def test_apparatus_no_in_the_query(query):
    assert parse(query) == Term("text", "negotiations")


def test_apparatus_yes_overrides_the_option():
    assert parse("apparatus:yes negotiations", exclude_apparatus=True) == Term(None, "negotiations")


def test_apparatus_switch_reaches_words_before_it_and_inside_groups():
    node = parse("(a OR b) apparatus:no")
    assert node == Or((Term("text", "a"), Term("text", "b")))


# --------------------------------------------------------------------------
# Errors: message, 0-based position, hint
# --------------------------------------------------------------------------

ERRORS = [
    # (query, position, words in the message, words in the hint)
    ("", 0, "empty query", "type a word"),
    ("   \t ", 0, "empty query", "type a word"),
    ("soviet AND", 10, "ends after AND", "expected a word"),
    ("soviet OR", 9, "ends after OR", "expected a word"),
    ("soviet NOT", 10, "ends after NOT", "expected a word"),
    ("AND soviet", 0, "AND needs a term on its left", "before AND"),
    ("(OR soviet)", 1, "OR needs a term on its left", "before OR"),
    ("soviet OR OR grain", 10, "OR cannot follow OR", "between them"),
    ("soviet AND OR grain", 11, "OR cannot follow AND", "between them"),
    ("AND OR NOT", 0, "AND needs a term", "expected a word"),
    ("(soviet grain", 0, "unclosed parenthesis", "add ')'"),
    ("soviet (grain (wheat)", 7, "unclosed parenthesis", "add ')'"),
    ("soviet grain)", 12, "unmatched ')'", "remove it"),
    ("soviet () grain", 7, "empty parentheses", "between ( and )"),
    ('"nuclear weapons', 0, "unclosed quotation mark", 'closing "'),
    ('soviet "grain', 7, "unclosed quotation mark", 'closing "'),
    ('"nuclear weapons"~', 18, "expected a number after '~'", '"word word"~5'),
    ('"nuclear weapons"~999', 18, "too large", "AND"),
    ('"nuclear"~2', 0, "two or more words", "drop the ~"),
    ('"nuclear weap*"~2', 0, "both a '*' prefix and ~N", "keep one"),
    ('""', 0, "empty phrase", "put words"),
    ('"-- ..."', 0, "empty phrase", "put words"),
    ("NEAR(arms control)", 17, "NEAR needs a distance", "NEAR(word word, 5)"),
    ("NEAR(arms control,)", 18, "NEAR needs a distance", "whole number"),
    ("NEAR(arms control, five)", 19, "NEAR needs a distance", "whole number"),
    ("NEAR(arms, 5)", 0, "at least two words", "NEAR(word word, 5)"),
    ("NEAR(a b c d e f, 5)", 0, "at most 5 words", "split it"),
    ("NEAR(arms control, 5", 4, "unclosed NEAR(", "add ')'"),
    ("NEAR(arms control, 5, sorted)", 22, "unknown NEAR option", "ordered"),
    ("NEAR(arms control, 500)", 19, "too large", "AND"),
    ('NEAR("arms control" treaty, 5)', 5, "plain words", '"word word"~5'),
    ("NEAR(arms contr*, 5)", 10, "whole words", "prefix"),
    ("from:NEAR(a b, 2)", 5, "NEAR cannot be used with from:", "title:"),
    ("foo:bar", 0, "unknown field 'foo:'", "valid fields are title:"),
    ("soviet Source: National Archives", 7, "unknown field 'Source:'", '"Source:"'),
    ("title:", 6, "title: has no value", "title:word"),
    ("from: ", 6, "from: has no value", "from:word"),
    ("title:body:x", 6, "title: has no value", "title:word"),
    ("title:-draft", 6, "- cannot come after title:", "-title:word"),
    ("title:)", 6, "title: has no value", "title:word"),
    ("title:AND x", 6, "title: has no value", "title:word"),
    ("(soviet AND)", 11, "')' cannot come after AND", "expected a word"),
    ("date:", 5, "date: needs a date", "date:1970"),
    ("date: 1970", 5, "date: needs a date", "date:1970"),
    ("year:(1970)", 5, "year: needs a date", "year:1970"),
    ("date:1970-13", 10, "month 13 does not exist", "01 to 12"),
    ("date:1970-02-30", 13, "has no day 30", "28 days"),
    ("date:1970-10-16..1970-02-30", 25, "has no day 30", "28 days"),
    ("date:16/10/1962", 5, "not a date", "1970-10-16"),
    ("date:1972..1969", 5, "empty date range", "earlier date first"),
    ("date:..", 5, "at least one end", "1969..1972"),
    ("date:>=", 7, "not a date", "1970"),
    ("year:1970-10", 5, "not a year", "1969..1972"),
    ("year:70", 5, "not a year", "1969..1972"),
    ("date:0000", 5, "year 0000", "0001"),
    ("apparatus:maybe x", 10, "apparatus: takes no or yes", "apparatus:no"),
    ("apparatus:no", 0, "no search terms", "besides apparatus:"),
    ("soviet OR apparatus:no", 10, "applies to the whole query", "OR"),
    ("apparatus:no soviet OR grain", 0, "applies to the whole query", "OR"),
    ("(apparatus:no soviet)", 1, "applies to the whole query", "outside the parentheses"),
    ("-apparatus:no soviet", 0, "cannot apply to apparatus:", "apparatus:no"),
    ("apparatus:no apparatus:yes x", 13, "contradict", "keep one"),
    ("soviet - grain", 7, "'-' (NOT) must be followed directly", '"1969 - 1976"'),
    ("soviet -", 7, "'-' (NOT) must be followed directly", "-word"),
    ("+ soviet", 0, "'+' (required) must be followed directly", "+word"),
    ("= soviet", 0, "'=' (exact form) must be followed directly", "=word"),
    ("soviet =", 7, "'=' at the end", "=word"),
    ("=(a b)", 0, "'=' must be followed directly by a word", "=word"),
    ("=negotiat*", 0, "'=' and '*' cannot be combined", "word*"),
    ("type:=memo*", 5, "'=' and '*' cannot be combined", "type:prefix*"),
    ("neg*tiation", 0, "only at the end of a word", "negotiat*"),
    ('"nuc* weapons"', 0, "end of the last word", '"nuclear weap*"'),
    ("*", 0, "needs letters or digits before it", "nego*"),
    ("soviet --", 8, "'-' (NOT) must be followed directly", "-word"),
    ("§", 0, "no letters or digits", "punctuation"),
    ('from:"--"', 5, "needs letters or digits", "from:word"),
    ("x" * 45, 0, "too long to be in the index", "prefix"),
    ('"nuclear ' + "x" * 45 + '"', 0, "too long to be in the index", "prefix"),
    ("soviet\x07grain", 6, "control character U+0007", "remove it"),
    ("soviet\x00", 6, "control character U+0000", "remove it"),
    ('"a \x1b b"', 3, "control character U+001B", "remove it"),
]


@pytest.mark.parametrize(
    "query,position,message,hint", ERRORS, ids=[repr(e[0])[:40] for e in ERRORS]
)
def test_syntax_errors(query, position, message, hint):
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    err = info.value
    assert err.position == position, str(err)
    assert message in str(err)
    assert err.hint and hint in err.hint
    assert 0 <= err.position <= len(query)


def test_unknown_field_lists_every_valid_field():
    with pytest.raises(QuerySyntaxError) as info:
        parse("author:Kennan")
    assert "author:" in str(info.value)
    for name in FIELDS:
        assert f"{name}:" in info.value.hint


def test_error_is_one_line():
    with pytest.raises(QuerySyntaxError) as info:
        parse("soviet (grain")
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("unclosed parenthesis (at character 8)")


def test_newlines_and_tabs_are_whitespace():
    assert parse("soviet\n\tgrain\r\n") == parse("soviet grain")


# --------------------------------------------------------------------------
# Absurd input: bounded, fast, clear
# --------------------------------------------------------------------------


def _raises_quickly(query: str, message: str) -> QuerySyntaxError:
    start = time.perf_counter()
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    assert time.perf_counter() - start < 1.0
    assert message in str(info.value)
    return info.value


def test_ten_thousand_characters():
    err = _raises_quickly("soviet " * 1430, "too long")
    assert err.position == MAX_QUERY_CHARS


def test_many_terms():
    query = " ".join(["soviet"] * (MAX_TERMS + 1))
    err = _raises_quickly(query, f"more than {MAX_TERMS} terms")
    assert err.position == len("soviet ") * MAX_TERMS


def test_many_phrase_words_count_as_terms():
    _raises_quickly('"' + " ".join(["word"] * (MAX_TERMS + 1)) + '"', "terms")


def test_five_hundred_nested_parentheses():
    err = _raises_quickly("(" * 500 + "soviet" + ")" * 500, "nested more than")
    assert err.position == MAX_DEPTH


def test_deep_nesting_within_the_limit_parses():
    query = "(" * MAX_DEPTH + "soviet" + ")" * MAX_DEPTH
    assert parse(query) == Term(None, "soviet")


def test_five_hundred_unclosed_parentheses():
    _raises_quickly("(" * 500, "nested more than")


def test_long_not_chains():
    _raises_quickly("NOT " * 100 + "soviet", "too many NOT")
    _raises_quickly("-" * 1000 + "soviet", "too many NOT")


@pytest.mark.parametrize(
    "query", ["AND OR NOT", "OR", "NOT NOT", "()()()", ")(", ",,,", "~~~", ":::", "**", "- + ="]
)
def test_only_operators(query):
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    assert info.value.position is not None and info.value.hint


def test_control_characters_everywhere():
    for code in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [127]:
        with pytest.raises(QuerySyntaxError) as info:
            parse(f"soviet {chr(code)} grain")
        assert info.value.position == 7


def test_random_input_never_crashes():
    """Any string either parses (and round-trips) or is a QuerySyntaxError."""
    alphabet = list('abcXY19 ()"*~=-+:,.') + [
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "title:",
        "date:",
        "from:",
        "..",
        ">=",
        "é",
        "\t",
    ]
    rng = random.Random(4)
    parsed = 0
    for _ in range(3000):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        try:
            node = parse(query)
        except QuerySyntaxError as err:
            assert err.position is not None and 0 <= err.position <= len(query)
            assert err.hint
            continue
        parsed += 1
        assert parse(str(node)) == node, (query, str(node))
    assert parsed > 300  # the generator does produce valid queries too


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------


def test_tokens_carry_positions():
    toks = tokenize('title:"nuclear weapons"~2 -soviet')
    assert [(t.kind, t.text, t.pos) for t in toks] == [
        ("FIELD", "title", 0),
        ("PHRASE", "nuclear weapons", 6),
        ("MINUS", "-", 26),
        ("WORD", "soviet", 27),
        ("EOF", "", 33),
    ]
    assert toks[1].slop == 2


def test_commas_split_words_only_inside_near():
    assert [t.text for t in tokenize("Kissinger, Henry")][:2] == ["Kissinger,", "Henry"]
    kinds = [t.kind for t in tokenize("NEAR(a b,5)")]
    assert kinds == ["NEAR", "LPAREN", "WORD", "WORD", "COMMA", "WORD", "RPAREN", "EOF"]


def test_date_values_are_read_whole():
    toks = tokenize("date:>=1962-10-16 year:1969..1972)")
    assert [t.text for t in toks if t.kind == "WORD"] == [">=1962-10-16", "1969..1972"]


# --------------------------------------------------------------------------
# Real text from the corpus
# --------------------------------------------------------------------------


def _heads(corpus_dir, volume):
    from lxml import etree

    tei = "{http://www.tei-c.org/ns/1.0}"
    tree = etree.parse(
        str(corpus_dir / "frus" / f"{volume}.xml"),
        etree.XMLParser(collect_ids=False, huge_tree=True),
    )
    heads = []
    for div in tree.iter(tei + "div"):
        if div.get("type") == "document":
            head = div.find(tei + "head")
            if head is not None:
                head = copy.deepcopy(head)
                etree.strip_elements(
                    head, tei + "note", with_tail=False
                )  # footnotes out, text after them kept
                heads.append(" ".join("".join(head.itertext()).split()))
    return heads


@pytest.mark.parametrize("volume", ["frus1961-63v06", "frus1936v03", "frus1952-54Guat"])
def test_real_titles(corpus_dir, volume):
    """Titles typed or pasted as queries: as bare words they parse or fail
    with a located error; quoted, they always parse into a phrase of their
    words and print back to themselves."""
    heads = _heads(corpus_dir, volume)
    assert len(heads) > 100
    failures = 0
    for head in heads:
        try:
            node = parse(head)
            assert parse(str(node)) == node
        except QuerySyntaxError as err:
            failures += 1
            assert 0 <= err.position <= len(head) and err.hint
        quoted = '"' + head.replace("\\", "\\\\").replace('"', '\\"') + '"'
        node = parse(quoted)
        assert parse(str(node)) == node
        words = [w.rstrip("*") for w in head.split()]
        if isinstance(node, Phrase):
            assert list(node.words) == words
        else:
            assert isinstance(node, Term) and node.text == words[0]
    assert failures < len(heads) / 2  # most titles are fine as bare words


def test_real_query_with_every_construct():
    query = (
        '(title:"nuclear weapons" OR NEAR(test ban, 3)) from:"Department of State" '
        "-classification:=unclassified date:1962-10..1963-07 apparatus:no negotiat*"
    )
    node = roundtrip(query)
    assert str(node) == (
        '(title:"nuclear weapons" OR text:NEAR(test ban, 3)) AND from:"Department of State" '
        "AND NOT classification:=unclassified AND date:1962-10-01..1963-07-31 AND text:negotiat*"
    )
    assert re.search(r"text:negotiat\*$", str(node))


# --------------------------------------------------------------------------
# The user documentation says what the parser does
# --------------------------------------------------------------------------

DOC = (Path(__file__).resolve().parent.parent / "docs" / "search.md").read_text(encoding="utf-8")


def test_docs_canonical_examples():
    lines = [line for line in DOC.splitlines() if "→" in line and not line.startswith("|")]
    assert len(lines) >= 4
    for line in lines:
        query, shown = (part.strip() for part in line.split("→"))
        assert str(parse(query)) == shown, line


def test_docs_list_every_field():
    for name in FIELDS:
        assert f"`{name}:" in DOC, name


def test_docs_table_queries_parse():
    """Every query in the first column of the docs' tables parses, and the
    date table's expansions are what the parser makes."""
    queries = re.findall(r"^\| `([^`|]+)`", DOC, flags=re.M)
    assert len(queries) >= 25
    for query in queries:
        if query.endswith(":") or query == "( … )" or re.search(r"\bN\b", query):
            continue  # field names and placeholders, not queries
        if query.startswith("apparatus:"):
            query += " soviet"  # a switch needs something to search
        parse(query)
    assert str(parse("date:1970-10..1970-12")).removeprefix("date:") in DOC
    assert str(parse("date:1970-10")).removeprefix("date:") in DOC
