"""PDF reader: pdfminer.six layout analysis, keeping position, font, size and fill colour.

Each text line pdfminer finds is cut into spans at wide gaps (a date column, a right-aligned
place) and where visibility changes, and every span is checked for text a reader cannot see:
near-background colour (against any filled shape beneath it), a tiny size, or a place off the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from statistics import median

from pdfminer.layout import LTComponent, LTContainer, LTCurve
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage

from triage.document import Document, Page, Span
from triage.errors import (
    CorruptFileError,
    EncryptedFileError,
    ImageOnlyError,
    OverLimitError,
    ReadError,
    TooManyPagesError,
)
from triage.readers.layout import assemble
from triage.readers.limits import ReaderLimits
from triage.readers.page_breaks import read_across_page_breaks
from triage.readers.pdf_bounds import BoundedDocument, BoundedParser, check_inflation
from triage.readers.pdf_glyphs import Glyph, PageOverBudget, Rgb, colour, text_lines
from triage.readers.pdf_ink import Clip, InkDevice, InkInterpreter
from triage.readers.visibility import PAPER, TINY, TINY_PT, blends_in, note_hidden

SPAN_GAP_EM = 0.6  # a gap wider than this many ems starts a new span
# Letter-spaced text ("W O R K  E X P E R I E N C E", "2 0 2 2 - 0 4"): when the typical gap
# between glyphs is this many ems, pdfminer's word spaces fall between letters; words are then
# the gaps this much wider than that typical gap.
LETTER_SPACED_EM = 0.05
WORD_GAP_OVER_TRACKING_EM = 0.2
MIN_GLYPHS_FOR_TRACKING = 4
CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Fill:
    bbox: tuple[float, float, float, float]  # top-left origin
    rgb: Rgb
    clip: Clip | None = None  # where it shows, top-left origin (None: the whole page)


@cache
def _font_flags(font: str) -> tuple[bool, bool]:
    name = font.split("+", 1)[-1].lower()
    bold = any(k in name for k in ("bold", "black", "heavy", "semibold", "demi", ",b"))
    italic = any(k in name for k in ("italic", "oblique", "ital", "-it"))
    return bold, italic


def _tidy(text: str) -> str:
    """A span's visible text: unmapped glyph codes dropped, runs of white space one space."""
    return " ".join(CID.sub(" ", text).split())


def _break_offsets(raw: str, breaks: list[int], length: int) -> tuple[int, ...]:
    """Offsets of style switches in the raw glyph text, moved onto the tidied text."""
    out = []
    for raw_offset in breaks:
        before = raw[:raw_offset]
        offset = len(_tidy(before)) + (bool(_tidy(before)) and before[-1:].isspace())
        if 0 < offset < length and offset not in out:
            out.append(offset)
    return tuple(out)


def _walk(obj: LTComponent) -> Iterator[LTComponent]:
    yield obj
    if isinstance(obj, LTContainer):
        for child in obj:
            yield from _walk(child)


def _background(fills: list[_Fill], x: float, y: float) -> Rgb:
    """The colour under a point: the last filled shape that shows there, else white paper."""
    for fill in reversed(fills):
        x0, top, x1, bottom = fill.bbox
        if x0 <= x <= x1 and top <= y <= bottom and (fill.clip is None or fill.clip.shows(x, y)):
            return fill.rgb
    return PAPER


@cache
def _blends_with_any(text: Rgb, backgrounds: frozenset[Rgb]) -> bool:
    return any(blends_in(text, background) for background in backgrounds)


@dataclass
class _Backdrop:
    """What a page's text is drawn over: its filled shapes, on paper."""

    fills: list[_Fill]

    def __post_init__(self) -> None:
        self.colours = frozenset([PAPER, *(fill.rgb for fill in self.fills)])

    def hides(self, text: Rgb, x: float, y: float) -> bool:
        """Whether text of this colour at (x, y) vanishes into what lies under it. Looks for the
        shape under the point only when the colour matches one the page has."""
        return _blends_with_any(text, self.colours) and blends_in(
            text, _background(self.fills, x, y))


