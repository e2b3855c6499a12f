#!/usr/bin/env python3
"""Read rendered PDFs/DOCX back and check that the resume's facts survived.

Needs pdfminer.six (and python-docx for DOCX): run with the project venv:
  .venv/bin/python training/render/html/check_renders.py --sources training/sources \\
      --out training/renders [--themes a,b] [--json report.json]

Per theme it reports: files found, pages, blank pages, and the share of
name / work positions / company names / start+end dates (month+year in some
common form, or year only) found in the extracted text, plus non-English month
names and tofu/replacement characters.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_html import THEMES  # noqa: E402

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
FOREIGN_MONTHS = ["janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
                  "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                  "octubre", "noviembre", "diciembre", "gennaio", "giugno", "luglio", "settembre", "ottobre"]


def norm(s: str) -> str:
    # casefold: CSS text-transform:uppercase turns "ß" into "SS"
    s = unicodedata.normalize("NFKC", s).casefold().replace("ı", "i").replace("i̇", "i")
    s = s.replace("\u00ad", "").replace("’", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", s)


def squash(s: str) -> str:
    """Letters/digits only: survives line breaks, hyphenation, letter-spacing."""
    return re.sub(r"[\W_]+", "", norm(s))


def date_forms(d: str) -> tuple[list[str], str]:
    m = re.match(r"^(\d{4})(?:-(\d{2}))?", d or "")
    if not m:
        return [], ""
    y, mo = m.group(1), m.group(2)
    if not mo:
        return [y], y
    i = int(mo)
    name = MONTHS[i - 1]
    forms = [f"{name} {y}", f"{name[:3]} {y}", f"{name[:3]}. {y}", f"{name[:4]} {y}", f"{mo}/{y}", f"{i}/{y}",
             f"{y}-{mo}", f"{mo}.{y}", f"{y}/{mo}", f"{mo}-{y}", f"{name[:3]}, {y}", f"{name}, {y}",
             f"{name[:3]} '{y[2:]}", f"{mo}/{y[2:]}", f"{y}-{name[:3]}"]
    return forms, y


def pdf_text(path: Path) -> tuple[str, int, int]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    pages, blank, parts = 0, 0, []
    for page in extract_pages(str(path)):
        pages += 1
        t = "".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
        if not t.strip():
            blank += 1
        parts.append(t)
    return "\n".join(parts), pages, blank


def docx_text(path: Path) -> str:
    import docx
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


def check(text: str, resume: dict) -> dict:
    n, sq = norm(text), squash(text)
    found = lambda s: bool(s) and squash(s) in sq  # noqa: E731
    b = resume.get("basics", {})
    work = resume.get("work", []) or []
    r = {"name": found(b.get("name", ""))}
    pos = [w.get("position") for w in work if w.get("position")]
    comp = [w.get("name") for w in work if w.get("name")]
    r["positions"] = (sum(found(p) for p in pos), len(pos))
    r["companies"] = (sum(found(c) for c in comp), len(comp))
    md = yo = tot = 0
    for w in work:
        for k in ("startDate", "endDate"):
            if not w.get(k):
                continue
            forms, y = date_forms(w[k])
            if not y:
                continue
            tot += 1
            if any(f in n for f in forms) or any(squash(f) in sq for f in forms if not f[:1].isdigit() or "-" in f):
                # squash: letter-spaced text comes out of pdfminer as "2 02 2-0 4"
                md += 1
            elif y in n:
                yo += 1
    r["dates_month"] = (md, tot)
    r["dates_year_only"] = yo
    r["foreign_months"] = sorted({m for m in FOREIGN_MONTHS if re.search(rf"\b{m}\b", n)} - set(MONTHS))
    r["bad_chars"] = sum(text.count(c) for c in ("\ufffd", "\u25a1"))
    return r


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--themes", default=",".join(THEMES))
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    sources = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.sources.glob("*.json"))}
    report = {}
    hdr = f"{'theme':18} {'kind':4} {'files':>5} {'pages':>5} {'blank':>5} {'name':>5} {'pos':>7} {'comp':>7} {'date m/y':>9} {'y-only':>6} notes"
    print(hdr)
    for theme in [t for t in args.themes.split(",") if t]:
        for kind, folder, ext in (("pdf", f"html-{theme}", ".pdf"), ("docx", f"pandoc-html-{theme}", ".docx")):
            agg = {"files": 0, "pages": 0, "blank": 0, "name": 0, "pos": [0, 0], "comp": [0, 0],
                   "dm": [0, 0], "yo": 0, "foreign": set(), "bad": 0, "missing_company_ids": []}
            for sid, resume in sources.items():
                p = args.out / folder / f"{sid}{ext}"
                if not p.exists():
                    continue
                if kind == "pdf":
                    text, pages, blank = pdf_text(p)
                else:
                    text, pages, blank = docx_text(p), 0, 0
                r = check(text, resume)
                agg["files"] += 1
                agg["pages"] += pages
                agg["blank"] += blank
                agg["name"] += r["name"]
                for k, rk in (("pos", "positions"), ("comp", "companies"), ("dm", "dates_month")):
                    agg[k][0] += r[rk][0]
                    agg[k][1] += r[rk][1]
                if r["companies"][0] < r["companies"][1]:
                    agg["missing_company_ids"].append(sid)
                agg["yo"] += r["dates_year_only"]
                agg["foreign"] |= set(r["foreign_months"])
                agg["bad"] += r["bad_chars"]
            if not agg["files"]:
                continue
            notes = []
            if agg["foreign"]:
                notes.append("foreign months: " + ",".join(sorted(agg["foreign"])))
            if agg["bad"]:
                notes.append(f"{agg['bad']} tofu/U+FFFD")
            if agg["missing_company_ids"]:
                notes.append("company missing in: " + ",".join(agg["missing_company_ids"][:4]))
            print(f"{theme:18} {kind:4} {agg['files']:5} {agg['pages']:5} {agg['blank']:5} "
                  f"{agg['name']:5} {agg['pos'][0]:3}/{agg['pos'][1]:<3} {agg['comp'][0]:3}/{agg['comp'][1]:<3} "
                  f"{agg['dm'][0]:4}/{agg['dm'][1]:<4} {agg['yo']:6} {'; '.join(notes)}")
            agg["foreign"] = sorted(agg["foreign"])
            report[f"{theme}/{kind}"] = agg
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
