"""How ``frus search``, ``kwic``, ``trend`` and ``collocates`` print their results.

The commands themselves live in ``frus.cli``; they call one ``Corpus``
method and hand its typed result to a function here, which prints a rich
table (the default), JSON (``--json``: the result's dataclasses as they
are) or CSV (``--csv``: one row per hit, line, year or collocate).
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from dataclasses import asdict
from typing import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from frus.errors import FrusError
from frus.search.analysis import Collocates, Concordance, Explanation, Trend
from frus.search.results import SearchResult

_BOLD = re.compile(r"<b>(.*?)</b>", re.S)
_TAGS = re.compile(r"</?b>")


def parse_facet_options(options: Iterable[str] | None, flag: str) -> dict[str, list[str]]:
    """``["type=telegram", "type=memcon", "year=1970"]`` → ``{"type": ["telegram", "memcon"], "year": ["1970"]}``."""
    out: dict[str, list[str]] = {}
    for option in options or ():
        name, sep, value = option.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise FrusError(f"{flag} takes FACET=VALUE, e.g. {flag} type=telegram (not {option!r})")
        out.setdefault(name.strip(), []).append(value.strip())
    return out


def to_json(data) -> str:
    return json.dumps(asdict(data), ensure_ascii=False, indent=2)


def write_csv(header: list[str], rows: Iterable[Iterable]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)


def snippet_text(snippet: str) -> Text:
    """Rich text of an HTML snippet: ``<b>`` becomes bold, the rest is plain text."""
    text = Text()
    cursor = 0
    for m in _BOLD.finditer(snippet):
        text.append(html.unescape(snippet[cursor : m.start()]))
        text.append(html.unescape(m.group(1)), style="bold")
        cursor = m.end()
    text.append(html.unescape(snippet[cursor:]))
    return text


def plain(snippet: str) -> str:
    return html.unescape(_TAGS.sub("", snippet))


def date_range(date_min: str | None, date_max: str | None) -> str:
    lo, hi = (date_min or "")[:10], (date_max or "")[:10]
    return lo if lo == hi or not hi else f"{lo} – {hi}"


def _filters_line(filters: dict | None) -> str | None:
    if not filters:
        return None
    parts = [f"{k} = {' or '.join(v)}" for k, v in filters.get("include", {}).items()]
    parts += [f"not {k} = {' or '.join(v)}" for k, v in filters.get("exclude", {}).items()]
    return "; ".join(parts) or None


# -- search -------------------------------------------------------------------


def documents(n: int) -> str:
    return f"{n:,} document" + ("" if n == 1 else "s")


def print_search(out: Console, result: SearchResult, show_facets: bool) -> None:
    for warning in result.warnings:
        out.print(Text(f"note: {warning}", style="yellow"))
    where = _filters_line(result.filters)
    # "12 documents match treaty (type = telegram)" or, for filters alone,
    # "12 documents (type = telegram)"
    head = (f" match {result.parsed}" if result.parsed else "") + (f" ({where})" if where else "")
    if not result.total:
        out.print(Text(f"No documents{head}."))
        return
    if not result.hits and result.limit:
        out.print(Text(f"{result.total:,} documents{head}; none past number {result.offset:,}."))
    elif result.hits:
        first, last = result.offset + 1, result.offset + len(result.hits)
        order = "" if result.sort == "relevance" else f", {result.sort.replace('-', ' ')}"
        out.print(
            Text(f"{result.total:,} documents{head}; {first}–{last}{order} ({result.took_ms:.0f} ms)", style="dim")
        )
    for rank, hit in enumerate(result.hits, start=result.offset + 1):
        out.print()
        head = Text(f"{rank}. ")
        head.append(hit.id, style="cyan")
        if hit.date_min or hit.date_max:
            head.append(f"  {date_range(hit.date_min, hit.date_max)}", style="dim")
        out.print(head)
        out.print(Text(f"{hit.number}. {hit.title}" if hit.number else hit.title, style="bold"))
        line = Text()
        if hit.snippet_field == "notes":
            line.append(f"[note {hit.snippet_note or '?'}] ", style="dim")
        elif hit.snippet_field == "title":
            line.append("[title] ", style="dim")
        line.append_text(snippet_text(hit.snippet))
        out.print(line)
    if show_facets:
        out.print()
        for name, values in result.facets.items():
            if not values:
                continue
            line = Text(f"{name}: ", style="bold")
            for k, (value, count) in enumerate(values):
                if k:
                    line.append(" · ", style="dim")
                line.append(value)
                line.append(f" {count:,}", style="dim")
            out.print(line)


def search_csv(result: SearchResult) -> None:
    write_csv(
        ["rank", "id", "volume_id", "number", "title", "date_min", "date_max", "score", "snippet_field", "snippet_note", "snippet"],
        (
            [rank, h.id, h.volume_id, h.number or "", h.title, h.date_min or "", h.date_max or "", h.score,
             h.snippet_field, h.snippet_note or "", plain(h.snippet)]
            for rank, h in enumerate(result.hits, start=result.offset + 1)
        ),
    )


# -- kwic ---------------------------------------------------------------------


def print_kwic(out: Console, result: Concordance) -> None:
    if not result.total:
        out.print(Text(f"No matches of {result.parsed}."))
        return
    first, last = result.offset + 1, result.offset + len(result.lines)
    out.print(
        Text(
            f"{result.total:,} matches of {result.parsed} in {documents(result.documents)}; "
            f"{first}–{last}, sorted by {result.sort}",
            style="dim",
        )
    )
    # a concordance reads down the middle: hits aligned in one column,
    # the left context right-aligned against them, each line one row
    ids = [x.doc_id + (f" n{x.note}" if x.field == "notes" else "") for x in result.lines]
    id_width = min(32, max(len(i) for i in ids))
    hit_width = min(30, max(len(x.hit) for x in result.lines))
    side = max(10, (out.width - id_width - hit_width - 6) // 2)
    for where, x in zip(ids, result.lines):
        left = x.left if len(x.left) <= side else "\u2026" + x.left[-(side - 1) :]
        right = x.right if len(x.right) <= side else x.right[: side - 1] + "\u2026"
        hit = x.hit if len(x.hit) <= hit_width else x.hit[: hit_width - 1] + "\u2026"
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(where.ljust(id_width)[:id_width], style="cyan")
        line.append("  " + left.rjust(side) + " ")
        line.append(hit.center(hit_width) if len(result.lines) > 1 else hit, style="bold")
        line.append(" " + right)
        out.print(line)


def kwic_csv(result: Concordance) -> None:
    write_csv(
        ["doc_id", "date", "field", "note", "left", "hit", "right", "offset"],
        ([x.doc_id, x.date or "", x.field, x.note or "", x.left, x.hit, x.right, x.offset] for x in result.lines),
    )


# -- trend --------------------------------------------------------------------


def print_trend(out: Console, result: Trend) -> None:
    out.print(
        Text(
            f"{documents(result.total_documents)} match {result.parsed or 'the filters'}"
            + (f" ({result.undated_documents:,} undated)" if result.undated_documents else "")
            + (f"; {result.total_occurrences:,} occurrences" if result.total_occurrences is not None else ""),
            style="dim",
        )
    )
    table = Table(box=None, pad_edge=False)
    for name in ("year", "documents", "of", "share", "occurrences"):
        table.add_column(name, justify="right")
    top = max((p.share for p in result.points), default=0) or 1
    table.add_column("", no_wrap=True)
    for p in result.points:
        if not p.documents:
            continue
        bar = "█" * max(1, round(20 * p.share / top))
        occurrences = "" if p.occurrences is None else f"{p.occurrences:,}"
        table.add_row(str(p.year), f"{p.documents:,}", f"{p.scope_documents:,}", f"{p.share:.1%}", occurrences, bar)
    out.print(table)


def trend_csv(result: Trend) -> None:
    write_csv(
        ["year", "documents", "scope_documents", "share", "occurrences"],
        (
            [p.year, p.documents, p.scope_documents, p.share, "" if p.occurrences is None else p.occurrences]
            for p in result.points
        ),
    )


# -- collocates ---------------------------------------------------------------


def print_collocates(out: Console, result: Collocates) -> None:
    out.print(
        Text(
            f"{result.nodes:,} matches of {result.parsed} in {documents(result.documents)} "
            f"({result.tokens:,} words); window ±{result.window} words",
            style="dim",
        )
    )
    table = Table(box=None, pad_edge=False)
    table.add_column("word")
    for name in ("together", "total", "expected", "G²"):
        table.add_column(name, justify="right")
    for c in result.collocates:
        table.add_row(c.word, f"{c.together:,}", f"{c.total:,}", f"{c.expected:.1f}", f"{c.log_likelihood:.1f}")
    out.print(table)


def collocates_csv(result: Collocates) -> None:
    write_csv(
        ["word", "together", "total", "expected", "log_likelihood"],
        ([c.word, c.together, c.total, c.expected, c.log_likelihood] for c in result.collocates),
    )


# -- explain ------------------------------------------------------------------


def print_explanation(out: Console, e: Explanation) -> None:
    out.print(Text.assemble(("Query:  ", "bold"), e.query))
    out.print(Text.assemble(("Parsed: ", "bold"), e.parsed or "(every document)"))
    where = _filters_line(e.filters)
    if where:
        out.print(Text.assemble(("Filters: ", "bold"), where))
    out.print(
        Text(
            f"{documents(e.total)} match, of {e.scope_documents:,} in scope and {e.corpus_documents:,} in the corpus",
            style="dim",
        )
    )
    for warning in e.warnings:
        out.print(Text(f"note: {warning}", style="yellow"))
    table = Table(box=None, pad_edge=False)
    table.add_column("condition / indexed term")
    table.add_column("field")
    table.add_column("documents", justify="right")
    table.add_column("in scope", justify="right")
    for leaf in e.conditions:
        label = ("NOT " if leaf.negated else "") + leaf.condition
        table.add_row(Text(label, style="bold"), "", f"{leaf.documents:,}", f"{leaf.documents_in_scope:,}")
        for t in leaf.terms:
            table.add_row(f"  {t.term}", t.field, f"{t.documents:,}", f"{t.documents_in_scope:,}")
    out.print(table)
