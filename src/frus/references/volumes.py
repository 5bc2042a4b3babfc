"""Volume ids from the way FRUS cites its own volumes.

The Office of the Historian names a volume by its years, its number and
its part: ``frus1964-68v14`` is "Foreign Relations, 1964–1968, volume
XIV", ``frus1952-54v14p1`` adds "Part 1", ``frus1969-76ve15p1`` is "Volume
E–15, Part 1", ``frus1948v01p2`` is an annual volume.  Supplements and
the few topical volumes carry a word instead of (or before) the number:
``frus1917Supp02v01`` ("1917, Supplement 2, vol. I"), ``frus1918Russiav03``,
``frus1919Parisv01``, ``frus1945-50Intel``.  These rules were read off the
file names of the shared corpus and the ``ref/@target`` values its editors
wrote next to the printed citations; :data:`TITLE_WORDS` lists the topical
names seen there.  A title we do not know yields no id rather than a
guessed one, so the citation stays readable but unresolved.
"""

from __future__ import annotations

import re

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

#: volume ids: years, optional topical word, optional number and part
VOLUME_ID = re.compile(
    r"^frus(?P<years>\d{4}(?:-\d{2})?)(?P<word>(?:Supp\d{2}|Supp|[A-Z][A-Za-z]*?)?)(?:p(?P<opart>\d+)(?=v))?"
    r"(?:v(?P<e>e)?(?P<num>\d+)(?:-\d+)?)?(?:p(?P<part>\d+))?(?P<rest>mSupp)?$"
)

#: Topical titles printed in citations → the word the id scheme uses, and
#: the years it is used for (None: any).  Keys are lower-case fragments
#: matched inside the title; the years keep "Paris Peace Conference" of
#: 1946 (an ordinary ``frus1946v03``) from becoming ``frus1946Paris…``.
TITLE_WORDS: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("emergence of the intelligence establishment", "Intel", ("1945-50",)),
    ("intelligence community", "Intel", ("1950-55",)),
    ("guatemala", "Guat", ("1952-54",)),
    ("public diplomacy", "PubDip", None),
    ("paris peace conference", "Paris", ("1919",)),
    ("conference at quebec", "Quebec", ("1944",)),
    ("conferences at cairo and tehran", "CairoTehran", ("1943",)),
    ("conferences at malta and yalta", "Malta", ("1945",)),
    ("conference of berlin", "Berlin", ("1945",)),
    ("potsdam", "Berlin", ("1945",)),
    ("conferences at washington and quebec", "", ("1943",)),
    ("russia", "Russia", ("1918", "1919")),
    ("lansing papers", "", ("1914-20",)),
    ("japan", "", ("1931-41",)),
    ("nicaragua", "Nicaragua", ("1894",)),
)


def roman_to_int(text: str) -> int | None:
    """``XIV`` → 14, ``iii`` → 3; arabic digits pass through; None otherwise."""
    text = text.strip().rstrip(".")
    if text.isdigit():
        return int(text)
    low = text.lower()
    if not low or any(ch not in _ROMAN for ch in low):
        return None
    total = 0
    for i, ch in enumerate(low):
        value = _ROMAN[ch]
        if i + 1 < len(low) and _ROMAN[low[i + 1]] > value:
            total -= value
        else:
            total += value
    return total or None


_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def number_value(text: str) -> int | None:
    """A volume, part or supplement number as printed: ``XIV``, ``2``, ``two``."""
    return _WORD_NUMBERS.get(text.strip().lower()) or roman_to_int(text)


def years_slug(years: str) -> str | None:
    """``1964–1968`` → ``1964-68``; ``1948`` → ``1948``; ``1914–1920`` → ``1914-20``."""
    m = re.fullmatch(r"\s*(\d{4})\s*(?:[–—-]\s*(\d{2,4}))?\s*", years)
    if not m:
        return None
    first, last = m.group(1), m.group(2)
    if not last:
        return first
    return f"{first}-{last[-2:]}"


