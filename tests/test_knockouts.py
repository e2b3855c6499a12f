"""Knockout questions: degrees, answers in the applicant's own words, years counted one way."""

from __future__ import annotations

from dataclasses import replace

import pytest

from triage import parse
from triage.dates import month_count
from triage.knockouts import (
    FAIL,
    PASS,
    UNKNOWN,
    degree_level,
    evaluate_knockouts,
    years_of_experience,
)
from triage.requisition import DEGREE_LEVELS, Knockout
from triage.signals._text import current_role

AS_OF = "2026-11"
DEGREE = Knockout("degree", "Do you hold a master's degree?", "degree", "master")
YEARS = Knockout("min_years", "At least 4 years?", "min_years", 4)


def _resume(education: str = "BSc Mathematics — University of Leeds\n2014 – 2017",
            roles: str = "### Data Analyst — Acme\n2018 – 2022\n\n- Built reports\n") -> object:
    text = (f"# Sam Lee\nsam@example.com\n\n## Experience\n\n{roles}\n"
            f"## Education\n\n### {education}\n")
    return parse(text.encode(), "cv.md")


@pytest.mark.parametrize(("text", "level"), [
    ("BSc Mathematics", "bachelor"),
    ("BA Management", "bachelor"),
    ("B.A. Marketing", "bachelor"),
    ("BSc Maßnahmenplanung", "bachelor"),
    ("MSc Physics", "master"),
    ("M.A. History", "master"),
    ("MBA", "master"),
    ("Master of Arts", "master"),
    ("PhD Chemistry", "phd"),
    ("MSc", "master"),
    ("master", "master"),
])
def test_a_degree_is_read_at_its_own_level(text: str, level: str) -> None:
    assert DEGREE_LEVELS[degree_level(text)] == level


def test_a_bachelor_in_mathematics_is_not_a_masters() -> None:
    [result] = evaluate_knockouts((DEGREE,), _resume(), {}, AS_OF)
    assert result.status == FAIL and "bachelor" in result.evidence


@pytest.mark.parametrize(("answer", "status"), [
    ("five", PASS), ("5 years", PASS), (5, PASS), ("3", FAIL), ("two", FAIL),
    ("a while", UNKNOWN), ("", UNKNOWN), (True, UNKNOWN),
])
def test_years_answered_in_words_or_numbers(answer: object, status: str) -> None:
    [result] = evaluate_knockouts((YEARS,), _resume(), {"min_years": answer}, AS_OF)
    assert result.status == status, result.evidence
    if status == UNKNOWN:
        assert "ask the applicant" in result.evidence


@pytest.mark.parametrize(("answer", "status"), [
    ("MSc", PASS), ("PhD", PASS), ("master", PASS), ("BSc", FAIL), ("none", FAIL),
    ("lots of courses", UNKNOWN),
])
def test_a_degree_answer_in_the_applicants_words(answer: str, status: str) -> None:
    [result] = evaluate_knockouts((DEGREE,), _resume(), {"degree": answer}, AS_OF)
    assert result.status == status, result.evidence


def test_bare_years_are_counted_the_same_way_by_knockouts_and_signals() -> None:
    resume = _resume(roles="### Data Analyst — Acme\n2018 – 2021\n\n- Built reports\n")
    role = resume.roles[0]
    first, last = month_count(role.start, AS_OF), month_count(role.end, AS_OF, end=True)
    assert (first % 12, last % 12) == (1, 0)  # January as a start, December as an end
    assert years_of_experience(resume, AS_OF) == (last - first + 1) / 12 == 4.0
    # The same reading decides which role is current: the one whose end is latest.
    older = "### Analyst — Old Co\n2015 – 2018\n\n- Filed reports\n\n"
    two = _resume(roles=older + "### Lead — New Co\n2018 – 2021\n\n- Led reports\n")
    assert two.roles[current_role(two, AS_OF)].company == "New Co"
    assert years_of_experience(replace(two, roles=two.roles[:1]), AS_OF) == 4.0
