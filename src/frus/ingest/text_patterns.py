"""The line shapes of a history.state.gov text copy, in one place.

Each pattern was read off the copies in ``corpus/text`` and the TEI they
were rendered from; the comments name the printed form each one stands
for, so a new rendering seen in the wild can be added beside its kin.
"""

from __future__ import annotations

import re

#: a printed page break as the website shows it: "[Page 131]", "[Page xii]", and a
#: page whose number is not printed on it, in the editors' brackets: "[Page [506]]"
_PAGE_NO = r"([0-9]+|[ivxlcdmIVXLCDM]+|\[[0-9]+\])"
PAGE = re.compile(rf"\[Page\s+{_PAGE_NO}\]")
PAGE_ONLY = re.compile(rf"^\s*\[Page\s+{_PAGE_NO}\]\s*$")

#: "33. Memorandum From …": the modern printed number in front of the head.
NUMBERED_TITLE = re.compile(r"^(\d{1,5}[A-Z]?)\.\s+(\S.*)$")

#: footnotes rendered as "- text↩" (the ↩ may carry a variation selector).
ARROW_END = re.compile(r"\u21a9[\ufe0e\ufe0f]?\s*$")
DASH_ITEM = re.compile(r"^[ \t\u00a0]*-[ \t\u00a0]+(.*)$")
#: footnotes rendered as an indented ordered list: "  1. text" ("  10." for a note with no words).
NUMBERED_NOTE = re.compile(r"^[ \t\u00a0]+(\d{1,3})\.(?:[ \t\u00a0]+(\S.*))?$")
#: a heading some copies put above the notes.
NOTES_HEADING = re.compile(r"^\s*(Footnotes|Notes)\s*:?\s*$")

#: list items: "  • text", "- text", "* text".
BULLET = re.compile(r"^[ \t\u00a0]*(?:[\u2022\u25e6\u25aa\u00b7*]|-)[ \t\u00a0]+(\S.*)$")

#: the labelled lists of a memorandum's opener (upper case alone on the line,
#: or any case before a colon: "Subject: …").
LIST_LABEL = re.compile(
    r"^(?P<label>SUBJECTS?|PARTICIPANTS?|ALSO PRESENT|PRESENT|TO|FROM"
    r"|Subjects?|Participants?|Present)"
    r"(?:\s*:\s*(?P<rest>.*?)|\s*)$"
)
LABEL_REND = {
    "SUBJECT": "subject",
    "SUBJECTS": "subject",
    "PARTICIPANT": "participants",
    "PARTICIPANTS": "participants",
    "PRESENT": "participants",
    "ALSO PRESENT": "participants",
    # the addressee lists of directives (TEI list[@type='to'|'from'])
    "TO": "to",
    "FROM": "from",
}

#: a paragraph number standing alone on its line ("1.", "a.", "(2)").
PARA_NUMBER = re.compile(r"^\s*(?:\d{1,2}|[A-Za-z]|[ivx]{1,4})\.\s*$|^\s*\(\w{1,3}\)\s*$")

# -- older-style source notes (the TEI's note[@rend='inline'][@type='source'])
#: "File No. 763.72119/987"
_FILE_NO = r"File No\.\s+\S.*"
#: decimal file numbers: "740.00119 Council/3–646", "851G.00/1–1449: Telegram"
_DECIMAL_FILE = r"\d{3}[0-9A-Z]*\.[0-9A-Z]+\S*(?: [A-Z][\w ]*)?/\S+(?::\s*[\w ,]+)?"
#: despatch numbers: "No. 144.]", "No. 4."
_DESPATCH = r"No\.\s+\d+[A-Za-z]?\.?\]?"
#: bracketed transmission forms: "[Telegram.]", "[Paraphrase of telegram.]"
_BRACKETED = r"\[(?:Telegram|Circular|Paraphrase|Cablegram|Radiogram|Translation)[^\[\]]{0,40}\]"
#: the editors' short labels in brackets or parentheses, printed below the head of
#: older documents: "[Extract.]", "[Note verbale.]", "(Translation.)"; never "[Untitled]",
#: which is how the website heads a document that has no head
_LABEL = r"[\[(](?!Untitled\])[A-Z][^\[\]()\d]{0,38}[\])]\.?"
INLINE_SOURCE = re.compile(rf"^(?:{_FILE_NO}|{_DECIMAL_FILE}|{_DESPATCH}|{_BRACKETED}|{_LABEL})$")

#: classification printed as its own line in older volumes' openers ("top secret").
CLASSIFICATION = re.compile(
    r"^(?P<level>top secret|secret|confidential|strictly confidential|restricted"
    r"|unclassified|limited official use|personal and confidential|personal)"
    r"(?P<caveats>(?:\s*[;,—–-]\s*[a-z][a-z ]*)*)\.?$",
    re.IGNORECASE,
)

