"""The SUBJECT line and the PARTICIPANTS list at the top of a document's body.

The TEI marks both as lists (``list[@type='subject']``,
``list[@type='participants']``), which the reader keeps as blocks with
``rend`` ``subject``/``participants``; text copies print them as lines
("SUBJECT" then the subject, or "Subject: …").  Only the opening blocks
are searched, so a "Subject:" quoted deep in a telegram is not taken.
"""

from __future__ import annotations

import re

from frus.extract.parties import OFFICE_WORDS, parse_party
from frus.model import Block, Inline, Party, block_text

Inline_LB = Inline("lb")

#: how many leading blocks may hold the subject or participants
_HEAD_BLOCKS = 12
_LABEL = re.compile(r"^\s*(?:SUBJECTS?|Subjects?|SUBJ)(?:\s*[:.]\s*|\s+|$)")
_INLINE_SUBJECT = re.compile(r"^\s*(?:SUBJECTS?|Subjects?|SUBJ)\s*[:.]\s*(?P<s>\S.*)$")
_PARTICIPANTS_LABEL = re.compile(r"^\s*(?:PARTICIPANTS|Participants|PRESENT|Present)\s*:?\s*$")
_SIDE = re.compile(r"^\s*(?:[A-Z][\w.\s]*\s+Side|Others?|Also present|Notetaker|Interpreter)s?\s*:?\s*$", re.I)


def _flatten(blocks: tuple[Block, ...]) -> list[Block]:
    """Top-level blocks, looking inside the opener where datelines and lists may sit."""
    out: list[Block] = []
    for b in blocks:
        if b.kind == "opener":
            out.extend(b.children)
        else:
            out.append(b)
    return out


def prefix_text(block: Block, limit: int = 160) -> str:
    """The first ``limit`` characters or so of a block's text, without rendering all of it."""
    parts: list[str] = []
    size = 0
    for run in _runs(block):
        if run.kind in ("pb", "noteref"):
            continue
        parts.append("\n" if run.kind == "lb" else run.text)
        size += len(run.text)
        if size > limit:
            break
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n")).strip()


def _runs(block: Block):
    yield from block.inlines
    for child in block.children:
        if child.kind in ("item", "label", "paragraph", "cell", "row", "list"):
            yield Inline_LB
        yield from _runs(child)


def subject_of(body: tuple[Block, ...]) -> str | None:
    """The document's stated subject, or None."""
    blocks = _flatten(body)[:_HEAD_BLOCKS]
    for b in blocks:
        if b.kind == "list" and (b.rend or "").lower() == "subject":
            return _subject_text(b)
    for i, b in enumerate(blocks):
        if not prefix_text(b, 8).startswith(("SUBJ", "Subj")):
            continue
        text = block_text(b).strip()
        m = _INLINE_SUBJECT.match(text.split("\n")[0])
        if m:
            return _tidy(m.group("s"))
        if re.fullmatch(r"SUBJECTS?\s*:?", text.split("\n")[0].strip()):
            rest = "\n".join(text.split("\n")[1:]).strip()
            if rest:
                return _tidy(rest)
            for nxt in blocks[i + 1: i + 2]:
                t = block_text(nxt).strip()
                if t:
                    return _tidy(t)
    return None


def _subject_text(block: Block) -> str | None:
    lines = [ln.strip() for ln in block_text(block).split("\n") if ln.strip()]
    lines = [_LABEL.sub("", ln).strip() for ln in lines]
    lines = [ln for ln in lines if ln]
    return _tidy("; ".join(lines)) if lines else None


def _tidy(text: str) -> str | None:
    text = " ".join(text.split()).strip(" -•–")
    return text or None


def participants_of(body: tuple[Block, ...]) -> tuple[Party, ...]:
    """The PARTICIPANTS of a memorandum of conversation, as parties.

    Side labels ("U.S. Side:", "Soviet Side", an italic "Czechoslovakia")
    and the list's own heading are skipped.
    """
    blocks = _flatten(body)[:_HEAD_BLOCKS]
    lines: list[str] = []
    for b in blocks:
        if b.kind == "list" and (b.rend or "").lower() == "participants":
            lines = [_item_text(item) for item in _items(b)]
            break
    else:
        for i, b in enumerate(blocks):
            first = prefix_text(b, 40).split("\n")[0]
            if _PARTICIPANTS_LABEL.match(first):
                lines = block_text(b).split("\n")[1:]
                for nxt in blocks[i + 1:]:
                    if nxt.kind not in ("list", "item"):
                        break
                    lines.extend(block_text(nxt).split("\n"))
                break
    parties: list[Party] = []
    for line in lines:
        line = (line or "").strip(" -•–")
        if not line or line.endswith(":") or _PARTICIPANTS_LABEL.match(line) or _SIDE.match(line):
            continue
        line = re.sub(r"^(?:H\.\s?E\.|His Excellency|Her Excellency)\s+", "", line)
        line = re.sub(r"\s*[—–]\s*", ", ", line, count=1)
        p = parse_party(line)
        if p.name is None and not (p.role and any(w.strip(",.") in OFFICE_WORDS for w in p.role.split())):
            continue  # "U.S.", "Soviet Union": a side, not a person
        parties.append(p)
    return tuple(parties)


def _items(block: Block):
    for child in block.children:
        if child.kind == "item":
            if not _all_italic(child):
                yield child
        elif child.kind == "list":
            yield from _items(child)


def _all_italic(block: Block) -> bool:
    runs = [r for r in block.inlines if r.text.strip()]
    return bool(runs) and all(r.style and "italic" in r.style for r in runs)


def _item_text(block: Block) -> str:
    return " ".join(block_text(block).split())
