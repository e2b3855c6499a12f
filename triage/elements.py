"""Elements: the pieces of a page the simulated recruiter can look at, with their role.

An element is a visible span plus what structure says it is (name, title, company, dates,
heading, bullet, summary, education, skills, contact, other) and, for parts of a role, which
role it belongs to (0 = the current one). Hidden text is never an element: nobody can see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from triage.document import BBox
from triage.structure import Resume

KINDS = ("name", "title", "company", "dates", "heading", "bullet", "summary", "education",
         "skills", "contact", "other")
NUMBER_RE = re.compile(r"\d")
WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*")  # words and numbers; dashes and bars are not read


@dataclass(frozen=True)
class Element:
    id: str
    span_id: str  # the span it lies in: a title and a company can share one printed line
    kind: str
    text: str
    page: int
    bbox: BBox
    size: float
    bold: bool
    caps: bool
    role_index: int | None
    tail: bool  # a bullet's or paragraph's later lines: read only if something pulls the eye
    words: int
    has_number: bool


def build_elements(resume: Resume) -> list[Element]:
    """Every visible span of the document as an element, in reading order.

    A lone bullet glyph is not an element: the eye lands on the words after it.
    """
    glyph_free = {s.id for ln in resume.document.lines for s in ln.spans
                  if re.search(r"\w", s.text)}
    role_of: dict[str, int] = {}
    tails: set[str] = set()
    for index, role in enumerate(resume.roles):
        ids = role.title_spans + role.company_spans + role.date_spans
        ids += [i for group in role.bullet_spans for i in group]
        for span_id in ids:
            role_of.setdefault(span_id, index)
        for group in role.bullet_spans:
            heads = [i for i in group if i in glyph_free][:1]
            tails.update(i for i in group if i not in heads)
    if resume.summary:
        tails.update(resume.summary.span_ids[1:])
    fields = _shared_span_fields(resume)
    elements = []
    for line in resume.document.lines:
        for span in line.spans:
            if span.hidden or span.id not in glyph_free:
                continue
            parts = fields.get(span.id) or [(resume.span_kinds.get(span.id, "other"), 0,
                                             len(span.text))]
            width = span.x1 - span.x0
            for kind, start, end in parts:
                text = span.text[start:end].strip(" ,|—–-·")
                if not re.search(r"\w", text):
                    continue
                x0 = span.x0 + width * start / max(1, len(span.text))
                x1 = span.x0 + width * end / max(1, len(span.text))
                letters = re.sub(r"[^A-Za-z]", "", text)
                elements.append(
                    Element(
                        id=span.id if len(parts) == 1 else f"{span.id}.{kind}",
                        span_id=span.id,
                        kind=kind,
                        text=text,
                        page=span.page,
                        bbox=(x0, span.top, x1, span.bottom),
                        size=span.size,
                        bold=span.bold,
                        caps=len(letters) >= 3 and letters.isupper(),
                        role_index=role_of.get(span.id),
                        tail=span.id in tails,
                        words=max(1, len(WORD_RE.findall(text))),
                        has_number=bool(NUMBER_RE.search(text)),
                    )
                )
    return elements


def _shared_span_fields(resume: Resume) -> dict[str, list[tuple[str, int, int]]]:
    """Where one printed span holds both a title and a company, the character range of each."""
    out: dict[str, list[tuple[str, int, int]]] = {}
    spans = {s.id: s for ln in resume.document.lines for s in ln.spans}
    for role in resume.roles:
        for span_id in set(role.title_spans) & set(role.company_spans):
            text = spans[span_id].text
            found = sorted(
                (text.find(value), text.find(value) + len(value), kind)
                for kind, value in (("title", role.title), ("company", role.company))
                if value and text.find(value) >= 0
            )
            if len(found) < 2 or found[0][1] > found[1][0]:
                continue
            parts, cursor = [], 0
            for start, end, kind in found:
                if start > cursor:
                    parts.append(("other", cursor, start))
                parts.append((kind, start, end))
                cursor = end
            if cursor < len(text):
                parts.append(("other", cursor, len(text)))
            out[span_id] = parts
    return out
