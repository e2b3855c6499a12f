#!/usr/bin/env python3
"""Render JSON Resume sources into deliberately hard resume layouts ("perturbations").

Each layout family writes ``OUT/perturb-FAMILY/ID.{html,pdf,meta.json}``.  Parameters are
randomised but deterministic (seeded by source id + family).  Truth rules:

* every work/volunteer entry's position and company/organisation is printed exactly as in
  the source (headings and the person's name may change case; separators, "at", brackets and
  locations may be added around them);
* dates print the source value (format varies: month names in the source language, numeric,
  ISO ...; year-only sources stay year-only; a day is only shown by the ISO / dd.mm.yyyy styles);
* no field is invented; every section present in the source is printed.

The one exception is visual-only: ``perturb-text`` may draw accented letters pdfTeX-style as a
base letter plus a spacing accent glyph (``e`` + ``´``).  The page looks identical but the PDF
text layer then reads ``e´``/``´e``; ``meta.json`` records this as ``spacing_accents``.

Stdlib only.  Usage:
    python3 training/render/perturb.py --sources training/sources --out training/renders \
        [--families labelcol,sidebar] [--jobs 2] [--force]
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "perturb"))
import lang as L  # noqa: E402
import pua_font  # noqa: E402

FAMILIES = ["labelcol", "sidebar", "rotated", "headers", "bullets", "text", "sidebyside"]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

FONTS = ["DejaVu Sans", "DejaVu Serif", "Liberation Sans", "Liberation Serif", "Liberation Sans Narrow",
         "DejaVu Sans Condensed", "DejaVu Serif Condensed"]
GENERIC = {"Serif": "serif"}
ACCENTS = ["#1f4e79", "#2e7d32", "#8e244d", "#b35c00", "#37474f", "#005f73", "#6a1b9a", "#c62828",
           "#000000", "#3d5a80", "#0b6e4f", "#7a5c00"]
LIGHT_BG = ["#eef2f7", "#f3efe6", "#e8f1ee", "#f2f2f2", "#f7ecec", "#ecebf5"]
DARK_BG = ["#263238", "#1f3b57", "#3b2f4a", "#2f4f3f"]
PUA_FAMILY = "PUA Bullets"

MONTH_STYLES = {"mon", "month"}


# --------------------------------------------------------------------------- helpers
def parse_date(raw):
    if not raw or not isinstance(raw, str):
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", raw)
    if not m:
        return None
    return int(m.group(1)), (int(m.group(2)) if m.group(2) else None), (int(m.group(3)) if m.group(3) else None)


class Ctx:
    """Per (source, family) rendering context: RNG, language, chosen parameters."""

    def __init__(self, src: dict, sid: str, family: str):
        self.src = src
        self.sid = sid
        self.family = family
        self.seed = int(hashlib.sha256(f"{sid}|{family}".encode()).hexdigest()[:16], 16)
        self.rng = random.Random(self.seed)
        lang = ((src.get("meta") or {}).get("language") or "en").lower()[:2]
        self.lang = lang if lang in L.HEADINGS else "en"
        self.params: dict = {}
        self.accents = None  # (order, scope)
        self.css: list[str] = []
        self.headings: dict[str, str] = {}
        self.notes: list[str] = []

    # random choices are recorded so the labeller can see them in meta.json
    def pick(self, key, options, weights=None):
        v = self.rng.choices(options, weights)[0] if weights else self.rng.choice(options)
        self.params[key] = v
        return v

    def chance(self, key, p):
        v = self.rng.random() < p
        self.params[key] = v
        return v

    def num(self, key, lo, hi, nd=1):
        v = round(self.rng.uniform(lo, hi), nd)
        self.params[key] = v
        return v

    # text escaping (with optional pdfTeX-like spacing accents)
    def esc(self, s, truth=False) -> str:
        s = "" if s is None else str(s)
        if not self.accents or (truth and self.accents[1] != "all"):
            return html.escape(s)
        order = self.accents[0]
        out = []
        for ch in s:
            dec = unicodedata.normalize("NFD", ch)
            if len(dec) == 2 and dec[1] in L.SPACING_ACCENTS and dec[0].isascii() and dec[0].isalpha():
                base, acc = dec[0], L.SPACING_ACCENTS[dec[1]]
                if base == "i" and dec[1] != "\u0327":
                    base = "\u0131"
                up = ' style="position:relative;top:-0.22em"' if base.isupper() and dec[1] != "\u0327" else ""
                if order == "after":
                    out.append(f'<span class="sa1">{html.escape(base)}</span><span class="sa2"{up}>{html.escape(acc)}</span>')
                else:
                    out.append(f'<span class="sb1"{up}>{html.escape(acc)}</span>{html.escape(base)}')
            else:
                out.append(html.escape(ch))
        return "".join(out)

    def heading(self, key) -> str:
        if key not in self.headings:
            self.headings[key] = self.pick(f"heading.{key}", L.HEADINGS[self.lang][key])
        return self.headings[key]


# --------------------------------------------------------------------------- dates
def choose_date_spec(ctx: Ctx, key: str, wild: bool) -> dict:
    lang = ctx.lang
    if wild:
        styles = ["mon", "month", "mm/yyyy", "mm.yyyy", "yyyy/mm", "yyyy / mm", "yyyy-mm", "iso", "mm/yy"]
        weights = [3, 3, 2, 2 if lang == "de" else 1, 2, 2, 1, 2, 1]
        seps = [" – ", "–", " — ", " - ", "-", " \u2010 ", "\u2010", "\u2011", " \u2011 ", " to ", " | ", "—"]
    else:
        styles = ["mon", "month", "mm/yyyy", "yyyy-mm", "mm.yyyy"]
        weights = [4, 2, 2, 1, 2 if lang == "de" else 0]
        seps = [" – ", " - ", "–", " — "]
    spec = {
        "style": ctx.pick(f"{key}.style", styles, weights),
        "sep": ctx.pick(f"{key}.sep", seps),
        "present": ctx.pick(f"{key}.present", L.PRESENT[lang]),
        "month_case": ctx.pick(f"{key}.month_case", ["as_table", "capitalised", "upper"], [5, 3, 1]),
        "since": ctx.chance(f"{key}.since_for_open_ranges", 0.25 if wild else 0.08),
        "same_year_compact": ctx.chance(f"{key}.same_year_compact", 0.6 if wild else 0.0),
        "two_digit_end_year": ctx.chance(f"{key}.two_digit_end_year", 0.7 if wild else 0.0),
    }
    if spec["sep"] == " to " and lang != "en":
        spec["sep"] = {"fr": " à ", "de": " bis ", "es": " a "}[lang]
        ctx.params[f"{key}.sep"] = spec["sep"]
    spec["since_word"] = ctx.rng.choice(L.SINCE[lang])
    return spec


def _month(ctx, m, spec, full):
    names = L.MONTHS[ctx.lang][0 if full else 1]
    s = names[m - 1]
    if spec["month_case"] == "capitalised":
        s = s[:1].upper() + s[1:]
    elif spec["month_case"] == "upper":
        s = s.upper()
    return s


def fmt_date(ctx, raw, spec) -> str:
    p = parse_date(raw)
    if p is None:
        return str(raw or "")
    y, m, d = p
    st = spec["style"]
    if st == "iso":
        return raw.strip()
    if m is None:
        return str(y)
    if st == "mon":
        return f"{_month(ctx, m, spec, False)} {y}"
    if st == "month":
        return f"{_month(ctx, m, spec, True)} {y}"
    if st == "mm/yyyy":
        return f"{m:02d}/{y}"
    if st == "mm/yy":
        return f"{m:02d}/{y % 100:02d}"
    if st == "mm.yyyy":
        return f"{d:02d}.{m:02d}.{y}" if d else f"{m:02d}.{y}"
    if st == "yyyy/mm":
        return f"{y}/{m:02d}"
    if st == "yyyy / mm":
        return f"{y} / {m:02d}"
    return f"{y}-{m:02d}"


def date_parts(ctx, start, end, spec, open_is_present=True) -> list[str]:
    """Return the date range as 1 or 2 text parts (2 = can be wrapped "Jan 2019 –" / "Present")."""
    if not start and not end:
        return []
    sep = spec["sep"]
    if start and not end:
        if not open_is_present:
            return [fmt_date(ctx, start, spec)]
        if spec["since"]:
            return [f"{spec['since_word']} {fmt_date(ctx, start, spec)}"]
        return [fmt_date(ctx, start, spec) + sep.rstrip(), (" " if sep.endswith(" ") else "") + spec["present"]]
    if end and not start:
        return [fmt_date(ctx, end, spec)]
    ps, pe = parse_date(start), parse_date(end)
    if start == end:
        return [fmt_date(ctx, start, spec)]
    if ps and pe:
        (y1, m1, d1), (y2, m2, d2) = ps, pe
        if (spec["same_year_compact"] and spec["style"] in MONTH_STYLES and m1 and m2 and y1 == y2
                and not d1 and not d2):
            full = spec["style"] == "month"
            return [f"{_month(ctx, m1, spec, full)}{sep.rstrip()}",
                    f"{' ' if sep.endswith(' ') else ''}{_month(ctx, m2, spec, full)} {y2}"]
        if (spec["two_digit_end_year"] and m1 is None and m2 is None and y1 // 100 == y2 // 100
                and spec["style"] != "iso"):
            return [f"{y1}{sep.strip() or '-'}{y2 % 100:02d}"]
    return [fmt_date(ctx, start, spec) + sep.rstrip(),
            (" " if sep.endswith(" ") else "") + fmt_date(ctx, end, spec)]


def dates_html(ctx, parts, wrap=False) -> str:
    if not parts:
        return ""
    if wrap and len(parts) == 2:
        return ctx.esc(parts[0]) + "<br>" + ctx.esc(parts[1].lstrip())
    return ctx.esc("".join(parts))


# --------------------------------------------------------------------------- style
def choose_style(ctx: Ctx, baseline_grid=False):
    r = ctx.rng
    body_font = ctx.pick("font.body", FONTS)
    head_font = ctx.pick("font.heading", [body_font, body_font] + FONTS)
    size = ctx.num("font.size_pt", 9.0, 11.0)
    if "Narrow" in body_font or "Condensed" in body_font:
        size = ctx.num("font.size_pt", 9.5, 11.5)
    lh = round(size * ctx.num("line_height", 1.2, 1.45, 2), 1)
    ctx.lh = lh
    accent = ctx.pick("colour.accent", ACCENTS)
    text = ctx.pick("colour.text", ["#000000", "#222222", "#333333", "#1a1a2e"])
    muted = ctx.pick("colour.muted", ["#555555", "#666666", text, accent])
    page = ctx.pick("page.size", ["A4", "Letter"], [3, 1])
    mt, mb = ctx.num("page.margin_top_mm", 10, 20, 0), ctx.num("page.margin_bottom_mm", 10, 20, 0)
    ml, mr = ctx.num("page.margin_left_mm", 10, 22, 0), ctx.num("page.margin_right_mm", 10, 22, 0)
    ctx.margins = (mt, mr, mb, ml)
    hcase = ctx.pick("heading.case", ["upper", "title", "as_is", "small_caps", "lower"], [4, 2, 3, 2, 1])
    hsize = round(size * ctx.num("heading.size_factor", 1.0, 1.5, 2), 1)
    hweight = ctx.pick("heading.weight", ["bold", "normal", "600"], [5, 2, 1])
    hcolour = ctx.pick("heading.colour", ["accent", "text"])
    hdeco = ctx.pick("heading.decoration", ["none", "rule_below", "band", "bar_left", "rule_after", "rule_above"])
    hls = ctx.pick("heading.letter_spacing_em", [0, 0, 0.05, 0.1, 0.2])
    transform = {"upper": "uppercase", "title": "capitalize", "lower": "lowercase"}.get(hcase, "none")
    hc = accent if hcolour == "accent" else text
    deco = {
        "none": "",
        "rule_below": (f"box-shadow:0 1.5pt 0 -0.5pt {hc};" if baseline_grid else
                       f"border-bottom:{r.choice(['0.5pt', '1pt', '1.5pt'])} solid {hc};padding-bottom:1pt;"),
        "band": f"background:{hc};color:#fff;padding:0 4pt;",
        "bar_left": f"border-left:3pt solid {accent};padding-left:5pt;",
        "rule_after": "display:flex;align-items:center;gap:6pt;",
        "rule_above": (f"box-shadow:0 -1pt 0 0 {hc};" if baseline_grid else f"border-top:1pt solid {hc};padding-top:1pt;"),
    }[hdeco]
    after = (f".sh::after{{content:'';flex:1;border-bottom:0.75pt solid {hc};}}" if hdeco == "rule_after" else "")

    def emph(prefix):
        w = ctx.pick(f"{prefix}.weight", ["bold", "normal", "600"], [4, 3, 1])
        st = ctx.pick(f"{prefix}.style", ["normal", "italic"], [3, 1])
        c = ctx.pick(f"{prefix}.colour", ["text", "accent", "muted"], [4, 2, 1])
        f = ctx.pick(f"{prefix}.size_factor", [1.0, 1.0, 1.05, 1.1, 0.95])
        col = {"text": text, "accent": accent, "muted": muted}[c]
        return f"font-weight:{w};font-style:{st};color:{col};font-size:{round(size * f, 1)}pt;"

    ti, co = emph("title"), emph("company")
    if ti == co:  # make title and company differ in at least weight
        co = co.replace("font-weight:bold", "font-weight:normal") if "bold" in co else co.replace(
            "font-weight:normal", "font-weight:bold")
    unit = f"{lh}pt"
    ctx.css.append(f"""
