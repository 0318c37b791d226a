"""The layered failure classifier: native codes, an ML text model, retrieval; one calibrated score.

    codes      the native code (or codes found in the text) looked up in documented tables
    ML         TF-IDF (words and character n-grams of the masked message) + logistic regression
    retrieval  BM25 over past incidents and runbooks; the nearest neighbours vote

A second logistic regression (the stacker) reads the three layers' distributions and gives the
final probabilities. It is fitted on out-of-fold layer outputs (grouped by template, so a
message's siblings never inform its own features), which is what makes its confidence honest:
the stacker learns how far to trust each layer on messages the layers have not seen.

Training (monitor/training.py) uses scikit-learn; classifying does not need it: the shipped
model is the fitted one exported to arrays (monitor/fast_model.py, monitor/export.py), so a
fresh process classifies without importing sklearn or scipy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from datamorph.monitor import codes as code_tables
from datamorph.monitor.fast_model import expand
from datamorph.monitor.knowledge import Document, Hit, KnowledgeBase, vote
from datamorph.monitor.taxonomy import CATEGORIES, TAXONOMY, Category
from datamorph.monitor.templates import mask, template_id

if TYPE_CHECKING:
    from datamorph.runs.incidents import NewEvent

N = len(CATEGORIES)
NEIGHBOURS = 5


@dataclass(frozen=True)
class Example:
    message: str
    category: str
    native_code: str | None = None
    source: str | None = None
    group: int = 0  # the template group: siblings are never split across train and test
    trigger: str | None = None


@dataclass(frozen=True)
class Classification:
    category: str
    confidence: float
    strategy: str
    probabilities: dict[str, float]
    codes: tuple[str, ...] = ()
    layers: dict[str, Any] = field(default_factory=dict)
    similar: tuple[Hit, ...] = ()
    runbooks: tuple[Hit, ...] = ()

    def event(self, message: str, source: str, **context: Any) -> NewEvent:
        """The incident event of `message` as classified here (run, step, job... in context)."""
        from datamorph.runs.incidents import NewEvent  # the run store's stack, only when needed

        return NewEvent(
            message=message,
            source=source,
            template_id=template_id(message),
            category=self.category,
            confidence=self.confidence,
            classification=self.as_dict(),
            **context,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "confidence": round(self.confidence, 4),
            "strategy": self.strategy,
            "codes": list(self.codes),
            "similar": [hit.as_dict() for hit in self.similar],
            "runbooks": [hit.as_dict() for hit in self.runbooks],
            "layers": self.layers,
        }


def codes_for(message: str, native_code: str | None = None) -> list[str]:
    """The failure's own code and the codes in its text, the most telling first.

    The native code is not always the best: DuckDB reports a file it may not read as an `IO`
    error (which covers missing files and locks too), while the text's 'Permission denied'
    is EACCES, which means one thing. So every code competes: exact before class before
    namespace matches, then the more decisive.
    """
    found = code_tables.extract_codes(message)
    candidates = [native_code, *(c for c in found if c != native_code)] if native_code else found
    return sorted(candidates, key=_telling)


_SPECIFICITY_RANK = {"exact": 0, "class": 1, "namespace": 2}


def _telling(code: str) -> tuple[int, float]:
    match = code_tables.lookup(code)
    if match is None:
        return (3, 0.0)
    return (_SPECIFICITY_RANK.get(match.specificity, 2), -match.confidence)


CodeRow = tuple[np.ndarray, float, str | None]


def code_layer(codes: Sequence[str]) -> CodeRow:
    """The looked-up distribution, how exact the match was (1, 0.5, 0.25 or 0), and the code."""
    match = code_tables.code_prior(codes)
    distribution = np.zeros(N)
    if match is None:
        return distribution, 0.0, None
    for category, p in match.distribution.items():
        distribution[CATEGORIES.index(category)] = p
    exactness = {"exact": 1.0, "class": 0.5}.get(match.specificity, 0.25)
    return distribution, exactness, match.code


def ml_text(message: str, codes: Sequence[str]) -> str:
    # The codes go in as words too: quoted codes (`'type': 'rate_limit_error'`) are masked.
    return " ".join([mask(message), *(f"code_{c.replace(':', '_')}" for c in codes)])


class TextModel(Protocol):
    """Masked message texts -> category probabilities (columns in CATEGORIES order)."""

    def proba(self, texts: Sequence[str]) -> np.ndarray: ...


class Stacker(Protocol):
    """The layers' features -> probabilities over `classes_` (a fitted LogisticRegression)."""

    @property
    def classes_(self) -> Any: ...

    def predict_proba(self, features: np.ndarray) -> np.ndarray: ...


