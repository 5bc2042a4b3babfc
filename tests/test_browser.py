"""The reader in a real browser: Debian's headless chromium through Playwright.

Starts the app with uvicorn on a free loopback port and does what a reader
does: search, open a result, open a footnote where it is called, copy the
citation, go to the next document.
It never runs ``playwright install``; the browser is the system's
``/usr/bin/chromium`` (``.ci/run`` installs it).  Off CI a machine without it
skips; under CI (``CI`` set) a missing browser is a failure.

Screenshots go to ``$FRUS_SCREENSHOTS`` when set (``make screenshots`` sets
it to ``docs/screenshots``; ``1`` means that folder too), else to a temporary
folder.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest

import frus
from frus import cite
from frus.corpus import Corpus
from frus.web import render
from frus.web.app import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VOLUME = "frus1917-72PubDip"
MODERN = "frus1969-76ve09p1"
QUERY = "propaganda"


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; apt-get install chromium chromium-driver"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("browser") / "frus.db"
    sample = Path(frus.__file__).resolve().parent / "sample"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(sample.glob("*.xml")))
        corpus.link(aux=False, overrides=False)  # as `frus ingest` (and `make run`) does
    assert not report.failed, [f.error for f in report.failed]
    return db


@pytest.fixture(scope="module")
def server(sample_db):
    with _serving(sample_db) as url:
        yield url


@contextlib.contextmanager
def _serving(db: Path):
    """The app under uvicorn in a thread, on a socket bound before it starts."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(db), log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


DOCS_SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


