"""Contact: the name, how to reach the person, the headline and an opening summary.

The labeller says which fields are the name, the headline and contact details; patterns then
read the email, phone, place and links out of them. The email is looked for in every field, since
nothing else on a resume looks like one.
"""

from __future__ import annotations

import re

from triage.dates import find_range
from triage.readers.layout import SAME_SIZE_PT
from triage.structure.features import LOCATION_RE, PHONE_RE, URL_RE
from triage.structure.fields import LabelledField, wrap_joint
from triage.structure.lines import EMAIL_RE, clean
from triage.structure.pieces import Piece
from triage.structure.resume import Contact, Field
from triage.vocabulary import count_hits, title_words

# A document label printed with the name ("Jane Roe – Resume", "CV de Jean Dupont", "Jane
# Roe's Resume"), or alone where a name might be ("Curriculum Vitae").
DOCUMENT_LABEL_RE = re.compile(
    r"^\s*(?:(?:curriculum\s+vitae|résumé|resume|cv|lebenslauf)\s*(?:de|von|of|[-–—:|])?\s+)"
    r"|(?:['’]s)?\s*(?:[-–—:|,]\s*)?\b(?:curriculum\s+vitae|résumé|resume|cv|lebenslauf)\s*$",
    re.I,
)
# A form's label for the name ("Name / Surname", "Nom et prénom", "Vorname, Nachname"): the
# field after it on its line is the name, whatever type the page's title is set in.
_NAME_WORD = (r"(?:(?:full|first|given|last|family|sur)\s*name|name|surname|nom|pr[ée]nom|vorname|"
              r"nachname|nombre|apellidos?|nome|cognome|naam)(?:\(s\))?")
NAME_LABEL_RE = re.compile(
    rf"^\s*{_NAME_WORD}(?:\s*(?:/|,|&|and|et|und|y|e)?\s*{_NAME_WORD}){{0,2}}\s*:?\s*$", re.I)
WRAPPED_TOKEN_RE = re.compile(r"[\w.+]+[-‐]")  # a word cut at a wrap: no space, a hyphen last
WRAP_HEAD_FIELDS = 3  # fields read between an address's wrapped start and its rest, at most
CUT_ADDRESS_RE = re.compile(r"[\w.+-]+@[\w.-]*$")  # an address, maybe cut, ending a field
TAIL_RE = re.compile(r"[a-z0-9][a-z0-9.-]*")  # the rest of an address on the line under it
# Letters after a name: "PhD", "RN", "MBA", "Jr.", "P.Eng." (a short word, capitals, no spaces).
CREDENTIAL_RE = re.compile(r"(?=(?:.*[A-Z]){2}|Jr\.|Sr\.)[A-Z][A-Za-z.]{1,6}")
NAME_ENDS = ("pipe", "dash")  # separators a name never holds
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 8, 15
NAME_CONFIDENCE = 0.5
NOT_A_NAME_RE = re.compile(r"[\d@/|]")  # a dated note, an address or a handle is not a name
NEVER_A_NAME = ("heading", "date", "bullet", "text")  # labels a missed name is not read from
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 5
NAME_LINE_STEP = 1.6  # a wrapped name's next line starts within this many type sizes below
MAX_NAME_PIECES = 4  # a name may wrap over two sidebar lines; more is not a name
MAX_LOCATION_WORDS = 6


def _name(items: list[LabelledField]) -> LabelledField | None:
    """Of the fields labelled as a name with some confidence, the one in the largest type (a name
    is the biggest text on a resume; a dated note above it is not), joined with a field in the
    same type right under it (a name over two sidebar lines)."""
    labelled = _after_name_label(items)
    if labelled is not None:
        return labelled
    names = [name for name in (_before_separator(i) for i in items if i.label == "name")
             if not NOT_A_NAME_RE.search(name.text)]
    if not names:  # the labeller found none: the short line of words in the largest type on
        # the first page (a sidebar read first may put the name far down the reading order)
        names = [item for item in items if item.pieces[0].span.page == 0
                 and item.label not in NEVER_A_NAME
                 and MIN_NAME_WORDS <= len(item.text.split()) <= MAX_NAME_WORDS
                 and not NOT_A_NAME_RE.search(item.text)]
        largest = max((i.pieces[0].span.size for i in names), default=0.0)
        names = [i for i in names if i.pieces[0].span.size == largest]
    if not names:
        return None
    best = _with_credentials(max(names, key=lambda i: (
        i.confidence >= NAME_CONFIDENCE, i.pieces[0].span.size, i.confidence)), items)
    # The rest of the name wrapped onto the next line, whatever label it was given there (the
    # labeller reads it as part of the contact line it shares a row with): the pieces of the
    # first field right under it that are set in the name's type.
    size = best.pieces[-1].span.size
    for item in items:
        rest = [p for p in item.pieces if abs(p.span.size - size) < SAME_SIZE_PT]
        if not rest or not _right_under(best, rest[0]):  # its own line is never under it
            continue
        text = " ".join(p.text for p in rest)
        if (len(best.pieces) + len(rest) <= MAX_NAME_PIECES and not NOT_A_NAME_RE.search(text)
                and len(text.split()) + len(best.text.split()) <= MAX_NAME_WORDS):
            return LabelledField("name", best.pieces + rest, best.confidence)
        break
    return best


