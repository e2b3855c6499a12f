"""Bounds on pdfminer's work: a hostile PDF is refused before it can make pdfminer hang or fill
memory.

pdfminer trusts the file: it inflates a Flate stream whole however large it grows, follows a
reference that points at itself forever, and interprets a page's content however long it is.
Each bound here is checked before the step it protects (the limits are in `ReaderLimits`):
- `check_inflation` measures every Flate stream with a bounded inflater before pdfminer opens
  the file, so a 1 MB stream that would inflate to 1 GB costs at most the limit;
- `BoundedDocument` follows chains of references itself and stops at a circle;
- `BoundedInterpreter` checks a page's content size before interpreting it, and the glyph
  device (`GlyphDevice.budget`) stops a page that draws far more text than a page holds.
"""

from __future__ import annotations

import logging
import re
import zlib

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

from triage.errors import CorruptFileError, FileTooLargeError, OverLimitError
from triage.readers.limits import ReaderLimits

# pdfminer logs what it tolerates in a damaged file as warnings; with no handler configured they
# reach stderr beside our one sentence. The sentence is what a person reads.
logging.getLogger("pdfminer").setLevel(logging.CRITICAL + 1)

_STREAM = re.compile(rb"stream\r?\n")
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
        inflater = zlib.decompressobj()
        room = min(limits.max_stream_bytes, limits.max_inflated_bytes - total) + 1
        try:
            size = len(inflater.decompress(data[start:end if end != -1 else None], room))
        except zlib.error:
            continue  # not Flate (or damaged): pdfminer's own handling applies
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
