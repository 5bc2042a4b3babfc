"""Searching the corpus: the query language and everything built on it.

``querylang`` parses what a historian types; ``compile`` turns the tree
into a Tantivy query; ``engine`` adds the facet filters (``facets``) and
names the terms that find nothing; ``matcher`` and ``textscan`` find in
stored text exactly what a query matched, for ``snippets`` and for the
``analysis`` of the matches (concordance, trend, collocates, ``--explain``).
``results`` holds the typed results ``Corpus.search`` returns.
"""
