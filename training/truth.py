"""Truth labels for a rendered resume, taken from its JSON Resume source — never from the parser.

Every piece the reader finds on the rendered page is matched back to the source field it prints:
dates by value (whatever format the renderer chose), names, titles, organisations and places by
fuzzy equality or containment, bullets and summaries by containment in the source's long texts.
Section headings are not in the source; a piece that matches no source field and names a section
in the heading vocabulary is a heading. Everything else is `other`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

import numpy as np
from rapidfuzz import fuzz, process

from triage.dates import PRESENT_WORDS, RANGE_SEP, find_range
from triage.structure.lines import section_kind
from triage.structure.pieces import Piece
from triage.vocabulary import letters_only, section_names
from triage.work_rights import countries

EXACT = 90  # fuzz.ratio for "this piece is that field"
EXACT_SHORT = 97  # ... for a piece under SHORT_CHARS ("German" is not "Germany")
SHORT_CHARS = 12
NEAR_NAME_LINES = 3  # the headline sits within this many lines of the name
INSIDE = 95  # fuzz.partial_ratio for "this piece is a part of that field" (or the reverse)
MIN_PARTIAL_CHARS = 4  # shorter pieces match only exactly
CONTEXT_CHARS = 25  # a wrapped tail continues the very words of the prose line above it
MIN_LONG_CHARS = 12  # a shorter piece of one or two words is not taken for part of a bullet
# "Present" or "– Present" on its own, the end of a range cut at a line wrap in a date column.
LONE_PRESENT = re.compile(rf"^(?:{RANGE_SEP})?(?:{PRESENT_WORDS})\W*$", re.I)
# Among fields a piece matches equally well, the first label here wins.
PRIORITY = ("name", "title", "org", "edu_inst", "edu_degree", "location", "headline", "contact",
            "bullet", "text", "other")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[‐‑‒–—―−]", "-", text).replace("’", "'")
    return " ".join(text.split())


def _month(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2}))?", value)
    return (match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")) if match else None


def _entries(source: dict) -> list[tuple[str, dict, dict[str, str]]]:
    """(group, entry, {source key: label}) for every entry-like list of the source."""
    role = {"position": "title", "name": "org", "organization": "org", "company": "org",
            "location": "location", "summary": "text", "description": "text"}
    school = {"institution": "edu_inst", "area": "edu_degree", "studyType": "edu_degree",
              "location": "location", "score": "other"}
    out = []
    for group, keys in (("work", role), ("volunteer", role), ("education", school)):
        for entry in source.get(group) or []:
            out.append((group, entry, keys))
    return out


def source_fields(source: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]],
                                         list[tuple[str | None, str | None]]]:
    """Short fields, long fields (label, text) and the (start, end) date pairs to look for."""
    basics = source.get("basics") or {}
    short: list[tuple[str, str]] = []
    long: list[tuple[str, str]] = []
    dates: list[tuple[str | None, str | None]] = []

    def add(label: str, value: object) -> None:
        if not (isinstance(value, str) and value.strip()):
            return
        if len(value.split()) > 12:
            long.append(("text", value))
        else:
            short.append((label, value))

    add("name", basics.get("name"))
    add("headline", basics.get("label"))
    for key in ("email", "phone", "url"):
        add("contact", basics.get(key))
    location = basics.get("location") or {}
    for value in location.values():
        add("contact", value)
    # Themes print the country a code stands for: "GB" as "United Kingdom" (its English name).
    country = countries().get(str(location.get("countryCode") or "").upper())
    if country and country.names:
        add("contact", country.names[0])
    for profile in basics.get("profiles") or []:
        for key in ("url", "username", "network"):  # "LinkedIn" printed before its link
            add("contact", profile.get(key))
    if basics.get("summary"):
        long.append(("text", basics["summary"]))
    # Lists that are not entries: skills, languages, interests, awards... are `other`.
    for key in ("skills", "languages", "interests", "awards", "certificates", "publications",
                "references", "projects"):
        for item in source.get(key) or []:
            for value in (item.values() if isinstance(item, dict) else [item]):
                for text in (value if isinstance(value, list) else [value]):
                    if isinstance(text, str) and 0 < len(text.split()) <= 12:
                        short.append(("other", text))
    for _group, entry, keys in _entries(source):
        for key, label in keys.items():
            value = entry.get(key)
            if label == "text" and isinstance(value, str):
                long.append(("text", value))
            else:
                add(label, value)
        for highlight in entry.get("highlights") or entry.get("courses") or []:
            if isinstance(highlight, str):
                long.append(("bullet" if "highlights" in entry else "other", highlight))
        dates.append((_month(entry.get("startDate")), _month(entry.get("endDate"))))
    return short, long, dates


def _date_label(piece: Piece, dates: list[tuple[str | None, str | None]]) -> str:
    found = piece.dates
    years = {d[:4] for pair in dates for d in pair if d}
    if found and found.start and found.start[:4] in years:
        return "date"
    return "other"


def label_pieces(pieces: list[Piece], source: dict) -> list[str]:
    """The truth label of every piece, from the source it was rendered from."""
    short, long, dates = source_fields(source)
    texts = [fold(p.text) for p in pieces]
    short_texts = [fold(t) for _, t in short] or [""]
    long_texts = [fold(t) for _, t in long] or [""]
    exact = process.cdist(texts, short_texts, scorer=fuzz.ratio, workers=1)
    inside_short = process.cdist(texts, short_texts, scorer=fuzz.partial_ratio, workers=1)
    inside_long = process.cdist(texts, long_texts, scorer=fuzz.partial_ratio, workers=1)
    short_len = np.array([len(t) for t in short_texts])
    def matches(i: int, label: str) -> bool:
        return any(exact[i][c] >= EXACT_SHORT for c, (lab, _) in enumerate(short) if lab == label)

    name_line = next((p.line_index for i, p in enumerate(pieces) if matches(i, "name")), -99)
    headings = _first_headings(pieces, texts)
    first_heading = min(headings, default=len(pieces))

    def headline_place(i: int) -> bool:
        """The headline prints by the name, or anywhere in the page's head above the first
        section heading (under a contact block): there it is no entry's title."""
        return abs(pieces[i].line_index - name_line) <= NEAR_NAME_LINES or i < first_heading

    def headline_by_name(i: int) -> bool:
        return matches(i, "headline") and headline_place(i)

    def opens_entry(i: int) -> bool:
        """The piece prints a title or employer, whole or a whole-word part of one long enough
        to be no chance hit ("Hospices Civils de Lyon" of "Hôpital …, Hospices Civils de
        Lyon": an employer printed before the title)."""
        if matches(i, "title") or matches(i, "org"):
            return True
        if len(texts[i]) < SHORT_CHARS or pieces[i].line_index - name_line <= NEAR_NAME_LINES:
            return False  # a part of the headline by the name may also be a part of a title
        parts = {lab for c, (lab, _) in enumerate(short)
                 if inside_short[i][c] >= INSIDE and _whole_words(texts[i], short_texts[c])}
        return bool(parts & {"title", "org"}) and not parts & {"headline", "contact"}

    top_limit = next((i for i in range(len(pieces)) if opens_entry(i)
                      and not headline_by_name(i)), len(pieces))

    def pick(columns: np.ndarray, i: int) -> str:
        """Above the first entry a match is read as headline or contact (the headline sits by the
        name); below, as the entry field it equals (a city in a job's header is its location)."""
        labels = {short[c][0] for c in columns}
        preferred = ("contact",) if i < top_limit else ()
        preferred += ("headline",) if headline_place(i) else ()
        return min(labels, key=lambda lab: (lab not in preferred, PRIORITY.index(lab)))

    is_contact = np.array([lab == "contact" for lab, _ in short])
    is_headline = np.array([lab == "headline" for lab, _ in short])
    # Fields a piece cannot print where it sits: contact below the first entry, the headline
    # away from the name (a headline that equals the current title is the title in its entry).
    away = np.array([(is_contact & (i >= top_limit)) | (
        is_headline & (not headline_place(i)))
        for i in range(len(pieces))]).reshape(len(pieces), len(short))
    labels: list[str] = []
    for i, (piece, text) in enumerate(zip(pieces, texts, strict=True)):
        if i in headings:
            labels.append("heading")
            continue
        found = piece.dates
        if found and (found.last - found.first) >= 0.6 * len(piece.text.strip()):
            labels.append(_date_label(piece, dates))
            continue
        if LONE_PRESENT.match(piece.text.strip()) and any(s and not e for s, e in dates):
            labels.append("date")
            continue
        scores = np.where(away[i], 0, exact[i])
        best = scores.max() if short else 0
        if best >= (EXACT if len(text) >= SHORT_CHARS else EXACT_SHORT):
            labels.append(pick(np.flatnonzero(scores >= best - 0.5), i))
            continue
        if len(text) >= MIN_PARTIAL_CHARS and short:
            inside = np.flatnonzero((inside_short[i] >= INSIDE) & (short_len >= len(text))
                                    & ~away[i])
            if inside.size and len(text.split()) <= 12:
                # "Partner" is a word of the title "Partner, Litigation", not of the firm
                # "Smith & Partners LLP": fields holding the piece as whole words come first.
                # Among the closest, the label order decides ("Bordeaux" in the place
                # "Bordeaux, France" before the interest "Vins de Bordeaux").
                whole = [c for c in inside if _whole_words(text, short_texts[c])]
                inside = np.array(whole) if whole else inside
                top = scores[inside].max()
                labels.append(pick(inside[scores[inside] >= top - 0.5], i))
                continue
        if long and (len(text) >= MIN_LONG_CHARS or len(text.split()) >= 3) and (
                inside_long[i].max() >= INSIDE - 5):
            labels.append(long[int(np.argmax(inside_long[i]))][0])
            continue
        if short and len(text) >= MIN_PARTIAL_CHARS:
            covered = np.flatnonzero((inside_short[i] >= INSIDE) & (short_len >= 0.5 * len(text))
                                     & (short_len >= MIN_PARTIAL_CHARS))
            if covered.size:
                labels.append(short[int(covered[np.argmax(short_len[covered])])][0])
                continue
        if section_kind(piece.text) is not None and not find_range(piece.text):
            labels.append("heading")
            continue
        labels.append("other")
    exact_best = exact.max(axis=1) if short else np.zeros(len(pieces))
    labels = _continue_prose(pieces, labels, inside_long, texts, long_texts, exact_best)
    return _join_split_fields(pieces, labels, texts, short, short_texts, exact, away, pick)


