"""Leave-renderers-out evaluation of the parser on the labelled renderings.

    python -m training.loro [--parsers learned,auto,rules,oracle] [--folds 10] [--renderers a,b]
                            [--confusion] [--out training/LORO.md]

Renderers are first grouped with their siblings (an HTML theme's PDF and its pandoc DOCX; the
styles of one LaTeX class; the built-in samples in four formats), and the groups dealt into folds.
For each fold: train the labeller on every other fold, parse the held-out renderers' documents
with it, and compare the roles with the JSON Resume source (work and volunteer entries:
title, organisation, start, end). A printed year matches a source month in that year (a renderer
that prints years only cannot show months), and a source year any month of it. Each fold's
model is trained once and every parser asked for is scored with it: `learned` (the labeller
alone), `auto` (the default, `auto_structure`: both parsers, one reading kept), `rules`
(hand-written, learns nothing) and `oracle` (the truth labels in place of a model: the grouping
into entries on its own).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from training.dataset import DATASET, SAMPLES, SOURCES
from training.train import Example, data_hash, examples, fit, read_dataset, save_model
from triage.evaluate import ROLE_FIELDS
from triage.structure import Resume, auto_structure, learned_structure, structure
from triage.structure.labeller import LABELS, load_model
from triage.structure.lines import reading_lines
from triage.structure.pieces import split_pieces

FIELDS = ROLE_FIELDS


def _fold(value: object) -> str:
    """Case, spacing and typographic apostrophes do not make a field wrong (LaTeX prints ’)."""
    return " ".join(str(value).replace("’", "'").split()).casefold() if value else ""


def _month(value: str | None) -> str:
    return value[:7] if value else ""


PRINTED_PREFIX = 12  # characters of a title or organisation that show its entry was printed
PRINTED_WORDS = 3  # ... or its first words, each found on the page


def _on_page(field: str, printed: str) -> bool:
    """The field's start is on the page, or its first words are: a wrap may put other text
    (dates, the next column's line) between them."""
    words = set(printed.split())
    return field[:PRINTED_PREFIX] in printed or all(
        word in words for word in field.split()[:PRINTED_WORDS])


def truth_roles(source: dict, printed: str | None = None) -> list[dict[str, str]]:
    """The source's work and volunteer entries. Given the document's text (`printed`), a group
    the renderer does not print at all (several HTML themes have no volunteer section) is left
    out: no parser can read a role the page does not show. A group with any entry whose title
    and organisation are both on the page counts whole, so a garbled or missed entry still
    counts against the parser (a word of a title found in a summary shows no entry)."""
    out = []
    for group, org_key in (("work", "name"), ("volunteer", "organization")):
        entries = [{"title": _fold(entry.get("position")),
                    "company": _fold(entry.get(org_key)),
                    "start": _month(entry.get("startDate")),
                    "end": _month(entry.get("endDate")) or "present"}
                   for entry in source.get(group) or []]
        shown = printed is None or any(
            all(_on_page(role[key], printed) for key in ("title", "company") if role[key])
            for role in entries)
        out.extend(entries if shown else [])
    return out


def printed_text(resume: Resume) -> str:
    """All the document's text, folded like the fields it is compared with."""
    return _fold(" ".join(span.text for line in resume.document.lines for span in line.spans))


def _same(field: str, got: str, want: str) -> bool:
    """Dates match to the precision both sides have: a renderer that prints years only cannot
    show months, and one given a bare year ("2009") may print a month it made up ("Jan 2009")."""
    if field in ("start", "end") and (len(got) == 4 or len(want) == 4) and got[:4] == want[:4]:
        return True
    return got == want


@dataclass
class DocScore:
    renderer: str
    source: str
    roles: int
    parsed: int
    fields_right: int
    roles_right: int
    name_ok: bool
    email_ok: bool
    spurious: int
    # (truth label, model label) -> pieces, and a few texts per confused pair (learned mode)
    confusion: Counter | None = None
    confused_texts: dict | None = None


def score(resume: Resume, source: dict, renderer: str, source_id: str) -> DocScore:
    want = truth_roles(source, printed_text(resume))
    got = [{"title": _fold(r.title), "company": _fold(r.company), "start": r.start or "",
            "end": r.end or ""} for r in resume.roles]
    used: set[int] = set()
    fields_right = roles_right = 0
    for truth in want:
        best, best_hits = None, 0
        for index, role in enumerate(got):
            if index in used:
                continue
            hits = sum(_same(f, role[f], truth[f]) for f in FIELDS)
            if hits > best_hits:
                best, best_hits = index, hits
        if best is not None and best_hits >= 2:
            used.add(best)
            fields_right += best_hits
            roles_right += best_hits == len(FIELDS)
    basics = source.get("basics") or {}
    return DocScore(renderer, source_id, len(want), len(got), fields_right, roles_right,
                    _fold(resume.contact.name) == _fold(basics.get("name")),
                    _fold(resume.contact.email) == _fold(basics.get("email")),
                    len(got) - len(used))


class _Oracle:
    """Stands in for a model: returns the truth labels it was given."""

    def __init__(self, labels: np.ndarray) -> None:
        self.labels = labels

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        return [LABELS[i] for i in self.labels], np.eye(len(LABELS))[self.labels]


class _Recording:
    """Wraps a model and keeps the labels it gave, to compare them with the truth."""

    def __init__(self, model: object) -> None:
        self.model = model
        self.labels: list[str] = []

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        self.labels, proba = self.model.label(features, styles)
        return self.labels, proba


CONFUSED_TEXTS_KEPT = 3


def _confusion(item: Example, predicted: list[str]) -> tuple[Counter, dict]:
    pieces = split_pieces(item.doc, reading_lines(item.doc))
    pairs: Counter = Counter()
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for piece, want, got in zip(pieces, item.labels, predicted, strict=True):
        key = (LABELS[want], got)
        pairs[key] += 1
        if key[0] != key[1] and len(texts[key]) < CONFUSED_TEXTS_KEPT:
            texts[key].append(piece.text[:60])
    return pairs, dict(texts)


def _source(source_id: str) -> dict:
    return json.loads((SOURCES / f"{source_id}.json").read_text(encoding="utf-8"))


def _samples_source(source_id: str) -> dict:
    return json.loads((SAMPLES / "sources" / f"{source_id}.json").read_text(encoding="utf-8"))


def _load_source(item: Example) -> dict:
    return _samples_source(item.source) if item.renderer.startswith("samples-") else _source(
        item.source)


def family(renderer: str) -> str:
    """Renderers that share a template are held out together."""
    if renderer.startswith("pandoc-html-"):
        return "html-" + renderer.removeprefix("pandoc-html-")
    for prefix in ("samples-", "latex-moderncv-", "pandoc-md-"):
        if renderer.startswith(prefix):
            return prefix.rstrip("-")
    return renderer


def folds(renderers: list[str], count: int) -> list[list[str]]:
    families = sorted({family(r) for r in renderers})
    dealt: list[list[str]] = [[] for _ in range(min(count, len(families)))]
    for index, name in enumerate(families):
        dealt[index % len(dealt)].extend(r for r in renderers if family(r) == name)
    return dealt


PARSERS = ("learned", "auto", "rules", "oracle")


def fold_model(items: list[Example], held_out: list[str], models: Path | None) -> object:
    """The labeller trained without the held-out renderers; kept in `models` (if given) under
    a name made from the dataset and the fold, so experiments on the grouping after the
    labeller need not train it again (a model trained on other features is refused)."""
    key = hashlib.sha256((_DATA_HASH + "|".join(sorted(held_out))).encode()).hexdigest()[:16]
    path = models / f"fold-{key}.pkl" if models is not None else None
    if path is not None and path.exists():
        return load_model(path)
    model = fit([e for e in items if e.renderer not in held_out])
    if path is not None:
        save_model(model, path)
    return model


def evaluate_fold(items: list[Example], held_out: list[str], parsers: tuple[str, ...],
                  models: Path | None = None) -> dict[str, list[DocScore]]:
    """Scores of the held-out renderers' documents, per parser (see PARSERS)."""
    test = [e for e in items if e.renderer in held_out]
    needs_model = bool({"learned", "auto"} & set(parsers))
    model = fold_model(items, held_out, models) if needs_model else None
    out: dict[str, list[DocScore]] = {name: [] for name in parsers}
    for item in test:
        source = _load_source(item)
        recording = _Recording(model)
        readings: dict[str, Resume] = {}
        if needs_model:
            readings["learned"] = learned_structure(item.doc, recording)
        if {"rules", "auto"} & set(parsers):
            readings["rules"] = structure(item.doc)
        if "auto" in parsers:
            readings["auto"] = auto_structure(item.doc, recording)  # as the product reads
        if "oracle" in parsers:
            readings["oracle"] = learned_structure(item.doc, _Oracle(item.labels))
        for name in parsers:
            result = score(readings[name], source, item.renderer, item.source)
            if name == "learned":
                result.confusion, result.confused_texts = _confusion(item, recording.labels)
            out[name].append(result)
    return out


def confusion_report(scores: list[DocScore], top: int = 25) -> str:
    """The most frequent (truth -> model) label confusions on held-out pieces, with examples."""
    total: Counter = Counter()
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    renderers: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for s in scores:
        for key, count in (s.confusion or {}).items():
            total[key] += count
            if key[0] != key[1]:
                renderers[key][s.renderer] += count
        for key, found in (s.confused_texts or {}).items():
            texts[key].extend(found)
    pieces = sum(total.values())
    wrong = sum(c for k, c in total.items() if k[0] != k[1])
    lines = [f"{wrong} of {pieces} held-out pieces mislabelled ({wrong / max(pieces, 1):.1%})"]
    for key, count in sorted(((k, c) for k, c in total.items() if k[0] != k[1]),
                             key=lambda kc: -kc[1])[:top]:
        worst = ", ".join(f"{r} {c}" for r, c in renderers[key].most_common(3))
        lines.append(f"{key[0]:>10} -> {key[1]:<10} {count:6}  ({worst})  e.g. "
                     + " | ".join(repr(t) for t in texts[key][:4]))
    return "\n".join(lines)


_ITEMS: list[Example] = []
_DATA_HASH = ""


def _worker(args: tuple[list[str], tuple[str, ...], Path | None]) -> dict[str, list[DocScore]]:
    # One OpenMP thread per worker: the workers already fill the cores, and oversubscribed
    # gradient boosting runs several times slower.
    with threadpool_limits(limits=1):
        return evaluate_fold(_ITEMS, *args)


def table(scores: list[DocScore]) -> str:
    by: dict[str, list[DocScore]] = defaultdict(list)
    for s in scores:
        by[s.renderer].append(s)
    rows = ["renderer | docs | role fields | roles right | spurious | name | email",
            "--- | ---: | ---: | ---: | ---: | ---: | ---:"]

    def row(name: str, group: list[DocScore]) -> str:
        total = sum(s.roles for s in group)
        fields = sum(s.fields_right for s in group) / max(total * len(FIELDS), 1)
        return (f"{name} | {len(group)} | {fields:.1%} | {sum(s.roles_right for s in group)}/"
                f"{total} | {sum(s.spurious for s in group)} | "
                f"{sum(s.name_ok for s in group)}/{len(group)} | "
                f"{sum(s.email_ok for s in group)}/{len(group)}")

    means = []
    for name in sorted(by):
        rows.append(row(name, by[name]))
        total = sum(s.roles for s in by[name])
        means.append(sum(s.fields_right for s in by[name]) / max(total * len(FIELDS), 1))
    rows.append(row("ALL", scores))
    rows.append(f"mean over renderers | {len(means)} | {np.mean(means):.1%} | "
                f"min {min(means):.1%} | | | |")
    return "\n".join(f"| {row} |" for row in rows)


def main(argv: list[str] | None = None) -> int:
    global _ITEMS, _DATA_HASH
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renderers", default="", help="only these held-out renderers")
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--parsers", default="learned",
                        help=f"comma-separated, from {', '.join(PARSERS)}")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--confusion", action="store_true",
                        help="also list the labeller's most frequent confusions (learned)")
    parser.add_argument("--data", type=Path, default=DATASET)
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) here")
    parser.add_argument("--models", type=Path,
                        help="keep the fold models here and reuse them (grouping experiments)")
    args = parser.parse_args(argv)
    parsers = tuple(args.parsers.split(","))
    if not set(parsers) <= set(PARSERS):
        parser.error(f"--parsers: choose from {', '.join(PARSERS)}")
    _ITEMS = examples(read_dataset(args.data))
    _DATA_HASH = data_hash(args.data)
    names = sorted({e.renderer for e in _ITEMS})
    plan = folds(names, args.folds)
    wanted = set(args.renderers.split(",")) if args.renderers else set(names)
    # A fold is held out whole (its model never sees a sibling of a wanted renderer); only the
    # wanted renderers are scored.
    plan = [fold for fold in plan if wanted & set(fold)]
    scores: dict[str, list[DocScore]] = {name: [] for name in parsers}
    with ProcessPoolExecutor(args.workers) as pool:
        for fold_scores in pool.map(_worker, [(fold, parsers, args.models) for fold in plan]):
            for name, found in fold_scores.items():
                scores[name].extend(s for s in found if s.renderer in wanted)
    report = []
    for name in parsers:
        if args.verbose:
            print("\n".join(str(s) for s in scores[name]))
        report.append(f"## Parser: {name}\n\n{table(scores[name])}\n")
    print("\n".join(report))
    if args.confusion and "learned" in parsers:
        print(confusion_report(scores["learned"]))
    if args.out:
        args.out.write_text(
            "# Leave-renderers-out: each renderer read by a parser that never saw it\n\n"
            "Role fields = title, company, start, end of every work and volunteer entry, against "
            "the JSON Resume source; a group the renderer prints none of (three HTML themes "
            "have no volunteer section) is not counted.\n"
            f"Made by `python -m training.loro {' '.join(argv or sys.argv[1:])}`.\n\n"
            + "\n".join(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
