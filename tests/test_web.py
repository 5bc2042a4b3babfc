"""The web reader, through FastAPI's TestClient.

Most tests read the three bundled sample volumes, ingested once per module
through the real ``Corpus``: the pages must work on the TEI the project
ships, not only on objects typed here.  Hostile input that no real volume
holds (markup in titles, ``javascript:`` targets) is built as model objects
and served through a small in-memory stand-in with the ``Corpus`` methods the
web layer calls.
"""

from __future__ import annotations

import contextlib
import json
import re
from html import escape, unescape
from pathlib import Path

import pytest
from _html import Page
from fastapi.testclient import TestClient

import frus
from frus.corpus import Corpus
from frus.errors import NotFound
from frus.model import (
    Block,
    Classification,
    DocDate,
    Document,
    Footnote,
    Inline,
    ListEntry,
    Mention,
    Party,
    SourceCitation,
    Volume,
)
from frus.search.results import Hit, SearchResult
from frus import cite, views
from frus.web import render
from frus.web.app import PAGE_SIZE, SECURITY_HEADERS, create_app

SAMPLE = Path(frus.__file__).resolve().parent / "sample"
MODERN, OLD, PUBDIP = "frus1969-76ve09p1", "frus1894Nicaragua", "frus1917-72PubDip"


# --------------------------------------------------------------------------
# HTML inspection
# --------------------------------------------------------------------------


#: the one script the pages load: the reader's own file, never inline code
OWN_SCRIPT = '<script src="/static/reader.js" defer></script>'


def without_own_script(html: str) -> str:
    return html.replace(OWN_SCRIPT, "")


def assert_inert(page: Page) -> None:
    """No element or attribute that could run code, except the reader's own script file."""
    for tag, attrs in page.tags:
        if tag == "script" and attrs == {"src": "/static/reader.js", "defer": ""}:
            continue
        assert tag not in ("script", "img", "object", "embed", "iframe", "svg", "style"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert not value.strip().lower().startswith(("javascript:", "data:")), (tag, name, value)
            assert name != "style", tag


# --------------------------------------------------------------------------
# The sample corpus, ingested through the real front door
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("web") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(SAMPLE.glob("*.xml")))
    assert not report.failed, [f.error for f in report.failed]
    return db


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(sample_db):
    with contextlib.closing(Corpus.open(sample_db, readonly=True)) as c:
        yield c


def _richest(corpus: Corpus, volume_id: str) -> Document:
    """A document with page breaks in its body and anchored notes besides the source note."""
    for doc in corpus.documents(volume_id):
        kinds = {i.kind for i in _inlines(doc.body)}
        if doc.pages and "pb" in kinds and "noteref" in kinds and doc.source_note and doc.next_id and doc.prev_id:
            return doc
    raise AssertionError(f"no document in {volume_id} with pages, notes and neighbours")


def _inlines(blocks):
    for b in blocks:
        yield from b.inlines
        yield from _inlines(b.children)


# --------------------------------------------------------------------------
# Pages over the sample
# --------------------------------------------------------------------------


def test_home_summarises_the_corpus(client, corpus):
    r = client.get("/")
    assert r.status_code == 200
    page = Page(r.text)
    volumes = corpus.volumes()
    assert {v.id for v in volumes} == {MODERN, OLD, PUBDIP}
    for v in volumes:
        assert render.volume_href(v.id) in page.hrefs()
    total = sum(v.document_count for v in volumes)
    assert f"{len(volumes)} volumes, {total:,} documents" in page.text
    assert page.find("input", name="q"), "search box"
    assert "AND" in page.text and "OR" in page.text and "NOT" in page.text


def test_search_lists_hits_with_highlighted_snippets(client, corpus):
    r = client.get("/search", params={"q": "Bluefields"})
    assert r.status_code == 200
    expected = corpus.search("Bluefields", limit=PAGE_SIZE)
    assert expected.total > PAGE_SIZE
    page = Page(r.text)
    hits = [h for h in page.hrefs() if h.startswith(f"/historicaldocuments/{OLD}/")]
    assert hits[: len(expected.hits)] == [render.document_href(h.id) for h in expected.hits]
    assert f"{expected.total:,} documents match" in page.text
    assert page.find("mark"), "matches are highlighted"
    assert "<b>" not in r.text  # the snippet's tags were rewritten, not passed through
    assert "Foreign Relations of the United States, 1894, Nicaragua" in page.text  # volume title
    assert page.find("nav", aria_label="Results pages")


