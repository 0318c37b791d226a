"""The offline planner: execution-match accuracy on the golden sets, and planning latency.

- accuracy: each golden prompt planned, compiled, run, and judged against its hand-written
  reference (tests/planning/judge.py), per set and per category (goal >= 90 %);
- latency: median and p95 per prompt on the demo catalog and on a synthetic 100-table
  catalog (goal < 50 ms).

Prints tables and appends them to docs/benchmarks.md.

    .venv/bin/python bench/planner.py
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from tests.planning.golden import GOLDEN_SETS, build_golden_database, load_golden  # noqa: E402
from tests.planning.judge import judge_outputs, run_reference, run_spec  # noqa: E402

from common import append_report as write_report  # noqa: E402
from common import machine  # noqa: E402
from datamorph.engines.duckdb import DuckDBEngine  # noqa: E402
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


def accuracy() -> tuple[list[tuple[str, ...]], list[float]]:
    rows, times = [], []
    for name in GOLDEN_SETS:
        path = build_golden_database(name, Path(tempfile.mkdtemp()) / f"{name}.duckdb")
        with DuckDBEngine(path) as engine:
            catalog = engine.catalog(samples=3, profile=True)
            planner = RulePlanner()
            passed, total = Counter[str](), Counter[str]()
            for case in load_golden(name):
                total[case.category] += 1
                try:
                    spec = planner.plan(case.prompt, catalog)
                    times.append(planner.last_seconds)
                    verdict = judge_outputs(
                        run_spec(engine, spec, catalog),
                        run_reference(engine, case.reference_sql),
                        ordered=case.ordered,
                    )
                    passed[case.category] += verdict.ok
                except PlanningError:
                    times.append(planner.last_seconds)
            for category in sorted(total):
                rows.append(
                    (
                        name,
                        category,
                        f"{passed[category]}/{total[category]}",
                        f"{passed[category] / total[category]:.0%}",
                    )
                )
            rows.append(
                (
                    name,
                    "all",
                    f"{sum(passed.values())}/{sum(total.values())}",
                    f"{sum(passed.values()) / sum(total.values()):.0%}",
                )
            )
    return rows, times


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


def main() -> None:
    rows, demo_times = accuracy()
    big_times = latency_100_tables()
    latency = [
        (
            "golden-set prompts (5-6 tables)",
            f"{1000 * statistics.median(demo_times):.1f} ms",
            f"{1000 * p95(demo_times):.1f} ms",
        ),
        (
            "synthetic 100-table catalog",
            f"{1000 * statistics.median(big_times):.1f} ms",
            f"{1000 * p95(big_times):.1f} ms",
        ),
    ]
    table = Table(title=f"offline planner accuracy ({machine()})")
    for column in ("set", "category", "passed", "share"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    lat = Table(title="planning latency per prompt (goal < 50 ms)")
    for column in ("catalog", "median", "p95"):
        lat.add_column(column)
    for row in latency:
        lat.add_row(*row)
    console.print(lat)
    append(rows, latency)


def append(rows: list[tuple[str, ...]], latency: list[tuple[str, ...]]) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/planner.py, {stamp}\n",
        f"Machine: {machine()}.\n",
        "Execution-match accuracy of the offline planner (goal >= 90 %):\n",
        "| set | category | passed | share |",
        "|---|---|---|---|",
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
