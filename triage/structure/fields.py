"""Fields: neighbouring labelled pieces that print one field, joined.

A title cut at a comma, a name over two sidebar lines, an organisation wrapped past the dates
beside it: each becomes one `LabelledField`, whose text is what the page prints from its first
piece to its last (the comma, bracket or wrap hyphen between spans kept). The grouping into
entries (entries.py) works on these fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from triage.dates import DURATION_RE, PRESENT_WORDS, RANGE_SEP, find_range
from triage.document import Line, Span
from triage.structure.labeller import LABELS, PROBABILITY_FLOOR
from triage.structure.lines import clean
from triage.structure.pieces import Piece
from triage.vocabulary import place_share

# A word for "now" leading a field: "Present", "– Present", "to present", "Present 4 years".
PRESENT_RE = re.compile(rf"^\s*(?:{RANGE_SEP})?(?:{PRESENT_WORDS})(?![^\W\d_])", re.I)
# Separators after which a piece may still be part of the field before it ("Kestrel Co., Ltd.",
# "Pay Ltd. (HarbourPay)"); after a pipe, a wide gap or "at" comes another field.
JOINING_SEPARATORS = ("comma", "paren", "none")
HYPHENS = "-‐‑"  # a word cut at a line wrap ends in one of these
WRAP_MARKS = HYPHENS + ",;/&+"  # marks a field may carry over a line wrap
OPENING_MARKS = "(["  # marks a field's next span may open with ("Manager" | "(Client")
CLOSING_MARKS = ")]"  # ...and its span may end with before a comma ("(Band 7)," | "Acute")
MAX_BESIDE = 2  # fields read between a field and its wrap because they sit beside it
WRAP_GAP_SHARE = 0.5  # a wrapped line starts this share of its type size below the line above


@dataclass
class LabelledField:
    """Pieces in a row with one label: their text and where they sit."""

    label: str
    pieces: list[Piece]
    confidence: float = 1.0  # the labeller's mean probability for this label over the pieces
    piece_odds: list[float] = field(default_factory=list)  # log P(title) - log P(org), per piece
    title_chance: float = 0.0  # the labeller's mean probability of "title" over the pieces

    def absorb(self, other: LabelledField) -> None:
        """Take in the pieces of a field that turned out to be part of this one, in reading
        order (the part may come first: "Summer Research, Soil Physics Lab")."""
        merged = sorted(zip(self.pieces + other.pieces, self.piece_odds + other.piece_odds,
                            strict=True), key=lambda pair: pair[0].index)
        self.pieces = [piece for piece, _ in merged]
        self.piece_odds = [odds for _, odds in merged]

    def cut(self, at: int) -> tuple[LabelledField, LabelledField]:
        """The field's pieces before `at` and from it, as two fields with its label."""
        return (LabelledField(self.label, self.pieces[:at], self.confidence,
                              self.piece_odds[:at], self.title_chance),
                LabelledField(self.label, self.pieces[at:], self.confidence,
                              self.piece_odds[at:], self.title_chance))

    @property
    def title_odds(self) -> float:
        return sum(self.piece_odds) / len(self.piece_odds) if self.piece_odds else 0.0

    @property
    def text(self) -> str:
        """The printed text from the first piece to the last, span by span."""
        runs: list[list[Piece]] = []
        for piece in self.pieces:
            if runs and runs[-1][-1].span is piece.span:
                runs[-1].append(piece)
            else:
                runs.append([piece])
        text = _run_text(runs[0])
        for before, run in zip(runs, runs[1:], strict=False):
            text += wrap_joint(before[-1], run[0]) + _run_text(run)
        text = clean(text)
        return text + ")" if text.count("(") > text.count(")") else text

    @property
    def span_ids(self) -> list[str]:
        return list(dict.fromkeys(p.span.id for p in self.pieces))

    @property
    def line_indexes(self) -> list[int]:
        return list(dict.fromkeys(p.line_index for p in self.pieces))


def _run_text(run: list[Piece]) -> str:
    """Pieces of one span, with what the span prints between them."""
    return run[0].span_text[run[0].start:run[-1].end]


