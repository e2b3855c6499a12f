"""Word (DOCX) reader: paragraphs and tables in document order, with the emphasis a reader sees.

A DOCX has no fixed layout, so each paragraph becomes a `Block` (headings large and bold, list
items as bullets, dates pushed right by a tab or a table cell moved to the right-hand field) and
the synthetic page places them; where LibreOffice is installed, those spans then move to where
its layout of the file prints them (`docx_page`). The archive is checked for zip bombs from its
directory alone, before anything is decompressed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from io import BytesIO
from typing import TypeVar

from docx.exceptions import PythonDocxError
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from triage.document import Document
from triage.errors import (
    CorruptFileError,
    EncryptedFileError,
    FileTooLargeError,
    OverLimitError,
    ReadError,
)
from triage.readers.docx_page import on_real_page
from triage.readers.limits import ReaderLimits
from triage.readers.synthetic import FIELD_GAP, Block, layout_capped
from triage.readers.text import is_date_range, split_trailing_dates
from triage.readers.visibility import PAPER, TINY, TINY_PT, blends_in, note_hidden

NAME_SIZE, HEADING1_SIZE, SECTION_SIZE, BODY_SIZE = 20.0, 18.0, 12.0, 10.0
MANUAL_LARGE_PT = 14.0  # an explicit run size this big is a hand-made heading or name
PARAGRAPH_GAP = 6.0
MAX_TABLE_DEPTH = 5  # nested tables deeper than this are skipped, not recursed into
T = TypeVar("T")
Rgb = tuple[float, float, float]
_HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")
_LETTER_EMU = (7_772_400, 10_058_400)  # 8.5 x 11 in
_MANUAL_BULLETS = ("•", "·", "▪", "◦", "‣", "-", "–", "*", "o ")


def _check_archive(data: bytes, limits: ReaderLimits) -> None:
    """Refuse zip bombs and non-Word archives using only the central directory."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise CorruptFileError(
            "This Word file is damaged or incomplete and could not be read; export it again."
        ) from exc
    total = sum(info.file_size for info in infos)
    compressed = max(1, sum(info.compress_size for info in infos))
    if total > limits.max_unzipped_bytes or total / compressed > limits.max_zip_ratio:
        raise FileTooLargeError(
            "This Word file would expand too much when opened (it may be a zip bomb), so it was "
            "not read; save it again from Word."
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise EncryptedFileError(
            "This Word file is password-protected; save an unprotected copy and upload it again."
        )
    main = next((info for info in infos if info.filename == "word/document.xml"), None)
    if main is None:
        raise CorruptFileError(
            "This Word file is missing its main document part; export it again from Word."
        )
    if main.file_size > limits.max_document_xml_bytes:
        raise OverLimitError(
            f"This Word file's text part is {main.file_size / 1_048_576:.0f} MB; a resume's is "
            f"under {limits.max_document_xml_bytes / 1_048_576:.0f} MB. Save a copy without "
            "the extra content and upload it again."
        )


def _safe(read: Callable[[], T], default: T) -> T:
    """An attribute python-docx parses strictly (an unknown enum value raises): odd formatting
    must not make a readable paragraph unreadable."""
    try:
        return read()
    except (ValueError, KeyError, AttributeError, TypeError, PythonDocxError):
        return default


def _style_chain(style: object) -> Iterator[object]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = getattr(style, "base_style", None)
        seen += 1


def _style_flag(style: object, name: str) -> bool:
    """A font flag (bold/italic) as the style and its ancestors set it."""
    for st in _style_chain(style):
        value = getattr(getattr(st, "font", None), name, None)
        if value is not None:
            return bool(value)
    return False


def _run_flag(run: object, paragraph_style: object, name: str) -> bool:
    value = getattr(run, name, None)
    if value is not None:
        return bool(value)
    run_style = getattr(run, "style", None)
    if run_style is not None and getattr(run_style, "name", "") != "Default Paragraph Font":
        for st in _style_chain(run_style):
            v = getattr(getattr(st, "font", None), name, None)
            if v is not None:
                return bool(v)
    return _style_flag(paragraph_style, name)


def _paragraph_style(paragraph: Paragraph) -> object:
    """The paragraph's style, or None where the file's styles cannot say. Read once per
    paragraph: python-docx finds it among all the paragraph's children each time it is asked,
    so asking once per run made a paragraph of 50,000 runs take minutes."""
    return _safe(lambda: paragraph.style, None)


def _style_name(style: object) -> str:
    return _safe(lambda: style.name or "" if style is not None else "", "")


def _is_list(paragraph: Paragraph, style: object, style_name: str) -> bool:
    if "list" in style_name.lower():
        return True
    p_pr = paragraph._p.pPr
    if p_pr is not None and p_pr.find(qn("w:numPr")) is not None:
        return True
    for st in _style_chain(style):
        element = getattr(st, "element", None)
        p_pr = element.find(qn("w:pPr")) if element is not None else None
        if p_pr is not None and p_pr.find(qn("w:numPr")) is not None:
            return True
    return False


# A tab or a row of spaces, unless a range dash sits beside it ("Apr 2022   - Now" is one field).
_FIELD_GAP_RE = re.compile(r"(?<![-–—])\s*(?:\t|[^\S\t]{3,})\s*(?![-–—])")


def _squash(text: str) -> str:
    """One space between words, except where the paragraph sets fields apart with a tab or a row
    of spaces: that gap is kept (it prints as one)."""
    parts = _FIELD_GAP_RE.split(text.strip())
    return FIELD_GAP.join(" ".join(part.split()) for part in parts if part.strip())


def _fill(properties: object) -> Rgb | None:
    """The shading fill a w:rPr, w:pPr or w:tcPr sets, as RGB; None when it sets none ('auto')."""
    shading = properties.find(qn("w:shd")) if properties is not None else None
    value = shading.get(qn("w:fill"), "") if shading is not None else ""
    if not _HEX_COLOUR.fullmatch(value):
        return None
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def _background(run: object) -> Rgb:
    """What a run is printed on: its own shading, else its paragraph's, else its table cell's,
    else the paper."""
    element = run._r  # type: ignore[attr-defined]
    levels = [element.rPr]
    paragraph = next(element.iterancestors(qn("w:p")), None)
    levels.append(paragraph.pPr if paragraph is not None else None)
    cell = next(element.iterancestors(qn("w:tc")), None)
    levels.append(cell.tcPr if cell is not None else None)
    return next((fill for fill in map(_fill, levels) if fill is not None), PAPER)


def _hidden_reason(run: object, paragraph_style: object) -> str:
    """Why a reader cannot see this run: switched off, tiny, or in the colour it is printed on."""
    vanish = _safe(lambda: run.font.hidden, None)
    if vanish or (vanish is None
                  and _safe(lambda: _run_flag(run, paragraph_style, "hidden"), False)):
        return "hidden formatting"
    size = _safe(lambda: run.font.size, None)
    if isinstance(size, Length) and size.pt < TINY_PT:
        return TINY
    if _safe(lambda: run.font.highlight_color is not None, False):
        return ""  # a highlighter's colour under the text
    colour = _safe(lambda: run.font.color, None)
    rgb = _safe(lambda: colour.rgb if colour is not None and colour.type is not None else None,
                None)
    theme = str(_safe(lambda: colour.theme_color if colour is not None else None, None) or "")
    text_rgb = (PAPER if "BACKGROUND_1" in theme
                else (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255) if rgb is not None else None)
    if text_rgb is None:  # automatic colour: Word prints it dark on light, light on dark
        return ""
    return "same colour as background" if blends_in(text_rgb, _safe(
        lambda: _background(run), PAPER)) else ""


def _paragraph_blocks(paragraph: Paragraph, gap: float) -> list[Block]:
    """A paragraph's visible text as a Block, and its hidden runs (white, tiny or switched-off
    text) as a hidden Block after it, so the stuffing is seen as stuffing, not read as text."""
    style = _paragraph_style(paragraph)
    hidden = [(r, why) for r in paragraph.runs if r.text.strip()
              and (why := _hidden_reason(r, style))]
    visible_text = paragraph.text
    for run, _ in hidden:
        visible_text = visible_text.replace(run.text, " ", 1)
    block = _paragraph_block(paragraph, style, gap, visible_text, [r._r for r, _ in hidden])
    out = [block] if block is not None else []
    if hidden:
        out.append(Block(" ".join(" ".join(r.text for r, _ in hidden).split()), BODY_SIZE,
                         hidden_reason=hidden[0][1]))
    return out


def _paragraph_block(paragraph: Paragraph, style: object, gap: float, text: str,
                     hidden_runs: list[object]) -> Block | None:
    """The paragraph's visible text as a Block, or None when it has none. `hidden_runs` are the
    XML elements of runs to leave out (python-docx makes new Run objects on every access)."""
    text = text.replace("\r", "").replace("\n", " ")
    if not text.strip():
        return None
    style_name = _style_name(style)
    lowered = style_name.lower()
    runs = [r for r in paragraph.runs if r.text.strip() and r._r not in hidden_runs]
    bold = bool(runs) and all(_safe(lambda r=r: _run_flag(r, style, "bold"), False)
                              for r in runs)
    italic = bool(runs) and all(_safe(lambda r=r: _run_flag(r, style, "italic"), False)
                                for r in runs)
    size = BODY_SIZE
    if lowered == "title":
        size, bold = NAME_SIZE, True
    elif lowered == "heading 1":
        size, bold = HEADING1_SIZE, True
    elif lowered.startswith("heading") or lowered == "subtitle":
        size, bold = SECTION_SIZE, True
    else:
        sizes = [_safe(lambda r=r: r.font.size, None) for r in runs]
        explicit = [size for size in sizes if isinstance(size, Length)]
        if explicit and len(explicit) == len(runs) and max(explicit).pt >= MANUAL_LARGE_PT:
            size = min(round(max(explicit).pt), 28)
    bullet = _safe(lambda: _is_list(paragraph, style, style_name), False)
    body, right = text.strip(), ""
    if "\t" in text:
        head, _, tail = text.rpartition("\t")
        if head.strip() and is_date_range(tail):
            body, right = head.strip(), " ".join(tail.split())
    else:
        body, right = split_trailing_dates(body)
    if not bullet and body.startswith(_MANUAL_BULLETS) and len(body) > 2:
        marker = body[:2] if body.startswith("o ") else body[0]
        if body[len(marker):len(marker) + 1].isspace() or marker == "o ":
            bullet, body = True, body[len(marker):].strip()
    alignment = _safe(lambda: paragraph.alignment, None)
    center = alignment is not None and int(alignment) == 1  # CENTER
    return Block(_squash(body), size, bold=bold, italic=italic, bullet=bullet,
                 right=right, space_before=gap, center=center and not right)


def _unique_cells(row: object) -> list[_Cell]:
    """Cells of a row, once each (python-docx repeats a merged cell for every grid column)."""
    cells: list[_Cell] = []
    seen: set[int] = set()
    for cell in row.cells:  # type: ignore[attr-defined]
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _cell_blocks(cell: _Cell, depth: int) -> list[Block]:
    blocks: list[Block] = []
    for child in cell._tc.iterchildren():
        if child.tag == qn("w:p"):
            blocks.extend(_paragraph_blocks(Paragraph(child, cell), 0.0))
        elif child.tag == qn("w:tbl") and depth < MAX_TABLE_DEPTH:
            blocks.extend(_table_blocks(Table(child, cell), depth + 1))
    return blocks


def _table_blocks(table: Table, depth: int = 0) -> list[Block]:
    """Rows in order; a row whose one cell is a date range gives its dates to the other cell."""
    blocks: list[Block] = []
    for row in table.rows:
        cells = _unique_cells(row)
        texts = [" ".join(c.text.split()) for c in cells]
        filled = [(c, t) for c, t in zip(cells, texts, strict=True) if t]
        dates = [t for _, t in filled if is_date_range(t)]
        if len(filled) == 2 and len(dates) == 1:
            other = next(c for c, t in filled if t != dates[0])
            row_blocks = _cell_blocks(other, depth)
            if row_blocks:
                first = row_blocks[0]
                row_blocks[0] = Block(first.text, first.size, first.bold, first.italic,
                                      first.bullet, dates[0], first.space_before, False,
                                      first.indent)
            blocks.extend(row_blocks)
            continue
        per_cell = [_cell_blocks(c, depth) for c, _ in filled]
        # Text nobody can see is kept apart (as hidden blocks), never read across with the rest.
        hidden = [b for cell_blocks in per_cell for b in cell_blocks if b.hidden_reason]
        per_cell = [[b for b in cell_blocks if not b.hidden_reason] for cell_blocks in per_cell]
        per_cell = [cell_blocks for cell_blocks in per_cell if cell_blocks]
        blocks.extend(hidden)
        if per_cell and all(len(b) == 1 and not b[0].right for b in per_cell):
            # Single-line cells read across as one line, as the eye reads a table row.
            first = per_cell[0][0]
            joined = " | ".join(b[0].text for b in per_cell)
            blocks.append(Block(joined, first.size, all(b[0].bold for b in per_cell),
                                all(b[0].italic for b in per_cell), first.bullet))
        else:
            for cell_blocks in per_cell:
                blocks.extend(cell_blocks)
    return blocks


def _page_box(document: object) -> tuple[int, int]:
    """The first section's page width and height in EMU (Letter when it sets none)."""
    sections = document.sections  # type: ignore[attr-defined]
    if not len(sections):
        return _LETTER_EMU
    section = sections[0]
    return int(section.page_width or _LETTER_EMU[0]), int(section.page_height or _LETTER_EMU[1])


def _reach(anchor: object, axis: str, extent: int, page: int) -> tuple[int, int]:
    """Where a floating box's near edge can fall on one axis, in EMU from the page's edge: its
    offset from the page, or anywhere the offset puts it from a margin, column or paragraph."""
    position = anchor.find(qn(f"wp:position{axis}"))
    offset = position.find(qn("wp:posOffset")) if position is not None else None
    if offset is None or not (offset.text or "").strip().lstrip("-").isdigit():
        return (0, page - extent)  # aligned (left, centre, ...): on the page
    value = int(offset.text)
    return (value, value) if position.get("relativeFrom") == "page" else (value, value + page)


def _box_hidden_reason(box: object, page: tuple[int, int]) -> str:
    """Why nobody sees a text box: marked hidden, or floated wholly off the page."""
    anchor = next(box.iterancestors(qn("wp:anchor")), None)
    if anchor is None:
        return ""  # in line with the text
    properties = anchor.find(qn("wp:docPr"))
    if properties is not None and properties.get("hidden") in ("1", "true"):
        return "hidden formatting"
    extent = anchor.find(qn("wp:extent"))
    size = (int(extent.get("cx", 0)), int(extent.get("cy", 0))) if extent is not None else (0, 0)
    for axis, length, span in (("H", page[0], size[0]), ("V", page[1], size[1])):
        low, high = _reach(anchor, axis, span, length)
        if high + span <= 0 or low >= length:
            return "off-page"
    return ""


def _body_blocks(document: object) -> list[Block]:
    """Paragraphs and tables of the body in document order (python-docx lists them apart)."""
    body = document.element.body  # type: ignore[attr-defined]
    parent = document._body  # type: ignore[attr-defined]
    page = _safe(lambda: _page_box(document), _LETTER_EMU)
    blocks: list[Block] = []
    gap = 0.0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph_blocks(Paragraph(child, parent), gap)
            if block:
                blocks.extend(block)
                gap = 0.0
            # Text boxes (common in Word templates) live inside a run's drawing; skip the VML
            # fallback copy so each box is read once.
            boxed = False
            for box in child.iter(qn("w:txbxContent")):
                if any(a.tag.endswith("}Fallback") for a in box.iterancestors()):
                    continue
                boxed = True
                unseen = _safe(lambda box=box: _box_hidden_reason(box, page), "")
                if unseen:
                    text = " ".join("".join(t.text or "" for t in box.iter(qn("w:t"))).split())
                    blocks.extend([Block(text, BODY_SIZE, hidden_reason=unseen)] if text else [])
                    continue
                for p in box.iter(qn("w:p")):
                    inner = _paragraph_blocks(Paragraph(p, parent), gap)
                    if inner:
                        blocks.extend(inner)
                        gap = 0.0
            if not block and not boxed:
                gap = PARAGRAPH_GAP
        elif child.tag == qn("w:tbl"):
            table_blocks = _table_blocks(Table(child, parent))
            if table_blocks and gap:
                first = table_blocks[0]
                table_blocks[0] = Block(first.text, first.size, first.bold, first.italic,
                                        first.bullet, first.right, gap, first.center,
                                        first.indent)
            blocks.extend(table_blocks)
            gap = 0.0
    return blocks


def _header_blocks(document: object) -> list[Block]:
    """The first page header: résumé templates often put the name and contacts there."""
    try:
        section = document.sections[0]  # type: ignore[attr-defined]
        header = section.header
        if header.is_linked_to_previous:
            return []
        blocks = [b for p in header.paragraphs for b in _paragraph_blocks(p, 0.0)]
        for table in header.tables:
            blocks.extend(_table_blocks(table))
    except (IndexError, KeyError, AttributeError, ValueError, PythonDocxError):
        return []
    return blocks


def _check_runs(document: object, limits: ReaderLimits) -> None:
    """Refuse a file split into more runs (pieces of text formatted alike) than a resume ever
    is, counted in every part as parsed, before each run's formatting is read (~0.2 ms a run)."""
    parts = document.part.package.iter_parts()  # type: ignore[attr-defined]
    runs = sum(1 for part in parts if hasattr(part, "_element")
               for _ in part._element.iter(qn("w:r")))
    if runs > limits.max_docx_runs:
        raise OverLimitError(
            f"This Word file's text is split into {runs:,} separately formatted pieces, more "
            f"than the {limits.max_docx_runs:,} a resume ever has, so it was not read; save a "
            "copy without the extra content and upload it again.")


def read_docx(data: bytes, limits: ReaderLimits) -> Document:
    """Read a .docx resume: on the page LibreOffice lays it out on when it is installed (see
    `docx_page`), else on a notional Letter page."""
    _check_archive(data, limits)
    try:
        import docx

        document = docx.Document(BytesIO(data))
        # python-docx finds a paragraph's or run's style by scanning every style in the file,
        # on every access; each run asks several times. Looked up once per document instead
        # (the lookup is pure: the same id and type give the same style).
        document.part.get_style = cache(document.part.get_style)
        _check_runs(document, limits)
        blocks = _header_blocks(document) + _body_blocks(document)
    except ReadError:
        raise
    except Exception as exc:  # python-docx/lxml raise many types on malformed parts
        raise CorruptFileError(
            "This Word file is damaged and could not be read; export it again from Word."
        ) from exc
    approximate = note_hidden(layout_capped(
        blocks, "docx", limits.max_text_chars,
        "This Word file has no text (it may hold only images); upload a version with text.",
    ))
    return on_real_page(approximate, data, limits)
