"""Language alignment: the requisition's titles, skills and phrases, found in what was noticed.

Recruiters scan for the job's own words — the title first, then the must-have skills — and a
skimmer does not translate: one team's "ML platform" is another's "production ML infrastructure"
or "ML infra". Terms are matched through the requisition's aliases, a synonym table and
rapidfuzz, and each match points at the piece of the page most likely to have been noticed.
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._levels import LEVEL_NAMES, required_level, title_level
from triage.signals._match import term_hits, title_match, title_matches
from triage.signals._text import Unit, current_role, quote, where_to_look

NAME = "language_alignment"
TITLE = "Language alignment"
STRENGTH = {"must": 0.6, "nice": 0.3}
# The job's own title counts more than another of its titles or an alias.
TITLE_STRENGTH = {"main": 0.8, "alias": 0.6}
LEVEL_GAP = 2  # a title this many levels below the job's (an intern for a senior job) is a miss

examples_pass = [
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models on Kubernetes, released through GitLab CI\n- Built the production "
    "ML infrastructure in Python, with drift detection on every model\n",
    "# Sam Lee\nsam.lee@example.com | Berlin, Germany\n\n## Experience\n\n### Machine Learning "
    "Engineer — Nordwerk\nMar 2021 – Present | Berlin, Germany\n\n- Ran model serving on GKE for "
    "the pricing team; continuous delivery from merge to canary in 20 minutes\n- Wrote the "
    "Python SDK for our machine learning platform and added model observability dashboards\n",
]
examples_fail = [
    "Built sales dashboards in Tableau for the regional managers",
    "Wrote the quarterly forecasting model in R for finance",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Data "
    "Analyst — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Owned model "
    "deployment for 40 models on Kubernetes, released through GitLab CI\n- Built the production "
    "ML infrastructure in Python, with drift detection on every model\n",
]


def _best(ctx: SignalContext, found: list[Unit]) -> Unit:
    """The matching piece most likely to have been noticed (page order breaks ties)."""
    return max(found, key=lambda u: (ctx.skim.p(u.ids), -found.index(u)))


def _title_findings(ctx: SignalContext) -> list[Finding]:
    resume, req = ctx.resume, ctx.requisition
    current = current_role(resume, ctx.as_of)
    if current is None or not req.titles:
        return []
    role = resume.roles[current]
    wanted = ", ".join(t.name for t in req.titles)
    said = title_match(role.title, req) if role.title else None
    level, needed = title_level(role.title or ""), required_level(req.seniority)
    if said is not None and level <= needed - LEVEL_GAP:
        return [Finding(
            NAME, NEGATIVE, TITLE_STRENGTH["main"], tuple(role.title_spans),
            f"Your current title '{role.title}' reads as {LEVEL_NAMES[level]} level; this job "
            f"is {req.seniority}: a skimmer reads the level before the field.",
            "If your work is above your title, say so in its first bullet with scope and "
            "numbers (what you owned, for how many people or systems); do not change the title.",
        )]
    if said is not None:
        which = "main" if said.main else "alias"
        return [Finding(NAME, POSITIVE, TITLE_STRENGTH[which], tuple(role.title_spans),
                        f"Your current title '{role.title}' says what this job is called"
                        + ("." if said.main else f" (as '{said.term.name}' or near it)."))]
    headline = resume.headline
    if headline and title_matches(headline.text, req):
        return [Finding(NAME, POSITIVE, 0.5, tuple(headline.span_ids),
                        f"Your headline '{quote(headline.text, 60)}' uses this job's title.")]
    shown = role.title or "no title"
    if _does_the_work(ctx, current):
        fix = (f"Where it is true, mirror their wording: '{shown}' → '{shown} "
               f"({req.titles[0].name} work)', or a headline under your name such as "
               f"'{req.titles[0].name} — <what you own>'.")
    else:  # another career: relabelling the title would misstate it
        fix = (f"Keep your title. If you have done {req.titles[0].name} work, put the role or "
               "project where you did it first, with the job's own words for what you did.")
    return [Finding(
        NAME, NEGATIVE, 0.6, tuple(role.title_spans),
        f"Your current title ('{shown}') is not one this job uses ({wanted}): a skimmer may "
        "not connect the two.", fix,
    )]


def _does_the_work(ctx: SignalContext, role_index: int) -> bool:
    """Whether the role's own lines name at least half the job's must-haves: then its title
    undersells it; otherwise the title is honest and belongs to another line of work."""
    must = ctx.requisition.must_have
    hits = term_hits(ctx.resume, ctx.requisition)
    done = [t for t in must if any(u.role == role_index for u in hits.get(t, ()))]
    return bool(must) and len(done) * 2 >= len(must)


def detect(ctx: SignalContext) -> list[Finding]:
    """The title first, then each must-have (found or missing), then nice-to-haves found."""
    req = ctx.requisition
    hits = term_hits(ctx.resume, req)
    findings = _title_findings(ctx)
    for group, terms in (("must", req.must_have), ("nice", req.nice_to_have)):
        for term in terms:
            found = hits.get(term)
            if found:
                best = _best(ctx, found)
                findings.append(Finding(
                    NAME, POSITIVE, STRENGTH[group], best.ids,
                    f"Says '{term.name}' in the job's terms: '{quote(best.text, 60)}'.",
                    must_have=term.name if group == "must" else "",
                ))
            elif group == "must":
                findings.append(Finding(
                    NAME, NEGATIVE, STRENGTH[group], where_to_look(ctx.resume, ctx.as_of),
                    f"'{term.name}' is a must-have for this job and is not on the page in any "
                    "wording a skimmer would recognise.",
                    f"If you have it, name it where you used it, in the job's words: a bullet "
                    f"in your current role such as '<verb> {term.name} for <whom>: <result>'.",
                    absence=True,
                    must_have=term.name,
                ))
    return findings
