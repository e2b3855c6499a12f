"""Plotly figures for the Calibrate page, built from the agreement dataclasses and tables (never
from database rows, so the store can change without touching them)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from triage.calibration.agreement import LABELS, Comparison, Retest, ordinal

COLORSCALE = "Cividis"  # perceptually uniform and colour-blind safe, as the page heatmap
VERSUS_COLOURS = {"consensus": "#0072b2", "simulator": "#d55e00"}  # Okabe-Ito blue, vermilion
OTHER_COLOUR = "#009e73"  # Okabe-Ito green, for any other comparison
POINTS = "all"  # the strip of single resumes beside each box (few labels: show every one)


def confusion_figure(comparison: Comparison | Retest, title: str | None = None) -> go.Figure:
    """A 3x3 heatmap of counts, the screener's label down, the other's across, each cell
    written out (a colour alone is not a number)."""
    versus = getattr(comparison, "versus", "again")
    z = comparison.confusion
    fig = go.Figure(go.Heatmap(
        z=z, x=list(LABELS), y=list(LABELS), colorscale=COLORSCALE, text=z,
        texttemplate="%{text}", hovertemplate=(f"{comparison.screener}: %{{y}}<br>{versus}: "
                                               "%{x}<br>%{z} resumes<extra></extra>"),
        colorbar={"title": "resumes"},
    ))
    kappa = comparison.kappa
    fig.update_layout(
        title=title or (f"{comparison.screener} vs {versus}: κ = {kappa.value:.2f} "
                        f"[{kappa.low:.2f}, {kappa.high:.2f}], n = {kappa.n}"),
        xaxis_title=versus, yaxis_title=comparison.screener,
        xaxis={"side": "bottom"}, yaxis={"autorange": "reversed"},
    )
    return fig


def kappa_figure(comparisons: Sequence[Comparison], reference: float | None = None,
                 title: str = "Agreement per screener (quadratic-weighted κ, 95% interval)"
                 ) -> go.Figure:
    """κ per screener with its bootstrap interval as error bars, one series per `versus`
    (consensus, simulator); `reference` draws a line such as the team's mean pairwise κ."""
    fig = go.Figure()
    for versus in dict.fromkeys(c.versus for c in comparisons):
        rows = [c for c in comparisons if c.versus == versus]
        fig.add_trace(go.Scatter(
            x=[c.screener for c in rows], y=[c.kappa.value for c in rows], mode="markers",
            name=f"vs {versus}", marker={"size": 10,
                                         "color": VERSUS_COLOURS.get(versus, OTHER_COLOUR)},
            error_y={"type": "data", "symmetric": False,
                     "array": [c.kappa.high - c.kappa.value for c in rows],
                     "arrayminus": [c.kappa.value - c.kappa.low for c in rows]},
            customdata=[[c.kappa.low, c.kappa.high, c.kappa.n] for c in rows],
            hovertemplate=("%{x}: κ %{y:.2f} [%{customdata[0]:.2f}, %{customdata[1]:.2f}], "
                           "n = %{customdata[2]}<extra></extra>"),
        ))
    if reference is not None:
        fig.add_hline(y=reference, line_dash="dot",
                      annotation_text=f"team's mean pairwise κ {reference:.2f}")
    fig.update_layout(title=title, yaxis={"title": "κ", "range": [-0.2, 1.05]},
                      xaxis_title="screener")
    return fig


def score_figure(labels: pd.DataFrame, scores: pd.Series,
                 title: str = "Simulator score by the screeners' verdict") -> go.Figure:
    """The simulator's score (resume -> 0..1) for the resumes each human verdict went to: a
    box with every label as a point, so overlap between the verdicts shows at a glance."""
    table = labels.assign(resume=labels["resume"].astype(str))
    scores = scores.copy()
    scores.index = scores.index.astype(str)
    table = table.assign(score=table["resume"].map(scores), rank=ordinal(table["verdict"]))
    table = table.dropna(subset=["score"])
    fig = go.Figure()
    for rank, label in enumerate(LABELS):
        rows = table[table["rank"] == rank]
        fig.add_trace(go.Box(y=rows["score"], name=label, boxpoints=POINTS, jitter=0.4,
                             pointpos=0, text=rows["screener"].astype(str) + ": "
                             + rows["resume"], hovertemplate="%{text}<br>score %{y:.2f}"
                                               "<extra></extra>"))
    fig.update_layout(title=title, xaxis_title="human verdict",
                      yaxis={"title": "simulator score", "range": [0, 1]}, showlegend=False)
    return fig
