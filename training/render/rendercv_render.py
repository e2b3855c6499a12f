#!/usr/bin/env python3
"""Render JSON Resume documents to PDF with every built-in RenderCV (Typst) theme.

Usage:
    python training/render/rendercv_render.py --sources training/sources \
        --out training/renders [--jobs 2] [--themes classic,sb2nov] [--force]

Writes ``OUT/rendercv-THEME/ID.pdf`` (ID = source file stem) and, next to it,
``ID.yaml`` (the RenderCV input that was rendered, for inspection).  Outputs newer
than both the source and this script are skipped unless ``--force``.  A failing
source/theme is logged to stderr and ``OUT/_logs/rendercv_render.log`` and the run
continues.

Notes on RenderCV 2.3 (the newest release installable on Python 3.11; 2.4+ need 3.12):
  * built-in themes: classic, sb2nov, engineeringresumes, engineeringclassic, moderncv;
  * no headline field: ``basics.label`` is printed as the first line of the summary
    section;
  * the locale has no built-in translations, so month names / "present" / section
    titles for fr, de, es, it, pt, nl come from the tables below;
  * RenderCV treats entry text as Markdown and Typst markup and strips trailing
    punctuation from templated fields ("S.r.l." -> "S.r.l", "C++" -> "C").  To print
    source strings verbatim, the Markdown->Typst step is replaced by a plain escaper
    that backslash-escapes every Typst markup character and wraps each value in a
    ``#[...]`` content block (see ``_install_patches``).
  * "Last updated in <today>" footers and time spans are disabled so that no date
    that is not in the source is printed.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import copy
import json
import logging
import os
import pathlib
import re
import sys
import tempfile
import time
import traceback

LOG = logging.getLogger("rendercv_render")
SCRIPT = pathlib.Path(__file__).resolve()

# ----------------------------------------------------------------------------------
# Locale tables
# ----------------------------------------------------------------------------------

LOCALES: dict[str, dict] = {
    "en": {
        "full": ["January", "February", "March", "April", "May", "June", "July",
                 "August", "September", "October", "November", "December"],
        "abbr": ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept",
                 "Oct", "Nov", "Dec"],
        "present": "present",
        "month": "month", "months": "months", "year": "year", "years": "years",
        "page": "NAME - Page PAGE_NUMBER of TOTAL_PAGES",
    },
    "fr": {
        "full": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                 "août", "septembre", "octobre", "novembre", "décembre"],
        "abbr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                 "sept.", "oct.", "nov.", "déc."],
        "present": "aujourd’hui",
        "month": "mois", "months": "mois", "year": "an", "years": "ans",
        "page": "NAME - Page PAGE_NUMBER sur TOTAL_PAGES",
    },
    "de": {
        "full": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                 "August", "September", "Oktober", "November", "Dezember"],
        "abbr": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.",
                 "Sept.", "Okt.", "Nov.", "Dez."],
        "present": "heute",
        "month": "Monat", "months": "Monate", "year": "Jahr", "years": "Jahre",
        "page": "NAME - Seite PAGE_NUMBER von TOTAL_PAGES",
    },
    "es": {
        "full": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                 "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "abbr": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.",
                 "sept.", "oct.", "nov.", "dic."],
        "present": "actualidad",
        "month": "mes", "months": "meses", "year": "año", "years": "años",
        "page": "NAME - Página PAGE_NUMBER de TOTAL_PAGES",
    },
    "it": {
        "full": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
                 "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
        "abbr": ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set",
                 "ott", "nov", "dic"],
        "present": "oggi",
        "month": "mese", "months": "mesi", "year": "anno", "years": "anni",
        "page": "NAME - Pagina PAGE_NUMBER di TOTAL_PAGES",
    },
    "pt": {
        "full": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho",
                 "agosto", "setembro", "outubro", "novembro", "dezembro"],
        "abbr": ["jan.", "fev.", "mar.", "abr.", "maio", "jun.", "jul.", "ago.",
                 "set.", "out.", "nov.", "dez."],
        "present": "atual",
        "month": "mês", "months": "meses", "year": "ano", "years": "anos",
        "page": "NAME - Página PAGE_NUMBER de TOTAL_PAGES",
    },
    "nl": {
        "full": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                 "augustus", "september", "oktober", "november", "december"],
        "abbr": ["jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.",
                 "sep.", "okt.", "nov.", "dec."],
        "present": "heden",
        "month": "maand", "months": "maanden", "year": "jaar", "years": "jaar",
        "page": "NAME - Pagina PAGE_NUMBER van TOTAL_PAGES",
    },
}

SECTION_TITLES: dict[str, dict[str, str]] = {
    "en": {"summary": "Summary", "work": "Experience", "volunteer": "Volunteering",
           "education": "Education", "projects": "Projects",
           "certificates": "Certifications", "awards": "Awards",
           "publications": "Publications", "skills": "Skills",
           "languages": "Languages", "interests": "Interests"},
    "fr": {"summary": "Profil", "work": "Expérience professionnelle",
           "volunteer": "Bénévolat", "education": "Formation", "projects": "Projets",
           "certificates": "Certifications", "awards": "Distinctions",
           "publications": "Publications", "skills": "Compétences",
           "languages": "Langues", "interests": "Centres d'intérêt"},
    "de": {"summary": "Profil", "work": "Berufserfahrung",
           "volunteer": "Ehrenamt", "education": "Ausbildung", "projects": "Projekte",
           "certificates": "Zertifikate", "awards": "Auszeichnungen",
           "publications": "Veröffentlichungen", "skills": "Kenntnisse",
           "languages": "Sprachen", "interests": "Interessen"},
    "es": {"summary": "Perfil", "work": "Experiencia profesional",
           "volunteer": "Voluntariado", "education": "Formación",
           "projects": "Proyectos", "certificates": "Certificaciones",
           "awards": "Premios", "publications": "Publicaciones",
           "skills": "Habilidades", "languages": "Idiomas", "interests": "Intereses"},
    "it": {"summary": "Profilo", "work": "Esperienza professionale",
           "volunteer": "Volontariato", "education": "Istruzione",
           "projects": "Progetti", "certificates": "Certificazioni",
           "awards": "Premi", "publications": "Pubblicazioni",
           "skills": "Competenze", "languages": "Lingue", "interests": "Interessi"},
    "pt": {"summary": "Perfil", "work": "Experiência profissional",
           "volunteer": "Voluntariado", "education": "Formação",
           "projects": "Projetos", "certificates": "Certificações",
           "awards": "Prémios", "publications": "Publicações",
           "skills": "Competências", "languages": "Idiomas", "interests": "Interesses"},
    "nl": {"summary": "Profiel", "work": "Werkervaring",
           "volunteer": "Vrijwilligerswerk", "education": "Opleiding",
           "projects": "Projecten", "certificates": "Certificaten",
           "awards": "Prijzen", "publications": "Publicaties",
           "skills": "Vaardigheden", "languages": "Talen", "interests": "Interesses"},
}

DEGREE_AREA_CONNECTOR = {"fr": "en", "de": "in", "es": "en", "it": "in", "pt": "em",
                         "nl": "in"}

RENDERCV_NETWORKS = {
    "linkedin": "LinkedIn", "github": "GitHub", "gitlab": "GitLab", "imdb": "IMDB",
    "instagram": "Instagram", "orcid": "ORCID", "mastodon": "Mastodon",
    "stackoverflow": "StackOverflow", "stack overflow": "StackOverflow",
    "researchgate": "ResearchGate", "youtube": "YouTube",
    "google scholar": "Google Scholar", "googlescholar": "Google Scholar",
    "telegram": "Telegram", "leetcode": "Leetcode", "x": "X", "twitter": "X",
}


def source_language(resume: dict) -> str:
    lang = str((resume.get("meta") or {}).get("language") or "en").lower()
    return lang[:2] if lang[:2] in LOCALES else "en"


def locale_block(lang: str) -> dict:
    """A complete RenderCV locale.  Always give every field: RenderCV keeps the
    month names in a module-global dict that is only updated by explicit values."""
    t = LOCALES.get(lang, LOCALES["en"])
    return {
        "language": lang if lang in LOCALES else "en",
        "phone_number_format": "national",
        "date_template": "MONTH_ABBREVIATION YEAR",
        "page_numbering_template": t["page"],
        "last_updated_date_template": "",
        "month": t["month"], "months": t["months"],
        "year": t["year"], "years": t["years"],
        "present": t["present"], "to": "–",
        "abbreviations_for_months": t["abbr"],
        "full_names_of_months": t["full"],
    }


# ----------------------------------------------------------------------------------
# JSON Resume -> RenderCV dict
# ----------------------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def rcv_date(value):
    """Return a RenderCV date value: int for a bare year (so RenderCV prints just the
    year instead of inventing "Jan"), the ISO string for YYYY-MM(-DD), else None."""
    if value is None or value == "":
        return None
    s = str(value).strip()
    m = _DATE_RE.match(s)
    if not m:
        return None
    if m.group(2) is None:
        return int(m.group(1))
    if not 1 <= int(m.group(2)) <= 12:
        return None
    return s


def _sort_key(d):
    if isinstance(d, int):
        return (d, 0, 0)
    parts = [int(p) for p in d.split("-")] + [0, 0]
    return tuple(parts[:3])


def add_dates(entry: dict, src: dict, start_key="startDate", end_key="endDate"):
    """Copy source dates into a RenderCV entry without inventing anything."""
    raw_start, raw_end = src.get(start_key), src.get(end_key)
    start, end = rcv_date(raw_start), rcv_date(raw_end)
    if raw_start and start is None or raw_end and end is None:
        # Unparseable date: print the source strings as a custom date.
        txt = " – ".join(str(x) for x in (raw_start, raw_end) if x)
        if txt:
            entry["date"] = txt
        return
    if start is not None:
        entry["start_date"] = start
        if end is not None:
            if _sort_key(end) < _sort_key(start):
                entry["date"] = f"{raw_start} – {raw_end}"
                del entry["start_date"]
                return
            entry["end_date"] = end
        else:
            entry["end_date"] = "present"
    elif end is not None:
        entry["date"] = end


def _clean(xs):
    return [str(x) for x in (xs or []) if str(x).strip()]


def location_text(loc: dict | None) -> str | None:
    if not loc:
        return None
    city = loc.get("city")
    other = loc.get("region") or loc.get("countryCode")
    parts = [p for p in (city, other if other != city else None) if p]
    return ", ".join(parts) or None


def resume_to_rendercv(resume: dict) -> tuple[dict, list[str]]:
    """Convert a JSON Resume (v1.0.0) into the RenderCV input dict.
    Returns (dict, warnings)."""
    warnings: list[str] = []
    lang = source_language(resume)
    titles = SECTION_TITLES.get(lang, SECTION_TITLES["en"])
    b = resume.get("basics") or {}
    cv: dict = {"name": b.get("name") or "Unnamed"}
    loc = location_text(b.get("location"))
    if loc:
        cv["location"] = loc
    if b.get("email"):
        cv["email"] = b["email"]
    locale = locale_block(lang)
    if b.get("phone"):
        # RenderCV 2.3 only accepts numbers that libphonenumber calls *valid* and
        # reformats them; fictional numbers (+44 7700 900xxx) fail.  The source
        # string is passed as an extra key and printed verbatim by the patched
        # ``connections`` property (see _install_patches).
        cv["phone_verbatim"] = str(b["phone"])
    website = b.get("url")
    socials, extra_links = [], []
    for p in b.get("profiles") or []:
        net = RENDERCV_NETWORKS.get(str(p.get("network", "")).strip().lower())
        if net and p.get("username") and "/" not in p["username"]:
            socials.append({"network": net, "username": p["username"]})
        elif p.get("url"):
            # Networks RenderCV does not know (XING, Dribbble, ...): printed as a
            # link connection with the source URL by the patched ``connections``.
            extra_links.append(p["url"])
        else:
            warnings.append(f"profile without url not representable: {p.get('network')}")
    if extra_links:
        cv["extra_links"] = extra_links
    if website:
        cv["website"] = website
    if socials:
        cv["social_networks"] = socials

    sections: dict[str, list] = {}
    summary = []
    if b.get("label"):
        summary.append(b["label"])
    if b.get("summary"):
        summary.append(b["summary"])
    if summary:
        sections[titles["summary"]] = summary

    def experience(items, company_key):
        out = []
        for w in items or []:
            company = w.get(company_key) or w.get("name") or w.get("organization")
            position = w.get("position")
            if not company and not position:
                continue
            e = {"company": company or "", "position": position or ""}
            if w.get("location"):
                e["location"] = w["location"]
            add_dates(e, w)
            if w.get("summary"):
                e["summary"] = w["summary"]
            hl = _clean(w.get("highlights"))
            if hl:
                e["highlights"] = hl
            out.append(e)
        return out

    work = experience(resume.get("work"), "name")
    if work:
        sections[titles["work"]] = work
    vol = experience(resume.get("volunteer"), "organization")
    if vol:
        sections[titles["volunteer"]] = vol

    edu = []
    for ed in resume.get("education") or []:
        if not ed.get("institution"):
            continue
        e = {"institution": ed["institution"], "area": ed.get("area") or ""}
        if ed.get("studyType"):
            e["degree"] = ed["studyType"]
        if ed.get("location"):
            e["location"] = ed["location"]
        add_dates(e, ed)
        hl = []
        if ed.get("score"):
            hl.append(str(ed["score"]))
        if ed.get("courses"):
            hl.append(", ".join(_clean(ed["courses"])))
        if hl:
            e["highlights"] = hl
        edu.append(e)
    if edu:
        sections[titles["education"]] = edu

    projects = []
    for p in resume.get("projects") or []:
        if not p.get("name"):
            continue
        e = {"name": p["name"]}
        add_dates(e, p)
        if p.get("description"):
            e["summary"] = p["description"]
        hl = _clean(p.get("highlights"))
        if hl:
            e["highlights"] = hl
        projects.append(e)
    if projects:
        sections[titles["projects"]] = projects

    def dated_list(items, name_key, org_key, date_key, summary_key="summary"):
        out = []
        for c in items or []:
            if not c.get(name_key):
                continue
            e = {"name": c[name_key]}
            d = c.get(date_key)
            if d:
                e["date"] = rcv_date(d) if rcv_date(d) is not None else str(d)
            s = [x for x in (c.get(org_key), c.get(summary_key)) if x]
            if s:
                e["summary"] = " — ".join(s)
            out.append(e)
        return out

    for key, name_key, org_key, date_key in (
        ("certificates", "name", "issuer", "date"),
        ("awards", "title", "awarder", "date"),
        ("publications", "name", "publisher", "releaseDate"),
    ):
        items = dated_list(resume.get(key), name_key, org_key, date_key)
        if items:
            sections[titles[key]] = items

    skills = []
    for s in resume.get("skills") or []:
        kw = ", ".join(_clean(s.get("keywords")))
        label = s.get("name") or ""
        details = kw or s.get("level") or ""
        if label and details:
            skills.append({"label": label, "details": details})
        elif label or details:
            skills.append(label or details)
    if skills:
        # RenderCV sections must be homogeneous: fall back to text if mixed.
        if any(isinstance(x, str) for x in skills):
            skills = [x if isinstance(x, str) else f"{x['label']}: {x['details']}"
                      for x in skills]
        sections[titles["skills"]] = skills

    langs = [{"label": l.get("language"), "details": l.get("fluency")}
             for l in resume.get("languages") or [] if l.get("language") and l.get("fluency")]
    if langs:
        sections[titles["languages"]] = langs

    interests = []
    for i in resume.get("interests") or []:
        if not i.get("name"):
            continue
        kw = ", ".join(_clean(i.get("keywords")))
        interests.append(f"{i['name']}: {kw}" if kw else i["name"])
    if interests:
        sections[titles["interests"]] = interests

    cv["sections"] = sections
    # NAME in the page-numbering template is substituted into a Typst string
    # literal without escaping: put the escaped name in directly.
    locale["page_numbering_template"] = locale["page_numbering_template"].replace(
        "NAME", typst_string_escape(cv["name"]))
    data = {"cv": cv, "locale": locale}
    return data, warnings


def design_for(theme: str, data: dict | None = None) -> dict:
    design = {
        "theme": theme,
        "page": {"show_last_updated_date": False},
        "entries": {"show_time_spans_in": []},
        # Hyphenation makes Typst map the hyphen glyph to U+00AD in the PDF's
        # ToUnicode table, which turns real hyphens ("Milano-Bicocca") into soft
        # hyphens on extraction.  Keep justification, drop hyphenation.
        "text": {"alignment": "justified-with-no-hyphenation"},
    }
    from rendercv.data.models.design import available_theme_options

    opts = available_theme_options[theme](theme=theme)
    if data and opts.entry_types.education_entry.degree_column_template:
        # The degree column is 1 cm wide by default; "Laurea Triennale (BSc)" would
        # wrap letter by letter.  Size it from the longest degree (cm, rough).
        degrees = [e.get("degree", "") for sec in data["cv"]["sections"].values()
                   for e in sec if isinstance(e, dict) and "institution" in e]
        if degrees:
            longest = max(len(d) for d in degrees)
            longest_word = max((len(w) for d in degrees for w in d.split()), default=0)
            width = max(1.0, min(3.4, 0.19 * longest), 0.2 * longest_word)
            design.setdefault("entry_types", {}).setdefault("education_entry", {})[
                "degree_column_width"] = f"{width:.2f}cm"
    tmpl = opts.entry_types.education_entry.main_column_first_row_template or ""
    lang = (data or {}).get("locale", {}).get("language", "en")
    if " in AREA" in tmpl and lang != "en":
        # "DEGREE in AREA" is English; use the source language's preposition.
        conn = DEGREE_AREA_CONNECTOR.get(lang, "in")
        design.setdefault("entry_types", {}).setdefault("education_entry", {})[
            "main_column_first_row_template"] = tmpl.replace(" in AREA", f" {conn} AREA")
    return design


# ----------------------------------------------------------------------------------
# Verbatim escaping (monkey patches into rendercv.renderer.templater)
# ----------------------------------------------------------------------------------

_TYPST_SPECIAL = set("\\[]()\"'#$@%~_/*`<>=-+.:^&|!;,{}")
_TEXT_FIELDS = {"company", "position", "location", "summary", "highlights",
                "institution", "area", "degree", "name", "label", "details", "grade"}


def typst_escape(s: str | None) -> str | None:
    if s is None:
        return None
    out = []
    for ch in str(s):
        if ch in _TYPST_SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def typst_string_escape(s: str | None) -> str | None:
    if s is None:
        return None
    return str(s).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def typst_verbatim(s: str) -> str:
    # "#[...]" keeps RenderCV's "strip trailing punctuation" regex away from the text.
    return "#[" + typst_escape(s) + "]"


# RenderCV's Typst preamble imports "@preview/fontawesome:0.5.0", which Typst would
# download from packages.typst.org (unreachable here).  A minimal local stand-in
# draws the few icons RenderCV uses with the Font Awesome 7 fonts that ship in
# rendercv-fonts (fontawesome 0.5.0 itself looks for "Font Awesome 6" fonts).
_FA_STUB_TOML = """[package]
name = "fontawesome"
version = "0.5.0"
entrypoint = "lib.typ"
authors = ["local stub"]
license = "MIT"
description = "Offline stand-in for the fa-icon function used by RenderCV"
"""
_FA_STUB_LIB = r"""
#let _fa-solid = (
  "location-dot": "\u{f3c5}", "envelope": "\u{f0e0}", "phone": "\u{f095}",
  "link": "\u{f0c1}", "graduation-cap": "\u{f19d}", "code": "\u{f121}",
  "external-link": "\u{f08e}",
)
#let _fa-brands = (
  "linkedin": "\u{f08c}", "github": "\u{f09b}", "gitlab": "\u{f296}",
  "imdb": "\u{f2d8}", "instagram": "\u{f16d}", "mastodon": "\u{f4f6}",
  "orcid": "\u{f8d2}", "stack-overflow": "\u{f16c}", "researchgate": "\u{f4f8}",
  "youtube": "\u{f167}", "telegram": "\u{f2c6}", "x-twitter": "\u{e61b}",
)
#let fa-icon(name, solid: false, ..args) = {
  if name in _fa-brands {
    text(font: "Font Awesome 7 Brands", fallback: false, _fa-brands.at(name), ..args)
  } else if name in _fa-solid {
    text(font: "Font Awesome 7 Free Solid", fallback: false, _fa-solid.at(name), ..args)
  } else { [] }
}
"""


def ensure_typst_packages(out_root: pathlib.Path) -> pathlib.Path:
    """Write the fontawesome stand-in under OUT/_typst/packages; return that path."""
    root = pathlib.Path(out_root).resolve() / "_typst" / "packages"
    pkg = root / "preview" / "fontawesome" / "0.5.0"
    pkg.mkdir(parents=True, exist_ok=True)
    for name, text in (("typst.toml", _FA_STUB_TOML), ("lib.typ", _FA_STUB_LIB)):
        f = pkg / name
        if not f.exists() or f.read_text(encoding="utf-8") != text:
            f.write_text(text, encoding="utf-8")
    return root


_PATCHED = False


def _install_patches(package_path: pathlib.Path):
    global _PATCHED
    if _PATCHED:
        return
    import typst
    from rendercv.renderer import templater

    original_compiler = typst.Compiler

    def compiler_with_local_packages(*args, **kwargs):
        kwargs.setdefault("package_path", str(package_path))
        kwargs.setdefault("package_cache_path", str(package_path))
        return original_compiler(*args, **kwargs)

    typst.Compiler = compiler_with_local_packages

    import functools

    from rendercv.data.models.curriculum_vitae import CurriculumVitae

    original_connections = CurriculumVitae.__dict__["connections"].func

    def connections(self):
        conns = list(original_connections(self))
        raw = (self.model_extra or {}).get("phone_verbatim")
        if raw:
            phone = {"typst_icon": "phone", "url": "tel:" + re.sub(r"[^\d+]", "", raw),
                     "clean_url": raw, "placeholder": raw}
            icons = [c["typst_icon"] for c in conns]
            pos = (icons.index("envelope") + 1 if "envelope" in icons
                   else int(bool(icons) and icons[0] == "location-dot"))
            conns.insert(pos, phone)
        for url in (self.model_extra or {}).get("extra_links") or []:
            clean = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
            conns.append({"typst_icon": "link", "url": url, "clean_url": clean,
                          "placeholder": clean})
        return conns

    prop = functools.cached_property(connections)
    prop.__set_name__(CurriculumVitae, "connections")
    CurriculumVitae.connections = prop

    def transform(sections):
        for key, value in sections.items():
            new = []
            for entry in value:
                if isinstance(entry, str):
                    new.append(typst_verbatim(entry))
                    continue
                for field in entry.__class__.model_fields:
                    if field not in _TEXT_FIELDS:
                        continue
                    v = getattr(entry, field)
                    if isinstance(v, str):
                        setattr(entry, field, typst_verbatim(v))
                    elif isinstance(v, list):
                        setattr(entry, field, [typst_verbatim(x) if isinstance(x, str)
                                               else x for x in v])
                new.append(entry)
            sections[key] = new
        return sections

    templater.transform_markdown_sections_to_typst_sections = transform
    templater.escape_typst_characters = typst_escape
    # The name also lands inside Typst string literals (#let name = "..."); the
    # stock filter only strips #commands, so a quote in a name broke compilation.
    templater.remove_typst_commands = typst_string_escape
    # RenderCV names the .typ file after the person; quotes, slashes or backslashes
    # in a name then break Typst's path handling.  The file lives in a temp dir.
    from rendercv.renderer import renderer as rcv_renderer

    rcv_renderer.create_a_file_name_without_extension_from_name = lambda name: "cv"
    _PATCHED = True


# ----------------------------------------------------------------------------------
# Rendering
# ----------------------------------------------------------------------------------


def available_themes() -> list[str]:
    from rendercv.data.models.design import available_themes as themes

    return list(themes)


def _dump(data: dict) -> str:
    try:
        from io import StringIO

        import ruamel.yaml

        y = ruamel.yaml.YAML()
        y.width = 4096
        buf = StringIO()
        y.dump(data, buf)
        return buf.getvalue()
    except Exception:
        return json.dumps(data, ensure_ascii=False, indent=2)


def render_source(src: str, out_root: str, themes: list[str], force: bool) -> dict:
    """Render one source with every theme.  Runs in a worker process."""
    _install_patches(ensure_typst_packages(pathlib.Path(out_root)))
    from rendercv import api

    src_p = pathlib.Path(src)
    stem = src_p.stem
    newest_input = max(src_p.stat().st_mtime, SCRIPT.stat().st_mtime)
    result = {"source": stem, "ok": [], "skipped": [], "failed": [], "warnings": []}
    try:
        resume = json.loads(src_p.read_text(encoding="utf-8"))
        data, warnings = resume_to_rendercv(resume)
        result["warnings"] = warnings
    except Exception as e:  # noqa: BLE001
        result["failed"] = [(t, f"convert: {e}") for t in themes]
        return result
    for theme in themes:
        out_dir = pathlib.Path(out_root) / f"rendercv-{theme}"
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf = out_dir / f"{stem}.pdf"
        if not force and pdf.exists() and pdf.stat().st_mtime >= newest_input:
            result["skipped"].append(theme)
            continue
        d = copy.deepcopy(data)
        d["design"] = design_for(theme, data)
        (out_dir / f"{stem}.yaml").write_text(_dump(d), encoding="utf-8")
        t0 = time.time()
        try:
            with tempfile.TemporaryDirectory() as td:
                tmp_pdf = pathlib.Path(td) / f"{stem}.pdf"
                # RenderCV's Jinja loader and the Typst compiler look at cwd.
                cwd = os.getcwd()
                os.chdir(td)
                try:
                    errors = api.create_a_pdf_from_a_python_dictionary(d, tmp_pdf)
                finally:
                    os.chdir(cwd)
                if errors:
                    raise ValueError(json.dumps(errors, ensure_ascii=False, default=str))
                os.replace(tmp_pdf, pdf) if tmp_pdf.exists() else None
                if not pdf.exists():
                    raise RuntimeError("no PDF produced")
            result["ok"].append((theme, round(time.time() - t0, 2)))
        except Exception as e:  # noqa: BLE001
            msg = f"{type(e).__name__}: {e}"
            result["failed"].append((theme, msg[:2000]))
            LOG.debug(traceback.format_exc())
    return result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", required=True, help="directory of JSON Resume files")
    ap.add_argument("--out", required=True, help="output root (training/renders)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--themes", default="", help="comma list; default: all built-in")
    ap.add_argument("--only", default="", help="comma list of source stems")
    ap.add_argument("--force", action="store_true", help="re-render even if up to date")
    args = ap.parse_args(argv)

    out_root = pathlib.Path(args.out)
    (out_root / "_logs").mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr),
                  logging.FileHandler(out_root / "_logs" / "rendercv_render.log",
                                      encoding="utf-8")],
    )
    themes = [t for t in args.themes.split(",") if t] or available_themes()
    srcs = sorted(pathlib.Path(args.sources).glob("*.json"))
    if args.only:
        keep = set(args.only.split(","))
        srcs = [s for s in srcs if s.stem in keep]
    import rendercv

    LOG.info("rendercv %s, themes %s, %d sources, jobs %d",
             getattr(rendercv, "__version__", "?"), ",".join(themes), len(srcs), args.jobs)
    t0 = time.time()
    n_ok = n_skip = n_fail = 0
    jobs = [(str(s), str(out_root), themes, args.force) for s in srcs]
    if args.jobs > 1:
        with cf.ProcessPoolExecutor(max_workers=args.jobs) as ex:
            futs = {ex.submit(render_source, *j): j[0] for j in jobs}
            results = []
            for f in cf.as_completed(futs):
                try:
                    results.append(f.result())
                except Exception as e:  # noqa: BLE001
                    results.append({"source": pathlib.Path(futs[f]).stem, "ok": [],
                                    "skipped": [], "warnings": [],
                                    "failed": [("*", f"worker crashed: {e}")]})
    else:
        results = (render_source(*j) for j in jobs)
    for r in results:
        for w in r["warnings"]:
            LOG.warning("%s: %s", r["source"], w)
        for theme, msg in r["failed"]:
            LOG.error("FAILED %s [%s]: %s", r["source"], theme, msg)
        LOG.info("%s: ok %d (%s) skipped %d failed %d", r["source"], len(r["ok"]),
                 " ".join(f"{t}:{s}s" for t, s in r["ok"]), len(r["skipped"]),
                 len(r["failed"]))
        n_ok += len(r["ok"])
        n_skip += len(r["skipped"])
        n_fail += len(r["failed"])
    LOG.info("done: %d rendered, %d up to date, %d failed in %.1fs",
             n_ok, n_skip, n_fail, time.time() - t0)
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())
