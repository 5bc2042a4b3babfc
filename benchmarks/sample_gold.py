"""Draw the random sample behind the hand-labelled metadata gold set.

The gold set (``tests/gold/hand.jsonl``) is only a fair yardstick for the
extractor if the documents in it were not chosen by someone who knew which
ones are easy.  So the sample is drawn here, by a seeded random generator,
stratified by volume so that every era and every editorial style is present
(a plain random draw over the 11,757 documents would be dominated by the few
volumes with 400-900 documents and could miss the small ones, such as the
23-document frus1873p2v3, altogether).  Microfiche head-only entries, editorial notes and
nested documents stay in the population: rejecting them would flatter any
extractor measured against the result.

For each drawn document the script writes one worksheet line holding the raw
material a historian reads to label it: the head, the dateline, the opener,
the inline source notes, the start of the body and every footnote in full.
It reads the TEI with lxml directly and deliberately shares no code with
``frus.extract`` or ``frus.ingest``: the gold labels must not inherit the
extractor's mistakes through the worksheet.

Usage::

    .venv/bin/python benchmarks/sample_gold.py [--corpus DIR] [--per-volume 6]
    .venv/bin/python benchmarks/sample_gold.py --heldout [--refresh-exclusions]
    .venv/bin/python benchmarks/sample_gold.py --heldout --out tests/gold/heldout2

Re-running with the same corpus, seed and ``--per-volume`` reproduces the
same worksheet byte for byte.

``--heldout`` draws the second, held-out set (``tests/gold/heldout/``): the
rules were revised after reading the misses on the first set, so its figures
are training figures.  The held-out draw leaves out every document anyone
working on the rules could have looked at (the first gold set, the test
fixtures, every document id cited in the repository), frozen once in
``tests/gold/heldout/exclude.txt`` by ``--refresh-exclusions`` before the
labelling began, and is stratified by era and by a crude kind read off the
head, so that each era and each kind of document is present.

``--heldout --out DIR [--seed N]`` draws a further held-out set into the
folder ``DIR`` once an earlier one has been spent (a rule was revised on its
misses).  Its exclusions, frozen in ``DIR/exclude.txt``, are everything the
first list holds plus every earlier held-out set's documents and every id
cited in the repository at the time of the draw.  ``tests/gold/heldout2/``
is the second such set, seed ``HELDOUT2_SEED``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED = 20261127
PER_VOLUME = 6
BODY_CHARS = 600

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Both frus namespaces occur in this corpus (see corpus README); the
# microfiche markers are matched on the local name so either works.
MICROFICHE_LOCAL_NAMES = {"file", "pdf", "problem", "page-count-according-to-citation"}


def default_corpus() -> Path:
    return Path(os.environ.get("FRUS_CORPUS", REPO.parent / "shared" / "corpus"))


def parser() -> etree.XMLParser:
    # collect_ids=False: frus1948v01p1 repeats an xml:id and a strict parse
    # refuses the whole volume.  No entities, no network: the files are data.
    return etree.XMLParser(collect_ids=False, resolve_entities=False, no_network=True)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_document(el: etree._Element) -> bool:
    return el.tag == TEI + "div" and el.get("type") == "document"


def owned(doc: etree._Element, tag: str) -> list[etree._Element]:
    """Descendants with ``tag`` that belong to ``doc`` itself.

    79 documents are nested inside another document; the outer one must not
    be labelled from the inner one's dateline or footnotes.
    """
    found = []
    for el in doc.iter(tag):
        parent = el.getparent()
        while parent is not None and parent is not doc and not is_document(parent):
            parent = parent.getparent()
        if parent is doc:
            found.append(el)
    return found


def text_without_notes(el: etree._Element) -> str:
    """Visible text of ``el`` with footnote bodies left out (their markers too)."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text and local(node.tag) != "note":
            parts.append(node.text)
        for child in node:
            if local(child.tag) == "note" or is_document(child):
                pass
            elif local(child.tag) == "lb":
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return flat("".join(parts))


def context_heads(doc: etree._Element) -> list[str]:
    """Heads of the containers above the document, outermost first.

    The microfiche supplement prints "July 28" in a title and leaves the
    year to its chapter head ("July 1961"), so the labeller needs these.
    """
    heads = []
    parent = doc.getparent()
    while parent is not None:
        if local(parent.tag) == "div":
            head = parent.find(TEI + "head")
            if head is not None:
                heads.append(text_without_notes(head))
        parent = parent.getparent()
    return list(reversed(heads))


