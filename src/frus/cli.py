"""The ``frus`` command: each command parses its input, calls one ``Corpus`` method, renders the result.

Errors are one line on stderr (``error: …``) with exit code 1, or 2 for
input the user should correct (a bad query, bad options); never a
traceback.  Set ``FRUS_DEBUG=1`` to get the traceback of an unexpected
failure.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from frus import __version__
from frus import cli_search as render
from frus.cli_search import snippet_text  # noqa: F401  (part of the CLI's API)
from frus.corpus import MAX_LIMIT, Corpus, IngestReport
from frus.search.analysis.kwic import SORTS as KWIC_SORTS
from frus.search.engine import SORT_ALIASES
from frus.search.engine import SORTS as SEARCH_SORTS
from frus.search.facets import check_names as check_facet_names
from frus.errors import FrusError, QuerySyntaxError
from frus.export.record import document_record
from frus.export.text import render_text, text_parts
from frus.store.location import default_db_path

app = typer.Typer(
    name="frus",
    help="An offline research engine for the Foreign Relations of the United States (FRUS).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option(
        "--db",
        envvar="FRUS_DB",
        help="Corpus file (default: $FRUS_DB, else frus.db in the user data directory).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


# -- plumbing ---------------------------------------------------------------


def fail(message: str, code: int = 1) -> typer.Exit:
    # plain echo, not rich: rich would wrap a long message onto several lines
    typer.echo(f"error: {' '.join(message.split())}", err=True)
    return typer.Exit(code)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn every failure into one line on stderr and an exit code."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except QuerySyntaxError as e:
        raise fail(f"bad query: {e}", 2) from None
    except FrusError as e:
        raise fail(str(e)) from None
    except sqlite3.Error as e:
        raise fail(f"database error: {e}") from None
    except OSError as e:
        where = f"{e.filename}: " if e.filename else ""
        raise fail(f"{where}{e.strerror or e}") from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except Exception as e:  # the boundary: a bug still gets one line
        if os.environ.get("FRUS_DEBUG"):
            raise
        raise fail(f"internal error: {type(e).__name__}: {e} (set FRUS_DEBUG=1 for the traceback)") from None


def _db(ctx: typer.Context, db: Path | None) -> Path | None:
    return db if db is not None else (ctx.obj or {}).get("db")


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"frus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = None,
) -> None:
    """Ingest FRUS TEI volumes, search them, read and serve them — offline."""
    ctx.obj = {"db": db}


# -- ingest -----------------------------------------------------------------


def _summary(report: IngestReport) -> Table:
    table = Table(title="Ingest summary", show_footer=True)
    ok = len(report.files) - len(report.failed)
    table.add_column("File", footer=_plural(len(report.files), "file"))
    table.add_column("Volume", footer=_plural(report.volumes, "volume"))
    table.add_column("Documents", justify="right", footer=f"{report.documents:,}")
    table.add_column("Result", footer=f"{ok} ok, {len(report.failed)} failed, {report.seconds:.1f} s")
    for f in report.files:
        if f.error:
            result = Text(f.error, style="red")
        elif f.note:
            result = Text(f.note, style="yellow")
        else:
            result = Text("ok", style="green")
        table.add_row(Path(f.path).name, f.volume_id or "", f"{f.documents:,}" if not f.error else "", result)
    return table


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="TEI files or folders of them.", show_default=False)],
    workers: Annotated[
        Optional[int], typer.Option("--workers", min=0, help="Reader processes (default: up to 2; 0 = none).")
    ] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Skip linking persons, references and the ledger (run `frus link` later).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Read FRUS volumes into the corpus (a volume read again is replaced), then link what changed."""
    with reporting_errors():
        with Corpus.open(_db(ctx, db)) as corpus:
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
                task = progress.add_task("reading", total=None)

                def advance(outcome, done: int, total: int) -> None:
                    progress.update(task, completed=done, total=total, description=Path(outcome.path).name)

                report = corpus.ingest(paths, workers=workers, progress=advance)
            if not report.files:
                raise fail("no input files (.xml, .xml.gz, .txt) found in " + ", ".join(str(p) for p in paths))
            out.print(_summary(report))
            if not no_link:
                from frus.cli_links import link_after_ingest

                link_after_ingest(corpus, workers)
        for f in report.failed:
            typer.echo(f"error: {f.error}", err=True)
        if report.failed:
            raise typer.Exit(1)


