"""Build the sample resumes from their JSON Resume sources.

Run from the repository root::

    .venv/bin/python sample_resumes/build.py

For every ``sources/<persona>.json`` this writes, next to this script:

* ``<persona>.pdf``  - fpdf2, core Helvetica (cp1252), real text, persona-specific layout
* ``<persona>.docx`` - python-docx, Heading/List Bullet styles (a table layout for some)
* ``<persona>.txt``  - Markdown-ish plain text
* ``<persona>.json`` - the JSON Resume without the ``x-skim`` rendering hints

The workshop's before/after demo pairs are built the same way, from
``demo_pairs/sources/<pair>_<before|after>.json`` into ``demo_pairs/`` (their talking points are
in ``demo_pairs/pairs.toml``).

The output is deterministic: PDF creation dates, DOCX core properties and the DOCX
zip member timestamps are pinned, so rebuilding yields byte-identical files.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from fpdf import FPDF
from fpdf.enums import XPos, YPos

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
DEMO_PAIRS = HERE / "demo_pairs"
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
FONT = "Helvetica"
DASH = "\u2013"  # en dash used in date ranges
BULLET = "\u2022"

Resume = dict[str, Any]

COUNTRIES = {
    "DE": "Germany",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "IT": "Italy",
    "NL": "Netherlands",
    "FR": "France",
    "US": "USA",
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DEFAULT_TITLES = {
    "summary": "Summary",
    "work": "Experience",
    "education": "Education",
    "skills": "Skills",
    "projects": "Projects",
    "certificates": "Certifications",
    "languages": "Languages",
    "volunteer": "Volunteering",
}
DEFAULT_ORDER = list(DEFAULT_TITLES)


# --------------------------------------------------------------------------- model


@dataclass
class Entry:
    """One dated item in a section (a role, a degree, a project)."""

    heading: str
    dates: str = ""
    second_line: str = ""
    meta: str = ""
    text: str = ""
    bullets: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A rendered-format-agnostic resume section."""

    key: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- helpers


def load_sources(sources: Path = SOURCES) -> list[tuple[str, Resume]]:
    """Return ``(persona, resume)`` pairs for every source file in ``sources``, sorted by name."""
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(sources.glob("*.json"))
    ]


def hints(resume: Resume) -> dict[str, Any]:
    """Return the optional ``x-skim`` rendering hints of a resume."""
    return resume.get("x-skim", {})


def fmt_date(value: str | None, style: str) -> str:
    """Format a ``YYYY-MM`` date in one of the supported styles; ``None`` means current."""
    if not value:
        return "present" if style == "mm/yyyy" else "Present"
    year, _, month = value.partition("-")
    if not month:
        return year
    if style == "mm/yyyy":
        return f"{month}/{year}"
    if style == "yyyy-mm":
        return value
    return f"{MONTHS[int(month) - 1]} {year}"


def date_range(start: str | None, end: str | None, style: str, *, expect: bool = False) -> str:
    """Format a start/end pair; future end dates get an "(expected)" suffix if asked."""
    if not start:
        return fmt_date(end, style) if end else ""
    text = f"{fmt_date(start, style)} {DASH} {fmt_date(end, style)}"
    if expect and end and end > FIXED_DATE.strftime("%Y-%m"):
        text += " (expected)"
    return text


def place(location: dict[str, str]) -> str:
    """Human-readable "City, Country" (or "City, ST" for US addresses)."""
    city = location.get("city", "")
    code = location.get("countryCode", "")
    if code == "US":
        return f"{city}, {location.get('region', '')}"
    return ", ".join(p for p in (city, COUNTRIES.get(code, code)) if p)


def contact_items(resume: Resume) -> list[str]:
    """Location, phone, e-mail and website of the candidate, in display order."""
    basics = resume["basics"]
    items = [place(basics.get("location", {}))]
    items += [basics[k] for k in ("phone", "email") if basics.get(k)]
    if basics.get("url"):
        items.append(strip_scheme(basics["url"]))
    return items