def wrap_joint(before: Piece, after: Piece) -> str:
    """What joins a field's text across a span break: the punctuation left at the end of the
    earlier span ("University of California," / "Berkeley") or opening the later one ("Senior
    Manager" | "(Client Representative)"). A hyphen at a wrap stays before a capital
    ("Saint-" / "Laurent") and in an address or link, and goes before a small letter, as the
    wrap's own ("Produktions-" / "technik")."""
    tail = before.span_text[before.end:].strip()
    head = after.span_text[:after.start].strip()
    if set(tail) - set(WRAP_MARKS + CLOSING_MARKS) or set(head) - set(OPENING_MARKS):
        return " "
    if tail and tail[-1] in HYPHENS and not head:
        # An address or link breaks after its own hyphen ("camille.dubois-" / "marchand@…").
        word = (before.span_text[:before.end].split() or [""])[-1]
        own = after.text[:1].isupper() or "@" in word or "." in word.rstrip(".")
        return tail[:-1] + (tail[-1] if own else "")
    return f"{tail} {head}" if tail else f" {head}"


def fields(pieces: list[Piece], labels: list[str], lines: list[Line],
           probabilities: np.ndarray) -> list[LabelledField]:
    """Join neighbouring pieces that share a label into fields (bullets: one per line), each
    with the labeller's probabilities behind it (`probabilities`: pieces × LABELS).

    A piece the labeller calls `other` (or a place that names none) right after a title or
    organisation in the same span ("Kestrel Co., Ltd.", "Pay Ltd. (HarbourPay)") is the rest of
    that field. A time held ("3 years 6 months") is never a header field.
    """
    confidences = probabilities[np.arange(len(labels)), [LABELS.index(n) for n in labels]]
    titles = probabilities[:, LABELS.index("title")]
    log_p = np.log(np.maximum(probabilities, PROBABILITY_FLOOR))
    title_odds = log_p[:, LABELS.index("title")] - log_p[:, LABELS.index("org")]
    labels = _prose_spans_whole(pieces, labels)
    out: list[LabelledField] = []
    for piece, label, confidence, odds, title in zip(
            pieces, labels, confidences.tolist(), title_odds.tolist(), titles.tolist(),
            strict=True):
        if label in ("title", "org", "location") and DURATION_RE.match(piece.text):
            label = "other"  # "3 years 6 months" beside a range names no role
        last = out[-1] if out else None
        if last is not None and (_rest_of_header_field(last, label, piece)
                                 or _rest_of_place(last, label, piece)):
            label = last.label
        if last is not None and label == "org" and _place_leads_organisation(last, piece):
            last.label = "org"
        target = _wrapped_past_beside_field(out, label, piece, lines)
        if target is None and last is not None and last.label == label and _joins(
                last, piece, lines):
            target = last
        if target is not None:
            n = len(target.pieces)
            target.confidence = (target.confidence * n + confidence) / (n + 1)
            target.title_chance = (target.title_chance * n + title) / (n + 1)
            target.piece_odds.append(odds)
            target.pieces.append(piece)
        else:
            out.append(LabelledField(label, [piece], confidence, [odds], title))
    return out


def _rest_of_header_field(last: LabelledField, label: str, piece: Piece) -> bool:
    """A piece right after a title or organisation in the same span, after a comma or a bracket,
    that the labeller calls `other` is the rest of that field; so is one it calls a place, after
    a title, while it names no place ("Staff Nurse (Band 5), Acute Medicine")."""
    return (last.label in ("title", "org") and last.pieces[-1].span is piece.span
            and piece.sep_before in JOINING_SEPARATORS and (label == "other" or (
                label == "location" and last.label == "title" and place_share(piece.text) == 0)))


def _rest_of_place(last: LabelledField, label: str, piece: Piece) -> bool:
    """"London, UK.": a place name the labeller calls an organisation right after a place, on
    its line and after a comma, is the rest of that place. An employer is printed before its
    place, not after it."""
    return (last.label == "location" and label == "org"
            and last.pieces[-1].line_index == piece.line_index and piece.sep_before == "comma"
            and place_share(piece.text) == 1)


def _place_leads_organisation(last: LabelledField, piece: Piece) -> bool:
    """"Harrow, Finch & Dunmore LLP": a place name opening a span, then a comma and an
    organisation, is the organisation's first word. A place is printed after its employer
    ("Acme, Berlin"), not before it in the same run of text."""
    (first, *rest) = last.pieces
    return (last.label == "location" and not rest and first.span is piece.span
            and first.sep_before == "span" and piece.sep_before == "comma")


