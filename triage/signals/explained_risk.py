"""Explained risk: gaps, short stints and a title that differs from the work — and whether each
is explained where the recruiter can see it.

A gap of more than about six months, several jobs under a year, or a current title that is not
the job's title while the work is ("platform engineer" doing MLOps) makes a recruiter hesitate.
Each is fine when a short plain explanation is visible (contract, fixed-term, freelance,
parental leave, career break, relocation, studies, career change, redundancy); risky when hidden.
"""

from __future__ import annotations

import re

from triage.dates import month_count
from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._match import term_hits, title_matches
from triage.signals._text import (
    Unit,
    current_role,
    lexicon,
    quote,
    role_head_ids,
    role_ids,
    role_label,
    span_order,
    span_texts,
    stems,
    units,
)
from triage.structure import Role

NAME = "explained_risk"
STUDY_COVERS = 0.5  # study dated over at least this share of a gap explains it
TITLE = "Explained risk"
GAP_MONTHS = 6  # recruiters' guidance: gaps over ~6 months draw a question
SHORT_MONTHS = 12  # a stint under a year
SEVERAL = 2  # this many short stints make a pattern
MISMATCH_TERMS = 2  # must-have terms in the current role's bullets that make it "the work"

examples_pass = [
    "Owned model deployment for the fraud team",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### Career break\nMar 2020 – Dec 2021\n\n- Parental leave and "
    "a move from Leeds to Berlin\n\n### Data Engineer — Northwind Logistics\nMar 2016 – Feb 2020"
    " | Leeds, UK\n\n- Wrote batch jobs in Airflow\n",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2024 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### ML Engineer (six-month contract) — Bolt Labs\nMay 2023 – "
    "Nov 2023 | Berlin, Germany\n\n- Moved model serving to Kubernetes\n\n### ML Engineer "
    "(fixed-term) — Civic Data\nJun 2022 – Feb 2023 | Berlin, Germany\n\n- Built the model "
    "registry\n\n### Data Engineer — Northwind Logistics\nMar 2016 – May 2022 | Hamburg, "
    "Germany\n\n- Wrote batch jobs in Airflow\n",
]
examples_fail = [
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### Data Engineer — Northwind Logistics\nMar 2016 – Feb 2020 | "
    "Hamburg, Germany\n\n- Wrote batch jobs in Airflow\n",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2024 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### ML Engineer — Bolt Labs\nMay 2023 – Nov 2023 | Berlin, "
    "Germany\n\n- Moved model serving to Kubernetes\n\n### ML Engineer — Civic Data\nJun 2022 – "
    "Feb 2023 | Berlin, Germany\n\n- Built the model registry\n\n### Data Engineer — Northwind "
    "Logistics\nMar 2016 – May 2022 | Hamburg, Germany\n\n- Wrote batch jobs in Airflow\n",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### MLOps "
    "Engineer — Acme Analytics\nMar 2019 – Oct 2024 | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Data "
    "Analyst — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model deployment "
    "for 40 models on Kubernetes\n- Built CI/CD for model releases with GitHub Actions\n",
]


def _role_text(ctx: SignalContext, role: Role) -> list[str]:
    texts = span_texts(ctx.resume)
    head = [texts.get(i, "") for i in role_head_ids(role)]
    return [t for t in (role.title, role.company, role.location, *role.bullets, *head) if t]


def _page_text(ctx: SignalContext, between: tuple[Role, Role] | None = None) -> list[str]:
    """Summary and headline, plus the loose lines printed between two roles (a 'Career break'
    entry the parser did not take for a role)."""
    order = span_order(ctx.resume)
    bounds = None
    if between is not None:
        a, b = ([order[i] for i in role_ids(r) if i in order] for r in between)
        if a and b:
            bounds = (max(a), min(b)) if max(a) < min(b) else (max(b), min(a))

    def loose(unit: Unit) -> bool:
        position = order.get(unit.ids[0], -1) if unit.ids else -1
        return bounds is not None and bounds[0] < position < bounds[1]

    return [u.text for u in units(ctx.resume)
            if u.kind in ("summary", "headline") or (u.kind == "other" and loose(u))]


def _explained(texts: list[str]) -> str | None:
    for text in texts:
        hits = lexicon("explanations.txt").find(stems(text))
        if hits:
            return hits[0].phrase
    return None


def _finding(risk: str, ids: tuple[str, ...], reason: str | None, strength: float,
             fix: str) -> Finding:
    if reason:
        return Finding(NAME, POSITIVE, 0.2, ids, f"{risk} — explained on the page ('{reason}').")
    return Finding(NAME, NEGATIVE, strength, ids, f"{risk}, with no explanation on the page.", fix)


