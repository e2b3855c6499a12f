"""The heatmap figure: colours follow P(noticed by t), the scan path replays frame by frame."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from triage import score
from triage.figures import (
    GAZE_FLOOR,
    MARKER_GAP_PT,
    MAX_MARKERS,
    NOTICED,
    gaze_density,
    gaze_png,
    heatmap,
    top_places,
)
from triage.render import render_pages

SAMPLE = Path(__file__).resolve().parents[1] / "sample_resumes" / "senior_mlops.pdf"


def test_heatmap_with_scan_path_up_to_t() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    assert len(images) == 2 and all(i.startswith(b"\x89PNG") for i in images)
    figure = heatmap(result, images, t=2.0, path=0, view=NOTICED).to_plotly_json()
    assert len(figure["layout"]["images"]) == 2
    assert figure["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    steps = result.skim.scan_paths[0]
    shown_at_2s = figure["data"][1]["x"]
    assert len(shown_at_2s) == sum(1 for _, start, _ in steps if start <= 2.0) < len(steps)
    assert not figure.get("frames")  # the page's own Replay moves t; no plotly animation
    still = heatmap(result, images, t=2.0).to_plotly_json()
    assert len(still["data"]) == 1


def test_heatmap_colours_change_with_time() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    early = heatmap(result, images, t=0.5, view=NOTICED).to_plotly_json()["layout"]["shapes"]
    late = heatmap(result, images, t=6.0, view=NOTICED).to_plotly_json()["layout"]["shapes"]
    assert [s.get("fillcolor") for s in early] != [s.get("fillcolor") for s in late]


def test_gaze_builds_up_with_time_where_the_reading_time_went() -> None:
    result = score(SAMPLE, as_of="2026-11")
    early, late = gaze_density(result, 1.0), gaze_density(result)
    assert sum(g.sum() for g in early) < sum(g.sum() for g in late)
    # The blur keeps the time spent: the pages hold the whole budget, spread over the page.
    assert abs(sum(g.sum() for g in late) - result.skim.budget_s) < 0.05 * result.skim.budget_s
    # The hottest spot of page 1 is on the element read longest there.
    first_page = [i for i, e in enumerate(result.skim.elements) if e.page == 0]
    longest = result.skim.elements[max(first_page, key=lambda i: result.skim.dwell_s[i])]
    row, col = np.unravel_index(np.argmax(late[0]), late[0].shape)
    x0, y0, x1, y1 = longest.bbox
    assert abs(row * 3.0 - (y0 + y1) / 2) < 40 and x0 - 40 < col * 3.0 < x1 + 40


def test_gaze_image_is_transparent_where_nobody_looked() -> None:
    density = np.zeros((50, 40))
    density[25, 20] = 1.0
    density[24:27, 19:22] += 0.5
    pixels = np.asarray(Image.open(io.BytesIO(gaze_png(density, 1.5))))
    assert pixels.shape == (50, 40, 4)
    assert pixels[0, 0, 3] == 0 and pixels[25, 20, 3] > 0
    assert (pixels[..., 3][density < GAZE_FLOOR * 1.5] == 0).all()
    assert tuple(pixels[25, 20, :3]) != tuple(pixels[26, 19, :3])  # brighter where hotter


def test_scan_path_markers_sit_beside_the_words_and_only_the_last_few() -> None:
    result = score(SAMPLE, as_of="2026-11", budget=30.0)
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    path = heatmap(result, images, path=0).to_plotly_json()["data"][1]
    steps = result.skim.scan_paths[0]
    assert len(steps) > MAX_MARKERS and len(path["x"]) == MAX_MARKERS
    assert path["text"][-1] == str(len(steps))
    last = result.skim.elements[result.skim.index(steps[-1][0])]
    assert path["x"][-1] == max(0.0, last.bbox[0] - MARKER_GAP_PT)
    assert path["marker"]["opacity"][0] < path["marker"]["opacity"][-1]


def test_the_heatmap_in_words_lists_the_longest_read_places_first() -> None:
    result = score(SAMPLE, as_of="2026-11")
    places = top_places(result)
    assert len(places) == 10
    dwell = {e.text: d for e, d in zip(result.skim.elements, result.skim.dwell_s, strict=True)}
    assert [dwell[text] for text, _, _ in places] == sorted(
        (dwell[text] for text, _, _ in places), reverse=True)
    assert all(0 <= share <= 1 and page >= 1 for _, page, share in places)
