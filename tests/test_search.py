"""Every operator and field of the query language, on real volumes.

Each query's hits are compared with the documents that really match it,
found by reading the stored documents with Tantivy's analyzers or their
extracted metadata (``_search_oracle``), and each test also names
documents known to match, so an empty oracle cannot make a test pass.
"""

from __future__ import annotations

import re

import pytest
from _corpus_fixtures import MODERN, OLD, PUBDIP, small_corpus, small_db, small_paths  # noqa: F401
from _search_oracle import contains, hit_ids, ids, load, stems, words

from frus.corpus import Corpus
from frus.errors import FrusError, NotFound, QuerySyntaxError
from frus.model import Block, DocDate, Document, Footnote, Inline, ParsedVolume, Volume

ALL = ("title", "body", "notes")


@pytest.fixture(scope="module")
def docs(small_corpus):
    return load(small_corpus)


@pytest.fixture(scope="module")
def search(small_corpus):
    return lambda query, **options: hit_ids(small_corpus, query, **options)


def keyword(value: str, query: str) -> bool:
    """The documented rule: the query's words, in order, as whole words of the value."""
    parts = re.findall(r"[^\W_]+", query.lower())
    pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, parts)) + r"(?![^\W_])"
    return re.search(pattern, value.lower()) is not None


# -- words -----------------------------------------------------------------------


def test_a_word_matches_all_its_forms(search, docs):
    expected = ids(docs, lambda d: d.has_stem("negotiations"))
    assert search("negotiations") == search("negotiating") == search("NEGOTIATE") == expected
    forms = {w for d in docs for t in d.texts() for w in words(t) if stems(w) == ["negoti"]}
    assert {"negotiations", "negotiate", "negotiated"} <= forms  # the forms really differ


def test_known_documents_are_found(search):
    assert f"{OLD}/d1" in search("Bluefields")
    assert f"{MODERN}/d1" in search("Qadhafi OR Boumediene OR Libya")
    assert f"{PUBDIP}/d2" in search('"Committee on Public Information"')


def test_exact_form(search, docs):
    expected = ids(docs, lambda d: any("negotiations" in words(t) for t in d.texts()))
    assert search("=negotiations") == search('"negotiations"') == search("=Negotiations") == expected
    assert expected and expected < search("negotiations")


def test_hyphenated_words_stand_side_by_side(search, docs):
    expected = ids(docs, lambda d: any(contains(stems(t), ["us", "soviet"]) for t in d.texts()))
    assert search("US-Soviet") == expected


def test_prefix(search, docs):
    expected = ids(docs, lambda d: d.has_prefix("bluef"))
    assert search("bluef*") == search("Bluef*") == expected
    assert f"{OLD}/d1" in expected
    assert search("xyzzyq*") == set()


def test_phrase(search, docs):
    for phrase in ("Mosquito Reservation", "Committee on Public Information", "Interests Section"):
        expected = ids(docs, lambda d: d.has_phrase(phrase))
        assert expected and search(f'"{phrase}"') == expected, phrase
    assert search('"Reservation Mosquito"') == ids(docs, lambda d: d.has_phrase("Reservation Mosquito"))


def test_phrase_prefix(search, docs):
    def has(d):
        for t in d.texts():
            w = words(t)
            if any(a == "mosquito" and b.startswith("reserv") for a, b in zip(w, w[1:])):
                return True
        return False

    assert search('"Mosquito Reserv*"') == ids(docs, has) != set()


def _gap_docs(docs, first: str, second: str, gaps: range, ordered: bool) -> set[str]:
    """Documents where the two stems stand with ``gaps`` words between them."""
    found = set()
    for d in docs:
        for t in d.texts():
            s = stems(t)
            at = {w: [i for i, x in enumerate(s) if x == w] for w in (stems(first)[0], stems(second)[0])}
            a, b = at.values()
            if any(j - i - 1 in gaps for i in a for j in b) or (
                not ordered and any(i - j - 1 in gaps for i in a for j in b)
            ):
                found.add(d.id)
    return found


def test_phrase_slop(search, docs):
    exact = search('"Mosquito Reservation"')
    one = search('"Mosquito Reservation"~1')
    assert exact <= one
    # one extra word between them costs 1 (docs/search.md)
    one_apart = {
        d.id for d in docs for t in d.texts() for w in [words(t)]
        if any(a == "mosquito" and c == "reservation" for a, c in zip(w, w[2:]))
    }
    assert one_apart <= one
    both = ids(docs, lambda d: any({"mosquito", "reservation"} <= set(words(t)) for t in d.texts()))
    assert one <= both


