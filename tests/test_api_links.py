"""The link routes of the REST API, through the ASGI client, on a linked sample.

Shapes are pinned, values are checked against the ``Corpus`` the routes
stand on, and the states a server meets — links never built, links out of
date — are answered as documented.  The corpus is the bundled sample plus
the seed memo, linked with the authority data cut in ``tests/data``.
"""

from __future__ import annotations

import contextlib
import csv
import io

import pytest
from _linked_sample import (  # noqa: F401  (fixtures)
    HAIG,
    KISSINGER,
    MODERN,
    PUBDIP,
    SEED_ID,
    SEED_PEOPLE,
    linked_db,
    stale_db,
    unlinked_db,
)
from fastapi.testclient import TestClient

from frus.corpus import Corpus
from frus.references import CHECK_COLUMNS
from frus.web.app import create_app

LINKS_KEYS = {"state", "message", "linked_at"}
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.fixture(scope="module")
def corpus(linked_db):
    with contextlib.closing(Corpus.open(linked_db, readonly=True)) as c:
        yield c


@pytest.fixture(scope="module")
def client(linked_db):
    with TestClient(create_app(linked_db)) as c:
        yield c


def problem(r, status: int, kind: str) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["type"] == f"/api/docs#problem-{kind}"
    return body


# --------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------


def test_find_persons(client, corpus):
    r = client.get("/api/v1/persons", params={"q": "Kissinger"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"query", "limit", "total", "persons", "links"}
    assert body["links"]["state"] == "current" and set(body["links"]) == LINKS_KEYS
    expected = corpus.find_persons("Kissinger")
    assert [p["id"] for p in body["persons"]] == [p.id for p in expected]
    first = body["persons"][0]
    assert first["id"] == KISSINGER
    assert first["documents"] == expected[0].documents > 0
    assert first["url"] == f"/api/v1/persons/{KISSINGER}" and first["html_url"] == f"/persons/{KISSINGER}"


def test_find_persons_by_another_spelling(client):
    # the seed memo prints "Ivanoff" once; the register knows him as Ivanov
    body = client.get("/api/v1/persons", params={"q": "Ivanoff"}).json()
    assert SEED_PEOPLE["Ivanov"] in [p["id"] for p in body["persons"]]


@pytest.mark.parametrize("params", [{"q": "  "}, {"q": "!!"}])
def test_a_query_without_a_name_is_a_bad_parameter(client, params):
    problem(client.get("/api/v1/persons", params=params), 400, "bad-parameter")


@pytest.mark.parametrize("params", [{}, {"q": "Haig", "limit": 0}, {"q": "Haig", "limit": 101}])
def test_missing_or_out_of_range_parameters(client, params):
    problem(client.get("/api/v1/persons", params=params), 422, "invalid-parameters")


PERSON_KEYS = {
    "person", "offset", "limit", "counts", "by_year", "documents_from", "documents_to",
    "documents_participant", "documents_mentioning", "links",
}
PERSON_DOC_KEYS = {"id", "volume_id", "number", "title", "date_min", "date_max", "mentions", "url", "html_url"}


def test_one_person_across_volumes(client, corpus):
    r = client.get(f"/api/v1/persons/{KISSINGER}")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == PERSON_KEYS
    record = corpus.person(KISSINGER)
    person = body["person"]
    assert person["preferred_name"] == record.preferred_name
    assert person["authority_id"] == "107252"
    assert len(person["volumes"]) == len(record.volumes) > 50  # the authority data lists far more volumes than we hold
    held = {v["id"] for v in person["volumes"] if v["in_corpus"]}
    assert MODERN in held
    assert {o["title"] for o in person["offices"]} >= {"Secretary of State"}
    assert all(set(o) == {"title", "start", "end", "source"} for o in person["offices"])
    for role in ("from", "to", "participant", "mentioning"):
        listed = body[f"documents_{role}"]
        assert [d["id"] for d in listed] == [d.id for d in getattr(record, f"documents_{role}")]
        assert body["counts"][role] == len(listed)
        assert all(set(d) == PERSON_DOC_KEYS for d in listed)
        # oldest first, undated last
        dates = [d["date_min"] for d in listed if d["date_min"]]
        assert dates == sorted(dates)
    assert body["counts"]["to"] > 0 and body["counts"]["participant"] > 0
    # the seed memo is addressed to him
    assert SEED_ID in [d["id"] for d in body["documents_to"]]
    # the years add up to the lists
    for role in ("from", "to", "participant", "mentioning"):
        assert sum(y[role] for y in body["by_year"]) == body["counts"][role]
    years = [y["year"] for y in body["by_year"] if y["year"]]
    assert years == sorted(years)


def test_person_sources_link_to_the_volume_lists(client):
    body = client.get(f"/api/v1/persons/{KISSINGER}").json()
    held = [s for s in body["person"]["sources"] if s["in_corpus"]]
    assert held, "the sample's persons list names Kissinger"
    for source in held:
        assert client.get(source["url"]).status_code == 200
        assert source["html_url"].startswith(f"/historicaldocuments/{source['volume_id']}/persons/")


def test_person_documents_page_through(client, corpus):
    every = [d.id for d in corpus.person(KISSINGER).documents_mentioning]
    assert len(every) > 6
    pages = []
    for offset in range(0, len(every), 5):
        body = client.get(f"/api/v1/persons/{KISSINGER}", params={"limit": 5, "offset": offset}).json()
        pages += [d["id"] for d in body["documents_mentioning"]]
        assert body["counts"]["mentioning"] == len(every)
    assert pages == every


def test_unknown_person_is_not_found(client):
    problem(client.get("/api/v1/persons/hsa-0"), 404, "not-found")


# --------------------------------------------------------------------------
# One document's people, references, unprinted documents, excisions
# --------------------------------------------------------------------------


def test_document_persons_of_the_seed_memo(client, corpus):
    r = client.get(f"/api/v1/documents/{SEED_ID}/persons")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"doc_id", "parties", "persons", "ambiguous", "unresolved", "mentions", "terms", "links"}
    parties = {(p["role"], p["person_id"]) for p in body["parties"]}
    assert ("from", HAIG) in parties and ("to", KISSINGER) in parties
    haig = next(p for p in body["parties"] if p["role"] == "from")
    assert haig["html_url"] == f"/persons/{HAIG}" and haig["status"] == "linked"
    named = {p["id"]: p for p in body["persons"]}
    assert set(SEED_PEOPLE.values()) <= set(named)
    assert named[SEED_PEOPLE["Ivanov"]]["forms"] == ["Ivanov", "Ivanoff"]
    # parties first, each person once
    assert [p["id"] for p in body["persons"]][:2] == [HAIG, KISSINGER]
    assert len(named) == len(body["persons"])
    found = corpus.document_persons(SEED_ID)
    assert len(body["mentions"]) == len(found.persons)
    linked = [m for m in found.persons if m.status == "linked"]
    assert sum(p["mentions"] for p in body["persons"]) == len(linked)


