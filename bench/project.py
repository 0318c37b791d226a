"""A 20-model project (bench/project_models.py) on the demo data: `datamorph build` against
`dbt build` (dbt-duckdb, on the project `datamorph export dbt` writes: the same models and
tests), whole processes, interleaved, median (min-max) of N; then one incremental model after
1 % new orders against a full refresh of it. Appends its tables to docs/benchmarks.md.

    .venv/bin/python bench/project.py [--orders 1000000] [--runs 5] [--quick]

dbt is looked for as DBT (a path), beside this Python, in the virtualenv the dbt export tests
cache, then on PATH; without it the dbt row is left out and the report says so. Each command
runs in a fresh process with a private home and run store, no daemon (DATAMORPH_DAEMON=off):
what a scheduler's job costs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from common import append_report, machine
from project_models import MODELS

BIN = Path(sys.executable).parent
TABLES = ("customers", "orders", "order_items", "products", "payments")


def datamorph(*args: str) -> list[str]:
    return [str(BIN / "datamorph"), *args]


def find_dbt() -> str | None:
    """DBT, else dbt beside this Python, the virtualenv tests/test_dbt_export.py caches, or PATH."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "datamorph"
    cached = sorted(cache.glob("dbt-venv-*/bin/dbt"))
    venv = os.environ.get("DATAMORPH_DBT_VENV")
    for candidate in (os.environ.get("DBT"), str(BIN / "dbt"),
                      venv and str(Path(venv) / "bin" / "dbt"),
                      *map(str, cached[-1:]), shutil.which("dbt")):  # fmt: skip
        if candidate and Path(candidate).exists():
            return candidate
    return None


def private_env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAMORPH_")}
    return env | {
        "DATAMORPH_HOME": str(folder / "home"),
        "DATAMORPH_DAEMON": "off",
        "XDG_CONFIG_HOME": str(folder / "config"),
        "XDG_CACHE_HOME": str(folder / "cache"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(folder / "dbt"),
    }


def checked(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[:4])} failed:\n{(done.stderr or done.stdout)[-3000:]}")
    return done


def write_project(root: Path, database: Path) -> None:
    (root / "models").mkdir(parents=True)
    (root / "datamorph.toml").write_text(
        f'database = "{database}"\n[project]\nname = "bench20"\n', encoding="utf-8"
    )
    for folder, name, spec in MODELS:
        (root / "models" / folder).mkdir(exist_ok=True)
        (root / "models" / folder / f"{name}.json").write_text(json.dumps(spec, indent=1))


def add_new_orders(database: Path, share: float) -> int:
    """`share` of the orders again, as new orders (new ids, today's date): an increment."""
    with duckdb.connect(str(database)) as con:
        (top,) = con.execute("SELECT max(order_id) FROM orders").fetchone() or (0,)
        con.execute(
            f"INSERT INTO orders SELECT * REPLACE (order_id + {int(top)} AS order_id) "
            f"FROM orders USING SAMPLE {share * 100:.4f} PERCENT (bernoulli, 7)"
        )
        (added,) = con.execute(
            f"SELECT count(*) FROM orders WHERE order_id > {top}"
        ).fetchone() or (0,)
    return int(added)


def timed(
    argv: list[str], env: dict[str, str], cwd: Path, before: Callable[[], None] | None = None
) -> float:
    if before is not None:
        before()
    started = time.perf_counter()
    checked(argv, env, cwd)
    return time.perf_counter() - started


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10,000 orders, N=2")
    args = parser.parse_args()
    orders, runs = (10_000, 2) if args.quick else (args.orders, args.runs)
    dbt = find_dbt()
    with tempfile.TemporaryDirectory(prefix="dm-bench-project-") as name:
        folder = Path(name)
        env = private_env(folder)
        ours, theirs = folder / "datamorph.duckdb", folder / "dbt.duckdb"
        print(f"demo data, {orders:,} orders ...", flush=True)
        sources(ours, theirs, orders, env, folder)
        project = folder / "project"
        write_project(project, ours)
        commands: list[tuple[str, list[str], Path]] = [("datamorph build", datamorph("build"),
                                                        project)]  # fmt: skip
        if dbt is not None:
            export = folder / "dbt"
            argv = datamorph("export", "dbt", str(export), "--database", str(theirs))
            checked(argv, env, project)
            commands.append(("dbt build", [dbt, "build", "--project-dir", str(export)], export))
        rows = whole_builds(commands, runs, env, orders)
        rows += incremental(project, ours, runs, env)
    show(rows, orders, runs, dbt)


