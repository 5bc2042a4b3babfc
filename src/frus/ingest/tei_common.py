"""Names and small text helpers shared by the TEI reader's modules.

Tags are compared as Clark names (``{ns}local``) because that is what lxml
hands out for free; building them once here keeps the hot loops free of
string formatting and ``QName`` objects.
"""

from __future__ import annotations

import re

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: The 2014–2015 volumes use the old namespace, the 1948–1951 volumes, the
#: microfiche supplement and today's files the new one; both mean the same.
FRUS_NAMESPACES = ("{http://history.state.gov/ns/1.0}", "{http://history.state.gov/frus/ns/1.0}")

DIV, HEAD, NOTE, PB, LB, P = (TEI + t for t in ("div", "head", "note", "pb", "lb", "p"))
ATTACHMENTS = frozenset(ns + "attachment" for ns in FRUS_NAMESPACES)
DATETIME_MIN = tuple(ns + "doc-dateTime-min" for ns in FRUS_NAMESPACES)
DATETIME_MAX = tuple(ns + "doc-dateTime-max" for ns in FRUS_NAMESPACES)

#: Executable or embedding markup (frus1917-72PubDip carries a Brightcove
#: video player as XHTML).  Dropped with everything inside, in any namespace:
#: nothing a reader produces may ever carry script into a web page.
UNSAFE_LOCALNAMES = frozenset({"script", "style", "object", "embed", "iframe", "applet", "param", "noscript"})


def localname(tag: str) -> str:
    return tag.rpartition("}")[2]


def is_unsafe(tag: str) -> bool:
    return localname(tag).lower() in UNSAFE_LOCALNAMES


_LOOSE_PUNCTUATION = re.compile(r"(?<=[(\[]) +|(?<![.\s]) +(?=[,)\];])")


def tighten(text: str) -> str:
    """Drop the indentation that pretty-printing leaves inside brackets and
    before commas: ``( Lie )`` → ``(Lie)``, ``Paris , November`` →
    ``Paris, November``.  Spaced ellipses (``. . . ,``) are left alone."""
    if "( " in text or "[ " in text or " ," in text or " )" in text or " ]" in text or " ;" in text:
        return _LOOSE_PUNCTUATION.sub("", text)
    return text


def squash(text: str) -> str:
    """Whitespace runs become one space; the ends are trimmed."""
    return " ".join(text.split())


def plain_text(elem: etree._Element, *, skip_notes: bool = True) -> str:
    """The element's words with notes (and unsafe markup) left out,
    whitespace normalised; ``lb`` counts as a space."""
    parts: list[str] = []
    _collect(elem, parts, skip_notes)
    return tighten(squash("".join(parts)))


def _collect(elem: etree._Element, parts: list[str], skip_notes: bool) -> None:
    if elem.text:
        parts.append(elem.text)
    for child in elem:
        tag = child.tag
        if tag.__class__ is str and not (skip_notes and tag == NOTE) and not is_unsafe(tag):
            if tag == LB:
                parts.append(" ")
            else:
                _collect(child, parts, skip_notes)
        if child.tail:
            parts.append(child.tail)


def frus_attr(elem: etree._Element, names: tuple[str, ...]) -> str | None:
    """An attribute that may sit in either frus namespace."""
    for name in names:
        value = elem.get(name)
        if value is not None:
            return value
    return None
