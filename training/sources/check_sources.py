"""Validate the hand-written JSON Resume (v1.0.0) training sources in this folder.

Pure standard library. Run from anywhere:

    python3 training/sources/check_sources.py

Errors (exit status 1) cover what the renderers and the field matcher rely on: file naming,
required fields, known keys only, ISO 8601 dates (YYYY, YYYY-MM or YYYY-MM-DD) before the
cut-off, start <= end, work[] ordered most recent first, fake e-mail domains and the
meta.language tag. Warnings flag style issues (highlight length, missing accents in a
non-English document) without failing. Finally prints counts per language and length class.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = {"en", "fr", "de", "es"}
CUTOFF = (2026, 11, 1)  # every date must be strictly before November 2026
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
FILE_RE = re.compile(r"^(\d{2})_[a-z0-9]+(?:_[a-z0-9]+)*\.json$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+)$")
HIGHLIGHT_WORDS = (6, 35)

# Keys allowed by JSON Resume schema v1.0.0 (plus meta.language used by this corpus).
KEYS: dict[str, set[str]] = {
    "top": {
        "$schema",
        "meta",
        "basics",
        "work",
        "volunteer",
        "education",
        "awards",
        "certificates",
        "publications",
        "skills",
        "languages",
        "interests",
        "references",
        "projects",
    },
    "meta": {"canonical", "version", "lastModified", "language"},
    "basics": {
        "name",
        "label",
        "image",
        "email",
        "phone",
        "url",
        "summary",
        "location",
        "profiles",
    },
    "location": {"address", "postalCode", "city", "countryCode", "region"},
    "profiles": {"network", "username", "url"},
    "work": {
        "name",
        "location",
        "description",
        "position",
        "url",
        "startDate",
        "endDate",
        "summary",
        "highlights",
    },
    "volunteer": {
        "organization",
        "position",
        "url",
        "startDate",
        "endDate",
        "summary",
        "highlights",
    },
    "education": {
        "institution",
        "url",
        "area",
        "studyType",
        "startDate",
        "endDate",
        "score",
        "courses",
    },
    "awards": {"title", "date", "awarder", "summary"},
    "certificates": {"name", "date", "url", "issuer"},
    "publications": {"name", "publisher", "releaseDate", "url", "summary"},
    "skills": {"name", "level", "keywords"},
    "languages": {"language", "fluency"},
    "interests": {"name", "keywords"},
    "references": {"name", "reference"},
    "projects": {
        "name",
        "description",
        "highlights",
        "keywords",
        "startDate",
        "endDate",
        "url",
        "roles",
        "entity",
        "type",
    },
}
LIST_SECTIONS = sorted(KEYS["top"] - {"$schema", "meta", "basics"})
REQUIRED = {
    "work": ("name", "position", "startDate"),
    "volunteer": ("organization", "position", "startDate"),
    "education": ("institution", "area", "studyType"),
    "skills": ("name", "keywords"),
    "languages": ("language", "fluency"),
    "projects": ("name", "description"),
    "awards": ("title", "date"),
    "certificates": ("name", "date"),
    "publications": ("name", "releaseDate"),
    "interests": ("name",),
    "profiles": ("network", "url"),
}
DATE_FIELDS = ("startDate", "endDate", "date", "releaseDate")


def parse_date(value: object) -> tuple[int, int, int] | None:
    """Return a sortable (year, month, day) tuple; month/day default to 0 when absent."""
    if not isinstance(value, str):
        return None
    m = DATE_RE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2) or 0)
    day = int(m.group(3) or 0)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return (year, month, day)


def length_class(doc: dict) -> str:
    n = len(doc.get("work", []))
    if n <= 2:
        return "short"
    if n >= 6:
        return "long"
    return "medium"


def walk_strings(value: object, path: str):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk_strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from walk_strings(v, f"{path}[{i}]")


def check_keys(obj: object, kind: str, where: str, errors: list[str]) -> None:
    if not isinstance(obj, dict):
        errors.append(f"{where}: expected an object")
        return
    unknown = set(obj) - KEYS[kind]
    if unknown:
        errors.append(f"{where}: unknown keys {sorted(unknown)}")


def check_doc(doc: dict, errors: list[str], warnings: list[str]) -> None:
    check_keys(doc, "top", "(top level)", errors)

    lang = (doc.get("meta") or {}).get("language")
    check_keys(doc.get("meta", {}), "meta", "meta", errors)
    if lang not in LANGUAGES:
        errors.append(f"meta.language {lang!r} not in {sorted(LANGUAGES)}")

    basics = doc.get("basics")
    if not isinstance(basics, dict):
        errors.append("basics missing")
        basics = {}
    check_keys(basics, "basics", "basics", errors)
    for field in ("name", "label", "email", "phone", "summary", "location"):
        if not basics.get(field):
            errors.append(f"basics.{field} missing or empty")
    m = EMAIL_RE.match(basics.get("email", ""))
    if not m or not m.group(1).endswith(EMAIL_DOMAINS):
        errors.append(f"basics.email {basics.get('email')!r} not on {EMAIL_DOMAINS}")
    loc = basics.get("location") or {}
    check_keys(loc, "location", "basics.location", errors)
    for field in ("city", "countryCode"):
        if not loc.get(field):
            errors.append(f"basics.location.{field} missing")
    cc = loc.get("countryCode", "")
    if cc and not re.fullmatch(r"[A-Z]{2}", cc):
        errors.append(f"basics.location.countryCode {cc!r} is not ISO 3166-1 alpha-2")
    for i, prof in enumerate(basics.get("profiles", [])):
        check_keys(prof, "profiles", f"basics.profiles[{i}]", errors)
        for field in REQUIRED["profiles"]:
            if not prof.get(field):
                errors.append(f"basics.profiles[{i}].{field} missing")

    if not doc.get("work"):
        errors.append("work[] is empty")
    for section in LIST_SECTIONS:
        items = doc.get(section, [])
        if not isinstance(items, list):
            errors.append(f"{section} must be a list")
            continue
        for i, item in enumerate(items):
            where = f"{section}[{i}]"
            check_keys(item, section, where, errors)
            if not isinstance(item, dict):
                continue
            for field in REQUIRED.get(section, ()):
                if not item.get(field):
                    errors.append(f"{where}.{field} missing or empty")
            dates = {}
            for field in DATE_FIELDS:
                if field in item:
                    parsed = parse_date(item[field])
                    if parsed is None:
                        errors.append(f"{where}.{field} {item[field]!r} is not an ISO date")
                    elif parsed >= CUTOFF:
                        errors.append(f"{where}.{field} {item[field]!r} is not before 2026-11")
                    else:
                        dates[field] = parsed
            if "startDate" in dates and "endDate" in dates:
                # compare at the coarser of the two precisions ("2020" vs "2020-05-15")
                prec = min(len(item["startDate"].split("-")), len(item["endDate"].split("-")))
                if dates["endDate"][:prec] < dates["startDate"][:prec]:
                    errors.append(f"{where}: endDate before startDate")
            for key in ("highlights", "keywords", "courses"):
                if key in item and not isinstance(item[key], list):
                    errors.append(f"{where}.{key} must be a list")
            for j, text in enumerate(item.get("highlights", []) or []):
                words = len(text.split())
                lo, hi = HIGHLIGHT_WORDS
                if not lo <= words <= hi:
                    warnings.append(f"{where}.highlights[{j}] has {words} words")

    starts = [parse_date(w.get("startDate")) for w in doc.get("work", [])]
    for i in range(1, len(starts)):
        if starts[i - 1] and starts[i] and starts[i] > starts[i - 1]:
            errors.append(f"work[{i}] starts after work[{i - 1}]: not most recent first")

    for path, text in walk_strings(doc, "$"):
        if text != text.strip() or "  " in text:
            errors.append(f"{path}: stray whitespace in {text!r}")
        if not text and not path.endswith(".keywords"):
            errors.append(f"{path}: empty string")
    if lang in {"fr", "de", "es"}:
        body = json.dumps(doc, ensure_ascii=False)
        if body.isascii():
            warnings.append(f"language {lang} but no accented character anywhere")


def main() -> int:
    files = sorted(HERE.glob("*.json"))
    total_errors = 0
    by_lang: Counter[str] = Counter()
    by_length: Counter[str] = Counter()
    by_both: Counter[tuple[str, str]] = Counter()
    features: Counter[str] = Counter()
    numbers: Counter[str] = Counter()
    for path in files:
        errors: list[str] = []
        warnings: list[str] = []
        m = FILE_RE.match(path.name)
        if not m:
            errors.append("file name must look like NN_short_slug.json")
        else:
            numbers[m.group(1)] += 1
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            errors.append(f"cannot load: {exc}")
            doc = None
        if isinstance(doc, dict):
            check_doc(doc, errors, warnings)
            lang = (doc.get("meta") or {}).get("language", "?")
            size = length_class(doc)
            by_lang[lang] += 1
            by_length[size] += 1
            by_both[(lang, size)] += 1
            names = [w.get("name") for w in doc.get("work", [])]
            if len(names) != len(set(names)):
                features["several roles at one employer"] += 1
            for section in ("volunteer", "projects", "awards", "certificates", "interests"):
                if doc.get(section):
                    features[f"has {section}"] += 1
        elif doc is not None:
            errors.append("top level must be an object")
        for message in errors:
            print(f"ERROR   {path.name}: {message}")
        for message in warnings:
            print(f"warning {path.name}: {message}")
        total_errors += len(errors)
    for number, count in sorted(numbers.items()):
        if count > 1:
            print(f"ERROR   number prefix {number} used by {count} files")
            total_errors += 1

    print(f"\n{len(files)} files, {total_errors} errors")
    print("per language:     " + ", ".join(f"{k}={v}" for k, v in sorted(by_lang.items())))
    sizes = ("short", "medium", "long")
    print("per length class: " + ", ".join(f"{k}={by_length[k]}" for k in sizes))
    print("  (short: <=2 work entries, medium: 3-5, long: >=6)")
    for lang in sorted(by_lang):
        row = ", ".join(f"{k}={by_both[(lang, k)]}" for k in sizes)
        print(f"  {lang}: {row}")
    print("features:         " + ", ".join(f"{k}={v}" for k, v in sorted(features.items())))
    return 1 if total_errors or not files else 0


if __name__ == "__main__":
    sys.exit(main())
