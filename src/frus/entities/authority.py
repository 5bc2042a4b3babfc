"""The Office of the Historian's cross-volume people data, read offline.

Two optional inputs, both read straight from their ``.tar.gz`` files
(nothing is unpacked) under an aux folder (``$FRUS_CORPUS/aux`` by
default):

* ``hsa-people/people-data.tar.gz`` — one record per person, listing each
  FRUS persons-list entry it was compiled from as a source URL
  (``…/historicaldocuments/frus1969-76v12/persons#p_KHA1``).  That URL is
  the strongest evidence two volume-local ids are one person, so the
  register merges on it first.  The records also give birth and death
  years, name variants, and per-volume identifications (remarks), from
  which :meth:`Authority.volume_entries` rebuilds the persons list of a
  volume we do not hold (the seed memo's frus1969-76v13, say).
* ``pocom/pocom-data.tar.gz`` — principal officers of the Department and
  chiefs of mission with their dates of office; joined to hsa-people
  through the ``departmenthistory/people/<id>`` source URL.

Both are optional: :func:`load_authority` returns None when neither file
is there, and the register then merges on names alone with lower
confidence.
"""

from __future__ import annotations

import os
import re
import tarfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from frus.entities.names import fold
from frus.entities.offices import Office
from frus.errors import IngestError
from frus.model import ListEntry

PEOPLE_FILE = Path("hsa-people") / "people-data.tar.gz"
POCOM_FILE = Path("pocom") / "pocom-data.tar.gz"

_FRUS_URL = re.compile(r"historicaldocuments/([^/#\s]+)/persons#(\S+)")
_POCOM_URL = re.compile(r"departmenthistory/people/([a-z0-9-]+)")


@dataclass(frozen=True, slots=True)
class FrusSource:
    """One persons-list entry an authority record was compiled from."""

    volume_id: str
    local_id: str
    name: str
    identification: str = ""


@dataclass(frozen=True, slots=True)
class AuthorityRecord:
    id: str
    preferred: str
    names: tuple[str, ...]
    birth_year: int | None = None
    death_year: int | None = None
    pocom_id: str | None = None
    sources: tuple[FrusSource, ...] = ()


@dataclass(frozen=True, slots=True)
class PocomPerson:
    id: str
    name: str
    birth_year: int | None = None
    death_year: int | None = None
    offices: tuple[Office, ...] = ()


@dataclass
class Authority:
    records: dict[str, AuthorityRecord] = field(default_factory=dict)
    pocom: dict[str, PocomPerson] = field(default_factory=dict)
    #: (volume_id, local_id) → authority record id
    by_source: dict[tuple[str, str], str] = field(default_factory=dict)
    #: folded "surname, given" → record ids, for volumes the records do not cite
    by_name: dict[str, tuple[str, ...]] = field(default_factory=dict)
    paths: tuple[str, ...] = ()

    def record_for(self, volume_id: str, local_id: str) -> AuthorityRecord | None:
        rid = self.by_source.get((volume_id, local_id))
        return self.records.get(rid) if rid else None

    def offices(self, record: AuthorityRecord) -> tuple[Office, ...]:
        person = self.pocom.get(record.pocom_id or "")
        return person.offices if person else ()

    def volume_ids(self) -> set[str]:
        return {v for v, _ in self.by_source}

    def volume_entries(self, volume_id: str) -> tuple[ListEntry, ...]:
        """The persons list of ``volume_id`` as the authority records cite it:
        the name printed there and that volume's identification."""
        entries = []
        for (vol, local), rid in self.by_source.items():
            if vol != volume_id:
                continue
            record = self.records[rid]
            source = next(
                (s for s in record.sources if s.volume_id == vol and s.local_id == local), None
            )
            name = source.name if source else record.preferred
            entries.append(ListEntry(local, name, source.identification if source else ""))
        return tuple(sorted(entries, key=lambda e: e.id))


def default_aux_dir() -> Path:
    root = os.environ.get("FRUS_CORPUS")
    if root:
        return Path(root) / "aux"
    return Path(__file__).resolve().parents[3].parent / "shared" / "corpus" / "aux"


def load_authority(aux_dir: str | Path | None = None) -> Authority | None:
    """Read hsa-people and pocom from ``aux_dir``; None when neither is there.

    Results are cached per file (path, size, mtime): building several
    registers in one process reads the archives once.
    """
    aux = Path(aux_dir) if aux_dir is not None else default_aux_dir()
    people = aux / PEOPLE_FILE
    pocom = aux / POCOM_FILE
    if not people.is_file() and not pocom.is_file():
        return None
    return _load(_stamp(people), _stamp(pocom))


def _stamp(path: Path) -> tuple[str, int, float] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_size, st.st_mtime)


@lru_cache(maxsize=4)
def _load(people, pocom) -> Authority:
    authority = Authority()
    if pocom:
        authority.pocom = _read_pocom(Path(pocom[0]))
    if people:
        _read_people(Path(people[0]), authority)
    authority.paths = tuple(p[0] for p in (people, pocom) if p)
    return authority


def _open_tar(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError, EOFError) as err:
        raise IngestError(path, f"cannot read the archive: {err}") from None


