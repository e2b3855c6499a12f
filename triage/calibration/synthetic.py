"""Synthetic screeners with planted behaviour, for the known-answer tests of the fit.

Each screener is a screener profile (plus, for the noisy one, a share of labels flipped at
random, seeded) applied to the same cases through `Case.label`, which replays the verdict
exactly. The team: one follows the default profile, one weighs the job's words (the title match
is one of its findings) double, one is lenient (lower thresholds), one is noisy. The cases are
the shipped sample resumes crossed with the shipped requisitions and a few budgets and seeds: the
budget changes what was noticed, so each resume lands at several scores, and the sample
applicant's answers settle some knockouts.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from triage.calibration.agreement import LABELS
from triage.calibration.fit import Case, case_from_triage
from triage.pipeline import parse, score
from triage.requisition import Profile

SAMPLES = Path(__file__).resolve().parents[2] / "sample_resumes"
FORMATS = ("pdf", "txt", "docx", "json")
REQUISITIONS = ("mlops", "nurse", "designer")
BUDGETS = (3.0, 6.0, 10.0)
SEEDS = (7,)
# With and without the sample applicant's answers (work rights, relocation): an answered
# knockout no longer holds a yes at maybe, so more cases are decided by the thresholds alone.
ANSWERS = (None, Path(__file__).resolve().parents[1] / "configs" / "sample_answers.toml")
AS_OF = "2026-11"  # fixed, so "present" in a resume means the same month every run
TITLE_SIGNAL = "language_alignment"  # the title match is this signal's first finding
TITLE_FACTOR = 2.0  # the title-heavy screener's weight on it, times the default
# The lenient screener's thresholds (default 0.62 / 0.50). The shipped samples score either
# below ~0.50 or above ~0.67 where the thresholds alone decide (good match or not), so a yes
# threshold anywhere in between changes no label and cannot be recovered: the planted one sits
# where the scores are dense.
LENIENT_YES = 0.47
LENIENT_NO = 0.40
NOISY_FLIP = 0.2  # share of the noisy screener's labels replaced by another label at random
SEED = 0


@dataclass(frozen=True)
class SyntheticScreener:
    name: str
    profile: Profile
    flip: float = 0.0  # share of labels replaced by a different label at random


def planted_team(base: Profile | None = None) -> tuple[SyntheticScreener, ...]:
    """The four planted screeners: default, title-heavy, lenient, noisy."""
    base = base or Profile()
    weights = dict(base.signal_weights)
    weights[TITLE_SIGNAL] = weights[TITLE_SIGNAL] * TITLE_FACTOR
    return (
        SyntheticScreener("default", base),
        SyntheticScreener("title_heavy", replace(base, signal_weights=weights)),
        SyntheticScreener("lenient", replace(base, yes_threshold=LENIENT_YES,
                                             no_threshold=LENIENT_NO)),
        SyntheticScreener("noisy", base, NOISY_FLIP),
    )


def case_id(path: Path, requisition: str, budget: float, seed: int, answered: bool) -> str:
    return (f"{path.name}|{requisition}|{budget:g}s|seed {seed}"
            f"{'|answered' if answered else ''}")


def sample_cases(formats: Sequence[str] = FORMATS, requisitions: Sequence[str] = REQUISITIONS,
                 budgets: Sequence[float] = BUDGETS, seeds: Sequence[int] = SEEDS,
                 answers: Sequence[Path | None] = ANSWERS, samples: Path = SAMPLES,
                 as_of: str = AS_OF,
                 ) -> tuple[list[Case], dict[str, str]]:
    """Score every sample file in `formats` against every requisition, budget and seed, once,
    and return the cases with their groups (the person and the job: a held-out group never
    has a near twin, another format or budget of the same person for the same job, in
    training)."""
    cases, groups = [], {}
    for path in sorted(p for p in samples.iterdir() if p.suffix.lstrip(".") in formats):
        resume = parse(path)
        for req in requisitions:
            for budget, seed, given in itertools.product(budgets, seeds, answers):
                key = case_id(path, req, budget, seed, given is not None)
                triage = score(resume, requisition=req, budget=budget, seed=seed,
                               answers=given, as_of=as_of)
                cases.append(case_from_triage(key, triage))
                groups[key] = f"{path.stem}|{req}"
    return cases, groups


def label_cases(cases: Sequence[Case], screeners: Sequence[SyntheticScreener],
                seed: int = SEED, repeats: float = 0.0) -> pd.DataFrame:
    """The label table the screeners would produce: one row per case and screener, plus a
    repeat row for a `repeats` share of cases (the same for every screener), flagged."""
    rng = np.random.default_rng(seed)
    again = rng.random(len(cases)) < repeats
    rows = []
    for screener in screeners:
        own = np.random.default_rng([seed, sum(map(ord, screener.name))])
        for case, twice in zip(cases, again, strict=True):
            planted = case.label(screener.profile)
            for repeat in (False, True) if twice else (False,):
                verdict = planted
                if own.random() < screener.flip:
                    verdict = str(own.choice([v for v in LABELS if v != planted]))
                rows.append({"resume": case.resume, "screener": screener.name,
                             "verdict": verdict, "repeat": repeat})
    return pd.DataFrame(rows)
