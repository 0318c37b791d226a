"""Whole processes, the way a user or a scheduler runs them: what the CLI costs on top of DuckDB.

Every figure is a fresh process started with subprocess, the commands of a group interleaved
(A, B, A, B, ...) so that a slow moment of the machine hits all of them; one untimed warm-up
round first. Median, min and max over N runs, the ratio of medians, and each process's own peak
memory (`/usr/bin/time -f %M`, when GNU time is installed: a direct child of this script
inherits the script's RSS as its high-water mark, so wait4's ru_maxrss would be wrong for small
processes; time's own fork-exec adds about a millisecond to every command alike).

- start-up: `datamorph --help` and `datamorph compile --spec ...` beside `python -c pass` (the
  floor); target under 150 ms;
- per size: `datamorph run --spec ... --json` (the demo's spec, a private DATAMORPH_HOME) beside
  the same compiled SQL materialised by raw DuckDB in a fresh `python -c`; and `dbt build` of the
  same model with unique + not_null tests, when dbt-duckdb is installed in the venv (else skipped).

A run that fails (exit code, or JSON status not completed) stops the benchmark: timing failures
is worthless.

    .venv/bin/python bench/cli.py [--orders 100000,1000000] [--runs 7] [--no-report]
    .venv/bin/python bench/cli.py --quick --no-report     # N=3, 100k orders only
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from common import append_report, machine

ROOT = Path(__file__).resolve().parents[1]
TIME = Path("/usr/bin/time")  # GNU time, for each process's own peak RSS
BIN = Path(sys.executable).parent
SPEC = ROOT / "examples" / "customer_order_summary.json"  # the same spec `datamorph demo` runs
KEY = "customer_id"
STARTUP_TARGET_S = 0.150
RUN_TARGET_RATIO = 1.2  # the pipeline benchmark's goal: run at most 1.2 times the query itself
RAW = (
    "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
    "con.execute('CREATE OR REPLACE TABLE t_raw AS ' + sys.argv[2]); con.close()"
)
console = Console(width=None if sys.stdout.isatty() else 180)  # piped: do not wrap at 80


@dataclass
class Command:
    """One command line, and what each fresh process of it cost."""

    argv: list[str]
    check_json: bool = False  # stdout is `--json`: status must be completed
    cwd: Path | None = None
    seconds: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)


@dataclass
class Case:
    label: str
    measured: Command
    baseline: Command
    target: str
    met: bool | None = None


def private_env(folder: Path) -> dict[str, str]:
    """Nothing of the user's is read or touched: home, run store, config and cache are private."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATAMORPH_")}
    # A user's installed package has its .pyc files: with PYTHONDONTWRITEBYTECODE every process
    # would compile every module again. The warm-up round fills a private cache instead of the
    # checkout's __pycache__ folders.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    home = folder / "home"
    return env | {
        "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        "DATAMORPH_HOME": str(home),
        "DATAMORPH_STORE": f"sqlite:///{home / 'runs.db'}",
        "XDG_CONFIG_HOME": str(folder / "config"),  # no user-level config.toml
        "XDG_CACHE_HOME": str(folder / "cache"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def run_once(command: Command, env: dict[str, str], folder: Path) -> None:
    """Start one fresh process, time it, record its peak memory; stop everything on a failure."""
    rss_path = folder / "maxrss.txt"
    # GNU time forks the command from a small process: a direct child of this Python process
    # starts with our RSS as its high-water mark (wait4's ru_maxrss would report that instead).
    wrapper = [str(TIME), "-f", "%M", "-o", str(rss_path)] if TIME.exists() else []
    started = time.perf_counter()
    argv, cwd = [*wrapper, *command.argv], command.cwd or folder
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd)
    seconds = time.perf_counter() - started
    failure = f"exit code {done.returncode}" if done.returncode != 0 else ""
    if not failure and command.check_json:
        try:
            status = json.loads(done.stdout).get("status")
        except ValueError:
            status = "no JSON on stdout"
        failure = "" if status == "completed" else f"status {status!r}"
    if failure:
        console.print(f"[red]{' '.join(command.argv[:4])} ... failed: {failure}[/red]")
        console.print((done.stderr or done.stdout).strip()[-2000:])
        raise SystemExit(1)
    command.seconds.append(seconds)
    if wrapper:  # KiB; the last line (time writes "Command exited ..." above it on failures)
        command.rss_kib.append(int(rss_path.read_text().split()[-1]))


def interleave(commands: list[Command], runs: int, env: dict[str, str], folder: Path) -> None:
    for command in commands:  # warm-up: OS cache, .pyc files, DuckDB's file; not timed
        run_once(command, env, folder)
        command.seconds.clear()
        command.rss_kib.clear()
    for _ in range(runs):
        for command in commands:
            run_once(command, env, folder)


def datamorph(*args: str) -> list[str]:
    return [str(BIN / "datamorph"), *args]


def build_database(path: Path, orders: int, env: dict[str, str]) -> None:
    with console.status(f"datamorph demo --scale {orders:,} ..."):
        done = subprocess.run(
            datamorph("demo", "--scale", str(orders), "--database", str(path), "--json"),
            capture_output=True, text=True, env=env, cwd=path.parent,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"datamorph demo failed: {(done.stderr or done.stdout).strip()[-2000:]}")


def compiled_sql(database: Path, env: dict[str, str]) -> str:
    argv = datamorph("compile", "--spec", str(SPEC), "-d", str(database))
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=database.parent)
    if done.returncode != 0:
        raise SystemExit(f"datamorph compile failed: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip()


def dbt_available() -> bool:
    return (BIN / "dbt").exists() and importlib.util.find_spec("dbt.adapters.duckdb") is not None


def dbt_project(folder: Path, database: Path, sql: str) -> Command:
    """A one-model dbt project on a copy of the database, tests on the key: what dbt users run."""
    project = folder / f"dbt_{database.stem}"
    (project / "models").mkdir(parents=True)
    copy = folder / f"dbt_{database.name}"
    shutil.copyfile(database, copy)
    (project / "dbt_project.yml").write_text(
        "name: bench\nversion: '1.0'\nconfig-version: 2\nprofile: bench\n"
        "models:\n  bench:\n    +materialized: table\n"
    )
    (project / "profiles.yml").write_text(
        f"bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: '{copy}'\n"
        "      threads: 1\n"
    )
    (project / "models" / "customer_order_summary.sql").write_text(sql + "\n")
    (project / "models" / "schema.yml").write_text(
        "version: 2\nmodels:\n  - name: customer_order_summary\n    columns:\n"
        f"      - name: {KEY}\n        tests: [unique, not_null]\n"
    )
    directory = str(project)
    argv = [str(BIN / "dbt"), "build", "--project-dir", directory, "--profiles-dir", directory]
    return Command(argv, cwd=project)  # its target/ and logs/ stay in the temp dir


def startup_cases(database: Path) -> list[Case]:
    floor = Command([sys.executable, "-c", "pass"])
    compile_argv = datamorph("compile", "--spec", str(SPEC), "-d", str(database))
    target = f"< {STARTUP_TARGET_S * 1000:.0f} ms"
    return [
        Case("`datamorph --help` ÷ `python -c pass`", Command(datamorph("--help")), floor, target),
        Case("`datamorph compile` ÷ `python -c pass`", Command(compile_argv), floor, target),
    ]


def size_cases(orders: int, folder: Path, env: dict[str, str]) -> list[Case]:
    database = folder / f"retail_{orders}.duckdb"
    build_database(database, orders, env)
    sql = compiled_sql(database, env)
    run = Command(
        datamorph("run", "--spec", str(SPEC), "-d", str(database), "--target", "t_datamorph",
                  "--json", "--yes"),
        check_json=True,
    )  # fmt: skip
    raw = Command([sys.executable, "-c", RAW, str(database), sql])
    target = f"≤ {RUN_TARGET_RATIO}× raw"
    cases = [Case(f"`datamorph run` ÷ raw DuckDB, {orders:,} orders", run, raw, target)]
    if dbt_available():
        dbt = dbt_project(folder, database, sql)
        cases.append(Case(f"`dbt build` ÷ raw DuckDB, {orders:,} orders", dbt, raw, "—"))
    else:
        console.print("dbt (dbt-core + dbt-duckdb) is not installed in the venv: dbt skipped")
    return cases


def same_rows(database: Path) -> None:
    """Both sides did the same work: the published table and the raw one hold the same rows."""
    with duckdb.connect(str(database), read_only=True) as con:
        count = "SELECT count(*) FROM {}"
        counts = [con.execute(count.format(t)).fetchone() for t in ("t_datamorph", "t_raw")]
    if counts[0] != counts[1]:
        raise SystemExit(f"{database.name}: t_datamorph has {counts[0]} rows, t_raw {counts[1]}")


def spread(command: Command) -> str:
    s = command.seconds
    return f"{statistics.median(s):.3f} s ({min(s):.3f}–{max(s):.3f})"


def mib(command: Command) -> str:
    return f"{max(command.rss_kib) / 1024:.0f}" if command.rss_kib else "n/a"


def judge(case: Case) -> None:
    measured = statistics.median(case.measured.seconds)
    if case.target.startswith("<"):
        case.met = measured < STARTUP_TARGET_S
    elif case.target.startswith("≤"):
        case.met = measured / statistics.median(case.baseline.seconds) <= RUN_TARGET_RATIO


def rows(cases: list[Case]) -> list[list[str]]:
    table = []
    for case in cases:
        judge(case)
        ratio = statistics.median(case.measured.seconds) / statistics.median(case.baseline.seconds)
        met = {True: "yes", False: "no", None: "—"}[case.met]
        table.append(
            [case.label, spread(case.measured), spread(case.baseline), f"{ratio:.2f}×",
             f"{mib(case.measured)} / {mib(case.baseline)}", case.target, met]
        )  # fmt: skip
    return table


HEADERS = [
    "case", "measured median (min–max)", "baseline median (min–max)", "ratio",
    "peak RSS MiB (measured / baseline)", "target", "met?",
]  # fmt: skip


def show(table: list[list[str]], runs: int) -> None:
    view = Table(title=f"bench/cli.py: whole processes, N={runs} ({machine()})")
    for header in HEADERS:
        view.add_column(header)
    for row in table:
        view.add_row(*row)
    console.print(view)


def git_head() -> str:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    )
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], capture_output=True,
                           text=True, cwd=ROOT).stdout.strip()  # fmt: skip
    return head.stdout.strip() + (" (src/ has uncommitted changes)" if dirty else "")


