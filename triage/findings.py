"""What the signal detectors produce, and what they are given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from triage.knockouts import KnockoutResult
from triage.requisition import Profile, Requisition
from triage.skim import Skim
from triage.structure import Resume

POSITIVE, NEGATIVE = "positive", "negative"


@dataclass(frozen=True)
class Finding:
    """One observation a recruiter would make, where it is on the page, and what to change.

    strength is 0..1; evidence are element ids (span ids) whose chance of being noticed decides
    how much the finding counts in the verdict. For an absence (`absence=True`) the evidence is
    the places the missing thing would have been: it counts as much as those places were read.
    """

    signal: str
    polarity: str
    strength: float
    evidence: tuple[str, ...]
    message: str
    fix: str = ""
    absence: bool = False
    must_have: str = ""  # the requisition must-have this finding shows found or missing
    rejects: bool = False  # decides "no" on its own (text written to manipulate a screener)


@dataclass(frozen=True)
class SignalContext:
    resume: Resume
    skim: Skim
    requisition: Requisition
    profile: Profile
    knockouts: tuple[KnockoutResult, ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    as_of: str = "2026-11"  # "YYYY-MM": the month gaps and recency are measured to
