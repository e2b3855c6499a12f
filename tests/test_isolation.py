"""The app's reading, scoring and drawing run in a killable child (issue 12, section 1): a call
that loops, allocates without end or dies costs one plain sentence within its bound, the caller
keeps going, and an ordinary resume comes back exactly as it would in process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from triage import Bounds, bounded, parse, score
from triage.errors import CorruptFileError, EmptyFileError, OverLimitError, TooSlowError

SAMPLE = Path(__file__).resolve().parent.parent / "sample_resumes" / "senior_mlops.pdf"
QUICK = Bounds(seconds=3.0, memory_mb=600)


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def hoard(megabytes: int) -> bytes:
    return b"x" * (megabytes * 1_048_576)


def die() -> None:
    os._exit(3)


def fail() -> None:
    raise KeyError("a reader bug")


def test_a_resume_scores_the_same_in_the_child() -> None:
    data = SAMPLE.read_bytes()
    resume = bounded(parse, data, filename=SAMPLE.name)
    in_child = bounded(score, resume, seed=7)
    in_process = score(parse(data, filename=SAMPLE.name), seed=7)
    assert in_child.to_dict() == in_process.to_dict()


def test_a_read_error_keeps_its_sentence() -> None:
    with pytest.raises(EmptyFileError) as in_child:
        bounded(parse, b"", filename="empty.pdf")
    with pytest.raises(EmptyFileError) as in_process:
        parse(b"", filename="empty.pdf")
    assert in_child.value.message == in_process.value.message


def test_a_runaway_call_is_stopped_within_its_bound() -> None:
    started = time.monotonic()
    with pytest.raises(TooSlowError, match="more than 3 s"):
        bounded(spin, 60.0, bounds=QUICK)
    assert time.monotonic() - started < QUICK.seconds + 2.0


def test_a_call_that_outgrows_its_memory_is_refused() -> None:
    with pytest.raises(OverLimitError, match="600 MB"):
        bounded(hoard, 2000, bounds=QUICK)


@pytest.mark.parametrize("function", [die, fail])
def test_a_crash_or_a_dead_child_is_one_sentence(function) -> None:
    with pytest.raises((CorruptFileError, OverLimitError)) as caught:
        bounded(function, bounds=QUICK)
    assert "\n" not in caught.value.message and "Traceback" not in caught.value.message


def test_the_caller_keeps_serving_after_a_runaway() -> None:
    with pytest.raises(TooSlowError):
        bounded(spin, 60.0, bounds=QUICK)
    assert bounded(parse, SAMPLE.read_bytes(), filename=SAMPLE.name).roles
