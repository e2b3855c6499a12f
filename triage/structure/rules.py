"""Rule-based structure (the `rules` parser; the default `auto` keeps its reading where it agrees
with the learned one and reads as many complete roles): from a Document's lines to a Resume.

The parser works on visual lines and their spans, using typography and position as much as the
words: headings are short lines that name a known section or stand out in size; an entry is a
block of header lines followed by bullets; within an entry's header, dates and places are found
first, and what is left is split into title and company by vocabulary (data files), then by order.
Every field keeps the ids of the spans it came from, so the skim model can find it on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz

from triage.dates import DATE_RE, DateRange, find_range
from triage.document import Document, Line, Span
from triage.structure.contact import without_document_label
from triage.structure.lines import EMAIL_RE, furniture
from triage.structure.resume import (
    Contact,
    Education,
    Field,
    Resume,
    Role,
    Section,
    parse_warnings,
    span_kinds,
)
from triage.vocabulary import (
    count_hits,
    institution_words,
    letters_only,
    org_words,
    section_names,
    title_words,
)

BULLET_RE = re.compile(r"^\s*([•◦▪▸►‣⁃∙◆◇■□●○✓✔➢➤\-*–+·])(\s+|$)")
PHONE_RE = re.compile(r"(?:\+|\(\+)?\d[\d\s().-]{6,}\d")
URL_RE = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/[\w./%-]*)?", re.I)
LOCATION_RE = re.compile(
    r"^[A-ZÀ-Ý][\w.'’ -]*(?:,\s*[A-ZÀ-Ýa-z][\w.'’ -]*){1,2}$|^(?:remote|hybrid)\b", re.I
)
FIELD_SEPARATORS = re.compile(r"\s+[|–—·•]\s+|\s+-\s+|\s*\|\s*|;\s+")
DEGREE_RE = re.compile(
    r"\b(?:B\.?\s?S\.?c?|B\.?\s?A\.?|B\.?\s?Eng|B\.?Tech|M\.?\s?S\.?c?|M\.?\s?A\.?|M\.?\s?Eng|MBA|"
    r"Ph\.?\s?D|D\.?Phil|Doctor\w*|Bachelor\w*|Master\w*|Diploma|Associate\w*|Licen[cs]e|"
    r"Abitur|Baccalauréat|High School|Certificate|Degree|Undergraduate|Graduate)\b\.?",
)
ROLE_KINDS = ("experience", "activities")
HEADING_SIZE_RATIO = 1.15
UNNAMED = "unnamed"  # a large short line that may be a heading with no known name


# ---------------------------------------------------------------- lines and headings


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).strip(" |·•,;")


def _visible(line: Line) -> list[Span]:
    return [s for s in line.spans if not s.hidden and s.text.strip()]


def _text(spans: list[Span]) -> str:
    return _clean("  ".join(s.text for s in spans))


def _is_bullet(line: Line) -> bool:
    spans = _visible(line)
    return bool(spans) and bool(BULLET_RE.match(spans[0].text))


def _strip_bullet(text: str) -> str:
    return _clean(BULLET_RE.sub("", text, count=1))


def _heading_style(line: Line) -> tuple[bool, float]:
    spans = _visible(line)
    return (all(s.bold for s in spans), round(max(s.size for s in spans)))


@cache
def _section_kind(text: str) -> str | None:
    key = letters_only(text)
    if not key or len(key) > 40:
        return None
    names = section_names()
    if key in names:
        return names[key]
    for name, kind in names.items():
        if len(name) >= 5 and fuzz.ratio(key, name) >= 90:
            return kind
    # "Honors & Awards", "Domestic Awards": a one-word section name as the head (last) word.
    # ("Career break" is not a career section.)
    last = letters_only(text.split()[-1]) if text.split() else ""
    return names.get(last) if len(last) >= 5 else None


def _unspaced(text: str) -> str:
    """'E X P E R I E N C E   P R O F I L E' -> 'EXPERIENCE PROFILE' (letter-spaced headings)."""
    tokens = text.split()
    if len(tokens) < 4 or sum(len(t) == 1 for t in tokens) < 0.8 * len(tokens):
        return text
    words = re.split(r"\s{2,}", text.strip())
    return " ".join(w.replace(" ", "") for w in words)


def _heading_text(spans: list[Span]) -> str:
    return _clean(_unspaced("  ".join(s.text for s in spans)))


def _heading_kind(line: Line, body: float) -> str | None:
    """The section kind a line announces; UNNAMED for a large line that may be a heading of no
    known name (`_headings` decides those); None for no heading."""
    spans = _visible(line)
    text = _heading_text(spans)
    if not spans or len(text.split()) > 6 or _is_bullet(line) or len(spans) > 2:
        return None
    if re.search(r"\d", text) or "@" in text:  # dates, numbers and emails are not headings
        return None
    if text.endswith((".", ",", ";")):
        return None
    kind = _section_kind(text)
    exact = letters_only(text) in section_names()
    big = max(s.size for s in spans) >= body * HEADING_SIZE_RATIO
    caps = text.isupper() and len(letters_only(text)) >= 4
    bold = all(s.bold for s in spans)
    styled = big or (caps and bold)
    if kind and (styled or caps or bold or text.endswith(":")):
        return kind
    if kind and exact and len(text.split()) <= 3 and len(spans) == 1:
        return kind
    if not big:
        return None
    if count_hits(text, title_words()) or FIELD_SEPARATORS.search(text) or DEGREE_RE.search(text):
        return None  # "Data Engineer — Acme" is an entry, however large its type
    return UNNAMED


def _headings(lines: list[Line], body: float) -> list[str | None]:
    """The heading kind of every line, in one pass.

    A heading of no known name counts ('other') only when it looks like the document's named
    headings (same size and weight); when there are none, it must be much larger than the body.
    """
    kinds = [_heading_kind(ln, body) for ln in lines]
    known_styles = {
        _heading_style(ln) for ln, kind in zip(lines, kinds, strict=True)
        if kind not in (None, UNNAMED) and letters_only(ln.text) in section_names()
    }

    def resolve(line: Line, kind: str | None) -> str | None:
        if kind != UNNAMED:
            return kind
        if known_styles:
            return "other" if _heading_style(line) in known_styles else None
        return "other" if max(s.size for s in _visible(line)) >= body * 1.3 else None

    return [resolve(ln, kind) for ln, kind in zip(lines, kinds, strict=True)]


# ---------------------------------------------------------------- fields inside an entry


def _title_score(text: str) -> float:
    return count_hits(text, title_words()) - 0.8 * count_hits(text, org_words())


def _is_location(text: str, span: Span | None, page_width: float) -> bool:
    if _entry_dates(text) or count_hits(text, title_words()) or len(text.split()) > 6:
        return False
    if count_hits(text, org_words()) and not re.search(r",\s*[A-Z]{2}\b", text):
        return False
    if LOCATION_RE.match(text):
        return True
    right_aligned = span is not None and span.x0 > page_width * 0.55
    return right_aligned and len(text.split()) <= 4 and not DEGREE_RE.search(text)


@dataclass
class _Fragment:
    text: str
    span: Span
    line_index: int


def _split_on(fragments: list[_Fragment], pattern: str) -> list[_Fragment]:
    out = []
    for f in fragments:
        parts = [p for p in re.split(pattern, f.text) if _clean(p)]
        out.extend(_Fragment(_clean(p), f.span, f.line_index) for p in parts)
    return out


def _title_company(fragments: list[_Fragment]) -> tuple[_Fragment | None, _Fragment | None]:
    """Pick the title and company among what is left of an entry header."""
    if not fragments:
        return None, None
    if len(fragments) == 1:
        for pattern in (r",\s+", r"\s+at\s+|\s+@\s+"):
            parts = _split_on(fragments, pattern)
            if len(parts) >= 2:
                scores = [_title_score(p.text) for p in parts]
                if max(scores) > 0 and min(scores) <= 0:
                    head, tail = parts[0], _Fragment(
                        ", ".join(p.text for p in parts[1:]), parts[1].span, parts[1].line_index
                    )
                    if pattern != r",\s+":
                        return head, tail
                    first_is_title = _title_score(head.text) >= _title_score(tail.text)
                    return (head, tail) if first_is_title else (tail, head)
        only = fragments[0]
        return (only, None) if _title_score(only.text) > 0 else (None, only)
    scores = [_title_score(f.text) for f in fragments]
    best = max(range(len(fragments)), key=lambda i: (scores[i], -i))
    if scores[best] <= 0:
        best = 0  # no vocabulary to go on: the first line of an entry is most often the title
    title = fragments[best]
    rest = [f for i, f in enumerate(fragments) if i != best]
    org_scores = [count_hits(f.text, org_words()) for f in rest]
    company = rest[max(range(len(rest)), key=lambda i: (org_scores[i], -i))]
    return title, company


@dataclass
class _Entry:
    header: list[Line] = field(default_factory=list)
    bullets: list[list[Line]] = field(default_factory=list)
    asides: list[Span] = field(default_factory=list)  # date/place cells on bullet rows
    description: list[Line] = field(default_factory=list)


def _entry_dates(text: str) -> DateRange | None:
    """Dates that can head an entry: a range, or a lone date that is most of the text.

    "Amsterdam (remote from 2021)" mentions a year but is not a new entry.
    """
    found = find_range(text)
    if found is None:
        return None
    if found.end is not None or (found.last - found.first) >= 0.6 * len(text.strip()):
        return found
    return None


def _style(line: Line) -> tuple[bool, float]:
    spans = _visible(line)
    return (spans[0].bold, round(spans[0].size)) if spans else (False, 0.0)


def _segment(lines: list[Line], page_width: float) -> list[_Entry]:
    """Split a section's lines into entries: header lines, then bullets."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    bullet_x: float | None = None
    for line in lines:
        spans = _visible(line)
        if not spans:
            continue
        first = spans[0]
        if _is_bullet(line) and current is not None:
            current.bullets.append([line])
            bullet_x = first.x0
            current.asides.extend(s for s in spans[1:] if s.x0 > first.x1 + 20)
            continue
        continuation = (
            current is not None
            and current.bullets
            and bullet_x is not None
            and first.x0 > bullet_x + 1.5
            and not first.bold
        )
        if continuation:
            current.bullets[-1].append(line)
            current.asides.extend(s for s in spans[1:] if s.x0 > first.x1 + 20)
            continue
        bullet_x = None
        text = _text(spans)
        sentence = len(text.split()) >= 6 and bool(re.search(r"\b[a-z]{3,}\.$", text))
        long_prose = len(text.split()) > 14 or sentence
        long_prose = long_prose and not _entry_dates(text)
        if current is not None and long_prose:
            current.description.append(line)
            continue
        has_dates = any(_entry_dates(h.text) for h in current.header) if current else False
        starts_new = (
            current is None
            or bool(current.bullets)
            or bool(current.description)
            or (has_dates and _style(line) == _style(current.header[0])
                and (_entry_dates(text) is not None
                     or (len(current.header) >= 2
                         and _style(current.header[1]) != _style(current.header[0])
                         and not _is_location(_clean(first.text), None, page_width))))
        )
        if starts_new:
            current = _Entry()
            entries.append(current)
        current.header.append(line)
    return entries


