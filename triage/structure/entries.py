"""Entries: fields (fields.py) grouped into sections, roles and schools.

Headings open sections. Inside a section, an entry collects header fields — title,
organisation, dates, place — until a field it already has comes again or bullets have begun; its
bullets and description follow. A role with no organisation under an employer header takes the
employer of the role above it (several roles at one company).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from triage.dates import DateRange, find_range
from triage.document import Line, Span
from triage.readers.layout import SAME_SIZE_PT
from triage.structure.features import BULLET_RE, GLYPH_RE
from triage.structure.fields import PRESENT_RE, LabelledField
from triage.structure.lines import clean, section_kind
from triage.structure.pieces import Piece, visible_spans
from triage.structure.resume import Education, Role, Section
from triage.vocabulary import legal_forms, org_words, place_share

HEADER_LABELS = ("title", "org", "date", "location")
ROLE_KINDS = ("experience", "activities")
# Sections whose content decides what they hold; the rest are taken at their heading's word
# (projects and publications have dated titles of their own, and are not jobs).
MIN_ROLE_FIELDS = 2  # title or organisation fields that make a section hold roles
INFERRED_KINDS = ("top", "other", "summary", "skills", "contact", "interests")
UNKNOWN = "other"  # a heading whose name is not in the vocabulary
# In an education section a "title" is the degree and an "org" the school, and the reverse.
EDUCATION_SLOTS = {"title": "edu_degree", "org": "edu_inst", "edu_degree": "edu_degree",
                   "edu_inst": "edu_inst", "date": "date", "location": "location"}
ROLE_SLOTS = {"title": "title", "org": "org", "edu_degree": "title", "edu_inst": "org",
              "date": "date", "location": "location"}
UNSURE_HEADER = 0.5  # below this mean probability a glyph-led header field is read as a bullet
MAX_TITLECASE_ABBREVIATION = 3  # "Co.", "Jr.", "Dr.": short title-case words ending a name
MIN_TRAILING_PLACES = 2  # place names ending an organisation's span that are its place
WRAP_SIZE_PT = 0.25  # a field wrapped over two lines prints both in one size, to rounding
MIN_CAPITALS = 4  # letters a line needs before being set in capitals marks its style
NOTE_WORDS = 3  # words after a date, in its span, that make the line a dated note
CONTINUATION_INDENT_PT = 1.5  # a wrapped bullet line starts right of the bullet's first line
WRAP_ALIGN_PT = 2.0  # a header field's wrapped line starts no further left than the field
# The labeller's probability of "title" that makes a dated employer's first body line its title.
MIN_TITLE_CHANCE = 0.1
MIN_TITLES_IN_TYPE = 2  # titles in one type that make it the section's title type
MAX_HEADER_WORDS = 10  # a longer title or employer is a sentence read as one
BODY_OR_UNREAD = ("other", "bullet", "text", "location")  # labels a misread title may carry


@dataclass
class _Entry:
    slots: dict[str, LabelledField] = field(default_factory=dict)
    bullets: list[list[LabelledField]] = field(default_factory=list)
    description: list[LabelledField] = field(default_factory=list)
    extra_dates: list[LabelledField] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return bool(self.bullets or self.description)


def _take_body(into: _Entry, entry: _Entry) -> None:
    """`entry` turned out to be a part of `into`: its bullets and description follow."""
    into.bullets.extend(entry.bullets)
    into.description.extend(entry.description)


def sections(items: list[LabelledField]) -> list[tuple[Section, list[LabelledField]]]:
    """Headings open sections; what comes before the first heading is the 'top' section."""
    out: list[tuple[Section, list[LabelledField]]] = [(Section("top", "", [], []), [])]
    for item in items:
        if item.label == "heading":
            text = item.text
            out.append((Section(section_kind(text) or UNKNOWN, text, item.span_ids, []), []))
        else:
            out[-1][1].append(item)
    return out


def _date_of(entry: _Entry) -> DateRange | None:
    found = entry.slots.get("date")
    if found is None:
        return None
    date = find_range(found.text)
    for extra in entry.extra_dates:  # "Jan 2019 –" / "Present" wrapped in a date column
        if date is not None and date.end is None:
            more = find_range(extra.text)
            if more is not None or PRESENT_RE.match(extra.text):
                end = "present" if more is None else (more.end or more.start)
                date = DateRange(date.start, end, date.first, date.last)
    return date


def group(items: list[LabelledField], slots: dict[str, str]) -> list[_Entry]:
    """Entries of one section, from its fields in reading order."""
    entries: list[_Entry] = []
    current: _Entry | None = None
    note: LabelledField | None = None
    for item, after in zip(items, [*items[1:], None]):  # noqa: B905 (`after` ends in None)
        if item is note:
            continue
        if current is not None and _ends_open_range(current, item):
            current.extra_dates.append(item)
            continue
        if current is not None and len(item.pieces) > 1 and _column_end_date(current, item):
            end, item = item.cut(1)
            current.extra_dates.append(end)
        if current is not None and (item.label == "bullet" or _glyph_led_line(item)):
            _add_bullet(current, item)
            continue
        slot = slots.get(item.label)
        if slot == "date" and _dated_note(item, after):
            note = after if after.label in slots else None  # a sentence, not a header field
            continue
        if slot is not None:
            if current is not None and slot == "date" and "date" in current.slots and (
                not current.has_body and not current.extra_dates
                and _needs_end(current.slots["date"], item)
            ):
                current.extra_dates.append(item)
                continue
            if current is not None and slot == "date" and "date" in current.slots and (
                    _inside_body(current, item) or _repeats(current, item)):
                continue
            if current is not None and slot in ("title", "org") and slot in current.slots and (
                    _pair_slot(slot) not in current.slots and not current.has_body
                    and not _whole_header_dated(current, slot)):
                _pair(current, item, slots)
                continue
            if current is not None and slot == "org" and _continues_organisation(current, item):
                current.slots["org"].absorb(item)
                continue
            if current is not None and slot == "org" and _title_qualifier(current, item):
                current.slots["title"].absorb(current.slots.pop("org"))
            if current is not None and slot in current.slots and len(entries) > 1 and (
                    _bullet_tail(entries[-2], current, current.slots[slot], item)):
                entries[-2].bullets[-1].append(current.slots.pop(slot))
            if current is None or slot in current.slots or (
                    current.has_body and not _beside_first_body_line(current, item)):
                current = _Entry()
                entries.append(current)
            current.slots[slot] = item
        elif current is not None and item.label == "text":
            current.description.append(item)
    return _dates_under_undated_headers(
        _without_stray_headers(_employer_headers(_employers_after_bodies(entries, slots))))


def _dates_under_undated_headers(entries: list[_Entry]) -> list[_Entry]:
    """A titled header with no dates and no body, then an entry with dates and no title: one
    header that something printed between its lines split (a sidebar's line read in between,
    "Brand Manager — Chaiwala &" | "History" | "Co. Beverages" + dates). The first keeps its
    fields and takes the second's missing ones and its body."""
    out: list[_Entry] = []
    for entry in entries:
        before = out[-1] if out else None
        if (before is not None and "title" in before.slots and "date" not in before.slots
                and not before.has_body and "title" not in entry.slots
                and "date" in entry.slots):
            for slot, found in entry.slots.items():
                before.slots.setdefault(slot, found)
            _take_body(before, entry)
            before.extra_dates.extend(entry.extra_dates)
            continue
        out.append(entry)
    return out


