"""A fix never asks for what the resume already does: no "missing must-have" fix names a skill
the page already shows in any of its spellings, on any shipped sample against any shipped job."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from triage import load_requisition, score

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "sample_resumes").glob("*.pdf"))


@pytest.mark.parametrize("job", ["mlops", "nurse", "designer"])
def test_no_fix_asks_for_a_skill_the_page_already_shows(job: str) -> None:
    spellings = {t.name: (t.name, *t.aliases) for t in load_requisition(job).must_have}
    asked = 0
    for sample in SAMPLES:
        triage = score(sample, requisition=job, as_of="2026-11")
        shown = " ".join(span.text for line in triage.resume.document.lines
                         for span in line.visible_spans).lower()
        missing = [s.finding.must_have for s in triage.verdict.scored
                   if s.finding.absence and s.finding.must_have]
        asked += len(missing)
        for term in missing:
            for spelling in spellings[term]:
                assert not re.search(rf"(?<!\w){re.escape(spelling.lower())}(?!\w)", shown), (
                    f"{sample.name} for {job}: a fix asks for '{term}' but the page says "
                    f"'{spelling}'")
    assert asked > 0  # the samples do miss some of this job's must-haves: the check has teeth
