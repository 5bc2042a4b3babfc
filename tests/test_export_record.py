"""The stable record shape (``frus.export.record``) and ``frus show ID --json``, on real volumes."""

from __future__ import annotations

import json

from _corpus_fixtures import MODERN, OLD, PUBDIP, parsed_small, small_corpus, small_db, small_paths  # noqa: F401
from typer.testing import CliRunner

from frus.cli import app
from frus.export.record import DATE_KEYS, FOOTNOTE_KEYS, KEYS, SOURCE_KEYS, document_record
from frus.extract import KINDS, TYPES

runner = CliRunner()


def _walk_blocks(blocks):
    for b in blocks:
        yield b
        yield from _walk_blocks(b["children"])


def test_every_record_has_every_key_in_the_documented_shape(parsed_small):
    seen_source = seen_participants = 0
    for volume in (MODERN, OLD, PUBDIP):
        for doc in parsed_small[volume].documents:
            record = json.loads(json.dumps(document_record(doc)))  # JSON all the way down
            assert tuple(record) == KEYS
            assert tuple(record["date"]) == DATE_KEYS
            assert set(record["classification"]) == {"level", "caveats"}
            assert record["type"] in TYPES
            for party in record["from"] + record["to"] + record["participants"]:
                assert set(party) == {"role", "name"}
            if record["source"] is not None:
                assert tuple(record["source"]) == SOURCE_KEYS
                seen_source += 1
            for note in record["footnotes"]:
                assert tuple(note) == FOOTNOTE_KEYS and note["kind"] in KINDS
            for block in _walk_blocks(record["body"]):
                assert set(block) == {"kind", "rend", "inlines", "children"}
                for run in block["inlines"]:
                    assert set(run) == {"kind", "text", "target", "style"}
            assert record["volume"] == doc.volume_id and record["prev"] == doc.prev_id
            seen_participants += bool(record["participants"])
    assert seen_source > 100
    assert seen_participants > 10  # frus1969-76ve09p1's memcons list who took part


def test_a_modern_record_reads_like_the_page(parsed_small):
    docs = {d.id: d for d in parsed_small[MODERN].documents}
    memcons = [d for d in docs.values() if d.type == "memcon"]
    record = document_record(memcons[0])
    assert record["from"] == [] and record["participants"]
    assert record["date"]["basis"] == "tei" and record["date"]["min"]
    assert record["source"]["repository"]
    assert record["footnotes"][0]["kind"] == "source"


def test_show_json_prints_the_record(small_db, small_corpus):
    doc_id = f"{MODERN}/d5"
    result = runner.invoke(app, ["show", doc_id, "--json", "--db", str(small_db)], env={"FRUS_DB": None})
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(document_record(small_corpus.document(doc_id))))
    assert tuple(printed) == KEYS
