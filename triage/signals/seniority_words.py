"""Seniority words: what a bullet's first words say about who did the work.

Recruiters read the first two or three words of a bullet and little else. "Owned", "led",
"drove", "launched", "built" read as senior — when true; "helped with", "supported", "assisted",
"worked on", "responsible for" read as junior, because they say you were near the work rather
than what you owned. The opening is read after glyphs, pronouns ("I") and fillers ("was").
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._levels import inflated
from triage.signals._text import (
    bullets,
    current_role,
    is_ownership,
    quote,
    rewrite_opening,
    role_label,
    strength_for_role,
    weak_opening,
)

NAME = "seniority_words"
TITLE = "Seniority words"

examples_pass = [
    "Owned model deployment for the fraud team, from packaging to rollback",
    "Led the move of batch scoring onto Kubernetes",
    "Drove adoption of a shared feature store across four product teams",
    "Built the CI pipeline that tests every model before release",
    "Launched the first real-time inference service for search ranking",
]
examples_fail = [
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Head of AI"
    " — Quantloom (2-person start-up)\nJan 2025 – Jun 2025 | Berlin, Germany\n\n- Built the "
    "first prototype\n\n### MLOps Engineer — Acme Analytics\nJan 2020 – Dec 2024 | Berlin\n\n"
    "- Built the model registry\n",
    "Helped with model deployment for the fraud team",
    "Assisted the platform team in migrating training jobs to Kubernetes",
    "Worked on the monitoring dashboards for production models",
    "I supported data scientists with deploying their models",
    "Was involved in the rollout of the new feature store",
    "Participating in on-call rotation for the inference service",
]


def detect(ctx: SignalContext) -> list[Finding]:
    """Weak openings, one finding each; ownership openings, one finding per role."""
    resume = ctx.resume
    current = current_role(resume, ctx.as_of)
    findings: list[Finding] = []
    owned: dict[int, list[str]] = {}
    for unit in bullets(resume):
        weak = weak_opening(unit.text)
        if weak is not None:
            rewritten = rewrite_opening(weak)
            findings.append(Finding(
                NAME, NEGATIVE, strength_for_role(unit.role, current), unit.opening_ids,
                f"'{weak.head}' reads as junior: it says you were near the work, not what "
                "you owned.",
                f"'{quote(unit.text)}' → '{quote(rewritten)}: <what changed, by how much>' — "
                "if you owned it; if you owned only a part, name that part and lead with it.",
            ))
        elif unit.role is not None and is_ownership(unit.text):
            owned.setdefault(unit.role, []).extend(unit.opening_ids)
    findings += _inflated_titles(ctx, current)
    for role_index, ids in sorted(owned.items()):
        total = sum(1 for u in bullets(resume) if u.role == role_index)
        role = resume.roles[role_index]
        share = len(ids) / max(total, 1)
        findings.append(Finding(
            NAME, POSITIVE, round(strength_for_role(role_index, current) * share, 3), tuple(ids),
            f"{len(ids)} of {total} bullets in {role_label(role)} open with what you owned.",
        ))
    return findings


def _inflated_titles(ctx: SignalContext, current: int | None) -> list[Finding]:
    """A head or C-level title held briefly or at a tiny employer, in the last two roles."""
    if current is None:
        return []
    findings = []
    for index in (current, current + 1):
        if index >= len(ctx.resume.roles):
            break
        role = ctx.resume.roles[index]
        said = " ".join([role.company or "", *role.bullets])
        why = inflated(role, said, ctx.as_of)
        if why:
            findings.append(Finding(
                NAME, NEGATIVE, strength_for_role(index, current), tuple(role.title_spans),
                f"'{role.title}' ({why}) reads as a title, not a level: a recruiter discounts "
                "it.",
                "Keep the title, and put the scale beside it so it reads as honest: "
                f"'{role.title} (team of <n>, <months> months)' — then lead with what you built.",
            ))
    return findings
