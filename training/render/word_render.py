#!/usr/bin/env python3
"""Render JSON Resume documents as Word files (python-docx layouts and pandoc) and
export them to PDF with LibreOffice.

Usage:
    python training/render/word_render.py --sources training/sources \
        --out training/renders [--jobs 2] [--layouts word-table,pandoc-md-custom] [--force]

Outputs, for each source ID (file stem):
    OUT/word-table/ID.docx     two-column table: dates left, role right, section labels left
    OUT/word-twocol/ID.docx    shaded sidebar (contact, skills, languages) + main column
    OUT/word-classic/ID.docx   single column, right tab stops, real "List Bullet" bullets
    OUT/word-compact/ID.docx   "Title, Company — City<TAB>dates" on one line, small type
    OUT/pandoc-md-default/ID.docx   Markdown -> pandoc, pandoc's default reference.docx
    OUT/pandoc-md-custom/ID.docx    Markdown -> pandoc, custom reference.docx
and ID.pdf beside every DOCX (``soffice --headless --convert-to pdf``, one
``-env:UserInstallation=file:///tmp/lo_profile_N`` per parallel worker).
pandoc also gets ID.md beside the DOCX.  OUT/_pandoc/custom-reference.docx is the
generated reference document.

Text rules: titles, companies, institutions, bullets are printed exactly as in the
source; dates are the source dates re-formatted (never completed: a bare year stays a
year); month names for fr/de/es (and it/pt/nl) come from the tables below.
Up-to-date outputs (newer than the source and this script) are skipped; failures are
logged to stderr and OUT/_logs/word_render.log and the run continues.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import logging
import os
import pathlib
import re
import shutil
import subprocess
import sys
import time
import traceback

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

LOG = logging.getLogger("word_render")
SCRIPT = pathlib.Path(__file__).resolve()

LAYOUTS = ["word-table", "word-twocol", "word-classic", "word-compact"]
PANDOC_LAYOUTS = ["pandoc-md-default", "pandoc-md-custom"]
ALL_LAYOUTS = LAYOUTS + PANDOC_LAYOUTS

# ----------------------------------------------------------------------------------
# Language tables
# ----------------------------------------------------------------------------------

MONTHS = {
    "en": (["January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"],
           ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"]),
    "fr": (["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"],
           ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
            "oct.", "nov.", "déc."]),
    "de": (["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember"],
           ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.",
            "Okt.", "Nov.", "Dez."]),
    "es": (["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre"],
           ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.",
            "oct.", "nov.", "dic."]),
    "it": (["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
            "agosto", "settembre", "ottobre", "novembre", "dicembre"],
           ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov",
            "dic"]),
    "pt": (["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
            "agosto", "setembro", "outubro", "novembro", "dezembro"],
           ["jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.", "set.",
            "out.", "nov.", "dez."]),
    "nl": (["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december"],
           ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.",
            "okt.", "nov.", "dec."]),
}
PRESENT = {"en": "Present", "fr": "aujourd'hui", "de": "heute", "es": "actualidad",
           "it": "oggi", "pt": "atual", "nl": "heden"}
TITLES = {
    "en": {"summary": "Profile", "work": "Professional Experience",
           "volunteer": "Volunteer Experience", "education": "Education",
           "projects": "Projects", "certificates": "Certifications", "awards": "Awards",
           "publications": "Publications", "skills": "Skills", "languages": "Languages",
           "interests": "Interests", "contact": "Contact"},
    "fr": {"summary": "Profil", "work": "Expérience professionnelle",
           "volunteer": "Engagement bénévole", "education": "Formation",
           "projects": "Projets", "certificates": "Certifications",
           "awards": "Distinctions", "publications": "Publications",
           "skills": "Compétences", "languages": "Langues",
           "interests": "Centres d'intérêt", "contact": "Contact"},
    "de": {"summary": "Profil", "work": "Berufserfahrung", "volunteer": "Ehrenamt",
           "education": "Ausbildung", "projects": "Projekte",
           "certificates": "Zertifikate", "awards": "Auszeichnungen",
           "publications": "Veröffentlichungen", "skills": "Kenntnisse",
           "languages": "Sprachen", "interests": "Interessen", "contact": "Kontakt"},
    "es": {"summary": "Perfil", "work": "Experiencia profesional",
           "volunteer": "Voluntariado", "education": "Formación académica",
           "projects": "Proyectos", "certificates": "Certificaciones",
           "awards": "Premios", "publications": "Publicaciones",
           "skills": "Habilidades", "languages": "Idiomas", "interests": "Intereses",
           "contact": "Contacto"},
    "it": {"summary": "Profilo", "work": "Esperienza professionale",
           "volunteer": "Volontariato", "education": "Istruzione", "projects": "Progetti",
           "certificates": "Certificazioni", "awards": "Premi",
           "publications": "Pubblicazioni", "skills": "Competenze", "languages": "Lingue",
           "interests": "Interessi", "contact": "Contatti"},
    "pt": {"summary": "Perfil", "work": "Experiência profissional",
           "volunteer": "Voluntariado", "education": "Formação", "projects": "Projetos",
           "certificates": "Certificações", "awards": "Prémios",
           "publications": "Publicações", "skills": "Competências",
           "languages": "Idiomas", "interests": "Interesses", "contact": "Contacto"},
    "nl": {"summary": "Profiel", "work": "Werkervaring", "volunteer": "Vrijwilligerswerk",
           "education": "Opleiding", "projects": "Projecten",
           "certificates": "Certificaten", "awards": "Prijzen",
           "publications": "Publicaties", "skills": "Vaardigheden", "languages": "Talen",
           "interests": "Interesses", "contact": "Contact"},
}

FONT_SANS_MS = "Calibri"          # LibreOffice substitutes metric-compatible Carlito
FONT_SERIF = "Liberation Serif"
FONT_DEJAVU = "DejaVu Sans"
FONT_SANS = "Liberation Sans"
FONT_CAMBRIA = "Cambria"          # -> Caladea


def lang_of(resume: dict) -> str:
    lang = str((resume.get("meta") or {}).get("language") or "en").lower()[:2]
    return lang if lang in MONTHS else "en"


def stable_choice(key: str, options: list):
    h = int(hashlib.sha1(key.encode()).hexdigest(), 16)
    return options[h % len(options)]


# ----------------------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def fmt_date(value, style: str, lang: str) -> str:
    """Format one source date.  A bare year stays a bare year; the day is dropped;
    anything unparseable is printed as given."""
    if value in (None, ""):
        return ""
    s = str(value).strip()
    m = _DATE_RE.match(s)
    if not m:
        return s
    y, mo = m.group(1), m.group(2)
    if mo is None or not 1 <= int(mo) <= 12:
        return y
    mo = int(mo)
    full, abbr = MONTHS[lang]
    if style == "mm/yyyy":
        return f"{mo:02d}/{y}"
    if style == "mm.yyyy":
        return f"{mo:02d}.{y}"
    if style == "yyyy-mm":
        return f"{y}-{mo:02d}"
    if style == "month yyyy":
        name = full[mo - 1]
        return f"{name.capitalize() if lang == 'en' else name} {y}"
    if style == "Month yyyy":  # capitalised month, also for fr/es
        return f"{full[mo - 1][:1].upper()}{full[mo - 1][1:]} {y}"
    if style == "mon yyyy":
        return f"{abbr[mo - 1]} {y}"
    if style == "MON yyyy":
        return f"{abbr[mo - 1].upper()} {y}"
    if style == "mon 'yy":
        return f"{abbr[mo - 1]} '{y[2:]}" if lang == "en" else f"{abbr[mo - 1]} {y}"
    raise ValueError(style)


def fmt_range(item: dict, style: str, lang: str, sep: str = " – ",
              present: str | None = None, start_key="startDate", end_key="endDate") -> str:
    start = fmt_date(item.get(start_key), style, lang)
    end = fmt_date(item.get(end_key), style, lang)
    if present is None:
        present = PRESENT[lang]
    if start and end:
        return f"{start}{sep}{end}"
    if start:
        return f"{start}{sep}{present}"
    return end


def single_date(item: dict, key: str, style: str, lang: str) -> str:
    return fmt_date(item.get(key), style, lang)


# ----------------------------------------------------------------------------------
# Resume helpers
# ----------------------------------------------------------------------------------


def city_line(b: dict) -> str:
    loc = b.get("location") or {}
    city, other = loc.get("city"), loc.get("region") or loc.get("countryCode")
    parts = [p for p in (city, other if other != city else None) if p]
    return ", ".join(parts)


def address_line(b: dict, lang: str) -> str:
    loc = b.get("location") or {}
    if not loc.get("address"):
        return city_line(b)
    if lang in ("fr", "de", "es", "it", "pt", "nl"):
        town = " ".join(p for p in (loc.get("postalCode"), loc.get("city")) if p)
        return ", ".join(p for p in (loc.get("address"), town) if p)
    tail = " ".join(p for p in (loc.get("region"), loc.get("postalCode")) if p)
    return ", ".join(p for p in (loc.get("address"), loc.get("city"), tail) if p)


def profile_texts(b: dict) -> list[str]:
    out = []
    for p in b.get("profiles") or []:
        if p.get("url"):
            out.append(re.sub(r"^https?://(www\.)?", "", p["url"]).rstrip("/"))
        elif p.get("username"):
            out.append(f"{p.get('network', '')}: {p['username']}".strip(": "))
    if b.get("url"):
        out.append(re.sub(r"^https?://(www\.)?", "", b["url"]).rstrip("/"))
    return out


def contact_items(b: dict) -> list[str]:
    return [x for x in [b.get("email"), b.get("phone"), city_line(b)] if x] + profile_texts(b)


def entries(resume: dict, key: str) -> list[dict]:
    return [e for e in (resume.get(key) or []) if isinstance(e, dict)]


def org_of(item: dict) -> str:
    return item.get("name") or item.get("organization") or ""


def edu_line(ed: dict) -> str:
    """"Degree, Area" (both strings verbatim)."""
    return ", ".join(x for x in (ed.get("studyType"), ed.get("area")) if x)


def skill_line(s: dict) -> str:
    kw = ", ".join(str(k) for k in s.get("keywords") or [])
    name = s.get("name") or ""
    if name and kw:
        return f"{name}: {kw}"
    return name or kw or (s.get("level") or "")


def lang_line(l: dict) -> str:
    return " – ".join(x for x in (l.get("language"), l.get("fluency")) if x)


def page_is_letter(resume: dict) -> bool:
    cc = ((resume.get("basics") or {}).get("location") or {}).get("countryCode", "")
    return str(cc).upper() in ("US", "CA", "MX", "PH")


# ----------------------------------------------------------------------------------
# python-docx helpers
# ----------------------------------------------------------------------------------


def set_run_font(run, name=None, size=None, bold=None, italic=None, color=None,
                 caps=None):
    f = run.font
    if name:
        f.name = name
        rpr = run._element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), name)
    if size:
        f.size = Pt(size)
    if bold is not None:
        f.bold = bold
    if italic is not None:
        f.italic = italic
    if color:
        f.color.rgb = RGBColor.from_string(color)
    if caps is not None:
        f.all_caps = caps
    return run


def set_style_font(style, name, size=None, bold=None, italic=None, color=None):
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if italic is not None:
        style.font.italic = italic
    if color:
        style.font.color.rgb = RGBColor.from_string(color)


def new_document(resume: dict, font: str, size: float, margins_cm=(1.8, 1.8, 1.8, 1.8),
                 lang: str = "en") -> Document:
    doc = Document()
    sec = doc.sections[0]
    if page_is_letter(resume):
        sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)
    else:
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = (
        Cm(m) for m in margins_cm)
    normal = doc.styles["Normal"]
    set_style_font(normal, font, size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    # Language tag (spell-checking / hyphenation in Word and LibreOffice).
    rpr = normal.element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), {"en": "en-GB", "fr": "fr-FR", "de": "de-DE",
                              "es": "es-ES"}.get(lang, lang))
    rpr.append(lang_el)
    for sname in ("List Bullet",):
        st = doc.styles[sname]
        set_style_font(st, font, size)
        st.paragraph_format.space_after = Pt(0)
    doc.core_properties.title = (resume.get("basics") or {}).get("name") or ""
    doc.core_properties.author = (resume.get("basics") or {}).get("name") or ""
    return doc


def text_width(doc) -> Emu:
    s = doc.sections[0]
    return s.page_width - s.left_margin - s.right_margin


def para(container, text="", font=None, size=None, bold=None, italic=None, color=None,
         align=None, space_before=None, space_after=None, style=None, caps=None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    if text:
        set_run_font(p.add_run(text), font, size, bold, italic, color, caps)
    if align is not None:
        p.alignment = align
    if space_before is not None:
        p.paragraph_format.space_before = Pt(space_before)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def add_run(p, text, font=None, size=None, bold=None, italic=None, color=None,
            caps=None):
    return set_run_font(p.add_run(text), font, size, bold, italic, color, caps)


def bottom_border(p, color="444444", size=6, space=1):
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    b.set(qn("w:val"), "single")
    b.set(qn("w:sz"), str(size))
    b.set(qn("w:space"), str(space))
    b.set(qn("w:color"), color)
    bdr.append(b)
    ppr.append(bdr)


def right_tab(p, position):
    p.paragraph_format.tab_stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def shade_cell(cell, fill="E8EDF2"):
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def cell_margins(table, left=80, right=80, top=40, bottom=40):
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, val in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(val))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def no_borders(table):
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def fixed_table(container, rows, widths):
    table = container.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for i, w in enumerate(widths):
        table.columns[i].width = w
        for cell in table.columns[i].cells:
            cell.width = w
    return table


def first_para(cell):
    """A table cell starts with one empty paragraph; use it for the first line."""
    return cell.paragraphs[0]


def cell_para(cell, used: list, **kw):
    if not used[0]:
        used[0] = True
        p = cell.paragraphs[0]
        text = kw.pop("text", "")
        style = kw.pop("style", None)
        if style:
            p.style = style
        if text:
            set_run_font(p.add_run(text), kw.get("font"), kw.get("size"), kw.get("bold"),
                         kw.get("italic"), kw.get("color"), kw.get("caps"))
        if kw.get("space_after") is not None:
            p.paragraph_format.space_after = Pt(kw["space_after"])
        if kw.get("space_before") is not None:
            p.paragraph_format.space_before = Pt(kw["space_before"])
        if kw.get("align") is not None:
            p.alignment = kw["align"]
        return p
    return para(cell, **kw)


def bullets(container, items, style="List Bullet", font=None, size=None, prefix=None,
            indent_cm=0.5):
    for h in items:
        if prefix is None:
            p = para(container, h, font=font, size=size, style=style)
        else:
            p = para(container, f"{prefix}\t{h}", font=font, size=size)
            pf = p.paragraph_format
            pf.left_indent = Cm(indent_cm)
            pf.first_line_indent = Cm(-indent_cm)
            pf.tab_stops.add_tab_stop(Cm(indent_cm))


# ----------------------------------------------------------------------------------
# Layout 1: word-table
# ----------------------------------------------------------------------------------


def layout_table(resume: dict, stem: str) -> Document:
    lang = lang_of(resume)
    T = TITLES[lang]
    font = FONT_SANS_MS
    doc = new_document(resume, font, 10.5, (1.6, 1.8, 1.6, 1.8), lang)
    b = resume.get("basics") or {}
    accent = "1F4E79"
    para(doc, b.get("name", ""), font=font, size=22, bold=True, color=accent)
    if b.get("label"):
        para(doc, b["label"], font=font, size=12.5, color="404040", space_after=2)
    para(doc, "  |  ".join(contact_items(b)), font=font, size=9.5, space_after=8)

    style = "mm/yyyy" if lang == "en" else stable_choice(stem, ["mm/yyyy", "mm.yyyy"])
    W = text_width(doc)
    left_w = Cm(3.6)
    widths = [left_w, W - left_w]

    def section(title, rows_fn):
        rows = rows_fn()
        if not rows:
            return
        table = fixed_table(doc, 1 + len(rows), widths)
        no_borders(table)
        cell_margins(table, left=60, right=100, top=30, bottom=60)
        hdr_l, hdr_r = table.rows[0].cells
        p = first_para(hdr_l)
        add_run(p, title.upper(), font=font, size=10.5, bold=True, color=accent)
        p.paragraph_format.space_before = Pt(8)
        rp = first_para(hdr_r)
        rp.paragraph_format.space_before = Pt(8)
        bottom_border(rp, color=accent, size=8)
        for row, (left_text, fill_right) in zip(table.rows[1:], rows, strict=False):
            lc, rc = row.cells
            lp = first_para(lc)
            if left_text:
                add_run(lp, left_text, font=font, size=9.5, color="404040")
            fill_right(rc)

    def summary_rows():
        if not b.get("summary"):
            return []
        return [("", lambda c: cell_para(c, [False], text=b["summary"], font=font,
                                         size=10.5))]

    def role_rows(items, org_key):
        rows = []
        for w in items:
            def fill(c, w=w):
                used = [False]
                p = cell_para(c, used)
                if w.get("position"):
                    add_run(p, w["position"], font=font, bold=True, size=11)
                org = w.get(org_key) or org_of(w)
                if org:
                    q = para(c)
                    add_run(q, org, font=font, italic=True)
                    if w.get("location"):
                        add_run(q, f", {w['location']}", font=font, color="595959")
                if w.get("summary"):
                    para(c, w["summary"], font=font, space_before=2)
                bullets(c, w.get("highlights") or [], font=font)
                c.paragraphs[-1].paragraph_format.space_after = Pt(6)
            rows.append((fmt_range(w, style, lang), fill))
        return rows

    def edu_rows():
        rows = []
        for ed in entries(resume, "education"):
            def fill(c, ed=ed):
                used = [False]
                p = cell_para(c, used)
                add_run(p, edu_line(ed), font=font, bold=True)
                para(c, ed.get("institution", ""), font=font, italic=True)
                extra = []
                if ed.get("score"):
                    extra.append(str(ed["score"]))
                if ed.get("courses"):
                    extra.append(", ".join(ed["courses"]))
                for x in extra:
                    para(c, x, font=font, size=9.5)
                c.paragraphs[-1].paragraph_format.space_after = Pt(6)
            rows.append((fmt_range(ed, style, lang), fill))
        return rows

    def dated_rows(key, name_key, org_key, date_key):
        rows = []
        for x in entries(resume, key):
            def fill(c, x=x):
                p = cell_para(c, [False])
                add_run(p, x.get(name_key, ""), font=font, bold=True)
                if x.get(org_key):
                    add_run(p, f", {x[org_key]}", font=font)
                if x.get("summary"):
                    para(c, x["summary"], font=font, size=9.5)
            rows.append((single_date(x, date_key, style, lang), fill))
        return rows

    def simple_rows(lines):
        return [("", lambda c, t=t: cell_para(c, [False], text=t, font=font))
                for t in lines]

    def project_rows():
        rows = []
        for pr in entries(resume, "projects"):
            def fill(c, pr=pr):
                p = cell_para(c, [False])
                add_run(p, pr.get("name", ""), font=font, bold=True)
                if pr.get("description"):
                    para(c, pr["description"], font=font)
                bullets(c, pr.get("highlights") or [], font=font)
            rows.append((fmt_range(pr, style, lang), fill))
        return rows

    section(T["summary"], summary_rows)
    section(T["work"], lambda: role_rows(entries(resume, "work"), "name"))
    section(T["volunteer"], lambda: role_rows(entries(resume, "volunteer"), "organization"))
    section(T["education"], edu_rows)
    section(T["projects"], project_rows)
    section(T["certificates"], lambda: dated_rows("certificates", "name", "issuer", "date"))
    section(T["awards"], lambda: dated_rows("awards", "title", "awarder", "date"))
    section(T["publications"],
            lambda: dated_rows("publications", "name", "publisher", "releaseDate"))
    section(T["skills"], lambda: simple_rows([skill_line(s) for s in entries(resume, "skills")]))
    section(T["languages"],
            lambda: simple_rows([lang_line(l) for l in entries(resume, "languages")]))
    section(T["interests"],
            lambda: simple_rows([skill_line(i) for i in entries(resume, "interests")]))
    return doc


# ----------------------------------------------------------------------------------
# Layout 2: word-twocol (sidebar as a table column)
# ----------------------------------------------------------------------------------


def layout_twocol(resume: dict, stem: str) -> Document:
    lang = lang_of(resume)
    T = TITLES[lang]
    font = stable_choice(stem + "twocol", [FONT_DEJAVU, FONT_SANS])
    body = 9.5 if font == FONT_DEJAVU else 10
    doc = new_document(resume, font, body, (1.2, 1.2, 1.2, 1.2), lang)
    b = resume.get("basics") or {}
    style = stable_choice(stem + "dates", ["mon yyyy", "month yyyy", "mm/yyyy"])
    W = text_width(doc)
    side_w = Cm(6.0)
    table = fixed_table(doc, 1, [side_w, W - side_w])
    no_borders(table)
    cell_margins(table, left=160, right=160, top=120, bottom=120)
    side, main = table.rows[0].cells
    shade_cell(side, "E7ECEF")
    accent = "2E5E4E"

    # --- sidebar
    su = [False]

    def side_head(text):
        p = cell_para(side, su, text=text.upper(), font=font, size=10, bold=True,
                      color=accent, space_before=10, space_after=3)
        bottom_border(p, color=accent, size=4)

    side_head(T["contact"])
    for item in contact_items(b):
        para(side, item, font=font, size=8.5, space_after=2)
    if entries(resume, "skills"):
        side_head(T["skills"])
        for s in entries(resume, "skills"):
            if s.get("name"):
                para(side, s["name"], font=font, size=9, bold=True, space_before=3)
            kws = s.get("keywords") or []
            if kws:
                for k in kws:
                    para(side, f"▪ {k}", font=font, size=8.5)
            elif s.get("level"):
                para(side, s["level"], font=font, size=8.5)
    if entries(resume, "languages"):
        side_head(T["languages"])
        for l in entries(resume, "languages"):
            p = para(side, l.get("language", ""), font=font, size=9, bold=True)
            if l.get("fluency"):
                para(side, l["fluency"], font=font, size=8.5, italic=True, space_after=2)
    if entries(resume, "certificates"):
        side_head(T["certificates"])
        for c in entries(resume, "certificates"):
            para(side, c.get("name", ""), font=font, size=8.5, bold=True, space_before=2)
            sub = ", ".join(x for x in (c.get("issuer"),
                                        single_date(c, "date", style, lang)) if x)
            if sub:
                para(side, sub, font=font, size=8)
    if entries(resume, "interests"):
        side_head(T["interests"])
        for i in entries(resume, "interests"):
            para(side, skill_line(i), font=font, size=8.5)

    # --- main column
    mu = [False]
    cell_para(main, mu, text=b.get("name", ""), font=font, size=21, bold=True,
              color="222222")
    if b.get("label"):
        para(main, b["label"], font=font, size=11.5, color=accent, space_after=6)

    def main_head(text):
        p = para(main, text, font=font, size=12, bold=True, color=accent,
                 space_before=10, space_after=4)
        return p

    if b.get("summary"):
        main_head(T["summary"])
        para(main, b["summary"], font=font, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def roles(items, title, org_key):
        if not items:
            return
        main_head(title)
        for w in items:
            para(main, w.get("position", ""), font=font, size=body + 1, bold=True,
                 space_before=5)
            p = para(main)
            add_run(p, w.get(org_key) or org_of(w), font=font, color=accent, bold=True)
            if w.get("location"):
                add_run(p, f" · {w['location']}", font=font, color="555555")
            para(main, fmt_range(w, style, lang), font=font, size=body - 1, italic=True,
                 color="555555", space_after=2)
            if w.get("summary"):
                para(main, w["summary"], font=font)
            for h in w.get("highlights") or []:
                p = para(main, f"–\t{h}", font=font)
                p.paragraph_format.left_indent = Cm(0.45)
                p.paragraph_format.first_line_indent = Cm(-0.45)
                p.paragraph_format.tab_stops.add_tab_stop(Cm(0.45))

    roles(entries(resume, "work"), T["work"], "name")
    if entries(resume, "education"):
        main_head(T["education"])
        for ed in entries(resume, "education"):
            para(main, edu_line(ed), font=font, bold=True, space_before=4)
            para(main, ed.get("institution", ""), font=font, color=accent)
            para(main, fmt_range(ed, style, lang), font=font, size=body - 1, italic=True,
                 color="555555")
            if ed.get("score"):
                para(main, str(ed["score"]), font=font, size=body - 1)
    if entries(resume, "projects"):
        main_head(T["projects"])
        for pr in entries(resume, "projects"):
            p = para(main, space_before=4)
            add_run(p, pr.get("name", ""), font=font, bold=True)
            d = fmt_range(pr, style, lang)
            if d:
                add_run(p, f" ({d})", font=font, size=body - 1, color="555555")
            if pr.get("description"):
                para(main, pr["description"], font=font)
    roles(entries(resume, "volunteer"), T["volunteer"], "organization")
    for key, name_key, org_key, date_key in (("awards", "title", "awarder", "date"),
                                             ("publications", "name", "publisher",
                                              "releaseDate")):
        if entries(resume, key):
            main_head(T[key])
            for x in entries(resume, key):
                p = para(main, space_before=3)
                add_run(p, x.get(name_key, ""), font=font, bold=True)
                tail = ", ".join(y for y in (x.get(org_key),
                                             single_date(x, date_key, style, lang)) if y)
                if tail:
                    add_run(p, f" — {tail}", font=font)
    return doc


# ----------------------------------------------------------------------------------
# Layout 3: word-classic
# ----------------------------------------------------------------------------------


def layout_classic(resume: dict, stem: str) -> Document:
    lang = lang_of(resume)
    T = TITLES[lang]
    font = stable_choice(stem + "classic", [FONT_SERIF, FONT_CAMBRIA])
    if re.search("[\u1e00-\u1eff]", json.dumps(resume, ensure_ascii=False)):
        # Vietnamese capitals (Ễ, Ị) are missing from Caladea / Liberation Serif and
        # came out as (cid:N) garbage in the PDF.
        font = "DejaVu Serif"
    doc = new_document(resume, font, 11, (2.0, 2.2, 2.0, 2.2), lang)
    b = resume.get("basics") or {}
    name = b.get("name", "")
    # Upper-case the name only when that is reversible (not "Yıldız" -> "YILDIZ").
    caps_ok = name.upper().lower() == name.lower()
    W = text_width(doc)
    style = "month yyyy" if lang == "en" else stable_choice(stem, ["month yyyy",
                                                                    "mon yyyy"])
    para(doc, name, font=font, size=20, bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, caps=caps_ok)
    if b.get("label"):
        para(doc, b["label"], font=font, size=12, italic=True,
             align=WD_ALIGN_PARAGRAPH.CENTER)
    contact = [address_line(b, lang)] + [x for x in (b.get("phone"), b.get("email")) if x]
    para(doc, " • ".join(c for c in contact if c), font=font, size=10,
         align=WD_ALIGN_PARAGRAPH.CENTER)
    links = profile_texts(b)
    if links:
        para(doc, " • ".join(links), font=font, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)

    def heading(text):
        p = para(doc, text.upper(), font=font, size=12, bold=True, space_before=12,
                 space_after=4)
        bottom_border(p, color="000000", size=8)

    def two_side(left, right, left_kw, right_kw, space_before=0):
        p = para(doc, space_before=space_before)
        right_tab(p, W)
        add_run(p, left, font=font, **left_kw)
        if right:
            add_run(p, "\t" + right, font=font, **right_kw)
        return p

    if b.get("summary"):
        heading(T["summary"])
        para(doc, b["summary"], font=font, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    def roles(items, title, org_key):
        if not items:
            return
        heading(title)
        for w in items:
            two_side(w.get(org_key) or org_of(w), w.get("location", ""), {"bold": True},
                     {}, space_before=6)
            two_side(w.get("position", ""), fmt_range(w, style, lang), {"italic": True},
                     {"italic": True})
            if w.get("summary"):
                para(doc, w["summary"], font=font, space_before=2)
            bullets(doc, w.get("highlights") or [], font=font)

    roles(entries(resume, "work"), T["work"], "name")
    if entries(resume, "education"):
        heading(T["education"])
        for ed in entries(resume, "education"):
            two_side(ed.get("institution", ""), ed.get("location", ""), {"bold": True}, {},
                     space_before=6)
            two_side(edu_line(ed), fmt_range(ed, style, lang), {"italic": True},
                     {"italic": True})
            extra = [str(ed["score"])] if ed.get("score") else []
            if ed.get("courses"):
                extra.append(", ".join(ed["courses"]))
            bullets(doc, extra, font=font)
    roles(entries(resume, "volunteer"), T["volunteer"], "organization")
    if entries(resume, "projects"):
        heading(T["projects"])
        for pr in entries(resume, "projects"):
            two_side(pr.get("name", ""), fmt_range(pr, style, lang), {"bold": True},
                     {"italic": True}, space_before=6)
            if pr.get("description"):
                para(doc, pr["description"], font=font)
            bullets(doc, pr.get("highlights") or [], font=font)
    for key, name_key, org_key, date_key in (
            ("certificates", "name", "issuer", "date"),
            ("awards", "title", "awarder", "date"),
            ("publications", "name", "publisher", "releaseDate")):
        if entries(resume, key):
            heading(T[key])
            for x in entries(resume, key):
                left = x.get(name_key, "")
                if x.get(org_key):
                    left = f"{left}, {x[org_key]}"
                two_side(left, single_date(x, date_key, style, lang), {}, {})
    if entries(resume, "skills"):
        heading(T["skills"])
        for s in entries(resume, "skills"):
            p = para(doc, space_after=1)
            if s.get("name"):
                add_run(p, s["name"] + ": ", font=font, bold=True)
            add_run(p, ", ".join(s.get("keywords") or []) or (s.get("level") or ""),
                    font=font)
    if entries(resume, "languages"):
        heading(T["languages"])
        para(doc, "; ".join(lang_line(l) for l in entries(resume, "languages")),
             font=font)
    if entries(resume, "interests"):
        heading(T["interests"])
        para(doc, "; ".join(skill_line(i) for i in entries(resume, "interests")),
             font=font)
    return doc


# ----------------------------------------------------------------------------------
# Layout 4: word-compact
# ----------------------------------------------------------------------------------

COMPACT_DATE_STYLES = ["mon yyyy", "MON yyyy", "mm/yyyy", "yyyy-mm", "Month yyyy",
                       "mm.yyyy", "mon 'yy"]


def layout_compact(resume: dict, stem: str) -> Document:
    lang = lang_of(resume)
    T = TITLES[lang]
    font = stable_choice(stem + "compact", [FONT_DEJAVU, FONT_SANS_MS, FONT_SANS])
    size = {FONT_DEJAVU: 8.5, FONT_SANS_MS: 9.5, FONT_SANS: 9}[font]
    doc = new_document(resume, font, size, (1.3, 1.5, 1.3, 1.5), lang)
    b = resume.get("basics") or {}
    W = text_width(doc)
    style = stable_choice(stem + "compactdates", COMPACT_DATE_STYLES)
    present = stable_choice(stem + "present", [PRESENT[lang], PRESENT[lang].lower(),
                                               PRESENT[lang].capitalize()])
    seps = [" – ", " - ", "–", " to "] if lang == "en" else [" – ", " - ", "–"]
    if style == "yyyy-mm":
        seps = [" – ", " to "] if lang == "en" else [" – "]
    sep = stable_choice(stem + "sep", seps)

    p = para(doc)
    right_tab(p, W)
    add_run(p, b.get("name", ""), font=font, size=size + 7, bold=True)
    if b.get("label"):
        add_run(p, "\t" + b["label"], font=font, size=size + 1.5, color="3A3A3A")
    para(doc, " · ".join(contact_items(b)), font=font, size=size - 0.5, space_after=4)

    def heading(text):
        p = para(doc, text, font=font, size=size + 1.5, bold=True, color="7A1F1F",
                 space_before=7, space_after=2, caps=True)
        bottom_border(p, color="7A1F1F", size=4, space=0)

    def line_with_date(parts_bold, rest, date_text, space_before=3):
        p = para(doc, space_before=space_before)
        right_tab(p, W)
        add_run(p, parts_bold, font=font, bold=True)
        if rest:
            add_run(p, rest, font=font)
        if date_text:
            add_run(p, "\t" + date_text, font=font, color="3A3A3A")
        return p

    if b.get("summary"):
        heading(T["summary"])
        para(doc, b["summary"], font=font)

    def roles(items, title, org_key):
        if not items:
            return
        heading(title)
        for w in items:
            org = w.get(org_key) or org_of(w)
            rest = f", {org}" if org else ""
            if w.get("location"):
                rest += f" — {w['location']}"
            line_with_date(w.get("position", ""), rest,
                           fmt_range(w, style, lang, sep=sep, present=present))
            if w.get("summary"):
                para(doc, w["summary"], font=font, italic=True)
            bullets(doc, w.get("highlights") or [], font=font, prefix="•", indent_cm=0.35)

    roles(entries(resume, "work"), T["work"], "name")
    if entries(resume, "education"):
        heading(T["education"])
        for ed in entries(resume, "education"):
            rest = f", {ed['institution']}" if ed.get("institution") else ""
            if ed.get("score"):
                rest += f" ({ed['score']})"
            line_with_date(edu_line(ed), rest,
                           fmt_range(ed, style, lang, sep=sep, present=present))
    roles(entries(resume, "volunteer"), T["volunteer"], "organization")
    if entries(resume, "projects"):
        heading(T["projects"])
        for pr in entries(resume, "projects"):
            rest = f": {pr['description']}" if pr.get("description") else ""
            line_with_date(pr.get("name", ""), rest,
                           fmt_range(pr, style, lang, sep=sep, present=present))
    for key, name_key, org_key, date_key in (
            ("certificates", "name", "issuer", "date"),
            ("awards", "title", "awarder", "date"),
            ("publications", "name", "publisher", "releaseDate")):
        if entries(resume, key):
            heading(T[key])
            for x in entries(resume, key):
                rest = f", {x[org_key]}" if x.get(org_key) else ""
                line_with_date(x.get(name_key, ""), rest,
                               single_date(x, date_key, style, lang), space_before=1)
    if entries(resume, "skills"):
        heading(T["skills"])
        for s in entries(resume, "skills"):
            para(doc, skill_line(s), font=font)
    if entries(resume, "languages"):
        heading(T["languages"])
        para(doc, " | ".join(lang_line(l) for l in entries(resume, "languages")),
             font=font)
    if entries(resume, "interests"):
        heading(T["interests"])
        para(doc, " | ".join(skill_line(i) for i in entries(resume, "interests")),
             font=font)
    return doc


LAYOUT_FUNCS = {
    "word-table": layout_table,
    "word-twocol": layout_twocol,
    "word-classic": layout_classic,
    "word-compact": layout_compact,
}

# ----------------------------------------------------------------------------------
# pandoc
# ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~^$@&:\"'])")


def md_escape(s) -> str:
    """Backslash-escape everything Markdown could interpret (pandoc's markdown
    accepts a backslash before any ASCII punctuation)."""
    return _MD_SPECIAL.sub(r"\\\1", str(s)).replace("\n", " ")


def resume_to_markdown(resume: dict) -> str:
    lang = lang_of(resume)
    T = TITLES[lang]
    b = resume.get("basics") or {}
    style = "mon yyyy"
    e = md_escape
    out = [f"# {e(b.get('name', ''))}", ""]
    if b.get("label"):
        out += [f"**{e(b['label'])}**", ""]
    contact = contact_items(b)
    if contact:
        out += [" \\| ".join(e(c) for c in contact), ""]
    if b.get("summary"):
        out += [f"## {e(T['summary'])}", "", e(b["summary"]), ""]

    def roles(items, title, org_key):
        if not items:
            return
        out.extend([f"## {e(title)}", ""])
        for w in items:
            org = w.get(org_key) or org_of(w)
            head = e(w.get("position", ""))
            if org:
                head += f", {e(org)}"
            out.extend([f"### {head}", ""])
            meta = [fmt_range(w, style, lang)] + ([w["location"]] if w.get("location") else [])
            out.extend(["*" + " \\| ".join(e(m) for m in meta if m) + "*", ""])
            if w.get("summary"):
                out.extend([e(w["summary"]), ""])
            for h in w.get("highlights") or []:
                out.append(f"- {e(h)}")
            out.append("")

    roles(entries(resume, "work"), T["work"], "name")
    if entries(resume, "education"):
        out += [f"## {e(T['education'])}", ""]
        for ed in entries(resume, "education"):
            out += [f"### {e(edu_line(ed))}", "", e(ed.get("institution", "")), ""]
            meta = [fmt_range(ed, style, lang)] + ([str(ed["score"])] if ed.get("score") else [])
            out += ["*" + " \\| ".join(e(m) for m in meta if m) + "*", ""]
    roles(entries(resume, "volunteer"), T["volunteer"], "organization")
    if entries(resume, "projects"):
        out += [f"## {e(T['projects'])}", ""]
        for pr in entries(resume, "projects"):
            out += [f"### {e(pr.get('name', ''))}", ""]
            d = fmt_range(pr, style, lang)
            if d:
                out += [f"*{e(d)}*", ""]
            if pr.get("description"):
                out += [e(pr["description"]), ""]
            out += [f"- {e(h)}" for h in pr.get("highlights") or []] + [""]
    for key, name_key, org_key, date_key in (
            ("certificates", "name", "issuer", "date"),
            ("awards", "title", "awarder", "date"),
            ("publications", "name", "publisher", "releaseDate")):
        if entries(resume, key):
            out += [f"## {e(T[key])}", ""]
            for x in entries(resume, key):
                parts = [x.get(name_key, ""), x.get(org_key, ""),
                         single_date(x, date_key, style, lang)]
                out.append("- " + ", ".join(e(p) for p in parts if p))
            out.append("")
    if entries(resume, "skills"):
        out += [f"## {e(T['skills'])}", ""]
        for s in entries(resume, "skills"):
            if s.get("name"):
                out.append(f"- **{e(s['name'])}:** "
                           + e(", ".join(s.get("keywords") or []) or s.get("level") or ""))
            else:
                out.append(f"- {e(skill_line(s))}")
        out.append("")
    if entries(resume, "languages"):
        out += [f"## {e(T['languages'])}", ""]
        out += [f"- {e(lang_line(l))}" for l in entries(resume, "languages")] + [""]
    if entries(resume, "interests"):
        out += [f"## {e(T['interests'])}", ""]
        out += [f"- {e(skill_line(i))}" for i in entries(resume, "interests")] + [""]
    return "\n".join(out)


def make_custom_reference(out_root: pathlib.Path) -> pathlib.Path:
    """pandoc's reference.docx with other fonts, sizes and colours."""
    ref_dir = out_root / "_pandoc"
    ref_dir.mkdir(parents=True, exist_ok=True)
    ref = ref_dir / "custom-reference.docx"
    if ref.exists() and ref.stat().st_mtime >= SCRIPT.stat().st_mtime:
        return ref
    tmp = ref_dir / f"default-reference.{os.getpid()}.docx"
    with open(tmp, "wb") as fh:
        subprocess.run(["pandoc", "--print-default-data-file",
                        "reference.docx"], stdout=fh, check=True)
    doc = Document(str(tmp))
    # pandoc's reference.docx spells built-in names "Heading 2" where python-docx
    # expects "heading 2", so look styles up by styleId instead of by name.
    by_id = {st.style_id: st for st in doc.styles}

    class _Styles(dict):
        def __getitem__(self, name):
            return by_id[name.replace(" ", "")]

    styles = _Styles()
    for name, font, size, bold, color in (
            ("Normal", FONT_SERIF, 10.5, None, None),
            ("Body Text", FONT_SERIF, 10.5, None, None),
            ("First Paragraph", FONT_SERIF, 10.5, None, None),
            ("Compact", FONT_SERIF, 10.5, None, None),
            ("Title", FONT_DEJAVU, 24, True, "8B2500"),
            ("Heading 1", FONT_DEJAVU, 18, True, "8B2500"),
            ("Heading 2", FONT_DEJAVU, 12, True, "8B2500"),
            ("Heading 3", FONT_SERIF, 11, True, "000000"),
    ):
        try:
            st = styles[name]
        except KeyError:
            continue
        set_style_font(st, font, size, bold=bold, color=color)
    for name, before, after in (("Heading 1", 0, 6), ("Heading 2", 12, 3),
                                ("Heading 3", 6, 1), ("Body Text", 2, 2),
                                ("First Paragraph", 2, 2)):
        try:
            pf = styles[name].paragraph_format
        except KeyError:
            continue
        pf.space_before, pf.space_after = Pt(before), Pt(after)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(sec, side, Cm(1.9))
    tmp_ref = ref_dir / f"custom-reference.{os.getpid()}.docx"
    doc.save(str(tmp_ref))
    os.replace(tmp_ref, ref)
    tmp.unlink(missing_ok=True)
    return ref


