"""The commands over the link tables: ``frus link``, ``person``, ``refs``,
``unprinted``, ``check-refs``, ``excisions``.

Same shape as the other commands: parse the input, call one ``Corpus``
method, render a rich table (or ``--json``, ``--csv`` where the result is
a table).  When documents changed since the last ``frus link`` the result
is still printed, after a one-line warning on stderr.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from frus.cli import DbOption, JsonOption, _db, _output, _plural, _print_json, app, err, out, reporting_errors
from frus.cli_search import write_csv
from frus.corpus import Corpus
from frus.errors import NotFound
from frus.references import CHECK_COLUMNS

CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")]

#: what ``frus unprinted --csv`` writes, one row per ledger entry
UNPRINTED_COLUMNS = (
    "id", "kind", "number", "date", "date_text", "sender", "recipient", "location", "status", "description", "cited_by",
)
EXCISION_COLUMNS = ("doc", "where", "amount", "unit", "qualifier", "lines", "extent_text", "block", "offset")


@contextmanager
def _linked_corpus(ctx: typer.Context, db: Path | None) -> Iterator[Corpus]:
    """The corpus opened read-only, with a warning on stderr when its links are out of date."""
    with Corpus.open(_db(ctx, db), readonly=True) as corpus:
        status = corpus.link_status()
        if status.state == "stale":
            typer.echo(f"warning: {status.message}", err=True)
        yield corpus


def _cell(value) -> str:
    return "" if value is None else str(value)


def _number(value: float | None) -> str:
    """1.0 → "1", 1.5 → "1.5"."""
    return "" if value is None else f"{value:g}"


# -- frus link ----------------------------------------------------------------


def link_with_progress(corpus: Corpus, *, aux=None, overrides=None, workers=None, force=False):
    """Run the link stage under a progress bar on stderr; used by ``link`` and ``ingest``."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("linking", total=None)

        def advance(what: str, done: int, total: int) -> None:
            if what == "register":
                progress.update(task, description="building the register of persons", completed=done, total=total)
            elif what == "ledger":
                progress.update(task, description="merging the unprinted ledger", completed=done, total=total)
            else:
                progress.update(task, description=f"linking {what}", completed=done, total=total)

        return corpus.link(aux=aux, overrides=overrides, workers=workers, progress=advance, force=force)