def _first_headings(pieces: list[Piece], texts: list[str]) -> set[int]:
    """Pieces that head their section even where a field prints the same word (a degree in
    "Education"): a section name alone on its line, the first time it is printed."""
    per_line = Counter(p.line_index for p in pieces)
    seen: set[str] = set()
    out: set[int] = set()
    for i, (piece, text) in enumerate(zip(pieces, texts, strict=True)):
        if per_line[piece.line_index] == 1 and text not in seen and letters_only(
                piece.text) in section_names():
            seen.add(text)
            out.add(i)
    return out


MAX_RUN = 8  # pieces one field can be cut into (by commas, "at", a line wrap…)


def _join_split_fields(pieces: list[Piece], labels: list[str], texts: list[str],
                       short: list[tuple[str, str]], short_texts: list[str],
                       exact: np.ndarray, away: np.ndarray,
                       pick: Callable[[np.ndarray, int], str]) -> list[str]:
    """A short field cut into pieces, by its own commas ("Partner" | "Commercial Litigation") or
    a line wrap ("Harrow" | "Finch & Dunmore" / "LLP"): a run of up to MAX_RUN neighbouring
    pieces on one line or two, dates and headings aside, that together print one source field
    better than each piece prints any field alone, takes that field's label. Longest runs
    first, so a piece joins the whole field it belongs to."""
    out = list(labels)
    if not short:
        return out
    # A piece that is also a skill or a language ("Acute medicine") still belongs to the title
    # it is printed in: only entry and contact fields compete with the run.
    # A field the piece cannot print where it sits (the city of the contact block, below the
    # first entry) does not claim it either: "Hospices Civils de" / "Lyon" is the employer.
    fields = np.array([label != "other" for label, _ in short])
    exact_best = np.where(away, 0, exact)[:, fields].max(axis=1, initial=0)
    taken = [False] * len(pieces)
    # A run may step over dates: a date column's next line sits between a field and its wrap.
    joinable = [k for k in range(len(pieces)) if out[k] not in ("date", "heading")]
    for size in range(MAX_RUN, 1, -1):
        for i in range(len(joinable) - size + 1):
            run = joinable[i:i + size]
            lines = {pieces[k].line_index for k in run}
            if (any(taken[k] or not re.search(r"\w", texts[k]) for k in run)
                    or max(lines) - min(lines) > 1
                    or sum(len(texts[k]) for k in run) < MIN_PARTIAL_CHARS):
                continue
            scores = np.where(away[run].any(axis=0), 0, process.cdist(
                [" ".join(texts[k] for k in run)], short_texts, scorer=fuzz.ratio, workers=1)[0])
            ties = np.flatnonzero(scores >= scores.max() - 0.5)
            label = pick(ties, run[0])
            best = next(c for c in ties if short[c][0] == label)
            if scores[best] < EXACT or any(exact_best[k] > scores[best] for k in run):
                continue
            field = short_texts[best]
            if any(fuzz.ratio(" ".join(texts[k] for k in run if k != left), field)
                   >= scores[best] for left in run):
                continue  # a piece adds nothing: a stray mark beside the field, or a word of
                # another column read in between ("Royal Pennine" | "Present" | "Trust")
            if all(exact_best[k] >= (EXACT_SHORT if len(texts[k]) < SHORT_CHARS else EXACT)
                   for k in run):
                continue  # every piece is a whole field already
            for k in run:
                out[k], taken[k] = label, True
    return out


