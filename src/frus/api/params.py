"""Search parameters shared by ``/search`` and ``GET /api/v1/search``.

Both faces take the same URL parameters, so a results page can be turned
into its JSON twin by changing the path: ``filter=facet:value`` and
``exclude=facet:value`` (each repeated as often as wanted), ``sort``, and
``from_year``/``to_year``.  The years become a ``date:`` clause of the
query rather than a facet filter: the query language's overlap rule is the
one a historian means by "documents of 1969–1972" (``docs/search.md``), and
the clause then shows in the parsed query, so the page says exactly what was
searched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from frus.api.problems import BadParameter
from frus.errors import FrusError
from frus.search import facets as facet_names

_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class SearchParams:
    """What a search URL asks for, checked; ``query`` is ready for ``Corpus.search``."""

    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    from_year: str = ""
    to_year: str = ""

    @property
    def query(self) -> str:
        clause = date_clause(self.from_year, self.to_year)
        if not clause:
            return self.text
        # parentheses keep a top-level OR in the text from swallowing the date
        return f"({self.text}) {clause}" if self.text else clause

    @property
    def empty(self) -> bool:
        return not (self.text or self.filters or self.exclude or self.from_year or self.to_year)


def facet_values(raw: Iterable[str], parameter: str) -> dict[str, list[str]]:
    """``["type:telegram", "type:memcon"]`` → ``{"type": ["telegram", "memcon"]}``.

    Raises BadParameter naming the parameter for a value without a facet
    name or with one frus does not have.
    """
    out: dict[str, list[str]] = {}
    for item in raw:
        name, sep, value = item.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise BadParameter(f"`{parameter}` takes facet:value, as in `{parameter}=type:telegram`; got {item!r}")
        try:
            facet_names.check_names([name])
        except FrusError as exc:
            raise BadParameter(f"`{parameter}`: {exc}") from None
        values = out.setdefault(name, [])
        if value not in values:
            values.append(value)
    return out


def year(raw: str | None, parameter: str) -> str:
    raw = (raw or "").strip()
    if raw and not _YEAR.fullmatch(raw):
        raise BadParameter(f"`{parameter}` takes a year of four digits, as in `{parameter}=1969`; got {raw!r}")
    return raw


def date_clause(start: str, end: str) -> str:
    if start and end and end < start:
        start, end = end, start  # people type ranges backwards; the meaning is plain
    if start and end:
        return f"date:{start}..{end}"
    if start:
        return f"date:>={start}"
    if end:
        return f"date:<={end}"
    return ""


def parse(
    q: str,
    filters: Iterable[str] = (),
    exclude: Iterable[str] = (),
    from_year: str | None = None,
    to_year: str | None = None,
) -> SearchParams:
    return SearchParams(
        text=q.strip(),
        filters=facet_values(filters, "filter"),
        exclude=facet_values(exclude, "exclude"),
        from_year=year(from_year, "from_year"),
        to_year=year(to_year, "to_year"),
    )
