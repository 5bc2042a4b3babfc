"""Documents FRUS mentions but does not print, as cited by one document.

Read from the apparatus in the editors' order (source note, then the
footnotes), and from two places in the body:

* every document mention in a note (:mod:`frus.references.mentions`) that
  says which document it is — a number, a date or a party — and is not
  pointed to as printed ("telegram 952 from Taipei (Document 279)",
  "Telegram 531, June 13, p. 424");
* a bare note such as "Not printed." or "Not found." describes the words
  just before its marker: "Your 4760, April 26, 7 p.m.¹", "a memorandum
  report¹" — those are read from the body, with "your"/"my" turned into
  the citing document's recipient/sender;
* "Attached is a fact sheet prepared by Art Downey …" in the body:
  status "attached" (FRUS may print it as the document's attachment, or
  not at all).

Each mention gets a status from the words nearest it in its sentence —
"not declassified", "not found", "not printed", "attached" (an attached
paper, or one "attached to the source text") or "mentioned" — and the
archival citation that closes its passage, with "Ibid." expanded
(:mod:`frus.references.archives`).  A mention whose kind is also an
ordinary word ("report to Washington", "notes") needs a determiner, a
date or a number; one introduced by "the" needs a date, a number or both
parties, because "the letter to Kissinger" is usually the printed
document itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frus.model import Document, Party, to_dict
from frus.references import archives
from frus.references.citations import scan
from frus.references.mentions import DATE_PATTERN, Mention, find_mentions, fronted_sender
from frus.references.passages import Passage, body_passages, marker_context, mentions_word, note_passages
from frus.references.when import iso_date

#: strongest first: a citation's status is the strongest its words support
STATUSES = ("not declassified", "not found", "not printed", "attached", "mentioned")

_STATUS_WORDS = (
    ("not declassified", re.compile(r"\bnot\s+(?:been\s+)?declassified\b", re.I)),
    (
        "not found",
        re.compile(
            r"\bnot\s+(?:been\s+)?(?:found|located|identified)\b|\bnot\s+be\s+(?:found|located)\b|"
            r"\bno\s+(?:copy|record|text|trace)\b[^.;]{0,80}?\b(?:found|located)\b|\bhas\s+not\s+been\s+found\b|\bcannot\s+be\s+(?:found|located)\b",
            re.I,
        ),
    ),
    ("not printed", re.compile(r"\bnot\s+(?:printed|reproduced|included)\b", re.I)),
    ("attached", re.compile(r"\battached\b|\benclosed\b|\binclosed\b|\bTab\s+[A-Z]\b", re.I)),
)

#: kinds that are also ordinary words; they need a determiner, a number or a date
_AMBIGUOUS = {"report", "note", "paper", "study", "minutes", "message", "transcript", "circular", "enclosure", "instruction"}

_SENTENCE_END = re.compile(r"[.!?][”\"’)]*\s+(?=[A-Z“\"(\[])")
#: words whose full stop does not end a sentence: "No. 5", "Vol. 3", "Mr. Kohler", "Oct. 28", "J. F."
_ABBREVIATION = re.compile(
    r"(?:\b(?:No|Nos|Vol|Vols|p|pp|Mr|Mrs|Dr|St|Jr|Sr|Gen|Adm|Col|Lt|Amb|Sen|Gov|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
    r"Oct|Nov|Dec|Dept|Doc|ca|cf|vs|Ibid|ibid|Co|Inc|Ltd|U\.S|U\.N|D\.C)|\b[A-Z])$"
)
_PRINTED_GAP = re.compile(
    r"^[\s,;:(\[]*(?:(?:which\s+|that\s+)?(?:is|was|are|were)\s+)?(?:(?:also\s+)?printed\b[^.;]{0,40}?|see\s+(?:also\s+)?)?$",
    re.I,
)
_DATED = re.compile(rf"^Dated\s+(?P<date>{DATE_PATTERN})")
_PRINTED_BEFORE = re.compile(r"^[\s,]*(?:is|are|was|were)\s+$")
_ATTACHED_BODY = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:Attached\s+(?:hereto\s+|herewith\s+|for\s+your\s+(?:information|approval|signature|review|consideration)\s+)?(?:is|are)"
    r"|Enclosed\s+(?:herewith\s+)?(?:is|are)|I\s+(?:am\s+)?(?:attach|enclos)(?:e|ing))\s+"
)
_CONTEXT_NOTE = re.compile(
    r"^\[?(?:(?:[A-Z][\w’'-]*\s+){0,4}(?:No\.\s*\d+\s+)?(?:(?:was|is|has|have|were)\s+)?(?:been\s+)?"
    r"(?:not\s+(?:printed|found|located|declassified)|printed)|Dated\b|Neither\b)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class UnprintedCitation:
    """One place where a document cites one unprinted document."""

    #: the citing document's id and where in it: "body" or a footnote id
    doc: str
    where: str
    offset: int
    #: telegram, memorandum, letter, note, … ; None when the words say only "Not printed"
    kind: str | None
    number: str | None = None
    #: ISO date (``YYYY-MM-DD`` or ``YYYY-MM``) when derivable, and the words it came from
    date: str | None = None
    date_text: str | None = None
    time: str | None = None
    sender: str | None = None
    recipient: str | None = None
    #: the archival citation, with "Ibid." expanded
    location: str | None = None
    status: str = "mentioned"
    #: the mention as printed ("an attached telegram (6440 from Moscow, October 28)")
    description: str = ""
    #: the sentence it stands in
    context: str = ""

    def to_dict(self) -> dict:
        return to_dict(self)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            continue
        spans.append((start, m.start() + 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e or (pos == e and s <= pos):
            return s, e
    return spans[-1]


def _party_name(party: Party | None) -> str | None:
    if party is None:
        return None
    return party.name or party.role


def _voice(mention: Mention, doc: Document) -> tuple[str | None, str | None]:
    """ "my telegram" is the citing document's sender's; "your 4760" its recipient's."""
    sender = mention.sender
    if mention.voice == "@sender" and not sender:
        sender = _party_name(doc.senders[0] if doc.senders else None)
    elif mention.voice == "@recipient" and not sender:
        sender = _party_name(doc.recipients[0] if doc.recipients else None)
    return sender, mention.recipient


