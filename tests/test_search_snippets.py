"""Snippets that show exactly what matched, from the field and footnote that matched.

The matcher re-reads stored text the way the index read it; the first
tests pin that equivalence on every document of the test corpus against
Tantivy's own analyzer.  The others check, on real hits, that every bold
span is something the query really matched there: a phrase only where
its words stand together, a proximity match only within its distance, a
field-bound word only in its field.
"""

from __future__ import annotations

import html
import re

import pytest
import tantivy
from _corpus_fixtures import small_corpus, small_db, small_paths  # noqa: F401
from _search_oracle import load, stems, words

from frus.search.matcher import Unit, find, patterns_of
from frus.search.querylang import parse
from frus.search.snippets import SNIPPET_CHARS, WHOLE_CHARS, Span, find_spans, fragment
from frus.search.matcher import Scanner
from frus.search.textscan import stem, tokenize

TANTIVY = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .build()
)


@pytest.fixture(scope="module")
def docs(small_corpus):
    return load(small_corpus)


def bold(snippet: str) -> list[str]:
    return [html.unescape(b) for b in re.findall(r"<b>(.*?)</b>", snippet)]


def plain(snippet: str) -> str:
    return html.unescape(re.sub(r"</?b>", "", snippet)).strip("\u2026 ")


# -- the matcher reads text as the index does -------------------------------------------------


def test_tokens_are_tantivys_tokens_on_every_real_document(docs):
    checked = 0
    for d in docs:
        for text in d.texts():
            ours = tokenize(text)
            theirs = TANTIVY.pre_tokenize(text).tokens
            kept = [(p, w, s, e) for p, (w, s, e) in enumerate(zip(ours.words, ours.starts, ours.ends)) if w]
            assert [(t.position, t.text, t.char_offset_from, t.char_offset_to) for t in theirs] == kept, d.id
            checked += len(kept)
    assert checked > 200_000


def test_every_word_of_the_corpus_starts_with_a_needle_of_its_stem(docs):
    vocabulary = {w for d in docs for t in d.texts() for w in tokenize(t).words if w}
    assert len(vocabulary) > 10_000
    for word in vocabulary:
        unit = Unit("stem", stem(word))
        assert any(word.startswith(n) for n in unit.needles()), (word, unit)
        assert stem(word) == (stems(word) or [""])[0]


# -- what is marked ---------------------------------------------------------------------


def test_a_phrase_is_marked_only_where_its_words_stand_together(small_corpus):
    result = small_corpus.search('"Mosquito Reservation"', limit=50)
    assert result.total > 5
    for hit in result.hits:
        marks = bold(hit.snippet)
        assert marks, hit.id
        assert all(words(m) == ["mosquito", "reservation"] for m in marks), (hit.id, marks)


def test_a_proximity_match_marks_its_words_within_reach(small_corpus):
    result = small_corpus.search("NEAR(Bluefields Mosquito, 3)", limit=50)
    assert result.total > 0
    for hit in result.hits:
        marks = bold(hit.snippet)
        assert {stems(m)[0] for m in marks} <= {"bluefield", "mosquito"}
        text = plain(hit.snippet)
        # the two marked words of a match stand at most 3 words apart
        w = [stems(x)[0] if stems(x) else "" for x in words(text)]
        pairs = [(i, j) for i, a in enumerate(w) for j, b in enumerate(w) if {a, b} == {"bluefield", "mosquito"}]
        assert any(abs(i - j) - 1 <= 3 for i, j in pairs), (hit.id, text)


def test_a_word_is_marked_only_in_the_field_it_searched(small_corpus, docs):
    by_id = {d.id: d for d in docs}
    for hit in small_corpus.search("notes:Bluefields", limit=50).hits:
        assert hit.snippet_field == "notes" and hit.snippet_note
        note = next(n for n in by_id[hit.id].doc.footnotes if n.n == hit.snippet_note and "luefield" in n.text)
        assert plain(hit.snippet) in " ".join(note.text.split())
    for hit in small_corpus.search("title:telegram body:Bluefields", limit=50).hits:
        if hit.snippet_field == "body":
            assert all(stems(m) == ["bluefield"] for m in bold(hit.snippet)), hit.snippet


def test_the_snippet_says_which_footnote_it_comes_from(small_corpus, docs):
    only_in_notes = small_corpus.search("Kissinger", limit=200).hits
    noted = [h for h in only_in_notes if h.snippet_field == "notes"]
    assert noted
    by_id = {d.id: d for d in docs}
    for hit in noted:
        footnotes = [n for n in by_id[hit.id].doc.footnotes if n.n == hit.snippet_note]
        assert any(plain(hit.snippet) in " ".join(n.text.split()) for n in footnotes), hit.id
        assert not by_id[hit.id].has_stem("Kissinger", ("body",)), hit.id  # the body would have been preferred


