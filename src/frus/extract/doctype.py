"""Document type from the title (and, for untitled kinds, the apparatus).

The vocabulary is fixed; every document gets exactly one slug:

==========================  =====================================================
slug                        what the title says
==========================  =====================================================
``editorial-note``          "Editorial Note"
``telcon``                  a transcript or memorandum of a telephone conversation
``memcon``                  "Memorandum of (a) Conversation", "Record of Conversation",
                            "Conversation Among President Nixon, …" (tape transcripts)
``minutes``                 minutes, summary records, summaries of conclusions,
                            records of action, notes or memoranda of a meeting or
                            discussion ("Memorandum of Discussion at the 185th
                            Meeting of the National Security Council")
``intelligence-estimate``   National / Special National Intelligence Estimates
``nsdm``                    presidential decision directives: NSDM, NSAM, NSDD,
                            Presidential Directive
``nssm``                    study directives: NSSM, Presidential Review Memorandum, NSSD
``nsc-paper``               numbered NSC papers and reports, NSC intelligence directives
``circular``                circular telegrams, airgrams, instructions, notes
``telegram``                telegrams, cables, cablegrams, backchannel cables
``airgram``                 airgrams
``despatch``                despatches (a post reporting to the Department)
``instruction``             instructions (the Department instructing a post)
``letter``                  letters
``note``                    diplomatic notes, notes verbales, aides-mémoire
``message``                 messages (head-of-state, oral, backchannel messages)
``memorandum``              every other memorandum (action, information, briefing,
                            for the record, intelligence memoranda)
``paper``                   papers, position/briefing/talking papers, studies, drafts
``report``                  reports
``other``                   anything else (addresses, statements, treaties, diaries)
==========================  =====================================================

Rules run in that order on the title's kind phrase, so "Memorandum of
Conversation" is a ``memcon`` before it can be a ``memorandum`` and
"Circular Telegram" a ``circular`` before a ``telegram``.

Titles of the 1861–1951 style name no kind ("Mr. Seward to Mr. Adams.",
"The Secretary of State to the Ambassador in Russia (Francis)").  For them:

1. ``telegram`` when the source notes say so ("[Telegram]", "861.00/2776:
   Telegram"), or ``circular`` for "[Circular telegram]"; ``airgram`` for
   "Airgram".  A text copy, which loses the bracketed note, is also a
   telegram when its body opens with a telegram serial and a reference to
   another telegram ("1891. Your 2061, December 8, 9 p.m., …").
2. from the Department (the sender is the Secretary or Acting Secretary of
   State, a Secretary of State by name in office that year, or the dateline
   opens "Department of State") to a United States post → ``instruction``;
   to a foreign diplomat or government → ``note``.
3. to the Department from a United States post → ``despatch``; from a
   foreigner → ``note``.
4. otherwise ``note`` when either party is foreign, else ``letter``.

A party is foreign when its role carries a nationality ("the British
Ambassador"), its name a foreign or noble style (Señor, Baron, Earl,
Prince, M. …), or the dateline a foreign legation or ministry ("Legation
of Mexico in the United States", "Foreign Office").
"""

from __future__ import annotations

import re

from frus.extract.parties import TitleParts
from frus.model import Party

