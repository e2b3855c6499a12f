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