def _acceptable(m: Mention, status: str | None) -> bool:
    if m.determiner in ("this", "these", "that", "those"):
        return False  # the document itself, or one named before
    if m.kind == "note" and m.number and not (m.dates or m.determiner or m.sender or m.recipient):
        return False  # "Note 1.": a numbered note of a paper
    if m.kind == "enclosure" and status not in ("not printed", "not found", "not declassified"):
        return False  # "[Inclosure 3 in No. 45.]" heads an enclosure FRUS prints
    if not m.identified:
        return False
    if m.kind in _AMBIGUOUS and not (m.determiner or m.number or m.dates or m.adjectives or m.sender and m.text[:1].isupper()):
        return False
    if m.determiner == "the" and not (m.number or m.dates or (m.sender and m.recipient) or status in ("not printed", "not found", "not declassified")):
        return False
    return True


def _implicit_kind(doc: Document) -> str:
    return {"despatch": "despatch", "instruction": "instruction", "note": "note", "letter": "letter"}.get(doc.type or "", "telegram")


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out: list[UnprintedCitation] = []
        self.previous_archive: str | None = None
        self.contexts = None

    # -- building ---------------------------------------------------------

    def _date(self, m: Mention) -> tuple[str | None, str | None]:
        for text in m.dates:
            found = iso_date(text, self.doc.date)
            if found:
                return found, text
        return None, (m.dates[0] if m.dates else None)

    def _citation(self, where: str, m: Mention, status: str, context: str, *, body: bool = False) -> UnprintedCitation:
        sender, recipient = _voice(m, self.doc) if body else (m.sender, m.recipient)
        iso, date_text = self._date(m)
        return UnprintedCitation(
            doc=self.doc.id,
            where=where,
            offset=m.start,
            kind=m.kind,
            number=m.number,
            date=iso,
            date_text=date_text,
            time=m.time,
            sender=sender or m.author,
            recipient=recipient,
            status=status,
            description=m.text,
            context=" ".join(context.split()),
        )

    # -- notes ------------------------------------------------------------

    def note(self, passage: Passage) -> None:
        text = passage.text
        is_source = passage.kind == "source"
        # a "Source:" note's first sentence is the archival citation of the document itself
        note_text_start = 0
        if is_source and text.lstrip("[").startswith("Source:"):
            cite = archives.source_citation(text)
            if cite:
                self.previous_archive = cite
                note_text_start = _after_first_sentence(text)
        if passage.kind == "excision":
            return
        cites = []
        for start, end, body, form in archives.find(text):
            resolved = archives.resolve_ibid(body, self.previous_archive)
            if resolved:
                self.previous_archive = resolved
            cites.append((start, end, resolved, form))
        mentions = [
            m
            for m in find_mentions(text)
            if m.start >= note_text_start and not any(s <= m.start < e for s, e, _, form in cites if form == "paren")
        ]
        context_note = not is_source and _CONTEXT_NOTE.match(text)
        if not mentions and not context_note:
            return
        spans = _sentences(text)
        pointers = [(c.start, c.end) for c in scan(text, self.doc.volume_id) if c.kind in ("document", "page", "footnote")]
        pointers += [(r.start, r.end) for r in passage.refs]
        statuses = _statuses(text, mentions, spans)
        accepted: list[tuple[Mention, str]] = []
        for m in mentions:
            status = statuses.get(m.start)
            if _printed(text, m, pointers) or not _acceptable(m, status):
                continue
            if not m.sender:
                front = fronted_sender(text, m)
                if front:
                    m = replace(m, sender=front)
            if status is None:
                status = "attached" if re.search(r"\b(?:attached|enclosed)\b", m.adjectives) else "mentioned"
            accepted.append((m, status))
        if not accepted and context_note and not pointers:
            self._from_marker(passage, text, cites)
            return
        if len(accepted) == 1 and accepted[0][1] == "mentioned":
            whole = _note_status(text)
            if whole:
                accepted[0] = (accepted[0][0], whole)
        located = _locate([m for m, _ in accepted], [s for _, s in accepted], cites, mentions, spans, text)
        for (m, status), location in zip(accepted, located):
            s, e = _sentence_of(spans, m.start)
            cit = self._citation(passage.where, m, status, text[s:e])
            self.out.append(replace(cit, location=location))

    def _from_marker(self, passage: Passage, text: str, cites: list) -> None:
        """ "Not printed." — the document is named by the words before the marker."""
        if self.contexts is None:
            self.contexts = marker_context(self.doc)
        dated = _DATED.match(text)
        # "Dated March 12." only dates the paper; "Not printed." / "Not found." say what became of it
        status = _note_status(text) or ("mentioned" if dated else "not printed")
        location = cites[0][2] if cites else None
        own = find_mentions(text)
        found = self.contexts.get(passage.where)
        mention = None
        context = ""
        if found is not None:
            ctx_passage, offset = found
            before = ctx_passage.text[max(0, offset - 300):offset]
            candidates = find_mentions(before, implicit_kind=_implicit_kind(self.doc))
            near = [m for m in candidates if len(before) - m.end <= 80 and m.determiner not in ("this", "these")]
            if near:
                mention = near[-1]
            context = _last_clause(before)
        if mention is None and own:
            mention = own[0]  # "Telegram not printed."
        if mention is None:
            if len(context.split()) < 4 or context.istitle():
                return  # "Michael V. Forrestal¹": a signature says nothing about what is unprinted
            date_text = dated.group("date").strip() if dated else None
            self.out.append(
                UnprintedCitation(
                    doc=self.doc.id,
                    where=passage.where,
                    offset=0,
                    kind=None,
                    date=iso_date(date_text, self.doc.date) if date_text else None,
                    date_text=date_text,
                    location=location,
                    status=status,
                    description=context,
                    context=context,
                )
            )
            return
        if dated and not mention.dates:
            mention = replace(mention, dates=(dated.group("date").strip(),))
        cit = self._citation(passage.where, mention, status, context or text, body=found is not None)
        self.out.append(replace(cit, location=location, offset=0))

    # -- body -------------------------------------------------------------

    def attached(self, passage: Passage) -> None:
        """ "Attached is a fact sheet prepared by Art Downey …"."""
        text = passage.text
        for a in _ATTACHED_BODY.finditer(text):
            mentions = find_mentions(text[a.end():a.end() + 300])
            if not mentions or mentions[0].start != 0:
                continue
            m = mentions[0]
            m = replace(m, start=m.start + a.end(), end=m.end + a.end())
            if m.determiner in ("this", "these") or not m.identified:
                continue
            spans = _sentences(text)
            s, e = _sentence_of(spans, a.start())
            self.out.append(self._citation("body", m, "attached", text[s:e], body=True))