@page {{ size: {page}; margin: {mt}mm {mr}mm {mb}mm {ml}mm; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; font-variant-ligatures: none; }}
* {{ font-variant-ligatures: none; }}
body {{ margin:0; font-family:'{body_font}', sans-serif; font-size:{size}pt; line-height:{lh}pt; color:{text}; }}
p {{ margin:0; }}
a {{ color:inherit; text-decoration:none; }}
.sh {{ font-family:'{head_font}', sans-serif; font-size:{hsize}pt; line-height:{unit}; font-weight:{hweight};
      color:{hc}; text-transform:{transform}; letter-spacing:{hls}em; margin:{unit} 0 {round(lh / 2, 1) if not baseline_grid else 0}pt 0;
      {'font-variant:small-caps;' if hcase == 'small_caps' else ''} {deco} break-after:avoid; }}
{after}
.sec:first-child .sh {{ margin-top:0; }}
.ti {{ {ti} }}
.co {{ {co} }}
.lo, .dt {{ color:{muted}; }}
.dt {{ white-space:nowrap; }}
.ent {{ margin-top:{round(lh / 2, 1) if not baseline_grid else lh}pt; }}
.ent:first-child {{ margin-top:0; }}
.eh {{ break-after:avoid; }}
.row {{ display:flex; justify-content:space-between; align-items:baseline; gap:8pt; }}
.row > .l {{ flex:1 1 auto; min-width:58%; }}
.row > .r {{ text-align:right; flex:0 1 auto; }}
.rc {{ display:grid; grid-template-columns:1fr auto; column-gap:10pt; align-items:baseline; }}
.rc > .rcol {{ text-align:right; }}
.lcol {{ display:grid; grid-template-columns:{ctx.num('date_column_mm', 18, 30, 0)}mm 1fr; column-gap:8pt; align-items:baseline; }}
.lcol > .lcd {{ white-space:normal; }}
.sum {{ margin-top:1pt; }}
ul.hl {{ margin:1pt 0 0 0; padding-left:1.3em; }}
ul.hl li {{ margin:0; }}
.hl.two {{ columns:2; column-gap:14pt; }}
.hl.two li, .hl.two .b {{ break-inside:avoid; }}
.b {{ padding-left:1.2em; text-indent:-1.2em; }}
.b > .g {{ display:inline-block; width:1.2em; text-indent:0; }}
.pua {{ font-family:'{PUA_FAMILY}'; }}
.nm {{ margin:0; line-height:1.15; }}
.kw {{ }}
.sa1 {{ letter-spacing:-0.45em; }} .sa2 {{ letter-spacing:0.05em; }} .sb1 {{ letter-spacing:-0.45em; }}
.grp > .gh {{ break-after:avoid; }}
.grp .ent {{ margin-top:{round(lh / 3, 1) if not baseline_grid else 0}pt; }}
.grp .ent.sub {{ padding-left:{ctx.pick('group.indent_pt', [0, 0, 8, 12])}pt; }}
""")
    ctx.style = {"size": size, "accent": accent, "text": text, "muted": muted, "hc": hc, "body_font": body_font}


# --------------------------------------------------------------------------- bullets
def choose_bullets(ctx: Ctx, family_focus=False):
    if family_focus:
        mode = ctx.pick("bullets.mode", ["pua_symbol", "glyph", "css", "css", "two_column"], [3, 3, 2, 0, 2])
    else:
        mode = ctx.pick("bullets.mode", ["css", "glyph", "pua_symbol"], [5, 3, 1])
    glyph = None
    if mode == "pua_symbol":
        glyph = ctx.pick("bullets.glyph", ["\uf0b7", "\uf0a7", "\uf0d8", "\uf076"], [5, 2, 2, 1])
    elif mode == "glyph":
        glyph = ctx.pick("bullets.glyph", ["\u25aa", "\u27a2", "\u2013", "\u2022", "\u25cf", "-", "*", "\u25ba", "\u2713", "o"])
    css_type = None
    if mode in ("css", "two_column"):
        css_type = ctx.pick("bullets.css_list_style", ["disc", "square", "circle", "'\u2013  '", "'\u203a  '"])
        ctx.css.append(f"ul.hl {{ list-style-type:{css_type}; }}")
    two = mode == "two_column" or (family_focus and ctx.chance("bullets.two_column_lists", 0.3))
    if mode == "two_column" and glyph is None:
        pass
    ctx.params["bullets.two_column_lists"] = two
    header_glyph = family_focus and ctx.chance("bullets.glyph_on_header_line", 0.45)
    hg = None
    if header_glyph:
        hg = glyph or ctx.pick("bullets.header_glyph", ["\u27a2", "\u25aa", "\u2022", "\uf0b7", "\uf0d8"])
        ctx.params["bullets.header_glyph"] = hg
    ctx.bul = {"mode": mode, "glyph": glyph, "two": two, "header_glyph": hg}


def glyph_span(ctx, g) -> str:
    if g and 0xF000 <= ord(g) <= 0xF0FF:
        return f'<span class="g pua">{g}</span>'
    return f'<span class="g">{html.escape(g)}</span>'


def bullets_html(ctx, items) -> str:
    items = [i for i in (items or []) if i]
    if not items:
        return ""
    b = ctx.bul
    two = " two" if b["two"] and len(items) >= 3 else ""
    if b["glyph"]:
        return f'<div class="hl{two}">' + "".join(
            f'<div class="b">{glyph_span(ctx, b["glyph"])}{ctx.esc(i)}</div>' for i in items) + "</div>"
    return f'<ul class="hl{two}">' + "".join(f"<li>{ctx.esc(i)}</li>" for i in items) + "</ul>"


# --------------------------------------------------------------------------- entries
HEADER_PATTERNS = ["title_at_company", "company_comma_title", "title_comma_company", "title_paren_company",
                   "pipe", "company_above_title", "title_above_company", "title_dash_company", "grouped"]
DATE_PLACES = ["inline_right", "own_line", "right_column", "left_column", "inline_after"]


def choose_headers(ctx: Ctx, family_focus=False):
    if family_focus:
        pat = ctx.pick("work.header_pattern", HEADER_PATTERNS)
        place = ctx.pick("work.date_placement", DATE_PLACES)
    else:
        pat = ctx.pick("work.header_pattern", ["title_above_company", "company_above_title", "title_comma_company",
                                               "title_at_company", "company_comma_title", "title_dash_company"])
        place = ctx.pick("work.date_placement", ["inline_right", "own_line", "inline_after", "right_column"],
                         [4, 2, 1, 1])
    loc = "header" if pat == "pipe" else ctx.pick("work.location_placement", ["header", "dates", "own_line"], [3, 2, 1])
    ctx.params["work.location_placement"] = loc
    ctx.hdr = {
        "pattern": pat, "place": place, "loc": loc,
        "at": ctx.pick("work.at_word", L.AT[ctx.lang]),
        "pipe": ctx.pick("work.pipe_sep", [" | ", "  |  ", " \u00b7 ", " \u2022 ", " / "]),
        "locsep": ctx.pick("work.location_sep", [", ", " \u2014 ", " \u00b7 ", " | ", " \u2013 "]),
        "datesep": ctx.pick("work.inline_date_sep", [", ", " \u00b7 ", " | ", "  "]),
        "wrap": place == "left_column" and ctx.chance("work.wrap_date_ranges", 0.8 if family_focus else 0.5),
        "group_singletons": pat == "grouped" and ctx.chance("work.group_single_roles_too", 0.5),
    }
    ctx.edu = {
        "pattern": ctx.pick("education.header_pattern", ["degree_then_inst", "inst_then_degree", "one_line_degree_first",
                                                         "one_line_inst_first"]),
    }


def entry_html(ctx, lines, dparts, body, place=None, loc_html="", cls="ent") -> str:
    """Assemble an entry: header lines + dates (placement) + body."""
    h = ctx.hdr
    place = place or h["place"]
    loc_mode = h["loc"] if loc_html else None
    if loc_mode == "own_line":
        body = f'<div class="eh lo">{loc_html}</div>' + body
    if not dparts and loc_mode != "dates":
        return f'<div class="{cls}">' + "".join(f'<div class="eh">{x}</div>' for x in lines) + body + "</div>"
    wrap = h["wrap"] and place == "left_column"
    d = f'<span class="dt">{dates_html(ctx, dparts, wrap)}</span>' if dparts else ""
    if loc_mode == "dates":
        if place in ("left_column", "right_column"):
            d = d + ("<br>" if d else "") + f'<span class="lo">{loc_html}</span>'
        else:
            d = f'<span class="lo">{loc_html}</span>' + (h["pipe"] if d else "") + d
    if place == "inline_right":
        first = f'<div class="eh row"><div class="l">{lines[0]}</div><div class="r">{d}</div></div>'
        return f'<div class="{cls}">{first}' + "".join(f'<div class="eh">{x}</div>' for x in lines[1:]) + body + "</div>"
    if place == "own_line":
        return (f'<div class="{cls}">' + "".join(f'<div class="eh">{x}</div>' for x in lines)
                + f'<div class="eh dl">{d}</div>{body}</div>')
    if place == "inline_after":
        first = f'<div class="eh">{lines[0]}{html.escape(h["datesep"])}{d}</div>'
        return f'<div class="{cls}">{first}' + "".join(f'<div class="eh">{x}</div>' for x in lines[1:]) + body + "</div>"
    if place == "right_column":
        return (f'<div class="{cls} rc"><div>' + "".join(f'<div class="eh">{x}</div>' for x in lines) + body
                + f'</div><div class="rcol">{d}</div></div>')
    # left_column
    return (f'<div class="{cls} lcol"><div class="lcd">{d}</div><div>'
            + "".join(f'<div class="eh">{x}</div>' for x in lines) + body + "</div></div>")


def work_lines(ctx, T, C, Lh, pattern) -> list[str]:
    h = ctx.hdr
    lp = (html.escape(h["locsep"]) + Lh) if (Lh and h["loc"] == "header") else ""
    if not T:
        return [C + lp]
    if not C:
        return [T + lp]
    at = html.escape(h["at"])
    if pattern == "title_at_company":
        return [f"{T} {at} {C}{lp}"]
    if pattern == "company_comma_title":
        return [f"{C}, {T}{lp}"]
    if pattern == "title_comma_company":
        return [f"{T}, {C}{lp}"]
    if pattern == "title_paren_company":
        return [f"{T} ({C}){lp}"]
    if pattern == "title_dash_company":
        return [f"{T} \u2014 {C}{lp}"]
    if pattern == "pipe":
        parts = [T, C] + ([Lh] if Lh else [])
        return [html.escape(h["pipe"]).join(parts)]
    if pattern == "company_above_title":
        return [C + lp, T]
    return [T, C + lp]  # title_above_company


def _body(ctx, e, kind="work") -> str:
    out = ""
    if e.get("summary"):
        out += f'<p class="sum">{ctx.esc(e["summary"])}</p>'
    out += bullets_html(ctx, e.get("highlights"))
    if e.get("url") and kind != "work":
        out += f'<div class="lo">{ctx.esc(e["url"])}</div>'
    return out


def _spans(ctx, e, comp_key):
    T = f'<span class="ti">{ctx.esc(e.get("position"), truth=True)}</span>' if e.get("position") else ""
    C = f'<span class="co">{ctx.esc(e.get(comp_key), truth=True)}</span>' if e.get(comp_key) else ""
    Lh = f'<span class="lo">{ctx.esc(e.get("location"))}</span>' if e.get("location") else ""
    return T, C, Lh


def _hg(ctx, line) -> str:
    g = ctx.bul.get("header_glyph") if hasattr(ctx, "bul") else None
    return (glyph_span(ctx, g).replace('class="g', 'class="hgl') + " " + line) if g else line


def render_work(ctx, entries, comp_key="name") -> str:
    h = ctx.hdr
    entries = [e for e in entries if isinstance(e, dict)]
    out = []
    if h["pattern"] == "grouped":
        groups = []
        for e in entries:
            if groups and e.get(comp_key) and groups[-1][0].get(comp_key) == e.get(comp_key):
                groups[-1].append(e)
            else:
                groups.append([e])
        multi = [g[0].get(comp_key) for g in groups if len(g) > 1]
        if multi:
            ctx.params.setdefault("work.grouped_companies", []).extend(multi)
        for g in groups:
            if len(g) == 1 and not h["group_singletons"]:
                T, C, Lh = _spans(ctx, g[0], comp_key)
                lines = work_lines(ctx, T, C, Lh, "company_above_title")
                lines[0] = _hg(ctx, lines[0])
                out.append(entry_html(ctx, lines, date_parts(ctx, g[0].get("startDate"), g[0].get("endDate"), ctx.dspec),
                                      _body(ctx, g[0]), loc_html=Lh if h["loc"] != "header" else ""))
                continue
            locs = {e.get("location") for e in g}
            same_loc = len(locs) == 1
            _, C, Lh0 = _spans(ctx, g[0], comp_key)
            ghead = C + ((html.escape(h["locsep"]) + Lh0) if (Lh0 and same_loc) else "")
            # company-level span of dates is NOT printed (would be derived, not source)
            subs = []
            for e in g:
                T, _, Lh = _spans(ctx, e, comp_key)
                line = T + ((html.escape(h["locsep"]) + Lh) if (Lh and not same_loc) else "")
                subs.append(entry_html(ctx, [line or C], date_parts(ctx, e.get("startDate"), e.get("endDate"), ctx.dspec),
                                       _body(ctx, e), place=h["place"] if h["place"] != "inline_after" else "inline_right",
                                       cls="ent sub"))
            out.append(f'<div class="ent grp"><div class="gh eh">{_hg(ctx, ghead)}</div>' + "".join(subs) + "</div>")
        return "".join(out)
    for e in entries:
        T, C, Lh = _spans(ctx, e, comp_key)
        lines = work_lines(ctx, T, C, Lh, h["pattern"])
        lines[0] = _hg(ctx, lines[0])
        out.append(entry_html(ctx, lines, date_parts(ctx, e.get("startDate"), e.get("endDate"), ctx.dspec),
                              _body(ctx, e), loc_html=Lh if (h["loc"] != "header" and h["pattern"] != "pipe") else ""))
    return "".join(out)


def render_education(ctx, entries) -> str:
    out = []
    pat = ctx.edu["pattern"]
    for e in entries:
        if not isinstance(e, dict):
            continue
        inst = f'<span class="co">{ctx.esc(e.get("institution"), truth=True)}</span>' if e.get("institution") else ""
        deg_txt = ", ".join(x for x in [e.get("studyType"), e.get("area")] if x)
        if pat == "one_line_degree_first" and e.get("studyType") and e.get("area"):
            deg_txt = f"{e['studyType']} \u2013 {e['area']}"
        deg = f'<span class="ti">{ctx.esc(deg_txt, truth=True)}</span>' if deg_txt else ""
        if pat == "degree_then_inst":
            lines = [x for x in [deg, inst] if x]
        elif pat == "inst_then_degree":
            lines = [x for x in [inst, deg] if x]
        elif pat == "one_line_degree_first":
            lines = [", ".join(x for x in [deg, inst] if x)]
        else:
            lines = [" \u2014 ".join(x for x in [inst, deg] if x)]
        if not lines or not lines[0]:
            lines = [""]
        lines[0] = _hg(ctx, lines[0])
        body = ""
        if e.get("score"):
            body += f'<div>{ctx.esc(L.GRADE[ctx.lang])}: {ctx.esc(e["score"])}</div>'
        if e.get("courses"):
            body += f'<div class="lo">{ctx.esc(L.COURSES[ctx.lang])}: {ctx.esc(", ".join(e["courses"]))}</div>'
        if e.get("url"):
            body += f'<div class="lo">{ctx.esc(e["url"])}</div>'
        out.append(entry_html(ctx, lines, date_parts(ctx, e.get("startDate"), e.get("endDate"), ctx.espec),
                              body, loc_html=""))
    return "".join(out)


def render_projects(ctx, entries) -> str:
    out = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        head = f'<span class="ti">{ctx.esc(e.get("name"), truth=True)}</span>'
        extra = [x for x in [", ".join(e.get("roles") or []), e.get("entity"), e.get("type")] if x]
        if extra:
            head += " \u00b7 " + ctx.esc(" \u00b7 ".join(extra))
        body = ""
        if e.get("description"):
            body += f'<p class="sum">{ctx.esc(e["description"])}</p>'
        body += bullets_html(ctx, e.get("highlights"))
        if e.get("keywords"):
            body += f'<div class="lo">{ctx.esc(", ".join(e["keywords"]))}</div>'
        if e.get("url"):
            body += f'<div class="lo">{ctx.esc(e["url"])}</div>'
        out.append(entry_html(ctx, [_hg(ctx, head)], date_parts(ctx, e.get("startDate"), e.get("endDate"), ctx.dspec,
                                                                 open_is_present=False), body, loc_html=""))
    return "".join(out)


def render_skills(ctx, entries, compact=False) -> str:
    style = ctx.params.get("skills.style") or ctx.pick("skills.style", ["name_colon", "name_line", "chips", "inline"])
    if compact and style == "inline":
        style = "name_line"
    out = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        nm = ctx.esc(e.get("name") or "")
        lvl = f" ({ctx.esc(e['level'])})" if e.get("level") else ""
        kws = e.get("keywords") or []
        if style == "name_colon":
            out.append(f'<div class="sk"><b>{nm}</b>{lvl}{": " if kws else ""}{ctx.esc(", ".join(kws))}</div>')
        elif style == "name_line":
            out.append(f'<div class="sk"><div><b>{nm}</b>{lvl}</div>'
                       + (f'<div>{ctx.esc(" · ".join(kws))}</div>' if kws else "") + "</div>")
        elif style == "chips":
            chips = "".join(f'<span class="chip">{ctx.esc(k)}</span> ' for k in kws)
            out.append(f'<div class="sk"><div><b>{nm}</b>{lvl}</div><div>{chips}</div></div>')
        else:
            out.append(f'<span class="sk"><b>{nm}</b>{lvl}: {ctx.esc(", ".join(kws))}.</span> ')
    ctx.css.append(f".chip{{display:inline-block;border:0.5pt solid {ctx.style['muted']};border-radius:3pt;"
                   f"padding:0 3pt;margin:0 2pt 0 0;line-height:{round(ctx.lh - 2, 1)}pt;}}")
    return "".join(out)


def render_languages(ctx, entries) -> str:
    style = ctx.params.get("languages.style") or ctx.pick("languages.style", ["dash", "paren", "colon", "inline"])
    items = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        lg, fl = ctx.esc(e.get("language") or ""), ctx.esc(e.get("fluency") or "")
        if not fl:
            items.append(lg)
        elif style in ("paren", "inline"):
            items.append(f"{lg} ({fl})")
        elif style == "colon":
            items.append(f"<b>{lg}</b>: {fl}")
        else:
            items.append(f"{lg} \u2014 {fl}")
    if style == "inline":
        return "<div>" + " \u00b7 ".join(items) + "</div>"
    return "".join(f"<div>{x}</div>" for x in items)


def render_simple(ctx, key, entries) -> str:
    out = []
    for e in entries:
        if not isinstance(e, dict):
            continue
        if key == "certificates":
            d = fmt_date(ctx, e.get("date"), ctx.espec) if e.get("date") else ""
            line = f'<span class="ti">{ctx.esc(e.get("name"))}</span>'
            if e.get("issuer"):
                line += f", {ctx.esc(e['issuer'])}"
            out.append(entry_html(ctx, [_hg(ctx, line)], [d] if d else [], f'<div class="lo">{ctx.esc(e["url"])}</div>'
                                  if e.get("url") else "", loc_html=""))
        elif key == "awards":
            d = fmt_date(ctx, e.get("date"), ctx.espec) if e.get("date") else ""
            line = f'<span class="ti">{ctx.esc(e.get("title"))}</span>'
            if e.get("awarder"):
                line += f" \u2014 {ctx.esc(e['awarder'])}"
            out.append(entry_html(ctx, [_hg(ctx, line)], [d] if d else [],
                                  f'<p class="sum">{ctx.esc(e["summary"])}</p>' if e.get("summary") else "", loc_html=""))
        elif key == "publications":
            d = fmt_date(ctx, e.get("releaseDate"), ctx.espec) if e.get("releaseDate") else ""
            line = f'<span class="ti">{ctx.esc(e.get("name"))}</span>'
            if e.get("publisher"):
                line += f". <i>{ctx.esc(e['publisher'])}</i>"
            body = (f'<p class="sum">{ctx.esc(e["summary"])}</p>' if e.get("summary") else "") + (
                f'<div class="lo">{ctx.esc(e["url"])}</div>' if e.get("url") else "")
            out.append(entry_html(ctx, [_hg(ctx, line)], [d] if d else [], body, loc_html=""))
        elif key == "interests":
            kws = e.get("keywords") or []
            out.append(f'<div><b>{ctx.esc(e.get("name"))}</b>{": " if kws else ""}{ctx.esc(", ".join(kws))}</div>')
        elif key == "references":
            out.append(f'<div class="ent"><div><b>{ctx.esc(e.get("name"))}</b></div>'
                       f'<p class="sum"><i>{ctx.esc(e.get("reference"))}</i></p></div>')
    return "".join(out)


SECTION_KEYS = ["summary", "work", "volunteer", "education", "projects", "skills", "languages", "certificates",
                "awards", "publications", "interests", "references"]


def present_sections(src) -> list[str]:
    keys = []
    for k in SECTION_KEYS:
        if k == "summary":
            if (src.get("basics") or {}).get("summary"):
                keys.append(k)
        elif isinstance(src.get(k), list) and src[k]:
            keys.append(k)
    return keys


def section_content(ctx, key, compact=False) -> str:
    src = ctx.src
    if key == "summary":
        return f"<p>{ctx.esc(src['basics']['summary'])}</p>"
    if key == "work":
        return render_work(ctx, src["work"], "name")
    if key == "volunteer":
        return render_work(ctx, src["volunteer"], "organization")
    if key == "education":
        return render_education(ctx, src["education"])
    if key == "projects":
        return render_projects(ctx, src["projects"])
    if key == "skills":
        return render_skills(ctx, src["skills"], compact)
    if key == "languages":
        return render_languages(ctx, src["languages"])
    return render_simple(ctx, key, src[key])


def order_sections(ctx, keys) -> list[str]:
    keys = list(keys)
    head = [k for k in ("summary",) if k in keys]
    rest = [k for k in keys if k not in head]
    core = [k for k in ("work", "education") if k in rest]
    if len(core) == 2 and ctx.chance("order.education_first", 0.2):
        core.reverse()
    others = [k for k in rest if k not in core]
    ctx.rng.shuffle(others)
    # keep volunteer near work most of the time
    order = head + core + others
    ctx.params["order.sections"] = order
    return order


def sec(ctx, key, compact=False, cls="sec") -> str:
    return (f'<section class="{cls} s-{key}"><h2 class="sh">{ctx.esc(ctx.heading(key))}</h2>'
            f'<div class="cont">{section_content(ctx, key, compact)}</div></section>')


# --------------------------------------------------------------------------- header (name/contact)
def contact_items(ctx) -> list[str]:
    b = ctx.src.get("basics") or {}
    items = []
    loc = b.get("location") or {}
    locstyle = ctx.params.get("contact.location_style") or ctx.pick("contact.location_style", ["city_region", "city_country", "full"])
    city = loc.get("city")
    if locstyle == "full":
        parts = [loc.get("address"), " ".join(x for x in [loc.get("postalCode"), city] if x), loc.get("region"),
                 loc.get("countryCode")]
    elif locstyle == "city_country":
        parts = [city, loc.get("countryCode")]
    else:
        parts = [city, loc.get("region")]
    locs = ", ".join(p for p in parts if p)
    order = ctx.params.get("contact.order") or ctx.pick("contact.order", ["email_first", "phone_first", "location_first"])
    e = [ctx.esc(b["email"])] if b.get("email") else []
    p = [ctx.esc(b["phone"])] if b.get("phone") else []
    lo = [ctx.esc(locs)] if locs else []
    if order == "phone_first":
        items = p + e + lo
    elif order == "location_first":
        items = lo + e + p
    else:
        items = e + p + lo
    if b.get("url"):
        items.append(ctx.esc(b["url"]))
    for pr in b.get("profiles") or []:
        if pr.get("url"):
            items.append(ctx.esc(pr["url"]))
        elif pr.get("username"):
            items.append(ctx.esc(f"{pr.get('network', '')}: {pr['username']}".strip(": ")))
    return items


def name_html(ctx, cls="nm", split=False) -> str:
    b = ctx.src.get("basics") or {}
    nm = b.get("name") or ""
    if split and " " in nm:
        first, last = nm.split(" ", 1)
        return (f'<h1 class="{cls}"><span class="fn">{ctx.esc(first, truth=True)}</span><br>'
                f'<span class="ln">{ctx.esc(last, truth=True)}</span></h1>')
    return f'<h1 class="{cls}">{ctx.esc(nm, truth=True)}</h1>'


def choose_name_style(ctx, size_lo=18, size_hi=28):
    nsize = ctx.num("name.size_pt", size_lo, size_hi, 0)
    nweight = ctx.pick("name.weight", ["bold", "normal", "300"], [4, 2, 1])
    ncase = ctx.pick("name.case", ["as_is", "upper"], [3, 1])
    ncol = ctx.pick("name.colour", ["text", "accent"])
    ctx.css.append(f".nm {{ font-size:{nsize}pt; font-weight:{nweight}; color:{ctx.style['accent'] if ncol == 'accent' else ctx.style['text']};"
                   f"{'text-transform:uppercase;' if ncase == 'upper' else ''} }}")


def header_block(ctx, variant=None) -> str:
    b = ctx.src.get("basics") or {}
    variant = variant or ctx.pick("header.variant", ["stack", "centered", "contact_right"])
    ctx.params["header.variant"] = variant
    sep = ctx.pick("contact.sep", [" | ", " \u00b7 ", " \u2022 ", "  ", " / ", " \u2014 "])
    items = contact_items(ctx)
    label = f'<div class="hl2">{ctx.esc(b["label"])}</div>' if b.get("label") else ""
    ctx.css.append(".hl2{font-size:1.15em;margin-top:2pt;} .hdr{margin-bottom:" + f"{ctx.lh}pt;" + "}"
                   ".hdr.centered{text-align:center;} .ctr{display:flex;justify-content:space-between;align-items:flex-start;gap:12pt;}"
                   ".ctr .cr{text-align:right;font-size:0.92em;}")
    csep = html.escape(sep)
    if variant == "contact_right":
        return (f'<header class="hdr"><div class="ctr"><div>{name_html(ctx)}{label}</div>'
                f'<div class="cr">' + "<br>".join(items) + "</div></div></header>")
    if variant == "name_contact_same_line":
        # name and contact details on one baseline, contact right aligned
        return (f'<header class="hdr"><div class="ctr" style="align-items:baseline"><div>{name_html(ctx)}</div>'
                f'<div class="cr">' + csep.join(items) + f"</div></div>{label}</header>")
    if variant == "name_cv_label":
        word = ctx.pick("header.cv_word", L.CVWORD[ctx.lang])
        pos = ctx.pick("header.cv_word_position", ["after", "before"])
        joiner = ctx.pick("header.cv_word_joiner", [" \u2014 ", " | ", " \u2013 ", "  ", ": "])
        nm = ctx.esc(b.get("name"), truth=True)
        inner = (f"{nm}<span class='cvw'>{html.escape(joiner)}{ctx.esc(word)}</span>" if pos == "after"
                 else f"<span class='cvw'>{ctx.esc(word)}{html.escape(joiner)}</span>{nm}")
        ctx.css.append(".cvw{font-weight:normal;font-size:0.7em;}")
        return (f'<header class="hdr"><h1 class="nm">{inner}</h1>{label}'
                f'<div class="ci">{csep.join(items)}</div></header>')
    if variant == "name_headline_one_line":
        joiner = ctx.pick("header.headline_joiner", [" | ", ", ", " \u2014 ", " \u2013 ", "  \u00b7  "])
        hl = (f"<span class='hlin'>{html.escape(joiner)}{ctx.esc(b['label'])}</span>" if b.get("label") else "")
        ctx.css.append(".hlin{font-weight:normal;font-size:0.6em;}")
        return (f'<header class="hdr"><h1 class="nm">{ctx.esc(b.get("name"), truth=True)}{hl}</h1>'
                f'<div class="ci">{csep.join(items)}</div></header>')
    cls = "hdr centered" if variant == "centered" else "hdr"
    return f'<header class="{cls}">{name_html(ctx)}{label}<div class="ci">{csep.join(items)}</div></header>'


# --------------------------------------------------------------------------- families
def common_setup(ctx, baseline_grid=False, wild_dates=False, focus_headers=False, focus_bullets=False):
    choose_style(ctx, baseline_grid=baseline_grid)
    ctx.dspec = choose_date_spec(ctx, "dates.work", wild_dates)
    if wild_dates and ctx.chance("dates.education_uses_other_format", 0.5):
        ctx.espec = choose_date_spec(ctx, "dates.education", wild_dates)
    else:
        ctx.espec = ctx.dspec
    choose_bullets(ctx, focus_bullets)
    choose_headers(ctx, focus_headers)
    choose_name_style(ctx)


def fam_standard(ctx, keys) -> str:
    """Single column document (used by headers / bullets / text)."""
    order = order_sections(ctx, keys)
    return header_block(ctx) + "".join(sec(ctx, k) for k in order)


def fam_labelcol(ctx, keys) -> str:
    common_setup(ctx)
    w = ctx.num("labelcol.label_width_pct", 17, 24, 0)
    gap = ctx.num("labelcol.gap_pt", 8, 20, 0)
    align = ctx.pick("labelcol.label_align", ["left", "right"])
    rule = ctx.pick("labelcol.divider", ["none", "vertical_rule", "top_rule"])
    ctx.css.append(f"""
