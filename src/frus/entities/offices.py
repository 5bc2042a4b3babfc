"""Offices and their dates, read from a persons-list identification.

An identification is a run of offices separated by semicolons, each with
the dates the editors know: "Deputy Under Secretary of State for Political
Affairs until July 12, 1964; Deputy Ambassador to Vietnam July 1964–
September 1965; thereafter Ambassador to Japan", "Attorney General of the
United States from January 21, 1969, until March 1, 1972".  The linker
uses the offices twice: to tell two people of one surname apart by who
held which post on the document's date, and to resolve "the Attorney
General" to whoever held that post then.  Dates are kept as ISO strings at
the precision printed (a month widens to its first and last day).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_MONTHS = {
    name.lower(): i
    for i, name in enumerate(calendar.month_name)
    if name
}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_YEAR_RE = r"(?:1[789]\d\d|20\d\d)"
DATE_RE = rf"(?:(?:{_MONTH_RE})\s+(?:\d{{1,2}},?\s+)?)?{_YEAR_RE}"
_DASH = r"\s*[–—-]\s*"

_RANGE = re.compile(rf"(?:from\s+)?({DATE_RE}),?\s*(?:to|until|till|through|{_DASH})\s*({DATE_RE})", re.I)
_MONTH_RANGE = re.compile(rf"({_MONTH_RE}(?:\s+\d{{1,2}})?){_DASH}({_MONTH_RE}\s+(?:\d{{1,2}},?\s+)?({_YEAR_RE}))", re.I)
_END = re.compile(rf"\b(?:until|to|till|through|before)\s+({DATE_RE})", re.I)
_START = re.compile(rf"\b(?:from|after|since|beginning|as of|in|effective)\s+({DATE_RE})", re.I)
_BARE_YEAR = re.compile(rf",?\s*\(?({DATE_RE})\)?\s*$")


@dataclass(frozen=True, slots=True)
class Office:
    """One office held, with the dates known for it.

    ``start``/``end`` are ISO dates (``YYYY-MM-DD``) or None when the
    source does not say; ``source`` names where it was read: a volume id
    (from that volume's persons list) or ``pocom``.
    """

    title: str
    start: str | None = None
    end: str | None = None
    source: str = ""

    def covers(self, day: str, default: tuple[str, str] | None = None) -> bool | None:
        """Was the office held on ``day`` (ISO)?  None when nothing is known.

        A volume's list speaks for the volume's span, which the caller
        passes as ``default``: an office printed without dates is taken to
        be held during it, "from 1953" in a 1952–1954 volume runs to the
        end of 1954 (not for ever), "until 1964" in a 1964–1968 volume
        starts at its beginning.
        """
        start, end = self.start, self.end
        if start is None and end is None and default is None:
            return None
        if default is not None:
            start = start or default[0]
            end = end or default[1]
        if start is not None and day < start:
            return False
        if end is not None and day > end:
            return False
        return True


def parse_date(text: str, *, last: bool = False) -> str | None:
    """"July 3, 1964" → 1964-07-03; "March 1970" → 1970-03-01 (or -31 with
    ``last``); "1957" → 1957-01-01 (or -12-31)."""
    text = text.strip().rstrip(",")
    m = re.fullmatch(rf"(?:({_MONTH_RE})\s+(?:(\d{{1,2}}),?\s+)?)?({_YEAR_RE})", text, re.I)
    if not m:
        return None
    year = int(m.group(3))
    if not m.group(1):
        return f"{year:04d}-12-31" if last else f"{year:04d}-01-01"
    month = _MONTHS.get(m.group(1).lower().rstrip("."))
    if not month:
        return None
    if m.group(2):
        day = int(m.group(2))
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
    else:
        day = calendar.monthrange(year, month)[1] if last else 1
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_identification(text: str, source: str = "") -> tuple[Office, ...]:
    """Split an identification into offices with dates."""
    offices: list[Office] = []
    previous_end: str | None = None
    for raw in re.split(r";|\.\s+(?=[A-Z])", text):
        segment = " ".join(raw.split()).strip(" .,")
        if not segment:
            continue
        thereafter = False
        m = re.match(r"(?i)(?:and\s+)?(?:thereafter|then|later|subsequently|afterwards),?\s+", segment)
        if m:
            thereafter = True
            segment = segment[m.end():]
        start = end = None
        title = segment
        rm = _RANGE.search(segment)
        mm = _MONTH_RANGE.search(segment)
        if mm and (not rm or mm.start() <= rm.start()):
            year = mm.group(3)
            start = parse_date(f"{mm.group(1)} {year}")
            end = parse_date(mm.group(2), last=True)
            title = segment[: mm.start()] + segment[mm.end():]
        elif rm:
            start = parse_date(rm.group(1))
            end = parse_date(rm.group(2), last=True)
            title = segment[: rm.start()] + segment[rm.end():]
        else:
            em = _END.search(segment)
            sm = _START.search(segment)
            if em:
                end = parse_date(em.group(1), last=True)
            if sm:
                start = parse_date(sm.group(1))
            cut = [x for x in (em, sm) if x]
            if cut:
                first = min(x.start() for x in cut)
                title = segment[:first]
            else:
                bm = _BARE_YEAR.search(segment)
                if bm and bm.start() > 0:
                    start = parse_date(bm.group(1))
                    end = parse_date(bm.group(1), last=True)
                    title = segment[: bm.start()]
        if thereafter and start is None and previous_end is not None:
            start = previous_end
        title = " ".join(title.split()).strip(" ,.(")
        if title:
            offices.append(Office(title=title, start=start, end=end, source=source))
        previous_end = end
    return tuple(offices)


def volume_span(volume_id: str) -> tuple[str, str] | None:
    """The years a volume covers, from its id: frus1969-76v12 → 1969–1976,
    frus1948v01p1 → 1948, frus1917-72PubDip → 1917–1972."""
    m = re.match(r"frus(\d{4})(?:-(\d{2,4}))?", volume_id)
    if not m:
        return None
    first = int(m.group(1))
    last = first
    if m.group(2):
        tail = m.group(2)
        last = int(tail) if len(tail) == 4 else int(str(first)[:2] + tail)
        if last < first:
            last += 100
    return f"{first:04d}-01-01", f"{last:04d}-12-31"


__all__ = ["DATE_RE", "Office", "parse_date", "parse_identification", "volume_span"]
