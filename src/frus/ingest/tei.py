"""Read a FRUS TEI volume (or a single-document TEI export) into the model.

The file is parsed once (:mod:`frus.ingest.xmlsafe`) and walked once in
document order.  Outside documents the walk only follows structure:
container ``div``s give each document its ``path`` (compilation → chapter →
subchapter heads), page breaks tell the next document which printed page
it starts on, and the ``persons``/``terms`` sections become the volume's
lists.  Each ``div[@type='document']`` — wherever it sits, nested ones
included — is handed to :class:`~frus.ingest.tei_document.DocumentWalker`.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from frus.errors import IngestError
from frus.ingest.tei_common import DIV, HEAD, PB, TEI, XML_ID, plain_text
from frus.ingest.tei_document import DocumentWalker
from frus.ingest.tei_header import read_header, read_list
from frus.ingest.xmlsafe import parse_tei
from frus.model import Document, ListEntry, ParsedVolume, Volume

#: div types whose heads make up a document's path.
_PATH_TYPES = frozenset({"compilation", "chapter", "subchapter", "section"})
_HEADER = TEI + "teiHeader"


class _VolumeScan:
    def __init__(self, walker: DocumentWalker) -> None:
        self.walker = walker
        self.persons: tuple[ListEntry, ...] = ()
        self.terms: tuple[ListEntry, ...] = ()

    def scan(self, elem: etree._Element, path: tuple[str, ...]) -> None:
        for child in elem:
            tag = child.tag
            if tag == DIV:
                kind = child.get("type")
                if kind == "document":
                    self.walker.document(child, path)
                    continue
                xml_id = child.get(XML_ID)
                if xml_id == "persons" and not self.persons:
                    self.persons = read_list(child, TEI + "persName")
                elif xml_id == "terms" and not self.terms:
                    self.terms = read_list(child, TEI + "term")
                sub = path
                if kind in _PATH_TYPES:
                    head = child.find(HEAD)
                    text = plain_text(head) if head is not None else ""
                    if text:
                        sub = path + (text,)
                self.scan(child, sub)
            elif tag == PB:
                self.walker.page(child.get("n"))
            elif tag != _HEADER and len(child):
                self.scan(child, path)


def _read_export(root: etree._Element, walker: DocumentWalker, header) -> None:
    """A per-document export (the Office's ``import-frus-volume.xq``) has no
    document div: ``text/body`` is the document, and its id, number and
    subtype are ``bibl`` entries of the header."""
    body = root.find(f"{TEI}text/{TEI}body")
    if body is not None and len(body):
        walker.document(
            body, (), local=header.document_id, number=header.document_number, subtype=header.document_subtype
        )


def read_tei(path: str | Path) -> ParsedVolume:
    """Read one TEI file; raises :class:`~frus.errors.IngestError` for a
    file that is not a readable TEI document.

    A bare ``div`` cut out of a volume — ``aux/document-fixtures/
    frus1946v06-d475-kennan.xml``, Kennan's Long Telegram — is refused, not
    read leniently.  It is not namespace-well-formed (the ``frus:`` prefix is
    undeclared, there is no TEI namespace), so any reading would rest on
    libxml2's recovery guesses, and it has no header, so its volume id
    would have to be invented from the file name.  A document filed under a
    made-up volume id is worse than one clear line saying what is wrong.
    """
    root = parse_tei(path)
    header = read_header(root, path)
    walker = DocumentWalker(header.id)
    scan = _VolumeScan(walker)
    try:
        scan.scan(root, ())
        if not walker.results() and header.document_id:
            _read_export(root, walker, header)
    except RecursionError:
        raise IngestError(path, "elements nested too deeply to read") from None
    entries = walker.results()
    documents = []
    last = len(entries) - 1
    for position, fields in enumerate(entries):
        documents.append(
            Document(
                position=position,
                prev_id=entries[position - 1]["id"] if position > 0 else None,
                next_id=entries[position + 1]["id"] if position < last else None,
                **fields,
            )
        )
    volume = Volume(
        id=header.id,
        title=header.title,
        subseries=header.subseries,
        volume_number=header.volume_number,
        volume_title=header.volume_title,
        editors=header.editors,
        published=header.published,
        persons=scan.persons,
        terms=scan.terms,
        source_path=str(path),
        document_count=len(documents),
    )
    return ParsedVolume(volume=volume, documents=tuple(documents))


__all__ = ["read_tei"]