def _type_of(found: LabelledField) -> tuple:
    span = found.pieces[0].span
    return (span.font, round(span.size, 1), span.bold, span.italic,
            tuple(round(c, 1) for c in span.color))


def titles_in_their_type(sections: list[tuple[list[_Entry], list[LabelledField]]]) -> None:
    """A template prints every entry's title in one type. An entry with an employer and no
    title, whose next field sits on a line of its own below its header, in the type that
    MIN_TITLES_IN_TYPE titles of the document's role sections share, has its title there,
    whatever the labeller called it ("HARTLEY CRANE LLP  03/2011 – 08/2014" / "ASSOCIATE"
    read as `other`). `sections`: each role section's entries and fields, in reading order."""
    types = Counter(_type_of(e.slots["title"]) for entries, _ in sections for e in entries
                    if "title" in e.slots)
    for entries, items in sections:
        _title_after_header(entries, items, types)


def _title_after_header(entries: list[_Entry], items: list[LabelledField],
                        types: Counter) -> None:
    order = {id(item): k for k, item in enumerate(items)}
    for entry in entries:
        header = [order.get(id(f)) for f in entry.slots.values()]
        if "title" in entry.slots or "org" not in entry.slots or None in header:
            continue
        found, beside = (items[max(header) + 1:] + [None, None])[:2]
        header_lines = {i for f in entry.slots.values() for i in f.line_indexes}
        if (found is None or found.label not in BODY_OR_UNREAD
                or types[_type_of(found)] < MIN_TITLES_IN_TYPE
                or min(found.line_indexes) <= max(header_lines)
                or beside is not None and set(beside.line_indexes) & set(found.line_indexes)):
            continue
        entry.slots["title"] = found
        entry.bullets = [kept for kept in ([f for f in b if f is not found]
                                           for b in entry.bullets) if kept]
        entry.description = [f for f in entry.description if f is not found]