@app.command()
def reindex(ctx: typer.Context, db: DbOption = None) -> None:
    """Rebuild the full-text index from the store."""
    with reporting_errors():
        with Corpus.open(_db(ctx, db)) as corpus:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
                disable=not err.is_terminal,
            ) as progress:
                task = progress.add_task("indexing", total=None)
                count = corpus.reindex(
                    lambda vid, done, total: progress.update(task, completed=done, total=total, description=vid)
                )
        out.print(f"Indexed {count:,} documents.")


# -- reading ----------------------------------------------------------------


@app.command()
def volumes(ctx: typer.Context, as_json: JsonOption = False, db: DbOption = None) -> None:
    """List the volumes in the corpus."""
    with reporting_errors():
        with Corpus.open(_db(ctx, db), readonly=True) as corpus:
            vols = corpus.volumes()
        if as_json:
            keys = ("id", "title", "subseries", "volume_number", "published", "document_count")
            _print_json([{k: getattr(v, k) for k in keys} for v in vols])
            return
        table = Table(show_footer=True)
        table.add_column("Volume", footer=_plural(len(vols), "volume"))
        table.add_column("Title")
        table.add_column("Documents", justify="right", footer=f"{sum(v.document_count for v in vols):,}")
        for v in vols:
            table.add_row(v.id, v.title, f"{v.document_count:,}")
        out.print(table)


def _date(date_min: str | None, date_max: str | None) -> str:
    return render.date_range(date_min, date_max)


# -- searching ----------------------------------------------------------------
# search, kwic, trend and collocates share their options: the same filters,
# the apparatus switch, --explain, --json and --csv (frus.cli_search prints)

CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")]
FilterOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--filter",
        metavar="FACET=VALUE",
        help="Keep documents with this facet value (repeat it; values of one facet are alternatives), "
        "e.g. --filter type=telegram --filter decade=1960s.",
        show_default=False,
    ),
]
ExcludeOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--exclude", metavar="FACET=VALUE", help="Leave out documents with this facet value (repeat it).",
        show_default=False,
    ),
]
NoApparatusOption = Annotated[
    bool,
    typer.Option("--no-apparatus", help="Search what the documents say, not the editors' notes (apparatus:no)."),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Show how the query was understood: its parsed form, each condition and indexed term "
        "with document counts in the corpus and in scope; the search itself is not run.",
    ),
]
QueryArgument = Annotated[
    str, typer.Argument(help='The query: words, "phrases", fields, dates (see docs/search.md).', show_default=False)
]


def _scope(filters: list[str] | None, exclude: list[str] | None) -> dict:
    """The --filter and --exclude options as ``Corpus`` takes them; exit 2 if malformed."""
    try:
        scope = {
            "filters": render.parse_facet_options(filters, "--filter"),
            "exclude": render.parse_facet_options(exclude, "--exclude"),
        }
        for chosen in scope.values():
            check_facet_names(chosen)
    except FrusError as e:
        raise fail(str(e), 2) from None
    return scope


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise fail(f"{option} takes {', '.join(allowed)}, not {value!r}", 2)
    return value


def _output(as_json: bool, as_csv: bool) -> None:
    if as_json and as_csv:
        raise fail("choose one of --json and --csv", 2)


def _explained(corpus: Corpus, query: str, scope: dict, no_apparatus: bool, as_json: bool) -> None:
    explanation = corpus.explain(query, exclude_apparatus=no_apparatus, **scope)
    if as_json:
        typer.echo(render.to_json(explanation))
    else:
        render.print_explanation(out, explanation)


def _query_command(
    ctx: typer.Context,
    db: Path | None,
    query: str,
    options: tuple[list[str] | None, list[str] | None, bool, bool],
    as_json: bool,
    as_csv: bool,
    run: Callable[[Corpus, dict], Any],
    to_csv: Callable[[Any], None],
    to_table: Callable[[Any], None],
) -> None:
    """What search, kwic, trend and collocates share: the scope options,
    ``--explain`` instead of running, then JSON, CSV or a table.

    ``options`` is (--filter, --exclude, --no-apparatus, --explain);
    ``run(corpus, scope)`` computes the result.
    """
    filters, exclude, no_apparatus, explain = options
    _output(as_json, as_csv)
    with reporting_errors():
        scope = _scope(filters, exclude)
        with Corpus.open(_db(ctx, db), readonly=True) as corpus:
            if explain:
                _explained(corpus, query, scope, no_apparatus, as_json)
                return
            result = run(corpus, scope)
        if as_json:
            typer.echo(render.to_json(result))
        elif as_csv:
            to_csv(result)
        else:
            to_table(result)


