"""Whole processes, the way a user or a scheduler runs them: what the CLI costs on top of DuckDB.

Every figure is a fresh process started with subprocess, the commands of a group interleaved
(A, B, A, B, ...) so that a slow moment of the machine hits all of them; one untimed warm-up
round first. Median, min and max over N runs, the ratio and difference of medians, and each
process's own peak memory (`/usr/bin/time -f %M`, when GNU time is installed: a direct child of
this script inherits the script's RSS as its high-water mark, so wait4's ru_maxrss would be
wrong for small processes; time's own fork-exec adds about a millisecond to every command alike).
The cases and issue 17's targets are in cli_cases.py:

- start-up: `datamorph --help` and `datamorph compile --spec ...` beside `python -c pass` (the
  floor); target under 150 ms;
- per size: `datamorph run --spec ... --json` (the demo's spec, a private DATAMORPH_HOME) beside
  the same compiled SQL materialised by raw DuckDB in a fresh `python -c` (target 2.0 times at 100k,
  1.3 at 1M); a healing run (`--code examples/broken.sql`, which must heal in 1 iteration)
  beside the plain one, the difference being one healing iteration (target < 1 s at 100k); a
  run of hand-written SQL (`--code`; proven equivalent to the spec, and again as a CTE, which
  the prover leaves alone, so validation builds the reference) with its steps timed by the run's
  own events (`datamorph runs logs --json`; target validating ≤ 50 % of executing at 1M); and
  `dbt build` of the same model with unique + not_null tests when dbt-duckdb is installed;
- on the smallest size: a prompt the offline planner refuses (`needs_attention`, exit 1) beside
  one it completes: refusing may not cost more;
- planning from English at --plan-orders (10M; building that database takes minutes, so
  --plan-db reuses one, copied first): `datamorph plan --json` with a cold catalog cache and a
  warm one as whole processes, and, the target's figure (< 100 ms), `plan()` timed inside a
  fresh process with catalog and profile cached, and the planner's own time `plan` prints.

A run that fails (exit code, JSON status, iterations) stops the benchmark: timing failures
is worthless.

    .venv/bin/python bench/cli.py [--orders 100000,1000000] [--runs 7] [--plan-db PATH]
    .venv/bin/python bench/cli.py --quick --no-report  # N=3, 100k only, plan on the 100k db
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from rich.console import Console
from rich.table import Table

from cli_cases import (
    BIN,
    SPEC,
    Case,
    Command,
    Figure,
    datamorph,
    median_text,
    overhead_figures,
    planning_cases,
    prompt_case,
    size_cases,
    startup_cases,
)
from common import append_report, machine

ROOT = Path(__file__).resolve().parents[1]
TIME = Path("/usr/bin/time")  # GNU time, for each process's own peak RSS
KEY = "customer_id"
RAW = (
    "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
    "con.execute('CREATE OR REPLACE TABLE t_raw AS ' + sys.argv[2]); con.close()"
)
TABLES = ("t_datamorph", "t_raw", "t_heal", "t_code", "t_code_cte")  # what each size writes
console = Console(width=None if sys.stdout.isatty() else 200)  # piped: do not wrap at 80


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
        "DATAMORPH_DAEMON_DIR": str(folder / "daemon"),  # never a daemon the user started
        # the server `--daemon` starts, and never one the default mode would start mid-bench
        "DATAMORPH_DAEMON": "manual",
    }


def run_once(command: Command, env: dict[str, str], folder: Path) -> None:
    """Start one fresh process, time it, record its peak memory; stop everything on a failure."""
    if command.before is not None:
        command.before()
    rss_path = folder / "maxrss.txt"
    # GNU time forks the command from a small process: a direct child of this Python process
    # starts with our RSS as its high-water mark (wait4's ru_maxrss would report that instead).
    wrapper = [str(TIME), "-f", "%M", "-o", str(rss_path)] if TIME.exists() else []
    started = time.perf_counter()
    argv, cwd = [*wrapper, *command.argv], command.cwd or folder
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd)
    seconds = time.perf_counter() - started
    failure = command.check(done) if command.check else ""
    if failure:
        console.print(f"[red]{' '.join(command.argv[:4])} ... failed: {failure}[/red]")
        console.print((done.stderr or done.stdout).strip()[-2000:])
        raise SystemExit(1)
    command.seconds.append(seconds)
    if wrapper:  # KiB; the last line (time writes "Command exited ..." above it on failures)
        command.rss_kib.append(int(rss_path.read_text().split()[-1]))
    if command.read is not None:  # after the clock stopped: may start processes of its own
        command.figures.append(command.read(done))


def interleave(commands: list[Command], runs: int, env: dict[str, str], folder: Path) -> None:
    for command in commands:  # warm-up: OS cache, .pyc files, DuckDB's file; not timed
        run_once(command, env, folder)
        command.seconds.clear()
        command.rss_kib.clear()
        command.figures.clear()
    for _ in range(runs):
        for command in commands:
            run_once(command, env, folder)


def build_database(path: Path, orders: int, env: dict[str, str]) -> None:
    with console.status(f"datamorph demo --scale {orders:,} ..."):
        done = subprocess.run(
            datamorph("demo", "--scale", str(orders), "--database", str(path), "--json"),
            capture_output=True, text=True, env=env, cwd=path.parent,
        )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"datamorph demo failed: {(done.stderr or done.stdout).strip()[-2000:]}")


def planning_database(args: argparse.Namespace, folder: Path, env: dict[str, str]) -> Path:
    """A private copy of --plan-db (never someone else's file), else a new demo database."""
    path = folder / f"plan_{args.plan_orders}.duckdb"
    if args.plan_db is None:
        build_database(path, args.plan_orders, env)
        return path
    with console.status(f"copying {args.plan_db} ..."):
        shutil.copyfile(args.plan_db, path)
    with duckdb.connect(str(path), read_only=True) as con:
        (orders,) = con.execute("SELECT count(*) FROM orders").fetchone() or (0,)
    if orders != args.plan_orders:
        raise SystemExit(f"{args.plan_db} has {orders:,} orders, not {args.plan_orders:,}")
    return path


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
    return Command(argv, cwd=project, check=lambda d: "" if d.returncode == 0 else "dbt failed")


def measure_size(
    orders: int, folder: Path, env: dict[str, str], runs: int
) -> tuple[list[Case], list[Figure]]:
    database = folder / f"retail_{orders}.duckdb"
    build_database(database, orders, env)
    sql = compiled_sql(database, env)
    raw = Command([sys.executable, "-c", RAW, str(database), sql])
    cases, figures = size_cases(orders, database, raw, env)
    if dbt_available():
        dbt = dbt_project(folder, database, sql)
        cases.append(Case(f"`dbt build` ÷ raw DuckDB, {orders:,} orders", dbt, raw))
    else:
        console.print("dbt (dbt-core + dbt-duckdb) is not installed in the venv: dbt skipped")
    commands = [raw, *(c.measured for c in cases)]
    with console.status(f"{orders:,} orders: raw, run, healing run, --code run ..."):
        interleave(commands, runs, env, folder)
    same_rows(database)
    return cases, figures


def same_rows(database: Path) -> None:
    """Every command did the same work: the published tables and the raw one hold the same rows."""
    with duckdb.connect(str(database), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in TABLES}
    if len(set(counts.values())) != 1:
        raise SystemExit(f"{database.name}: row counts differ: {counts}")


def spread(command: Command) -> str:
    return median_text(command.seconds, "s")


def mib(command: Command) -> str:
    return f"{max(command.rss_kib) / 1024:.0f}" if command.rss_kib else "n/a"


MET = {True: "yes", False: "no", None: "—"}


def rows(cases: list[Case]) -> list[list[str]]:
    table = []
    for case in cases:
        measured = statistics.median(case.measured.seconds)
        baseline = statistics.median(case.baseline.seconds)
        met = case.judge(measured, baseline) if case.judge else None
        table.append(
            [case.label, spread(case.measured), spread(case.baseline),
             f"{measured / baseline:.2f}×", f"{measured - baseline:+.3f} s",
             f"{mib(case.measured)} / {mib(case.baseline)}", case.target, MET[met]]
        )  # fmt: skip
    return table


def figure_rows(figures: list[Figure]) -> list[list[str]]:
    table = []
    for figure in figures:
        values = figure.values()
        met = figure.judge(statistics.median(values)) if figure.judge else None
        table.append([figure.label, median_text(values, figure.unit), str(len(values)),
                      figure.target, MET[met]])  # fmt: skip
    return table


HEADERS = [
    "case", "measured median (min–max)", "baseline median (min–max)", "ratio", "difference",
    "peak RSS MiB (measured / baseline)", "target", "met?",
]  # fmt: skip
FIGURE_HEADERS = ["reported by the processes themselves", "median (min–max)", "N", "target",
                  "met?"]  # fmt: skip


def show(title: str, headers: list[str], table: list[list[str]]) -> None:
    view = Table(title=title)
    for header in headers:
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


def markdown(headers: list[str], table: list[list[str]]) -> list[str]:
    rule = "|" + "|".join("---" if i == 0 else "---:" for i in range(len(headers))) + "|"
    return ["| " + " | ".join(headers) + " |", rule, *("| " + " | ".join(r) + " |" for r in table)]


def report(tables: tuple[list[list[str]], list[list[str]]], command_line: str) -> None:
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    append_report([
        "",
        f"## bench/cli.py: the CLI as whole processes ({stamp})",
        "",
        f"Machine: {machine()}. Git HEAD {git_head()}. `{command_line}`: each command a fresh "
        "process, interleaved, after one untimed warm-up; median (min–max) of N, ratio and "
        "difference of medians, the largest max RSS seen. Raw DuckDB materialises the SQL "
        "`datamorph compile` prints in a fresh `python -c`. The second table holds figures the "
        "processes report: step times from the run's own events (`datamorph runs logs`), "
        "`plan()` timed inside a fresh process (imports and exit excluded), the planner's time "
        "as `datamorph plan` prints it (catalog and profile excluded).",
        "",
        *markdown(HEADERS, tables[0]),
        "",
        *markdown(FIGURE_HEADERS, tables[1]),
        "",
    ])  # fmt: skip


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", default="100000,1000000", help="comma-separated sizes")
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--plan-orders", type=int, default=10_000_000, help="planning's size")
    parser.add_argument("--plan-db", type=Path, help="a demo database of --plan-orders (copied)")
    parser.add_argument("--quick", action="store_true",
                        help="N=3, 100,000 orders only; planning on that database")  # fmt: skip
    parser.add_argument("--no-report", action="store_true", help="do not append to the report")
    parser.add_argument("--daemon", action="store_true",
                        help="with `datamorph daemon` running (untimed start)")  # fmt: skip
    return parser.parse_args()


def copy_of(database: Path, tag: str) -> Path:
    copy = database.with_name(f"{database.stem}_{tag}{database.suffix}")
    shutil.copy(database, copy)
    return copy


def daemon(env: dict[str, str], action: str) -> None:
    subprocess.run([str(BIN / "datamorph"), "daemon", action], env=env, check=True,
                   capture_output=True)  # fmt: skip


def main() -> None:
    args = arguments()
    runs = 3 if args.quick else args.runs
    orders = [100_000] if args.quick else [int(n) for n in args.orders.split(",")]
    with tempfile.TemporaryDirectory(prefix="dm-bench-cli-") as name:
        folder = Path(name)
        env = private_env(folder)
        if args.daemon:
            daemon(env, "start")
        small = folder / "small.duckdb"
        build_database(small, 1_000, env)
        cases = startup_cases(small)
        # its own copy: the runs it times write to the file, which would send `compile` past
        # the cached catalog every time
        inside, figures = overhead_figures(copy_of(small, "inproc"), 1_000)
        with console.status("start-up: python -c pass, --help, compile, in-process run ..."):
            interleave([cases[0].baseline, *(c.measured for c in cases), inside], runs, env,
                       folder)  # fmt: skip
        for size in orders:
            found = measure_size(size, folder, env, runs)
            cases += found[0]
            figures += found[1]
        prompts = prompt_case(folder / f"retail_{orders[0]}.duckdb", orders[0], folder / "cache")
        with console.status("prompts: refused, completed ..."):
            interleave([prompts.measured, prompts.baseline], runs, env, folder)
        cases.append(prompts)
        plan_orders = orders[0] if args.quick else args.plan_orders
        plan_db = folder / f"retail_{plan_orders}.duckdb"
        if not args.quick:
            plan_db = planning_database(args, folder, env)
        commands, plan_cases, plan_figures = planning_cases(plan_db, plan_orders, folder / "cache")
        with console.status(f"planning at {plan_orders:,} orders ..."):
            interleave(commands, runs, env, folder)
        cases += plan_cases
        figures += plan_figures
        if args.daemon:
            daemon(env, "stop")
    tables = rows(cases), figure_rows(figures)
    warm = ", `datamorph daemon` running" if args.daemon else ""
    title = f"bench/cli.py: whole processes{warm}, N={runs} ({machine()})"
    show(title, HEADERS, tables[0])
    show("figures the processes report about themselves", FIGURE_HEADERS, tables[1])
    if not args.no_report:
        report(tables, "bench/cli.py " + " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
