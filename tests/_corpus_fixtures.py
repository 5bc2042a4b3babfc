"""Session fixtures shared by the store, index, search, corpus and CLI tests.

Three small real volumes from the shared corpus — one modern
(frus1969-76ve09p1), one older vendor conversion (frus1894Nicaragua) and
the Public Diplomacy retrospective with its embedded XHTML — are parsed
once and ingested once into a temporary corpus.  Tests that change a
corpus build their own; these are read-only.

Import the fixtures into a test module with
``from _corpus_fixtures import small_paths, parsed_small, small_db, small_corpus``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frus.corpus import Corpus
from frus.extract import enrich_volume
from frus.ingest import read_path
from frus.model import ParsedVolume
from frus.store.pipeline import Prepared

SMALL = ("frus1969-76ve09p1.xml", "frus1894Nicaragua.xml", "frus1917-72PubDip.xml")
MODERN, OLD, PUBDIP = "frus1969-76ve09p1", "frus1894Nicaragua", "frus1917-72PubDip"


@pytest.fixture(scope="session")
def small_paths(corpus_dir: Path) -> list[Path]:
    paths = [corpus_dir / "frus" / name for name in SMALL]
    missing = [p for p in paths if not p.is_file()]
    assert not missing, f"shared corpus lacks {missing}"
    return paths


@pytest.fixture(scope="session")
def parsed_small(small_paths: list[Path]) -> dict[str, ParsedVolume]:
    """What ingest stores for each volume: read, then enriched."""
    parsed = [enrich_volume(read_path(p)) for p in small_paths]
    return {p.volume.id: p for p in parsed}


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory, small_paths: list[Path]) -> Path:
    db = tmp_path_factory.mktemp("small-corpus") / "frus.db"
    with Corpus.open(db) as corpus:
        report = corpus.ingest(small_paths, workers=0)
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def small_corpus(small_db: Path):
    corpus = Corpus.open(small_db, readonly=True)
    yield corpus
    corpus.close()


def fake_prepare(path: str) -> Prepared:
    """A stand-in reader for pool tests: a path naming "die" kills its worker."""
    import os

    if "die" in Path(path).name:
        os._exit(1)
    return Prepared(path, error=f"{path}: read by pid {os.getpid()}")
