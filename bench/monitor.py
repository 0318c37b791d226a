"""The monitor's figures: classification quality, calibration, latency, time to green.

1. Grouped 5-fold cross-validation over the labelled corpus (no template or trigger in both
   train and test): per-class precision/recall/F1, macro-F1, accuracy, expected calibration
   error (10 bins), and at the 0.75 threshold coverage and selective precision; the same for
   the native-code-lookup baseline, scored on the same messages.
2. A classifier trained without the frozen set, on the frozen evaluation set.
3. Classification latency per message, one message at a time (median, p95).
4. Time from failure to verified green per strategy, on real faults (tests/monitor scenarios).

Prints tables and appends them to docs/benchmarks.md.

    .venv/bin/python bench/monitor.py [--folds 5] [--skip-faults]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import append_report, machine
from datamorph.monitor.classifier import Classifier
from datamorph.monitor.corpus import load_corpus, shipped_classifier, split_frozen
from datamorph.monitor.embeddings import Encoder
from datamorph.monitor.evaluate import code_baseline, cross_validate, metrics, predict
from datamorph.monitor.knowledge import load_runbooks

console = Console()


def summary_rows(results: dict[str, dict[str, Any]]) -> list[list[str]]:
    rows = []
    for name, m in results.items():
        rows.append(
            [
                name,
                str(m["messages"]),
                f"{m['accuracy']:.3f}",
                f"{m['macro_f1']:.3f}",
                f"{m['ece']:.3f}",
                f"{m['coverage']:.1%}",
                f"{m['selective_precision']:.3f}",
            ]
        )
    return rows


SUMMARY_COLUMNS = ["", "messages", "accuracy", "macro-F1", "ECE", "coverage@0.75", "sel. prec."]


def per_class_rows(full: dict[str, Any], base: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label, m in full["per_class"].items():
        b = base["per_class"].get(label, {"f1": 0.0})
        rows.append(
            [
                label,
                str(m["support"]),
                f"{m['precision']:.2f}",
                f"{m['recall']:.2f}",
                f"{m['f1']:.2f}",
                f"{b['f1']:.2f}",
            ]
        )
    return rows


PER_CLASS_COLUMNS = ["category", "n", "precision", "recall", "F1", "F1 code lookup"]


def latency(messages: list[str]) -> tuple[float, float]:
    classifier = shipped_classifier()
    classifier.classify(messages[0])  # warm
    times = []
    for message in messages:
        Encoder.forget()  # an embedding is computed per new message, never served from cache
        started = time.perf_counter()
        classifier.classify(message)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def show(title: str, columns: list[str], rows: list[list[str]]) -> list[str]:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    lines = [f"\n**{title}**\n", "| " + " | ".join(columns) + " |"]
    lines.append("|" + "---|" * len(columns))
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-faults", action="store_true")
    parser.add_argument(
        "--backend", default="bm25", choices=["bm25", "embedding"], help="retrieval backend"
    )
    args = parser.parse_args()

    os.environ["DATAMORPH_RETRIEVAL"] = args.backend  # the shipped model's, for the latency
    examples = load_corpus()
    runbooks = load_runbooks()
    started = time.perf_counter()
    cv = cross_validate(examples, runbooks, folds=args.folds, backend=args.backend)
    cv_seconds = time.perf_counter() - started
    baseline = code_baseline(examples)
    train, frozen = split_frozen(examples)
    held_out = predict(Classifier.train(train, runbooks, backend=args.backend), frozen)
    results = {
        f"classifier, grouped {args.folds}-fold CV": metrics(cv),
        "code lookup, same messages": metrics(baseline),
        "trained without it, frozen set": metrics(held_out),
        "code lookup, frozen set": metrics(code_baseline(frozen)),
    }
    lines = [
        f"\n## Monitor classifier, {args.backend} retrieval "
        f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n",
        f"Machine: {machine()}. Corpus: {len(examples)} messages, "
        f"{len({e.group for e in examples})} template groups; frozen set {len(frozen)} "
        f"messages (the held-out model trained on the other {len(train)}). "
        f"CV took {cv_seconds:.1f} s.",
    ]
    lines += show("Classification", SUMMARY_COLUMNS, summary_rows(results))
    lines += show(
        "Per class (grouped CV)",
        PER_CLASS_COLUMNS,
        per_class_rows(results[f"classifier, grouped {args.folds}-fold CV"], metrics(baseline)),
    )
    curve = []
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        full, base = metrics(cv, threshold), metrics(baseline, threshold)
        curve.append(
            [
                f"{threshold:.2f}",
                f"{full['coverage']:.1%}",
                f"{full['selective_precision']:.3f}",
                f"{base['coverage']:.1%}",
                f"{base['selective_precision']:.3f}",
            ]
        )
    lines += show(
        "Coverage and selective precision by threshold (grouped CV)",
        ["threshold", "coverage", "precision", "code lookup coverage", "code lookup precision"],
        curve,
    )
    p50, p95 = latency([e.message for e in examples])
    lines += show(
        "Latency per message (shipped classifier, one at a time)",
        ["messages", "median ms", "p95 ms"],
        [[str(len(examples)), f"{p50:.2f}", f"{p95:.2f}"]],
    )
    if not args.skip_faults:
        from monitor_faults import time_to_green

        rows = [[name, f"{s:.2f}", str(n), outcome] for name, s, n, outcome in time_to_green()]
        lines += show(
            "Failure to verified green, real faults",
            ["scenario (strategy)", "seconds", "decisions", "outcome"],
            rows,
        )
    append_report([*lines, ""])


if __name__ == "__main__":
    main()
