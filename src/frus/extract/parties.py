"""Senders and recipients from a document's title.

FRUS titles follow a small grammar, which is all this module knows:

* ``<Kind> From <A> to <B>`` — "Memorandum From the President's Deputy
  Assistant for National Security Affairs (Haig) to the President's
  Assistant …".  ``A`` and ``B`` may list several parties ("to Secretary of
  State Rogers and Secretary of Defense Laird").
* ``<Kind>, by <A>`` / ``<Kind> by <A> to <B>`` / ``<Kind> Prepared by|in <A>``
  — the author is the sender.
* ``<Kind> to|for <B>`` ("Memorandum for the President") — a recipient;
  "for the Record" and "for the File" name none.
* ``<Kind> Between|Among <A> and <B>`` — a telephone conversation or meeting has
  participants, not a sender and a recipient.  By convention the first
  participant is put in ``senders`` and the second in ``recipients``, so
  "Transcript of a Telephone Conversation Between President Nixon and
  Kissinger" gives ``senders=(Nixon,)``, ``recipients=(Kissinger,)``;
  "His Assistant …" after "President Nixon and" is the "President's
  Assistant …".  The parties to an agreement ("Memorandum of Agreement
  Between the CIA and the Department of Justice") neither send nor receive.
* ``<Kind> With <A>`` — "Memorandum of Conference With President Kennedy",
  "Interview With …": one participant named, nobody sent or received it
  (only a telephone conversation "With" someone keeps the two parties).
* ``<Kind> of <Body>`` — "Memorandum of Russian Imperial legation",
  "Resolution of the Exports Administrative Board": the body is the author.
* ``<A>’s <Kind> to <B>`` — "President Nixon’s Fourth Annual Report to the
  Congress on U.S. Foreign Policy": A is the sender; what follows the
  recipient ("on U.S. Foreign Policy", "of Discussion at the … Meeting")
  is the subject, not part of the party.
* ``<A> to <B>`` with no kind word — the 1861–1951 style ("Mr. Seward to
  Mr. Adams.", "The Ambassador in France (Caffery) to the Acting Secretary
  of State").
* ``<Kind> of <officer (Name)>`` / ``<Kind> of <Messrs. A and B> to <C>`` —
  "Memorandum of the Counselor for the Department of State (Polk)": the
  "for" is inside his office, not an addressee.
* ``Extract from <title>`` (Excerpt, Copy, Translation, Paraphrase) — the
  kind and parties of the document extracted.
* ``<Organisation> <Kind>`` — "Operations Coordinating Board Report",
  "United States Delegation Position Paper": the author as an adjective.
* a "to" after "in reply", "in response", "addendum", "annex" … relates
  the document to another, and names no addressee; "Highlights From …
  Meeting" names an occasion, not a sender.
* the microfiche supplement's entries: a numbered telegram ("Telegram 1703
  to USUN", "Tosec 107 to Geneva") goes from post to post, so a bare
  "Geneva" is an office, not a surname; "Memorandum of conversation, May
  1, between Ball and … ." prints its participants after the date (kept
  only when every one is a named person).

A memorandum of conversation's PARTICIPANTS list is not a sender or a
recipient; :func:`frus.extract.participants` reads it from the body.

Each party becomes ``Party(role, name)``: "the President's Deputy Assistant
for National Security Affairs (Haig)" → role "President's Deputy Assistant
for National Security Affairs", name "Haig"; "President Nixon" → role
"President", name "Nixon"; "the Embassy in the Soviet Union" → role only;
"Defense Minister of the Republic of China Chiang Ching-kuo" → the office
ends at the country (or at "of War", "of State-Designate") and the name
follows; "Mr. Seward" → name only (courtesy titles Mr., Mrs., M., Señor … are
dropped; ranks of nobility and knighthood stay in the name, "Earl
Granville", "Sir E. Thornton", because that is how the person is named;
"James C. Thomson, Jr." keeps its comma, "Brulaton & Co." its stop).  A
body named after a person's office belongs to it ("G. Hayden Raynor,
Adviser, United States Delegation" is one party).  Roles are kept as printed,
abbreviations included ("Amb." Caccia), but use straight apostrophes and
lose a leading "the", so the typographic and straight spellings of
"President’s" give one facet value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from frus.extract._text import squeeze, straight
from frus.model import Party

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

#: words that end a role printed before a surname ("President Nixon",
#: "Soviet General Secretary Brezhnev", "General Tasker H. Bliss")
TITLE_WORDS = frozenset(
    """President Vice-President Secretary Chairman Chairmen Ambassador Minister Chargé Consul Director Governor
    Senator Representative Congressman General Admiral Colonel Major Captain Commander Lieutenant Premier King Queen
    Emperor Shah Sultan Pope Chancellor Mayor Speaker Counselor Adviser Advisor Administrator Attorney Assistant
    Ambassador-at-Large Earl Lord Baron Count Prince Marquis Viscount Duke Cardinal Archbishop Bishop Judge Justice
    Commissioner Delegate Envoy Emir Amir Generalissimo Marshal Field-Marshal Leader Chief Agent Attaché
    Professor Gen. Adm. Col. Amb. Sen. Gov. Lt. Maj. Capt. Cmdr. Secretary-General Governor-General Foreign""".split()
)
#: courtesy titles dropped from a personal name
HONORIFICS = frozenset(
    "Mr. Mrs. Miss Ms. Messrs. M. Mme. Mlle. Dr. Señor Senor Señora Senhor Signor Herr Monsieur Don Doña".split()
)
#: ranks of nobility and knighthood: kept as part of the name, because
#: they are how the person is named ("Earl Granville", "Sir E. Thornton")
NOBILITY = frozenset("Earl Lord Baron Count Prince Marquis Marquess Viscount Duke Chevalier Sir Dame".split())
#: a phrase containing one of these describes an office, not a person
OFFICE_WORDS = frozenset(
    """Secretary Director Assistant Ambassador Minister Chargé Consul President Chairman Chief Commander
    Representative Representatives Counselor Adviser Advisor Deputy Administrator Attorney General Admiral Senator
    Governor King Premier Chancellor Members Member Staff Officer Executive Head Leader Commissioner Delegate Delegation
    Embassy Embassies Mission Missions Legation Legations Consulate Consulates Department Agency Council Committee
    Station Headquarters Office Bureau Board Group Government Ministry Posts Post Vice Acting Colonel Emperor
    Shah Sultan Spokesman Coordinator Principals Officers Attaché Envoy Chairmen Commission Joint Chiefs Prime
    Under Special Military Naval Secretariat Division Section Task Force Cabinet Congress Senate House Participants
    Negotiator Negotiators Ministers Ambassadors Heads Leaders Diplomatic Liaison Observer Team Command Forces
    Captain Lieutenant Major Marshal Mayor Judge Speaker Emir Pope Foreign Delegations Counsel Inspector""".split()
)
#: words that end an organisation name, never a surname ("Central Intelligence Agency")
_ORG_TAIL = frozenset(
    """Agency Council Staff Staffs Department Embassy Mission Union States Nations Organization Committee Commission
    Board Office Government Ministry Station Headquarters Command Posts Delegation Legation Consulate Bureau Division
    Group Chiefs House Congress Senate Assembly Affairs Security Intelligence Defense Defence State Treasury Commerce
    Justice Interior Navy Army Force Forces Corps Service Services Administration Authority Conference Center Agencies
    Community Republic Kingdom Empire Secretariat Team Section Unit Program Party Bank Fund Policy Planning Research
    Operations Information Relations Development Energy Labor Agriculture Transportation Cabinet General Attaché
    Embassies Missions Legations Consulates Cooperation Paris London Moscow Berlin Tokyo Peking Beijing Washington
    Files Record File Records""".split()
)
#: a word before " to " that makes "to" part of the role: "Mission to the UN"
_ROLE_TO = frozenset(
    "Mission Missions Representative Representatives Delegation Delegations Delegate Delegates Ambassador Observer "
    "Envoy Commissioner Minister Adviser Advisor Counselor Liaison Attaché Emissary Assistant Adjunct Ambassadors Deputy "
    "Special Personal Mediator Negotiator Commission".split()
)
#: the Department's telegram series named by channel ("Tosec 107", "Secto 12", "Nusup 1083")
TELEGRAM_CODES = (
    r"(?:cedto|toced|tosec|secto|tedul|dulte|cahto|tocah|polto|topol|delga|gadel|tomus|musto|secun|unsec|actel|"
    r"nusup|supnu|disto|todis|ecbus|busec|toaid|aidto|tousi|usito|toica|icato)"
)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_SURNAME = r"(?:(?:de|da|di|van|von|der|den|du|la|le|ul|al|el|bin|ben|y)\s+)*[A-Z][\w’'\-]+(?:,?\s+(?:Jr\.|Sr\.|II|III))?"


@dataclass(frozen=True, slots=True)
class TitleParts:
    """What a title says: the kind phrase before the parties, and the parties."""

    kind: str
    senders: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    #: True for "Between A and B": the two lists are participants, not from/to
    between: bool = False
    #: the sender and recipient text as printed (courtesy titles included)
    from_text: str = ""
    to_text: str = ""


# --------------------------------------------------------------------------
# Titles
# --------------------------------------------------------------------------

_NUMBER_PREFIX = re.compile(r"^\s*(?:No\.\s*\d+[A-Z]?\.\s*|\d+[A-Z]?\.\s+|\*\s*)")
_TRAILING_DATE = re.compile(
    rf",\s*(?:\[?[A-Z][\w .’'\-]*\]?,\s*)?(?:undated\b|{_MONTH}\s+\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{4}}).*$"
)
_HELD_ON = re.compile(rf"\bheld\s+(?:at\s+[A-Z][\w ]*?,?\s+)?(?:on\s+)?(?P<date>{_MONTH}\s+\d{{1,2}},\s+\d{{4}})\.?$")
_RECEIVED = re.compile(r"\s*(?:[—–-]+\s*)?\(?Received\b.*$")
_WITH_ENCLOSURES = re.compile(
    r",?\s+with\s+(?:accompaniments?|enclosures?|inclosures?|an?\s+(?:enclosure|inclosure|accompaniment)|annex(?:es)?)\b.*$",
    re.I,
)
_UNTITLED = re.compile(r"^\[?Untitled\]?", re.I)


def title_date_clause(title: str | None) -> str:
    """The date a title prints for the document itself: "Washington, November 1, 1975, 1 p.m.".

    "(Received …)" clauses are the receipt, not the document's date, and a
    microfiche entry's description after the date ("May 31. Evaluation of
    NIE …") is not part of it.
    """
    t = squeeze(title or "")
    t = _RECEIVED.sub("", t)
    m = _TRAILING_DATE.search(t)
    if not m:
        held = _HELD_ON.search(t)
        # "Minutes of the third conference with the Chinese plenipotentiaries, held September 7, 1901."
        return held.group("date") if held else ""
    clause = m.group().lstrip(", ")
    return re.split(r"(?<!\b[A-Z])\.\s+(?=[A-Z“\"\[])", clause, maxsplit=1)[0].strip()


def clean_title(title: str | None) -> str:
    """The title without its printed number, trailing date, "(Received …)" or full stop."""
    t = squeeze(title or "")
    t = _NUMBER_PREFIX.sub("", t)
    # footnote markers glued to the end by some encoders: "Palmerston.1", "Palmerston.62]"
    t = re.sub(r"(?:\[\d+\]|(?<=[.\])])\d+\]?|(?<=[a-z])\d+)$", "", t).strip()
    if _UNTITLED.match(t):
        return ""
    t = _RECEIVED.sub("", t)
    t = _WITH_ENCLOSURES.sub("", t)
    m = _DATE_THEN_PARTICIPANTS.match(t)
    if m:
        # the microfiche supplement's "Memorandum of conversation, May 1, between Ball and …. “Subject.” …"
        t = f"{m.group('kind')} {m.group('who')}"
    t = _TRAILING_DATE.sub("", t)
    return t.strip().rstrip(".,;:").strip()


#: "Kind, May 1, between A and B. …": the participants printed after the date
_DATE_THEN_PARTICIPANTS = re.compile(
    rf"^(?P<kind>[^,]+?),\s+{_MONTH}\s+\d{{1,2}}(?:\s*[–-]\s*(?:{_MONTH}\s+)?\d{{1,2}})?,\s+"
    r"(?P<who>(?:between|among)\s+.+?)"
    r"(?<!\bGen)(?<!\bCol)(?<!\bAdm)(?<!\bAmb)(?<!\bMaj)(?<!\bSen)(?<!\bMr)(?<!\bDr)(?<!\b[A-Z])\.(?:\s|$)"
)


#: "from", and the one misprint of it in the corpus ("Note froth the Foreign Office to …")
_FROM = re.compile(r"\s+[Ff]r(?:om|oth)\s+")
_BETWEEN = re.compile(r"\s+(?:[Bb]etween|[Aa]mong)\s+")
#: "Memorandum of Conversation With President Eisenhower and …" lists participants too
_WITH = re.compile(r"\s+[Ww]ith\s+")
_MEETING_KIND = re.compile(
    r"(?i)\b(?:conversation|conference|meeting|discussion|talks?|lunch|luncheon|dinner|breakfast|call|interview)\b"
)
_BY = re.compile(
    r",?\s+(?:(?:Prepared|Written|Drafted|Sent|Issued|Submitted|Delivered|Made|Given|Approved)\s+)?"
    r"(?:[Bb]y|[Ii]n|[Ff]or\s+the\s+[A-Z][\w ]+?\s+[Bb]y)\s+(?=\S)"
)
_KIND_TO = re.compile(r"\s+(?:[Tt]o|[Ff]or|[Ff]rom)\s+")


@lru_cache(maxsize=8192)
def parse_title(title: str | None) -> TitleParts:
    """Kind phrase, senders and recipients of a title (the grammar is in the module docstring)."""
    t = clean_title(title)
    if not t:
        return TitleParts("")
    m = _WRAPPED.match(t)
    if m:
        # "Extract from letter of Messrs. Campbell and Parke to the Secretary of State": the
        # extract has the letter's kind and parties
        inner = _parse_clean(m.group("inner"))
        if inner.senders or inner.recipients:
            return TitleParts(f"{m.group('wrap')} {inner.kind}".strip(), inner.senders, inner.recipients, inner.between)
    parts = _parse_clean(t)
    if parts.between and _DATE_THEN_PARTICIPANTS.match(squeeze(title or "")) and not all(
        p.name for p in (*parts.senders, *parts.recipients)
    ):
        # "…, January 22, among U.S.S.R., U.K., and U.S. interlocutors": groups, not persons
        return TitleParts(parts.kind)
    return _with_posts(_with_adjective_author(parts))


#: an extract, copy or translation of another document: "Extract from letter of …"
_WRAPPED = re.compile(
    r"^(?P<wrap>(?:Extracts?|Excerpts?|Copy|Translation|Paraphrase)\s+(?:from|of))\s+(?:an?\s+|the\s+)?(?P<inner>.+)$"
)
_DOCUMENT_WORD = re.compile(
    r"(?i)\b(?:memorand(?:um|a)|telegram|letter|report|paper|note|draft|study|summary|minutes|record|estimate)\b"
)
#: "Operations Coordinating Board Report", "Department of Defense Staff Paper": the author as an adjective
_ADJECTIVE_AUTHOR = re.compile(
    r"^(?P<org>(?:United States|Department of(?: the)? [A-Z]\w+|(?:[A-Z][\w.&’'-]*\s+){0,5}?"
    r"(?:Board|Council|Committee|Agency|Staff|Commission|Group|Bureau|Ministry|Embassy|Mission|Delegation|"
    r"Secretariat|Chiefs of Staff)))\s+(?:(?:Delegation|Mission)\s+)?"
    r"(?P<kind>(?:(?:Special|Staff|Position|Working|Policy|Guidelines|Information|Intelligence)\s+)?"
    r"(?:Report|Paper|Study|Memorandum|Estimate|Statement|Directive)s?)\b"
)


def _with_adjective_author(parts: TitleParts) -> TitleParts:
    if parts.senders or parts.between:
        return parts
    m = _ADJECTIVE_AUTHOR.match(parts.kind)
    if not m or _DOCUMENT_WORD.search(m.group("org")):
        return parts
    org = m.group("org")
    tail = parts.kind[m.end("org"):].split()
    if tail and tail[0] in ("Delegation", "Mission"):
        org = f"{org} {tail[0]}"
    return TitleParts(parts.kind, (Party(role=_role(org)),), parts.recipients, parts.between, parts.from_text, parts.to_text)


#: a numbered telegram of the microfiche supplement: "Telegram 1703 to USUN", "Tosec 107 to Geneva"
_NUMBERED_TELEGRAM = re.compile(
    r"(?i)^(?:(?:circular\s+)?(?:telegram|airgram)\s+(?:[A-Z]+[–-])?\d+|" + TELEGRAM_CODES + r"\s+\d+)$"
)


def _with_posts(parts: TitleParts) -> TitleParts:
    """A numbered telegram goes from post to post: "Geneva", "USUN" are offices, not persons."""
    if not _NUMBERED_TELEGRAM.match(parts.kind.strip()):
        return parts

    def post(p: Party) -> Party:
        return Party(role=p.name) if p.role is None and p.name else p

    # "Circular airgram CA–11942 from Rusk to certain diplomatic missions": with both ends named,
    # the sender is the Department's principal, not a post
    senders = parts.senders if parts.recipients else tuple(map(post, parts.senders))
    return replace(parts, senders=senders, recipients=tuple(map(post, parts.recipients)))


def _parse_clean(t: str) -> TitleParts:
    m = _FROM.search(t)
    if m and _kind_like(t[: m.start()]) and _NOT_A_SENDER.search(t[m.end():]) and not _top_level_to(t[m.end():]):
        # "Highlights From Secretary of State Rusk’s Policy Planning Meeting": a meeting sends nothing
        return TitleParts(t)
    if m and _kind_like(t[: m.start()]):
        kind = t[: m.start()]
        senders, recipients = _split_to(_trim_tail(t[m.end():]))
        return TitleParts(kind, senders, recipients)
    m = _BETWEEN.search(t)
    if m and _kind_like(t[: m.start()], allow_long=True):
        kind = t[: m.start()]
        if not _MEETING_KIND.search(kind):
            return TitleParts(kind)  # "Memorandum of Agreement Between A and B": parties to it, not writers
        a, b = _split_between(_trim_tail(t[m.end():]))
        return TitleParts(kind, a, _resolve_possessive(a, b), between=True)
    m = _WITH.search(t)
    if m and _MEETING_KIND.search(t[: m.start()]) and _kind_like(t[: m.start()], allow_long=True):
        kind = t[: m.start()]
        if _TELEPHONE.search(kind):
            a, b = _split_between(_trim_tail(t[m.end():]))
            return TitleParts(kind, a, _resolve_possessive(a, b), between=True)
        # "Memorandum of Conference With President Kennedy": he took part, he
        # neither wrote nor received it; the participants are in the body
        return TitleParts(kind)
    m = _by_match(t)
    if m is not None:
        kind, author = t[: m.start()], _trim_tail(t[m.end():])
        k = _KIND_TO.search(kind)
        if k and _kind_like(kind[: k.start()]) and kind[k.start():].strip().lower().startswith("to"):
            # "Memorandum to the National Security Council by the Executive Secretary (Lay)"
            return TitleParts(kind[: k.start()], _parties(author), _parties(kind[k.end():]))
        return TitleParts(kind, *_split_author(author))
    m = _OF_AUTHOR.match(t)
    if m and (_is_organisation(m.group("rest")) or _is_person_of(m.group("rest"))):
        # "Memorandum of Russian Imperial legation", "Resolution of the Exports Administrative Board"
        return TitleParts(m.group("kind"), *_split_author(_trim_tail(m.group("rest"))))
    m = _POSSESSIVE.match(t)
    if m and _starts_party(m.group("author")):
        # "President Nixon’s Fourth Annual Report to the Congress on U.S. Foreign Policy"
        to = _parties(_trim_tail(m.group("to"))) if m.group("to") else ()
        return TitleParts(m.group("kind"), _parties(m.group("author")), to)
    m = _KIND_TO.search(t)
    if m and _kind_like(t[: m.start()]) and _kind_word(t[: m.start()]):
        rest = t[m.end():]
        if _NOT_ADDRESSED.search(t[: m.start()]):
            return TitleParts(t[: m.start()])  # "Memorandum in reply to the Russian Chargé’s memorandum": no addressee
        if re.match(r"(?i)(?:the\s+)?(?:record|files?|the\s+files?)\b", rest):
            return TitleParts(t)
        return TitleParts(t[: m.start()], (), _parties(_trim_tail(rest)))
    if _starts_with_kind(t) or not _top_level_to(t):
        return TitleParts(t)
    senders, recipients = _split_to(t)
    cut = _to_split_point(t)
    return TitleParts("", senders, recipients, from_text=t[: cut.start()], to_text=t[cut.end():])


_TELEPHONE = re.compile(r"(?i)\btele(?:phone|con)\b|\bphone\b")
#: what follows "From" when it names an occasion, not a sender
_NOT_A_SENDER = re.compile(r"(?i)\b(?:meetings?|discussions?|sessions?)$")
#: a "to" that relates the document to another, not to an addressee
_NOT_ADDRESSED = re.compile(
    r"(?i)\b(?:in\s+(?:reply|answer|response)|with\s+(?:reference|regard)|supplementary|addend(?:um|a)|annex(?:es)?|"
    r"appendix|appendices|amendments?)$"
)


def _is_person_of(text: str) -> bool:
    """"the Counselor for the Department of State (Polk)", "Messrs. Campbell and Parke to …":
    an officer named in parentheses, or persons by courtesy title, wrote what they are "of"."""
    head = _top_level(text, _TO)
    head_text = text[: head[0].start()] if head else text
    words = head_text.split()
    if not words or _NOT_AN_AUTHOR.search(head_text):
        return False
    if words[0] in HONORIFICS:
        return True
    return words[0] in ("the", "The") and head_text.rstrip().endswith(")") and any(w in OFFICE_WORDS for w in words)


#: what a title says after its parties: the subject of a report or the meeting noted
_TAIL = re.compile(
    r"(?:(?<=\))|(?<=\bCongress))\s+on\s+\S.*$"
    r"|\s+of\s+(?:a\s+|the\s+)?(?:Discussion|Conversation|Meeting|Conference)\b.*$"
)
_OF_AUTHOR = re.compile(
    r"^(?P<kind>(?:[\w-]+\s+){0,2}?(?:Memorandum|Resolution|Report|Statement|Note|Paper|Study|Proposal|Declaration|"
    r"Communiqu[ée]|Views|Recommendations?|[Ll]etter|[Dd]espatch|[Tt]elegram))\s+of\s+(?P<rest>.+)$"
)
_NOT_AN_AUTHOR = re.compile(
    r"(?i)\b(?:conversation|meeting|discussion|conference|session|talks?|understanding|agreement|conclusions?|"
    r"decisions?|action|record|points|views|problems?|situation|policy)\b"
)
_POSSESSIVE = re.compile(
    r"^(?P<author>[A-Z][^’'()]+?)[’']s\s+(?P<kind>(?:[\w-]+\s+){0,4}?(?:Report|Message|Address|Statement|Letter|"
    r"Memorandum|Remarks|Speech|Note|Reply|Proposal|Paper))\b(?:\s+(?:to|for)\s+(?P<to>.+))?$"
)


def _trim_tail(text: str) -> str:
    return _TAIL.sub("", text).strip()


def _is_organisation(text: str) -> bool:
    """Does ``text`` (the "of …" of a title) name a body that can write, not a subject?"""
    head = re.split(r"\s+to\s+", text, maxsplit=1)[0].strip(" ,.")
    words = head.split()
    if not words or _NOT_AN_AUTHOR.search(head):
        return False
    return words[-1].capitalize() in _ORG_TAIL or words[-1] in _ORG_TAIL


def _split_author(text: str) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    """An author clause ("by …", "of …"): who wrote it, and whom it was for.

    "the Assistant Staff Secretary to the President (Minnich)" is one party:
    the "to" sits inside the office, before the only name.  "… (Kissinger)
    for the Senate Foreign Relations Committee" names the recipient after
    the author's name.
    """
    matches = _top_level(text, _TO)
    if len(matches) == 1 and _IN_ROLE_TO.match(text[matches[0].end():]):
        return _parties(text), ()
    for m in _top_level(text, re.compile(r"\s+for\s+(?=\S)")):
        before = text[: m.start()]
        if before.endswith(")") or _is_office_body(before):
            # "… (Kissinger) for the Senate Foreign Relations Committee",
            # "the Department of State for the United States Delegation …"
            return _parties(before), _parties(text[m.end():])
    return _split_to(text, strict=True)


#: "the Assistant Staff Secretary to the President (Minnich)": the President
#: is never named in parentheses, so the name is the assistant's
_IN_ROLE_TO = re.compile(r"^(?:the\s+)?(?:President|Secretary)\s*\([^()]*\)$")


def _is_office_body(text: str) -> bool:
    """"the Department of State": an organisation, with no officer's title in it."""
    words = re.sub(r"^(?:the|The)\s+", "", text.strip()).split()
    return bool(words) and words[-1] in _ORG_TAIL and not any(w in TITLE_WORDS for w in words)