def build_pandoc(resume: dict, stem: str, out_dir: pathlib.Path,
                 reference: pathlib.Path | None) -> pathlib.Path:
    md = out_dir / f"{stem}.md"
    md.write_text(resume_to_markdown(resume), encoding="utf-8")
    docx = out_dir / f"{stem}.docx"
    tmp = out_dir / f".{stem}.{os.getpid()}.docx"
    cmd = ["pandoc", "-f", "markdown-smart", "-t", "docx", "-o", str(tmp), str(md),
           "-M", f"lang={lang_of(resume)}"]
    if reference:
        cmd += ["--reference-doc", str(reference)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    os.replace(tmp, docx)
    return docx


# ----------------------------------------------------------------------------------
# LibreOffice
# ----------------------------------------------------------------------------------


def soffice_convert(docx_files: list[pathlib.Path], worker: int,
                    timeout: int = 900) -> list[tuple[pathlib.Path, str]]:
    """Convert DOCX files (grouped by directory) to PDF beside them.  Returns a list
    of (docx, error) for failures."""
    failures = []
    profile = f"file:///tmp/lo_profile_{worker}"
    by_dir: dict[pathlib.Path, list[pathlib.Path]] = {}
    for f in docx_files:
        by_dir.setdefault(f.parent, []).append(f)
    for d, files in by_dir.items():
        for f in files:
            (d / f"{f.stem}.pdf").unlink(missing_ok=True)
        cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(d),
               *[str(f) for f in files]]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            err = (r.stderr or "").strip()
        except subprocess.TimeoutExpired:
            err = "timeout"
        for f in files:
            if not (d / f"{f.stem}.pdf").exists():
                failures.append((f, err or "no PDF produced"))
    return failures


