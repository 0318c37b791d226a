"""`datamorph demo`: build the seeded retail database, then run the sample pipeline on it."""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from datamorph.demo import DEFAULT_ORDERS
from datamorph.demo.data import generate_retail
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runner import RunResult, run
from datamorph.runs import RunStore
from datamorph.spec import Spec


@dataclass
class DemoDatabase:
    path: Path | str  # a file, or a server URL as it may be shown
    rows: dict[str, int]
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return sum(self.rows.values()) / self.seconds if self.seconds else 0.0


def demo_spec() -> Spec:
    text = resources.files("datamorph.demo").joinpath("customer_order_summary.json").read_text()
    return Spec.from_json(text, source="customer_order_summary.json")


def build_demo_database(
    path: Path, *, orders: int = DEFAULT_ORDERS, seed: int = 42
) -> DemoDatabase:
    with DuckDBEngine(path, create=True) as engine:
        started = time.perf_counter()
        rows = generate_retail(engine.con, orders=orders, seed=seed)
        seconds = time.perf_counter() - started
        engine.execute("CHECKPOINT")
    return DemoDatabase(path=path, rows=rows, seconds=seconds)


def run_demo_pipeline(database: Path | str, store: RunStore | None = None) -> RunResult:
    return run(demo_spec(), database=str(database), store=store)
