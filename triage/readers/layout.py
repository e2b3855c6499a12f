"""Turn positioned spans into lines in reading order, detecting real text columns by geometry.

Parsers that trust a PDF's stream order mangle sidebars and two-column designs. Here a page is
split at a vertical gutter only when both sides hold independent text; a narrow strip of dates or
places that sits beside the entries (right-aligned dates, a moderncv date column) is not a column:
its spans are merged into the rows they line up with.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from statistics import median

import numpy as np

from triage.dates import find_range
from triage.document import Line, Page, Span
from triage.readers.visibility import TINY
from triage.vocabulary import letters_only, section_names

MIN_GUTTER_PT = 8.0  # narrowest white strip that can separate two columns
EDGE_SLACK_PT = 3  # spans starting this close after a strip line up on its right edge
CROSSING_ALLOWANCE = 0.08  # share of spans allowed to cross a gutter (headers, footers)
ALIGNED_SHARE_FOR_STRIP = 0.6  # a side whose spans mostly line up with the other is a strip
STRIP_MAX_WORDS = 5  # ...and holds short fields (dates, places), not prose
# ...and has no headings of its own (a sidebar with SKILLS / EDUCATION headings is a column),
# unless it is sparse: a label column (headings and dates beside the first row of each entry)
# has far fewer lines than the text beside it, where a sidebar is about as dense.
LABEL_COLUMN_DENSITY = 0.4
# A line reaching from this share of the page width to (1 - it) spans the page: side-by-side
# sections live between such lines, in bands of at least MIN_BAND_ROWS rows.
FULL_WIDTH_EDGE = 0.35
MIN_BAND_ROWS = 4
MIN_LABEL_ROWS = 2
MIN_SIDEBAR_HEADINGS = 2  # headings of its own make a right-hand side a sidebar
# Labels set flush right against their fields: this many at least, this share ending within
# FLUSH_TOLERANCE_PT of one right edge.
MIN_FLUSH_LABELS = 6
FLUSH_SHARE = 0.8
FLUSH_TOLERANCE_PT = 1.5
LABEL_ROW_SHARE = 0.6
SAME_SIZE_PT = 0.5  # two spans this close in size (same font and weight) share a style
HEADING_SIZE_RATIO = 1.15  # text this much larger than the body is a heading, bold or not
# Labels rotated 90° in a margin arrive as one letter per span, stacked down the page.
MIN_STACKED_LETTERS = 3
STACK_OVERLAP = 0.5  # share of the narrower letter's width two stacked letters share
STACK_SPACE = 0.25  # a gap this share of the stack's width between letters is a word space
STACK_BREAK = 1.0  # ...and this share (either way: glyph boxes may overlap) ends the label
STACK_MARKS = "&-/'’."  # marks that may sit between a turned label's letters


def _center(span: Span) -> float:
    return (span.top + span.bottom) / 2


def _find_gutter(spans: Sequence[Span], width: float) -> float | None:
    """The x of the widest near-empty vertical strip in the middle of the page, if any."""
    if len(spans) < 8:
        return None
    steps = np.zeros(int(width) + 3, dtype=int)
    for span in spans:
        start = min(max(0, int(span.x0)), len(steps) - 2)
        end = min(max(start, int(span.x1) + 1), len(steps) - 1)
        steps[start] += 1
        steps[end] -= 1
    coverage = np.cumsum(steps)
    starts = np.bincount([min(max(0, int(s.x0)), len(steps) - 1) for s in spans],
                         minlength=len(steps))
    allowance = max(1, int(len(spans) * CROSSING_ALLOWANCE))
    lo, hi = int(width * 0.15), int(width * 0.85)
    runs: list[tuple[int, int]] = []
    run_start = None
    for x in range(lo, hi + 1):
        free = coverage[x] <= allowance
        if free and run_start is None:
            run_start = x
        if (not free or x == hi) and run_start is not None:
            if x - run_start >= MIN_GUTTER_PT:
                runs.append((run_start, x))
            run_start = None
    # Of the free strips with enough text on both sides (a blank margin beside a narrow column
    # is wide too, but has nothing beyond it), the one the most spans start right after (the
    # right column's left edge), then the widest.
    best: tuple[tuple[int, int], float] | None = None
    for start, end in runs:
        gutter, aligned = _gutter_in(coverage, starts, start, end)
        left = sum(1 for s in spans if s.x1 <= gutter)
        right = sum(1 for s in spans if s.x0 >= gutter)
        if min(left, right) >= max(3, len(spans) * 0.1) and (
                best is None or (aligned, end - start) > best[0]):
            best = ((aligned, end - start), gutter)
    return best[1] if best else None


def _gutter_in(coverage: np.ndarray, starts: np.ndarray, start: int, end: int
               ) -> tuple[float, int]:
    """Where in the free run `start..end` the gutter goes: in a stretch crossed by the fewest
    spans (a run may let a few wide spans through, such as a date right-aligned in the left
    column), choosing the stretch that the most spans start right after (the right column's
    left edge), then the longest. Also returns how many spans start right after it."""
    window = coverage[start:end]
    lowest = [*(window == window.min()).tolist(), False]
    best, best_key, run_start = (start + end) / 2, (0, -1), None
    for offset, free in enumerate(lowest):
        if free and run_start is None:
            run_start = offset
        elif not free and run_start is not None:
            edge = start + offset
            key = (int(starts[edge:edge + EDGE_SLACK_PT + 1].sum()), offset - run_start)
            if key > best_key:
                best, best_key = start + (run_start + offset) / 2, key
            run_start = None
    return best, best_key[0]


def _level(a: Span, b: Span) -> bool:
    """Two spans sit on one row: their centres lie within half the smaller one's size."""
    return abs(_center(a) - _center(b)) < 0.5 * min(a.size, b.size)


