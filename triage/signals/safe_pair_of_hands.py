"""Safe pair of hands: evidence of running things in production, not only building them.

Hiring managers for operational roles want someone they can trust with the live system:
deployments, releases and migrations done, monitoring and alerting set up, on-call and incidents
handled, rollbacks, uptime and SLOs owned. The words differ by field (a ward's patient-safety
audits are a hospital's production), so the requisition's must-have terms count as evidence
when a bullet owns or measures them.
"""

from __future__ import annotations

import re

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._match import term_hits
from triage.signals._text import (
    Unit,
    bullets,
    current_role,
    field_words,
    is_ownership,
    lexicon,
    quote,
    result_strength,
    stems,
    strength_for_role,
    tokens,
    verb_lemma,
    where_to_look,
)
from triage.structure import Role

NAME = "safe_pair_of_hands"
TITLE = "Safe pair of hands"
RECENT_ROLES = 2  # the evidence must be in the last two roles

examples_pass = [
    "Deployed the churn model to production behind a canary release with automatic rollback",
    "Ran on-call for the inference service and wrote the runbooks for its three worst incidents",
    "Set up drift alerting and SLOs for 25 production models",
    "Migrated 40 model services from EC2 to Kubernetes with no downtime",
]
examples_fail = [
    "Tools: Kubernetes, Prometheus alerting, Argo CD rollbacks, on-call paging",
    "# Sam Lee\nsam@example.com | Berlin, Germany\n\n## Experience\n\n### Student — MLOps "
    "Bootcamp\nJan 2026 – Present | Berlin\n\n- Deployed a model to production with a canary "
    "release and monitoring\n",
    "Built sales dashboards in Tableau for the regional managers",
    "Prototyped a recommendation model in a Jupyter notebook",
    "Wrote research reports on new modelling techniques for the team",
]


TOOL_LIST = re.compile(r"^\W*(?:tools?|stack|tech(?:nologies)?|environment|skills)\s*:", re.I)
MIN_LIST_COMMAS = 3


def _a_list(unit: Unit) -> bool:
    """'Tools: Kubernetes, Prometheus, Argo' or a verbless run of names: names, not deeds."""
    words = tokens(unit.text)
    verb_first = bool(words) and verb_lemma(words[0].group(0)) is not None
    return bool(TOOL_LIST.match(unit.text)) or (
        unit.text.count(",") >= MIN_LIST_COMMAS and not verb_first)


def _learning(role: Role) -> bool:
    """A course, bootcamp or student project: nothing it ran was someone's live system."""
    text = f"{role.title or ''} {role.company or ''}"
    return bool(lexicon("learning_words.txt").find(stems(text)))


def _evidence(unit: Unit, owned_terms: set[Unit]) -> bool:
    if _a_list(unit):
        return False
    return bool(lexicon("production_words.txt").find(unit.seq)) or unit in owned_terms


def detect(ctx: SignalContext) -> list[Finding]:
    """A positive per recent role with production evidence; a negative if neither has any."""
    resume = ctx.resume
    current = current_role(resume, ctx.as_of)
    if current is None:
        return []
    recent = sorted(range(len(resume.roles)),
                    key=lambda r: (r != current, abs(r - current)))[:RECENT_ROLES]
    hits = term_hits(resume, ctx.requisition)
    owned_terms = {
        u for term in ctx.requisition.must_have for u in hits.get(term, ())
        if u.kind == "bullet" and (is_ownership(u.text) or result_strength(u.text))
    }
    findings = []
    for role_index in sorted(recent):
        if _learning(resume.roles[role_index]):
            continue
        shown = [u for u in bullets(resume)
                 if u.role == role_index and _evidence(u, owned_terms)]
        if shown:
            findings.append(Finding(
                NAME, POSITIVE, strength_for_role(role_index, current),
                tuple(i for u in shown for i in u.ids),
                f"Shows running things in production: '{quote(shown[0].text, 60)}'"
                + (f" (+{len(shown) - 1} more)" if len(shown) > 1 else "") + ".",
            ))
    if findings:
        return findings
    role_bullets = [u for u in bullets(resume) if u.role == current]
    sample = quote(role_bullets[0].text, 60) if role_bullets else "<your strongest bullet>"
    words = field_words(ctx.requisition)
    return [Finding(
        NAME, NEGATIVE, 0.7, where_to_look(resume, ctx.as_of),
        f"Nothing in your last two roles shows you running something live: {words['live']}.",
        f"If you have done it, say so in your current role: '{sample}' → {words['live_fix']}.",
        absence=True,
    )]
