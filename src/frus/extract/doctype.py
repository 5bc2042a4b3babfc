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
``other``                   anything else that names its kind (addresses, statements,
                            treaties, diaries, agreements)
``unknown``                 a title that names no kind and nobody ("Pay and Pensions.",
                            "A.", "[Untitled]", no head at all): kept as printed, its
                            type not guessed
==========================  =====================================================

Rules run in that order on the title's kind phrase, so "Memorandum of
Conversation" is a ``memcon`` before it can be a ``memorandum`` and
"Circular Telegram" a ``circular`` before a ``telegram``.  A few phrases are
tried first because they contain another kind's word: "Intelligence Note"
and "Intelligence Assessment" are reports (``report``), a "Memorandum of Agreement"
is ``other``.  National Security *Action* Memoranda are ``memorandum``
(``tests/gold/README.md``); ``nsdm`` is for decision memoranda and directives.
A memorandum or notes "by A on the X Meeting" or "for B of Discussion at the
Nth Meeting" are ``minutes``.

Titles of the 1861–1951 style name no kind ("Mr. Seward to Mr. Adams.",
"The Secretary of State to the Ambassador in Russia (Francis)").  For them,
in order:

1. ``circular``, ``telegram`` or ``airgram`` when the provenance notes say
   so ("[Telegram]", "861.00/2776: Telegram", "[Circular telegram]").  A
   text copy that lost the bracketed note is still a telegram when its body
   opens with a serial and a reference ("1891. Your 2061, December 8, …").
2. ``letter`` for a private letter: it opens "My dear …"/"Dear …", or is
   dated from a street address ("90 Eaton Square").
3. ``letter`` between the Department and another department (Secretary of
   War, of the Army, Attorney-General …); ``memorandum`` between the
   Secretary and the Department's own officers (Counselor, Under and
   Assistant Secretaries, Legal Adviser, Policy Planning Staff).
