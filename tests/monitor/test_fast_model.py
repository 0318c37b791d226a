"""The shipped, numpy-only classifier is the sklearn one: same probabilities, same categories.

The sklearn-fitted classifier is the reference. Its export (monitor/export.py -> fast_model)
must give the same distribution (within 1e-9) and the same top category on every message of
the corpus, the frozen evaluation set included; the shipped files must be what retraining
from the corpus gives today; and a fresh process classifies without importing sklearn/scipy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from datamorph.monitor import corpus as corpus_module
from datamorph.monitor import model_files
from datamorph.monitor.classifier import Classifier, Example, incident_documents
from datamorph.monitor.corpus import (
    SHIPPED,
    corpus_text,
    load_corpus,
    model_key,
    shipped_directory,
    split_frozen,
)
from datamorph.monitor.export import to_fast
from datamorph.monitor.knowledge import _B, _K1, KnowledgeBase, _analyze, load_runbooks
from datamorph.monitor.templates import mask

_UNSEEN = [
    'Binder Error: Referenced column "amount" not found in FROM clause!',
    "warehouse gateway zq-17 stopped answering the export handshake",
    "Out of Memory Error: could not allocate block of size 256.0 KiB (1.5 GiB/1.5 GiB used)",
    "",
    "!!!",
]


@pytest.fixture(scope="module")
def corpus() -> list[Example]:
    return load_corpus()


@pytest.fixture(scope="module")
def fitted(corpus: list[Example]) -> Classifier:
    return Classifier.train(corpus, load_runbooks())


def _same(reference: Classifier, exported: Classifier, examples: list[Any]) -> None:
    messages = [e.message for e in examples]
    codes = [e.native_code for e in examples]
    expected = reference.probabilities(messages, codes)
    got = exported.probabilities(messages, codes)
    assert expected.shape == got.shape == (len(messages), expected.shape[1])
    assert np.abs(expected - got).max() <= 1e-9
    assert (expected.argmax(axis=1) == got.argmax(axis=1)).all()
    before = reference.classify_many(messages, codes)
    after = exported.classify_many(messages, codes)
    assert [r.category for r in before] == [r.category for r in after]
    assert [r.as_dict() for r in before] == [r.as_dict() for r in after]


def test_the_export_predicts_what_sklearn_predicts_on_the_whole_corpus(
    corpus: list[Example], fitted: Classifier
) -> None:
    exported = to_fast(fitted)
    _same(fitted, exported, [*corpus, *(Example(m, "unknown") for m in _UNSEEN)])
    texts = [mask(e.message) for e in corpus]
    # The text model alone, sklearn against numpy: sparse products summed in the same order.
    assert np.array_equal(fitted.text_model.proba(texts), exported.text_model.proba(texts))


def test_a_model_trained_without_the_frozen_set_exports_the_same_predictions_on_it(
    corpus: list[Example],
) -> None:
    train, frozen = split_frozen(corpus)
    held_out = Classifier.train(train, load_runbooks(), folds=3)
    _same(held_out, to_fast(held_out), frozen)


def test_the_shipped_model_is_what_retraining_on_the_corpus_gives(
    corpus: list[Example], fitted: Classifier
) -> None:
    shipped = model_files.load(shipped_directory(), SHIPPED, model_key("bm25"))
    assert shipped is not None, "stale: run .venv/bin/python -m datamorph.monitor.export"
    _same(fitted, shipped, [*corpus, *(Example(m, "unknown") for m in _UNSEEN)])
    assert [d.doc_id for d in shipped.kb.documents] == [d.doc_id for d in fitted.kb.documents]


def _sparse_bm25(documents: list[str]) -> tuple[CountVectorizer, sparse.csr_matrix]:
    # The retrieval this module replaced, verbatim: CountVectorizer counts, scipy BM25 weights.
    vectorizer = CountVectorizer(analyzer=_analyze)
    counts = vectorizer.fit_transform(documents).tocsr().astype(np.float64)
    doc_freq = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log1p((counts.shape[0] - doc_freq + 0.5) / (doc_freq + 0.5))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = _K1 * (1 - _B + _B * lengths / max(lengths.mean(), 1.0))
    weighted = counts.copy()
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    tf = weighted.data
    weighted.data = idf[weighted.indices] * tf * (_K1 + 1) / (tf + norm[rows])
    return vectorizer, weighted


def test_bm25_scores_are_the_sparse_products_bit_for_bit(corpus: list[Example]) -> None:
    train, frozen = split_frozen(corpus)
    learned = incident_documents(frozen[:5])  # what with_documents adds at run time
    # The learned documents join an indexed base: only they are tokenized (with_documents).
    kb = KnowledgeBase([*incident_documents(train), *load_runbooks()]).extended(learned)
    assert kb.index is not None and kb.index.documents == len(kb.documents)
    vectorizer, weights = _sparse_bm25([mask(d.text) for d in kb.documents])
    for message in [*(e.message for e in corpus), *_UNSEEN]:
        query = vectorizer.transform([mask(message)])
        query.data[:] = 1.0
        expected = np.asarray((weights @ query.T).todense()).ravel()
        assert np.array_equal(kb.scores(message), expected), message


def test_a_stale_or_damaged_model_file_is_never_loaded(tmp_path: Path, fitted: Classifier) -> None:
    exported = to_fast(fitted)
    model_files.save(exported, tmp_path, "m", "key-1")
    assert model_files.load(tmp_path, "m", "key-2") is None  # trained from something else
    loaded = model_files.load(tmp_path, "m", "key-1")
    assert loaded is not None
    message = 'Binder Error: Referenced column "amount" not found in FROM clause!'
    assert loaded.classify(message).as_dict() == exported.classify(message).as_dict()
    npz = tmp_path / "m.npz"
    npz.write_bytes(npz.read_bytes()[:-10])
    assert model_files.load(tmp_path, "m", "key-1") is None
    settings = json.loads((tmp_path / "m.json").read_text())
    assert not (tmp_path / "m.pickle").exists() and settings["format"] == model_files.FORMAT


_FRESH_PROCESS = """
import sys
from datamorph.monitor.corpus import shipped_classifier
from datamorph.monitor.knowledge import Document
classifier = shipped_classifier()
one = classifier.classify('Binder Error: Referenced column "amount" not found in FROM clause!')
learned = Document("learned:1", "incident", "gateway zq-17 handshake refused", "network_timeout")
many = classifier.with_documents([learned]).classify_many(["disk full", "permission denied"])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sklearn", "scipy"))
print(one.category, len(many), heavy)
"""


def test_a_fresh_process_classifies_without_sklearn_scipy_or_a_cache(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATAMORPH_HOME": str(tmp_path / "home"),
        "DATAMORPH_CACHE": str(tmp_path / "cache"),
    }
    env.pop("DATAMORPH_RETRIEVAL", None)
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "schema_mismatch 2 []", done.stderr
    assert not (tmp_path / "cache").exists()  # the shipped model served: nothing was trained


def test_the_model_key_changes_with_the_corpus_and_the_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = model_key("bm25")
    assert model_key("embedding") != key
    text = corpus_text()
    monkeypatch.setattr(corpus_module, "corpus_text", lambda: text + text.splitlines()[0] + "\n")
    assert model_key("bm25") != key  # one more labelled message: the shipped model is stale


def test_a_stale_shipped_model_is_retrained_once_and_cached_without_pickle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: list[Example], fitted: Classifier
) -> None:
    monkeypatch.setenv("DATAMORPH_CACHE", str(tmp_path))
    monkeypatch.delenv("DATAMORPH_RETRIEVAL", raising=False)
    monkeypatch.setattr(corpus_module, "model_key", lambda backend: "not-the-shipped-key")
    trained = corpus_module.shipped_classifier.__wrapped__()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".npz"]

    def no_training(*args: object, **kwargs: object) -> Classifier:
        raise AssertionError("the cached model should have been loaded")

    monkeypatch.setattr(Classifier, "train", no_training)
    cached = corpus_module.shipped_classifier.__wrapped__()
    sample = [*corpus[::7], *(Example(m, "unknown") for m in _UNSEEN)]
    _same(fitted, trained, sample)
    _same(fitted, cached, sample)
