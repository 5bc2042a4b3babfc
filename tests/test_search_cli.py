"""``frus search``, ``kwic``, ``trend``, ``collocates`` and ``--explain`` on the command line.

JSON output is pinned by its keys (the shape programs rely on) and
checked against the Python API's result for the same query; CSV by its
header and row count; the default tables by what a reader must see.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from _corpus_fixtures import MODERN, OLD, small_corpus, small_db, small_paths  # noqa: F401
from typer.testing import CliRunner

from frus.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], env={"FRUS_DB": None})


def ok_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def one_error(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.output, result.output
    return lines[0]


HIT_KEYS = {"id", "volume_id", "number", "title", "date_min", "date_max", "score", "snippet", "snippet_field", "snippet_note"}


def test_search_json(small_db, small_corpus):
    data = ok_json("search", '"Interests Section"', "--limit", "3", "--offset", "1", "--db", small_db)
    assert set(data) == {
        "query", "total", "offset", "limit", "hits", "took_ms", "facets", "parsed", "sort", "filters", "warnings"
    }
    assert set(data["hits"][0]) == HIT_KEYS
    expected = small_corpus.search('"Interests Section"', limit=3, offset=1)
    assert data["total"] == expected.total and [h["id"] for h in data["hits"]] == [h.id for h in expected.hits]
    assert {k: [list(x) for x in v] for k, v in expected.facets.items()} == data["facets"]
    assert "<b>" in data["hits"][0]["snippet"]


def test_search_options(small_db, small_corpus):
    data = ok_json(
        "search", "Libya", "--filter", "type=telegram", "--filter", "type=memcon", "--exclude", "classification=Secret",
        "--sort", "date-desc", "--no-apparatus", "--limit", "50", "--db", small_db,
    )
    expected = small_corpus.search(
        "Libya", filters={"type": ["telegram", "memcon"]}, exclude={"classification": ["Secret"]},
        sort="date-desc", exclude_apparatus=True, limit=50,
    )
    assert [h["id"] for h in data["hits"]] == [h.id for h in expected.hits] and data["total"] == expected.total > 0
    assert data["filters"] == {"include": {"type": ["telegram", "memcon"]}, "exclude": {"classification": ["Secret"]}}
    assert data["parsed"] == "text:Libya" and data["sort"] == "date-desc"


def test_search_in_the_terminal(small_db):
    result = run("search", '"Orr & Laubenheimer"', "--facets", "--db", small_db)
    assert result.exit_code == 0, result.output
    assert "Orr & Laubenheimer" in result.stdout and "<b>" not in result.stdout and "&amp;" not in result.stdout
    assert "documents match" in result.stdout and "decade" in result.stdout
    noted = run("search", "notes:Kissinger", "--db", small_db)
    assert "[note " in noted.stdout
    nothing = run("search", "Bluefields xyzzyq", "--db", small_db)
    assert nothing.exit_code == 0 and "No documents match" in nothing.stdout and "xyzzyq" in nothing.stdout


def test_search_csv(small_db, small_corpus):
    result = run("search", "Bluefields", "--limit", "5", "--csv", "--db", small_db)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["rank", "id", "volume_id"] and len(rows) == 6
    assert [r[1] for r in rows[1:]] == [h.id for h in small_corpus.search("Bluefields", limit=5).hits]
    assert "<b>" not in result.stdout


def test_kwic_json_csv_and_table(small_db, small_corpus):
    data = ok_json("kwic", "Bluefields", "--context", "4", "--sort", "right", "--limit", "7", "--db", small_db)
    assert set(data) == {"query", "parsed", "total", "documents", "offset", "limit", "sort", "context", "lines", "filters"}
    assert set(data["lines"][0]) == {"doc_id", "date", "field", "note", "left", "hit", "right", "offset"}
    expected = small_corpus.kwic("Bluefields", context=4, sort="right", limit=7)
    assert data["total"] == expected.total and [x["right"] for x in data["lines"]] == [x.right for x in expected.lines]
    table = run("kwic", "Bluefields", "--limit", "3", "--db", small_db)
    assert table.exit_code == 0 and "matches of Bluefields" in table.stdout and OLD in table.stdout
    rows = list(csv.reader(io.StringIO(run("kwic", "Bluefields", "--limit", "4", "--csv", "--db", small_db).stdout)))
    assert rows[0] == ["doc_id", "date", "field", "note", "left", "hit", "right", "offset"] and len(rows) == 5


def test_trend_json_csv_and_table(small_db, small_corpus):
    data = ok_json("trend", "Libya", "--filter", f"volume={MODERN}", "--db", small_db)
    assert set(data) == {"query", "parsed", "points", "total_documents", "undated_documents", "total_occurrences", "filters"}
    assert set(data["points"][0]) == {"year", "documents", "scope_documents", "share", "occurrences"}
    expected = small_corpus.trend("Libya", filters={"volume": [MODERN]})
    assert data["points"] == [
        {"year": p.year, "documents": p.documents, "scope_documents": p.scope_documents, "share": p.share,
         "occurrences": p.occurrences}
        for p in expected.points
    ]
    rows = list(csv.reader(io.StringIO(run("trend", "Libya", "--csv", "--no-occurrences", "--db", small_db).stdout)))
    assert rows[0] == ["year", "documents", "scope_documents", "share", "occurrences"] and all(r[4] == "" for r in rows[1:])
    table = run("trend", "Libya", "--db", small_db)
    assert table.exit_code == 0 and "1975" in table.stdout and "documents match" in table.stdout


def test_collocates_json_csv_and_table(small_db, small_corpus):
    data = ok_json("collocates", "Bluefields", "--window", "3", "--limit", "5", "--db", small_db)
    assert set(data) == {
        "query", "parsed", "window", "nodes", "documents", "tokens", "window_tokens", "collocates", "filters"
    }
    assert set(data["collocates"][0]) == {"word", "together", "total", "expected", "log_likelihood"}
    expected = small_corpus.collocates("Bluefields", window=3, limit=5)
    assert [c["word"] for c in data["collocates"]] == [c.word for c in expected.collocates]
    rows = list(csv.reader(io.StringIO(run("collocates", "Bluefields", "--csv", "--limit", "3", "--db", small_db).stdout)))
    assert rows[0] == ["word", "together", "total", "expected", "log_likelihood"] and len(rows) == 4
    assert "G²" in run("collocates", "Bluefields", "--db", small_db).stdout


@pytest.mark.parametrize("command", ["search", "kwic", "trend", "collocates"])
def test_explain_json_on_every_command(small_db, command):
    data = ok_json(command, "Bluefields -consul", "--explain", "--filter", f"volume={OLD}", "--db", small_db)
    assert set(data) == {"query", "parsed", "filters", "corpus_documents", "scope_documents", "total", "conditions", "warnings"}
    assert data["parsed"] == "Bluefields AND NOT consul"
    condition = data["conditions"][0]
    assert set(condition) == {"condition", "negated", "documents", "documents_in_scope", "terms"}
    assert set(condition["terms"][0]) == {"field", "term", "documents", "documents_in_scope"}
    assert data["conditions"][1]["negated"] is True


def test_explain_table(small_db):
    result = run("search", "bluef* year:1894", "--explain", "--db", small_db)
    assert result.exit_code == 0, result.output
    assert "Parsed: bluef* AND date:1894-01-01..1894-12-31" in result.stdout
    assert "bluefields" in result.stdout and "body_exact" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("search", "(Kissinger"), 2, "unclosed parenthesis"),
        (("search", "Kissinger", "--filter", "telegram"), 2, "FACET=VALUE"),
        (("search", "Kissinger", "--filter", "colour=red"), 2, "unknown facet"),
        (("search", "Kissinger", "--sort", "alphabetical"), 2, "--sort"),
        (("kwic", "Kissinger", "--sort", "middle"), 2, "--sort"),
        (("search", "Kissinger", "--json", "--csv"), 2, "--json"),
        (("kwic", "type:telegram"), 1, "no words"),
        (("search", "Kissinger", "--filter", "year=nineteen"), 1, "year"),
    ],
)
def test_errors_are_one_line(small_db, args, code, message):
    result = run(*args, "--db", small_db)
    assert result.exit_code == code, result.output
    assert message in one_error(result)
