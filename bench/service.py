"""The HTTP service under load: N runs submitted at once on the demo database.

`datamorph serve` runs in its own process (uvicorn, the real app) on a free loopback port,
against a fresh demo database. The bench submits N runs at the same moment (POST /start with
the seed request, each to its own target table so they do not replace each other's output),
then polls GET /api/runs/{id} for every run concurrently until all are terminal. It reports
the status counts (all should complete), p50/p95/max latency of the status requests made
while runs were in flight, and runs per minute from the first submit to the last completion.

Prints a table and appends it to docs/benchmarks.md.

    .venv/bin/python bench/service.py [--runs 8] [--workers 4] [--orders 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from common import append_report as write_report
from common import machine
from datamorph.demo.showcase import build_demo_database, demo_spec

TERMINAL = {"completed", "failed", "needs_attention"}
POLL_PAUSE = 0.02  # seconds between one poller's status requests
TIMEOUT = 300.0
console = Console()


@dataclass
class Load:
    runs: int
    workers: int
    orders: int
    statuses: Counter[str] = field(default_factory=Counter)
    submit_ms: list[float] = field(default_factory=list)
    status_ms: list[float] = field(default_factory=list)
    run_seconds: list[float] = field(default_factory=list)
    wall: float = 0.0

    @property
    def runs_per_minute(self) -> float:
        return self.runs / self.wall * 60 if self.wall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8, help="runs submitted at once")
    parser.add_argument("--workers", type=int, default=4, help="the service's worker pool")
    parser.add_argument("--orders", type=int, default=10_000, help="demo database size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dm-bench-service-") as scratch:
        load = Load(args.runs, args.workers, args.orders)
        with serve(Path(scratch), args.workers, args.orders) as base:
            asyncio.run(drive(base, load))
    show(load)
    append_report(load)


class serve:
    """`datamorph serve` in a subprocess, on a fresh demo database; yields its base URL."""

    def __init__(self, scratch: Path, workers: int, orders: int) -> None:
        self.scratch = scratch
        self.workers = workers
        self.orders = orders
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        database = self.scratch / "demo.duckdb"
        build_demo_database(database, orders=self.orders)
        port = _free_port()
        env = os.environ | {"DATAMORPH_HOME": str(self.scratch / ".datamorph")}
        env.pop("DATAMORPH_API_TOKEN", None)
        command = [sys.executable, "-m", "datamorph.cli", "serve", "--port", str(port)]
        command += ["--database", str(database), "--workers", str(self.workers)]
        self.process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, self.process)
        return base

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=60)


async def drive(base: str, load: Load) -> None:
    limits = httpx.Limits(max_connections=4 * load.runs)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        run_ids = await asyncio.gather(*(_submit(client, load, i) for i in range(load.runs)))
        pending = set(run_ids)
        await asyncio.gather(*(_poll(client, load, run_id, pending) for run_id in run_ids))
        load.wall = time.perf_counter() - started
        for run_id in run_ids:
            run = (await client.get(f"/api/runs/{run_id}")).json()
            load.statuses[run["status"]] += 1
            took = datetime.fromisoformat(run["updated_at"]) - datetime.fromisoformat(
                run["created_at"]
            )
            load.run_seconds.append(took.total_seconds())


async def _submit(client: httpx.AsyncClient, load: Load, index: int) -> str:
    body = {"user_prompt": demo_spec().description, "target_table": f"bench_service_{index}"}
    started = time.perf_counter()
    response = await client.post("/start", json=body)
    load.submit_ms.append((time.perf_counter() - started) * 1000)
    response.raise_for_status()
    run_id: str = response.json()["run_id"]
    return run_id


async def _poll(client: httpx.AsyncClient, load: Load, run_id: str, pending: set[str]) -> None:
    """Poll one run until it ends; and keep polling while others run, so every status
    request counted was made under the load of the runs still in flight."""
    deadline = time.monotonic() + TIMEOUT
    while pending and time.monotonic() < deadline:
        started = time.perf_counter()
        response = await client.get(f"/api/runs/{run_id}")
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        if pending:
            load.status_ms.append(elapsed)
        if response.json()["status"] in TERMINAL:
            pending.discard(run_id)
        await asyncio.sleep(POLL_PAUSE)
    if pending:
        raise SystemExit(f"runs still going after {TIMEOUT} s: {sorted(pending)}")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def rows(load: Load) -> list[tuple[str, str]]:
    counts = ", ".join(f"{status} {n}" for status, n in sorted(load.statuses.items()))
    done = load.statuses["completed"] == load.runs
    return [
        ("runs submitted at once", f"{load.runs} (worker pool {load.workers})"),
        ("outcome", f"{counts}" + (" (all completed)" if done else " (NOT all completed)")),
        ("status requests under load", f"{len(load.status_ms):,}"),
        ("status latency p50", f"{statistics.median(load.status_ms):.1f} ms"),
        ("status latency p95", f"{_percentile(load.status_ms, 0.95):.1f} ms"),
        ("status latency max", f"{max(load.status_ms):.1f} ms"),
        ("/start latency p50", f"{statistics.median(load.submit_ms):.1f} ms"),
        ("run duration p50 (queue excluded)", f"{statistics.median(load.run_seconds):.2f} s"),
        ("wall time, first submit to last end", f"{load.wall:.2f} s"),
        ("runs per minute", f"{load.runs_per_minute:.0f}"),
    ]


def show(load: Load) -> None:
    table = Table(title=f"service under load, demo database {load.orders:,} orders ({machine()})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for measure, value in rows(load):
        table.add_row(measure, value)
    console.print(table)


def append_report(load: Load) -> None:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n## bench/service.py, {load.runs} runs at once, {load.orders:,} orders, {stamp}\n",
        f"Machine: {machine()}.",
        f"`datamorph serve` in its own process (uvicorn, worker pool {load.workers}); {load.runs}",
        "POST /start of the seed request at the same moment, each to its own table; every run",
        "polled with GET /api/runs/{id} (the full detail: spec, code, reports, preview) until",
        "all ended. Latencies are of the status requests made while runs were in flight; runs",
        "per minute from the first submit to the last completion.\n",
        "| measure | value |",
        "|---|---|",
        *(f"| {measure} | {value} |" for measure, value in rows(load)),
        "",
    ]
    write_report(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(base: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"datamorph serve exited with code {process.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit(f"{base} did not answer within {timeout} s")


if __name__ == "__main__":
    main()
