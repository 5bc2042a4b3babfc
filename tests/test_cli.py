"""The ``frus`` command line, through typer's CliRunner, and the text export it prints."""

from __future__ import annotations

import json
import re

import pytest
from _corpus_fixtures import MODERN, OLD, PUBDIP, parsed_small, small_corpus, small_db, small_paths  # noqa: F401
from typer.testing import CliRunner

from frus.cli import app, snippet_text
from frus.export.record import document_record
from frus.export.text import render_text
from frus.model import Block, DocDate, Document, Footnote, Inline, iter_inlines

runner = CliRunner()


def run(*args: str, env: dict | None = None):
    return runner.invoke(app, [str(a) for a in args], env=env or {"FRUS_DB": None})


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.output
    return lines[0]


# -- ingest -------------------------------------------------------------------


def test_ingest_with_a_bad_file_exits_1_and_ingests_the_others(tmp_path, small_paths):
    bad = tmp_path / "broken.xml"
    bad.write_text("<TEI><text>no end")
    db = tmp_path / "frus.db"
    result = run("ingest", small_paths[0], bad, small_paths[2], "--db", db)
    assert result.exit_code == 1, result.output
    assert "Ingest summary" in result.stdout
    assert "2 volumes" in result.stdout and "1 failed" in result.stdout
    error = one_error_line(result)
    assert str(bad) in error
    listed = json.loads(run("volumes", "--json", "--db", db).stdout)
    assert {v["id"] for v in listed} == {MODERN, PUBDIP}


def test_ingest_of_good_files_exits_0(tmp_path, small_paths):
    result = run("--db", tmp_path / "frus.db", "ingest", small_paths[1])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "frus1894Nicaragua" in result.stdout


def test_ingest_of_an_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("ingest", tmp_path / "empty", "--db", tmp_path / "frus.db")
    assert result.exit_code == 1
    assert "no input files" in one_error_line(result)


# -- reading ------------------------------------------------------------------


def test_volumes_json(small_db, parsed_small):
    result = run("volumes", "--json", "--db", small_db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [v["id"] for v in data] == sorted(parsed_small)
    for v in data:
        assert set(v) == {"id", "title", "subseries", "volume_number", "published", "document_count"}
        assert v["document_count"] == len(parsed_small[v["id"]].documents)


def test_volumes_table(small_db):
    result = run("volumes", "--db", small_db)
    assert result.exit_code == 0
    assert MODERN in result.stdout and "3 volumes" in result.stdout


def test_db_from_the_environment(small_db):
    result = runner.invoke(app, ["volumes", "--json"], env={"FRUS_DB": str(small_db)})
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 3


def test_search_json(small_db, small_corpus):
    result = run("search", '"Interests Section"', "--limit", "3", "--offset", "1", "--json", "--db", small_db)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"query", "total", "offset", "limit", "hits", "took_ms", "facets", "parsed", "sort", "filters", "warnings"}
    assert data["query"] == '"Interests Section"' and data["offset"] == 1 and data["limit"] == 3
    assert data["total"] == small_corpus.search('"Interests Section"', limit=0).total
    assert len(data["hits"]) == 3
    hit = data["hits"][0]
    assert set(hit) == {"id", "volume_id", "number", "title", "date_min", "date_max", "score", "snippet", "snippet_field", "snippet_note"}
    assert "<b>" in hit["snippet"]
    expected = [h.id for h in small_corpus.search('"Interests Section"', limit=3, offset=1).hits]
    assert [h["id"] for h in data["hits"]] == expected


def test_search_in_the_terminal_shows_bold_words_and_no_markup(small_db):
    result = run("search", '"Orr & Laubenheimer"', "--db", small_db)
    assert result.exit_code == 0, result.output
    assert "Orr & Laubenheimer" in result.stdout
    assert "<b>" not in result.stdout and "&amp;" not in result.stdout
    assert "documents match" in result.stdout


def test_snippet_text_is_bold_where_marked_and_literal_elsewhere():
    text = snippet_text("a [bold] &lt;x&gt; <b>Orr &amp; Co</b> end")
    assert text.plain == "a [bold] <x> Orr & Co end"
    bold = [text.plain[s.start : s.end] for s in text.spans if s.style == "bold"]
    assert bold == ["Orr & Co"]


def test_search_errors(small_db, tmp_path):
    bad = run("search", "(Kissinger", "--db", small_db)
    assert bad.exit_code == 2
    assert "unclosed parenthesis" in one_error_line(bad)
    missing = run("search", "x", "--db", tmp_path / "none.db")
    assert missing.exit_code == 1
    assert "frus ingest" in one_error_line(missing)
    nothing = run("search", "zzzyzzyva", "--db", small_db)
    assert nothing.exit_code == 0 and "No documents match" in nothing.stdout