def test_search_second_page(client, corpus):
    r = client.get("/search", params={"q": "Bluefields", "page": "2"})
    assert r.status_code == 200
    expected = corpus.search("Bluefields", limit=PAGE_SIZE, offset=PAGE_SIZE)
    page = Page(r.text)
    assert page.find("ol", class_="hits", start=str(PAGE_SIZE + 1))
    assert render.document_href(expected.hits[0].id) in page.hrefs()
    current = [a for t, a in page.tags if a.get("aria-current") == "page"]
    assert len(current) == 1


def test_search_without_query_shows_help(client):
    r = client.get("/search")
    assert r.status_code == 200
    assert "How to search" in r.text


def test_search_with_no_hits(client):
    r = client.get("/search", params={"q": "zzzqqxnotaword"})
    assert r.status_code == 200
    assert "No documents match" in Page(r.text).text


# --------------------------------------------------------------------------
# Facets, filters, years, order: every one a URL parameter
# --------------------------------------------------------------------------


def facet_counts(html: str) -> dict[str, dict[str, int]]:
    """facet → {value: count} as the page shows them, folded values included."""
    out: dict[str, dict[str, int]] = {}
    for name, section in re.findall(r'<section class="facet" data-facet="([^"]+)">(.*?)</section>', html, re.S):
        values = re.findall(r'<li data-value="([^"]*)"[^>]*>.*?<span class="count">([\d,]+)</span>', section, re.S)
        out[name] = {unescape(v): int(c.replace(",", "")) for v, c in values}
    return out


def facet_link(html: str, facet: str, value: str, kind: str) -> str:
    """The href of a value's include (``value``) or exclude (``leave-out``) link."""
    section = re.search(rf'<section class="facet" data-facet="{facet}">(.*?)</section>', html, re.S).group(1)
    item = re.search(rf'<li data-value="{re.escape(escape(value))}"[^>]*>(.*?)</li>', section, re.S).group(1)
    return unescape(re.search(rf'<a class="{kind}" href="([^"]+)"', item).group(1))


def shown_total(html: str) -> int:
    match = re.search(r"([\d,]+) documents? match", Page(html).text)
    return int(match.group(1).replace(",", "")) if match else 0


def test_facet_counts_shown_equal_the_api(client):
    html = client.get("/search", params={"q": "treaty"}).text
    api = client.get("/api/v1/search", params={"q": "treaty"}).json()["facets"]
    shown = facet_counts(html)
    assert {"type", "volume", "decade"} <= set(shown)
    for name, values in shown.items():
        # the page lists the most frequent values, the API a few more
        assert list(values.items()) == [(v["value"], v["count"]) for v in api[name]][: len(values)], name


def test_include_link_narrows_to_its_count(client, corpus):
    html = client.get("/search", params={"q": "treaty"}).text
    before = shown_total(html)
    value, count = max(facet_counts(html)["type"].items(), key=lambda vc: vc[1])
    assert 0 < count < before
    href = facet_link(html, "type", value, "value")
    assert f"filter=type%3A{value}" in href  # shareable: the filter is in the URL
    narrowed = client.get(href).text
    assert shown_total(narrowed) == count == corpus.search("treaty", filters={"type": [value]}).total
    # the kept value is marked, and its link takes the filter off again
    kept = Page(narrowed).find("li", data_value=value, class_="kept")
    assert kept
    assert shown_total(client.get(facet_link(narrowed, "type", value, "value")).text) == before


def test_exclude_link_leaves_the_rest(client, corpus):
    html = client.get("/search", params={"q": "treaty"}).text
    before = shown_total(html)
    value, count = next(iter(facet_counts(html)["volume"].items()))
    href = facet_link(html, "volume", value, "leave-out")
    assert f"exclude=volume%3A{value}" in href
    page = client.get(href).text
    assert shown_total(page) == before - count  # a document has one volume
    assert value not in facet_counts(page).get("volume", {})
    assert "not Volume:" in Page(page).text


def test_repeated_filters_combine_as_documented(client, corpus):
    params = [("q", "canal"), ("filter", "type:despatch"), ("filter", "type:telegram"), ("exclude", "decade:1890s")]
    expected = corpus.search(
        "canal", filters={"type": ["despatch", "telegram"]}, exclude={"decade": ["1890s"]}, limit=1
    ).total
    assert shown_total(client.get("/search", params=params).text) == expected
    assert client.get("/api/v1/search", params=params).json()["total"] == expected


