"""The knowledge base: past incidents and runbooks, found again by what their messages say.

Retrieval is BM25 over masked message tokens (a sparse matrix product, so a query over a few
thousand documents takes well under a millisecond). Documents are past incidents (the labelled
corpus's training part, and every incident a strategy resolved and verified) and runbooks.
The nearest documents vote for a category, which is one layer of the classifier, and are shown
to the person reading the diagnosis.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from datamorph.monitor.taxonomy import CATEGORIES
from datamorph.monitor.templates import mask, tokens

_K1, _B = 1.2, 0.75


@dataclass(frozen=True)
class Document:
    doc_id: str
    kind: str  # incident | runbook
    text: str
    category: str
    strategy: str | None = None
    title: str | None = None
    steps: tuple[str, ...] = ()
    resolution: str | None = None


@dataclass(frozen=True)
class Hit:
    document: Document
    score: float

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self.document).items() if v not in (None, ())}
        return data | {"score": round(self.score, 3)}


def load_runbooks() -> list[Document]:
    text = resources.files("datamorph.monitor").joinpath("runbooks.json").read_text()
    return [
        Document(
            doc_id=f"runbook:{item['id']}",
            kind="runbook",
            text=f"{item['title']} {item['symptoms']}",
            category=item["category"],
            strategy=item.get("strategy"),
            title=item["title"],
            steps=tuple(item.get("steps", ())),
        )
        for item in json.loads(text)
    ]


@dataclass
class KnowledgeBase:
    documents: list[Document] = field(default_factory=list)
    backend: str = "bm25"  # or "embedding" (monitor/embeddings.py)
    _vectorizer: CountVectorizer | None = None
    _matrix: sparse.csr_matrix | None = None
    _vectors: np.ndarray | None = None

    def __post_init__(self) -> None:
        self._index()

    def add(self, new: Iterable[Document]) -> None:
        self.documents.extend(new)
        self._index()

    def search(self, message: str, k: int = 5, *, kind: str | None = None) -> list[Hit]:
        """The `k` best documents (of one kind, when given) with a positive score."""
        scores = self.scores(message)
        order = np.argsort(-scores, kind="stable")
        hits: list[Hit] = []
        for index in order:
            if scores[index] <= 0 or len(hits) == k:
                break
            document = self.documents[index]
            if kind is None or document.kind == kind:
                hits.append(Hit(document, float(scores[index])))
        return hits

    def scores(self, message: str) -> np.ndarray:
        if self._vectors is not None:
            from datamorph.monitor.embeddings import Encoder

            return self._vectors @ Encoder.encode([mask(message)])[0]
        if self._vectorizer is None or self._matrix is None:
            return np.zeros(len(self.documents))
        query = self._vectorizer.transform([mask(message)])
        query.data[:] = 1.0  # BM25 counts each query term once
        return np.asarray((self._matrix @ query.T).todense()).ravel()

    def closeness(self, score: float) -> float:
        """A top score on [0, 1): BM25 is unbounded, a cosine already is."""
        return max(score, 0.0) if self.backend == "embedding" else score / (score + 5.0)

    def _index(self) -> None:
        if not self.documents:
            self._vectorizer, self._matrix, self._vectors = None, None, None
            return
        if self.backend == "embedding":
            from datamorph.monitor.embeddings import Encoder

            self._vectors = Encoder.encode([mask(d.text) for d in self.documents])
            return
        vectorizer = CountVectorizer(analyzer=_analyze)
        counts = vectorizer.fit_transform([mask(d.text) for d in self.documents]).tocsr()
        self._vectorizer, self._matrix = vectorizer, _bm25(counts.astype(np.float64))


def vote(hits: Sequence[Hit]) -> np.ndarray:
    """The neighbours' categories, weighted by score, as a distribution over CATEGORIES."""
    weights = np.zeros(len(CATEGORIES))
    for hit in hits:
        weights[CATEGORIES.index(hit.document.category)] += hit.score
    total = weights.sum()
    return weights / total if total > 0 else weights


def _analyze(text: str) -> list[str]:
    toks = [t for t in tokens(text) if len(t) > 1 or t.isalnum()]
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def _bm25(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Document-term weights such that `weights @ query_indicator` is the BM25 score."""
    n_docs = counts.shape[0]
    doc_freq = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log1p((n_docs - doc_freq + 0.5) / (doc_freq + 0.5))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = _K1 * (1 - _B + _B * lengths / max(lengths.mean(), 1.0))
    weighted = counts.copy()
    rows = np.repeat(np.arange(n_docs), np.diff(counts.indptr))
    tf = weighted.data
    weighted.data = idf[weighted.indices] * tf * (_K1 + 1) / (tf + norm[rows])
    return weighted
