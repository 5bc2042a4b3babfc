"""The parallel ingest pipeline stores exactly what an in-process ingest stores.

Workers build every row (JSON included) and hand it to the main process
pickled; nothing may change on the way, whatever order the volumes finish
in.  The other tests here pin what makes it safe to hold off the cyclic
garbage collector while a worker reads a volume.
"""

from __future__ import annotations

import gc
import sqlite3
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from _corpus_fixtures import small_paths  # noqa: F401

from frus.corpus import Corpus
from frus.ingest import read_path
from frus.store.pipeline import _top_up, cyclic_gc_paused, largest_first

#: when the row was written, not what was read
_VOLATILE = {"volumes": {"ingested_at"}}


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every stored row of every table but ``meta``, in a fixed order."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        out = {}
        for name in names:
            if name == "meta":
                continue  # the index uuid differs between any two corpora
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if c not in _VOLATILE.get(name, ())]
            listed = ", ".join(f'"{c}"' for c in kept)
            out[name] = conn.execute(f"SELECT {listed} FROM {name} ORDER BY {listed}").fetchall()
        return out
    finally:
        conn.close()


def test_parallel_ingest_stores_byte_identical_rows(tmp_path, small_paths):  # noqa: F811
    stored = {}
    for workers in (0, 2):
        db = tmp_path / f"workers{workers}" / "frus.db"
        with Corpus.open(db) as corpus:
            report = corpus.ingest(small_paths, workers=workers)
            assert not report.failed, report.failed
            indexed = corpus._index.num_docs()
        stored[workers] = (_tables(db), indexed)
    (sequential, seq_indexed), (parallel, par_indexed) = stored[0], stored[2]
    assert set(parallel) == set(sequential) and "documents" in sequential
    assert len(sequential["documents"]) == seq_indexed == par_indexed > 200
    for table, rows in sequential.items():
        # equal str values are equal code points, so equal stored bytes
        assert parallel[table] == rows, table
    json_column = [r[-1] for r in sequential["documents"]]
    assert all(isinstance(j, str) and j.startswith("{") for j in json_column)


def test_reading_a_volume_makes_no_reference_cycles(small_paths):  # noqa: F811
    # ve09p1 has persons and terms lists and notes holding paragraphs, the
    # two places the reader once built self-referencing closures
    gc.collect()
    with cyclic_gc_paused():
        assert not gc.isenabled()
        for path in small_paths:
            parsed = read_path(path)
            assert parsed.documents
            del parsed
        left = gc.collect()
    assert left == 0, f"{left} objects were only reachable through reference cycles"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_restored_after_a_volume(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(ValueError):
            with cyclic_gc_paused():
                assert not gc.isenabled()
                raise ValueError("a reader failure")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


class _PoolThatBreaks:
    """Takes ``room`` files, then reports a dead worker as a real pool does."""

    def __init__(self, room: int):
        self.room = room

    def submit(self, fn, path):
        if self.room == 0:
            raise BrokenProcessPool("a worker died")
        self.room -= 1
        return object()


def test_topping_up_stops_at_the_limit_and_at_a_broken_pool():
    running: dict = {}
    queue = ["e.xml", "d.xml", "c.xml", "b.xml", "a.xml"]  # popped from the end
    assert _top_up(_PoolThatBreaks(room=9), running, queue, print, limit=3)
    assert sorted(running.values()) == ["a.xml", "b.xml", "c.xml"] and queue == ["e.xml", "d.xml"]
    running.clear()
    # a file the broken pool refused stays queued, for the next pool to read
    assert not _top_up(_PoolThatBreaks(room=1), running, queue, print, limit=3)
    assert list(running.values()) == ["d.xml"] and queue == ["e.xml"]


def test_the_biggest_volumes_are_read_first(small_paths, tmp_path):  # noqa: F811
    missing = str(tmp_path / "gone.xml")  # reported when it is read, so it goes last
    order = largest_first([missing, *map(str, small_paths)])
    sizes = [Path(p).stat().st_size for p in order[:-1]]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > sizes[-1]
    assert order[-1] == missing and sorted(order) == sorted([missing, *map(str, small_paths)])
