"""Rebuild ``documents.json`` from the shared corpus (run by hand, not by pytest).

The query-language tests need a handful of real FRUS documents whose
words, dates and metadata are known exactly, so that each operator can be
checked against the documents it must (and must not) return.  Titles,
paragraphs and footnotes are copied verbatim from the TEI; only whole
paragraphs are kept (``keep`` picks them) to keep the file small.
Sender, recipient, place, date and person ids come from the TEI markup;
type, classification and repository are read by eye from the head and the
source note, because the extractors that will produce them are being
written in parallel and this fixture must not depend on them.

    python tests/data/querylang/make_fixture.py /work/shared/corpus
"""

from __future__ import annotations

import calendar
import json
import re
import sys
from pathlib import Path

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
XID = "{http://www.w3.org/XML/1998/namespace}id"

# (volume, doc, paragraphs to keep or None for all, type, classification, repository)
PICKS = [
    ("frus1969-76v12", "d10", [0, 1, 2], "letter", ["secret"], ["library of congress"]),
    ("frus1969-76v12", "d26", None, "memorandum", ["confidential"], ["national archives"]),
    ("frus1969-76v12", "d41", None, "memorandum", ["secret"], ["national archives"]),
    ("frus1969-76v12", "d58", None, "telegram", ["secret"], ["national archives"]),
    (
        "frus1969-76v12",
        "d120",
        None,
        "memorandum for the record",
        ["secret"],
        ["national archives"],
    ),
    (
        "frus1969-76v12",
        "d229",
        None,
        "transcript of telephone conversation",
        ["no classification marking"],
        ["national archives"],
    ),
    ("frus1969-76v19p1", "d72", None, "memorandum", ["secret"], ["national archives"]),
    ("frus1969-76v19p1", "d78", None, "memorandum", ["secret"], ["national archives"]),
    (
        "frus1969-76v33",
        "d39",
        None,
        "national security decision memorandum",
        ["top secret"],
        ["library of congress"],
    ),
    ("frus1969-76v33", "d86", None, "note", ["no classification marking"], ["national archives"]),
    (
        "frus1961-63v06",
        "d86",
        None,
        "memorandum for the files",
        ["secret"],
        ["department of state"],
    ),
    (
        "frus1964-68v10",
        "d179",
        [3, 4, 5],
        "intelligence memorandum",
        ["top secret"],
        ["johnson library"],
    ),
    (
        "frus1964-68v17",
        "d130",
        [0, 1, 2, 4],
        "memorandum of conversation",
        ["limited official use"],
        ["department of state"],
    ),
    (
        "frus1952-54Guat",
        "d26",
        None,
        "memorandum for the record",
        ["secret"],
        ["central intelligence agency"],
    ),
    (
        "frus1952-54Guat",
        "d88",
        [0, 1, 2, 3, 4, 8, 9],
        "contact report",
        ["secret"],
        ["central intelligence agency"],
    ),
    ("frus1955-57v25", "d10", None, "telegram", ["secret"], ["department of state"]),
    ("frus1955-57v25", "d14", None, "editorial note", [], []),
    ("frus1958-60v08", "d15", None, "telegram", ["confidential"], ["department of state"]),
    (
        "frus1958-60v08",
        "d44",
        None,
        "memorandum of telephone conversation",
        ["no classification marking"],
        ["eisenhower library"],
    ),
    ("frus1977-80v21", "d212", None, "telegram", ["limited official use"], ["national archives"]),
    ("frus1936v03", "d3", None, "telegram", [], []),
    ("frus1936v03", "d41", None, "telegram", [], []),
    ("frus1917Supp02v02", "d4", None, "telegram", [], []),
    ("frus1917Supp02v02", "d9", None, "telegram", [], []),
]


def flat(el, skip_notes: bool = True) -> str:
    parts: list[str] = []

    def walk(e, top):
        if skip_notes and e.tag == TEI + "note":
            if e.tail and not top:
                parts.append(e.tail)
            return
        if e.text:
            parts.append(e.text)
        for c in e:
            if isinstance(c.tag, str):
                walk(c, False)
            elif c.tail:
                parts.append(c.tail)
        if e.tail and not top:
            parts.append(e.tail)

    walk(el, True)
    return " ".join("".join(parts).split())


def day_range(value: str) -> tuple[str, str]:
    value = value[:10]
    if len(value) == 7:
        y, m = int(value[:4]), int(value[5:])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, m)[1]:02d}"
    return value, value


def subseries(tree) -> str | None:
    el = tree.find(f".//{TEI}titleStmt/{TEI}title[@type='subseries']")
    if el is None:
        return None
    # "1969–1976" and, in frus1958-60v08, "Foreign Relations …, 1958–1960":
    # keep the years in the volume-id form "1969-76".
    text = flat(el).replace("\u2013", "-")
    m = re.search(r"(\d{4})(?:-(\d{2})(\d{2}))?\s*$", text)
    if not m:
        return text or None
    if m[2] and m[2] == m[1][:2]:
        return f"{m[1]}-{m[3]}"
    return m[1] if not m[2] else f"{m[1]}-{m[2]}{m[3]}"


def main(corpus: Path) -> None:
    out = []
    trees: dict[str, etree._ElementTree] = {}
    for vol, local, keep, dtype, classification, repository in PICKS:
        if vol not in trees:
            parser = etree.XMLParser(collect_ids=False, huge_tree=True)
            trees[vol] = etree.parse(str(corpus / "frus" / f"{vol}.xml"), parser)
        tree = trees[vol]
        persons = {
            p.get(XID): flat(p)
            for p in tree.iterfind(f".//{TEI}div[@{XID}='persons']//{TEI}persName[@{XID}]")
        }
        div = next(d for d in tree.iter(TEI + "div") if d.get(XID) == local)
        head = div.find(TEI + "head")
        title = re.sub(r"^\d+[A-Z]?\.\s+", "", flat(head))
        paras = [flat(p) for p in div.iter(TEI + "p")]
        if keep is not None:
            paras = [paras[i] for i in keep]
        notes = [flat(n, skip_notes=False) for n in div.iter(TEI + "note")]
        senders, recipients, person = [], [], []
        for el in div.iter(TEI + "persName", TEI + "gloss"):
            ref = (el.get("corresp") or "").lstrip("#")
            name = persons.get(ref)
            role = el.get("type")
            if role in ("from", "to"):
                bucket = senders if role == "from" else recipients
                for v in (flat(el), name):
                    if v and v.lower() not in bucket:
                        bucket.append(v.lower())
            if ref and "#" not in ref and ref.startswith("p_"):
                for v in (ref, name):
                    if v and v.lower() not in person:
                        person.append(v.lower())
        date = div.find(f".//{TEI}dateline//{TEI}date")
        date_min = date_max = None
        if date is not None and date.get("when"):
            date_min, date_max = day_range(date.get("when"))
        elif date is not None and date.get("from"):
            date_min, date_max = day_range(date.get("from"))[0], day_range(date.get("to"))[1]
        place = div.find(f".//{TEI}dateline//{TEI}placeName")
        out.append(
            {
                "id": f"{vol}/{local}",
                "volume": vol,
                "subseries": subseries(tree),
                "number": div.get("n"),
                "title": title,
                "body": "\n\n".join(paras),
                "notes": notes,
                "type": dtype,
                "from": senders,
                "to": recipients,
                "person": person,
                "place": [flat(place).lower()] if place is not None else [],
                "classification": classification,
                "repository": repository,
                "date_min": date_min,
                "date_max": date_max,
            }
        )
    target = Path(__file__).with_name("documents.json")
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} documents to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus"))
