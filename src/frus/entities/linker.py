"""Find the persons a document names, and say who each one is.

For text without the editors' ``persName/@corresp`` tags — older volumes,
text copies, partly tagged modern volumes — :class:`PersonLinker` finds
surnames of the volume's persons (or, with no persons list, of the whole
register) and resolves each one:

* a surname only one candidate bears is linked outright;
* given names or initials before it ("U. Alexis Johnson", "Lyndon
  Johnson", "Alex Johnson") keep only the candidates they fit;
* a title before it ("President Johnson", "Secretary Dulles", "Mr.
  Johnson"), or the role a heading prints before it ("the Under Secretary
  of State for Political Affairs (Johnson)"), is checked against each
  candidate's offices — a sitting President is not "Mr. Johnson";
* the document's date is checked against the dates of those offices;
* one sense per document: a mention resolved on strong evidence (full
  name, title, role) speaks for the bare surname elsewhere in it;
* how widely the papers know each candidate breaks what is left only when
  one candidate is far better known.

What stays undecided is reported as ``ambiguous`` with its candidates,
never forced.  Besides surnames the linker reads given names where the
papers use them for a person ("Dear Foster", "Sir Roger"), memcon speaker
labels ("K:", "D:") for persons the document names, and office titles
("the Attorney General") for whoever held the office on the document's
date, when exactly one candidate did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from frus.entities.commonwords import is_common_word, is_place
from frus.entities.names import (
    NICKNAMES,
    PersonName,
    fold,
    given_compatible,
    is_initial,
    parse_list_name,
    translit_key,
    words_in,
)
from frus.entities.evidence import (
    alive,
    day_of,
    default_span,
    norm_office,
    office_keys,
    role_score,
    title_score,
)
from frus.entities.offices import Office, parse_identification, volume_span
from frus.model import Block, DocDate, ListEntry, Volume

LINKED, AMBIGUOUS, UNRESOLVED = "linked", "ambiguous", "unresolved"

_POSSESSIVE = re.compile(r"(?:[’']s|s[’']|[’'])$")
#: ranks, honorifics and offices that may stand right before a surname
_PRE_TITLES = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Messrs|Gen|Adm|Col|Lt|Capt|Maj|Sen|Gov|Amb|Rep|Rev|Cdr|Brig|Mme|Msgr|Pres|Secy|Sec)\.?"
    r"|\b(?:Mister|Madame|Madam|Miss|Monsieur|Herr|Senator|Senators|Congressman|Congresswoman|"
    r"Representative|Governor|Ambassador|Ambassadors|"
    r"(?:Foreign |Defense |Prime |Deputy Foreign |Deputy Prime )?Minister|"
    r"(?:Under |Assistant |Deputy |Executive |General )?Secretary(?: of State| of Defense| of the Treasury| General)?|"
    r"Secretary-General|Attorney General|(?:Vice )?President|Premier|Chancellor|Chairman|"
    r"General|Generals|Admiral|Colonel|Captain|Commander|Major|Lieutenant|(?:Field )?Marshal|Brigadier|"
    r"Sir|Lord|Lady|Dame|King|Queen|(?:Crown )?Prince|Princess|Shah|Sheikh|Emir|Sultan|Count|Baron|"
    r"Judge|Justice|Father|Cardinal|Bishop|Pope|Professor|Doctor|Comrade|Director|Mayor|Dean))\s*$"
)
#: verbs that show a sentence-initial "Green" or "Lake" is a person
_SPEECH = frozenset(
    "said says stated asked told replied noted added explained thought agreed suggested remarked commented "
    "indicated wondered mentioned observed responded emphasized pointed expressed felt believed sent called "
    "urged argued recalled reported described declared insisted wrote cabled answered interjected "
    "concluded continued proposed recommended raised promised hoped undertook inquired confirmed".split()
)
_SENTENCE_END = re.compile(r"(?:[.!?:;\"“”—]\s*|\n\s*|^\s*)$")
#: glued initials that are abbreviations, not a person's initials
_ABBREVIATIONS = frozenset({"u.s.", "u.n.", "u.k.", "s.s.", "d.c.", "n.y.", "a.m.", "p.m.", "p.s.", "u.s.s.r."})
_GIVEN_CUES = re.compile(r"(?:\bDear|\bSir|\bLady|\bDame|\bLord|\byours,|\bSincerely,|\bRegards,|\bFaithfully,|\bEver,)\s*$")
_LABEL = re.compile(r"(?m)^\s*([A-Z])\s*:\s")
#: what a surname may name besides its bearer: "Johnson Library", "Dulles Papers"
_INSTITUTIONS = frozenset({"library", "papers", "administration", "government", "doctrine", "plan", "presidential",
                           "diary", "diaries", "files", "file", "material", "materials", "correspondence", "regime"})
#: capitalised words that stand before a surname without being a given name:
#: nationalities, institutions ("Soviet Ivanov", "Embassy Dobrynin")
_NOT_GIVEN = re.compile(
    r"(?:an|ian|ese|ish|ic|i|ch)$|^(?:Soviet|Thai|Swiss|Dutch|Greek|Embassy|Kremlin|Senate|Congress|House|"
    r"Department|Agency|Bureau|Office|Council|Committee|Staff|Mission|Delegation|Government|Party|Army|Navy|"
    r"Vice|Acting|Deputy|Chief|Former|Then|Late|Old|Young|Dear|Both|Messrs|"
    r"Emperor|Empress|Generalissimo|Signor|Signora|Majesty|Highness|Excellency|Undersecretary|Senor|Señor|"
    r"Monsignor|Ayatollah|Imam|Pasha|Bey|Effendi|Frau|Mademoiselle|Dona|Doña|Brother|Sister|Camp|Point|Bay|"
    r"Island|Islands|Street|Avenue|Hall|Chairman|Premier|Marshal|Marshals|Reverend|Secty|Undersec|Assembly|"
    r"Aug|Sept|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul)$"
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "to", "near", "via", "outside", "inside", "into"})
#: first words of place names: "New York" is not Herbert York
_PLACE_HEADS = frozenset({"new", "fort", "saint", "st", "san", "santa", "port", "mount", "cape", "lake", "los", "las"})
_MONTHS = frozenset("january february march april may june july august september october november december".split())


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """One mention found in the text, and what it was linked to.

    ``person_id`` is the register's canonical id (a term's id for terms),
    set only when ``status`` is ``linked``; ``candidates`` lists every id
    that stayed in the running; ``local_id`` is the volume's own list id
    for the chosen person, when the volume lists them.
    """

    text: str
    start: int
    end: int
    person_id: str | None
    candidates: tuple[str, ...]
    confidence: float
    status: str
    kind: str = "person"
    local_id: str | None = None
    reason: str = ""


@dataclass
class _Candidate:
    key: str  # canonical id, or "volume:local" without a register entry
    local_id: str | None
    name: PersonName
    offices: tuple[Office, ...]
    birth: int | None = None
    death: int | None = None
    #: folded given names and nicknames, for "Henry Kissinger", "Hal Sonnenfeldt"
    given_forms: tuple[tuple[str, ...], ...] = ()
    #: volumes that list the person: how widely the papers know them
    weight: int = 1
    extra_surnames: tuple[str, ...] = ()
    #: (first, last) years of the volumes that list the person
    spans: tuple[tuple[int, int], ...] = ()
    #: nicknames only other volumes' lists print ("Tommy"): they confirm this
    #: candidate but, unlike the volume's own names, never unmake a surname
    borrowed: tuple[str, ...] = ()


@dataclass
class _Match:
    start: int
    end: int
    tok_start: int
    tok_end: int
    cands: list[int]
    how: str  # "exact" | "translit" | "given" | "label"
    given: list[str] = field(default_factory=list)
    title: str | None = None
    role: str | None = None
    name_start: int = 0
    surname: str = ""
    #: a capitalised word before the surname that may be another given name ("Cassius Clay")
    stranger: str | None = None


class PersonLinker:
    """Prepared once per volume (or once for list-less text), used per document."""

    def __init__(
        self,
        volume_persons: Volume | Sequence[ListEntry] | None,
        register=None,
        *,
        volume_id: str | None = None,
    ) -> None:
        if isinstance(volume_persons, Volume):
            volume_id = volume_id or volume_persons.id
            entries = volume_persons.persons
        else:
            entries = tuple(volume_persons or ())
        self.volume_id = volume_id
        self.register = register
        self.cands: list[_Candidate] = []
        self.register_wide = not entries
        if entries:
            self.cands = [self._from_entry(e) for e in entries]
        elif register is not None:
            self.cands = [self._from_person(p) for p in register]
        self._index()

    # -- candidates ------------------------------------------------------

    def _from_entry(self, entry: ListEntry) -> _Candidate:
        name = parse_list_name(entry.name)
        own = parse_identification(entry.description, self.volume_id or "")
        person = None
        if self.register is not None and self.volume_id:
            person = self.register.lookup(self.volume_id, entry.id)
        if person is None:
            return _Candidate(f"{self.volume_id or 'volume'}:{entry.id}", entry.id, name, own,
                              given_forms=_given_forms(name))
        # the volume's own identification first: it speaks for the volume's span
        offices = own + tuple(o for o in person.offices if o.source != self.volume_id)
        borrowed = _nicknames_elsewhere(name, person.name_forms)
        return _Candidate(person.id, entry.id, name, offices, person.birth_year, person.death_year,
                          _given_forms(name) + tuple((n,) for n in borrowed),
                          len(person.volumes), _other_surnames(name, person.name_forms), borrowed=borrowed)

    def _from_person(self, person) -> _Candidate:
        raw = person.sources[0].name if person.sources else person.preferred_name
        name = parse_list_name(raw)
        return _Candidate(person.id, None, name, person.offices, person.birth_year, person.death_year,
                          _given_forms(name), len(person.volumes), _other_surnames(name, person.name_forms),
                          _spans(person.volumes))

    def _index(self) -> None:
        self.forms: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self.translit: dict[str, set[int]] = {}
        self.given_names: set[str] = set()
        self.first_given: dict[str, set[int]] = {}
        borrowed: set[str] = set()
        for i, c in enumerate(self.cands):
            for form in (*c.name.short_forms(), *c.extra_surnames):
                toks = tuple(_token_key(w) for w, _, _ in words_in(form))
                if not toks:
                    continue
                bucket = self.forms.setdefault(toks[0], [])
                if (toks, i) not in bucket:
                    bucket.append((toks, i))
                if len(toks) == 1 and len(toks[0]) >= 5:
                    self.translit.setdefault(translit_key(toks[0]), set()).add(i)
            for g in c.given_forms:
                if len(g) == 1 and g[0] in c.borrowed:
                    borrowed.add(g[0])
                    continue
                self.given_names.update(x for x in g if len(x) > 1)
                if g and len(g[0]) > 2:
                    self.first_given.setdefault(g[0], set()).add(i)
        # a borrowed nickname that is someone's surname ("Pak") stays a surname
        self.given_names.update(n for n in borrowed if len(n) > 1 and n not in self.forms)
        for k in self.forms:
            self.forms[k].sort(key=lambda f: -len(f[0]))
        #: normalised office title → (candidate, office, span assumed when undated)
        self.office_index: dict[str, list[tuple[int, Office, tuple | None]]] = {}
        for i, c in enumerate(self.cands):
            for o in c.offices:
                self.office_index.setdefault(norm_office(o.title), []).append((i, o, default_span(o)))

    # -- public ----------------------------------------------------------

    def link(self, text: str, date: DocDate | str | None = None) -> list[LinkedMention]:
        day = day_of(date)
        tokens = self._tokens(text)
        folded = [_token_key(t) if t[:1].isupper() else "" for t, _, _ in tokens]
        matches = self._find(text, tokens, folded)
        self._context(text, matches)
        strong: dict[int, int] = {}
        named: dict[int, int] = {}
        first = []
        for m in matches:
            chosen, conf, why = self._resolve(m, day, {}, text)
            first.append((m, chosen, conf, why))
            if len(chosen) == 1:
                named[chosen[0]] = named.get(chosen[0], 0) + 1
                if (m.given or m.title or m.role or len(m.cands) == 1) and conf >= 0.8:
                    strong[chosen[0]] = strong.get(chosen[0], 0) + 1
        out = []
        for m, chosen, conf, why in first:
            if len(chosen) != 1 and len(m.cands) > 1 and strong:
                chosen, conf, why = self._resolve(m, day, strong, text)
            out.append(self._mention(text, m, chosen, conf, why))
        out.extend(self._given_mentions(text, tokens, folded, out, named))
        out.extend(self._labels(text, named, day, out))
        out.extend(self._offices(text, day, out))
        out.sort(key=lambda x: (x.start, x.end))
        return out

    # -- finding ---------------------------------------------------------

    def _tokens(self, text: str) -> list[tuple[str, int, int]]:
        """Words; a hyphenated pair of names ("Cabot-Wang", "Brezhnev-Carter")
        splits unless the whole is itself a listed name ("Froment-Meurice")."""
        out = []
        for word, start, end in words_in(text):
            if "-" in word and word[:1].isupper() and _token_key(word) not in self.forms:
                parts = word.split("-")
                if all(p[:1].isupper() for p in parts if p):
                    pos = start
                    for p in parts:
                        if p:
                            out.append((p, pos, pos + len(p)))
                        pos += len(p) + 1
                    continue
            out.append((word, start, end))
        return out

    def _find(self, text, tokens, folded) -> list[_Match]:
        found: list[_Match] = []
        consumed: set[int] = set()
        n = len(tokens)
        # right to left, so "Henry Kissinger" gives "Henry" to Kissinger
        # before "Henry" could be read as someone's surname
        for i in range(n - 1, -1, -1):
            if i in consumed or not folded[i]:
                continue
            best: tuple[int, list[int]] | None = None
            for toks, ci in self.forms.get(folded[i], ()):
                j = i + len(toks)
                if j > n or tuple(folded[i:j]) != toks or not _adjacent(text, tokens, i, j):
                    continue
                if best is None or len(toks) > best[0]:
                    best = (len(toks), [ci])
                elif len(toks) == best[0] and ci not in best[1]:
                    best[1].append(ci)
            how = "exact"
            if best is None:
                key = folded[i].replace("-", "").replace("'", "")
                if len(key) >= 5 and not is_common_word(folded[i]):
                    hits = self.translit.get(translit_key(key))
                    if hits:
                        best, how = (1, sorted(hits)), "translit"
            if best is None:
                continue
            length, cands = best
            j = i + length
            if length == 1 and self._not_a_surname(text, tokens, folded, i):
                continue
            if any(k in consumed for k in range(i, j)):
                continue
            # two entries of one person (a volume listing "Caramanlis" and
            # "Karamanlis") are one candidate
            by_key: dict[str, int] = {}
            for ci in sorted(set(cands)):
                by_key.setdefault(self.cands[ci].key, ci)
            m = _Match(tokens[i][1], _strip_possessive_end(tokens[j - 1]), i, j, sorted(by_key.values()), how)
            m.name_start = m.start
            m.surname = text[m.start:m.end]
            found.append(m)
            consumed.update(range(i, j))
            self._take_given(text, tokens, folded, m, consumed)
        found.reverse()
        return found

    def _not_a_surname(self, text, tokens, folded, i) -> bool:
        """"May 9" is a date; "Frank Merrill", "George Meany": a given name
        before a surname the volume does not list."""
        f = folded[i]
        nxt = text[tokens[i][2]:tokens[i][2] + 3]
        if f in _MONTHS and re.match(r"\s\d", nxt):
            return True
        if f == "page" and re.match(r"\s\d", nxt) and text[tokens[i][1] - 1:tokens[i][1]] == "[":
            return True  # "[Page 719]", a page marker of a text copy
        if i > 0 and folded[i - 1] in _PLACE_HEADS and text[tokens[i - 1][2]:tokens[i][1]] == " ":
            return True  # "New York", "San Francisco"
        if i + 1 < len(tokens):
            word, start, _ = tokens[i + 1]
            followed = text[tokens[i][2]:start] == " " and word[:1].isupper() and not is_initial(word)
            if followed and folded[i + 1] not in self.forms:
                # "General Frank Merrill", "Mr. Perry Arnold": a given name
                # before a surname the volume does not list
                if f in self.given_names or f in NICKNAMES:
                    return True
                if re.search(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s$", text[max(0, tokens[i][1] - 6):tokens[i][1]]) and (
                    folded[i + 1] not in _INSTITUTIONS
                ):
                    return True
        return False

    def _take_given(self, text, tokens, folded, m: _Match, consumed: set[int]) -> None:
        """Extend a match leftwards over given names and initials."""
        k = m.tok_start - 1
        given: list[str] = []
        cand_given = {g for ci in m.cands for forms in self.cands[ci].given_forms for g in forms}
        cand_keys = {translit_key(g) for g in cand_given if len(g) > 2}
        while k >= 0 and k not in consumed and len(given) < 4:
            tok = tokens[k][0]
            f = folded[k]
            gap = text[tokens[k][2]:tokens[k + 1][1]]
            if gap.strip() not in ("", ".") or "\n" in gap:
                break
            if is_initial(tok) or (f and (f in cand_given or f in self.given_names or _nickname(f, cand_given)
                                          or (len(f) > 2 and translit_key(f) in cand_keys))):
                if not is_initial(tok) and f not in cand_given and f in self.forms:
                    break  # "Rusk Kissinger" in a list: two persons
                given.insert(0, tok)
                k -= 1
                continue
            break
        if given and all(is_initial(g) for g in given):
            glued = text[tokens[k + 1][1]:tokens[m.tok_start - 1][2]]
            if fold(glued.replace(" ", "")) + "." in _ABBREVIATIONS or glued.replace(" ", "").lower() in _ABBREVIATIONS:
                return  # "U.S. Aaron": an abbreviation, not initials
        if given:
            m.given = given
            m.name_start = tokens[k + 1][1]
            m.start = m.name_start
            consumed.update(range(k + 1, m.tok_start))
        elif k >= 0 and k not in consumed and self._maybe_given(text, tokens, folded, k):
            tok = tokens[k][0]
            if any(self._given_fits(ci, [tok]) for ci in m.cands):
                # "Vieno Sukselainen" for a person listed as "Sukselainen, V. J."
                m.given = [tok]
                m.name_start = m.start = tokens[k][1]
                consumed.add(k)
            elif all(self.cands[ci].given_forms for ci in m.cands):
                m.stranger = tok

    def _maybe_given(self, text, tokens, folded, k) -> bool:
        """Could the word right before a surname be a given name nobody listed
        ("the Cassius Clay issue")?  Then the surname alone does not say
        which person is meant.  Not when it is a title, a known name, a
        place, a nationality or an ordinary word."""
        tok, f = tokens[k][0], folded[k]
        if not re.fullmatch(r"[A-Z][a-z]{2,}", tok) or text[tokens[k][2]:tokens[k + 1][1]] != " ":
            return False
        if f in self.forms or f in self.given_names or f in _MONTHS or f in _PLACE_HEADS:
            return False
        if is_common_word(f) or is_place(f) or _NOT_GIVEN.search(tok) or _PRE_TITLES.search(tok):
            return False
        if _SENTENCE_END.search(text[max(0, tokens[k][1] - 3):tokens[k][1]]):
            return False
        if k > 0 and text[tokens[k - 1][2]:tokens[k][1]] == " ":
            before = tokens[k - 1][0]
            # "in Okinawa Green", "Addis Ababa Mussolini": a place, not a given name
            titled = _PRE_TITLES.search(text[max(0, tokens[k - 1][1] - 20):tokens[k - 1][2]])
            if (before[:1].isupper() and not titled) or before.lower() in _PLACE_PREPOSITIONS:
                return False
        return True

    def _context(self, text, matches: list[_Match]) -> None:
        for m in matches:
            before = text[max(0, m.start - 60):m.start]
            t = _PRE_TITLES.search(before)
            if t and "\n" not in t.group(0):
                m.title = t.group(0).strip()
                m.start -= len(before) - t.start()
            after = text[m.end:m.end + 4]
            if re.match(r"(?:[’']s)?\s*\)", after):
                lead = text[max(0, m.name_start - 160):m.name_start]
                r = re.search(r"(?:\b[Tt]he|\bFrom|\bto|,)\s+([^()]{3,150}?)\s*\(\s*$", lead)
                if r:
                    m.role = r.group(1)

    # -- resolving -------------------------------------------------------

    def _resolve(self, m: _Match, day: str | None, strong: dict[int, int], text: str):
        cands = list(m.cands)
        why: list[str] = []
        if m.given:
            keep = [ci for ci in cands if self._given_fits(ci, m.given)]
            if not keep and m.given == ["M."]:
                keep = cands  # "M. Spaak": Monsieur, not an initial
            if not keep:
                return [], 0.0, f"given names {' '.join(m.given)} fit no candidate"
            if len(keep) < len(cands):
                why.append(f"given names {' '.join(m.given)}")
            cands = keep
        if day:
            living = [ci for ci in cands if alive(self.cands[ci], day)]
            if living and len(living) < len(cands):
                why.append("born too late")
                cands = living
            if self.register_wide:
                # without the volume's list anyone the register knows could
                # be meant: keep those the papers place near the date
                cands = [ci for ci in cands if self._active(self.cands[ci], day)]
                if not cands:
                    return [], 0.0, f"no one of that name known around {day[:4]}"
        if m.stranger and not m.title and not m.role:
            return [], 0.0, f"{m.stranger} before the surname may be a given name no candidate has"
        if not m.given and not m.title and not m.role and self._needs_evidence(m, text):
            return [], 0.0, "an English word with no name or title before it"
        common = is_common_word(fold(m.surname))
        if len(cands) == 1:
            conf = 0.97 if m.how == "exact" else 0.85
            if common:
                conf -= 0.1
            if m.title and title_score(m.title, self.cands[cands[0]], day) < 0:
                conf -= 0.15
            return cands, conf, "; ".join(why) or ("only candidate" if m.how == "exact" else "spelling variant")
        scores = {ci: 0.0 for ci in cands}
        for ci in cands:
            c = self.cands[ci]
            if m.title:
                scores[ci] += title_score(m.title, c, day)
            if m.role:
                scores[ci] += 4.0 * role_score(m.role, c)
            if day:
                held = [o.covers(day, default_span(o)) for o in c.offices]
                if any(held):
                    scores[ci] += 1.0
                elif held and all(h is False for h in held):
                    scores[ci] -= 1.0
            if strong.get(ci):
                scores[ci] += 2.0
        weights = sorted((self.cands[ci].weight for ci in cands), reverse=True)
        if weights[0] >= 10 and weights[0] >= 3 * weights[1]:
            for ci in cands:
                if self.cands[ci].weight == weights[0]:
                    scores[ci] += 1.0
        ranked = sorted(cands, key=lambda ci: (-scores[ci], self.cands[ci].key))
        top, second = scores[ranked[0]], scores[ranked[1]]
        if top - second >= 1.0:
            parts = []
            if m.title:
                parts.append(f"title {m.title!r}")
            if m.role:
                parts.append("role before the name")
            if day:
                parts.append(f"offices held on {day}")
            if strong.get(ranked[0]):
                parts.append("named in full elsewhere in the document")
            if self.cands[ranked[0]].weight == weights[0] and weights[0] >= 3 * weights[1] >= 3:
                parts.append("far better known")
            conf = min(0.9, 0.55 + 0.1 * (top - second))
            return [ranked[0]], conf, "; ".join(why + parts)
        tied = [ci for ci in ranked if top - scores[ci] < 1.0]
        return tied, 0.0, "; ".join(why) or "several candidates fit"

    @staticmethod
    def _active(c: _Candidate, day: str) -> bool:
        """Named by a volume covering a span within ten years of ``day``, or
        holding an office then."""
        year = int(day[:4])
        for first, last in c.spans:
            if first - 10 <= year <= last + 10:
                return True
        return any(o.covers(day, default_span(o)) for o in c.offices if o.start or o.end)

    def _given_fits(self, ci: int, given: list[str]) -> bool:
        c = self.cands[ci]
        if c.name.surname_first:
            return False
        seq = tuple(given)
        for forms in c.given_forms:
            if given_compatible(seq, forms):
                return True
            # "Alexis Johnson" skips the first initial of "U. Alexis"
            if len(forms) > 1 and not is_initial(seq[0]) and given_compatible(seq, forms[1:]):
                return True
            # a middle initial alone ("F. Dobrynin") is the last of the given names
            if len(seq) < len(forms) and all(is_initial(x) for x in seq) and given_compatible(seq, forms[-len(seq):]):
                return True
        return False

    def _needs_evidence(self, m: _Match, text: str) -> bool:
        """A surname that is also an English word ("Young", "Long", "White")
        is a name mid-sentence, or when a verb of saying follows ("Green
        said"), or alone on a signature line — not as the first word of a
        sentence or of a capitalised phrase ("White House")."""
        word = fold(m.surname)
        place = is_place(word) or word in _MONTHS
        if not place and not is_common_word(word):
            return False
        after = text[m.end:m.end + 40]
        nxt = re.match(r"\s*(?:then\s+|also\s+|had\s+)?([A-Za-z]+)", after)
        if nxt and nxt.group(1).lower() in _SPEECH:
            return False
        if place:
            return True  # "talks in Paris", "from Jordan and Iran"
        line_before = text[max(0, m.name_start - 2):m.name_start]
        if (not line_before.strip() and "\n" in line_before) and re.match(r"\s*(?:\n|$)", after):
            return False  # a signature: the name alone on its line
        if m.surname.isupper():
            return True
        if _SENTENCE_END.search(text[max(0, m.name_start - 3):m.name_start]):
            return True
        if re.search(r"\b[A-Z][\w’'-]*\s$", text[max(0, m.name_start - 30):m.name_start]):
            return True  # inside a capitalised phrase: "Status of the Ivanov Case"
        cap = re.match(r"\s+([A-Z][\w’'-]*)", after)
        return bool(cap and _token_key(cap.group(1)) not in self.forms)

    # -- other kinds of mention ------------------------------------------

    def _given_mentions(self, text, tokens, folded, found, named) -> list[LinkedMention]:
        """"Dear Foster", "Faithfully yours, Foster", "Sir Roger": a given
        name in a salutation, a closing or after a knight's title names the
        one person of the volume with that first name."""
        taken = [(x.start, x.end) for x in found]
        out = []
        for i, (tok, start, end) in enumerate(tokens):
            f = folded[i]
            if not f or f not in self.first_given:
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            cue = _GIVEN_CUES.search(text[max(0, start - 24):start])
            if not cue:
                continue
            cands = sorted(self.first_given[f])
            if cue.group(0).strip() in ("Sir", "Lady", "Dame", "Lord"):
                cands = [ci for ci in cands if any(fold(t) in ("sir", "lady", "dame", "lord") for t in self.cands[ci].name.titles)] or cands
            if len(cands) > 1:
                cands = [ci for ci in cands if ci in named] or cands
            label_start = start - (len(text[max(0, start - 24):start]) - cue.start()) if cue.group(0).strip() in ("Sir", "Lady", "Dame", "Lord") else start
            if len(cands) == 1:
                c = self.cands[cands[0]]
                out.append(LinkedMention(text[label_start:end], label_start, end, c.key, (c.key,), 0.8, LINKED,
                                         "person", c.local_id, f"given name after {cue.group(0).strip()!r}"))
        return out

    def _labels(self, text, named, day, found) -> list[LinkedMention]:
        """Speaker labels in telephone transcripts ("K: …", "D: …") and the
        notes that abbreviate the same way ("K said"): a letter stands for
        the one person named in the document whose surname it starts."""
        letters: dict[str, list[tuple[int, int]]] = {}
        for mt in _LABEL.finditer(text):
            letters.setdefault(mt.group(1), []).append((mt.start(1), mt.end(1)))
        for mt in re.finditer(r"(?<![\w.])([A-Z])\s+(?=(\w+))", text):
            if mt.group(2).lower() in _SPEECH:
                letters.setdefault(mt.group(1), []).append((mt.start(1), mt.end(1)))
        out = []
        taken = {(x.start, x.end) for x in found}
        for letter, spots in letters.items():
            if len(spots) < 2:
                continue
            owners = sorted({ci for ci in named if _initial_of(self.cands[ci].name) == letter})
            if len(owners) != 1:
                continue
            c = self.cands[owners[0]]
            for s, e in spots:
                if (s, e) not in taken:
                    out.append(LinkedMention(letter, s, e, c.key, (c.key,), 0.75, LINKED, "person", c.local_id,
                                             "speaker letter of a person the document names"))
        return out

    def _offices(self, text: str, day: str | None, found: list[LinkedMention]) -> list[LinkedMention]:
        """"the Attorney General" → whoever held it on ``day``."""
        out = []
        taken = [(x.start, x.end) for x in found]
        for mt in _OFFICE_PHRASE.finditer(text):
            phrase = re.sub(r"(?:\s+(?:of|for|and|the|to|on))+$", "", mt.group(1))
            start = mt.start(1)
            end = start + len(phrase)
            if any(s < end and start < e for s, e in taken):
                continue
            if text[end:end + 3].lstrip().startswith("("):
                continue  # "the Under Secretary (Johnson)": the name is linked itself
            wanted = office_keys(phrase)
            if not wanted:
                continue
            holders = sorted(self._holders(wanted, day))
            if not holders:
                continue
            keys = sorted({self.cands[ci].key for ci in holders})
            label = text[mt.start():end]
            if len(keys) == 1:
                c = self.cands[holders[0]]
                out.append(LinkedMention(label, mt.start(), end, keys[0], tuple(keys), 0.8, LINKED, "person",
                                         c.local_id, f"held the office of {phrase} on {day or 'the volume’s dates'}"))
            else:
                out.append(LinkedMention(label, mt.start(), end, None, tuple(keys), 0.0, AMBIGUOUS, "person",
                                         None, f"several held the office of {phrase}"))
            taken.append((mt.start(), end))
        return out

    def _holders(self, wanted: set[str], day: str | None) -> set[int]:
        """Who held the office on ``day``, by the best evidence there is:
        offices printed with dates first; failing those, offices the
        volume's own list prints undated (held during the volume's span);
        last, undated offices other volumes print."""
        tiers: tuple[set[int], set[int], set[int]] = (set(), set(), set())
        for key in wanted:
            for ci, o, default in self.office_index.get(key, ()):
                dated = o.start is not None or o.end is not None
                own = o.source == self.volume_id
                if day is None:
                    if own:
                        tiers[1].add(ci)  # undated document: the volume's own list speaks
                elif dated and o.covers(day, default):
                    tiers[0].add(ci)
                elif not dated and o.covers(day, default):
                    tiers[1 if own else 2].add(ci)
        return next((t for t in tiers if t), set())

    # -- output ----------------------------------------------------------

    def _mention(self, text, m: _Match, chosen: list[int], conf: float, why: str) -> LinkedMention:
        if len(chosen) == 1:
            c = self.cands[chosen[0]]
            return LinkedMention(text[m.start:m.end], m.start, m.end, c.key, (c.key,), round(conf, 2),
                                 LINKED, "person", c.local_id, why)
        keys = tuple(sorted({self.cands[ci].key for ci in chosen}))
        status = AMBIGUOUS if chosen else UNRESOLVED
        return LinkedMention(text[m.start:m.end], m.start, m.end, None, keys, 0.0, status, "person", None, why)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

_OFFICE_PHRASE = re.compile(
    r"\b[Tt]he\s+((?:U\.S\.\s+)?[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|and|the|to|on))*)"
)


@lru_cache(maxsize=200_000)
def _token_key(token: str) -> str:
    return fold(_POSSESSIVE.sub("", token))


def _given_forms(name: PersonName) -> tuple[tuple[str, ...], ...]:
    forms = []
    if name.given:
        forms.append(tuple(fold(g) for g in name.given))
    for nick in name.nicknames:
        forms.append((fold(nick),))
    return tuple(forms)


def _nicknames_elsewhere(name: PersonName, forms: Iterable[str]) -> tuple[str, ...]:
    """Nicknames other lists print for the person ("Thompson, Llewellyn E. (“Tommy”)")
    that this volume's list leaves out: "Tommy Thompson" is still he."""
    own = {fold(n) for n in name.nicknames}
    out: list[str] = []
    for raw in forms:
        for nick in parse_list_name(raw).nicknames:
            key = fold(nick)
            if key not in own and key not in out:
                out.append(key)
    return tuple(out)


