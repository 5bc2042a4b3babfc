"""``frus serve`` as a user starts it: a real server process on a loopback port.

The multi-process test starts ``frus serve --workers 2`` on the bundled
sample, reads pages through HTTP, checks that two worker processes answer
behind one socket bound to 127.0.0.1, and stops it, all within a deadline.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import frus
from frus.cli import _worker_count, app
from frus.corpus import Corpus
from frus.errors import StoreError
from frus.web import render
from frus.web.app import DB_ENV, SECURITY_HEADERS, THREADS_ENV, app_from_environment

SAMPLE = Path(frus.__file__).resolve().parent / "sample"
DOC = "frus1969-76ve09p1/d5"
#: the whole test, start to stop, must fit in this (a worker imports FastAPI and opens the index)
DEADLINE_S = 90


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("serve") / "frus.db"
    with contextlib.closing(Corpus.open(db)) as corpus:
        report = corpus.ingest(sorted(SAMPLE.glob("*.xml")), workers=0)
    assert not report.failed, [f.error for f in report.failed]
    return db


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read().decode("utf-8")


@contextlib.contextmanager
def _serving(db: Path, *args: str):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "frus.cli", "--db", str(db), "serve", "--port", str(port), *args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:
            if proc.poll() is not None:
                pytest.fail(f"frus serve exited with {proc.returncode}: {proc.stderr.read()}")
            with contextlib.suppress(OSError, urllib.error.URLError):
                if _get(base + "/")[0] == 200:
                    break
            if time.monotonic() - started > DEADLINE_S / 2:
                pytest.fail("frus serve did not answer in time")
            time.sleep(0.2)
        yield proc, base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=DEADLINE_S / 3)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail("frus serve did not stop on SIGTERM")


def _workers(proc: subprocess.Popen) -> list:
    psutil = pytest.importorskip("psutil")
    children = psutil.Process(proc.pid).children()
    return [c for c in children if "spawn_main" in " ".join(c.cmdline())]


def test_two_workers_serve_pages_behind_one_loopback_socket(sample_db):
    psutil = pytest.importorskip("psutil")
    with contextlib.closing(Corpus.open(sample_db, readonly=True)) as corpus:
        doc = corpus.document(DOC)
    with _serving(sample_db, "--workers", "2") as (proc, base):
        workers = _workers(proc)
        assert len(workers) == 2
        listening = [c for c in psutil.Process(proc.pid).net_connections("inet") if c.status == psutil.CONN_LISTEN]
        assert [c.laddr.ip for c in listening] == ["127.0.0.1"]
        # more requests than workers, so both have answered some
        for _ in range(6):
            status, headers, body = _get(base + render.document_href(DOC))
            assert status == 200
            assert headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
            assert doc.title in body.replace("&#39;", "'").replace("&amp;", "&")
        status, _, body = _get(base + "/search?q=Boumediene")
        assert status == 200 and render.document_href("frus1969-76ve09p1/d1") in body
        status, headers, _ = _get(base + f"/api/v1/documents/{DOC}")
        assert status == 200 and headers["content-type"].startswith("application/json")
    assert proc.returncode is not None
    assert not any(_alive(w) for w in workers)


def _alive(process) -> bool:
    psutil = pytest.importorskip("psutil")
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_one_worker_is_the_default(sample_db):
    with _serving(sample_db) as (proc, base):
        assert _get(base + render.document_href(DOC))[0] == 200
        # a single process serves in-process: no worker children
        assert _workers(proc) == []


runner = CliRunner()


@pytest.mark.parametrize("value", ["0", "-1", "many", "2.5", "65"])
def test_bad_worker_counts_are_one_line(sample_db, value):
    result = runner.invoke(app, ["--db", str(sample_db), "serve", "--workers", value])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: --workers")


def test_workers_auto_is_one_per_usable_cpu():
    assert _worker_count("auto") == len(os.sched_getaffinity(0))
    assert _worker_count(" 3 ") == 3


def test_the_worker_app_factory_reads_the_corpus_from_the_environment(sample_db, monkeypatch):
    monkeypatch.delenv(DB_ENV, raising=False)
    with pytest.raises(StoreError, match=DB_ENV):
        app_from_environment()
    monkeypatch.setenv(DB_ENV, str(sample_db))
    with TestClient(app_from_environment()) as client:
        r = client.get(render.document_href(DOC))
    assert r.status_code == 200
    assert r.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_the_worker_app_limits_its_request_threads_as_told(sample_db, monkeypatch):
    monkeypatch.setenv(DB_ENV, str(sample_db))
    monkeypatch.setenv(THREADS_ENV, "3")
    served = app_from_environment()
    with TestClient(served) as client:
        assert client.get(render.document_href(DOC)).status_code == 200
        assert served.state.thread_limiter.total_tokens == 3


def test_bad_thread_counts_are_one_line(sample_db):
    result = runner.invoke(app, ["--db", str(sample_db), "serve", "--threads", "0"])
    assert result.exit_code == 2 and "--threads" in result.output
