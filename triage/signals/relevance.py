"""Relevance: the last five to seven years carry the weight; old detail does not belong on page 1.

Recruiters read the top of page 1 and the current and previous roles; a role that ended a decade
ago, or an unrelated detour, taking several lines there pushes recent work out of the skim. A
resume longer than two pages with under ten years of experience reads as unedited.
"""

from __future__ import annotations

from triage.dates import month_count
from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.knockouts import years_of_experience
from triage.signals._match import term_hits, title_matches
from triage.signals._text import quote, role_head_ids, role_label, span_texts

NAME = "relevance"
TITLE = "Relevance"
OLD_YEARS = 10  # a role that ended longer ago than this is old (tunable)
RECENT_YEARS = 7  # the last 5-7 years carry the weight (recruiters' guidance)
OLD_LINES = 3  # an old role taking more than this many lines on page 1 crowds it
MAX_PAGES = 2
SENIOR_YEARS = 10  # more than two pages is fine past this much experience
RECENT_SHARE = 0.7

_OLD_ROLE = (
    "\n### Sales Assistant — High Street Books\nJun 2009 – Aug 2012 | Leeds, UK\n\n"
    "- Served customers at the till and kept the shelves in order\n"
    "- Ran the weekly stock count for the fiction section\n"
    "- Trained new weekend staff on the till system\n"
    "- Organised author signings twice a year\n"
)
examples_pass = [
    "Owned model deployment for the fraud team",
    "Built the CI pipeline that tests every model before release",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### Data Engineer — Northwind Logistics\nMar 2018 – Dec 2021 | "
    "Hamburg, Germany\n\n- Wrote batch jobs in Airflow\n\n## Earlier experience\n\nSales "
    "assistant, High Street Books, 2009–2012\n",
]
examples_fail = [
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n" + _OLD_ROLE,
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models\n\n### Research Assistant — University of Leeds\nOct 2015 – Sep "
    "2018 | Leeds, UK\n\n- Ran survey fieldwork in three towns\n- Coded interview transcripts in "
    "NVivo\n- Wrote literature reviews on rural transport\n- Organised the weekly reading "
    "group\n",
]


def _page_one_lines(ctx: SignalContext) -> dict[int, int]:
    """Role index -> lines it takes on page 1."""
    texts = span_texts(ctx.resume)
    first_page = {s.id for ln in ctx.resume.document.lines if ln.page == 0 for s in ln.spans}
    out = {}
    for r, role in enumerate(ctx.resume.roles):
        ids = list(role_head_ids(role)) + [i for group in role.bullet_spans for i in group]
        out[r] = sum(1 for i in ids if i in first_page and i in texts)
    return out


def _relevant(ctx: SignalContext, role_index: int) -> bool:
    role = ctx.resume.roles[role_index]
    if role.title and title_matches(role.title, ctx.requisition):
        return True
    hits = term_hits(ctx.resume, ctx.requisition)
    return any(u.role == role_index for found in hits.values() for u in found)


def detect(ctx: SignalContext) -> list[Finding]:
    """Old or off-field roles crowding page 1, length for the experience, or a recent page 1."""
    resume = ctx.resume
    now = month_count("present", ctx.as_of) or 0
    lines = _page_one_lines(ctx)
    findings: list[Finding] = []
    recent = 0
    for r, role in enumerate(resume.roles):
        ended = month_count(role.end or role.start, ctx.as_of, end=True)
        age = (now - ended) / 12 if ended is not None else 0.0
        if age <= RECENT_YEARS:
            recent += lines[r]
            continue
        if lines[r] <= OLD_LINES or (age <= OLD_YEARS and _relevant(ctx, r)):
            continue
        why = (f"ended {age:.0f} years ago" if age > OLD_YEARS
               else f"ended {age:.0f} years ago and is outside this job's field")
        findings.append(Finding(
            NAME, NEGATIVE, 0.5, role_head_ids(role),
            f"'{role_label(role)}' {why} but takes {lines[r]} lines of page 1, pushing recent "
            "work out of the skim.",
            f"Cut it to one line under an 'Earlier experience' heading: "
            f"'{quote(role_label(role), 50)}, {(role.start or '')[:4]}–{(role.end or '')[:4]}'"
            " — and give the space to your current role's results.",
        ))
    years = years_of_experience(resume, ctx.as_of)
    if resume.pages > MAX_PAGES and years < SENIOR_YEARS:
        findings.append(Finding(
            NAME, NEGATIVE, 0.5, (),
            f"{resume.pages} pages for about {years:.0f} years of experience: recruiters who "
            "turn the page spend their time there, not on page 1.",
            f"Cut to {MAX_PAGES} pages or fewer: keep the last {RECENT_YEARS} years in full, put "
            "older roles on one line each, and drop coursework and duties.",
        ))
    on_page_one = sum(lines.values())
    if not findings and on_page_one and recent / on_page_one >= RECENT_SHARE:
        findings.append(Finding(
            NAME, POSITIVE, 0.4, tuple(i for role in resume.roles[:2] for i in role_head_ids(role)),
            f"Page 1 is given to the last {RECENT_YEARS} years ({recent} of {on_page_one} role "
            "lines).",
        ))
    return findings
