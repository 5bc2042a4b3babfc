"""Bad and hostile input: one IngestError line each, never a traceback or a hang.

Files under ``tests/data/bad``: the first 24 KB of frus1969-76v12 (truncated),
a real non-TEI XML record (aux/hsg-frus-meta), the head of a real gzip
archive saved as ``.xml``, an empty file, a Windows-1252 excerpt that
claims to be UTF-8, Kennan's Long Telegram as cut out of its volume (not
namespace-well-formed), and three hostile files written for these tests:
billion laughs, XXE to ``file:///etc/passwd`` and XXE over HTTP.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from frus.errors import IngestError
from frus.ingest import read_path
from frus.ingest.xmlsafe import read_bytes


@pytest.fixture(scope="module")
def bad_dir(data_dir: Path) -> Path:
    return data_dir / "bad"


def refused(path: Path) -> IngestError:
    with pytest.raises(IngestError) as info:
        read_path(path)
    err = info.value
    message = str(err)
    assert "\n" not in message and message.startswith(str(path)), message
    assert "Traceback" not in message
    return err


@pytest.mark.parametrize(
    "name, reason, where",
    [
        ("frus1969-76v12-truncated.xml", "truncated?", (145, 122)),
        ("hsg-frus-meta-frus1861.xml", "not a TEI document: root is <volume>", (1, None)),
        ("billion-laughs.xml", "DTD declares entity 'lol'", (3, 3)),
        ("xxe-file.xml", "DTD declares external entity 'passwd' (XXE)", (3, 3)),
        ("xxe-http.xml", "DTD declares external entity 'remote' (XXE)", (3, 3)),
        ("pocom-data-tar-gz-head.xml", "binary data, not an XML file", (None, None)),
        ("empty.xml", "empty file", (None, None)),
        ("frus1864p3-cp1252-declared-utf8.xml", "Invalid bytes in character encoding", (80, 90)),
        ("frus1946v06-d475-kennan.xml", "not namespace-well-formed: Namespace prefix frus", (3, 55)),
    ],
)
def test_bad_file_is_one_clear_line(bad_dir, name, reason, where):
    err = refused(bad_dir / name)
    assert reason in err.reason
    assert (err.line, err.column) == where
    if err.line:
        assert f"{name}:{err.line}" in str(err)


def test_kennan_fragment_is_refused_not_guessed(bad_dir):
    """A bare div with an undeclared prefix: no volume header, so no honest
    volume id; reading it leniently would file it under a made-up one."""
    err = refused(bad_dir / "frus1946v06-d475-kennan.xml")
    assert "frus" in err.reason and "not defined" in err.reason


def test_unsafe_files_are_refused_in_a_child_process_without_leaking(bad_dir):
    """XXE and billion laughs, read where a hang or a leak would show: the
    child must finish in seconds and print nothing of /etc/passwd."""
    code = (
        "import sys\n"
        "from frus.errors import IngestError\n"
        "from frus.ingest import read_path\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        parsed = read_path(name)\n"
        "        print('READ', name, [d.body_text() for d in parsed.documents])\n"
        "    except IngestError as err:\n"
        "        print(err)\n"
    )
    names = [str(bad_dir / n) for n in ("xxe-file.xml", "xxe-http.xml", "billion-laughs.xml")]
    done = subprocess.run(
        [sys.executable, "-c", code, *names], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert len(lines) == 3 and not any(line.startswith("READ") for line in lines)
    assert "root:" not in done.stdout and "/bin/" not in done.stdout
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text(errors="replace").splitlines()[0]
        assert first not in done.stdout


def test_corrupt_gzip(tmp_path, data_dir):
    good = (data_dir / "tei" / "frus1969-76v12-excerpt.xml").read_bytes()
    path = tmp_path / "frus1969-76v12.xml.gz"
    path.write_bytes(gzip.compress(good)[:5000])
    err = refused(path)
    assert "gzip" in err.reason or "truncated" in err.reason


def test_not_gzip_at_all(tmp_path, data_dir):
    path = tmp_path / "frus1969-76v12.xml.gz"
    path.write_bytes((data_dir / "tei" / "frus1969-76v12-excerpt.xml").read_bytes())
    assert "not a readable gzip file" in refused(path).reason


def test_gzip_bomb_is_cut_off(tmp_path):
    path = tmp_path / "bomb.xml.gz"
    path.write_bytes(gzip.compress(b"<TEI>" + b" " * (4 * 1024 * 1024) + b"</TEI>"))
    with pytest.raises(IngestError, match="larger than 1 MiB"):
        read_bytes(path, limit=1024 * 1024)


def test_too_large_plain_file(tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes(b"<TEI>" + b" " * (2 * 1024 * 1024) + b"</TEI>")
    with pytest.raises(IngestError, match="larger than 1 MiB"):
        read_bytes(path, limit=1024 * 1024)


def test_nesting_beyond_the_parser_limit(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_bytes(b'<TEI xmlns="http://www.tei-c.org/ns/1.0">' + b"<p>" * 5000 + b"</p>" * 5000 + b"</TEI>")
    assert "Excessive depth" in refused(path).reason


def test_tei_without_namespace_says_so(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_bytes(b"<TEI><text><body/></text></TEI>")
    assert refused(path).reason == "not a TEI document: root is <TEI> (no TEI namespace)"


def test_missing_file_and_folder(tmp_path):
    assert refused(tmp_path / "nowhere.xml").reason == "no such file"
    folder = tmp_path / "folder.xml"
    folder.mkdir()
    assert refused(folder).reason == "is a folder, not a file"


def test_doctype_without_entities_is_not_fetched(tmp_path):
    """An external DTD is never loaded, so a DOCTYPE alone is harmless."""
    path = tmp_path / "doctype.xml"
    path.write_bytes(
        b'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://203.0.113.7/tei.dtd">\n'
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        b'<div type="document" xml:id="d1" n="1"><head>1. Fine</head><p>Read.</p></div>'
        b"</body></text></TEI>"
    )
    assert read_path(path).documents[0].body_text() == "Read."


def test_utf16_cannot_hide_a_doctype(tmp_path):
    text = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>&x;</p></body></text></TEI>'
    )
    path = tmp_path / "wide.xml"
    path.write_bytes(text.encode("utf-16"))
    err = refused(path)
    assert "XXE" in err.reason and err.line == 2


def test_external_dtd_is_never_opened(tmp_path):
    """collect_ids=False makes libxml2 load an external subset despite
    load_dtd=False; the reader's resolver must answer it with nothing."""
    dtd = tmp_path / "local.dtd"
    dtd.write_text('<!ENTITY secret "TOPSECRET">', encoding="utf-8")
    path = tmp_path / "local-dtd.xml"
    path.write_bytes(
        f'<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "{dtd.as_uri()}">\n'.encode()
        + b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
        b'<div type="document" xml:id="d1" n="1"><head>1. X</head><p>&secret;</p></div>'
        b"</body></text></TEI>"
    )
    try:
        parsed = read_path(path)
    except IngestError as err:
        assert "TOPSECRET" not in str(err)
    else:
        assert "TOPSECRET" not in parsed.documents[0].body_text()
