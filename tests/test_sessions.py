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


def test_per_resume_indexes_live_on_the_resume_not_in_the_process() -> None:
    """The signals' per-resume indexes are kept on each Resume (so two sessions never share
    one), not in a module-level table, and are not copied into pickles (Streamlit's cache and
    the isolation child pickle resumes)."""
    import pickle

    import triage.signals._text as text
    from triage import parse
    from triage.signals._text import span_texts

    sample = SAMPLES[0].parent / "senior_mlops.pdf"
    resume, twin = parse(sample), parse(sample)
    assert span_texts(resume) == span_texts(twin) and span_texts(resume) is not span_texts(twin)
    assert span_texts(resume) is span_texts(resume)
    assert "_derived" not in pickle.loads(pickle.dumps(resume)).__dict__
    assert not [name for name, value in vars(text).items()
                if isinstance(value, dict | list | set) and not name.startswith("__")]