def test_near(search, docs):
    near = search("NEAR(Bluefields Mosquito, 3)")
    # within three words, in either order
    assert _gap_docs(docs, "Bluefields", "Mosquito", range(0, 4), ordered=False) <= near
    assert near <= ids(docs, lambda d: d.has_stem("Bluefields") and d.has_stem("Mosquito"))
    assert near == search("NEAR(Mosquito Bluefields, 3)") != set()
    ordered = search("NEAR(Mosquito Bluefields, 3, ordered)")
    assert _gap_docs(docs, "Mosquito", "Bluefields", range(0, 4), ordered=True) <= ordered <= near


# -- combining -------------------------------------------------------------------


def test_and_or_not_parentheses(search, docs):
    blue = ids(docs, lambda d: d.has_stem("Bluefields"))
    boum = ids(docs, lambda d: d.has_stem("Boumediene"))
    consul = ids(docs, lambda d: d.has_stem("consul"))
    kiss = ids(docs, lambda d: d.has_stem("Kissinger"))
    algeria = ids(docs, lambda d: d.has_stem("Algeria"))
    everything = {d.id for d in docs}
    assert search("Bluefields OR Boumediene") == blue | boum
    assert search("Bluefields consul") == search("Bluefields AND consul") == blue & consul
    assert search("Kissinger NOT Algeria") == search("Kissinger -Algeria") == kiss - algeria
    assert search("(Bluefields OR Boumediene) AND consul") == (blue | boum) & consul
    assert search("Bluefields consul OR Boumediene") == (blue & consul) | boum  # AND binds tighter
    assert search("NOT Kissinger") == everything - kiss
    assert search("-(Kissinger OR Algeria)") == everything - kiss - algeria
    assert kiss - algeria and blue & consul


# -- where the words are -------------------------------------------------------------


def test_text_fields(search, docs):
    assert search("title:telegram") == ids(docs, lambda d: d.has_stem("telegram", ("title",))) != set()
    assert search("body:Bluefields") == ids(docs, lambda d: d.has_stem("Bluefields", ("body",)))
    assert search("notes:Bluefields") == ids(docs, lambda d: d.has_stem("Bluefields", ("notes",)))
    assert search('notes:"National Archives"') == ids(docs, lambda d: d.has_phrase("National Archives", ("notes",)))
    assert search("text:Kissinger") == ids(docs, lambda d: d.has_stem("Kissinger", ("title", "body")))
    assert search("title:(telegram OR letter)") == ids(
        docs, lambda d: d.has_stem("telegram", ("title",)) or d.has_stem("letter", ("title",))
    )


def test_apparatus_switch_leaves_out_the_editors_notes(search, docs):
    with_notes = search("Kissinger")
    without = search("apparatus:no Kissinger")
    assert without == search("Kissinger", exclude_apparatus=True) == search("text:Kissinger")
    assert without == ids(docs, lambda d: d.has_stem("Kissinger", ("title", "body")))
    only_in_notes = with_notes - without
    assert only_in_notes and all(not d.has_stem("Kissinger", ("title", "body")) for d in docs if d.id in only_in_notes)
    assert search("apparatus:yes Kissinger", exclude_apparatus=True) == with_notes


# -- metadata --------------------------------------------------------------------------


def test_from_and_to(search, docs):
    assert search("from:Baker") == ids(docs, lambda d: any(keyword(v, "Baker") for v in d.senders())) != set()
    expected = ids(docs, lambda d: any(keyword(v, "Embassy in Libya") for v in d.recipients()))
    assert search('to:"Embassy in Libya"') == expected != set()
    assert search('to:"Libya Embassy"') == set()  # words in order
    assert search("to:Lib") == set() and search("to:Lib*") >= expected  # whole words, or a prefix


def test_person_by_name_and_by_id(search, docs, small_corpus):
    by_name = search('person:"Kissinger, Henry A."')
    assert by_name == ids(docs, lambda d: "Kissinger, Henry A." in d.person_names) != set()
    [kid] = [e.id for e in small_corpus.volume(MODERN).persons if e.name.startswith("Kissinger")]
    assert search(f"person:{kid}") == ids(docs, lambda d: kid in d.person_ids()) == by_name
    assert search("person:Kissinger") >= by_name


def test_type(search, docs):
    assert search("type:telegram") == ids(docs, lambda d: d.doc.type == "telegram") != set()
    assert search("type:=memcon") == search('type:"memorandum of conversation"') == ids(
        docs, lambda d: d.doc.type == "memcon"
    ) != set()
    assert search('type:"editorial note"') == ids(docs, lambda d: d.doc.type == "editorial-note")