def _entry_fields(entry: _Entry, page_width: float):
    """Dates, location and the remaining text fragments of an entry header."""
    cells: list[tuple[Span, int]] = []
    for index, line in enumerate(entry.header):
        cells.extend((s, index) for s in _visible(line))
    cells.extend((s, len(entry.header)) for s in entry.asides)
    found_by_cell = [_entry_dates(_clean(span.text)) for span, _ in cells]
    ranked = [i for i, f in enumerate(found_by_cell) if f is not None]
    # A real range beats a lone year: "President at 2013" is a title, not a date.
    ranked.sort(key=lambda i: (found_by_cell[i].end is None, i))
    chosen = ranked[0] if ranked else None
    dates: DateRange | None = found_by_cell[chosen] if chosen is not None else None
    date_spans: list[str] = [cells[chosen][0].id] if chosen is not None else []
    location: str | None = None
    fragments: list[_Fragment] = []
    for position, (span, index) in enumerate(cells):
        text = _clean(span.text)
        found = found_by_cell[position]
        if found and (position == chosen or found.last - found.first >= len(text) - 2):
            text = _clean(DATE_RE.sub(" ", text[: found.first] + " " + text[found.last:]))
            text = _clean(re.sub(r"^\W+$", "", text))
        if not text or BULLET_RE.fullmatch(text):
            continue
        if re.fullmatch(r"\(?\d+\s+(?:years?|months?|yrs?|mos?)\b.*", text, re.I):
            continue  # computed durations such as "2 years 10 months"
        pieces = [p for p in FIELD_SEPARATORS.split(text) if _clean(p)]
        for piece in pieces:
            piece = _clean(piece)
            if location is None and _is_location(piece, span, page_width) and (
                len(pieces) > 1 or span.x0 > page_width * 0.45 or index > 0 or fragments
            ):
                location = piece
                continue
            fragments.append(_Fragment(piece, span, index))
    return dates, date_spans, location, fragments


