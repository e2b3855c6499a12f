"""Bounds every reader shares: text a terminal can print, and a read document that is refused
when it holds more than a resume ever does, before structure, skim and signals work on it.

The limits themselves, each with why it has its value, are in `ReaderLimits`.
"""

from __future__ import annotations

import re

from triage.document import Document
from triage.errors import OverLimitError, TooManyPagesError
from triage.readers.limits import ReaderLimits

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD: JSON and PDF text maps can carry them,
    and no encoder can write one, so printing the text (CLI, JSON, the page) would fail."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def cut_tokens(text: str, max_chars: int) -> str:
    """`text` with every run of non-space characters longer than `max_chars` cut into pieces of
    that length (one pass). No real word is that long; an endless one would make every later
    per-word step pay for its length."""
    if len(text) <= max_chars:
        return text
    return re.sub(rf"\S{{{max_chars + 1},}}",
                  lambda m: " ".join(m.group()[i:i + max_chars]
                                     for i in range(0, len(m.group()), max_chars)), text)


def check_document(document: Document, limits: ReaderLimits) -> Document:
    """The document, if it is within the limits a resume stays in; else one plain sentence."""
    pages = len(document.pages)
    if pages > limits.max_pages:
        raise TooManyPagesError(
            f"This file reads as {pages} pages; a resume is at most {limits.max_pages}, so it "
            "was not read. Upload the resume alone."
        )
    if len(document.lines) > limits.max_lines:
        raise OverLimitError(
            f"This file holds {len(document.lines):,} lines of text; a resume holds at most "
            f"{limits.max_lines:,}, so it was not read. Upload the resume alone."
        )
    for line in document.lines:
        if len(line.text) > limits.max_line_chars or len(line.text.split()) > limits.max_line_words:
            raise OverLimitError(
                f"A line on page {line.page + 1} of this file is "
                f"{len(line.text):,} characters long; a resume's lines are far shorter, so it "
                "was not read. Export it again from the original document."
            )
    return document
