#!/usr/bin/env python3
"""Render JSON Resume documents to PDF through LaTeX CV classes shipped by TeX Live.

Usage:
    python3 training/render/latex_render.py --sources training/sources \
        --out training/renders [--layouts moderncv-classic,europecv] [--jobs 2] [--force]

Layouts (output folder ``OUT/latex-LAYOUT/ID.pdf``, ID = source file stem):
  * moderncv-classic, moderncv-casual, moderncv-banking, moderncv-oldstyle,
    moderncv-fancy -- the ``moderncv`` class with each style;
  * europecv -- the Europass-like ``europecv`` class (label column on the left);
  * curve -- the ``curve`` class (rubrics typeset as longtables via \\makerubric).

Next to every PDF an ``ID.meta.json`` records the choices made for that document
(font encoding, fonts, date style, headings, section order, pdflatex runs, ...).

Font encoding: for half of the documents of each layout (alternating over the sorted
source list, offset per layout) the document uses the default OT1 encoding without
``fontenc``.  pdfTeX then composes accented letters with ``\\accent``, so the PDF text
layer shows spacing accents ("Ing´enieur") as in many real LaTeX CVs.  The other half
uses ``\\usepackage[T1]{fontenc}`` + lmodern (precomposed glyphs).

Every work entry's position and company name is printed verbatim (LaTeX-escaped,
hyphenation disabled inside them); dates come from the source, formatted in one of
several seeded styles with month names in the document language.

Compilation happens in a temporary directory with ``pdflatex`` (rerun only when the
log asks for it); only the PDF and the meta file are copied to the output folder.
Outputs newer than both the source and this script are skipped unless ``--force``.
Failures are logged to stderr and ``OUT/_logs/latex_render.log``; the run continues.
Python standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import logging
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

LOG = logging.getLogger("latex_render")
SCRIPT = pathlib.Path(__file__).resolve()

LAYOUTS = [
    "moderncv-classic",
    "moderncv-casual",
    "moderncv-banking",
    "moderncv-oldstyle",
    "moderncv-fancy",
    "europecv",
    "curve",
]

# ----------------------------------------------------------------------------------
# Locale tables
# ----------------------------------------------------------------------------------

MONTHS = {
    "en": {
        "full": ["January", "February", "March", "April", "May", "June", "July",
                 "August", "September", "October", "November", "December"],
        "abbr": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                 "Oct", "Nov", "Dec"],
    },
    "fr": {
        "full": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                 "août", "septembre", "octobre", "novembre", "décembre"],
        "abbr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                 "sept.", "oct.", "nov.", "déc."],
    },
    "de": {
        "full": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
                 "August", "September", "Oktober", "November", "Dezember"],
        "abbr": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.",
                 "Sep.", "Okt.", "Nov.", "Dez."],
    },
    "es": {
        "full": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                 "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        "abbr": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.",
                 "sept.", "oct.", "nov.", "dic."],
    },
}

PRESENT = {
    "en": ["Present", "present", "Now", "Current"],
    "fr": ["aujourd'hui", "présent", "en cours", "ce jour"],
    "de": ["heute", "dato", "laufend"],
    "es": ["actualidad", "presente", "la fecha"],
}

# Several plausible headings per section and language; one is picked per document.
HEADINGS = {
    "en": {
        "summary": ["Summary", "Profile", "Professional Summary", "About Me"],
        "work": ["Professional Experience", "Experience", "Work Experience",
                 "Employment History"],
        "volunteer": ["Volunteer Experience", "Volunteering", "Voluntary Work"],
        "education": ["Education", "Education and Training", "Academic Background"],
        "skills": ["Skills", "Key Skills", "Technical Skills", "Competencies"],
        "languages": ["Languages", "Language Skills"],
        "certificates": ["Certifications", "Certificates", "Licences & Certifications"],
        "projects": ["Projects", "Selected Projects"],
        "awards": ["Awards", "Honours & Awards"],
        "publications": ["Publications", "Selected Publications"],
        "interests": ["Interests", "Hobbies & Interests"],
    },
    "fr": {
        "summary": ["Profil", "Résumé", "Profil professionnel", "À propos"],
        "work": ["Expérience professionnelle", "Expériences professionnelles",
                 "Parcours professionnel", "Expérience"],
        "volunteer": ["Bénévolat", "Engagements associatifs", "Activités bénévoles"],
        "education": ["Formation", "Formations", "Diplômes et formation"],
        "skills": ["Compétences", "Compétences clés", "Savoir-faire"],
        "languages": ["Langues", "Compétences linguistiques"],
        "certificates": ["Certifications", "Certificats"],
        "projects": ["Projets", "Projets réalisés"],
        "awards": ["Distinctions", "Prix et distinctions"],
        "publications": ["Publications"],
        "interests": ["Centres d'intérêt", "Loisirs"],
    },
    "de": {
        "summary": ["Profil", "Kurzprofil", "Über mich", "Zusammenfassung"],
        "work": ["Berufserfahrung", "Beruflicher Werdegang", "Berufspraxis"],
        "volunteer": ["Ehrenamtliches Engagement", "Ehrenamt", "Engagement"],
        "education": ["Ausbildung", "Bildungsweg", "Aus- und Weiterbildung",
                      "Studium und Ausbildung"],
        "skills": ["Kenntnisse", "Fähigkeiten", "Fachkenntnisse", "Kompetenzen"],
        "languages": ["Sprachen", "Sprachkenntnisse"],
        "certificates": ["Zertifikate", "Zertifizierungen", "Weiterbildungen"],
        "projects": ["Projekte", "Ausgewählte Projekte"],
        "awards": ["Auszeichnungen", "Preise"],
        "publications": ["Publikationen", "Veröffentlichungen"],
        "interests": ["Interessen", "Hobbys"],
    },
    "es": {
        "summary": ["Perfil", "Perfil profesional", "Resumen", "Sobre mí"],
        "work": ["Experiencia profesional", "Experiencia", "Experiencia laboral",
                 "Trayectoria profesional"],
        "volunteer": ["Voluntariado", "Experiencia como voluntaria",
                      "Actividades de voluntariado"],
        "education": ["Formación", "Formación académica", "Educación", "Estudios"],
        "skills": ["Habilidades", "Competencias", "Conocimientos"],
        "languages": ["Idiomas"],
        "certificates": ["Certificaciones", "Certificados"],
        "projects": ["Proyectos", "Proyectos destacados"],
        "awards": ["Premios", "Premios y reconocimientos"],
        "publications": ["Publicaciones"],
        "interests": ["Intereses", "Aficiones"],
    },
}

# Europass-style labels for the left column of europecv entries.
ECV_LABELS = {
    "en": {"dates": "Dates", "position": "Occupation or position held",
           "activities": "Main activities and responsibilities",
           "employer": "Name and address of employer",
           "qualification": "Title of qualification awarded",
           "subjects": "Principal subjects", "institution": "Name of organisation",
           "grade": "Grade", "volunteer_org": "Organisation"},
    "fr": {"dates": "Dates", "position": "Fonction ou poste occupé",
           "activities": "Principales activités et responsabilités",
           "employer": "Nom et adresse de l'employeur",
           "qualification": "Intitulé du certificat ou diplôme délivré",
           "subjects": "Principales matières", "institution": "Nom de l'établissement",
           "grade": "Mention", "volunteer_org": "Organisation"},
    "de": {"dates": "Zeitraum", "position": "Beruf oder Funktion",
           "activities": "Wichtigste Tätigkeiten und Zuständigkeiten",
           "employer": "Name und Adresse des Arbeitgebers",
           "qualification": "Bezeichnung der erworbenen Qualifikation",
           "subjects": "Hauptfächer", "institution": "Name der Bildungseinrichtung",
           "grade": "Note", "volunteer_org": "Organisation"},
    "es": {"dates": "Fechas", "position": "Profesión o cargo desempeñado",
           "activities": "Funciones y responsabilidades principales",
           "employer": "Nombre y dirección de la empresa",
           "qualification": "Cualificación obtenida",
           "subjects": "Principales materias", "institution": "Nombre del centro",
           "grade": "Calificación", "volunteer_org": "Organización"},
}

CONTINUED = {"en": "~(continued)", "fr": "~(suite)", "de": "~(Fortsetzung)",
             "es": "~(continuación)"}
BABEL = {"en": "english", "fr": "french", "de": "ngerman", "es": "spanish"}
ECV_LANG = {"en": "english", "fr": "french", "de": "german", "es": "spanish"}
LEVEL_WORD = {"en": "Level", "fr": "Niveau", "de": "Niveau", "es": "Nivel"}

DATE_STYLES = ["years", "month_abbr", "month_full", "numeric"]

# ----------------------------------------------------------------------------------
# LaTeX escaping
# ----------------------------------------------------------------------------------

_ESC = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\usc{}",  # \_ is a drawn rule in OT1: see preamble_fonts
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "|": r"\textbar{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    '"': r"\textquotedbl{}",
    "\u00a0": "~",
}


def tex(s) -> str:
    """Escape a plain string for LaTeX text mode (UTF-8 input)."""
    if s is None:
        return ""
    s = str(s)
    out = []
    for ch in s:
        out.append(_ESC.get(ch, ch))
    r = "".join(out)
    # Break TeX ligatures that would change the characters: -- --- `` '' ,, << >> !` ?`
    r = r.replace("--", "-{}-").replace("--", "-{}-")
    r = r.replace("``", "`{}`").replace("''", "'{}'").replace(",,", ",{},")
    r = r.replace("!`", "!{}`").replace("?`", "?{}`")
    return r


def nohy(s) -> str:
    """Escaped text that pdfTeX must not hyphenate (position / company names)."""
    return r"\nohy{" + tex(s) + "}" if s else ""


# ----------------------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------------------

def parse_date(d):
    if not d:
        return None
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", str(d).strip())
    if not m:
        return ("raw", str(d))
    return (int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def fmt_date(d, style: str, lang: str) -> str:
    p = parse_date(d)
    if p is None:
        return ""
    if p[0] == "raw":
        return tex(p[1])
    y, mo = p
    if mo is None or style == "years":
        return str(y)
    if style == "month_abbr":
        return tex(MONTHS[lang]["abbr"][mo - 1]) + "~" + str(y)
    if style == "month_full":
        return tex(MONTHS[lang]["full"][mo - 1]) + "~" + str(y)
    sep = "." if lang == "de" else "/"
    return f"{mo:02d}{sep}{y}"


def fmt_range(start, end, style: str, lang: str, present: str, dash: str) -> str:
    a = fmt_date(start, style, lang)
    b = fmt_date(end, style, lang) if end else (tex(present) if start else "")
    if a and b:
        if a == b:
            return a
        return a + dash + b
    return a or b


# ----------------------------------------------------------------------------------
# Document choices
# ----------------------------------------------------------------------------------

def seeded_rng(doc_id: str, layout: str) -> random.Random:
    h = hashlib.sha256(f"{doc_id}|{layout}|latex".encode()).hexdigest()
    return random.Random(int(h[:16], 16))


class Ctx:
    """Per-document choices shared by the layout builders."""

    def __init__(self, doc: dict, doc_id: str, layout: str, index: int):
        self.doc = doc
        self.doc_id = doc_id
        self.layout = layout
        self.lang = (doc.get("meta") or {}).get("language", "en")
        if self.lang not in MONTHS:
            self.lang = "en"
        rng = seeded_rng(doc_id, layout)
        self.rng = rng
        lay_i = LAYOUTS.index(layout) if layout in LAYOUTS else 0
        self.encoding = "OT1" if (index + lay_i) % 2 else "T1"
        # lmodern is always loaded (plain CM has no Type 1 TS1/T1 fonts here: cm-super
        # is not installed, and microtype's font expansion then aborts on the bitmap
        # fallback); europecv and curve may switch the roman font on top of it.
        self.fonts = "lmodern"
        if not layout.startswith("moderncv-"):
            self.fonts = rng.choice(["lmodern", "lmodern", "times", "palatino"])
        self.date_style = rng.choice(DATE_STYLES)
        self.present = rng.choice(PRESENT[self.lang])
        self.dash = rng.choice(["--", " -- "])
        if self.date_style in ("month_abbr", "month_full"):
            self.dash = " -- "
        self.headings = {k: rng.choice(v) for k, v in HEADINGS[self.lang].items()}
        order = ["summary", "work", "volunteer", "education", "skills", "languages",
                 "certificates", "projects", "awards", "publications", "interests"]
        if rng.random() < 0.25:  # some CVs put education first
            order.remove("education")
            order.insert(1, "education")
        self.order = [s for s in order if self.has(s)]
        self.skill_style = rng.choice(["keywords", "keywords_level"])

    def has(self, sec: str) -> bool:
        if sec == "summary":
            return bool((self.doc.get("basics") or {}).get("summary"))
        return bool(self.doc.get(sec))

    def dr(self, start, end=None, ongoing=True) -> str:
        if not ongoing and not end:
            return fmt_date(start, self.date_style, self.lang)
        return fmt_range(start, end, self.date_style, self.lang, self.present, self.dash)

    def d(self, date) -> str:
        return fmt_date(date, self.date_style, self.lang)

    def preamble_fonts(self, after_style: bool = False) -> str:
        lines = [r"\usepackage[utf8]{inputenc}"]
        if self.encoding == "T1":
            lines.append(r"\usepackage[T1]{fontenc}")
        lines.append(r"\usepackage{lmodern}")
        if self.fonts == "times":
            lines.append(r"\usepackage{mathptmx}")
        elif self.fonts == "palatino":
            lines.append(r"\usepackage{mathpazo}")
        # es-nolayout: babel-spanish's layout changes break moderncv's \phone
        lines.append(rf"\usepackage[shorthands=off,{BABEL[self.lang]}"
                     rf"{',es-nolayout' if self.lang == 'es' else ''}]{{babel}}")
        # characters outside the standard LaTeX UTF-8 tables (Vietnamese names)
        lines.append(r"\DeclareUnicodeCharacter{1EC5}{\~{\^{e}}}")
        lines.append(r"\DeclareUnicodeCharacter{1ECB}{\d{i}}")
        if self.encoding == "T1":
            lines.append(r"\newcommand\usc{\_}")
        else:  # OT1 has no underscore glyph (\_ is a rule); take cmtt's
            lines.append(r"\newcommand\usc{{\ttfamily\char95}}")
        lines.append(r"\makeatletter")
        lines.append(r"\ifdefined\l@nohyphenation\else\newlanguage\l@nohyphenation\fi")
        lines.append(r"\DeclareRobustCommand\nohy[1]{{\language\l@nohyphenation #1}}")
        lines.append(r"\makeatother")
        return "\n".join(lines)

    def meta(self) -> dict:
        return {
            "language": self.lang,
            "font_encoding": self.encoding,
            "accents_composed_by_pdftex": self.encoding == "OT1",
            "fonts": self.fonts,
            "date_style": self.date_style,
            "present_word": self.present,
            "date_dash": self.dash.strip(),
            "headings": {k: self.headings[k] for k in self.order},
            "section_order": self.order,
            "skill_style": self.skill_style,
        }


def name_parts(name: str):
    parts = (name or "").split()
    if len(parts) <= 1:
        return (name or ""), ""
    return " ".join(parts[:-1]), parts[-1]


def itemize(items, opts="") -> str:
    items = [i for i in (items or []) if i]
    if not items:
        return ""
    body = "\n".join(r"\item " + tex(i) for i in items)
    return "\\begin{itemize}%s\n%s\n\\end{itemize}" % (opts, body)


def join_nonempty(parts, sep=", ") -> str:
    return sep.join(p for p in parts if p)


def skill_text(ctx: Ctx, sk: dict) -> str:
    kws = ", ".join(tex(k) for k in sk.get("keywords") or [])
    lvl = sk.get("level")
    if ctx.skill_style == "keywords_level" and lvl:
        return join_nonempty([kws, f"({tex(lvl)})"], " ") if kws else tex(lvl)
    return kws or tex(lvl or "")


def skill_label(ctx: Ctx, sk: dict) -> str:
    lab = tex(sk.get("name", ""))
    if ctx.skill_style == "keywords" and sk.get("level"):
        lab = f"{lab} ({tex(sk['level'])})" if lab else tex(sk["level"])
    return lab


def degree_text(e: dict) -> str:
    st, area = e.get("studyType"), e.get("area")
    return join_nonempty([tex(st), tex(area)], ", ")


def address_lines(basics: dict):
    loc = basics.get("location") or {}
    street = tex(loc.get("address", ""))
    city = join_nonempty([tex(loc.get("postalCode", "")), tex(loc.get("city", ""))], " ")
    country = join_nonempty([tex(loc.get("region", "")), tex(loc.get("countryCode", ""))])
    return street, city, country


# ----------------------------------------------------------------------------------
# moderncv
# ----------------------------------------------------------------------------------

MCV_SOCIAL = {"linkedin": "linkedin", "github": "github", "xing": "xing",
              "orcid": "orcid", "gitlab": "gitlab"}


def build_moderncv(ctx: Ctx, style: str):
    doc, rng = ctx.doc, ctx.rng
    b = doc.get("basics") or {}
    color = rng.choice(["blue", "orange", "green", "red", "purple", "grey", "black"])
    size = rng.choice(["10pt", "11pt"])
    family = "roman" if style in ("banking", "oldstyle", "fancy") else rng.choice(["sans", "roman"])
    scale = rng.choice(["0.75", "0.8", "0.85"])
    hw = rng.choice(["2.6cm", "3cm", "3.3cm"])
    first, last = name_parts(b.get("name", ""))
    L = []
    L.append(rf"\documentclass[{size},a4paper,{family}]{{moderncv}}")
    L.append(ctx.preamble_fonts())
    # moderncv's "symbols" icons need fontawesome5 (texlive-fonts-extra, not
    # installed) and \moderncvicons{marvosym} after a style clashes (\marvosymbol
    # already defined): use the "letters" icons everywhere.
    icons = "letters"
    L.append(rf"\moderncvstyle[nosymbols]{{{style}}}")
    L.append(rf"\moderncvcolor{{{color}}}")
    # Set the entry's title line ragged-right: with unhyphenated position / company
    # names a justified line gets huge gaps that break PDF text extraction apart.
    # (No-op for banking, whose title line is a tabular*.)
    L.append(r"\usepackage{xpatch}")
    L.append(r"\xpatchcmd{\cventry}{{\bfseries#3}}{\raggedright{\bfseries#3}}{}{}")
    L.append(rf"\usepackage[scale={scale}]{{geometry}}")
    if style in ("classic", "casual", "oldstyle"):
        L.append(rf"\setlength{{\hintscolumnwidth}}{{{hw}}}")
    L.append(rf"\name{{{tex(first)}}}{{{tex(last)}}}")
    if b.get("label"):
        L.append(rf"\title{{{tex(b['label'])}}}")
    street, city, country = address_lines(b)
    if street or city or country:
        L.append(rf"\address{{{street or city}}}{{{city if street else country}}}"
                 rf"{{{country if street else ''}}}")
    if b.get("phone"):
        L.append(rf"\phone[mobile]{{{tex(b['phone'])}}}")
    if b.get("email"):
        L.append(rf"\email{{{b['email']}}}")
    if b.get("url"):
        L.append(rf"\homepage{{{tex(re.sub(r'^https?://', '', b['url']))}}}")
    extra = []
    for p in b.get("profiles") or []:
        net = (p.get("network") or "").lower().replace(" ", "")
        user = p.get("username") or ""
        if net in MCV_SOCIAL and re.fullmatch(r"[A-Za-z0-9.\-]+", user):
            L.append(rf"\social[{MCV_SOCIAL[net]}]{{{user}}}")
        else:
            extra.append(f"{tex(p.get('network', ''))}: {tex(p.get('url') or user)}")
    if extra:
        L.append(r"\extrainfo{" + r" \textbullet{} ".join(extra) + "}")
    L.append(r"\begin{document}")
    L.append(r"\makecvtitle")
    H = ctx.headings
    for sec in ctx.order:
        L.append(rf"\section{{{tex(H[sec])}}}")
        if sec == "summary":
            L.append(rf"\cvitem{{}}{{{tex(b['summary'])}}}")
        elif sec in ("work", "volunteer"):
            for w in doc[sec]:
                org = w.get("name") if sec == "work" else w.get("organization")
                desc = join_nonempty([tex(w.get("summary")), itemize(w.get("highlights"))],
                                     "\n")
                L.append(r"\cventry{%s}{%s}{%s}{%s}{}{%s}" % (
                    ctx.dr(w.get("startDate"), w.get("endDate")),
                    nohy(w.get("position")), nohy(org), tex(w.get("location")), desc))
        elif sec == "education":
            for e in doc[sec]:
                courses = e.get("courses") or []
                desc = ", ".join(tex(c) for c in courses)
                L.append(r"\cventry{%s}{%s}{%s}{}{%s}{%s}" % (
                    ctx.dr(e.get("startDate"), e.get("endDate")), degree_text(e),
                    tex(e.get("institution")), tex(e.get("score")), desc))
        elif sec == "skills":
            for sk in doc[sec]:
                L.append(rf"\cvitem{{{skill_label(ctx, sk)}}}{{{skill_text(ctx, sk)}}}")
        elif sec == "languages":
            for lg in doc[sec]:
                L.append(rf"\cvitem{{{tex(lg.get('language'))}}}{{{tex(lg.get('fluency'))}}}")
        elif sec == "certificates":
            for c in doc[sec]:
                L.append(r"\cvitem{%s}{%s}" % (ctx.d(c.get("date")), join_nonempty(
                    [tex(c.get("name")), tex(c.get("issuer"))])))
        elif sec == "projects":
            for p in doc[sec]:
                desc = join_nonempty([tex(p.get("description")),
                                      itemize(p.get("highlights"))], "\n")
                L.append(r"\cventry{%s}{%s}{}{}{}{%s}" % (
                    ctx.dr(p.get("startDate"), p.get("endDate"), ongoing=False),
                    tex(p.get("name")), desc))
        elif sec == "awards":
            for a in doc[sec]:
                txt = join_nonempty([r"\textbf{%s}" % tex(a.get("title")),
                                     tex(a.get("awarder"))])
                if a.get("summary"):
                    txt += r"\newline{}" + tex(a["summary"])
                L.append(r"\cvitem{%s}{%s}" % (ctx.d(a.get("date")), txt))
        elif sec == "publications":
            for p in doc[sec]:
                txt = join_nonempty([r"\emph{%s}" % tex(p.get("name")),
                                     tex(p.get("publisher"))])
                if p.get("summary"):
                    txt += r"\newline{}" + tex(p["summary"])
                L.append(r"\cvitem{%s}{%s}" % (ctx.d(p.get("releaseDate")), txt))
        elif sec == "interests":
            for i in doc[sec]:
                if i.get("keywords"):
                    L.append(r"\cvitem{%s}{%s}" % (tex(i.get("name")), ", ".join(
                        tex(k) for k in i["keywords"])))
                else:
                    L.append(r"\cvlistitem{%s}" % tex(i.get("name")))
    if style == "fancy":
        # moderncv's fancy body puts "\vspace*" (hrule + \nobreak) before every item,
        # leaving no legal page break between entries: a long section overflows the
        # page bottom.  Allow a break after each item.
        L = [x + "\n\\par\\allowbreak" if re.match(r"\\cv(entry|item|listitem)\{", x)
             else x for x in L]
    L.append(r"\end{document}")
    meta = {"document_class": "moderncv", "moderncv_style": style, "color": color,
            "font_size": size, "family": family, "geometry_scale": scale,
            "icons": icons}
    return "\n".join(L) + "\n", {}, meta


# ----------------------------------------------------------------------------------
# europecv
# ----------------------------------------------------------------------------------

def build_europecv(ctx: Ctx):
    doc, rng = ctx.doc, ctx.rng
    b = doc.get("basics") or {}
    lab = ECV_LABELS[ctx.lang]
    font = rng.choice(["default", "helvetica"])
    opts = [ECV_LANG[ctx.lang], "a4paper", rng.choice(["nologo", "logo"]), "noflag"]
    if font == "helvetica":
        opts.append("helvetica")
    entry_style = rng.choice(["europass", "compact"])
    L = []
    L.append(rf"\documentclass[{','.join(opts)}]{{europecv}}")
    L.append(ctx.preamble_fonts())
    L.append(r"\makeatletter\renewcommand\ecv@utf[1]{#1}\makeatother")
    L.append(r"\usepackage[top=1.8cm,bottom=2cm,left=1.5cm,right=1.5cm]{geometry}")
    L.append(r"\usepackage{enumitem}\setlist{nosep,leftmargin=*}")
    # europecv loads hyperref inside \AtBeginDocument, too late for nameref's hook
    # rules on LaTeX 2022: load it in the preamble instead.
    L.append(r"\usepackage{graphicx}")
    L.append(r"\usepackage[hidelinks]{hyperref}")
    L.append(rf"\ecvname{{{tex(b.get('name'))}}}")
    street, city, country = address_lines(b)
    addr = join_nonempty([street, city, country])
    if addr:
        L.append(rf"\ecvaddress{{{addr}}}")
    if b.get("phone"):
        L.append(rf"\ecvtelephone{{{tex(b['phone'])}}}")
    if b.get("email"):
        L.append(rf"\ecvemail{{{tex(b['email'])}}}")
    links = []
    if b.get("url"):
        links.append(tex(b["url"]))
    for p in b.get("profiles") or []:
        links.append(f"{tex(p.get('network', ''))}: {tex(p.get('url') or p.get('username'))}")
    if links:
        L.append(r"\ecvhomepage{" + r" \newline ".join(links) + "}")
    L.append(r"\begin{document}")
    L.append(r"\begin{europecv}")
    L.append(r"\ecvpersonalinfo[10pt]")
    if b.get("label"):
        L.append(r"\ecvitem{}{\large\textbf{%s}}" % tex(b["label"]))
    H = ctx.headings

    def entry(dates, pos, org, loc, body, sec):
        if entry_style == "europass":
            L.append(r"\ecvitem{\textbf{%s}}{\textbf{%s}}" % (lab["dates"], dates))
            L.append(r"\ecvitem{%s}{%s}" % (lab["position"], nohy(pos)))
            if body:
                L.append(r"\ecvitem{%s}{%s}" % (lab["activities"], body))
            key = lab["employer"] if sec == "work" else lab["volunteer_org"]
            L.append(r"\ecvitem[12pt]{%s}{%s}" % (key, join_nonempty([nohy(org), tex(loc)])))
        else:
            L.append(r"\ecvitem{\textbf{%s}}{\raggedright\textbf{%s}, %s}" % (
                dates, nohy(pos), join_nonempty([r"\textit{%s}" % nohy(org), tex(loc)])))
            if body:
                L.append(r"\ecvitem[10pt]{}{%s}" % body)

    for sec in ctx.order:
        L.append(rf"\ecvsection{{{tex(H[sec])}}}")
        if sec == "summary":
            L.append(r"\ecvitem{}{%s}" % tex(b["summary"]))
        elif sec in ("work", "volunteer"):
            for w in doc[sec]:
                org = w.get("name") if sec == "work" else w.get("organization")
                body = join_nonempty([tex(w.get("summary")),
                                      itemize(w.get("highlights"), "[label=--]")], "\n")
                entry(ctx.dr(w.get("startDate"), w.get("endDate")), w.get("position"),
                      org, w.get("location"), body, sec)
        elif sec == "education":
            for e in doc[sec]:
                L.append(r"\ecvitem{\textbf{%s}}{\textbf{%s}}" % (
                    lab["dates"], ctx.dr(e.get("startDate"), e.get("endDate"))))
                L.append(r"\ecvitem{%s}{%s}" % (lab["qualification"], degree_text(e)))
                if e.get("courses"):
                    L.append(r"\ecvitem{%s}{%s}" % (lab["subjects"], ", ".join(
                        tex(c) for c in e["courses"])))
                if e.get("score"):
                    L.append(r"\ecvitem{%s}{%s}" % (lab["grade"], tex(e["score"])))
                L.append(r"\ecvitem[12pt]{%s}{%s}" % (lab["institution"],
                                                       tex(e.get("institution"))))
        elif sec == "skills":
            for sk in doc[sec]:
                L.append(r"\ecvitem{%s}{%s}" % (skill_label(ctx, sk), skill_text(ctx, sk)))
        elif sec == "languages":
            for lg in doc[sec]:
                L.append(r"\ecvitem{%s}{%s}" % (tex(lg.get("language")),
                                                 tex(lg.get("fluency"))))
        elif sec == "certificates":
            for c in doc[sec]:
                L.append(r"\ecvitem{%s}{%s}" % (ctx.d(c.get("date")), join_nonempty(
                    [tex(c.get("name")), tex(c.get("issuer"))])))
        elif sec == "projects":
            for p in doc[sec]:
                body = join_nonempty([r"\textbf{%s}" % tex(p.get("name")),
                                      tex(p.get("description")),
                                      itemize(p.get("highlights"), "[label=--]")], r"\newline ")
                L.append(r"\ecvitem[6pt]{%s}{%s}" % (
                    ctx.dr(p.get("startDate"), p.get("endDate"), ongoing=False), body))
        elif sec == "awards":
            for a in doc[sec]:
                txt = join_nonempty([r"\textbf{%s}" % tex(a.get("title")),
                                     tex(a.get("awarder"))])
                if a.get("summary"):
                    txt += r" \newline " + tex(a["summary"])
                L.append(r"\ecvitem[6pt]{%s}{%s}" % (ctx.d(a.get("date")), txt))
        elif sec == "publications":
            for p in doc[sec]:
                txt = join_nonempty([r"\textit{%s}" % tex(p.get("name")),
                                     tex(p.get("publisher"))])
                if p.get("summary"):
                    txt += r" \newline " + tex(p["summary"])
                L.append(r"\ecvitem[6pt]{%s}{%s}" % (ctx.d(p.get("releaseDate")), txt))
        elif sec == "interests":
            L.append(r"\ecvitem{}{%s}" % "; ".join(
                join_nonempty([tex(i.get("name")), ", ".join(
                    tex(k) for k in i.get("keywords") or [])], ": ")
                for i in doc[sec]))
    L.append(r"\end{europecv}")
    L.append(r"\end{document}")
    meta = {"document_class": "europecv", "europecv_options": opts,
            "entry_style": entry_style}
    return "\n".join(L) + "\n", {}, meta


# ----------------------------------------------------------------------------------
# curve
# ----------------------------------------------------------------------------------

def build_curve(ctx: Ctx):
    doc, rng = ctx.doc, ctx.rng
    b = doc.get("basics") or {}
    size = rng.choice(["10pt", "11pt"])
    prefix = rng.choice([r"\textbullet", "", r"--"])
    head_align = rng.choice(["t", "c"])
    head_scale = rng.choice(["0.5", "0.55", "0.6"])
    L = []
    L.append(rf"\documentclass[{size},a4paper]{{curve}}")
    # curve has no description environment, which babel-french redefines
    L.append(r"\makeatletter\providecommand*\descriptionlabel[1]{\hspace\labelsep"
             r"\normalfont\bfseries #1}\newenvironment{description}{\list{}{"
             r"\labelwidth\z@\itemindent-\leftmargin\let\makelabel\descriptionlabel}}"
             r"{\endlist}\makeatother")
    L.append(ctx.preamble_fonts())
    L.append(r"\usepackage[top=1.6cm,bottom=1.8cm,left=1.8cm,right=1.8cm]{geometry}")
    L.append(r"\usepackage{enumitem}\setlist{nosep,leftmargin=1.2em}")
    L.append(r"\usepackage{xcolor}")
    L.append(r"\rubricalignment{l}")
    L.append(r"\subrubricalignment{l}")
    L.append(r"\rubricfont{\large\bfseries\color{black!75}}")
    L.append(r"\prefix{%s}" % prefix)
    L.append(r"\setlength{\rubricspace}{0.4em}")
    L.append(r"\setlength{\subrubricspace}{0.2em}")
    L.append(r"\continuedname{%s}" % CONTINUED[ctx.lang])
    L.append(r"\titlefont{\LARGE\bfseries}")
    L.append(r"\subtitlefont{\large\itshape}")
    L.append(rf"\title{{{tex(b.get('name'))}}}")
    if b.get("label"):
        L.append(rf"\subtitle{{{tex(b['label'])}}}")
    street, city, country = address_lines(b)
    left = [x for x in [street, join_nonempty([city, country])] if x]
    right = [tex(b.get("phone")), tex(b.get("email")), tex(b.get("url"))]
    for p in b.get("profiles") or []:
        right.append(tex(p.get("url") or p.get("username")))
    right = [x for x in right if x]
    L.append(r"\headerscale{%s}" % head_scale)
    L.append(r"\leftheader{%s}" % r"\\".join(left or ["~"]))
    L.append(r"\rightheader{%s}" % r"\\".join(right or ["~"]))
    L.append(r"\begin{document}")
    L.append(rf"\makeheaders[{head_align}]")
    L.append(r"\maketitle")
    H = ctx.headings
    files = {}

    def rubric(key, body_lines):
        name = f"rub{len(files):02d}{key}"
        files[name + ".tex"] = (
            "\\begin{rubric}{%s}\n%s\n\\end{rubric}\n" % (tex(H[key]), "\n".join(body_lines)))
        L.append(r"\makerubric{%s}" % name)

    for sec in ctx.order:
        B = []
        if sec == "summary":
            B.append(r"\text{%s}" % tex(b["summary"]))
        elif sec in ("work", "volunteer"):
            for w in doc[sec]:
                org = w.get("name") if sec == "work" else w.get("organization")
                B.append(r"\entry*[%s]\raggedright" % ctx.dr(w.get("startDate"),
                                                             w.get("endDate")))
                head = r"\textbf{%s}, %s" % (nohy(w.get("position")), nohy(org))
                if w.get("location"):
                    head += r"\newline\textit{%s}" % tex(w["location"])
                B.append(head + r"\par")
                if w.get("summary"):
                    B.append(tex(w["summary"]) + r"\par")
                if w.get("highlights"):
                    B.append(itemize(w["highlights"]))
        elif sec == "education":
            for e in doc[sec]:
                B.append(r"\entry*[%s]" % ctx.dr(e.get("startDate"), e.get("endDate")))
                B.append(r"\textbf{%s}\newline %s" % (degree_text(e), tex(e.get("institution"))))
                tail = join_nonempty([tex(e.get("score")), ", ".join(
                    tex(c) for c in e.get("courses") or [])], ". ")
                if tail:
                    B.append(r"\newline{\small %s}" % tail)
        elif sec == "skills":
            for sk in doc[sec]:
                B.append(r"\entry*[%s] %s" % (skill_label(ctx, sk), skill_text(ctx, sk)))
        elif sec == "languages":
            for lg in doc[sec]:
                B.append(r"\entry*[%s] %s" % (tex(lg.get("language")), tex(lg.get("fluency"))))
        elif sec == "certificates":
            for c in doc[sec]:
                B.append(r"\entry*[%s] %s" % (ctx.d(c.get("date")), join_nonempty(
                    [tex(c.get("name")), tex(c.get("issuer"))])))
        elif sec == "projects":
            for p in doc[sec]:
                B.append(r"\entry*[%s]" % ctx.dr(p.get("startDate"), p.get("endDate"),
                                                 ongoing=False))
                B.append(r"\textbf{%s}\par" % tex(p.get("name")))
                if p.get("description"):
                    B.append(tex(p["description"]) + r"\par")
                if p.get("highlights"):
                    B.append(itemize(p["highlights"]))
        elif sec == "awards":
            for a in doc[sec]:
                txt = join_nonempty([r"\textbf{%s}" % tex(a.get("title")),
                                     tex(a.get("awarder"))])
                if a.get("summary"):
                    txt += r"\newline " + tex(a["summary"])
                B.append(r"\entry*[%s] %s" % (ctx.d(a.get("date")), txt))
        elif sec == "publications":
            for p in doc[sec]:
                txt = join_nonempty([r"\textit{%s}" % tex(p.get("name")),
                                     tex(p.get("publisher"))])
                if p.get("summary"):
                    txt += r"\newline " + tex(p["summary"])
                B.append(r"\entry*[%s] %s" % (ctx.d(p.get("releaseDate")), txt))
        elif sec == "interests":
            for i in doc[sec]:
                B.append(r"\entry*[%s] %s" % (tex(i.get("name")), ", ".join(
                    tex(k) for k in i.get("keywords") or [])))
        rubric(sec, B)
    L.append(r"\end{document}")
    meta = {"document_class": "curve", "font_size": size,
            "entry_prefix": prefix or "none", "header_alignment": head_align}
    return "\n".join(x for x in L if x != "") + "\n", files, meta


def build(ctx: Ctx):
    if ctx.layout.startswith("moderncv-"):
        return build_moderncv(ctx, ctx.layout.split("-", 1)[1])
    if ctx.layout == "europecv":
        return build_europecv(ctx)
    if ctx.layout == "curve":
        return build_curve(ctx)
    raise ValueError(f"unknown layout {ctx.layout}")


# ----------------------------------------------------------------------------------
# Compilation
# ----------------------------------------------------------------------------------

RERUN_RE = re.compile(r"Rerun (LaTeX|to get)|Table widths have changed|"
                      r"Label\(s\) may have changed")


def compile_tex(main: str, files: dict, engine: str = "pdflatex", max_runs: int = 4,
                timeout: int = 240):
    """Compile in a temp dir; return (pdf bytes, runs, log tail)."""
    with tempfile.TemporaryDirectory(prefix="latexcv-") as td:
        tdp = pathlib.Path(td)
        (tdp / "cv.tex").write_text(main, encoding="utf-8")
        for name, content in files.items():
            (tdp / name).write_text(content, encoding="utf-8")
        env = dict(os.environ, TEXMFOUTPUT=td, max_print_line="1000")
        runs = 0
        log = ""
        prev_aux = None
        while runs < max_runs:
            runs += 1
            proc = subprocess.run(
                [engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                 "cv.tex"], cwd=td, env=env, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=timeout)
            logp = tdp / "cv.log"
            log = logp.read_text(encoding="latin-1") if logp.exists() else \
                proc.stdout.decode("latin-1")
            if proc.returncode != 0:
                errs = [ln for ln in log.splitlines() if ln.startswith("!")]
                idx = log.find("\n!")
                ctxt = log[idx:idx + 800] if idx >= 0 else log[-1500:]
                raise RuntimeError(f"{engine} failed (run {runs}): {errs[:3]}\n{ctxt}")
            auxp = tdp / "cv.aux"
            aux = auxp.read_bytes() if auxp.exists() else b""
            # rerun only when LaTeX asks for it and the .aux actually changed
            # (curve's \LTXtable keeps saying "Table widths have changed")
            if not RERUN_RE.search(log) or aux == prev_aux:
                break
            prev_aux = aux
        pdf = tdp / "cv.pdf"
        if not pdf.exists():
            raise RuntimeError("no PDF produced\n" + log[-1500:])
        warnings = {
            "missing_chars": len(re.findall(r"Missing character", log)),
            "overfull_hboxes": len(re.findall(r"Overfull \\hbox", log)),
            "overfull_vboxes": len(re.findall(r"Overfull \\vbox", log)),
            "font_substitutions": len(re.findall(r"Font shape .* undefined", log)),
        }
        return pdf.read_bytes(), runs, warnings


def render_one(src: pathlib.Path, layout: str, index: int, out_dir: pathlib.Path,
               force: bool, keep_tex: bool):
    doc_id = src.stem
    dest_dir = out_dir / f"latex-{layout}"
    pdf_path = dest_dir / f"{doc_id}.pdf"
    meta_path = dest_dir / f"{doc_id}.meta.json"
    if not force and pdf_path.exists() and meta_path.exists():
        newest_in = max(src.stat().st_mtime, SCRIPT.stat().st_mtime)
        if pdf_path.stat().st_mtime >= newest_in:
            return "skipped", doc_id, layout, None
    t0 = time.time()
    doc = json.loads(src.read_text(encoding="utf-8"))
    ctx = Ctx(doc, doc_id, layout, index)
    main, files, lmeta = build(ctx)
    pdf, runs, warns = compile_tex(main, files)
    dest_dir.mkdir(parents=True, exist_ok=True)
    tmp = pdf_path.with_suffix(".pdf.part")
    tmp.write_bytes(pdf)
    os.replace(tmp, pdf_path)
    meta = {"id": doc_id, "source": str(src), "renderer": f"latex-{layout}",
            "engine": "pdflatex", "pdflatex_runs": runs, **lmeta, **ctx.meta(),
            "log_warnings": warns, "generator": "training/render/latex_render.py"}
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                         encoding="utf-8")
    if keep_tex:
        (dest_dir / "_tex").mkdir(exist_ok=True)
        (dest_dir / "_tex" / f"{doc_id}.tex").write_text(main, encoding="utf-8")
        for name, content in files.items():
            (dest_dir / "_tex" / f"{doc_id}.{name}").write_text(content, encoding="utf-8")
    return "ok", doc_id, layout, f"{time.time() - t0:.1f}s, {runs} run(s)"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default="training/sources")
    ap.add_argument("--out", default="training/renders")
    ap.add_argument("--layouts", default=",".join(LAYOUTS),
                    help="comma-separated subset of: " + ",".join(LAYOUTS))
    ap.add_argument("--jobs", type=int, default=2, help="parallel LaTeX processes (max 2)")
    ap.add_argument("--only", default="", help="comma-separated source ids (stems)")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--keep-tex", action="store_true",
                    help="also write the generated .tex under latex-LAYOUT/_tex/")
    args = ap.parse_args(argv)

    out_dir = pathlib.Path(args.out)
    (out_dir / "_logs").mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s",
        handlers=[logging.StreamHandler(sys.stderr),
                  logging.FileHandler(out_dir / "_logs" / "latex_render.log",
                                      encoding="utf-8")])
    layouts = [x.strip().removeprefix("latex-") for x in args.layouts.split(",") if x.strip()]
    bad = [x for x in layouts if x not in LAYOUTS]
    if bad:
        ap.error(f"unknown layouts {bad}; choose from {LAYOUTS}")
    if not shutil.which("pdflatex"):
        LOG.error("pdflatex not found (apt-get install texlive-latex-extra ...)")
        return 2
    sources = sorted(pathlib.Path(args.sources).glob("*.json"))
    index = {s.stem: i for i, s in enumerate(sources)}
    if args.only:
        keep = set(args.only.split(","))
        sources = [s for s in sources if s.stem in keep]
    jobs = max(1, min(args.jobs, 2))
    tasks = [(s, lay) for lay in layouts for s in sources]
    counts = {"ok": 0, "skipped": 0, "failed": 0}
    failures = []
    with cf.ThreadPoolExecutor(max_workers=jobs) as ex:
        futs = {ex.submit(render_one, s, lay, index[s.stem], out_dir, args.force,
                          args.keep_tex): (s, lay) for s, lay in tasks}
        for fut in cf.as_completed(futs):
            s, lay = futs[fut]
            try:
                status, doc_id, layout, info = fut.result()
                counts[status] += 1
                if status == "ok":
                    LOG.info("ok latex-%s/%s (%s)", layout, doc_id, info)
            except Exception as e:  # noqa: BLE001 - log and continue
                counts["failed"] += 1
                failures.append((lay, s.stem))
                LOG.error("FAILED latex-%s/%s: %s", lay, s.stem, e)
    LOG.info("done: %s", counts)
    for lay, sid in failures:
        LOG.info("failure: latex-%s/%s", lay, sid)
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
