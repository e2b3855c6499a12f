"""Lines: which visual lines take part, and what hand rules say about each.

Page furniture (running headers, page numbers) is dropped; a label column ("Skills   Python, …"
or "Experience   Data Engineer …" on one baseline) is split into its label and its content; and
each line gets the heading kind the section vocabulary gives it. These rules are features for the
learned labeller, not gates: the labeller decides.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache
from statistics import median

from rapidfuzz import fuzz

from triage.dates import RANGE_SEP, find_range
from triage.document import Document, Line, Span
from triage.readers.layout import HEADING_SIZE_RATIO, SAME_SIZE_PT
from triage.structure.pieces import letter_spaced, normalise, visible_spans
from triage.vocabulary import letters_only, section_names

EDGE_BAND = 0.06  # running headers sit in the top 6% of the page ...
FOOT_BAND = 0.92  # ... and footers below 92% of its height
FUZZY_HEADING = 90  # rapidfuzz ratio for a misspelt or inflected heading name
MIN_FUZZY_LENGTH = 5  # shorter names must match exactly
MAX_HEADING_WORDS = 6
LABEL_GAP_PT = 10  # a label column's label ends this far left of its content
LABEL_ALIGN_PT = 2  # the two rows of a wrapped label share an edge within this
RANGE_GAP_SIZES = 2.0  # the parts of a range printed as spans sit this many type sizes apart
RANGE_SEP_ONLY = re.compile(rf"\s*(?:{RANGE_SEP})\s*", re.I)  # "–" or "to" alone
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LETTER_SPACED_WORD_GAP = 4  # a letter-spaced word gap is at most this many letter advances


def clean(text: str) -> str:
    return " ".join(normalise(text).split()).strip(" |·•,;")


def line_text(line: Line) -> str:
    return clean("  ".join(s.text for s in visible_spans(line)))


def furniture(doc: Document) -> set[str]:
    """Running headers/footers and page numbers: lines repeated near a page edge, or a number.
    A running footer that gives an email address (contact details at the foot of every page)
    is read once, where it first appears."""
    edge_texts: Counter[str] = Counter()
    ids: dict[str, list[str]] = {}
    for line in doc.lines:
        page = doc.pages[line.page]
        top = line.bbox[1]
        if top < page.height * EDGE_BAND or top > page.height * FOOT_BAND:
            key = re.sub(r"\d+", "#", line_text(line).lower())
            edge_texts[key] += 1
            ids.setdefault(key, []).append(line.id)
    out = {i for key, n in edge_texts.items() if n >= 2
           for i in ids[key][1 if EMAIL_RE.search(key) else 0:]}
    for line in doc.lines:
        if re.fullmatch(r"(?:page\s*)?\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?", line_text(line), re.I):
            out.add(line.id)
    return out


@cache
def section_kind(text: str) -> str | None:
    """The section a heading text names, from the vocabulary in data/sections.toml."""
    key = letters_only(text)
    if not key or len(key) > 40 or len(text.split()) > MAX_HEADING_WORDS:
        return None
    names = section_names()
    if key in names:
        return names[key]
    for name, kind in names.items():
        if len(name) >= MIN_FUZZY_LENGTH and fuzz.ratio(key, name) >= FUZZY_HEADING:
            return kind
    words = text.split()
    # "Honors & Awards", "Expériences pro": the head word (last or first) names the section.
    for word in (words[-1], words[0]):
        key = letters_only(word)
        if len(key) >= MIN_FUZZY_LENGTH and key in names:
            return names[key]
    return None


def split_label_column(line: Line) -> list[Line]:
    """A label column's label and its content on one baseline become two lines."""
    spans = visible_spans(line)
    if len(spans) < 2 or section_kind(clean(spans[0].text)) is None:
        return [line]
    if spans[1].x0 < spans[0].x1 + LABEL_GAP_PT:
        return [line]
    label = Line(f"{line.id}a", (spans[0],), line.page, line.column)
    rest = Line(f"{line.id}b", tuple(spans[1:]), line.page, line.column)
    return [label, rest]


