"""A workshop room against the simulator: which parts of a resume the room remembered (their
taps on the blurred page) that the simulated recruiters mostly missed, and the reverse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from triage import Triage

TAP_MARGIN_PT = 12.0  # a tap this close to a part's box counts as remembering it (a fingertip)
SEEN_SHARE = 0.5  # the simulator "sees" a part when half its recruiters noticed it


@dataclass(frozen=True)
class RoomComparison:
    both: tuple[str, ...]  # remembered by the room and seen by the simulator
    room_only: tuple[str, ...]  # the room remembered it; most simulated recruiters missed it
    simulator_only: tuple[str, ...]  # the simulator says a recruiter sees it; nobody tapped it


def _tapped(triage: Triage, taps: Sequence[Sequence[float]]) -> set[int]:
    pages = triage.resume.document.pages
    hits: set[int] = set()
    for number, x, y in taps:
        page = int(number) - 1
        if not 0 <= page < len(pages):
            continue
        px, py = x * pages[page].width, y * pages[page].height
        for index, element in enumerate(triage.skim.elements):
            x0, y0, x1, y1 = element.bbox
            if (element.page == page and x0 - TAP_MARGIN_PT <= px <= x1 + TAP_MARGIN_PT
                    and y0 - TAP_MARGIN_PT <= py <= y1 + TAP_MARGIN_PT):
                hits.add(index)
    return hits


def compare_room(triage: Triage, taps: Sequence[Sequence[float]]) -> RoomComparison:
    """Parts in page order, by who noticed them: the room (any tap on it) and the simulator
    (noticed by at least SEEN_SHARE of its recruiters)."""
    tapped = _tapped(triage, taps)
    seen = {i for i, p in enumerate(triage.skim.p_noticed) if p >= SEEN_SHARE}
    text = [e.text for e in triage.skim.elements]
    return RoomComparison(tuple(text[i] for i in sorted(tapped & seen)),
                          tuple(text[i] for i in sorted(tapped - seen)),
                          tuple(text[i] for i in sorted(seen - tapped)))
