"""The Calibrate page's agreement and fitting: how far the team's screeners agree with each
other, with themselves and with the simulator, and the simulator fitted to the team.

Every figure carries a bootstrap interval (resumes resampled), because a team's label set is
small and a κ of 0.6 on twelve resumes could as well be 0.3 or 0.8.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from triage import Triage
from triage.calibration import agreement_report, case_from_triage, fit_profile, fitted_toml
from triage.calibration.figures import confusion_figure, kappa_figure, score_figure
from triage.store import Store
from triage.ui import common

ALL_LABELS = "All labels"
MIN_SCREENERS = 2  # agreement needs two people
MIN_FIT_RESUMES = 10  # fewer labelled resumes than this cannot be split to test a fit
BOOTSTRAP_DRAWS = 1000


def _interval(estimate: object) -> str:
    return f"{estimate.value:.2f} [{estimate.low:.2f}, {estimate.high:.2f}]"


def _simulator(store: Store, labels: pd.DataFrame, requisition_toml: str
               ) -> dict[str, Triage]:
    """The simulator's skim of every labelled resume whose file the store kept."""
    files = store.resume_files(sorted(labels["resume"].unique()))
    out = {}
    for digest, (name, content) in files.items():
        triage = common.simulated(content, name, requisition_toml) if content else None
        if triage is not None:
            out[digest] = triage
    return out


def _figures(labels: pd.DataFrame, simulated: dict[str, Triage]) -> None:
    verdicts = pd.Series({d: t.verdict.label for d, t in simulated.items()}, dtype=object)
    report = agreement_report(labels, verdicts if len(verdicts) else None, BOOTSTRAP_DRAWS)
    team = report.team
    alpha, pairwise, resumes = st.columns(3)
    alpha.metric("Team agreement (Krippendorff's α)", f"{team.alpha.value:.2f}",
                 help=f"95% interval {_interval(team.alpha)}. 1 is perfect agreement, 0 is "
                      "what chance alone would give.")
    pairwise.metric("Mean κ between two screeners", f"{team.mean_pairwise.value:.2f}",
                    help=f"95% interval {_interval(team.mean_pairwise)}; quadratic-weighted, "
                         "so yes against no counts more than yes against maybe.")
    resumes.metric("Resumes · labels", f"{report.n_resumes} · {report.n_labels}")
    st.plotly_chart(kappa_figure(report.consensus, reference=team.mean_pairwise.value,
                                 title="Each screener against the rest of the team"),
                    key="kappa_consensus")
    if report.simulator:
        st.plotly_chart(kappa_figure(report.simulator, reference=team.mean_pairwise.value,
                                     title="Each screener, and the team, against the simulator"),
                        key="kappa_simulator")
        scores = pd.Series({d: t.verdict.score for d, t in simulated.items()})
        st.plotly_chart(score_figure(labels, scores), key="scores_by_verdict")
    else:
        st.caption("The simulator's side needs the resume files, and the store has none of "
                   "these (labels imported without files).")
    names = [c.screener for c in report.consensus]
    who = st.selectbox("Confusion matrix of", names, key="confusion_of")
    chosen = next(c for c in report.consensus if c.screener == who)
    st.plotly_chart(confusion_figure(chosen), key="confusion")
    if report.retest:
        st.markdown("**Consistency with themselves** (hidden repeats)")
        st.dataframe(pd.DataFrame([{"Screener": r.screener, "Same answer": _interval(r.identical),
                                    "κ": _interval(r.kappa), "Repeats": r.kappa.n}
                                   for r in report.retest]), hide_index=True)


def _fit(store: Store, labels: pd.DataFrame, simulated: dict[str, Triage], name: str) -> None:
    cases = [case_from_triage(d, t) for d, t in simulated.items()]
    if len(cases) < MIN_FIT_RESUMES:
        st.caption(f"Fitting needs at least {MIN_FIT_RESUMES} labelled resumes whose files the "
                   f"store kept; this set has {len(cases)}.")
        return
    if not st.button("Fit the simulator to this team", key="fit_profile"):
        return
    with st.spinner("Fitting thresholds and weights (cross-validated)…"):
        result = fit_profile(cases, labels, name=name)
    held, base, team = result.held_out_kappa, result.base_kappa, result.team_kappa
    st.markdown(
        f"On {len(result.held_out)} resumes the fit did not see, the fitted simulator agrees "
        f"with the team's consensus at κ {_interval(held)} (the built-in profile: "
        f"{_interval(base)}); the team's screeners agree with each other at "
        f"κ {_interval(team)}.")
    st.markdown("**What changed**\n" + ("\n".join(f"- {common.md(c)}" for c in result.changes)
                                        or "- Nothing: the built-in profile already fits."))
    toml = fitted_toml(result)
    version = store.save_profile(name, toml, result.provenance)
    st.download_button(f"Download the fitted profile (version {version})", toml,
                       file_name=f"{name}-v{version}.toml", mime="application/toml",
                       on_click="ignore")
    st.caption("Load it on the Skim page (Screener profile), or use "
               "`python -m triage score FILE --profile FILE.toml`.")


def agreement(store: Store, settings: common.Settings) -> None:
    """The agreement figures of a round (or of every label), then the fit."""
    st.button("Refresh with the newest labels", icon=":material/refresh:",
              key="agreement_refresh",
              help="Labels others give while this page is open appear on the next refresh.")
    labels = store.labels()
    if labels.empty:
        st.info("No labels yet: label a round, or import labels.")
        return
    rounds = store.rounds()
    choices = [ALL_LABELS, *rounds["name"]]
    chosen = st.selectbox("Labels of", choices, key="agreement_round")
    if chosen != ALL_LABELS:
        round_id = int(rounds.set_index("name").loc[chosen, "id"])
        labels = labels[labels["round"] == round_id]
        requisition_toml = store.requisition_toml(store.round(round_id).requisition_id)
    else:
        requisition_toml = settings.requisition_toml
    if labels["screener"].nunique() < MIN_SCREENERS:
        st.info("Agreement needs labels from at least two screeners.")
        return
    simulated = _simulator(store, labels, requisition_toml)
    _figures(labels, simulated)
    st.subheader("Fit the simulator to your team")
    _fit(store, labels, simulated, name="team" if chosen == ALL_LABELS else chosen)
