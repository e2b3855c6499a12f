"""Knockout questions, answered the way an ATS would: from the applicant's answers, else from the
resume. A failed knockout means "no" whatever else; an unanswerable one means "ask".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from triage.dates import month_count
from triage.requisition import DEGREE_LEVELS, Knockout
from triage.structure import Resume

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
# Each abbreviation must end where its word ends: "BSc Mathematics" holds "Ma" but is no M.A.
_END = r"(?![^\W\d_])"  # no letter follows (accented ones included)
DEGREE_PATTERNS = {
    "phd": rf"\b(ph\.?\s?d|d\.?\s?phil|doctor(ate)?|doktor|doctorat){_END}",
    "master": rf"\b(m\.?\s?sc|m\.?\s?s|m\.?\s?a|mba|m\.?\s?eng|m\.?\s?res|master\w*|"
              rf"magister|mast[eè]re){_END}",
    "bachelor": rf"\b(b\.?\s?sc|b\.?\s?s|b\.?\s?a|b\.?\s?eng|b\.?\s?tech|bachelor\w*|"
                rf"licence|laurea|licenciatura){_END}",
    "associate": rf"\bassociate\w*{_END}",
}


@dataclass(frozen=True)
class KnockoutResult:
    id: str
    question: str
    status: str  # pass | fail | unknown
    evidence: str  # plain words: where the answer came from
    evidence_spans: tuple[str, ...] = ()


def years_of_experience(resume: Resume, as_of: str) -> float:
    """Total months covered by dated roles (overlaps merged), in years."""
    spans = []
    for role in resume.roles:
        start = month_count(role.start, as_of)
        end = month_count(role.end or role.start, as_of, end=True)
        if start and end and end >= start:
            spans.append((start, end))
    total, last_end = 0, None
    for start, end in sorted(spans):
        if last_end is not None and start <= last_end:
            if end > last_end:
                total += end - last_end
                last_end = end
            continue
        total += end - start + 1
        last_end = end
    return total / 12


def _resume_text(resume: Resume) -> list[tuple[str, str]]:
    """(span id, text) for every visible span, so evidence can point at the page."""
    return [(s.id, s.text) for ln in resume.document.lines for s in ln.spans if not s.hidden]


def _search(patterns: tuple[str, ...], texts: list[tuple[str, str]]) -> tuple[str, str] | None:
    for pattern in patterns:
        regex = re.compile(pattern, re.IGNORECASE)
        for span_id, text in texts:
            if regex.search(text):
                return span_id, text
    return None


def degree_level(text: str) -> int:
    """The highest degree `text` names, as an index into DEGREE_LEVELS (-1: none named)."""
    named = [DEGREE_LEVELS.index(level) for level, pattern in DEGREE_PATTERNS.items()
             if re.search(pattern, text, re.IGNORECASE)]
    if text.strip().lower() in DEGREE_LEVELS:
        named.append(DEGREE_LEVELS.index(text.strip().lower()))
    return max(named, default=-1)


NUMBER_WORDS = {word: float(value) for value, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty"))}


def _years_given(given: Any) -> float | None:
    """An answer about years as a number: 5, "5", "5.5", "five", "5 years"; None if unreadable."""
    if isinstance(given, bool):
        return None
    if isinstance(given, int | float):
        return float(given)
    words = str(given).strip().lower().replace(",", ".").split()
    if not words:
        return None
    try:
        return float(words[0])
    except ValueError:
        return NUMBER_WORDS.get(words[0])


def _answer(knockout: Knockout, answers: dict[str, Any]) -> KnockoutResult | None:
    if knockout.source == "resume" or knockout.id not in answers:
        return None
    given = answers[knockout.id]
    required = knockout.required

    def unreadable(what: str) -> KnockoutResult:
        return KnockoutResult(knockout.id, knockout.question, UNKNOWN,
                              f"the answer '{given}' is not {what}; ask the applicant again")

    if knockout.kind == "min_years":
        years = _years_given(given)
        if years is None:
            return unreadable("a number of years")
        ok = years >= float(required)
    elif knockout.kind == "yes_no":
        ok = str(given).strip().lower() == required
    elif knockout.kind == "degree":
        level = degree_level(str(given))
        if level < 0:
            return unreadable("a degree")
        ok = level >= DEGREE_LEVELS.index(required)
    elif isinstance(required, tuple):
        ok = str(given).strip().lower() in {r.lower() for r in required}
    else:
        ok = str(given).strip().lower() in ("yes", "true", str(required).lower())
    status = PASS if ok else FAIL
    return KnockoutResult(knockout.id, knockout.question, status,
                          f"applicant answered '{given}'")


def _from_resume(knockout: Knockout, resume: Resume, as_of: str) -> KnockoutResult:
    texts = _resume_text(resume)
    q, kind, required = knockout.question, knockout.kind, knockout.required

    def result(status: str, evidence: str, spans: tuple[str, ...] = ()) -> KnockoutResult:
        return KnockoutResult(knockout.id, q, status, evidence, spans)

    if kind == "yes_no":
        no = _search(knockout.resume_no, texts)
        yes = _search(knockout.resume_yes, texts)
        if yes and not no:
            status = PASS if required == "yes" else FAIL
            return result(status, f"resume says '{yes[1][:80]}'", (yes[0],))
        if no:
            status = FAIL if required == "yes" else PASS
            return result(status, f"resume says '{no[1][:80]}'", (no[0],))
        return result(UNKNOWN, "the resume does not say; ask the applicant")
    if kind == "min_years":
        years = years_of_experience(resume, as_of)
        if not resume.roles:
            return result(UNKNOWN, "no dated roles found; ask the applicant")
        status = PASS if years >= float(required) else FAIL
        spans = tuple(i for r in resume.roles for i in r.date_spans)
        return result(status, f"about {years:.1f} years across dated roles", spans)
    if kind == "degree":
        level_needed = DEGREE_LEVELS.index(required)
        best = -1
        spans: tuple[str, ...] = ()
        for item in resume.education:
            rank = degree_level(f"{item.degree or ''} {item.institution or ''}")
            if rank > best:
                best, spans = rank, tuple(item.span_ids)
        if best < 0:
            return result(UNKNOWN, "no degree found in the resume; ask the applicant")
        status = PASS if best >= level_needed else FAIL
        return result(status, f"highest degree found: {DEGREE_LEVELS[best]}", spans)
    if kind == "location":
        accepted = required if isinstance(required, tuple) else (str(required),)
        where = resume.contact.location or ""
        for place in accepted:
            if place.lower() in ("remote", "relocate", "relocation"):
                hit = _search((r"\b(open to|willing to) relocat", r"\brelocat\w+ to\b")
                              if place.lower() != "remote" else (r"\bremote\b",), texts)
                if hit:
                    return result(PASS, f"resume says '{hit[1][:80]}'", (hit[0],))
            elif where and fuzz.partial_ratio(place.lower(), where.lower()) >= 90:
                return result(PASS, f"based in {where}", tuple(resume.contact.contact_spans))
        if where:
            return result(UNKNOWN, f"based in {where}; ask about relocation or remote work",
                          tuple(resume.contact.contact_spans))
        return result(UNKNOWN, "no location on the resume; ask the applicant")
    # certification / language: named on the resume, else ask (absence is not proof).
    names = (str(required), *knockout.aliases)
    patterns = tuple(rf"\b{re.escape(n)}\b" for n in names)
    hit = _search(patterns, texts)
    if hit:
        return result(PASS, f"resume mentions '{hit[1][:80]}'", (hit[0],))
    return result(UNKNOWN, f"'{required}' is not on the resume; ask the applicant")


def evaluate_knockouts(knockouts: tuple[Knockout, ...], resume: Resume, answers: dict[str, Any],
                       as_of: str) -> tuple[KnockoutResult, ...]:
    """Each knockout answered from the applicant's answers first, then from the resume."""
    results = []
    for knockout in knockouts:
        answered = _answer(knockout, answers)
        if answered is None and knockout.source == "answers":
            answered = KnockoutResult(knockout.id, knockout.question, UNKNOWN,
                                      "no answer given; ask the applicant")
        results.append(answered or _from_resume(knockout, resume, as_of))
    return tuple(results)
