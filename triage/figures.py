"""The attention heatmap over the page, with a scan path up to a given time: as finished page
pictures (`page_pictures`, the default on screen and in reports: no charting code to load in the
browser, and they scale to a phone) or as an interactive plotly figure (`heatmap`, on request).

Two views. `gaze` (the default) is drawn the way eye-tracking tools draw theirs: the simulated
recruiters' reading time, placed where their fixations fall along each element (the first words
most) and blurred with a kernel one fixation wide, as a transparent-where-unseen image over the
page in viridis (perceptually uniform, colour-blind safe, bright on dark backgrounds and dark on
light ones). `noticed` colours each element by the share of recruiters who noticed it (cividis).

In the figure, pages are stacked top to bottom, in PDF points (y runs negative down the page), so
a scan path that crosses onto page 2 stays one continuous line. Page images and the gaze layer
travel as PNG data URIs (a numpy image would make the figure ~200x larger). The fix highlight
and the scan path use black/white and a dashed vermilion outline, which stay distinct from both.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections.abc import Collection, Sequence
from functools import cache

import numpy as np
import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont
from plotly.colors import sample_colorscale
from scipy.ndimage import gaussian_filter

from triage import Triage
from triage.document import Page
from triage.elements import Element
from triage.requisition import Profile

COLORSCALE = "Cividis"
GAZE_COLORSCALE = "Viridis"
GAZE, NOTICED = "gaze", "noticed"
GAZE_CELL_PT = 3.0  # resolution of the gaze image, in points
GAZE_ALPHA = 0.7  # opacity where the heat is highest (the words stay readable under it)
GAZE_FLOOR = 0.04  # share of the hottest spot below which the page shows through untouched
GAZE_FADE = 0.4  # share of the hottest spot at which the colour reaches full opacity
POINTS_PER_CM = 72 / 2.54
FWHM_PER_SIGMA = 2 * math.sqrt(2 * math.log(2))
MAX_MARKERS = 12  # scan-path fixations shown at once; older ones fade, then go
MARKER_GAP_PT = 10.0  # fixation numbers sit this far left of the words, not on them
MARKER_RADIUS_PT = 7.0  # a fixation number's disc, in points
NOTICED_ALPHA = 0.4  # the "who noticed" colour over each part (the words stay readable)
GAZE_LEGEND = ("Where recruiters' eyes landed in the first {:g} s. "
               "Bright = most recruiters looked here.")
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


def _cividis_rgba(p: float, alpha: float) -> tuple[int, int, int, int]:
    rgb = sample_colorscale(COLORSCALE, [min(1.0, max(0.0, p))], colortype="tuple")[0]
    r, g, b = (round(255 * c) for c in rgb)
    return r, g, b, round(255 * alpha)


def _cividis(p: float, alpha: float) -> str:
    r, g, b, _ = _cividis_rgba(p, alpha)
    return f"rgba({r},{g},{b},{alpha})"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_CHARS else text[: TEXT_CHARS - 1] + "…"


def _seconds(value: float) -> str:
    return "never" if value != value else f"{value:.2f} s"


def kernel_fwhm_pt(profile: Profile) -> float:
    """One fixation's width on the page, in points: the profile's visual angle at its reading
    distance (2° at 60 cm is about 59 pt)."""
    return (2 * profile.reading_distance_cm * math.tan(math.radians(profile.gaze_kernel_deg / 2))
            * POINTS_PER_CM)


def _blur(grids: list[np.ndarray], fwhm: float) -> list[np.ndarray]:
    sigma = fwhm / FWHM_PER_SIGMA / GAZE_CELL_PT
    return [gaussian_filter(g, sigma, mode="constant") for g in grids]


def _grids(pages: Sequence[Page]) -> list[np.ndarray]:
    return [np.zeros((max(1, math.ceil(p.height / GAZE_CELL_PT)),
                      max(1, math.ceil(p.width / GAZE_CELL_PT)))) for p in pages]


def tap_density(pages: Sequence[Page], taps: Sequence[Sequence[float]], fwhm: float
                ) -> list[np.ndarray]:
    """Per page, where a room said it remembered looking: taps ([page number, x, y] as shares
    of the page) blurred with the same one-fixation kernel as the gaze, so the two heatmaps
    compare like for like."""
    grids = _grids(pages)
    for number, x, y in taps:
        page = int(number) - 1
        if 0 <= page < len(grids) and 0 <= x <= 1 and 0 <= y <= 1:
            grid = grids[page]
            grid[min(grid.shape[0] - 1, int(y * grid.shape[0])),
                 min(grid.shape[1] - 1, int(x * grid.shape[1]))] += 1.0
    return _blur(grids, fwhm)


def gaze_density(triage: Triage, t: float | None = None) -> list[np.ndarray]:
    """Per page, the simulated recruiters' mean reading seconds per cell by `t`, blurred with a
    kernel one fixation wide. Along an element the time falls on fixation-sized steps, the first
    ones weighted most (people read the start of a line and skip the rest)."""
    skim, profile = triage.skim, triage.profile
    pages = triage.resume.document.pages
    column = (skim.dwell_by_time.shape[1] - 1 if t is None else
              max(0, int(np.searchsorted(skim.times, t + 1e-9, side="right")) - 1))
    seconds = skim.dwell_by_time[:, column] if skim.elements else np.zeros(0)
    fwhm = kernel_fwhm_pt(profile)
    grids = _grids(pages)
    for element, spent in zip(skim.elements, seconds, strict=True):
        if spent <= 0 or element.page >= len(grids):
            continue
        x0, y0, x1, y1 = element.bbox
        steps = max(1, round((x1 - x0) / fwhm))
        weights = 1.0 / np.arange(1, steps + 1)
        xs = x0 + (np.arange(steps) + 0.5) * (x1 - x0) / steps
        grid = grids[element.page]
        rows = min(grid.shape[0] - 1, int((y0 + y1) / 2 / GAZE_CELL_PT))
        cols = np.minimum(grid.shape[1] - 1, (xs / GAZE_CELL_PT).astype(int))
        np.add.at(grid[rows], cols, spent * weights / weights.sum())
    return _blur(grids, fwhm)


@cache
def _gaze_colours() -> np.ndarray:
    rgb = sample_colorscale(GAZE_COLORSCALE, list(np.linspace(0, 1, 256)), colortype="tuple")
    return np.round(np.array(rgb) * 255).astype(np.uint8)


def gaze_png(density: np.ndarray, hottest: float) -> bytes:
    """A density as an RGBA PNG: viridis by share of `hottest`, transparent where low."""
    share = np.clip(density / hottest, 0.0, 1.0) if hottest > 0 else np.zeros_like(density)
    rgba = np.zeros((*share.shape, 4), dtype=np.uint8)
    rgba[..., :3] = _gaze_colours()[np.round(share * 255).astype(int)]
    alpha = np.clip((share - GAZE_FLOOR) / (GAZE_FADE - GAZE_FLOOR), 0.0, 1.0) * GAZE_ALPHA
    rgba[..., 3] = np.round(alpha * 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, format="PNG")
    return buffer.getvalue()


def _with_heat(image: bytes, density: np.ndarray, hottest: float) -> Image.Image:
    picture = Image.open(io.BytesIO(image)).convert("RGBA")
    layer = Image.open(io.BytesIO(gaze_png(density, hottest))).resize(
        picture.size, Image.Resampling.BILINEAR)
    return Image.alpha_composite(picture, layer)


JPEG_QUALITY = 85  # the screen's pictures: a third of the PNG's bytes, text still crisp


def _encoded(picture: Image.Image, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    options = {"quality": JPEG_QUALITY} if kind == "JPEG" else {}
    picture.convert("RGB").save(buffer, format=kind, **options)
    return buffer.getvalue()


def heat_pictures(images: Sequence[bytes], densities: Sequence[np.ndarray]) -> list[bytes]:
    """Each page under its own heat, on one scale across the pages (the room's taps, say)."""
    hottest = max((float(d.max()) for d in densities), default=0.0)
    return [_encoded(_with_heat(image, density, hottest))
            for image, density in zip(images, densities, strict=False)]


def _path_steps(triage: Triage, path: int | None, t: float | None
                ) -> list[tuple[int, Element, float, float]]:
    """The fixations of kept scan path `path` started by `t`, as (number, element, start, end):
    the last MAX_MARKERS only, so a long skim does not pile up dozens of markers."""
    skim = triage.skim
    if path is None or path >= len(skim.scan_paths):
        return []
    steps = []
    for n, (element_id, start, end) in enumerate(skim.scan_paths[path], start=1):
        index = skim.index(element_id)
        if index is not None and (t is None or start <= t):
            steps.append((n, skim.elements[index], start, end))
    return steps[-MAX_MARKERS:]


def _marker_fades(count: int) -> list[float]:
    """Opacity per shown fixation: the oldest faintest, the latest solid."""
    return np.linspace(0.35, 1.0, count).tolist() if count > 1 else [1.0] * count


def _highlighted(triage: Triage, highlight: Collection[str]) -> list[Element]:
    """The elements to outline. A span split into fields (title, company) is cited by its span
    id: every field of it is outlined."""
    wanted = set(highlight)
    return [e for e in triage.skim.elements if e.id in wanted or e.id.split(".")[0] in wanted]


def _rgba(hex_colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    return (*(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)), alpha)


def _dashed_box(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float],
                colour: tuple[int, int, int, int], width: int, dash: float) -> None:
    """PIL draws no dashed lines: the outline as dashes along each edge."""
    x0, y0, x1, y1 = box
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)),
                               ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        length = math.hypot(bx - ax, by - ay)
        for start in np.arange(0.0, length, 2 * dash):
            end = min(length, start + dash)
            draw.line([(ax + (bx - ax) * start / length, ay + (by - ay) * start / length),
                       (ax + (bx - ax) * end / length, ay + (by - ay) * end / length)],
                      fill=colour, width=width)


