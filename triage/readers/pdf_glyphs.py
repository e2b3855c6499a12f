"""A PDF page's glyphs and text lines, grouped by pdfminer.six's own rules without its objects.

Building pdfminer's LTChar, LTTextLine and LTTextBox objects costs twice what interpreting the
page does. The reader needs only each line's glyphs and pdfminer's line order, so the device here
keeps glyphs as plain records (filled shapes still become pdfminer objects) and `text_lines` runs
the same rules with the same `LAParams`:
- a glyph joins the line of the glyph before when the two overlap vertically by more than
  `line_overlap` of the lower one and sit within `char_margin` widths of the wider one;
- a word space goes in where the gap passes `word_margin` of the glyph's larger side;
- lines near one another (`line_margin` of the height), of the same height and sharing an edge or
  centre, form a box; boxes are read top to bottom, then left to right, each one's lines from
  the top.
Text drawn inside a form XObject (a page flattened or stamped into one, a header placed on
every page) is read as the page's own, in drawing order; pdfminer's default pass skips it
(`all_texts`), which would leave such a resume looking like a scan.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams
from pdfminer.pdffont import PDFUnicodeNotDefined

from triage.errors import OverLimitError
from triage.readers.bounds import printable
from triage.readers.limits import ReaderLimits

PARAMS = LAParams()  # pdfminer's defaults: what its layout pass (the bench's baseline) uses
ICON_FONT = re.compile(r"awesome|icon|symbol|dingbat|wingding|glyph|academicons", re.I)
Rgb = tuple[float, float, float]


@cache
def icon_font(font: str) -> bool:
    return bool(ICON_FONT.search(font))


def colour(value: object) -> Rgb | None:
    """pdfminer's fill colour (gray, RGB or CMYK; a list or a tuple) as RGB in 0..1; None for
    what has no such colour (patterns, other colour spaces), which counts as visible."""
    try:
        return _rgb(tuple(value) if isinstance(value, list) else value)
    except TypeError:  # an unhashable colour object (pattern)
        return None


@cache
def _rgb(color: object) -> Rgb | None:
    if color is None:
        return (0.0, 0.0, 0.0)
    if isinstance(color, int | float):
        g = float(color)
        return (g, g, g)
    if isinstance(color, list | tuple):
        values = [float(v) for v in color if isinstance(v, int | float)]
        if len(values) == 1:
            return (values[0],) * 3
        if len(values) == 3:
            return (values[0], values[1], values[2])
        if len(values) == 4:
            c, m, y, k = values
            return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


# Typesetters draw "fi", "ffl" and the like as one glyph, and many fonts map it to a Unicode
# presentation form ("ﬁ"), which no search, vocabulary or comparison would see as "fi".
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                           "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})

class PageOverBudget(Exception):
    """Raised by `GlyphDevice` when a page shows more text than its budget allows."""

    def __init__(self, runs: int, glyphs: int) -> None:
        super().__init__(f"{runs} text runs, {glyphs} glyphs")
        self.runs, self.glyphs = runs, glyphs


@dataclass(slots=True)
class Glyph:
    """One drawn character. x0/y0/x1/y1 are in PDF space (origin bottom left), top/bottom are
    measured from the top of the page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    top: float
    bottom: float
    size: float
    font: str
    rgb: Rgb | None
    icon: bool
    invisible: bool  # drawn with text render mode 3 (or 7): no ink at all
    blank: bool  # a space: takes no part in gaps, visibility or emphasis


