"""How to cite a FRUS document: the Office of the Historian's form, and exports.

The Office of the Historian ("Citing the Foreign Relations series",
history.state.gov/historicaldocuments/citing-frus) recommends citing the
document number rather than the page, because numbers are the same in print,
on the web and in ebooks, and appending the document's canonical URL:

    Foreign Relations of the United States, 1969–1976, Volume XIX, Part 1,
    Korea, 1969–1972, eds. Daniel J. Lawler and Erin R. Mahan (Washington:
    Government Printing Office, 2010), Document 75.

The BibTeX, RIS and CSL-JSON exports carry the same parts for reference
managers (Zotero imports all three).  Like the Office's own CSL record, they
put "Document 75" where a page would go, so a Chicago style rendered from
them cites the number too.

What ``Volume`` does not carry is filled with what every volume header in the
corpus says: publisher "United States Government Printing Office", place
"Washington".  The model keeps no editor roles, so the General Editor, whom
the Office leaves out of a citation, is listed with the volume's editors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from frus.model import Document, Volume

#: the canonical address of a document, which the Office asks citations to append
SITE = "https://history.state.gov/historicaldocuments"
PUBLISHER = "Government Printing Office"
PLACE = "Washington"
SERIES = "Foreign Relations of the United States"

# --------------------------------------------------------------------------
# Parts shared by every format
# --------------------------------------------------------------------------


def document_url(doc_id: str) -> str:
    volume_id, _, local_id = doc_id.partition("/")
    url = f"{SITE}/{quote(volume_id, safe='')}"
    return f"{url}/{quote(local_id, safe='')}" if local_id else url


def _squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


# Printed titles mix "1969-1976" and "1969–1976"; the Office prints year
# ranges with an en dash, and so does Chicago.
_YEAR_RANGE = re.compile(r"\b(\d{4})-(\d{2,4})\b")


def _dashes(text: str) -> str:
    return _YEAR_RANGE.sub(lambda m: f"{m.group(1)}–{m.group(2)}", text)


def volume_title(volume: Volume) -> str:
    """The complete title: series, subseries, volume number and volume title."""
    return _dashes(_squeeze(volume.title)) or volume.id


def locator(doc: Document) -> str:
    """Where the document is in its volume: its number, else its printed pages."""
    if doc.number:
        return f"Document {doc.number}"
    if doc.pages:
        first, last = doc.pages[0], doc.pages[-1]
        return f"pp. {first}–{last}" if first != last else f"p. {first}"
    return ""


def _year(volume: Volume) -> str | None:
    match = re.search(r"\d{4}", volume.published or "")
    return match.group(0) if match else None


def _and_list(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


@dataclass(frozen=True, slots=True)
class Name:
    """A personal name split the way reference managers want it."""

    given: str
    family: str
    particle: str = ""  # "van", "de": part of the family name, sorted after it
    suffix: str = ""  # "Jr.", "III"

    @property
    def sort_form(self) -> str:
        """``Atherton, Alfred L., Jr.``: the "Last, First" form BibTeX and RIS read."""
        family = f"{self.particle} {self.family}".strip()
        parts = [family, self.given] if self.given else [family]
        if self.suffix:
            parts.append(self.suffix)
        return ", ".join(parts)


_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_PARTICLES = {"van", "von", "de", "del", "della", "der", "den", "du", "da", "la", "le", "dos", "di"}


def split_name(name: str) -> Name:
    """``"Alfred L. Atherton, Jr."`` → given ``Alfred L.``, family ``Atherton``, suffix ``Jr.``.

    Editors' names in volume headers are written "Given Family"; one word is
    kept whole as a family name.
    """
    text = _squeeze(name).replace(" ,", ",")
    suffix = ""
    head, comma, tail = text.rpartition(",")
    if comma and tail.strip().lower() in _SUFFIXES:
        text, suffix = head.strip(), tail.strip()
    words = text.split(" ")
    if words and words[-1].lower() in _SUFFIXES and len(words) > 2:
        suffix = words.pop()
    if len(words) == 1:
        return Name(given="", family=words[0], suffix=suffix)
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return Name(
        given=" ".join(words[:cut]),
        family=words[-1],
        particle=" ".join(words[cut:-1]),
        suffix=suffix,
    )


def _editors(volume: Volume) -> list[str]:
    return [n for n in (_squeeze(e) for e in volume.editors) if n]


# --------------------------------------------------------------------------
# Chicago, as the Office of the Historian recommends
# --------------------------------------------------------------------------


def chicago(doc: Document, volume: Volume, *, url: bool = True) -> str:
    """The recommended note form, with the document's URL appended when ``url``."""
    parts = [volume_title(volume)]
    editors = _editors(volume)
    if editors:
        parts.append(("ed. " if len(editors) == 1 else "eds. ") + _and_list(editors))
    year = _year(volume)
    imprint = f"({PLACE}: {PUBLISHER}{', ' + year if year else ''})"
    text = ", ".join(parts) + " " + imprint
    where = locator(doc)
    if where:
        text += f", {where}"
    text += "."
    if url:
        text += f" {document_url(doc.id)}"
    return text