def _role(entry: _Entry, section: str, page_width: float) -> Role:
    dates, date_spans, location, fragments = _entry_fields(entry, page_width)
    title, company = _title_company(fragments)
    bullets = [
        _strip_bullet(" ".join(_text(_visible(ln)).replace("  ", " ") for ln in group))
        for group in entry.bullets
    ]
    bullets = [re.sub(r"(\w)- (\w)", r"\1\2", b) for b in bullets]
    bullets += [_text(_visible(ln)) for ln in entry.description]
    return Role(
        title=title.text if title else None,
        company=company.text if company else None,
        location=location,
        start=dates.start if dates else None,
        end=dates.end if dates else None,
        bullets=bullets,
        section=section,
        title_spans=[title.span.id] if title else [],
        company_spans=[company.span.id] if company else [],
        date_spans=date_spans,
        bullet_spans=[[s.id for ln in group for s in _visible(ln)] for group in entry.bullets],
        header_line_ids=[ln.id for ln in entry.header],
    )


def _split_degrees(entry: _Entry) -> list[_Entry]:
    """Two degrees from one school under one institution line become two entries."""
    degree_lines = [i for i, ln in enumerate(entry.header)
                    if DEGREE_RE.search(ln.text) and _entry_dates(ln.text)]
    if len(degree_lines) < 2:
        return [entry]
    shared = [ln for i, ln in enumerate(entry.header) if i < degree_lines[0]]
    return [_Entry(header=[*shared, entry.header[i]]) for i in degree_lines]


