"""Train the line labeller from the labelled dataset and save it into the package.

    python -m training.train [--data training/data/labelled.jsonl.gz]
                             [--out triage/structure/labeller.pkl]

The classifier is scikit-learn's histogram gradient boosting (fixed seed, no early stopping, so
the same data gives the same model); the label transitions for the Viterbi pass are counted from
the training sequences with add-one smoothing. The model is stamped with the SHA-256 of the data.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from training.dataset import DATASET, decode
from triage.structure.features import FEATURE_NAMES, feature_matrix
from triage.structure.labeller import LABELS, MODEL_PATH, LabellerModel
from triage.structure.lines import reading_lines
from triage.structure.pieces import split_pieces

SEED = 7
ITERATIONS = 30
LEAVES = 48
LEARNING_RATE = 0.25
MIN_LEAF = 200  # pieces per leaf: big leaves generalise to unseen templates
L2 = 1.0  # leaf-value regularisation
FEATURE_SHARE = 1.0  # share of features each split may choose from (decorrelates trees)
MAX_PIECES_PER_LABEL_AND_RENDERER = 4000  # keeps bullets from swamping the rarer labels


@dataclass
class Example:
    """One labelled document, with its features recomputed by the current code."""

    renderer: str
    source: str
    doc: object
    features: np.ndarray
    labels: np.ndarray  # label indices


def read_dataset(path: Path = DATASET) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def data_hash(path: Path = DATASET) -> str:
    with gzip.open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def examples(records: Iterable[dict]) -> list[Example]:
    out = []
    for record in records:
        doc = decode(record["doc"])
        lines = reading_lines(doc)
        pieces = split_pieces(doc, lines)
        if len(pieces) != len(record["labels"]):
            raise ValueError(f"{record['renderer']}/{record['source']}: the pieces changed since "
                             "the dataset was built; rebuild it: python -m training.dataset")
        out.append(Example(record["renderer"], record["source"], doc,
                           feature_matrix(doc, lines, pieces),
                           np.array([LABELS.index(lab) for lab in record["labels"]])))
    return out


def transitions(sequences: Iterable[np.ndarray]) -> np.ndarray:
    counts = np.ones((len(LABELS), len(LABELS)))
    for labels in sequences:
        np.add.at(counts, (labels[:-1], labels[1:]), 1)
    return np.log(counts / counts.sum(axis=1, keepdims=True))


def _balanced(items: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    """All pieces, except that no label of one renderer gives more than the cap."""
    rng = np.random.default_rng(SEED)
    xs, ys = [], []
    by_renderer: dict[str, list[Example]] = {}
    for item in items:
        by_renderer.setdefault(item.renderer, []).append(item)
    for group in by_renderer.values():
        x = np.vstack([e.features for e in group])
        y = np.concatenate([e.labels for e in group])
        keep = []
        for label in np.unique(y):
            rows = np.flatnonzero(y == label)
            if rows.size > MAX_PIECES_PER_LABEL_AND_RENDERER:
                rows = np.sort(rng.choice(rows, MAX_PIECES_PER_LABEL_AND_RENDERER, replace=False))
            keep.append(rows)
        rows = np.sort(np.concatenate(keep))
        xs.append(x[rows])
        ys.append(y[rows])
    return np.vstack(xs), np.concatenate(ys)


def fit(items: list[Example], stamp: str = "") -> LabellerModel:
    x, y = _balanced(items)
    classifier = HistGradientBoostingClassifier(
        max_iter=ITERATIONS, max_leaf_nodes=LEAVES, learning_rate=LEARNING_RATE,
        min_samples_leaf=MIN_LEAF, l2_regularization=L2, max_features=FEATURE_SHARE,
        early_stopping=False, random_state=SEED, class_weight="balanced")
    classifier.fit(x, y)
    return LabellerModel(classifier, transitions(e.labels for e in items), FEATURE_NAMES, stamp,
                         tuple(sorted({e.renderer for e in items})), importance(classifier))


def importance(classifier: HistGradientBoostingClassifier) -> np.ndarray:
    """Each feature's share of the total split gain over all trees."""
    gain = np.zeros(len(FEATURE_NAMES))
    for trees in classifier._predictors:  # noqa: SLF001 - the only place sklearn keeps the splits
        for tree in trees:
            splits = tree.nodes[~tree.nodes["is_leaf"].astype(bool)]
            np.add.at(gain, splits["feature_idx"], np.maximum(splits["gain"], 0))
    return gain / max(gain.sum(), 1e-12)


def save_model(model: LabellerModel, path: Path) -> None:
    """Write a model where `load_model` reads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(model, handle, protocol=pickle.HIGHEST_PROTOCOL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATASET)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    items = examples(read_dataset(args.data))
    model = fit(items, data_hash(args.data))
    save_model(model, args.out)
    size = args.out.stat().st_size / 1e6
    print(f"trained on {len(items)} documents, {sum(len(e.labels) for e in items)} pieces, "
          f"{len(model.trained_on)} renderers; data sha256 {model.data_hash[:16]}; "
          f"{args.out} {size:.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