def _level_with_any(others: Sequence[Span]) -> Callable[[Span], bool]:
    """A test: does a span sit level with one of `others`? Sorted by centre, each test looks
    only at the others within half its own size (no farther one can be level)."""
    ordered = sorted(others, key=_center)
    centres = [_center(o) for o in ordered]

    def level(span: Span) -> bool:
        centre, reach = _center(span), 0.5 * span.size
        low, high = bisect_left(centres, centre - reach), bisect_right(centres, centre + reach)
        return any(_level(span, o) for o in ordered[low:high])
    return level


def _is_strip(side: Sequence[Span], other: Sequence[Span]) -> bool:
    """True when `side` is a strip of short fields lined up with rows of `other`.

    In a sparse label column, headings count as lined up: they sit at the start of a section,
    beside a gap or the section's first row, and are read in their vertical place.
    """
    if not side:
        return True
    body = median(s.size for s in (*side, *other))

    def headed(span: Span) -> bool:  # a heading: clearly larger than body text, or bold capitals
        return span.size >= body * HEADING_SIZE_RATIO or (span.bold and span.text.isupper())

    aligned = _level_with_any(other)

    if _headings_side_by_side(side, other) is not None:
        return False
    if _holds_the_headings(side, other):
        return True
    if _sidebar_on_the_right(side, other, body):
        return False
    if _flush_right_labels(side, other):
        return sum(aligned(s) or headed(s) for s in side) >= ALIGNED_SHARE_FOR_STRIP * len(side)
    side_rows = _rows(side)
    first = next((i for i, row in enumerate(side_rows) if any(headed(s) for s in row)), None)
    if first is not None:
        # A column of section labels (contact details may sit above them): below its first
        # heading, nearly every row is a heading. A sidebar's headings have content under them.
        below = side_rows[first:]
        labels = sum(any(headed(s) for s in row) for row in below)
        if len(below) >= MIN_LABEL_ROWS and labels >= LABEL_ROW_SHARE * len(below):
            return True
    words = median(len(s.text.split()) for s in side)
    sparse = len(side_rows) <= LABEL_COLUMN_DENSITY * len(_rows(other))
    if sparse:
        share = sum(aligned(s) or headed(s) for s in side) / len(side)
        return share >= ALIGNED_SHARE_FOR_STRIP and words <= STRIP_MAX_WORDS
    share = sum(aligned(s) for s in side) / len(side)
    return share >= ALIGNED_SHARE_FOR_STRIP and words <= STRIP_MAX_WORDS and not any(
        headed(s) for s in side)


