"""Hostile input: every file `training.hostile` builds is read or refused with one sentence,
quickly and in bounded memory, and the bounds themselves (text passes, skim, renders) hold at
ten times the limits. The files are made here at test time; nothing is fetched or committed."""

from __future__ import annotations

import io
import json
import logging
import time
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image

from training import hostile
from triage.cli import main
from triage.document import Document, Line, Page, Span
from triage.elements import Element
from triage.errors import (
    CorruptFileError,
    EmptyFileError,
    FileTooLargeError,
    OverLimitError,
    ReadError,
    TooManyPagesError,
    UnsupportedTypeError,
)
from triage.readers import read_document
from triage.readers.bounds import check_document, cut_tokens, printable
from triage.readers.limits import ReaderLimits
from triage.readers.text import text_blocks
from triage.render import MAX_PAGE_PIXELS, render_pages
from triage.requisition import Profile
from triage.skim import simulate

SECONDS = 5.0  # per hostile file, on a slow shared 2-core machine; each takes ~0.1-1 s here

# case -> the error it must end in (None: read, and scored without a crash).
EXPECTED: dict[str, type[ReadError] | None] = {
    "json-big-integer": None,
    "pdf-empty-glyph-text": None,
    "pdf-empty-tounicode": None,
    "pdf-runlength-truncated": CorruptFileError,
    "json-lone-surrogate": None,
    "json-10k-roles": OverLimitError,
    "json-10k-word-title": TooManyPagesError,
    "text-million-lines": OverLimitError,
    "pdf-1e9-page": OverLimitError,
    "pdf-20000pt-page": OverLimitError,
    "pdf-flate-bomb": FileTooLargeError,
    "pdf-root-self": CorruptFileError,
    "pdf-root-ref-to-itself": CorruptFileError,
    "pdf-recursive-reference": CorruptFileError,
    "pdf-20k-glyphs-one-spot": OverLimitError,
    "pdf-60-pages": TooManyPagesError,
    "text-50k-token": TooManyPagesError,
    "text-80k-dots": None,
    "md-100k-stars": None,
    "md-100k-brackets": None,
    "md-unclosed-marks": TooManyPagesError,
    "text-many-lines": OverLimitError,
    "text-9.9MB-stacked": OverLimitError,
    "pdf-lone-surrogate-json": None,
    "json-deep-nesting": UnsupportedTypeError,
    "json-deep-object": UnsupportedTypeError,
    "json-wrong-types": EmptyFileError,
    "json-1M-keywords": FileTooLargeError,
    "json-5M-name": OverLimitError,
    "text-nul-bytes": UnsupportedTypeError,
    "text-random-bytes": UnsupportedTypeError,
    "md-10MB-one-line": TooManyPagesError,
    "pdf-huge-image": None,
    "pdf-nested-arrays": None,
    "pdf-deep-page-tree": CorruptFileError,
    "docx-billion-laughs": CorruptFileError,
    "docx-external-entity": None,
    "docx-deep-tables": CorruptFileError,
    "docx-deep-xml": FileTooLargeError,
    "docx-zip-version": CorruptFileError,
    "docx-60k-entries": CorruptFileError,
}


