"""Sessions cannot disturb each other: Streamlit runs every session in a thread of one process,
so scoring different files from 8 threads at once must give, byte for byte, what scoring them
one after another gives (the signals keep per-resume caches; this guards them)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from triage import score

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[1] / "sample_resumes").iterdir()
                 if p.suffix in (".pdf", ".txt", ".json"))[:8]
JOBS = ("mlops", "nurse", "designer")


def _scored(n: int) -> str:
    sample = SAMPLES[n % len(SAMPLES)]
    result = score(sample, requisition=JOBS[n % len(JOBS)], as_of="2026-11")
    return json.dumps(result.to_dict(), sort_keys=True)


def test_eight_threads_score_as_one_does() -> None:
    cases = range(2 * len(SAMPLES))
    serial = [_scored(n) for n in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(_scored, cases))
    assert len(SAMPLES) == 8 and len(set(serial)) == len(serial)  # all different
    assert threaded == serial
