"""A DOCX on its real page: LibreOffice's PDF gives the positions, the DOCX reader the rest.

The alignment tests need no LibreOffice: a DOCX made with python-docx is read onto the notional
page, and a PDF made with fpdf2 prints the same text elsewhere (dates on the left, other line
breaks, other page size); every span must land where that PDF prints it. The conversion is
tested with stand-in programs (one that fails, one that hangs, one that 'converts' by copying a
PDF) and, where LibreOffice is installed, for real.
"""

from __future__ import annotations

import io
import stat
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import docx_bytes
from docx.shared import RGBColor
from fpdf import FPDF
from PIL import Image

from triage.document import PAGE_APPROXIMATE, PAGE_FROM_LIBREOFFICE, Document, Span
from triage.readers import read_document
from triage.readers.docx_page import (
    ENV_SWITCH,
    docx_to_pdf,
    page_mode,
    soffice_binary,
    without_external_links,
)
from triage.readers.limits import ReaderLimits
from triage.readers.page_align import fold, place_on_pages
from triage.readers.pdf import read_pdf
from triage.render import render_pages

APPROXIMATE = ReaderLimits(docx_pages="approximate")
REAL = ReaderLimits(docx_pages="libreoffice")
NAME, ROLE, DATES = "Ada Lovelace", "Senior Engineer, Analytical Engines Ltd", "2019 – 2023"
STUFFING = "kubernetes terraform hidden keywords"
SUMMARY = ("Built the first published algorithm for a general purpose computing machine and "
           "wrote the notes that explained how the engine could compose music, weave patterns "
           "and handle symbols as well as numbers, long before anyone had built one")
A4 = (595.28, 841.89)


def _resume_docx() -> bytes:
    """Name, a role line with its dates set right by a tab, a summary, white stuffing."""
    document = docx.Document()
    document.add_paragraph(NAME, style="Title")
    document.add_paragraph(f"{ROLE}\t{DATES}")
    summary = document.add_paragraph(SUMMARY)
    hidden = summary.add_run(" " + STUFFING)
    hidden.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    document.add_paragraph("Cut release time by 40% across three teams", style="List Bullet")
    return docx_bytes(document)


def _pdf(draw_lines: list[tuple[float, float, str, bool]], size: float = 11) -> bytes:
    """An A4 PDF in points: (x, baseline, text, white) per line, Helvetica regular."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.add_page()
    pdf.set_font("Helvetica", size=size)
    for x, y, text, white in draw_lines:
        pdf.set_text_color(*((255, 255, 255) if white else (0, 0, 0)))
        pdf.text(x, y, text)
    return bytes(pdf.output())


def _summary_lines(width: int) -> list[str]:
    """The summary broken at `width` characters: other breaks than the notional page's."""
    lines, current = [], ""
    for word in SUMMARY.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current]


def _printed_summary() -> list[str]:
    """The summary as the page prints it: in narrow lines, one word hyphenated at a break (so
    only a fuzzy match finds the notional page's line)."""
    lines = _summary_lines(60)
    head, _, rest = lines[1].partition(" ")
    lines[0], lines[1] = f"{lines[0]} {head[:3]}-", f"{head[3:]} {rest}"
    return lines


def _real_page_pdf() -> bytes:
    """The resume as a word processor might print it: dates in a left column, the summary in
    narrow lines, the stuffing in white at the foot of the page."""
    lines = [(230, 60, NAME, False), (40, 100, DATES, False), (150, 100, ROLE, False)]
    summary = _printed_summary()
    lines += [(150, 130 + 15 * i, text, False) for i, text in enumerate(summary)]
    lines.append((400, 800, STUFFING, True))
    lines.append((165, 130 + 15 * len(summary), "Cut release time by 40% across three teams",
                  False))
    return _pdf(lines)


def _by_text(document: Document) -> dict[str, Span]:
    return {span.text: span for span in document.spans()}


def _close(a: float, b: float, tolerance: float = 1.5) -> bool:
    return abs(a - b) <= tolerance