def _bullet_tail(before: _Entry, entry: _Entry, held: LabelledField,
                 item: LabelledField) -> bool:
    """A header field that opened `entry` on the line right under the last bullet of the entry
    before it, in that bullet's type, while the same kind of field now comes in another type:
    the held one was the bullet's wrapped last line ("… across the" / "Mississauga office"),
    which the labeller took for a header, and `item` is the real one."""
    if entry.has_body or not before.bullets or len(held.line_indexes) != 1:
        return False
    last = before.bullets[-1][-1]
    tail, real, bullet = held.pieces[0].span, item.pieces[0].span, last.pieces[-1].span
    return (held.line_indexes[0] == last.line_indexes[-1] + 1
            and next(iter(entry.slots.values())) is held
            and _same_type(tail, bullet) and not _same_type(tail, real))


def _same_type(a: Span, b: Span) -> bool:
    return abs(a.size - b.size) < SAME_SIZE_PT and a.bold == b.bold


def _dated_note(date: LabelledField, after: LabelledField | None) -> bool:
    """"Mar 2020 – Dec 2021: career break for parental leave.": dates that open a sentence in
    their own span, after a colon, date a note, not an entry's header. The sentence may have
    been labelled a header field; it reads as prose (a small first letter, or a final period)."""
    if after is None or not (after.label in ("other", "text") or after.text[:1].islower()
                             or after.text.rstrip().endswith(".")):
        return False
    end, start = date.pieces[-1], after.pieces[0]
    return (start.span is end.span and ":" in end.span_text[end.end:start.start]
            and len(after.text.split()) >= NOTE_WORDS)


def _whole_header_dated(entry: _Entry, slot: str) -> bool:
    """A header that already names both sides at a separator ("Data Analyst — Northwind"), and
    whose dates followed it on a line below: it is complete, so the next title-or-organisation
    field opens the next entry instead of becoming its partner."""
    held, date = entry.slots[slot], entry.slots.get("date")
    return (date is not None and _cut_at_separator(held) is not None
            and date.line_indexes[0] > held.line_indexes[-1])


def _pair_slot(slot: str) -> str:
    return "org" if slot == "title" else "title"


def _pair(entry: _Entry, item: LabelledField, slots: dict[str, str]) -> None:
    """Two title-or-organisation fields in one header and no partner: the labeller was unsure
    which is which, so the one it finds more title-like is the title."""
    (held_slot,) = (s for s in ("title", "org") if s in entry.slots)
    held = entry.slots.pop(held_slot)
    first, second = (held, item) if held.title_odds >= item.title_odds else (item, held)
    title_slot = slots["title"]
    org_slot = slots["org"]
    entry.slots[title_slot], entry.slots[org_slot] = first, second


def _continues_organisation(entry: _Entry, item: LabelledField) -> bool:
    """An organisation after a comma, while the header already holds one ("Hôpital
    Édouard-Herriot, Hospices Civils de Lyon"): the unit and its parent are one employer,
    whatever label (school or company) the labeller gave each."""
    return "org" in entry.slots and not entry.has_body and item.pieces[0].sep_before == "comma"


def _title_qualifier(entry: _Entry, item: LabelledField) -> bool:
    """A second organisation in a header, on a line of its own, after one printed behind the
    title on the title's line ("Nurse Manager – Acute Medical Unit" over "St. Brendan's
    Hospital"): a header names one employer, so the first was the title's qualifier."""
    if entry.has_body or "title" not in entry.slots or "org" not in entry.slots:
        return False
    title, held = entry.slots["title"], entry.slots["org"]
    last = title.pieces[-1]
    return (held.line_indexes == [last.line_index] and held.pieces[0].index == last.index + 1
            and last.line_index not in item.line_indexes and held.confidence < item.confidence)


def _beside_first_body_line(entry: _Entry, item: LabelledField) -> bool:
    """A date or place printed at the right of an entry's first bullet still belongs to it."""
    body = [*(f for b in entry.bullets for f in b), *entry.description]
    first_line = min(i for f in body for i in f.line_indexes)
    return item.line_indexes[0] <= first_line


