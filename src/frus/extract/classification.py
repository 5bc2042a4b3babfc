"""Security classification and handling caveats.

FRUS has no element for classification.  Modern volumes print it as one
sentence of the source note ("Secret; Sensitive; Outside System."); the
older "printed for the Department" volumes print a smallcaps word in the
document's opener ("confidential", "secret us urgent") or a bracketed
inline note ("[Confidential.]").

``level`` is one of :data:`LEVELS`; ``caveats`` are the remaining items of
the sentence in printed order.  Caveats we know are spelled one way
(``EXDIS`` → ``Exdis``, ``Outside the System`` → ``Outside System``) so
facets group them; codewords we do not know (``RYBAT``, ``Cherokee``) are
kept exactly as printed.
"""

from __future__ import annotations

import re

from frus.model import Classification

#: canonical levels, most restrictive first
LEVELS = (
    "Top Secret",
    "Secret",
    "Confidential",
    "Restricted",
    "Limited Official Use",
    "Official Use Only",
    "Unclassified",
    "No classification marking",
)

_LEVEL_RE = re.compile(
    r"^(?P<level>top[\s-]+secret|secret|confidential|limited official use|official use only|"
    r"restricted(?!\s+(?:data|distribution))|unclassified|no classification markings?)\b",
    re.I,
)
_LEVEL_CANON = {
    "top secret": "Top Secret",
    "secret": "Secret",
    "confidential": "Confidential",
    "limited official use": "Limited Official Use",
    "official use only": "Official Use Only",
    "restricted": "Restricted",
    "unclassified": "Unclassified",
    "no classification marking": "No classification marking",
    "no classification markings": "No classification marking",
}

#: known caveats and precedence markings, lower-cased → printed form
CAVEATS = {
    "sensitive": "Sensitive",
    "nodis": "Nodis",
    "exdis": "Exdis",
    "limdis": "Limdis",
    "stadis": "Stadis",
    "eyes only": "Eyes Only",
    "exclusively eyes only": "Exclusively Eyes Only",
    "outside system": "Outside System",
    "outside the system": "Outside System",
    "completely outside the system": "Completely Outside System",
    "noforn": "Noforn",
    "no foreign dissem": "No Foreign Dissem",
    "no foreign dissemination": "No Foreign Dissemination",
    "priority": "Priority",
    "immediate": "Immediate",
    "operational immediate": "Operational Immediate",
    "flash": "Flash",
    "niact": "Niact",
    "niact immediate": "Niact Immediate",
    "routine": "Routine",
    "urgent": "Urgent",
    "us urgent": "US Urgent",
    "limit distribution": "Limit Distribution",
    "limited distribution": "Limited Distribution",
    "controlled dissem": "Controlled Dissem",
    "controlled dissemination": "Controlled Dissem",
    "security information": "Security Information",
    "restricted data": "Restricted Data",
    "formerly restricted data": "Formerly Restricted Data",
    "personal and private": "Personal and Private",
    "personal and confidential": "Personal and Confidential",
    "personal & confidential": "Personal and Confidential",
    "personal": "Personal",
    "codeword": "Codeword",
    "official-informal": "Official-Informal",
    "official–informal": "Official-Informal",
    "no distribution": "No Distribution",
    "presidential handling": "Presidential Handling",
    "roger channel": "Roger Channel",
    "verbatim text": "Verbatim Text",
    "orcon": "Orcon",
    "nocontract": "Nocontract",
    "wnintel": "Wnintel",
    "specat": "Specat",
}

#: a caveat item is short; anything longer is prose that merely mentions a level
_MAX_ITEM_WORDS = 8
#: clauses that run on after the classification when the editors forgot a full stop
_RUN_ON = re.compile(
    r"\s*[,;]?\s*\b(?:Drafted|Repeated|Also sent|Sent|Approved|Cleared|Prepared|Received|Pouched)\b.*$"
)
_SPLIT_ITEMS = re.compile(r"\s*(?:;|/(?=[A-Z])|:|,(?=\s*[A-Z]))\s*")


_WITHHELD = re.compile(r"^\[[^\]]*not declassified\]?$", re.I)


def level_of(item: str) -> str | None:
    m = _LEVEL_RE.match(item.strip())
    if not m:
        return None
    return _LEVEL_CANON[re.sub(r"[\s-]+", " ", m.group("level").lower())]