def page_pictures(triage: Triage, images: Sequence[bytes], t: float | None = None,
                  path: int | None = None, highlight: Collection[str] = (),
                  view: str = GAZE, kind: str = "PNG") -> list[bytes]:
    """Each page as one finished picture (PNG): the page, the heat by `t` in `view`, the
    outlined fixes and the scan path's numbered fixations beside the words. A picture needs no
    charting library in the browser, so it arrives fast and scales to any screen; reports use
    the same pictures. `kind` is "PNG" (reports) or "JPEG" (the screen: smaller, and the
    browser gets it without a second encoding)."""
    skim = triage.skim
    whole = gaze_density(triage) if view == GAZE else []
    hottest = max((float(g.max()) for g in whole), default=0.0)
    heat = whole if view != GAZE or t is None or t >= skim.budget_s else gaze_density(triage, t)
    p = noticed_by(triage, t)
    steps = _path_steps(triage, path, t)
    fades = _marker_fades(len(steps))
    outlined = _highlighted(triage, highlight)
    out = []
    for number, (page, image) in enumerate(zip(triage.resume.document.pages, images,
                                                strict=False)):
        if view == GAZE:
            picture = _with_heat(image, heat[number], hottest)
        else:
            picture = Image.open(io.BytesIO(image)).convert("RGBA")
            layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
            draw = ImageDraw.Draw(layer)
            scale = picture.width / page.width
            for i, element in enumerate(skim.elements):
                if element.page == number:
                    draw.rectangle([v * scale for v in element.bbox],
                                   fill=_cividis_rgba(float(p[i]), NOTICED_ALPHA))
            picture = Image.alpha_composite(picture, layer)
        scale = picture.width / page.width
        marks = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(marks)
        for element in outlined:
            if element.page == number:
                x0, y0, x1, y1 = element.bbox
                _dashed_box(draw, ((x0 - 3) * scale, (y0 - 3) * scale, (x1 + 3) * scale,
                                   (y1 + 3) * scale), _rgba(HIGHLIGHT), max(2, round(2 * scale)),
                            6 * scale)
        on_page = [(n, e, fade) for (n, e, _, _), fade in zip(steps, fades, strict=True)
                   if e.page == number]
        centres = [(max(0.0, e.bbox[0] - MARKER_GAP_PT) * scale,
                    (e.bbox[1] + e.bbox[3]) / 2 * scale) for _, e, _ in on_page]
        if len(centres) > 1:
            draw.line(centres, fill=(0, 0, 0, 115), width=max(1, round(1.5 * scale)))
        radius = MARKER_RADIUS_PT * scale
        font = _marker_font(round(radius * 1.1))
        for (n, _, fade), (x, y) in zip(on_page, centres, strict=True):
            alpha = round(255 * fade)
            draw.ellipse((x - radius, y - radius, x + radius, y + radius),
                         fill=(255, 255, 255, alpha), outline=(0, 0, 0, alpha),
                         width=max(1, round(1.5 * scale)))
            draw.text((x, y), str(n), fill=(0, 0, 0, alpha), font=font, anchor="mm")
        out.append(_encoded(Image.alpha_composite(picture, marks), kind))
    return out


