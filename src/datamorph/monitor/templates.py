# ruff: noqa: E501  (the masks read best one per line)
"""Error messages reduced to templates: the variable parts masked, the wording kept.

Two messages that differ only in a table name, a path or a number are one template, as a log
template miner (Drain) would group them. The classifier reads masked text, so it learns the
wording rather than the names; the evaluation splits the corpus by template, so a test message
never has a sibling in training; and incidents group events by template.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Order matters: wide shapes (URLs, paths, quoted text) are masked before the numbers inside them.
_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.I), " <url> "),
    (re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[\"'(=]))(?:~|\.{1,2})?/[\w.\-/*?]+"), " <path> "),
    (re.compile(r"\b[A-Za-z]:\\[\w.\\ -]+"), " <path> "),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I), " <uuid> "),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"), " <ts> "),
    (re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b"), " <host> "),
    (re.compile(r"\b(?:[a-z0-9-]+\.)+(?:com|net|org|io|internal|local|invalid|cloud|ai)\b(?::\d+)?", re.I), " <host> "),
    (re.compile(r"\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b", re.I), " <hex> "),
    (re.compile(r"\"[^\"\n]{0,200}\"|'[^'\n]{0,200}'|`[^`\n]{0,200}`"), " <str> "),
    (re.compile(r"\b[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)*_\d+\w*\b", re.I), " <id> "),
    (re.compile(r"(?<![A-Za-z_])[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?(?:[a-z]{1,3}\b)?", re.I), " <num> "),
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"<\w+>|[a-z][a-z0-9_]*|[^\sa-z0-9]", re.I)


def mask(message: str) -> str:
    """`Referenced column "amt" not found` -> `referenced column <str> not found`."""
    text = message
    for pattern, replacement in _MASKS:
        text = pattern.sub(replacement, text)
    return _SPACES.sub(" ", text).strip().lower()


def tokens(masked: str) -> list[str]:
    return _TOKEN.findall(masked)


def template_id(message: str) -> str:
    """A short stable id of the masked message (before Drain-style merging)."""
    return hashlib.sha1(mask(message).encode()).hexdigest()[:12]


# ---- Drain-style merging of masked templates ---------------------------------------------------
# Masking misses unquoted names (`no such column: amount`). Drain's idea closes the gap: messages
# of the same length and leading words whose tokens mostly agree are one template, the
# disagreeing positions become wildcards.

_SIMILARITY = 0.65  # strictly above: `no such column: x` and `no such table: y` stay apart
_PREFIX_TOKENS = 2


@dataclass
class Cluster:
    cluster_id: int
    pattern: list[str]
    members: list[int] = field(default_factory=list)

    @property
    def template(self) -> str:
        return " ".join(self.pattern)


def cluster_templates(messages: Sequence[str]) -> list[int]:
    """The cluster number of each message; equal numbers mean one template."""
    groups: dict[tuple[int, tuple[str, ...]], list[Cluster]] = {}
    assignment: list[int] = []
    next_id = 0
    for index, message in enumerate(messages):
        toks = tokens(mask(message))
        key = (len(toks), tuple(toks[:_PREFIX_TOKENS]))
        candidates = groups.setdefault(key, [])
        best = _most_similar(candidates, toks)
        if best is None:
            best = Cluster(next_id, list(toks))
            next_id += 1
            candidates.append(best)
        else:
            best.pattern = [a if a == b else "<*>" for a, b in zip(best.pattern, toks, strict=True)]
        best.members.append(index)
        assignment.append(best.cluster_id)
    return assignment


def _most_similar(clusters: Iterable[Cluster], toks: list[str]) -> Cluster | None:
    best, best_score = None, _SIMILARITY
    for cluster in clusters:
        if not toks:
            return cluster
        same = sum(a == b for a, b in zip(cluster.pattern, toks, strict=True))
        score = same / len(toks)
        if score > best_score:
            best, best_score = cluster, score
    return best
