"""The oracle the search tests check frus against: the stored documents themselves.

Everything here works from ``Corpus.documents`` (the SQLite truth), with
Tantivy's own analyzers for words (``en_stem`` and ``default``), and none
of frus's search code: a wrong compiler, index field, matcher or facet
shows up as a difference between the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import tantivy

from frus.corpus import Corpus
from frus.model import Document

STEM = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)
EXACT = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.remove_long(40))
    .filter(tantivy.Filter.lowercase())
    .build()
)


def stems(text: str) -> list[str]:
    return STEM.analyze(text)


def words(text: str) -> list[str]:
    return EXACT.analyze(text)


def contains(sequence: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(sequence[i : i + n] == part for i in range(len(sequence) - n + 1))


def ymd(iso: str | None, upper: bool = False) -> int | None:
    if not iso:
        return None
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", iso)
    y, mo, d = m.groups()
    return int(y) * 10000 + int(mo or ("12" if upper else "01")) * 100 + int(d or ("31" if upper else "01"))


@dataclass
class Doc:
    """One stored document as the oracle sees it."""

    doc: Document
    person_names: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.doc.id

    def texts(self, fields=("title", "body", "notes")) -> list[str]:
        out = []
        if "title" in fields:
            out.append(self.doc.title)
        if "body" in fields:
            out.append(self.doc.body_text())
        if "notes" in fields:
            out.extend(n.text for n in self.doc.footnotes)
        return out

    def has_stem(self, word: str, fields=("title", "body", "notes")) -> bool:
        want = stems(word)
        return any(contains(stems(t), want) for t in self.texts(fields))

    def has_phrase(self, phrase: str, fields=("title", "body", "notes")) -> bool:
        want = words(phrase)
        return any(contains(words(t), want) for t in self.texts(fields))

    def has_prefix(self, prefix: str, fields=("title", "body", "notes")) -> bool:
        return any(w.startswith(prefix.lower()) for t in self.texts(fields) for w in words(t))

    # metadata, as the model holds it
    def senders(self) -> list[str]:
        return [v for p in self.doc.senders for v in (p.role, p.name) if v]

    def recipients(self) -> list[str]:
        return [v for p in self.doc.recipients for v in (p.role, p.name) if v]

    def person_ids(self) -> list[str]:
        return [m.target for m in self.doc.mentions if m.kind == "person"]

    @property
    def span(self) -> tuple[int | None, int | None]:
        d = self.doc.date
        return ymd(d.min), ymd(d.max or d.min, upper=True)

    def overlaps(self, lo: int | None, hi: int | None) -> bool:
        start, end = self.span
        if start is None:
            return False
        return (hi is None or start <= hi) and (lo is None or end >= lo)

    def facet_values(self, facet: str) -> list[str]:
        d = self.doc
        squeeze = lambda v: " ".join(v.split())  # noqa: E731
        if facet == "type":
            return [d.type] if d.type else []
        if facet == "classification":
            return [squeeze(d.classification.level)] if d.classification.level else []
        if facet == "caveat":
            return [squeeze(c) for c in d.classification.caveats]
        if facet == "sender":
            return [squeeze(v) for v in self.senders()]
        if facet == "recipient":
            return [squeeze(v) for v in self.recipients()]
        if facet == "person":
            return list(self.person_names)
        if facet == "repository":
            return [squeeze(d.source.repository)] if d.source and d.source.repository else []
        if facet == "place":
            return [squeeze(d.place)] if d.place else []
        if facet == "volume":
            return [d.volume_id]
        if facet == "subseries":
            m = re.match(r"frus(\d{4})(?:-(\d{2}))?", d.volume_id)
            return [f"{m[1]}-{m[2]}" if m[2] else m[1]] if m else []
        if facet == "year":
            return [str(d.date.year)] if d.date.year else []
        if facet == "decade":
            return [f"{d.date.year // 10 * 10}s"] if d.date.year else []
        raise KeyError(facet)


def load(corpus: Corpus) -> list[Doc]:
    out = []
    for volume in corpus.volumes():
        names = {e.id: " ".join(e.name.split()) for e in volume.persons if e.name.strip()}
        for d in corpus.documents(volume.id):
            mentioned = [names[m.target] for m in d.mentions if m.kind == "person" and m.target in names]
            out.append(Doc(d, list(dict.fromkeys(mentioned))))
    return out


def ids(docs, predicate) -> set[str]:
    return {d.id for d in docs if predicate(d)}


def hit_ids(corpus: Corpus, query: str, **options) -> set[str]:
    """Every hit of ``query``, checked to be as many as ``total`` says."""
    result = corpus.search(query, limit=1000, facets=False, **options)
    found = {h.id for h in result.hits}
    assert len(found) == len(result.hits) == result.total, (query, result.total, len(result.hits))
    return found
