"""Plotly figures: the attention heatmap over the page, with a replayable scan path.

Pages are stacked top to bottom in one figure, in PDF points (y runs negative down the page), so
a scan path that crosses onto page 2 stays one continuous line. The page image travels as a PNG
data URI (a numpy image would make the figure ~200x larger). The colour scale is cividis:
sequential and readable with every common colour-vision deficiency; the fix highlight and the
scan path use black/white and a dashed vermilion outline, which stay distinct from it.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Collection, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from triage import Triage

COLORSCALE = "Cividis"
PAGE_GAP = 18.0  # points between stacked pages
HOVER_STEP = 36.0  # points between hover targets along an element, so all of it answers hover
HIGHLIGHT = "#d55e00"  # Okabe-Ito vermilion: stands apart from cividis' blue-to-yellow
TEXT_CHARS = 80
TOP_MARGIN = 70  # room for the title and the horizontal colour bar above the page


def noticed_by(triage: Triage, t: float | None = None) -> np.ndarray:
    """Each element's chance of having been noticed by `t` seconds (the whole budget if None)."""
    skim = triage.skim
    if t is None:
        return skim.p_by_time[:, -1]
    column = int(np.searchsorted(skim.times, t + 1e-9, side="right")) - 1
    return skim.p_by_time[:, max(0, column)]


def _cividis(p: float, alpha: float) -> str:
    rgb = sample_colorscale(COLORSCALE, [min(1.0, max(0.0, p))], colortype="tuple")[0]
    r, g, b = (round(255 * c) for c in rgb)
    return f"rgba({r},{g},{b},{alpha})"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def _seconds(value: float) -> str:
    return "never" if value != value else f"{value:.2f} s"


