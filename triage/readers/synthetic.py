"""A notional page for formats without geometry (DOCX, text, JSON Resume).

Those readers describe the resume as a list of `Block`s (a heading, a paragraph, a bullet, with
emphasis and an optional right-aligned field such as dates); this module lays them out on Letter
pages the way a plain word-processor template would, so the skim model sees position and
typography for every format.
"""

from __future__ import annotations

from dataclasses import dataclass

from triage.document import PAGE_APPROXIMATE, Document, Page, Span
from triage.errors import EmptyFileError, OverLimitError
from triage.readers.layout import assemble

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US Letter, points
MARGIN = 54.0
CHAR_WIDTH_EM = 0.5  # average glyph width of a proportional font, in ems
LINE_GAP = 1.3  # line height as a multiple of the font size
BULLET = "•"
# A wide gap inside a paragraph (a tab, or a row of spaces a template uses to set fields apart):
# kept in Block text as this character and laid out as a break between two spans, as it prints.
FIELD_GAP = "\t"
GAP_CHARS = 3  # the gap's width in average glyphs


@dataclass(frozen=True)
class Block:
    """One paragraph as a word processor would hold it."""

    text: str
    size: float = 10.0
    bold: bool = False
    italic: bool = False
    bullet: bool = False
    right: str = ""  # right-aligned field on the first line (dates, place)
    space_before: float = 0.0  # extra points above, as paragraph spacing
    center: bool = False
    indent: float = 0.0
    field: str = ""  # what the source says the text is (see `Span.field`), if it says
    right_field: str = ""  # ... and the right-aligned field
    hidden_reason: str = ""  # why a reader cannot see this text (white, tiny, hidden), if so


def _words(text: str) -> list[str]:
    """Words of a paragraph, each field gap a word of its own."""
    return text.replace(FIELD_GAP, f" {FIELD_GAP} ").split(" ")


def _wrap(text: str, size: float, width: float) -> list[str]:
    max_chars = max(10, int(width / (size * CHAR_WIDTH_EM)))
    lines: list[str] = []
    current = ""
    for word in filter(None, _words(text)):
        if current and len(current) + 1 + len(word) > max_chars:
            lines.append(current.strip(FIELD_GAP + " "))
            current = "" if word == FIELD_GAP else word
        else:
            current = f"{current} {word}" if current else word
    current = current.strip(FIELD_GAP + " ")
    if current:
        lines.append(current)
    return [line.replace(f" {FIELD_GAP} ", FIELD_GAP) for line in lines]


def _width(text: str, size: float) -> float:
    return len(text) * size * CHAR_WIDTH_EM


def layout_capped(blocks: list[Block], source_format: str, max_chars: int,
                  empty_message: str) -> Document:
    """Lay out the blocks that fit within `max_chars`, saying so when some were dropped.

    Raises EmptyFileError with `empty_message` when no block has text.
    """
    kept: list[Block] = []
    chars = 0
    for block in blocks:
        chars += len(block.text) + len(block.right)
        if chars > max_chars:
            break
        kept.append(block)
    if not any(b.text.strip() for b in kept):
        if any(b.text.strip() for b in blocks):  # the text is there: its first part is too long
            raise OverLimitError(
                f"One field of this file alone holds over {max_chars:,} characters; a whole "
                "resume holds fewer, so it was not read. Upload the resume alone.")
        raise EmptyFileError(empty_message)
    document = layout_blocks(kept, source_format)
    if len(kept) < len(blocks):
        document.warnings.append(f"Only the first {max_chars:,} characters of this file were read.")
    return document


def layout_blocks(blocks: list[Block], source_format: str) -> Document:
    """Place blocks top to bottom on as many Letter pages as they need."""
    spans_by_page: list[list[Span]] = [[]]
    y = MARGIN
    usable = PAGE_WIDTH - 2 * MARGIN

    def add(text: str, x: float, top: float, block: Block, size: float) -> None:
        page = len(spans_by_page) - 1
        spans = spans_by_page[page]
        spans.append(
            Span(
                id=f"p{page}s{len(spans)}",
                text=text,
                page=page,
                bbox=(x, top, min(PAGE_WIDTH - MARGIN, x + _width(text, size)), top + size),
                size=size,
                bold=block.bold,
                italic=block.italic,
                field=block.field,
                hidden=bool(block.hidden_reason),
                hidden_reason=block.hidden_reason,
            )
        )

    for block in blocks:
        if not block.text.strip():
            continue
        size = block.size
        indent = block.indent + (14.0 if block.bullet else 0.0)
        right_room = _width(block.right, size) + 12 if block.right else 0.0
        wrapped = _wrap(block.text, size, usable - indent - right_room)
        y += block.space_before
        for index, text in enumerate(wrapped):
            if y + size * LINE_GAP > PAGE_HEIGHT - MARGIN:
                spans_by_page.append([])
                y = MARGIN
            x = MARGIN + indent
            if block.center:
                x = (PAGE_WIDTH - _width(text, size)) / 2
            if index == 0 and block.bullet:
                text = f"{BULLET} {text}"
                x -= 10.0
            for chunk in text.split(FIELD_GAP):
                add(chunk, x, y, block, size)
                x += _width(chunk, size) + GAP_CHARS * size * CHAR_WIDTH_EM
            if index == 0 and block.right:
                right_x = PAGE_WIDTH - MARGIN - _width(block.right, size)
                add(block.right, right_x, y,
                    Block(block.right, size, italic=block.italic, field=block.right_field), size)
            y += size * LINE_GAP
    pages = [Page(i, PAGE_WIDTH, PAGE_HEIGHT) for i in range(len(spans_by_page))]
    out_pages, lines = assemble(pages, spans_by_page)
    return Document(out_pages, lines, source_format, page_source=PAGE_APPROXIMATE)
