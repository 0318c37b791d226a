"""Honest figures for the classifier: grouped cross-validation, calibration, selective precision.

Every message is predicted by a classifier trained without its template group. The code-lookup
baseline is scored the same way: it predicts the looked-up category of a message's code with
the table's probability as its confidence, and abstains (confidence 0) when there is no code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold

from datamorph.monitor.classifier import CATEGORIES, Classifier, Example, code_layer, codes_for
from datamorph.monitor.knowledge import Document

THRESHOLD = 0.75
ECE_BINS = 10


@dataclass(frozen=True)
class Prediction:
    truth: str
    category: str
    confidence: float

    @property
    def correct(self) -> bool:
        return self.truth == self.category


def cross_validate(
    examples: Sequence[Example],
    runbooks: Sequence[Document] = (),
    *,
    folds: int = 5,
    backend: str = "bm25",
) -> list[Prediction]:
    """Out-of-fold predictions of the full classifier, in the examples' order."""
    predictions: list[Prediction | None] = [None] * len(examples)
    groups = [e.group for e in examples]
    labels = [e.category for e in examples]
    for train, held in GroupKFold(n_splits=folds).split(examples, labels, groups):
        chosen = [examples[i] for i in train]
        model = Classifier.train(chosen, runbooks, folds=folds - 1, backend=backend)
        predictions_held = predict(model, [examples[i] for i in held])
        for i, prediction in zip(held, predictions_held, strict=True):
            predictions[i] = prediction
    return [p for p in predictions if p is not None]


def predict(model: Classifier, examples: Sequence[Example]) -> list[Prediction]:
    results = model.classify_many([e.message for e in examples], [e.native_code for e in examples])
    return [
        Prediction(e.category, r.category, r.confidence)
        for e, r in zip(examples, results, strict=True)
    ]


def code_baseline(examples: Sequence[Example]) -> list[Prediction]:
    predictions = []
    for e in examples:
        distribution, _, code = code_layer(codes_for(e.message, e.native_code))
        if code is None:
            predictions.append(Prediction(e.category, "unknown", 0.0))
            continue
        best = int(np.argmax(distribution))
        predictions.append(Prediction(e.category, CATEGORIES[best], float(distribution[best])))
    return predictions


def metrics(predictions: Sequence[Prediction], threshold: float = THRESHOLD) -> dict[str, Any]:
    truth = [p.truth for p in predictions]
    guess = [p.category for p in predictions]
    labels = sorted(set(truth))
    precision, recall, f1, support = precision_recall_fscore_support(
        truth, guess, labels=labels, zero_division=0
    )
    covered = [p for p in predictions if p.confidence >= threshold]
    return {
        "messages": len(predictions),
        "accuracy": _mean([p.correct for p in predictions]),
        "macro_f1": float(f1_score(truth, guess, labels=labels, average="macro", zero_division=0)),
        "ece": expected_calibration_error(predictions),
        "threshold": threshold,
        "coverage": len(covered) / len(predictions) if predictions else 0.0,
        "selective_precision": _mean([p.correct for p in covered]),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
    }


def expected_calibration_error(predictions: Sequence[Prediction], bins: int = ECE_BINS) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not predictions:
        return 0.0
    confidence = np.array([p.confidence for p in predictions])
    correct = np.array([p.correct for p in predictions], dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        members = index == b
        if members.any():
            gap = abs(correct[members].mean() - confidence[members].mean())
            total += gap * members.sum() / len(predictions)
    return float(total)


def _mean(values: Sequence[bool]) -> float:
    return float(np.mean(values)) if len(values) else 0.0
