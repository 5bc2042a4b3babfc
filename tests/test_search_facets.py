"""Facet counts over the whole result set, and filters on facet values.

Every count is compared with a brute-force count over the stored
documents that match (``_search_oracle``): facets are computed by Tantivy
aggregations in Rust, and this is what keeps them honest.
"""

from __future__ import annotations

from collections import Counter

import pytest
from _corpus_fixtures import MODERN, OLD, small_corpus, small_db, small_paths  # noqa: F401
from _search_oracle import hit_ids, load

from frus.errors import FrusError
from frus.search.facets import DEFAULT_FACETS, FACETS


@pytest.fixture(scope="module")
def docs(small_corpus):
    return {d.id: d for d in load(small_corpus)}


def brute_force(docs, matching: set[str], facet: str) -> Counter:
    counts: Counter = Counter()
    for doc_id in matching:
        counts.update(set(docs[doc_id].facet_values(facet)))
    return counts


@pytest.mark.parametrize("query", ["president", '"Mosquito Reservation"', "type:telegram", "Libya OR Nicaragua"])
def test_counts_equal_a_count_over_the_matching_documents(small_corpus, docs, query):
    result = small_corpus.search(query, limit=3, facets=FACETS, facet_limit=None)
    matching = hit_ids(small_corpus, query)
    assert result.total == len(matching) and len(result.hits) <= 3  # counted over all, not the page
    assert set(result.facets) == set(FACETS)
    for facet in FACETS:
        expected = brute_force(docs, matching, facet)
        assert dict(result.facets[facet]) == dict(expected), facet
    assert result.facets["type"]  # something was counted


def test_the_default_facets_and_their_order(small_corpus):
    result = small_corpus.search("president", limit=0)
    assert tuple(result.facets) == DEFAULT_FACETS
    years = [int(y) for y, _ in result.facets["year"]]
    assert years == sorted(years)
    decades = [d for d, _ in result.facets["decade"]]
    assert decades == sorted(decades) and all(d.endswith("0s") for d in decades)
    counts = [n for _, n in result.facets["type"]]
    assert counts == sorted(counts, reverse=True)
    assert sum(n for _, n in result.facets["decade"]) == sum(n for _, n in result.facets["year"])


def test_facet_limit_keeps_the_most_frequent(small_corpus):
    full = small_corpus.search("president", limit=0, facet_limit=None).facets["sender"]
    top = small_corpus.search("president", limit=0, facet_limit=3).facets["sender"]
    assert top == full[:3] and len(full) > 3
    assert small_corpus.search("president", limit=0, facets=False).facets == {}
    assert list(small_corpus.search("president", limit=0, facets=["type"]).facets) == ["type"]


def test_no_hits_no_counts(small_corpus):
    result = small_corpus.search("xyzzyq", limit=0)
    assert result.total == 0 and all(values == [] for values in result.facets.values())


def test_facets_of_the_whole_corpus(small_corpus, docs):
    counts = small_corpus.facets(names=["volume", "type"], limit=None)
    assert dict(counts["volume"]) == dict(brute_force(docs, set(docs), "volume"))
    assert dict(counts["type"]) == dict(brute_force(docs, set(docs), "type"))
    scoped = small_corpus.facets(names=["type"], filters={"volume": [OLD]}, limit=None)
    assert dict(scoped["type"]) == dict(brute_force(docs, {i for i in docs if i.startswith(OLD)}, "type"))


# -- filters ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facet", "value"),
    [("type", "telegram"), ("classification", "Secret"), ("sender", "Department of State"),
     ("person", "Kissinger, Henry A."), ("repository", "Ford Library"), ("volume", OLD),
     ("subseries", "1969-76"), ("year", "1975"), ("decade", "1910s"), ("caveat", "Nodis")],
)
def test_a_filter_keeps_exactly_the_documents_its_count_promises(small_corpus, docs, facet, value):
    base = hit_ids(small_corpus, "president OR the")
    counted = dict(small_corpus.search("president OR the", limit=0, facets=[facet], facet_limit=None).facets[facet])
    kept = hit_ids(small_corpus, "president OR the", filters={facet: [value]})
    assert kept == {i for i in base if value in docs[i].facet_values(facet)}
    assert len(kept) == counted[value] > 0
    dropped = hit_ids(small_corpus, "president OR the", exclude={facet: [value]})
    assert dropped == base - kept


def test_values_of_one_facet_are_alternatives_and_facets_combine(small_corpus, docs):
    base = hit_ids(small_corpus, "the")
    either = hit_ids(small_corpus, "the", filters={"type": ["telegram", "memcon"]})
    assert either == {i for i in base if docs[i].doc.type in ("telegram", "memcon")}
    both = hit_ids(small_corpus, "the", filters={"type": ["telegram"], "volume": [MODERN]},
                   exclude={"classification": ["Secret", "Confidential"]})
    assert both == {
        i for i in base
        if docs[i].doc.type == "telegram" and docs[i].doc.volume_id == MODERN
        and docs[i].doc.classification.level not in ("Secret", "Confidential")
    }
    assert both  # Top Secret and Limited Official Use telegrams remain


def test_filtered_results_report_their_filters_and_counts_follow_them(small_corpus, docs):
    result = small_corpus.search("the", filters={"type": "telegram"}, exclude={"decade": 1890}, limit=0, facet_limit=None)
    assert result.filters == {"include": {"type": ["telegram"]}, "exclude": {"decade": ["1890"]}}
    assert dict(result.facets["type"]) == {"telegram": result.total}
    assert "1890s" not in dict(result.facets["decade"])


def test_bad_filters_are_refused(small_corpus):
    for filters in ({"colour": ["red"]}, {"type": []}, {"year": ["nineteen"]}, {"type": [""]}):
        with pytest.raises(FrusError):
            small_corpus.search("the", filters=filters)
    with pytest.raises(FrusError):
        small_corpus.search("the", exclude={"decade": ["the sixties"]})