def _gap_reason(ctx: SignalContext, between: tuple[Role, Role] | None, first: int,
                last: int) -> str | None:
    """What explains months first..last: study dated over them, a line printed between the two
    roles, or a summary sentence naming a reason and a year of the gap. A word in a neighbouring
    role's title, employer or bullets ('Intern', 'Contract Logistics', 'retraining models') says
    nothing about the months between."""
    for item in ctx.resume.education:
        start = month_count(item.start, ctx.as_of)
        end = month_count(item.end or item.start, ctx.as_of, end=True)
        if start is not None and end is not None and min(end, last) - max(start, first) + 1 >= (
                last - first + 1) * STUDY_COVERS:
            return f"study: {quote(item.degree or item.institution or 'education', 40)}"
    summary = _page_text(ctx)
    if between is not None:
        loose = [t for t in _page_text(ctx, between) if t not in summary]  # between the roles
        reason = _explained(loose)
        if reason:
            return reason
    years = {str(y) for y in range((first - 1) // 12, (last - 1) // 12 + 1)}
    sentences = [s for text in summary for s in re.split(r"(?<=[.;!?])\s+", text)
                 if any(y in s for y in years)]
    return _explained(sentences)


def _gaps(ctx: SignalContext) -> list[Finding]:
    dated = []
    for role in ctx.resume.roles:
        start = month_count(role.start, ctx.as_of)
        end = month_count(role.end or role.start, ctx.as_of, end=True)
        if start is not None and end is not None:
            dated.append((start, end, role))
    dated.sort(key=lambda d: (d[0], d[1]))
    findings = []
    latest_end = None
    previous = None
    for start, end, role in dated:
        if latest_end is not None and previous is not None and start - latest_end - 1 > GAP_MONTHS:
            gap = start - latest_end - 1
            reason = _gap_reason(ctx, (previous, role), latest_end + 1, start - 1)
            findings.append(_finding(
                f"A {gap}-month gap between '{role_label(previous)}' and '{role_label(role)}'",
                role_head_ids(previous) + role_head_ids(role), reason, 0.6,
                f"Add one plain line for the gap, e.g. under '{quote(role_label(role), 40)}' or "
                f"as its own entry: '<Mon YYYY> – <Mon YYYY>: career break — <reason in five "
                "words>' (parental leave, caring, study, relocation, redundancy all read fine).",
            ))
        if latest_end is None or end > latest_end:
            latest_end, previous = end, role
    now = month_count("present", ctx.as_of) or 0
    if previous is not None and latest_end is not None and now - latest_end > GAP_MONTHS:
        findings.append(_finding(
            f"Nothing on the page for the {now - latest_end} months since "
            f"'{role_label(previous)}' ended",
            role_head_ids(previous), _gap_reason(ctx, None, latest_end + 1, now),
            0.5,
            "Add one line at the top of Experience for what you are doing now: '<Mon YYYY> – "
            "Present: <career break / study / freelance work> — <five words on it>'.",
        ))
    return findings


def _stints(ctx: SignalContext) -> list[Finding]:
    short = []
    for role in ctx.resume.roles:
        start, end = month_count(role.start, ctx.as_of), month_count(role.end, ctx.as_of, end=True)
        if start is not None and end is not None and role.end != "present" and (
                end - start + 1 < SHORT_MONTHS):
            short.append((role, end - start + 1))
    if len(short) < SEVERAL:
        return []
    summary = _page_text(ctx)
    return [_finding(
        f"'{role_label(role)}' lasted {months} months, one of {len(short)} stints under a year",
        role_head_ids(role), _explained(_role_text(ctx, role) + summary), 0.4,
        f"Say why it was short, on its title line: '{quote(role_label(role), 50)}' → "
        f"'{quote(role.title or role_label(role), 40)} (<n>-month contract / fixed-term / "
        "company closed)'.",
    ) for role, months in short]


def _mismatch(ctx: SignalContext) -> list[Finding]:
    req = ctx.requisition
    current = current_role(ctx.resume, ctx.as_of)
    if current is None or not req.titles:
        return []
    role = ctx.resume.roles[current]
    if not role.title or title_matches(role.title, req):
        return []
    hits = term_hits(ctx.resume, req)
    doing = [t for t in req.must_have if any(u.role == current and u.kind == "bullet"
                                             for u in hits.get(t, ()))]
    if len(doing) < MISMATCH_TERMS:
        return []
    said = _page_text(ctx)
    reason = next((t for t in said if title_matches(t, req)), None)
    reason = quote(reason, 40) if reason else _explained(said + _role_text(ctx, role))
    wanted = req.titles[0].name
    return [_finding(
        f"Your title '{role.title}' differs from the work it describes "
        f"({', '.join(t.name for t in doing)}), which is this job's work ({wanted})",
        tuple(role.title_spans), reason, 0.5,
        f"Say it in one line a skimmer meets first: a headline such as '{wanted} — "
        f"{quote(role.title, 30)} by title; <what you own>', or '{quote(role.title, 30)} "
        f"({wanted} work)' on the title line.",
    )]


def detect(ctx: SignalContext) -> list[Finding]:
    """Gaps, then short stints, then a title/work mismatch; each explained or not."""
    return _gaps(ctx) + _stints(ctx) + _mismatch(ctx)
