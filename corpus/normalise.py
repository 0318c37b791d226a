"""Masks for the run-specific bits of a message, used only to compare two harvests.

The corpus keeps messages exactly as produced. When a re-run is compared with the committed
corpus, scratch paths, interpreter paths, ports, PIDs, transaction ids, memory sizes, timings,
object addresses and request ids may legitimately differ: `normalise_volatile` replaces each
with a placeholder so that only the stable part of the message is compared.
"""

from __future__ import annotations

import re

_RULES: list[tuple[re.Pattern[str], str]] = [
    # Absolute directories (scratch dirs, site-packages, the interpreter): keep the basename.
    # Not inside relative paths or URLs: the slash must not follow a path or URL character.
    (re.compile(r"(?<![\w.:/@+-])(?:/[\w.@+=-]+)+/"), "<dir>/"),
    (re.compile(r"(?<=file:)/*(?:[\w.@+=-]+/)+"), "<dir>/"),  # file:/x/ and file:///x/
    (re.compile(r"\.s\.PGSQL\.\d+"), ".s.PGSQL.<port>"),  # PostgreSQL's socket file
    (re.compile(r"\bpython3(?:\.\d+)?\b"), "python3"),
    (re.compile(r"(?<=\b127\.0\.0\.1:)\d+|(?<=\blocalhost:)\d+"), "<port>"),
    (re.compile(r"(?<=\bport[= ])\d+|(?<=\bport=')\d+|(?<=\bport=\")\d+"), "<port>"),
    (re.compile(r"(?<=\bport\s)\d+", re.IGNORECASE), "<port>"),
    (re.compile(r"\b(PID|pid|process|Process|transaction|backend) \d+"), r"\1 <n>"),
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x<addr>"),
    (re.compile(r"_ssl\.c:\d+"), "_ssl.c:<n>"),
    (re.compile(r"\b\d+(?:\.\d+)?\s?(?:bytes|[KMGTP]i?B|kB)\b"), "<size>"),
    (
        re.compile(r"\b\d+(?:\.\d+)?\s?(?:ms|milliseconds|seconds|second|sec|s)\b(?!\w)"),
        "<time>",
    ),
    (re.compile(r"(?<=timeout=)\d+(?:\.\d+)?"), "<time>"),
    (re.compile(r"\breq_[A-Za-z0-9_]+"), "req_<id>"),
    # Spark: expression ids in plans (amount#12L), py4j object ids (o331.json), stage numbers.
    (re.compile(r"#\d+L?\b"), "#<n>"),
    (re.compile(r"\bo\d+\.(?=\w)"), "o<n>."),
    (re.compile(r"\b(stage|Stage|TID|task) \d+(?:\.\d+)?"), r"\1 <n>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<uuid>"),
]


def normalise_volatile(message: str) -> str:
    """`message` with the bits that differ between runs and machines replaced by placeholders."""
    for pattern, replacement in _RULES:
        message = pattern.sub(replacement, message)
    return message
