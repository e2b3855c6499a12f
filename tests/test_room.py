"""The workshop's reveal: the room's taps as a heatmap on the gaze's scale, and what the room
remembered against what the simulator says a recruiter sees."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from triage import score
from triage.figures import kernel_fwhm_pt, tap_density
from triage.room import SEEN_SHARE, compare_room

SAMPLE = Path(__file__).resolve().parents[1] / "sample_resumes" / "senior_mlops.pdf"


def test_taps_become_a_density_one_fixation_wide_where_they_landed() -> None:
    triage = score(SAMPLE, as_of="2026-11")
    pages = triage.resume.document.pages
    fwhm = kernel_fwhm_pt(triage.profile)
    assert 55 < fwhm < 65  # 2 degrees at 60 cm
    density = tap_density(pages, [[1, 0.25, 0.5], [1, 0.25, 0.5], [2, 0.9, 0.1],
                                  [3, 0.5, 0.5], [1, 1.5, 0.2]], fwhm)
    assert len(density) == len(pages)
    assert abs(density[0].sum() - 2.0) < 0.05 and abs(density[1].sum() - 1.0) < 0.05
    row, col = np.unravel_index(np.argmax(density[0]), density[0].shape)
    assert abs(row / density[0].shape[0] - 0.5) < 0.02
    assert abs(col / density[0].shape[1] - 0.25) < 0.02


def test_the_room_against_the_simulator() -> None:
    triage = score(SAMPLE, as_of="2026-11")
    skim = triage.skim
    page = triage.resume.document.pages[0]
    seen = next(e for e, p in zip(skim.elements, skim.p_noticed, strict=True)
                if p >= SEEN_SHARE and e.page == 0)
    unseen = next(e for e, p in zip(skim.elements, skim.p_noticed, strict=True)
                  if p < 0.1 and e.page == 0)

    def centre(element: object) -> list[float]:
        x0, y0, x1, y1 = element.bbox
        return [1, (x0 + x1) / 2 / page.width, (y0 + y1) / 2 / page.height]

    result = compare_room(triage, [centre(seen), centre(unseen)])
    assert seen.text in result.both and unseen.text in result.room_only
    assert seen.text not in result.simulator_only
    nobody = compare_room(triage, [])
    assert not nobody.both and not nobody.room_only
    assert seen.text in nobody.simulator_only
