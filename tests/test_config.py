"""Requisitions, profiles and answers: shipped samples load, round-trip, and bad keys are named."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from triage import ConfigError, load_answers, load_profile, load_requisition
from triage.requisition import (
    profile_from_dict,
    profile_to_toml,
    requisition_from_dict,
    requisition_to_toml,
)

SHIPPED = ["mlops", "nurse", "designer"]


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_requisitions_round_trip(name: str) -> None:
    req = load_requisition(name)
    assert req.titles and req.must_have and req.knockouts
    assert requisition_from_dict(tomllib.loads(requisition_to_toml(req))) == req


def test_profile_defaults_and_round_trip() -> None:
    profile = load_profile("default_profile")
    assert profile.budget_s == 6.0 and profile.recruiters == 200
    assert profile_from_dict(tomllib.loads(profile_to_toml(profile))) == profile


def test_requisition_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(requisition_to_toml(load_requisition("nurse")), encoding="utf-8")
    assert load_requisition(path) == load_requisition("nurse")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"requisition": {"id": "x", "title": "y"}}, "missing key 'titles'"),
        ({"requisition": {"id": "x", "title": "y", "titles": ["a"], "salary": 3}},
         "unknown key 'salary'"),
        ({"requisition": {"id": "x", "title": "y", "titles": ["a"], "seniority": "god"}},
         "seniority 'god'"),
        ({"requisition": {"id": "x", "title": "y", "titles": ["a"],
                          "knockouts": [{"id": "k", "question": "q", "kind": "vibes",
                                         "required": "yes"}]}}, "knockouts[0].kind"),
        ({"requisition": {"id": "x", "title": "y", "titles": ["a"],
                          "knockouts": [{"id": "k", "question": "q", "kind": "min_years",
                                         "required": "lots"}]}}, "min_years needs a number"),
        ({"requisition": {"id": "x", "title": "y", "titles": [{"nme": "a"}]}}, "titles[0]"),
    ],
)
def test_bad_requisitions_name_the_key(data: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        requisition_from_dict(data)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"budgett_s": 3}, "unknown key 'budgett_s'"),
        ({"budget_s": -1}, "'budget_s' must be a number"),
        ({"budget_s": 500}, "between 0 and 120"),
        ({"recruiters": 0}, "'recruiters' must be a whole number"),
        ({"yes_threshold": 0.2, "no_threshold": 0.5}, "thresholds"),
        ({"signal_weights": {"vibes": 1}}, "unknown key 'vibes'"),
        ({"kind_weights": {"title": "high"}}, "'kind_weights.title' must be a number"),
    ],
)
def test_bad_profiles_name_the_key(table: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        profile_from_dict({"profile": table})


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_requisition(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[requisition\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_requisition(broken)


def test_answers() -> None:
    assert load_answers("sample_answers")["work_authorization"] == "yes"
    assert load_answers(None) == {}


def test_text_with_newlines_quotes_and_control_characters_round_trips() -> None:
    req = load_requisition("mlops")
    odd = replace(req, title='Senior "MLOps"\nEngineer\t\\ Berlin\x7f\x01',
                  field="ML\r\nops")
    assert requisition_from_dict(tomllib.loads(requisition_to_toml(odd))) == odd