def test_spans_land_where_the_pdf_prints_them_with_the_docx_typography() -> None:
    approximate = read_document(_resume_docx(), "cv.docx", APPROXIMATE)
    page = read_pdf(_real_page_pdf(), ReaderLimits())
    placed, placement = place_on_pages(approximate, page)
    before, after, printed = _by_text(approximate), _by_text(placed), _by_text(page)
    assert before[DATES].x0 > before[ROLE].x1  # the notional page puts the dates on the right
    for text in (NAME, ROLE, DATES):
        assert after[text].page == 0
        assert _close(after[text].x0, printed[text].x0), text
        assert _close(after[text].x1, printed[text].x1), text
        assert _close(after[text].top, printed[text].top), text
    assert after[DATES].x1 < after[ROLE].x0  # ... the real page on the left, on the role's row
    assert any(after[DATES] in line.spans and after[ROLE] in line.spans for line in placed.lines)
    # What the DOCX says, not what the PDF says: a 20 pt bold title, though the PDF is 11 pt.
    assert after[NAME].bold and after[NAME].size == before[NAME].size == 20
    assert not printed[NAME].bold
    assert [(p.width, p.height) for p in placed.pages] == [pytest.approx(A4, abs=0.01)]
    assert placement.share == 1.0 and not placement.unfound_visible


def test_hidden_text_stays_hidden_where_the_page_hides_it() -> None:
    approximate = read_document(_resume_docx(), "cv.docx", APPROXIMATE)
    page = read_pdf(_real_page_pdf(), ReaderLimits())
    placed, _ = place_on_pages(approximate, page)
    stuffing = _by_text(placed)[STUFFING]
    assert stuffing.hidden and stuffing.hidden_reason == "same colour as background"
    white = _by_text(page)[STUFFING]
    assert (stuffing.page, stuffing.top, stuffing.x0) == (white.page, white.top, white.x0)
    assert all(not s.hidden for s in placed.spans() if s.text != STUFFING)


def test_a_paragraph_wrapped_elsewhere_is_cut_at_the_pages_line_breaks() -> None:
    approximate = read_document(_resume_docx(), "cv.docx", APPROXIMATE)
    page = read_pdf(_real_page_pdf(), ReaderLimits())
    placed, placement = place_on_pages(approximate, page)
    printed = _by_text(page)
    lines = _printed_summary()
    summary = [s for s in placed.spans() if not s.hidden and s.page == 0
               and 120 < s.top < 130 + 15 * len(lines) - 10]
    assert len(summary) == len(lines)  # one piece per printed line, none more
    for span, line in zip(sorted(summary, key=lambda s: s.top), lines, strict=True):
        assert fold(line).startswith(fold(span.text)), (span.text, line)  # its printed line ...
        assert _close(span.top, printed[line].top)  # ... where it is printed
        assert _close(span.x0, printed[line].x0) and span.x1 <= printed[line].x1 + 1.5
    assert "".join(s.text for s in summary).replace(" ", "") == SUMMARY.replace(" ", "")
    assert placement.share == 1.0
    bullet = next(s for s in placed.spans() if "Cut release time" in s.text)
    assert bullet.text.startswith("• ")  # the list marker stays on the text, as the DOCX says
    assert bullet.x0 < printed["Cut release time by 40% across three teams"].x0


def test_table_cells_joined_by_the_reader_are_cut_where_the_page_sets_them_apart() -> None:
    document = docx.Document()
    row = document.add_table(rows=1, cols=3).rows[0]
    for cell, text in zip(row.cells, ("Staff Engineer", "Acme Corp", "Berlin"), strict=True):
        cell.text = text
    approximate = read_document(docx_bytes(document), "cv.docx", APPROXIMATE)
    assert [s.text for s in approximate.spans()] == ["Staff Engineer | Acme Corp | Berlin"]
    lines = [(40, 80, "Staff Engineer", False), (250, 80, "Acme Corp", False),
             (450, 80, "Berlin", False)]
    page = read_pdf(_pdf(lines), ReaderLimits())
    placed, _ = place_on_pages(approximate, page)
    assert [s.text for s in placed.lines[0].spans] == ["Staff Engineer", "Acme Corp", "Berlin"]
    for span, (x, _, _, _) in zip(placed.lines[0].spans, lines, strict=True):
        assert _close(span.x0, x)