def body_start(doc: etree._Element) -> str:
    skip = {"head", "dateline", "opener", "note"}
    chunks = []
    for child in doc:
        name = local(child.tag)
        if name in skip or is_document(child) or not isinstance(child.tag, str):
            continue
        chunks.append(text_without_notes(child))
        if sum(len(c) for c in chunks) > BODY_CHARS:
            break
    return flat(" ".join(chunks))[:BODY_CHARS]


def worksheet_entry(volume: str, doc: etree._Element) -> dict:
    doc_id = doc.get(XML_ID)
    head = doc.find(TEI + "head")
    datelines = owned(doc, TEI + "dateline")
    openers = owned(doc, TEI + "opener")
    notes = owned(doc, TEI + "note")
    inline = [n for n in notes if n.get("rend") == "inline" or n.get("type") == "source"]
    footnotes = []
    for n in notes:
        footnotes.append(
            {
                "n": n.get("n"),
                "xml_id": n.get(XML_ID),
                "type": n.get("type"),
                "rend": n.get("rend"),
                "in_head": head is not None and n in list(head.iter(TEI + "note")),
                "text": flat("".join(n.itertext())),
            }
        )
    signed = owned(doc, TEI + "signed")
    return {
        "volume": volume,
        "id": f"{volume}/{doc_id}",
        "n": doc.get("n"),
        "subtype": doc.get("subtype"),
        "context": context_heads(doc),
        "head": text_without_notes(head) if head is not None else None,
        "head_full": flat("".join(head.itertext())) if head is not None else None,
        "datelines": [flat("".join(d.itertext())) for d in datelines],
        "date_attrs": [
            {k: v for k, v in d.attrib.items() if k in ("when", "from", "to", "notBefore", "notAfter")}
            for dl in datelines
            for d in dl.iter(TEI + "date")
        ],
        "openers": [text_without_notes(o) for o in openers],
        "source_notes": [flat("".join(n.itertext())) for n in inline],
        "body": body_start(doc),
        "signed": [flat("".join(s.itertext())) for s in signed],
        "footnotes": footnotes,
        "nested_documents": [d.get(XML_ID) for d in doc.iter(TEI + "div") if is_document(d) and d is not doc],
        "attachments": len([el for el in doc.iter() if local(el.tag) == "attachment"]),
        "microfiche": sorted({local(el.tag) for el in doc if local(el.tag) in MICROFICHE_LOCAL_NAMES}),
    }


def volume_documents(path: Path) -> list[etree._Element]:
    root = etree.parse(str(path), parser()).getroot()
    return [d for d in root.iter(TEI + "div") if is_document(d) and d.get(XML_ID)]


def draw(corpus: Path, per_volume: int, seed: int) -> list[dict]:
    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS or pass --corpus)")
    rng = random.Random(seed)
    entries = []
    for path in files:
        docs = volume_documents(path)
        # Sorting by document order (already the case) and drawing indices
        # from one generator over the sorted file list keeps the draw stable.
        picked = sorted(rng.sample(range(len(docs)), min(per_volume, len(docs))))
        entries.extend(worksheet_entry(path.stem, docs[i]) for i in picked)
    return entries


# --------------------------------------------------------------------------
# the held-out set
# --------------------------------------------------------------------------

HELDOUT = REPO / "tests" / "gold" / "heldout"
HELDOUT_SEED = 20261203
#: the second held-out set, drawn after the first was spent on rule revisions
HELDOUT2 = REPO / "tests" / "gold" / "heldout2"
HELDOUT2_SEED = 20261209
#: the third, drawn once rules had been revised on the second set's misses
HELDOUT3 = REPO / "tests" / "gold" / "heldout3"
HELDOUT3_SEED = 20261128
#: the fourth, drawn once rules had been revised on the third set's misses
HELDOUT4 = REPO / "tests" / "gold" / "heldout4"
HELDOUT4_SEED = 20261130
#: the seed each held-out folder was drawn with (a new folder needs --seed)
HELDOUT_SEEDS = {HELDOUT: HELDOUT_SEED, HELDOUT2: HELDOUT2_SEED, HELDOUT3: HELDOUT3_SEED, HELDOUT4: HELDOUT4_SEED}
PER_ERA = 50
MIN_PER_KIND = 2
#: (first year, last year) of the three eras, by the volume id's first year
ERAS = (("1861-1902", 1800, 1916), ("1917-1959", 1917, 1959), ("1960-1980", 1960, 2100))
_ID_IN_TEXT = re.compile(r"\b(frus[0-9][0-9A-Za-z-]*?)[/#-](d[0-9]+[A-Za-z]?)\b")
#: repository files whose document ids count as seen (the held-out folder itself does not)
_SEEN_SUFFIXES = {".py", ".md", ".json", ".jsonl", ".tsv", ".txt", ".xml", ".toml", ".cfg", ".html", ".csv"}


