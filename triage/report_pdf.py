"""The readable report as a PDF: the same outline as the HTML report, drawn with fpdf2.

fpdf2 is pure Python (no browser, no system library), and it never interprets the text it is
given (markdown is off), so resume text is drawn as text and cannot inject anything. Unicode
text needs a TrueType font: the one the page renderer uses when the machine has it; otherwise
the PDF core font, with the characters it cannot draw shown as "?".
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from triage.render import font_files
from triage.report import Outline, Section, outline

FAMILY = "report"
CORE_FAMILY = "helvetica"
BODY_PT, HEADING_PT, TITLE_PT, VERDICT_PT = 10, 13, 17, 20
LINE_MM = 5.0
GREY = (87, 96, 106)
INK = (27, 31, 36)
PICTURE_WIDTH_MM = 150
TABLE_CHARS = 60  # a table column is as wide as its longest text, up to this many characters


class _Report(FPDF):
    """An A4 report with a TrueType family when one is installed."""

    def __init__(self) -> None:
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(18, 16, 18)
        regular, bold = font_files(False), font_files(True)
        self.unicode = bool(regular) and len(regular) == len(bold)
        if self.unicode:
            for n, (plain, heavy) in enumerate(zip(regular, bold, strict=True)):
                self.add_font(f"{FAMILY}{n}", "", str(plain))
                self.add_font(f"{FAMILY}{n}", "B", str(heavy))
            self.set_fallback_fonts([f"{FAMILY}{n}" for n in range(1, len(regular))])
        self.family = f"{FAMILY}0" if self.unicode else CORE_FAMILY

    def text_for(self, text: str) -> str:
        """Text the chosen font can draw."""
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def write_line(self, text: str, size: float = BODY_PT, bold: bool = False,
                   colour: tuple[int, int, int] = INK, indent: float = 0.0) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.set_x(self.l_margin + indent)
        self.multi_cell(0, size * 0.45 + 1, self.text_for(text), align="L",
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _section(pdf: _Report, section: Section) -> None:
    pdf.ln(2)
    pdf.write_line(section.heading, HEADING_PT, bold=True)
    if section.header:
        if not section.rows:
            pdf.write_line(section.empty, colour=GREY)
            return
        pdf.set_font(pdf.family, "", BODY_PT - 1)
        pdf.set_text_color(*INK)
        widths = [min(TABLE_CHARS, max(len(v) for v in column)) + 6
                  for column in zip(section.header, *section.rows, strict=True)]
        with pdf.table(line_height=LINE_MM - 0.5, first_row_as_headings=True,
                       col_widths=widths, text_align="LEFT") as table:
            for values in (section.header, *section.rows):
                row = table.row()
                for value in values:
                    row.cell(pdf.text_for(value))
        return
    if not section.items:
        pdf.write_line(section.empty, colour=GREY)
        return
    for number, item in enumerate(section.items, start=section.start):
        mark = f"{number}. " if section.ordered else "• "
        pdf.write_line(mark + item.text, bold=item.bold)
        for note in item.notes:
            pdf.write_line(note, BODY_PT - 1, colour=GREY, indent=6)


def _pictures(pdf: _Report, heading: str, pictures: Sequence[bytes]) -> None:
    for number, png in enumerate(pictures, start=1):
        pdf.add_page()
        pdf.write_line(f"{heading} — page {number}", HEADING_PT, bold=True)
        pdf.image(io.BytesIO(png), x=(pdf.w - PICTURE_WIDTH_MM) / 2, w=PICTURE_WIDTH_MM,
                  alt_text=f"Page {number}: where simulated recruiters' eyes landed")


def draw(o: Outline, pictures: Sequence[bytes] = ()) -> bytes:
    """The outline as PDF bytes: the verdict and reasons first, then each page's heatmap on a
    page of its own, then the knockouts, findings and fixes."""
    pdf = _Report()
    pdf.set_title(pdf.text_for(o.title))
    pdf.set_creator("six-second triage simulator")
    pdf.add_page()
    pdf.write_line(o.title, TITLE_PT, bold=True)
    pdf.write_line(o.meta, BODY_PT - 1, colour=GREY)
    pdf.ln(2)
    pdf.write_line(o.verdict, VERDICT_PT, bold=True)
    pdf.write_line(o.score)
    for section in o.before_pictures:
        _section(pdf, section)
    _pictures(pdf, o.pictures_heading, pictures)
    if pictures:
        pdf.add_page()
    for section in o.after_pictures:
        _section(pdf, section)
    return bytes(pdf.output())


def to_pdf(report: dict[str, Any], job_title: str = "", file_name: str = "",
           pictures: Sequence[bytes] = ()) -> bytes:
    """The readable report of a skim as a PDF, with the heatmap pictures of its pages."""
    return draw(outline(report, job_title, file_name), pictures)
