"""Structure: from a Document's lines to a Resume.

Two parsers share the Resume type. `structure()` is the rule-based parser (rules.py): it reads
the built-in samples and the shared corpus fully, and little else. `learned_structure()` is the
learned pipeline below, which generalises to layouts the rules never saw (see training/ and the
README's leave-renderers-out table). `auto_structure()`, the default, runs both and keeps the
rules' reading where the two agree on the roles and the rules find as many complete ones. Choose
with `parse(..., parser="rules" | "learned")` or `--parser`.
The learned pipeline:

    lines     (lines.py)     visible lines, furniture dropped, label columns split
    pieces    (pieces.py)    each span cut into field-sized pieces, dates first
    features  (features.py)  layout, typography, words and neighbours of each piece
    labels    (labeller.py)  a learned classifier, decoded as a sequence over the page
    fields    (fields.py)    neighbouring pieces with one label joined into fields
    entries   (entries.py)   fields -> sections -> roles and schools
    contact   (contact.py)   name, contact details, headline

Every field keeps the ids of the spans it came from, so the skim model can find it on the page.
`explain()` shows each piece's label and its strongest features, for bug reports.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz

from triage.document import Document, Line
from triage.structure import entries as grouping
from triage.structure.contact import contact as read_contact
from triage.structure.entries import EDUCATION_SLOTS, ROLE_KINDS, ROLE_SLOTS, reads_as_sentence
from triage.structure.features import FEATURE_NAMES, feature_matrix, style_groups
from triage.structure.fields import LabelledField, fields
from triage.structure.labeller import LABELS, load_model
from triage.structure.lines import reading_lines
from triage.structure.pieces import Piece, split_pieces, visible_spans
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
from triage.structure.rules import structure

__all__ = ["DEFAULT_PARSER", "PARSERS", "Contact", "Education", "Field", "Labelled", "Resume",
           "Role", "Section", "auto_structure", "complete_roles", "label",
           "learned_structure", "names_its_fields", "preferred_reading", "structure"]


MIN_LABEL_REPEATS = 3  # lines a field label opens on a form-like page (once per entry)
SAME_TITLE_SCORE = 90  # rapidfuzz ratio (whole text) at which two readings of a title are one


@dataclass(frozen=True)
class Labelled:
    """The labeller's reading of a document: lines, pieces, features and labels."""

    lines: list[Line]
    pieces: list[Piece]
    features: np.ndarray
    labels: list[str]
    probabilities: np.ndarray


def names_its_fields(doc: Document) -> bool:
    """Whether the file itself says what every visible span is (a JSON Resume names each field
    it holds), so that nothing is left for the labeller to guess."""
    spans = [span for line in doc.lines for span in visible_spans(line)]
    return bool(spans) and all(span.field in LABELS for span in spans)


def label(doc: Document, model=None) -> Labelled:
    """Label every piece of `doc`: with the fields the file names where it names them all,
    else with the packaged model (or the one given)."""
    lines = reading_lines(doc)
    pieces = split_pieces(doc, lines)
    features = feature_matrix(doc, lines, pieces)
    if names_its_fields(doc):
        given = [piece.span.field for piece in pieces]
        proba = np.eye(len(LABELS))[[LABELS.index(name) for name in given]]
        return Labelled(lines, pieces, features, given, proba)
    labels, proba = (model or load_model()).label(features, style_groups(pieces))
    for index in field_labels(pieces):
        labels[index] = "other"
    return Labelled(lines, pieces, features, labels, proba)


def field_labels(pieces: list[Piece]) -> set[int]:
    """Pieces that name the field beside them on a form-like page ("Dates", "Occupation or
    position held" left of each entry's values): a line's whole first span, with more on its
    line, whose words open at least MIN_LABEL_REPEATS lines, on a page with at least two such
    labels. A resume's own words do not recur like that."""
    per_span = Counter((piece.line_index, piece.span_index) for piece in pieces)
    more_on_line = {piece.line_index for piece in pieces if piece.span_index > 0}
    firsts: dict[str, list[int]] = {}
    for piece in pieces:
        if (piece.span_index == 0 and per_span[(piece.line_index, 0)] == 1
                and piece.line_index in more_on_line):
            firsts.setdefault(piece.text.casefold(), []).append(piece.index)
    labels = [found for found in firsts.values() if len(found) >= MIN_LABEL_REPEATS]
    return {index for found in labels for index in found} if len(labels) >= 2 else set()


