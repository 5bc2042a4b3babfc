"""Shape checks for the held-out metadata gold sets (``tests/gold/heldout*/``).

The held-out set is what makes the extraction figures honest: the rules
were revised on the first gold set, never on this one.  These tests guard
that promise and the labels themselves: the rows follow the first set's
schema (plus ``file`` and ``drafted_by``), every string a label copies from
a document really occurs in that document, the draw is reproducible from
its seed and shares no document with the first set or with anything else
the rules were written against, and no rule module names a held-out
document.  ``heldout2/`` was drawn once rules had been revised on the
misses of ``heldout/``, ``heldout3/`` once they had been revised on those of
``heldout2/``; every check runs on each, and a later set must also leave out
everything the earlier ones exposed.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import test_gold_files as first

HELDOUT = Path(__file__).resolve().parent / "gold" / "heldout"
#: every held-out set, in the order they were drawn
SETS = ("heldout", "heldout2", "heldout3", "heldout4")
REPO = Path(__file__).resolve().parent.parent
SAMPLER = REPO / "benchmarks" / "sample_gold.py"

KEYS = first.KEYS | {"file", "drafted_by"}
# What the held-out documents print beyond the first set's closed lists;
# each addition is explained in tests/gold/heldout/README.md.
CAVEATS = first.CAVEATS | {"Elite", "Cherokee", "Exclusive Eyes Only"}
# ... and in tests/gold/heldout2/README.md.
CAVEATS |= {"JMSWAG"}
# ... and in tests/gold/heldout3/README.md.
CAVEATS |= {"Personal", "Official–Informal", "Stadis", "US Urgent"}
REPOSITORIES = first.REPOSITORIES | {"National Defense University", "National Security Council"}
ERAS = ("1861-1902", "1917-1959", "1960-1980")
#: caveats of the closed vocabulary that volumes print in another form
PRINTED_AS = {"Outside System": ("outside the system",)}


def load(name: str, folder: Path = HELDOUT) -> list[dict]:
    with (folder / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def exclusions(folder: Path) -> set[str]:
    lines = (folder / "exclude.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.fixture(scope="module", params=SETS)
def folder(request) -> Path:
    return HELDOUT.parent / request.param


@pytest.fixture(scope="module")
def hand(folder) -> list[dict]:
    return load("hand.jsonl", folder)


@pytest.fixture(scope="module")
def text_rows() -> list[dict]:
    """The first set's text copies (the later sets hold TEI documents only)."""
    return load("text.jsonl")


@pytest.fixture(scope="module")
def set_text_rows(folder) -> list[dict]:
    return load("text.jsonl", folder) if (folder / "text.jsonl").exists() else []


@pytest.fixture(scope="module")
def worksheet(folder) -> list[dict]:
    return load("worksheet.jsonl", folder)


def flat(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("( ", "(").replace(" )", ")").split())


def check_row(row: dict, keys: set[str]) -> None:
    doc_id = row.get("id")
    assert set(row) == keys, f"{doc_id}: keys {sorted(set(row) ^ keys)}"
    assert first.ID_RE.match(doc_id), doc_id
    assert row["type"] in first.TYPES, f"{doc_id}: type {row['type']!r}"
    first.check_parties(doc_id, row["from"])
    first.check_parties(doc_id, row["to"])
    if row["date"] is not None:
        assert set(row["date"]) == {"min", "max"}, doc_id
        assert first.iso(row["date"]["min"]) <= first.iso(row["date"]["max"]), doc_id
    cls = row["classification"]
    if cls is not None:
        assert set(cls) == {"level", "caveats"}, doc_id
        assert cls["level"] is None or cls["level"] in first.LEVELS, f"{doc_id}: level {cls['level']!r}"
        assert not set(cls["caveats"]) - CAVEATS, f"{doc_id}: caveats {set(cls['caveats']) - CAVEATS}"
        assert len(cls["caveats"]) == len(set(cls["caveats"])), doc_id
        assert cls["level"] is not None or cls["caveats"], doc_id
    assert row["repository"] is None or row["repository"] in REPOSITORIES, f"{doc_id}: {row['repository']!r}"
    for key in ("box", "folder", "file", "drafted_by"):
        value = row[key]
        assert value is None or (isinstance(value, str) and value == value.strip() and value), (doc_id, key)
    if row["folder"] is not None:
        assert row["box"] is not None, f"{doc_id}: folder without box"
    if row["box"] is not None:
        assert row["repository"] is not None, f"{doc_id}: box without repository"
    assert isinstance(row["notes"], str), doc_id
    if row["type"] == "editorial-note":
        assert row["from"] == [] and row["to"] == [] and row["date"] is None, doc_id
        assert row["classification"] is None and row["repository"] is None, doc_id


