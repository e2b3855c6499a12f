"""Calibration for recruiting teams: how far screeners agree (with each other, their consensus,
themselves and the simulator), and a screener profile fitted to the team's consensus.

Pure functions over label tables (pandas) and reduced skims (`Case`); the store, the pages and
the CLI build on these.
"""

from triage.calibration.agreement import (
    AgreementReport,
    Comparison,
    Estimate,
    Retest,
    TeamAgreement,
    agreement_report,
    consensus,
    mean_pairwise_kappa,
    quadratic_kappa,
    team_agreement,
    team_consensus,
    test_retest,
    versus_consensus,
    versus_simulator,
    wide_labels,
)
from triage.calibration.fit import (
    Case,
    FitResult,
    case_from_triage,
    describe_changes,
    fit_profile,
    fitted_toml,
    labels_hash,
    load_fitted,
    save_profile,
    threshold_ranges,
)

__all__ = [
    "AgreementReport", "Case", "Comparison", "Estimate", "FitResult", "Retest", "TeamAgreement",
    "agreement_report", "case_from_triage", "consensus", "describe_changes", "fit_profile",
    "fitted_toml", "labels_hash", "load_fitted", "mean_pairwise_kappa", "quadratic_kappa",
    "save_profile", "team_agreement", "team_consensus", "test_retest", "threshold_ranges",
    "versus_consensus", "versus_simulator", "wide_labels",
]