# --------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def _bib_value(text: str) -> str:
    """A field value safe between braces: LaTeX specials escaped, braces balanced."""
    return "".join(_BIB_SPECIAL.get(ch, ch) for ch in _squeeze(text))


def cite_key(doc: Document) -> str:
    """``frus1969-76v12_d1``: the document id with only key-safe characters."""
    return re.sub(r"[^A-Za-z0-9:\-]", "_", doc.id.replace("/", "_"))


def bibtex(doc: Document, volume: Volume) -> str:
    fields: list[tuple[str, str]] = [
        ("title", _bib_value(doc.title or locator(doc) or doc.local_id)),
        ("booktitle", _bib_value(volume_title(volume))),
    ]
    editors = _editors(volume)
    if editors:
        fields.append(("editor", " and ".join(_bib_value(split_name(e).sort_form) for e in editors)))
    fields += [("publisher", _bib_value(PUBLISHER)), ("address", _bib_value(PLACE))]
    year = _year(volume)
    if year:
        fields.append(("year", year))
    where = locator(doc)
    if where:
        fields.append(("pages", _bib_value(where)))
    # the URL is built from ids and percent-encoded, so it holds no brace or backslash
    fields.append(("url", document_url(doc.id)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{cite_key(doc)},\n{body}\n}}\n"


# --------------------------------------------------------------------------
# RIS
# --------------------------------------------------------------------------


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {_squeeze(value)}"


def ris(doc: Document, volume: Volume) -> str:
    """One RIS record (``TY  - CHAP`` … ``ER  - ``), lines ended CRLF as the format asks."""
    lines = [
        _ris_line("TY", "CHAP"),
        _ris_line("ID", cite_key(doc)),
        _ris_line("TI", doc.title or locator(doc) or doc.local_id),
        _ris_line("T2", volume_title(volume)),
    ]
    lines += [_ris_line("ED", split_name(e).sort_form) for e in _editors(volume)]
    year = _year(volume)
    if year:
        lines.append(_ris_line("PY", year))
    lines += [_ris_line("PB", PUBLISHER), _ris_line("CY", PLACE)]
    where = locator(doc)
    if where:
        lines.append(_ris_line("SP", where))
    if doc.date.min:
        lines.append(_ris_line("N1", f"Document dated {doc.date.text or doc.date.min}"))
    lines += [_ris_line("UR", document_url(doc.id)), "ER  - "]
    return "\r\n".join(lines) + "\r\n"


# --------------------------------------------------------------------------
# CSL-JSON
# --------------------------------------------------------------------------


def _csl_name(name: str) -> dict[str, str]:
    parts = split_name(name)
    if not parts.given:
        return {"literal": parts.family}
    out = {"family": parts.family, "given": parts.given}
    if parts.particle:
        out["non-dropping-particle"] = parts.particle
    if parts.suffix:
        out["suffix"] = parts.suffix
    return out


def _date_parts(iso: str | None) -> dict[str, Any] | None:
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso or "")
    if not match:
        return None
    return {"date-parts": [[int(p) for p in match.groups() if p]]}


def csl_json(doc: Document, volume: Volume) -> dict[str, Any]:
    """One CSL-JSON item (a ``chapter``: Zotero's "Book Section")."""
    item: dict[str, Any] = {
        "id": cite_key(doc),
        "type": "chapter",
        "title": _squeeze(doc.title) or locator(doc) or doc.local_id,
        "container-title": volume_title(volume),
        "collection-title": SERIES,
        "publisher": PUBLISHER,
        "publisher-place": PLACE,
        "URL": document_url(doc.id),
    }
    if volume.subseries:
        item["collection-number"] = _dashes(_squeeze(volume.subseries))
    if volume.volume_number:
        item["volume"] = _squeeze(volume.volume_number)
    editors = _editors(volume)
    if editors:
        item["editor"] = [_csl_name(e) for e in editors]
    year = _year(volume)
    if year:
        item["issued"] = {"date-parts": [[int(year)]]}
    where = locator(doc)
    if where:
        item["page"] = where
    if doc.number:
        item["number"] = doc.number
    written = _date_parts(doc.date.min)
    if written:
        item["original-date"] = written
    return item


# --------------------------------------------------------------------------
# All at once
# --------------------------------------------------------------------------

def citations(doc: Document, volume: Volume) -> dict[str, Any]:
    """Every form at once, as the API serves it."""
    return {
        "chicago": chicago(doc, volume),
        "chicago_without_url": chicago(doc, volume, url=False),
        "url": document_url(doc.id),
        "bibtex": bibtex(doc, volume),
        "ris": ris(doc, volume),
        "csl_json": csl_json(doc, volume),
    }


__all__ = [
    "Name",
    "bibtex",
    "chicago",
    "citations",
    "cite_key",
    "csl_json",
    "document_url",
    "locator",
    "ris",
    "split_name",
    "volume_title",
]