def era_of(volume: str) -> str:
    first = int(re.match(r"frus(\d{4})", volume).group(1))
    return next(name for name, lo, hi in ERAS if lo <= first <= hi)


def kind_of(entry: dict) -> str:
    """A crude kind from the head and inline notes, only to spread the draw.

    Deliberately independent of ``frus.extract.doctype``: it decides nothing
    but which stratum a document is drawn from, and the labels are written by
    reading the document.
    """
    head = (entry["head"] or "").lower()
    inline = " ".join(entry["source_notes"]).lower()
    if "editorial note" in head:
        return "editorial-note"
    if not head.strip("[] ") or head.strip("[] .") == "untitled":
        return "untitled"
    if "conversation" in head:
        return "conversation"
    if re.search(r"\b(minutes|meeting|summary record|discussion)\b", head):
        return "meeting"
    if re.search(r"\b(telegram|cablegram|airgram|circular|message)\b", head + " " + inline):
        return "telegram"
    if re.search(r"\b(memorandum|memoranda|note)\b", head):
        return "memorandum"
    if "letter" in head:
        return "letter"
    if re.search(r"\b(paper|report|estimate|study|nsc|nsdm|nssm|assessment)\b", head):
        return "paper"
    if re.search(r"\bto (the |mr\.|m\.|sir |señor |lord |his |earl )", head):
        return "correspondence"
    return "other"


def seen_ids(repo: Path = REPO, skip: Path = HELDOUT) -> set[str]:
    """Every document id someone working on the rules could have read.

    The first gold set's ids, the documents in the test excerpts, and every
    ``VOLUME/dN`` (or ``VOLUME-dN``, ``VOLUME#dN``) written anywhere in the
    code, tests, docs and benchmarks.  ``skip`` is the folder of the set
    being drawn, whose own files name its documents once it is labelled.
    """
    seen = set()
    roots = [repo / "src", repo / "tests", repo / "docs", repo / "benchmarks"]
    files = [f for r in roots if r.is_dir() for f in r.rglob("*") if f.is_file()]
    files += [f for f in repo.glob("*.md")]
    for f in files:
        if skip in f.parents or f.suffix not in _SEEN_SUFFIXES or "__pycache__" in f.parts:
            continue
        text = f.read_text(encoding="utf-8", errors="replace")
        seen.update(f"{v}/{d}" for v, d in _ID_IN_TEXT.findall(f.name + "\n" + text))
        if f.suffix == ".xml":  # a test excerpt of a volume: its documents are seen
            volume = f.name.split("-excerpt")[0].removesuffix(".xml")
            seen.update(f"{volume}/{d}" for d in re.findall(r'<div[^>]*xml:id="(d[0-9]+[A-Za-z]?)"', text))
        if f.name == "samples.json":
            data = json.loads(text)
            seen.update(f"{row['volume']}/{row['doc']}" for rows in data.values() for row in rows)
    return {i for i in seen if i.startswith("frus")}


def later_exclusions(folder: Path, repo: Path = REPO) -> set[str]:
    """What a held-out set drawn after the first must leave out.

    Once a set is spent its documents and its misses are written about and
    tuned on, so a later set leaves out every earlier set's exclusions and
    documents (labels and worksheets of every other ``tests/gold/heldout*``
    folder) besides whatever the repository cites now.
    """
    ids = seen_ids(repo, skip=folder)
    for other in sorted((repo / "tests" / "gold").glob("heldout*")):
        if other.resolve() == folder.resolve() or not other.is_dir():
            continue
        if (other / "exclude.txt").exists():
            ids |= read_exclusions(other / "exclude.txt")
        for name in ("hand.jsonl", "worksheet.jsonl", "text.jsonl"):
            if (other / name).exists():
                rows = [json.loads(line) for line in (other / name).read_text(encoding="utf-8").splitlines() if line]
                ids |= {row["id"] for row in rows}
    return ids


