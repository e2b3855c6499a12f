"""Command line: `python -m triage parse FILE [--json]`, `python -m triage accuracy [DIR]`.

Bad input is reported as one plain sentence on stderr with exit code 3, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from triage.errors import ReadError

EXIT_BAD_INPUT = 3


def _print_resume(resume) -> None:
    c = resume.contact
    print(f"{c.name or '(no name found)'}")
    for label, value in (("email", c.email), ("phone", c.phone), ("location", c.location)):
        if value:
            print(f"  {label}: {value}")
    if resume.headline:
        print(f"  headline: {resume.headline.text}")
    print(f"\nRoles ({len(resume.roles)}):")
    for role in resume.roles:
        when = f"{role.start or '?'} - {role.end or '?'}"
        print(f"  {role.title or '?'} | {role.company or '?'} | {role.location or ''} | {when}")
        for bullet in role.bullets[:3]:
            print(f"      - {bullet[:100]}")
    print(f"\nEducation ({len(resume.education)}):")
    for item in resume.education:
        print(f"  {item.degree or '?'} | {item.institution or '?'} | {item.end or ''}")
    if resume.skills:
        print(f"\nSkills: {', '.join(resume.skills[:30])}")
    print(f"\nPages: {resume.pages}")
    for warning in resume.warnings:
        print(f"warning: {warning}")


def _parse(args: argparse.Namespace) -> int:
    from triage import parse

    resume = parse(Path(args.file))
    if args.json:
        print(json.dumps(resume.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_resume(resume)
    return 0


def _accuracy(args: argparse.Namespace) -> int:
    from triage.evaluate import DEFAULT_CORPUS, evaluate, table

    scores = evaluate(Path(args.corpus) if args.corpus else DEFAULT_CORPUS)
    print(table(scores))
    if args.verbose:
        for score in scores:
            for miss in score.misses:
                print(f"{score.pdf}: {miss}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m triage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("parse", help="print the structure read from a resume file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=_parse)
    a = commands.add_parser("accuracy", help="per-field parser accuracy on a corpus with truth")
    a.add_argument("corpus", nargs="?", help="folder with PDFs and truth.json")
    a.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    a.set_defaults(run=_accuracy)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except ReadError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except FileNotFoundError as exc:
        print(f"error: no such file: {exc.filename}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except IsADirectoryError as exc:
        print(f"error: {exc.filename} is a folder, not a file", file=sys.stderr)
        return EXIT_BAD_INPUT
