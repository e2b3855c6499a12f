"""Fixture builders: every test file is made in memory at test time, so tests never depend on
sample files that are still being written, and each case states exactly what it contains."""

from __future__ import annotations

import glob
import io
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from PIL import Image

from triage.evaluate import DEFAULT_CORPUS as CORPUS  # ../shared/corpus, locally and in CI

# A DOCX is scored on the notional page in every test, whether or not LibreOffice is installed
# here, so no expected value moves between machines (and no test waits a second or two for a
# conversion). Tests of the real page ask for it with ReaderLimits(docx_pages="libreoffice"),
# which wins over this; subprocesses (CLI, the app's server) inherit it.
os.environ.setdefault("SKIM_DOCX_PAGES", "approximate")

PdfDraw = Callable[[FPDF], None]


def make_pdf(*pages: PdfDraw, encrypt_user_password: str | None = None) -> bytes:
    """A Letter PDF in points (top-left origin, like `Document`), one callable per page."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"  # so core fonts can set en dashes and bullets
    if encrypt_user_password is not None:
        pdf.set_encryption(owner_password="owner-pass", user_password=encrypt_user_password)
    for draw in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.set_text_color(0, 0, 0)
        draw(pdf)
    return bytes(pdf.output())


def text_page(lines: Iterable[str], x: float = 72, top: float = 72, size: float = 11) -> PdfDraw:
    """A page of plain left-aligned lines."""

    def draw(pdf: FPDF) -> None:
        pdf.set_font("Helvetica", size=size)
        for index, line in enumerate(lines):
            pdf.text(x, top + index * size * 1.5, line)

    return draw


def png_bytes(size: tuple[int, int] = (40, 40), color: tuple[int, int, int] = (200, 40, 40)
              ) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "corpus: needs the shared real-resume corpus at ../shared/corpus (read only)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that use the shared corpus are marked `corpus`; without the corpus they are skipped
    with a reason that says so (a fresh clone has no ../shared)."""
    present = CORPUS.is_dir() and any(CORPUS.glob("*.pdf"))
    for item in items:
        if "corpus_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)
            if not present:
                item.add_marker(pytest.mark.skip(
                    reason=f"shared corpus not found at {CORPUS} (a fresh clone has no ../shared)"))


@pytest.fixture
def corpus_dir() -> Path:
    """The shared real-resume corpus, read only: tests never write into it."""
    return CORPUS


# ---------------------------------------------------------------- a real PostgreSQL
# For the store's tests: pytest-postgresql's executor starts Debian's server binaries (.ci/run
# installs them). PostgreSQL refuses to run as root: as root, pg_ctl runs as the 'postgres' user
# in a folder that user owns.

DATABASE = "skim_test"
SERVER_USER = "postgres"


def _pg_ctl() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return found[-1] if found else shutil.which("pg_ctl")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a throwaway server on loopback; yield a SQLAlchemy URL to an empty database."""
    pg_ctl = _pg_ctl()
    if pg_ctl is None:
        pytest.skip("PostgreSQL's server binaries are not installed (.ci/run installs "
                    "Debian's postgresql)")
    import psycopg
    from pytest_postgresql.executors.proc import PostgreSQLExecutor

    base = Path(tempfile.mkdtemp(prefix="skim-pg-"))
    executable = pg_ctl
    if os.geteuid() == 0:
        shutil.chown(base, SERVER_USER)
        wrapper = base / "pg_ctl"
        wrapper.write_text(f'#!/bin/sh\nexec runuser -u {SERVER_USER} -- "{pg_ctl}" "$@"\n')
        wrapper.chmod(0o755)
        executable = str(wrapper)
    port = _free_port()
    server = PostgreSQLExecutor(executable=executable, host="127.0.0.1", port=port,
                                datadir=str(base / "data"), unixsocketdir=str(base),
                                logfile=str(base / "server.log"), startparams="-w",
                                dbname=DATABASE, user=SERVER_USER)
    try:
        with server:
            server.wait_for_postgres()
            with psycopg.connect(host="127.0.0.1", port=port, user=SERVER_USER,
                                 dbname="postgres", autocommit=True) as connection:
                connection.execute(f"CREATE DATABASE {DATABASE}")
            yield f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{port}/{DATABASE}"
    finally:
        shutil.rmtree(base, ignore_errors=True)
