"""Spark: what a `datamorph run` costs on Spark local[2] over the same SQL through raw
`spark.sql`, and against DuckDB, whole processes.

TPC-H at --scale (tpchgen-cli), Q1, Q3, Q5, Q6, Q18 as specs (examples/tpch/), loaded once
(not timed) into a DuckDB file and into a Spark warehouse with its Derby metastore. Then, per
query, four fresh processes, interleaved, median and min/max of --repeat each:

- datamorph-spark: `datamorph run --spec Q --database spark:local[2] --json` (session start,
  catalog, check, compile, stage, validate, publish, run store);
- raw-spark: `python -c` building a SparkSession with the settings datamorph's session uses
  (engines/spark_session.py) and writing `spark.sql(<the compiled Spark SQL>)` to a table with
  `saveAsTable`; the child prints its session start-up and query seconds, so start-up is
  reported apart;
- datamorph-duckdb: `datamorph run --spec Q --database tpch.duckdb --json`;
- raw-duckdb: `python -c` running `CREATE OR REPLACE TABLE raw AS <the compiled DuckDB SQL>`.

Every datamorph run must complete with validation "pass" (the script stops otherwise). The
Spark runs' step times are read back from the run store's events. Only one JVM touches the
warehouse at a time (embedded Derby admits one). Prints a table and appends it to
docs/benchmarks.md.

    .venv/bin/python bench/spark.py [--scale 1] [--repeat 3] [--queries q01,q06] [--keep]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from rich.console import Console
from rich.table import Table

from common import append_report, machine
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs.store import RunStore
from datamorph.spec import Spec
from datamorph.spec.model import TargetTable

REPO = Path(__file__).resolve().parents[1]
console = Console()
DATAMORPH = [sys.executable, "-m", "datamorph.cli"]
MASTER = "local[2]"
TPCH_QUERIES = ["q01", "q03", "q05", "q06", "q18"]
TPCH_TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]

# One child process loads the Parquet files into the Spark warehouse and compiles each spec
# against the Spark catalog; its JVM (and Derby's lock) is gone when it exits.
SPARK_SETUP = """
import json, sys
from pathlib import Path
from datamorph.codegen.sql import compile_sql
from datamorph.engines.spark import SparkEngine
from datamorph.spec import Spec
from datamorph.spec.model import TargetTable
root, data, master = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
tables, specs = sys.argv[4].split(","), sys.argv[5:]
engine = SparkEngine(master, warehouse=root)
for name in tables:
    staging = engine.stage_file(data / f"{name}.parquet", f"load_{name}")
    engine.publish(staging, TargetTable(name=name))
