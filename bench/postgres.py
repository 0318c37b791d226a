"""PostgreSQL: what a `datamorph run` costs over the same SQL run with psql, whole processes.

On a throwaway PostgreSQL server (tests/pg_server.py) on this machine:
- the demo spec at --orders orders: `datamorph run` (a fresh process: catalog, check, compile,
  stage, validate, publish, run store) against `psql -c "CREATE TABLE ... AS <the same SQL>"`
  (a fresh process too), interleaved, median and min/max of --repeat each; and the same spec
  on DuckDB for reference (`datamorph run` against `python -c` running the SQL in duckdb);
- TPC-H at --scale (tpchgen-cli): Q1, Q3, Q5, Q6, Q18 as specs, `datamorph run` on
  PostgreSQL and on DuckDB, median of --repeat.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/postgres.py [--orders 1000000] [--scale 1] [--repeat 5]
                                       [--tpch-repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from common import append_report, machine

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
import pg_server  # noqa: E402  (the suite's throwaway server)
from datamorph.codegen.sql import compile_sql  # noqa: E402
from datamorph.demo.postgres_demo import build_demo_on_postgres  # noqa: E402
from datamorph.demo.showcase import build_demo_database, demo_spec  # noqa: E402
from datamorph.engines import open_engine  # noqa: E402
from datamorph.spec import Spec  # noqa: E402
from datamorph.spec.model import TargetTable  # noqa: E402

console = Console()
DATAMORPH = [sys.executable, "-m", "datamorph.cli"]
TPCH_QUERIES = ["q01", "q03", "q05", "q06", "q18"]
TPCH_TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {done.stderr[-500:]}")
    return time.perf_counter() - started


def figures(samples: list[float]) -> str:
    return f"{statistics.median(samples):.2f} ({min(samples):.2f}-{max(samples):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tpch-repeat", type=int, default=3)
    args = parser.parse_args()
    with pg_server.postgres_server() as server, tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "DATAMORPH_HOME": str(root / "home"), "PGPASSWORD": server.password}
        base = f"postgresql://postgres:{server.password}@{server.host}:{server.port}/postgres"
        rows = demo_rows(base, root, env, args)
        rows += tpch_rows(base, root, env, args)
    table = Table(title=f"PostgreSQL vs direct and vs DuckDB ({machine()})")
    for name in ("what", "datamorph run (s)", "direct (s)", "ratio"):
        table.add_column(name)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    report(rows, args)


def demo_rows(base: str, root: Path, env: dict[str, str], args: argparse.Namespace) -> list:
    url = f"{base}?schema=demo"
    with console.status(f"building the demo on PostgreSQL ({args.orders:,} orders)..."):
        build_demo_on_postgres(url, orders=args.orders)
        duck = root / "demo.duckdb"
        build_demo_database(duck, orders=args.orders)
    spec_file = root / "demo.json"
    spec_file.write_text(demo_spec().to_json())
    with open_engine(url) as engine:  # type: ignore[attr-defined]
        pg_sql = compile_sql(demo_spec(), engine.catalog(samples=0), "postgres")
    with open_engine(str(duck)) as engine:  # type: ignore[attr-defined]
        duck_sql = compile_sql(demo_spec(), engine.catalog(samples=0), "duckdb")
    psql = [
        str(pg_server.find_bindir() / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "-h", "127.0.0.1", "-p", base.rsplit(":", 1)[1].split("/")[0], "-U", "postgres",
        "-d", "postgres", "-c",
        "SET search_path TO demo; BEGIN; DROP TABLE IF EXISTS direct; "
        f"CREATE TABLE direct AS {pg_sql}; COMMIT;",
    ]  # fmt: skip
    duck_direct = [
        sys.executable, "-c",
        "import duckdb,sys; c=duckdb.connect(sys.argv[1]); "
        "c.execute('CREATE OR REPLACE TABLE direct AS ' + sys.argv[2])",
        str(duck), duck_sql,
    ]  # fmt: skip
    run_pg = [*DATAMORPH, "run", "--spec", str(spec_file), "-d", url, "--target", "via_dm"]
    run_duck = [*DATAMORPH, "run", "--spec", str(spec_file), "-d", str(duck), "--target", "via_dm"]
    samples: dict[str, list[float]] = {k: [] for k in ("pg", "psql", "duck", "duckdb")}
    with console.status("demo spec: interleaved runs..."):
        for _ in range(args.repeat):
            samples["pg"].append(seconds(run_pg, env))
            samples["psql"].append(seconds(psql, env))
            samples["duck"].append(seconds(run_duck, env))
            samples["duckdb"].append(seconds(duck_direct, env))
    ratio_pg = statistics.median(samples["pg"]) / statistics.median(samples["psql"])
    ratio_duck = statistics.median(samples["duck"]) / statistics.median(samples["duckdb"])
    label = f"demo spec, {args.orders:,} orders"
    pg, duck = ("pg", "psql"), ("duck", "duckdb")
    return [
        (f"{label}, PostgreSQL", *(figures(samples[k]) for k in pg), f"{ratio_pg:.2f}"),
        (f"{label}, DuckDB", *(figures(samples[k]) for k in duck), f"{ratio_duck:.2f}"),
    ]


def tpch_rows(base: str, root: Path, env: dict[str, str], args: argparse.Namespace) -> list:
    tpchgen = shutil.which("tpchgen-cli") or str(Path(sys.executable).parent / "tpchgen-cli")
    data = root / "tpch"
    url = f"{base}?schema=tpch"
    duck = root / "tpch.duckdb"
    with console.status(f"TPC-H SF {args.scale:g}: generating and loading..."):
        subprocess.run(
            [tpchgen, "parquet", "-s", f"{args.scale:g}", f"--output-dir={data}"],
            check=True,
            capture_output=True,
        )
        for target in (url, str(duck)):
            engine = open_engine(
                target, create=True, files=[data / "*.parquet"] if target == str(duck) else ()
            )
            try:
                for name in TPCH_TABLES:
                    staging = engine.stage_file(data / f"{name}.parquet", f"load_{name}")  # type: ignore[attr-defined]
                    engine.publish(staging, TargetTable(name=name))
            finally:
                engine.close()
    rows = []
    for query in TPCH_QUERIES:
        spec = REPO / "examples" / "tpch" / f"{query}.json"
        Spec.load(spec)  # a broken example fails here, not in a subprocess
        on_pg = [*DATAMORPH, "run", "--spec", str(spec), "-d", url]
        on_duck = [*DATAMORPH, "run", "--spec", str(spec), "-d", str(duck)]
        pg, dk = [], []
        with console.status(f"TPC-H {query}..."):
            for _ in range(args.tpch_repeat):
                pg.append(seconds(on_pg, env))
                dk.append(seconds(on_duck, env))
        ratio = statistics.median(pg) / statistics.median(dk)
        rows.append(
            (
                f"TPC-H SF {args.scale:g} {query}: PostgreSQL vs DuckDB",
                figures(pg),
                figures(dk),
                f"{ratio:.2f}",
            )
        )
    return rows


def report(rows: list, args: argparse.Namespace) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## PostgreSQL engine ({stamp})\n",
        f"{machine()}; PostgreSQL on the same machine (fsync off, a throwaway cluster). Whole",
        f"processes, interleaved, median (min-max) of {args.repeat} (TPC-H: {args.tpch_repeat}).",
        "For the demo rows, 'direct' is psql (PostgreSQL) or python + duckdb (DuckDB) running",
        "the same compiled SQL into a table; for TPC-H rows, the second column",
        "is `datamorph run` of the same spec on DuckDB.\n",
        "| what | datamorph run (s) | direct (s) | ratio |",
        "|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
    ]
    append_report(lines)


if __name__ == "__main__":
    main()
