"""Small text helpers shared by the extractors.

FRUS prints the same words with typographic and straight apostrophes and
with en dashes or hyphens depending on the volume's vintage; values that
become facets (roles, caveats) are normalised so both spellings group
together, while archival citations keep the printed text.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
#: encoders of the 1948–49 volumes put spaces inside parentheses: "( Caffery )"
_PAREN_SPACE = re.compile(r"\(\s+|\s+\)")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:])")


def squeeze(text: str | None) -> str:
    """One line, single spaces, no padding inside parentheses or before commas."""
    if not text:
        return ""
    # split() and re's \s know the same whitespace: this is _SPACE.sub + strip
    text = " ".join(text.split())
    # with single spaces only, each pattern can match only where its pair
    # of characters stands: most texts need neither substitution
    if "( " in text or " )" in text:
        text = _PAREN_SPACE.sub(lambda m: "(" if "(" in m.group() else ")", text)
    if " ," in text or " ." in text or " ;" in text or " :" in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text


def straight(text: str) -> str:
    """Straight apostrophes and quotes, so "President’s" equals "President's"."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def sentences(text: str) -> list[str]:
    """Split an editor's note into sentences without breaking "Vol. 3" or "D.C."."""
    out: list[str] = []
    start = 0
    for m in _STOP.finditer(text):
        closes_paren = m.group().startswith(".)")
        end = m.start() + 1 + closes_paren
        if not closes_paren and _ABBREV_END.search(text[start:end]) and not _MARKING_NEXT.match(text, m.end()):
            continue
        out.append(text[start:end].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


#: a classification sentence after an initial ("Kirk, Alan G. Secret.", "POL IRAN–U.S. Secret;")
_MARKING_NEXT = re.compile(
    r"(?:Top Secret|Secret|Confidential|Unclassified|Limited Official Use|Official Use Only|No classification)\s*[.;:/,]"
)
_STOP = re.compile(r"\.\)?\s+(?=[A-Z“\"\[(]|\d+\s+(?:pages?|pp?\.)\b)")

#: words after which a full stop does not end a sentence
_ABBREV_END = re.compile(
    r"(?:\b(?:Vol|Vols|No|Nos|Nr|p|pp|Mr|Mrs|Ms|Dr|Jr|Sr|St|Gen|Col|Adm|Lt|Maj|Capt|Cmdr|Amb|Sen|Rep|Gov|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|ca|cf|vs|Doc|Docs|Ser|Sec|Ch|Pt|Box|Ibid|ibid|Dept|Div|"
    r"Corp|Co|Inc|Ltd|Bros|Misc|Supp|Rev|Hon|Prof|Corres|fol|ff|ed|eds|et al|i\.e|e\.g|U\.S|U\.N|D\.C|S/S)"
    r"|\b[A-Z])\.$"
)
