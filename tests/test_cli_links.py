"""``frus link``, ``person``, ``refs``, ``unprinted``, ``check-refs``,
``excisions`` and the link step of ``frus ingest``, through typer's CliRunner.

The corpus is the bundled sample plus the seed memo's text copy, linked
with the cut of the authority data in ``tests/data/entities/aux``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frus.cli import app
from frus.cli_links import EXCISION_COLUMNS, UNPRINTED_COLUMNS
from frus.references import CHECK_COLUMNS

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "src" / "frus" / "sample"
DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "references" / "frus1969-76v13-d33.txt"
AUX = DATA / "entities" / "aux"
SEED_ID = "frus1969-76v13/d33"

runner = CliRunner()
ENV = {"FRUS_DB": None, "FRUS_AUX": str(AUX), "FRUS_OVERRIDES": None}


def run(*args):
    return runner.invoke(app, [str(a) for a in args], env=ENV)


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli-links") / "frus.db"
    result = run("ingest", SAMPLE, SEED, "--workers", 0, "--db", path)
    assert result.exit_code == 0, result.output
    # the ingest table, then the link stage's one line
    assert "Ingest summary" in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("Linked 4 volumes in ") and "unprinted documents" in last, last
    return path


def test_link_again_says_up_to_date(db):
    result = run("link", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Links are up to date: ")
    data = json.loads(run("link", "--json", "--db", db).stdout)
    assert data["up_to_date"] is True and data["authority"] == str(AUX)
    assert set(data["counts"]) >= {"canonical_persons", "person_mentions", "cross_references", "unprinted_entries",
                                   "excisions"}
    assert data["references"]["total"] == data["references"]["resolved"] + data["references"]["unresolved"]


def test_person_by_name_shows_the_person_and_the_documents(db):
    result = run("person", "Kissinger", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Kissinger, Henry A.")
    for heading in ("Offices", "Identifications", "To (", "Mentioned in ("):
        assert heading in result.stdout, heading
    assert SEED_ID in result.stdout


def test_person_json_and_the_ways_to_name_one(db):
    data = json.loads(run("person", "Haig", "--json", "--db", db).stdout)
    assert set(data) == {"person", "matches"}
    assert data["person"]["id"] == "hsa-105381"
    assert SEED_ID in [d["id"] for d in data["person"]["documents_from"]]
    by_entry = json.loads(run("person", "frus1969-76v13#p_KHA1", "--json", "--db", db).stdout)
    assert by_entry["person"]["id"] == "hsa-107252"
    by_id = json.loads(run("person", "hsa-107252", "--json", "--limit", "1", "--db", db).stdout)
    assert len(by_id["person"]["documents_mentioning"]) == 1


def test_several_matches_are_listed(db):
    result = run("person", "Johnson", "--db", db)
    assert result.exit_code == 0, result.output
    assert "persons match 'Johnson'" in result.stdout
    assert "hsa-106664" in result.stdout and "hsa-106681" in result.stdout
    data = json.loads(run("person", "Johnson", "--json", "--db", db).stdout)
    assert data["person"] is None and {m["id"] for m in data["matches"]} >= {"hsa-106664", "hsa-106681"}


def test_unknown_person_is_one_line(db):
    result = run("person", "Nobodyatall", "--db", db)
    assert result.exit_code == 1
    assert "no person matches" in one_error_line(result)


def test_refs_table_and_json(db):
    result = run("refs", "frus1917-72PubDip/d7", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Cited by (" in result.stdout and "frus1917-72PubDip/d12" in result.stdout
    assert "frus1918Supp01v01" in result.stdout  # a volume the corpus lacks, kept as the target
    data = json.loads(run("refs", "frus1917-72PubDip/d7", "--json", "--db", db).stdout)
    assert set(data) == {"doc_id", "outgoing", "incoming", "targets"}
    assert any(r["resolved"] and r["target_doc"] == "frus1917-72PubDip/d6" for r in data["outgoing"])
    assert {"frus1917-72PubDip/d9", "frus1917-72PubDip/d12"} <= {c["id"] for c in data["incoming"]}
    missing = run("refs", "frus1917-72PubDip/d999", "--db", db)
    assert missing.exit_code == 1 and "no document" in one_error_line(missing)


def test_unprinted_table_csv_and_json(db):
    table = run("unprinted", f"cited:{SEED_ID}", "--db", db)
    assert table.exit_code == 0, table.output
    assert "4 unprinted documents match" in table.stdout and "6440" in table.stdout
    rows = list(csv.reader(io.StringIO(run("unprinted", f"cited:{SEED_ID}", "--csv", "--db", db).stdout)))
    assert tuple(rows[0]) == UNPRINTED_COLUMNS and len(rows) == 5
    telegram = next(dict(zip(rows[0], r)) for r in rows[1:] if r[1] == "telegram")
    assert (telegram["number"], telegram["sender"], telegram["cited_by"]) == ("6440", "Moscow", SEED_ID)
    data = json.loads(run("unprinted", "--limit", "2", "--json", "--db", db).stdout)
    assert data["total"] > 4 and len(data["entries"]) == 2 and data["query"] is None
    both = run("unprinted", "--json", "--csv", "--db", db)
    assert both.exit_code == 2


def test_check_refs_lists_external_references(db):
    rows = list(csv.DictReader(io.StringIO(run("check-refs", "--csv", "--db", db).stdout)))
    assert rows and tuple(rows[0]) == CHECK_COLUMNS
    assert any(r["target_volume"] == "frus1918Supp01v01" and r["scope"] == "external"
               and r["reason"].startswith("volume not in the store") for r in rows)
    strict = json.loads(run("check-refs", "--no-external", "--json", "--db", db).stdout)
    assert strict and len(strict) < len(rows)
    assert not any(r["reason"].startswith("volume not in the store") for r in strict)
    table = run("check-refs", "--db", db)
    assert f"{len(rows)} unresolved references" in table.stdout


def test_excisions(db):
    rows = list(csv.DictReader(io.StringIO(run("excisions", "frus1969-76ve09p1/d22", "--csv", "--db", db).stdout)))
    assert rows and tuple(rows[0]) == EXCISION_COLUMNS
    assert all("not declassified" in r["extent_text"] for r in rows)
    assert "excisions" in run("excisions", "frus1969-76ve09p1/d22", "--db", db).stdout


def test_ingest_without_linking_leaves_the_links_stale_and_says_so(db, tmp_path):
    copy = tmp_path / "frus.db"
    assert run("ingest", SEED, "--db", copy).exit_code == 0
    fresh = run("ingest", "--no-link", SAMPLE / "frus1917-72PubDip.xml", "--db", copy)
    assert fresh.exit_code == 0 and "Linked" not in fresh.stdout
    result = run("person", "Haig", "--db", copy)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().startswith("warning: links are out of date")
    assert "run `frus link`" in result.stderr
    relinked = run("link", "--db", copy)
    assert relinked.stdout.startswith("Linked 1 volume in ")
    assert run("person", "Haig", "--db", copy).stderr == ""


def test_a_corpus_never_linked_is_one_line(tmp_path):
    db = tmp_path / "frus.db"
    assert run("ingest", "--no-link", SEED, "--db", db).exit_code == 0
    for args in (("person", "Haig"), ("unprinted",), ("refs", SEED_ID), ("check-refs",)):
        result = run(*args, "--db", db)
        assert result.exit_code == 1, args
        assert "run `frus link`" in one_error_line(result)


def test_link_with_a_bad_overrides_file_is_one_line(db, tmp_path):
    bad = tmp_path / "overrides.csv"
    bad.write_text("action,volume,local_id\n")
    result = run("link", "--overrides", bad, "--db", db)
    assert result.exit_code == 1
    assert "overrides.csv" in one_error_line(result)
