"""Pieces: the units the line labeller labels.

A visual line holds spans (the reader already cut it at wide gaps, so a sidebar or a date column
is its own span). A span can still hold several fields: "Data Engineer at Acme, Berlin  2019 –
2021". A piece is a part of a span between field separators, with date ranges cut out first, so
that each piece shows one field (or a part of one: neighbouring pieces with the same label are
joined back together after labelling).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from triage.dates import DateRange, find_range
from triage.document import Document, Line, Span

# Separators between fields inside one span, and the kind each is recorded as (a feature).
SEPARATOR_RE = re.compile(
    r"(?P<pipe>\s*[|¦•·●◦▪]\s*)"
    r"|(?P<dash>\s+[–—‒―-]\s+)"
    r"|(?P<at>(?:^|\s+)(?:at|@|chez|bei)(?:\s+|$))"
    r"|(?P<paren>\s*[()\[\]])"
    r"|(?P<comma>,\s+|\s*;\s+)"
    r"|(?P<gap>\s{3,})"
)
# "CERTIFICATIONSFood Safety Supervisor": a heading set in capitals and the first item beside
# it, printed with no space between them, are two fields (a style switch the text still shows).
GLUED_CAPITALS_RE = re.compile(r"\b[A-ZÀ-ÖØ-Þ]{4,}(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
SEPARATOR_KINDS = ("none", "pipe", "dash", "at", "paren", "comma", "gap", "style", "span")
STRIP = " ,;:|–—-•·@►▸▪◦‣➢➤✓✔"  # trimmed from both ends of a piece (glyphs, separators)
MAX_SPLIT_WORDS = 14  # a span longer than this is prose: kept whole (commas are not fields there)
MAX_ABBREVIATION_CHARS = 4  # "Inc.", "Ltd.", "S.A.": a final period after these ends no sentence
# Dashes that fonts and word processors use for a range: folded to "–" before reading dates.
RANGE_DASHES = str.maketrans({"\u2010": "–", "\u2011": "–", "\u2012": "–", "\u2212": "–",
                              "\u2043": "–", "\ufe63": "–", "\uff0d": "–"})
# Spacing accents that pdfTeX-style fonts print beside their letter ("Ing´enieur", "Infirmie`re"),
# and the letters each can sit on in the languages we read.
# TeX puts accents on i over a dotless i ("econom´ıa"), which becomes a plain i under its accent.
_SPACING_ACCENTS = {"\u00b4": ("\u0301", "aeiouyıAEIOUY"), "`": ("\u0300", "aeiouıAEIOU"),
                    "\u00a8": ("\u0308", "aeiouyıAEIOUY"), "\u02c6": ("\u0302", "aeiouıAEIOU"),
                    "\u02dc": ("\u0303", "anoANO"), "\u00b8": ("\u0327", "cC"),
                    "\u00af": ("\u0304", "aeiouıAEIOU")}


def _accented(letter: str, mark: str) -> str:
    return unicodedata.normalize("NFC", letter.replace("ı", "i") + mark)


def _carries(letter: str, mark: str, bases: str) -> bool:
    """Whether `letter` takes the accent: one of its usual bases, or an accented letter that
    composes with it into one (Vietnamese "ê" and a tilde: "ễ")."""
    return letter in bases or (not letter.isascii() and letter.isalpha()
                               and len(unicodedata.normalize("NFC", letter + mark)) == 1)


def _join_accents(text: str) -> str:
    """Put each spacing accent on its letter: the one after it if it can carry the accent (TeX
    prints the accent first), else the one before."""
    if not any(ch in text for ch in _SPACING_ACCENTS):
        return text
    chars = list(text)
    out: list[str] = []
    i = 0
    while i < len(chars):
        ch = chars[i]
        if ch not in _SPACING_ACCENTS:
            out.append(ch)
            i += 1
            continue
        mark, bases = _SPACING_ACCENTS[ch]
        after = i + 1 + (i + 1 < len(chars) and chars[i + 1] == " ")
        if after < len(chars) and _carries(chars[after], mark, bases):
            out.append(_accented(chars[after], mark))
            i = after + 1
        elif out and _carries(out[-1], mark, bases):
            out[-1] = _accented(out[-1], mark)
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def letter_spaced(text: str) -> bool:
    """'M I L K Y   W A Y': three or more single letters, and mostly singles; or a short span of
    single capitals and marks only ('N G', 'A .': a letter-spaced name's last word, an initial)."""
    tokens = [t for t in text.split(" ") if t]
    singles = sum(len(t) == 1 for t in tokens)
    if singles >= 3 and singles >= 0.7 * len(tokens):
        return True
    return (len(tokens) >= 2 and singles == len(tokens) and any(t.isupper() for t in tokens)
            and not any(t.islower() for t in tokens))


def _unspace_letters(text: str) -> str:
    """'M I L K Y   W A Y' -> 'MILKY WAY': letter-spaced capitals."""
    if not letter_spaced(text):
        return text
    words = re.split(r"\s{2,}", text.strip())
    return " ".join(w.replace(" ", "") for w in words)


@lru_cache(maxsize=8192)  # a document asks for the same span texts many times over
def normalise(text: str) -> str:
    """Text as a reader would read it: accents joined, dashes folded, letter spacing closed."""
    text = _join_accents(text.replace("\u00a0", " ").replace("\u00ad", "").translate(RANGE_DASHES))
    # A letter and its combining accent as one character ("I" + U+0323 is "Ị"), as typed.
    text = unicodedata.normalize("NFC", text)
    return _unspace_letters(text)


@dataclass(frozen=True)
class Piece:
    """One field-sized part of a span."""

    index: int  # position in the document's piece list (reading order)
    line_index: int  # index into the labelled line list
    span_index: int  # index of the span in its line's visible spans
    span: Span
    text: str
    sep_before: str
    sep_after: str
    dates: DateRange | None
    span_text: str  # the span's normalised text; the piece is span_text[start:end]
    start: int
    end: int


def visible_spans(line: Line) -> list[Span]:
    return [s for s in line.spans if not s.hidden and s.text.strip()]


def _date_cut(text: str) -> tuple[str, str, str] | None:
    """(before, date, after) when `text` holds a date range or a date that is a field."""
    found = find_range(text)
    if found is None:
        return None
    date = text[found.first:found.last]
    if found.end is None and len(date) < 0.5 * len(text.strip()) and len(text.split()) > 4:
        return None  # "Moved to Berlin in 2019 and …": a year in prose is not a field
    return text[: found.first], date, text[found.last:]


def _normalised(span: Span) -> tuple[str, tuple[int, ...]]:
    """The span's text normalised, and where its style switches (bold or italic on or off)
    fall in that text: each part between switches is normalised on its own."""
    raw = span.text
    cuts = [0, *(b for b in span.emphasis_breaks if 0 < b < len(raw)), len(raw)]
    parts = [normalise(raw[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)]
    offsets = [sum(len(p) for p in parts[:i]) for i in range(1, len(parts))]
    return "".join(parts), tuple(offsets)


def _style_switch(text: str, offset: int) -> bool:
    """A switch at a word boundary, between two words that are not joined by punctuation."""
    return text[offset - 1:offset].isspace() and text[offset:offset + 1].isalnum()


def _words(text: str) -> int:
    """Words of a span that could be prose: lone marks ("|", "&") aside, and a header's date
    range too (a lone year may be part of a sentence, and counts). A span that ends a sentence
    ("… in Hamburg.", not "… Ltd.") keeps its range's words: it is prose."""
    found = find_range(text)
    if found is not None and found.end is not None and not _ends_sentence(text):
        text = text[:found.first] + " " + text[found.last:]
    return sum(1 for word in text.split() if any(ch.isalnum() for ch in word))


def _ends_sentence(text: str) -> bool:
    words = text.rstrip().split()
    if not words or not words[-1].endswith((".", "!", "?")):
        return False
    last = words[-1].rstrip(".!?")
    return len(last) > MAX_ABBREVIATION_CHARS or last.islower()


def _split_text(text: str, switches: tuple[int, ...] = ()) -> list[tuple[str, int, int]]:
    """Cut one span's text into (separator-before kind, start, end) pieces: at date ranges,
    separators, and style switches between words ("Acme Corp *Berlin*")."""
    if _words(text) > MAX_SPLIT_WORDS:
        return [("span", 0, len(text))]
    chunks: list[tuple[int, int, bool]] = []  # (start, end, is a date)
    offset = 0
    while (cut := _date_cut(text[offset:])) is not None:
        before, date, _after = cut
        chunks.append((offset, offset + len(before), False))
        chunks.append((offset + len(before), offset + len(before) + len(date), True))
        offset += len(before) + len(date)
    chunks.append((offset, len(text), False))
    out: list[tuple[str, int, int]] = []
    sep = "span"

    def add(start: int, end: int) -> None:
        nonlocal sep
        part = text[start:end]
        if not part.strip(STRIP):
            return
        lead = len(part) - len(part.lstrip(STRIP))
        out.append((sep, start + lead, start + len(part.rstrip(STRIP))))
        sep = "none"

    for start, end, is_date in chunks:
        if is_date:
            add(start, end)
            continue
        cuts = [(m.start(), m.end(), m.lastgroup or "none")
                for m in SEPARATOR_RE.finditer(text, start, end)]
        cuts += [(o, o, "style") for o in switches if start < o < end and _style_switch(text, o)
                 and not any(a <= o <= b for a, b, _ in cuts)]
        cuts += [(m.end(), m.end(), "style") for m in GLUED_CAPITALS_RE.finditer(text, start, end)]
        position = start
        for cut_start, cut_end, kind in sorted(cuts):
            add(position, cut_start)
            sep = kind
            position = cut_end
        add(position, end)
    return out


def split_pieces(doc: Document, lines: list[Line]) -> list[Piece]:
    """Every visible span of `lines` cut into pieces, in reading order."""
    pieces: list[Piece] = []
    for line_index, line in enumerate(lines):
        for span_index, span in enumerate(visible_spans(line)):
            full, switches = _normalised(span)
            parts = _split_text(full, switches)
            for part_index, (sep, start, end) in enumerate(parts):
                after = parts[part_index + 1][0] if part_index + 1 < len(parts) else "span"
                text = full[start:end]
                pieces.append(Piece(len(pieces), line_index, span_index, span, text, sep, after,
                                    find_range(text), full, start, end))
    return pieces
