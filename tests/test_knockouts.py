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
from triage.requisition import DEGREE_LEVELS, Knockout, load_requisition
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


def _knockouts(text: str, requisition: str = "mlops") -> dict[str, object]:
    """Knockout results by id for a Markdown resume against a shipped requisition."""
    req = load_requisition(requisition)
    resume = parse(text.encode(), "cv.md")
    return {k.id: k for k in evaluate_knockouts(req.knockouts, resume, {}, AS_OF)}


def _cv(contact: str, line: str = "", role: str = "MLOps Engineer — Acme",
        dates: str = "Jan 2018 – Present") -> str:
    return (f"# Sam Lee\nsam@example.com | {contact}\n\n{line}\n\n## Experience\n\n"
            f"### {role}\n{dates}\n\n- Built the model registry\n")


@pytest.mark.parametrize("line", [
    "Nationality: Polish", "EU citizen", "Eligible to work in the EU", "Dutch national",
    "Nationalité : française", "Staatsangehörigkeit: deutsch", "EU Blue Card holder",
    "Does not require visa sponsorship", "No sponsorship required",
    "Authorised to work in Germany",
    "Irish passport holder",
])
def test_work_rights_stated_in_many_ways_pass(line: str) -> None:
    result = _knockouts(_cv("Lisbon, Portugal", line))["work_authorization"]
    assert result.status == PASS, result.evidence
    assert result.evidence_spans and line[:10] in result.evidence


@pytest.mark.parametrize(("line", "status"), [
    ("Will require visa sponsorship", FAIL),
    ("Not authorised to work in the EU", FAIL),
    ("UK citizen", UNKNOWN),
    # a placeless "no sponsorship" beside a citizenship outside the EU is about that country
    ("UK citizen - no sponsorship required", UNKNOWN),
    ("Nationality: Indian", UNKNOWN),
    ("EU Blue Card application pending", UNKNOWN),
])
def test_work_rights_that_do_not_reach_the_eu(line: str, status: str) -> None:
    result = _knockouts(_cv("Lisbon, Portugal", line))["work_authorization"]
    assert result.status == status, result.evidence
    assert result.status != UNKNOWN or result.points_away


def test_an_unstated_right_to_work_is_a_question_that_leans_on_where_they_live() -> None:
    in_eu = _knockouts(_cv("Warsaw, Poland"))["work_authorization"]
    abroad = _knockouts(_cv("Toronto, ON"))["work_authorization"]
    assert in_eu.status == abroad.status == UNKNOWN
    assert not in_eu.points_away and abroad.points_away
    assert "Toronto" in abroad.evidence


@pytest.mark.parametrize(("contact", "line", "status", "leans"), [
    ("Munich, Germany", "", PASS, False),
    ("Munich, Bavaria", "", PASS, False),
    ("Toronto, ON", "Open to relocation", PASS, False),
    ("Toronto, ON", "Not open to relocation", FAIL, False),
    ("Toronto, ON", "", UNKNOWN, True),
    ("sam@example.org", "", UNKNOWN, False),
])
def test_location_with_negation(contact: str, line: str, status: str, leans: bool) -> None:
    result = _knockouts(_cv(contact, line))["location"]
    assert (result.status, result.points_away) == (status, leans), result.evidence


NURSE = ("# Niamh Walsh\nniamh@example.com | Galway, Ireland\n\n{line}\n\n## Experience\n\n"
         "### {title} — University Hospital Galway\nJan 2015 – Present\n\n- Led the ward\n\n"
         "### Healthcare Assistant — Care Home\nJan 2010 – Dec 2014\n\n- Supported residents\n")


@pytest.mark.parametrize(("line", "status", "leans"), [
    ("NMBI registration: PIN 123456", PASS, False),
    ("Registered with the Nursing and Midwifery Board of Ireland", PASS, False),
    ("NMBI registration pending (applied Sept 2026)", UNKNOWN, True),
    ("Member of the Irish Nurses Union", UNKNOWN, False),
])
def test_registration_pending_is_not_held(line: str, status: str, leans: bool) -> None:
    result = _knockouts(NURSE.format(line=line, title="Staff Nurse"), "nurse")["registration"]
    assert (result.status, result.points_away) == (status, leans), result.evidence


def test_a_higher_life_support_certificate_answers_for_bls() -> None:
    text = NURSE.format(line="ACLS (American Heart Association), valid to 2027",
                        title="Staff Nurse")
    result = _knockouts(text, "nurse")["bls"]
    assert result.status == PASS and "ACLS" in result.evidence


def test_post_registration_years_count_only_roles_as_a_nurse() -> None:
    as_nurse = _knockouts(NURSE.format(line="", title="Staff Nurse"), "nurse")["min_years"]
    assert as_nurse.status == PASS  # 2015 - 2026 as a nurse
    assistant_only = NURSE.format(line="", title="Ward Clerk").replace("Jan 2015", "Jan 2023")
    result = _knockouts(assistant_only, "nurse")["min_years"]
    assert result.status == FAIL and "0.0 years" in result.evidence, result.evidence


DESIGNER = ("# Lan Nguyen\nlan@example.com | Lyon, France\n\n## Experience\n\n"
            "### Product Designer — Fintech SAS\nJan 2018 – Present\n\n- Ran user research\n\n"
            "## Languages\n\n{languages}\n")


@pytest.mark.parametrize(("languages", "status"), [
    ("English (C2), French (C1)", PASS),
    ("English (C2), French (A2), Vietnamese (native)", FAIL),
    ("English, Spanish, Vietnamese", FAIL),
    ("Français : langue maternelle", PASS),
])
def test_language_level_and_a_full_list_as_evidence(languages: str, status: str) -> None:
    result = _knockouts(DESIGNER.format(languages=languages), "designer")["language"]
    assert result.status == status, result.evidence


@pytest.mark.parametrize(("location", "country"), [
    ("Lisbon, Portugal", "PT"), ("Berlin, DE", "DE"), ("Indianapolis, IN", "US"),
    ("Toronto, ON", "CA"), ("Munich, Bavaria", "DE"), ("Remote", None), ("", None),
])
def test_where_a_printed_location_is(location: str, country: str | None) -> None:
    from triage.work_rights import country_of

    assert country_of(location) == country


def test_every_work_rights_phrase_has_a_trigger_word() -> None:
    """Lines without a trigger skip the country search, so a phrase without one could never
    match: the data file must keep the two in step."""
    from triage.work_rights import _phrases

    data = _phrases()
    triggers = data["lines"]["triggers"]
    for key in ("yes", "no"):
        for phrase in data["phrases"][key]:
            assert any(t in phrase.lower() for t in triggers), phrase
