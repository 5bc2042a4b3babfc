"""Personal names as the persons lists print them, and as the text uses them.

A persons list writes "Haig, Brigadier General Alexander M., Jr.", "Thant,
U", "Mao Tse-tung (Mao Zedong)", "Sonnenfeldt, Helmut “Hal”" or "Sadat,
Anwar al-"; the documents say "Haig", "General Haig", "Alexander M. Haig,
Jr.", "U Thant", "Mao", "Hal Sonnenfeldt", "Sadat".  :func:`parse_list_name`
splits an entry into the parts the linker needs (the surname forms a
document may use alone, the given names that may precede them, the rank or
title printed with them); :func:`fold` and :func:`translit_key` give the
keys names are compared on, so "Hammarskjöld" meets "Hammarskjold" and
"Ivanoff" meets "Ivanov".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

#: Generational suffixes: part of the name, never a given name.
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

#: Lower-case particles that belong to the surname ("de Gaulle", "al-Assad").
PARTICLES = frozenset(
    {"de", "del", "della", "der", "di", "da", "do", "dos", "du", "la", "le", "van", "von", "zu",
     "al", "el", "ul", "bin", "ibn", "ben", "y", "e", "d"}
)

#: Ranks, honorifics and offices that the lists print before given names
#: and the text prints before surnames.  Multi-word ones first: the longest
#: match wins.  Folded (lower case, no dots).
TITLES = tuple(
    sorted(
        {
            "general of the army", "fleet admiral", "brigadier general", "major general",
            "lieutenant general", "lieutenant colonel", "vice admiral", "rear admiral",
            "field marshal", "air marshal", "air chief marshal", "brig gen", "maj gen",
            "lt gen", "lt col", "gen", "general", "admiral", "adm", "colonel", "col",
            "captain", "capt", "commander", "cdr", "major", "maj", "lieutenant", "lt",
            "marshal", "brigadier", "sergeant", "sir", "lord", "lady", "dame", "dr",
            "doctor", "professor", "prof", "mr", "mrs", "miss", "ms", "mme", "madame",
            "monsieur", "m", "senator", "congressman", "congresswoman", "representative",
            "governor", "ambassador", "judge", "justice", "father", "rev", "reverend",
            "bishop", "archbishop", "cardinal", "monsignor", "rabbi", "sheikh", "shaikh",
            "emir", "amir", "king", "queen", "prince", "princess", "crown prince", "count",
            "countess", "baron", "viscount", "earl", "duke", "marquis", "shah", "sultan",
            "president", "vice president", "premier", "prime minister", "chancellor",
            "chairman", "secretary", "under secretary", "minister", "foreign minister",
            "deputy", "messrs", "comrade", "his excellency", "he", "h e",
        },
        key=lambda t: (-len(t.split()), t),
    )
)
_TITLE_WORDS = frozenset(w for t in TITLES for w in t.split())
#: titles that may sit among given names ("Mirbach, Wilhelm, Count von")
_TITLE_ONLY = frozenset({"count", "baron", "prince", "sir", "lord", "general", "admiral"})

_QUOTED = re.compile(r"[“\"”]([^“\"”]+)[“\"”]")
_PARENS = re.compile(r"\(([^()]*)\)")
#: a word, or an initial with its dot ("A."); other dots stay outside words
_WORD = re.compile(r"[^\W\d_]\.|[^\W\d_]+(?:[’'\-][^\W\d_]+)*", re.UNICODE)

#: short forms of given names the papers use ("Bob Lipshutz", "Robt. B.
#: Carney", "Alex Johnson"), folded; each maps to the names it may stand for
NICKNAMES: dict[str, tuple[str, ...]] = {
    "bob": ("robert",), "rob": ("robert",), "robt": ("robert",), "bobby": ("robert",),
    "bill": ("william",), "billy": ("william",), "will": ("william",), "wm": ("william",),
    "dick": ("richard",), "rick": ("richard",), "jim": ("james",), "jimmy": ("james",),
    "jas": ("james",), "jack": ("john",), "johnny": ("john",), "jno": ("john",),
    "mike": ("michael",), "tom": ("thomas",), "thos": ("thomas",), "tommy": ("thomas",),
    "chuck": ("charles",), "charlie": ("charles",), "chas": ("charles",), "chas": ("charles",),
    "ted": ("edward", "theodore"), "ed": ("edward", "edwin", "edmund"), "eddie": ("edward",),
    "ned": ("edward",), "joe": ("joseph",), "geo": ("george",), "hank": ("henry",),
    "harry": ("henry", "harold"), "hal": ("harold", "helmut", "henry"), "al": ("albert", "alfred", "alan", "allen"),
    "alex": ("alexander", "alexis"), "andy": ("andrew",), "tony": ("anthony",),
    "dave": ("david",), "dan": ("daniel",), "don": ("donald",), "doug": ("douglas",),
    "fred": ("frederick", "alfred"), "frank": ("francis", "franklin"), "gene": ("eugene",),
    "jerry": ("gerald", "jerome"), "larry": ("lawrence",), "len": ("leonard",), "les": ("leslie", "lester"),
    "mel": ("melvin",), "mort": ("morton",), "nick": ("nicholas",), "pat": ("patrick",),
    "pete": ("peter",), "phil": ("philip",), "ray": ("raymond",), "ron": ("ronald",),
    "sam": ("samuel",), "sandy": ("alexander",), "steve": ("stephen", "steven"), "stu": ("stuart",),
    "walt": ("walter", "walt"), "zbig": ("zbigniew",), "abe": ("abraham",), "art": ("arthur",),
    "ben": ("benjamin",), "cy": ("cyrus",), "gerry": ("gerald",), "herb": ("herbert",),
    "ken": ("kenneth",), "marty": ("martin",), "matt": ("matthew",), "max": ("maxwell",),
    "vic": ("victor",), "vince": ("vincent",), "win": ("winston", "winthrop"),
}


def strip_marks(text: str) -> str:
    """Remove diacritics: "Mićunović" → "Micunovic", "Özal" → "Ozal"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ß", "ss")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The exact-comparison key: no accents, lower case, plain apostrophes,
    no dots or spaces around hyphens."""
    text = strip_marks(text).lower().replace("’", "'").replace("‘", "'")
    text = text.replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*-\s*", "-", text)
    return " ".join(text.replace(".", " ").split())


@lru_cache(maxsize=100_000)
def translit_key(text: str) -> str:
    """A looser key for the spellings transliteration produces.

    Russian, Arabic and Chinese names reach FRUS through several systems
    (Ivanov/Ivanoff, Chernyakov/Tcherniakov, Andrei/Andrey, Vasily/Vassily);
    the key folds the usual alternations together.  It is only used when the
    exact key finds nothing, and the link then carries a lower confidence.
    """
    s = fold(text).replace("'", "").replace("-", "").replace(" ", "")
    # patronymics: Sergeyevich / Sergeevich / Sergeivich
    s = re.sub(r"[eiy]+(?=vich$|vna$)", "e", s)
    s = re.sub(r"(ff|w)$", "v", s)
    s = re.sub(r"(ff|w)(?=[^aeiouy])", "v", s)
    for a, b in (("tsch", "ch"), ("tch", "ch"), ("sch", "sh"), ("zh", "j"), ("dj", "j"),
                 ("kh", "h"), ("ph", "f"), ("ck", "k"), ("ks", "x"), ("ou", "u"),
                 ("ei", "ey"), ("ie", "ye")):
        s = s.replace(a, b)
    s = re.sub(r"c(?=[aoukrl]|$)", "k", s)  # Constantine / Konstantine
    s = s.replace("y", "i").replace("j", "i").replace("w", "v")
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


def is_initial(token: str) -> bool:
    """"A.", "A" (in "Harry S Truman"), "H.A." are initials, not names."""
    bare = token.replace(".", "")
    return bool(bare) and len(bare) <= 2 and bare.isalpha() and bare.isupper() and (
        "." in token or len(bare) == 1
    )


def title_at_end(words: list[str]) -> int:
    """How many of the last ``words`` form a title ("Brigadier General")."""
    folded = [fold(w) for w in words]
    for title in TITLES:
        parts = title.split()
        if len(parts) <= len(folded) and folded[-len(parts):] == parts:
            return len(parts)
    return 0


@dataclass(frozen=True, slots=True)
class PersonName:
    """One persons-list name, taken apart."""

    raw: str
    #: the surname as printed ("Kissinger", "Couve de Murville", "Mao").
    surname: str
    #: given names and initials in order ("Henry", "A.").
    given: tuple[str, ...] = ()
    suffix: str | None = None
    #: ranks and honorifics printed with the name ("Brigadier General").
    titles: tuple[str, ...] = ()
    #: nicknames ("Hal", "Scoop") and alternative full names ("Mao Zedong").
    nicknames: tuple[str, ...] = ()
    alternates: tuple[str, ...] = ()
    #: a name with no comma (Chinese, Korean, royal names): the first word is
    #: what the text uses alone.
    surname_first: bool = False

    @property
    def display(self) -> str:
        """Natural order: "Alexander M. Haig, Jr."."""
        if self.surname_first:
            return self.raw.split("(")[0].strip()
        text = " ".join([*self.given, self.surname])
        return f"{text}, {self.suffix}" if self.suffix else text

    def short_forms(self) -> tuple[str, ...]:
        """Forms the text may use on their own, best first.

        The whole surname always; for compound surnames also the part the
        text commonly uses ("de Gaulle" → "Gaulle" is not one, but "Toriello
        Garrido" → "Toriello" and "al-Assad" → "Assad" are).
        """
        forms: list[str] = []

        def add(form: str) -> None:
            form = form.strip(" ,.")
            if form and form not in forms and fold(form) not in SUFFIXES:
                forms.append(form)

        add(self.surname)
        words = self.surname.split()
        if self.surname_first:
            first = words[0] if words else ""
            # "Mao", "Kim", "Chou" stand alone; "U" (U Nu) or "In" do not
            if len(first) >= 3 and fold(first) not in PARTICLES:
                add(first)
        else:
            if len(words) > 1 and fold(words[0]) not in PARTICLES:
                add(words[0])  # "Toriello Garrido" → "Toriello"
            if len(words) > 1 and fold(words[0]) in PARTICLES:
                add(" ".join(words[1:]))  # "de Gaulle" also as "Gaulle"
            m = re.match(r"(?i)(al|el|ul|ad|as|an|ar|at|az)[-‐](.+)$", self.surname)
            if m:
                add(m.group(2))  # "al-Assad" → "Assad"
        for alt in self.alternates:
            alt_name = parse_list_name(alt)
            for form in alt_name.short_forms():
                add(form)
        return tuple(forms)


def _split_words(text: str) -> list[str]:
    return text.replace(",", " ").split()


def parse_list_name(raw: str) -> PersonName:
    """Take a persons-list name apart.

    >>> parse_list_name("Haig, Brigadier General Alexander M., Jr.").given
    ('Alexander', 'M.')
    """
    text = " ".join(raw.split())
    nicknames: list[str] = []
    alternates: list[str] = []
    for quoted in _QUOTED.findall(text):
        nicknames.append(quoted.strip(" ,"))
    text = _QUOTED.sub(" ", text)
    for inner in _PARENS.findall(text):
        inner = inner.strip()
        if not inner or fold(inner) in ("ret", "retired"):
            continue
        if " " not in inner and "," not in inner:
            nicknames.append(inner)
        else:
            alternates.append(inner)
    text = _PARENS.sub(" ", text)
    text = " ".join(text.replace(" ,", ",").split()).strip(" ,")
    if "," not in text:
        return _parse_uninverted(raw, text, tuple(nicknames), tuple(alternates))

    surname, _, rest = text.partition(",")
    surname = surname.strip()
    words = _split_words(rest)
    suffix = None
    kept: list[str] = []
    for word in words:
        if fold(word) in SUFFIXES and suffix is None and kept:
            suffix = word
        elif fold(word) in SUFFIXES and not kept:
            suffix = word
        else:
            kept.append(word)
    titles: list[str] = []
    # Titles lead the given names ("Brigadier General Alexander M.") and the
    # particles trail them ("Anwar al-").
    while kept:
        matched = _title_at_start(kept)
        if not matched:
            break
        titles.append(" ".join(kept[:matched]))
        kept = kept[matched:]
    while kept and kept[-1][:1].islower() and fold(kept[-1]).rstrip("-") in PARTICLES:
        particle = kept.pop()
        surname = f"{particle}{'' if particle.endswith('-') else ' '}{surname}"
    given = tuple(w for w in kept if fold(w) not in ("ret", "") and fold(w) not in _TITLE_ONLY)
    return PersonName(
        raw=raw,
        surname=surname,
        given=given,
        suffix=suffix,
        titles=tuple(titles),
        nicknames=tuple(nicknames),
        alternates=tuple(alternates),
    )


def _title_at_start(words: list[str]) -> int:
    folded = [fold(w) for w in words]
    for title in TITLES:
        parts = title.split()
        # a bare "M" or "E" is an initial here, not "Monsieur"
        if len(parts) == 1 and len(parts[0]) == 1:
            continue
        if folded[: len(parts)] == parts and len(parts) < len(folded):
            return len(parts)
    return 0


def _parse_uninverted(raw: str, text: str, nicknames, alternates) -> PersonName:
    """Names printed without a comma: "Chou En-lai", "Kim Hong-il", "U Thant",
    "Victor Emanuel III", "Fahd bin Abdul al-Aziz al-Saud"."""
    words = text.split()
    if len(words) > 1 and all(is_initial(w) or re.fullmatch(r"(?:[A-Z]\.){2,}", w) for w in words[1:]):
        # "Jackson C. D.": a list entry that lost its comma
        return parse_list_name(f"{words[0]}, {' '.join(words[1:])}")
    titles: list[str] = []
    while len(words) > 1:
        n = _title_at_start(words)
        if not n:
            break
        titles.append(" ".join(words[:n]))
        words = words[n:]
    suffix = None
    if len(words) > 1 and fold(words[-1]) in SUFFIXES:
        suffix = words.pop()
    return PersonName(
        raw=raw,
        surname=" ".join(words),
        given=(),
        suffix=suffix,
        titles=tuple(titles),
        nicknames=nicknames,
        alternates=alternates,
        surname_first=True,
    )


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """Can two lists of given names belong to one person?

    True when every aligned pair agrees (equal names, or an initial and a
    name it abbreviates), False on a clash ("Lyndon B." vs "U. Alexis"),
    None when one side has nothing to compare.
    """
    if not a or not b:
        return None
    fa = [_given_key(x) for x in a]
    fb = [_given_key(x) for x in b]
    for x, y in zip(fa, fb):
        if not _one_given_compatible(x, y):
            return False
    return True


def _given_key(token: str) -> str:
    return fold(token).replace(" ", "")


def _one_given_compatible(x: str, y: str) -> bool:
    if x == y:
        return True
    if y in NICKNAMES.get(x, ()) or x in NICKNAMES.get(y, ()):
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    # "H A" packed as "ha" from "H.A." compares by first letters
    if len(x) == 2 and x.isalpha() and len(y) > 2:
        return x[0] == y[0]
    if len(y) == 2 and y.isalpha() and len(x) > 2:
        return y[0] == x[0]
    return translit_key(x) == translit_key(y)


def words_in(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of running text with their offsets (initials keep their
    dot: "A.")."""
    return [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


__all__ = [
    "PARTICLES",
    "NICKNAMES",
    "PersonName",
    "SUFFIXES",
    "TITLES",
    "fold",
    "given_compatible",
    "is_initial",
    "parse_list_name",
    "slug",
    "strip_marks",
    "title_at_end",
    "translit_key",
    "words_in",
]
