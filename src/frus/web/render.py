"""Model blocks and inline runs to HTML for the reader.

Every piece of document text passes through ``markupsafe.escape`` before it
joins the page: the corpus holds vendor conversions and at least one volume
(frus1917-72PubDip) embeds XHTML ``<script>`` elements, so nothing read from
a volume is ever trusted as markup.  The only tags on a rendered page are the
ones this module writes, and every attribute value it writes is escaped too.

The renderer keeps what a historian cites: printed page breaks become
``[Page N]`` anchors with ``id="pg_N"`` (the TEI ids, so links from indexes
and other volumes land), footnote markers link to the numbered notes at the
end, and the notes link back to where they were called.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import quote

from markupsafe import Markup, escape

from frus.model import Block, Document, Footnote, Inline, ListEntry, Volume, iter_inlines

# --------------------------------------------------------------------------
# URLs (the history.state.gov scheme, so ids read the same everywhere)
# --------------------------------------------------------------------------

_BASE = "/historicaldocuments"


def volume_href(volume_id: str) -> str:
    return f"{_BASE}/{quote(volume_id, safe='')}"


def document_href(doc_id: str) -> str:
    """``VOLUME/dN`` → its reader URL (each part quoted on its own)."""
    volume_id, _, local_id = doc_id.partition("/")
    if not local_id:
        return volume_href(volume_id)
    return f"{volume_href(volume_id)}/{quote(local_id, safe='')}"


#: list kind → the path segment history.state.gov uses for the list
_LIST_SEGMENT = {"person": "persons", "term": "terms"}


def entry_href(kind: str, volume_id: str, entry_id: str) -> str:
    """A person's or term's page: ``/historicaldocuments/VOL/persons/p_KHA1``."""
    return f"{volume_href(volume_id)}/{_LIST_SEGMENT[kind]}/{quote(entry_id, safe='')}"


def list_href(kind: str, volume_id: str) -> str:
    return f"{volume_href(volume_id)}/{_LIST_SEGMENT[kind]}"


# Characters kept in HTML ids and fragments.  TEI ids are NCNames; anything
# else is replaced so an id can never break out of its attribute or URL.
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.:\-]")


def safe_id(value: str) -> str:
    return _UNSAFE_ID.sub("_", value.strip())


# --------------------------------------------------------------------------
# Search snippets
# --------------------------------------------------------------------------

_B_TAG = re.compile(r"(</?b\s*>)", re.IGNORECASE)


def safe_snippet(snippet: str) -> Markup:
    """A search snippet with only its highlight tags kept.

    The search layer promises ``<b>`` around matches and everything else
    escaped; this does not rely on that promise.  Each stretch between
    highlight tags is unescaped once and escaped again (so ``&amp;`` stays
    ``&amp;`` and a raw ``<script>`` becomes text), and unbalanced tags are
    dropped or closed.  Matches are shown with ``<mark>``.
    """
    out: list[str] = []
    is_open = False
    for part in _B_TAG.split(snippet or ""):
        tag = part.lower().replace(" ", "")
        if tag == "<b>":
            if not is_open:
                out.append("<mark>")
                is_open = True
        elif tag == "</b>":
            if is_open:
                out.append("</mark>")
                is_open = False
        elif part:
            out.append(str(escape(html.unescape(part))))
    if is_open:
        out.append("</mark>")
    return Markup("".join(out))


def facet_items(values: Iterable[Any]) -> Markup:
    """The ``<li>`` of each facet value beside the results, with its links.

    ``values`` are ``search_links.FacetValue``s.  Written here rather than
    in a template because a results page shows up to 120 values with
    three links each: as a template they took a quarter of the page's time.
    Every value, label and link is escaped like any other text.
    """
    out = []
    for v in values:
        value, label, href = escape(v.value), escape(v.label), escape(v.href)
        count = f"{v.count:,}"
        if v.kept:
            out.append(
                f'<li data-value="{value}" class="kept">\n'
                f'  <a class="value" href="{href}" aria-label="{label}: kept; remove this filter">✓ {label}</a>\n'
                f'  <span class="count">{count}</span>\n'
                f'<span class="leave-out" aria-hidden="true"></span></li>'
            )
        else:
            out.append(
                f'<li data-value="{value}">\n'
                f'  <a class="value" href="{href}" title="Only {label}">{label}</a>\n'
                f'  <span class="count">{count}</span>\n'
                f'<a class="leave-out" href="{escape(v.leave_out_href)}" aria-label="Leave out {label}"'
                f' title="Leave out {label}">−</a></li>'
            )
    return Markup("".join(out))


_TICKS = re.compile(r"`([^`]+)`")


def code_ticks(text: str) -> Markup:
    """Escaped text with `backticked` words set as code (OpenAPI descriptions use them)."""
    return Markup(_TICKS.sub(r"<code>\1</code>", str(escape(text))))


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _parts(value: str) -> tuple[int, int | None, int | None] | None:
    m = re.match(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        return None
    return year, month, day


def _last_day(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def format_date(value: str | None) -> str:
    """``1973-01-05`` → ``January 5, 1973``; partial dates stay partial."""
    parts = _parts(value or "")
    if parts is None:
        return value or ""
    year, month, day = parts
    if month is None:
        return str(year)
    if day is None:
        return f"{_MONTHS[month - 1]} {year}"
    return f"{_MONTHS[month - 1]} {day}, {year}"


def format_date_range(start: str | None, end: str | None) -> str:
    """A document's date range in words, as compact as it can honestly be.

    Ranges come from the store as closed ISO intervals; an interval that
    covers exactly one month or one year is said as that month or year.
    """
    if not start and not end:
        return ""
    if not start or not end or start[:10] == end[:10]:
        return format_date(start or end)
    a, b = _parts(start), _parts(end)
    if a is None or b is None:
        return f"{format_date(start)} – {format_date(end)}"
    (y1, m1, d1), (y2, m2, d2) = a, b
    if None not in (m1, d1, m2, d2):
        if y1 == y2 and (m1, d1, m2, d2) == (1, 1, 12, 31):
            return str(y1)
        if (y1, m1) == (y2, m2):
            if d1 == 1 and d2 == _last_day(y2, m2):
                return format_date(start[:7])
            return f"{_MONTHS[m1 - 1]} {d1}–{d2}, {y1}"
    return f"{format_date(start)} – {format_date(end)}"


# --------------------------------------------------------------------------
# Rendering context
# --------------------------------------------------------------------------


@dataclass
class RenderContext:
    """What the renderer needs to know beyond the blocks themselves.

    It also records which ids it has already written, because the same
    printed page or footnote can be called twice and an HTML id must be
    unique on the page.
    """

    volume_id: str
    local_id: str = ""
    #: printed pages whose ``[Page N]`` marker this page shows
    pages: frozenset[str] = frozenset()
    footnote_ids: frozenset[str] = frozenset()
    persons: Mapping[str, ListEntry] = field(default_factory=dict)
    terms: Mapping[str, ListEntry] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    #: footnotes whose marker was written, so the note can link back.
    called: set[str] = field(default_factory=set)
    heading_level: int = 3

    @classmethod
    def for_document(
        cls,
        doc: Document,
        volume: Volume | None = None,
        *,
        persons: Mapping[str, ListEntry] | None = None,
        terms: Mapping[str, ListEntry] | None = None,
    ) -> "RenderContext":
        """``persons``/``terms``: the volume's lists already indexed by id
        (a server keeps them per volume); else they are indexed here."""
        # only pages whose break is on this page can be linked to in-page;
        # doc.pages also names the page the document starts on mid-way
        notes = (i for n in doc.footnotes for i in n.inlines)
        breaks = frozenset(
            i.text for i in chain(iter_inlines(doc.body), notes) if i.kind == "pb" and i.text
        )
        if persons is None:
            persons = {p.id: p for p in volume.persons} if volume else {}
        if terms is None:
            terms = {t.id: t for t in volume.terms} if volume else {}
        return cls(
            volume_id=doc.volume_id,
            local_id=doc.local_id,
            pages=breaks,
            footnote_ids=frozenset(n.id for n in doc.footnotes),
            persons=persons,
            terms=terms,
        )

    def claim(self, html_id: str) -> str | None:
        """``html_id`` if it is still free on this page, else None."""
        if html_id in self.used_ids:
            return None
        self.used_ids.add(html_id)
        return html_id


# --------------------------------------------------------------------------
# Inline runs
# --------------------------------------------------------------------------

# TEI @rend words → the tag that shows them.  Unknown words render plain.
_STYLE_TAGS = {
    "italic": ("<i>", "</i>"),
    "italics": ("<i>", "</i>"),
    "strong": ("<b>", "</b>"),
    "bold": ("<b>", "</b>"),
    "smallcaps": ('<span class="sc">', "</span>"),
    "sc": ('<span class="sc">', "</span>"),
    "sup": ("<sup>", "</sup>"),
    "superscript": ("<sup>", "</sup>"),
    "sub": ("<sub>", "</sub>"),
    "subscript": ("<sub>", "</sub>"),
    "underline": ("<u>", "</u>"),
    "strikethrough": ("<s>", "</s>"),
    "roman": ('<span class="roman">', "</span>"),  # upright inside italics
}


def _styled(text: Markup | str, style: str | None) -> str:
    body = str(escape(text))
    for word in re.split(r"[\s,;]+", (style or "").lower()):
        tags = _STYLE_TAGS.get(word)
        if tags:
            body = f"{tags[0]}{body}{tags[1]}"
    return body


def _attr(name: str, value: str | None) -> str:
    return f' {name}="{escape(value)}"' if value else ""


_DOC_LOCAL = re.compile(r"^d\d+[A-Za-z]?$")
_NOTE_LOCAL = re.compile(r"^(d\d+[A-Za-z]?)fn\w+$")
_VOLUME_ID = re.compile(r"^frus[\w.\-]+$")


def ref_href(target: str | None, ctx: RenderContext) -> str | None:
    """Where a TEI ``ref/@target`` should lead, or None to show plain text.

    Targets are kept raw in the model; only shapes measured in the corpus are
    turned into links (``#d12``, ``#d12fn3``, ``#pg_40`` on this document,
    ``frusVOL#d312``, a bare volume id, http(s) URLs).  Index entries and
    pages of other documents have no page here, so they stay text.
    """
    if not target:
        return None
    target = target.strip().split()[0] if target.strip() else ""
    if target.startswith(("http://", "https://")):
        return target
    volume_id, hash_, frag = target.partition("#")
    if not hash_:
        return volume_href(target) if _VOLUME_ID.match(target) else None
    if volume_id and not _VOLUME_ID.match(volume_id):
        return None
    same_volume = not volume_id or volume_id == ctx.volume_id
    volume_id = volume_id or ctx.volume_id
    if _DOC_LOCAL.match(frag):
        return document_href(f"{volume_id}/{frag}")
    note = _NOTE_LOCAL.match(frag)
    if note:
        if same_volume and note.group(1) == ctx.local_id:
            return f"#{safe_id(frag)}"
        return f"{document_href(f'{volume_id}/{note.group(1)}')}#{safe_id(frag)}"
    if frag.startswith("pg_"):
        if same_volume and frag[3:] in ctx.pages:
            return f"#{safe_id(frag)}"
        return None if same_volume else volume_href(volume_id)
    if same_volume and frag in ctx.persons:
        return entry_href("person", volume_id, frag)
    if same_volume and frag in ctx.terms:
        return entry_href("term", volume_id, frag)
    return None if same_volume else volume_href(volume_id)


def _page_marker(page: str, ctx: RenderContext) -> str:
    anchor = ctx.claim(f"pg_{safe_id(page)}")
    label = escape(f"[Page {page}]")
    if anchor is None:
        return f'<span class="pb">{label}</span>'
    return f'<span class="pb" id="{anchor}"><a href="#{anchor}">{label}</a></span>'


def _note_marker(run: Inline, ctx: RenderContext) -> str:
    marker = escape(run.text or "*")
    target = run.target or ""
    if target not in ctx.footnote_ids:
        return f'<sup class="fnref">{marker}</sup>'
    fid = safe_id(target)
    back = ctx.claim(f"fnref-{fid}")
    ctx.called.add(target)
    return (
        f'<sup class="fnref"><a href="#{fid}"{_attr("id", back)}'
        f' aria-label="Footnote {marker}">{marker}</a></sup>'
    )


def _entry_title(entry: ListEntry | None) -> str | None:
    if entry is None:
        return None
    return f"{entry.name}: {entry.description}" if entry.description else entry.name


def render_inline(run: Inline, ctx: RenderContext) -> str:
    kind = run.kind
    if kind == "pb":
        return _page_marker(run.text, ctx) if run.text else ""
    if kind == "noteref":
        return _note_marker(run, ctx)
    if kind == "lb":
        return "<br>"
    text = _styled(run.text, run.style)
    if kind == "person":
        title = _entry_title(ctx.persons.get(run.target or ""))
        return f'<span class="person"{_attr("title", title)}>{text}</span>'
    if kind == "term":
        entry = ctx.terms.get(run.target or "")
        if entry is not None:
            return f'<abbr class="term"{_attr("title", entry.description or entry.name)}>{text}</abbr>'
        return f'<span class="term">{text}</span>'
    if kind == "ref":
        href = ref_href(run.target, ctx)
        if href is None:
            return f'<span class="ref">{text}</span>'
        external = ' rel="noopener noreferrer"' if href.startswith("http") else ""
        return f'<a class="ref" href="{escape(href)}"{external}>{text}</a>'
    return text


def render_inlines(runs: Iterable[Inline], ctx: RenderContext) -> Markup:
    return Markup("".join(render_inline(r, ctx) for r in runs))


# --------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------


def _classes(*names: str | None) -> str:
    words = [n for n in names if n]
    return f' class="{" ".join(words)}"' if words else ""


def _rend_class(rend: str | None) -> str | None:
    """``@rend="right"`` → ``r-right``: CSS may style it, nothing depends on it."""
    if not rend:
        return None
    word = re.sub(r"[^a-z0-9\-]", "", rend.lower().split()[0] if rend.split() else "")
    return f"r-{word}" if word else None


def _content(block: Block, ctx: RenderContext) -> str:
    own = render_inlines(block.inlines, ctx)
    kids = "".join(_block(c, ctx) for c in block.children)
    return f"{own}{kids}"


def _wrap(tag: str, block: Block, ctx: RenderContext, *classes: str | None) -> str:
    cls = _classes(*classes, _rend_class(block.rend))
    return f"<{tag}{cls}>{_content(block, ctx)}</{tag}>"


def _list(block: Block, ctx: RenderContext) -> str:
    cls = _rend_class(block.rend)
    if any(c.kind == "label" for c in block.children):
        # label/item pairs (glossaries, "To:" lists) read best as a definition list
        parts = []
        for c in block.children:
            tag = "dt" if c.kind == "label" else "dd"
            parts.append(f"<{tag}>{_content(c, ctx)}</{tag}>")
        return f'<dl{_classes("list", cls)}>{"".join(parts)}</dl>'
    items = []
    for c in block.children:
        if c.kind == "item":
            items.append(f"<li>{_content(c, ctx)}</li>")
        else:
            items.append(f'<li class="list-extra">{_block(c, ctx)}</li>')
    if block.inlines:  # a list head kept as inline text
        head = f'<p class="list-head">{render_inlines(block.inlines, ctx)}</p>'
    else:
        head = ""
    return f'{head}<ul{_classes("list", cls)}>{"".join(items)}</ul>'


def _cell(cell: Block, ctx: RenderContext, header: bool) -> str:
    tag = "th" if header or cell.rend == "label" else "td"
    return f"<{tag}>{_content(cell, ctx)}</{tag}>"


def _table(block: Block, ctx: RenderContext) -> str:
    rows = []
    caption = render_inlines(block.inlines, ctx) if block.inlines else ""
    for row in block.children:
        if row.kind != "row":
            rows.append(f'<tr><td colspan="99">{_block(row, ctx)}</td></tr>')
            continue
        header = row.rend == "label"
        if row.children:
            inner = "".join(
                _cell(c, ctx, header) if c.kind == "cell" else f"<td>{_block(c, ctx)}</td>"
                for c in row.children
            )
        else:
            inner = f"<td>{render_inlines(row.inlines, ctx)}</td>"
        rows.append(f"<tr>{inner}</tr>")
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f'<div class="table-wrap"><table>{cap}{"".join(rows)}</table></div>'


def _attachment(block: Block, ctx: RenderContext) -> str:
    outer = ctx.heading_level
    ctx.heading_level = min(outer + 1, 6)
    try:
        inner = _content(block, ctx)
    finally:
        ctx.heading_level = outer
    return f'<section class="attachment" aria-label="Attachment">{inner}</section>'


def _block(block: Block, ctx: RenderContext) -> str:
    kind = block.kind
    if kind == "paragraph":
        # a <p> cannot hold lists or tables, so a paragraph with child blocks is a div
        tag = "div" if block.children else "p"
        return _wrap(tag, block, ctx, "p" if block.children else None)
    if kind == "heading":
        h = ctx.heading_level
        return _wrap(f"h{h}", block, ctx, "subhead")
    if kind in ("dateline", "signed", "salute", "label"):
        return _wrap("p", block, ctx, kind)
    if kind == "list":
        return _list(block, ctx)
    if kind == "item":
        return _wrap("div", block, ctx, "item")
    if kind == "table":
        return _table(block, ctx)
    if kind in ("row", "cell"):
        return _wrap("div", block, ctx, kind)
    if kind == "attachment":
        return _attachment(block, ctx)
    if kind == "quote":
        return _wrap("blockquote", block, ctx)
    if kind in ("opener", "closer", "postscript"):
        return _wrap("div", block, ctx, kind)
    if kind == "pagebreak":
        return _wrap("div", block, ctx, "pagebreak")
    return _wrap("div", block, ctx, "block")


def render_blocks(blocks: Sequence[Block], ctx: RenderContext) -> Markup:
    return Markup("".join(_block(b, ctx) for b in blocks))


# --------------------------------------------------------------------------
# Footnotes
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedNote:
    id: str
    marker: str
    html: Markup
    is_source: bool
    #: id of the marker in the text to link back to, when one was written
    back: str | None


def render_footnotes(notes: Sequence[Footnote], ctx: RenderContext) -> list[RenderedNote]:
    """The document's notes, source note first, each with its back link.

    Call after ``render_blocks`` on the body: a note links back only when its
    marker was written there.
    """
    ordered = sorted(notes, key=lambda n: not n.is_source)
    out = []
    for note in ordered:
        fid = safe_id(note.id)
        ctx.claim(fid)
        body = render_inlines(note.inlines, ctx) if note.inlines else escape(note.text)
        marker = note.n or ("Source" if note.is_source else "*")
        back = f"fnref-{fid}" if note.id in ctx.called else None
        out.append(RenderedNote(fid, marker, Markup(body), note.is_source, back))
    return out


__all__ = [
    "RenderContext",
    "RenderedNote",
    "code_ticks",
    "document_href",
    "entry_href",
    "facet_items",
    "format_date",
    "format_date_range",
    "list_href",
    "ref_href",
    "render_blocks",
    "render_footnotes",
    "render_inline",
    "render_inlines",
    "safe_id",
    "safe_snippet",
    "volume_href",
]
