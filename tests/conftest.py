"""Fixture builders: every test file is made in memory at test time, so tests never depend on
sample files that are still being written, and each case states exactly what it contains."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from PIL import Image

from triage.evaluate import DEFAULT_CORPUS as CORPUS  # ../shared/corpus, locally and in CI

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