catalog = engine.catalog(samples=0)
sql = {spec: compile_sql(Spec.load(spec), catalog, "spark") for spec in specs}
print(json.dumps(sql))
engine.spark.stop()
"""

# Raw Spark: the session datamorph's spark_session._start builds (same master, warehouse, Hive
# catalog on the same Derby metastore, shuffle partitions, AQE, ANSI, time zone), then the SQL.
RAW_SPARK = """
import time
started = time.perf_counter()
import json, sys
from pathlib import Path
from pyspark.sql import SparkSession
root, master, sql, table = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
metastore = f"jdbc:derby:;databaseName={root / 'metastore_db'};create=true"
spark = (
    SparkSession.builder.master(master)
    .appName("datamorph-bench-raw")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.warehouse.dir", str(root / "warehouse"))
    .config("spark.sql.catalogImplementation", "hive")
    .config("spark.hadoop.javax.jdo.option.ConnectionURL", metastore)
    .config("spark.ui.showConsoleProgress", "false")
    .config("spark.driver.extraJavaOptions", f"-Dderby.stream.error.file={root / 'derby.log'}")
    .config("spark.sql.shuffle.partitions", "4")
    .config("spark.sql.adaptive.enabled", "true")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.ansi.enabled", "true")
    .config("spark.sql.ansi.doubleQuotedIdentifiers", "true")
    .config("spark.sql.runSQLOnFiles", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("OFF")
ready = time.perf_counter()
spark.catalog.listTables()  # the Hive client and Derby start on the first catalog call
opened = time.perf_counter()
spark.sql(sql).write.mode("overwrite").format("parquet").saveAsTable(table)
done = time.perf_counter()
spark.stop()
print(json.dumps({"startup": ready - started, "metastore": opened - ready, "query": done - opened}))
"""

RAW_DUCKDB = (
    "import duckdb,sys; c=duckdb.connect(sys.argv[1]); "
    "c.execute('CREATE OR REPLACE TABLE ' + sys.argv[3] + ' AS ' + sys.argv[2]); c.close()"
)


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """Seconds of a whole process and its stdout; a failure stops the bench, said verbatim."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=3600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(
            f"{shlex.join(command[:8])} ... failed (exit {done.returncode}):\n"
            f"stdout: {done.stdout[-1500:]}\nstderr: {done.stderr[-1500:]}"
        )
    return elapsed, done.stdout


def datamorph_run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """A `datamorph run --json`: its seconds and run id; it must complete with validation pass."""
    elapsed, out = timed(command, env, cwd)
    result = json.loads(out.strip().splitlines()[-1])
    if result.get("status") != "completed" or result.get("validation_status") != "pass":
        raise SystemExit(f"{shlex.join(command[3:])}: not a clean run: {result}")
    return elapsed, result["run_id"]


def figures(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} ({min(samples):.2f}-{max(samples):.2f})"


def ratio(a: list[float], b: list[float]) -> str:
    return f"{statistics.median(a) / statistics.median(b):.2f}"


HEADERS = (
    "query",
    "datamorph spark (s)",
    "raw spark (s)",
    "ratio",
    "datamorph duckdb (s)",
    "spark/duckdb",
    "raw duckdb (s)",
)
VARIANTS = ("dm_spark", "raw_spark", "dm_duck", "raw_duck")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", default=",".join(TPCH_QUERIES), help="q01,q03,...")
    parser.add_argument("--keep", action="store_true", help="keep the data directory")
    args = parser.parse_args()
    queries = [q.strip() for q in args.queries.split(",") if q.strip()]
    for query in queries:
        Spec.load(REPO / "examples" / "tpch" / f"{query}.json")  # a broken example fails here
    root = Path(tempfile.mkdtemp(prefix="datamorph-bench-spark-"))
    began = time.perf_counter()
    try:
        measured = measure(root, queries, args)
    finally:
        if args.keep:
            console.print(f"data kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    wall = time.perf_counter() - began
    rows = table_rows(measured["samples"], args.scale)
    table = Table(title=f"DataMorph on Spark {MASTER} vs raw spark.sql and DuckDB ({machine()})")
    for name in HEADERS:
        table.add_column(name)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    notes = readings(measured)
    for line in notes:
        console.print(line)
    console.print(f"bench wall time: {wall / 60:.1f} min")
    report(rows, notes, args, wall)


def measure(root: Path, queries: list[str], args: argparse.Namespace) -> dict:
    """Set up (not timed), then the four variants per query, interleaved, --repeat rounds."""
    data, warehouse, duck = root / "tpch", root / "spark", root / "tpch.duckdb"
    env = {
        **os.environ,
        "DATAMORPH_HOME": str(root / "home"),
        "DATAMORPH_SPARK_WAREHOUSE": str(warehouse),
    }
    specs = {q: REPO / "examples" / "tpch" / f"{q}.json" for q in queries}
    tpchgen = shutil.which("tpchgen-cli") or str(Path(sys.executable).parent / "tpchgen-cli")
    with console.status(f"TPC-H SF {args.scale:g}: generating and loading (not timed)..."):
        subprocess.run(
            [tpchgen, "parquet", "-s", f"{args.scale:g}", f"--output-dir={data}"],
            check=True,
            capture_output=True,
        )
        with DuckDBEngine(duck, create=True, files=[data / "*.parquet"]) as engine:
            for name in TPCH_TABLES:
                staging = engine.stage_file(data / f"{name}.parquet", f"load_{name}")
                engine.publish(staging, TargetTable(name=name))
            catalog = engine.catalog(samples=0)
        duck_sql = {q: compile_sql(Spec.load(specs[q]), catalog, "duckdb") for q in queries}
        setup = [
            sys.executable, "-c", SPARK_SETUP, str(warehouse), str(data), MASTER,
            ",".join(TPCH_TABLES), *(str(specs[q]) for q in queries),
        ]  # fmt: skip
        _, out = timed(setup, env, root)  # its JVM has exited: Derby's lock is free
        compiled = json.loads(out.strip().splitlines()[-1])
        spark_sql = {q: compiled[str(specs[q])] for q in queries}
    samples: dict[str, dict[str, list[float]]] = {q: {v: [] for v in VARIANTS} for q in queries}
    child: dict[str, list[float]] = defaultdict(list)  # the raw Spark child's own timings
    spark_runs: list[tuple[str, str, float]] = []  # query, run id, whole-process seconds
    for query in queries:
        target = f"bench_{query}"
        on_spark = [
            *DATAMORPH, "run", "--spec", str(specs[query]), "--database", f"spark:{MASTER}",
            "--target", target, "--json",
        ]  # fmt: skip
        on_duck = [
            *DATAMORPH, "run", "--spec", str(specs[query]), "--database", str(duck),
            "--target", target, "--json",
        ]  # fmt: skip
        raw_spark = [
            sys.executable, "-c", RAW_SPARK, str(warehouse), MASTER, spark_sql[query],
            f"raw_{query}",
        ]  # fmt: skip
        raw_duck = [sys.executable, "-c", RAW_DUCKDB, str(duck), duck_sql[query], f"raw_{query}"]
        got = samples[query]
        for round_ in range(args.repeat):
            with console.status(f"TPC-H {query}, round {round_ + 1}/{args.repeat}..."):
                seconds, run_id = datamorph_run(on_spark, env, root)
                got["dm_spark"].append(seconds)
                spark_runs.append((query, run_id, seconds))
                seconds, out = timed(raw_spark, env, root)
                got["raw_spark"].append(seconds)
                for name, value in json.loads(out.strip().splitlines()[-1]).items():
                    child[name].append(value)
                got["dm_duck"].append(datamorph_run(on_duck, env, root)[0])
                got["raw_duck"].append(timed(raw_duck, env, root)[0])
        console.print(f"{query}: " + ", ".join(f"{k} {figures(v)}" for k, v in got.items()))
    return {"samples": samples, "child": child, "steps": step_times(root / "home", spark_runs)}


def table_rows(samples: dict[str, dict[str, list[float]]], scale: float) -> list[tuple]:
    return [
        (
            f"TPC-H SF {scale:g} {query}",
            figures(got["dm_spark"]),
            figures(got["raw_spark"]),
            ratio(got["dm_spark"], got["raw_spark"]),
            figures(got["dm_duck"]),
            ratio(got["dm_spark"], got["dm_duck"]),
            figures(got["raw_duck"]),
        )
        for query, got in samples.items()
    ]


def step_times(home: Path, runs: list[tuple[str, str, float]]) -> dict[str, dict[str, list]]:
    """Seconds per step of each Spark run, from the run store's events: an event's step lasts
    until the next event. 'outside' is the process's time before the first event and after the
    last: imports and the session start-up (the engine opens before the run is recorded), JVM
    exit; 'planning' is the catalog: the metastore's first call and each table's columns."""
    per_query: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    with RunStore(home) as store:
        for query, run_id, whole in runs:
            events = store.events(run_id)
            totals: dict[str, float] = defaultdict(float)
            for event, following in pairwise(events):
                totals[event.step] += (following.time - event.time).total_seconds()
            totals["outside"] = whole - (events[-1].time - events[0].time).total_seconds()
            for step, total in totals.items():
                per_query[query][step].append(total)
    return per_query


def readings(measured: dict) -> list[str]:
    """The figures' sentences: start-up apart, the steps of a Spark run, the ratios' range."""
    child, samples, steps = measured["child"], measured["samples"], measured["steps"]
    raw_all = [s for got in samples.values() for s in got["raw_spark"]]
    startup = statistics.median(child["startup"])
    lines = [
        f"Spark session start-up, measured apart (raw child, from its first line to "
        f"getOrCreate): {figures(child['startup'])} s, {startup / statistics.median(raw_all):.0%}"
        f" of the raw child's median whole process; the metastore's first call (Hive client, "
        f"Derby): {figures(child['metastore'])} s; the query and its write: "
        f"{figures(child['query'])} s (all queries together)",
    ]
    order = ("outside", "planning", "checking", "generating", "executing", "validating")
    for query, by_step in steps.items():
        names = sorted(by_step, key=lambda s: order.index(s) if s in order else len(order))
        parts = ", ".join(f"{s} {statistics.median(by_step[s]):.2f}" for s in names)
        lines.append(f"{query}, `datamorph run` on Spark, median seconds per step: {parts}")
    lines.append(
        "('outside' is the time before the first event and after the last: imports, the session"
        " start-up, which comes before the run is recorded, and JVM exit; 'planning' is the"
        " catalog: the metastore's first call and each table's columns)"
    )
    extra = [
        statistics.median(got["dm_spark"]) - statistics.median(got["raw_spark"])
        for got in samples.values()
    ]
    lines.append(
        f"`datamorph run` on Spark minus the raw child, medians per query: {min(extra):+.1f} to"
        f" {max(extra):+.1f} s"
    )
    return lines


def report(rows: list, notes: list[str], args: argparse.Namespace, wall: float) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = shlex.join([".venv/bin/python", "bench/spark.py", *sys.argv[1:]])
    lines = [
        f"\n## Spark engine, {MASTER} ({stamp})\n",
        f"{machine()}; `{command}` ({wall / 60:.0f} min in all, set-up included). Whole",
        f"processes, fresh each time, interleaved, median (min-max) of {args.repeat}. 'raw spark'",
        "is `python -c` building a SparkSession with datamorph's settings and writing",
        "`spark.sql(<the same compiled SQL>)` with saveAsTable; 'ratio' is datamorph spark /",
        "raw spark; 'spark/duckdb' is `datamorph run` on Spark / `datamorph run` on DuckDB;",
        "'raw duckdb' is `python -c` running the DuckDB SQL into a table.\n",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
        *(f"- {line}." for line in notes),
        "",
    ]
    append_report(lines)


if __name__ == "__main__":
    main()
