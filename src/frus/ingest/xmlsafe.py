"""Parse untrusted XML files without letting them reach outside themselves.

Volumes come from anywhere a historian downloads them, so the parser is set
up as for hostile input: no network, no DTD loading, no entity expansion,
libxml2's default limits on depth and text-node size (``huge_tree=False``),
and a cap on the bytes read (also after gunzip, against gzip bombs).

A DTD internal subset that declares entities is refused *before* libxml2
sees the file.  The corpus never declares entities; files that do are either
attacks (billion laughs, XXE reaching ``file:///etc/passwd`` or a URL) or
something that is not a FRUS volume, and refusing them up front means the
answer does not depend on which libxml2 protections a given build has.

``collect_ids=False`` because real volumes repeat ``xml:id`` values
(frus1948v01p1 has ``d173fn4`` twice): the reader never looks ids up
through libxml2, so a duplicate must not cost the whole volume.  That
option makes libxml2 load a DOCTYPE's external subset despite
``load_dtd=False``, so a resolver answers every external load with an
empty document: no file is opened and no URL fetched, whatever the DOCTYPE
names.

Every failure is an :class:`~frus.errors.IngestError` naming the file and,
where libxml2 knows it, the line and column.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from pathlib import Path

from lxml import etree

from frus.errors import IngestError

TEI_NS = "http://www.tei-c.org/ns/1.0"

#: Far above the largest FRUS volume (the current frus1969-76v14 is ~30 MB);
#: a bound on memory, not a judgement on what a volume may be.
MAX_BYTES = 256 * 1024 * 1024

_LXML_WHERE = re.compile(r",? line \d+, column \d+\s*$")


class _NothingExternal(etree.Resolver):
    """Answers every request for an external resource with nothing.

    ``load_dtd=False`` is not enough: with ``collect_ids=False`` lxml 6 /
    libxml2 2.14 still load a DOCTYPE's external subset, so
    ``<!DOCTYPE TEI SYSTEM "file:///some/fifo">`` would open a local file
    (and could block on it).  A resolver sees every such load first.
    """

    def resolve(self, url, pubid, context):
        return self.resolve_string("", context)


def _parser() -> etree.XMLParser:
    # A new parser per file: lxml parsers keep state (error log, last
    # document) and are not meant to be shared across threads.
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        remove_comments=True,
        remove_pis=True,
    )
    parser.resolvers.add(_NothingExternal())
    return parser


def read_bytes(path: str | Path, *, limit: int = MAX_BYTES) -> bytes:
    """The file's bytes, gunzipped for ``.gz``, never more than ``limit``."""
    path = Path(path)
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                chunks, size = [], 0
                while size <= limit:
                    chunk = fh.read(1 << 20)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                data = b"".join(chunks)
        else:
            with open(path, "rb") as fh:
                # ask the size first: read(limit + 1) would allocate the limit
                if os.fstat(fh.fileno()).st_size > limit:
                    raise IngestError(path, f"file is larger than {limit // (1024 * 1024)} MiB; refusing to read it")
                data = fh.read()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise IngestError(path, f"not a readable gzip file ({exc})") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise IngestError(path, f"file is larger than {limit // (1024 * 1024)} MiB; refusing to read it")
    return data


def _scan_text(data: bytes) -> str:
    """The leading bytes decoded well enough to find markup keywords.

    Latin-1 keeps byte offsets for every ASCII-compatible encoding; UTF-16/32
    (recognised by their byte order marks) are decoded properly so a DOCTYPE
    cannot hide behind a wide encoding.
    """
    head = data[: 1024 * 1024]
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    return head.decode("latin-1")


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_prolog(data: bytes, path: str | Path) -> None:
    """Refuse a DTD internal subset that declares entities.

    Walks the prolog (XML declaration, comments, processing instructions,
    DOCTYPE) up to the root element's start tag; markup after that cannot
    declare entities.
    """
    text = _scan_text(data)
    i, n = 0, len(text)
    while i < n:
        j = text.find("<", i)
        if j < 0:
            return
        if text.startswith("<?", j):
            end = text.find("?>", j + 2)
            i = n if end < 0 else end + 2
        elif text.startswith("<!--", j):
            end = text.find("-->", j + 4)
            i = n if end < 0 else end + 3
        elif text.startswith("<!DOCTYPE", j):
            _check_doctype(text, j, path)
            return
        else:
            return  # the root element: the prolog is over


def _check_doctype(text: str, start: int, path: str | Path) -> None:
    i, n = start + len("<!DOCTYPE"), len(text)
    quote = None
    while i < n:  # find the internal subset's '[' (quoted system ids may hold anything)
        c = text[i]
        if quote:
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "[":
            break
        elif c == ">":
            return  # no internal subset; an external DTD is never loaded
        i += 1
    m = re.compile(r"<!ENTITY\s+(%\s+)?([^\s>]+)([^>]*)").search(text, i)
    if m is None:
        return
    line, col = _line_col(text, m.start())
    if re.search(r"\b(SYSTEM|PUBLIC)\b", m.group(3)):
        why = f"DTD declares external entity '{m.group(2)}' (XXE); external entities are never resolved"
    else:
        why = f"DTD declares entity '{m.group(2)}'; entity declarations are refused (entity-expansion attack)"
    raise IngestError(path, why, line, col)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return False  # UTF-16/32 text has NULs by design
    return b"\x00" in head


def parse_bytes(data: bytes, path: str | Path) -> etree._Element:
    """Parse ``data`` (the content of ``path``) and return the root element."""
    if not data.strip():
        raise IngestError(path, "empty file")
    if _looks_binary(data):
        raise IngestError(path, "binary data, not an XML file")
    check_prolog(data, path)
    try:
        root = etree.fromstring(data, _parser(), base_url=str(path))
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        reason = _LXML_WHERE.sub("", exc.msg or "malformed XML")
        if "Namespace prefix" in reason:
            reason = f"not namespace-well-formed: {reason}"
        elif "Invalid bytes" in reason or "not proper UTF-8" in reason:
            reason += " (the bytes do not match the encoding the XML declaration names, UTF-8 if none)"
        elif line and line >= data.count(b"\n") + 1 and len(data) > 64:
            reason += " (the file ends early: truncated?)"
        raise IngestError(path, f"XML error: {reason}", line or None, col or None) from None
    except ValueError as exc:  # lxml refuses e.g. unicode strings with declarations
        raise IngestError(path, f"XML error: {exc}") from None
    if root is None:
        raise IngestError(path, "no XML document found")
    return root


def parse_tei(path: str | Path) -> etree._Element:
    """Read, check and parse a TEI file; the root must be a TEI ``<TEI>``."""
    root = parse_bytes(read_bytes(path), path)
    if root.tag != f"{{{TEI_NS}}}TEI":
        qname = etree.QName(root)
        shown = qname.localname if qname.namespace is None else f"{{{qname.namespace}}}{qname.localname}"
        hint = " (no TEI namespace)" if qname.localname == "TEI" else ""
        raise IngestError(path, f"not a TEI document: root is <{shown}>{hint}", root.sourceline)
    return root


__all__ = ["MAX_BYTES", "TEI_NS", "check_prolog", "parse_bytes", "parse_tei", "read_bytes"]
