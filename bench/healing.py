"""Self-healing on broken code: the fault suite of tests/healing at a larger scale.

Every pipeline of tests/validation/pipelines.py is compiled on the demo database at the chosen
scale; every fault of tests/healing/faults.py that applies breaks that SQL (never the spec),
and the broken code runs through `datamorph.run(spec, code=broken_sql, ...)`: execute,
validate, heal, publish. Per fault kind it reports the healed share (completed AND the
published table equals the correct output), the mean iterations over the healed runs, the
healer's own seconds per iteration and the whole run's seconds, lines changed per fix, and how
often the last resort (the query regenerated from the spec) was used. Offline: no LLM.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/healing.py [--orders 100000] [--seed 42]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import append_report as write_report
from common import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the pipelines and faults live with the tests

from datamorph.demo.showcase import build_demo_database  # noqa: E402
from datamorph.engines.duckdb import DuckDBEngine  # noqa: E402
from datamorph.runs import RunStore  # noqa: E402
from healing.figures import COLUMNS, per_kind, unhealed  # noqa: E402
from healing.harness import Outcome, inject, run_case  # noqa: E402
from validation.pipelines import PIPELINES  # noqa: E402

# Console headers for COLUMNS[1:11] (the report has the full names).
SHORT = ["runs", "healed", "share", "iter.", "s/iter.", "fix ms", "run s", "lines", "regen."]
GOALS = {"share": "≥ 95 %", "mean iterations": "≤ 1.5"}
console = Console(width=max(Console().width, 110))  # the table needs 110 columns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    os.environ.pop("DATAMORPH_LLM", None)  # offline healing and validation
    outcomes, seconds = measure(args.orders, args.seed)
    show(outcomes, args.orders, seconds)
    append_report(outcomes, args.orders, seconds)


def measure(orders: int, seed: int) -> tuple[list[Outcome], float]:
    with tempfile.TemporaryDirectory(prefix="datamorph-bench-") as tmp:
        root = Path(tmp)
        database = root / "retail.duckdb"
        with console.status(f"generating {orders:,} orders..."):
            build_demo_database(database, orders=orders, seed=seed)
        with DuckDBEngine(database) as engine, console.status("injecting faults..."):
            catalog = engine.catalog(samples=0)
            cases = [
                case
                for name, spec in PIPELINES.items()
                for case in inject(engine, name, spec, catalog)
            ]
        outcomes = []
        started = time.perf_counter()
        with RunStore(root / "home") as store:
            for number, case in enumerate(cases, 1):
                with console.status(f"{number}/{len(cases)}: {case.pipeline} / {case.kind}"):
                    outcomes.append(run_case(database, store, case, number))
        return outcomes, time.perf_counter() - started


def _rows(outcomes: list[Outcome]) -> list[list[str]]:
    return [figures.row() for figures in per_kind(outcomes)]


def show(outcomes: list[Outcome], orders: int, seconds: float) -> None:
    table = Table(title=f"healing benchmark, {orders:,} orders ({machine()})")
    table.add_column("fault", no_wrap=True)
    for name in SHORT:
        table.add_column(name, justify="right")
    shown = len(SHORT) + 1  # the fixers and classifications go to the report only
    rows = _rows(outcomes)
    for row in rows:
        table.add_row(*row[:shown], end_section=row is rows[-2])
    console.print(table)
    console.print(f"{len(outcomes)} runs in {seconds:.1f} s; goals: {GOALS}")
    for line in unhealed(outcomes):
        console.print(f"[red]not healed[/red] {line}")
    for outcome in outcomes:
        if not outcome.target_ok:
            console.print(
                f"[red]wrong rows in target[/red] {outcome.case.pipeline} / {outcome.case.kind}"
            )


def append_report(outcomes: list[Outcome], orders: int, seconds: float) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    total = per_kind(outcomes)[-1]
    regenerated = total.regenerated / total.applied if total.applied else 0.0
    lines = [
        f"\n## bench/healing.py, {orders:,} orders, {stamp}\n",
        f"Machine: {machine()}. {total.applied} broken pipelines (15 pipelines × the fault "
        f"kinds that apply), {seconds:.1f} s in all. Healed share {100 * total.share:.1f} % "
        f"(goal {GOALS['share']}), mean iterations {total.mean_iterations or 0:.2f} over the "
        f"healed (goal {GOALS['mean iterations']}), last-resort regeneration in "
        f"{100 * regenerated:.1f} % of runs, {total.target_violations} targets left with "
        "wrong rows. S / iteration: one remediation iteration (fix, execute and validate "
        "again); fix ms: the healer's own time in it; run s: the whole run; lines changed: "
        "diff lines (+ and -) per fix; classified as: the first iteration's failure kind.\n",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
        *(f"| {' | '.join(row)} |" for row in _rows(outcomes)),
        "",
    ]
    failed = unhealed(outcomes)
    if failed:
        lines += ["Not healed:", "", *(f"- {line}" for line in failed), ""]
    write_report(lines)


if __name__ == "__main__":
    main()
