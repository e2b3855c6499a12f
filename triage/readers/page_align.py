"""Move a Document's spans onto another reading of the same text that knows the real page.

The DOCX reader knows what the text *is* (headings, emphasis, hidden runs, date fields) but not
where it sits; the PDF LibreOffice makes of the same file knows where it sits but not what Word
meant. So each DOCX span is looked for in the PDF's text: printed exactly, nearest the last one
found (either side: a date column is read before its titles, a sidebar after the main column),
else by fuzzy matching (rapidfuzz), right after the last one found first, so a line LibreOffice
wraps or hyphenates elsewhere still matches. A span found across several PDF lines or cells is
cut there, so each piece sits where its words are printed; the end of a line the notional page
wrapped joins its start again where the page prints the two together.

A span not found (text LibreOffice did not draw, or drew with glyphs the PDF reader cannot map)
is put just below the text that precedes it in the file, and the Document says how many were;
when too little is found the real page is not used at all. Hidden text is only looked for among
the page's invisible text (white, tiny): switched-off text is never drawn and is put by its
paragraph, still hidden.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from triage.document import Document, Page, Span
from triage.readers.layout import assemble
from triage.readers.synthetic import BULLET

MIN_SCORE = 85.0  # rapidfuzz partial-ratio a span must reach where it is found (0-100)
EXACT_BELOW = 8  # a span shorter than this (in characters) must be found exactly, as words
WINDOW_SLACK = 64  # characters past the span's own length searched first, after the last find
MIN_RUN = 3  # an end run of matching characters shorter than this, cut off from the rest, is
# chance (a space or a letter of the line before), not the span
MIN_PLACED_SHARE = 0.8  # below this share of visible characters found, the real page is not used
MAX_JOIN_GAP = 3  # characters between a wrapped line's end and its start on one printed line
# (a space, a hyphen the page added) for the two to be one span again
MASK = "\x00"  # text already given to a span: never matched again
_FOLD = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "’": "'", "‘": "'",
                       "“": '"', "”": '"', "\u00a0": " ", "\t": " "})


def _fold_char(char: str) -> str:
    """One character as compared: compatibility form, lower case, one dash and quote kind.
    Always one character, so positions in the folded text are positions in the original."""
    folded = unicodedata.normalize("NFKC", char).lower()
    return (folded if len(folded) == 1 else char).translate(_FOLD)[:1] or " "


def fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


@dataclass
class Placement:
    """How well a Document was placed: characters (not spaces) of visible spans found on the
    page, and how many spans were not found."""

    visible_chars: int = 0
    found_chars: int = 0
    unfound_visible: list[str] = field(default_factory=list)
    unfound_hidden: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.found_chars / self.visible_chars if self.visible_chars else 1.0


class _Haystack:
    """The target's spans in reading order as one folded text, each character knowing its span
    and its offset in that span; a space joins two spans."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        chars: list[str] = []
        self.owner: list[int] = []
        self.offset: list[int] = []
        for index, span in enumerate(self.spans):
            if chars:
                chars.append(" ")
                self.owner.append(-1)
                self.offset.append(-1)
            chars.extend(fold(span.text))
            self.owner.extend([index] * len(span.text))
            self.offset.extend(range(len(span.text)))
        self.text = "".join(chars)
        self.cursor = 0

    def claim(self, start: int, end: int) -> None:
        self.text = self.text[:start] + MASK * (end - start) + self.text[end:]
        self.cursor = end

    def find(self, needle: str) -> tuple[int, int] | None:
        """Where `needle` best sits: printed exactly, nearest the last find (either side: a
        date column is read before its titles, a wrapped line's end after the dates beside
        its start), else its best fuzzy match right after the last find, else anywhere.
        Short text is only matched exactly, as whole words ('it' is not in 'with')."""
        if not needle.strip():
            return None
        before = r"(?<![^\W_])" if needle[:1].isalnum() else ""
        after = r"(?![^\W_])" if needle[-1:].isalnum() else ""
        hits = [m.span() for m in re.finditer(before + re.escape(needle) + after, self.text)]
        if hits or len(needle) < EXACT_BELOW:
            return min(hits, key=self._distance) if hits else None
        ahead = (self.cursor, self.cursor + 2 * len(needle) + WINDOW_SLACK)
        for lo, hi in (ahead, (0, len(self.text))):
            near = fuzz.partial_ratio_alignment(needle, self.text[lo:hi], score_cutoff=MIN_SCORE)
            if near is not None:
                return lo + near.dest_start, lo + near.dest_end
        return None

    def _distance(self, hit: tuple[int, int]) -> int:
        return hit[0] - self.cursor if hit[0] >= self.cursor else self.cursor - hit[1]

    def map(self, needle: str, start: int, end: int) -> list[int | None]:
        """For each character of `needle`, the haystack position it matches in [start, end),
        or None; the matched stretch is claimed. Where the needle's ends find nothing there
        (the page added a hyphen or a line break inside), the stretch grows by what is
        missing, and no further: a wide margin would take letters of the next line."""
        positions: list[int | None] = [None] * len(needle)
        for _ in range(3):
            positions = self._positions(needle, start, end)
            found = [i for i, p in enumerate(positions) if p is not None]
            if not found:
                break
            short_left, short_right = found[0], len(needle) - 1 - found[-1]
            if not short_left and not short_right:
                break
            grown = (max(0, start - short_left - 1), min(len(self.text), end + short_right + 1))
            if grown == (start, end):
                break
            start, end = grown
        found = [p for p in positions if p is not None]
        if found:
            self.claim(min(found), max(found) + 1)
        return positions

    def _positions(self, needle: str, start: int, end: int) -> list[int | None]:
        blocks = [(op.src_start, op.dest_start + start, op.src_end - op.src_start)
                  for op in Indel.opcodes(needle, self.text[start:end]) if op.tag == "equal"]
        while len(blocks) > 1 and blocks[0][2] < MIN_RUN and (
                blocks[1][1] > blocks[0][1] + blocks[0][2]):
            blocks.pop(0)
        while len(blocks) > 1 and blocks[-1][2] < MIN_RUN and (
                blocks[-1][1] > blocks[-2][1] + blocks[-2][2]):
            blocks.pop()
        positions: list[int | None] = [None] * len(needle)
        for src, dest, size in blocks:
            for k in range(size):
                if not needle[src + k].isspace():
                    positions[src + k] = dest + k
        return positions


