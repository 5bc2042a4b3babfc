"""The REST API (``/api/v1``) through the ASGI test client, on the bundled sample.

Shapes are pinned (the exact keys of every response), values are checked
against the ``Corpus`` the API stands on, and every error is an RFC 9457
problem.  A few cases no real corpus produces (a store that fails, a corpus
that offers sorting or facets) use small stand-ins with the same methods.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import frus
from frus import cite
from frus.corpus import Corpus
from frus.errors import NotFound, StoreError
from frus.export.text import render_text
from frus.model import Document, ListEntry, Volume, to_dict
from frus.search.results import Hit, SearchResult
from frus.web.app import SECURITY_HEADERS, create_app

SAMPLE = Path(frus.__file__).resolve().parent / "sample"
MODERN, OLD, PUBDIP = "frus1969-76ve09p1", "frus1894Nicaragua", "frus1917-72PubDip"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("api") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(SAMPLE.glob("*.xml")), workers=0)
        corpus.link(aux=False, overrides=False, workers=0)  # as `frus ingest` does; the link routes need it
    assert not report.failed, [f.error for f in report.failed]
    return db


@pytest.fixture(scope="module")
def corpus(sample_db):
    with contextlib.closing(Corpus.open(sample_db, readonly=True)) as c:
        yield c


@pytest.fixture(scope="module")
def client(sample_db):
    with TestClient(create_app(sample_db)) as c:
        yield c


def assert_problem(r, status: int, kind: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert PROBLEM_KEYS <= set(body), body
    assert body["status"] == status
    assert body["type"] == f"/api/docs#problem-{kind}"
    assert body["detail"] and body["title"]
    return body


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------

SEARCH_KEYS = {
    "query", "total", "offset", "limit", "took_ms", "hits", "facets", "next_offset",
    "parsed", "sort", "filters", "warnings",
}
HIT_KEYS = {
    "id", "volume_id", "number", "title", "date_min", "date_max", "score", "snippet", "snippet_field",
    "snippet_note", "url", "html_url",
}


def test_search_shape_and_values(client, corpus):
    r = client.get("/api/v1/search", params={"q": "Bluefields", "limit": 5})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == SEARCH_KEYS
    expected = corpus.search("Bluefields", limit=5)
    assert body["total"] == expected.total > 5
    assert [h["id"] for h in body["hits"]] == [h.id for h in expected.hits]
    for hit in body["hits"]:
        assert set(hit) == HIT_KEYS
        assert hit["url"] == f"/api/v1/documents/{hit['id']}"
        assert hit["html_url"] == f"/historicaldocuments/{hit['id']}"
        assert "<b>" in hit["snippet"]
    assert body["next_offset"] == 5
    # facet counts cover the whole result set, so each value counts at most `total` documents
    assert body["facets"], "facets are computed for every search"
    for name, values in body["facets"].items():
        for value in values:
            count = value["count"] if isinstance(value, dict) else value[1]
            assert 0 < count <= body["total"], (name, value)


def test_search_pages_to_the_end(client, corpus):
    total = corpus.search("Bluefields", limit=0).total
    r = client.get("/api/v1/search", params={"q": "Bluefields", "limit": 10, "offset": total - 3})
    body = r.json()
    assert len(body["hits"]) == 3 and body["next_offset"] is None
    r = client.get("/api/v1/search", params={"q": "Bluefields", "limit": 0})
    assert r.json()["hits"] == [] and r.json()["total"] == total


def test_search_links_lead_to_documents(client):
    hit = client.get("/api/v1/search", params={"q": "Qadhafi", "limit": 1}).json()["hits"][0]
    assert client.get(hit["url"]).status_code == 200
    assert client.get(hit["html_url"]).status_code == 200


@pytest.mark.parametrize(
    ("query", "position"), [('"Mosquito Reservation', 0), ("Libya OR", 8)]
)
def test_bad_query_is_a_problem_that_points_at_the_fault(client, query, position):
    body = assert_problem(client.get("/api/v1/search", params={"q": query}), 400, "bad-query")
    assert body["position"] == position
    assert body.get("hint", "x")  # a hint, when the parser gives one, is never empty
    assert body["instance"] == "/api/v1/search"


@pytest.mark.parametrize(
    ("params", "location"),
    [
        ({}, ["query", "q"]),
        ({"q": "x", "limit": "101"}, ["query", "limit"]),
        ({"q": "x", "limit": "-1"}, ["query", "limit"]),
        ({"q": "x", "limit": "ten"}, ["query", "limit"]),
        ({"q": "x", "offset": "10001"}, ["query", "offset"]),
        ({"q": "x" * 1001}, ["query", "q"]),
    ],
)
def test_invalid_parameters_are_422_problems(client, params, location):
    body = assert_problem(client.get("/api/v1/search", params=params), 422, "invalid-parameters")
    assert [e["location"] for e in body["errors"]] == [location]
    assert all(set(e) == {"location", "message", "type"} for e in body["errors"])


def test_sort_is_refused_by_a_corpus_that_cannot_sort():
    stub = StubCorpus()
    with TestClient(create_app(corpus=stub)) as c:
        body = assert_problem(c.get("/api/v1/search", params={"q": "Libya", "sort": "date"}), 400, "bad-parameter")
    assert "sort" in body["detail"]
    assert stub.calls == []


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------

DOCUMENT_KEYS = {
    "document", "volume", "prev", "next", "persons", "terms", "people", "citation", "html_url", "text_url",
}
REF_KEYS = {"id", "number", "title", "url", "html_url"}
ENTRY_KEYS = {"id", "name", "description", "url", "html_url"}


def test_document_is_the_full_record(client, corpus):
    doc = corpus.document(f"{PUBDIP}/d6")
    r = client.get(f"/api/v1/documents/{PUBDIP}/d6")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == DOCUMENT_KEYS
    assert body["document"] == to_dict(doc)
    assert set(body["volume"]) == {"id", "title", "url", "html_url"}
    assert set(body["prev"]) == REF_KEYS and body["prev"]["id"] == doc.prev_id
    assert set(body["next"]) == REF_KEYS and body["next"]["id"] == doc.next_id
    volume = corpus.volume(PUBDIP)
    assert body["citation"] == cite.citations(doc, volume)
    assert body["text_url"] == f"/api/v1/documents/{PUBDIP}/d6?format=text"
    # persons and terms mentioned, with the identification from the volume's lists
    mentioned = {m.target for m in doc.mentions if m.kind == "person"}
    listed = {p.id: p for p in volume.persons}
    assert {p["id"] for p in body["persons"]} == mentioned & set(listed)
    for person in body["persons"]:
        assert set(person) == ENTRY_KEYS | {"forms"}
        assert person["description"] == listed[person["id"]].description
        assert person["forms"]
    assert body["terms"], "the letter uses abbreviations"
    # and the persons across volumes, from the link tables (shape pinned in test_api_links.py)
    assert set(body["people"]) == {"parties", "persons", "ambiguous", "unresolved"}
    assert {p["id"] for p in body["people"]["persons"]} == {
        p.person_id for p in corpus.document_persons(doc.id).persons if p.status == "linked"
    } | {p.person_id for p in corpus.document_persons(doc.id).parties if p.person_id}


def test_first_document_has_no_prev(client, corpus):
    first = corpus.documents(MODERN)[0]
    body = client.get(f"/api/v1/documents/{first.id}").json()
    assert body["prev"] is None and body["next"]["id"] == first.next_id


def test_every_sample_document_is_served(client, corpus):
    count = 0
    for volume in corpus.volumes():
        for doc in corpus.documents(volume.id):
            r = client.get(f"/api/v1/documents/{doc.id}")
            assert r.status_code == 200, doc.id
            assert r.json()["citation"]["chicago"].startswith(cite.volume_title(volume))
            count += 1
    assert count == 310


def test_document_as_text(client, corpus):
    doc = corpus.document(f"{MODERN}/d10")
    r = client.get(f"/api/v1/documents/{MODERN}/d10", params={"format": "text"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert r.text == render_text(doc)
    assert "[Page 15]" in r.text


def test_tei_is_refused_with_the_reason(client):
    body = assert_problem(
        client.get(f"/api/v1/documents/{MODERN}/d10", params={"format": "tei"}), 406, "format-unavailable"
    )
    assert "TEI" in body["detail"]


def test_unknown_format_is_a_422(client):
    assert_problem(client.get(f"/api/v1/documents/{MODERN}/d10", params={"format": "pdf"}), 422, "invalid-parameters")


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/documents/{MODERN}/d99999",
        "/api/v1/documents/frus1999nothing/d1",
        "/api/v1/volumes/frus1999nothing",
        f"/api/v1/persons/{MODERN}/p_NOBODY",
        f"/api/v1/terms/{MODERN}/t_NOTHING",
        "/api/v1/persons/frus1999nothing/p_AR_1",
        "/api/v1/nowhere",
        "/api/v2/search?q=x",
    ],
)
def test_unknown_ids_are_404_problems(client, url):
    body = assert_problem(client.get(url), 404, "not-found")
    assert body["instance"] == url.split("?")[0]


def test_other_methods_are_405_problems_with_allow(client):
    r = client.post("/api/v1/search", params={"q": "x"})
    assert_problem(r, 405, "method-not-allowed")
    assert "GET" in r.headers["allow"]


# --------------------------------------------------------------------------
# Volumes
# --------------------------------------------------------------------------

VOLUME_KEYS = {
    "id", "title", "subseries", "volume_number", "volume_title", "editors", "published",
    "document_count", "persons_count", "terms_count", "url", "html_url",
}


def test_volumes(client, corpus):
    body = client.get("/api/v1/volumes").json()
    assert set(body) == {"total", "volumes"}
    assert body["total"] == 3
    assert [v["id"] for v in body["volumes"]] == [OLD, PUBDIP, MODERN]
    by_id = {v.id: v for v in corpus.volumes()}
    for v in body["volumes"]:
        assert set(v) == VOLUME_KEYS
        assert v["document_count"] == by_id[v["id"]].document_count
        assert v["persons_count"] == len(by_id[v["id"]].persons)
        assert v["editors"] == list(by_id[v["id"]].editors)


def _flatten(nodes):
    for node in nodes:
        yield node
        yield from _flatten(node["children"])


def test_volume_has_its_contents_as_a_tree(client, corpus):
    body = client.get(f"/api/v1/volumes/{MODERN}").json()
    assert set(body) == {"volume", "toc", "persons", "terms"}
    assert set(body["volume"]) == VOLUME_KEYS
    docs = corpus.documents(MODERN)
    nodes = list(_flatten(body["toc"]))
    # every document exactly once, in reading order
    assert [n["id"] for n in nodes if n["kind"] == "document"] == [d.id for d in docs]
    # the tree's headings are the documents' paths
    top = [n["title"] for n in body["toc"]]
    assert top == ["Documents on North Africa, 1973–1976"]
    countries = [n["title"] for n in body["toc"][0]["children"] if n["kind"] == "section"]
    assert countries == list(dict.fromkeys(d.path[1] for d in docs))
    for node in nodes:
        if node["kind"] == "document":
            assert node["url"] == f"/api/v1/documents/{node['id']}"
        else:
            assert node["children"] and node.get("id") is None
    volume = corpus.volume(MODERN)
    assert [p["id"] for p in body["persons"]] == [p.id for p in volume.persons]
    assert [t["id"] for t in body["terms"]] == [t.id for t in volume.terms]
    assert all(set(p) == ENTRY_KEYS for p in body["persons"] + body["terms"])


def test_volume_without_lists(client):
    body = client.get(f"/api/v1/volumes/{OLD}").json()
    assert body["persons"] == [] and body["terms"] == []
    assert len(list(_flatten(body["toc"]))) >= 138


# --------------------------------------------------------------------------
# Persons and terms
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "segment"), [("person", "persons"), ("term", "terms")])
def test_entry_lists_the_documents_mentioning_it_by_date(client, corpus, kind, segment):
    volume = corpus.volume(MODERN)
    docs = corpus.documents(MODERN)
    # the entry mentioned in the most documents
    entries = volume.persons if kind == "person" else volume.terms
    counts = {e.id: sum(any(m.kind == kind and m.target == e.id for m in d.mentions) for d in docs) for e in entries}
    entry_id = max(counts, key=counts.get)
    body = client.get(f"/api/v1/{segment}/{MODERN}/{entry_id}").json()
    assert set(body) == {"kind", "volume", "entry", "documents"}
    assert body["kind"] == kind
    assert set(body["entry"]) == ENTRY_KEYS and body["entry"]["id"] == entry_id
    found = body["documents"]
    assert len(found) == counts[entry_id] > 3
    assert all(
        set(d) == {"id", "number", "title", "date_min", "date_max", "type", "where", "url", "html_url"} for d in found
    )
    dates = [d["date_min"] for d in found if d["date_min"]]
    assert dates == sorted(dates)
    by_id = {d.id: d for d in docs}
    for d in found:
        places = {m.where for m in by_id[d["id"]].mentions if m.kind == kind and m.target == entry_id}
        assert set(d["where"]) == places


# --------------------------------------------------------------------------
# OpenAPI and its docs page
# --------------------------------------------------------------------------

ROUTES = {
    "/api/v1/search",
    "/api/v1/documents/{volume_id}/{local_id}",
    "/api/v1/volumes",
    "/api/v1/volumes/{volume_id}",
    "/api/v1/persons/{volume_id}/{entry_id}",
    "/api/v1/terms/{volume_id}/{entry_id}",
    # what `frus link` derives (tests/test_api_links.py)
    "/api/v1/persons",
    "/api/v1/persons/{person_id}",
    "/api/v1/documents/{volume_id}/{local_id}/persons",
    "/api/v1/documents/{volume_id}/{local_id}/references",
    "/api/v1/documents/{volume_id}/{local_id}/unprinted",
    "/api/v1/documents/{volume_id}/{local_id}/excisions",
    "/api/v1/unprinted",
    "/api/v1/unprinted/{unprinted_id}",
    "/api/v1/references/unresolved",
}


def test_openapi_lists_the_api_and_only_the_api(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == ROUTES
    for path in spec["paths"].values():
        responses = path["get"]["responses"]
        for status in ("404", "422", "503"):
            if status in responses:
                assert "application/problem+json" in responses[status]["content"]


class _Anchors(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.ids.update(v for k, v in attrs if k == "id" and v)


def test_docs_page_is_self_contained_and_complete(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = _Anchors(r.text)
    assert "script" not in page.tags  # nothing loaded from a CDN, nothing to run
    assert not re.search(r"""(src|href)=["']https?://(?!www\.rfc-editor\.org)""", r.text)
    for route in ROUTES:
        assert route in r.text
    # every problem type a response names is explained on the page
    for kind in ("bad-query", "bad-parameter", "not-found", "method-not-allowed", "format-unavailable",
                 "invalid-parameters", "internal", "unavailable", "links-missing"):
        assert f"problem-{kind}" in page.ids
    # and the example links it offers work
    for example in re.findall(r'Try: <a href="([^"]+)"', r.text):
        assert client.get(example.replace("&amp;", "&")).status_code == 200, example