# -- datelines ("Washington, October 28, 1970.")
#: a month, written out or abbreviated with or without its period ("Nov, 12, 1864")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.?)(?![a-z])"
)
#: "3", "3d", "21st": the older volumes print ordinals
_DAY = r"\d{1,2}(?:st|nd|rd|d|th)?"
#: a day as the editors left it: "23 [24]", "14 [15?]", "25 [and 26]", "24?",
#: "2/15" (old and new style), "10(?)", or a dash for a day never filled in ("June —, 1861")
_DAYS = rf"(?:{_DAY}(?:\s*\[(?:and\s+)?\d{{1,2}}\??\]|/\d{{1,2}}|\?|\(\?\))?|—)"
#: "November 9–21", "November 20 (December 2)" (both calendars), "December 13 and 14"
_DAY_SPAN = rf"{_DAYS}(?:[–-]{_DAY}|[–-]{_MONTH}\s+{_DAY}|\s+and\s+{_DAY})?(?:\s*\([^()]{{1,20}}\))?"
_YEAR = r"\d{4}(?:\(\?\))?"
_DATE = (
    # "Undated—circa December 15, 1917"; "May 22, (June 3,) 1861"; "February, 2, 1864",
    # "May 16,1954"; "December 31, 1860, (January 12, 1861.)"
    r"(?:(?:[Uu]ndated\s*[—–-]\s*)?(?:circa\s+|c\.\s+)?"
    rf"(?:{_MONTH},?\s+{_DAY_SPAN},?(?:\s+\([^()]{{1,20}}\),?)?\s*{_YEAR}(?:,?\s+\([^()]{{1,30}}\))?"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+{_YEAR}"
    rf"|{_MONTH},?\s+{_YEAR}"
    r"|\d{4}-\d{2}-\d{2}"
    # a month and day without the year ("Peking, December 20."); see ``match_dateline``
    rf"|(?P<md>{_MONTH}\s+{_DAYS})"
    r"|[Uu]ndated))"
)
#: "4 p.m.", "2¼ p. m.", "11p.m.", "8.09 p.m.", "10: 08"
_HOUR = r"\d{1,2}(?:[:.]\s?\d{2})?[¼½¾]?"
_CLOCK = (
    rf"(?:{_HOUR}\s*[ap]\.\s?m\.?|\d{{1,2}}(?::\d{{2}})?\s*[ap]m\b"
    r"|(?:\d{1,2}\s+)?(?:noon|midnight)|\d{4}Z|\d{1,2}:\s?\d{2})"
)
#: one time or a span: "6:30–6:45 p.m.", "4–5:30 p.m.", "11:05 a.m.–12:55 p.m.", "2 and 5:15 p.m."
_SPAN = rf"(?:{_HOUR}\s*(?:[–-]|and)\s*{_CLOCK}|{_CLOCK}(?:\s*[–-]\s*{_CLOCK})?)"
#: the time after the date, also in the editors' brackets ("—[12 p.m.]", "[—5 p.m.]"), with a
#: second sitting ("9–11 a.m.; 7–9:45 p.m.") and the editors' correction ("10 a. m. [p. m.]")
_TIME = (
    rf"(?:(?:\s*[,—–-]\s*|\.\s+|\s+)\[?[—–-]?{_SPAN}(?:;\s*{_SPAN})*\]?"
    r"(?:\s*\[[ap]\.\s?m\.\])?)"
)
#: "(Received March 22.)", "[Received June 14—7:12 a.m.]", "(Rec’d Nov. 22.)", "[?]" after the dateline
_RECEIVED = r"(?:\s*[\[(]Rec(?:eived|[’']d)\b[^\[\]()]{0,80}[\])]\.?|\s*\[\?\])"
#: the place, bracketed when the editors supplied it: "[Washington,] May 12, 1936."; then
#: the separator, a comma as a rule ("Washington,April 8" and "“George Washington,” 10
#: December" included) and a space or a period in some ("Budapest February 6, 1957.",
#: "Kanagawa. September 3, 1864."), which ``match_dateline`` checks
_PLACE = (
    r"(?:\[(?P<bplace>[^\[\]\d]{1,100}?),?\],?\s+"
    r"|(?P<place>(?:\d+\s+)?[^\d\s\[].{0,100}?)(?P<sep>,[”’\"]?\s*|\.\s+|\s+))"
)
#: a note marker glued after the closing period or a "Z" time ("…, 2103Z.2")
_MARKER = r"(?:(?<=[.Z])\d{1,3})"
#: the date and time, or all of them in the editors' brackets ("Paris [December 23, 1918.]",
#: "Geneva [, October 20, 1927—10 p.m.]", "Tokyo [undated].")
DATELINE = re.compile(
    rf"^{_PLACE}?(?P<open>\[,?\s*)?(?P<date>{_DATE})(?P<time>{_TIME})?[.,]?(?(open)\]\.?)"
    rf"{_MARKER}?{_RECEIVED}*\s*$"
)
#: words of a place name (what stands before a date without a comma): capitalised words,
#: initials ("D. C."), quoted ship names and the small words between them
_PLACE_WORD = re.compile(r"[A-Z“\"‘][\w.’'”-]*,?|(?:of|the|de|del|la|le|du|von|am|in|on|at|off),?")