def _after_first_sentence(text: str) -> int:
    cite = archives.source_citation(text)
    if not cite:
        return 0
    probe = cite[-20:]
    at = text.find(probe)
    return at + len(probe) if at >= 0 else 0


def _printed(text: str, m: Mention, pointers: list[tuple[int, int]]) -> bool:
    """Is the mention pointed to as printed: "(Document 279)", ", p. 424", "is
    printed as Document 7" after it, or "printed as Document 92 is" before it?"""
    for start, end in pointers:
        if m.end <= start <= m.end + 60 and _PRINTED_GAP.match(text[m.end:start]):
            return True
        if m.start <= start < m.end:
            return True
        if m.start - 12 <= end <= m.start and _PRINTED_BEFORE.match(text[end:m.start]):
            return True
    return False


def _statuses(text: str, mentions: list[Mention], spans) -> dict[int, str]:
    """Each status phrase goes to the nearest mention before it in its sentence (else the first after)."""
    found: dict[int, str] = {}
    for status, pattern in _STATUS_WORDS:
        for hit in pattern.finditer(text):
            s, e = _sentence_of(spans, hit.start())
            inside = [m for m in mentions if s <= m.start < e]
            before = [m for m in inside if m.start <= hit.start()]
            if status == "attached":
                # "attached" in a mention's own words or right after it
                target = next((m for m in reversed(before) if hit.start() <= m.end + 40), None)
            else:
                target = before[-1] if before else (inside[0] if inside else None)
            if target is None:
                continue
            current = found.get(target.start)
            if current is None or STATUSES.index(status) < STATUSES.index(current):
                found[target.start] = status
    return found