@app.command()
def search(
    ctx: typer.Context,
    query: QueryArgument,
    limit: Annotated[int, typer.Option("--limit", min=0, max=MAX_LIMIT, help="Hits per page.")] = 10,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Hits to skip.")] = 0,
    sort: Annotated[
        str, typer.Option("--sort", help="relevance, date-asc (oldest first) or date-desc (newest first).")
    ] = "relevance",
    filters: FilterOption = None,
    exclude: ExcludeOption = None,
    show_facets: Annotated[
        bool, typer.Option("--facets", help="Also print the facet counts of the whole result set.")
    ] = False,
    no_apparatus: NoApparatusOption = False,
    explain: ExplainOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Search the documents: ranked hits with highlighted snippets, exact totals and facet counts."""
    _output(as_json, as_csv)
    _choice(SORT_ALIASES.get(sort, sort), SEARCH_SORTS, "--sort")
    _query_command(
        ctx, db, query, (filters, exclude, no_apparatus, explain), as_json, as_csv,
        lambda corpus, scope: corpus.search(
            query, limit=limit, offset=offset, sort=sort, exclude_apparatus=no_apparatus,
            facets=as_json or show_facets, **scope,
        ),
        render.search_csv,
        lambda result: render.print_search(out, result, show_facets),
    )


@app.command()
def kwic(
    ctx: typer.Context,
    query: QueryArgument,
    context: Annotated[int, typer.Option("--context", min=0, max=50, help="Words shown on each side.")] = 8,
    sort: Annotated[
        str, typer.Option("--sort", help="document (in order of time), left or right (by the words beside the hit).")
    ] = "document",
    limit: Annotated[int, typer.Option("--limit", min=0, help="Lines to print.")] = 100,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Lines to skip.")] = 0,
    filters: FilterOption = None,
    exclude: ExcludeOption = None,
    no_apparatus: NoApparatusOption = False,
    explain: ExplainOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """A concordance: every match of the query with its context (left | hit | right)."""
    _output(as_json, as_csv)
    _choice(sort, KWIC_SORTS, "--sort")
    _query_command(
        ctx, db, query, (filters, exclude, no_apparatus, explain), as_json, as_csv,
        lambda corpus, scope: corpus.kwic(
            query, context=context, sort=sort, limit=limit, offset=offset, exclude_apparatus=no_apparatus, **scope
        ),
        render.kwic_csv,
        lambda result: render.print_kwic(out, result),
    )


@app.command()
def trend(
    ctx: typer.Context,
    query: QueryArgument,
    occurrences: Annotated[
        bool,
        typer.Option("--occurrences/--no-occurrences", help="Count occurrences too (reads every matching text)."),
    ] = True,
    filters: FilterOption = None,
    exclude: ExcludeOption = None,
    no_apparatus: NoApparatusOption = False,
    explain: ExplainOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Frequency over time: per year, matching documents, their share of the year's documents, occurrences."""
    _query_command(
        ctx, db, query, (filters, exclude, no_apparatus, explain), as_json, as_csv,
        lambda corpus, scope: corpus.trend(query, occurrences=occurrences, exclude_apparatus=no_apparatus, **scope),
        render.trend_csv,
        lambda result: render.print_trend(out, result),
    )


@app.command()
def collocates(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(metavar="WORD", help='A word, "phrase" or any query whose matches are the nodes.', show_default=False)
    ],
    window: Annotated[int, typer.Option("--window", min=1, max=50, help="Words on each side of the node.")] = 5,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Collocates to print.")] = 30,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Least co-occurrences to list a word.")] = 3,
    filters: FilterOption = None,
    exclude: ExcludeOption = None,
    no_apparatus: NoApparatusOption = False,
    explain: ExplainOption = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Words that keep company with WORD, ranked by log-likelihood (G²)."""
    _query_command(
        ctx, db, query, (filters, exclude, no_apparatus, explain), as_json, as_csv,
        lambda corpus, scope: corpus.collocates(
            query, window=window, limit=limit, min_count=min_count, exclude_apparatus=no_apparatus, **scope
        ),
        render.collocates_csv,
        lambda result: render.print_collocates(out, result),
    )


def _page_markers_dim(paragraph: str) -> Text:
    text = Text()
    cursor = 0
    for m in re.finditer(r"\[Page [^\]]+\]", paragraph):
        text.append(paragraph[cursor : m.start()])
        text.append(m.group(0), style="dim")
        cursor = m.end()
    text.append(paragraph[cursor:])
    return text


@app.command()
def show(
    ctx: typer.Context,
    doc_id: Annotated[
        str, typer.Argument(metavar="ID", help="VOLUME/dN or a history.state.gov URL.", show_default=False)
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="The document's record as JSON (keys: docs/data-model.md).")
    ] = False,
    as_text: Annotated[bool, typer.Option("--text", help="Plain text, as copied from history.state.gov.")] = False,
    db: DbOption = None,
) -> None:
    """Print one document."""
    if as_json and as_text:
        raise fail("choose one of --json and --text", 2)
    with reporting_errors():
        with Corpus.open(_db(ctx, db), readonly=True) as corpus:
            doc = corpus.document(doc_id)
            volume = corpus.volume(doc.volume_id)
        if as_json:
            _print_json(document_record(doc))
            return
        if as_text:
            typer.echo(render_text(doc), nl=False)
            return
        parts = text_parts(doc)
        out.print(Text(parts.heading, style="bold"))
        meta = [doc.id, volume.title]
        if doc.date.min:
            meta.append(_date(doc.date.min, doc.date.max))
        if doc.pages:
            first, last = doc.pages[0], doc.pages[-1]
            meta.append(f"page {first}" if first == last else f"pages {first}–{last}")
        out.print(Text(" · ".join(meta), style="dim"))
        if parts.dateline:
            out.print()
            out.print(Text(parts.dateline, style="italic"))
        for paragraph in parts.paragraphs:
            out.print()
            out.print(_page_markers_dim(paragraph))
        if parts.notes:
            out.print()
            out.print(Text("Notes", style="bold underline"))
            for note in parts.notes:
                out.print(_page_markers_dim(note))


# -- serving ----------------------------------------------------------------


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        str,
        typer.Option(
            "--workers",
            metavar="N|auto",
            help="Server processes sharing the read-only corpus: a number, or 'auto' for one per CPU.",
        ),
    ] = "1",
    threads: Annotated[
        int,
        typer.Option(
            "--threads", min=1, max=64,
            help="Request threads per process: a few answer short pages in order; many interleave them.",
        ),
    ] = 2,
    db: DbOption = None,
) -> None:
    """Serve the web interface and the JSON API (read-only)."""
    with reporting_errors():
        processes = _worker_count(workers)
        path = (_db(ctx, db) or default_db_path()).expanduser().resolve()
        Corpus.open(path, readonly=True).close()  # fail here, in one line, not in the first request
        try:
            import uvicorn

            from frus.web.app import DB_ENV, THREADS_ENV
        except ImportError as e:
            raise fail(f"the web interface is not available: {e}") from None
        # each worker imports the app factory and opens the corpus named here
        os.environ[DB_ENV] = str(path)
        os.environ[THREADS_ENV] = str(threads)
        plural = "es" if processes > 1 else ""
        typer.echo(
            f"Serving {path} on http://{host}:{port}/ with {processes} process{plural} (Ctrl+C to stop)", err=True
        )
        uvicorn.run(
            "frus.web.app:app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=processes,
            log_level="warning",
            # a line per request costs more than some pages take to render
            access_log=False,
        )


#: more processes than this only queue for the same cores
MAX_WORKERS = 64


def _worker_count(raw: str) -> int:
    """``--workers``: a number of processes, or ``auto`` for one per usable CPU."""
    text = raw.strip().lower()
    if text == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    if not text.isdigit() or not 1 <= int(text) <= MAX_WORKERS:
        raise fail(f"--workers must be a number from 1 to {MAX_WORKERS}, or auto; not {raw!r}", 2)
    return int(text)


# link, person, refs, unprinted, check-refs, excisions: the link tables' commands
from frus import cli_links  # noqa: E402,F401

if __name__ == "__main__":  # pragma: no cover
    app()
