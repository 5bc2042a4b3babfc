"""The README and docs must stay true: every CLI command is documented and
every doc the README links to exists."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from frus.cli import app

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    commands = typer.main.get_command(app).commands
    assert commands, "the CLI has commands"
    missing = [name for name in commands if f"`frus {name}" not in README]
    assert not missing, f"README does not document: {missing}"


def test_every_linked_doc_exists():
    links = re.findall(r"\]\(((?:docs/)[^)#]+)\)", README)
    assert links
    for link in links:
        assert (REPO / link).exists(), link


def test_every_search_field_is_documented_and_parses():
    from frus.search.querylang import parse

    doc = (REPO / "docs" / "search.md").read_text(encoding="utf-8")
    examples = {name: f"{name}:soviet" for name in (
        "title", "body", "notes", "from", "to", "person", "type", "volume", "subseries",
        "classification", "repository", "place")}
    examples.update({"date": "date:1970-10..1970-12", "year": "year:1970"})
    for name, query in examples.items():
        assert f"{name}:" in doc, f"docs/search.md does not show {name}:"
        parse(query)  # a documented field must be accepted by the parser
