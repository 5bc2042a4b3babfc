"""Evidence about who a mention is: offices, titles, dates.

The linker finds a surname and a set of candidates; these functions weigh
what the text says around it against what the register knows of each
candidate — the offices they held and when, the rank printed with their
name — and turn "the Attorney General" into an office to look up.  Kept
apart from the linker because they are the part a historian will want to
read and argue with.
"""

from __future__ import annotations

import re
from functools import lru_cache

from frus.entities.names import fold
from frus.entities.offices import Office, volume_span
from frus.model import DocDate

_MISTER = frozenset({"mr", "mrs", "ms", "mister", "miss", "messrs", "madame", "madam", "mme", "monsieur", "herr"})
_TITLE_ALIASES = {
    "gen": "general", "adm": "admiral", "col": "colonel", "sen": "senator", "gov": "governor",
    "amb": "ambassador", "capt": "captain", "maj": "major", "lt": "lieutenant", "rep": "representative",
    "pres": "president", "secy": "secretary", "sec": "secretary", "generals": "general",
    "ambassadors": "ambassador", "senators": "senator", "cdr": "commander", "brig": "brigadier",
}
_MILITARY = ("general", "admiral", "colonel", "captain", "major", "lieutenant", "marshal", "brigadier", "commander")
#: words that qualify an office without changing it ("Soviet Foreign Minister")
_OFFICE_QUALIFIERS = frozenset({"deputy", "assistant", "under", "vice", "acting", "executive", "special", "first",
                                "second", "former", "chief", "principal", "senior", "junior", "associate"})


@lru_cache(maxsize=50_000)
def norm_office(title: str) -> str:
    t = fold(title)
    return re.sub(r"^(the|u s|us|united states)\s+", "", t)


#: nouns that make a phrase an office held by a person ("the Department of
#: State" holds none)
_PERSON_NOUNS = frozenset(
    "president secretary minister ambassador general director chairman adviser advisor assistant "
    "counselor governor senator chief attorney administrator representative premier chancellor king "
    "queen shah prince commander admiral deputy officer coordinator spokesman mayor leader head emir "
    "sultan commissioner envoy negotiator consul executive comptroller treasurer speaker judge".split()
)


def office_keys(phrase: str) -> set[str]:
    p = norm_office(phrase)
    # one capitalised word is a person's office only for these two; "the
    # Embassy" or "the Department" are not persons
    if not p or (" " not in p and p not in ("president", "secretary")):
        return set()
    if not _PERSON_NOUNS & set(p.split()) or "assembly" in p.split():
        return set()  # "the General Assembly" is a body, not its president
    keys = {p}
    if p in ("president", "vice president"):
        keys.add(p + " of the united states")
    if p in ("secretary", "under secretary", "deputy secretary"):
        keys.add(p + " of state")
        keys.discard(p)
    return keys


def default_span(office: Office):
    """An office printed without dates holds for the span of the volume
    that prints it."""
    if office.source and office.source.startswith("frus"):
        return volume_span(office.source)
    return None



def day_of(date) -> str | None:
    if date is None:
        return None
    value = (date.min or date.max) if isinstance(date, DocDate) else str(date)
    if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    if value and re.fullmatch(r"\d{4}", value):
        return f"{value}-07-01"
    return None


def alive(c, day: str) -> bool:
    """Could the papers of ``day`` name this person?  Not before they were
    born; the dead are named all the time ("Public Papers: Kennedy")."""
    return c.birth is None or c.birth + 12 <= int(day[:4])


def title_score(title: str, c, day: str | None) -> float:
    """How well a title before the name fits a candidate: an office the
    candidate held that starts with it scores high (held on the date:
    higher), a rank in the list entry likewise, a clash scores below zero."""
    t = fold(title).rstrip(" .")
    t = _TITLE_ALIASES.get(t, t)
    if t in _MISTER:
        # a sitting President, a general or a king is not "Mr. Johnson"
        score = 0.0
        if c.name.titles and any(fold(x) not in ("dr", "sir", "mr", "mrs") for x in c.name.titles):
            score -= 1.0
        for o in c.offices:
            if re.match(r"(vice )?president of the united states$", norm_office(o.title)) and (
                day is None or o.covers(day, default_span(o))
            ):
                score -= 2.0
                break
        return score
    if t in ("dr", "doctor", "professor", "comrade", "herr"):
        return 0.0
    best = -3.0
    for o in c.offices:
        norm = norm_office(o.title)
        words = norm.split()
        if words and words[0] not in _OFFICE_QUALIFIERS and not norm.startswith(t) and " ".join(words[1:]).startswith(t):
            norm = " ".join(words[1:])  # "soviet foreign minister" → "foreign minister"
        if norm == t or norm.startswith(t + " ") or norm.startswith(t + ","):
            score = 3.0
            if t == "president" and not norm.startswith("president of the united states") and norm != "president":
                score = 2.0  # "President Eisenhower" over Milton, President of Johns Hopkins
            if day and o.covers(day, default_span(o)):
                score += 1.0
            best = max(best, score)
    for x in c.name.titles:
        if _TITLE_ALIASES.get(fold(x), fold(x)) == t or fold(x).endswith(" " + t):
            best = max(best, 3.0)
    if best < 0 and t in _MILITARY:
        marks = " ".join(fold(o.title) for o in c.offices) + " " + " ".join(fold(x) for x in c.name.titles)
        if any(w in marks.split() for w in _MILITARY + ("usa", "usaf", "usn", "usmc")):
            best = 2.0
    return best


def role_score(role: str, c) -> float:
    words = {w for w in re.findall(r"[a-z]+", fold(role)) if w not in ("the", "of", "for", "and", "to", "s")}
    if not words:
        return 0.0
    best = 0.0
    for o in c.offices:
        ow = {w for w in re.findall(r"[a-z]+", fold(o.title)) if w not in ("the", "of", "for", "and", "to", "s")}
        if ow:
            best = max(best, len(words & ow) / len(words | ow))
    return best
