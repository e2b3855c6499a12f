"""The readable report as PDF and HTML: one outline, the job and file named, the heatmap drawn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from triage import score
from triage.render import font_files, render_pages
from triage.report import locate, outline, to_html
from triage.report_files import readable_report
from triage.report_pdf import to_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_resumes" / "senior_mlops.pdf"


def _pdf_text(pdf: bytes) -> tuple[int, str, int]:
    """Pages, all text, and how many images the PDF draws."""
    document = pdfium.PdfDocument(pdf)
    try:
        text = "\n".join(page.get_textpage().get_text_range() for page in document)
        images = sum(1 for page in document for obj in page.get_objects()
                     if obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE)
        return len(document), text, images
    finally:
        document.close()


@pytest.fixture(scope="module")
def skim():
    triage = score(SAMPLE, as_of="2026-11")
    return triage, render_pages(SAMPLE.read_bytes(), triage.resume.document)


def test_pdf_report_names_job_and_file_and_draws_every_page_under_its_heat(skim) -> None:
    triage, images = skim
    pdf = readable_report(triage, images, "cv final.pdf", "pdf")
    assert pdf.startswith(b"%PDF")
    pages, text, pictures = _pdf_text(pdf)
    assert pictures == len(images) == 2
    squashed = " ".join(text.split())
    assert f"for the job {triage.requisition.title}" in squashed
    assert "cv final.pdf" in squashed
    report = triage.to_dict()
    assert f"{report['verdict'].upper()} —" in squashed
    first_fix = report["fixes"][0]["message"]
    assert " ".join(first_fix.split())[:40] in squashed
    assert pages >= 3  # the verdict, a page per heatmap, then the rest


def test_pdf_and_html_say_the_same_things(skim) -> None:
    triage, _ = skim
    report = triage.to_dict()
    o = outline(report, "Night Baker", "cv.pdf")
    html = to_html(report, "Night Baker", "cv.pdf")
    _, text, _ = _pdf_text(to_pdf(report, "Night Baker", "cv.pdf"))
    squashed = " ".join(text.split())
    for section in (*o.before_pictures, *o.after_pictures):
        assert section.heading in html
        assert section.heading in squashed


@pytest.mark.skipif(not font_files(False), reason="no TrueType font installed for Unicode text")
def test_pdf_report_draws_any_name_as_text_not_markup(skim) -> None:
    triage, _ = skim
    report = triage.to_dict()
    report["resume"]["contact"]["name"] = "Zoë Łukasiewicz <b>**x**</b>"
    _, text, _ = _pdf_text(to_pdf(report))
    assert "Zoë Łukasiewicz <b>**x**</b>" in text


def test_the_cli_writes_the_report_next_to_the_verdict(tmp_path: Path) -> None:
    for name in ("report.pdf", "report.html"):
        out = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "triage", "score", str(SAMPLE),
                               "--report", str(out)], capture_output=True, text=True,
                              cwd=ROOT, check=False)
        assert done.returncode == 0, done.stderr
        assert "Verdict:" in done.stdout
        data = out.read_bytes()
        assert data.startswith(b"%PDF") if name.endswith(".pdf") else b"<img" in data
    wrong = subprocess.run([sys.executable, "-m", "triage", "score", str(SAMPLE), "--report",
                            str(tmp_path / "r.doc")], capture_output=True, text=True,
                           cwd=ROOT, check=False)
    assert wrong.returncode == 2 and "must end in .pdf or .html" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_a_hidden_text_fix_points_at_the_hidden_text_not_nowhere() -> None:
    report = score(ROOT / "sample_resumes" / "keyword_stuffer.pdf", as_of="2026-11").to_dict()
    hidden = {s["id"]: s for s in report["resume"]["layout"]["hidden_text"]}
    [fix, *_] = [f for f in report["fixes"] if set(f["evidence"]) <= set(hidden)]
    place = locate(report, fix["evidence"])
    span = hidden[fix["evidence"][0]]
    assert place == (span["page"] + 1, span["text"], True)
    assert place.words().startswith(f"hidden on page {span['page'] + 1}: “")
    seen = locate(report, [report["elements"][0]["id"]])
    assert seen is not None and not seen.hidden and seen.words().startswith("page ")
