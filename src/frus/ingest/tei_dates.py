"""A document's place and date, from its dateline and the encoders' attributes.

Where the date comes from, in order of trust: ``@frus:doc-dateTime-min/max``
on the document div (the Office's own normalised range, newer encoding),
then the dateline's ``date`` — ``@when``, ``@from``/``@to``,
``@notBefore``/``@notAfter``.  When a document has no dateline, a ``date``
in its head is used (memoranda of conversation print "… The White House,
January 17, 1955, 5–6 p.m." there).  The printed words are kept beside
the ISO range so a reader can check one against the other.
"""

from __future__ import annotations

from lxml import etree

from frus.ingest.isodate import normalise_iso, precision_of
from frus.ingest.tei_common import DATETIME_MAX, DATETIME_MIN, TEI, frus_attr, plain_text
from frus.model import DocDate

_PLACE, _DATE, _TIME = TEI + "placeName", TEI + "date", TEI + "time"


def read_dateline(
    div: etree._Element,
    dateline: etree._Element | None,
    dateline_text: str | None,
    head: etree._Element | None,
) -> tuple[str | None, str | None, DocDate]:
    """``(place, dateline text, DocDate)`` for a document div; the dateline's
    text is passed in when the caller already has it."""
    place = time_text = None
    date_elem = None
    if dateline is not None:
        if dateline_text is None:
            dateline_text = plain_text(dateline)
        dateline_text = dateline_text or None
        for elem in dateline.iter(_PLACE, _DATE, _TIME):
            tag = elem.tag
            if tag == _PLACE:
                if place is None:
                    place = plain_text(elem).rstrip(",. ") or None
            elif tag == _DATE:
                if date_elem is None:
                    date_elem = elem
            elif time_text is None:
                time_text = plain_text(elem) or None
    elif head is not None:
        date_elem = next(head.iter(_DATE), None)
    return place, dateline_text, doc_date(div, date_elem, time_text)


def doc_date(div: etree._Element, date_elem: etree._Element | None, time_text: str | None = None) -> DocDate:
    text = (plain_text(date_elem) or None) if date_elem is not None else None
    lo = frus_attr(div, DATETIME_MIN)
    hi = frus_attr(div, DATETIME_MAX)
    if lo is None and hi is None and date_elem is not None:
        get = date_elem.get
        for a, b in (("when", "when"), ("from", "to"), ("notBefore", "notAfter")):
            lo, hi = get(a), get(b)
            if lo is not None or hi is not None:
                break
    if lo is None and hi is None:
        return DocDate(text=text, time=time_text)
    lo_n, hi_n = normalise_iso(lo), normalise_iso(hi)
    if lo_n is None and hi_n is None:
        # not a date at all: keep what was printed, claim nothing
        return DocDate(text=text or lo or hi, time=time_text)
    lo_n, hi_n = lo_n or hi_n, hi_n or lo_n
    return DocDate(min=lo_n, max=hi_n, text=text, precision=precision_of(lo_n, hi_n), basis="tei", time=time_text)
