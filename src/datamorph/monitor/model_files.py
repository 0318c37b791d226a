"""The exported classifier on disk: `NAME.json` (settings, vocabularies, documents) + `NAME.npz`.

No pickle: the JSON is read with `json`, the arrays with `numpy.load(allow_pickle=False)`, so
a model file can only ever be data. The JSON carries the key of what the model was trained
from (corpus, runbooks, model code; corpus.model_key) and a file whose key differs is not
loaded: a stale model is never served.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from datamorph.monitor.classifier import Classifier
from datamorph.monitor.fast_model import (
    FastTextModel,
    Linear,
    linear_from_state,
    linear_state,
    tfidf_from_state,
    tfidf_state,
)
from datamorph.monitor.knowledge import Bm25Index, Document, KnowledgeBase

FORMAT = 1


def save(classifier: Classifier, directory: Path, name: str, key: str) -> None:
    """Write the model's two files, each atomically (a reader sees old or new, never half)."""
    text_model, stacker = classifier.text_model, classifier.stacker
    if not isinstance(text_model, FastTextModel) or not isinstance(stacker, Linear):
        raise TypeError("export the fitted classifier first (monitor/export.py: to_fast)")
    words, word_arrays = tfidf_state(text_model.words, "words")
    chars, char_arrays = tfidf_state(text_model.chars, "chars")
    model, model_arrays = linear_state(text_model.model, "text")
    stack, stack_arrays = linear_state(stacker, "stacker")
    settings = {
        "format": FORMAT,
        "key": key,
        "backend": classifier.kb.backend,
        "text_model": {"words": words, "chars": chars, "model": model},
        "stacker": stack,
        "documents": [_document_state(d) for d in classifier.kb.documents],
    }
    arrays = word_arrays | char_arrays | model_arrays | stack_arrays
    index = classifier.kb.index
    if index is not None:  # BM25's counts: loading need not tokenize every document again
        settings["kb_vocabulary"] = sorted(index.vocabulary, key=index.vocabulary.__getitem__)
        arrays |= {"kb.terms": index.terms, "kb.counts": index.counts, "kb.lengths": index.lengths}
    directory.mkdir(parents=True, exist_ok=True)
    npz = directory / f"{name}.npz"
    partial = npz.with_name(f"{name}.{os.getpid()}.tmp.npz")
    np.savez_compressed(partial, **arrays)  # type: ignore[arg-type]
    partial.replace(npz)
    # The JSON last: its key is what makes the pair valid, and it names the arrays' digest.
    settings["arrays"] = _digest(npz)
    document = directory / f"{name}.json"
    partial = document.with_name(f"{name}.{os.getpid()}.tmp.json")
    partial.write_text(json.dumps(settings, ensure_ascii=False, separators=(",", ":")) + "\n")
    partial.replace(document)


def load(directory: Path, name: str, key: str) -> Classifier | None:
    """The model saved under `name`, if it is there, readable and trained from `key`."""
    try:
        settings = json.loads((directory / f"{name}.json").read_text())
        if settings.get("format") != FORMAT or settings.get("key") != key:
            return None
        npz = directory / f"{name}.npz"
        if settings.get("arrays") != _digest(npz):  # a half-replaced pair: retrain instead
            return None
        with np.load(npz, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
        return _classifier(settings, arrays)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _classifier(settings: dict[str, Any], arrays: dict[str, np.ndarray]) -> Classifier:
    text = settings["text_model"]
    text_model = FastTextModel(
        words=tfidf_from_state(text["words"], arrays, "words"),
        chars=tfidf_from_state(text["chars"], arrays, "chars"),
        model=linear_from_state(text["model"], arrays, "text"),
    )
    stacker = linear_from_state(settings["stacker"], arrays, "stacker")
    documents = [_document(d) for d in settings["documents"]]
    index = None
    if "kb_vocabulary" in settings:
        vocabulary = {term: i for i, term in enumerate(settings["kb_vocabulary"])}
        index = Bm25Index(vocabulary, arrays["kb.terms"], arrays["kb.counts"], arrays["kb.lengths"])
    kb = KnowledgeBase(documents, settings["backend"], _index=index)
    return Classifier(text_model, stacker, kb)


def _document_state(document: Document) -> dict[str, Any]:
    return {k: v for k, v in asdict(document).items() if v not in (None, ())}


def _document(state: dict[str, Any]) -> Document:
    return Document(**{**state, "steps": tuple(state.get("steps", ()))})


def _digest(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()[:16]
