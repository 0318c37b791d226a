"""The labelled corpus, its template groups, the frozen evaluation set, and the shipped model.

Groups join messages that share a Drain template or a trigger (one kind of real failure), so no
evaluation ever tests a message whose sibling it trained on. One group in five, chosen by a
stable hash, is the frozen evaluation set: the benchmark's held-out model never trains on it,
and verified incidents whose template belongs to it never join the knowledge base.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

from datamorph.config import cache_dir
from datamorph.monitor import model_files
from datamorph.monitor.classifier import Classifier, Example
from datamorph.monitor.embeddings import configured_backend
from datamorph.monitor.templates import cluster_templates, template_id

FROZEN_BUCKETS = 5  # one group in five is frozen
# What the fitted model depends on: a change to any of these makes the shipped model stale
# (tests/monitor/test_fast_model.py fails until `python -m datamorph.monitor.export`), and
# meanwhile a process trains its own. fast_model and model_files are held to sklearn by tests.
_MODEL_MODULES = (
    "classifier", "codes", "code_tables", "code_tables_base", "code_tables_db", "corpus",
    "knowledge", "templates", "embeddings", "training",
)  # fmt: skip
SHIPPED = "model"  # monitor/data/model.json + model.npz


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
    """The classifier trained on the whole corpus, as shipped in the package.

    Its figures come from grouped cross-validation and from a model trained without the
    frozen set (bench/monitor.py); the shipped one may know every kind of failure there is.
    It is loaded from monitor/data/model.{json,npz} with numpy alone (no sklearn, no scipy,
    no pickle). When that file is stale (the corpus or the model's code changed since the
    export) or another retrieval backend is configured, the model is trained here with
    sklearn and saved, in the same format, under cache_dir() by content key.
    """
    backend = configured_backend()
    key = model_key(backend)
    if backend == "bm25":
        shipped = model_files.load(shipped_directory(), SHIPPED, key)
        if shipped is not None:
            return shipped
    cached_name = f"classifier-{_cache_key(key)}"
    cached = model_files.load(cache_dir(), cached_name, key)
    if cached is not None:
        return cached
    from datamorph.monitor.export import to_fast
    from datamorph.monitor.knowledge import load_runbooks

    classifier = to_fast(Classifier.train(load_corpus(), load_runbooks(), backend=backend))
    with contextlib.suppress(OSError):  # a read-only cache costs the next process a retraining
        model_files.save(classifier, cache_dir(), cached_name, key)
    return classifier


def model_key(backend: str) -> str:
    """What a fitted model was trained from: corpus, runbooks, backend and the model's code."""
    package = resources.files("datamorph.monitor")
    parts = [
        str(model_files.FORMAT),
        backend,
        corpus_text(),
        package.joinpath("runbooks.json").read_text(),
        *(package.joinpath(f"{name}.py").read_text() for name in _MODEL_MODULES),
    ]
    return hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]


def _cache_key(key: str) -> str:
    # A model trained here also depends on the installed sklearn (the shipped one was checked).
    from importlib import metadata  # ~40 ms to import: only when the shipped model is stale

    return hashlib.sha1(f"{key}\0{metadata.version('scikit-learn')}".encode()).hexdigest()[:16]


def shipped_directory() -> Path:
    """Where the exported model ships: the package's monitor/data."""
    return Path(str(resources.files("datamorph.monitor").joinpath("data")))