def _employers_after_bodies(entries: list[_Entry], slots: dict[str, str]) -> list[_Entry]:
    """Europass-style entries print the employer (or school) after the activities, so in reading
    order each one comes before the next entry's title and dates. The signature: the first entry
    has no organisation, every later one has, and the last holds an organisation but no title or
    dates. Then every organisation (with a place on its line) moves back one entry."""
    org_slot, title_slot = slots["org"], slots["title"]
    if len(entries) < 2 or org_slot in entries[0].slots:
        return entries
    last = entries[-1]
    if title_slot in last.slots or "date" in last.slots or any(
            org_slot not in e.slots for e in entries[1:]):
        return entries
    for before, after in zip(entries, entries[1:], strict=False):
        org = after.slots.pop(org_slot)
        before.slots[org_slot] = org
        place = after.slots.get("location")
        if place is not None and set(place.line_indexes) & set(org.line_indexes):
            before.slots["location"] = after.slots.pop("location")
    entries[-2].bullets.extend(last.bullets)
    entries[-2].description.extend(last.description)
    return entries[:-1]


def _employer_headers(entries: list[_Entry]) -> list[_Entry]:
    """An employer line with no dates and no body ("Harbour Pay Ltd. (HarbourPay) | Seoul"),
    then a dated title with no employer: the line heads that role, not a role of its own. What
    the labeller took for a title in the employer's own span is part of its name."""
    out: list[_Entry] = []
    for entry in entries:
        header = out[-1] if out else None
        if (header is not None and "org" in header.slots and "date" not in header.slots
                and not header.extra_dates and not header.has_body
                and "date" in entry.slots and "title" in entry.slots
                and "org" not in entry.slots):
            org = header.slots["org"]
            title = header.slots.get("title")
            if title is not None and title.pieces[0].span is org.pieces[-1].span:
                org.absorb(title)
            entry.slots["org"] = org
            if "location" in header.slots:
                entry.slots.setdefault("location", header.slots["location"])
            out[-1] = entry
            continue
        out.append(entry)
    return out


def _without_stray_headers(entries: list[_Entry]) -> list[_Entry]:
    """An 'entry' of one header field with no dates, after an entry with a body, is a line of
    that body the labeller misread (the wrapped tail of a bullet): it goes back to it. After an
    entry with no body yet, it is the wrapped end of a header field on the line above it."""
    out: list[_Entry] = []
    for entry in entries:
        stray = len(entry.slots) == 1 and "date" not in entry.slots and not entry.extra_dates
        if stray and out and _title_under_run_on_header(out[-1], entry):
            before = out[-1]
            before.slots["org"].absorb(before.slots.pop("title"))
            (before.slots["title"],) = entry.slots.values()
            _take_body(before, entry)
            continue
        wrapped = _wrapped_header_field(out[-1], entry) if stray and out else None
        if wrapped is not None:
            (only,) = entry.slots.values()
            wrapped.absorb(only)
            _take_body(out[-1], entry)
            continue
        if stray and out and out[-1].has_body:
            previous = out[-1]
            (only,) = entry.slots.values()
            target = previous.bullets[-1] if previous.bullets else None
            if target is not None:
                target.append(only)
            else:
                previous.description.append(only)
            _take_body(previous, entry)
            continue
        out.append(entry)
    return out


def _wrapped_header_field(before: _Entry, entry: _Entry) -> LabelledField | None:
    """The title or organisation of `before` that `entry`'s lone field continues: the same
    label, starting on the very next line under that field's line ("Kleintierpraxis Dr.
    Brunner" / "& Dr. Aigner"), in whatever type the page set the wrap (a first line styled
    apart, as CSS `::first-line` does, keeps fields.py from joining it). A field whose text runs
    on into another field of the header did not wrap, as its line went on past it: the wrap
    continues the field that ends that line, whatever its label ("Assistenztierärztin —
    Kleintierpraxis Dr. Brunner" / "& Dr. Aigner" read as a title is the employer's end)."""
    (only,) = entry.slots.values()
    start = only.pieces[0]
    above = [f for key, f in before.slots.items() if key not in ("date", "location")
             and f.line_indexes[-1] == start.line_index - 1
             and f.pieces[0].span.x0 - WRAP_ALIGN_PT <= start.span.x0 <= f.pieces[-1].span.x1]
    same = next((f for f in above if f.label == only.label), None)  # one field per slot
    if same is not None and _runs_on(same, before):
        return max(above, key=lambda f: f.pieces[-1].index)  # the field that ends the line
    return same


def _title_under_run_on_header(before: _Entry, entry: _Entry) -> bool:
    """A lone title on the line under a header whose title runs on into its employer in one
    span, after a comma ("SMITH, JONES & PARTNERS LLP" over "PARTNER"): the header's 'title'
    was the employer's first part, and the lone one is the title. After a dash or "at" the two
    are a title and its employer ("MLOps Engineer — Quantex")."""
    (only,) = entry.slots.values()
    title, org = before.slots.get("title"), before.slots.get("org")
    return (only.label == "title" and title is not None and org is not None
            and not before.has_body and _runs_on(title, before)
            and org.pieces[0].span is title.pieces[-1].span and org.pieces[0].sep_before == "comma"
            and only.pieces[0].line_index == title.line_indexes[-1] + 1)


