"""The verdict: findings weighted by whether the recruiter noticed their evidence in time.

contribution = signal weight x (+1 or -1) x strength x P(evidence noticed within the budget).
A great result in the fifth bullet of the third role counts for little in six seconds: that is
the point. score = logistic(sum of contributions / scale), thresholds from the screener profile.
A failed knockout gives "no" whatever else. An unanswered one is a question to ask; it holds a
"yes" at "maybe" only when the resume leans the other way (based elsewhere, a permit pending) or
the requisition marks it strict. Text written to manipulate an automated screener (a finding
that `rejects`) gives "no" with that reason first, unless the profile's `injection_verdict` says
"maybe" or "score"; it counts in full in the score, and nothing it says is credited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from triage.findings import NEGATIVE, POSITIVE, Finding
from triage.knockouts import FAIL, UNKNOWN, KnockoutResult
from triage.requisition import Profile
from triage.skim import Skim

YES, MAYBE, NO = "yes", "maybe", "no"
SCORE = "score"  # an injection_verdict that leaves the verdict to the score
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
    missed: tuple[Scored, ...]  # strong evidence most simulated recruiters did not reach in time
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


def _charged_once(scored: list[Scored]) -> list[Scored]:
    """A place on the page is penalised once: of the negative findings pointing at the same
    spans, only the costliest counts (a duty bullet is not also a weak opening and a
    missing result)."""
    charged: set[str] = set()
    out = list(scored)
    for i in sorted(range(len(out)), key=lambda i: out[i].contribution):
        item = out[i]
        if item.contribution >= 0 or item.finding.absence or not item.finding.evidence:
            continue
        if charged & set(item.finding.evidence):
            out[i] = replace(item, contribution=0.0)
        else:
            charged.update(item.finding.evidence)
    return out


def _capped(scored: list[Scored], profile: Profile) -> list[Scored]:
    """Each signal's positive and negative totals held within `signal_cap` times its weight,
    scaled down proportionally, so the score follows evidence, not the number of findings."""
    out = list(scored)
    for signal in {s.finding.signal for s in scored}:
        limit = profile.signal_cap * profile.signal_weights.get(signal, 0.0)
        for sign in (1.0, -1.0):
            mine = [i for i, s in enumerate(out)
                    if s.finding.signal == signal and s.contribution * sign > 0]
            total = sum(abs(out[i].contribution) for i in mine)
            if total > limit > 0:
                for i in mine:
                    out[i] = replace(out[i], contribution=out[i].contribution * limit / total)
    return out


def missing_must_haves(scored: list[Scored] | tuple[Scored, ...]) -> tuple[float, list[str]]:
    """The share of the requisition's must-haves the recruiter saw to be missing (an absence
    counts as much as its places were read), and their names."""
    items = [s for s in scored if s.finding.must_have]
    missing = [s for s in items if s.finding.polarity == NEGATIVE]
    if not items:
        return 0.0, []
    return (sum(s.p_noticed for s in missing) / len(items),
            [s.finding.must_have for s in missing])


def _uncredited(finding: Finding, planted: set[str]) -> bool:
    """A positive finding whose evidence is all text written to manipulate the screener:
    what the injection says about the candidate is never credited."""
    return (finding.polarity == POSITIVE and bool(finding.evidence)
            and all(i in planted for i in finding.evidence))


def _p(finding: Finding, skim: Skim, planted: set[str]) -> float:
    """How much a finding counts: a rejection counts in full (the screener it was written for
    reads it all, like hidden text); a positive counts for the evidence outside injections."""
    if finding.rejects:
        return 1.0
    if _uncredited(finding, planted):
        return 0.0
    if finding.polarity == POSITIVE and planted & set(finding.evidence):
        finding = replace(finding, evidence=tuple(i for i in finding.evidence
                                                  if i not in planted))
    return evidence_p(finding, skim)


def decide(findings: list[Finding], knockouts: tuple[KnockoutResult, ...], skim: Skim,
           profile: Profile) -> Verdict:
    planted = {i for f in findings if f.rejects for i in f.evidence}
    scored = []
    for finding in findings:
        weight = profile.signal_weights.get(finding.signal, 0.0)
        p = _p(finding, skim, planted)
        sign = 1.0 if finding.polarity == POSITIVE else -1.0
        scored.append(Scored(finding, p, weight, weight * sign * finding.strength * p))
    scored = _capped(_charged_once(scored), profile)
    raw = sum(s.contribution for s in scored)
    score = _logistic(raw / profile.score_scale)
    label = YES if score >= profile.yes_threshold else NO if score < profile.no_threshold else MAYBE
    label, gate = _must_have_gate(label, scored, profile)
    label, rejected, failed, held = _knockout_gate(label, scored, knockouts, skim,
                                                   profile.injection_verdict)
    reasons = rejected + gate + failed
    ranked = sorted(scored, key=lambda s: (-abs(s.contribution), s.finding.signal,
                                           s.finding.message))
    for item in ranked:
        if len(reasons) >= MAX_REASONS or item.contribution == 0:
            break
        if not (rejected and item.finding.rejects):  # already named first
            reasons.append(_reason(item))
    questions = tuple(f"Ask: {k.question} ({k.evidence})" for k in knockouts
                      if k.status == UNKNOWN)
    positives = [s for s in ranked if s.finding.polarity == POSITIVE and s.weight > 0]
    seen = tuple(s for s in positives if s.p_noticed >= SEEN_P)[:8]
    missed = tuple(
        sorted((s for s in positives if s.p_noticed < SEEN_P),
               key=lambda s: (-(s.weight * s.finding.strength), s.finding.message))
    )[:8]
    return Verdict(label, score, tuple(reasons + held), tuple(scored), seen, missed, questions)


def _must_have_gate(label: str, scored: list[Scored], profile: Profile) -> tuple[str, list[str]]:
    """Must-haves seen to be missing limit the verdict, with the reason."""
    share, missing = missing_must_haves(scored)
    if share > profile.missing_must_haves_for_no and label != NO:
        return NO, [f"Most must-haves are missing ({_names(missing)}): no"]
    if share > profile.missing_must_haves_for_maybe and label == YES:
        return MAYBE, [f"Must-haves missing ({_names(missing)}): at most 'maybe'"]
    return label, []


def _knockout_gate(label: str, scored: list[Scored], knockouts: tuple[KnockoutResult, ...],
                   skim: Skim, on_injection: str = NO
                   ) -> tuple[str, list[str], list[str], list[str]]:
    """The label after rejections and knockouts, with their reasons: a rejection (listed first),
    failed knockouts (after the must-have gate), and why a yes is held at maybe (listed last).
    `on_injection` is what a rejecting finding (an injection) does: "no", "maybe" or "score"."""
    # A failing answer the skim never reached is not known yet at this budget: it holds the
    # verdict at "maybe" (the recruiter would find it on a closer read), it does not reject.
    failed = [k for k in knockouts if k.status == FAIL and knockout_reached(k, skim)]
    unseen = [k for k in knockouts if k.status == FAIL and not knockout_reached(k, skim)]
    holding = unseen + [k for k in knockouts if k.holds_at_maybe]
    rejecting = [s.finding for s in scored if s.finding.rejects] if on_injection != SCORE else []
    rejected = []
    if rejecting and on_injection == NO:
        label, rejected = NO, [f"Rejected: {rejecting[0].message}"]
    elif rejecting and label == YES:
        label, rejected = MAYBE, [f"Held at 'maybe': {rejecting[0].message}"]
    if failed:
        return NO, rejected, [f"Knockout failed: {k.question} ({k.evidence})" for k in failed], []
    if not holding or label != YES:
        return label, rejected, [], []
    k = holding[0]
    why = (f"Held at 'maybe': the page answers '{k.question}' against the job ({k.evidence}), "
           "further down than this skim reached" if k in unseen
           else f"Held at 'maybe' until answered: {k.question} ({k.evidence})")
    return MAYBE, rejected, [], [why]


def knockout_reached(knockout: KnockoutResult, skim: Skim) -> bool:
    """Whether the skim got to the answer's place (an answer with no place on the page, such as
    the applicant's own, is known from the start)."""
    on_page = [i for i in knockout.evidence_spans if skim.index(i) is not None]
    return not on_page or skim.p(on_page) >= SEEN_P


