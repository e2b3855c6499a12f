"""The heatmap figure: colours follow P(noticed by t), the scan path replays frame by frame."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from triage import score
from triage.figures import (
    GAZE_FLOOR,
    HIGHLIGHT,
    MARKER_GAP_PT,
    MAX_MARKERS,
    NOTICED,
    gaze_density,
    gaze_png,
    heatmap,
    page_pictures,
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


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def test_page_pictures_put_the_heat_where_the_eyes_went_and_nowhere_else() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    pictures = page_pictures(result, images)
    assert len(pictures) == len(images)
    page, heated = _pixels(images[0]), _pixels(pictures[0])
    assert page.shape == heated.shape
    scale = page.shape[1] / result.resume.document.pages[0].width
    first_page = [i for i, e in enumerate(result.skim.elements) if e.page == 0]
    longest = result.skim.elements[max(first_page, key=lambda i: result.skim.dwell_s[i])]
    x0, y0, x1, y1 = (round(v * scale) for v in longest.bbox)
    changed = np.abs(heated - page).sum(axis=2) > 30
    assert changed[y0:y1, x0:x1].mean() > 0.3  # the most read line is under the heat
    assert not changed[-20:, :].any()  # the bottom margin: nobody looked, the page shows through
    early = np.abs(_pixels(page_pictures(result, images, t=1.0)[0]) - page).sum(axis=2) > 30
    assert early.sum() < changed.sum()  # the heat builds up: less of it after 1 s
    noticed = _pixels(page_pictures(result, images, view=NOTICED)[0])
    assert not np.array_equal(noticed, heated)


def test_page_pictures_outline_the_ticked_fix_and_number_the_fixations_beside_it() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    scale = _pixels(images[0]).shape[1] / result.resume.document.pages[0].width
    target = next(e for e in result.skim.elements if e.page == 0 and e.kind == "title")
    plain = _pixels(page_pictures(result, images, view=NOTICED)[0])
    outlined = _pixels(page_pictures(result, images, view=NOTICED, highlight=[target.id])[0])
    x0, y0, x1, y1 = target.bbox
    edge = outlined[round((y0 - 3) * scale) - 1: round((y0 - 3) * scale) + 2,
                    round(x0 * scale): round(x1 * scale)]
    vermilion = np.array([int(HIGHLIGHT[i:i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(edge - vermilion).sum(axis=2) < 40).any()
    assert not (np.abs(plain[round((y0 - 3) * scale)] - vermilion).sum(axis=1) < 40).any()
    # The last fixation's numbered disc sits left of its words, white in the middle.
    steps = result.skim.scan_paths[0]
    n, (element_id, start, _) = next((n, s) for n, s in enumerate(steps, start=1)
                                     if result.skim.elements[result.skim.index(s[0])].page == 0)
    element = result.skim.elements[result.skim.index(element_id)]
    at = _pixels(page_pictures(result, images, t=start, path=0, view=NOTICED)[0])
    without = _pixels(page_pictures(result, images, t=start, view=NOTICED)[0])
    cx = round(max(0.0, element.bbox[0] - MARKER_GAP_PT) * scale)
    cy = round((element.bbox[1] + element.bbox[3]) / 2 * scale)
    disc = (slice(cy - 8, cy + 9), slice(max(0, cx - 8), cx + 9))
    assert (at[disc].sum(axis=2) < 150).any()  # the disc's black outline and number
    assert not (without[disc].sum(axis=2) < 150).any()  # left of the words: blank page
    assert n == 1 or start > 0