def test_api_responses_carry_the_security_headers(client):
    for url in ("/api/v1/volumes", "/api/v1/nowhere", "/api/openapi.json"):
        r = client.get(url)
        for name, value in SECURITY_HEADERS.items():
            assert r.headers[name] == value


# --------------------------------------------------------------------------
# Failures no real corpus produces on demand
# --------------------------------------------------------------------------


class StubCorpus:
    """One volume, one document; search answers what the test sets."""

    def __init__(self, result: SearchResult | None = None, fail: Exception | None = None):
        self.volume_ = Volume(id="frusT", title="Test volume", persons=(ListEntry("p_A", "A, B", "someone"),))
        self.doc = Document(id="frusT/d1", volume_id="frusT", local_id="d1", number="1", title="One")
        self.result = result or SearchResult(query="x", total=0, offset=0, limit=10)
        self.fail = fail
        self.calls: list[dict] = []

    def _maybe_fail(self):
        if self.fail is not None:
            raise self.fail

    def volumes(self):
        self._maybe_fail()
        return [self.volume_]

    def volume(self, volume_id):
        self._maybe_fail()
        if volume_id != "frusT":
            raise NotFound(volume_id)
        return self.volume_

    def documents(self, volume_id):
        self.volume(volume_id)
        return [self.doc]

    def document(self, doc_id):
        self._maybe_fail()
        if doc_id != self.doc.id:
            raise NotFound(doc_id)
        return self.doc

    def search(self, query, *, limit=10, offset=0):
        self._maybe_fail()
        self.calls.append({"query": query, "limit": limit, "offset": offset})
        return self.result

    def close(self):
        pass


