"""The PDF reader groups glyphs into lines itself (for speed), by pdfminer.six's own rules: the
lines, their words, their boxes and their order must be the ones pdfminer's layout pass finds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import make_pdf
from fpdf import FPDF
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTContainer, LTTextLine
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from triage.readers import read_document
from triage.readers.pdf_glyphs import GlyphDevice, text_lines

SAMPLES = sorted((Path(__file__).parents[1] / "sample_resumes").glob("*.pdf"))
Line = tuple[str, tuple[float, float, float, float]]


def _pdfminer_lines(data: bytes, all_texts: bool = False) -> list[list[Line]]:
    """Per page, pdfminer's text lines in its order: words, and the box of their glyphs."""
    pages = []
    params = LAParams(boxes_flow=None, all_texts=all_texts)
    for layout in extract_pages(io.BytesIO(data), laparams=params):
        found: list[Line] = []
        stack = [layout]
        while stack:  # depth first, in document order, as the reader walked it
            item = stack.pop(0)
            if isinstance(item, LTTextLine):
                chars = [c for c in item if isinstance(c, LTChar)]
                box = (min(c.x0 for c in chars), min(c.y0 for c in chars),
                       max(c.x1 for c in chars), max(c.y1 for c in chars))
                found.append((" ".join(item.get_text().split()), box))
            elif isinstance(item, LTContainer):
                stack[:0] = list(item)
        pages.append(found)
    return pages


def _our_lines(data: bytes) -> list[list[Line]]:
    manager = PDFResourceManager(caching=True)
    device = GlyphDevice(manager)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
        layout = device.get_result()
        pages.append([
            (" ".join("".join(g.text for g in glyphs).split()),
             (min(g.x0 for g in glyphs), min(g.y0 for g in glyphs),
              max(g.x1 for g in glyphs), max(g.y1 for g in glyphs)))
            for glyphs in text_lines(device.glyphs, layout.bbox)])
    return pages


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_lines_are_pdfminers_on_the_samples(path: Path) -> None:
    data = path.read_bytes()
    assert _our_lines(data) == _pdfminer_lines(data)


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCDEF0123456789-.,", min_size=1,
                 max_size=24).filter(lambda t: t.strip())
_CELL = st.tuples(st.floats(0, 560), st.floats(10, 780), st.sampled_from([6, 9, 10, 11, 14, 20]),
                  _WORDS, st.floats(0, 6), st.sampled_from([0, 0, 0, 90, 30, 180]))


def _scatter(cells: list[tuple[float, float, float, str, float, float]]) -> bytes:
    """Text dropped anywhere on a page: overlapping, touching, in columns, letter-spaced,
    turned."""
    def draw(pdf: FPDF) -> None:
        for x, y, size, text, spacing, angle in cells:
            pdf.set_font("Helvetica", size=size)
            pdf.set_char_spacing(spacing)
            with pdf.rotation(angle, x, y):
                pdf.text(x, y, text)
    return make_pdf(draw)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_CELL, min_size=1, max_size=40))
# Text over text: lines tied on the same top keep pdfminer's order (by where its grid meets them)
@example([(0.0, 10.0, 6, "0", 0.0, 0)] * 3 + [(0.0, 10.0, 6, "0000", 0.0, 0)]
         + [(0.0, 10.0, 6, "0", 0.0, 0)])
def test_lines_are_pdfminers_wherever_text_falls(cells) -> None:
    data = _scatter(cells)
    assert _our_lines(data) == _pdfminer_lines(data)


def _raw_pdf(page_text: bytes, form_text: bytes = b"") -> bytes:
    """A one-page PDF drawing `page_text` in Helvetica (as /F1; /F2 is an icon font), and
    `form_text` in a form XObject (/Fm1) the page may draw: operators fpdf2 does not write."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 7 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page_text), page_text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font "
        b"<< /F1 5 0 R >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form_text), form_text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /FontAwesome /FirstChar 65 /LastChar 65 "
        b"/Widths [900] /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /FontAwesome /Flags 4 /FontBBox [0 -200 1000 800] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_text_inside_a_form_xobject_is_read_as_the_pages_own() -> None:
    """pdfminer's default pass skips it; asked to read it (`all_texts`) it finds these lines."""
    data = _raw_pdf(b"BT /F1 12 Tf 72 720 Td (On the page) Tj ET /Fm1 Do",
                    b"BT /F1 12 Tf 72 600 Td (Inside a form) Tj ET")
    assert [text for text, _ in _our_lines(data)[0]] == ["On the page", "Inside a form"]
    assert _our_lines(data) == _pdfminer_lines(data, all_texts=True)


def test_a_resume_drawn_wholly_inside_a_form_xobject_is_read() -> None:
    data = _raw_pdf(b"/Fm1 Do", b"BT /F1 12 Tf 72 700 Td (Jordan Lee) Tj 0 -20 Td "
                    b"(Data Engineer at Northwind, 2019 - 2024) Tj ET")
    doc = read_document(data, "cv.pdf")
    assert [line.text for line in doc.lines] == ["Jordan Lee",
                                                "Data Engineer at Northwind, 2019 - 2024"]


@pytest.mark.parametrize("text", [
    b"BT /F1 11 Tf 72 700 Td [(Kerned) -120 (pair) 900 (and a gap) -3000 (far)] TJ ET",
    b"BT /F1 11 Tf 6 Tw 1.5 Tc 80 Tz 72 700 Td (word and char spacing, squeezed) Tj ET",
    b"BT /F1 11 Tf 3 Ts 72 700 Td (raised) Tj -2 Ts 0 -40 Td (lowered) Tj ET",
    b"BT /F1 11 Tf -1 0 0 -1 300 700 Tm (mirrored and upside down) Tj ET",
    b"BT /F1 11 Tf 3 Tr 72 700 Td (no ink) Tj ET",
], ids=["kerning", "spacing", "rise", "mirrored", "invisible"])
def test_text_operators_place_glyphs_as_pdfminer_does(text: bytes) -> None:
    data = _raw_pdf(text)
    assert _our_lines(data) == _pdfminer_lines(data)


def test_an_icon_ends_the_span_before_it() -> None:
    """'Call [phone icon] 555 1234': the icon is no text, and what follows it is a new field."""
    data = _raw_pdf(b"BT /F1 11 Tf 72 700 Td (Call) Tj /F2 11 Tf (A) Tj /F1 11 Tf (555 1234) Tj ET")
    [line] = read_document(data, "cv.pdf").lines
    assert [span.text for span in line.spans] == ["Call", "555 1234"]


DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs DejaVu Sans (Debian's fonts-dejavu-core, "
                    "which chromium installs) for a font with ligature glyphs")
def test_ligature_glyphs_read_as_their_letters() -> None:
    """A typesetter's "ﬁ" and "ﬀ" glyphs map to Unicode presentation forms; read as letters, so
    "Staﬀ Nurse" is the title "Staff Nurse" and "Inﬁrmière" matches "Infirmière"."""

    def draw(pdf: FPDF) -> None:
        pdf.add_font("DejaVu", "", str(DEJAVU))
        pdf.set_font("DejaVu", size=11)
        pdf.text(72, 72, "Sta\ufb00 Nurse, In\ufb01rmi\u00e8re, Scha\ufb04er, \ufb02ow")

    doc = read_document(make_pdf(draw), "cv.pdf")
    assert [s.text for ln in doc.lines for s in ln.spans] == [
        "Staff Nurse, Infirmière, Schaffler, flow"]
