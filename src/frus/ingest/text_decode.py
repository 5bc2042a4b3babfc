"""Turn the bytes of a text copy into text, or say why they are not text.

People save history.state.gov pages with whatever their editor likes:
UTF-8 (with or without a BOM), UTF-16 from Windows Notepad, or
Windows-1252.  The order of attempts matters: UTF-8 is strict enough that
a Windows-1252 file almost never passes for it, while Windows-1252 decodes
nearly any byte string, so it is only a fallback.  Binary files are caught
before and after decoding by their control characters, which no copied
web page contains.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from frus.errors import IngestError

#: C0 controls other than tab, newline, vertical tab, form feed and carriage
#: return, DEL, and the C1 block: a decoded copy never contains them.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    #: the codec that read the bytes: ``utf-8``, ``utf-8-sig``,
    #: ``utf-16`` or ``cp1252``.
    encoding: str


def decode_copy(data: bytes, path: str | Path) -> DecodedText:
    """Decode ``data`` (the whole file) or raise a one-line ``IngestError``."""
    if not data.strip():
        raise IngestError(str(path), "empty file: no text to read")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_decode(data, "utf-16", path), "utf-16", path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(
            str(path),
            f"binary file, not a text copy (NUL byte at offset {nul})",
            _line_of(data, nul),
        )
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_decode(data, "utf-8-sig", path), "utf-8-sig", path)
    try:
        return _checked(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            offset = utf8_error.start
            raise IngestError(
                str(path),
                f"undecodable text: byte 0x{data[offset]:02x} at offset {offset} "
                "is neither UTF-8 nor Windows-1252",
                _line_of(data, offset),
            ) from None
        return _checked(text, "cp1252", path)


def _decode(data: bytes, codec: str, path: str | Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        raise IngestError(
            str(path),
            f"undecodable text: {codec} decoding failed at offset {err.start}",
            _line_of(data, err.start),
        ) from None


def _checked(text: str, encoding: str, path: str | Path) -> DecodedText:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise IngestError(str(path), "empty file: no text to read")
    bad = _CONTROL.search(text)
    if bad:
        raise IngestError(
            str(path),
            f"binary file, not a text copy (control character U+{ord(bad.group()):04X})",
            text.count("\n", 0, bad.start()) + 1,
        )
    return DecodedText(text, encoding)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
