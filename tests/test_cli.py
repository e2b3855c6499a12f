"""The command line: JSON shape, plain errors with exit code 3, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "triage", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_parse_json_shape() -> None:
    result = run("parse", "sample_resumes/senior_mlops.pdf", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["contact"]["name"] == "Jonas Brandt"
    assert data["roles"][0]["end"] == "present"
    assert data["pages"] == 2


def test_parse_bad_file_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "cv.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    result = run("parse", str(bad))
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_parse_missing_file() -> None:
    result = run("parse", "no/such/file.pdf")
    assert result.returncode == 3 and "Traceback" not in result.stderr


def test_a_month_that_is_not_yyyy_mm_is_refused_in_one_sentence() -> None:
    result = run("score", "sample_resumes/senior_mlops.txt", "--as-of", "garbage")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "YYYY-MM" in result.stderr and result.stderr.count("\n") == 1


def test_answers_in_words_are_read_not_crashed_on(tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('[answers]\nmin_years = "five"\nwork_authorization = "yes"\n',
                       encoding="utf-8")
    result = run("score", "sample_resumes/senior_mlops.txt", "--answers", str(answers),
                 "--as-of", "2026-11", "--json")
    assert result.returncode == 0, result.stderr
    statuses = {k["id"]: k["status"] for k in json.loads(result.stdout)["knockouts"]}
    assert statuses["min_years"] == "pass"