def test_every_heldout_row_respects_the_schema(hand, set_text_rows):
    errors = []
    for row, keys in [*((r, KEYS) for r in hand), *((r, KEYS | {"copy"}) for r in set_text_rows)]:
        try:
            check_row(row, keys)
        except AssertionError as exc:
            errors.append(str(exc) or row.get("id"))
    assert not errors, "\n".join(errors[:20])


def test_heldout_labels_cover_exactly_the_worksheet(hand, worksheet):
    assert [row["id"] for row in hand] == [entry["id"] for entry in worksheet]
    assert len(hand) >= 150 and len({row["id"] for row in hand}) == len(hand)
    eras = Counter(entry["era"] for entry in worksheet)
    assert set(eras) == set(ERAS) and min(eras.values()) >= 45, eras
    # Stratified by kind too: every era holds at least four kinds of document.
    for era in ERAS:
        assert len({e["kind"] for e in worksheet if e["era"] == era}) >= 4, era


def test_heldout_shares_no_document_with_what_the_rules_were_written_on(hand, folder):
    tuned = {row["id"] for row in first.load("hand.jsonl")}
    excluded = exclusions(folder)
    assert tuned <= excluded
    # A later set also leaves out every earlier set: its exclusions and its documents.
    for earlier in SETS[: SETS.index(folder.name)]:
        before = HELDOUT.parent / earlier
        exposed = {row["id"] for name in ("hand.jsonl", "text.jsonl") if (before / name).exists()
                   for row in load(name, before)}
        assert exclusions(before) | exposed <= excluded, earlier
    ids = {row["id"] for row in hand}
    assert not ids & excluded, sorted(ids & excluded)[:10]


def test_heldout_sets_are_disjoint():
    seen: dict[str, str] = {}
    for name in SETS:
        for row in load("hand.jsonl", HELDOUT.parent / name):
            assert row["id"] not in seen, (row["id"], seen.get(row["id"]), name)
            seen[row["id"]] = name


def test_no_rule_names_a_heldout_document(hand):
    """A held-out id in the extraction code means a rule was written against it."""
    ids = {row["id"] for row in hand}
    pattern = re.compile(r"\b(frus[0-9][0-9A-Za-z-]*?)[/#-](d[0-9]+[A-Za-z]?)\b")
    named = set()
    for path in (REPO / "src" / "frus").rglob("*.py"):
        named |= {f"{v}/{d}" for v, d in pattern.findall(path.read_text(encoding="utf-8"))}
    assert not ids & named, sorted(ids & named)