def _hidden_reason(glyph: Glyph, backdrop: _Backdrop, width: float, height: float,
                   ocr_page: bool, veils: dict[int, str]) -> str:
    if glyph.invisible and not ocr_page:
        return "invisible ink"
    if glyph.x1 < 0 or glyph.x0 > width or glyph.bottom < 0 or glyph.top > height:
        return "off-page"
    if id(glyph) in veils:  # clipped away or covered (pdf_ink)
        return veils[id(glyph)]
    if glyph.size < TINY_PT:
        return TINY
    if glyph.rgb is not None and backdrop.hides(
            glyph.rgb, (glyph.x0 + glyph.x1) / 2, (glyph.top + glyph.bottom) / 2):
        return "same colour as background"
    return ""


def _respace_tracked(glyphs: list[Glyph]) -> None:
    """Put word spaces back where the words are in letter-spaced text (in place)."""
    ink = [g for g in glyphs if not g.blank]
    if len(ink) < MIN_GLYPHS_FOR_TRACKING:
        return
    gaps = [b.x0 - a.x1 for a, b in zip(ink, ink[1:], strict=False)]
    # Most lines are set tight: when over half the gaps are under the threshold for the
    # smallest glyph, so is their median under the median glyph's.
    tight = LETTER_SPACED_EM * min(g.size for g in ink)
    if 2 * sum(gap < tight for gap in gaps) > len(gaps):
        return
    size = median(g.size for g in ink)
    tracking = median(gaps)
    if tracking < LETTER_SPACED_EM * size:
        return
    for glyph, gap in zip(ink, gaps, strict=False):
        wide = gap > tracking + WORD_GAP_OVER_TRACKING_EM * size
        glyph.text = glyph.text.rstrip(" ") + (" " if wide else "")


def _spans_from_line(
    line: list[Glyph], page_index: int, width: float, height: float, backdrop: _Backdrop,
    start: int, ocr_page: bool, veils: dict[int, str],
) -> list[Span]:
    """Cut one text line into spans at wide gaps, icons and visibility changes."""
    groups: list[list[Glyph]] = []
    reasons: list[str] = []
    current: list[Glyph] | None = None  # the group being filled; an icon ends it
    prev: Glyph | None = None
    for glyph in line:
        if glyph.icon:
            current = None
            continue
        reason = "" if glyph.blank else _hidden_reason(glyph, backdrop, width, height, ocr_page,
                                                       veils)
        if (current is None or (not glyph.blank and reason != reasons[-1])
                or (prev is not None and glyph.x0 - prev.x1
                    > SPAN_GAP_EM * (glyph.size if glyph.size > 1.0 else 1.0))):
            current = []
            groups.append(current)
            reasons.append(reason)
        current.append(glyph)
        if not glyph.blank:
            prev = glyph
    spans = []
    for glyphs, reason in zip(groups, reasons, strict=True):
        _respace_tracked(glyphs)
        spans_text, breaks, last_style = "", [], None
        for g in glyphs:
            if not g.blank:
                style = _font_flags(g.font)
                if last_style is not None and style != last_style:
                    breaks.append(len(spans_text))
                last_style = style
            spans_text += g.text
        text = _tidy(spans_text)
        if not text:
            continue
        ink = [g for g in glyphs if not g.blank] or glyphs
        main = max(ink, key=lambda g: g.size)
        bold, italic = _font_flags(main.font)
        bold = sum(1 for g in ink if _font_flags(g.font)[0]) * 2 > len(ink)
        spans.append(
            Span(
                id=f"p{page_index}s{start + len(spans)}",
                text=text,
                page=page_index,
                bbox=(min([g.x0 for g in ink]), min([g.top for g in ink]),
                      max([g.x1 for g in ink]), max([g.bottom for g in ink])),
                size=round(main.size, 2),
                bold=bold,
                italic=italic,
                color=main.rgb or (0.0, 0.0, 0.0),
                font=main.font.split("+", 1)[-1],
                hidden=bool(reason),
                hidden_reason=reason,
                emphasis_breaks=_break_offsets(spans_text, breaks, len(text)),
            )
        )
    return spans


def _mostly_invisible(lines: list[list[Glyph]]) -> bool:
    """An OCR'd scan draws all its text without ink over the page image: that is not hiding."""
    glyphs = [glyph for line in lines for glyph in line]
    return bool(glyphs) and sum(glyph.invisible for glyph in glyphs) > 0.5 * len(glyphs)


