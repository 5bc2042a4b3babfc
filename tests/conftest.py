"""Shared fixtures.

Corpus-wide tests need the shared FRUS corpus (``$FRUS_CORPUS``, default
``../shared/corpus`` beside the repository).  On a developer machine
without it they skip; under CI (``CI`` set) a missing corpus is an error,
so they can never skip silently there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def _corpus_dir() -> Path:
    return Path(os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus")).resolve()


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = _corpus_dir()
    if not (path / "frus").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"FRUS_CORPUS={path} has no frus/ folder; CI needs the shared corpus")
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA
