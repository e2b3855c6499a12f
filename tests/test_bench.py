"""The bench's summary over several files: the spread of the parse's ratio to pdfminer's pass
and how many files meet the bar, as printed (two decimals)."""

from __future__ import annotations

from pathlib import Path

import pytest

from triage import bench


def test_the_summary_spans_the_ratios_and_counts_files_within_the_bar(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ratios = iter([0.9, 1.204, 1.3])
    monkeypatch.setattr(bench, "bench_file", lambda path, repeat: {
        "pdfminer layout pass (baseline)": 20.0,
        "parse (auto) / pdfminer pass (paired)": next(ratios)})
    out = bench.report([Path("a.pdf"), Path("b.pdf"), Path("c.pdf")], 1).splitlines()
    assert out[-1] == "parse / pdfminer pass over 3 PDFs: 0.90x to 1.30x; 2 within 1.2x"
    assert out.count("  parse (auto) / pdfminer pass (paired)        1.20x") == 1


def test_one_file_gets_no_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "bench_file", lambda path, repeat: {
        "parse (auto) / pdfminer pass (paired)": 1.1})
    assert "over" not in bench.report([Path("a.pdf")], 1)