.sec.lc {{ display:grid; grid-template-columns:{w}% 1fr; column-gap:{gap}pt; align-items:baseline; margin-top:{ctx.lh}pt; }}
.sec.lc:first-of-type {{ margin-top:0; }}
.sec.lc > .sh {{ margin:0; text-align:{align}; white-space:normal; overflow-wrap:anywhere; }}
.sec.lc > .cont {{ {'border-left:0.75pt solid ' + ctx.style['muted'] + ';padding-left:' + str(gap) + 'pt;' if rule == 'vertical_rule' else ''}
                   {'border-top:0.75pt solid ' + ctx.style['muted'] + ';' if rule == 'top_rule' else ''} }}
""")
    if ctx.params["heading.decoration"] in ("band", "rule_after"):
        ctx.css.append(".sec.lc > .sh { background:none; color:inherit; display:block; } .sec.lc > .sh::after{display:none}")
    hv = ctx.pick("labelcol.header", ["stack", "contact_right", "name_in_label_col"])
    if hv == "name_in_label_col":
        b = ctx.src.get("basics") or {}
        items = contact_items(ctx)
        head = (f'<header class="hdr sec lc"><div class="sh" style="text-transform:none;letter-spacing:0">'
                f'{name_html(ctx)}</div><div class="cont">'
                + (f'<div class="hl2">{ctx.esc(b["label"])}</div>' if b.get("label") else "")
                + "<div>" + " \u00b7 ".join(items) + "</div></div></header>")
        ctx.css.append(".hdr{margin-bottom:" + f"{ctx.lh}pt;" + "} .hl2{font-size:1.1em}")
        ctx.css.append(".hdr .nm{font-size:1.5em !important; line-height:1.1}")
    else:
        head = header_block(ctx, hv)
    body = ""
    for k in order_sections(ctx, keys):
        body += (f'<section class="sec lc s-{k}"><h2 class="sh">{ctx.esc(ctx.heading(k))}</h2>'
                 f'<div class="cont">{section_content(ctx, k)}</div></section>')
    return head + body


def fam_sidebar(ctx, keys) -> str:
    common_setup(ctx, baseline_grid=True)
    side_keys = [k for k in ("skills", "languages", "interests", "certificates") if k in keys]
    if "certificates" in side_keys and ctx.chance("sidebar.certificates_in_main", 0.5):
        side_keys.remove("certificates")
    if "education" in keys and ctx.chance("sidebar.education_in_sidebar", 0.25):
        side_keys.append("education")
    main_keys = [k for k in keys if k not in side_keys]
    side = ctx.pick("sidebar.side", ["left", "right"], [3, 2])
    width = ctx.num("sidebar.width_pct", 26, 36, 0)
    gutter = ctx.pick("sidebar.gutter_pt", [8, 10, 12, 14, 16, 24, 30])
    colour = ctx.pick("sidebar.colour", ["plain", "light", "dark"], [2, 3, 2])
    name_place = ctx.pick("sidebar.name_place", ["main_top", "sidebar_top", "sidebar_split"], [2, 1, 1])
    mt, mr, mb, ml = ctx.margins
    lh = ctx.lh
    pad = 0
    bg = fg = None
    if colour != "plain":
        bg = ctx.pick("sidebar.bg", LIGHT_BG if colour == "light" else DARK_BG)
        fg = "#ffffff" if colour == "dark" else ctx.style["text"]
        pad = ctx.pick("sidebar.padding_pt", [6, 8, 10])
    # page margins live inside the document so the coloured band can run edge-to-edge
    ctx.css.append(f"""
