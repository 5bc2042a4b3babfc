"""Full-text search on real volumes: phrases, operators, exact totals, snippets, hostile queries.

Every claim about hits is checked against the stored documents themselves,
tokenized with the index's own analyzer, not against expected lists.
"""

from __future__ import annotations

import html
import re
import time

import pytest
from _corpus_fixtures import MODERN, small_corpus, small_db, small_paths  # noqa: F401

from frus.corpus import Corpus
from frus.errors import FrusError, NotFound, QuerySyntaxError
from frus.model import DocDate, Document, Block, Footnote, Inline, ParsedVolume, Volume
from frus.search.engine import MAX_QUERY_CHARS, tokenize
from frus.search.snippets import CHUNK_CHARS, find_matches, make_snippet
from frus.store.index import build_analyzer

ANALYZER = build_analyzer()


def tokens(text: str) -> list[str]:
    return ANALYZER.analyze(text)


def contains_phrase(text: str, phrase: str) -> bool:
    want, have = tokens(phrase), tokens(text)
    return any(have[i : i + len(want)] == want for i in range(len(have) - len(want) + 1))


def doc_texts(corpus: Corpus, doc_id: str) -> list[str]:
    doc = corpus.document(doc_id)
    return [doc.title, doc.body_text(), doc.notes_text()]


def all_docs(corpus: Corpus) -> list[Document]:
    return [d for v in corpus.volumes() for d in corpus.documents(v.id)]


def all_hits(corpus: Corpus, query: str):
    result = corpus.search(query, limit=1000)
    assert len(result.hits) == result.total
    return result


def strip_bold(snippet: str) -> str:
    return re.sub(r"</?b>", "", snippet)


# -- phrases and operators on the real volumes --------------------------------


@pytest.mark.parametrize("phrase", ["Committee on Public Information", "Mosquito Reservation", "Interests Section"])
def test_phrase_hits_really_contain_the_phrase(small_corpus, phrase):
    result = all_hits(small_corpus, f'"{phrase}"')
    assert result.total > 0
    for hit in result.hits:
        assert any(contains_phrase(t, phrase) for t in doc_texts(small_corpus, hit.id)), hit.id
    # and no document that contains it is missed
    expected = {d.id for d in all_docs(small_corpus) if any(contains_phrase(t, phrase) for t in (d.title, d.body_text(), d.notes_text()))}
    assert {h.id for h in result.hits} == expected


def test_a_phrase_is_narrower_than_its_words(small_corpus):
    words = small_corpus.search("Mosquito Reservation", limit=0).total
    phrase = small_corpus.search('"Mosquito Reservation"', limit=0).total
    assert 0 < phrase < words


def test_words_are_stemmed_and_all_required(small_corpus):
    docs = all_docs(small_corpus)
    result = all_hits(small_corpus, "negotiated Algiers")
    expected = {
        d.id
        for d in docs
        if {"negoti", "algier"} <= set(tokens(" ".join((d.title, d.body_text(), d.notes_text()))))
    }
    assert expected and {h.id for h in result.hits} == expected


def test_or_and_not(small_corpus):
    docs = {d.id: set(tokens(" ".join((d.title, d.body_text(), d.notes_text())))) for d in all_docs(small_corpus)}
    either = {h.id for h in all_hits(small_corpus, "Bluefields OR Boumediene").hits}
    assert either == {i for i, t in docs.items() if "bluefield" in t or "boumedien" in t}
    without = {h.id for h in all_hits(small_corpus, "Kissinger NOT Algeria").hits}
    assert without == {i for i, t in docs.items() if "kissing" in t and "algeria" not in t}
    dash = {h.id for h in all_hits(small_corpus, "Kissinger -Algeria").hits}
    assert dash == without
    grouped = {h.id for h in all_hits(small_corpus, "(Bluefields OR Boumediene) AND consul").hits}
    assert grouped == {i for i in either if "consul" in docs[i]}


def test_total_is_exact_and_pages_are_consistent(small_corpus):
    everything = all_hits(small_corpus, "president")
    assert everything.total > 25
    ids = [h.id for h in everything.hits]
    pages = []
    for offset in range(0, everything.total, 10):
        page = small_corpus.search("president", limit=10, offset=offset)
        assert page.total == everything.total
        pages.extend(h.id for h in page.hits)
    assert sorted(pages) == sorted(ids) and len(set(pages)) == len(pages)
    past = small_corpus.search("president", limit=10, offset=10_000_000)
    assert past.total == everything.total and past.hits == ()
    count_only = small_corpus.search("president", limit=0)
    assert count_only.total == everything.total and count_only.hits == ()


