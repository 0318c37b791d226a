"""`datamorph load` of a dirty CSV as the user runs it, beside raw DuckDB loading the same file.

Writes a CSV of N rows whose `order_date` is mostly ISO with some `31/12/2024`, whose `amount`
is mostly numbers with some `n/a`, and whose `note` is text. Then, interleaved, each in a fresh
process:

- `datamorph load FILE -t orders -d DB` (schema report, dirt scan, atomic publish);
- `datamorph load ... --date-format %d/%m/%Y --null n/a` (the fix the report suggests: typed);
- raw DuckDB: `CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv(FILE)` in a fresh
  `python -c` (what the sniffer alone gives: the dirty columns silently become VARCHAR).

Prints a table of medians (min-max) and appends it to docs/benchmarks.md.

    .venv/bin/python bench/load.py [--rows 50000 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import append_report, machine

BIN = Path(sys.executable).parent
RAW = (
    "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
    "con.execute('CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv(?)', [sys.argv[2]])"
)


def write_dirty_csv(path: Path, rows: int, seed: int = 16) -> None:
    rng = random.Random(seed)
    with path.open("w", newline="") as stream:
        out = csv.writer(stream)
        out.writerow(["order_id", "order_date", "amount", "note"])
        for i in range(1, rows + 1):
            day, month = rng.randint(1, 28), rng.randint(1, 12)
            date = f"{day:02d}/{month:02d}/2024" if i % 50 == 0 else f"2024-{month:02d}-{day:02d}"
            amount = "n/a" if i % 97 == 0 else f"{rng.uniform(1, 900):.2f}"
            out.writerow([i, date, amount, rng.choice(["gift", "", "rush order", "repeat"])])


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    # a fresh process each time, as the raw side's: never a warm server
    off = {**os.environ, "DATAMORPH_DAEMON": "off"}
    done = subprocess.run(command, capture_output=True, text=True, env=off)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[:300]}")
    return seconds


def commands(folder: Path, data: Path) -> dict[str, list[str]]:
    load = [str(BIN / "datamorph"), "load", str(data), "-t", "orders"]
    return {
        "datamorph load (reports dirt, loads as text)": [
            *load, "-d", str(folder / "a.duckdb"), "--json"
        ],
        "datamorph load --date-format --null (typed)": [
            *load, "-d", str(folder / "b.duckdb"), "--json",
            "--date-format", "%d/%m/%Y", "--null", "n/a",
        ],
        "raw DuckDB read_csv (fresh process)": [
            str(BIN / "python"), "-c", RAW, str(folder / "c.duckdb"), str(data)
        ],
    }  # fmt: skip


def measure(rows: int, repeat: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="dm-bench-load-") as name:
        folder = Path(name)
        data = folder / "orders.csv"
        write_dirty_csv(data, rows)
        runs = commands(folder, data)
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(repeat):  # interleaved: a slow moment of the machine hits every row
            for label, command in runs.items():
                times[label].append(timed(command))
        return times


def report(results: dict[int, dict[str, list[float]]], repeat: int) -> list[str]:
    lines = [
        "| rows | command | median s | min–max s | ÷ raw DuckDB |",
        "|---:|---|---:|---:|---:|",
    ]
    for rows, times in results.items():
        raw = statistics.median(times["raw DuckDB read_csv (fresh process)"])
        for label, seconds in times.items():
            median = statistics.median(seconds)
            lines.append(
                f"| {rows:,} | {label} | {median:.2f} | {min(seconds):.2f}–{max(seconds):.2f} "
                f"| {median / raw:.2f}× |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[50_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    results = {rows: measure(rows, args.repeat) for rows in args.rows}
    table = report(results, args.repeat)
    print("\n".join(table))
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    append_report(
        [
            "",
            f"## bench/load.py: loading a dirty CSV, whole processes ({stamp})",
            "",
            f"Machine: {machine()}. `bench/load.py --rows {' '.join(map(str, args.rows))} "
            f"--repeat {args.repeat}`: each command in a fresh process, interleaved, median and "
            "min–max. The CSV: 2 % of dates as `31/12/2024`, 1 % of amounts `n/a`. Raw DuckDB "
            "loads those two columns as VARCHAR without a word; `datamorph load` parses every "
            "value once more to report them (and with the suggested options loads them typed).",
            "",
            *table,
            "",
        ]
    )


if __name__ == "__main__":
    main()