def _whole_words(piece: str, field: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", field) is not None


def _continue_prose(pieces: list[Piece], labels: list[str], inside_long: np.ndarray,
                    texts: list[str], long_texts: list[str], exact_best: np.ndarray,
                    ) -> list[str]:
    """A short tail of a wrapped bullet ("interés", "medical unit") or a date inside a sentence
    ("desde 2020") is part of the bullet or paragraph it sits in, when the long source text
    contains it (a date only when it is in the same span as the prose and literally in the
    source's text). A tail that is only a part of a short field ("medical unit" of "Acute
    Medical Unit") counts when the source's prose runs on from the line above into it."""
    out = list(labels)
    # A tail can also be a word that names a section ("… through continuing" / "education").
    partial = ("other", "heading", "title", "org", "location", "edu_inst", "edu_degree")
    for i in range(1, len(pieces)):
        if out[i] not in (*partial, "date") or out[i - 1] not in ("bullet", "text"):
            continue
        whole_field = exact_best[i] >= (EXACT if len(texts[i]) >= SHORT_CHARS else EXACT_SHORT)
        joined = f"{texts[i - 1][-CONTEXT_CHARS:]} {texts[i][:CONTEXT_CHARS]}"
        tail = out[i] in partial and inside_long[i].max() >= INSIDE and (
            out[i] == "other" or not whole_field and any(joined in t for t in long_texts))
        quoted_date = out[i] == "date" and pieces[i].span is pieces[i - 1].span and any(
            texts[i] in long for long in long_texts)
        if tail or quoted_date:
            out[i] = out[i - 1]
    return out