def test_title_matches_rank_first(small_corpus):
    result = small_corpus.search("Libya", limit=5)
    assert "Liby" in result.hits[0].title


def test_hits_carry_the_stored_metadata(small_corpus):
    hit = small_corpus.search('"Interests Section"', limit=1).hits[0]
    doc = small_corpus.document(hit.id)
    assert (hit.volume_id, hit.number, hit.title) == (doc.volume_id, doc.number, doc.title)
    assert (hit.date_min, hit.date_max) == (doc.date.min, doc.date.max)
    assert hit.score > 0


# -- snippets ---------------------------------------------------------------


def test_snippets_are_escaped_text_of_the_document_with_bold_matches(small_corpus):
    for query in ['"Orr & Laubenheimer"', "Kissinger", '"Committee on Public Information"', "propaganda film"]:
        result = small_corpus.search(query, limit=20)
        assert result.hits, query
        for hit in result.hits:
            assert "<b>" in hit.snippet, (query, hit.id)
            plain = strip_bold(hit.snippet)
            assert "<" not in plain and ">" not in plain
            source = dict(zip(("title", "body", "notes"), doc_texts(small_corpus, hit.id)))[hit.snippet_field]
            squeezed = " ".join(source.split())
            assert html.unescape(plain).strip("\u2026 ") in squeezed
            for bold in re.findall(r"<b>(.*?)</b>", hit.snippet):
                assert tokens(html.unescape(bold))  # whole words, not fragments of markup


def test_snippet_escapes_ampersands_of_real_text(small_corpus):
    hit = small_corpus.search('"Orr & Laubenheimer"', limit=1).hits[0]
    assert "<b>Orr &amp; Laubenheimer</b>" in hit.snippet


def test_a_phrase_is_highlighted_only_where_its_words_stand_together(small_corpus):
    for hit in small_corpus.search('"Mosquito Reservation"', limit=20).hits:
        for bold in re.findall(r"<b>(.*?)</b>", hit.snippet):
            assert tokens(html.unescape(bold)) == ["mosquito", "reserv"], hit.snippet


def test_snippet_falls_back_to_notes_when_only_the_notes_match(small_corpus):
    docs = all_docs(small_corpus)
    only_notes = next(
        d
        for d in docs
        if "stadi" in tokens(d.notes_text()) and "stadi" not in tokens(d.body_text() + " " + d.title)
    )
    hits = {h.id: h for h in all_hits(small_corpus, "Stadis").hits}
    assert hits[only_notes.id].snippet_field == "notes"
    assert "<b>Stadis</b>" in hits[only_notes.id].snippet


def test_snippet_unit_cases():
    text = 'Most of the favored nation; a <script>"most-favored-nation"</script> clause & more.'
    snippet = make_snippet(text, [("most", "favor", "nation")], ANALYZER)
    assert snippet.count("<b>") == 1
    assert "<b>most-favored-nation</b>" in snippet
    assert "&lt;script&gt;" in snippet and "&amp;" in snippet and "<script>" not in snippet
    assert make_snippet(text, [("treati",)], ANALYZER) is None
    spans = find_matches("Gromyko’s naïve résumé, Gromyko’s", [("gromyko",), ("naïv",)], ANALYZER)
    assert [(m.start, m.end) for m in spans] == [(0, 7), (10, 15), (24, 31)]


