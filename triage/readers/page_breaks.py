"""A line printed across a page break is read once, on the page where its block goes on.

Chromium can split one line between two pages: it draws the whole line on both, each copy
clipped to its own page, so the foot of one page shows its top half and the head of the next its
bottom half. Each half has its centre outside its clip (`CUT_AT_EDGE`), so neither would be read
and the entry's header would be lost. When the cut text at a page's foot and the cut text at the
next page's head say the same words, the head's copy is read: the rest of the block follows it.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from triage.document import CUT_AT_EDGE, Page, Span

EDGE_SHARE = 0.2  # a page's foot (and head) is its last (first) fifth
SAME_WORDS = 90  # rapidfuzz ratio of the two copies' letters and digits


def _letters(spans: list[Span]) -> str:
    return "".join(ch for s in spans for ch in s.text.casefold() if ch.isalnum())


def read_across_page_breaks(pages: list[Page], spans_by_page: list[list[Span]]) -> None:
    """Make the head copy of each line cut across a page break visible (in place)."""
    for index in range(len(pages) - 1):
        before, after = spans_by_page[index], spans_by_page[index + 1]
        foot = [s for s in before if s.hidden_reason == CUT_AT_EDGE
                and s.bbox[1] > (1 - EDGE_SHARE) * pages[index].height]
        head = [i for i, s in enumerate(after) if s.hidden_reason == CUT_AT_EDGE
                and s.bbox[3] < EDGE_SHARE * pages[index + 1].height]
        if not foot or not head:
            continue
        if fuzz.ratio(_letters(foot), _letters([after[i] for i in head])) >= SAME_WORDS:
            for i in head:
                after[i] = replace(after[i], hidden=False, hidden_reason="")