def test_years_become_a_date_clause(client, corpus):
    r = client.get("/search", params={"q": "treaty", "from_year": "1900", "to_year": "1949"})
    assert r.status_code == 200
    expected = corpus.search("(treaty) date:1900..1949", limit=1)
    assert 0 < shown_total(r.text) == expected.total < corpus.search("treaty", limit=1).total
    text = Page(r.text).text
    assert f"You searched: {expected.parsed}" in text
    assert "date:1900-01-01..1949-12-31" in expected.parsed
    assert Page(r.text).find("input", name="from_year", value="1900")
    # years alone are a search too
    assert shown_total(client.get("/search", params={"from_year": "1969"}).text) > 0


def test_sort_by_date_orders_hits(client, corpus):
    r = client.get("/search", params={"q": "Bluefields", "sort": "date-desc"})
    expected = corpus.search("Bluefields", limit=PAGE_SIZE, sort="date-desc")
    hits = [h for h in Page(r.text).hrefs() if h.startswith(f"/historicaldocuments/{OLD}/")]
    assert hits[: len(expected.hits)] == [render.document_href(h.id) for h in expected.hits]
    assert expected.hits != corpus.search("Bluefields", limit=PAGE_SIZE).hits
    assert Page(r.text).find("option", value="date-desc", selected="")


def test_pagination_keeps_every_parameter(client):
    params = {"q": "Bluefields", "sort": "date-asc", "filter": "decade:1890s", "from_year": "1894"}
    page = Page(client.get("/search", params=params).text)
    nav = [h for h in page.hrefs() if "page=" in h]
    assert nav
    for href in nav:
        for part in ("q=Bluefields", "sort=date-asc", "filter=decade%3A1890s", "from_year=1894"):
            assert part in href, href


def test_term_matching_nothing_is_warned(client):
    page = Page(client.get("/search", params={"q": "Bluefields OR zzqxnotaword"}).text)
    assert "zzqxnotaword is in no document" in page.text
    assert shown_total(str(page.text)) > 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "filter": "type"},
        {"q": "x", "filter": "colour:red"},
        {"q": "x", "exclude": ":Secret"},
        {"q": "x", "from_year": "69"},
        {"q": "x", "sort": "alphabetical"},
    ],
)
def test_bad_refinements_are_400_pages(client, params):
    r = client.get("/search", params=params)
    assert r.status_code == 400
    assert "Error 400" in r.text


def test_api_bad_filter_is_a_problem(client):
    r = client.get("/api/v1/search", params={"q": "x", "filter": "colour:red"})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    "example",
    re.findall(r"<code>(.*?)</code>", (Path(render.__file__).parent / "templates" / "syntax.html").read_text()),
)
def test_every_syntax_help_example_finds_documents(client, corpus, example):
    """The help is only honest if its examples run on the bundled sample."""
    import html

    query = html.unescape(example)
    assert corpus.search(query, limit=1).total > 0, query
    assert client.get("/search", params={"q": query}).status_code == 200


def test_document_page(client, corpus):
    # the modern sample volume's notes are nearly all source notes; the
    # Public Diplomacy volume has notes called from the running text
    doc = _richest(corpus, PUBDIP)
    r = client.get(render.document_href(doc.id))
    assert r.status_code == 200
    page = Page(r.text)
    ids = page.ids()
    assert len(ids) == len(set(ids)), "ids are unique"
    assert f"{doc.number}. {doc.title}" in page.text
    # breadcrumbs: volume, then the path
    assert render.volume_href(PUBDIP) in page.hrefs()
    for head in doc.path:
        assert head in page.text
    # printed pages are anchors
    body_pages = [i.text for i in _inlines(doc.body) if i.kind == "pb"]
    for n in body_pages:
        assert f"pg_{render.safe_id(n)}" in ids
        assert f"[Page {n}]" in page.text
    # every footnote is listed under its id, the source note first
    note_items = [a["id"] for a in page.find("li") if a.get("id", "").startswith(doc.local_id + "fn")]
    assert set(note_items) == {n.id for n in doc.footnotes}
    assert note_items[0] == doc.source_note.id
    # every marker links to its note, and the note links back
    markers = [i.target for i in _inlines(doc.body) if i.kind == "noteref"]
    assert markers
    for target in markers:
        assert f"#{target}" in page.hrefs()
        assert f"#fnref-{target}" in page.hrefs()
    # neighbours
    assert page.find("a", rel="prev", href=render.document_href(doc.prev_id))
    assert page.find("a", rel="next", href=render.document_href(doc.next_id))