class SortingCorpus(StubCorpus):
    def search(self, query, *, limit=10, offset=0, sort=None):
        self.calls.append({"query": query, "limit": limit, "offset": offset, "sort": sort})
        return self.result


def test_store_failure_is_503(client):
    with TestClient(create_app(corpus=StubCorpus(fail=StoreError("index locked")))) as c:
        for url in ("/api/v1/volumes", "/api/v1/search?q=x", "/api/v1/documents/frusT/d1"):
            body = assert_problem(c.get(url), 503, "unavailable")
            assert "index locked" in body["detail"]


def test_crash_is_a_500_problem_without_details():
    with TestClient(create_app(corpus=StubCorpus(fail=RuntimeError("disk on fire at /secret/path")))) as c:
        r = c.get("/api/v1/volumes")
    body = assert_problem(r, 500, "internal")
    assert "/secret/path" not in r.text and "Traceback" not in r.text
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_sort_and_facets_pass_through_when_the_corpus_has_them():
    hit = Hit(id="frusT/d1", volume_id="frusT", number="1", title="One", date_min=None, date_max=None, score=1.0)
    result = SearchResult(
        query="x", total=1, offset=0, limit=10, hits=(hit,),
        facets={"volume": [("frusT", 1)], "year": [(1973, 1)]},
    )
    stub = SortingCorpus(result)
    with TestClient(create_app(corpus=stub)) as c:
        body = c.get("/api/v1/search", params={"q": "x", "sort": "date"}).json()
    assert stub.calls == [{"query": "x", "limit": 10, "offset": 0, "sort": "date"}]
    assert body["facets"] == {"volume": [{"value": "frusT", "count": 1}], "year": [{"value": "1973", "count": 1}]}