def _names(names: list[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _reason(item: Scored) -> str:
    """A finding in plain words, with how likely the recruiter got to its place on the page."""
    if item.finding.polarity == POSITIVE:
        return f"+ {item.finding.message} (seen by {item.p_noticed:.0%} of simulated recruiters)"
    if item.p_noticed >= SEEN_P:
        return f"− {item.finding.message}"
    return f"− {item.finding.message} (reached by {item.p_noticed:.0%} of simulated recruiters)"


@dataclass(frozen=True)
class Fix:
    """One change to make, what it would be worth, and where on the page it applies."""

    signal: str
    message: str
    fix: str
    evidence: tuple[str, ...]
    gain: float  # how much the score would rise if what it fixes no longer counted against
    findings: int  # how many findings the one change answers


def ranked_fixes(verdict: Verdict, profile: Profile) -> list[Fix]:
    """The fixes checklist, worth most first: findings sharing one piece of advice are one fix,
    and each fix is ranked by the score it would gain (a finding that counted for nothing, such
    as a second penalty on the same bullet, gains nothing)."""
    raw = sum(s.contribution for s in verdict.scored)
    groups: dict[str, list[Scored]] = {}
    for item in verdict.scored:
        if item.finding.polarity == NEGATIVE and item.finding.fix:
            groups.setdefault(item.finding.fix, []).append(item)
    fixes = []
    for advice, items in groups.items():
        cost = sum(s.contribution for s in items)
        gain = _logistic((raw - cost) / profile.score_scale) - _logistic(raw / profile.score_scale)
        first = max(items, key=lambda s: -s.contribution)
        fixes.append(Fix(first.finding.signal, first.finding.message, advice,
                         tuple(dict.fromkeys(i for s in items for i in s.finding.evidence)),
                         gain, len(items)))
    return sorted(fixes, key=lambda f: (-f.gain, f.signal, f.message))


def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
