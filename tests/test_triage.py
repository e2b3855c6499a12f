"""score(): the JSON contract, determinism, knockouts and the verdict rules."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from triage import load_requisition, score
from triage.knockouts import years_of_experience
from triage.requisition import Knockout

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_resumes"
AS_OF = "2026-11"


def test_json_shape() -> None:
    data = score(SAMPLES / "senior_mlops.pdf", as_of=AS_OF).to_dict()
    assert data["verdict"] in ("yes", "maybe", "no")
    assert 0.0 <= data["score"] <= 1.0
    assert isinstance(data["reasons"], list) and data["reasons"]
    assert {"question", "status", "evidence"} <= set(data["knockouts"][0])
    for finding in data["findings"]:
        assert {"signal", "polarity", "message", "fix", "evidence"} <= set(finding)
    kinds = {e["kind"] for e in data["elements"]}
    assert kinds <= {"name", "title", "company", "dates", "heading", "bullet", "summary",
                     "education", "skills", "contact", "other"}
    element = data["elements"][0]
    assert {"id", "kind", "text", "page", "bbox", "p_noticed", "first_noticed_s",
            "dwell_s"} <= set(element)
    assert data["budget_s"] == 6.0 and isinstance(data["seed"], int)


def test_cli_json_is_byte_identical_for_the_same_inputs() -> None:
    def run(seed: str) -> bytes:
        return subprocess.run(
            [sys.executable, "-m", "triage", "score", "sample_resumes/career_changer.pdf",
             "--json", "--seed", seed, "--as-of", AS_OF, "--budget", "7.4"],
            cwd=ROOT, capture_output=True, check=True, timeout=120).stdout

    first = run("11")
    assert first == run("11")
    assert first != run("12")
    assert json.loads(first)["budget_s"] == 7.4


def test_a_failed_knockout_means_no_whatever_else() -> None:
    strong = score(SAMPLES / "senior_mlops.pdf", as_of=AS_OF)
    refused = score(SAMPLES / "senior_mlops.pdf", answers={"work_authorization": "no"},
                    as_of=AS_OF)
    assert refused.verdict.label == "no"
    assert refused.verdict.score == strong.verdict.score  # the knockout overrides, not the score
    assert any("Knockout failed" in r for r in refused.verdict.reasons)


def test_an_unanswered_knockout_is_a_question_and_holds_at_maybe_only_when_strict() -> None:
    req = load_requisition("mlops")
    clearance = Knockout("clearance", "Do you hold an active NATO SECRET clearance?",
                         "certification", "NATO SECRET")
    asked = score(SAMPLES / "senior_mlops.pdf", as_of=AS_OF,
                  requisition=replace(req, knockouts=req.knockouts + (clearance,)))
    held = score(SAMPLES / "senior_mlops.pdf", as_of=AS_OF, requisition=replace(
        req, knockouts=req.knockouts + (replace(clearance, strict=True),)))
    assert asked.verdict.label == "yes"
    assert held.verdict.label == "maybe" and held.verdict.score == asked.verdict.score
    assert any("Held at 'maybe'" in r and "NATO SECRET" in r for r in held.verdict.reasons)
    for result in (asked, held):
        assert any("NATO SECRET" in q for q in result.verdict.questions)
        statuses = {k.id: k.status for k in result.knockouts}
        assert statuses["clearance"] == "unknown"
        assert statuses["work_authorization"] == "pass"


def test_knockouts_read_the_resume() -> None:
    result = score(SAMPLES / "senior_mlops.pdf", as_of=AS_OF)
    statuses = {k.id: k.status for k in result.knockouts}
    assert statuses == {"work_authorization": "pass", "location": "pass", "min_years": "pass"}
    assert 10 < years_of_experience(result.resume, AS_OF) < 14
    grad = score(SAMPLES / "new_graduate.pdf", as_of=AS_OF)
    assert {k.id: k.status for k in grad.knockouts}["min_years"] == "fail"


def test_other_fields_requisitions() -> None:
    nurse = score(SAMPLES / "nurse_manager.pdf", requisition="nurse", as_of=AS_OF)
    assert {k.id: k.status for k in nurse.knockouts}["bls"] == "pass"
    designer = score(SAMPLES / "designer_two_column.pdf", requisition="designer", as_of=AS_OF)
    assert {k.id: k.status for k in designer.knockouts}["language"] == "pass"


def _persona_requisition(persona: str) -> str:
    return {"nurse_manager": "nurse", "designer_two_column": "designer"}.get(persona, "mlops")


@pytest.mark.parametrize("budget", [6.0, 30.0])
@pytest.mark.parametrize("persona", sorted(p.stem for p in (SAMPLES / "sources").glob("*.json")))
def test_format_alone_never_flips_a_verdict(persona: str, budget: float) -> None:
    labels = {suffix: score(SAMPLES / f"{persona}{suffix}", _persona_requisition(persona),
                            budget=budget, as_of=AS_OF).verdict.label
              for suffix in (".pdf", ".docx", ".txt", ".json")}
    assert len(set(labels.values())) == 1, labels