def _sidebar_on_the_right(side: Sequence[Span], other: Sequence[Span], body: float) -> bool:
    """`side`, right of `other`, has headings of its own (at least MIN_SIDEBAR_HEADINGS,
    larger than the body, not dates): a sidebar, even where its lines share baselines with
    the main column's. Labels sit left of what they label, a strip of dates or places on the
    right has no headings, and a headline set right of the name is one line."""
    headings = [s for s in side if s.size >= body * HEADING_SIZE_RATIO and not find_range(s.text)]
    return (median(s.x0 for s in side) > median(s.x0 for s in other)
            and len({round(s.top) for s in headings}) >= MIN_SIDEBAR_HEADINGS)


def _names_section(span: Span) -> bool:
    return letters_only(span.text) in section_names()


def _same_style(a: Span, b: Span) -> bool:
    return a.font == b.font and a.bold == b.bold and abs(a.size - b.size) < SAME_SIZE_PT


def _heading_pairs(side: Sequence[Span], other: Sequence[Span]) -> list[tuple[Span, Span]]:
    """Two section headings on one row ("Experience | Education"), one from each of `side` and
    `other`: sections side by side, each side a column however short, never a strip of labels.
    One of the two may use wording the vocabulary lacks, if both are short, larger than the
    body text and set in one style, and no dates share their row (a label column's heading
    sits beside its first entry)."""
    body = median(s.size for s in (*side, *other))

    def pair(a: Span, b: Span) -> bool:
        if not _level(a, b) or not (_names_section(a) or _names_section(b)):
            return False
        if _names_section(a) and _names_section(b):
            return True
        return (_same_style(a, b) and a.size >= body * HEADING_SIZE_RATIO
                and max(len(a.text.split()), len(b.text.split())) <= STRIP_MAX_WORDS
                and not any(find_range(s.text) for s in (*side, *other) if _level(s, a)))

    # A pair needs a span naming a section: look from those, not at every pair on the page.
    pairs = [(s, o) for s in side if _names_section(s) for o in other if pair(s, o)]
    return pairs + [(s, o) for o in other if _names_section(o) for s in side if pair(s, o)]


def _headings_side_by_side(side: Sequence[Span], other: Sequence[Span]) -> float | None:
    """The top of the highest row with section headings side by side (`_heading_pairs`),
    None if there is none."""
    return min((min(s.top, o.top) for s, o in _heading_pairs(side, other)), default=None)


def _sections_side_by_side(spans: Sequence[Span]) -> tuple[float, float] | None:
    """Where sections set side by side begin in a band the gutter search found no gutter in
    (the left side's lines run on past the gutter once the right side has ended): the top of
    the highest row with headings side by side, and the gutter just left of the right-hand
    heading. None if no row has two headings a gutter apart."""
    visible = [s for s in spans if not s.hidden]
    found = None
    for heading in (s for s in visible if _names_section(s)):
        right = [s for s in visible if s.x0 - heading.x1 >= MIN_GUTTER_PT]
        for a, b in _heading_pairs([heading], right):
            key = (min(a.top, b.top), b.x0 - EDGE_SLACK_PT)
            found = key if found is None or key < found else found
    return found


def _holds_the_headings(side: Sequence[Span], other: Sequence[Span]) -> bool:
    """A column of short fields that names the page's sections while the other side names none
    (a table's left column: "Experience", then each entry's dates) labels the rows beside it.
    A sidebar has headings of its own, and so does the main column beside it."""
    words = median(len(s.text.split()) for s in side)
    return (words <= STRIP_MAX_WORDS and any(_names_section(s) for s in side)
            and not any(_names_section(o) for o in other))