def _resolve_possessive(first: tuple[Party, ...], second: tuple[Party, ...]) -> tuple[Party, ...]:
    """"President Nixon and His Assistant for National Security Affairs (Kissinger)":
    the "His" is the first party's office."""
    if not first or not first[0].role:
        return second
    owner = first[0].role
    out = []
    for p in second:
        if p.role and re.match(r"^(?:His|Her)\s+", p.role):
            p = Party(re.sub(r"^(?:His|Her)\s+", f"{owner}'s ", p.role), p.name)
        out.append(p)
    return tuple(out)


def _by_match(t: str) -> re.Match[str] | None:
    for m in _BY.finditer(t):
        before = t[: m.start()]
        if before.count("(") != before.count(")"):
            continue
        if _kind_like(before, allow_long=True) and _kind_word(before):
            after = t[m.end():]
            if re.match(r"(?:the\s+|The\s+|[A-Z])", after):
                return m
    return None


def _kind_like(prefix: str, allow_long: bool = False) -> bool:
    """A kind phrase is short and does not open like a party ("The …", "Mr. …")."""
    prefix = prefix.strip()
    if not prefix or "(" in prefix:
        return False
    words = prefix.split()
    if len(words) > (14 if allow_long else 8):
        return False
    first = words[0]
    if first in HONORIFICS or first in ("The", "the"):
        return False
    return True


