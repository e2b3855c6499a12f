"""Command line: `python -m triage parse|score|batch|requisition|accuracy|bench ...` (see --help).

Bad input is reported as one plain sentence on stderr with exit code 3, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from triage.errors import ReadError
from triage.requisition import ConfigError
from triage.structure import DEFAULT_PARSER, PARSERS

EXIT_BAD_INPUT = 3
EXIT_BAD_CONFIG = 2


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
    from triage import explain_parse, label_pages, parse

    if args.explain:
        print("\n".join(explain_parse(Path(args.file))))
        return 0
    if args.overlay:
        for number, png in enumerate(label_pages(Path(args.file)), start=1):
            out = Path(f"{args.overlay}-{number}.png")
            out.write_bytes(png)
            print(out)
        return 0
    resume = parse(Path(args.file), parser=args.parser)
    if args.json:
        print(json.dumps(resume.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_resume(resume)
    return 0


def _print_triage(result) -> None:
    data = result.to_dict()
    print(f"Verdict: {data['verdict'].upper()}  (score {data['score']:.2f}, "
          f"{data['budget_s']:g} s skim, seed {data['seed']}, {data['requisition']})")
    for reason in data["reasons"]:
        print(f"  {reason}")
    print("\nKnockouts:")
    for k in data["knockouts"]:
        print(f"  [{k['status']}] {k['question']} — {k['evidence']}")
    if data["missed"]:
        print("\nStrong evidence the recruiter did not reach in time:")
        for item in data["missed"][:5]:
            print(f"  {item['message']} (noticed by {item['p_noticed']:.0%})")
    shown = min(data['top_fixes'], len(data['fixes']))
    print(f"\nFixes, worth most first ({shown} of {len(data['fixes'])}):")
    for item in data["fixes"][: data["top_fixes"]]:
        print(f"  - {item['message']} (+{item['gain']:.2f})\n    fix: {item['fix']}")


def _score(args: argparse.Namespace) -> int:
    from triage import score

    result = score(Path(args.file), requisition=args.requisition, profile=args.profile,
                   answers=args.answers, budget=args.budget, seed=args.seed, as_of=args.as_of)
    if args.report:
        from triage.render import render_pages
        from triage.report_files import readable_report

        out = Path(args.report)
        data = Path(args.file).read_bytes()
        out.write_bytes(readable_report(result, render_pages(data, result.resume.document),
                                        Path(args.file).name, out.suffix.lower().lstrip(".")))
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_triage(result)
    return 0


def _accuracy(args: argparse.Namespace) -> int:
    from triage.evaluate import DEFAULT_CORPUS, evaluate, table

    scores = evaluate(Path(args.corpus) if args.corpus else DEFAULT_CORPUS, args.parser)
    print(table(scores))
    if args.verbose:
        for score in scores:
            for miss in score.misses:
                print(f"{score.pdf}: {miss}")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from triage.bench import DEFAULT_FILE, report

    print(report([Path(f) for f in args.files] or [DEFAULT_FILE], args.repeat))
    return 0


def _batch(args: argparse.Namespace) -> int:
    from triage.batch import Settings, make_engine, progress_bar, run, worker_count

    settings = Settings(requisition=args.requisition, profile=args.profile, budget=args.budget,
                        seed=args.seed, as_of=args.as_of)
    workers = worker_count(args.workers)
    table = run(args.inputs, Path(args.out), settings, workers,
                progress=progress_bar if sys.stderr.isatty() else None,
                engine=make_engine(args.engine, workers, args.scheduler))
    errors = int((table["error"] != "").sum())
    counts = table.loc[table["error"] == "", "verdict"].value_counts().to_dict()
    print(f"{len(table)} files -> {args.out}: " + ", ".join(
        f"{counts.get(v, 0)} {v}" for v in ("yes", "maybe", "no")) + f", {errors} errors")
    return 0


def _requisition(args: argparse.Namespace) -> int:
    from triage.job_ad import ad_text, read_job_ad
    from triage.requisition import requisition_to_toml

    path = Path(args.file)
    reading = read_job_ad(ad_text(path.read_bytes(), path.name))
    if args.explain:
        for item in reading.evidence:
            print(f"{item.field:<13} {item.value:<40} <- {item.sentence[:90]}")
    else:
        print(requisition_to_toml(reading.requisition), end="")
    return 0


def _report_path(value: str) -> str:
    if Path(value).suffix.lower() not in (".pdf", ".html"):
        raise argparse.ArgumentTypeError("the report file must end in .pdf or .html")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m triage", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("parse", help="print the structure read from a resume file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--parser", choices=tuple(PARSERS), default=DEFAULT_PARSER,
                   help="auto (default): both parsers, keeping the rules' reading where the two "
                   "agree on the roles; learned: the line labeller alone; rules: the rules alone")
    p.add_argument("--explain", action="store_true",
                   help="each piece's label, confidence and strongest features")
    p.add_argument("--overlay", metavar="PREFIX",
                   help="write PREFIX-N.png: page N with every labelled piece outlined")
    p.set_defaults(run=_parse)
    s = commands.add_parser("score", help="simulate the recruiter's skim and give a verdict")
    s.add_argument("file")
    s.add_argument("--requisition", help="requisition TOML (or a shipped name: mlops, nurse, "
                   "designer); default mlops")
    s.add_argument("--profile", help="screener profile TOML; default: built-in defaults")
    s.add_argument("--answers", help="applicant's knockout answers TOML")
    s.add_argument("--budget", type=float, help="seconds of skim (default 6.0; try 7.4 or 30)")
    s.add_argument("--seed", type=int, help="random seed of the simulated recruiters")
    s.add_argument("--as-of", help="YYYY-MM that 'present' means (default: this month)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.add_argument("--report", metavar="OUT.pdf|OUT.html", type=_report_path,
                   help="also write the readable report, with the heatmap of each page")
    s.set_defaults(run=_score)
    a = commands.add_parser("accuracy", help="per-field parser accuracy on a corpus with truth")
    a.add_argument("corpus", nargs="?", help="folder with PDFs and truth.json")
    a.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    a.add_argument("--parser", choices=tuple(PARSERS), default=DEFAULT_PARSER)
    a.set_defaults(run=_accuracy)
    r = commands.add_parser("requisition", help="read a job ad (TXT, PDF, DOCX) into a "
                            "requisition TOML, printed on stdout")
    r.add_argument("file")
    r.add_argument("--explain", action="store_true",
                   help="each value read and the sentence it came from, instead of the TOML")
    r.set_defaults(run=_requisition)
    t = commands.add_parser("batch", help="score a round: folders, globs and zips into one "
                            "table (.csv, .jsonl or .parquet), one row per file")
    t.add_argument("inputs", nargs="+", help="files, folders, globs or zip files")
    t.add_argument("--out", required=True, help="results file: .csv, .jsonl or .parquet")
    t.add_argument("--requisition", help="requisition TOML (or a shipped name)")
    t.add_argument("--profile", help="screener profile TOML; default: built-in defaults")
    t.add_argument("--budget", type=float, help="seconds of skim (default 6.0)")
    t.add_argument("--seed", type=int, help="random seed of the simulated recruiters")
    t.add_argument("--as-of", help="YYYY-MM that 'present' means (default: this month)")
    t.add_argument("--workers", type=int, help="worker processes (default: one per core); "
                   "with --engine dask, of the local cluster it starts")
    t.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local (default): worker processes on this machine; dask: the same "
                   "scoring on a Dask cluster (a local one unless --scheduler is given)")
    t.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler, such as "
                   "tcp://host:8786, for --engine dask (default: $SKIM_DASK_SCHEDULER)")
    t.set_defaults(run=_batch)

    b = commands.add_parser("bench", help="time each stage against pdfminer's layout pass")
    b.add_argument("files", nargs="*", help="files to time (default: the two-page sample)")
    b.add_argument("--repeat", type=int, default=7)
    b.set_defaults(run=_bench)
    return parser


def _explain(exc: Exception) -> tuple[str, int]:
    """One sentence and an exit code for an error the user caused (bad file, config or path)."""
    if isinstance(exc, ReadError):
        return exc.message, EXIT_BAD_INPUT
    if isinstance(exc, ConfigError):
        return str(exc), EXIT_BAD_CONFIG
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename}", EXIT_BAD_INPUT
    if isinstance(exc, PermissionError):
        return f"not allowed to open {exc.filename}", EXIT_BAD_INPUT
    return f"{getattr(exc, 'filename', '')} is a folder, not a file", EXIT_BAD_INPUT


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ReadError, ConfigError, FileNotFoundError, IsADirectoryError, PermissionError
            ) as exc:
        message, code = _explain(exc)
        print(f"error: {message}", file=sys.stderr)
        return code
