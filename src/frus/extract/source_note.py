"""Source note → :class:`~frus.model.SourceCitation`.

A modern source note reads "Source: <repository>, <collection>, <series>,
Box <n>, <folder>. <Classification>. Drafted by …".  The citation is the
sentence(s) before the classification sentence; it is cut at commas and
colons and each piece is recognised by its shape:

* ``repository`` — the first piece, canonicalised (``National Archives and
  Records Administration`` → ``National Archives``, ``CIA Files`` →
  ``Central Intelligence Agency``, "Lyndon B. Johnson Library" →
  ``Johnson Library``).  Only a named holding institution is a
  repository; a text printed from a publication ("Department of State
  Bulletin", "Public Papers …") has none, and the publication becomes its
  ``collection``.
* ``record_group`` ``RG 59``; ``box`` the value after ``Box``;
  ``lot`` a Department lot file (``Lot 64 D 199``) or another accession
  number of the same kind (CIA ``Job 78–06423A``, ``FRC 330 70 A 1266``);
  ``file`` a decimal file (``851G.00/1–1449``, ``100.4–OCB/12–1356`` with
  letters in its subdivision, the personnel file ``123H875/189``, also
  after the name of its series: "Paris Peace Conf. 811.001/95"), a
  subject-numeric file (``POL 15–2 GER W``, ``UN 6 CHICOM``, ``DEF 18–3
  USSR (MO)``) or a telegram film number (``D780206–0594``).
* ``collection`` — personal or presidential papers ("Nixon Presidential
  Materials", "Kissinger Papers", "Papers of Harry S. Truman").
* ``series`` — the other pieces before the box, or all of them when there
  is no box ("Central Files", "National Security Files, Countries Series,
  USSR"); ``folder`` — everything printed after "Box N, ", separators and
  all ("Korea: EC–121 Shootdown, …"), and only when there is a box: a
  folder is a place inside a box.

Older volumes ("printed for the Department") cite only a file or despatch
number ("File No. 861.00/2776", "851G.00/1–1449: Telegram", "No. 144.]").
They name no repository, so none is given (the decimal file is the
Department of State's, but the note does not say where the copy is); the
file number is kept in ``file``.

``drafted_by``/``cleared_by``/``approved_by``/``sent``/``received``/
``repeated_to`` keep the clause as printed ("Drafted by Beam and Stevens"),
also when it follows the marking after a colon ("Secret; Priority: Drafted
by Yager").
"According to another copy, Haig drafted the memorandum" and "Prepared by
X" also count as drafting.
"""

from __future__ import annotations

import re

from frus.extract._text import sentences, squeeze
from frus.extract.classification import parse_sentence
from frus.model import SourceCitation

_REPOSITORIES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.I), name)
    for p, name in (
        (r"^national archives(?: and records administration)?\b", "National Archives"),
        (r"^washington nationals? records cent(?:er|re)\b", "Washington National Records Center"),
        (r"^department of states?(?: central files)?$", "Department of State"),
        (r"^department of state\b(?! bulletin)", "Department of State"),
        (r"^(?:central intelligence agency|cia)\b", "Central Intelligence Agency"),
        (r"^library of congress\b", "Library of Congress"),
        (r"^national security council\b", "National Security Council"),
        (r"^national security agency\b", "National Security Agency"),
        (r"^defense intelligence agency\b", "Defense Intelligence Agency"),
        (r"^(?:jcs|joint chiefs of staff)\b", "Joint Chiefs of Staff"),
        (r"^national defense university\b", "National Defense University"),
        (
            r"^(?:the )?(?:[A-Z][\w.]* )*?(Hoover|Roosevelt|Truman|Eisenhower|Kennedy|Johnson|Nixon|Ford|Carter|"
            r"Reagan|Bush|Clinton) (?:presidential )?library\b",
            "",
        ),
        (r"^public papers\b", "Public Papers of the Presidents"),
        (r"^department of state bulletin\b", "Department of State Bulletin"),
    )
)

#: the first piece names a holding institution (kept as printed)
_INSTITUTION = re.compile(
    r"\b(?:Library|Archives?|Agency|Department|Center|Centre|University|Council|Society|Institute|Ministry|"
    r"Office|Museum|Records|Foundation|Command)\b"
)
#: publications a text was printed from
_PUBLICATION = re.compile(
    r"^(?:From )?(?:American Foreign Policy|Documents on|Papers of Woodrow Wilson|Foreign Affairs|Problems of Communism|"
    r"The Presidential Campaign|Congressional Record|Weekly Compilation|Treaties and Other|United States Treaties|"
    r"Strategic Arms Limitation|Trade Act|New York Times|The New York Times)",
    re.I,
)

