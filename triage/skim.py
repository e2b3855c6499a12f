"""The skim simulation: many simulated recruiters spend a time budget looking at a page.

Each element gets a salience from position (F-pattern: top and left first, later pages heavily
discounted), typography (size relative to body text, bold, capitals), role (name, titles,
companies and dates high; bullet openings medium; summaries and skills lists low) and recency
(the current role highest). Each simulated recruiter then picks fixations one after another by
salience, nearness to the last fixation, inhibition of return and some randomness, paying for
each the time it takes to read the words actually read (a bullet only for its first few words
unless a number or a requisition keyword pulls the eye). Sources for the constants are in
`Profile`; everything is vectorised with numpy and seeded, so the same inputs give the same output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from triage.elements import Element
from triage.requisition import Profile, Requisition

TIME_STEP_S = 0.25  # resolution of "noticed by time t"
FULL_READ_KINDS = {"name", "title", "company", "dates", "heading", "education", "contact"}
SKIM_READ_KINDS = {"bullet", "summary"}
# Who the candidate is and how to reach them: one fixed glance whatever the length or spelling
# of the name, so a long name (common in many cultures) costs no reading time, and never pulls
# the eye as a keyword or a number would.
IDENTITY_KINDS = {"name", "contact"}
SCAN_PATHS_KEPT = 3
DATE_WORDS = 3  # "Feb 2022 – Present": start and end are taken in; a place beside them is not


@dataclass
class Skim:
    """Per element: chance of being noticed by each time, first-noticed time, expected dwell."""

    elements: list[Element]
    budget_s: float
    seed: int
    recruiters: int
    times: np.ndarray  # (T,) seconds
    p_by_time: np.ndarray  # (N, T) share of recruiters who noticed the element by times[t]
    first_noticed_s: np.ndarray  # (N,) median first-noticed time among those who did; nan if none
    dwell_s: np.ndarray  # (N,) expected seconds spent on the element
    salience: np.ndarray  # (N,) the prior that drove the choice
    scan_paths: list[list[tuple[str, float, float]]]  # (element id, start s, end s)
    dwell_by_time: np.ndarray  # (N, T) expected seconds spent on the element by times[t]

    def __post_init__(self) -> None:
        self._rows: dict[str, list[int]] = {}
        for i, e in enumerate(self.elements):
            self._rows.setdefault(e.span_id, []).append(i)
            if e.id != e.span_id:
                self._rows[e.id] = [i]

    @property
    def p_noticed(self) -> np.ndarray:
        return self.p_by_time[:, -1]

    def index(self, element_id: str) -> int | None:
        """The row of an element, or of the first element inside a span of that id."""
        rows = self._rows.get(element_id)
        return rows[0] if rows else None

    def p(self, element_ids: list[str] | tuple[str, ...], t: float | None = None) -> float:
        """Chance that at least the most visible of these elements (or spans) was noticed by t."""
        rows = [r for i in element_ids for r in self._rows.get(i, ())]
        if not rows:
            return 0.0
        column = len(self.times) - 1 if t is None else int(
            np.searchsorted(self.times, min(t, self.budget_s) + 1e-9, side="right") - 1
        )
        return float(self.p_by_time[rows, max(0, column)].max())

    def element(self, element_id: str) -> Element | None:
        index = self.index(element_id)
        return self.elements[index] if index is not None else None


def _keyword_hits(elements: list[Element], requisition: Requisition | None) -> np.ndarray:
    if requisition is None:
        return np.zeros(len(elements), dtype=bool)
    spellings = sorted({s.lower() for term in requisition.all_terms() for s in term.spellings},
                       key=len, reverse=True)
    if not spellings:
        return np.zeros(len(elements), dtype=bool)
    pattern = re.compile("|".join(re.escape(s) for s in spellings))
    return np.array([bool(pattern.search(e.text.lower())) for e in elements], dtype=bool)


def _identity(elements: list[Element]) -> np.ndarray:
    return np.array([e.kind in IDENTITY_KINDS for e in elements], dtype=bool)


def salience(elements: list[Element], profile: Profile, pulls: np.ndarray,
             page_size: tuple[float, float], body_size: float) -> np.ndarray:
    """The prior chance each element draws the eye, before any path is walked."""
    width, height = page_size
    identity = _identity(elements)
    # Clamped to the page: a box drawn above or left of it would otherwise overflow exp below.
    top = np.clip(np.array([e.bbox[1] for e in elements]) / height, 0.0, 1.0)
    # A centred name starts further left the longer it is: place identity by the page's edge.
    left = np.where(identity, 0.0,
                    np.clip(np.array([e.bbox[0] for e in elements]) / width, 0.0, 1.0))
    page = np.array([e.page for e in elements], dtype=float)
    size = np.array([e.size for e in elements]) / max(body_size, 1.0)
    bold = np.array([e.bold for e in elements], dtype=float)
    caps = np.array([e.caps for e in elements], dtype=float)
    kind = np.array([profile.kind_weights.get(e.kind, profile.kind_weights["other"])
                     for e in elements])
    recency = np.array([profile.recency_decay ** e.role_index if e.role_index is not None else 1.0
                        for e in elements])
    # F-pattern: sweeps across the top, then down the left edge, so being far to the right
    # costs more the lower on the page an element sits.
    sideways = left * (1.0 + profile.f_shape * top)
    position = np.exp(-top / profile.top_decay) * np.exp(-sideways / profile.left_decay)
    position *= profile.later_page_factor ** page
    typography = np.clip(size, 0.5, 4.0) ** profile.size_exponent
    typography *= profile.bold_boost ** bold * profile.caps_boost ** caps
    pull = np.where(pulls, profile.keyword_boost, 1.0)
    tail = np.array([profile.tail_factor if e.tail else 1.0 for e in elements])
    return kind * position * typography * recency * pull * tail


def _read_cost(elements: list[Element], profile: Profile, pulls: np.ndarray) -> np.ndarray:
    """Seconds one look at each element takes: a saccade plus fixations for the words read.

    The decision fields (name, titles, companies, dates, education) are read; the rest is skimmed.
    """
    words = np.array([e.words for e in elements], dtype=float)
    cap = np.array([
        DATE_WORDS if e.kind == "dates"
        else 12 if e.kind in FULL_READ_KINDS and not e.tail
        else (profile.pulled_words if pulled else profile.bullet_words)
        if e.kind in SKIM_READ_KINDS else 6
        for e, pulled in zip(elements, pulls, strict=True)
    ], dtype=float)
    read = np.minimum(words, cap)
    careful = np.array([e.kind in FULL_READ_KINDS and not e.tail for e in elements])
    per_fixation = np.where(careful, profile.read_words_per_fixation, profile.words_per_fixation)
    fixations = np.maximum(1.0, np.ceil(read / per_fixation))
    fixations = np.where(_identity(elements), profile.identity_fixations, fixations)
    return (profile.saccade_ms + profile.fixation_ms * fixations) / 1000.0


def simulate(elements: list[Element], profile: Profile, requisition: Requisition | None = None,
             budget_s: float | None = None, seed: int | None = None,
             page_size: tuple[float, float] = (612.0, 792.0), body_size: float = 10.0) -> Skim:
    """Run the simulated recruiters over the elements."""
    budget = float(budget_s if budget_s is not None else profile.budget_s)
    seed = int(seed if seed is not None else profile.seed)
    recruiters = profile.recruiters
    n = len(elements)
    times = np.round(np.arange(0.0, budget + 1e-9, TIME_STEP_S), 6)
    if times[-1] < budget:
        times = np.append(times, budget)
    if n == 0:
        empty = np.zeros(0)
        return Skim(elements, budget, seed, recruiters, times, np.zeros((0, len(times))),
                    empty, empty, empty, [], np.zeros((0, len(times))))
    rng = np.random.default_rng(seed)
    width, height = page_size
    pulls = (np.array([e.has_number for e in elements])
             | _keyword_hits(elements, requisition)) & ~_identity(elements)
    prior = salience(elements, profile, pulls, page_size, body_size)
    # The walk runs over the most salient elements only (in document order), so its work per
    # step is bounded by the profile, not by the document; the rest stay unnoticed.
    walked = np.arange(n)
    if n > profile.max_elements:
        walked = np.sort(np.argsort(-prior, kind="stable")[: profile.max_elements])
    k = len(walked)
    log_prior = np.log(np.maximum(prior[walked], 1e-9))
    cost = _read_cost(elements, profile, pulls)[walked]
    ys = np.array([e.page * height + e.bbox[1] for e in elements])[walked] / height
    xs = np.array([e.bbox[0] for e in elements])[walked] / width
    # Where each recruiter's eye rests: index k is the top-left start. The cost of moving from
    # there to each element is worked out per step for the recruiters' places only (never an
    # all-pairs matrix), with the same arithmetic, so the floats are the same.
    from_y = np.append(ys, 0.0)
    from_x = np.append(xs, 0.0)

    def base_from(where: np.ndarray) -> np.ndarray:
        dy = ys[None, :] - from_y[where][:, None]
        move = (profile.distance_cost * (np.abs(dy) + 0.5 * np.abs(xs[None, :]
                                                                    - from_x[where][:, None]))
                + profile.upward_cost * np.maximum(0.0, -dy))
        return log_prior[None, :] - move

    first = np.full((recruiters, k), np.inf)
    dwell = np.zeros((recruiters, k))
    dwell_by_time = np.zeros((k, len(times)))
    clock = np.zeros(recruiters)
    where = np.full(recruiters, k)
    visited = np.zeros((recruiters, k), dtype=bool)
    active = np.ones(recruiters, dtype=bool)
    rows = np.arange(recruiters)
    paths: list[list[tuple[str, float, float]]] = [[] for _ in range(SCAN_PATHS_KEPT)]
    for _ in range(k):
        if not active.any():
            break
        # Gumbel noise, drawn in float32: the same draws for the same seed, at half the cost.
        uniform = rng.random((recruiters, k), dtype=np.float32)
        noise = -np.log(-np.log(np.maximum(uniform, np.float32(1e-12))))
        utility = base_from(where) + profile.temperature * noise
        utility[visited] = -np.inf
        choice = np.argmax(utility, axis=1)
        start = clock.copy()
        end = start + cost[choice]
        noticed_at = start + (profile.saccade_ms + profile.fixation_ms) / 1000.0
        seen = active & (noticed_at <= budget)
        first[rows[seen], choice[seen]] = noticed_at[seen]
        spent = np.clip(np.minimum(end, budget) - start, 0.0, None)
        dwell[rows[active], choice[active]] += spent[active]
        so_far = np.clip(np.minimum(np.minimum(end, budget)[:, None], times[None, :])
                         - start[:, None], 0.0, None)
        np.add.at(dwell_by_time, choice[active], so_far[active])
        for r in range(SCAN_PATHS_KEPT):
            if r < recruiters and seen[r]:
                paths[r].append((elements[walked[choice[r]]].id, round(float(start[r]), 3),
                                 round(float(min(end[r], budget)), 3)))
        visited[rows, choice] = True
        clock = np.where(active, end, clock)
        where = np.where(active, choice, where)
        active &= end < budget
    p_walked = (first[:, :, None] <= times[None, None, :]).mean(axis=0)
    with np.errstate(all="ignore"):
        masked = np.where(np.isfinite(first), first, np.nan)
        counts = np.isfinite(first).sum(axis=0)
        first_walked = np.full(k, np.nan)
        has = counts > 0
        first_walked[has] = np.nanmedian(masked[:, has], axis=0)
    p_by_time = np.zeros((n, len(times)))
    p_by_time[walked] = p_walked
    first_noticed = np.full(n, np.nan)
    first_noticed[walked] = first_walked
    dwell_s = np.zeros(n)
    dwell_s[walked] = dwell.mean(axis=0)
    dwell_all = np.zeros((n, len(times)))
    dwell_all[walked] = dwell_by_time / recruiters
    return Skim(elements, budget, seed, recruiters, times, p_by_time, first_noticed,
                dwell_s, prior, paths[: min(SCAN_PATHS_KEPT, recruiters)], dwell_all)