class GlyphDevice(PDFPageAggregator):
    """pdfminer's layout device, collecting each page's glyphs in drawing order."""

    def __init__(self, manager, max_glyphs: int | None = None, max_runs: int | None = None
                 ) -> None:
        super().__init__(manager, laparams=None)
        self.glyphs: list[Glyph] = []
        # Bounds per page (see ReaderLimits): past either, `over_budget` is set and the
        # interpretation stops at the next string, so a page of piled-up text costs no more.
        self.max_glyphs, self.max_runs = max_glyphs, max_runs
        self.runs = 0
        self._chars: dict[object, dict[int, tuple[str, float, bool]]] = {}  # by font
        self._page_height = 0.0
        self._rgb: Rgb | None = None
        self._invisible = False

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        self.glyphs = []
        self.runs = 0
        self._page_height = self.cur_item.height

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        self.runs += 1
        if ((self.max_runs is not None and self.runs > self.max_runs)
                or (self.max_glyphs is not None and len(self.glyphs) > self.max_glyphs)):
            raise PageOverBudget(self.runs, len(self.glyphs))
        self._rgb = colour(graphicstate.ncolor)
        self._invisible = textstate.render in (3, 7)
        super().render_string(textstate, seq, ncs, graphicstate)

    def _char(self, font, cid: int) -> tuple[str, float, bool]:
        """A character code's text, advance width (per unit of size) and whether it is an icon:
        looked up once per font and code, as a page draws the same few letters thousands of
        times."""
        known = self._chars.setdefault(font, {})
        found = known.get(cid)
        if found is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            text = printable(text.replace("\xad", "-").translate(LIGATURES))
            icon = icon_font(font.fontname) or (bool(text) and 0xE000 <= ord(text[0]) <= 0xF8FF)
            found = known[cid] = (text, font.char_width(cid), icon)
        return found

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace,
                                 wordspace, rise, dxscale, ncs, graphicstate):
        """pdfminer's loop over a string's characters. Upright text on the page, nearly all of
        a resume, takes a path with `translate_matrix` and `render_char` worked in, term for
        term so the floats come out the same; anything else goes pdfminer's way."""
        a, b, c, d, e, f = matrix
        if (b != 0 or c != 0 or font.is_vertical()
                or not all(isinstance(obj, int | float | bytes) for obj in seq)):
            return super().render_string_horizontal(
                seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise, dxscale,
                ncs, graphicstate)
        x, y = pos
        descent = font.get_descent() * fontsize
        line_y = y * d + f
        y0, y1 = d * (descent + rise) + line_y, d * (descent + rise + fontsize) + line_y
        if y1 < y0:
            y0, y1 = y1, y0
        top, bottom = self._page_height - y1, self._page_height - y0
        fontname, colour, invisible = font.fontname, self._rgb, self._invisible
        known = self._chars.setdefault(font, {})
        needcharspace = False
        for obj in seq:
            if not isinstance(obj, bytes):
                x -= obj * dxscale
                needcharspace = True
                continue
            for cid in font.decode(obj):
                if needcharspace:
                    x += charspace
                text, width, icon = known.get(cid) or self._char(font, cid)
                adv = width * fontsize * scaling
                x0 = x * a + e
                x1 = a * adv + x0
                if x1 < x0:
                    x0, x1 = x1, x0
                self.glyphs.append(Glyph(text, x0, y0, x1, y1, top, bottom, y1 - y0, fontname,
                                         colour, icon, invisible, text.isspace()))
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                needcharspace = True
        return (x, y)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        """pdfminer's `render_char` for turned or vertical text: a Glyph where it builds an
        LTChar, with the same box."""
        text, width, icon = self._char(font, cid)
        adv = width * fontsize * scaling
        vertical = font.is_vertical()
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bx0, by0, bx1, by1 = -vx, vy + rise + adv, -vx + fontsize, vy + rise
        else:
            descent = font.get_descent() * fontsize
            bx0, by0, bx1, by1 = 0, descent + rise, adv, descent + rise + fontsize
        # pdfminer's apply_matrix_rect, inlined so the floats come out the same.
        a, b, c, d, e, f = matrix
        left1, bottom1 = a * bx0 + c * by0 + e, b * bx0 + d * by0 + f
        right1, bottom2 = a * bx1 + c * by0 + e, b * bx1 + d * by0 + f
        right2, top1 = a * bx1 + c * by1 + e, b * bx1 + d * by1 + f
        left2, top2 = a * bx0 + c * by1 + e, b * bx0 + d * by1 + f
        x0, x1 = min(left1, left2, right1, right2), max(left1, left2, right1, right2)
        y0, y1 = min(bottom1, bottom2, top1, top2), max(bottom1, bottom2, top1, top2)
        self.glyphs.append(Glyph(
            text, x0, y0, x1, y1, self._page_height - y1, self._page_height - y0,
            x1 - x0 if vertical else y1 - y0, font.fontname, self._rgb, icon, self._invisible,
            text.isspace(),
        ))
        return adv