def layer_features(
    code: np.ndarray, exact: np.ndarray, ml: np.ndarray, hits: np.ndarray
) -> np.ndarray:
    has_code = (exact > 0).astype(float)[:, None]
    return np.hstack([code, has_code, exact[:, None], ml, hits[:, :N], hits[:, N:]])


class Classifier:
    def __init__(self, text_model: TextModel, stacker: Stacker, kb: KnowledgeBase):
        self.text_model = text_model
        self.stacker = stacker
        self.kb = kb

    @classmethod
    def train(
        cls,
        examples: Sequence[Example],
        runbooks: Sequence[Document] = (),
        *,
        folds: int = 5,
        backend: str = "bm25",
    ) -> Classifier:
        """Fitted with scikit-learn (monitor/training.py), which only training imports."""
        from datamorph.monitor.training import train

        return train(examples, runbooks, folds=folds, backend=backend)

    def with_documents(self, documents: Sequence[Document]) -> Classifier:
        """The same models, with more past incidents to retrieve (what the monitor learned)."""
        if not documents:
            return self
        return Classifier(self.text_model, self.stacker, self.kb.extended(documents))

    # ---- classifying ---------------------------------------------------------------------------

    def classify(self, message: str, native_code: str | None = None) -> Classification:
        return self.classify_many([message], [native_code])[0]

    def classify_many(
        self, messages: Sequence[str], native_codes: Sequence[str | None] | None = None
    ) -> list[Classification]:
        proba, codes, code_rows, ml, neighbours = self.layers(messages, native_codes)
        return [
            self._result(messages[i], proba[i], codes[i], code_rows[i], ml[i], neighbours[i])
            for i in range(len(messages))
        ]

    def probabilities(
        self, messages: Sequence[str], native_codes: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """The final distributions, unrounded (columns in CATEGORIES order)."""
        return self.layers(messages, native_codes)[0]

    def layers(
        self, messages: Sequence[str], native_codes: Sequence[str | None] | None = None
    ) -> tuple[np.ndarray, list[list[str]], list[CodeRow], np.ndarray, list[list[Hit]]]:
        """Final probabilities, codes, code-layer rows, ML distributions, nearest incidents."""
        native_codes = native_codes or [None] * len(messages)
        all_codes = [codes_for(m, c) for m, c in zip(messages, native_codes, strict=True)]
        code_rows = [code_layer(c) for c in all_codes]
        code = np.array([row[0] for row in code_rows]).reshape(len(messages), N)
        exact = np.array([row[1] for row in code_rows])
        ml = self.text_model.proba(
            [ml_text(m, c) for m, c in zip(messages, all_codes, strict=True)]
        )
        neighbours = [self.kb.search(m, NEIGHBOURS, kind="incident") for m in messages]
        hits = np.array([retrieval_row(h, self.kb) for h in neighbours]).reshape(-1, N + 1)
        features = layer_features(code, exact, ml, hits)
        proba = expand(self.stacker.predict_proba(features), self.stacker.classes_)
        return proba, all_codes, code_rows, ml, neighbours

    def _result(
        self,
        message: str,
        proba: np.ndarray,
        codes: list[str],
        code_row: CodeRow,
        ml: np.ndarray,
        neighbours: list[Hit],
    ) -> Classification:
        best = int(np.argmax(proba))
        category = CATEGORIES[best]
        layers = {
            "code": _top(code_row[0]) | {"code": code_row[2]} if code_row[2] else None,
            "ml": _top(ml),
            "retrieval": _top(vote(neighbours)) if neighbours else None,
        }
        return Classification(
            category=category,
            confidence=float(proba[best]),
            strategy=TAXONOMY[Category(category)].strategy,
            probabilities={c: round(float(p), 4) for c, p in zip(CATEGORIES, proba, strict=True)},
            codes=tuple(codes),
            layers=layers,
            similar=tuple(neighbours[:3]),
            runbooks=tuple(self.kb.search(message, 2, kind="runbook")),
        )


def _top(distribution: np.ndarray) -> dict[str, Any]:
    best = int(np.argmax(distribution))
    return {"category": CATEGORIES[best], "p": round(float(distribution[best]), 4)}


def retrieval_row(hits: Sequence[Hit], kb: KnowledgeBase) -> np.ndarray:
    # The vote, and how close the nearest neighbour is.
    top = hits[0].score if hits else 0.0
    return np.concatenate([vote(hits), [kb.closeness(top)]])


def incident_documents(examples: Sequence[Example]) -> list[Document]:
    return [
        Document(
            doc_id=f"incident:{i}",
            kind="incident",
            text=e.message,
            category=e.category,
            strategy=TAXONOMY[Category(e.category)].strategy,
        )
        for i, e in enumerate(examples)
    ]