def test_search_filters_exclude_and_sort(client, corpus):
    """The page's parameters work on its JSON twin, with the same meaning."""
    everything = client.get("/api/v1/search", params={"q": "Bluefields"}).json()
    value, count = everything["facets"]["type"][0]["value"], everything["facets"]["type"][0]["count"]
    kept = client.get("/api/v1/search", params={"q": "Bluefields", "filter": f"type:{value}"}).json()
    assert kept["total"] == count
    assert kept["filters"]["include"] == {"type": [value]}
    left = client.get("/api/v1/search", params={"q": "Bluefields", "exclude": f"type:{value}"}).json()
    assert left["total"] == everything["total"] - count
    by_date = client.get("/api/v1/search", params={"q": "Bluefields", "sort": "date-asc", "limit": 20}).json()
    assert by_date["sort"] == "date-asc"
    assert [h["id"] for h in by_date["hits"]] == [
        h.id for h in corpus.search("Bluefields", limit=20, sort="date-asc").hits
    ]
    years = client.get("/api/v1/search", params={"q": "Bluefields", "from_year": "1895"}).json()
    assert years["parsed"].endswith("date:>=1895-01-01")
    assert years["total"] < everything["total"]


def test_search_reports_unmatched_terms(client):
    body = client.get("/api/v1/search", params={"q": "Bluefields OR zzqxnotaword"}).json()
    assert body["warnings"] == ["zzqxnotaword is in no document"]
