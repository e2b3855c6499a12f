"""Page images under the heatmap: the resume as the recruiter would see it.

PDFs are rendered by pypdfium2 (what the candidate designed is what the recruiter sees), and so
is a DOCX that LibreOffice laid out (`Document.page_pdf`). Every other format has no page of its
own, so its synthetic Letter layout is drawn span by span with PIL: the heatmap then sits over
the same boxes the simulation used. Nothing touches the disk.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

from triage.document import Document, Span

DPI = 100  # enough to read on a laptop screen; a page is ~100 kB as a palette PNG
# Pixels in one page picture, whatever the page's size: a Letter page at 100 dpi has 0.94 M,
# at 200 dpi 3.7 M. A larger page is drawn at a lower resolution (views scale by the picture's
# own width), so a huge page costs no more time or memory than a Letter one.
MAX_PAGE_PIXELS = 4_000_000
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
# Liberation Sans has Helvetica's metrics, the widths the synthetic layout assumes.
FONT_FILES = {False: ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
              True: ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf")}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def render_pages(data: bytes, document: Document, dpi: int = DPI) -> list[bytes]:
    """One PNG per page of the document, in page order: the PDF's own pages, or those of the
    PDF the document was laid out on (a DOCX through LibreOffice), else the layout drawn."""
    pdf = document.page_pdf if document.page_pdf is not None else (
        data if document.source_format == "pdf" else None)
    if pdf is not None:
        try:
            return _pdf_pages(pdf, len(document.pages), dpi)
        except pdfium.PdfiumError:
            pass  # a PDF pdfminer read but pdfium cannot draw: show the layout instead
    return _layout_pages(document, dpi)


def _png(image: Image.Image) -> bytes:
    """A palette PNG: resumes use few colours, and the image travels in every figure update."""
    buffer = io.BytesIO()
    image.convert("RGB").quantize(colors=64).save(buffer, "PNG")
    return buffer.getvalue()


def _scale(width: float, height: float, dpi: int) -> float:
    """Pixels per point for a page: `dpi`, lowered to keep within MAX_PAGE_PIXELS."""
    area = max(width, 1.0) * max(height, 1.0)
    return min(dpi / 72, math.sqrt(MAX_PAGE_PIXELS / area))


def _pdf_pages(data: bytes, count: int, dpi: int) -> list[bytes]:
    pdf = pdfium.PdfDocument(data)
    try:
        return [_png(pdf[i].render(scale=_scale(*pdf[i].get_size(), dpi)).to_pil())
                for i in range(min(count, len(pdf)))]
    finally:
        pdf.close()


def font_files(bold: bool) -> list[Path]:
    """The installed TrueType fonts of FONT_FILES, first choice first (Unicode text in pictures
    and the PDF report; later ones fill glyphs the first lacks); empty where there are none."""
    return [directory / name for directory in FONT_DIRS for name in FONT_FILES[bold]
            if (directory / name).is_file()]


@lru_cache(maxsize=64)
def _font(bold: bool, pixels: int) -> Font:
    paths = font_files(bold)
    return (ImageFont.truetype(str(paths[0]), pixels) if paths else
            ImageFont.load_default(size=pixels))


def _draw_span(draw: ImageDraw.ImageDraw, span: Span, scale: float, right: float) -> None:
    x0, top, _, bottom = (v * scale for v in span.bbox)
    pixels = max(6, round(span.size * scale))
    font = _font(span.bold, pixels)
    # One size per style reads cleanly; shrink only what would run off the page's right margin.
    while pixels > 6 and x0 + draw.textlength(span.text, font=font) > right:
        pixels -= 1
        font = _font(span.bold, pixels)
    color = tuple(round(255 * min(1.0, max(0.0, c))) for c in span.color)
    draw.text((x0, top + (bottom - top - pixels) / 2), span.text, fill=color, font=font)


def _layout_pages(document: Document, dpi: int) -> list[bytes]:
    images = []
    for page in document.pages:
        scale = _scale(page.width, page.height, dpi)
        image = Image.new("RGB", (round(page.width * scale), round(page.height * scale)), "white")
        draw = ImageDraw.Draw(image)
        for line in document.lines:
            if line.page == page.index:
                for span in line.visible_spans:
                    _draw_span(draw, span, scale, (page.width - 36) * scale)
        images.append(_png(image))
    return images


# One colour per label (Okabe-Ito and Tol palettes: distinguishable with colour-blindness).
LABEL_COLOURS = {
    "name": (0, 114, 178), "headline": (86, 180, 233), "contact": (0, 158, 115),
    "heading": (213, 94, 0), "title": (204, 121, 167), "org": (230, 159, 0),
    "date": (0, 0, 0), "location": (153, 153, 51), "bullet": (136, 204, 238),
    "text": (170, 170, 170), "edu_inst": (136, 34, 85), "edu_degree": (68, 170, 153),
    "other": (221, 221, 221),
}


def label_overlay(page_images: list[bytes],
                  boxes: list[tuple[int, tuple[float, float, float, float], str]],
                  dpi: int = DPI) -> list[bytes]:
    """The page images with each labelled piece outlined in its label's colour and named.

    `boxes` holds (page, bbox in points, label); for bug reports on the parse.
    """
    scale = dpi / 72
    out = []
    for index, png in enumerate(page_images):
        image = Image.open(io.BytesIO(png)).convert("RGB")
        draw = ImageDraw.Draw(image)
        font = _font(False, max(8, int(7 * scale)))
        for page, (x0, top, x1, bottom), name in boxes:
            if page != index:
                continue
            colour = LABEL_COLOURS.get(name, (0, 0, 0))
            draw.rectangle((x0 * scale, top * scale, x1 * scale, bottom * scale),
                           outline=colour, width=2)
            draw.text((x0 * scale, max(0, top * scale - 9 * scale / 1.4)), name, fill=colour,
                      font=font)
        out.append(_png(image))
    return out
