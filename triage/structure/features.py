"""Features: what the labeller sees of each piece — layout, typography, words and neighbours.

One row per piece, one column per named feature (`FEATURE_NAMES`), float32. Geometry is relative
(to the page, the column and the body text size) so one model serves Letter and A4, 9 pt and 12 pt
alike. The hand rules of earlier versions (heading vocabulary, title and organisation words, date
and degree patterns) are columns here, so the model weighs them instead of obeying them.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from triage.dates import find_range
from triage.document import Document, Line
from triage.structure.lines import EMAIL_RE, line_text, section_kind
from triage.structure.pieces import SEPARATOR_KINDS, Piece, visible_spans
from triage.vocabulary import (
    count_in,
    hit_tokens,
    institution_words,
    opens_with_past_verb,
    org_words,
    place_share,
    title_words,
)

SECTION_KINDS = ("experience", "activities", "education", "skills", "summary", "projects",
                 "certifications", "publications", "awards", "interests", "contact")
# Typographic bullet glyphs (private-use code points: symbol-font bullets); a line may also open
# with a dash, star, plus or chevron used as one.
BULLET_GLYPHS = "•◦▪▸►‣⁃∙◆◇■□●○✓✔➢➤\uf000-\uf8ff"
BULLET_RE = re.compile(rf"^\s*[{BULLET_GLYPHS}\-*–+·»>]")
GLYPH_RE = re.compile(rf"[{BULLET_GLYPHS}]")
PHONE_RE = re.compile(r"(?:\+|\(\+)?\d[\d\s().-]{6,}\d")
URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io|dev|me|de|fr|es|uk)\b"
                    r"(?:/\S*)?", re.I)
LOCATION_RE = re.compile(r"^[A-ZÀ-Ý][\w.'’ -]*(?:,\s*[A-ZÀ-Ýa-z][\w.'’ -]*){1,2}$|"
                         r"^(?:remote|hybrid|télétravail|remoto)\b", re.I)
DEGREE_RE = re.compile(
    r"\b(?:B\.?\s?S\.?c?|B\.?\s?A\.?|B\.?\s?Eng|B\.?Tech|M\.?\s?S\.?c?|M\.?\s?A\.?|M\.?\s?Eng|MBA|"
    r"Ph\.?\s?D|D\.?Phil|Doctor\w*|Bachelor\w*|Master\w*|Diplom\w*|Associate\w*|Licen[cs]\w*|"
    r"Abitur|Baccalaur\w*|BTS|DUT|High School|Certificat\w*|Degree|Grado|Máster|Título|"
    r"Staatsexamen|Ausbildung|Undergraduate|Graduate)\b\.?", re.I)
COLUMN_RIGHT_SLACK = 0.08  # within this share of the page width of the column's right edge

_PIECE_TEXT = ("words", "chars", "upper", "titlecase", "digits", "range", "date", "date_cover",
               "year_only", "email", "url", "phone", "title_hits", "org_hits", "inst_hits",
               "degree", "location", "place", "heading_word", "ends_period", "ends_colon",
               "lower_start", "parenthesised", "past_verb")
_PIECE_STYLE = ("size", "bold", "italic", "colour", "largest", "style_share", "style_dates")
_PIECE_PLACE = ("x0", "x1", "top", "page", "column", "first_in_line", "last_in_line",
                "pieces_in_line", "span_index", "right_aligned", "indent", "gap_above",
                "gap_below", "line_words", "line_bullet", "line_heading", "since_heading",
                "top_of_first_page", "line_range", "dx_prev", "prev_open", "prev_width",
                "line_width", "line_lower_start", "lines_since_range", "lines_until_range",
                "repeats")
# Document-level facts about the piece's style (font, size, weight, slant, colour): an entry
# header's style recurs once per entry, next to its dates, at the start of a line, whatever
# the template; a bold keyword inside bullets does not.
_STYLE_DOC = ("style_lines_per_range", "style_near_range", "style_line_start",
              "style_same_line_range")
_NEIGHBOUR = ("size", "bold", "range", "title_hits", "org_hits", "words", "line_bullet",
              "same_line", "heading_word", "italic", "place")
FEATURE_NAMES: tuple[str, ...] = (
    _PIECE_TEXT + _PIECE_STYLE + _PIECE_PLACE + _STYLE_DOC
    + tuple(f"sep_before_{k}" for k in SEPARATOR_KINDS)
    + tuple(f"sep_after_{k}" for k in SEPARATOR_KINDS)
    + tuple(f"section_{k}" for k in (*SECTION_KINDS, "none", "unknown"))
    + tuple(f"prev_{k}" for k in _NEIGHBOUR) + tuple(f"next_{k}" for k in _NEIGHBOUR)
    + tuple(f"prev2_{k}" for k in _NEIGHBOUR) + tuple(f"next2_{k}" for k in _NEIGHBOUR)
)
# `_line_facts` columns in `_PIECE_PLACE` order (line_words is "words", and so on), before
# top_of_first_page and after it.
_LINE_FACTS_ABOVE = ("indent", "gap_above", "gap_below", "words", "bullet", "heading", "since")
_LINE_FACTS_BELOW = ("range", "dx_prev", "prev_open", "prev_width", "line_width", "lower_start",
                     "since_range", "until_range")
MAX_SECTION_DISTANCE = 30  # lines since the last heading, capped
MAX_RANGE_DISTANCE = 6  # lines to the nearest date-range line, capped
NEAR_RANGE_LINES = 2  # a line this close to a date-range line is "near" it
MAX_STYLE_LINES_PER_RANGE = 8.0
MAX_REPEATS = 3  # an employer's name recurs once per role held there; a title rarely does


def _text_row(piece: Piece) -> list[float]:
    text = piece.text
    words = text.split()
    letters = list(filter(str.isalpha, text))
    digits = sum(map(str.isdigit, text))
    found = piece.dates
    cover = (found.last - found.first) / max(len(text), 1) if found else 0.0
    hits = hit_tokens(text)
    return [
        len(words), len(text),
        sum(map(str.isupper, letters)) / max(len(letters), 1),
        sum(w[:1].isupper() for w in words) / max(len(words), 1),
        digits / max(len(text), 1),
        float(bool(found and found.end)), float(found is not None), cover,
        float(bool(re.fullmatch(r"\(?(?:19|20)\d\d\)?", text.strip()))),
        float(bool(EMAIL_RE.search(text))), float(bool(URL_RE.search(text))),
        float(bool(PHONE_RE.search(text)) and digits >= 7),
        count_in(hits, title_words()), count_in(hits, org_words()),
        count_in(hits, institution_words()), float(bool(DEGREE_RE.search(text))),
        float(bool(LOCATION_RE.match(text)) and len(words) <= 6), place_share(text),
        float(section_kind(text) is not None),
        float(text.rstrip().endswith(".")), float(text.rstrip().endswith(":")),
        float(text[:1].islower()), float(text.startswith("(") or text.endswith(")")),
        float(opens_with_past_verb(text)),
    ]


def _line_facts(doc: Document, lines: list[Line]) -> dict[str, np.ndarray]:
    """Per line: geometry, gaps, indentation and heading context."""
    n = len(lines)
    body = doc.body_size
    tops = np.array([ln.bbox[1] for ln in lines], dtype=np.float32)
    bottoms = np.array([ln.bbox[3] for ln in lines], dtype=np.float32)
    x0s = np.array([ln.bbox[0] for ln in lines], dtype=np.float32)
    pages = np.array([ln.page for ln in lines], dtype=np.int32)
    columns = np.array([ln.column for ln in lines], dtype=np.int32)
    gap_above = np.full(n, 3.0, dtype=np.float32)
    gap_below = np.full(n, 3.0, dtype=np.float32)
    same = (pages[1:] == pages[:-1]) & (columns[1:] == columns[:-1])
    gaps = np.clip((tops[1:] - bottoms[:-1]) / body, -1.0, 3.0)
    gap_above[1:] = np.where(same, gaps, 3.0)
    gap_below[:-1] = np.where(same, gaps, 3.0)
    # Indentation against the leftmost line of the same page and column.
    left = {}
    for key_page, key_col, x in zip(pages, columns, x0s, strict=True):
        k = (int(key_page), int(key_col))
        left[k] = min(left.get(k, x), x)
    indent = np.array([(x - left[(int(p), int(c))]) / body
                       for p, c, x in zip(pages, columns, x0s, strict=True)], dtype=np.float32)
    texts = [line_text(ln) for ln in lines]
    heading = np.array([section_kind(t) is not None for t in texts], dtype=np.float32)
    section: list[str] = []
    since: list[int] = []
    current, distance = "none", MAX_SECTION_DISTANCE
    for text, is_heading in zip(texts, heading, strict=True):
        if is_heading:
            current, distance = section_kind(text) or "unknown", 0
        section.append(current)
        since.append(min(distance, MAX_SECTION_DISTANCE))
        distance += 1
    x1s = np.array([ln.bbox[2] for ln in lines], dtype=np.float32)
    column_width = {}
    for p_, c_, a, b in zip(pages, columns, x0s, x1s, strict=True):
        k = (int(p_), int(c_))
        lo, hi = column_width.get(k, (a, b))
        column_width[k] = (min(lo, a), max(hi, b))
    width = np.array([(b - a) / max(column_width[(int(p_), int(c_))][1]
                                    - column_width[(int(p_), int(c_))][0], 1.0)
                      for p_, c_, a, b in zip(pages, columns, x0s, x1s, strict=True)],
                     dtype=np.float32)
    dx_prev = np.zeros(n, dtype=np.float32)
    dx_prev[1:] = np.where(same, np.clip((x0s[1:] - x0s[:-1]) / body, -10, 10), 0.0)
    prev_open = np.zeros(n, dtype=np.float32)
    prev_open[1:] = [float(bool(t) and not t.rstrip().endswith((".", "!", "?", ":", ";")))
                     for t in texts[:-1]]
    prev_open[1:] *= same
    prev_width = np.zeros(n, dtype=np.float32)
    prev_width[1:] = np.where(same, width[:-1], 0.0)
    ranges = np.array([bool((f := find_range(t)) and f.end) for t in texts], dtype=np.float32)
    return {
        "dx_prev": dx_prev, "prev_open": prev_open, "prev_width": prev_width,
        "line_width": width,
        "lower_start": np.array([float(t[:1].islower()) for t in texts], dtype=np.float32),
        "gap_above": gap_above, "gap_below": gap_below, "indent": np.clip(indent, 0, 30),
        "heading": heading, "since": np.array(since, dtype=np.float32),
        "section": np.array(section, dtype=object),
        "words": np.array([len(t.split()) for t in texts], dtype=np.float32),
        "bullet": np.array([bool(BULLET_RE.match(visible_spans(ln)[0].text)) for ln in lines],
                           dtype=np.float32),
        "range": ranges,
        "since_range": _distance_to(ranges, forward=False),
        "until_range": _distance_to(ranges, forward=True),
    }


def _distance_to(marks: np.ndarray, forward: bool) -> np.ndarray:
    """Lines from each line to the nearest marked line above (or below) it, capped."""
    out = np.full(len(marks), float(MAX_RANGE_DISTANCE), dtype=np.float32)
    order = range(len(marks) - 1, -1, -1) if forward else range(len(marks))
    distance = MAX_RANGE_DISTANCE
    for i in order:
        distance = 0 if marks[i] else min(distance + 1, MAX_RANGE_DISTANCE)
        out[i] = distance
    return out


def style_key(piece: Piece) -> tuple:
    """A piece's type: font, size, weight, slant and colour."""
    span = piece.span
    return (span.font, round(span.size, 1), span.bold, span.italic,
            tuple(round(c, 1) for c in span.color))