def _with_shared_employer(roles: list[Role]) -> list[Role]:
    """Several roles at one company: a lone 'Title    dates' line takes the company above it."""
    for previous, role in zip(roles, roles[1:], strict=False):
        if role.company is None and role.title and len(role.header_line_ids) == 1 and (
            previous.company
        ):
            role.company = previous.company
            role.company_spans = list(previous.company_spans)
            role.location = role.location or previous.location
    return roles


def _education(entry: _Entry, page_width: float) -> Education:
    dates, _, _, fragments = _entry_fields(entry, page_width)
    parts = _split_on(fragments, r",\s+(?=[A-Z])")
    institution = next(
        (p for p in parts if count_hits(p.text, institution_words())), None
    ) or next((f for f in fragments if f.span.bold), fragments[0] if fragments else None)
    degree = next((p for p in parts if DEGREE_RE.search(p.text) and p is not institution), None)
    if institution and degree is None:
        degree = next((p for p in parts if p is not institution and p.text != institution.text
                       and institution.text not in p.text), None)
    return Education(
        institution=institution.text if institution else None,
        degree=degree.text if degree else None,
        start=dates.start if dates else None,
        end=dates.end if dates else None,
        span_ids=[s.id for ln in entry.header for s in _visible(ln)],
    )


def _looks_like_roles(entries: list[_Entry], page_width: float) -> bool:
    """An unnamed section holds roles when most entries have dates and a title word."""
    if not entries:
        return False
    good = 0
    for entry in entries:
        dates, _, _, fragments = _entry_fields(entry, page_width)
        if dates and any(_title_score(f.text) > 0 for f in fragments):
            good += 1
    return good * 2 > len(entries)


