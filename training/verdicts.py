"""How far the verdict agrees with careful human labels, at 6 s and after a careful read.

    python -m training.verdicts [--split dev|held|all] [--show-mismatches] [--stats] [--out FILE]

`verdict_set/resumes/` holds 48 JSON Resume files written for three jobs (22 MLOps, 13 nurse
manager, 13 product designer) by writers who never saw this code; `labels_a.csv` and
`labels_b.csv` are two reviewers' labels (yes / maybe / no at a 6-second skim and after a
careful read), made before either saw any output of the model. The odd-numbered files of each
job are the development split (the one looked at while tuning), the even-numbered ones are held
out. Agreement is quadratic-weighted Cohen's kappa, the measure recruiter studies use.
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass
from pathlib import Path

from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score, confusion_matrix

from triage import score
from triage.verdict import Verdict

HERE = Path(__file__).resolve().parent / "verdict_set"
JOBS = {"A": "mlops", "B": "nurse", "C": "designer"}
BUDGETS = {"six_s": 6.0, "careful": 30.0}
LABELS = ("no", "maybe", "yes")
AS_OF = "2026-11"


@dataclass(frozen=True)
class Row:
    file: str
    job: str
    human: dict[str, dict[str, str]]  # labeller -> budget key -> label

    @property
    def split(self) -> str:
        number = int(re.search(r"(\d+)", self.file).group(1))
        return "dev" if number % 2 else "held"


def read_rows() -> list[Row]:
    by_labeller = {}
    for path in sorted(HERE.glob("labels_*.csv")):
        with path.open(encoding="utf-8") as handle:
            by_labeller[path.stem.removeprefix("labels_")] = {
                r["file"]: r for r in csv.DictReader(handle)}
    files = sorted(set.intersection(*(set(v) for v in by_labeller.values())))
    return [Row(f, JOBS[next(iter(by_labeller.values()))[f]["job"]],
                {who: {k: rows[f][k].strip().lower() for k in BUDGETS}
                 for who, rows in by_labeller.items()}) for f in files]


def model_labels(rows: list[Row]) -> dict[tuple[str, str], Verdict]:
    """(file, budget key) -> the product's own verdict (`score`), scored once for every report."""
    return {(row.file, key): score(HERE / "resumes" / row.file, requisition=row.job,
                                   budget=budget, as_of=AS_OF).verdict
            for row in rows for key, budget in BUDGETS.items()}


def kappa(a: list[str], b: list[str]) -> float:
    x = [LABELS.index(v) for v in a]
    y = [LABELS.index(v) for v in b]
    if len(set(x) | set(y)) < 2:
        return float("nan")
    return float(cohen_kappa_score(x, y, weights="quadratic", labels=[0, 1, 2]))


def report(rows: list[Row], model: dict, split: str) -> list[str]:
    chosen = [r for r in rows if split == "all" or r.split == split]
    labellers = sorted(chosen[0].human)
    lines = [f"### {split} ({len(chosen)} resumes)", "",
             "| budget | " + " | ".join(f"model vs {w}: κ (agree)" for w in labellers)
             + " | " + " vs ".join(labellers) + ": κ |",
             "| --- |" + " --- |" * (len(labellers) + 1)]
    for key in BUDGETS:
        ours = [model[r.file, key].label for r in chosen]
        cells = []
        for who in labellers:
            theirs = [r.human[who][key] for r in chosen]
            agree = sum(a == b for a, b in zip(ours, theirs, strict=True)) / len(chosen)
            cells.append(f"{kappa(ours, theirs):.2f} ({agree:.0%})")
        human = [[r.human[w][key] for r in chosen] for w in labellers]
        between = kappa(human[0], human[1]) if len(human) > 1 else float("nan")
        lines.append(f"| {key} | " + " | ".join(cells) + f" | {between:.2f} |")
    lines.append("")
    for key in BUDGETS:
        theirs = [chosen_row.human[labellers[0]][key] for chosen_row in chosen]
        ours = [model[r.file, key].label for r in chosen]
        matrix = confusion_matrix(theirs, ours, labels=list(LABELS))
        lines.append(f"{key}: rows = labeller {labellers[0]} (no/maybe/yes), "
                     f"columns = model: {matrix.tolist()}")
    return lines + [""]


def score_stats(rows: list[Row], model: dict[tuple[str, str], Verdict]) -> list[str]:
    """Per budget: how the three bands are used, the share of positive weight from the job's own
    words (language alignment), and how closely the score follows the count of positives."""
    lines = []
    for key in BUDGETS:
        scores, positives, bands = [], [], dict.fromkeys(LABELS, 0)
        words = total = 0.0
        for row in rows:
            verdict = model[row.file, key]
            gains = [s for s in verdict.scored if s.contribution > 0]
            scores.append(verdict.score)
            positives.append(len(gains))
            bands[verdict.label] += 1
            total += sum(s.contribution for s in gains)
            words += sum(s.contribution for s in gains if s.finding.signal == "language_alignment")
        rho = spearmanr(scores, positives).statistic
        lines.append(f"{key}: bands {bands}; language alignment {words / total:.0%} of positive "
                     f"weight; Spearman(score, positive findings) {rho:.2f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held", "all"), default=None)
    parser.add_argument("--show-mismatches", action="store_true",
                        help="list the development split's disagreements (never the held-out)")
    parser.add_argument("--stats", action="store_true",
                        help="also print band use, keyword share and score vs positives")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    rows = read_rows()
    model = model_labels(rows)
    lines = []
    for split in ([args.split] if args.split else ["dev", "held", "all"]):
        lines += report(rows, model, split)
    if args.show_mismatches:
        for row in rows:
            if row.split != "dev":
                continue
            for key in BUDGETS:
                verdict = model[row.file, key]
                human = row.human[min(row.human)][key]
                if verdict.label != human:
                    lines.append(f"{row.file} {key}: human {human}, model {verdict.label} "
                                 f"({verdict.score:.2f})")
                    lines += [f"    {r}" for r in verdict.reasons[:4]]
    if args.stats:
        lines += score_stats(rows, model)
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