@dataclass(slots=True)
class _Line:
    glyphs: list[Glyph]
    x0: float
    y0: float
    x1: float
    y1: float
    text_is_space: bool

    @property
    def empty(self) -> bool:
        return self.x1 <= self.x0 or self.y1 <= self.y0 or self.text_is_space


def _group_glyphs(glyphs: list[Glyph]) -> list[_Line]:
    """Consecutive glyphs into lines, as pdfminer's `group_objects` does with horizontal text:
    a line runs on while each glyph is aligned with the one before (`_aligned`), so lines are
    the runs between unaligned neighbours. A glyph further than `word_margin` of its larger
    side from the one before, in the same line, gets a word space put before it."""
    if not glyphs:
        return []
    x0, y0, x1, y1 = (np.fromiter((getattr(g, side) for g in glyphs), float, len(glyphs))
                      for side in ("x0", "y0", "x1", "y1"))
    starts = np.flatnonzero(np.r_[True, ~_aligned(x0, y0, x1, y1)])
    margin = PARAMS.word_margin * np.maximum(x1 - x0, y1 - y0)
    gap = np.r_[False, x1[:-1] < x0[1:] - margin[1:]]
    gap[starts] = False
    for index in np.flatnonzero(gap).tolist():
        before = glyphs[index - 1]
        if not before.text.endswith(" "):
            before.text += " "
    bounds = zip(starts.tolist(), [*starts[1:].tolist(), len(glyphs)],
                 np.minimum.reduceat(x0, starts).tolist(), np.minimum.reduceat(y0, starts).tolist(),
                 np.maximum.reduceat(x1, starts).tolist(), np.maximum.reduceat(y1, starts).tolist(),
                 strict=True)
    lines = []
    for first, end, lx0, ly0, lx1, ly1 in bounds:
        members = glyphs[first:end]
        lines.append(_Line(members, lx0, ly0, lx1, ly1,
                           "".join(g.text for g in members).isspace()))
    return lines


