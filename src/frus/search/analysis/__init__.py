"""Reading the matches, not just counting documents: concordance, trend,
collocates, and the query inspector (``--explain``).

Each takes a query prepared by ``frus.search.engine`` (so the same query
language, filters and apparatus switch apply as in a search) and returns
a typed result; ``Corpus.kwic``, ``trend``, ``collocates`` and ``explain``
are the front door to them.
"""

from frus.search.analysis.collocates import Collocate, Collocates, collocates
from frus.search.analysis.explain import ExplainedLeaf, ExplainedTerm, Explanation, explain
from frus.search.analysis.kwic import Concordance, KwicLine, concordance
from frus.search.analysis.trend import Trend, TrendPoint, trend

__all__ = [
    "Collocate",
    "Collocates",
    "Concordance",
    "ExplainedLeaf",
    "ExplainedTerm",
    "Explanation",
    "KwicLine",
    "Trend",
    "TrendPoint",
    "collocates",
    "concordance",
    "explain",
    "trend",
]
