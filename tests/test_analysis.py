"""Concordance, trend, collocates and the query inspector, checked against the stored text.

Every number is recounted here from the stored documents with Tantivy's
analyzers (``_search_oracle``), independently of frus's matcher.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from _corpus_fixtures import OLD, small_corpus, small_db, small_paths  # noqa: F401
from _search_oracle import hit_ids, load, stems, words

from frus.errors import FrusError
from frus.search.analysis.collocates import log_likelihood


@pytest.fixture(scope="module")
def docs(small_corpus):
    return {d.id: d for d in load(small_corpus)}


def stem_count(text: str, word: str) -> int:
    want = stems(word)[0]
    return sum(1 for s in stems(text) if s == want)


def phrase_count(text: str, phrase: str) -> int:
    w, p = words(text), words(phrase)
    count = i = 0
    while i <= len(w) - len(p):
        if w[i : i + len(p)] == p:
            count, i = count + 1, i + len(p)
        else:
            i += 1
    return count


# -- kwic -----------------------------------------------------------------------------


def test_kwic_has_a_line_for_every_occurrence(small_corpus, docs):
    result = small_corpus.kwic("Bluefields", limit=10_000, context=6)
    matching = hit_ids(small_corpus, "Bluefields")
    expected = sum(stem_count(t, "Bluefields") for i in matching for t in docs[i].texts())
    assert result.total == len(result.lines) == expected > 20
    assert result.documents == len({line.doc_id for line in result.lines}) == len(matching)
    for line in result.lines:
        assert stems(line.hit) == ["bluefield"]
        assert len(words(line.left)) <= 6 and len(words(line.right)) <= 6
        doc = docs[line.doc_id].doc
        source = {"title": doc.title, "body": doc.body_text()}.get(line.field)
        if line.field == "notes":
            source = next(n.text for n in doc.footnotes if n.n == line.note and line.hit in n.text)
        assert source[line.offset : line.offset + len(line.hit)] == line.hit
        assert " ".join(source[: line.offset].split()).endswith(line.left)


def test_kwic_of_a_phrase_and_its_order(small_corpus, docs):
    result = small_corpus.kwic('"Mosquito Reservation"', limit=10_000)
    matching = hit_ids(small_corpus, '"Mosquito Reservation"')
    assert result.total == sum(phrase_count(t, "Mosquito Reservation") for i in matching for t in docs[i].texts())
    assert all(words(line.hit) == ["mosquito", "reservation"] for line in result.lines)
    dates = [line.date for line in result.lines if line.date]
    assert dates == sorted(dates)  # in order of time


@pytest.mark.parametrize("side", ["left", "right"])
def test_kwic_sorted_by_the_words_beside_the_hit(small_corpus, side):
    result = small_corpus.kwic("Bluefields", sort=side, limit=10_000)
    if side == "right":
        keys = [[w.lower() for w in words(line.right)] for line in result.lines]
    else:
        keys = [[w.lower() for w in reversed(words(line.left))] for line in result.lines]
    assert keys == sorted(keys)
    page = small_corpus.kwic("Bluefields", sort=side, limit=5, offset=5)
    assert page.lines == result.lines[5:10] and page.total == result.total


def test_kwic_honours_filters_and_the_apparatus_switch(small_corpus):
    every = small_corpus.kwic("Kissinger", limit=10_000)
    texts_only = small_corpus.kwic("Kissinger", limit=10_000, exclude_apparatus=True)
    assert {line.field for line in texts_only.lines} <= {"title", "body"}
    assert texts_only.total == sum(1 for line in every.lines if line.field != "notes")
    memos = small_corpus.kwic("Kissinger", limit=10_000, filters={"type": ["memcon"]})
    assert memos.lines and {line.doc_id for line in memos.lines} <= hit_ids(small_corpus, "type:=memcon")
    with pytest.raises(FrusError):
        small_corpus.kwic("type:telegram")  # nothing to show in context
    with pytest.raises(FrusError):
        small_corpus.kwic("Kissinger", sort="middle")


# -- trend ----------------------------------------------------------------------------


def test_trend_counts_documents_share_and_occurrences_per_year(small_corpus, docs):
    result = small_corpus.trend("Nicaragua")
    matching = hit_ids(small_corpus, "Nicaragua")
    by_year = Counter(docs[i].doc.date.year for i in matching if docs[i].doc.date.year)
    in_year = Counter(d.doc.date.year for d in docs.values() if d.doc.date.year)
    occurrences = Counter()
    for i in matching:
        if docs[i].doc.date.year:
            occurrences[docs[i].doc.date.year] += sum(stem_count(t, "Nicaragua") for t in docs[i].texts())
    assert {p.year: p.documents for p in result.points if p.documents} == dict(by_year)
    assert {p.year: p.scope_documents for p in result.points} == dict(in_year)
    assert all(p.share == round(p.documents / p.scope_documents, 6) for p in result.points)
    assert {p.year: p.occurrences for p in result.points if p.documents} == dict(occurrences)
    assert result.total_documents == len(matching)
    assert result.undated_documents == sum(1 for i in matching if not docs[i].doc.date.year)
    assert result.total_occurrences == sum(sum(stem_count(t, "Nicaragua") for t in docs[i].texts()) for i in matching)


def test_trend_within_filters(small_corpus, docs):
    result = small_corpus.trend("Libya", filters={"type": ["telegram"]}, occurrences=False)
    telegrams = Counter(d.doc.date.year for d in docs.values() if d.doc.type == "telegram" and d.doc.date.year)
    assert {p.year: p.scope_documents for p in result.points} == dict(telegrams)
    assert all(p.occurrences is None for p in result.points) and result.total_occurrences is None
    assert result.total_documents == len(hit_ids(small_corpus, "Libya type:=telegram"))


# -- collocates ---------------------------------------------------------------------------


def test_collocates_are_counted_in_the_window(small_corpus, docs):
    result = small_corpus.collocates("Bluefields", window=4, limit=15, min_count=2)
    matching = hit_ids(small_corpus, "Bluefields")
    together: Counter = Counter()
    everywhere: Counter = Counter()
    nodes = 0
    for i in matching:
        for text in docs[i].texts():
            w = words(text)
            everywhere.update(w)
            s = [stems(x)[0] if stems(x) else "" for x in w]
            for k, x in enumerate(s):
                if x == "bluefield":
                    nodes += 1
                    together.update(w[max(0, k - 4) : k] + w[k + 1 : k + 5])
    assert result.nodes == nodes and result.documents == len(matching)
    assert result.tokens == sum(everywhere.values())
    assert result.collocates
    for c in result.collocates:
        assert c.together == together[c.word], c
        assert c.total == everywhere[c.word], c
        assert len(c.word) > 1
    scores = [c.log_likelihood for c in result.collocates]
    assert scores == sorted(scores, reverse=True)


def test_log_likelihood_by_hand():
    # a 2×2 table worked out on paper: G² = 2 Σ O ln(O / E)
    a, b, c, d = 10, 90, 40, 9860
    n = a + b + c + d
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n]
    by_hand = 2 * sum(o * math.log(o / e) for o, e in zip((a, b, c, d), expected))
    assert log_likelihood(a, b, c, d) == pytest.approx(by_hand)
    assert log_likelihood(1, 99, 99, 9801) == pytest.approx(0.0, abs=1e-9)  # independent


def test_collocates_options_are_checked(small_corpus):
    for options in ({"window": 0}, {"window": 99}, {"min_count": 0}):
        with pytest.raises(FrusError):
            small_corpus.collocates("Bluefields", **options)


# -- explain -------------------------------------------------------------------------------


def test_explain_shows_each_condition_and_term_with_counts(small_corpus, docs):
    e = small_corpus.explain("Bluefields -consul title:telegram", filters={"volume": [OLD]})
    assert e.parsed == "Bluefields AND NOT consul AND title:telegram"
    assert e.corpus_documents == len(docs)
    assert e.scope_documents == sum(1 for d in docs.values() if d.doc.volume_id == OLD)
    assert e.total == len(hit_ids(small_corpus, "Bluefields -consul title:telegram", filters={"volume": [OLD]}))
    conditions = {c.condition: c for c in e.conditions}
    assert set(conditions) == {"Bluefields", "consul", "title:telegram"}
    assert conditions["consul"].negated and not conditions["Bluefields"].negated
    blue = conditions["Bluefields"]
    assert blue.documents == len(hit_ids(small_corpus, "Bluefields"))
    assert blue.documents_in_scope == len(hit_ids(small_corpus, "Bluefields", filters={"volume": [OLD]}))
    terms = {(t.field, t.term): t for t in blue.terms}
    assert set(terms) == {("title", "bluefield"), ("body", "bluefield"), ("notes", "bluefield")}
    body = terms[("body", "bluefield")]
    assert body.documents == sum(1 for d in docs.values() if d.has_stem("Bluefields", ("body",)))


def test_explain_expands_prefixes_and_metadata_values(small_corpus):
    e = small_corpus.explain("bluef* from:Baker")
    prefix, sender = e.conditions
    assert {t.term for t in prefix.terms} >= {"bluefields"}
    assert all(t.term.startswith("bluef") and t.field.endswith("_exact") for t in prefix.terms)
    assert all("baker" in t.term and t.field == "from" for t in sender.terms) and sender.terms
    assert sender.documents == len(hit_ids(small_corpus, "from:Baker"))


def test_explain_names_what_matches_nothing(small_corpus):
    e = small_corpus.explain("Bluefields xyzzyq")
    assert e.total == 0 and any("xyzzyq" in w for w in e.warnings)