def test_document_in_the_older_style(client, corpus):
    doc = next(d for d in corpus.documents(OLD) if any(b.kind == "attachment" for b in d.body))
    r = client.get(render.document_href(doc.id))
    assert r.status_code == 200
    page = Page(r.text)
    assert page.find("section", class_="attachment")
    assert doc.title in page.text


def test_every_sample_document_renders_with_working_anchors(client, corpus):
    """All 310 sample documents: 200, unique ids, and no in-page link that leads nowhere."""
    count = 0
    for volume in corpus.volumes():
        for doc in corpus.documents(volume.id):
            r = client.get(render.document_href(doc.id))
            assert r.status_code == 200, doc.id
            page = Page(r.text)
            ids = page.ids()
            assert len(ids) == len(set(ids)), doc.id
            dangling = [h for h in page.hrefs() if h.startswith("#") and h[1:] not in ids]
            assert not dangling, (doc.id, dangling)
            count += 1
    assert count == sum(v.document_count for v in corpus.volumes())


def test_volume_page_shows_metadata_and_contents_tree(client, corpus):
    r = client.get(render.volume_href(MODERN))
    assert r.status_code == 200
    page = Page(r.text)
    docs = corpus.documents(MODERN)
    links = [h for h in page.hrefs() if re.match(rf"^/historicaldocuments/{MODERN}/d\d+$", h)]
    assert links == [render.document_href(d.id) for d in docs], "every document once, in reading order"
    for head in {h for d in docs for h in d.path}:
        assert head in page.text
    # headings are collapsible sections, nested as the paths are
    assert len(page.find("details")) == len({d.path for d in docs}) + 1  # one per country, one for the volume
    volume = corpus.volume(MODERN)
    for editor in volume.editors:
        assert editor in page.text
    assert render.list_href("person", MODERN) in page.hrefs()
    assert render.list_href("term", MODERN) in page.hrefs()
    assert f"/api/v1/volumes/{MODERN}" in page.hrefs()


def test_volume_page_does_not_read_every_document_each_time(sample_db):
    """The contents are read once per volume and kept; a second view reads only the volume record."""

    class Counting(Corpus):
        calls = 0

        def documents(self, volume_id):
            Counting.calls += 1
            return super().documents(volume_id)

    corpus = Counting.open(sample_db, readonly=True)
    try:
        with TestClient(create_app(corpus=corpus)) as c:
            for _ in range(3):
                assert c.get(render.volume_href(MODERN)).status_code == 200
            assert c.get(render.entry_href("person", MODERN, "p_AR_1")).status_code == 200
            assert c.get(f"/api/v1/volumes/{MODERN}").status_code == 200
    finally:
        corpus.close()
    assert Counting.calls == 1


@pytest.mark.parametrize(("kind", "volume_id"), [("person", MODERN), ("term", MODERN), ("person", PUBDIP)])
def test_list_pages_link_every_entry(client, corpus, kind, volume_id):
    r = client.get(render.list_href(kind, volume_id))
    assert r.status_code == 200
    page = Page(r.text)
    volume = corpus.volume(volume_id)
    entries = volume.persons if kind == "person" else volume.terms
    assert entries
    hrefs = page.hrefs()
    for e in entries:
        assert render.entry_href(kind, volume_id, e.id) in hrefs
    assert [i for i in page.ids() if i in {e.id for e in entries}] == [e.id for e in entries]


def test_person_page_lists_documents_mentioning_them_by_date(client, corpus):
    docs = corpus.documents(MODERN)
    person = next(p for p in corpus.volume(MODERN).persons if p.name.startswith("Atherton"))
    mentioning = [d for d in docs if any(m.kind == "person" and m.target == person.id for m in d.mentions)]
    assert len(mentioning) > 5
    r = client.get(render.entry_href("person", MODERN, person.id))
    assert r.status_code == 200
    page = Page(r.text)
    assert person.name in page.text and person.description in page.text
    links = [h for h in page.hrefs() if re.match(rf"^/historicaldocuments/{MODERN}/d\d+$", h)]
    assert sorted(links) == sorted(render.document_href(d.id) for d in mentioning)
    order = {render.document_href(d.id): d for d in mentioning}
    dates = [order[h].date.min for h in links]
    assert dates == sorted(dates), "by date"
    assert f"Mentioned in {len(mentioning)} documents" in page.text


def test_term_page(client, corpus):
    term = next(t for t in corpus.volume(MODERN).terms if t.name == "NSC")
    page = Page(client.get(render.entry_href("term", MODERN, term.id)).text)
    assert "NSC" in page.text and term.description in page.text
    assert "Used in" in page.text


