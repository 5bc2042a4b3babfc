"""A linked corpus built from files in the repository, for the link pages and routes.

The bundled sample volumes (``src/frus/sample``), the seed memo's text copy
(``tests/data/references``) and the cut of the authority data holding the
seed memo's people (``tests/data/entities/aux``), ingested and linked as
``frus ingest`` does (see tests/test_links.py); plus two corpora in the
states a server also meets: never linked, and linked but stale.

Import into a test module with
``from _linked_sample import linked_db, unlinked_db, stale_db``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from frus.corpus import Corpus

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "src" / "frus" / "sample"
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "references" / "frus1969-76v13-d33.txt"
AUX = DATA / "entities" / "aux"

SEED_ID = "frus1969-76v13/d33"
MODERN, OLD, PUBDIP = "frus1969-76ve09p1", "frus1894Nicaragua", "frus1917-72PubDip"

#: the seed memo's people, as the authority data identifies them (tests/test_links.py)
SEED_PEOPLE = {
    "Haig": "hsa-105381",
    "Kissinger": "hsa-107252",
    "Downey": "hsa-103627",
    "Sonnenfeldt": "hsa-112748",
    "Mitchell": "hsa-109220",
    "Gromyko": "hsa-105222",
    "Ivanov": "hsa-106451",
}
HAIG, KISSINGER = SEED_PEOPLE["Haig"], SEED_PEOPLE["Kissinger"]


def _ingest(corpus: Corpus, *paths: Path) -> None:
    report = corpus.ingest(list(paths), workers=0)
    assert not report.failed, [f.error for f in report.failed]


@pytest.fixture(scope="session")
def linked_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("linked-sample") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        _ingest(corpus, SAMPLE, SEED)
        report = corpus.link(aux=AUX, overrides=False, workers=0)
    assert not report.errors, report.errors
    return db


@pytest.fixture(scope="session")
def unlinked_db(tmp_path_factory) -> Path:
    """One sample volume, ingested without the link stage (``frus ingest --no-link``)."""
    db = tmp_path_factory.mktemp("unlinked-sample") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        _ingest(corpus, SAMPLE / f"{PUBDIP}.xml")
    return db


@pytest.fixture(scope="session")
def stale_db(tmp_path_factory) -> Path:
    """One volume linked, then the seed memo ingested without linking again."""
    db = tmp_path_factory.mktemp("stale-sample") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        _ingest(corpus, SAMPLE / f"{PUBDIP}.xml")
        corpus.link(aux=AUX, overrides=False, workers=0)
        _ingest(corpus, SEED)
        assert corpus.link_status().state == "stale"
    return db
