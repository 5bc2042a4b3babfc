"""Archival citations inside the editors' notes, and what "Ibid." means.

FRUS notes end a description with where the described paper is kept:
"(National Archives, RG 59, Central Files, 762.00/3–959)", "(Johnson
Library, National Security File, …)", "(Ibid.)", "(Ibid., 033.1100
JO/6-961)", or a clause "is in the Eisenhower Library, Whitman File".
"Ibid." repeats the citation before it in the document's apparatus — the
source note first of all, which is why the seed memo's "(Ibid.)" places
Sonnenfeldt's memorandum in the same Nixon Presidential Materials box as
the memorandum itself.  "Ibid., 033.1100 JO/6-961" keeps the collection
and changes the file; the file is the last comma-separated part, so the
new tail replaces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: words an archival citation opens with
_CUES = (
    r"National Archives|Department of State|Central Intelligence Agency|Library of Congress|"
    r"Washington National Records Center|Washington National Records|Nixon Presidential Materials|"
    r"(?:[A-Z][a-z]+\s+){1,2}Library|(?:[A-Z][a-z]+\s+){1,2}Presidential Library|RG \d+|Record Group \d+|"
    r"Federal Records Center|FRC \d|National Security Council|Naval Historical Center|Hoover Institution|"
    r"Princeton University|Seeley G\. Mudd|Mudd Library|Yale University|Columbia University|Harvard University|"
    r"Public Record Office|Office of the Secretary of Defense|OSD Historical Office|Department of Defense|"
    r"Eisenhower Library|Kennedy Library|Johnson Library|Truman Library|Ford Library|Carter Library|Reagan Library|"
    r"Roosevelt Library|Personal Papers|Papers of|Rusk Files|Dulles Papers|Conference Files|Central Files|"
    r"Presidential Correspondence|Lot \d|\d{3}[\w.–-]*/[\w–-]+"
)
_PAREN = re.compile(rf"\((?P<body>(?:[Ii]bid\b|{_CUES})[^()]*(?:\([^()]*\)[^()]*)*)\)")
_PAREN_AFTER = re.compile(rf"\((?P<what>[^();]{{3,200}});\s*(?P<body>(?:[Ii]bid\b|{_CUES})[^()]*(?:\([^()]*\)[^()]*)*)\)")
_IS_IN = re.compile(
    rf"\b(?:is|are|was|were)\s+(?:filed\s+)?(?:in|at)\s+(?:the\s+)?(?P<body>(?:{_CUES})[^.;()]*(?:\.\s*(?=[A-Z0-9]{{1,3}}\s)[^.;()]*)*)"
    rf"|\b(?:is|are)\s+(?P<ibid>[Ii]bid\.?(?:,\s*[^.;()]+)?)"
)


@dataclass(frozen=True, slots=True)
class ArchiveCite:
    start: int
    end: int
    #: the citation as printed ("Ibid., 033.1100 JO/6-961")
    text: str
    #: with "Ibid." replaced by what it repeats (None when nothing came before)
    resolved: str | None


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(" .;,")


def find(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, citation text, form) of every archival citation in ``text``.

    ``form`` is "paren" for "(National Archives, …)", which closes a
    passage, or "is-in" for "… is in the Johnson Library, …", which
    places the subject of its own sentence.
    """
    out = []
    for m in _PAREN.finditer(text):
        out.append((m.start(), m.end(), _clean(m.group("body")), "paren"))
    for m in _PAREN_AFTER.finditer(text):
        # "(Telegram 713 from Seoul, March 25; Department of State, Central Files, …)"
        if not any(s <= m.start() < e for s, e, _, _ in out):
            out.append((m.start("body"), m.end(), _clean(m.group("body")), "paren"))
    for m in _IS_IN.finditer(text):
        if any(s <= m.start() < e for s, e, _, _ in out):
            continue
        body = m.group("body") or m.group("ibid")
        out.append((m.start(), m.end(), _clean(body), "is-in"))
    out.sort()
    return out


def resolve_ibid(text: str, previous: str | None) -> str | None:
    """What a citation says once "Ibid." is expanded against ``previous``."""
    m = re.match(r"^[Ii]bid\.?\s*(?:,\s*(?P<tail>.*))?$", text)
    if not m:
        return text
    if previous is None:
        return None
    tail = (m.group("tail") or "").strip()
    if not tail:
        return previous
    head = previous.rsplit(", ", 1)[0] if ", " in previous else previous
    # "Ibid., Central Files, 762.00/5–3059": a new collection of the same repository
    first_tail_word = tail.split(",", 1)[0]
    if not re.search(r"\d", first_tail_word) and ", " in previous:
        head = previous.split(", ", 1)[0]
    return f"{head}, {tail}"


def source_citation(note_text: str) -> str | None:
    """The archival part of a "Source: …" note: its first sentence."""
    text = " ".join(note_text.split()).lstrip("[")
    text = re.sub(r"^Source:\s*", "", text)
    if not text:
        return None
    # the citation ends at the classification or the first sentence break not inside "Vol. 3" etc.
    m = re.search(
        r"\.\s+(?=(?:Top Secret|Secret|Confidential|Unclassified|Limited Official Use|Official Use Only|No classification|"
        r"Drafted|Prepared|Sent|Transmitted|Repeated|Printed|The |This |According|Attached|Also|A |An |In |Received|Approved|"
        r"Cleared|Another|Filed|Copies|Initialed|Signed|[A-Z][a-z]+ (?:drafted|initialed|sent|wrote|approved)))",
        text,
    )
    return _clean(text[: m.start()] if m else text)