def test_labelled_strings_occur_in_the_documents(hand, worksheet):
    """Box, folder, file, drafter and every party are copied from the page, so each must be found there."""
    sheets = {entry["id"]: entry for entry in worksheet}
    missing = []
    for row in hand:
        entry = sheets[row["id"]]
        page = flat(" ".join([entry["head"] or "", *entry["datelines"], *entry["openers"],
                              *entry["source_notes"], *(f["text"] for f in entry["footnotes"])]))
        for key in ("box", "folder", "file", "drafted_by"):
            if row[key] and flat(row[key]) not in page:
                missing.append((row["id"], key, row[key]))
        for party in (*row["from"], *row["to"]):
            for value in (party["role"], party["name"]):
                if value and flat(value) not in flat(entry["head"] or ""):
                    missing.append((row["id"], "party", value))
        cls = row["classification"]
        # frus1952-54v02p1 prints its marking as the first paragraph of the body.
        marked = f"{page} {entry['body']}".lower()
        for word in ([cls["level"]] if cls and cls["level"] else []) + (cls["caveats"] if cls else []):
            printed = (word.lower(), *PRINTED_AS.get(word, ()))
            if not any(form in marked for form in printed):
                missing.append((row["id"], "classification", word))
    assert not missing, missing


def test_text_copies_exist_and_match_their_labels(text_rows, corpus_dir):
    assert len(text_rows) >= 10
    for row in text_rows:
        path = corpus_dir / "text" / row["copy"]
        assert path.is_file(), path
        volume, number = re.match(r"(frus[0-9][0-9A-Za-z-]*?)-(d[0-9]+)", row["copy"]).groups()
        assert row["id"] == f"{volume}/{number}", row["copy"]
        page = flat(path.read_text(encoding="utf-8"))
        for key in ("box", "folder", "file", "drafted_by"):
            assert not row[key] or flat(row[key]) in page, (row["copy"], key)


def test_heldout_sample_is_reproducible_from_the_seed(worksheet, folder, corpus_dir):
    spec = importlib.util.spec_from_file_location("sample_gold", SAMPLER)
    sampler = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sampler)
    seed = {path.name: seed for path, seed in sampler.HELDOUT_SEEDS.items()}[folder.name]
    drawn = sampler.draw_heldout(corpus_dir, sampler.read_exclusions(folder / "exclude.txt"), seed=seed)
    assert [e["id"] for e in drawn] == [e["id"] for e in worksheet]


@pytest.fixture(scope="module")
def scored(corpus_dir):
    """``eval.py`` and its scores of every gold set, computed once for all held-out sets."""
    spec = importlib.util.spec_from_file_location("frus_benchmark_eval_heldout", REPO / "benchmarks" / "eval.py")
    ev = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = ev  # dataclasses look their module up there
    spec.loader.exec_module(ev)
    return ev, {r.name: r for r in ev.evaluate_gold(corpus_dir)}


def test_eval_scores_every_heldout_label_and_writes_between_its_markers(hand, set_text_rows, folder, scored, tmp_path):
    """``eval.py --heldout`` finds every labelled document; no accuracy floor is asserted on purpose.

    A floor here would turn the held-out set into a target to tune against.
    Each held-out set is scored on its own, never pooled with another.
    """
    ev, results = scored
    name = "held-out" if folder.name == "heldout" else f"held-out {folder.name.removeprefix('heldout')}"
    assert {"tuned", "held-out", "held-out 2"} <= set(results)
    held = results[name]
    assert held.documents == len(hand) + len(set_text_rows)
    assert held.fields["type"].total == held.documents and held.fields["file"].total == held.documents
    assert sum(t["type"].total for t in held.eras.values()) == held.documents
    page = tmp_path / "extraction.md"
    page.write_text(f"# Extraction\n\nprose\n\n{ev.HBEGIN}\nSTALE\n{ev.HEND}\n\n{ev.BEGIN}\nother\n{ev.END}\n",
                    encoding="utf-8")
    ev.write_heldout(ev.heldout_markdown(list(results.values()), 1.0), page)
    text = page.read_text(encoding="utf-8")
    assert "STALE" not in text and "#### Every held-out miss" in text and f"{ev.BEGIN}\nother\n{ev.END}" in text
    assert "#### Every held-out 2 miss" in text and "| field | target | tuned | held-out | held-out 2 |" in text