@pytest.mark.parametrize(
    "url",
    [
        f"/historicaldocuments/{MODERN}/persons/p_NOBODY",
        f"/historicaldocuments/{MODERN}/terms/t_NOTHING",
        "/historicaldocuments/frus1999nothing/persons",
        f"/historicaldocuments/{MODERN}/d10/cite.pdf",
        f"/historicaldocuments/{MODERN}/d99999/cite.bib",
    ],
)
def test_unknown_entries_and_formats_are_404_pages(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert "Not found" in Page(r.text).text


# --------------------------------------------------------------------------
# The reader's metadata block, side panel and Cite panel
# --------------------------------------------------------------------------


def test_document_metadata_block(client, corpus):
    doc = corpus.document(f"{PUBDIP}/d6")
    assert doc.type and doc.senders and doc.recipients and doc.source and doc.classification.level
    page = Page(client.get(render.document_href(doc.id)).text)
    block = re.search(r'<dl class="docmeta">(.*?)</dl>', client.get(render.document_href(doc.id)).text, re.S).group(1)
    rows = dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)(?:<a [^>]*>source note</a>)?\s*</dd>", block, re.S))
    assert rows["Type"] == "Letter"
    assert rows["From"] == f"{doc.senders[0].role} ({doc.senders[0].name})"
    assert rows["To"] == f"{doc.recipients[0].role} ({doc.recipients[0].name})"
    assert rows["Date"] == "December 27, 1917"
    assert rows["Classification"] == doc.classification.level
    assert rows["Source"].startswith("Library of Congress, Papers of Woodrow Wilson")
    assert f"#{doc.source_note.id}" in page.hrefs()


def test_metadata_rows_only_for_fields_the_document_has(client, corpus):
    doc = next(d for d in corpus.documents(OLD) if not d.classification.level and d.source is None)
    text = client.get(render.document_href(doc.id)).text
    block = re.search(r'<dl class="docmeta">(.*?)</dl>', text, re.S)
    labels = re.findall(r"<dt>(.*?)</dt>", block.group(1)) if block else []
    assert "Classification" not in labels and "Source" not in labels


def test_side_panel_explains_persons_and_terms(client, corpus):
    doc = corpus.document(f"{PUBDIP}/d6")
    volume = corpus.volume(PUBDIP)
    page = Page(client.get(render.document_href(doc.id)).text)
    people = {m.target for m in doc.mentions if m.kind == "person"}
    for person in volume.persons:
        href = render.entry_href("person", PUBDIP, person.id)
        assert (href in page.hrefs()) == (person.id in people), person.id
        if person.id in people:
            assert person.description in page.text
    for term in (t for t in volume.terms if any(m.target == t.id for m in doc.mentions)):
        assert render.entry_href("term", PUBDIP, term.id) in page.hrefs()
        assert term.description in page.text


def test_cite_panel(client, corpus):
    doc = corpus.document(f"{MODERN}/d10")
    volume = corpus.volume(MODERN)
    text = client.get(render.document_href(doc.id)).text
    page = Page(text)
    shown = re.search(r'<p class="citation" id="citation">(.*?)</p>', text, re.S).group(1)
    assert Page(shown).text == cite.chicago(doc, volume)
    button = page.find("button", class_="copy")
    assert button and button[0]["data-copy"] == "citation" and "hidden" in button[0]  # shown by reader.js
    assert page.find("script", src="/static/reader.js")
    base = render.document_href(doc.id)
    for ext in ("bib", "ris", "json"):
        assert f"{base}/cite.{ext}" in page.hrefs()


@pytest.mark.parametrize(
    ("ext", "media", "check"),
    [
        ("bib", "application/x-bibtex", lambda body, doc, vol: body == cite.bibtex(doc, vol)),
        ("ris", "application/x-research-info-systems", lambda body, doc, vol: body == cite.ris(doc, vol)),
        ("json", "application/vnd.citationstyles.csl+json",
         lambda body, doc, vol: json.loads(body) == [json.loads(json.dumps(cite.csl_json(doc, vol)))]),
    ],
)
def test_citation_downloads(client, corpus, ext, media, check):
    doc = corpus.document(f"{PUBDIP}/d6")
    r = client.get(f"{render.document_href(doc.id)}/cite.{ext}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"] == f'attachment; filename="{cite.cite_key(doc)}.{ext}"'
    assert check(r.text, doc, corpus.volume(PUBDIP))


