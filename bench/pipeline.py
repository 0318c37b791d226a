"""Pipeline overhead on the demo data: what DataMorph adds on top of the query itself.

Measures, side by side in one process on one database:
- demo generation speed (rows/s) at the chosen scale;
- end-to-end `datamorph.run` of the demo spec (catalog snapshot, check, compile, stage,
  publish, run store) against the same compiled SQL run directly in DuckDB as
  `CREATE OR REPLACE TABLE ... AS <sql>` (median of N each, interleaved);
- compile time (spec -> SQL) and check time.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/pipeline.py [--orders 1000000 10000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from common import append_report as write_report
from common import machine
from datamorph import run
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import build_demo_database, demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs import RunStore

console = Console()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for orders in args.orders:
        figures = measure(orders, args.repeat)
        show(figures, orders)
        append_report(figures, orders)


def measure(orders: int, repeat: int) -> list[tuple[str, str, str, str]]:
    with tempfile.TemporaryDirectory(prefix="datamorph-bench-") as tmp:
        root = Path(tmp)
        database = root / "retail.duckdb"
        with console.status(f"generating {orders:,} orders..."):
            generation = [build_demo_database(database, orders=orders) for _ in range(3)]
        rows = sum(generation[0].rows.values())
        gen_seconds = statistics.median(g.seconds for g in generation)

        spec = demo_spec()
        with DuckDBEngine(database) as engine:
            catalog = engine.catalog(samples=0)
        sql = compile_sql(spec, catalog, "duckdb")
        compile_ms = 1000 * statistics.median(
            timed(lambda: compile_sql(spec, catalog, "duckdb")) for _ in range(50)
        )
        check_ms = 1000 * statistics.median(timed(lambda: spec.check(catalog)) for _ in range(50))

        def direct() -> None:
            with duckdb.connect(str(database)) as con:
                con.execute(f"CREATE OR REPLACE TABLE direct_result AS {sql}")

        store = RunStore(root / "home")

        def pipeline() -> None:
            result = run(spec, database=str(database), store=store)
            assert result.ok, result.message

        direct(), pipeline()  # warm the OS cache and DuckDB's file once for both
        direct_times, pipeline_times = [], []
        for _ in range(repeat):  # interleaved, so drift on a noisy machine hits both
            direct_times.append(timed(direct))
            pipeline_times.append(timed(pipeline))
        store.close()

    direct_s, pipeline_s = statistics.median(direct_times), statistics.median(pipeline_times)
    overhead_ms = 1000 * statistics.median(
        p - d for p, d in zip(pipeline_times, direct_times, strict=True)
    )
    return [
        (
            "demo generation",
            f"{rows:,} rows in {gen_seconds:.2f} s",
            f"{rows / gen_seconds:,.0f} rows/s",
            "≥ 1,000,000 rows/s",
        ),
        ("direct SQL in DuckDB", f"median of {repeat}", f"{direct_s:.3f} s", ""),
        ("datamorph run (end to end)", f"median of {repeat}", f"{pipeline_s:.3f} s", ""),
        ("run / direct", "ratio of medians", f"{pipeline_s / direct_s:.2f}×", "≤ 1.2×"),
        ("run − direct", "median of pairs", f"{overhead_ms:.0f} ms", "fixed overhead"),
        ("compile spec → SQL", "median of 50", f"{compile_ms:.2f} ms", "< 20 ms"),
        ("check spec", "median of 50", f"{check_ms:.2f} ms", ""),
    ]


def show(figures: list[tuple[str, str, str, str]], orders: int) -> None:
    table = Table(title=f"pipeline benchmark, {orders:,} orders ({machine()})")
    for name in ("measure", "how", "result", "goal"):
        table.add_column(name)
    for row in figures:
        table.add_row(*row)
    console.print(table)


def append_report(figures: list[tuple[str, str, str, str]], orders: int) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/pipeline.py, {orders:,} orders, {stamp}\n",
        f"Machine: {machine()}.\n",
        "| measure | how | result | goal |",
        "|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in figures),
        "",
    ]
    write_report(lines)


if __name__ == "__main__":
    main()