def profile_items(resume: Resume) -> list[str]:
    """Social profile links without the URL scheme."""
    return [strip_scheme(p["url"]) for p in resume["basics"].get("profiles", [])]


def strip_scheme(url: str) -> str:
    """Drop ``https://`` and ``www.`` for display."""
    return url.removeprefix("https://").removeprefix("http://").removeprefix("www.")


def role_lines(job: Resume, role_format: str) -> tuple[str, str]:
    """Return the (bold heading, optional second line) for a role in the persona's style."""
    title, company = job["position"], job["name"]
    if role_format == "title-pipe-company":
        return f"{title} | {company}", ""
    if role_format == "company-comma-title":
        return f"{company}, {title}", ""
    if role_format == "title-newline-company":
        return title, company
    return f"{title} \u2014 {company}", ""


def work_section(resume: Resume, title: str, style: str) -> Section:
    """Build the experience section from ``work``."""
    role_format = hints(resume).get("role_format", "title-dash-company")
    section = Section("work", title)
    for job in resume.get("work", []):
        heading, second = role_lines(job, role_format)
        section.entries.append(
            Entry(
                heading=heading,
                second_line=second,
                dates=date_range(job.get("startDate"), job.get("endDate"), style),
                meta=job.get("location", ""),
                text=job.get("summary", ""),
                bullets=list(job.get("highlights", [])),
            )
        )
    return section


def education_section(resume: Resume, title: str, style: str) -> Section:
    """Build the education section; course lists become a short text line."""
    section = Section("education", title)
    for edu in resume.get("education", []):
        courses = edu.get("courses", [])
        details = [f"Grade: {edu['score']}"] if edu.get("score") else []
        if courses:
            details.append(f"Courses: {', '.join(courses)}")
        section.entries.append(
            Entry(
                heading=f"{edu['studyType']}, {edu['area']}",
                dates=date_range(edu.get("startDate"), edu.get("endDate"), style, expect=True),
                meta=edu["institution"],
                text="; ".join(details),
            )
        )
    return section


def projects_section(resume: Resume, title: str, style: str) -> Section:
    """Build the projects section (name, optional start date, description)."""
    section = Section("projects", title)
    for proj in resume.get("projects", []):
        section.entries.append(
            Entry(
                heading=proj["name"],
                dates=fmt_date(proj["startDate"], style) if proj.get("startDate") else "",
                text=proj.get("description", ""),
                bullets=list(proj.get("highlights", [])),
            )
        )
    return section


def volunteer_section(resume: Resume, title: str, style: str) -> Section:
    """Build the volunteering section."""
    section = Section("volunteer", title)
    for vol in resume.get("volunteer", []):
        section.entries.append(
            Entry(
                heading=f"{vol['position']}, {vol['organization']}",
                dates=date_range(vol.get("startDate"), vol.get("endDate"), style),
                text=vol.get("summary", ""),
                bullets=list(vol.get("highlights", [])),
            )
        )
    return section


def build_section(resume: Resume, key: str, style: str) -> Section | None:
    """Return the :class:`Section` for ``key`` or ``None`` if the resume has no such data."""
    title = hints(resume).get("section_titles", {}).get(key, DEFAULT_TITLES[key])
    if key == "summary":
        summary = resume["basics"].get("summary", "")
        return Section(key, title, paragraphs=[summary]) if summary else None
    if not resume.get(key):
        return None
    if key == "work":
        return work_section(resume, title, style)
    if key == "education":
        return education_section(resume, title, style)
    if key == "projects":
        return projects_section(resume, title, style)
    if key == "volunteer":
        return volunteer_section(resume, title, style)
    if key == "skills":
        pairs = [(s["name"], ", ".join(s.get("keywords", []))) for s in resume["skills"]]
        return Section(key, title, pairs=pairs)
    if key == "certificates":
        return Section(key, title, bullets=[cert_line(c, style) for c in resume[key]])
    if key == "languages":
        pairs = [(lang["language"], lang.get("fluency", "")) for lang in resume[key]]
        return Section(key, title, pairs=pairs)
    raise ValueError(f"unknown section {key!r}")


