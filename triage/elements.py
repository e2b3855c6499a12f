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


@dataclass(frozen=True)
class Element:
    id: str
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
    elements = []
    for line in resume.document.lines:
        for span in line.spans:
            if span.hidden or span.id not in glyph_free:
                continue
            letters = re.sub(r"[^A-Za-z]", "", span.text)
            elements.append(
                Element(
                    id=span.id,
                    kind=resume.span_kinds.get(span.id, "other"),
                    text=span.text,
                    page=span.page,
                    bbox=span.bbox,
                    size=span.size,
                    bold=span.bold,
                    caps=len(letters) >= 3 and letters.isupper(),
                    role_index=role_of.get(span.id),
                    tail=span.id in tails,
                    words=max(1, len(span.text.split())),
                    has_number=bool(NUMBER_RE.search(span.text)),
                )
            )
    return elements