_PUBLISHED = {"Public Papers of the Presidents", "Department of State Bulletin"}

_RG = re.compile(r"\bRG\s*(\d+[A-Z]?)\b")
_BOX = re.compile(r"^Boxe?s?\s+(.+)$")
_LOT = re.compile(r"\b(?:[Ll]ot(?:\s+[Ff]ile)?\s*\d+\s*[A-Z]\s*\d+|Job\s+[\w–-]+|FRC\s+[\d\s]+[A-Z]\s+\d+|Accession\s+[\w–-]+)")
#: a decimal file: "851G.00/1–1449", "100.4–OCB/12–1356" (a subdivision with letters), "123H875/204"
#: (a personnel file), "500.A15 a 1/43"
_DECIMAL = re.compile(
    r"(?<![\w/])(\d{3}[A-Za-z]?\d?\.[\w ]*?(?:[–-][A-Z]{1,4})?[\w)]\s?/\s?[\w–\-/]+|\d{3}(?:[A-Za-z]\d{0,4})?/\s?[\w–\-]+)"
)
#: a decimal file printed after the name of its series: "Paris Peace Conf. 811.001/95"
_SERIES_THEN_DECIMAL = re.compile(r"^(?P<series>[A-Z][^,/]*?\D)\s+(?P<file>\d{3}\S*/\S+)$")
_MARKING_AFTER = re.compile(
    r"\.\s+(?=(?:Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified|No classification)\b)"
)
_SUBJECT_NUMERIC = re.compile(
    r"^(?:POL|DEF|ORG|FN|INCO|CSM|AID|PET|SOC|CUL|PS|CON|LEG|AV|TEL|SCI|STR|FT|INT|TEX|IT|E|AE|POW|SP|ECIN|"
    r"PPB|PER|ADM|SEC|ED|REF|FSE|LAB|TRV|EDX|UN|AGR|ECON|FSD|MAR|INR|PM)\s+(?:\d[\dA-Za-z–\-./() ]*|[A-Z][\dA-Z–\-./() ]*)$"
)
_FILM = re.compile(r"^[DPN]\d{6,}[–-]\d+$")
_COLLECTION = re.compile(
    r"(?:Presidential Materials|Papers\b|papers\b|^Papers of\b|\bMaterials?$|\bCollection$|\bDiaries$)"
)
_FILE_NO = re.compile(r"\bFile No\.\s*([^\s,;\]]+)")

#: a drafting sentence: "Drafted by Eliot on June 12. Cleared by Rockwell and approved by Battle."
_DRAFTING_SENTENCE = re.compile(r"^(?:Drafted|Cleared|Approved|Prepared)\b(?!\s+by\s+hand)")
_WHO_END = r"(?=(?:[;,]?\s+(?:and\s+)?(?:cleared|approved|concurred|drafted|sent|was|were|is|forwarded|transmitted|revised|initialed|signed)\b)|\s+on\s+(?:[A-Z][a-z]+\.? \d|\d)|(?<!\b[A-Z])[.;]\s|[.;]?$)"
_CLAUSES = {
    "drafted_by": re.compile(
        r"^(?:Drafted|Prepared)(?:\s+and\s+(?:approved|cleared))?(?:\s+on\s+[^,;]+?)?\s+(?:by|in)\s+(.+?)" + _WHO_END
    ),
    "cleared_by": re.compile(r"\b[Cc]leared(?:\s+on\s+[^,;]+?)?\s+(?:by|with|in)\s+(.+?)" + _WHO_END),
    "approved_by": re.compile(r"\b(?:[Aa]pproved|[Dd]rafted and approved)(?:\s+on\s+[^,;]+?)?\s+(?:by|in)\s+(.+?)" + _WHO_END),
}
#: transmission clauses, read from any sentence of the note
_TRANSMISSION = {
    "sent": re.compile(r"(?:^|[.;]\s+)Sent\s+(.+?)(?=[.;]\s|[.;]?$)"),
    "received": re.compile(r"(?:^|[.;\[(]\s*)Received\s+(.+?)(?=[.;\])]\s|[.;\])]?$)"),
    "repeated_to": re.compile(
        r"\b[Rr]epeated\s+(?:for information\s+|for info\s+|priority\s+|immediate\s+)?to\s+(.+?)(?=[.;]\s|[.;]?$)"
    ),
}
_DRAFTING_AFTER_ITEMS = re.compile(r"(?<=[A-Za-z])[;:]\s+(?=(?:Drafted|Prepared)\s+(?:by|in)\b)")
_DRAFTED_BY_COPY = re.compile(r"(?:^|,\s*|\.\s+)([A-Z][\w.’' -]{1,40}?)\s+drafted\s+(?:the|this)\b")