_KIND_WORDS = re.compile(
    r"(?i)\b(?:memorandum|memoranda|telegram|cable|cablegram|airgram|letter|despatch|dispatch|instruction|note|notes|"
    r"message|circular|minutes|record|transcript|conversation|paper|report|estimate|study|directive|statement|"
    r"address|remarks|speech|summary|draft|aide-m[ée]moire|communiqu[ée]|agreement|treaty|protocol|talking points|"
    r"briefing|diary|notation|entry|extract|excerpt|proposal|analysis|brief|instructions|points|outline|plan|"
    r"policy|review|assessment|comments|response|reply|position|guidance|appraisal|account|editorial|"
    r"declaration|resolution|text|list|chronology|agenda|oral|proclamation|article|interview|testimony|"
    r"backchannel|intelligence|despatches|reports|telegrams|letters|messages|papers|announcement|press|"
    r"conference|meeting|discussion|exchange|action|decision|request|order|orders|summaries|chronologies|document)\b"
    r"|^" + TELEGRAM_CODES + r"\s+\d"
)


def _kind_word(prefix: str) -> bool:
    return bool(_KIND_WORDS.search(prefix))


def _starts_with_kind(title: str) -> bool:
    """Does the title open with a kind phrase ("Memorandum …", "Draft Paper …") rather than a party?"""
    words = title.split()
    if not words or words[0] in ("The", "the") or words[0] in HONORIFICS or words[0] in NOBILITY:
        return False
    return _kind_word(" ".join(words[:3]))


