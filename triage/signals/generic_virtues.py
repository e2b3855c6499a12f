"""Generic virtues: "detail-oriented", "team player", "passionate", "self-starter" with no proof.

Every resume claims these, so recruiters read them as noise, and a summary that opens with
"passionate about machine learning and solving hard problems" wastes the most-read line. What
replaces a virtue is its proof: "added data validation that caught schema breaks before
deployment" shows attention to detail. A virtue next to a measured outcome is left alone.
"""

from __future__ import annotations

import re

from triage.findings import NEGATIVE, Finding, SignalContext
from triage.signals._text import (
    current_role,
    ids_with,
    lexicon,
    quote,
    result_strength,
    strength_for_role,
    tokens,
    units,
)

NAME = "generic_virtues"
TITLE = "Generic virtues"
SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
CHECKED = ("bullet", "summary", "headline", "skills", "other")

examples_pass = [
    "Added data validation that caught schema breaks before deployment",
    "Paired with three data scientists to ship the churn model in 6 weeks",
    "Detail-oriented reviewer: added schema checks that cut bad training runs by 40%",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Summary\n\nMLOps engineer "
    "focused on getting models into production reliably; owned deployment workflows and model "
    "monitoring for 30 models.\n\n## Experience\n\n### Senior MLOps Engineer — Acme Analytics\n"
    "Jan 2022 – Present | Berlin, Germany\n\n- Built the model registry and release checks\n",
]
examples_fail = [
    "Detail-oriented team player who works well under pressure",
    "Passionate self-starter with excellent communication skills",
    "Proactive and collaborative member of the platform team",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Summary\n\nPassionate about "
    "machine learning and solving hard problems. Hard-working, results-driven fast learner.\n\n"
    "## Experience\n\n### Senior MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, "
    "Germany\n\n- Built the model registry and release checks\n",
    "# Alex Morgan\nalex.morgan@example.com | Berlin, Germany\n\n## Experience\n\n### Senior "
    "MLOps Engineer — Acme Analytics\nJan 2022 – Present | Berlin, Germany\n\n- Built the model "
    "registry and release checks\n\n## Skills\n\nPython, Kubernetes, Team player, Go-getter, "
    "Attention to detail\n",
]


def _sentence(text: str, at: int) -> str:
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text) if m.end() <= at]
    end = SENTENCE_END.search(text, at)
    return text[starts[-1] : end.end() if end else len(text)]


def detect(ctx: SignalContext) -> list[Finding]:
    """One negative per piece of text that claims virtues without proof next to them."""
    resume = ctx.resume
    current = current_role(resume, ctx.as_of)
    findings: list[Finding] = []
    for unit in units(resume):
        if unit.kind not in CHECKED:
            continue
        found = tokens(unit.text)
        claimed = []
        for hit in lexicon("virtues.txt").find(unit.seq):
            start, end = found[hit.start].start(), found[hit.end - 1].end()
            if not result_strength(_sentence(unit.text, start)):
                claimed.append(unit.text[start:end])
        if not claimed:
            continue
        listed = ", ".join(f"'{c}'" for c in dict.fromkeys(claimed))
        findings.append(Finding(
            NAME, NEGATIVE, min(1.0, 0.3 + 0.15 * len(claimed)) * strength_for_role(
                unit.role, current),
            ids_with(resume, unit, claimed[0]),
            f"{listed} — every resume says this; without proof a recruiter reads past it.",
            f"Replace '{claimed[0]}' with the thing you did that shows it: '{quote(unit.text, 60)}'"
            " → e.g. 'added <a check or process> that caught <problem> before <consequence>' "
            "or '<worked with whom> to ship <what>, <by how much>'.",
        ))
    return findings
