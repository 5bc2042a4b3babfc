"""The ledger: one entry per unprinted document, with every document citing it.

Citations (:mod:`frus.references.unprinted`) are merged conservatively,
because a wrong merge hides a document while a missed one only repeats it:

1. inside one citing document, a later bare "telegram 6728" joins the
   earlier "telegram 6728 from Moscow, December 5" when nothing they say
   disagrees;
2. across documents, citations join only on a full key — kind, number,
   date, sender and recipient for a numbered paper (telegram numbers
   repeat every year and at every post), kind, date, sender and recipient
   for an unnumbered one, and only when the key says enough (a number and
   a date, or a date and a party).  Everything else stays its own entry.

An entry's id is a hash of its normalised key (or, for an entry that
cannot be merged, of where it is cited), so it stays the same from run to
run and from store to store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from frus.model import Document, ParsedVolume, to_dict
from frus.references.unprinted import STATUSES, UnprintedCitation, unprinted_citations


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: str
    kind: str | None
    number: str | None
    date: str | None
    date_text: str | None
    sender: str | None
    recipient: str | None
    location: str | None
    #: the strongest status any citation gives (see ``STATUSES``)
    status: str
    description: str
    citations: tuple[UnprintedCitation, ...]
    #: the normalised key entries are merged on
    key: str

    @property
    def cited_by(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.doc for c in self.citations))

    def to_dict(self) -> dict:
        out = to_dict(self)
        out["cited_by"] = list(self.cited_by)
        return out


def _norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"^(?:the|an?)\s+", "", text.lower().strip())
    text = re.sub(r"\b(?:no\.|number)\s*", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _number(text: str | None) -> str:
    return _norm(text).replace(" ", "")


def _key(c: UnprintedCitation) -> str | None:
    """The merge key, or None when the citation says too little to merge."""
    kind = _norm(c.kind)
    if not kind:
        return None
    date = c.date if c.date and len(c.date) == 10 else ""
    parties = f"{_norm(c.sender)}|{_norm(c.recipient)}"
    if c.number:
        if not date:
            return None
        return f"n|{kind}|{_number(c.number)}|{date}|{parties}"
    if date and (c.sender or c.recipient):
        return f"d|{kind}|{date}|{parties}"
    return None


def _same_party(x: str | None, y: str | None) -> bool:
    """ "Ambassador Rankin" and "Rankin" are one party; a missing party never differs."""
    if not x or not y:
        return True
    a, b = _norm(x).split(), _norm(y).split()
    return a == b or (bool(a) and bool(b) and a[-1] == b[-1])


def _agrees(a: UnprintedCitation, b: UnprintedCitation) -> bool:
    """May two citations in one document be the same paper?

    Numbered: same kind and number, nothing else differing.  Unnumbered:
    same kind, both parties named in both and matching, no date differing
    ("a personal letter from Ambassador Rankin to Foreign Minister Yeh" …
    "The letter from Rankin to Yeh has not been found").
    """
    if _norm(a.kind) != _norm(b.kind) or not a.kind:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.number or b.number:
        if not (a.number and b.number) or _number(a.number) != _number(b.number):
            return False
        return _same_party(a.sender, b.sender) and _same_party(a.recipient, b.recipient)
    if not (a.sender and b.sender and a.recipient and b.recipient):
        return False
    return _same_party(a.sender, b.sender) and _same_party(a.recipient, b.recipient)


def _fill(group: list[UnprintedCitation]) -> dict:
    """An entry's fields: the first value any citation gives."""
    out: dict = {}
    for field in ("kind", "number", "date", "date_text", "sender", "recipient", "location", "description"):
        out[field] = next((getattr(c, field) for c in group if getattr(c, field)), None)
    out["status"] = min((c.status for c in group), key=STATUSES.index)
    out["description"] = out["description"] or ""
    return out


