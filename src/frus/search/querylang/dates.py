"""Date values of ``date:`` and ``year:``: partial dates become day ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from frus.search.querylang.fields import syntax_error

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DATE_HINT = (
    "write a date as 1970, 1970-10 or 1970-10-16; a range as 1969..1972; "
    "or >=, >, <=, < before a date"
)


def date_range(text: str, pos: int, years_only: bool) -> tuple[dt.date | None, dt.date | None]:
    """Turn a date value into an inclusive day range (None = unbounded)."""
    for op in (">=", "<=", ">", "<"):
        if text.startswith(op):
            start, end = _date_bounds(text[len(op) :], pos + len(op), years_only)
            if op == ">=":
                return start, None
            if op == "<=":
                return None, end
            if op == ">":
                return _shift(end, 1, pos), None
            return None, _shift(start, -1, pos)
    if ".." in text:
        left, right = text.split("..", 1)
        if not left and not right:
            raise syntax_error("a date range needs at least one end", pos, _DATE_HINT)
        lo = _date_bounds(left, pos, years_only)[0] if left else None
        hi = _date_bounds(right, pos + len(left) + 2, years_only)[1] if right else None
        if lo and hi and lo > hi:
            raise syntax_error(
                f"empty date range: {left} is after {right}", pos, "write the earlier date first"
            )
        return lo, hi
    return _date_bounds(text, pos, years_only)


def _date_bounds(text: str, pos: int, years_only: bool) -> tuple[dt.date, dt.date]:
    m = _DATE_RE.fullmatch(text)
    if not m or (years_only and (m.group(2) or m.group(3))):
        hint = "write a year as 1970 or a range as 1969..1972" if years_only else _DATE_HINT
        raise syntax_error(f"not a {'year' if years_only else 'date'}: {text!r}", pos, hint)
    year = int(m.group(1))
    if year < 1:
        raise syntax_error("year 0000 does not exist", pos, "write a year from 0001 on")
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if not 1 <= month <= 12:
        raise syntax_error(
            f"month {m.group(2)} does not exist", pos + m.start(2), "months run from 01 to 12"
        )
    last = calendar.monthrange(year, month)[1]
    if m.group(3) is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    day = int(m.group(3))
    if not 1 <= day <= last:
        raise syntax_error(
            f"{year:04d}-{month:02d} has no day {m.group(3)}",
            pos + m.start(3),
            f"that month has {last} days",
        )
    return dt.date(year, month, day), dt.date(year, month, day)


def _shift(day: dt.date, days: int, pos: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise syntax_error(
            "the date is at the edge of the calendar", pos, "use a date between 0001 and 9999"
        ) from None