# ---------------------------------------------------------------- the top of the page


def _contact(top: list[Line], doc: Document) -> tuple[Contact, Field | None, Field | None]:
    contact = Contact()
    headline: Field | None = None
    summary_lines: list[Line] = []
    text_lines = [ln for ln in top if _visible(ln)]
    first_page = [ln for ln in text_lines if ln.page == 0] or text_lines
    named = [ln for ln in first_page if not find_range(_text(_visible(ln)))
             and not EMAIL_RE.search(_text(_visible(ln)))
             and without_document_label(_text(_visible(ln)))]
    # A name is two to five words of letters; a monogram or a tagline is not.
    likely = [ln for ln in named if 2 <= len(_text(_visible(ln)).split()) <= 5
              and not re.search(r"[\d@/|:]", _text(_visible(ln)))]
    if named:
        name_line = max(likely or named[:8], key=lambda ln: (ln.size, -text_lines.index(ln)))
        contact.name = without_document_label(_text(_visible(name_line)))
        contact.name_spans = [s.id for s in _visible(name_line)]
    else:
        name_line = None
    for line in text_lines:
        if line is name_line:
            continue
        spans = _visible(line)
        text = _text(spans)
        used = False
        email = EMAIL_RE.search(text)
        if email and contact.email is None:
            contact.email = email.group(0)
            used = True
        for span in spans:
            cell = _clean(span.text)
            phone = PHONE_RE.search(cell)
            digits = sum(c.isdigit() for c in phone.group(0)) if phone else 0
            if phone and 8 <= digits <= 15 and not find_range(phone.group(0)) and not (
                contact.phone
            ):
                contact.phone = _clean(phone.group(0))
                used = True
            for piece in re.split(r"\s+[|·•]\s+|\s{2,}", cell):
                piece = _clean(piece)
                if (contact.location is None and LOCATION_RE.match(piece)
                        and not re.search(r"\d|@", piece) and not count_hits(piece, title_words())
                        and len(piece.split()) <= 6):
                    contact.location = piece
                    used = True
                elif URL_RE.fullmatch(piece) and "@" not in piece:
                    contact.links.append(piece)
                    used = True
        if used:
            contact.contact_spans.extend(s.id for s in spans)
            continue
        if name_line is not None and headline is None and not summary_lines and (
            text_lines.index(line) == text_lines.index(name_line) + 1
            and len(text.split()) <= 12
        ):
            headline = Field(text, [s.id for s in spans])
            continue
        if len(text.split()) >= 4 and not re.search(r"updated|curriculum vitae", text, re.I):
            summary_lines.append(line)
    summary = None
    if summary_lines:
        summary = Field(
            " ".join(_text(_visible(ln)) for ln in summary_lines),
            [s.id for ln in summary_lines for s in _visible(ln)],
        )
    return contact, headline, summary