def style_groups(pieces: list[Piece]) -> np.ndarray:
    """Per piece, a number shared by the pieces set in the same type (`style_key`)."""
    numbers: dict[tuple, int] = {}
    return np.array([numbers.setdefault(style_key(p), len(numbers)) for p in pieces],
                    dtype=np.int64)


def _style_facts(pieces: list[Piece], facts: dict[str, np.ndarray], first_in_line: np.ndarray,
                 ) -> np.ndarray:
    """Per piece, the `_STYLE_DOC` columns of its style over the whole document."""
    keys = [style_key(p) for p in pieces]
    lines_of: dict[tuple, set[int]] = {}
    starts: Counter = Counter()
    for key, piece, first in zip(keys, pieces, first_in_line, strict=True):
        lines_of.setdefault(key, set()).add(piece.line_index)
        starts[key] += bool(first)
    counts = Counter(keys)
    near = np.minimum(facts["since_range"], facts["until_range"]) <= NEAR_RANGE_LINES
    range_lines = max(float(facts["range"].sum()), 1.0)
    per_key = {}
    for key, rows in lines_of.items():
        idx = np.fromiter(rows, dtype=np.int64)
        per_key[key] = (min(len(rows) / range_lines, MAX_STYLE_LINES_PER_RANGE),
                        float(near[idx].mean()), starts[key] / counts[key],
                        float(facts["range"][idx].mean()))
    return np.array([per_key[k] for k in keys], dtype=np.float32)


