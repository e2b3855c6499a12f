"""The verdict: findings weighted by whether the recruiter noticed their evidence in time.

contribution = signal weight x (+1 or -1) x strength x P(evidence noticed within the budget).
A great result in the fifth bullet of the third role counts for little in six seconds: that is
the point. score = logistic(sum of contributions / scale), thresholds from the screener profile.
A failed knockout gives "no" whatever else. An unanswered one is a question to ask; it holds a
"yes" at "maybe" only when the resume leans the other way (based elsewhere, a permit pending) or
the requisition marks it strict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from triage.findings import NEGATIVE, POSITIVE, Finding
from triage.knockouts import FAIL, UNKNOWN, KnockoutResult
from triage.requisition import Profile
from triage.skim import Skim

YES, MAYBE, NO = "yes", "maybe", "no"
SEEN_P = 0.5  # noticed by at least half of the simulated recruiters
MAX_REASONS = 6


@dataclass(frozen=True)
class Scored:
    """A finding with what it was worth in this skim."""

    finding: Finding
    p_noticed: float
    weight: float
    contribution: float


@dataclass(frozen=True)
class Verdict:
    label: str
    score: float
    reasons: tuple[str, ...]
    scored: tuple[Scored, ...]
    seen: tuple[Scored, ...]  # strongest evidence the recruiter saw
    missed: tuple[Scored, ...]  # strong evidence the recruiter never reached
    questions: tuple[str, ...]  # knockouts to ask about


def evidence_p(finding: Finding, skim: Skim) -> float:
    """How likely the recruiter noticed this finding's evidence within the budget.

    For an absence, the share of the places it would have been that were read (mean chance per
    place): a must-have missing from bullets nobody reached was not missed by the recruiter.
    Evidence that is not on the visible page (hidden text, an absence with nowhere to look) is
    judged as found: an ATS shows hidden keywords.
    """
    on_page = [i for i in finding.evidence if skim.index(i) is not None]
    if not on_page:
        return 1.0
    if finding.absence:
        return sum(skim.p([i]) for i in on_page) / len(on_page)
    return skim.p(on_page)


def decide(findings: list[Finding], knockouts: tuple[KnockoutResult, ...], skim: Skim,
           profile: Profile) -> Verdict:
    scored = []
    for finding in findings:
        weight = profile.signal_weights.get(finding.signal, 0.0)
        p = evidence_p(finding, skim)
        sign = 1.0 if finding.polarity == POSITIVE else -1.0
        scored.append(Scored(finding, p, weight, weight * sign * finding.strength * p))
    raw = sum(s.contribution for s in scored)
    score = 1.0 / (1.0 + math.exp(-raw / profile.score_scale))
    label = YES if score >= profile.yes_threshold else NO if score < profile.no_threshold else MAYBE
    failed = [k for k in knockouts if k.status == FAIL]
    unknown = [k for k in knockouts if k.status == UNKNOWN]
    holding = [k for k in unknown if k.holds_at_maybe]
    reasons: list[str] = []
    held = False
    if failed:
        label = NO
        reasons.extend(f"Knockout failed: {k.question} ({k.evidence})" for k in failed)
    elif holding and label == YES:
        label, held = MAYBE, True
    questions = tuple(f"Ask: {k.question} ({k.evidence})" for k in unknown)
    ranked = sorted(scored, key=lambda s: (-abs(s.contribution), s.finding.signal,
                                           s.finding.message))
    for item in ranked:
        if len(reasons) >= MAX_REASONS or item.contribution == 0:
            break
        reasons.append(_reason(item))
    if held:
        reasons.append(f"Held at 'maybe' until answered: {holding[0].question} "
                       f"({holding[0].evidence})")
    positives = [s for s in ranked if s.finding.polarity == POSITIVE and s.weight > 0]
    seen = tuple(s for s in positives if s.p_noticed >= SEEN_P)[:8]
    missed = tuple(
        sorted((s for s in positives if s.p_noticed < SEEN_P),
               key=lambda s: (-(s.weight * s.finding.strength), s.finding.message))
    )[:8]
    return Verdict(label, score, tuple(reasons), tuple(scored), seen, missed, questions)


def _reason(item: Scored) -> str:
    """A finding in plain words, with how likely the recruiter got to its place on the page."""
    if item.finding.polarity == POSITIVE:
        return f"+ {item.finding.message} (seen by {item.p_noticed:.0%} of simulated recruiters)"
    if item.p_noticed >= SEEN_P:
        return f"− {item.finding.message}"
    return f"− {item.finding.message} (reached by {item.p_noticed:.0%} of simulated recruiters)"


def negative_findings(verdict: Verdict) -> list[Scored]:
    """The fixes checklist: negative findings, most costly first."""
    return sorted((s for s in verdict.scored if s.finding.polarity == NEGATIVE),
                  key=lambda s: (s.contribution, s.finding.signal, s.finding.message))
