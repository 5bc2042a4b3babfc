"""Measure mention linking against the editors' own tags.

    python benchmarks/entities_eval.py [--corpus DIR] [--no-authority] [--write-docs]

On every modern volume of the corpus that has a persons list, each
document is flattened to plain text (title, body, footnotes) with the
editors' ``persName/@corresp`` tags removed; the linker relinks the plain
text; the result is compared with the editors' tags.

How it counts (see docs/entities.md):

* gold = every editor-tagged person span whose target is in the volume's
  persons list, mapped to its canonical person through the register;
* a linked mention **matches** a gold span when the character ranges
  overlap;
* precision = linked mentions that overlap a gold span and carry one of
  the overlapped spans' persons / linked mentions that overlap any gold
  span (links on untagged text are not in it: the editors' tags do not
  say whether they are right);
* recall = gold spans overlapped by a linked mention of the same person /
  gold spans; an ambiguous or unresolved mention counts as a miss;
* links on text the editors left untagged are reported apart ("extra"),
  with a sample to audit by hand (``--sample N``).

Terms (``gloss/@target``) are counted the same way against the terms
lists.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from frus.entities.authority import load_authority  # noqa: E402
from frus.entities.flatten import flatten_document  # noqa: E402
from frus.entities.linker import LINKED, PersonLinker  # noqa: E402
from frus.entities.register import build_register  # noqa: E402
from frus.entities.terms import TermLinker  # noqa: E402
from frus.ingest import read_path  # noqa: E402

DOC = REPO / "docs" / "entities.md"
BEGIN, END = "<!-- entities-eval:begin -->", "<!-- entities-eval:end -->"

_STATE: dict = {}


def is_modern(volume_id: str) -> bool:
    m = re.match(r"frus(\d{4})", volume_id)
    return bool(m) and (int(m.group(1)) >= 1945 or "PubDip" in volume_id)


def _overlap(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate_volume(path: str) -> dict:
    register = _STATE["register"]
    parsed = read_path(path)
    volume = parsed.volume
    persons = {p.id for p in volume.persons}
    terms = {t.id for t in volume.terms}
    plinker = PersonLinker(volume, register)
    tlinker = TermLinker(volume.terms)
    c = Counter()
    failures: list[dict] = []
    extras: list[dict] = []
    for doc in parsed.documents:
        flat = flatten_document(doc)
        text = flat.text
        gold_p = []
        for s in flat.spans:
            if s.kind == "person" and s.target in persons:
                gold_p.append((s, register.canonical_id(volume.id, s.target) or f"{volume.id}:{s.target}"))
            elif s.kind == "person":
                c["gold_dangling"] += 1
        gold_t = [s for s in flat.spans if s.kind == "term" and s.target in terms]
        found = plinker.link(text, doc.date)
        _score(c, "p", gold_p, found, text, doc.id, failures, extras)
        tfound = tlinker.link(text)
        _score(c, "t", [(s, s.target) for s in gold_t], tfound, text, doc.id, None, None)
    return {"volume": volume.id, "counts": dict(c), "failures": failures, "extras": extras}


def _score(c, prefix, gold, found, text, doc_id, failures, extras) -> None:
    linked = [m for m in found if m.status == LINKED]
    other = [m for m in found if m.status != LINKED]
    c[f"{prefix}_gold"] += len(gold)
    for span, cid in gold:
        hits = [m for m in linked if _overlap(m, span)]
        if any(m.person_id == cid for m in hits):
            c[f"{prefix}_tp"] += 1
            continue
        if hits:
            kind = "wrong"
        elif any(_overlap(m, span) and m.status == "ambiguous" for m in other):
            kind = "ambiguous"
        elif any(_overlap(m, span) for m in other):
            kind = "unresolved"
        else:
            kind = "missed"
        c[f"{prefix}_fn_{kind}"] += 1
        if failures is not None:
            failures.append({
                "doc": doc_id, "kind": kind, "text": span.text, "gold": cid,
                "got": [m.person_id or list(m.candidates) for m in hits or [m for m in other if _overlap(m, span)]],
                "context": text[max(0, span.start - 60):span.end + 40].replace("\n", " "),
                "reason": "; ".join(m.reason for m in found if _overlap(m, span)),
            })
    for m in linked:
        over = [cid for span, cid in gold if _overlap(m, span)]
        if over:
            c[f"{prefix}_sys_on_gold"] += 1
            if m.person_id in over:
                c[f"{prefix}_sys_correct"] += 1
        else:
            office = m.reason.startswith("held the office")
            c[f"{prefix}_extra_office" if office else f"{prefix}_extra_name"] += 1
            if extras is not None:
                extras.append({
                    "doc": doc_id, "text": m.text, "person": m.person_id, "office": office,
                    "context": text[max(0, m.start - 60):m.end + 40].replace("\n", " "),
                })
    c[f"{prefix}_ambiguous"] += sum(1 for m in other if m.status == "ambiguous")


def prf(c: Counter, prefix: str) -> tuple[float, float, float]:
    on = c[f"{prefix}_sys_on_gold"]
    p = c[f"{prefix}_sys_correct"] / on if on else 0.0
    r = c[f"{prefix}_tp"] / c[f"{prefix}_gold"] if c[f"{prefix}_gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def table(rows: list[dict], prefix: str) -> str:
    out = [
        "| volume | gold | linked on gold | correct | precision | recall | F1 | ambiguous (all) | extra (names) | extra (offices) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    total = Counter()
    for row in rows:
        c = Counter(row["counts"])
        total.update(c)
        p, r, f = prf(c, prefix)
        out.append(
            f"| {row['volume']} | {c[prefix + '_gold']} | {c[prefix + '_sys_on_gold']} | {c[prefix + '_sys_correct']} | "
            f"{p:.3f} | {r:.3f} | {f:.3f} | {c[prefix + '_ambiguous']} | {c[prefix + '_extra_name']} | {c[prefix + '_extra_office']} |"
        )
    p, r, f = prf(total, prefix)
    out.append(
        f"| **all** | {total[prefix + '_gold']} | {total[prefix + '_sys_on_gold']} | {total[prefix + '_sys_correct']} | "
        f"**{p:.3f}** | **{r:.3f}** | **{f:.3f}** | {total[prefix + '_ambiguous']} | {total[prefix + '_extra_name']} | {total[prefix + '_extra_office']} |"
    )
    return "\n".join(out), total


def register_agreement(volumes, authority) -> str:
    """How well names alone merge persons across volumes, judged against the
    authority: over the entries hsa-people cites (source-URL match), count
    the pairs of entries put in one person by a name-only register that
    the authority also puts together (precision), and the authority's pairs
    the name-only register finds (recall)."""
    from itertools import combinations

    with_auth = build_register(volumes, authority)
    names_only = build_register(volumes, None)
    truth: dict[tuple, str] = {}
    for person in with_auth:
        for s in person.sources:
            if s.confidence == 1.0 and person.authority_id and "cites" in s.reason:
                truth[(s.volume_id, s.local_id)] = person.id
    def pairs(assign):
        groups = defaultdict(list)
        for key, pid in assign.items():
            groups[pid].append(key)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(sorted(g), 2)}
    true_pairs = pairs(truth)
    guess = pairs({k: names_only.canonical_id(*k) for k in truth})
    tp = len(true_pairs & guess)
    p = tp / len(guess) if guess else 0.0
    r = tp / len(true_pairs) if true_pairs else 0.0
    return (
        "| register built from | entries judged | same-person pairs (authority) | pairs found by names | correct | precision | recall |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n"
        f"| persons lists alone | {len(truth)} | {len(true_pairs)} | {len(guess)} | {tp} | {p:.3f} | {r:.3f} |"
    ), with_auth, names_only


def failure_classes(total: Counter, prefix: str) -> str:
    kinds = ["wrong", "ambiguous", "unresolved", "missed"]
    fn = sum(total[f"{prefix}_fn_{k}"] for k in kinds)
    lines = ["| failure class | count | share of misses |", "|---|---:|---:|"]
    for k in kinds:
        n = total[f"{prefix}_fn_{k}"]
        lines.append(f"| {k} | {n} | {n / fn:.1%} |" if fn else f"| {k} | {n} | – |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("FRUS_CORPUS", str(REPO.parent / "shared" / "corpus")))
    ap.add_argument("--no-authority", action="store_true", help="build the register from the volumes alone")
    ap.add_argument("--volumes", nargs="*", help="only these volume ids")
    ap.add_argument("--write-docs", action="store_true", help=f"write the tables into {DOC.relative_to(REPO)}")
    ap.add_argument("--failures", type=int, default=0, help="print N sample failures per class")
    ap.add_argument("--sample", type=int, default=0, help="print N random extra links to audit")
    ap.add_argument("--json", help="write all counts, failures and extras to this file")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = ap.parse_args(argv)

    t0 = time.time()
    corpus = Path(args.corpus)
    paths = sorted((corpus / "frus").glob("*.xml"))
    volumes = []
    for path in paths:
        vid = path.stem
        if not is_modern(vid) or (args.volumes and vid not in args.volumes):
            continue
        parsed = read_path(path)
        if parsed.volume.persons:
            volumes.append((str(path), parsed.volume))
    authority = None if args.no_authority else load_authority(corpus / "aux")
    register = build_register([v for _, v in volumes], authority)
    t_reg = time.time() - t0
    _STATE["register"] = register
    work = [p for p, _ in volumes]
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            rows = pool.map(evaluate_volume, work, chunksize=1)
    else:
        rows = [evaluate_volume(p) for p in work]
    rows.sort(key=lambda r: r["volume"])
    elapsed = time.time() - t0

    reg_table = ""
    if authority is not None:
        reg_table, _, names_only = register_agreement([v for _, v in volumes], authority)
        print(f"register without authority data: {len(names_only)} persons\n{reg_table}\n")
    ptable, ptotal = table(rows, "p")
    ttable, ttotal = table(rows, "t")
    mode = "volumes only (no authority data)" if authority is None else "volumes + hsa-people + pocom"
    print(f"register: {len(register)} persons from {len(register.by_key)} entries, {mode}; built in {t_reg:.1f}s")
    print(f"evaluated {len(rows)} volumes in {elapsed:.1f}s\n")
    print("Persons\n" + ptable + "\n")
    print(failure_classes(ptotal, "p") + "\n")
    print("Terms\n" + ttable + "\n")
    print(failure_classes(ttotal, "t"))
    if args.failures:
        by_kind = defaultdict(list)
        for row in rows:
            for f in row["failures"]:
                by_kind[f["kind"]].append(f)
        rng = random.Random(7)
        for kind, items in by_kind.items():
            print(f"\n== {kind}: {len(items)}")
            for f in rng.sample(items, min(args.failures, len(items))):
                print(f"  {f['doc']}: {f['text']!r} gold={f['gold']} got={f['got']} [{f['reason']}]\n      …{f['context']}…")
    if args.sample:
        extras = [e for row in rows for e in row["extras"]]
        rng = random.Random(11)
        print(f"\n== extra links sample ({args.sample} of {len(extras)})")
        for e in rng.sample(extras, min(args.sample, len(extras))):
            print(f"  {e['doc']}: {e['text']!r} -> {e['person']} {'(office)' if e['office'] else ''}\n      …{e['context']}…")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows}, indent=1), encoding="utf-8")
    if args.write_docs:
        _write_docs(ptable, failure_classes(ptotal, "p"), ttable, mode, len(register), len(register.by_key), elapsed,
                    reg_table, args.no_authority)
    return 0


def _write_docs(ptable, pfail, ttable, mode, persons, entries, elapsed, reg_table, no_authority) -> None:
    """Replace the marked block for this mode (with or without authority)."""
    begin, end = (BEGIN.replace(":begin", "-names-only:begin"), END.replace(":end", "-names-only:end")) if no_authority else (BEGIN, END)
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    block = (
        f"{begin}\n_Register: {persons} canonical persons from {entries} persons-list entries ({mode}). "
        f"Whole run: {elapsed:.0f} s on this machine (2 cores)._\n\n**Persons**\n\n{ptable}\n\n{pfail}\n\n"
        + (f"**Register merges by names alone, against the authority**\n\n{reg_table}\n\n" if reg_table else "")
        + f"**Terms**\n\n{ttable}\n{end}"
    )
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
