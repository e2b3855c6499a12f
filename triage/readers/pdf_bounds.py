"""Bounds on pdfminer's work: a hostile PDF is refused before it can make pdfminer hang or fill
memory.

pdfminer trusts the file: it inflates a Flate stream whole however large it grows, follows a
reference that points at itself forever, and interprets a page's content however long it is.
Each bound here is checked before the step it protects (the limits are in `ReaderLimits`):
- `check_inflation` measures every Flate stream with a bounded inflater before pdfminer opens
  the file, so a 1 MB stream that would inflate to 1 GB costs at most the limit;
- `BoundedDocument` follows chains of references itself and stops at a circle;
- `BoundedInterpreter` checks a page's content size before interpreting it, and the glyph
  device (`GlyphDevice.budget`) stops a page that draws far more text than a page holds;
- a few of pdfminer's own functions are replaced, with the same results: its recovery of a
  damaged Flate stream (quadratic); its reading of a font's width table, checked first (a
  range of codes is filled in one by one, so `-2147483648 0 500` filled memory); and the
  entries of a font's character map, counted as they are added (a ToUnicode range
  `<00000000> <FFFFFFFF>` is four billion of them).
"""

from __future__ import annotations

import logging
import re
import zlib
from collections.abc import Callable, Iterable

from pdfminer import cmapdb, pdffont, pdftypes
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

from triage.errors import CorruptFileError, FileTooLargeError, OverLimitError
from triage.readers.limits import ReaderLimits

# pdfminer logs what it tolerates in a damaged file as warnings; with no handler configured they
# reach stderr beside our one sentence. The sentence is what a person reads.
logging.getLogger("pdfminer").setLevel(logging.CRITICAL + 1)

_STREAM = re.compile(rb"stream\r?\n")
# The longest token the file parser may build: object-level strings are titles and metadata
# (page content lives in streams, read whole, not as tokens).
MAX_TOKEN_BYTES = 1024 * 1024
MAX_REFERENCE_CHAIN = 32  # a reference to a reference ...: real files have chains of 1 or 2
_MB = 1024 * 1024


def check_inflation(data: bytes, limits: ReaderLimits) -> None:
    """Refuse a PDF with a Flate stream (or all of them together) that inflates past the limits.

    Every `stream` keyword's bytes are fed to a bounded inflater; bytes that are not zlib data
    (images, other filters) fail at once and are passed over. Work is bounded by the limits.
    """
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if data[start:start + 1] not in (b"x", b"X", b"h", b"H"):  # zlib's header first byte
            continue
        room = min(limits.max_stream_bytes, limits.max_inflated_bytes - total) + 1
        size = _inflated_size(data[start:end if end != -1 else None], room)
        if size > limits.max_stream_bytes:
            raise FileTooLargeError(
                f"A part of this PDF expands to more than {limits.max_stream_bytes // _MB} MB; "
                "a resume never holds that much, so it was not read. Export it again."
            )
        total += size
        if total > limits.max_inflated_bytes:
            raise FileTooLargeError(
                f"This PDF expands to more than {limits.max_inflated_bytes // _MB} MB; a resume "
                "never holds that much, so it was not read. Export it again."
            )


_PIECE = 64 * 1024  # compressed bytes inflated at a time


def _inflated_size(body: bytes, room: int) -> int:
    """How many bytes `body` inflates to, counted up to `room`: as far as it goes when it is
    damaged part way (pdfminer recovers what comes before the damage), 0 when it is not zlib
    data at all (images and other filters fail at once)."""
    inflater = zlib.decompressobj()
    size = 0
    for at in range(0, len(body), _PIECE):
        try:
            size += len(inflater.decompress(body[at:at + _PIECE], room - size))
        except zlib.error:
            return size
        if size >= room or inflater.eof:
            break
    return size


