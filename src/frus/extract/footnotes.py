"""Footnote kinds.

Every footnote gets one kind.  The rules are tried in this order and the
first that fires wins:

1. ``source`` — the document's source note (``is_source``, or a note
   opening "Source:"), and notes that only give provenance of the document
   or an attachment: a classification sentence ("Secret; Sensitive;
   Outside System." on an attachment's head) or a drafting line ("Drafted
   by Gleason on Mar. 5.").
2. ``excision`` — the note is itself withheld text: it opens with a
   bracketed "[5 lines not declassified]" or says a passage or notation
   "was not declassified".
3. ``editorial`` (printing) — "Printed from a copy that bears …", "The
   source text is not signed", "[Footnote in the original.]": how the text
   was established, which would otherwise read as an annotation.
4. ``crossref`` when the note opens with a pointer to a printed document:
   "See Document 65", "Document 163.", "Printed as Document 7", "See
   footnote 2, Document 88", "Ante, p. 284", "For text, see …".
5. ``unprinted`` when the note describes a document FRUS does not print:
   "Not printed", "not found", or it opens by naming one ("In a memorandum
   forwarding the status report …", "Telegram 532 from Nicosia …", "In an
   attached telegram (6440 from Moscow, October 28)").
6. ``annotation`` — what a reader did on this document: initialed,
   approved, disapproved, checked an option, wrote a response, a stamped
   or handwritten notation, "saw".
7. ``crossref`` when a printed document is pointed to anywhere in the note
   (a ``ref`` to ``#dN`` or "see Document N" later in the text).
8. ``unprinted`` when the note gives an archival location for what it
   describes ("(Ibid.)", "(National Archives, RG 59, …)", "is in the
   Johnson Library").
9. ``editorial`` — every other explanation (identifications, context).

The order decides mixed notes.  The seed memo's footnote 3 ("In a note to
Kissinger on October 29, Haig noted … On the basis of an attached telegram
(6440 from Moscow …) … Kissinger initialed the note. (Ibid.)") is
``unprinted``: it opens by describing Haig's unprinted note, and the
initialing is done on that note, not on the printed memorandum.  Its
footnote 5, "Secret; Sensitive; Outside System.", is the attachment's
provenance and therefore ``source``.
"""

from __future__ import annotations

import re

from frus.extract.classification import parse_sentence
from frus.model import Footnote

KINDS = ("source", "crossref", "unprinted", "annotation", "excision", "editorial")

_DOC_WORDS = (
    r"(?:memorand(?:um|a)|telegrams?|cables?|letters?|notes?|despatch(?:es)?|dispatch(?:es)?|airgrams?|messages?|"
    r"reports?|papers?|instructions?|circulars?|records?|minutes|paper|study|estimate|aide-m[ée]moire|"
    r"backchannel(?: message)?|briefing|transcript|draft|summary|list|response|reply|communication|note verbale|"
    r"covering|cover|attached|enclosed|undated|handwritten|personal)"
)

