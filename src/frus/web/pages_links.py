"""The web pages over what ``frus link`` derives: persons across volumes, the
unprinted ledger, and the reader's panels of people, references, unprinted
documents and excisions.

Each page calls ``Corpus`` (through :mod:`frus.views_links` where records
are gathered) and renders a template; its JSON twin is in
:mod:`frus.api.routes_links`.  A corpus never linked still serves every
document: the reader shows a notice in place of the panels, and the pages
here say to run ``frus link``.

``/persons/{id}`` is the person across volumes; the volume-local persons
lists keep their pages under ``/historicaldocuments/VOLUME/persons/ID``
and link to it.
"""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import quote, urlencode

from fastapi.responses import HTMLResponse
from jinja2 import Environment

from frus import views_links
from frus.errors import FrusError, NotFound, StoreError
from frus.linking.records import MISSING, LinkStatus
from frus.model import Document

#: documents shown per list on a person page; the rest one list at a time
PERSON_LIST_PREVIEW = 20
PERSON_LIST_PAGE = 200
LEDGER_PAGE = 50
MAX_PAGE = 500
MAX_QUERY_CHARS = 500
PERSONS_SHOWN = 100
#: a TEI footnote id ends in its number: d33fn3
_NOTE_ID = re.compile(r"fn(\d+)$")


def person_href(person_id: str) -> str:
    return f"/persons/{quote(person_id, safe='')}"


def unprinted_href(entry_id: str) -> str:
    return f"/unprinted/{quote(entry_id, safe='')}"


def _page_number(raw: str) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return 1
    if not raw.isdigit():
        return None
    number = int(raw)
    return number if 1 <= number <= MAX_PAGE else None


