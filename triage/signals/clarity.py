"""Clarity: whether a bullet says what was built, for whom and why, in words a skimmer can use.

Recruiters skip buzzword salad ("end-to-end machine learning lifecycle enablement", "leveraged
containerization best practices to optimize synergy") and long abstract sentences: they name no
thing, tool, number or outcome. "Built a CI/CD path so data scientists ship with versioned
artifacts, approval gates and rollback" says what was built and why. Long bullets go unread.
"""

from __future__ import annotations

import re

from triage.findings import NEGATIVE, Finding, SignalContext
from triage.signals._match import term_hits
from triage.signals._text import (
    Unit,
    current_role,
    field_words,
    lexicon,
    quote,
    stopwords,
    strength_for_role,
    tokens,
    units,
)

NAME = "clarity"
TITLE = "Clarity"
MAX_WORDS = {"bullet": 35, "summary": 90}  # long sentences and big blocks go unscanned (tunable)
ABSTRACT_RE = re.compile(r"\w{3,}(?:tion|sion|ment|ity|ance|ence|ness|ism|ship)s?$", re.I)

examples_pass = [
    "Built a CI/CD path so data scientists ship with versioned artifacts, approval gates and "
    "rollback",
    "Moved nightly batch scoring from cron to Airflow so failed runs retry and page the owner",
    "Wrote a scalable feature backfill job in Spark that replays 18 months of events in 2 hours",
    "Added drift alerts to the pricing model so analysts hear about bad inputs within an hour",
]
examples_fail = [
    "End-to-end machine learning lifecycle enablement",
    "Leveraged containerization best practices to optimize synergy",
    "Drove holistic digital transformation initiatives across the organization",
    "Delivered robust, scalable and innovative solutions that empower stakeholder alignment",
    "Responsible for the facilitation of cross-functional collaboration and the continuous "
    "improvement of operational excellence in the deployment environment",
    "Worked closely with many different teams across the company on a wide range of projects and "
    "tasks related to data and machine learning, including planning, building, testing, "
    "documenting and supporting pipelines and models that were used by people in several "
    "departments for their reporting",
]


def _concrete(unit: Unit, named: set[Unit]) -> bool:
    """A number, a named thing (a capitalised word past the first, a tool name with digits or
    symbols) or a requisition term: something a reader can picture."""
    if unit in named or re.search(r"\d", unit.text):
        return True
    words = [m.group(0) for m in tokens(unit.text)][1:]
    return any(w[0].isupper() or re.search(r"[+#/.]", w) for w in words)


def _problem(unit: Unit, named: set[Unit]) -> str | None:
    words = [m.group(0) for m in tokens(unit.text)]
    if len(words) > MAX_WORDS[unit.kind]:
        return f"at {len(words)} words it is too long to be read in a skim"
    buzz = [h.phrase for h in lexicon("buzzwords.txt").find(unit.seq)]
    content = [w for w, s in zip(words, unit.seq, strict=True) if s not in stopwords()]
    abstract = [w for w in content if ABSTRACT_RE.search(w)]
    concrete = _concrete(unit, named)
    if len(buzz) >= 2 and (not concrete or len(buzz) >= 3):
        return f"buzzwords ({', '.join(buzz)}) stand in for what you did"
    vague = len(buzz) + len(abstract)
    if not concrete and vague >= 2 and vague * 2 >= len(content):
        listed = ", ".join(dict.fromkeys(buzz + abstract))
        return f"abstract words ({listed}) name no thing, tool, number or outcome"
    return None


def detect(ctx: SignalContext) -> list[Finding]:
    """One negative per unclear bullet or summary; clear text needs no finding."""
    resume = ctx.resume
    current = current_role(resume, ctx.as_of)
    named = {u for found in term_hits(resume, ctx.requisition).values() for u in found}
    words = field_words(ctx.requisition)
    findings: list[Finding] = []
    for unit in units(resume):
        if unit.kind not in MAX_WORDS:
            continue
        problem = _problem(unit, named)
        if problem is None:
            continue
        where = "summary" if unit.kind == "summary" else "bullet"
        findings.append(Finding(
            NAME, NEGATIVE, strength_for_role(unit.role, current) * 0.8, unit.ids,
            f"This {where} is hard to use: {problem}.",
            f"'{quote(unit.text)}' → '{words['made']} <{words['thing']}> so <{words['whom']}> "
            f"<gained what>; {words['outcome']}' — one line, concrete nouns, one result.",
        ))
    return findings