def test_show_json_is_the_stored_record(small_db, small_corpus):
    doc_id = f"{MODERN}/d5"
    result = run("show", doc_id, "--json", "--db", small_db)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record == document_record(small_corpus.document(doc_id))
    for key in ("id", "volume", "number", "title", "type", "from", "to", "date", "place",
                "subject", "classification", "source", "footnotes", "pages"):
        assert key in record


def test_show_text_is_render_text(small_db, small_corpus):
    url = f"https://history.state.gov/historicaldocuments/{OLD}/d4"
    result = run("show", url, "--text", "--db", small_db)
    assert result.exit_code == 0, result.output
    assert result.stdout == render_text(small_corpus.document(f"{OLD}/d4"))


def test_show_default_is_readable(small_db, small_corpus):
    doc = small_corpus.document(f"{MODERN}/d5")
    result = run("show", doc.id, "--db", small_db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{doc.number}. ")
    assert doc.id in result.stdout and "Notes" in result.stdout
    assert "Kissinger" in result.stdout


def test_show_errors(small_db):
    missing = run("show", f"{MODERN}/d9999", "--db", small_db)
    assert missing.exit_code == 1 and "no document" in one_error_line(missing)
    both = run("show", f"{MODERN}/d5", "--json", "--text", "--db", small_db)
    assert both.exit_code == 2 and "--json" in one_error_line(both)


def test_reindex(tmp_path, small_paths):
    db = tmp_path / "frus.db"
    assert run("ingest", small_paths[2], "--db", db).exit_code == 0
    result = run("reindex", "--db", db)
    assert result.exit_code == 0, result.output
    assert "Indexed 44 documents" in result.stdout


def test_serve_without_a_corpus_is_one_line(tmp_path):
    result = run("serve", "--db", tmp_path / "none.db", "--port", "8765")
    assert result.exit_code == 1
    assert "frus ingest" in one_error_line(result)


def test_version_and_help():
    assert run("--version").stdout.startswith("frus ")
    result = run("--help")
    for command in ("ingest", "volumes", "search", "show", "serve", "reindex"):
        assert command in result.stdout


# -- the text export ----------------------------------------------------------


@pytest.mark.parametrize("volume", [PUBDIP, OLD, MODERN])
def test_render_text_of_real_documents(parsed_small, volume):
    docs = [d for d in parsed_small[volume].documents if len(d.pages) > 1 and d.footnotes]
    assert docs
    for doc in docs:
        text = render_text(doc)
        first, rest = text.split("\n", 1)
        assert first.startswith(f"{doc.number}. {doc.title}" if doc.number else doc.title)
        # every printed page after the first begins somewhere in the text
        for page in doc.pages[1:]:
            assert f"[Page {page}]" in text, (doc.id, page)
        # the notes, numbered, after the body; each body marker glued to its word
        tail = rest[rest.rindex("\n\n") :]
        for ordinal, note in enumerate(doc.footnotes, start=1):
            assert f"\n{note.n or ordinal}. " in tail, (doc.id, note.n)
        for run_ in iter_inlines(doc.body):
            if run_.kind == "noteref":
                assert re.search(rf"\S{re.escape(run_.text)}", rest), (doc.id, run_.text)


def test_render_text_layout():
    doc = Document(
        "v/d3", "v", "d3", "3", "Telegram From the Embassy",
        dateline="Moscow,\n  May 1, 1970.",
        date=DocDate(min="1970-05-01"),
        body=(
            Block("paragraph", (
                Inline("text", "First   line of"),
                Inline("pb", "131"),
                Inline("text", "text"),
                Inline("noteref", "2", target="d3fn2"),
                Inline("text", " continues."),
            )),
            Block("list", children=(
                Block("item", (Inline("text", "one"),)),
                Block("item", (Inline("text", "two"),)),
            )),
            Block("table", children=(
                Block("row", children=(Block("cell", (Inline("text", "a"),)), Block("cell", (Inline("text", "b"),)))),
            )),
            Block("closer", children=(Block("signed", (Inline("person", "Beam", target="p_B1"),)),)),
        ),
        footnotes=(
            Footnote("d3fn1", "1", "Source: a file. Secret.", is_source=True),
            Footnote("d3fn2", "2", "See Document 2."),
        ),
    )
    assert render_text(doc) == (
        "3. Telegram From the Embassy1\n\n"
        "Moscow, May 1, 1970.\n\n"
        "First line of [Page 131] text2 continues.\n\n"
        "\u2022 one\n\n\u2022 two\n\n"
        "a | b\n\n"
        "Beam\n\n"
        "1. Source: a file. Secret.\n"
        "2. See Document 2.\n"
    )
