"""Benchmark: where the time goes, stage by stage, against pdfminer's own layout pass.

`python -m triage bench [FILE ...] [--repeat N]` prints median milliseconds per stage. The
baseline is pdfminer.six's `extract_pages` with default LAParams on the same file: parsing cannot
be cheaper than that, so the ratio says what our own work costs on top.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams

from triage.elements import build_elements
from triage.findings import SignalContext
from triage.knockouts import evaluate_knockouts
from triage.readers import read_document
from triage.requisition import load_profile, load_requisition
from triage.signals import run_signals
from triage.skim import simulate
from triage.structure import DEFAULT_PARSER, PARSERS, auto_structure, learned_structure, structure
from triage.structure.pieces import normalise
from triage.verdict import decide

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "sample_resumes" / "senior_mlops.pdf"
TARGET_RATIO = 1.2  # the parse's bar: this many times pdfminer's own layout pass


def _median_ms(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _cold(parse: Callable[[Any], Any], doc: Any) -> Callable[[], Any]:
    """`parse(doc)` with the text cache emptied first: its hits on this same file's texts would
    flatter every rerun."""
    def run() -> Any:
        normalise.cache_clear()
        return parse(doc)
    return run


def bench_file(path: Path, repeat: int = 7) -> dict[str, float]:
    """Median ms of each stage on one file (after one warm-up run)."""
    data = path.read_bytes()
    req, profile = load_requisition("mlops"), load_profile()
    as_of = "2026-11"

    def pdfminer_only() -> int:
        return sum(1 for _ in extract_pages(io.BytesIO(data), laparams=LAParams()))

    def parse() -> Any:
        doc = read_document(data, path.name)
        return doc, _cold(PARSERS[DEFAULT_PARSER], doc)()

    def whole() -> Any:
        doc, resume = parse()
        page = doc.pages[0]
        skim = simulate(build_elements(resume), profile, req, page_size=(page.width, page.height),
                        body_size=doc.body_size)
        knockouts = evaluate_knockouts(req.knockouts, resume, {}, as_of)
        findings = run_signals(SignalContext(resume, skim, req, profile, knockouts, {}, as_of))
        return decide(findings, knockouts, skim, profile)

    whole()  # warm caches (word lists, regexes) as a running app would have them
    out: dict[str, float] = {}
    if data.startswith(b"%PDF"):
        # Interleave baseline and whole runs so drift in machine speed hits both alike.
        runs = [(_median_ms(pdfminer_only, 1)[0], _median_ms(parse, 1)[0],
                 _median_ms(whole, 1)[0]) for _ in range(repeat)]
        out["pdfminer layout pass (baseline)"] = statistics.median(r[0] for r in runs)
        out[f"parse ({DEFAULT_PARSER}) / pdfminer pass (paired)"] = statistics.median(
            p / b for b, p, _ in runs)
        out["whole score / pdfminer pass (paired)"] = statistics.median(w / b for b, _, w in runs)
    out["read (reader + columns)"], doc = _median_ms(lambda: read_document(data, path.name),
                                                     repeat)
    out["structure (rules)"], _ = _median_ms(_cold(structure, doc), repeat)
    out["structure (learned labeller)"], _ = _median_ms(_cold(learned_structure, doc), repeat)
    out["structure (auto: both, the default)"], resume = _median_ms(_cold(auto_structure, doc),
                                                                      repeat)
    out["elements"], elements = _median_ms(lambda: build_elements(resume), repeat)
    page = doc.pages[0]
    out[f"skim ({profile.recruiters} recruiters, {profile.budget_s:g} s)"], skim = _median_ms(
        lambda: simulate(elements, profile, req, page_size=(page.width, page.height),
                         body_size=doc.body_size), repeat)
    knockouts = evaluate_knockouts(req.knockouts, resume, {}, as_of)
    ctx = SignalContext(resume, skim, req, profile, knockouts, {}, as_of)
    out["signals"], findings = _median_ms(lambda: run_signals(ctx), repeat)
    out["verdict"], _ = _median_ms(lambda: decide(findings, knockouts, skim, profile), repeat)
    out["whole score (parse included)"], _ = _median_ms(whole, repeat)
    return out


def report(paths: list[Path], repeat: int) -> str:
    """Each file's stages; over several PDFs, also the spread of the parse's ratio to pdfminer's
    pass and how many files stay within TARGET_RATIO of it."""
    lines, ratios = [], []
    for path in paths:
        result = bench_file(path, repeat)
        lines.append(f"{path.name} (median of {repeat} runs, ms)")
        for stage, value in result.items():
            unit = "x" if "/" in stage else ""
            lines.append(f"  {stage:<40} {value:8.{2 if unit else 1}f}{unit}")
        ratios.extend(v for k, v in result.items() if k.startswith("parse ("))
    if len(ratios) > 1:
        within = sum(round(r, 2) <= TARGET_RATIO for r in ratios)
        lines.append(f"parse / pdfminer pass over {len(ratios)} PDFs: {min(ratios):.2f}x to "
                     f"{max(ratios):.2f}x; {within} within {TARGET_RATIO}x")
    return "\n".join(lines)