def test_a_wrapped_end_joins_its_start_only_where_the_page_prints_it_next() -> None:
    """The notional page wraps the role line's last words below its dates; the page prints
    role, place and dates as one run. The place joins the role, never the dates."""
    role = ("Territory Sales Manager, Texas and Oklahoma, Lone Star Instrumentation Company, "
            "San Antonio, TX")
    document = docx.Document()
    document.add_paragraph(f"{role}\tApr 2010 – Dec 2013")
    approximate = read_document(docx_bytes(document), "cv.docx", APPROXIMATE)
    assert len(approximate.lines) == 2  # the dates beside the first line, the place below
    printed = f"{role} Apr 2010 – Dec 2013"
    page = read_pdf(_pdf([(40, 80, printed, False)], size=8), ReaderLimits())
    assert [s.text for s in page.spans()] == [printed]
    placed, _ = place_on_pages(approximate, page)
    for span in placed.spans():
        assert fold(span.text) in fold(printed), span.text
    assert {s.text for s in placed.spans()} == {role, "Apr 2010 – Dec 2013"}


def test_a_wrapped_end_joins_the_field_it_continues() -> None:
    """A tab sets two fields apart; the second wraps on the notional page. Printed as one run,
    the wrapped end joins the second field, not the first one before it."""
    place = ("Royal Hospital for Neuro-disability and Continuing Care, West Hill, Putney, "
             "London, United Kingdom")
    document = docx.Document()
    document.add_paragraph(f"Ward Manager\t{place}")
    approximate = read_document(docx_bytes(document), "cv.docx", APPROXIMATE)
    assert [len(line.spans) for line in approximate.lines] == [2, 1]
    printed = f"Ward Manager {place}"
    page = read_pdf(_pdf([(40, 80, printed, False)], size=8), ReaderLimits())
    assert [s.text for s in page.spans()] == [printed]
    placed, _ = place_on_pages(approximate, page)
    assert [s.text for s in placed.spans()] == ["Ward Manager", place]


def test_columns_read_in_another_order_still_match() -> None:
    """The DOCX holds the sidebar first; the PDF prints it on the right, read after the main
    column: each span still finds its own text."""
    sidebar = ["Skills", "Python", "Kubernetes", "Terraform"]
    main = ["Experience", "Staff Engineer at Acme", "Kubernetes",
            "Owned the deployment pipeline for forty services"]
    document = docx.Document()
    for index, text in enumerate(sidebar + main):
        document.add_paragraph().add_run(text).bold = index < len(sidebar)
    approximate = read_document(docx_bytes(document), "cv.docx", APPROXIMATE)
    lines = [(40, 80 + 20 * i, text, False) for i, text in enumerate(main)]
    lines += [(420, 80 + 20 * i, text, False) for i, text in enumerate(sidebar)]
    page = read_pdf(_pdf(lines), ReaderLimits())
    placed, placement = place_on_pages(approximate, page)
    where = {(s.text, round(s.x0), round(s.top)) for s in placed.spans()}
    assert where == {(s.text, round(s.x0), round(s.top)) for s in page.spans()}
    # 'Kubernetes' is printed in both columns: each copy goes to its own column (the sidebar's,
    # bold in the DOCX, on the right).
    assert {(s.bold, s.x0 > 300) for s in placed.spans() if s.text == "Kubernetes"} == {
        (True, True), (False, False)}
    assert placement.share == 1.0


def test_text_missing_from_the_page_is_put_after_its_neighbour_and_said() -> None:
    document = docx.Document()
    for text in ("Experience", "Staff Engineer at Acme", "A sentence the printer never drew",
                 "Owned the deployment pipeline"):
        document.add_paragraph(text)
    approximate = read_document(docx_bytes(document), "cv.docx", APPROXIMATE)
    lines = [(40, 80, "Experience", False), (300, 200, "Staff Engineer at Acme", False),
             (40, 400, "Owned the deployment pipeline", False)]
    placed, placement = place_on_pages(approximate, read_pdf(_pdf(lines), ReaderLimits()))
    missing = _by_text(placed)["A sentence the printer never drew"]
    anchor = _by_text(placed)["Staff Engineer at Acme"]
    assert placement.unfound_visible == ["A sentence the printer never drew"]
    assert missing.page == anchor.page and _close(missing.top, anchor.bottom)
    assert _close(missing.x0, anchor.x0)
    assert any("1 piece(s) of text were not found" in w for w in placed.warnings)
    assert placement.share < 1.0


