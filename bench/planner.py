"""The offline planner on every prompt set: correct, wrong and refused, and planning latency.

For each set of tests/planning/evalsets.py (golden, reworded golden, development and the
frozen held-out sets), every prompt is planned, compiled, run and judged against its
hand-written reference. The headline error is "wrong among completed": a table that answers
another question. Refusals (the planner names what it could not read) are counted apart.
Latency is per prompt, on the sets' own catalogs and on a synthetic 100-table catalog.

    .venv/bin/python bench/planner.py              # print, and append to docs/benchmarks.md
    .venv/bin/python bench/planner.py --show dev_library   # list a set's misses (not frozen)
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from tests.planning.evalsets import ALL_SETS, FROZEN, Score, available, score  # noqa: E402

from common import append_report as write_report  # noqa: E402
from common import machine  # noqa: E402
from datamorph.planning.base import PlanningError  # noqa: E402
from datamorph.planning.rules import RulePlanner  # noqa: E402
from planner_context import synthetic_catalog  # noqa: E402

console = Console()
LATENCY_PROMPTS = [
    "total amount per customer",
    "number of orders per status in 2024",
    "top 10 products by revenue",
    "customers without orders",
    "average salary per department",
]
HEADER = ("set", "tier", "prompts", "correct", "wrong", "refused", "error", "accuracy",
          "wrong among completed")  # fmt: skip


def _row(name: str, tier: str, result: Score) -> tuple[str, ...]:
    difficulty = None if tier == "all" else tier
    counts = result.counts(difficulty)
    total = sum(counts.values())
    completed = counts["correct"] + counts["wrong"]
    wrong_share = f"{counts['wrong'] / completed:.1%}" if completed else "-"
    return (
        name, tier, str(total), str(counts["correct"]), str(counts["wrong"]),
        str(counts["refused"]), str(counts["error"]),
        f"{counts['correct'] / total:.0%}" if total else "-", wrong_share,
    )  # fmt: skip


def accuracy(names: list[str]) -> tuple[list[tuple[str, ...]], list[float], list[Score]]:
    rows, times, scores = [], [], []
    for name in names:
        result = score(name, Path(tempfile.mkdtemp()))
        scores.append(result)
        times += [o.seconds for o in result.outcomes]
        tiers = ["all"]
        if {o.case.difficulty for o in result.outcomes} >= {"basic", "hard"}:
            tiers = ["basic", "hard", "all"]
        rows += [_row(name, tier, result) for tier in tiers]
    return rows, times, scores


def latency_100_tables() -> list[float]:
    catalog = synthetic_catalog(100)
    planner = RulePlanner()
    times = []
    for _ in range(5):
        for prompt in LATENCY_PROMPTS:
            started = time.perf_counter()
            with contextlib.suppress(PlanningError):
                planner.plan(prompt, catalog)
            times.append(time.perf_counter() - started)
    return times


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def show(result: Score) -> None:
    for outcome in result.outcomes:
        if outcome.verdict != "correct":
            console.print(f"[bold]{outcome.case.id}[/] {outcome.verdict}: {outcome.case.prompt}")
            console.print(f"    {outcome.detail[:400]}", markup=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sets", nargs="*", default=None, help="set names (default: all)")
    parser.add_argument("--show", nargs="*", default=[], help="list the misses of these sets")
    parser.add_argument("--no-report", action="store_true", help="do not append to the docs")
    args = parser.parse_args()
    names = [n for n in (args.sets or ALL_SETS) if available(n)]
    rows, set_times, scores = accuracy(names)
    big_times = latency_100_tables()
    latency = [
        ("the sets' catalogs (4-6 tables)", f"{1000 * statistics.median(set_times):.1f} ms",
         f"{1000 * p95(set_times):.1f} ms"),
        ("synthetic 100-table catalog", f"{1000 * statistics.median(big_times):.1f} ms",
         f"{1000 * p95(big_times):.1f} ms"),
    ]  # fmt: skip
    table = Table(title=f"offline planner ({machine()})")
    for column in HEADER:
        table.add_column(column)
    for row in rows:
        table.add_row(*row, style="bold" if row[0] in FROZEN else None)
    console.print(table)
    lat = Table(title="planning latency per prompt (goal < 50 ms)")
    for column in ("catalog", "median", "p95"):
        lat.add_column(column)
    for row in latency:
        lat.add_row(*row)
    console.print(lat)
    for result in scores:
        if result.name in args.show:
            if result.name in FROZEN:
                console.print(f"{result.name} is frozen: its misses are not shown")
                continue
            show(result)
    if not args.no_report:
        append(rows, latency)


def append(rows: list[tuple[str, ...]], latency: list[tuple[str, ...]]) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/planner.py, {stamp}\n",
        f"Machine: {machine()}.\n",
        "Offline planner, execution-match against hand-written references. Frozen held-out "
        "sets are `heldout_*` (never tuned on). Goals: frozen basic >= 85 %, hard >= 60 %, "
        "wrong among completed <= 2 % on every set, reworded >= 90 %.\n",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *(f"| {' | '.join(r)} |" for r in rows),
        "\nPlanning latency per prompt (goal < 50 ms):\n",
        "| catalog | median | p95 |",
        "|---|---|---|",
        *(f"| {' | '.join(r)} |" for r in latency),
        "",
    ]
    write_report(lines)


if __name__ == "__main__":
    main()
