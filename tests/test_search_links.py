"""The facet links of a results page: the fast edits give the URLs the general builder gives.

``Links.include``/``exclude``/``drop`` edit the already encoded filters of
the current search instead of rebuilding them (a page holds a couple of
hundred such links); each must equal ``Links.href`` over the filters
changed the plain way, in the same order, for every facet value a real
search offers.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

import frus
from frus.api.params import SearchParams
from frus.corpus import Corpus
from frus.web import render, search_links

SAMPLE = Path(frus.__file__).resolve().parent / "sample"


@pytest.fixture(scope="module")
def facet_values(tmp_path_factory) -> list[tuple[str, str]]:
    """(facet, value) pairs a search of the sample volumes offers, with awkward characters."""
    db = tmp_path_factory.mktemp("links") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        assert not corpus.ingest(sorted(SAMPLE.glob("*.xml")), workers=0).failed
        result = corpus.search("embassy", limit=0, facets=list(search_links.SHOWN), facet_limit=search_links.LIMIT)
    pairs = [(name, str(value)) for name, counted in result.facets.items() for value, _ in counted]
    assert len(pairs) > 40
    assert any(not v.isalnum() for _, v in pairs)  # spaces, commas, parentheses need quoting
    return pairs


def _added(current: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    out = {n: list(vs) for n, vs in current.items()}
    if value not in out.setdefault(name, []):
        out[name].append(value)
    return out


def _removed(current: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    out = {n: [v for v in vs if (n, v) != (name, value)] for n, vs in current.items()}
    return {n: vs for n, vs in out.items() if vs}


def _searches(pairs: list[tuple[str, str]]) -> list[SearchParams]:
    type_, cls = [p for p in pairs if p[0] == "type"], [p for p in pairs if p[0] == "classification"]
    return [
        SearchParams("embassy", {}, {}),
        SearchParams('"prime minister" & co', {type_[0][0]: [type_[0][1]]}, {}, "1970", ""),
        SearchParams("x", {"type": [type_[0][1], type_[1][1]], "decade": ["1970s"]}, {cls[0][0]: [cls[0][1]]}),
        SearchParams("", {}, {"type": [type_[0][1]]}, "", "1975"),
    ]


@pytest.mark.parametrize("sort", ["relevance", "date-desc"])
def test_facet_links_equal_the_general_builder(facet_values, sort):
    for asked in _searches(facet_values):
        links = search_links.Links(asked, sort)
        for name, value in facet_values + [(n, v) for n, vs in asked.filters.items() for v in vs]:
            assert links.include(name, value) == links.href(
                filters=_added(asked.filters, name, value), exclude=_removed(asked.exclude, name, value)
            )
            assert links.exclude(name, value) == links.href(
                filters=_removed(asked.filters, name, value), exclude=_added(asked.exclude, name, value)
            )
            assert links.drop(name, value) == links.href(
                filters=_removed(asked.filters, name, value), exclude=_removed(asked.exclude, name, value)
            )


def test_panels_carry_the_links_the_template_shows(facet_values):
    kept_type = next(v for n, v in facet_values if n == "type")
    asked = SearchParams("embassy", {"type": [kept_type]}, {})
    links = search_links.Links(asked, "relevance")
    counted: dict[str, list[tuple[str, int]]] = {}
    for name, value in facet_values:
        counted.setdefault(name, []).append((value, 1))
    panels = search_links.facet_panels(counted, links, lambda volume_id: volume_id)
    shown = [(p.name, v) for p in panels for v in p.values]
    assert len(shown) == len(facet_values)
    for name, v in shown:
        if v.kept:
            assert (name, v.value) == ("type", kept_type)
            assert v.href == links.drop(name, v.value) and v.leave_out_href is None
        else:
            assert v.href == links.include(name, v.value)
            assert v.leave_out_href == links.exclude(name, v.value)
    assert sum(v.kept for _, v in shown) == 1


def test_facet_items_escape_every_value_label_and_link():
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    asked = SearchParams("x", {"sender": [hostile]}, {})
    links = search_links.Links(asked, "relevance")
    counted = {"sender": [(hostile, 3), (f"Office {hostile}", 1234)], "type": [(hostile, 1)]}
    html = "".join(
        str(render.facet_items(p.values)) for p in search_links.facet_panels(counted, links, lambda v: v)
    )
    assert "<script" not in html and "<img" not in html
    assert hostile not in html  # no value broke out of its attribute or into a tag
    assert html.count("<li ") == 3 and html.count("</li>") == 3
    assert 'class="kept"' in html and "1,234" in html
    assert "&lt;script&gt;" in html