def heatmap(triage: Triage, images: Sequence[bytes], t: float | None = None,
            path: int | None = None, highlight: Collection[str] = (),
            width_px: int = 640) -> go.Figure:
    """The pages with one rectangle per element, coloured by P(noticed by t).

    path: index of a kept scan path to replay up to `t` (numbered fixations joined by lines);
    highlight: element ids to outline (the fixes the user ticked).
    """
    pages = triage.resume.document.pages
    tops = np.cumsum([0.0] + [p.height + PAGE_GAP for p in pages])
    width = max(p.width for p in pages)
    total = float(tops[-1] - PAGE_GAP)
    p = noticed_by(triage, t)
    skim = triage.skim
    images_layout, shapes = [], []
    for page, image, top in zip(pages, images, tops, strict=False):
        images_layout.append({
            "source": "data:image/png;base64," + base64.b64encode(image).decode("ascii"),
            "x": 0, "y": -top, "sizex": page.width, "sizey": page.height, "xref": "x",
            "yref": "y", "xanchor": "left", "yanchor": "top", "sizing": "stretch",
            "layer": "below",
        })
        shapes.append({"type": "rect", "x0": 0, "x1": page.width, "y0": -top,
                       "y1": -top - page.height, "line": {"color": "#9aa4b1", "width": 1},
                       "layer": "below"})
    budget = skim.budget_s
    shown = budget if t is None else min(t, budget)
    hover_x, hover_y, hover_text, hover_p = [], [], [], []
    for i, element in enumerate(skim.elements):
        x0, y0, x1, y1 = element.bbox
        top = tops[element.page]
        shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": -top - y0, "y1": -top - y1,
                       "fillcolor": _cividis(float(p[i]), 0.4), "line": {"width": 0},
                       "layer": "above"})
        label = (f"<b>{html.escape(_short(element.text))}</b><br>{element.kind} · page "
                 f"{element.page + 1}<br>noticed by {p[i]:.0%}<br>first noticed at "
                 f"{_seconds(float(skim.first_noticed_s[i]))}")
        steps = max(1, int((x1 - x0) // HOVER_STEP))
        for k in range(steps + 1):
            hover_x.append(x0 + (x1 - x0) * k / steps)
            hover_y.append(-top - (y0 + y1) / 2)
            hover_text.append(label)
            hover_p.append(float(p[i]))
    wanted = set(highlight)
    for element in skim.elements:
        # A span split into fields (title, company) is cited by its span id: outline every field.
        if element.id in wanted or element.id.split(".")[0] in wanted:
            x0, y0, x1, y1 = element.bbox
            top = tops[element.page]
            shapes.append({"type": "rect", "x0": x0 - 3, "x1": x1 + 3, "y0": -top - y0 + 3,
                           "y1": -top - y1 - 3, "layer": "above",
                           "line": {"color": HIGHLIGHT, "width": 3, "dash": "dash"}})
    colorbar = {"title": {"text": f"noticed by {shown:.2f} s of a {budget:g} s skim",
                          "side": "top"},
                "tickformat": ".0%", "tickvals": [0, 0.25, 0.5, 0.75, 1], "orientation": "h",
                "thickness": 10, "len": 0.5, "x": 1, "xanchor": "right", "y": 1.0,
                "yanchor": "bottom", "ypad": 6}
    traces = [go.Scatter(
        x=hover_x, y=hover_y, mode="markers", hovertext=hover_text,
        hovertemplate="%{hovertext}<extra></extra>", name="elements", showlegend=False,
        marker={"size": 14, "opacity": 0, "color": hover_p, "cmin": 0, "cmax": 1,
                "colorscale": COLORSCALE, "showscale": True, "colorbar": colorbar},
    )]
    frames, menus = [], []
    if path is not None and path < len(skim.scan_paths):
        steps = skim.scan_paths[path]
        traces.append(_path_trace(triage, steps, tops, t))
        frames, menus = _replay(triage, steps, tops)
    return go.Figure(data=traces, frames=frames, layout={
        "updatemenus": menus,
        "height": round(width_px * total / width) + TOP_MARGIN,
        "margin": {"l": 0, "r": 0, "t": TOP_MARGIN, "b": 0},
        "images": images_layout, "shapes": shapes,
        "plot_bgcolor": "white", "paper_bgcolor": "white", "dragmode": "pan",
        "hoverlabel": {"bgcolor": "white", "font": {"color": "#1b1f24"}},
        "xaxis": {"range": [0, width], "visible": False, "constrain": "domain"},
        # When the real width differs from width_px, keep the page at the top, not centred.
        "yaxis": {"range": [-total, 0], "visible": False, "scaleanchor": "x", "scaleratio": 1,
                  "constrain": "domain", "constraintoward": "top"},
    })


def _replay(triage: Triage, steps: list[tuple[str, float, float]], tops: np.ndarray
            ) -> tuple[list[go.Frame], list[dict]]:
    """An animation of the scan path, one frame per fixation, at about reading speed."""
    frames = [
        go.Frame(data=[_path_trace(triage, steps, tops, start)], traces=[1], name=f"{n}")
        for n, (_, start, _) in enumerate(steps, start=1)
    ]
    per_frame_ms = round(1000 * triage.skim.budget_s / max(1, len(steps)))
    play = {"label": "▶ Replay scan path", "method": "animate",
            "args": [None, {"frame": {"duration": per_frame_ms, "redraw": False},
                            "transition": {"duration": 0}, "fromcurrent": False}]}
    pause = {"label": "❚❚", "method": "animate",
             "args": [[None], {"mode": "immediate", "frame": {"duration": 0}}]}
    menu = {"type": "buttons", "direction": "left", "buttons": [play, pause], "x": 0,
            "xanchor": "left", "y": 1.0, "yanchor": "bottom", "pad": {"b": 30}}
    return frames, [menu]


def _path_trace(triage: Triage, steps: list[tuple[str, float, float]], tops: np.ndarray,
                t: float | None) -> go.Scatter:
    """Numbered fixations (white discs, black numbers) joined by lines, up to time t."""
    skim = triage.skim
    xs, ys, numbers, hovers = [], [], [], []
    for n, (element_id, start, end) in enumerate(steps, start=1):
        index = skim.index(element_id)
        if index is None or (t is not None and start > t):
            continue
        element = skim.elements[index]
        x0, y0, x1, y1 = element.bbox
        xs.append(x0 + min(40.0, (x1 - x0) / 2))
        ys.append(-tops[element.page] - (y0 + y1) / 2)
        numbers.append(str(n))
        hovers.append(f"fixation {n}: {start:.2f}–{end:.2f} s<br>"
                      f"{html.escape(_short(element.text))}")
    return go.Scatter(
        x=xs, y=ys, mode="lines+markers+text", text=numbers, textposition="middle center",
        textfont={"size": 10, "color": "black"}, hovertext=hovers,
        hovertemplate="%{hovertext}<extra></extra>", name="scan path", showlegend=False,
        line={"color": "rgba(0,0,0,0.55)", "width": 2},
        marker={"size": 18, "color": "white", "line": {"color": "black", "width": 1.5}},
    )
