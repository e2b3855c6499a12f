"""The Document: what a reader saw on the page, before any interpretation.

Every reader (PDF, DOCX, text, JSON Resume) produces this same shape, so the later stages do not
care where a resume came from. Geometry is in PDF points with a **top-left** origin; a `Span` is a
run of text on one visual line, set apart from its neighbours by a wide gap; a `Line` is a visual
row of spans inside one column, in reading order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (points, top-left origin)

# Where a Document's pages and positions come from (`Document.page_source`), so a view can say
# plainly when the page it draws is only an approximation of what a recruiter would see.
PAGE_FROM_FILE = "file"  # the file's own pages (a PDF)
PAGE_FROM_LIBREOFFICE = "libreoffice"  # a DOCX laid out by LibreOffice; its pages are drawn
PAGE_APPROXIMATE = "approximate"  # a notional Letter page (DOCX without LibreOffice, TXT, JSON)
# A hidden_reason: the centre of the text lies outside its clip but part of it shows, as in a line
# Chromium cuts at a page break, half on each page. Not read (half a line is not the line), but
# not hiding either: a person sees it cut, so it is never held against the candidate.
CUT_AT_EDGE = "cut at the edge of the page or its frame"


@dataclass(frozen=True)
class Span:
    """A run of text with one position and one typography."""

    id: str
    text: str
    page: int
    bbox: BBox
    size: float
    bold: bool = False
    italic: bool = False
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    font: str = ""
    hidden: bool = False
    hidden_reason: str = ""
    # Offsets into `text` where emphasis (bold or italic) switches on or off: lets structure
    # tell a bold title from the plain company name that follows it on the same line.
    emphasis_breaks: tuple[int, ...] = ()
    # What the file itself says this text is ("title", "org", "date", …, the structure stage's
    # labels), for formats that name their fields (JSON Resume); "" where the layout must tell.
    field: str = ""

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]


@dataclass(frozen=True)
class Line:
    """A visual row of spans in one column, left to right."""

    id: str
    spans: tuple[Span, ...]
    page: int
    column: int = 0

    @property
    def text(self) -> str:
        return "  ".join(s.text for s in self.spans)

    @property
    def visible_spans(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if not s.hidden)

    @cached_property  # the spans never change, and layout and features ask for it often
    def bbox(self) -> BBox:
        return (
            min(s.x0 for s in self.spans),
            min(s.top for s in self.spans),
            max(s.x1 for s in self.spans),
            max(s.bottom for s in self.spans),
        )

    @property
    def size(self) -> float:
        return max(s.size for s in self.spans)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.spans)

    @property
    def hidden(self) -> bool:
        return all(s.hidden for s in self.spans)


@dataclass(frozen=True)
class Page:
    index: int
    width: float
    height: float
    columns: int = 1
    # x positions of gutters between real text columns (empty for one column).
    gutters: tuple[float, ...] = ()


@dataclass
class Document:
    """Pages and lines in reading order, plus what the reader noticed on the way."""

    pages: list[Page]
    lines: list[Line]
    source_format: str
    warnings: list[str] = field(default_factory=list)
    # One of the PAGE_* values above: whether positions are the real page's or approximate.
    page_source: str = PAGE_FROM_FILE
    # The PDF the pages are drawn from when it is not the uploaded file itself (a converted
    # DOCX); None otherwise. Kept out of repr: it is the whole file.
    page_pdf: bytes | None = field(default=None, repr=False)

    @property
    def body_size(self) -> float:
        """The most common text size: the yardstick for 'large' and 'tiny'."""
        sizes = [round(s.size * 2) / 2 for ln in self.lines for s in ln.spans if not s.hidden]
        if not sizes:
            return 10.0
        counts: dict[float, int] = {}
        for size in sizes:
            counts[size] = counts.get(size, 0) + 1
        best = max(counts.values())
        return median(sorted(s for s, c in counts.items() if c == best))

    def spans(self) -> list[Span]:
        return [s for ln in self.lines for s in ln.spans]

    @property
    def hidden_spans(self) -> list[Span]:
        return [s for s in self.spans() if s.hidden]
