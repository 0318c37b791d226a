"""The fitted text model and stacker at inference time, in numpy alone.

scikit-learn and scipy take seconds to import and ~100 MiB: more than a classification costs.
So the fitted estimators are exported (monitor/export.py) to plain arrays and vocabularies,
and this module does what their `transform` and `predict_proba` do, step for step:

    TfidfVectorizer  analyze (word tokens + n-grams, or char_wb n-grams) -> counts in sorted
                     column order -> sublinear tf -> idf -> l2 row norm
    linear models    the sparse rows times coef.T, summed in column order as scipy's CSR
                     product does, + intercept; then OvR (SGD's log loss: expit, rows
                     normalised) or softmax (multinomial LogisticRegression)

tests/monitor/test_fast_model.py holds this equal to the sklearn objects on every message of
the corpus (probabilities within 1e-9, the same top category).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from datamorph.monitor.taxonomy import CATEGORIES

_WHITE_SPACES = re.compile(r"\s\s+")  # sklearn's, for char n-grams


@dataclass(frozen=True)
class Rows:
    """A CSR matrix as three arrays (values, column indices, row pointers)."""

    data: np.ndarray
    indices: np.ndarray
    indptr: np.ndarray
    columns: int

    def row_ids(self) -> np.ndarray:
        return np.repeat(np.arange(len(self.indptr) - 1), np.diff(self.indptr))


@dataclass(frozen=True)
class Tfidf:
    """A fitted TfidfVectorizer's transform (input='content', no stop words or accents)."""

    analyzer: str  # word | char_wb
    ngram_range: tuple[int, int]
    lowercase: bool
    token_pattern: str
    sublinear_tf: bool
    norm: str | None
    vocabulary: dict[str, int]
    idf: np.ndarray

    def analyze(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "char_wb":
            return _char_wb_ngrams(text, self.ngram_range)
        return _word_ngrams(re.findall(self.token_pattern, text), self.ngram_range)

    def transform(self, texts: Sequence[str]) -> Rows:
        data: list[float] = []
        indices: list[int] = []
        indptr = [0]
        for text in texts:
            counts: dict[int, int] = {}
            for feature in self.analyze(text):
                index = self.vocabulary.get(feature)
                if index is not None:
                    counts[index] = counts.get(index, 0) + 1
            for index in sorted(counts):  # scipy's sort_indices
                indices.append(index)
                data.append(float(counts[index]))
            indptr.append(len(indices))
        values = np.array(data, dtype=np.float64)
        columns = np.array(indices, dtype=np.int64)
        if self.sublinear_tf:
            np.log(values, values)
            values += 1.0
        values *= self.idf[columns]
        rows = Rows(values, columns, np.array(indptr, dtype=np.int64), len(self.idf))
        if self.norm == "l2":
            _normalize_l2(rows)
        elif self.norm is not None:
            raise ValueError(f"unsupported norm {self.norm!r}")
        return rows


def _word_ngrams(tokens: list[str], ngram_range: tuple[int, int]) -> list[str]:
    low, high = ngram_range
    grams = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
        grams.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _char_wb_ngrams(text: str, ngram_range: tuple[int, int]) -> list[str]:
    low, high = ngram_range
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text).split():
        padded = f" {word} "
        for n in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + n])
            while offset + n < len(padded):
                offset += 1
                grams.append(padded[offset : offset + n])
            if offset == 0:  # a short word counts once, as in sklearn
                break
    return grams


def _normalize_l2(rows: Rows) -> None:
    # The squares summed row by row in order (np.add.at is unbuffered), then each row divided,
    # as sklearn's inplace_csr_row_normalize_l2 does.
    ids = rows.row_ids()
    totals = np.zeros(len(rows.indptr) - 1)
    np.add.at(totals, ids, rows.data * rows.data)
    nonzero = totals[ids] != 0.0
    rows.data[nonzero] /= np.sqrt(totals)[ids][nonzero]


def hstack(blocks: Sequence[Rows]) -> Rows:
    """Blocks side by side (sparse.hstack of CSR blocks): each row's columns stay in order."""
    offsets = np.cumsum([0, *(b.columns for b in blocks)])
    ids = np.concatenate([b.row_ids() for b in blocks])
    order = np.argsort(ids, kind="stable")  # by row; within a row, block by block
    data = np.concatenate([b.data for b in blocks])[order]
    indices = np.concatenate([b.indices + o for b, o in zip(blocks, offsets, strict=False)])
    counts = np.bincount(ids, minlength=len(blocks[0].indptr) - 1)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Rows(data, indices[order], indptr, int(offsets[-1]))