def _prose_spans_whole(pieces: list[Piece], labels: list[str]) -> list[str]:
    """A span that is mostly a bullet or a paragraph (by characters) is one: its other pieces
    ("EU citizen; authorised to work…") are part of it, except a date printed in it."""
    prose_chars: dict[int, int] = {}
    all_chars: dict[int, int] = {}
    prose_label: dict[int, str] = {}
    for piece, label in zip(pieces, labels, strict=True):
        key = id(piece.span)
        all_chars[key] = all_chars.get(key, 0) + len(piece.text)
        if label in ("bullet", "text"):
            prose_chars[key] = prose_chars.get(key, 0) + len(piece.text)
            prose_label.setdefault(key, label)
    mostly = {k for k, n in prose_chars.items() if n * 2 > all_chars[k]}
    return [prose_label[id(p.span)] if id(p.span) in mostly and lab not in ("date", "bullet",
                                                                              "text") else lab
            for p, lab in zip(pieces, labels, strict=True)]


def _wrapped_past_beside_field(out: list[LabelledField], label: str, piece: Piece,
                               lines: list[Line]) -> LabelledField | None:
    """An earlier field that `piece` continues on the next line, past the fields read between
    them because they sit beside it:
    - to its right on its line ("Data Engineer at Royal | Jan 2020 – Now" over "Pennine Trust");
    - beside the wrap, as the end of a range cut in a date column ("April 2022 – | Royal
      Pennine NHS" over "Present | Foundation Trust");
    - the rest of the line such a wrap opened ("Inland" | "10/2021 – Now" over "Transport" |
      "(Barge/Rail)");
    - dates in a smaller type in a column of their own, on a line of their own between the two
      ("2022-05 TO PRESENT" set left of and between "Peachtree Provisions" and "Inc.")."""
    back = next((k for k in range(len(out) - 1, max(len(out) - 1 - MAX_BESIDE, 0) - 1, -1)
                 if out[k].label == label), None)
    if back is None or back == len(out) - 1:
        return None
    before, beside = out[back], out[back + 1:]
    end = before.pieces[-1]
    cells = [p for f in beside for p in f.pieces]
    if end.span is piece.span and all(p.span is not piece.span for p in cells):
        return before  # the rest of a wrapped line that already joined `before` past them
    right_of_it = all(p.line_index == end.line_index and p.span.x0 > end.span.bbox[2]
                      for p in cells)
    dates = all(f.label == "date" for f in beside)
    range_end = dates and _range_tail(" ".join(f.text for f in beside))
    between = dates and all(p.line_index == end.line_index + 1 and (
        p.span.bbox[2] < piece.span.x0 or p.span.x0 > end.span.bbox[2]) for p in cells) and (
        piece.span.bbox[1] - end.span.bbox[3] < WRAP_GAP_SHARE * piece.span.size)
    if (right_of_it or range_end) and _joins(before, piece, lines):
        return before
    if between and _joins(before, piece, lines, lines_between=1):
        return before
    return None


def _range_tail(text: str) -> bool:
    """The end of a range on a line of its own: "Present", "– March 2022"."""
    found = find_range(text)
    return bool(PRESENT_RE.match(text)) or found is not None and found.end is None


def _joins(last: LabelledField, piece: Piece, lines: list[Line], lines_between: int = 0) -> bool:
    """Whether `piece` continues `last`: on its line, or wrapped onto the next line (past
    `lines_between` lines of another column)."""
    previous = last.pieces[-1]
    if previous.line_index == piece.line_index:
        return last.label not in ("date",)
    if last.label in ("bullet", "text", "heading", "other", "contact"):
        return False  # one field per line: bullets are grouped later, the rest need not be
    if piece.line_index != previous.line_index + 1 + lines_between or last.label == "date":
        return False
    above, below = lines[previous.line_index], lines[piece.line_index]
    # A field wrapped onto the next line: same column, same style, directly below.
    return (above.page == below.page and above.column == below.column
            and abs(previous.span.size - piece.span.size) < 0.5
            and _same_weight(previous.span, piece.span) and len(last.line_indexes) < 3)


def _same_weight(a: Span, b: Span) -> bool:
    """Same weight, or a span of mixed weight, whose majority says nothing about the piece."""
    return a.bold == b.bold or bool(a.emphasis_breaks) or bool(b.emphasis_breaks)

