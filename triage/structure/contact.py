"""Contact: the name, how to reach the person, the headline and an opening summary.

The labeller says which fields are the name, the headline and contact details; patterns then
read the email, phone, place and links out of them. The email is looked for in every field, since
nothing else on a resume looks like one.
"""

from __future__ import annotations

import re

from triage.dates import find_range
from triage.structure.entries import LabelledField
from triage.structure.features import EMAIL_RE, LOCATION_RE, PHONE_RE, URL_RE
from triage.structure.lines import clean
from triage.structure.resume import Contact, Field
from triage.vocabulary import count_hits, title_words

# A document label printed with the name ("Jane Roe – Resume", "CV de Jean Dupont").
DOCUMENT_LABEL_RE = re.compile(
    r"^\s*(?:(?:curriculum\s+vitae|résumé|resume|cv|lebenslauf)\s*(?:de|von|of|[-–—:|])?\s+)"
    r"|\s*(?:[-–—:|,]\s*)?\b(?:curriculum\s+vitae|résumé|resume|cv|lebenslauf)\s*$",
    re.I,
)
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 8, 15
MAX_NAME_LINES = 2  # a name may wrap over two sidebar lines
MAX_LOCATION_WORDS = 6


def _name(items: list[LabelledField]) -> LabelledField | None:
    names = [item for item in items if item.label == "name"]
    if not names:
        return None
    first = names[0]
    for item in names[1:MAX_NAME_LINES]:
        if item.pieces[0].line_index == first.pieces[-1].line_index + 1:
            first = LabelledField("name", first.pieces + item.pieces)
    return first


def name_text(item: LabelledField) -> str:
    return clean(DOCUMENT_LABEL_RE.sub("", item.text))


def contact(items: list[LabelledField]) -> tuple[Contact, Field | None]:
    """The contact block and the headline, from every labelled field of the document."""
    found = Contact()
    name = _name(items)
    if name is not None:
        found.name = name_text(name) or None
        found.name_spans = name.span_ids
    for item in items:
        email = EMAIL_RE.search(item.text)
        if email and found.email is None:
            found.email = email.group(0)
            found.contact_spans.extend(item.span_ids)
    for item in items:
        if item.label != "contact":
            continue
        text = item.text
        found.contact_spans.extend(s for s in item.span_ids if s not in found.contact_spans)
        phone = PHONE_RE.search(text)
        digits = sum(c.isdigit() for c in phone.group(0)) if phone else 0
        if phone and MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS and found.phone is None and (
                not find_range(phone.group(0))):
            found.phone = clean(phone.group(0))
        elif URL_RE.search(text) and "@" not in text:
            found.links.append(text)
        elif (found.location is None and not re.search(r"\d|@", text)
              and len(text.split()) <= MAX_LOCATION_WORDS and not count_hits(text, title_words())
              and (LOCATION_RE.match(text) or len(text.split()) <= 3)):
            found.location = text
    headline = next((Field(i.text, i.span_ids) for i in items if i.label == "headline"), None)
    return found, headline