def cert_line(cert: Resume, style: str) -> str:
    """One-line certificate description: name, issuer and date."""
    parts = [cert["name"]]
    if cert.get("issuer"):
        parts.append(cert["issuer"])
    line = " \u2014 ".join(parts)
    return f"{line} ({fmt_date(cert['date'], style)})" if cert.get("date") else line


def sections(resume: Resume, style: str) -> list[Section]:
    """All non-empty sections in the persona's preferred order."""
    order = hints(resume).get("section_order", DEFAULT_ORDER)
    built = (build_section(resume, key, style) for key in order)
    return [s for s in built if s is not None]


def hex_rgb(value: str) -> tuple[int, int, int]:
    """Convert ``#RRGGBB`` to an RGB tuple."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


# --------------------------------------------------------------------------- PDF


class ResumePDF(FPDF):
    """FPDF with a fixed creation date, an optional sidebar and an optional footer."""

    def __init__(self, *, sidebar: tuple[float, str] | None = None, footer_text: str = ""):
        super().__init__(format="A4", unit="mm")
        self.sidebar = sidebar
        self.footer_text = footer_text
        self.core_fonts_encoding = "windows-1252"
        self.set_creation_date(FIXED_DATE)
        self.set_creator("skim-triage sample_resumes/build.py")
        self.set_auto_page_break(True, margin=16)

    def header(self) -> None:
        """Paint the coloured sidebar (two-column layout) on every page."""
        if self.sidebar:
            width, colour = self.sidebar
            self.set_fill_color(*hex_rgb(colour))
            self.rect(0, 0, width, self.h, style="F")

    def footer(self) -> None:
        """Print "name - page x of n" on multi-page resumes."""
        if not self.footer_text:
            return
        self.set_y(-11)
        self.set_font(FONT, "", 8)
        self.set_text_color(120, 120, 120)
        self.cell(0, 5, f"{self.footer_text} \u00b7 Page {self.page_no()} of {{nb}}", align="R")


def pdf_ensure_space(pdf: FPDF, height: float) -> None:
    """Start a new page if less than ``height`` mm remain (keeps headings with content)."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def pdf_heading(pdf: FPDF, title: str, colour: tuple[int, int, int] = (30, 30, 30)) -> None:
    """Bold all-caps section heading with a thin rule underneath."""
    pdf_ensure_space(pdf, 18)
    pdf.ln(2.5)
    pdf.set_font(FONT, "B", 10.5)
    pdf.set_text_color(*colour)
    pdf.cell(0, 6, title.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(*colour)
    pdf.set_line_width(0.3)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.5)
    pdf.set_text_color(30, 30, 30)


