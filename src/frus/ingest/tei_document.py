"""One ``div[@type='document']`` → the fields of one :class:`~frus.model.Document`.

The walk is a single recursive pass over each document's elements with a
table from Clark tag to handler — no XPath: a volume has ~20,000 elements
per MB, and per-element queries would cost more than parsing.  The commonest
shapes (a ``p``, ``hi``, ``persName`` or ``gloss`` with no children) are
handled in line, because the reader must stay within a small multiple of
lxml's own parse time.

Two contexts, as in TEI itself:

* *block* context (children of the div, ``frus:attachment``, ``list``,
  ``table``, ``opener``/``closer``, …) yields :class:`Block` objects; stray
  text there becomes a paragraph;
* *inline* context (inside ``p``, ``item``, ``cell``, ``head``, notes, …)
  yields :class:`Inline` runs; a ``list``, ``table`` or block ``quote`` met
  inside a paragraph splits it, so structure is never flattened into text.

Notes are lifted out where they stand: a ``noteref`` run marks the place,
the note becomes a :class:`Footnote` in document order.  Page breaks stay
where they fall (an inline ``pb`` run, or a ``pagebreak`` block between
blocks), because historians cite printed pages.

Nested documents (frus1861 encloses 79 in ``frus:attachment``) are read as
documents of their own the moment they are met, so page tracking stays in
document order; the parent keeps a one-line ``ref`` to each (rend
``nested-document``), never a second copy of its text, and lists their
pages among its own because it spans them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from lxml import etree

from frus.ingest.tei_common import ATTACHMENTS, DIV, FRUS_NAMESPACES, HEAD, LB, NOTE, P, PB, TEI, XML_ID, is_unsafe
from frus.ingest.tei_dates import read_dateline
from frus.ingest.tei_runs import LB_RUN, Sink, flatten, has_words, norm, runs_text, trim
from frus.model import Block, CrossRef, Footnote, Inline, Mention

_T = {
    name: TEI + name
    for name in (
        "hi", "persName", "gloss", "ref", "list", "table", "row", "cell", "item", "label", "quote",
        "closer", "opener", "postscript", "signed", "salute", "dateline", "date", "placeName",
        "time", "seg", "gap", "del", "figure", "graphic", "lg", "l", "byline", "affiliation",
    )
}
#: frus-namespace metadata of the microfiche supplement (image files, pdf
#: sizes, an editor's to-do in ``frus:problem``): not part of the text.
_FRUS_METADATA = frozenset(
    ns + local for ns in FRUS_NAMESPACES for local in ("file", "pdf", "problem", "page-count-according-to-citation")
)
#: Elements that end a paragraph when met inside one.
_BLOCK_IN_INLINE = frozenset(_T[t] for t in ("list", "table", "closer", "opener", "postscript", "lg")) | {P} | ATTACHMENTS
#: what may precede an opening file-number note
_OPENING = frozenset({HEAD, NOTE})
_QUOTE_BLOCK_CHILDREN = frozenset({P, _T["list"], _T["table"], _T["lg"], _T["closer"]})


class _DocState:
    """What is being gathered for the document currently open."""

    __slots__ = (
        "local", "head", "path", "head_note_seen", "title_runs", "notes", "mentions",
        "refs", "pages", "dateline", "where", "carried",
    )

    def __init__(self, local: str, head, start_page: str | None, path: tuple[str, ...]) -> None:
        self.local = local
        self.head = head
        self.path = path
        self.title_runs: list = []
        self.head_note_seen = False
        self.notes: list = []
        self.mentions: list[Mention] = []
        self.refs: list[CrossRef] = []
        self.pages: list[str] = [start_page] if start_page else []
        #: the page the document is taken to start on, until its first page break
        self.carried = start_page
        #: the document's own first dateline: (element, its text)
        self.dateline: tuple | None = None
        self.where = "body"


def _rendition(elem) -> str | None:
    """``@rendition`` as a rend word: today's exports write
    ``rendition="#sectiontitleital"`` where the 2014 files wrote ``rend``."""
    value = elem.get("rendition")
    return value.lstrip("#").split()[0] if value and value.strip("# ") else None


def _rend(elem) -> str | None:
    return elem.get("rend") or _rendition(elem)


def _with_style(style: str | None, rend: str) -> str:
    if style is None:
        return rend
    return style if rend in style.split() else f"{style} {rend}"


class DocumentWalker:
    """Reads the documents of one volume, in document order.

    Tell ``page(n)`` about every ``pb`` met *outside* documents, so a
    document knows the printed page it starts on; ``document(div, path)``
    reads one document (and any nested in it); ``results()`` gives, in
    reading order, the keyword arguments of each
    :class:`~frus.model.Document` except its position and neighbours, which
    only the caller knows once every document is read.
    """

    def __init__(self, volume_id: str) -> None:
        self.volume_id = volume_id
        self.last_page: str | None = None
        self._docs: list[dict | None] = []
        self._doc_ids: set[str] = set()
        self._note_ids: set[str] = set()
        self._synth: dict[str, int] = {}
        self._state: _DocState | None = None
        #: immutable runs and mentions of equal names, shared (a volume
        #: names Kissinger thousands of times)
        self._pointers: dict[tuple, tuple[Inline, Mention]] = {}

    # -- volume-level bookkeeping ---------------------------------------

    def page(self, n: str | None) -> None:
        if n:
            self.last_page = n
            state = self._state
            if state is not None and state.carried is not None:
                start, state.carried = state.carried, None
                if n.isdigit() and start.isdigit() and int(n) < int(start):
                    # the numbering restarts: an e-volume prints each document
                    # from its own page 1, so the page before it is not its own
                    state.pages.remove(start)
            if state is not None and n not in state.pages:
                state.pages.append(n)

    def results(self) -> list[dict]:
        return [d for d in self._docs if d is not None]

    def _local_id(self, div: etree._Element, parent: str | None) -> str:
        local = (div.get(XML_ID) or "").strip()
        if not local:
            # frus1861's enclosures have no xml:id: name them after the
            # nearest ancestor that has one, "d3-1", "d3-2", …
            anchor = parent
            if anchor is None:
                for up in div.iterancestors():
                    anchor = up.get(XML_ID)
                    if anchor:
                        break
            anchor = anchor or "doc"
            k = self._synth.get(anchor, 0) + 1
            self._synth[anchor] = k
            local = f"{anchor}-{k}"
        base, k = local, 1
        while local in self._doc_ids:
            k += 1
            local = f"{base}-{k}"
        self._doc_ids.add(local)
        return local

    # -- documents --------------------------------------------------------

    def document(
        self,
        div: etree._Element,
        path: tuple[str, ...],
        parent: str | None = None,
        *,
        local: str | None = None,
        number: str | None = None,
        subtype: str | None = None,
    ) -> int:
        """Read ``div`` and the documents nested in it; returns the index of
        its entry in reading order.  ``local``/``number``/``subtype`` stand in
        for the div's attributes when the caller knows better (a
        single-document export keeps them in its header)."""
        local = self._local_id(div, parent) if local is None else local
        slot = len(self._docs)
        self._docs.append(None)
        start_page = self.last_page
        first = next(iter(div), None)
        if first is not None and first.tag == PB and not (div.text or "").strip():
            start_page = None  # the document opens a new page
        head = div.find(HEAD)
        outer, state = self._state, _DocState(local, head, start_page, path)
        self._state = state
        try:
            body = self._children(div)
        finally:
            self._state = outer
        if outer is not None:
            for n in state.pages:
                if n not in outer.pages:
                    outer.pages.append(n)
        place, dateline, date = read_dateline(div, *(state.dateline or (None, None)), head)
        number = number or (div.get("n") or "").strip() or None
        self._docs[slot] = dict(
            id=f"{self.volume_id}/{local}",
            volume_id=self.volume_id,
            local_id=local,
            number=number,
            title=_title(state.title_runs, number),
            path=path,
            parent_id=f"{self.volume_id}/{parent}" if parent else None,
            subtype=subtype or div.get("subtype") or None,
            place=place,
            dateline=dateline,
            date=date,
            body=tuple(body),
            footnotes=tuple(state.notes),
            pages=tuple(state.pages),
            mentions=tuple(state.mentions),
            refs=tuple(state.refs),
            origin="tei",
        )
        return slot

    def _nested(self, div: etree._Element) -> Block:
        state = self._state
        entry = self._docs[self.document(div, state.path, state.local)]
        local = entry["local_id"]
        return Block("paragraph", (Inline("ref", entry["title"] or local, f"#{local}"),), (), "nested-document")

    # -- block context ------------------------------------------------------

    def _children(self, elem: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        stray: Sink | None = None
        text = elem.text
        if text and not text.isspace():
            stray = Sink()
            stray.text(text, None)
        handlers = _BLOCK_HANDLERS
        for child in elem:
            tag = child.tag
            handler = handlers.get(tag)
            if handler is not None:
                if stray is not None:
                    self._stray(stray, blocks)
                    stray = None
                handler(self, child, blocks)
            elif tag.__class__ is str and not is_unsafe(tag):
                if stray is None:
                    stray = Sink()
                self._inline_one(child, stray, None)
            tail = child.tail
            if tail and (stray is not None or not tail.isspace()):
                if stray is None:
                    stray = Sink()
                stray.text(tail, None)
        if stray is not None:
            self._stray(stray, blocks)
        return blocks

    def _stray(self, sink: Sink, blocks: list[Block]) -> None:
        """Text met between blocks: punctuation glued to the block before
        (``<signed>…</signed>.``) joins it, anything else is a paragraph."""
        items = sink.close()
        if not items:
            return
        if blocks and not sink.has_blocks and len(items) == 1 and items[0].kind == "text" and blocks[-1].inlines:
            text = items[0].text
            if text.strip() and not text[0].isspace() and len(text.strip()) <= 2:
                prev = blocks[-1]
                blocks[-1] = replace(prev, inlines=prev.inlines + (Inline("text", text.rstrip()),))
                return
        _paragraphs(items, blocks, None)

    def _p(self, elem, blocks) -> None:
        if not len(elem):
            raw = elem.text
            if raw:
                text = norm(raw).strip()
                if text:
                    blocks.append(Block("paragraph", (Inline("text", text),), (), _rend(elem)))
            return
        sink = Sink()
        self._inline(elem, sink, None)
        items = sink.close()
        if sink.has_blocks:
            _paragraphs(items, blocks, _rend(elem))
            return
        runs = trim(items)
        if runs and has_words(runs):
            blocks.append(Block("paragraph", runs, (), _rend(elem)))

    def _leaf(self, kind: str, elem, rend: str | None) -> Block:
        """A block holding runs (``item``, ``cell``, ``signed``, …); blocks
        met inside it become its children."""
        if not len(elem):
            raw = elem.text
            text = norm(raw).strip() if raw else ""
            return Block(kind, (Inline("text", text),) if text else (), (), rend)
        sink = Sink()
        self._inline(elem, sink, None)
        items = sink.close()
        if not sink.has_blocks:
            return Block(kind, trim(items), (), rend)
        lead: list = []
        rest: list = []
        for i, item in enumerate(items):
            if item.__class__ is Block:
                rest = items[i:]
                break
            lead.append(item)
        children: list[Block] = []
        _paragraphs(rest, children, None)
        return Block(kind, trim(lead), tuple(children), rend)

    def _transparent(self, elem, blocks) -> None:
        blocks.extend(self._children(elem))

    def _skip_block(self, elem, blocks) -> None:
        return None

    def _head_block(self, elem, blocks) -> None:
        state = self._state
        if elem is state.head:
            state.where = "title"
            sink = Sink()
            self._inline(elem, sink, None)
            state.where = "body"
            state.title_runs = sink.close()
            return
        blocks.append(self._leaf("heading", elem, elem.get("type")))

    def _dateline(self, elem, blocks) -> None:
        block = self._leaf("dateline", elem, None)
        if self._state.dateline is None:
            # its words come from the runs just built: no second walk
            self._state.dateline = (elem, runs_text(block.inlines) if not block.children else None)
        blocks.append(block)

    def _pb_block(self, elem, blocks) -> None:
        n = elem.get("n") or ""
        self.page(n)
        blocks.append(Block("pagebreak", (Inline("pb", n),)))

    def _note_block(self, elem, blocks) -> None:
        # A note standing between blocks has no marker in the text: the old
        # style's file-number line ("861.00/2–2246: Telegram") that opens a
        # document or an enclosure (after its head, if any), or a label such
        # as "[Enclosure No. 3.]".  Only the former is a source note.
        source_hint = False
        if elem.get("rend") == "inline":
            parent = elem.getparent()
            if parent.tag in ATTACHMENTS or parent.get("type") == "document":
                source_hint = all(s.tag in _OPENING for s in elem.itersiblings(preceding=True))
        self._note(elem, None, source_hint)

    def _div_block(self, elem, blocks) -> None:
        if elem.get("type") == "document":
            blocks.append(self._nested(elem))
        else:
            blocks.extend(self._children(elem))

    # -- inline context -----------------------------------------------------

    def _inline(self, elem, sink: Sink, style: str | None) -> None:
        """Append the content of ``elem`` (not its tail) to ``sink``.

        The reader's hot loop: childless ``hi``/``persName``/``gloss`` are
        handled here rather than through a handler call.
        """
        buf = sink.buf
        text = elem.text
        if text:
            if style != sink.style:
                sink.restyle(style)
            buf.append(text)
        if not len(elem):
            return
        state = self._state
        mentions, where, items = state.mentions, state.where, sink.items
        handlers = _INLINE_HANDLERS
        pointers = self._pointers
        for child in elem:
            tag = child.tag
            handler = handlers.get(tag)
            if handler is None:
                if tag.__class__ is str and not is_unsafe(tag):
                    self._inline(child, sink, style)
            elif handler is _HI_HANDLER and not len(child):
                raw = child.text
                if raw:
                    rend = child.get("rend") or _rendition(child)
                    inner = _with_style(style, rend) if rend else style
                    if inner != sink.style:
                        sink.restyle(inner)
                    buf.append(raw)
            elif (handler is _PERSON_HANDLER or handler is _TERM_HANDLER) and not len(child):
                raw = child.text
                target = child.get("corresp" if handler is _PERSON_HANDLER else "target")
                # the common case, a clean one-word-or-few name pointing at
                # "#id": runs and mentions are shared between equal names
                if (
                    target
                    and raw
                    and target[0] == "#"
                    and " " not in target
                    and raw[0] != " "
                    and raw[-1] != " "
                    and "\n" not in raw
                    and "  " not in raw
                    and "\t" not in raw
                ):
                    key = (handler is _PERSON_HANDLER, raw, target, style, where)
                    pair = pointers.get(key)
                    if pair is None:
                        kind = "person" if handler is _PERSON_HANDLER else "term"
                        target = target[1:]
                        pair = pointers[key] = (Inline(kind, raw, target, style), Mention(kind, target, raw, where))
                    if buf:
                        sink.flush()
                    items.append(pair[0])
                    mentions.append(pair[1])
                else:
                    handler(self, child, sink, style)
            else:
                handler(self, child, sink, style)
            tail = child.tail
            if tail:
                if style != sink.style:
                    sink.restyle(style)
                buf.append(tail)

    def _inline_one(self, child, sink: Sink, style: str | None) -> None:
        handler = _INLINE_HANDLERS.get(child.tag)
        if handler is not None:
            handler(self, child, sink, style)
        else:
            self._inline(child, sink, style)

    def _skip(self, elem, sink, style) -> None:
        return None

    def _lb(self, elem, sink, style) -> None:
        sink.add(LB_RUN)

    def _hi(self, elem, sink, style) -> None:
        rend = elem.get("rend") or _rendition(elem)
        self._inline(elem, sink, _with_style(style, rend) if rend else style)

    def _del(self, elem, sink, style) -> None:
        # struck-through words stay readable, marked as such
        rend = elem.get("rend") or _rendition(elem) or "strikethrough"
        self._inline(elem, sink, _with_style(style, rend))

    def _pointer(self, elem, sink: Sink, style, kind: str, target: str) -> str:
        """Emit a persName/gloss/ref as one run; returns its text.

        Page breaks and note markers inside it follow the run, so pages and
        footnotes are never lost to a name that spans them.
        """
        lead = elem.text or ""
        if not len(elem):
            text = " ".join(lead.split())
            if lead[:1].isspace():
                sink.text(" ", style)
            if text:
                sink.add(Inline(kind, text, target, style))
            if lead[-1:].isspace():
                sink.text(" ", style)
            return text
        sub = Sink()
        self._inline(elem, sub, style)
        items = sub.close()
        if sub.has_blocks:
            items = flatten(items)
        # a name set wholly in italics keeps them; mixed styling does not
        # survive the merge into one run
        styles = {item.style for item in items if item.kind == "text" and item.text.strip()}
        inner_style = styles.pop() if len(styles) == 1 else style
        text = runs_text(items)
        if lead[:1].isspace():
            sink.text(" ", style)
        if text:
            sink.add(Inline(kind, text, target, inner_style))
        for item in items:
            if item.kind == "pb" or item.kind == "noteref":
                sink.add(item)
        end = elem[-1].tail
        if end and end[-1].isspace():
            sink.text(" ", style)
        return text

    def _pers_name(self, elem, sink, style) -> None:
        corresp = (elem.get("corresp") or "").strip()
        if not corresp:
            self._inline(elem, sink, style)
            return
        target = corresp[1:] if corresp[0] == "#" else corresp
        state = self._state
        text = self._pointer(elem, sink, style, "person", target)
        state.mentions.append(Mention("person", target, text, state.where))

    def _gloss(self, elem, sink, style) -> None:
        raw = (elem.get("target") or "").strip()
        if not raw:
            self._inline(elem, sink, style)
            return
        target = raw[1:] if raw[0] == "#" else raw
        state = self._state
        text = self._pointer(elem, sink, style, "term", target)
        state.mentions.append(Mention("term", target, text, state.where))

    def _ref(self, elem, sink, style) -> None:
        target = elem.get("target")
        if not target or not target.strip():
            self._inline(elem, sink, style)
            return
        state = self._state
        state.refs.append(CrossRef(target, self._pointer(elem, sink, style, "ref", target), state.where))

    def _pb_inline(self, elem, sink, style) -> None:
        n = elem.get("n") or ""
        self.page(n)
        sink.add(Inline("pb", n))

    def _note_inline(self, elem, sink, style) -> None:
        self._note(elem, sink)

    def _quote_inline(self, elem, sink, style) -> None:
        for child in elem:
            if child.tag in _QUOTE_BLOCK_CHILDREN:
                sink.block(Block("quote", (), tuple(self._children(elem))))
                return
        self._inline(elem, sink, style)

    def _block_inline(self, elem, sink, style) -> None:
        blocks: list[Block] = []
        _BLOCK_HANDLERS[elem.tag](self, elem, blocks)
        for block in blocks:
            sink.block(block)

    def _div_inline(self, elem, sink, style) -> None:
        if elem.get("type") == "document":
            sink.block(self._nested(elem))
        else:
            for block in self._children(elem):
                sink.block(block)

    # -- notes ----------------------------------------------------------------

    def _note(self, elem, sink: Sink | None, source_hint: bool = False) -> None:
        """Lift a note out as a Footnote; leave a marker in ``sink`` (an
        anchored note) or none (a note standing between blocks)."""
        state = self._state
        slot = len(state.notes)
        state.notes.append(None)  # keeps document order when notes nest
        where, state.where = state.where, "notes"
        inner = Sink()
        try:
            self._inline(elem, inner, None)
        finally:
            state.where = where
        runs = inner.close()
        runs = trim(flatten(runs) if inner.has_blocks else runs)
        text = runs_text(runs)
        n = (elem.get("n") or "").strip()
        note_id = self._note_id(elem, n, slot)
        kind = elem.get("type")
        is_source = kind == "source" or source_hint
        if state.head is not None and not state.head_note_seen and elem.getparent() is state.head:
            # the first head note is the source note even when untyped
            # (frus1961-63v06, v22 and frus1977-80v21 never type it)
            state.head_note_seen = True
            if kind is None and text.startswith("Source:"):
                is_source = True
        state.notes[slot] = Footnote(
            id=note_id,
            n=n,
            text=text,
            inlines=runs,
            is_source=is_source,
            kind="source" if is_source else "unknown",
            anchored=sink is not None,
        )
        if sink is not None:
            sink.add(Inline("noteref", n, note_id))

    def _note_id(self, elem, n: str, slot: int) -> str:
        # a synthesised id must never equal a real one (dNfnM), or the
        # de-duplication below would rename the real note
        base = (elem.get(XML_ID) or "").strip() or (
            f"{self._state.local}fn{n}" if n else f"{self._state.local}-note{slot + 1}"
        )
        note_id, k = base, 1
        while note_id in self._note_ids:  # frus1948v01p1 repeats d173fn4
            k += 1
            note_id = f"{base}-{k}"
        self._note_ids.add(note_id)
        return note_id


def _paragraphs(items: list, blocks: list[Block], rend: str | None) -> None:
    """Mixed runs and blocks → blocks, each stretch of runs a paragraph."""
    run: list = []
    for item in items:
        if item.__class__ is Block:
            if run:
                runs = trim(run)
                if runs and has_words(runs):
                    blocks.append(Block("paragraph", runs, (), rend))
                run = []
            blocks.append(item)
        else:
            run.append(item)
    if run:
        runs = trim(run)
        if runs and has_words(runs):
            blocks.append(Block("paragraph", runs, (), rend))


def _title(runs: list, number: str | None) -> str:
    title = runs_text(runs)
    if number and title:
        # modern heads print the number: "33. Memorandum …"
        lead, dot, rest = title.partition(".")
        if dot and lead.strip().lower() == number.lower():
            title = rest.strip()
    return title


def _leaf_handler(kind: str, rend_attr: str | None = None) -> Callable:
    def handle(walker: DocumentWalker, elem, blocks) -> None:
        rend = elem.get(rend_attr) if rend_attr else None
        if rend and rend[0] == "#":
            rend = rend[1:]
        blocks.append(walker._leaf(kind, elem, rend))

    return handle


def _container(kind: str, rend_attr: str | None = None) -> Callable:
    def handle(walker: DocumentWalker, elem, blocks) -> None:
        rend = elem.get(rend_attr) if rend_attr else None
        blocks.append(Block(kind, (), tuple(walker._children(elem)), rend))

    return handle


# The tables hold plain functions, called as ``handler(walker, elem, …)``:
# bound methods stored on the walker would make a reference cycle that keeps
# each parsed tree alive until the cyclic garbage collector happens by.
_W = DocumentWalker
_INLINE_HANDLERS: dict[str, Callable] = {
    _T["hi"]: _W._hi,
    _T["del"]: _W._del,
    _T["persName"]: _W._pers_name,
    _T["gloss"]: _W._gloss,
    _T["ref"]: _W._ref,
    NOTE: _W._note_inline,
    PB: _W._pb_inline,
    LB: _W._lb,
    _T["gap"]: _W._skip,
    _T["graphic"]: _W._skip,
    _T["quote"]: _W._quote_inline,
    DIV: _W._div_inline,
    # words of these are just text; listing them skips the unknown-tag checks
    **{_T[t]: _W._inline for t in (
        "date", "placeName", "time", "seg", "label", "signed", "dateline", "item", "cell", "affiliation", "salute",
    )},
    **{tag: _W._skip for tag in _FRUS_METADATA},
    **{tag: _W._block_inline for tag in _BLOCK_IN_INLINE},
}
_BLOCK_HANDLERS: dict[str, Callable] = {
    P: _W._p,
    HEAD: _W._head_block,
    _T["dateline"]: _W._dateline,
    _T["list"]: _container("list", rend_attr="type"),
    _T["table"]: _container("table"),
    _T["row"]: _container("row", rend_attr="role"),
    _T["cell"]: _leaf_handler("cell", rend_attr="role"),
    _T["item"]: _leaf_handler("item"),
    _T["label"]: _leaf_handler("label"),
    _T["signed"]: _leaf_handler("signed"),
    _T["salute"]: _leaf_handler("salute"),
    _T["seg"]: _leaf_handler("paragraph", rend_attr="rendition"),
    _T["byline"]: _leaf_handler("paragraph"),
    _T["l"]: _leaf_handler("paragraph", rend_attr="rend"),
    _T["lg"]: _container("quote", rend_attr="type"),
    _T["closer"]: _container("closer"),
    _T["opener"]: _container("opener"),
    _T["postscript"]: _container("postscript"),
    _T["quote"]: _container("quote"),
    _T["figure"]: _W._transparent,
    PB: _W._pb_block,
    NOTE: _W._note_block,
    DIV: _W._div_block,
    _T["gap"]: _W._skip_block,
    _T["graphic"]: _W._skip_block,
    **{tag: _container("attachment") for tag in ATTACHMENTS},
    **{tag: _W._skip_block for tag in _FRUS_METADATA},
}
_HI_HANDLER, _PERSON_HANDLER, _TERM_HANDLER = _W._hi, _W._pers_name, _W._gloss
del _W