def _hash(text: str) -> str:
    return "u" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def build_ledger(citations: Iterable[UnprintedCitation]) -> tuple[LedgerEntry, ...]:
    """Merge citations into entries (see the module docstring for the rules)."""
    # 1. within a citing document
    groups: list[list[UnprintedCitation]] = []
    by_doc: dict[str, list[list[UnprintedCitation]]] = {}
    for c in citations:
        placed = False
        for group in by_doc.get(c.doc, []):
            if all(_agrees(c, other) for other in group):
                group.append(c)
                placed = True
                break
        if not placed:
            group = [c]
            groups.append(group)
            by_doc.setdefault(c.doc, []).append(group)
    # 2. across documents, on the full key of the group's combined fields
    merged: dict[str, list[UnprintedCitation]] = {}
    order: list[str] = []
    for group in groups:
        fields = _fill(group)
        probe = UnprintedCitation(doc="", where="", offset=0, kind=fields["kind"], number=fields["number"],
                                  date=fields["date"], sender=fields["sender"], recipient=fields["recipient"])
        key = _key(probe)
        if key is None:
            first = group[0]
            key = f"at|{first.doc}|{first.where}|{first.offset}|{_norm(first.description)}"
        if key not in merged:
            merged[key] = []
            order.append(key)
        merged[key].extend(group)
    entries = []
    for key in order:
        group = merged[key]
        fields = _fill(group)
        entries.append(LedgerEntry(id=_hash(key), citations=tuple(group), key=key, **fields))
    return tuple(entries)


def document_ledger(doc: Document) -> tuple[LedgerEntry, ...]:
    return build_ledger(unprinted_citations(doc))


def volume_ledger(volumes: Iterable[ParsedVolume]) -> tuple[LedgerEntry, ...]:
    """The ledger of every document of ``volumes``, merged across them."""
    def citations():
        for parsed in volumes:
            for doc in parsed.documents:
                yield from unprinted_citations(doc)

    return build_ledger(citations())


# --------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------

#: "field:value" terms a query may use, and the entry fields they read
SEARCH_FIELDS = {
    "kind": ("kind",),
    "number": ("number",),
    "date": ("date", "date_text"),
    "from": ("sender",),
    "sender": ("sender",),
    "to": ("recipient",),
    "recipient": ("recipient",),
    "location": ("location",),
    "status": ("status",),
    "cited": ("cited_by",),
}
_ALL_FIELDS = ("kind", "number", "date", "date_text", "sender", "recipient", "location", "status", "description", "cited_by")


def _field_text(entry: LedgerEntry, field: str) -> str:
    value = entry.cited_by if field == "cited_by" else getattr(entry, field)
    if isinstance(value, tuple):
        value = " ".join(value)
    return _norm(value) if value else ""


def _terms(query: str) -> list[tuple[str | None, str]]:
    out = []
    for raw in re.findall(r'(\w+:)?"([^"]*)"|(\S+)', query):
        prefix, quoted, bare = raw
        token = quoted if quoted or prefix else bare
        field = None
        if prefix:
            field = prefix[:-1].lower()
        elif ":" in token and token.split(":", 1)[0].lower() in SEARCH_FIELDS:
            field, token = token.split(":", 1)
            field = field.lower()
        if field is not None and field not in SEARCH_FIELDS:
            token, field = f"{field}:{token}", None
        value = _norm(token)
        if value:
            out.append((field, value))
    return out


def search_unprinted(entries: Iterable[LedgerEntry], query: str) -> list[LedgerEntry]:
    """Entries matching every term of ``query``.

    A term matches a whole word (or phrase, in quotes) of any field;
    ``field:value`` (``kind:telegram``, ``from:moscow``, ``to:haig``,
    ``number:6440``, ``date:1970-10``, ``status:"not found"``,
    ``cited:frus1969-76v13/d33``) restricts it to one field.  Most-cited
    entries come first, then by date.
    """
    terms = _terms(query)
    found = []
    for entry in entries:
        ok = True
        for field, value in terms:
            names = SEARCH_FIELDS[field] if field else _ALL_FIELDS
            haystacks = [_field_text(entry, name) for name in names]
            pattern = re.compile(rf"(?:^|\s){re.escape(value)}(?:\s|$)")
            if field in ("date", "cited"):
                hit = any(h.startswith(value) or value in h for h in haystacks)
            else:
                hit = any(pattern.search(h) for h in haystacks)
            if not hit:
                ok = False
                break
        if ok:
            found.append(entry)
    found.sort(key=lambda e: (-len(e.cited_by), e.date or "9999", e.id))
    return found