def sources(ours: Path, theirs: Path, orders: int, env: dict[str, str], folder: Path) -> None:
    """The demo's source tables at `orders`, twice: DataMorph's database and dbt's."""
    checked(datamorph("demo", "--scale", str(orders), "--database", str(ours), "--json"),
            env, folder)  # fmt: skip
    with duckdb.connect(str(ours)) as con:  # the demo's own outputs go: sources only
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            if table not in TABLES:
                con.execute(f'DROP TABLE "{table}"')
    shutil.copy(ours, theirs)


def whole_builds(
    commands: list[tuple[str, list[str], Path]], runs: int, env: dict[str, str], orders: int
) -> list[list[str]]:
    seconds: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    print(f"{len(MODELS)} models: {' / '.join(seconds)}, N={runs} ...", flush=True)
    for _label, argv, cwd in commands:  # warm-up: builds every table once, not timed
        timed(argv, env, cwd)
    for _ in range(runs):
        for label, argv, cwd in commands:
            seconds[label].append(timed(argv, env, cwd))
    base = statistics.median(seconds["datamorph build"])
    return [
        [f"`{label}`, {len(MODELS)} models, {orders:,} orders", spread(values),
         f"{statistics.median(values) / base:.2f}×"]
        for label, values in seconds.items()
    ]  # fmt: skip


def incremental(project: Path, database: Path, runs: int, env: dict[str, str]) -> list[list[str]]:
    """fct_orders after 1 % new orders, against its full refresh, interleaved."""
    increment = datamorph("build", "--select", "fct_orders")
    full = datamorph("build", "--select", "fct_orders", "--full-refresh")
    added: list[int] = []
    inc_s: list[float] = []
    full_s: list[float] = []
    print("incremental (1 % new orders) / full refresh ...", flush=True)
    for _ in range(runs):
        before = lambda: added.append(add_new_orders(database, 0.01))  # noqa: E731
        inc_s.append(timed(increment, env, project, before=before))
        full_s.append(timed(full, env, project))
    ratio = statistics.median(inc_s) / statistics.median(full_s)
    case = f"`build --select fct_orders` after 1 % new orders (~{statistics.median(added):,.0f})"
    return [
        [case, spread(inc_s), f"{ratio:.2f}× full"],
        ["`build --select fct_orders --full-refresh`", spread(full_s), "1.00×"],
    ]


def show(rows: list[list[str]], orders: int, runs: int, dbt: str | None) -> None:
    width = max(len(r[0]) for r in rows)
    for row in rows:
        print(f"{row[0]:<{width}}  {row[1]:>24}  {row[2]:>10}")
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip()  # fmt: skip
    note = "" if dbt else " dbt was not installed: its row is missing."
    append_report([
        "",
        f"## bench/project.py: a 20-model project ({stamp})",
        "",
        f"Machine: {machine()}. Git HEAD {head}. {orders:,} orders, N={runs}, whole processes, "
        "interleaved after one untimed warm-up build, no daemon; median (min–max). dbt builds "
        f"the project `datamorph export dbt` writes, on its own copy of the sources.{note}",
        "",
        "| case | median (min–max) | ratio |",
        "|---|---:|---:|",
        *(f"| {r[0]} | {r[1]} | {r[2]} |" for r in rows),
        "",
    ])  # fmt: skip


if __name__ == "__main__":
    main()
