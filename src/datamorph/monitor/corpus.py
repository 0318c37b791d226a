"""The labelled corpus, its template groups, the frozen evaluation set, and the shipped model.

Groups join messages that share a Drain template or a trigger (one kind of real failure), so no
evaluation ever tests a message whose sibling it trained on. One group in five, chosen by a
stable hash, is the frozen evaluation set: the benchmark's held-out model never trains on it,
and verified incidents whose template belongs to it never join the knowledge base.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import sklearn

from datamorph.config import cache_dir
from datamorph.monitor.classifier import Classifier, Example
from datamorph.monitor.embeddings import configured_backend
from datamorph.monitor.knowledge import load_runbooks
from datamorph.monitor.templates import cluster_templates, template_id

FROZEN_BUCKETS = 5  # one group in five is frozen
# A change to any of these retrains the cached model: a stale pickle is never served.
_MODEL_MODULES = (
    "classifier", "codes", "code_tables", "code_tables_base", "code_tables_db", "corpus",
    "knowledge", "templates", "embeddings",
)  # fmt: skip


def corpus_text() -> str:
    return resources.files("datamorph.monitor").joinpath("data/corpus.jsonl").read_text()


def load_corpus(text: str | None = None) -> list[Example]:
    rows = [json.loads(line) for line in (text or corpus_text()).splitlines() if line.strip()]
    groups = _groups([r["message"] for r in rows], [r.get("trigger") for r in rows])
    return [
        Example(
            message=r["message"],
            category=r["category"],
            native_code=r.get("native_code"),
            source=r.get("source"),
            group=g,
            trigger=r.get("trigger"),
        )
        for r, g in zip(rows, groups, strict=True)
    ]


def _groups(messages: Sequence[str], triggers: Sequence[str | None]) -> list[int]:
    """Connected components of 'same Drain template' and 'same trigger'."""
    parent = list(range(len(messages)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of: dict[tuple[str, object], int] = {}
    clusters = cluster_templates(messages)
    for i, (cluster, trigger) in enumerate(zip(clusters, triggers, strict=True)):
        for key in (("cluster", cluster), ("trigger", trigger)):
            if key[1] is None:
                continue
            j = first_of.setdefault(key, i)
            parent[find(i)] = find(j)
    return [find(i) for i in range(len(messages))]


def frozen_groups(examples: Sequence[Example]) -> set[int]:
    """Groups in the frozen evaluation set, by a hash of the group's smallest member key."""
    keys: dict[int, str] = {}
    for e in examples:
        key = e.trigger or template_id(e.message)
        keys[e.group] = min(keys.get(e.group, key), key)
    return {g for g, key in keys.items() if _bucket(key) == 0}


def frozen_templates(examples: Sequence[Example]) -> set[str]:
    frozen = frozen_groups(examples)
    return {template_id(e.message) for e in examples if e.group in frozen}


def split_frozen(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    frozen = frozen_groups(examples)
    train = [e for e in examples if e.group not in frozen]
    return train, [e for e in examples if e.group in frozen]


def _bucket(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % FROZEN_BUCKETS


@cache
def shipped_classifier() -> Classifier:
    """The classifier trained on the whole corpus; cached on disk by content.

    Its figures come from grouped cross-validation and from a model trained without the
    frozen set (bench/monitor.py); the shipped one may know every kind of failure there is.
    """
    text = corpus_text()
    runbooks = resources.files("datamorph.monitor").joinpath("runbooks.json").read_text()
    backend = configured_backend()
    key = hashlib.sha1(
        "\0".join([sklearn.__version__, backend, text, runbooks, *_model_sources()]).encode()
    ).hexdigest()[:16]
    path = cache_dir() / f"classifier-{key}.pickle"
    cached = _read_cache(path)
    if cached is not None:
        return cached
    classifier = Classifier.train(load_corpus(text), load_runbooks(), backend=backend)
    _write_cache(path, classifier)
    return classifier


def _model_sources() -> list[str]:
    package = resources.files("datamorph.monitor")
    return [package.joinpath(f"{name}.py").read_text() for name in _MODEL_MODULES]


def _read_cache(path: Path) -> Classifier | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)  # our own cache file, keyed by content hash
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None
    return loaded if isinstance(loaded, Classifier) else None


def _write_cache(path: Path, classifier: Classifier) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{id(classifier)}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(classifier, handle)
        partial.replace(path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:
        pass  # a read-only cache only costs the next process a retraining
