"""Give the body lines of a copy the structure the printed page had.

A copy has one line per paragraph, so structure comes from line shapes:
labelled lists (SUBJECT, PARTICIPANTS), bullets, lone page markers,
paragraph numbers standing on their own line, short unpunctuated lines
(a heading such as "Recommendation" when text follows, a signature such
as "Rusk" when nothing does) and speaker labels in transcripts.  Blocks
are built as ``Proto`` first because note markers can only be decided
once the whole document has been scanned (``text_markers``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from frus.ingest import text_patterns as P
from frus.ingest.text_inline import Candidate, Piece, render, scan
from frus.ingest.text_layout import Line, OpenerLine
from frus.model import Block, Inline


@dataclass(slots=True)
class Proto:
    kind: str
    text: str = ""
    rend: str | None = None
    children: list["Proto"] = field(default_factory=list)
    #: a transcript's speaker label ("K:"), kept as its own styled run
    speaker: str | None = None
    line: int = 0
    pieces: list[Piece] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def to_block(self, accepted: dict[Candidate, str]) -> Block:
        inlines = render(self.pieces, accepted)
        if self.speaker:
            inlines = (Inline("text", self.speaker, style="speaker"), *inlines)
        return Block(
            self.kind,
            inlines=inlines,
            children=tuple(c.to_block(accepted) for c in self.children),
            rend=self.rend,
        )


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    line: int
    after_blank: bool


def build_body(opener: list[OpenerLine], lines: list[Line]) -> list[Proto]:
    protos = [
        Proto("dateline" if o.kind == "dateline" else "paragraph", o.text,
              rend="classification" if o.kind == "classification" else None, line=o.line)
        for o in opener
    ]
    body = _structure(_paragraphs(lines))
    _mark_speakers(body)
    _mark_short_lines(body)
    return protos + _close(body)


def scan_all(protos: list[Proto]) -> list[Candidate]:
    """Scan every block's text; the candidates in reading order."""
    found: list[Candidate] = []
    for proto in protos:
        for node in proto.walk():
            node.pieces = scan(node.text) if node.text else []
            found.extend(c for p in node.pieces if p.kind == "text" for c in p.candidates)
    return found


# --------------------------------------------------------------------------


def _paragraphs(lines: list[Line]) -> list[_Para]:
    """One paragraph per non-blank line: history.state.gov copies never wrap."""
    paras, blank = [], False
    for line in lines:
        if line.blank:
            blank = True
            continue
        paras.append(_Para(line.text.strip(), line.no, blank))
        blank = False
    return paras


def _structure(paras: list[_Para]) -> list[Proto]:
    out: list[Proto] = []
    has_subject = False
    i = 0
    while i < len(paras):
        para = paras[i]
        label = _list_label(para.text)
        if label is not None:
            proto, i = _labelled_list(paras, i, *label)
            has_subject = has_subject or proto.rend == "subject"
            out.append(proto)
            continue
        if P.PAGE_ONLY.match(para.text):
            out.append(Proto("pagebreak", para.text, line=para.line))
            i += 1
            continue
        if P.BULLET.match(para.text):
            items = []
            while i < len(paras) and P.BULLET.match(paras[i].text) and _list_label(paras[i].text) is None:
                items.append(Proto("item", P.BULLET.match(paras[i].text).group(1), line=paras[i].line))
                i += 1
            # a memorandum whose SUBJECT label was not copied still opens
            # with its subject item (frus1981-88v11 d52)
            opens_body = not any(p.kind in ("paragraph", "list") for p in out)
            rend = "subject" if opens_body and not has_subject and len(items) <= 3 else None
            has_subject = has_subject or rend == "subject"
            out.append(Proto("list", rend=rend, children=items, line=items[0].line))
            continue
        if P.PARA_NUMBER.match(para.text) and i + 1 < len(paras):
            # "1." alone on its line, the paragraph on the next (frus1964-68v14 d256)
            nxt = paras[i + 1]
            out.append(Proto("paragraph", f"{para.text.strip()} {nxt.text}", line=para.line))
            i += 2
            continue
        out.append(Proto("paragraph", para.text, line=para.line))
        i += 1
    return out


def _list_label(text: str) -> tuple[str, str | None] | None:
    bullet = P.BULLET.match(text)
    content = bullet.group(1) if bullet else text
    m = P.LIST_LABEL.match(content.strip())
    if not m:
        return None
    label, rest = m.group("label"), m.group("rest")
    if not label.isupper() and rest is None:
        return None  # "Subject" alone is a heading; the label form is upper case
    return label, rest