TYPES = (
    "editorial-note",
    "telcon",
    "memcon",
    "minutes",
    "intelligence-estimate",
    "nsdm",
    "nssm",
    "nsc-paper",
    "circular",
    "telegram",
    "airgram",
    "despatch",
    "instruction",
    "letter",
    "note",
    "message",
    "memorandum",
    "paper",
    "report",
    "other",
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (slug, re.compile(pattern, re.I))
    for slug, pattern in (
        ("editorial-note", r"^editorial note\b"),
        ("telcon", r"\btelephone\b|\btelcon\b|\bphone (?:call|conversation)\b"),
        ("memcon", r"\b(?:memorand(?:um|a)|record|notes?|minutes|summary|report)\s+of\s+(?:a\s+|the\s+)?(?:private\s+|informal\s+)?conversations?\b|\bconversation\s+(?:record|memorandum)\b|^memcon\b|^(?:transcript\s+of\s+(?:a\s+)?)?conversations?\s+(?:between|among|with)\b"),
        ("minutes", r"\bminutes\b|\bsummary\s+(?:record|minutes)\b|\bsummary\s+of\s+conclusions\b|\brecords?\s+of\s+actions?\b|\btranscript\s+of\s+(?:a\s+|the\s+)?(?:\w+\s+)?meeting\b|\brecord\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:meeting|discussion|session|conference)|\b(?:memorand(?:um|a)|notes?|summary|record)\s+(?:of|on)\s+(?:the\s+|a\s+)?(?:[\w–-]+\s+){0,3}(?:meeting|discussion|conference|session)s?\b|\bnotes\s+(?:from|of|on|taken)\b"),
        ("intelligence-estimate", r"\b(?:special\s+)?national\s+intelligence\s+estimate\b|\bintelligence\s+estimate\b|^s?nie\b"),
        ("nsdm", r"\bnational\s+security\s+(?:decision|action)\s+(?:memorand(?:um|a)|directive)\b|\bns(?:dm|am|dd)\b|\bpresidential\s+directive\b"),
        ("nssm", r"\bnational\s+security\s+study\s+(?:memorand(?:um|a)|directive)\b|\bns(?:sm|sd)\b|\bpresidential\s+review\s+memorand(?:um|a)\b|\bstudy memorandum\b"),
        ("nsc-paper", r"^nsc\s+\d|\bnational\s+security\s+council\s+(?:report|paper|intelligence\s+directive|directive|action)\b|\breport\s+(?:to|by)\s+the\s+national\s+security\s+council\b|\bstatement\s+of\s+policy\s+by\s+the\s+national\s+security\s+council\b|\bnote\s+by\s+the\s+executive\s+secretary\s+(?:of|to)\s+the\s+national\s+security\s+council\b|\bnscid\b"),
        ("circular", r"\bcircular\b"),
        ("telegram", r"\btelegrams?\b|\bcable(?:gram)?s?\b|\bbackchannel\s+(?:cable|telegram)\b|\bflash\s+message\b"),
        ("airgram", r"\bairgrams?\b"),
        ("despatch", r"\b(?:despatch|dispatch)(?:es)?\b"),
        ("instruction", r"^instructions?\b"),
        ("letter", r"\bletters?\b"),
        ("note", r"^(?:diplomatic\s+|oral\s+|verbal\s+)?notes?(?:\s+verbale)?\b(?!\s+(?:of|on|from|taken|for\s+the\s+record))|\baide[-\s]m[ée]moire\b|\bnote\s+verbale\b|\bpro\s+memoria\b"),
        ("message", r"\bmessages?\b"),
        ("memorandum", r"\bmemorand(?:um|a)\b|\bmemo\b"),
        ("paper", r"\bpapers?\b|\bstudy\b|\bstudies\b|\btalking\s+points\b|\bdraft\b|\bposition\b|\bbrief\b|\banalysis\b|\bassessment\b|\bappraisal\b|\bscope\b|\boutline\b|\bchronology\b"),
        ("report", r"\breports?\b"),
    )
)

#: the Secretaries of State, with their years in office, to recognise
#: "Mr. Seward" as the Department in a title that names no office
SECRETARIES_OF_STATE: dict[str, tuple[int, int]] = {
    "Seward": (1861, 1869),
    "Washburne": (1869, 1869),
    "Fish": (1869, 1877),
    "Evarts": (1877, 1881),
    "Blaine": (1881, 1892),
    "Frelinghuysen": (1881, 1885),
    "Bayard": (1885, 1889),
    "Foster": (1892, 1893),
    "Gresham": (1893, 1895),
    "Olney": (1895, 1897),
    "Sherman": (1897, 1898),
    "Day": (1898, 1898),
    "Hay": (1898, 1905),
    "Root": (1905, 1909),
    "Bacon": (1909, 1909),
    "Knox": (1909, 1913),
    "Bryan": (1913, 1915),
    "Lansing": (1915, 1920),
    "Colby": (1920, 1921),
    "Hughes": (1921, 1925),
    "Kellogg": (1925, 1929),
    "Stimson": (1929, 1933),
    "Hull": (1933, 1944),
}
_DEPARTMENT_ROLE = re.compile(r"^(?:Acting\s+)?Secretary of State$|^Department(?: of State)?$|^Assistant Secretary of State$")
_NATIONALITY = re.compile(
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|ch|sh|ic|i|er)|Dutch|Swiss|Greek|Thai|Turkish|French|British|Soviet|Papal|Imperial)\s+"
    r"(?:Ambassador|Minister|Chargé|Embassy|Legation|Consul|Government|Foreign|Delegation|Representative|Prime|Secretary|Special|Delegate)"
)
_FOREIGN_NAME_STYLE = frozenset(
    "Señor Senor Señora Senhor Signor Herr Monsieur M. Mme. Baron Count Prince Earl Lord Marquis Marquess Viscount "
    "Duke Chevalier Sir Don".split()
)
_FOREIGN_DATELINE = re.compile(
    r"(?i)^(?:(?:imperial|royal|russian|british|french|her majesty['’]s|his majesty['’]s)\b.*\b(?:legation|embassy)|"
    r"(?:legation|embassy)\s+of\s+(?!the united states)|foreign office|ministry|minist[eè]re|department of foreign affairs|"
    r"palace|government house)"
)
_US_DATELINE = re.compile(r"(?i)^(?:legation|embassy|consulate|consulate general)\s+of\s+the\s+united\s+states|^united\s+states\s+(?:legation|consulate|embassy)|^american\s+(?:legation|embassy|consulate)")
_TELEGRAM_NOTE = re.compile(r"(?i)\btelegram\b|\bcablegram\b|\bcable\b")
_CIRCULAR_NOTE = re.compile(r"(?i)\bcircular\b")
_AIRGRAM_NOTE = re.compile(r"(?i)\bairgram\b")
_TELEGRAM_OPENING = re.compile(r"^\d{1,6}\.\s+(?:Your|My|Department['’]s|Embassy['’]s|Our)\s+(?:No\.\s*)?\d+")


