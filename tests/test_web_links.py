"""The web pages over the link tables: the reader's panels, persons across
volumes, the unprinted ledger — through the ASGI client, on a linked sample.

Links in the pages are followed (every one must lead somewhere), text from
the documents and from the visitor is checked to be escaped, and the pages
keep the Content-Security-Policy's promise (no inline script or style).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from urllib.parse import urlsplit

import pytest
from _html import Page
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
from frus.web.app import create_app

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def section(html: str, marker: str) -> str:
    """The HTML of the <section> whose heading id is ``marker``."""
    start = html.index(f'id="{marker}"')
    start = html.rindex("<section", 0, start)
    return html[start : html.index("</section>", start)]


@pytest.fixture(scope="module")
def corpus(linked_db):
    with contextlib.closing(Corpus.open(linked_db, readonly=True)) as c:
        yield c


@pytest.fixture(scope="module")
def client(linked_db):
    with TestClient(create_app(linked_db)) as c:
        yield c


def get(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers
    # the policy forbids inline script and style: a page needing them would break
    assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), url
    assert " style=" not in r.text, url
    return r.text


def local_links_work(client, html: str) -> None:
    for href in Page(html).hrefs():
        if href.startswith(("http", "#", "mailto:")) or "/cite." in href:
            continue
        path = urlsplit(href).path
        assert client.get(href).status_code == 200, href
        assert path.startswith("/")


# --------------------------------------------------------------------------
# The reader's panels
# --------------------------------------------------------------------------


def test_reader_panels_of_the_seed_memo(client):
    html = get(client, f"/historicaldocuments/{SEED_ID}")
    parties = section(html, "parties-h")
    # From Haig, to Kissinger, each linked to the person across volumes
    assert re.search(rf'<dt>From</dt>\s*<dd>\s*<a href="/persons/{HAIG}">Haig, Alexander', parties)
    assert re.search(rf'<dt>To</dt>\s*<dd>\s*<a href="/persons/{KISSINGER}">Kissinger, Henry A.', parties)
    people = section(html, "people-h")
    linked = {h.removeprefix("/persons/") for h in Page(people).hrefs()}
    assert set(SEED_PEOPLE.values()) <= linked
    assert "the editors tagged no names here" in Page(people).text  # a text copy: all found by the linker
    unprinted = section(html, "unprinted-h")
    assert len(re.findall(r'href="/unprinted/u[0-9a-f]+"', unprinted)) == 4
    assert "Telegram" in unprinted and "6440" in unprinted and "attached" in unprinted
    assert "links-notice" not in html  # current links: no notice
    local_links_work(client, parties + people + unprinted)


def test_reader_references_both_ways(client, corpus):
    html = get(client, f"/historicaldocuments/{PUBDIP}/d7")
    refs = section(html, "refs-h")
    page = Page(refs)
    # cites: footnote 2 of Document 6 (resolved), a volume the corpus lacks (external, kept with its target)
    assert f"/historicaldocuments/{PUBDIP}/d6#d6fn2" in page.hrefs()
    assert "Foreign Relations, 1918, Supplement 1" in page.text and "frus1918Supp01v01 p. 12" in page.text
    assert "https://history.state.gov/historicaldocuments/frus1918Supp01v01/pg_12" in page.hrefs()
    # the same external reference made twice is listed once, with both notes
    assert page.text.count("Foreign Relations, 1918, Supplement 1") == 1
    assert re.search(r"cited in note 4 ?, note 8", page.text)
    # cited by
    # cited by: each citing document, at the note that cites
    cited_by = Page(refs[refs.index("Cited by"):]).hrefs()
    incoming = corpus.references(f"{PUBDIP}/d7").incoming
    assert cited_by == [f"/historicaldocuments/{c.id}#{c.references[0].where}" for c in incoming]
    assert f"{PUBDIP}/d9" in [c.id for c in incoming]
    local_links_work(client, refs)


def test_reader_shows_ambiguous_names_as_such(client, corpus):
    doc = f"{PUBDIP}/d21"
    html = get(client, f"/historicaldocuments/{doc}")
    people = section(html, "people-h")
    found = corpus.document_persons(doc)
    page_mention = next(m for m in found.persons if m.text == "Page" and m.status == "ambiguous")
    unsettled = people[people.index("Not settled"):]
    assert "“Page”" in Page(unsettled).text and "one of" in unsettled
    assert {f"/persons/{c}" for c in page_mention.candidates} <= set(Page(unsettled).hrefs())
    # not forced onto either: neither candidate is listed among the persons for this name
    listed = people[: people.index("Not settled")]
    for candidate in page_mention.candidates:
        if f"/persons/{candidate}" in listed:
            assert candidate in {m.person_id for m in found.persons if m.status == "linked"}


def test_reader_lists_excisions(client, corpus):
    doc = f"{MODERN}/d13"
    html = get(client, f"/historicaldocuments/{doc}")
    panel = Page(section(html, "excisions-h")).text
    assert f"Excisions {len(corpus.excisions(doc))}" in panel
    assert "[1 paragraph (5 lines) not declassified]" in panel
    assert "[less than 1 line not declassified] ×" in panel  # repeated excisions are counted, not repeated


def test_reader_without_links_says_so_and_keeps_the_volume_list(unlinked_db):
    with TestClient(create_app(unlinked_db)) as c:
        html = get(c, f"/historicaldocuments/{PUBDIP}/d7")
    assert "links-notice" in html and "frus link" in html
    assert 'id="refs-h"' not in html and 'id="people-h"' not in html
    # the volume's own persons list still identifies the people
    assert f"/historicaldocuments/{PUBDIP}/persons/" in html


def test_reader_with_stale_links_says_so(stale_db):
    with TestClient(create_app(stale_db)) as c:
        html = get(c, f"/historicaldocuments/{PUBDIP}/d7")
    assert "links-notice" in html and "out of date" in html
    assert 'id="refs-h"' in html  # the last run's links are still shown


# --------------------------------------------------------------------------
# Persons
# --------------------------------------------------------------------------


def test_person_search(client):
    html = get(client, "/persons?q=Ivanoff")
    assert f'href="/persons/{SEED_PEOPLE["Ivanov"]}"' in html
    html = get(client, "/persons")
    assert 'name="q"' in html and "person-hits" not in html
    assert "No person matches" in get(client, "/persons?q=Zzyzxqt")


def test_person_page_over_time(client, corpus):
    html = get(client, f"/persons/{KISSINGER}")
    record = corpus.person(KISSINGER)
    page = Page(html)
    assert "Kissinger, Henry A." in page.text and "1923–" in page.text
    timeline = section(html, "timeline-h")
    rows = re.findall(r'<th scope="row">(\d{4}|Undated)', timeline)
    assert rows and rows[:-1] == sorted(rows[:-1])
    # one bar per year with documents (a range across years counts as undated)
    docs = {d for role in ("from", "to", "participant", "mentioning") for d in getattr(record, f"documents_{role}")}
    years = {d.date_min[:4] if _one_year(d) else None for d in docs}
    assert timeline.count("<svg") == len(years)
    # each dated year's bar: widths in percent, the busiest year full
    widths = [float(w) for w in re.findall(r'<rect class="seg-\w+" x="[\d.]+" y="0" width="([\d.]+)"', timeline)]
    assert widths and max(widths) <= 100
    to = section(html, "docs-to")
    shown = re.findall(r'href="/historicaldocuments/([^"#]+)"', to)
    assert shown == [d.id for d in record.documents_to][: len(shown)]
    assert SEED_ID in shown
    headings = re.findall(r'<h3 class="year">(\d{4})', to)
    assert headings == sorted(set(headings))
    # the per-volume entries the person was merged from are linked
    assert f"/historicaldocuments/{MODERN}/persons/" in html
    local_links_work(client, section(html, "docs-from") + section(html, "volumes-h"))


def _one_year(doc) -> bool:
    return bool(doc.date_min) and (doc.date_max or doc.date_min)[:4] == doc.date_min[:4]


def test_person_list_pages(client, corpus):
    # oldest first by year; undated documents, and those dated only across years, last
    every = [d.id for d in sorted(corpus.person(KISSINGER).documents_mentioning, key=lambda d: not _one_year(d))]
    html = get(client, f"/persons/{KISSINGER}?show=mentioning")
    shown = re.findall(r'href="/historicaldocuments/([^"#]+)"', section(html, "docs-mentioning"))
    assert shown == every[: len(shown)] and len(shown) == min(len(every), 200)
    get(client, f"/persons/{KISSINGER}?show=nothing", 400)
    get(client, f"/persons/{KISSINGER}?show=to&page=x", 400)
    get(client, "/persons/hsa-0", 404)


def test_volume_person_page_links_to_the_person_across_volumes(client, corpus):
    local = next(s.local_id for s in corpus.person(KISSINGER).sources if s.volume_id == MODERN)
    html = get(client, f"/historicaldocuments/{MODERN}/persons/{local}")
    assert f'href="/persons/{KISSINGER}"' in html and "Across volumes" in html


# --------------------------------------------------------------------------
# The unprinted ledger
# --------------------------------------------------------------------------


def test_ledger_search_and_pages(client, corpus):
    html = get(client, f"/unprinted?q=cited:{SEED_ID}")
    entries = re.findall(r'<h2><a href="(/unprinted/u[0-9a-f]+)"', html)
    assert len(entries) == 4
    total = corpus.unprinted(None, limit=0).total
    assert total > 50
    first = get(client, "/unprinted")
    assert f"{total:,} unprinted documents" in Page(first).text
    assert 'href="/unprinted?page=2"' in first
    second = get(client, "/unprinted?page=2")
    assert set(re.findall(r'href="(/unprinted/u[0-9a-f]+)"', first)).isdisjoint(
        re.findall(r'href="(/unprinted/u[0-9a-f]+)"', second)
    )
    get(client, "/unprinted?page=x", 400)
    assert "No unprinted document matches" in get(client, "/unprinted?q=zzyzxqt")


def test_ledger_entry_lists_every_citing_document(client, corpus):
    telegram = next(e for e in corpus.document_unprinted(SEED_ID) if e.kind == "telegram")
    html = get(client, f"/unprinted/{telegram.id}")
    page = Page(html)
    assert "Telegram 6440" in page.text and "Moscow" in page.text
    assert f"/historicaldocuments/{SEED_ID}#d33fn3" in page.hrefs()
    assert "attached telegram (6440 from Moscow, October 28)" in page.text
    get(client, "/unprinted/u000000000000", 404)


def test_link_pages_without_links_say_how_to_build_them(unlinked_db):
    with TestClient(create_app(unlinked_db)) as c:
        for url in ("/persons", "/persons?q=Creel", "/persons/hsa-107252", "/unprinted", "/unprinted/u1"):
            html = get(c, url, 503)
            assert "frus link" in html


def test_navigation_leads_to_persons_and_unprinted(client):
    for url in ("/", f"/historicaldocuments/{SEED_ID}", "/persons", "/unprinted"):
        hrefs = Page(get(client, url)).hrefs()
        assert "/persons" in hrefs and "/unprinted" in hrefs


# --------------------------------------------------------------------------
# Escaping
# --------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/persons?q=", "/unprinted?q="])
def test_what_a_visitor_types_is_escaped(client, url):
    html = get(client, url + HOSTILE)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


class _HostileCorpus:
    """The real corpus, but every person and ledger text it returns is markup."""

    def __init__(self, corpus):
        self._corpus = corpus

    def __getattr__(self, name):
        return getattr(self._corpus, name)

    def person(self, person_id, **kw):
        r = self._corpus.person(person_id, **kw)
        return dataclasses.replace(r, preferred_name=HOSTILE, name_forms=(HOSTILE,),
                                   identifications=tuple((v, HOSTILE) for v, _ in r.identifications))

    def person_names(self, ids):
        return {i: HOSTILE for i in ids}

    def document_persons(self, doc_id):
        found = self._corpus.document_persons(doc_id)
        return dataclasses.replace(
            found,
            parties=tuple(dataclasses.replace(p, person_name=HOSTILE, party_name=HOSTILE) for p in found.parties),
            persons=tuple(dataclasses.replace(m, person_name=HOSTILE, text=HOSTILE) for m in found.persons),
        )

    def document_unprinted(self, doc_id):
        return [dataclasses.replace(e, description=HOSTILE, sender=HOSTILE, kind=HOSTILE)
                for e in self._corpus.document_unprinted(doc_id)]


def test_link_records_are_escaped(corpus):
    with TestClient(create_app(corpus=_HostileCorpus(corpus))) as c:
        for url in (f"/historicaldocuments/{SEED_ID}", f"/persons/{KISSINGER}"):
            html = get(c, url)
            assert "<script>alert" not in html and "<img src=x" not in html, url
            assert "&lt;script&gt;" in html, url
