"""Pull the real samples in samples.json out of the shared corpus.

Run from the repository root:

    .venv/bin/python tests/data/extract/pull_samples.py /work/shared/corpus

For each of the 42 volumes it takes, with a fixed random seed, up to
``PER_VOLUME`` documents of each sort:

* ``titles`` — the document's ``head`` text (notes left out) and the
  encoders' ``persName``/``gloss``/``list`` with ``@type='from'|'to'``;
* ``datelines`` — the first ``dateline`` text and its ``date/@when`` (or
  ``@from``);
* ``source_notes`` — "Source: …" notes (modern volumes) and the inline
  ``note[@type='source']`` of the older ones.

Text is whitespace-normalised, nothing else is changed.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PER_VOLUME = 8
SEED = 20240501


def text_of(elem, skip_notes: bool = True) -> str:
    parts: list[str] = []

    def walk(e) -> None:
        if e.text:
            parts.append(e.text)
        for child in e:
            if isinstance(child.tag, str) and not (skip_notes and child.tag == TEI + "note"):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(elem)
    return " ".join("".join(parts).split())


def volume_samples(path: Path, rng: random.Random) -> dict[str, list[dict]]:
    tree = etree.parse(str(path), etree.XMLParser(collect_ids=False, huge_tree=True))
    vol = path.stem
    titles, datelines, notes = [], [], []
    for div in tree.iter(TEI + "div"):
        if div.get("type") != "document":
            continue
        doc = div.get(XML_ID)
        head = div.find(TEI + "head")
        if head is not None:
            gold = {"from": [], "to": []}
            for e in head.iter():
                if isinstance(e.tag, str) and e.get("type") in gold and e.tag != TEI + "note":
                    gold[e.get("type")].append(text_of(e))
            if gold["from"] or gold["to"]:
                titles.append({"volume": vol, "doc": doc, "head": text_of(head), **gold})
        dateline = next(div.iter(TEI + "dateline"), None)
        if dateline is not None:
            date = dateline.find(".//" + TEI + "date")
            when = date.get("when") or date.get("from") if date is not None else None
            if when:
                datelines.append({"volume": vol, "doc": doc, "dateline": text_of(dateline), "when": when})
        for note in div.iter(TEI + "note"):
            text = text_of(note, skip_notes=False)
            if text.startswith("Source:") or note.get("type") == "source":
                notes.append({"volume": vol, "doc": doc, "text": text, "inline": note.get("rend") == "inline"})
                break
    pick = lambda items: rng.sample(items, min(PER_VOLUME, len(items)))  # noqa: E731
    return {"titles": pick(titles), "datelines": pick(datelines), "source_notes": pick(notes)}


def main(corpus: Path) -> None:
    rng = random.Random(SEED)
    out: dict[str, list[dict]] = {"titles": [], "datelines": [], "source_notes": []}
    for path in sorted((corpus / "frus").glob("*.xml")):
        for key, items in volume_samples(path, rng).items():
            out[key].extend(items)
    target = Path(__file__).with_name("samples.json")
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in out.items()}, "→", target)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus"))
