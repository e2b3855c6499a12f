"""Measure the calibration fit on the synthetic team, at full settings (too slow for the tests).

    .venv/bin/python -m training.calibration_bench [--formats pdf,txt,docx,json] [--budgets ...]

Scores every shipped sample (all four formats by default) against the three requisitions, the
budgets and with/without the sample answers once, lets the planted screeners label the cases,
and prints: the lenient screener's recovered thresholds against the planted ones (with the gaps
the data pins them to), the title-heavy screener's weights, the fit to the whole team's
consensus with cross-validation (held-out kappa vs the team's own mean pairwise kappa), the
team's agreement report, and the time each step took.
"""

from __future__ import annotations

import argparse
import time

from triage.calibration import agreement as A
from triage.calibration import fit as F
from triage.calibration import synthetic as S
from triage.requisition import Profile

N_BOOT = 1000
REPEATS = 0.2  # share of cases each screener is shown twice (test-retest)


def _screener(name: str) -> S.SyntheticScreener:
    return next(s for s in S.planted_team() if s.name == name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", default=",".join(S.FORMATS))
    parser.add_argument("--budgets", default=",".join(f"{b:g}" for b in S.BUDGETS))
    parser.add_argument("--seeds", default=",".join(str(s) for s in S.SEEDS))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    cases, groups = S.sample_cases(formats=tuple(args.formats.split(",")),
                                   budgets=tuple(float(b) for b in args.budgets.split(",")),
                                   seeds=tuple(int(s) for s in args.seeds.split(",")))
    print(f"{len(cases)} cases in {time.perf_counter() - started:.1f} s "
          f"({len(set(groups.values()))} person x job groups)")
    base = Profile()

    for name in ("lenient", "title_heavy"):
        labels = S.label_cases(cases, [_screener(name)])
        t = time.perf_counter()
        result = F.fit_profile(cases, labels, groups=groups, held_out=0, penalties=(0.03,))
        p = result.profile
        print(f"\n{name}: fit on all cases in {time.perf_counter() - t:.1f} s, "
              f"train kappa {result.train_kappa:.3f}")
        print(f"  yes {p.yes_threshold:.4f} (range {_range(result, 'yes_threshold')}), "
              f"no {p.no_threshold:.4f} (range {_range(result, 'no_threshold')})")
        if name == "lenient":
            print(f"  planted yes {S.LENIENT_YES} no {S.LENIENT_NO}")
        else:
            planted_weight = base.signal_weights[S.TITLE_SIGNAL] * S.TITLE_FACTOR
            print(f"  {S.TITLE_SIGNAL}: planted {planted_weight:g}"
                  f", fitted {p.signal_weights[S.TITLE_SIGNAL]:.3f}")
        for line in result.changes:
            print(f"  - {line}")

    labels = S.label_cases(cases, S.planted_team(), repeats=REPEATS)
    t = time.perf_counter()
    result = F.fit_profile(cases, labels, groups=groups, n_boot=N_BOOT)
    print(f"\nteam consensus: fit with {F.FOLDS}-fold CV over penalties {F.PENALTIES} in "
          f"{time.perf_counter() - t:.1f} s; CV kappa {result.cv_kappa}, chosen {result.penalty}")
    print(f"  held-out ({len(result.held_out)} cases): fitted {_est(result.held_out_kappa)}, "
          f"default {_est(result.base_kappa)}, team mean pairwise {_est(result.team_kappa)}")
    for line in result.changes:
        print(f"  - {line}")

    t = time.perf_counter()
    simulator = F._profile_labels(cases, base)
    report = A.agreement_report(labels, simulator, n_boot=N_BOOT)
    print(f"\nagreement report ({report.n_resumes} resumes, {report.n_labels} labels, "
          f"{N_BOOT} draws) in {time.perf_counter() - t:.2f} s")
    for c in report.consensus + report.simulator:
        print(f"  {c.screener:>15} vs {c.versus:<9} kappa {_est(c.kappa)}")
    print(f"  alpha {_est(report.team.alpha)}, Fleiss {_est(report.team.fleiss)}, "
          f"mean pairwise {_est(report.team.mean_pairwise)}")
    for r in report.retest:
        print(f"  retest {r.screener:>11}: identical {_est(r.identical)}, kappa {_est(r.kappa)}")


def _est(e: A.Estimate) -> str:
    return f"{e.value:.3f} [{e.low:.3f}, {e.high:.3f}] n={e.n}"


def _range(result: F.FitResult, key: str) -> str:
    low, high = result.threshold_ranges[key]
    return f"{low:.4f}-{high:.4f}"


if __name__ == "__main__":
    main()
