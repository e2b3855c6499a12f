"""The level a job title claims (intern … head), and when a high one reads as inflated.

A recruiter filling a senior role reads "Intern" in the current title as a no, however well the
rest of the title matches; and reads "Head of AI" at a two-person start-up held for six months
as a title, not a level. Words per level and the inflation cues live in
data/signals/title_levels.toml.
"""

from __future__ import annotations

import re
from functools import cache

from triage.dates import month_count
from triage.structure import Role
from triage.vocabulary import data_toml

MID = 2
HEAD = 5
REQUISITION_LEVELS = {"junior": 1, "mid": 2, "senior": 3, "lead": 4}
LEVEL_NAMES = {0: "intern or trainee", 1: "junior", 2: "mid", 3: "senior", 4: "lead",
               5: "head or executive"}


def _config() -> dict:
    return data_toml("signals/title_levels.toml")


@cache
def _level_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    out = []
    for level, words in _config()["levels"].items():
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((int(level), re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)))
    return tuple(out)


def title_level(title: str) -> int:
    """The highest level the title's words name; mid when it names none."""
    named = [level for level, pattern in _level_patterns() if pattern.search(title)]
    return max(named, default=MID)


def required_level(seniority: str) -> int:
    return REQUISITION_LEVELS.get(seniority, MID)


def inflated(role: Role, text: str, as_of: str) -> str:
    """Why a head or C-level title reads as inflated ('held 6 months', 'at a tiny employer'),
    or '' when it does not. `text` is everything the role says (company, bullets)."""
    if not role.title or title_level(role.title) < HEAD:
        return ""
    rules = _config()["inflated"]
    start, end = month_count(role.start, as_of), month_count(role.end, as_of, end=True)
    months = end - start + 1 if start is not None and end is not None else None
    # Only a role that has ended can be short-lived: a new head of six months is just new.
    short = role.end != "present" and months is not None and months <= rules[
        "short_lived_months"]
    tiny = any(re.search(p, text, re.IGNORECASE) for p in rules["tiny_employer"])
    reasons = ([f"held {months} months"] if short else []) + (
        ["at a very small employer"] if tiny else [])
    return " ".join(reasons)
