"""Fit a screener profile (yes/no thresholds and signal weights) to a team's consensus.

The skim is the expensive part of scoring and neither the weights nor the thresholds change it,
so each (resume, requisition, budget) is run through the pipeline once and reduced to a `Case`:
every finding's signal, signed strength, chance of being noticed and evidence places, plus what
the must-have and knockout gates decided. `Case.label(profile)` then replays `decide()` exactly
(tests hold the two equal) for any weights and thresholds in microseconds.

The fit itself: the contributions are linear in the weights except for one rule, a place on the
page is penalised once (`_charged_once`), whose outcome depends on which penalty is costliest.
Holding that outcome at the current weights makes the score a matrix product, so scipy's
differential evolution (seeded) can try whole populations at once; the outcome is recomputed at
the new weights and the fit repeated, up to `ROUNDS` times, until it no longer changes. For each
candidate set of weights the thresholds are not searched but solved: every (no, yes) pair on a
grid is scored at once by counting.

The objective is quadratic-weighted kappa with the consensus (non-smooth, hence a derivative-free
global optimiser) minus a pull toward the base profile: the mean absolute change per parameter,
weights in weight units and thresholds in raw-score units (score_scale x logit), so a threshold
that moves every resume is charged like a weight that moves some. Absolute (L1) rather than
squared: a planted change to one weight is found as one change, not spread thinly over all of
them, and "what changed" stays a short list. Its strength is chosen by grouped cross-validation
on the training split; it keeps a small team from bending every weight. Finally the thresholds
are solved exactly at the middle of the gap between neighbouring training scores (the largest
margin); `threshold_ranges` says how wide that gap is, which is how precisely the data pins
each threshold down.

Not fitted: the budget (a new budget means a new skim for every resume; fit once per budget
preset and compare the held-out kappas if wanted), the salience weights (same reason), and the
score scale (it only rescales the weights: fixing it keeps the fit identifiable).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import differential_evolution
from sklearn.model_selection import GroupKFold, GroupShuffleSplit

from triage.calibration.agreement import (
    LABELS,
    ORDINAL,
    Estimate,
    kappa_from_confusion,
    team_agreement,
    team_consensus,
    versus_simulator,
)
from triage.findings import POSITIVE
from triage.knockouts import FAIL
from triage.pipeline import Triage
from triage.report import signal_title
from triage.requisition import Profile, profile_from_dict, profile_to_toml, toml_value
from triage.verdict import knockout_reached, missing_must_haves

K = len(LABELS)
NO, MAYBE, YES = (ORDINAL[v] for v in ("no", "maybe", "yes"))
WEIGHT_BOUNDS = (0.0, 3.0)  # a weight may fall to nothing or rise to 2.5x the largest default
THRESHOLD_BOUNDS = (0.05, 0.95)  # a screener who never says yes (or no) is not fitted to one
PENALTIES = (0.003, 0.03, 0.3)  # pull strengths (toward the base profile) tried by cross-validation
HELD_OUT = 0.3  # share of resume groups kept out of the fit to measure it
FOLDS = 3  # cross-validation folds (grouped) inside the training split
SEED = 0
POPSIZE = 8  # differential evolution: population = POPSIZE x number of parameters
MAXITER = 40  # differential evolution generations per round
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)  # tried while fitting the weights
PULL_POWER = 1  # 1: absolute (L1) pull toward the base profile; 2 would be squared (L2)
THRESHOLD_TIE = 1e-4  # the least pull on the thresholds: breaks ties toward the base ones
INIT_SPREAD = 0.25  # the initial population: the base weights plus this much Gaussian spread
DE_TOL = 1e-6  # run the generations out: the pull is far smaller than the default tolerance
ROUNDS = 3  # re-linearisations of the charged-once rule (it settles in one or two here)
N_BOOT = 1000  # bootstrap draws for the held-out intervals
CHANGE_WEIGHT = 0.1  # a weight change smaller than this is not reported in words
CHANGE_THRESHOLD = 0.01  # nor a threshold change smaller than this


# ---------------------------------------------------------------- cases: one skim, reduced


@dataclass(frozen=True)
class Item:
    """One finding as the verdict uses it: contribution = weight x signed x p."""

    signal: str
    signed: float  # +strength for a positive finding, -strength for a negative one
    p: float  # chance its evidence was noticed within the budget
    evidence: frozenset[str]
    chargeable: bool  # may be zeroed by the charged-once rule (not an absence, has places)


@dataclass(frozen=True)
class Case:
    """A resume skimmed against one requisition at one budget, reduced to what `decide()`
    needs once the skim is fixed. `label()` and `score()` replay it for any profile."""

    resume: str
    items: tuple[Item, ...]
    must_missing: float  # share of must-haves seen to be missing (the must-have gate)
    force_no: bool  # a rejecting finding or a failed knockout the skim reached
    hold: bool  # a knockout holds a yes at maybe

    def contributions(self, weights: Mapping[str, float], cap: float) -> list[float]:
        """Each item's contribution after the charged-once and cap rules (as `decide()`)."""
        out = [0.0 if zero else weights.get(it.signal, 0.0) * it.signed * it.p
               for it, zero in zip(self.items, self.zeroed(weights), strict=True)]
        for signal in {it.signal for it in self.items}:
            limit = cap * weights.get(signal, 0.0)
            for sign in (1.0, -1.0):
                mine = [i for i, it in enumerate(self.items)
                        if it.signal == signal and out[i] * sign > 0]
                total = sum(abs(out[i]) for i in mine)
                if total > limit > 0:
                    for i in mine:
                        out[i] = out[i] * limit / total
        return out

    def score(self, profile: Profile) -> float:
        raw = sum(self.contributions(profile.signal_weights, profile.signal_cap))
        return 1.0 / (1.0 + math.exp(-raw / profile.score_scale))

    def label(self, profile: Profile) -> str:
        """The verdict `decide()` gives this skim under `profile` (weights, thresholds, gates)."""
        s = self.score(profile)
        label = YES if s >= profile.yes_threshold else NO if s < profile.no_threshold else MAYBE
        return LABELS[_gated(np.array([label]), *_gates([self], profile))[0]]

    def zeroed(self, weights: Mapping[str, float]) -> tuple[bool, ...]:
        """Which items the charged-once rule zeroes at these weights (the only part of the
        score that is not linear in the weights)."""
        out = [weights.get(it.signal, 0.0) * it.signed * it.p for it in self.items]
        charged: set[str] = set()
        zero = [False] * len(out)
        for i in sorted(range(len(out)), key=lambda i: out[i]):
            if out[i] >= 0 or not self.items[i].chargeable:
                continue
            if charged & self.items[i].evidence:
                zero[i] = True
            else:
                charged.update(self.items[i].evidence)
        return tuple(zero)


