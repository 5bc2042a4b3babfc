"""Reading volumes in worker processes while the main process writes.

Parsing a FRUS volume is CPU-bound lxml work; storing it is mostly I/O and
Tantivy's own threads.  Worker processes read and flatten files (parse,
enrich, turn into rows) and hand back plain strings; the main process is
the only writer.  At most two volumes per worker are in flight (one being
read, one read or waiting), so memory is bounded by the largest volumes,
not by the size of the corpus.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

from frus.errors import FrusError
from frus.store.records import VolumeRecords, volume_records


@dataclass(frozen=True, slots=True)
class Prepared:
    """One input file, read: its records, or the one-line reason it failed."""

    path: str
    records: VolumeRecords | None = None
    error: str | None = None


def one_line(text: str) -> str:
    return " ".join(str(text).split())


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector for one volume.

    Reading a volume builds about a million small objects that all stay
    alive until its records are handed over, so every collection the
    allocations trigger scans them again and frees nothing: one ingest
    spent ~0.5 s of CPU there.  Reading, enriching and flattening make no
    reference cycles (the reader avoids self-calling closures and bound
    methods in tables for that reason), so everything is still freed by
    reference counting the moment the volume is done; the collector is
    back on between volumes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def prepare_file(path: str) -> Prepared:
    """Read, enrich and flatten one file; never raises (runs in a worker)."""
    # imported here so the worker pays for the readers, not every importer
    from frus.extract import enrich_volume
    from frus.ingest import read_path

    try:
        with cyclic_gc_paused():
            return Prepared(path, records=volume_records(enrich_volume(read_path(Path(path)))))
    except FrusError as err:
        return Prepared(path, error=one_line(str(err)))
    except Exception as err:  # a reader bug must not stop the other files
        return Prepared(path, error=one_line(f"{path}: unexpected {type(err).__name__}: {err}"))


def default_workers() -> int:
    """Both cores of a small machine; more workers only queue behind the one writer."""
    try:
        cpus = len(os.sched_getaffinity(0))  # what this process may use (containers)
    except AttributeError:
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def prepare_all(
    paths: Sequence[str], workers: int | None = None, prepare: Callable[[str], Prepared] = prepare_file
) -> Iterator[Prepared]:
    """Yield every file prepared, in the order they finish.

    ``workers=0`` reads in this process (no pool), which is also what a
    single file gets: starting a worker would only add its start-up time.
    ``prepare`` must be a module-level function (workers import it).
    """
    if workers is None:
        workers = default_workers()
    if workers <= 0 or len(paths) <= 1:
        for path in paths:
            yield prepare(path)
        return
    yield from _pooled(largest_first(paths), workers, prepare)


def largest_first(paths: Sequence[str]) -> list[str]:
    """The biggest files first, so the run does not end on one worker
    reading a big volume while the other has nothing left to do.

    In name order the shared corpus ends on four of its largest volumes
    (``frus1977-80v…``, 3–4 MB, a couple of seconds' reading each); this
    way it ends on the small ones.
    """

    def size(path: str) -> int:
        try:
            return os.path.getsize(path)
        except OSError:
            return 0  # reported when it is read

    return sorted(paths, key=size, reverse=True)


#: volumes a worker may have in flight: the one it reads and one waiting,
#: read or queued.  The main process writes each volume while the workers
#: read the next ones; with only one volume of slack per pool, a worker that
#: finished while a long write (an index commit) held the main process sat
#: idle, about an eighth of each worker's time on the whole corpus.
IN_FLIGHT_PER_WORKER = 2


def _pooled(paths: list[str], workers: int, prepare: Callable[[str], Prepared]) -> Iterator[Prepared]:
    # spawn, not fork: the parent holds Tantivy's threads and an SQLite
    # connection, neither of which may be copied into a child mid-flight.
    context = multiprocessing.get_context("spawn")
    limit = IN_FLIGHT_PER_WORKER * workers
    queue = list(reversed(paths))
    while queue:
        suspects: list[str] = []
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        running: dict[Future, str] = {}
        try:
            while queue or running:
                healthy = _top_up(pool, running, queue, prepare, limit)
                done = wait(running, return_when=FIRST_COMPLETED)[0] if running else ()
                ready: list[Prepared] = []
                for future in done:
                    path = running.pop(future)
                    try:
                        ready.append(future.result())
                    except BrokenProcessPool:
                        suspects.append(path)
                if healthy and not suspects:
                    # hand the workers their next files before the caller
                    # spends its time writing these
                    healthy = _top_up(pool, running, queue, prepare, limit)
                yield from ready
                if suspects or not healthy:
                    suspects.extend(running.values())
                    running.clear()
                    break
        finally:
            pool.shutdown(wait=not suspects, cancel_futures=True)
        # A worker died (killed, out of memory) and took every file in
        # flight with it.  Read each of those alone, so only the file that
        # kills its reader is reported; then carry on with a fresh pool.
        for path in suspects:
            yield _alone(path, prepare, context)


def _top_up(
    pool: ProcessPoolExecutor, running: dict[Future, str], queue: list[str], prepare: Callable, limit: int
) -> bool:
    """Submit queued paths until ``limit`` are in flight; False once the pool is broken."""
    while queue and len(running) < limit:
        try:
            future = pool.submit(prepare, queue[-1])
        except BrokenProcessPool:
            return False
        running[future] = queue.pop()
    return True


def _alone(path: str, prepare: Callable[[str], Prepared], context) -> Prepared:
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(prepare, path).result()
        except BrokenProcessPool:
            return Prepared(path, error=f"{path}: the reader process died while reading this file (out of memory?)")
