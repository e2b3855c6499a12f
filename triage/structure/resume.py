"""The Resume: what a recruiter would read off the page, with where each part sits (span ids)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TypeVar

from triage.document import Document

T = TypeVar("T")


@dataclass
class Field:
    """A piece of structured text and the spans it was read from."""

    text: str
    span_ids: list[str] = field(default_factory=list)


@dataclass
class Role:
    title: str | None
    company: str | None
    location: str | None
    start: str | None
    end: str | None
    bullets: list[str]
    section: str
    # Where each part sits on the page (span ids), for the skim model and the UI.
    title_spans: list[str] = field(default_factory=list)
    company_spans: list[str] = field(default_factory=list)
    date_spans: list[str] = field(default_factory=list)
    bullet_spans: list[list[str]] = field(default_factory=list)
    header_line_ids: list[str] = field(default_factory=list)


@dataclass
class Education:
    institution: str | None
    degree: str | None
    start: str | None
    end: str | None
    span_ids: list[str] = field(default_factory=list)


@dataclass
class Section:
    kind: str
    heading: str
    heading_span_ids: list[str]
    line_ids: list[str]


@dataclass
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] = field(default_factory=list)
    name_spans: list[str] = field(default_factory=list)
    contact_spans: list[str] = field(default_factory=list)


@dataclass
class Resume:
    """What a recruiter would read off the page, with where each part sits."""

    document: Document
    contact: Contact
    headline: Field | None
    summary: Field | None
    roles: list[Role]
    education: list[Education]
    skills: list[str]
    skill_spans: list[str]
    sections: list[Section]
    warnings: list[str]
    # span id -> element kind (name, title, company, dates, heading, bullet, summary, ...)
    span_kinds: dict[str, str]

    @property
    def pages(self) -> int:
        return len(self.document.pages)

    def derived(self, name: str, build: Callable[[Resume], T]) -> T:
        """`build(self)`, computed once for this resume under `name` (the signals ask for the
        same indexes of it many times). Kept on the instance, not in a process-wide table, so
        sessions scoring in other threads never share one; left out of copies and pickles."""
        values = self.__dict__.setdefault("_derived", {})
        if name not in values:
            values[name] = build(self)
        return values[name]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("_derived", None)
        return state

    def to_dict(self) -> dict:
        """The CLI's JSON shape."""
        return {
            "contact": {k: getattr(self.contact, k) for k in ("name", "email", "phone",
                                                              "location", "links")},
            "headline": self.headline.text if self.headline else None,
            "summary": self.summary.text if self.summary else None,
            "roles": [
                {k: getattr(r, k) for k in ("title", "company", "location", "start", "end",
                                            "bullets", "section")}
                for r in self.roles
            ],
            "education": [
                {k: getattr(e, k) for k in ("institution", "degree", "start", "end")}
                for e in self.education
            ],
            "skills": self.skills,
            "sections": [{"kind": s.kind, "heading": s.heading} for s in self.sections],
            "pages": self.pages,
            "layout": {
                "columns": max((p.columns for p in self.document.pages), default=1),
                "format": self.document.source_format,
                "hidden_text": [asdict(s) | {"bbox": list(s.bbox)} for s in
                                self.document.hidden_spans][:20],
            },
            "warnings": self.warnings,
        }


def span_kinds(doc: Document, contact: Contact, headline: Field | None, summary: Field | None,
                roles: list[Role], education: list[Education], skill_spans: list[str],
                sections: list[Section]) -> dict[str, str]:
    """Label every span with the role it plays, for the skim model."""
    kinds: dict[str, str] = {}
    for line in doc.lines:
        for span in line.spans:
            kinds[span.id] = "other"

    def mark(ids, kind):
        for span_id in ids:
            kinds[span_id] = kind

    for section in sections:
        mark(section.heading_span_ids, "heading")
    mark(skill_spans, "skills")
    if summary:
        mark(summary.span_ids, "summary")
    for item in education:
        mark(item.span_ids, "education")
    for role in roles:
        for group in role.bullet_spans:
            mark(group, "bullet")
        mark(role.company_spans, "company")
        mark(role.date_spans, "dates")
        mark(role.title_spans, "title")
    if headline:
        mark(headline.span_ids, "summary")
    mark(contact.contact_spans, "contact")
    mark(contact.name_spans, "name")
    return kinds


def parse_warnings(doc: Document, contact: Contact, roles: list[Role]) -> list[str]:
    """What a reader of the parse should know: the reader's warnings and what was not found."""
    warnings = list(doc.warnings)
    if not roles:
        warnings.append("No work experience could be found: is there an 'Experience' heading?")
    if contact.email is None:
        warnings.append("No email address found in the resume.")
    if any(p.columns > 1 for p in doc.pages):
        warnings.append("Two-column layout: the second column is read after the first.")
    return warnings