def test_ambiguous_names_are_not_forced(client, corpus):
    # "Page" in the Public Diplomacy volume fits two listed persons; the linker says so
    doc = f"{PUBDIP}/d21"
    body = client.get(f"/api/v1/documents/{doc}/persons").json()
    assert body["ambiguous"], body
    page = next(a for a in body["ambiguous"] if a["text"] == "Page")
    candidates = {c["id"] for c in page["candidates"]}
    assert len(candidates) == 2
    assert all(c["name"].startswith("Page") for c in page["candidates"])
    assert "Page" not in [f for p in body["persons"] for f in p["forms"]]


def test_full_document_record_carries_its_people(client):
    body = client.get(f"/api/v1/documents/{SEED_ID}").json()
    assert {p["id"] for p in body["people"]["persons"]} >= set(SEED_PEOPLE.values())


REF_KEYS = {
    "id", "source_doc", "where", "kind", "target_volume", "target_doc", "target_footnote", "target_page", "text",
    "resolved", "scope", "origin", "target", "target_number", "target_marker", "reason", "target_url",
    "target_html_url",
}


def test_references_both_ways(client, corpus):
    doc = f"{PUBDIP}/d7"
    r = client.get(f"/api/v1/documents/{doc}/references")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"doc_id", "outgoing", "incoming", "links"}
    expected = corpus.references(doc)
    assert [x["id"] for x in body["outgoing"]] == [x.id for x in expected.outgoing]
    for ref in body["outgoing"]:
        assert set(ref) == REF_KEYS
    resolved = next(x for x in body["outgoing"] if x["resolved"])
    assert resolved["target_doc"] == f"{PUBDIP}/d6"
    assert resolved["target_html_url"] == f"/historicaldocuments/{PUBDIP}/d6#d6fn2"
    assert client.get(resolved["target_url"]).status_code == 200
    external = next(x for x in body["outgoing"] if not x["resolved"])
    assert external["target_volume"] == "frus1918Supp01v01"
    assert external["target_html_url"] == "https://history.state.gov/historicaldocuments/frus1918Supp01v01/pg_12"
    assert [c["id"] for c in body["incoming"]] == [c.id for c in expected.incoming]
    assert f"{PUBDIP}/d9" in [c["id"] for c in body["incoming"]]
    # and d6 is cited by d7
    cited = client.get(f"/api/v1/documents/{PUBDIP}/d6/references").json()
    assert doc in [c["id"] for c in cited["incoming"]]


LEDGER_KEYS = {
    "id", "kind", "number", "date", "date_text", "sender", "recipient", "location", "status", "description",
    "cited_by", "citations", "url", "html_url",
}


