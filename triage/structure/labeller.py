"""The learned line labeller: a gradient-boosted classifier per piece, decoded over the page.

The classifier gives each piece a probability per label from its features (which include its
neighbours'); a Viterbi pass over the pieces in reading order then picks the most likely label
sequence under the label-to-label transitions seen in training (a bullet rarely follows a name; a
date often follows a title). The model file is built by `python -m training.train` from the
labelled renderings under `training/`, stamped with the hash of that data, and loaded from the
package with no network. Same input, same labels.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.ensemble._hist_gradient_boosting._predictor import _predict_from_raw_data

from triage.structure.features import FEATURE_NAMES

LABELS = ("name", "headline", "contact", "heading", "title", "org", "date", "location",
          "bullet", "text", "edu_inst", "edu_degree", "other")
MODEL_PATH = Path(__file__).with_name("labeller.pkl")
PROBABILITY_FLOOR = 1e-6  # keeps log-probabilities finite
TRANSITION_WEIGHT = 0.25  # how much the label sequence counts against the per-piece evidence
HEADER_FIELDS = ("title", "org", "location")
CONSENSUS_WEIGHT = 0.5  # how much a header piece's type counts against its own evidence
MIN_CONSENSUS_PIECES = 3


def class_probabilities(classifier: HistGradientBoostingClassifier,
                        features: np.ndarray) -> np.ndarray:
    """`classifier.predict_proba(features)`, walking the trees one thread at a time with the
    per-call set-up done once: a page is a few hundred rows and 390 trees, so sklearn's set-up
    per tree (and waking OpenMP's pool) costs more than the walk, and one thread leaves the
    cores to the app's other work. Equal to sklearn's (tests/test_labeller.py), for the pinned
    version whose private tree walker this calls."""
    rows = np.ascontiguousarray(features, dtype=np.float64)
    known, feature_map = classifier._bin_mapper.make_known_categories_bitsets()  # noqa: SLF001
    raw = np.zeros((rows.shape[0], classifier.n_trees_per_iteration_))
    raw += classifier._baseline_prediction  # noqa: SLF001
    out = np.empty(rows.shape[0])
    for trees in classifier._predictors:  # noqa: SLF001
        for k, tree in enumerate(trees):
            _predict_from_raw_data(tree.nodes, rows, tree.raw_left_cat_bitsets, known,
                                   feature_map, 1, out)
            raw[:, k] += out
    return classifier._loss.predict_proba(raw)  # noqa: SLF001


def header_consensus(proba: np.ndarray, styles: np.ndarray) -> np.ndarray:
    """Which header field a piece is (title, organisation, place) also follows the other
    pieces in its type: a template prints every entry's title in one type and every employer
    in another, so where a piece's own evidence is unsure, its type's decides. Only the split
    among the header fields moves (a header piece stays a header piece), only for pieces the
    model thinks are header fields, and only in a type with MIN_CONSENSUS_PIECES of them: the
    piece's shares are mixed geometrically with its type's mean, CONSENSUS_WEIGHT to it."""
    header = [LABELS.index(name) for name in HEADER_FIELDS]
    out = proba.copy()
    is_header = np.isin(proba.argmax(axis=1), header)
    for style in np.unique(styles[is_header]):
        rows = np.flatnonzero(is_header & (styles == style))
        if rows.size < MIN_CONSENSUS_PIECES:
            continue
        part = proba[np.ix_(rows, header)]
        mass = part.sum(axis=1, keepdims=True)
        share = part / mass
        mixed = np.exp((1 - CONSENSUS_WEIGHT) * np.log(share)
                       + CONSENSUS_WEIGHT * np.log(share.mean(axis=0)))
        out[np.ix_(rows, header)] = mixed / mixed.sum(axis=1, keepdims=True) * mass
    return out


@dataclass(frozen=True)
class LabellerModel:
    """What `training.train` saves: the classifier, the transitions and where they came from."""

    classifier: HistGradientBoostingClassifier  # fitted, its classes indices into LABELS
    transitions: np.ndarray  # log P(label_j | label_i), (len(LABELS), len(LABELS))
    feature_names: tuple[str, ...]
    data_hash: str
    trained_on: tuple[str, ...]  # renderer names
    importance: np.ndarray  # total split gain per feature, summing to 1 (for explanations)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if features.shape[0] == 0:
            return np.zeros((0, len(LABELS)))
        proba = class_probabilities(self.classifier, features)
        out = np.full((features.shape[0], len(LABELS)), PROBABILITY_FLOOR)
        for column, label_index in enumerate(self.classifier.classes_):
            out[:, int(label_index)] = proba[:, column]
        return np.maximum(out, PROBABILITY_FLOOR)

    def decode(self, proba: np.ndarray) -> np.ndarray:
        """Viterbi over the pieces: label indices maximising evidence plus transitions."""
        n = proba.shape[0]
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        emissions = np.log(proba)
        moves = TRANSITION_WEIGHT * self.transitions
        score = emissions[0].copy()
        back = np.zeros((n, len(LABELS)), dtype=np.int64)
        for i in range(1, n):
            candidates = score[:, None] + moves
            back[i] = np.argmax(candidates, axis=0)
            score = candidates[back[i], np.arange(len(LABELS))] + emissions[i]
        path = np.zeros(n, dtype=np.int64)
        path[-1] = int(np.argmax(score))
        for i in range(n - 1, 0, -1):
            path[i - 1] = back[i, path[i]]
        return path

    def label(self, features: np.ndarray, styles: np.ndarray | None = None,
              ) -> tuple[list[str], np.ndarray]:
        """Labels for each row of `features`, and the per-piece probabilities behind them;
        given each row's type (`features.style_groups`), header fields agree within a type."""
        proba = self.probabilities(features)
        if styles is not None:
            proba = header_consensus(proba, styles)
        return [LABELS[i] for i in self.decode(proba)], proba


class ModelMismatchError(RuntimeError):
    """The saved model was trained on other features than this code computes."""


@cache
def load_model(path: Path = MODEL_PATH) -> LabellerModel:
    with path.open("rb") as handle:
        model = pickle.load(handle)  # noqa: S301 - our own committed file, never user input
    if tuple(model.feature_names) != FEATURE_NAMES:
        raise ModelMismatchError(
            f"{path.name} was trained on different features; retrain: python -m training.train")
    return model