def _runs_on(found: LabelledField, entry: _Entry) -> bool:
    end = found.pieces[-1]
    return any(p.span is end.span and p.index > end.index
               for other in entry.slots.values() if other is not found for p in other.pieces)


def _ends_open_range(entry: _Entry, item: LabelledField) -> bool:
    """"Present" under a header whose dates have a start and no end ("January 2023" / "–" /
    "Present" in a date column), whatever the labeller took the lone word for."""
    return ("date" in entry.slots and not entry.has_body and not entry.extra_dates
            and _start_only(entry.slots["date"])
            and bool(PRESENT_RE.match(item.text)) and len(item.text.split()) <= 3)


def _column_end_date(entry: _Entry, item: LabelledField) -> bool:
    """A date column's second line ("06/2019" over "01/2022"), printed on the first bullet's
    line, read into that bullet: a span that is a lone date under the header's start-only
    date, in its column, ends the range."""
    held = entry.slots.get("date")
    first = item.pieces[0]
    if held is None or entry.has_body or entry.extra_dates or not _start_only(held):
        return False
    above = held.pieces[-1].span
    return (first.dates is not None and first.dates.end is None
            and not first.span_text[:first.start].strip()
            and not first.span_text[first.end:].strip()
            and first.line_index == held.pieces[-1].line_index + 1
            and first.span.x0 < above.x1 and above.x0 < first.span.x1)


def _needs_end(held: LabelledField, item: LabelledField) -> bool:
    """A second date in an entry's header ends its first: the range was cut at a line wrap
    ("Jan 2019 –" / "Mar 2021"), or start and end sit on lines of their own in a date column."""
    second = find_range(item.text)
    return _start_only(held) and second is not None and second.end is None


def _repeats(entry: _Entry, item: LabelledField) -> bool:
    """The entry's own dates printed again (some templates repeat them under the bullets).
    Where dates lead each header, the same dates again open the next entry instead."""
    if next(iter(entry.slots)) == "date":
        return False
    first, second = find_range(entry.slots["date"].text), find_range(item.text)
    return first is not None and second is not None and (first.start, first.end) == (
        second.start, second.end)


def _start_only(item: LabelledField) -> bool:
    found = find_range(item.text)
    return found is not None and found.start is not None and found.end is None


def _inside_body(entry: _Entry, item: LabelledField) -> bool:
    """A date on a line of the entry's bullets or description ("… in JMLR (2023)") is prose."""
    body_lines = {i for b in entry.bullets for f in b for i in f.line_indexes}
    body_lines |= {i for f in entry.description for i in f.line_indexes}
    return bool(body_lines & set(item.line_indexes))


def _glyph_led_line(item: LabelledField) -> bool:
    """A line opening with a bullet glyph under an entry's header is part of its body when the
    labeller calls it `other` ("• Wrote batch jobs"), or a header field with little confidence
    (a header can open with a glyph too, and is then labelled with confidence)."""
    first = item.pieces[0]
    unsure = item.label == "other" or (
        item.label in HEADER_LABELS and item.confidence < UNSURE_HEADER)
    return (unsure and first.span_index == 0 and len(item.line_indexes) == 1
            and bool(GLYPH_RE.fullmatch(first.span_text[:first.start].strip())))


def _add_bullet(entry: _Entry, item: LabelledField) -> None:
    first = item.pieces[0]
    starts = bool(BULLET_RE.match(first.span.text)) or first.span_index == 0 and (
        not entry.bullets or _new_paragraph(entry.bullets[-1][-1], item))
    if starts or not entry.bullets:
        entry.bullets.append([item])
    else:
        entry.bullets[-1].append(item)


def _new_paragraph(above: LabelledField, below: LabelledField) -> bool:
    """Without bullet glyphs, a line is a new bullet unless it continues the one above."""
    glyph = any(BULLET_RE.match(p.span.text) for p in above.pieces)
    indented = below.pieces[0].span.x0 > above.pieces[0].span.x0 + CONTINUATION_INDENT_PT
    if glyph:
        return not indented and bool(BULLET_RE.match(below.pieces[0].span.text))
    ended = above.text.rstrip().endswith((".", "!", "?"))
    return ended and not indented


def _bullet_text(parts: list[LabelledField]) -> str:
    text = " ".join(p.text for p in parts)
    text = BULLET_RE.sub("", text, count=1)
    return clean(re.sub(r"(\w)- (\w)", r"\1\2", text))