@pytest.fixture
def shots(tmp_path) -> Path:
    wanted = os.environ.get("FRUS_SCREENSHOTS")
    folder = DOCS_SHOTS if wanted == "1" else Path(wanted or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _rich_hit(db: Path) -> tuple[str, object]:
    """The first result of QUERY on page one whose document has body page breaks,
    anchored footnotes and a next document."""
    with contextlib.closing(Corpus.open(db, readonly=True)) as corpus:
        for hit in corpus.search(QUERY, limit=20).hits:
            doc = corpus.document(hit.id)
            kinds = {i.kind for b in doc.body for i in _all_inlines(b)}
            if {"pb", "noteref"} <= kinds and doc.next_id:
                return render.document_href(hit.id), doc
    raise AssertionError(f"no rich document among the first results for {QUERY!r}")


def _all_inlines(block):
    yield from block.inlines
    for child in block.children:
        yield from _all_inlines(child)


def test_search_read_and_follow(server, browser, sample_db, shots):
    href, doc = _rich_hit(sample_db)
    with contextlib.closing(Corpus.open(sample_db, readonly=True)) as corpus:
        citation = cite.chicago(doc, corpus.volume(doc.volume_id))
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # home → search by typing, as a person would
    page.goto(server + "/")
    assert page.evaluate("document.activeElement.id") == "q"  # the home page is for searching
    page.fill("#q", QUERY)
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=*")
    hits = page.locator("ol.hits > li")
    assert hits.count() == 20
    assert page.locator("ol.hits mark").count() >= 1
    page.screenshot(path=str(shots / "search.png"))

    # narrow by a facet: the count beside the value is the total it leaves
    value = page.locator('.facet[data-facet="type"] li').first
    count = int(value.locator(".count").inner_text().replace(",", ""))
    value.locator("a.value").click()
    page.wait_for_url("**filter=type*")
    assert page.locator(".result-count").inner_text().startswith(f"{count:,} document")
    assert page.locator(".active-filters li").count() == 1
    page.screenshot(path=str(shots / "search-filtered.png"))
    page.go_back()
    page.wait_for_url("**/search?q=*")

    # open a result
    page.click(f'ol.hits a[href="{href}"]')
    page.wait_for_url(f"**{href}")
    assert doc.title in page.locator("h1").inner_text()
    notes = page.locator("section.footnotes li")
    assert notes.count() == len(doc.footnotes)
    first_page = next(i.text for b in doc.body for i in _all_inlines(b) if i.kind == "pb")
    marker = page.locator(f"#pg_{render.safe_id(first_page)}")
    assert marker.is_visible() and f"[Page {first_page}]" in marker.inner_text()
    assert page.locator("dl.docmeta").is_visible()
    page.screenshot(path=str(shots / "document.png"))

    # keyboard: the first Tab reaches the skip link, which lands in the text
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # a footnote marker opens its note in place, without leaving the text
    call = page.locator("sup.fnref a").first
    target = call.get_attribute("href")
    note = next(n for n in doc.footnotes if n.id == target[1:])
    call.click()
    opened = page.locator(".fn-inline").first
    opened.wait_for(state="visible")
    assert " ".join(note.text.split())[:60] in " ".join(opened.inner_text().split())
    assert call.get_attribute("aria-expanded") == "true"
    assert not page.url.endswith(target), "the page did not jump to the notes"
    assert len(page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")) == len(
        set(page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)"))
    ), "the opened note repeats no id"
    page.screenshot(path=str(shots / "footnote.png"))
    # …and leads on to the full list of notes
    opened.locator("a.fn-inline-all").click()
    page.wait_for_url(f"**{href}{target}")
    assert page.evaluate("document.querySelector(':target').id") == target[1:]
    call.click()  # a second click closes it
    assert page.locator(".fn-inline").count() == 0

    # copy the citation
    copy = page.locator("button.copy")
    assert copy.is_visible()  # reader.js shows it
    copy.click()
    page.locator(".copy-status", has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert page.locator("#citation").inner_text().strip() == citation

    # and the next document
    page.click('a[rel="next"]')
    page.wait_for_url(f"**{render.document_href(doc.next_id)}")
    assert page.locator("h1").count() == 1

    assert not problems, problems  # no CSP violation, no script error
    context.close()


def test_volume_and_person_pages(server, browser, sample_db, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server + render.volume_href(MODERN))
    sections = page.locator("details")
    assert sections.count() > 2
    page.screenshot(path=str(shots / "volume.png"))
    # a section folds away with the keyboard
    page.locator("details summary").nth(1).focus()
    page.keyboard.press("Enter")
    assert page.locator("details").nth(1).get_attribute("open") is None
    page.keyboard.press("Enter")
    page.click(f'a[href="{render.list_href("person", MODERN)}"]')
    page.locator("dl.entries a").first.click()
    page.wait_for_url("**/persons/*")
    assert page.locator("ol.mentions li").count() >= 1
    assert not problems, problems
    page.close()


def test_phone_width_has_no_sideways_scroll(server, browser, sample_db, shots):
    href, _ = _rich_hit(sample_db)
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    for url in (
        "/", f"/search?q={QUERY}", f"/search?q={QUERY}&filter=type:letter&exclude=classification:Secret&from_year=1900",
        href, render.volume_href(VOLUME), render.volume_href(MODERN),
        render.entry_href("person", MODERN, "p_AAL_1"), "/api/docs",
    ):
        page.goto(server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, overflow)
    page.goto(server + href)
    page.screenshot(path=str(shots / "document-phone.png"))
    page.close()


# --------------------------------------------------------------------------
# People across volumes: the reader's panel → the person page
# --------------------------------------------------------------------------

DATA = Path(__file__).resolve().parent / "data"
KISSINGER = "hsa-107252"  # with the authority data cut in tests/data/entities/aux
#: a memorandum from Kissinger to President Nixon, with an unprinted document cited and excisions
FROM_KISSINGER = f"{MODERN}/d12"
RICH_PANEL = f"{VOLUME}/d9"


@pytest.fixture(scope="module")
def linked_server(tmp_path_factory):
    """The sample and the seed memo, ingested and linked as `frus ingest` does."""
    db = tmp_path_factory.mktemp("browser-linked") / "frus.db"
    sample = Path(frus.__file__).resolve().parent / "sample"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest([sample, DATA / "references" / "frus1969-76v13-d33.txt"])
        assert not report.failed, [f.error for f in report.failed]
        corpus.link(aux=DATA / "entities" / "aux", overrides=False)
    with _serving(db) as url:
        yield url


def test_from_the_reader_to_a_person_over_time(linked_server, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))

    # a cablegram with every panel: from and to, persons, references both ways, unprinted documents
    page.goto(linked_server + render.document_href(RICH_PANEL))
    aside = page.locator("aside.doc-aside")
    for panel in ("section.parties", "section.people", "section.references", "section.unprinted"):
        assert aside.locator(panel).is_visible(), panel
    assert aside.locator("section.references a[href^='/historicaldocuments/']").count() >= 2
    # the panel with a margin of the page around it, from the top of the page to its end
    box = aside.bounding_box()
    page.screenshot(
        path=str(shots / "reader-panel.png"), full_page=True,
        clip={"x": box["x"] - 28, "y": 0, "width": box["width"] + 56, "height": box["y"] + box["height"] + 24},
    )

    page.goto(linked_server + render.document_href(FROM_KISSINGER))
    parties = page.locator("aside.doc-aside section.parties")
    assert parties.locator("dt", has_text="From").is_visible()

    # the sender, linked to the person across volumes
    parties.locator(f'a[href="/persons/{KISSINGER}"]').first.click()
    page.wait_for_url(f"**/persons/{KISSINGER}")
    assert page.locator("h1").inner_text().startswith("Kissinger, Henry A.")
    # documents from and to him, year by year, with a bar for each year
    years = page.locator("table.years tbody tr:not(.empty)")
    assert years.count() >= 3
    assert page.locator("table.years svg.yearbar rect.seg-from").count() >= 1
    assert page.locator("table.years svg.yearbar rect.seg-to").count() >= 1
    assert page.locator("#docs-from").is_visible() and page.locator("#docs-to").is_visible()
    first_from = page.locator("section.person-docs").first.locator("ol.mentions a").first
    page.screenshot(path=str(shots / "person.png"))

    # and back into the reader from his documents
    href = first_from.get_attribute("href")
    first_from.click()
    page.wait_for_url(f"**{href}")
    assert page.locator("h1").count() == 1
    assert not problems, problems  # no CSP violation, no script error
    page.close()


def test_link_pages_fit_a_phone(linked_server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    for url in (
        render.document_href(FROM_KISSINGER), f"/persons/{KISSINGER}", f"/persons/{KISSINGER}?show=to",
        "/persons?q=Haig", "/unprinted", "/unprinted?q=kind:telegram",
        render.document_href("frus1917-72PubDip/d7"),
    ):
        page.goto(linked_server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, overflow)
    page.close()
