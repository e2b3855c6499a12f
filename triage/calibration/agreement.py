"""How far a recruiting team agrees with itself, with its consensus and with the simulator.

Screeners disagree (Kickresume's 6 recruiters reached a mean Cohen's kappa of 0.49), so a team
needs to see by how much before it can ask a simulator to match it. Everything here is a pure
function of a label table, a pandas DataFrame with one row per label:

    resume    the resume's id or content hash (the unit that is resampled)
    screener  who labelled it
    verdict   "yes", "maybe" or "no" (ordinal: no < maybe < yes)
    repeat    optional: True for a hidden repeat shown to the same screener again (test-retest)
    round     optional: kept for the caller to filter on; rounds are not compared here

A screener's *primary* label for a resume is their first row for it that is not a repeat; any
further row for the same resume and screener (flagged or not) is a repeat, and the first of them
is paired with the primary label for test-retest.

Consensus (the rule): the median of the ordinal labels (no=0, maybe=1, yes=2); a median that
falls between two labels (an even number of screeners split across them) is resolved toward
"maybe", so {no, yes} and {no, maybe} and {maybe, yes} all read "maybe". Against one screener,
the consensus leaves that screener out (their own label would pull it toward them).

Every figure carries a percentile bootstrap interval: resumes are resampled with replacement
(seeded), every figure in one report sees the same draws, and kappa is recomputed from each
draw's confusion matrix. Point values use scikit-learn's `cohen_kappa_score(weights=
"quadratic")` and the `krippendorff` package; the draws use the same formula vectorised over
all draws at once (the tests hold the two equal), which keeps 1,000 draws at a few milliseconds.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import krippendorff
import numpy as np
import pandas as pd
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import cohen_kappa_score

LABELS = ("no", "maybe", "yes")  # ordinal order, also the fixed order of every confusion matrix
ORDINAL = {label: i for i, label in enumerate(LABELS)}
MAYBE = ORDINAL["maybe"]
K = len(LABELS)
N_BOOT = 1000  # bootstrap draws
CI_LEVEL = 0.95  # two-sided percentile interval
SEED = 0
CONSENSUS = "consensus"
SIMULATOR = "simulator"
TEAM = "team consensus"  # the all-screener consensus, as a row compared with the simulator
COLUMNS = ("resume", "screener", "verdict")


@dataclass(frozen=True)
class Estimate:
    """A figure with its bootstrap interval and the number of resumes behind it."""

    value: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Comparison:
    """One rater against another: quadratic-weighted kappa, share identical, confusion.

    confusion[i][j] counts resumes `screener` labelled LABELS[i] and `versus` LABELS[j]."""

    screener: str
    versus: str
    kappa: Estimate
    identical: Estimate
    confusion: np.ndarray


@dataclass(frozen=True)
class Retest:
    """A screener against themselves on the resumes they were shown twice."""

    screener: str
    identical: Estimate
    kappa: Estimate
    confusion: np.ndarray


@dataclass(frozen=True)
class TeamAgreement:
    """The team as a whole: Krippendorff's alpha (ordinal, any number of labels per resume),
    Fleiss' kappa (resumes every screener labelled) and the mean of the pairwise kappas."""

    alpha: Estimate
    fleiss: Estimate
    mean_pairwise: Estimate
    pairs: tuple[Comparison, ...]


@dataclass(frozen=True)
class AgreementReport:
    consensus: tuple[Comparison, ...]  # each screener vs the others' consensus
    simulator: tuple[Comparison, ...]  # each screener, then the team consensus, vs the simulator
    team: TeamAgreement
    retest: tuple[Retest, ...]
    n_resumes: int
    n_labels: int
    n_boot: int


# ---------------------------------------------------------------- the label table


def ordinal(verdicts: pd.Series) -> pd.Series:
    """Verdict words as 0/1/2 (no/maybe/yes); anything else is an error naming the row."""
    words = verdicts.astype(str).str.strip().str.lower()
    bad = ~words.isin(LABELS)
    if bad.any():
        row = bad.idxmax()
        raise ValueError(f"row {row}: verdict '{verdicts[row]}' is not one of {', '.join(LABELS)}")
    return words.map(ORDINAL).astype(int)


