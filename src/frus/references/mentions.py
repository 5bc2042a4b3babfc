"""How the editors name a document: "telegram 6440 from Moscow, October 28".

A *mention* is a noun phrase built around a document word (telegram,
memorandum, letter, note, despatch, airgram, fact sheet, …) with what the
editors say about it, in the order they say it:

* before the word — an article or a possessive sender ("Haig's", "the
  Embassy's", "your"), a date ("a September 6 memorandum"), adjectives
  ("attached", "covering", "handwritten");
* after it — a number ("6440", "No. 101", "Tosec 123"), "from"/"to"/"by"
  parties, dates ("of March 16", ", October 28", "on October 29"), a time,
  a participle phrase ("forwarding the status report to Haig"), or all of
  it in parentheses ("telegram (6440 from Moscow, October 28)").

Telegram channels whose name is the number's prefix (Secto, Tosec, Delga,
Cahto, …) and the cable abbreviations (Deptel, urtel, Embtel) count as
telegrams.  The grammar is strict on purpose: what follows the document
word must be one of those parts, so "the telegram indicates that it was
drafted by Popple" yields a bare "the telegram" and no invented sender.
When a mention opens a sentence ("In a note to Kissinger on October 29,
Haig noted …") the subject of the main clause is the sender.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)

#: canonical kind → the words that name it (order matters: longer first)
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("memorandum of conversation", r"memorand(?:um|a)\s+of\s+(?:(?:a|the|their|his|this|that)\s+)?(?:telephone\s+)?conversations?|memcons?"),
    ("memorandum for the record", r"memorand(?:um|a)\s+for\s+the\s+record"),
    ("telephone conversation", r"(?:transcripts?\s+of\s+(?:a|the|their|his)\s+)?telephone\s+conversations?|telcons?"),
    ("memorandum", r"memorand(?:um|a)|memos?"),
    ("telegram", r"(?:circular\s+)?(?:telegrams?|cables?|cablegrams?|telegraphic\s+instructions?)"),
    ("airgram", r"(?:circular\s+)?airgrams?"),
    ("despatch", r"despatch(?:es)?|dispatch(?:es)?"),
    ("instruction", r"(?:circular\s+)?instructions?"),
    ("letter", r"letters?"),
    ("aide-mémoire", r"aide-m[ée]moires?"),
    ("note", r"notes?\s+verbales?|notes?"),
    ("message", r"(?:backchannel\s+|oral\s+)?messages?"),
    ("fact sheet", r"fact\s+sheets?"),
    ("report", r"reports?"),
    ("paper", r"(?:briefing|position|talking|discussion|background|issues|options?|decision|policy)\s+papers?|papers?"),
    ("study", r"studies|study"),
    ("minutes", r"minutes"),
    ("transcript", r"transcripts?"),
    ("circular", r"circulars?"),
    ("enclosure", r"enclosures?|inclosures?"),
)

#: telegram channels named by their number's prefix ("Secto 24", "Delga 277")
CHANNELS = (
    "Secto", "Tosec", "Usgoc", "Gocus", "Cahto", "Tocah", "Delga", "Gadel", "Dulte", "Tedul", "Polto",
    "Topol", "Telmar", "Martel", "Ushic", "Tohak", "Hakto", "Toito", "Weeka", "Niact", "Usun", "Secun",
    "Unsec", "Todel", "Delto", "Actel", "Tedel", "Deltel", "Sitto", "Tosit", "Toeco", "Ecoto",
)  # fmt: skip
#: cable abbreviations: "Deptel 238" (the Department's), "urtel 205" (yours), "Embtel" (the Embassy's)
CABLE_WORDS = {"deptel": "Department of State", "depcirtel": "Department of State", "circtel": "Department of State",
               "embtel": None, "urtel": "@recipient", "mytel": "@sender", "reftel": None, "ourtel": "@sender"}  # fmt: skip

_KIND_RE = "|".join(f"(?P<k{i}>(?i:{pat}))" for i, (_, pat) in enumerate(KIND_WORDS))
_CHANNEL_RE = "(?i:" + "|".join(CHANNELS) + ")"
_CABLE_RE = "(?i:" + "|".join(CABLE_WORDS) + ")"

_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:–|-|and)\s*\d{{1,2}})?(?:,?\s+1[789]\d\d)?(?!\d)"
    rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+1[789]\d\d)?"
    rf"|the\s+\d{{1,2}}(?:st|nd|rd|th)\s+instant"
    rf"|{_MONTH}\s+1[789]\d\d)"
)
#: a printed date, for other modules
DATE_PATTERN = _DATE
_TIME = r"(?:\d{1,2}(?::\d\d|\.\d\d)?\s*(?:a\.\s?m\.|p\.\s?m\.)|noon|midnight|\d{4}Z)"
_NUMBER = r"(?:(?:No\.|Nos\.|number)\s*)?(?P<number>(?:(?:" + "|".join(CHANNELS) + r")\s+|[A-Z]{1,3}\s?[–-]\s?)?\d[\d,]*(?:[/–-]\d+)?[A-Z]?(?![\w/]))"
_NAME_WORD = r"(?:(?:[A-Z]\.){1,3}|(?:Mr|Mrs|Messrs|Dr|Jr|Sr|St|Gen|Adm|Col|Lt|Amb|Sen|Gov|Rep)\.|[A-Z][\w’'\-]*)"


def _party_re(group: str) -> str:
    """A person, office or post: capitalised words with the small words of titles between."""
    return (
        rf"(?P<{group}>(?:the\s+)?(?!(?:{_MONTH}|Document|Documents|See|Ibid|It|He|She|They|The|This|That)\b){_NAME_WORD}"
        rf"(?:\s+(?:(?:of|the|for|and|on|de|da|von|van|der|le|la)\s+)*(?!(?:{_MONTH})\b){_NAME_WORD}){{0,7}})"
    )


_DET = (
    r"(?:(?P<det>\b(?i:an?|the|his|her|their|its|this|that|these|those|my|your|our|another|one|two|three|several))\s+"
    r"|(?P<poss>(?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})[’']s\s+)?"
)
_PRE_DATE = rf"(?:(?P<pre_date>{_DATE})\s+)?"
_ADJ = (
    r"(?P<adj>(?:(?i:attached|enclosed|covering|cover|handwritten|personal|private|secret|top\s+secret|confidential|brief|"
    r"long|short|detailed|joint|formal|informal|previous|earlier|later|subsequent|separate|further|official|oral|"
    r"written|draft|final|follow-up|short|lengthy|\d+-page|one-page|two-page|three-page|signed|unsigned|undated|"
    r"original|official|same|first|second|third|last|latest|new|reply|return|urgent|eyes\s+only|cipher|code|coded|"
    r"plain|numbered|circular|classified|unclassified|"
    r"Department(?:’s|'s)?|Embassy(?:’s|'s)?|White\s+House|NSC|CIA|State\s+Department|Defense\s+Department|"
    r"Presidential|President(?:’s|'s)|Soviet|British|French|German|Israeli|Egyptian|Chinese)\s+){0,3})"
)

MENTION = re.compile(
    rf"{_DET}{_PRE_DATE}{_ADJ}"
    rf"(?:\b(?P<kind>{_KIND_RE})\b|\b(?P<channel>{_CHANNEL_RE})(?=\s+\d)|\b(?P<cable>{_CABLE_RE})\b)"
)
#: the document words alone: where a mention can end, found fast before the
#: slower full pattern is tried on the words just before it
_ANCHOR = re.compile(
    r"\b(?:[Mm]emo|[Tt]ele|[Cc]abl|[Aa]irg|[Dd]e?spat|[Dd]ispat|[Ii]nstr|[Ll]ett|[Aa]ide|[Nn]ote|[Mm]ess|[Bb]ack|[Oo]ral|"
    r"[Ff]act|[Rr]epo|[Pp]ape|[Bb]rief|[Pp]osi|[Tt]alk|[Dd]isc|[Ii]ssu|[Oo]pti|[Dd]eci|[Pp]oli|[Ss]tud|[Mm]inu|[Tt]ran|"
    r"[Cc]irc|[Ee]ncl|[Ii]ncl|[Bb]ackg|[Dd]ept|[Ee]mbt|[Uu]rte|[Mm]yte|[Rr]eft|[Oo]urt|[Dd]epc|"
    + "|".join(f"[{c[0]}{c[0].lower()}]{c[1:]}" for c in CHANNELS)
    + r")"
)
_WORD_AT = re.compile(r"[\w-]+")
#: a document word (possibly of several words) at a given position
_KIND_ALONE = re.compile(
    r"(?:(?i:" + "|".join(pat for _, pat in KIND_WORDS) + r")\b|" + _CHANNEL_RE + r"(?=\s+\d)|" + _CABLE_RE + r"\b)"
)
_WORD_START = re.compile(r"(?<![\w’'.-])[\w’'-]")

_TAIL_NUMBER = re.compile(rf"(?:,\s*(?=No\.)|\s*){_NUMBER}")
_TAIL_PARTY = re.compile(
    r"(?P<sep>,?\s+)(?P<prep>from|to|by|for)\s+" + _party_re("party")
)
_TAIL_VERB_PARTY = re.compile(
    r"(?P<sep>,?\s+)(?P<verb>prepared|drafted|written|signed|sent|addressed|transmitted|forwarded|"
    r"delivered|handed|given|submitted|initialed)\s+(?P<prep>by|to|from)\s+" + _party_re("party")
)
_TAIL_DATE = re.compile(rf"(?P<sep>,?\s+)(?:(?:of|dated|on|sent)\s+)?(?P<date>{_DATE})")
_TAIL_TIME = re.compile(rf",?\s+(?:at\s+)?(?P<time>{_TIME})")
_TAIL_PARTICIPLE = re.compile(
    r"(?P<sep>,?\s+)(?:forwarding|transmitting|enclosing|covering|summarizing|reporting|requesting|proposing|containing|"
    r"concerning|regarding|conveying|outlining|describing|explaining|recommending|approving|asking|urging|on|about|with)\s+"
    r"(?:[\w’'“”\"-]+\s+){0,8}?(?=(?:from|to|by|on|of|dated)\s|,\s)"
)
_PAREN_TAIL = re.compile(r"\s*\((?P<inner>[^()]{1,120})\)")

#: the subject of the main clause after a fronted mention: ", Haig noted"
_FRONTED_SUBJECT = re.compile(
    r",\s+" + _party_re("subject") + r"\s+(?:(?:also|further|then|again|later|subsequently|had|has|have)\s+)*"
    r"(?P<verb>[a-z]+ed|wrote|said|told|sent|gave|made|took|saw|set|put|spoke|thought|felt|knew|began|"
    r"drew|held|met|forwarded|transmitted|argued|noted|stated|reported|informed)\b"
)
_FRONTING = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]\s“))(?:In|With|Under|By|Through|According\s+to)\s+$")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: str
    number: str | None = None
    #: dates as printed, in the order met ("October 28", "the 12th instant")
    dates: tuple[str, ...] = ()
    time: str | None = None
    sender: str | None = None
    recipient: str | None = None
    #: who prepared it ("prepared by Art Downey"), kept apart from the sender
    author: str | None = None
    #: "this", "the", "his" … (None when there was no determiner)
    determiner: str | None = None
    adjectives: str = ""
    #: "@sender"/"@recipient" when "my"/"your"/"urtel" point at the citing document's parties
    voice: str | None = None
    text: str = ""

    #: was the sender only a possessive ("Kissinger’s memorandum")?
    possessive: bool = False

    @property
    def identified(self) -> bool:
        """Does the mention say which document it is: a number, a date, or a
        party named with "from"/"to"/"by" ("Kissinger’s memorandum" alone is
        usually the printed document itself)?"""
        named = (self.sender and not self.possessive) or self.recipient or self.author
        return bool(self.number or self.dates or named)


def _kind_of(m: re.Match[str]) -> str:
    if m.group("channel") or m.group("cable"):
        return "telegram"
    for i, (kind, _) in enumerate(KIND_WORDS):
        if m.group(f"k{i}"):
            return kind
    return "document"


def _party(text: str | None) -> str | None:
    if not text:
        return None
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"[\s,.;:]+$", "", text)
    return text or None


def _tail(text: str, pos: int, fields: dict) -> int:
    """Consume the parts after the document word; returns where the mention ends."""
    end = pos
    m = _TAIL_NUMBER.match(text, pos)
    if m and not fields.get("number") and not re.match(r"1[789]\d\d\b", m.group("number")):
        fields["number"] = m.group("number").replace(",", "")
        end = m.end()
    elif m and fields.get("channel"):
        fields["number"] = m.group("number")
        end = m.end()
    paren = _PAREN_TAIL.match(text, end)
    if paren and re.match(rf"\s*(?:\d|No\.|from|to|{_MONTH})", paren.group("inner")):
        # "an attached telegram (6440 from Moscow, October 28)"
        inner = {"number": fields.get("number")}
        inner_end = _tail(" " + paren.group("inner").strip(), 0, inner)
        if inner_end >= len(paren.group("inner").strip()) - 1:
            for key, value in inner.items():
                if value and not fields.get(key):
                    fields[key] = value
                elif key == "dates" and value:
                    fields["dates"] = fields.get("dates", ()) + value
            end = paren.end()
    for _ in range(8):
        for pattern in (_TAIL_VERB_PARTY, _TAIL_PARTY, _TAIL_DATE, _TAIL_TIME, _TAIL_PARTICIPLE):
            m = pattern.match(text, end)
            if not m:
                continue
            groups = m.groupdict()
            if pattern is _TAIL_PARTICIPLE:
                after = m.end()
                if not any(p.match(text, after - 1 if text[after - 1:after] == " " else after) for p in (_TAIL_PARTY, _TAIL_DATE)):
                    continue
                end = after - 1 if text[after - 1:after] == " " else after
                fields["participle"] = True
                break
            if "party" in groups:
                party = _party(groups["party"])
                prep = groups["prep"].lower()
                verb = (groups.get("verb") or "").lower()
                if prep == "from" or (prep == "by" and verb in ("sent", "transmitted", "forwarded", "signed")):
                    key = "sender"
                elif prep in ("to", "for"):
                    key = "recipient"  # "a memorandum for Kissinger from Sonnenfeldt"
                else:
                    key = "author"
                if fields.get(key):
                    break
                fields[key] = party
            elif "date" in groups:
                fields["dates"] = fields.get("dates", ()) + (groups["date"],)
            elif "time" in groups:
                if fields.get("time"):
                    break
                fields["time"] = groups["time"]
            end = m.end()
            break
        else:
            return end
    return end


_IMPLICIT = re.compile(r"\b(?P<det>[Yy]our|[Mm]y|[Oo]ur)\s+(?=(?:No\.\s*)?\d)")


def _implicit(text: str, kind: str) -> list[Mention]:
    """ "Your 4760, April 26, 7 p.m." / "my No. 1650": a numbered paper of the
    correspondence the document belongs to, named without its kind."""
    out = []
    for m in _IMPLICIT.finditer(text):
        fields: dict = {}
        end = _tail(text, m.end() - 1, fields)
        if not fields.get("number"):
            continue
        det = m.group("det").lower()
        out.append(
            Mention(
                start=m.start(),
                end=end,
                kind=kind,
                number=fields["number"],
                dates=fields.get("dates", ()),
                time=fields.get("time"),
                recipient=fields.get("recipient"),
                determiner=det,
                voice="@recipient" if det == "your" else "@sender",
                text=text[m.start():end].strip(),
            )
        )
    return out


def _matches(text: str):
    """MENTION matches, found from the document words backwards (much faster than scanning every position)."""
    for a in _ANCHOR.finditer(text):
        word = _WORD_AT.match(text, a.start())
        if not word or not _KIND_ALONE.fullmatch(word.group()) and not _KIND_ALONE.match(text, a.start()):
            continue
        window = max(0, a.start() - 90)
        starts = [w.start() for w in _WORD_START.finditer(text, window, a.start())] + [a.start()]
        for start in starts:
            m = MENTION.match(text, start)
            if m and a.start() in (m.start("kind"), m.start("channel"), m.start("cable")):
                yield m
                break


#: capitalised words that open a sentence, not a name: "Below Vance’s note"
_NOT_NAMES = re.compile(
    r"^(?:(?:Below|Above|In|On|At|After|Before|Under|According|With|From|For|During|Following|Upon|By|To|Of|As|Despite|"
    r"Through|Attached|Enclosed|See|Also|And|But|Then|When|While|Since|Until|Unlike|Like|Regarding|Concerning)\s+)+"
)


def _possessor(text: str) -> str | None:
    text = _NOT_NAMES.sub("", text.strip())
    return _party(text) if text and text[0].isupper() else None


def find_mentions(text: str, *, implicit_kind: str | None = None) -> list[Mention]:
    """Every document mention in ``text``, in order.

    ``implicit_kind`` ("telegram" in a telegram, "despatch" in a despatch)
    also reads the correspondents' shorthand "Your 4760, April 26", which
    names no kind; only a document's own words use it.
    """
    out: list[Mention] = []
    for m in _matches(text):
        if out and m.start() < out[-1].end:
            continue
        kind = _kind_of(m)
        fields: dict = {"channel": bool(m.group("channel"))}
        end = _tail(text, m.end(), fields)
        number = fields.get("number")
        if m.group("channel") and number:
            number = f"{m.group('channel').capitalize()} {number}"
        det = (m.group("det") or "").strip().lower() or None
        poss = m.group("poss")
        sender = fields.get("sender")
        voice = None
        if m.group("cable"):
            who = CABLE_WORDS[m.group("cable").lower()]
            if who and who.startswith("@"):
                voice = who
            elif who and not sender:
                sender = who
        if det in ("my", "our"):
            voice = "@sender"
        elif det == "your":
            voice = "@recipient"
        possessor = _possessor(poss) if poss else None
        if possessor and not sender:
            sender = possessor
        dates = ((m.group("pre_date"),) if m.group("pre_date") else ()) + fields.get("dates", ())
        out.append(
            Mention(
                start=m.start(),
                end=end,
                kind=kind,
                number=number,
                dates=dates,
                time=fields.get("time"),
                sender=sender,
                recipient=fields.get("recipient"),
                author=fields.get("author"),
                determiner=det,
                adjectives=" ".join((m.group("adj") or "").split()).lower(),
                voice=voice,
                text=text[m.start():end].strip(),
                possessive=bool(possessor) and not fields.get("sender"),
            )
        )
    if implicit_kind:
        taken = [(x.start, x.end) for x in out]
        extra = [x for x in _implicit(text, implicit_kind) if all(x.end <= s or x.start >= e for s, e in taken)]
        out = sorted(out + extra, key=lambda x: x.start)
    return out


_FRONT_WORDS = re.compile(r"(?:^|[.;:?!”\")]\s+|“)(?:In|With|Under|By|Through|According\s+to|On\s+the\s+basis\s+of)\s+$")


def fronted_sender(text: str, mention: Mention) -> str | None:
    """ "In a note to Kissinger on October 29, Haig noted": the sender is Haig."""
    window_start = max(0, mention.start - 40)
    m = _FRONT_WORDS.search(text[window_start:mention.start])
    # "^" in a window cut out of the middle of the text is no sentence start
    if not m or (window_start > 0 and m.start() == 0 and not m.group()[:1] in "“.;:?!”\")"):
        return None
    m = _FRONTED_SUBJECT.match(text, mention.end)
    if not m:
        return None
    return _party(m.group("subject"))
