"""The golden prompt sets: plain-English requests, each with a hand-written reference query.

`load_golden("demo")` reads golden_demo.json (the retail demo database), `load_golden("hr")`
golden_hr.json (the HR database of hr_data.py); `build_golden_database(name, path)` creates the
database a set is written against. A planner passes a prompt when its spec, compiled and run,
returns what the reference returns (see judge.py).

Conventions of the references, so that a result is judged on meaning, not on layout:
- the reference selects only what the request needs: the key of each row (customer_id for "per
  customer", order_id for "orders with ...") and the values the request asks for or ranks by;
  extra result columns are fine, so a planner may add names, labels or every column;
- values are matched literally: "completed orders" is status = 'completed' exactly (the dirty
  variants 'COMPLETED' and ' completed' are other values), "in 2024" is the calendar year;
- a time grain is the first day of the period (date_trunc);
- `ordered` is true only when the request asks for an order (top N, "sorted by", "highest
  first"); every ordered reference is tie-free on its sort keys, limit included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb

from datamorph.demo.showcase import build_demo_database

from .hr_data import build_hr

HERE = Path(__file__).parent
GOLDEN_SETS = ("demo", "hr")
CATEGORIES = (
    "lookup",
    "filter",
    "aggregate",
    "group",
    "join",
    "left_join",
    "having",
    "time_grain",
    "date_range",
    "top_n",
    "derived",
    "distinct",
    "null",
    "boolean",
    "combined",
)
# The databases the sets are written against (the references depend on these exact sizes).
DEMO_ORDERS, DEMO_SEED = 2_000, 7
HR_SEED = 1


@dataclass(frozen=True)
class GoldenPrompt:
    id: str
    category: str
    prompt: str
    reference_sql: str
    ordered: bool
    set: str


def golden_path(name: str) -> Path:
    if name not in GOLDEN_SETS:
        raise ValueError(f"unknown golden set {name!r}; expected one of {GOLDEN_SETS}")
    return HERE / f"golden_{name}.json"


def load_golden(name: str) -> list[GoldenPrompt]:
    entries = json.loads(golden_path(name).read_text())
    return [
        GoldenPrompt(
            id=entry["id"],
            category=entry["category"],
            prompt=entry["prompt"],
            reference_sql=entry["reference_sql"],
            ordered=bool(entry["ordered"]),
            set=name,
        )
        for entry in entries
    ]


def build_golden_database(name: str, path: Path) -> Path:
    """Create the DuckDB file the set `name` is written against; returns `path`."""
    golden_path(name)  # validates the name
    if name == "demo":
        build_demo_database(path, orders=DEMO_ORDERS, seed=DEMO_SEED)
    else:
        with duckdb.connect(str(path)) as con:
            build_hr(con, seed=HR_SEED)
            con.execute("CHECKPOINT")
    return path