def test_the_seed_memo_cites_four_unprinted_documents(client):
    r = client.get(f"/api/v1/documents/{SEED_ID}/unprinted")
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"doc_id", "entries", "links"}
    entries = body["entries"]
    assert all(set(e) == LEDGER_KEYS for e in entries)
    kinds = sorted((e["kind"], e["number"]) for e in entries)
    assert kinds == [("fact sheet", None), ("memorandum", None), ("note", None), ("telegram", "6440")]
    telegram = next(e for e in entries if e["kind"] == "telegram")
    assert telegram["date"] == "1970-10-28" and telegram["sender"] == "Moscow"
    assert telegram["citations"][0]["html_url"] == f"/historicaldocuments/{SEED_ID}#d33fn3"
    entry = client.get(telegram["url"]).json()
    assert set(entry) == {"entry", "documents", "links"}
    assert entry["entry"]["id"] == telegram["id"]
    assert [d["id"] for d in entry["documents"]] == [SEED_ID]
    assert entry["documents"][0]["title"].startswith("Memorandum From the President")


def test_unprinted_search_pages_and_counts(client, corpus):
    body = client.get("/api/v1/unprinted", params={"q": f"cited:{SEED_ID}"}).json()
    assert set(body) == {"query", "total", "offset", "limit", "next_offset", "entries", "links"}
    assert body["total"] == 4 and body["next_offset"] is None
    everything = corpus.unprinted(None, limit=1000)
    first = client.get("/api/v1/unprinted", params={"limit": 10}).json()
    assert first["total"] == everything.total > 10 and first["next_offset"] == 10
    assert [e["id"] for e in first["entries"]] == [e.id for e in everything.entries[:10]]
    last = client.get("/api/v1/unprinted", params={"limit": 10, "offset": everything.total - 2}).json()
    assert len(last["entries"]) == 2 and last["next_offset"] is None


def test_unknown_ledger_entry_is_not_found(client):
    problem(client.get("/api/v1/unprinted/u000000000000"), 404, "not-found")


def test_excisions(client, corpus):
    doc = f"{MODERN}/d13"
    body = client.get(f"/api/v1/documents/{doc}/excisions").json()
    assert set(body) == {"doc_id", "total", "excisions", "links"}
    assert body["total"] == len(corpus.excisions(doc)) == len(body["excisions"]) > 10
    paragraph = next(x for x in body["excisions"] if x["unit"] == "paragraph")
    assert paragraph["extent_text"] == "1 paragraph (5 lines) not declassified"
    assert paragraph["amount"] == 1 and paragraph["lines"] == 5


@pytest.mark.parametrize("what", ["persons", "references", "unprinted", "excisions"])
def test_document_routes_know_unknown_documents(client, what):
    problem(client.get(f"/api/v1/documents/{MODERN}/d99999/{what}"), 404, "not-found")


# --------------------------------------------------------------------------
# Unresolved references
# --------------------------------------------------------------------------


def test_unresolved_references_as_json_and_csv(client, corpus):
    body = client.get("/api/v1/references/unresolved").json()
    assert set(body) == {"external", "total", "offset", "limit", "rows", "links"}
    rows = corpus.check_refs()
    assert body["total"] == len(rows) == len(body["rows"]) > 0
    assert all(set(r) == set(CHECK_COLUMNS) for r in body["rows"])
    internal = client.get("/api/v1/references/unresolved", params={"external": "false"}).json()
    assert internal["total"] == len(corpus.check_refs(external=False)) < body["total"]
    r = client.get("/api/v1/references/unresolved", params={"format": "csv", "external": "false"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(r.text)))
    assert tuple(table[0]) == CHECK_COLUMNS
    assert [row[0] for row in table[1:]] == [row["source_doc"] for row in internal["rows"]]
    page = client.get("/api/v1/references/unresolved", params={"limit": 1, "offset": 1}).json()
    assert page["rows"] == body["rows"][1:2]


# --------------------------------------------------------------------------
# A corpus never linked, and one linked before its last ingest
# --------------------------------------------------------------------------

LINK_ROUTES = [
    "/api/v1/persons?q=Creel",
    "/api/v1/persons/hsa-107252",
    f"/api/v1/documents/{PUBDIP}/d7/persons",
    f"/api/v1/documents/{PUBDIP}/d7/references",
    f"/api/v1/documents/{PUBDIP}/d7/unprinted",
    f"/api/v1/documents/{PUBDIP}/d7/excisions",
    "/api/v1/unprinted",
    "/api/v1/unprinted/u1f2738c53744",
    "/api/v1/references/unresolved",
]


def test_never_linked_is_a_links_missing_problem(unlinked_db):
    with TestClient(create_app(unlinked_db)) as c:
        for url in LINK_ROUTES:
            body = problem(c.get(url), 503, "links-missing")
            assert "frus link" in body["detail"]
        # the documents are still served, without people
        r = c.get(f"/api/v1/documents/{PUBDIP}/d7")
        assert r.status_code == 200 and r.json()["people"] is None


def test_stale_links_still_answer_and_say_so(stale_db):
    with TestClient(create_app(stale_db)) as c:
        body = c.get("/api/v1/persons", params={"q": "Creel"}).json()
        assert body["links"]["state"] == "stale"
        assert "frus link" in body["links"]["message"]
        assert body["persons"], "the links of the volume linked before are still read"
        refs = c.get(f"/api/v1/documents/{PUBDIP}/d7/references").json()
        assert refs["links"]["state"] == "stale" and refs["outgoing"]
