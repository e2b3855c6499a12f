"""Plain-text, Markdown and JSON Resume renderings of the training sources.

    python training/render/text_render.py [--sources training/sources] [--out training/renders]

People paste resumes as text and upload JSON Resume files; the product reads those through
synthetic page layouts, so the labeller needs examples of them too. Three text styles, chosen per
document by a seeded draw, plus the JSON source itself:
    text-markdown   '# Name', '## Experience', '### Title, Company', '- bullet'
    text-plain      upper-case headings, 'Title | Company | City' then a date line, '•' bullets
    text-compact    'Company — Title (Jan 2019 – Present)' one-line headers, '*' bullets
    json-source     the JSON Resume file, unchanged
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEADINGS = {
    "en": {"work": ["Experience", "Work History", "Professional Experience", "Employment"],
           "volunteer": ["Volunteering", "Volunteer Experience"],
           "education": ["Education", "Academic Background"], "skills": ["Skills", "Core Skills"],
           "summary": ["Summary", "Profile", "About"], "languages": ["Languages"]},
    "fr": {"work": ["Expérience professionnelle", "Expériences"], "volunteer": ["Bénévolat"],
           "education": ["Formation", "Éducation"], "skills": ["Compétences"],
           "summary": ["Profil", "Résumé"], "languages": ["Langues"]},
    "de": {"work": ["Berufserfahrung", "Beruflicher Werdegang"], "volunteer": ["Ehrenamt"],
           "education": ["Ausbildung", "Bildung"], "skills": ["Kenntnisse", "Fähigkeiten"],
           "summary": ["Profil", "Zusammenfassung"], "languages": ["Sprachen"]},
    "es": {"work": ["Experiencia laboral", "Experiencia"], "volunteer": ["Voluntariado"],
           "education": ["Formación", "Educación"], "skills": ["Habilidades", "Competencias"],
           "summary": ["Perfil"], "languages": ["Idiomas"]},
}
MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
    "es": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."],
}
PRESENT = {"en": "Present", "fr": "aujourd'hui", "de": "heute", "es": "actualidad"}


def _date(value: str | None, lang: str, style: str) -> str:
    if not value:
        return PRESENT[lang]
    year, _, rest = value.partition("-")
    if not rest:
        return year
    month = int(rest[:2])
    return f"{month:02d}/{year}" if style == "numeric" else f"{MONTHS[lang][month - 1]} {year}"


def _range(entry: dict, lang: str, style: str) -> str:
    return f"{_date(entry.get('startDate'), lang, style)} – {_date(entry.get('endDate'), lang, style)}"


def _entries(source: dict, key: str) -> list[dict]:
    out = []
    for entry in source.get(key) or []:
        org = entry.get("name") or entry.get("organization") or ""
        out.append({**entry, "org": org})
    return out


def render(source: dict, style: str, rng: random.Random) -> str:
    lang = (source.get("meta") or {}).get("language", "en")
    words = HEADINGS.get(lang, HEADINGS["en"])
    date_style = rng.choice(["numeric", "words"])
    basics = source.get("basics") or {}
    where = basics.get("location") or {}
    place = ", ".join(v for v in (where.get("city"), where.get("region")) if v)
    contact = [v for v in (basics.get("email"), basics.get("phone"), place, basics.get("url"))
               if v]
    md = style == "text-markdown"
    lines = [f"# {basics.get('name', '')}" if md else basics.get("name", "")]
    if basics.get("label"):
        lines.append(basics["label"])
    lines.append(" | ".join(contact))
    lines.append("")

    def heading(kind: str) -> None:
        title = rng.choice(words[kind])
        lines.extend(["", f"## {title}" if md else title.upper(), ""])

    if basics.get("summary"):
        heading("summary")
        lines.append(basics["summary"])
    for key in ("work", "volunteer"):
        entries = _entries(source, key)
        if not entries:
            continue
        heading(key)
        for entry in entries:
            title, org = entry.get("position", ""), entry["org"]
            dates = _range(entry, lang, date_style)
            if md:
                lines.append(f"### {title}, {org}")
                lines.append(f"{dates} · {entry.get('location', '')}".rstrip(" ·"))
            elif style == "text-plain":
                lines.append(" | ".join(v for v in (title, org, entry.get("location")) if v))
                lines.append(dates)
            else:
                lines.append(f"{org} — {title} ({dates})")
            if entry.get("summary"):
                lines.append(entry["summary"])
            bullet = {"text-markdown": "-", "text-plain": "•", "text-compact": "*"}[style]
            lines.extend(f"{bullet} {h}" for h in entry.get("highlights") or [])
            lines.append("")
    if source.get("education"):
        heading("education")
        for entry in source["education"]:
            degree = " ".join(v for v in (entry.get("studyType"), entry.get("area")) if v)
            lines.append(f"{degree}, {entry.get('institution', '')}")
            lines.append(_range(entry, lang, date_style) if entry.get("endDate") else "")
    if source.get("skills"):
        heading("skills")
        for skill in source["skills"]:
            keywords = ", ".join(skill.get("keywords") or [])
            lines.append(f"{skill.get('name', '')}: {keywords}" if keywords else skill["name"])
    if source.get("languages"):
        heading("languages")
        lines.append(", ".join(f"{x.get('language')} ({x.get('fluency')})"
                               for x in source["languages"]))
    return "\n".join(lines).strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "training" / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "training" / "renders")
    args = parser.parse_args(argv)
    count = 0
    for path in sorted(args.sources.glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))
        for style, suffix in (("text-markdown", ".md"), ("text-plain", ".txt"),
                              ("text-compact", ".txt")):
            out = args.out / style / f"{path.stem}{suffix}"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(render(source, style, random.Random(f"{path.stem}/{style}")),
                           encoding="utf-8")
            count += 1
        target = args.out / "json-source" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        count += 1
    print(f"wrote {count} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
