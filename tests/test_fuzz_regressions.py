"""Every input the fuzzer found crashing, hanging or blowing up, kept as a regression fixture.

The fixtures are not files: `tests/data/fuzz_crashers.toml` (written by
`python -m training.fuzz --record-crashers`) names each by (seed, index) and the seed files it
was made from, and `training.fuzz` makes its bytes again. Each must now end, through the
batch's bounded workers, in a verdict or one typed sentence."""

from __future__ import annotations

import time

import pytest
from pdfminer import pdffont

from training import fuzz, hostile
from triage.errors import CorruptFileError
from triage.readers import read_document

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


# Two font tables that pdfminer fills one code at a time, made here by hand: the first was found
# by the fuzzer on a corpus PDF (0:4140 above; CI may not have the corpus), the second while
# checking the fix for the same pattern in the character-map parser. Each used to end in a
# MemoryError at the batch's 1.5 GB bound.

def _cid_font_pdf(widths: bytes) -> bytes:
    type0 = (b"<< /Type /Font /Subtype /Type0 /BaseFont /Helvetica /Encoding /Identity-H "
             b"/DescendantFonts [6 0 R] >>")
    cid_font = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Helvetica /CIDSystemInfo "
                b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W " + widths + b" >>")
    return hostile.one_page_pdf(hostile.text_content(), font=type0, more=[cid_font])


def _tounicode_range_pdf(first: bytes, last: bytes) -> bytes:
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange " + first + b" " + last + b" endcodespacerange\n"
            b"1 beginbfrange " + first + b" " + last + b" <0041> endbfrange\nendcmap end end")
    font, tounicode = hostile._tounicode_font(cmap)
    return hostile.one_page_pdf(hostile.text_content(), font=font, more=[tounicode])


@pytest.mark.parametrize("pdf", [
    _cid_font_pdf(b"[-2147483648 0 500]"),
    _cid_font_pdf(b"[0 4294967295 500]"),
    _tounicode_range_pdf(b"<00000000>", b"<FFFFFFFF>"),
], ids=["widths-from-minus-2^31", "widths-to-2^32", "tounicode-4-billion"])
def test_a_font_table_of_billions_of_codes_is_refused_quickly(pdf: bytes) -> None:
    started = time.monotonic()
    with pytest.raises(CorruptFileError, match="A font in this PDF is damaged"):
        read_document(pdf, "font.pdf")
    assert time.monotonic() - started < 5.0


def test_ordinary_font_tables_still_read() -> None:
    assert pdffont.get_widths([0, [500, 600], 3, 5, 700]) == {0: 500, 1: 600, 3: 700, 4: 700,
                                                              5: 700}
    assert read_document(_tounicode_range_pdf(b"<00>", b"<FF>"), "font.pdf").lines