def _build(name: str) -> tuple[bytes, str]:
    filename, build, *_ = hostile.CASES[name]
    if build is hostile.pdf_flate_bomb:  # over the per-stream limit, and quick to build
        return build(ReaderLimits().max_stream_bytes // 2**20 + 16), filename
    return build(), filename


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_is_read_or_refused_quickly(name: str) -> None:
    data, filename = _build(name)
    started = time.perf_counter()
    expected = EXPECTED[name]
    if expected is None:
        document = read_document(data, filename)
        text = " ".join(line.text for line in document.lines)
        text.encode("utf-8")  # printable: no lone surrogate survives reading
    else:
        with pytest.raises(expected) as caught:
            read_document(data, filename)
        message = caught.value.message
        assert message.count(". ") <= 2 and "\n" not in message and "Traceback" not in message
    assert time.perf_counter() - started < SECONDS


def test_every_case_of_the_runner_is_pinned_here() -> None:
    assert {name for name in hostile.CASES if not name.endswith("-json")} | {
        "pdf-lone-surrogate-json"} == set(EXPECTED)


@pytest.mark.parametrize("name", ["json-lone-surrogate", "pdf-lone-surrogate-json"])
def test_cli_prints_a_lone_surrogate_as_json(name: str, tmp_path, capsys) -> None:
    data, filename = _build(name)
    path = tmp_path / filename
    path.write_bytes(data)
    assert main(["score", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    json.loads(out)
    out.encode("utf-8")


def test_cli_refuses_a_hostile_file_with_one_line_and_exit_3(tmp_path, capsys) -> None:
    data, filename = _build("pdf-runlength-truncated")
    path = tmp_path / filename
    path.write_bytes(data)
    assert main(["score", str(path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_pdfminer_logs_nothing_beside_the_sentence() -> None:
    import triage.readers.pdf  # noqa: F401  (the reader silences pdfminer at import)

    assert not logging.getLogger("pdfminer").isEnabledFor(logging.CRITICAL)


def test_a_word_entity_never_reads_a_server_file() -> None:
    data, filename = _build("docx-external-entity")
    text = " ".join(line.text for line in read_document(data, filename).lines)
    assert text == "Jane Doe" and "root:" not in text


def test_json_integer_too_long_for_python_is_text() -> None:
    data = b'{"basics": {"name": "Jane Doe", "phone": ' + b"1" * 5000 + b"}}"
    document = read_document(data, "cv.json")
    assert document.lines[0].text == "Jane Doe"


# --- text passes are linear: ten times the limits, well under a second each here ---------------

TEN_X = 10 * ReaderLimits().max_line_chars * 40  # 400k: one line as long as a whole file may be


@pytest.mark.parametrize("unit", ["[", "*", "_", ".", "<", "`", "#", "*a _b [c ](` ", "![", "**a ",
                                  "[a](b ", "a  |  - ", "<a "])
def test_markdown_passes_are_linear(unit: str) -> None:
    line = unit * (TEN_X // len(unit))
    started = time.perf_counter()
    text_blocks("# " + line)
    text_blocks(line)
    assert time.perf_counter() - started < 4.0


def test_long_tokens_are_cut_in_one_pass() -> None:
    started = time.perf_counter()
    cut = cut_tokens("x" * 1_000_000 + " word", 200)
    assert time.perf_counter() - started < 1.0
    assert max(len(w) for w in cut.split()) == 200 and cut.endswith(" word")
    assert cut_tokens("short words stay", 200) == "short words stay"


def test_printable_replaces_lone_surrogates_only() -> None:
    assert printable("a\ud800b") == "a\ufffdb"
    assert printable("emoji \U0001f600 stays") == "emoji \U0001f600 stays"


def _document(lines: int, chars: int = 20, pages: int = 1) -> Document:
    out = [Line(f"l{i}", (Span(id=f"p0s{i}", text="w" * chars, page=0,
                                bbox=(72, 10 + i, 300, 20 + i), size=10.0),), 0)
           for i in range(lines)]
    return Document([Page(i, 612, 792) for i in range(pages)], out, "text")


def test_document_over_the_line_limits_is_refused() -> None:
    limits = ReaderLimits()
    with pytest.raises(OverLimitError, match="lines of text"):
        check_document(_document(limits.max_lines + 1), limits)
    with pytest.raises(OverLimitError, match="characters long"):
        check_document(_document(1, limits.max_line_chars + 1), limits)
    with pytest.raises(TooManyPagesError, match="reads as 11 pages"):
        check_document(_document(1, pages=11), limits)
    assert check_document(_document(10), limits)


# --- the skim works on a capped element set ------------------------------------------------------


def _elements(count: int) -> list[Element]:
    kinds = ("title", "bullet", "dates", "other")
    return [Element(id=f"e{i}", span_id=f"e{i}", kind=kinds[i % 4], text="Built a pipeline",
                    page=i // 60, bbox=(72.0, 40.0 + (i % 60) * 12, 300.0, 50.0 + (i % 60) * 12),
                    size=10.0, bold=False, caps=False, words=3, has_number=False, tail=False,
                    role_index=None)
            for i in range(count)]


def test_skim_of_ten_times_the_cap_is_bounded() -> None:
    profile = Profile()
    elements = _elements(10 * profile.max_elements)
    started = time.perf_counter()
    skim = simulate(elements, profile)
    assert time.perf_counter() - started < 4.0
    assert skim.p_by_time.shape[0] == len(elements)
    assert np.count_nonzero(skim.p_noticed) <= profile.max_elements


def test_skim_under_the_cap_is_unchanged_by_it() -> None:
    elements = _elements(120)
    whole = simulate(elements, Profile())
    capped = simulate(elements, replace(Profile(), max_elements=120))
    assert np.array_equal(whole.p_by_time, capped.p_by_time)
    assert whole.scan_paths == capped.scan_paths


# --- renders are sized by a pixel budget ---------------------------------------------------------


def test_a_huge_synthetic_page_renders_within_the_pixel_budget() -> None:
    document = Document([Page(0, 20_000.0, 20_000.0)], [], "text")
    started = time.perf_counter()
    (png,) = render_pages(b"", document)
    width, height = Image.open(io.BytesIO(png)).size
    assert width * height <= MAX_PAGE_PIXELS * 1.01
    assert time.perf_counter() - started < 4.0


def test_a_docx_with_an_oversized_text_part_is_refused_before_it_is_parsed() -> None:
    """58 MB of document XML zips to ~330 KB and passes the archive's size and ratio checks;
    python-docx then worked on it for over a minute. Its main part is checked first now."""
    import io
    import zipfile

    import docx

    from triage.errors import OverLimitError
    from triage.readers import read_document
    from triage.readers.limits import ReaderLimits

    made = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.save(made)
    limit = ReaderLimits().max_document_xml_bytes
    source = zipfile.ZipFile(io.BytesIO(made.getvalue()))
    bloated = io.BytesIO()
    with zipfile.ZipFile(bloated, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "word/document.xml":
                cut = part.rindex(b"<w:sectPr")
                filler = b"<w:p><w:r><w:t>" + b"word " * 100 + b"</w:t></w:r></w:p>"
                part = part[:cut] + filler * (limit // len(filler) + 1) + part[cut:]
            archive.writestr(info, part)
    started = time.perf_counter()
    with pytest.raises(OverLimitError, match="text part is"):
        read_document(bloated.getvalue(), "cv.docx")
    assert time.perf_counter() - started < SECONDS
