"""The workshop's demo pairs (sample_resumes/demo_pairs/pairs.toml): every pair is on disk, names
a shipped requisition, and its after version out-scores its before version; the hidden-text
pair's before version is caught hiding text."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from triage import score

ROOT = Path(__file__).resolve().parents[1]
PAIRS_DIR = ROOT / "sample_resumes" / "demo_pairs"
CONFIGS = ROOT / "triage" / "configs"
PAIRS = tomllib.loads((PAIRS_DIR / "pairs.toml").read_text(encoding="utf-8"))["pairs"]
FIELDS = ("id", "title", "requisition", "before", "after", "change", "talking_points")


@cache
def _scored(name: str, requisition: str) -> tuple[float, str, tuple[dict, ...]]:
    report = score(PAIRS_DIR / name, requisition=requisition, as_of="2026-11")
    data = report.to_dict()
    return report.verdict.score, data["verdict"], tuple(data["findings"])


def test_at_least_four_pairs_with_unique_ids():
    ids = [pair["id"] for pair in PAIRS]
    assert len(ids) >= 4
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair["id"])
def test_pair_is_complete_and_on_disk(pair):
    assert all(pair.get(key) for key in FIELDS), f"missing one of {FIELDS}"
    assert 3 <= len(pair["talking_points"]) <= 4
    assert (CONFIGS / f"{pair['requisition']}.toml").is_file(), "not a shipped requisition"
    for side in ("before", "after"):
        path = PAIRS_DIR / pair[side]
        assert path.is_file(), path
        assert (PAIRS_DIR / "sources" / f"{path.stem}.json").is_file()
    assert pair["before"] != pair["after"]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair["id"])
def test_after_scores_higher_than_before(pair):
    before, before_verdict, _ = _scored(pair["before"], pair["requisition"])
    after, after_verdict, _ = _scored(pair["after"], pair["requisition"])
    assert after > before + 0.05, (before_verdict, before, after_verdict, after)


def test_hidden_text_pair_before_is_reported_as_a_gimmick():
    pair = next(p for p in PAIRS if p["id"] == "hidden-keywords")
    _, _, before = _scored(pair["before"], pair["requisition"])
    _, _, after = _scored(pair["after"], pair["requisition"])

    def hidden(findings):
        return [f for f in findings if f["signal"] == "gimmicks" and "Hidden text" in f["message"]]

    assert hidden(before)
    assert not hidden(after)
