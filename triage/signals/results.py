"""Results: bullets that say what changed, by how much, for whom.

Recruiters' eyes are pulled by numbers, and a bullet with a measured outcome ("cut model release
time from two days to 40 minutes") answers the question a duty ("Responsible for deployment
pipelines", "Duties included…", "Managed X") leaves open. Results need not be money: time,
failed releases, rollback time, incidents, uptime, cloud cost, patients, tickets all count.
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.signals._text import (
    Opening,
    bullets,
    current_role,
    duty_as_means,
    lexicon,
    opening,
    quote,
    result_strength,
    role_label,
    strength_for_role,
)

NAME = "results"
TITLE = "Results"
MIN_BULLETS_FOR_ROLE_CHECK = 3

examples_pass = [
    "Cut model release time from two days to 40 minutes by standardising packaging and CI checks",
    "Reduced p95 inference latency by 35% for the checkout recommender",
    "Cut model release time by standardising packaging, CI checks and environment configs "
    "across three teams",
    "Saved €180k a year in GPU spend by moving batch scoring to spot instances",
    "Halved failed releases after adding canary checks to the deployment pipeline",
]
examples_fail = [
    "Responsible for deployment pipelines for the data science team",
    "Managed deployment pipelines",
    "Duties included monitoring model performance and retraining",
    "In charge of the model registry and release process",
    "Maintained Airflow DAGs and Kubernetes manifests",
    "Tasked with looking after the inference cluster",
]


def _duty_fix(text: str, duty: Opening) -> str:
    """Keep the duty as the means and ask for the result it produced: nothing is invented."""
    return (f"'{quote(text)}' → '<Cut or raised> <which measure> from <X> to <Y> for <whom> by "
            f"{quote(duty_as_means(duty), 60)}' — say what changed because of you, by how much, "
            "and for whom (time, failures, cost, incidents and people served all count).")


def detect(ctx: SignalContext) -> list[Finding]:
    """A positive per measured bullet; a negative per duty with no outcome; a negative when the
    current role has several bullets and not one result."""
    resume = ctx.resume
    current = current_role(resume, ctx.as_of)
    findings: list[Finding] = []
    measured_roles: set[int | None] = set()
    for unit in bullets(resume):
        strength = result_strength(unit.text)
        if strength:
            measured_roles.add(unit.role)
            findings.append(Finding(
                NAME, POSITIVE, round(strength * strength_for_role(unit.role, current), 3),
                unit.ids, f"Shows a result: '{quote(unit.text, 60)}'.",
            ))
            continue
        duty = opening(unit.text, lexicon("duty_openings.txt"))
        if duty is not None:
            findings.append(Finding(
                NAME, NEGATIVE, strength_for_role(unit.role, current), unit.ids,
                f"'{duty.head}…' describes a duty, not what changed because of you.",
                _duty_fix(unit.text, duty),
            ))
    if current is not None and current not in measured_roles:
        role = resume.roles[current]
        units = [u for u in bullets(resume) if u.role == current]
        if len(units) >= MIN_BULLETS_FOR_ROLE_CHECK:
            findings.append(Finding(
                NAME, NEGATIVE, 0.6, tuple(i for u in units for i in u.opening_ids),
                f"No bullet in your current role ({role_label(role)}) shows a measured result.",
                f"Rewrite your strongest bullet as a result: '{quote(units[0].text)}' → "
                "'<verb> <what> so that <metric> went from <X> to <Y> for <whom>'.",
            ))
    return findings
