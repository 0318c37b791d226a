"""PySpark healing on a frozen held-out set: how many broken scripts end with the right table.

The cases (tests/hostile/pyspark_healing_frozen.py) were written blind to the healing code: a
user's hand-written script on a schema of its own, with one or two realistic mistakes, and the
spec of the question meant. Each broken script runs through `datamorph.run(spec, code=...)` on
Spark local[2] with the offline fixers (no model). Its outcome:

- healed: completed, and the table equals the spec's answer computed by DuckDB; split into
  patched (the script's own literals fixed through the AST) and regenerated (the last resort,
  the script compiled from the spec);
- wrong: completed with a table that differs from the answer (the headline error);
- refused: the run ended failed or needing attention, or the script was refused outright.

The good script of each case runs too, as a control (it must complete on the first attempt).
Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/pyspark_healing.py [--cases N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from common import append_report, machine

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests" / "hostile"), str(REPO / "tests")]
from pyspark_healing_frozen import CASES  # noqa: E402

import datamorph  # noqa: E402
from datamorph.codegen.sql import compile_sql  # noqa: E402
from datamorph.engines import open_engine  # noqa: E402
from datamorph.engines.transfer import copy_tables  # noqa: E402
from datamorph.errors import DataMorphError  # noqa: E402
from datamorph.runs import RunStore  # noqa: E402
from datamorph.spec import Spec  # noqa: E402
from rows import close, plain  # noqa: E402

console = Console()
LABELS = ("patched", "regenerated", "wrong", "refused")
DATABASE = "spark:local[2]"


def load_case(case: dict[str, Any], folder: Path) -> Path:
    path = folder / f"{case['id']}.duckdb"
    with duckdb.connect(str(path)) as con:
        for name, table in case["tables"].items():
            columns = ", ".join(f'"{c}" {t}' for c, t in table["columns"].items())
            con.execute(f'CREATE TABLE "{name}" ({columns})')
            if table["rows"]:
                marks = ", ".join("?" * len(table["columns"]))
                con.executemany(f'INSERT INTO "{name}" VALUES ({marks})', table["rows"])
    return path


def answer(database: Path, spec: Spec) -> list[tuple[Any, ...]]:
    from datamorph.engines.duckdb import DuckDBEngine

    with DuckDBEngine(database, read_only=True) as engine:
        return plain(engine.query(compile_sql(spec, engine.catalog(samples=0))).rows, 6)


def reset_warehouse(engine: Any) -> None:
    """Only this case's tables in the catalog, so a fixer's guesses come from them alone."""
    for table in engine.spark.catalog.listTables():
        if not table.isTemporary:
            kind = "VIEW" if table.tableType == "VIEW" else "TABLE"
            engine.execute(f"DROP {kind} IF EXISTS `{table.name}`")


def run_case(case: dict[str, Any], script: str, folder: Path, store: RunStore) -> dict[str, Any]:
    spec = Spec.from_dict(case["spec"])
    path = folder / f"{case['id']}.py"
    path.write_text(script)
    started = time.perf_counter()
    try:
        result = datamorph.run(spec, code=path, database=DATABASE, store=store)
    except DataMorphError as error:
        return {"outcome": "refused", "why": error.one_line(), "seconds": 0.0}
    seconds = time.perf_counter() - started
    if result.status != "completed":
        return {"outcome": "refused", "why": result.message, "seconds": seconds,
                "iterations": result.iterations}  # fmt: skip
    engine = open_engine(DATABASE)
    got = plain(engine.query(f"SELECT * FROM `{spec.target_table.name}`").rows, 6)
    fixers = healing_fixers(store, result.run_id)
    return {
        "outcome": "healed" if close(got, case["_answer"], 1e-6) else "wrong",
        "regenerated": any(f.endswith("regenerate") for f in fixers),
        "fixers": fixers,
        "iterations": result.iterations,
        "seconds": seconds,
    }


def healing_fixers(store: RunStore, run_id: str) -> list[str]:
    names = sorted(a.name for a in store.artifacts(run_id) if a.name.endswith(".json"))
    return [
        json.loads(store.read_artifact(run_id, name))["fixer"]
        for name in names
        if name.startswith("healing/iteration-")
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=len(CASES))
    args = parser.parse_args()
    wall = time.perf_counter()
    outcomes: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        import os

        os.environ["DATAMORPH_HOME"] = str(folder / "home")
        os.environ["DATAMORPH_SPARK_WAREHOUSE"] = str(folder / "warehouse")
        engine = open_engine(DATABASE)
        with RunStore(folder / "store") as store:
            for case in CASES[: args.cases]:
                database = load_case(case, folder)
                reset_warehouse(engine)
                copy_tables(database, list(case["tables"]), engine, folder)
                case["_answer"] = answer(database, Spec.from_dict(case["spec"]))
                control = run_case(case, case["good_script"], folder, store)
                broken = run_case(case, case["broken_script"], folder, store)
                outcomes.append((case, control, broken))
                fixers = broken.get("fixers", "")
                console.print(
                    f"{case['id']:<32} control {control['outcome']:<8} "
                    f"broken {broken['outcome']:<8} {fixers}"
                )
    report(outcomes, time.perf_counter() - wall)


def report(outcomes: list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]],
           wall: float) -> None:  # fmt: skip
    by_kind: dict[str, Counter[str]] = {}
    for case, _, broken in outcomes:
        label = broken["outcome"]
        if label == "healed":
            label = "regenerated" if broken["regenerated"] else "patched"
        by_kind.setdefault(case["kind"], Counter())[label] += 1
    table = Table(title="PySpark healing, frozen held-out set (offline fixers, Spark local[2])")
    for column in ("kind", "cases", "patched", "regenerated", "wrong", "refused"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    total: Counter[str] = Counter()
    for kind, counts in sorted(by_kind.items()):
        total.update(counts)
        table.add_row(kind, str(sum(counts.values())), *(str(counts[k]) for k in LABELS))
    table.add_row("all", str(sum(total.values())), *(str(total[k]) for k in LABELS))
    console.print(table)
    controls = Counter(
        "first attempt" if c["outcome"] == "healed" and not c.get("iterations") else c["outcome"]
        for _, c, _ in outcomes
    )
    completed = total["patched"] + total["regenerated"] + total["wrong"]
    lines = [
        f"## PySpark healing on the frozen held-out set ({datetime.now(UTC):%Y-%m-%d})",
        "",
        f"Machine: {machine()}. Command: `.venv/bin/python bench/pyspark_healing.py`; "
        f"{wall / 60:.1f} min wall. Cases: tests/hostile/pyspark_healing_frozen.py, written "
        "blind to the healing code and not tuned on. Offline fixers only (no model).",
        "",
        "| kind | cases | patched | regenerated | wrong | refused |",
        "|---|---|---|---|---|---|",
        *(
            f"| {kind} | {sum(c.values())} | {c['patched']} | {c['regenerated']} | "
            f"{c['wrong']} | {c['refused']} |"
            for kind, c in sorted(by_kind.items())
        ),
        f"| all | {sum(total.values())} | {total['patched']} | {total['regenerated']} | "
        f"{total['wrong']} | {total['refused']} |",
        "",
        f"Wrong among completed: {total['wrong']} of {completed}. Controls (the good scripts): "
        + ", ".join(f"{k} {v}" for k, v in sorted(controls.items()))
        + ".",
    ]
    append_report(["", *lines, ""])


if __name__ == "__main__":
    main()