def _clean(text: str) -> str:
    text = squeeze(text).strip(" ,;:")
    if re.search(r"\b[ap]\.\s?m\.?$", text):
        return text if text.endswith(".") else text + "."  # "7:58 p.m" lost its stop to the sentence
    return text.rstrip(".")


def _who(text: str) -> str:
    """A drafter/clearer list, cut at the first clause that is not a name list."""
    text = _clean(text)
    if len(text) > 80:
        text = _clean(re.split(r",\s|\s\(", text)[0])
    return text


def canonical_repository(piece: str) -> str | None:
    piece = piece.strip()
    for pattern, name in _REPOSITORIES:
        m = pattern.search(piece)
        if m:
            if not name:  # a presidential library: "Johnson Library", "The Richard Nixon Library"
                return f"{m.group(1)} Library"
            return name
    if _PUBLICATION.search(piece):
        return _clean(re.sub(r"^From\s+", "", piece))
    if _INSTITUTION.search(piece) and len(piece.split()) <= 8:
        return _clean(re.sub(r"^The\s+", "", piece))
    return None


def _pieces(citation: str) -> list[str]:
    return [p.strip() for p in re.split(r",\s+|:\s+|;\s+", citation) if p.strip()]


def split_note(text: str) -> tuple[str, list[str]]:
    """(citation sentence, the other sentences) of a source note.

    The citation is the first sentence unless that sentence is already the
    classification (an attachment's note: "Secret; Sensitive.").
    """
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]  # a withheld document: "[Source: …. 3 pages of source text not declassified.]"
    # the e-volumes put a summary of the document before its source: "Summary: … Source: …"
    body = re.sub(r"^\s*(?:Summary:.*?\s)?Source\s*:\s*", "", body, flags=re.S)
    parts = sentences(body)
    if not parts:
        return "", []
    if parse_sentence(parts[0]) is not None:
        return "", parts
    return parts[0], parts[1:]


def parse_citation(text: str, extra: str = "") -> SourceCitation:
    """Parse a source note's text; ``extra`` is other provenance text (older inline notes)."""
    full = squeeze(" ".join(t for t in (text, extra) if t))
    citation, others = split_note(squeeze(text)) if text else ("", [])
    fields: dict[str, str | None] = {}
    _parse_citation_pieces(citation, fields)
    if extra:
        _parse_old_style(extra, fields)
    if not fields.get("file"):
        m = _FILE_NO.search(full)
        if m:
            fields["file"] = m.group(1).rstrip(".")
    # "Secret; Priority: Drafted by Yager; cleared by …": a drafting clause after the marking's items
    others = [part for sentence in others for part in _DRAFTING_AFTER_ITEMS.split(sentence)]
    for sentence in others:
        if _DRAFTING_SENTENCE.match(sentence):
            for name, pattern in _CLAUSES.items():
                m = pattern.search(sentence)
                if m and not fields.get(name):
                    fields[name] = _who(m.group(1))
        for name, pattern in _TRANSMISSION.items():
            m = pattern.search(sentence)
            if m and not fields.get(name):
                fields[name] = _clean(m.group(1))
    if not fields.get("drafted_by"):
        for sentence in others:
            m = _DRAFTED_BY_COPY.search(sentence)
            if m:
                fields["drafted_by"] = _clean(re.sub(r"^(?:According to [^,]+,\s*)", "", m.group(1)))
                break
    return SourceCitation(text=full, **{k: v for k, v in fields.items() if v})


