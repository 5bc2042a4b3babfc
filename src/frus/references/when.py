"""Dates of unprinted documents, as the editors print them.

Notes mostly leave the year out ("telegram 6440 from Moscow, October
28"): it is the citing document's.  Near a year's end the note may point
across it — a January 3 memorandum answering "telegram 16168, December
24" — so the year chosen is the one that puts the date nearest the citing
document's own date; when that date is known only to the year, that year
is used.  "The 4th instant" is the citing document's month.
"""

from __future__ import annotations

import re
from datetime import date

from frus.model import DocDate
from frus.references.mentions import MONTHS

_MD = re.compile(r"(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:–|-|and)\s*\d{1,2})?(?:,?\s+(?P<year>\d{4}))?")
_DM = re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Z][a-z]+)\.?(?:,?\s+(?P<year>\d{4}))?")
_INSTANT = re.compile(r"the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\s+instant")
_MY = re.compile(r"(?P<month>[A-Z][a-z]+)\.?\s+(?P<year>\d{4})$")


def _month(name: str) -> int | None:
    return MONTHS.get(name[:3].lower())


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _anchor(citing: DocDate | None) -> tuple[date | None, int | None]:
    """(the citing document's day when known to the day, its year)."""
    if citing is None:
        return None, None
    # a range over several years ("1967–1969") gives no year to lend
    if not (citing.min and citing.max and citing.min[:4] == citing.max[:4]):
        return None, None
    year = citing.year
    day = None
    if citing.min and citing.max and citing.min[:10] == citing.max[:10]:
        try:
            day = date.fromisoformat(citing.min[:10])
        except ValueError:
            day = None
    return day, year


def iso_date(text: str, citing: DocDate | None = None) -> str | None:
    """ISO ``YYYY-MM-DD`` (or ``YYYY-MM``) for a printed date, the year taken from ``citing`` when left out."""
    text = " ".join(text.split())
    day_anchor, year = _anchor(citing)
    m = _INSTANT.fullmatch(text)
    if m:
        if day_anchor is None:
            return None
        found = _valid(day_anchor.year, day_anchor.month, int(m.group("day")))
        return found.isoformat() if found else None
    m = _MY.fullmatch(text)
    if m and _month(m.group("month")):
        return f"{int(m.group('year')):04d}-{_month(m.group('month')):02d}"
    m = _MD.fullmatch(text) or _DM.fullmatch(text)
    if not m:
        return None
    month = _month(m.group("month"))
    if month is None:
        return None
    d = int(m.group("day"))
    if m.group("year"):
        found = _valid(int(m.group("year")), month, d)
        return found.isoformat() if found else None
    if year is None:
        return None
    if day_anchor is None:
        found = _valid(year, month, d)
        return found.isoformat() if found else None
    options = [x for x in (_valid(y, month, d) for y in (year - 1, year, year + 1)) if x]
    if not options:
        return None
    return min(options, key=lambda x: abs((x - day_anchor).days)).isoformat()