def _aligned(x0: np.ndarray, y0: np.ndarray, x1: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """pdfminer's horizontal alignment test, for each glyph against the one before it: they
    overlap vertically by more than `line_overlap` of the lower one, and the gap between them
    is under `char_margin` times the wider one's width."""
    a0, a1, b0, b1 = y0[:-1], y1[:-1], y0[1:], y1[1:]
    v_overlap = (b0 <= a1) & (a0 <= b1)
    overlap = np.where(v_overlap, np.minimum(np.abs(a0 - b1), np.abs(a1 - b0)), 0.0)
    tall_enough = np.minimum(a1 - a0, b1 - b0) * PARAMS.line_overlap < overlap
    ax0, ax1, bx0, bx1 = x0[:-1], x1[:-1], x0[1:], x1[1:]
    h_overlap = (bx0 <= ax1) & (ax0 <= bx1)
    distance = np.where(h_overlap, 0.0, np.minimum(np.abs(ax0 - bx1), np.abs(ax1 - bx0)))
    near = distance < np.maximum(ax1 - ax0, bx1 - bx0) * PARAMS.char_margin
    return v_overlap & tall_enough & near


Rect = tuple[float, float, float, float]
GRID = 50  # pdfminer's Plane cell size: it finds neighbours cell by cell, and so lists them


def _cells(box: Rect, page: Rect) -> tuple[int, int, int, int] | None:
    """The grid cells (first and past-last column, then row) pdfminer's Plane files a box
    under: its part on the page, or None when it lies wholly off the page."""
    x0, y0, x1, y1 = box
    px0, py0, px1, py1 = page
    if x1 <= px0 or px1 <= x0 or y1 <= py0 or py1 <= y0:
        return None
    x0, y0, x1, y1 = max(px0, x0), max(py0, y0), min(px1, x1), min(py1, y1)
    return int(x0) // GRID, int(x1 + GRID) // GRID, int(y0) // GRID, int(y1 + GRID) // GRID


def _neighbours(lines: list[_Line], page: Rect) -> list[list[int]]:
    """For each line, the lines pdfminer's `find_neighbors` finds for it (itself included), in
    the order its Plane yields them: by the first grid cell the query and the line share, row
    by row, then by line order."""
    cells = [_cells((ln.x0, ln.y0, ln.x1, ln.y1), page) for ln in lines]
    by_bottom = sorted(range(len(lines)), key=lambda i: lines[i].y0)
    bottoms = [lines[i].y0 for i in by_bottom]
    tallest = max((line.y1 - line.y0 for line in lines), default=0.0)
    found: list[list[int]] = []
    for line in lines:
        height = line.y1 - line.y0
        d = PARAMS.line_margin * height
        query = (line.x0, line.y0 - d, line.x1, line.y1 + d)
        query_cells = _cells(query, page)
        near: list[tuple[int, int, int]] = []
        # A line can reach the query only if its bottom lies within the tallest line's height
        # below the query's bottom and under the query's top.
        first = bisect.bisect_right(bottoms, query[1] - tallest)
        for j in by_bottom[first:bisect.bisect_left(bottoms, query[3])]:
            other, other_cells = lines[j], cells[j]
            if query_cells is None or other_cells is None:
                continue
            col = max(query_cells[0], other_cells[0])
            row = max(query_cells[2], other_cells[2])
            shares_a_cell = (col < min(query_cells[1], other_cells[1])
                             and row < min(query_cells[3], other_cells[3]))
            if (not shares_a_cell or other.y1 <= query[1] or other.x1 <= query[0]
                    or query[2] <= other.x0):
                continue
            if abs((other.y1 - other.y0) - height) <= d and (
                abs(other.x0 - line.x0) <= d or abs(other.x1 - line.x1) <= d
                or abs((other.x0 + other.x1) / 2 - (line.x0 + line.x1) / 2) <= d
            ):
                near.append((row, col, j))
        found.append([j for _, _, j in sorted(near)])
    return found


def _boxes(lines: list[_Line], page: Rect) -> list[list[int]]:
    """Lines joined into boxes through their neighbours, as pdfminer's `group_textlines` joins
    them (a line's box absorbs its neighbours' boxes), in its order."""
    box_of: dict[int, list[int]] = {}
    for i, near in enumerate(_neighbours(lines, page)):
        members = [i]
        merged: set[int] = set()
        for j in near:
            members.append(j)
            # pdfminer adds the neighbour's whole box for every neighbour in it; after the
            # first time that adds nothing new, and on a page whose lines all touch it made
            # this cubic in the lines (1,000 lines: 20 s). Each box is added once.
            box = box_of.get(j)
            if box is not None and id(box) not in merged:
                merged.add(id(box))
                members.extend(box)
        box = list(dict.fromkeys(members))
        for j in box:
            box_of[j] = box
    # Every line ended in a box; boxes in the order of their first line.
    return list({id(box_of[i]): box_of[i] for i in range(len(lines))}.values())


def text_lines(glyphs: list[Glyph], page: Rect,
               max_lines: int = ReaderLimits.max_lines_per_page) -> list[list[Glyph]]:
    """The page's text lines in pdfminer's order: boxes from the top, each box's lines from the
    top; lines pdfminer counts as empty (no area, or only spaces) last. A page of more than
    `max_lines` lines is refused before they are put in boxes (which compares lines in pairs)."""
    grouped = _group_glyphs(glyphs)
    lines = [line for line in grouped if not line.empty]
    if len(lines) > max_lines:
        raise OverLimitError(
            f"A page of this PDF holds {len(lines):,} lines of text, more than the "
            f"{max_lines:,} a resume's page ever holds, so it was not read; export it again "
            "from the original document.")
    empties = [line for line in grouped if line.empty]
    boxes = _boxes(lines, page)
    boxes.sort(key=lambda box: (-min(lines[i].y0 for i in box), min(lines[i].x0 for i in box)))
    ordered = [lines[i] for box in boxes for i in sorted(box, key=lambda i: -lines[i].y1)]
    return [line.glyphs for line in ordered + empties]