@cache
def _marker_font(pixels: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(8, pixels))


def top_places(triage: Triage, count: int = 10) -> list[tuple[str, int, float]]:
    """The heatmap in words: the `count` elements recruiters spent most time on, in that order,
    as (text, page number, share of recruiters who noticed it)."""
    skim = triage.skim
    order = np.argsort(-skim.dwell_s, kind="stable")[:count]
    return [(skim.elements[i].text, skim.elements[i].page + 1, float(skim.p_noticed[i]))
            for i in order if skim.dwell_s[i] > 0]


def heatmap(triage: Triage, images: Sequence[bytes], t: float | None = None,
            path: int | None = None, highlight: Collection[str] = (),
            width_px: int = 640, view: str = GAZE) -> go.Figure:
    """The pages under the simulated recruiters' gaze by `t` (`view="gaze"`), or with one
    rectangle per element coloured by P(noticed by t) (`view="noticed"`).

    path: index of a kept scan path to draw up to `t` (numbered fixations joined by lines; the
    page's Replay moves `t`, so heat and path build up together);
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
    if view == GAZE:
        # One scale for every t: the heat builds up as the slider moves, it is not re-stretched.
        # Drawn in plotly's upper image layer: its lower layer holds one image per subplot.
        whole = gaze_density(triage)
        hottest = max((float(g.max()) for g in whole), default=0.0)
        now = whole if t is None or t >= budget else gaze_density(triage, t)
        for page, density, top in zip(pages, now, tops, strict=False):
            images_layout.append({
                "source": "data:image/png;base64," + base64.b64encode(
                    gaze_png(density, hottest)).decode("ascii"),
                "x": 0, "y": -top, "sizex": page.width, "sizey": page.height, "xref": "x",
                "yref": "y", "xanchor": "left", "yanchor": "top", "sizing": "stretch",
                "layer": "above"})
    hover_x, hover_y, hover_text, hover_p = [], [], [], []
    for i, element in enumerate(skim.elements):
        x0, y0, x1, y1 = element.bbox
        top = tops[element.page]
        if view == NOTICED:
            shapes.append({"type": "rect", "x0": x0, "x1": x1, "y0": -top - y0,
                           "y1": -top - y1, "fillcolor": _cividis(float(p[i]), NOTICED_ALPHA),
                           "line": {"width": 0}, "layer": "above"})
        label = (f"<b>{html.escape(_short(element.text))}</b><br>{element.kind} · page "
                 f"{element.page + 1}<br>noticed by {p[i]:.0%}<br>first noticed at "
                 f"{_seconds(float(skim.first_noticed_s[i]))}")
        steps = max(1, int((x1 - x0) // HOVER_STEP))
        for k in range(steps + 1):
            hover_x.append(x0 + (x1 - x0) * k / steps)
            hover_y.append(-top - (y0 + y1) / 2)
            hover_text.append(label)
            hover_p.append(float(p[i]))
    for element in _highlighted(triage, highlight):
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
    if view == GAZE:
        colorbar |= {"title": {"text": f"eyes on the page by {shown:.2f} s of {budget:g} s",
                               "side": "top"},
                     "tickvals": [0.12, 0.88], "ticktext": ["nobody looked", "most looked"]}
    traces = [go.Scatter(
        x=hover_x, y=hover_y, mode="markers", hovertext=hover_text,
        hovertemplate="%{hovertext}<extra></extra>", name="elements", showlegend=False,
        marker={"size": 14, "opacity": 0, "color": hover_p, "cmin": 0, "cmax": 1,
                "colorscale": GAZE_COLORSCALE if view == GAZE else COLORSCALE,
                "showscale": True, "colorbar": colorbar},
    )]
    steps = _path_steps(triage, path, t)
    if steps:
        traces.append(_path_trace(steps, tops))
    return go.Figure(data=traces, layout={
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


def _path_trace(steps: list[tuple[int, Element, float, float]], tops: np.ndarray) -> go.Scatter:
    """Numbered fixations (white discs, black numbers) joined by lines: beside the words they
    land on (not over them), older ones fainter."""
    xs = [max(0.0, e.bbox[0] - MARKER_GAP_PT) for _, e, _, _ in steps]
    ys = [-tops[e.page] - (e.bbox[1] + e.bbox[3]) / 2 for _, e, _, _ in steps]
    hovers = [f"fixation {n}: {start:.2f}–{end:.2f} s<br>{html.escape(_short(e.text))}"
              for n, e, start, end in steps]
    return go.Scatter(
        x=xs, y=ys, mode="lines+markers+text", text=[str(n) for n, _, _, _ in steps],
        textposition="middle center", textfont={"size": 10, "color": "black"},
        hovertext=hovers, hovertemplate="%{hovertext}<extra></extra>", name="scan path",
        showlegend=False, line={"color": "rgba(0,0,0,0.45)", "width": 1.5},
        marker={"size": 18, "color": "white", "opacity": _marker_fades(len(steps)),
                "line": {"color": "black", "width": 1.5}},
    )
