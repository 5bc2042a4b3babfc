"""Abbreviations and terms from a volume's terms list, found in plain text.

Terms are volume-local and spelt as listed ("NSC", "Nodis", "S/S",
"U.S."), so matching is case-sensitive — "AID" is the agency, "aid" is not
— over the variants the texts use (see :func:`_variants`).

One-letter terms (the bureau symbols "E", "H", "S") are linked only where
the text uses them as symbols: in a drafting/clearance line or before a
slash or dash ("S/S", "E—Mr. Smith").  Everywhere else a lone capital is
an initial, a list label or a pronoun.
"""

from __future__ import annotations

import re
from typing import Sequence

from frus.entities.commonwords import is_common_word
from frus.entities.linker import AMBIGUOUS, LINKED, LinkedMention
from frus.model import ListEntry

_CLEARANCE = re.compile(r"(?i)(?:drafted|cleared|approved|concurred|info|cc|copies|distribution|initialed)[^.\n]{0,200}$")


class TermLinker:
    def __init__(self, terms: Sequence[ListEntry]) -> None:
        self.forms: dict[str, list[str]] = {}
        #: dotted forms we made up ("R.G." for "RG"), which initials imitate
        self.made_dotted: set[str] = set()
        listed = {" ".join(t.name.split()) for t in terms}
        for term in terms:
            for form in _variants(term.name):
                if "." in form and form not in listed:
                    self.made_dotted.add(form)
                ids = self.forms.setdefault(form, [])
                if term.id not in ids:
                    ids.append(term.id)
        alternation = "|".join(re.escape(f) for f in sorted(self.forms, key=lambda f: (-len(f), f)))
        # a term may sit inside a compound symbol ("INR/DDC", "U.S.-GRC",
        # "FY68") and take a plural or possessive ("ChiComs", "Gimo's")
        self.pattern = (
            re.compile(rf"(?<![\w.])(?:{alternation})(?=(?:s|[’']s)?(?![^\W\d_]))") if self.forms else None
        )

    def link(self, text: str) -> list[LinkedMention]:
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            form = m.group(0)
            if not form.endswith(".") and text[m.end():m.end() + 2][:1] == "." and text[m.end() + 1:m.end() + 2].isalpha():
                continue  # "E.g.", "U.N" cut inside a dotted word
            if len(form.replace(".", "")) == 1 and (
                text[m.end():m.end() + 1] == "." or not self._symbol_context(text, m.start(), m.end())
            ):
                continue  # "George L. Warren": an initial
            if form in self.made_dotted and re.match(r"\s+[A-Z][a-z]", text[m.end():m.end() + 3]):
                continue  # "General R.G. Ciccolella": initials, not "RG"
            ids = self.forms[form]
            if len(ids) == 1:
                out.append(LinkedMention(form, m.start(), m.end(), ids[0], (ids[0],), 0.95, LINKED, "term", ids[0],
                                         "listed term"))
            else:
                out.append(LinkedMention(form, m.start(), m.end(), None, tuple(ids), 0.0, AMBIGUOUS, "term", None,
                                         "listed twice"))
        return out

    @staticmethod
    def _symbol_context(text: str, start: int, end: int) -> bool:
        after = text[end:end + 2]
        if after[:1] in ("/", "—", "–") or after.startswith(" —"):
            return True
        return bool(_CLEARANCE.search(text[max(0, start - 200):start]))


def _variants(raw: str) -> list[str]:
    """The spellings of one listed term.

    An entry may list several names ("PBS, PBSUCCESS", "LINC, LINCOLN");
    each gets its dotted or undotted twin ("UN"/"U.N."), its form without
    spaces ("Fed Rep"/"FedRep") and its other capitalisations ("ChiCom",
    "CHICOM", "Chicom"; "SOV", "Sov") unless that spelling is an English
    word ("AID" never becomes "Aid").
    """
    raw = " ".join(raw.split())
    names = [raw]
    parts = [p.strip() for p in raw.split(",")]
    if len(parts) > 1 and all(p and " " not in p for p in parts):
        names = parts
    forms: list[str] = []

    def add(form: str) -> None:
        if form and form not in forms:
            forms.append(form)

    for name in names:
        add(name)
        bare = name.replace(".", "")
        if bare.isalpha() and bare.isupper() and len(bare) >= 2:
            add(bare)
            add(".".join(bare) + ".")
        if " " in name and len(name.split()) <= 3:
            add(name.replace(" ", ""))
        letters = name.replace("-", "")
        if letters.isalpha() and len(letters) >= 3:
            for v in (name.upper(), name[:1].upper() + name[1:].lower()):
                if not is_common_word(v.lower()):
                    add(v)
    return forms


__all__ = ["TermLinker"]