# After these a header piece starts another field: "Data Engineer — Northwind", "… at Acme".
FIELD_SEPARATORS = ("dash", "at", "pipe")


def _cut_at_separator(found: LabelledField) -> tuple[LabelledField, LabelledField] | None:
    """A field's pieces before and after the first dash, "at" or pipe on its first line."""
    first_line = found.pieces[0].line_index
    for k, piece in enumerate(found.pieces[1:], start=1):
        if piece.line_index != first_line:
            return None
        if piece.sep_before in FIELD_SEPARATORS:
            return found.cut(k)
    return None


def _split_header(title: LabelledField) -> tuple[LabelledField, LabelledField | None]:
    """A title with no organisation beside it that is itself "X — Y" on one line: the part the
    labeller finds less title-like is the organisation (labels alone gave both parts `title`)."""
    cut = _cut_at_separator(title)
    if cut is None or cut[1].title_odds >= cut[0].title_odds:
        return title, None
    head, tail = cut
    tail.label = "org"
    return head, tail


def _split_by_title_likeness(header: LabelledField) -> tuple[LabelledField, LabelledField] | None:
    """A title or organisation alone in its header, of which the labeller found the first
    pieces title-like and the rest not, or the reverse: the labels alone joined a title and its
    employer ("Staff Nurse" / "City Hospital"; "City Hospital, Staff Nurse"). It is cut where
    the title-likeness first changes sign: (title part, organisation part); None if it never
    does."""
    odds = header.piece_odds
    for cut in range(1, len(header.pieces)):
        before, after = sum(odds[:cut]) / cut, sum(odds[cut:]) / (len(odds) - cut)
        if before * after < 0:
            head, tail = header.cut(cut)
            title, org = (head, tail) if before > 0 else (tail, head)
            title.label, org.label = "title", "org"
            return title, org
    return None


def _capitals(pieces: list[Piece]) -> bool | None:
    """Whether a line is set in capitals; None when it has too few letters to tell ("S.A.")."""
    letters = [c for piece in pieces for c in piece.text if c.isalpha()]
    return all(c.isupper() for c in letters) if len(letters) >= MIN_CAPITALS else None


def _style_breaks(before: list[Piece], after: list[Piece]) -> bool:
    """Whether a reader sees two lines of one field change look: colour, weight, slant, size
    (a wrapped field keeps its font size exactly), or capitals."""
    capitals = (_capitals(before), _capitals(after))
    last, first = before[-1].span, after[0].span
    return (last.color != first.color or last.bold != first.bold or last.italic != first.italic
            or abs(last.size - first.size) > WRAP_SIZE_PT
            or (None not in capitals and capitals[0] != capitals[1]))


def _split_at_style_break(header: LabelledField) -> tuple[LabelledField, LabelledField] | None:
    """A title or organisation alone in its header, running over lines that change colour or
    capitals ("INFIRMIÈRE DE NUIT" / "Clinique du Parc"): a wrapped field keeps its look, so
    these are two fields. The more title-like side is the title."""
    lines: list[list[Piece]] = []
    for piece in header.pieces:
        if lines and lines[-1][-1].line_index == piece.line_index:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    cut = 0
    for before, after in zip(lines, lines[1:], strict=False):
        cut += len(before)
        if _style_breaks(before, after):
            head, tail = header.cut(cut)
            title, org = (head, tail) if head.title_odds >= tail.title_odds else (tail, head)
            title.label, org.label = "title", "org"
            return title, org
    return None


def _split_organisation(title: LabelledField, org: LabelledField) -> tuple[
        LabelledField, LabelledField]:
    """"Working Student, HPC Operations — Hanse e.V.": an organisation that runs on from the title
    and holds a dash, "at" or pipe starts at that separator when the part before it is more
    title-like than the rest; that part ends the title (a separator parts fields, a comma
    need not)."""
    if title.pieces[-1].line_index != org.pieces[0].line_index or (
            title.pieces[-1].index + 1 != org.pieces[0].index):
        return title, org
    cut = _cut_at_separator(org)
    if cut is None or cut[0].title_odds <= cut[1].title_odds:
        return title, org
    head, tail = cut
    return LabelledField("title", title.pieces + head.pieces, title.confidence,
                         title.piece_odds + head.piece_odds), tail


