"""Validation cost: the rule-based checks as a share of the pipeline's own execution time.

For the demo spec and a few specs from tests/specs, on the demo database at the chosen scale,
in one process on one DuckDB connection:
- execution: `engine.build_staging(compiled_sql, run_id)` (the pipeline's query into staging);
- validation: `validate(engine, spec, staging, catalog)` on that staging table (phase 1; no
  LLM, so phase 2 is skipped), split into the reference it builds (the spec evaluated again
  into a temporary table, timed on its own) and the rest (the checks);
median of N each, interleaved (build, then validate what was built). Goal: validation ≤ 50 %
of execution.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/validation.py [--orders 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from common import append_report as write_report
from common import machine
from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import build_demo_database, demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.spec import Spec
from datamorph.validation import validate

ROOT = Path(__file__).resolve().parents[1]
SPECS = ["top_customers_by_month", "category_share", "unpaid_orders"]
GOAL = 0.5
console = Console()
Row = tuple[str, str, str, str, str, str, str, str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    figures = measure(args.orders, args.repeat)
    show(figures, args.orders)
    append_report(figures, args.orders, args.repeat)


def specs() -> list[tuple[str, Spec]]:
    found = [("demo", demo_spec())]
    found += [(name, Spec.load(str(ROOT / "tests" / "specs" / f"{name}.json"))) for name in SPECS]
    return found


def measure(orders: int, repeat: int) -> list[Row]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="datamorph-bench-") as tmp:
        database = Path(tmp) / "retail.duckdb"
        with console.status(f"generating {orders:,} orders..."):
            build_demo_database(database, orders=orders)
        with DuckDBEngine(database) as engine:
            catalog = engine.catalog(samples=0)
            for name, spec in specs():  # no spinner while timing: it competes for the CPU
                for mode in ("compiled", "given code"):
                    console.print(f"[dim]{name} ({mode}): {repeat} × (execute, validate)...[/]")
                    figures.append(measure_spec(engine, catalog, name, spec, repeat, mode))
    return figures


def measure_spec(
    engine: DuckDBEngine, catalog: Catalog, name: str, spec: Spec, repeat: int, mode: str
) -> Row:
    """`compiled`: the code is the spec's compiled SQL (the default run), so validate skips the
    reference; `given code`: any other code, validated against the spec evaluated again."""
    sql = compile_sql(spec, catalog, "duckdb")
    code = sql if mode == "compiled" else None
    run_id = "bench_validation"
    staging = engine.build_staging(sql, run_id)  # warm the OS cache and DuckDB's buffers
    validate(engine, spec, staging.name, catalog, code=code)
    executions, validations, references = [], [], []
    for _ in range(repeat):  # interleaved: validate exactly what was just built
        started = time.perf_counter()
        staging = engine.build_staging(sql, run_id)
        executions.append(time.perf_counter() - started)
        started = time.perf_counter()
        report = validate(engine, spec, staging.name, catalog, code=code)
        validations.append(time.perf_counter() - started)
        started = time.perf_counter()  # what validate's reference costs: the spec, run again
        engine.execute(f"CREATE TEMP TABLE _bench_reference AS {sql}")
        references.append(time.perf_counter() - started)
        engine.execute("DROP TABLE _bench_reference")
    engine.drop_staging(staging)
    execution, validation = statistics.median(executions), statistics.median(validations)
    share = validation / execution
    ran = [c for c in report.checks if c.status != "skipped"]
    slowest = max(ran, key=lambda c: c.seconds, default=None)
    reference = statistics.median(references) if mode != "compiled" else 0.0
    return (
        name,
        mode,
        f"{staging.rows:,}",
        f"{execution:.3f} s",
        f"{validation:.3f} s",
        f"{reference:.3f} s",
        f"{validation - reference:.3f} s",
        f"{share:.0%}" + ("" if share <= GOAL else " ✗"),
        f"{report.status}, {len(ran)} checks",
        f"{slowest.name} {slowest.seconds:.3f} s" if slowest else "-",
    )


HEADERS = (
    "spec",
    "mode",
    "rows",
    "execution",
    "validation",
    "of which reference",
    "checks",
    "share",
    "report",
    "slowest check",
)


def show(figures: list[Row], orders: int) -> None:
    title = f"validation cost, {orders:,} orders, goal ≤ {GOAL:.0%} ({machine()})"
    table = Table(title=title)
    for name in HEADERS:
        table.add_column(name)
    for row in figures:
        table.add_row(*row)
    console.print(table)


def append_report(figures: list[Row], orders: int, repeat: int) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/validation.py, {orders:,} orders, {stamp}\n",
        f"Machine: {machine()}. Execution is `build_staging` of the compiled SQL, validation",
        "is `validate(...)` of that staging table (rule-based checks, no LLM): the reference it",
        "builds (the spec run again into a temporary table, timed on its own) and the checks",
        f"(the rest); medians of {repeat}, goal: validation ≤ {GOAL:.0%} of execution.\n",
        f"| {' | '.join(HEADERS)} |",
        "|" + "---|" * len(HEADERS),
        *(f"| {' | '.join(row)} |" for row in figures),
        "",
    ]
    write_report(lines)


if __name__ == "__main__":
    main()