def _other_surnames(name: PersonName, forms: Iterable[str]) -> tuple[str, ...]:
    """Surnames the register knows for a person besides the one this list
    prints: the authority corrects a list's misspelling ("Brehznev")."""
    own = {fold(s) for s in name.short_forms()}
    out = []
    for raw in forms:
        if "," not in raw:
            continue
        other = parse_list_name(raw)
        if other.surname_first or given_compatible(name.given, other.given) is False:
            continue
        s = other.surname
        # only a respelling of the surname, never a stray phrase of the data
        if fold(s) in own or s in out or len(s.split()) > len(name.surname.split()):
            continue
        if translit_key(s) == translit_key(name.surname) or _distance(fold(s), fold(name.surname)) <= 2:
            out.append(s)
    return tuple(out)


def _distance(a: str, b: str) -> int:
    if abs(len(a) - len(b)) > 2:
        return 3
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _spans(volume_ids: Iterable[str]) -> tuple[tuple[int, int], ...]:
    out = set()
    for vid in volume_ids:
        span = volume_span(vid)
        if span:
            out.add((int(span[0][:4]), int(span[1][:4])))
    return tuple(sorted(out))


def _nickname(folded: str, cand_given: set[str]) -> bool:
    return any(full in cand_given for full in NICKNAMES.get(folded, ()))