def _prefix(text: str) -> int:
    """Characters of the synthetic bullet marker at the start: not printed as text on a page."""
    marker = f"{BULLET} "
    return len(marker) if text.startswith(marker) else 0


def _pieces(span: Span, positions: list[int | None], hay: _Haystack, page_widths: list[float]
            ) -> list[tuple[Span, int, int]]:
    """The span cut where its characters move from one target span to the next, each piece
    with the box its characters have there, and the haystack positions of its first and last
    matched characters."""
    owners = [hay.owner[p] if p is not None and hay.owner[p] >= 0 else None for p in positions]
    filled: list[int | None] = []
    last = next((o for o in owners if o is not None), None)
    for owner in owners:
        last = owner if owner is not None else last
        filled.append(last)
    runs: list[tuple[int, int]] = []
    for index, owner in enumerate(filled):
        if runs and filled[runs[-1][0]] == owner:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    pieces: list[tuple[Span, int, int]] = []
    for number, (start, end) in enumerate(runs):
        if number < len(runs) - 1:  # a cell or line boundary: text the page does not show
            # before it is a joiner (the ' | ' between table cells), which stays behind
            while end > start and owners[end - 1] is None:
                end -= 1
        while start < end and span.text[start].isspace():
            start += 1
        while end > start and span.text[end - 1].isspace():
            end -= 1
        matched = [i for i in range(start, end) if owners[i] is not None]
        if not matched:
            continue
        target = hay.spans[filled[start]]  # type: ignore[index]
        per_char = (target.x1 - target.x0) / max(1, len(target.text))
        first, final = hay.offset[positions[matched[0]]], hay.offset[positions[matched[-1]]]
        x0 = target.x0 + per_char * (first - (matched[0] - start))
        x1 = target.x0 + per_char * (final + 1 + (end - 1 - matched[-1]))
        bbox = (max(0.0, x0), target.top, min(page_widths[target.page], x1), target.bottom)
        breaks = tuple(b - start for b in span.emphasis_breaks if start < b < end)
        pieces.append((replace(span, text=span.text[start:end], page=target.page, bbox=bbox,
                               emphasis_breaks=breaks),
                       positions[matched[0]], positions[matched[-1]]))  # type: ignore[arg-type]
    return pieces