def learned_structure(doc: Document, model=None) -> Resume:
    """Read a Document into a Resume with the learned labeller. Never raises on odd text."""
    labelled = label(doc, model)
    items = fields(labelled.pieces, labelled.labels, labelled.lines, labelled.probabilities)
    found, headline = read_contact(items)
    roles: list[Role] = []
    education: list[Education] = []
    skills: list[str] = []
    skill_spans: list[str] = []
    summary_items: list[LabelledField] = []
    sections: list[Section] = []
    role_sections: list[tuple[list, list[LabelledField], str]] = []
    for section, section_items in grouping.sections(items):
        section.line_ids = grouping.line_ids(section_items, labelled.lines)
        if section.kind != "top":
            sections.append(section)
        kind = grouping.kind_of(section, section_items)
        if kind in ROLE_KINDS:
            role_sections.append((grouping.group(section_items, ROLE_SLOTS), section_items,
                                  section.heading))
        elif kind == "education":
            education.extend(grouping.schools(grouping.group(section_items, EDUCATION_SLOTS)))
        elif kind == "skills":
            names, spans = grouping.skills(section_items, labelled.lines)
            skills.extend(s for s in names if s not in skills)
            skill_spans.extend(spans)
        if kind in ("summary", "top"):
            summary_items.extend(i for i in section_items if i.label == "text")
    grouping.titles_in_their_type([(entries, fields_) for entries, fields_, _ in role_sections])
    for entries, _, heading in role_sections:
        roles.extend(grouping.roles(entries, heading))
    summary = None
    if summary_items:
        summary = Field(" ".join(i.text for i in summary_items),
                        [s for i in summary_items for s in i.span_ids])

    warnings = parse_warnings(doc, found, roles)
    kinds = span_kinds(doc, found, headline, summary, roles, education, skill_spans,
                             sections)
    return Resume(doc, found, headline, summary, roles, education, skills, skill_spans,
                  sections, warnings, kinds)


def complete_roles(resume: Resume) -> int:
    """Roles with a title, an organisation, a start and an end (a date or "present"), less the
    roles with no dates at all: a parse that understood the page finds the first, and a misread
    one makes the second (a bullet or a project taken for a role header). A title or employer
    that reads as a sentence (`reads_as_sentence`) was not a header: its role is not complete."""
    complete = sum(1 for r in resume.roles if r.title and r.company and r.start and r.end
                   and not (reads_as_sentence(r.title) or reads_as_sentence(r.company)))
    return complete - sum(1 for r in resume.roles if not r.start and not r.end)


def readings_agree(rules: Resume, learned: Resume) -> bool:
    """At least half the rules' roles were read the same by the labeller: a role with nearly the
    same title (fuzzy) and the same start. The two parsers share no logic, so agreeing they saw
    the same roles."""
    theirs = [(r.title.casefold(), r.start) for r in learned.roles if r.title]
    seen = sum(1 for role in rules.roles if role.title and any(
        start == role.start and fuzz.ratio(title, role.title.casefold()) >= SAME_TITLE_SCORE
        for title, start in theirs))
    return bool(rules.roles) and seen * 2 >= len(rules.roles)


def preferred_reading(rules: Resume, learned: Resume) -> Resume:
    """The rules' reading where it finds at least as many complete roles as the labeller's and
    the two agree on them, or where the labeller finds no complete role; else the labeller's.

    The rules read the layouts they were written for fully and cleanly; elsewhere they miss
    roles or take bullets for role headers, and then they neither agree with the labeller nor
    out-count it.
    """
    ours, theirs = complete_roles(rules), complete_roles(learned)
    chosen = theirs <= 0 or (ours >= theirs and readings_agree(rules, learned))
    return _with_learned_cuts(rules, learned) if chosen else learned


def _header_words(role: Role) -> str:
    return "".join(ch for ch in f"{role.title or ''}{role.company or ''}".casefold()
                   if ch.isalnum())


def _same_role_more_employer(role: Role, theirs: Role | None) -> bool:
    """The labeller read the same role (dates, nearly the same title) with an employer the
    rules' runs on past ("… Trust" against "… Trust, Manchester, UK": the labeller told the place
    apart)."""
    if theirs is None or not role.start or not role.title or not role.company:
        return False
    if fuzz.ratio(role.title.casefold(), theirs.title.casefold()) < SAME_TITLE_SCORE:
        return False
    ours = role.company.casefold()
    return ours != theirs.company.casefold() and ours.startswith(theirs.company.casefold())


