"""Range: technical credibility, business impact and leadership, each shown on the page.

Recruiters hiring above junior level look for three things at once: that the candidate can do
the work (the job's own skills and tools, used in the roles), that the work mattered to someone
outside the team (money, customers, users, patients, cost), and that others followed (led,
mentored, hired, managed people). Each dimension shown is a reason to say yes; each missing one
is a question the recruiter cannot answer from the page.
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._match import term_hits
from triage.signals._text import (
    CURRENCY,
    Unit,
    bullets,
    field_words,
    lexicon,
    quote,
    result_strength,
    units,
    where_to_look,
)

NAME = "range"
TITLE = "Range"
MIN_TECH_TERMS = 2  # distinct requisition skills used in the roles (tunable)
PEOPLE_WINDOW = 5  # words after "led" in which the people must be named ("led a team of 4")

examples_pass = [
    "Led a team of 4 engineers moving model serving onto Kubernetes, cutting cloud cost by "
    "€120k a year",
    "Mentored two junior engineers while rebuilding CI/CD for model deployment, which let the "
    "checkout team ship pricing models that lifted revenue 3%",
    "Hired and managed 5 engineers; our model deployment platform on Kubernetes now serves "
    "2M customers",
]
examples_fail = [
    "Wrote Python services for feature pipelines",
    "Led the migration of model deployment to Kubernetes",
    "Cut cloud cost by €120k a year by moving batch jobs to spot instances",
]


def _technical(ctx: SignalContext) -> list[Unit]:
    found = term_hits(ctx.resume, ctx.requisition)
    wanted = ctx.requisition.must_have + ctx.requisition.nice_to_have
    used = {}
    for term in wanted:
        for unit in found.get(term, ()):
            if unit.kind == "bullet":
                used.setdefault(term, unit)
                break
    return list(dict.fromkeys(used.values())) if len(used) >= MIN_TECH_TERMS else []


def _impact(ctx: SignalContext) -> list[Unit]:
    """Bullets (and the summary) where someone outside the team was better off: money, or a
    beneficiary ('patients', 'customers') together with a measured change. Naming patients or
    users alone ('cared for patients', 'wrote user guides') is the job, not its impact."""
    return [u for u in units(ctx.resume) if u.kind in ("bullet", "summary")
            and (any(c in u.text for c in CURRENCY) or lexicon("impact_words.txt").find(u.seq))
            and result_strength(u.text) > 0]


def _leadership(ctx: SignalContext) -> list[Unit]:
    """Acts about people, or a people verb whose object is people ('led 4 engineers')."""
    people = lexicon("people_words.txt")
    out = []
    for unit in bullets(ctx.resume):
        seq = unit.seq
        led_people = any(
            people.find(seq[hit.end : hit.end + PEOPLE_WINDOW])
            for hit in lexicon("people_verbs.txt").find(seq)
        )
        if led_people or lexicon("leadership_words.txt").find(seq):
            out.append(unit)
    return out


# Templates take the field's own words ({people}, {whom}, …: data/signals/field_words.toml).
DIMENSIONS = (
    ("technical credibility", _technical,
     "the job's own skills and tools used in your roles",
     "'{made} <{thing}> with {tool} for <{whom}>'"),
    ("business impact", _impact,
     "who outside your team was better off — money, {whom}, cost",
     "'… so <{whom} or the organisation> <gained what>: {outcome}'"),
    ("leadership", _leadership,
     "people who followed you — led, mentored, hired, managed",
     "'Led <N> {people} to <outcome>' or 'Mentored <N> new {people}; <what they now own>'"),
)


def detect(ctx: SignalContext) -> list[Finding]:
    """One finding per dimension: shown (with its evidence) or missing (with a fix)."""
    findings = []
    tool = (ctx.requisition.must_have or ctx.requisition.nice_to_have or ctx.requisition.titles)
    for name, find, what, template in DIMENSIONS:
        shown = find(ctx)
        if shown:
            findings.append(Finding(
                NAME, POSITIVE, 0.5, tuple(i for u in shown[:3] for i in u.ids),
                f"Shows {name}: '{quote(shown[0].text, 60)}'.",
            ))
            continue
        words = field_words(ctx.requisition)
        example = template.format(tool=tool[0].name if tool else "<tool>", **words)
        findings.append(Finding(
            NAME, NEGATIVE, 0.4, where_to_look(ctx.resume, ctx.as_of),
            f"No sign of {name} ({what.format(**words)}).",
            f"If it is true, add it to a bullet in your current role: {example}.",
            absence=True,
        ))
    return findings