_EXCISION = re.compile(
    r"^\s*\[[^\]]*not declassified[^\]]*\]|\b(?:was|were|remains?|are|is)\s+not\s+declassified\b|^\s*\[[^\]]*(?:omitted|excised)[^\]]*\]",
    re.I,
)
_PRINTING = re.compile(
    r"^(?:Printed from|The (?:source )?text (?:is|was) (?:not )?(?:signed|initialed|printed)|The source text (?:bears|is)|"
    r"\[?Footnote in the (?:original|source text)|Brackets in the (?:original|source text)|All brackets are)",
    re.I,
)
_CROSSREF_LEAD = re.compile(
    r"^(?:\[?See\s+(?:also\s+)?(?:Part\s+\d+,\s+)?(?:Documents?|footnote|the editorial note|Editorial Note|p\.|pp\.|page|ante|post|vol\.|Foreign Relations)|"
    r"Documents?\s+\d|Printed\s+(?:as|below|above|here|in|ibid)|Ante,?\s|Post,?\s|Infra|Supra|"
    r"For (?:the )?(?:full |complete )?texts?\b[^.]*?\bsee\s+(?:also\s+)?(?:Documents?\b|Foreign Relations|footnote|p\.|pp\.|vol\.|ante|post|supra|infra|ibid|[Tt]elegram|the (?:editorial note|memorandum|telegram|letter|attachment|enclosure|minutes|paper|report)\b)|"
    r"Reference (?:here )?is to Document|Reference (?:here )?is to [^.]*?\b(?:p|pp)\.\s*\d+\.?$|Scheduled (?:to be|for) print|"
    r"[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?[.;]\s+See\s+(?:Document|footnote))",
    re.I,
)
_UNPRINTED_LEAD = re.compile(
    rf"^(?:(?:In|Under|With|By|Attached (?:to|is)|Enclosed (?:in|with)|According to)\s+(?:an?|the|his|her|their|its)\s+(?:[\w’'–-]+\s+){{0,4}}{_DOC_WORDS}\b|"
    rf"(?:In|By)\s+(?:telegram|airgram|despatch|dispatch|cable|letter|memorandum|note|message|Tosec|Secto|Tedul|Dulte|Cahto|Tocah)s?\s+[\w/–-]*\d|"
    rf"(?:Telegram|Airgram|Despatch|Dispatch|Cable|Circular|Tosec|Secto|Tedul|Dulte|Cahto|Tocah|Instruction|Memorandum|Letter|Note|Message)s?\s+(?:No\.\s*)?[\w/–-]*\d|"
    rf"(?:An?|The)\s+(?:[\w’'–-]+\s+){{0,4}}{_DOC_WORDS}\b[^.]*?\b(?:from|to|by|of)\b)",
)
_NOT_PRINTED = re.compile(
    r"\bnot\s+(?:been\s+)?(?:printed|found|located)\b|\bneither\s+(?:was\s+|has been\s+)?(?:found|printed|located)\b|"
    r"\bno (?:record|copy|text|memorandum|transcript)\b[^.]*\b(?:found|located)\b|\bnot printed\b",
    re.I,
)
_ANNOTATION = re.compile(
    r"\b(?:initialed|initialled|checked|saw|wrote|underlined|highlighted|circled|struck|crossed out|added by hand|"
    r"by hand|handwritten|stamped|notation|marginal|in the margin|annotated|indicated (?:approval|disapproval|neither)|"
    r"(?:dis)?approved(?=\s+(?:the|this|it|that|his|her|both|all|each|option|recommendation|on|by|and|with|in)\b|[,.;])|"
    r"signed(?=\s+(?:the|this|it|on|by|and|off)\b|[,.;]))",
    re.I,
)
_ANNOTATION_SUBJECT = re.compile(r"\b(?:this|the)\s+(?:memorandum|paper|telegram|letter|document|recommendation|source text|option|page|report|original|first page)\b", re.I)
_CROSSREF_ANY = re.compile(r"\bDocuments?\s+\d+[A-Z]?\b|\bForeign Relations,\s+\d{4}|\b(?:see|printed)\s+(?:p\.|pp\.|page)\s*\d+|\bante,?\s+p\.|\bpost,?\s+p\.", re.I)
_ARCHIVE_PAREN = re.compile(
    r"\((?:Ibid|ibid|National Archives|Department of State|Central Intelligence Agency|[A-Z][a-z]+ Library|Library of Congress|"
    r"Washington National Records Center|Nixon Presidential Materials|RG \d+|\d{3}[\w.]*/)"
    r"|\bis (?:in|filed in|attached to)\b[^.]*\b(?:National Archives|Library|Files?|Records?|Central Files|Lot)\b",
)
_DRAFTING_ONLY = re.compile(r"^(?:Drafted|Prepared|Typed)\s+(?:by|in|on)\b")
_SOURCE_LEAD = re.compile(r"\[?Source\s*:")
_NOT_PRINTED_ALONE = re.compile(r"\[?Not (?:printed|found)\.?\]?", re.I)
_FIRST_SENTENCE_END = re.compile(r"(?<=\.)\s+")
_DOCUMENT_TARGET = re.compile(r"(?:^|#)d\d+[A-Za-z]?$")

