"""The web reader and the REST API: thin faces over ``Corpus``.

Each page route parses its input, calls one ``Corpus`` method (or a
``frus.views`` listing built on them) and renders a template; the JSON twin
of each page lives in ``frus.api`` and is mounted here, so ``frus serve``
serves both.  Neither face parses XML or touches the store or the index
itself.  Routes are plain ``def`` functions because every Corpus call blocks
(SQLite, Tantivy); Starlette runs them in its thread pool.

Nothing a visitor types can produce a 500: unknown ids are a 404 page,
unparsable queries a 400 page that points at the fault.  Under ``/api/``
the same errors are RFC 9457 problem details instead of pages.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any, Callable

import anyio.to_thread
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import frus
from frus import api, cite, views
from frus.api import docs as api_docs_module
from frus.api import params as api_params
from frus.api import routes_links
from frus.errors import FrusError, NotFound, QuerySyntaxError, StoreError
from frus.web import meta, pages_links, render, search_links

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 20
#: deep pages cost the index offset+limit documents each; nobody reads page 500
MAX_PAGE = 500
MAX_QUERY_CHARS = 1000
#: HEAD too, so link checkers and `curl -I` get the headers a GET would
READ = ["GET", "HEAD"]

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    # no inline script or style anywhere: the pages need none, and a
    # document that smuggles markup past the renderer still cannot run it
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Guard:
    """Outermost layer: security headers on every response, and no tracebacks.

    Starlette's own last-resort handler sits outside the app's middleware, so
    its 500 page would go out without the headers; catching here instead
    keeps one error page and one set of headers for everything.
    """

    def __init__(self, app: ASGIApp, crash_page: Callable[[str], Response]) -> None:
        self.app = app
        self.crash_page = crash_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # the traceback goes to the server log, never to the visitor
            log.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            try:
                response = self.crash_page(scope.get("path", ""))
            except Exception:  # the error page itself broke: say it plainly
                log.exception("error page failed")
                response = PlainTextResponse("Internal error", status_code=500)
            await response(scope, receive, send_with_headers)


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # the templates ship with the package: no stat() of each file per page
        auto_reload=False,
    )
    env.globals.update(
        volume_href=render.volume_href,
        document_href=render.document_href,
        entry_href=render.entry_href,
        facet_items=render.facet_items,
        list_href=render.list_href,
        format_date_range=render.format_date_range,
        type_label=meta.type_label,
        version=frus.__version__,
    )
    env.filters["snippet"] = render.safe_snippet
    env.filters["ticks"] = render.code_ticks
    return env


class _VolumeTitles:
    """Volume id → title for result lists, read once and refreshed on a miss.

    ``Corpus.volumes()`` carries the persons and terms lists, too heavy to
    fetch on every search; a volume ingested while the server runs shows up
    at the first result that names it.
    """

    def __init__(self, corpus: Any) -> None:
        self._corpus = corpus
        self._titles: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, volume_id: str) -> str:
        if volume_id not in self._titles:
            with self._lock:
                self._titles = {v.id: v.title for v in self._corpus.volumes()}
        return self._titles.get(volume_id, volume_id)


def create_app(db_path: str | Path | None = None, corpus: Any = None) -> FastAPI:
    """The reader and the REST API over the corpus at ``db_path``, opened read-only.

    ``corpus`` lets a caller (tests, ``frus serve``) hand in an open
    ``Corpus``-like object instead; the app then leaves closing it to them.
    """
    owned = corpus is None
    if owned:
        corpus = frus.Corpus.open(db_path, readonly=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        threads = os.environ.get(THREADS_ENV, "")
        if threads.isdigit() and int(threads) > 0:
            # Pages are short CPU work under one GIL: a few threads answer them
            # in arrival order, anyio's default forty interleave them and
            # stretch the slowest (measured: docs/benchmarks.md, under load).
            limiter = anyio.to_thread.current_default_thread_limiter()
            limiter.total_tokens = int(threads)
            app.state.thread_limiter = limiter
        yield
        if owned:
            corpus.close()

    app = FastAPI(
        title="frus API",
        version=frus.__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.corpus = corpus
    env = _templates()
    titles = _VolumeTitles(corpus)
    contents = views.ContentsCache(corpus)
    volumes = views.VolumeCache(corpus)
    app.include_router(api.build_router(corpus, contents))
    app.include_router(routes_links.build_router(corpus))

    def show(name: str, code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("query", "")
        return HTMLResponse(env.get_template(name).render(**context), status_code=code)

    def error_page(status: int, title: str, message: str, **extra: Any) -> HTMLResponse:
        extra.setdefault("query", "")
        extra.setdefault("syntax", None)
        return show("error.html", status, status=status, title=title, message=message, **extra)

    def crash_page(path: str) -> Response:
        if path.startswith(api.problems.API_PREFIX):
            return api.problem("internal", "The server could not answer this request.", instance=path)
        return error_page(500, "Something went wrong", "The server could not show this page.")

    app.add_middleware(Guard, crash_page=crash_page)

    @app.exception_handler(NotFound)
    def not_found(request: Request, exc: NotFound) -> Response:
        if api.wants_problem(request):
            return api.from_exception(request, exc)
        return error_page(404, "Not found", str(exc) or "There is nothing at this address.")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if api.wants_problem(request):
            return api.from_exception(request, exc)
        if exc.status_code == 404:
            return error_page(404, "Not found", "There is nothing at this address.")
        return error_page(exc.status_code, "Request not understood", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if api.wants_problem(request):
            return api.from_exception(request, exc)
        return error_page(400, "Request not understood", "A parameter of this address is not valid.")

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> Response:
        log.error("store error on %s: %s", request.url.path, exc)
        if api.wants_problem(request):
            return api.from_exception(request, exc)
        return error_page(503, "Corpus unavailable", str(exc))

    @app.exception_handler(FrusError)
    def frus_error(request: Request, exc: FrusError) -> Response:
        if api.wants_problem(request):
            if not isinstance(exc, (QuerySyntaxError, api.problems.BadParameter)):
                log.error("error on %s: %s", request.url.path, exc)
            return api.from_exception(request, exc)
        log.error("error on %s: %s", request.url.path, exc)
        return error_page(500, "Something went wrong", str(exc))

    page = partial(app.api_route, methods=READ, response_class=HTMLResponse, include_in_schema=False)

    @page("/")
    def home() -> HTMLResponse:
        volumes = sorted(corpus.volumes(), key=lambda v: v.id)
        total = sum(v.document_count for v in volumes)
        return show("home.html", volumes=volumes, total_documents=total)

    # On the event loop like the reader page below: CPU under the GIL, and a
    # worker thread would only add the hop (search p95 under load: 136–154 →
    # 111–131 ms, docs/benchmarks.md).
    @page("/search")
    async def search(
        q: str = "",
        page: str = "1",
        sort: str = "",
        filter_: list[str] = Query([], alias="filter"),
        exclude: list[str] = Query([]),
        from_year: str = "",
        to_year: str = "",
    ) -> HTMLResponse:
        try:
            asked = api_params.parse(q, filter_, exclude, from_year, to_year)
        except api.problems.BadParameter as exc:
            return error_page(400, "Request not understood", str(exc), query=q.strip())
        query = asked.text
        if asked.empty:
            return show("search.html", query="", result=None, pages=None, titles=titles, links=None)
        if len(query) > MAX_QUERY_CHARS:
            return error_page(
                400, "Query too long", f"A query may have at most {MAX_QUERY_CHARS} characters.",
                query=query[:MAX_QUERY_CHARS],
            )
        number = _page_number(page)
        if number is None or number > MAX_PAGE:
            return error_page(
                400, "No such results page",
                f"Results pages are numbered 1 to {MAX_PAGE}.", query=query,
            )
        sort_name = sort.strip() or "relevance"
        if sort_name not in search_links.SORTS:
            return error_page(
                400, "Request not understood",
                f"Results can be sorted by {', '.join(search_links.SORTS)}.", query=query,
            )
        try:
            result = corpus.search(
                asked.query, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE, sort=sort_name,
                filters=asked.filters, exclude=asked.exclude, facets=list(search_links.SHOWN),
                facet_limit=search_links.LIMIT,
            )
        except QuerySyntaxError as exc:
            # the marker points into the text typed in the box, not the years clause
            position = exc.position if asked.query == query else None
            return error_page(
                400, "The query could not be read", str(exc), query=query,
                syntax=_syntax_marker(query, position),
            )
        links = search_links.Links(asked, sort_name)
        return show(
            "search.html", query=query, result=result, titles=titles, asked=asked, links=links,
            facets=search_links.facet_panels(result.facets, links, titles.get), sorts=search_links.SORTS,
            facet_label=partial(search_links.label, volume_title=titles.get),
            pages=_pagination(result.total, number, query),
        )

    @page("/api/docs")
    def api_docs() -> HTMLResponse:
        return show(
            "api_docs.html", operations=api_docs_module.operations(app.openapi()),
            problems=list(api.PROBLEMS.values()), api_version=frus.__version__,
        )

    @page("/historicaldocuments/{volume_id}")
    def volume(volume_id: str) -> HTMLResponse:
        vol, entries = contents.get(volume_id)
        return show("volume.html", volume=vol, tree=views.toc_tree(entries), document_count=len(entries))

    def list_page(kind: str) -> Callable[[str], HTMLResponse]:
        def handler(volume_id: str) -> HTMLResponse:
            vol = corpus.volume(volume_id)
            return show("entries.html", volume=vol, kind=kind, entries=views.list_entries(vol, kind))

        return handler

    def entry_page(kind: str) -> Callable[[str, str], HTMLResponse]:
        def handler(volume_id: str, entry_id: str) -> HTMLResponse:
            vol, entries = contents.get(volume_id)
            entry = views.find_entry(vol, kind, entry_id)
            return show(
                "entry.html", volume=vol, kind=kind, entry=entry,
                documents=views.mentioning(entries, kind, entry.id),
            )

        return handler

    for kind, segment in views.LIST_KINDS.items():
        page(f"/historicaldocuments/{{volume_id}}/{segment}", name=f"{segment}_list")(list_page(kind))
        page(f"/historicaldocuments/{{volume_id}}/{segment}/{{entry_id}}", name=kind)(entry_page(kind))

    # persons across volumes, the unprinted ledger, and the reader's link panels
    link_pages = pages_links.register(page, corpus, show, env)

    # The reader page runs on the event loop, not in a worker thread: it is a
    # few milliseconds of CPU under the GIL, and the hop to a thread and back
    # cost a fifth of it (measured: docs/benchmarks.md, under load).
    @page("/historicaldocuments/{volume_id}/{local_id}")
    async def document(volume_id: str, local_id: str) -> HTMLResponse:
        doc = corpus.document(f"{volume_id}/{local_id}")
        shown = volumes.get(doc.volume_id)
        vol = shown.volume
        ctx = render.RenderContext.for_document(doc, vol, persons=shown.persons, terms=shown.terms)
        body = render.render_blocks(doc.body, ctx)
        notes = render.render_footnotes(doc.footnotes, ctx)
        prev, next_ = views.neighbours(corpus, doc)
        return show(
            "document.html", doc=doc, volume=vol, body=body, notes=notes,
            metadata=meta.document_metadata(doc),
            persons=views.mentioned(doc, vol, "person"), terms=views.mentioned(doc, vol, "term"),
            citation=cite.chicago(doc, vol), prev=prev, next=next_, links=link_pages.for_document(doc, vol),
        )

    @app.api_route(
        "/historicaldocuments/{volume_id}/{local_id}/cite.{ext}", methods=READ, include_in_schema=False
    )
    def citation(volume_id: str, local_id: str, ext: str) -> Response:
        if ext not in CITATION_FILES:
            raise NotFound(f"no citation format {ext!r}; try cite.bib, cite.ris or cite.json")
        doc = corpus.document(f"{volume_id}/{local_id}")
        vol = volumes.get(doc.volume_id).volume
        media_type, make = CITATION_FILES[ext]
        filename = f"{cite.cite_key(doc)}.{ext}"
        return Response(
            make(doc, vol), media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return app


#: the corpus a worker of ``frus serve --workers N`` opens (see app_from_environment)
DB_ENV = "FRUS_SERVE_DB"
#: request threads per server process (``frus serve --threads``)
THREADS_ENV = "FRUS_SERVE_THREADS"


def app_from_environment() -> FastAPI:
    """The app of one ``frus serve`` worker process, over the corpus named by ``$FRUS_SERVE_DB``.

    uvicorn starts each worker by importing an app factory by name, so the
    corpus path cannot be an argument: ``frus serve`` resolves it once and
    passes it down in the environment, which the workers inherit.
    """
    path = os.environ.get(DB_ENV)
    if not path:
        raise StoreError(f"${DB_ENV} does not name a corpus; start the server with `frus serve`")
    return create_app(path)


def _csl_file(doc: Any, volume: Any) -> str:
    # Zotero and citeproc read a CSL-JSON file as an array of items
    return json.dumps([cite.csl_json(doc, volume)], ensure_ascii=False, indent=2) + "\n"


#: download suffix → (media type, renderer)
CITATION_FILES: dict[str, tuple[str, Callable[[Any, Any], str]]] = {
    "bib": ("application/x-bibtex; charset=utf-8", cite.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", cite.ris),
    "json": ("application/vnd.citationstyles.csl+json; charset=utf-8", _csl_file),
}

API_DESCRIPTION = (
    "Read-only JSON over an offline corpus of *Foreign Relations of the United States* volumes: "
    "search, documents, volumes with their tables of contents, and the persons and terms lists. "
    "Every web page has a JSON twin here. Errors are RFC 9457 problem details."
)


def _page_number(raw: str) -> int | None:
    """Lenient for people: ``page=`` empty or missing is page 1."""
    raw = (raw or "").strip()
    if not raw:
        return 1
    if not raw.isdigit():
        return None
    number = int(raw)
    return number if number >= 1 else None


def _pagination(total: int, current: int, query: str) -> dict[str, Any]:
    last = max(1, min(MAX_PAGE, -(-total // PAGE_SIZE)))
    window = range(max(1, current - 3), min(last, current + 3) + 1)
    return {
        "current": current,
        "last": last,
        "first_shown": (current - 1) * PAGE_SIZE + 1,
        "last_shown": min(total, current * PAGE_SIZE),
        "numbers": list(window),
        "prev": current - 1 if current > 1 else None,
        "next": current + 1 if current < last else None,
    }


def _syntax_marker(query: str, position: int | None) -> tuple[str, str, str] | None:
    """The query split around the character the parser stopped at."""
    if position is None or not 0 <= position <= len(query):
        return None
    return query[:position], query[position : position + 1] or " ", query[position + 1 :]
