"""The link stage: stored documents → register, mentions, references, ledger, excisions.

A run does only what changed since the last one:

1. **Register.**  Its inputs (every persons list, the volumes held without
   one, the authority files, the overrides file) are hashed; the register
   is rebuilt when the hash differs, and otherwise read back from the store.
2. **Volumes.**  A volume whose generation changed since it was linked (new,
   re-ingested) is read again whole; a volume whose register persons changed
   (an id, an office, a name form, how many volumes list them) has its
   person links alone redone.  Volumes are linked in worker processes, one
   volume per task, and each volume's rows are written in one transaction.
3. **Ledger.**  Unprinted citations are merged across the whole corpus from
   the stored citations (cheap), so an entry cited from two volumes is one
   entry whichever was linked last.

The start of a run marks the links incomplete and the end marks them
complete: an interrupted run leaves them readable but reported stale, and
the next run carries on from the volumes already done.  Cross-references
are stored as found and resolved when read (``frus.linking.resolve``).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from frus.entities.authority import load_authority
from frus.entities.linker import PersonLinker
from frus.entities.overrides import load_overrides
from frus.entities.register import build_register
from frus.linking import register_rows as regrows
from frus.linking.records import LinkReport
from frus.linking.resolve import StoredCatalog, is_external, resolve
from frus.linking.rows import VolumeRows, VolumeTask, link_volume
from frus.model import to_dict
from frus.references.crossrefs import Reference
from frus.references.ledger import build_ledger
from frus.references.unprinted import UnprintedCitation

Progress = Callable[[str, int, int], None]

#: below this many documents to link, worker processes cost more than they save
POOL_MIN_DOCUMENTS = 400


@dataclass(frozen=True)
class Settings:
    """Where the authority data and the overrides come from, resolved."""

    aux: str | None
    overrides: str | None

    def to_dict(self) -> dict:
        return {"aux": self.aux, "overrides": self.overrides}


def resolve_settings(aux, overrides, remembered: dict | None) -> Settings:
    """Explicit argument, else the environment, else what the last run used,
    else ``$FRUS_CORPUS/aux`` when it exists.  ``False`` turns one off."""
    remembered = remembered or {}

    def pick(value, env: str, key: str, default=None):
        if value is False:
            return None
        if value is not None:
            return str(Path(value).expanduser())
        if os.environ.get(env):
            return str(Path(os.environ[env]).expanduser())
        if remembered.get(key) and Path(remembered[key]).exists():
            return remembered[key]
        return default

    corpus = os.environ.get("FRUS_CORPUS")
    default_aux = str(Path(corpus) / "aux") if corpus and (Path(corpus) / "aux").is_dir() else None
    return Settings(aux=pick(aux, "FRUS_AUX", "aux", default_aux), overrides=pick(overrides, "FRUS_OVERRIDES", "overrides"))


def _authority_files(aux: str | None) -> str:
    if aux is None:
        return ""
    from frus.entities.authority import PEOPLE_FILE, POCOM_FILE

    root = Path(aux)
    return ",".join(regrows.file_digest(root / f) for f in (PEOPLE_FILE, POCOM_FILE))


# --------------------------------------------------------------------------
# worker side
# --------------------------------------------------------------------------

_WORKER: dict = {}


def _init_worker(register) -> None:
    _WORKER.clear()
    _WORKER["register"] = register


def _wide_linker(register) -> PersonLinker:
    """One linker over the whole register per process: building it takes a second."""
    wide = _WORKER.get("wide")
    if wide is None or wide.register is not register:
        wide = _WORKER["wide"] = PersonLinker(None, register)
    return wide


def _link_in_worker(task: VolumeTask) -> VolumeRows:
    register = _WORKER["register"]
    return link_volume(task, register, None if task.persons else _wide_linker(register))


# --------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------


def run(
    tables,
    *,
    aux=None,
    overrides=None,
    workers: int | None = None,
    progress: Progress | None = None,
    force: bool = False,
) -> LinkReport:
    """Bring the link tables up to date with the stored documents (see the module docstring).

    ``tables`` is a :class:`frus.store.links.LinkTables`.
    """
    started = time.perf_counter()
    tell = progress or (lambda what, done, total: None)
    settings = resolve_settings(aux, overrides, tables.settings())
    volumes = tables.volume_rows()
    lists = tables.persons_lists()
    listless = [vid for vid, *_ in volumes if vid not in lists]
    digest = regrows.inputs_digest(
        lists, listless, _authority_files(settings.aux), regrows.file_digest(settings.overrides)
    )

    tell("register", 0, 1)
    rebuilt = force or digest != tables.register_digest() or not tables.has_register()
    if rebuilt:
        # read the overrides first: a malformed file must stop the run before it writes
        chosen = load_overrides(settings.overrides)
        authority = load_authority(settings.aux) if settings.aux else None
        held_by_authority = sorted(v for v in listless if authority is not None and v in authority.volume_ids())
        register = build_register(
            sorted(lists.items()), authority, chosen, authority_volumes=held_by_authority
        )
    else:
        register = regrows.register_from_rows(tables.person_json())
    tell("register", 1, 1)

    tasks = _plan(tables, volumes, lists, register, force)
    gone = tables.status_rows()[1]
    if not (rebuilt or tasks or gone) and tables.complete():
        return _report(tables, settings, (), (), False, started, ())

    tables.begin_run(
        register=regrows.person_rows(register) if rebuilt else None,
        register_digest=digest,
        settings=settings.to_dict(),
    )
    tables.forget_volumes(gone)
    errors: list[str] = []
    done = 0
    sizes = {vid: count for vid, _, _, count in volumes}
    for rows in _link_all(tables, tasks, register, workers, sum(sizes[t.volume_id] for t in tasks)):
        tables.write_volume(
            rows.volume_id,
            generation=rows.generation,
            format=regrows.LINK_FORMAT,
            person_digest=rows.person_digest,
            person_mentions=rows.person_mentions,
            parties=rows.parties,
            term_mentions=rows.term_mentions,
            references=rows.references,
            anchors=rows.anchors,
            citations=rows.citations,
            excisions=rows.excisions,
        )
        errors.extend(rows.errors)
        done += 1
        tell(rows.volume_id, done, len(tasks))
    tell("ledger", 0, 1)
    relinked = tuple(sorted(t.volume_id for t in tasks if t.text_part))
    persons_only = tuple(sorted(t.volume_id for t in tasks if not t.text_part))
    report = _report(tables, settings, relinked, persons_only, rebuilt, started, tuple(errors), finish=True)
    tell("ledger", 1, 1)
    return report


def _plan(tables, volumes, lists, register, force: bool) -> list[VolumeTask]:
    """What each volume needs, largest volumes first (they finish last otherwise)."""
    states = tables.link_states()
    wide = None
    plans = []
    for vid, generation, origin, count in volumes:
        persons = lists.get(vid) or regrows.authority_entries(register, vid)
        if persons:
            person_digest = regrows.volume_digest(register, vid, persons)
        else:
            wide = wide or regrows.register_digest(register)
            person_digest = wide
        state = states.get(vid)
        text_part = force or state is None or state[0] != generation or state[1] != regrows.LINK_FORMAT
        person_part = text_part or state[2] != person_digest
        if person_part:
            plans.append((count, vid, generation, persons, text_part, person_digest))
    plans.sort(key=lambda p: (-p[0], p[1]))
    return [
        VolumeTask(vid, generation, (), persons, tables.terms_list(vid), text_part, True, person_digest)
        for _, vid, generation, persons, text_part, person_digest in plans
    ]


def _with_documents(tables, task: VolumeTask) -> VolumeTask:
    return VolumeTask(
        task.volume_id, task.generation, tables.document_json(task.volume_id), task.persons, task.terms,
        task.text_part, task.person_part, task.person_digest,
    )


def _link_all(tables, tasks: list[VolumeTask], register, workers: int | None, documents: int) -> Iterator[VolumeRows]:
    """Rows of every task, in the order they finish.

    Documents are read from the store only when a task is handed out, and
    at most two tasks per worker are in flight, so memory stays bounded by
    a few volumes.
    """
    if not tasks:
        return
    if workers is None:
        from frus.store.pipeline import default_workers

        workers = default_workers()
    if workers <= 0 or len(tasks) < 2 or documents < POOL_MIN_DOCUMENTS:
        wide = None
        for task in tasks:
            if not task.persons and wide is None:
                wide = PersonLinker(None, register)
            yield link_volume(_with_documents(tables, task), register, None if task.persons else wide)
        return
    # spawn, not fork: the parent may hold Tantivy's threads and an SQLite connection
    context = multiprocessing.get_context("spawn")
    queue = list(reversed(tasks))
    running: dict[Future, str] = {}
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(register,))
    try:
        while queue or running:
            while queue and len(running) < 2 * workers:
                task = queue.pop()
                running[pool.submit(_link_in_worker, _with_documents(tables, task))] = task.volume_id
            finished = wait(running, return_when=FIRST_COMPLETED)[0]
            for future in finished:
                running.pop(future)
                yield future.result()
    except BaseException:
        # interrupted, or a worker failed: do not wait for the volumes in flight
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# --------------------------------------------------------------------------
# the end of a run: ledger, figures
# --------------------------------------------------------------------------


def rebuild_ledger(tables) -> tuple[list[tuple], list[tuple[str, int, int]]]:
    """Ledger entry rows and (entry id, place, citation rowid) from every stored citation."""
    rows = tables.citations_in_order()
    citations = [UnprintedCitation(**json.loads(raw)) for _, raw in rows]
    rowid = {id(c): r for c, (r, _) in zip(citations, rows)}
    entries, assignments = [], []
    for entry in build_ledger(citations):
        data = to_dict(entry)
        data.pop("citations")
        entries.append(
            (entry.id, entry.kind, entry.number, entry.date, entry.status, entry.sender, entry.recipient,
             len(entry.cited_by), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        )
        assignments.extend((entry.id, i, rowid[id(c)]) for i, c in enumerate(entry.citations))
    return entries, assignments


def reference_figures(tables) -> dict[str, int]:
    """Every stored cross-reference resolved against the store as it is now."""
    refs = [Reference(**json.loads(raw)) for raw in tables.all_references()]
    resolved = resolve(refs, StoredCatalog(*tables.catalog_rows()))
    return {
        "total": len(resolved),
        "resolved": sum(r.resolved for r in resolved),
        "unresolved": sum(not r.resolved for r in resolved),
        "external": sum(is_external(r) for r in resolved),
    }


def _report(tables, settings: Settings, relinked, persons_only, rebuilt, started, errors, finish=False) -> LinkReport:
    if finish:
        entries, assignments = rebuild_ledger(tables)
        tables.finish_run(entries=entries, assignments=assignments)
        figures = reference_figures(tables)
    else:
        figures = tables.summary().get("references") or reference_figures(tables)
    report = LinkReport(
        relinked=tuple(relinked),
        persons_relinked=tuple(persons_only),
        register_rebuilt=rebuilt,
        authority=settings.aux,
        overrides=settings.overrides,
        counts=tables.counts(),
        references=figures,
        mentions=tables.mention_statuses(),
        seconds=round(time.perf_counter() - started, 2),
        errors=errors,
    )
    if finish:
        tables.record_summary(report.to_dict())
    return report
