"""Agreement figures against hand computations, scikit-learn and the krippendorff package."""

from __future__ import annotations

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from triage.calibration import agreement as A
from triage.calibration import figures as F


def table(rows: dict[str, list[str | None]], repeats: dict[str, list[str | None]] | None = None
          ) -> pd.DataFrame:
    """Screener -> verdicts by resume r0, r1, ... (None: not labelled); repeats are flagged."""
    out = []
    for flagged, source in ((False, rows), (True, repeats or {})):
        for screener, verdicts in source.items():
            out += [{"resume": f"r{i}", "screener": screener, "verdict": v, "repeat": flagged}
                    for i, v in enumerate(verdicts) if v is not None]
    return pd.DataFrame(out)


# A = no no maybe yes yes, B = no maybe maybe yes no. Weighted disagreement (w = (i-j)^2/4):
# r1 0.25 + r4 1 = 1.25. Marginals A (2,1,2), B (2,2,1), n = 5: chance disagreement
# (2*2*.25 + 2*1*1 + 1*2*.25 + 1*1*.25 + 2*2*1 + 2*2*.25) / 5 = 8.75 / 5 = 1.75.
# kappa = 1 - 1.25 / 1.75 = 2/7.
HAND_A = ["no", "no", "maybe", "yes", "yes"]
HAND_B = ["no", "maybe", "maybe", "yes", "no"]
HAND_KAPPA = 2 / 7