@page {{ margin:0; }}
.page {{ padding:{mt}mm {mr}mm {mb}mm {ml}mm; box-decoration-break:clone; -webkit-box-decoration-break:clone;
         display:grid; grid-template-columns:{f'{width}% 1fr' if side == 'left' else f'1fr {width}%'}; column-gap:{gutter}pt; }}
.side, .main {{ min-width:0; }}
.side {{ {'color:' + fg + ';' if fg else ''} {'padding:0 ' + str(pad) + 'pt;' if pad else ''} overflow-wrap:anywhere; }}
.side .sh {{ {'color:' + fg + ';border-color:' + fg + ';' if colour == 'dark' else ''} }}
.side .dt, .side .lo, .side .ti, .side .co {{ {'color:' + fg + ';' if colour == 'dark' else ''} }}
.sec {{ margin-top:{lh}pt; }} .sec:first-child {{ margin-top:0; }}
.sh {{ margin-top:{lh}pt; margin-bottom:0; line-height:{lh}pt; }}
.nm {{ line-height:{2 * lh}pt !important; }}
.hdr {{ margin-bottom:{lh}pt !important; }}
.sk + .sk {{ margin-top:0; }}
.chip {{ line-height:{lh - 2}pt; }}
ul.hl, .sum, .hl2 {{ margin-top:0 !important; }}
.hl2 {{ line-height:{lh}pt; }}
""")
    if bg:
        # band from page edge: page margin + padding
        band_w = f"calc({ml if side == 'left' else mr}mm + ({210 if ctx.params['page.size'] == 'A4' else 215.9}mm - {ml + mr}mm) * {width / 100} + {round(gutter / 3, 1)}pt)"
        # approximate: band covers margin + sidebar column (grid column width is % of content box)
        ctx.css.append(f".band {{ position:fixed; top:0; bottom:0; {side}:0; width:{band_w}; background:{bg}; z-index:-1; }}")
        if ctx.params["heading.decoration"] == "band":
            ctx.css.append(f".side .sh {{ background:{fg}; color:{bg}; }}")
    b = ctx.src.get("basics") or {}
    items = contact_items(ctx)
    side_html = ""
    main_head = ""
    if name_place == "main_top":
        main_head = header_block(ctx, ctx.pick("sidebar.main_header", ["stack", "name_only"]))
        if ctx.params["sidebar.main_header"] == "name_only":
            main_head = (f'<header class="hdr">{name_html(ctx)}'
                         + (f'<div class="hl2">{ctx.esc(b["label"])}</div>' if b.get("label") else "") + "</header>")
            ctx.css.append(".hl2{font-size:1.1em}")
    else:
        side_html += f'<header class="hdr">{name_html(ctx, split=name_place == "sidebar_split")}' + (
            f'<div class="hl2">{ctx.esc(b["label"])}</div>' if b.get("label") else "") + "</header>"
        ctx.css.append(".hl2{font-style:italic}")
        if name_place == "sidebar_split":
            ctx.css.append(".side .nm .ln{font-weight:bold}")
    if name_place != "main_top" or ctx.params.get("sidebar.main_header") == "name_only":
        side_html += (f'<section class="sec s-contact"><h2 class="sh">{ctx.esc(ctx.heading("contact"))}</h2>'
                      f'<div class="cont">' + "".join(f"<div>{x}</div>" for x in items) + "</div></section>")
    # sidebar entries use own-line dates (narrow column)
    saved = dict(ctx.hdr)
    for k in side_keys:
        if k in ("education", "certificates"):
            ctx.hdr.update(place="own_line", wrap=False)
            ctx.edu["pattern"] = "degree_then_inst"
        side_html += sec(ctx, k, compact=True)
    ctx.hdr = saved
    main_html = "".join(sec(ctx, k) for k in order_sections(ctx, main_keys))
    band = '<div class="band"></div>' if bg else ""
    cols = ([f'<aside class="side">{side_html}</aside>', f'<main class="main">{main_head}{main_html}</main>']
            if side == "left" else
            [f'<main class="main">{main_head}{main_html}</main>', f'<aside class="side">{side_html}</aside>'])
    return band + '<div class="page">' + "".join(cols) + "</div>"


def fam_rotated(ctx, keys) -> str:
    common_setup(ctx)
    direction = ctx.pick("rotated.direction", ["bottom_to_top", "top_to_bottom"], [3, 1])
    colw = ctx.num("rotated.label_column_mm", 8, 13, 0)
    band = ctx.pick("rotated.label_band", ["none", "accent_band", "light_band", "rule"])
    acc = ctx.style["accent"]
    ml = ctx.margins[3]
    hf = min(ctx.params["heading.size_factor"], 1.25)
    hsize = round(float(ctx.style["size"]) * hf, 1)
    # Chromium clips everything outside the @page content box, so shrink the left page margin
    # and let the label column occupy what used to be margin.
    new_ml = max(4, round(ml - colw - 2))
    ctx.params["rotated.page_margin_left_mm"] = new_ml
    mt, mr, mb, _ = ctx.margins
    ctx.css.append(f"@page {{ margin: {mt}mm {mr}mm {mb}mm {new_ml}mm; }} .hdr {{ margin-left:{colw + 2}mm; }}")
    if direction == "bottom_to_top":
        tr = "transform-origin:0 0; transform:rotate(-90deg) translateX(-100%);"
    else:
        tr = "transform-origin:0 0; transform:rotate(90deg) translateY(-100%);"
    ctx.css.append(f"""