@app.command()
def link(
    ctx: typer.Context,
    aux: Annotated[
        Optional[Path],
        typer.Option("--aux", envvar="FRUS_AUX", help="Folder with the authority data (hsa-people/, pocom/); "
                     "default: the one the last run used, else $FRUS_CORPUS/aux.", show_default=False),
    ] = None,
    no_aux: Annotated[bool, typer.Option("--no-aux", help="Build the register from the persons lists alone.")] = False,
    overrides: Annotated[
        Optional[Path],
        typer.Option("--overrides", envvar="FRUS_OVERRIDES", help="CSV of merges to force or forbid "
                     "(docs/entities.md); default: the one the last run used.", show_default=False),
    ] = None,
    workers: Annotated[
        Optional[int], typer.Option("--workers", min=0, help="Linker processes (default: up to 2; 0 = none).")
    ] = None,
    full: Annotated[bool, typer.Option("--full", help="Relink every volume, not only what changed.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Link persons, terms, cross-references, unprinted documents and excisions (only what changed)."""
    with reporting_errors():
        with Corpus.open(_db(ctx, db)) as corpus:
            report = link_with_progress(
                corpus, aux=False if no_aux else aux, overrides=overrides, workers=workers, force=full
            )
        if as_json:
            _print_json(report.to_dict())
        else:
            out.print(report.summary(), soft_wrap=True)
        for line in report.errors:
            typer.echo(f"error: {line}", err=True)


# -- frus person ----------------------------------------------------------------


def _resolve_person(corpus: Corpus, name_or_id: str):
    """(person record or None, matching summaries) for what was typed."""
    text = name_or_id.strip()
    if "#" in text:  # "frus1969-76v12#p_KHA1", "frus1969-76v12/persons#p_KHA1"
        volume, _, local = text.partition("#")
        volume = volume.removesuffix("/persons").rstrip("/")
        pid = corpus.person_for(volume, local)
        if pid is None:
            raise NotFound(f"no persons-list entry {local!r} of {volume!r} in the register")
        return corpus.person(pid), []
    try:
        return corpus.person(text), []
    except NotFound:
        pass
    matches = corpus.find_persons(text, limit=20)
    if not matches:
        raise NotFound(f"no person matches {text!r}; try a surname alone")
    if len(matches) == 1:
        return corpus.person(matches[0].id), matches
    return None, matches


def _life(birth, death) -> str:
    if birth or death:
        return f"{birth or '?'}–{death or ''}"
    return ""


def _documents_table(title: str, docs, limit: int, mentions: bool = False) -> Table:
    table = Table(title=f"{title} ({len(docs):,})", title_justify="left", show_edge=False)
    table.add_column("Date")
    table.add_column("Document", no_wrap=True)
    table.add_column("Title")
    if mentions:
        table.add_column("Mentions", justify="right")
    for d in docs[:limit]:
        row = [d.date_min[:10] if d.date_min else "", d.id, d.title]
        if mentions:
            row.append(str(d.mentions))
        table.add_row(*row)
    if len(docs) > limit:
        table.caption = f"… {len(docs) - limit:,} more (--limit N, or --json for all)"
    return table


@app.command()
def person(
    ctx: typer.Context,
    name_or_id: Annotated[
        str, typer.Argument(metavar="NAME_OR_ID", help='"Kissinger", "Kissinger, Henry A.", an id '
                            "(hsa-107252) or VOLUME#LOCAL_ID (frus1969-76v12#p_KHA1).", show_default=False)
    ],
    limit: Annotated[
        Optional[int], typer.Option("--limit", min=0, help="Documents per list (default: 10; all with --json).")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A person across volumes: names, identifications, offices, and the documents from, to and about them."""
    with reporting_errors():
        with _linked_corpus(ctx, db) as corpus:
            record, matches = _resolve_person(corpus, name_or_id)
            if record is not None and as_json and limit is not None:
                record = corpus.person(record.id, limit=limit)
        if as_json:
            _print_json({"person": record.to_dict() if record else None, "matches": [m.to_dict() for m in matches]})
            return
        if record is None:
            table = Table(title=f"{len(matches)} persons match {name_or_id!r}; give an id to see one",
                          title_justify="left")
            for column in ("Id", "Name", "Life", "Volumes", "Documents"):
                table.add_column(column, justify="right" if column in ("Volumes", "Documents") else "left")
            for m in matches:
                table.add_row(m.id, m.preferred_name, _life(m.birth_year, m.death_year), str(m.volume_count),
                              f"{m.documents:,}")
            out.print(table)
            return
        _print_person(record, 10 if limit is None else limit)


def _offices(offices) -> list[str]:
    """One line per office title, with the widest dates any source gives for it."""
    spans: dict[str, list] = {}
    for o in offices:
        title = " ".join(o.title.split())
        if len(title) < 4:
            continue
        key = title.lower().replace("’", "'")
        span = spans.setdefault(key, [title, None, None])
        if o.start and (span[1] is None or o.start < span[1]):
            span[1] = o.start
        if o.end and (span[2] is None or o.end > span[2]):
            span[2] = o.end
    lines = []
    for title, start, end in spans.values():
        when = f"  [{start or '…'} – {end or '…'}]" if (start or end) else ""
        lines.append(f"{title}{when}")
    return lines


def _print_person(p, limit: int) -> None:
    head = Text(p.preferred_name, style="bold")
    if p.birth_year or p.death_year:
        head.append(f"  ({_life(p.birth_year, p.death_year)})")
    out.print(head)
    held = list(dict.fromkeys(s.volume_id for s in p.sources))
    where = ", ".join(held) if len(held) == len(p.volumes) else f"{len(held)} of them in this corpus: {', '.join(held)}"
    out.print(Text(f"{p.id} · listed in {_plural(len(p.volumes), 'volume')}: {where}", style="dim"))
    others = [n for n in p.name_forms if n != p.preferred_name]
    if others:
        out.print(Text("Also: " + "; ".join(others)))
    offices = _offices(p.offices)
    if offices:
        out.print()
        out.print(Text("Offices", style="bold underline"))
        for line in offices[:12]:
            out.print(Text(f"  {line}"))
        if len(offices) > 12:
            out.print(Text(f"  … {len(offices) - 12} more (--json)", style="dim"))
    idents = [(v, t) for v, t in p.identifications if v in held]
    if idents:
        out.print()
        out.print(Text("Identifications", style="bold underline"))
        for volume, text in idents:
            line = Text(f"  {volume}: ", style="dim")
            line.append(text, style="default")
            out.print(line)
        rest = len(p.identifications) - len(idents)
        if rest:
            out.print(Text(f"  … and as {rest} volumes not in this corpus identify them (--json)", style="dim"))
    for title, docs, mentions in (
        ("From", p.documents_from, False),
        ("To", p.documents_to, False),
        ("Participant", p.documents_participant, False),
        ("Mentioned in", p.documents_mentioning, True),
    ):
        if docs:
            out.print()
            out.print(_documents_table(title, docs, limit, mentions))


# -- frus refs ----------------------------------------------------------------


def _target(ref) -> str:
    if ref.target_doc:
        text = ref.target_doc
        if ref.target_footnote:
            text += f" note {ref.target_footnote}"
        return text
    if ref.target_page:
        return f"{ref.target_volume or '?'} p. {ref.target_page}"
    return ref.target_volume or ref.target or ""


@app.command()
def refs(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="VOLUME/dN or a history.state.gov URL.", show_default=False)],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A document's cross-references, resolved against the corpus, and the documents citing it."""
    with reporting_errors():
        with _linked_corpus(ctx, db) as corpus:
            result = corpus.references(doc_id)
        if as_json:
            _print_json(result.to_dict())
            return
        titles = {t.id: t.title for t in result.targets}
        if not result.outgoing:
            out.print(f"{result.doc_id} has no cross-references.")
        table = Table(title=f"{result.doc_id} cites ({len(result.outgoing)})", title_justify="left")
        table.add_column("Where", no_wrap=True)
        table.add_column("Words")
        table.add_column("Kind")
        table.add_column("Target", overflow="fold")
        for ref in result.outgoing:
            target = Text(_target(ref))
            if ref.resolved:
                target.append("\nresolved", style="green")
                if ref.target_doc in titles:
                    target.append(f": {titles[ref.target_doc]}")
            else:
                target.append(f"\n{ref.reason or 'unresolved'}", style="yellow")
            table.add_row(ref.where, ref.text, ref.kind, target)
        if result.outgoing:
            out.print(table)
        if not result.incoming:
            out.print(f"No document in the corpus cites {result.doc_id}.")
            return
        cited = Table(title=f"Cited by ({len(result.incoming)})", title_justify="left")
        for column in ("Date", "Document", "Title", "Where", "Words"):
            cited.add_column(column, no_wrap=column == "Document")
        for c in result.incoming:
            first = c.references[0]
            cited.add_row(c.date_min[:10] if c.date_min else "", c.id, c.title, first.where,
                          "; ".join(dict.fromkeys(r.text for r in c.references)))
        out.print(cited)


# -- frus unprinted ---------------------------------------------------------------


@app.command()
def unprinted(
    ctx: typer.Context,
    query: Annotated[
        Optional[str],
        typer.Argument(help='Words, or field:value (kind, number, date, from, to, location, status, cited): '
                       '"telegram from:moscow", "cited:frus1969-76v13/d33".', show_default=False),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Entries to print.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Entries to skip.")] = 0,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """The ledger of documents FRUS cites but does not print, with every document citing each."""
    _output(as_json, as_csv)
    with reporting_errors():
        with _linked_corpus(ctx, db) as corpus:
            result = corpus.unprinted(query, limit=limit, offset=offset)
        if as_json:
            _print_json(result.to_dict())
            return
        if as_csv:
            write_csv(
                UNPRINTED_COLUMNS,
                ([*(_cell(getattr(e, c)) for c in UNPRINTED_COLUMNS[:-1]), " ".join(e.cited_by)] for e in result),
            )
            return
        if not len(result):
            what = f"match {query!r}" if query else "in the ledger"
            out.print(f"{result.total:,} unprinted documents {what}" + ("; none on this page." if result.total else "."))
            return
        shown = f"{offset + 1}–{offset + len(result)}"
        table = Table(title=f"{result.total:,} unprinted documents" + (f" match {query!r}" if query else "")
                      + f"; {shown}", title_justify="left")
        table.add_column("Id", no_wrap=True)
        table.add_column("Unprinted document")
        table.add_column("Status")
        table.add_column("Cited by", no_wrap=True)
        for e in result:
            what = Text(" ".join(x for x in (e.kind, e.number) if x) or "(not named)", style="bold")
            parties = " → ".join(x or "?" for x in (e.sender, e.recipient)) if (e.sender or e.recipient) else ""
            for part in (e.date or e.date_text, parties):
                if part:
                    what.append(f" · {part}")
            what.append(f"\n{e.description}", style="dim")
            cited = "\n".join(e.cited_by[:3]) + (f"\n+{len(e.cited_by) - 3} more" if len(e.cited_by) > 3 else "")
            table.add_row(e.id, what, e.status, cited)
        out.print(table)


# -- frus check-refs ----------------------------------------------------------------


@app.command("check-refs")
def check_refs(
    ctx: typer.Context,
    no_external: Annotated[
        bool, typer.Option("--no-external", help="Leave out references to volumes not in the corpus.")
    ] = False,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """Every cross-reference that does not resolve, with the reason."""
    _output(as_json, as_csv)
    with reporting_errors():
        with _linked_corpus(ctx, db) as corpus:
            rows = corpus.check_refs(external=not no_external)
        if as_json:
            _print_json([r.to_dict() for r in rows])
            return
        if as_csv:
            write_csv(CHECK_COLUMNS, ([_cell(getattr(r, c)) for c in CHECK_COLUMNS] for r in rows))
            return
        table = Table(title=f"{_plural(len(rows), 'unresolved reference')}", title_justify="left")
        for column in ("Document", "Where", "Words", "Target", "Reason"):
            table.add_column(column, no_wrap=column == "Document", overflow="fold")
        for r in rows:
            table.add_row(r.source_doc, r.where, r.text, _target(r), r.reason)
        out.print(table)


# -- frus excisions -------------------------------------------------------------------


@app.command()
def excisions(
    ctx: typer.Context,
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="VOLUME/dN or a history.state.gov URL.", show_default=False)],
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    db: DbOption = None,
) -> None:
    """What declassification withheld from a document: "[1 paragraph (5 lines) not declassified]"."""
    _output(as_json, as_csv)
    with reporting_errors():
        with _linked_corpus(ctx, db) as corpus:
            found = corpus.excisions(doc_id)
        if as_json:
            _print_json([e.to_dict() for e in found])
            return
        if as_csv:
            write_csv(EXCISION_COLUMNS, ([_cell(getattr(e, c)) for c in EXCISION_COLUMNS] for e in found))
            return
        table = Table(title=_plural(len(found), "excision"), title_justify="left")
        for column in ("Where", "Amount", "Unit", "Lines", "As printed"):
            table.add_column(column)
        for e in found:
            amount = f"{e.qualifier + ' ' if e.qualifier else ''}{_number(e.amount)}"
            table.add_row(e.where, amount, e.unit, _number(e.lines), e.extent_text)
        out.print(table)


def link_after_ingest(corpus: Corpus, workers: int | None) -> None:
    """The end of ``frus ingest``: link what changed and say so in one line."""
    report = link_with_progress(corpus, workers=workers)
    out.print(report.summary(), soft_wrap=True)
    for line in report.errors:
        typer.echo(f"error: {line}", err=True)


__all__ = ["link_after_ingest", "link_with_progress"]
