"""Excisions: the bracketed notes where declassification withheld text.

FRUS marks what it could not print in brackets at the place it stood:
"[1 paragraph (5 lines) not declassified]", "[less than 1 line of source
text not declassified]", "[1½ lines not declassified]", "[2–1/2 lines of
source text not declassified]", "[name not declassified]", "[3 names not
declassified]", "[text not declassified]", "[table (3 columns and 4 rows)
not declassified]", "[*entry in table not declassified]", and compounds
such as "[name not declassified: 1 paragraph (3 lines) not declassified]",
which are two excisions.  Source notes also say it without brackets: "2
pages of source text not declassified."  Some encoders dropped the
opening bracket ("… (a) 2 lines not declassified]"); a measured phrase
("N lines/paragraphs/pages") is read with or without brackets, a bare
unit word only inside them, because "NSC 5705/1 was not declassified" is
a sentence about a paper, not an excision.

Each :class:`Excision` gives the amount as a number ("1½" → 1.5, "less
than 1" → 1.0 with ``qualifier`` "less than"), the unit in the singular
(line, paragraph, page, name, text, table, table entry, number, place,
…), the line count of "(5 lines)" when given, and where it stands:
``where`` ("title", "body" or a footnote id), the top-level body block
and the character offset into that block's :meth:`~frus.model.Block.text`
(or into the footnote's or title's text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from frus.model import Document, to_dict

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12, "a": 1, "an": 1, "i": 1}  # fmt: skip
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_AMOUNT = (
    r"(?:\d+(?:\s*[–—-]?\s*(?:[½¼¾⅓⅔]|\d/\d)|\s+\d/\d)?|[½¼¾⅓⅔]|\d/\d|"
    r"(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|I(?=\s+line))"
)
_QUALIFIER = r"(?:less\s+than|more\s+than|about|approximately|nearly|over|under|some)"
_MEASURE_UNITS = r"(?:lines?|paragraphs?|pages?|sentences?|words?|rows?|columns?|names?|pp?\.)"

_BRACKET = re.compile(r"\[(?P<inner>[^\[\]]{0,240}?not\s+declassified[^\[\]]{0,60}?)\]")
_SEGMENT = re.compile(r"(?P<extent>[^:;\[\]]*?)\s*\bnot\s+declassified(?:\s+in\s+time\s+for\s+publication)?\.?", re.I)
_MEASURED = re.compile(
    rf"(?P<extent>(?:{_QUALIFIER}\s+)?{_AMOUNT}\s+{_MEASURE_UNITS}(?:\s*\([^()\[\]]{{1,60}}\))?"
    rf"(?:\s+of\s+(?:the\s+)?source\s+text)?)\s+(?:(?:was|were|are|is)\s+)?not\s+declassified",
    re.I,
)
_EXTENT = re.compile(
    rf"^(?:(?P<qual>{_QUALIFIER})\s+)?(?:(?P<amount>{_AMOUNT})\s+)?(?P<unit>[^()]*?)"
    rf"(?:\s*\((?P<paren>[^()]*)\))?(?:\s+of\s+(?:the\s+)?source\s+text)?\s*$",
    re.I,
)
_PAREN_MEASURE = re.compile(rf"^(?:(?P<qual>{_QUALIFIER})\s+)?(?P<amount>{_AMOUNT})\s+(?P<unit>{_MEASURE_UNITS})\b", re.I)


@dataclass(frozen=True, slots=True)
class Excision:
    #: stable within the document's text: ``<doc>:<where>:<block>:<offset>``
    id: str
    doc: str
    #: "title", "body" or the footnote id
    where: str
    #: 1.5 for "1½ lines"; None when no amount is printed ("[name not declassified]")
    amount: float | None
    #: singular: line, paragraph, page, name, text, table, table entry, number, …
    unit: str
    #: the words as printed, without the brackets
    extent_text: str
    #: index of the top-level body block (None outside the body)
    block: int | None
    #: character offset of the opening bracket in the block's, note's or title's text
    offset: int
    #: "less than", "about", … when the amount is qualified
    qualifier: str | None = None
    #: the line count of "1 paragraph (5 lines)"
    lines: float | None = None

    def to_dict(self) -> dict:
        return to_dict(self)


def parse_amount(text: str | None) -> float | None:
    """ "1½" → 1.5, "2–1/2" → 2.5, "1 1/2" → 1.5, "three" → 3.0."""
    if not text:
        return None
    text = text.strip().lower()
    if text in _WORDS:
        return float(_WORDS[text])
    m = re.fullmatch(r"(\d+)?\s*[–—-]?\s*(?:([½¼¾⅓⅔])|(\d)/(\d))?", text)
    if not m or not any(m.groups()):
        return None
    whole = float(m.group(1)) if m.group(1) else 0.0
    if m.group(2):
        whole += _FRACTIONS[m.group(2)]
    elif m.group(3):
        whole += int(m.group(3)) / int(m.group(4))
    return whole


def _singular(unit: str) -> str:
    unit = " ".join(unit.lower().replace("*", " ").split())
    unit = {"pp.": "page", "p.": "page", "entries in table": "table entry", "entry in table": "table entry",
            "table entries": "table entry"}.get(unit, unit)  # fmt: skip
    words = unit.split()
    if not words:
        return "text"
    last = words[-1]
    if last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and last not in ("initials",):
        last = last[:-1]
    return " ".join(words[:-1] + [last])


_COMPOUND = re.compile(rf"^(?P<first>[^()]+?)\s+and\s+(?P<last>(?:{_QUALIFIER}\s+)?{_AMOUNT}\s+{_MEASURE_UNITS}.*)$", re.I)


def _parse(extent: str) -> tuple[float | None, str, str | None, float | None]:
    """(amount, unit, qualifier, lines) of "less than 1 line of source text" and the like.

    "Heading and 10 paragraphs (49 lines)" and "name and less than 1 line"
    are measured by their last part: that is the extent of the withheld text.
    """
    extent = " ".join(extent.split()).strip(" .,")
    compound = _COMPOUND.match(extent)
    if compound:
        extent = compound.group("last")
    m = _EXTENT.match(extent)
    if not m:
        return None, _singular(extent), None, None
    amount = parse_amount(m.group("amount"))
    unit = m.group("unit") or ""
    qualifier = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
    lines = None
    paren = m.group("paren")
    if unit.strip().lower().lstrip("*").startswith("table"):
        # "table (3 columns and 4 rows)": the parentheses give its shape, not an amount
        return amount, ("table entry" if "entr" in unit.lower() else "table"), qualifier, None
    if paren:
        inner = _PAREN_MEASURE.match(paren.strip())
        if inner and _singular(inner.group("unit")) == "line":
            lines = parse_amount(inner.group("amount"))
        elif inner and amount is None and unit and _singular(inner.group("unit")) in ("paragraph", "page"):
            # "Tab B (2 pages of source text)": the measure is in the parentheses
            amount = parse_amount(inner.group("amount"))
            unit = inner.group("unit")
            qualifier = qualifier or (" ".join(inner.group("qual").lower().split()) if inner.group("qual") else None)
    lead = re.match(rf"{_MEASURE_UNITS}(?=\s|$)", unit.strip(), re.I)
    if lead and amount is not None:
        unit = lead.group()  # "2 lines of source text and footnote …" measures lines
    unit = _singular(unit) if unit.strip() else "text"
    if amount is None and unit in ("name", "place", "number", "initial", "title", "heading", "codeword", "row"):
        amount = 1.0
    return amount, unit, qualifier, lines


def find_in_text(text: str) -> Iterator[tuple[int, str, float | None, str, str | None, float | None]]:
    """(offset, extent as printed, amount, unit, qualifier, lines) for each excision in ``text``."""
    taken: list[tuple[int, int]] = []
    for b in _BRACKET.finditer(text):
        taken.append(b.span())
        inner_start = b.start("inner")
        for seg in _SEGMENT.finditer(b.group("inner")):
            raw = seg.group("extent")
            # "[Source: Lot 54 D 291, … Top Secret. 2 pages not declassified.]": the extent is the last sentence
            cut = max(raw.rfind(". "), raw.rfind(".\n"))
            skip = cut + 2 if cut >= 0 else 0
            extent = raw[skip:].strip()
            words = " ".join(seg.group()[skip:].split()).strip(" .")
            if not words:
                continue
            amount, unit, qualifier, lines = _parse(extent)
            lead = skip + len(raw[skip:]) - len(raw[skip:].lstrip())
            offset = b.start() if seg.start() == 0 and skip == 0 else inner_start + seg.start() + lead
            yield offset, words, amount, unit, qualifier, lines
    for m in _MEASURED.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        amount, unit, qualifier, lines = _parse(m.group("extent"))
        yield m.start(), " ".join(m.group().split()), amount, unit, qualifier, lines


def find_excisions(doc: Document) -> tuple[Excision, ...]:
    """Every excision in ``doc``: title, body blocks, then footnotes."""
    out: list[Excision] = []

    def add(where: str, block: int | None, text: str) -> None:
        if "declassified" not in text:
            return
        for offset, words, amount, unit, qualifier, lines in find_in_text(text):
            out.append(
                Excision(
                    id=f"{doc.id}:{where}:{'' if block is None else block}:{offset}",
                    doc=doc.id,
                    where=where,
                    amount=amount,
                    unit=unit,
                    extent_text=words,
                    block=block,
                    offset=offset,
                    qualifier=qualifier,
                    lines=lines,
                )
            )

    add("title", None, doc.title or "")
    for index, block in enumerate(doc.body):
        add("body", index, block.text())
    for note in doc.footnotes:
        add(note.id, None, note.text or "")
    return tuple(out)