def _trailing_places(org: LabelledField, place: LabelledField | None) -> tuple[
        LabelledField, LabelledField | None]:
    """"Whitlock, Pierce & Co., New York, NY": an organisation whose last parts on its last line
    are two or more place names (they may fill that line: "Royal Infirmary" / "Leeds, UK") is
    followed by its place. One place alone may be part of the name ("University of California,
    Berkeley"; "ETH" / "Zürich" wrapped), unless a legal form ended the name before it
    ("Hartley Crane LLP, Dubai"). Where the labeller found the place's last part ("…, Rotterdam"
    + "Netherlands"), the trailing places open it. Returns the organisation and the place."""
    pieces = org.pieces
    place_follows = place is not None and place.pieces[0].index == pieces[-1].index + 1
    count = 0
    for before, piece in zip(reversed(pieces[:-1]), reversed(pieces[1:]), strict=True):
        if place_share(piece.text) != 1:
            break
        count += 1
        if piece.line_index != before.line_index:
            break  # the places open their line
    last_word = pieces[-count - 1].text.split()[-1] if count else ""
    name_ends = last_word.replace(".", "").lower() in legal_forms()
    # The labelled place goes on after a comma on the trailing place's line ("…Trust" /
    # "Manchester, UK"), not after a dash ("University of California, Berkeley — Berkeley, CA"),
    # and names another place than the name ends with ("Covenant House" / "Vancouver, Vancouver").
    place_beside = (place_follows and place.pieces[0].line_index == pieces[-1].line_index
                    and place.pieces[0].sep_before == "comma"
                    and not _same_name(place.pieces[0].text, pieces[-1].text))
    if (count < (1 if name_ends or place_beside else MIN_TRAILING_PLACES)
            or (place and not place_follows)
            or last_word[:1].islower()):  # "University of" / "California, …" runs on
        return org, place
    name, lead = org.cut(len(pieces) - count)
    name.label, lead.label = "org", "location"
    if place_follows:
        lead.absorb(place)
    return name, lead


def _same_name(a: str, b: str) -> bool:
    return a.strip(" .").casefold() == b.strip(" .").casefold()


def _without_final_period(text: str) -> str:
    """"Crisis Centre of BC." as some templates print an entry's fields, as a sentence: the
    final period goes unless it ends an abbreviation ("Inc.", "Co.", "S.A.", "e.V.")."""
    if not text.endswith(".") or text.endswith(".."):
        return text
    core = text.split()[-1][:-1]
    abbreviation = "." in core or core.lower() in org_words() or f"{core.lower()}." in (
        org_words()) or (core.istitle() and len(core) <= MAX_TITLECASE_ABBREVIATION)
    return text if abbreviation else text[:-1]


# A web address printed after a field, bare or in brackets: "Acme Ltd (https://acme.example)".
_TRAILING_LINK_RE = re.compile(r"\s*[(\[<]?\s*(?:https?://|www\.)\S+?\s*[)\]>]?\s*$", re.I)


# "Asociada en" | "Ortiz & Asociados": the word that joins a title to its employer ("at", "en",
# "bei", "chez") ends no title; it is left at the title's end when the employer wraps.
_TRAILING_CONNECTOR_RE = re.compile(r"\s+(?:at|@|en|bei|chez|à|para)\s*$", re.I)


def _title_text(text: str) -> str:
    return _field_text(_TRAILING_CONNECTOR_RE.sub("", text) or text)


def _field_text(text: str) -> str:
    """A title's or employer's words as a reader takes them: no web address after them, no
    sentence's final period."""
    return _without_final_period(_TRAILING_LINK_RE.sub("", text) or text)


def _title_from_body(entry: _Entry) -> None:
    """An employer and dates with no title, then a first body line that fills its line, ends no
    sentence and that the labeller called a bullet but also found title-like: that line is the
    title, printed in the body's type, even with the body's glyph ("Royal Pennine Hospital" /
    "2018 – 2022" / "• Senior Staff Nurse" / "• Coordinated the shift…"). A line it called a
    header but doubted, opening with a glyph, stays the bullet `_glyph_led_line` made it."""
    if "title" in entry.slots or not {"org", "date"} <= entry.slots.keys() or not entry.bullets:
        return
    first, *rest = entry.bullets[0]
    line = first.line_indexes
    if (first.label != "bullet" or first.title_chance < MIN_TITLE_CHANCE or len(line) != 1
            or first.text.rstrip().endswith((".", "!", "?", ":", ";"))
            or any(other.line_indexes == line for other in entry.slots.values())):
        return
    entry.slots["title"] = first
    entry.bullets = ([rest] if rest else []) + entry.bullets[1:]


