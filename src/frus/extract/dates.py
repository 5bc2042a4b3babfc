"""Dates from datelines, and bounded ranges when there is no dateline.

:func:`parse_date_text` reads what FRUS prints: "October 28, 1970",
"Washington, January 2, 1969, 1:30 p.m.", "Moscow, October 28, 1970,
0533Z", "[Washington,] March 1970", "16 November, 1918", "December 25
[and 26], 1917", "Legation of the United States, London, May 4, 1861.",
"undated".  It returns a :class:`~frus.model.DocDate` with ``basis =
"dateline"``:

* ``min``/``max`` — ISO dates, or ``YYYY-MM-DDTHH:MM:00`` when a clock time
  is printed (``…Z`` for a "0533Z" time, whose ``timezone`` is ``UTC``;
  other times are local and carry no offset, because FRUS never prints the
  zone).  A month gives its first and last day, a year its first and last.
* ``precision`` — ``minute`` (a time, or a time range within one day),
  ``day``, ``range`` (several days: "May 4–5, 1970"), ``month``, ``year``,
  ``undated`` ("undated", "Not dated") or ``unknown`` (text we could not
  read: kept in ``text``, no dates invented).
* ``time`` — the clock time as printed ("1:30 p.m.", "0533Z").
* Russian dual dating ("November 20 (December 2), 1897", "May 2/15, 1917"),
  where the two days are 12 or 13 days apart, is Julian/Gregorian: the
  Gregorian (second) date is the document's date.

:func:`infer_date` bounds an undated document from internal evidence and
sets ``basis = "inferred"``:

* the years it can be from: years printed in the source note's citation
  (the folder "…, 1970, Vol. 3", the file "851G.00/1–1449" → 1949) that lie
  in the volume's span, else the volume's span itself (``frus1969-76v13`` →
  1969–1976; an annual volume such as ``frus1882`` also covers the year
  before, since its papers were transmitted with that year's message);
* a dateline or title that prints month and day without the year gets the
  year from those bounds ("Peking, December 20." in a 1900 folder);
* otherwise ``min``/``max`` are the first and last day of those years.
  Dates printed in the footnotes are reported in ``text`` but do not move
  the bounds: notes date earlier papers the document answers and later
  reactions alike, so "the earliest note date" is no lower bound (it holds
  for about three documents in four; ``docs/extraction.md``).  The one
  exception is narrow and measured: :mod:`frus.extract.attached`.
* ``text`` says what the range rests on, e.g. "inferred from the source
  note (1970); footnotes 2, 3 mention October 28–29, 1970".

A dateline that is printed but holds no readable date ("Washington, the
Ides of Octember") keeps its text with precision ``unknown`` and no range:
nothing is guessed for it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from frus.extract.parties import title_date_clause
from frus.extract.source_note import split_note
from frus.model import DocDate

MONTHS = {
    name.lower(): i
    for i, names in enumerate(
        [
            (),
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for name in names
}
_M = r"(?P<{}>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th|d)?(?:\s?\(\?\))?"
_YEAR = r"(?P<{}>1[7-9]\d\d|20\d\d)"

#: Russian posts and legations dated letters in both calendars
_RUSSIAN = re.compile(r"(?i)russia|st\.\s?petersburg|petrograd|moscow|imperial legation")
_RECEIVED_PART = re.compile(r"[\[(]\s*Received[^\])]*[\])]?", re.I)
_UNDATED = re.compile(r"(?i)\b(?:undated|not dated|no date|n\.\s?d\.|date unknown|date not given|without date)\b")

#: "May 4–5, 1970", "December 25 [and 26], 1917", "December 13 and 14, 1967", "July 16/17, 1955",
#: "November 20 (December 2), 1897", "May 11, (23,) 1861", "April 9–21, 1880", "November 28–December 2, 1970"
_RANGE = re.compile(
    _M.format("m1") + r"\s+" + _DAY.format("d1") + r"\??,?\s*"
    r"(?:[\[(]\s*(?P<paren>and\s+)?(?:" + _M.format("m2") + r"\s+)?" + _DAY.format("d2") + r"\??,?\s*[\])]|"
    r"(?P<sep>[–—-]|/|\s+and\s+|\s+to\s+)\s*(?:" + _M.format("m3") + r"\s+)?" + _DAY.format("d3") + r")"
    r",?\s*" + _YEAR.format("y")
)
_MDY = re.compile(_M.format("m") + r",?\s+" + _DAY.format("d") + r"\s*\??\]?,?\s*(?:\[\d+\??\],?\s*)?" + _YEAR.format("y"))
_DMY = re.compile(r"\b" + _DAY.format("d") + r"\s+" + _M.format("m") + r",?\s+" + _YEAR.format("y"))
_MY = re.compile(r"\b" + _M.format("m") + r"(?:\s+[—–-]+)?,?\s+" + _YEAR.format("y"))
_MD = re.compile(r"\b" + _M.format("m") + r"\s+" + _DAY.format("d") + r"\b(?!\s*,?\s*1[7-9]\d\d)")
_Y = re.compile(r"(?<![\d/–-])" + _YEAR.format("y") + r"(?![\d/–-])")

_CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.\s?m\.?|[ap]m\b)?|noon|midnight)"
_TIME_RANGE = re.compile(
    r"(?P<a>\d{1,2})(?:[:.](?P<am>\d{2}))?\s*(?P<ap1>[ap])?\.?\s?(?:m\.?)?\s*[–—-]\s*"
    r"(?:(?P<b>\d{1,2})(?:[:.](?P<bm>\d{2}))?\s*(?P<ap2>[ap])\.\s?m\.?|(?P<bword>noon|midnight))",
    re.I,
)
_TIME = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?P<ap>[ap])\.\s?m\.?|(?P<word>noon|midnight)", re.I)
_ZULU = re.compile(r"\b(?P<h>[0-2]\d)(?P<mi>[0-5]\d)\s?Z\b")


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _hm(h: int, mi: int, ap: str | None) -> tuple[int, int] | None:
    if ap:
        ap = ap.lower()
        if not 1 <= h <= 12:
            return None
        if ap == "p" and h != 12:
            h += 12
        if ap == "a" and h == 12:
            h = 0
    if not (0 <= h <= 23 and 0 <= mi <= 59):
        return None
    return h, mi


def _word_time(word: str) -> tuple[int, int]:
    return (12, 0) if word.lower() == "noon" else (0, 0)


def parse_date_text(text: str | None) -> DocDate | None:
    """Read a printed date or dateline; None when it holds no date at all."""
    if not text:
        return None
    raw = " ".join(text.split())
    # "[Received 1:50 p.m.]" is the receipt (kept in the source citation), not the date
    body = _RECEIVED_PART.sub(" ", raw).strip()
    if _UNDATED.search(body) and not _MDY.search(body):
        return DocDate(text=raw, precision="undated", basis="dateline")
    found = _find_date(body)
    if found is None:
        return None
    first, last, precision, end = found
    tail = body[end:]
    time_text, tz, span = _find_time(tail)
    if span is not None and first == last and precision == "day":
        (h1, m1), (h2, m2) = span
        suffix = "Z" if tz == "UTC" else ""
        start = f"{first.isoformat()}T{h1:02d}:{m1:02d}:00{suffix}"
        stop_day = last + timedelta(days=1) if (h2, m2) < (h1, m1) else last
        stop = f"{stop_day.isoformat()}T{h2:02d}:{m2:02d}:00{suffix}"
        return DocDate(min=start, max=stop, text=raw, precision="minute", basis="dateline", time=time_text, timezone=tz)
    return DocDate(
        min=first.isoformat(),
        max=last.isoformat(),
        text=raw,
        precision=precision,
        basis="dateline",
        time=time_text,
        timezone=tz,
    )


def _find_date(body: str) -> tuple[date, date, str, int] | None:
    m = _RANGE.search(body)
    if m:
        y = int(m["y"])
        m1 = _month(m["m1"])
        d1 = int(m["d1"])
        d2 = int(m["d2"] or m["d3"])
        m2 = _month(m["m2"] or m["m3"]) if (m["m2"] or m["m3"]) else m1
        a, b = _valid(y, m1, d1), _valid(y, m2, d2)
        if a and b:
            if b < a and m2 == m1 and m["d3"] is None and m["d2"] is not None:
                b = None
            if b is not None and b >= a:
                dual = (m["d2"] is not None and not m["paren"]) or (m["sep"] or "").strip() == "/" or _RUSSIAN.search(body)
                if (b - a).days in (12, 13) and y < 1919 and dual:
                    return b, b, "day", m.end()  # Julian (Gregorian)
                if a == b:
                    return a, a, "day", m.end()
                return a, b, "range", m.end()
    m = _MDY.search(body)
    if m:
        d = _valid(int(m["y"]), _month(m["m"]), int(m["d"]))
        if d:
            return d, d, "day", m.end()
    m = _DMY.search(body)
    if m:
        d = _valid(int(m["y"]), _month(m["m"]), int(m["d"]))
        if d:
            return d, d, "day", m.end()
    m = _MY.search(body)
    if m:
        y, mo = int(m["y"]), _month(m["m"])
        return date(y, mo, 1), date(y, mo, _last_day(y, mo)), "month", m.end()
    m = _Y.search(body)
    if m and not re.search(r"\d", body[: m.start()]):
        y = int(m["y"])
        return date(y, 1, 1), date(y, 12, 31), "year", m.end()
    return None


def _find_time(tail: str) -> tuple[str | None, str | None, tuple[tuple[int, int], tuple[int, int]] | None]:
    """(time as printed, timezone, (start, end)) from the text after the date."""
    tail = tail[:60]
    z = _ZULU.search(tail)
    if z:
        hm = _hm(int(z["h"]), int(z["mi"]), None)
        printed = z.group().replace(" ", "")
        return printed, "UTC", (hm, hm) if hm else None
    r = _TIME_RANGE.search(tail)
    if r:
        if r["bword"]:
            end = _word_time(r["bword"])
            ap1 = r["ap1"] or "a"
        else:
            end = _hm(int(r["b"]), int(r["bm"] or 0), r["ap2"])
            ap1 = r["ap1"] or r["ap2"]
        start = _hm(int(r["a"]), int(r["am"] or 0), ap1)
        if start and end and not r["ap1"] and r["ap2"] and start > end:
            start = _hm(int(r["a"]), int(r["am"] or 0), "a")  # "11–1:57 p.m." starts in the morning
        printed = r.group().strip(" ,")
        if start and end:
            return printed, None, (start, end)
        return printed, None, None
    t = _TIME.search(tail)
    if t:
        hm = _word_time(t["word"]) if t["word"] else _hm(int(t["h"]), int(t["mi"] or 0), t["ap"])
        printed = t.group().strip(" ,")
        return printed, None, (hm, hm) if hm else None
    return None, None, None


# --------------------------------------------------------------------------
# Completing a date
# --------------------------------------------------------------------------


def complete(current: DocDate, dateline: str | None) -> DocDate:
    """Merge what the reader gave (maybe TEI min/max) with the printed dateline.

    TEI ``min``/``max`` win: the encoders read the page.  The printed text
    still supplies ``time`` and ``timezone``, a month, year or range the
    encoders wrote as its first day ("January 1981" encoded 1981-01-01),
    and the clock times of a day the encoders wrote without them ("May 28,
    1959, 8–9:30 p.m." encoded 1959-05-28), so that a TEI document and its
    text copy give the same range.  A partial TEI date ("1959-08") becomes
    its first and last day.  ``precision`` always describes ``min``/``max``.
    """
    parsed = parse_date_text(dateline)
    if parsed is None and current.basis != "inferred":
        parsed = parse_date_text(current.text)
    if current.basis == "tei" and (current.min or current.max):
        lo, hi, precision = _widen_partial(current)
        time, timezone = current.time, current.timezone
        if parsed is not None and parsed.min:
            time, timezone = parsed.time or time, parsed.timezone or timezone
            same_day = parsed.min[:10] == lo[:10]
            if same_day and precision == "day" and "T" not in lo and lo == hi:
                if parsed.precision == "minute" and parsed.max[:10] == lo:
                    lo, hi, precision = parsed.min, parsed.max, "minute"
                elif parsed.precision in ("month", "year", "range"):
                    hi, precision = parsed.max, parsed.precision
            elif same_day and precision == "day" and parsed.precision in ("month", "year", "range"):
                # the current encoding's whole-day instants for the first of several printed days
                hi, precision = max(hi, parsed.max), parsed.precision
        return DocDate(
            min=lo,
            max=hi,
            text=current.text or (parsed.text if parsed else dateline),
            precision=precision,
            basis="tei",
            time=time,
            timezone=timezone,
        )
    if parsed is not None:
        return parsed
    if current.basis == "inferred":
        return current  # already enriched: the inference stands
    if dateline and dateline.strip():
        return DocDate(text=" ".join(dateline.split()), precision="unknown", basis="dateline")
    return current


def _widen_partial(d: DocDate) -> tuple[str, str, str]:
    """(min, max, precision) of a TEI date, a bare year or month spread over its days."""
    lo, hi = d.min or d.max or "", d.max or d.min or ""
    precision = d.precision if d.precision not in ("unknown", "") else _tei_precision(d)
    if re.fullmatch(r"\d{4}(?:-\d{2})?", lo):
        lo = lo + "-01" * (3 - len(lo.split("-")))
    if re.fullmatch(r"\d{4}", hi):
        hi = f"{hi}-12-31"
    elif re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", hi):
        hi = f"{hi}-{_last_day(int(hi[:4]), int(hi[5:7])):02d}"
    return lo, hi, precision


def _tei_precision(d: DocDate) -> str:
    lo, hi = d.min or d.max or "", d.max or d.min or ""
    if "T" in lo:
        if lo[:10] == hi[:10] and lo[11:19] == "00:00:00" and hi[11:19] in ("23:59:59", "23:59:00"):
            return "day"  # the current encoding's whole-day instants
        return "minute" if lo[:10] == hi[:10] else "range"
    if len(lo) == 4:
        return "year"
    if len(lo) == 7:
        return "month"
    return "day" if lo == hi else "range"


# --------------------------------------------------------------------------
# Inference
# --------------------------------------------------------------------------

_VOLUME_YEARS = re.compile(r"^frus(?P<a>1[7-9]\d\d|20\d\d)(?:-(?P<b>\d{2,4}))?")
_DECIMAL_DATE = re.compile(r"/\s?(?P<m>1[0-2]|[1-9])[–-](?P<d>[0-3]?\d)(?P<y>\d{2})\b")
_YEAR_ANY = re.compile(r"(?<![\d/–-])(1[89]\d\d|20\d\d)(?![\d])")


def volume_years(volume_id: str, title: str = "") -> tuple[int, int] | None:
    """The years a volume's documents can come from: its id's span, widened by its title's.

    The id can understate: ``frus1969-76v33`` is "SALT II, 1972–1980".
    """
    span = _id_years(volume_id)
    years = [y for m in _YEAR_RANGE.finditer(title or "") for y in _range_years(m)]
    if span is None and not years:
        return None
    lo = min([*years, *(span or ())])
    hi = max([*years, *(span or ())])
    return lo, hi


def _range_years(m: re.Match[str]) -> tuple[int, int]:
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else (a // 100) * 100 + int(m["b"])
    return (a, b) if a <= b <= a + 20 else (a, a)


def _id_years(volume_id: str) -> tuple[int, int] | None:
    m = _VOLUME_YEARS.match(volume_id or "")
    if not m:
        return None
    a = int(m["a"])
    b = m["b"]
    if b is None:
        # an annual volume prints the year before its message and, in its
        # later numbers, papers of the following year that close a story
        return a - 1, a + 1
    b_year = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
    if b_year < a:
        b_year += 100
    return a, b_year


_YEAR_RANGE = re.compile(
    r"(?<![\d/])(?P<a>1[89]\d\d|20\d\d)\s*(?:[–—-]|\s(?:thru|through|to)\s)\s*(?:\d{1,2}[–-]\d{1,2}[–-])?(?P<b>\d{4}|\d{2})(?!\d)"
)
_SLASH_YEAR = re.compile(r"(?<![\d.])\d{1,2}(?:[–-]\d{1,2})?(?:/\d{1,2})?/(?P<y>\d{4}|\d{2})(?![\d/])")


_FISCAL_YEAR = re.compile(r"\bFY\s*(?:\d{4}|\d{2})(?:\s*[–-]\s*(?:\d{4}|\d{2}))?\b")


def _citation_years(text: str, window: tuple[int, int] | None) -> list[int]:
    """Years a citation is filed under: "1970, Vol. 3", "Central Files 1970–73", "8/79–10/80", "/1–1449"."""
    century = (window[0] // 100) * 100 if window else 1900
    years: set[int] = set()
    # "Agriculture, FY 1962", "JSOP—FY 1969–1971": a fiscal year names what a budget or plan is
    # for (FY 1962 began in July 1961; a plan is written years ahead), not when the paper was filed
    text = _FISCAL_YEAR.sub(" ", text)
    for m in _YEAR_RANGE.finditer(text):
        a, b = _range_years(m)
        years.update(range(a, b + 1))
    years.update(int(y) for y in _YEAR_ANY.findall(_YEAR_RANGE.sub(" ", text)))
    for m in _SLASH_YEAR.finditer(text):
        y = m["y"]
        years.add(int(y) if len(y) == 4 else century + int(y))
    for m in _DECIMAL_DATE.finditer(text):
        years.add(century + int(m["y"]))
    if window:
        years = {y for y in years if window[0] <= y <= window[1]}
    return sorted(years)


def _dates_in(text: str, years: tuple[int, int] | None) -> list[date]:
    out: list[date] = []
    taken: list[tuple[int, int]] = []
    for m in _MDY.finditer(text):
        d = _valid(int(m["y"]), _month(m["m"]), int(m["d"]))
        if d:
            out.append(d)
            taken.append(m.span())
    if years and years[0] == years[1]:
        for m in _MD.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            d = _valid(years[0], _month(m["m"]), int(m["d"]))
            if d:
                out.append(d)
    return out


def infer_date(
    volume_id: str,
    source_text: str,
    notes: list[tuple[str, str]],
    title: str = "",
    dateline: str = "",
    volume_title: str = "",
    path: tuple[str, ...] = (),
) -> DocDate | None:
    """A bounded range from the source note, the footnotes and the volume's span.

    ``notes`` are ``(marker, text)`` of the other footnotes.  A dateline or
    title that prints the document's month and day but no year ("Peking,
    December 20.", "Memorandum for the File, March 9.") gets its year here.
    A chapter headed by nothing but a month or a year ("January 1962", as
    in the microfiche supplement) is that year.  A fiscal year in the
    citation ("FY 1962") bounds nothing.  Returns None when nothing bounds
    the date.
    """
    window = volume_years(volume_id, volume_title)
    cited = _citation_years(_citation_part(source_text), window)
    chapter = _chapter_year(path)
    if chapter and (not window or window[0] <= chapter <= window[1]) and (not cited or cited[0] <= chapter <= cited[-1]):
        years = (chapter, chapter)
        where = f"the chapter head ({chapter})"
    elif cited:
        years = (cited[0], cited[-1])
        where = f"the source note ({_span(years)})"
    elif window:
        years = window
        where = f"the volume's span ({_span(years)})"
    else:
        return None
    partial = _MD.search(_RECEIVED_PART.sub(" ", dateline or ""))
    if partial:
        return _year_for(partial, dateline, years, where)
    clause = title_date_clause(title)
    printed = parse_date_text(clause) if clause else None
    if printed is not None and printed.min and window and window[0] <= int(printed.min[:4]) <= window[1]:
        return replace(printed, text=f"{printed.text} (printed in the title)")
    own = _MD.search(clause)
    if own:
        return _year_for(own, clause, years, where)
    evidence: list[tuple[date, str]] = []
    for marker, text in notes:
        evidence.extend((d, marker) for d in _dates_in(text, years) if years[0] <= d.year <= years[1])
    text = "inferred from " + where
    if evidence:
        markers = list(dict.fromkeys(m for _, m in sorted(evidence, key=lambda e: _marker_key(e[1])) if m))
        first, last = min(d for d, _ in evidence), max(d for d, _ in evidence)
        label = "footnote" if len(markers) == 1 else "footnotes"
        text += f"; {label} {', '.join(markers)} mention {_date_span(first, last)}" if markers else ""
    return DocDate(
        min=date(years[0], 1, 1).isoformat(),
        max=date(years[1], 12, 31).isoformat(),
        text=text,
        precision="year" if years[0] == years[1] else "range",
        basis="inferred",
    )


def has_month_day(text: str | None) -> bool:
    """Does ``text`` print at least a month and a day ("Peking, December 20.")?"""
    return bool(text and _MD.search(_RECEIVED_PART.sub(" ", text)))


def long_date(d: date) -> str:
    """"October 28, 1970"."""
    return f"{calendar.month_name[d.month]} {d.day}, {d.year}"


_CHAPTER_DATE = re.compile(
    r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?"
    r"(?P<y>1[7-9]\d\d|20\d\d)\.?$"
)


def _chapter_year(path: tuple[str, ...]) -> int | None:
    for head in reversed(path):
        m = _CHAPTER_DATE.match(" ".join(head.split()))
        if m:
            return int(m["y"])
    return None


def _marker_key(marker: str) -> tuple[int, str]:
    return (int(marker), "") if marker.isdigit() else (10**6, marker)


def _date_span(first: date, last: date) -> str:
    def fmt(d: date, year: bool = True) -> str:
        return f"{calendar.month_name[d.month]} {d.day}" + (f", {d.year}" if year else "")

    if first == last:
        return fmt(first)
    if first.year == last.year and first.month == last.month:
        return f"{calendar.month_name[first.month]} {first.day}–{last.day}, {first.year}"
    if first.year == last.year:
        return f"{fmt(first, False)}–{fmt(last)}"
    return f"{fmt(first)}–{fmt(last)}"


def _year_for(md: re.Match[str], dateline: str, years: tuple[int, int], basis: str) -> DocDate | None:
    """A dateline's month and day, placed in the possible years."""
    month, day = _month(md["m"]), int(md["d"])
    first = _valid(years[0], month, day)
    last = _valid(years[1], month, day)
    if first is None or last is None:
        return None
    text = f"{' '.join(dateline.split())} (year inferred from {basis})"
    if first != last:
        return DocDate(min=first.isoformat(), max=last.isoformat(), text=text, precision="range", basis="inferred")
    time_text, tz, span = _find_time(dateline[md.end():])
    if span is not None:
        (h1, m1), (h2, m2) = span
        suffix = "Z" if tz == "UTC" else ""
        return DocDate(
            min=f"{first.isoformat()}T{h1:02d}:{m1:02d}:00{suffix}",
            max=f"{last.isoformat()}T{h2:02d}:{m2:02d}:00{suffix}",
            text=text,
            precision="minute",
            basis="inferred",
            time=time_text,
            timezone=tz,
        )
    return DocDate(min=first.isoformat(), max=first.isoformat(), text=text, precision="day", basis="inferred",
                   time=time_text, timezone=tz)


def _citation_part(source_text: str) -> str:
    """The archival citation of a source note (its first sentence), where folder years are."""
    citation, _ = split_note(source_text or "")
    return citation


def _span(years: tuple[int, int]) -> str:
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


def _join_where(names: list[str]) -> str:
    notes = [n.removeprefix("footnote ") for n in names if n.startswith("footnote ")]
    others = [n for n in names if not n.startswith("footnote ")]
    parts = []
    if notes:
        parts.append(("footnote " if len(notes) == 1 else "footnotes ") + ", ".join(notes))
    parts.extend(others)
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