.sec.rt {{ display:grid; grid-template-columns:{colw}mm 1fr; column-gap:{ctx.num('rotated.gap_pt', 4, 12, 0)}pt;
           margin-top:{ctx.lh}pt; }}
.sec.rt:first-of-type {{ margin-top:0; }}
.sec.rt > .rl {{ position:relative;
                {'background:' + acc + ';' if band == 'accent_band' else ''}
                {'background:#ececec;' if band == 'light_band' else ''}
                {'border-right:1pt solid ' + acc + ';' if band == 'rule' else ''} }}
.sec.rt .sh {{ position:absolute; top:0; left:{round(colw / 2, 1)}mm; margin:0 0 0 -{round(hsize * 0.6, 1)}pt; white-space:nowrap;
              font-size:{hsize}pt; line-height:{round(hsize * 1.2, 1)}pt; padding:0 3pt; background:none; border:none; box-shadow:none; display:block;
              color:{'#fff' if band == 'accent_band' else ctx.style['hc'] if ctx.style['hc'] != '#fff' else acc}; {tr} }}
.sec.rt .sh::after {{ display:none; }}
""")
    body = header_block(ctx)
    for k in order_sections(ctx, keys):
        label = ctx.heading(k)
        # absolutely positioned label does not take space: reserve its length as min-height
        est = len(label) * hsize * (0.8 if ctx.params["heading.case"] in ("upper", "small_caps") else 0.62) * (
            1 + ctx.params["heading.letter_spacing_em"]) + 8
        body += (f'<section class="sec rt s-{k}" style="min-height:{round(est)}pt"><div class="rl"><h2 class="sh">'
                 f'{ctx.esc(label)}</h2></div><div class="cont">{section_content(ctx, k)}</div></section>')
    return body


def fam_headers(ctx, keys) -> str:
    common_setup(ctx, focus_headers=True)
    return fam_standard(ctx, keys)


def fam_bullets(ctx, keys) -> str:
    common_setup(ctx, focus_bullets=True)
    ctx.css.append(".hgl{display:inline-block;width:1.2em;} .hgl.pua{font-family:'" + PUA_FAMILY + "'}")
    if ctx.chance("bullets.skills_two_columns", 0.4):
        ctx.css.append(".s-skills .cont, .s-interests .cont{columns:2; column-gap:14pt}")
    return fam_standard(ctx, keys)


def fam_text(ctx, keys) -> str:
    common_setup(ctx, wild_dates=True)
    has_acc = any(unicodedata.normalize("NFD", c) != c for c in json.dumps(ctx.src, ensure_ascii=False))
    if has_acc and ctx.chance("text.spacing_accents", 0.65):
        ctx.accents = (ctx.pick("text.spacing_accent_order", ["after", "before"]),
                       ctx.pick("text.spacing_accent_scope", ["all", "body"], [2, 1]))
        ctx.params["spacing_accents"] = {"order": ctx.accents[0], "scope": ctx.accents[1]}
    else:
        ctx.params["spacing_accents"] = None
    if ctx.chance("text.keep_ligatures", 0.3):  # text layer then shows U+FB01 etc.
        ctx.css.append("html, * { font-variant-ligatures: common-ligatures; }")
    nv = ctx.pick("text.name_variant", ["letter_spaced_caps", "name_cv_label", "name_contact_same_line",
                                        "name_sidebar_split", "name_headline_one_line"])
    ls = nv == "letter_spaced_caps" or ctx.chance("text.letter_spaced_name_too", 0.3)
    if ls:
        ctx.css.append(f".nm{{letter-spacing:{ctx.pick('text.name_letter_spacing_em', [0.3, 0.4, 0.5])}em;"
                       "text-transform:uppercase;}")
    if nv == "name_sidebar_split":
        # small sidebar with the name split over two lines + contact; rest single column
        side = ctx.pick("text.sidebar_side", ["left", "right"])
        width = ctx.num("text.sidebar_width_pct", 25, 32, 0)
        ctx.css.append(f".tw{{display:grid;grid-template-columns:{f'{width}% 1fr' if side == 'left' else f'1fr {width}%'};"
                       f"column-gap:{ctx.pick('text.gutter_pt', [8, 12, 16, 24])}pt;}} .tside .nm{{font-size:1.6em !important;}}"
                       ".tside{overflow-wrap:anywhere}")
        b = ctx.src.get("basics") or {}
        items = contact_items(ctx)
        sd = (f'<aside class="tside">{name_html(ctx, split=True)}'
              + (f'<div class="hl2">{ctx.esc(b["label"])}</div>' if b.get("label") else "")
              + f'<section class="sec"><h2 class="sh">{ctx.esc(ctx.heading("contact"))}</h2>'
              + "".join(f"<div>{x}</div>" for x in items) + "</section>"
              + "".join(sec(ctx, k, compact=True) for k in ("languages",) if k in keys) + "</aside>")
        mk = [k for k in keys if k != "languages"]
        mn = '<main>' + "".join(sec(ctx, k) for k in order_sections(ctx, mk)) + "</main>"
        return '<div class="tw">' + (sd + mn if side == "left" else mn + sd) + "</div>"
    hv = {"letter_spaced_caps": ctx.rng.choice(["stack", "centered"]), "name_cv_label": "name_cv_label",
          "name_contact_same_line": ctx.rng.choice(["name_contact_same_line", "contact_right"]),
          "name_headline_one_line": "name_headline_one_line"}[nv]
    return header_block(ctx, hv) + "".join(sec(ctx, k) for k in order_sections(ctx, keys))


def fam_sidebyside(ctx, keys) -> str:
    common_setup(ctx)
    a, b = "work", "education"
    if ctx.chance("sidebyside.education_left", 0.35):
        a, b = b, a
    split = ctx.pick("sidebyside.split", ["50/50", "60/40", "65/35", "55/45"])
    p1 = int(split.split("/")[0])
    if a == "education" and p1 > 50:
        p1 = 100 - p1
        ctx.params["sidebyside.split"] = f"{p1}/{100 - p1}"
    gap = ctx.num("sidebyside.gap_pt", 10, 24, 0)
    before = ctx.pick("sidebyside.position", ["after_summary", "after_skills", "top"])
    rule = ctx.chance("sidebyside.column_rule", 0.4)
    ctx.css.append(f""".sbs {{ display:grid; grid-template-columns:{p1}fr {100 - p1}fr; column-gap:{gap}pt; margin-top:{ctx.lh}pt; }}