def _fills(layout: LTComponent, height: float, clips: dict[int, Clip]) -> list[_Fill]:
    """The page's filled shapes, each with the clip it was painted in (`InkDevice`)."""
    fills = []
    for obj in _walk(layout):
        if isinstance(obj, LTCurve) and obj.fill:
            rgb = colour(obj.non_stroking_color)
            if rgb is not None and obj.width > 2 and obj.height > 2:
                clip = clips.get(id(obj))
                fills.append(_Fill((obj.x0, height - obj.y1, obj.x1, height - obj.y0), rgb,
                                   clip.flipped(height) if clip is not None else None))
    return fills


def _page_side_check(page: PDFPage, number: int, limits: ReaderLimits) -> None:
    """Refuse a page larger than any paper before it is laid out or drawn."""
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)
    side = max(abs(x1 - x0), abs(y1 - y0))
    if not side < limits.max_page_side_pt:  # also refuses nan and inf
        raise OverLimitError(
            f"Page {number} of this PDF is {side:,.0f} points across; paper for a resume is "
            f"at most {limits.max_page_side_pt:,.0f}, so it was not read. Export it again on "
            "A4 or Letter."
        )


# pdfminer raises its own errors, Python's (ValueError, KeyError, StopIteration turned into
# RuntimeError, ...) and zlib's for damaged files, with no common base: everything it raises
# while it reads is the file's fault. Our own ReadErrors pass through.
_DAMAGED = Exception


def _open(data: bytes, limits: ReaderLimits) -> list[PDFPage]:
    check_inflation(data, limits)
    try:
        parser = BoundedParser(io.BytesIO(data))
        document = BoundedDocument(parser)
        pages = []
        for page in PDFPage.create_pages(document):
            pages.append(page)
            if len(pages) > limits.max_pages:
                raise TooManyPagesError(
                    f"This PDF has more than {limits.max_pages} pages; a resume that long "
                    "cannot be skimmed, so it was not read."
                )
            _page_side_check(page, len(pages), limits)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedFileError(
            "This PDF is password-protected; remove the password (or export a copy without "
            "one) and upload it again."
        ) from exc
    except (ReadError, MemoryError):
        raise
    except _DAMAGED as exc:
        raise CorruptFileError(
            "This PDF is damaged or incomplete and could not be read; export it again from "
            "the original document."
        ) from exc
    if not pages:
        raise CorruptFileError("This PDF has no pages; export it again from the original document.")
    return pages


def read_pdf(data: bytes, limits: ReaderLimits) -> Document:
    """Read a PDF's text layer with positions and typography."""
    pdf_pages = _open(data, limits)
    manager = PDFResourceManager(caching=True)
    device = InkDevice(manager, limits.max_glyphs_per_page, limits.max_text_runs_per_page)
    interpreter = InkInterpreter(manager, device, limits)
    pages: list[Page] = []
    spans_by_page: list[list[Span]] = []
    notes: list[str] = []
    chars = 0
    for index, pdf_page in enumerate(pdf_pages):
        interpreter.page_number = index + 1
        try:
            interpreter.process_page(pdf_page)
            layout = device.get_result()
        except PageOverBudget as exc:
            raise OverLimitError(
                f"Page {index + 1} of this PDF draws text {exc.runs:,} times over "
                f"({exc.glyphs:,} characters); a resume page needs far fewer, so it was not "
                "read. Export it again from the original document."
            ) from exc
        except (ReadError, MemoryError):
            raise
        except _DAMAGED as exc:
            raise CorruptFileError(
                f"Page {index + 1} of this PDF is damaged and could not be read; export it "
                "again from the original document."
            ) from exc
        width, height = layout.width, layout.height
        backdrop = _Backdrop(_fills(layout, height, device.fill_clips))
        lines = text_lines(device.glyphs, layout.bbox)
        veils = device.veils()
        ocr_page = _mostly_invisible(lines)
        if ocr_page:
            notes.append(f"Page {index + 1} looks like a scan with a recognised-text layer; "
                         "positions come from that layer.")
        spans: list[Span] = []
        for line in lines:
            spans.extend(_spans_from_line(line, index, width, height, backdrop, len(spans),
                                          ocr_page, veils))
        chars += sum(len(s.text) for s in spans)
        pages.append(Page(index, width, height))
        spans_by_page.append(spans)
    if chars == 0:
        raise ImageOnlyError(
            "This PDF has no text layer (it looks scanned or made of images); export the "
            "resume from your editor as a PDF with text, or upload the DOCX."
        )
    read_across_page_breaks(pages, spans_by_page)
    out_pages, lines = assemble(pages, spans_by_page)
    return note_hidden(Document(out_pages, lines, "pdf", notes))