def _flush_right_labels(side: Sequence[Span], other: Sequence[Span]) -> bool:
    """Short labels set flush right against the text they name, left of it (the Europass
    layout: "Dates", "Occupation or position held" beside each field). A sidebar is ragged."""
    if len(side) < MIN_FLUSH_LABELS or max(s.x1 for s in side) > min(s.x0 for s in other):
        return False
    right, left = median(s.x1 for s in side), median(s.x0 for s in side)
    flush = sum(abs(s.x1 - right) <= FLUSH_TOLERANCE_PT for s in side)
    ragged = sum(abs(s.x0 - left) > FLUSH_TOLERANCE_PT for s in side)  # not also flush left
    words = median(len(s.text.split()) for s in side)
    return (flush >= FLUSH_SHARE * len(side) and ragged >= len(side) / 2
            and words <= STRIP_MAX_WORDS)


def _rows(spans: Sequence[Span]) -> list[list[Span]]:
    """Group spans into visual rows (vertical centres close), each sorted left to right."""
    rows: list[list[Span]] = []
    centres: list[float] = []  # of the last row's spans
    largest = 0.0  # the last row's largest size
    for span in sorted(spans, key=lambda s: (_center(s), s.x0)):
        centre = _center(span)
        if rows and abs(centre - median(centres)) <= 0.45 * max(span.size, largest):
            rows[-1].append(span)
            centres.append(centre)
            largest = max(largest, span.size)
            continue
        rows.append([span])
        centres, largest = [centre], span.size
    for row in rows:
        row.sort(key=lambda s: s.x0)
    return rows


def _column_gutter(spans: Sequence[Span], width: float) -> float | None:
    """The gutter between two real text columns among `spans`, if there is one."""
    visible = [s for s in spans if not s.hidden]
    gutter = _find_gutter(visible, width)
    if gutter is None:
        return None
    left = [s for s in visible if s.x1 <= gutter]
    right = [s for s in visible if s.x0 >= gutter]
    return None if _is_strip(right, left) or _is_strip(left, right) else gutter


def _full_width(row: Sequence[Span], width: float) -> bool:
    return any(s.x0 < width * FULL_WIDTH_EDGE and s.x1 > width * (1 - FULL_WIDTH_EDGE)
               for s in row if not s.hidden)


def _banded_rows(page: Page, spans: Sequence[Span]) -> tuple[list[list[Span]], list[int]]:
    """Rows in reading order for a page with no page-wide columns. Between full-width lines,
    a band may still hold two sections side by side (Experience | Education): each such band
    is read left side first, then right side."""
    rows = _rows(spans)
    bands: list[list[list[Span]]] = [[]]
    for row in rows:
        if _full_width(row, page.width):
            bands.extend([[row], []])
        else:
            bands[-1].append(row)
    ordered: list[list[Span]] = []
    columns: list[int] = []
    for band in bands:
        band_rows, band_columns = _read_band(band, page.width)
        ordered.extend(band_rows)
        columns.extend(band_columns)
    return ordered, columns


def _read_band(band: list[list[Span]], width: float) -> tuple[list[list[Span]], list[int]]:
    """A band's rows in reading order with their columns: as they are, or, split at a gutter,
    the left side's rows and then the right side's. Where the gutter search finds none but
    headings side by side open sections (`_sections_side_by_side`), the rows above them are
    read as they are and the rest split at the gutter the headings show."""
    band_spans = [s for row in band for s in row]
    if len(band) < MIN_BAND_ROWS:
        return band, [0] * len(band)
    head: list[list[Span]] = []
    gutter = _column_gutter(band_spans, width)
    if gutter is None and (start := _sections_side_by_side(band_spans)) is not None:
        top, gutter = start
        above = next((i for i, row in enumerate(band) if any(s.bottom > top for s in row)),
                     len(band))
        head, band_spans = band[:above], [s for row in band[above:] for s in row]
    if gutter is None:
        return band, [0] * len(band)
    ordered, columns = list(head), [0] * len(head)
    for index, side in enumerate((
            [s for s in band_spans if (s.x0 + s.x1) / 2 < gutter],
            [s for s in band_spans if (s.x0 + s.x1) / 2 >= gutter])):
        side_rows = _rows(side)
        ordered.extend(side_rows)
        columns.extend([index] * len(side_rows))
    return ordered, columns


