"""How well job ads are read into requisitions, against truth written by hand.

    python -m training.job_ads [--set dev|held_out] [--verbose]

Each ad under `training/job_ads/SET/` is `NAME.txt` with `NAME.truth.toml` beside it (title,
seniority, must_have, nice_to_have, knockouts). The `dev` ads are the ones the extractor was
tuned on; the `held_out` ads were written by someone else and never read while tuning, so their
figures are the honest ones. Terms are matched one to one: the same words give or take a few
letters (fuzzy ratio), or one's words inside the other's with at least half of them shared.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from triage.job_ad import read_job_ad
from triage.requisition import Knockout
from triage.work_rights import accepted_countries

ADS = Path(__file__).with_name("job_ads")
SAME_TERM_RATIO = 85  # rapidfuzz ratio at which two spellings are one term
SAME_TITLE_RATIO = 90
MIN_SHARED_WORDS = 0.5  # share of the longer term's words the shorter one must hold


def _words(text: str) -> list[str]:
    return "".join(c if c.isalnum() or c in "+#" else " " for c in text.casefold()).split()


def same_term(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if fuzz.ratio(" ".join(wa), " ".join(wb)) >= SAME_TERM_RATIO:
        return True
    short, long_ = sorted((wa, wb), key=len)
    return set(short) <= set(long_) and len(short) >= MIN_SHARED_WORDS * len(long_)


def matched(got: list[str], want: list[str]) -> int:
    """Pairs of got and wanted terms that are the same term, each used once."""
    free = list(want)
    count = 0
    for term in got:
        hit = next((w for w in free if same_term(term, w)), None)
        if hit is not None:
            free.remove(hit)
            count += 1
    return count


def core_title(title: str) -> str:
    """A title without what is not its name: brackets ("(Nights)", "(m/w/d)") and gender
    markers ("H/F")."""
    words = re.sub(r"\([^)]*\)", " ", title).split()
    return " ".join(w for w in words if not re.fullmatch(r"[a-z](?:/[a-z])+", w, re.I)).casefold()


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def same_knockout(got: Knockout, want: dict) -> bool:
    if got.kind != want["kind"]:
        return False
    required, wanted = got.required, want["required"]
    if got.kind in ("min_years",):
        return float(required) == float(wanted)  # type: ignore[arg-type]
    if got.kind in ("degree", "language"):
        return str(required).casefold() == str(wanted).casefold()
    if got.kind == "certification":
        return any(same_term(str(required), w) or str(w).casefold() in str(required).casefold()
                   for w in _as_list(wanted))
    ours, theirs = _as_list(required), _as_list(wanted)
    if got.kind == "location":
        folded = {p.casefold() for p in ours}
        return any(p.casefold() in folded for p in theirs)
    return bool(accepted_countries(tuple(ours)) & accepted_countries(tuple(theirs)))


@dataclass
class Tally:
    ads: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: int) -> None:
        self.counts[key] = self.counts.get(key, 0) + value

    def ratio(self, hit: str, total: str) -> float:
        return self.counts.get(hit, 0) / max(self.counts.get(total, 0), 1)


def score_ad(text: str, truth: dict, tally: Tally, verbose: bool = False, name: str = "") -> None:
    req = read_job_ad(text).requisition
    tally.ads += 1
    for key in ("must_have", "nice_to_have"):
        got = [t.name for t in getattr(req, key)]
        want = list(truth.get(key, []))
        hits = matched(got, want)
        tally.add(f"{key}_hit", hits)
        tally.add(f"{key}_got", len(got))
        tally.add(f"{key}_want", len(want))
        if verbose:
            print(f"{name} {key}: {hits}/{len(want)} right, {len(got)} found\n  got  {got}\n"
                  f"  want {want}")
    wanted = truth.get("knockouts", [])
    found = sum(1 for w in wanted if any(same_knockout(k, w) for k in req.knockouts))
    right = sum(1 for k in req.knockouts if any(same_knockout(k, w) for w in wanted))
    tally.add("knockout_hit", found)
    tally.add("knockout_want", len(wanted))
    tally.add("knockout_right", right)
    tally.add("knockout_got", len(req.knockouts))
    tally.add("title", int(fuzz.ratio(core_title(req.title), core_title(str(truth["title"])))
                           >= SAME_TITLE_RATIO))
    tally.add("seniority", int(req.seniority == truth.get("seniority")))
    if verbose:
        print(f"{name} title {req.title!r} want {truth['title']!r}; seniority {req.seniority} "
              f"want {truth.get('seniority')}\n  knockouts got "
              f"{[(k.kind, k.required) for k in req.knockouts]}\n  want "
              f"{[(w['kind'], w['required']) for w in wanted]}")


def evaluate(folder: Path, verbose: bool = False) -> Tally:
    tally = Tally()
    for ad in sorted(folder.glob("*.txt")):
        truth = tomllib.loads(ad.with_suffix(".truth.toml").read_text(encoding="utf-8"))
        score_ad(ad.read_text(encoding="utf-8"), truth, tally, verbose, ad.stem)
    return tally


def report(name: str, tally: Tally) -> str:
    def pr(key: str) -> str:
        return (f"{tally.ratio(f'{key}_hit', f'{key}_got'):.2f} | "
                f"{tally.ratio(f'{key}_hit', f'{key}_want'):.2f}")

    return (f"| {name} | {tally.ads} | {pr('must_have')} | {pr('nice_to_have')} | "
            f"{tally.ratio('knockout_hit', 'knockout_want'):.2f} | "
            f"{tally.ratio('knockout_right', 'knockout_got'):.2f} | "
            f"{tally.counts.get('title', 0)}/{tally.ads} | "
            f"{tally.counts.get('seniority', 0)}/{tally.ads} |")


HEADER = ("| set | ads | must-have precision | must-have recall | nice precision | nice recall "
          "| knockout recall | knockout precision | title | seniority |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", choices=("dev", "held_out"),
                        help="which ads (default: both)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    rows = [HEADER]
    for name in args.set or ("dev", "held_out"):
        folder = ADS / name
        if folder.is_dir():
            rows.append(report(name, evaluate(folder, args.verbose)))
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