def report(table: list[list[str]], runs: int, orders: list[int]) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    append_report([
        "",
        f"## bench/cli.py: the CLI as whole processes ({stamp})",
        "",
        f"Machine: {machine()}. Git HEAD {git_head()}. `bench/cli.py --runs {runs} --orders "
        f"{','.join(map(str, orders))}`: each command a fresh process, interleaved, after one "
        "untimed warm-up; median (min–max) of N, ratio of medians, the largest max RSS seen. "
        "Raw DuckDB materialises the SQL `datamorph compile` prints in a fresh `python -c`.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|---|---:|---:|---:|---:|---|---|",
        *("| " + " | ".join(row) + " |" for row in table),
        "",
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", default="100000,1000000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--quick", action="store_true", help="N=3 and 100,000 orders only")
    parser.add_argument("--no-report", action="store_true", help="do not append to the report")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    orders = [100_000] if args.quick else [int(n) for n in args.orders.split(",")]
    with tempfile.TemporaryDirectory(prefix="dm-bench-cli-") as name:
        folder = Path(name)
        env = private_env(folder)
        small = folder / "small.duckdb"
        build_database(small, 1_000, env)
        cases = startup_cases(small)
        with console.status("start-up: python -c pass, --help, compile ..."):
            interleave([cases[0].baseline, *(c.measured for c in cases)], runs, env, folder)
        for size in orders:
            group = size_cases(size, folder, env)  # one baseline (raw DuckDB) shared by the group
            with console.status(f"{size:,} orders: raw DuckDB, run{', dbt' * (len(group) > 1)}"):
                interleave([group[0].baseline, *(c.measured for c in group)], runs, env, folder)
            same_rows(folder / f"retail_{size}.duckdb")
            cases += group
    table = rows(cases)
    show(table, runs)
    if not args.no_report:
        report(table, runs, orders)


if __name__ == "__main__":
    main()