def _style(piece: Piece, body: float) -> tuple[bool, bool, float]:
    return (piece.span.bold, piece.span.italic, round(piece.span.size / body, 1))


def feature_matrix(doc: Document, lines: list[Line], pieces: list[Piece]) -> np.ndarray:
    """The (pieces × FEATURE_NAMES) matrix for one document."""
    if not pieces:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    body = doc.body_size or 10.0
    facts = _line_facts(doc, lines)
    text_rows = np.array([_text_row(p) for p in pieces], dtype=np.float32)

    styles = [_style(p, body) for p in pieces]
    style_counts = Counter(styles)
    style_dates = Counter(s for s, p in zip(styles, pieces, strict=True)
                          if facts["range"][p.line_index])
    largest = max((p.span.size for p in pieces if p.span.page == 0), default=body)
    line_index = np.array([p.line_index for p in pieces])
    per_line = Counter(line_index.tolist())
    same_text = Counter(" ".join(p.text.casefold().split()) for p in pieces)
    first_in_line = np.r_[True, line_index[1:] != line_index[:-1]]
    last_in_line = np.r_[line_index[1:] != line_index[:-1], True]
    column_right: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, ln.column)
        column_right[key] = max(column_right.get(key, 0.0), ln.bbox[2])
    rows = []
    for p, style in zip(pieces, styles, strict=True):
        page = doc.pages[p.span.page]
        line = lines[p.line_index]
        r, g, b = p.span.color
        rows.append([
            p.span.size / body, float(p.span.bold), float(p.span.italic),
            float(max(r, g, b) - min(r, g, b) > 0.15 or max(r, g, b) > 0.35),
            float(p.span.size >= largest - 0.1 and p.span.page == 0),
            style_counts[style] / len(pieces), style_dates[style] / max(style_counts[style], 1),
            p.span.x0 / page.width, p.span.x1 / page.width, p.span.top / page.height,
            min(p.span.page, 3), line.column, 0.0, 0.0, per_line[p.line_index], p.span_index,
            float(column_right[(line.page, line.column)] - p.span.x1
                  < page.width * COLUMN_RIGHT_SLACK
                  and p.span.x0 > page.width * 0.4),
            float(p.span.page == 0 and p.span.top < page.height * 0.2),
            min(same_text[" ".join(p.text.casefold().split())] - 1, MAX_REPEATS),
        ])
    own = np.array(rows, dtype=np.float32)
    # The line's own facts, gathered for every piece at once.
    above, below = (np.column_stack([facts[k] for k in keys])[line_index]
                    for keys in (_LINE_FACTS_ABOVE, _LINE_FACTS_BELOW))
    first_page_top, repeats = own[:, -2:-1], own[:, -1:]
    place = np.hstack([own[:, :-2], above, first_page_top, below, repeats])
    style_cols = place[:, : len(_PIECE_STYLE)]
    place_cols = place[:, len(_PIECE_STYLE):]
    place_cols[:, _PIECE_PLACE.index("first_in_line")] = first_in_line
    place_cols[:, _PIECE_PLACE.index("last_in_line")] = last_in_line

    def one_hot(values: list[str], kinds: tuple[str, ...]) -> np.ndarray:
        out = np.zeros((len(values), len(kinds)), dtype=np.float32)
        for i, v in enumerate(values):
            out[i, kinds.index(v) if v in kinds else len(kinds) - 1] = 1.0
        return out

    seps_before = one_hot([p.sep_before for p in pieces], SEPARATOR_KINDS)
    seps_after = one_hot([p.sep_after for p in pieces], SEPARATOR_KINDS)
    sections = one_hot([facts["section"][p.line_index] for p in pieces],
                       (*SECTION_KINDS, "none", "unknown"))

    own = np.column_stack([
        style_cols[:, 0], style_cols[:, 1], text_rows[:, _PIECE_TEXT.index("range")],
        text_rows[:, _PIECE_TEXT.index("title_hits")], text_rows[:, _PIECE_TEXT.index("org_hits")],
        text_rows[:, _PIECE_TEXT.index("words")], place_cols[:, _PIECE_PLACE.index("line_bullet")],
        np.zeros(len(pieces), dtype=np.float32),
        text_rows[:, _PIECE_TEXT.index("heading_word")], style_cols[:, 2],
        text_rows[:, _PIECE_TEXT.index("place")],
    ])

    def shifted(step: int) -> np.ndarray:
        out = np.full_like(own, -1.0)
        if step > 0:
            out[step:] = own[:-step]
            same = line_index[step:] == line_index[:-step]
            out[step:, _NEIGHBOUR.index("same_line")] = same
        else:
            out[:step] = own[-step:]
            same = line_index[:step] == line_index[-step:]
            out[:step, _NEIGHBOUR.index("same_line")] = same
        return out

    return np.hstack([text_rows, style_cols, place_cols,
                      _style_facts(pieces, facts, first_in_line), seps_before, seps_after, sections,
                      shifted(1), shifted(-1), shifted(2), shifted(-2)]).astype(np.float32)