def read_exclusions(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write_exclusions(path: Path, ids: set[str], how: str = "seen_ids") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    head = ("# Documents left out of the held-out draw: seen while the rules were written\n"
            f"# (benchmarks/sample_gold.py {how}). Frozen before labelling; do not edit.\n")
    path.write_text(head + "".join(f"{i}\n" for i in sorted(ids)), encoding="utf-8")


def allocate(sizes: dict[str, int], total: int, minimum: int = MIN_PER_KIND) -> dict[str, int]:
    """``total`` draws over strata: ``minimum`` each (or all it has), the rest by size."""
    take = {k: min(minimum, n) for k, n in sizes.items()}
    rest = total - sum(take.values())
    room = {k: n - take[k] for k, n in sizes.items()}
    pool = sum(room.values())
    if rest <= 0 or pool == 0:
        return take
    quotas = {k: rest * room[k] / pool for k in room}
    for k in quotas:
        take[k] += int(quotas[k])
    left = total - sum(take.values())
    # largest remainder; ties by name so the allocation is stable
    for k in sorted(quotas, key=lambda k: (-(quotas[k] - int(quotas[k])), k))[:left]:
        take[k] += 1
    return take


def draw_heldout(corpus: Path, exclude: set[str], per_era: int = PER_ERA, seed: int = HELDOUT_SEED) -> list[dict]:
    files = sorted((corpus / "frus").glob("*.xml"))
    if not files:
        sys.exit(f"error: no volumes under {corpus / 'frus'} (set FRUS_CORPUS or pass --corpus)")
    strata: dict[tuple[str, str], list[dict]] = {}
    for path in files:
        for doc in volume_documents(path):
            entry = worksheet_entry(path.stem, doc)
            if entry["id"] in exclude:
                continue
            entry["era"], entry["kind"] = era_of(path.stem), kind_of(entry)
            strata.setdefault((entry["era"], entry["kind"]), []).append(entry)
    rng = random.Random(seed)
    picked = []
    for era, _, _ in ERAS:
        kinds = sorted(k for e, k in strata if e == era)
        quota = allocate({k: len(strata[era, k]) for k in kinds}, per_era)
        for kind in kinds:
            pool = strata[era, kind]
            picked.extend(pool[i] for i in sorted(rng.sample(range(len(pool)), quota[kind])))
    order = {p.stem: i for i, p in enumerate(files)}
    picked.sort(key=lambda e: (order[e["volume"]], int(re.sub(r"\D", "", e["id"].split("/")[1]) or 0), e["id"]))
    return picked


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--per-volume", type=int, default=PER_VOLUME)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=None,
                    help="the worksheet file; with --heldout, a folder for a further held-out set")
    ap.add_argument("--heldout", action="store_true", help="draw the held-out set into tests/gold/heldout/")
    ap.add_argument("--refresh-exclusions", action="store_true",
                    help="rebuild the held-out folder's exclude.txt from the repository (only before labelling)")
    args = ap.parse_args(argv)
    if args.heldout:
        folder = HELDOUT
        if args.out is not None and args.out.suffix != ".jsonl":
            folder, args.out = args.out.resolve(), None
        seed = args.seed if args.seed is not None else HELDOUT_SEEDS.get(folder)
        if seed is None:
            sys.exit(f"error: {folder} is a new held-out folder; give it a new --seed")
        exclusions = folder / "exclude.txt"
        if args.refresh_exclusions or not exclusions.exists():
            if (folder / "hand.jsonl").exists():
                # The docs now cite held-out ids, so a fresh list would change the draw under the labels.
                sys.exit(f"error: {folder / 'hand.jsonl'} is labelled; the exclusions are frozen "
                         "(draw a new set into another folder with --out and a new --seed)")
            if folder == HELDOUT:
                write_exclusions(exclusions, seen_ids())
            else:
                write_exclusions(exclusions, later_exclusions(folder), "later_exclusions")
        entries = draw_heldout(args.corpus, read_exclusions(exclusions), seed=seed)
        args.out = args.out or folder / "worksheet.jsonl"
    else:
        entries = draw(args.corpus, args.per_volume, SEED if args.seed is None else args.seed)
        args.out = args.out or REPO / "tests" / "gold" / "worksheet.jsonl"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for entry in entries:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    volumes = {e["volume"] for e in entries}
    print(f"wrote {len(entries)} documents from {len(volumes)} volumes to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
