"""Knockout questions, answered the way an ATS would: from the applicant's answers, else from the
resume, each claim read with its negation, its "pending" and its level, and quoted. A failed
knockout means "no" whatever else; an unanswered one means "ask", and holds a "yes" at "maybe"
only when the resume leans the other way (`points_away`) or the requisition marks it strict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from rapidfuzz import fuzz

from triage.claims import basic_level, is_language_heading, language_list, negated, qualifier
from triage.dates import month_count
from triage.requisition import DEGREE_LEVELS, Knockout
from triage.structure import Resume
from triage.vocabulary import data_toml
from triage.work_rights import (
    NO,
    PENDING,
    YES,
    accepted_countries,
    country_named,
    country_of,
    statements,
    verdict_of,
)

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
QUOTE_CHARS, QUOTE_BEFORE = 80, 30  # how much of a line evidence quotes, and from where
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
    evidence: str  # plain words: where the answer came from, quoting the resume
    evidence_spans: tuple[str, ...] = ()
    # An unknown the resume leans against ("based in Toronto", "registration pending"): the
    # recruiter will ask, but would not advance the candidate before the answer.
    points_away: bool = False
    strict: bool = False  # the requisition holds the verdict at "maybe" until it is answered

    @property
    def holds_at_maybe(self) -> bool:
        return self.status == UNKNOWN and (self.points_away or self.strict)


def years_of_experience(resume: Resume, as_of: str, titles: tuple[str, ...] = ()) -> float:
    """Total months covered by dated roles (overlaps merged), in years; with `titles`, only
    roles whose title names one of them ("post-registration" years are years as a nurse)."""
    spans = []
    counted = [r for r in resume.roles if not titles or _names_any(titles, r.title or "")]
    for role in counted:
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


def _names_any(names: tuple[str, ...], text: str) -> re.Match[str] | None:
    """The first of `names` that `text` says as a whole word (case-insensitive)."""
    if not names:
        return None
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.search(pattern + r")(?!\w)", text, re.IGNORECASE)


def _resume_lines(resume: Resume) -> list[tuple[tuple[str, ...], str]]:
    """(span ids, text) for every line's visible text, a wrapped sentence's lines joined (the
    next line starts in lower case, or this one ends on a comma or hyphen), so a claim and its
    "pending" stay together; span ids let evidence point at the page."""
    out: list[tuple[tuple[str, ...], str]] = []
    for line in resume.document.lines:
        visible = [s for s in line.spans if not s.hidden]
        if not visible:
            continue
        ids, text = tuple(s.id for s in visible), " ".join(s.text for s in visible)
        if out and (text[:1].islower() or out[-1][1].rstrip().endswith((",", "-", "–"))):
            ids, text = out[-1][0] + ids, f"{out.pop()[1]} {text}"
        out.append((ids, text))
    return out


def _search(patterns: tuple[str, ...], texts: list[tuple[tuple[str, ...], str]]
            ) -> tuple[tuple[str, ...], str, re.Match[str]] | None:
    for pattern in patterns:
        regex = re.compile(pattern, re.IGNORECASE)
        for span_ids, text in texts:
            for match in regex.finditer(text):
                return span_ids, text, match
    return None


def _quote(text: str, at: int = 0) -> str:
    """Up to 80 characters of `text` around position `at`, quoted: the words that decided."""
    first = max(0, at - QUOTE_BEFORE)
    piece = text[first:first + QUOTE_CHARS]
    return ("'" + ("…" if first else "") + piece
            + ("…" if first + QUOTE_CHARS < len(text) else "") + "'")


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
    elif knockout.kind in ("yes_no", "work_rights"):
        ok = str(given).strip().lower() == (required if knockout.kind == "yes_no" else "yes")
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


Lines = list[tuple[tuple[str, ...], str]]
# Accepted "places" that are a willingness to move, and how a resume says it.
MOVES = {
    "relocate": (r"(?<!\w)(?:open|willing|happy|ready|able|keen|prepared) to relocat",
                 r"(?<!\w)relocat\w* to(?!\w)", r"(?<!\w)open to relocation"),
    "remote": (r"(?<!\w)remote(?!\w)",),
}
MOVES["relocation"] = MOVES["relocate"]


def implied() -> list[list[str]]:
    """(higher, lower) certificate pairs: holding the first requires holding the second."""
    return data_toml("knockouts/certifications.toml")["implies"]


def _yes_no(k: Knockout, lines: Lines) -> tuple[str, str, tuple[str, ...], bool]:
    """A question answered by the requisition's own phrases, each read with its negation; a
    plain "no" outweighs a "yes"."""
    answers = []
    for patterns, says in ((k.resume_no, "no"), (k.resume_yes, "yes")):
        hit = _search(patterns, lines)
        if hit:
            span_ids, text, match = hit
            if negated(text, match.start()):
                says = "no" if says == "yes" else "yes"
            answers.append((says, span_ids, text, match.start()))
    if not answers:
        return UNKNOWN, "the resume does not say; ask the applicant", (), False
    said, span_ids, text, at = min(answers, key=lambda a: a[0] != "no")
    status = PASS if said == k.required else FAIL
    return status, f"resume says {_quote(text, at)}", span_ids, False


def _work_rights(k: Knockout, resume: Resume, lines: Lines
                 ) -> tuple[str, str, tuple[str, ...], bool]:
    places = k.required if isinstance(k.required, tuple) else (str(k.required),)
    found = verdict_of(statements(places, lines))
    if found is not None:
        quoted = f"resume says {_quote(found.text, found.at)}"
        if found.says == YES:
            return PASS, quoted, found.span_ids, False
        if found.says == NO:
            return FAIL, quoted, found.span_ids, False
        why = "not granted yet" if found.says == PENDING else "a right to work elsewhere"
        return UNKNOWN, f"{quoted}: {why}; ask the applicant", found.span_ids, True
    where = resume.contact.location
    home = country_of(where)
    if home is not None and home not in accepted_countries(places):
        return (UNKNOWN, f"based in {where}, and the resume does not say; ask the applicant",
                tuple(resume.contact.contact_spans), True)
    return UNKNOWN, "the resume does not say; ask the applicant", (), False


def _location(k: Knockout, resume: Resume, lines: Lines) -> tuple[str, str, tuple[str, ...], bool]:
    accepted = k.required if isinstance(k.required, tuple) else (str(k.required),)
    moves = [p for p in accepted if p.lower() in MOVES]
    fixed = [p for p in accepted if p.lower() not in MOVES]
    where = resume.contact.location or ""
    spans = tuple(resume.contact.contact_spans)
    countries_accepted = {code for p in fixed if (code := country_named(p))}
    if where and (any(fuzz.partial_ratio(p.lower(), where.lower()) >= 90 for p in fixed)
                  or country_of(where) in countries_accepted):
        return PASS, f"based in {where}", spans, False
    refused = None
    for place in moves:
        hit = _search(MOVES[place.lower()], lines)
        if hit:
            span_ids, text, match = hit
            if not negated(text, match.start()):
                return PASS, f"resume says {_quote(text, match.start())}", span_ids, False
            refused = (span_ids, _quote(text, match.start()))
    if refused:
        return FAIL, f"resume says {refused[1]}", refused[0], False
    if where:  # based somewhere the job is not: the recruiter would ask before advancing
        return UNKNOWN, f"based in {where}; ask about relocation or remote work", spans, True
    return UNKNOWN, "no location on the resume; ask the applicant", (), False


def _credential(k: Knockout, lines: Lines) -> tuple[str, str, tuple[str, ...], bool]:
    """A certification or language: named and held, named but pending, below the level asked,
    implied by a higher one, or missing from a full list of them."""
    names = (str(k.required), *k.aliases)
    patterns = [rf"(?<!\w){re.escape(n)}(?!\w)" for n in names]
    if k.kind == "certification":
        patterns += [rf"(?<!\w){re.escape(higher)}(?!\w)" for higher, lower in implied()
                     if lower.lower() in {n.lower() for n in names}]
    hit = _search(tuple(patterns), lines)
    if hit:
        span_ids, text, match = hit
        quoted = f"resume says {_quote(text, match.start())}"
        if negated(text, match.start()):
            return FAIL, quoted, span_ids, False
        state = qualifier(text, match.start(), match.end())
        if state:
            return UNKNOWN, f"{quoted}: {state}, not held; ask the applicant", span_ids, True
        level = basic_level(text, match.start(), match.end()) if k.kind == "language" else ""
        if level:
            return FAIL, f"{quoted}: {level} is below a working level", span_ids, False
        return PASS, quoted, span_ids, False
    if k.kind == "language":
        listed = _languages_listed(lines)
        if listed:
            span_ids, text = listed
            return (FAIL, f"the languages listed ({text[:80]}) do not include {k.required}",
                    span_ids, False)
    return UNKNOWN, f"'{k.required}' is not on the resume; ask the applicant", (), False


def _languages_listed(lines: Lines) -> tuple[tuple[str, ...], str] | None:
    """The resume's own list of languages: after 'Languages:' or under a languages heading."""
    for i, (span_ids, text) in enumerate(lines):
        listed = language_list(text)
        if listed:
            return span_ids, listed
        if is_language_heading(text) and i + 1 < len(lines):
            below = lines[i + 1 : i + 4]
            return (tuple(x for ids, _ in below for x in ids),
                    ", ".join(t for _, t in below))
    return None