def _same_style(a: Span, b: Span) -> bool:
    return (a.size, a.bold, a.italic, a.color, a.font, a.hidden, a.field) == (
        b.size, b.bold, b.italic, b.color, b.font, b.hidden, b.field)


def _join(a: Span, b: Span) -> Span:
    """Two pieces of one printed span as one: the notional page wrapped a paragraph at another
    place than the real page, and a line on the page is one line."""
    shift = len(a.text) + 1
    return replace(a, text=f"{a.text} {b.text}",
                   bbox=(min(a.x0, b.x0), min(a.top, b.top), max(a.x1, b.x1),
                         max(a.bottom, b.bottom)),
                   emphasis_breaks=a.emphasis_breaks + tuple(x + shift
                                                             for x in b.emphasis_breaks))


def _beside(span: Span, anchor: Span | None, pages: Sequence[Page]) -> Span:
    """A span not found on the page, put just below the text before it (or at the top of the
    first page), its width as the approximate layout had it."""
    page = pages[anchor.page] if anchor else pages[0]
    width = min(span.x1 - span.x0, page.width)
    x0 = min(anchor.x0, page.width - width) if anchor else 0.0
    top = min(anchor.bottom, page.height - span.size) if anchor else 0.0
    return replace(span, page=page.index, bbox=(x0, top, x0 + width, top + span.size))


def place_on_pages(document: Document, page: Document) -> tuple[Document, Placement]:
    """`document`'s spans (text, typography, fields, hidden flags) on `page`'s pages, each where
    its text is printed there, lines and columns rebuilt from those positions."""
    visible = _Haystack([s for s in page.spans() if not s.hidden])
    hidden = _Haystack([s for s in page.spans() if s.hidden])
    widths = [p.width for p in page.pages]
    report = Placement()
    placed: list[Span] = []
    # Pieces placed from the line before and from this line: (index in placed, haystack, last
    # matched position), where a wrapped line's end may find its start.
    before: list[tuple[int, _Haystack, int]] = []
    current: list[tuple[int, _Haystack, int]] = []
    pending: list[tuple[int, Span]] = []  # (index in placed to follow, span) not found
    for line in document.lines:
        before, current = current, []
        for span in line.spans:
            hay = hidden if span.hidden else visible
            skip = _prefix(span.text)
            needle = fold(span.text)
            where = hay.find(needle[skip:])
            positions: list[int | None] = [None] * len(span.text)
            if where is not None:
                positions[skip:] = hay.map(needle[skip:], *where)
            pieces = _pieces(span, positions, hay, widths) if where is not None else []
            if not span.hidden:
                report.visible_chars += sum(not c.isspace() for c in span.text[skip:])
                report.found_chars += sum(p is not None for p in positions) if pieces else 0
            if not pieces:
                (report.unfound_hidden if span.hidden else report.unfound_visible).append(
                    span.text)
                pending.append((len(placed), span))
                continue
            first, start, end = pieces[0]
            joined = next((index for index, h, last in before if h is hay
                           and 0 < start - last <= MAX_JOIN_GAP
                           and hay.owner[start] == hay.owner[last]
                           and _same_style(placed[index], first)), None)
            if joined is not None:  # a wrapped line's end, printed right after its start
                placed[joined] = _join(placed[joined], first)
                current.append((joined, hay, end))
            else:
                current.append((len(placed), hay, end))
                placed.append(first)
            for piece, _, end in pieces[1:]:
                current.append((len(placed), hay, end))
                placed.append(piece)
    for inserted, (position, span) in enumerate(pending):
        at = position + inserted  # after the spans not found before it, in file order
        placed.insert(at, _beside(span, placed[at - 1] if at else None, page.pages))
    spans_by_page: list[list[Span]] = [[] for _ in page.pages]
    for span in placed:
        spans_by_page[span.page].append(replace(span, id=f"p{span.page}s"
                                                          f"{len(spans_by_page[span.page])}"))
    pages = [Page(p.index, p.width, p.height) for p in page.pages]
    out_pages, lines = assemble(pages, spans_by_page)
    warnings = list(document.warnings)
    if report.unfound_visible:
        warnings.append(f"{len(report.unfound_visible)} piece(s) of text were not found on the "
                        "page LibreOffice laid out; they are placed after the text before them.")
    return Document(out_pages, lines, document.source_format, warnings), report