def _initial_of(name: PersonName) -> str:
    words = [w for w in name.surname.split() if w[:1].isupper()]
    return words[-1][0] if words and not name.surname_first else name.surname[:1]


def _adjacent(text, tokens, i, j) -> bool:
    for k in range(i, j - 1):
        if text[tokens[k][2]:tokens[k + 1][1]].strip() not in ("", "-"):
            return False
    return True


def _strip_possessive_end(token) -> int:
    word, start, end = token
    stripped = _POSSESSIVE.sub("", word)
    return start + len(stripped) if stripped else end


# --------------------------------------------------------------------------
# the functional front
# --------------------------------------------------------------------------

_CACHE: dict[tuple, PersonLinker] = {}


def link_mentions(
    document: str | Iterable[Block],
    volume_persons: Volume | Sequence[ListEntry] | None,
    date: DocDate | str | None,
    register=None,
    *,
    volume_id: str | None = None,
    terms: Sequence[ListEntry] | None = None,
) -> list[LinkedMention]:
    """Link the persons (and, with ``terms``, the terms) a document names.

    ``document`` is plain text or the document's blocks (offsets then
    refer to :func:`frus.entities.flatten.flatten_blocks` text).
    ``volume_persons`` is the volume (or its persons list) the document
    belongs to; with none, the whole register is searched, by date.
    ``terms`` defaults to the volume's terms list when a Volume is given.
    """
    from frus.entities.flatten import flatten_blocks
    from frus.entities.terms import TermLinker

    text = document if isinstance(document, str) else flatten_blocks(document).text
    if isinstance(volume_persons, Volume):
        volume_id = volume_id or volume_persons.id
        terms = terms if terms is not None else volume_persons.terms
    entries = volume_persons.persons if isinstance(volume_persons, Volume) else tuple(volume_persons or ())
    key = (volume_id, id(register), tuple(e.id for e in entries))
    linker = _CACHE.get(key)
    # the cached linker holds its register, so an id is never reused for
    # another one while cached; the identity check makes that explicit
    if linker is None or linker.register is not register:
        if len(_CACHE) > 8:
            _CACHE.clear()
        linker = _CACHE[key] = PersonLinker(entries, register, volume_id=volume_id)
    found = linker.link(text, date)
    if terms:
        found.extend(TermLinker(terms).link(text))
        found.sort(key=lambda x: (x.start, x.end))
    return found


__all__ = ["AMBIGUOUS", "LINKED", "LinkedMention", "PersonLinker", "UNRESOLVED", "link_mentions"]