def test_kappa_matches_hand_computation_and_sklearn() -> None:
    a, b = (A.ordinal(pd.Series(v)) for v in (HAND_A, HAND_B))
    assert A.quadratic_kappa(a, b) == pytest.approx(HAND_KAPPA, abs=1e-12)
    assert cohen_kappa_score(a, b, weights="quadratic") == pytest.approx(HAND_KAPPA, abs=1e-12)
    report = A.agreement_report(table({"A": HAND_A, "B": HAND_B}), n_boot=50)
    (pair,) = report.team.pairs
    assert pair.kappa.value == pytest.approx(HAND_KAPPA, abs=1e-12)
    assert pair.kappa.n == 5
    assert pair.identical.value == pytest.approx(3 / 5)
    np.testing.assert_array_equal(pair.confusion, [[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    assert A.kappa_from_confusion(pair.confusion) == pytest.approx(HAND_KAPPA, abs=1e-12)
    assert report.team.mean_pairwise.value == pytest.approx(HAND_KAPPA, abs=1e-12)


def test_vectorised_kappa_equals_sklearn_on_random_tables() -> None:
    rng = np.random.default_rng(5)
    for _ in range(50):
        n = int(rng.integers(3, 40))
        a, b = rng.integers(0, 3, n), rng.integers(0, 3, n)
        b = np.where(rng.random(n) < 0.5, a, b)
        expected = cohen_kappa_score(a, b, labels=[0, 1, 2], weights="quadratic")
        confusion = np.bincount(a * 3 + b, minlength=9)
        assert A.kappa_from_confusion(confusion) == pytest.approx(expected, abs=1e-12)


def test_bootstrap_draw_is_the_kappa_of_the_resampled_table() -> None:
    """Each draw's kappa (from counts) equals sklearn's on the table it stands for."""
    rng = np.random.default_rng(2)
    a = pd.Series(rng.integers(0, 3, 30), index=[f"r{i}" for i in range(30)])
    b = a.where(rng.random(30) < 0.6, pd.Series(rng.integers(0, 3, 30), index=a.index))
    draws = A._Draws.make(a.index, 5, seed=9)
    boot = A.kappa_from_confusion(draws.pair_confusions(draws.codes(a), draws.codes(b)))
    for d in range(5):
        picked = np.repeat(np.arange(30), draws.counts[d])
        assert boot[d] == pytest.approx(
            cohen_kappa_score(a.to_numpy()[picked], b.to_numpy()[picked], labels=[0, 1, 2],
                              weights="quadratic"), abs=1e-12)


def test_consensus_is_the_median_with_ties_toward_maybe() -> None:
    labels = table({"A": ["no", "no", "yes", "maybe", "no"],
                    "B": ["yes", "maybe", "yes", "yes", "no"],
                    "C": ["yes", "no", "no", None, None]})
    wide = A.wide_labels(labels)
    words = A.consensus(wide).map(dict(enumerate(A.LABELS)))
    # r3: {maybe, yes} is between labels -> maybe; r4: {no, no} -> no
    assert words.to_dict() == {"r0": "yes", "r1": "no", "r2": "yes", "r3": "maybe", "r4": "no"}
    without_c = A.consensus(wide, leave_out="C").map(dict(enumerate(A.LABELS)))
    # r0: {no, yes} without C -> maybe; r1: {no, maybe} -> maybe
    assert without_c[["r0", "r1"]].tolist() == ["maybe", "maybe"]
    without_a = A.consensus(wide, leave_out="A")
    assert "r3" in without_a.index and "r4" in without_a.index  # B alone still labels them
    vs = {c.screener: c for c in A.versus_consensus(labels, n_boot=20)}
    assert vs["C"].kappa.n == 3  # C labelled three resumes, all with others' labels


def test_fleiss_kappa_matches_the_1971_worked_example() -> None:
    """Fleiss (1971) as worked on Wikipedia: 10 subjects, 14 raters, 5 categories, 0.210."""
    counts = np.array([[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                       [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                       [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]])
    assert A.fleiss_kappa(counts) == pytest.approx(0.20993, abs=5e-5)


def test_alpha_matches_the_krippendorff_package() -> None:
    rng = np.random.default_rng(4)
    truth = rng.integers(0, 3, 40)
    data = np.array([np.where(rng.random(40) < 0.7, truth, rng.integers(0, 3, 40))
                     for _ in range(4)], dtype=float)
    data[rng.random(data.shape) < 0.2] = np.nan  # some resumes not labelled by everyone
    expected = krippendorff.alpha(reliability_data=data, value_domain=[0, 1, 2],
                                  level_of_measurement="ordinal")
    labels = pd.DataFrame([{"resume": f"r{u}", "screener": f"s{s}",
                            "verdict": A.LABELS[int(data[s, u])]}
                           for s in range(4) for u in range(40) if not np.isnan(data[s, u])])
    team = A.team_agreement(labels, n_boot=200)
    assert team.alpha.value == pytest.approx(expected, abs=1e-12)
    wide = A.wide_labels(labels).fillna(-1).to_numpy()
    counts = np.stack([(wide == k).sum(axis=1) for k in range(3)], axis=1)
    vectorised = A.alpha_from_coincidence(A._coincidences(counts).sum(axis=0))
    assert vectorised == pytest.approx(expected, abs=1e-12)
    assert team.alpha.low <= team.alpha.value <= team.alpha.high
    assert team.fleiss.n == int((counts.sum(axis=1) == 4).sum())


def test_intervals_are_seeded_and_bracket_the_value() -> None:
    rng = np.random.default_rng(1)
    truth = rng.integers(0, 3, 60)
    rows = {s: [A.LABELS[t if rng.random() < 0.75 else rng.integers(0, 3)] for t in truth]
            for s in "ABC"}
    sim = pd.Series({f"r{i}": A.LABELS[t] for i, t in enumerate(truth)})
    first = A.agreement_report(table(rows), sim, n_boot=300, seed=3)
    again = A.agreement_report(table(rows), sim, n_boot=300, seed=3)
    pairs = zip((*first.consensus, *first.simulator), (*again.consensus, *again.simulator),
                strict=True)
    assert all(a.kappa == b.kappa and a.identical == b.identical for a, b in pairs)
    assert first.team.alpha == again.team.alpha
    for c in (*first.consensus, *first.simulator, *first.team.pairs):
        assert c.kappa.low <= c.kappa.value <= c.kappa.high
        assert c.kappa.n == 60
    team_row = first.simulator[-1]
    assert team_row.screener == A.TEAM
    # the consensus of three noisy copies is closer to the truth than any one of them
    assert team_row.kappa.value > max(c.kappa.value for c in first.simulator[:-1])


def test_retest_counts_only_the_repeats() -> None:
    labels = table({"A": ["no", "yes", "maybe", "yes"], "B": ["no", "no", "yes", "yes"]},
                   repeats={"A": ["no", "yes", "no", None], "B": ["no", "no", "yes", None]})
    retest = {r.screener: r for r in A.test_retest(labels, n_boot=50)}
    assert retest["A"].identical.value == pytest.approx(2 / 3)
    assert retest["A"].identical.n == 3
    assert retest["B"].identical.value == 1.0
    assert retest["B"].kappa.value == pytest.approx(1.0)
    np.testing.assert_array_equal(retest["A"].confusion, [[1, 0, 0], [1, 0, 0], [0, 0, 1]])
    # the repeats do not leak into the primary labels
    assert A.wide_labels(labels).loc["r2", "A"] == A.ORDINAL["maybe"]


def test_bad_verdict_names_the_row() -> None:
    labels = table({"A": ["no", "perhaps"]})
    with pytest.raises(ValueError, match="row 1: verdict 'perhaps'"):
        A.wide_labels(labels)
    with pytest.raises(ValueError, match="missing screener"):
        A.wide_labels(labels.drop(columns="screener"))


def test_figures_carry_the_figures() -> None:
    labels = table({"A": HAND_A, "B": HAND_B})
    sim = pd.Series(dict(zip([f"r{i}" for i in range(5)], HAND_B, strict=True)))
    report = A.agreement_report(labels, sim, n_boot=50)
    heat = F.confusion_figure(report.team.pairs[0])
    np.testing.assert_array_equal(heat.data[0].z, report.team.pairs[0].confusion)
    assert "κ = 0.29" in heat.layout.title.text
    bars = F.kappa_figure(report.consensus + report.simulator,
                          reference=report.team.mean_pairwise.value)
    assert [t.name for t in bars.data] == ["vs consensus", "vs simulator"]
    sim_trace = bars.data[1]
    a_row = report.simulator[0]
    assert sim_trace.error_y.array[0] == pytest.approx(a_row.kappa.high - a_row.kappa.value)
    scores = pd.Series({f"r{i}": s for i, s in enumerate([0.2, 0.4, 0.55, 0.8, 0.3])})
    boxes = F.score_figure(labels, scores)
    assert [t.name for t in boxes.data] == list(A.LABELS)
    assert sorted(boxes.data[2].y) == [0.3, 0.8, 0.8]  # A's yes (r3, r4) and B's yes (r3)