def _with_credentials(name: LabelledField, items: list[LabelledField]) -> LabelledField:
    """"Mei-Ling Chen, PhD": letters after the name, after a comma in its span, are printed as
    part of it, whatever the labeller called them."""
    following = {p.index: p for item in items for p in item.pieces}
    pieces = list(name.pieces)
    while (nxt := following.get(pieces[-1].index + 1)) is not None and (
            nxt.span is pieces[-1].span and nxt.sep_before == "comma"
            and CREDENTIAL_RE.fullmatch(nxt.text)):
        pieces.append(nxt)
    return name if len(pieces) == len(name.pieces) else LabelledField(
        "name", pieces, name.confidence)


def _before_separator(name: LabelledField) -> LabelledField:
    """A name and a headline on one line, parted by a pipe or a spaced dash ("Jane Roe | Data
    Engineer"): the name is the part before (after a document label). A name holds no such
    separator."""
    for at, piece in enumerate(name.pieces[1:], 1):
        if piece.sep_before in NAME_ENDS and piece.line_index == name.pieces[0].line_index:
            head, tail = name.cut(at)
            # "Resume – Jane Roe": a document label before the name is no name.
            return head if without_document_label(head.text) else _before_separator(tail)
    return name


def _after_name_label(items: list[LabelledField]) -> LabelledField | None:
    """The span printed after a form's name label on its line, if it looks like a name
    (whatever fields the labeller made of the two: it may join them)."""
    pieces = [(piece, item) for item in items for piece in item.pieces]
    for (label, _), (first, item) in zip(pieces, pieces[1:], strict=False):
        if (label.span is first.span or label.line_index != first.line_index
                or not NAME_LABEL_RE.match(label.span_text)):
            continue
        value = [p for p in item.pieces if p.span is first.span]
        text = " ".join(p.text for p in value)
        if MIN_NAME_WORDS <= len(text.split()) <= MAX_NAME_WORDS and not NOT_A_NAME_RE.search(
                text):
            return LabelledField("name", value, item.confidence)
    return None


def _wrapped_head(before: list[LabelledField], item: LabelledField,
                  ) -> tuple[str, LabelledField] | None:
    """The start of an address that opens `item`, cut at a wrap onto the line above and read as
    another field there ("ste-" / "fan.weissenberger@…" in a narrow contact column): one token
    right above, ending in a hyphen, in one of the fields read just before (a main column's
    line beside the contact column may be read between them). Returned with what joins it (the
    wrap's hyphen dropped, an address's own kept), and the field it is."""
    first = item.pieces[0]
    for field in reversed(before[-WRAP_HEAD_FIELDS:]):
        last = field.pieces[-1]
        if (WRAPPED_TOKEN_RE.fullmatch(last.span_text[last.start:].strip())
                and _right_below(last, first)):
            return last.text + wrap_joint(last, first), field
    return None


def _wrapped_tail(item: LabelledField, after: list[LabelledField],
                  ) -> tuple[str, LabelledField] | None:
    """An address that ends `item` cut at a wrap, its rest a lone token right under it (a
    narrow column breaks "…@exampl" / "e.com" anywhere), in one of the fields read next: the
    whole address and the field its rest is. An address that already ends in a name of two
    letters or more is whole ("…@example.co" / "m" is read as ".co"), so that the line under a
    complete one (an icon's "in") never joins it."""
    cut = CUT_ADDRESS_RE.search(item.text.rstrip())
    if cut is None:
        return None
    head, last = cut.group(0), item.pieces[-1]
    if EMAIL_RE.fullmatch(head) and _ends_in_a_name(head):
        return None
    for field in after:
        first = field.pieces[0]
        rest = first.text.strip()
        joined = head + wrap_joint(last, first).strip() + rest  # an address's own hyphen kept
        if (TAIL_RE.fullmatch(rest) and EMAIL_RE.fullmatch(joined) and _ends_in_a_name(joined)
                and _right_below(last, first)):
            return joined, field
    return None