def _parse_citation_pieces(citation: str, fields: dict[str, str | None]) -> None:
    citation = citation.strip()
    if citation.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]\.$", citation):
        citation = citation[:-1]
    if not citation:
        return
    pieces = _pieces(citation)
    if not pieces:
        return
    repo = canonical_repository(pieces[0])
    rest = pieces[1:]
    if repo:
        if _PUBLICATION.search(pieces[0]) or repo in _PUBLISHED:
            # a printed source holds no archive: the publication is its collection,
            # and the rest is an issue and page numbers, not an archival arrangement
            fields["collection"] = repo
            return
        fields["repository"] = repo
        if re.match(r"(?i)department of states? central files", pieces[0]):
            rest = ["Central Files", *rest]
        elif re.match(r"(?i)library of congress manuscript division", pieces[0]):
            rest = ["Manuscript Division", *rest]
    else:
        rest = pieces
    series: list[str] = []
    folder: list[str] = []
    after_anchor = False  # past a box, file or lot
    for piece in rest:
        m = _RG.search(piece)
        if m and not fields.get("record_group") and len(piece.split()) <= 3:
            fields["record_group"] = f"RG {m.group(1)}"
            continue
        m = _BOX.match(piece)
        if m and not fields.get("box"):
            fields["box"] = m.group(1).strip()
            after_anchor = True
            continue
        m = _LOT.search(piece)
        if m and not fields.get("lot"):
            fields["lot"] = squeeze(m.group()).replace("lot", "Lot", 1) if m.group().startswith("lot") else squeeze(m.group())
            before = piece[: m.start()].strip(" ,:")
            if before and not after_anchor:
                series.append(before)
            after_anchor = True
            continue
        if not fields.get("file") and (_DECIMAL.fullmatch(piece) or _SUBJECT_NUMERIC.match(piece) or _FILM.match(piece)):
            # "POL 27 JAPAN. Confidential": a marking the editors ran on after the file
            fields["file"] = _MARKING_AFTER.split(piece, maxsplit=1)[0]
            after_anchor = True
            continue
        m = _SERIES_THEN_DECIMAL.match(piece)
        if m and not fields.get("file") and _DECIMAL.fullmatch(m.group("file")):
            series.append(m.group("series"))
            fields["file"] = m.group("file")
            after_anchor = True
            continue
        if not fields.get("collection") and not after_anchor and _COLLECTION.search(piece):
            fields["collection"] = piece
            continue
        if fields.get("box"):
            continue  # the folder: taken as printed below
        series.append(piece)
    if series:
        fields["series"] = ", ".join(series)
    if fields.get("box"):
        box, folder = _box_and_folder(citation, fields["box"])
        fields["box"] = box
        if folder:
            fields["folder"] = folder


def _box_and_folder(citation: str, box: str) -> tuple[str, str | None]:
    """The box number and everything printed after it, separators kept.

    "…, Box 490, President’s Trip Files, Dobrynin/Kissinger, 1970, Vol. 3"
    → ("490", "President’s Trip Files, Dobrynin/Kissinger, 1970, Vol. 3");
    "Box 7 (“B” Box 59, Folder 14)" → ("7", "“B” Box 59, Folder 14"); a
    box printed last ("…, Box 18") has no folder.
    """
    m = re.search(r"\bBoxe?s?\s+" + re.escape(box), citation)
    if m is None:
        return box, None
    inner = re.match(r"^(?P<box>[^(]+?)\s*\((?P<rest>.*)$", box)
    if inner:
        return inner["box"], (inner["rest"] + citation[m.end():]).strip(" ,;:.()") or None
    folder = citation[m.end():].strip().lstrip(",;:").strip().rstrip(".")
    return box, folder or None


def _parse_old_style(extra: str, fields: dict[str, str | None]) -> None:
    """Inline notes of the older volumes: file numbers, lots, "Truman Library, Truman papers"."""
    for note in re.split(r"\s*\|\s*", extra):
        note = note.strip()
        if not note:
            continue
        m = _FILE_NO.search(note)
        if m and not fields.get("file"):
            fields["file"] = m.group(1).rstrip(".")
            continue
        head = re.split(r":\s*(?:Telegram|Airgram|Despatch|Circular)", note)[0]
        m = _DECIMAL.match(head.strip())
        if m and not fields.get("file") and m.end() >= len(head.strip()) - 1:
            fields["file"] = m.group().strip()
            continue
        if note.startswith("[") or re.match(r"^\*?No\.\s*\d", note) or re.fullmatch(r"[A-Z]\.", note):
            continue  # "[Telegram]", "No. 144.]", "A." — not provenance
        if not fields.get("repository") and not fields.get("series"):
            _parse_citation_pieces(note, fields)
