"""Fuzzing as a habit (issue 12, section 4): a short bounded run of the same mutant generator
the long run uses (`python -m training.fuzz`), through the batch's bounded workers, must end
with no crash, no hang and no file over the memory bar. The slice is fixed (seed 1, the
samples only), so a failure here is a change in the code, never luck; the long run's figures
are in the README. Each mutant can be made again from its (seed, index) alone."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from training import fuzz

CI_SEED = 1  # the long run uses seed 0: this slice adds mutants it does not have
CI_INPUTS = 650  # 53 s on one worker here at load 2, 77 s at load 3 (8-12 inputs a second)
CI_SECONDS = 115.0  # the bar for CI is 2 minutes


def test_a_mutant_is_made_again_from_its_seed_and_index() -> None:
    first = [fuzz.mutant(CI_SEED, i, corpus=None) for i in range(10)]
    again = [fuzz.mutant(CI_SEED, i, corpus=None) for i in range(10)]
    assert [m.sha256 for m in first] == [m.sha256 for m in again]
    assert len({m.sha256 for m in first}) == 10
    # Naming the seed file (as the crasher list does) gives the same bytes, whatever seed files
    # this machine has.
    named = fuzz.mutant(CI_SEED, 3, corpus=None, source=first[3].source,
                        partner=first[3].partner or None)
    assert named.sha256 == first[3].sha256


def test_every_format_and_every_operator_is_drawn() -> None:
    mutants = [fuzz.mutant(0, i, corpus=None) for i in range(600)]
    assert Counter(m.fmt for m in mutants) == {fmt: 120 for fmt in fuzz.FORMATS}
    drawn = {op for m in mutants for op in m.ops}
    operators = {*fuzz.DUMB, "splice", *(op for ops in fuzz.AWARE.values() for op in ops)}
    assert operators <= drawn, operators - drawn
    assert all(len(m.data) <= fuzz.MAX_MUTANT_BYTES for m in mutants)


@pytest.mark.parametrize(("row", "outcome"), [
    ({"error": "", "verdict": "yes", "seconds": 0.4, "worker_peak_mb": 300}, "ok"),
    ({"error": "This PDF is damaged.", "seconds": 0.1, "worker_peak_mb": 280}, "typed"),
    ({"error": "This file could not be analysed (TypeError).", "seconds": 0.1}, "crash"),
    ({"error": "The file could not be opened (KeyError).", "seconds": 0.1}, "crash"),
    ({"error": "This file stopped the worker reading it (it ran out of memory or crashed).",
      "seconds": 0.0, "worker_peak_mb": None}, "crash"),
    ({"error": "Scoring took over 30 s and was stopped.", "seconds": 30.0}, "hang"),
    ({"error": "Scoring needed over 1536 MB and was stopped.", "seconds": 3.0}, "memory"),
    # the batch's alarm caught by a reader's catch-all comes back as the reader's sentence
    ({"error": "This Word file is damaged.", "seconds": 30.01, "worker_peak_mb": 300}, "hang"),
    ({"error": "", "verdict": "no", "seconds": 2.0, "worker_peak_mb": 1100}, "memory"),
    ({"error": "Line one.\nTraceback", "seconds": 0.1}, "crash"),
])
def test_rows_are_classed(row: dict, outcome: str) -> None:
    assert fuzz.classify(row) == outcome


def test_a_worker_the_watchdog_stopped_is_a_hang() -> None:
    row = {"error": "This file stopped the worker reading it (it ran out of memory or "
                    "crashed).", "seconds": 0.0, "worker_peak_mb": None}
    assert fuzz.classify(row, watchdog_fired=True) == "hang"


def test_the_watchdog_stops_a_worker_that_gives_no_row(monkeypatch) -> None:
    """A worker stuck in one long C call never sees its alarm: the watchdog kills it, the
    batch tries the file alone, and when that is stuck too the file is a hang. (Here the
    watchdog's patience is made shorter than a worker's start-up.)"""
    monkeypatch.setattr(fuzz, "WATCHDOG_S", 0.4)
    [result] = fuzz.run_mutants([fuzz.mutant(CI_SEED, 0, corpus=None)], workers=1)
    assert result.outcome == "hang" and "stopped the worker" in result.said


def test_crashers_are_recorded_once_and_made_again(tmp_path) -> None:
    m = fuzz.mutant(CI_SEED, 7, corpus=None)
    found = fuzz.Result(m.seed, m.index, m.fmt, m.source, m.partner, m.ops, m.sha256, "crash",
                        'This file could not be analysed ("quoted").', 0.2, 250.0)
    path = tmp_path / "crashers.toml"
    assert fuzz.record_crashers([found], path) == 1
    assert fuzz.record_crashers([found], path) == 0  # kept by (seed, index)
    [crasher] = fuzz.load_crashers(path)
    assert (crasher["seed"], crasher["index"], crasher["sha256"]) == (m.seed, m.index, m.sha256)
    assert fuzz.regenerate(crasher, corpus=None).data == m.data


def test_a_short_fuzz_run_has_no_crash_hang_or_blow_up() -> None:
    mutants = [fuzz.mutant(CI_SEED, i, corpus=None) for i in range(CI_INPUTS)]
    started = time.monotonic()
    results = fuzz.run_mutants(mutants, workers=1)
    seconds = time.monotonic() - started
    summary = fuzz.summarise(results)
    failures = [f"{r.outcome} {r.seed}:{r.index} {r.fmt} {r.source} {','.join(r.ops)}: "
                f"{r.said}" for r in results if r.outcome in fuzz.FAILURES]
    assert not failures, "\n".join(failures)
    assert summary["all"]["inputs"] == CI_INPUTS
    assert all(summary[fmt]["ok"] and summary[fmt]["typed"] for fmt in fuzz.FORMATS)
    assert summary["all"]["max_peak_mb"] < fuzz.PEAK_MB_LIMIT
    assert seconds < CI_SECONDS, f"{CI_INPUTS} inputs took {seconds:.0f} s"