def _pages(total: int, current: int, size: int) -> dict[str, Any]:
    last = max(1, min(MAX_PAGE, -(-total // size)))
    return {
        "current": current,
        "last": last,
        "first_shown": (current - 1) * size + 1,
        "last_shown": min(total, current * size),
        "numbers": list(range(max(1, current - 3), min(last, current + 3) + 1)),
        "prev": current - 1 if current > 1 else None,
        "next": current + 1 if current < last else None,
    }


def _page_href(path: str, **params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "", 1)}
    return path + ("?" + urlencode(kept) if kept else "")


_WORD = re.compile(r"\w+")


def _same_name(printed: str | None, name: str | None) -> bool:
    """Whether the party as printed says no more than the person's name ("Henry
    Kissinger" for "Kissinger, Henry A."), so the reader need not see it twice."""
    said = {w.casefold() for w in _WORD.findall(printed or "")}
    return not said or said <= {w.casefold() for w in _WORD.findall(name or "")}


def _where_label(where: str, doc: Document | None = None) -> str:
    """ "body" → "the text"; a footnote id → "note 3" (its printed marker when ``doc`` is given)."""
    if where in ("body", ""):
        return "the text"
    if where == "title":
        return "the title"
    if doc is not None:
        for note in doc.footnotes:
            if note.id == where:
                return "the source note" if note.is_source else f"note {note.n}" if note.n else "a note"
    numbered = _NOTE_ID.search(where)
    return f"note {numbered.group(1)}" if numbered else "a note"


class LinkPages:
    """The link pages of one app, and the reader's panels (``for_document``)."""

    def __init__(self, corpus: Any, show: Callable[..., HTMLResponse], env: Environment) -> None:
        self.corpus = corpus
        self.show = show
        env.globals.update(
            person_href=person_href,
            unprinted_href=unprinted_href,
            canonical_person=self.canonical_person,
            where_label=_where_label,
            same_name=_same_name,
            excision_groups=views_links.excision_groups,
            role_labels=views_links.ROLE_LABELS,
        )

    # -- helpers -------------------------------------------------------------

    def status(self) -> LinkStatus:
        return views_links.link_status(self.corpus)

    def not_linked(self, status: LinkStatus, title: str) -> HTMLResponse:
        return self.show(
            "error.html", 503, status=503, title=title, syntax=None,
            message=views_links.notice(status) or "This corpus has no links yet.",
        )

    def canonical_person(self, volume_id: str, local_id: str) -> tuple[str, str] | None:
        """(id, name) of the person a volume's persons-list entry was merged into, if linked."""
        if self.status().state == MISSING:
            return None
        try:
            person_id = self.corpus.person_for(volume_id, local_id)
            if person_id is None:
                return None
            return person_id, self.corpus.person_names([person_id]).get(person_id, person_id)
        except StoreError:
            return None

    def for_document(self, doc: Document, volume: Any = None) -> views_links.DocumentLinks:
        """What the reader's side panels show for ``doc`` (of ``volume``)."""
        return views_links.document_links(self.corpus, doc.id, volume)

    # -- pages -----------------------------------------------------------------

    def persons(self, q: str = "") -> HTMLResponse:
        status = self.status()
        text = " ".join(q.split())[:MAX_QUERY_CHARS]
        if status.state == MISSING:
            return self.not_linked(status, "Persons")
        found, problem = [], None
        if text:
            try:
                found = self.corpus.find_persons(text, limit=PERSONS_SHOWN)
            except (NotFound, StoreError):
                raise
            except FrusError as exc:
                problem = str(exc)
        return self.show(
            "persons.html", person_query=text, found=found, problem=problem, limit=PERSONS_SHOWN,
            notice=views_links.notice(status),
        )

    def person(self, person_id: str, show: str = "", page: str = "1") -> HTMLResponse:
        status = self.status()
        if status.state == MISSING:
            return self.not_linked(status, "Person")
        record = self.corpus.person(person_id)
        role = show.strip()
        if role and role not in views_links.ROLES:
            return self.show(
                "error.html", 400, status=400, title="Request not understood", syntax=None,
                message=f"`show` takes one of {', '.join(views_links.ROLES)}.",
            )
        number = _page_number(page)
        if number is None:
            return self.show(
                "error.html", 400, status=400, title="No such page", syntax=None,
                message=f"Pages are numbered 1 to {MAX_PAGE}.",
            )
        held = {s.volume_id for s in record.sources if s.origin == "volume"}
        sections = []
        for r in views_links.ROLES if not role else (role,):
            docs = views_links.role_documents(record, r)
            if role:
                start = (number - 1) * PERSON_LIST_PAGE
                shown = docs[start:start + PERSON_LIST_PAGE]
            else:
                shown = docs[:PERSON_LIST_PREVIEW]
            sections.append({
                "role": r,
                "label": views_links.ROLE_LABELS[r],
                "total": len(docs),
                "groups": views_links.by_year(shown),
                "more": None if role or len(docs) <= len(shown) else _page_href(person_href(record.id), show=r),
            })
        pages = None
        if role:
            pages = _pages(len(views_links.role_documents(record, role)), number, PERSON_LIST_PAGE)
            pages["href"] = lambda n: _page_href(person_href(record.id), show=role, page=n)
        return self.show(
            "person.html", person=record, held=held, offices=views_links.office_spans(record.offices),
            identifications=views_links.identifications(record), timeline=views_links.timeline(record),
            sections=sections, role=role or None, pages=pages, notice=views_links.notice(status),
            sources={s.volume_id: s for s in record.sources if s.volume_id in held},
        )

    def unprinted(self, q: str = "", page: str = "1") -> HTMLResponse:
        status = self.status()
        if status.state == MISSING:
            return self.not_linked(status, "Unprinted documents")
        text = " ".join(q.split())[:MAX_QUERY_CHARS]
        number = _page_number(page)
        if number is None:
            return self.show(
                "error.html", 400, status=400, title="No such results page", syntax=None,
                message=f"Results pages are numbered 1 to {MAX_PAGE}.",
            )
        result = self.corpus.unprinted(text or None, limit=LEDGER_PAGE, offset=(number - 1) * LEDGER_PAGE)
        pages = _pages(result.total, number, LEDGER_PAGE)
        pages["href"] = lambda n: _page_href("/unprinted", q=text, page=n)
        found = self.corpus.summaries({d for e in result for d in e.cited_by})
        return self.show(
            "unprinted.html", ledger_query=text, result=result, pages=pages, citing=found,
            notice=views_links.notice(status),
        )

    def unprinted_entry(self, entry_id: str) -> HTMLResponse:
        status = self.status()
        if status.state == MISSING:
            return self.not_linked(status, "Unprinted document")
        entry = self.corpus.unprinted_entry(entry_id)
        found = self.corpus.summaries(entry.cited_by)
        return self.show(
            "unprinted_entry.html", entry=entry, citing=found, notice=views_links.notice(status),
        )


def register(page: Callable[..., Any], corpus: Any, show: Callable[..., HTMLResponse], env: Environment) -> LinkPages:
    """Add the link pages to an app; ``page`` is its HTML route decorator.
    Returns the object whose ``for_document`` fills the reader's panels."""
    pages = LinkPages(corpus, show, env)
    page("/persons", name="persons")(pages.persons)
    page("/persons/{person_id}", name="canonical_person")(pages.person)
    page("/unprinted", name="unprinted")(pages.unprinted)
    page("/unprinted/{entry_id}", name="unprinted_entry")(pages.unprinted_entry)
    return pages


__all__ = ["LinkPages", "person_href", "register", "unprinted_href"]
