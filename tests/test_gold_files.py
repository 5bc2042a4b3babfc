"""Shape checks for the hand-labelled metadata gold set (``tests/gold/``).

These tests do not score any extractor; they guard the yardstick itself.
A typo in a vocabulary word, an impossible date or an id that no longer
exists in the corpus would silently turn into "extractor errors" when the
gold set is used, so each is caught here.  The reproducibility test pins
that the documents were drawn by ``benchmarks/sample_gold.py`` rather than
picked by hand.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

GOLD = Path(__file__).resolve().parent / "gold"
SAMPLER = Path(__file__).resolve().parent.parent / "benchmarks" / "sample_gold.py"

KEYS = {"id", "type", "from", "to", "date", "classification", "repository", "box", "folder", "notes"}
TYPES = {
    "memorandum", "memcon", "telegram", "airgram", "letter", "despatch", "instruction", "note",
    "telcon", "editorial-note", "minutes", "paper", "report", "intelligence-estimate", "nsc-paper",
    "nsdm", "nssm", "message", "circular", "other", "unknown",
}
LEVELS = {
    "Top Secret", "Secret", "Confidential", "Limited Official Use", "Official Use Only",
    "Restricted", "Unclassified", "No classification marking",
}
# Closed on purpose: a caveat not listed here is either a typo or a new
# convention, and a new convention belongs in tests/gold/README.md first.
CAVEATS = {
    "Sensitive", "Nodis", "Exdis", "Limdis", "Eyes Only", "Exclusively Eyes Only", "Outside System",
    "Noforn", "No Foreign Dissem", "Controlled Dissem", "Limited Distribution", "Limit Distribution",
    "Priority", "Immediate", "Operational Immediate", "Niact", "Niact Immediate", "Routine",
    "Urgent", "US Urgent", "Security Information", "Verbatim Text", "Codeword", "Roger Channel",
    "Via Black Patch", "Ban—Eyes Only", "Handle Via COMINT Talent Keyhole Channels Only",
    "RYBAT", "PBSUCCESS", "PBFORTUNE",
}
REPOSITORIES = {
    "National Archives", "Department of State", "Central Intelligence Agency", "Library of Congress",
    "Washington National Records Center", "Truman Library", "Eisenhower Library", "Kennedy Library",
    "Johnson Library", "Nixon Presidential Library", "Ford Library", "Carter Library",
}
ID_RE = re.compile(r"^(frus[0-9A-Za-z-]+)/(d[0-9]+[A-Za-z]?)$")


def load(name: str) -> list[dict]:
    with (GOLD / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def hand() -> list[dict]:
    return load("hand.jsonl")


@pytest.fixture(scope="module")
def worksheet() -> list[dict]:
    return load("worksheet.jsonl")


def iso(value: str) -> dt.date:
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise AssertionError(f"not a calendar date: {value}") from None


def check_parties(doc_id: str, parties: object) -> None:
    assert isinstance(parties, list), doc_id
    for party in parties:
        assert set(party) == {"role", "name"}, doc_id
        values = [party["role"], party["name"]]
        assert any(values), f"{doc_id}: a party needs a role or a name"
        for value in values:
            assert value is None or (isinstance(value, str) and value == value.strip() and value), doc_id


def check_row(row: dict) -> None:
    doc_id = row.get("id")
    assert set(row) == KEYS, f"{doc_id}: keys {sorted(set(row) ^ KEYS)}"
    assert ID_RE.match(doc_id), doc_id
    assert row["type"] in TYPES, f"{doc_id}: type {row['type']!r}"
    check_parties(doc_id, row["from"])
    check_parties(doc_id, row["to"])

    if row["date"] is not None:
        assert set(row["date"]) == {"min", "max"}, doc_id
        assert iso(row["date"]["min"]) <= iso(row["date"]["max"]), doc_id

    cls = row["classification"]
    if cls is not None:
        assert set(cls) == {"level", "caveats"}, doc_id
        assert cls["level"] is None or cls["level"] in LEVELS, f"{doc_id}: level {cls['level']!r}"
        assert isinstance(cls["caveats"], list), doc_id
        unknown = set(cls["caveats"]) - CAVEATS
        assert not unknown, f"{doc_id}: caveats {unknown}"
        assert len(cls["caveats"]) == len(set(cls["caveats"])), doc_id
        # An object with neither level nor caveat must be written as null.
        assert cls["level"] is not None or cls["caveats"], doc_id

    assert row["repository"] is None or row["repository"] in REPOSITORIES, f"{doc_id}: {row['repository']!r}"
    for key in ("box", "folder"):
        assert row[key] is None or (isinstance(row[key], str) and row[key].strip() == row[key] and row[key]), doc_id
    # Folder is delimited by the box ("everything after 'Box N, '"), and a box
    # only exists inside a named repository's citation.
    if row["folder"] is not None:
        assert row["box"] is not None, f"{doc_id}: folder without box"
    if row["box"] is not None:
        assert row["repository"] is not None, f"{doc_id}: box without repository"
    assert isinstance(row["notes"], str), doc_id

    if row["type"] == "editorial-note":
        assert row["from"] == [] and row["to"] == [] and row["date"] is None, doc_id
        assert row["classification"] is None and row["repository"] is None, doc_id


def test_every_hand_row_respects_the_schema(hand):
    errors = []
    for row in hand:
        try:
            check_row(row)
        except AssertionError as exc:
            errors.append(str(exc) or row.get("id"))
    assert not errors, "\n".join(errors[:20])


def test_gold_set_is_big_and_broad_enough(hand):
    ids = [row["id"] for row in hand]
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert len(ids) >= 200
    volumes = Counter(doc_id.split("/")[0] for doc_id in ids)
    assert len(volumes) >= 15
    # Both editorial styles and both ends of the date range must be present.
    assert any(v.startswith("frus18") for v in volumes) and any(v.startswith("frus1977") for v in volumes)


def test_hand_labels_cover_exactly_the_worksheet(hand, worksheet):
    assert [row["id"] for row in hand] == [entry["id"] for entry in worksheet]
    for entry in worksheet:
        for key in ("volume", "id", "head", "datelines", "openers", "body", "footnotes"):
            assert key in entry, f"{entry.get('id')}: worksheet lacks {key}"


def test_gold_ids_exist_in_the_corpus(hand, corpus_dir):
    wanted: dict[str, set[str]] = {}
    for row in hand:
        volume, xml_id = row["id"].split("/")
        wanted.setdefault(volume, set()).add(xml_id)
    parser = etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)
    tei_div = "{http://www.tei-c.org/ns/1.0}div"
    xml_id_attr = "{http://www.w3.org/XML/1998/namespace}id"
    missing = []
    for volume, xml_ids in sorted(wanted.items()):
        path = corpus_dir / "frus" / f"{volume}.xml"
        assert path.is_file(), f"no volume {path}"
        found = {
            div.get(xml_id_attr)
            for div in etree.parse(str(path), parser).iter(tei_div)
            if div.get("type") == "document"
        }
        missing += [f"{volume}/{x}" for x in sorted(xml_ids - found)]
    assert not missing, missing


def test_sample_is_reproducible_from_the_seed(worksheet, corpus_dir):
    spec = importlib.util.spec_from_file_location("sample_gold", SAMPLER)
    sampler = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sampler)
    drawn = sampler.draw(corpus_dir, sampler.PER_VOLUME, sampler.SEED)
    assert [e["id"] for e in drawn] == [e["id"] for e in worksheet]