def roles(entries: list[_Entry], heading: str) -> list[Role]:
    out: list[Role] = []
    for entry in entries:
        _title_from_body(entry)
        title, org = entry.slots.get("title"), entry.slots.get("org")
        if title is not None and org is None:
            title, org = _split_header(title)
        elif title is not None and org is not None:
            title, org = _split_organisation(title, org)
        lone = title if org is None else org if title is None else None
        if lone is not None:
            title, org = (_split_by_title_likeness(lone) or _split_at_style_break(lone)
                          or (title, org))
        header = [f for f in (title, org) if f is not None]
        if not header or all(f.label in ("edu_inst", "edu_degree") for f in header):
            continue  # a school left in a job section whose own heading was missed
        dates = _date_of(entry)
        place = entry.slots.get("location")
        if org is not None:
            org, place = _trailing_places(org, place)
        date_field = entry.slots.get("date")
        role = Role(
            title=_title_text(title.text) if title else None,
            company=_field_text(org.text) if org else None,
            location=place.text if place else None,
            start=dates.start if dates else None,
            end=dates.end if dates else None,
            bullets=[_bullet_text(b) for b in entry.bullets]
            + [d.text for d in entry.description],
            section=heading,
            title_spans=title.span_ids if title else [],
            company_spans=org.span_ids if org else [],
            date_spans=date_field.span_ids if date_field else [],
            bullet_spans=[[s for part in b for s in part.span_ids] for b in entry.bullets],
            header_line_ids=[],
        )
        if out and _body_read_as_header(role):
            out[-1].bullets.extend([role.title or "", *role.bullets])
            out[-1].bullet_spans.extend([role.title_spans, *role.bullet_spans])
            continue
        if role.company is None and out and out[-1].company:
            role.company, role.company_spans = out[-1].company, list(out[-1].company_spans)
            role.location = role.location or out[-1].location
        out.append(role)
    return out


def reads_as_sentence(text: str | None) -> bool:
    """A title or employer of more than MAX_HEADER_WORDS words is a sentence read as one."""
    return text is not None and len(text.split()) > MAX_HEADER_WORDS


def _body_read_as_header(role: Role) -> bool:
    """An undated "role" whose title is a sentence (`reads_as_sentence`) is the role above's
    body, under a sub-heading read as its employer ("Highlights" / "Manage a portfolio of 85
    corporate clients…")."""
    return role.start is None and role.end is None and reads_as_sentence(role.title)


def schools(entries: list[_Entry]) -> list[Education]:
    out: list[Education] = []
    for entry in entries:
        inst, degree = entry.slots.get("edu_inst"), entry.slots.get("edu_degree")
        if inst is None and degree is None:
            continue
        dates = _date_of(entry)
        ids = [s for item in entry.slots.values() for s in item.span_ids]
        school = inst.text if inst else (out[-1].institution if out else None)
        out.append(Education(school, degree.text if degree else None,
                             dates.start if dates else None, dates.end if dates else None, ids))
    return out


def kind_of(section: Section, items: list[LabelledField]) -> str:
    """What a section holds: its heading's kind, or — for an unknown or missing heading, or one
    whose heading the labeller may have missed (a rotated label leaves the previous section
    open) — what the labeller found in it: roles, schools or neither."""
    if section.kind not in INFERRED_KINDS:
        return section.kind
    counts = {"role": 0, "school": 0}
    for item in items:
        if item.label in ("title", "org"):
            counts["role"] += 1
        elif item.label in ("edu_inst", "edu_degree"):
            counts["school"] += 1
    has_dates = any(item.label == "date" for item in items)
    if has_dates and counts["role"] >= max(counts["school"], MIN_ROLE_FIELDS):
        return "experience"
    if has_dates and counts["school"] > 0:
        return "education"
    return section.kind


def line_ids(items: list[LabelledField], lines: list[Line]) -> list[str]:
    return list(dict.fromkeys(lines[i].id for item in items for i in item.line_indexes))


def skills(items: list[LabelledField], lines: list[Line]) -> tuple[list[str], list[str]]:
    """Skill names from a skills section's lines ("Label: a, b, c" or one per line)."""
    found: list[str] = []
    spans: list[str] = []
    for index in dict.fromkeys(i for item in items for i in item.line_indexes):
        cells = visible_spans(lines[index])
        spans.extend(s.id for s in cells)
        text = BULLET_RE.sub("", clean("  ".join(s.text for s in cells)), count=1)
        if ":" in text:
            text = text.split(":", 1)[1]
        elif len(cells) >= 2 and len(cells[0].text.split()) <= 3 and cells[0].bold:
            text = clean("  ".join(s.text for s in cells[1:]))
        for name in re.split(r"\s*[,;|•·/]\s*|\s{2,}", text):
            name = clean(name)
            if name and len(name) <= 40 and name.lower() not in {s.lower() for s in found}:
                found.append(name)
    return found, spans
