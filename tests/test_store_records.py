"""Rows and index entries (frus.store.records) are what the plain definitions give.

The records builder walks each body once for both the stored JSON and the
indexed text, and writes JSON with orjson; these tests hold it to the
slow, obvious definitions — ``to_dict`` minus default-valued fields,
``json.dumps(ensure_ascii=False)``, ``Document.body_text`` — on real
documents, so a speed-up can never change what is stored.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, is_dataclass

from _corpus_fixtures import parsed_small, small_paths  # noqa: F401

from frus.model import Block, Document, DocDate, Footnote, Inline, document_from_dict
from frus.store.records import _dumps, document_record, index_entry, person_names, volume_records


def plain_compact(obj):
    """The stored shape by definition: every field but those equal to their default."""
    if is_dataclass(obj):
        out = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.default is not MISSING:
                default = f.default
            elif f.default_factory is not MISSING:
                default = f.default_factory()
            else:
                out[f.name] = plain_compact(value)
                continue
            if value != default:
                out[f.name] = plain_compact(value)
        return out
    if isinstance(obj, (list, tuple)):
        return [plain_compact(x) for x in obj]
    return obj


def plain_json(obj) -> str:
    return json.dumps(plain_compact(obj), ensure_ascii=False, separators=(",", ":"))


def test_stored_json_and_indexed_body_match_their_definitions(parsed_small):  # noqa: F811
    checked = 0
    for parsed in parsed_small.values():
        persons = person_names(parsed.volume)
        for doc in parsed.documents:
            row, entry = document_record(doc, persons)
            assert row[-1] == plain_json(doc), doc.id
            assert entry.body == doc.body_text(), doc.id
            assert document_from_dict(json.loads(row[-1])) == doc
            checked += 1
    assert checked > 300


def test_an_index_entry_alone_equals_the_one_built_with_the_row(parsed_small):  # noqa: F811
    for parsed in parsed_small.values():
        persons = person_names(parsed.volume)
        for doc in parsed.documents:
            assert index_entry(doc, persons) == document_record(doc, persons)[1], doc.id


def test_volume_rows_match_their_definitions(parsed_small):  # noqa: F811
    for parsed in parsed_small.values():
        records = volume_records(parsed)
        stored_volume = json.loads(records.volume_row[-1])
        assert "persons" not in stored_volume and stored_volume["id"] == parsed.volume.id
        assert len(records.document_rows) == len(parsed.documents)


def test_body_text_separators_and_line_breaks():
    """Rows, list items, line breaks and empty blocks, as ``block_text`` joins them."""
    row = Block("row", children=(Block("cell", (Inline("text", "Rusk"),)), Block("cell", (Inline("text", "Gromyko"),))))
    item = Block("item", (Inline("text", "First  point"), Inline("noteref", "2", "d1fn2")), (Block("list", children=(
        Block("item", (Inline("text", "a"), Inline("lb"), Inline("text", " b "))),
    )),))
    doc = Document(
        id="v/d1", volume_id="v", local_id="d1", number="1", title="T",
        body=(
            Block("paragraph", (Inline("text", "Moscow,"), Inline("lb"), Inline("pb", "131"), Inline("text", "  June 1."))),
            Block("table", children=(row,)),
            Block("paragraph", ()),
            Block("list", children=(item,)),
            Block("pagebreak", (Inline("pb", "132"),)),
        ),
        footnotes=(Footnote("d1fn2", "2", "Not printed.", (Inline("text", "Not printed."),)),),
        date=DocDate(min="1961-06-01"),
    )
    row_, entry = document_record(doc)
    assert entry.body == doc.body_text() == "Moscow,\nJune 1.\n\nRusk Gromyko\n\nFirst point a\nb"
    assert row_[-1] == plain_json(doc)


def test_json_the_fast_encoder_refuses_is_written_as_before():
    for value in ({"text": "half a pair \ud800 of surrogates"}, {"n": 2**70}, {"t": "é\u2028\x00\x7f\"\\"}):
        assert _dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
