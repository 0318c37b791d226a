"""The knowledge base: past incidents and runbooks, found again by what their messages say.

Retrieval is BM25 over masked message tokens (numpy arrays of the document-term weights, so a
query over a few thousand documents takes well under a millisecond, and no scipy or sklearn is
imported to answer it). Documents are past incidents (the labelled
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
    _index: Bm25Index | None = None
    _vectors: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self._index is None or self._index.documents != len(self.documents):
            self._reindex()  # unless given the index of exactly these documents

    @property
    def index(self) -> Bm25Index | None:
        return self._index

    def add(self, new: Iterable[Document]) -> None:
        self.documents.extend(new)
        self._reindex()

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
        if self._index is None:
            return np.zeros(len(self.documents))
        return self._index.scores(mask(message))

    def closeness(self, score: float) -> float:
        """A top score on [0, 1): BM25 is unbounded, a cosine already is."""
        return max(score, 0.0) if self.backend == "embedding" else score / (score + 5.0)

    def _reindex(self) -> None:
        self._index, self._vectors = None, None
        if not self.documents:
            return
        if self.backend == "embedding":
            from datamorph.monitor.embeddings import Encoder

            self._vectors = Encoder.encode([mask(d.text) for d in self.documents])
            return
        self._index = Bm25Index.build([mask(d.text) for d in self.documents])

    def extended(self, new: Sequence[Document]) -> KnowledgeBase:
        """A knowledge base with more documents; BM25 tokenizes only the new ones."""
        documents = [*self.documents, *new]
        if self._index is None or self.backend != "bm25":
            return KnowledgeBase(documents, self.backend)
        index = Bm25Index.build([mask(d.text) for d in new], self._index)
        return KnowledgeBase(documents, self.backend, _index=index)


class Bm25Index:
    """Document-term BM25 weights as flat arrays, one entry per (document, term).

    Each document's terms are kept in sorted order, the order of a row's columns in the sparse
    matrix this replaces (CountVectorizer's sorted vocabulary, indices sorted), so the scores
    are summed exactly as the product `weights @ query_indicator` summed them (bit for bit:
    tests/monitor/test_fast_model.py), and ties between documents fall the same.
    """

    def __init__(
        self, vocabulary: dict[str, int], terms: np.ndarray, counts: np.ndarray, lengths: np.ndarray
    ) -> None:
        self.vocabulary = vocabulary  # term -> column; a row's order is the terms' own
        self.terms, self.counts, self.lengths = terms, counts, lengths
        self.rows = np.repeat(np.arange(len(lengths)), lengths)
        self.documents = len(lengths)
        self.weights = _bm25(counts, terms, self.rows, self.documents)

    @classmethod
    def build(cls, texts: Sequence[str], base: Bm25Index | None = None) -> Bm25Index:
        """The index of `texts` (masked), after the documents of `base` if given.

        Only the new texts are tokenized: the base's counts are reused and the weights, which
        depend on every document (idf, mean length), recomputed from counts.
        """
        vocabulary = dict(base.vocabulary) if base is not None else {}
        terms: list[int] = []
        counts: list[float] = []
        lengths: list[int] = []
        for text in texts:
            counter: dict[str, int] = {}
            for token in _analyze(text):
                counter[token] = counter.get(token, 0) + 1
            for token in sorted(counter):  # a row's terms in the vectorizer's (sorted) order
                terms.append(vocabulary.setdefault(token, len(vocabulary)))
                counts.append(float(counter[token]))
            lengths.append(len(counter))
        parts = [(base.terms, base.counts, base.lengths)] if base is not None else []
        parts.append((np.array(terms, np.int64), np.array(counts), np.array(lengths, np.int64)))
        return cls(vocabulary, *(np.concatenate(column) for column in zip(*parts, strict=True)))

    def scores(self, masked: str) -> np.ndarray:
        present = np.zeros(len(self.vocabulary) + 1, dtype=bool)
        for token in _analyze(masked):
            present[self.vocabulary.get(token, -1)] = True  # -1: the spare slot
        # BM25 counts each query term once; np.bincount adds each row's terms in order.
        hit = self.weights * present[self.terms]
        return np.bincount(self.rows, weights=hit, minlength=self.documents)


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


def _bm25(counts: np.ndarray, terms: np.ndarray, rows: np.ndarray, documents: int) -> np.ndarray:
    """Per (document, term) weights such that summing a document's query terms is BM25."""
    doc_freq = np.bincount(terms, minlength=int(terms.max(initial=-1)) + 1)
    idf = np.log1p((documents - doc_freq + 0.5) / (doc_freq + 0.5))
    lengths = np.bincount(rows, weights=counts, minlength=documents)
    norm = _K1 * (1 - _B + _B * lengths / max(lengths.mean(), 1.0))
    return np.asarray(idf[terms] * counts * (_K1 + 1) / (counts + norm[rows]))