def _iter_xml(path: Path, prefix: str = ""):
    """(member name, parsed root) for each XML file in the archive."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with _open_tar(path) as tar:
        try:
            for member in tar:
                if not member.isfile() or not member.name.endswith(".xml"):
                    continue
                if prefix and not member.name.startswith(prefix):
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                data = handle.read()
                try:
                    yield member.name, etree.fromstring(data, parser)
                except etree.XMLSyntaxError as err:
                    raise IngestError(f"{path}!{member.name}", f"not well-formed XML: {err}") from None
        except (tarfile.TarError, OSError, EOFError, ValueError) as err:
            raise IngestError(path, f"damaged archive: {err}") from None


def _year(text: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", text or "")
    return int(m.group(1)) if m else None


def _read_people(path: Path, authority: Authority) -> None:
    by_name: dict[str, set[str]] = {}
    for _, root in _iter_xml(path):
        rid = (root.findtext("id") or "").strip()
        if not rid:
            continue
        preferred = " ".join((root.findtext("names/preferred/name") or "").split())
        names: list[str] = [preferred] if preferred else []
        for el in root.iterfind("names/alternates/name"):
            if el.text and el.text.strip() not in names:
                names.append(" ".join(el.text.split()))
        sources: dict[tuple[str, str], FrusSource] = {}
        pocom_id = None
        for original in root.iterfind("names/originals/original"):
            name = " ".join((original.findtext("name") or "").split())
            if name and name not in names:
                names.append(name)
            for url in original.iterfind("source-url"):
                m = _FRUS_URL.search(url.text or "")
                if m:
                    sources.setdefault((m.group(1), m.group(2)), FrusSource(m.group(1), m.group(2), name))
                pm = _POCOM_URL.search(url.text or "")
                if pm:
                    pocom_id = pocom_id or pm.group(1)
        for remark in root.iterfind("remarks/remark"):
            text = " ".join("".join(remark.findtext("p") or "").split())
            for url in remark.iterfind("source-url"):
                m = _FRUS_URL.search(url.text or "")
                if m and (m.group(1), m.group(2)) in sources:
                    key = (m.group(1), m.group(2))
                    old = sources[key]
                    if not old.identification:
                        sources[key] = FrusSource(old.volume_id, old.local_id, old.name, text)
                pm = _POCOM_URL.search(url.text or "")
                if pm:
                    pocom_id = pocom_id or pm.group(1)
        record = AuthorityRecord(
            id=rid,
            preferred=preferred or (names[0] if names else rid),
            names=tuple(names),
            birth_year=_year(root.findtext("birth-year")),
            death_year=_year(root.findtext("death-year")),
            pocom_id=pocom_id,
            sources=tuple(sorted(sources.values(), key=lambda s: (s.volume_id, s.local_id))),
        )
        authority.records[rid] = record
        for key in sources:
            # The data promises one record per source URL; if two claim
            # one, the lower id wins so the result does not depend on the
            # archive's member order.
            old = authority.by_source.get(key)
            if old is None or int(rid) < int(old):
                authority.by_source[key] = rid
        for name in names:
            if "," in name:
                by_name.setdefault(fold(name), set()).add(rid)
    authority.by_name = {k: tuple(sorted(v, key=int)) for k, v in by_name.items()}


def _territory(slug: str) -> str:
    return " ".join(w.capitalize() if w not in ("and", "of", "the") else w for w in slug.split("-"))


def _date(el, *paths: str) -> str | None:
    for p in paths:
        text = (el.findtext(p) or "").strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return text
        if re.fullmatch(r"\d{4}", text):
            return f"{text}-01-01"
    return None


def _read_pocom(path: Path) -> dict[str, PocomPerson]:
    people: dict[str, dict] = {}
    roles: dict[str, str] = {}
    offices: dict[str, list[Office]] = {}
    members = list(_iter_xml(path))
    for name, root in members:
        top = name.split("/", 1)[0]
        if top == "people":
            pid = (root.findtext("id") or "").strip()
            surname = (root.findtext("persName/surname") or "").strip()
            forename = (root.findtext("persName/forename") or "").strip()
            people[pid] = {
                "name": f"{surname}, {forename}".strip(", "),
                "birth": _year(root.findtext("birth")),
                "death": _year(root.findtext("death")),
            }
        elif top == "roles-country-chiefs":
            roles[(root.findtext("id") or "").strip()] = (root.findtext("names/singular") or "").strip()
    for name, root in members:
        top = name.split("/", 1)[0]
        if top == "positions-principals":
            title = " ".join((root.findtext("names/singular") or "").split())
            for p in root.iterfind("principals/principal"):
                _add_office(offices, p, title)
        elif top == "missions-countries":
            territory = _territory((root.findtext("territory-id") or "").strip())
            for chief in root.iterfind("chiefs/chief"):
                role = roles.get((chief.findtext("role-title-id") or "").strip(), "Chief of Mission")
                _add_office(offices, chief, _mission_title(role, territory))
        elif top == "missions-orgs":
            title = " ".join((root.findtext("names/singular") or "").split())
            for chief in root.iterfind("chiefs/chief"):
                _add_office(offices, chief, title)
    result = {}
    for pid, info in people.items():
        result[pid] = PocomPerson(
            id=pid,
            name=info["name"],
            birth_year=info["birth"],
            death_year=info["death"],
            offices=tuple(sorted(offices.get(pid, ()), key=lambda o: (o.start or "", o.title))),
        )
    return result


def _mission_title(role: str, territory: str) -> str:
    """Word a chief of mission's post the way the persons lists do:
    "Ambassador to France", "Minister to Hungary"."""
    if role.startswith("Ambassador"):
        return f"Ambassador to {territory}"
    if role.startswith("Envoy Extraordinary") or role.startswith("Minister"):
        return f"Minister to {territory}"
    return f"{role} ({territory})"


def _add_office(offices: dict[str, list[Office]], el, title: str) -> None:
    pid = (el.findtext("person-id") or "").strip()
    if not pid or not title:
        return
    start = _date(el, "started/date", "appointed/date")
    end = _date(el, "ended/date")
    offices.setdefault(pid, []).append(Office(title=title, start=start, end=end, source="pocom"))


__all__ = [
    "Authority",
    "AuthorityRecord",
    "FrusSource",
    "PocomPerson",
    "default_aux_dir",
    "load_authority",
]