def test_snippets_are_escaped_text_of_their_field(small_corpus, docs):
    by_id = {d.id: d for d in docs}
    for query in ['"Orr & Laubenheimer"', "Kissinger", '"Committee on Public Information"', "propaganda film", "Libya*"]:
        result = small_corpus.search(query, limit=20)
        assert result.hits, query
        for hit in result.hits:
            assert bold(hit.snippet), (query, hit.id)
            text = re.sub(r"</?b>", "", hit.snippet)
            assert "<" not in text and ">" not in text
            d = by_id[hit.id]
            source = {"title": [d.doc.title], "body": [d.doc.body_text()], "notes": [n.text for n in d.doc.footnotes]}
            assert any(plain(hit.snippet) in " ".join(t.split()) for t in source[hit.snippet_field]), (query, hit.id)
    hit = small_corpus.search('"Orr & Laubenheimer"', limit=1).hits[0]
    assert "<b>Orr &amp; Laubenheimer</b>" in hit.snippet


def test_a_query_of_filters_shows_the_opening_of_the_body(small_corpus, docs):
    hit = small_corpus.search("type:telegram", limit=1).hits[0]
    assert "<b>" not in hit.snippet and hit.snippet_field == "body"
    body = next(d for d in docs if d.id == hit.id).doc.body_text()
    assert " ".join(body.split()).startswith(plain(hit.snippet))


# -- typed edge cases ----------------------------------------------------------------------


def spans(text: str, query: str, field: str = "body") -> list[tuple[str, int]]:
    return [(text[s.start : s.end], s.pattern) for s in find_spans(text, Scanner(patterns_of(parse(query)), field))]


def test_phrases_words_and_prefixes_typed():
    text = "Most of the favored nation; a most-favored-nation clause & more. Negotiations, negotiated."
    assert spans(text, '"most favored nation"') == [("most-favored-nation", 0)]
    assert spans(text, "negotiations") == [("Negotiations", 0), ("negotiated", 0)]
    assert spans(text, "=negotiations") == [("Negotiations", 0)]
    assert spans(text, "negotiat*") == [("Negotiations", 0), ("negotiated", 0)]
    assert spans(text, '"most favored nation" -clause') == [("most-favored-nation", 0)]
    assert spans(text, "title:nation") == []


def test_sloppy_phrase_and_near_mark_only_their_words():
    text = "We move from confrontation to negotiation, then negotiation moves."
    assert spans(text, '"move negotiation"~3') == [("move", 0), ("negotiation", 0)]
    assert spans(text, '"move negotiation"~2') == []
    assert spans(text, "NEAR(negotiation moves, 0)") == [("negotiation moves", 0)]  # side by side: one mark
    assert spans(text, "NEAR(moves negotiation, 0, ordered)") == []


def test_a_long_text_is_read_around_its_rarest_term():
    filler = "the nation and the " * 600
    text = filler + "a treaty of most favored nation status " + filler
    assert len(text) > 4 * WHOLE_CHARS
    found = spans(text, 'treaty "most favored nation" the')
    assert ("treaty", 0) in found and ("most favored nation", 1) in found
    snippet = fragment(text, find_spans(text, Scanner(patterns_of(parse('treaty "most favored nation"')), "body")))
    assert "<b>treaty</b>" in snippet and "<b>most favored nation</b>" in snippet
    assert len(plain(snippet)) <= SNIPPET_CHARS + 60


def test_the_window_with_most_distinct_terms_wins():
    filler = "lorem " * 200
    text = f"alpha {filler} alpha beta gamma {filler} beta"
    snippet = fragment(text, find_spans(text, Scanner(patterns_of(parse("alpha beta gamma")), "body")))
    assert "<b>alpha</b> <b>beta</b> <b>gamma</b>" in snippet or "<b>alpha beta gamma</b>" in snippet


def test_offsets_survive_letters_whose_lowercase_is_longer():
    text = "\u0130stanbul talks: the treaty. " * 3
    assert [w for w, _ in spans(text, "treaty")] == ["treaty"] * 3
    matches = find(text, patterns_of(parse("treaty")), "body")
    assert all(text[m.start : m.end] == "treaty" for m in matches)


def test_render_escapes_and_merges_adjacent_marks():
    text = "a <b> & c d"
    snippet = fragment(text, [Span(6, 7, 0), Span(8, 9, 1), Span(10, 11, 2)])
    assert snippet == "a &lt;b&gt; <b>&amp; c d</b>"


def test_a_long_text_falls_back_to_the_next_rarest_pattern():
    # the rarest words ("khrushchev", "letter") are there but never within
    # reach, so the snippet must come from the phrase that did match
    filler = "and so on " * 800
    text = "Khrushchev " + filler + "the nuclear test ban " + filler + " letter"
    found = spans(text, '"test ban" NEAR(Khrushchev letter, 5)')
    assert found == [("test ban", 0)]
