"""What a reader cannot see on the page, whatever the format: text in the paper's colour, too
small to read, or switched off. Text an ATS reads but a person cannot is a stuffing trick."""

from __future__ import annotations

from functools import cache

from triage.document import Document

TINY_PT = 4.0  # text under this size cannot be read on a printed page
TINY = "tiny"  # the hidden_reason of such text
MIN_CONTRAST = 0.12  # luminance difference below which text vanishes into its background
PAPER = (1.0, 1.0, 1.0)


def luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@cache  # called per glyph with a page's few colours
def blends_in(text_rgb: tuple[float, float, float],
              background: tuple[float, float, float] = PAPER) -> bool:
    """Whether text of this colour disappears into the background."""
    return abs(luminance(text_rgb) - luminance(background)) < MIN_CONTRAST


def note_hidden(document: Document) -> Document:
    """Warn, on the document, how much text a reader cannot see and why."""
    hidden = document.hidden_spans
    if hidden:
        document.warnings.append(
            f"{len(hidden)} piece(s) of text are invisible to a reader "
            f"({', '.join(sorted({s.hidden_reason for s in hidden}))})."
        )
    return document