4. ``note`` when the volume files the letter under a foreign legation in
   Washington (frus1864p3's "FRENCH LEGATION." sections).
5. ``instruction`` from a foreign ministry ("Foreign Office") to its own
   envoy ("Sir E. Thornton", "Her Majesty’s High Commissioners").
6. ``despatch`` from Washington to a foreign minister of foreign affairs
   ("Mr. West to Earl Granville", dated Washington): a foreign envoy
   reports to his own government, as a United States post reports to the
   Department.
7. from the Department (the Secretary or Acting Secretary of State, a
   Secretary of State by name in office that year, or a dateline opening
   "Department of State") to a United States post → ``instruction``; to a
   foreign diplomat or government → ``note``.
8. to the Department from a United States post → ``despatch``; from a
   foreigner → ``note``.
9. otherwise ``note`` when either party is foreign, else ``letter``.

A party is foreign when its role carries a nationality ("the British
Ambassador") or heads an international body ("the Secretary General of the
League of Nations"), its name a foreign or noble style (Señor, Baron,
Earl, Sir, M. …) or a particle ("Mr. de Kotzebue", "Mr. Drouyn de
l’Huys"), or the dateline a foreign legation or ministry ("Legation of
Mexico in the United States", "Foreign Office").  The recipient is also
foreign when the address printed at the foot of the document names a
foreign office ("His Excellency …, Minister of Foreign Affairs",
"Their Excellencies …, Members of the Gorogio"); "His Excellency" alone
is no evidence, because consuls and naval officers address their own
minister so.

A title that names no kind (no word of the vocabulary above nor of the
``other`` kinds: address, treaty, diary, list …) and nobody is
``unknown``: its text is kept and its type is not guessed.
"""

from __future__ import annotations

import re

from frus.extract.parties import TELEGRAM_CODES, TitleParts
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
    "unknown",
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (slug, re.compile(pattern, re.I))
    for slug, pattern in (
        ("editorial-note", r"^editorial note\b"),
        ("telcon", r"\btelephone\b|\btelcon\b|\bphone (?:call|conversation)\b"),
        ("memcon", r"\bmemorand(?:um|a)\s+of\s+(?:a\s+)?conference\b|\b(?:memorand(?:um|a)|record|notes?|minutes|summary|report)\s+of\s+(?:a\s+|the\s+)?(?:private\s+|informal\s+)?conversations?\b|\bconversation\s+(?:record|memorandum)\b|^memcon\b|^(?:transcript\s+of\s+(?:a\s+)?)?conversations?\s+(?:between|among|with)\b"),
        ("minutes", r"\bminutes\b|\bsummary\s+(?:record|minutes)\b|\bsummary\s+of\s+conclusions\b|\brecords?\s+of\s+actions?\b|\btranscript\s+of\s+(?:a\s+|the\s+)?(?:\w+\s+)?meeting\b|\brecord\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:meeting|discussion|session|conference)|\b(?:memorand(?:um|a)|notes?|summary|record)\s+(?:of|on)\s+(?:the\s+|a\s+)?(?:[\w–-]+\s+){0,3}(?:meeting|discussion|conference|session)s?\b|\bnotes\s+(?:from|of|on|taken)\b|^highlights\s+(?:of|from)\b.*\bmeeting\b"),
        ("intelligence-estimate", r"\b(?:special\s+)?national\s+intelligence\s+estimate\b|\bintelligence\s+estimate\b|^s?nie\b"),
        ("nsdm", r"\bnational\s+security\s+decision\s+(?:memorand(?:um|a)|directive)\b|\bns(?:dm|dd)\b|\bpresidential\s+directive\b"),
        ("nssm", r"\bnational\s+security\s+study\s+(?:memorand(?:um|a)|directive)\b|\bns(?:sm|sd)\b|\bpresidential\s+review\s+memorand(?:um|a)\b|\bstudy memorandum\b"),
        ("nsc-paper", r"^nsc\s+\d|\bnational\s+security\s+council\s+(?:report|paper|intelligence\s+directive|directive|action)\b|\breport\s+(?:to|by)\s+the\s+national\s+security\s+council\b|\bstatement\s+of\s+policy\s+by\s+the\s+national\s+security\s+council\b|\bnote\s+by\s+the\s+executive\s+secretary\s+(?:of|to)\s+the\s+national\s+security\s+council\b|\bnscid\b"),
        ("circular", r"\bcircular\b"),
        ("telegram", r"\btelegrams?\b|\bcable(?:gram)?s?\b|\bbackchannel\s+(?:cable|telegram)\b|\bflash\s+message\b|"
                     r"^" + TELEGRAM_CODES + r"\s+\d"),
        ("airgram", r"\bairgrams?\b"),
        ("despatch", r"\b(?:despatch|dispatch)(?:es)?\b"),
        ("instruction", r"^instructions?\b"),
        ("letter", r"\bletters?\b"),
        ("note", r"^(?:diplomatic\s+|oral\s+|verbal\s+)?notes?(?:\s+verbale)?\b(?!\s+(?:of|on|from|taken|for\s+the\s+record))|\baide[-\s]m[ée]moire\b|\bnote\s+verbale\b|\bpro\s+memoria\b"),
        ("message", r"\bmessages?\b"),
        ("memorandum", r"\bmemorand(?:um|a)\b|\bmemo\b"),
        ("paper", r"^document(?:\s+prepared\b|$)|\bpapers?\b|\bproposals?\b|\bstudy\b|\bstudies\b|\btalking\s+points\b|\bdraft\b|\bposition\b|\bbrief\b|\banalysis\b|\bassessment\b|\bappraisal\b|\bscope\b|\boutline\b|\bchronology\b"),
        ("report", r"\breports?\b"),
    )
)

#: tried before the rules above, because they turn on a word those rules
#: would take for another kind
_EARLY: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (slug, re.compile(pattern, re.I))
    for slug, pattern in (
        # INR "Intelligence Note", CIA "Intelligence Assessment": reports, not diplomatic notes
        ("report", r"\bintelligence\s+(?:note|assessment|report|information\s+report)s?\b"),
        # an agreement is signed by parties; nobody sends it
        ("other", r"^(?:draft\s+)?memorand(?:um|a)\s+of\s+(?:agreement|understanding)\b"),
        # a speech is one whatever it mentions ("Remarks of Doctor Nansen on … His Letters of Credence")
        ("other", r"^(?:remarks|address|speech|toast)\b"),
    )
)
#: kind phrases a title naming the NSC series may have been cut down to ("Report", "Note")
_NSC_PAPER_KINDS = (None, "report", "note", "paper")
_NSC_PAPER = dict(_RULES)["nsc-paper"]
#: a memorandum or notes "by A on the X Meeting", "for B of Discussion at the Nth Meeting"
_MEETING_RECORD = re.compile(
    r"(?i)^(?:notes?|memorand(?:um|a)|record|summary)\b.*?\b(?:by|for)\b.*?\s(?:on|of)\s+(?:the\s+|a\s+)?"
    r"(?:discussion\b|(?:[\w–-]+\s+){0,4}meeting\b)"
)

#: the Secretaries of State, with their years in office, to recognise
#: "Mr. Seward" as the Department in a title that names no office
SECRETARIES_OF_STATE: dict[str, tuple[int, int]] = {
    "Forsyth": (1834, 1841),
    "Webster": (1841, 1852),
    "Upshur": (1843, 1844),
    "Calhoun": (1844, 1845),
    "Buchanan": (1845, 1849),
    "Clayton": (1849, 1850),
    "Everett": (1852, 1853),
    "Marcy": (1853, 1857),
    "Cass": (1857, 1860),
    "Black": (1860, 1861),
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
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish|ch|sh|ic|i|er)|Dutch|Swiss|Greek|Thai|Turkish|French|British|Soviet|Papal|Imperial|"
    r"Netherlands?|Czechoslovak|Yugoslav|Lao)\s+"
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
    for slug, pattern in (*_EARLY, *_RULES):
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
    title: str = "",
    path: tuple[str, ...] = (),
    addressee: str = "",
) -> str:
    """The document type slug (see the module docstring for the rules).

    ``addressee`` is how the document addresses its recipient where it does
    so outside the head: the address printed at its foot ("His Excellency
    Mr. Drouyn de l’Huys, Minister of Foreign Affairs").
    """
    slug = type_from_kind(parts.kind)
    if slug in ("memorandum", "note") and _MEETING_RECORD.search(title):
        return "minutes"
    if slug in _NSC_PAPER_KINDS and _NSC_PAPER.search(title):
        # "Report to the National Security Council by …": the title's "to" cut the kind
        # phrase down to "Report", but the series is the NSC's
        return "nsc-paper"
    if slug:
        return slug
    if not parts.kind and (parts.senders or parts.recipients):
        return _untitled_kind(parts, provenance, dateline, year, body_opening, path, addressee)
    if not parts.kind and not parts.senders and not parts.recipients:
        # "[Untitled]", or a head that is only a number: nothing says what the document is
        return "unknown"
    if parts.kind and not parts.senders and not parts.recipients and not _OTHER_KINDS.search(parts.kind):
        # no kind word and nobody named: the title is kept as printed, the type is not guessed
        return "unknown"
    return "other"


#: what "other" documents call themselves (addresses, treaties, diaries …);
#: a title with none of these words and no kind word above is "unknown"
_OTHER_KINDS = re.compile(
    r"(?i)\b(?:address|remarks|speech|statements?|treaty|agreements?|conventions?|protocols?|interview|testimony|"
    r"diary|resolutions?|proclamation|declaration|communiqu[ée]|briefing|extracts?|excerpts?|exchange|"
    r"appointment|toast|notice|decree|law|act|orders?|list|chronology|agenda|texts?|annex|appendix|enclosure|"
    r"inclosure|attachment|exhibit|memorial|petition|note|minute|record|summary|draft|points|outline|plan|"
    r"program(?:me)?|budget|directive|instructions?|comments?|views|reply|response|observations|questionnaire|"
    r"table|tabulation|chart|map|schedule|itinerary|biographic|profile|announcement|release|bulletin|article|"
    r"editorial|essay|lecture|sermon|journal|log|account|narrative|history|minutes|transcript|conversation|"
    r"meeting|discussion|conference|session|hearing|report|study|paper|estimate|analysis|assessment|"
    r"evaluation|review|survey|proposal|recommendations?|memorand(?:um|a)|letter|message|telegram|cable|"
    r"despatch|dispatch|airgram|circular|untitled|edict|authorization|protocole|supplement|"
    r"commission|form|regulations?|rules|constitution|charter|no\.)\b"
)


def _untitled_kind(
    parts: TitleParts,
    provenance: str,
    dateline: str,
    year: int | None,
    body_opening: str,
    path: tuple[str, ...] = (),
    addressee: str = "",
) -> str:
    if _CIRCULAR_NOTE.search(provenance):
        return "circular"
    if _TELEGRAM_NOTE.search(provenance) or _TELEGRAM_OPENING.match(body_opening):
        return "telegram"
    if _AIRGRAM_NOTE.search(provenance):
        return "airgram"
    dateline = dateline.strip()
    if _PRIVATE_FORM.match(body_opening) or _STREET_ADDRESS.match(dateline):
        return "letter"  # "My Dear Lord:", written from "90 Eaton Square": a private letter
    from_dept = any(_is_department(p, year) for p in parts.senders) or dateline.lower().startswith("department of state")
    to_dept = any(_is_department(p, year) for p in parts.recipients)
    if (from_dept and _other_department(parts.recipients)) or (to_dept and _other_department(parts.senders, dateline)):
        return "letter"  # Secretary of State ↔ Secretary of War, Attorney-General: between departments
    if (from_dept and _department_officer(parts.recipients)) or (to_dept and _department_officer(parts.senders)):
        return "memorandum"  # "The Counselor (Bohlen) to the Secretary of State": within the Department
    sender_foreign = (
        any(_is_foreign(p) for p in parts.senders)
        or is_foreign_name(parts.from_text)
        or bool(_FOREIGN_DATELINE.search(dateline))
    )
    recipient_foreign = (
        any(_is_foreign(p) for p in parts.recipients)
        or is_foreign_name(parts.to_text)
        or bool(_DIGNITARY_ADDRESS.match(addressee))
    )
    if (from_dept or to_dept) and any(_FOREIGN_LEGATION_SECTION.match(h.strip()) for h in path[-1:]):
        # frus1864p3 files the correspondence with a legation in Washington under "FRENCH LEGATION."
        return "note"
    if _FOREIGN_MINISTRY.match(dateline) and (
        any(_own_envoy(p) for p in parts.recipients) or _own_envoy_text(parts.to_text)
    ):
        # "Earl Granville to Sir E. Thornton" from the Foreign Office: a minister instructs his envoy
        return "instruction"
    if (
        not from_dept
        and not to_dept
        and _HOME_DATELINE.match(dateline)
        and (any(_foreign_minister(p) for p in parts.recipients) or _foreign_minister_text(parts.to_text))
    ):
        # "Mr. West to Earl Granville" from Washington: a foreign envoy reports to his own minister
        return "despatch"
    if from_dept and not to_dept:
        return "note" if recipient_foreign else "instruction"
    if to_dept and not from_dept:
        if sender_foreign and not _US_DATELINE.search(dateline):
            return "note"
        return "despatch"
    if sender_foreign or recipient_foreign:
        return "note"
    return "letter"


_PRIVATE_FORM = re.compile(r"^(?:My\s+)?[Dd]ear\b")
#: the address printed at the foot of a note to a foreign government: "His Excellency Mr. Drouyn
#: de l’Huys, Minister of Foreign Affairs", "Their Excellencies …, Members of the Gorogio" (an
#: American envoy is addressed so too, by his consuls: "His Excellency Hon. Anson Burlingame, …")
_DIGNITARY_ADDRESS = re.compile(
    r"^(?:To\s+)?(?:His|Their)\s+(?:Excellency|Excellencies|Highness)\b(?!.*(?:United\s+States|America|\bHon\.))"
    r".*\b(?:Foreign\s+(?:Affairs|Relations)|Minister\s+of\s+(?!the\b)[A-Z]\w+|Members\s+of\s+the\b)",
    re.I,
)
#: a dateline in the United States's capital: a foreign envoy writes home from there
_HOME_DATELINE = re.compile(r"^(?:(?:British|French|Russian|German|Spanish|Imperial|Royal)\s+(?:Legation|Embassy),?\s+)?Washington\b")
_STREET_ADDRESS = re.compile(r"^\d+\s+[A-Z][a-z]+")
_OTHER_DEPARTMENT_ROLE = re.compile(
    r"^(?:Acting\s+)?(?:Secretary\s+of\s+(?:War|the\s+Navy|the\s+Army|the\s+Treasury|Commerce|Agriculture|Labor|"
    r"the\s+Interior|Defense|the\s+Air\s+Force)|Attorney[-\s]General|Postmaster[-\s]General)\b"
)
_OTHER_DEPARTMENT_DATELINE = re.compile(
    r"(?i)^(?:department\s+of\s+(?:justice|war|the\s+navy|the\s+treasury|the\s+interior|commerce|agriculture|labor)|"
    r"(?:war|navy|treasury)\s+department)\b"
)
_DEPARTMENT_OFFICER = re.compile(
    r"^(?:Acting\s+)?(?:Counselor(?:\s+of\s+the\s+Department)?|(?:Deputy\s+)?Under\s+Secretary(?:\s+of\s+State)?|"
    r"Assistant\s+Secretary\s+of\s+State|Legal\s+Adviser|Director\s+of\s+the\s+Policy\s+Planning\s+Staff|"
    r"Chief\s+of\s+the\s+Division\b|Special\s+Assistant\s+to\s+the\s+Secretary(?:\s+of\s+State)?)"
)
_FOREIGN_LEGATION_SECTION = re.compile(r"^(?!.*UNITED STATES)[A-Z]+(?:\s+[A-Z]+)*\s+LEGATION\.?$")
_FOREIGN_MINISTRY = re.compile(r"(?i)^(?:foreign\s+office|ministry\s+(?:of|for)\s+foreign\s+affairs)\b")


def _other_department(parties: tuple[Party, ...], dateline: str = "") -> bool:
    return any(p.role and _OTHER_DEPARTMENT_ROLE.match(p.role) for p in parties) or bool(
        _OTHER_DEPARTMENT_DATELINE.match(dateline)
    )


def _department_officer(parties: tuple[Party, ...]) -> bool:
    return any(p.role and _DEPARTMENT_OFFICER.match(p.role) for p in parties)


def _own_envoy(p: Party) -> bool:
    """A British minister's own envoy: "Sir E. Thornton", "Her Majesty's High Commissioners"."""
    return bool(p.name and p.name.split()[0] in ("Sir", "Lord")) or _own_envoy_text(p.role or "")


def _own_envoy_text(printed: str) -> bool:
    return bool(re.match(r"^(?:the\s+)?(?:Her|His)\s+Majesty[’']s\b", printed or ""))


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


def _foreign_minister(p: Party) -> bool:
    """A foreign government's minister for foreign affairs, as the old heads name him ("Earl Granville")."""
    if p.name and p.name.split()[0] in ("Earl", "Lord", "Marquis", "Marquess", "Viscount", "Count", "Prince", "Baron"):
        return True
    return bool(p.role and re.search(r"\bForeign\s+(?:Office|Affairs)\b|\bMarquis\s+of\b|\bEarl\s+of\b", p.role))


def _foreign_minister_text(printed: str) -> bool:
    return bool(re.match(r"^(?:the\s+)?(?:Earl|Lord|Marquis|Marquess|Viscount)\b", printed or ""))


def _is_foreign(p: Party) -> bool:
    if p.role and _NATIONALITY.match(p.role):
        return True
    if p.role and _INTERNATIONAL_BODY.match(p.role):
        return True  # "the Secretary General of the League of Nations": no United States post
    if p.role and p.role in _FOREIGN_NAME_STYLE:
        return True
    if p.name and (p.name.split()[0] in _FOREIGN_NAME_STYLE or _NAME_PARTICLE.search(p.name)):
        return True  # "Baron Schleinitz", "Mr. de Kotzebue"
    return False


#: "de Kotzebue", "Drouyn de l’Huys": a particle anywhere in the name
_NAME_PARTICLE = re.compile(r"(?:^|\s)(?:de|von|van|di|da|del|della)\s+(?:l['’])?[A-Z]")
#: the head of an international body writes for no United States post
_INTERNATIONAL_BODY = re.compile(
    r"^(?:Acting\s+|Deputy\s+)?(?:Secretary[- ]General|President\s+of\s+the\s+(?:Council|Assembly))\s+of\s+the\s+"
    r"(?:League\s+of\s+Nations|United\s+Nations)\b"
)


def is_foreign_name(printed: str) -> bool:
    """Does a printed party start with a foreign or noble style ("Señor Romero", "Earl Granville")?"""
    words = printed.split()
    return bool(words) and words[0] in _FOREIGN_NAME_STYLE
