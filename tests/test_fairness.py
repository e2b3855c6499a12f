"""Fair by construction: the candidate's name never moves the verdict.

Identity fields (name, contact line) cost the simulated recruiter one fixed glance, whatever
their length, and carry no evidence. Swapping only the name, across cultures and lengths, must
hold every sample's score within 0.01 and never flip its verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from triage import score

SAMPLES = Path(__file__).resolve().parents[1] / "sample_resumes"
AS_OF = "2026-11"
REQUISITIONS = {"nurse_manager": "nurse", "designer_two_column": "designer"}
NAMES = ("Li Na", "Ana Ng", "María José García Fernández", "Oluwaseun Adebayo-Okonkwo",
         "Nguyễn Thị Minh Khai", "Jean-Baptiste de La Fontaine-Dubois",
         "Siddharth Venkataraman Subramanian", "Zoë O'Neill")
MAX_SPREAD = 0.01


def _with_name(persona: str, suffix: str, name: str) -> bytes:
    path = SAMPLES / f"{persona}{suffix}"
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        original = data["basics"]["name"]
        data["basics"]["name"] = name
        return json.dumps(data, ensure_ascii=False).encode()
    original = json.loads((SAMPLES / f"{persona}.json").read_text(encoding="utf-8"))[
        "basics"]["name"]
    text = path.read_text(encoding="utf-8")
    assert original in text
    return text.replace(original, name).encode()


@pytest.mark.parametrize("suffix", [".txt", ".json"])
@pytest.mark.parametrize("persona", sorted(p.stem for p in SAMPLES.glob("*.json")))
def test_swapping_the_name_moves_no_score(persona: str, suffix: str) -> None:
    requisition = REQUISITIONS.get(persona, "mlops")
    results = [score(_with_name(persona, suffix, name), requisition, filename=f"cv{suffix}",
                     as_of=AS_OF) for name in NAMES]
    scores = [r.verdict.score for r in results]
    assert max(scores) - min(scores) <= MAX_SPREAD, dict(zip(NAMES, scores, strict=True))
    assert len({r.verdict.label for r in results}) == 1
    assert {r.resume.contact.name for r in results} == set(NAMES)
