"""Scoring extraction against the hand-labelled gold set (``tests/gold/hand.jsonl``).

The labels follow the conventions of ``tests/gold/README.md``; this module
states, once, how an extracted record is compared with a label, so the
benchmark (``benchmarks/eval.py``) and the tests give the same figure.

Strings are compared after folding typographic apostrophes and quotes to
straight ones and collapsing whitespace (the gold README asks for both:
volumes print "President’s" or "President's", the 1948 volumes put spaces
inside parentheses).  Case is kept, except in caveats, which the gold
title-cases ("Exdis") whatever the volume printed ("EXDIS").

=================  ==========================================================
field              a record is right when
=================  ==========================================================
``type``           the slug is the label's
``from``, ``to``   the same (role, name) pairs, in any order
``date``           ``min`` and ``max`` are the label's days; a ``null`` label
                   (undated, editorial note, date only in the body) is right
                   when no date was printed or encoded (``basis`` ``inferred``
                   or ``none``, or precision ``undated``/``unknown``)
``classification`` the level and the caveats in printed order (case and
                   dash typography aside); ``null`` is right when neither
                   is found
``repository``     the same institution after the README's library-name
                   normalisation ("Lyndon B. Johnson Library", "LBJ Library"
                   → "Johnson Library"; "National Archives and Records
                   Administration" → "National Archives"; "CIA Files" →
                   "Central Intelligence Agency")
``box``,           the same string, or both ``null``
``folder``
=================  ==========================================================
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterable

from frus.model import Document, Party

FIELDS = ("type", "from", "to", "date", "classification", "repository", "box", "folder")

_LIBRARY_NAMES = (
    (re.compile(r"(?i)^(?:lyndon\s+b(?:aines)?\.?\s+johnson|lbj)\s+(?:presidential\s+)?library$"), "Johnson Library"),
    (re.compile(r"(?i)^national archives and records administration$"), "National Archives"),
    (re.compile(r"(?i)^(?:cia|central intelligence agency)(?:\s+files)?$"), "Central Intelligence Agency"),
    (re.compile(r"(?i)^library of congress,?\s+manuscript division$"), "Library of Congress"),
    (
        re.compile(
            r"(?i)^(?:the\s+)?(?:[a-z.]+\s+)*?(truman|eisenhower|kennedy|ford|carter|reagan|hoover|roosevelt)"
            r"\s+(?:presidential\s+)?library$"
        ),
        None,
    ),
)


def fold(text: str | None) -> str | None:
    """Straight apostrophes and quotes, single spaces, no padding inside parentheses."""
    if text is None:
        return None
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = " ".join(text.split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text)) or None


def library(name: str | None) -> str | None:
    name = fold(name)
    if name is None:
        return None
    for pattern, canonical in _LIBRARY_NAMES:
        m = pattern.match(name)
        if m:
            return canonical or f"{m.group(1).capitalize()} Library"
    return name


def load(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _pairs(parties: Iterable[Party] | Iterable[dict]) -> list[tuple[str, str]]:
    out = []
    for p in parties:
        role, name = (p.get("role"), p.get("name")) if isinstance(p, dict) else (p.role, p.name)
        out.append((fold(role) or "", fold(name) or ""))
    return sorted(out)


def _date_right(doc: Document, label: dict | None) -> bool:
    d = doc.date
    if label is None:
        return d.basis in ("inferred", "none") or d.precision in ("undated", "unknown") or not d.min
    return (d.min or "")[:10] == label["min"] and (d.max or "")[:10] == label["max"]


def _classification_right(doc: Document, label: dict | None) -> bool:
    c = doc.classification
    if label is None:
        return c.level is None and not c.caveats
    caveats = [_caveat_key(x) for x in c.caveats]
    return c.level == label["level"] and caveats == [_caveat_key(x) for x in label["caveats"]]


def _caveat_key(caveat: str) -> str:
    """Caveats compare without case and dash typography: the extractor prints one
    form of each ("Official-Informal") so that the facet has one value."""
    return (fold(caveat) or "").lower().replace("\u2013", "-").replace("\u2014", "-")


def predicted(doc: Document, field: str) -> Any:
    """The extracted value of ``field`` in the label's shape (for failure listings)."""
    source = doc.source
    if field == "type":
        return doc.type
    if field == "from":
        return _pairs(doc.senders)
    if field == "to":
        return _pairs(doc.recipients)
    if field == "date":
        return {"min": doc.date.min, "max": doc.date.max, "basis": doc.date.basis, "precision": doc.date.precision}
    if field == "classification":
        c = doc.classification
        return None if c.level is None and not c.caveats else {"level": c.level, "caveats": list(c.caveats)}
    if field == "repository":
        return library(source.repository) if source else None
    return fold(getattr(source, field)) if source else None


def score(doc: Document, label: dict[str, Any]) -> dict[str, bool]:
    """Field → right or wrong, for one labelled document."""
    source = doc.source
    return {
        "type": doc.type == label["type"],
        "from": _pairs(doc.senders) == _pairs(label["from"]),
        "to": _pairs(doc.recipients) == _pairs(label["to"]),
        "date": _date_right(doc, label["date"]),
        "classification": _classification_right(doc, label["classification"]),
        "repository": library(source.repository if source else None) == library(label["repository"]),
        "box": fold(source.box if source else None) == fold(label["box"]),
        "folder": fold(source.folder if source else None) == fold(label["folder"]),
    }