def test_reader_script_is_served(client):
    r = client.get("/static/reader.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert "clipboard" in r.text


def test_persons_and_terms_are_explained_in_place(client, corpus):
    doc = next(
        d for d in corpus.documents(MODERN)
        if any(i.kind == "term" and i.target for i in _inlines(d.body))
    )
    page = Page(client.get(render.document_href(doc.id)).text)
    assert page.find("abbr", class_="term"), "terms carry their expansion"


@pytest.mark.parametrize(
    "url",
    [
        "/historicaldocuments/frus1999nothing",
        f"/historicaldocuments/{MODERN}/d99999",
        "/historicaldocuments/frus1999nothing/d1",
        "/no/such/page",
    ],
)
def test_unknown_addresses_are_404_pages(client, url):
    r = client.get(url)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Not found" in Page(r.text).text


@pytest.mark.parametrize(
    ("query", "where"),
    [('"Mosquito Reservation', 0), ("(Libya OR Tunisia", 0), ("AND Bluefields", 0), ("Libya OR", 8)],
)
def test_bad_query_is_a_400_page_that_points_at_the_fault(client, query, where):
    r = client.get("/search", params={"q": query})
    assert r.status_code == 400
    page = Page(r.text)
    assert "could not be read" in page.text
    # the query is echoed with the offending character marked
    assert page.find("mark")
    marked = re.search(r'<p class="syntax-at"><code>(.*?)<mark>', r.text)
    assert marked is not None and len(marked.group(1)) == where
    assert page.find("input", name="q", value=query), "query kept in the box to fix"


@pytest.mark.parametrize("params", [{"q": "Libya", "page": "0"}, {"q": "Libya", "page": "abc"}, {"q": "Libya", "page": "100000"}, {"q": "x" * 5000}])
def test_out_of_range_input_is_a_400_page(client, params):
    r = client.get("/search", params=params)
    assert r.status_code == 400
    assert "Error 400" in r.text


def test_page_past_the_last_offers_the_last(client):
    r = client.get("/search", params={"q": "Qadhafi", "page": "400"})
    assert r.status_code == 200
    assert "Go to the last page" in r.text


@pytest.mark.parametrize("url", ["/", "/search?q=Libya", "/static/style.css", "/nowhere", "/search?q=%22x"])
def test_security_headers_on_every_response(client, url):
    r = client.get(url)
    for name, value in SECURITY_HEADERS.items():
        assert r.headers.get(name) == value, (url, name)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp


def test_head_requests_answer_like_get(client):
    r = client.head("/search", params={"q": "Libya"})
    assert r.status_code == 200
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pubdip_embedded_scripts_never_reach_the_page(client, corpus):
    """frus1917-72PubDip embeds XHTML <script>/<object> video players."""
    raw = (SAMPLE / f"{PUBDIP}.xml").read_text(encoding="utf-8")
    assert "<script" in raw and "<object" in raw  # the trap is really in the sample
    docs = corpus.documents(PUBDIP)
    assert len(docs) == 44
    for doc in docs:
        r = client.get(render.document_href(doc.id))
        assert r.status_code == 200
        lowered = without_own_script(r.text).lower()
        assert "<script" not in lowered and "<object" not in lowered, doc.id
        assert_inert(Page(r.text))
    assert_inert(Page(client.get(render.volume_href(PUBDIP)).text))


def test_pages_use_no_inline_script_or_style(client, corpus):
    doc = _richest(corpus, PUBDIP)
    for url in ("/", "/search?q=Libya", render.volume_href(MODERN), render.document_href(doc.id)):
        assert_inert(Page(client.get(url).text))


# --------------------------------------------------------------------------
# Hostile documents (no real volume holds these; the renderer must not care)
# --------------------------------------------------------------------------

XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


class MemoryCorpus:
    """The read side of the Corpus contract over model objects in memory."""

    def __init__(self, volume: Volume, documents: list[Document], hits: tuple[Hit, ...] = ()):
        self._volume = volume
        self._docs = {d.id: d for d in documents}
        self._hits = hits

    def volumes(self):
        return [self._volume]

    def change_stamp(self):
        return 0  # held in memory: never changes

    def volume(self, volume_id):
        if volume_id != self._volume.id:
            raise NotFound(f"no volume {volume_id}")
        return self._volume

    def documents(self, volume_id):
        self.volume(volume_id)
        return list(self._docs.values())

    def document(self, doc_id):
        try:
            return self._docs[doc_id]
        except KeyError:
            raise NotFound(f"no document {doc_id}") from None

    def search(self, query, *, limit=10, offset=0, sort="relevance", filters=None, exclude=None, facets=True, facet_limit=20):
        # a facet value is document text too: a person's name, a sender's office
        facets = {"sender": [(f"Office {XSS}", len(self._hits))], "type": [(IMG, 1)]}
        return SearchResult(
            query, len(self._hits), offset, limit, self._hits[offset : offset + limit],
            facets=facets, parsed=query, sort=sort,
        )

    def close(self):
        pass


def _hostile_corpus() -> MemoryCorpus:
    return MemoryCorpus(*_hostile_corpus_parts())


def _hostile_corpus_parts() -> tuple[Volume, list[Document], tuple[Hit, ...]]:
    volume = Volume(
        id="frusEvil",
        title=f"Volume {XSS}",
        persons=(ListEntry("p_X1", f"Doe {IMG}", 'desc" onmouseover="alert(1)'),),
        terms=(ListEntry("t_X1", "XSS", XSS),),
        document_count=1,
    )
    body = (
        Block("heading", (Inline("text", f"Heading {XSS}"),)),
        Block(
            "paragraph",
            (
                Inline("text", f"Text {XSS} and {IMG}", style='italic" onclick="x'),
                Inline("person", f"Doe {IMG}", target="p_X1"),
                Inline("term", "XSS", target="t_X1"),
                Inline("ref", "click", target="javascript:alert(1)"),
                Inline("ref", "other", target='#d1"><script>alert(1)</script>'),
                Inline("pb", '7"><script>alert(1)</script>'),
                Inline("noteref", f"1{XSS}", target="d1fn1"),
            ),
            rend='right" onclick="alert(1)',
        ),
        Block("table", children=(Block("row", children=(Block("cell", (Inline("text", IMG),)),)),)),
        Block("list", children=(Block("label", (Inline("text", XSS),)), Block("item", (Inline("text", IMG),)))),
        Block("unknown<kind>", (Inline("text", XSS),)),
    )
    doc = Document(
        id="frusEvil/d1",
        volume_id="frusEvil",
        local_id="d1",
        number=f"1{XSS}",
        title=f"Title {XSS}",
        path=(f"Chapter {IMG}",),
        place=XSS,
        dateline=f"Washington {IMG}",
        date=DocDate(min="1973-01-05", max="1973-01-05"),
        body=body,
        footnotes=(
            Footnote("d1fn1", f"1{XSS}", f"Source: {XSS}", (Inline("text", f"Source: {IMG}"),), is_source=True),
        ),
        pages=('7"><script>alert(1)</script>',),
        type=XSS,
        senders=(Party(role=XSS, name=IMG),),
        recipients=(Party(role=None, name=XSS),),
        subject=IMG,
        classification=Classification(level=XSS, caveats=(IMG,)),
        source=SourceCitation(text=XSS, repository=XSS, box=IMG, folder=XSS),
        mentions=(Mention("person", "p_X1", IMG), Mention("term", "t_X1", XSS, "notes")),
    )
    hit = Hit(
        id="frusEvil/d1", volume_id="frusEvil", number="1", title=f"Title {XSS}",
        date_min=None, date_max=None, score=1.0,
        snippet=f"before <b>match</b> {XSS} <b onclick=x>{IMG}</b> &amp; after <b>open",
    )
    return volume, [doc], (hit,)


@pytest.fixture(scope="module")
def hostile_client():
    with TestClient(create_app(corpus=_hostile_corpus())) as c:
        yield c


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=match",
        "/historicaldocuments/frusEvil",
        "/historicaldocuments/frusEvil/d1",
        "/historicaldocuments/frusEvil/persons",
        "/historicaldocuments/frusEvil/terms",
        "/historicaldocuments/frusEvil/persons/p_X1",
        "/historicaldocuments/frusEvil/terms/t_X1",
    ],
)
def test_hostile_text_renders_inert(hostile_client, url):
    r = hostile_client.get(url)
    assert r.status_code == 200
    page = Page(r.text)
    assert_inert(page)
    lowered = without_own_script(r.text).lower()
    assert "<script" not in lowered and "<img" not in lowered


