"""The heatmap figure: colours follow P(noticed by t), the scan path replays frame by frame."""

from __future__ import annotations

from pathlib import Path

from triage import score
from triage.figures import heatmap
from triage.render import render_pages

SAMPLE = Path(__file__).resolve().parents[1] / "sample_resumes" / "senior_mlops.pdf"


def test_heatmap_with_replayable_scan_path() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    assert len(images) == 2 and all(i.startswith(b"\x89PNG") for i in images)
    figure = heatmap(result, images, t=2.0, path=0).to_plotly_json()
    assert len(figure["layout"]["images"]) == 2
    assert figure["layout"]["images"][0]["source"].startswith("data:image/png;base64,")
    steps = result.skim.scan_paths[0]
    assert len(figure["frames"]) == len(steps)
    shown_at_2s = figure["data"][1]["x"]
    assert len(shown_at_2s) == sum(1 for _, start, _ in steps if start <= 2.0) < len(steps)
    assert figure["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    still = heatmap(result, images, t=2.0).to_plotly_json()
    assert not still.get("frames") and len(still["data"]) == 1


def test_heatmap_colours_change_with_time() -> None:
    result = score(SAMPLE, as_of="2026-11")
    images = render_pages(SAMPLE.read_bytes(), result.resume.document)
    early = heatmap(result, images, t=0.5).to_plotly_json()["layout"]["shapes"]
    late = heatmap(result, images, t=6.0).to_plotly_json()["layout"]["shapes"]
    assert [s.get("fillcolor") for s in early] != [s.get("fillcolor") for s in late]