def caveat_of(item: str) -> str | None:
    """The canonical caveat for a known one, else None."""
    return CAVEATS.get(re.sub(r"\s+", " ", item.strip().strip(".").lower()))


def parse_sentence(sentence: str) -> Classification | None:
    """Read "Secret; Sensitive; Outside System." — None when it is not such a sentence.

    A sentence qualifies when its first item is a level or a known caveat
    and every item is short, so prose like "The letter has no
    classification markings" or "Secretary Rogers addressed…" is refused.
    """
    body = sentence.strip().rstrip(".").strip()
    if body.startswith("[") and body.endswith("]") and body.count("[") == 1:
        body = body[1:-1].rstrip(".").strip()
    if not body:
        return None
    body = _RUN_ON.sub("", body)
    items = [i.strip().rstrip(".") for i in _SPLIT_ITEMS.split(body) if i.strip()]
    if not items:
        return None
    level: str | None = None
    caveats: list[str] = []
    first = items[0]
    lvl = level_of(first)
    if lvl:
        level = lvl
        rest = first[_LEVEL_RE.match(first).end():].strip(" ,")
        if lvl == "No classification marking" and rest:
            rest = ""  # ", but the Department classified it …" is prose
        elif rest.startswith("and ") and caveat_of(rest[4:]):
            rest = rest[4:]  # "Top Secret and Personal."
        elif rest and (rest[0].islower() or len(rest.split()) > 4):
            return None  # "Confidential adviser to the Embassy" is a description
        if rest:
            items = [rest, *items[1:]]
        else:
            items = items[1:]
    elif not caveat_of(first):
        return None
    for item in items:
        if len(item.split()) > _MAX_ITEM_WORDS:
            if level is None and not caveats:
                return None
            break
        lvl = level_of(item)
        if lvl and level is None:
            level = lvl
            continue
        if lvl and caveat_of(item) is None:
            # "Top Secret Attachment", "Secret With Top Secret Attachments"
            caveats.append(item)
            continue
        if _WITHHELD.match(item):
            continue  # "[handling restriction not declassified]": the editors' placeholder, not a caveat
        caveats.append(caveat_of(item) or item)
    seen: list[str] = []
    for c in caveats:
        if c and c not in seen:
            seen.append(c)
    return Classification(level=level, caveats=tuple(seen))


def from_note(sentences: list[str]) -> Classification | None:
    """The first classification sentence among a source note's sentences, with
    the caveat-only sentences right after it ("Top Secret. Security Information.")."""
    for i, s in enumerate(sentences):
        s = s.removeprefix("Source:").strip()
        found = parse_sentence(s)
        if found is not None:
            return _with_following_caveats(found, sentences[i + 1:])
    if sentences:
        # "…, 762.0221/11–1558, Confidential." — the marking after a comma of the citation
        last = sentences[0].rstrip(".").rsplit(",", 1)[-1]
        found = parse_sentence(last)
        if found is not None and found.level is not None:
            return found
    return None


def _with_following_caveats(found: Classification, rest: list[str]) -> Classification:
    """The 1950s printed "Security Information" and later volumes "Eyes Only" as
    sentences of their own after the level; each is part of the marking."""
    caveats = list(found.caveats)
    for s in rest:
        more = parse_sentence(s)
        if more is None or more.level is not None or not all(caveat_of(c) for c in more.caveats):
            break
        caveats += [c for c in more.caveats if c not in caveats]
    if len(caveats) == len(found.caveats):
        return found
    return Classification(level=found.level, caveats=tuple(caveats))


def from_smallcaps(words: list[str]) -> Classification | None:
    """The old volumes' opener marking: "confidential", "secret us urgent", "niact"."""
    level: str | None = None
    caveats: list[str] = []
    for raw in words:
        text = " ".join(raw.split()).strip(" ,.[]")
        if not text:
            continue
        lvl = level_of(text)
        if lvl:
            level = level or lvl
            text = text[_LEVEL_RE.match(text).end():].strip(" ,")
        if not text:
            continue
        c = caveat_of(text)
        if c:
            caveats.append(c)
        elif lvl:
            caveats.append(text)
    if level is None and not caveats:
        return None
    return Classification(level=level, caveats=tuple(dict.fromkeys(caveats)))