def _decompress_damaged(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted`, in linear time: a Flate stream whose checksum (its
    last bytes) is damaged gives what inflates before the damage; damage before that raises
    zlib.error, as pdfminer's does. pdfminer's own feeds one byte at a time and joins the
    output as it goes: a damaged 500 KB stream took 26 s."""
    inflater = zlib.decompressobj()
    pieces = [inflater.decompress(data[:-3])]  # damage here raises, as in pdfminer
    for at in range(max(0, len(data) - 3), len(data)):
        try:
            pieces.append(inflater.decompress(data[at:at + 1]))
        except zlib.error:
            break
    return b"".join(pieces)


pdftypes.decompress_corrupted = _decompress_damaged

MAX_FONT_CODES = 65_536  # a CID font's codes are two bytes: its width table covers no more


def _checked_widths(read: Callable[[Iterable[object]], dict], per_range: int
                    ) -> Callable[[Iterable[object]], dict]:
    """pdfminer's reading of a CID font's width table (W or W2), refused when the table covers
    more codes than a font has: it fills in a range one code at a time. `per_range` numbers
    make a range entry (first code, last code, then the width and, vertically, its vector)."""
    def checked(table: Iterable[object]) -> dict:
        table = list(table)
        codes, numbers = 0, 0
        first: object = None
        for value in table:
            value = resolve1(value)
            if isinstance(value, list):
                codes, numbers = codes + len(value), 0
            elif isinstance(value, int | float):
                numbers += 1
                if numbers == 1:
                    first = value
                elif numbers == 2 and isinstance(first, int) and isinstance(value, int):
                    codes += max(0, value - first + 1)
                numbers %= per_range
            if codes > MAX_FONT_CODES:
                raise _damaged_font("width table")
        return read(table)
    return checked


def _damaged_font(part: str) -> CorruptFileError:
    return CorruptFileError(
        f"A font in this PDF is damaged (its {part} covers more codes than a font has), so "
        "the PDF could not be read; export it again from the original document.")


pdffont.get_widths = _checked_widths(pdffont.get_widths, 3)
pdffont.get_widths2 = _checked_widths(pdffont.get_widths2, 5)

# Entries one character map may take: every code of a two-byte font, twice over (a map may
# name a code more than once). pdfminer's parser adds a range's codes one at a time.
MAX_MAP_ENTRIES = 2 * MAX_FONT_CODES


def _counted(add: Callable[..., None]) -> Callable[..., None]:
    """A character map's `add_cid2unichr`, refusing the map past MAX_MAP_ENTRIES entries."""
    def counted(cmap: cmapdb.CMapBase, cid: int, code: object) -> None:
        entries = cmap.__dict__.get("_entries", 0) + 1
        if entries > MAX_MAP_ENTRIES:
            raise _damaged_font("character map")
        cmap.__dict__["_entries"] = entries
        add(cmap, cid, code)
    return counted


cmapdb.CMapBase.add_cid2unichr = _counted(cmapdb.CMapBase.add_cid2unichr)
cmapdb.FileUnicodeMap.add_cid2unichr = _counted(cmapdb.FileUnicodeMap.add_cid2unichr)


class BoundedParser(PDFParser):
    """pdfminer's file parser, refusing a token longer than any a healthy file holds. A string
    left unclosed runs on to the end of the file, and pdfminer builds it by appending to bytes:
    quadratic in its length, and a damaged cross-reference table makes pdfminer parse it again
    from every object after it (a 6 MB mutant ran for minutes). The token is checked at each
    refill of the parser's buffer, so it never grows past MAX_TOKEN_BYTES by much."""

    def fillbuf(self) -> bool:
        if len(self._curtoken) > MAX_TOKEN_BYTES:
            raise CorruptFileError(
                "This PDF is damaged (a piece of its text never ends) and could not be read; "
                "export it again from the original document.")
        return super().fillbuf()


class BoundedDocument(PDFDocument):
    """A PDFDocument whose objects are never bare references: a chain of references is followed
    here, at most MAX_REFERENCE_CHAIN long, and a circle ends in an error (pdfminer's
    `resolve1` would loop on it forever)."""

    def getobj(self, objid: int) -> object:
        obj = super().getobj(objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen or len(seen) > MAX_REFERENCE_CHAIN:
                raise CorruptFileError(
                    "This PDF is damaged (its objects refer to one another in a circle) and "
                    "could not be read; export it again from the original document."
                )
            seen.add(obj.objid)
            obj = super().getobj(obj.objid)
        return obj


class BoundedInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, refusing a page whose content (its own streams and every form
    it draws, each time it draws one) is longer than a page ever needs, before it parses those
    bytes: pdfminer's parser costs tens of microseconds a token."""

    def __init__(self, manager, device, limits: ReaderLimits | None = None,
                 spent: list[int] | None = None) -> None:
        super().__init__(manager, device)
        self.limits = limits or ReaderLimits()
        self.spent = spent if spent is not None else [0]  # shared with the forms' interpreters
        self.page_number = 0

    def dup(self) -> BoundedInterpreter:
        twin = BoundedInterpreter(self.rsrcmgr, self.device, self.limits, self.spent)
        twin.page_number = self.page_number
        return twin

    def process_page(self, page) -> None:
        self.spent[0] = 0
        super().process_page(page)

    def render_contents(self, resources, streams, ctm=(1, 0, 0, 1, 0, 0)) -> None:
        for item in streams:
            item = resolve1(item)
            if isinstance(item, PDFStream):
                self.spent[0] += len(item.get_data())  # inflated, bounded by check_inflation
        if self.spent[0] > self.limits.max_page_content_bytes:
            raise OverLimitError(
                f"Page {self.page_number} of this PDF holds more than "
                f"{self.limits.max_page_content_bytes // 1024} KB of drawing instructions; a "
                "resume page needs far less, so it was not read."
            )
        super().render_contents(resources, streams, ctm)
