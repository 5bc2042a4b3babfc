"""The links of a results page: every one keeps the whole search in its URL.

A results page is a bookmark: the query, the facet filters, the years and
the order all live in URL parameters, so each facet link, sort choice and
page number is the current URL with one thing changed.  Nothing is kept in
a session and no script is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable
from urllib.parse import quote_plus, urlencode

from frus.api.params import SearchParams
from frus.web import meta

#: the orders offered, as ``Corpus.search`` names them, with their labels
SORTS = {"relevance": "Relevance", "date-asc": "Date, oldest first", "date-desc": "Date, newest first"}

#: facets shown beside the results, in order, with their headings; years are
#: left to the from/to inputs (one per year would be a long column)
SHOWN = {
    "decade": "Decade",
    "type": "Document type",
    "classification": "Classification",
    "volume": "Volume",
    "sender": "From",
    "recipient": "To",
    "person": "Persons",
    "repository": "Archive",
}
SERIES_PREFIX = "Foreign Relations of the United States, "
#: values shown before the rest fold under "more", and most values listed
VISIBLE = 6
LIMIT = 15


class Links:
    def __init__(self, asked: SearchParams, sort: str) -> None:
        self.asked = asked
        self.sort = sort
        # a results page holds a couple of hundred links that differ only in
        # one filter: encode the parts they share once
        self._head = urlencode([("q", asked.text)])
        tail = [("from_year", asked.from_year), ("to_year", asked.to_year)]
        self._years = urlencode([(k, v) for k, v in tail if v])
        self._kept = _params("filter", asked.filters)
        self._left_out = _params("exclude", asked.exclude)

    def href(
        self,
        *,
        filters: dict[str, list[str]] | None = None,
        exclude: dict[str, list[str]] | None = None,
        sort: str | None = None,
        page: int = 1,
    ) -> str:
        kept = self._kept if filters is None else _params("filter", filters)
        left_out = self._left_out if exclude is None else _params("exclude", exclude)
        return self._url(kept, left_out, self.sort if sort is None else sort, page)

    def _url(
        self, kept: list[tuple[str, str, str]], left_out: list[tuple[str, str, str]], sort: str, page: int = 1
    ) -> str:
        parts = [self._head]
        parts += [p for _, _, p in kept]
        parts += [p for _, _, p in left_out]
        if self._years:
            parts.append(self._years)
        if sort != "relevance":
            parts.append("sort=" + quote_plus(sort))
        if page > 1:
            parts.append(f"page={page}")
        return "/search?" + "&".join(parts)

    def page(self, number: int) -> str:
        return self.href(page=number)

    # The facet links (three per value shown) change one filter of the
    # current search: they edit the encoded lists rather than copy and
    # encode every filter again, in the order ``href`` would give.

    def include(self, name: str, value: str) -> str:
        kept = _added(self._kept, name, value, "filter=" + _quoted(name, value))
        return self._url(kept, _removed(self._left_out, name, value), self.sort)

    def exclude(self, name: str, value: str) -> str:
        left_out = _added(self._left_out, name, value, "exclude=" + _quoted(name, value))
        return self._url(_removed(self._kept, name, value), left_out, self.sort)

    def drop(self, name: str, value: str) -> str:
        """The search without this value's filter, whether it kept or left out."""
        return self._url(_removed(self._kept, name, value), _removed(self._left_out, name, value), self.sort)

    def without_years(self) -> str:
        plain = SearchParams(self.asked.text, self.asked.filters, self.asked.exclude)
        return Links(plain, self.sort).href()

    def sorted_by(self, sort: str) -> str:
        return self.href(sort=sort)

    def active(self) -> list[tuple[str, str, str, bool]]:
        """``(facet heading, facet, value, kept)`` for each filter applied."""
        out = [(SHOWN.get(n, n), n, v, True) for n, vs in self.asked.filters.items() for v in vs]
        out += [(SHOWN.get(n, n), n, v, False) for n, vs in self.asked.exclude.items() for v in vs]
        return out


@dataclass(slots=True)  # not frozen: a results page makes a hundred, and frozen init is slow
class FacetValue:
    value: str
    label: str
    count: int
    kept: bool
    #: the search with this value kept (or, when it is kept, without it)
    href: str = ""
    #: the search with this value left out; None when it is kept
    leave_out_href: str | None = None


@dataclass(frozen=True)
class FacetPanel:
    name: str
    heading: str
    values: list[FacetValue]

    @property
    def first(self) -> list[FacetValue]:
        return self.values[:VISIBLE]

    @property
    def rest(self) -> list[FacetValue]:
        return self.values[VISIBLE:]


def facet_panels(
    counted: dict[str, list[tuple[str, int]]], links: Links, volume_title: Callable[[str], str]
) -> list[FacetPanel]:
    panels = []
    for name, heading in SHOWN.items():
        kept_values = links.asked.filters.get(name, [])
        values = []
        for raw, count in counted.get(name, []):
            value = str(raw)
            kept = value in kept_values
            values.append(
                FacetValue(
                    value=value,
                    label=label(name, value, volume_title),
                    count=count,
                    kept=kept,
                    href=links.drop(name, value) if kept else links.include(name, value),
                    leave_out_href=None if kept else links.exclude(name, value),
                )
            )
        if values:
            panels.append(FacetPanel(name, heading, values))
    return panels


def label(name: str, value: str, volume_title: Callable[[str], str]) -> str:
    if name == "type":
        return meta.type_label(value)
    if name == "volume":
        # every title starts with the series name; the rest is what tells volumes apart
        return volume_title(value).removeprefix(SERIES_PREFIX) or value
    return value


@lru_cache(maxsize=4096)
def _quoted(name: str, value: str) -> str:
    """``name:value`` as a URL parameter value; the include and leave-out
    links of a facet value, and the next page's links, share it."""
    return quote_plus(f"{name}:{value}")


def _params(kind: str, values: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    return [(n, v, f"{kind}={_quoted(n, v)}") for n, vs in values.items() for v in vs]


def _added(current: list[tuple[str, str, str]], name: str, value: str, param: str) -> list[tuple[str, str, str]]:
    """``current`` with the value added after the others of its facet (or last)."""
    at = len(current)
    for i, (n, v, _) in enumerate(current):
        if n == name:
            if v == value:
                return current
            at = i + 1
    return [*current[:at], (name, value, param), *current[at:]]


def _removed(current: list[tuple[str, str, str]], name: str, value: str) -> list[tuple[str, str, str]]:
    if not any(n == name and v == value for n, v, _ in current):
        return current
    return [c for c in current if not (c[0] == name and c[1] == value)]