def case_from_triage(resume: str, triage: Triage) -> Case:
    """Reduce one pipeline run to a Case (the weights and thresholds it was run with do not
    matter: the skim, findings and knockouts do not depend on them; what a detected injection
    does, its profile's `injection_verdict`, is kept as a gate)."""
    scored = triage.verdict.scored
    items = tuple(Item(s.finding.signal,
                       (1.0 if s.finding.polarity == POSITIVE else -1.0) * s.finding.strength,
                       s.p_noticed, frozenset(s.finding.evidence),
                       not s.finding.absence and bool(s.finding.evidence)) for s in scored)
    share, _ = missing_must_haves(scored)
    failing = [k for k in triage.knockouts if k.status == FAIL]
    failed = any(knockout_reached(k, triage.skim) for k in failing)
    hold = (any(not knockout_reached(k, triage.skim) for k in failing)
            or any(k.holds_at_maybe for k in triage.knockouts))
    # A rejection forces "no" or holds at "maybe" as the profile it ran with says.
    rejects = any(s.finding.rejects for s in scored)
    on_injection = triage.profile.injection_verdict
    return Case(resume, items, share, (rejects and on_injection == "no") or failed,
                hold or (rejects and on_injection == "maybe"))


def _gates(cases: Sequence[Case], profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    """Per case: whether a gate forces "no" and whether one holds a yes at "maybe"."""
    force_no = np.array([c.force_no or c.must_missing > profile.missing_must_haves_for_no
                         for c in cases], dtype=bool)
    cap = np.array([c.hold or c.must_missing > profile.missing_must_haves_for_maybe
                    for c in cases], dtype=bool)
    return force_no, cap


def _gated(labels: np.ndarray, force_no: np.ndarray, cap_maybe: np.ndarray) -> np.ndarray:
    """The gates after the thresholds: must-haves and knockouts, as in `decide()`."""
    if labels.ndim > force_no.ndim:
        force_no, cap_maybe = force_no[:, None], cap_maybe[:, None]
    labels = np.where(cap_maybe, np.minimum(labels, MAYBE), labels)
    return np.where(force_no, NO, labels)


# ---------------------------------------------------------------- the linear form


@dataclass
class _Linear:
    """The cases as a matrix: raw score = design @ weights, with the charged-once outcome held
    at the weights it was built for."""

    cases: Sequence[Case]
    base: Profile
    signals: tuple[str, ...]
    force_no: np.ndarray = field(init=False)
    cap_maybe: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.force_no, self.cap_maybe = _gates(self.cases, self.base)

    def design(self, weights: Mapping[str, float]) -> tuple[np.ndarray, tuple]:
        cap = self.base.signal_cap
        column = {s: j for j, s in enumerate(self.signals)}
        rows = np.zeros((len(self.cases), len(self.signals)))
        pattern = []
        for r, case in enumerate(self.cases):
            zero = case.zeroed(weights)
            pattern.append(zero)
            pos, neg = np.zeros(len(self.signals)), np.zeros(len(self.signals))
            for it, z in zip(case.items, zero, strict=True):
                if it.signal not in column or z:
                    continue
                target = pos if it.signed > 0 else neg
                target[column[it.signal]] += abs(it.signed) * it.p
            rows[r] = np.minimum(pos, cap) - np.minimum(neg, cap)
        return rows, tuple(pattern)

    def labels(self, design: np.ndarray, weights: np.ndarray, yes: np.ndarray,
               no: np.ndarray) -> np.ndarray:
        """Labels for a population of parameter sets (weights: signals x S)."""
        raw = design @ weights
        score = 1.0 / (1.0 + np.exp(-raw / self.base.score_scale))
        label = np.where(score >= yes, YES, np.where(score < no, NO, MAYBE))
        return _gated(label, self.force_no, self.cap_maybe)


def _kappas(truth: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """Quadratic kappa of truth (n,) against each column of predicted (n, S)."""
    s = predicted.shape[1]
    index = (truth[:, None] * K + predicted + K * K * np.arange(s)[None, :]).ravel()
    confusion = np.bincount(index, minlength=s * K * K).reshape(s, K * K)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(kappa_from_confusion(confusion), nan=0.0)


def _fitted_signals(cases: Sequence[Case], base: Profile) -> tuple[str, ...]:
    present = {it.signal for c in cases for it in c.items}
    return tuple(s for s in base.signal_weights if s in present and base.signal_weights[s] > 0)


def _pull(change: np.ndarray) -> np.ndarray:
    """The pull toward the base profile for each parameter's change (summed over parameters
    and divided by their number, times the penalty, it is added to minus kappa)."""
    return np.abs(change) ** PULL_POWER


def _raw(threshold: np.ndarray, profile: Profile) -> np.ndarray:
    """A threshold in raw-score units (what the weighted evidence must add up to)."""
    t = np.clip(threshold, 1e-6, 1 - 1e-6)
    return profile.score_scale * np.log(t / (1 - t))


def _best_thresholds(scores: np.ndarray, truth: np.ndarray, force_no: np.ndarray,
                     cap: np.ndarray, candidates: np.ndarray, base: Profile,
                     penalty: float = 0.0, n_params: int = 1) -> tuple[float, float, float]:
    """The (kappa, no, yes) thresholds among `candidates` that agree best with `truth` for
    fixed scores, by counting: every (no, yes) pair's confusion matrix comes from cumulative
    counts, so all pairs cost one array operation. Equal kappas go to the pair nearest the
    base thresholds (a tie-breaker far smaller than any one label's worth of kappa)."""
    g = len(candidates)
    below = np.searchsorted(candidates, scores, side="right")  # thresholds a score reaches
    free, capped = ~force_no & ~cap, ~force_no & cap

    def under(mask: np.ndarray) -> np.ndarray:
        """[t, i]: cases in `mask` with truth t and a score under candidate i."""
        counts = np.zeros((K, g + 1))
        np.add.at(counts, (truth[mask], below[mask]), 1.0)
        return np.cumsum(counts, axis=1)[:, :g]

    # Quadratic kappa = 1 - D / E, both linear in the predicted counts: D (observed weighted
    # disagreement) and E (expected under chance) split into a part that moves with the no
    # threshold (i) and one that moves with the yes threshold (j), so every pair is a sum.
    truths = np.bincount(truth, minlength=K).astype(float)
    n = truths.sum()
    d = (np.subtract.outer(np.arange(K), np.arange(K)) ** 2 / (K - 1) ** 2)  # [t, p]
    f_under = under(free)
    said_no = f_under + under(capped) + np.bincount(truth[force_no], minlength=K)[:, None]
    said_yes = np.bincount(truth[free], minlength=K)[:, None] - f_under  # [t, j]
    observed = (((d[:, NO] - d[:, MAYBE])[:, None] * said_no).sum(0)[:, None]
                + ((d[:, YES] - d[:, MAYBE])[:, None] * said_yes).sum(0)[None, :]
                + (d[:, MAYBE] * truths).sum())
    chance = truths @ d  # [p]: expected disagreement per case predicted p
    expected = ((chance[NO] - chance[MAYBE]) * said_no.sum(0)[:, None]
                + (chance[YES] - chance[MAYBE]) * said_yes.sum(0)[None, :]
                + chance[MAYBE] * n) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        kappa = np.nan_to_num(1.0 - observed / expected, nan=0.0)
    raw = _raw(candidates, base)
    pull = (_pull(raw - _raw(np.array(base.no_threshold), base))[:, None]
            + _pull(raw - _raw(np.array(base.yes_threshold), base))[None, :]) / n_params
    value = np.where(np.triu(np.ones((g, g), dtype=bool)),
                     kappa - max(penalty, THRESHOLD_TIE) * pull, -np.inf)
    i, j = np.unravel_index(np.argmax(value), value.shape)
    return float(kappa[i, j]), float(candidates[i]), float(candidates[j])


def _gaps(scores: np.ndarray, base: Profile) -> np.ndarray:
    """Candidate thresholds for exact scores: the middle of every gap between neighbouring
    scores (so a threshold sits as far from both as it can), and the base thresholds."""
    s = np.unique(scores)
    middles = (s[1:] + s[:-1]) / 2
    inside = middles[(middles >= THRESHOLD_BOUNDS[0]) & (middles <= THRESHOLD_BOUNDS[1])]
    return np.unique(np.concatenate([inside, [base.no_threshold, base.yes_threshold]]))


def _fit(cases: Sequence[Case], truth: np.ndarray, base: Profile, penalty: float,
         seed: int, maxiter: int, popsize: int) -> Profile:
    """One fit on one set of cases: weights by differential evolution, each candidate scored
    with its best thresholds on a grid; then the thresholds exactly, at gap middles. The
    initial population is the base weights and a Gaussian cloud around them."""
    signals = _fitted_signals(cases, base)
    linear = _Linear(cases, base, signals)
    w0 = np.array([base.signal_weights[s] for s in signals])
    n_params = len(signals) + 2
    current = w0.copy()
    rng = np.random.default_rng(seed)
    seen: set[tuple] = set()
    for _ in range(ROUNDS):
        weights = dict(base.signal_weights) | dict(zip(signals, current, strict=True))
        design, pattern = linear.design(weights)
        if pattern in seen:
            break
        seen.add(pattern)

        def objective(x: np.ndarray, design: np.ndarray = design) -> np.ndarray:
            x = x.reshape(len(signals), -1)
            scores = 1.0 / (1.0 + np.exp(-(design @ x) / base.score_scale))
            fits = [_best_thresholds(scores[:, k], truth, linear.force_no, linear.cap_maybe,
                                     THRESHOLD_GRID, base, penalty, n_params)[0]
                    for k in range(x.shape[1])]
            return -np.array(fits) + penalty * _pull(x - w0[:, None]).sum(axis=0) / n_params

        size = popsize * len(signals)
        start = np.clip(current + rng.normal(0.0, INIT_SPREAD, (size, len(signals))),
                        *WEIGHT_BOUNDS)
        start[0] = current
        result = differential_evolution(objective, [WEIGHT_BOUNDS] * len(signals), seed=seed,
                                        maxiter=maxiter, init=start, polish=False,
                                        tol=DE_TOL, vectorized=True, updating="deferred")
        current = result.x
    weights = dict(base.signal_weights) | {s: round(float(v), 3)
                                           for s, v in zip(signals, current, strict=True)}
    fitted = replace(base, signal_weights=weights)
    scores = np.array([c.score(fitted) for c in cases])
    _, no, yes = _best_thresholds(scores, truth, linear.force_no, linear.cap_maybe,
                                  _gaps(scores, base), base, penalty, n_params)
    return replace(fitted, no_threshold=round(no, 4), yes_threshold=round(yes, 4))


def threshold_ranges(cases: Sequence[Case], profile: Profile) -> dict[str, tuple[float, float]]:
    """How far each threshold could move without changing a label on `cases`: the gap between
    the scores on either side of it (only cases the threshold decides count). The data cannot
    tell thresholds inside one gap apart; a wide gap says more resumes scoring there are needed."""
    scores = np.array([c.score(profile) for c in cases])
    force_no, cap = _gates(cases, profile)

    def gap(threshold: float, mask: np.ndarray) -> tuple[float, float]:
        s = scores[mask]
        below, above = s[s < threshold], s[s >= threshold]
        return (float(below.max()) if len(below) else 0.0,
                float(above.min()) if len(above) else 1.0)

    return {"yes_threshold": gap(profile.yes_threshold, ~force_no & ~cap),
            "no_threshold": gap(profile.no_threshold, ~force_no)}


# ---------------------------------------------------------------- the public fit


@dataclass(frozen=True)
class FitResult:
    """A fitted profile and how well it does on resumes it was not fitted to."""

    profile: Profile
    base: Profile
    held_out_kappa: Estimate  # fitted simulator vs the team's consensus, held-out resumes
    base_kappa: Estimate  # the base profile, same resumes
    team_kappa: Estimate  # the team's own mean pairwise kappa, same resumes
    train_kappa: float
    threshold_ranges: dict[str, tuple[float, float]]  # what the training scores pin down
    penalty: float
    cv_kappa: dict[float, float]  # penalty -> mean cross-validated kappa
    train: tuple[str, ...]
    held_out: tuple[str, ...]
    changes: tuple[str, ...]
    provenance: dict[str, Any]


def labels_hash(labels: pd.DataFrame) -> str:
    """A content hash of the label table (row order does not matter), for provenance."""
    columns = [c for c in ("resume", "screener", "verdict", "round", "repeat")
               if c in labels.columns]
    text = labels[columns].astype(str).sort_values(columns).to_csv(index=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _profile_labels(cases: Sequence[Case], profile: Profile) -> pd.Series:
    return pd.Series({c.resume: c.label(profile) for c in cases}, dtype=object)


def fit_profile(cases: Sequence[Case], labels: pd.DataFrame, base: Profile | None = None,
                groups: Mapping[str, str] | None = None, *, held_out: float = HELD_OUT,
                penalties: Sequence[float] = PENALTIES, folds: int = FOLDS, seed: int = SEED,
                maxiter: int = MAXITER, popsize: int = POPSIZE, n_boot: int = N_BOOT,
                name: str = "team", date: str | None = None) -> FitResult:
    """Fit `base` (default profile if None) to the consensus of `labels` over `cases`.

    `groups` maps a resume id to a group kept whole on one side of every split (the same
    person's resume in four formats, say): without it each resume is its own group. The held-out
    share is split off first; the pull strength is chosen by grouped `folds`-fold cross-validation
    on the rest (skipped when one penalty is given); the final fit uses the whole training split.
    """
    base = base or Profile()
    consensus = team_consensus(labels)
    cases = [c for c in cases if c.resume in consensus.index]
    if not cases:
        raise ValueError("no labelled resume has a case: the ids in labels.resume and the cases "
                         "do not meet")
    truth = np.array([ORDINAL[consensus[c.resume]] for c in cases])
    group = np.array([(groups or {}).get(c.resume, c.resume) for c in cases])
    if held_out > 0:
        splitter = GroupShuffleSplit(n_splits=1, test_size=held_out, random_state=seed)
        train_i, test_i = next(splitter.split(truth, groups=group))
    else:  # fit on everything (after the held-out figures have been seen), nothing to report
        train_i, test_i = np.arange(len(cases)), np.arange(0)
    train = [cases[i] for i in train_i]

    def fit_on(idx: np.ndarray, penalty: float) -> Profile:
        return _fit([cases[i] for i in idx], truth[idx], base, penalty, seed, maxiter, popsize)

    cv: dict[float, float] = {}
    if len(penalties) > 1:
        for penalty in penalties:
            scores = []
            for fit_i, val_i in GroupKFold(n_splits=folds).split(train_i, groups=group[train_i]):
                profile = fit_on(train_i[fit_i], penalty)
                predicted = np.array([ORDINAL[cases[i].label(profile)] for i in train_i[val_i]])
                scores.append(_kappas(truth[train_i[val_i]], predicted[:, None])[0])
            cv[penalty] = float(np.mean(scores))
        best = max(cv.values())
        penalty = max(p for p, v in cv.items() if v >= best - 1e-9)  # ties: the stronger pull
    else:
        penalty = float(penalties[0])
    profile = replace(fit_on(train_i, penalty), name=name)

    train_pred = np.array([ORDINAL[c.label(profile)] for c in train])
    test_ids = sorted({cases[i].resume for i in test_i})
    test_labels = labels[labels["resume"].astype(str).isin(test_ids)]
    test_cases = [cases[i] for i in test_i]
    none = Estimate(float("nan"), float("nan"), float("nan"), 0)
    fitted_k, base_k, team_k = none, none, none
    if test_cases:
        fitted_k = versus_simulator(test_labels, _profile_labels(test_cases, profile), n_boot,
                                    seed)[-1].kappa
        base_k = versus_simulator(test_labels, _profile_labels(test_cases, base), n_boot,
                                  seed)[-1].kappa
        team_k = team_agreement(test_labels, n_boot, seed).mean_pairwise
    result = FitResult(
        profile=profile, base=base, held_out_kappa=fitted_k, base_kappa=base_k, team_kappa=team_k,
        train_kappa=float(_kappas(truth[train_i], train_pred[:, None])[0]),
        threshold_ranges=threshold_ranges(train, profile), penalty=penalty, cv_kappa=cv,
        train=tuple(sorted({c.resume for c in train})),
        held_out=tuple(test_ids), changes=tuple(describe_changes(base, profile)), provenance={},
    )
    screeners = sorted(labels["screener"].astype(str).unique())
    provenance = {
        "data_hash": labels_hash(labels),
        "date": date or dt.date.today().isoformat(),
        "n_resumes": int(labels["resume"].nunique()),
        "n_labels": len(labels),
        "screeners": screeners,
        "base_profile": base.name,
        "fitted": ["yes_threshold", "no_threshold", "signal_weights"],
        "n_train": len(result.train),
        "n_held_out": len(result.held_out),
        "held_out_kappa": round(result.held_out_kappa.value, 4),
        "base_kappa": round(result.base_kappa.value, 4),
        "team_kappa": round(result.team_kappa.value, 4),
        "penalty": penalty,
        "seed": seed,
    }
    return replace(result, provenance=provenance)


# ---------------------------------------------------------------- in words, and on disk


def describe_changes(base: Profile, fitted: Profile) -> list[str]:
    """What the fit changed against `base`, in plain words, largest change first."""
    out: list[tuple[float, str]] = []
    yes_a, yes_b = base.yes_threshold, fitted.yes_threshold
    if abs(yes_b - yes_a) >= CHANGE_THRESHOLD:
        words = "Asks for a higher score before yes" if yes_b > yes_a else "Says yes sooner"
        out.append((abs(yes_b - yes_a), f"{words}: {yes_a:.2f} → {yes_b:.2f}"))
    no_a, no_b = base.no_threshold, fitted.no_threshold
    if abs(no_b - no_a) >= CHANGE_THRESHOLD:
        words = "Says no more readily" if no_b > no_a else "Says no less readily"
        out.append((abs(no_b - no_a), f"{words}: no below {no_a:.2f} → below {no_b:.2f}"))
    for signal, before in base.signal_weights.items():
        after = fitted.signal_weights.get(signal, before)
        if abs(after - before) < CHANGE_WEIGHT:
            continue
        title = signal_title(signal).lower()
        words = (f"Ignores {title}" if after < CHANGE_WEIGHT else
                 f"Counts {title} {'more' if after > before else 'less'}")
        out.append((abs(after - before) / max(before, 1.0),
                    f"{words}: weight {before:.1f} → {after:.1f}"))
    if not out:
        return ["No change worth a word: the team's bar matches the base profile."]
    return [text for _, text in sorted(out, key=lambda t: -t[0])]


def fitted_toml(result: FitResult) -> str:
    """The fitted profile as TOML, with a [provenance] table after the [profile] tables."""
    lines = ["# A screener profile fitted to a team's labels (triage.calibration.fit).",
             *(f"# {c}" for c in result.changes), ""]
    provenance = ["", "[provenance]"] + [f"{k} = {toml_value(v)}"
                                         for k, v in result.provenance.items()]
    return "\n".join(lines) + profile_to_toml(result.profile) + "\n".join(provenance) + "\n"


def save_profile(result: FitResult, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(fitted_toml(result), encoding="utf-8")
    return path


def load_fitted(path: str | Path) -> tuple[Profile, dict[str, Any]]:
    """A fitted profile and its provenance (until `load_profile` accepts a [provenance] table,
    this reads both)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    provenance = data.pop("provenance", {})
    return profile_from_dict(data, Path(path).name), provenance
