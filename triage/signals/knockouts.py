"""Knockouts: the requisition's screening questions, answered from the applicant or the resume.

An ATS asks yes/no and minimum questions (work authorisation and sponsorship, location or
relocation, years of experience, degree, licence or certification, language) and rejects or tags
on the answer. A failed knockout means "no" whatever else is on the page; one the resume does not
answer means the recruiter has to ask, so the answer belongs where it is seen first.
"""

from __future__ import annotations

from triage.findings import NEGATIVE, POSITIVE, Finding, SignalContext
from triage.knockouts import FAIL, PASS

NAME = "knockouts"
TITLE = "Knockouts"

examples_pass = [
    "EU citizen; authorised to work in Germany without sponsorship",
    "Authorized to work in the EU with no visa sponsorship needed",
    "# Alex Morgan\nalex.morgan@example.com | Munich, Germany | German citizen\n\n## Experience"
    "\n\n### Senior MLOps Engineer — Acme Analytics\nJan 2020 – Present | Munich, Germany\n\n"
    "- Built the model registry and release checks\n",
]
examples_fail = [
    "Will require visa sponsorship to work in Germany",
    "# Alex Morgan\nalex.morgan@example.com | Austin, TX\n\n## Experience\n\n### MLOps "
    "Engineer — Acme Analytics\nJan 2024 – Present | Austin, TX\n\n- Built the model registry "
    "and release checks\n",
    "Built the model registry and release checks",
]


def detect(ctx: SignalContext) -> list[Finding]:
    """One finding per knockout result, in the requisition's order."""
    kinds = {k.id: k.kind for k in ctx.requisition.knockouts}
    contact = tuple(ctx.resume.contact.name_spans + ctx.resume.contact.contact_spans)
    findings = []
    for result in ctx.knockouts:
        if result.status == PASS:
            findings.append(Finding(
                NAME, POSITIVE, 0.2, result.evidence_spans,
                f"Answers '{result.question}' ({result.evidence}).",
            ))
        elif result.status == FAIL:
            findings.append(Finding(
                NAME, NEGATIVE, 1.0, result.evidence_spans,
                f"Fails a hard requirement — {result.question} ({result.evidence}).",
                "If this is out of date or wrong, correct it where it is stated and answer the "
                f"question directly under your name: '{result.question}' — otherwise this "
                "requirement rules the application out whatever else is on the page.",
            ))
        else:
            place = ("in one short line under your contact details"
                     if kinds.get(result.id) in ("yes_no", "location")
                     else "where the recruiter looks first (the summary or the role it comes from)")
            findings.append(Finding(
                NAME, NEGATIVE, 0.5, result.evidence_spans or contact,
                f"The resume does not answer this; ask: {result.question} ({result.evidence}).",
                f"Answer it {place}, so a screener does not have to ask: {result.question}",
            ))
    return findings