def test_volume_and_subseries(search, docs):
    assert search(f"volume:{OLD}") == search(f"volume:{OLD.lower()}") == ids(docs, lambda d: d.doc.volume_id == OLD)
    assert search("volume:frus1969-76*") == ids(docs, lambda d: d.doc.volume_id.startswith("frus1969-76"))
    modern = ids(docs, lambda d: d.doc.volume_id == MODERN)
    assert search("subseries:1969-76") == search("subseries:1969-1976") == search("subseries:1969\u20131976") == modern
    assert search("subseries:1894") == ids(docs, lambda d: d.doc.volume_id == OLD)


def test_classification_caveat_repository_place(search, docs):
    level = lambda d: (d.doc.classification.level or "").lower()  # noqa: E731
    secret = search("classification:secret")
    assert secret == ids(docs, lambda d: level(d) in ("secret", "top secret")) != set()
    assert search("classification:=secret") == ids(docs, lambda d: level(d) == "secret") < secret
    assert search("caveat:nodis") == ids(docs, lambda d: "nodis" in [c.lower() for c in d.doc.classification.caveats]) != set()
    assert search('repository:"Ford Library"') == ids(
        docs, lambda d: d.doc.source is not None and d.doc.source.repository == "Ford Library"
    ) != set()
    assert search("place:Managua") == ids(docs, lambda d: keyword(d.doc.place or "", "Managua")) != set()
    assert search("place:Tripoli -type:telegram") == ids(
        docs, lambda d: keyword(d.doc.place or "", "Tripoli") and d.doc.type != "telegram"
    )


# -- dates: the overlap rule --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "lo", "hi"),
    [
        ("date:1894-03", 18940301, 18940331),
        ("date:1894-03-15..1894-04-02", 18940315, 18940402),
        ("year:1917..1918", 19170101, 19181231),
        ("date:>=1975-06-01", 19750601, None),
        ("date:<1918", None, 19171231),
        ("year:1950", 19500101, 19501231),
    ],
)
def test_dates_overlap(search, docs, query, lo, hi):
    expected = ids(docs, lambda d: d.overlaps(lo, hi))
    assert search(query) == expected
    assert expected


def test_a_range_dated_document_matches_every_period_it_may_belong_to(search, docs):
    ranged = [d for d in docs if d.span[0] and d.span[1] and d.span[1] - d.span[0] > 10000]
    assert ranged  # the Public Diplomacy editorial notes: 1917-01-01..1972-12-31
    doc = ranged[0]
    assert doc.id in search("year:1950") and doc.id in search("date:1972-12")
    assert doc.id not in search("date:1973..")


def test_undated_documents_match_no_date(search, docs):
    undated = ids(docs, lambda d: d.span[0] is None)
    assert undated and search("NOT date:1000..9999") == undated


def test_words_fields_and_dates_combine(search, docs):
    expected = ids(
        docs,
        lambda d: d.has_stem("Libya") and d.doc.type == "telegram" and d.overlaps(19730101, 19741231),
    )
    assert search("Libya type:telegram year:1973..1974") == expected != set()


# -- results: totals, pages, sorting ------------------------------------------------------------


def test_totals_are_exact_and_every_page_can_be_reached(small_corpus):
    everything = small_corpus.search("president", limit=1000, facets=False)
    assert everything.total == len(everything.hits) > 25
    pages = []
    for offset in range(0, everything.total, 7):
        page = small_corpus.search("president", limit=7, offset=offset, facets=False)
        assert page.total == everything.total
        pages.extend(h.id for h in page.hits)
    assert pages == [h.id for h in everything.hits]
    past = small_corpus.search("president", limit=10, offset=10_000_000)
    assert past.total == everything.total and past.hits == ()


@pytest.mark.parametrize("sort", ["date-asc", "date-desc"])
def test_sort_by_date(small_corpus, docs, sort):
    result = small_corpus.search("Nicaragua OR Libya", limit=1000, sort=sort, facets=False)
    keys = [h.date_min for h in result.hits]
    dated = [k for k in keys if k]
    assert dated == sorted(dated, reverse=sort == "date-desc")
    assert keys[len(dated):] == [None] * (len(keys) - len(dated))  # undated last, either way
    assert all(h.score == 0.0 for h in result.hits)
    paged = [h.id for o in range(0, result.total, 9) for h in small_corpus.search(
        "Nicaragua OR Libya", limit=9, offset=o, sort=sort, facets=False).hits]
    assert paged == [h.id for h in result.hits]
    assert small_corpus.search("Libya", sort="newest", limit=3).sort == "date-desc"
    with pytest.raises(FrusError, match="unknown sort"):
        small_corpus.search("Libya", sort="alphabetical")


def test_relevance_puts_title_matches_first(small_corpus):
    assert "Liby" in small_corpus.search("Libya", limit=1).hits[0].title