def _right_below(upper: Piece, lower: Piece) -> bool:
    """`lower` opens the line right under `upper`, across from it: from where `upper` starts
    (estimated by its share of its span's characters, when it ends a longer span) to its
    span's end."""
    above, below = upper.span, lower.span
    start = above.x0 + (above.x1 - above.x0) * upper.start / max(len(upper.span_text), 1)
    return (lower.line_index == upper.line_index + 1 and above.page == below.page
            and start < below.x1 and below.x0 < above.x1)


def _ends_in_a_name(address: str) -> bool:
    """The address's last domain label is a name of two letters or more ("com", "de")."""
    last = address.rsplit(".", 1)[-1]
    return "." in address.split("@")[-1] and last.isalpha() and len(last) >= 2


def _right_under(above: LabelledField, piece: Piece) -> bool:
    """`piece` starts right under `above` (a name wrapped over two lines; other columns' lines
    may be read between them)."""
    top, bottom = piece.span, above.pieces[-1].span
    return (top.page == bottom.page
            and 0 < top.top - bottom.top <= NAME_LINE_STEP * bottom.size
            and top.x0 < bottom.x1 and bottom.x0 < top.x1)


def without_document_label(text: str) -> str:
    """A name as printed, less a document label printed with it ("" if it was only that)."""
    return clean(DOCUMENT_LABEL_RE.sub("", text))


def _candidates(item: LabelledField) -> list[str]:
    """The separate details of a contact field: pieces joined by commas stay together
    ("Berlin, Germany"); pipes, gaps and spans separate them."""
    groups: list[list[str]] = []
    for piece in item.pieces:
        if groups and piece.sep_before == "comma":
            groups[-1].append(piece.text)
        else:
            groups.append([piece.text])
    return [clean(", ".join(g)) for g in groups]


def _read_detail(found: Contact, text: str) -> None:
    phone = PHONE_RE.search(text)
    digits = sum(c.isdigit() for c in phone.group(0)) if phone else 0
    if EMAIL_RE.search(text):
        return
    if phone and MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS and not find_range(
            phone.group(0)):
        found.phone = found.phone or clean(phone.group(0))
    elif URL_RE.search(text) and "@" not in text:
        found.links.append(text)
    elif (found.location is None and not re.search(r"\d|@", text)
          and len(text.split()) <= MAX_LOCATION_WORDS and not count_hits(text, title_words())
          and (LOCATION_RE.match(text) or len(text.split()) <= 3)):
        found.location = text


def _rest_of_place(found: Contact, previous: LabelledField | None,
                   item: LabelledField) -> bool:
    """'Galway' (contact), 'Ireland' (place) on the contact line: the place the labeller split
    off after a comma is the rest of the candidate's location."""
    return (item.label == "location" and previous is not None and previous.label == "contact"
            and found.location is not None and _candidates(previous)[-1] == found.location
            and item.pieces[0].sep_before == "comma"
            and item.pieces[0].line_index == previous.pieces[-1].line_index)


def _add_spans(found: Contact, item: LabelledField) -> None:
    found.contact_spans.extend(s for s in item.span_ids if s not in found.contact_spans)


def contact(items: list[LabelledField]) -> tuple[Contact, Field | None]:
    """The contact block and the headline, from every labelled field of the document."""
    found = Contact()
    name = _name(items)
    if name is not None:
        found.name = without_document_label(name.text) or None
        found.name_spans = name.span_ids
    for index, item in enumerate(items):
        tail = _wrapped_tail(item, items[index + 1:index + 1 + WRAP_HEAD_FIELDS])
        if tail is not None:
            found.email, tail_field = tail
            found.contact_spans.extend([*item.span_ids, *tail_field.span_ids])
            break
        email = EMAIL_RE.search(item.text)
        if email:
            wrapped = _wrapped_head(items[:index], item) if email.start() == 0 else None
            head, head_field = wrapped if wrapped else ("", None)
            found.email = head + email.group(0)
            found.contact_spans.extend([*(head_field.span_ids if head_field else []),
                                        *item.span_ids])
            break
    previous: LabelledField | None = None
    for item in items:
        if _rest_of_place(found, previous, item):
            found.location = f"{found.location}, {item.text}"
            _add_spans(found, item)
        previous = item
        if item.label == "contact":
            _add_spans(found, item)
            for text in _candidates(item):
                _read_detail(found, text)
    headline = next((Field(i.text, i.span_ids) for i in items if i.label == "headline"), None)
    return found, headline
