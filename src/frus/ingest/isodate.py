"""ISO 8601 dates as the encoders wrote them, and how precise they are.

The TEI gives a document's date in attributes (``date/@when``, ``@from``/``@to``,
``@notBefore``/``@notAfter``, ``@frus:doc-dateTime-min``/``-max``).  They are kept
as encoded, because a historian comparing our answer with the volume must
see the same string; only forms that are plainly broken (``1861-6-5``,
``+0500``) are padded into shape.  A value that is not a real date yields
``None`` so nothing downstream sorts or filters on garbage.

Precision is read off the form: ``1970-10-28`` is a ``day``, ``1970-10`` a
``month``, a dateTime with minutes a ``minute``; a closed range is still a
``day``/``month``/``year`` when it covers exactly one of them (the newer
encoding writes a day as ``T00:00:00-05:00`` … ``T23:59:59-05:00``), else a
``range``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_ISO = re.compile(
    r"(?P<y>\d{4})"
    r"(?:-(?P<m>\d{1,2})"
    r"(?:-(?P<d>\d{1,2})"
    r"(?:[T ](?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2}(?:\.\d+)?))?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?)?)?"
)


@dataclass(frozen=True, slots=True)
class _Parts:
    y: int
    m: int | None
    d: int | None
    time: str | None  # "HH:MM[:SS]" as encoded (padded)


@lru_cache(maxsize=8192)  # a volume repeats its dates; parsing is per document
def _parse(value: str) -> tuple[str, _Parts] | None:
    m = _ISO.fullmatch(value.strip())
    if m is None:
        return None
    y = int(m["y"])
    month = int(m["m"]) if m["m"] else None
    day = int(m["d"]) if m["d"] else None
    try:
        if month is not None:
            date(y, month, day or 1)
    except ValueError:
        return None
    text = f"{m['y']}"
    if month is not None:
        text += f"-{month:02d}"
    if day is not None:
        text += f"-{day:02d}"
    time = None
    if m["hh"] is not None:
        hh, mm = int(m["hh"]), int(m["mm"])
        ss = m["ss"]
        if hh > 24 or mm > 59 or (ss is not None and float(ss) >= 61):
            return None
        time = f"{hh:02d}:{m['mm']}" + (f":{ss}" if ss is not None else "")
        tz = m["tz"] or ""
        if tz and tz != "Z" and ":" not in tz:
            tz = f"{tz[:3]}:{tz[3:]}"
        text += f"T{time}{tz}"
    return text, _Parts(y, month, day, time)


def normalise_iso(value: str | None) -> str | None:
    """``value`` as encoded when it is a valid ISO date/dateTime, padded when
    only its form is broken, ``None`` when it is not a date at all."""
    if not value or not value.strip():
        return None
    parsed = _parse(value)
    return parsed[0] if parsed else None


def _starts_day(p: _Parts) -> bool:
    return p.time is None or p.time in ("00:00", "00:00:00")


def _ends_day(p: _Parts) -> bool:
    return p.time is None or p.time in ("23:59", "23:59:59", "24:00", "24:00:00")


def _form(p: _Parts) -> str:
    if p.time is not None:
        return "minute"
    if p.d is not None:
        return "day"
    return "month" if p.m is not None else "year"


def precision_of(min_value: str | None, max_value: str | None) -> str:
    """``minute``/``day``/``month``/``year``/``range``, or ``unknown``."""
    lo = _parse(min_value) if min_value else None
    hi = _parse(max_value) if max_value else None
    if lo is None and hi is None:
        return "unknown"
    if lo is None or hi is None:
        return _form((lo or hi)[1])
    (lo_text, a), (hi_text, b) = lo, hi
    if lo_text == hi_text:
        return _form(a)
    if not (_starts_day(a) and _ends_day(b)):
        return "range"
    if a.y != b.y:
        return "range"
    a_m, a_d = a.m or 1, a.d or 1
    b_m = b.m or 12
    b_d = b.d or calendar.monthrange(b.y, b_m)[1]
    if (a_m, a_d) == (b_m, b_d):
        return "day"
    if a_m == b_m and a_d == 1 and b_d == calendar.monthrange(b.y, b_m)[1]:
        return "month"
    if (a_m, a_d) == (1, 1) and (b_m, b_d) == (12, 31):
        return "year"
    return "range"


__all__ = ["normalise_iso", "precision_of"]
