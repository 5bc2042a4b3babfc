"""The fast part of ``make eval``: three volumes of three eras, the hand gold labelled in them.

``benchmarks/eval.py`` runs all 42 volumes (about a minute); here the same
code runs on an 1894 volume of despatches and telegrams, a 1952–54 modern
volume and a Nixon-era volume, and the issue's targets are asserted on them.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from frus.extract import gold as hand

VOLUMES = ("frus1894Nicaragua", "frus1952-54Guat", "frus1969-76v12")


def _load_eval(repo):
    spec = importlib.util.spec_from_file_location("frus_benchmark_eval", repo / "benchmarks" / "eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ev(data_dir):
    return _load_eval(data_dir.parent.parent)


@pytest.fixture(scope="module")
def results(ev, corpus_dir):
    return ev.evaluate(list(VOLUMES), corpus=corpus_dir)


def test_dates_from_dateline_text_equal_the_encoders_dates(ev, results):
    tot = ev.totals(results)
    assert tot["tei", "dates"].total > 600
    assert tot["tei", "dates"].share >= 0.99


def test_title_parse_names_the_tagged_senders_and_recipients(ev, results):
    tot = ev.totals(results)
    assert tot["tei", "from"].total > 400 and tot["tei", "to"].total > 400
    assert tot["tei", "from"].share >= 0.97 and tot["tei", "to"].share >= 0.97


def test_hand_gold_targets(ev, results):
    tot = ev.totals(results)
    assert tot["hand", "type"].total == 18  # six labelled documents per volume
    for field in hand.FIELDS:
        target = ev.TARGETS.get(("hand", field), 0.95)
        assert tot["hand", field].share >= target, (field, [r.misses.get(f"hand {field}") for r in results])


def test_round_trip_failures_are_all_known_reader_gaps(ev, results):
    for r in results:
        assert r.trip["dash"].total == r.documents
        unexplained = {k: v for k, v in r.trip_classes.items() if k not in ev.CLASSES}
        assert not unexplained, (r.volume, unexplained, {k: r.misses[f"trip {k}"] for k in unexplained})
    modern = {r.volume: r for r in results}["frus1952-54Guat"]
    assert modern.trip["dash"].share >= 0.98 and modern.trip["numbered"].share >= 0.98


def test_the_attached_item_rule_never_breaks_on_dated_documents(ev, results):
    tot = ev.totals(results)
    assert tot["rule", "attached"].right == tot["rule", "attached"].total


def test_report_is_written_between_the_markers(ev, results, tmp_path):
    page = tmp_path / "extraction.md"
    page.write_text(f"# Extraction\n\nprose before\n\n{ev.BEGIN}\nSTALE TABLES\n{ev.END}\n\nprose after\n", encoding="utf-8")
    ev.write_doc(ev.markdown(results, 1.0), page)
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Extraction\n\nprose before") and text.endswith("prose after\n")
    assert "STALE TABLES" not in text and "| frus1969-76v12 |" in text and "### Summary" in text