# --------------------------------------------------------------------------
# Splitting party lists
# --------------------------------------------------------------------------


def _top_level(text: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    """Matches of ``pattern`` outside parentheses and brackets."""
    out = []
    for m in pattern.finditer(text):
        before = text[: m.start()]
        if before.count("(") == before.count(")") and before.count("[") == before.count("]"):
            out.append(m)
    return out


_TO = re.compile(r"\s+to\.?\s+")


def _top_level_to(text: str) -> bool:
    return bool(_top_level(text, _TO))


def _split_to(text: str, strict: bool = False) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    """Split "A to B" at the " to " that separates sender from recipient.

    ``strict``: when every " to " belongs to a role ("Special Assistant to
    the Director"), there is no recipient rather than a guessed one.
    """
    chosen = _to_split_point(text, strict)
    if chosen is None:
        return _parties(text), ()
    return _parties(text[: chosen.start()]), _parties(text[chosen.end():])


def _to_split_point(text: str, strict: bool = False) -> re.Match[str] | None:
    matches = _top_level(text, _TO)
    if not matches:
        return None
    chosen = None
    for m in matches:
        if text[: m.start()].rstrip().endswith(")"):
            chosen = m
            break
    if chosen is None:
        for m in matches:
            prev = text[: m.start()].split()
            if prev and prev[-1].strip(",") not in _ROLE_TO:
                chosen = m
                break
    if chosen is None and not strict:
        chosen = matches[0]
    return chosen


def _split_between(text: str) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    chunks = _chunks(text)
    if len(chunks) < 2:
        parts = _top_level(text, re.compile(r"\s+and\s+"))
        if not parts:
            return _parties(text), ()
        return _parties(text[: parts[0].start()]), _parties(text[parts[0].end():])
    return (_party(chunks[0]),), tuple(_party(c) for c in chunks[1:])


_SEP = re.compile(r",\s+and\s+|,?\s+and\s+|,\s+(?=(?:the|The|His|Her|[A-Z]))")


def _chunks(text: str) -> list[str]:
    """Cut a list of parties; pieces that are not a party rejoin the previous one."""
    text = text.strip()
    pieces: list[str] = []
    seps: list[str] = []
    last = 0
    for m in _top_level(text, _SEP):
        pieces.append(text[last: m.start()])
        seps.append(m.group())
        last = m.end()
    pieces.append(text[last:])
    out = [pieces[0]]
    for sep, piece in zip(seps, pieces[1:]):
        if (
            _starts_party(piece)
            and _complete(out[-1], piece)
            and not _apposition(out[-1], sep, piece)
            and not _role_goes_on(out[-1], sep, piece)
        ):
            out.append(piece)
        else:
            out[-1] = out[-1] + sep + piece
    return [o.strip() for o in out if o.strip()]


def _starts_party(piece: str) -> bool:
    piece = piece.strip()
    words = piece.split()
    if not words:
        return False
    first = words[0]
    if first in ("the", "The", "His", "Her", "Their"):
        return any(w.strip(",.()’'s") in OFFICE_WORDS for w in words[1:]) or "(" in piece
    if first in HONORIFICS or first in TITLE_WORDS or first in NOBILITY:
        return True
    if "(" in piece and any(w in OFFICE_WORDS for w in words):
        return True
    return bool(_PERSONAL_NAME.fullmatch(piece) or _NAME_OF_ROLE.match(piece))


def _apposition(previous: str, sep: str, piece: str) -> bool:
    """"Mr. Knox, Secretary of War": a bare office after a bare name describes it."""
    if sep.strip() != ",":
        return False
    first = piece.split()[0]
    if first in ("the", "The", "His", "Her", "Their") or first in HONORIFICS:
        return False
    before, after = _party(previous), _party(piece)
    if after.role is None and after.name is not None:
        return False  # "Theodore Babbitt, Ludwell Montague, and …": a list of names
    return before.role is None and before.name is not None


def _role_goes_on(previous: str, sep: str, piece: str) -> bool:
    """"Mr. G. Hayden Raynor, Adviser, United States Delegation": a body after a person's
    office (no name of its own, no "the") is where the office is, not a second party."""
    if sep.strip() != "," or piece.split()[0] in ("the", "The", "His", "Her", "Their"):
        return False
    before, after = _party(previous), _party(piece)
    if re.fullmatch(_OFFICE_END, piece.strip()):
        after = Party(role=piece.strip())  # "…, Foreign Office, Japan": the country is the office's
    return bool(
        ("," in previous or _NAME_OF_ROLE.match(_drop_honorific(previous.strip())))
        and "(" not in previous
        and before.name
        and before.role
        and not after.name
        and after.role
    )


def _complete(previous: str, nxt: str) -> bool:
    """Is ``previous`` a whole party, so that ``nxt`` starts a new one?"""
    previous = previous.strip()
    if previous.endswith(")") or nxt.strip().split()[0] in ("the", "The", "His", "Her"):
        return True
    p = _party(previous)
    return p.name is not None


def _parties(text: str) -> tuple[Party, ...]:
    text = text.strip().strip(",;").strip()
    if not text:
        return ()
    chunks = _chunks(text)
    parties = [_party(c) for c in chunks]
    # "Stuart S. Janney and Paul L. Ahern of the Office of …": the role is shared
    if len(parties) > 1 and parties[-1].role:
        parties = [
            Party(role=parties[-1].role, name=p.name) if p.role is None and p.name else p for p in parties[:-1]
        ] + [parties[-1]]
    return tuple(p for p in parties if p.role or p.name)


# --------------------------------------------------------------------------
# One party
# --------------------------------------------------------------------------

_PAREN_NAME = re.compile(r"^(?P<role>.*?)\s*\((?P<name>[^()]+)\)(?P<tail>[^()]*)$")
_INITIALS = r"(?:[A-Z]\.\s*)+"
_GIVEN = r"(?:[A-Z]\.\s*|[A-Z][a-zé’'\-]+\s+)"
_PERSONAL_NAME = re.compile(rf"{_GIVEN}{{0,3}}{_SURNAME}")
_NAME_OF_ROLE = re.compile(
    rf"^(?P<name>{_GIVEN}{{1,3}}{_SURNAME}),?\s+"
    r"(?:of|at|in)\s+(?:the\s+)?(?P<role>[A-Z].*)$"
)
_APPOSITION = re.compile(r"^(?P<name>[^,]+?),\s+(?P<role>(?:the\s+)?[A-Z].*)$")
_TEMPORARILY = re.compile(r",?\s+(?:(?:temporarily|then|now)\s+)?(?:at|in)\s+[^,()]+,?$")


def parse_party(text: str) -> Party:
    """One party as printed in a title: "the Ambassador in France (Caffery)"."""
    return _party(text)


@lru_cache(maxsize=8192)
def _party(text: str) -> Party:
    party = _party_of(text)
    m = re.search(r",\s+(Jr\.|Sr\.)", text)
    if m and party.name and party.name.endswith(" " + m.group(1)):
        # "James C. Thomson, Jr.": the comma was only taken out to keep the name whole
        party = Party(party.role, party.name[: -len(m.group(1)) - 1] + ", " + m.group(1))
    return party


def _party_of(text: str) -> Party:
    t = squeeze(text).strip(" ,;:")
    t = t if re.search(r"\b(?:Jr|Sr|Amb|Gen|Adm|Sen|Gov|Col|Lt|Maj|Capt|Cmdr|Co|Bros|Inc|Ltd)\.$", t) else t.rstrip(".")
    t = re.sub(r",\s+(Jr\.|Sr\.)", r" \1", t)
    # "the Ambassador in France, temporarily at Vichy (Leahy)": the office is the Ambassador in France
    t = re.sub(r",\s+(?:temporarily|then|now)\s+(?:at|in)\s+[^,()]+?(?=\s*\()", "", t)
    if "," in t:
        t = _TEMPORARILY.sub("", t).strip(" ,")
    else:
        t = re.sub(r"\s+(?:temporarily|then|now)\s+(?:at|in)\s+.*$", "", t)
    if not t:
        return Party()
    if t.split()[0] in HONORIFICS:
        bare = _drop_honorific(t)
        m = _APPOSITION.match(bare)
        if m and _PERSONAL_NAME.fullmatch(m.group("name")):
            return Party(role=_role(m.group("role")), name=m.group("name"))
        m = _NAME_OF_ROLE.match(bare)
        if m:
            return Party(role=_role(m.group("role")), name=m.group("name").strip())
    m = _APPOSITION.match(t)
    if m and len(m.group("name").split()) >= 2 and _PERSONAL_NAME.fullmatch(m.group("name")) and (
        any(w in TITLE_WORDS or w in OFFICE_WORDS for w in m.group("role").split())
    ):
        # "G. Hayden Raynor, Special Assistant to the Director … (Hickerson)": the name comes first
        return Party(role=_role(m.group("role")), name=m.group("name"))
    m = _PAREN_NAME.match(t)
    if m and not m.group("tail").strip(" ,.") and m.group("role").split()[:1] and m.group("role").split()[0] in HONORIFICS:
        # "Mr. Miroslav Soukup (Interpreter)": a person, then what he did
        return Party(role=_role(m.group("name")), name=_drop_honorific(m.group("role")) or None)
    if m and not m.group("tail").strip(" ,."):
        role = _role(m.group("role"))
        name = squeeze(m.group("name")).strip(" ,")
        return Party(role=role or None, name=name or None)
    words = t.split()
    if words[0] in ("the", "The", "His", "Her", "Their") or "(" in t:
        return Party(role=_role(t) or None)
    m = _NAME_OF_ROLE.match(t)
    if m and not any(w in OFFICE_WORDS for w in m.group("name").split()):
        return Party(role=_role(m.group("role")), name=m.group("name").strip())
    m = _APPOSITION.match(t)
    if m and _PERSONAL_NAME.fullmatch(_drop_honorific(m.group("name"))):
        return Party(role=_role(m.group("role")), name=_drop_honorific(m.group("name")))
    return _title_and_name(t)


def _drop_honorific(text: str) -> str:
    words = text.split()
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _title_and_name(t: str) -> Party:
    """'President Nixon', 'Secretary of State Rogers', 'Mr. Seward', 'Embassy in Paris'."""
    words = t.split()
    if words[0] in HONORIFICS:
        name = _drop_honorific(t)
        return Party(name=name or None)
    if words[0] in NOBILITY and len(words) > 1:
        return Party(name=t)
    if not any(w in OFFICE_WORDS or w in TITLE_WORDS for w in words) and not any(w in _ORG_TAIL for w in words):
        if _PERSONAL_NAME.fullmatch(t):
            return Party(name=t)
        return Party(role=_role(t))
    # the surname is the trailing capitalised word(s) after a title word or a whole office phrase
    m = re.match(rf"^(?P<role>.+?)\s+(?P<name>(?:[A-Z][a-zé’'\-]+\s+)?(?:{_INITIALS})?{_SURNAME})$", t)
    if m:
        name = m.group("name")
        # after the last title word with no "of …" following, everything is the name
        last_title = max((i for i, w in enumerate(words) if w in TITLE_WORDS), default=None)
        if last_title is not None and last_title < len(words) - 1 and not _has_of(words[last_title + 1:]):
            name_words = words[last_title + 1:]
            if name_words[-1] not in _ORG_TAIL and all(_namey(w) for w in name_words):
                return Party(role=_role(" ".join(words[: last_title + 1])), name=" ".join(name_words))
        surname = name.split()[-1]
        if surname in ("Jr.", "Sr.", "II", "III"):
            surname = " ".join(name.split()[-2:])
        role = t[: len(t) - len(surname)].strip()
        if (
            surname.split()[0] not in _ORG_TAIL
            and surname.split()[0] not in OFFICE_WORDS
            and (role.split()[-1] in TITLE_WORDS or role.split()[-1] in _ORG_TAIL)
            and role.split()[-1] not in ("of", "for", "in", "the")
        ):
            return Party(role=_role(role), name=surname)
        m = _ROLE_OF_PLACE_THEN_NAME.match(t)
        if m and all(_namey(w) and w not in _ORG_TAIL for w in m.group("name").split()):
            # "Defense Minister of the Republic of China Chiang Ching-kuo", "Acting Secretary of War Crowell"
            return Party(role=_role(m.group("role")), name=m.group("name"))
    return Party(role=_role(t))


#: words that end an office named after a country or a department ("… of China", "… of War")
_OFFICE_END = (
    r"(?:War|Navy|State|Defense|Defence|Treasury|Commerce|Interior|Labor|Agriculture|Justice|Affairs|"
    r"Afghanistan|Albania|Algeria|Argentina|Australia|Austria|Belgium|Bolivia|Brazil|Bulgaria|Burma|Cambodia|Canada|"
    r"Ceylon|Chile|China|Colombia|Cuba|Czechoslovakia|Denmark|Ecuador|Egypt|Ethiopia|Finland|France|Germany|"
    r"Greece|Guatemala|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Japan|Jordan|"
    r"Korea|Laos|Lebanon|Liberia|Libya|Luxembourg|Malaysia|Mexico|Morocco|Nepal|Netherlands|Nicaragua|Nigeria|"
    r"Norway|Pakistan|Panama|Paraguay|Peru|Philippines|Poland|Portugal|Romania|Rumania|Russia|Spain|Sweden|"
    r"Switzerland|Syria|Thailand|Tunisia|Turkey|Uruguay|Venezuela|Vietnam|Viet-Nam|Yugoslavia)"
)
_ROLE_OF_PLACE_THEN_NAME = re.compile(
    rf"^(?P<role>.*\b(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w-]+\s+of\s+)?{_OFFICE_END}(?:-[Dd]esignate|-[Ee]lect)?)"
    r"\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})$"
)


def _has_of(words: list[str]) -> bool:
    return any(w in ("of", "for", "in", "to", "at", "on") for w in words)


def _namey(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z][\w’'\-]*\.?|de|da|di|van|von|der|du|la|le|al|el|y|Jr\.|Sr\.)", word)) and (
        word not in OFFICE_WORDS
    )


def _role(text: str) -> str:
    """An office as printed, without a leading "the" (abbreviations such as "Amb." kept)."""
    text = squeeze(text).strip(" ,;:")
    if not re.search(r"\b(?:Amb|Gen|Adm|Sen|Gov|Col|Lt|Maj|Capt|Cmdr|Jr|Sr|Rep|Asst|Sec)\.$", text):
        text = text.rstrip(".")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return straight(text)


def _folded(text: str | None) -> str:
    text = straight(squeeze(text or "")).lower().strip(" .,")
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"^(?:mr|mrs|m|sir|señor|senor|dr)\.?\s+", "", text)
    return re.sub(r",?\s+(?:jr|sr)\.?,?$", "", text)


def party_matches(party: Party, printed: str) -> bool:
    """Does ``printed`` ("Kissinger", "President Nixon", "Secretary of State") name this party?

    Used to look a party up by what a reader types or what the encoders
    tagged: a surname, a role, or role and name together, ignoring case,
    apostrophe style, a leading "the" and courtesy titles.
    """
    want = _folded(printed)
    if not want:
        return False
    name, role = _folded(party.name), _folded(party.role)
    if name and (want == name or want.endswith(" " + name) or name.endswith(" " + want)):
        return True
    if role and (want == role or want in role):
        return True
    return bool(role and name and want == f"{role} {name}")