def match_dateline(text: str) -> re.Match | None:
    """The dateline, also when the editors supplied all of it in brackets
    ("[Washington, September 1, 1948.]").

    A place joined to the date by a space or a period rather than a comma
    must read as a name ("Washington City July 8, 1864"), never a sentence
    ("The talks began October 14, 1861."), and so must the place of a
    dateline wholly in brackets or of a month and day without a year, which
    also needs a place or a time beside it ("Peking, December 20.").
    """
    m = DATELINE.match(text)
    bracketed = False
    if m is None and text.startswith("[") and text.rstrip(".").endswith("]"):
        m = DATELINE.match(text.rstrip(".")[1:-1])
        bracketed = True
    if m is None:
        return None
    place, sep = m.group("place"), m.group("sep") or ""
    # a bracketed line is the editors' words: "[Delivered to the Chinese minister, …,
    # August 12, 1900, 4.30 p.m.]" is a note, "[Habana, March 24, 1948.]" a dateline
    loose = not sep.startswith(",") or m.group("md") or bracketed
    if place and loose and not all(_PLACE_WORD.fullmatch(word) for word in place.split()):
        return None
    if m.group("md") and not (place or m.group("bplace") or m.group("time")):
        return None
    return m


ISO_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")

# -- speaker turns in transcripts
#: "K: I'm sorry …", "The President: …", "Mr. K: …"
COLON_SPEAKER = re.compile(r"^(?P<label>[A-Z][\w.’'-]{0,20}(?: [A-Z][\w.’'-]{0,20}){0,2}):\s+\S")
#: "Q. Your name is …", "M. …" (one or two capitals and a period)
PERIOD_SPEAKER = re.compile(r"^(?P<label>[A-Z]{1,2}\.)\s+\S")

# -- deciding that a line is a FRUS head
#: document-type words of FRUS heads, measured on the 11,757 heads of the
#: corpus volumes (see the tests); "[Untitled]" is how the website heads an
#: untitled older document, "No. 5526.—" a despatch-numbered one.
HEAD_WORDS = re.compile(
    r"\b(?:memorand(?:um|a)|telegram|telegraphic|cablegram|letter|notes?|minutes|message"
    r"|papers?|reports?|record|transcript|despatch|dispatch|instructions?|airgram|circular"
    r"|conversation|estimate|study|summary|editorial|directive|statement|aide-m[ée]moire"
    r"|agreement|treaty|convention|protocol|communiqu[ée]|declaration|resolution|address"
    r"|remarks|speech|briefing|analysis|assessment|diary|draft|cable|backchannel"
    r"|intelligence|decision|proclamation|proposal|chronology|talking points|annex"
    r"|enclosure|inclosure|attachment|appendix|exhibit|extract|excerpts?|exchange|meeting"
    r"|discussion|conference|interview|non-paper|press release|fact sheet|survey"
    r"|proceedings|testimony|deposition|affidavit|petition|untitled|order|authorization"
    r"|announcement|document|plan|views|edict|schedule|stud(?:y|ies)|outline|article|essay"
    r"|decree|commission)\b"
    r"|^No\.\s*\d+",
    re.IGNORECASE,
)
#: "Mr. Seward to Mr. Adams.", "The Secretary of State to the Ambassador …"
#: An older head names its sender by title, so a recipient in lower case
#: ("Mr. Seward to ministers of the United States in Europe") still reads
#: as one when the sender is "Mr. …", "Commander …" and the like.
SENDER_TO_RECIPIENT = re.compile(
    r"\S\s+to\s+(?:the\s+)?[A-Z]"
    r"|^(?:Mr|Mrs|Messrs|Sir|Lord|Earl|Count|Baron|General|Admiral|Commander|Captain|Commodore|Consul)\b"
    r".{0,120}?\sto\s+(?:the\s+|all\s+)?[a-z]"
)
#: an enclosure headed only by its label: "A.", "No. 3.", "Schedule A.", "IV."
LABEL_HEAD = re.compile(r"^(?:(?:Schedule|Annex|Appendix|Exhibit|Inclosure|Enclosure|Paper)\s+)?(?:[A-Z]|[IVXL]{1,6}|\d{1,3})\.$")

def head_shaped(text: str) -> bool:
    """A line that reads as a FRUS head: a kind word, "A to B", or a number."""
    return bool(
        HEAD_WORDS.search(text) or SENDER_TO_RECIPIENT.search(text) or NUMBERED_TITLE.match(text)
        or LABEL_HEAD.match(text)
    )


#: words after which a spaced trailing number belongs to the title
#: ("National Security Study Memorandum 9", "Telegram No. 1").
NUMBERING_WORDS = frozenset(
    """no nos number numbers memorandum memo document documents telegram airgram despatch
    dispatch instruction circular note letter message report paper annex appendix enclosure
    inclosure attachment tab part volume vol chapter section article item meeting session
    nsc nsam nssm nsdm nsdd nsd nssd pd prm nie snie directive resolution estimate
    conference round phase group draft plan program amendment protocol committee decision
    study exhibit series minute minutes supplement order law act list table cable
    backchannel""".split()
)