# --- The switch ---------------------------------------------------------------------------------

def test_the_mode_comes_from_the_limits_then_the_environment(monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.setenv(ENV_SWITCH, "libreoffice")
    assert page_mode(ReaderLimits()) == "libreoffice"
    assert page_mode(APPROXIMATE) == "approximate"
    monkeypatch.setenv(ENV_SWITCH, "Approximate ")
    assert page_mode(ReaderLimits()) == "approximate"
    assert page_mode(REAL) == "libreoffice"
    monkeypatch.setenv(ENV_SWITCH, "nonsense")
    assert page_mode(ReaderLimits()) == "auto"
    monkeypatch.delenv(ENV_SWITCH)
    assert page_mode(ReaderLimits()) == "auto"


# --- Converting, with stand-in programs ---------------------------------------------------------

def _program(folder: Path, body: str, name: str = "soffice") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def _copying_program(folder: Path, pdf: bytes) -> Path:
    """A stand-in LibreOffice that 'converts' by copying a prepared PDF to --outdir."""
    source = folder / "prepared.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    source.write_bytes(pdf)
    return _program(folder, 'while [ "$1" != "--outdir" ]; do shift; done\n'
                            f'mkdir -p "$2" && cp "{source}" "$2/resume.pdf"')


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the conversion makes its temporary directory: empty again afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("body", ["exit 1", "exit 0", "echo not a pdf > \"$7\"; exit 0"],
                         ids=["fails", "writes nothing", "no pdf"])
def test_a_conversion_that_fails_gives_none(tmp_path: Path, private_tmp: Path, body: str
                                           ) -> None:
    program = _program(tmp_path / "bin", body)
    assert docx_to_pdf(_resume_docx(), 30, str(program)) is None
    assert not any(private_tmp.iterdir())


def test_a_conversion_that_hangs_is_stopped(tmp_path: Path, private_tmp: Path) -> None:
    marker = tmp_path / "still-running"
    program = _program(tmp_path / "bin", f"sleep 3; touch {marker}")
    started = time.perf_counter()
    assert docx_to_pdf(_resume_docx(), 0.5, str(program)) is None
    assert time.perf_counter() - started < 2.5
    time.sleep(3.5)
    assert not marker.exists()  # the whole process group was ended, not just the shell
    assert not any(private_tmp.iterdir())


def test_a_failed_conversion_leaves_the_approximate_page(tmp_path: Path, private_tmp: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    _program(tmp_path / "bin", "exit 1")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    doc = read_document(_resume_docx(), "cv.docx", REAL)
    assert doc.page_source == PAGE_APPROXIMATE and doc.page_pdf is None
    assert any("LibreOffice could not lay out" in w for w in doc.warnings)
    assert doc.pages[0].width == 612.0  # the notional Letter page
    assert _by_text(doc)[DATES].x0 > _by_text(doc)[ROLE].x1


def test_without_libreoffice_the_page_is_approximate(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    auto = read_document(_resume_docx(), "cv.docx", ReaderLimits(docx_pages="auto"))
    monkeypatch.delenv(ENV_SWITCH, raising=False)
    auto_unpinned = read_document(_resume_docx(), "cv.docx", ReaderLimits())
    forced = read_document(_resume_docx(), "cv.docx", REAL)
    for doc in (auto, auto_unpinned, forced):
        assert doc.page_source == PAGE_APPROXIMATE
    assert not any("LibreOffice" in w for w in auto_unpinned.warnings)
    assert any("LibreOffice is not installed" in w for w in forced.warnings)


def test_a_converted_page_is_used_drawn_and_removed(tmp_path: Path, private_tmp: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = _real_page_pdf()
    _copying_program(tmp_path / "bin", pdf)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    data = _resume_docx()
    doc = read_document(data, "cv.docx", REAL)
    assert doc.page_source == PAGE_FROM_LIBREOFFICE and doc.page_pdf == pdf
    assert _by_text(doc)[DATES].x1 < _by_text(doc)[ROLE].x0
    assert not any(private_tmp.iterdir())  # nothing of the resume stays on disk
    monkeypatch.setenv(ENV_SWITCH, "approximate")  # the env pins it when the limits do not
    assert read_document(data, "cv.docx").page_source == PAGE_APPROXIMATE
    image = Image.open(io.BytesIO(render_pages(data, doc)[0]))
    assert image.size[1] > 1160  # A4 at 100 dpi (827 x 1170): the PDF's page, not Letter's 1100


def test_an_unrelated_page_is_not_used(tmp_path: Path, private_tmp: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _copying_program(tmp_path / "bin", _pdf([(40, 80, "Something else entirely", False)]))
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    doc = read_document(_resume_docx(), "cv.docx", REAL)
    assert doc.page_source == PAGE_APPROXIMATE
    assert any("could not be matched" in w for w in doc.warnings)


def test_linked_images_and_templates_are_pointed_nowhere() -> None:
    """LibreOffice fetches linked images and templates: a resume must not call out when read."""
    document = docx.Document()
    paragraph = document.add_paragraph("Text")
    part = document.part
    image = part.relate_to("https://tracker.example/pixel.png",
                           "http://schemas.openxmlformats.org/officeDocument/2006/"
                           "relationships/image", is_external=True)
    link = part.relate_to("https://example.com/portfolio",
                          "http://schemas.openxmlformats.org/officeDocument/2006/"
                          "relationships/hyperlink", is_external=True)
    assert image and link and paragraph.text
    cleaned = without_external_links(docx_bytes(document))
    assert cleaned is not None
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert "tracker.example" not in rels
        assert "https://example.com/portfolio" in rels
        assert read_document(cleaned, "cv.docx", APPROXIMATE).lines[0].text == "Text"
    assert without_external_links(b"PK\x03\x04 broken") is None


def test_fold_keeps_positions() -> None:
    text = "Dates – “Présent” ﬁnance\u00a0İ"
    assert len(fold(text)) == len(text)
    assert fold("Apr 2022 – Present") == "apr 2022 - present"


# --- The real thing -----------------------------------------------------------------------------

@pytest.mark.skipif(soffice_binary() is None,
                    reason="LibreOffice (soffice) is not installed: .ci/run installs "
                           "libreoffice-writer-nogui")
def test_libreoffice_puts_a_left_date_column_on_the_left() -> None:
    document = docx.Document()
    document.add_paragraph("Grace Hopper", style="Title")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2016 – 2021"
    table.cell(0, 1).text = "Rear Admiral, United States Navy"
    table.cell(1, 0).text = "2010 – 2016"
    table.cell(1, 1).text = "Computer Scientist, Remington Rand"
    data = docx_bytes(document)
    approximate = read_document(data, "cv.docx", APPROXIMATE)
    spans = _by_text(approximate)
    assert spans["2016 – 2021"].x0 > spans["Rear Admiral, United States Navy"].x0
    started = time.perf_counter()
    doc = read_document(data, "cv.docx", REAL)
    print(f"LibreOffice conversion and alignment: {time.perf_counter() - started:.2f} s")
    assert doc.page_source == PAGE_FROM_LIBREOFFICE, doc.warnings
    assert doc.page_pdf is not None and doc.page_pdf.startswith(b"%PDF-")
    spans = _by_text(doc)
    for dates, title in (("2016 – 2021", "Rear Admiral, United States Navy"),
                         ("2010 – 2016", "Computer Scientist, Remington Rand")):
        assert spans[dates].x1 < spans[title].x0
        assert abs(spans[dates].top - spans[title].top) < 3  # on the title's row
    assert spans["2016 – 2021"].top < spans["2010 – 2016"].top
    assert len(render_pages(data, doc)) == len(doc.pages)