@dataclass(frozen=True)
class Linear:
    """A fitted linear classifier's predict_proba: 'ovr' (SGD, log loss) or 'softmax'."""

    coef: np.ndarray  # (classes or 1, features)
    intercept: np.ndarray
    classes_: np.ndarray
    link: str  # ovr | softmax

    def decision(self, features: Rows | np.ndarray) -> np.ndarray:
        if isinstance(features, np.ndarray):
            return features @ self.coef.T + self.intercept  # the same BLAS product as sklearn
        scores = np.zeros((len(features.indptr) - 1, self.coef.shape[0]))
        # Unbuffered and in order: each row's terms are added column by column, as scipy does.
        np.add.at(
            scores, features.row_ids(), features.data[:, None] * self.coef.T[features.indices]
        )
        return scores + self.intercept

    def predict_proba(self, features: Rows | np.ndarray) -> np.ndarray:
        scores = self.decision(features)
        if scores.shape[1] == 1:  # binary: one column of scores, for the second class
            positive = _expit(scores[:, 0])
            return np.stack([1 - positive, positive], axis=1)
        if self.link == "softmax":
            scores -= scores.max(axis=1).reshape(-1, 1)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=1).reshape(-1, 1)
            return scores
        prob = _expit(scores)
        total = prob.sum(axis=1)
        zero = total == 0
        prob[zero, :] = 1  # sklearn's fallback: uniform when every class underflows
        total[zero] = prob.shape[1]
        prob /= total.reshape(prob.shape[0], -1)
        return prob


def expand(probabilities: np.ndarray, classes: Sequence[str] | np.ndarray) -> np.ndarray:
    """Columns in CATEGORIES order, zeros for classes the model never saw."""
    full = np.zeros((probabilities.shape[0], len(CATEGORIES)))
    for column, name in enumerate(classes):
        full[:, CATEGORIES.index(name)] = probabilities[:, column]
    return full


def _expit(x: np.ndarray) -> np.ndarray:
    # scipy.special.expit without scipy (equal on the corpus: test_fast_model). A score below
    # -709 overflows exp to inf, and 1 / inf is the 0.0 expit gives: no warning for that.
    with np.errstate(over="ignore"):
        return np.asarray(1.0 / (1.0 + np.exp(-x)))


@dataclass(frozen=True)
class FastTextModel:
    """Word and character TF-IDF side by side, then the linear model (classifier.TextModel)."""

    words: Tfidf
    chars: Tfidf
    model: Linear

    def features(self, texts: Sequence[str]) -> Rows:
        return hstack([self.words.transform(texts), self.chars.transform(texts)])

    def proba(self, texts: Sequence[str]) -> np.ndarray:
        return expand(self.model.predict_proba(self.features(texts)), self.model.classes_)


# ---- plain data: JSON for vocabularies and settings, arrays for numpy.savez -----------------


def tfidf_state(tfidf: Tfidf, name: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    settings = {
        "analyzer": tfidf.analyzer,
        "ngram_range": list(tfidf.ngram_range),
        "lowercase": tfidf.lowercase,
        "token_pattern": tfidf.token_pattern,
        "sublinear_tf": tfidf.sublinear_tf,
        "norm": tfidf.norm,
        "vocabulary": sorted(tfidf.vocabulary, key=tfidf.vocabulary.__getitem__),
    }
    return settings, {f"{name}.idf": tfidf.idf}


def tfidf_from_state(settings: dict[str, Any], arrays: Any, name: str) -> Tfidf:
    terms: list[str] = settings["vocabulary"]
    return Tfidf(
        analyzer=settings["analyzer"],
        ngram_range=(settings["ngram_range"][0], settings["ngram_range"][1]),
        lowercase=settings["lowercase"],
        token_pattern=settings["token_pattern"],
        sublinear_tf=settings["sublinear_tf"],
        norm=settings["norm"],
        vocabulary={term: i for i, term in enumerate(terms)},
        idf=arrays[f"{name}.idf"],
    )


def linear_state(linear: Linear, name: str) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    settings = {"classes": [str(c) for c in linear.classes_], "link": linear.link}
    return settings, {f"{name}.coef": linear.coef, f"{name}.intercept": linear.intercept}


def linear_from_state(settings: dict[str, Any], arrays: Any, name: str) -> Linear:
    return Linear(
        coef=arrays[f"{name}.coef"],
        intercept=arrays[f"{name}.intercept"],
        classes_=np.array(settings["classes"], dtype=object),
        link=settings["link"],
    )