def title_word(title: str | None, slug: str = "") -> str | None:
    """The id word of a topical title, "" for titles the scheme omits, None when unknown."""
    if not title:
        return ""
    low = title.lower()
    for fragment, word, years in TITLE_WORDS:
        if fragment in low and (years is None or slug in years):
            return word
    return None


def volume_id(
    years: str,
    number: str | None = None,
    *,
    part: str | None = None,
    supplement: str | None = None,
    title: str | None = None,
) -> str | None:
    """The id of a cited volume, or None when the citation cannot name one.

    ``volume_id("1964–1968", "XIV")`` → ``frus1964-68v14``;
    ``volume_id("1969–1976", "E–15", part="1")`` → ``frus1969-76ve15p1``;
    ``volume_id("1917", "I", supplement="2")`` → ``frus1917Supp02v01``;
    ``volume_id("1918", "III", title="Russia")`` → ``frus1918Russiav03``.
    A volume-less citation of a multi-volume subseries ("Foreign
    Relations, 1969–1976") names no volume and gives None.
    """
    slug = years_slug(years)
    if slug is None:
        return None
    # a supplement's own title ("Supplement 2, The World War") is not in the id
    word = title_word(title, slug) if title and supplement is None else ""
    if word is None:
        return None
    out = f"frus{slug}"
    if supplement is not None:
        n = number_value(supplement) if supplement else None
        out += "Supp" + (f"{n:02d}" if n else "")
    out += word
    if number:
        e = re.fullmatch(r"\s*E\s*[–—-]?\s*(\d+)\s*", number, re.I)
        if e:
            out += f"ve{int(e.group(1)):02d}"
        else:
            n = number_value(number)
            if n is None:
                return None
            out += f"v{n:02d}"
    elif supplement is None and not word and "-" in slug:
        # "Foreign Relations, 1969–1976" alone is a subseries, not a volume
        return None
    if part:
        p = number_value(part)
        if p is None:
            return None
        out += f"p{p}"
    return out


def sibling_volume(current: str, number: str | None = None, part: str | None = None) -> str | None:
    """Another volume of the current volume's set: "vol. ii" cited inside
    ``frus1919Parisv01`` is ``frus1919Parisv02``; "Part 1" inside
    ``frus1958-60v10p2`` is ``frus1958-60v10p1``."""
    m = VOLUME_ID.match(current)
    if not m or m.group("rest") or (m.group("word") and not m.group("num") and not m.group("word").startswith("Supp")):
        return None  # a topical one-volume title has no siblings
    base = f"frus{m.group('years')}{m.group('word')}" + (f"p{m.group('opart')}" if m.group("opart") else "")
    num = m.group("num")
    e = m.group("e") or ""
    if number is not None:
        ee = re.fullmatch(r"\s*E\s*[–—-]?\s*(\d+)\s*", number, re.I)
        if ee:
            e, value = "e", int(ee.group(1))
        else:
            value = number_value(number)
            if value is None:
                return None
            e = ""
        out = f"{base}v{e}{value:02d}"
        if part is not None:
            p = number_value(part)
            if p is None:
                return None
            out += f"p{p}"
        return out
    if part is not None:
        p = number_value(part)
        if p is None:
            return None
        if num is None:
            return f"{base}p{p}"
        return f"{base}v{e}{num}p{p}"
    return current


def split_target(target: str, current_volume: str) -> tuple[str, str] | None:
    """``frus1964-68v14#d12`` → (``frus1964-68v14``, ``d12``); ``#d12`` →
    (current, ``d12``); a bare volume id → (id, "").  None for what is not
    a FRUS pointer (web addresses, empty targets)."""
    target = target.strip()
    if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
        return None
    if target.startswith("#"):
        return current_volume, target[1:]
    volume, _, fragment = target.partition("#")
    if volume.startswith("frus"):
        return volume, fragment
    if not fragment and re.fullmatch(r"d\d+[A-Za-z]?(?:fn\d+)?", volume):
        # "d72fn4": an encoder forgot the '#'
        return current_volume, volume
    return None