def _from_resume(knockout: Knockout, resume: Resume, lines: Lines, as_of: str) -> KnockoutResult:
    kind, required = knockout.kind, knockout.required
    spans: tuple[str, ...] = ()
    points_away = False
    if kind == "yes_no":
        status, evidence, spans, points_away = _yes_no(knockout, lines)
    elif kind == "work_rights":
        status, evidence, spans, points_away = _work_rights(knockout, resume, lines)
    elif kind == "location":
        status, evidence, spans, points_away = _location(knockout, resume, lines)
    elif kind in ("certification", "language"):
        status, evidence, spans, points_away = _credential(knockout, lines)
    elif kind == "min_years":
        if not resume.roles:
            status, evidence = UNKNOWN, "no dated roles found; ask the applicant"
        else:
            years = years_of_experience(resume, as_of, knockout.count_titles)
            status = PASS if years >= float(required) else FAIL
            which = " as " + " / ".join(knockout.count_titles[:3]) if knockout.count_titles else ""
            evidence = f"about {years:.1f} years across dated roles{which}"
            spans = tuple(i for r in resume.roles for i in r.date_spans)
    else:  # degree
        best, spans = -1, ()
        for item in resume.education:
            rank = degree_level(f"{item.degree or ''} {item.institution or ''}")
            if rank > best:
                best, spans = rank, tuple(item.span_ids)
        if best < 0:
            status, evidence = UNKNOWN, "no degree found in the resume; ask the applicant"
        else:
            status = PASS if best >= DEGREE_LEVELS.index(required) else FAIL
            evidence = f"highest degree found: {DEGREE_LEVELS[best]}"
    return KnockoutResult(knockout.id, knockout.question, status, evidence, spans, points_away)


def evaluate_knockouts(knockouts: tuple[Knockout, ...], resume: Resume, answers: dict[str, Any],
                       as_of: str) -> tuple[KnockoutResult, ...]:
    """Each knockout answered from the applicant's answers first, then from the resume."""
    results = []
    lines = _resume_lines(resume)  # read once, for every question
    for knockout in knockouts:
        answered = _answer(knockout, answers)
        if answered is None and knockout.source == "answers":
            answered = KnockoutResult(knockout.id, knockout.question, UNKNOWN,
                                      "no answer given; ask the applicant")
        result = answered or _from_resume(knockout, resume, lines, as_of)
        results.append(replace(result, strict=knockout.strict))
    return tuple(results)