def _checked(labels: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in labels.columns]
    if missing:
        raise ValueError(f"the label table needs columns {', '.join(COLUMNS)}; "
                         f"missing {', '.join(missing)}")
    table = labels.reset_index(drop=True).copy()
    table["resume"] = table["resume"].astype(str)
    table["screener"] = table["screener"].astype(str)
    table["ordinal"] = ordinal(table["verdict"])
    flagged = table["repeat"].fillna(False).astype(bool) if "repeat" in table else False
    table["flagged"] = flagged
    # Primary = first unflagged row per (resume, screener); every other row is a repeat.
    order = table.sort_values("flagged", kind="stable")
    first = ~order.duplicated(["resume", "screener"], keep="first") & ~order["flagged"]
    table["primary"] = first.reindex(table.index)
    return table


def wide_labels(labels: pd.DataFrame) -> pd.DataFrame:
    """Primary labels as a resume x screener table of ordinals (NaN where not labelled)."""
    table = _checked(labels)
    primary = table[table["primary"]]
    return primary.pivot(index="resume", columns="screener", values="ordinal").astype(float)


def consensus(wide: pd.DataFrame, leave_out: str | None = None) -> pd.Series:
    """The team's label per resume (median, between-labels toward maybe), optionally without
    one screener; resumes nobody else labelled are dropped."""
    others = wide.drop(columns=[leave_out]) if leave_out is not None else wide
    median = others.median(axis=1, skipna=True).dropna()
    resolved = np.where(median == np.round(median), median, MAYBE)
    return pd.Series(resolved.astype(int), index=median.index, name=CONSENSUS)


def team_consensus(labels: pd.DataFrame) -> pd.Series:
    """The whole team's consensus per resume, as verdict words (what the simulator is fit to)."""
    return consensus(wide_labels(labels)).map(dict(enumerate(LABELS))).rename(CONSENSUS)


# ---------------------------------------------------------------- kappa