def type_from_kind(kind: str) -> str | None:
    """The slug for a title's kind phrase ("Memorandum of Conversation" → memcon), or None."""
    kind = " ".join(kind.split())
    if not kind:
        return None
    for slug, pattern in _RULES:
        if pattern.search(kind):
            return slug
    return None


def classify(
    parts: TitleParts,
    *,
    provenance: str = "",
    dateline: str = "",
    year: int | None = None,
    body_opening: str = "",
) -> str:
    """The document type slug (see the module docstring for the rules)."""
    slug = type_from_kind(parts.kind)
    if slug:
        return slug
    if not parts.kind and (parts.senders or parts.recipients):
        return _untitled_kind(parts, provenance, dateline, year, body_opening)
    return "other"


def _untitled_kind(
    parts: TitleParts,
    provenance: str,
    dateline: str,
    year: int | None,
    body_opening: str,
) -> str:
    if _CIRCULAR_NOTE.search(provenance):
        return "circular"
    if _TELEGRAM_NOTE.search(provenance) or _TELEGRAM_OPENING.match(body_opening):
        return "telegram"
    if _AIRGRAM_NOTE.search(provenance):
        return "airgram"
    dateline = dateline.strip()
    from_dept = any(_is_department(p, year) for p in parts.senders) or dateline.lower().startswith("department of state")
    to_dept = any(_is_department(p, year) for p in parts.recipients)
    sender_foreign = (
        any(_is_foreign(p) for p in parts.senders)
        or is_foreign_name(parts.from_text)
        or bool(_FOREIGN_DATELINE.search(dateline))
    )
    recipient_foreign = any(_is_foreign(p) for p in parts.recipients) or is_foreign_name(parts.to_text)
    if from_dept and not to_dept:
        return "note" if recipient_foreign else "instruction"
    if to_dept and not from_dept:
        if sender_foreign and not _US_DATELINE.search(dateline):
            return "note"
        return "despatch"
    if sender_foreign or recipient_foreign:
        return "note"
    return "letter"


def _is_department(p: Party, year: int | None) -> bool:
    if p.role and _DEPARTMENT_ROLE.match(p.role):
        return True
    if p.name and not p.role:
        surname = p.name.split()[-1]
        span = SECRETARIES_OF_STATE.get(surname)
        if span and (year is None or span[0] <= year <= span[1]):
            # "F. W. Seward" was the Assistant Secretary writing for the Department
            return True
    return False


def _is_foreign(p: Party) -> bool:
    if p.role and _NATIONALITY.match(p.role):
        return True
    if p.role and p.role in _FOREIGN_NAME_STYLE:
        return True
    return False


def is_foreign_name(printed: str) -> bool:
    """Does a printed party start with a foreign or noble style ("Señor Romero", "Earl Granville")?"""
    words = printed.split()
    return bool(words) and words[0] in _FOREIGN_NAME_STYLE
