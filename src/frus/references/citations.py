"""The editors' printed pointers to FRUS itself, read from plain text.

Text copies carry no ``ref`` elements and older volumes few, so the same
pointers must be read from the words.  The shapes, all seen in the shared
corpus:

* same volume — "See Document 65", "Documents 108 and 109", "Documents
  18–20", "footnote 3, Document 45", "footnotes 1 and 2, Document 136",
  "Document 431, footnote 2", "printed as Document 7", "Ante, p. 284",
  "see p. 407", "Telegram 211, March 1, p. 277." (older volumes give the
  page a document is printed on), "See footnote 96, p. 249", "See
  footnote 2" (this document), "Supra." / "Infra." (the document printed
  just before / after), "See No. 131." (numbered older volumes);
* another volume — "Foreign Relations, 1964–1968, volume XIV, Document
  335", "Documents 165 and 166 in Foreign Relations, 1969–1976, volume
  XV", "Foreign Relations, 1918, supp. 1, vol. i, p. 12", "Foreign
  Relations, 1945–1950, Emergence of the Intelligence Establishment,
  Document 312", "Foreign Relations, The Conference at Quebec, 1944, p.
  492", "Foreign Relations, 1969–1976, Volume E–15, Part 1, …";
* another volume of this one's set — "vol. ii, p. 628" inside
  ``frus1919Parisv01``, "see Part 1, Documents 242 ff.", "Document 12 in
  volume XIV";
* "Ibid." — "ibid., 1949, vol. III, p. 751", "See ibid., Document 68",
  and a bare "Ibid." which :mod:`frus.references.crossrefs` ties to the
  previous FRUS citation (or to nothing when another publication or an
  archival citation came between).

Someone else's pages and documents are the trap: "Papers of Woodrow
Wilson, vol. 43, p. 459", "American Foreign Policy: Basic Documents
1977–1980, Document 409".  A bare page or document number is taken as
FRUS's own only where FRUS writes its pointers (after "Ante", "see",
"printed", a date, a document's description) and never in a clause that
names another publication (:data:`_OTHER_WORK`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frus.references.volumes import sibling_volume, volume_id


@dataclass(frozen=True, slots=True)
class VolumeSpec:
    """What an "ibid., 1949, vol. III" names, kept until the years it inherits are known."""

    years: str | None = None
    number: str | None = None
    part: str | None = None
    supplement: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class TextCitation:
    start: int
    end: int
    #: document | footnote | page | volume | ibid
    kind: str
    #: how the volume is known: "same" (this volume), "this" (this
    #: document), "explicit" (named), "sibling" (another volume of this
    #: set), "ibid" / "ibid-volume" (the previous FRUS citation), "prev" /
    #: "next" (Supra/Infra), "unknown" (named but not mappable)
    basis: str
    volume: str | None = None
    #: printed document numbers ("65", "72A")
    docs: tuple[str, ...] = ()
    #: footnote markers ("3", "*")
    footnotes: tuple[str, ...] = ()
    page: str | None = None
    text: str = ""
    #: the years the citation names (for a later "ibid., vol. V")
    years: str | None = None
    spec: VolumeSpec | None = None


_NUM = r"\d+[A-Z]?\b"
_DOC_LIST = rf"(?P<docs>{_NUM}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*[–—-]\s*|\s+through\s+){_NUM})*)(?:\s*ff\.?)?"
_FN_LIST = r"(?P<fn>(?:\d+|\*)(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:\d+|\*))*)"
_PAGE_LIST = r"(?P<page>\d+(?!\d)|[ivxlc]+\b)(?:(?:\s*[–—-]\s*|\s*,\s*(?:and\s+)?|\s+and\s+)\d+(?!\d))*(?:\s*ff\.)?"
#: "NSC Document 12", "UN Document 5" are other series
_NOT_OTHER_SERIES = r"(?<!NSC )(?<!UN )(?<!JCS )(?<!U\.N\. )(?<!NSC\. )"

_FOOTNOTE_DOC = re.compile(rf"[Ff]ootnotes?\s+{_FN_LIST}(?:\s*,\s*|\s+(?:to|of|in)\s+)Document\s+(?P<doc>{_NUM})")
_DOC_FOOTNOTE = re.compile(rf"Document\s+(?P<doc>{_NUM}),?\s+footnotes?\s+{_FN_LIST}")
_DOCS = re.compile(rf"{_NOT_OTHER_SERIES}(?:Documents?|Docs?\.)\s+{_DOC_LIST}")
_FOOTNOTE_PAGE = re.compile(
    rf"[Ff]ootnotes?\s+{_FN_LIST},\s*(?:(?:ante|post|supra|infra),?\s*)?(?:pp?\.|pages?)\s*{_PAGE_LIST}"
)
_PAGES = re.compile(rf"(?:pp?\.|pages?)\s*{_PAGE_LIST}(?!\s+of\s+(?:the\s+)?(?:Foreign Relations|volume|vol\.))")
_FOOTNOTE_ALONE = re.compile(
    r"[Ff]ootnote\s+(?P<fn>\d+|\*)(?!\s*(?:,|to|of|in)\s*(?:Document|p\.|pp\.|page))(?:\s+(?:above|below))?\b"
)

_SEP = re.compile(r"[”\"’]?\s*[,:]?[”\"’]?\s*")
_YEARS = re.compile(r"(?P<years>1[789]\d\d(?:\s*[–—-]\s*(?:1[789]|20)?\d\d)?)\b")
_SUPP = re.compile(r"(?:Supplement|supplement|Supp\.|supp\.)(?:\s+(?P<supp>\d+\b|[IVX]+\b|[ivx]+\b))?")
_VOL = re.compile(r"(?:Volume|volume|Vol[.,]?|vol[.,]?)\s*(?P<num>E\s*[–—-]\s*\d+|[IVXLC]+\b|[ivxlc]+\b|\d+\b)")
_PART = re.compile(r"(?:Part|part|pt\.)\s+(?P<part>\d+\b|[IVX]+\b)")
#: a title segment: up to the next comma, never across a sentence break
_TITLE = re.compile(
    r"(?!Documents?\s+\d|Docs?\.|Part\b|Vols?\.|vols?\.|Volumes?\b|volumes?\b|Supp|supp|pp?\.|[Ff]ootnote|[Ii]bid)"
    r"(?P<title>(?:The |the )?[A-Z](?:(?!\.\s)[^,\[\]()]|\([^()]{1,40}\)){1,90}?)(?=\s*,)"
)
#: date spans inside a title: "January 1969–July 1970", "1973–1976"
_TITLE_DATES = re.compile(
    r"(?P<title>(?:[A-Z][a-z]+\.?\s+)?1[789]\d\d(?:\s*[–—-]\s*(?:[A-Z][a-z]+\.?\s+)?(?:1[789]|20)?\d\d)?)(?=\s*,)"
)
_FR_HEAD = re.compile(
    r"(?<!American )(?<!Council on )(?<!Committee on )Foreign Relations"
    r"(?!\s+(?:Committee|Council|Law|Authorization))(?:\s+of\s+the\s+United\s+States)?"
    r"(?:\s+(?:for|of)\s+(?P<yfor>1[789]\d\d)\b)?"
)
_IBID = re.compile(r"\b[Ii]bid(?:em)?\b\.?")
_BARE_PREFIX = re.compile(r"(?:^|(?:\b[Ss]ee(?:\s+also)?|\b[Ii]n|\b[Pp]rinted(?:\s+in)?|;|\()\s*)$")
_BARE_HEAD = re.compile(r"(?:Volume|volume|Vol\.|vol\.)\s*(?:[IVXLC]+\b|[ivxlc]+\b|\d+\b)|(?:Part|part)\s+\d+\b")
_PAGE_PREFIX = re.compile(
    r"(?:^|\b(?:[Aa]nte|[Pp]ost|[Ss]ee(?:\s+also)?|[Pp]rinted(?:\s+(?:on|at|in))?|[Ss]upra|[Ii]nfra|on|at)\s*,?\s*|[;(]\s*)$"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
#: "Telegram 211, March 1, p. 277." / "Dated Aug. 7, p. 715." — a page after a date
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:,\s*1[789]\d\d)?\s*,\s*$")
_IN_VOLUME = re.compile(r",?\s+(?:in|of)\s+(?:the\s+)?")
_OF_THIS_VOLUME = re.compile(r"\s+of this volume")
_SUPRA = re.compile(r"(?:^|(?<=[\s,;(]))(?P<word>[Ss]upra|[Ii]nfra)\b\.?")
_SEE_NO = re.compile(r"\b[Ss]ee\s+No\.\s*(?P<doc>\d+)\b")

#: a locator after these belongs to another publication: "Basic Documents
#: 1977–1980, Document 409", "A Documentary History, vol. 1, Documents
#: 119–138", "Congressional Record, September 20, 1976, p. 31388"
_OTHER_WORK = re.compile(
    r"\b(?:[Vv]ol\.|[Vv]olume|Documents\b|Documentary|Papers\b|Bulletin|Series|Record\b|Congressional|Journal|"
    r"Times\b|Post\b|Press\b|Book\b|Books\b|Memoirs|Diary|Years\b|Review\b|Quarterly|Report of|Hearings?\b|Treaties|"
    r"Statutes|Stat\.|U\.S\.C\.|Erinnerungen|Survey|Yearbook|Digest|Chronicle|Annual|Magazine|Gazette|Proceedings)"
)
_CLAUSE_BREAK = re.compile(r"[.;:]\s+(?=[A-Z“\"(\[])|[();“]")


def _clause_before(text: str, pos: int) -> str:
    """The text before ``pos`` back to the last sentence, clause or bracket break."""
    begin = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        begin = m.end()
    return text[begin:pos]


def _expand(docs: str) -> tuple[str, ...]:
    """ "108 and 109" → (108, 109); "18–20" → (18, 19, 20); long ranges keep their ends."""
    out: list[str] = []
    tokens = re.findall(rf"{_NUM}|[–—-]|through", docs)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in ("–", "—", "-", "through"):
            if out and i + 1 < len(tokens):
                first, last = out[-1], tokens[i + 1]
                if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= 40:
                    out.extend(str(n) for n in range(int(first) + 1, int(last) + 1))
                else:
                    out.append(last)
                i += 1
        else:
            out.append(tok)
        i += 1
    return tuple(dict.fromkeys(out))


def _markers(fn: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(re.findall(r"\d+|\*", fn)))


def _locator(text: str, pos: int) -> tuple[int, dict] | None:
    """A document/footnote/page locator starting at ``pos``: (end, fields)."""
    for pattern, kind in (
        (_FOOTNOTE_DOC, "footnote"),
        (_DOC_FOOTNOTE, "footnote"),
        (_DOCS, "document"),
        (_FOOTNOTE_PAGE, "footnote"),
        (_PAGES, "page"),
    ):
        m = pattern.match(text, pos)
        if not m:
            continue
        groups = m.groupdict()
        fields: dict = {"kind": kind}
        if groups.get("docs"):
            numbers = re.findall(r"\d+", groups["docs"])
            if re.fullmatch(r"1[789]\d\d|20\d\d", numbers[0]) and re.search(r"[–—-]", groups["docs"]):
                return None  # "Documents 1977–1980" is a span of years
            fields["docs"] = _expand(groups["docs"])
        if groups.get("doc"):
            fields["docs"] = (groups["doc"],)
        if groups.get("fn"):
            fields["footnotes"] = _markers(groups["fn"])
        if groups.get("page"):
            fields["page"] = groups["page"]
        return m.end(), fields
    return None


def _volume_phrase(text: str, pos: int, *, allow_title: bool = True) -> tuple[int, dict, dict | None]:
    """Read "1964–1968, volume XIV, Part 1, <title>, Document 335" from ``pos``.

    Returns (end, volume fields, locator fields or None).  Stops at the
    first segment that is none of years, supplement, volume, part, title
    or locator, so a citation never runs into the next sentence.  A title
    before the number names a topical volume ("1918, Russia, volume I");
    one after it ("volume VI, Vietnam, …") is not part of the id.
    """
    got: dict = {}
    end = pos
    cur = pos
    for _ in range(10):
        sep = _SEP.match(text, cur)
        at = sep.end() if sep else cur
        loc = _locator(text, at)
        if loc and (got or cur == pos):
            return loc[0], got, loc[1]
        m = _YEARS.match(text, at)
        if m and "years" not in got and "num" not in got:
            got["years"] = m.group("years")
            end = cur = m.end()
            continue
        m = _SUPP.match(text, at)
        if m and "supp" not in got:
            got["supp"] = m.group("supp") or ""
            end = cur = m.end()
            continue
        m = _VOL.match(text, at)
        if m and "num" not in got:
            got["num"] = m.group("num")
            end = cur = m.end()
            continue
        m = _PART.match(text, at)
        if m and "part" not in got:
            got["part"] = m.group("part")
            end = cur = m.end()
            continue
        m = _TITLE.match(text, at) if allow_title else None
        if m is None and allow_title and ("num" in got or "title_before" in got) and "years" in got:
            m = _TITLE_DATES.match(text, at)
        if m:
            if "num" not in got and "supp" not in got and "title_before" not in got:
                got["title_before"] = m.group("title")
            cur = m.end()
            continue
        break
    return end, got, None


def _volume_of(got: dict) -> tuple[str | None, str]:
    years = got.get("years")
    if not years:
        return None, "unknown"
    vid = volume_id(years, got.get("num"), part=got.get("part"), supplement=got.get("supp"), title=got.get("title_before"))
    return (vid, "explicit") if vid else (None, "unknown")


def _make(
    text: str,
    start: int,
    end: int,
    basis: str,
    volume: str | None,
    loc: dict | None,
    years: str | None = None,
    spec: VolumeSpec | None = None,
) -> TextCitation:
    return TextCitation(
        start,
        end,
        loc["kind"] if loc else "volume",
        basis,
        volume,
        docs=tuple(loc.get("docs", ())) if loc else (),
        footnotes=tuple(loc.get("footnotes", ())) if loc else (),
        page=loc.get("page") if loc else None,
        text=text[start:end],
        years=years,
        spec=spec,
    )


def _page_is_ours(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    if _PAGE_PREFIX.search(before[-16:]) or _DATE_BEFORE.search(before):
        return not _OTHER_WORK.search(_clause_before(text, start))
    return False


class _Scan:
    def __init__(self, text: str, volume: str) -> None:
        self.text = text
        self.volume = volume
        self.found: list[TextCitation] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(self, cit: TextCitation) -> None:
        self.found.append(cit)
        self.taken.append((cit.start, cit.end))

    def drop(self, cit: TextCitation) -> None:
        self.found.remove(cit)
        self.taken.remove((cit.start, cit.end))

    def foreign_relations(self) -> None:
        text = self.text
        for m in _FR_HEAD.finditer(text):
            end, got, loc = _volume_phrase(text, m.end())
            if m.group("yfor"):
                got.setdefault("years", m.group("yfor"))
            if not got.get("years"):
                continue  # "the Senate Foreign Relations Committee"
            vid, basis = _volume_of(got)
            if vid is None and not got.get("title_before") and not got.get("num"):
                continue  # "Foreign Relations, 1945–1950": a subseries, no one volume
            self.add(_make(text, m.start(), end, basis, vid, loc, got.get("years")))

    def ibids(self) -> None:
        text = self.text
        for m in _IBID.finditer(text):
            if not self.free(m.start(), m.end()):
                continue
            # "ibid., 1949, vol. III", "ibid., vol. I, Part 1", "ibid., Document 298";
            # "Ibid., Rumania, Memos, Vol. 1" opens with a title: an archival ibid
            sep = _SEP.match(text, m.end())
            at = sep.end() if sep else m.end()
            end, got, loc = m.end(), {}, None
            if any(p.match(text, at) for p in (_YEARS, _VOL, _PART, _SUPP)) or _locator(text, at):
                end, got, loc = _volume_phrase(text, m.end())
            if got.get("years") and not (got.get("num") or got.get("supp") or loc):
                end, got, loc = m.end(), {}, None  # "ibid., 1966": a file's year
            if got.get("years") or got.get("num") or got.get("supp"):
                spec = VolumeSpec(got.get("years"), got.get("num"), got.get("part"), got.get("supp"), got.get("title_before"))
                self.add(_make(text, m.start(), end, "ibid-volume", None, loc, got.get("years"), spec))
            elif loc:
                self.add(_make(text, m.start(), end, "ibid", None, loc))
            else:
                self.add(TextCitation(m.start(), m.end(), "ibid", "ibid", text=text[m.start():m.end()]))

    def siblings(self) -> None:
        text = self.text
        for m in _BARE_HEAD.finditer(text):
            if not self.free(m.start(), m.end()) or not _BARE_PREFIX.search(text[max(0, m.start() - 14):m.start()]):
                continue
            end, got, loc = _volume_phrase(text, m.start(), allow_title=False)
            if "num" not in got and "part" not in got:
                continue
            vid = sibling_volume(self.volume, got.get("num"), got.get("part"))
            this = _OF_THIS_VOLUME.match(text, end)
            if this:
                end = this.end()
                after = _SEP.match(text, end)
                found = _locator(text, after.end()) if loc is None and after else None
                if found:
                    end, loc = found
            self.add(_make(text, m.start(), end, "sibling" if vid else "unknown", vid, loc))

    def locators(self) -> None:
        text = self.text
        for pattern in (_FOOTNOTE_DOC, _DOC_FOOTNOTE, _DOCS, _FOOTNOTE_PAGE):
            for m in pattern.finditer(text):
                if not self.free(m.start(), m.end()):
                    continue
                loc = _locator(text, m.start())
                if not loc or _OTHER_WORK.search(_clause_before(text, m.start())):
                    continue
                link = _IN_VOLUME.match(text, loc[0])
                host = next((c for c in self.found if link and c.start == link.end() and c.kind == "volume"), None)
                if host is not None:
                    # "Documents 165 and 166 in Foreign Relations, 1969–1976, volume XV"
                    self.drop(host)
                    self.add(_make(text, m.start(), host.end, host.basis, host.volume, loc[1], host.years, host.spec))
                else:
                    self.add(_make(text, m.start(), loc[0], "same", self.volume, loc[1]))
        for m in _PAGES.finditer(text):
            if self.free(m.start(), m.end()) and _page_is_ours(text, m.start()):
                self.add(_make(text, m.start(), m.end(), "same", self.volume, {"kind": "page", "page": m.group("page")}))
        for m in _FOOTNOTE_ALONE.finditer(text):
            if self.free(m.start(), m.end()):
                self.add(TextCitation(m.start(), m.end(), "footnote", "this", self.volume, footnotes=(m.group("fn"),), text=m.group()))
        for m in _SEE_NO.finditer(text):
            if self.free(m.start(), m.end()):
                self.add(TextCitation(m.start(), m.end(), "document", "same", self.volume, docs=(m.group("doc"),), text=m.group()))
        for m in _SUPRA.finditer(text):
            if self.free(m.start(), m.end()):
                basis = "prev" if m.group("word").lower() == "supra" else "next"
                self.add(TextCitation(m.start(), m.end(), "document", basis, None, text=m.group()))


def scan(text: str, current_volume: str) -> list[TextCitation]:
    """Every FRUS pointer in ``text``, in order of position."""
    s = _Scan(text, current_volume)
    s.foreign_relations()
    s.ibids()
    s.siblings()
    s.locators()
    return sorted(s.found, key=lambda c: c.start)


def ibid_volume(spec: VolumeSpec, last_years: str | None) -> str | None:
    """The volume "ibid., [years,] vol. N" names: its own years, else the previous citation's."""
    years = spec.years or last_years
    if not years:
        return None
    return volume_id(years, spec.number, part=spec.part, supplement=spec.supplement, title=spec.title)