# ----------------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------------


def build_docx_for_source(src: str, out_root: str, layouts: list[str], force: bool,
                          reference: str | None) -> dict:
    src_p = pathlib.Path(src)
    stem = src_p.stem
    newest = max(src_p.stat().st_mtime, SCRIPT.stat().st_mtime)
    res = {"source": stem, "built": [], "skipped": [], "failed": []}
    try:
        resume = json.loads(src_p.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        res["failed"] = [(l, f"read: {e}") for l in layouts]
        return res
    for layout in layouts:
        out_dir = pathlib.Path(out_root) / layout
        out_dir.mkdir(parents=True, exist_ok=True)
        docx = out_dir / f"{stem}.docx"
        if not force and docx.exists() and docx.stat().st_mtime >= newest:
            res["skipped"].append(layout)
            continue
        try:
            if layout in LAYOUT_FUNCS:
                doc = LAYOUT_FUNCS[layout](resume, stem)
                tmp = out_dir / f".{stem}.{os.getpid()}.docx"
                doc.save(str(tmp))
                os.replace(tmp, docx)
            elif layout == "pandoc-md-default":
                build_pandoc(resume, stem, out_dir, None)
            elif layout == "pandoc-md-custom":
                build_pandoc(resume, stem, out_dir, pathlib.Path(reference))
            else:
                raise ValueError(f"unknown layout {layout}")
            res["built"].append(layout)
        except Exception as e:  # noqa: BLE001
            res["failed"].append((layout, f"{type(e).__name__}: {e}"))
            LOG.debug(traceback.format_exc())
    return res


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--layouts", default="", help=f"comma list; default {','.join(ALL_LAYOUTS)}")
    ap.add_argument("--only", default="", help="comma list of source stems")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--no-pdf", action="store_true", help="build DOCX only")
    args = ap.parse_args(argv)

    out_root = pathlib.Path(args.out).resolve()
    (out_root / "_logs").mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr),
                  logging.FileHandler(out_root / "_logs" / "word_render.log",
                                      encoding="utf-8")])
    layouts = [l for l in args.layouts.split(",") if l] or ALL_LAYOUTS
    for l in layouts:
        if l not in ALL_LAYOUTS:
            ap.error(f"unknown layout {l}")
    srcs = sorted(pathlib.Path(args.sources).glob("*.json"))
    if args.only:
        keep = set(args.only.split(","))
        srcs = [s for s in srcs if s.stem in keep]
    for tool in ("pandoc", "soffice"):
        if not shutil.which(tool):
            LOG.error("%s not found on PATH", tool)
            return 2
    t0 = time.time()
    reference = None
    if "pandoc-md-custom" in layouts:
        reference = str(make_custom_reference(out_root))
    LOG.info("%d sources x %d layouts, jobs %d", len(srcs), len(layouts), args.jobs)

    # Phase 1: DOCX (python-docx / pandoc)
    jobs = [(str(s), str(out_root), layouts, args.force, reference) for s in srcs]
    results = []
    if args.jobs > 1:
        with cf.ProcessPoolExecutor(max_workers=args.jobs) as ex:
            results = list(ex.map(build_docx_for_source, *zip(*jobs, strict=True))) if jobs else []
    else:
        results = [build_docx_for_source(*j) for j in jobs]
    n_fail = 0
    for r in results:
        for layout, msg in r["failed"]:
            LOG.error("FAILED %s [%s]: %s", r["source"], layout, msg)
            n_fail += 1
    n_built = sum(len(r["built"]) for r in results)
    t1 = time.time()
    LOG.info("DOCX: %d built, %d up to date, %d failed in %.1fs", n_built,
             sum(len(r["skipped"]) for r in results), n_fail, t1 - t0)
    if args.no_pdf:
        return 1 if n_fail else 0

    # Phase 2: PDF via LibreOffice, only where the PDF is missing or older than DOCX.
    todo = []
    for s in srcs:
        for layout in layouts:
            docx = out_root / layout / f"{s.stem}.docx"
            pdf = docx.with_suffix(".pdf")
            if docx.exists() and (args.force or not pdf.exists()
                                  or pdf.stat().st_mtime < docx.stat().st_mtime):
                todo.append(docx)
    n_workers = max(1, min(args.jobs, len(todo)))
    chunks = [todo[i::n_workers] for i in range(n_workers)]
    failures = []
    if todo:
        with cf.ThreadPoolExecutor(max_workers=n_workers) as ex:
            for f in ex.map(soffice_convert, chunks, range(1, n_workers + 1)):
                failures.extend(f)
    for docx, err in failures:
        LOG.error("FAILED PDF %s/%s: %s", docx.parent.name, docx.name, err[:500])
    LOG.info("PDF: %d converted, %d failed in %.1fs", len(todo) - len(failures),
             len(failures), time.time() - t1)
    LOG.info("done in %.1fs", time.time() - t0)
    return 1 if (n_fail or failures) else 0


if __name__ == "__main__":
    sys.exit(main())