def _note_status(text: str) -> str | None:
    for status, pattern in _STATUS_WORDS:
        if status != "attached" and pattern.search(text):
            return status
    return None


def _locate(
    accepted: list[Mention],
    statuses: list[str],
    cites: list[tuple[int, int, str | None, str]],
    mentions: list[Mention],
    spans: list[tuple[int, int]],
    mentions_text: str = "",
) -> list[str | None]:
    """The archival citation of each accepted mention.

    "(National Archives, …)" closes a passage: the first mention since the
    previous citation gets it, and so do papers attached to it.  "… is in
    the Johnson Library" places the subject of its own sentence, which may
    be a mention we did not keep ("The transcript … is ibid.").
    """
    out: list[str | None] = [None] * len(accepted)
    index = {m.start: i for i, m in enumerate(accepted)}
    previous_end = 0
    for start, end, location, form in cites:
        if form == "is-in":
            s, _ = _sentence_of(spans, start)
            s = max(s, _clause_start(start, mentions_text))
            subject = next((m for m in reversed(mentions) if s <= m.start < start), None)
            if subject is not None and subject.start in index and out[index[subject.start]] is None:
                out[index[subject.start]] = location
            previous_end = end
            continue
        segment = [i for i, m in enumerate(accepted) if previous_end <= m.start < start]
        for n, i in enumerate(segment):
            if out[i] is None and (n == 0 or statuses[i] == "attached"):
                out[i] = location
        previous_end = end
    return out


def _clause_start(pos: int, text: str) -> int:
    """Where the clause holding ``pos`` begins: after the last ";" before it."""
    return text.rfind(";", 0, pos) + 1


def _last_clause(before: str) -> str:
    cut = max(before.rfind(". "), before.rfind("; "), before.rfind(": "), before.rfind("]"))
    return " ".join(before[cut + 1:].split()).strip(" ,") if cut >= 0 else " ".join(before.split()).strip(" ,")


_MAY_ATTACH = mentions_word("ttach", "nclos")


def unprinted_citations(doc: Document) -> tuple[UnprintedCitation, ...]:
    """Every unprinted document ``doc`` cites: its notes in order, then the body's attached papers."""
    reader = _Reader(doc)
    for passage in note_passages(doc):
        reader.note(passage)
    for passage in body_passages(doc, _MAY_ATTACH):
        reader.attached(passage)
    return tuple(reader.out)