def test_hostile_text_is_shown_as_text(hostile_client):
    page = Page(hostile_client.get("/historicaldocuments/frusEvil/d1").text)
    assert f"Text {XSS} and {IMG}" in page.text  # visible, as the words it is
    assert "[Page 7\"><script>alert(1)</script>]" in page.text
    assert f"From {XSS} ({IMG})" in page.text  # the metadata block, as words
    assert f"Classification {XSS}; {IMG}" in page.text


def test_hostile_snippet_keeps_only_highlights(hostile_client):
    r = hostile_client.get("/search", params={"q": "match"})
    snippet = re.search(r'<p class="snippet">(.*?)</p>', r.text, re.S).group(1)
    assert "<mark>match</mark>" in snippet
    assert snippet.count("<mark>") == snippet.count("</mark>")
    assert "&lt;script&gt;" in snippet and "&amp; after" in snippet
    assert "<b" not in snippet  # the tag with an attribute became text
    assert_inert(Page(snippet))


class BrokenCorpus(MemoryCorpus):
    def document(self, doc_id):
        raise RuntimeError("disk on fire at /secret/path")


def test_an_internal_error_is_a_plain_500_page_without_traceback():
    with TestClient(create_app(corpus=BrokenCorpus(*_hostile_corpus_parts()))) as c:
        r = c.get("/historicaldocuments/frusEvil/d1")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "Traceback" not in r.text and "/secret/path" not in r.text
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