def assemble_page(page: Page, spans: Sequence[Span]) -> tuple[Page, list[list[Span]], list[int]]:
    """Split a page into columns when it has them; return rows in reading order."""
    gutter = _column_gutter(spans, page.width)
    if gutter is None:
        return page, *_banded_rows(page, spans)

    crossing = [s for s in spans if s.x0 < gutter < s.x1]
    column_tops = [s.top for s in spans if not (s.x0 < gutter < s.x1)]
    mid = median(column_tops) if column_tops else 0.0
    header_bottom = max((s.bottom for s in crossing if s.top < mid), default=0.0)
    visible = [s for s in spans if not s.hidden]
    left = [s for s in visible if s.x1 <= gutter]
    right = [s for s in visible if s.x0 >= gutter]
    sections_start = _headings_side_by_side(left, right)
    if sections_start is not None and sections_start < mid and header_bottom > 0 and any(
            not any(header_bottom < s.top < sections_start for s in side)
            for side in (left, right)):
        # Side-by-side headings open both columns right under the header (one side has
        # nothing between): the header ends above them, with what the other side holds there
        # (contact lines), and a span below them that runs over the gutter (a date set flush
        # against it) is in a column.
        header_bottom = max((s.bottom for s in visible if s.top < sections_start), default=0.0)
    header = [s for s in spans if s.bottom <= header_bottom + 0.5]
    body = [s for s in spans if s.bottom > header_bottom + 0.5]
    left_col = [s for s in body if (s.x0 + s.x1) / 2 < gutter]
    right_col = [s for s in body if (s.x0 + s.x1) / 2 >= gutter]
    ordered: list[list[Span]] = []
    columns: list[int] = []
    for index, group in enumerate((header, left_col, right_col)):
        group_rows = _rows(group)
        ordered.extend(group_rows)
        columns.extend([max(0, index - 1)] * len(group_rows))
    split_page = Page(page.index, page.width, page.height, columns=2, gutters=(gutter,))
    return split_page, ordered, columns


def _stacked(a: Span, b: Span) -> bool:
    """`b` sits right under `a` in one vertical run of letters."""
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    width = min(a.x1 - a.x0, b.x1 - b.x0)
    return overlap >= STACK_OVERLAP * width and abs(b.top - a.bottom) <= STACK_BREAK * width


def _stack_text(letters: list[Span]) -> str:
    """The label a stack spells, read upwards (text turned anticlockwise, as margin labels
    mostly are) unless only the downward reading names a section."""
    width = median(s.x1 - s.x0 for s in letters)
    down = letters[0].text.strip()
    for above, below in zip(letters, letters[1:], strict=False):
        space = " " if below.top - above.bottom > STACK_SPACE * width else ""
        down += space + below.text.strip()
    up = down[::-1]
    return down if letters_only(down) in section_names() and (
        letters_only(up) not in section_names()) else up


def _stackable(text: str) -> bool:
    return len(text) == 1 and (text.isalpha() or text in STACK_MARKS)


def _join_rotated_labels(spans: Sequence[Span]) -> list[Span]:
    """Letters stacked one per span (a label turned 90°) joined into one span, set where the
    label begins: at the top of its stack, so it is read before the rows it labels. A turned
    narrow letter ("I") is short across the page and was taken for tiny text: it is not."""
    letters = sorted((s for s in spans if _stackable(s.text.strip())
                      and s.hidden_reason in ("", TINY)), key=lambda s: (s.top, s.x0))
    stacks: list[list[Span]] = []
    for letter in letters:
        stack = next((st for st in stacks if _stacked(st[-1], letter)), None)
        if stack is None:
            stacks.append([letter])
        else:
            stack.append(letter)
    labels: dict[str, Span] = {}  # the id of a stack's top letter -> the label it becomes
    absorbed: set[str] = set()  # the ids of the other letters
    for stack in (st for st in stacks if len(st) >= MIN_STACKED_LETTERS):
        x0, x1 = min(s.x0 for s in stack), max(s.x1 for s in stack)
        top = stack[0].top
        labels[stack[0].id] = replace(
            stack[0], text=_stack_text(stack), bbox=(x0, top, x1, top + x1 - x0),
            size=median(s.x1 - s.x0 for s in stack), emphasis_breaks=(), hidden=False,
            hidden_reason="")
        absorbed.update(s.id for s in stack[1:])
    return [labels.get(s.id, s) for s in spans if s.id not in absorbed]