def _labelled_list(paras: list[_Para], i: int, label: str, rest: str | None) -> tuple[Proto, int]:
    rend = P.LABEL_REND[label.upper()]
    start = paras[i]
    items = [Proto("item", rest, line=start.line)] if rest else []
    j = i + 1
    while j < len(paras) and P.BULLET.match(paras[j].text) and _list_label(paras[j].text) is None:
        items.append(Proto("item", P.BULLET.match(paras[j].text).group(1), line=paras[j].line))
        j += 1
    if not items and j < len(paras):
        if rend == "subject":
            if len(paras[j].text) <= 300 and not P.PAGE_ONLY.match(paras[j].text):
                items.append(Proto("item", paras[j].text, line=paras[j].line))
                j += 1
        else:
            # unbulleted participants: one stanza of short lines
            while j < len(paras) and len(paras[j].text) <= 150 and _list_label(paras[j].text) is None:
                if items and paras[j].after_blank:
                    break
                items.append(Proto("item", paras[j].text, line=paras[j].line))
                j += 1
    children = [Proto("label", label, line=start.line), *items]
    return Proto("list", rend=rend, children=children, line=start.line), j


# --------------------------------------------------------------------------

_TERMINAL = ".,;:?!"
#: a note marker glued to the end of a line ("Conclusions2", "Text.2")
_TRAILING_MARKER = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]’”\"'»])\d{1,3}$")
_SHORT_CHARS, _SHORT_WORDS, _MAX_SIGNATURE_LINES = 60, 8, 2


def _is_short(text: str) -> bool:
    text = _TRAILING_MARKER.sub("", text.strip())
    return (
        0 < len(text) <= _SHORT_CHARS
        and len(text.split()) <= _SHORT_WORDS
        and text[-1] not in _TERMINAL
        and (text[0].isupper() or text[0] == "[")
    )


def _mark_short_lines(protos: list[Proto]) -> None:
    """Short unpunctuated lines: signatures at the end, headings before text."""
    content = [k for k, p in enumerate(protos) if p.kind != "pagebreak"]
    signed = 0
    for k in reversed(content):
        p = protos[k]
        if p.kind != "paragraph" or p.speaker or not _is_short(p.text) or signed == _MAX_SIGNATURE_LINES:
            break
        p.kind = "signed"
        signed += 1
    last_text = max((k for k in content if protos[k].kind in ("paragraph", "list")), default=-1)
    for k in content:
        p = protos[k]
        if p.kind == "paragraph" and not p.speaker and k < last_text and _is_short(p.text):
            p.kind = "heading"


def _close(protos: list[Proto]) -> list[Proto]:
    """Gather the signature lines into one closer, as the TEI has them."""
    signed = [p for p in protos if p.kind == "signed"]
    if not signed:
        return protos
    first = protos.index(signed[0])
    closer = Proto("closer", children=signed, line=signed[0].line)
    return [p for p in protos[:first]] + [closer] + [p for p in protos[first:] if p.kind != "signed"]


#: colon labels that open ordinary paragraphs, not speaker turns
_NOT_SPEAKERS = frozenset(
    "Note Notes Comment Sir Sirs Gentlemen Madam Subject Source Summary Reference Ref "
    "Action Info Date Time Place Item Enclosure Attachment".split()
)


def _mark_speakers(protos: list[Proto]) -> None:
    """Speaker turns: labels that recur, as in a transcript, not an enumeration."""
    paras = [p for p in protos if p.kind == "paragraph"]
    rules = ((P.COLON_SPEAKER, lambda labels: False), (P.PERIOD_SPEAKER, _alphabetical))
    for pattern, is_enumeration in rules:
        hits = [(p, m.group("label")) for p in paras if (m := pattern.match(p.text)) and p.speaker is None]
        hits = [(p, label) for p, label in hits if label not in _NOT_SPEAKERS]
        labels = [label for _, label in hits]
        counts = Counter(labels)
        if not counts:
            continue
        recurring = (len(counts) >= 2 and max(counts.values()) >= 2) or max(counts.values()) >= 3
        if not recurring or is_enumeration(labels):
            continue
        for p, label in hits:
            cut = len(label) + (1 if pattern is P.COLON_SPEAKER else 0)
            p.speaker = p.text[:cut]
            p.text = p.text[cut:]


def _alphabetical(labels: list[str]) -> bool:
    """"A. … B. … C. … A." is an enumeration; "Q. … A. … Q." is a dialogue."""
    previous = None
    for label in labels:
        letter = label.rstrip(".")
        if len(letter) != 1:
            return False
        if letter != "A" and (previous is None or ord(letter) != ord(previous) + 1):
            return False
        previous = letter
    return True