.sbs > div {{ min-width:0; }} .sbs .sec .sh {{ margin-top:0; }}
{'.sbs > div + div { border-left:0.75pt solid ' + ctx.style['muted'] + '; padding-left:' + str(gap / 2) + 'pt; }' if rule else ''}
.sbs .rc {{ grid-template-columns:1fr auto; }}
""")
    # dates on own line are easier in a half column (but keep some right aligned)
    if ctx.hdr["place"] == "right_column":
        ctx.hdr["place"] = "inline_right"
        ctx.params["work.date_placement"] = "inline_right"
    order = order_sections(ctx, keys)
    rest = [k for k in order if k not in (a, b)]
    pre = []
    if before == "after_summary" and "summary" in rest:
        pre = ["summary"]
    elif before == "after_skills":
        pre = [k for k in ("summary", "skills") if k in rest]
    rest = [k for k in rest if k not in pre]
    both = [k for k in (a, b) if k in keys]
    out = header_block(ctx) + "".join(sec(ctx, k) for k in pre)
    if len(both) == 2:
        out += ('<div class="sbs">' + f'<div>{sec(ctx, both[0])}</div><div>{sec(ctx, both[1])}</div>' + "</div>")
    else:
        out += "".join(sec(ctx, k) for k in both)
    out += "".join(sec(ctx, k) for k in rest)
    return out


FAMILY_FUNCS = {"labelcol": fam_labelcol, "sidebar": fam_sidebar, "rotated": fam_rotated, "headers": fam_headers,
                "bullets": fam_bullets, "text": fam_text, "sidebyside": fam_sidebyside}


def build_html(src, sid, family):
    ctx = Ctx(src, sid, family)
    keys = present_sections(src)
    body = FAMILY_FUNCS[family](ctx, keys)
    css = "\n".join(ctx.css)
    fonts = pua_font.font_face_css(PUA_FAMILY)
    title = html.escape((src.get("basics") or {}).get("name") or sid)
    doc = (f'<!DOCTYPE html>\n<html lang="{ctx.lang}"><head><meta charset="utf-8"><title>{title}</title>\n'
           f"<style>\n{fonts}\n{css}\n</style></head>\n<body>\n{body}\n</body></html>\n")
    meta = {"family": f"perturb-{family}", "source_id": sid, "language": ctx.lang, "seed": ctx.seed,
            "sections": keys, "params": ctx.params}
    return doc, meta


# --------------------------------------------------------------------------- printing
def print_pdf(html_path: Path, pdf_path: Path, timeout=180):
    udd = tempfile.mkdtemp(prefix="perturb-chromium-")
    tmp = pdf_path.with_name(pdf_path.stem + ".partial.pdf")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={udd}", "--host-resolver-rules=MAP * ~NOTFOUND", f"--print-to-pdf={tmp}",
           "--no-pdf-header-footer", html_path.resolve().as_uri()]
    env = dict(os.environ, TZ="UTC")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError(f"chromium timed out after {timeout}s") from None
    finally:
        shutil.rmtree(udd, ignore_errors=True)
    if not tmp.exists() or tmp.stat().st_size < 100 or not tmp.read_bytes().startswith(b"%PDF"):
        tail = (err or b"").decode("utf-8", "replace")[-800:]
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"chromium produced no PDF (rc={proc.returncode}): {tail}")
    os.replace(tmp, pdf_path)


def count_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


GEN_FILES = [Path(__file__).resolve(), HERE / "perturb" / "lang.py", HERE / "perturb" / "pua_font.py"]


def render_one(src_path: Path, out_root: Path, family: str, force=False) -> str:
    sid = src_path.stem
    odir = out_root / f"perturb-{family}"
    odir.mkdir(parents=True, exist_ok=True)
    pdf, htm, meta_p = odir / f"{sid}.pdf", odir / f"{sid}.html", odir / f"{sid}.meta.json"
    newest_in = max(p.stat().st_mtime for p in [src_path] + [g for g in GEN_FILES if g.exists()])
    if not force and all(p.exists() and p.stat().st_mtime >= newest_in for p in (pdf, htm, meta_p)):
        return "skipped"
    src_bytes = src_path.read_bytes()
    src = json.loads(src_bytes)
    doc, meta = build_html(src, sid, family)
    htm.write_text(doc, encoding="utf-8")
    t0 = time.time()
    print_pdf(htm, pdf)
    meta["source"] = str(src_path)
    meta["source_sha256"] = hashlib.sha256(src_bytes).hexdigest()
    meta["pages"] = count_pages(pdf)
    meta["print_seconds"] = round(time.time() - t0, 2)
    meta_p.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return f"ok pages={meta['pages']}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default="training/sources")
    ap.add_argument("--out", default="training/renders")
    ap.add_argument("--families", default=",".join(FAMILIES))
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated source ids (file stems)")
    ap.add_argument("--force", action="store_true", help="re-render even if outputs are up to date")
    ap.add_argument("--html-only", action="store_true", help="write HTML + meta only (no Chromium)")
    a = ap.parse_args(argv)
    fams = [f.strip().removeprefix("perturb-") for f in a.families.split(",") if f.strip()]
    bad = [f for f in fams if f not in FAMILY_FUNCS]
    if bad:
        ap.error(f"unknown families {bad}; known: {FAMILIES}")
    srcs = sorted(Path(a.sources).glob("*.json"))
    if a.only:
        want = set(a.only.split(","))
        srcs = [s for s in srcs if s.stem in want]
    if not srcs:
        print(f"no sources in {a.sources}", file=sys.stderr)
        return 2
    out_root = Path(a.out)
    tasks = [(s, f) for f in fams for s in srcs]
    t_start = time.time()
    results = {"ok": 0, "skipped": 0, "failed": 0}
    failures = []

    def run(task):
        s, f = task
        t0 = time.time()
        try:
            if a.html_only:
                src = json.loads(s.read_text(encoding="utf-8"))
                doc, meta = build_html(src, s.stem, f)
                odir = out_root / f"perturb-{f}"
                odir.mkdir(parents=True, exist_ok=True)
                (odir / f"{s.stem}.html").write_text(doc, encoding="utf-8")
                return task, "ok html-only", time.time() - t0
            return task, render_one(s, out_root, f, a.force), time.time() - t0
        except Exception as exc:  # log and continue
            return task, "FAILED " + "".join(traceback.format_exception_only(type(exc), exc)).strip() + "\n" + \
                traceback.format_exc(limit=3), time.time() - t0

    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for (s, f), status, dt in ex.map(run, tasks):
            key = "failed" if status.startswith("FAILED") else ("skipped" if status == "skipped" else "ok")
            results[key] += 1
            if key == "failed":
                failures.append((f, s.stem, status))
            print(f"[perturb-{f}] {s.stem}: {status.splitlines()[0]} ({dt:.1f}s)", flush=True)
            if key == "failed":
                print(status, file=sys.stderr, flush=True)
    print(f"done: {results} in {time.time() - t_start:.1f}s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