def _x_range(rows: Sequence[Sequence[Span]]) -> tuple[float, float]:
    return min(s.x0 for row in rows for s in row), max(s.x1 for row in rows for s in row)


def _continued_run(rows: list[list[Span]], columns: list[int]) -> int:
    """How many rows open the page in one column before its first section heading: the end of
    a section begun on the previous page."""
    count = 0
    while (count < len(rows) and columns[count] == columns[0]
           and not any(_names_section(s) for s in rows[count])):
        count += 1
    return count


def _continued_column(lo: float, hi: float, previous: dict[int, tuple[float, float]]
                      ) -> int | None:
    """The column of the page before that rows reaching from `lo` to `hi` continue: the one
    they lie within; or, wider than any, the widest, if they start at its left edge (a main
    column goes on at full width once its sidebar has ended). None if no one column fits."""
    inside = [c for c, (c_lo, c_hi) in previous.items()
              if c_lo - EDGE_SLACK_PT <= lo and hi <= c_hi + EDGE_SLACK_PT]
    if inside:
        return inside[0] if len(inside) == 1 else None
    widest = max(previous, key=lambda c: previous[c][1] - previous[c][0])
    return widest if abs(previous[widest][0] - lo) <= EDGE_SLACK_PT else None


def _follow_continuations(pages: list[tuple[list[list[Span]], list[int]]]) -> list[
        tuple[list[Span], int, int]]:
    """Rows of all pages in reading order, each with its column and page number.

    Page by page, except where a page opens by continuing a column that was not the last read on
    the page before (a main column with a sidebar right of it, or side-by-side sections): those
    rows are read right after that column, so the section they finish is still the one open."""
    ordered: list[tuple[list[Span], int, int]] = []
    previous: dict[int, tuple[float, float]] = {}  # column -> its x range on the page before
    previous_end: dict[int, int] = {}  # column -> index in `ordered` after its last row
    for page_index, (rows, columns) in enumerate(pages):
        run = _continued_run(rows, columns) if rows and len(previous) > 1 else 0
        target = _continued_column(*_x_range(rows[:run]), previous) if run else None
        if target is not None:
            at = previous_end[target]
            ordered[at:at] = [(row, columns[i], page_index) for i, row in enumerate(rows[:run])]
            rows, columns = rows[run:], columns[run:]
        ordered.extend((row, column, page_index) for row, column in zip(rows, columns, strict=True))
        previous, previous_end = {}, {}
        # Over all rows read so far: a page read whole into the page before it is still where
        # the page after it goes on from.
        for index, (row, column, page) in enumerate(ordered):
            if page == page_index:
                lo, hi = _x_range([row])
                c_lo, c_hi = previous.get(column, (lo, hi))
                previous[column] = (min(lo, c_lo), max(hi, c_hi))
                previous_end[column] = index + 1
    return ordered


def assemble(pages: Sequence[Page], spans_by_page: Sequence[Sequence[Span]]) -> tuple[
    list[Page], list[Line]
]:
    """Lines for the whole document in reading order: page after page, column after column,
    a column continued on the next page read on (`_follow_continuations`)."""
    out_pages: list[Page] = []
    per_page: list[tuple[list[list[Span]], list[int]]] = []
    for page, spans in zip(pages, spans_by_page, strict=True):
        new_page, rows, columns = assemble_page(page, _join_rotated_labels(spans))
        out_pages.append(new_page)
        per_page.append((rows, columns))
    lines = [Line(f"l{index}", tuple(row), out_pages[page].index, column)
             for index, (row, column, page) in enumerate(_follow_continuations(per_page))]
    return out_pages, lines