def _skills(lines: list[Line]) -> tuple[list[str], list[str]]:
    skills: list[str] = []
    spans: list[str] = []
    for line in lines:
        cells = _visible(line)
        spans.extend(s.id for s in cells)
        text = _strip_bullet(_text(cells))
        if ":" in text:
            text = text.split(":", 1)[1]
        elif len(cells) >= 2 and len(cells[0].text.split()) <= 3 and cells[0].bold:
            text = _text(cells[1:])
        for item in re.split(r"\s*[,;|•·/]\s*|\s{2,}", text):
            item = _clean(item)
            if item and len(item) <= 40 and item.lower() not in {s.lower() for s in skills}:
                skills.append(item)
    return skills, spans


# ---------------------------------------------------------------- the whole resume


def _split_label(line: Line) -> list[Line]:
    """A label column ("Skills    Python, SQL") is a heading with its first content line."""
    spans = _visible(line)
    if len(spans) < 2 or letters_only(_unspaced(spans[0].text)) not in section_names():
        return [line]
    if spans[1].x0 < spans[0].x1 + 10:
        return [line]
    label = Line(f"{line.id}a", (spans[0],), line.page, line.column)
    rest = Line(f"{line.id}b", tuple(spans[1:]), line.page, line.column)
    return [label, rest]


def structure(doc: Document) -> Resume:
    """Read a Document into a Resume. Never raises on odd text: unknown parts are left out."""
    skip = furniture(doc)
    lines = [part for ln in doc.lines if ln.id not in skip and _visible(ln)
             for part in _split_label(ln)]
    body = doc.body_size
    page_width = doc.pages[0].width if doc.pages else 612.0
    name_size = max((ln.size for ln in lines[:10]), default=body)

    sections: list[Section] = []
    top: list[Line] = []
    grouped: list[tuple[Section, list[Line]]] = []
    previous: Line | None = None
    fresh_column = False
    for line, kind in zip(lines, _headings(lines, body), strict=True):
        if kind == "other" and line.size >= name_size and not sections:
            kind = None  # the name, not a heading
        if previous is not None and line.page == previous.page and line.column != previous.column:
            fresh_column = True  # a sidebar's sections do not flow into the main column
        previous = line
        if kind:
            fresh_column = False
        elif fresh_column and line.page == 0 and line.bbox[1] < doc.pages[0].height * 0.35:
            top.append(line)
            continue
        if kind:
            spans = _visible(line)
            section = Section(kind, _heading_text(spans), [s.id for s in spans], [])
            sections.append(section)
            grouped.append((section, []))
        elif grouped:
            grouped[-1][1].append(line)
            grouped[-1][0].line_ids.append(line.id)
        else:
            top.append(line)

    contact_lines = [ln for section, group in grouped if section.kind == "contact" for ln in group]
    contact, headline, summary = _contact(top + contact_lines, doc)
    roles: list[Role] = []
    education: list[Education] = []
    skills: list[str] = []
    skill_spans: list[str] = []
    summary_parts: list[Line] = []
    for section, section_lines in grouped:
        if section.kind in ("experience", "activities", "other"):
            entries = _segment(section_lines, page_width)
            if section.kind != "other" or _looks_like_roles(entries, page_width):
                roles.extend(_with_shared_employer(
                    [_role(e, section.heading, page_width) for e in entries if e.header]
                ))
        elif section.kind == "education":
            entries = _segment(section_lines, page_width)
            education.extend(
                _education(part, page_width) for e in entries if e.header
                for part in _split_degrees(e)
            )
        elif section.kind == "skills":
            found, spans = _skills(section_lines)
            skills.extend(s for s in found if s not in skills)
            skill_spans.extend(spans)
        elif section.kind == "summary":
            summary_parts.extend(section_lines)
    roles = [r for r in roles if r.title or r.company]
    if summary_parts:
        summary = Field(
            " ".join(_text(_visible(ln)) for ln in summary_parts),
            [s.id for ln in summary_parts for s in _visible(ln)],
        )

    warnings = parse_warnings(doc, contact, roles)

    kinds = span_kinds(doc, contact, headline, summary, roles, education, skill_spans, sections)
    return Resume(doc, contact, headline, summary, roles, education, skills, skill_spans,
                  sections, warnings, kinds)