def _swapped(role: Role, theirs: Role) -> bool:
    """The two readings hold the same two header fields, each in the other's place. The rules
    go by the order of the lines; the labeller weighs what the words say, and is right more
    often (leave-renderers-out, training/LORO.md)."""
    def same(a: str | None, b: str | None) -> bool:
        return bool(a and b) and fuzz.ratio(a.casefold(), b.casefold()) >= SAME_TITLE_SCORE
    return same(role.title, theirs.company) and same(role.company, theirs.title)


def _with_learned_cuts(rules: Resume, learned: Resume) -> Resume:
    """The rules' reading, where a role's header was cut between title and organisation
    elsewhere than the labeller cut the very same words ("Manager" | "Tax & Advisory, Harrow
    LLP" against "Manager, Tax & Advisory" | "Harrow LLP"), cut the labeller's way: the rules
    split at the first comma, the labeller weighs what each part says. The name is the
    labeller's where it found one: the rules take the largest line, which may be a document
    label or a headline set as large as the name. So is the email, where the rules found none
    above the first section. A role the labeller read with the same dates takes the labeller's
    header where the rules' employer is the labeller's title (the two swapped) or one of its
    bullets (a body line read as the employer)."""
    cuts = {(r.start, r.end, _header_words(r)): r for r in learned.roles if r.title and r.company}
    by_dates = {(r.start, r.end): r for r in learned.roles if r.title and r.company}
    bullets = {" ".join(b.casefold().split()) for r in learned.roles for b in r.bullets}
    roles = []
    for role in rules.roles:
        theirs = cuts.get((role.start, role.end, _header_words(role)))
        same_dates = by_dates.get((role.start, role.end)) if role.start else None
        if same_dates is not None and (_swapped(role, same_dates) or " ".join(
                (role.company or "").casefold().split()) in bullets):
            theirs = same_dates  # the rules' employer is the labeller's title, or its bullet
        if theirs is not None and role.start and (theirs.title, theirs.company) != (
                role.title, role.company):
            role = replace(role, title=theirs.title, company=theirs.company,
                           title_spans=theirs.title_spans, company_spans=theirs.company_spans)
        elif theirs is None and _same_role_more_employer(role, by_dates.get((role.start,
                                                                             role.end))):
            theirs = by_dates[(role.start, role.end)]
            role = replace(role, company=theirs.company, company_spans=theirs.company_spans,
                           location=role.location or theirs.location)
        roles.append(role)
    contact = rules.contact
    if learned.contact.name and learned.contact.name != contact.name:
        contact = replace(contact, name=learned.contact.name,
                          name_spans=list(learned.contact.name_spans))
    if contact.email is None and learned.contact.email:
        contact = replace(contact, email=learned.contact.email)
    if roles == rules.roles and contact is rules.contact:
        return rules
    kinds = span_kinds(rules.document, contact, rules.headline, rules.summary, roles,
                       rules.education, rules.skill_spans, rules.sections)
    return replace(rules, contact=contact, roles=roles, span_kinds=kinds)


def auto_structure(doc: Document, model=None) -> Resume:
    """Both parsers, and the reading `preferred_reading` keeps (the rules cost ~2 ms); the
    learned pipeline alone where the file names its own fields, as then it guesses nothing."""
    learned = learned_structure(doc, model)
    return learned if names_its_fields(doc) else preferred_reading(structure(doc), learned)


PARSERS = {"auto": auto_structure, "rules": structure, "learned": learned_structure}
# The parser a resume is read with unless one is asked for: on layouts nobody tuned for it reads
# three times the role fields the rules do, and it reads the corpus and the samples as they do.
DEFAULT_PARSER = "auto"


def explain(doc: Document, top: int = 4) -> list[str]:
    """One line per piece: its label, the labeller's confidence, its text, and the values of the
    model's most important features that are set for it."""
    model = load_model()
    labelled = label(doc, model)
    order = np.argsort(-model.importance)
    out = []
    for piece, name, proba, row in zip(labelled.pieces, labelled.labels,
                                       labelled.probabilities, labelled.features, strict=True):
        shown = [f"{FEATURE_NAMES[i]}={row[i]:.3g}" for i in order
                 if row[i] not in (0.0, -1.0)][:top]
        out.append(f"p{piece.span.page + 1} l{piece.line_index:<3} {name:<10} "
                   f"{proba[LABELS.index(name)]:.2f}  {piece.text[:50]!r:<52} {', '.join(shown)}")
    return out