# Keyword pre-checks.  A search of the rules' long alternations costs a
# step at every character of every note; most notes contain none of the
# words a rule needs, which a few substring tests tell much sooner (kinds
# of the corpus's 30,384 notes: 0.9-1.1 s -> 0.4-0.6 s).  Each list holds
# words that every match of its rule contains (lowercased for the
# case-blind rules), so skipping the rule when none is present never
# changes a kind; tests/test_extract_footnote_prechecks.py holds them to it.
_EXCISION_WORDS = ("declassified", "omitted", "excised")
_NOT_PRINTED_WORDS = ("printed", "found", "located")
_ANNOTATION_WORDS = (
    "initial", "checked", "saw", "wrote", "underlined", "highlighted", "circled", "struck", "crossed out",
    "hand", "stamped", "notation", "margin", "annotated", "indicated ", "approved", "signed",
)
_CROSSREF_ANY_WORDS = ("document", "foreign relations", "p.", "page")
_ARCHIVE_PAREN_WORDS = ("(", "is in", "is filed in", "is attached to")  # that rule is case-sensitive
#: letters a case-blind regex matches to an ASCII letter that ``str.lower``
#: does not lower to it (dotless i, long s, dotted capital I): a note with
#: one runs every rule in full
_CASE_TRAPS = ("\u0131", "\u017f", "\u0130")


def _lowered(text: str) -> str | None:
    """``text`` for the case-blind pre-checks, or None when they cannot be trusted on it."""
    if not text.isascii() and any(c in text for c in _CASE_TRAPS):
        return None
    return text.lower()


def _may(low: str | None, words: tuple[str, ...]) -> bool:
    return low is None or any(w in low for w in words)


def footnote_kind(note: Footnote) -> str:
    """The kind of one footnote (see the module docstring for the rules)."""
    text = " ".join((note.text or "").split())
    if note.is_source or _SOURCE_LEAD.match(text):
        return "source"
    if not text:
        return "editorial"
    if _is_provenance_only(text):
        return "source"
    low = _lowered(text)
    if _may(low, _EXCISION_WORDS) and _EXCISION.search(text):
        return "excision"
    if _PRINTING.match(text):
        return "editorial"
    if _CROSSREF_LEAD.match(text):
        return "crossref"
    if (
        _NOT_PRINTED_ALONE.fullmatch(text)
        or _UNPRINTED_LEAD.match(text)
        or _may(low, _NOT_PRINTED_WORDS) and _NOT_PRINTED.search(text)
    ):
        return "unprinted"
    if (
        _may(low, _ANNOTATION_WORDS)
        and _ANNOTATION.search(text)
        and (_ANNOTATION_SUBJECT.search(text) or len(text) < 200)
    ):
        return "annotation"
    if _may(low, _CROSSREF_ANY_WORDS) and _CROSSREF_ANY.search(text) or _points_to_document(note):
        return "crossref"
    if any(w in text for w in _ARCHIVE_PAREN_WORDS) and _ARCHIVE_PAREN.search(text):
        return "unprinted"
    return "editorial"


def _is_provenance_only(text: str) -> bool:
    # both tests need a short note: checked first, it spares the sentence parse
    if len(text) >= 160:
        return False
    first = _FIRST_SENTENCE_END.split(text, maxsplit=1)[0]
    if parse_sentence(first) is not None:
        return True
    return bool(_DRAFTING_ONLY.match(text))


def _points_to_document(note: Footnote) -> bool:
    for run in note.inlines:
        if run.kind == "ref" and run.target and _DOCUMENT_TARGET.search(run.target):
            return True
    return False
