"""Compiled for PostgreSQL, checked by execution: every spec the offline planner makes from the
golden request sets (retail and HR) gives DuckDB's rows on a real server, or is refused when
compiled, naming the construct. Never different rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph import plan
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import build_demo_database
from datamorph.engines import open_engine
from datamorph.engines.transfer import copy_tables
from datamorph.errors import UsageError
from datamorph.planning.base import PlanningError
from planning.hr_data import HR_TABLES, build_hr

pytestmark = pytest.mark.slow
PLANNING = Path(__file__).parent / "planning"
RETAIL = ("customers", "orders", "order_items", "payments", "products")


def _copy(database: Path, tables: tuple[str, ...], url: str, folder: Path) -> None:
    engine = open_engine(url, create=True)
    try:
        copy_tables(database, tables, engine, folder)
    finally:
        engine.close()


def _plain(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    def value(v: Any) -> Any:
        if v is None or isinstance(v, bool | int | str):
            return v
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return round(float(v), 4)

    return sorted((tuple(value(v) for v in row) for row in rows), key=repr)


@pytest.mark.parametrize("domain", ["retail", "hr"])
def test_every_planned_golden_spec_runs_the_same_on_postgres(
    domain: str, postgres: Any, tmp_path: Path
) -> None:
    database = tmp_path / f"{domain}.duckdb"
    if domain == "hr":
        with duckdb.connect(str(database)) as con:
            build_hr(con, seed=1)
        tables, golden = HR_TABLES, "golden_hr.json"
    else:
        build_demo_database(database, orders=5_000, seed=7)
        tables, golden = RETAIL, "golden_demo.json"
    url = (
        f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}"
        f"/postgres?schema=eq_{domain}"
    )
    _copy(database, tables, url, tmp_path)
    duck, pg = open_engine(str(database), read_only=True), open_engine(url, read_only=True)
    try:
        duck_catalog, pg_catalog = duck.catalog(samples=0), pg.catalog(samples=0)
        compared, refused, different = 0, [], []
        for case in json.loads((PLANNING / golden).read_text()):
            try:
                spec = plan(case["prompt"], database=str(database)).spec
            except (UsageError, PlanningError):
                continue  # the planner refused the request: nothing to compile
            try:
                pg_sql = compile_sql(spec, pg_catalog, "postgres")
            except UsageError as error:
                refused.append(f"{case['id']}: {error.message}")
                continue
            expected = _plain(duck.query(compile_sql(spec, duck_catalog, "duckdb")).rows)
            if _plain(pg.query(pg_sql).rows) != expected:
                different.append(case["id"])
            compared += 1
    finally:
        duck.close()
        pg.close()
    assert different == [], different
    assert compared >= 40, (compared, refused)