# --------------------------------------------------------------------------
# Renderer units (edge cases typed by hand)
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "html"),
    [
        ("a <b>b</b> c", "a <mark>b</mark> c"),
        ("&amp; &lt;x&gt;", "&amp; &lt;x&gt;"),
        ("<B>x</B>", "<mark>x</mark>"),
        ("x</b> <b><b>y", "x <mark>y</mark>"),
        ("<i>no</i>", "&lt;i&gt;no&lt;/i&gt;"),
        ("", ""),
    ],
)
def test_safe_snippet(snippet, html):
    assert str(render.safe_snippet(snippet)) == html


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        ("1973-01-05", "1973-01-05", "January 5, 1973"),
        ("1973-01-05T10:30:00", "1973-01-05T23:59:59", "January 5, 1973"),
        ("1973-01-05", "1973-01-09", "January 5–9, 1973"),
        ("1973-01-01", "1973-01-31", "January 1973"),
        ("1973-01-01", "1973-12-31", "1973"),
        ("1973-12-30", "1974-01-02", "December 30, 1973 – January 2, 1974"),
        ("1894", None, "1894"),
        (None, None, ""),
    ],
)
def test_format_date_range(start, end, words):
    assert render.format_date_range(start, end) == words


@pytest.mark.parametrize(
    ("target", "href"),
    [
        ("#d12", "/historicaldocuments/frusA/d12"),
        ("#d3fn2", "#d3fn2"),
        ("#d12fn2", "/historicaldocuments/frusA/d12#d12fn2"),
        ("#pg_40", "#pg_40"),
        ("#pg_999", None),
        ("#in12", None),
        ("frus1945-50Intel#d312", "/historicaldocuments/frus1945-50Intel/d312"),
        ("frus1917Supp02v01#pg_12", "/historicaldocuments/frus1917Supp02v01"),
        ("frus1917Supp02v01", "/historicaldocuments/frus1917Supp02v01"),
        ("javascript:alert(1)", None),
        ("https://history.state.gov/", "https://history.state.gov/"),
        (None, None),
    ],
)
def test_ref_href(target, href):
    ctx = render.RenderContext(volume_id="frusA", local_id="d3", pages=frozenset({"40"}))
    assert render.ref_href(target, ctx) == href


def test_toc_tree_nests_headings_and_nested_documents():
    def entry(n, path, parent=None):
        doc = Document(
            id=f"v/d{n}", volume_id="v", local_id=f"d{n}", number=str(n), title=f"t{n}",
            path=path, parent_id=f"v/d{parent}" if parent else None,
        )
        return views.ContentsEntry.of(doc)

    tree = views.toc_tree(
        [
            entry(1, ("A", "a1")), entry(2, ("A", "a1")), entry(3, ("A", "a1"), parent=2),
            entry(4, ("A", "a2")), entry(5, ("B",)), entry(6, ()), entry(7, ("A",)),
        ]
    )

    def shape(nodes):
        return [(n.title, shape(n.children)) if n.kind == "section" else (n.entry.local_id, shape(n.children)) for n in nodes]

    assert shape(tree) == [
        ("A", [("a1", [("d1", []), ("d2", [("d3", [])])]), ("a2", [("d4", [])])]),
        ("B", [("d5", [])]),
        ("d6", []),
        ("A", [("d7", [])]),  # a heading that comes back opens again: reading order is kept
    ]
