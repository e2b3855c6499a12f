"""The Compare page: two versions of a resume side by side, so a candidate sees what an edit did."""

from __future__ import annotations

import streamlit as st

from triage.report import signal_deltas
from triage.ui import common

DEFAULTS = (("A", "resume_a", "senior_mlops.txt"), ("B", "resume_b", "senior_mlops.pdf"))


def render() -> None:
    """Draw the Compare page (runs when Streamlit executes this file as a page)."""
    st.title("Compare two versions")
    st.caption("Skim two versions of a resume with the same requisition and budget: the verdicts, "
               "the heatmaps and the change in every signal.")
    settings = common.settings()
    columns = st.columns(2, gap="large")
    results = []
    for column, (label, key, default) in zip(columns, DEFAULTS, strict=True):
        with column:
            st.subheader(f"Version {label}")
            source = common.resume_source(key, default, label=f"Upload version {label}")
            result = common.skim(source, settings)
            if result is not None:
                common.verdict_card(result[0], source, key=f"verdict_{label}", compact=True)
            results.append(result)
    a, b = results
    if a is not None and b is not None:
        st.subheader("What changed, signal by signal")
        st.caption("Each signal's contribution to the score: its weight × strength × the chance "
                   "its evidence was noticed in time. Positive helps, negative hurts.")
        first, second = a[0], b[0]
        left, right, _ = st.columns([1, 1, 2])
        left.metric("Score B", f"{second.verdict.score:.2f}",
                    delta=f"{second.verdict.score - first.verdict.score:+.2f} vs A")
        right.metric("Verdict", f"{first.verdict.label.upper()} → {second.verdict.label.upper()}")
        st.dataframe(
            signal_deltas(first.to_dict(), second.to_dict(), first.profile.signal_weights),
            hide_index=True,
            column_config={"signal": "Signal",
                           "A": st.column_config.NumberColumn("A contribution", format="%.3f"),
                           "B": st.column_config.NumberColumn("B contribution", format="%.3f"),
                           "delta": st.column_config.NumberColumn("Change (B − A)",
                                                                  format="%+.3f")},
        )
    for column, result, (label, _, _) in zip(st.columns(2, gap="large"), results, DEFAULTS,
                                             strict=True):
        if result is not None:
            with column:
                common.show_heatmap(*result, key=f"heatmap_{label}")


if __name__ == "__main__":
    render()