def pdf_paragraph(pdf: FPDF, text: str, size: float = 9.5, style: str = "") -> None:
    """A wrapped paragraph spanning the current column."""
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def pdf_bullet(pdf: FPDF, text: str, size: float = 9.5) -> None:
    """A "•" bullet with a hanging indent."""
    pdf.set_font(FONT, "", size)
    pdf.set_x(pdf.l_margin + 1.5)
    pdf.cell(4, size * 0.48, BULLET)
    pdf.multi_cell(0, size * 0.48, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def pdf_row(pdf: FPDF, left: str, right: str, size: float = 10) -> None:
    """Bold ``left`` text with ``right`` (dates) right-aligned on the same row."""
    line_h = size * 0.5
    pdf.set_font(FONT, "", size - 1)
    right_w = pdf.get_string_width(right) + 2 if right else 0
    x0, y0 = pdf.get_x(), pdf.get_y()
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(pdf.epw - right_w, line_h, left, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y_after = pdf.get_y()
    if right:
        pdf.set_xy(x0, y0)
        pdf.set_font(FONT, "", size - 1)
        pdf.cell(pdf.epw, line_h, right, align="R")
    pdf.set_xy(pdf.l_margin, y_after)


def pdf_entry(pdf: FPDF, entry: Entry, size: float = 9.5) -> None:
    """Render a role/degree/project: heading row, second line, meta, text, bullets."""
    pdf_ensure_space(pdf, 16)
    pdf.ln(1.2)
    pdf_row(pdf, entry.heading, entry.dates, size + 0.5)
    if entry.second_line:
        pdf_paragraph(pdf, entry.second_line, size, "B")
    if entry.meta:
        pdf.set_text_color(95, 95, 95)
        pdf_paragraph(pdf, entry.meta, size - 0.5, "I")
        pdf.set_text_color(30, 30, 30)
    if entry.text:
        pdf_paragraph(pdf, entry.text, size)
    for bullet in entry.bullets:
        pdf_bullet(pdf, bullet, size)


def pdf_section(pdf: FPDF, section: Section, size: float = 9.5) -> None:
    """Render any :class:`Section` in the single-column layout."""
    pdf_heading(pdf, section.title)
    for para in section.paragraphs:
        pdf_paragraph(pdf, para, size)
    for entry in section.entries:
        pdf_entry(pdf, entry, size)
    if section.key == "languages":
        pdf_paragraph(pdf, "  \u00b7  ".join(f"{k}: {v}" for k, v in section.pairs), size)
    else:
        for label, value in section.pairs:
            pdf.set_font(FONT, "B", size)
            pdf.write(size * 0.48, f"{label}: ")
            pdf.set_font(FONT, "", size)
            pdf.multi_cell(0, size * 0.48, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for bullet in section.bullets:
        pdf_bullet(pdf, bullet, size)


def pdf_header_block(pdf: FPDF, resume: Resume) -> None:
    """Name (large, bold), label, contact line, profiles and work-authorisation line."""
    basics = resume["basics"]
    pdf.set_text_color(20, 20, 20)
    pdf.set_font(FONT, "B", 22)
    pdf.cell(0, 10, basics["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 12)
    pdf.set_text_color(70, 70, 70)
    pdf.cell(0, 6, basics.get("label", ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(30, 30, 30)
    pdf.ln(1)
    pdf_paragraph(pdf, "  |  ".join(contact_items(resume)), 9)
    if profile_items(resume):
        pdf_paragraph(pdf, "  |  ".join(profile_items(resume)), 9)
    if hints(resume).get("work_authorization"):
        pdf_paragraph(pdf, hints(resume)["work_authorization"], 9, "I")


def pdf_tiny_text(pdf: FPDF, text: str) -> None:
    """Draw a line of 2 pt text (a trick some applicants use against ATS screening)."""
    pdf.set_font(FONT, "", 2)
    pdf.cell(0, 1.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def pdf_hidden_text(pdf: FPDF, text: str) -> None:
    """Draw a keyword paragraph in white (#FFFFFF) on the white page."""
    pdf.ln(2)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FONT, "", 7)
    pdf.multi_cell(0, 3.2, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(30, 30, 30)


def pdf_metadata(pdf: FPDF, resume: Resume) -> None:
    """Set document title/author so the PDF info dictionary looks like a real CV."""
    name = resume["basics"]["name"]
    pdf.set_title(f"{name} - Resume")
    pdf.set_author(name)
    pdf.set_subject(resume["basics"].get("label", ""))


def build_pdf_classic(resume: Resume) -> ResumePDF:
    """Single-column layout used by most personas."""
    skim = hints(resume)
    multi_page = skim.get("pages_hint", 1) > 1
    pdf = ResumePDF(footer_text=resume["basics"]["name"] if multi_page else "")
    pdf_metadata(pdf, resume)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()
    pdf_header_block(pdf, resume)
    if skim.get("tiny_text"):
        pdf_tiny_text(pdf, skim["tiny_text"])
    for section in sections(resume, skim.get("date_style", "mon-yyyy")):
        pdf_section(pdf, section)
    if skim.get("hidden_text"):
        pdf_hidden_text(pdf, skim["hidden_text"])
    return pdf


def pdf_sidebar_heading(pdf: FPDF, title: str, accent: tuple[int, int, int]) -> None:
    """Small accent-coloured heading inside the sidebar."""
    pdf.ln(4)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(*accent)
    pdf.cell(0, 5.5, title.upper(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(255, 255, 255)


def pdf_sidebar(pdf: FPDF, resume: Resume, width: float, accent: tuple[int, int, int]) -> None:
    """Contact, skills, languages and education in the left sidebar (white on colour)."""
    pdf.set_margins(8, 14, pdf.w - width + 7)
    pdf.set_xy(8, 14)
    initials = "".join(part[0] for part in resume["basics"]["name"].split()[:2])
    pdf.set_fill_color(*accent)
    pdf.ellipse(width / 2 - 13, 12, 26, 26, style="F")
    pdf.set_xy(width / 2 - 13, 20)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(255, 255, 255)
    pdf.cell(26, 10, initials, align="C")
    pdf.set_xy(8, 44)
    pdf_sidebar_heading(pdf, "Contact", accent)
    for item in contact_items(resume) + profile_items(resume):
        pdf_paragraph(pdf, item, 8.5)
        pdf.ln(0.8)
    pdf_sidebar_heading(pdf, "Skills", accent)
    for skill in resume.get("skills", []):
        pdf_paragraph(pdf, skill["name"], 9, "B")
        pdf_paragraph(pdf, ", ".join(skill["keywords"]), 8.5)
        pdf.ln(1)
    pdf_sidebar_heading(pdf, "Languages", accent)
    for lang in resume.get("languages", []):
        pdf_paragraph(pdf, f"{lang['language']} \u2014 {lang['fluency']}", 8.5)
    pdf_sidebar_heading(pdf, "Education", accent)
    for edu in resume.get("education", []):
        pdf_paragraph(pdf, f"{edu['studyType']}, {edu['area']}", 9, "B")
        pdf_paragraph(pdf, edu["institution"], 8.5)
        style = hints(resume).get("date_style", "mon-yyyy")
        pdf_paragraph(pdf, date_range(edu.get("startDate"), edu.get("endDate"), style), 8.5)
        pdf.ln(1.5)


def build_pdf_two_column(resume: Resume) -> ResumePDF:
    """Designed layout: coloured left sidebar (~32% of the width) and a main column."""
    skim = hints(resume)
    sidebar_colour = skim.get("sidebar_color", "#23395B")
    accent = hex_rgb(skim.get("accent_color", "#E07A5F"))
    pdf = ResumePDF(sidebar=(210 * 0.32, sidebar_colour))
    width = pdf.w * 0.32
    pdf_metadata(pdf, resume)
    pdf.add_page()
    pdf_sidebar(pdf, resume, width, accent)
    pdf.set_margins(width + 9, 14, 13)
    pdf.set_xy(width + 9, 14)
    basics = resume["basics"]
    pdf.set_text_color(*hex_rgb(sidebar_colour))
    pdf.set_font(FONT, "B", 24)
    pdf.cell(0, 11, basics["name"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 13)
    pdf.set_text_color(*accent)
    pdf.cell(0, 7, basics.get("label", ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(30, 30, 30)
    in_sidebar = set(skim.get("sidebar_sections", ["skills", "languages", "education"]))
    main = [
        s for s in sections(resume, skim.get("date_style", "mon-yyyy")) if s.key not in in_sidebar
    ]
    for section in main:
        pdf_heading(pdf, section.title, hex_rgb(sidebar_colour))
        for para in section.paragraphs:
            pdf_paragraph(pdf, para, 9.5)
        for entry in section.entries:
            pdf_entry(pdf, entry)
    return pdf


def write_pdf(resume: Resume, path: Path) -> None:
    """Render the PDF for ``resume`` in its layout and write it to ``path``."""
    if hints(resume).get("layout") == "two-column":
        pdf = build_pdf_two_column(resume)
    else:
        pdf = build_pdf_classic(resume)
    expected = hints(resume).get("pages_hint")
    if expected and pdf.pages_count != expected:
        print(
            f"warning: {path.name} has {pdf.pages_count} pages, expected {expected}",
            file=sys.stderr,
        )
    pdf.output(str(path))


# --------------------------------------------------------------------------- DOCX


def docx_setup(resume: Resume) -> DocxDocument:
    """New document with A4 margins, a neutral body font and pinned core properties."""
    doc = Document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.0)
    sec.top_margin = sec.bottom_margin = Cm(1.6)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    props = doc.core_properties
    name = resume["basics"]["name"]
    props.author = props.last_modified_by = name
    props.title = f"{name} - Resume"
    props.subject = resume["basics"].get("label", "")
    props.comments = ""
    props.keywords = ""
    props.revision = 1
    naive = FIXED_DATE.replace(tzinfo=None)
    props.created = props.modified = props.last_printed = naive
    return doc


def text_width(doc: DocxDocument) -> Any:
    """Usable width between the margins of the first section."""
    sec = doc.sections[0]
    return sec.page_width - sec.left_margin - sec.right_margin


def docx_header(doc: DocxDocument, resume: Resume) -> None:
    """Name as Heading 1, then label, contact line, profiles and work authorisation."""
    basics = resume["basics"]
    doc.add_heading(basics["name"], level=1)
    doc.add_paragraph().add_run(basics.get("label", "")).bold = True
    doc.add_paragraph(" | ".join(contact_items(resume)))
    if profile_items(resume):
        doc.add_paragraph(" | ".join(profile_items(resume)))
    skim = hints(resume)
    if skim.get("work_authorization"):
        doc.add_paragraph().add_run(skim["work_authorization"]).italic = True
    if skim.get("tiny_text"):
        doc.add_paragraph().add_run(skim["tiny_text"]).font.size = Pt(2)


def docx_role_line(doc: DocxDocument, heading: str, dates: str) -> None:
    """Bold heading with dates pushed to a right-aligned tab stop."""
    para = doc.add_paragraph()
    para.paragraph_format.space_before = Pt(6)
    para.paragraph_format.space_after = Pt(0)
    para.paragraph_format.tab_stops.add_tab_stop(text_width(doc), WD_TAB_ALIGNMENT.RIGHT)
    para.add_run(heading).bold = True
    if dates:
        para.add_run(f"\t{dates}")


def docx_entry(doc: DocxDocument, entry: Entry) -> None:
    """Render one :class:`Entry` as paragraphs."""
    docx_role_line(doc, entry.heading, entry.dates)
    if entry.second_line:
        doc.add_paragraph().add_run(entry.second_line).bold = True
    if entry.meta:
        doc.add_paragraph().add_run(entry.meta).italic = True
    if entry.text:
        doc.add_paragraph(entry.text)
    for bullet in entry.bullets:
        doc.add_paragraph(bullet, style="List Bullet")


def docx_entries_table(doc: DocxDocument, entries: list[Entry]) -> None:
    """Two-column table layout: dates in the left cell, the role in the right cell."""
    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    for entry in entries:
        left, right = table.add_row().cells
        left.width, right.width = Cm(3.6), Cm(13.4)
        left.paragraphs[0].add_run(entry.dates)
        right.paragraphs[0].add_run(entry.heading).bold = True
        if entry.meta:
            right.add_paragraph().add_run(entry.meta).italic = True
        if entry.text:
            right.add_paragraph(entry.text)
        for bullet in entry.bullets:
            right.add_paragraph(bullet, style="List Bullet")


def docx_section(doc: DocxDocument, section: Section, *, table: bool = False) -> None:
    """Render any :class:`Section` under a Heading 2."""
    doc.add_heading(section.title, level=2)
    for para in section.paragraphs:
        doc.add_paragraph(para)
    if table and section.entries:
        docx_entries_table(doc, section.entries)
    else:
        for entry in section.entries:
            docx_entry(doc, entry)
    for label, value in section.pairs:
        para = doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    for bullet in section.bullets:
        doc.add_paragraph(bullet, style="List Bullet")


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed member timestamps so builds are reproducible."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def write_docx(resume: Resume, path: Path) -> None:
    """Render the DOCX for ``resume`` and write it to ``path``."""
    skim = hints(resume)
    doc = docx_setup(resume)
    docx_header(doc, resume)
    for section in sections(resume, skim.get("date_style", "mon-yyyy")):
        table = skim.get("layout") == "table" and section.key == "work"
        docx_section(doc, section, table=table)
    if skim.get("hidden_text"):
        run = doc.add_paragraph().add_run(skim["hidden_text"])
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run.font.size = Pt(7)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(normalise_zip(buffer.getvalue()))


# --------------------------------------------------------------------------- TXT / JSON


def txt_entry(entry: Entry) -> list[str]:
    """Markdown-ish lines for one entry."""
    lines = ["", f"### {entry.heading}"]
    if entry.second_line:
        lines.append(entry.second_line)
    lines.append(" | ".join(p for p in (entry.dates, entry.meta) if p))
    if entry.text:
        lines.append(entry.text)
    lines += [f"- {bullet}" for bullet in entry.bullets]
    return lines


def txt_section(section: Section) -> list[str]:
    """Markdown-ish lines for one section."""
    lines = ["", f"## {section.title}"]
    lines += [f"\n{para}" if i == 0 else para for i, para in enumerate(section.paragraphs)]
    for entry in section.entries:
        lines += txt_entry(entry)
    if section.pairs:
        lines.append("")
        lines += [f"- {label}: {value}" for label, value in section.pairs]
    if section.bullets:
        lines.append("")
        lines += [f"- {bullet}" for bullet in section.bullets]
    return lines


def render_txt(resume: Resume) -> str:
    """Markdown-ish plain text; the hidden and tiny PDF tricks become an HTML comment, the
    plain-text way to put words before a screening tool that a reader never sees."""
    skim = hints(resume)
    basics = resume["basics"]
    lines = [f"# {basics['name']}", basics.get("label", ""), " | ".join(contact_items(resume))]
    if profile_items(resume):
        lines.append(" | ".join(profile_items(resume)))
    if skim.get("work_authorization"):
        lines.append(skim["work_authorization"])
    style = skim.get("txt_date_style", skim.get("date_style", "mon-yyyy"))
    for section in sections(resume, style):
        lines += txt_section(section)
    tricks = [skim[k] for k in ("hidden_text", "tiny_text") if skim.get(k)]
    if tricks:
        lines.append("<!-- " + " ".join(tricks) + " -->")
    return "\n".join(lines) + "\n"


def write_txt(resume: Resume, path: Path) -> None:
    """Write the plain-text resume (UTF-8, LF line endings)."""
    path.write_text(render_txt(resume), encoding="utf-8", newline="\n")


def write_json(resume: Resume, path: Path) -> None:
    """Write the JSON Resume without the ``x-skim`` hints. JSON has no invisible text, so the
    hidden and tiny tricks are carried where a JSON Resume puts free text: the summary's end."""
    clean = {k: v for k, v in resume.items() if k != "x-skim"}
    tricks = [hints(resume)[k] for k in ("hidden_text", "tiny_text") if hints(resume).get(k)]
    if tricks:
        basics = dict(clean["basics"])
        basics["summary"] = " ".join([basics.get("summary", ""), *tricks]).strip()
        clean["basics"] = basics
    path.write_text(json.dumps(clean, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def build_all(out_dir: Path = HERE, sources: Path = SOURCES) -> list[Path]:
    """Build every persona of ``sources`` in every format into ``out_dir``; return the paths."""
    written: list[Path] = []
    for persona, resume in load_sources(sources):
        for ext, writer in (
            ("pdf", write_pdf),
            ("docx", write_docx),
            ("txt", write_txt),
            ("json", write_json),
        ):
            path = out_dir / f"{persona}.{ext}"
            writer(resume, path)
            written.append(path)
    return written


def main() -> int:
    """Entry point: build the personas and the demo pairs, and list the outputs."""
    for path in build_all() + build_all(DEMO_PAIRS, DEMO_PAIRS / "sources"):
        print(path.relative_to(HERE.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