def join_letter_spaced(line: Line) -> Line:
    """Letter-spaced words ("E X P É R I E N C E   P R O" …) set so wide apart that the reader
    cut them into spans at the word gap: one span again, words two spaces apart."""
    spans = list(line.spans)
    index = 1
    while index < len(spans):
        left, right = spans[index - 1], spans[index]
        advance = (left.x1 - left.x0) / max(len(left.text), 1)
        if (letter_spaced(left.text) and letter_spaced(right.text) and not left.hidden
                and not right.hidden and left.bold == right.bold
                and abs(left.size - right.size) < 0.5
                and 0 <= right.x0 - left.x1 <= LETTER_SPACED_WORD_GAP * advance):
            spans[index - 1] = replace(left, text=f"{left.text}   {right.text}",
                                       bbox=(left.x0, min(left.top, right.top), right.x1,
                                             max(left.bottom, right.bottom)))
            del spans[index]
        else:
            index += 1
    return line if len(spans) == len(line.spans) else replace(line, spans=tuple(spans))


def join_split_ranges(line: Line) -> Line:
    """A date range printed as spans of its own on one line ("2020-09" | "TO 2022-12", or
    "Jan 2019" | "–" | "Present"): one span again, so it reads as one range. Spans join while
    the text so far is a range's start alone and the next span, close by in the same type,
    ends it."""
    spans = list(line.spans)
    index = 1
    while index < len(spans):
        left, right = spans[index - 1], spans[index]
        joined = f"{left.text} {right.text}"
        start_only = (found := find_range(left.text)) is not None and found.end is None
        whole = find_range(joined)
        if (start_only and not left.hidden and not right.hidden
                and abs(left.size - right.size) < SAME_SIZE_PT
                and 0 <= right.x0 - left.x1 <= RANGE_GAP_SIZES * left.size
                and (whole is not None and (whole.end is not None
                                            or RANGE_SEP_ONLY.fullmatch(right.text)))):
            spans[index - 1] = replace(left, text=joined, bbox=(
                left.x0, min(left.top, right.top), right.x1, max(left.bottom, right.bottom)))
            del spans[index]
        else:
            index += 1
    return line if len(spans) == len(line.spans) else replace(line, spans=tuple(spans))


def _label_below(label: Span, line: Line) -> Span | None:
    """The first span of `line` when it continues `label` on the next row: same left edge (or
    right edge, for labels set flush right against the entries), same type, right under it."""
    spans = visible_spans(line)
    if not spans:
        return None
    first = spans[0]
    below = 0 <= first.top - label.bottom < label.size
    same_type = abs(first.size - label.size) < 0.5 and first.bold == label.bold
    aligned = abs(first.x0 - label.x0) < LABEL_ALIGN_PT or abs(first.x1 - label.x1) < (
        LABEL_ALIGN_PT)
    return first if below and same_type and aligned else None


def _beside_smaller_text(label: Span, line: Line) -> bool:
    """`label` opens a row whose other text is set clearly smaller: a margin label beside an
    entry, not a line of the entries."""
    others = [s.size for s in visible_spans(line) if s is not label]
    return bool(others) and label.size >= HEADING_SIZE_RATIO * median(others)


def join_wrapped_labels(lines: list[Line]) -> list[Line]:
    """A label-column heading wrapped over two rows ("WORK" beside the first entry, "EXPERIENCE"
    under it; or "Employment" alone, "History" beside the first employer) is one label: the
    second row's part moves up into the first row's label span. "WORK" is a heading on its own
    too; the two rows still join when together they are one."""
    out = list(lines)
    for index, line in enumerate(out):
        spans = visible_spans(line)
        if not spans:
            continue
        for later in range(index + 1, min(index + 3, len(out))):
            rest = _label_below(spans[0], out[later])
            if rest is None or section_kind(clean(f"{spans[0].text} {rest.text}")) is None:
                continue
            if len(spans) == 1 and not _beside_smaller_text(rest, out[later]):
                continue  # two short lines of one list ("Python" / "Leadership"), not a label
            joined = replace(spans[0], text=f"{spans[0].text} {rest.text}",
                             bbox=(min(spans[0].x0, rest.x0), spans[0].top,
                                   max(spans[0].x1, rest.x1), rest.bottom))
            out[index] = replace(line, spans=tuple(joined if s is spans[0] else s
                                                   for s in line.spans))
            out[later] = replace(out[later], spans=tuple(s for s in out[later].spans
                                                         if s is not rest))
            break
    return [ln for ln in out if visible_spans(ln)]


def reading_lines(doc: Document) -> list[Line]:
    """The lines the labeller reads: visible, not furniture, letter-spaced words, ranges printed
    in parts and wrapped labels joined, label columns split."""
    skip = furniture(doc)
    kept = [join_split_ranges(join_letter_spaced(ln)) for ln in doc.lines
            if ln.id not in skip and visible_spans(ln)]
    return [part for ln in join_wrapped_labels(kept) for part in split_label_column(ln)]