def test_a_phrase_across_a_chunk_boundary_is_found():
    prefix = "a " * ((CHUNK_CHARS - 6) // 2)
    text = prefix + "most favored nation " + "b " * 50_000
    [match] = find_matches(text, [("most", "favor", "nation")], ANALYZER)
    assert text[match.start : match.end] == "most favored nation"
    assert match.start < CHUNK_CHARS < match.end
    late = find_matches("c " * 60_000 + "needle", [("needl",)], ANALYZER)
    assert [m.start for m in late] == [120_000]


def test_snippet_picks_the_window_with_most_distinct_terms():
    filler = "lorem " * 200
    text = f"alpha {filler} alpha beta gamma {filler} beta"
    snippet = make_snippet(text, [("alpha",), ("beta",), ("gamma",)], ANALYZER)
    assert "<b>alpha</b> <b>beta</b> <b>gamma</b>" in snippet


# -- hostile and odd queries ------------------------------------------------


@pytest.mark.parametrize(
    ("query", "position"),
    [('"unclosed phrase', 0), ("(Kissinger", 0), ("Kissinger)", 9), ("Kissinger AND", 10), ("OR Kissinger", 0), ("()", 0)],
)
def test_syntax_errors_are_one_line_with_a_position(small_corpus, query, position):
    with pytest.raises(QuerySyntaxError) as info:
        small_corpus.search(query)
    assert info.value.position == position
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "query",
    ["O'Brien", "Note: Kissinger", "x^2", "[1969 TO 1970]", "{a}", "IN", "a - b", "U.S.", "NSC-68", "\u201cInterests Section\u201d", "\\"],
)
def test_accidental_grammar_is_taken_as_text(small_corpus, query):
    small_corpus.search(query)  # no error


@pytest.mark.parametrize("query", ["NOT Kissinger", "-Kissinger", "-(Kissinger Algeria)"])
def test_a_query_that_only_excludes_is_refused(small_corpus, query):
    with pytest.raises(QuerySyntaxError, match="every word is excluded"):
        small_corpus.search(query)


def test_punctuation_alone_adds_nothing(small_corpus):
    plain = small_corpus.search("Kissinger", limit=0).total
    for query in ("Kissinger !!!", "Kissinger –", 'Kissinger ""', "Kissinger ,"):
        assert small_corpus.search(query, limit=0).total == plain


def test_typographic_quotes_make_a_phrase(small_corpus):
    curly = small_corpus.search("\u201cInterests Section\u201d", limit=0).total
    assert curly == small_corpus.search('"Interests Section"', limit=0).total > 0


def test_absurd_queries_neither_hang_nor_crash(small_corpus):
    started = time.perf_counter()
    with pytest.raises(QuerySyntaxError, match="too long"):
        small_corpus.search("x" * 10_000)
    longest = " ".join(["nation"] * (MAX_QUERY_CHARS // 7))
    assert small_corpus.search(longest, limit=3).total > 0
    everything = small_corpus.search("*", limit=3)
    assert everything.total == sum(v.document_count for v in small_corpus.volumes())
    assert small_corpus.search("the of and to", limit=3).total > 0
    assert small_corpus.search("", limit=3).total == 0
    assert small_corpus.search("   ", limit=3).total == 0
    assert small_corpus.search('"!!!"', limit=3).total == 0
    assert time.perf_counter() - started < 10


def test_bad_paging_is_refused(small_corpus):
    with pytest.raises(FrusError):
        small_corpus.search("Kissinger", limit=-1)
    with pytest.raises(FrusError):
        small_corpus.search("Kissinger", limit=100_000)
    with pytest.raises(FrusError):
        small_corpus.search("Kissinger", offset=-5)


def test_tokenize_neutralises_grammar_people_type_by_accident():
    assert [t.text for t in tokenize("O'Brien Note: x")] == ["O\\'Brien", "Note\\:", "x"]
    assert [t.kind for t in tokenize('a -"b c" NOT (d)')] == ["word", "phrase", "op", "(", "word", ")"]
    assert [t.text for t in tokenize("a - b IN")] == ["a", "b", "in"]


# -- a hostile document, typed by hand (no real volume has markup in text) ----


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
        assert corpus.search("none", limit=1).hits[0].snippet_field == "notes"


# -- finding documents --------------------------------------------------------


def test_document_by_id_and_by_url(small_corpus):
    doc = small_corpus.document(f"{MODERN}/d5")
    assert doc.id == f"{MODERN}/d5"
    for ref in (
        f"https://history.state.gov/historicaldocuments/{MODERN}/d5",
        f"http://history.state.gov/historicaldocuments/{MODERN}/d5/",
        f"https://history.state.gov/historicaldocuments/{MODERN}/d5#fn1",
        f"  {MODERN}/d5 ",
    ):
        assert small_corpus.document(ref) == doc
    for ref in (f"{MODERN}/d99999", "nonsense", f"{MODERN}", "a/b/c"):
        with pytest.raises(NotFound):
            small_corpus.document(ref)