def test_hits_carry_the_stored_metadata(small_corpus):
    result = small_corpus.search('"Interests Section"', limit=5)
    for hit in result.hits:
        doc = small_corpus.document(hit.id)
        assert (hit.volume_id, hit.number, hit.title) == (doc.volume_id, doc.number, doc.title)
        assert (hit.date_min, hit.date_max) == (doc.date.min, doc.date.max)
        assert hit.score > 0
    assert result.parsed == '"Interests Section"' and result.sort == "relevance"


# -- what did not match, and what could not be read ------------------------------------------------


def test_a_term_that_matches_nothing_is_named(small_corpus):
    result = small_corpus.search("Kissinger xyzzyq", limit=3)
    assert result.total == 0 and any("xyzzyq" in w for w in result.warnings)
    assert not any("Kissinger" in w for w in result.warnings)
    either = small_corpus.search("Kissinger OR xyzzyq", limit=3)
    assert either.total > 0 and any("xyzzyq" in w for w in either.warnings)
    phrase = small_corpus.search('"Reservation Kissinger"', limit=0)
    assert phrase.total == 0 and phrase.warnings == ('"Reservation Kissinger" matches no document',)
    assert any("from:" in w for w in small_corpus.search("from:Nobodyxyz", limit=0).warnings)
    together = small_corpus.search("Bluefields Qadhafi", limit=0)
    assert together.total == 0 and "all together" in together.warnings[0]
    assert small_corpus.search("Bluefields", limit=0).warnings == ()


@pytest.mark.parametrize(
    ("query", "position", "hint"),
    [
        ('"unclosed phrase', 0, '"'),
        ("(Kissinger", 0, ")"),
        ("Kissinger)", 9, "("),
        ("Kissinger AND", 13, "word"),
        ("OR Kissinger", 0, "word"),
        ("author:Kennan", 0, "title:"),
        ("NEAR(test ban)", 13, "NEAR(word word, 5)"),
        ("date:1970-13", 10, "month"),
    ],
)
def test_syntax_errors_say_where_and_what_was_expected(small_corpus, query, position, hint):
    with pytest.raises(QuerySyntaxError) as info:
        small_corpus.search(query)
    assert info.value.position == position
    assert hint in info.value.hint
    assert "\n" not in str(info.value)


def test_an_empty_query_is_an_error_unless_filters_give_the_scope(small_corpus, docs):
    with pytest.raises(QuerySyntaxError, match="empty"):
        small_corpus.search("   ")
    result = small_corpus.search("", filters={"type": ["telegram"]}, limit=0)
    assert result.total == len(ids(docs, lambda d: d.doc.type == "telegram"))


@pytest.mark.parametrize("query", ["O'Brien", "U.S.", "NSC-68", "x^2", "[1969 TO 1970]", "{a}", "IN", "\u201cInterests Section\u201d"])
def test_punctuation_people_type_is_text(small_corpus, query):
    small_corpus.search(query, limit=1)  # no error


def test_bad_options_are_refused(small_corpus):
    for options in ({"limit": -1}, {"limit": 100_000}, {"offset": -5}, {"facet_limit": -1}, {"facets": ["colour"]}):
        with pytest.raises(FrusError):
            small_corpus.search("Kissinger", **options)


# -- a hostile document, typed by hand (no real volume has markup in text) -----------------------


def test_markup_in_a_document_is_escaped_in_its_snippet(tmp_path):
    body = (Block("paragraph", (Inline("text", 'The <script>alert("x")</script> treaty & its <b>annex</b>.'),)),)
    doc = Document(
        "vx/d1", "vx", "d1", "1", "A <i>title</i>", date=DocDate(), body=body,
        footnotes=(Footnote("d1fn1", "1", "Source: <none>."),),
    )
    with Corpus.open(tmp_path / "frus.db") as corpus:
        corpus.add_volume(ParsedVolume(Volume("vx", "Hostile"), (doc,)))
        hit = corpus.search("treaty", limit=1).hits[0]
        assert hit.snippet == (
            "The &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <b>treaty</b> &amp; its &lt;b&gt;annex&lt;/b&gt;."
        )
        note = corpus.search("none", limit=1).hits[0]
        assert (note.snippet_field, note.snippet_note) == ("notes", "1")


# -- finding documents --------------------------------------------------------------------------


def test_document_by_id_and_by_url(small_corpus):
    doc = small_corpus.document(f"{MODERN}/d5")
    assert doc.id == f"{MODERN}/d5"
    for ref in (
        f"https://history.state.gov/historicaldocuments/{MODERN}/d5",
        f"http://history.state.gov/historicaldocuments/{MODERN}/d5/",
        f"  {MODERN}/d5 ",
    ):
        assert small_corpus.document(ref) == doc
    for ref in (f"{MODERN}/d99999", "nonsense", "a/b/c"):
        with pytest.raises(NotFound):
            small_corpus.document(ref)
