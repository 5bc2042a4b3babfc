"""The compiler, run against a real Tantivy index of real FRUS documents.

``tests/data/querylang/documents.json`` holds 24 documents copied from the
shared corpus (titles, paragraphs, footnotes, with their real metadata; see
``make_fixture.py`` there).  The index built here follows the target schema
the compiler is written for (``compile.TEXT_TARGETS`` etc.).  Each test
states the exact set of documents a query must return and, where it can,
checks that set against the text itself with a regular expression, so a
wrong analyzer or a wrong operator cannot pass by accident.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import tantivy

from frus.errors import QuerySyntaxError, StoreError
from frus.search.compile import (
    KEYWORD_TARGETS,
    MAX_PREFIX_TERMS,
    analyze,
    compile_query,
    expand_prefix,
    highlight_terms,
    indexed_terms,
    keyword_form,
    matching_values,
)
from frus.search.querylang import DateFilter, Term, parse

V12 = "frus1969-76v12/"


@pytest.fixture(scope="module")
def docs(data_dir):
    return json.loads((data_dir / "querylang" / "documents.json").read_text(encoding="utf-8"))


def build_schema(skip: tuple[str, ...] = ()) -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in ("title", "body", "notes"):
        sb.add_text_field(name, tokenizer_name="en_stem", index_option="position")
        sb.add_text_field(name + "_exact", tokenizer_name="default", index_option="position")
    for name in KEYWORD_TARGETS.values():
        if name not in skip:
            sb.add_text_field(name, tokenizer_name="raw")
    for name in ("date_min", "date_max", "year"):
        sb.add_integer_field(name, fast=True, indexed=True)
    return sb.build()


def build_index(path, docs, skip: tuple[str, ...] = ()) -> tantivy.Index:
    schema = build_schema(skip)
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=15_000_000, num_threads=1)
    for d in docs:
        doc = tantivy.Document()
        doc.add_text("id", d["id"])
        for name in ("title", "body"):
            doc.add_text(name, d[name])
            doc.add_text(name + "_exact", d[name])
        for note in d["notes"]:
            doc.add_text("notes", note)
            doc.add_text("notes_exact", note)
        for name in (
            "from",
            "to",
            "person",
            "place",
            "classification",
            "repository",
            "type",
            "volume",
            "subseries",
        ):
            values = d[name] if isinstance(d[name], list) else [d[name]] if d[name] else []
            if name not in skip:
                for value in values:
                    doc.add_text(name, keyword_form(value))
        if d["date_min"]:
            doc.add_integer("date_min", int(d["date_min"].replace("-", "")))
            doc.add_integer("date_max", int(d["date_max"].replace("-", "")))
            doc.add_integer("year", int(d["date_min"][:4]))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


@pytest.fixture(scope="module")
def index(tmp_path_factory, docs):
    return build_index(tmp_path_factory.mktemp("querylang-index"), docs)


@pytest.fixture(scope="module")
def search(index):
    def run(query: str, **options) -> set[str]:
        searcher = index.searcher()
        result = searcher.search(compile_query(parse(query, **options), index), limit=100)
        ids = {searcher.doc(address)["id"][0] for _, address in result.hits}
        assert result.count == len(ids)
        return ids

    return run


@pytest.fixture(scope="module")
def grep(docs):
    """Documents whose text matches a regular expression (the oracle)."""

    def run(pattern: str, fields=("title", "body", "notes")) -> set[str]:
        rx = re.compile(pattern, re.IGNORECASE)
        found = set()
        for d in docs:
            text = "\n".join(d[f] if f != "notes" else "\n".join(d["notes"]) for f in fields)
            if rx.search(text):
                found.add(d["id"])
        return found

    return run


@pytest.fixture(scope="module")
def all_ids(docs):
    return {d["id"] for d in docs}


def test_fixture_is_real_and_varied(docs):
    assert len(docs) == 24
    assert len({d["volume"] for d in docs}) == 12
    assert sum(1 for d in docs if d["date_min"] is None) == 2
    assert any(d["date_min"] != d["date_max"] for d in docs)


# --------------------------------------------------------------------------
# Analysis: the compiler's analyzers are the index's
# --------------------------------------------------------------------------


def test_analyzers_match_the_index(index, docs):
    """Every stem and exact form the compiler produces for a document's
    words is a term the index holds for that field."""
    searcher = index.searcher()
    d = next(d for d in docs if d["id"] == V12 + "d58")
    for exact, field in ((False, "body"), (True, "body_exact")):
        for token in set(analyze(d["body"], exact=exact)):
            assert searcher.doc_freq(field, token) >= 1, (field, token)


def test_stemming_examples():
    assert analyze("negotiations Negotiating negotiated") == ["negoti"] * 3
    assert analyze("Negotiations", exact=True) == ["negotiations"]
    assert analyze("US–Soviet") == ["us", "soviet"]
    assert analyze("Kissinger") == ["kissing"]  # Snowball is not a name dictionary


# --------------------------------------------------------------------------
# Words: stemmed vs exact
# --------------------------------------------------------------------------

NEGOTI = r"\bnegotiat(e|ed|es|ing|ion|ions)\b"


def test_stemmed_word_matches_every_form(search, grep):
    expected = grep(NEGOTI)
    assert search("negotiations") == expected == search("negotiating") == search("NEGOTIATE")
    assert len(expected) == 9


def test_exact_word_matches_only_that_form(search, grep):
    expected = grep(r"\bnegotiations\b")
    assert (
        search("=negotiations") == expected == search('"negotiations"') == search("=Negotiations")
    )
    assert len(expected) == 7


def test_exact_and_stemmed_differ(search):
    only_stemmed = search("negotiations") - search("=negotiations")
    # d26 says "negotiate", d41 has "negotiating" in a footnote
    assert only_stemmed == {V12 + "d26", V12 + "d41"}


def test_hyphenated_word_is_a_phrase(search, grep):
    assert (
        search("US-Soviet")
        == grep(r"\bUS[-–]Soviet\b")
        == {
            V12 + "d26",
            V12 + "d58",
            "frus1955-57v25/d10",
        }
    )


# --------------------------------------------------------------------------
# Phrases, proximity, prefixes
# --------------------------------------------------------------------------


def test_phrase_really_contains_the_phrase(search, grep):
    both = search("national security")
    phrase = search('"national security"')
    assert phrase == grep(r"\bnational\W+security\b")
    assert both - phrase == {V12 + "d58"}  # both words, never side by side


def test_phrase_is_exact_form(search, grep):
    assert search('"strategic arms"') == grep(r"\bstrategic\W+arms\b")
    assert search('"strategic arm"') == set()


def test_phrase_slop(search):
    # d10: "… as we move from confrontation to negotiation."
    assert search('"move negotiation"') == set()
    assert search('"move negotiation"~2') == set()
    assert search('"move negotiation"~3') == {V12 + "d10"}


def test_near_is_unordered_and_stemmed(search):
    # d120: "moves in the Middle East negotiations"; d10: "move from confrontation to negotiation"
    assert search("NEAR(negotiations moves, 4)") == {V12 + "d10", V12 + "d120"}
    assert search("NEAR(moves negotiations, 4)") == {V12 + "d10", V12 + "d120"}
    assert search("NEAR(negotiations moves, 3)") == {V12 + "d10"}
    assert search("NEAR(weapons nuclear, 0)") == {"frus1961-63v06/d86"}
    assert search('"weapons nuclear"') == set()


def test_near_ordered(search):
    assert search("NEAR(moves negotiations, 4, ordered)") == {V12 + "d10", V12 + "d120"}
    assert search("NEAR(negotiations moves, 4, ordered)") == set()


def test_near_three_words(search, grep):
    # d58 note: "Middle East Negotiations"; d120: "Middle East negotiations"
    assert search("NEAR(negotiations east middle, 0)") == grep(r"\bmiddle east negotiations\b")
    assert len(grep(r"\bmiddle east negotiations\b")) == 2


def test_prefix_uses_exact_forms(search, grep):
    assert search("negotiat*") == grep(r"\bnegotiat\w*")
    assert search("negotiati*") == grep(r"\bnegotiati\w*")  # not "negotiate"
    assert V12 + "d26" not in search("negotiati*")
    assert search("xyzzy*") == set()


def test_phrase_prefix(search, grep):
    assert search('"nuclear weap*"') == grep(r"\bnuclear\W+weap\w*")
    assert (
        search('"strategic offens*"') == grep(r"\bstrategic\W+offens\w*") == {"frus1969-76v33/d39"}
    )


def test_prefix_expansion_is_bounded(index):
    searcher = index.searcher()
    terms, cut = expand_prefix(searcher, "body_exact", "s")
    assert not cut and all(t.startswith("s") for t in terms)
    terms, cut = expand_prefix(searcher, "body_exact", "s", limit=5)
    assert cut and len(terms) == 5
    assert MAX_PREFIX_TERMS >= 50


# --------------------------------------------------------------------------
# Boolean operators
# --------------------------------------------------------------------------


def test_not_really_excludes(search, grep, all_ids):
    soviet = grep(r"\bsoviets?\b")
    assert search("negotiations -soviet") == grep(NEGOTI) - soviet
    assert search("negotiations NOT soviet") == search("negotiations -soviet")
    assert search("-soviet") == all_ids - soviet
    assert search("NOT soviet") == all_ids - soviet


def test_and_or_parentheses(search, grep):
    atomic, explosives = grep(r"\batomic\b"), grep(r"\bexplosives?\b")
    assert search("atomic OR explosives") == atomic | explosives
    assert search("atomic explosives") == atomic & explosives == set()
    assert search("(atomic OR explosives) Kissinger") == (atomic | explosives) & grep(
        r"\bkissinger\b"
    )
    assert search("nuclear (atomic OR explosives)") == grep(r"\bnuclear\b") & (atomic | explosives)


def test_or_with_not(search, grep, all_ids):
    assert search("atomic OR -soviet") == grep(r"\batomic\b") | (all_ids - grep(r"\bsoviets?\b"))


def test_precedence_and_before_or(search, grep):
    assert search("soviet grain OR telegram") == (
        grep(r"\bsoviets?\b") & grep(r"\bgrain\b")
    ) | grep(r"\btelegrams?\b")


# --------------------------------------------------------------------------
# Text fields and the apparatus switch
# --------------------------------------------------------------------------


def test_text_fields(search, grep):
    in_notes = grep(NEGOTI, fields=("notes",))
    assert search("notes:negotiating") == in_notes
    assert V12 + "d41" in in_notes and in_notes != grep(NEGOTI)
    assert search("body:negotiating") == grep(NEGOTI, fields=("body",))
    assert search("title:telegram") == grep(r"\btelegram\b", fields=("title",))
    assert search("title:(telegram OR letter)") == grep(r"\b(telegram|letter)\b", fields=("title",))


def test_apparatus_switch(search, grep):
    with_notes = search("negotiating")
    without = search("apparatus:no negotiating")
    assert without == grep(NEGOTI, fields=("title", "body"))
    assert with_notes - without == {V12 + "d41"}  # only a footnote of d41 has the word
    assert search("negotiating", exclude_apparatus=True) == without
    assert search("apparatus:yes negotiating", exclude_apparatus=True) == with_notes
    assert search("text:negotiating") == without


def test_source_note_words_are_apparatus(search):
    # "Library of Congress" is only ever in source notes
    assert search('"library of congress"') == {V12 + "d10", "frus1969-76v33/d39"}
    assert search('apparatus:no "library of congress"') == set()


def test_title_is_boosted(index, docs):
    """A word in the title counts double: titled telegrams outrank the rest."""
    searcher = index.searcher()
    hits = searcher.search(compile_query(parse("telegram"), index), limit=100).hits
    ranked = [searcher.doc(address)["id"][0] for _, address in hits]
    titled = {d["id"] for d in docs if re.search(r"\btelegram\b", d["title"], re.I)}
    assert len(titled) >= 3 and len(ranked) > len(titled)
    assert set(ranked[: len(titled)]) == titled


# --------------------------------------------------------------------------
# Keyword fields
# --------------------------------------------------------------------------


def _meta(docs, field, pred) -> set[str]:
    out = set()
    for d in docs:
        values = d[field] if isinstance(d[field], list) else [d[field]] if d[field] else []
        if any(pred(v.lower()) for v in values):
            out.add(d["id"])
    return out


def test_keyword_words_in_order(search, docs):
    assert (
        search('to:"soviet union"')
        == _meta(docs, "to", lambda v: "soviet union" in v)
        == {V12 + "d58"}
    )
    assert search('to:"union soviet"') == set()
    assert search("from:Rogers") == _meta(docs, "from", lambda v: "rogers" in v)
    assert search("to:Kissinger") == {V12 + "d26", V12 + "d41"}


def test_keyword_whole_words_only(search):
    assert search("to:Kiss") == set()
    assert search("to:Kiss*") == {V12 + "d26", V12 + "d41"}


def test_person_by_name_or_id(search, docs):
    by_name = search('person:"Kissinger, Henry A."')
    assert by_name == _meta(docs, "person", lambda v: v == "kissinger, henry a.")
    # ids are volume-local: v33 writes p_KHA_1, the other volumes p_KHA1
    assert search("person:p_KHA1") == by_name - {"frus1969-76v33/d39", "frus1969-76v33/d86"}
    assert search("person:p_KHA_1") == {"frus1969-76v33/d39", "frus1969-76v33/d86"}


def test_keyword_exact_value(search, docs):
    secret = search("classification:secret")
    exactly = search("classification:=secret")
    assert exactly == _meta(docs, "classification", lambda v: v == "secret")
    assert secret - exactly == _meta(docs, "classification", lambda v: v == "top secret")
    assert search("type:=telegram") == _meta(docs, "type", lambda v: v == "telegram")
    assert search("type:memorandum") == _meta(docs, "type", lambda v: "memorandum" in v)
    assert search('type:="Memorandum   of Conversation"') == {"frus1964-68v17/d130"}


def test_volume_subseries_repository_place(search, docs):
    assert search("volume:frus1969-76v12") == {
        d["id"] for d in docs if d["volume"] == "frus1969-76v12"
    }
    assert search("volume:frus1969-76*") == {
        d["id"] for d in docs if d["volume"].startswith("frus1969-76")
    }
    sub = {d["id"] for d in docs if d["subseries"] == "1969-76"}
    assert (
        search("subseries:1969-76")
        == sub
        == search("subseries:1969-1976")
        == search("subseries:1969–1976")
    )
    assert search('repository:"library of congress"') == {V12 + "d10", "frus1969-76v33/d39"}
    assert search('place:paris OR place:"the hague"') == {"frus1936v03/d3", "frus1917Supp02v02/d4"}
    assert search('place:"place not declassified"') == {"frus1952-54Guat/d88"}


def test_keyword_group_and_negation(search, docs):
    assert search("from:(Rogers OR Dulles)") == _meta(
        docs, "from", lambda v: "rogers" in v or "dulles" in v
    )
    telegrams = _meta(docs, "type", lambda v: v == "telegram")
    assert search('type:=telegram -from:"secretary of state"') == telegrams - _meta(
        docs, "from", lambda v: "secretary of state" in v
    )


def test_matching_values_lists_stored_values(index):
    searcher = index.searcher()
    assert matching_values(searcher, "type", "memorandum conversation") == []
    assert matching_values(searcher, "type", "Of  Conversation") == ["memorandum of conversation"]
    assert sorted(matching_values(searcher, "type", "conv", prefix=True)) == [
        "memorandum of conversation",
        "memorandum of telephone conversation",
        "transcript of telephone conversation",
    ]


# --------------------------------------------------------------------------
# Dates: the overlap rule
# --------------------------------------------------------------------------


def _overlap(docs, lo: str | None, hi: str | None) -> set[str]:
    out = set()
    for d in docs:
        if d["date_min"] is None:
            continue
        if (hi is None or d["date_min"] <= hi) and (lo is None or d["date_max"] >= lo):
            out.add(d["id"])
    return out


@pytest.mark.parametrize(
    "query,lo,hi",
    [
        ("date:1970-10..1970-12", "1970-10-01", "1970-12-31"),
        ("date:1962-12-22", "1962-12-22", "1962-12-22"),
        ("date:>=1962-10-16", "1962-10-16", None),
        ("date:<1963", None, "1962-12-31"),
        ("date:1967", "1967-01-01", "1967-12-31"),
        ("year:1970", "1970-01-01", "1970-12-31"),
        ("year:1969..1972", "1969-01-01", "1972-12-31"),
        ("year:<1950", None, "1949-12-31"),
        ("date:1954-01-30", "1954-01-30", "1954-01-30"),
    ],
)
def test_date_filters_follow_the_overlap_rule(search, docs, query, lo, hi):
    expected = _overlap(docs, lo, hi)
    assert search(query) == expected
    assert expected  # every case selects something


def test_partial_dates_and_ranges_overlap(search):
    month_doc = "frus1964-68v10/d179"  # dated "May 1967": 1967-05-01..1967-05-31
    assert month_doc in search("date:1967-05-15")
    assert month_doc in search("date:1967-05")
    assert month_doc not in search("date:1967-06")
    two_days = "frus1964-68v17/d130"  # December 13 and 14, 1967
    assert two_days in search("date:1967-12-14")
    assert two_days in search("date:<1967-12-14")  # it began on the 13th
    assert two_days in search("date:>1967-12-13")  # it ended on the 14th
    assert two_days not in search("date:>1967-12-14")
    assert search("date:1970-10..1970-12") == {V12 + "d229", "frus1969-76v19p1/d78"}
    assert "frus1969-76v19p1/d72" not in search("date:1970-10..1970-12")  # September 22


def test_undated_documents_never_match_a_date(search, docs, all_ids):
    undated = {d["id"] for d in docs if d["date_min"] is None}
    assert search("date:1000..9999") == all_ids - undated
    assert search("NOT date:1000..9999") == undated


def test_dates_combine_with_words(search, grep, docs):
    assert search("negotiations year:1970") == grep(NEGOTI) & _overlap(
        docs, "1970-01-01", "1970-12-31"
    )


# --------------------------------------------------------------------------
# indexed_terms: what --explain shows
# --------------------------------------------------------------------------


def test_indexed_terms_without_an_index():
    node = parse(
        'negotiations =Negotiations "nuclear weap*" negotiat* '
        'from:"Soviet Union" type:=telegram date:1970'
    )
    terms = indexed_terms(node)
    assert terms[:3] == [("title", "negoti"), ("body", "negoti"), ("notes", "negoti")]
    assert ("body_exact", "negotiations") in terms
    assert ("body_exact", "nuclear") in terms and ("body_exact", "weap*") in terms
    assert ("notes_exact", "negotiat*") in terms
    assert ("from", "*soviet union*") in terms
    assert ("type", "telegram") in terms
    assert not any(field.startswith("date") for field, _ in terms)


def test_indexed_terms_follow_the_apparatus_switch():
    fields = {field for field, _ in indexed_terms(parse("apparatus:no soviet"))}
    assert fields == {"title", "body"}


def test_indexed_terms_with_an_index_are_countable(index):
    node = parse("negotiat* to:kissinger -soviet")
    terms = indexed_terms(node, index)
    searcher = index.searcher()
    assert ("body_exact", "negotiations") in terms and ("notes_exact", "negotiating") in terms
    assert ("to", "kissinger, henry a.") in terms
    assert all(searcher.doc_freq(field, term) >= 1 for field, term in terms if field != "title")
    assert not any(term.endswith("*") for _, term in terms)


# --------------------------------------------------------------------------
# Errors from the compiler
# --------------------------------------------------------------------------


def test_index_without_a_field_is_a_store_error(tmp_path, docs):
    small = build_index(tmp_path, docs[:3], skip=("place",))
    with pytest.raises(StoreError) as info:
        compile_query(parse("place:paris"), small)
    assert "'place'" in str(info.value) and "reindex" in str(info.value)


def test_nothing_to_search_is_a_syntax_error(index):
    with pytest.raises(QuerySyntaxError):
        compile_query(Term(None, "§§"), index)


def test_date_filter_without_bounds_means_dated(index, docs):
    # the parser never makes one; built by hand it selects the dated documents
    searcher = index.searcher()
    result = searcher.search(compile_query(DateFilter(None, None), index), limit=100)
    assert result.count == sum(1 for d in docs if d["date_min"])
    q = compile_query(DateFilter(dt.date(1970, 1, 1), None), index)
    assert searcher.search(q, limit=100).count == len(_overlap(docs, "1970-01-01", None))


# --------------------------------------------------------------------------
# highlight_terms: what a snippet marks
# --------------------------------------------------------------------------


def test_highlight_terms_skip_negated_words(index):
    node = parse(
        'negotiations "Middle East" -soviet NOT (grain OR wheat) NEAR(arms control, 3) from:Rogers'
    )
    assert highlight_terms(node) == (("negoti",), ("middl", "east"), ("arm",), ("control",))


def test_highlight_terms_expand_prefixes_with_an_index(index):
    assert highlight_terms(parse("negotiati*")) == ()
    marks = highlight_terms(
        parse("negotiati* NOT NOT soviet"), index
    )  # double negation is positive
    assert ("negoti",) in marks and ("soviet",) in marks


def test_highlight_terms_phrase_prefix(index):
    marks = highlight_terms(parse('"strategic offens*"'), index)
    assert ("strateg", "offens") in marks