def quadratic_kappa(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    """Quadratic-weighted Cohen's kappa (scikit-learn); NaN where it is undefined (both raters
    used one label, so chance agreement is total)."""
    a, b = np.asarray(a, dtype=int), np.asarray(b, dtype=int)
    if len(a) == 0:
        return float("nan")
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return float(cohen_kappa_score(a, b, labels=list(range(K)), weights="quadratic"))


def _square(confusion: np.ndarray) -> np.ndarray:
    """Confusion matrices as (..., K, K) floats, from (..., K*K) or (..., K, K)."""
    c = np.asarray(confusion, dtype=float)
    return c.reshape(*c.shape[:-1], K, K) if c.shape[-1] == K * K else c


_WEIGHTS = (np.subtract.outer(np.arange(K), np.arange(K)) ** 2 / (K - 1) ** 2).ravel()


def kappa_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """Quadratic kappa from confusion matrices shaped (..., K*K) or (..., K, K), vectorised: the
    formula `cohen_kappa_score` uses, so bootstrap draws cost one matrix product."""
    c = _square(confusion)
    total = c.sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = np.einsum("...i,...j->...ij", c.sum(-1), c.sum(-2)) / total[..., None, None]
        observed = (c.reshape(*c.shape[:-2], K * K) * _WEIGHTS).sum(-1)
        chance = (expected.reshape(*c.shape[:-2], K * K) * _WEIGHTS).sum(-1)
        return 1.0 - observed / chance


def _confusion(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    both = (a >= 0) & (b >= 0)
    return np.bincount(a[both] * K + b[both], minlength=K * K).reshape(K, K)


# ---------------------------------------------------------------- bootstrap


@dataclass(frozen=True)
class _Draws:
    """Bootstrap draws over a fixed list of resumes: counts[d, r] = times resume r is drawn."""

    resumes: pd.Index
    counts: np.ndarray

    @classmethod
    def make(cls, resumes: pd.Index, n_boot: int, seed: int) -> _Draws:
        n = len(resumes)
        rng = np.random.default_rng(seed)
        counts = (rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot) if n and n_boot
                  else np.zeros((n_boot, n), dtype=int))
        return cls(resumes, counts)

    def codes(self, series: pd.Series) -> np.ndarray:
        """Ordinals aligned to the draw's resumes, -1 where missing."""
        return series.reindex(self.resumes).fillna(-1).to_numpy(dtype=int)

    def pair_confusions(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Each draw's confusion matrix of a vs b, shaped (n_boot, K*K)."""
        both = (a >= 0) & (b >= 0)
        onehot = np.zeros((len(a), K * K))
        onehot[np.flatnonzero(both), (a * K + b)[both]] = 1.0
        return self.counts @ onehot


def _interval(draws: np.ndarray) -> tuple[float, float]:
    finite = draws[np.isfinite(draws)]
    if finite.size == 0:
        return float("nan"), float("nan")
    tail = (1 - CI_LEVEL) / 2 * 100
    low, high = np.percentile(finite, [tail, 100 - tail])
    return float(low), float(high)


def _estimate(value: float, draws: np.ndarray, n: int) -> Estimate:
    low, high = _interval(draws)
    return Estimate(float(value), low, high, int(n))


def _identical(confusion: np.ndarray) -> np.ndarray:
    c = _square(confusion)
    total = c.sum(axis=(-2, -1))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.trace(c, axis1=-2, axis2=-1) / total


def _compare(name: str, versus: str, a: pd.Series, b: pd.Series, draws: _Draws) -> Comparison:
    ca, cb = draws.codes(a), draws.codes(b)
    both = (ca >= 0) & (cb >= 0)
    confusion = _confusion(ca, cb)
    boot = draws.pair_confusions(ca, cb)
    n = int(both.sum())
    return Comparison(
        name, versus,
        _estimate(quadratic_kappa(ca[both], cb[both]), kappa_from_confusion(boot), n),
        _estimate(float(_identical(confusion)) if n else float("nan"), _identical(boot), n),
        confusion,
    )


# ---------------------------------------------------------------- the figures


def versus_consensus(labels: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED,
                     _draws: _Draws | None = None) -> tuple[Comparison, ...]:
    """Each screener against the consensus of the others (leave-that-screener-out)."""
    wide = wide_labels(labels)
    draws = _draws or _Draws.make(wide.index, n_boot, seed)
    return tuple(_compare(s, CONSENSUS, wide[s].dropna(), consensus(wide, s), draws)
                 for s in wide.columns)


def versus_simulator(labels: pd.DataFrame, simulator: pd.Series, n_boot: int = N_BOOT,
                     seed: int = SEED, _draws: _Draws | None = None) -> tuple[Comparison, ...]:
    """Each screener, then the whole team's consensus, against the simulator's verdicts
    (`simulator`: resume -> "yes"/"maybe"/"no")."""
    wide = wide_labels(labels)
    draws = _draws or _Draws.make(wide.index, n_boot, seed)
    sim = ordinal(simulator.dropna())
    sim.index = sim.index.astype(str)
    rows = [_compare(s, SIMULATOR, wide[s].dropna(), sim, draws) for s in wide.columns]
    rows.append(_compare(TEAM, SIMULATOR, consensus(wide), sim, draws))
    return tuple(rows)


def _fleiss(counts: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Fleiss' kappa of units x categories rating counts (every unit with the same number of
    raters), one value per row of `weights` (how many times each unit is drawn)."""
    m = counts.sum(axis=1)[0] if len(counts) else 0
    if m < 2:
        return np.full(len(weights), np.nan)
    p_unit = ((counts ** 2).sum(axis=1) - m) / (m * (m - 1))
    units = weights.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_bar = weights @ p_unit / units
        p_cat = weights @ counts / (units * m)[:, None]
        p_e = (p_cat ** 2).sum(axis=1)
        return (p_bar - p_e) / (1 - p_e)


def fleiss_kappa(counts: np.ndarray) -> float:
    """Fleiss' kappa (1971) of a units x categories table of how many raters chose each."""
    counts = np.asarray(counts, dtype=float)
    return float(_fleiss(counts, np.ones((1, len(counts))))[0])


def _coincidences(value_counts: np.ndarray) -> np.ndarray:
    """Each unit's coincidence matrix (Krippendorff), flattened to K*K: the pairs of values
    within the unit, each weighted 1/(m_u - 1); units with fewer than two values add nothing."""
    m = value_counts.sum(axis=1, keepdims=True).astype(float)
    pairs = (value_counts[:, :, None] * value_counts[:, None, :]
             - value_counts[:, :, None] * np.eye(K)[None])
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(m[:, :, None] >= 2, pairs / (m[:, :, None] - 1), 0.0)
    return out.reshape(len(value_counts), K * K)


def alpha_from_coincidence(coincidence: np.ndarray) -> np.ndarray:
    """Ordinal Krippendorff's alpha from coincidence matrices (..., K*K), vectorised so that
    bootstrap draws (each a weighted sum of units' coincidences) cost one matrix product."""
    o = _square(coincidence)
    n_c = o.sum(axis=-1)
    n = n_c.sum(axis=-1)
    cum = np.cumsum(n_c, axis=-1)
    lo, hi = np.minimum.outer(np.arange(K), np.arange(K)), np.maximum.outer(np.arange(K),
                                                                             np.arange(K))
    # delta^2(c, k) = (sum of n_g for g from c to k - (n_c + n_k) / 2)^2
    between = cum[..., hi] - cum[..., lo] + n_c[..., lo]
    delta = (between - (n_c[..., :, None] + n_c[..., None, :]) / 2) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = (n_c[..., :, None] * n_c[..., None, :] * delta).sum(axis=(-2, -1))
        return 1.0 - (n - 1) * (o * delta).sum(axis=(-2, -1)) / expected


def _alpha(value_counts: np.ndarray) -> float:
    if (value_counts.sum(axis=1) >= 2).sum() < 1 or np.count_nonzero(value_counts.sum(0)) < 2:
        return float("nan")
    return float(krippendorff.alpha(value_counts=value_counts, value_domain=list(range(K)),
                                    level_of_measurement="ordinal"))


def team_agreement(labels: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED,
                   _draws: _Draws | None = None) -> TeamAgreement:
    """Krippendorff's alpha (ordinal), Fleiss' kappa and the mean pairwise kappa of the team."""
    wide = wide_labels(labels)
    draws = _draws or _Draws.make(wide.index, n_boot, seed)
    codes = {s: draws.codes(wide[s].dropna()) for s in wide.columns}
    value_counts = np.stack([(np.stack(list(codes.values()), axis=1) == k).sum(axis=1)
                             for k in range(K)], axis=1) if codes else np.zeros((0, K), int)
    rated = value_counts.sum(axis=1)
    pairable = rated >= 2
    alpha_draws = alpha_from_coincidence(draws.counts @ _coincidences(value_counts))
    alpha = _estimate(_alpha(value_counts[pairable]), alpha_draws, int(pairable.sum()))
    full = rated == len(codes)
    fleiss = _estimate(fleiss_kappa(value_counts[full]) if full.any() else float("nan"),
                       _fleiss(value_counts[full], draws.counts[:, full]), int(full.sum()))
    pairs = tuple(_compare(a, b, wide[a].dropna(), wide[b].dropna(), draws)
                  for a, b in itertools.combinations(wide.columns, 2))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pair_draws = np.stack([kappa_from_confusion(draws.pair_confusions(codes[p.screener],
                                                                          codes[p.versus]))
                               for p in pairs], axis=1) if pairs else np.zeros((n_boot, 0))
        mean_draws = np.nanmean(pair_draws, axis=1) if pairs else np.full(n_boot, np.nan)
        values = [p.kappa.value for p in pairs if np.isfinite(p.kappa.value)]
    mean = _estimate(float(np.mean(values)) if values else float("nan"), mean_draws,
                     int(pairable.sum()))
    return TeamAgreement(alpha, fleiss, mean, pairs)


def mean_pairwise_kappa(labels: pd.DataFrame) -> float:
    """The mean of the screeners' pairwise quadratic kappas (no interval): the team's own bar."""
    wide = wide_labels(labels)
    values = []
    for a, b in itertools.combinations(wide.columns, 2):
        both = wide[[a, b]].dropna()
        value = quadratic_kappa(both[a], both[b])
        if np.isfinite(value):
            values.append(value)
    return float(np.mean(values)) if values else float("nan")


def test_retest(labels: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED,
                _draws: _Draws | None = None) -> tuple[Retest, ...]:
    """Each screener's agreement with themselves on resumes shown to them twice."""
    table = _checked(labels)
    wide = table[table["primary"]].pivot(index="resume", columns="screener", values="ordinal")
    again = (table[~table["primary"]].drop_duplicates(["resume", "screener"])
             .pivot(index="resume", columns="screener", values="ordinal"))
    draws = _draws or _Draws.make(wide.index, n_boot, seed)
    out = []
    for s in again.columns:
        c = _compare(s, s, wide[s].dropna(), again[s].dropna(), draws)
        out.append(Retest(s, c.identical, c.kappa, c.confusion))
    return tuple(out)


test_retest.__test__ = False  # a library function, not a pytest test


def agreement_report(labels: pd.DataFrame, simulator: pd.Series | None = None,
                     n_boot: int = N_BOOT, seed: int = SEED) -> AgreementReport:
    """Every agreement figure for one label table, all on the same bootstrap draws."""
    table = _checked(labels)
    draws = _Draws.make(pd.Index(sorted(table.loc[table["primary"], "resume"].unique())),
                        n_boot, seed)
    return AgreementReport(
        consensus=versus_consensus(labels, _draws=draws),
        simulator=(versus_simulator(labels, simulator, _draws=draws)
                   if simulator is not None else ()),
        team=team_agreement(labels, _draws=draws),
        retest=test_retest(labels, _draws=draws),
        n_resumes=len(draws.resumes),
        n_labels=len(table),
        n_boot=n_boot,
    )
