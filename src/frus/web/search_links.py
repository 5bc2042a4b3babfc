"""The links of a results page: every one keeps the whole search in its URL.

A results page is a bookmark: the query, the facet filters, the years and
the order all live in URL parameters, so each facet link, sort choice and
page number is the current URL with one thing changed.  Nothing is kept in
a session and no script is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
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
        # their filters: encode the parts they share once
        self._head = urlencode([("q", asked.text)])
        tail = [("from_year", asked.from_year), ("to_year", asked.to_year)]
        self._years = urlencode([(k, v) for k, v in tail if v])

    def href(
        self,
        *,
        filters: dict[str, list[str]] | None = None,
        exclude: dict[str, list[str]] | None = None,
        sort: str | None = None,
        page: int = 1,
    ) -> str:
        filters = self.asked.filters if filters is None else filters
        exclude = self.asked.exclude if exclude is None else exclude
        sort = self.sort if sort is None else sort
        parts = [self._head]
        parts += ["filter=" + quote_plus(f"{name}:{value}") for name, values in filters.items() for value in values]
        parts += ["exclude=" + quote_plus(f"{name}:{value}") for name, values in exclude.items() for value in values]
        if self._years:
            parts.append(self._years)
        if sort != "relevance":
            parts.append("sort=" + quote_plus(sort))
        if page > 1:
            parts.append(f"page={page}")
        return "/search?" + "&".join(parts)

    def page(self, number: int) -> str:
        return self.href(page=number)

    def include(self, name: str, value: str) -> str:
        filters = _added(self.asked.filters, name, value)
        return self.href(filters=filters, exclude=_removed(self.asked.exclude, name, value))

    def exclude(self, name: str, value: str) -> str:
        exclude = _added(self.asked.exclude, name, value)
        return self.href(filters=_removed(self.asked.filters, name, value), exclude=exclude)

    def drop(self, name: str, value: str) -> str:
        """The search without this value's filter, whether it kept or left out."""
        filters = _removed(self.asked.filters, name, value)
        return self.href(filters=filters, exclude=_removed(self.asked.exclude, name, value))

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


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    kept: bool


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
        values = [
            FacetValue(
                value=str(value),
                label=label(name, str(value), volume_title),
                count=count,
                kept=str(value) in links.asked.filters.get(name, []),
            )
            for value, count in counted.get(name, [])
        ]
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


def _added(current: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    out = {n: list(vs) for n, vs in current.items()}
    values = out.setdefault(name, [])
    if value not in values:
        values.append(value)
    return out


def _removed(current: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    out = {n: [v for v in vs if not (n == name and v == value)] for n, vs in current.items()}
    return {n: vs for n, vs in out.items() if vs}
