"""Every input the fuzzer found crashing, hanging or blowing up, kept as a regression fixture.

The fixtures are not files: `tests/data/fuzz_crashers.toml` (written by
`python -m training.fuzz --record-crashers`) names each by (seed, index) and the seed files it
was made from, and `training.fuzz` makes its bytes again. Each must now end, through the
batch's bounded workers, in a verdict or one typed sentence."""

from __future__ import annotations

import pytest

from training import fuzz

CRASHERS = fuzz.load_crashers()


def _available(crasher: dict) -> bool:
    """Whether this machine has the seed files (a corpus PDF may be missing)."""
    return all(fuzz._source_path(name, fuzz.CORPUS).is_file()
               for name in (crasher["source"], crasher["partner"]) if name)


def test_the_crasher_list_is_there_and_well_formed() -> None:
    assert CRASHERS, "tests/data/fuzz_crashers.toml lists no crasher"
    for crasher in CRASHERS:
        assert crasher["format"] in fuzz.FORMATS
        assert crasher["found"].split()[0] in fuzz.FAILURES
    assert len({(c["seed"], c["index"]) for c in CRASHERS}) == len(CRASHERS)


def test_each_crasher_is_made_again_byte_for_byte() -> None:
    """A changed sample would silently make other mutants: then re-derive the list."""
    changed = [f"{c['seed']}:{c['index']} from {c['source']}" for c in CRASHERS
               if _available(c) and fuzz.regenerate(c).sha256 != c["sha256"]]
    assert not changed, ("these mutants no longer match what was found (a seed file changed):"
                         f" {changed}")


def test_every_crasher_now_ends_in_a_verdict_or_one_sentence() -> None:
    present = [c for c in CRASHERS if _available(c)]
    if not present:
        pytest.skip("none of the crashers' seed files are on this machine")
    results = fuzz.run_mutants([fuzz.regenerate(c) for c in present], workers=1)
    still = [f"{r.seed}:{r.index} {r.fmt} ({r.outcome}, {r.seconds:.1f} s): {r.said}"
             for r in results if r.outcome in fuzz.FAILURES]
    assert not still, "\n".join(still)
